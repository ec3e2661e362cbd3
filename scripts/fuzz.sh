#!/usr/bin/env bash
# libFuzzer targets for the parsers (Tests/Fuzz/Targets/NAME.swift), the way OSS-Fuzz
# projects run them.
#
#   scripts/fuzz.sh --list              the targets
#   scripts/fuzz.sh --build-all         build every target (CI: so none of them rots)
#   scripts/fuzz.sh TARGET [SECONDS]    build TARGET and fuzz it for SECONDS (default 60)
#                                       from its seeds in Tests/Fuzz/Corpus/TARGET
#                                       (FUZZ_RUNS=N: stop after N inputs if sooner)
#   scripts/fuzz.sh TARGET --run FILE…  run TARGET once on each FILE (a crash to reproduce)
#
# SwiftPM cannot build a library with one sanitizer and link it into an executable
# without a `main`, so this script compiles the modules the targets need (Files, Text,
# Vocabulary, Corpus, Tensor, NN, Model and the C shims) with swiftc/clang and
# `-sanitize=fuzzer,address` into .build-fuzz/ (git-ignored), one static library per
# module, rebuilt only when a source is newer. CDefaultModel is compiled from a copy
# away from model/, so `#embed` finds no model and the targets carry none (8.8 MB less
# to instrument; nothing here loads the embedded model).
#
# A fuzzing run works on a scratch corpus, .build-fuzz/corpus/TARGET, into which the
# committed seeds are copied first (they are never written to); what a run finds there
# is kept for the next run. Crashes land in .build-fuzz/artifacts/TARGET/. One fuzzing
# process per run (the machines are shared), -timeout=1 (a slower input is a bug),
# -rss_limit_mb=2048; the exit status is 1 when the run found a crash, leak or timeout.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/.build-fuzz
targets_dir=Tests/Fuzz/Targets
seeds_dir=Tests/Fuzz/Corpus

usage() {
    sed -n '5,10s/^# \{0,1\}//p' "$0" >&2
    exit 2
}

target_names() {
    for file in "$targets_dir"/*.swift; do basename "$file" .swift; done
}

# -------------------------------------------------------------------------------------
# Building

# True when $1 is missing or any later argument (a file) is newer than it.
stale() {
    local output=$1
    shift
    [[ -e $output ]] || return 0
    local input
    for input in "$@"; do
        [[ $input -nt $output ]] && return 0
    done
    return 1
}

sanitize=(-sanitize=fuzzer,address)
# The flags every Swift compile shares: Swift 5 mode like Package.swift, optimized
# (preconditions and bounds checks stay on: Package.swift's -Ounchecked is for release
# only), testable so targets reach internal entry points, one thread (the machine is
# shared).
swift_flags=(
    -swift-version 5 -parse-as-library -O -g -enable-testing -wmo -num-threads 1
    "${sanitize[@]}" -I "$out/lib"
    -Xcc -fmodule-map-file="$out/include/CICU/module.modulemap"
    -Xcc -fmodule-map-file="$out/include/CKernels/module.modulemap"
    -Xcc -fmodule-map-file="$out/include/CDefaultModel/module.modulemap"
    -Xcc -fmodule-map-file="$root/Sources/CBLAS/module.modulemap"
)
c_flags=(-O1 -g -fsanitize=address,fuzzer-no-link)
link_flags=()

# Module maps for the C targets (SwiftPM writes these itself), and pkg-config's view of
# OpenBLAS, whose header directory differs between distributions.
prepare() {
    mkdir -p "$out/include" "$out/obj" "$out/lib" "$out/bin"
    local module header
    for module in CICU:cicu.h CKernels:ckernels.h CDefaultModel:cdefaultmodel.h; do
        header=$root/Sources/${module%%:*}/include/${module#*:}
        mkdir -p "$out/include/${module%%:*}"
        printf 'module %s {\n    header "%s"\n    export *\n}\n' "${module%%:*}" "$header" \
            >"$out/include/${module%%:*}/module.modulemap"
    done
    local flag
    for flag in $(pkg-config --cflags openblas); do swift_flags+=(-Xcc "$flag"); done
    for flag in $(pkg-config --libs-only-L openblas); do link_flags+=("$flag"); done
    link_flags+=(-lopenblas -licuuc -licui18n -licudata -use-ld=lld)
}

build_c() {
    local name=$1 source=$2 output=$out/obj/$1.o
    shift 2
    if stale "$output" "$source" "$0"; then
        echo "fuzz: compiling $name" >&2
        clang -c "${c_flags[@]}" "$@" "$source" -o "$output"
    fi
}

# A Swift module as a static library plus its .swiftmodule; $2… are the modules it
# imports (a rebuilt dependency rebuilds it).
build_module() {
    local name=$1
    shift
    local sources=("$root/Sources/$name"/*.swift)
    local dependencies=() dependency
    for dependency in "$@"; do dependencies+=("$out/lib/lib$dependency.a"); done
    if stale "$out/lib/lib$name.a" "${sources[@]}" "${dependencies[@]}" "$0"; then
        echo "fuzz: compiling $name" >&2
        swiftc "${swift_flags[@]}" -module-name "$name" \
            -emit-module -emit-module-path "$out/lib/$name.swiftmodule" \
            -emit-library -static -o "$out/lib/lib$name.a" "${sources[@]}"
    fi
}

build_libraries() {
    prepare
    build_c cicu Sources/CICU/cicu.c -ISources/CICU/include
    for kernel in "${kernels[@]}"; do
        build_c "$kernel" "Sources/CKernels/$kernel.c" -ISources/CKernels/include
    done
    cp -p Sources/CDefaultModel/default_model.c "$out/obj/default_model.c"
    build_c default_model "$out/obj/default_model.c" -std=c2x -ISources/CDefaultModel/include
    build_module Files
    build_module Text
    build_module Vocabulary Text Files
    build_module Corpus Text Files
    build_module Tensor
    build_module NN Tensor
    build_module Model NN Vocabulary Corpus Files
}

libraries=(Model NN Tensor Corpus Vocabulary Text Files)
# Every C file of Sources/CKernels (the shared kernels and one file per recurrent cell).
kernels=()
for kernel in Sources/CKernels/*.c; do kernels+=("$(basename "$kernel" .c)"); done

build_target() {
    local name=$1
    local source=$targets_dir/$name.swift
    [[ -f $source ]] || { echo "fuzz: no target '$name' (scripts/fuzz.sh --list)" >&2; exit 2; }
    local support=(Tests/Fuzz/Support/*.swift)
    local archives=() library
    for library in "${libraries[@]}"; do archives+=("$out/lib/lib$library.a"); done
    if stale "$out/bin/$name" "$source" "${support[@]}" "${archives[@]}" "$0"; then
        echo "fuzz: linking $name" >&2
        local objects=("$out/obj/cicu.o" "$out/obj/default_model.o") kernel
        for kernel in "${kernels[@]}"; do objects+=("$out/obj/$kernel.o"); done
        # From obj/: with -g, swiftc leaves the executable's .swiftmodule in the current
        # directory.
        (cd "$out/obj" && swiftc "${swift_flags[@]}" -module-name "fuzz_${name//-/_}" \
            "$root/$source" "${support[@]/#/$root/}" \
            -L "$out/lib" "${libraries[@]/#/-l}" "${objects[@]}" "${link_flags[@]}" -o "$out/bin/$name")
    fi
}

# -------------------------------------------------------------------------------------
# Running

run_target() {
    local name=$1 seconds=$2
    local corpus=$out/corpus/$name artifacts=$out/artifacts/$name/ log=$out/logs/$name.log
    mkdir -p "$corpus" "$artifacts" "$out/logs"
    if [[ -d $seeds_dir/$name ]]; then cp -n "$seeds_dir/$name"/* "$corpus"/ 2>/dev/null || true; fi
    local before
    before=$(find "$artifacts" -type f | wc -l)
    echo "fuzz: $name for ${seconds}s (corpus $corpus, log $log)" >&2
    local status=0
    # Swift's own crash backtracer faults under ASan; libFuzzer reports the crash.
    SWIFT_BACKTRACE=enable=no "$out/bin/$name" "$corpus" -max_total_time="$seconds" ${FUZZ_RUNS:+-runs="$FUZZ_RUNS"} -timeout=1 -rss_limit_mb=2048 \
        -artifact_prefix="$artifacts" -print_final_stats=1 >"$log" 2>&1 || status=$?
    local runs rate
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    if [[ -z $runs ]]; then
        # A crash ends the run before the final stats; the last status line has the count.
        runs=$(grep -oE '^#[0-9]+' "$log" | tail -n 1 | tr -d '#' || true)
    fi
    echo "$name: ${runs:-?} executions, ${rate:-?} exec/s, corpus $(find "$corpus" -type f | wc -l) files"
    local after
    after=$(find "$artifacts" -type f | wc -l)
    if (( status != 0 || after > before )); then
        grep -E 'ERROR|SUMMARY|fuzz check failed|Fatal error|Test unit written' "$log" | head -n 20 >&2 || true
        echo "$name: FAILED (status $status); full log: $log" >&2
        return 1
    fi
}

# -------------------------------------------------------------------------------------

[[ $# -ge 1 ]] || usage
case $1 in
    --list)
        target_names
        ;;
    --build-all)
        build_libraries
        for name in $(target_names); do build_target "$name"; done
        echo "fuzz: built $(target_names | wc -l) targets in $out/bin" >&2
        ;;
    -h | --help)
        usage
        ;;
    -*)
        usage
        ;;
    *)
        name=$1
        [[ -f $targets_dir/$name.swift ]] || { echo "fuzz: no target '$name' (scripts/fuzz.sh --list)" >&2; exit 2; }
        build_libraries
        build_target "$name"
        if [[ ${2:-} == --run ]]; then
            shift 2
            SWIFT_BACKTRACE=enable=no exec "$out/bin/$name" "$@"
        fi
        seconds=${2:-60}
        [[ $seconds =~ ^[0-9]+$ ]] || usage
        run_target "$name" "$seconds"
        ;;
esac
