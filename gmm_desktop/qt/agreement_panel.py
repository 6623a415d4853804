"""Agreement with what is known: known groups against components, true against fitted values."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..engine import FitResult, MixtureParams, adjusted_rand_index
from ..engine.matching import compare_to_truth
from .i18n import QT_TRANSLATE_NOOP, translate
from .plots.base import text_groups
from .style import component_swatch

MAX_GROUPS = 40
NOTHING_KNOWN = QT_TRANSLATE_NOOP(
    "AgreementPanel",
    "Nothing is known about the true groups of these data yet.\n\n"
    "• If your table has a column that says which group each row belongs to (for example "
    "sex), choose it as the label column on the Data tab: a table of groups against "
    "components and the adjusted Rand index will appear here.\n"
    "• If you generate synthetic data (Data ▸ Generate synthetic data…), the true "
    "parameters are known and are compared here with the fitted ones.",
)
NO_FIT = QT_TRANSLATE_NOOP(
    "AgreementPanel", "Run a fit to see how its components agree with what is known about the data."
)


def _num(value: float) -> str:
    return f"{value:.4g}" if abs(value) < 1e5 else f"{value:.6g}"


def _signed(value: float) -> str:
    return f"{value:+.3g}" if abs(value) >= 5e-4 or value == 0 else f"{value:+.2e}"


def ari_words(ari: float) -> str:
    """The adjusted Rand index in plain words."""
    return translate(
        "AgreementPanel",
        "Adjusted Rand index {ari} (1 = the components match the groups exactly, "
        "0 = no better than chance)",
    ).format(ari=f"{ari:.2f}")


def _table() -> QTableWidget:
    table = QTableWidget(0, 0)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    return table


def _cell(text: str, *, bold: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if bold:
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
    return item


class AgreementPanel(QWidget):
    """Confusion table and adjusted Rand index (with labels), truth table (with true params).

    Attributes for tests: ``confusion`` (rows: label values then "total"; columns: components
    then "total"), ``ari`` (float or None), ``truth`` (one row per matched component and
    quantity), ``truth_rows`` (``compare_to_truth``'s dicts), ``message``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ari: float | None = None
        self.truth_rows: list[dict[str, object]] = []
        self.message = QLabel(self.tr(NO_FIT))
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.labels_title = QLabel("")
        self.labels_title.setWordWrap(True)  # long titles must not widen the dock
        self.confusion = _table()
        self.confusion.setToolTip(
            self.tr(
                "How many rows of each known group (rows) each component (columns) took. "
                "A perfect match has one large number per row and per column."
            )
        )
        self.ari_label = QLabel("")
        self.ari_label.setWordWrap(True)
        self.ari_label.setTextFormat(Qt.TextFormat.PlainText)
        self.ari_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.truth_title = QLabel("")
        self.truth_title.setWordWrap(True)
        self.truth = _table()
        self.truth.verticalHeader().setVisible(False)
        self.truth.setToolTip(
            self.tr(
                "The parameters the data were drawn from against the fitted ones; each fitted "
                "component is paired with the true component whose mean is closest."
            )
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.labels_title)
        layout.addWidget(self.confusion)
        layout.addWidget(self.ari_label)
        layout.addWidget(self.truth_title)
        layout.addWidget(self.truth)
        layout.addStretch(1)
        self.set_fit(None, [], None, None, None)

    def set_fit(
        self,
        result: FitResult | None,
        columns: Sequence[str],
        labels: np.ndarray | None,
        label_name: str | None,
        true_params: MixtureParams | None,
    ) -> None:
        """Show how ``result`` agrees with ``labels`` (n,) and/or ``true_params``."""
        self.ari = None
        self.truth_rows = []
        has_labels = labels is not None and result is not None and len(labels) == result.n_samples
        has_truth = (
            true_params is not None
            and result is not None
            and true_params.n_features == result.n_features
        )
        if result is None:
            self.message.setText(self.tr(NO_FIT))
        elif not has_labels and not has_truth:
            self.message.setText(self.tr(NOTHING_KNOWN))
        self.message.setVisible(result is None or not (has_labels or has_truth))
        for widget in (self.labels_title, self.confusion, self.ari_label):
            widget.setVisible(has_labels)
        for widget in (self.truth_title, self.truth):
            widget.setVisible(has_truth)
        if has_labels:
            assert result is not None and labels is not None
            self._show_labels(result, np.asarray(labels), label_name or self.tr("label"))
        if has_truth:
            assert result is not None and true_params is not None
            self._show_truth(result, true_params, list(columns))

    # ------------------------------------------------------------------ labels
    def _show_labels(self, result: FitResult, labels: np.ndarray, label_name: str) -> None:
        components = result.labels
        values, codes = text_groups(labels)
        k = result.params.n_components
        # Every component gets a column, even one that took no rows.
        table = np.zeros((len(values), k), dtype=np.int64)
        np.add.at(table, (codes.ravel(), components), 1)
        self.ari = float(adjusted_rand_index(codes, components))
        self.labels_title.setText(
            self.tr(
                "<b>Known groups ('{label}') against components</b> — rows of each group "
                "that each component took"
            ).format(label=label_name)
        )
        shown = min(len(values), MAX_GROUPS)
        self.confusion.setRowCount(shown + 1)
        self.confusion.setColumnCount(k + 1)
        for j in range(k):
            head = QTableWidgetItem(self.tr("component {k}").format(k=j + 1))
            head.setBackground(QBrush(component_swatch(j, 0.45)))
            head.setForeground(QBrush(QColor("black")))
            head.setToolTip(self.tr("Rows whose most likely component is {k}").format(k=j + 1))
            self.confusion.setHorizontalHeaderItem(j, head)
        self.confusion.setHorizontalHeaderItem(k, QTableWidgetItem(self.tr("total")))
        for g in range(shown):
            self.confusion.setVerticalHeaderItem(g, QTableWidgetItem(str(values[g])))
            row_max = int(table[g].max())
            for j in range(k):
                item = _cell(f"{int(table[g, j]):,}", bold=table[g, j] == row_max > 0)
                self.confusion.setItem(g, j, item)
            self.confusion.setItem(g, k, _cell(f"{int(table[g].sum()):,}"))
        self.confusion.setVerticalHeaderItem(shown, QTableWidgetItem(self.tr("total")))
        for j in range(k):
            self.confusion.setItem(shown, j, _cell(f"{int(table[:, j].sum()):,}"))
        self.confusion.setItem(shown, k, _cell(f"{int(table.sum()):,}", bold=True))
        self.confusion.resizeColumnsToContents()
        self._fit_height(self.confusion)
        more = (
            self.tr(" Only the first {shown} of {n} groups are listed.").format(
                shown=MAX_GROUPS, n=len(values)
            )
            if len(values) > MAX_GROUPS
            else ""
        )
        majority = " · ".join(
            self.tr("{group}: {percent}% in component {k}").format(
                group=values[g],
                percent=f"{100 * table[g].max() / table[g].sum():.0f}",
                k=int(table[g].argmax()) + 1,
            )
            for g in range(min(shown, 6))
            if table[g].sum() > 0
        )
        self.ari_label.setText(
            f"{ari_words(self.ari)}.{more}\n"
            + self.tr("Largest share of each group: {shares}").format(shares=majority)
        )

    # ------------------------------------------------------------------ truth
    def _show_truth(self, result: FitResult, true: MixtureParams, columns: list[str]) -> None:
        self.truth_rows = compare_to_truth(true, result.params)
        d = true.n_features
        names = columns[:d] + [
            self.tr("column {i}").format(i=j + 1) for j in range(len(columns), d)
        ]
        self.truth_title.setText(
            self.tr(
                "<b>True against fitted parameters</b> (these data were generated, so the truth "
                "is known; difference = fitted − true)"
            )
        )
        head = [
            self.tr("component"),
            self.tr("quantity"),
            self.tr("true"),
            self.tr("fitted"),
            self.tr("difference"),
        ]
        lines: list[tuple[int, int, str, float, float, float]] = []
        for row in self.truth_rows:
            i, j = int(row["component"]), int(row["fitted_component"])  # type: ignore[call-overload]
            lines.append(
                (
                    i,
                    j,
                    self.tr("weight"),
                    float(row["true_weight"]),  # type: ignore[arg-type]
                    float(row["fitted_weight"]),  # type: ignore[arg-type]
                    float(row["weight_difference"]),  # type: ignore[arg-type]
                )
            )
            for kind, kind_text in (
                ("mean", self.tr("mean {column}")),
                ("sd", self.tr("sd {column}")),
            ):
                trues = row[f"true_{kind}"]
                fits = row[f"fitted_{kind}"]
                diffs = row[f"{kind}_difference"]
                assert isinstance(trues, list) and isinstance(fits, list)
                assert isinstance(diffs, list)
                for c in range(d):
                    lines.append(
                        (i, j, kind_text.format(column=names[c]), trues[c], fits[c], diffs[c])
                    )
            pairs = [(a, b) for a in range(d) for b in range(a + 1, d)]  # compare_to_truth's order
            corr_text = self.tr("correlation {a}–{b}")
            for p, (a, b) in enumerate(pairs):
                t_corr, f_corr = row["true_correlation"], row["fitted_correlation"]
                d_corr = row["correlation_difference"]
                assert isinstance(t_corr, list) and isinstance(f_corr, list)
                assert isinstance(d_corr, list)
                quantity = corr_text.format(a=names[a], b=names[b])
                lines.append((i, j, quantity, t_corr[p], f_corr[p], d_corr[p]))
        self.truth.setColumnCount(len(head))
        self.truth.setHorizontalHeaderLabels(head)
        self.truth.setRowCount(len(lines))
        for r, (i, j, quantity, t, f, diff) in enumerate(lines):
            label = f"{i}" if i == j else self.tr("{i} (fitted {j})").format(i=i, j=j)
            name = QTableWidgetItem(label)
            name.setBackground(QBrush(component_swatch(j - 1)))
            name.setForeground(QBrush(QColor("black")))
            name.setToolTip(
                self.tr("True component {i}, paired with fitted component {j}").format(i=i, j=j)
            )
            self.truth.setItem(r, 0, name)
            self.truth.setItem(r, 1, QTableWidgetItem(quantity))
            self.truth.setItem(r, 2, _cell(_num(t)))
            self.truth.setItem(r, 3, _cell(_num(f)))
            self.truth.setItem(r, 4, _cell(_signed(diff)))
        self.truth.resizeColumnsToContents()
        self._fit_height(self.truth)
        missing = true.n_components - len(self.truth_rows)
        extra = result.params.n_components - len(self.truth_rows)
        if missing > 0:
            self.truth_title.setText(
                self.truth_title.text()
                + "<br>"
                + self.tr(
                    "{n} true component(s) have no fitted partner: the fit has fewer."
                ).format(n=missing)
            )
        elif extra > 0:
            self.truth_title.setText(
                self.truth_title.text()
                + "<br>"
                + self.tr("{n} fitted component(s) have no true partner: the fit has more.").format(
                    n=extra
                )
            )

    @staticmethod
    def _fit_height(table: QTableWidget) -> None:
        """Size a short table to its rows so the panel does not show empty space."""
        height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth() + 2
        height += sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setFixedHeight(min(height, 420))


def _preview() -> int:  # pragma: no cover - manual preview
    from ..engine import FitConfig, fit
    from ..engine.synthetic import PRESETS, generate
    from .plots.preview import preview_app, run_preview

    app = preview_app()
    spec = PRESETS["heights"]
    X, component = generate(spec, seed=1)
    names = np.asarray(spec.component_names or ("1", "2"))
    result = fit(X, FitConfig(2, seed=0, n_init=3))
    panel = AgreementPanel()
    panel.set_fit(result, spec.feature_names, names[component], spec.label_name, spec.params)
    return run_preview(app, panel, "Agreement — generated heights", 720, 640)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(_preview())
