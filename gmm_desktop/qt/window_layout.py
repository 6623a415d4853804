"""The main window's layout: panels, plot area, docks and status bar; the settings it keeps
between runs (geometry, docks, fit settings, speed); the help dock and the About box.

Texts keep the "MainWindow" translation context (``translate``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt
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
from .teach_view import TeachView, setup_from_window

if TYPE_CHECKING:
    from .main_window import MainWindow


def build_widgets(window: MainWindow) -> None:
    """The panels, the plot area over the replay bar, the two docks and the status bar
    (their signals are connected by the window)."""
    window.data_panel = DataPanel()
    window.parameter_panel = ParameterPanel()
    window.results_panel = ResultsPanel()
    window.plots = PlotArea()
    window.plots.setMinimumWidth(620)
    window.runs_panel = RunsPanel()
    window.agreement_panel = AgreementPanel()
    window.choose_k = ChooseKView()
    window.plots.addTab(window.choose_k, translate("MainWindow", "Choose K"))
    window.teach = TeachView(source=lambda: setup_from_window(window))
    window.plots.addTab(window.teach, translate("MainWindow", "Teach: EM step by step"))

    window.display = FitDisplay(
        window.state, window.plots, window.results_panel, window.runner.is_running, window
    )
    window.replay_slider = window.display.slider
    window.replay_label = window.display.replay_label
    window.iteration_label = window.display.iteration_label
    centre = QWidget()
    centre_layout = QVBoxLayout(centre)
    centre_layout.setContentsMargins(4, 4, 4, 4)
    centre_layout.addWidget(window.plots, 1)
    centre_layout.addLayout(window.display.replay_bar())
    window.setCentralWidget(centre)

    window.left_tabs = QTabWidget()
    window.left_tabs.addTab(window.data_panel, translate("MainWindow", "Data"))
    window.left_tabs.addTab(window.parameter_panel, translate("MainWindow", "Fit settings"))
    left = QDockWidget(translate("MainWindow", "Data and settings"), window)
    left.setObjectName("dock_data")
    left.setWidget(window.left_tabs)
    left.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, left)
    right = QDockWidget(translate("MainWindow", "Results"), window)
    right.setObjectName("dock_results")
    window.right_tabs = QTabWidget()
    window.right_tabs.addTab(window.results_panel, translate("MainWindow", "Components"))
    window.right_tabs.addTab(window.runs_panel, translate("MainWindow", "Runs"))
    window.right_tabs.addTab(window.agreement_panel, translate("MainWindow", "Agreement"))
    right.setWidget(window.right_tabs)
    right.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, right)
    window.resizeDocks([left, right], [420, 370], Qt.Orientation.Horizontal)

    window.status_label = QLabel(translate("MainWindow", "Ready"))
    window.progress = QProgressBar()
    window.progress.setMaximumWidth(220)
    window.progress.setVisible(False)
    window.statusBar().addWidget(window.status_label, 1)
    window.statusBar().addPermanentWidget(window.iteration_label)
    window.statusBar().addPermanentWidget(window.progress)


def restore_settings(window: MainWindow) -> None:
    """Geometry, dock layout, fit settings and speed as the window was last closed."""
    geometry = window.settings.value("window/geometry")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    else:
        window.resize(1500, 900)
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
