"""Fit settings for files larger than memory: the memory budget and the Dask scheduler.

A file whose table would need more than the budget opens as a random sample of its rows
(``io.out_of_core.open_within_budget``) and is fitted by streaming the whole file
(``big_fit.py``), on this machine or on the Dask scheduler given here. Both values are kept
in the Fit settings (``ParameterPanel.to_settings``), so sessions keep them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLineEdit, QWidget

from ..cli.fit_big import parse_memory_budget
from ..errors import UserError
from ..io.out_of_core import default_memory_budget

DASK_LOCAL = "local"


class LargeFilesBox(QGroupBox):
    """ "Files larger than memory": a budget (empty: half of the free memory) and a Dask
    scheduler (empty: this machine; "local": a LocalCluster; tcp://host:port: that cluster)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Files larger than memory"), parent)
        self.budget_edit = QLineEdit()
        self.budget_edit.setPlaceholderText(self.tr("half of the free memory"))
        self.budget_edit.setToolTip(
            self.tr(
                "A Parquet, Arrow or CSV file that would need more memory than this opens as a\n"
                "random sample of its rows, and the fit streams the whole file batch by batch.\n"
                "Write a size such as 200MB or 4GB; leave empty for half of the free memory."
            )
        )
        self.dask_edit = QLineEdit()
        self.dask_edit.setPlaceholderText(self.tr("this machine"))
        self.dask_edit.setToolTip(
            self.tr(
                "Where a large file is fitted: leave empty for this machine, write local for a\n"
                "Dask cluster of worker processes here, or a scheduler's address such as\n"
                "tcp://host:8786 (its workers must see the file)."
            )
        )
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Memory budget:"), self.budget_edit)
        form.addRow(self.tr("Dask scheduler:"), self.dask_edit)

    def budget(self) -> int:
        """The memory budget in bytes; UserError (plain words) for a text that is not a size."""
        text = self.budget_edit.text().strip()
        if not text:
            return default_memory_budget()
        try:
            return parse_memory_budget(text)
        except UserError:
            raise UserError(
                self.tr(
                    "the memory budget '{text}' is not a size of at least 1MB; write a number "
                    "and a unit, like 200MB or 4GB, or leave it empty"
                ).format(text=text)
            ) from None

    def budget_in(self, settings: dict[str, Any]) -> int | None:
        """The memory budget a session's Fit settings name (to open its file as it was
        opened), or None when they name none that can be read (then the box's own)."""
        text = settings.get("memory_budget")
        if not isinstance(text, str) or not text.strip():
            return None
        try:
            return parse_memory_budget(text)
        except UserError:
            return None

    def dask_address(self) -> str | None:
        """None for this machine, "local" or a scheduler address; UserError for anything else."""
        text = self.dask_edit.text().strip()
        if not text:
            return None
        if text.lower() == DASK_LOCAL:
            return DASK_LOCAL
        if "://" not in text or text.endswith("://"):
            raise UserError(
                self.tr(
                    "the Dask scheduler '{text}' is not an address; write local, an address "
                    "such as tcp://host:8786, or leave it empty"
                ).format(text=text)
            )
        return text

    def to_settings(self) -> dict[str, Any]:
        return {
            "memory_budget": self.budget_edit.text().strip(),
            "dask_scheduler": self.dask_edit.text().strip(),
        }

    def from_settings(self, settings: dict[str, Any]) -> None:
        """Restore ``to_settings`` output; missing or odd values leave the field as it is."""
        for key, edit in (("memory_budget", self.budget_edit), ("dask_scheduler", self.dask_edit)):
            value = settings.get(key)
            if isinstance(value, str) and len(value) <= 500:
                edit.setText(value)
