#!/usr/bin/env bash
# Whole processes against PyTorch, side by side in one run (each timed from start to
# exit, so start-up, reading, tokenizing and writing count on both sides):
#   - classify: `sentiment classify --lines --no-cache` with the default model over the
#     first 20,000 SST-2 train sentences, against scripts/torch_whole.py classify, which
#     loads the same model file into PyTorch and classifies the same lines;
#   - train: one epoch of SST-2 train with the engine bench's network (Embedding 128,
#     BiLSTM H 128, last states, batch 64, Adam 0.002, clipping 5), against
#     scripts/torch_whole.py train (the same network and batching in PyTorch, 2 threads).
#     Ours also scores SST-2 dev after the epoch and fits the temperature (PyTorch's does
#     neither), so the ratio is if anything in PyTorch's favour;
#   - train-sparse (with SPARSE=1): the same epoch with the embedding stepped only on the
#     rows each batch uses, `sentiment train --sparse-adam` against torch_whole.py train
#     --sparse (SparseAdam), both sides changing rule together.
#
#   scripts/bench-whole.sh [DATA_DIR]     (default ../shared/data; needs sst2/train.tsv, dev.tsv)
#
# Environment: SPARSE (1: add the train-sparse rows), PYTHON (with torch, safetensors; default ../venv/bin/python beside the
# repository), REPEATS (runs per side, default 3; medians), BIN (default: the
# self-contained binary scripts/build-portable.sh makes; set it to .build/release/sentiment
# to time that one).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$root/../shared/data}"
python="${PYTHON:-$root/../venv/bin/python}"
repeats="${REPEATS:-3}"
if [[ -z "${BIN:-}" ]]; then
    "$root/scripts/build-portable.sh" >&2
    BIN="$root/dist/sentiment"
fi
model="$root/Sources/CDefaultModel/model/default.safetensors"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

awk -F'\t' 'NR > 1 && NR <= 20001 { sub(/^[^\t]*\t/, ""); print }' "$data/sst2/train.tsv" > "$work/sst2-20k.txt"
# The kernel set OpenBLAS runs in this binary (OPENBLAS_CORETYPE, or its own choice, or
# the one `sentiment` makes for it): a two-sentence engine bench reports it.
printf 'label\ttext\n1\tgood film\n0\tbad film\n' > "$work/two.tsv"
kernels=$("$BIN" bench engine --data "$work/two.tsv" --train-steps 1 --batch-size 2 --inference-sentences 2 \
              --inference-batch-size 2 --single-sentences 1 |
          "$python" -c 'import json, sys; r = json.load(sys.stdin); print(r["blas_kernels"], "chosen by", r["blas_kernels_chosen_by"])')
echo "== $(wc -l < "$work/sst2-20k.txt") sentences to classify; $(($(wc -l < "$data/sst2/train.tsv") - 1)) to train on;" \
     "binary $BIN; OpenBLAS kernels $kernels (OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset});" \
     "load average $(cut -d' ' -f1-3 /proc/loadavg)"

seconds() {   # command… → wall seconds of one run
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# train JOB [--sparse]: one epoch on each side (the sparse rule on both with --sparse),
# each side's seconds appended to $work/JOB.ours and $work/JOB.torch.
train() {
    local job="$1"; shift
    seconds "$BIN" train --train "$data/sst2/train.tsv" --dev "$data/sst2/dev.tsv" --epochs 1 ${1:+--sparse-adam} \
        --embedding-dim 128 --hidden 128 --pool last --batch-size 64 --no-cache -o "$work/ours.safetensors" >> "$work/$job.ours"
    seconds "$python" "$root/scripts/torch_whole.py" train "$@" "$data/sst2/train.tsv" "$work/torch.pt" >> "$work/$job.torch"
    rm -f "$work/ours.safetensors"
    echo "run $run: $job $(tail -1 "$work/$job.ours") s vs $(tail -1 "$work/$job.torch") s" >&2
}

jobs=(classify train)
[[ "${SPARSE:-0}" == 1 ]] && jobs+=(train-sparse)
for run in $(seq "$repeats"); do
    seconds "$BIN" classify --lines --no-cache -o "$work/ours.tsv" "$work/sst2-20k.txt" >> "$work/classify.ours"
    seconds "$python" "$root/scripts/torch_whole.py" classify "$model" "$work/sst2-20k.txt" "$work/torch.tsv" >> "$work/classify.torch"
    echo "run $run: classify $(tail -1 "$work/classify.ours") s vs $(tail -1 "$work/classify.torch") s" >&2
    train train
    [[ "${SPARSE:-0}" == 1 ]] && train train-sparse --sparse
done
# The two sides agree on the labels (same weights; tokenizers differ at the edges).
paste <(tail -n +2 "$work/ours.tsv" | cut -f3) <(cut -f1 "$work/torch.tsv") | awk -F'\t' '$1 == $2 { same++ } END { printf "labels agreeing with PyTorch'"'"'s: %.2f%% of %d\n", 100 * same / NR, NR }'

echo "| whole process | ours (median s) | PyTorch (median s) | ratio |"
echo "|---|---:|---:|---:|"
for job in "${jobs[@]}"; do
    ours=$(median < "$work/$job.ours")
    torch=$(median < "$work/$job.torch")
    awk -v j="$job" -v o="$ours" -v t="$torch" 'BEGIN { printf "| %s | %.2f | %.2f | %.1fx |\n", j, o, t, t / o }'
done
