#!/usr/bin/env bash
# Renders `sentiment explain --format html` for three real sentences and screenshots the
# page with headless Chromium, so the picture can be looked at before it is called done:
#   scripts/render-explain.sh [PNG]      (default /tmp/explain.png; the page is /tmp/explain.html)
# The PNG stays out of git: at 1200×1400 it is near 290 KB.
# Needs chromium (Debian's package: `apt-get install chromium`).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
png="${1:-/tmp/explain.png}"
page=/tmp/explain.html
command -v chromium >/dev/null || { echo "render-explain.sh: needs chromium (apt-get install chromium)" >&2; exit 2; }
swift build -c release --package-path "$root" >&2
"$root/.build/release/sentiment" explain --format html -o "$page" \
    "not bad at all" \
    "great cast but a dull plot" \
    "just watched it twice 😍 the soundtrack alone is worth it"
mkdir -p "$(dirname "$png")"
# Chromium prints D-Bus complaints on a machine without a session bus: keep only failures.
chromium --headless --no-sandbox --hide-scrollbars --screenshot="$png" --window-size=1200,1400 "file://$page" 2>/dev/null \
    || { echo "render-explain.sh: chromium could not render $page" >&2; exit 1; }
[ -s "$png" ] || { echo "render-explain.sh: chromium wrote no $png" >&2; exit 1; }
echo "$page → $png ($(wc -c < "$png") bytes)" >&2
