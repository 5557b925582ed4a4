/* test-crash.c: imports, scoring runs and profile saves killed with SIGKILL
 * at random moments leave a sound book
 *
 * One book ("work") and its never-interrupted twin ("pristine") start as the
 * same demo branch.  Then a list of operations, in turn an import of new
 * clients, an import of their trades, a scoring run and a profile save
 * (clients' aum and notes), is done on both: on the pristine book to the
 * end, which also times it; on the work book in a child killed with SIGKILL
 * after a random part of that time.  After each kill:
 *   - PRAGMA integrity_check is "ok", and foreign_key_check finds nothing;
 *   - an import is all or nothing: all the file's rows are in the book, or
 *     none; a scoring run is there with all its scores or not at all; a
 *     profile save has both fields or neither;
 *   - what did not land is done again, to the end, by a new process (which
 *     must recover from the crash).
 * After all of them a fresh scoring run of each book, exported, gives the
 * same scores.
 *
 * Imports and scoring runs are the CLI's (AWB_CLI); profile saves run in
 * this program, started again as "test-crash --profile-save DB CLIENT AUM".
 * The seed is printed; AWB_CRASH_SEED sets it, AWB_CRASH_KILLS the number of
 * kills wanted (default 60).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "awb-database.h"
#include "awb-date.h"
#include "awb-money.h"
#include "awb-profile.h"

#define AS_OF "2026-06-30"
#define N_DEMO_CLIENTS "600"
#define CLIENTS_PER_FILE 400
#define MAX_OPS 400

typedef enum
{
  OP_CLIENTS,
  OP_TRADES,
  OP_SCORE,
  OP_PROFILE,
  N_OP_KINDS
} OpKind;

static const char *const op_names[N_OP_KINDS] = { "import clients", "import trades",
                                                  "scoring run", "profile save" };

typedef struct
{
  const char *cli;
  char       *self;
  char       *dir;
  char       *work;
  char       *pristine;
  GRand      *rand;
  guint32     seed;
  guint       kills;
  guint       kills_by_kind[N_OP_KINDS];
  guint       finished_first;
  guint       redone;
} Crash;

/* ---- the child that saves a profile ------------------------------------ */

static int
profile_save_main (const char *db_path,
                   const char *client_no,
                   const char *aum)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = awb_database_open (db_path, &error);
  g_autoptr(AwbProfile) profile = NULL;
  g_autofree char *notes = NULL;
  sqlite3_stmt *stmt;
  gint64 id = -1;

  if (db == NULL)
    g_error ("%s", error->message);
  stmt = awb_database_prepare (db, "SELECT id FROM clients WHERE client_no = ?", &error);
  if (stmt == NULL)
    g_error ("%s", error->message);
  sqlite3_bind_text (stmt, 1, client_no, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (id < 0)
    g_error ("no client %s", client_no);

  profile = awb_profile_read (db, id, awb_date_from_ymd (2026, 6, 30), &error);
  if (profile == NULL)
    g_error ("%s", error->message);
  notes = g_strdup_printf ("aum set to %s", aum);
  awb_profile_set (profile, "aum", aum);
  awb_profile_set (profile, "notes", notes);
  if (!awb_profile_save (profile, db, "test-crash", &error))
    g_error ("%s", error->message);
  return 0;
}

/* ---- processes ---------------------------------------------------------- */

static char **
op_argv (Crash       *c,
         const char  *book,
         guint        op,
         char       **client_no,
         char       **aum)
{
  GPtrArray *argv = g_ptr_array_new ();
  guint file = op / N_OP_KINDS;

  switch ((OpKind) (op % N_OP_KINDS))
    {
    case OP_CLIENTS:
    case OP_TRADES:
      g_ptr_array_add (argv, g_strdup (c->cli));
      g_ptr_array_add (argv, g_strdup ("import"));
      g_ptr_array_add (argv, g_strdup ("--db"));
      g_ptr_array_add (argv, g_strdup (book));
      g_ptr_array_add (argv, g_strdup (op % N_OP_KINDS == OP_CLIENTS ? "--clients" : "--trades"));
      g_ptr_array_add (argv, g_strdup_printf ("%s/%s-%03u.csv", c->dir,
                                              op % N_OP_KINDS == OP_CLIENTS ? "clients" : "trades",
                                              file));
      break;
    case OP_SCORE:
      g_ptr_array_add (argv, g_strdup (c->cli));
      g_ptr_array_add (argv, g_strdup ("score"));
      g_ptr_array_add (argv, g_strdup ("--db"));
      g_ptr_array_add (argv, g_strdup (book));
      g_ptr_array_add (argv, g_strdup ("--as-of=" AS_OF));
      g_ptr_array_add (argv, g_strdup ("--quiet"));
      break;
    case OP_PROFILE:
    default:
      /* a client of the file imported this round: its aum changes the scores */
      *client_no = g_strdup_printf ("K%03u%05u", file, (file * 7919u) % CLIENTS_PER_FILE);
      *aum = g_strdup_printf ("%u.%02u", 1000 + file * 123457u, file % 100);
      g_ptr_array_add (argv, g_strdup (c->self));
      g_ptr_array_add (argv, g_strdup ("--profile-save"));
      g_ptr_array_add (argv, g_strdup (book));
      g_ptr_array_add (argv, g_strdup (*client_no));
      g_ptr_array_add (argv, g_strdup (*aum));
      break;
    }
  g_ptr_array_add (argv, NULL);
  return (char **) g_ptr_array_free (argv, FALSE);
}

/* Runs @argv to the end; fails the test unless it succeeds.  Returns the
 * time it took, in µs. */
static gint64
run_to_end (char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 start = g_get_monotonic_time ();
  int status;

  if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error))
    g_error ("cannot run %s: %s", argv[0], error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s %s failed (%s):\n%s", argv[0], argv[1], error->message, err);
  return g_get_monotonic_time () - start;
}

/* Starts @argv and kills it after @delay µs.  Returns TRUE if the kill
 * interrupted it, FALSE if it had finished (successfully) before. */
static gboolean
run_and_kill (char   **argv,
              gint64   delay)
{
  pid_t pid = fork ();
  int status;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      int null = open ("/dev/null", O_WRONLY);

      dup2 (null, STDOUT_FILENO);
      dup2 (null, STDERR_FILENO);
      execv (argv[0], argv);
      _exit (127);
    }
  g_usleep ((gulong) delay);
  kill (pid, SIGKILL);
  while (waitpid (pid, &status, 0) < 0)
    g_assert_cmpint (errno, ==, EINTR);
  if (WIFSIGNALED (status))
    {
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
      return TRUE;
    }
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  return FALSE;
}

/* ---- the book, read directly ------------------------------------------ */

static sqlite3 *
book_open (const char *path)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    g_error ("cannot open %s: %s", path, sqlite3_errmsg (db));
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static char *
book_text (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static gint64
book_int (sqlite3    *db,
          const char *sql)
{
  g_autofree char *text = book_text (db, sql);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

/* ---- the files to import ------------------------------------------------ */

static void
write_import_files (Crash *c,
                    guint  file)
{
  g_autoptr(GString) clients = g_string_new ("client_id,name,gender,birth_date,aum,opened_on\n");
  g_autoptr(GString) trades = g_string_new ("trade_id,client_id,trade_date,amount,commission\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *clients_path = g_strdup_printf ("%s/clients-%03u.csv", c->dir, file);
  g_autofree char *trades_path = g_strdup_printf ("%s/trades-%03u.csv", c->dir, file);

  for (guint i = 0; i < CLIENTS_PER_FILE; i++)
    {
      g_string_append_printf (clients, "K%03u%05u,客户%u号,%s,%u-%02u-%02u,%u.%02u,20%02u-01-15\n",
                              file, i, i, i % 2 ? "M" : "F", 1950 + i % 50, 1 + i % 12,
                              1 + i % 28, (i * 7919u) % 5000000u, i % 100, 10 + i % 16);
      g_string_append_printf (trades, "T%03u%05u,K%03u%05u,2026-%02u-%02u,%u.00,%u.%02u\n",
                              file, i, file, i, 1 + i % 6, 1 + i % 28, 1000 + (i * 31u) % 90000u,
                              5 + i % 50, i % 100);
    }
  if (!g_file_set_contents (clients_path, clients->str, (gssize) clients->len, &error) ||
      !g_file_set_contents (trades_path, trades->str, (gssize) trades->len, &error))
    g_error ("%s", error->message);
}

/* ---- after a kill ------------------------------------------------------- */

/* Checks the work book after operation @op was killed, and returns whether
 * the operation landed. */
static gboolean
check_after_kill (Crash      *c,
                  guint       op,
                  gint64      runs_before,
                  const char *client_no,
                  const char *aum)
{
  sqlite3 *db = book_open (c->work);
  g_autofree char *integrity = book_text (db, "PRAGMA integrity_check");
  g_autofree char *fk_problem = NULL;
  g_autofree char *sql = NULL;
  guint file = op / N_OP_KINDS;
  gboolean landed = FALSE;
  gint64 n;

  if (g_strcmp0 (integrity, "ok") != 0)
    g_error ("seed %u, op %u (%s): integrity_check: %s", c->seed, op,
             op_names[op % N_OP_KINDS], integrity);
  fk_problem = book_text (db, "SELECT \"table\" || ' row ' || rowid FROM pragma_foreign_key_check");
  if (fk_problem != NULL)
    g_error ("seed %u, op %u (%s): foreign_key_check: %s", c->seed, op,
             op_names[op % N_OP_KINDS], fk_problem);

  switch ((OpKind) (op % N_OP_KINDS))
    {
    case OP_CLIENTS:
    case OP_TRADES:
      sql = g_strdup_printf (op % N_OP_KINDS == OP_CLIENTS
                             ? "SELECT count(*) FROM clients WHERE client_no LIKE 'K%03u%%'"
                             : "SELECT count(*) FROM trades WHERE trade_no LIKE 'T%03u%%'",
                             file);
      n = book_int (db, sql);
      if (n != 0 && n != CLIENTS_PER_FILE)
        g_error ("seed %u, op %u (%s): %" G_GINT64_FORMAT " of the file's %d rows landed",
                 c->seed, op, op_names[op % N_OP_KINDS], n, CLIENTS_PER_FILE);
      landed = n == CLIENTS_PER_FILE;
      break;
    case OP_SCORE:
      landed = book_int (db, "SELECT count(*) FROM scoring_runs") > runs_before;
      /* a run is there with all its scores, or not at all */
      n = book_int (db, "SELECT count(*) FROM scoring_runs r WHERE n_clients != "
                        "(SELECT count(*) FROM scores s WHERE s.id BETWEEN r.id << 32 "
                        "AND (r.id << 32) + 4294967295)");
      if (n != 0)
        g_error ("seed %u, op %u (scoring run): %" G_GINT64_FORMAT " runs without all their scores",
                 c->seed, op, n);
      break;
    case OP_PROFILE:
    default:
      {
        g_autofree char *notes = g_strdup_printf ("aum set to %s", aum);
        g_autofree char *aum_sql = g_strdup_printf ("SELECT aum FROM clients WHERE client_no = '%s'",
                                                    client_no);
        g_autofree char *notes_sql = g_strdup_printf ("SELECT notes FROM clients WHERE client_no = '%s'",
                                                      client_no);
        AwbFen fen = 0;
        g_autofree char *got_notes = book_text (db, notes_sql);
        gboolean aum_new, notes_new;

        g_assert_true (awb_money_parse (aum, -1, &fen));
        aum_new = book_int (db, aum_sql) == fen;
        notes_new = g_strcmp0 (got_notes, notes) == 0;
        if (aum_new != notes_new)
          g_error ("seed %u, op %u (profile save): aum %s but notes %s", c->seed, op,
                   aum_new ? "saved" : "not saved", notes_new ? "saved" : "not saved");
        landed = aum_new;
      }
      break;
    }
  sqlite3_close (db);
  return landed;
}

/* ---- the test ----------------------------------------------------------- */

static void
export_scores (Crash      *c,
               const char *book,
               const char *out)
{
  char *score[] = { (char *) c->cli, (char *) "score", (char *) "--db", (char *) book,
                    (char *) "--as-of=" AS_OF, (char *) "--quiet", NULL };
  char *export[] = { (char *) c->cli, (char *) "export", (char *) "scores", (char *) "--db",
                     (char *) book, (char *) "-o", (char *) out, NULL };

  run_to_end (score);
  run_to_end (export);
}

static void
test_crash (void)
{
  Crash c = { 0 };
  g_autoptr(GError) error = NULL;
  const char *env;
  guint want_kills = 60;
  gint64 start = g_get_monotonic_time ();
  guint op;

  c.cli = g_getenv ("AWB_CLI");
  if (c.cli == NULL)
    {
      g_test_skip ("AWB_CLI is not set");
      return;
    }
  c.self = g_file_read_link ("/proc/self/exe", &error);
  g_assert_no_error (error);
  c.seed = (guint32) g_get_real_time ();
  if ((env = g_getenv ("AWB_CRASH_SEED")) != NULL)
    c.seed = (guint32) g_ascii_strtoull (env, NULL, 10);
  if ((env = g_getenv ("AWB_CRASH_KILLS")) != NULL)
    want_kills = (guint) g_ascii_strtoull (env, NULL, 10);
  c.rand = g_rand_new_with_seed (c.seed);
  g_test_message ("seed %u (AWB_CRASH_SEED=%u repeats this run)", c.seed, c.seed);
  g_printerr ("# test-crash: seed %u (AWB_CRASH_SEED=%u repeats this run)\n", c.seed, c.seed);

  c.dir = g_dir_make_tmp ("awb-crash-XXXXXX", &error);
  g_assert_no_error (error);
  c.work = g_build_filename (c.dir, "work.sqlite", NULL);
  c.pristine = g_build_filename (c.dir, "pristine.sqlite", NULL);

  /* Both books: the same demo branch. */
  {
    char *demo[] = { (char *) c.cli, (char *) "demo", (char *) "--db", c.work,
                     (char *) "--clients=" N_DEMO_CLIENTS, (char *) "--seed=7",
                     (char *) "--end-date=" AS_OF, (char *) "--quiet", NULL };
    g_autofree char *contents = NULL;
    g_autofree char *wal = g_strconcat (c.work, "-wal", NULL);
    gsize len;

    run_to_end (demo);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_get_contents (c.work, &contents, &len, NULL));
    g_assert_true (g_file_set_contents (c.pristine, contents, (gssize) len, NULL));
  }

  for (op = 0; c.kills < want_kills && op < MAX_OPS; op++)
    {
      g_autofree char *client_no = NULL;
      g_autofree char *aum = NULL;
      g_auto(GStrv) pristine_argv = NULL;
      g_auto(GStrv) work_argv = NULL;
      gint64 took, delay, runs_before = 0;
      gboolean killed;

      if (op % N_OP_KINDS == OP_CLIENTS)
        write_import_files (&c, op / N_OP_KINDS);
      pristine_argv = op_argv (&c, c.pristine, op, &client_no, &aum);
      g_clear_pointer (&client_no, g_free);
      g_clear_pointer (&aum, g_free);
      work_argv = op_argv (&c, c.work, op, &client_no, &aum);

      took = run_to_end (pristine_argv);
      if (op % N_OP_KINDS == OP_SCORE)
        {
          sqlite3 *db = book_open (c.work);
          runs_before = book_int (db, "SELECT count(*) FROM scoring_runs");
          sqlite3_close (db);
        }

      /* Anywhere from the start to the end of the time it takes (the seed
       * gives the fractions: whether the kill comes before the end still
       * depends on the machine). */
      delay = (gint64) (g_rand_double (c.rand) * (double) took);
      killed = run_and_kill (work_argv, delay);
      if (killed)
        {
          c.kills++;
          c.kills_by_kind[op % N_OP_KINDS]++;
        }
      else
        c.finished_first++;

      if (!check_after_kill (&c, op, runs_before, client_no, aum))
        {
          g_assert_true (killed);
          /* A new process, after the crash, does it to the end. */
          run_to_end (work_argv);
          c.redone++;
          g_assert_true (check_after_kill (&c, op, runs_before, client_no, aum));
        }
    }

  g_printerr ("# test-crash: %u operations, %u kills (imports of clients %u, of trades %u, "
              "scoring runs %u, profile saves %u), %u finished before the kill, %u redone, "
              "%.1f s\n",
              op, c.kills, c.kills_by_kind[OP_CLIENTS], c.kills_by_kind[OP_TRADES],
              c.kills_by_kind[OP_SCORE], c.kills_by_kind[OP_PROFILE], c.finished_first,
              c.redone, (double) (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (c.kills, >=, want_kills);

  /* A fresh run on each book: the same scores. */
  {
    g_autofree char *work_csv = g_build_filename (c.dir, "work-scores.csv", NULL);
    g_autofree char *pristine_csv = g_build_filename (c.dir, "pristine-scores.csv", NULL);
    g_autofree char *work_scores = NULL;
    g_autofree char *pristine_scores = NULL;
    sqlite3 *db;

    export_scores (&c, c.work, work_csv);
    export_scores (&c, c.pristine, pristine_csv);
    g_assert_true (g_file_get_contents (work_csv, &work_scores, NULL, NULL));
    g_assert_true (g_file_get_contents (pristine_csv, &pristine_scores, NULL, NULL));
    db = book_open (c.work);
    g_assert_cmpint (book_int (db, "SELECT count(*) FROM clients"), >=,
                     atoi (N_DEMO_CLIENTS) + (gint64) (op / N_OP_KINDS) * CLIENTS_PER_FILE);
    sqlite3_close (db);
    /* one line per client, and a header */
    g_assert_cmpuint (strlen (pristine_scores), >, (gsize) atoi (N_DEMO_CLIENTS));
    if (strcmp (work_scores, pristine_scores) != 0)
      g_error ("seed %u: the scores of the book that was killed %u times differ from the "
               "never-interrupted book's (%s, %s)", c.seed, c.kills, work_csv, pristine_csv);
  }

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", c.dir);
    g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  }
  g_rand_free (c.rand);
  g_free (c.self);
  g_free (c.dir);
  g_free (c.work);
  g_free (c.pristine);
}

int
main (int    argc,
      char **argv)
{
  if (argc == 5 && strcmp (argv[1], "--profile-save") == 0)
    return profile_save_main (argv[2], argv[3], argv[4]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crash/kill-and-recover", test_crash);
  return g_test_run ();
}
