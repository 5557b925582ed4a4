/* awb-demo.c: a deterministic generator of realistic demo branches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This file writes a whole securities branch into an empty book: eight
 * relationship managers, the clients with their profiles and complete risk
 * questionnaires, three years of trades, and the calls, visits, surveys ...
 * with their follow-ups.  The GUI uses it for `advisor-workbench --demo`, the
 * command line (`advisor-workbench-cli demo`) for books of any size, up to a
 * million clients and twenty million trades for the benchmarks.
 *
 * It is the driver: the options, the three passes, the multi-row inserts,
 * the transaction, the pragmas, progress and cancellation.  What it writes
 * comes from three private modules: awb-demo-random.c (the random numbers),
 * awb-demo-vocabulary.c (names, cities, jobs, notes, products) and
 * awb-demo-client.c (one client's profile, trades and interactions).
 *
 * NOTES ON THE DESIGN
 *
 *  (1) Determinism.  The random numbers come from our own xoshiro256**
 *      (awb-demo-random.c), seeded through splitmix64, not from GRand, so a
 *      seed gives the same book with any GLib.  Every client has its own
 *      streams, derived from (seed, client index, purpose): one for the
 *      profile, one for its trades, one for its interactions.  What a
 *      client looks like therefore does not depend on how many clients come
 *      before it or on how the rows are batched; the only cross-client
 *      steps are the account number (spread over the number range by the
 *      book's size) and, when an exact trade count is asked for, the share
 *      of that count each client gets.
 *      The floating-point work uses only IEEE arithmetic and libm's exp,
 *      log, pow, sqrt, cos and erfc (glibc's are correctly rounded in
 *      practice; a libm that rounds differently could change a few rows).
 *
 *  (2) Realism: the proportions a Chinese branch shows.  They are listed
 *      in awb-demo-client.c, note (1), next to the code that draws them.
 *
 *  (3) All or nothing.  Everything is written in one transaction (BEGIN
 *      IMMEDIATE ... COMMIT); any failure or a cancellation rolls it back,
 *      leaving the book as it was.  A book that already holds clients is
 *      refused with AWB_DATABASE_ERROR_INVALID before anything is written.
 *
 *  (4) Speed (a million clients and twenty million trades is the
 *      benchmark size).  Three passes, each append-only for the indexes it
 *      touches: all clients first (so the random-order name and manager
 *      indexes stay in the page cache), then every trade (client by client,
 *      each client's trades in date order, trade numbers increasing: the
 *      (client_id, trade_date) index and the trade_no index only ever grow
 *      at their right edge), then every interaction.  Clients get their row
 *      ids 1..n explicitly (the table is empty), so no pass needs another
 *      pass's rowids back.  Rows go in 128 per INSERT statement, prepared
 *      once and rebound (processor time on 200,000 clients and 4 million
 *      trades: 9.3 s with 32 rows a statement, 7.6 s with 128).  The
 *      trades, four fifths of the rows, are computed in a second thread
 *      while the calling thread, which alone uses the connection, inserts
 *      them.
 *
 *      The run is a bulk load of the store into an empty book
 *      (awb_bulk_load_begin with AWB_BULK_LOAD_EMPTY_BOOK): the store tunes
 *      the connection for it and puts it back whatever happens (no syncing,
 *      no CHECK constraints, which hold by construction here, the rollback
 *      journal when alone; awb-bulk-load.c).  The tests run PRAGMA
 *      integrity_check and foreign_key_check over a generated book.
 *      Each client's name goes in with its keys (awb-name-keys.c), made
 *      here with one AwbNameKeys, whose cache of readings the few hundred
 *      characters of the vocabulary fill at once.
 *      The statements are INSERT OR ROLLBACK: a multi-row INSERT that may
 *      abort makes SQLite copy every page it touches into a statement
 *      journal first, which doubled the cost; since any failure rolls the
 *      whole run back anyway, a constraint failure may as well do so at
 *      once.
 *
 *  (5) Progress goes through the AwbProgressFunc at most 200 times; the
 *      GCancellable is looked at every 1,024 rows.
 */
#define G_LOG_DOMAIN "awb-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "awb-bulk-load.h"
#include "awb-codes.h"
#include "awb-date.h"
#include "awb-demo.h"
#include "awb-name-keys.h"
#include "awb-demo-client-private.h"

/* ---- The run ---------------------------------------------------------- */

typedef struct
{
  AwbDatabase          *db;
  const AwbDemoOptions *options;
  AwbDemoBranch         branch;
  gint64                manager_ids[AWB_DEMO_N_MANAGERS];
  AwbDemoPlan          *plans;
  AwbNameKeys          *keys;        /* the names' sort keys and readings */
  GByteArray           *name_key;    /* scratch for one client's */
  GString              *pinyin;      /* scratch for one client's */
  guint64               n_trades;
  guint64               n_interactions;

  /* progress and cancellation */
  AwbProgressFunc       progress;
  gpointer              user_data;
  GCancellable         *cancellable;
  guint64               work_total;
  guint64               work_done;
  guint64               work_next_check;
  int                   last_step;
} Generator;

#define PROGRESS_STEPS 200
#define CHECK_EVERY 1024

/* Counts @units of work done; every CHECK_EVERY units, reports progress
 * (when it moved by a step) and looks at the cancellable. */
static gboolean
advance (Generator  *gen,
         guint64     units,
         GError    **error)
{
  gen->work_done += units;
  if (gen->work_done < gen->work_next_check)
    return TRUE;
  gen->work_next_check = gen->work_done + CHECK_EVERY;

  if (g_cancellable_set_error_if_cancelled (gen->cancellable, error))
    return FALSE;

  if (gen->progress != NULL && gen->work_total > 0)
    {
      int step = (int) (gen->work_done * PROGRESS_STEPS / gen->work_total);

      if (step > gen->last_step && step < PROGRESS_STEPS)
        {
          gen->last_step = step;
          gen->progress ((double) step / PROGRESS_STEPS, gen->user_data);
        }
    }
  return TRUE;
}

/* ---- Multi-row inserts ------------------------------------------------ */

/* Rows go in by statements of ROWS_PER_INSERT rows (one parse, one cursor
 * set-up and one statement commit for all of them); the total is known in
 * advance, so the last total % ROWS_PER_INSERT rows use a statement of
 * their own size.  A caller gets the statement and the first parameter of
 * the next row from batch_row(), binds the row, and calls batch_next(). */
#define ROWS_PER_INSERT 128

typedef struct
{
  AwbDatabase  *db;
  sqlite3_stmt *full;
  sqlite3_stmt *tail;
  guint         columns;
  guint64       total;
  guint64       full_rows;   /* rows that go through @full */
  guint64       done;
  guint         in_statement;
} Batch;

static sqlite3_stmt *
prepare_insert (AwbDatabase  *db,
                const char   *table,
                const char   *columns,
                guint         n_columns,
                guint         n_rows,
                GError      **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  g_string_append_printf (sql, "INSERT OR ROLLBACK INTO %s (%s) VALUES ", table, columns);
  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append (sql, r == 0 ? "(" : ",(");
      for (guint c = 0; c < n_columns; c++)
        g_string_append (sql, c == 0 ? "?" : ",?");
      g_string_append_c (sql, ')');
    }
  return awb_database_prepare (db, sql->str, error);
}

static gboolean
batch_init (Batch        *batch,
            AwbDatabase  *db,
            const char   *table,
            const char   *columns,
            guint         n_columns,
            guint64       total,
            GError      **error)
{
  memset (batch, 0, sizeof *batch);
  batch->db = db;
  batch->columns = n_columns;
  batch->total = total;
  batch->full_rows = total - total % ROWS_PER_INSERT;
  if (batch->full_rows > 0)
    {
      batch->full = prepare_insert (db, table, columns, n_columns, ROWS_PER_INSERT, error);
      if (batch->full == NULL)
        return FALSE;
    }
  if (total % ROWS_PER_INSERT != 0)
    {
      batch->tail = prepare_insert (db, table, columns, n_columns,
                                    (guint) (total % ROWS_PER_INSERT), error);
      if (batch->tail == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
batch_clear (Batch *batch)
{
  g_clear_pointer (&batch->full, sqlite3_finalize);
  g_clear_pointer (&batch->tail, sqlite3_finalize);
}

/* The statement the next row binds to, and its slot in it (0-based); its
 * parameters start at slot * columns + 1. */
static inline sqlite3_stmt *
batch_row (Batch *batch,
           int   *first,
           guint *slot)
{
  g_assert (batch->done < batch->total);

  *first = (int) (batch->in_statement * batch->columns) + 1;
  if (slot != NULL)
    *slot = batch->in_statement;
  return batch->done < batch->full_rows ? batch->full : batch->tail;
}

/* Counts the row just bound; runs the statement when it is complete. */
static gboolean
batch_next (Batch   *batch,
            GError **error)
{
  sqlite3_stmt *stmt = batch->done < batch->full_rows ? batch->full : batch->tail;
  guint size = batch->done < batch->full_rows ? ROWS_PER_INSERT
                                              : (guint) (batch->total % ROWS_PER_INSERT);
  int rc;

  batch->done++;
  if (++batch->in_statement < size)
    return TRUE;

  batch->in_statement = 0;
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return awb_database_set_error (batch->db, rc, error);
  return TRUE;
}

/* ---- Pass 1: clients --------------------------------------------------- */

static const char client_columns[] =
  "id, client_no, name, gender, birth_date, phone, email, id_number,"
  " city, region, occupation, education, marital_status, children, youngest_child_age,"
  " employment, income_band, aum, share_of_wallet, opened_on, manager_id, channel,"
  " need_type, q_job, q_burden, q_housing, q_experience, q_knowledge, loss_tolerance_pct,"
  " q_priority, q_stoploss, q_if_loss, q_watching, q_results, assessed_on,"
  " lowest_category, loyalty_driver, referrals, competitor_account, cadence_days, notes,"
  " name_key, pinyin";

enum {
  COL_ID = 0, COL_CLIENT_NO, COL_NAME, COL_GENDER, COL_BIRTH, COL_PHONE, COL_EMAIL, COL_ID_NUMBER,
  COL_CITY, COL_REGION, COL_OCCUPATION, COL_EDUCATION, COL_MARITAL, COL_CHILDREN,
  COL_YOUNGEST, COL_EMPLOYMENT, COL_INCOME, COL_AUM, COL_SHARE, COL_OPENED, COL_MANAGER,
  COL_CHANNEL, COL_NEED, COL_Q_JOB, COL_Q_BURDEN, COL_Q_HOUSING, COL_Q_EXPERIENCE,
  COL_Q_KNOWLEDGE, COL_LOSS, COL_Q_PRIORITY, COL_Q_STOPLOSS, COL_Q_IF_LOSS, COL_Q_WATCHING,
  COL_Q_RESULTS, COL_ASSESSED, COL_LOWEST, COL_DRIVER, COL_REFERRALS, COL_COMPETITOR,
  COL_CADENCE, COL_NOTES, COL_NAME_KEY, COL_PINYIN, N_CLIENT_COLUMNS
};

static void
bind_code (sqlite3_stmt *stmt,
           int           col,
           AwbCodeKind   kind,
           int           value)
{
  sqlite3_bind_text (stmt, col, awb_code_to_string (kind, value), -1, SQLITE_STATIC);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           col,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, col, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, col);
}

/* Binds @client as the clients row @id, managed by manager row
 * @manager_id, to the parameters of @stmt from @first on. */
static void
bind_client (Generator           *gen,
             sqlite3_stmt        *stmt,
             int                  first,
             gint64               id,
             const AwbDemoClient *client,
             gint64               manager_id)
{
  sqlite3_bind_int64 (stmt, first + COL_ID, id);
  sqlite3_bind_text (stmt, first + COL_CLIENT_NO, client->client_no, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + COL_NAME, client->name, -1, SQLITE_STATIC);
  bind_code (stmt, first + COL_GENDER, AWB_KIND_GENDER, client->gender);
  sqlite3_bind_int (stmt, first + COL_BIRTH, client->birth_date);
  sqlite3_bind_text (stmt, first + COL_PHONE, client->phone, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, first + COL_EMAIL, client->email);
  sqlite3_bind_text (stmt, first + COL_ID_NUMBER, client->id_number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + COL_CITY, client->city->name, -1, SQLITE_STATIC);
  bind_code (stmt, first + COL_REGION, AWB_KIND_REGION, client->city->region);
  sqlite3_bind_text (stmt, first + COL_OCCUPATION, client->occupation, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + COL_EDUCATION, client->education, -1, SQLITE_STATIC);
  bind_code (stmt, first + COL_MARITAL, AWB_KIND_MARITAL, client->marital);
  sqlite3_bind_int (stmt, first + COL_CHILDREN, client->children);
  if (client->youngest_child_age >= 0)
    sqlite3_bind_int (stmt, first + COL_YOUNGEST, client->youngest_child_age);
  else
    sqlite3_bind_null (stmt, first + COL_YOUNGEST);
  bind_code (stmt, first + COL_EMPLOYMENT, AWB_KIND_EMPLOYMENT, client->employment);
  bind_code (stmt, first + COL_INCOME, AWB_KIND_INCOME_BAND, client->income);
  sqlite3_bind_int64 (stmt, first + COL_AUM, client->aum);
  sqlite3_bind_double (stmt, first + COL_SHARE, client->share_of_wallet);
  sqlite3_bind_int (stmt, first + COL_OPENED, client->opened_on);
  sqlite3_bind_int64 (stmt, first + COL_MANAGER, manager_id);
  bind_code (stmt, first + COL_CHANNEL, AWB_KIND_CHANNEL, client->channel);
  bind_code (stmt, first + COL_NEED, AWB_KIND_NEED_TYPE, client->need);
  sqlite3_bind_int (stmt, first + COL_Q_JOB, client->q_job);
  sqlite3_bind_int (stmt, first + COL_Q_BURDEN, client->q_burden);
  sqlite3_bind_int (stmt, first + COL_Q_HOUSING, client->q_housing);
  sqlite3_bind_int (stmt, first + COL_Q_EXPERIENCE, client->q_experience);
  sqlite3_bind_int (stmt, first + COL_Q_KNOWLEDGE, client->q_knowledge);
  sqlite3_bind_int (stmt, first + COL_LOSS, client->loss_tolerance_pct);
  sqlite3_bind_int (stmt, first + COL_Q_PRIORITY, client->q_priority);
  sqlite3_bind_int (stmt, first + COL_Q_STOPLOSS, client->q_stoploss);
  sqlite3_bind_int (stmt, first + COL_Q_IF_LOSS, client->q_if_loss);
  sqlite3_bind_int (stmt, first + COL_Q_WATCHING, client->q_watching);
  sqlite3_bind_int (stmt, first + COL_Q_RESULTS, client->q_results);
  sqlite3_bind_int (stmt, first + COL_ASSESSED, client->assessed_on);
  sqlite3_bind_int (stmt, first + COL_LOWEST, client->lowest_category ? 1 : 0);
  bind_code (stmt, first + COL_DRIVER, AWB_KIND_LOYALTY_DRIVER, client->loyalty_driver);
  sqlite3_bind_int (stmt, first + COL_REFERRALS, client->referrals);
  sqlite3_bind_int (stmt, first + COL_COMPETITOR, client->competitor_account ? 1 : 0);
  if (client->cadence_days > 0)
    sqlite3_bind_int (stmt, first + COL_CADENCE, client->cadence_days);
  else
    sqlite3_bind_null (stmt, first + COL_CADENCE);
  bind_text_or_null (stmt, first + COL_NOTES, client->notes);
  g_byte_array_set_size (gen->name_key, 0);
  awb_name_keys_sort_key (gen->keys, client->name, gen->name_key);
  sqlite3_bind_blob (stmt, first + COL_NAME_KEY, gen->name_key->data, (int) gen->name_key->len,
                     SQLITE_TRANSIENT);
  g_string_truncate (gen->pinyin, 0);
  awb_name_keys_pinyin (gen->keys, client->name, gen->pinyin);
  sqlite3_bind_text (stmt, first + COL_PINYIN, gen->pinyin->str, (int) gen->pinyin->len,
                     SQLITE_TRANSIENT);
}

/* Draws client @index, with its plan, and inserts it.  @clients holds the
 * rows of the statement until it is stepped, by slot.  Returns FALSE with
 * @error set if the insert fails. */
static gboolean
insert_client (Generator      *gen,
               guint           index,
               Batch          *batch,
               AwbDemoClient  *clients,
               GError        **error)
{
  AwbDemoPlan *plan = &gen->plans[index];
  AwbDemoClient *client;
  sqlite3_stmt *stmt;
  int first;
  guint slot;

  stmt = batch_row (batch, &first, &slot);
  client = &clients[slot];
  _awb_demo_client_profile (&gen->branch, index, client, plan);

  /* Inserted with the row id given: the table is empty, so 1..n. */
  plan->id = (gint64) index + 1;
  bind_client (gen, stmt, first, plan->id, client, gen->manager_ids[client->manager]);
  return batch_next (batch, error);
}

static gboolean
insert_managers (Generator  *gen,
                 GError    **error)
{
  for (guint i = 0; i < AWB_DEMO_N_MANAGERS; i++)
    {
      gen->manager_ids[i] = awb_database_ensure_manager (gen->db, _awb_demo_manager_name (i),
                                                         error);
      if (gen->manager_ids[i] == 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
pass_clients (Generator  *gen,
              GError    **error)
{
  g_autofree AwbDemoClient *clients = g_new (AwbDemoClient, ROWS_PER_INSERT);
  Batch batch;
  gboolean ok;

  if (!batch_init (&batch, gen->db, "clients", client_columns, N_CLIENT_COLUMNS,
                   gen->options->n_clients, error))
    {
      batch_clear (&batch);
      return FALSE;
    }
  ok = TRUE;
  for (guint i = 0; ok && i < gen->options->n_clients; i++)
    ok = insert_client (gen, i, &batch, clients, error) && advance (gen, 1, error);
  batch_clear (&batch);
  return ok;
}

/* Splits exactly @m trades among the clients.  Every client who is not a
 * prospect gets one, as in the natural count, when @m allows it; the rest
 * go in proportion to the clients' expected activity: client i gets
 * floor(r * W_i / W) - floor(r * W_i-1 / W), where W_i is the running sum
 * of the weights, so the counts add up and a prospect (weight 0) gets
 * none. */
static void
allocate_trades (Generator *gen,
                 guint64    m)
{
  guint n = gen->options->n_clients;
  guint n_traders = 0;
  double total = 0.0;
  double running = 0.0;
  guint64 previous = 0;
  guint64 rest;
  guint64 base;

  for (guint i = 0; i < n; i++)
    {
      total += gen->plans[i].weight;
      n_traders += gen->plans[i].weight > 0.0;
    }
  if (total <= 0.0)
    {
      /* Only prospects (a tiny book): the first client trades after all. */
      gen->plans[0].weight = 1.0;
      total = 1.0;
      n_traders = 1;
    }
  base = m >= n_traders ? 1 : 0;
  rest = m - base * n_traders;

  for (guint i = 0; i < n; i++)
    {
      guint64 target;

      running += gen->plans[i].weight;
      target = i == n - 1 ? rest : (guint64) floor ((double) rest * (running / total));
      target = CLAMP (target, previous, rest);
      gen->plans[i].n_trades = target - previous + (gen->plans[i].weight > 0.0 ? base : 0);
      previous = target;
    }
}

/* ---- Pass 2: trades ---------------------------------------------------- */

static const char trade_columns[] =
  "client_id, trade_date, commission, amount, product_risk, override_signed, side,"
  " product_code, trade_no";
#define N_TRADE_COLUMNS 9

/* Trade numbers: twelve digits, increasing, so the UNIQUE index on them is
 * appended to. */
static void
format_trade_no (char    buf[16],
                 guint64 no)
{
  for (int i = 11; i >= 0; i--)
    {
      buf[i] = (char) ('0' + no % 10);
      no /= 10;
    }
  buf[12] = '\0';
}

/* Pass 2 runs in two threads (note (4)): a producer computes the trades,
 * client by client, into chunks; the calling thread, which owns the
 * connection, numbers, binds and inserts them.  Chunks go round between
 * two queues, so at most N_CHUNKS are in flight.  The rows and their order
 * are the same as with one thread: only the producer draws numbers. */
#define CHUNK_ROWS 4096
#define N_CHUNKS 4

typedef struct
{
  guint         n_rows;
  gboolean      last;        /* the producer's final chunk */
  AwbDemoTrade  rows[CHUNK_ROWS];
} TradeChunk;

typedef struct
{
  Generator    *gen;
  GAsyncQueue  *full;    /* producer -> consumer */
  GAsyncQueue  *empty;   /* consumer -> producer */
  gint          stop;    /* set by the consumer when it gives up */
} TradeQueue;

/* Appends client @index's trades to *@chunk, handing full chunks on.
 * Returns FALSE if the consumer asked to stop. */
static gboolean
produce_client_trades (TradeQueue  *queue,
                       guint        index,
                       TradeChunk **chunk,
                       AwbDate    **dates,
                       gsize       *dates_size)
{
  const Generator *gen = queue->gen;
  AwbDemoTradeCursor cursor;

  _awb_demo_client_trades_start (&cursor, &gen->branch, index, &gen->plans[index],
                                 dates, dates_size);
  for (;;)
    {
      TradeChunk *current = *chunk;

      current->n_rows += _awb_demo_client_trades_fill (&cursor, current->rows + current->n_rows,
                                                       CHUNK_ROWS - current->n_rows);
      if (current->n_rows < CHUNK_ROWS)
        return TRUE;   /* the client has no more */

      if (g_atomic_int_get (&queue->stop))
        return FALSE;
      g_async_queue_push (queue->full, current);
      *chunk = g_async_queue_pop (queue->empty);
      (*chunk)->n_rows = 0;
      (*chunk)->last = FALSE;
    }
}

static gpointer
produce_trades (gpointer data)
{
  TradeQueue *queue = data;
  g_autofree AwbDate *dates = NULL;
  gsize dates_size = 0;
  TradeChunk *chunk = g_async_queue_pop (queue->empty);

  chunk->n_rows = 0;
  chunk->last = FALSE;
  for (guint i = 0; i < queue->gen->options->n_clients; i++)
    {
      if (!produce_client_trades (queue, i, &chunk, &dates, &dates_size))
        {
          chunk->n_rows = 0;
          break;
        }
    }
  chunk->last = TRUE;
  g_async_queue_push (queue->full, chunk);
  return NULL;
}

static gboolean
insert_trades (Generator         *gen,
               Batch             *batch,
               const TradeChunk  *chunk,
               char             (*trade_nos)[16],
               guint64           *next_no,
               GError           **error)
{
  for (guint k = 0; k < chunk->n_rows; k++)
    {
      const AwbDemoTrade *row = &chunk->rows[k];
      sqlite3_stmt *stmt;
      int first;
      guint slot;

      stmt = batch_row (batch, &first, &slot);
      format_trade_no (trade_nos[slot], (*next_no)++);
      sqlite3_bind_int64 (stmt, first + 0, row->client_id);
      sqlite3_bind_int (stmt, first + 1, row->date);
      sqlite3_bind_int64 (stmt, first + 2, row->commission);
      sqlite3_bind_int64 (stmt, first + 3, row->amount);
      sqlite3_bind_int (stmt, first + 4, row->risk);
      sqlite3_bind_int (stmt, first + 5, row->override);
      sqlite3_bind_text (stmt, first + 6, row->side, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, first + 7, row->product, 6, SQLITE_STATIC);
      sqlite3_bind_text (stmt, first + 8, trade_nos[slot], 12, SQLITE_STATIC);
      if (!batch_next (batch, error))
        return FALSE;
    }
  return advance (gen, chunk->n_rows, error);
}

static gboolean
pass_trades (Generator  *gen,
             GError    **error)
{
  char trade_nos[ROWS_PER_INSERT][16];
  guint64 next_no = 1;
  TradeQueue queue = { gen, NULL, NULL, 0 };
  GThread *producer;
  Batch batch;
  gboolean ok;

  if (!batch_init (&batch, gen->db, "trades", trade_columns, N_TRADE_COLUMNS,
                   gen->n_trades, error))
    {
      batch_clear (&batch);
      return FALSE;
    }

  queue.full = g_async_queue_new ();
  queue.empty = g_async_queue_new_full (g_free);
  for (guint i = 0; i < N_CHUNKS; i++)
    g_async_queue_push (queue.empty, g_new0 (TradeChunk, 1));
  producer = g_thread_new ("awb-demo-trades", produce_trades, &queue);

  ok = TRUE;
  for (;;)
    {
      TradeChunk *chunk = g_async_queue_pop (queue.full);
      gboolean last = chunk->last;

      if (ok && !insert_trades (gen, &batch, chunk, trade_nos, &next_no, error))
        {
          /* Tell the producer, and keep taking its chunks until its last. */
          ok = FALSE;
          g_atomic_int_set (&queue.stop, 1);
        }
      g_async_queue_push (queue.empty, chunk);
      if (last)
        break;
    }
  g_thread_join (producer);

  g_async_queue_unref (queue.full);
  g_async_queue_unref (queue.empty);
  batch_clear (&batch);
  return ok;
}

/* ---- Pass 3: interactions ---------------------------------------------- */

/* Draws client @index's interactions and inserts them. */
static gboolean
insert_interactions (Generator           *gen,
                     guint                index,
                     Batch               *batch,
                     AwbDemoInteraction  *rows,
                     GError             **error)
{
  const AwbDemoPlan *plan = &gen->plans[index];
  guint n = _awb_demo_client_interactions (&gen->branch, index, plan, rows);

  if (n == 0)
    return TRUE;

  for (guint k = 0; k < n; k++)
    {
      const AwbDemoInteraction *row = &rows[k];
      sqlite3_stmt *stmt;
      int first;

      stmt = batch_row (batch, &first, NULL);
      sqlite3_bind_int64 (stmt, first, plan->id);
      sqlite3_bind_int (stmt, first + 1, row->date);
      sqlite3_bind_text (stmt, first + 2, awb_code_to_string (AWB_KIND_INTERACTION, row->kind),
                         -1, SQLITE_STATIC);
      if (row->satisfaction > 0)
        sqlite3_bind_int (stmt, first + 3, row->satisfaction);
      else
        sqlite3_bind_null (stmt, first + 3);
      bind_text_or_null (stmt, first + 4, row->notes);
      if (row->follow_up != AWB_DATE_NONE)
        sqlite3_bind_int (stmt, first + 5, row->follow_up);
      else
        sqlite3_bind_null (stmt, first + 5);
      sqlite3_bind_int (stmt, first + 6, row->done ? 1 : 0);

      if (!batch_next (batch, error))
        return FALSE;
    }
  return advance (gen, n, error);
}

static gboolean
pass_interactions (Generator  *gen,
                   GError    **error)
{
  AwbDemoInteraction rows[AWB_DEMO_MAX_INTERACTIONS];
  Batch batch;
  gboolean ok;

  if (!batch_init (&batch, gen->db, "interactions",
                   "client_id, date, kind, satisfaction, notes, follow_up_on, done", 7,
                   gen->n_interactions, error))
    {
      batch_clear (&batch);
      return FALSE;
    }
  ok = TRUE;
  for (guint i = 0; ok && i < gen->options->n_clients; i++)
    ok = insert_interactions (gen, i, &batch, rows, error);
  batch_clear (&batch);
  return ok;
}

/* ---- Driver ------------------------------------------------------------ */

static gboolean
book_is_empty (AwbDatabase  *db,
               GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = awb_database_prepare (db, "SELECT EXISTS (SELECT 1 FROM clients)", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return awb_database_set_error (db, rc, error);
  if (sqlite3_column_int (stmt, 0) != 0)
    {
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_INVALID,
                   _("The book “%s” already holds clients; a demo branch can only be "
                     "generated into an empty book. Choose a new file."),
                   awb_database_get_path (db));
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_too_many_trades (guint64   n_trades,
                     GError  **error)
{
  /* gettext cannot see through G_GUINT64_FORMAT: numbers go in as text. */
  g_autofree char *asked = g_strdup_printf ("%" G_GUINT64_FORMAT, n_trades);
  g_autofree char *limit = g_strdup_printf ("%" G_GUINT64_FORMAT, AWB_DEMO_MAX_TRADES);

  g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_INVALID,
               _("Cannot generate %s trades: a demo branch has at most %s"), asked, limit);
  return FALSE;
}

static gboolean
check_options (const AwbDemoOptions  *options,
               GError               **error)
{
  if (options->n_clients == 0 || options->n_clients > AWB_DEMO_MAX_CLIENTS)
    {
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_INVALID,
                   _("Cannot generate %u clients: a demo branch has 1 to %u clients"),
                   options->n_clients, AWB_DEMO_MAX_CLIENTS);
      return FALSE;
    }
  if (options->n_trades > AWB_DEMO_MAX_TRADES)
    {
      return set_too_many_trades (options->n_trades, error);
    }
  if (options->end_date != AWB_DATE_NONE)
    {
      int year;

      awb_date_to_ymd (options->end_date, &year, NULL, NULL);
      if (year < 1950 || year > 9000)
        {
          g_autofree char *text = awb_date_format (options->end_date);

          g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_INVALID,
                       _("Cannot generate a demo branch ending on %s: the end date must "
                         "fall between 1950 and 9000"), text);
          return FALSE;
        }
    }
  return TRUE;
}

/* G_MESSAGES_DEBUG=awb-demo shows where the time goes. */
static void
log_phase (const char *phase,
           gint64      started)
{
  g_debug ("%s done after %.2f s, %.2f s of processor time in all",
           phase, (g_get_monotonic_time () - started) / 1e6, (double) clock () / CLOCKS_PER_SEC);
}

static gboolean
generate_in_transaction (Generator  *gen,
                         GError    **error)
{
  gint64 started = g_get_monotonic_time ();

  if (!book_is_empty (gen->db, error) ||
      !insert_managers (gen, error) ||
      !pass_clients (gen, error))
    return FALSE;
  log_phase ("clients", started);

  if (gen->options->n_trades > 0)
    allocate_trades (gen, gen->options->n_trades);
  gen->n_trades = 0;
  gen->n_interactions = 0;
  for (guint i = 0; i < gen->options->n_clients; i++)
    {
      gen->n_trades += gen->plans[i].n_trades;
      gen->n_interactions += gen->plans[i].n_interactions;
    }
  if (gen->n_trades > AWB_DEMO_MAX_TRADES)
    {
      return set_too_many_trades (gen->n_trades, error);
    }
  /* Now that the sizes are known, the clients were this share of the work. */
  gen->work_total = gen->options->n_clients + gen->n_trades + gen->n_interactions;

  if (!pass_trades (gen, error))
    return FALSE;
  log_phase ("trades", started);
  if (!pass_interactions (gen, error))
    return FALSE;
  /* A cancellation that came after the last check still wins. */
  if (g_cancellable_set_error_if_cancelled (gen->cancellable, error))
    return FALSE;
  log_phase ("interactions", started);
  return TRUE;
}

void
awb_demo_options_init (AwbDemoOptions *options)
{
  g_return_if_fail (options != NULL);

  options->n_clients = 5000;
  options->n_trades = 0;
  options->seed = 1;
  options->end_date = AWB_DATE_NONE;
}

/**
 * awb_demo_generate_full:
 * @db: a book that holds no clients
 * @options: sizes, seed and end date
 * @summary: (out) (optional): what was written, set on success only
 * @progress: (nullable): called with the fraction done, at most 200 times
 * @cancellable: (nullable): cancels the generation; the book is left empty
 *
 * Writes a demo branch into @db in one transaction.  The same options give
 * the same book (see the notes at the top of this file).
 *
 * Returns: %TRUE on success; %FALSE with @error set (the book unchanged)
 * if the options are out of range (AWB_DATABASE_ERROR_INVALID), the book
 * already holds clients (AWB_DATABASE_ERROR_INVALID), the work was
 * cancelled (G_IO_ERROR_CANCELLED) or the book could not be written.
 */
gboolean
awb_demo_generate_full (AwbDatabase           *db,
                        const AwbDemoOptions  *options,
                        AwbDemoSummary        *summary,
                        AwbProgressFunc        progress,
                        gpointer               user_data,
                        GCancellable          *cancellable,
                        GError               **error)
{
  g_autofree AwbDemoPlan *plans = NULL;
  Generator gen = { 0 };
  AwbBulkLoad *load;
  gboolean ok;

  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_options (options, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  gen.db = db;
  gen.options = options;
  gen.branch.seed = options->seed;
  gen.branch.n_clients = options->n_clients;
  gen.branch.end = options->end_date != AWB_DATE_NONE ? options->end_date : awb_date_today ();
  gen.branch.window_start = awb_date_add_months (gen.branch.end, -36) + 1;
  gen.progress = progress;
  gen.user_data = user_data;
  gen.cancellable = cancellable;
  /* Until pass 1 has counted the rows, estimate 30 trades and 4
   * interactions per client. */
  gen.work_total = (guint64) options->n_clients * 35;
  gen.work_next_check = CHECK_EVERY;
  gen.last_step = 0;

  plans = g_try_new0 (AwbDemoPlan, options->n_clients);
  if (plans == NULL)
    {
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_FAILED,
                   _("Not enough memory to plan %u clients"), options->n_clients);
      return FALSE;
    }
  gen.plans = plans;

  gen.keys = awb_name_keys_new (error);
  if (gen.keys == NULL)
    return FALSE;
  gen.name_key = g_byte_array_new ();
  gen.pinyin = g_string_new (NULL);
  _awb_demo_products_build (gen.branch.products);
  _awb_demo_size_table_build (gen.branch.sizes);

  /* (4) */
  load = awb_bulk_load_begin (db, AWB_BULK_LOAD_EMPTY_BOOK, error);
  ok = load != NULL;
  if (ok)
    {
      ok = generate_in_transaction (&gen, error);
      if (ok)
        {
          gint64 started = g_get_monotonic_time ();

          ok = awb_bulk_load_commit (load, error);   /* rolls back itself on failure */
          log_phase ("commit", started);
        }
      else
        awb_bulk_load_rollback (load);
    }

  _awb_demo_products_clear (gen.branch.products);
  g_clear_pointer (&gen.keys, awb_name_keys_free);
  g_byte_array_unref (gen.name_key);
  g_string_free (gen.pinyin, TRUE);

  if (!ok)
    return FALSE;

  if (progress != NULL)
    progress (1.0, user_data);
  if (summary != NULL)
    {
      summary->n_managers = AWB_DEMO_N_MANAGERS;
      summary->n_clients = options->n_clients;
      summary->n_trades = gen.n_trades;
      summary->n_interactions = gen.n_interactions;
      summary->end_date = gen.branch.end;
    }
  return TRUE;
}

gboolean
awb_demo_generate (AwbDatabase           *db,
                   const AwbDemoOptions  *options,
                   AwbProgressFunc        progress,
                   gpointer               user_data,
                   GCancellable          *cancellable,
                   GError               **error)
{
  return awb_demo_generate_full (db, options, NULL, progress, user_data, cancellable, error);
}
