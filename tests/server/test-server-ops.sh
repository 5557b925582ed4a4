#!/bin/sh
# test-server-ops.sh: import, score and export on the branch server (TAP)
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: with-pg test-server-ops.sh CLI
#
# Needs AWB_TEST_PG_URI (a superuser, no database: with-pg sets it up).
# A demo book of 200 clients is written out as the interchange CSV files
# (clients, trades, interactions).  The same three files are imported into
# a new local book and, with --server as the branch manager's login
# (pgops_boss), into the branch server database pgtest_ops; both are
# scored as of the same date and their scores exported: the two CSV files
# must be byte for byte the same (the issue's "a scoring run on the server
# equal, client for client, to the same book scored locally").  The
# server's export is made through a new cache book, so the scores come
# back from the server, not from the cache that computed them.  Then: a
# trades file whose line 4 is bad leaves the server unchanged and names
# line 4 as a local import does; a relationship manager's login
# (pgops_li) is refused score --server and import --server, and its export
# --server holds only its manager's clients; --db with --server is
# refused.
set -u
cli="$1"
: "${AWB_TEST_PG_URI:?run under tests/server/with-pg}"
tmp=$(mktemp -d)
db=pgtest_ops
su="$AWB_TEST_PG_URI/$db"
hostport="${AWB_TEST_PG_URI#*@}"
hostport="${hostport%%/*}"
uri_boss="postgresql://pgops_boss:boss-pass@$hostport/$db"
uri_li="postgresql://pgops_li:li-pass@$hostport/$db"
export XDG_CACHE_HOME="$tmp/cache"

sql () { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
drop_all () {
  sql "$AWB_TEST_PG_URI/postgres" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" > /dev/null 2>&1
  for r in pgops_boss pgops_li; do
    sql "$AWB_TEST_PG_URI/postgres" -c "DROP ROLE IF EXISTS $r" > /dev/null 2>&1
  done
}
cleanup () { drop_all; rm -rf "$tmp"; }
trap cleanup EXIT

. "$(dirname "$0")/../common/tap.sh"
counts () {
  sql "$su" -c "SELECT (SELECT count(*) FROM awb.clients) || ' ' || (SELECT count(*) FROM awb.trades)
                || ' ' || (SELECT count(*) FROM awb.interactions) || ' ' || (SELECT count(*) FROM awb.scoring_runs)
                || ' ' || (SELECT count(*) FROM awb.scores)"
}

echo "1..20"

drop_all
sql "$AWB_TEST_PG_URI/postgres" -c "CREATE DATABASE $db" || { echo "Bail out! cannot create the database $db"; exit 1; }

# ---- the files -------------------------------------------------------------
"$cli" demo --db "$tmp/demo.sqlite" --clients 200 --seed 3 --end-date 2026-06-30 -q &&
  for t in clients trades interactions; do
    "$cli" export "$t" --db "$tmp/demo.sqlite" --output "$tmp/$t.csv" --full --no-formula-guard \
      --encoding utf8 > /dev/null || exit 1
  done
r=$?
n_trades=$(($(wc -l < "$tmp/trades.csv") - 1))
n_interactions=$(($(wc -l < "$tmp/interactions.csv") - 1))
[ "$r" = 0 ] && [ "$(wc -l < "$tmp/clients.csv")" = 201 ] && [ "$n_trades" -gt 1000 ] && [ "$n_interactions" -gt 100 ]
check "a demo branch of 200 clients is written out as the three interchange files" $?

# ---- the server and its users ------------------------------------------------
"$cli" server init --server "$su" > "$tmp/out.txt" 2>&1 &&
  printf 'boss-pass\n' | "$cli" server add-user --server "$su" --user pgops_boss --role branch > /dev/null 2>&1
r=$?; [ "$r" = 0 ] || show "$tmp/out.txt"
check "server init and a branch manager's login" $r

# ---- import: the same files into a book and into the server ------------------
r=0
for t in clients trades interactions; do
  "$cli" import --db "$tmp/local.sqlite" "--$t" "$tmp/$t.csv" > "$tmp/out.txt" 2>&1 || { show "$tmp/out.txt"; r=1; }
  "$cli" import --server "$uri_boss" "--$t" "$tmp/$t.csv" > "$tmp/out.txt" 2>&1 || { show "$tmp/out.txt"; r=1; }
done
[ "$r" = 0 ] && [ "$(counts)" = "200 $n_trades $n_interactions 0 0" ]
r=$?; [ "$r" = 0 ] || echo "# server holds (clients trades interactions runs scores): $(counts)"
check "import --server stores every row of the three files on the server" $r

[ "$(sql "$su" -c "SELECT count(*) FROM awb.trades t JOIN awb.clients c ON c.id = t.client_id
                   WHERE t.manager_id IS NOT DISTINCT FROM c.manager_id AND t.rev > 0")" = "$n_trades" ]
check "each trade on the server is filed under its client's manager, with a rev" $?

# ---- score: the same run on both --------------------------------------------
"$cli" score --db "$tmp/local.sqlite" --as-of 2026-06-30 -q > "$tmp/local-score.txt" 2>&1 &&
  "$cli" score --server "$uri_boss" --as-of 2026-06-30 -q > "$tmp/server-score.txt" 2>&1
r=$?; [ "$r" = 0 ] || { show "$tmp/local-score.txt"; show "$tmp/server-score.txt"; }
[ "$r" = 0 ] &&
  [ "$(sql "$su" -c "SELECT count(*) || ' ' || bool_and (complete) || ' ' || min (n_clients) FROM awb.scoring_runs")" = "1 true 200" ] &&
  [ "$(sql "$su" -c "SELECT count(*) FROM awb.scores s JOIN awb.clients c ON c.id = s.client_id
                     WHERE s.manager_id IS NOT DISTINCT FROM c.manager_id AND s.rev > 0")" = 200 ]
r=$?; [ "$r" = 0 ] || echo "# server holds (clients trades interactions runs scores): $(counts)"
check "score --server stores one complete run of 200 scores, each under its client's manager" $r

[ "$(sql "$su" -c "SELECT count(DISTINCT rev) FROM awb.scores")" = 1 ] &&
  [ "$(sql "$su" -c "SELECT count(*) FROM awb.run_kpis WHERE manager_id = 0")" = 1 ]
check "the run's scores share one rev, and its branch-wide key figures are stored" $?

# the cache that made the run holds it: its next sync takes the run's row, not its 200 scores again
cache=$(ls "$XDG_CACHE_HOME"/advisor-workbench/branch-*.sqlite)
"$cli" sync --db "$cache" --server "$uri_boss" > "$tmp/out.txt" 2>&1 &&
  grep -q "rows pulled: 1 (clients: 0, trades: 0)" "$tmp/out.txt"
r=$?; [ "$r" = 0 ] || show "$tmp/out.txt"
check "the cache's next sync does not pull the run it uploaded again" $r

"$cli" export scores --db "$tmp/local.sqlite" --output "$tmp/local-scores.csv" > /dev/null 2>&1 &&
  "$cli" export scores --server "$uri_boss" --cache "$tmp/fresh-cache.sqlite" \
    --output "$tmp/server-scores.csv" > "$tmp/out.txt" 2>&1
r=$?; [ "$r" = 0 ] || show "$tmp/out.txt"
[ "$r" = 0 ] && [ "$(wc -l < "$tmp/server-scores.csv")" = 201 ] &&
  cmp "$tmp/local-scores.csv" "$tmp/server-scores.csv" > "$tmp/out.txt" 2>&1
r=$?; [ "$r" = 0 ] || show "$tmp/out.txt"
check "the server's run, exported through a new cache, is byte for byte the local run's" $r

# the breakpoints the two commands printed are the same too
sed -n '/^metric,bin/,$p' "$tmp/local-score.txt" > "$tmp/local-bp.txt"
sed -n '/^metric,bin/,$p' "$tmp/server-score.txt" > "$tmp/server-bp.txt"
[ "$(wc -l < "$tmp/local-bp.txt")" = 16 ] && cmp -s "$tmp/local-bp.txt" "$tmp/server-bp.txt"
check "score --server prints the local run's 15 breakpoint rows" $?

# ---- a bad line: the server unchanged, the line named ---------------------------
{
  head -n 1 "$tmp/trades.csv"
  echo "900000000001,3101004272,2026-06-01,buy,1000.00,1.00,600519,R3,0"
  echo "900000000002,3101004272,2026-06-02,sell,2000.00,2.00,600519,R3,0"
  echo "900000000003,3101004272,2026-13-45,buy,3000.00,3.00,600519,R3,0"
} > "$tmp/bad-trades.csv"
before=$(counts)
"$cli" import --db "$tmp/local.sqlite" --trades "$tmp/bad-trades.csv" > /dev/null 2> "$tmp/local-err.txt"
rl=$?
"$cli" import --server "$uri_boss" --trades "$tmp/bad-trades.csv" > /dev/null 2> "$tmp/server-err.txt"
rs=$?
[ "$rl" = 1 ] && [ "$rs" = 1 ] && [ "$(counts)" = "$before" ] &&
  grep -q "bad-trades.csv:4" "$tmp/server-err.txt" && cmp -s "$tmp/local-err.txt" "$tmp/server-err.txt"
r=$?; [ "$r" = 0 ] || { show "$tmp/local-err.txt"; show "$tmp/server-err.txt"; echo "# $before / $(counts)"; }
check "a bad line 4 leaves the server unchanged, named as a local import names it" $r

# the cache was not changed either: a good import afterwards adds exactly its rows
head -n 3 "$tmp/bad-trades.csv" > "$tmp/good-trades.csv"
"$cli" import --server "$uri_boss" --trades "$tmp/good-trades.csv" > "$tmp/out.txt" 2>&1 &&
  [ "$(sql "$su" -c "SELECT count(*) FROM awb.trades")" = $((n_trades + 2)) ] &&
  [ "$(sql "$su" -c "SELECT string_agg (trade_no || ':' || commission || ':' || amount, ' ' ORDER BY trade_no)
                     FROM awb.trades WHERE trade_no LIKE '9000000000%'")" = "900000000001:100:100000 900000000002:200:200000" ]
r=$?; [ "$r" = 0 ] || show "$tmp/out.txt"
check "the same two good lines then import, in fen, and nothing else" $r

# a file the book takes and the server refuses (a check the superuser adds
# for this test): the server keeps nothing, the cache is put back, and the
# same file imports once the check is gone
sql "$su" -c "CREATE FUNCTION public.refuse_77 () RETURNS trigger LANGUAGE plpgsql AS \$\$
  BEGIN IF NEW.trade_no = '900000000077' THEN RAISE check_violation USING MESSAGE = 'trade 77 refused'; END IF;
  RETURN NEW; END \$\$;
  CREATE TRIGGER refuse_77 BEFORE INSERT ON awb.trades FOR EACH ROW EXECUTE FUNCTION public.refuse_77 ();"
{
  head -n 1 "$tmp/trades.csv"
  echo "900000000076,3101004272,2026-06-03,buy,4000.00,4.00,600519,R3,0"
  echo "900000000077,3101004272,2026-06-04,buy,5000.00,5.00,600519,R3,0"
} > "$tmp/refused-trades.csv"
before=$(counts)
"$cli" import --server "$uri_boss" --trades "$tmp/refused-trades.csv" > /dev/null 2> "$tmp/err.txt"
rc=$?
sql "$su" -c "DROP TRIGGER refuse_77 ON awb.trades; DROP FUNCTION public.refuse_77 ()"
[ "$rc" = 1 ] && [ "$(counts)" = "$before" ] && grep -q "trade 77 refused" "$tmp/err.txt" &&
  "$cli" import --server "$uri_boss" --trades "$tmp/refused-trades.csv" > "$tmp/out.txt" 2>&1 &&
  grep -q "^Imported 2 rows from" "$tmp/out.txt" &&
  [ "$(sql "$su" -c "SELECT count(*) FROM awb.trades WHERE trade_no IN ('900000000076', '900000000077')")" = 2 ]
r=$?; [ "$r" = 0 ] || { show "$tmp/err.txt"; show "$tmp/out.txt"; }
check "a change the server refuses: nothing kept there, the cache put back, the file imports later" $r

# ---- a relationship manager ----------------------------------------------------
mgr=$(sql "$su" -c "SELECT m.name FROM awb.managers m JOIN awb.clients c ON c.manager_id = m.id
                    GROUP BY m.name ORDER BY count(*) DESC, m.name LIMIT 1")
n_mgr=$(sql "$su" -c "SELECT count(*) FROM awb.clients c JOIN awb.managers m ON m.id = c.manager_id WHERE m.name = '$mgr'")
printf 'li-pass\n' | "$cli" server add-user --server "$su" --user pgops_li --role manager --manager "$mgr" > /dev/null 2>&1
before=$(counts)
"$cli" score --server "$uri_li" --as-of 2026-06-30 -q > /dev/null 2> "$tmp/err.txt"
rc=$?
[ "$rc" = 1 ] && [ "$(counts)" = "$before" ] &&
  grep -q "pgops_li may not store scoring runs on the branch server" "$tmp/err.txt"
r=$?; [ "$r" = 0 ] || show "$tmp/err.txt"
check "a relationship manager's score --server is refused in a whole sentence, nothing stored" $r

"$cli" import --server "$uri_li" --trades "$tmp/good-trades.csv" > /dev/null 2> "$tmp/err.txt"
rc=$?
[ "$rc" = 1 ] && [ "$(counts)" = "$before" ] && grep -q "pgops_li may not import" "$tmp/err.txt"
r=$?; [ "$r" = 0 ] || show "$tmp/err.txt"
check "a relationship manager's import --server is refused, nothing stored" $r

"$cli" export clients --server "$uri_li" --output "$tmp/li-clients.csv" --encoding utf8 > "$tmp/out.txt" 2>&1 &&
  "$cli" export clients --server "$uri_boss" --output "$tmp/boss-clients.csv" --encoding utf8 > /dev/null 2>&1
r=$?; [ "$r" = 0 ] || show "$tmp/out.txt"
[ "$r" = 0 ] && [ "$n_mgr" -gt 0 ] && [ "$n_mgr" -lt 200 ] &&
  [ "$(($(wc -l < "$tmp/li-clients.csv") - 1))" = "$n_mgr" ] &&
  [ "$(($(wc -l < "$tmp/boss-clients.csv") - 1))" = 200 ] &&
  [ "$(tail -n +2 "$tmp/li-clients.csv" | grep -c ",$mgr,")" = "$n_mgr" ]
r=$?; [ "$r" = 0 ] || echo "# $mgr: $n_mgr clients; li exported $(wc -l < "$tmp/li-clients.csv") lines"
check "export --server: a manager's login gets their $n_mgr clients, the branch manager's all 200" $r

# a run's partition of scores is not a way around the policies
run=$(sql "$su" -c "SELECT max (id) FROM awb.scoring_runs")
sql "$uri_li" -c "SELECT count(*) FROM awb.scores_$run" > "$tmp/out.txt" 2>&1
rc=$?
[ "$rc" != 0 ] && grep -q "permission denied for table scores_$run" "$tmp/out.txt" &&
  [ "$(sql "$uri_li" -c "SELECT count(*) FROM awb.scores WHERE run_id = $run")" = "$n_mgr" ]
r=$?; [ "$r" = 0 ] || show "$tmp/out.txt"
check "a manager reads their $n_mgr scores of the run through awb.scores, never its partition" $r

"$cli" branch status --server "$uri_boss" > "$tmp/out.txt" 2>&1 &&
  grep -qx "Held: 200 clients, $((n_trades + 4)) trades, $n_interactions interactions" "$tmp/out.txt" &&
  grep -qx "Newest scoring run on the server: $run" "$tmp/out.txt" &&
  grep -qx "User: pgops_boss (branch)" "$tmp/out.txt"
r=$?; [ "$r" = 0 ] || show "$tmp/out.txt"
check "branch status shows what the branch manager's cache holds, synced, and the newest run" $r

# an upload cut short (the process killed before the run is complete):
# nothing of it on the server, and the next run takes its place, counting
# its migrations from the stored run, not from the cut one
before=$(counts)
AWB_SERVER_RUN_KILL_AT=upload-before-complete "$cli" score --server "$uri_boss" --as-of 2026-06-30 -q \
  > /dev/null 2>&1
rc=$?
[ "$rc" = 137 ] && [ "$(counts)" = "$before" ] &&
  [ "$(sql "$su" -c "SELECT to_regclass ('awb.scores_$((run + 1))') IS NULL")" = t ]
check "a cut upload leaves nothing on the server, not even the run's partition" $?
"$cli" score --server "$uri_boss" --as-of 2026-06-30 -q > "$tmp/out.txt" 2>&1 &&
  [ "$(sql "$su" -c "SELECT string_agg (id || ':' || complete, ' ' ORDER BY id) FROM awb.scoring_runs")" = "$run:true $((run + 1)):true" ] &&
  [ "$(sql "$su" -c "SELECT string_agg (DISTINCT from_run::text, ' ') FROM awb.run_migrations WHERE run_id = $((run + 1))")" = "$run" ] &&
  [ "$(sql "$su" -c "SELECT count(*) FROM awb.scores WHERE run_id = $((run + 1))")" = 200 ]
r=$?; [ "$r" = 0 ] || show "$tmp/out.txt"
check "the next score --server stores run $((run + 1)), its migrations counted from run $run" $r

# ---- usage ------------------------------------------------------------------------
"$cli" score --db "$tmp/local.sqlite" --server "$uri_boss" -q > /dev/null 2> "$tmp/err.txt"
rc=$?
[ "$rc" = 2 ] && grep -q "give either --db (a book) or --server (the branch server), not both" "$tmp/err.txt"
r=$?; [ "$r" = 0 ] || show "$tmp/err.txt"
check "--db with --server is refused as a usage error" $r

exit $fail
