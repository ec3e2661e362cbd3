#!/usr/bin/env bash
# The main job: installs what a fresh machine lacks, builds the binary once (the
# self-contained one, scripts/build-portable.sh: it starts in about a fifth of the time
# of .build/release/sentiment, whose Swift runtime, Foundation, ICU and OpenBLAS are
# shared libraries the loader binds at every start), and runs it, e.g.
# `scripts/sentiment.sh "what a lovely film"`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/build-portable.sh"
exec "$root/dist/sentiment" "$@"
