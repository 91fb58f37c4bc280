#!/bin/sh
# compare-material.sh: riskguide against MkDocs Material on the same text,
# as docs/benchmarks.md reports it: the weight of one recommendation page
# with everything it loads (uncached, uncompressed), the build time
# (median of 5), and whether search can load its index from file://.
# Material comes from Debian (apt-get install mkdocs mkdocs-material: 8.2.5
# on Debian 12; PyPI is not reachable here). Run from the repository root.
set -eu
command -v mkdocs >/dev/null || { echo "needs mkdocs and mkdocs-material (apt-get install -y --no-install-recommends mkdocs mkdocs-material)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/riskguide" ./cmd/riskguide
"$tmp/riskguide" new "$tmp/src" >/dev/null
python3 bench/material/tomkdocs.py "$tmp/src" "$tmp/mk"
rec=$(sed -n 's/^  - id: //p' "$tmp/src/content/expected-results/"*.yaml | head -1)

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
runs() { # runs CMD...: median wall time of 5 runs, in seconds
  for i in 1 2 3 4 5; do
    s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
    echo "$e - $s" | bc
  done | median | xargs printf '%.2f'
}
# weight PAGE: the page and every local file it links with src= or
# rel=stylesheet/href to .css/.js (what a first visit downloads).
weight() {
  page=$1; dir=$(dirname "$page"); total=$(stat -c %s "$page")
  for ref in $(grep -o -E '(src|href)="[^"#?]+\.(js|css)[^"]*"' "$page" | sed -E 's/^(src|href)="//; s/[?"].*//' | sort -u); do
    f="$dir/$ref"; [ -f "$f" ] && total=$((total + $(stat -c %s "$f")))
  done
  echo $((total / 1024))
}
rg_time=$(runs "$tmp/riskguide" build --source "$tmp/src" --out "$tmp/rgout" --force)
mk_time=$(cd "$tmp/mk" && runs mkdocs build -q -d "$tmp/mkout")
(cd "$tmp/mk" && mkdocs build -q -d "$tmp/mkout")
rg_w=$(weight "$tmp/rgout/recommendations/$rec/index.html")
mk_w=$(weight "$tmp/mkout/recommendations/$rec.html")
# Search from file://: riskguide loads its index with <script> tags;
# Material fetches search/search_index.json, which file:// refuses.
rg_s=$(grep -q 'createElement(.script.)' "$tmp/rgout/assets/js/search.js" && echo "works (<script>)" || echo "?")
mk_s=$(ls "$tmp/mkout/search/search_index.json" >/dev/null 2>&1 && echo "fails (fetch of search_index.json)" || echo "?")
echo "| | riskguide | MkDocs Material $(dpkg-query -W -f='${Version}' mkdocs-material 2>/dev/null) |"
echo "| --- | ---: | ---: |"
echo "| recommendation page, uncached | $rg_w kB | $mk_w kB |"
echo "| build, median of 5 | $rg_time s | $mk_time s |"
echo "| search from file:// | $rg_s | $mk_s |"
