"""The picture export dialog: where to (a file or a folder), the size in pixels, the resolution
in dpi and, for several pictures, which iteration(s). One dialog serves every plot (its
right-click entry), Export all plots, Export at iterations and the Choose K plot."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ..errors import QT_TRANSLATE_NOOP, UserError
from .i18n import error_text

DEFAULT_WIDTH = 1600
DEFAULT_DPI = 300
CM_PER_INCH = 2.54


def parse_iterations(text: str) -> list[int]:
    """Iteration numbers from "1, 5, 10" (whole numbers from 1, each once, in the order
    given); UserError in plain words otherwise."""
    numbers: list[int] = []
    for part in text.split(","):
        item = part.strip()
        if not item.isdigit() or int(item) < 1:
            raise UserError.said(
                QT_TRANSLATE_NOOP(
                    "Errors",
                    "'{item}' is not an iteration number: give whole numbers from 1, "
                    "separated by commas, e.g. 1,5,10,15,20",
                ),
                item=item,
            )
        if int(item) not in numbers:
            numbers.append(int(item))
    return numbers


@dataclass(frozen=True)
class PictureChoice:
    """What the user chose: ``target`` file or folder, ``width`` pixels, ``dpi``; ``iteration``
    (one) or ``iterations`` (several) when the dialog asked."""

    target: Path
    width: int
    dpi: int
    iteration: int | None = None
    iterations: tuple[int, ...] = ()


def default_iterations(last: int) -> str:
    """ "1, 5, 10, 15, 20" as the homework asks, cut to the iterations the fit has."""
    chosen = [i for i in (1, 5, 10, 15, 20) if i <= last] or [last]
    return ", ".join(str(i) for i in chosen)


class PictureDialog(QDialog):
    """Ask for a picture's file (``folder`` False) or folder, its width in pixels and dpi;
    with ``last_iteration`` also one iteration (``one_iteration``) or a list of them.

    Widgets for tests: ``target_edit``, ``width_spin``, ``dpi_spin``, ``size_label``,
    ``iteration_spin`` / ``iterations_edit`` (None when not asked), ``error_label``.
    """

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        target: str | Path,
        *,
        folder: bool = False,
        file_filter: str = "",
        last_iteration: int | None = None,
        one_iteration: bool = True,
        pixels: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._folder, self._filter = folder, file_filter
        self._last = last_iteration
        form = QFormLayout(self)
        self.target_edit = QLineEdit(str(target))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.target_edit, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Folder:") if folder else self.tr("File:"), row)
        self.width_spin = QSpinBox()
        self.width_spin.setRange(200, 10_000)
        self.width_spin.setSingleStep(100)
        self.width_spin.setValue(DEFAULT_WIDTH)
        self.width_spin.setSuffix(" px")
        self.dpi_spin = QSpinBox()
        self.dpi_spin.setRange(50, 1200)
        self.dpi_spin.setSingleStep(50)
        self.dpi_spin.setValue(DEFAULT_DPI)
        self.dpi_spin.setSuffix(" dpi")
        self.size_label = QLabel("")
        self.width_spin.valueChanged.connect(self._update_size_label)
        self.dpi_spin.valueChanged.connect(self._update_size_label)
        if pixels:
            form.addRow(self.tr("Width:"), self.width_spin)
            form.addRow(self.tr("Resolution:"), self.dpi_spin)
            form.addRow("", self.size_label)
        self.iteration_spin: QSpinBox | None = None
        self.iterations_edit: QLineEdit | None = None
        if last_iteration is not None and one_iteration:
            self.iteration_spin = QSpinBox()
            self.iteration_spin.setRange(0, last_iteration)
            self.iteration_spin.setValue(last_iteration)  # the final model unless changed
            self.iteration_spin.setSuffix(self.tr(" of {n}").format(n=last_iteration))
            form.addRow(self.tr("Iteration:"), self.iteration_spin)
        elif last_iteration is not None:
            self.iterations_edit = QLineEdit(default_iterations(last_iteration))
            self.iterations_edit.setToolTip(
                self.tr("Iteration numbers separated by commas, from 1 to {n}").format(
                    n=last_iteration
                )
            )
            form.addRow(self.tr("Iterations:"), self.iterations_edit)
        self.error_label = QLabel("")
        self.error_label.setStyleSheet("color: #B00020;")
        self.error_label.setWordWrap(True)
        form.addRow(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.choice: PictureChoice | None = None
        self._update_size_label()

    def _update_size_label(self) -> None:
        cm = self.width_spin.value() / self.dpi_spin.value() * CM_PER_INCH
        self.size_label.setText(self.tr("{cm} cm wide when printed").format(cm=f"{cm:.1f}"))

    def _browse(self) -> None:
        current = self.target_edit.text()
        if self._folder:
            chosen = QFileDialog.getExistingDirectory(self, self.windowTitle(), current)
        else:
            chosen, kind = QFileDialog.getSaveFileName(
                self, self.windowTitle(), current, self._filter
            )
            if chosen and not Path(chosen).suffix and "*." in kind:
                chosen += kind[kind.index("*.") + 1 :].rstrip(")").split()[0]  # the filter's
        if chosen:
            self.target_edit.setText(chosen)

    def read_choice(self) -> PictureChoice:
        """The entries as a PictureChoice; UserError in plain words for a bad one."""
        text = self.target_edit.text().strip()
        if not text:
            raise UserError(self.tr("Choose where to save first."))
        iterations: tuple[int, ...] = ()
        if self.iterations_edit is not None:
            iterations = tuple(parse_iterations(self.iterations_edit.text()))
            beyond = [i for i in iterations if self._last is not None and i > self._last]
            if beyond:
                raise UserError(
                    self.tr("Iteration {i} is beyond the fit: it stopped at iteration {n}.").format(
                        i=beyond[0], n=self._last
                    )
                )
        return PictureChoice(
            Path(text).expanduser(),
            self.width_spin.value(),
            self.dpi_spin.value(),
            self.iteration_spin.value() if self.iteration_spin is not None else None,
            iterations,
        )

    def _on_accept(self) -> None:
        try:
            self.choice = self.read_choice()
        except UserError as exc:
            self.error_label.setText(error_text(exc))
            return
        self.accept()


def ask_picture(dialog: PictureDialog) -> PictureChoice | None:
    """Show ``dialog``; the choice, or None when cancelled."""
    return dialog.choice if dialog.exec() == QDialog.DialogCode.Accepted else None
