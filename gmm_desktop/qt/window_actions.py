"""The main window's actions, menus and toolbar: texts, shortcuts, tips and where they go.

Texts keep the "MainWindow" translation context (``translate``), as when they were built in
the window's own methods.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel

from ..io.demo import demo_sets
from .i18n import QT_TRANSLATE_NOOP, translate
from .import_dialog import SETTINGS_KEY as PREVIEW_KEY
from .import_dialog import preview_wanted
from .language_menu import LanguageMenu
from .recent_files import RecentFiles
from .teach_lessons import build_lessons_menu, build_teach_action
from .window_layout import show_about, show_help

if TYPE_CHECKING:
    from .main_window import MainWindow

SPEEDS = (  # texts are translated where shown (translate)
    (QT_TRANSLATE_NOOP("MainWindow", "As fast as possible"), 0.0),
    (QT_TRANSLATE_NOOP("MainWindow", "50 iterations / s"), 0.02),
    (QT_TRANSLATE_NOOP("MainWindow", "10 iterations / s"), 0.1),
    (QT_TRANSLATE_NOOP("MainWindow", "4 iterations / s"), 0.25),
    (QT_TRANSLATE_NOOP("MainWindow", "1 iteration / s"), 1.0),
)


def _action(
    window: MainWindow,
    text: str,
    slot: object,
    shortcut: str | QKeySequence.StandardKey | None,
    tip: str,
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    label = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip} ({label})" if label else tip)
    action.setStatusTip(tip)
    action.triggered.connect(slot)
    return action


def build_actions(window: MainWindow) -> None:
    """Create the window's actions (``window.act_*``) with their shortcuts and tips."""
    window.act_open = _action(
        window,
        translate("MainWindow", "&Open…"),
        window.files.open_file_dialog,
        QKeySequence.StandardKey.Open,
        translate("MainWindow", "Open a data file"),
    )
    window.act_export = _action(
        window,
        translate("MainWindow", "&Export results…"),
        window.exports.export_results_dialog,
        "Ctrl+E",
        translate(
            "MainWindow", "Write parameters.csv, assignments.csv and history.csv into a folder"
        ),
    )
    window.act_export_plots = _action(
        window,
        translate("MainWindow", "Export all &plots…"),
        window.exports.export_plots_dialog,
        "Ctrl+Shift+E",
        translate(
            "MainWindow", "Write every plot of the current fit as a PNG picture into a folder"
        ),
    )
    window.act_export_iterations = _action(
        window,
        translate("MainWindow", "Export at &iterations…"),
        window.exports.export_iterations_dialog,
        None,
        translate("MainWindow", "Write the data plots as they were at chosen iterations"),
    )
    window.act_export_animation = _action(
        window,
        translate("MainWindow", "Export &animation…"),
        window.exports.export_animation_dialog,
        None,
        translate("MainWindow", "Write the fit as an animated GIF, one frame per iteration"),
    )
    window.act_report = _action(
        window,
        translate("MainWindow", "&Report…"),
        window.report_actions.report_dialog,
        None,
        translate("MainWindow", "Write a report of the fit (HTML or PDF) with a methods paragraph"),
    )
    window.act_script = _action(
        window,
        translate("MainWindow", "Export as &script…"),
        window.report_actions.script_dialog,
        None,
        translate("MainWindow", "Write a Python or R script that reproduces the fit"),
    )
    window.act_generate = _action(
        window,
        translate("MainWindow", "&Generate synthetic data…"),
        window.files.generate_synthetic_dialog,
        "Ctrl+G",
        translate("MainWindow", "Draw data from a mixture with parameters you choose"),
    )
    window.act_save_data = _action(
        window,
        translate("MainWindow", "Save generated &data…"),
        window.files.save_generated_data_dialog,
        None,
        translate("MainWindow", "Save the generated rows as a CSV file or an Excel workbook"),
    )
    window.act_truth = _action(
        window,
        translate("MainWindow", "&True values…"),
        window.files.true_values_dialog,
        None,
        translate(
            "MainWindow", "Type the parameters the data are known to come from, to compare the fit"
        ),
    )
    window.act_save_session = _action(
        window,
        translate("MainWindow", "&Save session…"),
        window.save_session_dialog,
        QKeySequence.StandardKey.Save,
        translate(
            "MainWindow",
            "Save the data file's name, the settings and the fit to come back to later",
        ),
    )
    window.act_open_session = _action(
        window,
        translate("MainWindow", "Open se&ssion…"),
        window.open_session_dialog,
        "Ctrl+Shift+O",
        translate("MainWindow", "Restore a saved session without refitting"),
    )
    window.act_quit = _action(
        window,
        translate("MainWindow", "&Quit"),
        window.close,
        QKeySequence.StandardKey.Quit,
        translate("MainWindow", "Quit"),
    )
    window.act_fit = _action(
        window,
        translate("MainWindow", "&Fit"),
        window.start_fit,
        "F5",
        translate("MainWindow", "Run EM from the start"),
    )
    window.act_pause = _action(
        window,
        translate("MainWindow", "&Pause"),
        window.toggle_pause,
        "F6",
        translate("MainWindow", "Pause or resume EM"),
    )
    window.act_step = _action(
        window,
        translate("MainWindow", "S&tep"),
        window.step_fit,
        "F7",
        translate("MainWindow", "Run one EM iteration"),
    )
    window.act_stop = _action(
        window,
        translate("MainWindow", "St&op"),
        window.stop_fit,
        "F8",
        translate("MainWindow", "Stop EM and keep the result"),
    )
    window.act_help = _action(
        window,
        translate("MainWindow", "&What is this?"),
        lambda: show_help(window),
        QKeySequence.StandardKey.HelpContents,
        translate("MainWindow", "Explain EM and each plot in a few sentences"),
    )
    window.act_teach = build_teach_action(window)


def _preview_action(window: MainWindow) -> QAction:
    """View > Preview files before opening: the import preview on (default) or off."""
    action = QAction(translate("MainWindow", "&Preview files before opening"), window)
    action.setCheckable(True)
    action.setChecked(preview_wanted(window.settings))
    action.setStatusTip(
        translate(
            "MainWindow",
            "Show the first rows, the column names and how the file is read before opening it",
        )
    )
    action.toggled.connect(lambda on: window.settings.setValue(PREVIEW_KEY, on))
    # the preview's own check box turns it off: the menu follows when the menu opens
    window.view_menu.aboutToShow.connect(lambda: action.setChecked(preview_wanted(window.settings)))
    return action


def build_menus_and_toolbar(window: MainWindow) -> None:
    """The menu bar (File, Data, Fit, View, Help) and the Fit toolbar with the speed box."""
    file_menu = window.menuBar().addMenu(translate("MainWindow", "&File"))
    file_menu.addAction(window.act_open)
    window.recent_menu = file_menu.addMenu(translate("MainWindow", "Open &recent"))
    window.demo_menu = file_menu.addMenu(translate("MainWindow", "&Demo data"))
    for demo in demo_sets():
        act = window.demo_menu.addAction(demo.title)
        act.setToolTip(demo.description)
        act.triggered.connect(lambda _=False, key=demo.key: window.open_demo(key))
    window.demo_menu.addSeparator()
    build_lessons_menu(window, window.demo_menu)
    file_menu.addSeparator()
    file_menu.addAction(window.act_open_session)
    file_menu.addAction(window.act_save_session)
    file_menu.addSeparator()
    file_menu.addAction(window.act_export)
    file_menu.addAction(window.act_export_plots)
    file_menu.addAction(window.act_export_iterations)
    file_menu.addAction(window.act_export_animation)
    file_menu.addAction(window.act_report)
    file_menu.addAction(window.act_script)
    file_menu.addSeparator()
    file_menu.addAction(window.act_quit)
    data_menu = window.menuBar().addMenu(translate("MainWindow", "&Data"))
    data_menu.addAction(window.act_generate)
    data_menu.addAction(window.act_save_data)
    data_menu.addAction(window.act_truth)
    fit_menu = window.menuBar().addMenu(translate("MainWindow", "F&it"))
    for act in (window.act_fit, window.act_pause, window.act_step, window.act_stop):
        fit_menu.addAction(act)
    window.view_menu = window.menuBar().addMenu(translate("MainWindow", "&View"))
    window.view_menu.addAction(window.act_teach)
    window.language_menu = LanguageMenu(window.settings, window)
    window.language_menu.sig_chosen.connect(window._on_language_chosen)
    window.view_menu.addMenu(window.language_menu)
    window.act_import_preview = _preview_action(window)
    window.view_menu.addAction(window.act_import_preview)
    help_menu = window.menuBar().addMenu(translate("MainWindow", "&Help"))
    help_menu.addAction(window.act_help)
    window.act_formulas = help_menu.addAction(
        translate("MainWindow", "How these numbers are &computed"), lambda: _show_formulas(window)
    )
    help_menu.addAction(translate("MainWindow", "&About GMM Desktop"), lambda: show_about(window))
    window.recent = RecentFiles(window.settings, window.recent_menu, window)
    window.recent.sig_open.connect(window.files.preview_and_open)

    bar = window.addToolBar(translate("MainWindow", "Fit"))
    bar.setObjectName("toolbar_fit")
    bar.addAction(window.act_open)
    bar.addSeparator()
    for act in (window.act_fit, window.act_pause, window.act_step, window.act_stop):
        bar.addAction(act)
    bar.addAction(window.act_teach)
    bar.addSeparator()
    bar.addWidget(QLabel(translate("MainWindow", " Speed: ")))
    window.speed_combo = QComboBox()
    for text, _ in SPEEDS:
        window.speed_combo.addItem(translate("MainWindow", text))
    window.speed_combo.setToolTip(translate("MainWindow", "Slow EM down to watch each iteration"))
    window.speed_combo.currentIndexChanged.connect(window._on_speed_combo_changed)
    bar.addWidget(window.speed_combo)


def _show_formulas(window: MainWindow) -> None:
    """Help > How these numbers are computed (imported when first asked for)."""
    from .formulas_help import show_formulas

    show_formulas(window)
