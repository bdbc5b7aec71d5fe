#!/usr/bin/env bash
# Throughput benchmark of renkei on the "quarterly review" workload
# (../shared/bench/WORKLOAD.md): generates the files, warms the page cache, then runs the
# baseline (a read-only encoding/csv loop, bench/csvloop) and `renkei run` with table
# outputs alternately, ROUNDS times per file, and prints the medians: wall time, MB/s,
# peak RSS (GNU time) and renkei's time as a share of the baseline's. It then checks
# that the largest file's tables are byte-identical with GOMAXPROCS=1, and that a
# Shift_JIS + CRLF copy of the 1M file gives the same tables in comparable time. One
# default run (charts and report too) on the 1M file gives the pipeline's peak memory.
#
#   bash bench/run.sh                 # 100k, 1M and 10M rows, 5 rounds (about 5 minutes)
#   ROUNDS=7 SIZES="1m" bash bench/run.sh
#   bash bench/run.sh --smoke         # 20k rows, one round: the script itself works
#
# Files go to bench-data/ (ignored by git; the 10M file is 880 MB: delete it after).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
SIZES=${SIZES:-"100k 1m 10m"}
DATA=${DATA:-bench-data}
GEN=${GEN:-../shared/bench/gen}
SMOKE=
if [ "${1:-}" = "--smoke" ]; then
  ROUNDS=1 SIZES="20k" DATA=$(mktemp -d) SMOKE=1
fi
command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time at /usr/bin/time"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"; if [ -n "$SMOKE" ]; then rm -rf "$DATA"; fi' EXIT
go build -o "$work/renkei" ./cmd/renkei
go build -o "$work/csvloop" ./bench/csvloop
mkdir -p "$DATA"

rows_of() {
  case $1 in
    *k) echo $(( ${1%k} * 1000 )) ;;
    *m) echo $(( ${1%m} * 1000000 )) ;;
  esac
}

file_of() { echo "$DATA/review_$1.csv"; }

generate() {
  local f; f=$(file_of "$1")
  if [ ! -s "$f" ]; then
    echo "== generating $f ($(rows_of "$1") rows)"
    local abs; abs="$(cd "$(dirname "$f")" && pwd)/$(basename "$f")"
    (cd "$GEN" && go run . -n "$(rows_of "$1")" -o "$abs")
  fi
}

renkei_args() { # file, out folder
  echo run --input "$1" --out "$2" --codebook internal/sample/bench/codebook.csv \
    --columns partnership=partnership_id,respondent=respondent_id --formats csv
}

# measure label command...: runs the command under GNU time, appends "seconds kib"
# to $work/<label>.
measure() {
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || {
    echo "bench: $label failed:"; cat "$work/stderr"; exit 1; }
  cat "$work/time" >> "$work/$label"
}

median() { # column of file
  awk -v c="$2" '{print $c}' "$1" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'
}

for size in $SIZES; do generate "$size"; done

printf '\n| file | rows | contender | wall s (median of %d) | MB/s | peak RSS MiB | renkei / baseline |\n' "$ROUNDS"
printf '|---|---:|---|---:|---:|---:|---:|\n'
for size in $SIZES; do
  f=$(file_of "$size")
  bytes=$(wc -c < "$f")
  cat "$f" > /dev/null # warm the page cache
  : > "$work/base-$size"; : > "$work/renkei-$size"
  for _ in $(seq "$ROUNDS"); do
    measure "base-$size" "$work/csvloop" "$f"
    rm -rf "$work/out-$size"
    # shellcheck disable=SC2046
    measure "renkei-$size" "$work/renkei" $(renkei_args "$f" "$work/out-$size")
  done
  b=$(median "$work/base-$size" 1); r=$(median "$work/renkei-$size" 1)
  bm=$(median "$work/base-$size" 2); rm_=$(median "$work/renkei-$size" 2)
  echo "$size $(rows_of "$size") $r" >> "$work/linear"
  awk -v f="$(basename "$f")" -v n="$(rows_of "$size")" -v b="$b" -v r="$r" -v bm="$bm" -v rm="$rm_" -v bytes="$bytes" 'BEGIN {
    printf "| %s | %d | read-only encoding/csv loop (baseline) | %.2f | %.0f | %.0f | |\n", f, n, b, bytes/1e6/b, bm/1024
    printf "| %s | %d | renkei run (tables) | %.2f | %.0f | %.0f | %.2f |\n", f, n, r, bytes/1e6/r, rm/1024, r/b }'
done

if [ "$(wc -l < "$work/linear")" -ge 2 ]; then
  echo
  echo "== cost per row (the start-up and output costs, which do not grow with rows, cancel out)"
  awk '{n[NR]=$2; t[NR]=$3} END {
    for (i = 2; i <= NR; i++) printf "%d → %d rows: %.1f ns per added row\n", n[i-1], n[i], (t[i]-t[i-1])/(n[i]-n[i-1])*1e9
    if (NR >= 3) printf "per-row cost of the last step / the one before: %.2f (linear: 1 ± 0.15)\n", ((t[NR]-t[NR-1])/(n[NR]-n[NR-1])) / ((t[NR-1]-t[NR-2])/(n[NR-1]-n[NR-2]))
  }' "$work/linear"
fi

last=$(echo "$SIZES" | awk '{print $NF}')
f=$(file_of "$last")
echo
echo "== $last tables with GOMAXPROCS=1"
rm -rf "$work/one"
# shellcheck disable=SC2046
GOMAXPROCS=1 "$work/renkei" $(renkei_args "$f" "$work/one") 2>/dev/null
for path in "$work/out-$last"/*.csv; do
  t=$(basename "$path")
  cmp -s "$path" "$work/one/$t" && echo "$t identical" || { echo "$t DIFFERS"; exit 1; }
done

# The default run draws the charts and the report too: its peak memory is the
# quarterly review pipeline's (below 200 MiB at 1 M rows).
case " $SIZES " in *" 1m "*) mem=1m ;; *) mem=$last ;; esac
echo
echo "== the default run on the $mem file: every output, charts and report included (one round)"
rm -rf "$work/all"
measure "all-$mem" "$work/renkei" run --input "$(file_of "$mem")" --out "$work/all" \
  --codebook internal/sample/bench/codebook.csv --columns partnership=partnership_id,respondent=respondent_id
awk '{printf "wall %.1f s, peak RSS %.0f MiB\n", $1, $2/1024}' "$work/all-$mem"

case " $SIZES " in *" 1m "*) ;; *) exit 0 ;; esac
echo
echo "== Shift_JIS + CRLF copy of the 1M file (ASCII data: the same bytes with CRLF line breaks)"
f=$(file_of 1m)
sjis="$DATA/review_1m_sjis_crlf.csv"
[ -s "$sjis" ] || sed 's/$/\r/' "$f" > "$sjis"
cat "$sjis" > /dev/null
: > "$work/utf8"; : > "$work/sjis"
for _ in $(seq "$ROUNDS"); do
  rm -rf "$work/u" "$work/s"
  # shellcheck disable=SC2046
  measure utf8 "$work/renkei" $(renkei_args "$f" "$work/u")
  # shellcheck disable=SC2046
  measure sjis "$work/renkei" $(renkei_args "$sjis" "$work/s") --encoding shift_jis
done
for path in "$work/u"/*.csv; do
  t=$(basename "$path")
  [ "$t" = quality.csv ] && continue # names the file read
  cmp -s "$path" "$work/s/$t" && echo "$t identical" || { echo "$t DIFFERS"; exit 1; }
done
awk -v u="$(median "$work/utf8" 1)" -v s="$(median "$work/sjis" 1)" 'BEGIN {
  printf "UTF-8 %.2f s, Shift_JIS + CRLF %.2f s: %.2f× (target at most 1.5×)\n", u, s, s/u }'
