"""Help > What is this?: EM and every plot explained in two sentences each (translatable)."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget


class HelpPanel(QWidget):
    """A read-only page of short explanations, shown in a dock beside the results."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(self.html())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.browser)

    def sections(self) -> list[tuple[str, str]]:
        """(title, two-sentence explanation) for EM and each view."""
        return [
            (
                self.tr("The EM algorithm"),
                self.tr(
                    "A Gaussian mixture says the data come from K bell-shaped groups "
                    "(components), each with a weight, a mean and a spread. Expectation-"
                    "maximisation alternates two steps: the E-step computes for every row how "
                    "likely it belongs to each component (its responsibilities), and the M-step "
                    "re-estimates the weights, means and covariances from those "
                    "responsibilities, until the log-likelihood stops improving."
                ),
            ),
            (
                self.tr("Histogram && densities"),
                self.tr(
                    "The bars are the histogram of one column and each coloured curve is one "
                    "component's density, scaled by its weight. The black curve is the whole "
                    "mixture: where it follows the bars, the model describes the data well."
                ),
            ),
            (
                self.tr("Scatter && ellipses"),
                self.tr(
                    "Each point is a row, coloured by its most likely component. The solid and "
                    "dashed ellipses enclose 1 and 2 standard deviations of each component, so "
                    "their size, shape and tilt show its covariance."
                ),
            ),
            (
                self.tr("3-D scatter"),
                self.tr(
                    "Three chosen columns as a cloud of points coloured by component, with "
                    "large dots at the component means. Drag to rotate it and scroll to zoom."
                ),
            ),
            (
                self.tr("Log-likelihood"),
                self.tr(
                    "How well the current parameters explain the data, after each iteration. "
                    "EM never makes it worse; when the curve flattens out, the fit has converged."
                ),
            ),
            (
                self.tr("Parameter history"),
                self.tr(
                    "The weights, means and standard deviations of every component at each "
                    "iteration. It is the table of values you would write down by hand in a "
                    "homework, drawn as lines."
                ),
            ),
            (
                self.tr("Choose K"),
                self.tr(
                    "Fits models with different numbers of components and covariance types and "
                    "plots their BIC. The lowest BIC balances a good fit against the number of "
                    "parameters, so it suggests how many components to use."
                ),
            ),
            (
                self.tr("Teaching mode"),
                self.tr(
                    "Teach (F9) runs EM one half-step at a time: after the E-step each point takes "
                    "the colours of its responsibilities, after the M-step the components glide "
                    "to their new places; click a point or choose a component to see its "
                    "formulas with the numbers, and drag a mean or an ellipse handle to choose "
                    "the start. The lessons in File > Demo data > Lessons open the homework "
                    "stories ready to step, each explained above the formulas."
                ),
            ),
            (
                self.tr("Runs and Agreement"),
                self.tr(
                    "Runs lists every fit you made, to show again or compare any number of side "
                    "by side (one table, overlaid curves, exported as CSV). Agreement compares "
                    "the components with a label column or with the true parameters (of "
                    "generated data, or typed in Data > True values), which the plots draw "
                    "dashed beside the fit."
                ),
            ),
        ]

    def html(self) -> str:
        heading = self.tr("What is this?")
        parts = [f"<h3>{escape(heading)}</h3>"]
        for title, text in self.sections():
            parts.append(f"<p><b>{escape(title.replace('&&', '&'))}</b><br>{escape(text)}</p>")
        return "\n".join(parts)
