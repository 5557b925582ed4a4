/* awb-backup.c: a copy of the book in one file, and the book restored from it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * NOTES ON THE DESIGN
 *
 *  (1) A backup is made with SQLite's online backup API (sqlite3_backup_*)
 *      from the book's own connection: a consistent copy of the last
 *      committed state, while the window keeps reading and other programs
 *      keep writing (WAL mode: a write by another connection between two
 *      steps makes SQLite start the copy again).  It is written to a
 *      temporary file beside the output (mode 0600, awb-part-file.c), put
 *      in the rollback journal mode so that the one file is the whole
 *      backup (no -wal beside it), checked with PRAGMA integrity_check and
 *      only then renamed over the output.  On any failure the temporary
 *      file is removed.
 *  (2) Restoring first checks the backup, changing nothing when it is not
 *      one: an SQLite file, opened read-only, that passes the integrity
 *      check, whose schema version is one this build opens (1 up to
 *      AWB_DATABASE_SCHEMA_VERSION) and that holds the tables of a book.
 *  (3) Then the book as it was is kept beside it, as
 *      BOOK.before-restore-YYYYMMDD-HHMMSS (local time, 0600; -2, -3 … after
 *      it for a second restore within the same second), copied with
 *      the backup API (its raw bytes, with its -wal, if it is too damaged
 *      to be read), and the backup is copied into the book with the backup
 *      API too: through the book's own file, so that a window that has it
 *      open sees the restored book at its next read, as after any other
 *      program's write.  The restored book is opened once, which migrates
 *      an older backup to this build's schema.
 */
#define G_LOG_DOMAIN "awb-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "awb-backup.h"
#include "awb-part-file.h"

#define PAGES_PER_STEP 1024

/* The tables every book has had since schema 1. */
static const char *const book_tables[] = {
  "managers", "clients", "trades", "interactions", "scoring_runs", "scores", "settings",
  "audit_log",
};

static void
close_db (sqlite3 *db)
{
  sqlite3_close_v2 (db);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, close_db)

/* Runs @pragma (integrity_check or quick_check) on @db: %TRUE when it
 * answers "ok", else the first problem (or SQLite's error) in *@problem. */
static gboolean
check_pages (sqlite3     *db,
             const char  *pragma,
             char       **problem)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      *problem = g_strdup (sqlite3_errmsg (db));
      return FALSE;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      /* on one line: "*** in database main *** Page 4: …" */
      *problem = g_strdelimit (g_strdup ((const char *) sqlite3_column_text (stmt, 0)), "\n",
                               ' ');
      return FALSE;
    }
  return TRUE;
}

/* Copies every page of @src into @dest, in steps, checking @cancellable
 * between them; waits while another connection holds a lock. */
static int
copy_pages (sqlite3      *dest,
            sqlite3      *src,
            GCancellable *cancellable)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", src, "main");
  int rc;

  if (backup == NULL)
    return sqlite3_errcode (dest);
  do
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          sqlite3_backup_finish (backup);
          return SQLITE_INTERRUPT;
        }
      rc = sqlite3_backup_step (backup, PAGES_PER_STEP);
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        g_usleep (20000);
    }
  while (rc == SQLITE_OK || (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void
unlink_with_journal (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (path);
  g_unlink (journal);
}

/* Writes a backup of @src (a connection) to @output as Notes (1) say;
 * @what names the book in messages. */
static gboolean
write_backup (sqlite3       *src,
              const char    *what,
              const char    *output,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *tmp = NULL;
  g_autofree char *problem = NULL;
  g_autoptr(sqlite3) dest = NULL;
  int fd;
  int rc;

  fd = awb_part_file_open (output, &tmp, error);
  if (fd < 0)
    return FALSE;
  close (fd);

  rc = sqlite3_open_v2 (tmp, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    rc = copy_pages (dest, src, cancellable);
  if (rc == SQLITE_INTERRUPT)
    {
      g_clear_pointer (&dest, close_db);
      unlink_with_journal (tmp);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The backup was cancelled; nothing was written"));
      return FALSE;
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %1$s is the backup file, %2$s the book, %3$s SQLite's message */
                   _("Cannot write the backup “%1$s” of “%2$s”: %3$s"), output, what,
                   dest != NULL ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      g_clear_pointer (&dest, close_db);
      unlink_with_journal (tmp);
      return FALSE;
    }
  if (!check_pages (dest, "PRAGMA integrity_check (1)", &problem))
    {
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_A_BOOK,
                   /* Translators: %1$s is the backup file, %2$s SQLite's first problem */
                   _("The backup “%1$s” failed its integrity check (%2$s) and was not kept; "
                     "the book may be damaged."), output, problem);
      g_clear_pointer (&dest, close_db);
      unlink_with_journal (tmp);
      return FALSE;
    }
  rc = sqlite3_close (g_steal_pointer (&dest));
  if (rc != SQLITE_OK || g_rename (tmp, output) != 0)
    {
      int saved_errno = errno;

      unlink_with_journal (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot write “%s”: %s"), output, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/**
 * awb_backup_write:
 * @db: the book
 * @output: the backup file to write (replaced if it exists)
 *
 * Writes a backup of @db to @output (Notes (1)): one SQLite file, mode
 * 0600, that passed PRAGMA integrity_check.  Safe while other connections
 * read and write the book.  On failure @output is untouched and no
 * temporary file is left; G_IO_ERROR_CANCELLED after a cancel.
 */
gboolean
awb_backup_write (AwbDatabase   *db,
                  const char    *output,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (output != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_backup (awb_database_get_handle (db), awb_database_get_path (db), output,
                       cancellable, error);
}

static int
read_int (sqlite3    *db,
          const char *sql,
          int        *rc_out)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int value = 0;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  *rc_out = rc;
  return value;
}

/* Opens @path read-only and checks it is a backup of a book (Notes (2)). */
static sqlite3 *
open_checked (const char  *path,
              int         *schema_version,
              GError     **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autofree char *problem = NULL;
  int version;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no backup file “%s”"), path);
      return NULL;
    }
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, AWB_DATABASE_BUSY_TIMEOUT_MS);
      version = read_int (db, "PRAGMA user_version", &rc);
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_A_BOOK,
                   /* Translators: %1$s is a file, %2$s SQLite's message */
                   _("“%1$s” is not a backup of an Advisor Workbench book: %2$s"), path,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      return NULL;
    }
  if (version > AWB_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NEWER_SCHEMA,
                   _("The backup “%s” was written by a newer version of Advisor Workbench "
                     "(schema %d; this version reads up to %d). Nothing was restored."),
                   path, version, AWB_DATABASE_SCHEMA_VERSION);
      return NULL;
    }
  if (!check_pages (db, "PRAGMA integrity_check (1)", &problem))
    {
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_A_BOOK,
                   /* Translators: %1$s is a file, %2$s SQLite's first problem */
                   _("The backup “%1$s” is damaged (%2$s). Nothing was restored."), path, problem);
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (book_tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_schema WHERE "
                                              "type = 'table' AND name = '%s'", book_tables[i]);

      if (version < 1 || read_int (db, sql, &rc) != 1 || rc != SQLITE_OK)
        {
          g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_A_BOOK,
                       _("“%s” is an SQLite file but not a backup of an Advisor Workbench "
                         "book. Nothing was restored."), path);
          return NULL;
        }
    }
  if (schema_version != NULL)
    *schema_version = version;
  return g_steal_pointer (&db);
}

/**
 * awb_backup_check_file:
 * @schema_version: (out) (optional): the backup's schema version
 *
 * Checks that @path is a backup this build can restore (Notes (2)),
 * reading it only.
 *
 * Returns: %TRUE, or %FALSE with @error set: AWB_DATABASE_ERROR_NOT_A_BOOK
 * (not SQLite, damaged, or not a book), AWB_DATABASE_ERROR_NEWER_SCHEMA,
 * or G_IO_ERROR_NOT_FOUND.
 */
gboolean
awb_backup_check_file (const char  *path,
                       int         *schema_version,
                       GError     **error)
{
  g_autoptr(sqlite3) db = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  db = open_checked (path, schema_version, error);
  return db != NULL;
}

/* Notes (3): @book as it is, to @kept; its raw bytes when it cannot be
 * read as a database. */
static gboolean
keep_book (const char  *book,
           const char  *kept,
           GError     **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *wal = g_strconcat (book, "-wal", NULL);
  g_autofree char *kept_wal = g_strconcat (kept, "-wal", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  int rc;

  rc = sqlite3_open_v2 (book, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, AWB_DATABASE_BUSY_TIMEOUT_MS);
      if (write_backup (db, book, kept, NULL, &local))
        return TRUE;
      g_debug ("keeping %s by its bytes: %s", book, local->message);
      g_clear_error (&local);
    }

  if (!g_file_get_contents (book, &contents, &len, error) ||
      !awb_part_file_set_contents (kept, contents, len, error))
    return FALSE;
  g_clear_pointer (&contents, g_free);
  if (g_file_test (wal, G_FILE_TEST_EXISTS) &&
      (!g_file_get_contents (wal, &contents, &len, error) ||
       !awb_part_file_set_contents (kept_wal, contents, len, error)))
    return FALSE;
  return TRUE;
}

/**
 * awb_backup_restore:
 * @book_path: the book to replace (created if missing)
 * @input: the backup
 * @kept_path: (out) (optional) (transfer full): where the book as it was
 *   is kept, %NULL when there was no book
 *
 * Checks @input (awb_backup_check_file), keeps the book as it is beside it
 * and replaces its contents with the backup's (Notes (3)).  Nothing is
 * changed when the check fails.
 */
gboolean
awb_backup_restore (const char  *book_path,
                    const char  *input,
                    char       **kept_path,
                    GError     **error)
{
  g_autoptr(sqlite3) src = NULL;
  g_autoptr(sqlite3) dest = NULL;
  g_autoptr(AwbDatabase) reopened = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *kept = NULL;
  GStatBuf st;
  int rc;

  g_return_val_if_fail (book_path != NULL && input != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  src = open_checked (input, NULL, error);
  if (src == NULL)
    return FALSE;

  if (g_stat (book_path, &st) == 0 && st.st_size > 0)
    {
      now = g_date_time_new_now_local ();
      stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
      kept = g_strdup_printf ("%s.before-restore-%s", book_path, stamp);
      /* two restores in one second: the second is kept as …-2, …-3 */
      for (int i = 2; g_file_test (kept, G_FILE_TEST_EXISTS); i++)
        {
          g_free (kept);
          kept = g_strdup_printf ("%s.before-restore-%s-%d", book_path, stamp, i);
        }
      if (!keep_book (book_path, kept, error))
        {
          g_prefix_error (error, _("The book was not restored: keeping it as it was failed: "));
          return FALSE;
        }
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (book_path);
      int fd;

      g_mkdir_with_parents (dir, 0700);
      fd = g_open (book_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Cannot create the book “%s”: %s"), book_path, g_strerror (saved_errno));
          return FALSE;
        }
      close (fd);
    }

  rc = sqlite3_open_v2 (book_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (dest, AWB_DATABASE_BUSY_TIMEOUT_MS);
      rc = copy_pages (dest, src, NULL);
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, AWB_DATABASE_ERROR,
                   (rc & 0xff) == SQLITE_BUSY ? AWB_DATABASE_ERROR_BUSY : AWB_DATABASE_ERROR_FAILED,
                   /* Translators: %1$s is the book, %2$s SQLite's message */
                   _("The book “%1$s” was not restored: %2$s"), book_path,
                   dest != NULL ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      return FALSE;
    }
  g_clear_pointer (&dest, close_db);
  g_clear_pointer (&src, close_db);

  /* an older backup is brought to this build's schema */
  reopened = awb_database_open (book_path, error);
  if (reopened == NULL)
    return FALSE;
  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);
  return TRUE;
}
