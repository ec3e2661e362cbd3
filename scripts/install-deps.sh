#!/usr/bin/env bash
# Installs the system libraries the package links against, if any is missing:
# ICU (libicu-dev), SQLite (libsqlite3-dev), OpenBLAS (libopenblas-dev), pkg-config; and
# python3, which the Spark job and the tests of the scripts run.
#   scripts/install-deps.sh --tests   also numpy, which the test of train-default-model.sh
#                                     needs (scripts/widen_model.py): python3-numpy, and
#                                     numpy from PyPI if the python3 on PATH is another
#                                     one (pyenv, a venv) that lacks it.
# Debian/Ubuntu: apt-get (as root, or through sudo). macOS: nothing (ICU, SQLite and
# Accelerate come with the system).
set -euo pipefail

if [[ "$(uname -s)" == "Darwin" ]]; then
    exit 0
fi
tests=0
case "${1:-}" in
"") ;;
--tests) tests=1 ;;
*) echo "usage: scripts/install-deps.sh [--tests]" >&2; exit 2 ;;
esac

packages=(libicu-dev libsqlite3-dev libopenblas-dev pkg-config python3)
if [[ $tests -eq 1 ]]; then packages+=(python3-numpy); fi
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [[ ${#missing[@]} -gt 0 ]]; then
    sudo=""
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
        sudo="sudo"
    fi
    echo "install-deps: installing ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
if [[ $tests -eq 1 ]] && ! python3 -c 'import numpy' 2>/dev/null; then
    echo "install-deps: installing numpy from PyPI into $(command -v python3)" >&2
    python3 -m pip install --quiet numpy >&2
fi
