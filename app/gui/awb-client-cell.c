/* awb-client-cell.c: one cell of the client list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a column's list item factory makes (ui/awb-clients-page.ui): a
 * label showing one field of an AwbClientRow.  The factory binds the list
 * item's item to :row and names the cell's :field and its column's :title.
 * When the row changes (bind, unbind, recycling), the cell shows the new
 * text and names itself for screen readers, "Tier: VIP"; the cell of the
 * name column also names its row with the row's summary and position
 * (awb-list-a11y.c; GTK 4.8).  Amounts are right-aligned in tabular
 * figures; a next due date already passed is marked.
 */
#define G_LOG_DOMAIN "awb-client-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "awb-client-cell.h"
#include "awb-list-a11y.h"

struct _AwbClientCell
{
  GtkWidget      parent_instance;

  AwbClientRow  *row;      /* nullable: an unbound cell */
  char          *field;    /* the column's field (awb_client_row_get_text) */
  char          *title;    /* the column's title, for the cell's name */

  /* template children */
  GtkLabel      *label;
};

G_DEFINE_FINAL_TYPE (AwbClientCell, awb_client_cell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ROW,
  PROP_FIELD,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Shows the row's field, and names the cell (and, in the name column, the
 * row) for screen readers. */
static void
update (AwbClientCell *self)
{
  const char *text = NULL;
  gboolean numeric = g_strcmp0 (self->field, "aum") == 0;
  gboolean due = g_strcmp0 (self->field, "next-due") == 0;

  if (self->row != NULL && self->field != NULL)
    text = awb_client_row_get_text (self->row, self->field);
  gtk_label_set_label (self->label, text != NULL ? text : "");
  gtk_label_set_xalign (self->label, numeric ? 1.0f : 0.0f);
  if (numeric || g_strcmp0 (self->field, "client-no") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->label), "numeric");
  if (due && self->row != NULL && awb_client_row_get_due_passed (self->row))
    gtk_widget_add_css_class (GTK_WIDGET (self->label), "awb-due-passed");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->label), "awb-due-passed");

  if (self->row != NULL && text != NULL && self->title != NULL)
    {
      /* Translators: how a screen reader names a cell: %1$s is the column,
       * %2$s what the cell shows, e.g. "Tier: VIP" */
      g_autofree char *name = g_strdup_printf (C_("accessible cell", "%1$s: %2$s"),
                                               self->title, text);

      awb_list_a11y_label_cell (GTK_WIDGET (self), name);
    }
  else
    awb_list_a11y_label_cell (GTK_WIDGET (self), NULL);

  if (g_strcmp0 (self->field, "name") == 0)
    {
      if (self->row != NULL)
        awb_list_a11y_label_row (GTK_WIDGET (self), awb_client_row_get_summary (self->row),
                                 awb_client_row_get_position_text (self->row));
      else
        awb_list_a11y_label_row (GTK_WIDGET (self), NULL, NULL);
    }
}

/* The cell is parented under its row only once the list item is set up:
 * name the ancestors again when the cell joins them. */
static void
awb_client_cell_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (awb_client_cell_parent_class)->root (widget);
  update (AWB_CLIENT_CELL (widget));
}

static void
awb_client_cell_dispose (GObject *object)
{
  AwbClientCell *self = (AwbClientCell *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), AWB_TYPE_CLIENT_CELL);
  g_clear_object (&self->row);

  G_OBJECT_CLASS (awb_client_cell_parent_class)->dispose (object);
}

static void
awb_client_cell_finalize (GObject *object)
{
  AwbClientCell *self = (AwbClientCell *)object;

  g_clear_pointer (&self->field, g_free);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (awb_client_cell_parent_class)->finalize (object);
}

static void
awb_client_cell_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AwbClientCell *self = AWB_CLIENT_CELL (object);

  switch (prop_id)
    {
    case PROP_ROW:
      g_value_set_object (value, self->row);
      break;
    case PROP_FIELD:
      g_value_set_string (value, self->field);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
set_string (char       **slot,
            const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

static void
awb_client_cell_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AwbClientCell *self = AWB_CLIENT_CELL (object);

  switch (prop_id)
    {
    case PROP_ROW:
      awb_client_cell_set_row (self, g_value_get_object (value));
      break;
    case PROP_FIELD:
      if (set_string (&self->field, g_value_get_string (value)))
        {
          update (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_TITLE:
      if (set_string (&self->title, g_value_get_string (value)))
        {
          update (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_client_cell_class_init (AwbClientCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = awb_client_cell_dispose;
  object_class->finalize = awb_client_cell_finalize;
  object_class->get_property = awb_client_cell_get_property;
  object_class->set_property = awb_client_cell_set_property;
  widget_class->root = awb_client_cell_root;

  properties[PROP_ROW] =
    g_param_spec_object ("row", NULL, NULL, AWB_TYPE_CLIENT_ROW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIELD] =
    g_param_spec_string ("field", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "awbclientcell");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/awb-client-cell.ui");
  gtk_widget_class_bind_template_child (widget_class, AwbClientCell, label);
}

static void
awb_client_cell_init (AwbClientCell *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AwbClientRow *
awb_client_cell_get_row (AwbClientCell *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_CELL (self), NULL);
  return self->row;
}

void
awb_client_cell_set_row (AwbClientCell *self,
                         AwbClientRow  *row)
{
  g_return_if_fail (AWB_IS_CLIENT_CELL (self));
  g_return_if_fail (row == NULL || AWB_IS_CLIENT_ROW (row));

  if (!g_set_object (&self->row, row))
    return;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROW]);
}

const char *
awb_client_cell_get_field (AwbClientCell *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_CELL (self), NULL);
  return self->field;
}

const char *
awb_client_cell_get_title (AwbClientCell *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_CELL (self), NULL);
  return self->title;
}
