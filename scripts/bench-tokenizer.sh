#!/usr/bin/env bash
# Tokenizer throughput, release build, one core: generated English-like prose, then
# every FILE given (e.g. ../shared/data/imdb/test.tsv). Prints the medians of 5 runs.
#
#   scripts/bench-tokenizer.sh [FILE ...]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product sentiment >&2
binary="$(swift build -c release --show-bin-path)/sentiment"
"$binary" bench tokenizer --repeat 5 | grep median
for file in "$@"; do
    echo "# $file"
    "$binary" bench tokenizer --repeat 5 --file "$file" | grep median
done
