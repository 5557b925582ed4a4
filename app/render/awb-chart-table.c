/* awb-chart-table.c: the table of numbers a chart draws
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table is a plain struct the caller fills and reads; what the header
 * does not show is its reference count, kept in a wrapper around it so the
 * struct stays what the contract declares.
 */
#define G_LOG_DOMAIN "awb-chart-table"

#include "config.h"

#include <math.h>
#include <string.h>

#include "awb-chart-table.h"

typedef struct
{
  AwbChartTable    table;       /* first, so a table pointer is a TableBox pointer */
  gatomicrefcount  ref_count;
} TableBox;

static void
column_free (gpointer data)
{
  AwbChartColumn *column = data;

  g_free (column->label);
  g_free (column);
}

static void
row_free (gpointer data)
{
  AwbChartRow *row = data;

  g_free (row->label);
  g_free (row->key);
  g_free (row->note);
  g_free (row->values);
  g_strfreev (row->texts);
  g_free (row);
}

static void
region_free (gpointer data)
{
  AwbChartRegion *region = data;

  g_free (region->label);
  g_free (region);
}

G_DEFINE_BOXED_TYPE (AwbChartTable, awb_chart_table, awb_chart_table_ref, awb_chart_table_unref)

/* Appends the text cell @text as one CSV field, quoted as RFC 4180 asks
 * only when it holds a comma, a quote or a line break (quotes inside are
 * doubled).  A label a spreadsheet would run as a formula (it starts with =,
 * +, -, @, a tab or a carriage return: a manager or a city named so) gets a
 * leading apostrophe, as OWASP recommends; always, since a chart's numbers
 * are for reading, not for importing again.  The same rules as core's
 * awb_csv_append_text (), which this GTK-free but also core-free library
 * does not link. */
static void
append_csv_field (GString    *out,
                  const char *text)
{
  const char *guard = text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL ? "'" : "";

  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, guard);
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  g_string_append (out, guard);
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* The raw value as the CSV shows it: money in yuan with two decimals,
 * counts as integers, anything else in the shortest form that reads back
 * the same; always with a '.' whatever the locale. */
static void
append_csv_value (GString      *out,
                  AwbChartUnit  unit,
                  double        value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return;

  switch (unit)
    {
    case AWB_CHART_UNIT_MONEY:
      g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.2f", value));
      break;
    case AWB_CHART_UNIT_COUNT:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) llround (value));
      break;
    case AWB_CHART_UNIT_PERCENT:
    case AWB_CHART_UNIT_NUMBER:
    default:
      /* the shortest of %.15g..%.17g that reads back the same: 0.1, not
       * g_ascii_dtostr ()'s 0.10000000000000001 */
      for (int precision = 15; precision <= 17; precision++)
        {
          char format[8];

          g_snprintf (format, sizeof format, "%%.%dg", precision);
          g_ascii_formatd (buf, sizeof buf, format, value);
          if (g_ascii_strtod (buf, NULL) == value)
            break;
        }
      g_string_append (out, buf);
      break;
    }
}

AwbChartTable *
awb_chart_table_new (AwbChartShape  shape,
                     const char    *id,
                     const char    *title)
{
  TableBox *box = g_new0 (TableBox, 1);
  AwbChartTable *table = &box->table;

  g_atomic_ref_count_init (&box->ref_count);
  table->shape = shape;
  table->id = g_strdup (id);
  table->title = g_strdup (title);
  table->columns = g_ptr_array_new_with_free_func (column_free);
  table->rows = g_ptr_array_new_with_free_func (row_free);
  table->regions = g_ptr_array_new_with_free_func (region_free);
  table->x_threshold = NAN;
  table->y_threshold = NAN;
  table->x_max = 1.0;
  table->y_max = 1.0;

  return table;
}

AwbChartTable *
awb_chart_table_ref (AwbChartTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);

  g_atomic_ref_count_inc (&((TableBox *) table)->ref_count);
  return table;
}

void
awb_chart_table_unref (AwbChartTable *table)
{
  g_return_if_fail (table != NULL);

  if (!g_atomic_ref_count_dec (&((TableBox *) table)->ref_count))
    return;

  g_free (table->id);
  g_free (table->title);
  g_free (table->caption);
  g_free (table->denominator_label);
  g_ptr_array_unref (table->columns);
  g_ptr_array_unref (table->rows);
  g_strfreev (table->col_labels);
  g_strfreev (table->row_labels);
  g_free (table->x_label);
  g_free (table->y_label);
  g_ptr_array_unref (table->regions);
  g_free ((TableBox *) table);
}

guint
awb_chart_table_add_column (AwbChartTable       *table,
                            const char          *label,
                            AwbChartUnit         unit,
                            AwbChartColumnFlags  flags)
{
  AwbChartColumn *column;

  g_return_val_if_fail (table != NULL, 0);
  g_return_val_if_fail (label != NULL, 0);
  /* rows have their values sized when they are added */
  g_return_val_if_fail (table->rows->len == 0, 0);

  column = g_new0 (AwbChartColumn, 1);
  column->label = g_strdup (label);
  column->unit = unit;
  column->flags = flags;
  g_ptr_array_add (table->columns, column);

  return table->columns->len - 1;
}

AwbChartRow *
awb_chart_table_add_row (AwbChartTable *table,
                         const char    *label,
                         const char    *key)
{
  guint n_columns;
  AwbChartRow *row;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);

  n_columns = table->columns->len;
  row = g_new0 (AwbChartRow, 1);
  row->label = g_strdup (label);
  row->key = g_strdup (key);
  row->values = g_new (double, MAX (n_columns, 1));
  /* texts is a NULL-terminated vector, so a row knows its own width */
  row->texts = g_new0 (char *, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    {
      row->values[i] = NAN;
      row->texts[i] = g_strdup ("");
    }
  g_ptr_array_add (table->rows, row);

  return row;
}

void
awb_chart_row_set (AwbChartRow *row,
                   guint        column,
                   double       value,
                   const char  *text)
{
  g_return_if_fail (row != NULL);
  g_return_if_fail (column < g_strv_length (row->texts));

  row->values[column] = value;
  g_free (row->texts[column]);
  row->texts[column] = g_strdup (text != NULL ? text : "");
}

void
awb_chart_table_set_grid (AwbChartTable      *table,
                          guint               cols,
                          guint               rows,
                          const char * const *col_labels,
                          const char * const *row_labels)
{
  g_return_if_fail (table != NULL);
  g_return_if_fail (cols > 0 && rows > 0);
  g_return_if_fail (col_labels == NULL || g_strv_length ((char **) col_labels) == cols);
  g_return_if_fail (row_labels == NULL || g_strv_length ((char **) row_labels) == rows);

  table->grid_cols = cols;
  table->grid_rows = rows;
  g_strfreev (table->col_labels);
  g_strfreev (table->row_labels);
  table->col_labels = g_strdupv ((char **) col_labels);
  table->row_labels = g_strdupv ((char **) row_labels);
}

void
awb_chart_table_add_region (AwbChartTable *table,
                            double         x0,
                            double         y0,
                            double         x1,
                            double         y1,
                            const char    *label)
{
  AwbChartRegion *region;

  g_return_if_fail (table != NULL);
  g_return_if_fail (label != NULL);

  region = g_new0 (AwbChartRegion, 1);
  region->x0 = MIN (x0, x1);
  region->x1 = MAX (x0, x1);
  region->y0 = MIN (y0, y1);
  region->y1 = MAX (y0, y1);
  region->label = g_strdup (label);
  g_ptr_array_add (table->regions, region);
}

guint
awb_chart_table_get_n_rows (AwbChartTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->rows->len;
}

AwbChartRow *
awb_chart_table_get_row (AwbChartTable *table,
                         guint          i)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (i < table->rows->len, NULL);

  return g_ptr_array_index (table->rows, i);
}

double
awb_chart_table_get_percent (AwbChartTable *table,
                             guint          row)
{
  AwbChartRow *r;
  double denominator;

  g_return_val_if_fail (table != NULL, NAN);
  g_return_val_if_fail (row < table->rows->len, NAN);

  if (table->columns->len == 0)
    return NAN;

  r = g_ptr_array_index (table->rows, row);
  if (isnan (r->values[0]))
    return NAN;

  denominator = table->denominator;
  if (denominator == 0)
    {
      /* of the rows' sum: the rows are then the whole */
      for (guint i = 0; i < table->rows->len; i++)
        {
          AwbChartRow *other = g_ptr_array_index (table->rows, i);

          if (!isnan (other->values[0]))
            denominator += other->values[0];
        }
    }
  if (denominator == 0)
    return NAN;

  return 100.0 * r->values[0] / denominator;
}

char *
awb_chart_table_to_csv (AwbChartTable *table)
{
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (table != NULL, NULL);

  out = g_string_new ("label");
  for (guint c = 0; c < table->columns->len; c++)
    {
      AwbChartColumn *column = g_ptr_array_index (table->columns, c);

      g_string_append_c (out, ',');
      append_csv_field (out, column->label);
    }
  g_string_append_c (out, '\n');

  for (guint r = 0; r < table->rows->len; r++)
    {
      AwbChartRow *row = g_ptr_array_index (table->rows, r);

      append_csv_field (out, row->label);
      for (guint c = 0; c < table->columns->len; c++)
        {
          AwbChartColumn *column = g_ptr_array_index (table->columns, c);

          g_string_append_c (out, ',');
          append_csv_value (out, column->unit, row->values[c]);
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
