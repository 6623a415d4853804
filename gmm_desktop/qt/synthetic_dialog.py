"""Data > Generate synthetic data: presets, an editable table of true parameters, size, seed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..engine.synthetic import PRESETS, SyntheticSpec, default_feature_names, preset_description
from ..errors import UserError
from .i18n import QT_TRANSLATE_NOOP, error_text
from .manual_start import ManualStartEditor
from .style import error_color

CUSTOM = "custom"
PRESET_TITLES = {
    "heights": QT_TRANSLATE_NOOP("SyntheticDialog", "Student heights by sex (1-D, 2 groups)"),
    "1d-three": QT_TRANSLATE_NOOP("SyntheticDialog", "Three 1-D groups"),
    "2d": QT_TRANSLATE_NOOP("SyntheticDialog", "Two correlated 2-D clusters"),
    "3d-four": QT_TRANSLATE_NOOP("SyntheticDialog", "Four 3-D clusters"),
}


class SyntheticDialog(QDialog):
    """Choose true parameters; ``spec()`` and ``seed()`` tell the window what to generate."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Generate synthetic data"))
        self.preset_combo = QComboBox()
        for key in PRESETS:
            self.preset_combo.addItem(
                self.tr(PRESET_TITLES[key]) if key in PRESET_TITLES else key, key
            )
        self.preset_combo.addItem(self.tr("My own parameters"), CUSTOM)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.k_spin = QSpinBox()
        self.k_spin.setRange(1, 12)
        self.k_spin.setToolTip(self.tr("Number of groups (components) in the generated data"))
        self.d_spin = QSpinBox()
        self.d_spin.setRange(1, 6)
        self.d_spin.setToolTip(self.tr("Number of number columns"))
        self.rows_spin = QSpinBox()
        self.rows_spin.setRange(10, 2_000_000)
        self.rows_spin.setSingleStep(100)
        self.rows_spin.setGroupSeparatorShown(True)
        self.rows_spin.setToolTip(
            self.tr("How many rows to draw; groups get rows in proportion to weight")
        )
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(0, 2**31 - 1)
        self.seed_spin.setToolTip(self.tr("The same seed always gives the same data"))
        self.editor = ManualStartEditor()
        self.editor.setToolTip(
            self.tr("The true parameters: weight, mean, sd and correlations per group")
        )
        form = QFormLayout()
        form.addRow(self.tr("Example"), self.preset_combo)
        form.addRow("", self.description)
        form.addRow(self.tr("Groups (K)"), self.k_spin)
        form.addRow(self.tr("Columns"), self.d_spin)
        form.addRow(self.tr("Rows"), self.rows_spin)
        form.addRow(self.tr("Seed"), self.seed_spin)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Generate"))
        self.editor.sig_validity_changed.connect(ok.setEnabled)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("True parameters (edit any cell):")))
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)
        self.resize(640, 520)
        self._names: tuple[str, ...] = ("height",)
        self._label: tuple[tuple[str, ...], str] | None = None
        self.preset_combo.currentIndexChanged.connect(self._on_preset_combo_changed)
        self.k_spin.valueChanged.connect(self._on_shape_changed)
        self.d_spin.valueChanged.connect(self._on_shape_changed)
        self._on_preset_combo_changed()

    def _on_preset_combo_changed(self, *_: object) -> None:
        key = self.preset_combo.currentData()
        if key == CUSTOM:
            self.description.setText(
                self.tr("Set the number of groups and columns, then edit the table.")
            )
            return
        spec = PRESETS[key]
        self.description.setText(preset_description(key))
        for spin, value in (
            (self.k_spin, spec.params.n_components),
            (self.d_spin, spec.params.n_features),
            (self.rows_spin, spec.n_samples),
        ):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        self._names = spec.feature_names
        self._label = (
            (spec.component_names, spec.label_name)
            if spec.component_names is not None and spec.label_name is not None
            else None
        )
        self.editor.set_shape(spec.params.n_components, spec.feature_names)
        self.editor.set_params(spec.params)

    def _on_shape_changed(self, *_: object) -> None:
        d = self.d_spin.value()
        if len(self._names) != d:
            self._names = default_feature_names(d)
        self._label = None
        self.preset_combo.blockSignals(True)
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(CUSTOM))
        self.preset_combo.blockSignals(False)
        self.description.setText(
            self.tr("Set the number of groups and columns, then edit the table.")
        )
        self.editor.set_shape(self.k_spin.value(), self._names)

    def spec(self) -> SyntheticSpec:
        """The true parameters as typed; UserError in plain words if they are not valid."""
        params = self.editor.params()
        names, label = (None, None) if self._label is None else self._label
        if names is not None and len(names) != params.n_components:
            names, label = None, None
        return SyntheticSpec(params, self.rows_spin.value(), tuple(self._names), names, label)

    def seed(self) -> int:
        return self.seed_spin.value()

    def accept(self) -> None:
        try:
            self.spec()
        except UserError as exc:
            self.description.setText(
                f"<span style='color:{error_color(self)}'>{error_text(exc)}</span>"
            )
            return
        super().accept()
