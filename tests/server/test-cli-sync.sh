#!/usr/bin/env bash
# test-cli-sync.sh: advisor-workbench-cli sync, on the throwaway cluster of
# with-pg (TAP).
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: with-pg test-cli-sync.sh CLI
#
# A branch of two clients of 李娜 (login t_cli_li), one trade; two laptop
# books A and B.  Checks the sync summary, --status, a conflict made by
# editing the same phone number on both books (--conflicts, --resolve),
# every refused command line with its message and exit status 2, and the
# failures with exit status 1.
set -u
cli="$1"
: "${AWB_TEST_PG_URI:?run under tests/server/with-pg}"
tmp=$(mktemp -d)
db=pgtest_cli_sync
su="$AWB_TEST_PG_URI/$db"
hostport="${AWB_TEST_PG_URI#*@}"
hostport="${hostport%%/*}"
li_shown="postgresql://t_cli_li@$hostport/$db"
li="postgresql://t_cli_li:li-pw@$hostport/$db"

sql () { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
cleanup () {
  sql "$AWB_TEST_PG_URI/postgres" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" > /dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT

. "$(dirname "$0")/../common/tap.sh"
# runs the CLI: $1 description, $2 expected exit status, $3 expected output
# (standard output and error together), then the arguments
expect () {
  desc="$1"; want_rc="$2"; want="$3"; shift 3
  "$cli" "$@" > "$tmp/out.txt" 2>&1
  rc=$?
  if [ -n "$want" ]; then printf '%s\n' "$want"; fi > "$tmp/want.txt"
  if [ "$rc" = "$want_rc" ] && cmp -s "$tmp/out.txt" "$tmp/want.txt"; then
    ok "$desc"
  else
    echo "# got (exit $rc):"; show "$tmp/out.txt"; echo "# wanted (exit $want_rc):"; show "$tmp/want.txt"
    not_ok "$desc"
  fi
}
# the same, checking only the first line
expect_first () {
  desc="$1"; want_rc="$2"; want="$3"; shift 3
  "$cli" "$@" > "$tmp/out.txt" 2>&1
  rc=$?
  if [ "$rc" = "$want_rc" ] && [ "$(head -n 1 "$tmp/out.txt")" = "$want" ]; then
    ok "$desc"
  else
    echo "# got (exit $rc):"; show "$tmp/out.txt"; echo "# wanted (exit $want_rc): $want"
    not_ok "$desc"
  fi
}

sql "$AWB_TEST_PG_URI/postgres" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" > /dev/null 2>&1
sql "$AWB_TEST_PG_URI/postgres" -c "CREATE DATABASE $db" || { echo "Bail out! cannot create the database $db"; exit 1; }
"$cli" server init --server "$su" > /dev/null || { echo "Bail out! server init failed"; exit 1; }
printf 'li-pw\n' | "$cli" server add-user --server "$su" --user t_cli_li --role manager --manager 李娜 > /dev/null ||
  { echo "Bail out! add-user failed"; exit 1; }
sql "$su" -c "INSERT INTO awb.clients (id, client_no, name, phone, manager_id) VALUES
  (1, 'C1', '王建华', '13800000001', (SELECT id FROM awb.managers WHERE name = '李娜')),
  (2, 'C2', '刘洋', NULL, (SELECT id FROM awb.managers WHERE name = '李娜')),
  (3, 'C3', '别人的', NULL, NULL);
  INSERT INTO awb.trades (client_id, trade_date, commission, amount, trade_no) VALUES (1, 19000, 500, 100000, 'T1'), (3, 19000, 1, 1, 'T3');" ||
  { echo "Bail out! cannot fill the branch"; exit 1; }

# 1-3: first syncs (the password from the URI, then from PGPASSWORD); a second one pulls nothing
expect "sync attaches an empty book and pulls 李娜's 2 clients and 1 trade (and 1 manager)" 0 \
  "Synced with $li_shown. Changes pushed: 0; conflicts: 0; rows pulled: 4 (clients: 2, trades: 1); rows removed: 0." \
  sync --db "$tmp/a.sqlite" --server "$li"
PGPASSWORD=li-pw expect "sync takes the password from PGPASSWORD" 0 \
  "Synced with $li_shown. Changes pushed: 0; conflicts: 0; rows pulled: 4 (clients: 2, trades: 1); rows removed: 0." \
  sync --db "$tmp/b.sqlite" --server "$li_shown"
expect "a second sync finds nothing new" 0 \
  "Synced with $li_shown. Changes pushed: 0; conflicts: 0; rows pulled: 0 (clients: 0, trades: 0); rows removed: 0." \
  sync --db "$tmp/a.sqlite" --server "$li"

# 4: status
sqlite3 "$tmp/a.sqlite" "UPDATE clients SET phone = '13900000000' WHERE id = 1"
"$cli" sync --db "$tmp/a.sqlite" --status > "$tmp/out.txt" 2>&1
rc=$?
sed -i 's/^Last synced: 20[0-9-]*T[0-9:]*Z$/Last synced: DATE/' "$tmp/out.txt"
printf '%s\n' "Server: $li_shown" "User: t_cli_li" "Role: manager" "Manager: 李娜" "Last synced: DATE" \
  "Changes waiting to be pushed: 1" "Conflicts waiting: 0" > "$tmp/want.txt"
if [ "$rc" = 0 ] && cmp -s "$tmp/out.txt" "$tmp/want.txt"; then ok "sync --status shows who, when and what waits"
else show "$tmp/out.txt"; not_ok "sync --status shows who, when and what waits"; fi
expect "sync --status of a book of its own" 0 \
  "This book is not attached to a branch server: it is a book of its own." \
  sync --db "$tmp/own.sqlite" --status

# 6-9: a conflict
sqlite3 "$tmp/b.sqlite" "UPDATE clients SET phone = '13700000000' WHERE id = 1"
expect "A pushes its phone number" 0 \
  "Synced with $li_shown. Changes pushed: 1; conflicts: 0; rows pulled: 1 (clients: 1, trades: 0); rows removed: 0." \
  sync --db "$tmp/a.sqlite" --server "$li"
expect "B's phone number conflicts" 0 \
  "Synced with $li_shown. Changes pushed: 0; conflicts: 1; rows pulled: 1 (clients: 1, trades: 0); rows removed: 0.
Some fields were changed on the server too: list the conflicts with “advisor-workbench-cli sync --conflicts” and pick a value for each with “--resolve ID --keep local|server”." \
  sync --db "$tmp/b.sqlite" --server "$li"
expect "sync --conflicts lists it: id, client, field, local value, server value" 0 \
  "$(printf '1\t王建华\tphone\t13700000000\t13900000000')" \
  sync --db "$tmp/b.sqlite" --conflicts
expect "sync --resolve 1 --keep local" 0 \
  "Conflict 1 is resolved: the book keeps its own value and sends it at the next sync." \
  sync --db "$tmp/b.sqlite" --resolve 1 --keep local
expect "the conflict is gone" 0 "" sync --db "$tmp/b.sqlite" --conflicts
"$cli" sync --db "$tmp/b.sqlite" --server "$li" > /dev/null 2>&1
if [ "$(sql "$su" -c "SELECT phone FROM awb.clients WHERE id = 1")" = 13700000000 ] &&
   [ "$(sql "$su" -c "SELECT count(*) FROM awb.audit_log WHERE field = 'conflict:phone' AND old_value = '13900000000' AND new_value = '13700000000'")" = 1 ]
then ok "the kept value reached the server, and both values are in its audit log"
else not_ok "the kept value reached the server, and both values are in its audit log"; fi

# 12: an attached book refuses a local scoring run
expect_first "score refuses an attached book" 1 \
  "advisor-workbench-cli score: This book is a working copy of the branch book on $li_shown: its scoring runs come from the branch server, which scores the whole branch. Sync to get the latest run." \
  score --db "$tmp/a.sqlite" --as-of 2024-10-04 --quiet

# an attached book refuses a local import (and the demo generator): its rows
# come from the branch server; the book keeps its 2 clients
"$cli" demo --db "$tmp/demo.sqlite" --clients 3 --trades 3 --seed 7 --end-date 2024-10-01 --quiet > /dev/null 2>&1 &&
  "$cli" export --db "$tmp/demo.sqlite" --full --output "$tmp/demo-clients.csv" clients > /dev/null 2>&1 ||
  { echo "Bail out! cannot write a clients file"; exit 1; }
expect_first "import refuses an attached book" 1 \
  "advisor-workbench-cli import: This book is a working copy of the branch book on $li_shown: clients, trades and interactions are imported on the branch server (import --server) and reach this book at the next sync." \
  import --db "$tmp/a.sqlite" --clients "$tmp/demo-clients.csv"
if [ "$(sqlite3 "$tmp/a.sqlite" 'SELECT count(*) FROM clients')" = 2 ]; then ok "... and the book keeps its 2 clients"
else not_ok "... and the book keeps its 2 clients"; fi

# 13-: command lines refused (exit 2) and failures (exit 1)
expect_first "no mode" 2 \
  "advisor-workbench-cli sync: Give --server URI to sync, or one of --status, --conflicts and --resolve ID --keep local|server." \
  sync --db "$tmp/a.sqlite"
expect_first "two modes" 2 \
  "advisor-workbench-cli sync: Give only one of --server, --status, --conflicts and --resolve." \
  sync --db "$tmp/a.sqlite" --status --conflicts
expect_first "--resolve with no number" 2 \
  "advisor-workbench-cli sync: --resolve needs a conflict’s number, as “sync --conflicts” lists them." \
  sync --db "$tmp/a.sqlite" --resolve x1 --keep local
expect_first "--resolve without --keep" 2 \
  "advisor-workbench-cli sync: --resolve needs --keep local or --keep server." \
  sync --db "$tmp/a.sqlite" --resolve 1
expect_first "--keep neither local nor server" 2 \
  "advisor-workbench-cli sync: --keep must be local or server." \
  sync --db "$tmp/a.sqlite" --resolve 1 --keep mine
expect_first "--keep without --resolve" 2 \
  "advisor-workbench-cli sync: --keep goes with --resolve ID." \
  sync --db "$tmp/a.sqlite" --status --keep local
expect_first "a stray argument" 2 \
  "advisor-workbench-cli sync: sync takes no arguments besides its options." \
  sync --db "$tmp/a.sqlite" --status now
expect "an unknown conflict" 1 \
  "advisor-workbench-cli sync: There is no conflict 7 in this book: list them with “sync --conflicts”." \
  sync --db "$tmp/a.sqlite" --resolve 7 --keep server
"$cli" sync --db "$tmp/own2.sqlite" --status > /dev/null 2>&1
sqlite3 "$tmp/own2.sqlite" "INSERT INTO clients (client_no, name) VALUES ('X', '自己的')"
expect "a book with clients of its own is refused" 1 \
  "advisor-workbench-cli sync: This book holds clients of its own, so it cannot become a working copy of the branch book on $li_shown: it was left untouched. Sync a new, empty book instead." \
  sync --db "$tmp/own2.sqlite" --server "$li"
PGPASSWORD=wrong "$cli" sync --db "$tmp/a.sqlite" --server "$li_shown" > "$tmp/out.txt" 2>&1
rc=$?
if [ "$rc" = 1 ] && grep -q '^advisor-workbench-cli sync: ' "$tmp/out.txt"; then ok "a wrong password fails with exit status 1"
else show "$tmp/out.txt"; not_ok "a wrong password fails with exit status 1"; fi

echo "1..$n"
