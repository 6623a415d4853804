"""Data > True values...: type the parameters the data are known to come from (a textbook's
values, a simulation made elsewhere), to draw them beside the fit and compare them with it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..engine import MixtureParams
from ..errors import UserError
from .i18n import error_text
from .manual_start import ManualStartEditor
from .style import error_color


class TruthDialog(QDialog):
    """Edit true parameters of the chosen columns; after Accepted, ``truth()`` is the mixture
    typed, or None when the user pressed "Forget the true values"."""

    def __init__(
        self,
        columns: Sequence[str],
        start: MixtureParams | None,
        n_components: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("True values"))
        self._columns = [str(c) for c in columns]
        self._forget = False
        self.k_spin = QSpinBox()
        self.k_spin.setRange(1, 12)
        self.k_spin.setToolTip(self.tr("How many components the true mixture has"))
        self.editor = ManualStartEditor()
        self.editor.setToolTip(
            self.tr("The true parameters: weight, mean, sd and correlations per component")
        )
        k = start.n_components if start is not None else max(1, min(int(n_components), 12))
        self.k_spin.setValue(k)
        self.editor.set_shape(k, self._columns)
        if start is not None and start.n_features == len(self._columns):
            self.editor.set_params(start)
        self.k_spin.valueChanged.connect(self._on_k_spin_changed)
        self.message = QLabel(
            self.tr(
                "If you know the parameters these data come from, type them here: they are "
                "drawn dashed beside the fit and compared with it in the Agreement tab."
            )
        )
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Components (K)"), self.k_spin)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.editor.sig_validity_changed.connect(self.ok_button.setEnabled)
        self.ok_button.setEnabled(self.editor.is_valid())
        self.forget_button = QPushButton(self.tr("Forget the true values"))
        self.forget_button.setToolTip(self.tr("Draw and compare no true values"))
        buttons.addButton(self.forget_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.forget_button.clicked.connect(self._on_forget_button_clicked)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)
        self.resize(620, 360)

    def truth(self) -> MixtureParams | None:
        """The typed true mixture (None: forget it); UserError if the table is not valid."""
        return None if self._forget else self.editor.params()

    def accept(self) -> None:
        if not self._forget:
            try:
                self.editor.params()
            except UserError as exc:
                self.message.setText(
                    f"<span style='color:{error_color(self)}'>{error_text(exc)}</span>"
                )
                return
        super().accept()

    def _on_k_spin_changed(self, value: int) -> None:
        self.editor.set_shape(value, self._columns)

    def _on_forget_button_clicked(self) -> None:
        self._forget = True
        self.accept()
