"""GMM Desktop never touches the network (issue 9): the command-line fit and the window's
scripted run succeed with Internet sockets blocked, and no module imports a network library.

The block is a ``sitecustomize`` module put first on PYTHONPATH for the child process: it makes
``socket.socket`` refuse AF_INET/AF_INET6, and ``create_connection``/``getaddrinfo`` refuse
outright, logging every attempt with its stack to a file. Qt and X11 talk over UNIX sockets
from C, which Python cannot see or block, so only Python-level network use is covered.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

import gmm_desktop
from gmm_desktop.io.demo import demo_path

PACKAGE = Path(gmm_desktop.__file__).resolve().parent
NETWORK_MODULES = {
    "aiohttp",
    "ftplib",
    "http",
    "httpx",
    "imaplib",
    "poplib",
    "requests",
    "smtplib",
    "socket",
    "socketserver",
    "ssl",
    "telnetlib",
    "urllib",
    "urllib3",
    "webbrowser",
    "xmlrpc",
    "PySide6.QtNetwork",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
}

SITECUSTOMIZE = '''
"""Test-only: refuse Internet sockets and log every attempt (see tests/test_no_network.py)."""
import os
import socket
import traceback

_LOG = os.environ["GMM_NETWORK_LOG"]
_INTERNET = {socket.AF_INET, getattr(socket, "AF_INET6", socket.AF_INET)}


def _refuse(what):
    with open(_LOG, "a", encoding="utf-8") as handle:
        handle.write("BLOCKED " + what + "\\n" + "".join(traceback.format_stack()) + "\\n")
    raise OSError(f"network access blocked by the test: {what}")


class _GuardedSocket(socket.socket):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None and (family == -1 or family in _INTERNET):
            _refuse(f"socket.socket(family={family})")
        super().__init__(family, type, proto, fileno)


def _create_connection(address, *args, **kwargs):
    _refuse(f"socket.create_connection({address!r})")


def _getaddrinfo(host, *args, **kwargs):
    _refuse(f"socket.getaddrinfo({host!r})")


socket.socket = _GuardedSocket
socket.SocketType = _GuardedSocket
socket.create_connection = _create_connection
socket.getaddrinfo = _getaddrinfo
os.environ["GMM_NETWORK_BLOCKED"] = "1"
'''

PROBE = """
import os, socket
assert os.environ.get("GMM_NETWORK_BLOCKED") == "1", "sitecustomize was not loaded"
for attempt in (
    lambda: socket.socket(),
    lambda: socket.socket(socket.AF_INET6, socket.SOCK_STREAM),
    lambda: socket.create_connection(("127.0.0.1", 9)),
    lambda: socket.getaddrinfo("example.com", 80),
):
    try:
        attempt()
    except OSError:
        pass
    else:
        raise SystemExit("an Internet socket was allowed")
a, b = socket.socketpair()  # UNIX sockets stay allowed
a.close(); b.close()
print("blocked")
"""


def _blocked_env(tmp_path: Path) -> tuple[dict[str, str], Path]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "network.log"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["GMM_NETWORK_LOG"] = str(log)
    env.pop("QT_QPA_PLATFORM", None)  # the 3-D view needs the real (Xvfb) display
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # leave the user's settings alone
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    for proxy in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        env[proxy] = "http://127.0.0.1:9"  # anything that still tried would fail loudly
    return env, log


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=240, env=env, cwd=cwd
    )


def _attempts(log: Path) -> str:
    return log.read_text(encoding="utf-8") if log.exists() else ""


def test_the_block_works(tmp_path: Path) -> None:
    env, log = _blocked_env(tmp_path)
    done = _run(["-c", PROBE], env, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "blocked"
    blocked = [line for line in _attempts(log).splitlines() if line.startswith("BLOCKED ")]
    assert len(blocked) == 4, blocked


def test_cli_fit_works_offline(tmp_path: Path) -> None:
    env, log = _blocked_env(tmp_path)
    out = tmp_path / "out"
    done = _run(
        ["-m", "gmm_desktop", "fit", str(demo_path("heights")), "-k", "2", "--out", str(out)],
        env,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert {p.name for p in out.iterdir()} >= {"parameters.csv", "assignments.csv", "history.csv"}
    assert _attempts(log) == "", _attempts(log)


@pytest.mark.skipif(
    not os.environ.get("DISPLAY"),
    reason="the window needs a display: run under xvfb-run",
)
def test_window_scripted_run_works_offline(tmp_path: Path) -> None:
    env, log = _blocked_env(tmp_path)
    out = tmp_path / "report"
    export = ["--export", str(out)]
    done = _run(
        ["-m", "gmm_desktop", str(demo_path("clusters_3d")), "-k", "3", "--run", "--quit", *export],
        env,
        tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    written = {p.name for p in out.iterdir()}
    assert {"parameters.csv", "assignments.csv", "history.csv", "density.png"} <= written
    assert _attempts(log) == "", _attempts(log)


def _imported_modules(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name | ast.Attribute)
            and getattr(node.func, "id", getattr(node.func, "attr", ""))
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return found


def _is_network(module: str) -> bool:
    return any(module == m or module.startswith(m + ".") for m in NETWORK_MODULES)


def test_no_module_imports_a_network_library() -> None:
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 20, f"found only {len(files)} modules under {PACKAGE}"
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {module}"
        for path in files
        for line, module in _imported_modules(path)
        if _is_network(module)
    ]
    assert not offenders, "network imports:\n" + "\n".join(offenders)


def test_the_static_check_would_notice(tmp_path: Path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text(
        "import os\nimport urllib.request\nfrom http import client\n"
        "from PySide6 import QtNetwork\nimport importlib\nimportlib.import_module('socket')\n",
        encoding="utf-8",
    )
    flagged = sorted({m for _, m in _imported_modules(sample) if _is_network(m)})
    assert flagged == ["PySide6.QtNetwork", "http", "http.client", "socket", "urllib.request"]
