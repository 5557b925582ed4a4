#!/bin/sh
# test-cli-model.sh: advisor-workbench-cli settings, explain and export
# scores, end to end (TAP)
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: test-cli-model.sh CLI
set -u
cli="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
book="$tmp/book.sqlite"
. "$(dirname "$0")/../common/tap.sh"

echo "1..13"

# ---- settings ---------------------------------------------------------------
"$cli" settings list --db "$book" > "$tmp/list.txt"
check "settings list exits 0 on a new book" $?
head -1 "$tmp/list.txt" | grep -q "^key	value	default$" &&
  grep -q "^tier.weights	40/20/10/10/20	40/20/10/10/20$" "$tmp/list.txt" &&
  grep -q "^risk.allocation	70/20/10,50/40/10,40/40/20,20/50/30,0/50/50,0/40/60,0/30/70,0/20/80,0/10/90	" "$tmp/list.txt"
check "settings list shows key, value and default; the book was seeded" $?

[ "$("$cli" settings get --db "$book" group.hnw_aum)" = "6000000" ]
check "settings get prints the value" $?

"$cli" settings set --db "$book" tier.weights 40/20/10/10/30 2> "$tmp/err.txt"
rc=$?
[ "$rc" = 1 ] && grep -q "tier.weights" "$tmp/err.txt" && grep -q "110" "$tmp/err.txt" &&
  [ "$("$cli" settings get --db "$book" tier.weights)" = "40/20/10/10/20" ]
r=$?; [ "$r" = 0 ] || show "$tmp/err.txt"
check "weights not summing to 100 are refused, naming the setting; nothing changes" $r

"$cli" settings set --db "$book" value.discount abc 2> "$tmp/err.txt"
rc=$?
[ "$rc" = 1 ] && grep -q "value.discount" "$tmp/err.txt" && grep -q "abc" "$tmp/err.txt"
check "a threshold that is not a number is refused, naming setting and value" $?

"$cli" settings set --db "$book" risk.bands 20/40/40/80 2> "$tmp/err.txt"
[ "$?" = 1 ] && grep -q "risk.bands" "$tmp/err.txt" &&
  [ "$("$cli" settings get --db "$book" risk.bands)" = "20/40/60/80" ]
check "overlapping bands are refused; the old bands stay in force" $?

"$cli" settings set --db "$book" tier.weights "50/10/10/10/20" cadence.vip 14 > "$tmp/out.txt" &&
  [ "$("$cli" settings get --db "$book" tier.weights)" = "50/10/10/10/20" ] &&
  "$cli" settings list --db "$book" > "$tmp/list2.txt" &&
  grep -q "^tier.weights\*	50/10/10/10/20	40/20/10/10/20$" "$tmp/list2.txt" &&
  grep -q "^cadence.vip\*	14	30$" "$tmp/list2.txt"
check "a valid change lands, and list marks it" $?
"$cli" settings set --db "$book" tier.weights 40/20/10/10/20 cadence.vip 30 > /dev/null

# ---- explain ----------------------------------------------------------------
# A hand-made book as of 2026-06-30: K1 born 1985-01-01 (41), capacity
# answers 2,3,3,5,5 → 8+6+6+2+2 = 24, A = 75 − 41 = 34: capacity 58 (mid);
# loss 8 % → 16, attitude answers all 4 → 20: attitude 36 (mid-low); level
# C(1 + min (2, 1)) = C2; k = 3 → 20/50/30.  One R3 trade on 2026-06-20
# without override: 1 mismatch (above R2).  Assessed 2025-01-10; q_job
# changed on 2025-03-01 (audit log): re-assessment asked.  K2: a prospect.
d () { echo "CAST(julianday('$1') - julianday('1970-01-01') AS INTEGER)"; }
sqlite3 "$book" <<SQL
INSERT INTO clients (id, client_no, name, aum, birth_date, q_job, q_burden, q_housing,
  q_experience, q_knowledge, loss_tolerance_pct, q_priority, q_stoploss, q_if_loss, q_watching,
  q_results, assessed_on, marital_status, children, youngest_child_age, employment)
VALUES (1, 'K1', 'k one', 200000000, $(d 1985-01-01), 2, 3, 3, 5, 5, 8, 4, 4, 4, 4, 4,
  $(d 2025-01-10), 'married', 1, 10, 'working'),
  (2, 'K2', 'k two', 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  NULL, NULL, NULL, NULL, NULL);
INSERT INTO trades (client_id, trade_date, commission, amount, product_risk, override_signed, trade_no)
VALUES (1, $(d 2026-06-20), 10000, 5000000, 3, 0, 't1');
INSERT INTO audit_log (at, who, client_id, field, old_value, new_value)
VALUES ('2025-03-01T10:00:00Z', 'rm', 1, 'q_job', '1', '2');
SQL
"$cli" explain --db "$book" --as-of 2026-06-30 K1 > "$tmp/k1.txt"
check "explain exits 0" $?
r=0
for line in \
  "Client K1 as of 2026-06-30" \
  "Capacity 58 (band Mid): 34 points for age 41, plus job 8, burden 6, housing 6, experience 2, knowledge 2 for the five answers." \
  "Attitude 36 (band Mid-low): 16 points for a largest accepted loss of 8%, plus priority 4, stop-loss 4, if it loses 4, watching 4, results 4 for the five answers." \
  "Allocation for k = 2 + 1 = 3 (the capacity and attitude band indexes): low-risk 20%, medium-risk 50%, high-risk 30%." \
  "Level C2 from the lower band (capacity Mid, attitude Mid-low)." \
  "Suitability: 1 mismatch, counting the trades of the last 12 months above R2 without a signed special risk warning (trades by level R1–R5: 0/0/1/0/0, without a signed warning: 0/0/1/0/0)." \
  "Re-assessment asked: a field the questionnaire used changed on 2025-03-01." \
  "RFM: R 5: recency 10 days, " \
  "Family life cycle: Full nest II (rule 4" \
  "  1. Resolve the suitability mismatch" \
  "  2. Re-assess the risk profile"
do
  grep -qF "$line" "$tmp/k1.txt" || { echo "# missing: $line"; r=1; }
done
[ "$r" = 0 ] || show "$tmp/k1.txt"
check "explain shows the inputs and rules worked out by hand" $r

"$cli" explain --db "$book" --as-of 2026-06-30 NOPE 2> "$tmp/err.txt"
[ "$?" = 1 ] && grep -q "NOPE" "$tmp/err.txt"
check "explain names a client that is not in the book" $?

# ---- export scores ----------------------------------------------------------
"$cli" export scores --db "$book" --output "$tmp/none.csv" 2> "$tmp/err.txt"
[ "$?" = 1 ] && [ ! -e "$tmp/none.csv" ]
check "export scores without a run fails and writes nothing" $?

"$cli" score --db "$book" --as-of 2026-06-30 -q > /dev/null &&
  "$cli" export scores --db "$book" --output "$tmp/scores.csv" > /dev/null
check "export scores exits 0" $?
head -1 "$tmp/scores.csv" | grep -qx "client_id,as_of,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_segment,rfm_state,tier_score,tier,service_group,cadence_days,overdue,capital_size,turnover_class,dependency,persistence,loyalty_type,loyalty_score,lifecycle,capacity,attitude,capacity_band,attitude_band,risk_level,questionnaire_expired,alloc_low,alloc_mid,alloc_high,mismatches,age_group,life_stage,family_stage,clv,value_tier" &&
  [ "$(wc -l < "$tmp/scores.csv")" = 3 ] &&
  grep -q "^K1,2026-06-30,10,1,100.00,5,1,1," "$tmp/scores.csv" &&
  grep -q "^K2,2026-06-30,,,,,,,,," "$tmp/scores.csv"
r=$?; [ "$r" = 0 ] || show "$tmp/scores.csv"
check "export scores writes §11's columns, one row per client, a prospect's RFM empty" $r

exit $fail
