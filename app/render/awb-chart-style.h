/* awb-chart-style.h: the colours and font a chart is drawn with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AWB_CHART_N_SERIES 8

/* A colour, each channel 0..1.  Laid out as GTK 4's GdkRGBA (four floats),
 * so a widget can copy one it looked up in its theme field for field. */
typedef struct
{
  float red;
  float green;
  float blue;
  float alpha;
} AwbChartColor;

/* What a chart is drawn with, passed by the caller (the widget from its
 * theme, the report and the tests from awb_chart_style_init ()).  A value
 * type: copy it freely.  The renderer keeps no colour of its own. */
typedef struct
{
  AwbChartColor  foreground;   /* labels, value texts, axis */
  AwbChartColor  secondary;    /* tick labels, axis titles, captions */
  AwbChartColor  background;   /* the chart's ground; cells shade from it */
  AwbChartColor  grid;         /* gridlines and cell borders */
  AwbChartColor  accent;       /* the highlight; cells shade to it */
  AwbChartColor  marked;       /* the outline and marker of a marked cell */
  AwbChartColor  series[AWB_CHART_N_SERIES];   /* the plotted columns, in order */
  const char    *font;         /* a Pango font description ("Cantarell 11"), or NULL
                                * for the Pango context's own (a widget's);
                                * not owned, read when a layout is made */
} AwbChartStyle;

void    awb_chart_style_init       (AwbChartStyle        *style,
                                    gboolean              dark);

void    awb_chart_color_parse      (AwbChartColor        *color,
                                    const char           *hex);
double  awb_chart_color_luminance  (const AwbChartColor  *color);
double  awb_chart_color_contrast   (const AwbChartColor  *a,
                                    const AwbChartColor  *b);
void    awb_chart_color_mix        (AwbChartColor        *result,
                                    const AwbChartColor  *from,
                                    const AwbChartColor  *to,
                                    double                t);

G_END_DECLS
