"""Help > How these numbers are computed: every index and test, its formula and its reference.

The explanations are translatable; the formulas and the references are the same in every
language, so they are plain text here. The formulas are those of ``engine/indices.py``,
``engine/lrt.py`` and ``engine/bootstrap.py`` (their docstrings say the same).
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

NOTATION = (
    "LL = log-likelihood (natural log), p = free parameters, n = rows, K = components, "
    "d = columns, z_ik = responsibility of component k for row i, map(i) = the component of "
    "row i's largest responsibility, E = -Σ_i Σ_k z_ik ln z_ik"
)
FORMULAS = {
    "parameters": "p = (K - 1) + K d + covariances: full K d(d+1)/2, diag K d, spherical K, "
    "tied d(d+1)/2",
    "AIC": "AIC = -2 LL + 2 p",
    "BIC": "BIC = -2 LL + p ln n",
    "SABIC": "SABIC = -2 LL + p ln((n + 2) / 24)",
    "CAIC": "CAIC = -2 LL + p (ln n + 1)",
    "AWE": "AWE = -2 LL_C + 2 p (3/2 + ln n),  LL_C = LL + Σ_i ln z_i,map(i)",
    "ICL": "ICL = BIC - 2 Σ_i ln z_i,map(i)   (mclust's icl() = -ICL);   ICL (entropy) = BIC + 2 E",
    "entropy": "relative entropy = 1 - E / (n ln K)   (1 for K = 1)",
    "posterior": "average posterior of class k = mean of z_ik over the rows with map(i) = k",
    "smallest": "smallest class = min_k #{i : map(i) = k}; flagged under 5% of n or 25 rows",
    "BLRT": "LR = 2 (LL_K - LL_{K-1});  LR_b from B data sets drawn from the K-1 fit, each "
    "refitted with K-1 and K;  p = (1 + #{b : LR_b ≥ LR}) / (B + 1),  "
    "Monte Carlo error √(p (1 - p) / B)",
    "LMR": "LR* = LR / (1 + 1 / (((3K - 1) - (3(K-1) - 1)) ln n)) = LR / (1 + 1 / (3 ln n));  "
    "p = P(χ² with p_K - p_{K-1} degrees of freedom ≥ LR*)",
    "bootstrap": "SE = standard deviation (n - 1) of the B replicate estimates;  "
    "95% interval = their 2.5th to 97.5th percentiles",
}
REFERENCES = (
    "Akaike, H. (1974). A new look at the statistical model identification. IEEE "
    "Transactions on Automatic Control 19, 716-723.",
    "Banfield, J. D. and Raftery, A. E. (1993). Model-based Gaussian and non-Gaussian "
    "clustering. Biometrics 49, 803-821.",
    "Biernacki, C., Celeux, G. and Govaert, G. (2000). Assessing a mixture model for "
    "clustering with the integrated completed likelihood. IEEE Transactions on Pattern "
    "Analysis and Machine Intelligence 22, 719-725.",
    "Bozdogan, H. (1987). Model selection and Akaike's information criterion (AIC). "
    "Psychometrika 52, 345-370.",
    "Efron, B. and Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall.",
    "Lo, Y., Mendell, N. R. and Rubin, D. B. (2001). Testing the number of components in a "
    "normal mixture. Biometrika 88, 767-778.",
    "McLachlan, G. J. (1987). On bootstrapping the likelihood ratio test statistic for the "
    "number of components in a normal mixture. Applied Statistics 36, 318-324.",
    "McLachlan, G. J. and Peel, D. (2000). Finite Mixture Models. Wiley.",
    "Nylund, K. L., Asparouhov, T. and Muthén, B. O. (2007). Deciding on the number of "
    "classes in latent class analysis and growth mixture modeling: a Monte Carlo simulation "
    "study. Structural Equation Modeling 14, 535-569.",
    "Schwarz, G. (1978). Estimating the dimension of a model. Annals of Statistics 6, 461-464.",
    "Sclove, S. L. (1987). Application of model-selection criteria to some problems in "
    "multivariate analysis. Psychometrika 52, 333-343.",
)


class FormulasPage(QWidget):
    """The page: a section per number (title, what it means, formula, reference)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(self.html())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.browser)

    def sections(self) -> list[tuple[str, str, str, str]]:
        """(title, explanation, formula key in FORMULAS, reference) of every number."""
        lower = self.tr("Lower is better.")
        return [
            (
                self.tr("Free parameters"),
                self.tr("The numbers the model estimates; every criterion charges for them."),
                "parameters",
                "McLachlan and Peel (2000)",
            ),
            (self.tr("AIC"), lower, "AIC", "Akaike (1974)"),
            (
                self.tr("BIC"),
                lower
                + " "
                + self.tr("mclust prints BIC with the opposite sign (higher is better there)."),
                "BIC",
                "Schwarz (1978)",
            ),
            (self.tr("Sample-size-adjusted BIC"), lower, "SABIC", "Sclove (1987)"),
            (self.tr("Consistent AIC"), lower, "CAIC", "Bozdogan (1987)"),
            (
                self.tr("Approximate weight of evidence"),
                lower + " " + self.tr("LL_C is the likelihood of the hard classification."),
                "AWE",
                "Banfield and Raftery (1993)",
            ),
            (
                self.tr("ICL"),
                lower
                + " "
                + self.tr(
                    "BIC plus a penalty for rows that do not clearly belong to one component, "
                    "in mclust's convention; the entropy version uses every responsibility."
                ),
                "ICL",
                "Biernacki, Celeux and Govaert (2000)",
            ),
            (
                self.tr("Relative entropy"),
                self.tr("Near 1: every row clearly belongs to one component; near 0: overlap."),
                "entropy",
                "McLachlan and Peel (2000)",
            ),
            (
                self.tr("Average posterior probability"),
                self.tr("Near 1: the rows assigned to a class are clearly its own."),
                "posterior",
                "Nylund, Asparouhov and Muthén (2007)",
            ),
            (
                self.tr("Smallest class"),
                self.tr("A very small class may be a few unusual rows rather than a group."),
                "smallest",
                "Nylund, Asparouhov and Muthén (2007)",
            ),
            (
                self.tr("Bootstrap likelihood-ratio test (BLRT)"),
                self.tr(
                    "Does K fit better than K-1 by more than chance? Small p (below 0.05): yes. "
                    "The refits start from several starts each, on the compiled engine."
                ),
                "BLRT",
                "McLachlan (1987); Nylund, Asparouhov and Muthén (2007)",
            ),
            (
                self.tr("Lo-Mendell-Rubin adjusted test (LMR)"),
                self.tr(
                    "The same question answered by an approximation, without refits (the ad "
                    "hoc adjusted version, as in Mplus and tidyLPA)."
                ),
                "LMR",
                "Lo, Mendell and Rubin (2001)",
            ),
            (
                self.tr("Bootstrap standard errors and intervals"),
                self.tr(
                    "Each replicate resamples the rows (nonparametric) or draws new rows from "
                    "the fit (parametric), is refitted from the full-data fit, and its "
                    "components are matched to the full-data fit's. A row of weight w "
                    "(a frequency) counts as w rows; resampled rows keep their empty cells."
                ),
                "bootstrap",
                "McLachlan and Peel (2000); Efron and Tibshirani (1993)",
            ),
        ]

    def html(self) -> str:
        title = self.tr("How these numbers are computed")
        references = self.tr("References")
        parts = [f"<h3>{escape(title)}</h3>"]
        parts.append(f"<p><i>{escape(NOTATION)}</i></p>")
        for title, text, key, reference in self.sections():
            parts.append(
                f"<p><b>{escape(title)}</b><br>{escape(text)}<br>"
                f"<code>{escape(FORMULAS[key])}</code><br><small>{escape(reference)}</small></p>"
            )
        parts.append(f"<h4>{escape(references)}</h4>")
        parts.append("<p>" + "<br>".join(escape(r) for r in REFERENCES) + "</p>")
        return "\n".join(parts)


class FormulasDialog(QDialog):
    """The page in a window of its own, left open beside the main window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("How these numbers are computed"))
        self.page = FormulasPage(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        layout.addWidget(buttons)
        self.resize(760, 640)


def show_formulas(parent: QWidget) -> FormulasDialog:
    """Show the page (one dialog per parent, raised when it is already open)."""
    dialog = getattr(parent, "formulas_dialog", None)
    if not isinstance(dialog, FormulasDialog):
        dialog = FormulasDialog(parent)
        parent.formulas_dialog = dialog  # type: ignore[attr-defined]
    dialog.show()
    dialog.raise_()
    return dialog
