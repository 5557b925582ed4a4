/* awb-chart-private.h: what the render tests read beyond the public API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-chart.h"

G_BEGIN_DECLS

/* How many glyphs of the layout's texts no font had (drawn as hex boxes):
 * 0 when Pango's fallback found a font for every character. */
int   _awb_chart_layout_get_unknown_glyphs  (AwbChartLayout *layout);
/* How many texts the layout drew and how many it left out for overlapping. */
guint _awb_chart_layout_get_n_texts         (AwbChartLayout *layout);
guint _awb_chart_layout_get_n_skipped_texts (AwbChartLayout *layout);

/* The text a tick's label shows (whether or not it was left out). */
char *_awb_chart_layout_dup_tick_label      (AwbChartLayout *layout,
                                             AwbChartAxis    axis,
                                             guint           i);

G_END_DECLS
