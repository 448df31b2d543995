#!/usr/bin/env bash
# Build the one-folder POA Desk app and try it as a user would; CI runs this after the tests
# (.ci/run). Exit 0 only when it built, is at most 150 MB and every step ran from a copy.
#
#   packaging/check-app.sh              build (packaging/build-app.sh: a fresh venv from PyPI),
#                                       then check
#   packaging/check-app.sh --no-build   check the dist/POA Desk built before
#
# The checks are packaging/check_bundle.py's (standard library only): the size; then, from a
# copy in a new temporary folder with a new empty HOME, --version, show 1.3b, meeting add,
# activity add, the brief and the progress report in Word and Excel, the matrix, the default
# database, the window opened offscreen and closed; the same commands as the installed package;
# start-up times. Needs Python 3.11+ with venv and PyPI; runs as root (CI) or not.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/build/pyinstaller-venv"
BUNDLE="$ROOT/dist/POA Desk"
export PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1

start=$SECONDS
case "${1:-}" in
    "") "$ROOT/packaging/build-app.sh" ;;
    --no-build) ;;
    *) echo "usage: packaging/check-app.sh [--no-build]" >&2; exit 2 ;;
esac
built=$SECONDS

if [[ -x "$VENV/Scripts/python.exe" ]]; then VPY="$VENV/Scripts/python.exe" REF="$VENV/Scripts/poadesk.exe"
else VPY="$VENV/bin/python" REF="$VENV/bin/poadesk"; fi
[[ -x "$VPY" ]] || { echo "check-app: no $VPY: build first (without --no-build)" >&2; exit 1; }

rc=0
"$VPY" "$ROOT/packaging/check_bundle.py" "$BUNDLE" --max-mb 150 --reference-cli "$REF" || rc=$?
echo "check-app: built in $((built - start)) s, checked in $((SECONDS - built)) s," \
     "$((SECONDS - start)) s in all"
exit "$rc"
