/* awb-chart-card.h: a chart with its title, its numbers and its exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "awb-chart-table.h"

G_BEGIN_DECLS

#define AWB_TYPE_CHART_CARD (awb_chart_card_get_type ())
G_DECLARE_FINAL_TYPE (AwbChartCard, awb_chart_card, AWB, CHART_CARD, GtkBox)

GtkWidget     *awb_chart_card_new        (void);
void           awb_chart_card_set_table  (AwbChartCard       *self,
                                          AwbChartTable      *table);
AwbChartTable *awb_chart_card_get_table  (AwbChartCard       *self);
void           awb_chart_card_set_moves  (AwbChartCard       *self,
                                          const char * const *moves);

G_END_DECLS
