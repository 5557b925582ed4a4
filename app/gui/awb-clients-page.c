/* awb-clients-page.c: the Clients view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkColumnView (name, client id, manager, AUM) over the lazy
 * AwbClientListModel, with a count under it.  The columns and their
 * factories are declared in ui/awb-clients-page.ui.
 */
#define G_LOG_DOMAIN "awb-clients-page"

#include "config.h"

#include <glib/gi18n.h>

#include "awb-client-list-model.h"
#include "awb-client-row.h"
#include "awb-clients-page.h"
#include "awb-gui-format.h"

struct _AwbClientsPage
{
  AdwBin               parent_instance;

  AwbDatabase         *database;     /* the book, construct-only */
  AwbClientListModel  *model;        /* the lazy list of every client */

  /* template children */
  GtkColumnView       *column_view;
  GtkLabel            *count_label;
  GtkStack            *stack;
};

G_DEFINE_FINAL_TYPE (AwbClientsPage, awb_clients_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_count (AwbClientsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *number = awb_gui_format_count (n);
  g_autofree char *text = NULL;

  /* Translators: the number of clients in the book, e.g. "5,000 clients" */
  text = g_strdup_printf (ngettext ("%s client", "%s clients", n), number);
  gtk_label_set_label (self->count_label, text);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static void
awb_clients_page_constructed (GObject *object)
{
  AwbClientsPage *self = (AwbClientsPage *)object;
  g_autoptr(GtkSingleSelection) selection = NULL;

  G_OBJECT_CLASS (awb_clients_page_parent_class)->constructed (object);

  self->model = awb_client_list_model_new (self->database);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  update_count (self);
}

static void
awb_clients_page_dispose (GObject *object)
{
  AwbClientsPage *self = (AwbClientsPage *)object;

  /* No gtk_widget_dispose_template() here: the template's only direct
   * child is AdwBin's child, which AdwBin's dispose unparents (doing both
   * unparents it twice). */
  g_clear_object (&self->model);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (awb_clients_page_parent_class)->dispose (object);
}

static void
awb_clients_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AwbClientsPage *self = AWB_CLIENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_clients_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AwbClientsPage *self = AWB_CLIENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_clients_page_class_init (AwbClientsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = awb_clients_page_constructed;
  object_class->dispose = awb_clients_page_dispose;
  object_class->get_property = awb_clients_page_get_property;
  object_class->set_property = awb_clients_page_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, AWB_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/awb-clients-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AwbClientsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, AwbClientsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, AwbClientsPage, stack);

  /* the list item factories in the template look these up */
  g_type_ensure (AWB_TYPE_CLIENT_ROW);
}

static void
awb_clients_page_init (AwbClientsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AwbClientsPage *
awb_clients_page_new (AwbDatabase *database)
{
  g_return_val_if_fail (AWB_IS_DATABASE (database), NULL);

  return g_object_new (AWB_TYPE_CLIENTS_PAGE, "database", database, NULL);
}

/**
 * awb_clients_page_reload:
 *
 * Reads the client list again.  Returns FALSE with @error set when the book
 * cannot be read; the page keeps what it showed.
 */
gboolean
awb_clients_page_reload (AwbClientsPage  *self,
                         GError         **error)
{
  g_return_val_if_fail (AWB_IS_CLIENTS_PAGE (self), FALSE);

  return awb_client_list_model_reload (self->model, error);
}
