"""The main window's layout: panels, plot area, docks and status bar; the settings it keeps
between runs (geometry, docks, fit settings, speed); the help dock and the About box.

Texts keep the "MainWindow" translation context (``translate``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QLabel, QProgressBar, QTabWidget, QVBoxLayout, QWidget

from .agreement_panel import AgreementPanel
from .choose_k_view import ChooseKView
from .data_panel import DataPanel
from .fit_display import FitDisplay
from .i18n import translate
from .parameter_panel import ParameterPanel
from .plot_area import PlotArea
from .results_panel import ResultsPanel
from .runs_panel import RunsPanel
from .scrolling import scrolling
from .status_label import StatusLabel
from .teach_view import TeachView, setup_from_window

if TYPE_CHECKING:
    from .main_window import MainWindow

LAPTOP = QSize(1280, 720)  # the smallest screen every view must fit, docks included
DOCK_FEATURES = (
    QDockWidget.DockWidgetFeature.DockWidgetMovable
    | QDockWidget.DockWidgetFeature.DockWidgetClosable
    | QDockWidget.DockWidgetFeature.DockWidgetFloatable
)


def build_widgets(window: MainWindow) -> None:
    """The panels, the plot area over the replay bar, the two docks and the status bar
    (their signals are connected by the window)."""
    window.data_panel = DataPanel()
    window.parameter_panel = ParameterPanel()
    window.results_panel = ResultsPanel()
    window.plots = PlotArea()
    window.runs_panel = RunsPanel()
    window.agreement_panel = AgreementPanel()
    window.choose_k = ChooseKView()
    window.plots.add_view(
        window.choose_k,
        translate("MainWindow", "Choose K"),
        translate("MainWindow", "Compare numbers of components and covariance types by BIC"),
    )
    window.teach = TeachView(source=lambda: setup_from_window(window))
    window.plots.add_view(
        window.teach,
        translate("MainWindow", "Teach"),
        translate("MainWindow", "Teaching mode: EM one half-step at a time, formulas filled in"),
    )

    window.display = FitDisplay(
        window.state, window.plots, window.results_panel, window.runner.is_running, window
    )
    window.replay_slider = window.display.slider
    window.replay_label = window.display.replay_label
    window.iteration_label = window.display.iteration_label
    centre = QWidget()
    centre_layout = QVBoxLayout(centre)
    centre_layout.setContentsMargins(4, 4, 4, 4)
    window.sample_notice = QLabel()  # "showing 100,000 of 50,000,000 rows" (a large file)
    window.sample_notice.setWordWrap(True)
    window.sample_notice.setVisible(False)
    centre_layout.addWidget(window.sample_notice)
    centre_layout.addWidget(window.plots, 1)
    centre_layout.addLayout(window.display.replay_bar())
    window.setCentralWidget(centre)

    window.left_tabs = QTabWidget()
    window.left_tabs.addTab(window.data_panel, translate("MainWindow", "Data"))
    window.settings_page = scrolling(window.parameter_panel)
    window.left_tabs.addTab(window.settings_page, translate("MainWindow", "Fit settings"))
    left = QDockWidget(translate("MainWindow", "Data and settings"), window)
    left.setObjectName("dock_data")
    left.setWidget(window.left_tabs)
    left.setFeatures(DOCK_FEATURES)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, left)
    right = QDockWidget(translate("MainWindow", "Results"), window)
    right.setObjectName("dock_results")
    window.right_tabs = QTabWidget()
    # the summary and warnings above and below the table scroll with it on a short screen,
    # so the table keeps room for a band of components
    window.results_page = scrolling(window.results_panel)
    window.right_tabs.addTab(window.results_page, translate("MainWindow", "Components"))
    window.right_tabs.addTab(window.runs_panel, translate("MainWindow", "Runs"))
    window.right_tabs.addTab(window.agreement_panel, translate("MainWindow", "Agreement"))
    right.setWidget(window.right_tabs)
    right.setFeatures(DOCK_FEATURES)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, right)
    window.dock_data, window.dock_results = left, right

    window.status_label = StatusLabel(translate("MainWindow", "Ready"))
    window.progress = QProgressBar()
    window.progress.setMaximumWidth(220)
    window.progress.setVisible(False)
    window.statusBar().addWidget(window.status_label, 1)
    window.statusBar().addPermanentWidget(window.iteration_label)
    window.statusBar().addPermanentWidget(window.progress)


def add_view_toggles(window: MainWindow) -> None:
    """View menu: show or hide each dock, and put every panel back where it started."""
    window.view_menu.addSeparator()
    for dock in (window.dock_data, window.dock_results):
        window.view_menu.addAction(dock.toggleViewAction())
    window.view_menu.addAction(
        translate("MainWindow", "&Reset layout"), lambda: reset_layout(window)
    )


def reset_layout(window: MainWindow) -> None:
    """Both docks shown, docked on their sides, sized for the window's width."""
    for dock, area in (
        (window.dock_data, Qt.DockWidgetArea.LeftDockWidgetArea),
        (window.dock_results, Qt.DockWidgetArea.RightDockWidgetArea),
    ):
        dock.setFloating(False)
        window.addDockWidget(area, dock)
        dock.show()
    size_docks(window)


PLOT_ROOM = 600  # px: below this the docks give width back to the plots


def size_docks(window: MainWindow) -> None:
    """Share the width: about a quarter for each dock, the rest for the plots."""
    width = window.width()
    window.resizeDocks(
        [window.dock_data, window.dock_results],
        [int(width * 0.27), int(width * 0.24)],
        Qt.Orientation.Horizontal,
    )


FIRST_SIZE = QSize(1500, 900)
FRAME = QSize(20, 60)  # room a window manager takes around a window (title bar, borders)


def keep_plot_room(window: MainWindow) -> None:
    """After the window shrank (a smaller screen, un-maximising): when the plots are left
    narrower than ``PLOT_ROOM``, share the width out again; dock widths the user set on a
    roomy window are kept."""
    centre = window.centralWidget()
    if centre is not None and centre.width() < PLOT_ROOM:
        size_docks(window)


def first_size(window: MainWindow) -> tuple[QSize, bool]:
    """The size of a first start, and whether to start maximised: 1500 x 900 where the
    screen has room for it and its frame, else the screen's free area, maximised."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return FIRST_SIZE, False
    free = screen.availableGeometry().size()
    if (FIRST_SIZE + FRAME).boundedTo(free) == FIRST_SIZE + FRAME:
        return FIRST_SIZE, False
    return (free - FRAME).expandedTo(LAPTOP - FRAME), True


def restore_settings(window: MainWindow) -> None:
    """Geometry, dock layout, fit settings and speed as the window was last closed."""
    geometry = window.settings.value("window/geometry")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)  # Qt moves it back onto a smaller screen
    else:
        size, maximised = first_size(window)
        window.resize(size)
        if maximised:  # a laptop: the whole screen, as a student would make it anyway
            window.setWindowState(Qt.WindowState.WindowMaximized)
    size_docks(window)
    state = window.settings.value("window/state")
    if isinstance(state, QByteArray):
        window.restoreState(state)
    params = window.settings.value("fit/settings")
    if isinstance(params, dict):
        window.parameter_panel.from_settings(params)
    speed = window.settings.value("fit/speed", 0)
    try:
        window.speed_combo.setCurrentIndex(int(speed))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        pass


def save_settings(window: MainWindow) -> None:
    window.settings.setValue("window/geometry", window.saveGeometry())
    window.settings.setValue("window/state", window.saveState())
    window.settings.setValue("fit/settings", window.parameter_panel.to_settings())
    window.settings.setValue("fit/speed", window.speed_combo.currentIndex())
    window.settings.sync()


def show_help(window: MainWindow) -> None:
    """Help > What is this?: EM and each plot explained (a dock on the right)."""
    from .help_panel import HelpPanel

    dock = getattr(window, "help_dock", None)
    if dock is None:
        dock = QDockWidget(translate("MainWindow", "What is this?"), window)
        dock.setObjectName("dock_help")
        window.help_panel = HelpPanel()
        dock.setWidget(window.help_panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        window.help_dock = dock
    dock.show()
    dock.raise_()


def show_about(window: MainWindow) -> None:
    from .about_dialog import AboutDialog

    AboutDialog(window).exec()
