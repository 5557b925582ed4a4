/* awb-book-query.c: the read-only queries behind the views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window never holds SQL: every query a view runs is here, on the GTK-free
 * side, so it can be tested without a display and reused by the command line.
 *
 * NOTES ON THE DESIGN
 *
 *  (1) Nothing here writes.  Every function reads through the caller's
 *      connection; in WAL mode that sees the last committed state even while
 *      an import writes through another connection.
 *  (2) "The last 12 months" is the spec's window (§3): a trade dated d counts
 *      when as_of - 365 < d <= as_of.  Trades after the reference date are
 *      ignored, as everywhere in the model.
 *  (3) The client list is lazy.  The client index (awb-client-index.c)
 *      gives the rowids of the clients to show, in order; an
 *      AwbClientReader then reads one row by rowid when a view asks for it,
 *      through one prepared statement that is reset and reused, with the
 *      labels of the latest scoring run, the last contact and the next
 *      due date computed as the index computes them.  A book of a million
 *      clients costs 8 MB of rowids, not a million objects.
 *  (4) On failure a function returns FALSE or NULL, sets @error, and leaves
 *      its output untouched.
 */
#define G_LOG_DOMAIN "awb-book-query"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "awb-book-query.h"
#include "awb-codes.h"
#include "awb-tier.h"

struct _AwbClientReader
{
  AwbDatabase  *db;     /* strong reference: the statement needs its connection */
  sqlite3_stmt *stmt;   /* SELECT ... WHERE c.id = ?1, reset after each read */
  gint64        run_id; /* the scoring run whose labels are read, 0 for none */
  AwbDate       today;  /* the day contacts are counted to */
};

static char *
dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

/**
 * awb_client_summary_clear:
 *
 * Frees the strings of @summary and zeroes it; the struct itself is the
 * caller's.
 */
void
awb_client_summary_clear (AwbClientSummary *summary)
{
  g_return_if_fail (summary != NULL);

  g_clear_pointer (&summary->client_no, g_free);
  g_clear_pointer (&summary->name, g_free);
  g_clear_pointer (&summary->manager, g_free);
  g_clear_pointer (&summary->phone, g_free);
  g_clear_pointer (&summary->id_number, g_free);
  summary->id = 0;
  summary->aum = 0;
}

void
awb_follow_up_free (AwbFollowUp *follow_up)
{
  if (follow_up == NULL)
    return;
  g_free (follow_up->client_no);
  g_free (follow_up->client_name);
  g_free (follow_up);
}

/**
 * awb_book_query_totals:
 * @as_of: the reference date
 *
 * Counts the book's clients and sums their AUM, then counts the trades of the
 * last 12 months as of @as_of (as_of - 365 < date <= as_of) and sums their
 * commission.  Returns TRUE and fills @out, or FALSE with @error set and @out
 * untouched.
 */
gboolean
awb_book_query_totals (AwbDatabase    *db,
                       AwbDate         as_of,
                       AwbBookTotals  *out,
                       GError        **error)
{
  g_autoptr(sqlite3_stmt) clients = NULL;   /* count and AUM of every client */
  g_autoptr(sqlite3_stmt) trades = NULL;    /* count and commission in the window */
  AwbBookTotals totals = { 0 };             /* filled here, copied out on success */
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (as_of != AWB_DATE_NONE, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  clients = awb_database_prepare (db, "SELECT count(*), total(aum) FROM clients", error);
  if (clients == NULL)
    return FALSE;
  rc = sqlite3_step (clients);
  if (rc != SQLITE_ROW)
    return awb_database_set_error (db, rc, error);
  totals.n_clients = sqlite3_column_int64 (clients, 0);
  /* total() is a double: exact for sums below 2^53 fen (90 trillion CNY). */
  totals.total_aum = (AwbFen) sqlite3_column_double (clients, 1);

  trades = awb_database_prepare (db,
                                 "SELECT count(*), total(commission) FROM trades"
                                 " WHERE trade_date > ?1 - 365 AND trade_date <= ?1",
                                 error);
  if (trades == NULL)
    return FALSE;
  sqlite3_bind_int (trades, 1, as_of);
  rc = sqlite3_step (trades);
  if (rc != SQLITE_ROW)
    return awb_database_set_error (db, rc, error);
  totals.n_trades_12m = sqlite3_column_int64 (trades, 0);
  totals.commission_12m = (AwbFen) sqlite3_column_double (trades, 1);

  *out = totals;
  return TRUE;
}

/**
 * awb_book_query_managers:
 *
 * Returns: (transfer full): the names of the book's relationship managers
 * in pinyin order (ICU's Chinese collation), or %NULL with @error set.
 */
GStrv
awb_book_query_managers (AwbDatabase  *db,
                         GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);

  stmt = awb_database_prepare (db, "SELECT name FROM managers ORDER BY awb_name_key (name), name",
                               error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (names, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      awb_database_set_error (db, rc, error);
      return NULL;
    }
  return g_strv_builder_end (names);
}

/**
 * awb_book_query_manager_id:
 * @name: a manager's name, as the book spells it
 * @id: (out): the manager's managers.id, 0 when the book has no such manager
 *
 * Returns TRUE and sets @id, or FALSE with @error set and @id untouched.
 */
gboolean
awb_book_query_manager_id (AwbDatabase  *db,
                           const char   *name,
                           gint64       *id,
                           GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (name != NULL && id != NULL, FALSE);

  stmt = awb_database_prepare (db, "SELECT id FROM managers WHERE name = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *id = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    *id = 0;
  else
    return awb_database_set_error (db, rc, error);
  return TRUE;
}

/* The one integer @sql gives into @out; FALSE with @error set and @out
 * untouched when it fails. */
static gboolean
query_int64 (AwbDatabase  *db,
             const char   *sql,
             gint64       *out,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return awb_database_set_error (db, rc, error);
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/**
 * awb_book_query_count_clients:
 * @n: (out): how many clients the book holds
 *
 * Counts the clients (SQLite counts the entries of the smallest index: a
 * few tens of milliseconds for a million).  Returns TRUE and sets @n, or
 * FALSE with @error set and @n untouched.
 */
gboolean
awb_book_query_count_clients (AwbDatabase  *db,
                              gint64       *n,
                              GError      **error)
{
  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (n != NULL, FALSE);

  return query_int64 (db, "SELECT count(*) FROM clients", n, error);
}

/**
 * awb_book_query_has_clients:
 * @out: (out): whether the book holds at least one client
 *
 * Whether the book is empty, without counting it: one index probe, instant
 * on any book (awb_book_query_totals() scans every trade of the year).
 * Returns TRUE and sets @out, or FALSE with @error set and @out untouched.
 */
gboolean
awb_book_query_has_clients (AwbDatabase  *db,
                            gboolean     *out,
                            GError      **error)
{
  gint64 exists;

  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!query_int64 (db, "SELECT EXISTS (SELECT 1 FROM clients)", &exists, error))
    return FALSE;
  *out = exists != 0;
  return TRUE;
}

/**
 * awb_book_query_run_tiers:
 * @run_id: a scoring run (scoring_runs.id)
 *
 * Counts the clients of run @run_id in each tier (spec §4), one GROUP BY
 * over the run's scores.  A run id with no scores gives all zeros: whether
 * the run exists is the caller's business (awb_scoring_list_runs).  Rows
 * whose tier is NULL or outside AwbTier are counted in n_unclassified.
 * Returns TRUE and fills @out, or FALSE with @error set and @out untouched.
 */
gboolean
awb_book_query_run_tiers (AwbDatabase    *db,
                          gint64          run_id,
                          AwbTierCounts  *out,
                          GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;   /* tier, count(*) of the run */
  AwbTierCounts counts = { { 0 }, 0 };   /* filled here, copied out on success */
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  stmt = awb_database_prepare (db,
                               "SELECT tier, count(*) FROM scores"
                               " WHERE id >= (?1 << 32) AND id < ((?1 + 1) << 32)"
                               " GROUP BY tier",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 n = sqlite3_column_int64 (stmt, 1);   /* clients in this tier */
      int tier;                                    /* AwbTier, or out of range */

      if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
        {
          counts.n_unclassified += n;
          continue;
        }
      tier = sqlite3_column_int (stmt, 0);
      if (tier < 0 || tier >= (int) G_N_ELEMENTS (counts.counts))
        counts.n_unclassified += n;
      else
        counts.counts[tier] = n;
    }
  if (rc != SQLITE_DONE)
    return awb_database_set_error (db, rc, error);

  *out = counts;
  return TRUE;
}

/**
 * awb_book_query_follow_ups:
 *
 * Returns: (transfer full) (element-type AwbFollowUp): the open follow-ups
 * (interactions with done = 0 and a follow_up_on date), soonest first, then
 * by client name and interaction; or NULL with @error set.
 */
GPtrArray *
awb_book_query_follow_ups (AwbDatabase  *db,
                           GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;  /* the open follow-ups, in order */
  g_autoptr(GPtrArray) rows = NULL;     /* what is returned */
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);

  stmt = awb_database_prepare (db,
                               "SELECT i.id, c.client_no, c.name, i.kind, i.date, i.follow_up_on"
                               " FROM interactions AS i JOIN clients AS c ON c.id = i.client_id"
                               " WHERE i.done = 0 AND i.follow_up_on IS NOT NULL"
                               " ORDER BY i.follow_up_on, c.name, i.id",
                               error);
  if (stmt == NULL)
    return NULL;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) awb_follow_up_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AwbFollowUp *f = g_new0 (AwbFollowUp, 1);
      const char *kind = (const char *) sqlite3_column_text (stmt, 3);

      f->interaction_id = sqlite3_column_int64 (stmt, 0);
      f->client_no = dup_column_text (stmt, 1);
      f->client_name = dup_column_text (stmt, 2);
      f->kind = awb_code_lookup (AWB_KIND_INTERACTION, kind);
      f->date = sqlite3_column_int (stmt, 4);
      f->follow_up_on = sqlite3_column_int (stmt, 5);
      g_ptr_array_add (rows, f);
    }
  if (rc != SQLITE_DONE)
    {
      awb_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/**
 * awb_client_reader_new:
 * @run_id: the scoring run whose labels to read (the latest), 0 for none
 * @today: the day "last contact" counts to
 *
 * Prepares the statement that reads one client's summary.  Returns a reader
 * that holds a reference on @db, or NULL with @error set.
 */
AwbClientReader *
awb_client_reader_new (AwbDatabase  *db,
                       gint64        run_id,
                       AwbDate       today,
                       GError      **error)
{
  AwbClientReader *reader;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);
  g_return_val_if_fail (run_id >= 0, NULL);

  stmt = awb_database_prepare (db,
                               "SELECT c.client_no, c.name, m.name, c.aum, c.phone, c.id_number,"
                               " c.opened_on, s.tier, s.rfm_segment, s.loyalty_type, s.risk_level,"
                               " s.service_group, s.life_stage, s.first_action,"
                               " s.questionnaire_expired, s.overdue, s.mismatches,"
                               " coalesce (s.cadence_days, c.cadence_days),"
                               " (SELECT max (date) FROM interactions"
                               "   WHERE client_id = c.id AND date <= ?3),"
                               " (SELECT min (follow_up_on) FROM interactions"
                               "   WHERE client_id = c.id AND done = 0 AND follow_up_on IS NOT NULL)"
                               " FROM clients AS c LEFT JOIN managers AS m ON m.id = c.manager_id"
                               " LEFT JOIN scores AS s ON s.id = (?2 << 32) + c.id"
                               " WHERE c.id = ?1",
                               error);
  if (stmt == NULL)
    return NULL;

  reader = g_new0 (AwbClientReader, 1);
  reader->db = g_object_ref (db);
  reader->stmt = stmt;
  reader->run_id = run_id;
  reader->today = today;
  return reader;
}

static gint8
column_code (sqlite3_stmt *stmt,
             int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL
         ? AWB_UNKNOWN : (gint8) sqlite3_column_int (stmt, column);
}

static AwbDate
column_date (sqlite3_stmt *stmt,
             int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL
         ? AWB_DATE_NONE : sqlite3_column_int (stmt, column);
}

/**
 * awb_client_reader_read:
 * @id: a clients.id
 *
 * Reads the client @id into @out (whose previous strings the caller has
 * cleared).  Returns TRUE on success; FALSE with @error set when the client
 * does not exist (AWB_DATABASE_ERROR_NOT_FOUND, e.g. deleted since the id
 * list was loaded) or the read fails, @out untouched.
 */
gboolean
awb_client_reader_read (AwbClientReader   *reader,
                        gint64             id,
                        AwbClientSummary  *out,
                        GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  stmt = reader->stmt;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, reader->run_id);
  sqlite3_bind_int (stmt, 3, reader->today);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      AwbDate opened_on = column_date (stmt, 6);
      AwbDate follow_up = column_date (stmt, 19);
      AwbDate due;

      out->id = id;
      out->client_no = dup_column_text (stmt, 0);
      out->name = dup_column_text (stmt, 1);
      out->manager = dup_column_text (stmt, 2);
      out->aum = sqlite3_column_int64 (stmt, 3);
      out->phone = dup_column_text (stmt, 4);
      out->id_number = dup_column_text (stmt, 5);
      out->tier = column_code (stmt, 7);
      out->rfm_segment = column_code (stmt, 8);
      out->loyalty_type = column_code (stmt, 9);
      out->risk_level = column_code (stmt, 10);
      out->service_group = column_code (stmt, 11);
      out->life_stage = column_code (stmt, 12);
      out->first_action = column_code (stmt, 13);
      out->questionnaire_expired = column_code (stmt, 14);
      out->overdue = column_code (stmt, 15);
      out->mismatches = sqlite3_column_type (stmt, 16) == SQLITE_NULL
                        ? AWB_UNKNOWN : sqlite3_column_int (stmt, 16);
      out->last_contact = column_date (stmt, 18);
      /* as the client index computes it (awb-client-index.c, Notes (5)) */
      due = awb_contact_due (out->last_contact, opened_on,
                             sqlite3_column_type (stmt, 17) == SQLITE_NULL
                             ? 0 : sqlite3_column_int (stmt, 17));
      if (follow_up != AWB_DATE_NONE && (due == AWB_DATE_NONE || follow_up < due))
        due = follow_up;
      out->next_due = due;
    }
  else if (rc == SQLITE_DONE)
    {
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_FOUND,
                   _("No client with id %lld in the book “%s”"),
                   (long long) id, awb_database_get_path (reader->db));
    }
  else
    {
      awb_database_set_error (reader->db, rc, error);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc == SQLITE_ROW;
}

void
awb_client_reader_free (AwbClientReader *reader)
{
  if (reader == NULL)
    return;
  g_clear_pointer (&reader->stmt, sqlite3_finalize);
  g_clear_object (&reader->db);
  g_free (reader);
}
