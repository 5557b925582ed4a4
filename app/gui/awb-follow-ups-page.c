/* awb-follow-ups-page.c: the Follow-ups view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The open follow-ups (interactions not done, with a follow-up date),
 * soonest first, overdue ones marked; an AdwStatusPage when there are none.
 * A book has at most a few thousand open follow-ups, so a GListStore of
 * AwbFollowUpRow is enough here.
 */
#define G_LOG_DOMAIN "awb-follow-ups-page"

#include "config.h"

#include <glib/gi18n.h>

#include "awb-book-query.h"
#include "awb-date.h"
#include "awb-follow-up-row.h"
#include "awb-follow-ups-page.h"
#include "awb-gui-format.h"

struct _AwbFollowUpsPage
{
  AdwBin         parent_instance;

  AwbDatabase   *database;      /* the book, construct-only */
  GListStore    *store;         /* AwbFollowUpRow, soonest first */

  /* template children */
  GtkStack      *stack;
  GtkColumnView *column_view;
  GtkLabel      *count_label;
};

G_DEFINE_FINAL_TYPE (AwbFollowUpsPage, awb_follow_ups_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
awb_follow_ups_page_dispose (GObject *object)
{
  AwbFollowUpsPage *self = (AwbFollowUpsPage *)object;

  /* No gtk_widget_dispose_template() here: the template's only direct
   * child is AdwBin's child, which AdwBin's dispose unparents (doing both
   * unparents it twice). */
  g_clear_object (&self->store);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (awb_follow_ups_page_parent_class)->dispose (object);
}

static void
awb_follow_ups_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AwbFollowUpsPage *self = AWB_FOLLOW_UPS_PAGE (object);

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
awb_follow_ups_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AwbFollowUpsPage *self = AWB_FOLLOW_UPS_PAGE (object);

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
awb_follow_ups_page_class_init (AwbFollowUpsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = awb_follow_ups_page_dispose;
  object_class->get_property = awb_follow_ups_page_get_property;
  object_class->set_property = awb_follow_ups_page_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, AWB_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/awb-follow-ups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AwbFollowUpsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AwbFollowUpsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, AwbFollowUpsPage, count_label);

  g_type_ensure (AWB_TYPE_FOLLOW_UP_ROW);
}

static void
awb_follow_ups_page_init (AwbFollowUpsPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->store = g_list_store_new (AWB_TYPE_FOLLOW_UP_ROW);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->store)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
}

AwbFollowUpsPage *
awb_follow_ups_page_new (AwbDatabase *database)
{
  g_return_val_if_fail (AWB_IS_DATABASE (database), NULL);

  return g_object_new (AWB_TYPE_FOLLOW_UPS_PAGE, "database", database, NULL);
}

/**
 * awb_follow_ups_page_reload:
 *
 * Reads the open follow-ups again; overdue is judged against today.  Returns
 * FALSE with @error set when the book cannot be read; the page keeps what it
 * showed.
 */
gboolean
awb_follow_ups_page_reload (AwbFollowUpsPage  *self,
                            GError           **error)
{
  g_autoptr(GPtrArray) follow_ups = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *number = NULL;
  g_autofree char *text = NULL;
  AwbDate today = awb_date_today ();
  guint n_overdue = 0;

  g_return_val_if_fail (AWB_IS_FOLLOW_UPS_PAGE (self), FALSE);

  follow_ups = awb_book_query_follow_ups (self->database, error);
  if (follow_ups == NULL)
    return FALSE;

  rows = g_ptr_array_new_full (follow_ups->len, g_object_unref);
  for (guint i = 0; i < follow_ups->len; i++)
    {
      AwbFollowUpRow *row = awb_follow_up_row_new (g_ptr_array_index (follow_ups, i), today);

      n_overdue += awb_follow_up_row_get_overdue (row);
      g_ptr_array_add (rows, row);
    }
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       rows->pdata, rows->len);

  number = awb_gui_format_count (rows->len);
  /* Translators: "12 open follow-ups, 3 overdue" */
  text = g_strdup_printf (ngettext ("%s open follow-up, %u overdue",
                                    "%s open follow-ups, %u overdue", rows->len),
                          number, n_overdue);
  gtk_label_set_label (self->count_label, text);
  gtk_stack_set_visible_child_name (self->stack, rows->len > 0 ? "list" : "empty");
  return TRUE;
}
