#!/usr/bin/env bash
# Contact sheets of the rendered samples (run `npm run samples` first): every page of every
# out/samples/*.pdf at 30 dpi on one PNG per group, laid out by Chromium, for looking at the
# documents together. Needs pdftoppm (poppler-utils) and chromium (scripts/test-deps.sh).
set -euo pipefail
out=${1:-docs/contact-sheets}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chromium=${CHROMIUM_PATH:-$(command -v chromium)}
sheet() { # name, then sample ids
  local name=$1
  shift
  local html="$work/$name.html" n=0
  echo '<html><body style="margin:0;background:#888;font:11px sans-serif;display:flex;flex-wrap:wrap;width:1600px">' >"$html"
  for id in "$@"; do
    pdftoppm -r 30 -png "out/samples/$id.pdf" "$work/$id"
    for page in "$work/$id"-*.png; do
      n=$((n + 1))
      echo "<figure style=\"margin:4px;background:#fff\"><img src=\"$page\" width=248><figcaption>$id p${page##*-}</figcaption></figure>" >>"$html"
    done
  done
  echo '</body></html>' >>"$html"
  local rows=$(((n + 5) / 6))
  "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --allow-file-access-from-files \
    --window-size=1600,$((rows * 375 + 10)) --screenshot="$out/$name.png" "file://$html" 2>/dev/null
  echo "$out/$name.png: $n pages"
}
letterhead=() forms=()
for f in templates/*/manifest.json; do
  id=$(basename "$(dirname "$f")")
  if grep -qE '"documentType": "(decision|notice)"' "$f"; then letterhead+=("$id"); else forms+=("$id"); fi
done
sheet samples-letterhead-1 "${letterhead[@]:0:20}"
sheet samples-letterhead-2 "${letterhead[@]:20}"
sheet samples-forms-1 "${forms[@]:0:15}"
sheet samples-forms-2 "${forms[@]:15}"
