#!/usr/bin/env bash
# Build the one-folder POA Desk app with PyInstaller: dist/POA Desk/poadesk.
#
# A throwaway venv (build/pyinstaller-venv, made anew each run) gets the project with the gui
# extra and PyInstaller 6; packaging/poadesk.spec is the recipe. Needs Python 3.11+ with venv
# and network access to PyPI. Usage: packaging/build-app.sh   (PYTHON=python3.12 to choose)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
VENV="$ROOT/build/pyinstaller-venv"
OUT="$ROOT/dist/POA Desk"

cd "$ROOT"
echo "==> fresh venv in $VENV"
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
if [[ -x "$VENV/Scripts/python.exe" ]]; then VPY="$VENV/Scripts/python.exe"  # Git Bash on Windows
else VPY="$VENV/bin/python"; fi

echo "==> installing poadesk[gui] and pyinstaller>=6"
"$VPY" -m pip install --quiet --upgrade pip
"$VPY" -m pip install --quiet "$ROOT[gui]" "pyinstaller>=6"
"$VPY" -m PyInstaller --version

echo "==> building"
"$VPY" -m PyInstaller --noconfirm --clean \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" \
    "$ROOT/packaging/poadesk.spec"

if [[ "$(uname -s)" == Linux ]]; then
    # Every bundled library and plugin must find what it links against (the spec drops some).
    missing="$(find "$OUT/_internal" -name '*.so*' -type f -print0 \
        | LD_LIBRARY_PATH="$OUT/_internal:$OUT/_internal/PySide6/Qt/lib" xargs -0 ldd 2>/dev/null \
        | grep 'not found' | sort -u || true)"
    if [[ -n "$missing" ]]; then echo "missing libraries in the bundle:"; echo "$missing"; exit 1; fi
fi

EXE="$OUT/poadesk"
[[ -x "$EXE" ]] || EXE="$OUT/poadesk.exe"
echo "==> smoke test: $("$EXE" --version)"
echo "built: $OUT"
du -sh "$OUT"
