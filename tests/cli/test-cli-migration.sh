#!/bin/sh
# test-cli-migration.sh: advisor-workbench-cli migration, end to end (TAP)
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: test-cli-migration.sh CLI
#
# A book with two runs written by hand (labels chosen, not computed):
#   client  manager  run 1               run 2
#   1       A        champions, vip      champions, vip
#   2       A        loyal, key          lost, standard
#   3       B        (prospect), basic   new, key
#   4       -        lost, standard      (prospect), basic
#   5       B        (not in the book)   champions, vip
#   6       (deleted since)  at_risk, key  (absent)
# Segments 1 → 2: champions→champions, loyal→lost, at_risk→none,
# lost→none, none→champions, none→new: one each, in code order.
set -u
cli="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
book="$tmp/book.sqlite"
. "$(dirname "$0")/../common/tap.sh"

echo "1..7"

"$cli" settings list --db "$book" > /dev/null
sqlite3 "$book" <<'SQL'
INSERT INTO managers (id, name) VALUES (1, 'A'), (2, 'B');
INSERT INTO clients (id, client_no, name, manager_id) VALUES
  (1, 'K1', 'one', 1), (2, 'K2', 'two', 1), (3, 'K3', 'three', 2), (4, 'K4', 'four', NULL),
  (5, 'K5', 'five', 2);
INSERT INTO scoring_runs (id, created_at, as_of, settings) VALUES (1, 'x', 20000, ''), (2, 'y', 20100, '');
INSERT INTO scores (id, rfm_segment, tier) VALUES
  ((1 << 32) | 1, 0, 0), ((1 << 32) | 2, 2, 1), ((1 << 32) | 3, NULL, 3), ((1 << 32) | 4, 9, 2),
  ((1 << 32) | 6, 6, 1),
  ((2 << 32) | 1, 0, 0), ((2 << 32) | 2, 9, 2), ((2 << 32) | 3, 4, 1), ((2 << 32) | 4, NULL, 3),
  ((2 << 32) | 5, 0, 0);
SQL

cat > "$tmp/expected.csv" <<'CSV'
from,to,clients
champions,champions,1
loyal,lost,1
at_risk,none,1
lost,none,1
none,champions,1
none,new,1
CSV
"$cli" migration --db "$book" --from 1 --to 2 > "$tmp/out.csv"
rc=$?
[ "$rc" = 0 ] && cmp -s "$tmp/out.csv" "$tmp/expected.csv"
r=$?; [ "$r" = 0 ] || show "$tmp/out.csv"
check "segments by default, to standard output, non-zero cells in code order" $r

cat > "$tmp/expected.csv" <<'CSV'
from,to,clients
vip,vip,1
key,standard,1
key,none,1
standard,basic,1
basic,key,1
none,vip,1
CSV
"$cli" migration --db "$book" --from 1 --to 2 --tiers --output "$tmp/tiers.csv" > "$tmp/msg.txt"
rc=$?
[ "$rc" = 0 ] && cmp -s "$tmp/tiers.csv" "$tmp/expected.csv" && grep -q "6 rows" "$tmp/msg.txt"
r=$?; [ "$r" = 0 ] || { show "$tmp/tiers.csv"; show "$tmp/msg.txt"; }
check "--tiers --output writes the file and says how many rows" $r

printf 'from,to,clients\nnone,champions,1\nnone,new,1\n' > "$tmp/expected.csv"
"$cli" migration --db "$book" --from 1 --to 2 --segments --manager B > "$tmp/out.csv"
cmp -s "$tmp/out.csv" "$tmp/expected.csv"
r=$?; [ "$r" = 0 ] || show "$tmp/out.csv"
check "--manager keeps that manager's clients" $r

printf 'from,to,clients\nchampions,champions,1\nchampions,none,1\nnew,none,1\nlost,loyal,1\nnone,at_risk,1\nnone,lost,1\n' \
  > "$tmp/expected.csv"
"$cli" migration --db "$book" --from 2 --to 1 > "$tmp/out.csv"
cmp -s "$tmp/out.csv" "$tmp/expected.csv"
r=$?; [ "$r" = 0 ] || show "$tmp/out.csv"
check "backwards, between runs that are not in order" $r

"$cli" migration --db "$book" --to 2 > /dev/null 2> "$tmp/err.txt"
[ "$?" = 2 ] && grep -q -- "--from" "$tmp/err.txt"
check "a missing --from is a usage error naming it" $?

"$cli" migration --db "$book" --from 1 --to 9 > /dev/null 2> "$tmp/err.txt"
[ "$?" = 1 ] && grep -q -- "--to" "$tmp/err.txt" && grep -q "9" "$tmp/err.txt"
r=$?; [ "$r" = 0 ] || show "$tmp/err.txt"
check "an unknown run names the option and the run" $r

"$cli" migration --db "$book" --from 1 --to 2 --manager Nobody > /dev/null 2> "$tmp/err.txt"
[ "$?" = 1 ] && grep -q -- "--manager" "$tmp/err.txt" && grep -q "Nobody" "$tmp/err.txt"
r=$?; [ "$r" = 0 ] || show "$tmp/err.txt"
check "an unknown manager names the option and the name" $r

exit $fail
