"""A fit as a short program: a Python (scikit-learn) or R (mclust) script that reproduces it.

The script reads the same file with the same reader options, takes the same columns, starts
EM from the kept start's starting values (``FitResult.history[0]``), runs EM step by step to
the same stopping rule and prints the parameters and, last, ``log-likelihood: <value>``.
Everything here is text generation: no Qt, nothing is run.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .. import __version__
from ..engine import FitResult
from ..engine.accelerate import ACCELERATE_ROWS
from ..errors import QT_TRANSLATE_NOOP, UserError
from .atomic import WriteError, atomic_open, refuse_overwriting
from .columns import _POINT_NUMBER
from .features import FeatureData
from .sniff import THOUSANDS_DOTS
from .table import Table

SCRIPT_LANGUAGES = ("python", "r")
MCLUST_MODELS = {"full": "VVV", "diag": "VVI", "spherical": "VII", "tied": "EEE"}
"""mclust's model name for each covariance type (volume, shape, orientation)."""


@dataclass(frozen=True)
class DataSpec:
    """How the data of a fit was read: enough to read it again the same way.

    path : the data file; format : "csv", "xlsx" or "xls"; delimiter, decimal, encoding,
    header, sheet : as the reader understood the file; columns : the feature names (d);
    positions : their 0-based positions in the table; label / label_position : the label
    column, or None; n_used : rows fitted.
    """

    path: str
    format: str
    delimiter: str | None
    decimal: str
    encoding: str | None
    header: bool
    sheet: str | None
    columns: tuple[str, ...]
    positions: tuple[int, ...]
    label: str | None
    label_position: int | None
    n_used: int


def data_spec(table: Table, features: FeatureData) -> DataSpec:
    """The DataSpec of ``features`` taken from ``table`` (read from a file)."""
    names = [str(c) for c in table.frame.columns]
    label = features.label_column
    return DataSpec(
        path=str(Path(table.source).resolve()) if table.source is not None else "",
        format=table.format,
        delimiter=table.delimiter,
        decimal=table.decimal,
        encoding=table.encoding,
        header=table.header,
        sheet=table.sheet,
        columns=tuple(features.columns),
        positions=tuple(names.index(c) for c in features.columns),
        label=label,
        label_position=names.index(label) if label is not None else None,
        n_used=features.n_samples,
    )


def _py(value: object) -> str:
    """A Python literal: floats exactly (repr), strings quoted and escaped."""
    if isinstance(value, np.ndarray):
        return _py(value.tolist())
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_py(v) for v in value) + "]"
    return repr(value)


def _py_rows(name: str, array: np.ndarray) -> list[str]:
    """``name = np.array([...])`` with one component (first axis) per line."""
    return [
        f"{name} = np.array(",
        "    [",
        *(f"        {_py(row)}," for row in array),
        "    ]",
        ")",
    ]


def _comment_safe(text: str) -> str:
    """Text for a one-line comment (no line breaks)."""
    return " ".join(str(text).split())


# ---------------------------------------------------------------------------------- Python
def _python_read(spec: DataSpec) -> list[str]:
    """Lines that read the file into ``table`` (a DataFrame)."""
    header = "0" if spec.header else "None"
    if spec.format in ("xlsx", "xls"):
        engine = "openpyxl" if spec.format == "xlsx" else "xlrd"
        return [
            f"# The file is an Excel workbook; pandas reads it with {engine} (pip install "
            f"{engine}).",
            "# GMM Desktop reads Excel cells its own way: dates or formulas may read differently.",
            f"table = pd.read_excel(DATA_FILE, sheet_name={_py(spec.sheet)}, header={header})",
        ]
    if spec.format in ("parquet", "feather"):
        reader = "read_parquet" if spec.format == "parquet" else "read_feather"
        return [
            f"# The file is {spec.format.title()}; pandas reads it with pyarrow.",
            f"table = pd.{reader}(DATA_FILE)",
        ]
    if spec.delimiter is None:
        sep = "\\x1f"  # one column: a separator no text file holds
        sep_note = "the file has a single column"
    elif spec.delimiter == " ":
        sep, sep_note = "\\s+", "values are separated by spaces"
    else:
        sep = spec.delimiter.replace("\t", "\\t")
        sep_note = f"values are separated by {json.dumps(spec.delimiter)}"
    return [
        f"# {sep_note}; the decimal mark is {json.dumps(spec.decimal)}; the text encoding is "
        f"{spec.encoding}.",
        f"# The first row {'holds column names' if spec.header else 'is already data'}.",
        f'table = pd.read_csv(DATA_FILE, sep="{sep}", decimal={_py(spec.decimal)}, '
        f"encoding={_py(spec.encoding or 'utf-8')}, header={header}, "
        f'keep_default_na=False, na_values=[""]{", dtype=str" if spec.decimal == "," else ""})',
    ]


def _python_numbers(spec: DataSpec) -> list[str]:
    """Lines that turn the fitted columns into numbers (NaN where a cell is not one)."""
    columns = _py(list(spec.positions))
    if spec.decimal != ",":
        return [f'values = table.iloc[:, {columns}].apply(pd.to_numeric, errors="coerce")']
    return [
        "",
        "",
        "def decimal_comma_numbers(column):",
        '    """Decimal-comma text as numbers, read as GMM Desktop reads it: 2,5 is 2.5 and a',
        "    dot before three digits groups thousands (1.602,5 is 1602.5), unless the column",
        '    has no comma at all but numbers such as 1.5 (then its dots are decimal points)."""',
        "    text = column.str.strip()",
        f"    thousands = text.str.match({THOUSANDS_DOTS!r}, na=False)",
        '    if not text.str.contains(",", regex=False, na=False).any():',
        f"        points = text.str.match({_POINT_NUMBER!r}, na=False)",
        "        if (points & ~thousands).any():",
        '            return pd.to_numeric(text, errors="coerce")',
        '    text = text.where(~thousands, text.str.replace(".", "", regex=False))',
        '    return pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")',
        "",
        "",
        f"values = table.iloc[:, {columns}].apply(decimal_comma_numbers)",
    ]


def _python_columns(spec: DataSpec) -> list[str]:
    lines = [
        "",
        "# 2. Take the columns that were fitted, and leave out the rows GMM Desktop left out:",
        "#    a row with an empty cell, text that is not a number or an infinite value.",
        f"COLUMNS = {_py(list(spec.columns))}",
        *_python_numbers(spec),
        "numbers = values.to_numpy(dtype=float)",
        "usable = np.isfinite(numbers).all(axis=1)",
    ]
    if spec.label_position is not None:
        lines += [
            f"# The label column {_comment_safe(spec.label or '')!r} was chosen: rows without "
            "a label are left out too.",
            f"label = table.iloc[:, {spec.label_position}]",
            'usable &= label.notna().to_numpy() & (label.astype(str).str.strip() != "").to_numpy()',
        ]
    lines += [
        "X = numbers[usable]  # shape (rows, columns)",
        "n = len(X)",
        'print(f"{n} rows used, {int((~usable).sum())} left out, columns: {COLUMNS}")',
        f"assert n == {spec.n_used}, "
        f'"GMM Desktop fitted {spec.n_used} rows; this file now gives a different number"',
    ]
    return lines


_PRECISION_LINES = {
    "full": [
        "# full: one precision matrix per component, shape (K, d, d)",
        "precisions_init = np.linalg.inv(covariances_init)",
        "precisions_init = (precisions_init + precisions_init.transpose(0, 2, 1)) / 2",
    ],
    "tied": [
        "# tied: one precision matrix shared by all components, shape (d, d)",
        "precisions_init = np.linalg.inv(covariances_init[0])",
        "precisions_init = (precisions_init + precisions_init.T) / 2",
    ],
    "diag": [
        "# diag: one precision (1 / variance) per component and column, shape (K, d)",
        "precisions_init = 1.0 / np.diagonal(covariances_init, axis1=1, axis2=2)",
    ],
    "spherical": [
        "# spherical: one precision (1 / variance) per component, shape (K,)",
        "precisions_init = 1.0 / covariances_init[:, 0, 0]",
    ],
}

_PYTHON_RULES = {
    "aitken": [
        "def converged(log_likelihoods):",
        '    """Aitken\'s rule: the gain still to come, estimated from the last two steps, is',
        '    below TOL per row (EM\'s steps shrink by a steady factor a near the top)."""',
        "    step = log_likelihoods[-1] - log_likelihoods[-2]",
        "    if step <= 0:  # no gain at all: at the maximum up to rounding",
        "        return abs(step) / n < TOL",
        "    if len(log_likelihoods) < 3:",
        "        return False",
        "    previous_step = log_likelihoods[-2] - log_likelihoods[-3]",
        "    if previous_step <= step:  # steps not shrinking yet: no estimate of the rest",
        "        return False",
        "    remaining = step * step / (previous_step - step)  # step * a / (1 - a)",
        "    return step / n < TOL and remaining / n < TOL",
    ],
    "mean-change": [
        "def converged(log_likelihoods):",
        '    """scikit-learn\'s rule: the mean log-likelihood per row changed by less than TOL."""',
        "    return abs(log_likelihoods[-1] - log_likelihoods[-2]) / n < TOL",
    ],
    "total-change": [
        "def converged(log_likelihoods):",
        '    """The total log-likelihood changed by less than TOL."""',
        "    return abs(log_likelihoods[-1] - log_likelihoods[-2]) < TOL",
    ],
}


def python_script(result: FitResult, spec: DataSpec, command: str | None = None) -> str:
    """The text of a Python script that reproduces ``result`` on the data of ``spec``."""
    config = result.config
    start = result.history[0].params
    kind = config.covariance_type
    lines = [
        f'"""Reproduce a Gaussian mixture fit made with GMM Desktop {__version__}.',
        "",
        "Needs numpy, pandas and scikit-learn. Run it with:  python this_file.py",
        '"""',
        "",
        f"# {start.n_components} components, {kind} covariances, fitted by EM to "
        f"{spec.n_used} rows of {_comment_safe(Path(spec.path).name)}.",
    ]
    if command:
        lines.append(f"# Made by:  {_comment_safe(command)}")
    lines += _accelerated_note(result, "#")
    lines += [
        "",
        "import warnings",
        "",
        "import numpy as np",
        "import pandas as pd",
        "from sklearn.exceptions import ConvergenceWarning",
        "from sklearn.mixture import GaussianMixture",
        "",
        "# 1. Read the data file the way GMM Desktop read it.",
        f"DATA_FILE = {_py(spec.path)}",
        *_python_read(spec),
        *_python_columns(spec),
        "",
        "# 3. The starting values of the start GMM Desktop kept (its best start), before any",
        "#    EM step: one weight, one mean (a row) and one covariance matrix per component.",
        f"weights_init = np.array({_py(start.weights)})",
        *_py_rows("means_init", start.means),
        *_py_rows("covariances_init", start.covariances),
        "# scikit-learn takes the inverse covariances (precisions), in the shape of the type:",
        *_PRECISION_LINES[kind],
        "",
        "# 4. The model. With warm_start=True the first fit() takes the starting values and",
        "#    every later fit() goes on from where the model is; max_iter=1 makes each call",
        "#    one EM step. tol=0 turns scikit-learn's own stopping rule off: we apply GMM",
        "#    Desktop's below (scikit-learn's rule would also take one step more).",
        "model = GaussianMixture(",
        f"    n_components={start.n_components},",
        f'    covariance_type="{kind}",',
        "    weights_init=weights_init,",
        "    means_init=means_init,",
        "    precisions_init=precisions_init,",
        f"    reg_covar={_py(float(config.reg_covar))},  # added to every variance",
        "    max_iter=1,",
        "    tol=0.0,",
        "    warm_start=True,",
        "    random_state=0,",
        ")",
        'warnings.simplefilter("ignore", ConvergenceWarning)  # one EM step never "converges"',
        "",
        "",
        "def total_log_likelihood(model):",
        '    """Sum over rows of log p(x) (natural log); score() gives the mean per row."""',
        "    return model.score(X) * n",
        "",
        "",
        f"# 5. The stopping rule GMM Desktop used: {config.stopping}, tolerance TOL.",
        f"TOL = {_py(float(config.tol))}",
        f"MAX_ITER = {max(1, config.max_iter)}",
        "",
        "",
        *_PYTHON_RULES[config.stopping],
        "",
        "",
        "# 6. EM: each step computes every row's responsibilities (E step) and new weights,",
        "#    means and covariances from them (M step). The log-likelihood never goes down.",
        "model.fit(X)  # the starting values, then the first E step and M step",
        "iterations = 1",
        "# lower_bound_ is the mean log-likelihood before that step: of the starting values",
        "log_likelihoods = [model.lower_bound_ * n, total_log_likelihood(model)]",
        "is_converged = converged(log_likelihoods)",
        "while not is_converged and iterations < MAX_ITER:",
        "    model.fit(X)  # one more E step and M step",
        "    iterations += 1",
        "    log_likelihoods.append(total_log_likelihood(model))",
        "    is_converged = converged(log_likelihoods)",
        "",
        "",
        "def full_covariance(model, k):",
        '    """Component k\'s covariance as a full d x d matrix, whatever the type."""',
        "    d = model.means_.shape[1]",
        '    if model.covariance_type == "full":',
        "        return model.covariances_[k]",
        '    if model.covariance_type == "tied":',
        "        return model.covariances_",
        '    if model.covariance_type == "diag":',
        "        return np.diag(model.covariances_[k])",
        "    return np.eye(d) * model.covariances_[k]  # spherical",
        "",
        "",
        "# 7. The result: the parameters of every component, then the log-likelihood.",
        'status = "converged" if is_converged else "stopped at MAX_ITER (not converged)"',
        'print(f"{status} after {iterations} EM iterations")',
        "for k in range(model.n_components):",
        '    print(f"component {k + 1}")',
        '    print("  weight:", float(model.weights_[k]))',
        '    print("  mean:", [float(v) for v in model.means_[k]])',
        "    covariance = full_covariance(model, k)",
        '    print("  covariance:", [[float(v) for v in row] for row in covariance])',
        'print(f"log-likelihood: {log_likelihoods[-1]!r}")',
    ]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------- R
def _r(value: object) -> str:
    """An R literal for a number, a string or a (nested) list of numbers (as c(...))."""
    if isinstance(value, np.ndarray):
        return _r(value.tolist())
    if isinstance(value, list):
        return "c(" + ", ".join(_r(v) for v in value) + ")"
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return repr(float(value))  # type: ignore[arg-type]


def _r_encoding(encoding: str | None) -> str:
    """R's name for a Python codec name (utf-8-sig is R's UTF-8-BOM)."""
    names = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8-BOM", "utf_8_sig": "UTF-8-BOM"}
    if encoding is None:
        return "UTF-8"
    return names.get(encoding.lower(), encoding.upper())


def _r_read(spec: DataSpec) -> list[str]:
    header = "TRUE" if spec.header else "FALSE"
    if spec.format in ("xlsx", "xls"):
        return [
            "# The file is an Excel workbook; R reads it with the readxl package.",
            "# GMM Desktop reads Excel cells its own way: dates or formulas may read differently.",
            f"table <- as.data.frame(readxl::read_excel(data_file, sheet = {_r(spec.sheet or 1)}, "
            f"col_names = {header}))",
        ]
    if spec.format in ("parquet", "feather"):
        reader = "read_parquet" if spec.format == "parquet" else "read_feather"
        return [
            "# The file is columnar; R reads it with the arrow package.",
            f"table <- as.data.frame(arrow::{reader}(data_file))",
        ]
    sep = {None: "\x1f", " ": ""}.get(spec.delimiter, spec.delimiter or "")
    return [
        f"# decimal mark {json.dumps(spec.decimal)}; text encoding {spec.encoding}",
        f"table <- read.table(data_file, sep = {json.dumps(sep)}, dec = {_r(spec.decimal)}, "
        f"header = {header}, fileEncoding = {_r(_r_encoding(spec.encoding))}, "
        'na.strings = "", check.names = FALSE, quote = "\\"", comment.char = "", '
        "stringsAsFactors = FALSE)",
    ]


_R_RULES = {
    "aitken": [
        "converged <- function(ll) {",
        "  # Aitken's rule: the gain still to come, estimated from the last two steps,",
        "  # is below TOL per row",
        "  m <- length(ll)",
        "  step <- ll[m] - ll[m - 1]",
        "  if (step <= 0) return(abs(step) / n < TOL)",
        "  if (m < 3) return(FALSE)",
        "  previous_step <- ll[m - 1] - ll[m - 2]",
        "  if (previous_step <= step) return(FALSE)",
        "  remaining <- step * step / (previous_step - step)",
        "  step / n < TOL && remaining / n < TOL",
        "}",
    ],
    "mean-change": [
        "converged <- function(ll) {",
        "  # the mean log-likelihood per row changed by less than TOL",
        "  m <- length(ll)",
        "  abs(ll[m] - ll[m - 1]) / n < TOL",
        "}",
    ],
    "total-change": [
        "converged <- function(ll) {",
        "  # the total log-likelihood changed by less than TOL",
        "  m <- length(ll)",
        "  abs(ll[m] - ll[m - 1]) < TOL",
        "}",
    ],
}


def r_script(result: FitResult, spec: DataSpec, command: str | None = None) -> str:
    """The text of an R script (mclust's estep/mstep) that reproduces ``result``."""
    config = result.config
    start = result.history[0].params
    k, d = start.n_components, start.n_features
    model = MCLUST_MODELS[config.covariance_type]
    sigma = np.transpose(start.covariances, (1, 2, 0))  # mclust's d x d x G, column-major
    lines = [
        f"# Reproduce a Gaussian mixture fit made with GMM Desktop {__version__}.",
        f"# {k} components, {config.covariance_type} covariances (mclust model {model}), fitted "
        f"by EM to {spec.n_used} rows of {_comment_safe(Path(spec.path).name)}.",
        "# Needs R with the mclust package. Run it with:  Rscript this_file.R",
    ]
    if command:
        lines.append(f"# Made by:  {_comment_safe(command)}")
    lines += [
        *_accelerated_note(result, "#"),
        "library(mclust)",
        "",
        "# 1. Read the data file the way GMM Desktop read it.",
        f"data_file <- {_r(spec.path)}",
        *_r_read(spec),
        "",
        "# 2. The fitted columns; rows with an empty cell, text or an infinite value are left out.",
        "columns <- c(" + ", ".join(str(p + 1) for p in spec.positions) + ")",
        "values <- sapply(table[, columns, drop = FALSE], function(v) suppressWarnings(as.numeric(v)))",  # noqa: E501
        "values <- matrix(values, ncol = length(columns))",
        "usable <- apply(is.finite(values), 1, all)",
    ]
    if spec.label_position is not None:
        lines += [
            "label <- table[, " + str(spec.label_position + 1) + "]",
            'usable <- usable & !is.na(label) & trimws(as.character(label)) != ""',
        ]
    lines += [
        "X <- values[usable, , drop = FALSE]",
        "n <- nrow(X)",
        "if (ncol(X) == 1) X <- as.vector(X)  # mclust treats one column as univariate data",
        'cat(n, "rows used,", sum(!usable), "left out\\n")',
        f'if (n != {spec.n_used}) stop("GMM Desktop fitted {spec.n_used} rows; this file now '
        'gives a different number")',
        "",
        "# 3. The starting values of the start GMM Desktop kept. mclust stores means as a",
        "#    d x G matrix and covariances as a d x d x G array.",
        f"G <- {k}",
        f"d <- {d}",
        f'MODEL <- "{model if d > 1 else ("E" if model == "EEE" else "V")}"',
        f"REG_COVAR <- {_r(float(config.reg_covar))}  # added to every variance after each M step",
        f"pro <- {_r(start.weights)}",
        f"mean <- matrix({_r(start.means.ravel())}, nrow = d, ncol = G)",  # column k: component k
        "if (d == 1) mean <- as.vector(mean)",
        f"sigma <- array({_r(sigma.ravel(order='F'))}, dim = c(d, d, G))",
        "",
        "# mclust stores each model's variance in its own form (see ?mclustVariance).",
        "as_parameters <- function(pro, mean, sigma) {",
        "  variance <- list(modelName = MODEL, d = d, G = G, sigma = sigma)",
        '  if (MODEL %in% c("V", "E")) {  # one column: mclust\'s univariate models',
        '    variance$sigmasq <- if (MODEL == "E") sigma[1, 1, 1] else sigma[1, 1, ]',
        '  } else if (MODEL == "VVV") {',
        "    variance$cholsigma <- array(apply(sigma, 3, chol), dim = c(d, d, G))",
        '  } else if (MODEL == "EEE") {',
        "    variance$Sigma <- sigma[, , 1]",
        "    variance$cholSigma <- chol(sigma[, , 1])",
        '  } else if (MODEL == "VVI") {',
        "    variances <- matrix(apply(sigma, 3, diag), nrow = d)",
        "    variance$scale <- apply(variances, 2, function(v) prod(v)^(1 / d))",
        '    variance$shape <- sweep(variances, 2, variance$scale, "/")',
        "  } else {  # VII",
        "    variance$sigmasq <- sigma[1, 1, ]",
        "    variance$scale <- variance$sigmasq",
        "  }",
        "  list(pro = pro, mean = mean, variance = variance)",
        "}",
        "",
        f"# 4. The stopping rule GMM Desktop used: {config.stopping}, tolerance TOL.",
        f"TOL <- {_r(float(config.tol))}",
        f"MAX_ITER <- {config.max_iter}",
        *_R_RULES[config.stopping],
        "",
        "# 5. EM step by step: estep gives responsibilities z and the log-likelihood of the",
        "#    current parameters, mstep new parameters from z.",
        "parameters <- as_parameters(pro, mean, sigma)",
        "e <- estep(data = X, modelName = MODEL, parameters = parameters)",
        "ll <- c(e$loglik)",
        "is_converged <- FALSE",
        "iterations <- 0",
        "while (iterations < MAX_ITER) {",
        "  m <- mstep(data = X, modelName = MODEL, z = e$z)",
        "  v <- m$parameters$variance",
        "  sigma <- if (d == 1) array(rep_len(v$sigmasq, G), dim = c(1, 1, G)) else v$sigma",
        "  for (k in 1:G) sigma[, , k] <- sigma[, , k] + diag(REG_COVAR, d)",
        "  parameters <- as_parameters(m$parameters$pro, m$parameters$mean, sigma)",
        "  iterations <- iterations + 1",
        "  e <- estep(data = X, modelName = MODEL, parameters = parameters)",
        "  ll <- c(ll, e$loglik)",
        "  if (converged(ll)) { is_converged <- TRUE; break }",
        "}",
        "",
        "# 6. The result.",
        'cat(if (is_converged) "converged" else "stopped at MAX_ITER (not converged)", '
        '"after", iterations, "EM iterations\\n")',
        "for (k in 1:G) {",
        '  cat("component", k, "\\n")',
        '  cat("  weight:", format(parameters$pro[k], digits = 17), "\\n")',
        '  cat("  mean:", format(parameters$mean[, k], digits = 17), "\\n")',
        '  cat("  covariance:", format(as.vector(parameters$variance$sigma[, , k]), '
        'digits = 17), "\\n")',
        "}",
        'cat("log-likelihood:", format(ll[length(ll)], digits = 17), "\\n")',
    ]
    return "\n".join(lines) + "\n"


def _accelerated_note(result: FitResult, comment: str) -> list[str]:
    """A warning comment for a fit whose EM steps were extrapolated (SQUAREM), else []."""
    if not (result.config.accelerate and result.n_samples > ACCELERATE_ROWS):
        return []
    return [
        f"{comment} Note: GMM Desktop sped this fit up by extrapolating EM's steps (SQUAREM); the",
        f"{comment} plain EM below reaches the same maximum up to the tolerance by another path,",
        f"{comment} so its last digits and iteration count may differ.",
    ]


def fit_script(result: FitResult, spec: DataSpec, language: str, command: str | None = None) -> str:
    """The script in ``language`` ("python" or "r"); UserError for a fit of no EM step."""
    if result.n_iter == 0:
        raise UserError.said(
            QT_TRANSLATE_NOOP(
                "Errors",
                "this fit ran no EM iteration (iteration limit 0), so there is nothing for a "
                "script to reproduce",
            )
        )
    if result.sample_weight is not None or result.config.missing == "model":
        raise UserError.said(
            QT_TRANSLATE_NOOP(
                "Errors",
                "a script cannot reproduce this fit: scikit-learn and mclust fit neither row "
                "weights nor rows with empty cells; export the results or the report instead",
            )
        )
    if language == "r":
        return r_script(result, spec, command)
    return python_script(result, spec, command)


def check_output(
    path: str | Path, *, input_file: str | Path | None = None, force: bool = False
) -> Path:
    """WriteError, in plain words, if ``path`` may not be written: it is ``input_file`` (never
    overwritten), a folder, or an existing file and ``force`` is False."""
    target = Path(path)
    refuse_overwriting([target], input_file)
    if target.is_dir():
        raise WriteError.said(
            QT_TRANSLATE_NOOP("Errors", "{path} is a folder, not a file"), path=str(target)
        )
    if target.exists() and not force:
        raise WriteError.said(
            QT_TRANSLATE_NOOP(
                "Errors", "{path} already exists; choose another name or use --force to replace it"
            ),
            path=str(target),
        )
    return target


def write_output(
    path: str | Path,
    content: str | bytes,
    *,
    input_file: str | Path | None = None,
    force: bool = False,
) -> Path:
    """Write ``content`` (UTF-8 text, or bytes) to ``path`` atomically, after ``check_output``."""
    target = check_output(path, input_file=input_file, force=force)
    if isinstance(content, bytes):
        with atomic_open(target, "wb") as handle:
            handle.write(content)
    else:
        with atomic_open(target, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
    return target


def shown_names(columns: Sequence[str]) -> str:
    """Column names for a one-line comment."""
    return ", ".join(_comment_safe(c) for c in columns)
