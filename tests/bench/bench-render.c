/* bench-render.c: how long a chart takes to lay out and draw
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: bench-render [--runs N] [--width W] [--height H] [--save DIR]
 *
 * Draws each shape offscreen (an ARGB32 image surface, default 900 × 500,
 * font "Sans 10") from a table of a dashboard's size: 11 bars × 2 columns,
 * a 5 × 5 grid, a 10 × 10 plane with 4 regions, 20 points × 2 lines.  Each
 * run is a full redraw as after a resize (awb_chart_layout_new () then
 * awb_chart_render ()), and, apart, a frame that reuses the layout
 * (awb_chart_render () alone, as a widget's hover redraw).  Prints the
 * median and the worst of N runs (default 200) in ms, wall time; the
 * target is under 16 ms per redraw (one frame at 60 Hz).  --save writes
 * each shape's last frame to DIR/bench-<shape>.png, to look at.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <pango/pangocairo.h>

#include "awb-chart.h"
#include "awb-chart-style.h"
#include "awb-chart-table.h"

static AwbChartTable *
make_bars (void)
{
  static const char * const labels[] = {
    "Champions", "Loyal", "Potential loyalists", "New", "Promising", "Need attention",
    "About to sleep", "At risk", "Cannot lose them", "Hibernating", "Lost",
  };
  AwbChartTable *table = awb_chart_table_new (AWB_CHART_BARS, "segments", "Clients per segment");

  table->denominator = 200000;
  table->denominator_label = g_strdup ("of 200,000 scored clients");
  awb_chart_table_add_column (table, "Clients", AWB_CHART_UNIT_COUNT, AWB_CHART_COLUMN_PLOTTED);
  awb_chart_table_add_column (table, "Share of revenue (%)", AWB_CHART_UNIT_PERCENT,
                              AWB_CHART_COLUMN_PLOTTED | AWB_CHART_COLUMN_OWN_SCALE);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      AwbChartRow *row = awb_chart_table_add_row (table, labels[i], labels[i]);
      double n = 3000 + 1700.0 * ((i * 7) % 11);
      g_autofree char *t0 = g_strdup_printf ("%'.0f", n);
      g_autofree char *t1 = g_strdup_printf ("%.1f %%", 2.0 + i * 1.3);

      awb_chart_row_set (row, 0, n, t0);
      awb_chart_row_set (row, 1, 2.0 + i * 1.3, t1);
    }
  return table;
}

static AwbChartTable *
make_grid (void)
{
  AwbChartTable *table = awb_chart_table_new (AWB_CHART_GRID, "rfm", "Recency × frequency");
  static const char * const cols[] = { "F1", "F2", "F3", "F4", "F5", NULL };
  static const char * const rows[] = { "R5", "R4", "R3", "R2", "R1", NULL };

  awb_chart_table_add_column (table, "Clients", AWB_CHART_UNIT_COUNT, AWB_CHART_COLUMN_PLOTTED);
  awb_chart_table_add_column (table, "AUM", AWB_CHART_UNIT_MONEY, AWB_CHART_COLUMN_PLOTTED);
  awb_chart_table_set_grid (table, 5, 5, cols, rows);
  table->x_label = g_strdup ("Frequency");
  table->y_label = g_strdup ("Recency");
  table->denominator_label = g_strdup ("of 200,000 scored clients");
  for (guint gy = 0; gy < 5; gy++)
    for (guint gx = 0; gx < 5; gx++)
      {
        g_autofree char *label = g_strdup_printf ("%s · %s", rows[gy], cols[gx]);
        AwbChartRow *row = awb_chart_table_add_row (table, label, NULL);
        double n = 500 + 331.0 * ((gx * 5 + gy * 3) % 25);
        g_autofree char *t0 = g_strdup_printf ("%'.0f", n);

        row->gx = gx;
        row->gy = gy;
        row->marked = gx == 4 && gy == 0;
        awb_chart_row_set (row, 0, n, t0);
        awb_chart_row_set (row, 1, n * 51234, "¥1.2亿");
      }
  return table;
}

static AwbChartTable *
make_plane (void)
{
  AwbChartTable *table = awb_chart_table_new (AWB_CHART_PLANE, "loyalty", "Trust × loyalty");

  awb_chart_table_add_column (table, "Clients", AWB_CHART_UNIT_COUNT, AWB_CHART_COLUMN_PLOTTED);
  awb_chart_table_set_grid (table, 10, 10, NULL, NULL);
  table->x_min = table->y_min = 0;
  table->x_max = table->y_max = 100;
  table->x_threshold = 50;
  table->y_threshold = 60;
  table->x_label = g_strdup ("Loyalty");
  table->y_label = g_strdup ("Trust");
  for (guint gy = 0; gy < 10; gy++)
    for (guint gx = 0; gx < 10; gx++)
      {
        AwbChartRow *row = awb_chart_table_add_row (table, "bin", NULL);
        double n = (gx * 37 + gy * 91) % 400;
        g_autofree char *t0 = g_strdup_printf ("%.0f", n);

        row->gx = gx;
        row->gy = gy;
        awb_chart_row_set (row, 0, n, t0);
      }
  awb_chart_table_add_region (table, 50, 60, 100, 100, "Trust loyalty: 1,234");
  awb_chart_table_add_region (table, 0, 60, 50, 100, "Trust only: 2,345");
  awb_chart_table_add_region (table, 50, 0, 100, 60, "Habit: 3,456");
  awb_chart_table_add_region (table, 0, 0, 50, 60, "Drifting: 4,567");
  return table;
}

static AwbChartTable *
make_lines (void)
{
  AwbChartTable *table = awb_chart_table_new (AWB_CHART_LINES, "runs", "Clients per run");

  awb_chart_table_add_column (table, "Champions", AWB_CHART_UNIT_COUNT, AWB_CHART_COLUMN_PLOTTED);
  awb_chart_table_add_column (table, "At risk", AWB_CHART_UNIT_COUNT, AWB_CHART_COLUMN_PLOTTED);
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *label = g_strdup_printf ("2026-%02u-%02u", i / 2 + 1, i % 2 ? 28 : 14);
      AwbChartRow *row = awb_chart_table_add_row (table, label, NULL);
      double a = 12000 + 800 * sin (i / 3.0), b = 9000 + 50.0 * i;
      g_autofree char *ta = g_strdup_printf ("%'.0f", a);
      g_autofree char *tb = g_strdup_printf ("%'.0f", b);

      awb_chart_row_set (row, 0, a, ta);
      awb_chart_row_set (row, 1, b, tb);
    }
  return table;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *shape,
        const char *what,
        double     *ms,
        guint       n)
{
  qsort (ms, n, sizeof (double), compare_doubles);
  printf ("%-6s %-15s median %6.3f ms  worst %6.3f ms  (%u runs)\n",
          shape, what, ms[n / 2], ms[n - 1], n);
}

static void
bench_shape (const char          *shape,
             AwbChartTable       *table,
             const AwbChartStyle *style,
             PangoContext        *context,
             cairo_t             *cr,
             int                  width,
             int                  height,
             guint                runs)
{
  g_autofree double *full = g_new (double, runs);
  g_autofree double *frame = g_new (double, runs);
  AwbChartLayout *kept;

  for (guint i = 0; i < runs; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      AwbChartLayout *layout = awb_chart_layout_new (table, style, context, width, height);

      awb_chart_render (cr, layout, i % 5 == 0 ? 0 : -1);
      cairo_surface_flush (cairo_get_target (cr));
      full[i] = (g_get_monotonic_time () - t0) / 1000.0;
      awb_chart_layout_free (layout);
    }

  kept = awb_chart_layout_new (table, style, context, width, height);
  for (guint i = 0; i < runs; i++)
    {
      gint64 t0 = g_get_monotonic_time ();

      /* a hover moving over the rows */
      awb_chart_render (cr, kept, (int) (i % (awb_chart_table_get_n_rows (table) + 1)) - 1);
      cairo_surface_flush (cairo_get_target (cr));
      frame[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  awb_chart_layout_free (kept);

  report (shape, "layout+render", full, runs);
  report (shape, "render only", frame, runs);
}

int
main (int   argc,
      char *argv[])
{
  int runs = 200, width = 900, height = 500;
  g_autofree char *save = NULL;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Redraws per shape (200)", "N" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Width in pixels (900)", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Height in pixels (500)", "H" },
    { "save", 0, 0, G_OPTION_ARG_FILENAME, &save, "Write each shape's PNG there", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new ("- time chart layout and drawing");
  g_autoptr(GError) error = NULL;
  AwbChartStyle style;
  PangoContext *context;
  cairo_surface_t *surface;
  cairo_t *cr;
  struct { const char *name; AwbChartTable *(*make) (void); } shapes[] = {
    { "bars", make_bars }, { "grid", make_grid }, { "plane", make_plane }, { "lines", make_lines },
  };

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("bench-render: %s\n", error->message);
      return 1;
    }
  if (runs < 1 || width < 50 || height < 50)
    {
      g_printerr ("bench-render: --runs must be at least 1, the size at least 50 × 50\n");
      return 1;
    }

  awb_chart_style_init (&style, FALSE);
  style.font = "Sans 10";
  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);

  printf ("%d × %d, Sans 10, %d runs per shape; target: a redraw under 16 ms\n",
          width, height, runs);
  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autoptr(AwbChartTable) table = shapes[i].make ();

      /* the first layout loads the fonts: not what a redraw costs */
      awb_chart_layout_free (awb_chart_layout_new (table, &style, context, width, height));
      bench_shape (shapes[i].name, table, &style, context, cr, width, height, (guint) runs);
      if (save != NULL)
        {
          g_autofree char *name = g_strdup_printf ("bench-%s.png", shapes[i].name);
          g_autofree char *path = g_build_filename (save, name, NULL);

          if (cairo_surface_write_to_png (surface, path) != CAIRO_STATUS_SUCCESS)
            g_printerr ("bench-render: could not write %s\n", path);
        }
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_object_unref (context);
  return 0;
}
