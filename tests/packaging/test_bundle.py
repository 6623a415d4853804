"""The one-folder PyInstaller bundle: build it from packaging/pyinstaller/gmm_desktop.spec, then
run the built executable (not this interpreter) the way a user's double-click or script would.

* skipped when PyInstaller is not installed (``pip install -r packaging/requirements-build.txt``,
  which ``bash packaging/build_bundle.sh`` does);
* ``GMM_DESKTOP_BUNDLE=dist/gmm-desktop`` tests an existing bundle instead of building one
  (about 2 minutes on 2 cores);
* the window's scripted run needs the Xvfb display the suite runs under (the 3-D view needs GL);
* each run gets its own empty XDG_CACHE_HOME, so the first fit of a test compiles numba's
  kernels from scratch, as a user's first start does.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# every kernel module of the compiled engine (the spec bundles them as plain sources)
KERNELS = sorted(p.name for p in (REPO / "gmm_desktop" / "engine").glob("_kernels*.py"))
SPEC = REPO / "packaging" / "pyinstaller" / "gmm_desktop.spec"
NAME = "gmm-desktop"
CSVS = ("parameters.csv", "assignments.csv", "history.csv")
PNGS = ("density.png", "ellipses.png", "scatter3d.png", "profile.png", "likelihood.png")
PNGS += ("parameters.png",)

GIVEN = os.environ.get("GMM_DESKTOP_BUNDLE")  # test this bundle instead of building one

pytestmark = [
    pytest.mark.skipif(
        not GIVEN and importlib.util.find_spec("PyInstaller") is None,
        reason="PyInstaller is not installed: pip install -r packaging/requirements-build.txt "
        "(bash packaging/build_bundle.sh installs it)",
    ),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux bundle test"),
    pytest.mark.timeout(1200),
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle folder (holding the ``gmm-desktop`` executable and ``_internal``)."""
    if GIVEN:
        folder = Path(GIVEN).resolve()
        assert (folder / NAME).is_file(), f"GMM_DESKTOP_BUNDLE={GIVEN} holds no {NAME} executable"
        return folder
    root = tmp_path_factory.mktemp("bundle")
    started = time.monotonic()
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(root / "dist"),
            "--workpath",
            str(root / "build"),
            str(SPEC),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1100,
    )
    seconds = time.monotonic() - started
    log = f"{build.stdout[-4000:]}\n{build.stderr[-8000:]}"
    assert build.returncode == 0, f"PyInstaller failed:\n{log}"
    print(f"\nbundle built in {seconds:.0f} s")
    return root / "dist" / NAME


def _env(home: Path) -> dict[str, str]:
    """The user's environment minus anything that could let the bundle use this checkout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.pop("QT_QPA_PLATFORM", None)  # the 3-D view needs the real (Xvfb) display
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())  # do not touch the user's settings or autosave
    env["PATH"] = "/usr/bin:/bin"
    return env


def _run(bundle: Path, args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bundle / NAME), *args],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=cwd,
        env=_env(cwd),
    )


def _distinct_colours(path: Path) -> int:
    from PySide6.QtGui import QImage

    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    image = QImage(str(path))
    assert not image.isNull() and image.width() > 100 and image.height() > 100, path.name
    step = max(1, image.width() // 200)
    return len(
        {
            image.pixel(x, y)
            for y in range(0, image.height(), step)
            for x in range(0, image.width(), step)
        }
    )


def test_bundle_layout(bundle: Path):
    internal = bundle / "_internal"
    resources = internal / "resources"
    assert (resources / "demo" / "catalog.json").is_file()
    assert (resources / "demo" / "clusters_3d.csv").is_file()
    assert (resources / "icons" / "gmm-desktop.svg").is_file()
    assert (resources / "gmm-desktop.desktop").is_file()
    # licences travel with the program (the LGPL asks for its text and the Qt source directions)
    for licence in ("LICENSE", "THIRD-PARTY-NOTICES.md", "LICENSES/LGPL-3.0.txt"):
        assert (internal / licence).is_file(), f"{licence} is not in the bundle"
    plugins = internal / "PySide6" / "Qt" / "plugins"
    assert (plugins / "platforms" / "libqxcb.so").is_file()
    assert (plugins / "xcbglintegrations" / "libqxcb-glx-integration.so").is_file()
    assert (plugins / "iconengines" / "libqsvgicon.so").is_file()
    # metadata for the About dialog's versions
    assert list(internal.glob("pyqtgraph-*.dist-info")), "pyqtgraph metadata missing"
    assert list(internal.glob("numpy-*.dist-info")), "numpy metadata missing"
    assert list(internal.glob("numba-*.dist-info")), "numba metadata missing"
    # the compiled engine: numba, llvmlite, and the kernels' source (numba's cache needs it)
    assert (internal / "llvmlite" / "binding" / "libllvmlite.so").is_file()
    assert list((internal / "numba").glob("_dispatcher*.so")), "numba is not in the bundle"
    assert len(KERNELS) >= 5, KERNELS
    for kernels in KERNELS:
        assert (internal / "gmm_desktop" / "engine" / kernels).is_file(), f"{kernels} missing"
    # left out on purpose: numba's GPU target, tests and OpenMP/TBB layers, and unused packages
    for unwanted in (
        "numba/cuda",
        "numba/tests",
        "tkinter",
        "matplotlib",
        "sklearn",
        "pytest",
    ):
        assert not (internal / unwanted).exists(), f"{unwanted} is in the bundle"
    assert not list((internal / "numba").glob("np/ufunc/*pool*.so")), "OpenMP/TBB layer bundled"


@pytest.mark.gui
def test_bundled_window_scripted_run_exports_csvs_and_pictures(bundle: Path, tmp_path: Path):
    if not os.environ.get("DISPLAY"):
        pytest.skip("needs an X display: run the suite under xvfb-run (see README)")
    demo = bundle / "_internal" / "resources" / "demo" / "clusters_3d.csv"
    out = tmp_path / "report"
    started = time.monotonic()
    gif = tmp_path / "fit.gif"
    args = [str(demo), "-k", "2", "--run", "--export", str(out), "--export-animation", str(gif)]
    done = _run(bundle, [*args, "--quit"], tmp_path)
    seconds = time.monotonic() - started
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    print(f"\nbundled scripted run took {seconds:.1f} s")
    for name in CSVS:
        assert (out / name).is_file() and (out / name).stat().st_size > 100, name
    header = (out / "parameters.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "weight" in header and "mean(x1)" in header, header
    rows = (out / "assignments.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 1 + 1000, "one assignment per demo row"
    for name in PNGS:
        path = out / name
        assert path.is_file(), f"{name} was not written"
        assert path.stat().st_size > 2000, f"{name} is suspiciously small"
        colours = _distinct_colours(path)
        assert colours > 20, f"{name} looks blank ({colours} colours)"
    from PIL import Image  # the bundle wrote the GIF with its own Pillow

    with Image.open(gif) as animation:
        assert animation.n_frames > 2, "one frame per iteration"


def test_bundled_command_line_fit_json_matches_the_checkout(bundle: Path, tmp_path: Path):
    demo = bundle / "_internal" / "resources" / "demo" / "heights.csv"
    args = ["fit", str(demo), "--columns", "height", "-k", "2", "--seed", "3", "--json"]
    done = _run(bundle, args, tmp_path)
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    result = json.loads(done.stdout)
    assert result["n_samples"] == 1000 and result["components"] == 2
    assert result["converged"] is True
    assert all(155 < m[0] < 185 for m in result["means"]), result["means"]
    assert abs(sum(result["weights"]) - 1) < 1e-9

    # the same fit from this checkout's interpreter: the bundle computes the same numbers
    here = subprocess.run(
        [sys.executable, "-m", "gmm_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert here.returncode == 0, here.stderr
    expected = json.loads(here.stdout)
    assert result["iterations"] == expected["iterations"]
    assert result["log_likelihood"] == pytest.approx(expected["log_likelihood"], rel=1e-9)
    flat = [x for mean in result["means"] for x in mean]
    assert flat == pytest.approx([x for mean in expected["means"] for x in mean], rel=1e-7)


def test_bundled_command_line_fits_a_parquet_file_streamed_and_on_dask(
    bundle: Path, tmp_path: Path
):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(2)
    values = np.concatenate([rng.normal(0, 1, 30_000), rng.normal(5, 1, 30_000)])
    pd.DataFrame({"x": values}).to_parquet(tmp_path / "d.parquet", index=False)
    done = _run(bundle, ["fit", str(tmp_path / "d.parquet"), "-k", "2", "--json"], tmp_path)
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    assert json.loads(done.stdout)["n_samples"] == 60_000
    streamed = ["fit", str(tmp_path / "d.parquet"), "-k", "2", "--memory-budget", "1MB"]
    done = _run(bundle, [*streamed, "--json"], tmp_path)
    assert done.returncode == 0, done.stderr
    streamed_fit = json.loads(done.stdout)
    assert streamed_fit["out_of_core"]["engine"] == "streaming"
    # dask and distributed are bundled: a tiny fit on a local cluster (threads in the bundle)
    on_dask = [*streamed, "--dask", "--json"]  # the same budget: the same subsample
    done = _run(bundle, on_dask, tmp_path)
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    dask_fit = json.loads(done.stdout.strip().splitlines()[-1])
    assert dask_fit["out_of_core"]["engine"] == "dask"
    assert dask_fit["n_samples"] == 60_000
    assert dask_fit["log_likelihood"] == pytest.approx(streamed_fit["log_likelihood"], rel=1e-10)


def _numba_cache(home: Path) -> dict[str, int]:
    """The files numba's cache holds under a run's XDG_CACHE_HOME: name -> mtime (ns)."""
    folder = home / "xdg_cache_home" / "gmm-desktop" / "numba"  # / <hash of the kernels>
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*.nb*")}


def test_bundled_fit_of_200000_rows_runs_the_compiled_engine(bundle: Path, tmp_path: Path):
    import numpy as np

    rng = np.random.default_rng(11)
    centres = np.array([[0.0, 0.0], [6.0, 1.0], [2.0, 7.0]])
    X = np.concatenate(
        [rng.normal(c, 1.0 + i, size=(200_000 // 3 + 1, 2)) for i, c in enumerate(centres)]
    )[:200_000]
    data = tmp_path / "large.csv"
    np.savetxt(data, X, delimiter=",", header="x,y", comments="", fmt="%.6f")
    args = ["fit", str(data), "-k", "3", "--seed", "5", "--json"]

    timings, results = [], []
    for _ in ("cold", "warm"):  # the first run compiles numba's kernels, the second loads them
        started = time.monotonic()
        done = _run(bundle, args, tmp_path)
        timings.append(time.monotonic() - started)
        assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
        results.append(json.loads(done.stdout))
        if len(results) == 1:
            cached = _numba_cache(tmp_path)
    print(f"\nbundled fit of 200,000 rows: cold {timings[0]:.1f} s, warm {timings[1]:.1f} s")
    for result in results:
        assert result["backend"] == "compiled", result.get("backend_reason")
        assert result["n_samples"] == 200_000 and result["iterations"] > 1
    assert results[1]["log_likelihood"] == results[0]["log_likelihood"]
    # numba cached the kernels in the user's cache folder (never in the application folder),
    # and the second run loaded them without compiling again
    assert any(name.endswith(".nbc") for name in cached), cached
    # every kernel module
    for kernels in KERNELS:
        assert any(kernels.removesuffix("py") in name for name in cached), (kernels, cached)
    assert _numba_cache(tmp_path) == cached
    assert not (bundle / "_internal" / "gmm_desktop" / "engine" / "__pycache__").exists()

    # the same fit from this checkout's interpreter and engine
    here = subprocess.run(
        [sys.executable, "-m", "gmm_desktop", *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert here.returncode == 0, here.stderr
    expected = json.loads(here.stdout)
    assert results[0]["log_likelihood"] == pytest.approx(expected["log_likelihood"], rel=1e-10)
    flat = [x for mean in results[0]["means"] for x in mean]
    assert flat == pytest.approx([x for mean in expected["means"] for x in mean], rel=1e-7)


def test_bundled_command_line_reports_errors_plainly(bundle: Path, tmp_path: Path):
    done = _run(bundle, ["fit", str(tmp_path / "missing.csv"), "--json"], tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() and "Traceback" not in done.stderr
