/* test-demo.c: the demo branch generator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Determinism (same options, same rows; another seed, other rows), exact
 * sizes, the all-or-nothing contract (refusal of a book with clients,
 * cancellation) and the structure a realistic branch must show.  The
 * thresholds of the structure tests are the generator's design figures
 * (awb-demo.c, note (2)) with a wide margin, on a 2,000-client book:
 * they hold for any seed and would fail if the design were lost.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "awb-date.h"
#include "awb-demo.h"
#include "book-fixture.h"

#define END_Y 2026
#define END_M 11
#define END_D 23

/* A 2,000-client book with the natural trade count, shared by the
 * read-only structure tests. */
static AwbDatabase *shared_book;
static AwbDemoSummary shared_summary;

typedef struct
{
  char        *dir;
  AwbDatabase *db;
} Fixture;

static char *tmp_root;
static guint book_counter;

static AwbDatabase *
open_new_book (void)
{
  g_autofree char *name = g_strdup_printf ("book-%u.sqlite", book_counter++);
  g_autofree char *path = g_build_filename (tmp_root, name, NULL);
  g_autoptr(GError) error = NULL;
  AwbDatabase *db = awb_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

static void
options_for (AwbDemoOptions *options,
             guint           n_clients,
             guint64         n_trades,
             guint64         seed)
{
  awb_demo_options_init (options);
  options->n_clients = n_clients;
  options->n_trades = n_trades;
  options->seed = seed;
  options->end_date = awb_date_from_ymd (END_Y, END_M, END_D);
}

static AwbDatabase *
generate_book (guint           n_clients,
               guint64         n_trades,
               guint64         seed,
               AwbDemoSummary *summary)
{
  AwbDatabase *db = open_new_book ();
  g_autoptr(GError) error = NULL;
  AwbDemoOptions options;

  options_for (&options, n_clients, n_trades, seed);
  g_assert_true (awb_demo_generate_full (db, &options, summary, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return db;
}

/* SHA-256 of every row of @sql, column by column, with the type of each
 * value, so NULL, 0 and '' differ. */
static char *
hash_rows (AwbDatabase *db,
           const char  *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db, sql, &error);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  int rc;

  g_assert_no_error (error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          char type = (char) ('0' + sqlite3_column_type (stmt, c));
          const guchar *text = sqlite3_column_text (stmt, c);

          g_checksum_update (sum, (const guchar *) &type, 1);
          if (text != NULL)
            g_checksum_update (sum, text, sqlite3_column_bytes (stmt, c));
          g_checksum_update (sum, (const guchar *) "\x1f", 1);
        }
      g_checksum_update (sum, (const guchar *) "\x1e", 1);
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  return g_strdup (g_checksum_get_string (sum));
}

static const char *const tables[] = { "managers", "clients", "trades", "interactions" };

/* One hash per table, every row in id order. */
static char *
hash_book (AwbDatabase *db)
{
  g_autoptr(GString) all = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY id", tables[i]);
      g_autofree char *hash = hash_rows (db, sql);

      g_string_append_printf (all, "%s=%s\n", tables[i], hash);
    }
  return g_string_free (g_steal_pointer (&all), FALSE);
}

/* ---- Determinism ------------------------------------------------------- */

static void
test_same_seed_same_book (void)
{
  struct { guint n_clients; guint64 n_trades; } cases[] = {
    { 300, 0 },        /* the natural count */
    { 300, 4321 },     /* an exact count */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AwbDatabase) a = generate_book (cases[i].n_clients, cases[i].n_trades, 7, NULL);
      g_autoptr(AwbDatabase) b = generate_book (cases[i].n_clients, cases[i].n_trades, 7, NULL);
      g_autofree char *hash_a = hash_book (a);
      g_autofree char *hash_b = hash_book (b);

      g_assert_cmpstr (hash_a, ==, hash_b);
    }
}

static void
test_different_seed_different_book (void)
{
  g_autoptr(AwbDatabase) a = generate_book (300, 4321, 7, NULL);
  g_autoptr(AwbDatabase) b = generate_book (300, 4321, 8, NULL);

  /* Table by table: the managers are the same eight, the rest differs. */
  for (guint i = 1; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY id", tables[i]);
      g_autofree char *hash_a = hash_rows (a, sql);
      g_autofree char *hash_b = hash_rows (b, sql);

      g_assert_cmpstr (hash_a, !=, hash_b);
    }
}

/* A client's profile comes from its own stream: the first 50 clients of a
 * 50-client and of a 120-client book are the same people. */
static void
test_client_independent_of_size (void)
{
  g_autoptr(AwbDatabase) a = generate_book (50, 0, 3, NULL);
  g_autoptr(AwbDatabase) b = generate_book (120, 0, 3, NULL);
  const char *sql = "SELECT name, gender, birth_date, id_number, city, aum, opened_on, "
                    "q_job, q_results, assessed_on FROM clients WHERE id <= 50 ORDER BY id";
  g_autofree char *hash_a = hash_rows (a, sql);
  g_autofree char *hash_b = hash_rows (b, sql);

  g_assert_cmpstr (hash_a, ==, hash_b);
}

/* ---- Sizes ------------------------------------------------------------- */

static void
test_exact_sizes (void)
{
  struct { guint n_clients; guint64 n_trades; } cases[] = {
    { 500, 12345 },
    { 40, 1 },
    { 1, 10 },         /* the only client may be a prospect: it trades anyway */
    { 33, 0 },         /* natural count: checked against the summary */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AwbDemoSummary summary;
      g_autoptr(AwbDatabase) db = generate_book (cases[i].n_clients, cases[i].n_trades, 11,
                                                 &summary);

      g_assert_cmpint (book_query_int (db, "SELECT count(*) FROM clients"), ==, cases[i].n_clients);
      g_assert_cmpint (book_query_int (db, "SELECT count(*) FROM managers"), ==, 8);
      g_assert_cmpuint (summary.n_clients, ==, cases[i].n_clients);
      g_assert_cmpuint (summary.n_managers, ==, 8);
      if (cases[i].n_trades > 0)
        g_assert_cmpuint (summary.n_trades, ==, cases[i].n_trades);
      g_assert_cmpint (book_query_int (db, "SELECT count(*) FROM trades"), ==, summary.n_trades);
      g_assert_cmpint (book_query_int (db, "SELECT count(*) FROM interactions"), ==,
                       summary.n_interactions);
      g_assert_cmpint (summary.end_date, ==, awb_date_from_ymd (END_Y, END_M, END_D));
    }
}

/* About 30 trades per client when no count is given (design: 3.8 trades a
 * year at the median, log-normal sigma 1.6, over up to three years). */
static void
test_natural_count (void)
{
  double per_client = (double) shared_summary.n_trades / shared_summary.n_clients;

  g_assert_cmpfloat (per_client, >=, 20.0);
  g_assert_cmpfloat (per_client, <=, 40.0);
}

static void
test_invalid_options (void)
{
  g_autoptr(AwbDatabase) db = open_new_book ();
  g_autoptr(GError) error = NULL;
  AwbDemoOptions options;

  options_for (&options, 0, 0, 1);
  g_assert_false (awb_demo_generate (db, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  options_for (&options, 10, AWB_DEMO_MAX_TRADES + 1, 1);
  g_assert_false (awb_demo_generate (db, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_INVALID);

  g_assert_cmpint (book_query_int (db, "SELECT count(*) FROM managers"), ==, 0);
}

/* ---- All or nothing ---------------------------------------------------- */

static void
test_refuses_book_with_clients (void)
{
  g_autoptr(AwbDatabase) db = generate_book (50, 200, 5, NULL);
  g_autofree char *before = hash_book (db);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  AwbDemoOptions options;

  options_for (&options, 50, 200, 6);
  g_assert_false (awb_demo_generate (db, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, awb_database_get_path (db)));

  after = hash_book (db);
  g_assert_cmpstr (before, ==, after);
}

typedef struct
{
  GCancellable *cancellable;
  double        cancel_at;
  guint         calls;
  double        last;
  gboolean      monotonic;
} ProgressLog;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  ProgressLog *log = user_data;

  log->calls++;
  if (fraction < log->last || fraction < 0.0 || fraction > 1.0)
    log->monotonic = FALSE;
  log->last = fraction;
  if (log->cancellable != NULL && fraction >= log->cancel_at)
    g_cancellable_cancel (log->cancellable);
}

static void
assert_book_empty (AwbDatabase *db)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);

      g_assert_cmpint (book_query_int (db, sql), ==, 0);
    }
}

/* The connection is left as it was found (note (4) of awb-demo.c):
 * awb_database_open sets WAL, synchronous NORMAL (1), foreign keys on. */
static void
assert_pragmas_restored (AwbDatabase *db)
{
  g_autofree char *mode = book_query_text (db, "PRAGMA journal_mode");

  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (book_query_int (db, "PRAGMA synchronous"), ==, 1);
  g_assert_cmpint (book_query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (book_query_int (db, "PRAGMA ignore_check_constraints"), ==, 0);
  g_assert_cmpint (book_query_int (db, "PRAGMA cache_size"), ==, -2000);   /* SQLite's default */
}

static void
test_cancel_leaves_book_empty (void)
{
  double cancel_points[] = { 0.0, 0.01, 0.5, 0.9 };

  for (guint i = 0; i < G_N_ELEMENTS (cancel_points); i++)
    {
      g_autoptr(AwbDatabase) db = open_new_book ();
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;
      ProgressLog log = { cancellable, cancel_points[i], 0, 0.0, TRUE };
      AwbDemoOptions options;

      if (cancel_points[i] == 0.0)
        g_cancellable_cancel (cancellable);
      options_for (&options, 3000, 60000, 1);
      g_assert_false (awb_demo_generate (db, &options, on_progress, &log, cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      assert_book_empty (db);
      assert_pragmas_restored (db);
    }
}

/* With a second connection open the book cannot leave WAL mode: the
 * generation still works, at once (no busy wait), and gives the same rows. */
static void
test_second_connection (void)
{
  g_autoptr(AwbDatabase) db = open_new_book ();
  g_autoptr(AwbDatabase) other = awb_database_open (awb_database_get_path (db), NULL);
  g_autoptr(AwbDatabase) alone = generate_book (300, 4321, 7, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *hash_shared = NULL;
  g_autofree char *hash_alone = NULL;
  AwbDemoOptions options;
  gint64 started;

  g_assert_nonnull (other);
  g_assert_cmpint (book_query_int (other, "SELECT count(*) FROM clients"), ==, 0);

  options_for (&options, 300, 4321, 7);
  started = g_get_monotonic_time ();
  g_assert_true (awb_demo_generate (db, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 4 * G_USEC_PER_SEC);

  hash_shared = hash_book (db);
  hash_alone = hash_book (alone);
  g_assert_cmpstr (hash_shared, ==, hash_alone);
  g_assert_cmpint (book_query_int (other, "SELECT count(*) FROM clients"), ==, 300);
  assert_pragmas_restored (db);
  g_assert_cmpint (book_query_int (db, "PRAGMA busy_timeout"), ==, 5000);
}

static void
test_progress (void)
{
  g_autoptr(AwbDatabase) db = open_new_book ();
  g_autoptr(GError) error = NULL;
  ProgressLog log = { NULL, 0, 0, 0.0, TRUE };
  AwbDemoOptions options;

  options_for (&options, 2000, 100000, 2);
  g_assert_true (awb_demo_generate (db, &options, on_progress, &log, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (log.monotonic);
  g_assert_cmpuint (log.calls, >=, 10);
  g_assert_cmpuint (log.calls, <=, 201);
  g_assert_cmpfloat (log.last, ==, 1.0);
}

/* Constraints were not checked while writing (note (4)); integrity_check
 * checks every CHECK and NOT NULL constraint now. */
static void
test_integrity (void)
{
  g_autofree char *result = book_query_text (shared_book, "PRAGMA integrity_check");

  g_assert_cmpstr (result, ==, "ok");
  g_assert_cmpint (book_query_int (shared_book, "SELECT count(*) FROM pragma_foreign_key_check"),
                   ==, 0);
  assert_pragmas_restored (shared_book);
}

/* ---- Structure --------------------------------------------------------- */

static void
test_eight_managers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 smallest = G_MAXINT64, largest = 0;
  guint n = 0;

  g_assert_cmpint (book_query_int (shared_book, "SELECT count(*) FROM managers"), ==, 8);
  g_assert_cmpint (book_query_int (shared_book, "SELECT count(*) FROM managers "
                                                "WHERE length(name) < 2"), ==, 0); /* 2+ hanzi */

  stmt = awb_database_prepare (shared_book,
                               "SELECT count(c.id) FROM managers m "
                               "LEFT JOIN clients c ON c.manager_id = m.id GROUP BY m.id",
                               &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 count = sqlite3_column_int64 (stmt, 0);

      smallest = MIN (smallest, count);
      largest = MAX (largest, count);
      n++;
    }
  g_assert_cmpuint (n, ==, 8);
  /* Uneven books: the design shares are 25 % down to 4 %. */
  g_assert_cmpint (smallest, >, 0);
  g_assert_cmpint (largest, >=, 3 * smallest);
}

/* 8 % prospects by design (binomial standard deviation on 2,000 clients:
 * 0.6 %); everyone else has traded at least once. */
static void
test_some_never_trade (void)
{
  gint64 never = book_query_int (shared_book, "SELECT count(*) FROM clients WHERE id NOT IN "
                                              "(SELECT client_id FROM trades)");
  gint64 n = book_query_int (shared_book, "SELECT count(*) FROM clients");

  g_assert_cmpint (never * 100, >=, 5 * n);
  g_assert_cmpint (never * 100, <=, 12 * n);
}

/* The same with an exact count (the benchmarks' 20 trades per client):
 * everyone who is not a prospect still trades. */
static void
test_some_never_trade_exact (void)
{
  g_autoptr(AwbDatabase) db = generate_book (2000, 40000, 42, NULL);
  gint64 never = book_query_int (db, "SELECT count(*) FROM clients WHERE id NOT IN "
                                     "(SELECT client_id FROM trades)");
  gint64 natural_never = book_query_int (shared_book,
                                         "SELECT count(*) FROM clients WHERE id NOT IN "
                                         "(SELECT client_id FROM trades)");

  /* Same seed, same prospects. */
  g_assert_cmpint (never, ==, natural_never);
}

/* Heavy-tailed activity: the most active tenth of the clients (prospects
 * included) make more than half of all trades (design: about 65 %). */
static void
test_activity_heavy_tail (void)
{
  gint64 n = book_query_int (shared_book, "SELECT count(*) FROM clients");
  gint64 total = book_query_int (shared_book, "SELECT count(*) FROM trades");
  g_autofree char *sql = g_strdup_printf ("SELECT sum(k) FROM (SELECT count(*) AS k FROM trades "
                                          "GROUP BY client_id ORDER BY k DESC LIMIT %"
                                          G_GINT64_FORMAT ")", n / 10);
  gint64 top = book_query_int (shared_book, sql);

  g_assert_cmpint (2 * top, >, total);
  /* And a few very active ones, at most 300 a year (the design's cap):
   * from 100 trades a year to 900 in three years plus noise. */
  g_assert_cmpint (book_query_int (shared_book,
                                   "SELECT max(k) FROM (SELECT count(*) AS k FROM trades "
                                   "GROUP BY client_id)"), >=, 300);
  g_assert_cmpint (book_query_int (shared_book,
                                   "SELECT max(k) FROM (SELECT count(*) AS k FROM trades "
                                   "GROUP BY client_id)"), <=, 1000);
}

/* Log-normal AUM, median 200,000 CNY, sigma 1.5: mean about 3 times the
 * median; some zero; a few over 10 million. */
static void
test_aum_heavy_tail (void)
{
  gint64 n = book_query_int (shared_book, "SELECT count(*) FROM clients");
  g_autofree char *median_sql = g_strdup_printf ("SELECT aum FROM clients ORDER BY aum "
                                                 "LIMIT 1 OFFSET %" G_GINT64_FORMAT, n / 2);
  double median = book_query_int (shared_book, median_sql) / 100.0;
  double mean = book_query_double (shared_book, "SELECT avg(aum) FROM clients") / 100.0;

  g_assert_cmpfloat (median, >=, 100000.0);
  g_assert_cmpfloat (median, <=, 400000.0);
  g_assert_cmpfloat (mean, >=, 2.0 * median);
  g_assert_cmpint (book_query_int (shared_book,
                                   "SELECT count(*) FROM clients WHERE aum = 0"), >, 0);
  g_assert_cmpint (book_query_int (shared_book, "SELECT count(*) FROM clients "
                                                "WHERE aum > 1000000000"), >, 0);  /* 10M CNY */
}

/* Three years ending 2026-11-23: from 2023-11-24 (worked by hand: the day
 * after 2023-11-23) to 2026-11-23, and never before the account opened. */
static void
test_trade_dates (void)
{
  AwbDate first = awb_date_from_ymd (2023, 11, 24);
  AwbDate last = awb_date_from_ymd (2026, 11, 23);
  g_autofree char *trades_sql = g_strdup_printf (
    "SELECT count(*) FROM trades t JOIN clients c ON c.id = t.client_id "
    "WHERE t.trade_date < %d OR t.trade_date > %d OR t.trade_date < c.opened_on", first, last);
  g_autofree char *interactions_sql = g_strdup_printf (
    "SELECT count(*) FROM interactions i JOIN clients c ON c.id = i.client_id "
    "WHERE i.date < %d OR i.date > %d OR i.date < c.opened_on", first, last);
  g_autofree char *span_sql = g_strdup_printf (
    "SELECT max(trade_date) - min(trade_date) FROM trades");

  g_assert_cmpint (book_query_int (shared_book, trades_sql), ==, 0);
  g_assert_cmpint (book_query_int (shared_book, interactions_sql), ==, 0);
  /* The history does span the three years. */
  g_assert_cmpint (book_query_int (shared_book, span_sql), >=, 3 * 365 - 30);
  /* Trades in date order within each client (note (4)). */
  g_assert_cmpint (book_query_int (shared_book,
                                   "SELECT count(*) FROM trades a JOIN trades b ON b.id = a.id + 1 "
                                   "WHERE a.client_id = b.client_id "
                                   "AND b.trade_date < a.trade_date"),
                   ==, 0);
}

static void
test_questionnaire_complete (void)
{
  AwbDate end = awb_date_from_ymd (END_Y, END_M, END_D);
  AwbDate expired_before = awb_date_from_ymd (2024, 11, 23);  /* end - 24 months */
  g_autofree char *expired_sql = g_strdup_printf (
    "SELECT count(*) FROM clients WHERE assessed_on < %d", expired_before);
  g_autofree char *range_sql = g_strdup_printf (
    "SELECT count(*) FROM clients WHERE assessed_on > %d OR assessed_on < opened_on", end);
  gint64 n = book_query_int (shared_book, "SELECT count(*) FROM clients");
  gint64 expired;

  g_assert_cmpint (book_query_int (shared_book,
                                   "SELECT count(*) FROM clients WHERE q_job IS NULL OR q_burden "
                                   "IS NULL OR q_housing IS NULL OR q_experience IS NULL OR "
                                   "q_knowledge IS NULL OR loss_tolerance_pct IS NULL OR "
                                   "q_priority IS NULL OR q_stoploss IS NULL OR q_if_loss IS NULL "
                                   "OR q_watching IS NULL OR q_results IS NULL OR assessed_on IS "
                                   "NULL OR birth_date IS NULL"), ==, 0);
  g_assert_cmpint (book_query_int (shared_book, range_sql), ==, 0);
  /* Assessed within three years, uniformly: about a third expired. */
  expired = book_query_int (shared_book, expired_sql);
  g_assert_cmpint (expired * 10, >=, n);
  g_assert_cmpint (expired * 10, <=, 6 * n);
  /* Every answer of every question is used somewhere. */
  g_assert_cmpint (book_query_int (shared_book, "SELECT count(DISTINCT q_experience) FROM clients"),
                   ==, 5);
  g_assert_cmpint (book_query_int (shared_book, "SELECT count(DISTINCT q_priority) FROM clients"),
                   ==, 5);
  g_assert_cmpint (book_query_int (shared_book, "SELECT count(*) FROM clients "
                                                "WHERE lowest_category = 1"), >, 0);
}

/* GB 11643: weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, sum mod 11 into
 * "10X98765432". */
static char
check_digit (const char *id)
{
  static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  int sum = 0;

  for (int i = 0; i < 17; i++)
    sum += (id[i] - '0') * weights[i];
  return "10X98765432"[sum % 11];
}

static void
test_people (void)
{
  AwbDate end = awb_date_from_ymd (END_Y, END_M, END_D);
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GRegex) phone = g_regex_new ("^1[3-9][0-9]{9}$", 0, 0, NULL);
  guint n = 0, urban = 0, rural = 0, with_email = 0, young = 0, middle = 0, old = 0;

  /* The checker itself, on the standard's example: the sum of the
   * weighted digits of 11010519491231002 is 167, 167 mod 11 = 2 -> 'X'. */
  g_assert_cmpint (check_digit ("11010519491231002X"), ==, 'X');

  stmt = awb_database_prepare (shared_book,
                               "SELECT birth_date, gender, id_number, phone, email, region, "
                               "marital_status, children, youngest_child_age, employment, "
                               "name FROM clients", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      AwbDate birth = sqlite3_column_int (stmt, 0);
      const char *gender = (const char *) sqlite3_column_text (stmt, 1);
      const char *id = (const char *) sqlite3_column_text (stmt, 2);
      const char *tel = (const char *) sqlite3_column_text (stmt, 3);
      const char *region = (const char *) sqlite3_column_text (stmt, 5);
      const char *employment = (const char *) sqlite3_column_text (stmt, 9);
      const char *name = (const char *) sqlite3_column_text (stmt, 10);
      int age = awb_date_age (birth, end);
      char birth_text[11], id_birth[9];
      int y, m, d;

      n++;
      g_assert_cmpint (age, >=, 20);
      g_assert_cmpint (age, <=, 85);
      young += age < 30;
      middle += age >= 30 && age < 60;
      old += age >= 60;

      /* 18 characters: region, birth date, sequence (odd for men), check. */
      g_assert_cmpint (strlen (id), ==, 18);
      g_assert_cmpint (id[17], ==, check_digit (id));
      awb_date_to_ymd (birth, &y, &m, &d);
      g_snprintf (birth_text, sizeof birth_text, "%04d%02d%02d", y, m, d);
      memcpy (id_birth, id + 6, 8);
      id_birth[8] = '\0';
      g_assert_cmpstr (id_birth, ==, birth_text);
      g_assert_cmpint ((id[16] - '0') % 2, ==, strcmp (gender, "M") == 0 ? 1 : 0);

      g_assert_true (g_regex_match (phone, tel, 0, NULL));
      with_email += sqlite3_column_type (stmt, 4) != SQLITE_NULL;
      urban += strcmp (region, "urban") == 0;
      rural += strcmp (region, "rural") == 0;

      /* Names: a surname and one or two given characters, 2 to 4 hanzi. */
      g_assert_true (g_utf8_validate (name, -1, NULL));
      g_assert_cmpint (g_utf8_strlen (name, -1), >=, 2);
      g_assert_cmpint (g_utf8_strlen (name, -1), <=, 4);
      g_assert_cmpint (g_utf8_get_char (name), >=, 0x4E00);

      /* Family consistent with the age. */
      if (sqlite3_column_int (stmt, 7) == 0)
        g_assert_cmpint (sqlite3_column_type (stmt, 8), ==, SQLITE_NULL);
      else
        {
          g_assert_cmpint (sqlite3_column_type (stmt, 8), ==, SQLITE_INTEGER);
          g_assert_cmpint (sqlite3_column_int (stmt, 8), <=, age - 18);
        }
      if (strcmp (employment, "retired") == 0)
        g_assert_cmpint (age, >=, 50);
    }

  g_assert_cmpuint (n, ==, 2000);
  g_assert_cmpuint (urban + rural, ==, n);
  /* Design: 22.7 % rural. */
  g_assert_cmpuint (rural * 10, >=, n);
  g_assert_cmpuint (rural * 10, <=, 4 * n);
  /* Design: 12 % in their 20s, 67 % 30-59, 21 % 60 or older. */
  g_assert_cmpuint (middle * 2, >, n);
  g_assert_cmpuint (young, >, 0);
  g_assert_cmpuint (old, >, 0);
  g_assert_cmpuint (with_email, >, 0);
  g_assert_cmpuint (with_email, <, n);
  g_assert_cmpint (book_query_int (shared_book,
                                   "SELECT count(DISTINCT marital_status) FROM clients"),
                   ==, 4);
  g_assert_cmpint (book_query_int (shared_book, "SELECT count(DISTINCT employment) FROM clients"),
                   ==, 3);
  g_assert_cmpint (book_query_int (shared_book,
                                   "SELECT count(DISTINCT client_no) FROM clients WHERE "
                                   "client_no GLOB '3101[0-9][0-9][0-9][0-9][0-9][0-9]'"), ==, n);
}

static void
test_trades_detail (void)
{
  /* Commission = max(5 CNY, amount x rate), rate 0.015 %..0.03 %, rounded
   * to the fen: between the two bounds for every trade. */
  g_assert_cmpint (book_query_int (shared_book,
                                   "SELECT count(*) FROM trades WHERE commission < 500 OR "
                                   "(commission > 500 AND (commission * 100000 < amount * 15 - "
                                   "50000 OR commission * 100000 > amount * 30 + 50000))"), ==, 0);
  g_assert_cmpint (book_query_int (shared_book,
                                   "SELECT count(*) FROM trades WHERE commission = 500"),
                   >, 0);
  g_assert_cmpint (book_query_int (shared_book, "SELECT count(*) FROM trades WHERE amount <= 0"),
                   ==, 0);
  g_assert_cmpint (book_query_int (shared_book, "SELECT count(DISTINCT product_risk) FROM trades"),
                   ==, 5);
  g_assert_cmpint (book_query_int (shared_book, "SELECT count(DISTINCT side) FROM trades"), ==, 2);
  g_assert_cmpint (book_query_int (shared_book,
                                   "SELECT count(*) FROM trades WHERE length (product_code) != 6 "
                                   "OR product_code GLOB '*[^0-9]*' OR length (trade_no) != 12 "
                                   "OR trade_no GLOB '*[^0-9]*'"), ==, 0);
  /* Some trades above the client's level carry a signed warning, a small share. */
  g_assert_cmpint (book_query_int (shared_book,
                                   "SELECT count(*) FROM trades WHERE override_signed = 1"),
                   >, 0);
  g_assert_cmpint (book_query_int (shared_book,
                                   "SELECT count(*) FROM trades WHERE override_signed = 1")
                   * 20, <, book_query_int (shared_book, "SELECT count(*) FROM trades"));
  /* The lowest category never signs one. */
  g_assert_cmpint (book_query_int (shared_book, "SELECT count(*) FROM trades t JOIN clients c "
                                                "ON c.id = t.client_id WHERE c.lowest_category = 1 "
                                                "AND t.override_signed = 1"), ==, 0);
}

static void
test_interactions (void)
{
  AwbDate end = awb_date_from_ymd (END_Y, END_M, END_D);
  g_autofree char *overdue_sql = g_strdup_printf (
    "SELECT count(*) FROM interactions WHERE done = 0 AND follow_up_on < %d", end);
  g_autofree char *upcoming_sql = g_strdup_printf (
    "SELECT count(*) FROM interactions WHERE done = 0 AND follow_up_on > %d", end);
  g_autofree char *done_future_sql = g_strdup_printf (
    "SELECT count(*) FROM interactions WHERE done = 1 AND follow_up_on > %d", end);

  g_assert_cmpint (book_query_int (shared_book,
                                   "SELECT count(DISTINCT kind) FROM interactions"), ==, 6);
  g_assert_cmpint (book_query_int (shared_book, "SELECT count(*) FROM interactions WHERE "
                                                "(kind = 'survey') != (satisfaction IS NOT NULL)"),
                   ==, 0);
  g_assert_cmpint (book_query_int (shared_book, "SELECT count(DISTINCT satisfaction) "
                                                "FROM interactions"), ==, 5);
  g_assert_cmpint (book_query_int (shared_book, overdue_sql), >, 0);
  g_assert_cmpint (book_query_int (shared_book, upcoming_sql), >, 0);
  g_assert_cmpint (book_query_int (shared_book, done_future_sql), ==, 0);
  g_assert_cmpint (book_query_int (shared_book, "SELECT count(*) FROM interactions "
                                                "WHERE follow_up_on < date"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmp_root = g_dir_make_tmp ("awb-test-demo-XXXXXX", &error);
  g_assert_no_error (error);
  shared_book = generate_book (2000, 0, 42, &shared_summary);

  g_test_add_func ("/awb/demo/determinism/same-seed", test_same_seed_same_book);
  g_test_add_func ("/awb/demo/determinism/different-seed", test_different_seed_different_book);
  g_test_add_func ("/awb/demo/determinism/client-independent-of-size",
                   test_client_independent_of_size);
  g_test_add_func ("/awb/demo/sizes/exact", test_exact_sizes);
  g_test_add_func ("/awb/demo/sizes/natural", test_natural_count);
  g_test_add_func ("/awb/demo/sizes/invalid", test_invalid_options);
  g_test_add_func ("/awb/demo/atomic/refuses-book-with-clients", test_refuses_book_with_clients);
  g_test_add_func ("/awb/demo/atomic/cancel", test_cancel_leaves_book_empty);
  g_test_add_func ("/awb/demo/progress", test_progress);
  g_test_add_func ("/awb/demo/second-connection", test_second_connection);
  g_test_add_func ("/awb/demo/integrity", test_integrity);
  g_test_add_func ("/awb/demo/structure/managers", test_eight_managers);
  g_test_add_func ("/awb/demo/structure/some-never-trade", test_some_never_trade);
  g_test_add_func ("/awb/demo/structure/some-never-trade-exact", test_some_never_trade_exact);
  g_test_add_func ("/awb/demo/structure/activity-heavy-tail", test_activity_heavy_tail);
  g_test_add_func ("/awb/demo/structure/aum-heavy-tail", test_aum_heavy_tail);
  g_test_add_func ("/awb/demo/structure/dates", test_trade_dates);
  g_test_add_func ("/awb/demo/structure/questionnaire", test_questionnaire_complete);
  g_test_add_func ("/awb/demo/structure/people", test_people);
  g_test_add_func ("/awb/demo/structure/trades", test_trades_detail);
  g_test_add_func ("/awb/demo/structure/interactions", test_interactions);

  ret = g_test_run ();

  g_clear_object (&shared_book);
  {
    g_autoptr(GDir) dir = g_dir_open (tmp_root, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_root, name, NULL);
        g_unlink (path);
      }
  }
  g_rmdir (tmp_root);
  g_free (tmp_root);
  return ret;
}
