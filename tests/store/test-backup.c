/* test-backup.c: backups made while the book is open and written to, and
 * restores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "awb-backup.h"
#include "book-fixture.h"

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
add_clients (AwbDatabase *db,
             int          from,
             int          to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("WITH RECURSIVE k (i) AS (SELECT %d UNION ALL "
                                          "SELECT i + 1 FROM k WHERE i < %d) INSERT INTO clients "
                                          "(client_no, name) SELECT printf ('C%%05d', i), "
                                          "'Name ' || i FROM k", from, to);

  g_assert_true (awb_database_exec (db, sql, &error));
  g_assert_no_error (error);
}

/* The backup holds what was committed when it was made: 2,000 clients,
 * not the 10 another connection has written and not yet committed; it is
 * 0600, one file (rollback journal) and leaves no temporary file. */
static void
test_backup_while_written (BookFixture   *f,
                           gconstpointer  data)
{
  g_autofree char *output = g_build_filename (f->dir, "backup.awb", NULL);
  g_autoptr(AwbDatabase) writer = NULL;
  g_autoptr(AwbDatabase) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  GStatBuf st;
  int version = 0;

  add_clients (f->db, 1, 2000);
  writer = awb_database_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (awb_database_begin (writer, &error));
  add_clients (writer, 2001, 2010);

  g_assert_true (awb_backup_write (f->db, output, NULL, &error));
  g_assert_no_error (error);
  awb_database_commit (writer, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM clients"), ==, 2010);

  g_assert_cmpint (g_stat (output, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (awb_backup_check_file (output, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 5);
  listing = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_assert_null (strstr (name, ".part-"));

  copy = awb_database_open (output, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (copy, "SELECT count(*) FROM clients"), ==, 2000);
  g_assert_cmpint (query_int (copy, "SELECT max(client_no) = 'C02000' FROM clients"), ==, 1);
}

/* Restoring while a connection has the book open: the connection reads
 * the backup's rows afterwards (3 clients, not 5), and the book as it was
 * (5) is kept beside it, 0600. */
static void
test_restore_while_open (BookFixture   *f,
                         gconstpointer  data)
{
  g_autofree char *output = g_build_filename (f->dir, "backup.awb", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(AwbDatabase) old = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  add_clients (f->db, 1, 3);
  g_assert_true (awb_backup_write (f->db, output, NULL, &error));
  g_assert_no_error (error);
  add_clients (f->db, 4, 5);

  g_assert_true (awb_backup_restore (f->path, output, NULL, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM clients"), ==, 3);

  g_assert_nonnull (kept);
  g_assert_true (g_str_has_prefix (kept, f->path));
  g_assert_true (g_str_has_prefix (kept + strlen (f->path), ".before-restore-"));
  g_assert_cmpint (strlen (kept + strlen (f->path)), ==, strlen (".before-restore-20261203-235959"));
  g_assert_cmpint (g_stat (kept, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  old = awb_database_open (kept, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (old, "SELECT count(*) FROM clients"), ==, 5);

  /* restored again at once: the first kept book is not overwritten */
  {
    g_autofree char *again = NULL;

    g_assert_true (awb_backup_restore (f->path, output, NULL, &again, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (again, !=, kept);
    g_assert_cmpint (query_int (old, "SELECT count(*) FROM clients"), ==, 5);
  }
}

/* A cancelled backup writes nothing and leaves no temporary file. */
static void
test_backup_cancelled (BookFixture   *f,
                       gconstpointer  data)
{
  g_autofree char *output = g_build_filename (f->dir, "backup.awb", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;

  g_cancellable_cancel (cancellable);
  g_assert_false (awb_backup_write (f->db, output, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  listing = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_assert_true (g_str_has_prefix (name, "book.sqlite"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/awb/backup/while-written", BookFixture, NULL, book_fixture_setup,
              test_backup_while_written, book_fixture_teardown);
  g_test_add ("/awb/backup/restore-while-open", BookFixture, NULL, book_fixture_setup,
              test_restore_while_open, book_fixture_teardown);
  g_test_add ("/awb/backup/cancelled", BookFixture, NULL, book_fixture_setup,
              test_backup_cancelled, book_fixture_teardown);

  return g_test_run ();
}
