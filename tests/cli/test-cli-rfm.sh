#!/bin/sh
# test-cli-rfm.sh: advisor-workbench-cli rfm and score, end to end (TAP)
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: test-cli-rfm.sh CLI DATADIR
#  - rfm on the rfm package's sample orders reproduces its published
#    per-customer results and its breakpoint table (byte for byte);
#  - rfm refuses a bad row, naming file, line, column and value, and writes
#    nothing;
#  - score on a hand-made book prints the distribution worked out by hand.
set -u
cli="$1"
data="$2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../common/tap.sh"

echo "1..7"

"$cli" rfm --input "$data/rfm_data_orders.csv" --as-of 2006-12-31 --window all \
  --output "$tmp/out.csv" > "$tmp/breaks.csv"
check "rfm exits 0" $?

cmp -s "$tmp/breaks.csv" "$data/rfm_data_orders_breakpoints_expected.csv"
check "rfm prints the package's breakpoint table" $?

# The package's results in our format: monetary with two decimals, the
# segment as its code (spec §11).
awk -F, 'NR == 1 { print "customer_id,recency_days,frequency,monetary,r_score,f_score,m_score,segment"; next }
  { s = $9
    m["Champions"] = "champions"; m["Potential Loyalist"] = "potential_loyalist"
    m["Loyal Customers"] = "loyal"; m["Promising"] = "promising"; m["New Customers"] = "new"
    m["Can'"'"'t Lose Them"] = "cant_lose"; m["At Risk"] = "at_risk"
    m["Need Attention"] = "need_attention"; m["About To Sleep"] = "about_to_sleep"
    m["Lost"] = "lost"; m["Others"] = "others"
    printf "%s,%s,%s,%s.00,%s,%s,%s,%s\n", $1, $2, $3, $4, $5, $6, $7, m[s] }' \
  "$data/rfm_data_orders_expected.csv" > "$tmp/expected.csv"
LC_ALL=C sort "$tmp/expected.csv" > "$tmp/expected.sorted"
LC_ALL=C sort "$tmp/out.csv" > "$tmp/out.sorted"
cmp -s "$tmp/expected.sorted" "$tmp/out.sorted"
check "rfm writes the package's per-customer results" $?

printf 'customer_id,trade_date,amount\na,2024-01-01,1.00\nb,2024-13-01,2.00\n' > "$tmp/bad.csv"
"$cli" rfm --input "$tmp/bad.csv" --as-of 2024-12-31 --output "$tmp/bad-out.csv" 2> "$tmp/err.txt"
rc=$?
grep -q "bad.csv:3: column 2 (date): “2024-13-01”" "$tmp/err.txt" && [ "$rc" = 1 ] && [ ! -e "$tmp/bad-out.csv" ]
check "rfm names the bad line, column and value and writes nothing" $?

# A hand-made book, as of 2024-12-31 (day 20088), 365-day window:
#   C1 trades on days 20088 and 20000 (commission 5.00 each): R 0, F 2, M 10.00
#   C2 trades on day 19000 only (out of the window): R 1088, F 0, M 0
#   C3 no trade: a prospect
# Two scored clients: with n = 2 the quantile k is x1 + 0.2k (x2 - x1), so
# the breakpoints are R 218.6 436.2 653.8 871.4 (C1's 0 → group 1: R 5;
# C2's 1088 → group 5: R 1), F 1.4 1.8 2.2 2.6 (0 → F 1; 2 → F 3),
# M 3 5 7 9 yuan (0 → M 1; 10 → M 5).  C1 is 535: Champions needs F 5, so
# Potential loyalist (R 3–5, F 3–5, M 2–5); C2 is 111: Lost.  Shares are of
# the two scored clients; the prospect's of all three.
"$cli" score --db "$tmp/book.sqlite" --as-of 2024-12-31 -q > /dev/null
sqlite3 "$tmp/book.sqlite" <<SQL
INSERT INTO clients (id, client_no, name, aum) VALUES (1, 'C1', 'a', 100000), (2, 'C2', 'b', 250), (3, 'C3', 'c', 0);
INSERT INTO trades (client_id, trade_date, commission, amount, trade_no) VALUES
  (1, 20088, 500, 100000, 't1'), (1, 20000, 500, 100000, 't2'), (2, 19000, 700, 1, 't3');
SQL
"$cli" score --db "$tmp/book.sqlite" --as-of 2024-12-31 > "$tmp/score.txt"
check "score exits 0" $?
grep -q "^Scoring run 2 as of 2024-12-31" "$tmp/score.txt" &&
  grep -Eq "^Potential loyalist +1 +50.0% +1,000.00$" "$tmp/score.txt" &&
  grep -Eq "^Lost +1 +50.0% +2.50$" "$tmp/score.txt" &&
  grep -Eq "^Prospects \(not scored\) +1 +33.3% +0.00$" "$tmp/score.txt" &&
  grep -Eq "^Total +3$" "$tmp/score.txt" &&
  grep -q "^recency_days,1,0,218.6,5,1$" "$tmp/score.txt" &&
  grep -q "^frequency,3,1.8,2.2,3,1$" "$tmp/score.txt"
r=$?
[ "$r" = 0 ] || cat "$tmp/score.txt" | sed 's/^/# /'
check "score prints the distribution worked out by hand" $r

# the run went through the classifier and stored the book's settings
n_classified=$(sqlite3 "$tmp/book.sqlite" "SELECT count(*) FROM scores WHERE run_id = 2 AND tier IS NOT NULL")
snapshot=$(sqlite3 "$tmp/book.sqlite" "SELECT settings FROM scoring_runs WHERE id = 2")
[ "$n_classified" = 3 ] &&
  echo "$snapshot" | grep -q "^rfm.window_days=365$" &&
  echo "$snapshot" | grep -q "^rfm.breakpoints.r=0,218\\.[0-9]*," &&
  echo "$snapshot" | grep -q "^tier\."
check "score classifies and stores the book's settings with the breakpoints" $?
exit $fail
