#!/usr/bin/env bash
# Builds the same synthetic guidance with riskguide and with Hugo, alternately,
# several times at each size, and prints the median wall time, the ratio,
# the median CPU time (user and system: on a shared, busy machine it varies
# less than wall time), the peak memory (maximum resident set) and the
# output size of each; then the weight of the pages a reader loads: the
# median recommendation page, the self-assessment page (and the median part
# of a form in parts), the search index
# and the print edition.
#
#   bench/compare.sh [RUNS] [N ...]      default: 5 runs at 500 10000 50000
#
# Needs Debian's hugo and GNU time (apt-get install -y hugo time) and the
# shared generator ../shared/bench/gen.py (or set GEN). Output goes to
# BENCH_DIR (default: a folder on tmpfs, /dev/shm, so that the machine's disk
# does not dominate; set BENCH_DIR to measure on disk). Both tools always
# write to the same file system.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(500 10000 50000)
gen="${GEN:-$(pwd)/../shared/bench/gen.py}"
base="${BENCH_DIR:-/dev/shm/riskguide-bench}"
mkdir -p "$base"
go build -o "$base/riskguide" ./cmd/riskguide
echo "load average (1, 5, 15 min) at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "riskguide $("$base/riskguide" version | cut -d' ' -f2), $(hugo version | cut -d' ' -f1-2), $(nproc) cores, output on $(df --output=fstype "$base" | tail -1)"
printf '%7s  %-9s  %9s  %9s  %9s  %10s  %9s\n' N tool "median s" "min s" "CPU s" "max RSS MB" "output MB"

# measure OUT CMD...: one run; prints "seconds kilobytes cpu-seconds"
measure() {
  local out=$1; shift
  rm -rf "$out"
  /usr/bin/time -f '%e %M %U %S' -o "$base/time.txt" "$@" >/dev/null 2>"$base/err.txt" || { cat "$base/err.txt" >&2; exit 1; }
  awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' "$base/time.txt"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

for n in "${sizes[@]}"; do
  src="$base/src-$n" hsrc="$base/hugo-$n"
  [ -d "$src" ] || python3 "$gen" --recs "$n" --out "$src" >/dev/null 2>&1
  [ -d "$hsrc" ] || python3 "$gen" --hugo --recs "$n" --out "$hsrc" >/dev/null 2>&1
  : >"$base/rg.txt"; : >"$base/hugo.txt"
  for ((i = 0; i < runs; i++)); do
    measure "$base/out-rg" "$base/riskguide" build --source "$src" --out "$base/out-rg" >>"$base/rg.txt"
    measure "$base/out-hugo" hugo --quiet -s "$hsrc" -d "$base/out-hugo" >>"$base/hugo.txt"
  done
  rg_med=$(cut -d' ' -f1 "$base/rg.txt" | median); hugo_med=$(cut -d' ' -f1 "$base/hugo.txt" | median)
  for tool in rg hugo; do
    name=$([ $tool = rg ] && echo riskguide || echo hugo)
    out=$([ $tool = rg ] && echo "$base/out-rg" || echo "$base/out-hugo")
    printf '%7s  %-9s  %9s  %9s  %9s  %10s  %9s\n' "$n" "$name" \
      "$(cut -d' ' -f1 "$base/$tool.txt" | median)" \
      "$(cut -d' ' -f1 "$base/$tool.txt" | sort -n | head -1)" \
      "$(cut -d' ' -f3 "$base/$tool.txt" | median)" \
      "$(cut -d' ' -f2 "$base/$tool.txt" | sort -n | tail -1 | awk '{printf "%.0f", $1/1024}')" \
      "$(du -sm "$out" | cut -f1)"
  done
  rg_rss=$(cut -d' ' -f2 "$base/rg.txt" | sort -n | tail -1); hugo_rss=$(cut -d' ' -f2 "$base/hugo.txt" | sort -n | tail -1)
  awk -v a="$rg_med" -v b="$hugo_med" -v c="$rg_rss" -v d="$hugo_rss" -v n="$n" \
    'BEGIN {printf "%7s  riskguide/hugo: time %.2f, peak memory %.2f\n", n, a/b, c/d}'
  # Page weight, in kB: the median page of each kind, and whole files.
  kb() { awk '{printf "%.1f", $1/1000}'; }
  medsize() { find "$@" -name index.html -printf '%s\n' | median | kb; }
  echo "$n  page weight kB: recommendation $(medsize "$base/out-rg/recommendations")" \
    "(hugo $(find "$base/out-hugo/results" -mindepth 2 -name index.html -printf '%s\n' | median | kb))," \
    "self-assessment $(stat -c %s "$base/out-rg/self-assessment/index.html" | kb)" \
    "(median part $(find "$base/out-rg/self-assessment" -mindepth 2 -name index.html -printf '%s\n' | median | kb))," \
    "search index $(du -sb "$base/out-rg/search" | cut -f1 | kb) in $(find "$base/out-rg/search" -type f | wc -l) files," \
    "print $(stat -c %s "$base/out-rg/print/index.html" | kb);" \
    "files: riskguide $(find "$base/out-rg" -type f | wc -l), hugo $(find "$base/out-hugo" -type f | wc -l)"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
