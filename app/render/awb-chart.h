/* awb-chart.h: a chart's layout, its drawing and its hit-testing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two steps, as HomeBank's draw context but apart: awb_chart_layout_new ()
 * measures the texts and computes every position (the plot rectangle, each
 * row's rectangles, the ticks, the labels, the legend); awb_chart_render ()
 * only draws what the layout holds.  A widget makes a layout when its data,
 * size or style change and renders it every frame; hit-testing reads the
 * same rectangles that were drawn (sysprof's lookup_item).
 *
 * Coordinates are in the units of the cairo context the chart is drawn on
 * (pixels on screen and in PNGs, points in PDF), origin at the top left.
 *
 * In a widget (STYLE.md §15):
 *
 *   size_allocate, or the table or style changed:
 *     g_clear_pointer (&self->layout, awb_chart_layout_free);
 *     self->layout = awb_chart_layout_new (self->table, &self->style,
 *                                          gtk_widget_get_pango_context (w),
 *                                          width, height);
 *   snapshot:
 *     cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &bounds);
 *     awb_chart_render (cr, self->layout, self->hover_row);
 *   motion, click, tooltip:
 *     row = awb_chart_layout_hit (self->layout, x, y);
 *
 * The layout refs the table and the Pango context; the table must not be
 * changed while a layout of it lives (make a new table instead).
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "awb-chart-style.h"
#include "awb-chart-table.h"

G_BEGIN_DECLS

typedef struct _AwbChartLayout AwbChartLayout;

typedef enum
{
  AWB_CHART_AXIS_X,   /* BARS: the value axis; PLANE: the data x axis */
  AWB_CHART_AXIS_Y,   /* LINES: the value axis; PLANE: the data y axis */
} AwbChartAxis;

typedef enum
{
  AWB_CHART_LAYOUT_NONE   = 0,
  /* The table's title and caption above the chart, for the report and for
   * exported files; on screen the caller shows the title itself. */
  AWB_CHART_LAYOUT_TITLED = 1 << 0,
} AwbChartLayoutFlags;

AwbChartLayout *awb_chart_layout_new            (AwbChartTable        *table,
                                                 const AwbChartStyle  *style,
                                                 PangoContext         *context,
                                                 double                width,
                                                 double                height);
AwbChartLayout *awb_chart_layout_new_full       (AwbChartTable        *table,
                                                 const AwbChartStyle  *style,
                                                 PangoContext         *context,
                                                 double                width,
                                                 double                height,
                                                 AwbChartLayoutFlags   flags);
void            awb_chart_layout_free           (AwbChartLayout       *layout);

void            awb_chart_render                (cairo_t              *cr,
                                                 AwbChartLayout       *layout,
                                                 int                   highlight_row);

int             awb_chart_layout_hit            (AwbChartLayout       *layout,
                                                 double                x,
                                                 double                y);

double          awb_chart_get_preferred_height  (AwbChartTable        *table,
                                                 const AwbChartStyle  *style,
                                                 PangoContext         *context,
                                                 double                width);

/* Accessors, for widgets (tooltips, focus rectangles) and tests. */
AwbChartTable  *awb_chart_layout_get_table      (AwbChartLayout       *layout);
void            awb_chart_layout_get_size       (AwbChartLayout       *layout,
                                                 double               *width,
                                                 double               *height);
void            awb_chart_layout_get_plot       (AwbChartLayout       *layout,
                                                 cairo_rectangle_t    *rect);
gboolean        awb_chart_layout_get_element    (AwbChartLayout       *layout,
                                                 guint                 row,
                                                 cairo_rectangle_t    *rect);
gboolean        awb_chart_layout_get_series_element (AwbChartLayout   *layout,
                                                 guint                 row,
                                                 guint                 series,
                                                 cairo_rectangle_t    *rect);
gboolean        awb_chart_layout_get_hit_area   (AwbChartLayout       *layout,
                                                 guint                 row,
                                                 cairo_rectangle_t    *rect);
guint           awb_chart_layout_get_n_ticks    (AwbChartLayout       *layout,
                                                 AwbChartAxis          axis);
double          awb_chart_layout_get_tick_value (AwbChartLayout       *layout,
                                                 AwbChartAxis          axis,
                                                 guint                 i);
double          awb_chart_layout_get_tick_position (AwbChartLayout    *layout,
                                                 AwbChartAxis          axis,
                                                 guint                 i);
double          awb_chart_layout_get_threshold_position (AwbChartLayout *layout,
                                                 AwbChartAxis          axis);
guint           awb_chart_layout_get_n_legend_entries (AwbChartLayout *layout);
const char     *awb_chart_layout_get_legend_text (AwbChartLayout      *layout,
                                                 guint                 i);
double          awb_chart_layout_get_legend_percent (AwbChartLayout   *layout,
                                                 guint                 i);
int             awb_chart_layout_get_legend_row (AwbChartLayout       *layout,
                                                 guint                 i);
gboolean        awb_chart_layout_get_legend_rect (AwbChartLayout      *layout,
                                                 guint                 i,
                                                 cairo_rectangle_t    *rect);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwbChartLayout, awb_chart_layout_free)

G_END_DECLS
