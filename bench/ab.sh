#!/usr/bin/env bash
# Builds one source with several variants of riskguide, taking turns (one
# run of each, then again), and prints for each the median wall time, the
# median CPU time (user + system), the median peak memory (maximum resident
# set) and the ratios to the first variant. Taking turns spreads the load of
# a shared machine over all variants alike; CPU time varies less than wall
# time when other work competes for the cores.
#
#   bench/ab.sh RUNS SOURCE 'NAME=COMMAND' ...
#
# COMMAND is run as `COMMAND build --source SOURCE --out OUT`, for example
#   bench/ab.sh 7 /dev/shm/src-10000 'now=./riskguide' 'gogc100=env GOGC=100 ./riskguide'
# Output goes to a folder beside SOURCE (on tmpfs if SOURCE is). Needs GNU
# time (apt-get install -y time).
set -euo pipefail
runs=$1 src=$2
shift 2
out="$src.ab-out"
names=() cmds=()
for v in "$@"; do names+=("${v%%=*}"); cmds+=("${v#*=}"); done
load0=$(cut -d" " -f1-3 /proc/loadavg)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$out"' EXIT
for ((i = 0; i < runs; i++)); do
  for k in "${!names[@]}"; do
    rm -rf "$out"
    # shellcheck disable=SC2086
    /usr/bin/time -f '%e %M %U %S' -o "$tmp/t" ${cmds[$k]} build --source "$src" --out "$out" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
    awk '{printf "%s %.2f %s\n", $1, $3 + $4, $2}' "$tmp/t" >>"$tmp/${names[$k]}"
  done
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
printf '%-14s %8s %8s %9s  %s\n' variant "wall s" "CPU s" "RSS MB" "ratio to ${names[0]} (wall CPU RSS)"
for k in "${!names[@]}"; do
  f="$tmp/${names[$k]}" f0="$tmp/${names[0]}"
  w=$(cut -d' ' -f1 "$f" | median) c=$(cut -d' ' -f2 "$f" | median) m=$(cut -d' ' -f3 "$f" | median)
  w0=$(cut -d' ' -f1 "$f0" | median) c0=$(cut -d' ' -f2 "$f0" | median) m0=$(cut -d' ' -f3 "$f0" | median)
  awk -v n="${names[$k]}" -v w="$w" -v c="$c" -v m="$m" -v w0="$w0" -v c0="$c0" -v m0="$m0" \
    'BEGIN {printf "%-14s %8.2f %8.2f %9.0f  %.2f %.2f %.2f\n", n, w, c, m/1024, w/w0, c/c0, m/m0}'
done
echo "runs: $runs each; load average (1, 5, 15 min) before: $load0, after: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
