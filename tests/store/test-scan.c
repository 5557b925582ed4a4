/* test-scan.c: packed copies of the scanned tables, kept right whoever writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The book: 700 clients (ids 1..700; every seventh without a profile),
 * 30,000 trades spread over them by formulas (some without a product
 * level, some with a signed override, dates over three years, a few after
 * the reference date), 5,000 interactions of every kind, surveys with and
 * without satisfaction, several on one day.  The packs must never change
 * what a gather finds: every test compares a gather that reads packs with
 * one that reads only the tables, field by field, after every kind of
 * change a person or a program can make to the book.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "awb-import.h"
#include "awb-scan.h"
#include "awb-scoring.h"
#include "book-fixture.h"

#define AS_OF 20088   /* 2024-12-31 */

static const char book_sql[] =
  "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 700)"
  " INSERT INTO clients (id, client_no, name, birth_date, aum, share_of_wallet, marital_status,"
  "  employment, children, q_job, q_priority, loss_tolerance_pct, assessed_on)"
  " SELECT i, printf('31%08d', (i * 7919) % 100000000), 'c' || i,"
  "  CASE WHEN i % 7 = 0 THEN NULL ELSE 3000 + i * 13 END, i * 100003 % 90000000,"
  "  CASE WHEN i % 5 = 0 THEN NULL ELSE (i % 100) + 0.25 END,"
  "  CASE i % 4 WHEN 0 THEN 'single' WHEN 1 THEN 'married' WHEN 2 THEN NULL ELSE 'widowed' END,"
  "  CASE i % 3 WHEN 0 THEN 'working' WHEN 1 THEN 'retired' ELSE NULL END,"
  "  i % 3, i % 5 + 1, (i + 2) % 5 + 1, CASE WHEN i % 9 = 0 THEN NULL ELSE i % 60 END,"
  "  CASE WHEN i % 6 = 0 THEN NULL ELSE 19000 + i END FROM n;"
  "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000)"
  " INSERT INTO trades (client_id, trade_date, commission, amount, product_risk,"
  "  override_signed, trade_no)"
  " SELECT (i * 37) % 650 + 1, 19000 + (i * 104729) % 1100, (i * 31) % 50000,"
  "  (i * 7877) % 9000000 + 100, CASE WHEN i % 9 = 0 THEN NULL ELSE i % 5 + 1 END,"
  "  i % 4 = 0, 't' || i FROM n;"
  "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)"
  " INSERT INTO interactions (client_id, date, kind, satisfaction, done)"
  " SELECT (i * 13) % 690 + 1, 19500 + (i * 17) % 620,"
  "  CASE i % 6 WHEN 0 THEN 'call' WHEN 1 THEN 'visit' WHEN 2 THEN 'event'"
  "   WHEN 3 THEN 'survey' WHEN 4 THEN 'complaint' ELSE 'education' END,"
  "  CASE WHEN i % 6 = 3 AND i % 4 <> 0 THEN i % 5 + 1 WHEN i % 6 = 0 THEN 5 END, i % 2 FROM n;";

typedef struct
{
  char        *dir;
  char        *path;
  AwbDatabase *db;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("awb-test-scan-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "book.sqlite", NULL);
  f->db = awb_database_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (awb_database_exec (f->db, book_sql, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->db);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);

      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
exec (AwbDatabase *db,
      const char  *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (awb_database_exec (db, sql, &error));
  g_assert_no_error (error);
}

static gint64
packed_rows (Fixture    *f,
             const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(sum(n), 0) FROM scan_packs"
                                          " WHERE tbl = '%s'", table);

  return book_query_int (f->db, sql);
}

static AwbClientFacts *
gather (AwbDatabase *db,
        gsize       *n)
{
  g_autoptr(GError) error = NULL;
  AwbClientFacts *facts = NULL;

  g_assert_true (awb_scoring_gather (db, AS_OF, 365, &facts, n, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return facts;
}

/* The facts from the tables alone: the packs moved aside for a moment. */
static AwbClientFacts *
gather_without_packs (Fixture *f,
                      gsize   *n)
{
  AwbClientFacts *facts;

  exec (f->db, "BEGIN; CREATE TEMP TABLE kept AS SELECT * FROM scan_packs;"
               " DELETE FROM scan_packs;");
  g_assert_cmpint (book_query_int (f->db, "SELECT count(*) FROM scan_packs"), ==, 0);
  facts = gather (f->db, n);
  exec (f->db, "ROLLBACK");
  return facts;
}

static void
assert_same_facts (const AwbClientFacts *a,
                   gsize                 na,
                   const AwbClientFacts *b,
                   gsize                 nb)
{
  g_assert_cmpuint (na, ==, nb);
  for (gsize i = 0; i < na; i++)
    {
      AwbClientFacts x = a[i], y = b[i];

      g_assert_cmpstr (x.client_no, ==, y.client_no);
      x.client_no = y.client_no = NULL;
      if (memcmp (&x, &y, sizeof x) != 0)
        g_error ("client %" G_GINT64_FORMAT ": the facts differ", a[i].id);
    }
}

/* Packs, then gathers with and without them. */
static void
assert_packs_agree (Fixture *f)
{
  gsize n1, n2;
  AwbClientFacts *packed, *plain;

  packed = gather (f->db, &n1);
  plain = gather_without_packs (f, &n2);
  assert_same_facts (packed, n1, plain, n2);
  awb_client_facts_free (packed, n1);
  awb_client_facts_free (plain, n2);
}

static void
refresh (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (awb_scan_packs_refresh (f->db, NULL, NULL, 0, 1, NULL, &error));
  g_assert_no_error (error);
}

/* A refresh packs every row: 700 clients in one pack, 30,000 trades in
 * one (65,536 to a pack), 5,000 interactions; the facts do not change. */
static void
test_refresh (Fixture       *f,
              gconstpointer  data)
{
  gsize n_before, n_after;
  AwbClientFacts *before = gather (f->db, &n_before);
  AwbClientFacts *after;

  g_assert_cmpint (packed_rows (f, "trades"), ==, 0);
  refresh (f);
  g_assert_cmpint (packed_rows (f, "clients"), ==, 700);
  g_assert_cmpint (packed_rows (f, "trades"), ==, 30000);
  g_assert_cmpint (packed_rows (f, "interactions"), ==, 5000);
  g_assert_cmpint (book_query_int (f->db, "SELECT count(*) FROM scan_packs"), ==, 3);

  after = gather (f->db, &n_after);
  assert_same_facts (before, n_before, after, n_after);
  g_assert_cmpuint (n_after, ==, 700);
  awb_client_facts_free (before, n_before);
  awb_client_facts_free (after, n_after);

  /* a second refresh has nothing to do */
  refresh (f);
  g_assert_cmpint (book_query_int (f->db, "SELECT count(*) FROM scan_packs"), ==, 3);
}

/* Rows appended after the packs are read from the table until the next
 * refresh, which packs them again with the last, partly filled pack. */
static void
test_append (Fixture       *f,
             gconstpointer  data)
{
  refresh (f);
  exec (f->db, "INSERT INTO trades (client_id, trade_date, commission, amount, trade_no)"
               " VALUES (3, 20080, 12345, 678900, 'late 1'), (700, 20000, 1, 2, 'late 2');"
               "INSERT INTO clients (client_no, name) VALUES ('NEW', 'new');"
               "INSERT INTO interactions (client_id, date, kind, satisfaction)"
               " VALUES (3, 20085, 'survey', 1)");
  g_assert_cmpint (packed_rows (f, "trades"), ==, 30000);   /* still the old packs */
  assert_packs_agree (f);
  refresh (f);
  g_assert_cmpint (packed_rows (f, "trades"), ==, 30002);
  g_assert_cmpint (packed_rows (f, "clients"), ==, 701);
  g_assert_cmpint (book_query_int (f->db, "SELECT count(*) FROM scan_packs WHERE tbl = 'trades'"),
                   ==, 1);
  assert_packs_agree (f);
}

/* Every change the packs cannot follow deletes them; a change to a column
 * they do not hold leaves them. */
static void
test_triggers (Fixture       *f,
               gconstpointer  data)
{
  static const struct
  {
    const char *sql;
    const char *table;
    gboolean    kept;
  } cases[] = {
    { "UPDATE interactions SET done = 1 - done, notes = 'n'", "interactions", TRUE },
    { "UPDATE clients SET name = 'x', phone = '1', notes = 'y' WHERE id = 5", "clients", TRUE },
    { "UPDATE trades SET side = 'buy', product_code = 'P' WHERE id < 10", "trades", TRUE },
    { "UPDATE trades SET commission = commission + 1 WHERE id = 77", "trades", FALSE },
    { "UPDATE trades SET trade_date = 20080 WHERE id = 78", "trades", FALSE },
    { "UPDATE trades SET product_risk = NULL WHERE id = 79", "trades", FALSE },
    { "DELETE FROM trades WHERE id = 80", "trades", FALSE },
    { "INSERT INTO trades (id, client_id, trade_date, commission, amount, trade_no)"
      " VALUES (80, 9, 20070, 5, 500, 'refill')", "trades", FALSE },
    { "UPDATE clients SET aum = aum + 1 WHERE id = 6", "clients", FALSE },
    { "UPDATE clients SET q_job = 5 WHERE id = 8", "clients", FALSE },
    { "UPDATE clients SET marital_status = 'divorced' WHERE id = 9", "clients", FALSE },
    { "UPDATE interactions SET satisfaction = 1 WHERE id = 4", "interactions", FALSE },
    { "UPDATE interactions SET kind = 'survey' WHERE id = 5", "interactions", FALSE },
    { "DELETE FROM interactions WHERE id = 6", "interactions", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 expected = cases[i].table[0] == 'c' ? 700
                        : cases[i].table[0] == 't' ? book_query_int (f->db, "SELECT count(*) FROM trades")
                        : book_query_int (f->db, "SELECT count(*) FROM interactions");

      refresh (f);
      g_assert_cmpint (packed_rows (f, cases[i].table), ==, expected);
      exec (f->db, cases[i].sql);
      if (cases[i].kept)
        g_assert_cmpint (packed_rows (f, cases[i].table), ==, expected);
      else
        g_assert_cmpint (packed_rows (f, cases[i].table), ==, 0);
      assert_packs_agree (f);
      refresh (f);
      assert_packs_agree (f);
    }
}

/* Packs of another format are neither read nor kept; a damaged pack is an
 * error naming the table, not a wrong score. */
static void
test_foreign_and_damaged (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AwbClientFacts *facts = NULL;
  gsize n;

  refresh (f);
  exec (f->db, "UPDATE scan_packs SET format = 999, data = x'00' WHERE tbl = 'trades'");
  assert_packs_agree (f);
  refresh (f);
  g_assert_cmpint (book_query_int (f->db, "SELECT count(*) FROM scan_packs WHERE format = 999"), ==, 0);
  g_assert_cmpint (packed_rows (f, "trades"), ==, 30000);
  assert_packs_agree (f);

  exec (f->db, "UPDATE scan_packs SET data = substr(data, 1, 100) WHERE tbl = 'trades'");
  g_assert_false (awb_scoring_gather (f->db, AS_OF, 365, &facts, &n, NULL, NULL, NULL, &error));
  g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_A_BOOK);
  g_assert_nonnull (strstr (error->message, "trades"));
  g_assert_null (facts);
}

/* A scoring run (threads and packs) scores exactly as the tables say:
 * its RFM equals the one computed here from a gather of the tables only. */
static void
test_run_matches_tables (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AwbRfmSettings settings;
  AwbRfmBreakpoints bp;
  g_autofree AwbClientLabels *labels = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  AwbClientFacts *facts;
  gsize n, row = 0;
  gint64 run;

  awb_rfm_settings_init_default (&settings);
  facts = gather (f->db, &n);   /* no packs yet: the tables */
  labels = g_new (AwbClientLabels, n);
  for (gsize i = 0; i < n; i++)
    awb_rfm_labels_init (&labels[i]);
  awb_rfm_score_book (&settings, AS_OF, facts, labels, n, &bp);

  run = awb_scoring_run (f->db, AS_OF, &settings, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (packed_rows (f, "trades"), ==, 30000);   /* the run packed them */

  stmt = awb_database_prepare (f->db,
                               "SELECT client_id, r_score, f_score, m_score, rfm_segment,"
                               " recency_days, monetary FROM scores WHERE run_id = ?1"
                               " ORDER BY client_id", &error);
  sqlite3_bind_int64 (stmt, 1, run);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const AwbClientLabels *l = &labels[row];

      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, facts[row].id);
      if (l->r_score == AWB_UNKNOWN)
        g_assert_cmpint (sqlite3_column_type (stmt, 1), ==, SQLITE_NULL);
      else
        {
          g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, l->r_score);
          g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, l->f_score);
          g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, l->m_score);
          g_assert_cmpint (sqlite3_column_int (stmt, 4), ==, l->rfm_segment);
          g_assert_cmpint (sqlite3_column_int (stmt, 5), ==, l->recency_days);
          g_assert_cmpint (sqlite3_column_int64 (stmt, 6), ==, l->monetary);
        }
      row++;
    }
  g_assert_cmpuint (row, ==, n);
  g_assert_cmpuint (n, ==, 700);
  awb_client_facts_free (facts, n);
}

/* The importer turns triggers off: appended trades keep the packs (and
 * are read from the table until packed), imported clients drop theirs. */
static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *trades = g_build_filename (f->dir, "trades.csv", NULL);
  g_autofree char *clients = g_build_filename (f->dir, "clients.csv", NULL);
  g_autofree char *no = NULL;
  g_autofree char *text = NULL;
  guint64 rows = 0;

  refresh (f);
  no = g_strdup_printf ("31%08d", (3 * 7919) % 100000000);   /* client 3's account */
  text = g_strdup_printf ("trade_id,client_id,trade_date,commission,amount\n"
                          "imp-1,%s,2024-12-30,88.00,8800.00\n", no);
  g_assert_true (g_file_set_contents (trades, text, -1, NULL));
  g_assert_true (awb_import_file (f->db, AWB_TABLE_TRADES, trades, NULL, NULL, NULL, &rows,
                                  NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 1);
  g_assert_cmpint (packed_rows (f, "trades"), ==, 30000);
  g_assert_cmpint (packed_rows (f, "clients"), ==, 700);
  assert_packs_agree (f);

  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("client_id,name,aum\n%s,Renamed,1.00\n", no);
  g_assert_true (g_file_set_contents (clients, text, -1, NULL));
  g_assert_true (awb_import_file (f->db, AWB_TABLE_CLIENTS, clients, NULL, NULL, NULL, &rows,
                                  NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (packed_rows (f, "clients"), ==, 0);
  g_assert_cmpint (book_query_int (f->db, "SELECT aum FROM clients WHERE id = 3"), ==, 100);
  assert_packs_agree (f);
  refresh (f);
  assert_packs_agree (f);

  /* the book's own triggers are on again after an import */
  exec (f->db, "UPDATE trades SET amount = 1 WHERE id = 1");
  g_assert_cmpint (packed_rows (f, "trades"), ==, 0);
}

/* The triggers watch exactly the columns the packs hold. */
static void
test_trigger_columns (Fixture       *f,
                      gconstpointer  data)
{
  static const char *const tables[AWB_N_SCAN_TABLES] = { "clients", "trades", "interactions" };

  for (guint t = 0; t < AWB_N_SCAN_TABLES; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT sql FROM sqlite_schema WHERE type = 'trigger'"
                                              " AND name = '%s_packs_update'", tables[t]);
      g_autoptr(GError) error = NULL;
      g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (f->db, sql, &error);
      g_auto(GStrv) columns = g_strsplit (awb_scan_table_columns (t), ",", -1);
      g_autofree char *text = NULL;
      g_autofree char *watched = NULL;
      g_auto(GStrv) words = NULL;
      const char *of, *on;

      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      of = strstr (text, "UPDATE OF");
      on = strstr (text, " ON ");
      g_assert_nonnull (of);
      g_assert_nonnull (on);
      watched = g_strndup (of + strlen ("UPDATE OF"), on - of - strlen ("UPDATE OF"));
      words = g_strsplit (watched, ",", -1);
      g_assert_cmpuint (g_strv_length (words), ==, g_strv_length (columns));
      for (guint i = 0; columns[i] != NULL; i++)
        g_assert_cmpstr (g_strstrip (words[i]), ==, g_strstrip (columns[i]));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/awb/scan/refresh", Fixture, NULL, fixture_setup, test_refresh, fixture_teardown);
  g_test_add ("/awb/scan/append", Fixture, NULL, fixture_setup, test_append, fixture_teardown);
  g_test_add ("/awb/scan/triggers", Fixture, NULL, fixture_setup, test_triggers,
              fixture_teardown);
  g_test_add ("/awb/scan/foreign-and-damaged", Fixture, NULL, fixture_setup,
              test_foreign_and_damaged, fixture_teardown);
  g_test_add ("/awb/scan/run-matches-tables", Fixture, NULL, fixture_setup,
              test_run_matches_tables, fixture_teardown);
  g_test_add ("/awb/scan/trigger-columns", Fixture, NULL, fixture_setup, test_trigger_columns,
              fixture_teardown);
  g_test_add ("/awb/scan/import", Fixture, NULL, fixture_setup, test_import, fixture_teardown);

  return g_test_run ();
}
