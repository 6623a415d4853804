"""PyInstaller entry script for GMM Desktop (the bundle's ``gmm-desktop`` executable).

``gmm_desktop/__main__.py`` uses relative imports, so it cannot be the frozen script itself;
this file imports the package and calls the same ``entry`` the ``gmm-desktop`` console script
does.

Before anything imports numba, numba's on-disk cache of the compiled engine is pointed at the
user's cache folder (``NUMBA_CACHE_DIR``): the application folder may be read-only (or, on
macOS, signed), and nothing may be written into it (not even ``.pyc`` files of the kernels,
which the spec ships as source). A user's own ``NUMBA_CACHE_DIR`` wins.

In a frozen program numba stamps its cache with the executable, not with the kernels' source,
so the folder is named after a hash of the bundled kernels: a bundle whose kernels differ never
loads another one's machine code.
"""

import hashlib
import os
import sys


def kernel_files(engine: str) -> list[str]:
    """The compiled engine's kernel modules in the folder ``engine``: every ``_kernels*.py``
    (the spec bundles the same files as plain sources)."""
    try:
        names = os.listdir(engine)
    except OSError:  # not bundled: numba then cannot load the engine anyway
        return []
    return sorted(n for n in names if n.startswith("_kernels") and n.endswith(".py"))


def user_cache_dir() -> str:
    """The per-user ``gmm-desktop`` cache folder (as ``gmm_desktop.engine._kernels``, which
    cannot be imported here: importing it imports numba)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~\\AppData\\Local")
        return os.path.join(base, "gmm-desktop", "Cache")
    if sys.platform == "darwin":
        return os.path.join(os.path.expanduser("~/Library/Caches"), "gmm-desktop")
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return os.path.join(base, "gmm-desktop")


def kernels_fingerprint() -> str:
    """12 hex digits of the SHA-256 of the bundled kernels' source files."""
    root = getattr(sys, "_MEIPASS", os.path.dirname(os.path.abspath(__file__)))
    engine = os.path.join(root, "gmm_desktop", "engine")
    digest = hashlib.sha256()
    for name in kernel_files(engine):
        with open(os.path.join(engine, name), "rb") as source:
            digest.update(source.read())
    return digest.hexdigest()[:12]


sys.dont_write_bytecode = True
if not os.environ.get("NUMBA_CACHE_DIR"):
    os.environ["NUMBA_CACHE_DIR"] = os.path.join(user_cache_dir(), "numba", kernels_fingerprint())

from gmm_desktop.__main__ import entry  # noqa: E402  (numba reads NUMBA_CACHE_DIR on import)

if __name__ == "__main__":
    entry()
