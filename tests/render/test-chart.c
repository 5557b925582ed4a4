/* test-chart.c: the chart table, styles, layouts, pixels and files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every chart is drawn offscreen from a hand-made table in the fixed font
 * "Sans 10".  The expected numbers are worked out by hand from the rules
 * the header states (1-2-5 ticks, one interval per 80 units across and 50
 * up; bars proportional to the axis; cells and bins as equal divisions of
 * the plot), relative to the plot rectangle, whose size depends on the
 * font's metrics.  Pixels are sampled where only one thing is drawn.
 * The PNGs are written to G_TEST_BUILDDIR for people to look at.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "awb-chart-export.h"
#include "awb-chart-private.h"
#include "awb-chart-style.h"
#include "awb-chart-table.h"
#include "awb-chart.h"

#define WIDTH  700
#define HEIGHT 300

/* ---- helpers ------------------------------------------------------------- */

static PangoContext *
new_context (void)
{
  return pango_font_map_create_context (pango_cairo_font_map_get_default ());
}

typedef struct
{
  cairo_surface_t *surface;
  AwbChartLayout  *layout;
} Drawn;

/* Lays out and draws @table at WIDTH × HEIGHT (or the size given). */
static Drawn
draw (AwbChartTable       *table,
      const AwbChartStyle *style,
      int                  width,
      int                  height,
      int                  highlight)
{
  PangoContext *context = new_context ();
  Drawn d;
  cairo_t *cr;

  d.layout = awb_chart_layout_new (table, style, context, width, height);
  g_object_unref (context);
  d.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (d.surface);
  awb_chart_render (cr, d.layout, highlight);
  cairo_destroy (cr);
  cairo_surface_flush (d.surface);
  return d;
}

static void
drawn_clear (Drawn *d)
{
  g_clear_pointer (&d->surface, cairo_surface_destroy);
  g_clear_pointer (&d->layout, awb_chart_layout_free);
}

static void
save_png (Drawn      *d,
          const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);

  g_assert_cmpint (cairo_surface_write_to_png (d->surface, path), ==, CAIRO_STATUS_SUCCESS);
}

/* The pixel at x, y as 0xRRGGBB (the surfaces here are opaque). */
static guint32
pixel (cairo_surface_t *surface,
       double           x,
       double           y)
{
  int ix = (int) floor (x), iy = (int) floor (y);
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (iy, <, cairo_image_surface_get_height (surface));
  return *(const guint32 *) (data + iy * stride + ix * 4) & 0xffffff;
}

/* Asserts the pixel is @rgb within @tolerance per channel. */
#define assert_pixel(surface, x, y, rgb, tolerance) \
  assert_pixel_at (__FILE__, __LINE__, surface, x, y, rgb, tolerance)

static void
assert_pixel_at (const char      *file,
                 int              line,
                 cairo_surface_t *surface,
                 double           x,
                 double           y,
                 guint32          rgb,
                 int              tolerance)
{
  guint32 got = pixel (surface, x, y);

  for (int shift = 0; shift <= 16; shift += 8)
    {
      int a = (got >> shift) & 0xff, b = (rgb >> shift) & 0xff;

      if (ABS (a - b) > tolerance)
        {
          g_autofree char *msg = g_strdup_printf ("%s:%d: pixel at %.1f,%.1f is #%06x, "
                                                  "expected #%06x", file, line, x, y, got, rgb);

          g_assertion_message (G_LOG_DOMAIN, file, line, G_STRFUNC, msg);
        }
    }
}

static guint32
rgb_of (const AwbChartColor *c)
{
  return ((guint32) lround (c->red * 255) << 16) | ((guint32) lround (c->green * 255) << 8)
         | (guint32) lround (c->blue * 255);
}

static double
centre_x (const cairo_rectangle_t *r)
{
  return r->x + r->width / 2;
}

static double
centre_y (const cairo_rectangle_t *r)
{
  return r->y + r->height / 2;
}

static AwbChartStyle
light_style (void)
{
  AwbChartStyle style;

  awb_chart_style_init (&style, FALSE);
  style.font = "Sans 10";
  return style;
}

static AwbChartStyle
dark_style (void)
{
  AwbChartStyle style;

  awb_chart_style_init (&style, TRUE);
  style.font = "Sans 10";
  return style;
}

/* Three segments of 10, 25 and 40 clients: 75 in all. */
static AwbChartTable *
three_bars (const char *denominator_label)
{
  AwbChartTable *table = awb_chart_table_new (AWB_CHART_BARS, "segments", "Clients per segment");
  static const char * const labels[] = { "Champions", "Loyal", "At risk" };
  static const double values[] = { 10, 25, 40 };

  awb_chart_table_add_column (table, "Clients", AWB_CHART_UNIT_COUNT, AWB_CHART_COLUMN_PLOTTED);
  for (guint i = 0; i < 3; i++)
    {
      AwbChartRow *row = awb_chart_table_add_row (table, labels[i], labels[i]);
      g_autofree char *text = g_strdup_printf ("%.0f", values[i]);

      awb_chart_row_set (row, 0, values[i], text);
    }
  if (denominator_label != NULL)
    table->denominator_label = g_strdup (denominator_label);
  return table;
}

/* ---- the table ----------------------------------------------------------- */

static void
test_table_csv (void)
{
  g_autoptr(AwbChartTable) table = awb_chart_table_new (AWB_CHART_BARS, "t", "T");
  g_autofree char *csv = NULL;
  AwbChartRow *row;

  awb_chart_table_add_column (table, "Clients", AWB_CHART_UNIT_COUNT, AWB_CHART_COLUMN_PLOTTED);
  awb_chart_table_add_column (table, "Revenue, yuan", AWB_CHART_UNIT_MONEY, 0);
  awb_chart_table_add_column (table, "Share (%)", AWB_CHART_UNIT_PERCENT, 0);
  awb_chart_table_add_column (table, "Score", AWB_CHART_UNIT_NUMBER, 0);

  row = awb_chart_table_add_row (table, "Champions", "seg:1");
  awb_chart_row_set (row, 0, 41, "41");
  awb_chart_row_set (row, 1, 1234.5, "¥1,234.50");
  awb_chart_row_set (row, 2, 12.5, "12.5 %");
  awb_chart_row_set (row, 3, 3.25, "3.25");

  /* a quote in the label, no count, a money value that rounds, a count
   * that is not whole (rounded), a negative amount */
  row = awb_chart_table_add_row (table, "Say \"hi\"", NULL);
  awb_chart_row_set (row, 1, 0.1, "¥0.10");
  row = awb_chart_table_add_row (table, "高净值, 长期", NULL);
  awb_chart_row_set (row, 0, 2.6, "3");
  awb_chart_row_set (row, 1, -5, "-¥5.00");
  awb_chart_row_set (row, 3, 0.1, "0.1");
  row = awb_chart_table_add_row (table, "two\nlines", NULL);
  /* labels a spreadsheet would run as formulas get an apostrophe (OWASP);
   * the negative amount above stays a number */
  row = awb_chart_table_add_row (table, "=HYPERLINK(\"x\")", NULL);
  awb_chart_row_set (row, 0, 1, "1");
  row = awb_chart_table_add_row (table, "@SUM(A1)", NULL);
  row = awb_chart_table_add_row (table, "-1+2", NULL);

  csv = awb_chart_table_to_csv (table);
  g_assert_cmpstr (csv, ==,
                   "label,Clients,\"Revenue, yuan\",Share (%),Score\n"
                   "Champions,41,1234.50,12.5,3.25\n"
                   "\"Say \"\"hi\"\"\",,0.10,,\n"
                   "\"高净值, 长期\",3,-5.00,,0.1\n"
                   "\"two\nlines\",,,,\n"
                   "\"'=HYPERLINK(\"\"x\"\")\",1,,,\n"
                   "'@SUM(A1),,,,\n"
                   "'-1+2,,,,\n");
}

static void
test_table_percent (void)
{
  g_autoptr(AwbChartTable) table = three_bars (NULL);
  g_autoptr(AwbChartTable) empty = awb_chart_table_new (AWB_CHART_BARS, "e", "E");
  AwbChartRow *row;

  /* of the rows' sum, 75 */
  g_assert_cmpfloat_with_epsilon (awb_chart_table_get_percent (table, 0), 13.3333, 1e-3);
  g_assert_cmpfloat_with_epsilon (awb_chart_table_get_percent (table, 2), 53.3333, 1e-3);

  /* of a given denominator */
  table->denominator = 200;
  g_assert_cmpfloat_with_epsilon (awb_chart_table_get_percent (table, 0), 5.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (awb_chart_table_get_percent (table, 1), 12.5, 1e-9);

  /* no value: no percentage; a NAN row does not count in the sum */
  table->denominator = 0;
  row = awb_chart_table_add_row (table, "None", NULL);
  g_assert_true (isnan (awb_chart_table_get_percent (table, 3)));
  g_assert_cmpfloat_with_epsilon (awb_chart_table_get_percent (table, 0), 13.3333, 1e-3);
  (void) row;

  /* no column at all */
  awb_chart_table_add_row (empty, "x", NULL);
  g_assert_true (isnan (awb_chart_table_get_percent (empty, 0)));
}

static void
test_table_refcount (void)
{
  AwbChartTable *table = three_bars (NULL);
  PangoContext *context = new_context ();
  AwbChartStyle style = light_style ();
  AwbChartLayout *layout;

  /* the layout keeps the table alive after the caller's reference goes */
  layout = awb_chart_layout_new (table, &style, context, WIDTH, HEIGHT);
  awb_chart_table_unref (table);
  g_assert_cmpuint (awb_chart_table_get_n_rows (awb_chart_layout_get_table (layout)), ==, 3);
  awb_chart_layout_free (layout);
  g_object_unref (context);

  /* as a boxed type, a copy is a reference */
  {
    AwbChartTable *boxed = three_bars (NULL);
    AwbChartTable *copy = g_boxed_copy (AWB_TYPE_CHART_TABLE, boxed);

    g_assert_true (copy == boxed);
    awb_chart_table_unref (boxed);
    g_assert_cmpuint (awb_chart_table_get_n_rows (copy), ==, 3);
    g_boxed_free (AWB_TYPE_CHART_TABLE, copy);
  }
}

static void
test_table_preconditions (void)
{
  g_autoptr(AwbChartTable) table = three_bars (NULL);
  AwbChartRow *row = awb_chart_table_get_row (table, 0);

  /* a column after the rows would leave them short of a value */
  g_test_expect_message ("awb-chart-table", G_LOG_LEVEL_CRITICAL, "*rows->len == 0*");
  awb_chart_table_add_column (table, "Late", AWB_CHART_UNIT_COUNT, 0);
  g_test_assert_expected_messages ();

  g_test_expect_message ("awb-chart-table", G_LOG_LEVEL_CRITICAL, "*column < *");
  awb_chart_row_set (row, 1, 5, "5");
  g_test_assert_expected_messages ();
  g_assert_cmpuint (table->columns->len, ==, 1);
}

/* ---- the style ----------------------------------------------------------- */

static void
test_style_colors (void)
{
  AwbChartColor black, white, mid;

  awb_chart_color_parse (&black, "#000000");
  awb_chart_color_parse (&white, "#ffffff");
  /* WCAG: (1 + 0.05) / (0 + 0.05) = 21 */
  g_assert_cmpfloat_with_epsilon (awb_chart_color_contrast (&black, &white), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (awb_chart_color_contrast (&white, &white), 1.0, 1e-9);
  awb_chart_color_mix (&mid, &black, &white, 0.5);
  g_assert_cmpfloat_with_epsilon (mid.red, 0.5, 1e-6);
  awb_chart_color_mix (&mid, &black, &white, 7);   /* clamped */
  g_assert_cmpfloat_with_epsilon (mid.blue, 1.0, 1e-6);
}

static void
test_style_contrast (void)
{
  for (int dark = 0; dark <= 1; dark++)
    {
      AwbChartStyle style;

      awb_chart_style_init (&style, dark);
      g_assert_nonnull (style.font);
      /* texts: WCAG AA 4.5:1; graphics 3:1 */
      g_assert_cmpfloat (awb_chart_color_contrast (&style.foreground, &style.background), >=, 7);
      g_assert_cmpfloat (awb_chart_color_contrast (&style.secondary, &style.background), >=, 4.5);
      g_assert_cmpfloat (awb_chart_color_contrast (&style.accent, &style.background), >=, 3);
      g_assert_cmpfloat (awb_chart_color_contrast (&style.marked, &style.background), >=, 3);
      for (guint i = 0; i < AWB_CHART_N_SERIES; i++)
        {
          g_assert_cmpfloat (awb_chart_color_contrast (&style.series[i], &style.background), >=, 3);
          /* no two series alike */
          for (guint j = 0; j < i; j++)
            g_assert_cmpuint (rgb_of (&style.series[i]), !=, rgb_of (&style.series[j]));
        }
    }
}

/* ---- BARS ---------------------------------------------------------------- */

static void
test_bars_layout (void)
{
  g_autoptr(AwbChartTable) table = three_bars ("of 75 clients");
  AwbChartStyle style = light_style ();
  Drawn d = draw (table, &style, WIDTH, HEIGHT, -1);
  cairo_rectangle_t plot, bar[3];
  static const double values[] = { 10, 25, 40 };

  save_png (&d, "chart-bars.png");
  awb_chart_layout_get_plot (d.layout, &plot);

  /* one interval per 80 px: a plot 320 to 639 px wide has 4 to 7, so the
   * step for 0..40 is 40/4..40/7 = 10..5.7, rounded up to 10 */
  g_assert_cmpfloat (plot.width, >=, 320);
  g_assert_cmpfloat (plot.width, <, 640);
  g_assert_cmpuint (awb_chart_layout_get_n_ticks (d.layout, AWB_CHART_AXIS_X), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_cmpfloat (awb_chart_layout_get_tick_value (d.layout, AWB_CHART_AXIS_X, i), ==,
                         10.0 * i);
      g_assert_cmpfloat_with_epsilon (awb_chart_layout_get_tick_position (d.layout,
                                                                          AWB_CHART_AXIS_X, i),
                                      plot.x + plot.width * i / 4, 0.5);
    }
  g_assert_cmpuint (awb_chart_layout_get_n_ticks (d.layout, AWB_CHART_AXIS_Y), ==, 0);

  /* bars from the axis's 0, as long as value/40 of the plot, top down */
  for (guint r = 0; r < 3; r++)
    {
      g_assert_true (awb_chart_layout_get_element (d.layout, r, &bar[r]));
      g_assert_cmpfloat_with_epsilon (bar[r].x, plot.x, 1);
      g_assert_cmpfloat_with_epsilon (bar[r].width, values[r] / 40 * plot.width, 1);
      g_assert_cmpfloat (bar[r].height, >, 4);
      if (r > 0)
        g_assert_cmpfloat (bar[r].y, >=, bar[r - 1].y + bar[r - 1].height);
      /* one series: the series element is the element */
      {
        cairo_rectangle_t s;

        g_assert_true (awb_chart_layout_get_series_element (d.layout, r, 0, &s));
        g_assert_cmpfloat (s.width, ==, bar[r].width);
      }
    }
  g_assert_false (awb_chart_layout_get_series_element (d.layout, 0, 1, &bar[0]));

  /* hit-testing: the centre of each bar is its row; the corners are nothing */
  for (guint r = 0; r < 3; r++)
    g_assert_cmpint (awb_chart_layout_hit (d.layout, centre_x (&bar[r]), centre_y (&bar[r])),
                     ==, r);
  g_assert_cmpint (awb_chart_layout_hit (d.layout, 1, 1), ==, -1);
  g_assert_cmpint (awb_chart_layout_hit (d.layout, WIDTH - 1, HEIGHT - 1), ==, -1);
  g_assert_cmpint (awb_chart_layout_hit (d.layout, -5, centre_y (&bar[0])), ==, -1);

  /* pixels: a bar's centre is the first series colour (blue 4); the plot
   * at 90 % across, where no bar, text or gridline is, the background */
  assert_pixel (d.surface, centre_x (&bar[1]), centre_y (&bar[1]), 0x1c71d8, 1);
  assert_pixel (d.surface, plot.x + plot.width * 0.9, centre_y (&bar[0]), 0xffffff, 1);

  drawn_clear (&d);
}

static void
test_bars_legend (void)
{
  g_autoptr(AwbChartTable) table = three_bars ("of 75 clients");
  AwbChartStyle style = light_style ();
  PangoContext *context = new_context ();
  g_autoptr(AwbChartLayout) layout = awb_chart_layout_new (table, &style, context, 600, 300);

  /* one entry per row, then the denominator's label */
  g_assert_cmpuint (awb_chart_layout_get_n_legend_entries (layout), ==, 4);
  g_assert_cmpstr (awb_chart_layout_get_legend_text (layout, 0), ==, "Champions  10  13.3 %");
  g_assert_cmpstr (awb_chart_layout_get_legend_text (layout, 1), ==, "Loyal  25  33.3 %");
  g_assert_cmpstr (awb_chart_layout_get_legend_text (layout, 2), ==, "At risk  40  53.3 %");
  g_assert_cmpfloat_with_epsilon (awb_chart_layout_get_legend_percent (layout, 0), 13.333, 1e-3);
  g_assert_cmpint (awb_chart_layout_get_legend_row (layout, 2), ==, 2);
  g_assert_cmpstr (awb_chart_layout_get_legend_text (layout, 3), ==, "of 75 clients");
  g_assert_true (isnan (awb_chart_layout_get_legend_percent (layout, 3)));
  g_assert_cmpint (awb_chart_layout_get_legend_row (layout, 3), ==, -1);

  /* a row's entry hits the row; the denominator's hits nothing; entries
   * are stacked, each below the one before */
  {
    cairo_rectangle_t e1, e2, e3;

    g_assert_true (awb_chart_layout_get_legend_rect (layout, 1, &e1));
    g_assert_true (awb_chart_layout_get_legend_rect (layout, 2, &e2));
    g_assert_true (awb_chart_layout_get_legend_rect (layout, 3, &e3));
    g_assert_cmpfloat (e2.y, >=, e1.y + e1.height);
    g_assert_cmpint (awb_chart_layout_hit (layout, centre_x (&e1), centre_y (&e1)), ==, 1);
    g_assert_cmpint (awb_chart_layout_hit (layout, centre_x (&e2), centre_y (&e2)), ==, 2);
    g_assert_cmpint (awb_chart_layout_hit (layout, centre_x (&e3), centre_y (&e3)), ==, -1);
  }

  /* of a denominator bigger than the rows: 40 of 200 */
  table->denominator = 200;
  g_clear_pointer (&layout, awb_chart_layout_free);
  layout = awb_chart_layout_new (table, &style, context, 600, 300);
  g_assert_cmpstr (awb_chart_layout_get_legend_text (layout, 2), ==, "At risk  40  20.0 %");
  g_object_unref (context);
}

static void
test_bars_highlight_and_dark (void)
{
  g_autoptr(AwbChartTable) table = three_bars (NULL);
  AwbChartStyle light = light_style ();
  AwbChartStyle dark = dark_style ();
  Drawn plain = draw (table, &light, WIDTH, HEIGHT, -1);
  Drawn lit = draw (table, &light, WIDTH, HEIGHT, 0);
  Drawn night = draw (table, &dark, WIDTH, HEIGHT, -1);
  cairo_rectangle_t plot, bar, band;
  double x, y;

  save_png (&night, "chart-bars-dark.png");
  awb_chart_layout_get_plot (lit.layout, &plot);
  g_assert_true (awb_chart_layout_get_element (lit.layout, 0, &bar));
  g_assert_true (awb_chart_layout_get_hit_area (lit.layout, 0, &band));
  /* the band the highlight draws holds the bar */
  g_assert_cmpfloat (band.x, <=, bar.x);
  g_assert_cmpfloat (band.y, <=, bar.y);
  g_assert_cmpfloat (band.y + band.height, >=, bar.y + bar.height);

  x = plot.x + plot.width * 0.9;
  y = centre_y (&bar);
  /* the accent #1c71d8 at 15 % over white: 0.15 × 28 + 0.85 × 255 = 221,
   * 0.15 × 113 + 216.75 = 234, 0.15 × 216 + 216.75 = 249 */
  assert_pixel (plain.surface, x, y, 0xffffff, 1);
  assert_pixel (lit.surface, x, y, 0xddeaf9, 2);
  /* the other rows are not highlighted */
  {
    cairo_rectangle_t bar2;

    g_assert_true (awb_chart_layout_get_element (lit.layout, 2, &bar2));
    assert_pixel (lit.surface, x, centre_y (&bar2) - bar2.height, 0xffffff, 1);
  }

  /* dark: the background #1e1e1e, the bar blue 2 #62a0ea */
  g_assert_cmpuint (pixel (night.surface, x, y), !=, pixel (plain.surface, x, y));
  assert_pixel (night.surface, x, y, 0x1e1e1e, 1);
  g_assert_true (awb_chart_layout_get_element (night.layout, 1, &bar));
  assert_pixel (night.surface, centre_x (&bar), centre_y (&bar), 0x62a0ea, 1);

  drawn_clear (&plain);
  drawn_clear (&lit);
  drawn_clear (&night);
}

static void
test_bars_two_series (void)
{
  g_autoptr(AwbChartTable) table = awb_chart_table_new (AWB_CHART_BARS, "value", "Value");
  static const double clients[] = { 10, 25, 40 };
  static const double share[] = { 50, 20, 100 };
  AwbChartStyle style = light_style ();
  Drawn d;
  cairo_rectangle_t plot, a, b;
  guint n;

  awb_chart_table_add_column (table, "Clients", AWB_CHART_UNIT_COUNT, AWB_CHART_COLUMN_PLOTTED);
  awb_chart_table_add_column (table, "Share of revenue (%)", AWB_CHART_UNIT_PERCENT,
                              AWB_CHART_COLUMN_PLOTTED | AWB_CHART_COLUMN_OWN_SCALE);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *label = g_strdup_printf ("Tier %u", i + 1);
      g_autofree char *t0 = g_strdup_printf ("%.0f", clients[i]);
      g_autofree char *t1 = g_strdup_printf ("%.0f %%", share[i]);
      AwbChartRow *row = awb_chart_table_add_row (table, label, NULL);

      awb_chart_row_set (row, 0, clients[i], t0);
      awb_chart_row_set (row, 1, share[i], t1);
    }
  d = draw (table, &style, WIDTH, HEIGHT, -1);
  save_png (&d, "chart-bars-two.png");
  awb_chart_layout_get_plot (d.layout, &plot);

  /* the shared axis is the clients' alone: 0..40 */
  n = awb_chart_layout_get_n_ticks (d.layout, AWB_CHART_AXIS_X);
  g_assert_cmpfloat (awb_chart_layout_get_tick_value (d.layout, AWB_CHART_AXIS_X, n - 1), ==, 40);
  for (guint r = 0; r < 3; r++)
    {
      g_assert_true (awb_chart_layout_get_series_element (d.layout, r, 0, &a));
      g_assert_true (awb_chart_layout_get_series_element (d.layout, r, 1, &b));
      g_assert_cmpfloat_with_epsilon (a.width, clients[r] / 40 * plot.width, 1);
      /* the share on its own scale, 0..100 */
      g_assert_cmpfloat_with_epsilon (b.width, share[r] / 100 * plot.width, 1);
      /* the second series right under the first */
      g_assert_cmpfloat_with_epsilon (b.y, a.y + a.height, 1);
    }
  /* the second series in the second colour, green 5 */
  assert_pixel (d.surface, centre_x (&b), centre_y (&b), 0x26a269, 1);

  /* the series key comes first */
  g_assert_cmpstr (awb_chart_layout_get_legend_text (d.layout, 0), ==, "Clients");
  g_assert_cmpstr (awb_chart_layout_get_legend_text (d.layout, 1), ==, "Share of revenue (%)");
  g_assert_cmpint (awb_chart_layout_get_legend_row (d.layout, 1), ==, -1);
  g_assert_cmpint (awb_chart_layout_get_legend_row (d.layout, 2), ==, 0);
  drawn_clear (&d);

  /* every plotted column on its own scale: no shared axis, no ticks */
  ((AwbChartColumn *) g_ptr_array_index (table->columns, 0))->flags |= AWB_CHART_COLUMN_OWN_SCALE;
  d = draw (table, &style, WIDTH, HEIGHT, -1);
  awb_chart_layout_get_plot (d.layout, &plot);
  g_assert_cmpuint (awb_chart_layout_get_n_ticks (d.layout, AWB_CHART_AXIS_X), ==, 0);
  g_assert_true (awb_chart_layout_get_series_element (d.layout, 2, 0, &a));
  g_assert_cmpfloat_with_epsilon (a.width, plot.width, 1);   /* 40 is its own maximum */
  drawn_clear (&d);
}

/* -10 and 30: an axis from -10 to 30 whether its step is 5 or 10, so the
 * zero line is a quarter across; the negative bar ends there. */
static void
test_bars_negative (void)
{
  g_autoptr(AwbChartTable) table = awb_chart_table_new (AWB_CHART_BARS, "flows", "Net flows");
  AwbChartStyle style = light_style ();
  Drawn d;
  cairo_rectangle_t plot, a, b;
  guint n;

  awb_chart_table_add_column (table, "Net flow", AWB_CHART_UNIT_MONEY, AWB_CHART_COLUMN_PLOTTED);
  awb_chart_row_set (awb_chart_table_add_row (table, "Out", NULL), 0, -10, "-¥10");
  awb_chart_row_set (awb_chart_table_add_row (table, "In", NULL), 0, 30, "¥30");
  d = draw (table, &style, WIDTH, HEIGHT, -1);
  save_png (&d, "chart-bars-negative.png");
  awb_chart_layout_get_plot (d.layout, &plot);

  n = awb_chart_layout_get_n_ticks (d.layout, AWB_CHART_AXIS_X);
  g_assert_cmpfloat (awb_chart_layout_get_tick_value (d.layout, AWB_CHART_AXIS_X, 0), ==, -10);
  g_assert_cmpfloat (awb_chart_layout_get_tick_value (d.layout, AWB_CHART_AXIS_X, n - 1), ==, 30);
  g_assert_true (awb_chart_layout_get_element (d.layout, 0, &a));
  g_assert_true (awb_chart_layout_get_element (d.layout, 1, &b));
  g_assert_cmpfloat_with_epsilon (a.x, plot.x, 1);
  g_assert_cmpfloat_with_epsilon (a.width, plot.width / 4, 1);
  g_assert_cmpfloat_with_epsilon (b.x, plot.x + plot.width / 4, 1);
  g_assert_cmpfloat_with_epsilon (b.width, plot.width * 3 / 4, 1);
  assert_pixel (d.surface, centre_x (&a), centre_y (&a), 0x1c71d8, 1);
  drawn_clear (&d);
}

static void
test_bars_preferred_height (void)
{
  AwbChartStyle style = light_style ();
  PangoContext *context = new_context ();
  double h[4];

  for (guint n = 1; n <= 3; n++)
    {
      g_autoptr(AwbChartTable) table = awb_chart_table_new (AWB_CHART_BARS, "b", "B");

      awb_chart_table_add_column (table, "Clients", AWB_CHART_UNIT_COUNT,
                                  AWB_CHART_COLUMN_PLOTTED);
      for (guint r = 0; r < 3 * n; r++)
        awb_chart_row_set (awb_chart_table_add_row (table, "Row", NULL), 0, r + 1, "1");
      h[n] = awb_chart_get_preferred_height (table, &style, context, 900);
    }
  /* each row adds a band of the same height */
  g_assert_cmpfloat (h[2], >, h[1]);
  g_assert_cmpfloat_with_epsilon (h[3] - h[2], h[2] - h[1], 1);
  g_object_unref (context);
}

static void
test_bars_cjk (void)
{
  g_autoptr(AwbChartTable) table = awb_chart_table_new (AWB_CHART_BARS, "segments", "客户分层");
  AwbChartStyle style = light_style ();
  Drawn d;
  cairo_rectangle_t bar;

  table->caption = g_strdup ("占全部已评分客户的比例");
  table->denominator_label = g_strdup ("共 75 位客户");
  awb_chart_table_add_column (table, "客户数", AWB_CHART_UNIT_COUNT, AWB_CHART_COLUMN_PLOTTED);
  awb_chart_row_set (awb_chart_table_add_row (table, "重要价值客户", NULL), 0, 30, "30");
  awb_chart_row_set (awb_chart_table_add_row (table, "重要挽留客户", NULL), 0, 45, "45");

  d = draw (table, &style, WIDTH, HEIGHT, -1);
  save_png (&d, "chart-bars-zh.png");
  /* Pango's fallback found a font for every Chinese character */
  g_assert_cmpint (_awb_chart_layout_get_unknown_glyphs (d.layout), ==, 0);
  g_assert_cmpstr (awb_chart_layout_get_legend_text (d.layout, 0), ==, "重要价值客户  30  40.0 %");
  g_assert_true (awb_chart_layout_get_element (d.layout, 1, &bar));
  assert_pixel (d.surface, centre_x (&bar), centre_y (&bar), 0x1c71d8, 1);
  drawn_clear (&d);
}

/* ---- GRID ---------------------------------------------------------------- */

/* A 5 × 3 grid: cell (gx, gy) holds 10 × gx + 20 × gy (at most 70 at
 * (3, 2)), except (4, 2) which holds 100, the maximum, and is marked; so
 * (0, 0) holds 0 and (1, 2) holds 50.  In all: 3 × (0 + 10 + … + 40) +
 * 5 × (0 + 20 + 40) - 80 + 100 = 300 + 300 + 20 = 620. */
static AwbChartTable *
grid_table (void)
{
  AwbChartTable *table = awb_chart_table_new (AWB_CHART_GRID, "grid", "Grid");
  static const char * const cols[] = { "C0", "C1", "C2", "C3", "C4", NULL };
  static const char * const rows[] = { "Small", "Medium", "Large", NULL };

  awb_chart_table_add_column (table, "Clients", AWB_CHART_UNIT_COUNT, AWB_CHART_COLUMN_PLOTTED);
  awb_chart_table_add_column (table, "AUM", AWB_CHART_UNIT_MONEY, AWB_CHART_COLUMN_PLOTTED);
  awb_chart_table_set_grid (table, 5, 3, cols, rows);
  table->shade_column = 0;
  table->x_label = g_strdup ("Turnover");
  table->y_label = g_strdup ("Capital");
  for (guint gy = 0; gy < 3; gy++)
    for (guint gx = 0; gx < 5; gx++)
      {
        g_autofree char *label = g_strdup_printf ("%s · %s", rows[gy], cols[gx]);
        AwbChartRow *row = awb_chart_table_add_row (table, label, NULL);
        double v = gx == 4 && gy == 2 ? 100 : 10 * gx + 20 * gy;
        g_autofree char *text = g_strdup_printf ("%.0f", v);

        row->gx = gx;
        row->gy = gy;
        row->marked = gx == 4 && gy == 2;
        awb_chart_row_set (row, 0, v, text);
        awb_chart_row_set (row, 1, v * 1000, "¥1万");
      }
  return table;
}

static void
test_grid_layout (void)
{
  g_autoptr(AwbChartTable) table = grid_table ();
  AwbChartStyle style = light_style ();
  Drawn d = draw (table, &style, WIDTH, 360, -1);
  cairo_rectangle_t plot, cell;
  guint bright = 0;

  save_png (&d, "chart-grid.png");
  awb_chart_layout_get_plot (d.layout, &plot);

  /* row 2 is the cell (2, 0): the third of five columns, the top row */
  g_assert_true (awb_chart_layout_get_element (d.layout, 2, &cell));
  g_assert_cmpfloat_with_epsilon (cell.x, plot.x + 2 * plot.width / 5, 1);
  g_assert_cmpfloat_with_epsilon (cell.y, plot.y, 1);
  g_assert_cmpfloat_with_epsilon (cell.width, plot.width / 5, 1);
  g_assert_cmpfloat_with_epsilon (cell.height, plot.height / 3, 1);
  g_assert_cmpint (awb_chart_layout_hit (d.layout, centre_x (&cell), centre_y (&cell)), ==, 2);
  g_assert_cmpint (awb_chart_layout_hit (d.layout, plot.x - 3, centre_y (&cell)), ==, -1);
  /* row 13 is (3, 2): fourth column, bottom row */
  g_assert_true (awb_chart_layout_get_element (d.layout, 13, &cell));
  g_assert_cmpfloat_with_epsilon (cell.x, plot.x + 3 * plot.width / 5, 1);
  g_assert_cmpfloat_with_epsilon (cell.y + cell.height, plot.y + plot.height, 1);

  /* shades, sampled in a corner clear of the centred texts: 0 is the
   * background, 100 the accent, 50 half way: (255 + 28) / 2 = 141.5,
   * (255 + 113) / 2 = 184, (255 + 216) / 2 = 235.5 */
  g_assert_true (awb_chart_layout_get_element (d.layout, 0, &cell));
  assert_pixel (d.surface, cell.x + 5, cell.y + cell.height - 5, 0xffffff, 1);
  g_assert_true (awb_chart_layout_get_element (d.layout, 11, &cell));   /* (1, 2) */
  assert_pixel (d.surface, cell.x + 5, cell.y + cell.height - 5, 0x8db8eb, 2);
  g_assert_true (awb_chart_layout_get_element (d.layout, 14, &cell));   /* (4, 2), marked */
  assert_pixel (d.surface, cell.x + 6, cell.y + cell.height - 6, 0x1c71d8, 1);
  /* its thick outline in the marked colour, orange 4 */
  assert_pixel (d.surface, cell.x + 1, centre_y (&cell), 0xe66100, 1);

  /* on the dark accent the text turns light: near-white pixels (every
   * channel above 0xd0) in the cell's middle third, where the texts are
   * and the corner marker is not */
  for (int y = (int) (cell.y + cell.height / 3); y < cell.y + cell.height * 2 / 3; y++)
    for (int x = (int) (cell.x + cell.width / 3); x < cell.x + cell.width * 2 / 3; x++)
      {
        guint32 p = pixel (d.surface, x, y);

        if ((p >> 16) > 0xd0 && ((p >> 8) & 0xff) > 0xd0 && (p & 0xff) > 0xd0)
          bright++;
      }
  g_assert_cmpuint (bright, >, 10);

  /* the legend: the shading key, the marked cell (100 of 620), the rest
   * is in the cells */
  g_assert_cmpstr (awb_chart_layout_get_legend_text (d.layout, 0), ==, "Clients: 0 – 100");
  g_assert_cmpstr (awb_chart_layout_get_legend_text (d.layout, 1), ==,
                   "Large · C4  100  16.1 %");
  g_assert_cmpint (awb_chart_layout_get_legend_row (d.layout, 1), ==, 14);
  drawn_clear (&d);
}

/* ---- PLANE --------------------------------------------------------------- */

static void
test_plane_layout (void)
{
  g_autoptr(AwbChartTable) table = awb_chart_table_new (AWB_CHART_PLANE, "plane", "Plane");
  AwbChartStyle style = light_style ();
  Drawn d;
  cairo_rectangle_t plot, bin;
  guint n;

  awb_chart_table_add_column (table, "Clients", AWB_CHART_UNIT_COUNT, AWB_CHART_COLUMN_PLOTTED);
  awb_chart_table_set_grid (table, 10, 5, NULL, NULL);
  table->x_min = 0;
  table->x_max = 100;
  table->y_min = 0;
  table->y_max = 50;
  table->x_threshold = 50;
  table->y_threshold = 20;
  table->x_label = g_strdup ("Loyalty");
  table->y_label = g_strdup ("Trust");
  for (guint gy = 0; gy < 5; gy++)
    for (guint gx = 0; gx < 10; gx++)
      {
        AwbChartRow *row = awb_chart_table_add_row (table, "bin", NULL);
        double v = gx == 9 && gy == 4 ? 90 : gx + gy;

        row->gx = gx;
        row->gy = gy;
        awb_chart_row_set (row, 0, v, "n");
      }
  awb_chart_table_add_region (table, 50, 20, 100, 50, "Trust loyalty: 1,234");

  d = draw (table, &style, 900, 500, -1);
  save_png (&d, "chart-plane.png");
  awb_chart_layout_get_plot (d.layout, &plot);

  /* row 13 is the bin (3, 1): x from 3/10 of the plot, y from the bottom
   * up two fifths */
  g_assert_true (awb_chart_layout_get_element (d.layout, 13, &bin));
  g_assert_cmpfloat_with_epsilon (bin.x, plot.x + 3 * plot.width / 10, 1);
  g_assert_cmpfloat_with_epsilon (bin.y, plot.y + plot.height - 2 * plot.height / 5, 1);
  g_assert_cmpfloat_with_epsilon (bin.height, plot.height / 5, 1);
  g_assert_cmpint (awb_chart_layout_hit (d.layout, centre_x (&bin), centre_y (&bin)), ==, 13);

  /* 50 of 0..100 is half way across; 20 of 0..50 two fifths up */
  g_assert_cmpfloat_with_epsilon (awb_chart_layout_get_threshold_position (d.layout,
                                                                           AWB_CHART_AXIS_X),
                                  plot.x + plot.width / 2, 1e-6);
  g_assert_cmpfloat_with_epsilon (awb_chart_layout_get_threshold_position (d.layout,
                                                                           AWB_CHART_AXIS_Y),
                                  plot.y + plot.height * 3 / 5, 1e-6);

  /* x ticks from 0 to 100 on a 1-2-5 step, where their values fall */
  n = awb_chart_layout_get_n_ticks (d.layout, AWB_CHART_AXIS_X);
  g_assert_cmpuint (n, >=, 3);
  g_assert_cmpfloat (awb_chart_layout_get_tick_value (d.layout, AWB_CHART_AXIS_X, 0), ==, 0);
  g_assert_cmpfloat (awb_chart_layout_get_tick_value (d.layout, AWB_CHART_AXIS_X, n - 1), ==, 100);
  for (guint i = 0; i < n; i++)
    {
      double v = awb_chart_layout_get_tick_value (d.layout, AWB_CHART_AXIS_X, i);

      g_assert_cmpfloat_with_epsilon (awb_chart_layout_get_tick_position (d.layout,
                                                                          AWB_CHART_AXIS_X, i),
                                      plot.x + v / 100 * plot.width, 1e-6);
    }

  /* the fullest bin, (9, 4) top right, is the accent; an empty corner of
   * (0, 0) the background */
  g_assert_true (awb_chart_layout_get_element (d.layout, 49, &bin));
  assert_pixel (d.surface, bin.x + bin.width - 4, bin.y + 4, 0x1c71d8, 1);
  g_assert_true (awb_chart_layout_get_element (d.layout, 0, &bin));
  assert_pixel (d.surface, bin.x + 4, bin.y + bin.height - 4, 0xffffff, 1);

  g_assert_cmpstr (awb_chart_layout_get_legend_text (d.layout, 0), ==, "Clients: n – n");
  drawn_clear (&d);
}

/* ---- LINES --------------------------------------------------------------- */

static AwbChartTable *
lines_table (guint n)
{
  AwbChartTable *table = awb_chart_table_new (AWB_CHART_LINES, "runs", "Runs");

  awb_chart_table_add_column (table, "Champions", AWB_CHART_UNIT_COUNT, AWB_CHART_COLUMN_PLOTTED);
  awb_chart_table_add_column (table, "Loyal", AWB_CHART_UNIT_COUNT, AWB_CHART_COLUMN_PLOTTED);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = g_strdup_printf ("2026-%02u-28", i % 12 + 1);
      /* 10, 30, 20, 40, 10, 30, … and a flat 5 */
      double v = (double[]) { 10, 30, 20, 40 }[i % 4];
      g_autofree char *text = g_strdup_printf ("%.0f", v);
      AwbChartRow *row = awb_chart_table_add_row (table, label, NULL);

      awb_chart_row_set (row, 0, v, text);
      awb_chart_row_set (row, 1, 5, "5");
    }
  return table;
}

static void
test_lines_layout (void)
{
  g_autoptr(AwbChartTable) table = lines_table (4);
  AwbChartStyle style = light_style ();
  Drawn d = draw (table, &style, WIDTH, 280, -1);
  Drawn lit = draw (table, &style, WIDTH, 280, 3);
  static const double values[] = { 10, 30, 20, 40 };
  cairo_rectangle_t plot, mark, slice;
  guint changed = 0;

  save_png (&lit, "chart-lines.png");
  awb_chart_layout_get_plot (d.layout, &plot);

  /* one interval per 50 px up: a plot 200 to 249 px tall has 4, so the
   * step for 0..40 is 10 */
  g_assert_cmpfloat (plot.height, >=, 200);
  g_assert_cmpfloat (plot.height, <, 250);
  g_assert_cmpuint (awb_chart_layout_get_n_ticks (d.layout, AWB_CHART_AXIS_Y), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_cmpfloat (awb_chart_layout_get_tick_value (d.layout, AWB_CHART_AXIS_Y, i), ==,
                         10.0 * i);
      g_assert_cmpfloat_with_epsilon (awb_chart_layout_get_tick_position (d.layout,
                                                                          AWB_CHART_AXIS_Y, i),
                                      plot.y + plot.height - plot.height * i / 4, 1e-6);
    }

  /* point i at the middle of the i-th quarter, at value/40 of the height */
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (awb_chart_layout_get_series_element (d.layout, i, 0, &mark));
      g_assert_cmpfloat_with_epsilon (centre_x (&mark), plot.x + (i + 0.5) * plot.width / 4,
                                      1e-6);
      g_assert_cmpfloat_with_epsilon (centre_y (&mark),
                                      plot.y + plot.height - values[i] / 40 * plot.height, 1e-6);
      g_assert_cmpint (awb_chart_layout_hit (d.layout, centre_x (&mark), centre_y (&mark)), ==, i);
    }
  g_assert_cmpint (awb_chart_layout_hit (d.layout, plot.x - 2, plot.y + 2), ==, -1);

  /* the marker's centre is the first series colour */
  assert_pixel (d.surface, centre_x (&mark), centre_y (&mark), 0x1c71d8, 1);

  /* the legend: each series with its last value */
  g_assert_cmpuint (awb_chart_layout_get_n_legend_entries (d.layout), ==, 2);
  g_assert_cmpstr (awb_chart_layout_get_legend_text (d.layout, 0), ==, "Champions  40");
  g_assert_cmpstr (awb_chart_layout_get_legend_text (d.layout, 1), ==, "Loyal  5");

  /* highlighting the last point draws its values over the plot, only in
   * its slice's neighbourhood */
  g_assert_true (awb_chart_layout_get_hit_area (lit.layout, 3, &slice));
  for (int y = (int) plot.y; y < plot.y + plot.height; y++)
    for (int x = (int) plot.x; x < plot.x + plot.width; x++)
      if (pixel (d.surface, x, y) != pixel (lit.surface, x, y))
        {
          changed++;
          g_assert_cmpfloat (x, >=, slice.x - 40);
        }
  g_assert_cmpuint (changed, >, 20);

  drawn_clear (&d);
  drawn_clear (&lit);
}

static void
test_lines_skip_labels (void)
{
  g_autoptr(AwbChartTable) few = lines_table (3);
  g_autoptr(AwbChartTable) many = lines_table (60);
  AwbChartStyle style = light_style ();
  PangoContext *context = new_context ();
  g_autoptr(AwbChartLayout) a = awb_chart_layout_new (few, &style, context, 600, 300);
  g_autoptr(AwbChartLayout) b = awb_chart_layout_new (many, &style, context, 600, 300);

  /* three dates fit under 600 px; sixty "2026-01-28" (each ~70 px) cannot,
   * so at least 60 - 600/70 of them are left out */
  g_assert_cmpuint (_awb_chart_layout_get_n_skipped_texts (a), ==, 0);
  g_assert_cmpuint (_awb_chart_layout_get_n_skipped_texts (b), >=, 60 - 600 / 70);
  g_object_unref (context);
}

/* ---- files --------------------------------------------------------------- */

static void
test_export_files (void)
{
  g_autoptr(AwbChartTable) table = three_bars ("of 75 clients");
  AwbChartStyle style = light_style ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("awb-render-XXXXXX", &error);
  g_autofree char *png = NULL, *svg = NULL, *pdf = NULL, *bad = NULL;
  g_autofree char *contents = NULL;
  cairo_surface_t *read;

  g_assert_no_error (error);
  png = g_build_filename (dir, "chart.png", NULL);
  svg = g_build_filename (dir, "chart.svg", NULL);
  pdf = g_build_filename (dir, "chart.pdf", NULL);
  table->caption = g_strdup ("Share of the scored clients");

  g_assert_true (awb_chart_write_png (table, &style, 640, 360, png, &error));
  g_assert_no_error (error);
  read = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (read), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (read), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (read), ==, 360);
  cairo_surface_destroy (read);

  g_assert_true (awb_chart_write_svg (table, &style, 640, 360, svg, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_clear_pointer (&contents, g_free);

  /* height 0: as tall as the chart asks */
  g_assert_true (awb_chart_write_pdf (table, &style, 640, 0, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  /* a folder that does not exist: an error naming the file */
  bad = g_build_filename (dir, "missing", "chart.pdf", NULL);
  g_assert_false (awb_chart_write_pdf (table, &style, 640, 360, bad, &error));
  g_assert_error (error, AWB_CHART_EXPORT_ERROR, AWB_CHART_EXPORT_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, bad));
  g_clear_error (&error);
  g_assert_false (awb_chart_write_png (table, &style, 640, 360, bad, &error));
  g_assert_nonnull (strstr (error->message, "chart.pdf"));
  g_clear_error (&error);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  g_unlink (png);
  g_unlink (svg);
  g_unlink (pdf);
  g_rmdir (dir);
}

static void
test_render_titled (void)
{
  g_autoptr(AwbChartTable) table = three_bars (NULL);
  AwbChartStyle style = light_style ();
  PangoContext *context = new_context ();
  g_autoptr(AwbChartLayout) plain = awb_chart_layout_new (table, &style, context, 600, 300);
  g_autoptr(AwbChartLayout) titled = NULL;
  cairo_rectangle_t a, b;
  cairo_surface_t *surface;

  table->caption = g_strdup ("Of the scored clients");
  titled = awb_chart_layout_new_full (table, &style, context, 600, 300, AWB_CHART_LAYOUT_TITLED);
  awb_chart_layout_get_plot (plain, &a);
  awb_chart_layout_get_plot (titled, &b);
  /* the title and caption push the plot down by at least two lines */
  g_assert_cmpfloat (b.y, >, a.y + 2 * 12);

  surface = awb_chart_render_to_surface (table, &style, 600, 300, AWB_CHART_LAYOUT_TITLED, -1);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 600);
  /* the title's ink is dark on the light background, at its top left */
  {
    guint dark = 0;

    for (int y = 0; y < 30; y++)
      for (int x = 0; x < 200; x++)
        if ((pixel (surface, x, y) & 0xff) < 0x60)
          dark++;
    g_assert_cmpuint (dark, >, 20);
  }
  cairo_surface_destroy (surface);
  g_object_unref (context);
}

/* A plane over 0..1 × 0..0.5 at 900 × 490, the shading key at its right:
 * a plot 640 to 719 px wide has 8 intervals of at least 1/8, so steps of
 * 0.2; one 400 to 449 px tall has 8 of at least 0.5/8, so steps of 0.1. */
static void
test_plane_fraction_ticks (void)
{
  g_autoptr(AwbChartTable) table = awb_chart_table_new (AWB_CHART_PLANE, "p", "P");
  AwbChartStyle style = light_style ();
  PangoContext *context = new_context ();
  g_autoptr(AwbChartLayout) layout = NULL;
  cairo_rectangle_t plot;
  guint n;

  awb_chart_table_add_column (table, "Clients", AWB_CHART_UNIT_COUNT, AWB_CHART_COLUMN_PLOTTED);
  awb_chart_table_set_grid (table, 2, 2, NULL, NULL);
  table->x_max = 1;
  table->y_max = 0.5;
  layout = awb_chart_layout_new (table, &style, context, 900, 490);
  awb_chart_layout_get_plot (layout, &plot);
  g_assert_cmpfloat (plot.width, >=, 640);
  g_assert_cmpfloat (plot.width, <, 720);
  g_assert_cmpfloat (plot.height, >=, 400);
  g_assert_cmpfloat (plot.height, <, 450);

  n = awb_chart_layout_get_n_ticks (layout, AWB_CHART_AXIS_X);
  g_assert_cmpuint (n, ==, 6);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = _awb_chart_layout_dup_tick_label (layout, AWB_CHART_AXIS_X, i);
      g_autofree char *expected = g_strdup_printf ("%u.%u", 2 * i / 10, 2 * i % 10);

      g_assert_cmpfloat_with_epsilon (awb_chart_layout_get_tick_value (layout, AWB_CHART_AXIS_X,
                                                                       i), i * 0.2, 1e-12);
      g_assert_cmpstr (label, ==, expected);
    }
  n = awb_chart_layout_get_n_ticks (layout, AWB_CHART_AXIS_Y);
  g_assert_cmpuint (n, ==, 6);
  {
    g_autofree char *label = _awb_chart_layout_dup_tick_label (layout, AWB_CHART_AXIS_Y, 3);

    g_assert_cmpstr (label, ==, "0.3");
  }
  g_object_unref (context);
}

/* ---- edges --------------------------------------------------------------- */

static void
test_edge_cases (void)
{
  AwbChartStyle style = light_style ();
  PangoContext *context = new_context ();

  for (AwbChartShape shape = AWB_CHART_BARS; shape <= AWB_CHART_LINES; shape++)
    {
      g_autoptr(AwbChartTable) empty = awb_chart_table_new (shape, "empty", "Empty");
      g_autoptr(AwbChartTable) blank = awb_chart_table_new (shape, "blank", "Blank");
      AwbChartTable *tables[] = { empty, blank };

      /* rows without a value, and a GRID/PLANE row outside the grid */
      awb_chart_table_add_column (blank, "Clients", AWB_CHART_UNIT_COUNT,
                                  AWB_CHART_COLUMN_PLOTTED);
      awb_chart_table_set_grid (blank, 2, 2, NULL, NULL);
      awb_chart_table_add_row (blank, "none", NULL);
      awb_chart_table_add_row (blank, "far", NULL)->gx = 7;

      for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
        {
          static const int sizes[][2] = { { 900, 500 }, { 40, 30 }, { 1, 1 } };

          for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
            {
              Drawn d = draw (tables[t], &style, sizes[i][0], sizes[i][1], 0);
              cairo_rectangle_t rect;

              /* nothing drawn for a row without a value, nothing hit */
              g_assert_false (awb_chart_layout_get_element (d.layout, 0, &rect)
                              && shape != AWB_CHART_GRID && shape != AWB_CHART_PLANE);
              g_assert_false (awb_chart_layout_get_element (d.layout, 1, &rect));
              g_assert_cmpint (awb_chart_layout_hit (d.layout, -1, -1), ==, -1);
              drawn_clear (&d);
            }
          g_assert_cmpfloat (awb_chart_get_preferred_height (tables[t], &style, context, 300),
                             >, 0);
        }
    }
  g_object_unref (context);
}

static void
test_preferred_height_aspect (void)
{
  g_autoptr(AwbChartTable) grid = grid_table ();
  g_autoptr(AwbChartTable) lines = lines_table (4);
  AwbChartStyle style = light_style ();
  PangoContext *context = new_context ();

  /* a grid keeps its aspect: cells at least half as tall as wide.  At
   * 1800 px the legend (a third at most) leaves over 1100 px for five
   * columns, cells over 200 px wide and 100 px tall: three rows take over
   * 300 px, where at 900 px the whole chart asks for less */
  g_assert_cmpfloat (awb_chart_get_preferred_height (grid, &style, context, 900), <, 300);
  g_assert_cmpfloat (awb_chart_get_preferred_height (grid, &style, context, 1800), >, 300);
  g_assert_cmpfloat (awb_chart_get_preferred_height (lines, &style, context, 900), >,
                     awb_chart_get_preferred_height (lines, &style, context, 450));
  {
    double h = awb_chart_get_preferred_height (grid, &style, context, 700);
    g_autoptr(AwbChartLayout) layout = awb_chart_layout_new (grid, &style, context, 700, -1);
    double got;

    awb_chart_layout_get_size (layout, NULL, &got);
    g_assert_cmpfloat (got, ==, h);
  }
  g_object_unref (context);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/awb/render/table/csv", test_table_csv);
  g_test_add_func ("/awb/render/table/percent", test_table_percent);
  g_test_add_func ("/awb/render/table/refcount", test_table_refcount);
  g_test_add_func ("/awb/render/table/preconditions", test_table_preconditions);
  g_test_add_func ("/awb/render/style/colors", test_style_colors);
  g_test_add_func ("/awb/render/style/contrast", test_style_contrast);
  g_test_add_func ("/awb/render/bars/layout", test_bars_layout);
  g_test_add_func ("/awb/render/bars/legend", test_bars_legend);
  g_test_add_func ("/awb/render/bars/highlight-and-dark", test_bars_highlight_and_dark);
  g_test_add_func ("/awb/render/bars/two-series", test_bars_two_series);
  g_test_add_func ("/awb/render/bars/negative", test_bars_negative);
  g_test_add_func ("/awb/render/bars/preferred-height", test_bars_preferred_height);
  g_test_add_func ("/awb/render/bars/cjk", test_bars_cjk);
  g_test_add_func ("/awb/render/grid/layout", test_grid_layout);
  g_test_add_func ("/awb/render/plane/layout", test_plane_layout);
  g_test_add_func ("/awb/render/plane/fraction-ticks", test_plane_fraction_ticks);
  g_test_add_func ("/awb/render/lines/layout", test_lines_layout);
  g_test_add_func ("/awb/render/lines/skip-labels", test_lines_skip_labels);
  g_test_add_func ("/awb/render/export/files", test_export_files);
  g_test_add_func ("/awb/render/export/titled", test_render_titled);
  g_test_add_func ("/awb/render/edge-cases", test_edge_cases);
  g_test_add_func ("/awb/render/preferred-height-aspect", test_preferred_height_aspect);

  return g_test_run ();
}
