/* test-server-copy.c: binary COPY from the branch server into a book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under with-pg.  A table on the server with NULLs, negative and
 * extreme bigints, doubles, UTF-8 Chinese text and empty strings is copied
 * into a book table; every value must arrive as written.  Then 100,000 rows
 * (more than one CopyData message's worth of anything) and the failures:
 * a bad SELECT, and an insert the book refuses, each leaving the
 * connection usable.
 */
#include <glib/gstdio.h>

#include "awb-server-copy.h"
#include "pg-fixture.h"

#define DB_NAME "pgtest_copy"

typedef struct
{
  char        *uri;
  AwbServer   *server;
  char        *dir;
  AwbDatabase *book;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->uri = pg_fixture_create_db (DB_NAME);
  f->server = awb_server_connect (f->uri, NULL, &error);
  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("test-server-copy-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "book.sqlite", NULL);
  f->book = awb_database_open (path, &error);
  g_assert_no_error (error);
  awb_database_exec (f->book, "CREATE TABLE t (a INTEGER, b REAL, c TEXT)", &error);
  g_assert_no_error (error);
  awb_server_exec (f->server, "CREATE TABLE public.t (a bigint, b double precision, c text, ord int)", &error);
  g_assert_no_error (error);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "book.sqlite", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&f->book);
  g_clear_object (&f->server);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
  pg_fixture_drop_db (DB_NAME);
  g_free (f->uri);
}

static const AwbCopyType types[] = { AWB_COPY_INT8, AWB_COPY_FLOAT8, AWB_COPY_TEXT };

static void
test_values (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 n = -1;
  int row = 0;

  awb_server_exec (f->server,
                   "INSERT INTO public.t VALUES"
                   " (1, 0.5, '张伟', 1),"
                   " (-1, -2.25, '', 2),"
                   " (NULL, NULL, NULL, 3),"
                   " (-9223372036854775808, 1e300, '投顾工作台 ✓', 4),"
                   " (9223372036854775807, -0.0, 'plain', 5),"
                   " (-123456789012, 3.141592653589793, NULL, 6)",
                   &error);
  g_assert_no_error (error);

  g_assert_true (awb_database_begin (f->book, &error));
  g_assert_true (awb_server_copy_to_book (f->server, "SELECT a, b, c FROM public.t ORDER BY ord",
                                          types, 3, f->book, "INSERT INTO t (a, b, c) VALUES (?, ?, ?)",
                                          &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (awb_database_commit (f->book, &error));
  g_assert_cmpint (n, ==, 6);

  stmt = awb_database_prepare (f->book, "SELECT a, typeof (a), b, typeof (b), c, typeof (c) FROM t ORDER BY rowid", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *c = (const char *) sqlite3_column_text (stmt, 4);

      switch (row++)
        {
        case 0:
          g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 1);
          g_assert_cmpfloat (sqlite3_column_double (stmt, 2), ==, 0.5);
          g_assert_cmpstr (c, ==, "张伟");
          break;
        case 1:
          g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, -1);
          g_assert_cmpfloat (sqlite3_column_double (stmt, 2), ==, -2.25);
          g_assert_cmpstr (c, ==, "");
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 5), ==, "text");
          break;
        case 2:
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "null");
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "null");
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 5), ==, "null");
          break;
        case 3:
          g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, G_MININT64);
          g_assert_cmpfloat (sqlite3_column_double (stmt, 2), ==, 1e300);
          g_assert_cmpstr (c, ==, "投顾工作台 ✓");
          break;
        case 4:
          g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, G_MAXINT64);
          g_assert_cmpfloat (sqlite3_column_double (stmt, 2), ==, 0.0);
          g_assert_cmpstr (c, ==, "plain");
          break;
        case 5:
          g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, G_GINT64_CONSTANT (-123456789012));
          g_assert_cmpfloat (sqlite3_column_double (stmt, 2), ==, 3.141592653589793);
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 5), ==, "null");
          break;
        default:
          g_assert_not_reached ();
        }
      if (row != 3)
        {
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "integer");
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "real");
        }
    }
  g_assert_cmpint (row, ==, 6);
}

static void
test_many (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 n = -1;

  /* 100,000 rows: a = i, b = i / 4, c = '客户' || i; sum (a) = 5,000,050,000 */
  awb_server_exec (f->server,
                   "INSERT INTO public.t SELECT i, i / 4.0, '客户' || i, i FROM generate_series (1, 100000) i",
                   &error);
  g_assert_no_error (error);
  g_assert_true (awb_database_begin (f->book, &error));
  g_assert_true (awb_server_copy_to_book (f->server, "SELECT a, b, c FROM public.t",
                                          types, 3, f->book, "INSERT INTO t (a, b, c) VALUES (?, ?, ?)",
                                          &n, NULL, &error));
  g_assert_true (awb_database_commit (f->book, &error));
  g_assert_cmpint (n, ==, 100000);
  stmt = awb_database_prepare (f->book,
                               "SELECT count (*), sum (a), sum (b), sum (c = '客户' || a), sum (b * 4 = a) FROM t",
                               &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 100000);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, G_GINT64_CONSTANT (5000050000));
  g_assert_cmpfloat (sqlite3_column_double (stmt, 2), ==, 5000050000.0 / 4);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, 100000);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 4), ==, 100000);
}

static void
test_failures (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) res = NULL;
  gint64 n = -1;

  /* a SELECT the server refuses */
  g_assert_false (awb_server_copy_to_book (f->server, "SELECT a, b, c FROM no_such_table",
                                           types, 3, f->book, "INSERT INTO t (a, b, c) VALUES (?, ?, ?)",
                                           &n, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* an insert the book refuses, half-way through a long stream */
  awb_server_exec (f->server,
                   "INSERT INTO public.t SELECT i, i, 'x', i FROM generate_series (1, 50000) i",
                   &error);
  g_assert_no_error (error);
  awb_database_exec (f->book, "CREATE UNIQUE INDEX t_c ON t (c)", &error);
  g_assert_no_error (error);
  g_assert_true (awb_database_begin (f->book, &error));
  g_assert_false (awb_server_copy_to_book (f->server, "SELECT a, b, c FROM public.t",
                                           types, 3, f->book, "INSERT INTO t (a, b, c) VALUES (?, ?, ?)",
                                           &n, NULL, &error));
  g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  awb_database_rollback (f->book);

  /* a server error in the middle of the stream: division by zero at row 30,000 */
  g_assert_false (awb_server_copy_to_book (f->server, "SELECT a, 1.0 / (a - 30000), 'y' || a FROM public.t ORDER BY a",
                                           types, 3, f->book, "INSERT INTO t (a, b, c) VALUES (?, ?, ?)",
                                           &n, NULL, &error));
  g_assert_error (error, AWB_SERVER_ERROR, AWB_SERVER_ERROR_INVALID);
  g_clear_error (&error);

  /* the connection is usable afterwards */
  res = awb_server_query (f->server, "SELECT count (*) FROM public.t", 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (PQgetvalue (res, 0, 0), ==, "50000");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (pg_fixture_base_uri () == NULL)
    {
      g_test_skip ("AWB_TEST_PG_URI is not set: run under tests/server/with-pg");
      return g_test_run ();
    }
  g_test_add ("/server-copy/values", Fixture, NULL, setup, test_values, teardown);
  g_test_add ("/server-copy/many", Fixture, NULL, setup, test_many, teardown);
  g_test_add ("/server-copy/failures", Fixture, NULL, setup, test_failures, teardown);
  return g_test_run ();
}
