#!/usr/bin/env bash
# Installs the system libraries the package links against, if any is missing:
# ICU (libicu-dev), SQLite (libsqlite3-dev), OpenBLAS (libopenblas-dev), pkg-config; and
# python3, which the tests of the scripts (train-default-model.sh, the Spark test) run.
# Debian/Ubuntu: apt-get (as root, or through sudo). macOS: nothing (ICU, SQLite and
# Accelerate come with the system).
set -euo pipefail

if [[ "$(uname -s)" == "Darwin" ]]; then
    exit 0
fi

packages=(libicu-dev libsqlite3-dev libopenblas-dev pkg-config python3)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=""
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
