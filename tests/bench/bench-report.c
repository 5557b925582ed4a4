/* bench-report.c: how fast the client segmentation report is written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: bench-report --book PATH [--runs N] [--manager NAME]
 *
 * On a scored book (a million clients: a copy of the scoring benchmark's
 * large book), writes the report of the latest run once and prints that
 * first time (which opens the book and, for a run stored before run
 * statistics existed, counts and stores them), then writes it N more
 * times (default 5) through awb_report_write_pdf () and prints the
 * median and maximum, and how the median splits between reading the
 * aggregates and laying out and writing the PDF.  The target (the report's
 * issue): within 5 s on a million clients.
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "awb-book-query.h"
#include "awb-dashboard-data.h"
#include "awb-report.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *ms)
{
  g_array_sort (ms, compare_doubles);
  return g_array_index (ms, double, ms->len / 2);
}

static void
die (const char *what,
     GError     *error)
{
  g_printerr ("bench-report: %s: %s\n", what, error->message);
  exit (1);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *book = NULL;
  g_autofree char *manager = NULL;
  int runs = 5;
  GOptionEntry entries[] = {
    { "book", 0, 0, G_OPTION_ARG_FILENAME, &book, "A scored book", "PATH" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Reports timed after the first (default 5)", "N" },
    { "manager", 0, 0, G_OPTION_ARG_STRING, &manager, "Only this manager's clients", "NAME" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the report's speed");
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = NULL;
  g_autoptr(GArray) total_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) load_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) write_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  gint64 manager_id = 0, n_clients = 0, t0;
  guint n_pages = 0;
  double total_median, load_median, write_median;
  GStatBuf st;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || book == NULL || runs < 1)
    {
      g_printerr ("usage: bench-report --book PATH [--runs N] [--manager NAME]\n");
      return 2;
    }
  dir = g_dir_make_tmp ("bench-report-XXXXXX", &error);
  if (dir == NULL)
    die ("a folder for the PDF", error);
  pdf = g_build_filename (dir, "report.pdf", NULL);

  /* the first time: open, (count the run's statistics if it has none,)
   * read and write */
  t0 = g_get_monotonic_time ();
  db = awb_database_open (book, &error);
  if (db == NULL)
    die (book, error);
  if (manager != NULL &&
      (!awb_book_query_manager_id (db, manager, &manager_id, &error) || manager_id == 0))
    {
      g_printerr ("bench-report: no manager “%s”\n", manager);
      return 1;
    }
  if (!awb_report_write_pdf (db, pdf, AWB_DASHBOARD_LATEST, AWB_DASHBOARD_PREVIOUS, manager_id,
                             NULL, &error))
    die ("the first report", error);
  g_print ("first report (opening the book, counting the run if it never was): %.0f ms\n",
           (g_get_monotonic_time () - t0) / 1e3);
  if (!awb_book_query_count_clients (db, &n_clients, &error))
    die ("counting the clients", error);

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(AwbDashboardData) data = NULL;
      gint64 t1, t2, t3;
      double ms;

      /* as awb_report_write_pdf () does, in its two steps */
      t1 = g_get_monotonic_time ();
      data = awb_dashboard_data_load (db, AWB_DASHBOARD_LATEST, AWB_DASHBOARD_PREVIOUS,
                                      manager_id, NULL, &error);
      if (data == NULL)
        die ("loading", error);
      t2 = g_get_monotonic_time ();
      if (!awb_report_write_pdf_for_data (data, pdf, &n_pages, NULL, &error))
        die ("writing", error);
      t3 = g_get_monotonic_time ();
      ms = (t2 - t1) / 1e3;
      g_array_append_val (load_ms, ms);
      ms = (t3 - t2) / 1e3;
      g_array_append_val (write_ms, ms);
      ms = (t3 - t1) / 1e3;
      g_array_append_val (total_ms, ms);
    }
  if (g_stat (pdf, &st) != 0)
    st.st_size = 0;

  g_print ("book: %s, %" G_GINT64_FORMAT " clients%s%s\n", book, n_clients,
           manager != NULL ? ", manager " : "", manager != NULL ? manager : "");
  g_print ("report: %u pages, %.0f KiB\n", n_pages, st.st_size / 1024.0);
  total_median = median (total_ms);   /* sorts: the maximum is last */
  g_print ("awb_report_write_pdf, %d times: median %.0f ms, max %.0f ms (target 5000 ms)\n",
           runs, total_median, g_array_index (total_ms, double, total_ms->len - 1));
  load_median = median (load_ms);
  write_median = median (write_ms);
  g_print ("  of which reading the aggregates: median %.0f ms; laying out and writing the PDF: "
           "median %.0f ms\n", load_median, write_median);

  g_unlink (pdf);
  g_rmdir (dir);
  return total_median <= 5000 ? 0 : 1;
}
