#!/usr/bin/env bash
# Runs examples/spark/classify.py on Spark itself (local[2]) and checks what it wrote
# against `sentiment classify` over the same texts:
#
#   1. 50,000 lines (scripts/corpus_lines.py, from corpora/demo) as a text file read in
#      1 MB partitions (six) → Parquet (the default), against `classify --lines`;
#   2. 2,000 JSONL rows, 187 of whose texts hold line breaks (LF, CRLF, CR) and two
#      empty or null → CSV, against `classify --text-column text` on those rows, which
#      reads each text whole, line breaks and all; one input partition, so the job
#      splits it in two, in order (the shuffle path);
#   3. the same rows as an RFC 4180 CSV file (line breaks inside quoted fields) → JSONL,
#      with a model of our own shipped beside the binary (`--model`: one epoch on
#      corpora/demo/train.tsv), against classify with that model;
#   4. a binary that fails on an executor fails the job with the binary's own message.
#
# Each check (scripts/check_spark_output.py): one output row per input row, read in the
# output parts' order the `row` keys run 0, 1, 2, … (order kept), the input's columns
# unchanged, and label, confidence and every probability equal to classify's.
#
# It installs what it needs: the system libraries (scripts/install-deps.sh), then
# (scripts/spark-env.sh) Java 17 from Debian's packages if no Java 17 or later is found,
# and PySpark from PyPI into .spark-venv/ (git-ignored). It builds dist/sentiment
# (scripts/build-portable.sh) and uses it for the references too
# (scripts/test-portable.sh shows that it answers exactly as the normal build does). Spark stays on this machine: the driver binds to 127.0.0.1 and
# the web UI is off. Ends with `test-spark: N passed, N failed`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
started=$SECONDS
lines=${SPARK_TEST_LINES:-50000}

step() { printf '[%4ds] %s\n' $((SECONDS - started)) "$*"; }

scripts/install-deps.sh

step "Java and PySpark"
source scripts/spark-env.sh

step "building dist/sentiment"
scripts/build-portable.sh
binary=$root/dist/sentiment
step "java $(java_major), PySpark $("$venv/bin/python" -c 'import pyspark; print(pyspark.__version__)'), $binary"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
verdict() {
    if [[ $1 -eq 0 ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $2" >&2; fi
}

# submit NAME CONF JOB-ARGUMENTS…: spark-submit with what every run here shares, and
# CONF (key=value) if not empty; its log goes to $work/NAME.log.
submit() {
    local name=$1 conf=$2
    shift 2
    spark-submit --master "local[2]" --conf spark.ui.enabled=false --conf spark.driver.host=127.0.0.1 \
        ${conf:+--conf "$conf"} examples/spark/classify.py --binary "$binary" "$@" >"$work/$name.log" 2>&1
}
show_log() { grep -vE ' INFO |^WARNING: Using incubator|log4j2-defaults' "$work/$1.log" | tail -n 30 >&2; }

# --- 1. text → Parquet -------------------------------------------------------------
python3 scripts/corpus_lines.py "$lines" -o "$work/lines.txt"
"$binary" classify --no-cache --lines --format jsonl "$work/lines.txt" >"$work/lines.reference" 2>/dev/null
step "1. $lines lines → Parquet on local[2], read in 1 MB partitions"
status=0
submit lines spark.sql.files.maxPartitionBytes=1m "$work/lines.txt" "$work/lines.out" \
    || { status=$?; show_log lines; }
[[ $status -eq 0 ]] && { "$venv/bin/python" scripts/check_spark_output.py "$work/lines.out" parquet \
    "$work/lines.txt" "$work/lines.reference" --lines 2>"$work/check.log" || { status=$?; show_log check; }; }
verdict "$status" "text → Parquet"

# --- 2. JSONL with line breaks → CSV ------------------------------------------------
python3 scripts/corpus_lines.py 2000 --format jsonl -o "$work/rows.jsonl"
# classify reads a null text as an error and an empty one as blank; the job, both as blank.
sed 's/"text": null/"text": ""/' "$work/rows.jsonl" >"$work/rows-for-classify.jsonl"
"$binary" classify --no-cache --text-column text --format jsonl "$work/rows-for-classify.jsonl" \
    >"$work/rows.reference" 2>/dev/null
step "2. 2000 JSONL rows with line breaks → CSV"
status=0
submit rows-jsonl "" "$work/rows.jsonl" "$work/rows-jsonl.out" --format jsonl --output-format csv \
    || { status=$?; show_log rows-jsonl; }
[[ $status -eq 0 ]] && { python3 scripts/check_spark_output.py "$work/rows-jsonl.out" csv \
    "$work/rows.jsonl" "$work/rows.reference" --blank-is-null || status=$?; }
verdict "$status" "JSONL → CSV"

# --- 3. CSV with quoted line breaks → JSONL -----------------------------------------
python3 - "$work/rows.jsonl" "$work/rows.csv" <<'EOF'
import csv, json, sys
with open(sys.argv[1], encoding="utf-8") as source, open(sys.argv[2], "w", encoding="utf-8", newline="") as target:
    writer = csv.writer(target, lineterminator="\n")
    writer.writerow(["id", "text"])
    for line in source:
        row = json.loads(line)
        writer.writerow([row["id"], "" if row["text"] is None else row["text"]])
EOF
"$binary" train --no-cache --train corpora/demo/train.tsv --epochs 1 -o "$work/demo.safetensors" >/dev/null 2>&1
"$binary" classify --no-cache --model "$work/demo.safetensors" --text-column text --format jsonl \
    "$work/rows-for-classify.jsonl" >"$work/rows-demo.reference" 2>/dev/null
step "3. the same rows as CSV → JSONL, with --model"
status=0
submit rows-csv "" "$work/rows.csv" "$work/rows-csv.out" --format csv --output-format jsonl \
    --model "$work/demo.safetensors" || { status=$?; show_log rows-csv; }
[[ $status -eq 0 ]] && { python3 scripts/check_spark_output.py "$work/rows-csv.out" jsonl \
    "$work/rows.jsonl" "$work/rows-demo.reference" --blank-is-null || status=$?; }
verdict "$status" "CSV → JSONL, --model"

# --- 4. a failing binary ------------------------------------------------------------
# A stand-in that answers a short input (the job's one-line probe on the driver) with the
# real binary, and runs the real binary with a model file that does not exist for a
# longer one (an executor's partition): the job must fail with that binary's message.
cat >"$work/failing-sentiment" <<EOF
#!/usr/bin/env bash
input=\$(mktemp)
trap 'rm -f "\$input"' EXIT
cat >"\$input"
if [[ \$(wc -l <"\$input") -le 1 ]]; then "$binary" "\$@" <"\$input"; exit; fi
"$binary" "\$@" --model "$work/no-such-model.safetensors" <"\$input"
EOF
chmod +x "$work/failing-sentiment"
step "4. a binary that fails on the executors"
status=0
if submit failing "" "$work/rows.jsonl" "$work/failing.out" --format jsonl --binary "$work/failing-sentiment"; then
    echo "the job succeeded with a failing binary" >&2
    status=1
elif ! grep -q "failing-sentiment predict exited with status 2 after answering 0 of 1000 lines of this partition: sentiment: $work/no-such-model.safetensors: cannot read model file: no such file" "$work/failing.log"; then
    echo "the job failed without the binary's message:" >&2
    show_log failing
    status=1
else
    grep -m1 -o "failing-sentiment predict exited.*no such file" "$work/failing.log"
fi
verdict "$status" "a failing binary"

step "done"
echo "test-spark: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
