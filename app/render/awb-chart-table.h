/* awb-chart-table.h: the table of numbers a chart draws
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A chart is drawn from a table and nothing else: the render library
 * (app/render) knows no book, no run and no widget.  The caller (the
 * dashboard's catalogue, the report, the command line) fills the table
 * with numbers and with the texts to show for them, already formatted and
 * translated; the renderer only measures and places them.
 *
 * The table is also what a chart is read as: shown as its table of
 * numbers (and so read by a screen reader), written as CSV.
 *
 * Rows are the chart's elements (a bar, a grid cell, a plane bin, a point
 * of a line); columns are the measures.  Column 0 is the chart's count:
 * the value the legend shows with its percentage of the table's
 * denominator.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  /* One horizontal bar per row, one bar per plotted column, grouped by
   * row; each plotted column is scaled on its own axis when
   * AWB_CHART_COLUMN_OWN_SCALE is set (clients beside a share of revenue),
   * else all plotted columns share one axis with 1-2-5 ticks. */
  AWB_CHART_BARS,
  /* A grid of cells: row r of the table is the cell (row->gx, row->gy) of
   * a grid_cols x grid_rows grid, gx left to right, gy top to bottom.
   * The cell shows the texts of its plotted columns, one a line, and is
   * shaded by the value of the table's shade_column (darker = more). */
  AWB_CHART_GRID,
  /* A 2-D histogram over [x_min, x_max] x [y_min, y_max]: row r is the bin
   * (gx, gy) of a grid_cols x grid_rows division, shaded by column 0, gy
   * counted from the bottom; threshold lines at x_threshold and
   * y_threshold, and labelled regions (AwbChartRegion) drawn over it. */
  AWB_CHART_PLANE,
  /* A line per plotted column over the rows in order (the x axis: row
   * labels, e.g. the runs' dates); 1-2-5 ticks on the y axis. */
  AWB_CHART_LINES,
} AwbChartShape;

typedef enum
{
  AWB_CHART_UNIT_COUNT,      /* clients */
  AWB_CHART_UNIT_MONEY,      /* yuan */
  AWB_CHART_UNIT_PERCENT,    /* 0..100 */
  AWB_CHART_UNIT_NUMBER,     /* anything else (an average score) */
} AwbChartUnit;

typedef enum
{
  AWB_CHART_COLUMN_PLOTTED   = 1 << 0,   /* drawn; else shown only in the table */
  AWB_CHART_COLUMN_OWN_SCALE = 1 << 1,   /* BARS: its own axis, 0 to its maximum */
} AwbChartColumnFlags;

typedef struct
{
  char                *label;      /* "Clients", "Share of revenue (%)" */
  AwbChartUnit         unit;
  AwbChartColumnFlags  flags;
} AwbChartColumn;

typedef struct
{
  char     *label;       /* the element's name: "Champions", "R5 · F3", "2026-11-30" */
  char     *key;         /* what the element selects (the caller's drill-down key), or NULL */
  char     *note;        /* a sentence shown in the table and the tooltip (a strategy), or NULL */
  guint     gx, gy;      /* GRID and PLANE: the cell */
  gboolean  marked;      /* drawn emphasised (the cell the seed calls most important) */
  double   *values;      /* n_columns values; NAN: no value (drawn as nothing, shown as texts[i]) */
  char    **texts;       /* n_columns formatted values ("1,234", "¥1.2亿", "12.5 %") */
} AwbChartRow;

/* PLANE: a labelled region, in data coordinates. */
typedef struct
{
  double  x0, y0, x1, y1;
  char   *label;         /* "Trust loyalty: 1,234" */
} AwbChartRegion;

typedef struct _AwbChartTable AwbChartTable;

struct _AwbChartTable
{
  AwbChartShape  shape;
  char          *id;           /* the chart's kind, as the command line names it ("segments") */
  char          *title;        /* "Clients per RFM segment" */
  char          *caption;      /* a sentence under the title: what the shares are of */
  double         denominator;  /* column 0's percentages are of this; 0: of the rows' sum */
  char          *denominator_label;   /* "of 200,000 scored clients" (legend, table) */

  GPtrArray     *columns;      /* AwbChartColumn */
  GPtrArray     *rows;         /* AwbChartRow */

  /* GRID and PLANE */
  guint          grid_cols, grid_rows;
  char         **col_labels;   /* grid_cols labels under or over the grid, or NULL */
  char         **row_labels;   /* grid_rows labels left of the grid, or NULL */
  char          *x_label;      /* axis titles, or NULL */
  char          *y_label;
  guint          shade_column; /* GRID: the column whose value shades a cell */

  /* how the caller writes an amount of money (yuan) on a value axis, or
   * NULL for plain numbers */
  char        *(*format_money) (double yuan);

  /* PLANE */
  double         x_min, x_max, y_min, y_max;
  double         x_threshold, y_threshold;   /* NAN: none */
  GPtrArray     *regions;      /* AwbChartRegion */
};

/* A boxed type, so a widget can hold a table in a property. */
#define AWB_TYPE_CHART_TABLE (awb_chart_table_get_type ())

GType          awb_chart_table_get_type     (void) G_GNUC_CONST;
AwbChartTable *awb_chart_table_new          (AwbChartShape         shape,
                                             const char           *id,
                                             const char           *title);
AwbChartTable *awb_chart_table_ref          (AwbChartTable        *table);
void           awb_chart_table_unref        (AwbChartTable        *table);

/* Adds a column; must come before any row.  Returns its index. */
guint          awb_chart_table_add_column   (AwbChartTable        *table,
                                             const char           *label,
                                             AwbChartUnit          unit,
                                             AwbChartColumnFlags   flags);
/* Adds a row with its values and texts unset (NAN, ""); returns it to fill
 * with awb_chart_row_set (). */
AwbChartRow   *awb_chart_table_add_row      (AwbChartTable        *table,
                                             const char           *label,
                                             const char           *key);
void           awb_chart_row_set            (AwbChartRow          *row,
                                             guint                 column,
                                             double                value,
                                             const char           *text);
void           awb_chart_table_set_grid     (AwbChartTable        *table,
                                             guint                 cols,
                                             guint                 rows,
                                             const char * const   *col_labels,
                                             const char * const   *row_labels);
void           awb_chart_table_add_region   (AwbChartTable        *table,
                                             double                x0,
                                             double                y0,
                                             double                x1,
                                             double                y1,
                                             const char           *label);

guint          awb_chart_table_get_n_rows   (AwbChartTable        *table);
AwbChartRow   *awb_chart_table_get_row      (AwbChartTable        *table,
                                             guint                 i);
/* Column 0's share of the denominator, in percent (NAN without one). */
double         awb_chart_table_get_percent  (AwbChartTable        *table,
                                             guint                 row);

/* The table as CSV (RFC 4180, UTF-8): a header of "label" and the column
 * labels, then one line per row with the raw values (not the texts): money
 * in yuan with two decimals, counts as integers, empty for NAN. */
char          *awb_chart_table_to_csv       (AwbChartTable        *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwbChartTable, awb_chart_table_unref)

G_END_DECLS
