/* test-client-explanation.c: one client's labels explained, and what an
 * edit of the profile would change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Today is 2026-12-03 (T).  Three clients, each with one trade at T-10:
 *   A: born 1976-12-03 (50 today), AUM 100.00, questionnaire answered
 *      1/1/1/1/1 (capacity items), 3/3/3/3/3 (attitude items), largest
 *      accepted loss 20 %, assessed 2026-01-01.
 *   B: AUM 200.00;  C: AUM 300.00; no questionnaire.
 * Worked by hand from spec §7 with the default settings:
 *   A's capacity = age points min (50, 75 - 50) = 25, plus 5 x 10 = 75:
 *   mid-high (60 <= 75 < 80); attitude = min (2 x 20, 50) = 40, plus 5 x 6
 *   = 70: mid-high.  Level from the lower band: C4; allocation k = 3 + 3
 *   = 6: 0/30/70.
 *   A with a largest loss of 5 %: attitude 10 + 30 = 40, mid (40 <= 40 <
 *   60): level C3; k = 3 + 2 = 5: 0/40/60.
 *   A with job answer 5 (2 points): capacity 67, still mid-high: C4.
 * §4 percent rank of AUM: (values below) / (n - 1) x 100: A 0, B 50, C 100.
 *   B with AUM 400.00 ranks 100: the tier score rises by 40 % x 50 = 20.
 *   B with AUM 150.00 ranks 50 (only A's 100 below): the score stays.
 */
#include "config.h"

#include <string.h>

#include "awb-client-explanation.h"
#include "awb-codes.h"
#include "awb-date.h"
#include "awb-profile.h"
#include "awb-scores-export.h"
#include "book-fixture.h"

#define T 20790

static void
setup (BookFixture   *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  g_assert_cmpint (awb_date_from_ymd (2026, 12, 3), ==, T);
  book_fixture_setup (f, data);
  sql = g_strdup_printf (
    "INSERT INTO clients (id, client_no, name, birth_date, aum, opened_on,"
    " q_job, q_burden, q_housing, q_experience, q_knowledge, loss_tolerance_pct,"
    " q_priority, q_stoploss, q_if_loss, q_watching, q_results, assessed_on) VALUES"
    " (1, 'A', 'a', %d, 10000, %d, 1, 1, 1, 1, 1, 20, 3, 3, 3, 3, 3, %d);"
    "INSERT INTO clients (id, client_no, name, aum, opened_on) VALUES"
    " (2, 'B', 'b', 20000, %d), (3, 'C', 'c', 30000, %d);"
    "INSERT INTO trades (client_id, trade_date, commission, amount, product_risk, trade_no)"
    " VALUES (1, %d, 500, 100000, 2, 't1'), (2, %d, 500, 100000, 2, 't2'),"
    " (3, %d, 500, 100000, 2, 't3');",
    awb_date_from_ymd (1976, 12, 3), T - 800, awb_date_from_ymd (2026, 1, 1),
    T - 800, T - 800, T - 10, T - 10, T - 10);
  g_assert_true (awb_database_exec (f->db, sql, &error));
  g_assert_no_error (error);
}

static void
profile_facts (BookFixture    *f,
               gint64          id,
               const char     *field,
               const char     *text,
               AwbClientFacts *facts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbProfile) profile = awb_profile_read (f->db, id, T, &error);

  g_assert_no_error (error);
  if (field != NULL)
    awb_profile_set (profile, field, text);
  awb_profile_get_facts (profile, facts);
}

static void
test_risk (BookFixture   *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbClientExplanation) e = awb_client_explanation_load (f->db, 1, T, NULL, &error);
  const AwbClientLabels *l;
  AwbClientLabels now;
  AwbClientFacts facts;

  g_assert_no_error (error);
  l = awb_client_explanation_get_labels (e);
  g_assert_cmpint (l->capacity, ==, 75);
  g_assert_cmpint (l->attitude, ==, 70);
  g_assert_cmpint (l->risk_level, ==, AWB_LEVEL_C4);
  g_assert_cmpint (l->alloc_low, ==, 0);
  g_assert_cmpint (l->alloc_mid, ==, 30);
  g_assert_cmpint (l->alloc_high, ==, 70);
  g_assert_nonnull (strstr (awb_client_explanation_get_part (e, AWB_EXPLAIN_RISK),
                            "Capacity 75 (band Mid-high)"));
  g_assert_nonnull (strstr (awb_client_explanation_get_part (e, AWB_EXPLAIN_RISK),
                            "Level C4"));
  g_assert_null (strstr (awb_client_explanation_get_part (e, AWB_EXPLAIN_TIER), "Capacity"));

  /* the profile as the book has it: the same labels, to the byte */
  profile_facts (f, 1, NULL, NULL, &facts);
  awb_client_explanation_relabel (e, &facts, &now);
  g_assert_cmpmem (&now, sizeof now, l, sizeof *l);

  profile_facts (f, 1, "loss_tolerance_pct", "5", &facts);
  awb_client_explanation_relabel (e, &facts, &now);
  g_assert_cmpint (now.attitude, ==, 40);
  g_assert_cmpint (now.risk_level, ==, AWB_LEVEL_C3);
  g_assert_cmpint (now.alloc_mid, ==, 40);
  g_assert_cmpint (now.alloc_high, ==, 60);

  profile_facts (f, 1, "q_job", "5", &facts);
  awb_client_explanation_relabel (e, &facts, &now);
  g_assert_cmpint (now.capacity, ==, 67);
  g_assert_cmpint (now.risk_level, ==, AWB_LEVEL_C4);
}

static void
test_aum_rank (BookFixture   *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbClientExplanation) e = awb_client_explanation_load (f->db, 2, T, NULL, &error);
  const AwbClientLabels *l;
  AwbClientLabels now;
  AwbClientFacts facts;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  l = awb_client_explanation_get_labels (e);

  profile_facts (f, 2, "aum", "400.00", &facts);
  awb_client_explanation_relabel (e, &facts, &now);
  g_assert_cmpfloat_with_epsilon (now.tier_score - l->tier_score, 20.0, 1e-9);

  profile_facts (f, 2, "aum", "150.00", &facts);
  awb_client_explanation_relabel (e, &facts, &now);
  g_assert_cmpfloat_with_epsilon (now.tier_score, l->tier_score, 1e-9);

  /* the whole text is explain's: heading, then every group */
  text = awb_client_explanation_get_text (e);
  g_assert_true (g_str_has_prefix (text, "Client B as of 2026-12-03\nRFM: "));
  g_assert_nonnull (strstr (text, "Next best actions:\n"));
}

/* The latest run's labels of one client, read by key; a client the run did
 * not score, and a book without a run, give none. */
static void
test_run_labels (BookFixture   *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AwbClientLabels l;
  gint64 run_id = -1;
  AwbDate as_of = 0;

  g_assert_false (awb_scores_read_client (f->db, 1, &run_id, &as_of, &l, &error));
  g_assert_no_error (error);
  g_assert_cmpint (run_id, ==, 0);

  g_assert_true (awb_database_exec (f->db,
                                    "INSERT INTO scoring_runs (id, created_at, as_of, settings)"
                                    " VALUES (1, 'x', 20000, ''), (2, 'y', 20790, '');"
                                    "INSERT INTO scores (id, tier, risk_level, capacity, clv)"
                                    " VALUES ((1 << 32) | 1, 3, 0, 10, 5),"
                                    " ((2 << 32) | 1, 1, 3, 75, 700), ((2 << 32) | 2, 0, NULL, NULL, 9);",
                                    &error));
  g_assert_no_error (error);
  g_assert_true (awb_scores_read_client (f->db, 1, &run_id, &as_of, &l, &error));
  g_assert_cmpint (run_id, ==, 2);
  g_assert_cmpint (as_of, ==, 20790);
  g_assert_cmpint (l.tier, ==, AWB_TIER_KEY);
  g_assert_cmpint (l.risk_level, ==, AWB_LEVEL_C4);
  g_assert_cmpint (l.capacity, ==, 75);
  g_assert_cmpint (l.clv, ==, 700);
  g_assert_true (awb_scores_read_client (f->db, 2, &run_id, &as_of, &l, &error));
  g_assert_cmpint (l.risk_level, ==, AWB_UNKNOWN);
  g_assert_false (awb_scores_read_client (f->db, 3, &run_id, &as_of, &l, &error));
  g_assert_no_error (error);
  g_assert_cmpint (run_id, ==, 0);
}

static void
test_not_found (BookFixture   *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbClientExplanation) e = awb_client_explanation_load (f->db, 99, T, NULL, &error);

  g_assert_null (e);
  g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/client-explanation/risk", BookFixture, NULL, setup, test_risk,
              book_fixture_teardown);
  g_test_add ("/client-explanation/aum-rank", BookFixture, NULL, setup, test_aum_rank,
              book_fixture_teardown);
  g_test_add ("/client-explanation/run-labels", BookFixture, NULL, setup, test_run_labels,
              book_fixture_teardown);
  g_test_add ("/client-explanation/not-found", BookFixture, NULL, setup, test_not_found,
              book_fixture_teardown);
  return g_test_run ();
}
