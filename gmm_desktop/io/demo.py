"""The demo data sets shipped in ``resources/demo`` and listed in ``catalog.json``."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import QT_TRANSLATE_NOOP
from .errors import DataError

CATALOG = "catalog.json"


@dataclass(frozen=True)
class DemoSet:
    """One demo data set: where it is and how to fit it.

    Attributes
    ----------
    key : short name, e.g. "heights"
    title : English title for a menu
    path : the CSV file
    description : one or two sentences: what the data are and where they come from
    columns : suggested feature columns
    label : suggested label column, or None
    n_components : suggested number of components K
    """

    key: str
    title: str
    path: Path
    description: str
    columns: tuple[str, ...]
    label: str | None
    n_components: int


def resources_dir() -> Path:
    """The ``resources`` folder: inside a PyInstaller bundle, else beside the package."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None and (Path(bundle) / "resources").is_dir():
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def demo_dir() -> Path:
    """The folder holding the demo CSV files and their catalog."""
    return resources_dir() / "demo"


@lru_cache(maxsize=4)
def _load(folder: Path) -> tuple[DemoSet, ...]:
    try:
        entries = json.loads((folder / CATALOG).read_text(encoding="utf-8"))["sets"]
    except (OSError, ValueError, KeyError, TypeError):
        raise DataError.said(
            QT_TRANSLATE_NOOP(
                "Errors", "the list of demo data sets in {folder} is missing or damaged"
            ),
            folder=str(folder),
        ) from None
    return tuple(
        DemoSet(
            key=e["key"],
            title=e["title"],
            path=folder / e["file"],
            description=e["description"],
            columns=tuple(e["columns"]),
            label=e.get("label"),
            n_components=int(e["n_components"]),
        )
        for e in entries
    )


def demo_sets() -> list[DemoSet]:
    """All demo data sets, in menu order (the first one opens on the first start)."""
    return list(_load(demo_dir()))


def demo_path(key: str) -> Path:
    """The CSV file of the demo set ``key``."""
    for demo in demo_sets():
        if demo.key == key:
            return demo.path
    keys = ", ".join(d.key for d in demo_sets())
    raise DataError.said(
        QT_TRANSLATE_NOOP("Errors", "there is no demo data set '{key}' (demo sets: {keys})"),
        key=key,
        keys=keys,
    )
