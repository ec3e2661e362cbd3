#!/usr/bin/env bash
# Proves that dist/sentiment (scripts/build-portable.sh) runs where no Swift toolchain
# is: in a private mount namespace (`unshare --mount`, so nothing outside changes) an
# empty tmpfs covers the toolchain's folder and an empty file covers each shared
# library that the normal build loads besides glibc's (ICU, SQLite, OpenBLAS,
# libstdc++, libgfortran, …). There it prints `ldd dist/sentiment`, classifies with the
# embedded model, and checks that every prediction on corpora/demo/test.tsv equals the
# normal release build's. Then it prints both binaries' sizes and cold starts.
#
#   scripts/test-portable.sh           builds both (incrementally) first
#   RUNS=51 scripts/test-portable.sh   cold starts measured over 51 runs each (default 21)
#
# A cold start here is one new process classifying one text with --no-cache, so it
# loads the model (files in the page cache: dropping it would slow the shared machine).
# Needs root (or an unprivileged user namespace) for unshare and mount.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
runs=${RUNS:-21}

scripts/build-portable.sh
swift build -c release >&2
normal=$root/.build/release/sentiment
portable=$root/dist/sentiment

toolchain=$(dirname "$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")")
# The normal build's shared libraries outside the toolchain, but for glibc's own.
hidden_libraries=$(ldd "$normal" | awk '$3 ~ /^\// {print $3}' | grep -v "^$toolchain/" \
    | grep -vE '/(libc|libm|libdl|libpthread|librt|ld-linux[^/]*)\.so' | xargs -r readlink -f)

reference=$(mktemp)
scratch=$(mktemp -d)
trap 'rm -rf "$reference" "$scratch"' EXIT
"$normal" classify --no-cache --text-column text corpora/demo/test.tsv 2>/dev/null >"$reference"

# Runs inside the namespace: $1 toolchain, $2 portable binary, $3 normal binary, $4 the
# reference predictions, $5 an empty file, then the libraries to hide.
inside='
set -euo pipefail
toolchain=$1 portable=$2 normal=$3 reference=$4 empty=$5
shift 5
mount -t tmpfs -o size=1m,ro toolchain-hidden "$toolchain"
for library in "$@"; do mount --bind "$empty" "$library"; done
echo "hidden: $toolchain (empty tmpfs) and $# libraries: $(printf "%s " "${@##*/}")"
if command -v swift >/dev/null && swift --version >/dev/null 2>&1; then
    echo "FAIL: swift still runs with $toolchain hidden" >&2; exit 1
fi
if "$normal" --no-cache "x" >/dev/null 2>&1; then
    echo "FAIL: the normal build still starts, so nothing was hidden" >&2; exit 1
fi
echo "the normal build, as expected: $("$normal" "x" 2>&1 | head -n 1)"
echo
echo "\$ ldd dist/sentiment"
ldd "$portable"
echo
echo "\$ dist/sentiment --no-cache \"what a lovely film\" \"the plot was a mess and I was bored\" \"The package arrived on Tuesday.\""
"$portable" --no-cache "what a lovely film" "the plot was a mess and I was bored" "The package arrived on Tuesday." | tee "$empty.out"
[[ $(cut -f1 "$empty.out" | paste -sd,) == positive,negative,neutral ]] \
    || { echo "FAIL: expected positive, negative, neutral" >&2; exit 1; }
"$portable" classify --no-cache --text-column text corpora/demo/test.tsv 2>/dev/null >"$empty.classified"
cmp -s "$reference" "$empty.classified" \
    || { echo "FAIL: dist/sentiment classify differs from the normal build on corpora/demo/test.tsv" >&2
         diff "$reference" "$empty.classified" | head >&2; exit 1; }
echo "corpora/demo/test.tsv: all $(( $(wc -l <"$reference") - 1 )) predictions equal the normal build'"'"'s"
'
: >"$scratch/empty"
# shellcheck disable=SC2086
unshare --mount bash -c "$inside" inside "$toolchain" "$portable" "$normal" "$reference" "$scratch/empty" $hidden_libraries

# Cold starts, the two binaries taking turns so that a change in the machine's load
# falls on both: prints "NORMAL PORTABLE", each the median in milliseconds of $runs runs.
cold_starts() {
    local normal_times=() portable_times=() start end run
    for ((run = 0; run < runs; run++)); do
        start=$(date +%s%N); "$normal" --no-cache "$text" >/dev/null; end=$(date +%s%N)
        normal_times+=($(( (end - start) / 1000 )))
        start=$(date +%s%N); "$portable" --no-cache "$text" >/dev/null; end=$(date +%s%N)
        portable_times+=($(( (end - start) / 1000 )))
    done
    echo "$(median_ms "${normal_times[@]}") $(median_ms "${portable_times[@]}")"
}
median_ms() { printf '%s\n' "$@" | sort -n | awk -v n=$# 'NR == int((n + 1) / 2) {printf "%.1f", $1 / 1000}'; }

mib() { awk -v bytes="$1" 'BEGIN {printf "%.1f MiB", bytes / 1048576}'; }
loaded_bytes() {
    ldd "$1" | awk '$3 ~ /^\// {print $3}' | xargs -r readlink -f | xargs -r stat -L -c %s | awk '{sum += $1} END {print sum + 0}'
}

text="what a lovely film"
"$normal" --no-cache "$text" >/dev/null && "$portable" --no-cache "$text" >/dev/null  # warm the page cache
read -r normal_ms portable_ms < <(cold_starts)

echo
printf '%-26s %10s %28s %26s\n' binary size "+ shared libraries it loads" "cold start (median of $runs)"
printf '%-26s %10s %28s %26s\n' ".build/release/sentiment" "$(mib "$(stat -c %s "$normal")")" \
    "$(mib "$(loaded_bytes "$normal")")" "$normal_ms ms"
printf '%-26s %10s %28s %26s\n' "dist/sentiment" "$(mib "$(stat -c %s "$portable")")" \
    "$(mib "$(loaded_bytes "$portable")")" "$portable_ms ms"
echo "(cold start: \`sentiment --no-cache \"$text\"\`, a new process that loads the model, the two taking turns)"
echo "test-portable: passed"
