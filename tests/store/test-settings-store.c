/* test-settings-store.c: the settings in the book's `settings` table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "awb-classify.h"
#include "awb-date.h"
#include "awb-scores-export.h"
#include "awb-scoring.h"
#include "awb-settings-store.h"

typedef struct
{
  char        *dir;
  AwbDatabase *db;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("awb-settings-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  path = g_build_filename (f->dir, "book.sqlite", NULL);
  f->db = awb_database_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->db);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
}

static gint64
count_settings (AwbDatabase *db)
{
  g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db, "SELECT count(*) FROM settings", NULL);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Seeding writes every key with its default, and never overwrites. */
static void
test_seed (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *weights = NULL;
  g_autofree char *edited = NULL;

  /* awb_database_open() seeded the new book */
  g_assert_cmpint (count_settings (f->db), ==, awb_settings_get_n_keys ());
  g_assert_true (awb_database_exec (f->db, "DELETE FROM settings", &error));
  g_assert_cmpint (count_settings (f->db), ==, 0);
  g_assert_true (awb_settings_store_seed (f->db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_settings (f->db), ==, awb_settings_get_n_keys ());
  weights = awb_database_get_setting (f->db, "tier.weights");
  g_assert_cmpstr (weights, ==, "40/20/10/10/20");

  g_assert_true (awb_database_put_setting (f->db, "cadence.vip", "14", &error));
  g_assert_true (awb_settings_store_seed (f->db, &error));
  edited = awb_database_get_setting (f->db, "cadence.vip");
  g_assert_cmpstr (edited, ==, "14");
  g_assert_cmpint (count_settings (f->db), ==, awb_settings_get_n_keys ());
}

/* Loading: defaults overlaid with the table; an unknown key is skipped; a
 * bad stored value is an error naming the key. */
static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbSettings) empty = NULL;
  g_autoptr(AwbSettings) edited = NULL;
  g_autoptr(AwbSettings) bad = NULL;

  /* an empty table: the defaults */
  g_assert_true (awb_database_exec (f->db, "DELETE FROM settings", &error));
  empty = awb_settings_store_load (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (empty->cadence_tier[0], ==, 30);

  g_assert_true (awb_settings_store_seed (f->db, &error));
  g_assert_true (awb_database_put_setting (f->db, "cadence.vip", "14", &error));
  g_assert_true (awb_database_put_setting (f->db, "from.a.newer.version", "1", &error));
  edited = awb_settings_store_load (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (edited->cadence_tier[0], ==, 14);

  g_assert_true (awb_database_put_setting (f->db, "risk.bands", "20/40/x/80", &error));
  bad = awb_settings_store_load (f->db, &error);
  g_assert_null (bad);
  g_assert_error (error, AWB_SETTINGS_ERROR, AWB_SETTINGS_ERROR_BAD_VALUE);
  g_assert_nonnull (strstr (error->message, "risk.bands"));
  g_clear_error (&error);

  /* setting the bad key repairs the book */
  {
    const char *keys[] = { "risk.bands" };
    const char *values[] = { "20/40/60/80" };
    g_autoptr(AwbSettings) repaired = NULL;

    g_assert_true (awb_settings_store_set (f->db, 1, keys, values, &error));
    g_assert_no_error (error);
    repaired = awb_settings_store_load (f->db, &error);
    g_assert_no_error (error);
    g_assert_cmpint (repaired->band_bounds[2], ==, 60);
    g_assert_cmpint (repaired->cadence_tier[0], ==, 14);
  }
}

/* A valid change lands in canonical form; a rejected one leaves the book
 * as it was. */
static void
test_set (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *weights = NULL;
  g_autofree char *still = NULL;
  g_autofree char *medium = NULL;
  const char *keys[] = { "tier.weights" };
  const char *good[] = { " 50 / 10 / 10 / 10 / 20 " };
  const char *bad[] = { "50/10/10/10/30" };
  const char *two_keys[] = { "capital.medium", "capital.large" };
  const char *two_bad[] = { "2000000", "1500000.001" };

  g_assert_true (awb_settings_store_seed (f->db, &error));
  g_assert_true (awb_settings_store_set (f->db, 1, keys, good, &error));
  g_assert_no_error (error);
  weights = awb_database_get_setting (f->db, "tier.weights");
  g_assert_cmpstr (weights, ==, "50/10/10/10/20");

  g_assert_false (awb_settings_store_set (f->db, 1, keys, bad, &error));
  g_assert_error (error, AWB_SETTINGS_ERROR, AWB_SETTINGS_ERROR_INCONSISTENT);
  g_assert_nonnull (strstr (error->message, "tier.weights"));
  g_clear_error (&error);
  still = awb_database_get_setting (f->db, "tier.weights");
  g_assert_cmpstr (still, ==, "50/10/10/10/20");

  /* the second value is bad: the first is not written either */
  g_assert_false (awb_settings_store_set (f->db, 2, two_keys, two_bad, &error));
  g_assert_error (error, AWB_SETTINGS_ERROR, AWB_SETTINGS_ERROR_BAD_VALUE);
  medium = awb_database_get_setting (f->db, "capital.medium");
  g_assert_cmpstr (medium, ==, "100000");
}

static gint64
query_int (AwbDatabase *db,
           const char  *sql)
{
  g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_type (stmt, 0) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 0);
}

/* A scoring run with the book's settings and the classify hook writes
 * every label.  As of 2026-06-30: K1 (born 1985-01-01, capacity answers
 * 2,3,3,5,5 and loss 8 %, attitude answers all 4: capacity 34 + 24 = 58
 * mid, attitude 16 + 20 = 36 mid-low → C2; one R3 trade on 2026-06-20
 * without override → 1 mismatch); K2 a prospect.  Value tiers of 2:
 * ⌈0.4⌉ = 1 high: K1 (CLV > 0); K2 low.  With the book's tier weights
 * changed to 100/0/0/0/0 K1's tier score is its AUM percent rank, 100
 * (VIP), K2's 0.
 *
 * The export, column by column:
 * K1: recency 10, 1 trade, 100.00; the only scored client is in group 1
 *   of every dimension: R 5, F 1, M 1 → New (R 4–5, F 1–3, M 1–5), active;
 *   tier score 100.00 VIP; ordinary low-frequency; cadence 30; overdue (no
 *   interaction, no opening date); large; turnover 50,000 ÷ 2,000,000 =
 *   0.025 static; dependency 0.4 × 50 + 0.1 × 100 = 30.00; persistence
 *   0.4 × 10 × 10 ÷ 365.25 + 0.4 × 100 ÷ 12 + 0.2 × 100 = 0.1095 + 3.3333
 *   + 20 = 23.44; not loyal; score 26.72; new (first trade 10 days ago);
 *   58, 36, mid, mid_low, C2; no assessment date: expired empty; 20/50/30;
 *   1 mismatch; middle-aged, adult; no marital status: unknown; CLV 100.00
 *   × 0.5 ÷ 0.58 = 86.21; high.
 * K2: every RFM column empty; 0.00 basic; 365 days; overdue; small static;
 *   30.00, 0.00, not loyal, 15.00, prospect; no profile, level, age: empty;
 *   unknown family; CLV 0.00, low. */
static void
test_run_with_book_settings (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbSettings) s = NULL;
  const char *keys[] = { "tier.weights" };
  const char *values[] = { "100/0/0/0/0" };
  AwbDate as_of = awb_date_from_ymd (2026, 6, 30);
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO clients (id, client_no, name, aum, birth_date, q_job, q_burden, q_housing,"
    " q_experience, q_knowledge, loss_tolerance_pct, q_priority, q_stoploss, q_if_loss,"
    " q_watching, q_results) VALUES"
    " (1, 'K1', 'k one', 200000000, %d, 2, 3, 3, 5, 5, 8, 4, 4, 4, 4, 4),"
    " (2, 'K2', 'k two', 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
    "  NULL, NULL);"
    "INSERT INTO trades (client_id, trade_date, commission, amount, product_risk, trade_no)"
    " VALUES (1, %d, 10000, 5000000, 3, 't1');",
    awb_date_from_ymd (1985, 1, 1), awb_date_from_ymd (2026, 6, 20));
  gint64 run;

  g_assert_true (awb_database_exec (f->db, sql, &error));
  g_assert_true (awb_settings_store_set (f->db, 1, keys, values, &error));
  g_assert_no_error (error);
  s = awb_settings_store_load (f->db, &error);
  g_assert_no_error (error);

  run = awb_scoring_run (f->db, as_of, &s->rfm, awb_classify_hook, s, NULL, NULL, NULL, NULL,
                         &error);
  g_assert_no_error (error);
  g_assert_cmpint (run, >, 0);

  g_assert_cmpint (query_int (f->db, "SELECT capacity FROM scores WHERE client_id = 1"), ==, 58);
  g_assert_cmpint (query_int (f->db, "SELECT attitude FROM scores WHERE client_id = 1"), ==, 36);
  g_assert_cmpint (query_int (f->db, "SELECT risk_level FROM scores WHERE client_id = 1"), ==,
                   AWB_LEVEL_C2);
  g_assert_cmpint (query_int (f->db, "SELECT mismatches FROM scores WHERE client_id = 1"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT tier FROM scores WHERE client_id = 1"), ==,
                   AWB_TIER_VIP);
  g_assert_cmpint (query_int (f->db, "SELECT value_tier FROM scores WHERE client_id = 1"), ==,
                   AWB_VALUE_HIGH);
  g_assert_cmpint (query_int (f->db, "SELECT tier FROM scores WHERE client_id = 2"), ==,
                   AWB_TIER_BASIC);
  g_assert_cmpint (query_int (f->db, "SELECT lifecycle FROM scores WHERE client_id = 2"), ==,
                   AWB_LIFECYCLE_PROSPECT);
  g_assert_cmpint (query_int (f->db, "SELECT overdue FROM scores WHERE client_id = 2"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT value_tier FROM scores WHERE client_id = 2"), ==,
                   AWB_VALUE_LOW);
  g_assert_cmpint (query_int (f->db, "SELECT r_score FROM scores WHERE client_id = 2"), ==, -1);

  {
    g_autofree char *dir = g_build_filename (f->dir, "out", NULL);
    g_autofree char *csv = g_build_filename (f->dir, "scores.csv", NULL);
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    gint64 n_rows = 0;

    g_assert_true (awb_scores_export (f->db, run, csv, TRUE, &n_rows, &error));
    g_assert_no_error (error);
    g_assert_cmpint (n_rows, ==, 2);
    g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
    lines = g_strsplit (text, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 4);
    g_assert_true (g_str_has_prefix (lines[0], "client_id,as_of,recency_days,"));
    g_assert_cmpstr (lines[1], ==,
                     "K1,2026-06-30,10,1,100.00,5,1,1,new,active,100.00,vip,ordinary_low_freq,30,"
                     "1,large,static,30.00,23.44,not_loyal,26.72,new,58,36,mid,mid_low,C2,,20,50,"
                     "30,1,middle_aged,adult,unknown,86.21,high");
    g_assert_cmpstr (lines[2], ==,
                     "K2,2026-06-30,,,,,,,,,0.00,basic,ordinary_low_freq,365,1,small,static,"
                     "30.00,0.00,not_loyal,15.00,prospect,,,,,,,,,,,,,unknown,0.00,low");
    g_assert_cmpstr (lines[3], ==, "");

    /* an unknown run: an error, nothing written */
    g_assert_false (awb_scores_export (f->db, run + 1, dir, TRUE, &n_rows, &error));
    g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_FOUND);
    g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
    g_clear_error (&error);

    /* a file that cannot be written: an error naming it, the old export kept,
     * and no temporary file left behind */
    {
      g_autofree char *inside = g_build_filename (f->dir, "no-such-folder", "s.csv", NULL);
      g_autofree char *again = NULL;
      g_autoptr(GDir) d = NULL;
      const char *name;
      guint n_files = 0;

      g_assert_false (awb_scores_export (f->db, run, inside, TRUE, &n_rows, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, "no-such-folder"));
      g_clear_error (&error);
      g_assert_true (g_file_get_contents (csv, &again, NULL, NULL));
      g_assert_cmpstr (again, ==, text);
      d = g_dir_open (f->dir, 0, NULL);
      while ((name = g_dir_read_name (d)) != NULL)
        {
          g_assert_null (strstr (name, ".part-"));
          n_files++;
        }
      g_assert_cmpuint (n_files, >, 0);
    }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/awb/settings-store/seed", Fixture, NULL, fixture_setup, test_seed,
              fixture_teardown);
  g_test_add ("/awb/settings-store/load", Fixture, NULL, fixture_setup, test_load,
              fixture_teardown);
  g_test_add ("/awb/settings-store/set", Fixture, NULL, fixture_setup, test_set,
              fixture_teardown);

  g_test_add ("/awb/settings-store/run-with-book-settings", Fixture, NULL, fixture_setup,
              test_run_with_book_settings, fixture_teardown);

  return g_test_run ();
}
