#!/usr/bin/env bash
# The main job: installs what a fresh machine lacks, builds the release binary once,
# and runs it, e.g. `scripts/sentiment.sh "what a lovely film"`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh"
swift build -c release --package-path "$root" >&2
exec "$root/.build/release/sentiment" "$@"
