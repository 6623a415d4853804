#!/usr/bin/env bash
# Re-extract the translatable texts of gmm_desktop/qt, and the error messages engine and io
# mark with QT_TRANSLATE_NOOP("Errors", ...), into the .ts files (existing translations are
# kept; texts no longer in the code are dropped) and compile the .qm files the app loads.
#   bash packaging/update_translations.sh
# Then translate new entries (pyside6-linguist resources/translations/gmm_desktop_zh_CN.ts, or
# edit the XML), and run this script again to rebuild the .qm.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${VENV:-.venv}/bin"
mapfile -t SOURCES < <(find gmm_desktop/qt gmm_desktop/engine gmm_desktop/io -name '*.py' \
    -not -path '*/__pycache__/*' | sort)
for ts in resources/translations/gmm_desktop_*.ts; do
    "$BIN/pyside6-lupdate" -no-obsolete -locations none "${SOURCES[@]}" -ts "$ts"
    "$BIN/pyside6-lrelease" "$ts" -qm "${ts%.ts}.qm"
done
