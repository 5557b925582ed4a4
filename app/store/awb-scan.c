/* awb-scan.c: reading whole tables fast, from packed copies and in threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scoring run reads every row of three tables: clients, trades and
 * interactions, twenty million trades in a large branch.  Stepping through
 * SQLite rows costs about 0.25 µs per row and column, which on a
 * twenty-million-trade book is most of a run.  This file keeps a packed
 * copy of exactly the columns a run reads and reads it, or the table,
 * with one thread per core.
 *
 * NOTES ON THE DESIGN
 *
 *  (1) Packs.  The table scan_packs holds, per scanned table, the rows in
 *      id order, PACK_ROWS rows to a pack, each pack one BLOB of the rows'
 *      cells in a compact form (Notes (2)).  A pack records the first and
 *      last id it covers; the packs of a table cover every row up to the
 *      last pack's last_id, and nothing above it.  Reading a pack is one
 *      BLOB read and a tight decoding loop, about ten times cheaper than
 *      the rows it holds.
 *  (2) A pack is laid out column by column, each column in the cheapest
 *      of a few forms (awb-pack.c): integers as small offsets from a base
 *      or from the row before, codes as one-byte indexes into the pack's
 *      own list of texts.  A trade takes about 12 bytes, and a pack of
 *      65,536 trades decodes in tight loops, one per column.  The storage
 *      type of every cell is kept, so a row read from a pack is the row
 *      read from the table.
 *  (3) Freshness.  Triggers (schema 2) delete a table's packs whenever
 *      one of its scanned columns is updated, a row is deleted, or a row
 *      is inserted with an id the packs already cover; so a pack never
 *      disagrees with its table, whoever writes to the book (the sqlite3
 *      shell included).  Rows appended after the last pack are simply not
 *      covered yet: a scan reads them from the table, and
 *      awb_scan_packs_refresh() packs them.  The two bulk writers (import
 *      and the demo generator) turn triggers off on their connection for
 *      the length of their transaction (a trigger costs 0.45 µs per row);
 *      they only append rows, with ids SQLite assigns above every id in
 *      the table, and the importer forgets the clients' packs when it
 *      updates clients.  A pack written by another format version is
 *      ignored and rebuilt.
 *  (4) Scanning.  A table's scan is cut into units: its packs, then
 *      ranges of ids above the packs, read with SQL.  Threads take units
 *      from a shared counter and call the row callback with their index,
 *      so a caller sums into per-thread arrays and merges them, and with
 *      the unit's index, so a caller that keeps rows in id order can.
 *      Thread 0 is the caller on the caller's connection; every other
 *      thread opens a connection of its own, which sees the same state of
 *      the book only when no one can commit in between: the caller must
 *      hold the write lock and not have written yet (a scoring run does)
 *      or use one thread.
 *
 * STATE CHANGES
 *   awb_scan_packs_refresh   writes the packs of rows not yet packed
 *   awb_scan_packs_forget    deletes a table's packs
 */
#define G_LOG_DOMAIN "awb-scan"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "awb-scan.h"

#define PACK_ROWS    65536
#define PACK_FORMAT  2        /* bump when a table's columns or awb-pack.c's format change */
#define CHECK_EVERY  65536    /* rows between cancel checks */
#define RANGE_MIN    (1 << 12)
#define RANGE_MAX    (1 << 18)

typedef struct
{
  const char *name;
  const char *columns;
  guint       n_columns;
} TableDef;

/* The columns here and the trigger column lists of schema 2 (awb-database.c)
 * must agree: a test checks it. */
static const TableDef table_defs[AWB_N_SCAN_TABLES] = {
  [AWB_SCAN_CLIENTS] = {
    "clients",
    "id, client_no, birth_date, opened_on, assessed_on, aum, share_of_wallet,"
    " marital_status, employment, need_type, loyalty_driver, family_stage_override,"
    " lowest_category, competitor_account, children, youngest_child_age, referrals,"
    " cadence_days, q_job, q_burden, q_housing, q_experience, q_knowledge,"
    " q_priority, q_stoploss, q_if_loss, q_watching, q_results, loss_tolerance_pct",
    AWB_SCAN_N_CLIENT_COLUMNS },
  [AWB_SCAN_TRADES] = {
    "trades",
    "id, client_id, trade_date, commission, amount, product_risk, override_signed",
    7 },
  [AWB_SCAN_INTERACTIONS] = {
    "interactions",
    "id, client_id, date, kind, satisfaction",
    5 },
};

const char *
awb_scan_table_columns (AwbScanTable table)
{
  g_return_val_if_fail (table < AWB_N_SCAN_TABLES, NULL);
  return table_defs[table].columns;
}

static void
values_from_stmt (sqlite3_stmt *stmt,
                  AwbScanValue *values,
                  guint         n)
{
  for (guint c = 0; c < n; c++)
    {
      AwbScanValue *v = &values[c];

      v->type = sqlite3_column_type (stmt, (int) c);
      switch (v->type)
        {
        case SQLITE_INTEGER:
          v->i = sqlite3_column_int64 (stmt, (int) c);
          break;
        case SQLITE_FLOAT:
          v->d = sqlite3_column_double (stmt, (int) c);
          break;
        case SQLITE_NULL:
          break;
        default:
          v->type = SQLITE_TEXT;
          v->s = (const char *) sqlite3_column_text (stmt, (int) c);
          if (v->s == NULL)
            v->type = SQLITE_NULL;   /* out of memory reads as NULL, as SQLite does */
          break;
        }
    }
}

/* ---- the packs of a table ---- */

typedef struct
{
  gint64 rowid, first_id, last_id, n;
} PackInfo;

/* The usable packs of @table, in id order; formats other than ours make
 * the whole set unusable (an empty array). */
static GArray *
list_packs (AwbDatabase   *db,
            AwbScanTable   table,
            gboolean      *foreign,
            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) packs = g_array_new (FALSE, FALSE, sizeof (PackInfo));
  int rc;

  *foreign = FALSE;
  stmt = awb_database_prepare (db,
                               "SELECT rowid, first_id, last_id, n, format FROM scan_packs"
                               " WHERE tbl = ?1 ORDER BY first_id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, table_defs[table].name, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PackInfo p = {
        sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3),
      };

      if (sqlite3_column_int (stmt, 4) != PACK_FORMAT)
        *foreign = TRUE;
      g_array_append_val (packs, p);
    }
  if (rc != SQLITE_DONE)
    {
      awb_database_set_error (db, rc, error);
      return NULL;
    }
  if (*foreign)
    g_array_set_size (packs, 0);
  return g_steal_pointer (&packs);
}

/* The smallest and largest id >= @from; *hi < *lo when there is none.
 * Two queries, each a single b-tree descent (one query with both min()
 * and max() would step through every row). */
static gboolean
query_id_bounds (AwbDatabase   *db,
                 AwbScanTable   table,
                 gint64         from,
                 gint64        *lo,
                 gint64        *hi,
                 GError       **error)
{
  const char *name = table_defs[table].name;
  g_autofree char *first_sql = g_strdup_printf ("SELECT id FROM %s WHERE id >= ?1 ORDER BY id"
                                                " LIMIT 1", name);
  g_autofree char *last_sql = g_strdup_printf ("SELECT max(id) FROM %s", name);
  g_autoptr(sqlite3_stmt) first = awb_database_prepare (db, first_sql, error);
  g_autoptr(sqlite3_stmt) last = first ? awb_database_prepare (db, last_sql, error) : NULL;
  int rc;

  if (last == NULL)
    return FALSE;
  *lo = 1;
  *hi = 0;   /* no rows */
  sqlite3_bind_int64 (first, 1, from);
  rc = sqlite3_step (first);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return awb_database_set_error (db, rc, error);
  rc = sqlite3_step (last);
  if (rc != SQLITE_ROW)
    return awb_database_set_error (db, rc, error);
  *lo = sqlite3_column_int64 (first, 0);
  *hi = sqlite3_column_int64 (last, 0);
  return TRUE;
}

/**
 * awb_scan_packs_forget:
 *
 * Deletes the packs of @table: the next scan reads it from the table, the
 * next refresh packs it again.  In the caller's transaction, if any.
 */
gboolean
awb_scan_packs_forget (AwbDatabase   *db,
                       AwbScanTable   table,
                       GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (table < AWB_N_SCAN_TABLES, FALSE);

  stmt = awb_database_prepare (db, "DELETE FROM scan_packs WHERE tbl = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table_defs[table].name, -1, SQLITE_STATIC);
  return awb_database_step (db, stmt, error);
}

static gboolean
insert_pack (AwbDatabase   *db,
             sqlite3_stmt  *insert,
             AwbScanTable   table,
             gint64         first_id,
             gint64         last_id,
             guint          n,
             gconstpointer  data,
             gsize          size,
             GError       **error)
{
  sqlite3_bind_text (insert, 1, table_defs[table].name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 2, first_id);
  sqlite3_bind_int64 (insert, 3, last_id);
  sqlite3_bind_int (insert, 4, (int) n);
  sqlite3_bind_int (insert, 5, PACK_FORMAT);
  sqlite3_bind_blob64 (insert, 6, data, size, SQLITE_STATIC);
  if (!awb_database_step (db, insert, error))
    return FALSE;
  sqlite3_reset (insert);
  return TRUE;
}

/* A pack made by a refresh, waiting to be inserted. */
typedef struct
{
  gint64  first_id, last_id;
  guint   n;
  GBytes *data;
} NewPack;

static void
new_pack_free (gpointer data)
{
  NewPack *p = data;

  g_bytes_unref (p->data);
  g_free (p);
}

typedef struct
{
  guint            n_columns;
  AwbPackBuilder **builders;    /* per thread */
  gint64          *first_id;    /* per thread: of the pack being built */
  gint64          *last_id;
  GPtrArray      **unit_packs;  /* per unit: NewPack */
} Refresh;

static void
refresh_flush (Refresh *rf,
               guint    thread,
               guint    unit)
{
  GByteArray *out = g_byte_array_new ();
  NewPack *p = g_new0 (NewPack, 1);

  p->first_id = rf->first_id[thread];
  p->last_id = rf->last_id[thread];
  p->n = awb_pack_builder_get_n_rows (rf->builders[thread]);
  awb_pack_builder_finish (rf->builders[thread], out);
  p->data = g_byte_array_free_to_bytes (out);
  g_ptr_array_add (rf->unit_packs[unit], p);
}

static gboolean
refresh_row (guint                thread,
             guint                unit,
             const AwbScanValue  *values,
             gpointer             data,
             GError             **error)
{
  Refresh *rf = data;
  AwbPackBuilder *b = rf->builders[thread];

  if (awb_pack_builder_get_n_rows (b) == 0)
    rf->first_id[thread] = values[0].i;
  rf->last_id[thread] = values[0].i;
  awb_pack_builder_add_row (b, values);
  if (awb_pack_builder_get_n_rows (b) == PACK_ROWS)
    refresh_flush (rf, thread, unit);
  return TRUE;
}

static gboolean
refresh_unit_done (guint      thread,
                   guint      unit,
                   gpointer   data,
                   GError   **error)
{
  Refresh *rf = data;

  if (awb_pack_builder_get_n_rows (rf->builders[thread]) > 0)
    refresh_flush (rf, thread, unit);
  return TRUE;
}

static gboolean prepare_ranges (AwbScanner  *self,
                                AwbScanJob  *job,
                                gint64       lo,
                                gint64       hi,
                                guint64      multiple);

/* Packs the rows of @table above its packs, reading them with the
 * threads of @scanner (created on first need) and inserting the packs on
 * @db, in its transaction. */
static gboolean
refresh_table (AwbDatabase      *db,
               AwbScanner      **scanner,
               AwbScanTable      table,
               AwbProgressFunc   progress,
               gpointer          progress_data,
               double            from,
               double            to,
               GCancellable     *cancellable,
               GError          **error)
{
  const TableDef *def = &table_defs[table];
  g_autoptr(GArray) packs = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  Refresh rf = { def->n_columns, NULL, NULL, NULL, NULL };
  AwbScanJob job = { table, refresh_row, &rf, 0, refresh_unit_done };
  gboolean foreign, ok = FALSE;
  gint64 start = G_MININT64, lo, hi;
  guint n_threads = 0;

  packs = list_packs (db, table, &foreign, error);
  if (packs == NULL)
    return FALSE;
  if (foreign && !awb_scan_packs_forget (db, table, error))
    return FALSE;
  if (packs->len > 0)
    {
      PackInfo *last = &g_array_index (packs, PackInfo, packs->len - 1);
      g_autoptr(sqlite3_stmt) del = NULL;

      if (last->last_id == G_MAXINT64)
        return TRUE;   /* nothing can follow */
      if (!query_id_bounds (db, table, last->last_id + 1, &lo, &hi, error))
        return FALSE;
      if (hi < lo)
        return TRUE;   /* every row is packed */
      if (last->n == PACK_ROWS)
        start = last->last_id + 1;
      else
        {
          /* pack the last, partly filled pack again, with what follows it;
           * the other threads read only the table (Notes (4)) */
          start = last->first_id;
          del = awb_database_prepare (db, "DELETE FROM scan_packs WHERE rowid = ?1", error);
          if (del == NULL)
            return FALSE;
          sqlite3_bind_int64 (del, 1, last->rowid);
          if (!awb_database_step (db, del, error))
            return FALSE;
        }
    }
  if (!query_id_bounds (db, table, start, &lo, &hi, error))
    return FALSE;
  if (hi < lo)
    return TRUE;

  if (*scanner == NULL)
    {
      *scanner = awb_scanner_new (db, MIN (g_get_num_processors (), 4), error);
      if (*scanner == NULL)
        return FALSE;
    }
  n_threads = awb_scanner_get_n_threads (*scanner);
  /* ranges of whole packs: only a range's last pack is partly filled */
  prepare_ranges (*scanner, &job, lo, hi, PACK_ROWS);
  rf.builders = g_new0 (AwbPackBuilder *, n_threads);
  rf.first_id = g_new0 (gint64, n_threads);
  rf.last_id = g_new0 (gint64, n_threads);
  for (guint t = 0; t < n_threads; t++)
    rf.builders[t] = awb_pack_builder_new (def->n_columns, PACK_ROWS);
  rf.unit_packs = g_new0 (GPtrArray *, MAX (job.n_units, 1));
  for (guint u = 0; u < job.n_units; u++)
    rf.unit_packs[u] = g_ptr_array_new_with_free_func (new_pack_free);

  if (!awb_scanner_run (*scanner, &job, 1, progress, progress_data, from,
                        from + 0.9 * (to - from), cancellable, error))
    goto out;

  insert = awb_database_prepare (db,
                                 "INSERT INTO scan_packs (tbl, first_id, last_id, n, format, data)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                 error);
  if (insert == NULL)
    goto out;
  for (guint u = 0; u < job.n_units; u++)
    {
      for (guint i = 0; i < rf.unit_packs[u]->len; i++)
        {
          NewPack *p = g_ptr_array_index (rf.unit_packs[u], i);
          gsize size;
          gconstpointer bytes = g_bytes_get_data (p->data, &size);

          if (!insert_pack (db, insert, table, p->first_id, p->last_id, p->n, bytes, size, error))
            goto out;
        }
      g_clear_pointer (&rf.unit_packs[u], g_ptr_array_unref);   /* memory back early */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
    }
  ok = TRUE;

out:
  for (guint t = 0; t < n_threads; t++)
    awb_pack_builder_free (rf.builders[t]);
  g_free (rf.builders);
  g_free (rf.first_id);
  g_free (rf.last_id);
  for (guint u = 0; u < job.n_units; u++)
    g_clear_pointer (&rf.unit_packs[u], g_ptr_array_unref);
  g_free (rf.unit_packs);
  return ok;
}

/**
 * awb_scan_packs_refresh:
 *
 * Packs every row of the scanned tables not yet in a pack (Notes (1),
 * (3)), rebuilding a table's packs if they are of another format.  Runs
 * in the caller's transaction, or in one of its own.
 */
gboolean
awb_scan_packs_refresh (AwbDatabase      *db,
                        AwbProgressFunc   progress,
                        gpointer          progress_data,
                        double            from,
                        double            to,
                        GCancellable     *cancellable,
                        GError          **error)
{
  gboolean own = sqlite3_get_autocommit (awb_database_get_handle (db));
  AwbScanner *scanner = NULL;
  gint64 t0 = g_get_monotonic_time ();
  gboolean ok = TRUE;

  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);

  if (own && !awb_database_begin (db, error))
    return FALSE;
  /* trades are most of the work */
  ok = refresh_table (db, &scanner, AWB_SCAN_CLIENTS, progress, progress_data, from,
                      from + 0.05 * (to - from), cancellable, error) &&
       refresh_table (db, &scanner, AWB_SCAN_INTERACTIONS, progress, progress_data,
                      from + 0.05 * (to - from), from + 0.2 * (to - from), cancellable, error) &&
       refresh_table (db, &scanner, AWB_SCAN_TRADES, progress, progress_data,
                      from + 0.2 * (to - from), to, cancellable, error);
  g_clear_pointer (&scanner, awb_scanner_free);
  if (own)
    {
      if (ok)
        ok = awb_database_commit (db, error);
      else
        awb_database_rollback (db);
    }
  g_debug ("refreshed packs in %.3f s", (g_get_monotonic_time () - t0) / 1e6);
  return ok;
}

/* ---- scanning (Notes (4)) ---- */

typedef struct
{
  gint64 pack;      /* scan_packs rowid, or 0 for an id range */
  gint64 lo, hi;    /* the range: lo <= id <= hi */
  gint64 rows;      /* for progress: exact for a pack, a guess for a range */
} Unit;

typedef struct
{
  AwbDatabase  *db;
  sqlite3_stmt *pack;
  sqlite3_stmt *range[AWB_N_SCAN_TABLES];
} Conn;

struct _AwbScanner
{
  guint   n_threads;
  Conn   *conns;                         /* n_threads; conns[0].db is borrowed */
  GArray *units[AWB_N_SCAN_TABLES];      /* Unit, by awb_scanner_prepare_job() */
};

/**
 * awb_scanner_new:
 * @db: the caller's connection, used by thread 0
 * @n_threads: 1, or more (Notes (4): the caller holds the write lock)
 *
 * Returns: (transfer full): a scanner, or %NULL with @error set.
 */
AwbScanner *
awb_scanner_new (AwbDatabase  *db,
                 guint         n_threads,
                 GError      **error)
{
  g_autoptr(AwbScanner) self = g_new0 (AwbScanner, 1);

  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);

  self->n_threads = CLAMP (n_threads, 1, 8);
  self->conns = g_new0 (Conn, self->n_threads);
  self->conns[0].db = db;
  for (guint t = 1; t < self->n_threads; t++)
    {
      self->conns[t].db = awb_database_open (awb_database_get_path (db), error);
      if (self->conns[t].db == NULL)
        return NULL;
    }
  return g_steal_pointer (&self);
}

void
awb_scanner_free (AwbScanner *self)
{
  if (self == NULL)
    return;
  for (guint t = 0; self->conns != NULL && t < self->n_threads; t++)
    {
      g_clear_pointer (&self->conns[t].pack, sqlite3_finalize);
      for (guint k = 0; k < AWB_N_SCAN_TABLES; k++)
        g_clear_pointer (&self->conns[t].range[k], sqlite3_finalize);
      if (t > 0)
        g_clear_object (&self->conns[t].db);
    }
  g_free (self->conns);
  for (guint k = 0; k < AWB_N_SCAN_TABLES; k++)
    g_clear_pointer (&self->units[k], g_array_unref);
  g_free (self);
}

guint
awb_scanner_get_n_threads (AwbScanner *self)
{
  return self->n_threads;
}

/**
 * awb_scanner_prepare_job:
 *
 * Cuts @job's table into units and sets job->n_units.  The state of the
 * book it sees must be the one the scan reads (same transaction).
 */
gboolean
awb_scanner_prepare_job (AwbScanner  *self,
                         AwbScanJob  *job,
                         GError     **error)
{
  AwbDatabase *db = self->conns[0].db;
  g_autoptr(GArray) packs = NULL;
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (Unit));
  gboolean foreign;
  gint64 from = G_MININT64, lo, hi;

  g_return_val_if_fail (job->table < AWB_N_SCAN_TABLES, FALSE);

  packs = list_packs (db, job->table, &foreign, error);
  if (packs == NULL)
    return FALSE;
  for (guint i = 0; i < packs->len; i++)
    {
      const PackInfo *p = &g_array_index (packs, PackInfo, i);
      Unit u = { p->rowid, p->first_id, p->last_id, p->n };

      g_array_append_val (units, u);
      from = p->last_id == G_MAXINT64 ? G_MAXINT64 : p->last_id + 1;
    }
  if (!query_id_bounds (db, job->table, from, &lo, &hi, error))
    return FALSE;
  if (packs->len > 0 && g_array_index (packs, PackInfo, packs->len - 1).last_id == G_MAXINT64)
    hi = lo - 1;   /* the packs cover every possible id */
  g_clear_pointer (&self->units[job->table], g_array_unref);
  self->units[job->table] = g_steal_pointer (&units);
  return prepare_ranges (self, job, lo, hi, 1);
}

/* Appends to @job's units the ranges of ids from @lo to @hi (none when
 * @hi < @lo), about 64 of them, each a multiple of @multiple ids long. */
static gboolean
prepare_ranges (AwbScanner  *self,
                AwbScanJob  *job,
                gint64       lo,
                gint64       hi,
                guint64      multiple)
{
  GArray *units;
  guint64 step;

  if (self->units[job->table] == NULL)
    self->units[job->table] = g_array_new (FALSE, FALSE, sizeof (Unit));
  units = self->units[job->table];
  /* unsigned differences: the ids may span the whole int64 range */
  step = hi >= lo ? CLAMP (((guint64) hi - (guint64) lo) / 64 + 1, RANGE_MIN, RANGE_MAX) : 1;
  step = (step + multiple - 1) / multiple * multiple;
  for (gint64 at = lo; hi >= lo; )
    {
      guint64 left = (guint64) hi - (guint64) at;   /* ids after at */
      Unit u = { 0, at, left < step ? hi : (gint64) ((guint64) at + step - 1), 0 };

      u.rows = (gint64) MIN (left + 1, step);
      g_array_append_val (units, u);
      if (left < step)
        break;
      at = (gint64) ((guint64) at + step);
    }
  job->n_units = units->len;
  return TRUE;
}

typedef struct
{
  AwbScanner      *scanner;
  AwbScanJob      *jobs;
  guint            n_jobs;
  guint            n_items;
  guint           *item_job;     /* per item: job index */
  guint           *item_unit;    /* per item: unit index */
  gint             next;         /* atomic */
  gint             failed;       /* atomic */
  gint64           rows_total;
  gint64           rows_done;    /* under @lock */
  GMutex           lock;
  GError          *error;        /* the first failure */
  GCancellable    *cancellable;
  AwbProgressFunc  progress;
  gpointer         progress_data;
  double           from, to;
} Run;

typedef struct
{
  Run   *run;
  guint  thread;
} Worker;

static void
run_fail (Run    *run,
          GError *error)
{
  g_mutex_lock (&run->lock);
  if (run->error == NULL)
    run->error = error;
  else
    g_error_free (error);
  g_mutex_unlock (&run->lock);
  g_atomic_int_set (&run->failed, 1);
}

typedef struct
{
  const AwbScanJob *job;
  guint             thread;
  guint             unit;
  guint64           n;
  GCancellable     *cancellable;
} PackRow;

static gboolean
pack_row (const AwbScanValue  *values,
          gpointer             data,
          GError             **error)
{
  PackRow *pr = data;

  if (G_UNLIKELY (++pr->n % CHECK_EVERY == 0) &&
      g_cancellable_set_error_if_cancelled (pr->cancellable, error))
    return FALSE;
  return pr->job->row (pr->thread, pr->unit, values, pr->job->user_data, error);
}

static gboolean
scan_pack (Conn              *conn,
           const TableDef    *def,
           const Unit        *unit,
           const AwbScanJob  *job,
           guint              thread,
           guint              unit_index,
           GCancellable      *cancellable,
           GError           **error)
{
  PackRow pr = { job, thread, unit_index, 0, cancellable };
  g_autoptr(GError) local = NULL;
  gboolean ok;
  int rc;

  if (conn->pack == NULL)
    {
      conn->pack = awb_database_prepare (conn->db, "SELECT data FROM scan_packs WHERE rowid = ?1",
                                         error);
      if (conn->pack == NULL)
        return FALSE;
    }
  sqlite3_bind_int64 (conn->pack, 1, unit->pack);
  rc = sqlite3_step (conn->pack);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (conn->pack);
      if (rc == SQLITE_DONE)
        {
          g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_FAILED,
                       "a pack of %s vanished during a scan", def->name);
          return FALSE;
        }
      return awb_database_set_error (conn->db, rc, error);
    }
  ok = awb_pack_read (sqlite3_column_blob (conn->pack, 0),
                      (gsize) sqlite3_column_bytes (conn->pack, 0),
                      (guint) unit->rows, def->n_columns, pack_row, &pr, &local);
  sqlite3_reset (conn->pack);
  if (!ok && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
    {
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_A_BOOK,
                   _("“%s”: a packed copy of the table %s is damaged; delete the copies with "
                     "“DELETE FROM scan_packs” and score again"),
                   awb_database_get_path (conn->db), def->name);
      return FALSE;
    }
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local));
  return ok;
}

static gboolean
scan_range (Conn              *conn,
            AwbScanTable       table,
            const Unit        *unit,
            const AwbScanJob  *job,
            guint              thread,
            guint              unit_index,
            GCancellable      *cancellable,
            GError           **error)
{
  const TableDef *def = &table_defs[table];
  AwbScanValue values[AWB_PACK_MAX_COLUMNS];
  guint64 n = 0;
  int rc;

  if (conn->range[table] == NULL)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE id >= ?1 AND id <= ?2"
                                              " ORDER BY id", def->columns, def->name);

      conn->range[table] = awb_database_prepare (conn->db, sql, error);
      if (conn->range[table] == NULL)
        return FALSE;
    }
  sqlite3_bind_int64 (conn->range[table], 1, unit->lo);
  sqlite3_bind_int64 (conn->range[table], 2, unit->hi);
  while ((rc = sqlite3_step (conn->range[table])) == SQLITE_ROW)
    {
      values_from_stmt (conn->range[table], values, def->n_columns);
      if (!job->row (thread, unit_index, values, job->user_data, error) ||
          (G_UNLIKELY (++n % CHECK_EVERY == 0) &&
           g_cancellable_set_error_if_cancelled (cancellable, error)))
        {
          sqlite3_reset (conn->range[table]);
          return FALSE;
        }
    }
  sqlite3_reset (conn->range[table]);
  if (rc != SQLITE_DONE)
    return awb_database_set_error (conn->db, rc, error);
  return TRUE;
}

static gpointer
worker (gpointer data)
{
  Worker *w = data;
  Run *run = w->run;
  Conn *conn = &run->scanner->conns[w->thread];

  for (;;)
    {
      gint item = g_atomic_int_add (&run->next, 1);
      const AwbScanJob *job;
      const Unit *unit;
      GError *error = NULL;
      gboolean ok;
      guint u;

      if (item >= (gint) run->n_items || g_atomic_int_get (&run->failed))
        break;
      job = &run->jobs[run->item_job[item]];
      u = run->item_unit[item];
      unit = &g_array_index (run->scanner->units[job->table], Unit, u);
      if (unit->pack != 0)
        ok = scan_pack (conn, &table_defs[job->table], unit, job, w->thread, u,
                        run->cancellable, &error);
      else
        ok = scan_range (conn, job->table, unit, job, w->thread, u, run->cancellable, &error);
      if (ok && job->unit_done != NULL)
        ok = job->unit_done (w->thread, u, job->user_data, &error);
      if (!ok)
        {
          run_fail (run, error);
          break;
        }
      g_mutex_lock (&run->lock);
      run->rows_done += unit->rows;
      g_mutex_unlock (&run->lock);
      if (w->thread == 0 && run->progress != NULL)
        {
          double done;

          g_mutex_lock (&run->lock);
          done = (double) run->rows_done / (double) MAX (run->rows_total, 1);
          g_mutex_unlock (&run->lock);
          run->progress (run->from + (run->to - run->from) * CLAMP (done, 0.0, 1.0),
                         run->progress_data);
        }
    }
  return NULL;
}

/**
 * awb_scanner_run:
 * @jobs: the tables to read and what to do with each row
 * @progress: (nullable): called from this thread, from @from to @to
 *
 * Reads every row of every job's table (Notes (4)), preparing a job first
 * if awb_scanner_prepare_job() has not.  Returns when all threads are done.
 *
 * Returns: %TRUE, or %FALSE with @error set by the first failure (a row
 *   callback's, SQLite's, or G_IO_ERROR_CANCELLED).
 */
gboolean
awb_scanner_run (AwbScanner       *self,
                 AwbScanJob       *jobs,
                 guint             n_jobs,
                 AwbProgressFunc   progress,
                 gpointer          progress_data,
                 double            from,
                 double            to,
                 GCancellable     *cancellable,
                 GError          **error)
{
  Run run = { 0 };
  g_autofree guint *item_job = NULL;
  g_autofree guint *item_unit = NULL;
  g_autofree GThread **threads = NULL;
  g_autofree Worker *workers = NULL;
  guint n_items = 0, i = 0;

  for (guint j = 0; j < n_jobs; j++)
    {
      if (self->units[jobs[j].table] == NULL && !awb_scanner_prepare_job (self, &jobs[j], error))
        return FALSE;
      n_items += self->units[jobs[j].table]->len;
    }
  item_job = g_new (guint, MAX (n_items, 1));
  item_unit = g_new (guint, MAX (n_items, 1));
  for (guint j = 0; j < n_jobs; j++)
    {
      GArray *units = self->units[jobs[j].table];

      for (guint u = 0; u < units->len; u++, i++)
        {
          item_job[i] = j;
          item_unit[i] = u;
          run.rows_total += g_array_index (units, Unit, u).rows;
        }
    }

  run.scanner = self;
  run.jobs = jobs;
  run.n_jobs = n_jobs;
  run.n_items = n_items;
  run.item_job = item_job;
  run.item_unit = item_unit;
  run.cancellable = cancellable;
  run.progress = progress;
  run.progress_data = progress_data;
  run.from = from;
  run.to = to;
  g_mutex_init (&run.lock);

  workers = g_new (Worker, self->n_threads);
  threads = g_new0 (GThread *, self->n_threads);
  for (guint t = 0; t < self->n_threads; t++)
    {
      workers[t].run = &run;
      workers[t].thread = t;
      if (t > 0)
        threads[t] = g_thread_new ("awb-scan", worker, &workers[t]);
    }
  worker (&workers[0]);
  for (guint t = 1; t < self->n_threads; t++)
    g_thread_join (threads[t]);
  g_mutex_clear (&run.lock);

  /* the units were cut for this state of the book only */
  for (guint j = 0; j < n_jobs; j++)
    g_clear_pointer (&self->units[jobs[j].table], g_array_unref);

  if (run.error != NULL)
    {
      g_propagate_error (error, run.error);
      return FALSE;
    }
  return TRUE;
}
