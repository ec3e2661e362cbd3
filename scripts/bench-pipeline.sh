#!/usr/bin/env bash
# Pipeline benchmarks in one go (release build): cold start against PyTorch, classify
# throughput with a cold and a warm cache, classify's peak memory against the input's
# length, predict latency for lines arriving one at a time, predict throughput under a
# burst.
#
# Usage: scripts/bench-pipeline.sh [IMDB_TEST_TSV] [PYTHON]
#   IMDB_TEST_TSV  default ../shared/data/imdb/test.tsv (label<TAB>text, with a header)
#   PYTHON         default ../venv/bin/python beside the repository (torch, safetensors)
# Needs hyperfine. The review texts go to a temporary folder, removed at the end.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
imdb="${1:-$root/../shared/data/imdb/test.tsv}"
python="${2:-$root/../venv/bin/python}"
model="$root/Sources/CDefaultModel/model/default.safetensors"

swift build -c release --package-path "$root" --product sentiment >&2
bin="$root/.build/release/sentiment"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Text column only, one review per line.
tail -n +2 "$imdb" | cut -f2- > "$work/imdb.txt"
lines=$(wc -l < "$work/imdb.txt")
echo "== inputs: $lines IMDB test reviews, model $(du -h "$model" | cut -f1); load average $(cut -d' ' -f1-3 /proc/loadavg)"

# Cold start: both binaries, the self-contained one scripts/sentiment.sh runs and the
# normal release build, against PyTorch loading the same model; then `explain` of a
# 30-token sentence (32-step integrated gradients and the gate traces) and peak memory.
"$root/scripts/build-portable.sh" >&2
portable="$root/dist/sentiment"
sentence="the film starts slowly and the first hour drags, but the cast is great and the ending is so moving that I would happily watch it again, ok"
echo "== cold start: echo TEXT | sentiment predict (a seen text answered from the cache; a new one loads the model), explain, vs PyTorch"
echo "great movie" | "$bin" predict --db "$work/start.sqlite" >/dev/null   # creates the database, remembers the text
hyperfine --warmup 3 --runs 30 --export-json "$work/cold.json" \
    -n "dist: seen text (cache)" "echo 'great movie' | $portable predict --db $work/start.sqlite" \
    -n "dist: new text, --no-cache" "echo 'a brand new text' | $portable predict --no-cache" \
    -n "dist: explain, 30 tokens" "$portable explain '$sentence'" \
    -n ".build/release: seen text (cache)" "echo 'great movie' | $bin predict --db $work/start.sqlite" \
    -n ".build/release: new text, --no-cache" "echo 'a brand new text' | $bin predict --no-cache" \
    -n ".build/release: explain, 30 tokens" "$bin explain '$sentence'" \
    2>&1 | grep -v "^ *$" >/dev/null || true
hyperfine --warmup 1 --runs 5 --export-json "$work/torch.json" \
    -n "pytorch" "echo 'great movie' | $python $root/scripts/torch_cold_start.py $model" >/dev/null 2>&1 || true
"$python" - "$work/cold.json" "$work/torch.json" <<'PY'
import json, sys
results = {r["command"]: r["median"] for path in sys.argv[1:] for r in json.load(open(path))["results"]}
torch = results["pytorch"]
for name, median in results.items():
    print(f"median {name}: {median * 1000:.1f} ms" + ("" if name == "pytorch" else f"  ({torch / median:.0f}x faster than PyTorch)"))
PY
for binary in "$portable" "$bin"; do
    /usr/bin/time -f "peak memory, one new line, $binary: %M KB" sh -c "echo 'a brand new text' | $binary predict --no-cache >/dev/null"
done

echo "== classify --lines throughput ($lines reviews)"
rate() { awk -v n="$lines" -v s="$1" 'BEGIN { printf "%.0f sentences/s (%.2f s)", n / s, s }'; }
start=$(date +%s.%N)
"$bin" classify --lines --db "$work/tp.sqlite" -o /dev/null "$work/imdb.txt" 2>"$work/cold.log"
cold=$(echo "$(date +%s.%N) - $start" | bc)
echo "cold cache: $(rate "$cold")   [$(cat "$work/cold.log")]"
start=$(date +%s.%N)
"$bin" classify --lines --db "$work/tp.sqlite" -o /dev/null "$work/imdb.txt" 2>"$work/warm.log"
warm=$(echo "$(date +%s.%N) - $start" | bc)
echo "warm cache: $(rate "$warm")   [$(cat "$work/warm.log")]"
awk -v c="$cold" -v w="$warm" 'BEGIN { printf "warm / cold speed-up: %.1fx\n", c / w }'
start=$(date +%s.%N)
"$bin" classify --lines --no-cache -o /dev/null "$work/imdb.txt" 2>/dev/null
nocache=$(echo "$(date +%s.%N) - $start" | bc)
echo "no cache:   $(rate "$nocache")"

# Memory must not grow with the input: the pipeline keeps a bounded number of chunks in
# flight, so a tenth of the file and all of it should peak at about the same RSS.
echo "== classify --lines --no-cache peak memory, a tenth of the reviews against all of them"
head -$((lines / 10)) "$work/imdb.txt" > "$work/tenth.txt"
peak() { /usr/bin/time -f "%M" "$bin" classify --lines --no-cache -o /dev/null "$1" 2>&1 >/dev/null | tail -1; }
tenth=$(peak "$work/tenth.txt")
whole=$(peak "$work/imdb.txt")
awk -v t="$tenth" -v w="$whole" -v n="$lines" \
    'BEGIN { printf "%d reviews: %.0f MB, %d reviews: %.0f MB (%.2fx for 10x the input)\n", n / 10, t / 1024, n, w / 1024, w / t }'

echo "== predict under a burst (all reviews piped at once, --no-cache)"
start=$(date +%s.%N)
"$bin" predict --no-cache < "$work/imdb.txt" > "$work/burst.out"
burst=$(echo "$(date +%s.%N) - $start" | bc)
echo "burst: $(rate "$burst"), $(wc -l < "$work/burst.out") result lines;" \
    "$(awk -v b="$burst" -v c="$nocache" 'BEGIN { printf "%.0f%% of classify --no-cache", 100 * c / b }')"

echo "== predict latency, one line at a time (first 300 reviews, --no-cache)"
head -300 "$work/imdb.txt" > "$work/stream.txt"
"$python" - "$bin" "$work/stream.txt" <<'PY'
import statistics, subprocess, sys, time
binary, path = sys.argv[1], sys.argv[2]
process = subprocess.Popen([binary, "predict", "--no-cache"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
# A first line loads everything; it is not part of the steady state.
process.stdin.write(b"warm up\n"); process.stdin.flush(); process.stdout.readline()
latencies = []
for line in open(path, "rb"):
    start = time.perf_counter()
    process.stdin.write(line); process.stdin.flush()
    process.stdout.readline()
    latencies.append(time.perf_counter() - start)
    time.sleep(0.002)  # lines arrive one at a time, not as a burst
process.stdin.close(); process.wait()
latencies.sort()
print(f"median {statistics.median(latencies) * 1000:.2f} ms, p90 {latencies[int(0.9 * len(latencies))] * 1000:.2f} ms "
      f"over {len(latencies)} lines (write → result line read back)")
PY
