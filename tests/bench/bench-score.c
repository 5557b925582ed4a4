/* bench-score.c: how fast is a scoring run, against the floor and plain SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: bench-score [--size small|medium|large]... [--dir DIR] [--no-sql] [--classify] [--no-cold]
 *
 * For each size (small 10,000 clients / 300,000 trades, medium 100,000 /
 * 3,000,000, large 1,000,000 / 20,000,000; all three by default) it
 * generates a book with the demo generator once (kept in DIR, default
 * $AWB_BENCH_DIR or /var/tmp/awb-bench, and reused), then measures, in the
 * same run on the same book:
 *
 *   floor  a bare loop stepping through
 *          SELECT client_id, trade_date, commission FROM trades
 *          reading the three columns and nothing else;
 *   run    a full scoring run (awb_scoring_run: bring the book's scan
 *          packs up to date, gather every fact, RFM, write every client's
 *          scores in one transaction), with where the time goes (packs /
 *          gather / RFM / classify / write, from its progress marks); with
 *          --classify, the book's settings and the classifier too, as
 *          `advisor-workbench-cli score` runs it;
 *   cold   before that (unless --no-cold), the first run on a book
 *          without scan packs (they are deleted first, untimed): it packs
 *          the book, as the first run after generating or migrating one
 *          does; "run" is then the next run, on the packed book;
 *   sql    the same RFM as one SQL query (GROUP BY + window functions,
 *          trades NOT INDEXED: a sequential scan) run by the sqlite3
 *          shell; its R, F and M scores are compared with the run's for
 *          every client.
 *
 * Each measurement runs in a child process of its own, so its peak memory
 * (getrusage's ru_maxrss of the child) is its alone.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "awb-classify.h"
#include "awb-date.h"
#include "awb-demo.h"
#include "awb-scoring.h"
#include "awb-settings-store.h"

typedef struct
{
  const char *name;
  guint       n_clients;
  guint64     n_trades;
} Size;

static const Size sizes[] = {
  { "small", 10000, 300000 },
  { "medium", 100000, 3000000 },
  { "large", 1000000, 20000000 },
};

/* What a child reports back through its pipe. */
typedef struct
{
  double  seconds;
  double  packs, gather, rfm, classify, write;   /* run only */
  gint64  run_id;
  guint64 rows;
  int     ok;
} Report;

typedef struct
{
  double  wall;        /* measured by the child around the work */
  double  cpu;         /* the child's user + system time, all of it */
  long    maxrss_kb;   /* the child's peak */
  Report  report;
} Measure;

static const char *
load_average (void)
{
  static char buf[128];
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return "?\n";
  g_strlcpy (buf, text, sizeof buf);
  return buf;
}

static double
now_s (void)
{
  return (double) g_get_monotonic_time () / G_USEC_PER_SEC;
}

/* Runs @func in a child; fills @m from its report and rusage. */
static gboolean
in_child (void     (*func) (gpointer data, Report *report),
          gpointer   data,
          Measure   *m)
{
  int fds[2];
  pid_t pid;
  int status;
  struct rusage ru;
  ssize_t got;

  fflush (stdout);
  fflush (stderr);
  if (pipe (fds) != 0)
    g_error ("pipe: %s", g_strerror (errno));
  pid = fork ();
  if (pid < 0)
    g_error ("fork: %s", g_strerror (errno));
  if (pid == 0)
    {
      Report r = { 0 };

      close (fds[0]);
      func (data, &r);
      if (write (fds[1], &r, sizeof r) != sizeof r)
        _exit (3);
      _exit (r.ok ? 0 : 1);
    }
  close (fds[1]);
  memset (m, 0, sizeof *m);
  got = read (fds[0], &m->report, sizeof m->report);
  close (fds[0]);
  if (wait4 (pid, &status, 0, &ru) < 0)
    g_error ("wait4: %s", g_strerror (errno));
  m->maxrss_kb = ru.ru_maxrss;
  m->cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
           ru.ru_stime.tv_usec / 1e6;
  m->wall = m->report.seconds;
  return got == sizeof m->report && WIFEXITED (status) && WEXITSTATUS (status) == 0 &&
         m->report.ok;
}

typedef struct
{
  const char *path;
  const Size *size;
  AwbDate     as_of;
  gboolean    classify;
  gboolean    cold;       /* run: forget the scan packs first (not timed) */
} Job;

static void
generate (gpointer data,
          Report  *r)
{
  Job *job = data;
  g_autofree char *tmp = g_strconcat (job->path, ".part", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = NULL;
  AwbDemoOptions options;
  double t0 = now_s ();

  g_unlink (tmp);
  db = awb_database_open (tmp, &error);
  awb_demo_options_init (&options);
  options.n_clients = job->size->n_clients;
  options.n_trades = job->size->n_trades;
  options.seed = 1;
  options.end_date = job->as_of;
  /* closing the last connection checkpoints and removes the WAL */
  if (db == NULL || !awb_demo_generate (db, &options, NULL, NULL, NULL, &error))
    {
      g_printerr ("generating %s: %s\n", tmp, error->message);
      return;
    }
  g_clear_object (&db);
  if (g_rename (tmp, job->path) != 0)
    {
      g_printerr ("rename %s: %s\n", tmp, g_strerror (errno));
      return;
    }
  r->seconds = now_s () - t0;
  r->ok = 1;
}

static void
floor_loop (gpointer data,
            Report  *r)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = awb_database_open (job->path, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  volatile gint64 sink = 0;
  double t0 = now_s ();
  int rc;

  if (db == NULL)
    {
      g_printerr ("%s\n", error->message);
      return;
    }
  stmt = awb_database_prepare (db, "SELECT client_id, trade_date, commission FROM trades",
                               &error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      sink += sqlite3_column_int64 (stmt, 0);
      sink += sqlite3_column_int (stmt, 1);
      sink += sqlite3_column_int64 (stmt, 2);
      r->rows++;
    }
  r->seconds = now_s () - t0;
  r->ok = rc == SQLITE_DONE;
}

typedef struct
{
  double t0, t_packed, t_gathered, t_scored, t_classified;
} Marks;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  Marks *m = user_data;

  /* the run reports 0.3 when packed, 0.7 when gathered, 0.75 when scored,
   * 0.8 before writing */
  if (fraction >= 0.3 && m->t_packed == 0)
    m->t_packed = now_s ();
  if (fraction >= 0.7 && m->t_gathered == 0)
    m->t_gathered = now_s ();
  if (fraction >= 0.75 && m->t_scored == 0)
    m->t_scored = now_s ();
  if (fraction >= 0.8 && m->t_classified == 0)
    m->t_classified = now_s ();
}

static void
scoring_run (gpointer data,
             Report  *r)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = awb_database_open (job->path, &error);
  g_autoptr(AwbSettings) book = NULL;
  AwbRfmSettings settings;
  Marks marks = { 0 };
  double t1;

  if (db == NULL)
    {
      g_printerr ("%s\n", error->message);
      return;
    }
  if (job->cold &&
      !awb_database_exec (db, "DELETE FROM scan_packs; PRAGMA wal_checkpoint(TRUNCATE)", &error))
    {
      g_printerr ("%s\n", error->message);
      return;
    }
  awb_rfm_settings_init_default (&settings);
  if (job->classify && (book = awb_settings_store_load (db, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return;
    }
  marks.t0 = now_s ();
  if (job->classify)
    r->run_id = awb_scoring_run (db, job->as_of, &book->rfm, awb_classify_hook, book,
                                 on_progress, &marks, NULL, NULL, &error);
  else
    r->run_id = awb_scoring_run (db, job->as_of, &settings, NULL, NULL, on_progress, &marks,
                                 NULL, NULL, &error);
  t1 = now_s ();
  if (r->run_id == 0)
    {
      g_printerr ("scoring run: %s\n", error->message);
      return;
    }
  r->seconds = t1 - marks.t0;
  r->packs = marks.t_packed - marks.t0;
  r->gather = marks.t_gathered - marks.t_packed;
  r->rfm = marks.t_scored - marks.t_gathered;
  r->classify = marks.t_classified - marks.t_scored;
  r->write = t1 - marks.t_classified;
  r->ok = 1;
}

/* The SQL of one dimension's breakpoints: type-7 quantiles written as R
 * writes them, the same double arithmetic as awb-rfm.c. */
static char *
breaks_sql (const char *dim)
{
  return g_strdup_printf (
    "need_%1$s AS (SELECT CAST(ix AS INTEGER) AS rn FROM idx"
    "  UNION SELECT CAST(ix AS INTEGER) + 1 FROM idx),\n"
    "v_%1$s AS (SELECT rn, v FROM (SELECT %1$s AS v, row_number() OVER (ORDER BY %1$s) AS rn"
    "  FROM agg) WHERE rn IN need_%1$s),\n"
    "b_%1$s AS (SELECT"
    "  max(CASE WHEN k = 1 THEN b END) AS b1, max(CASE WHEN k = 2 THEN b END) AS b2,"
    "  max(CASE WHEN k = 3 THEN b END) AS b3, max(CASE WHEN k = 4 THEN b END) AS b4"
    "  FROM (SELECT idx.k, 1 + CASE WHEN idx.ix > lo.rn AND hi.v <> lo.v"
    "    THEN (1 - (idx.ix - lo.rn)) * lo.v + (idx.ix - lo.rn) * hi.v ELSE lo.v END AS b"
    "    FROM idx JOIN v_%1$s AS lo ON lo.rn = CAST(idx.ix AS INTEGER)"
    "    LEFT JOIN v_%1$s AS hi ON hi.rn = CAST(idx.ix AS INTEGER) + 1))",
    dim);
}

static char *
rfm_sql (AwbDate as_of,
         int     window_days)
{
  g_autofree char *br = breaks_sql ("r");
  g_autofree char *bf = breaks_sql ("f");
  g_autofree char *bm = breaks_sql ("m");

  return g_strdup_printf (
    "WITH agg AS MATERIALIZED (SELECT client_id,"
    "  %1$d - max(trade_date) AS r,"
    "  sum(trade_date > %1$d - %2$d) AS f,"
    "  sum(CASE WHEN trade_date > %1$d - %2$d THEN commission ELSE 0 END) / 100.0 AS m"
    "  FROM trades NOT INDEXED WHERE trade_date <= %1$d GROUP BY client_id),\n"
    "n AS (SELECT count(*) AS n FROM agg),\n"
    "probs(k) AS (VALUES (1), (2), (3), (4)),\n"
    "idx AS MATERIALIZED (SELECT k, 1 + (n - 1) * (k * 0.2) AS ix FROM probs, n),\n"
    "%3$s,\n%4$s,\n%5$s\n"
    "SELECT client_id,"
    "  6 - (1 + (r >= b_r.b1) + (r >= b_r.b2) + (r >= b_r.b3) + (r >= b_r.b4)),"
    "  1 + (f >= b_f.b1) + (f >= b_f.b2) + (f >= b_f.b3) + (f >= b_f.b4),"
    "  1 + (m >= b_m.b1) + (m >= b_m.b2) + (m >= b_m.b3) + (m >= b_m.b4)"
    " FROM agg, b_r, b_f, b_m ORDER BY client_id;\n",
    as_of, window_days, br, bf, bm);
}

typedef struct
{
  const char *book;
  const char *query;
  const char *out;
} SqlJob;

static gboolean
run_sqlite3 (SqlJob  *job,
             Measure *m)
{
  pid_t pid;
  int status;
  struct rusage ru;
  double t0 = now_s ();

  fflush (stdout);
  pid = fork ();
  if (pid == 0)
    {
      int in = open (job->query, O_RDONLY);
      int out = open (job->out, O_WRONLY | O_CREAT | O_TRUNC, 0600);

      if (in < 0 || out < 0)
        _exit (126);
      dup2 (in, 0);
      dup2 (out, 1);
      execlp ("sqlite3", "sqlite3", "-bail", "-csv", job->book, (char *) NULL);
      _exit (127);
    }
  if (pid < 0 || wait4 (pid, &status, 0, &ru) < 0)
    return FALSE;
  memset (m, 0, sizeof *m);
  m->wall = now_s () - t0;
  m->maxrss_kb = ru.ru_maxrss;
  m->cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
           ru.ru_stime.tv_usec / 1e6;
  return WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

/* Compares the shell's "client_id,r,f,m" lines with the run's scores. */
static gboolean
compare_scores (const char *book,
                gint64      run_id,
                const char *sql_out,
                guint64    *n_compared,
                guint64    *n_different)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = awb_database_open (book, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *text = NULL;
  char *line, *next;
  int rc;

  *n_compared = *n_different = 0;
  if (db == NULL || !g_file_get_contents (sql_out, &text, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  stmt = awb_database_prepare (db,
                               "SELECT client_id, r_score, f_score, m_score FROM scores "
                               "WHERE id >= (?1 << 32) AND id < ((?1 + 1) << 32) AND r_score IS NOT NULL"
                               " ORDER BY id",
                               &error);
  sqlite3_bind_int64 (stmt, 1, run_id);
  line = text;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id, r, f, m;
      const char *cur = line;

      char *p = line;

      /* not sscanf: glibc's measures the whole rest of the buffer each call */
      if (*line == '\0')
        {
          (*n_different)++;
          break;
        }
      id = g_ascii_strtoll (p, &p, 10);
      r = *p == ',' ? g_ascii_strtoll (p + 1, &p, 10) : -1;
      f = *p == ',' ? g_ascii_strtoll (p + 1, &p, 10) : -1;
      m = *p == ',' ? g_ascii_strtoll (p + 1, &p, 10) : -1;
      next = strchr (line, '\n');
      line = next ? next + 1 : line + strlen (line);
      (*n_compared)++;
      if (id != sqlite3_column_int64 (stmt, 0) || r != sqlite3_column_int (stmt, 1) ||
          f != sqlite3_column_int (stmt, 2) || m != sqlite3_column_int (stmt, 3))
        {
          if (*n_different < 5)
            g_printerr ("  differs: sql %.*s vs run %" G_GINT64_FORMAT ",%d,%d,%d\n",
                        (int) strcspn (cur, "\n"), cur, (gint64) sqlite3_column_int64 (stmt, 0),
                        sqlite3_column_int (stmt, 1), sqlite3_column_int (stmt, 2),
                        sqlite3_column_int (stmt, 3));
          (*n_different)++;
        }
    }
  if (*line != '\0')
    (*n_different)++;   /* the shell scored clients the run did not */
  return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

static void
delete_run (const char *book,
            gint64      run_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = awb_database_open (book, &error);

  if (db == NULL || !awb_scoring_delete_run (db, run_id, &error) ||
      !awb_database_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", &error))
    g_printerr ("deleting run %" G_GINT64_FORMAT ": %s\n", run_id, error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) size_opt = NULL;
  g_autofree char *dir = NULL;
  gboolean no_sql = FALSE;
  gboolean classify = FALSE;
  gboolean no_cold = FALSE;
  GOptionEntry entries[] = {
    { "size", 0, 0, G_OPTION_ARG_STRING_ARRAY, &size_opt,
      "small, medium or large (repeatable)", "SIZE" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where the books are kept", "DIR" },
    { "no-sql", 0, 0, G_OPTION_ARG_NONE, &no_sql, "Skip the sqlite3 query", NULL },
    { "classify", 0, 0, G_OPTION_ARG_NONE, &classify, "Classify too, as the score command",
      NULL },
    { "no-cold", 0, 0, G_OPTION_ARG_NONE, &no_cold,
      "Skip the first run, which packs the book (its packs deleted first)", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- scoring run benchmark");
  g_autoptr(GError) error = NULL;
  AwbDate as_of = awb_date_from_ymd (2025, 6, 30);
  int status = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (dir == NULL)
    dir = g_strdup (g_getenv ("AWB_BENCH_DIR") ? g_getenv ("AWB_BENCH_DIR") : "/var/tmp/awb-bench");
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_printerr ("cannot create %s: %s\n", dir, g_strerror (errno));
      return 1;
    }

  printf ("# as of 2025-06-30, 365-day window, commission, quantiles%s; times in seconds "
          "(wall), peak RSS in MB\n", classify ? ", classified" : "");
  printf ("# cpu: the process's user + system seconds (the run uses two threads); "
          "load average at start %s", load_average ());
  printf ("# run: a scoring run on a packed book (packs: bringing the packs up to date, "
          "gather, rfm, classify, write); cold: the first run, which packs the book\n");
  printf ("%-7s %9s %10s | %6s %6s %5s | %6s %5s %6s %6s %6s %6s %6s %5s | %6s %5s | %6s %6s %5s "
          "| %6s %6s  %s\n",
          "size", "clients", "trades", "floor", "cpu", "MB", "run", "packs", "gather", "rfm",
          "class", "write", "cpu", "MB", "cold", "MB", "sql", "cpu", "MB", "run/fl", "sql/rn",
          "scores");

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      const Size *size = &sizes[s];
      g_autofree char *name = g_strdup_printf ("book-%s.sqlite", size->name);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *query = g_build_filename (dir, "rfm-query.sql", NULL);
      g_autofree char *sql_out = g_build_filename (dir, "rfm-query.out", NULL);
      g_autofree char *sql_text = NULL;
      Job job = { path, size, as_of, classify, FALSE };
      Job cold_job = { path, size, as_of, classify, TRUE };
      Measure gen, fl, run, first = { 0 }, sql = { 0 };
      char verdict[64] = "skipped";
      gboolean wanted = size_opt == NULL;

      for (guint i = 0; size_opt && size_opt[i]; i++)
        wanted |= g_strcmp0 (size_opt[i], size->name) == 0;
      if (!wanted)
        continue;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_printerr ("# generating %s (%u clients, %" G_GUINT64_FORMAT " trades)…\n",
                      path, size->n_clients, size->n_trades);
          if (!in_child (generate, &job, &gen))
            return 1;
          g_printerr ("# generated in %.1f s\n", gen.wall);
        }

      if (!in_child (floor_loop, &job, &fl))
        {
          status = 1;
          continue;
        }
      if (!no_cold)
        {
          if (!in_child (scoring_run, &cold_job, &first))
            {
              status = 1;
              continue;
            }
          delete_run (path, first.report.run_id);
        }
      if (!in_child (scoring_run, &job, &run))
        {
          status = 1;
          continue;
        }

      if (!no_sql)
        {
          SqlJob sj = { path, query, sql_out };
          guint64 compared, different;

          sql_text = rfm_sql (as_of, 365);
          g_file_set_contents (query, sql_text, -1, NULL);
          if (!run_sqlite3 (&sj, &sql))
            {
              g_strlcpy (verdict, "sqlite3 failed", sizeof verdict);
              status = 1;
            }
          else if (compare_scores (path, run.report.run_id, sql_out, &compared, &different))
            {
              g_snprintf (verdict, sizeof verdict, "%s (%" G_GUINT64_FORMAT " clients)",
                          different == 0 ? "equal" : "DIFFERENT", compared);
              if (different != 0)
                status = 1;
            }
          g_unlink (sql_out);
        }
      delete_run (path, run.report.run_id);

      printf ("%-7s %9u %10" G_GUINT64_FORMAT " | %6.2f %6.2f %5.0f | %6.2f %5.2f %6.2f %6.2f "
              "%6.2f %6.2f %6.2f %5.0f | %6.2f %5.0f | %6.2f %6.2f %5.0f | %6.2f %6.1f  %s\n",
              size->name, size->n_clients, fl.report.rows, fl.wall, fl.cpu,
              fl.maxrss_kb / 1024.0, run.wall, run.report.packs, run.report.gather,
              run.report.rfm, run.report.classify, run.report.write, run.cpu,
              run.maxrss_kb / 1024.0, first.wall, first.maxrss_kb / 1024.0, sql.wall, sql.cpu,
              sql.maxrss_kb / 1024.0, run.wall / fl.wall,
              sql.wall > 0 ? sql.wall / run.wall : 0.0, verdict);
      fflush (stdout);
    }
  return status;
}
