/* awb-scoring.c: scoring runs over the whole book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This file gathers every client's facts from the book as of a date,
 * scores them (RFM here, the classifier through a hook) and stores the run;
 * it also lists and deletes runs and gives a run's segment distribution.
 *
 * NOTES ON THE DESIGN
 *
 *  (1) Gathering is one pass per table, never a query per client, through
 *      the scanner of awb-scan.c: the clients into an array in clients.id
 *      order, the trades and the interactions into sums per client.  With
 *      dense ids (SQLite assigns 1, 2, ...) the sums are indexed by
 *      clients.id and all three tables are read in one pass; with sparse
 *      ones, the clients are read first and a hash table maps an id to its
 *      array index.
 *  (2) Everything dated after the reference date is ignored (spec §3):
 *      trades, interactions.  "Within the last N days" is
 *      as_of - N < d <= as_of.
 *  (3) A run is one write transaction, taken before gathering (so it
 *      scores one consistent state of the book and no import can slip in
 *      between): the scoring_runs row, its settings snapshot (with the
 *      breakpoints in force) and one scores row per client.  Readers (the
 *      window) are not blocked (WAL); another writer waits for the busy
 *      timeout.  A standalone gather is one read transaction.  The
 *      GCancellable is checked throughout; a cancel or any failure rolls
 *      back, so nothing of the run is left in the book.
 *  (4) The scores table is a rowid table keyed by id = run_id * 2^32 +
 *      client_id (schema 2; run_id and client_id are generated columns),
 *      so client ids must lie in 0 .. 2^32 - 1 (SQLite assigns 1, 2, ...;
 *      a run refuses a book with others).  Rows are inserted in key order
 *      by one INSERT ... SELECT from a virtual table over the run's arrays,
 *      so each insert appends to the right edge of the b-tree, SQLite's
 *      cheapest insert, and no parameter is bound.  Measured at a million
 *      clients: about 1.5 µs of CPU per row (the WITHOUT ROWID table of
 *      schema 1, fed by bound VALUES, took 2.4), nearly all of it SQLite's
 *      record building.
 *  (5) A label that does not apply (AWB_UNKNOWN, NaN) is stored as NULL.
 *      Prospects have every RFM column NULL.
 *  (6) A run works on the connection it is given.  The window and the
 *      command line score a book the same way, awb_scoring_score_book(): the
 *      book's settings with the run's overrides, RFM and the classifier.  The
 *      window runs it in a GTask thread on a connection of its own
 *      (awb_scoring_score_book_async), so its own connection keeps reading
 *      the last committed state (WAL) and it stays responsive.
 *  (7) A run gathers with one thread per core (at most four): the scanner
 *      hands out units of rows (packs, or ranges of ids) and each thread
 *      sums into arrays of its own, merged at the end (sums, min, max, or:
 *      the order does not matter; of two surveys on one day the higher id
 *      wins, as it would reading in id order).  The other threads' own
 *      connections see exactly the state the first does because the run
 *      holds the write lock (Notes (3)) and has written nothing yet.  A
 *      standalone gather, which holds no write lock, uses one thread.
 *  (8) Before its transaction, a run packs the rows not yet packed
 *      (awb_scan_packs_refresh, a transaction of its own): on a book whose
 *      trades were just generated that is one slow pass, after which a
 *      run reads twenty million trades from about 240 MB of packs instead
 *      of stepping through twenty million SQLite rows.  Appended rows cost
 *      only their own packing; a cancelled run keeps the packs it made.
 *  (9) profile_changed_on comes from the audit log: the latest change, on
 *      or before the reference date (the day of its UTC timestamp), of a
 *      field the questionnaire used, one GROUP BY over the log.
 * (10) A run counts its clients for the dashboard (awb_run_stats_compute)
 *      after its scores are inserted and before it commits, in the same
 *      transaction: a run that fails or is cancelled leaves neither scores
 *      nor counts.  Each scores row carries the client's commission of the
 *      last 365 days (commission_12m, schema 4), which the counts sum.
 *
 * STATE CHANGES
 *   awb_scoring_run          inserts one scoring_runs row, its scores and its
 *                            statistics (run_stats, run_kpis, run_migrations)
 *   awb_scoring_score_book   the same, with the book's settings and the classifier
 *   awb_scoring_delete_run   deletes one run; a trigger deletes its scores
 * Everything else here only reads.
 */
#define G_LOG_DOMAIN "awb-scoring"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "awb-classify.h"
#include "awb-codes.h"
#include "awb-database-private.h"
#include "awb-date.h"
#include "awb-run-stats.h"
#include "awb-scan.h"
#include "awb-scoring.h"
#include "awb-settings-store.h"

#define CHECK_EVERY 65536   /* rows between progress reports and cancel checks */

static gboolean
report (AwbProgressFunc   progress,
        gpointer          data,
        double            fraction,
        GCancellable     *cancellable,
        GError          **error)
{
  if (progress)
    progress (CLAMP (fraction, 0.0, 1.0), data);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* Whether client ids @min_id..@max_id are dense enough, for @n clients,
 * to index arrays by clients.id directly (the usual case: SQLite assigns
 * 1, 2, ...); else a hash table maps them to array indexes. */
static gboolean
ids_dense (gint64 min_id,
           gint64 max_id,
           gsize  n)
{
  return n > 0 && min_id >= 0 && max_id >= 0 && (guint64) max_id <= 4 * (guint64) n + 65536;
}

/* Cell readers, converting as sqlite3_column_*() do. */
static inline gint64
value_int64 (const AwbScanValue *v)
{
  switch (v->type)
    {
    case SQLITE_INTEGER:
      return v->i;
    case SQLITE_FLOAT:
      return (gint64) v->d;
    case SQLITE_TEXT:
      return g_ascii_strtoll (v->s, NULL, 10);
    default:
      return 0;
    }
}

static inline int
value_int (const AwbScanValue *v)
{
  return (int) value_int64 (v);
}

static inline double
value_double (const AwbScanValue *v)
{
  switch (v->type)
    {
    case SQLITE_INTEGER:
      return (double) v->i;
    case SQLITE_FLOAT:
      return v->d;
    case SQLITE_TEXT:
      return g_ascii_strtod (v->s, NULL);
    default:
      return 0;
    }
}

static inline int
value_int_or (const AwbScanValue *v,
              int                 fallback)
{
  return v->type == SQLITE_NULL ? fallback : value_int (v);
}

static inline AwbDate
value_date (const AwbScanValue *v)
{
  return v->type == SQLITE_NULL ? AWB_DATE_NONE : value_int (v);
}

static int
value_code (const AwbScanValue *v,
            AwbCodeKind         kind,
            int                 fallback)
{
  int code;

  if (v->type != SQLITE_TEXT)
    return fallback;
  code = awb_code_lookup (kind, v->s);
  return code < 0 ? fallback : code;
}

/* @v: the cells of awb_scan_table_columns (AWB_SCAN_CLIENTS) */
static void
read_client (const AwbScanValue *v,
             AwbClientFacts     *c)
{
  awb_client_facts_init (c);
  c->id = value_int64 (&v[AWB_SCAN_CLIENT_ID]);
  c->client_no = g_strdup (v[AWB_SCAN_CLIENT_NO].type == SQLITE_TEXT ? v[AWB_SCAN_CLIENT_NO].s : "");
  c->birth_date = value_date (&v[AWB_SCAN_CLIENT_BIRTH_DATE]);
  c->opened_on = value_date (&v[AWB_SCAN_CLIENT_OPENED_ON]);
  c->assessed_on = value_date (&v[AWB_SCAN_CLIENT_ASSESSED_ON]);
  c->aum = value_int64 (&v[AWB_SCAN_CLIENT_AUM]);
  c->share_of_wallet = value_double (&v[AWB_SCAN_CLIENT_SHARE_OF_WALLET]);   /* NULL reads as 0 */
  c->marital = value_code (&v[AWB_SCAN_CLIENT_MARITAL_STATUS], AWB_KIND_MARITAL, AWB_UNKNOWN);
  c->employment = value_code (&v[AWB_SCAN_CLIENT_EMPLOYMENT], AWB_KIND_EMPLOYMENT, AWB_UNKNOWN);
  c->need_type = value_code (&v[AWB_SCAN_CLIENT_NEED_TYPE], AWB_KIND_NEED_TYPE, AWB_NEED_BASIC);
  c->loyalty_driver = value_code (&v[AWB_SCAN_CLIENT_LOYALTY_DRIVER], AWB_KIND_LOYALTY_DRIVER,
                                  AWB_DRIVER_UNKNOWN);
  c->family_override = value_code (&v[AWB_SCAN_CLIENT_FAMILY_STAGE_OVERRIDE],
                                   AWB_KIND_FAMILY_STAGE, AWB_UNKNOWN);
  c->lowest_category = value_int_or (&v[AWB_SCAN_CLIENT_LOWEST_CATEGORY], 0) != 0;
  c->competitor_account = value_int_or (&v[AWB_SCAN_CLIENT_COMPETITOR_ACCOUNT], 0) != 0;
  c->children = value_int_or (&v[AWB_SCAN_CLIENT_CHILDREN], 0);
  c->youngest_child_age = value_int_or (&v[AWB_SCAN_CLIENT_YOUNGEST_CHILD_AGE], AWB_UNKNOWN);
  c->referrals = value_int_or (&v[AWB_SCAN_CLIENT_REFERRALS], 0);
  c->cadence_days = value_int_or (&v[AWB_SCAN_CLIENT_CADENCE_DAYS], 0);
  for (int q = 0; q < 5; q++)
    {
      c->q_capacity[q] = value_int_or (&v[AWB_SCAN_CLIENT_Q_JOB + q], 0);
      c->q_attitude[q] = value_int_or (&v[AWB_SCAN_CLIENT_Q_PRIORITY + q], 0);
    }
  c->loss_tolerance_pct = value_int_or (&v[AWB_SCAN_CLIENT_LOSS_TOLERANCE_PCT], AWB_UNKNOWN);
}

static gint64
query_int64 (AwbDatabase  *db,
             const char   *sql,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      awb_database_set_error (db, rc, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* The trade facts of one client, summed by one thread over its share of
 * the trades (Notes (7)). */
typedef struct
{
  AwbDate  first_trade, last_trade;
  guint32  n_window, n_12m;
  AwbFen   commission_window, amount_window, commission_12m, amount_12m;
  guint32  by_risk[5], by_risk_no_override[5];
  guint16  months_12m;
} TradeAgg;

/* The interaction facts of one client, by one thread. */
typedef struct
{
  AwbDate  last_interaction;
  AwbDate  survey_date;     /* of the latest survey with a satisfaction */
  gint64   survey_id;       /* its id: of two on one day, the later row wins */
  gint8    satisfaction;
} InteractionAgg;

/* What the threads of a gather share (Notes (1), (7)). */
typedef struct
{
  AwbDate          as_of;
  AwbDate          window_start;   /* exclusive; G_MININT32 for all history */
  AwbDate          year_start;     /* exclusive */
  guint8           month_bit[365];
  GHashTable      *index_of;       /* sparse ids: clients.id -> index + 1 */
  gboolean         by_id;          /* sums by clients.id (0..max_id), not by map index */
  gint64           max_id;
  gsize            n;              /* clients */
  GArray         **unit_facts;     /* clients pass: AwbClientFacts per unit */
  TradeAgg       **trades;         /* per thread: n */
  InteractionAgg **interactions;   /* per thread: n */
} Gather;

static void
gather_init (Gather  *g,
             AwbDate  as_of,
             int      window_days)
{
  int ref_y, ref_m, ref_d;

  memset (g, 0, sizeof *g);
  g->as_of = as_of;
  g->window_start = window_days > 0 ? as_of - window_days : G_MININT32;
  g->year_start = as_of - 365;

  /* which bit of months_12m each of the last 365 days falls in */
  awb_date_to_ymd (as_of, &ref_y, &ref_m, &ref_d);
  for (int i = 0; i < 365; i++)
    {
      int y, m, d;

      awb_date_to_ymd (g->year_start + 1 + i, &y, &m, &d);
      g->month_bit[i] = (guint8) ((y * 12 + m - 1) - (ref_y * 12 + ref_m - 1 - 12));
    }
}

static void
gather_clear (Gather *g,
              guint   n_threads,
              guint   n_units)
{
  for (guint u = 0; g->unit_facts != NULL && u < n_units; u++)
    {
      GArray *a = g->unit_facts[u];

      for (guint i = 0; a != NULL && i < a->len; i++)
        g_free (g_array_index (a, AwbClientFacts, i).client_no);
      g_clear_pointer (&g->unit_facts[u], g_array_unref);
    }
  g_clear_pointer (&g->unit_facts, g_free);
  for (guint t = 0; t < n_threads; t++)
    {
      if (g->trades != NULL)
        g_free (g->trades[t]);
      if (g->interactions != NULL)
        g_free (g->interactions[t]);
    }
  g_clear_pointer (&g->trades, g_free);
  g_clear_pointer (&g->interactions, g_free);
  g_clear_pointer (&g->index_of, g_hash_table_unref);
}

static gboolean
client_row (guint                thread,
            guint                unit,
            const AwbScanValue  *values,
            gpointer             data,
            GError             **error)
{
  Gather *g = data;
  AwbClientFacts c;

  read_client (values, &c);
  g_array_append_val (g->unit_facts[unit], c);
  return TRUE;
}

/* The slot + 1 of the client a trade or interaction names, 0 for none. */
static inline gsize
slot_of (const Gather       *g,
         const AwbScanValue *client)
{
  gint64 id = client->type == SQLITE_INTEGER ? client->i : value_int64 (client);

  if (g->by_id)
    return id >= 0 && id <= g->max_id ? (gsize) id + 1 : 0;
  return GPOINTER_TO_SIZE (g_hash_table_lookup (g->index_of, &id));
}

/* Per-thread sums of @n_slots clients. */
static void
gather_alloc (Gather *g,
              guint   n_threads,
              gsize   n_slots)
{
  g->trades = g_new0 (TradeAgg *, n_threads);
  g->interactions = g_new0 (InteractionAgg *, n_threads);
  for (guint t = 0; t < n_threads; t++)
    {
      g->trades[t] = g_new0 (TradeAgg, n_slots);
      g->interactions[t] = g_new0 (InteractionAgg, n_slots);
      for (gsize i = 0; i < n_slots; i++)
        {
          g->trades[t][i].first_trade = g->trades[t][i].last_trade = AWB_DATE_NONE;
          g->interactions[t][i].last_interaction = AWB_DATE_NONE;
          g->interactions[t][i].survey_date = AWB_DATE_NONE;
        }
    }
}

/* The clients of every unit, in unit (so id) order, in one array; the
 * unit arrays are emptied (their client_no strings move). */
static GArray *
join_units (Gather *g,
            guint   n_units)
{
  GArray *facts;
  gsize total = 0;

  for (guint u = 0; u < n_units; u++)
    total += g->unit_facts[u]->len;
  facts = g_array_sized_new (FALSE, FALSE, sizeof (AwbClientFacts), (guint) total);
  for (guint u = 0; u < n_units; u++)
    {
      g_array_append_vals (facts, g->unit_facts[u]->data, g->unit_facts[u]->len);
      g_clear_pointer (&g->unit_facts[u], g_array_unref);
    }
  return facts;
}

static gboolean
sum_overflow (GError **error)
{
  g_set_error_literal (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_INVALID,
                       _("A client’s trades add up to more money than this program can "
                         "count; no scores were computed"));
  return FALSE;
}

static gboolean
trade_row (guint                thread,
           guint                unit,
           const AwbScanValue  *v,
           gpointer             data,
           GError             **error)
{
  Gather *g = data;
  AwbDate d = value_int (&v[AWB_SCAN_TRADE_DATE]);
  AwbFen commission, amount;
  gsize slot;
  TradeAgg *c;

  if (d > g->as_of)
    return TRUE;   /* Notes (2) */
  slot = slot_of (g, &v[AWB_SCAN_TRADE_CLIENT]);
  if (G_UNLIKELY (slot == 0))
    return TRUE;
  c = &g->trades[thread][slot - 1];
  if (c->last_trade == AWB_DATE_NONE || d > c->last_trade)
    c->last_trade = d;
  if (c->first_trade == AWB_DATE_NONE || d < c->first_trade)
    c->first_trade = d;
  if (d <= g->window_start && d <= g->year_start)
    return TRUE;
  commission = value_int64 (&v[AWB_SCAN_TRADE_COMMISSION]);
  amount = value_int64 (&v[AWB_SCAN_TRADE_AMOUNT]);
  /* amounts are bounded (AWB_MONEY_MAX_FEN) but their sums are checked:
   * a sum is exact or the run fails, never wrapped */
  if (d > g->window_start &&
      (__builtin_add_overflow (c->commission_window, commission, &c->commission_window) ||
       __builtin_add_overflow (c->amount_window, amount, &c->amount_window)))
    return sum_overflow (error);
  if (d > g->year_start &&
      (__builtin_add_overflow (c->commission_12m, commission, &c->commission_12m) ||
       __builtin_add_overflow (c->amount_12m, amount, &c->amount_12m)))
    return sum_overflow (error);
  if (d > g->window_start)
    c->n_window++;
  if (d > g->year_start)
    {
      c->n_12m++;
      c->months_12m |= (guint16) (1u << g->month_bit[d - g->year_start - 1]);
      if (v[AWB_SCAN_TRADE_RISK].type != SQLITE_NULL)
        {
          int level = value_int (&v[AWB_SCAN_TRADE_RISK]);

          if (level >= 1 && level <= 5)
            {
              c->by_risk[level - 1]++;
              if (value_int (&v[AWB_SCAN_TRADE_OVERRIDE]) == 0)
                c->by_risk_no_override[level - 1]++;
            }
        }
    }
  return TRUE;
}

static gboolean
interaction_row (guint                thread,
                 guint                unit,
                 const AwbScanValue  *v,
                 gpointer             data,
                 GError             **error)
{
  Gather *g = data;
  AwbDate d = value_int (&v[AWB_SCAN_INTERACTION_DATE]);
  gint64 id = value_int64 (&v[AWB_SCAN_INTERACTION_ID]);
  gsize slot;
  InteractionAgg *c;

  if (d > g->as_of)
    return TRUE;
  slot = slot_of (g, &v[AWB_SCAN_INTERACTION_CLIENT]);
  if (slot == 0)
    return TRUE;
  c = &g->interactions[thread][slot - 1];
  if (c->last_interaction == AWB_DATE_NONE || d > c->last_interaction)
    c->last_interaction = d;
  if (v[AWB_SCAN_INTERACTION_SATISFACTION].type != SQLITE_NULL &&
      (c->survey_date == AWB_DATE_NONE || d > c->survey_date ||
       (d == c->survey_date && id > c->survey_id)) &&
      v[AWB_SCAN_INTERACTION_KIND].type == SQLITE_TEXT &&
      strcmp (v[AWB_SCAN_INTERACTION_KIND].s, "survey") == 0)
    {
      c->survey_date = d;
      c->survey_id = id;
      c->satisfaction = (gint8) value_int (&v[AWB_SCAN_INTERACTION_SATISFACTION]);
    }
  return TRUE;
}

/* Adds @a into the trade fields of @c; FALSE if a sum would not fit. */
static gboolean
trade_agg_merge (AwbClientFacts *c,
                 const TradeAgg *a)
{
  if (a->last_trade == AWB_DATE_NONE)
    return TRUE;
  if (__builtin_add_overflow (c->commission_window, a->commission_window, &c->commission_window) ||
      __builtin_add_overflow (c->amount_window, a->amount_window, &c->amount_window) ||
      __builtin_add_overflow (c->commission_12m, a->commission_12m, &c->commission_12m) ||
      __builtin_add_overflow (c->amount_12m, a->amount_12m, &c->amount_12m))
    return FALSE;
  if (c->last_trade == AWB_DATE_NONE || a->last_trade > c->last_trade)
    c->last_trade = a->last_trade;
  if (c->first_trade == AWB_DATE_NONE || a->first_trade < c->first_trade)
    c->first_trade = a->first_trade;
  c->n_window += a->n_window;
  c->n_12m += a->n_12m;
  c->months_12m |= a->months_12m;
  for (int k = 0; k < 5; k++)
    {
      c->n_12m_by_risk[k] += a->by_risk[k];
      c->n_12m_by_risk_no_override[k] += a->by_risk_no_override[k];
    }
  return TRUE;
}

/* The index of client @id in @facts (sorted by id), or -1. */
static gssize
find_client (const AwbClientFacts *facts,
             gsize                 n,
             gint64                id)
{
  gsize lo = 0, hi = n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (facts[mid].id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < n && facts[lo].id == id ? (gssize) lo : -1;
}

/* Notes (9): each client's latest change, on or before @as_of, of a field
 * the risk questionnaire used, from the audit log. */
static gboolean
gather_profile_changes (AwbDatabase     *db,
                        AwbDate          as_of,
                        AwbClientFacts  *facts,
                        gsize            n,
                        GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *day = awb_date_format (as_of);
  int rc;

  stmt = awb_database_prepare (db,
                               "SELECT client_id, max(substr(at, 1, 10)) FROM audit_log"
                               " WHERE field IN ('birth_date', 'q_job', 'q_burden', 'q_housing',"
                               " 'q_experience', 'q_knowledge', 'loss_tolerance_pct', 'q_priority',"
                               " 'q_stoploss', 'q_if_loss', 'q_watching', 'q_results')"
                               " AND substr(at, 1, 10) <= ?1 GROUP BY client_id",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gssize i = find_client (facts, n, sqlite3_column_int64 (stmt, 0));
      const char *text = (const char *) sqlite3_column_text (stmt, 1);
      AwbDate d;

      if (i >= 0 && text != NULL && awb_date_parse (text, -1, &d))
        facts[i].profile_changed_on = d;
    }
  if (rc != SQLITE_DONE)
    return awb_database_set_error (db, rc, error);
  return TRUE;
}

/* Notes (1), (7).  @parallel: the caller holds the write lock and has not
 * written, so other connections see the same state of the book as @db. */
static gboolean
gather (AwbDatabase      *db,
        AwbDate           as_of,
        int               window_days,
        gboolean          parallel,
        AwbClientFacts  **facts_out,
        gsize            *n_out,
        AwbProgressFunc   progress,
        gpointer          progress_data,
        double            from,
        double            to,
        GCancellable     *cancellable,
        GError          **error)
{
  g_autoptr(AwbScanner) scanner = NULL;
  GArray *facts = NULL;
  Gather g;
  AwbScanJob clients = { AWB_SCAN_CLIENTS, client_row, &g, 0 };
  AwbScanJob rest[2] = {
    { AWB_SCAN_TRADES, trade_row, &g, 0 },
    { AWB_SCAN_INTERACTIONS, interaction_row, &g, 0 },
  };
  guint n_threads = parallel ? MIN (g_get_num_processors (), 4) : 1;
  guint n_client_units = 0;
  gint64 t0 = g_get_monotonic_time (), t1, t2;
  gint64 n_clients, ids_positive, max_id;
  gboolean ok = FALSE;
  AwbClientFacts *c;

  gather_init (&g, as_of, window_days);
  scanner = awb_scanner_new (db, n_threads, error);
  if (scanner == NULL || !awb_scanner_prepare_job (scanner, &clients, error))
    goto out;
  n_client_units = clients.n_units;
  g.unit_facts = g_new0 (GArray *, MAX (n_client_units, 1));
  for (guint u = 0; u < n_client_units; u++)
    g.unit_facts[u] = g_array_new (FALSE, FALSE, sizeof (AwbClientFacts));

  /* Notes (1): with dense client ids (the usual case) trades and
   * interactions are summed by clients.id, so all three tables are read
   * in one pass of the threads; else by array index, after the clients. */
  n_clients = query_int64 (db, "SELECT count(*) FROM clients", error);
  ids_positive = n_clients < 0 ? -1 : query_int64 (db, "SELECT coalesce(min(id), 0) >= 0"
                                                   " FROM clients", error);
  max_id = ids_positive < 0 ? -1 : query_int64 (db, "SELECT max(0, coalesce(max(id), 0))"
                                                " FROM clients", error);
  if (max_id < 0)
    goto out;
  g.by_id = ids_positive == 1 && ids_dense (0, max_id, (gsize) n_clients);
  if (g.by_id)
    {
      AwbScanJob all[3] = { clients, rest[0], rest[1] };

      g.max_id = max_id;
      gather_alloc (&g, n_threads, (gsize) max_id + 1);
      if (!awb_scanner_run (scanner, all, G_N_ELEMENTS (all), progress, progress_data, from, to,
                            cancellable, error))
        goto out;
      t1 = g_get_monotonic_time ();
      facts = join_units (&g, n_client_units);
      c = (AwbClientFacts *) (void *) facts->data;
    }
  else
    {
      if (!awb_scanner_run (scanner, &clients, 1, progress, progress_data, from,
                            from + 0.2 * (to - from), cancellable, error))
        goto out;
      t1 = g_get_monotonic_time ();
      facts = join_units (&g, n_client_units);
      c = (AwbClientFacts *) (void *) facts->data;
      g.index_of = g_hash_table_new (g_int64_hash, g_int64_equal);   /* keys: the facts' ids */
      for (gsize i = 0; i < facts->len; i++)
        g_hash_table_insert (g.index_of, &c[i].id, GSIZE_TO_POINTER (i + 1));
      gather_alloc (&g, n_threads, MAX (facts->len, 1));
      if (!awb_scanner_run (scanner, rest, G_N_ELEMENTS (rest), progress, progress_data,
                            from + 0.2 * (to - from), to, cancellable, error))
        goto out;
    }
  g.n = facts->len;
  t2 = g_get_monotonic_time ();

  for (gsize i = 0; i < g.n; i++)
    {
      AwbDate survey = AWB_DATE_NONE;
      gint64 survey_id = 0;
      gsize slot = g.by_id ? (gsize) c[i].id : i;

      for (guint t = 0; t < n_threads; t++)
        {
          const InteractionAgg *a = &g.interactions[t][slot];

          if (!trade_agg_merge (&c[i], &g.trades[t][slot]))
            {
              sum_overflow (error);
              goto out;
            }
          if (a->last_interaction != AWB_DATE_NONE &&
              (c[i].last_interaction == AWB_DATE_NONE || a->last_interaction > c[i].last_interaction))
            c[i].last_interaction = a->last_interaction;
          if (a->survey_date != AWB_DATE_NONE &&
              (survey == AWB_DATE_NONE || a->survey_date > survey ||
               (a->survey_date == survey && a->survey_id > survey_id)))
            {
              survey = a->survey_date;
              survey_id = a->survey_id;
              c[i].latest_survey = a->satisfaction;
            }
        }
    }
  if (!gather_profile_changes (db, as_of, c, g.n, error))
    goto out;
  if (progress != NULL)
    progress (to, progress_data);
  g_debug ("gathered %" G_GSIZE_FORMAT " clients with %u threads, %s: scans %.3f s + %.3f s, "
           "merge %.3f s", g.n, n_threads, g.by_id ? "one pass" : "clients first",
           (t1 - t0) / 1e6, (t2 - t1) / 1e6, (g_get_monotonic_time () - t2) / 1e6);
  *n_out = g.n;
  *facts_out = (AwbClientFacts *) (void *) g_array_free (g_steal_pointer (&facts), FALSE);
  ok = TRUE;

out:
  if (facts != NULL)
    {
      for (guint i = 0; i < facts->len; i++)
        g_free (g_array_index (facts, AwbClientFacts, i).client_no);
      g_array_unref (facts);
    }
  gather_clear (&g, n_threads, n_client_units);
  return ok;
}

/**
 * awb_scoring_gather:
 * @as_of: the reference date; later trades and interactions are ignored
 * @window_days: the RFM window (n_window, commission_window,
 *   amount_window); 0 for all history
 * @facts: (out) (transfer full): one element per client, in clients.id
 *   order; free with awb_client_facts_free()
 *
 * Fills every field of AwbClientFacts for every client of the book, in one
 * pass per table (Notes (1)).  Reads only; runs in the caller's
 * transaction if there is one.
 *
 * Returns: %TRUE, or %FALSE with @error set (G_IO_ERROR_CANCELLED when
 * cancelled) and the outputs untouched.
 */
gboolean
awb_scoring_gather (AwbDatabase      *db,
                    AwbDate           as_of,
                    int               window_days,
                    AwbClientFacts  **facts,
                    gsize            *n_facts,
                    AwbProgressFunc   progress,
                    gpointer          progress_data,
                    GCancellable     *cancellable,
                    GError          **error)
{
  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (as_of != AWB_DATE_NONE, FALSE);
  g_return_val_if_fail (window_days >= 0, FALSE);
  g_return_val_if_fail (facts != NULL && n_facts != NULL, FALSE);

  /* one read transaction: the three passes see the same state of the book */
  if (sqlite3_get_autocommit (awb_database_get_handle (db)))
    {
      gboolean ok;

      if (!awb_database_exec (db, "BEGIN", error))
        return FALSE;
      ok = gather (db, as_of, window_days, FALSE, facts, n_facts, progress, progress_data, 0.0, 1.0,
                   cancellable, error);
      awb_database_rollback (db);   /* nothing was written: ends the read */
      return ok;
    }
  return gather (db, as_of, window_days, FALSE, facts, n_facts, progress, progress_data, 0.0, 1.0,
                 cancellable, error);
}

/* Writing scores (Notes (4)).  A row is 38 cells, all inserted by one
 * statement, INSERT INTO scores (...) SELECT ... FROM awb_pending_scores:
 * an eponymous virtual table over the run's arrays, registered on the
 * run's connection for that statement only.  SQLite takes each cell
 * straight from memory, with no parameters to bind; that measured 25 %
 * cheaper than 32-row INSERT ... VALUES statements with bound cells. */
#define N_SCORE_COLUMNS 38

typedef struct
{
  gint8  kind;        /* 0 NULL, 1 integer, 2 real */
  gint64 i;
  double d;
} Cell;

static inline void
cell_int (Cell   *c,
          gint64  v,
          gboolean known)
{
  c->kind = known ? 1 : 0;
  c->i = known ? v : 0;
  c->d = 0;
}

static inline void
cell_real (Cell   *c,
           double  v)
{
  c->kind = isnan (v) ? 0 : 2;
  c->i = 0;
  c->d = isnan (v) ? 0 : v;
}

#define CELL_INT(c, v) cell_int ((c), (v), (v) != AWB_UNKNOWN)

/* Notes (5): AWB_UNKNOWN and NaN are NULL; a prospect's RFM is all NULL. */
static void
labels_to_cells (gint64                 run_id,
                 const AwbClientFacts  *f,
                 const AwbClientLabels *l,
                 Cell                   row[N_SCORE_COLUMNS])
{
  gint64 client_id = f->id;
  gboolean scored = l->r_score != AWB_UNKNOWN;

  cell_int (&row[0], (run_id << 32) | client_id, TRUE);   /* Notes (4) */
  cell_int (&row[1], l->recency_days, scored);
  cell_int (&row[2], l->frequency, scored);
  cell_int (&row[3], l->monetary, scored);
  CELL_INT (&row[4], l->r_score);
  CELL_INT (&row[5], l->f_score);
  CELL_INT (&row[6], l->m_score);
  CELL_INT (&row[7], l->rfm_segment);
  CELL_INT (&row[8], l->rfm_state);
  cell_real (&row[9], l->tier_score);
  CELL_INT (&row[10], l->tier);
  CELL_INT (&row[11], l->service_group);
  CELL_INT (&row[12], l->cadence_days);
  CELL_INT (&row[13], l->overdue);
  CELL_INT (&row[14], l->capital_size);
  CELL_INT (&row[15], l->turnover_class);
  cell_real (&row[16], l->dependency);
  cell_real (&row[17], l->persistence);
  CELL_INT (&row[18], l->loyalty_type);
  cell_real (&row[19], l->loyalty_score);
  CELL_INT (&row[20], l->lifecycle);
  CELL_INT (&row[21], l->capacity);
  CELL_INT (&row[22], l->attitude);
  CELL_INT (&row[23], l->capacity_band);
  CELL_INT (&row[24], l->attitude_band);
  CELL_INT (&row[25], l->risk_level);
  CELL_INT (&row[26], l->questionnaire_expired);
  CELL_INT (&row[27], l->alloc_low);
  CELL_INT (&row[28], l->alloc_mid);
  CELL_INT (&row[29], l->alloc_high);
  CELL_INT (&row[30], l->mismatches);
  CELL_INT (&row[31], l->age_group);
  CELL_INT (&row[32], l->life_stage);
  CELL_INT (&row[33], l->family_stage);
  /* clv is a fen amount: unknown exactly when there is no value tier */
  cell_int (&row[34], l->clv, l->value_tier != AWB_UNKNOWN);
  CELL_INT (&row[35], l->value_tier);
  CELL_INT (&row[36], l->first_action);
  /* schema 4: what the run's statistics sum (awb-run-stats.c); 0 for a prospect */
  cell_int (&row[37], f->commission_12m, TRUE);
}

static const char score_columns[] =
  "id,"
  " recency_days, frequency, monetary, r_score, f_score, m_score, rfm_segment, rfm_state,"
  " tier_score, tier, service_group, cadence_days, overdue, capital_size, turnover_class,"
  " dependency, persistence, loyalty_type, loyalty_score, lifecycle,"
  " capacity, attitude, capacity_band, attitude_band, risk_level, questionnaire_expired,"
  " alloc_low, alloc_mid, alloc_high, mismatches, age_group, life_stage, family_stage,"
  " clv, value_tier, first_action, commission_12m";

/* What the virtual table reads from. */
typedef struct
{
  gint64                 run_id;
  const AwbClientFacts  *facts;
  const AwbClientLabels *labels;
  gsize                  n;
  AwbProgressFunc        progress;
  gpointer               progress_data;
  GCancellable          *cancellable;
} Pending;

typedef struct
{
  sqlite3_vtab  base;
  Pending      *pending;
} PendingTable;

typedef struct
{
  sqlite3_vtab_cursor  base;
  Pending             *pending;
  gsize                i;
  Cell                 row[N_SCORE_COLUMNS];
} PendingCursor;

static int
pending_connect (sqlite3             *db,
                 void                *aux,
                 int                  argc,
                 const char * const  *argv,
                 sqlite3_vtab       **vtab,
                 char               **err)
{
  g_autofree char *schema = g_strdup_printf ("CREATE TABLE x(%s)", score_columns);
  PendingTable *table;
  int rc = sqlite3_declare_vtab (db, schema);

  if (rc != SQLITE_OK)
    return rc;
  table = sqlite3_malloc (sizeof *table);
  if (table == NULL)
    return SQLITE_NOMEM;
  memset (table, 0, sizeof *table);
  table->pending = aux;
  *vtab = &table->base;
  return SQLITE_OK;
}

static int
pending_best_index (sqlite3_vtab       *vtab,
                    sqlite3_index_info *info)
{
  PendingTable *table = (PendingTable *) vtab;

  info->estimatedCost = (double) table->pending->n;
  info->estimatedRows = (sqlite3_int64) table->pending->n;
  return SQLITE_OK;
}

static int
pending_disconnect (sqlite3_vtab *vtab)
{
  sqlite3_free (vtab);
  return SQLITE_OK;
}

static int
pending_open (sqlite3_vtab         *vtab,
              sqlite3_vtab_cursor **cursor)
{
  PendingCursor *c = sqlite3_malloc (sizeof *c);

  if (c == NULL)
    return SQLITE_NOMEM;
  memset (c, 0, sizeof *c);
  c->pending = ((PendingTable *) vtab)->pending;
  *cursor = &c->base;
  return SQLITE_OK;
}

static int
pending_close (sqlite3_vtab_cursor *cursor)
{
  sqlite3_free (cursor);
  return SQLITE_OK;
}

static void
pending_fill (PendingCursor *c)
{
  const Pending *p = c->pending;

  if (c->i < p->n)
    labels_to_cells (p->run_id, &p->facts[c->i], &p->labels[c->i], c->row);
}

static int
pending_filter (sqlite3_vtab_cursor  *cursor,
                int                   idx_num,
                const char           *idx_str,
                int                   argc,
                sqlite3_value       **argv)
{
  PendingCursor *c = (PendingCursor *) cursor;

  c->i = 0;
  pending_fill (c);
  return SQLITE_OK;
}

/* Reports progress and stops the statement on a cancel (Notes (3)). */
static int
pending_next (sqlite3_vtab_cursor *cursor)
{
  PendingCursor *c = (PendingCursor *) cursor;
  const Pending *p = c->pending;

  c->i++;
  if (G_UNLIKELY (c->i % CHECK_EVERY == 0))
    {
      if (p->progress != NULL)
        p->progress (0.8 + 0.2 * (double) c->i / (double) MAX (p->n, 1), p->progress_data);
      if (g_cancellable_is_cancelled (p->cancellable))
        return SQLITE_INTERRUPT;
    }
  pending_fill (c);
  return SQLITE_OK;
}

static int
pending_eof (sqlite3_vtab_cursor *cursor)
{
  PendingCursor *c = (PendingCursor *) cursor;

  return c->i >= c->pending->n;
}

static int
pending_column (sqlite3_vtab_cursor *cursor,
                sqlite3_context     *context,
                int                  column)
{
  const Cell *cell = &((PendingCursor *) cursor)->row[column];

  switch (cell->kind)
    {
    case 1:
      sqlite3_result_int64 (context, cell->i);
      break;
    case 2:
      sqlite3_result_double (context, cell->d);
      break;
    default:
      sqlite3_result_null (context);
      break;
    }
  return SQLITE_OK;
}

static int
pending_rowid (sqlite3_vtab_cursor *cursor,
               sqlite3_int64       *rowid)
{
  *rowid = (sqlite3_int64) ((PendingCursor *) cursor)->i;
  return SQLITE_OK;
}

static const sqlite3_module pending_module = {
  .iVersion = 0,
  .xCreate = NULL,   /* eponymous only: SELECT ... FROM awb_pending_scores */
  .xConnect = pending_connect,
  .xBestIndex = pending_best_index,
  .xDisconnect = pending_disconnect,
  .xOpen = pending_open,
  .xClose = pending_close,
  .xFilter = pending_filter,
  .xNext = pending_next,
  .xEof = pending_eof,
  .xColumn = pending_column,
  .xRowid = pending_rowid,
};

/* Inserts one scores row per client (in clients.id order, so the keys
 * ascend and every insert appends).  Returns the SQLite result code. */
static int
insert_scores (AwbDatabase  *db,
               Pending      *pending,
               GError      **error)
{
  sqlite3 *handle = awb_database_get_handle (db);
  g_autofree char *sql = g_strdup_printf ("INSERT INTO scores (%s) SELECT %s FROM "
                                          "awb_pending_scores", score_columns, score_columns);
  sqlite3_stmt *insert = NULL;
  int rc;

  rc = sqlite3_create_module_v2 (handle, "awb_pending_scores", &pending_module, pending, NULL);
  if (rc != SQLITE_OK)
    {
      awb_database_set_error (db, rc, error);
      return rc;
    }
  insert = awb_database_prepare (db, sql, error);
  if (insert == NULL)
    rc = SQLITE_ERROR;
  else
    {
      rc = sqlite3_step (insert);
      if (rc != SQLITE_DONE && !g_cancellable_set_error_if_cancelled (pending->cancellable, error))
        awb_database_set_error (db, rc, error);
      sqlite3_finalize (insert);
    }
  sqlite3_create_module (handle, "awb_pending_scores", NULL, NULL);   /* drops it */
  return rc;
}

/* The text stored with a run: @text (the book's whole settings) or the RFM
 * settings, then the breakpoints in force and the counts. */
static char *
snapshot (const AwbRfmSettings    *settings,
          const char              *text,
          const AwbRfmBreakpoints *bp)
{
  g_autofree char *base = text != NULL ? g_strdup (text) : awb_rfm_settings_to_string (settings);
  GString *s = g_string_new (base);
  static const char *const keys[3] = { "r", "f", "m" };

  if (s->len > 0 && s->str[s->len - 1] != '\n')
    g_string_append_c (s, '\n');
  /* the breakpoints in force, exactly, so any stored score can be explained */
  for (int d = 0; d < AWB_RFM_N_DIMS; d++)
    {
      g_string_append_printf (s, "rfm.breakpoints.%s=", keys[d]);
      for (guint i = 0; bp->n_scored > 0 && i <= bp->dim[d].bins; i++)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append_printf (s, "%s%s", i > 0 ? "," : "",
                                  g_ascii_formatd (buf, sizeof buf, "%.17g", bp->dim[d].edge[i]));
        }
      g_string_append_c (s, '\n');
    }
  g_string_append_printf (s, "rfm.scored=%" G_GSIZE_FORMAT "\nrfm.prospects=%" G_GSIZE_FORMAT "\n",
                          bp->n_scored, bp->n_prospects);
  return g_string_free (s, FALSE);
}

static gint64
write_run (AwbDatabase              *db,
           AwbDate                   as_of,
           const AwbRfmSettings     *settings,
           const char               *settings_text,
           const AwbRfmBreakpoints  *bp,
           const AwbClientFacts     *facts,
           const AwbClientLabels    *labels,
           gsize                     n,
           AwbProgressFunc           progress,
           gpointer                  progress_data,
           GCancellable             *cancellable,
           GError                  **error)
{
  g_autoptr(sqlite3_stmt) run = NULL;
  Pending pending;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *text = snapshot (settings, settings_text, bp);
  gint64 t0 = g_get_monotonic_time (), t_inserted, t_counted;
  gint64 run_id;
  int rc;

  g_assert (!sqlite3_get_autocommit (awb_database_get_handle (db)));
  awb_database_exec (db, "PRAGMA cache_size = -262144", NULL);

  run = awb_database_prepare (db,
                              "INSERT INTO scoring_runs (created_at, as_of, settings, n_clients) "
                              "VALUES (?1, ?2, ?3, ?4)",
                              error);
  if (run == NULL)
    goto fail;
  sqlite3_bind_text (run, 1, created_at, -1, SQLITE_STATIC);
  sqlite3_bind_int (run, 2, as_of);
  sqlite3_bind_text (run, 3, text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (run, 4, (gint64) n);
  rc = sqlite3_step (run);
  if (rc != SQLITE_DONE)
    {
      awb_database_set_error (db, rc, error);
      goto fail;
    }
  run_id = sqlite3_last_insert_rowid (awb_database_get_handle (db));

  pending = (Pending) { run_id, facts, labels, n, progress, progress_data, cancellable };
  if (insert_scores (db, &pending, error) != SQLITE_DONE)
    goto fail;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;
  t_inserted = g_get_monotonic_time ();
  /* Notes (10): the run's statistics, in the same transaction */
  if (!awb_run_stats_compute (db, run_id, cancellable, error))
    goto fail;
  t_counted = g_get_monotonic_time ();
  if (!awb_database_commit (db, error))
    return 0;
  g_debug ("wrote %" G_GSIZE_FORMAT " scores: inserts %.3f s, statistics %.3f s, commit %.3f s", n,
           (t_inserted - t0) / 1e6, (t_counted - t_inserted) / 1e6,
           (g_get_monotonic_time () - t_counted) / 1e6);
  return run_id;

fail:
  return 0;
}

/**
 * awb_scoring_run:
 *
 * awb_scoring_run_full() storing the RFM settings as the snapshot.
 */
gint64
awb_scoring_run (AwbDatabase           *db,
                 AwbDate                as_of,
                 const AwbRfmSettings  *settings,
                 AwbClassifyFunc        classify,
                 gpointer               classify_data,
                 AwbProgressFunc        progress,
                 gpointer               progress_data,
                 GCancellable          *cancellable,
                 AwbRfmBreakpoints     *breakpoints,
                 GError               **error)
{
  return awb_scoring_run_full (db, as_of, settings, NULL, classify, classify_data, progress,
                               progress_data, cancellable, breakpoints, error);
}

/* A book attached to a branch server (awb-sync.h) takes its runs from
 * the server, which ranks the whole branch: a run of the user's share
 * alone would give other breakpoints, so none is made here. */
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
                   _("This book is a working copy of the branch book on %s: its scoring runs come from the branch server, which scores the whole branch. Sync to get the latest run."),
                   server);
      return FALSE;
    }
  return TRUE;
}

/**
 * awb_scoring_run_full:
 * @as_of: the reference date
 * @settings: the RFM settings in force (validated here)
 * @settings_snapshot: (nullable): the book's settings as text
 *   (awb_settings_serialize), stored with the run; %NULL: @settings as
 *   text.  The breakpoints in force are appended either way.
 * @classify: (nullable): the classification step, or %NULL
 * @progress: (nullable): called with 0..1 from this thread
 * @breakpoints: (out) (optional): the breakpoints in force
 *
 * Scores the whole book as of @as_of and stores the run (Notes (3)).
 * @db must not be inside a transaction: the run is one of its own, and a
 * second connection to the same file reads along (Notes (7)).
 *
 * Returns: the new run's id, or 0 with @error set (G_IO_ERROR_CANCELLED
 * when cancelled); then nothing was written.
 */
gint64
awb_scoring_run_full (AwbDatabase           *db,
                      AwbDate                as_of,
                      const AwbRfmSettings  *settings,
                      const char            *settings_snapshot,
                      AwbClassifyFunc        classify,
                      gpointer               classify_data,
                      AwbProgressFunc        progress,
                      gpointer               progress_data,
                      GCancellable          *cancellable,
                      AwbRfmBreakpoints     *breakpoints,
                      GError               **error)
{
  AwbClientFacts *facts = NULL;
  g_autofree AwbClientLabels *labels = NULL;
  AwbRfmBreakpoints bp;
  gsize n = 0;
  gint64 run_id = 0;

  g_return_val_if_fail (AWB_IS_DATABASE (db), 0);
  g_return_val_if_fail (as_of != AWB_DATE_NONE, 0);
  g_return_val_if_fail (settings != NULL, 0);

  if (!awb_rfm_settings_validate (settings, error))
    return 0;
  if (!refuse_attached (db, error))
    return 0;
  /* Notes (8): pack what is not packed yet, in a transaction of its own
   * (the gather's other connections must see the packs) */
  if (!awb_scan_packs_refresh (db, progress, progress_data, 0.0, 0.3, cancellable, error) ||
      !report (progress, progress_data, 0.3, cancellable, error))
    return 0;
  /* Notes (3): the write lock is taken first, so the run scores one
   * consistent state of the book and stores its results for exactly it */
  if (!awb_database_begin (db, error))
    return 0;
  if (!gather (db, as_of, settings->window_days, TRUE, &facts, &n, progress, progress_data, 0.3,
               0.7, cancellable, error))
    {
      awb_database_rollback (db);
      return 0;
    }

  /* Notes (4): the scores key holds a client id in 32 bits */
  if (n > 0 && (facts[0].id < 0 || facts[n - 1].id > G_MAXUINT32))
    {
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_INVALID,
                   _("Cannot score this book: client id %lld is outside 0 to 4294967295"),
                   (long long) (facts[0].id < 0 ? facts[0].id : facts[n - 1].id));
      awb_client_facts_free (facts, n);
      awb_database_rollback (db);
      return 0;
    }
  labels = g_new (AwbClientLabels, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    awb_rfm_labels_init (&labels[i]);
  awb_rfm_score_book (settings, as_of, facts, labels, n, &bp);

  if (!report (progress, progress_data, 0.75, cancellable, error))
    goto out;
  if (classify != NULL && !classify (as_of, facts, labels, n, classify_data, error))
    goto out;
  if (!report (progress, progress_data, 0.8, cancellable, error))
    goto out;

  run_id = write_run (db, as_of, settings, settings_snapshot, &bp, facts, labels, n, progress,
                      progress_data, cancellable, error);
  if (run_id > 0)
    {
      report (progress, progress_data, 1.0, NULL, NULL);
      if (breakpoints)
        *breakpoints = bp;
    }

out:
  if (run_id == 0)
    awb_database_rollback (db);
  awb_client_facts_free (facts, n);
  return run_id;
}

/**
 * awb_score_options_init:
 * @as_of: the reference date
 *
 * Fills @options for a run as of @as_of with every other choice left to the
 * book's settings.
 */
void
awb_score_options_init (AwbScoreOptions *options,
                        AwbDate          as_of)
{
  g_return_if_fail (options != NULL);

  options->as_of = as_of;
  options->window_days = AWB_SCORE_BOOK_SETTING;
  options->monetary = AWB_SCORE_BOOK_SETTING;
}

/**
 * awb_scoring_score_book:
 * @options: the reference date and this run's overrides
 * @progress: (nullable): called with 0..1 from this thread
 * @result: (out) (optional): what the run stored
 *
 * The one way to score a book, used by the window and the command line
 * alike: loads the book's settings, applies @options' overrides, and runs
 * RFM and every label of the classifier (awb_classify_hook) as of
 * @options->as_of, storing the run with the whole settings snapshot.  @db
 * must not be inside a transaction (awb_scoring_run_full()).
 *
 * Returns: %TRUE and fills @result; %FALSE with @error set
 * (G_IO_ERROR_CANCELLED when cancelled), nothing written and @result
 * untouched.
 */
gboolean
awb_scoring_score_book (AwbDatabase            *db,
                        const AwbScoreOptions  *options,
                        AwbProgressFunc         progress,
                        gpointer                progress_data,
                        GCancellable           *cancellable,
                        AwbScoreResult         *result,
                        GError                **error)
{
  g_autoptr(AwbSettings) book = NULL;   /* the book's settings, with the overrides */
  g_autofree char *snapshot = NULL;     /* the same, as stored with the run */
  AwbRfmBreakpoints bp;                 /* the breakpoints in force */
  gint64 run_id;

  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (options != NULL && options->as_of != AWB_DATE_NONE, FALSE);
  g_return_val_if_fail (options->window_days >= AWB_SCORE_BOOK_SETTING, FALSE);
  g_return_val_if_fail (options->monetary == AWB_SCORE_BOOK_SETTING ||
                        options->monetary == AWB_MONETARY_COMMISSION ||
                        options->monetary == AWB_MONETARY_AMOUNT, FALSE);

  book = awb_settings_store_load (db, error);
  if (book == NULL)
    return FALSE;
  if (options->window_days != AWB_SCORE_BOOK_SETTING)
    book->rfm.window_days = options->window_days;
  if (options->monetary != AWB_SCORE_BOOK_SETTING)
    book->rfm.monetary = (AwbMonetaryKind) options->monetary;
  snapshot = awb_settings_serialize (book);

  run_id = awb_scoring_run_full (db, options->as_of, &book->rfm, snapshot, awb_classify_hook,
                                 book, progress, progress_data, cancellable, &bp, error);
  if (run_id == 0)
    return FALSE;

  if (result != NULL)
    {
      result->run_id = run_id;
      result->n_clients = (gint64) (bp.n_scored + bp.n_prospects);
      result->breakpoints = bp;
    }
  return TRUE;
}

/* An asynchronous run: what its thread needs, owned by the GTask. */
typedef struct
{
  char             *path;            /* the book, opened again in the thread */
  AwbScoreOptions   options;
  AwbProgressFunc   progress;        /* nullable; called in the caller's context */
  gpointer          progress_data;
  GMainContext     *context;         /* the caller's thread-default context */
  AwbScoreResult    result;          /* out, on success */
} ScoreBookData;

/* One progress report on its way to the caller's context. */
typedef struct
{
  GTask  *task;        /* strong: the report is dropped once the task completed */
  double  fraction;
} ScoreBookReport;

static void
score_book_data_free (ScoreBookData *data)
{
  g_free (data->path);
  g_main_context_unref (data->context);
  g_free (data);
}

static void
score_book_report_free (ScoreBookReport *report)
{
  g_object_unref (report->task);
  g_free (report);
}

static gboolean
deliver_report (gpointer user_data)
{
  ScoreBookReport *report = user_data;
  ScoreBookData *data = g_task_get_task_data (report->task);

  /* after the callback, progress_data may be gone */
  if (!g_task_get_completed (report->task))
    data->progress (report->fraction, data->progress_data);
  return G_SOURCE_REMOVE;
}

/* In the run's thread: hands the report to the caller's context. */
static void
forward_report (double   fraction,
                gpointer user_data)
{
  GTask *task = user_data;
  ScoreBookData *data = g_task_get_task_data (task);
  ScoreBookReport *report = g_new (ScoreBookReport, 1);

  report->task = g_object_ref (task);
  report->fraction = fraction;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, deliver_report, report,
                              (GDestroyNotify) score_book_report_free);
}

static void
score_book_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  ScoreBookData *data = task_data;
  g_autoptr(AwbDatabase) db = NULL;
  GError *error = NULL;

  db = awb_database_open (data->path, &error);
  if (db == NULL ||
      !awb_scoring_score_book (db, &data->options, data->progress ? forward_report : NULL,
                               task, cancellable, &data->result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * awb_scoring_score_book_async:
 * @db_path: the book; the run opens a connection of its own (Notes (6))
 * @options: copied
 * @progress: (nullable): called with 0..1 in the thread-default main
 *   context of the caller, never after @callback has run
 * @progress_data: must stay valid until @callback runs
 *
 * awb_scoring_score_book() in a GTask thread.  Cancelling @cancellable
 * rolls the run back.  The window scores this way, so it keeps reading the
 * last committed state on its own connection while the run writes.
 */
void
awb_scoring_score_book_async (const char             *db_path,
                              const AwbScoreOptions  *options,
                              AwbProgressFunc         progress,
                              gpointer                progress_data,
                              GCancellable           *cancellable,
                              GAsyncReadyCallback     callback,
                              gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  ScoreBookData *data;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (options != NULL && options->as_of != AWB_DATE_NONE);

  data = g_new0 (ScoreBookData, 1);
  data->path = g_strdup (db_path);
  data->options = *options;
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, awb_scoring_score_book_async);
  g_task_set_task_data (task, data, (GDestroyNotify) score_book_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  /* report what happened: a run that committed before it saw the cancel
   * is a run, not a cancellation */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, score_book_in_thread);
}

/**
 * awb_scoring_score_book_finish:
 * @out: (out) (optional): what the run stored
 *
 * Returns: %TRUE and fills @out, or %FALSE with @error set (nothing was
 * written).
 */
gboolean
awb_scoring_score_book_finish (GAsyncResult    *result,
                               AwbScoreResult  *out,
                               GError         **error)
{
  ScoreBookData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == awb_scoring_score_book_async,
                        FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (out != NULL)
    *out = data->result;
  return TRUE;
}

void
awb_scoring_run_info_free (AwbScoringRunInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->created_at);
  g_free (info->settings);
  g_free (info);
}

/**
 * awb_scoring_list_runs:
 *
 * Returns: (transfer full) (element-type AwbScoringRunInfo): the runs,
 * oldest first, or %NULL with @error set.
 */
GPtrArray *
awb_scoring_list_runs (AwbDatabase  *db,
                       GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) runs =
    g_ptr_array_new_with_free_func ((GDestroyNotify) awb_scoring_run_info_free);
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);

  stmt = awb_database_prepare (db,
                               "SELECT id, created_at, as_of, n_clients, settings "
                               "FROM scoring_runs ORDER BY id",
                               error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AwbScoringRunInfo *info = g_new0 (AwbScoringRunInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->as_of = sqlite3_column_int (stmt, 2);
      info->n_clients = sqlite3_column_int64 (stmt, 3);
      info->settings = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (runs, info);
    }
  if (rc != SQLITE_DONE)
    {
      awb_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&runs);
}

static gboolean
run_not_found (gint64   run_id,
               GError **error)
{
  g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_FOUND,
               _("There is no scoring run %lld in this book"), (long long) run_id);
  return FALSE;
}

/**
 * awb_scoring_delete_run:
 *
 * Deletes run @run_id and its scores in one transaction.
 *
 * Returns: %TRUE, or %FALSE with @error set (AWB_DATABASE_ERROR_NOT_FOUND
 * when there is no such run) and the book unchanged.
 */
gboolean
awb_scoring_delete_run (AwbDatabase  *db,
                        gint64        run_id,
                        GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);

  if (!awb_database_begin (db, error))
    return FALSE;
  stmt = awb_database_prepare (db, "DELETE FROM scoring_runs WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, run_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      awb_database_set_error (db, rc, error);
      goto fail;
    }
  if (sqlite3_changes (awb_database_get_handle (db)) == 0)
    {
      run_not_found (run_id, error);
      goto fail;
    }
  return awb_database_commit (db, error);

fail:
  awb_database_rollback (db);
  return FALSE;
}

/**
 * awb_scoring_get_latest_run:
 *
 * Returns: the id of the newest run, 0 if the book has none, or -1 with
 * @error set.
 */
gint64
awb_scoring_get_latest_run (AwbDatabase  *db,
                            GError      **error)
{
  g_return_val_if_fail (AWB_IS_DATABASE (db), -1);

  return query_int64 (db, "SELECT coalesce(max(id), 0) FROM scoring_runs", error);
}

static gboolean
check_run_exists (AwbDatabase  *db,
                  gint64        run_id,
                  GError      **error)
{
  g_autoptr(sqlite3_stmt) exists = NULL;
  int rc;

  exists = awb_database_prepare (db, "SELECT 1 FROM scoring_runs WHERE id = ?1", error);
  if (exists == NULL)
    return FALSE;
  sqlite3_bind_int64 (exists, 1, run_id);
  rc = sqlite3_step (exists);
  if (rc == SQLITE_DONE)
    return run_not_found (run_id, error);
  if (rc != SQLITE_ROW)
    return awb_database_set_error (db, rc, error);
  return TRUE;
}

/**
 * awb_scoring_get_migration:
 * @migration: (out caller-allocates): filled on success
 *
 * Counts how the clients scored in both runs moved between segments
 * (prospects as one more segment), in one GROUP BY over the two runs'
 * scores joined on the client.
 *
 * Returns: %TRUE, or %FALSE with @error set (AWB_DATABASE_ERROR_NOT_FOUND
 * for a missing run) and @migration untouched.
 */
gboolean
awb_scoring_get_migration (AwbDatabase          *db,
                           gint64                from_run,
                           gint64                to_run,
                           AwbSegmentMigration  *migration,
                           GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  AwbSegmentMigration m;
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (migration != NULL, FALSE);

  if (!check_run_exists (db, from_run, error) || !check_run_exists (db, to_run, error))
    return FALSE;

  memset (&m, 0, sizeof m);
  stmt = awb_database_prepare (db,
                               "SELECT coalesce(a.rfm_segment, ?3), coalesce(b.rfm_segment, ?3),"
                               " count(*) FROM scores AS a JOIN scores AS b"
                               " ON b.id = a.id - (?1 << 32) + (?2 << 32)"
                               " WHERE a.id >= (?1 << 32) AND a.id < ((?1 + 1) << 32)"
                               " GROUP BY 1, 2",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from_run);
  sqlite3_bind_int64 (stmt, 2, to_run);
  sqlite3_bind_int (stmt, 3, AWB_N_SEGMENTS);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int from = sqlite3_column_int (stmt, 0);
      int to = sqlite3_column_int (stmt, 1);

      if (from >= 0 && from < AWB_MIGRATION_SIZE && to >= 0 && to < AWB_MIGRATION_SIZE)
        m.counts[from][to] = sqlite3_column_int64 (stmt, 2);
    }
  if (rc != SQLITE_DONE)
    return awb_database_set_error (db, rc, error);
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = awb_database_prepare (db,
                               "SELECT (SELECT count(*) FROM scores AS a"
                               "  WHERE a.id >= (?1 << 32) AND a.id < ((?1 + 1) << 32)"
                               "  AND NOT EXISTS (SELECT 1 FROM scores AS b"
                               "   WHERE b.id = a.id - (?1 << 32) + (?2 << 32))),"
                               " (SELECT count(*) FROM scores AS b"
                               "  WHERE b.id >= (?2 << 32) AND b.id < ((?2 + 1) << 32)"
                               "  AND NOT EXISTS (SELECT 1 FROM scores AS a"
                               "   WHERE a.id = b.id - (?2 << 32) + (?1 << 32)))",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from_run);
  sqlite3_bind_int64 (stmt, 2, to_run);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return awb_database_set_error (db, rc, error);
  m.only_in_from = sqlite3_column_int64 (stmt, 0);
  m.only_in_to = sqlite3_column_int64 (stmt, 1);

  *migration = m;
  return TRUE;
}

/**
 * awb_scoring_get_distribution:
 *
 * Returns: (transfer full) (element-type AwbSegmentCount): one row per
 * segment in the order of AwbSegment (Others included, zero counts
 * included), then the prospects' row (segment AWB_N_SEGMENTS); AUM is that
 * of the clients today.  %NULL with @error set when there is no such run.
 */
GArray *
awb_scoring_get_distribution (AwbDatabase  *db,
                              gint64        run_id,
                              GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (AwbSegmentCount));
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);

  if (!check_run_exists (db, run_id, error))
    return NULL;

  g_array_set_size (rows, AWB_N_SEGMENTS + 1);
  for (guint i = 0; i <= AWB_N_SEGMENTS; i++)
    g_array_index (rows, AwbSegmentCount, i).segment = i;

  stmt = awb_database_prepare (db,
                               "SELECT s.rfm_segment, count(*), coalesce(sum(c.aum), 0) "
                               "FROM scores AS s LEFT JOIN clients AS c ON c.id = s.client_id "
                               "WHERE s.id >= (?1 << 32) AND s.id < ((?1 + 1) << 32)"
                               " GROUP BY s.rfm_segment",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int seg = sqlite3_column_type (stmt, 0) == SQLITE_NULL ? AWB_N_SEGMENTS
                                                              : sqlite3_column_int (stmt, 0);
      AwbSegmentCount *row;

      if (seg < 0 || seg > AWB_N_SEGMENTS)
        continue;
      row = &g_array_index (rows, AwbSegmentCount, seg);
      row->n_clients = sqlite3_column_int64 (stmt, 1);
      row->aum = sqlite3_column_int64 (stmt, 2);
    }
  if (rc != SQLITE_DONE)
    {
      awb_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}
