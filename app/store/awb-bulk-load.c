/* awb-bulk-load.c: writing many rows into a book at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A CSV import and the demo generator write up to millions of rows in one
 * transaction.  This file is how they do it without knowing how the book
 * keeps itself fast: the connection's tuning, the triggers that keep the
 * scan packs right (awb-scan.c), and secondary indexes that are cheaper to
 * build again than to fill row by row.
 *
 * NOTES ON THE DESIGN
 *
 *  (1) One transaction.  awb_bulk_load_begin() takes the write lock (BEGIN
 *      IMMEDIATE); awb_bulk_load_commit() commits, awb_bulk_load_rollback()
 *      rolls back.  Either way the connection is given back as it was:
 *      pragmas, journal mode and triggers restored, whatever happened.
 *  (2) Triggers are off on the loading connection: the pack triggers cost
 *      0.45 µs a row, 9 s on twenty million trades.  That is safe because a
 *      bulk load only appends rows with ids SQLite assigns above every
 *      existing one (scan packs cover ids up to their last_id, and the next
 *      run packs the new rows on its own), except the clients of a clients
 *      import, which may be updated: with AWB_BULK_LOAD_UPDATES_CLIENTS the
 *      clients' packs are forgotten at the commit, in the same transaction.
 *  (3) The connection gets a large page cache for the length of the load
 *      (one transaction writes every page it touches; a small cache spills
 *      them to the WAL and reads them back) and foreign-key checks off: the
 *      loaders resolve every client and manager they write themselves, and
 *      the checks could only repeat it.
 *  (4) AWB_BULK_LOAD_EMPTY_BOOK (the demo generator) goes further: PRAGMA
 *      synchronous = OFF and ignore_check_constraints = ON (the generator's
 *      values hold the CHECK constraints by construction, and their IN
 *      lists cost SQLite an ephemeral table per INSERT), and the rollback
 *      journal instead of WAL when this is the book's only connection: in a
 *      rollback journal, pages past the end of the file at BEGIN are not
 *      journaled, so every page is written once instead of to the WAL and
 *      again at the checkpoint.  With another connection open the book
 *      stays in WAL, slower but just as safe.
 *  (5) A table about to receive more rows than it holds (a first load)
 *      would fill its secondary indexes in random order, one B-tree descent
 *      per row.  awb_bulk_load_expect_rows() drops them instead (not the
 *      UNIQUE ones, which catch duplicates) and the commit builds them again
 *      from their own SQL in sqlite_schema, which sorts once.  Being DDL in
 *      the transaction, a rollback restores them too.
 */
#define G_LOG_DOMAIN "awb-bulk-load"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "awb-bulk-load.h"
#include "awb-database-private.h"
#include "awb-scan.h"

#define LOAD_CACHE_KIB        262144   /* (3): 256 MiB at most, allocated only as used */
#define EMPTY_BOOK_CACHE_KIB  131072   /* (4): 128 MiB */
#define DEFER_MIN_ROWS        10000    /* (5): below this, indexes are kept as they are */

typedef struct
{
  const char *name;
  int         value;
} Pragma;

struct _AwbBulkLoad
{
  AwbDatabase      *db;              /* strong reference */
  AwbBulkLoadFlags  flags;
  Pragma            tuned[4];        /* what begin changed ... */
  int               saved[4];        /* ... and the values it had */
  guint             n_tuned;
  char             *old_journal;     /* the journal mode to go back to, or NULL */
  GPtrArray        *deferred;        /* CREATE INDEX statements to run at the commit */
};

static gboolean
read_pragma (AwbDatabase  *db,
             const char   *name,
             int          *value,
             GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", name);
  g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return awb_database_set_error (db, rc, error);
  *value = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static gboolean
set_pragma (AwbDatabase  *db,
            const char   *name,
            int           value,
            GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s = %d", name, value);

  return awb_database_exec (db, sql, error);
}

/* Returns the journal mode after asking for @mode (NULL: just reads it),
 * or NULL if the book could not be asked. */
static char *
journal_mode (AwbDatabase *db,
              const char  *mode)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA journal_mode%s%s",
                                          mode ? " = " : "", mode ? mode : "");
  g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db, sql, NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* (4): leaves WAL for the rollback journal if nobody else has the book open;
 * returns the mode to go back to, or NULL if it stayed. */
static char *
leave_wal (AwbDatabase *db)
{
  g_autofree char *old = journal_mode (db, NULL);
  g_autofree char *now = NULL;
  int timeout = 0;

  if (old == NULL || g_ascii_strcasecmp (old, "wal") != 0)
    return NULL;
  /* Leaving WAL needs the only connection to the book: ask once, without
   * waiting out the busy timeout. */
  if (!read_pragma (db, "busy_timeout", &timeout, NULL))
    return NULL;
  set_pragma (db, "busy_timeout", 0, NULL);
  now = journal_mode (db, "delete");
  set_pragma (db, "busy_timeout", timeout, NULL);
  if (now == NULL || g_ascii_strcasecmp (now, "delete") != 0)
    return NULL;
  return g_steal_pointer (&old);
}

/* (1): gives the connection back as begin found it, and frees @load. */
static void
restore_and_free (AwbBulkLoad *load)
{
  _awb_database_set_triggers (load->db, TRUE);
  if (load->old_journal != NULL)
    g_free (journal_mode (load->db, load->old_journal));
  for (guint i = load->n_tuned; i-- > 0;)
    set_pragma (load->db, load->tuned[i].name, load->saved[i], NULL);
  g_clear_pointer (&load->deferred, g_ptr_array_unref);
  g_free (load->old_journal);
  g_object_unref (load->db);
  g_free (load);
}

static gboolean
tune (AwbBulkLoad  *load,
      const char   *name,
      int           value,
      GError      **error)
{
  guint i = load->n_tuned;

  g_assert (i < G_N_ELEMENTS (load->tuned));
  if (!read_pragma (load->db, name, &load->saved[i], error) ||
      !set_pragma (load->db, name, value, error))
    return FALSE;
  load->tuned[i].name = name;
  load->tuned[i].value = value;
  load->n_tuned++;
  return TRUE;
}

/* A working copy of the branch book (awb-sync.h) takes its rows from the
 * branch server: rows loaded here would bypass the triggers that record
 * what a sync pushes, and their ids could clash with the server's.  Only
 * a branch cache (_awb_database_set_branch_cache) loads into one. */
static gboolean
refuse_attached (AwbDatabase  *db,
                 GError      **error)
{
  g_autofree char *server = NULL;

  if (!_awb_database_get_working_copy_server (db, &server, error))
    return FALSE;
  if (server != NULL)
    {
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_INVALID,
                   /* Translators: %s is the branch server's address */
                   _("This book is a working copy of the branch book on %s: clients, trades and interactions are imported on the branch server (import --server) and reach this book at the next sync."),
                   server);
      return FALSE;
    }
  return TRUE;
}

/**
 * awb_bulk_load_begin:
 * @flags: what the load does (Notes (2), (4))
 *
 * Tunes @db's connection for a large write and begins its transaction
 * (Notes (1)-(4)).  Precondition: no transaction is open on @db.  Until
 * awb_bulk_load_commit() or awb_bulk_load_rollback(), the caller only
 * appends rows with ids SQLite assigns (and, with
 * AWB_BULK_LOAD_UPDATES_CLIENTS, updates clients).
 *
 * Returns: (transfer full): the load, or %NULL with @error set and the
 * connection as it was (AWB_DATABASE_ERROR_BUSY when another program
 * writes the book).
 */
AwbBulkLoad *
awb_bulk_load_begin (AwbDatabase       *db,
                     AwbBulkLoadFlags   flags,
                     GError           **error)
{
  AwbBulkLoad *load;
  gboolean empty = (flags & AWB_BULK_LOAD_EMPTY_BOOK) != 0;

  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);
  g_return_val_if_fail (sqlite3_get_autocommit (awb_database_get_handle (db)), NULL);

  if (!refuse_attached (db, error))
    return NULL;

  load = g_new0 (AwbBulkLoad, 1);
  load->db = g_object_ref (db);
  load->flags = flags;
  load->deferred = g_ptr_array_new_with_free_func (g_free);

  if (!tune (load, "cache_size", empty ? -EMPTY_BOOK_CACHE_KIB : -LOAD_CACHE_KIB, error) ||
      !tune (load, "foreign_keys", 0, error) ||
      (empty && !tune (load, "synchronous", 0, error)) ||
      (empty && !tune (load, "ignore_check_constraints", 1, error)))
    {
      restore_and_free (load);
      return NULL;
    }
  if (empty)
    load->old_journal = leave_wal (db);

  if (!awb_database_begin (db, error))
    {
      restore_and_free (load);
      return NULL;
    }
  /* (2) */
  _awb_database_set_triggers (db, FALSE);
  return load;
}

/**
 * awb_bulk_load_expect_rows:
 * @table: "trades" or "interactions" (appended to only)
 * @n_rows: about how many rows the load will append to @table
 *
 * Tells the load what is coming, so the table's secondary indexes are built
 * once at the commit instead of row by row when that is cheaper (Notes
 * (5)).  Returns %FALSE with @error set on failure; the caller then rolls
 * the load back.
 */
gboolean
awb_bulk_load_expect_rows (AwbBulkLoad  *load,
                           const char   *table,
                           gint64        n_rows,
                           GError      **error)
{
  g_autoptr(sqlite3_stmt) size = NULL;   /* the table's largest id */
  g_autoptr(sqlite3_stmt) list = NULL;   /* its droppable indexes */
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *size_sql = NULL;
  int rc;

  g_return_val_if_fail (load != NULL, FALSE);
  g_return_val_if_fail (g_strcmp0 (table, "trades") == 0 ||
                        g_strcmp0 (table, "interactions") == 0, FALSE);

  if (n_rows < DEFER_MIN_ROWS)
    return TRUE;
  size_sql = g_strdup_printf ("SELECT coalesce(max(id), 0) FROM %s", table);
  size = awb_database_prepare (load->db, size_sql, error);
  if (size == NULL)
    return FALSE;
  rc = sqlite3_step (size);
  if (rc != SQLITE_ROW)
    return awb_database_set_error (load->db, rc, error);
  if (n_rows <= sqlite3_column_int64 (size, 0))
    return TRUE;
  /* DROP INDEX fails while a statement of the connection runs */
  g_clear_pointer (&size, sqlite3_finalize);

  list = awb_database_prepare (load->db,
                               "SELECT name, sql FROM sqlite_schema WHERE type = 'index' "
                               "AND tbl_name = ?1 AND sql IS NOT NULL "
                               "AND sql NOT LIKE 'CREATE UNIQUE%'", error);
  if (list == NULL)
    return FALSE;
  sqlite3_bind_text (list, 1, table, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (list)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (list, 0)));
      g_ptr_array_add (load->deferred, g_strdup ((const char *) sqlite3_column_text (list, 1)));
    }
  if (rc != SQLITE_DONE)
    return awb_database_set_error (load->db, rc, error);
  g_clear_pointer (&list, sqlite3_finalize);

  for (guint i = 0; i < names->len; i++)
    {
      char *drop = sqlite3_mprintf ("DROP INDEX \"%w\"", (const char *) names->pdata[i]);
      gboolean ok = awb_database_exec (load->db, drop, error);

      sqlite3_free (drop);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/**
 * awb_bulk_load_commit:
 *
 * Builds the deferred indexes again, forgets what the load made stale
 * (Notes (2)), commits, and gives the connection back as it was.  Frees
 * @load.  The caller must have finalized its statements on the connection
 * first (COMMIT cannot release the book under a running statement).
 *
 * Returns: %TRUE; %FALSE with @error set when anything failed, and then
 * the transaction was rolled back: the book is as it was.
 */
gboolean
awb_bulk_load_commit (AwbBulkLoad  *load,
                      GError      **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (load != NULL, FALSE);

  for (guint i = 0; ok && i < load->deferred->len; i++)
    ok = awb_database_exec (load->db, load->deferred->pdata[i], error);
  if (ok && (load->flags & AWB_BULK_LOAD_UPDATES_CLIENTS) != 0)
    ok = awb_scan_packs_forget (load->db, AWB_SCAN_CLIENTS, error);
  if (ok)
    ok = awb_database_commit (load->db, error);   /* rolls back itself on failure */
  else
    awb_database_rollback (load->db);
  restore_and_free (load);
  return ok;
}

/**
 * awb_bulk_load_rollback:
 *
 * Rolls the load back (the book is as before awb_bulk_load_begin()) and
 * gives the connection back as it was.  Frees @load.
 */
void
awb_bulk_load_rollback (AwbBulkLoad *load)
{
  g_return_if_fail (load != NULL);

  awb_database_rollback (load->db);
  restore_and_free (load);
}
