"""The Teach view's formulas as rich text, with the numbers of ``engine.halfsteps`` filled in.

``e_html`` writes the E-step formula of one point, ``m_html`` the M-step formulas of one
component. Texts keep the "TeachView" translation context.
"""

from __future__ import annotations

import html
import re

import numpy as np
from PySide6.QtGui import QFont, QTextDocument

from ..engine.halfsteps import EFormula, MFormula
from .i18n import translate
from .style import COMPONENT_COLORS


def fmt(value: float) -> str:
    """A number as a student reads it: 4 significant digits, scientific only when needed."""
    v = float(value)
    if v != 0 and (abs(v) < 1e-3 or abs(v) >= 1e6):
        mantissa, exponent = f"{v:.2e}".split("e")
        return f"{mantissa}×10<sup>{int(exponent)}</sup>"
    if abs(v) >= 1e3:  # 49972.3, not 4.997e+04
        return f"{v:.1f}"
    return f"{v:.4g}"


def fmt_vector(values: np.ndarray) -> str:
    return fmt(values[0]) if len(values) == 1 else "(" + ", ".join(fmt(v) for v in values) + ")"


def fmt_matrix(matrix: np.ndarray) -> str:
    if matrix.shape == (1, 1):
        return fmt(matrix[0, 0])
    rows = "".join(
        "<tr>" + "".join(f"<td align='right'>&nbsp;{fmt(v)}&nbsp;</td>" for v in row) + "</tr>"
        for row in matrix
    )
    return (
        "<table cellspacing='0' cellpadding='1' style='border-left: 1px solid black; "
        f"border-right: 1px solid black'>{rows}</table>"
    )


def nb(text: str) -> str:
    """``text`` with non-breaking spaces, so a key entry never wraps inside itself."""
    return html.escape(text).replace(" ", "&nbsp;")


def swatch(k: int) -> str:
    return f"<span style='color:{COMPONENT_COLORS[k % len(COMPONENT_COLORS)]}'>&#9632;</span>"


E_TABLE = "<table border='1' cellspacing='0' cellpadding='2'>"
# The same in a smaller font, for a panel too narrow for it: at 1366 x 768 on 3-D data with
# K = 4, five columns of numbers such as 7.94×10^-10 needed 292 px of 276-290 (issue 18).
E_TABLE_SMALL = "<table border='1' cellspacing='0' cellpadding='2' style='font-size: small'>"
_E_TABLE_PATTERN = re.compile(r"<table border='1'.*?</table>", re.S)


def e_table_width(text: str, font: QFont) -> float:
    """The width in px the E-step table in ``text`` (``e_html``'s output) needs unwrapped."""
    table = _E_TABLE_PATTERN.search(text)
    if table is None:
        return 0.0
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setHtml(table.group(0))
    document.setTextWidth(-1)
    return document.idealWidth()


def e_html(numbers: EFormula, kind: str, small: bool = False) -> str:
    """The E-step formula of ``numbers.row`` after a half-step of ``kind`` (start, E, M);
    ``small`` sets its table in a smaller font."""
    when = {
        "start": translate("TeachView", "What the first E-step will compute for the chosen point:"),
        "E": translate("TeachView", "What this E-step computed for the chosen point:"),
        "M": translate("TeachView", "What the E-step before computed for the chosen point:"),
    }[kind]
    title = translate("TeachView", "E-step for point {i}").format(i=numbers.row + 1)
    click = translate("TeachView", "Click a point in the plot to choose another one.")
    formula = (
        "γ<sub>ik</sub> = π<sub>k</sub> N(x<sub>i</sub> | μ<sub>k</sub>, Σ<sub>k</sub>) / "
        "Σ<sub>j</sub> π<sub>j</sub> N(x<sub>i</sub> | μ<sub>j</sub>, Σ<sub>j</sub>)"
    )
    head = (
        "<tr><th>k</th><th>π<sub>k</sub></th><th>N<sub>ik</sub></th>"
        "<th>π<sub>k</sub>·N<sub>ik</sub></th><th>γ<sub>ik</sub></th></tr>"
    )
    short = translate(
        "TeachView", "{short} is short for {full}: the density of component k at the point."
    )
    short = short.format(
        short="N<sub>ik</sub>",
        full="N(x<sub>i</sub> | μ<sub>k</sub>, Σ<sub>k</sub>)",
    )
    rows = "".join(
        f"<tr><td>{swatch(k)} {k + 1}</td><td align='right'>{fmt(numbers.weights[k])}</td>"
        f"<td align='right'>{fmt(numbers.densities[k])}</td>"
        f"<td align='right'>{fmt(numbers.products[k])}</td>"
        f"<td align='right'><b>{fmt(numbers.gammas[k])}</b></td></tr>"
        for k in range(numbers.weights.size)
    )
    sum_text = translate("TeachView", "sum")
    total = (
        f"<tr><td>{sum_text}</td><td></td><td></td>"
        f"<td align='right'>{fmt(numbers.total)}</td><td align='right'>1</td></tr>"
    )
    divide = translate("TeachView", "Each γ is its row's π·N divided by the sum {s}.").format(
        s=fmt(numbers.total)
    )
    return (
        f"<h3>{title}</h3><p>{when}<br>x<sub>i</sub> = {fmt_vector(numbers.point)}</p>"
        f"<p>{formula}</p>"
        f"{E_TABLE_SMALL if small else E_TABLE}{head}{rows}{total}</table>"
        f"<p><small>{short}</small><br>{divide}<br><small>{click}</small></p>"
    )


def _matrix_division(scatter: np.ndarray, count: float, result: np.ndarray) -> str:
    """``scatter / count = result`` for (d, d) matrices: on one row for d = 2, the result
    under the division for d >= 3 (so three columns of numbers fit the panel's width)."""
    cell = "<td valign='middle'>{}</td>"
    divided = cell.format(fmt_matrix(scatter)) + cell.format(f"&nbsp;/&nbsp;{fmt(count)}")
    equals = cell.format("&nbsp;=&nbsp;") + cell.format(f"<b>{fmt_matrix(result)}</b>")
    rows = (
        f"<tr>{divided}{equals}</tr>"
        if scatter.shape[0] <= 2
        else f"<tr>{divided}</tr><tr><td colspan='2'><table><tr>{equals}</tr></table></td></tr>"
    )
    return f"<table cellspacing='0' cellpadding='2'>{rows}</table>"


def m_html(numbers: MFormula, kind: str) -> str:
    """The M-step formulas of ``numbers.component`` after a half-step of ``kind`` (E, M)."""
    k = numbers.component + 1
    when = (
        translate("TeachView", "What the next M-step will compute from these responsibilities:")
        if kind == "E"
        else translate("TeachView", "What this M-step computed from the responsibilities:")
    )
    title = translate("TeachView", "M-step for component {k}").format(
        k=f"{swatch(numbers.component)} {k}"
    )
    sub = f"<sub>{k}</sub>"
    gamma = f"γ<sub>i{k}</sub>"
    lines = [
        f"N{sub} = Σ<sub>i</sub> {gamma} = <b>{fmt(numbers.count)}</b>",
        f"π{sub} = N{sub} / n = {fmt(numbers.count)} / {numbers.n} = <b>{fmt(numbers.weight)}</b>",
        f"μ{sub} = Σ<sub>i</sub> {gamma} x<sub>i</sub> / N{sub} = "
        f"{fmt_vector(numbers.weighted_sum)} / {fmt(numbers.count)} = "
        f"<b>{fmt_vector(numbers.mean)}</b>",
    ]
    if numbers.mean.size == 1:
        lines.append(
            f"σ²{sub} = Σ<sub>i</sub> {gamma} (x<sub>i</sub> − μ{sub})² / N{sub} = "
            f"{fmt(numbers.scatter[0, 0])} / {fmt(numbers.count)} = "
            f"<b>{fmt(numbers.covariance[0, 0])}</b>"
        )
    else:
        lines.append(
            f"Σ{sub} = Σ<sub>i</sub> {gamma} (x<sub>i</sub> − μ{sub})(x<sub>i</sub> − "
            f"μ{sub})<sup>T</sup> / N{sub} ="
            + _matrix_division(numbers.scatter, numbers.count, numbers.covariance)
        )
    notes = {
        "full": "",
        "diag": translate("TeachView", "(covariance type diag: only the diagonal is kept)"),
        "spherical": translate(
            "TeachView", "(covariance type spherical: one variance, the diagonal's mean)"
        ),
        "tied": translate(
            "TeachView", "(covariance type tied: all components share one pooled matrix)"
        ),
    }
    note = notes.get(numbers.covariance_type, "")
    reg = translate("TeachView", "A tiny {r} is added to the variances so none becomes 0.").format(
        r=fmt(numbers.reg_covar)
    )
    body = "<br>".join(lines)
    return f"<h3>{title}</h3><p>{when}</p><p>{body}</p><p><small>{note} {reg}</small></p>"
