#!/usr/bin/env bash
# The engine against PyTorch, side by side in one run: builds `sentiment` (release),
# then for each configuration runs `sentiment bench engine` and scripts/bench_torch.py
# on the same data and prints the ratio table.
#
#   scripts/bench-engine.sh [DATA.tsv]        (default: ../shared/data/sst2/train.tsv)
#
# Environment: PYTHON (with torch; default ../venv/bin/python beside the repository), SMALL_STEPS /
# LARGE_STEPS (timed training steps per configuration), REPEATS (runs per side; the
# table shows medians), CELLS (default "lstm": any of lstm peephole gru rnn; each cell
# runs the H=128 L=1 configuration, the LSTM also H=256 L=2), LARGE (0 skips H=256 L=2).
# The peephole LSTM has no PyTorch module: its reference is scripts/torch_peephole.py,
# a Python loop under autograd, so its ratio is against that loop.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:-../shared/data/sst2/train.tsv}
PYTHON=${PYTHON:-../venv/bin/python}
SMALL_STEPS=${SMALL_STEPS:-200}
LARGE_STEPS=${LARGE_STEPS:-60}
REPEATS=${REPEATS:-1}
CELLS=${CELLS:-lstm}
LARGE=${LARGE:-1}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

swift build -c release --product sentiment >&2
BIN=$(swift build -c release --show-bin-path)/sentiment

CONFIGS=()
run_config() {   # name hidden layers steps cell
    local name=$1 hidden=$2 layers=$3 steps=$4 cell=$5
    CONFIGS+=("$name")
    local common=(--data "$DATA" --hidden "$hidden" --layers "$layers" --train-steps "$steps" --cell "$cell")
    for r in $(seq 1 "$REPEATS"); do
        echo "[$name] swift run $r" >&2
        "$BIN" bench engine "${common[@]}" >> "$OUT/$name.swift"
        echo "[$name] pytorch run $r" >&2
        "$PYTHON" scripts/bench_torch.py "${common[@]}" >> "$OUT/$name.torch"
    done
}

for cell in $CELLS; do
    run_config "$cell H=128 L=1" 128 1 "$SMALL_STEPS" "$cell"
done
if [ "$LARGE" != 0 ]; then
    run_config "lstm H=256 L=2" 256 2 "$LARGE_STEPS" lstm
fi

"$PYTHON" - "$OUT" "${CONFIGS[@]}" <<'PY'
import json, os, statistics, sys
out = sys.argv[1]
configs = sys.argv[2:]
rows = [
    ("train_tokens_per_s", "training tokens/s (batch 64)", "higher", ">= 3x"),
    ("infer_tokens_per_s", "inference tokens/s (batch 256)", "higher", ">= 1.5x"),
    ("single_latency_us_median", "one sentence, median us", "lower", "<= 0.25x"),
    ("train_tokens_per_cpu_s", "training tokens per CPU-second", "higher", ""),
    ("infer_tokens_per_cpu_s", "inference tokens per CPU-second", "higher", ""),
    ("peak_rss_mb", "peak RSS MB", "lower", ""),
]
print(f"{'config':<18} {'metric':<32} {'swift':>10} {'pytorch':>10} {'ratio':>8}  target")
for name in configs:
    runs = {}
    for side in ("swift", "torch"):
        with open(os.path.join(out, f"{name}.{side}")) as f:
            runs[side] = [json.loads(line) for line in f if line.strip()]
    for key, label, better, target in rows:
        s = statistics.median(r[key] for r in runs["swift"])
        t = statistics.median(r[key] for r in runs["torch"])
        ratio = s / t
        print(f"{name:<18} {label:<32} {s:>10.1f} {t:>10.1f} {ratio:>7.2f}x  {target}")
print(f"(medians of {len(runs['swift'])} run(s) per side; vocabulary {runs['swift'][0]['vocabulary']}, "
      f"mean one-sentence length {runs['swift'][0]['single_mean_tokens']:.1f} tokens; "
      f"{runs['torch'][0]['implementation']}, torch.set_num_threads(2))")
print(f"load average during the run: {open('/proc/loadavg').read().split()[:3]} on {os.cpu_count()} CPUs; "
      f"OpenBLAS kernels: {runs['swift'][0].get('blas_kernels', '?')}, chosen by "
      f"{runs['swift'][0].get('blas_kernels_chosen_by', 'openblas')} "
      f"(OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', 'unset')})")
PY
