/* awb-dashboard-page.c: the Dashboard view, the book's totals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Four cards: clients, total AUM, and the trades and commission of the last
 * 12 months as of today (spec §3: as_of - 365 < date <= as_of), all from
 * awb_book_query_totals().  Later issues add the charts under them.
 *
 * The totals scan every trade of the window (there is no index on the date
 * alone), which takes seconds in a branch's book of tens of millions of
 * trades, so they are computed in a GTask thread on a connection of its own
 * (WAL: it reads the last committed state) and applied when done.  Each
 * reload cancels the previous one; a result whose cancellable is no longer
 * current is dropped.
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
  GCancellable *cancellable;       /* of the reload in flight, or NULL */

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

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

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

typedef struct
{
  char          *path;     /* the book, opened again in the thread */
  AwbDate        as_of;
  AwbBookTotals  totals;   /* out */
} TotalsJob;

static void
totals_job_free (TotalsJob *job)
{
  g_free (job->path);
  g_free (job);
}

static void
compute_totals (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  TotalsJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = awb_database_open (job->path, &error);

  if (db == NULL || !awb_book_query_totals (db, job->as_of, &job->totals, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_totals_computed_cb (GObject      *source_object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(AwbDashboardPage) self = user_data;
  GTask *task = G_TASK (result);
  TotalsJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *as_of_text = NULL;

  /* superseded by a newer reload, or the page is gone */
  if (g_task_get_cancellable (task) != self->cancellable)
    return;
  g_clear_object (&self->cancellable);

  if (!g_task_propagate_boolean (task, &error))
    {
      /* Translators: %s says why, e.g. the book is locked by another program */
      set_label_take (self->as_of_label,
                      g_strdup_printf (_("Cannot compute the totals: %s"), error->message));
      return;
    }

  as_of_text = awb_gui_format_date (job->as_of);
  /* Translators: %s is today's date, YYYY-MM-DD */
  set_label_take (self->as_of_label, g_strdup_printf (_("As of %s"), as_of_text));
  set_label_take (self->clients_value, awb_gui_format_count (job->totals.n_clients));
  set_label_take (self->aum_value, awb_gui_format_money (job->totals.total_aum));
  set_label_take (self->trades_value, awb_gui_format_count (job->totals.n_trades_12m));
  set_label_take (self->commission_value, awb_gui_format_money (job->totals.commission_12m));
}

/**
 * awb_dashboard_page_reload:
 *
 * Computes the totals as of today again, in a thread; the cards keep what
 * they showed until the new values arrive.  A failure is shown on the page.
 */
void
awb_dashboard_page_reload (AwbDashboardPage *self)
{
  g_autoptr(GTask) task = NULL;
  TotalsJob *job;

  g_return_if_fail (AWB_IS_DASHBOARD_PAGE (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  job = g_new0 (TotalsJob, 1);
  job->path = g_strdup (awb_database_get_path (self->database));
  job->as_of = awb_date_today ();

  /* The page is the callback's data, so its last reference is dropped in
   * the main thread, never in the worker. */
  task = g_task_new (NULL, self->cancellable, on_totals_computed_cb, g_object_ref (self));
  g_task_set_source_tag (task, awb_dashboard_page_reload);
  g_task_set_task_data (task, job, (GDestroyNotify) totals_job_free);
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, compute_totals);
}
