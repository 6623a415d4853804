"""The monkey replaces every file dialog of the window: a module that opens one and is not in
its list would show a real, modal dialog and freeze the run."""

from __future__ import annotations

import ast
from pathlib import Path

from .test_monkey import DIALOG_MODULES

QT = Path(__file__).resolve().parents[2] / "gmm_desktop" / "qt"


def test_every_module_that_opens_a_file_dialog_is_replaced_by_the_monkey() -> None:
    opening = set()
    for path in QT.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                if node.value.id == "QFileDialog" and node.attr.startswith("get"):
                    module = path.relative_to(QT.parents[1]).with_suffix("")
                    opening.add(".".join(module.parts))
    assert opening  # the scan finds the dialogs
    assert opening <= {m.__name__ for m in DIALOG_MODULES}, opening - {
        m.__name__ for m in DIALOG_MODULES
    }
