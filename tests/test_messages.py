"""Every message engine and io can show a user is translatable.

The rule (also in CONTRIBUTING.md): in ``gmm_desktop/engine`` and ``gmm_desktop/io``, an error a
user can see -- any subclass of ``gmm_desktop.errors.UserError`` (GMMInputError, DataError,
WriteError, SessionError, ...) -- is made with
``SomeError.said(QT_TRANSLATE_NOOP("Errors", "template with {fields}"), fields=...)``, never
``SomeError("plain text")`` or ``SomeError(f"...")``: the window translates the template and
fills in the values, a plain string stays English in the Chinese window. Parts of a message
that are themselves words (``Phrase``) follow the same rule. Errors that only a programming
mistake can cause (ValueError, TypeError, AssertionError, ...) are not shown to users as
sentences and may stay plain.

The check reads the source with ``ast``: the UserError subclasses are found by name among the
classes the package defines; a call of one of them is an offender, and so is a plain string
(literal, f-string, ``"...".format()``, ``+``) where a template belongs: the first argument of
``.said`` and ``Phrase``, and of any function that passes one of its parameters on as a
template (``session._need(cond, template, **values)``).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "gmm_desktop"
CHECKED = [PACKAGE / "engine", PACKAGE / "io"]


def _sources(folders: list[Path]) -> dict[str, ast.Module]:
    """file (relative to the repository) -> its parsed source."""
    files = sorted(p for folder in folders for p in folder.rglob("*.py"))
    return {str(p.relative_to(ROOT)): ast.parse(p.read_text(encoding="utf-8")) for p in files}


def _name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def user_error_classes(trees: list[ast.Module]) -> set[str]:
    """Names of UserError and of every class deriving from it (directly or not) in ``trees``."""
    names = {"UserError"}
    classes = [n for tree in trees for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]
    grew = True
    while grew:
        grew = False
        for cls in classes:
            if cls.name not in names and any(_name(base) in names for base in cls.bases):
                names.add(cls.name)
                grew = True
    return names


def _is_plain_string(node: ast.AST) -> bool:
    """A string written out (or built) in place, not a QT_TRANSLATE_NOOP template."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_plain_string(node.left) or _is_plain_string(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr in ("format", "join") and _is_plain_string(node.func.value)
    return False


def _template_takers(trees: list[ast.Module]) -> dict[str, int]:
    """Callables -> the position of their template argument: ``said`` and ``Phrase`` (0), and
    functions passing one of their parameters on to a template position."""
    takers = {"said": 0, "Phrase": 0}
    functions = [
        n for tree in trees for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.Lambda)
    ]
    grew = True
    while grew:
        grew = False
        for function in functions:
            if not isinstance(function, ast.FunctionDef) or function.name in takers:
                continue
            params = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
            for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
                position = takers.get(_name(call.func) or "")
                if position is None or len(call.args) <= position:
                    continue
                argument = call.args[position]
                if isinstance(argument, ast.Name) and argument.id in params:
                    takers[function.name] = params.index(argument.id)
                    grew = True
                    break
    return takers


def offenders(sources: dict[str, ast.Module], error_classes: set[str]) -> list[str]:
    """file:line and the code of every plain-string user message in ``sources``."""
    takers = _template_takers(list(sources.values()))
    found = []
    for where, tree in sources.items():
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            name = _name(call.func)
            code = ast.unparse(call)[:100]
            if name in error_classes:
                found.append(f"{where}:{call.lineno}: {code} (use {name}.said(...))")
            elif name in takers and len(call.args) > takers[name]:
                if _is_plain_string(call.args[takers[name]]):
                    found.append(f"{where}:{call.lineno}: {code} (a plain string as template)")
    return sorted(found, key=lambda line: (line.split(":")[0], int(line.split(":")[1])))


def test_engine_and_io_raise_no_plain_string_user_errors() -> None:
    error_classes = user_error_classes(list(_sources([PACKAGE]).values()))
    assert {"GMMInputError", "DataError", "WriteError", "SessionError"} <= error_classes
    bad = offenders(_sources(CHECKED), error_classes)
    assert not bad, (
        "user-facing errors with a plain (untranslatable) message; write them as "
        'SomeError.said(QT_TRANSLATE_NOOP("Errors", "... {field} ..."), field=...):\n'
        + "\n".join(bad)
    )


def test_the_check_finds_plain_messages() -> None:
    """The scanner itself: each kind of plain message is reported, the translatable forms not."""
    source = """
class UserError(ValueError): ...
class DataError(UserError): ...
class DeepError(DataError): ...
def _need(cond, problem, **values):
    if not cond:
        raise DataError.said(problem, **values)
def bad(x):
    raise DataError("plain")
def bad_f(x):
    raise DeepError(f"got {x}")
def bad_said(x):
    raise DataError.said(f"got {x}")
def bad_need(x):
    _need(x, "plain words")
def good(x):
    _need(x, QT_TRANSLATE_NOOP("Errors", "got {x}"), x=x)
    raise DataError.said(QT_TRANSLATE_NOOP("Errors", "got {x}"), x=x)
def internal(x):
    raise ValueError(f"programming error {x}")
"""
    tree = ast.parse(source)
    found = offenders({"example.py": tree}, user_error_classes([tree]))
    assert [line.split(":")[1] for line in found] == ["9", "11", "13", "15"], found


def test_every_fit_setting_rule_has_a_translatable_message() -> None:
    """FitConfig's constraints table: every message is a QT_TRANSLATE_NOOP literal of config.py
    (so lupdate finds it), every rule names a FitConfig field, accelerate is checked."""
    from dataclasses import fields

    from gmm_desktop.engine.config import CONSTRAINTS, FitConfig

    tree = ast.parse((PACKAGE / "engine" / "config.py").read_text(encoding="utf-8"))
    marked = {
        node.args[1].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and _name(node.func) == "QT_TRANSLATE_NOOP"
        and isinstance(node.args[1], ast.Constant)
    }
    names = {f.name for f in fields(FitConfig)}
    assert all(c.message in marked for c in CONSTRAINTS)
    assert all(c.parameter in names for c in CONSTRAINTS)
    assert "accelerate" in {c.parameter for c in CONSTRAINTS}
