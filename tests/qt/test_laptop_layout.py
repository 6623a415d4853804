"""The window on a student's laptop: every view fits 1280x720 with both docks in sight."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QRect, QRectF, QSettings, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QToolTip

from gmm_desktop.io.demo import demo_path, demo_sets
from gmm_desktop.qt import i18n
from gmm_desktop.qt.data_panel import SIDE_BY_SIDE_WIDTH
from gmm_desktop.qt.main_window import MainWindow
from gmm_desktop.qt.plot_area import MINIMUM_WIDTH
from gmm_desktop.qt.runs_panel import STARTS_COLUMN, WARNINGS_COLUMN
from gmm_desktop.qt.window_layout import LAPTOP, first_size

from .screenshots import screenshot_folder
from .test_i18n import _clipped

TIMEOUT = 60_000
TITLE_BAR = 40  # px a window manager may take above the window on a 720-pixel screen


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp) -> Iterator[str]:
    if request.param != "en":
        assert i18n.install_translator(qapp, request.param) == request.param
    try:
        yield request.param
    finally:
        i18n.remove_translators(qapp)


def _window(qtbot, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings)
    w.setProperty("scripted", True)
    qtbot.addWidget(w)
    w.resize(LAPTOP.width(), LAPTOP.height() - TITLE_BAR)
    w.show()
    qtbot.waitExposed(w)
    return w


def _inside(inner: QRect, outer: QRect) -> bool:
    return outer.contains(inner.topLeft()) and outer.contains(inner.bottomRight())


def _layout_problems(w: MainWindow) -> list[str]:
    """What does not fit at the window's current size (empty when all is well)."""
    problems = []
    hint = w.minimumSizeHint()
    if hint.width() > LAPTOP.width() or hint.height() > LAPTOP.height() - TITLE_BAR:
        problems.append(f"minimum size {hint.width()}x{hint.height()}")
    if w.width() > LAPTOP.width() or w.height() > LAPTOP.height() - TITLE_BAR:
        problems.append(f"the window grew to {w.width()}x{w.height()}")
    for dock in (w.dock_data, w.dock_results):
        if not dock.isVisible() or dock.isFloating() or dock.visibleRegion().isEmpty():
            problems.append(f"{dock.objectName()} is not in sight")
        elif not _inside(dock.geometry(), w.rect()):
            problems.append(f"{dock.objectName()} reaches outside the window: {dock.geometry()}")
    if w.plots.width() < MINIMUM_WIDTH:
        problems.append(f"the plots are {w.plots.width()} px wide")
    bar = w.plots.tabBar()
    for i in range(bar.count()):
        if bar.isTabVisible(i) and not _inside(bar.tabRect(i), bar.rect()):
            problems.append(f"plot tab {bar.tabText(i)!r} is out of sight")
    if not _inside(w.statusBar().geometry(), w.rect()):
        problems.append("the status bar is off the window")
    return problems + _clipped(w)


@pytest.mark.parametrize("key", [d.key for d in demo_sets()])
def test_every_demo_fits_a_1280x720_screen(qtbot, qapp, tmp_path, language, key) -> None:
    w = _window(qtbot, tmp_path)
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_file(demo_path(key), remember=False)
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT):
        w.act_fit.trigger()
    problems = []
    for page in range(w.left_tabs.count()):  # Data, then Fit settings
        w.left_tabs.setCurrentIndex(page)
        for tab in range(w.right_tabs.count()):  # Components, Runs, Agreement
            w.right_tabs.setCurrentIndex(tab)
            qapp.processEvents()
            problems += [f"left {page}, right {tab}: {p}" for p in _layout_problems(w)]
    w.grab().save(str(screenshot_folder(tmp_path) / f"laptop_{key}_{language}.png"))
    w.close()
    assert not problems, "\n".join(problems)


def test_a_hidden_dock_comes_back_from_the_view_menu(qtbot, tmp_path) -> None:
    w = _window(qtbot, tmp_path)
    toggle = w.dock_results.toggleViewAction()
    assert toggle in w.view_menu.actions()
    toggle.trigger()
    assert not w.dock_results.isVisible()
    toggle.trigger()
    assert w.dock_results.isVisible()
    w.dock_data.setFloating(True)
    w.dock_results.close()
    reset = next(a for a in w.view_menu.actions() if a.text().replace("&", "") == "Reset layout")
    reset.trigger()
    assert w.dockWidgetArea(w.dock_data) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert not w.dock_data.isFloating()
    assert w.dock_results.isVisible()
    assert w.dock_data.features() & QDockWidget.DockWidgetFeature.DockWidgetClosable


def test_the_data_panel_stacks_its_preview_when_narrow(qtbot, tmp_path) -> None:
    w = _window(qtbot, tmp_path)
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_file(demo_path("heights"), remember=False)
    splitter = w.data_panel._splitter
    w.resize(1700, 900)  # room for a wide data dock beside the plots and the results
    w.resizeDocks([w.dock_data], [SIDE_BY_SIDE_WIDTH + 80], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: splitter.orientation() == Qt.Orientation.Horizontal, timeout=5000)
    w.resizeDocks([w.dock_data], [SIDE_BY_SIDE_WIDTH - 200], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: splitter.orientation() == Qt.Orientation.Vertical, timeout=5000)


def test_plot_tabs_that_need_more_columns_are_hidden(qtbot, tmp_path) -> None:
    w = _window(qtbot, tmp_path)
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_file(demo_path("heights"), remember=False)
    plots = w.plots
    assert not plots.isTabVisible(plots.indexOf(plots.ellipses))
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_file(demo_path("clusters_2d"), remember=False)
    assert plots.isTabVisible(plots.indexOf(plots.ellipses))
    assert plots.isTabEnabled(plots.indexOf(plots.ellipses))
    assert all(plots.tabToolTip(i) for i in range(plots.count()))


class _Screen:
    def __init__(self, width: int, height: int) -> None:
        self._free = QRect(0, 0, width, height)

    def availableGeometry(self) -> QRect:
        return self._free


@pytest.mark.parametrize(
    ("free", "maximised"), [((1366, 738), True), ((1280, 690), True), ((1920, 1050), False)]
)
def test_a_first_start_fits_the_screen(qtbot, tmp_path, monkeypatch, free, maximised) -> None:
    w = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    monkeypatch.setattr(w, "screen", lambda: _Screen(*free))
    size, maximise = first_size(w)
    assert maximise is maximised
    assert size.width() <= free[0] and size.height() <= free[1]
    assert size.width() >= w.minimumSizeHint().width()


def _table_problems(w: MainWindow, where: str) -> list[str]:
    """What of the runs list and the component table is out of sight sideways."""
    problems = []
    results, runs = w.results_panel, w.runs_panel
    w.right_tabs.setCurrentWidget(w.results_page)
    QApplication.processEvents()
    table = results.table
    if table.horizontalScrollBar().maximum() > 0:
        problems.append(f"{where}: the component table scrolls sideways")
    right = table.columnViewportPosition(table.columnCount() - 1)
    right += table.columnWidth(table.columnCount() - 1)
    if right > table.viewport().width():
        problems.append(f"{where}: components end at {right} of {table.viewport().width()} px")
    shown = [table.item(r, c) for r in range(table.rowCount()) for c in range(table.columnCount())]
    texts = {item.text() for item in shown if item is not None}
    grid = results._grid
    missing = [c for column in grid.cells for c in column if c not in texts]
    if missing:
        problems.append(f"{where}: component values not in the table: {missing[:3]}")
    heads = {table.horizontalHeaderItem(c).text() for c in range(table.columnCount())}
    heads |= {item.text() for item in shown if item is not None and not item.flags() & SELECTABLE}
    if heads < {str(j + 1) for j in range(len(grid.cells))}:
        problems.append(f"{where}: components without a header: {heads}")
    labels = table.verticalHeader()
    if labels.sizeHint().width() > labels.width():
        problems.append(f"{where}: row labels are cut ({labels.width()} px)")
    w.right_tabs.setCurrentWidget(runs)
    QApplication.processEvents()
    table = runs.table
    if table.horizontalScrollBar().maximum() > 0:
        problems.append(f"{where}: the runs list scrolls sideways")
    width = table.viewport().width()
    for row in range(table.rowCount()):
        facts, height = runs.cards.card(row, width)
        columns = sorted(fact.column for fact in facts)
        if columns != list(range(table.columnCount())):
            problems.append(f"{where}: run {row + 1} shows columns {columns} only")
        outside = [fact.column for fact in facts if fact.rect.right() >= width]
        if outside:
            problems.append(f"{where}: run {row + 1}'s facts {outside} reach past {width} px")
        if table.rowHeight(row) < height:
            problems.append(f"{where}: run {row + 1}'s card is cut ({table.rowHeight(row)} px)")
    return problems


SELECTABLE = Qt.ItemFlag.ItemIsSelectable


@pytest.mark.parametrize("screen", [(1366, 768), (1280, 720)])
def test_runs_and_components_never_scroll_sideways(qtbot, qapp, tmp_path, language, screen):
    """Item 1 and 3 of issue 17: K = 2, 4 and 8 on a one-column and a four-column demo, the
    runs list and the component table wrap instead of needing a horizontal scroll bar."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings)
    w.setProperty("scripted", True)
    qtbot.addWidget(w)
    w.resize(screen[0], screen[1] - TITLE_BAR)
    w.show()
    qtbot.waitExposed(w)
    problems = []
    for key in ("heights", "iris"):
        with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
            w.open_file(demo_path(key), remember=False)
        for k in (2, 4, 8):
            panel = w.parameter_panel
            panel.set_config(panel.config().with_changes(n_components=k, seed=1))
            with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT):
                w.act_fit.trigger()
            problems += _table_problems(w, f"{key} K={k}")
        assert w.runs_panel.table.rowCount() == 3
        assert len(w.results_panel.bands) > 1  # K = 8 did wrap into bands
    folder = screenshot_folder(tmp_path)
    w.grab().save(str(folder / f"tables_{screen[0]}_{language}.png"))
    w.close()
    assert not problems, "\n".join(problems)


def test_a_run_card_tells_each_fact_on_hover(qtbot, qapp, tmp_path) -> None:
    w = _window(qtbot, tmp_path)
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_file(demo_path("heights"), remember=False)
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT):
        w.act_fit.trigger()
    w.right_tabs.setCurrentWidget(w.runs_panel)
    table = w.runs_panel.table
    qtbot.waitUntil(lambda: table.viewport().isVisible(), timeout=5000)
    facts, _ = w.runs_panel.cards.card(0, table.viewport().width())
    card = table.visualRect(table.model().index(0, 0))
    for fact in facts:
        if fact.column not in (STARTS_COLUMN, WARNINGS_COLUMN, 5):
            continue
        point = card.topLeft() + fact.rect.center()
        event = QHelpEvent(QEvent.Type.ToolTip, point, table.viewport().mapToGlobal(point))
        QApplication.sendEvent(table.viewport(), event)
        expected = table.item(0, fact.column).toolTip()
        qtbot.waitUntil(lambda expected=expected: QToolTip.text() == expected, timeout=5000)
    QToolTip.hideText()
    table.selectRow(0)  # a card selects, and shows again on a double-click
    assert w.runs_panel.selected_runs() == [1] and w.runs_panel.show_button.isEnabled()
    with qtbot.waitSignal(w.runs_panel.sig_show_run, timeout=5000):
        table.cellDoubleClicked.emit(0, 0)


@pytest.mark.parametrize("width", [240, 300, 420, 900])
def test_nine_components_of_five_columns_wrap_into_bands(qtbot, qapp, language, width) -> None:
    """The component table at K = 9 and d = 5 with long column names: no sideways scrolling at
    any dock width, every value and component header in the table, fewer bands when wider."""
    from gmm_desktop.engine import MixtureParams
    from gmm_desktop.qt.results_panel import ResultsPanel

    rng = np.random.default_rng(1)
    columns = ["reaction_time_ms", "accuracy", "age in years", "handedness_score", "sleep-hours"]
    params = MixtureParams.from_user(
        np.full(9, 1 / 9), rng.normal(0, 100, (9, 5)), standard_deviations=rng.uniform(1, 9, (9, 5))
    )
    panel = ResultsPanel()
    qtbot.addWidget(panel)
    panel.resize(width, 1400)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_params(params, columns, np.full(9, 111))
    table = panel.table
    labels = table.verticalHeader()
    qtbot.waitUntil(  # laid out for this width, and the row labels' header grown to fit them
        lambda: (
            panel._laid_out_width == panel._table_room()
            and labels.width() >= labels.sizeHint().width()
        ),
        timeout=5000,
    )
    assert table.horizontalScrollBar().maximum() == 0
    last = table.columnCount() - 1
    assert table.columnViewportPosition(last) + table.columnWidth(last) <= table.viewport().width()
    texts = [table.item(r, c).text() for r in range(table.rowCount())
             for c in range(table.columnCount()) if table.item(r, c) is not None]  # fmt: skip
    assert all(value in texts for column in panel._grid.cells for value in column)
    assert sorted(j for band in panel.bands for j in band) == list(range(9))
    assert len(panel.value(i18n.translate("ResultsPanel", "weight"), 8)) > 0
    if width >= 900:
        assert len(panel.bands) <= 2
    if width <= 300:
        assert len(panel.bands) >= 5


def legend_problems(graphics, legend, plots) -> list[str]:
    """Legend entries of a pyqtgraph ``legend`` in ``graphics`` (a GraphicsLayoutWidget) whose
    text is cut, reaches out of the widget or lies over one of the ``plots``' view boxes."""
    problems = []
    seen = graphics.mapToScene(graphics.viewport().rect()).boundingRect()
    boxes = [plot.vb.sceneBoundingRect() for plot in plots]
    for _sample, label in legend.items:
        text = label.item.mapRectToScene(label.item.boundingRect())
        cell = label.mapRectToScene(label.boundingRect())
        where = f"{label.text!r} at {text.left():.0f}..{text.right():.0f}"
        if text.width() > cell.width() + 1:
            problems.append(f"{where} needs {text.width():.0f} px, has {cell.width():.0f}")
        if not seen.adjusted(-1, -1, 1, 1).contains(text):
            problems.append(f"{where} reaches out of the plot ({seen.width():.0f} px wide)")
        if any(box.intersects(text) for box in boxes):
            problems.append(f"{where} lies over a plot")
    return problems


@pytest.mark.parametrize("screen", [(1366, 768), (1280, 720)])
def test_the_history_legend_shows_whole_names(qtbot, qapp, tmp_path, language, screen) -> None:
    """Issue 17: at 1366x768 the History tab's legend read "compon" for "component 1"."""
    w = _window(qtbot, tmp_path)
    w.resize(screen[0], screen[1] - TITLE_BAR)
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_file(demo_path("heights"), remember=False)
    view = w.plots.parameters
    w.plots.setCurrentWidget(view)
    problems = []
    for k in (2, 4, 8):
        panel = w.parameter_panel
        panel.set_config(panel.config().with_changes(n_components=k, seed=1, max_iter=30))
        with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT):
            w.act_fit.trigger()
        w.replay_slider.setValue(w.replay_slider.maximum() // 2)  # "shown iteration" too
        qapp.processEvents()
        assert len(view.legend.items) == k + 1
        problems += [f"K={k}: {p}" for p in legend_problems(view.graphics, view.legend, view.plots)]
        image = view.render_image(1600)  # an export lays it out as on screen
        assert image.width() == 1600
        problems += [
            f"K={k} export: {p}" for p in legend_problems(view.graphics, view.legend, view.plots)
        ]
    w.grab().save(str(screenshot_folder(tmp_path) / f"history_{screen[0]}_{language}.png"))
    w.close()
    assert not problems, "\n".join(problems)


def text_rects_3d(view) -> dict[str, QRectF]:
    """Where the 3-D view paints each axis name and value (widget pixels), by text."""
    from PySide6.QtGui import QFontMetricsF, QVector3D

    rects = {}
    for item in [*view.axis_texts, *(t for ticks in view._tick_texts for t in ticks)]:
        if not item.text:
            continue
        anchor = item.align_text(item.compute_projection().map(QVector3D(*item.pos)).toPointF())
        box = QFontMetricsF(item.font).tightBoundingRect(item.text)
        rects[item.text] = box.translated(anchor)  # drawText's anchor is the baseline
    return rects


@pytest.mark.parametrize("k", [4, 8])
@pytest.mark.parametrize("screen", [(1366, 768), (1280, 720)])
def test_the_3d_view_names_and_values_stay_apart(qtbot, qapp, tmp_path, screen, k) -> None:
    """The 3-D demo at a laptop's size: x's last value ran into y's first at the front
    corner, and the legend hid the vertical axis's name."""
    w = _window(qtbot, tmp_path)
    w.resize(screen[0], screen[1] - TITLE_BAR)
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_file(demo_path("clusters_3d"), remember=False)
    panel = w.parameter_panel
    panel.set_config(panel.config().with_changes(n_components=k, seed=1, max_iter=30))
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT):
        w.act_fit.trigger()
    view = w.plots.scatter3d
    w.plots.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.view.isVisible() and view.legend_label.isVisible(), timeout=5000)
    qapp.processEvents()
    rects = text_rects_3d(view)
    assert len(rects) >= 9  # three names and six or more values
    legend = QRectF(view.legend_label.geometry())
    inside = QRectF(view.view.rect())
    problems = []
    texts = list(rects)
    for i, a in enumerate(texts):
        if rects[a].intersects(legend):
            problems.append(f"{a!r} is under the legend")
        if not inside.contains(rects[a]):
            problems.append(f"{a!r} is out of the view")
        crossed = [b for b in texts[i + 1 :] if rects[a].intersects(rects[b])]
        problems += [f"{a!r} runs into {b!r}" for b in crossed]
    picture = screenshot_folder(tmp_path) / f"scatter3d_{screen[0]}_k{k}.png"
    view.render_image(view.view.width()).save(str(picture))
    w.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("screen", [(1366, 768), (1280, 720)])
def test_no_plot_tab_cuts_its_controls(qtbot, qapp, tmp_path, language, screen) -> None:
    """Every plot tab of a 3-column fit, opened in turn at a laptop's size: no label or button
    cut (Choose K read "Component", "Starts per m" and "Test K-1 vs" at 1366x768)."""
    w = _window(qtbot, tmp_path)
    w.resize(screen[0], screen[1] - TITLE_BAR)
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_file(demo_path("clusters_3d"), remember=False)
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT):
        w.act_fit.trigger()
    problems = []
    for i in range(w.plots.count()):
        if not w.plots.isTabVisible(i):
            continue
        w.plots.setCurrentIndex(i)
        qapp.processEvents()
        page = w.plots.currentWidget()
        problems += [f"{w.plots.tabText(i)}: {p}" for p in _cut_texts(page)]
        if page is w.teach or page.isAncestorOf(w.teach):  # its bound plot's axis title
            axis = w.teach.bound_plot.getAxis("left")
            if axis.label.boundingRect().width() > axis.height():
                problems.append(f"{w.plots.tabText(i)}: bound axis '{axis.labelText}' cut")
    w.close()
    assert not problems, "\n".join(problems)


def _cut_texts(page) -> list[str]:
    """``_clipped``, but a push button counts as cut only when its text is wider than its
    inside (the style's 80-pixel least width of a button is no cut)."""
    from PySide6.QtWidgets import QPushButton

    problems = []
    for problem in _clipped(page):
        kind, _, rest = problem.partition(" ")
        if kind == "QPushButton":
            text = rest.rsplit(": needs", 1)[0].strip("'\"")
            button = next(b for b in page.findChildren(QPushButton) if b.text() == text)
            if button.fontMetrics().horizontalAdvance(text) + 8 <= button.width():
                continue
        problems.append(problem)
    return problems


def test_a_long_status_message_ends_in_an_ellipsis_and_shows_whole_on_hover(qtbot, qapp, tmp_path):
    """A long "Wrote ... to /folder" message was cut mid-letter at the read-out beside it: it
    is now shortened with "…", shown whole as a tooltip, and the read-out stays whole."""
    w = _window(qtbot, tmp_path)
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_demo("clusters_3d")
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT):
        w.act_fit.trigger()
    long = "Wrote parameters.csv, assignments.csv, history.csv to " + "/a/long/folder" * 20
    w._set_status(long)
    qtbot.waitUntil(lambda: w.status_label.text() == long, timeout=TIMEOUT)
    QApplication.processEvents()
    read_out = w.iteration_label
    assert read_out.text().startswith("iteration")
    assert read_out.isVisible() and read_out.width() >= read_out.sizeHint().width()
    assert w.status_label.geometry().right() < read_out.geometry().left()
    shown = w.status_label.shown_text()
    assert shown.endswith("…") and long.startswith(shown[:-1])
    assert w.status_label.toolTip() == long
    w.close()


def test_the_window_picture_after_a_fit_has_no_stale_status_bar(qtbot, qapp, tmp_path):
    """window.png of a scripted run showed a 0% progress bar and "it" for the iteration
    read-out: the bar stayed until the fit's thread ended, and the status bar's layout had not
    caught up with the message set just before the picture."""
    from gmm_desktop.qt.export_plots import window_picture

    w = _window(qtbot, tmp_path)
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_demo("clusters_3d")
    seen: list[bool] = []
    w.sig_fit_finished.connect(lambda _result: seen.append(w.progress.isVisible()))
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT):
        w.act_fit.trigger()
    assert seen == [False]
    read_out = w.iteration_label
    w.iteration_label.setText("")  # as before the first snapshot: the label is laid out narrow
    QApplication.processEvents()
    read_out.setText("iteration 12 · log-likelihood -5661.96")
    w._set_status("Wrote parameters.csv, assignments.csv, history.csv to " + "/folder" * 30)
    window_picture(w)
    assert read_out.width() >= read_out.sizeHint().width()
    w.close()
