/* awb-client-cell.c: one cell of the client list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text of one field of an AwbClientRow, drawn as one line with an
 * ellipsis, amounts right-aligned in tabular figures, a next due date
 * already passed in the warning colour (style.css).  A screen reader meets
 * it as the table cell it is in, named "Tier: VIP" (below).
 *
 * Why not a GtkLabel: a list of a million shows a new answer at every
 * keystroke, and making and destroying some two hundred rows of thirteen
 * labels took longer than the 100 ms a keystroke may take.  The rows stay
 * instead (AwbClientListModel writes the new client into the row a view
 * holds, awb_client_row_update), and a cell follows its row's ::changed:
 * it keeps the connection it made, which a label given by a factory could
 * not.  Drawing one Pango layout is all a cell needs.
 *
 * When its row changes the cell also names its ancestors for screen
 * readers (awb-list-a11y.c; GTK 4.8): the table cell "Tier: VIP", and from
 * the name column the row, with the row's summary and position.  The cell
 * itself is hidden from them: the table cell's name says all it shows, and
 * each name given costs a message on the accessibility bus, which for the
 * two hundred rows a view holds was most of the time a new answer took.
 * For the same reason a name is given only when it changes (the rows'
 * positions, "Row 42 of 1,000,000", stay when the order changes).
 */
#define G_LOG_DOMAIN "awb-client-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "awb-client-cell.h"
#include "awb-list-a11y.h"

struct _AwbClientCell
{
  GtkWidget      parent_instance;

  AwbClientRow  *row;          /* nullable: an unbound cell */
  gulong         changed_id;   /* on row */
  char          *field;        /* the column's field (awb_client_row_get_text) */
  char          *title;        /* the column's title, for the cell's name */
  PangoLayout   *layout;       /* the text, made on first use */
  char          *cell_name;    /* the names last given (Notes above) */
  char          *row_name;
  char          *row_position;
};

G_DEFINE_FINAL_TYPE (AwbClientCell, awb_client_cell, GTK_TYPE_WIDGET)

static gboolean
is_numeric (AwbClientCell *self)
{
  return g_strcmp0 (self->field, "aum") == 0;
}

static PangoLayout *
get_layout (AwbClientCell *self)
{
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      if (is_numeric (self) || g_strcmp0 (self->field, "client-no") == 0)
        {
          PangoAttrList *attrs = pango_attr_list_new ();

          pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
          pango_layout_set_attributes (self->layout, attrs);
          pango_attr_list_unref (attrs);
        }
    }
  return self->layout;
}

const char *
awb_client_cell_get_text (AwbClientCell *self)
{
  const char *text = NULL;

  g_return_val_if_fail (AWB_IS_CLIENT_CELL (self), NULL);

  if (self->row != NULL && self->field != NULL)
    text = awb_client_row_get_text (self->row, self->field);
  return text != NULL ? text : "";
}

/* Names the table cell "Tier: VIP" when that changed.  cell_name stays
 * NULL until a table cell took the name: the cell may be bound before it
 * is in one. */
static void
name_cell (AwbClientCell *self,
           const char    *text)
{
  g_autofree char *name = NULL;

  if (self->row != NULL && self->title != NULL)
    /* Translators: how a screen reader names a cell: %1$s is the column,
     * %2$s what the cell shows, e.g. "Tier: VIP" */
    name = g_strdup_printf (C_("accessible cell", "%1$s: %2$s"), self->title, text);

  if (self->cell_name != NULL && g_strcmp0 (name, self->cell_name) == 0)
    return;
  g_free (self->cell_name);
  self->cell_name = awb_list_a11y_label_cell (GTK_WIDGET (self), name)
                    ? g_strdup (name != NULL ? name : "") : NULL;
}

/* Names the row after its client, with its position, when either changed
 * (as name_cell()). */
static void
name_row (AwbClientCell *self)
{
  const char *summary = self->row != NULL ? awb_client_row_get_summary (self->row) : NULL;
  const char *position = self->row != NULL ? awb_client_row_get_position_text (self->row) : NULL;

  if (self->row_name != NULL && g_strcmp0 (summary, self->row_name) == 0 &&
      g_strcmp0 (position, self->row_position) == 0)
    return;
  g_free (self->row_name);
  g_free (self->row_position);
  self->row_name = awb_list_a11y_label_row (GTK_WIDGET (self), summary, position)
                   ? g_strdup (summary != NULL ? summary : "") : NULL;
  self->row_position = g_strdup (position);
}

/* Shows the row's field and names the cell (and, in the name column, the
 * row) for screen readers. */
static void
update (AwbClientCell *self)
{
  const char *text = awb_client_cell_get_text (self);

  pango_layout_set_text (get_layout (self), text, -1);
  if (g_strcmp0 (self->field, "next-due") == 0 && self->row != NULL &&
      awb_client_row_get_due_passed (self->row))
    gtk_widget_add_css_class (GTK_WIDGET (self), "awb-due-passed");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "awb-due-passed");
  name_cell (self, text);
  if (g_strcmp0 (self->field, "name") == 0)
    name_row (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
on_row_changed_cb (AwbClientCell *self)
{
  update (self);
}

static void
awb_client_cell_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  AwbClientCell *self = AWB_CLIENT_CELL (widget);
  PangoLayout *layout = get_layout (self);
  PangoRectangle logical;

  pango_layout_set_width (layout, -1);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 0;   /* ellipsized */
      *natural = logical.width;
    }
  else
    {
      /* one line, as tall with text or without */
      *minimum = *natural = MAX (logical.height, 1);
      *minimum_baseline = *natural_baseline = pango_layout_get_baseline (layout) / PANGO_SCALE;
    }
}

static void
awb_client_cell_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  AwbClientCell *self = AWB_CLIENT_CELL (widget);
  PangoLayout *layout = get_layout (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoRectangle logical;
  GdkRGBA color;
  int x = 0;

  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  if (is_numeric (self) && logical.width < width)
    x = width - logical.width;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, (height - logical.height) / 2));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
awb_client_cell_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  AwbClientCell *self = AWB_CLIENT_CELL (widget);

  GTK_WIDGET_CLASS (awb_client_cell_parent_class)->css_changed (widget, change);
  /* the font may have changed: make the layout again from the new context */
  if (self->layout != NULL)
    {
      g_clear_object (&self->layout);
      pango_layout_set_text (get_layout (self), awb_client_cell_get_text (self), -1);
    }
  gtk_widget_queue_resize (widget);
}

static void
awb_client_cell_dispose (GObject *object)
{
  AwbClientCell *self = (AwbClientCell *)object;

  if (self->row != NULL)
    g_clear_signal_handler (&self->changed_id, self->row);
  g_clear_object (&self->row);
  g_clear_object (&self->layout);

  G_OBJECT_CLASS (awb_client_cell_parent_class)->dispose (object);
}

static void
awb_client_cell_finalize (GObject *object)
{
  AwbClientCell *self = (AwbClientCell *)object;

  g_clear_pointer (&self->field, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->cell_name, g_free);
  g_clear_pointer (&self->row_name, g_free);
  g_clear_pointer (&self->row_position, g_free);

  G_OBJECT_CLASS (awb_client_cell_parent_class)->finalize (object);
}

static void
awb_client_cell_class_init (AwbClientCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = awb_client_cell_dispose;
  object_class->finalize = awb_client_cell_finalize;
  widget_class->measure = awb_client_cell_measure;
  widget_class->snapshot = awb_client_cell_snapshot;
  widget_class->css_changed = awb_client_cell_css_changed;

  gtk_widget_class_set_css_name (widget_class, "awbclientcell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
awb_client_cell_init (AwbClientCell *self)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
}

/**
 * awb_client_cell_new:
 * @field: the field of the row the cell shows (awb_client_row_get_text)
 * @title: the column's title, translated, for the cell's accessible name
 */
GtkWidget *
awb_client_cell_new (const char *field,
                     const char *title)
{
  AwbClientCell *self;

  g_return_val_if_fail (field != NULL, NULL);

  self = g_object_new (AWB_TYPE_CLIENT_CELL, NULL);
  self->field = g_strdup (field);
  self->title = g_strdup (title);
  if (is_numeric (self))
    gtk_widget_add_css_class (GTK_WIDGET (self), "numeric");
  return GTK_WIDGET (self);
}

AwbClientRow *
awb_client_cell_get_row (AwbClientCell *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_CELL (self), NULL);
  return self->row;
}

/**
 * awb_client_cell_set_row:
 * @row: (nullable): the row to show; %NULL when the cell is unbound
 *
 * Shows @row's field, and follows the row's ::changed.
 */
void
awb_client_cell_set_row (AwbClientCell *self,
                         AwbClientRow  *row)
{
  g_return_if_fail (AWB_IS_CLIENT_CELL (self));
  g_return_if_fail (row == NULL || AWB_IS_CLIENT_ROW (row));

  if (self->row == row)
    return;
  if (self->row != NULL)
    g_clear_signal_handler (&self->changed_id, self->row);
  g_set_object (&self->row, row);
  if (row != NULL)
    self->changed_id = g_signal_connect_swapped (row, "changed", G_CALLBACK (on_row_changed_cb),
                                                 self);
  update (self);
}
