/* bench-server.c: the branch server's speed: pulls, syncs, scoring runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: bench-server [--server URI] [--clients N] [--trades M] [--managers K]
 *                     [--runs R] [--dir DIR]
 *
 * URI: a PostgreSQL superuser, no database (default $AWB_BENCH_PG_URI, then
 * $AWB_TEST_PG_URI: tests/server/with-pg sets it).  Defaults: 100,000
 * clients, 2,000,000 trades, 50 managers, 3 runs, DIR $AWB_BENCH_DIR or
 * /var/tmp/awb-bench.
 *
 * Once per size (kept and reused): a demo book of N clients and M trades
 * (DIR/server-N-M.sqlite) whose clients are dealt round-robin to K
 * managers 经理01 … 经理K, so 经理01 has N/K of them; and the database
 * awb_bench_N_M on the server, loaded from that book with binary COPY FROM
 * STDIN into temporary tables and INSERT … SELECT (triggers off:
 * session_replication_role = replica; manager_id and rev set in the same
 * statement).  The logins bench_boss (branch manager) and bench_mgr
 * (relationship manager of 经理01) are (re)made.  Then it measures, R
 * times each, and prints min / median / max:
 *
 *   pull     the first sync of an empty book under bench_mgr: 经理01's
 *            clients with their trades and interactions (awb_sync_run);
 *   sync100  an incremental sync of that book with 100 client fields
 *            changed locally and 100 others changed on the server;
 *   server   a scoring run on the server as `score --server` makes it,
 *            warm cache (bench_boss's cache book, synced and scored once
 *            untimed): the cache's sync, then the run in the cache and its
 *            upload (awb_server_run_score), and the two together;
 *   local    the same scoring run on the demo book itself
 *            (awb_scoring_score_book), after one untimed run.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "awb-date.h"
#include "awb-demo.h"
#include "awb-scoring.h"
#include "awb-server-private.h"
#include "awb-server-run.h"
#include "awb-sync.h"

static double
now (void)
{
  return (double) g_get_monotonic_time () / G_USEC_PER_SEC;
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
print_times (const char *what,
             GArray     *times,
             const char *extra)
{
  double *t = (double *) times->data;

  qsort (t, times->len, sizeof (double), cmp_double);
  printf ("%-34s min %8.3f s  median %8.3f s  max %8.3f s  (%u runs)%s%s\n", what, t[0],
          t[times->len / 2], t[times->len - 1], times->len, extra ? "  " : "", extra ? extra : "");
  fflush (stdout);
}

static void
die (const char *what,
     GError     *error)
{
  g_printerr ("bench-server: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

/* A conninfo string for @user on @dbname of the server of @uri. */
static char *
conninfo_for (const char *uri,
              const char *dbname,
              const char *user,
              const char *password)
{
  PQconninfoOption *opts = PQconninfoParse (uri, NULL);
  GString *s = g_string_new (NULL);

  if (opts == NULL)
    {
      g_printerr ("bench-server: cannot parse %s\n", uri);
      exit (2);
    }
  for (PQconninfoOption *o = opts; o->keyword != NULL; o++)
    {
      if (o->val == NULL || g_str_equal (o->keyword, "dbname") ||
          (user != NULL && (g_str_equal (o->keyword, "user") || g_str_equal (o->keyword, "password"))))
        continue;
      g_string_append_printf (s, "%s='%s' ", o->keyword, o->val);
    }
  PQconninfoFree (opts);
  g_string_append_printf (s, "dbname='%s'", dbname);
  if (user != NULL)
    g_string_append_printf (s, " user='%s' password='%s'", user, password);
  return g_string_free (s, FALSE);
}

static AwbServer *
connect_or_die (const char *conninfo)
{
  g_autoptr(GError) error = NULL;
  AwbServer *server = awb_server_connect (conninfo, NULL, &error);

  if (server == NULL)
    die ("connect", error);
  return server;
}

static void
exec_or_die (AwbServer  *server,
             const char *sql)
{
  g_autoptr(GError) error = NULL;

  if (!awb_server_exec (server, sql, &error))
    die (sql, error);
}

static void
book_exec_or_die (AwbDatabase *db,
                  const char  *sql)
{
  g_autoptr(GError) error = NULL;

  if (!awb_database_exec (db, sql, &error))
    die (sql, error);
}

/* ---- the demo book ---------------------------------------------------------- */

static void
make_book (const char *path,
           guint       n_clients,
           guint64     n_trades,
           guint       n_managers)
{
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  g_autoptr(AwbDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  AwbDemoOptions options;
  double t0 = now ();

  g_unlink (partial);
  db = awb_database_open (partial, &error);
  if (db == NULL)
    die ("open the demo book", error);
  awb_demo_options_init (&options);
  options.n_clients = n_clients;
  options.n_trades = n_trades;
  options.seed = 1;
  options.end_date = awb_date_from_ymd (2026, 6, 30);
  if (!awb_demo_generate_full (db, &options, NULL, NULL, NULL, NULL, &error))
    die ("generate the demo book", error);
  sql = g_strdup_printf ("BEGIN;"
                         "INSERT INTO managers (name) WITH RECURSIVE k (i) AS"
                         " (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %u)"
                         " SELECT printf ('经理%%02d', i) FROM k;"
                         "UPDATE clients SET manager_id = (SELECT id FROM managers"
                         " WHERE name = printf ('经理%%02d', 1 + clients.id %% %u));"
                         "DELETE FROM managers WHERE name NOT LIKE '经理%%';"
                         "COMMIT;", n_managers, n_managers);
  book_exec_or_die (db, sql);
  g_clear_object (&db);
  if (g_rename (partial, path) != 0)
    {
      g_printerr ("bench-server: cannot rename %s\n", partial);
      exit (1);
    }
  printf ("generated %s in %.1f s\n", path, now () - t0);
}

/* ---- loading the server ------------------------------------------------------ */

/* Stages the book's @table (the server's @columns) and inserts it into
 * awb.@table with @extra_columns / @extra_values. */
static void
load_table (AwbServer   *server,
            AwbDatabase *book,
            const char  *table,
            const char  *column_list,
            const char  *extra_columns,
            const char  *extra_values,
            const char  *join)
{
  g_auto(GStrv) parts = g_strsplit (column_list, ",", -1);
  guint n = g_strv_length (parts);
  g_autofree AwbCopyType *types = g_new (AwbCopyType, n);
  g_autoptr(GString) select_cols = g_string_new (NULL);
  g_autofree char *stage = g_strdup_printf ("bench_stage_%s", table);
  g_autofree char *select = NULL;
  g_autofree char *insert = NULL;
  g_autoptr(GError) error = NULL;
  gint64 rows = 0;
  double t0 = now ();

  for (guint i = 0; i < n; i++)
    {
      const char *params[] = { table, g_strstrip (parts[i]) };
      g_autoptr(PGresult) res = awb_server_query (server,
                                                  "SELECT data_type FROM information_schema.columns"
                                                  " WHERE table_schema = 'awb' AND table_name = $1"
                                                  " AND column_name = $2", 2, params, &error);
      const char *type;

      if (res == NULL || PQntuples (res) != 1)
        die (parts[i], error);
      type = PQgetvalue (res, 0, 0);
      types[i] = g_str_equal (type, "text") ? AWB_COPY_TEXT
                 : g_str_equal (type, "double precision") ? AWB_COPY_FLOAT8 : AWB_COPY_INT8;
      g_string_append_printf (select_cols, "%ss.%s", i > 0 ? ", " : "", parts[i]);
    }
  select = g_strdup_printf ("SELECT %s FROM %s", column_list, table);
  if (!awb_server_copy_book_to_temp (server, book, select, (const char *const *) parts, types, n,
                                     stage, &rows, NULL, &error))
    die (table, error);
  insert = g_strdup_printf ("INSERT INTO awb.%s (%s%s) SELECT %s%s FROM %s s %s", table, column_list,
                            extra_columns, select_cols->str, extra_values, stage, join);
  exec_or_die (server, insert);
  printf ("  loaded %-12s %10" G_GINT64_FORMAT " rows in %6.1f s\n", table, rows, now () - t0);
  fflush (stdout);
}

static void
load_server (const char *uri,
             const char *dbname,
             AwbDatabase *book,
             const char *size_key)
{
  g_autofree char *admin_info = conninfo_for (uri, "postgres", NULL, NULL);
  g_autofree char *db_info = conninfo_for (uri, dbname, NULL, NULL);
  g_autoptr(AwbServer) admin = connect_or_die (admin_info);
  g_autoptr(AwbServer) server = NULL;
  g_autoptr(GError) error = NULL;
  double t0 = now ();

  {
    const char *params[] = { dbname };
    g_autoptr(PGresult) res = awb_server_query (admin, "SELECT 1 FROM pg_database WHERE datname = $1",
                                                1, params, &error);
    if (res == NULL)
      die ("pg_database", error);
    if (PQntuples (res) == 0)
      {
        g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s", dbname);
        exec_or_die (admin, sql);
      }
  }
  server = connect_or_die (db_info);
  {
    g_autoptr(PGresult) res = awb_server_query (server, "SELECT to_regclass ('awb.meta') IS NOT NULL",
                                                0, NULL, NULL);
    g_autoptr(PGresult) v = NULL;

    if (res != NULL && g_str_equal (PQgetvalue (res, 0, 0), "t"))
      v = awb_server_query (server, "SELECT value FROM awb.meta WHERE key = 'bench_loaded'", 0, NULL, NULL);
    if (v != NULL && PQntuples (v) == 1 && g_str_equal (PQgetvalue (v, 0, 0), size_key))
      {
        printf ("the server database %s is loaded already\n", dbname);
        return;
      }
  }
  printf ("loading the server database %s\n", dbname);
  exec_or_die (server, "DROP SCHEMA IF EXISTS awb CASCADE");
  if (!awb_server_init_schema (server, &error))
    die ("server init", error);
  if (!awb_server_begin (server, &error))
    die ("begin", error);
  exec_or_die (server, "SET LOCAL session_replication_role = replica");
  load_table (server, book, "managers", "id, name", ", rev", ", 1", "");
  load_table (server, book, "clients", awb_server_clients_columns, ", rev", ", 1", "");
  load_table (server, book, "trades", awb_server_trades_columns, ", manager_id, rev", ", c.manager_id, 1",
              "JOIN awb.clients c ON c.id = s.client_id");
  load_table (server, book, "interactions", awb_server_interactions_columns, ", manager_id, rev",
              ", c.manager_id, 1", "JOIN awb.clients c ON c.id = s.client_id");
  exec_or_die (server,
               "SELECT setval (pg_get_serial_sequence ('awb.' || t, 'id'), (SELECT max (id) FROM awb.managers))"
               " FROM (VALUES ('managers')) v (t);"
               "SELECT setval (pg_get_serial_sequence ('awb.clients', 'id'), (SELECT max (id) FROM awb.clients));"
               "SELECT setval (pg_get_serial_sequence ('awb.trades', 'id'), (SELECT max (id) FROM awb.trades));"
               "SELECT setval (pg_get_serial_sequence ('awb.interactions', 'id'),"
               " coalesce ((SELECT max (id) FROM awb.interactions), 1));"
               "SELECT setval ('awb.rev', 1);");
  {
    const char *params[] = { size_key };
    g_autoptr(PGresult) res = awb_server_query (server,
                                                "INSERT INTO awb.meta (key, value) VALUES ('bench_loaded', $1)",
                                                1, params, &error);
    if (res == NULL)
      die ("meta", error);
  }
  if (!awb_server_commit (server, &error))
    die ("commit", error);
  exec_or_die (server, "ANALYZE");
  printf ("loaded in %.1f s\n", now () - t0);
}

/* ---- the measurements ---------------------------------------------------------- */

int
main (int    argc,
      char **argv)
{
  g_autofree char *uri = NULL;
  g_autofree char *dir = NULL;
  int n_clients = 100000, n_managers = 50, runs = 3;
  gint64 n_trades = 2000000;
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &uri, "A superuser's URI, no database", "URI" },
    { "clients", 0, 0, G_OPTION_ARG_INT, &n_clients, "Clients (default 100000)", "N" },
    { "trades", 0, 0, G_OPTION_ARG_INT64, &n_trades, "Trades (default 2000000)", "M" },
    { "managers", 0, 0, G_OPTION_ARG_INT, &n_managers, "Managers (default 50)", "K" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each measurement (default 3)", "R" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where the books are kept", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) book = NULL;
  g_autoptr(AwbServer) su = NULL;
  g_autoptr(AwbServer) boss = NULL;
  g_autoptr(AwbServer) mgr = NULL;
  g_autoptr(AwbDatabase) cache = NULL;
  g_autoptr(AwbDatabase) laptop = NULL;
  g_autoptr(GArray) t_pull = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_sync = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_cache_sync = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_run = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_server = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_local = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *book_path = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *size_key = NULL;
  g_autofree char *su_info = NULL;
  g_autofree char *boss_info = NULL;
  g_autofree char *mgr_info = NULL;
  g_autofree char *cache_path = NULL;
  g_autofree char *pull_extra = NULL;
  g_autofree char *sync_extra = NULL;
  AwbScoreOptions options;
  AwbSyncReport report;
  gint64 mgr_id = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    die ("options", error);
  if (uri == NULL)
    uri = g_strdup (g_getenv ("AWB_BENCH_PG_URI") != NULL ? g_getenv ("AWB_BENCH_PG_URI")
                                                         : g_getenv ("AWB_TEST_PG_URI"));
  if (uri == NULL)
    {
      g_printerr ("bench-server: give --server URI (a superuser, no database), or run under tests/server/with-pg\n");
      return 2;
    }
  if (n_clients < 1000 || n_managers < 2 || runs < 1 || n_trades < 0)
    {
      g_printerr ("bench-server: at least 1000 clients, 2 managers, 1 run\n");
      return 2;
    }
  if (dir == NULL)
    dir = g_strdup (g_getenv ("AWB_BENCH_DIR") != NULL ? g_getenv ("AWB_BENCH_DIR") : "/var/tmp/awb-bench");
  g_mkdir_with_parents (dir, 0700);

  size_key = g_strdup_printf ("%d/%" G_GINT64_FORMAT "/%d", n_clients, n_trades, n_managers);
  book_path = g_strdup_printf ("%s/server-%d-%" G_GINT64_FORMAT "-%d.sqlite", dir, n_clients, n_trades, n_managers);
  dbname = g_strdup_printf ("awb_bench_%d_%" G_GINT64_FORMAT "_%d", n_clients, n_trades, n_managers);
  if (!g_file_test (book_path, G_FILE_TEST_EXISTS))
    make_book (book_path, (guint) n_clients, (guint64) n_trades, (guint) n_managers);
  book = awb_database_open (book_path, &error);
  if (book == NULL)
    die ("open the demo book", error);
  load_server (uri, dbname, book, size_key);

  su_info = conninfo_for (uri, dbname, NULL, NULL);
  su = connect_or_die (su_info);
  if (!awb_server_add_user (su, "bench_boss", "bench-pass", AWB_SERVER_ROLE_BRANCH, NULL, &error) ||
      !awb_server_add_user (su, "bench_mgr", "bench-pass", AWB_SERVER_ROLE_MANAGER, "经理01", &error))
    die ("add-user", error);
  {
    g_autoptr(PGresult) res = awb_server_query (su, "SELECT id FROM awb.managers WHERE name = '经理01'", 0, NULL, &error);
    if (res == NULL || PQntuples (res) != 1)
      die ("经理01", error);
    mgr_id = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  }
  boss_info = conninfo_for (uri, dbname, "bench_boss", "bench-pass");
  mgr_info = conninfo_for (uri, dbname, "bench_mgr", "bench-pass");
  printf ("branch: %d clients, %" G_GINT64_FORMAT " trades, %d managers\n", n_clients, n_trades, n_managers);

  /* pull: a new laptop's first sync; sync100: then 100 changes each way
   * (on a new book each time: its pushes have ids of their own) */
  for (int r = 0; r < runs; r++)
    {
      g_autofree char *path = g_strdup_printf ("%s/bench-laptop-%d.sqlite", dir, r);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *server_sql = g_strdup_printf ("UPDATE awb.clients SET notes = 'server %d ' || id WHERE id IN"
                                                     " (SELECT id FROM awb.clients WHERE manager_id = %" G_GINT64_FORMAT
                                                     " ORDER BY id LIMIT 100)", r, mgr_id);
      g_autofree char *local_sql = g_strdup_printf ("UPDATE clients SET phone = '1390000%04d' WHERE id IN"
                                                    " (SELECT id FROM clients ORDER BY id DESC LIMIT 100)", r);
      double t0, t;

      g_unlink (path);
      g_unlink (wal);
      g_clear_object (&laptop);
      g_clear_object (&mgr);
      laptop = awb_database_open (path, &error);
      if (laptop == NULL)
        die ("open the laptop book", error);
      mgr = connect_or_die (mgr_info);
      t0 = now ();
      if (!awb_sync_run (laptop, mgr, &report, NULL, &error))
        die ("first pull", error);
      t = now () - t0;
      g_array_append_val (t_pull, t);
      g_free (pull_extra);
      pull_extra = g_strdup_printf ("经理01: %" G_GINT64_FORMAT " clients, %" G_GINT64_FORMAT " trades, %"
                                    G_GINT64_FORMAT " rows", report.pulled_clients, report.pulled_trades,
                                    report.pulled);

      exec_or_die (su, server_sql);
      book_exec_or_die (laptop, local_sql);
      t0 = now ();
      if (!awb_sync_run (laptop, mgr, &report, NULL, &error))
        die ("incremental sync", error);
      t = now () - t0;
      g_array_append_val (t_sync, t);
      g_free (sync_extra);
      sync_extra = g_strdup_printf ("pushed %" G_GINT64_FORMAT ", pulled %" G_GINT64_FORMAT " rows (%"
                                    G_GINT64_FORMAT " clients)", report.pushed, report.pulled,
                                    report.pulled_clients);
    }
  print_times ("pull (first sync, one manager)", t_pull, pull_extra);
  print_times ("sync100 (100 changes each way)", t_sync, sync_extra);

  /* server: score --server with a warm cache */
  boss = connect_or_die (boss_info);
  cache_path = g_strdup_printf ("%s/bench-cache-%d-%" G_GINT64_FORMAT ".sqlite", dir, n_clients, n_trades);
  awb_score_options_init (&options, awb_date_from_ymd (2026, 6, 30));
  {
    g_autofree char *wal = g_strconcat (cache_path, "-wal", NULL);

    g_unlink (cache_path);                    /* a cache of another server's (a new cluster) */
    g_unlink (wal);
  }
  {
    double t0 = now ();

    cache = awb_server_run_open_cache (boss, cache_path, TRUE, &report, NULL, &error);
    if (cache == NULL)
      die ("the cache's sync", error);
    printf ("%-34s %.3f s (%" G_GINT64_FORMAT " rows)\n", "cache sync (untimed warm-up)", now () - t0,
            report.pulled);
    t0 = now ();
    if (!awb_server_run_score (boss, cache, &options, NULL, NULL, NULL, NULL, &error))
      die ("score --server (warm-up)", error);
    printf ("%-34s %.3f s\n", "server run (untimed warm-up)", now () - t0);
  }
  for (int r = 0; r < runs; r++)
    {
      double t0 = now (), t1, t2, d;

      if (!awb_sync_run (cache, boss, &report, NULL, &error))
        die ("the cache's sync", error);
      t1 = now ();
      if (!awb_server_run_score (boss, cache, &options, NULL, NULL, NULL, NULL, &error))
        die ("score --server", error);
      t2 = now ();
      d = t1 - t0;
      g_array_append_val (t_cache_sync, d);
      d = t2 - t1;
      g_array_append_val (t_run, d);
      d = t2 - t0;
      g_array_append_val (t_server, d);
    }
  print_times ("server: the cache's sync", t_cache_sync, NULL);
  print_times ("server: run in the cache + upload", t_run, NULL);
  print_times ("server: score --server in all", t_server, NULL);

  /* local: the same run on the book, after a run kept (as the server's
   * runs have one before them to count migrations from) */
  for (int r = 0; r <= runs; r++)
    {
      AwbScoreResult result;
      double t0 = now (), t;

      if (!awb_scoring_score_book (book, &options, NULL, NULL, NULL, &result, &error))
        die ("local run", error);
      t = now () - t0;
      if (r == 0)
        continue;
      g_array_append_val (t_local, t);
      if (!awb_scoring_delete_run (book, result.run_id, &error))
        die ("delete the local run", error);
    }
  print_times ("local: the same run on the book", t_local, NULL);
  {
    double *s = (double *) t_server->data, *l = (double *) t_local->data;

    printf ("server / local (medians): %.2f\n", s[t_server->len / 2] / l[t_local->len / 2]);
  }
  return 0;
}
