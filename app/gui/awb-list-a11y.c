/* awb-list-a11y.c: names for the rows, cells and titles of a column view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8: drop at 4.12 (GtkListItem:accessible-label, the public
 * GtkColumnViewRow and GtkColumnViewCell).
 *
 * On GTK 4.8 a screen reader hears a column view's rows as
 * "GtkListItemWidget" and its cells and titles without names.  These
 * helpers name them the way the accessibility guide asks, walking from a
 * cell's own child up to the ancestors by their accessible role (never by
 * a private type name): the cell (GRID_CELL) as "Column: value", the row
 * (ROW) as one summary of the client with "Row 42 of 1,000,000".  Only the
 * rows GTK has built pay, so a million-row model stays lazy.
 */
#define G_LOG_DOMAIN "awb-list-a11y"

#include "config.h"

#include <glib/gi18n.h>

#include "awb-list-a11y.h"

/* The nearest ancestor of @widget (itself excluded) whose role is @role. */
static GtkWidget *
ancestor_with_role (GtkWidget         *widget,
                    GtkAccessibleRole  role)
{
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (w)) == role)
      return w;
  return NULL;
}

static void
label_or_reset (GtkWidget  *widget,
                const char *label)
{
  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    label, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/**
 * awb_list_a11y_label_cell:
 * @cell_child: the widget a list item factory made for the cell
 * @label: (nullable): the cell's name, "Column: value"; %NULL resets it
 *
 * GTK 4.8: drop at 4.12.
 *
 * Returns: whether @cell_child is in a table cell (which then has the name)
 */
gboolean
awb_list_a11y_label_cell (GtkWidget  *cell_child,
                          const char *label)
{
  GtkWidget *cell;

  g_return_val_if_fail (GTK_IS_WIDGET (cell_child), FALSE);

  cell = ancestor_with_role (cell_child, GTK_ACCESSIBLE_ROLE_GRID_CELL);
  if (cell == NULL)
    return FALSE;
  label_or_reset (cell, label);
  return TRUE;
}

/**
 * awb_list_a11y_label_row:
 * @cell_child: the widget a list item factory made for one of the row's cells
 * @label: (nullable): the row's name, a summary of what it shows; %NULL resets
 * @description: (nullable): e.g. "Row 42 of 1,000,000"
 *
 * GTK 4.8: drop at 4.12.
 *
 * Returns: whether @cell_child is in a row (which then has the name)
 */
gboolean
awb_list_a11y_label_row (GtkWidget  *cell_child,
                         const char *label,
                         const char *description)
{
  GtkWidget *row;

  g_return_val_if_fail (GTK_IS_WIDGET (cell_child), FALSE);

  row = ancestor_with_role (cell_child, GTK_ACCESSIBLE_ROLE_ROW);
  if (row == NULL)
    return FALSE;
  label_or_reset (row, label);
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    description, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  return TRUE;
}

static void
collect_headers (GtkWidget *widget,
                 GPtrArray *headers)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (c));

      if (role == GTK_ACCESSIBLE_ROLE_COLUMN_HEADER)
        g_ptr_array_add (headers, c);
      else if (role != GTK_ACCESSIBLE_ROLE_LIST)   /* the rows hold no titles */
        collect_headers (c, headers);
    }
}

/**
 * awb_list_a11y_label_headers:
 *
 * Names each column title of @view after its column, in order: the titles
 * of the visible columns; and the row that holds them, which would read
 * as "GtkListItemWidget".  Does nothing when their number differs from the
 * visible columns' (another GTK).  Call it again after a column is shown or
 * hidden.  GTK 4.8: drop at 4.12.
 */
void
awb_list_a11y_label_headers (GtkColumnView *view)
{
  g_autoptr(GPtrArray) headers = g_ptr_array_new ();
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  GListModel *columns;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  columns = gtk_column_view_get_columns (view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (gtk_column_view_column_get_visible (column))
        g_ptr_array_add (titles, (gpointer) gtk_column_view_column_get_title (column));
    }
  collect_headers (GTK_WIDGET (view), headers);
  if (headers->len != titles->len)
    {
      g_debug ("%u column titles for %u visible columns: not named", headers->len, titles->len);
      return;
    }
  if (headers->len > 0)
    {
      GtkWidget *row = ancestor_with_role (headers->pdata[0], GTK_ACCESSIBLE_ROLE_ROW);

      if (row != NULL)
        /* Translators: how a screen reader names the row of a list's column titles */
        label_or_reset (row, C_("accessible", "Column titles"));
    }
  for (guint i = 0; i < headers->len; i++)
    {
      label_or_reset (headers->pdata[i], titles->pdata[i]);
      /* the sort arrow reads as "GtkBuiltinIcon": hide what is not the
       * title's text */
      for (GtkWidget *c = gtk_widget_get_first_child (headers->pdata[i]); c != NULL;
           c = gtk_widget_get_next_sibling (c))
        if (!GTK_IS_LABEL (c))
          gtk_accessible_update_state (GTK_ACCESSIBLE (c), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
    }
}
