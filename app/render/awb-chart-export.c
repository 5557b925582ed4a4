/* awb-chart-export.c: a chart drawn into a PNG, SVG or PDF file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same layout and render as on screen (STYLE.md §15), onto a cairo
 * image, SVG or PDF surface.  A file stands alone, so it carries the
 * chart's title and caption (AWB_CHART_LAYOUT_TITLED).  Texts are measured
 * with a Pango context made for the target surface, so the PDF's metrics
 * are the PDF's.
 */
#define G_LOG_DOMAIN "awb-chart-export"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "awb-chart-export.h"

G_DEFINE_QUARK (awb-chart-export-error-quark, awb_chart_export_error)

typedef cairo_surface_t *(*CreateSurfaceFunc) (const char *path,
                                               double      width,
                                               double      height);

/* Lays the chart out for @cr's surface and draws it there. */
static void
draw_chart (cairo_t             *cr,
            AwbChartTable       *table,
            const AwbChartStyle *style,
            double               width,
            double               height,
            AwbChartLayoutFlags  flags,
            int                  highlight_row)
{
  /* Pango 1.50 declares no autoptr for PangoContext */
  PangoContext *context = pango_cairo_create_context (cr);
  g_autoptr(AwbChartLayout) layout = NULL;

  layout = awb_chart_layout_new_full (table, style, context, width, height, flags);
  awb_chart_render (cr, layout, highlight_row);
  g_object_unref (context);
}

/* @height if positive, else the height the titled chart asks for. */
static double
resolve_height (AwbChartTable       *table,
                const AwbChartStyle *style,
                double               width,
                double               height)
{
  PangoContext *context;
  AwbChartLayout *layout;

  if (height > 0)
    return height;
  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  layout = awb_chart_layout_new_full (table, style, context, width, -1, AWB_CHART_LAYOUT_TITLED);
  awb_chart_layout_get_size (layout, NULL, &height);
  awb_chart_layout_free (layout);
  g_object_unref (context);
  return height;
}

static gboolean
set_cairo_error (cairo_status_t   status,
                 const char      *path,
                 GError         **error)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, AWB_CHART_EXPORT_ERROR, AWB_CHART_EXPORT_ERROR_FAILED,
               /* TRANSLATORS: the first %s is a file name, the second cairo's reason */
               _("Could not write the chart to “%s”: %s"), name, cairo_status_to_string (status));
  return FALSE;
}

/**
 * awb_chart_render_to_surface:
 * @flags: AWB_CHART_LAYOUT_TITLED to draw the title and caption too
 * @highlight_row: the row drawn highlighted, or -1
 *
 * Draws the chart on a new ARGB32 image surface of @width × @height.
 *
 * Returns: (transfer full): the surface
 */
cairo_surface_t *
awb_chart_render_to_surface (AwbChartTable       *table,
                             const AwbChartStyle *style,
                             int                  width,
                             int                  height,
                             AwbChartLayoutFlags  flags,
                             int                  highlight_row)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  draw_chart (cr, table, style, width, height, flags, highlight_row);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/**
 * awb_chart_write_png:
 * @width: in pixels
 * @height: in pixels; 0 or less: the height the chart asks for
 * @path: the file to write (replaced)
 *
 * Writes the chart, with its title and caption, as a PNG.
 *
 * Returns: TRUE on success; else FALSE with @error set, naming the file
 */
gboolean
awb_chart_write_png (AwbChartTable        *table,
                     const AwbChartStyle  *style,
                     double                width,
                     double                height,
                     const char           *path,
                     GError              **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (width >= 1, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  height = resolve_height (table, style, width, height);
  surface = awb_chart_render_to_surface (table, style, (int) ceil (width), (int) ceil (height),
                                         AWB_CHART_LAYOUT_TITLED, -1);
  status = cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    return set_cairo_error (status, path, error);
  return TRUE;
}

static gboolean
write_vector (CreateSurfaceFunc     create,
              AwbChartTable        *table,
              const AwbChartStyle  *style,
              double                width,
              double                height,
              const char           *path,
              GError              **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  height = resolve_height (table, style, width, height);
  surface = create (path, width, height);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    {
      cr = cairo_create (surface);
      draw_chart (cr, table, style, width, height, AWB_CHART_LAYOUT_TITLED, -1);
      status = cairo_status (cr);
      cairo_destroy (cr);
      /* the file is written out here: a full disk shows in this status */
      cairo_surface_finish (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
      if (status != CAIRO_STATUS_SUCCESS)
        g_unlink (path);   /* no half-written file left behind */
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    return set_cairo_error (status, path, error);
  return TRUE;
}

/**
 * awb_chart_write_svg:
 * @width: in points (1/72 inch); SVG user units
 * @height: likewise; 0 or less: the height the chart asks for
 *
 * Writes the chart, with its title and caption, as an SVG file.
 */
gboolean
awb_chart_write_svg (AwbChartTable        *table,
                     const AwbChartStyle  *style,
                     double                width,
                     double                height,
                     const char           *path,
                     GError              **error)
{
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (width >= 1, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_vector (cairo_svg_surface_create, table, style, width, height, path, error);
}

/**
 * awb_chart_write_pdf:
 * @width: in points (1/72 inch)
 * @height: likewise; 0 or less: the height the chart asks for
 *
 * Writes the chart, with its title and caption, as a one-page PDF.
 */
gboolean
awb_chart_write_pdf (AwbChartTable        *table,
                     const AwbChartStyle  *style,
                     double                width,
                     double                height,
                     const char           *path,
                     GError              **error)
{
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (width >= 1, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_vector (cairo_pdf_surface_create, table, style, width, height, path, error);
}
