/* bench-dashboard.c: how fast the dashboard opens on a book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What opening the dashboard costs, without a display: reading the run's
 * stored counts, the migration from the previous run and the key figures
 * of every run (awb_dashboard_data_load), building every chart's table
 * (the catalogue), and laying out and drawing every chart once offscreen
 * at 1,000 × its preferred height (the render library, as the widgets do
 * on their first frame).  Then one chart's redraw, as a hover asks for it.
 * Median and worst of --runs runs, whole book and one manager.
 *
 *   ./build/tests/bench/bench-dashboard --book BOOK [--runs 5]
 *
 * The book must have been scored (the first load of a run stored before
 * the counts existed counts it once: the first figure printed).
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include <pango/pangocairo.h>

#include "awb-book-query.h"
#include "awb-chart-catalog.h"
#include "awb-chart.h"
#include "awb-dashboard-data.h"

#define WIDTH 1000

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        GArray     *ms)
{
  g_array_sort (ms, compare_doubles);
  g_print ("%-44s median %8.1f ms   worst %8.1f ms   (%u runs)\n", what,
           g_array_index (ms, double, ms->len / 2), g_array_index (ms, double, ms->len - 1),
           ms->len);
}

/* One opening: load, tables, layouts and one draw of each; returns ms and
 * sets the time of the load alone. */
static double
open_dashboard (AwbDatabase  *db,
                gint64        manager_id,
                PangoContext *context,
                double       *load_ms,
                GError      **error)
{
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr(AwbDashboardData) data = NULL;
  AwbChartStyle style;

  data = awb_dashboard_data_load (db, AWB_DASHBOARD_LATEST, AWB_DASHBOARD_PREVIOUS, manager_id,
                                  NULL, error);
  if (data == NULL)
    return -1;
  *load_ms = (g_get_monotonic_time () - t0) / 1e3;
  awb_chart_style_init (&style, FALSE);
  for (guint k = 0; k < AWB_N_CHARTS; k++)
    {
      g_autoptr(AwbChartTable) table = awb_chart_catalog_build (data, k);
      g_autoptr(AwbChartLayout) layout = NULL;
      cairo_surface_t *surface;
      cairo_t *cr;
      double w, h;

      if (table == NULL)
        continue;
      layout = awb_chart_layout_new (table, &style, context, WIDTH, -1);
      awb_chart_layout_get_size (layout, &w, &h);
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) w, (int) ceil (h));
      cr = cairo_create (surface);
      awb_chart_render (cr, layout, -1);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  return (g_get_monotonic_time () - t0) / 1e3;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *book = NULL;
  int runs = 5;
  GOptionEntry entries[] = {
    { "book", 0, 0, G_OPTION_ARG_FILENAME, &book, "A scored book", "PATH" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs (default 5)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new ("- time opening the dashboard");
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = NULL;
  g_autoptr(GObject) context_object = NULL;
  PangoContext *context;
  g_auto(GStrv) managers = NULL;
  gint64 manager_id = 0;
  double load_ms;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || book == NULL)
    {
      g_printerr ("bench-dashboard: %s\n", error != NULL ? error->message : "--book PATH is required");
      return 2;
    }
  db = awb_database_open (book, &error);
  if (db == NULL)
    {
      g_printerr ("bench-dashboard: %s\n", error->message);
      return 1;
    }
  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  context_object = G_OBJECT (context);
  managers = awb_book_query_managers (db, NULL);
  if (managers != NULL && managers[0] != NULL)
    awb_book_query_manager_id (db, managers[0], &manager_id, NULL);

  {
    double first = open_dashboard (db, 0, context, &load_ms, &error);

    if (first < 0)
      {
        g_printerr ("bench-dashboard: %s\n", error->message);
        return 1;
      }
    g_print ("%-44s %8.1f ms (load %.1f ms)\n", "first opening (counts the run if never counted)",
             first, load_ms);
  }

  for (int m = 0; m < 2; m++)
    {
      g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) loads = g_array_new (FALSE, FALSE, sizeof (double));
      gint64 id = m == 0 ? 0 : manager_id;

      for (int r = 0; r < runs; r++)
        {
          double ms = open_dashboard (db, id, context, &load_ms, &error);

          if (ms < 0)
            {
              g_printerr ("bench-dashboard: %s\n", error->message);
              return 1;
            }
          g_array_append_val (all, ms);
          g_array_append_val (loads, load_ms);
        }
      report (m == 0 ? "whole book: load" : "one manager: load", loads);
      report (m == 0 ? "whole book: load + every table, layout, draw"
                     : "one manager: load + every table, layout, draw", all);
    }

  /* a hover: one chart drawn again from its layout */
  {
    g_autoptr(AwbDashboardData) data = awb_dashboard_data_load (db, AWB_DASHBOARD_LATEST,
                                                                AWB_DASHBOARD_PREVIOUS, 0, NULL, &error);
    g_autoptr(GArray) draws = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(AwbChartTable) table = awb_chart_catalog_build (data, AWB_CHART_SEGMENTS);
    AwbChartStyle style;
    g_autoptr(AwbChartLayout) layout = NULL;
    cairo_surface_t *surface;
    double w, h;

    awb_chart_style_init (&style, FALSE);
    layout = awb_chart_layout_new (table, &style, context, WIDTH, -1);
    awb_chart_layout_get_size (layout, &w, &h);
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) w, (int) ceil (h));
    for (int r = 0; r < 200; r++)
      {
        gint64 t0 = g_get_monotonic_time ();
        cairo_t *cr = cairo_create (surface);
        double ms;

        awb_chart_render (cr, layout, r % 12);
        cairo_destroy (cr);
        cairo_surface_flush (surface);
        ms = (g_get_monotonic_time () - t0) / 1e3;
        g_array_append_val (draws, ms);
      }
    cairo_surface_destroy (surface);
    report ("segments chart redrawn on hover", draws);
  }
  return 0;
}
