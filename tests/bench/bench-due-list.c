/* bench-due-list.c: how fast the day's due list of a manager is read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: bench-due-list --book PATH [--runs N]
 *
 * On a book (the client list's benchmark book of a million clients and
 * twenty million trades: /var/tmp/awb-bench/client-list-large.sqlite, made
 * by bench-client-list), loads the client index once (as the window has it
 * from its start; the time is printed), then reads the due list of every
 * manager of the book N times each (default 3), then the whole book's
 * once, and prints the median and maximum per manager, the items by group,
 * and the whole book's time.  The target (issue 9): a manager's list
 * within 500 ms.
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "awb-book-query.h"
#include "awb-client-index.h"
#include "awb-date.h"
#include "awb-due-list.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
read_once (AwbDatabase    *db,
           AwbClientIndex *index,
           gint64          manager_id,
           guint           counts[3])
{
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr(GArray) items = awb_due_list_read (db, index, manager_id, &error);
  double ms = (g_get_monotonic_time () - t0) / 1e3;

  if (items == NULL)
    {
      g_printerr ("%s\n", error->message);
      exit (1);
    }
  counts[0] = counts[1] = counts[2] = 0;
  for (guint i = 0; i < items->len; i++)
    counts[g_array_index (items, AwbDueItem, i).group]++;
  return ms;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *book = NULL;
  int runs = 3;
  GOptionEntry entries[] = {
    { "book", 0, 0, G_OPTION_ARG_FILENAME, &book, "The book", "PATH" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Reads per manager (default 3)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the due list's speed");
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = NULL;
  g_auto(GStrv) managers = NULL;
  g_autoptr(AwbClientIndex) index = NULL;
  gint64 t0;
  g_autoptr(GArray) all_ms = g_array_new (FALSE, FALSE, sizeof (double));
  AwbDate today = awb_date_today ();
  guint counts[3];

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || book == NULL)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--book PATH is needed");
      return 2;
    }
  db = awb_database_open (book, &error);
  managers = db != NULL ? awb_book_query_managers (db, &error) : NULL;
  if (managers == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  {
    g_autofree char *day = awb_date_format (today);

    g_print ("book %s, today %s\n", book, day);
  }
  t0 = g_get_monotonic_time ();
  index = awb_client_index_load (db, today, NULL, &error);
  if (index == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("client index loaded in %.0f ms (once, as the window loads it when it opens)\n",
           (g_get_monotonic_time () - t0) / 1e3);
  g_print ("%-12s %10s %10s %8s %8s %8s\n", "manager", "median", "max", "today", "overdue", "week");
  for (guint m = 0; managers[m] != NULL; m++)
    {
      g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
      gint64 id = 0;

      if (!awb_book_query_manager_id (db, managers[m], &id, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      for (int r = 0; r < runs; r++)
        {
          double t = read_once (db, index, id, counts);

          g_array_append_val (ms, t);
          g_array_append_val (all_ms, t);
        }
      g_array_sort (ms, compare_doubles);
      g_print ("%-12s %7.1f ms %7.1f ms %8u %8u %8u\n", managers[m],
               g_array_index (ms, double, ms->len / 2), g_array_index (ms, double, ms->len - 1),
               counts[0], counts[1], counts[2]);
    }
  g_array_sort (all_ms, compare_doubles);
  if (all_ms->len > 0)
    g_print ("every manager: median %.1f ms, max %.1f ms over %u reads\n",
             g_array_index (all_ms, double, all_ms->len / 2),
             g_array_index (all_ms, double, all_ms->len - 1), all_ms->len);
  {
    double t = read_once (db, index, 0, counts);

    g_print ("the whole book (a branch manager's): %.1f ms, %u today, %u overdue, %u this week\n",
             t, counts[0], counts[1], counts[2]);
  }
  return 0;
}
