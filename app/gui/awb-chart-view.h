/* awb-chart-view.h: one chart, drawn by the render library, that can be pointed at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "awb-chart-style.h"
#include "awb-chart-table.h"

G_BEGIN_DECLS

#define AWB_TYPE_CHART_VIEW (awb_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (AwbChartView, awb_chart_view, AWB, CHART_VIEW, GtkWidget)

GtkWidget     *awb_chart_view_new             (void);
void           awb_chart_view_set_table       (AwbChartView   *self,
                                               AwbChartTable  *table);
AwbChartTable *awb_chart_view_get_table       (AwbChartView   *self);
int            awb_chart_view_get_highlight   (AwbChartView   *self);
const AwbChartStyle *awb_chart_view_get_style (AwbChartView   *self);
char          *awb_chart_view_describe_row    (AwbChartTable  *table,
                                               guint           row);

G_END_DECLS
