/* test-scoring.c: gathering facts, scoring runs, listing and deleting them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A hand-made book, as of 2024-12-31 (day 20088; the last 365 days are
 * days 19724..20088, i.e. 2024-01-02..2024-12-31):
 *
 *   C1 (id 1), full profile, trades:
 *     t1 2024-12-31 (20088) commission 1.00  amount 100.00  R3, no override
 *     t2 2024-01-01 (19723) commission 0.50  amount  50.00  (one day too old)
 *     t3 2024-01-02 (19724) commission 2.00  amount 200.00  R5, override signed
 *     t4 2025-01-05 (20093) commission 9.99  amount 999.00  (after the date: ignored)
 *     t5 2023-06-30 (19538) commission 3.00  amount 300.00
 *   interactions: survey 4 and survey 2 on 2024-06-01 (19875; the one
 *   recorded last wins: 2), a call with a satisfaction 5 on 2024-07-01
 *   (not a survey), a survey without satisfaction on 2024-08-01 (19936:
 *   the latest interaction, not a survey result), a survey 5 on 2025-02-01
 *   (after the date: ignored).
 *   C2 (id 2), name only, no trade: a prospect.
 *   C3 (id 10), one trade 2024-12-01 (20058) commission 10.00 amount 5,000.00.
 *
 * RFM with the defaults (365 days, commission): C1 R 0, F 2 (t1, t3), M 3.00;
 * C3 R 30, F 1, M 10.00.  Two scored clients, so quantile k is
 * x1 + 0.2k (x2 − x1) and the breakpoints are R 7 13 19 25, F 2.2 2.4 2.6
 * 2.8, M 5.4 6.8 8.2 9.6: C1 is R 5 F 1 M 1 → New (active); C3 is R 1 F 1
 * M 5 → Lost (churn risk: M ≥ 4).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "awb-date.h"
#include "awb-scoring.h"

#define AS_OF 20088

typedef struct
{
  char        *dir;
  char        *path;
  AwbDatabase *db;
} Fixture;

static const char book_sql[] =
  "INSERT INTO clients (id, client_no, name, birth_date, opened_on, assessed_on, aum,"
  " share_of_wallet, marital_status, employment, need_type, loyalty_driver,"
  " family_stage_override, lowest_category, competitor_account, children,"
  " youngest_child_age, referrals, cadence_days, q_job, q_burden, q_housing, q_experience,"
  " q_knowledge, q_priority, q_stoploss, q_if_loss, q_watching, q_results, loss_tolerance_pct)"
  " VALUES (1, 'C1', 'Zhang', 3773, 14683, 19417, 123456, 40.5, 'married', 'working',"
  " 'professional', 'trust', 'full_nest_1', 1, 1, 2, 5, 3, 30, 1, 2, 3, 4, 5, 5, 4, 3, 2, 1, 20);"
  "INSERT INTO clients (id, client_no, name) VALUES (2, 'C2', 'Li');"
  "INSERT INTO clients (id, client_no, name, aum) VALUES (10, 'C3', 'Wang', 500000000);"
  "INSERT INTO trades (client_id, trade_date, commission, amount, product_risk,"
  " override_signed, trade_no) VALUES"
  " (1, 20088, 100, 10000, 3, 0, 't1'), (1, 19723, 50, 5000, NULL, 0, 't2'),"
  " (1, 19724, 200, 20000, 5, 1, 't3'), (1, 20093, 999, 99900, 5, 0, 't4'),"
  " (1, 19538, 300, 30000, NULL, 0, 't5'), (10, 20058, 1000, 500000, NULL, 0, 't6');"
  "INSERT INTO interactions (client_id, date, kind, satisfaction) VALUES"
  " (1, 19875, 'survey', 4), (1, 19875, 'survey', 2), (1, 19905, 'call', 5),"
  " (1, 19936, 'survey', NULL), (1, 20120, 'survey', 5);";

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("awb-test-scoring-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "book.sqlite", NULL);
  f->db = awb_database_open (f->path, &error);
  g_assert_no_error (error);
  if (data != NULL)
    {
      g_assert_true (awb_database_exec (f->db, data, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->db);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
  g_free (f->path);
}

static gint64
query_int (AwbDatabase *db,
           const char  *sql)
{
  g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
test_gather (Fixture       *f,
             gconstpointer  data)
{
  AwbClientFacts *facts = NULL;
  const AwbClientFacts *c;
  gsize n = 0;
  g_autoptr(GError) error = NULL;
  static const gint8 q_capacity[5] = { 1, 2, 3, 4, 5 };
  static const gint8 q_attitude[5] = { 5, 4, 3, 2, 1 };

  /* The audit log: C1's q_job changed 2024-03-05 (day 19787: 2024-01-01 is
   * 19723, + 31 + 29 + 4), its name later (not a questionnaire field), its
   * q_burden after the reference date (ignored); C3's birth date
   * 2023-12-31 (19722), then an earlier change recorded later. */
  g_assert_true (awb_database_exec (f->db,
    "INSERT INTO audit_log (at, who, client_id, field, old_value, new_value) VALUES"
    " ('2024-03-05T10:00:00Z', 'import', 1, 'q_job', '2', '1'),"
    " ('2024-06-01T09:00:00Z', 'import', 1, 'name', 'Z', 'Zhang'),"
    " ('2025-02-01T09:00:00Z', 'import', 1, 'q_burden', '1', '2'),"
    " ('2023-12-31T23:59:59Z', 'import', 10, 'birth_date', NULL, '1980-01-01'),"
    " ('2023-05-01T08:00:00Z', 'import', 10, 'loss_tolerance_pct', NULL, '20')",
    &error));
  g_assert_no_error (error);

  g_assert_true (awb_scoring_gather (f->db, AS_OF, 365, &facts, &n, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (facts[0].profile_changed_on, ==, 19787);
  g_assert_cmpint (facts[1].profile_changed_on, ==, AWB_DATE_NONE);
  g_assert_cmpint (facts[2].profile_changed_on, ==, 19722);

  c = &facts[0];
  g_assert_cmpint (c->id, ==, 1);
  g_assert_cmpstr (c->client_no, ==, "C1");
  g_assert_cmpint (c->birth_date, ==, 3773);
  g_assert_cmpint (c->opened_on, ==, 14683);
  g_assert_cmpint (c->assessed_on, ==, 19417);
  g_assert_cmpint (c->aum, ==, 123456);
  g_assert_cmpfloat (c->share_of_wallet, ==, 40.5);
  g_assert_cmpint (c->marital, ==, AWB_MARITAL_MARRIED);
  g_assert_cmpint (c->employment, ==, AWB_EMPLOYMENT_WORKING);
  g_assert_cmpint (c->need_type, ==, AWB_NEED_PROFESSIONAL);
  g_assert_cmpint (c->loyalty_driver, ==, AWB_DRIVER_TRUST);
  g_assert_cmpint (c->family_override, ==, AWB_FAMILY_FULL_NEST_1);
  g_assert_cmpint (c->lowest_category, ==, 1);
  g_assert_cmpint (c->competitor_account, ==, 1);
  g_assert_cmpint (c->children, ==, 2);
  g_assert_cmpint (c->youngest_child_age, ==, 5);
  g_assert_cmpint (c->referrals, ==, 3);
  g_assert_cmpint (c->cadence_days, ==, 30);
  g_assert_cmpmem (c->q_capacity, 5, q_capacity, 5);
  g_assert_cmpmem (c->q_attitude, 5, q_attitude, 5);
  g_assert_cmpint (c->loss_tolerance_pct, ==, 20);
  /* trades: t4 is after the date, t2 one day out of the window */
  g_assert_cmpint (c->first_trade, ==, 19538);
  g_assert_cmpint (c->last_trade, ==, 20088);
  g_assert_cmpuint (c->n_window, ==, 2);
  g_assert_cmpint (c->commission_window, ==, 300);
  g_assert_cmpint (c->amount_window, ==, 30000);
  g_assert_cmpuint (c->n_12m, ==, 2);
  g_assert_cmpint (c->commission_12m, ==, 300);
  g_assert_cmpint (c->amount_12m, ==, 30000);
  /* bit k = month − (2024-12 − 12): 2024-01 is bit 1, 2024-12 bit 12 */
  g_assert_cmpuint (c->months_12m, ==, (1u << 1) | (1u << 12));
  g_assert_cmpuint (c->n_12m_by_risk[2], ==, 1);
  g_assert_cmpuint (c->n_12m_by_risk[4], ==, 1);
  g_assert_cmpuint (c->n_12m_by_risk[0] + c->n_12m_by_risk[1] + c->n_12m_by_risk[3], ==, 0);
  g_assert_cmpuint (c->n_12m_by_risk_no_override[2], ==, 1);
  g_assert_cmpuint (c->n_12m_by_risk_no_override[4], ==, 0);
  /* interactions */
  g_assert_cmpint (c->last_interaction, ==, 19936);
  g_assert_cmpint (c->latest_survey, ==, 2);

  /* C2: nothing known, the defaults of spec §12 */
  c = &facts[1];
  g_assert_cmpstr (c->client_no, ==, "C2");
  g_assert_cmpint (c->birth_date, ==, AWB_DATE_NONE);
  g_assert_cmpint (c->aum, ==, 0);
  g_assert_cmpfloat (c->share_of_wallet, ==, 0);
  g_assert_cmpint (c->marital, ==, AWB_UNKNOWN);
  g_assert_cmpint (c->need_type, ==, AWB_NEED_BASIC);
  g_assert_cmpint (c->loyalty_driver, ==, AWB_DRIVER_UNKNOWN);
  g_assert_cmpint (c->family_override, ==, AWB_UNKNOWN);
  g_assert_cmpint (c->children, ==, 0);
  g_assert_cmpint (c->youngest_child_age, ==, AWB_UNKNOWN);
  g_assert_cmpint (c->loss_tolerance_pct, ==, AWB_UNKNOWN);
  g_assert_cmpint (c->q_capacity[0], ==, 0);
  g_assert_cmpint (c->first_trade, ==, AWB_DATE_NONE);
  g_assert_cmpint (c->last_trade, ==, AWB_DATE_NONE);
  g_assert_cmpint (c->last_interaction, ==, AWB_DATE_NONE);
  g_assert_cmpint (c->latest_survey, ==, AWB_UNKNOWN);

  g_assert_cmpint (facts[2].id, ==, 10);
  g_assert_cmpuint (facts[2].n_window, ==, 1);
  awb_client_facts_free (facts, n);

  /* all history: t2 and t5 count too (t4 still not) */
  g_assert_true (awb_scoring_gather (f->db, AS_OF, 0, &facts, &n, NULL, NULL, NULL, &error));
  g_assert_cmpuint (facts[0].n_window, ==, 4);
  g_assert_cmpint (facts[0].commission_window, ==, 650);
  g_assert_cmpint (facts[0].amount_window, ==, 65000);
  g_assert_cmpuint (facts[0].n_12m, ==, 2);
  awb_client_facts_free (facts, n);
}

static void
check_score_row (AwbDatabase *db,
                 gint64       run_id,
                 gint64       client_id,
                 const char  *expected)
{
  g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db,
    "SELECT coalesce(recency_days, 'NULL') || ',' || coalesce(frequency, 'NULL') || ',' ||"
    " coalesce(monetary, 'NULL') || ',' || coalesce(r_score, 'NULL') ||"
    " coalesce(f_score, 'NULL') || coalesce(m_score, 'NULL') || ',' ||"
    " coalesce(rfm_segment, 'NULL') || ',' || coalesce(rfm_state, 'NULL') || ',' ||"
    " coalesce(tier, 'NULL') || ',' || coalesce(tier_score, 'NULL') || ',' ||"
    " coalesce(clv, 'NULL')"
    " FROM scores WHERE run_id = ?1 AND client_id = ?2", NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_int64 (stmt, 2, client_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, expected);
}

static void
test_run (Fixture       *f,
          gconstpointer  data)
{
  AwbRfmSettings s;
  AwbRfmBreakpoints bp;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GArray) dist = NULL;
  gint64 run_id;
  const AwbScoringRunInfo *info;

  awb_rfm_settings_init_default (&s);
  run_id = awb_scoring_run (f->db, AS_OF, &s, NULL, NULL, NULL, NULL, NULL, &bp, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_id, ==, 1);
  g_assert_cmpuint (bp.n_scored, ==, 2);
  g_assert_cmpuint (bp.n_prospects, ==, 1);
  g_assert_cmpfloat_with_epsilon (bp.dim[AWB_RFM_DIM_R].edge[4], 25, 1e-9);
  g_assert_cmpfloat_with_epsilon (bp.dim[AWB_RFM_DIM_M].edge[4], 9.6, 1e-9);

  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM scores WHERE run_id = 1"), ==, 3);
  /* recency, frequency, monetary (fen), RFM, segment, state; classification NULL */
  check_score_row (f->db, 1, 1, "0,2,300,511,4,0,NULL,NULL,NULL");
  check_score_row (f->db, 1, 2, "NULL,NULL,NULL,NULLNULLNULL,NULL,NULL,NULL,NULL,NULL");
  check_score_row (f->db, 1, 10, "30,1,1000,115,9,2,NULL,NULL,NULL");

  runs = awb_scoring_list_runs (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  info = g_ptr_array_index (runs, 0);
  g_assert_cmpint (info->as_of, ==, AS_OF);
  g_assert_cmpint (info->n_clients, ==, 3);
  g_assert_true (g_str_has_suffix (info->created_at, "Z"));
  g_assert_nonnull (strstr (info->settings, "rfm.window_days=365\n"));
  g_assert_nonnull (strstr (info->settings, "rfm.monetary=commission\n"));
  {
    /* stored with 17 digits: 1 + (1 − h)·0 + h·30 with h = 1.2 − 1 is 6.999999999999999 */
    const char *line = strstr (info->settings, "rfm.breakpoints.r=");
    g_auto(GStrv) lines = NULL;
    g_auto(GStrv) v = NULL;
    static const double r_edges[6] = { 0, 7, 13, 19, 25, 31 };

    g_assert_nonnull (line);
    lines = g_strsplit (line + strlen ("rfm.breakpoints.r="), "\n", 2);
    v = g_strsplit (lines[0], ",", -1);
    g_assert_cmpuint (g_strv_length (v), ==, 6);
    for (int i = 0; i < 6; i++)
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (v[i], NULL), r_edges[i], 1e-12);
  }
  g_assert_nonnull (strstr (info->settings,
                            "rfm.segment.champions=5/5/5\n"
                            "rfm.segment.potential_loyalist=3-5/3-5/2-5\n"));

  /* the snapshot explains the stored scores: exactly the breakpoints in force */
  {
    AwbRfmSettings back;
    AwbRfmBreakpoints stored;
    AwbClientLabels l;
    g_autofree char *why = NULL;

    g_assert_true (awb_rfm_settings_parse (info->settings, &back, &stored, &error));
    g_assert_no_error (error);
    for (int d = 0; d < AWB_RFM_N_DIMS; d++)
      {
        g_assert_cmpuint (stored.dim[d].bins, ==, 5);
        g_assert_cmpmem (stored.dim[d].edge, 6 * sizeof (double), bp.dim[d].edge,
                         6 * sizeof (double));
      }
    /* C3: R 30 in the last group, 25 ≤ 30 < 31 */
    awb_rfm_labels_init (&l);
    l.recency_days = 30;
    l.frequency = 1;
    l.monetary = 1000;
    l.r_score = 1;
    l.f_score = 1;
    l.m_score = 5;
    why = awb_rfm_explain (&back, &stored, &l);
    g_test_message ("%s", why);
    g_assert_nonnull (strstr (why, "R 1: recency 30 days, 25 ≤ 30 < 31"));
    g_assert_nonnull (strstr (why, " Segment Lost: box "));
    g_assert_nonnull (strstr (why, " (R 1, F 1–5, M 1–5) is the first that matches; "));
  }

  dist = awb_scoring_get_distribution (f->db, run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dist->len, ==, AWB_N_SEGMENTS + 1);
  for (guint i = 0; i <= AWB_N_SEGMENTS; i++)
    {
      const AwbSegmentCount *row = &g_array_index (dist, AwbSegmentCount, i);
      gint64 n = i == AWB_SEGMENT_NEW || i == AWB_SEGMENT_LOST || i == AWB_N_SEGMENTS;
      AwbFen aum = i == AWB_SEGMENT_NEW ? 123456 : i == AWB_SEGMENT_LOST ? 500000000 : 0;

      g_assert_cmpint (row->segment, ==, i);
      g_assert_cmpint (row->n_clients, ==, n);
      g_assert_cmpint (row->aum, ==, aum);
    }
}

/* Commission vs amount through the book: by amount C1 has 300.00 and C3
 * 5,000.00 yuan, the same order, so the M scores stay 1 and 5 but the
 * stored monetary is the amount. */
static void
test_run_by_amount (Fixture       *f,
                    gconstpointer  data)
{
  AwbRfmSettings s;
  g_autoptr(GError) error = NULL;
  gint64 run_id;

  awb_rfm_settings_init_default (&s);
  s.monetary = AWB_MONETARY_AMOUNT;
  run_id = awb_scoring_run (f->db, AS_OF, &s, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  check_score_row (f->db, run_id, 1, "0,2,30000,511,4,0,NULL,NULL,NULL");
  check_score_row (f->db, run_id, 10, "30,1,500000,115,9,2,NULL,NULL,NULL");
}

static gboolean
classify_tier (AwbDate                as_of,
               const AwbClientFacts  *facts,
               AwbClientLabels       *labels,
               gsize                  n,
               gpointer               user_data,
               GError               **error)
{
  for (gsize i = 0; i < n; i++)
    {
      labels[i].tier = AWB_TIER_KEY;
      labels[i].tier_score = 62.5;
      labels[i].clv = facts[i].commission_12m * 2;
      labels[i].value_tier = AWB_VALUE_LOW;
    }
  return TRUE;
}

static gboolean
classify_fail (AwbDate                as_of,
               const AwbClientFacts  *facts,
               AwbClientLabels       *labels,
               gsize                  n,
               gpointer               user_data,
               GError               **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "weights do not sum to 100");
  return FALSE;
}

/* Sparse client ids (C3 is id 100,000 among three clients) take the hash
 * map and the one-thread gather: the same results as test_run. */
static void
test_sparse_ids (Fixture       *f,
                 gconstpointer  data)
{
  AwbRfmSettings s;
  AwbClientFacts *facts = NULL;
  gsize n = 0;
  g_autoptr(GError) error = NULL;
  gint64 run_id;

  g_assert_true (awb_database_exec (f->db, "PRAGMA foreign_keys = OFF;"
                                    "UPDATE clients SET id = 100000 WHERE id = 10;"
                                    "UPDATE trades SET client_id = 100000 WHERE client_id = 10;"
                                    "PRAGMA foreign_keys = ON;", &error));
  awb_rfm_settings_init_default (&s);
  run_id = awb_scoring_run (f->db, AS_OF, &s, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  check_score_row (f->db, run_id, 1, "0,2,300,511,4,0,NULL,NULL,NULL");
  check_score_row (f->db, run_id, 100000, "30,1,1000,115,9,2,NULL,NULL,NULL");

  g_assert_true (awb_scoring_gather (f->db, AS_OF, 365, &facts, &n, NULL, NULL, NULL, &error));
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (facts[2].id, ==, 100000);
  g_assert_cmpint (facts[2].commission_window, ==, 1000);
  g_assert_cmpint (facts[0].latest_survey, ==, 2);
  awb_client_facts_free (facts, n);
}

static void
test_classify_hook (Fixture       *f,
                    gconstpointer  data)
{
  AwbRfmSettings s;
  g_autoptr(GError) error = NULL;
  gint64 run_id;

  awb_rfm_settings_init_default (&s);
  run_id = awb_scoring_run (f->db, AS_OF, &s, classify_tier, NULL, NULL, NULL, NULL, NULL,
                            &error);
  g_assert_no_error (error);
  check_score_row (f->db, run_id, 1, "0,2,300,511,4,0,1,62.5,600");
  check_score_row (f->db, run_id, 2, "NULL,NULL,NULL,NULLNULLNULL,NULL,NULL,1,62.5,0");

  /* a failing hook: error, and nothing written */
  g_assert_cmpint (awb_scoring_run (f->db, AS_OF, &s, classify_fail, NULL, NULL, NULL, NULL,
                                    NULL, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM scoring_runs"), ==, 1);
}

static void
test_list_and_delete (Fixture       *f,
                      gconstpointer  data)
{
  AwbRfmSettings s;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GArray) dist = NULL;

  awb_rfm_settings_init_default (&s);
  g_assert_cmpint (awb_scoring_get_latest_run (f->db, &error), ==, 0);
  g_assert_cmpint (awb_scoring_run (f->db, AS_OF, &s, NULL, NULL, NULL, NULL, NULL, NULL,
                                    &error), ==, 1);
  s.window_days = 0;
  g_assert_cmpint (awb_scoring_run (f->db, AS_OF - 31, &s, NULL, NULL, NULL, NULL, NULL, NULL,
                                    &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpint (awb_scoring_get_latest_run (f->db, &error), ==, 2);

  runs = awb_scoring_list_runs (f->db, &error);
  g_assert_cmpuint (runs->len, ==, 2);
  g_assert_cmpint (((AwbScoringRunInfo *) runs->pdata[1])->as_of, ==, AS_OF - 31);
  g_assert_nonnull (strstr (((AwbScoringRunInfo *) runs->pdata[1])->settings,
                            "rfm.window_days=all\n"));

  g_assert_true (awb_scoring_delete_run (f->db, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM scores WHERE run_id = 1"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM scores WHERE run_id = 2"), ==, 3);

  g_assert_false (awb_scoring_delete_run (f->db, 1, &error));
  g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "1"));
  g_clear_error (&error);

  dist = awb_scoring_get_distribution (f->db, 7, &error);
  g_assert_null (dist);
  g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_FOUND);
}

/* Run 1 as of 2024-12-31: C1 New, C2 prospect, C3 Lost.  Then C4 is added
 * and run 2 is as of 2024-11-30 (day 20057): C3's only trade (20058) is
 * later, so C3 is a prospect; C1 alone is scored (t2 19723 and t3 19724
 * in the window 19692 < d ≤ 20057), a single client: R 5 F 1 M 1, New.
 * Migration 1 → 2: New → New 1, prospect → prospect 1 (C2), Lost →
 * prospect 1 (C3); C4 is in run 2 only. */
static void
test_migration (Fixture       *f,
                gconstpointer  data)
{
  AwbRfmSettings s;
  AwbSegmentMigration m;
  g_autoptr(GError) error = NULL;
  gint64 total = 0;

  awb_rfm_settings_init_default (&s);
  g_assert_cmpint (awb_scoring_run (f->db, AS_OF, &s, NULL, NULL, NULL, NULL, NULL, NULL,
                                    &error), ==, 1);
  g_assert_true (awb_database_exec (f->db, "INSERT INTO clients (id, client_no, name) "
                                    "VALUES (11, 'C4', 'Zhao')", &error));
  g_assert_cmpint (awb_scoring_run (f->db, 20057, &s, NULL, NULL, NULL, NULL, NULL, NULL,
                                    &error), ==, 2);
  g_assert_true (awb_scoring_get_migration (f->db, 1, 2, &m, &error));
  g_assert_no_error (error);
  g_assert_cmpint (m.counts[AWB_SEGMENT_NEW][AWB_SEGMENT_NEW], ==, 1);
  g_assert_cmpint (m.counts[AWB_N_SEGMENTS][AWB_N_SEGMENTS], ==, 1);
  g_assert_cmpint (m.counts[AWB_SEGMENT_LOST][AWB_N_SEGMENTS], ==, 1);
  for (int i = 0; i < AWB_MIGRATION_SIZE; i++)
    for (int j = 0; j < AWB_MIGRATION_SIZE; j++)
      total += m.counts[i][j];
  g_assert_cmpint (total, ==, 3);
  g_assert_cmpint (m.only_in_from, ==, 0);
  g_assert_cmpint (m.only_in_to, ==, 1);

  g_assert_false (awb_scoring_get_migration (f->db, 1, 3, &m, &error));
  g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_FOUND);
}

/* 70,000 clients (more than one progress step of 65,536 rows) with one
 * trade each; the progress callback cancels once writing has begun (> 0.8).
 * The run is rolled back: no scoring_runs row, no scores. */
static const char big_book_sql[] =
  "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 70000)"
  " INSERT INTO clients (id, client_no, name) SELECT i, 'C' || i, 'x' FROM n;"
  "INSERT INTO trades (client_id, trade_date, commission, amount, trade_no)"
  " SELECT id, 20000 + id % 80, id % 1000, id, 't' || id FROM clients;";

typedef struct
{
  GCancellable *cancellable;
  double        last;
  double        cancel_at;
  guint         calls;
} ProgressData;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  ProgressData *p = user_data;

  g_assert_cmpfloat (fraction, >=, p->last);
  p->last = fraction;
  p->calls++;
  if (fraction > p->cancel_at)
    g_cancellable_cancel (p->cancellable);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  AwbRfmSettings s;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ProgressData p = { cancellable, 0, 0.8, 0 };
  gint64 run_id;

  awb_rfm_settings_init_default (&s);
  g_assert_cmpint (awb_scoring_run (f->db, 20100, &s, NULL, NULL, on_progress, &p, cancellable,
                                    NULL, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (p.last, >, 0.8);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM scoring_runs"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM scores"), ==, 0);
  g_assert_true (sqlite3_get_autocommit (awb_database_get_handle (f->db)));

  /* the same book scores fine without a cancel, reporting up to 1 */
  g_clear_error (&error);
  p.cancellable = g_cancellable_new ();
  p.last = 0;
  p.cancel_at = 2;
  run_id = awb_scoring_run (f->db, 20100, &s, NULL, NULL, on_progress, &p, p.cancellable,
                            NULL, &error);
  g_object_unref (p.cancellable);
  g_assert_no_error (error);
  g_assert_cmpint (run_id, ==, 1);
  g_assert_cmpfloat (p.last, ==, 1.0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM scores"), ==, 70000);
}

/* 70,000 clients, four trades each, interleaved across ~50 chunks of
 * trade ids (dates 19400..20199), some prospects.  A run (two
 * threads, chunked) must store exactly what a one-thread gather + RFM
 * gives. */
static const char mixed_book_sql[] =
  "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000)"
  " INSERT INTO clients (id, client_no, name, aum) SELECT i, 'C' || i, 'x', i * 13 FROM n;"
  "WITH RECURSIVE t(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM t WHERE j < 159999)"
  " INSERT INTO trades (client_id, trade_date, commission, amount, product_risk, trade_no)"
  " SELECT 1 + (j * 7919) % 40000, 19400 + (j * 31) % 800, (j * 37) % 5000, (j * 101) % 900000,"
  "  1 + j % 5, 't' || j FROM t WHERE (1 + (j * 7919) % 40000) % 97 <> 0;";

static void
test_parallel_equals_sequential (Fixture       *f,
                                 gconstpointer  data)
{
  AwbRfmSettings s;
  AwbRfmBreakpoints bp;
  AwbClientFacts *facts = NULL;
  g_autofree AwbClientLabels *labels = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gsize n = 0, i = 0, n_prospects = 0;
  gint64 run_id;
  AwbDate as_of = 20200;

  awb_rfm_settings_init_default (&s);
  run_id = awb_scoring_run (f->db, as_of, &s, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (awb_scoring_gather (f->db, as_of, 365, &facts, &n, NULL, NULL, NULL, &error));
  g_assert_cmpuint (n, ==, 40000);
  labels = g_new (AwbClientLabels, n);
  for (gsize k = 0; k < n; k++)
    awb_rfm_labels_init (&labels[k]);
  awb_rfm_score_book (&s, as_of, facts, labels, n, &bp);
  g_assert_cmpuint (bp.n_prospects, >, 0);

  stmt = awb_database_prepare (f->db,
                               "SELECT client_id, recency_days, frequency, monetary, r_score,"
                               " f_score, m_score, rfm_segment FROM scores WHERE run_id = ?1"
                               " ORDER BY client_id", NULL);
  sqlite3_bind_int64 (stmt, 1, run_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const AwbClientLabels *l = &labels[i];

      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, facts[i].id);
      if (l->r_score == AWB_UNKNOWN)
        {
          g_assert_cmpint (sqlite3_column_type (stmt, 1), ==, SQLITE_NULL);
          n_prospects++;
        }
      else
        {
          g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, l->recency_days);
          g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, l->frequency);
          g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, l->monetary);
          g_assert_cmpint (sqlite3_column_int (stmt, 4), ==, l->r_score);
          g_assert_cmpint (sqlite3_column_int (stmt, 5), ==, l->f_score);
          g_assert_cmpint (sqlite3_column_int (stmt, 6), ==, l->m_score);
          g_assert_cmpint (sqlite3_column_int (stmt, 7), ==, l->rfm_segment);
        }
      i++;
    }
  g_assert_cmpuint (i, ==, n);
  g_assert_cmpuint (n_prospects, ==, bp.n_prospects);
  /* clients 97, 194, ... have no trade (⌊40000 / 97⌋ = 412), every other
   * client has trades (7919 is prime to 40000: j → client is onto) */
  g_assert_cmpuint (n_prospects, ==, 412);
  awb_client_facts_free (facts, n);
}

/* The one way to score a book: its settings, the run's overrides, the
 * classifier.  With all history (window 0), C1 has t1, t2, t3 and t5 on or
 * before the date: F 4, M 1.00 + 0.50 + 2.00 + 3.00 = 6.50 (650 fen); C3
 * F 1, M 10.00.  F quantiles of {1, 4}: 1 + 0.2k·3 = 1.6 2.2 2.8 3.4, inner
 * breakpoints 2.6 3.2 3.8 4.4, so F 4 scores 4 (3.8 ≤ 4 < 4.4) and F 1
 * scores 1; M 6.50 < 10.00 scores 1 and 5.  C1 is R 5 F 4 M 1: no box
 * holds it (Potential loyalist needs M ≥ 2, New F ≤ 3), so Others. */
static void
test_score_book (Fixture       *f,
                 gconstpointer  data)
{
  AwbScoreOptions options;
  AwbScoreResult result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;

  awb_score_options_init (&options, AS_OF);
  g_assert_cmpint (options.window_days, ==, AWB_SCORE_BOOK_SETTING);
  g_assert_cmpint (options.monetary, ==, AWB_SCORE_BOOK_SETTING);
  options.window_days = 0;
  g_assert_true (awb_scoring_score_book (f->db, &options, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.run_id, ==, 1);
  g_assert_cmpint (result.n_clients, ==, 3);
  g_assert_cmpuint (result.breakpoints.n_scored, ==, 2);
  g_assert_cmpfloat_with_epsilon (result.breakpoints.dim[AWB_RFM_DIM_F].edge[3], 3.8, 1e-9);

  g_assert_cmpint (query_int (f->db, "SELECT frequency FROM scores WHERE run_id = 1 AND client_id = 1"),
                   ==, 4);
  g_assert_cmpint (query_int (f->db, "SELECT monetary FROM scores WHERE run_id = 1 AND client_id = 1"),
                   ==, 650);
  g_assert_cmpint (query_int (f->db, "SELECT r_score * 100 + f_score * 10 + m_score FROM scores"
                                     " WHERE run_id = 1 AND client_id = 1"), ==, 541);
  g_assert_cmpint (query_int (f->db, "SELECT rfm_segment FROM scores WHERE run_id = 1 AND client_id = 1"),
                   ==, AWB_SEGMENT_OTHERS);
  /* the classifier ran: every client has a tier, prospects included */
  g_assert_cmpint (query_int (f->db, "SELECT count(tier) FROM scores WHERE run_id = 1"), ==, 3);
  /* and the first next best action: C1 is in the lowest category, so t1
   * (R3) and t3 (R5, signed) of the last 12 months are mismatches (0); C2
   * and C3 have no risk profile (3) */
  {
    g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (f->db,
      "SELECT group_concat (first_action, ',') FROM"
      " (SELECT first_action FROM scores WHERE run_id = 1 ORDER BY client_id)", NULL);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "0,3,3");
  }

  /* the snapshot is the book's settings with the override */
  runs = awb_scoring_list_runs (f->db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (((AwbScoringRunInfo *) runs->pdata[0])->settings,
                            "rfm.window_days=all\n"));
  g_assert_nonnull (strstr (((AwbScoringRunInfo *) runs->pdata[0])->settings,
                            "tier.weights=40/20/10/10/20\n"));
}

typedef struct
{
  gboolean        done;
  AwbScoreResult  result;
  GPtrArray      *fractions;   /* doubles reported, in order */
  GThread        *thread;      /* the thread every report must arrive in */
  gboolean        wrong_thread;
} AsyncRun;

static void
on_async_progress (double   fraction,
                   gpointer user_data)
{
  AsyncRun *run = user_data;
  double *copy = g_new (double, 1);

  *copy = fraction;
  g_ptr_array_add (run->fractions, copy);
  run->wrong_thread |= g_thread_self () != run->thread;
}

static void
on_score_book_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  AsyncRun *run = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (awb_scoring_score_book_finish (result, &run->result, &error));
  g_assert_no_error (error);
  run->done = TRUE;
}

/* The window's way: a thread with its own connection, progress delivered
 * in the caller's main context and never after the callback; the result is
 * visible on our connection once it has committed.  By amount, C1 has
 * 100.00 + 200.00 in the last 365 days (30000 fen), C3 5,000.00. */
static void
test_score_book_async (Fixture       *f,
                       gconstpointer  data)
{
  AwbScoreOptions options;
  AsyncRun run = { 0 };
  guint n_at_done;

  run.fractions = g_ptr_array_new_with_free_func (g_free);
  run.thread = g_thread_self ();
  awb_score_options_init (&options, AS_OF);
  options.monetary = AWB_MONETARY_AMOUNT;
  awb_scoring_score_book_async (f->path, &options, on_async_progress, &run, NULL,
                                on_score_book_done, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  n_at_done = run.fractions->len;
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (run.fractions->len, ==, n_at_done);
  g_assert_false (run.wrong_thread);
  g_assert_cmpuint (run.fractions->len, >, 2);
  for (guint i = 1; i < run.fractions->len; i++)
    g_assert_cmpfloat (*(double *) run.fractions->pdata[i], >=,
                       *(double *) run.fractions->pdata[i - 1]);

  g_assert_cmpint (run.result.run_id, ==, 1);
  g_assert_cmpint (run.result.n_clients, ==, 3);
  g_assert_cmpint (query_int (f->db, "SELECT monetary FROM scores WHERE run_id = 1 AND client_id = 1"),
                   ==, 30000);
  g_assert_cmpint (query_int (f->db, "SELECT monetary FROM scores WHERE run_id = 1 AND client_id = 10"),
                   ==, 500000);
  g_ptr_array_unref (run.fractions);
}

/* A client with a negative id (only a script can make one) keeps its
 * trades in a gather: C1 and C2 of the book plus id -5 with one trade on
 * 2024-12-01 (20058, 30 days before the date, commission 7.00); the ids
 * are not dense, so they go through the hash table.  A run refuses the
 * book: its scores key holds ids 0 to 2^32 - 1. */
static void
test_negative_id (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AwbClientFacts *facts = NULL;
  AwbRfmSettings s;
  gsize n = 0;

  g_assert_true (awb_database_exec (f->db,
    "INSERT INTO clients (id, client_no, name) VALUES (-5, 'NEG', 'n');"
    "INSERT INTO trades (client_id, trade_date, commission, amount, trade_no)"
    " VALUES (-5, 20058, 700, 7000, 'neg')", &error));
  g_assert_no_error (error);
  g_assert_true (awb_scoring_gather (f->db, AS_OF, 365, &facts, &n, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpint (facts[0].id, ==, -5);
  g_assert_cmpuint (facts[0].n_window, ==, 1);
  g_assert_cmpint (facts[0].commission_window, ==, 700);
  g_assert_cmpint (facts[0].last_trade, ==, 20058);
  g_assert_cmpuint (facts[1].n_window, ==, 2);   /* C1 as in test_gather */
  awb_client_facts_free (facts, n);

  awb_rfm_settings_init_default (&s);
  g_assert_cmpint (awb_scoring_run (f->db, AS_OF, &s, NULL, NULL, NULL, NULL, NULL, NULL,
                                    &error), ==, 0);
  g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "-5"));
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM scoring_runs"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/awb/scoring/gather", Fixture, book_sql, fixture_setup, test_gather,
              fixture_teardown);
  g_test_add ("/awb/scoring/run", Fixture, book_sql, fixture_setup, test_run, fixture_teardown);
  g_test_add ("/awb/scoring/negative-id", Fixture, book_sql, fixture_setup, test_negative_id,
              fixture_teardown);
  g_test_add ("/awb/scoring/run-by-amount", Fixture, book_sql, fixture_setup,
              test_run_by_amount, fixture_teardown);
  g_test_add ("/awb/scoring/sparse-ids", Fixture, book_sql, fixture_setup, test_sparse_ids,
              fixture_teardown);
  g_test_add ("/awb/scoring/classify-hook", Fixture, book_sql, fixture_setup,
              test_classify_hook, fixture_teardown);
  g_test_add ("/awb/scoring/list-and-delete", Fixture, book_sql, fixture_setup,
              test_list_and_delete, fixture_teardown);
  g_test_add ("/awb/scoring/migration", Fixture, book_sql, fixture_setup, test_migration,
              fixture_teardown);
  g_test_add ("/awb/scoring/cancel-rolls-back", Fixture, big_book_sql, fixture_setup,
              test_cancel, fixture_teardown);
  g_test_add ("/awb/scoring/parallel-equals-sequential", Fixture, mixed_book_sql, fixture_setup,
              test_parallel_equals_sequential, fixture_teardown);
  g_test_add ("/awb/scoring/score-book", Fixture, book_sql, fixture_setup, test_score_book,
              fixture_teardown);
  g_test_add ("/awb/scoring/score-book-async", Fixture, book_sql, fixture_setup,
              test_score_book_async,
              fixture_teardown);

  return g_test_run ();
}
