/* io-test-utils.c: helpers shared by the io tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "io-test-utils.h"

char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "io", "data", name, NULL);
}

void
import_ok (AwbDatabase  *db,
           AwbTableKind  kind,
           const char   *fixture)
{
  g_autofree char *path = fixture_path (fixture);
  g_autoptr(GError) error = NULL;

  g_assert_true (awb_import_file (db, kind, path, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

gint64
query_int (AwbDatabase *db,
           const char  *sql)
{
  g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* The first column of the first row, "(null)" for NULL. */
char *
query_text (AwbDatabase *db,
            const char  *sql)
{
  g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db, sql, NULL);
  const char *text;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = (const char *) sqlite3_column_text (stmt, 0);
  return g_strdup (text ? text : "(null)");
}

/* Every row of @sql, one line each, columns separated by '|', NULL as
 * "(null)", each value preceded by its SQLite type. */
char *
table_dump (AwbDatabase *db,
            const char  *sql)
{
  g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db, sql, NULL);
  GString *out = g_string_new (NULL);
  int rc;

  g_assert_nonnull (stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (out, "%s%d:%s", i ? "|" : "", sqlite3_column_type (stmt, i),
                                  text ? text : "(null)");
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  return g_string_free (out, FALSE);
}

/* Row counts and a SHA-256 of the content of every table of the book, and
 * of the schema (tables, indexes) itself. */
char *
book_checksum (AwbDatabase *db)
{
  static const char *const tables[] = {
    "managers", "clients", "trades", "interactions", "scoring_runs", "scores", "settings",
    "audit_log", "sqlite_schema",
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);
      g_autofree char *dump_sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1, 2", tables[i]);
      g_autofree char *dump = table_dump (db, dump_sql);
      g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, dump, -1);

      g_string_append_printf (out, "%s:%" G_GINT64_FORMAT ":%s\n", tables[i],
                              query_int (db, count_sql), sum);
    }
  return g_string_free (out, FALSE);
}
