#!/usr/bin/env bash
# The recurrent cells side by side, as the LSTM literature compares them: each cell
# (lstm, peephole, gru, rnn), forward-only and bidirectional, trained on
#   - Hochreiter & Schmidhuber's temporal-order task (`sentiment synth temporal-order`:
#     two markers far apart, the class is their order) at L = 20, 50, 100, 200, and
#   - SST-2 (sentence sentiment),
# with one table (test accuracy, epochs to reach 95% dev accuracy, seconds per epoch,
# parameters) and charts: dev accuracy per epoch, one curve per cell; and the vanishing
# gradient, ‖∂L/∂h_t‖ against the distance from the loss, for trained and untrained
# forward-only models of each cell, on a log scale.
#
#   scripts/compare-cells.sh [OUT-DIR]     (default: compare-cells/, not in git)
#
# Environment: LENGTHS ("20 50 100 200"), CELLS ("lstm peephole gru rnn"),
# DIRECTIONS ("1 2"), TRAIN_COUNT (4000), EPOCHS (20), HIDDEN (32), SST2 (path to
# sst2/ with train/dev/test.tsv; default ../shared/data/sst2; "none" skips it),
# SST2_EPOCHS (4), GRADIENT_LENGTH (100: the task whose models the gradient chart uses).
# Selection rule, fixed before any run: every model is the epoch with the best dev
# macro-F1 (train's default --metric); test accuracy is read once, from that model.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-compare-cells}
LENGTHS=${LENGTHS:-"20 50 100 200"}
CELLS=${CELLS:-"lstm peephole gru rnn"}
DIRECTIONS=${DIRECTIONS:-"1 2"}
TRAIN_COUNT=${TRAIN_COUNT:-4000}
EPOCHS=${EPOCHS:-20}
HIDDEN=${HIDDEN:-32}
SST2=${SST2:-../shared/data/sst2}
SST2_EPOCHS=${SST2_EPOCHS:-4}
GRADIENT_LENGTH=${GRADIENT_LENGTH:-100}
mkdir -p "$OUT"/{data,models,logs,curves}

swift build -c release --product sentiment >&2
BIN=$(swift build -c release --show-bin-path)/sentiment

# Data: the same three seeded splits for every cell.
for L in $LENGTHS; do
    [ -f "$OUT/data/to$L-train.tsv" ] || "$BIN" synth temporal-order --length "$L" --count "$TRAIN_COUNT" --seed 1 -o "$OUT/data/to$L-train.tsv"
    [ -f "$OUT/data/to$L-dev.tsv" ] || "$BIN" synth temporal-order --length "$L" --count 500 --seed 2 -o "$OUT/data/to$L-dev.tsv"
    [ -f "$OUT/data/to$L-test.tsv" ] || "$BIN" synth temporal-order --length "$L" --count 1000 --seed 3 -o "$OUT/data/to$L-test.tsv"
done

train() {   # name train dev test extra-args...
    local name=$1 train=$2 dev=$3 test=$4
    shift 4
    local model="$OUT/models/$name.safetensors"
    if [ -f "$model" ]; then return; fi
    echo "[$name] training" >&2
    "$BIN" train --train "$train" --dev "$dev" --test "$test" --no-cache --no-calibrate \
        --report "$OUT/curves/$name.svg" -o "$model" "$@" > "$OUT/logs/$name.log" 2>&1 \
        || { echo "[$name] failed: see $OUT/logs/$name.log" >&2; return 1; }
}

for L in $LENGTHS; do
    for cell in $CELLS; do
        for d in $DIRECTIONS; do
            train "to$L-$cell-d$d" "$OUT/data/to$L-train.tsv" "$OUT/data/to$L-dev.tsv" "$OUT/data/to$L-test.tsv" \
                --cell "$cell" --directions "$d" --hidden "$HIDDEN" --embedding-dim 8 --pool last \
                --epochs "$EPOCHS" --patience "$EPOCHS" --lr 0.003 --batch-size 32 --dropout 0 --seed 1
        done
    done
done

if [ "$SST2" != none ]; then
    for cell in $CELLS; do
        for d in $DIRECTIONS; do
            train "sst2-$cell-d$d" "$SST2/train.tsv" "$SST2/dev.tsv" "$SST2/test.tsv" \
                --cell "$cell" --directions "$d" --label-names negative,positive --epochs "$SST2_EPOCHS" --seed 1
        done
    done
fi

# The vanishing gradient: forward-only models at L = GRADIENT_LENGTH, trained and fresh.
for cell in $CELLS; do
    model="$OUT/models/to$GRADIENT_LENGTH-$cell-d1.safetensors"
    [ -f "$model" ] || continue
    "$BIN" bench gradients -m "$model" "$OUT/data/to$GRADIENT_LENGTH-test.tsv" > "$OUT/logs/gradients-$cell-trained.tsv"
    "$BIN" bench gradients -m "$model" --untrained "$OUT/data/to$GRADIENT_LENGTH-test.tsv" > "$OUT/logs/gradients-$cell-untrained.tsv"
done

python3 scripts/compare_cells_table.py "$OUT" "$BIN"
