"""A fit as a document: a self-contained HTML report in English or Chinese.

Sections: data, settings, methods (an auto-written paragraph), results (components, fit
indices, model comparison when a sweep was run), agreement with a label column (when one was
chosen), figures (inline SVG drawn here: no plotting library), references (BibTeX) and a
reproducibility appendix (the command line and the session JSON). Every name that comes from
the user (file, columns, labels) is escaped; the HTML loads nothing from anywhere.
The PDF is made from the same HTML by ``qt.report_pdf`` (Qt); this module is Qt-free.
"""

from __future__ import annotations

import html
import importlib.metadata
import json
import platform
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .. import __version__
from ..engine import FitResult, adjusted_rand_index
from ..engine.metrics import contingency_table
from ..engine.search import CARRIED_DISTINCT, SAMPLE_ROWS, SAMPLED_ABOVE, SCREEN_ITERATIONS
from ..engine.selection import ModelScore
from ..engine.starts import start_kind
from .script_export import MCLUST_MODELS
from .session import Session, session_to_json

REPORT_LANGUAGES = ("en", "zh")
SECTION_IDS = (
    "data",
    "settings",
    "methods",
    "results",
    "agreement",
    "figures",
    "references",
    "reproducibility",
)
PALETTE = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#17becf",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
)
MAX_POINTS = 4000  # points drawn in a scatter plot (a deterministic subsample beyond)
ELLIPSE_SCALE = float(np.sqrt(5.991464547107979))  # the 95% ellipse of a 2-D normal


@dataclass(frozen=True)
class ReportData:
    """Everything a report shows.

    result : the fit; X : (n, d) the rows fitted; columns : d names; data_path, sha256 : the
    file read; rows_total, rows_dropped, drop_summary : how many rows the file had and which
    were left out; labels : (n,) known groups (or None) from ``label_column``; weight_column :
    the column of row weights (``result.sample_weight``), or None; sweep : the
    models of a Choose K sweep (may be empty); command : the command line that made the
    report (None from the window); backend : the EM engine's name; settings : the window's
    settings for the session JSON.
    """

    result: FitResult
    X: np.ndarray
    columns: tuple[str, ...]
    data_path: str
    sha256: str
    rows_total: int
    rows_dropped: int = 0
    drop_summary: str = ""
    labels: np.ndarray | None = None
    label_column: str | None = None
    weight_column: str | None = None
    sweep: tuple[ModelScore, ...] = ()
    command: str | None = None
    backend: str = "reference"
    settings: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Figure:
    """One figure: its SVG text, a caption, and a file-like name for Qt's resources."""

    name: str
    svg: str
    caption: str


# ------------------------------------------------------------------------------------ words
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Gaussian mixture model report",
        "data": "Data",
        "settings": "Settings",
        "methods": "Methods",
        "results": "Results",
        "agreement": "Agreement with the label column",
        "figures": "Figures",
        "references": "References",
        "reproducibility": "Reproducibility appendix",
        "file": "File",
        "sha256": "SHA-256",
        "rows_used": "Rows used",
        "rows_left_out": "Rows left out",
        "columns": "Columns",
        "label": "Label column",
        "weights": "Row weights",
        "weights_value": (
            "column {column}; n = sum of weights = {total} in BIC, AIC and the other indices"
        ),
        "missing": "Rows with empty cells",
        "missing_drop": "left out",
        "missing_model": "used in the model ({cells} empty cells filled by EM)",
        "none": "none",
        "setting": "Setting",
        "value": "Value",
        "components": "Components (K)",
        "covariance": "Covariance model",
        "init": "Starting values",
        "restarts": "Restarts run to convergence",
        "max_iter": "Iteration limit",
        "stopping": "Stopping rule",
        "tol": "Tolerance",
        "reg_covar": "Regularisation added to variances",
        "seed": "Random seed",
        "engine": "EM engine",
        "component_table": "Table 1. Fitted components (weights, means and standard deviations).",
        "component": "Component",
        "weight": "Weight",
        "rows": "Rows",
        "mean": "mean",
        "sd": "SD",
        "index_table": "Table 2. Fit indices (lower is better except the log-likelihood).",
        "index": "Index",
        "comparison_table": "Table 3. Model comparison (lower BIC is better).",
        "model": "Model",
        "converged": "Converged",
        "yes": "yes",
        "no": "no",
        "ari": "Adjusted Rand index between the label column and the fitted components: {ari}.",
        "crosstab": "Table 4. Rows by label (rows) and fitted component (columns).",
        "no_label": "No label column was chosen.",
        "no_sweep": "No model comparison (Choose K) was run for this report.",
        "fig_hist": "Figure {n}. Histogram of {column} (density scale) with the fitted mixture "
        "density (black) and its weighted components (colours).",
        "fig_scatter": "Figure {n}. {x} against {y}, each row coloured by its most likely "
        "component; ellipses hold 95% of each fitted component.",
        "fig_scatter_more": " Only the first two of the {d} columns are shown.",
        "fig_trace": "Figure {n}. Log-likelihood of the kept start after each EM iteration.",
        "iteration": "EM iteration",
        "log_likelihood": "log-likelihood",
        "free_parameters": "free parameters",
        "icl_hard": "ICL (BIC + hard classification)",
        "icl_soft": "ICL (BIC + 2 x entropy)",
        "relative_entropy": "relative entropy",
        "iterations": "iterations",
        "reaching_best": "starts reaching the best",
        "density": "density",
        "command": "Command line",
        "command_window": "Made in the GMM Desktop window (no command line).",
        "session": "Session JSON (open it with File > Open session, or read it as text).",
        "warnings": "Warnings",
        "stopping_aitken": "the Aitken estimate of the log-likelihood still to be gained, per "
        "row, fell below {tol}",
        "stopping_mean-change": "the mean log-likelihood per row changed by less than {tol} "
        "(scikit-learn's rule)",
        "stopping_total-change": "the total log-likelihood changed by less than {tol}",
        "init_auto": "hierarchical (mclust's), k-means++ on standardised columns, random rows, "
        "random responsibilities and k-means++ on the raw columns in turn",
        "init_kmeans++": "k-means++ on standardised columns",
        "init_kmeans-raw": "k-means++ on the columns as they are",
        "init_hierarchical": "mclust's model-based hierarchical clustering",
        "init_random-from-data": "random rows as means",
        "init_random": "random responsibilities",
        "init_manual": "values given by the user",
    },
    "zh": {
        "title": "高斯混合模型报告",
        "data": "数据",
        "settings": "设置",
        "methods": "方法",
        "results": "结果",
        "agreement": "与标签列的一致性",
        "figures": "图",
        "references": "参考文献",
        "reproducibility": "可重复性附录",
        "file": "文件",
        "sha256": "SHA-256",
        "rows_used": "使用的行数",
        "rows_left_out": "排除的行数",
        "columns": "列",
        "label": "标签列",
        "weights": "行权重",
        "weights_value": "列 {column}；BIC、AIC 等指标中的 n = 权重之和 = {total}",
        "missing": "含空单元格的行",
        "missing_drop": "排除",
        "missing_model": "用于模型（EM 填补了 {cells} 个空单元格）",
        "none": "无",
        "setting": "设置项",
        "value": "值",
        "components": "成分数 (K)",
        "covariance": "协方差模型",
        "init": "初始值",
        "restarts": "运行至收敛的重启次数",
        "max_iter": "最大迭代次数",
        "stopping": "停止规则",
        "tol": "容差",
        "reg_covar": "方差正则化量",
        "seed": "随机种子",
        "engine": "EM 引擎",
        "component_table": "表 1. 拟合的成分（权重、均值和标准差）。",
        "component": "成分",
        "weight": "权重",
        "rows": "行数",
        "mean": "均值",
        "sd": "标准差",
        "index_table": "表 2. 拟合指标（除对数似然外，越小越好）。",
        "index": "指标",
        "comparison_table": "表 3. 模型比较（BIC 越小越好）。",
        "model": "模型",
        "converged": "是否收敛",
        "yes": "是",
        "no": "否",
        "ari": "标签列与拟合成分之间的调整兰德指数：{ari}。",
        "crosstab": "表 4. 按标签（行）和拟合成分（列）统计的行数。",
        "no_label": "未选择标签列。",
        "no_sweep": "本报告未进行模型比较（选择 K）。",
        "fig_hist": "图 {n}. {column} 的直方图（密度刻度），黑线为拟合的混合密度，"
        "彩色线为加权后的各成分。",
        "fig_scatter": "图 {n}. {x} 对 {y} 的散点图，每行按其最可能的成分着色；"
        "椭圆包含各拟合成分的 95%。",
        "fig_scatter_more": " 仅显示 {d} 列中的前两列。",
        "fig_trace": "图 {n}. 保留的起点在每次 EM 迭代后的对数似然。",
        "iteration": "EM 迭代",
        "log_likelihood": "对数似然",
        "free_parameters": "自由参数个数",
        "icl_hard": "ICL（BIC + 硬分类项）",
        "icl_soft": "ICL（BIC + 2 × 熵）",
        "relative_entropy": "相对熵",
        "iterations": "迭代次数",
        "reaching_best": "达到最优的起点数",
        "density": "密度",
        "command": "命令行",
        "command_window": "在 GMM Desktop 窗口中生成（无命令行）。",
        "session": "会话 JSON（可用 文件 > 打开会话 打开，或作为文本阅读）。",
        "warnings": "警告",
        "stopping_aitken": "每行尚可增加的对数似然的 Aitken 估计小于 {tol}",
        "stopping_mean-change": "每行平均对数似然的变化小于 {tol}（scikit-learn 的规则）",
        "stopping_total-change": "总对数似然的变化小于 {tol}",
        "init_auto": "依次使用层次聚类（同 mclust）、标准化列上的 k-means++、随机行、随机责任度"
        "和原始列上的 k-means++",
        "init_kmeans++": "标准化列上的 k-means++",
        "init_kmeans-raw": "原始列上的 k-means++",
        "init_hierarchical": "基于模型的层次聚类（同 mclust）",
        "init_random-from-data": "以随机行作为均值",
        "init_random": "随机责任度",
        "init_manual": "用户给定的值",
    },
}


def _e(value: object) -> str:
    """Escaped text for HTML (and SVG) content and attributes."""
    return html.escape(str(value), quote=True)


def _num(value: float, digits: int = 6) -> str:
    return f"{value:.{digits}g}" if np.isfinite(value) else "-"


def model_name(covariance_type: str, n_features: int) -> str:
    """Both conventions: ``full / VVV`` (mclust's univariate names for one column)."""
    if n_features == 1:
        mclust = "E" if covariance_type == "tied" else "V"
    else:
        mclust = MCLUST_MODELS[covariance_type]
    return f"{covariance_type} / {mclust}"


def software_versions(backend: str) -> dict[str, str]:
    """Software and versions for the methods paragraph."""
    versions = {"GMM Desktop": __version__, "Python": platform.python_version()}
    for package in ("numpy", "scipy", "pandas") + (("numba",) if backend == "compiled" else ()):
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            continue
    return versions


# ---------------------------------------------------------------------------------- methods
def methods_paragraph(data: ReportData, language: str) -> str:
    """The methods paragraph (plain text, to be escaped) in ``language``."""
    result, config = data.result, data.result.config
    w = WORDS[language]
    versions = ", ".join(f"{name} {v}" for name, v in software_versions(data.backend).items())
    model = model_name(config.covariance_type, result.n_features)
    init = w[f"init_{config.init}"]
    kept_kind = start_kind(config.init, result.best_restart)
    finished = len(result.restart_log_likelihoods)
    rule = w[f"stopping_{config.stopping}"].format(tol=f"{config.tol:g}")
    seed = "none" if config.seed is None else str(config.seed)
    columns = ", ".join(data.columns)
    n, d, k = result.n_samples, result.n_features, result.params.n_components
    status_en = (
        f"converged after {result.n_iter} iterations"
        if result.converged
        else f"did not converge within {result.n_iter} iterations"
    )
    status_zh = (
        f"在 {result.n_iter} 次迭代后收敛"
        if result.converged
        else f"在 {result.n_iter} 次迭代内未收敛"
    )
    n_warnings = len(result.warnings)
    if language == "zh":
        text = (
            f"我们使用 GMM Desktop（{versions}；{data.backend} EM 引擎）以 EM 算法"
            f"（Dempster、Laird 和 Rubin，1977）按最大似然法对 {n} 个观测、{d} 个变量"
            f"（{columns}）拟合了含 K = {k} 个成分的高斯混合模型，协方差模型为 {model}"
            f"（scikit-learn / mclust 的命名）。"
            f"因缺失或非数值而排除了 {data.rows_dropped} 行。"
            f"初始值：{init}；共尝试 {result.n_starts} 个起点"
        )
        if result.n_starts > 1 and n > SAMPLED_ABOVE:
            text += (
                f"（每个起点先在随机抽取的 {SAMPLE_ROWS} 行子样本上运行 {SCREEN_ITERATIONS} 次"
                f"迭代筛选，最好的 {config.n_init} 个在子样本上运行至收敛，其中最好的至多"
                f" {CARRIED_DISTINCT} 个不同最优值再在全部数据上运行至收敛；子样本上收敛到同一"
                "最优值的起点视为达到同一结果）"
            )
        elif result.n_starts > 1:
            text += (
                f"（每个起点先运行 {SCREEN_ITERATIONS} 次迭代筛选，最好的 {config.n_init} 个"
                "继续运行至收敛）"
            )
        text += (
            f"，保留对数似然最高的起点（第 {result.best_restart + 1} 个，"
            f"{w['init_' + kept_kind]}），"
            f"完成的 {finished} 个起点中有 {result.starts_reaching_best} 个达到了该最优值"
            f"（相对差 1e-6 以内）。当{rule}时，或达到最多 {config.max_iter} 次迭代时，EM 停止；"
            f"每个协方差对角线加上 {config.reg_covar:g}。随机种子为 {seed}。保留的起点{status_zh}，"
            f"对数似然为 {result.log_likelihood:.4f}，BIC 为 {result.bic:.2f}（越小越好）。"
        )
        text += _weights_missing_zh(data)
        text += f"共有 {n_warnings} 条警告（见下）。" if n_warnings else "没有警告。"
        return text
    text = (
        f"A Gaussian mixture model with K = {k} components and the {model} covariance model "
        f"(scikit-learn / mclust names) was fitted by maximum likelihood with the EM algorithm "
        f"(Dempster, Laird and Rubin 1977) to {n} observations of {d} variable(s) ({columns}) "
        f"in GMM Desktop ({versions}; {data.backend} EM engine). "
        f"{data.rows_dropped} row(s) with empty or non-numeric cells were left out. "
        f"Starting values: {init}; {result.n_starts} start(s) were tried"
    )
    if result.n_starts > 1 and n > SAMPLED_ABOVE:
        text += (
            f" (each screened by {SCREEN_ITERATIONS} EM iterations on a random subsample of "
            f"{SAMPLE_ROWS} rows, the best {config.n_init} run on to convergence there, and "
            f"the best {CARRIED_DISTINCT} distinct optima of those on all rows; a start that "
            "ended at the same subsample optimum as a carried one counts as ending with it)"
        )
    elif result.n_starts > 1:
        text += (
            f" (each screened by {SCREEN_ITERATIONS} EM iterations, the best {config.n_init} "
            "run on to convergence)"
        )
    text += (
        f", and the start with the highest log-likelihood (start {result.best_restart + 1}, "
        f"{w['init_' + kept_kind]}) was kept; {result.starts_reaching_best} of the {finished} "
        f"start(s) that finished reached it (within 1e-6 relative). EM stopped when {rule}, or "
        f"after at most {config.max_iter} iterations; {config.reg_covar:g} was added to every "
        f"covariance diagonal. The random seed was {seed}. The kept start {status_en} "
        f"(log-likelihood {result.log_likelihood:.4f}; BIC {result.bic:.2f}, lower is better). "
    )
    text += _weights_missing_en(data)
    text += (
        f"There were {n_warnings} warning(s), listed below."
        if n_warnings
        else "There were no warnings."
    )
    return text


def _weights_missing_en(data: ReportData) -> str:
    """The methods' sentences on row weights and on cells filled in the model (or "")."""
    result, text = data.result, ""
    if result.sample_weight is not None:
        text += (
            f"Each row was weighted by column {data.weight_column or '?'} (weighted EM, a row "
            f"counting as its weight); n in BIC, AIC and the other indices is the sum of the "
            f"weights, {result.sum_of_weights:.6g}. "
        )
    if result.config.missing == "model":
        text += (
            "Rows with empty cells were used in the model (EM for incomplete data, Ghahramani "
            "and Jordan 1994): each row's likelihood is that of its observed cells, and the "
            f"log-likelihood reported is the observed-data one; {result.cells_filled} empty "
            "cell(s) were filled by their conditional expectations. "
        )
    return text


def _weights_missing_zh(data: ReportData) -> str:
    """The Chinese methods' sentences on row weights and cells filled in the model (or "")."""
    result, text = data.result, ""
    if result.sample_weight is not None:
        text += (
            f"每行按列 {data.weight_column or '?'} 加权（加权 EM，每行按其权重计数）；"
            f"BIC、AIC 等指标中的 n 为权重之和 {result.sum_of_weights:.6g}。"
        )
    if result.config.missing == "model":
        text += (
            "含空单元格的行用于模型（不完全数据的 EM，Ghahramani 和 Jordan 1994）：每行的似然"
            "为其观测单元格的似然，报告的对数似然为观测数据对数似然；"
            f"{result.cells_filled} 个空单元格由其条件期望填补。"
        )
    return text


# ----------------------------------------------------------------------------------- tables
def _table(head: Sequence[str], rows: Sequence[Sequence[str]], caption: str = "") -> str:
    """An HTML table of already-escaped cells."""
    parts = ['<table border="1" cellspacing="0" cellpadding="4">']
    if caption:
        parts.append(f"<caption>{caption}</caption>")
    parts.append("<tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr>")
    parts += ["<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows]
    parts.append("</table>")
    return "\n".join(parts)


def _pairs_table(rows: Sequence[tuple[str, object]], w: dict[str, str]) -> str:
    return _table([w["setting"], w["value"]], [(_e(a), _e(b)) for a, b in rows])


def _data_section(data: ReportData, w: dict[str, str]) -> str:
    rows: list[tuple[str, object]] = [
        (w["file"], Path(data.data_path).name),
        (w["sha256"], data.sha256),
        (w["rows_used"], f"{data.result.n_samples} / {data.rows_total}"),
        (w["rows_left_out"], data.drop_summary or str(data.rows_dropped)),
        (w["columns"], ", ".join(data.columns)),
        (w["label"], data.label_column or w["none"]),
    ]
    result = data.result
    if result.sample_weight is not None:
        total = f"{result.sum_of_weights:,.6g}"
        column = data.weight_column or "?"
        rows.append((w["weights"], w["weights_value"].format(column=column, total=total)))
    if result.config.missing == "model":
        rows.append((w["missing"], w["missing_model"].format(cells=f"{result.cells_filled:,}")))
    else:
        rows.append((w["missing"], w["missing_drop"]))
    return _pairs_table(rows, w)


def _settings_section(data: ReportData, w: dict[str, str]) -> str:
    c = data.result.config
    rows: list[tuple[str, object]] = [
        (w["components"], c.n_components),
        (w["covariance"], model_name(c.covariance_type, data.result.n_features)),
        (w["init"], f"{c.init} ({w['init_' + c.init]})"),
        (w["restarts"], c.n_init),
        (w["max_iter"], c.max_iter),
        (w["stopping"], c.stopping),
        (w["tol"], f"{c.tol:g}"),
        (w["reg_covar"], f"{c.reg_covar:g}"),
        (w["seed"], "none" if c.seed is None else c.seed),
        (w["engine"], data.backend),
    ]
    return _pairs_table(rows, w)


def _components_table(data: ReportData, w: dict[str, str]) -> str:
    """One column per component: weight, rows assigned, then each column's mean and SD."""
    p = data.result.params
    counts = np.bincount(data.result.labels, minlength=p.n_components)
    head = [""] + [f"{w['component']} {j + 1}" for j in range(p.n_components)]
    rows = [
        [w["weight"], *(f"{v:.4f}" for v in p.weights)],
        [w["rows"], *(str(int(c)) for c in counts)],
    ]
    for i, column in enumerate(data.columns):
        rows.append([f"{w['mean']} ({_e(column)})", *(_num(v) for v in p.means[:, i])])
        rows.append([f"{w['sd']} ({_e(column)})", *(_num(v) for v in p.standard_deviations[:, i])])
    return _table(head, rows, _e(w["component_table"]))


def _indices_table(data: ReportData, w: dict[str, str]) -> str:
    ix = data.result.indices
    rows = [
        (w["log_likelihood"], _num(ix.log_likelihood, 10)),
        (w["free_parameters"], str(ix.n_parameters)),
        ("AIC", _num(ix.aic, 8)),
        ("BIC", _num(ix.bic, 8)),
        ("SABIC", _num(ix.sabic, 8)),
        ("CAIC", _num(ix.caic, 8)),
        ("AWE", _num(ix.awe, 8)),
        (w["icl_hard"], _num(ix.icl, 8)),
        (w["icl_soft"], _num(ix.icl_entropy, 8)),
        (w["relative_entropy"], f"{ix.relative_entropy:.4f}"),
        (w["iterations"], str(data.result.n_iter)),
        (w["reaching_best"], f"{data.result.starts_reaching_best} / {data.result.n_starts}"),
    ]
    cells = [(_e(name), value) for name, value in rows]
    return _table([w["index"], w["value"]], cells, _e(w["index_table"]))


def _comparison_table(data: ReportData, w: dict[str, str]) -> str:
    if not data.sweep:
        return f"<p>{_e(w['no_sweep'])}</p>"
    rows = [
        [
            _e(f"K = {m.n_components}, {model_name(m.covariance_type, data.result.n_features)}"),
            _num(m.log_likelihood, 8),
            str(m.n_parameters),
            _num(m.bic, 8),
            _num(m.aic, 8),
            _num(m.icl_entropy, 8),
            w["yes"] if m.converged else w["no"],
        ]
        for m in data.sweep
    ]
    head = [w["model"], "log-likelihood", "p", "BIC", "AIC", "ICL", w["converged"]]
    return _table(head, rows, _e(w["comparison_table"]))


def _agreement_section(data: ReportData, w: dict[str, str]) -> str:
    if data.labels is None:
        return f"<p>{_e(w['no_label'])}</p>"
    components = data.result.labels
    ari = adjusted_rand_index(data.labels, components)
    table, label_values, comp_values = contingency_table(data.labels, components)
    head = [_e(data.label_column or w["label"])] + [str(int(c) + 1) for c in comp_values]
    rows = [[_e(label)] + [str(int(v)) for v in table[i]] for i, label in enumerate(label_values)]
    return f"<p>{_e(w['ari'].format(ari=f'{ari:.4f}'))}</p>\n" + _table(
        head, rows, _e(w["crosstab"])
    )


# ---------------------------------------------------------------------------------- figures
WIDTH, HEIGHT = 640, 400
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 50


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high]."""
    if not np.isfinite(low) or not np.isfinite(high) or high <= low:
        return [low]
    raw = (high - low) / count
    magnitude = 10 ** np.floor(np.log10(raw))
    step = min((m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw), default=raw)
    first = np.ceil(low / step) * step
    return [float(v) for v in np.arange(first, high + step * 1e-9, step)]


def _tick_labels(ticks: Sequence[float]) -> list[str]:
    """Tick texts with just enough decimals to tell neighbours apart (-1130.26, -1130.24)."""
    if len(ticks) < 2:
        return [f"{t:.6g}" for t in ticks]
    step = abs(ticks[1] - ticks[0])
    decimals = max(0, int(-np.floor(np.log10(step))) + 1) if step > 0 else 0
    texts = [f"{t:.{decimals}f}" for t in ticks]
    if decimals:
        texts = [t.rstrip("0").rstrip(".") if "." in t else t for t in texts]
    return [t if t not in ("-0", "") else "0" for t in texts]


class _Axes:
    """Maps data coordinates to SVG pixels and draws the frame, ticks and labels."""

    def __init__(self, xlim: tuple[float, float], ylim: tuple[float, float]) -> None:
        self.x0, self.x1 = xlim
        self.y0, self.y1 = ylim
        if self.x1 <= self.x0:
            self.x0, self.x1 = self.x0 - 1, self.x1 + 1
        if self.y1 <= self.y0:
            self.y0, self.y1 = self.y0 - 1, self.y1 + 1

    def px(self, x: np.ndarray | float) -> np.ndarray:
        return LEFT + (np.asarray(x) - self.x0) / (self.x1 - self.x0) * (WIDTH - LEFT - RIGHT)

    def py(self, y: np.ndarray | float) -> np.ndarray:
        return (
            HEIGHT
            - BOTTOM
            - (np.asarray(y) - self.y0) / (self.y1 - self.y0) * (HEIGHT - TOP - BOTTOM)
        )

    def frame(self, xlabel: str, ylabel: str) -> list[str]:
        out = [
            f'<rect x="{LEFT}" y="{TOP}" width="{WIDTH - LEFT - RIGHT}" '
            f'height="{HEIGHT - TOP - BOTTOM}" fill="none" stroke="#444"/>'
        ]
        xticks = _nice_ticks(self.x0, self.x1)
        for t, label in zip(xticks, _tick_labels(xticks), strict=True):
            x = float(self.px(t))
            out.append(
                f'<line x1="{x:.1f}" y1="{HEIGHT - BOTTOM}" x2="{x:.1f}" '
                f'y2="{HEIGHT - BOTTOM + 5}" stroke="#444"/>'
                f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 18}" font-size="11" '
                f'text-anchor="middle">{label}</text>'
            )
        yticks = _nice_ticks(self.y0, self.y1)
        for t, label in zip(yticks, _tick_labels(yticks), strict=True):
            y = float(self.py(t))
            out.append(
                f'<line x1="{LEFT - 5}" y1="{y:.1f}" x2="{LEFT}" y2="{y:.1f}" stroke="#444"/>'
                f'<text x="{LEFT - 8}" y="{y + 4:.1f}" font-size="11" '
                f'text-anchor="end">{label}</text>'
            )
        out.append(
            f'<text x="{(LEFT + WIDTH - RIGHT) / 2:.0f}" y="{HEIGHT - 10}" font-size="13" '
            f'text-anchor="middle">{_e(xlabel)}</text>'
        )
        out.append(
            f'<text x="16" y="{(TOP + HEIGHT - BOTTOM) / 2:.0f}" font-size="13" '
            f'text-anchor="middle" transform="rotate(-90 16 {(TOP + HEIGHT - BOTTOM) / 2:.0f})">'
            f"{_e(ylabel)}</text>"
        )
        return out


def _svg(parts: Sequence[str]) -> str:
    """An inline ``<svg>`` (no namespace URL: HTML needs none; ``qt.report_pdf`` adds it)."""
    body = "\n".join(parts)
    return (
        f'<svg width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif">\n'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>\n{body}\n</svg>'
    )


def _polyline(xs: np.ndarray, ys: np.ndarray, colour: str, width: float = 2.0) -> str:
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
    return f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="{width}"/>'


def histogram_svg(data: ReportData, language: str) -> str:
    """1-D: histogram (density scale), the mixture density and its weighted components."""
    w = WORDS[language]
    x = data.X[:, 0]
    observed = np.isfinite(x)  # only the observed values (empty cells filled in the model)
    x = x[observed]
    weights = data.result.sample_weight
    row_weights = None if weights is None else weights[observed]  # as the fit counts rows
    p = data.result.params
    edges = np.histogram_bin_edges(x, bins="auto")
    if edges.size > 61:
        edges = np.linspace(x.min(), x.max(), 61)
    counts, edges = np.histogram(x, bins=edges, density=True, weights=row_weights)
    grid = np.linspace(edges[0], edges[-1], 300)
    sds = np.sqrt(p.covariances[:, 0, 0])
    comps = (
        p.weights[:, None]
        * np.exp(-0.5 * ((grid[None] - p.means[:, :1]) / sds[:, None]) ** 2)
        / (sds[:, None] * np.sqrt(2 * np.pi))
    )
    mixture = comps.sum(axis=0)
    top = float(max(counts.max(initial=0.0), mixture.max())) * 1.05
    axes = _Axes((float(edges[0]), float(edges[-1])), (0.0, top))
    parts = axes.frame(data.columns[0], w["density"])
    for left, right, height in zip(edges[:-1], edges[1:], counts, strict=True):
        x0, x1 = float(axes.px(left)), float(axes.px(right))
        y = float(axes.py(height))
        parts.append(
            f'<rect x="{x0:.1f}" y="{y:.1f}" width="{max(x1 - x0, 0.5):.1f}" '
            f'height="{HEIGHT - BOTTOM - y:.1f}" fill="#c8d4e3" stroke="#8899aa" '
            'stroke-width="0.5"/>'
        )
    for j in range(p.n_components):
        parts.append(_polyline(axes.px(grid), axes.py(comps[j]), PALETTE[j % len(PALETTE)]))
    parts.append(_polyline(axes.px(grid), axes.py(mixture), "#000", 2.5))
    return _svg(parts)


def scatter_svg(data: ReportData, language: str) -> str:
    """2-D or more: the first two columns, points coloured by component, 95% ellipses."""
    del language
    X = data.X[:, :2]
    p = data.result.params
    labels = data.result.labels
    shown = np.flatnonzero(np.isfinite(X).all(axis=1))  # rows with both cells observed
    if shown.size > MAX_POINTS:
        shown = np.random.default_rng(0).choice(shown, MAX_POINTS, replace=False)
    angles = np.linspace(0, 2 * np.pi, 100)
    ellipses = []
    for j in range(p.n_components):
        values, vectors = np.linalg.eigh(p.covariances[j][:2, :2])
        radii = ELLIPSE_SCALE * np.sqrt(np.maximum(values, 0.0))
        circle = np.stack([np.cos(angles) * radii[0], np.sin(angles) * radii[1]])
        ellipses.append(p.means[j, :2, None] + vectors @ circle)
    everything = np.concatenate([X[shown], *[e.T for e in ellipses]])
    low, high = everything.min(axis=0), everything.max(axis=0)
    pad = (high - low) * 0.03
    axes = _Axes((low[0] - pad[0], high[0] + pad[0]), (low[1] - pad[1], high[1] + pad[1]))
    parts = axes.frame(data.columns[0], data.columns[1])
    xs, ys = axes.px(X[shown, 0]), axes.py(X[shown, 1])
    for i, x, y in zip(shown, xs, ys, strict=True):
        colour = PALETTE[int(labels[i]) % len(PALETTE)]
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.2" fill="{colour}" opacity="0.6"/>')
    for j, ellipse in enumerate(ellipses):
        colour = PALETTE[j % len(PALETTE)]
        parts.append(_polyline(axes.px(ellipse[0]), axes.py(ellipse[1]), colour, 2.0))
        cx, cy = float(axes.px(p.means[j, 0])), float(axes.py(p.means[j, 1]))
        parts.append(
            f'<text x="{cx + 6:.1f}" y="{cy - 6:.1f}" font-size="14" font-weight="bold" '
            f'fill="{colour}">{j + 1}</text>'
        )
    return _svg(parts)


def trace_svg(data: ReportData, language: str) -> str:
    """The log-likelihood after each EM iteration of the kept start."""
    w = WORDS[language]
    its = np.array([s.iteration for s in data.result.history], dtype=float)
    lls = np.array([s.log_likelihood for s in data.result.history], dtype=float)
    finite = np.isfinite(lls)
    its, lls = its[finite], lls[finite]
    if lls.size == 0:
        its, lls = np.array([0.0]), np.array([0.0])
    span = float(lls.max() - lls.min()) or 1.0
    axes = _Axes(
        (float(its.min()), float(max(its.max(), its.min() + 1))),
        (float(lls.min()) - 0.03 * span, float(lls.max()) + 0.03 * span),
    )
    parts = axes.frame(w["iteration"], w["log_likelihood"])
    parts.append(_polyline(axes.px(its), axes.py(lls), PALETTE[0]))
    return _svg(parts)


def report_figures(data: ReportData, language: str) -> list[Figure]:
    """The report's figures with their captions (plain text)."""
    w = WORDS[language]
    d = data.result.n_features
    if d == 1:
        first = Figure(
            "figure-1.png",
            histogram_svg(data, language),
            w["fig_hist"].format(n=1, column=data.columns[0]),
        )
    else:
        caption = w["fig_scatter"].format(n=1, x=data.columns[0], y=data.columns[1])
        if d > 2:
            caption += w["fig_scatter_more"].format(d=d)
        first = Figure("figure-1.png", scatter_svg(data, language), caption)
    trace = Figure("figure-2.png", trace_svg(data, language), w["fig_trace"].format(n=2))
    return [first, trace]


# ------------------------------------------------------------------------------- references
def bibtex(versions: dict[str, str]) -> str:
    """The BibTeX block: EM (Dempster, Laird and Rubin 1977) and the software."""
    year = "2026"
    return (
        "@article{dempster1977,\n"
        "  author = {Dempster, A. P. and Laird, N. M. and Rubin, D. B.},\n"
        "  title = {Maximum Likelihood from Incomplete Data via the {EM} Algorithm},\n"
        "  journal = {Journal of the Royal Statistical Society. Series B (Methodological)},\n"
        "  volume = {39}, number = {1}, pages = {1--38}, year = {1977},\n"
        "  doi = {10.1111/j.2517-6161.1977.tb01600.x}\n"
        "}\n\n"
        "@software{gmm_desktop,\n"
        "  title = {{GMM Desktop}: Gaussian mixture models fitted by {EM}},\n"
        f"  version = {{{versions.get('GMM Desktop', __version__)}}},\n"
        f"  year = {{{year}}}\n"
        "}\n\n"
        "@article{scikit-learn,\n"
        "  author = {Pedregosa, F. and others},\n"
        "  title = {Scikit-learn: Machine Learning in {P}ython},\n"
        "  journal = {Journal of Machine Learning Research},\n"
        "  volume = {12}, pages = {2825--2830}, year = {2011}\n"
        "}\n\n"
        "@article{mclust,\n"
        "  author = {Scrucca, L. and Fop, M. and Murphy, T. B. and Raftery, A. E.},\n"
        "  title = {mclust 5: Clustering, Classification and Density Estimation Using "
        "{G}aussian Finite Mixture Models},\n"
        "  journal = {The R Journal}, volume = {8}, number = {1}, pages = {289--317}, "
        "year = {2016}\n"
        "}\n"
    )


# ------------------------------------------------------------------------------------ HTML
STYLE = """
body { font-family: sans-serif; max-width: 60em; margin: 2em auto; line-height: 1.4; }
table { border-collapse: collapse; margin: 0.5em 0 1em 0; }
th, td { border: 1px solid #999; padding: 3px 8px; text-align: left; }
caption { text-align: left; font-style: italic; padding-bottom: 4px; }
pre { white-space: pre-wrap; word-break: break-all; background: #f4f4f4; padding: 6px;
      font-size: 0.8em; }
figure { margin: 1em 0; }
figcaption { font-style: italic; }
"""


def session_json(data: ReportData) -> str:
    """The session of this fit as JSON text (``io.session``'s format)."""
    result = data.result
    session = Session(
        data_path=data.data_path,
        data_sha256=data.sha256,
        columns=list(data.columns),
        label=data.label_column,
        weight_column=data.weight_column,
        config=result.config,
        history=list(result.history),
        restart_log_likelihoods=list(result.restart_log_likelihoods),
        settings=dict(data.settings),
    )
    return json.dumps(session_to_json(session), allow_nan=False, ensure_ascii=False)


def report_html(data: ReportData, language: str = "en", *, images: str = "inline") -> str:
    """The whole report as one HTML page in ``language`` ("en" or "zh").

    ``images`` "inline" embeds each figure as an ``<svg>``; "resources" refers to it as
    ``<img src="figure-N.png">`` for a QTextDocument that was given the images as resources.
    """
    if language not in REPORT_LANGUAGES:
        raise ValueError(f"unknown report language {language!r}")
    w = WORDS[language]
    versions = software_versions(data.backend)
    figures = report_figures(data, language)
    figure_html = []
    for fig in figures:
        # in the PDF's text column (180 mm) the figure is drawn 540 px wide (its height follows)
        picture = fig.svg if images == "inline" else f'<img src="{fig.name}" width="540">'
        figure_html.append(
            f"<figure>{picture}<figcaption>{_e(fig.caption)}</figcaption></figure>"
            if images == "inline"
            # line-height 100%: Qt would stretch the image's line by the body's 1.4
            else f'<p style="line-height: 100%">{picture}</p><p><i>{_e(fig.caption)}</i></p>'
        )
    warnings = ""
    if data.result.warnings:
        items = "".join(f"<li>{_e(text)}</li>" for text in data.result.warnings)
        warnings = f"<p><b>{_e(w['warnings'])}</b></p><ul>{items}</ul>"
    command = (
        f"<pre>{_e(data.command)}</pre>" if data.command else f"<p>{_e(w['command_window'])}</p>"
    )
    sections = {
        "data": _data_section(data, w),
        "settings": _settings_section(data, w),
        "methods": f"<p>{_e(methods_paragraph(data, language))}</p>{warnings}",
        "results": "\n".join(
            [_components_table(data, w), _indices_table(data, w), _comparison_table(data, w)]
        ),
        "agreement": _agreement_section(data, w),
        "figures": "\n".join(figure_html),
        "references": f"<pre>{_e(bibtex(versions))}</pre>",
        "reproducibility": f"<h3>{_e(w['command'])}</h3>{command}"
        f"<h3>Session JSON</h3><p>{_e(w['session'])}</p><pre>{_e(session_json(data))}</pre>",
    }
    body = [f"<h1>{_e(w['title'])}</h1>", f"<p>{_e(Path(data.data_path).name)}</p>"]
    for number, key in enumerate(SECTION_IDS, start=1):
        body.append(f'<h2 id="{key}">{number}. {_e(w[key])}</h2>\n{sections[key]}')
    lang = "zh-CN" if language == "zh" else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_e(w['title'])}: {_e(Path(data.data_path).name)}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )
