"""Translations: the zh_CN .ts is complete and current, the window shows it, nothing is clipped."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from gmm_desktop.io.demo import demo_path
from gmm_desktop.qt import i18n
from gmm_desktop.qt.main_window import MainWindow

from .screenshots import screenshot_folder

ROOT = Path(__file__).resolve().parents[2]
QT_SOURCES = ROOT / "gmm_desktop" / "qt"
# engine and io mark the error messages the window translates (QT_TRANSLATE_NOOP("Errors", ...))
SOURCES = [QT_SOURCES, ROOT / "gmm_desktop" / "engine", ROOT / "gmm_desktop" / "io"]
TS_FILE = ROOT / "resources" / "translations" / "gmm_desktop_zh_CN.ts"
TIMEOUT = 60_000


def _ts_messages() -> list[tuple[str, str, ET.Element]]:
    """(context, source, <translation>) of every message in the zh_CN .ts file."""
    root = ET.parse(TS_FILE).getroot()
    out = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            out.append((name, message.findtext("source") or "", translation))
    return out


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _tr_calls() -> Iterator[tuple[str, str, str]]:
    """(file:line, context, text) of every literal passed to tr/translate/QT_TRANSLATE_NOOP."""
    for path in sorted(p for folder in SOURCES for p in folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        classes: dict[ast.AST, str] = {}  # node -> enclosing class (self.tr's context)
        for cls in ast.walk(tree):
            if isinstance(cls, ast.ClassDef):
                for child in ast.walk(cls):
                    if child is not cls:
                        classes[child] = cls.name
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if name == "tr" and isinstance(func, ast.Attribute) and node.args:
                text = _literal(node.args[0])
                if text is not None:
                    yield where, classes.get(node, "?"), text
            elif name in ("translate", "QT_TRANSLATE_NOOP") and len(node.args) >= 2:
                context, text = _literal(node.args[0]), _literal(node.args[1])
                if context is not None and text is not None:
                    yield where, context, text


def test_every_message_is_translated() -> None:
    bad = []
    for context, source, translation in _ts_messages():
        kind = translation.get("type")
        if kind in ("unfinished", "obsolete", "vanished") or not (translation.text or "").strip():
            bad.append(f"{context}: {source!r} ({kind or 'empty'})")
    assert not bad, "untranslated messages in gmm_desktop_zh_CN.ts:\n" + "\n".join(bad)


def test_ts_file_is_up_to_date() -> None:
    known = {(context, source) for context, source, _ in _ts_messages()}
    calls = list(_tr_calls())
    assert len(calls) > 300  # the walk really finds the texts
    missing = [
        f"{where} [{ctx}] {text!r}" for where, ctx, text in calls if (ctx, text) not in known
    ]
    assert not missing, (
        "texts missing from the .ts (run bash packaging/update_translations.sh):\n"
        + "\n".join(missing)
    )


def test_placeholders_survive_translation() -> None:
    import re

    bad = []
    for context, source, translation in _ts_messages():
        text = translation.text or ""
        if set(re.findall(r"\{\w*\}", source)) != set(re.findall(r"\{\w*\}", text)):
            bad.append(f"{context}: {source!r} -> {text!r}")
    assert not bad, "\n".join(bad)


@pytest.fixture()
def chinese(qapp) -> Iterator[str]:
    used = i18n.install_translator(qapp, "zh_CN")
    try:
        yield used
    finally:
        i18n.remove_translators(qapp)


def _window(qtbot, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings)
    w.setProperty("scripted", True)
    qtbot.addWidget(w)
    return w


def _menu_titles(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def test_chinese_window_shows_chinese_menus(qtbot, tmp_path, chinese) -> None:
    assert chinese == "zh_CN"
    w = _window(qtbot, tmp_path)
    titles = _menu_titles(w)
    assert titles[0] == "文件(&F)" and "&File" not in titles
    assert "帮助(&H)" in titles and "视图(&V)" in titles
    assert w.act_fit.text() == "拟合(&F)" and w.act_open.text() == "打开(&O)…"
    assert w.act_fit.toolTip().endswith("(F5)")
    assert w.status_label.text() == "就绪"
    w.close()


def test_fit_indices_are_shown_in_chinese(qtbot, chinese) -> None:
    from gmm_desktop.engine.indices import fit_indices
    from gmm_desktop.qt.choose_k_view import ChooseKView
    from gmm_desktop.qt.results_panel import ResultsPanel

    view = ChooseKView()
    qtbot.addWidget(view)
    assert view.columns_button.text() == "列…"
    assert view.column_actions["average posterior"].text() == "平均后验概率"
    header = view.table.horizontalHeaderItem(view.column_index("smallest class"))
    assert header is not None and header.text() == "最小类"
    panel = ResultsPanel()
    qtbot.addWidget(panel)
    resp = np.eye(2)[np.repeat([0, 1], [480, 20])]
    panel.show_indices(fit_indices(-900.0, 500, 2, 1, "full", resp))
    text = panel.indices_label.text()
    assert "自由参数 5 个（权重 1，均值 2，协方差 2）" in text
    assert "500 行中只有 20 行属于分量 2" in text and "越低越好" in text
    view.shutdown()


def test_fit_warnings_are_shown_in_chinese(qtbot, chinese) -> None:
    """The engine's warnings are Phrases: English text for the command line, translated in the
    window with their numbers filled in (also a reason nested in a warning)."""
    from gmm_desktop.engine import FitConfig, fit
    from gmm_desktop.qt.results_panel import ResultsPanel

    rng = np.random.default_rng(0)
    X = np.r_[rng.normal(0, 1, 200), [50.0, 50.0, 50.0]].reshape(-1, 1)
    config = FitConfig(n_components=3, max_iter=2, seed=0)
    result = fit(X, config)
    assert any("without converging" in w for w in result.warnings)  # English as before
    panel = ResultsPanel()
    qtbot.addWidget(panel)
    panel.show_warnings(result.warnings)
    text = panel.warnings_label.text()
    assert "EM 在 2 次迭代后停止但未收敛" in text
    assert "without" not in text


def test_errors_from_io_and_engine_are_shown_in_chinese(qtbot, tmp_path, chinese) -> None:
    """Messages the io and engine layers mark are translated in the window, values filled in;
    the same errors stay English on the command line (str)."""
    empty = tmp_path / "空.csv"
    empty.write_bytes(b"")
    w = _window(qtbot, tmp_path)
    with qtbot.waitSignal(w.sig_error, timeout=TIMEOUT) as blocker:
        w.open_file(empty)
    assert blocker.args[0] == "无法打开 空.csv：文件 空.csv 是空的"

    from gmm_desktop.engine import FitConfig, GMMInputError
    from gmm_desktop.io import DataError

    with pytest.raises(GMMInputError) as raised:
        FitConfig(n_components=5).validate(3, 1)
    assert str(raised.value) == "K = 5 components need at least 5 rows, but the data has 3"
    assert i18n.error_text(raised.value) == "K = 5 个成分至少需要 5 行数据，但数据只有 3 行"
    from gmm_desktop.io.atomic import WriteError, ensure_folder

    blocker_file = tmp_path / "a-file"
    blocker_file.write_text("not a folder", encoding="utf-8")
    with pytest.raises(WriteError) as refused:
        ensure_folder(blocker_file / "exports")
    assert str(refused.value).startswith("cannot create the folder")
    assert i18n.error_text(refused.value).startswith("无法创建文件夹")
    plain = DataError("a message nobody marked")
    assert i18n.error_text(plain) == "a message nobody marked"
    w.close()


def test_session_and_fit_setting_errors_are_shown_in_chinese(qtbot, tmp_path, chinese) -> None:
    """A damaged session and a bad fit setting, reported by the window in Chinese: the
    message, and the phrases filling it (what is damaged), translated; English stays in str."""
    import json

    from gmm_desktop.engine import FitConfig

    damaged = tmp_path / "坏.gmm.json"
    record = {"iteration": 0, "log_likelihood": "nan"}
    doc = {"format": "gmm-desktop-session", "version": 1, "data": {"columns": ["x"]}}
    damaged.write_text(json.dumps({**doc, "history": [record]}), encoding="utf-8")
    w = _window(qtbot, tmp_path)
    with qtbot.waitSignal(w.sig_error, timeout=TIMEOUT) as blocker:
        assert not w.open_session(damaged)
    assert blocker.args[0] == "会话文件已损坏：某个对数似然值不是数字"

    nested = tmp_path / "nested.gmm.json"
    record = {"iteration": 0, "log_likelihood": -1.0, "weights": "heavy"}
    nested.write_text(json.dumps({**doc, "history": [record]}), encoding="utf-8")
    with qtbot.waitSignal(w.sig_error, timeout=TIMEOUT) as blocker:
        assert not w.open_session(nested)
    assert blocker.args[0] == "会话文件已损坏：某次迭代的参数的权重不是数字"

    with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
        w.open_file(demo_path("heights"), remember=False)
    w.parameter_panel.config = lambda: FitConfig(accelerate="yes")  # type: ignore[method-assign]
    with qtbot.waitSignal(w.sig_error, timeout=TIMEOUT) as blocker:
        assert not w.start_fit()
    assert blocker.args[0] == "加速设置必须是“是”或“否”（收到的是 'yes'）"
    w.parameter_panel.config = lambda: FitConfig(covariance_type="round")  # type: ignore[method-assign]
    with qtbot.waitSignal(w.sig_error, timeout=TIMEOUT) as blocker:
        assert not w.start_fit()
    assert blocker.args[0] == "未知的协方差类型“round”（请从 full, diag, spherical, tied 中选择）"
    w.close()


def test_a_translation_with_wrong_fields_falls_back_to_english(monkeypatch) -> None:
    from gmm_desktop.io import DataError

    error = DataError.said("the file {name} is empty", name="a.csv")
    monkeypatch.setattr(i18n.QCoreApplication, "translate", lambda _c, _t: "{nom} est vide")
    assert i18n.error_text(error) == "the file a.csv is empty"


def test_english_window_is_unchanged_without_a_translator(qtbot, tmp_path) -> None:
    w = _window(qtbot, tmp_path)
    assert _menu_titles(w) == ["&File", "&Data", "F&it", "&View", "&Help"]
    assert w.act_pause.text() == "&Pause" and w.status_label.text() == "Ready"
    w.close()


def test_install_translator_falls_back_to_english(qapp) -> None:
    try:
        assert i18n.install_translator(qapp, "en") == "en"
        assert QApplication.translate("MainWindow", "&File") == "&File"
    finally:
        i18n.remove_translators(qapp)


def test_every_toolbar_action_names_its_shortcut(qtbot, tmp_path) -> None:
    w = _window(qtbot, tmp_path)
    shortcuts = {
        w.act_open: "Ctrl+O",
        w.act_fit: "F5",
        w.act_pause: "F6",
        w.act_step: "F7",
        w.act_stop: "F8",
        w.act_export: "Ctrl+E",
        w.act_save_session: "Ctrl+S",
        w.act_open_session: "Ctrl+Shift+O",
        w.act_generate: "Ctrl+G",
    }
    for action, key in shortcuts.items():
        assert action.shortcut().toString() == key, action.text()
        assert action.toolTip().endswith(f"({key})"), action.toolTip()
    w.close()


def test_language_choice_is_stored_for_the_next_start(qtbot, tmp_path) -> None:
    w = _window(qtbot, tmp_path)
    by_code = {a.data(): a for a in w.language_menu.actions()}
    by_code["zh_CN"].trigger()
    assert w.settings.value("ui/language") == "zh_CN"
    assert i18n.saved_language(w.settings) == "zh_CN"
    assert "next time" in w.status_label.text()
    by_code[""].trigger()
    assert i18n.saved_language(w.settings) is None
    w.close()


def test_help_panel_explains_em_and_the_plots(qtbot, tmp_path) -> None:
    w = _window(qtbot, tmp_path)
    w.act_help.trigger()
    assert w.help_dock.isVisible() or not w.isVisible()
    titles = [title for title, _ in w.help_panel.sections()]
    assert "The EM algorithm" in titles and "Log-likelihood" in titles
    assert "E-step" in w.help_panel.browser.toPlainText()
    w.close()


def test_help_menu_opens_how_these_numbers_are_computed(qtbot, tmp_path) -> None:
    w = _window(qtbot, tmp_path)
    help_menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&Help")
    assert w.act_formulas in help_menu.actions()
    w.act_formulas.trigger()
    dialog = w.formulas_dialog
    assert dialog.isVisible() or not w.isVisible()
    text = dialog.page.browser.toPlainText()
    for formula in (
        "BIC = -2 LL + p ln n",
        "SABIC = -2 LL + p ln((n + 2) / 24)",
        "CAIC = -2 LL + p (ln n + 1)",
        "ICL = BIC - 2 Σ_i ln z_i,map(i)",
        "p = (1 + #{b : LR_b ≥ LR}) / (B + 1)",
        "LR* = LR / (1 + 1 / (((3K - 1) - (3(K-1) - 1)) ln n))",
        "95% interval = their 2.5th to 97.5th percentiles",
    ):
        assert formula in text, formula
    for reference in ("Nylund, Asparouhov and Muthén (2007)", "Lo, Mendell and Rubin (2001)",
                      "McLachlan and Peel (2000)", "Biometrika 88, 767-778"):  # fmt: skip
        assert reference in text, reference
    w.act_formulas.trigger()  # shown again: the same dialog, raised
    assert w.formulas_dialog is dialog
    w.close()


def _clipped(window: QWidget) -> list[str]:
    """Visible labels and buttons whose text needs more room than they have."""
    out = []
    widgets: list[QWidget] = [*window.findChildren(QLabel), *window.findChildren(QAbstractButton)]
    for widget in widgets:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        text = widget.text()
        if not text.strip():
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            continue
        if widget.sizeHint().width() > widget.width() + 1:
            out.append(
                f"{type(widget).__name__} {text!r}: needs {widget.sizeHint().width()} px, "
                f"has {widget.width()}"
            )
    return out


@pytest.mark.parametrize("language", ["en", "zh"])
def test_no_clipped_text(qtbot, qapp, tmp_path, language) -> None:
    if language == "zh":
        assert i18n.install_translator(qapp, "zh_CN") == "zh_CN"
    try:
        w = _window(qtbot, tmp_path)
        w.resize(1500, 900)
        w.show()
        qtbot.waitExposed(w)
        with qtbot.waitSignal(w.sig_data_loaded, timeout=TIMEOUT):
            w.open_file(demo_path("heights"), remember=False)
        with qtbot.waitSignal(w.sig_fit_finished, timeout=TIMEOUT):
            w.act_fit.trigger()
        qtbot.wait(200)
        qapp.processEvents()
        w.grab().save(str(screenshot_folder(tmp_path) / f"i18n_{language}.png"))
        clipped = _clipped(w)
        if w.width() > 1500:  # a long unwrapped text forced the window wider than asked
            clipped.append(f"the window grew to {w.width()} px wide")
        w.close()
    finally:
        i18n.remove_translators(qapp)
    assert not clipped, "\n".join(clipped)
