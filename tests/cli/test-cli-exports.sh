#!/bin/sh
# test-cli-exports.sh: what the command line's exports hold: phone and ID
# numbers masked unless --full, text cells guarded against formulas unless
# --no-formula-guard, files 0600 (TAP)
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: test-cli-exports.sh CLI
#
# One client, account "=cmd", named "Li", mobile 13812345678, ID
# 110101198005170011, notes "@home"; one trade "+T1" of 100.00 on
# 2024-01-05.  Masked: 138****5678 (first 3, last 4) and
# 1101**********0011 (first 4, last 4, ten stars).  Guarded: '=cmd, '+T1,
# '@home; the amount 100.00 and the date are numbers, never changed.
set -u
cli="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
book="$tmp/book.sqlite"
. "$(dirname "$0")/../common/tap.sh"
mode () { stat -c %a "$1"; }
# the cells client_id..id_number and the last one (notes) of the clients row
client_cells () { sed -n 2p "$1" | awk -F, '{ print $1 "," $2 "," $5 "," $7 "," $NF }'; }

echo "1..9"

"$cli" settings list --db "$book" > /dev/null
sqlite3 "$book" <<'SQL'
INSERT INTO clients (id, client_no, name, phone, id_number, notes)
  VALUES (1, '=cmd', 'Li', '13812345678', '110101198005170011', '@home');
INSERT INTO trades (client_id, trade_date, commission, amount, side, trade_no)
  VALUES (1, 19727, 500, 10000, 'buy', '+T1');
SQL

"$cli" export clients --db "$book" --encoding utf8 --output "$tmp/c.csv" > /dev/null
[ "$(client_cells "$tmp/c.csv")" = "'=cmd,Li,138****5678,1101**********0011,'@home" ] &&
  [ "$(mode "$tmp/c.csv")" = 600 ]
r=$?; [ "$r" = 0 ] || show "$tmp/c.csv"
check "export clients: numbers masked, formulas guarded, 0600 by default" $r

"$cli" export clients --db "$book" --encoding utf8 --full --output "$tmp/c.csv" > /dev/null
[ "$(client_cells "$tmp/c.csv")" = "'=cmd,Li,13812345678,110101198005170011,'@home" ]
r=$?; [ "$r" = 0 ] || show "$tmp/c.csv"
check "export clients --full: the numbers as stored" $r

"$cli" export clients --db "$book" --encoding utf8 --full --no-formula-guard \
  --output "$tmp/c.csv" > /dev/null
[ "$(client_cells "$tmp/c.csv")" = "=cmd,Li,13812345678,110101198005170011,@home" ]
r=$?; [ "$r" = 0 ] || show "$tmp/c.csv"
check "export clients --full --no-formula-guard: the cells as stored" $r

"$cli" export trades --db "$book" --encoding utf8 --output "$tmp/t.csv" > /dev/null
[ "$(sed -n 2p "$tmp/t.csv")" = "'+T1,'=cmd,2024-01-05,buy,100.00,5.00,,,0" ]
r=$?; [ "$r" = 0 ] || show "$tmp/t.csv"
check "export trades: text guarded, numbers as numbers" $r

"$cli" score --db "$book" --as-of 2024-06-30 > /dev/null
"$cli" export scores --db "$book" --output "$tmp/s.csv" > /dev/null
[ "$(sed -n 2p "$tmp/s.csv" | cut -d, -f1,2)" = "'=cmd,2024-06-30" ] && [ "$(mode "$tmp/s.csv")" = 600 ]
r=$?; [ "$r" = 0 ] || show "$tmp/s.csv"
check "export scores: the account guarded, 0600" $r
"$cli" export scores --db "$book" --no-formula-guard --output "$tmp/s.csv" > /dev/null
[ "$(sed -n 2p "$tmp/s.csv" | cut -d, -f1,2)" = "=cmd,2024-06-30" ]
r=$?; [ "$r" = 0 ] || show "$tmp/s.csv"
check "export scores --no-formula-guard: the account as stored" $r

# rfm: two customers, "-5" and "@x" (byte order: - before @)
printf 'customer_id,date,amount\n-5,2024-01-02,10.00\n@x,2024-03-04,20.00\n' > "$tmp/in.csv"
umask 022
"$cli" rfm --input "$tmp/in.csv" --as-of 2024-06-30 --output "$tmp/r.csv" > /dev/null
[ "$(cut -d, -f1 "$tmp/r.csv" | tr '\n' ' ')" = "customer_id '-5 '@x " ] &&
  [ "$(mode "$tmp/r.csv")" = 600 ] && [ -z "$(find "$tmp" -name '*.part-*')" ]
r=$?; [ "$r" = 0 ] || { show "$tmp/r.csv"; ls -l "$tmp" | sed 's/^/# /'; }
check "rfm --output: 0600 whatever the umask, ids guarded" $r
"$cli" rfm --input "$tmp/in.csv" --as-of 2024-06-30 --no-formula-guard --output "$tmp/r.csv" > /dev/null
[ "$(cut -d, -f1 "$tmp/r.csv" | tr '\n' ' ')" = "customer_id -5 @x " ]
r=$?; [ "$r" = 0 ] || show "$tmp/r.csv"
check "rfm --no-formula-guard: the ids as read" $r

"$cli" score --db "$book" --as-of 2024-07-31 > /dev/null
"$cli" migration --db "$book" --from 1 --to 2 --output "$tmp/m.csv" > /dev/null
[ "$(mode "$tmp/m.csv")" = 600 ] && [ "$(head -n 1 "$tmp/m.csv")" = "from,to,clients" ]
r=$?; [ "$r" = 0 ] || show "$tmp/m.csv"
check "migration --output: 0600 whatever the umask" $r

exit $fail
