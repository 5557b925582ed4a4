/* awb-chart.c: a chart's layout, its drawing and its hit-testing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * NOTES ON THE DESIGN
 *
 * (1) awb_chart_layout_new () is the only place that measures text and
 *     computes a position.  It turns the table into a display list of
 *     items (filled and stroked rectangles, lines, polylines, dots, texts),
 *     each tagged with the table row it belongs to, plus the per-row
 *     rectangles, ticks and legend entries the accessors return.
 * (2) awb_chart_render () walks the display list and nothing else, so a
 *     frame costs a few cairo calls per item and no text shaping.  Items
 *     flagged HIGHLIGHT_ONLY are drawn only for the highlighted row (the
 *     band behind a bar, the outline of a cell, the value of a point).
 * (3) awb_chart_layout_hit () tests the per-row hit areas, which are the
 *     rectangles the highlight draws: what lights up is what was hit.
 * (4) Texts that would overlap one already placed in the same group (tick
 *     labels, row labels, value texts) are left out at layout time, so the
 *     layout knows what is on screen.
 * (5) Filled rectangles are rounded to whole units and 1-unit lines sit on
 *     half units, so edges are crisp at scale 1 (sysprof, HomeBank).
 * (6) Ticks step by 1, 2 or 5 × 10ⁿ, about one interval per 80 units across
 *     and per 50 units up (tick labels are wider than they are tall).
 */
#define G_LOG_DOMAIN "awb-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "awb-chart-private.h"
#include "awb-chart.h"

typedef enum
{
  ITEM_FILL,       /* the rectangle x0,y0 – x1,y1 filled with color */
  ITEM_RAMP,       /* the rectangle, shaded from color (left) to color2 (right) */
  ITEM_STROKE,     /* the rectangle's outline, line_width wide, inside it */
  ITEM_LINE,       /* a line from x0,y0 to x1,y1 */
  ITEM_POLYLINE,   /* points; a NAN x breaks the line */
  ITEM_DOT,        /* a disc centred in the rectangle, color2 ring around */
  ITEM_MARKER,     /* a triangle in the rectangle's top-right corner */
  ITEM_TEXT,       /* the text, its logical rectangle at x0,y0 */
} ItemKind;

typedef enum
{
  ITEM_HIGHLIGHT_ONLY = 1 << 0,   /* drawn only when its row is highlighted */
  ITEM_BOXED          = 1 << 1,   /* TEXT: on a box of color2, to read over marks */
  ITEM_VERTICAL       = 1 << 2,   /* TEXT: turned a quarter anticlockwise */
  ITEM_DASHED         = 1 << 3,   /* LINE */
} ItemFlags;

typedef struct
{
  ItemKind       kind;
  ItemFlags      flags;
  int            row;           /* the table row it belongs to, or -1 */
  AwbChartColor  color;
  AwbChartColor  color2;
  double         line_width;
  double         x0, y0, x1, y1;
  PangoLayout   *text;          /* owned */
  GArray        *points;        /* POLYLINE: x, y pairs of double; owned */
} Item;

typedef struct
{
  double value;
  double position;
} Tick;

typedef enum
{
  SWATCH_NONE,
  SWATCH_SQUARE,
  SWATCH_LINE,
  SWATCH_RAMP,
} SwatchKind;

typedef struct
{
  char          *text;
  double         percent;       /* NAN: none */
  int            row;           /* -1: not a row's (a series, a key, the denominator) */
  SwatchKind     swatch;
  AwbChartColor  color;
  AwbChartColor  color2;        /* SWATCH_RAMP: the far end */
  gboolean       secondary;     /* drawn in the secondary colour */
  cairo_rectangle_t rect;       /* where it was placed; width < 0: left out */
} LegendEntry;

typedef enum
{
  FONT_NORMAL,
  FONT_BOLD,
  FONT_TITLE,
} FontKind;

struct _AwbChartLayout
{
  AwbChartTable        *table;
  AwbChartStyle         style;          /* a copy; style.font is not used after new () */
  PangoContext         *context;
  PangoFontDescription *fonts[3];       /* FontKind */
  AwbChartLayoutFlags   flags;
  double                width;
  double                height;
  double                preferred_height;   /* what the content asked for */

  double                line_height;    /* of the normal font */
  double                pad;            /* the gap between parts, half a line */

  cairo_rectangle_t     content;        /* the part left after title and legend */
  double                left_w;         /* GRID, PLANE, LINES: labels left of the plot */
  double                bottom_h;       /* and under it */
  double                right_w;        /* and right of it */
  cairo_rectangle_t     plot;

  guint                 n_plotted;
  guint                *plotted;        /* column index of each plotted column */

  GArray               *items;          /* Item */
  GArray               *elements;       /* cairo_rectangle_t per row; width < 0: none */
  GArray               *series_elements;   /* per row × n_plotted */
  GArray               *hit_areas;      /* per row */
  GArray               *ticks[2];       /* Tick, per AwbChartAxis */
  double                thresholds[2];  /* position, NAN: none */
  int                   tick_decimals[2];
  GArray               *legend;         /* LegendEntry */

  GArray               *placed;         /* cairo_rectangle_t: the texts of the current
                                         * overlap group */
  guint                 n_texts;
  guint                 n_skipped;
};

static const cairo_rectangle_t no_rect = { 0, 0, -1, -1 };

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_clear_object (&item->text);
  g_clear_pointer (&item->points, g_array_unref);
}

static void
legend_entry_clear (gpointer data)
{
  LegendEntry *entry = data;

  g_free (entry->text);
}

static AwbChartRow *
get_row (AwbChartLayout *self,
         guint           i)
{
  return g_ptr_array_index (self->table->rows, i);
}

static AwbChartColumn *
get_column (AwbChartLayout *self,
            guint           i)
{
  return g_ptr_array_index (self->table->columns, i);
}

static gboolean
rects_overlap (const cairo_rectangle_t *a,
               const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width
      && a->y < b->y + b->height && b->y < a->y + a->height;
}

static gboolean
rect_contains (const cairo_rectangle_t *r,
               double                   x,
               double                   y)
{
  return r->width >= 0 && x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height;
}

/* The rectangle at @i of a per-row array, FALSE when the row has none. */
static gboolean
get_rect (GArray            *array,
          guint              i,
          cairo_rectangle_t *rect)
{
  cairo_rectangle_t *r;

  if (i >= array->len)
    return FALSE;
  r = &g_array_index (array, cairo_rectangle_t, i);
  if (r->width < 0)
    return FALSE;
  *rect = *r;
  return TRUE;
}

/* Rounds a rectangle's edges to whole units, so its fill is crisp. */
static cairo_rectangle_t
snap_rect (double x,
           double y,
           double width,
           double height)
{
  double x0 = round (x), y0 = round (y);
  double x1 = round (x + width), y1 = round (y + height);

  return (cairo_rectangle_t) { x0, y0, x1 - x0, y1 - y0 };
}

/* The text colour that reads best on @fill: the style's foreground or its
 * background, whichever contrasts more (a dark cell takes light text). */
static AwbChartColor
text_color_on (AwbChartLayout      *self,
               const AwbChartColor *fill)
{
  if (awb_chart_color_contrast (&self->style.foreground, fill)
      >= awb_chart_color_contrast (&self->style.background, fill))
    return self->style.foreground;
  return self->style.background;
}

static AwbChartColor
with_alpha (AwbChartColor color,
            double        alpha)
{
  color.alpha *= alpha;
  return color;
}

/* ---- text ---------------------------------------------------------------- */

/* A measured text; @max_width > 0 ellipsizes it at the end to fit. */
static PangoLayout *
make_text (AwbChartLayout *self,
           const char     *text,
           FontKind        font,
           double          max_width)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, self->fonts[font]);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

static void
text_size (PangoLayout *layout,
           double      *width,
           double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

static double
measure_width (AwbChartLayout *self,
               const char     *text,
               FontKind        font)
{
  g_autoptr(PangoLayout) layout = make_text (self, text, font, -1);
  double width;

  text_size (layout, &width, NULL);
  return width;
}

/* Starts a new group of texts that must not overlap each other. */
static void
begin_overlap_group (AwbChartLayout *self)
{
  g_array_set_size (self->placed, 0);
}

static Item *
add_item (AwbChartLayout *self,
          ItemKind        kind,
          int             row,
          AwbChartColor   color)
{
  Item item = { 0, };

  item.kind = kind;
  item.row = row;
  item.color = color;
  item.line_width = 1;
  g_array_append_val (self->items, item);
  return &g_array_index (self->items, Item, self->items->len - 1);
}

/* Places @text (taking it) with its logical rectangle's top-left at x, y.
 * With @check, a text overlapping one already placed in the current group
 * is left out (and counted), and FALSE is returned. */
static gboolean
add_text (AwbChartLayout *self,
          PangoLayout    *text,
          double          x,
          double          y,
          AwbChartColor   color,
          int             row,
          ItemFlags       flags,
          gboolean        check)
{
  cairo_rectangle_t rect;
  double width, height;
  Item *item;

  text_size (text, &width, &height);
  if (flags & ITEM_VERTICAL)
    rect = (cairo_rectangle_t) { x, y, height, width };
  else
    rect = (cairo_rectangle_t) { x, y, width, height };

  if (check)
    {
      /* a little air between neighbours across, so "10" "20" never touch;
       * up and down the logical rectangle's leading may overlap, since the
       * ink sits inside it (grouped bars are thinner than a line) */
      cairo_rectangle_t spaced = { rect.x - 2, rect.y + 2, rect.width + 4, rect.height - 4 };

      for (guint i = 0; i < self->placed->len; i++)
        {
          if (rects_overlap (&spaced, &g_array_index (self->placed, cairo_rectangle_t, i)))
            {
              g_object_unref (text);
              self->n_skipped++;
              return FALSE;
            }
        }
      g_array_append_val (self->placed, rect);
    }

  item = add_item (self, ITEM_TEXT, row, color);
  item->flags = flags;
  item->text = text;
  item->color2 = with_alpha (self->style.background, 0.85);
  item->x0 = rect.x;
  item->y0 = rect.y;
  item->x1 = rect.x + rect.width;
  item->y1 = rect.y + rect.height;
  self->n_texts++;
  return TRUE;
}

/* ---- shapes and lines ---------------------------------------------------- */

static Item *
add_rect (AwbChartLayout          *self,
          ItemKind                 kind,
          const cairo_rectangle_t *rect,
          AwbChartColor            color,
          int                      row)
{
  Item *item = add_item (self, kind, row, color);

  item->x0 = rect->x;
  item->y0 = rect->y;
  item->x1 = rect->x + rect->width;
  item->y1 = rect->y + rect->height;
  return item;
}

/* A line; horizontal and vertical ones of odd width are put on half units
 * so they cover whole pixels. */
static Item *
add_line (AwbChartLayout *self,
          double          x0,
          double          y0,
          double          x1,
          double          y1,
          double          line_width,
          AwbChartColor   color,
          int             row)
{
  Item *item = add_item (self, ITEM_LINE, row, color);
  gboolean odd = fmod (round (line_width), 2) == 1;

  if (x0 == x1 && odd)
    x0 = x1 = floor (x0) + 0.5;
  if (y0 == y1 && odd)
    y0 = y1 = floor (y0) + 0.5;
  item->x0 = x0;
  item->y0 = y0;
  item->x1 = x1;
  item->y1 = y1;
  item->line_width = line_width;
  return item;
}

/* ---- axes ---------------------------------------------------------------- */

/* The 1-2-5 step that divides @span into about @n intervals: the smallest
 * of 1, 2, 5 × 10ⁿ at least span / n. */
static double
nice_step (double span,
           guint  n)
{
  double raw = span / MAX (n, 1);
  double magnitude = pow (10, floor (log10 (raw)));
  double f = raw / magnitude;

  /* the epsilon keeps 40 / 4 = 10 a step of 10, not of 20 after rounding */
  if (f <= 1 + 1e-9)
    return magnitude;
  if (f <= 2 + 1e-9)
    return 2 * magnitude;
  if (f <= 5 + 1e-9)
    return 5 * magnitude;
  return 10 * magnitude;
}

static void
set_tick_decimals (AwbChartLayout *self,
                   AwbChartAxis    axis,
                   double          step)
{
  self->tick_decimals[axis] = (int) CLAMP (-floor (log10 (step) + 1e-9), 0, 6);
}

static guint
n_intervals_for (double length,
                 double per_interval)
{
  return CLAMP ((guint) floor (length / per_interval), 2, 10);
}

/* A value axis: from 0 (or below, for negatives) to the 1-2-5 multiple at
 * or above @hi; fills *lo and *hi with the axis's ends and the ticks. */
static void
value_axis (AwbChartLayout *self,
            AwbChartAxis    axis,
            double         *lo,
            double         *hi,
            double          length)
{
  double step;

  *lo = MIN (*lo, 0);
  *hi = MAX (*hi, 0);
  if (*hi - *lo <= 0)
    *hi = *lo + 1;   /* all zero (or no value): still an axis 0..1 */

  step = nice_step (*hi - *lo, n_intervals_for (length, axis == AWB_CHART_AXIS_X ? 80 : 50));
  set_tick_decimals (self, axis, step);
  *lo = floor (*lo / step + 1e-9) * step;
  *hi = ceil (*hi / step - 1e-9) * step;

  g_array_set_size (self->ticks[axis], 0);
  for (double v = *lo; v <= *hi + step / 2; v += step)
    {
      /* -0 and float drift print badly: snap each tick to its multiple */
      Tick tick = { round (v / step) * step + 0.0, NAN };

      g_array_append_val (self->ticks[axis], tick);
    }
}

/* Ticks inside a given data range [lo, hi] (PLANE), without extending it. */
static void
range_axis (AwbChartLayout *self,
            AwbChartAxis    axis,
            double          lo,
            double          hi,
            double          length)
{
  double step;

  g_array_set_size (self->ticks[axis], 0);
  if (!(hi > lo))
    return;
  step = nice_step (hi - lo, n_intervals_for (length, axis == AWB_CHART_AXIS_X ? 80 : 50));
  set_tick_decimals (self, axis, step);
  for (double v = ceil (lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step)
    {
      Tick tick = { round (v / step) * step + 0.0, NAN };

      g_array_append_val (self->ticks[axis], tick);
    }
}

/* A tick's label, with as many decimals as the axis's step has (0.25 for
 * a step of 0.05 would otherwise print as 0.2 or 0.25000000000000001) and
 * the locale's thousands separator, as the caller's texts are formatted. */
static char *
format_tick (AwbChartLayout *self,
             AwbChartAxis    axis,
             double          value)
{
  AwbChartTable *table = self->table;

  /* a value axis of money reads as the caller writes money (¥2.5B,
   * ¥25亿): eleven digits are not read at a glance */
  if (table->format_money != NULL && table->shape != AWB_CHART_PLANE &&
      table->shape != AWB_CHART_GRID)
    for (guint c = 0; c < table->columns->len; c++)
      {
        const AwbChartColumn *column = g_ptr_array_index (table->columns, c);

        if (!(column->flags & AWB_CHART_COLUMN_PLOTTED) || (column->flags & AWB_CHART_COLUMN_OWN_SCALE))
          continue;
        if (column->unit == AWB_CHART_UNIT_MONEY)
          return table->format_money (value);
        break;
      }
  return g_strdup_printf ("%'.*f", self->tick_decimals[axis], value);
}

/* The largest and smallest value of the plotted columns (own-scale ones
 * left out when @shared_only); both NAN without any value. */
static void
plotted_range (AwbChartLayout *self,
               gboolean        shared_only,
               double         *lo,
               double         *hi)
{
  *lo = NAN;
  *hi = NAN;
  for (guint k = 0; k < self->n_plotted; k++)
    {
      guint c = self->plotted[k];

      if (shared_only && (get_column (self, c)->flags & AWB_CHART_COLUMN_OWN_SCALE))
        continue;
      for (guint r = 0; r < self->table->rows->len; r++)
        {
          double v = get_row (self, r)->values[c];

          if (isnan (v))
            continue;
          *lo = isnan (*lo) ? v : MIN (*lo, v);
          *hi = isnan (*hi) ? v : MAX (*hi, v);
        }
    }
}

static double
column_max (AwbChartLayout *self,
            guint           column)
{
  double max = NAN;

  for (guint r = 0; r < self->table->rows->len; r++)
    {
      double v = get_row (self, r)->values[column];

      if (!isnan (v))
        max = isnan (max) ? v : MAX (max, v);
    }
  return max;
}

/* Tick labels along the bottom of the plot, centred on their ticks, left
 * out where they would overlap. */
static void
add_x_tick_labels (AwbChartLayout *self,
                   double          y)
{
  GArray *ticks = self->ticks[AWB_CHART_AXIS_X];

  begin_overlap_group (self);
  for (guint i = 0; i < ticks->len; i++)
    {
      Tick *tick = &g_array_index (ticks, Tick, i);
      g_autofree char *label = format_tick (self, AWB_CHART_AXIS_X, tick->value);
      PangoLayout *text = make_text (self, label, FONT_NORMAL, -1);
      double width;

      text_size (text, &width, NULL);
      add_text (self, text, tick->position - width / 2, y,
                self->style.secondary, -1, 0, TRUE);
    }
}

/* Tick labels left of the plot, right-aligned at @right, centred on their
 * ticks, left out where they would overlap. */
static void
add_y_tick_labels (AwbChartLayout *self,
                   double          right)
{
  GArray *ticks = self->ticks[AWB_CHART_AXIS_Y];

  begin_overlap_group (self);
  for (guint i = 0; i < ticks->len; i++)
    {
      Tick *tick = &g_array_index (ticks, Tick, i);
      g_autofree char *label = format_tick (self, AWB_CHART_AXIS_Y, tick->value);
      PangoLayout *text = make_text (self, label, FONT_NORMAL, -1);
      double width, height;

      text_size (text, &width, &height);
      add_text (self, text, right - width, tick->position - height / 2,
                self->style.secondary, -1, 0, TRUE);
    }
}

static double
max_tick_label_width (AwbChartLayout *self,
                      AwbChartAxis    axis)
{
  GArray *ticks = self->ticks[axis];
  double max = 0;

  for (guint i = 0; i < ticks->len; i++)
    {
      g_autofree char *label = format_tick (self, axis, g_array_index (ticks, Tick, i).value);

      max = MAX (max, measure_width (self, label, FONT_NORMAL));
    }
  return max;
}

/* ---- legend -------------------------------------------------------------- */

static LegendEntry *
add_legend_entry (AwbChartLayout *self,
                  SwatchKind      swatch,
                  AwbChartColor   color,
                  int             row,
                  double          percent,
                  char           *text)
{
  LegendEntry entry = { 0, };

  entry.text = text;
  entry.swatch = swatch;
  entry.color = color;
  entry.row = row;
  entry.percent = percent;
  entry.rect = no_rect;
  g_array_append_val (self->legend, entry);
  return &g_array_index (self->legend, LegendEntry, self->legend->len - 1);
}

/* "Champions  41  12.3 %": the row's label, its count's text and its share
 * of the denominator. */
static void
add_row_legend_entry (AwbChartLayout *self,
                      guint           r,
                      SwatchKind      swatch,
                      AwbChartColor   color)
{
  AwbChartRow *row = get_row (self, r);
  double percent = awb_chart_table_get_percent (self->table, r);
  g_autoptr(GString) text = g_string_new (row->label);

  if (self->table->columns->len > 0 && row->texts[0][0] != '\0')
    g_string_append_printf (text, "  %s", row->texts[0]);
  if (!isnan (percent))
    g_string_append_printf (text, "  %.1f %%", percent);
  add_legend_entry (self, swatch, color, r, percent,
                    g_string_free (g_steal_pointer (&text), FALSE));
}

static void
add_denominator_legend_entry (AwbChartLayout *self)
{
  LegendEntry *entry;

  if (self->table->denominator_label == NULL || self->table->denominator_label[0] == '\0')
    return;
  entry = add_legend_entry (self, SWATCH_NONE, self->style.secondary, -1, NAN,
                            g_strdup (self->table->denominator_label));
  entry->secondary = TRUE;
}

static double
swatch_width (AwbChartLayout *self,
              SwatchKind      swatch)
{
  switch (swatch)
    {
    case SWATCH_NONE:
      return 0;
    case SWATCH_RAMP:
      return 4 * self->line_height + self->pad;
    case SWATCH_SQUARE:
    case SWATCH_LINE:
    default:
      return self->line_height + self->pad / 2;
    }
}

static double
legend_entry_width (AwbChartLayout *self,
                    LegendEntry    *entry)
{
  return swatch_width (self, entry->swatch) + measure_width (self, entry->text, FONT_NORMAL);
}

/* Where the legend goes: a column at the right when its widest entry takes
 * at most a third of the width, else rows under the chart. */
typedef struct
{
  gboolean right;
  double   width;    /* right: the column's width */
  double   height;   /* the column's or the rows' height */
} LegendPlace;

static LegendPlace
measure_legend (AwbChartLayout *self)
{
  LegendPlace place = { FALSE, 0, 0 };
  double row_step = self->line_height * 1.25;
  double avail = self->width - 2 * self->pad;
  double x = 0;
  guint lines = 0;

  if (self->legend->len == 0)
    return place;

  for (guint i = 0; i < self->legend->len; i++)
    place.width = MAX (place.width, legend_entry_width (self, &g_array_index (self->legend,
                                                                              LegendEntry, i)));
  if (place.width <= avail / 3)
    {
      place.right = TRUE;
      place.height = self->legend->len * row_step;
      return place;
    }

  /* flowed in rows, entries a line's height apart */
  for (guint i = 0; i < self->legend->len; i++)
    {
      double w = MIN (legend_entry_width (self, &g_array_index (self->legend, LegendEntry, i)),
                      avail);

      if (lines == 0 || x + w > avail)
        {
          lines++;
          x = 0;
        }
      x += w + 2 * self->line_height;
    }
  place.height = lines * row_step;
  return place;
}

static void
add_swatch (AwbChartLayout *self,
            LegendEntry    *entry,
            double          x,
            double          y)
{
  double lh = self->line_height;
  double s = round (lh * 0.7);
  cairo_rectangle_t rect;
  Item *item;

  switch (entry->swatch)
    {
    case SWATCH_SQUARE:
      rect = snap_rect (x, y + (lh - s) / 2, s, s);
      add_rect (self, ITEM_FILL, &rect, entry->color, -1);
      break;
    case SWATCH_LINE:
      add_line (self, x, round (y + lh / 2), x + s, round (y + lh / 2), 2, entry->color, -1);
      break;
    case SWATCH_RAMP:
      rect = snap_rect (x, y + (lh - s) / 2, 4 * lh, s);
      item = add_rect (self, ITEM_RAMP, &rect, entry->color, -1);
      item->color2 = entry->color2;
      rect = snap_rect (x, y + (lh - s) / 2, 4 * lh, s);
      add_rect (self, ITEM_STROKE, &rect, self->style.grid, -1);
      break;
    case SWATCH_NONE:
    default:
      break;
    }
}

/* Places the legend's items in @area (the space it was measured for). */
static void
place_legend (AwbChartLayout          *self,
              const LegendPlace       *place,
              const cairo_rectangle_t *area)
{
  double row_step = self->line_height * 1.25;
  double x = area->x, y = area->y;

  for (guint i = 0; i < self->legend->len; i++)
    {
      LegendEntry *entry = &g_array_index (self->legend, LegendEntry, i);
      double sw = swatch_width (self, entry->swatch);
      double text_max = area->width - sw;
      PangoLayout *text;
      double w;

      if (!place->right)
        {
          w = MIN (legend_entry_width (self, entry), area->width);
          if (x > area->x && x + w > area->x + area->width)
            {
              x = area->x;
              y += row_step;
            }
        }
      if (y + self->line_height > area->y + area->height + 0.5)
        break;   /* no room left: the table shows every entry anyway */

      add_swatch (self, entry, x, y);
      text = make_text (self, entry->text, FONT_NORMAL, text_max);
      text_size (text, &w, NULL);
      entry->rect = (cairo_rectangle_t) { x, y, sw + w, self->line_height };
      add_text (self, text, x + sw, y,
                entry->secondary ? self->style.secondary : self->style.foreground,
                entry->row, 0, FALSE);

      if (place->right)
        y += row_step;
      else
        x += sw + w + 2 * self->line_height;
    }
}

/* ---- the frame: title, caption, legend ----------------------------------- */

/* Places the title and caption (when titled) and the legend, and leaves
 * self->content as the room for the chart itself.  @content_height is what
 * the shape asks for its content at this width (called with the content's
 * width): with the layout's height unset, the layout takes the height the
 * whole needs. */
typedef double (*ContentHeightFunc) (AwbChartLayout *self,
                                     double          content_width);

static void
place_frame (AwbChartLayout    *self,
             ContentHeightFunc  content_height)
{
  double pad = self->pad;
  double top = pad;
  double bottom = pad;
  PangoLayout *title = NULL, *caption = NULL;
  double title_h = 0, caption_h = 0;
  LegendPlace place = measure_legend (self);
  double content_w;

  if (self->flags & AWB_CHART_LAYOUT_TITLED)
    {
      if (self->table->title != NULL)
        {
          title = make_text (self, self->table->title, FONT_TITLE, self->width - 2 * pad);
          text_size (title, NULL, &title_h);
          top += title_h;
        }
      if (self->table->caption != NULL)
        {
          caption = make_text (self, self->table->caption, FONT_NORMAL, -1);
          pango_layout_set_width (caption, (int) ((self->width - 2 * pad) * PANGO_SCALE));
          pango_layout_set_wrap (caption, PANGO_WRAP_WORD_CHAR);
          text_size (caption, NULL, &caption_h);
          top += caption_h;
        }
      top += pad;
    }

  content_w = self->width - 2 * pad - (place.right ? place.width + 2 * pad : 0);
  if (!place.right && place.height > 0)
    bottom += place.height + pad;

  /* a legend at the right asks for its own height too */
  self->preferred_height = ceil (top + MAX (content_height (self, MAX (content_w, 1)),
                                            place.right ? place.height : 0) + bottom);
  if (self->height < 0)
    self->height = self->preferred_height;

  if (title != NULL)
    add_text (self, title, pad, pad, self->style.foreground, -1, 0, FALSE);
  if (caption != NULL)
    add_text (self, caption, pad, pad + title_h, self->style.secondary, -1, 0, FALSE);

  self->content = (cairo_rectangle_t) {
    pad, top, MAX (content_w, 1), MAX (self->height - top - bottom, 1)
  };

  if (place.right)
    {
      cairo_rectangle_t area = {
        self->width - pad - place.width, top, place.width, self->height - top - pad
      };

      place_legend (self, &place, &area);
    }
  else if (place.height > 0)
    {
      cairo_rectangle_t area = {
        pad, self->height - pad - place.height, self->width - 2 * pad, place.height
      };

      place_legend (self, &place, &area);
    }
}

/* ---- BARS ---------------------------------------------------------------- */

static double
bar_thickness (AwbChartLayout *self)
{
  return round (self->line_height * 1.1);
}

static gboolean
bars_have_shared_axis (AwbChartLayout *self)
{
  for (guint k = 0; k < self->n_plotted; k++)
    if (!(get_column (self, self->plotted[k])->flags & AWB_CHART_COLUMN_OWN_SCALE))
      return TRUE;
  return FALSE;
}

static double
bars_content_height (AwbChartLayout *self,
                     double          content_width)
{
  double band = MAX (self->n_plotted, 1) * bar_thickness (self) + round (self->line_height * 0.6);
  double axis = bars_have_shared_axis (self) ? self->line_height + self->pad / 2 : 0;

  return self->table->rows->len * band + axis;
}

static void
layout_bars (AwbChartLayout *self)
{
  AwbChartTable *table = self->table;
  guint n_rows = table->rows->len;
  double lh = self->line_height;
  double pad = self->pad;
  double label_w = 0, value_w = 0, negative_w = 0;
  gboolean shared = bars_have_shared_axis (self);
  double axis_h = shared ? lh + pad / 2 : 0;
  double lo, hi;
  double band, thickness, group_h;
  g_autofree double *own_max = g_new0 (double, MAX (self->n_plotted, 1));
  cairo_rectangle_t *plot = &self->plot;

  /* the series key before the rows, when there is more than one series */
  if (self->n_plotted > 1)
    for (guint k = 0; k < self->n_plotted; k++)
      add_legend_entry (self, SWATCH_SQUARE, self->style.series[k % AWB_CHART_N_SERIES], -1, NAN,
                        g_strdup (get_column (self, self->plotted[k])->label));
  for (guint r = 0; r < n_rows; r++)
    add_row_legend_entry (self, r, SWATCH_NONE, self->style.foreground);
  add_denominator_legend_entry (self);

  place_frame (self, bars_content_height);

  /* left: the row labels, at most a third of the room; right: the value
   * texts, so the longest bar's text fits after it */
  for (guint r = 0; r < n_rows; r++)
    {
      AwbChartRow *row = get_row (self, r);

      label_w = MAX (label_w, measure_width (self, row->label,
                                             row->marked ? FONT_BOLD : FONT_NORMAL));
      for (guint k = 0; k < self->n_plotted; k++)
        {
          guint c = self->plotted[k];
          double w = measure_width (self, row->texts[c], FONT_NORMAL);

          /* a negative bar's value goes left of it, between the labels
           * and the plot */
          if (row->values[c] < 0)
            negative_w = MAX (negative_w, w + pad / 2);
          else
            value_w = MAX (value_w, w);
        }
    }
  label_w = ceil (MIN (label_w, self->content.width / 3));
  value_w = ceil (value_w);
  negative_w = ceil (negative_w);

  plot->x = self->content.x + label_w + pad + negative_w;
  plot->y = self->content.y;
  plot->width = MAX (self->content.x + self->content.width - value_w - pad / 2 - plot->x, 1);
  plot->height = MAX (self->content.height - axis_h, 1);

  plotted_range (self, TRUE, &lo, &hi);
  if (isnan (lo))
    lo = hi = 0;
  if (shared)
    value_axis (self, AWB_CHART_AXIS_X, &lo, &hi, plot->width);
  else
    {
      lo = 0;
      hi = 1;
    }
  for (guint k = 0; k < self->n_plotted; k++)
    {
      own_max[k] = column_max (self, self->plotted[k]);
      if (isnan (own_max[k]) || own_max[k] <= 0)
        own_max[k] = 1;
    }

  band = n_rows > 0 ? plot->height / n_rows : plot->height;
  thickness = MIN (band * 0.75 / MAX (self->n_plotted, 1), lh * 1.6);
  group_h = thickness * self->n_plotted;

  /* the highlight bands, under everything; they are the rows' hit areas */
  for (guint r = 0; r < n_rows; r++)
    {
      cairo_rectangle_t hit = snap_rect (self->content.x, plot->y + r * band,
                                         self->content.width, band);

      g_array_index (self->hit_areas, cairo_rectangle_t, r) = hit;
      add_rect (self, ITEM_FILL, &hit, with_alpha (self->style.accent, 0.15), r)->flags
        = ITEM_HIGHLIGHT_ONLY;
    }

  /* gridlines and the zero line */
  if (shared)
    {
      GArray *ticks = self->ticks[AWB_CHART_AXIS_X];

      for (guint i = 0; i < ticks->len; i++)
        {
          Tick *tick = &g_array_index (ticks, Tick, i);

          tick->position = plot->x + (tick->value - lo) / (hi - lo) * plot->width;
          add_line (self, tick->position, plot->y, tick->position, plot->y + plot->height, 1,
                    tick->value == 0 ? self->style.secondary : self->style.grid, -1);
        }
      add_x_tick_labels (self, plot->y + plot->height + pad / 2);
    }
  else
    add_line (self, plot->x, plot->y, plot->x, plot->y + plot->height, 1,
              self->style.secondary, -1);

  /* the bars, and their value texts after their ends */
  begin_overlap_group (self);
  for (guint r = 0; r < n_rows; r++)
    {
      AwbChartRow *row = get_row (self, r);
      double group_y = plot->y + r * band + (band - group_h) / 2;
      cairo_rectangle_t group = no_rect;

      for (guint k = 0; k < self->n_plotted; k++)
        {
          guint c = self->plotted[k];
          double v = row->values[c];
          double a, b, x0, x1;
          cairo_rectangle_t bar;
          PangoLayout *text;
          double tw, th;

          if (isnan (v))
            continue;
          if (get_column (self, c)->flags & AWB_CHART_COLUMN_OWN_SCALE)
            {
              a = 0;
              b = MAX (v, 0) / own_max[k];
            }
          else
            {
              a = (0 - lo) / (hi - lo);
              b = (v - lo) / (hi - lo);
            }
          x0 = plot->x + MIN (a, b) * plot->width;
          x1 = plot->x + MAX (a, b) * plot->width;
          bar = snap_rect (x0, group_y + k * thickness, x1 - x0, thickness);
          g_array_index (self->series_elements, cairo_rectangle_t, r * self->n_plotted + k) = bar;
          add_rect (self, ITEM_FILL, &bar, self->style.series[k % AWB_CHART_N_SERIES], r);

          if (group.width < 0)
            group = bar;
          else
            {
              double gx1 = MAX (group.x + group.width, bar.x + bar.width);
              double gy1 = MAX (group.y + group.height, bar.y + bar.height);

              group.x = MIN (group.x, bar.x);
              group.y = MIN (group.y, bar.y);
              group.width = gx1 - group.x;
              group.height = gy1 - group.y;
            }

          /* the value after the bar's end: right of a positive bar, left of
           * a negative one */
          text = make_text (self, row->texts[c], FONT_NORMAL, -1);
          text_size (text, &tw, &th);
          add_text (self, text, v < 0 ? bar.x - pad / 2 - tw : bar.x + bar.width + pad / 2,
                    bar.y + (bar.height - th) / 2, self->style.foreground, r, 0, TRUE);
        }
      g_array_index (self->elements, cairo_rectangle_t, r) = group;
    }

  /* the row labels, right-aligned before the plot */
  begin_overlap_group (self);
  for (guint r = 0; r < n_rows; r++)
    {
      AwbChartRow *row = get_row (self, r);
      PangoLayout *text = make_text (self, row->label, row->marked ? FONT_BOLD : FONT_NORMAL,
                                     label_w);
      double tw, th;

      text_size (text, &tw, &th);
      add_text (self, text, self->content.x + label_w - tw, plot->y + r * band + (band - th) / 2,
                self->style.foreground, r, 0, TRUE);
    }
}

/* ---- GRID ---------------------------------------------------------------- */

static double
grid_content_height (AwbChartLayout *self,
                     double          content_width)
{
  guint cols = MAX (self->table->grid_cols, 1);
  guint rows = MAX (self->table->grid_rows, 1);
  double cell_w = MAX (content_width - self->left_w, 1) / cols;
  double cell_h = MAX (MAX (self->n_plotted, 1) * self->line_height + self->pad, cell_w * 0.5);

  return rows * ceil (cell_h) + self->bottom_h;
}

/* The text of the row whose @column is smallest (@largest: largest). */
static const char *
extreme_text (AwbChartLayout *self,
              guint           column,
              gboolean        largest)
{
  const char *text = NULL;
  double best = NAN;

  if (column >= self->table->columns->len)
    return "";
  for (guint r = 0; r < self->table->rows->len; r++)
    {
      AwbChartRow *row = get_row (self, r);
      double v = row->values[column];

      if (isnan (v))
        continue;
      if (isnan (best) || (largest ? v > best : v < best))
        {
          best = v;
          text = row->texts[column];
        }
    }
  return text != NULL ? text : "";
}

/* The shading key: "Clients: 3 – 1,234", from the background to the accent. */
static void
add_ramp_legend_entry (AwbChartLayout *self,
                       guint           column)
{
  LegendEntry *entry;

  if (column >= self->table->columns->len)
    return;
  entry = add_legend_entry (self, SWATCH_RAMP, self->style.background, -1, NAN,
                            g_strdup_printf ("%s: %s – %s", get_column (self, column)->label,
                                             extreme_text (self, column, FALSE),
                                             extreme_text (self, column, TRUE)));
  entry->color2 = self->style.accent;
}

static double
max_label_width (AwbChartLayout *self,
                 char          **labels)
{
  double max = 0;

  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    max = MAX (max, measure_width (self, labels[i], FONT_NORMAL));
  return ceil (max);
}

/* The axis titles: x centred under the bottom labels, y turned up the left. */
static void
add_axis_titles (AwbChartLayout *self,
                 double          x_title_y)
{
  cairo_rectangle_t *plot = &self->plot;
  double w, h;

  if (self->table->x_label != NULL)
    {
      PangoLayout *text = make_text (self, self->table->x_label, FONT_NORMAL, plot->width);

      text_size (text, &w, &h);
      add_text (self, text, plot->x + (plot->width - w) / 2, x_title_y,
                self->style.secondary, -1, 0, FALSE);
    }
  if (self->table->y_label != NULL)
    {
      PangoLayout *text = make_text (self, self->table->y_label, FONT_NORMAL, plot->height);

      text_size (text, &w, &h);
      add_text (self, text, self->content.x, plot->y + (plot->height - w) / 2,
                self->style.secondary, -1, ITEM_VERTICAL, FALSE);
    }
}

/* Column labels centred under the columns of the plot, row labels
 * right-aligned before its rows (@from_bottom: row 0 is the bottom one). */
static void
add_grid_labels (AwbChartLayout *self,
                 gboolean        from_bottom)
{
  AwbChartTable *table = self->table;
  cairo_rectangle_t *plot = &self->plot;
  double cell_w = plot->width / MAX (table->grid_cols, 1);
  double cell_h = plot->height / MAX (table->grid_rows, 1);

  begin_overlap_group (self);
  for (guint i = 0; table->col_labels != NULL && i < table->grid_cols; i++)
    {
      PangoLayout *text = make_text (self, table->col_labels[i], FONT_NORMAL, cell_w);
      double w;

      text_size (text, &w, NULL);
      add_text (self, text, plot->x + (i + 0.5) * cell_w - w / 2,
                plot->y + plot->height + self->pad / 2, self->style.foreground, -1, 0, TRUE);
    }
  begin_overlap_group (self);
  for (guint i = 0; table->row_labels != NULL && i < table->grid_rows; i++)
    {
      PangoLayout *text = make_text (self, table->row_labels[i], FONT_NORMAL, -1);
      double w, h;
      guint pos = from_bottom ? table->grid_rows - 1 - i : i;

      text_size (text, &w, &h);
      add_text (self, text, plot->x - self->pad / 2 - w, plot->y + (pos + 0.5) * cell_h - h / 2,
                self->style.foreground, -1, 0, TRUE);
    }
}

static void
layout_grid (AwbChartLayout *self)
{
  AwbChartTable *table = self->table;
  guint cols = MAX (table->grid_cols, 1);
  guint rows = MAX (table->grid_rows, 1);
  double lh = self->line_height;
  double pad = self->pad;
  double cell_w, cell_h, max = 0;
  cairo_rectangle_t *plot = &self->plot;
  gboolean has_shade = table->shade_column < table->columns->len;
  g_autoptr(GArray) fills = g_array_new (FALSE, FALSE, sizeof (AwbChartColor));

  add_ramp_legend_entry (self, table->shade_column);
  for (guint r = 0; r < table->rows->len; r++)
    if (get_row (self, r)->marked)
      add_row_legend_entry (self, r, SWATCH_SQUARE, self->style.marked);
  add_denominator_legend_entry (self);

  self->left_w = (table->row_labels != NULL ? max_label_width (self, table->row_labels) + pad / 2
                                            : 0)
                 + (table->y_label != NULL ? lh + pad / 2 : 0);
  self->bottom_h = (table->col_labels != NULL ? lh + pad / 2 : 0)
                   + (table->x_label != NULL ? lh + pad / 2 : 0);
  place_frame (self, grid_content_height);

  plot->x = self->content.x + self->left_w;
  plot->y = self->content.y;
  plot->width = MAX (self->content.width - self->left_w, 1);
  plot->height = MAX (self->content.height - self->bottom_h, 1);
  cell_w = plot->width / cols;
  cell_h = plot->height / rows;

  if (has_shade)
    max = column_max (self, table->shade_column);

  /* the cells' shades */
  for (guint r = 0; r < table->rows->len; r++)
    {
      AwbChartRow *row = get_row (self, r);
      AwbChartColor fill = self->style.background;
      cairo_rectangle_t cell;
      double v = has_shade ? row->values[table->shade_column] : NAN;

      if (row->gx >= cols || row->gy >= rows)
        {
          g_array_append_val (fills, fill);
          continue;   /* outside the grid: in the table only */
        }
      cell = snap_rect (plot->x + row->gx * cell_w, plot->y + row->gy * cell_h, cell_w, cell_h);
      g_array_index (self->elements, cairo_rectangle_t, r) = cell;
      g_array_index (self->hit_areas, cairo_rectangle_t, r) = cell;
      if (!isnan (v) && max > 0)
        {
          awb_chart_color_mix (&fill, &self->style.background, &self->style.accent, v / max);
          add_rect (self, ITEM_FILL, &cell, fill, r);
        }
      g_array_append_val (fills, fill);
    }

  /* the grid's lines, over the shades */
  for (guint i = 0; i <= cols; i++)
    add_line (self, round (plot->x + i * cell_w), plot->y, round (plot->x + i * cell_w),
              plot->y + plot->height, 1, self->style.grid, -1);
  for (guint i = 0; i <= rows; i++)
    add_line (self, plot->x, round (plot->y + i * cell_h), plot->x + plot->width,
              round (plot->y + i * cell_h), 1, self->style.grid, -1);

  /* marks, highlights and texts, cell by cell */
  for (guint r = 0; r < table->rows->len; r++)
    {
      AwbChartRow *row = get_row (self, r);
      AwbChartColor ink = text_color_on (self, &g_array_index (fills, AwbChartColor, r));
      cairo_rectangle_t cell;
      guint n_lines = 0;
      double y;

      if (!get_rect (self->elements, r, &cell))
        continue;

      if (row->marked)
        {
          double m = round (lh * 0.8);
          cairo_rectangle_t corner = { cell.x + cell.width - m, cell.y, m, m };

          add_rect (self, ITEM_STROKE, &cell, self->style.marked, r)->line_width = 3;
          add_rect (self, ITEM_MARKER, &corner, self->style.marked, r);
        }
      {
        double inset = row->marked ? 3 : 0;
        cairo_rectangle_t ring = {
          cell.x + inset, cell.y + inset, cell.width - 2 * inset, cell.height - 2 * inset
        };
        Item *item = add_rect (self, ITEM_STROKE, &ring, self->style.accent, r);

        item->line_width = 2;
        item->flags = ITEM_HIGHLIGHT_ONLY;
      }

      for (guint k = 0; k < self->n_plotted; k++)
        if (row->texts[self->plotted[k]][0] != '\0')
          n_lines++;
      /* as many lines as fit, centred in the cell */
      n_lines = MIN (n_lines, (guint) MAX (floor ((cell.height - 4) / lh), 0));
      y = cell.y + (cell.height - n_lines * lh) / 2;
      for (guint k = 0, line = 0; k < self->n_plotted && line < n_lines; k++)
        {
          const char *t = row->texts[self->plotted[k]];
          PangoLayout *text;
          double w;

          if (t[0] == '\0')
            continue;
          text = make_text (self, t, row->marked && line == 0 ? FONT_BOLD : FONT_NORMAL,
                            cell.width - pad);
          text_size (text, &w, NULL);
          add_text (self, text, cell.x + (cell.width - w) / 2, y + line * lh, ink, r, 0, FALSE);
          line++;
        }
    }

  add_grid_labels (self, FALSE);
  add_axis_titles (self, plot->y + plot->height + pad / 2
                         + (table->col_labels != NULL ? lh + pad / 2 : 0));
}

/* ---- PLANE --------------------------------------------------------------- */

static double
plane_content_height (AwbChartLayout *self,
                      double          content_width)
{
  double plot_w = MAX (content_width - self->left_w - self->right_w, 1);

  return self->line_height / 2 + ceil (plot_w * 0.6) + self->bottom_h;
}

static void
layout_plane (AwbChartLayout *self)
{
  AwbChartTable *table = self->table;
  guint cols = MAX (table->grid_cols, 1);
  guint rows = MAX (table->grid_rows, 1);
  double lh = self->line_height;
  double pad = self->pad;
  double x_span = table->x_max - table->x_min;
  double y_span = table->y_max - table->y_min;
  double bin_w, bin_h, max;
  cairo_rectangle_t *plot = &self->plot;

  add_ramp_legend_entry (self, 0);
  add_denominator_legend_entry (self);

  /* the y tick labels' width, measured on a provisional axis: the labels
   * of a plot a little shorter or taller are as wide */
  if (table->row_labels != NULL)
    self->left_w = max_label_width (self, table->row_labels);
  else
    {
      range_axis (self, AWB_CHART_AXIS_Y, table->y_min, table->y_max, self->width * 0.5);
      self->left_w = ceil (max_tick_label_width (self, AWB_CHART_AXIS_Y));
    }
  self->left_w += pad / 2 + (table->y_label != NULL ? lh + pad / 2 : 0);
  self->bottom_h = lh + pad / 2 + (table->x_label != NULL ? lh + pad / 2 : 0);
  {
    g_autofree char *last = format_tick (self, AWB_CHART_AXIS_X, table->x_max);

    self->right_w = ceil (measure_width (self, last, FONT_NORMAL) / 2);
  }
  place_frame (self, plane_content_height);

  plot->x = self->content.x + self->left_w;
  plot->y = self->content.y + round (lh / 2);
  plot->width = MAX (self->content.width - self->left_w - self->right_w, 1);
  plot->height = MAX (self->content.height - self->bottom_h - round (lh / 2), 1);
  bin_w = plot->width / cols;
  bin_h = plot->height / rows;
  if (!(x_span > 0))
    x_span = 1;
  if (!(y_span > 0))
    y_span = 1;

  /* the bins, gy counted from the bottom, shaded by column 0 */
  max = self->table->columns->len > 0 ? column_max (self, 0) : NAN;
  for (guint r = 0; r < table->rows->len; r++)
    {
      AwbChartRow *row = get_row (self, r);
      cairo_rectangle_t bin;
      double v = table->columns->len > 0 ? row->values[0] : NAN;

      if (row->gx >= cols || row->gy >= rows)
        continue;
      bin = snap_rect (plot->x + row->gx * bin_w, plot->y + plot->height - (row->gy + 1) * bin_h,
                       bin_w, bin_h);
      g_array_index (self->elements, cairo_rectangle_t, r) = bin;
      g_array_index (self->hit_areas, cairo_rectangle_t, r) = bin;
      if (!isnan (v) && v > 0 && max > 0)
        {
          AwbChartColor fill;

          awb_chart_color_mix (&fill, &self->style.background, &self->style.accent, v / max);
          add_rect (self, ITEM_FILL, &bin, fill, r);
        }
    }
  {
    cairo_rectangle_t frame = snap_rect (plot->x, plot->y, plot->width, plot->height);

    add_rect (self, ITEM_STROKE, &frame, self->style.grid, -1);
  }

  /* ticks: marks outside the frame, labels beyond them; given labels
   * (col_labels, row_labels) name the bins instead */
  if (table->col_labels == NULL)
    {
      GArray *ticks = self->ticks[AWB_CHART_AXIS_X];

      range_axis (self, AWB_CHART_AXIS_X, table->x_min, table->x_max, plot->width);
      for (guint i = 0; i < ticks->len; i++)
        {
          Tick *tick = &g_array_index (ticks, Tick, i);

          tick->position = plot->x + (tick->value - table->x_min) / x_span * plot->width;
          add_line (self, tick->position, plot->y + plot->height,
                    tick->position, plot->y + plot->height + pad / 3, 1, self->style.secondary, -1);
        }
      add_x_tick_labels (self, plot->y + plot->height + pad / 2);
    }
  else
    g_array_set_size (self->ticks[AWB_CHART_AXIS_X], 0);
  if (table->row_labels == NULL)
    {
      GArray *ticks = self->ticks[AWB_CHART_AXIS_Y];

      range_axis (self, AWB_CHART_AXIS_Y, table->y_min, table->y_max, plot->height);
      for (guint i = 0; i < ticks->len; i++)
        {
          Tick *tick = &g_array_index (ticks, Tick, i);

          tick->position = plot->y + plot->height
                           - (tick->value - table->y_min) / y_span * plot->height;
          add_line (self, plot->x - pad / 3, tick->position, plot->x, tick->position, 1,
                    self->style.secondary, -1);
        }
      add_y_tick_labels (self, plot->x - pad / 2);
    }
  else
    g_array_set_size (self->ticks[AWB_CHART_AXIS_Y], 0);
  add_grid_labels (self, TRUE);

  /* the thresholds, dashed, over the bins */
  if (!isnan (table->x_threshold) && table->x_threshold >= table->x_min
      && table->x_threshold <= table->x_max)
    {
      double x = plot->x + (table->x_threshold - table->x_min) / x_span * plot->width;

      self->thresholds[AWB_CHART_AXIS_X] = x;
      add_line (self, round (x), plot->y, round (x), plot->y + plot->height, 2,
                self->style.foreground, -1)->flags = ITEM_DASHED;
    }
  if (!isnan (table->y_threshold) && table->y_threshold >= table->y_min
      && table->y_threshold <= table->y_max)
    {
      double y = plot->y + plot->height
                 - (table->y_threshold - table->y_min) / y_span * plot->height;

      self->thresholds[AWB_CHART_AXIS_Y] = y;
      add_line (self, plot->x, round (y), plot->x + plot->width, round (y), 2,
                self->style.foreground, -1)->flags = ITEM_DASHED;
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      cairo_rectangle_t bin;

      if (get_rect (self->elements, r, &bin))
        {
          Item *item = add_rect (self, ITEM_STROKE, &bin, self->style.accent, r);

          item->line_width = 2;
          item->flags = ITEM_HIGHLIGHT_ONLY;
        }
    }

  /* the regions' labels, centred in their regions, on a box so they read
   * over bins and lines */
  begin_overlap_group (self);
  for (guint i = 0; i < table->regions->len; i++)
    {
      AwbChartRegion *region = g_ptr_array_index (table->regions, i);
      double cx = (CLAMP (region->x0, table->x_min, table->x_max)
                   + CLAMP (region->x1, table->x_min, table->x_max)) / 2;
      double cy = (CLAMP (region->y0, table->y_min, table->y_max)
                   + CLAMP (region->y1, table->y_min, table->y_max)) / 2;
      double px = plot->x + (cx - table->x_min) / x_span * plot->width;
      double py = plot->y + plot->height - (cy - table->y_min) / y_span * plot->height;
      PangoLayout *text = make_text (self, region->label, FONT_BOLD, plot->width - 8);
      double w, h;

      text_size (text, &w, &h);
      px = CLAMP (px - w / 2, plot->x + 4, plot->x + plot->width - w - 4);
      add_text (self, text, px, py - h / 2, self->style.foreground, -1, ITEM_BOXED, TRUE);
    }

  add_axis_titles (self, plot->y + plot->height + pad / 2 + lh + pad / 2);
}

/* ---- LINES --------------------------------------------------------------- */

static double
lines_content_height (AwbChartLayout *self,
                      double          content_width)
{
  double plot_w = MAX (content_width - self->left_w, 1);
  double lh = self->line_height;

  /* small multiples: trends are read side by side, one a few lines high */
  return round (lh / 2) + CLAMP (ceil (plot_w * 0.25), 6 * lh, 12 * lh) + self->bottom_h;
}

static void
layout_lines (AwbChartLayout *self)
{
  AwbChartTable *table = self->table;
  guint n_rows = table->rows->len;
  double lh = self->line_height;
  double pad = self->pad;
  double lo, hi, step;
  GArray *ticks = self->ticks[AWB_CHART_AXIS_Y];
  cairo_rectangle_t *plot = &self->plot;
  double dot = 9;   /* a point marker's diameter, with its ring */

  /* the series, each with its last value */
  for (guint k = 0; k < self->n_plotted; k++)
    {
      guint c = self->plotted[k];
      const char *last = NULL;

      for (guint r = n_rows; r > 0 && last == NULL; r--)
        if (!isnan (get_row (self, r - 1)->values[c]))
          last = get_row (self, r - 1)->texts[c];
      add_legend_entry (self, SWATCH_LINE, self->style.series[k % AWB_CHART_N_SERIES], -1, NAN,
                        last != NULL && last[0] != '\0'
                        ? g_strdup_printf ("%s  %s", get_column (self, c)->label, last)
                        : g_strdup (get_column (self, c)->label));
    }

  plotted_range (self, FALSE, &lo, &hi);
  if (isnan (lo))
    lo = hi = 0;
  {
    double plo = lo, phi = hi;

    value_axis (self, AWB_CHART_AXIS_Y, &plo, &phi, 300);
    self->left_w = ceil (max_tick_label_width (self, AWB_CHART_AXIS_Y)) + pad / 2
                   + (table->y_label != NULL ? lh + pad / 2 : 0);
  }
  self->bottom_h = lh + pad / 2 + (table->x_label != NULL ? lh + pad / 2 : 0);
  place_frame (self, lines_content_height);

  plot->x = self->content.x + self->left_w;
  plot->y = self->content.y + round (lh / 2);
  plot->width = MAX (self->content.width - self->left_w, 1);
  plot->height = MAX (self->content.height - self->bottom_h - round (lh / 2), 1);

  value_axis (self, AWB_CHART_AXIS_Y, &lo, &hi, plot->height);
  for (guint i = 0; i < ticks->len; i++)
    {
      Tick *tick = &g_array_index (ticks, Tick, i);

      tick->position = plot->y + plot->height - (tick->value - lo) / (hi - lo) * plot->height;
      add_line (self, plot->x, tick->position, plot->x + plot->width, tick->position, 1,
                tick->value == 0 ? self->style.secondary : self->style.grid, -1);
    }
  add_y_tick_labels (self, plot->x - pad / 2);

  step = n_rows > 0 ? plot->width / n_rows : plot->width;

  /* each row's slice is its hit area; the highlight draws a guide there */
  for (guint r = 0; r < n_rows; r++)
    {
      double x = plot->x + (r + 0.5) * step;

      g_array_index (self->hit_areas, cairo_rectangle_t, r)
        = snap_rect (plot->x + r * step, plot->y, step, plot->height);
      add_line (self, round (x), plot->y, round (x), plot->y + plot->height, 1,
                self->style.secondary, r)->flags = ITEM_HIGHLIGHT_ONLY;
    }

  for (guint k = 0; k < self->n_plotted; k++)
    {
      guint c = self->plotted[k];
      AwbChartColor color = self->style.series[k % AWB_CHART_N_SERIES];
      Item *line = add_item (self, ITEM_POLYLINE, -1, color);

      line->line_width = 2;
      line->points = g_array_new (FALSE, FALSE, sizeof (double));
      for (guint r = 0; r < n_rows; r++)
        {
          double v = get_row (self, r)->values[c];
          double x = plot->x + (r + 0.5) * step;
          double y = isnan (v) ? NAN : plot->y + plot->height - (v - lo) / (hi - lo) * plot->height;

          g_array_append_val (line->points, x);
          g_array_append_val (line->points, y);
        }
    }

  /* the point markers, over every line, and the values they show when
   * highlighted */
  for (guint k = 0; k < self->n_plotted; k++)
    {
      guint c = self->plotted[k];
      AwbChartColor color = self->style.series[k % AWB_CHART_N_SERIES];

      for (guint r = 0; r < n_rows; r++)
        {
          AwbChartRow *row = get_row (self, r);
          double v = row->values[c];
          double x = plot->x + (r + 0.5) * step;
          double y;
          cairo_rectangle_t mark;

          if (isnan (v))
            continue;
          y = plot->y + plot->height - (v - lo) / (hi - lo) * plot->height;
          mark = (cairo_rectangle_t) { x - dot / 2, y - dot / 2, dot, dot };
          g_array_index (self->series_elements, cairo_rectangle_t, r * self->n_plotted + k) = mark;
          if (g_array_index (self->elements, cairo_rectangle_t, r).width < 0)
            g_array_index (self->elements, cairo_rectangle_t, r) = mark;
          /* markers only where points are apart enough to tell */
          if (step >= 2 * dot)
            add_rect (self, ITEM_DOT, &mark, color, r)->color2 = self->style.background;
        }
    }
  for (guint r = 0; r < n_rows; r++)
    {
      for (guint k = 0; k < self->n_plotted; k++)
        {
          AwbChartRow *row = get_row (self, r);
          cairo_rectangle_t mark;
          PangoLayout *text;
          double w, h;

          if (!get_rect (self->series_elements, r * self->n_plotted + k, &mark))
            continue;
          text = make_text (self, row->texts[self->plotted[k]], FONT_BOLD, -1);
          text_size (text, &w, &h);
          add_text (self, text,
                    CLAMP (mark.x + dot / 2 - w / 2, 3, self->width - w - 3),
                    MAX (mark.y - h - 3, 1),
                    self->style.foreground, r, ITEM_HIGHLIGHT_ONLY | ITEM_BOXED, FALSE);
        }
    }

  /* the x labels, the rows' labels, left out where they would overlap */
  begin_overlap_group (self);
  for (guint r = 0; r < n_rows; r++)
    {
      PangoLayout *text = make_text (self, get_row (self, r)->label, FONT_NORMAL, -1);
      double w;

      text_size (text, &w, NULL);
      /* the last label may reach past the plot, not into the legend */
      add_text (self, text,
                CLAMP (plot->x + (r + 0.5) * step - w / 2, 0,
                       self->content.x + self->content.width - w),
                plot->y + plot->height + pad / 2, self->style.secondary, -1, 0, TRUE);
    }

  add_axis_titles (self, plot->y + plot->height + pad / 2 + lh + pad / 2);
}

/* ---- the layout ---------------------------------------------------------- */

/**
 * awb_chart_layout_new_full:
 * @table: the chart's table
 * @style: the colours and font (copied)
 * @context: the Pango context the texts are measured with: a widget's, or
 *   one from pango_cairo_font_map_get_default () or from the cairo context
 *   the chart will be drawn on
 * @width: the chart's width
 * @height: its height; negative: the height the chart asks for at @width
 * @flags: AWB_CHART_LAYOUT_TITLED to place the title and caption too
 *
 * Computes every position of the chart.  The layout keeps a reference on
 * @table and @context; the table must not change while the layout lives.
 *
 * Returns: (transfer full): the layout, to free with awb_chart_layout_free ()
 */
AwbChartLayout *
awb_chart_layout_new_full (AwbChartTable       *table,
                           const AwbChartStyle *style,
                           PangoContext        *context,
                           double               width,
                           double               height,
                           AwbChartLayoutFlags  flags)
{
  AwbChartLayout *self;
  guint n_rows;
  PangoFontMetrics *metrics;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (width > 0, NULL);

  n_rows = table->rows->len;
  self = g_new0 (AwbChartLayout, 1);
  self->table = awb_chart_table_ref (table);
  self->style = *style;
  self->context = g_object_ref (context);
  self->flags = flags;
  self->width = width;
  self->height = height;

  /* no font in the style: the context's, which for a widget's context is
   * the font its CSS gives it */
  if (style->font != NULL)
    self->fonts[FONT_NORMAL] = pango_font_description_from_string (style->font);
  else
    self->fonts[FONT_NORMAL]
      = pango_font_description_copy (pango_context_get_font_description (context));
  self->fonts[FONT_BOLD] = pango_font_description_copy (self->fonts[FONT_NORMAL]);
  pango_font_description_set_weight (self->fonts[FONT_BOLD], PANGO_WEIGHT_BOLD);
  self->fonts[FONT_TITLE] = pango_font_description_copy (self->fonts[FONT_BOLD]);
  pango_font_description_set_size (self->fonts[FONT_TITLE],
                                   pango_font_description_get_size (self->fonts[FONT_NORMAL])
                                   * 6 / 5);

  metrics = pango_context_get_metrics (context, self->fonts[FONT_NORMAL], NULL);
  self->line_height = ceil ((double) (pango_font_metrics_get_ascent (metrics)
                                      + pango_font_metrics_get_descent (metrics)) / PANGO_SCALE);
  pango_font_metrics_unref (metrics);
  self->pad = round (self->line_height / 2);

  self->plotted = g_new0 (guint, MAX (table->columns->len, 1));
  for (guint c = 0; c < table->columns->len; c++)
    if (((AwbChartColumn *) g_ptr_array_index (table->columns, c))->flags
        & AWB_CHART_COLUMN_PLOTTED)
      self->plotted[self->n_plotted++] = c;

  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, item_clear);
  self->elements = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  self->hit_areas = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  self->series_elements = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  for (guint r = 0; r < n_rows; r++)
    {
      g_array_append_val (self->elements, no_rect);
      g_array_append_val (self->hit_areas, no_rect);
      for (guint k = 0; k < self->n_plotted; k++)
        g_array_append_val (self->series_elements, no_rect);
    }
  self->ticks[AWB_CHART_AXIS_X] = g_array_new (FALSE, FALSE, sizeof (Tick));
  self->ticks[AWB_CHART_AXIS_Y] = g_array_new (FALSE, FALSE, sizeof (Tick));
  self->thresholds[AWB_CHART_AXIS_X] = NAN;
  self->thresholds[AWB_CHART_AXIS_Y] = NAN;
  self->legend = g_array_new (FALSE, TRUE, sizeof (LegendEntry));
  g_array_set_clear_func (self->legend, legend_entry_clear);
  self->placed = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));

  switch (table->shape)
    {
    case AWB_CHART_BARS:
      layout_bars (self);
      break;
    case AWB_CHART_GRID:
      layout_grid (self);
      break;
    case AWB_CHART_PLANE:
      layout_plane (self);
      break;
    case AWB_CHART_LINES:
      layout_lines (self);
      break;
    default:
      g_warn_if_reached ();
      place_frame (self, bars_content_height);
      break;
    }

  return self;
}

AwbChartLayout *
awb_chart_layout_new (AwbChartTable       *table,
                      const AwbChartStyle *style,
                      PangoContext        *context,
                      double               width,
                      double               height)
{
  return awb_chart_layout_new_full (table, style, context, width, height, AWB_CHART_LAYOUT_NONE);
}

void
awb_chart_layout_free (AwbChartLayout *self)
{
  if (self == NULL)
    return;

  awb_chart_table_unref (self->table);
  g_object_unref (self->context);
  for (guint i = 0; i < G_N_ELEMENTS (self->fonts); i++)
    pango_font_description_free (self->fonts[i]);
  g_free (self->plotted);
  g_array_unref (self->items);
  g_array_unref (self->elements);
  g_array_unref (self->series_elements);
  g_array_unref (self->hit_areas);
  g_array_unref (self->ticks[0]);
  g_array_unref (self->ticks[1]);
  g_array_unref (self->legend);
  g_array_unref (self->placed);
  g_free (self);
}

/**
 * awb_chart_get_preferred_height:
 *
 * The height the chart asks for at @width: bars grow with the number of
 * rows, grids and planes keep their aspect, lines a readable height.
 */
double
awb_chart_get_preferred_height (AwbChartTable       *table,
                                const AwbChartStyle *style,
                                PangoContext        *context,
                                double               width)
{
  g_autoptr(AwbChartLayout) layout = NULL;

  g_return_val_if_fail (table != NULL, 0);
  g_return_val_if_fail (style != NULL, 0);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), 0);
  g_return_val_if_fail (width > 0, 0);

  layout = awb_chart_layout_new (table, style, context, width, -1);
  return layout->preferred_height;
}

/* ---- drawing ------------------------------------------------------------- */

static void
set_color (cairo_t             *cr,
           const AwbChartColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static void
draw_text (cairo_t    *cr,
           const Item *item)
{
  if (item->flags & ITEM_BOXED)
    {
      set_color (cr, &item->color2);
      cairo_rectangle (cr, item->x0 - 3, item->y0 - 1, item->x1 - item->x0 + 6,
                       item->y1 - item->y0 + 2);
      cairo_fill (cr);
    }
  set_color (cr, &item->color);
  if (item->flags & ITEM_VERTICAL)
    {
      cairo_save (cr);
      cairo_translate (cr, item->x0, item->y1);
      cairo_rotate (cr, -G_PI / 2);
      cairo_move_to (cr, 0, 0);
      pango_cairo_show_layout (cr, item->text);
      cairo_restore (cr);
    }
  else
    {
      cairo_move_to (cr, item->x0, item->y0);
      pango_cairo_show_layout (cr, item->text);
    }
}

static void
draw_item (cairo_t    *cr,
           const Item *item)
{
  double w = item->line_width;
  cairo_pattern_t *ramp;

  switch (item->kind)
    {
    case ITEM_FILL:
      set_color (cr, &item->color);
      cairo_rectangle (cr, item->x0, item->y0, item->x1 - item->x0, item->y1 - item->y0);
      cairo_fill (cr);
      break;

    case ITEM_RAMP:
      ramp = cairo_pattern_create_linear (item->x0, 0, item->x1, 0);
      cairo_pattern_add_color_stop_rgba (ramp, 0, item->color.red, item->color.green,
                                         item->color.blue, item->color.alpha);
      cairo_pattern_add_color_stop_rgba (ramp, 1, item->color2.red, item->color2.green,
                                         item->color2.blue, item->color2.alpha);
      cairo_set_source (cr, ramp);
      cairo_rectangle (cr, item->x0, item->y0, item->x1 - item->x0, item->y1 - item->y0);
      cairo_fill (cr);
      cairo_pattern_destroy (ramp);
      break;

    case ITEM_STROKE:
      set_color (cr, &item->color);
      cairo_set_line_width (cr, w);
      cairo_rectangle (cr, item->x0 + w / 2, item->y0 + w / 2,
                       item->x1 - item->x0 - w, item->y1 - item->y0 - w);
      cairo_stroke (cr);
      break;

    case ITEM_LINE:
      set_color (cr, &item->color);
      cairo_set_line_width (cr, w);
      if (item->flags & ITEM_DASHED)
        {
          double dash[] = { 4 * w, 3 * w };

          cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
        }
      cairo_move_to (cr, item->x0, item->y0);
      cairo_line_to (cr, item->x1, item->y1);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      break;

    case ITEM_POLYLINE:
      set_color (cr, &item->color);
      cairo_set_line_width (cr, w);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_new_path (cr);
      for (guint i = 0; i + 1 < item->points->len; i += 2)
        {
          double x = g_array_index (item->points, double, i);
          double y = g_array_index (item->points, double, i + 1);

          if (isnan (x) || isnan (y))
            cairo_new_sub_path (cr);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_stroke (cr);
      break;

    case ITEM_DOT:
      cairo_new_path (cr);
      cairo_arc (cr, (item->x0 + item->x1) / 2, (item->y0 + item->y1) / 2,
                 (item->x1 - item->x0) / 2, 0, 2 * G_PI);
      set_color (cr, &item->color2);
      cairo_fill_preserve (cr);
      set_color (cr, &item->color);
      cairo_new_path (cr);
      cairo_arc (cr, (item->x0 + item->x1) / 2, (item->y0 + item->y1) / 2,
                 (item->x1 - item->x0) / 2 - 1.5, 0, 2 * G_PI);
      cairo_fill (cr);
      break;

    case ITEM_MARKER:
      set_color (cr, &item->color);
      cairo_move_to (cr, item->x1, item->y0);
      cairo_line_to (cr, item->x1, item->y1);
      cairo_line_to (cr, item->x0, item->y0);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;

    case ITEM_TEXT:
      draw_text (cr, item);
      break;

    default:
      g_assert_not_reached ();
    }
}

/**
 * awb_chart_render:
 * @cr: where to draw, its origin at the chart's top left
 * @layout: the chart's layout
 * @highlight_row: the row drawn highlighted, or -1
 *
 * Paints the background over the layout's size and draws the chart.
 * Measures nothing and computes no position: a frame is the display list.
 */
void
awb_chart_render (cairo_t        *cr,
                  AwbChartLayout *layout,
                  int             highlight_row)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);

  cairo_save (cr);
  set_color (cr, &layout->style.background);
  cairo_rectangle (cr, 0, 0, layout->width, layout->height);
  cairo_fill (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  for (guint i = 0; i < layout->items->len; i++)
    {
      const Item *item = &g_array_index (layout->items, Item, i);

      if ((item->flags & ITEM_HIGHLIGHT_ONLY) && item->row != highlight_row)
        continue;
      draw_item (cr, item);
    }
  cairo_restore (cr);
}

/* ---- hit-testing and accessors ------------------------------------------- */

/**
 * awb_chart_layout_hit:
 *
 * Returns: the row whose hit area (what its highlight covers) or whose
 *   legend entry holds the point x, y, or -1
 */
int
awb_chart_layout_hit (AwbChartLayout *layout,
                      double          x,
                      double          y)
{
  g_return_val_if_fail (layout != NULL, -1);

  for (guint r = 0; r < layout->hit_areas->len; r++)
    if (rect_contains (&g_array_index (layout->hit_areas, cairo_rectangle_t, r), x, y))
      return (int) r;
  /* a row's legend entry stands for the row too */
  for (guint i = 0; i < layout->legend->len; i++)
    {
      LegendEntry *entry = &g_array_index (layout->legend, LegendEntry, i);

      if (entry->row >= 0 && rect_contains (&entry->rect, x, y))
        return entry->row;
    }
  return -1;
}

AwbChartTable *
awb_chart_layout_get_table (AwbChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);

  return layout->table;
}

void
awb_chart_layout_get_size (AwbChartLayout *layout,
                           double         *width,
                           double         *height)
{
  g_return_if_fail (layout != NULL);

  if (width != NULL)
    *width = layout->width;
  if (height != NULL)
    *height = layout->height;
}

void
awb_chart_layout_get_plot (AwbChartLayout    *layout,
                           cairo_rectangle_t *rect)
{
  g_return_if_fail (layout != NULL);
  g_return_if_fail (rect != NULL);

  *rect = layout->plot;
}

/**
 * awb_chart_layout_get_element:
 *
 * The row's mark: the bounds of its bars, its cell, its bin, or its first
 * series's point marker.
 *
 * Returns: FALSE (leaving @rect alone) when the row draws no mark (no value)
 */
gboolean
awb_chart_layout_get_element (AwbChartLayout    *layout,
                              guint              row,
                              cairo_rectangle_t *rect)
{
  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  return get_rect (layout->elements, row, rect);
}

/**
 * awb_chart_layout_get_series_element:
 * @series: the index among the plotted columns (0: the first plotted)
 *
 * BARS: the row's bar of that series; LINES: its point's marker.
 *
 * Returns: FALSE when there is none (no value, or another shape)
 */
gboolean
awb_chart_layout_get_series_element (AwbChartLayout    *layout,
                                     guint              row,
                                     guint              series,
                                     cairo_rectangle_t *rect)
{
  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  if (series >= layout->n_plotted)
    return FALSE;
  return get_rect (layout->series_elements, row * layout->n_plotted + series, rect);
}

/**
 * awb_chart_layout_get_hit_area:
 *
 * The rectangle that hits the row and that its highlight covers: the row's
 * band (BARS), its cell or bin (GRID, PLANE), its slice of the plot (LINES).
 */
gboolean
awb_chart_layout_get_hit_area (AwbChartLayout    *layout,
                               guint              row,
                               cairo_rectangle_t *rect)
{
  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  return get_rect (layout->hit_areas, row, rect);
}

guint
awb_chart_layout_get_n_ticks (AwbChartLayout *layout,
                              AwbChartAxis    axis)
{
  g_return_val_if_fail (layout != NULL, 0);
  g_return_val_if_fail (axis <= AWB_CHART_AXIS_Y, 0);

  return layout->ticks[axis]->len;
}

double
awb_chart_layout_get_tick_value (AwbChartLayout *layout,
                                 AwbChartAxis    axis,
                                 guint           i)
{
  g_return_val_if_fail (layout != NULL, NAN);
  g_return_val_if_fail (axis <= AWB_CHART_AXIS_Y, NAN);
  g_return_val_if_fail (i < layout->ticks[axis]->len, NAN);

  return g_array_index (layout->ticks[axis], Tick, i).value;
}

/* The tick's x (AWB_CHART_AXIS_X) or y (AWB_CHART_AXIS_Y) position. */
double
awb_chart_layout_get_tick_position (AwbChartLayout *layout,
                                    AwbChartAxis    axis,
                                    guint           i)
{
  g_return_val_if_fail (layout != NULL, NAN);
  g_return_val_if_fail (axis <= AWB_CHART_AXIS_Y, NAN);
  g_return_val_if_fail (i < layout->ticks[axis]->len, NAN);

  return g_array_index (layout->ticks[axis], Tick, i).position;
}

/* PLANE: the x of the x threshold's line (AWB_CHART_AXIS_X) or the y of the
 * y threshold's, before snapping to half units; NAN without one. */
double
awb_chart_layout_get_threshold_position (AwbChartLayout *layout,
                                         AwbChartAxis    axis)
{
  g_return_val_if_fail (layout != NULL, NAN);
  g_return_val_if_fail (axis <= AWB_CHART_AXIS_Y, NAN);

  return layout->thresholds[axis];
}

guint
awb_chart_layout_get_n_legend_entries (AwbChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->legend->len;
}

const char *
awb_chart_layout_get_legend_text (AwbChartLayout *layout,
                                  guint           i)
{
  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (i < layout->legend->len, NULL);

  return g_array_index (layout->legend, LegendEntry, i).text;
}

/* The entry's percentage of the table's denominator; NAN for an entry
 * without one (a series, the shading key, the denominator's label). */
double
awb_chart_layout_get_legend_percent (AwbChartLayout *layout,
                                     guint           i)
{
  g_return_val_if_fail (layout != NULL, NAN);
  g_return_val_if_fail (i < layout->legend->len, NAN);

  return g_array_index (layout->legend, LegendEntry, i).percent;
}

/* Where the entry was placed (its swatch and text); FALSE when it was left
 * out for want of room. */
gboolean
awb_chart_layout_get_legend_rect (AwbChartLayout    *layout,
                                  guint              i,
                                  cairo_rectangle_t *rect)
{
  LegendEntry *entry;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (i < layout->legend->len, FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  entry = &g_array_index (layout->legend, LegendEntry, i);
  if (entry->rect.width < 0)
    return FALSE;
  *rect = entry->rect;
  return TRUE;
}

int
awb_chart_layout_get_legend_row (AwbChartLayout *layout,
                                 guint           i)
{
  g_return_val_if_fail (layout != NULL, -1);
  g_return_val_if_fail (i < layout->legend->len, -1);

  return g_array_index (layout->legend, LegendEntry, i).row;
}

int
_awb_chart_layout_get_unknown_glyphs (AwbChartLayout *layout)
{
  int n = 0;

  g_return_val_if_fail (layout != NULL, 0);

  for (guint i = 0; i < layout->items->len; i++)
    {
      const Item *item = &g_array_index (layout->items, Item, i);

      if (item->text != NULL)
        n += pango_layout_get_unknown_glyphs_count (item->text);
    }
  return n;
}

guint
_awb_chart_layout_get_n_texts (AwbChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->n_texts;
}

guint
_awb_chart_layout_get_n_skipped_texts (AwbChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->n_skipped;
}

char *
_awb_chart_layout_dup_tick_label (AwbChartLayout *layout,
                                  AwbChartAxis    axis,
                                  guint           i)
{
  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (axis <= AWB_CHART_AXIS_Y, NULL);
  g_return_val_if_fail (i < layout->ticks[axis]->len, NULL);

  return format_tick (layout, axis, g_array_index (layout->ticks[axis], Tick, i).value);
}
