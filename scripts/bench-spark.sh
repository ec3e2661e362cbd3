#!/usr/bin/env bash
# Throughput of the Spark path against the binary alone, over the same lines (a
# benchmark, not a test: the figures depend on the machine and its load).
#
#   scripts/bench-spark.sh                 200,000 lines, two rounds
#   LINES=50000 ROUNDS=1 scripts/bench-spark.sh
#
# The lines come from scripts/corpus_lines.py (our demo corpus, deterministic). Per
# round, each over all of them, no cache anywhere:
#   classify   dist/sentiment classify --lines --format jsonl FILE
#   predict    dist/sentiment predict --format jsonl <FILE (what each Spark task runs)
#   local[1]   spark-submit --master local[1] examples/spark/classify.py FILE OUT (Parquet)
#   local[2]   the same on local[2]
#   local[2], 4 MB partitions
#              the file read in 4 MB splits (six), as a large corpus comes: the job
#              then needs no shuffle to spread it over the cores (the rows above read
#              one partition, which the job splits in two, in order)
#   start-up   the job on local[2] over 100 lines: Spark's fixed cost (JVM, session,
#              the Python workers), which the rows above include
# and prints a table of seconds and lines/s. Installs like scripts/test-spark.sh
# (scripts/spark-env.sh) and builds dist/sentiment first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
lines=${LINES:-200000}
rounds=${ROUNDS:-2}

scripts/install-deps.sh
source scripts/spark-env.sh
scripts/build-portable.sh
binary=$root/dist/sentiment

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 scripts/corpus_lines.py "$lines" -o "$work/lines.txt"
head -n 100 "$work/lines.txt" >"$work/100.txt"

# Wall seconds of the command given (its output discarded).
seconds() {
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>"$work/last.log" || { cat "$work/last.log" >&2; return 1; }
    end=$(date +%s%N)
    awk -v ns=$((end - start)) 'BEGIN {printf "%.1f", ns / 1e9}'
}
# job MASTER INPUT [SPARK-SUBMIT OPTION…]
job() {
    local master=$1 input=$2
    shift 2
    rm -rf "$work/out"
    spark-submit --master "$master" --conf spark.ui.enabled=false --conf spark.driver.host=127.0.0.1 "$@" \
        examples/spark/classify.py --binary "$binary" "$input" "$work/out"
}

echo "bench-spark: $lines lines ($(du -h "$work/lines.txt" | cut -f1)), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| round | what | seconds | lines/s |"
echo "|---|---|---:|---:|"
row() { awk -v r="$1" -v w="$2" -v s="$3" -v n="$4" 'BEGIN {printf "| %s | %s | %.1f | %s |\n", r, w, s, (n ? sprintf("%.0f", n / s) : "")}'; }
for ((round = 1; round <= rounds; round++)); do
    row "$round" "\`classify --lines\`" "$(seconds "$binary" classify --no-cache --lines --format jsonl "$work/lines.txt")" "$lines"
    row "$round" "\`predict\`, one process" "$(seconds sh -c "\"$binary\" predict --no-cache --format jsonl <\"$work/lines.txt\"")" "$lines"
    row "$round" "Spark job, \`local[1]\`" "$(seconds job "local[1]" "$work/lines.txt")" "$lines"
    row "$round" "Spark job, \`local[2]\`" "$(seconds job "local[2]" "$work/lines.txt")" "$lines"
    row "$round" "Spark job, \`local[2]\`, 4 MB partitions" \
        "$(seconds job "local[2]" "$work/lines.txt" --conf spark.sql.files.maxPartitionBytes=4m)" "$lines"
    row "$round" "Spark job, \`local[2]\`, 100 lines (start-up)" "$(seconds job "local[2]" "$work/100.txt")" 0
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
