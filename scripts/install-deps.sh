#!/usr/bin/env bash
# Installs the system libraries the package links against, if any is missing:
# ICU (libicu-dev), SQLite (libsqlite3-dev), OpenBLAS (libopenblas-dev), pkg-config; and
# python3 with numpy, which the tests of the scripts (train-default-model.sh and the
# scripts/*.py it calls, the Spark test) run. When the python3 on PATH is not Debian's
# (pyenv, a venv) and lacks numpy, numpy comes from PyPI into it.
# Debian/Ubuntu: apt-get (as root, or through sudo). macOS: nothing (ICU, SQLite and
# Accelerate come with the system).
set -euo pipefail

if [[ "$(uname -s)" == "Darwin" ]]; then
    exit 0
fi

packages=(libicu-dev libsqlite3-dev libopenblas-dev pkg-config python3 python3-numpy)
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
if ! python3 -c 'import numpy' 2>/dev/null; then
    echo "install-deps: installing numpy from PyPI into $(command -v python3)" >&2
    python3 -m pip install --quiet numpy >&2
fi
