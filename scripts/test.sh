#!/usr/bin/env bash
# The test command: installs what a fresh machine lacks, then builds and runs the whole
# suite (XCTest; the package has no Swift Testing tests) and ends with one summary line,
# `tests: N passed, N failed, N skipped`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --tests
swift build --build-tests
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
swift test --skip-build --disable-swift-testing "$@" 2>&1 | tee "$log" || status=$?
# XCTest's last "Executed N tests, with [K tests skipped and] F failures" line is the total.
summary=$(grep -E '^[[:space:]]*Executed [0-9]+ tests?, with' "$log" | tail -n 1 || true)
if [[ -z "$summary" ]]; then
    echo "tests: no test ran" >&2
    exit $(( status == 0 ? 1 : status ))
fi
executed=$(sed -E 's/.*Executed ([0-9]+) tests?.*/\1/' <<<"$summary")
failed=$(sed -E 's/.* ([0-9]+) failures?.*/\1/' <<<"$summary")
skipped=0
if grep -qE '[0-9]+ tests? skipped' <<<"$summary"; then
    skipped=$(sed -E 's/.* ([0-9]+) tests? skipped.*/\1/' <<<"$summary")
fi
echo "tests: $((executed - failed - skipped)) passed, $failed failed, $skipped skipped"
exit "$status"
