/* book-fixture.c: a new, empty book in a folder of its own, for a test;
 * and the one-value queries tests read a book with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "book-fixture.h"

void
book_fixture_setup (BookFixture   *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("awb-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "book.sqlite", NULL);
  f->db = awb_database_open (f->path, &error);
  g_assert_no_error (error);
}

void
book_fixture_teardown (BookFixture   *f,
                       gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->db);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
  g_free (f->path);
}

/* Steps @sql, which must give a row, and leaves it for the caller to read
 * its first column. */
static sqlite3_stmt *
first_row (AwbDatabase *db,
           const char  *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = awb_database_prepare (db, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return stmt;
}

/* The first column of the first row of @sql, which must give one. */
gint64
book_query_int (AwbDatabase *db,
                const char  *sql)
{
  g_autoptr(sqlite3_stmt) stmt = first_row (db, sql);

  return sqlite3_column_int64 (stmt, 0);
}

double
book_query_double (AwbDatabase *db,
                   const char  *sql)
{
  g_autoptr(sqlite3_stmt) stmt = first_row (db, sql);

  return sqlite3_column_double (stmt, 0);
}

/* (transfer full), NULL for a NULL */
char *
book_query_text (AwbDatabase *db,
                 const char  *sql)
{
  g_autoptr(sqlite3_stmt) stmt = first_row (db, sql);

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}
