"""The fit settings form: K, covariance type, start, seed, restarts, limits and stopping rule,
and a manual start.

The panel turns its widgets into a ``FitConfig`` (``config()``) and back (``set_config``), and
into a plain dict for QSettings and session files (``to_settings`` / ``from_settings``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..engine.config import INIT_METHODS, FitConfig
from ..engine.init import initial_params
from ..engine.params import COVARIANCE_TYPES, MixtureParams
from ..engine.stopping import DEFAULT_TOL, STOPPING_RULES
from ..errors import UserError
from .i18n import QT_TRANSLATE_NOOP
from .large_files import LargeFilesBox
from .manual_start import ManualStartEditor, parse_number

SETTINGS_VERSION = 1
SEED_MAX = 2**31 - 1
# The largest K the window offers: its plots, legends and starting-values table are made for
# a few components (the command line's `fit` takes more).
MAX_COMPONENTS = 30

COVARIANCE_LABELS: dict[str, str] = {
    "full": QT_TRANSLATE_NOOP("ParameterPanel", "full (each component its own tilted ellipse)"),
    "diag": QT_TRANSLATE_NOOP("ParameterPanel", "diag (axis-aligned ellipses)"),
    "spherical": QT_TRANSLATE_NOOP("ParameterPanel", "spherical (circles)"),
    "tied": QT_TRANSLATE_NOOP("ParameterPanel", "tied (all components share one shape)"),
}
INIT_LABELS: dict[str, str] = {
    "auto": QT_TRANSLATE_NOOP("ParameterPanel", "automatic: several kinds in turn (recommended)"),
    "kmeans++": QT_TRANSLATE_NOOP("ParameterPanel", "k-means++ on standardised columns"),
    "kmeans-raw": QT_TRANSLATE_NOOP("ParameterPanel", "k-means++ on the columns as they are"),
    "hierarchical": QT_TRANSLATE_NOOP("ParameterPanel", "hierarchical (as mclust)"),
    "random-from-data": QT_TRANSLATE_NOOP("ParameterPanel", "random rows from the data"),
    "random": QT_TRANSLATE_NOOP("ParameterPanel", "random responsibilities"),
    "manual": QT_TRANSLATE_NOOP("ParameterPanel", "my own values"),
}
STOPPING_LABELS: dict[str, str] = {
    "aitken": QT_TRANSLATE_NOOP(
        "ParameterPanel", "the likelihood's limit is reached (Aitken, recommended)"
    ),
    "mean-change": QT_TRANSLATE_NOOP(
        "ParameterPanel", "the log-likelihood per row changes by less than tol (scikit-learn)"
    ),
    "total-change": QT_TRANSLATE_NOOP(
        "ParameterPanel", "the total log-likelihood changes by less than tol (homework)"
    ),
}
# One sentence per rule: the item's tooltip, and the tolerance box's while the rule is chosen.
STOPPING_TIPS: dict[str, str] = {
    "aitken": QT_TRANSLATE_NOOP(
        "ParameterPanel",
        "EM stops when the gain still to come, estimated from the last steps (Aitken), is\n"
        "below the tolerance per row: it stops at the maximum even on a flat likelihood.",
    ),
    "mean-change": QT_TRANSLATE_NOOP(
        "ParameterPanel",
        "EM stops when one iteration changes the mean log-likelihood per row by less than\n"
        "the tolerance, as scikit-learn does; on a flat likelihood it can stop early.",
    ),
    "total-change": QT_TRANSLATE_NOOP(
        "ParameterPanel",
        "EM stops when one iteration changes the total log-likelihood by less than the\n"
        "tolerance, as in the homework; on a flat likelihood it can stop early.",
    ),
}
assert set(COVARIANCE_LABELS) == set(COVARIANCE_TYPES)
assert set(INIT_LABELS) == set(INIT_METHODS)
assert set(STOPPING_LABELS) == set(STOPPING_TIPS) == set(STOPPING_RULES)

TIPS = {
    "k": QT_TRANSLATE_NOOP(
        "ParameterPanel",
        "How many Gaussian bumps (groups) the mixture has.\n"
        "Two for heights of men and women; compare several K in the results to choose.",
    ),
    "cov": QT_TRANSLATE_NOOP(
        "ParameterPanel",
        "The shape each component may take. 'full' is the most flexible; 'diag' and\n"
        "'spherical' need fewer numbers and help with little data; 'tied' gives every\n"
        "component the same shape. With one column all four differ only in 'tied'.",
    ),
    "init": QT_TRANSLATE_NOOP(
        "ParameterPanel",
        "Where EM starts. Automatic takes hierarchical, k-means++ and random starts in turn,\n"
        "which finds better fits with several restarts. 'My own values' lets you type the\n"
        "starting weights, means and sds, like a homework's starting values.",
    ),
    "seed": QT_TRANSLATE_NOOP(
        "ParameterPanel",
        "A number that fixes the random choices, so the same seed gives the same fit again.\n"
        "Change it (or press 'New seed') to try another random start.",
    ),
    "new_seed": QT_TRANSLATE_NOOP("ParameterPanel", "Pick a new random seed."),
    "n_init": QT_TRANSLATE_NOOP(
        "ParameterPanel",
        "How many times EM is started from different random starts; the best result\n"
        "(highest log-likelihood) is kept. More restarts are slower but safer.",
    ),
    "n_init_manual": QT_TRANSLATE_NOOP(
        "ParameterPanel",
        "Your own starting values give exactly one start, so restarts do not apply.",
    ),
    "max_iter": QT_TRANSLATE_NOOP(
        "ParameterPanel",
        "EM stops after this many iterations even if it has not settled.\n"
        "Raise it if the results say the fit did not converge.",
    ),
    "stopping": QT_TRANSLATE_NOOP(
        "ParameterPanel",
        "When EM counts as converged. The recommended rule (Aitken) estimates how much the\n"
        "log-likelihood can still gain and stops at the maximum; the other two stop when one\n"
        "iteration changes the log-likelihood by less than the tolerance (per row as\n"
        "scikit-learn, or in total as the homework). Choosing a rule puts its usual\n"
        "tolerance in the box unless you typed your own.",
    ),
    "tol": QT_TRANSLATE_NOOP(
        "ParameterPanel",
        "Smaller means more precise but more iterations; 0 runs every iteration.\n"
        "Scientific notation is fine, e.g. 1e-8 = 0.00000001.",
    ),
    "reg": QT_TRANSLATE_NOOP(
        "ParameterPanel",
        "A tiny amount added to every variance so that a component squeezed onto a\n"
        "single value cannot break the fit. Leave it unless a fit fails; then try 1e-3.",
    ),
    "fill": QT_TRANSLATE_NOOP(
        "ParameterPanel",
        "Fill the table with a k-means++ start computed from the chosen data,\nthen edit it.",
    ),
    "fill_no_data": QT_TRANSLATE_NOOP(
        "ParameterPanel", "Choose some data first: the starting values are computed from it."
    ),
}


class ParameterPanel(QWidget):
    """Fit settings. ``sig_changed`` fires on every user change; ``set_config`` and
    ``from_settings`` are silent. ``use_as_start`` is a user action and fires once."""

    sig_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._X: np.ndarray | None = None
        self._feature_names: list[str] = []
        self._syncing = False
        self._n_init_before_manual = 1

        self._k = QSpinBox()
        self._k.setRange(1, MAX_COMPONENTS)
        self._k.setValue(2)
        self._covariance = QComboBox()
        for name in COVARIANCE_TYPES:
            self._covariance.addItem(self.tr(COVARIANCE_LABELS[name]), name)
        self._init = QComboBox()
        for name in INIT_METHODS:
            self._init.addItem(self.tr(INIT_LABELS[name]), name)
        self._seed = QSpinBox()
        self._seed.setRange(0, SEED_MAX)
        self._seed.setValue(0)
        self._new_seed = QPushButton(self.tr("New seed"))
        self._n_init = QSpinBox()
        self._n_init.setRange(1, 100)
        self._max_iter = QSpinBox()
        self._max_iter.setRange(1, 100_000)
        self._max_iter.setValue(FitConfig().max_iter)
        self._stopping = QComboBox()
        for name in STOPPING_RULES:
            self._stopping.addItem(self.tr(STOPPING_LABELS[name]), name)
            self._stopping.setItemData(
                self._stopping.count() - 1,
                self.tr(STOPPING_TIPS[name]),
                Qt.ItemDataRole.ToolTipRole,
            )
        # the labels are long: never let them widen the dock (the popup shows them whole)
        self._stopping.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self._stopping.setMinimumContentsLength(16)
        self._set_combo(self._stopping, FitConfig().stopping)
        self._shown_rule = self._stopping_rule()
        self._tol = self._number_edit(_format_float(FitConfig().tol))
        self._reg = self._number_edit("1e-06")

        self._editor = ManualStartEditor()
        self._fill = QPushButton(self.tr("Fill from data"))
        self._manual_box = QGroupBox(self.tr("My own starting values"))

        self._tol_label: QWidget | None = None  # the form's "Tolerance:" label
        self.large_files = LargeFilesBox()

        self._set_tooltips()
        self._build_layout()
        self._connect()
        self._update_manual_visibility()
        self._update_fill_enabled()

    @staticmethod
    def _number_edit(text: str) -> QLineEdit:
        edit = QLineEdit(text)
        validator = QDoubleValidator(0.0, 1e300, 300, edit)
        validator.setNotation(QDoubleValidator.Notation.ScientificNotation)
        locale = QLocale.c()
        locale.setNumberOptions(QLocale.NumberOption.RejectGroupSeparator)
        validator.setLocale(locale)
        edit.setValidator(validator)
        return edit

    def _set_tooltips(self) -> None:
        self._k.setToolTip(self.tr(TIPS["k"]))
        self._covariance.setToolTip(self.tr(TIPS["cov"]))
        self._init.setToolTip(self.tr(TIPS["init"]))
        self._seed.setToolTip(self.tr(TIPS["seed"]))
        self._new_seed.setToolTip(self.tr(TIPS["new_seed"]))
        self._n_init.setToolTip(self.tr(TIPS["n_init"]))
        self._max_iter.setToolTip(self.tr(TIPS["max_iter"]))
        self._stopping.setToolTip(self.tr(TIPS["stopping"]))
        self._update_tol_tooltip()
        self._reg.setToolTip(self.tr(TIPS["reg"]))
        self._fill.setToolTip(self.tr(TIPS["fill"]))

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a narrow dock stacks them
        seed_row = QHBoxLayout()
        seed_row.addWidget(self._seed, 1)
        seed_row.addWidget(self._new_seed)
        rows: list[tuple[str, QWidget | QHBoxLayout, str]] = [
            (self.tr("Components K:"), self._k, "k"),
            (self.tr("Covariance type:"), self._covariance, "cov"),
            (self.tr("Start:"), self._init, "init"),
            (self.tr("Seed:"), seed_row, "seed"),
            (self.tr("Restarts:"), self._n_init, "n_init"),
            (self.tr("Max iterations:"), self._max_iter, "max_iter"),
            (self.tr("Stop when:"), self._stopping, "stopping"),
            (self.tr("Tolerance:"), self._tol, "tol"),
            (self.tr("Regularisation:"), self._reg, "reg"),
        ]
        for text, field, tip in rows:
            form.addRow(text, field)
            label = form.labelForField(field)
            if label is not None:
                label.setToolTip(self.tr(TIPS[tip]))
        self._tol_label = form.labelForField(self._tol)
        self._update_tol_tooltip()

        box_layout = QVBoxLayout(self._manual_box)
        box_layout.addWidget(self._editor)
        fill_row = QHBoxLayout()
        fill_row.addWidget(self._fill)
        fill_row.addStretch(1)
        box_layout.addLayout(fill_row)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._manual_box)
        layout.addWidget(self.large_files)
        layout.addStretch(1)

    def _connect(self) -> None:
        self._k.valueChanged.connect(self._on_k_value_changed)
        self._covariance.currentIndexChanged.connect(self._on_field_changed)
        self._init.currentIndexChanged.connect(self._on_init_changed)
        self._seed.valueChanged.connect(self._on_field_changed)
        self._new_seed.clicked.connect(self._on_new_seed_clicked)
        self._n_init.valueChanged.connect(self._on_field_changed)
        self._max_iter.valueChanged.connect(self._on_field_changed)
        self._stopping.currentIndexChanged.connect(self._on_stopping_changed)
        self._tol.textEdited.connect(self._on_field_changed)
        self._reg.textEdited.connect(self._on_field_changed)
        self._editor.sig_edited.connect(self._on_field_changed)
        self._fill.clicked.connect(self._on_fill_clicked)

    # -- public API ------------------------------------------------------------------------------
    def config(self) -> FitConfig:
        """The settings as a FitConfig; raises UserError (plain words) for a bad field."""
        tol = self._read_number(self._tol, "tolerance", "0.001 or 1e-3")
        reg = self._read_number(self._reg, "regularisation", "1e-6")
        init = self._init_method()
        init_params: MixtureParams | None = None
        if init == "manual":
            problem = self._editor.problem()
            if problem is not None:
                raise UserError(
                    self.tr("your starting values have a problem: {problem}").format(
                        problem=problem
                    )
                )
            init_params = self._editor.params()
        return FitConfig(
            n_components=self._k.value(),
            covariance_type=str(self._covariance.currentData()),
            init=init,
            n_init=1 if init == "manual" else self._n_init.value(),
            max_iter=self._max_iter.value(),
            tol=tol,
            stopping=self._stopping_rule(),
            reg_covar=reg,
            seed=self._seed.value(),
            init_params=init_params,
        )

    def stopping_options(self) -> dict[str, Any]:
        """``stopping``, ``max_iter`` and (when readable) ``tol``, as ``sweep_models`` takes them:
        Choose K stops its fits as a fit started here would."""
        options: dict[str, Any] = {
            "stopping": self._stopping_rule(),
            "max_iter": self._max_iter.value(),
        }
        tol = parse_number(self._tol.text())
        if tol is not None and tol >= 0:
            options["tol"] = tol
        return options

    def set_config(self, config: FitConfig) -> None:
        """Show ``config`` without emitting sig_changed. A seed of None gets a fresh random seed."""
        self._syncing = True
        try:
            self._k.setValue(int(min(max(config.n_components, 1), MAX_COMPONENTS)))
            self._set_combo(self._covariance, config.covariance_type)
            self._n_init.setValue(int(min(max(config.n_init, 1), 100)))
            self._max_iter.setValue(int(min(max(config.max_iter, 1), 100_000)))
            self._set_stopping(config.stopping)
            self._tol.setText(_format_float(config.tol))
            self._reg.setText(_format_float(config.reg_covar))
            seed = config.seed if config.seed is not None else _random_seed()
            self._seed.setValue(int(seed) % (SEED_MAX + 1))
            self._editor.set_shape(self._k.value(), self._feature_names)
            if config.init_params is not None:
                self._editor.set_params(config.init_params)
                self._k.setValue(config.init_params.n_components)
            self._set_combo(self._init, config.init)
        finally:
            self._syncing = False
        self._update_manual_visibility()

    def set_components(self, k: int) -> None:
        """Set K (1..MAX_COMPONENTS), as if typed: a demo's suggested number of components."""
        self._k.setValue(int(min(max(k, 1), MAX_COMPONENTS)))

    def set_data(self, X: np.ndarray | None, feature_names: Sequence[str]) -> None:
        """The data that 'Fill from data' uses; reshapes the manual table to K x d. Silent."""
        self._X = None if X is None else np.asarray(X, dtype=float)
        names = [str(n) for n in feature_names]
        if self._X is not None and self._X.ndim == 1:
            self._X = self._X[:, None]
        self._editor.set_reference_data(self._X)
        if names != self._feature_names:
            self._feature_names = names
            self._editor.set_shape(self._k.value(), names)
        self._update_fill_enabled()

    def use_as_start(self, params: MixtureParams) -> None:
        """'Use this result as the start': copy ``params`` into the table, K and Start follow."""
        self._syncing = True
        try:
            self._k.setValue(params.n_components)
            self._editor.set_params(params)
            self._set_combo(self._init, "manual")
        finally:
            self._syncing = False
        self._update_manual_visibility()
        self.sig_changed.emit()

    def editor(self) -> ManualStartEditor:
        """The manual start table."""
        return self._editor

    def to_settings(self) -> dict[str, Any]:
        """The settings as a plain JSON-able dict (``"version": 1``); fields that cannot be read
        are left out, and the manual start is included only when it is valid."""
        out: dict[str, Any] = {
            "version": SETTINGS_VERSION,
            "n_components": self._k.value(),
            "covariance_type": str(self._covariance.currentData()),
            "init": self._init_method(),
            "seed": self._seed.value(),
            "n_init": self._n_init.value(),
            "max_iter": self._max_iter.value(),
            "stopping": self._stopping_rule(),
            **self.large_files.to_settings(),
        }
        for key, edit in (("tol", self._tol), ("reg_covar", self._reg)):
            value = parse_number(edit.text())
            if value is not None and value >= 0:
                out[key] = value
        if self._editor.is_valid():
            try:
                p = self._editor.params()
            except UserError:  # the engine's own checks are the last word; never fail a save
                return out
            out["init_params"] = {
                "weights": p.weights.tolist(),
                "means": p.means.tolist(),
                "covariances": p.covariances.tolist(),
            }
        return out

    def from_settings(self, settings: dict[str, Any]) -> None:
        """Restore ``to_settings`` output; unknown keys and invalid values are ignored. Silent."""
        if not isinstance(settings, dict):
            return
        s = settings
        self._syncing = True
        try:
            _set_int(self._k, s.get("n_components"))
            _set_int(self._seed, s.get("seed"))
            _set_int(self._n_init, s.get("n_init"))
            _set_int(self._max_iter, s.get("max_iter"))
            if s.get("covariance_type") in COVARIANCE_TYPES:
                self._set_combo(self._covariance, s["covariance_type"])
            if s.get("stopping") in STOPPING_RULES:
                self._set_stopping(s["stopping"])
            for key, edit in (("tol", self._tol), ("reg_covar", self._reg)):
                value = _as_float(s.get(key))
                if value is not None and value >= 0:
                    edit.setText(_format_float(value))
            self._editor.set_shape(self._k.value(), self._feature_names)
            params = _params_from(s.get("init_params"))
            if params is not None:
                self._editor.set_params(params)
                self._k.setValue(params.n_components)
            if s.get("init") in INIT_METHODS:
                self._set_combo(self._init, s["init"])
            self.large_files.from_settings(s)
        finally:
            self._syncing = False
        self._update_manual_visibility()

    # -- helpers ---------------------------------------------------------------------------------
    def _init_method(self) -> str:
        return str(self._init.currentData())

    def _stopping_rule(self) -> str:
        return str(self._stopping.currentData())

    def _set_stopping(self, rule: str) -> None:
        """Show ``rule`` (call while syncing: the tolerance box is left as it is)."""
        self._set_combo(self._stopping, rule)
        self._shown_rule = self._stopping_rule()
        self._update_tol_tooltip()

    def _update_tol_tooltip(self) -> None:
        """The tolerance's tooltip: the chosen rule's sentence, then the general advice."""
        tip = self.tr(STOPPING_TIPS[self._stopping_rule()]) + "\n" + self.tr(TIPS["tol"])
        self._tol.setToolTip(tip)
        if self._tol_label is not None:
            self._tol_label.setToolTip(tip)

    @staticmethod
    def _set_combo(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _read_number(self, edit: QLineEdit, what: str, example: str) -> float:
        value = parse_number(edit.text())
        if value is None or value < 0:
            words = {"tolerance": self.tr("tolerance"), "regularisation": self.tr("regularisation")}
            raise UserError(
                self.tr("the {what} must be zero or a positive number, such as {example}").format(
                    what=words.get(what, what), example=example
                )
            )
        return value

    def _update_manual_visibility(self) -> None:
        manual = self._init_method() == "manual"
        self._manual_box.setVisible(manual)
        self._n_init.setEnabled(not manual)
        self._n_init.setToolTip(self.tr(TIPS["n_init_manual"] if manual else TIPS["n_init"]))

    def _update_fill_enabled(self) -> None:
        has_data = self._X is not None and self._X.shape[0] >= 1
        self._fill.setEnabled(has_data)
        self._fill.setToolTip(self.tr(TIPS["fill"] if has_data else TIPS["fill_no_data"]))

    def _changed(self) -> None:
        if not self._syncing:
            self.sig_changed.emit()

    # -- handlers --------------------------------------------------------------------------------
    def _on_field_changed(self, *_args: object) -> None:
        self._changed()

    def _on_k_value_changed(self, value: int) -> None:
        if not self._syncing:
            self._editor.set_shape(value, self._feature_names)
        self._changed()

    def _on_stopping_changed(self, _index: int) -> None:
        """A rule chosen by the user: its usual tolerance replaces the previous rule's usual
        one; a tolerance the user typed (any other value) is kept."""
        previous, rule = self._shown_rule, self._stopping_rule()
        self._shown_rule = rule
        self._update_tol_tooltip()
        if not self._syncing and parse_number(self._tol.text()) in (None, DEFAULT_TOL[previous]):
            self._tol.setText(_format_float(DEFAULT_TOL[rule]))
        self._changed()

    def _on_init_changed(self, _index: int) -> None:
        self._update_manual_visibility()
        self._changed()

    def _on_new_seed_clicked(self) -> None:
        self._seed.setValue(_random_seed())  # valueChanged emits sig_changed

    def _on_fill_clicked(self) -> None:
        if self._X is None:
            return
        k = self._k.value()
        if k > self._X.shape[0]:
            self._editor.set_shape(k, self._feature_names)
            return
        try:
            reg = self._read_number(self._reg, "regularisation", "1e-6")
        except UserError:
            reg = 1e-6
        seed = self._seed.value()
        start_config = FitConfig(
            n_components=k,
            covariance_type=str(self._covariance.currentData()),
            init="kmeans++",
            reg_covar=reg,
            seed=seed,
        )
        params = initial_params(self._X, start_config, np.random.default_rng(seed))
        self._editor.set_params(params)
        self.sig_changed.emit()


def _random_seed() -> int:
    return int(np.random.default_rng().integers(0, SEED_MAX, endpoint=True))


def _format_float(value: float) -> str:
    return f"{float(value):.6g}"


def _as_float(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _set_int(spin: QSpinBox, value: object) -> None:
    """Set a whole number within the spin box's range; anything else is ignored.

    Numeric strings are accepted: QSettings' INI files give numbers back as text."""
    number = _as_float(value)
    if number is None or int(number) != number:
        return
    if spin.minimum() <= number <= spin.maximum():
        spin.setValue(int(number))


def _params_from(value: object) -> MixtureParams | None:
    if not isinstance(value, dict):
        return None
    try:
        return MixtureParams.from_user(
            value["weights"], value["means"], covariances=value["covariances"]
        )
    except (KeyError, TypeError, ValueError):  # UserError is a ValueError
        return None


def _preview() -> None:  # pragma: no cover - manual preview
    """The panel with heights data and the homework's start (python -m ...parameter_panel)."""
    import sys

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    rng = np.random.default_rng(0)
    X = np.concatenate([rng.normal(176, 6, 550), rng.normal(163, 5.5, 450)])[:, None]
    panel = ParameterPanel()
    panel.set_data(X, ["height"])
    panel.use_as_start(MixtureParams.from_user([0.7, 0.3], [180, 165], standard_deviations=[5, 5]))
    panel.resize(460, 560)
    panel.show()
    app.exec()


if __name__ == "__main__":  # pragma: no cover
    _preview()
