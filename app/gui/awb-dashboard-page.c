/* awb-dashboard-page.c: the Dashboard view, the book's totals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Four cards: clients, total AUM, and the trades and commission of the last
 * 12 months as of today (spec §3: as_of - 365 < date <= as_of), all from
 * awb_book_query_totals().  Later issues add the charts under them.
 */
#define G_LOG_DOMAIN "awb-dashboard-page"

#include "config.h"

#include <glib/gi18n.h>

#include "awb-book-query.h"
#include "awb-dashboard-page.h"
#include "awb-date.h"
#include "awb-gui-format.h"

struct _AwbDashboardPage
{
  AdwBin        parent_instance;

  AwbDatabase  *database;          /* the book, construct-only */

  /* template children */
  GtkLabel     *as_of_label;
  GtkLabel     *clients_value;
  GtkLabel     *aum_value;
  GtkLabel     *trades_value;
  GtkLabel     *commission_value;
};

G_DEFINE_FINAL_TYPE (AwbDashboardPage, awb_dashboard_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_label_take (GtkLabel *label,
                char     *text)
{
  gtk_label_set_label (label, text);
  g_free (text);
}

static void
awb_dashboard_page_dispose (GObject *object)
{
  AwbDashboardPage *self = (AwbDashboardPage *)object;

  /* No gtk_widget_dispose_template() here: the template's only direct
   * child is AdwBin's child, which AdwBin's dispose unparents (doing both
   * unparents it twice). */
  g_clear_object (&self->database);

  G_OBJECT_CLASS (awb_dashboard_page_parent_class)->dispose (object);
}

static void
awb_dashboard_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AwbDashboardPage *self = AWB_DASHBOARD_PAGE (object);

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
awb_dashboard_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AwbDashboardPage *self = AWB_DASHBOARD_PAGE (object);

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
awb_dashboard_page_class_init (AwbDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = awb_dashboard_page_dispose;
  object_class->get_property = awb_dashboard_page_get_property;
  object_class->set_property = awb_dashboard_page_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, AWB_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/awb-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, as_of_label);
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, clients_value);
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, aum_value);
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, trades_value);
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, commission_value);
}

static void
awb_dashboard_page_init (AwbDashboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AwbDashboardPage *
awb_dashboard_page_new (AwbDatabase *database)
{
  g_return_val_if_fail (AWB_IS_DATABASE (database), NULL);

  return g_object_new (AWB_TYPE_DASHBOARD_PAGE, "database", database, NULL);
}

/**
 * awb_dashboard_page_reload:
 *
 * Computes the totals as of today again.  Returns FALSE with @error set when
 * the book cannot be read; the page keeps what it showed.
 */
gboolean
awb_dashboard_page_reload (AwbDashboardPage  *self,
                           GError           **error)
{
  AwbBookTotals totals;
  AwbDate today = awb_date_today ();
  g_autofree char *today_text = NULL;

  g_return_val_if_fail (AWB_IS_DASHBOARD_PAGE (self), FALSE);

  if (!awb_book_query_totals (self->database, today, &totals, error))
    return FALSE;

  today_text = awb_gui_format_date (today);
  /* Translators: %s is today's date, YYYY-MM-DD */
  set_label_take (self->as_of_label, g_strdup_printf (_("As of %s"), today_text));
  set_label_take (self->clients_value, awb_gui_format_count (totals.n_clients));
  set_label_take (self->aum_value, awb_gui_format_money (totals.total_aum));
  set_label_take (self->trades_value, awb_gui_format_count (totals.n_trades_12m));
  set_label_take (self->commission_value, awb_gui_format_money (totals.commission_12m));
  return TRUE;
}
