#!/usr/bin/env bash
# Build the frozen bundle (dist/mag-desktop/) from build.spec, then check it with its own smoke
# test, and print its size and the build time. Linux and macOS; Windows: see docs/PACKAGING.md.
#
#   packaging/build.sh                  a fresh virtual environment in build/venv
#   packaging/build.sh --current-venv   the Python on PATH (an activated venv), as it is
set -euo pipefail

usage() {
  echo "usage: packaging/build.sh [--current-venv] [--python PYTHON]" >&2
  exit 2
}

current=0
base_python=${PYTHON:-python3}
while [ $# -gt 0 ]; do
  case "$1" in
    --current-venv) current=1 ;;
    --python) shift; [ $# -gt 0 ] || usage; base_python=$1 ;;
    -h|--help) usage ;;
    *) echo "packaging/build.sh: unknown option $1" >&2; usage ;;
  esac
  shift
done

cd "$(dirname "$0")/.."
started=$(date +%s)

if [ "$current" = 1 ]; then
  py=$(command -v python || command -v python3)
  echo "== using the current environment: $py"
else
  venv=build/venv
  echo "== creating a fresh virtual environment in $venv"
  "$base_python" -m venv --clear "$venv"
  py=$venv/bin/python
  "$py" -m pip install -q --upgrade pip
fi

echo "== installing the project and PyInstaller"
"$py" -m pip install -q -e . "pyinstaller>=6.10,<7"
"$py" -c "import PySide6, PyInstaller; print('PySide6', PySide6.__version__, \
'/ PyInstaller', PyInstaller.__version__)"

echo "== pyinstaller build.spec"
build_started=$(date +%s)
"$py" -m PyInstaller build.spec --noconfirm --clean --log-level WARN
build_seconds=$(( $(date +%s) - build_started ))

bundle=dist/mag-desktop
echo "== smoke test of the frozen bundle"
"$bundle/mag-desktop" --version
"$bundle/mag-desktop" smoke

total_seconds=$(( $(date +%s) - started ))
echo "== bundle: $(du -sh "$bundle" | cut -f1) in $bundle ($(find "$bundle" -type f | wc -l \
| tr -d ' ') files)"
echo "== pyinstaller: ${build_seconds} s; whole script (install, build, smoke): ${total_seconds} s"
