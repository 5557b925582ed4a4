/* awb-chart-export.h: a chart drawn into a PNG, SVG or PDF file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "awb-chart.h"

G_BEGIN_DECLS

#define AWB_CHART_EXPORT_ERROR (awb_chart_export_error_quark ())

typedef enum
{
  AWB_CHART_EXPORT_ERROR_FAILED,   /* cairo could not create or write the file */
} AwbChartExportError;

GQuark           awb_chart_export_error_quark  (void);

cairo_surface_t *awb_chart_render_to_surface  (AwbChartTable        *table,
                                               const AwbChartStyle  *style,
                                               int                   width,
                                               int                   height,
                                               AwbChartLayoutFlags   flags,
                                               int                   highlight_row);

gboolean         awb_chart_write_png           (AwbChartTable        *table,
                                               const AwbChartStyle  *style,
                                               double                width,
                                               double                height,
                                               const char           *path,
                                               GError              **error);
gboolean         awb_chart_write_svg           (AwbChartTable        *table,
                                               const AwbChartStyle  *style,
                                               double                width,
                                               double                height,
                                               const char           *path,
                                               GError              **error);
gboolean         awb_chart_write_pdf           (AwbChartTable        *table,
                                               const AwbChartStyle  *style,
                                               double                width,
                                               double                height,
                                               const char           *path,
                                               GError              **error);

G_END_DECLS
