#!/usr/bin/env bash
# Build the one-folder GMM Desktop application for this platform (Linux here):
#
#   bash packaging/build_bundle.sh            # -> dist/gmm-desktop/gmm-desktop (+ dist/gmm-desktop/_internal)
#   bash packaging/build_bundle.sh --check    # ... then run the bundle test on the result (under Xvfb)
#
# It sets up .venv like packaging/dev.sh (system libraries, tested pins), installs the build pins in
# packaging/requirements-build.txt, and runs PyInstaller on packaging/pyinstaller/gmm_desktop.spec
# (all options live in the spec). build/ and dist/ are git-ignored. See packaging/README.md.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$repo/.venv"
say() { printf 'gmm-desktop build: %s\n' "$*" >&2; }

bash "$repo/packaging/dev.sh" setup

stamp="$venv/.gmm-desktop-build-requirements"
wanted="$(sha256sum "$repo/packaging/requirements-build.txt" "$repo/packaging/requirements.txt" | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  say "installing build pins (packaging/requirements-build.txt)"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$repo/packaging/requirements-build.txt"
  echo "$wanted" >"$stamp"
fi

cd "$repo"
say "running PyInstaller (about 2 minutes on 2 cores)"
start=$(date +%s)
"$venv/bin/python" -m PyInstaller --noconfirm --log-level WARN \
  --distpath "$repo/dist" --workpath "$repo/build/pyinstaller" \
  "$repo/packaging/pyinstaller/gmm_desktop.spec"
say "built dist/gmm-desktop in $(( $(date +%s) - start )) s, $(du -sh "$repo/dist/gmm-desktop" | cut -f1)"
say "run it:  dist/gmm-desktop/gmm-desktop   (needs the X/GL system libraries: packaging/README.md)"

if [ "${1:-}" = "--check" ]; then
  unset QT_QPA_PLATFORM
  GMM_DESKTOP_BUNDLE="$repo/dist/gmm-desktop" xvfb-run -a -s "-screen 0 1920x1080x24" \
    "$venv/bin/python" -m pytest -q -p no:cacheprovider "$repo/tests/packaging/test_bundle.py"
fi
