#!/usr/bin/env bash
# Contact sheets of the rendered samples (run `npm run samples` first): one PNG per template in
# docs/contact-sheets, its pages side by side at 40 dpi under the template's id, for looking at the
# documents a legal officer would sign. Needs pdftoppm (poppler-utils, scripts/test-deps.sh) and
# ImageMagick's montage (`apt-get install imagemagick`), tools for looking, not for the product.
set -euo pipefail
out=${1:-docs/contact-sheets}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
for pdf in out/samples/*.pdf; do
  id=$(basename "$pdf" .pdf)
  pdftoppm -r 40 -png "$pdf" "$work/$id"
  montage "$work/$id"-*.png -tile x1 -geometry +6+6 -background '#888' -title "$id" "$out/$id.png"
  rm -f "$work/$id"-*.png
done
echo "$(ls "$out"/*.png | wc -l) contact sheets in $out"
