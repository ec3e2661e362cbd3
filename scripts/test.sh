#!/usr/bin/env bash
# The test command: installs what a fresh machine lacks, then runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build --build-tests
swift test --skip-build "$@"
