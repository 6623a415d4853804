"""The import preview (issue 17 item 2): prefilled from the detection, names typed flow into
the data panel, exports and sessions, Cancel changes nothing, bad options are said."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from PySide6.QtCore import QSettings

from gmm_desktop.io.demo import demo_path
from gmm_desktop.qt.import_dialog import SETTINGS_KEY, ImportDialog
from gmm_desktop.qt.main_window import MainWindow

from .screenshots import screenshot_folder

TIMEOUT = 60_000
HOMEWORK = "".join(f"{'MF'[i % 2]};{150 + i},5\n" for i in range(60))


def _window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings)
    w.setProperty("scripted", True)  # messages go to sig_error, not to dialogs
    qtbot.addWidget(w)
    w.show()
    return w


def _homework(tmp_path: Path) -> Path:
    path = tmp_path / "hw1_data.csv"
    path.write_text(HOMEWORK, encoding="utf-8")
    return path


def _preview(qtbot, w: MainWindow, path: Path) -> ImportDialog:  # type: ignore[no-untyped-def]
    w.files.preview_and_open(path)
    dialog = w.files.import_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.table is not None, timeout=TIMEOUT)
    return dialog


def _names_row(dialog: ImportDialog) -> list[str]:
    return [dialog.preview.item(0, j).text() for j in range(dialog.preview.columnCount())]


def test_prefilled_from_the_detection_of_a_headerless_semicolon_file(qtbot, tmp_path):
    w = _window(qtbot, tmp_path)
    dialog = _preview(qtbot, w, _homework(tmp_path))
    assert not dialog.header_check.isChecked()
    assert dialog.delimiter_combo.currentData() == ";"
    assert dialog.decimal_combo.currentData() == ","
    assert dialog.encoding_combo.currentData() == "utf-8"
    assert not dialog.sheet_combo.isVisibleTo(dialog) and dialog.delimiter_combo.isVisibleTo(dialog)
    assert _names_row(dialog) == ["column 1", "column 2"]
    assert dialog.preview.rowCount() == 1 + 20  # the names, then the first 20 rows only
    assert dialog.preview.item(1, 1).text() == "150.5"
    assert w.table is None  # nothing opened yet
    dialog.reject()
    w.close()


def test_typed_names_flow_into_the_data_panel_an_export_and_a_session(qtbot, tmp_path):
    w = _window(qtbot, tmp_path)
    dialog = _preview(qtbot, w, _homework(tmp_path))
    dialog.set_name(0, "sex")
    dialog.set_name(1, "height")
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        dialog.accept()
    assert w.files.import_dialog is None
    assert w.table is not None and w.table.frame.columns.tolist() == ["sex", "height"]
    assert w.data_panel.column_item("height") is not None
    assert w.features is not None and w.features.columns == ["height"]
    assert w.features.label_column == "sex"
    w.parameter_panel.set_config(w.parameter_panel.config().with_changes(n_components=2))
    with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT):
        w.act_fit.trigger()
    paths = w.export_results(tmp_path / "out")
    parameters = pd.read_csv(paths[0], encoding="utf-8-sig")
    assert "mean(height)" in parameters.columns
    assert "sex" in pd.read_csv(paths[1], encoding="utf-8-sig").columns
    session = w.save_session(tmp_path / "hw.gmm.json")
    w.close()

    again = _window(qtbot, tmp_path)
    with qtbot.waitSignal(again.sig_session_restored, timeout=TIMEOUT):
        assert again.open_session(session)
    assert again.table is not None and again.table.frame.columns.tolist() == ["sex", "height"]
    assert again.features is not None and again.features.columns == ["height"]
    assert again.result is not None
    again.close()


def test_cancel_keeps_the_data_shown(qtbot, tmp_path):
    w = _window(qtbot, tmp_path)
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_demo("heights")
    shown = w.table
    dialog = _preview(qtbot, w, _homework(tmp_path))
    dialog.set_name(0, "sex")
    dialog.reject()
    qtbot.wait(50)
    assert w.table is shown and w.loader.task is None
    assert w.files.import_dialog is None
    w.close()


def test_changing_an_option_reads_the_preview_again(qtbot, tmp_path):
    w = _window(qtbot, tmp_path)
    dialog = _preview(qtbot, w, _homework(tmp_path))
    with qtbot.waitSignal(dialog.sig_preview_ready, timeout=TIMEOUT):
        dialog.header_check.setChecked(True)
    assert _names_row(dialog) == ["M", "150,5"]
    with qtbot.waitSignal(dialog.sig_preview_ready, timeout=TIMEOUT):
        dialog.decimal_combo.setCurrentIndex(dialog.decimal_combo.findData("."))
    assert dialog.preview.horizontalHeaderItem(1).text() == "text"  # 151,5 is no number now
    with qtbot.waitSignal(dialog.sig_preview_failed, timeout=TIMEOUT) as failed:
        dialog.delimiter_combo.setCurrentIndex(dialog.delimiter_combo.findData(","))
        dialog.decimal_combo.setCurrentIndex(dialog.decimal_combo.findData(","))
    assert "both the delimiter and the decimal mark" in failed.args[0]
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    assert "do not read the file" in dialog.status.text()
    dialog.reject()
    w.close()


def test_an_excel_file_offers_its_sheets(qtbot, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "notes"
    book.active.append(("note", "value"))
    book.active.append(("first", 1))
    sheet = book.create_sheet("data")
    for i in range(30):
        sheet.append(("MF"[i % 2], 150 + i))
    book.save(tmp_path / "hw1_data.xlsx")
    w = _window(qtbot, tmp_path)
    dialog = _preview(qtbot, w, tmp_path / "hw1_data.xlsx")
    assert dialog.sheet_combo.isVisibleTo(dialog)
    assert not dialog.delimiter_combo.isVisibleTo(dialog)
    assert [dialog.sheet_combo.itemText(i) for i in range(2)] == ["notes", "data"]
    with qtbot.waitSignal(dialog.sig_preview_ready, timeout=TIMEOUT):
        dialog.sheet_combo.setCurrentIndex(1)
    assert _names_row(dialog) == ["column 1", "column 2"]
    dialog.set_name(1, "height")
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        dialog.accept()
    assert w.table is not None and w.table.sheet == "data"
    assert w.table.frame.columns.tolist() == ["column 1", "height"]
    w.close()


def test_an_unreadable_file_is_said_as_before(qtbot, tmp_path):
    w = _window(qtbot, tmp_path)
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 8)
    with qtbot.waitSignal(w.sig_error, timeout=TIMEOUT) as error:
        w.files.preview_and_open(junk)
    assert "Could not open junk.csv" in error.args[0]
    qtbot.waitUntil(lambda: w.files.import_dialog is None, timeout=TIMEOUT)
    assert w.table is None
    w.close()


def test_recent_files_and_drops_go_through_the_preview_and_it_can_be_turned_off(qtbot, tmp_path):
    w = _window(qtbot, tmp_path)
    path = _homework(tmp_path)
    w.recent.sig_open.emit(str(path))
    dialog = w.files.import_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.table is not None, timeout=TIMEOUT)
    dialog.always_check.setChecked(False)
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        dialog.accept()
    assert w.settings.value(SETTINGS_KEY) in (False, "false")
    w.view_menu.aboutToShow.emit()
    assert not w.act_import_preview.isChecked()
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.files.preview_and_open(demo_path("faithful"))  # opens at once now
    assert w.files.import_dialog is None
    w.act_import_preview.setChecked(True)  # View > Preview files before opening
    w.files.preview_and_open(path)
    assert w.files.import_dialog is not None
    w.close()  # closing the window cancels the preview and its reading
    assert w.files.import_dialog is None


def test_screenshot_of_the_preview_fits_a_laptop(qtbot, tmp_path):
    w = _window(qtbot, tmp_path)
    w.resize(1366, 768)
    dialog = _preview(qtbot, w, _homework(tmp_path))
    qtbot.waitExposed(dialog)
    size = dialog.frameGeometry()
    assert size.width() <= 1366 and size.height() <= 768
    assert dialog.minimumSizeHint().width() <= 1280 and dialog.minimumSizeHint().height() <= 700
    assert dialog.grab().save(str(screenshot_folder(tmp_path) / "import_preview.png"))
    dialog.reject()
    w.close()


def test_a_dropped_file_goes_through_the_preview(qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    w = _window(qtbot, tmp_path)
    path = _homework(tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    w.dropEvent(event)
    dialog = w.files.import_dialog
    assert dialog is not None and dialog.path == path
    qtbot.waitUntil(lambda: dialog.table is not None, timeout=TIMEOUT)
    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        dialog.accept()
    assert w.table is not None and w.table.source == path
    assert w.recent_files()[0] == str(path)
    w.close()
