/* awb-server-run.c: imports, scoring runs and exports on the branch server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See awb-server-run.h.  The upload of a run writes a million scores with
 * one COPY … FROM STDIN (FORMAT binary) into the run's partition of
 * awb.scores, made with the run's row (COPY FROM into awb.scores itself,
 * a table with row-level security, is refused to anyone but a superuser;
 * the partition has no policies and no privileges but the uploader's
 * INSERT).  Each row carries its client's manager (as the cache has it; the
 * clients moved since follow with awb.run_follow_moves) and one rev for the
 * whole run, so the schema's per-row trigger does not fire.  The small
 * tables (run_stats, run_kpis, run_migrations) go through temporary tables
 * and INSERT … SELECT, which turns the book's manager ids into the
 * server's by name.  The run is marked complete last.
 */
#define G_LOG_DOMAIN "awb-server"

/* the session extension's declarations (Debian's SQLite has it built in) */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "awb-server-copy.h"
#include "awb-server-run.h"
#include "awb-database-private.h"
#include "awb-server-private.h"

/* For the tests of a cut upload (test-server-ops.sh): the environment
 * variable AWB_SERVER_RUN_KILL_AT names a point ("upload-before-commit"),
 * and the process ends there at once, as if killed. */
static void
kill_point (const char *name)
{
  const char *at = g_getenv ("AWB_SERVER_RUN_KILL_AT");

  if (at != NULL && g_str_equal (at, name))
    _exit (137);
}

/* ---- the cache book ----------------------------------------------------- */

char *
awb_server_run_default_cache_path (AwbServer *server)
{
  g_autofree char *key = g_strdup_printf ("%s\n%s", awb_server_get_display_uri (server),
                                          awb_server_get_user (server));
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, key, -1);
  g_autofree char *name = g_strdup_printf ("branch-%s.sqlite", sum);

  return g_build_filename (g_get_user_cache_dir (), "advisor-workbench", name, NULL);
}

AwbDatabase *
awb_server_run_open_cache (AwbServer      *server,
                           const char     *cache_path,
                           gboolean        sync,
                           AwbSyncReport  *report,
                           GCancellable   *cancellable,
                           GError        **error)
{
  g_autofree char *path = cache_path != NULL ? g_strdup (cache_path)
                                             : awb_server_run_default_cache_path (server);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(AwbDatabase) db = NULL;
  AwbSyncReport dummy;

  g_return_val_if_fail (AWB_IS_SERVER (server), NULL);

  if (awb_server_check_schema (server, error) < 0)
    return NULL;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   /* Translators: %s is a folder, the second %s the system's reason */
                   _("Cannot create the folder %s for the branch’s cache book: %s."),
                   dir, g_strerror (saved));
      return NULL;
    }
  db = awb_database_open (path, error);
  if (db == NULL)
    return NULL;
  /* the cache keeps the whole branch for the server's jobs: it imports and
   * scores for the branch, though it is a working copy */
  _awb_database_set_branch_cache (db, TRUE);
  if (sync && !awb_sync_run (db, server, report != NULL ? report : &dummy, cancellable, error))
    return NULL;
  return g_steal_pointer (&db);
}

/* ---- binary COPY FROM STDIN ---------------------------------------------- */

static void
put_u16 (GByteArray *buf,
         guint16     v)
{
  guint16 be = GUINT16_TO_BE (v);

  g_byte_array_append (buf, (const guint8 *) &be, 2);
}

static void
put_u32 (GByteArray *buf,
         guint32     v)
{
  guint32 be = GUINT32_TO_BE (v);

  g_byte_array_append (buf, (const guint8 *) &be, 4);
}

static void
put_u64 (GByteArray *buf,
         guint64     v)
{
  guint64 be = GUINT64_TO_BE (v);

  g_byte_array_append (buf, (const guint8 *) &be, 8);
}

static gboolean
copy_end_with_error (AwbServer   *server,
                     const char  *why,
                     GError     **error)
{
  PGconn *conn = awb_server_get_handle (server);
  PGresult *res;
  gboolean reported = FALSE;

  PQputCopyEnd (conn, why);
  while ((res = PQgetResult (conn)) != NULL)
    {
      if (!reported && PQresultStatus (res) == PGRES_FATAL_ERROR && error != NULL && *error == NULL)
        {
          awb_server_set_error (server, res, error);
          reported = TRUE;
        }
      PQclear (res);
    }
  if (!reported && error != NULL && *error == NULL)
    awb_server_set_error (server, NULL, error);
  return FALSE;
}

/* How a column goes on the wire in binary COPY: the server's own type
 * (binary COPY does not convert: a smallint column takes two bytes). */
typedef enum { WIRE_INT2, WIRE_INT4, WIRE_INT8, WIRE_FLOAT8, WIRE_TEXT } WireType;

/* Runs @copy_sql (a COPY … FROM STDIN (FORMAT binary)) and sends it the
 * rows of the book's @select_sql, typed @wire. */
static gboolean
copy_rows (AwbServer       *server,
           AwbDatabase     *db,
           const char      *select_sql,
           const char      *copy_sql,
           const WireType  *wire,
           guint            n_columns,
           gint64          *n_rows,
           GCancellable    *cancellable,
           GError         **error)
{
  static const guint8 signature[11] = "PGCOPY\n\377\r\n";
  PGconn *conn = awb_server_get_handle (server);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GByteArray) buf = g_byte_array_sized_new (1 << 20);
  g_autoptr(PGresult) res = NULL;
  gint64 rows = 0;
  int rc;

  stmt = awb_database_prepare (db, select_sql, error);
  if (stmt == NULL)
    return FALSE;
  g_return_val_if_fail ((guint) sqlite3_column_count (stmt) == n_columns, FALSE);

  res = PQexec (conn, copy_sql);
  if (PQresultStatus (res) != PGRES_COPY_IN)
    return awb_server_set_error (server, res, error);
  g_clear_pointer (&res, PQclear);

  g_byte_array_append (buf, signature, sizeof signature);
  put_u32 (buf, 0);                           /* flags */
  put_u32 (buf, 0);                           /* no header extension */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      put_u16 (buf, (guint16) n_columns);
      for (guint i = 0; i < n_columns; i++)
        {
          int col = (int) i;

          if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
            {
              put_u32 (buf, 0xffffffffu);
              continue;
            }
          switch (wire[i])
            {
            case WIRE_INT2:
              put_u32 (buf, 2);
              put_u16 (buf, (guint16) (gint16) sqlite3_column_int (stmt, col));
              break;
            case WIRE_INT4:
              put_u32 (buf, 4);
              put_u32 (buf, (guint32) sqlite3_column_int (stmt, col));
              break;
            case WIRE_INT8:
              put_u32 (buf, 8);
              put_u64 (buf, (guint64) sqlite3_column_int64 (stmt, col));
              break;
            case WIRE_FLOAT8:
              {
                double d = sqlite3_column_double (stmt, col);
                guint64 bits;

                memcpy (&bits, &d, 8);
                put_u32 (buf, 8);
                put_u64 (buf, bits);
              }
              break;
            case WIRE_TEXT:
            default:
              {
                const guint8 *text = sqlite3_column_text (stmt, col);
                int len = sqlite3_column_bytes (stmt, col);

                put_u32 (buf, (guint32) len);
                g_byte_array_append (buf, text, (guint) len);
              }
              break;
            }
        }
      rows++;
      if (buf->len >= (1 << 20))
        {
          if (g_cancellable_is_cancelled (cancellable))
            {
              copy_end_with_error (server, "cancelled", NULL);
              g_cancellable_set_error_if_cancelled (cancellable, error);
              return FALSE;
            }
          if (PQputCopyData (conn, (const char *) buf->data, (int) buf->len) != 1)
            return copy_end_with_error (server, NULL, error);
          g_byte_array_set_size (buf, 0);
        }
    }
  if (rc != SQLITE_DONE)
    {
      awb_database_set_error (db, rc, error);
      return copy_end_with_error (server, "the book could not be read", NULL);
    }
  put_u16 (buf, 0xffff);                      /* the trailer */
  if (PQputCopyData (conn, (const char *) buf->data, (int) buf->len) != 1 ||
      PQputCopyEnd (conn, NULL) != 1)
    return copy_end_with_error (server, NULL, error);
  {
    gboolean ok = TRUE;

    while ((res = PQgetResult (conn)) != NULL)
      {
        if (ok && PQresultStatus (res) != PGRES_COMMAND_OK)
          ok = awb_server_set_error (server, res, error);
        g_clear_pointer (&res, PQclear);
      }
    if (!ok)
      return FALSE;
  }
  if (n_rows != NULL)
    *n_rows = rows;
  return TRUE;
}

gboolean
awb_server_copy_book_to_temp (AwbServer          *server,
                              AwbDatabase        *db,
                              const char         *select_sql,
                              const char *const  *columns,
                              const AwbCopyType  *types,
                              guint               n_columns,
                              const char         *stage,
                              gint64             *n_rows,
                              GCancellable       *cancellable,
                              GError            **error)
{
  g_autoptr(GString) create = g_string_new (NULL);
  g_autoptr(GString) copy = g_string_new (NULL);
  g_autofree WireType *wire = g_new (WireType, n_columns);

  g_string_printf (create, "CREATE TEMP TABLE %s (", stage);
  g_string_printf (copy, "COPY %s (", stage);
  for (guint i = 0; i < n_columns; i++)
    {
      g_string_append_printf (create, "%s%s %s", i > 0 ? ", " : "", columns[i],
                              types[i] == AWB_COPY_INT8 ? "bigint"
                              : types[i] == AWB_COPY_FLOAT8 ? "double precision" : "text");
      g_string_append_printf (copy, "%s%s", i > 0 ? ", " : "", columns[i]);
      wire[i] = types[i] == AWB_COPY_INT8 ? WIRE_INT8 : types[i] == AWB_COPY_FLOAT8 ? WIRE_FLOAT8 : WIRE_TEXT;
    }
  g_string_append (create, ") ON COMMIT DROP");
  g_string_append (copy, ") FROM STDIN (FORMAT binary)");
  if (!awb_server_exec (server, create->str, error))
    return FALSE;
  return copy_rows (server, db, select_sql, copy->str, wire, n_columns, n_rows, cancellable, error);
}

/* The wire types of @columns of awb.@table, from the server's catalog. */
static WireType *
wire_types_of (AwbServer          *server,
               const char         *table,
               const char *const  *columns,
               GError            **error)
{
  const char *params[] = { table };
  g_autoptr(PGresult) res = awb_server_query (server,
                                              "SELECT column_name, data_type FROM information_schema.columns"
                                              " WHERE table_schema = 'awb' AND table_name = $1",
                                              1, params, error);
  g_autoptr(GHashTable) types = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_strv_length ((GStrv) columns);
  g_autofree WireType *wire = g_new (WireType, n);

  if (res == NULL)
    return NULL;
  for (int r = 0; r < PQntuples (res); r++)
    g_hash_table_insert (types, PQgetvalue (res, r, 0), PQgetvalue (res, r, 1));
  for (guint i = 0; i < n; i++)
    {
      const char *type = g_hash_table_lookup (types, columns[i]);

      if (type == NULL)
        {
          g_set_error (error, AWB_SERVER_ERROR, AWB_SERVER_ERROR_FAILED,
                       /* Translators: %s is a column's name, e.g. tier */
                       _("The branch server’s scores have no column %s: run “advisor-workbench-cli server init”."),
                       columns[i]);
          return NULL;
        }
      wire[i] = g_str_equal (type, "smallint") ? WIRE_INT2
                : g_str_equal (type, "integer") ? WIRE_INT4
                : g_str_equal (type, "bigint") ? WIRE_INT8
                : g_str_equal (type, "double precision") ? WIRE_FLOAT8 : WIRE_TEXT;
    }
  return g_steal_pointer (&wire);
}

/* Splits a column list ("a, b, c") into its names. */
static GStrv
split_columns (const char *list)
{
  g_auto(GStrv) parts = g_strsplit (list, ",", -1);
  GPtrArray *out = g_ptr_array_new ();

  for (char **p = parts; *p != NULL; p++)
    g_ptr_array_add (out, g_strdup (g_strstrip (*p)));
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (out, FALSE);
}

/* "p.a, p.b, …" */
static char *
join_prefixed (const char *const *columns,
               const char        *prefix)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; columns[i] != NULL; i++)
    g_string_append_printf (s, "%s%s%s", i > 0 ? ", " : "", prefix, columns[i]);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* ---- scoring runs ------------------------------------------------------- */

static const char run_stats_columns[] =
  "run_id, manager_id, dim, key, key2, n, aum, commission, monetary, clv,"
  " alloc_low, alloc_mid, alloc_high, n_alloc";
static const char run_kpis_columns[] =
  "run_id, manager_id, n_clients, n_scored, n_active, n_churn_risk, n_mismatched,"
  " n_overdue_follow_ups, aum, clv, commission, satisfaction_sum, n_satisfaction";
static const char run_migrations_columns[] =
  "run_id, from_run, manager_id, kind, from_key, to_key, n";

/* Stages the book's rows of @table for run @run_id in pg_temp.stage_@table
 * (text columns: those named in @text_columns), then inserts them into
 * awb.@table with manager_id turned from the book's manager to the
 * server's (by name; 0 and -1 stay). */
static gboolean
upload_run_table (AwbServer     *server,
                  AwbDatabase   *cache,
                  const char    *table,
                  const char    *column_list,
                  const char    *const *text_columns,
                  gint64         run_id,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_auto(GStrv) columns = split_columns (column_list);
  guint n = g_strv_length (columns);
  g_autofree AwbCopyType *types = g_new (AwbCopyType, n);
  g_autofree char *stage = g_strdup_printf ("awb_stage_%s", table);
  g_autofree char *select = g_strdup_printf ("SELECT %s FROM %s WHERE run_id = %" G_GINT64_FORMAT,
                                             column_list, table, run_id);
  g_autoptr(GString) insert = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    types[i] = g_strv_contains (text_columns, columns[i]) ? AWB_COPY_TEXT : AWB_COPY_INT8;
  if (!awb_server_copy_book_to_temp (server, cache, select, (const char *const *) columns, types, n,
                                     stage, NULL, cancellable, error))
    return FALSE;

  g_string_printf (insert, "INSERT INTO awb.%s (%s) SELECT ", table, column_list);
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (insert, ", ");
      if (g_str_equal (columns[i], "manager_id"))
        g_string_append (insert,
                         "CASE WHEN s.manager_id <= 0 THEN s.manager_id ELSE"
                         " (SELECT m.id FROM awb.managers m JOIN awb_stage_managers b ON b.name = m.name"
                         "  WHERE b.id = s.manager_id) END");
      else
        g_string_append_printf (insert, "s.%s", columns[i]);
    }
  g_string_append_printf (insert, " FROM %s s", stage);
  return awb_server_exec (server, insert->str, error);
}

static gboolean
refuse_run_for (AwbServer  *server,
                GError    **error)
{
  g_set_error (error, AWB_SERVER_ERROR, AWB_SERVER_ERROR_DENIED,
               /* Translators: %s is a PostgreSQL login name */
               _("%s may not store scoring runs on the branch server: a run covers the whole "
                 "branch and is stored by the branch manager’s or the administrator’s login."),
               awb_server_get_user (server));
  return FALSE;
}

gboolean
awb_server_run_upload (AwbServer     *server,
                       AwbDatabase   *cache,
                       gint64         run_id,
                       GCancellable  *cancellable,
                       GError       **error)
{
  static const char *const no_text[] = { NULL };
  static const char *const stats_text[] = { "dim", "key", "key2", NULL };
  static const char *const migrations_text[] = { "kind", "from_key", "to_key", NULL };
  static const char *const manager_columns[] = { "id", "name" };
  static const AwbCopyType manager_types[] = { AWB_COPY_INT8, AWB_COPY_TEXT };
  g_auto(GStrv) score_columns = split_columns (awb_server_scores_columns);
  guint n_score_columns = g_strv_length (score_columns);
  g_autoptr(sqlite3_stmt) info = NULL;
  g_autofree char *run_text = g_strdup_printf ("%" G_GINT64_FORMAT, run_id);
  g_autofree char *created_at = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *settings = NULL;
  g_autofree char *n_clients = NULL;
  g_autofree char *select = NULL;
  g_autofree char *rev = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 n_staged = 0;
  gint64 t0 = g_get_monotonic_time (), t_staged = 0, t_inserted = 0;

  g_return_val_if_fail (AWB_IS_SERVER (server), FALSE);
  g_return_val_if_fail (AWB_IS_DATABASE (cache), FALSE);

  info = awb_database_prepare (cache, "SELECT created_at, as_of, settings, n_clients FROM scoring_runs"
                               " WHERE id = ?1", error);
  if (info == NULL)
    return FALSE;
  sqlite3_bind_int64 (info, 1, run_id);
  if (sqlite3_step (info) != SQLITE_ROW)
    {
      g_set_error (error, AWB_SERVER_ERROR, AWB_SERVER_ERROR_INVALID,
                   /* Translators: %lld is a scoring run's number */
                   _("The cache book holds no scoring run %lld."), (long long) run_id);
      return FALSE;
    }
  created_at = g_strdup ((const char *) sqlite3_column_text (info, 0));
  as_of = g_strdup ((const char *) sqlite3_column_text (info, 1));
  settings = g_strdup ((const char *) sqlite3_column_text (info, 2));
  n_clients = g_strdup ((const char *) sqlite3_column_text (info, 3));
  g_clear_pointer (&info, sqlite3_finalize);

  if (!awb_server_begin (server, &local_error))
    goto fail;
  /* the run, not complete yet: its id is the cache's, the next after the
   * newest run of the branch (the synced cache holds it); a second job
   * uploading at the same time fails here on the id, and changes nothing */
  {
    const char *params[] = { run_text, created_at, as_of, settings, n_clients };
    g_autoptr(PGresult) res = awb_server_query (server,
                                                "INSERT INTO awb.scoring_runs (id, created_at, as_of, settings,"
                                                " n_clients, complete) VALUES ($1, $2, $3, $4, $5, false)",
                                                5, params, &local_error);
    if (res == NULL)
      goto fail;
  }
  {
    g_autoptr(PGresult) res = awb_server_query (server,
                                                "SELECT setval (pg_get_serial_sequence ('awb.scoring_runs', 'id'),"
                                                " (SELECT max (id) FROM awb.scoring_runs)), nextval ('awb.rev')",
                                                0, NULL, &local_error);
    if (res == NULL)
      goto fail;
    rev = g_strdup (PQgetvalue (res, 0, 1));
  }

  /* the book's managers, to file each aggregate under the server's id */
  if (!awb_server_copy_book_to_temp (server, cache, "SELECT id, name FROM managers", manager_columns,
                                     manager_types, 2, "awb_stage_managers", NULL, cancellable,
                                     &local_error))
    goto fail;

  /* the scores: one COPY into the run's own partition, each score filed
   * under its client's manager as the cache has it, all with one rev */
  {
    g_autoptr(GPtrArray) cols = g_ptr_array_new ();
    g_autofree WireType *wire = NULL;
    g_autofree char *copy_sql = NULL;
    g_autofree char *prefixed = join_prefixed ((const char *const *) score_columns, "s.");
    g_autoptr(PGresult) res = NULL;
    g_auto(AwbSyncStatus) status = { 0 };
    g_autofree char *since = NULL;

    for (guint i = 0; i < n_score_columns; i++)
      g_ptr_array_add (cols, score_columns[i]);
    g_ptr_array_add (cols, (gpointer) "manager_id");
    g_ptr_array_add (cols, (gpointer) "rev");
    g_ptr_array_add (cols, NULL);
    wire = wire_types_of (server, "scores", (const char *const *) cols->pdata, &local_error);
    if (wire == NULL)
      goto fail;
    select = g_strdup_printf ("SELECT %s, c.manager_id, %s FROM scores s LEFT JOIN clients c ON c.id = s.client_id"
                              " WHERE s.id >= (%" G_GINT64_FORMAT " << 32) AND s.id < ((%" G_GINT64_FORMAT " + 1) << 32)",
                              prefixed, rev, run_id, run_id);
    copy_sql = g_strdup_printf ("COPY awb.scores_%" G_GINT64_FORMAT " (%s, manager_id, rev) FROM STDIN (FORMAT binary)",
                                run_id, awb_server_scores_columns);
    if (!copy_rows (server, cache, select, copy_sql, wire, n_score_columns + 2, &n_staged,
                    cancellable, &local_error))
      goto fail;
    t_staged = g_get_monotonic_time ();

    /* clients moved to another manager since the cache's sync: their
     * scores follow them (and no move overtakes this upload) */
    if (!awb_sync_get_status (cache, &status, &local_error))
      goto fail;
    since = g_strdup_printf ("%" G_GINT64_FORMAT, status.cursor);
    {
      const char *params[] = { run_text, since };

      res = awb_server_query (server, "SELECT awb.run_follow_moves ($1, $2)", 2, params, &local_error);
      if (res == NULL)
        goto fail;
    }
  }
  t_inserted = g_get_monotonic_time ();
  if (!upload_run_table (server, cache, "run_stats", run_stats_columns, stats_text, run_id,
                         cancellable, &local_error) ||
      !upload_run_table (server, cache, "run_kpis", run_kpis_columns, no_text, run_id,
                         cancellable, &local_error) ||
      !upload_run_table (server, cache, "run_migrations", run_migrations_columns, migrations_text,
                         run_id, cancellable, &local_error))
    goto fail;

  kill_point ("upload-before-complete");
  /* last: the run is whole */
  {
    const char *params[] = { run_text };
    g_autoptr(PGresult) res = awb_server_query (server,
                                                "UPDATE awb.scoring_runs SET complete = true WHERE id = $1",
                                                1, params, &local_error);
    if (res == NULL)
      goto fail;
  }
  if (!awb_server_commit (server, &local_error))
    goto fail;
  g_debug ("run %" G_GINT64_FORMAT " uploaded: %" G_GINT64_FORMAT " scores copied in %.3f s,"
           " moves followed in %.3f s, the rest and the commit %.3f s", run_id, n_staged,
           (double) (t_staged - t0) / G_USEC_PER_SEC, (double) (t_inserted - t_staged) / G_USEC_PER_SEC,
           (double) (g_get_monotonic_time () - t_inserted) / G_USEC_PER_SEC);
  return TRUE;

fail:
  awb_server_rollback (server);
  if (g_error_matches (local_error, AWB_SERVER_ERROR, AWB_SERVER_ERROR_DENIED))
    return refuse_run_for (server, error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Whether the login may insert into both tables (the database decides:
 * grants and roles), in *@may. */
static gboolean
may_insert_into (AwbServer   *server,
                 const char  *table1,
                 const char  *table2,
                 gboolean    *may,
                 GError     **error)
{
  const char *params[] = { table1, table2 };
  g_autoptr(PGresult) res = awb_server_query (server,
                                              "SELECT has_table_privilege ($1, 'INSERT')"
                                              " AND has_table_privilege ($2, 'INSERT')",
                                              2, params, error);

  if (res == NULL)
    return FALSE;
  *may = g_str_equal (PQgetvalue (res, 0, 0), "t");
  return TRUE;
}

gboolean
awb_server_run_score (AwbServer              *server,
                      AwbDatabase            *cache,
                      const AwbScoreOptions  *options,
                      AwbProgressFunc         progress,
                      gpointer                progress_data,
                      GCancellable           *cancellable,
                      AwbScoreResult         *result,
                      GError                **error)
{
  AwbScoreResult local;
  gboolean may;

  g_return_val_if_fail (AWB_IS_SERVER (server), FALSE);
  g_return_val_if_fail (AWB_IS_DATABASE (cache), FALSE);

  /* asked of the database before the work: may this login store runs? */
  if (!may_insert_into (server, "awb.scoring_runs", "awb.scores", &may, error))
    return FALSE;
  if (!may)
    return refuse_run_for (server, error);

  /* runs of the cache that never reached the server (an upload cut
   * short): gone, so that this run counts its migrations from the branch's
   * newest run */
  {
    g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (cache, "SELECT id FROM scoring_runs", error);
    g_autoptr(GString) ids = g_string_new ("{");
    g_autoptr(GHashTable) stored = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
    g_autoptr(GArray) held = g_array_new (FALSE, FALSE, sizeof (gint64));
    int rc;

    if (stmt == NULL)
      return FALSE;
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);

        g_array_append_val (held, id);
        g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, held->len > 1 ? "," : "", id);
      }
    if (rc != SQLITE_DONE)
      return awb_database_set_error (cache, rc, error);
    g_string_append_c (ids, '}');
    if (held->len > 0)
      {
        const char *params[] = { ids->str };
        g_autoptr(PGresult) res = awb_server_query (server,
                                                    "SELECT id FROM awb.scoring_runs WHERE complete AND id = ANY ($1::bigint[])",
                                                    1, params, error);
        if (res == NULL)
          return FALSE;
        for (int r = 0; r < PQntuples (res); r++)
          g_hash_table_add (stored, g_memdup2 (&(gint64) { g_ascii_strtoll (PQgetvalue (res, r, 0), NULL, 10) },
                                               sizeof (gint64)));
        for (guint i = 0; i < held->len; i++)
          if (!g_hash_table_contains (stored, &g_array_index (held, gint64, i)) &&
              !awb_scoring_delete_run (cache, g_array_index (held, gint64, i), error))
            return FALSE;
      }
  }

  {
    gint64 t0 = g_get_monotonic_time ();

    /* the cache holds the whole branch (the login may store runs): its
     * run is the branch's, though the book is a working copy (the cache
     * was opened as a branch cache, awb_server_run_open_cache) */
    if (!awb_scoring_score_book (cache, options, progress, progress_data, cancellable, &local, error))
      return FALSE;
    g_debug ("run %" G_GINT64_FORMAT " scored in the cache in %.3f s", local.run_id,
             (double) (g_get_monotonic_time () - t0) / G_USEC_PER_SEC);
  }
  if (!awb_server_run_upload (server, cache, local.run_id, cancellable, error))
    {
      /* the cache holds only the server's runs */
      awb_scoring_delete_run (cache, local.run_id, NULL);
      return FALSE;
    }
  if (result != NULL)
    *result = local;
  return TRUE;
}

/* ---- imports -------------------------------------------------------------- */

/* The tables an import changes, in the order their rows must reach the
 * server (a client's manager first, a trade's client first). */
static const char *const import_tables[] = { "managers", "clients", "trades", "interactions" };

static const char *
server_columns_of (const char *table)
{
  if (g_str_equal (table, "managers"))
    return "id, name";
  if (g_str_equal (table, "clients"))
    return awb_server_clients_columns;
  if (g_str_equal (table, "trades"))
    return awb_server_trades_columns;
  if (g_str_equal (table, "interactions"))
    return awb_server_interactions_columns;
  return NULL;
}

/* The book's column names of @table, in the table's order (a changeset's). */
static GStrv
book_columns (AwbDatabase  *db,
              const char   *table,
              GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s') ORDER BY cid", table);
  g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db, sql, error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);

  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (out, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

/* A book value as a text parameter (NULL: SQL NULL). */
static char *
value_text (sqlite3_value *v)
{
  if (v == NULL)
    return NULL;
  switch (sqlite3_value_type (v))
    {
    case SQLITE_INTEGER:
      return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_value_int64 (v));
    case SQLITE_FLOAT:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (g_ascii_dtostr (buf, sizeof buf, sqlite3_value_double (v)));
      }
    case SQLITE_TEXT:
      return g_strdup ((const char *) sqlite3_value_text (v));
    case SQLITE_NULL:
    default:
      return NULL;
    }
}

/* One statement of the changes, waiting in a batch. */
typedef struct
{
  char      *sql;
  GPtrArray *params;     /* text values, NULL: SQL NULL */
  gboolean   one_row;    /* an UPDATE or DELETE that must change one row */
} Statement;

static void
statement_free (Statement *st)
{
  g_free (st->sql);
  g_ptr_array_unref (st->params);
  g_free (st);
}

/* The statements of the changeset go to the server in batches, pipelined
 * (libpq's pipeline mode): one round trip a batch, not one a row. */
#define BATCH_SIZE 1000

static gboolean
flush_batch (AwbServer  *server,
             GPtrArray  *batch,
             GError    **error)
{
  PGconn *conn = awb_server_get_handle (server);
  PGresult *res;
  gboolean ok = TRUE;

  if (batch->len == 0)
    return TRUE;
  if (PQenterPipelineMode (conn) != 1)
    return awb_server_set_error (server, NULL, error);
  for (guint i = 0; i < batch->len; i++)
    {
      Statement *st = g_ptr_array_index (batch, i);

      if (PQsendQueryParams (conn, st->sql, (int) st->params->len, NULL,
                             (const char *const *) st->params->pdata, NULL, NULL, 0) != 1)
        {
          ok = awb_server_set_error (server, NULL, error);
          break;
        }
    }
  if (PQpipelineSync (conn) != 1 && ok)
    ok = awb_server_set_error (server, NULL, error);

  /* each statement's result followed by NULL, then the sync's */
  for (guint q = 0; ; )
    {
      ExecStatusType status;

      res = PQgetResult (conn);
      if (res == NULL)
        {
          if (++q > batch->len + 1)
            {
              /* the connection is gone: nothing more will come */
              if (ok)
                ok = awb_server_set_error (server, NULL, error);
              break;
            }
          continue;
        }
      status = PQresultStatus (res);
      if (status == PGRES_PIPELINE_SYNC)
        {
          PQclear (res);
          break;
        }
      if (ok && status != PGRES_COMMAND_OK && status != PGRES_PIPELINE_ABORTED)
        ok = awb_server_set_error (server, res, error);
      else if (ok && status == PGRES_COMMAND_OK && q < batch->len &&
               ((Statement *) g_ptr_array_index (batch, q))->one_row &&
               g_ascii_strtoll (PQcmdTuples (res), NULL, 10) != 1)
        {
          g_set_error (error, AWB_SERVER_ERROR, AWB_SERVER_ERROR_CONFLICT,
                       _("A row the import changed is no longer on the branch server: sync again and import again."));
          ok = FALSE;
        }
      PQclear (res);
    }
  if (PQexitPipelineMode (conn) != 1 && ok)
    ok = awb_server_set_error (server, NULL, error);
  g_ptr_array_set_size (batch, 0);
  return ok;
}

/* Turns one change of the changeset into a statement for the server
 * (none when only the book's own columns changed). */
static gboolean
apply_change (GPtrArray            *batch,
              sqlite3_changeset_iter *iter,
              const char           *table,
              int                   op,
              const char *const    *columns,
              const char *const    *server_columns,
              GError              **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  sqlite3_value *v = NULL;
  int n_col = (int) g_strv_length ((GStrv) columns);

  switch (op)
    {
    case SQLITE_INSERT:
      {
        g_autoptr(GString) values = g_string_new (NULL);

        g_string_printf (sql, "INSERT INTO awb.%s (", table);
        for (int i = 0; i < n_col; i++)
          {
            if (!g_strv_contains (server_columns, columns[i]) ||
                sqlite3changeset_new (iter, i, &v) != SQLITE_OK || v == NULL ||
                sqlite3_value_type (v) == SQLITE_NULL)
              continue;
            g_ptr_array_add (params, value_text (v));
            g_string_append_printf (sql, "%s%s", params->len > 1 ? ", " : "", columns[i]);
            g_string_append_printf (values, "%s$%u", params->len > 1 ? ", " : "", params->len);
          }
        g_string_append_printf (sql, ") VALUES (%s)", values->str);
      }
      break;
    case SQLITE_UPDATE:
      g_string_printf (sql, "UPDATE awb.%s SET ", table);
      for (int i = 1; i < n_col; i++)
        {
          if (!g_strv_contains (server_columns, columns[i]) ||
              sqlite3changeset_new (iter, i, &v) != SQLITE_OK || v == NULL)
            continue;                           /* unchanged, or the book's own */
          g_ptr_array_add (params, value_text (v));
          g_string_append_printf (sql, "%s%s = $%u", params->len > 1 ? ", " : "", columns[i],
                                  params->len);
        }
      if (params->len == 0)
        return TRUE;                            /* only the book's own columns changed */
      if (sqlite3changeset_old (iter, 0, &v) != SQLITE_OK)
        goto corrupt;
      g_ptr_array_add (params, value_text (v));
      g_string_append_printf (sql, " WHERE id = $%u", params->len);
      break;
    case SQLITE_DELETE:
      if (sqlite3changeset_old (iter, 0, &v) != SQLITE_OK)
        goto corrupt;
      g_ptr_array_add (params, value_text (v));
      g_string_printf (sql, "DELETE FROM awb.%s WHERE id = $1", table);
      break;
    default:
      goto corrupt;
    }

  {
    Statement *st = g_new0 (Statement, 1);

    st->sql = g_string_free (g_steal_pointer (&sql), FALSE);
    st->params = g_steal_pointer (&params);
    st->one_row = op != SQLITE_INSERT;
    g_ptr_array_add (batch, st);
  }
  return TRUE;

corrupt:
  g_set_error (error, AWB_SERVER_ERROR, AWB_SERVER_ERROR_FAILED,
               _("The import’s record of its changes could not be read."));
  return FALSE;
}

static gboolean
apply_changeset (AwbServer    *server,
                 AwbDatabase  *cache,
                 int           n,
                 void         *changeset,
                 GError      **error)
{
  sqlite3_changeset_iter *iter = NULL;
  GHashTable *touched = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) statement_free);
  gboolean ok = TRUE;
  int rc;

  if (sqlite3changeset_start (&iter, n, changeset) != SQLITE_OK)
    {
      g_hash_table_unref (touched);
      g_set_error (error, AWB_SERVER_ERROR, AWB_SERVER_ERROR_FAILED,
                   _("The import’s record of its changes could not be read."));
      return FALSE;
    }
  while (ok && (rc = sqlite3changeset_next (iter)) == SQLITE_ROW)
    {
      const char *table = NULL;
      int n_col = 0, op = 0, indirect = 0;
      g_auto(GStrv) columns = NULL;
      g_auto(GStrv) server_columns = NULL;
      const char *list;

      sqlite3changeset_op (iter, &table, &n_col, &op, &indirect);
      list = server_columns_of (table);
      if (list == NULL)
        continue;
      columns = book_columns (cache, table, error);
      if (columns == NULL)
        {
          ok = FALSE;
          break;
        }
      if ((int) g_strv_length (columns) != n_col)
        {
          g_set_error (error, AWB_SERVER_ERROR, AWB_SERVER_ERROR_FAILED,
                       _("The import’s record of its changes could not be read."));
          ok = FALSE;
          break;
        }
      server_columns = split_columns (list);
      ok = apply_change (batch, iter, table, op, (const char *const *) columns,
                         (const char *const *) server_columns, error);
      if (ok && batch->len >= BATCH_SIZE)
        ok = flush_batch (server, batch, error);
      if (op == SQLITE_INSERT)
        g_hash_table_add (touched, (gpointer) g_intern_string (table));
    }
  sqlite3changeset_finalize (iter);
  if (ok)
    ok = flush_batch (server, batch, error);

  /* rows inserted with the book's ids: the server's own ids continue after them */
  for (guint i = 0; ok && i < G_N_ELEMENTS (import_tables); i++)
    if (g_hash_table_contains (touched, import_tables[i]))
      {
        g_autofree char *sql = g_strdup_printf ("SELECT setval (pg_get_serial_sequence ('awb.%s', 'id'),"
                                                " (SELECT max (id) FROM awb.%s))",
                                                import_tables[i], import_tables[i]);
        ok = awb_server_exec (server, sql, error);
      }
  g_hash_table_unref (touched);
  return ok;
}

static int
on_revert_conflict (void                   *data,
                    int                     conflict,
                    sqlite3_changeset_iter *iter)
{
  (void) data; (void) conflict; (void) iter;
  return SQLITE_CHANGESET_OMIT;
}

gboolean
awb_server_run_import (AwbServer      *server,
                       AwbDatabase    *cache,
                       AwbTableKind    kind,
                       const char     *path,
                       guint64        *n_rows,
                       GStrv          *warnings,
                       GCancellable   *cancellable,
                       GError        **error)
{
  sqlite3 *handle = awb_database_get_handle (cache);
  sqlite3_session *session = NULL;
  void *changeset = NULL;
  int n_changeset = 0;
  g_autoptr(GError) local_error = NULL;
  AwbSyncReport report;
  gboolean locked = FALSE;
  gboolean quiet = FALSE;
  gboolean ok = FALSE;
  gboolean may;
  int rc;

  g_return_val_if_fail (AWB_IS_SERVER (server), FALSE);
  g_return_val_if_fail (AWB_IS_DATABASE (cache), FALSE);

  /* asked of the database first: may this login import at all? */
  if (!may_insert_into (server, "awb.clients", "awb.trades", &may, error))
    return FALSE;
  if (!may)
    {
      g_set_error (error, AWB_SERVER_ERROR, AWB_SERVER_ERROR_DENIED,
                   /* Translators: %s is a PostgreSQL login name */
                   _("%s may not import into the branch server: imports of the core systems’ files "
                     "are the branch manager’s or the administrator’s job."),
                   awb_server_get_user (server));
      return FALSE;
    }

  /* one import at a time: the lock is held from the sync that brings the
   * cache up to date to the commit of the changes (and dies with the
   * connection if the job does) */
  if (!awb_server_exec (server, "SELECT pg_advisory_lock (hashtext ('awb-server-import'))", error))
    return FALSE;
  locked = TRUE;
  if (!awb_sync_run (cache, server, &report, cancellable, &local_error))
    goto out;

  /* what the import writes is not a local edit waiting to be pushed: it
   * reaches the server below, so the book's outbox triggers keep quiet as
   * they do for pulled rows */
  if (!awb_database_exec (cache, "INSERT OR IGNORE INTO sync_pulling (id) VALUES (1)", &local_error))
    goto out;
  quiet = TRUE;
  if ((rc = sqlite3session_create (handle, "main", &session)) != SQLITE_OK)
    {
      awb_database_set_error (cache, rc, &local_error);
      goto out;
    }
  for (guint i = 0; i < G_N_ELEMENTS (import_tables); i++)
    if ((rc = sqlite3session_attach (session, import_tables[i])) != SQLITE_OK)
      {
        awb_database_set_error (cache, rc, &local_error);
        goto out;
      }

  if (!awb_import_file (cache, kind, path, NULL, NULL, cancellable, n_rows, warnings, &local_error))
    goto out;                                   /* nothing changed, anywhere */

  if ((rc = sqlite3session_changeset (session, &n_changeset, &changeset)) != SQLITE_OK)
    {
      awb_database_set_error (cache, rc, &local_error);
      goto revert;
    }
  sqlite3session_delete (session);
  session = NULL;

  if (!awb_server_begin (server, &local_error))
    goto revert;
  if (!apply_changeset (server, cache, n_changeset, changeset, &local_error) ||
      !awb_server_commit (server, &local_error))
    {
      awb_server_rollback (server);
      goto revert;
    }
  ok = TRUE;
  goto out;

revert:
  /* the server took nothing: the cache is put back as it was */
  if (changeset != NULL)
    {
      int n_inverse = 0;
      void *inverse = NULL;

      if (sqlite3changeset_invert (n_changeset, changeset, &n_inverse, &inverse) == SQLITE_OK)
        {
          sqlite3changeset_apply (handle, n_inverse, inverse, NULL, on_revert_conflict, NULL);
          sqlite3_free (inverse);
        }
    }
  if (warnings != NULL)
    g_clear_pointer (warnings, g_strfreev);

out:
  if (session != NULL)
    sqlite3session_delete (session);
  sqlite3_free (changeset);
  if (quiet)
    awb_database_exec (cache, "DELETE FROM sync_pulling", NULL);
  if (locked)
    awb_server_exec (server, "SELECT pg_advisory_unlock (hashtext ('awb-server-import'))", NULL);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}
