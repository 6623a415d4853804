"""``gmm-desktop report FILE``: fit, then write an HTML or PDF report of the fit.

The HTML is made here (engine + io). A PDF is drawn by Qt (``qt.report_pdf``): the command
line never imports the window's layer, so the entry point (``gmm_desktop.__main__``) plugs
the drawing in as ``pdf_renderer``, imported only when a PDF is asked for; without a display
it runs Qt's "offscreen" platform, inside this command only (the window never does).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from ..engine import ModelScore, sweep_models
from ..engine import backend as engines
from ..errors import QT_TRANSLATE_NOOP, UserError
from ..io.report import REPORT_LANGUAGES, ReportData, report_html
from ..io.script_export import check_output, write_output
from ..io.session import file_sha256
from .options import add_data_options, add_fit_options, add_row_options
from .script import FittedFile, add_output_options, command_line, fit_file
from .select import parse_components

REPORT_SUFFIXES = (".html", ".htm", ".pdf")


# (report data, language) -> the PDF's bytes; set by the entry point, None without Qt.
pdf_renderer: Callable[[ReportData, str], bytes] | None = None


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help="write an HTML or PDF report of a fit",
        description="Fit as `fit` does, then write a report: data, settings, a methods "
        "paragraph, results tables, figures, references and a reproducibility appendix. "
        "The format follows the --out suffix (.html or .pdf).",
    )
    add_data_options(p)
    add_fit_options(p)
    add_output_options(p, "report.html")
    p.add_argument(
        "--language", choices=REPORT_LANGUAGES, default="en", help="en (English) or zh (Chinese)"
    )
    add_row_options(p)
    p.add_argument(
        "--compare",
        metavar="K-LIST",
        help="also fit these numbers of components (e.g. 1-5) with the same covariance and "
        "settings, and add a model comparison table",
    )
    p.set_defaults(run=run)


def comparison(args: argparse.Namespace, fitted: FittedFile) -> tuple[ModelScore, ...]:
    """The models of ``--compare`` (none without it), fitted like the report's fit."""
    if not args.compare:
        return ()
    config = fitted.result.config
    return tuple(
        sweep_models(
            fitted.features.X,
            parse_components(args.compare),
            [config.covariance_type],
            n_init=config.n_init,
            seed=config.seed or 0,
            max_iter=config.max_iter,
            tol=config.tol,
            reg_covar=config.reg_covar,
            stopping=config.stopping,
            init="auto" if config.init == "manual" else config.init,
            sample_weight=fitted.features.weights,
            missing=config.missing,
        )
    )


def run(args: argparse.Namespace) -> int:
    suffix = Path(args.out).suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise UserError(f"--out must end in .html or .pdf (got '{Path(args.out).name}')")
    if args.compare:
        parse_components(args.compare)  # a bad list is refused before any fitting
    check_output(args.out, input_file=args.file, force=args.force)
    fitted = fit_file(args)

    data = ReportData(
        result=fitted.result,
        X=fitted.features.X,
        columns=tuple(fitted.features.columns),
        data_path=str(Path(args.file).resolve()),
        sha256=file_sha256(args.file),
        rows_total=fitted.table.n_rows,
        rows_dropped=fitted.features.rows_dropped,
        drop_summary=fitted.features.drop_summary(),
        labels=fitted.features.labels,
        label_column=fitted.features.label_column,
        weight_column=fitted.features.weight_column,
        sweep=comparison(args, fitted),
        command=command_line(args),
        backend=engines.ready().name,
    )
    if suffix == ".pdf":
        if pdf_renderer is None:
            raise UserError.said(
                QT_TRANSLATE_NOOP(
                    "Errors", "this program cannot draw PDF reports; write an .html report instead"
                )
            )
        content: str | bytes = pdf_renderer(data, args.language)
    else:
        content = report_html(data, args.language)
    path = write_output(args.out, content, input_file=args.file, force=args.force)
    print(f"wrote {path}")
    return 0
