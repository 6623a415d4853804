"""The import preview shown when a file is opened (File > Open, drag and drop, recent files):
the first rows in a table, the header row, editable column names, delimiter, decimal mark,
encoding and sheet, all prefilled from the detection and read again (in the background, first
rows only) when one changes. OK opens the file with them; Cancel changes nothing.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..io import ReadOptions, Table, read_table
from ..io.columns import cell_text
from ..io.read_options import ONE_COLUMN
from .i18n import QT_TRANSLATE_NOOP, translate
from .style import error_color
from .tasks import TaskSlot, TaskState

PREVIEW_ROWS = 20
SETTINGS_KEY = "files/import_preview"
"""False once the user asked not to see the preview; View > Preview files turns it back on."""

DELIMITERS = (
    (",", QT_TRANSLATE_NOOP("ImportDialog", "Comma ( , )")),
    (";", QT_TRANSLATE_NOOP("ImportDialog", "Semicolon ( ; )")),
    ("\t", QT_TRANSLATE_NOOP("ImportDialog", "Tab")),
    (" ", QT_TRANSLATE_NOOP("ImportDialog", "Spaces")),
    ("|", QT_TRANSLATE_NOOP("ImportDialog", "Bar ( | )")),
    (ONE_COLUMN, QT_TRANSLATE_NOOP("ImportDialog", "None: one column")),
)
DECIMALS = (
    (".", QT_TRANSLATE_NOOP("ImportDialog", "Point: 172.5")),
    (",", QT_TRANSLATE_NOOP("ImportDialog", "Comma: 172,5")),
)
ENCODINGS = (
    ("utf-8", QT_TRANSLATE_NOOP("ImportDialog", "UTF-8")),
    ("utf-8-sig", QT_TRANSLATE_NOOP("ImportDialog", "UTF-8 with BOM")),
    ("gb18030", QT_TRANSLATE_NOOP("ImportDialog", "Chinese (GB18030, GBK)")),
    ("cp1252", QT_TRANSLATE_NOOP("ImportDialog", "Western (Windows-1252)")),
    ("latin-1", QT_TRANSLATE_NOOP("ImportDialog", "Latin-1")),
    ("utf-16", QT_TRANSLATE_NOOP("ImportDialog", "UTF-16")),
    ("utf-16-le", QT_TRANSLATE_NOOP("ImportDialog", "UTF-16 little-endian")),
    ("utf-16-be", QT_TRANSLATE_NOOP("ImportDialog", "UTF-16 big-endian")),
)


def preview_wanted(settings: QSettings) -> bool:
    """Whether opening a file shows the import preview (the default)."""
    value = settings.value(SETTINGS_KEY, True)
    return value not in (False, "false", "0", 0)


class ImportDialog(QDialog):
    """Preview ``path`` and choose how to read it; ``options()`` once accepted.

    Signals: sig_preview_ready() when the preview shows the latest options;
    sig_preview_failed(message) when they cannot be read (OK is then disabled);
    sig_unreadable(message, details) when even the detected options fail (the dialog
    closes, the window says why as for any file it cannot open).
    """

    sig_preview_ready = Signal()
    sig_preview_failed = Signal(str)
    sig_unreadable = Signal(str, str)

    def __init__(
        self,
        path: Path,
        settings: QSettings,
        parent: QWidget | None = None,
        options: ReadOptions | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.settings = settings
        self.table: Table | None = None  # the latest preview
        self._typed: dict[int, str] = {}  # column index -> name the user typed
        self._detected = False  # the controls hold the detected options
        self._filling = False
        self._slot = TaskSlot(self)
        self._slot.sig_done.connect(self._on_preview_read)
        self._slot.sig_failed.connect(self._on_preview_failed)
        self.setWindowTitle(self.tr("Import {name}").format(name=path.name))
        self._build()
        self._read_preview(options or ReadOptions())

    # ------------------------------------------------------------------ widgets
    def _build(self) -> None:
        self.header_check = QCheckBox(self.tr("The first row holds column names"))
        self.delimiter_combo = self._combo(DELIMITERS)
        self.decimal_combo = self._combo(DECIMALS)
        self.encoding_combo = self._combo(ENCODINGS)
        self.sheet_combo = QComboBox()
        self.header_check.toggled.connect(self._on_option_changed)
        for combo in (self.delimiter_combo, self.decimal_combo, self.encoding_combo):
            combo.currentIndexChanged.connect(self._on_option_changed)
        self.sheet_combo.currentIndexChanged.connect(self._on_sheet_changed)
        form = QFormLayout()
        form.addRow(self.header_check)
        self._text_rows = [
            (self.tr("Columns separated by:"), self.delimiter_combo),
            (self.tr("Decimal mark:"), self.decimal_combo),
            (self.tr("Encoding:"), self.encoding_combo),
        ]
        for label, widget in [*self._text_rows, (self.tr("Sheet:"), self.sheet_combo)]:
            form.addRow(label, widget)
        self._form = form
        options = QHBoxLayout()
        options.addLayout(form)
        hint = QLabel(
            self.tr(
                "Click a name in the first (bold) row to rename that column: the names are "
                "used in plots, legends, tables, exports and sessions."
            )
        )
        hint.setWordWrap(True)
        options.addWidget(hint, 1)
        self.preview = QTableWidget()
        self.preview.setMinimumHeight(180)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.preview.itemChanged.connect(self._on_name_edited)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.always_check = QCheckBox(self.tr("Show this preview when opening a file"))
        self.always_check.setChecked(preview_wanted(self.settings))
        self.always_check.setToolTip(
            self.tr("Turned off, files open at once; View > Preview files turns it back on")
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Open"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(options)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        bottom = QHBoxLayout()
        bottom.addWidget(self.always_check, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self._set_ok(False)
        self.status.setText(self.tr("Reading the first rows…"))
        self.resize(820, 560)

    def _combo(self, choices: tuple[tuple[str, str], ...]) -> QComboBox:
        combo = QComboBox()
        for value, text in choices:
            combo.addItem(translate("ImportDialog", text), value)
        return combo

    def _set_ok(self, enabled: bool) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(enabled)

    # ------------------------------------------------------------------ options
    def _chosen(self) -> ReadOptions:
        """The options the controls show (before the first preview: detect everything)."""
        if not self._detected:
            return ReadOptions(names=self._names())
        excel = self.table is not None and self.table.format in ("xlsx", "xls")
        if excel:
            return ReadOptions(
                header=self.header_check.isChecked(),
                names=self._names(),
                sheet=self.sheet_combo.currentData(),
            )
        return ReadOptions(
            header=self.header_check.isChecked(),
            names=self._names(),
            delimiter=self.delimiter_combo.currentData(),
            decimal=self.decimal_combo.currentData(),
            encoding=self.encoding_combo.currentData(),
        )

    def _names(self) -> tuple[str, ...] | None:
        if not self._typed:
            return None
        return tuple(self._typed.get(j, "") for j in range(max(self._typed) + 1))

    def options(self) -> ReadOptions:
        """How to read the file: the shown options and the names typed."""
        return replace(self._chosen(), names=self._names())

    def set_name(self, column: int, name: str) -> None:
        """Rename a column as typing in the names row does (tests, keyboard users)."""
        item = self.preview.item(0, column)
        if item is not None:
            item.setText(name)

    # ------------------------------------------------------------------ reading
    def _read_preview(self, options: ReadOptions) -> None:
        path = self.path

        def work(state: TaskState) -> Table:
            return read_table(
                path,
                options=options,
                max_rows=PREVIEW_ROWS,
                cancelled=lambda: state.cancelled,
            )

        self._set_ok(False)
        self._slot.start(work)

    def _on_option_changed(self) -> None:
        if self._filling or not self._detected:
            return
        self.status.setText(self.tr("Reading the first rows…"))
        self._read_preview(self._chosen())

    def _on_sheet_changed(self) -> None:
        """Another sheet is another table: its header row is detected, names start afresh."""
        if self._filling or not self._detected:
            return
        self._typed.clear()
        self.status.setText(self.tr("Reading the first rows…"))
        self._read_preview(replace(self._chosen(), header=None, names=None))

    def _on_preview_read(self, table: Table) -> None:
        self.table = table
        self._fill_controls(table)
        self._fill_preview(table)
        self._detected = True
        self.status.setText(
            self.tr("The first {n} rows as they will be read.").format(n=table.n_rows)
        )
        self.status.setStyleSheet("")
        self._set_ok(True)
        self.sig_preview_ready.emit()

    def _on_preview_failed(self, message: str, details: str) -> None:
        if not self._detected:
            self.sig_unreadable.emit(message, details)
            self.reject()
            return
        self.status.setText(
            self.tr("These options do not read the file: {message}").format(message=message)
        )
        self.status.setStyleSheet(f"color: {error_color(self)}")
        self._set_ok(False)
        self.sig_preview_failed.emit(message)

    def _fill_controls(self, table: Table) -> None:
        """Show the options that read ``table`` (the detected ones after the first read)."""
        self._filling = True
        try:
            excel = table.format in ("xlsx", "xls")
            self.header_check.setChecked(table.header)
            for _text, widget in self._text_rows:
                self._form.setRowVisible(widget, not excel)
            self._form.setRowVisible(self.sheet_combo, excel)
            if excel:
                self.sheet_combo.clear()
                for name in table.sheets:
                    self.sheet_combo.addItem(name, name)
                self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findData(table.sheet)))
            else:
                options = table.read_options()
                _select(self.delimiter_combo, options.delimiter)
                _select(self.decimal_combo, options.decimal)
                _select(self.encoding_combo, options.encoding)
        finally:
            self._filling = False

    def _fill_preview(self, table: Table) -> None:
        """Names (editable, bold) in row 0, then the first rows as read."""
        frame = table.frame
        self._filling = True
        try:
            self.preview.clear()
            self.preview.setColumnCount(frame.shape[1])
            self.preview.setRowCount(1 + frame.shape[0])
            self.preview.setVerticalHeaderLabels(
                [self.tr("name")] + [str(i + 1) for i in range(frame.shape[0])]
            )
            kinds = [
                self.tr("numbers") if table.is_numeric(c) else self.tr("text")
                for c in frame.columns
            ]
            self.preview.setHorizontalHeaderLabels(kinds)
            bold = QFont(self.preview.font())
            bold.setBold(True)
            for j, name in enumerate(frame.columns):
                item = QTableWidgetItem(str(name))
                item.setFont(bold)
                item.setToolTip(self.tr("Type a new name for this column"))
                self.preview.setItem(0, j, item)
                for i, value in enumerate(frame[name].tolist()):
                    cell = QTableWidgetItem(_shown(value))
                    cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                    self.preview.setItem(1 + i, j, cell)
            self.preview.resizeColumnsToContents()
            for j in range(frame.shape[1]):  # room to type a longer name
                self.preview.setColumnWidth(j, max(self.preview.columnWidth(j), 110))
        finally:
            self._filling = False

    def _on_name_edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.row() != 0:
            return
        text = item.text().strip()
        if text:
            self._typed[item.column()] = text
        else:
            self._typed.pop(item.column(), None)

    # ------------------------------------------------------------------ closing
    def done(self, result: int) -> None:
        self.settings.setValue(SETTINGS_KEY, self.always_check.isChecked())
        self.shutdown()
        super().done(result)

    def shutdown(self) -> None:
        """Stop the preview's reading and wait for its thread."""
        self._slot.shutdown()


def _select(combo: QComboBox, value: object) -> None:
    """Select ``value`` in ``combo``, adding it (as itself) when it is not a choice."""
    index = combo.findData(value)
    if index < 0:
        combo.addItem(str(value), value)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


def _shown(value: object) -> str:
    """A cell as the preview shows it: numbers as a spreadsheet does, blanks empty."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return cell_text(value)
