#!/bin/sh
# test-cli-report.sh: advisor-workbench-cli chart and report, end to end (TAP)
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: test-cli-report.sh CLI
#
# On a demo book scored twice (so the report has a run to compare with):
# every kind of `chart --kind help` draws a PNG of the size asked; the
# report is a PDF of several pages whose text holds the title, the run's
# date and the clients per tier exactly as `export scores` counts them;
# what the user can get wrong is refused by name, and writes nothing.
set -u
cli="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
book="$tmp/book.sqlite"
. "$(dirname "$0")/../common/tap.sh"
# "1234567" -> "1,234,567", as the report writes counts
grouped () { echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }
# a PNG's width and height, from its IHDR chunk
png_size () { od -An -tu1 -j16 -N8 "$1" | awk '{ print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8 }'; }

echo "1..16"

# ---- a book without a run -----------------------------------------------------
"$cli" demo --db "$book" --clients 1500 --seed 7 --end-date 2026-06-30 -q
"$cli" report --db "$book" --output "$tmp/none.pdf" 2> "$tmp/err.txt"
[ "$?" = 1 ] && grep -q "no scoring run" "$tmp/err.txt" && [ ! -e "$tmp/none.pdf" ]
r=$?; [ "$r" = 0 ] || show "$tmp/err.txt"
check "report on a book without a run says so and writes nothing" $r

"$cli" score --db "$book" --as-of 2026-03-31 -q > /dev/null &&
  "$cli" score --db "$book" --as-of 2026-06-30 -q > /dev/null
check "the demo book is scored twice" $?

# ---- chart --------------------------------------------------------------------
"$cli" chart --kind help > "$tmp/kinds.txt"
r=$?
[ "$r" = 0 ] && [ "$(wc -l < "$tmp/kinds.txt")" -ge 30 ] &&
  grep -Eq "^segments +Clients and revenue per RFM segment$" "$tmp/kinds.txt" &&
  grep -Eq "^tiers +Clients and AUM per tier$" "$tmp/kinds.txt" &&
  grep -Eq "^segment-migration +" "$tmp/kinds.txt" &&
  grep -Eq "^kpi-overdue +" "$tmp/kinds.txt"
r=$?; [ "$r" = 0 ] || show "$tmp/kinds.txt"
check "chart --kind help lists every kind, its name first, then its title" $r

r=0
w=480
for kind in $(cut -d' ' -f1 "$tmp/kinds.txt"); do
  w=$((w + 8))
  h=$((w * 3 / 4))
  if ! "$cli" chart --db "$book" --kind "$kind" --output "$tmp/$kind.png" \
       --width "$w" --height "$h" > /dev/null 2> "$tmp/err.txt"; then
    echo "# $kind failed:"; show "$tmp/err.txt"; r=1; continue
  fi
  size=$(png_size "$tmp/$kind.png")
  if [ "$size" != "${w}x${h}" ]; then
    echo "# $kind: ${size}, asked ${w}x${h}"; r=1
  fi
done
check "every kind draws a PNG of the size asked" $r

"$cli" chart --db "$book" --kind segments --dark --output "$tmp/segments.svg" > /dev/null &&
  head -c 200 "$tmp/segments.svg" | grep -q "<svg"
check "chart writes an SVG" $?

"$cli" export scores --db "$book" --output "$tmp/scores.csv" > /dev/null
# the tier column of §11's scores, counted
col=$(head -1 "$tmp/scores.csv" | tr ',' '\n' | grep -nx tier | cut -d: -f1)
awk -F, -v c="$col" 'NR > 1 { n[$c]++ } END { for (k in n) print k, n[k] }' "$tmp/scores.csv" \
  | sort > "$tmp/tiers.txt"

"$cli" chart --db "$book" --kind tiers --output "$tmp/tiers.csv" > /dev/null
r=$?
for label_code in "VIP vip" "Key key" "Standard standard" "Basic basic"; do
  set -- $label_code
  count=$(awk -v k="$2" '$1 == k { print $2 }' "$tmp/tiers.txt")
  grep -q "^$1,${count:-0}," "$tmp/tiers.csv" || { echo "# $1: want ${count:-0}"; r=1; }
done
[ "$r" = 0 ] || { show "$tmp/tiers.csv"; show "$tmp/tiers.txt"; }
check "chart --output FILE.csv writes the clients per tier that export scores counts" $r

"$cli" chart --db "$book" --kind tiers --output "$tmp/t.png" --csv "$tmp/t2.csv" > /dev/null &&
  cmp -s "$tmp/tiers.csv" "$tmp/t2.csv" && [ -s "$tmp/t.png" ]
check "chart --csv writes the numbers beside the picture" $?

"$cli" chart --db "$book" --kind nope --output "$tmp/nope.png" 2> "$tmp/err.txt"
[ "$?" != 0 ] && grep -q "“nope”" "$tmp/err.txt" && grep -q -- "--kind help" "$tmp/err.txt" &&
  [ ! -e "$tmp/nope.png" ]
r=$?; [ "$r" = 0 ] || show "$tmp/err.txt"
check "an unknown kind is refused by name, pointing to --kind help; nothing written" $r

"$cli" chart --db "$book" --kind tiers --output "$tmp/tiers.jpg" 2> "$tmp/err.txt"
[ "$?" != 0 ] && grep -q "“.jpg”" "$tmp/err.txt" && [ ! -e "$tmp/tiers.jpg" ]
r=$?; [ "$r" = 0 ] || show "$tmp/err.txt"
check "an unknown extension is refused by name; nothing written" $r

"$cli" chart --db "$book" --kind tiers --manager "No Such Person" --output "$tmp/m.png" 2> "$tmp/err.txt"
[ "$?" != 0 ] && grep -q "“No Such Person”" "$tmp/err.txt" && [ ! -e "$tmp/m.png" ]
r=$?; [ "$r" = 0 ] || show "$tmp/err.txt"
check "chart: an unknown manager is refused by name; nothing written" $r

# ---- report -------------------------------------------------------------------
"$cli" report --db "$book" --output "$tmp/report.pdf" > "$tmp/out.txt"
r=$?
[ "$r" = 0 ] && [ -s "$tmp/report.pdf" ] && grep -q "report.pdf" "$tmp/out.txt"
check "report writes a PDF" $?

pages=$(pdfinfo "$tmp/report.pdf" | awk '/^Pages:/ { print $2 }')
size=$(pdfinfo "$tmp/report.pdf" | awk '/^Page size:/ { print $3 "x" $5 }')
mkdir "$tmp/pages"
pdftoppm -png -r 50 "$tmp/report.pdf" "$tmp/pages/p" &&
  [ "${pages:-0}" -ge 3 ] && [ "$(ls "$tmp/pages" | wc -l)" = "$pages" ] &&
  [ "$size" = "595.28x841.89" ]
r=$?; [ "$r" = 0 ] || echo "# pages: $pages, size $size"
check "the report is A4, of 3 pages or more, and each page converts" $r

pdftotext -layout "$tmp/report.pdf" "$tmp/report.txt"
grep -q "Client segmentation report" "$tmp/report.txt" &&
  grep -q "Run 2 as of 2026-06-30" "$tmp/report.txt" &&
  grep -q "Run 1 as of 2026-03-31" "$tmp/report.txt" &&
  grep -q "All managers" "$tmp/report.txt" &&
  grep -q "Page 1 of $pages" "$tmp/report.txt" &&
  grep -q "Page $pages of $pages" "$tmp/report.txt" &&
  grep -q "The largest moves between segments since the run of 2026-03-31" "$tmp/report.txt"
check "the report names its title, the run, the run compared with, and numbers its pages" $?

# the tier table: the row of each tier holds the count export scores gives
r=0
for label_code in "VIP vip" "Key key" "Standard standard" "Basic basic"; do
  set -- $label_code
  count=$(grouped "$(awk -v k="$2" '$1 == k { print $2 }' "$tmp/tiers.txt")")
  grep -Eq "^$1 +${count:-0} +¥" "$tmp/report.txt" || { echo "# $1: want ${count:-0}"; r=1; }
done
[ "$r" = 0 ] || grep -E "^(VIP|Key|Standard|Basic) " "$tmp/report.txt" | sed 's/^/# /'
check "the report's tier table holds the clients per tier that export scores counts" $r

manager=$(sqlite3 "$book" "SELECT name FROM managers ORDER BY id LIMIT 1")
"$cli" report --db "$book" --manager "$manager" --output "$tmp/one.pdf" > /dev/null &&
  pdftotext "$tmp/one.pdf" - | grep -qF "$manager"
check "report --manager names the manager" $?

"$cli" report --db "$book" --manager "No Such Person" --output "$tmp/m.pdf" 2> "$tmp/err.txt"
[ "$?" != 0 ] && grep -q "“No Such Person”" "$tmp/err.txt" && [ ! -e "$tmp/m.pdf" ]
r1=$?
"$cli" report --db "$book" --output "$tmp/report.txt.odt" 2> "$tmp/err2.txt"
[ "$?" != 0 ] && grep -q "“.odt”" "$tmp/err2.txt" && [ ! -e "$tmp/report.txt.odt" ]
r2=$?
"$cli" report --db "$book" --output "$tmp/no/such/dir/r.pdf" 2> "$tmp/err3.txt"
[ "$?" != 0 ] && grep -q "$tmp/no/such/dir/r.pdf" "$tmp/err3.txt"
r3=$?
[ "$r1$r2$r3" = 000 ] || { show "$tmp/err.txt"; show "$tmp/err2.txt"; show "$tmp/err3.txt"; }
[ "$r1$r2$r3" = 000 ]
check "report refuses an unknown manager, a file that is not .pdf, and names a file it cannot write" $?

exit $fail
