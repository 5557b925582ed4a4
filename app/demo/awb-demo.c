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
 * NOTES ON THE DESIGN
 *
 *  (1) Determinism.  The random numbers come from our own xoshiro256**,
 *      seeded through splitmix64, not from GRand, so a seed gives the same
 *      book with any GLib.  Every client has its own streams, derived from
 *      (seed, client index, purpose): one for the profile, one for its
 *      trades, one for its interactions.  What a client looks like therefore
 *      does not depend on how many clients come before it or on how the rows
 *      are batched; the only cross-client steps are the account number
 *      (spread over the number range by the book's size) and, when an exact
 *      trade count is asked for, the share of that count each client gets.
 *      The floating-point work uses only IEEE arithmetic and libm's exp,
 *      log, pow, sqrt, cos and erfc (glibc's are correctly rounded in
 *      practice; a libm that rounds differently could change a few rows).
 *
 *  (2) Realism, in the proportions a Chinese branch shows (the numbers are
 *      the defaults below; the tests check the structure, not the exact
 *      figures):
 *      - 8 % of the clients never trade (prospects); everyone else trades
 *        at least once, with the natural count (about 28 trades a client)
 *        and with an exact one of at least one trade per such client;
 *      - AUM is log-normal, median 200,000 CNY, sigma 1.5: the mean is about
 *        three times the median and a few clients in a thousand hold over
 *        10 million; some hold nothing;
 *      - trading activity is log-normal too (median 3.8 trades a year,
 *        sigma 1.6, capped at 300), correlated (0.5) with AUM, so the tenth
 *        most active clients make well over half of the trades;
 *      - amounts scale with AUM, are whole lots of 100 shares at the
 *        product's price, and pay a commission of 0.015-0.03 % with a
 *        minimum of 5 CNY;
 *      - products are R1 money funds to R5 STAR-market shares; a client
 *        trades at or below its questionnaire's level except for about 5 %
 *        of trades, of which 60 % carry a signed risk warning;
 *      - ages 20-85, two thirds between 30 and 60; family, occupation,
 *        employment and income hang together (retirement at 60 for men and
 *        50-55 for women, the youngest child born when the parent was 22 to
 *        40, ID numbers that encode birthplace, birth date and gender with a
 *        valid ISO 7064 MOD 11-2 check digit); 23 % live in county towns
 *        (rural);
 *      - the questionnaire is complete for everyone, assessed in the last
 *        three years (so about a third has expired), answers following a
 *        risk appetite that falls with age and rises with wealth;
 *      - about 3.7 interactions a client in three years, more for the
 *        wealthy: calls, visits, events, education, complaints and surveys
 *        (satisfaction 1-5), follow-ups mostly done when long past, some
 *        overdue, some still to come.
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
 *      For the duration of the run, and put back as they were whatever
 *      happens (the tests check it):
 *      - PRAGMA synchronous = OFF, cache_size = 128 MiB;
 *      - foreign_keys = OFF and ignore_check_constraints = ON: every id this
 *        run writes is one it inserted, and the CHECK constraints (whose IN
 *        lists cost SQLite an ephemeral index per row) hold by construction;
 *        the tests run PRAGMA integrity_check and foreign_key_check over a
 *        generated book;
 *      - journal_mode = DELETE instead of WAL when this is the only
 *        connection: in a rollback journal, pages past the end of the file
 *        at BEGIN are not journaled, so every page is written once instead
 *        of to the WAL and again at the checkpoint.  With another connection
 *        open the book stays in WAL, slower but just as safe.
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
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "awb-codes.h"
#include "awb-date.h"
#include "awb-demo.h"
#include "awb-demo-random-private.h"
#include "awb-demo-vocabulary-private.h"

/* Sorts a client's dates: most clients have a few, where insertion sort
 * beats qsort's indirect calls. */
static int compare_dates (gconstpointer a, gconstpointer b);

static void
sort_dates (AwbDate *dates,
            gsize    n)
{
  if (n > 32)
    {
      qsort (dates, n, sizeof (AwbDate), compare_dates);
      return;
    }
  for (gsize i = 1; i < n; i++)
    {
      AwbDate d = dates[i];
      gsize j = i;

      for (; j > 0 && dates[j - 1] > d; j--)
        dates[j] = dates[j - 1];
      dates[j] = d;
    }
}

/* ---- The plan: what pass 1 decides for passes 2 and 3 ------------------ */

typedef struct
{
  gint64   id;              /* clients.id */
  gint64   aum;             /* fen */
  double   weight;          /* expected trades over the window; 0: prospect */
  guint64  n_trades;
  AwbDate  active_from;     /* trades fall in [active_from, active_to] */
  AwbDate  active_to;
  AwbDate  contact_from;    /* interactions fall in [contact_from, end] */
  guint32  n_interactions;
  guint8   level;           /* plausible suitability level 1..5 */
  guint8   rate;            /* commission, in 1/100,000 of the amount */
  guint8   satisfaction;    /* the client's usual survey answer, 1..5 */
  guint8   lowest;          /* lowest category: R1 products only */
} Plan;

typedef struct
{
  AwbDatabase          *db;
  const AwbDemoOptions *options;
  guint64               seed;
  AwbDate               end;
  AwbDate               window_start;   /* first day of the three years */
  gint64                manager_ids[AWB_DEMO_N_MANAGERS];
  AwbDemoProductPool    products[5];
  double                sizes[AWB_DEMO_SIZE_STEPS];
  Plan                 *plans;
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
  " lowest_category, loyalty_driver, referrals, competitor_account, cadence_days, notes";

enum {
  COL_ID = 0, COL_CLIENT_NO, COL_NAME, COL_GENDER, COL_BIRTH, COL_PHONE, COL_EMAIL, COL_ID_NUMBER,
  COL_CITY, COL_REGION, COL_OCCUPATION, COL_EDUCATION, COL_MARITAL, COL_CHILDREN,
  COL_YOUNGEST, COL_EMPLOYMENT, COL_INCOME, COL_AUM, COL_SHARE, COL_OPENED, COL_MANAGER,
  COL_CHANNEL, COL_NEED, COL_Q_JOB, COL_Q_BURDEN, COL_Q_HOUSING, COL_Q_EXPERIENCE,
  COL_Q_KNOWLEDGE, COL_LOSS, COL_Q_PRIORITY, COL_Q_STOPLOSS, COL_Q_IF_LOSS, COL_Q_WATCHING,
  COL_Q_RESULTS, COL_ASSESSED, COL_LOWEST, COL_DRIVER, COL_REFERRALS, COL_COMPETITOR,
  COL_CADENCE, COL_NOTES, N_CLIENT_COLUMNS
};

/* The ISO 7064 MOD 11-2 check character of the first 17 digits of a
 * resident identity card number (GB 11643-1999). */
static char
id_check_digit (const char digits[17])
{
  static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  int sum = 0;

  for (guint i = 0; i < 17; i++)
    sum += (digits[i] - '0') * weights[i];
  return "10X98765432"[sum % 11];
}

static int
clamp_int (int v,
           int lo,
           int hi)
{
  return v < lo ? lo : v > hi ? hi : v;
}

/* An answer 1..5 around @centre (1 is the 10-point answer). */
static int
answer_near (AwbDemoRng *rng,
             double      centre)
{
  return clamp_int ((int) floor (centre + 0.8 * _awb_demo_rng_normal (rng) + 0.5), 1, 5);
}

static int
band_index (int score)
{
  return score < 20 ? 0 : score < 40 ? 1 : score < 60 ? 2 : score < 80 ? 3 : 4;
}

/* Account numbers 3101xxxxxx: increasing with the client's index and
 * spread over the range, so they look issued over years, yet unique. */
static gint64
client_number (guint64  seed,
               guint    index,
               guint    n_clients)
{
  guint64 step = MAX (1, 1000000 / n_clients);
  AwbDemoRng rng;

  _awb_demo_rng_init (&rng, seed, index, AWB_DEMO_STREAM_NUMBERS);
  return G_GINT64_CONSTANT (3101000000) +
         (gint64) (index * step + _awb_demo_rng_below (&rng, step));
}

typedef struct
{
  /* text the statement reads until it is stepped */
  char name[16];
  char phone[12];
  char email[40];
  char id_number[19];
  char client_no[16];
} ClientText;


static char *
put_digits (AwbDemoRng *rng,
            char       *p,
            guint       n)
{
  for (guint i = 0; i < n; i++)
    *p++ = (char) ('0' + _awb_demo_rng_below (rng, 10));
  *p = '\0';
  return p;
}

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

/* Generates client @index from its own stream, inserts it with @stmt and
 * fills its plan.  Returns FALSE with @error set if the insert fails. */
static gboolean
generate_client (Generator     *gen,
                 guint          index,
                 Batch         *batch,
                 ClientText    *texts,
                 GError       **error)
{
  static const guint16 age_brackets[] = { 12, 22, 24, 21, 13, 6, 2 };  /* 20-29 ... 80-85 */
  static const guint16 children_weights[] = { 55, 25, 5 };             /* 1, 2, 3 */
  static const guint16 housing_weights[] = { 10, 30, 25, 15, 20 };
  static const guint16 knowledge_weights[] = { 4, 8, 20, 46, 22 };
  static const guint16 driver_weights[] = { 30, 15, 20, 12, 5, 18 };
  static const guint16 satisfaction_weights[] = { 3, 7, 25, 40, 25 };
  static const int loss_choices[] = { 0, 5, 10, 15, 20, 25, 30, 40, 50 };
  static const int cadences[] = { 14, 30, 60, 90 };
  static const guint8 small_rates[] = { 20, 25, 25, 25, 30 };
  static const char *const email_domains[] = { "163.com", "126.com", "sina.com", "139.com" };
  static const char phone_second[] = "3335557889";
  Plan *plan = &gen->plans[index];
  ClientText *text;
  sqlite3_stmt *stmt;
  int first;
  guint slot;
  AwbDemoRng rng;
  AwbGender gender;
  AwbMarital marital;
  AwbEmployment employment;
  AwbIncomeBand income;
  AwbNeedType need;
  const AwbDemoCity *city, *birthplace;
  const char *occupation;
  const char *email = NULL;
  const char *notes = NULL;
  AwbDate birth, adult, opened, assessed;
  int age, children = 0, youngest = -1, cadence = 0;
  int q_job, q_burden, q_housing, q_experience, q_knowledge;
  int q_priority, q_stoploss, q_if_loss, q_watching, q_results, loss;
  int capacity, attitude, referrals, education, manager;
  double z_aum, appetite, aum_yuan, income_score, tenure_years, share;
  double active_years, lambda, contact_rate;
  gboolean prospect, lowest, competitor, retired_age;
  int by, bm, bd;
  char *p;

  _awb_demo_rng_init (&rng, gen->seed, index, AWB_DEMO_STREAM_PROFILE);
  stmt = batch_row (batch, &first, &slot);
  text = &texts[slot];

  /* Name and gender. */
  gender = _awb_demo_rng_chance (&rng, 0.53) ? AWB_GENDER_M : AWB_GENDER_F;
  p = g_stpcpy (text->name, _awb_demo_pick_surname (&rng));
  p = g_stpcpy (p, _awb_demo_pick_given_char (&rng, gender));
  if (_awb_demo_rng_chance (&rng, 0.7))
    g_stpcpy (p, _awb_demo_pick_given_char (&rng, gender));

  /* Age 20-85, most between 30 and 60; the birthday falls anywhere in the
   * year before the end date's anniversary, so the age is exact. */
  {
    guint bracket = AWB_DEMO_RNG_PICK (&rng, age_brackets);
    int lo = 20 + 10 * (int) bracket;
    int hi = bracket == G_N_ELEMENTS (age_brackets) - 1 ? 85 : lo + 9;

    age = _awb_demo_rng_range (&rng, lo, hi);
    birth = awb_date_add_months (gen->end, -12 * age) - _awb_demo_rng_range (&rng, 0, 364);
    age = awb_date_age (birth, gen->end);
    adult = awb_date_add_months (birth, 12 * 18);
  }

  city = _awb_demo_pick_city (&rng);
  birthplace = _awb_demo_rng_chance (&rng, 0.85) ? city : _awb_demo_any_city (&rng);

  /* Family, consistent with the age. */
  if (age < 25)
    marital = _awb_demo_rng_chance (&rng, 0.85) ? AWB_MARITAL_SINGLE : AWB_MARITAL_MARRIED;
  else if (age < 35)
    {
      double u = _awb_demo_rng_double (&rng);
      marital = u < 0.40 ? AWB_MARITAL_SINGLE : u < 0.95 ? AWB_MARITAL_MARRIED
                                                         : AWB_MARITAL_DIVORCED;
    }
  else
    {
      double widowed = age >= 75 ? 0.30 : age >= 60 ? 0.10 : 0.02;
      double u = _awb_demo_rng_double (&rng);

      marital = u < widowed ? AWB_MARITAL_WIDOWED
              : u < widowed + 0.07 ? AWB_MARITAL_DIVORCED
              : u < widowed + 0.12 ? AWB_MARITAL_SINGLE
              : AWB_MARITAL_MARRIED;
    }
  if (age >= 22 && _awb_demo_rng_chance (&rng, marital == AWB_MARITAL_SINGLE ? 0.03 : 0.85))
    {
      int parent_age = _awb_demo_rng_range (&rng, 22, 40);

      children = 1 + (int) AWB_DEMO_RNG_PICK (&rng, children_weights);
      if (parent_age > age)
        parent_age = _awb_demo_rng_range (&rng, 22, age);
      youngest = age - parent_age;
    }

  /* Work: retirement at 60 for men, 50-55 for women; then what they do. */
  retired_age = age >= (gender == AWB_GENDER_M ? 60 : 55);
  if (age >= 65)
    employment = _awb_demo_rng_chance (&rng, 0.97) ? AWB_EMPLOYMENT_RETIRED
                                                   : AWB_EMPLOYMENT_WORKING;
  else if (retired_age)
    employment = _awb_demo_rng_chance (&rng, 0.80) ? AWB_EMPLOYMENT_RETIRED
                                                   : AWB_EMPLOYMENT_WORKING;
  else if (gender == AWB_GENDER_F && age >= 50 && _awb_demo_rng_chance (&rng, 0.30))
    employment = AWB_EMPLOYMENT_RETIRED;
  else
    employment = _awb_demo_rng_chance (&rng, 0.06) ? AWB_EMPLOYMENT_UNEMPLOYED
                                                   : AWB_EMPLOYMENT_WORKING;

  if (employment == AWB_EMPLOYMENT_RETIRED)
    occupation = "退休人员";
  else if (employment == AWB_EMPLOYMENT_UNEMPLOYED)
    occupation = age < 24 && _awb_demo_rng_chance (&rng, 0.5) ? "学生" : "待业";
  else
    occupation = _awb_demo_pick_job (&rng, city->region);

  education = (int) _awb_demo_pick_education (&rng, city->region);
  if (age >= 60 && education > 1 && _awb_demo_rng_chance (&rng, 0.4))
    education--;

  /* Assets: log-normal around 200,000 CNY, a little more in mid-life. */
  z_aum = _awb_demo_rng_normal (&rng) + (age >= 45 && age < 70 ? 0.2 : age < 30 ? -0.3 : 0.0);
  prospect = _awb_demo_rng_chance (&rng, 0.08);
  if (prospect)
    aum_yuan = _awb_demo_rng_chance (&rng, 0.5) ? 0.0 : 20000.0 * exp (_awb_demo_rng_normal (&rng));
  else if (_awb_demo_rng_chance (&rng, 0.03))
    aum_yuan = 0.0;
  else
    aum_yuan = 200000.0 * exp (1.5 * z_aum);
  aum_yuan = MIN (aum_yuan, 5e8);
  plan->aum = (gint64) floor (aum_yuan * 100.0 + 0.5);

  income_score = 0.6 * z_aum + 0.8 * _awb_demo_rng_normal (&rng)
                 - (employment == AWB_EMPLOYMENT_RETIRED ? 0.5 : 0.0)
                 - (employment == AWB_EMPLOYMENT_UNEMPLOYED ? 1.0 : 0.0)
                 - (city->region == AWB_REGION_RURAL ? 0.4 : 0.0);
  income = income_score < -0.8 ? AWB_INCOME_LOW
         : income_score < 0.3 ? AWB_INCOME_LOWER_MIDDLE
         : income_score < 1.2 ? AWB_INCOME_UPPER_MIDDLE
         : AWB_INCOME_HIGH;

  share = prospect ? _awb_demo_rng_range (&rng, 5, 30)
                   : clamp_int ((int) floor (55.0 + 25.0 * _awb_demo_rng_normal (&rng) + 0.5),
                                5, 100);

  /* Opened up to 15 years ago, recent years more often, never before 18. */
  opened = gen->end - (AwbDate) floor (15.0 * 365.25 * pow (_awb_demo_rng_double (&rng), 1.3));
  if (opened < adult)
    opened = adult + (AwbDate) _awb_demo_rng_below (&rng, (guint64) (gen->end - adult) + 1);
  tenure_years = (gen->end - opened) / 365.25;

  manager = (int) _awb_demo_pick_manager (&rng);

  /* The questionnaire (spec §7), answer 1 = the 10-point one.  Appetite
   * for risk falls with age and rises with wealth. */
  appetite = 0.8 * _awb_demo_rng_normal (&rng) + 0.2 * z_aum
             + (age < 35 ? 0.4 : age >= 60 ? -0.5 : 0.0);

  if (employment == AWB_EMPLOYMENT_RETIRED)
    q_job = 2;
  else if (employment == AWB_EMPLOYMENT_UNEMPLOYED)
    q_job = 5;
  else if (strcmp (occupation, "个体工商户") == 0 || strcmp (occupation, "企业主") == 0 ||
           strcmp (occupation, "养殖户") == 0 || strcmp (occupation, "农民") == 0)
    q_job = 4;
  else if (strcmp (occupation, "销售") == 0)
    q_job = 3;
  else
    q_job = income == AWB_INCOME_HIGH ? 1
          : income == AWB_INCOME_UPPER_MIDDLE ? (_awb_demo_rng_chance (&rng, 0.6) ? 1 : 2)
          : income == AWB_INCOME_LOWER_MIDDLE ? 2
          : (_awb_demo_rng_chance (&rng, 0.5) ? 2 : 3);

  if (children == 0)
    q_burden = marital == AWB_MARITAL_MARRIED ? 2 : 1;
  else if (marital != AWB_MARITAL_MARRIED || _awb_demo_rng_chance (&rng, 0.25))
    q_burden = _awb_demo_rng_chance (&rng, 0.3) ? 5 : 4;
  else
    q_burden = 3;

  if (income == AWB_INCOME_HIGH)
    q_housing = _awb_demo_rng_chance (&rng, 0.5) ? 1 : 2;
  else if (age < 30 && _awb_demo_rng_chance (&rng, 0.5))
    q_housing = 5;
  else
    q_housing = 1 + (int) AWB_DEMO_RNG_PICK (&rng, housing_weights);

  {
    double years = tenure_years +
                   (_awb_demo_rng_chance (&rng, 0.4) ? _awb_demo_rng_range (&rng, 1, 8) : 0);

    q_experience = years > 10 ? 1 : years >= 6 ? 2 : years >= 2 ? 3 : years >= 0.25 ? 4 : 5;
  }
  q_knowledge = 1 + (int) AWB_DEMO_RNG_PICK (&rng, knowledge_weights);
  if (q_knowledge > 1 && aum_yuan >= 1e6 && _awb_demo_rng_chance (&rng, 0.4))
    q_knowledge--;

  q_priority = answer_near (&rng, 3.0 - 0.9 * appetite);
  q_stoploss = answer_near (&rng, 3.0 - 0.9 * appetite);
  q_if_loss = answer_near (&rng, 3.0 - 0.9 * appetite);
  q_watching = answer_near (&rng, 3.0 - 0.5 * appetite);
  q_results = answer_near (&rng, 3.2 - 0.7 * appetite);
  loss = loss_choices[clamp_int ((int) floor (3.0 + 1.5 * appetite +
                                              _awb_demo_rng_normal (&rng) + 0.5),
                                 0, G_N_ELEMENTS (loss_choices) - 1)];

  /* Assessed in the last three years (some therefore expired), never
   * before the account was opened. */
  assessed = gen->end - _awb_demo_rng_range (&rng, 0, 3 * 365);
  if (assessed < opened)
    assessed = opened + (AwbDate) _awb_demo_rng_below (&rng, (guint64) (gen->end - opened) + 1);

  lowest = _awb_demo_rng_chance (&rng, age >= 80 ? 0.15
                             : employment == AWB_EMPLOYMENT_UNEMPLOYED &&
                               income == AWB_INCOME_LOW ? 0.10
                             : 0.01);

  /* The level the questionnaire gives (spec §7), used only to choose
   * plausible products; the model computes its own. */
  capacity = (age <= 25 ? 50 : age <= 74 ? 75 - age : 0) +
             (12 - 2 * q_job) + (12 - 2 * q_burden) + (12 - 2 * q_housing) +
             (12 - 2 * q_experience) + (12 - 2 * q_knowledge);
  attitude = MIN (2 * loss, 50) +
             (12 - 2 * q_priority) + (12 - 2 * q_stoploss) + (12 - 2 * q_if_loss) +
             (12 - 2 * q_watching) + (12 - 2 * q_results);
  plan->level = lowest ? 1 : 1 + MIN (band_index (capacity), band_index (attitude));
  plan->lowest = lowest;

  need = (aum_yuan >= 1e6 && q_experience <= 2 && _awb_demo_rng_chance (&rng, 0.5)) ||
         _awb_demo_rng_chance (&rng, 0.05) ? AWB_NEED_PROFESSIONAL : AWB_NEED_BASIC;

  {
    double u = _awb_demo_rng_double (&rng);
    referrals = u < 0.72 ? 0 : u < 0.87 ? 1 : u < 0.95 ? 2 : _awb_demo_rng_range (&rng, 3, 8);
  }
  competitor = _awb_demo_rng_chance (&rng, aum_yuan >= 1e6 ? 0.55 : 0.30);
  if (_awb_demo_rng_chance (&rng, 0.03))
    cadence = AWB_DEMO_RNG_ONE_OF (&rng, cadences);
  if (_awb_demo_rng_chance (&rng, 0.15))
    notes = _awb_demo_pick_client_note (&rng);

  /* Contact details. */
  text->phone[0] = '1';
  text->phone[1] = phone_second[_awb_demo_rng_below (&rng, 10)];
  put_digits (&rng, text->phone + 2, 9);
  if (_awb_demo_rng_chance (&rng, age < 50 ? 0.45 : 0.20))
    {
      if (_awb_demo_rng_chance (&rng, 0.5))
        {
          guint n = (guint) _awb_demo_rng_range (&rng, 6, 10);

          text->email[0] = (char) ('1' + _awb_demo_rng_below (&rng, 9));
          p = put_digits (&rng, text->email + 1, n - 1);
          strcpy (p, "@qq.com");
        }
      else
        {
          guint n = (guint) _awb_demo_rng_range (&rng, 4, 8);

          p = text->email;
          for (guint i = 0; i < n; i++)
            *p++ = (char) ('a' + _awb_demo_rng_below (&rng, 26));
          p = put_digits (&rng, p, (guint) _awb_demo_rng_range (&rng, 2, 4));
          *p++ = '@';
          strcpy (p, AWB_DEMO_RNG_ONE_OF (&rng, email_domains));
        }
      email = text->email;
    }

  /* Resident ID: birthplace, birth date, sequence (odd for men), check. */
  awb_date_to_ymd (birth, &by, &bm, &bd);
  g_snprintf (text->id_number, sizeof text->id_number, "%s%04d%02d%02d%02u%u",
              birthplace->code, by, bm, bd, _awb_demo_rng_below (&rng, 100),
              2 * _awb_demo_rng_below (&rng, 5) + (gender == AWB_GENDER_M ? 1 : 0));
  text->id_number[17] = id_check_digit (text->id_number);
  text->id_number[18] = '\0';

  g_snprintf (text->client_no, sizeof text->client_no, "%" G_GINT64_FORMAT,
              client_number (gen->seed, index, gen->options->n_clients));

  /* What passes 2 and 3 need. */
  plan->satisfaction = 1 + (guint8) AWB_DEMO_RNG_PICK (&rng, satisfaction_weights);
  if (aum_yuan >= 5e6)
    plan->rate = 15;
  else if (aum_yuan >= 1e6)
    plan->rate = _awb_demo_rng_chance (&rng, 0.5) ? 15 : 20;
  else
    plan->rate = AWB_DEMO_RNG_ONE_OF (&rng, small_rates);
  plan->contact_from = MAX (gen->window_start, opened);
  plan->active_from = plan->contact_from;
  plan->active_to = gen->end;
  if (_awb_demo_rng_chance (&rng, 0.2))
    plan->active_to = plan->active_from +
                      (AwbDate) _awb_demo_rng_below (&rng,
                                                     (guint64) (gen->end - plan->active_from) + 1);
  active_years = (plan->active_to - plan->active_from + 1) / 365.25;
  /* (MIN and MAX evaluate their arguments twice: no random draw inside.) */
  lambda = 3.8 * exp (1.6 * (0.5 * z_aum + 0.866 * _awb_demo_rng_normal (&rng)));
  lambda = MIN (lambda, 300.0);
  plan->weight = prospect ? 0.0 : lambda * active_years;
  /* Always drawn, so the profile's stream is the same in both modes.  A
   * client who is not a prospect has traded at least once. */
  plan->n_trades = _awb_demo_rng_poisson (&rng, plan->weight);
  if (!prospect && plan->n_trades == 0)
    plan->n_trades = 1;

  contact_rate = prospect ? 0.8 : aum_yuan >= 1e6 ? 4.0 : aum_yuan >= 1e5 ? 1.5 : 0.6;
  {
    guint64 n = _awb_demo_rng_poisson (&rng, contact_rate *
                                             (gen->end - plan->contact_from + 1) / 365.25);

    plan->n_interactions = (guint32) MIN (n, 200);
  }

  /* Insert, with the row id given: the table is empty, so 1..n. */
  plan->id = (gint64) index + 1;
  sqlite3_bind_int64 (stmt, first + COL_ID, plan->id);
  sqlite3_bind_text (stmt, first + COL_CLIENT_NO, text->client_no, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + COL_NAME, text->name, -1, SQLITE_STATIC);
  bind_code (stmt, first + COL_GENDER, AWB_KIND_GENDER, gender);
  sqlite3_bind_int (stmt, first + COL_BIRTH, birth);
  sqlite3_bind_text (stmt, first + COL_PHONE, text->phone, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, first + COL_EMAIL, email);
  sqlite3_bind_text (stmt, first + COL_ID_NUMBER, text->id_number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + COL_CITY, city->name, -1, SQLITE_STATIC);
  bind_code (stmt, first + COL_REGION, AWB_KIND_REGION, city->region);
  sqlite3_bind_text (stmt, first + COL_OCCUPATION, occupation, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + COL_EDUCATION, _awb_demo_education_name (education), -1,
                     SQLITE_STATIC);
  bind_code (stmt, first + COL_MARITAL, AWB_KIND_MARITAL, marital);
  sqlite3_bind_int (stmt, first + COL_CHILDREN, children);
  if (youngest >= 0)
    sqlite3_bind_int (stmt, first + COL_YOUNGEST, youngest);
  else
    sqlite3_bind_null (stmt, first + COL_YOUNGEST);
  bind_code (stmt, first + COL_EMPLOYMENT, AWB_KIND_EMPLOYMENT, employment);
  bind_code (stmt, first + COL_INCOME, AWB_KIND_INCOME_BAND, income);
  sqlite3_bind_int64 (stmt, first + COL_AUM, plan->aum);
  sqlite3_bind_double (stmt, first + COL_SHARE, share);
  sqlite3_bind_int (stmt, first + COL_OPENED, opened);
  sqlite3_bind_int64 (stmt, first + COL_MANAGER, gen->manager_ids[manager]);
  sqlite3_bind_text (stmt, first + COL_CHANNEL,
                     awb_code_to_string (AWB_KIND_CHANNEL,
                                         _awb_demo_rng_chance (&rng, age < 40 ? 0.8
                                                                     : age < 60 ? 0.55 : 0.25)
                                         ? AWB_CHANNEL_ONLINE : AWB_CHANNEL_BRANCH),
                     -1, SQLITE_STATIC);
  bind_code (stmt, first + COL_NEED, AWB_KIND_NEED_TYPE, need);
  sqlite3_bind_int (stmt, first + COL_Q_JOB, q_job);
  sqlite3_bind_int (stmt, first + COL_Q_BURDEN, q_burden);
  sqlite3_bind_int (stmt, first + COL_Q_HOUSING, q_housing);
  sqlite3_bind_int (stmt, first + COL_Q_EXPERIENCE, q_experience);
  sqlite3_bind_int (stmt, first + COL_Q_KNOWLEDGE, q_knowledge);
  sqlite3_bind_int (stmt, first + COL_LOSS, loss);
  sqlite3_bind_int (stmt, first + COL_Q_PRIORITY, q_priority);
  sqlite3_bind_int (stmt, first + COL_Q_STOPLOSS, q_stoploss);
  sqlite3_bind_int (stmt, first + COL_Q_IF_LOSS, q_if_loss);
  sqlite3_bind_int (stmt, first + COL_Q_WATCHING, q_watching);
  sqlite3_bind_int (stmt, first + COL_Q_RESULTS, q_results);
  sqlite3_bind_int (stmt, first + COL_ASSESSED, assessed);
  sqlite3_bind_int (stmt, first + COL_LOWEST, lowest ? 1 : 0);
  bind_code (stmt, first + COL_DRIVER, AWB_KIND_LOYALTY_DRIVER,
             AWB_DEMO_RNG_PICK (&rng, driver_weights));
  sqlite3_bind_int (stmt, first + COL_REFERRALS, referrals);
  sqlite3_bind_int (stmt, first + COL_COMPETITOR, competitor ? 1 : 0);
  if (cadence > 0)
    sqlite3_bind_int (stmt, first + COL_CADENCE, cadence);
  else
    sqlite3_bind_null (stmt, first + COL_CADENCE);
  bind_text_or_null (stmt, first + COL_NOTES, notes);

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
  ClientText texts[ROWS_PER_INSERT];
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
    ok = generate_client (gen, i, &batch, texts, error) && advance (gen, 1, error);
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

static int
compare_dates (gconstpointer a,
               gconstpointer b)
{
  AwbDate x = *(const AwbDate *) a;
  AwbDate y = *(const AwbDate *) b;

  return (x > y) - (x < y);
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
  gint64      client_id;
  gint64      commission;
  gint64      amount;
  const char *side;
  const char *product;
  AwbDate     date;
  guint8      risk;
  guint8      override;
} TradeRow;

typedef struct
{
  guint     n_rows;
  gboolean  last;        /* the producer's final chunk */
  TradeRow  rows[CHUNK_ROWS];
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
  static const char *const sides[] = { "buy", "sell" };
  const Generator *gen = queue->gen;
  const Plan *plan = &gen->plans[index];
  guint64 n = plan->n_trades;
  guint64 span = (guint64) (plan->active_to - plan->active_from) + 1;
  double base = plan->aum > 0 ? plan->aum / 100.0 : 30000.0;
  AwbDemoRng rng;

  if (n == 0)
    return TRUE;

  _awb_demo_rng_init (&rng, gen->seed, index, AWB_DEMO_STREAM_TRADES);

  if (n > *dates_size)
    {
      *dates_size = MAX (n, 2 * *dates_size);
      *dates = g_renew (AwbDate, *dates, *dates_size);
    }
  for (guint64 k = 0; k < n; k++)
    (*dates)[k] = plan->active_from + (AwbDate) _awb_demo_rng_below (&rng, span);
  sort_dates (*dates, n);

  for (guint64 k = 0; k < n; k++)
    {
      TradeRow *row = &(*chunk)->rows[(*chunk)->n_rows++];
      const AwbDemoProductPool *pool;
      const AwbDemoProduct *product;
      double target;
      gint64 lots;
      int risk, override = 0;

      row->client_id = plan->id;
      row->date = (*dates)[k];
      row->side = k == 0 ? sides[0] : sides[_awb_demo_rng_chance (&rng, 0.52) ? 0 : 1];

      /* Mostly at or just below the client's level; now and then above,
       * more often than not with a signed risk warning.  The lowest
       * category cannot sign one. */
      if (plan->lowest)
        risk = _awb_demo_rng_chance (&rng, 0.97) ? 1 : _awb_demo_rng_range (&rng, 2, 3);
      else if (plan->level < 5 && _awb_demo_rng_chance (&rng, 0.05))
        {
          risk = plan->level + 1 + (plan->level < 4 && _awb_demo_rng_chance (&rng, 0.2) ? 1 : 0);
          override = _awb_demo_rng_chance (&rng, 0.6) ? 1 : 0;
        }
      else
        {
          int below = 0;

          while (below < plan->level - 1 && _awb_demo_rng_chance (&rng, 0.4))
            below++;
          risk = plan->level - below;
        }
      pool = &gen->products[risk - 1];
      product = &pool->items[_awb_demo_rng_below (&rng, pool->n)];
      row->risk = (guint8) risk;
      row->override = (guint8) override;
      row->product = product->code;

      /* A few per cent of the assets a time, in whole lots of 100 shares
       * (a lot costs as many yuan as a share costs fen). */
      target = base * 0.06 * gen->sizes[_awb_demo_rng_below (&rng, AWB_DEMO_SIZE_STEPS)];
      target = CLAMP (target, 500.0, 5e7);
      lots = MAX (1, (gint64) floor (target / (double) product->price + 0.5));
      row->amount = lots * 100 * product->price;
      row->commission = MAX (500, (row->amount * plan->rate + 50000) / 100000);

      if ((*chunk)->n_rows == CHUNK_ROWS)
        {
          if (g_atomic_int_get (&queue->stop))
            return FALSE;
          g_async_queue_push (queue->full, *chunk);
          *chunk = g_async_queue_pop (queue->empty);
          (*chunk)->n_rows = 0;
          (*chunk)->last = FALSE;
        }
    }
  return TRUE;
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
      const TradeRow *row = &chunk->rows[k];
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

static gboolean
generate_interactions (Generator     *gen,
                       guint          index,
                       Batch         *batch,
                       AwbDate       *dates,
                       GError       **error)
{
  static const guint16 kind_weights[] = { 45, 14, 8, 20, 3, 10 };
  const Plan *plan = &gen->plans[index];
  guint n = plan->n_interactions;
  guint64 span = (guint64) (gen->end - plan->contact_from) + 1;
  AwbDemoRng rng;

  if (n == 0)
    return TRUE;

  _awb_demo_rng_init (&rng, gen->seed, index, AWB_DEMO_STREAM_INTERACTIONS);
  for (guint k = 0; k < n; k++)
    dates[k] = plan->contact_from + (AwbDate) _awb_demo_rng_below (&rng, span);
  sort_dates (dates, n);

  for (guint k = 0; k < n; k++)
    {
      AwbInteractionKind kind = AWB_DEMO_RNG_PICK (&rng, kind_weights);
      const char *notes = NULL;
      int satisfaction = 0;
      AwbDate follow_up = AWB_DATE_NONE;
      gboolean done = FALSE;
      sqlite3_stmt *stmt;
      int first;

      notes = _awb_demo_pick_interaction_note (&rng, kind);
      if (kind != AWB_INTERACTION_COMPLAINT && _awb_demo_rng_chance (&rng, 0.4))
        notes = NULL;

      if (kind == AWB_INTERACTION_SURVEY)
        satisfaction = clamp_int (plan->satisfaction + _awb_demo_rng_range (&rng, -1, 1), 1, 5);

      /* Follow-ups: long past ones mostly done, recent ones half done,
       * future ones open. */
      if (kind == AWB_INTERACTION_COMPLAINT ||
          ((kind == AWB_INTERACTION_CALL || kind == AWB_INTERACTION_VISIT) &&
           _awb_demo_rng_chance (&rng, 0.5)))
        {
          follow_up = dates[k] + _awb_demo_rng_range (&rng, 3, 45);
          if (follow_up <= gen->end - 14)
            done = _awb_demo_rng_chance (&rng, 0.92);
          else if (follow_up <= gen->end)
            done = _awb_demo_rng_chance (&rng, 0.5);
        }

      stmt = batch_row (batch, &first, NULL);
      sqlite3_bind_int64 (stmt, first, plan->id);
      sqlite3_bind_int (stmt, first + 1, dates[k]);
      sqlite3_bind_text (stmt, first + 2, awb_code_to_string (AWB_KIND_INTERACTION, kind), -1,
                         SQLITE_STATIC);
      if (satisfaction > 0)
        sqlite3_bind_int (stmt, first + 3, satisfaction);
      else
        sqlite3_bind_null (stmt, first + 3);
      bind_text_or_null (stmt, first + 4, notes);
      if (follow_up != AWB_DATE_NONE)
        sqlite3_bind_int (stmt, first + 5, follow_up);
      else
        sqlite3_bind_null (stmt, first + 5);
      sqlite3_bind_int (stmt, first + 6, done ? 1 : 0);

      if (!batch_next (batch, error))
        return FALSE;
    }
  return advance (gen, n, error);
}

static gboolean
pass_interactions (Generator  *gen,
                   GError    **error)
{
  AwbDate dates[200];
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
    {
      g_assert (gen->plans[i].n_interactions <= G_N_ELEMENTS (dates));
      ok = generate_interactions (gen, i, &batch, dates, error);
    }
  batch_clear (&batch);
  return ok;
}

/* ---- Driver ------------------------------------------------------------ */

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

/* What a bulk write changes, and to what: see note (4). */
static const struct
{
  const char *name;
  int         value;
} relaxed[] = {
  { "synchronous", 0 },
  { "cache_size", -131072 },
  { "foreign_keys", 0 },
  { "ignore_check_constraints", 1 },
};

static void
pragmas_restore (AwbDatabase *db,
                 const int   *saved,
                 guint        n)
{
  for (guint i = n; i-- > 0;)
    set_pragma (db, relaxed[i].name, saved[i], NULL);
}

static gboolean
pragmas_relax (AwbDatabase  *db,
               int          *saved,
               GError      **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (relaxed); i++)
    {
      if (!read_pragma (db, relaxed[i].name, &saved[i], error) ||
          !set_pragma (db, relaxed[i].name, relaxed[i].value, error))
        {
          pragmas_restore (db, saved, i);
          return FALSE;
        }
    }
  return TRUE;
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
  g_autofree Plan *plans = NULL;
  Generator gen = { 0 };
  int saved[G_N_ELEMENTS (relaxed)];
  g_autofree char *old_journal = NULL;
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
  gen.seed = options->seed;
  gen.end = options->end_date != AWB_DATE_NONE ? options->end_date : awb_date_today ();
  gen.window_start = awb_date_add_months (gen.end, -36) + 1;
  gen.progress = progress;
  gen.user_data = user_data;
  gen.cancellable = cancellable;
  /* Until pass 1 has counted the rows, estimate 30 trades and 4
   * interactions per client. */
  gen.work_total = (guint64) options->n_clients * 35;
  gen.work_next_check = CHECK_EVERY;
  gen.last_step = 0;

  plans = g_try_new0 (Plan, options->n_clients);
  if (plans == NULL)
    {
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_FAILED,
                   _("Not enough memory to plan %u clients"), options->n_clients);
      return FALSE;
    }
  gen.plans = plans;

  /* (4): faster writes for the duration, restored whatever happens. */
  if (!pragmas_relax (db, saved, error))
    return FALSE;
  old_journal = journal_mode (db, NULL);
  if (old_journal != NULL && g_ascii_strcasecmp (old_journal, "wal") == 0)
    {
      /* Leaving WAL needs the only connection to the book; if another
       * one is open, it stays in WAL, which is slower but as safe.  Ask
       * once, without waiting out the busy timeout. */
      g_autofree char *now = NULL;
      int timeout = 0;

      if (read_pragma (db, "busy_timeout", &timeout, NULL))
        {
          set_pragma (db, "busy_timeout", 0, NULL);
          now = journal_mode (db, "delete");
          set_pragma (db, "busy_timeout", timeout, NULL);
        }

      if (now == NULL || g_ascii_strcasecmp (now, "delete") != 0)
        g_clear_pointer (&old_journal, g_free);
    }
  else
    g_clear_pointer (&old_journal, g_free);

  _awb_demo_products_build (gen.products);
  _awb_demo_size_table_build (gen.sizes);

  /* an empty book has no scan packs to keep right (awb-scan.c, Notes (3)),
   * and a trigger would cost 0.45 µs a row */
  awb_database_set_triggers (db, FALSE);
  ok = awb_database_begin (db, error);
  if (ok)
    {
      ok = generate_in_transaction (&gen, error);
      if (ok)
        {
          gint64 started = g_get_monotonic_time ();

          ok = awb_database_commit (db, error);   /* rolls back itself on failure */
          log_phase ("commit", started);
        }
      else
        awb_database_rollback (db);
    }

  awb_database_set_triggers (db, TRUE);
  _awb_demo_products_clear (gen.products);
  if (old_journal != NULL)
    g_free (journal_mode (db, old_journal));
  pragmas_restore (db, saved, G_N_ELEMENTS (relaxed));

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
      summary->end_date = gen.end;
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
