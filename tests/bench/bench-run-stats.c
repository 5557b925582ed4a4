/* bench-run-stats.c: how fast a run's statistics are counted and read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: bench-run-stats --book PATH [--runs N] [--manager NAME]
 *
 * On a scored book (it is migrated to the current schema, and its
 * statistics are replaced: use a copy), times, N times each (default 5),
 * printing the median and the maximum:
 *  - awb_run_stats_compute of the latest run (what a scoring run adds
 *    before it commits; here in a transaction of its own), and once of
 *    each older run;
 *  - awb_run_stats_load of the latest run for the whole book and for one
 *    manager (the first by name, or --manager);
 *  - awb_run_stats_kpi_series for the whole book;
 *  - awb_run_stats_migration of segments, latest against previous (the
 *    stored counts), and between two runs that are not neighbours (the
 *    first and the latest, or with two runs only, the latest against the
 *    previous backwards), merged now;
 *  - awb_run_stats_select of the latest run's largest segment.
 * The dashboard's data for a run is the load, the series and the stored
 * migration; the target is well under a second at a million clients.
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "awb-book-query.h"
#include "awb-run-stats.h"
#include "awb-scoring.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
fail (GError *error)
{
  g_printerr ("%s\n", error->message);
  exit (1);
}

typedef gboolean (*Step) (AwbDatabase *db, gpointer data, GError **error);

/* Runs @step @runs times and prints its median and maximum. */
static void
measure (const char  *what,
         int          runs,
         AwbDatabase *db,
         Step         step,
         gpointer     data)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));

  for (int r = 0; r < runs; r++)
    {
      g_autoptr(GError) error = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double t;

      if (!step (db, data, &error))
        fail (error);
      t = (g_get_monotonic_time () - t0) / 1e3;
      g_array_append_val (ms, t);
    }
  g_array_sort (ms, compare_doubles);
  g_print ("%-52s median %8.1f ms   max %8.1f ms   (%d runs)\n", what,
           g_array_index (ms, double, ms->len / 2), g_array_index (ms, double, ms->len - 1), runs);
}

typedef struct
{
  gint64  run, from_run, manager;
  char   *key;
} Args;

static gboolean
step_compute (AwbDatabase *db, gpointer data, GError **error)
{
  Args *a = data;

  return awb_run_stats_compute (db, a->run, NULL, error);
}

static gboolean
step_load (AwbDatabase *db, gpointer data, GError **error)
{
  Args *a = data;
  g_autoptr(AwbRunStats) stats = awb_run_stats_load (db, a->run, a->manager, NULL, error);

  return stats != NULL;
}

static gboolean
step_series (AwbDatabase *db, gpointer data, GError **error)
{
  Args *a = data;
  g_autoptr(GArray) series = awb_run_stats_kpi_series (db, a->manager, NULL, error);

  return series != NULL;
}

static gboolean
step_migration (AwbDatabase *db, gpointer data, GError **error)
{
  Args *a = data;
  AwbLabelMigration m = { 0 };

  if (!awb_run_stats_migration (db, a->from_run, a->run, AWB_MIGRATION_SEGMENTS, a->manager, &m,
                                NULL, error))
    return FALSE;
  awb_label_migration_clear (&m);
  return TRUE;
}

static gboolean
step_select (AwbDatabase *db, gpointer data, GError **error)
{
  Args *a = data;
  g_autoptr(GArray) ids = awb_run_stats_select (db, a->run, a->manager, AWB_STAT_SEGMENT, a->key,
                                                "", NULL, error);

  return ids != NULL;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *book = NULL;
  g_autofree char *manager_name = NULL;
  int runs = 5;
  GOptionEntry entries[] = {
    { "book", 0, 0, G_OPTION_ARG_FILENAME, &book, "The book (a copy: its statistics are rewritten)", "PATH" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Times each step is run (default 5)", "N" },
    { "manager", 0, 0, G_OPTION_ARG_STRING, &manager_name, "The manager (default: the first)", "NAME" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the run statistics' speed");
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_auto(GStrv) managers = NULL;
  g_autoptr(AwbRunStats) stats = NULL;
  const AwbStatCell *cells;
  guint n_cells;
  gint64 manager_id = 0, t0;
  Args a = { 0 };
  gint64 first, prev, latest;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || book == NULL || runs < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--book PATH is needed");
      return 2;
    }
  t0 = g_get_monotonic_time ();
  db = awb_database_open (book, &error);
  if (db == NULL)
    fail (error);
  g_print ("book %s opened (and migrated) in %.0f ms\n", book, (g_get_monotonic_time () - t0) / 1e3);
  list = awb_scoring_list_runs (db, &error);
  if (list == NULL)
    fail (error);
  if (list->len == 0)
    {
      g_printerr ("the book has no scoring run: score it first\n");
      return 1;
    }
  first = ((AwbScoringRunInfo *) g_ptr_array_index (list, 0))->id;
  latest = ((AwbScoringRunInfo *) g_ptr_array_index (list, list->len - 1))->id;
  prev = list->len > 1 ? ((AwbScoringRunInfo *) g_ptr_array_index (list, list->len - 2))->id : 0;
  g_print ("%u runs; the latest, %" G_GINT64_FORMAT ", of %" G_GINT64_FORMAT " clients\n", list->len,
           latest, ((AwbScoringRunInfo *) g_ptr_array_index (list, list->len - 1))->n_clients);

  managers = awb_book_query_managers (db, &error);
  if (managers == NULL)
    fail (error);
  if (manager_name == NULL && managers[0] != NULL)
    manager_name = g_strdup (managers[0]);
  if (manager_name != NULL && !awb_book_query_manager_id (db, manager_name, &manager_id, &error))
    fail (error);

  /* every older run once: a run stored before schema 4 sums its trades */
  for (guint i = 0; i + 1 < list->len; i++)
    {
      g_autofree char *what = NULL;

      a.run = ((AwbScoringRunInfo *) g_ptr_array_index (list, i))->id;
      what = g_strdup_printf ("compute, run %" G_GINT64_FORMAT " (once)", a.run);
      measure (what, 1, db, step_compute, &a);
    }
  a.run = latest;
  measure ("compute, the latest run", runs, db, step_compute, &a);

  a.manager = 0;
  measure ("load, the whole book", runs, db, step_load, &a);
  if (manager_id != 0)
    {
      g_autofree char *what = g_strdup_printf ("load, manager %s", manager_name);

      a.manager = manager_id;
      measure (what, runs, db, step_load, &a);
    }
  a.manager = 0;
  measure ("kpi_series, the whole book", runs, db, step_series, &a);

  if (prev != 0)
    {
      a.from_run = prev;
      measure ("migration, latest vs previous (stored)", runs, db, step_migration, &a);
      if (manager_id != 0)
        {
          a.manager = manager_id;
          measure ("migration, latest vs previous, one manager (stored)", runs, db, step_migration, &a);
          a.manager = 0;
        }
      if (first != prev)
        {
          a.from_run = first;
          measure ("migration, first vs latest (merged now)", runs, db, step_migration, &a);
        }
      else
        {
          a.from_run = latest;
          a.run = prev;
          measure ("migration, latest vs previous backwards (merged now)", runs, db, step_migration, &a);
          a.run = latest;
        }
    }
  else
    g_print ("migration: one run only, skipped\n");

  stats = awb_run_stats_load (db, latest, 0, NULL, &error);
  if (stats == NULL)
    fail (error);
  cells = awb_run_stats_get_cells (stats, AWB_STAT_SEGMENT, &n_cells);
  for (guint i = 0; i < n_cells; i++)
    if (a.key == NULL || cells[i].m.n > awb_run_stats_lookup (stats, AWB_STAT_SEGMENT, a.key, "").n)
      a.key = (char *) cells[i].key;
  if (a.key != NULL)
    {
      g_autofree char *what = g_strdup_printf ("select, segment \"%s\" (%" G_GINT64_FORMAT " clients)",
                                               a.key, awb_run_stats_lookup (stats, AWB_STAT_SEGMENT,
                                                                            a.key, "").n);

      measure (what, runs, db, step_select, &a);
    }
  return 0;
}
