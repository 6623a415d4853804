"""The layer contract and the import graph, read from the sources (ast, nothing is imported).

Layers, lowest first: ``errors`` (and the package's ``__init__``: the version) < ``engine`` <
``io`` < ``cli`` < ``qt`` < ``__main__`` (the entry point). No module imports a higher layer,
and no two modules import each other, directly or round a longer loop.

Which imports count:
- every ``import`` / ``from ... import`` in the module, at its top level or inside a function
  (a function's import runs as soon as the function does, so a loop through one is still a
  loop, only a later one: the export_plots <-> main_window cycle was of that kind);
- except those under ``if TYPE_CHECKING:``, which never run (type hints only) and are the
  way to name a type of a higher module without importing it.
Both rules apply to the layer check and to the cycle check alike.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "gmm_desktop"
LAYERS = {"__init__": 0, "errors": 0, "engine": 1, "io": 2, "cli": 3, "qt": 4, "__main__": 5}


def _modules() -> dict[str, Path]:
    """Dotted name -> source file of every module of the package."""
    out = {}
    for path in sorted((ROOT / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS["__init__"] if len(parts) == 1 else LAYERS[parts[1]]


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement that can run: anywhere but under ``if TYPE_CHECKING:``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            for other in node.orelse:
                yield from _import_nodes(ast.Module(body=[other], type_ignores=[]))
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        yield from _import_nodes(node)


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    """The package's modules an import statement loads (outside modules are left out)."""
    is_package = MODULES[module].name == "__init__.py"
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        if node.level:
            base = module.split(".")
            base = base[: len(base) - node.level + (1 if is_package else 0)]
            prefix = ".".join(base + ([node.module] if node.module else []))
        else:
            prefix = node.module or ""
        # ``from pkg import sub`` loads pkg.sub when sub is a module, else names in pkg
        names = [
            f"{prefix}.{alias.name}" if f"{prefix}.{alias.name}" in MODULES else prefix
            for alias in node.names
        ]
    for name in names:
        while name and name not in MODULES:  # ``import a.b.c`` where c is a name
            name = name.rpartition(".")[0]
        if name and name != module:
            yield name


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        graph[module] = {t for node in _import_nodes(tree) for t in _targets(module, node)}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_the_imports_it_should() -> None:
    """The reader is not vacuous: known imports of each kind are found."""
    graph = _graph()
    assert len(MODULES) > 40 and sum(map(len, graph.values())) > 100
    assert "gmm_desktop.errors" in graph["gmm_desktop.io.session"]  # from ..errors import
    assert "gmm_desktop.engine" in graph["gmm_desktop.io.session"]  # from ..engine import
    assert "gmm_desktop.io.app_state" in graph["gmm_desktop.qt.main_window"]
    assert "gmm_desktop.qt.app" in graph["gmm_desktop.__main__"]  # inside a function
    # imported under TYPE_CHECKING and, lazily, in a function: the lazy one counts
    assert "gmm_desktop.qt.plots.scatter3d_plot" in graph["gmm_desktop.qt.plot_area"]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_imports_a_higher_layer() -> None:
    wrong = [
        f"{module} (layer {_layer(module)}) imports {target} (layer {_layer(target)})"
        for module, targets in _graph().items()
        for target in sorted(targets)
        if _layer(target) > _layer(module)
    ]
    assert not wrong, "\n".join(wrong)


def test_there_is_no_import_cycle() -> None:
    cycles = _cycles(_graph())
    assert not cycles, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from ..io import session", {"gmm_desktop.io.session"}),
        ("from ..io import Table", {"gmm_desktop.io"}),
        ("import gmm_desktop.engine.em", {"gmm_desktop.engine.em"}),
        ("if TYPE_CHECKING:\n    from .main_window import X", set()),
        ("def f():\n    from .main_window import X", {"gmm_desktop.qt.main_window"}),
        ("import numpy", set()),
    ],
)
def test_imports_are_resolved(source: str, expected: set[str]) -> None:
    module = "gmm_desktop.qt.plot_area"
    tree = ast.parse(source)
    assert {t for node in _import_nodes(tree) for t in _targets(module, node)} == expected
