/* awb-chart-style.c: the light and dark chart styles, and colour arithmetic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The colours are GNOME's HIG palette.  Each series colour was chosen for a
 * contrast of at least 3:1 (WCAG 2.1's figure for graphics) against its
 * style's background, which is why the light style takes the darker shades
 * (blue 4, green 5, orange 5) and the dark style the lighter ones (blue 2,
 * green 2, orange 2); tests/render/test-chart.c checks it.
 */
#define G_LOG_DOMAIN "awb-chart-style"

#include "config.h"

#include <math.h>
#include <string.h>

#include "awb-chart-style.h"

static const char * const light_series[AWB_CHART_N_SERIES] = {
  "#1c71d8",   /* blue 4 */
  "#26a269",   /* green 5 */
  "#c64600",   /* orange 5 */
  "#813d9c",   /* purple 3 */
  "#c01c28",   /* red 4 */
  "#865e3c",   /* brown 4 */
  "#2190a4",   /* teal */
  "#d56199",   /* pink */
};

static const char * const dark_series[AWB_CHART_N_SERIES] = {
  "#62a0ea",   /* blue 2 */
  "#57e389",   /* green 2 */
  "#ffa348",   /* orange 2 */
  "#dc8add",   /* purple 1 */
  "#f66151",   /* red 1 */
  "#cdab8f",   /* brown 1 */
  "#4fc3cf",   /* teal, light */
  "#f08cc0",   /* pink, light */
};

static double
linear_channel (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/**
 * awb_chart_style_init:
 * @style: (out caller-allocates): the style to fill
 * @dark: whether for a dark background
 *
 * Fills @style with the default light or dark style and the font "Sans 10".
 */
void
awb_chart_style_init (AwbChartStyle *style,
                      gboolean       dark)
{
  const char * const *series = dark ? dark_series : light_series;

  g_return_if_fail (style != NULL);

  awb_chart_color_parse (&style->foreground, dark ? "#ffffff" : "#1e1e1e");
  awb_chart_color_parse (&style->secondary, dark ? "#c0bfbc" : "#5e5c64");
  awb_chart_color_parse (&style->background, dark ? "#1e1e1e" : "#ffffff");
  awb_chart_color_parse (&style->grid, dark ? "#3d3846" : "#deddda");
  awb_chart_color_parse (&style->accent, dark ? "#62a0ea" : "#1c71d8");
  awb_chart_color_parse (&style->marked, dark ? "#ffa348" : "#e66100");
  for (guint i = 0; i < AWB_CHART_N_SERIES; i++)
    awb_chart_color_parse (&style->series[i], series[i]);
  style->font = "Sans 10";
}

/* Parses "#rrggbb"; anything else is a programmer's error and gives black. */
void
awb_chart_color_parse (AwbChartColor *color,
                       const char    *hex)
{
  guint64 v;

  g_return_if_fail (color != NULL);

  *color = (AwbChartColor) { 0, 0, 0, 1 };
  g_return_if_fail (hex != NULL && hex[0] == '#' && strlen (hex) == 7);

  v = g_ascii_strtoull (hex + 1, NULL, 16);
  color->red = ((v >> 16) & 0xff) / 255.0f;
  color->green = ((v >> 8) & 0xff) / 255.0f;
  color->blue = (v & 0xff) / 255.0f;
}

/* WCAG 2.1 relative luminance, 0 (black) to 1 (white); alpha is ignored. */
double
awb_chart_color_luminance (const AwbChartColor *color)
{
  g_return_val_if_fail (color != NULL, 0);

  return 0.2126 * linear_channel (color->red)
       + 0.7152 * linear_channel (color->green)
       + 0.0722 * linear_channel (color->blue);
}

/* WCAG 2.1 contrast ratio, 1 to 21. */
double
awb_chart_color_contrast (const AwbChartColor *a,
                          const AwbChartColor *b)
{
  double la, lb;

  g_return_val_if_fail (a != NULL && b != NULL, 1);

  la = awb_chart_color_luminance (a);
  lb = awb_chart_color_luminance (b);
  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* @result = @from + t (@to - @from), t clamped to 0..1. */
void
awb_chart_color_mix (AwbChartColor       *result,
                     const AwbChartColor *from,
                     const AwbChartColor *to,
                     double               t)
{
  g_return_if_fail (result != NULL && from != NULL && to != NULL);

  t = CLAMP (t, 0.0, 1.0);
  result->red = from->red + t * (to->red - from->red);
  result->green = from->green + t * (to->green - from->green);
  result->blue = from->blue + t * (to->blue - from->blue);
  result->alpha = from->alpha + t * (to->alpha - from->alpha);
}
