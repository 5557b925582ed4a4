/* test-book-query.c: the queries behind the views, on a small book worked by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "awb-book-query.h"
#include "awb-codes.h"
#include "awb-date.h"
#include "awb-model-types.h"

typedef struct
{
  char        *dir;
  AwbDatabase *db;
} Fixture;

static AwbDate
date (const char *text)
{
  AwbDate d = AWB_DATE_NONE;

  g_assert_true (awb_date_parse (text, -1, &d));
  return d;
}

static void
exec (AwbDatabase *db,
      const char  *sql)
{
  g_autoptr(GError) error = NULL;

  awb_database_exec (db, sql, &error);
  g_assert_no_error (error);
}

/* The book, with the reference date 2026-06-30:
 *
 *   id client_no name       manager   AUM (CNY)
 *   1  C003      Wang Fang  Chen Jie  1,000,000.00
 *   2  C002      Li Na      Chen Jie    250,000.50
 *   3  C001      Li Na      (none)              0
 *   4  C000      张伟        Zhou Min         12.34
 *
 * Trades (date, commission): 2026-06-30 10.00 (the reference day: in);
 * 2025-07-01 2.50 (364 days back: in); 2025-06-30 100.00 (365 days back:
 * out); 2026-07-01 1000.00 (after the reference date: out); 2026-01-15 0.05
 * (in).  So 3 trades and 12.55 CNY of commission in the last 12 months. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *sql = NULL;

  f->dir = g_dir_make_tmp ("awb-book-query-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "book.sqlite", NULL);
  f->db = awb_database_open (path, &error);
  g_assert_no_error (error);

  exec (f->db,
        "INSERT INTO managers (id, name) VALUES (1, 'Chen Jie'), (2, 'Zhou Min');"
        "INSERT INTO clients (id, client_no, name, manager_id, aum) VALUES"
        " (1, 'C003', 'Wang Fang', 1, 100000000),"
        " (2, 'C002', 'Li Na', 1, 25000050),"
        " (3, 'C001', 'Li Na', NULL, 0),"
        " (4, 'C000', '张伟', 2, 1234);");
  sql = g_strdup_printf ("INSERT INTO trades (client_id, trade_date, commission, amount, trade_no)"
                         " VALUES (1, %d, 1000, 500000, 'T1'), (2, %d, 250, 100000, 'T2'),"
                         " (2, %d, 10000, 900000, 'T3'), (1, %d, 100000, 1, 'T4'),"
                         " (4, %d, 5, 700, 'T5');"
                         "INSERT INTO interactions (id, client_id, date, kind, follow_up_on, done)"
                         " VALUES (1, 1, %d, 'call', %d, 0), (2, 2, %d, 'survey', %d, 1),"
                         " (3, 3, %d, 'event', NULL, 0), (4, 4, %d, 'visit', %d, 0);",
                         date ("2026-06-30"), date ("2025-07-01"), date ("2025-06-30"),
                         date ("2026-07-01"), date ("2026-01-15"),
                         date ("2026-06-01"), date ("2026-07-10"),
                         date ("2026-06-02"), date ("2026-07-01"),
                         date ("2026-06-03"),
                         date ("2026-06-04"), date ("2026-07-05"));
  exec (f->db, sql);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_assert_finalize_object (f->db);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
}

static void
test_totals (Fixture       *f,
             gconstpointer  data)
{
  static const struct {
    const char *as_of;
    gint64      n_trades;
    AwbFen      commission;
  } cases[] = {
    /* T1, T2, T5 */
    { "2026-06-30", 3, 1000 + 250 + 5 },
    /* a day later T2 (2025-07-01) is 365 days back and drops out; T4 comes in */
    { "2026-07-01", 3, 1000 + 100000 + 5 },
    /* a day earlier T1 is in the future and T3 (2025-06-30) is 364 days back */
    { "2026-06-29", 3, 250 + 10000 + 5 },
    /* before every trade */
    { "2020-01-01", 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      AwbBookTotals totals = { 0 };

      g_test_message ("as of %s", cases[i].as_of);
      g_assert_true (awb_book_query_totals (f->db, date (cases[i].as_of), &totals, &error));
      g_assert_no_error (error);
      g_assert_cmpint (totals.n_clients, ==, 4);
      /* 1,000,000.00 + 250,000.50 + 0 + 12.34 CNY */
      g_assert_cmpint (totals.total_aum, ==, 125001284);
      g_assert_cmpint (totals.n_trades_12m, ==, cases[i].n_trades);
      g_assert_cmpint (totals.commission_12m, ==, cases[i].commission);
    }
}

static void
test_totals_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("awb-book-query-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "empty.sqlite", NULL);
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
  g_autoptr(AwbDatabase) db = awb_database_open (path, &error);
  AwbBookTotals totals = { 1, 1, 1, 1 };

  g_assert_no_error (error);
  g_assert_true (awb_book_query_totals (db, date ("2026-06-30"), &totals, &error));
  g_assert_cmpint (totals.n_clients, ==, 0);
  g_assert_cmpint (totals.total_aum, ==, 0);
  g_assert_cmpint (totals.n_trades_12m, ==, 0);
  g_assert_cmpint (totals.commission_12m, ==, 0);
  g_clear_object (&db);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
}

/* One row of the client list, as of 2026-06-30, with run 1's labels:
 * client 2 (Li Na) is scored in run 1 (Key, Champions, inertia, C3, cadence
 * 90), its last interaction the survey of 2026-06-02, whose follow-up is
 * done: next due by the cadence, 2026-06-02 + 90 days = 2026-08-31.
 * Client 1 is not scored: no cadence, so its next due is the open
 * follow-up of 2026-07-10.  Client 3's event of 2026-07-15 is after the
 * day, so its last contact stays 2026-06-03. */
static void
test_client_reader (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbClientReader) reader = NULL;
  g_autofree char *sql = NULL;
  AwbClientSummary s = { 0 };

  sql = g_strdup_printf ("UPDATE clients SET phone = '13812345678',"
                         " id_number = '320102199001011234' WHERE id = 2;"
                         "INSERT INTO interactions (client_id, date, kind) VALUES (3, %d, 'event');"
                         "INSERT INTO scoring_runs (id, created_at, as_of, settings)"
                         " VALUES (1, 'x', %d, '');"
                         "INSERT INTO scores (id, tier, rfm_segment, loyalty_type, risk_level,"
                         " service_group, life_stage, first_action, questionnaire_expired,"
                         " overdue, mismatches, cadence_days)"
                         " VALUES ((1 << 32) | 2, 1, 0, 4, 2, 3, 3, 5, 0, 0, 0, 90);",
                         date ("2026-07-15"), date ("2026-06-30"));
  exec (f->db, sql);
  reader = awb_client_reader_new (f->db, 1, date ("2026-06-30"), &error);
  g_assert_no_error (error);

  g_assert_true (awb_client_reader_read (reader, 2, &s, &error));
  g_assert_cmpint (s.id, ==, 2);
  g_assert_cmpstr (s.client_no, ==, "C002");
  g_assert_cmpstr (s.name, ==, "Li Na");
  g_assert_cmpstr (s.manager, ==, "Chen Jie");
  g_assert_cmpstr (s.phone, ==, "13812345678");
  g_assert_cmpstr (s.id_number, ==, "320102199001011234");
  g_assert_cmpint (s.aum, ==, 25000050);
  g_assert_cmpint (s.tier, ==, AWB_TIER_KEY);
  g_assert_cmpint (s.rfm_segment, ==, AWB_SEGMENT_CHAMPIONS);
  g_assert_cmpint (s.loyalty_type, ==, AWB_LOYALTY_INERTIA);
  g_assert_cmpint (s.risk_level, ==, AWB_LEVEL_C3);
  g_assert_cmpint (s.first_action, ==, 5);
  g_assert_cmpint (s.last_contact, ==, date ("2026-06-02"));
  g_assert_cmpint (s.next_due, ==, date ("2026-08-31"));
  awb_client_summary_clear (&s);

  /* not scored: labels unknown; the open follow-up is what is due */
  g_assert_true (awb_client_reader_read (reader, 1, &s, &error));
  g_assert_cmpint (s.tier, ==, AWB_UNKNOWN);
  g_assert_cmpint (s.first_action, ==, AWB_UNKNOWN);
  g_assert_cmpint (s.last_contact, ==, date ("2026-06-01"));
  g_assert_cmpint (s.next_due, ==, date ("2026-07-10"));
  awb_client_summary_clear (&s);

  /* no manager, no phone; a contact after the day does not count */
  g_assert_true (awb_client_reader_read (reader, 3, &s, &error));
  g_assert_cmpstr (s.client_no, ==, "C001");
  g_assert_null (s.manager);
  g_assert_null (s.phone);
  g_assert_cmpint (s.aum, ==, 0);
  g_assert_cmpint (s.last_contact, ==, date ("2026-06-03"));
  g_assert_cmpint (s.next_due, ==, AWB_DATE_NONE);
  awb_client_summary_clear (&s);

  /* gone: an error, and the output untouched */
  g_assert_false (awb_client_reader_read (reader, 999, &s, &error));
  g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_FOUND);
  g_assert_null (s.name);
  g_clear_error (&error);

  /* the statement is reusable after a miss */
  g_assert_true (awb_client_reader_read (reader, 4, &s, &error));
  g_assert_cmpstr (s.name, ==, "张伟");
  g_assert_cmpstr (s.manager, ==, "Zhou Min");
  g_assert_cmpint (s.aum, ==, 1234);
  awb_client_summary_clear (&s);
}

/* Chen Jie and Zhou Min, plus 王建华 (wáng): Han before Latin in ICU's
 * Chinese collation, then chen before zhou. */
static void
test_managers (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  exec (f->db, "INSERT INTO managers (name) VALUES ('王建华')");
  names = awb_book_query_managers (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (names), ==, 3);
  g_assert_cmpstr (names[0], ==, "王建华");
  g_assert_cmpstr (names[1], ==, "Chen Jie");
  g_assert_cmpstr (names[2], ==, "Zhou Min");
}

/* The fixture's four clients; Zhou Min is manager 2, nobody is "Nobody". */
static void
test_counts_and_ids (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 n = -1, id = -1;
  gboolean has = FALSE;

  g_assert_true (awb_book_query_count_clients (f->db, &n, &error));
  g_assert_cmpint (n, ==, 4);
  g_assert_true (awb_book_query_has_clients (f->db, &has, &error));
  g_assert_true (has);
  g_assert_true (awb_book_query_manager_id (f->db, "Zhou Min", &id, &error));
  g_assert_cmpint (id, ==, 2);
  g_assert_true (awb_book_query_manager_id (f->db, "Nobody", &id, &error));
  g_assert_cmpint (id, ==, 0);
  g_assert_no_error (error);
}

static void
test_follow_ups (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = awb_book_query_follow_ups (f->db, &error);
  AwbFollowUp *first, *second;

  g_assert_no_error (error);
  /* interaction 2 is done and 3 has no follow-up date: out */
  g_assert_cmpuint (rows->len, ==, 2);
  first = g_ptr_array_index (rows, 0);
  second = g_ptr_array_index (rows, 1);

  g_assert_cmpint (first->interaction_id, ==, 4);
  g_assert_cmpstr (first->client_name, ==, "张伟");
  g_assert_cmpstr (first->client_no, ==, "C000");
  g_assert_cmpint (first->kind, ==, AWB_INTERACTION_VISIT);
  g_assert_cmpint (first->date, ==, date ("2026-06-04"));
  g_assert_cmpint (first->follow_up_on, ==, date ("2026-07-05"));

  g_assert_cmpint (second->interaction_id, ==, 1);
  g_assert_cmpstr (second->client_name, ==, "Wang Fang");
  g_assert_cmpint (second->kind, ==, AWB_INTERACTION_CALL);
  g_assert_cmpint (second->follow_up_on, ==, date ("2026-07-10"));
}

/* Two runs over the fixture's four clients.  Run 1 (2026-06-30): C003
 * VIP, C002 Key, C001 Basic, C000 Basic.  Run 2 (2026-07-31): C003 Key,
 * C002 Key, C001 with no tier (NULL), C000 Standard.  So run 1 counts
 * VIP 1, Key 1, Standard 0, Basic 2; run 2 VIP 0, Key 2, Standard 1,
 * Basic 0 and 1 unclassified; run 3 does not exist and counts nothing. */
static void
test_run_tiers (Fixture       *f,
                gconstpointer  data)
{
  static const struct {
    gint64 run_id;
    gint64 counts[4];       /* VIP, Key, Standard, Basic */
    gint64 unclassified;
  } cases[] = {
    { 1, { 1, 1, 0, 2 }, 0 },
    { 2, { 0, 2, 1, 0 }, 1 },
    { 3, { 0, 0, 0, 0 }, 0 },
  };
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("INSERT INTO scoring_runs (id, created_at, as_of, settings, n_clients)"
                         " VALUES (1, '2026-06-30T08:00:00Z', %d, '', 4),"
                         " (2, '2026-07-31T08:00:00Z', %d, '', 4);"
                         /* the key is run_id * 2^32 + client_id */
                         "INSERT INTO scores (id, tier) VALUES"
                         " ((1 << 32) + 1, %d), ((1 << 32) + 2, %d), ((1 << 32) + 3, %d),"
                         " ((1 << 32) + 4, %d), ((2 << 32) + 1, %d), ((2 << 32) + 2, %d),"
                         " ((2 << 32) + 3, NULL), ((2 << 32) + 4, %d);",
                         date ("2026-06-30"), date ("2026-07-31"),
                         AWB_TIER_VIP, AWB_TIER_KEY, AWB_TIER_BASIC, AWB_TIER_BASIC,
                         AWB_TIER_KEY, AWB_TIER_KEY, AWB_TIER_STANDARD);
  exec (f->db, sql);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      AwbTierCounts counts;

      memset (&counts, 0xff, sizeof counts);
      g_assert_true (awb_book_query_run_tiers (f->db, cases[i].run_id, &counts, &error));
      g_assert_no_error (error);
      g_assert_cmpint (counts.counts[AWB_TIER_VIP], ==, cases[i].counts[0]);
      g_assert_cmpint (counts.counts[AWB_TIER_KEY], ==, cases[i].counts[1]);
      g_assert_cmpint (counts.counts[AWB_TIER_STANDARD], ==, cases[i].counts[2]);
      g_assert_cmpint (counts.counts[AWB_TIER_BASIC], ==, cases[i].counts[3]);
      g_assert_cmpint (counts.n_unclassified, ==, cases[i].unclassified);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/awb/book-query/totals", Fixture, NULL,
              fixture_setup, test_totals, fixture_teardown);
  g_test_add_func ("/awb/book-query/totals-empty", test_totals_empty);
  g_test_add ("/awb/book-query/client-reader", Fixture, NULL,
              fixture_setup, test_client_reader, fixture_teardown);
  g_test_add ("/awb/book-query/managers", Fixture, NULL,
              fixture_setup, test_managers, fixture_teardown);
  g_test_add ("/awb/book-query/counts-and-ids", Fixture, NULL,
              fixture_setup, test_counts_and_ids, fixture_teardown);
  g_test_add ("/awb/book-query/follow-ups", Fixture, NULL,
              fixture_setup, test_follow_ups, fixture_teardown);
  g_test_add ("/awb/book-query/run-tiers", Fixture, NULL,
              fixture_setup, test_run_tiers, fixture_teardown);

  return g_test_run ();
}
