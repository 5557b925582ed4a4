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
 *  (3) The client list is lazy.  awb_book_query_client_ids() returns only the
 *      rowids in display order (by name, then account number; both compared
 *      as bytes, so the order is the same on every machine); an
 *      AwbClientReader then reads one row by rowid when a view asks for it,
 *      through one prepared statement that is reset and reused.  A book of a
 *      million clients costs 8 MB of rowids, not a million objects.
 *  (4) On failure a function returns FALSE or NULL, sets @error, and leaves
 *      its output untouched.
 */
#define G_LOG_DOMAIN "awb-book-query"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "awb-book-query.h"
#include "awb-codes.h"

struct _AwbClientReader
{
  AwbDatabase  *db;     /* strong reference: the statement needs its connection */
  sqlite3_stmt *stmt;   /* SELECT ... WHERE c.id = ?1, reset after each read */
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  stmt = awb_database_prepare (db, "SELECT EXISTS (SELECT 1 FROM clients)", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return awb_database_set_error (db, rc, error);
  *out = sqlite3_column_int (stmt, 0) != 0;
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

/* One client while the list is sorted. */
typedef struct
{
  const char *name;        /* in the string chunk */
  const char *client_no;   /* in the string chunk */
  gint64      id;
} SortEntry;

/* What the radix sort moves: the first 8 bytes of the name packed
 * big-endian (zero padded, so a shorter name sorts first, as with memcmp)
 * and the entry's index. */
typedef struct
{
  guint64 key;
  guint32 index;
} SortKey;

static guint64
pack_prefix (const char *text)
{
  guint64 key = 0;
  int i = 0;

  for (; i < 8 && text[i] != '\0'; i++)
    key = (key << 8) | (guchar) text[i];
  for (; i < 8; i++)
    key <<= 8;
  return key;
}

/* LSD radix sort of @keys on their 64-bit key, a byte a pass, using @tmp
 * (as long as @keys) as scratch; a pass where every key has the same byte
 * is skipped.  Returns whichever of the two buffers holds the result. */
static SortKey *
radix_sort (SortKey *keys,
            SortKey *tmp,
            gsize    n)
{
  for (guint shift = 0; shift < 64; shift += 8)
    {
      gsize count[257] = { 0 };
      SortKey *swap;

      for (gsize i = 0; i < n; i++)
        count[((keys[i].key >> shift) & 0xff) + 1]++;
      if (n == 0 || count[((keys[0].key >> shift) & 0xff) + 1] == n)
        continue;
      for (guint b = 0; b < 256; b++)
        count[b + 1] += count[b];
      for (gsize i = 0; i < n; i++)
        tmp[count[(keys[i].key >> shift) & 0xff]++] = keys[i];
      swap = keys;
      keys = tmp;
      tmp = swap;
    }
  return keys;
}

/* Orders two keys whose packed prefixes are equal: the whole names, then
 * the account numbers (unique, so the order is total). */
static int
compare_ties (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const SortEntry *entries = user_data;
  const SortEntry *x = &entries[((const SortKey *) a)->index];
  const SortEntry *y = &entries[((const SortKey *) b)->index];
  int cmp;

  if ((cmp = strcmp (x->name, y->name)) != 0)
    return cmp;
  return strcmp (x->client_no, y->client_no);
}

/**
 * awb_book_query_client_ids:
 *
 * Returns: (transfer full): a #GArray of gint64 rowids of every client, in
 * display order (name, then account number, both by bytes as SQLite's
 * BINARY collation compares them), or NULL with @error set.
 *
 * Why the sort is done here and not by ORDER BY: the book's index is on
 * name alone, so "ORDER BY name, client_no" walks that index and fetches
 * client_no from the table row by row (3-5 s for a million clients), and a
 * full scan through SQLite's sorter takes about 1 s.  Here: one sequential
 * scan, a radix sort on the names' first 8 bytes, then a comparison sort
 * only within runs of equal prefixes (see tests/gui/bench-client-list.c).
 */
GArray *
awb_book_query_client_ids (AwbDatabase  *db,
                           GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;        /* every client, in table order */
  g_autoptr(GArray) entries = NULL;           /* SortEntry, in table order */
  g_autoptr(GArray) ids = NULL;               /* what is returned */
  GStringChunk *strings = NULL;               /* the names and account numbers */
  SortKey *keys = NULL;                       /* packed prefixes, then sorted */
  SortKey *tmp = NULL;                        /* the radix sort's scratch */
  SortKey *sorted;                            /* keys or tmp, whichever is sorted */
  guint n;
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);

  stmt = awb_database_prepare (db, "SELECT id, name, client_no FROM clients", error);
  if (stmt == NULL)
    return NULL;

  entries = g_array_new (FALSE, FALSE, sizeof (SortEntry));
  strings = g_string_chunk_new (1 << 20);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SortEntry e;
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *client_no = (const char *) sqlite3_column_text (stmt, 2);

      e.id = sqlite3_column_int64 (stmt, 0);
      e.name = g_string_chunk_insert (strings, name ? name : "");
      e.client_no = g_string_chunk_insert (strings, client_no ? client_no : "");
      g_array_append_val (entries, e);
    }
  if (rc != SQLITE_DONE)
    {
      g_string_chunk_free (strings);
      awb_database_set_error (db, rc, error);
      return NULL;
    }

  n = entries->len;
  keys = g_new (SortKey, MAX (n, 1));
  tmp = g_new (SortKey, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      keys[i].key = pack_prefix (g_array_index (entries, SortEntry, i).name);
      keys[i].index = i;
    }
  sorted = radix_sort (keys, tmp, n);

  for (guint i = 0; i < n; )
    {
      guint j = i + 1;

      while (j < n && sorted[j].key == sorted[i].key)
        j++;
      if (j - i > 1)
        g_qsort_with_data (sorted + i, (gint) (j - i), sizeof (SortKey), compare_ties,
                           entries->data);
      i = j;
    }

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  g_array_set_size (ids, n);
  for (guint i = 0; i < n; i++)
    g_array_index (ids, gint64, i) = g_array_index (entries, SortEntry, sorted[i].index).id;

  g_free (keys);
  g_free (tmp);
  g_string_chunk_free (strings);
  return g_steal_pointer (&ids);
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
 *
 * Prepares the statement that reads one client's summary.  Returns a reader
 * that holds a reference on @db, or NULL with @error set.
 */
AwbClientReader *
awb_client_reader_new (AwbDatabase  *db,
                       GError      **error)
{
  AwbClientReader *reader;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);

  stmt = awb_database_prepare (db,
                               "SELECT c.client_no, c.name, m.name, c.aum"
                               " FROM clients AS c LEFT JOIN managers AS m ON m.id = c.manager_id"
                               " WHERE c.id = ?1",
                               error);
  if (stmt == NULL)
    return NULL;

  reader = g_new0 (AwbClientReader, 1);
  reader->db = g_object_ref (db);
  reader->stmt = stmt;
  return reader;
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
  int rc;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  sqlite3_bind_int64 (reader->stmt, 1, id);
  rc = sqlite3_step (reader->stmt);
  if (rc == SQLITE_ROW)
    {
      out->id = id;
      out->client_no = dup_column_text (reader->stmt, 0);
      out->name = dup_column_text (reader->stmt, 1);
      out->manager = dup_column_text (reader->stmt, 2);
      out->aum = sqlite3_column_int64 (reader->stmt, 3);
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
  sqlite3_reset (reader->stmt);
  sqlite3_clear_bindings (reader->stmt);
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
