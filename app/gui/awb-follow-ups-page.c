/* awb-follow-ups-page.c: the Follow-ups view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The open follow-ups (interactions not done, with a follow-up date),
 * soonest first, overdue ones marked; an AdwStatusPage when there are none.
 * A GListStore of AwbFollowUpRow, filled from a thread: a branch's book
 * holds a hundred thousand open follow-ups and more, which is seconds of
 * reading and making rows that the window must not wait for.
 */
#define G_LOG_DOMAIN "awb-follow-ups-page"

#include "config.h"

#include <glib/gi18n.h>

#include "awb-book-query.h"
#include "awb-date.h"
#include "awb-follow-up-row.h"
#include "awb-follow-ups-page.h"
#include "awb-gui-format.h"
#include "awb-gui-toast.h"

struct _AwbFollowUpsPage
{
  AdwBin         parent_instance;

  AwbDatabase   *database;      /* the book, construct-only */
  GListStore    *store;         /* AwbFollowUpRow, soonest first */
  GCancellable  *loading;       /* of the reload in flight, or NULL */

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
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
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

typedef struct
{
  char      *path;         /* the book, opened again in the thread */
  AwbDate    today;
  GPtrArray *rows;         /* out: AwbFollowUpRow */
  guint      n_overdue;    /* out */
} ReloadJob;

static void
reload_job_free (ReloadJob *job)
{
  g_free (job->path);
  g_clear_pointer (&job->rows, g_ptr_array_unref);
  g_free (job);
}

static void
reload_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ReloadJob *job = task_data;
  g_autoptr(AwbDatabase) db = NULL;
  g_autoptr(GPtrArray) follow_ups = NULL;
  GError *error = NULL;

  db = awb_database_open (job->path, &error);
  if (db != NULL)
    follow_ups = awb_book_query_follow_ups (db, &error);
  if (follow_ups == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  job->rows = g_ptr_array_new_full (follow_ups->len, g_object_unref);
  for (guint i = 0; i < follow_ups->len; i++)
    {
      AwbFollowUpRow *row = awb_follow_up_row_new (g_ptr_array_index (follow_ups, i), job->today);

      job->n_overdue += awb_follow_up_row_get_overdue (row);
      g_ptr_array_add (job->rows, row);
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_reloaded_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AwbFollowUpsPage *self = AWB_FOLLOW_UPS_PAGE (source_object);
  ReloadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *overdue = NULL;
  g_autofree char *text = NULL;
  guint n;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        awb_gui_toast_read_error (GTK_WIDGET (self), "the follow-ups", error);
      return;
    }

  n = job->rows->len;
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       job->rows->pdata, n);
  number = awb_gui_format_count (n);
  overdue = awb_gui_format_count (job->n_overdue);
  /* Translators: "27,076 open follow-ups, 20,410 overdue" */
  text = g_strdup_printf (ngettext ("%1$s open follow-up, %2$s overdue",
                                    "%1$s open follow-ups, %2$s overdue", n),
                          number, overdue);
  gtk_label_set_label (self->count_label, text);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

/**
 * awb_follow_ups_page_reload:
 *
 * Reads the open follow-ups again, in a thread; overdue is judged against
 * today.  The page keeps what it showed until then; a failure shows as a
 * toast.
 */
void
awb_follow_ups_page_reload (AwbFollowUpsPage *self)
{
  g_autoptr(GTask) task = NULL;
  ReloadJob *job;

  g_return_if_fail (AWB_IS_FOLLOW_UPS_PAGE (self));

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();

  job = g_new0 (ReloadJob, 1);
  job->path = g_strdup (awb_database_get_path (self->database));
  job->today = awb_date_today ();
  task = g_task_new (self, self->loading, on_reloaded_cb, NULL);
  g_task_set_source_tag (task, awb_follow_ups_page_reload);
  g_task_set_task_data (task, job, (GDestroyNotify) reload_job_free);
  g_task_run_in_thread (task, reload_in_thread);
}
