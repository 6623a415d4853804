#!/usr/bin/env bash
# One-stop set-up for a fresh machine, then run the application or the test suite.
#
#   bash packaging/dev.sh app [FILE] [options]   # start GMM Desktop (bundled demo data without FILE)
#   bash packaging/dev.sh test [pytest args]     # ruff + mypy + the whole pytest suite under Xvfb
#   bash packaging/dev.sh setup                  # only install (system libraries, .venv, packages)
#
# It installs the Debian libraries Qt needs when they are missing (as root; otherwise it prints the
# exact apt-get line), creates .venv beside this repository, and installs the tested pins from
# packaging/requirements-dev.txt plus the package itself in editable mode.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$repo/.venv"
python="${PYTHON:-python3}"

debian_packages=(
  libglib2.0-0 libegl1 libgl1 libdbus-1-3 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0
  xvfb xauth fonts-noto-cjk
  # R's mclust: an independent reference the tests compare our fits with (and runs exported R scripts)
  r-cran-mclust
)

say() { printf 'gmm-desktop setup: %s\n' "$*" >&2; }

install_system_libraries() {
  command -v dpkg-query >/dev/null 2>&1 || { say "not a Debian system; install Qt's X11 libraries and Xvfb yourself"; return 0; }
  local missing=()
  for pkg in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    say "missing Debian packages. Run as root:"
    say "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
    exit 1
  fi
}

install_python_packages() {
  local stamp="$venv/.gmm-desktop-requirements"
  local wanted
  wanted="$(cat "$repo/packaging/requirements.txt" "$repo/packaging/requirements-dev.txt" \
    "$repo/packaging/requirements-build.txt" "$repo/pyproject.toml" | sha256sum | cut -d' ' -f1)"
  if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    return 0
  fi
  [ -x "$venv/bin/python" ] || { say "creating $venv"; "$python" -m venv "$venv"; }
  say "installing Python packages (tested pins)"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$repo/packaging/requirements-dev.txt"
  # PyInstaller: the test suite builds the desktop bundle and runs it (tests/packaging)
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$repo/packaging/requirements-build.txt"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps -e "$repo"
  echo "$wanted" >"$stamp"
}

setup() {
  install_system_libraries
  install_python_packages
}

run_tests() {
  cd "$repo"
  export PATH="$venv/bin:$PATH"
  echo "== ruff"
  ruff check gmm_desktop tests benchmarks
  ruff format --check gmm_desktop tests benchmarks
  echo "== mypy"
  mypy
  echo "== benchmarks (smoke size: figures are printed, not asserted)"
  unset QT_QPA_PLATFORM
  python benchmarks/bench_engine.py --smoke
  python benchmarks/bench_select.py --smoke
  xvfb-run -a -s "-screen 0 1920x1080x24" python benchmarks/bench_window.py --smoke
  echo "== pytest (under Xvfb)"
  # Xvfb, not the offscreen platform: pyqtgraph.opengl needs a real GL context (see README).
  unset QT_QPA_PLATFORM
  xvfb-run -a -s "-screen 0 1920x1080x24" python -m pytest "$@"
}

run_app() {
  cd "$repo"
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    say "no display found; starting on a virtual screen (Xvfb)"
    exec xvfb-run -a -s "-screen 0 1920x1080x24" "$venv/bin/gmm-desktop" "$@"
  fi
  exec "$venv/bin/gmm-desktop" "$@"
}

cmd="${1:-app}"
shift || true
case "$cmd" in
  setup) setup ;;
  test) setup; run_tests "$@" ;;
  app) setup; run_app "$@" ;;
  *) say "unknown command '$cmd' (use: app, test, setup)"; exit 2 ;;
esac
