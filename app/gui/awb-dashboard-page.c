/* awb-dashboard-page.c: the Dashboard view, the book's totals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Four cards: clients, total AUM, and the trades and commission of the last
 * 12 months as of today (spec §3: as_of - 365 < date <= as_of), all from
 * awb_book_query_totals().  Under them the latest scoring run: its as-of
 * date and when it ran, the RFM segment distribution (one AdwActionRow per
 * segment with its count, its share of the scored clients and its strategy),
 * the prospects, and the tier distribution; an empty state with the
 * win.score button when the book has no run.
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
#include "awb-codes.h"
#include "awb-dashboard-page.h"
#include "awb-date.h"
#include "awb-gui-format.h"
#include "awb-rfm.h"
#include "awb-scoring.h"
#include "awb-settings-store.h"

struct _AwbDashboardPage
{
  AdwBin        parent_instance;

  AwbDatabase  *database;          /* the book, construct-only */
  GCancellable *cancellable;       /* of the reload in flight, or NULL */
  gboolean      totals_pending;    /* the reload in flight computes the totals */
  gint64        latest_run;        /* id of the run shown, 0 when none */
  GPtrArray    *run_rows;          /* the AdwActionRows added to the groups */
  GPtrArray    *prospects_suffixes; /* the widgets fill_row added to prospects_row */

  /* template children */
  GtkLabel     *as_of_label;
  GtkLabel     *clients_value;
  GtkLabel     *aum_value;
  GtkLabel     *trades_value;
  GtkLabel     *commission_value;
  GtkLabel     *run_label;
  GtkStack     *run_stack;
  AdwPreferencesGroup *segments_group;
  AdwPreferencesGroup *tiers_group;
  AdwActionRow *prospects_row;
};

G_DEFINE_FINAL_TYPE (AwbDashboardPage, awb_dashboard_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_LATEST_RUN,
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
  g_clear_pointer (&self->run_rows, g_ptr_array_unref);
  g_clear_pointer (&self->prospects_suffixes, g_ptr_array_unref);

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
    case PROP_LATEST_RUN:
      g_value_set_int64 (value, self->latest_run);
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
  /* the id of the scoring run shown, 0 when the book has none (yet) */
  properties[PROP_LATEST_RUN] =
    g_param_spec_int64 ("latest-run", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/awb-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, as_of_label);
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, clients_value);
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, aum_value);
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, trades_value);
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, commission_value);
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, run_label);
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, run_stack);
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, segments_group);
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, tiers_group);
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, prospects_row);
}

static void
awb_dashboard_page_init (AwbDashboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->run_rows = g_ptr_array_new ();
  self->prospects_suffixes = g_ptr_array_new ();
  gtk_stack_set_visible_child_name (self->run_stack, "empty");
}

AwbDashboardPage *
awb_dashboard_page_new (AwbDatabase *database)
{
  g_return_val_if_fail (AWB_IS_DATABASE (database), NULL);

  return g_object_new (AWB_TYPE_DASHBOARD_PAGE, "database", database, NULL);
}

/**
 * awb_dashboard_page_get_latest_run:
 *
 * Returns: the id of the scoring run the page shows, 0 when the book has
 * none (or the first reload has not finished).
 */
gint64
awb_dashboard_page_get_latest_run (AwbDashboardPage *self)
{
  g_return_val_if_fail (AWB_IS_DASHBOARD_PAGE (self), 0);
  return self->latest_run;
}

typedef struct
{
  char              *path;      /* the book, opened again in the thread */
  AwbDate            as_of;
  gboolean           with_totals;   /* FALSE: the latest run only */
  AwbBookTotals      totals;    /* out */
  gint64             run_id;    /* out: the latest run, 0 when none */
  AwbScoringRunInfo *run;       /* out: its as-of date and timestamp */
  GArray            *segments;  /* out: AwbSegmentCount rows, prospects last */
  AwbTierCounts      tiers;     /* out */
  AwbSettings       *settings;  /* out: the book's, for the strategies */
} TotalsJob;

static void
totals_job_free (TotalsJob *job)
{
  g_free (job->path);
  g_clear_pointer (&job->run, awb_scoring_run_info_free);
  g_clear_pointer (&job->segments, g_array_unref);
  g_clear_pointer (&job->settings, awb_settings_free);
  g_free (job);
}

/* In the job's thread: the latest run, its distribution and its tiers. */
static gboolean
read_latest_run (AwbDatabase  *db,
                 TotalsJob    *job,
                 GError      **error)
{
  g_autoptr(GPtrArray) runs = NULL;

  job->run_id = awb_scoring_get_latest_run (db, error);
  if (job->run_id < 0)
    return FALSE;
  if (job->run_id == 0)
    return TRUE;

  runs = awb_scoring_list_runs (db, error);
  if (runs == NULL)
    return FALSE;
  for (guint i = 0; i < runs->len; i++)
    {
      AwbScoringRunInfo *info = g_ptr_array_index (runs, i);

      if (info->id == job->run_id)
        job->run = g_ptr_array_steal_index (runs, i);
    }
  if (job->run == NULL)   /* deleted meanwhile by another process */
    {
      job->run_id = 0;
      return TRUE;
    }

  job->settings = awb_settings_store_load (db, error);
  if (job->settings == NULL)
    return FALSE;
  job->segments = awb_scoring_get_distribution (db, job->run_id, error);
  return job->segments != NULL &&
         awb_book_query_run_tiers (db, job->run_id, &job->tiers, error);
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

  if (db == NULL ||
      (job->with_totals && !awb_book_query_totals (db, job->as_of, &job->totals, &error)) ||
      !read_latest_run (db, job, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* "12.3%" of @part in @whole; "—" when @whole is 0 */
static char *
format_share (gint64 part,
              gint64 whole)
{
  if (whole <= 0)
    return g_strdup ("—");
  /* Translators: a share in percent, e.g. "12.3%" */
  return g_strdup_printf (_("%.1f%%"), 100.0 * (double) part / (double) whole);
}

/* Count, share and a bar as the suffix of @row; the count label's
 * accessible name says it all ("Champions: 1,234 clients, 12.3%"), which
 * is also what the GUI test reads. */
static void
fill_row (AdwActionRow *row,
          const char   *title,
          gint64        count,
          gint64        whole,
          GPtrArray    *added)
{
  g_autofree char *count_text = awb_gui_format_count (count);
  g_autofree char *share_text = format_share (count, whole);
  g_autofree char *clients = NULL;
  g_autofree char *name = NULL;
  GtkWidget *count_label = gtk_label_new (count_text);
  GtkWidget *share_label = gtk_label_new (share_text);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0.0, 1.0);

  clients = g_strdup_printf (ngettext ("%s client", "%s clients",
                                       count > 0 ? (gulong) count : 0), count_text);
  /* Translators: a row of the dashboard read aloud: "Champions: 1,234
   * clients, 12.3%" */
  name = g_strdup_printf (_("%s: %s, %s"), title, clients, share_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (count_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_label_set_xalign (GTK_LABEL (count_label), 1.0);
  gtk_widget_add_css_class (count_label, "numeric");
  gtk_widget_add_css_class (count_label, "awb-count");
  gtk_label_set_xalign (GTK_LABEL (share_label), 1.0);
  gtk_widget_add_css_class (share_label, "numeric");
  gtk_widget_add_css_class (share_label, "dim-label");
  gtk_widget_add_css_class (share_label, "awb-share");
  gtk_accessible_update_state (GTK_ACCESSIBLE (share_label), GTK_ACCESSIBLE_STATE_HIDDEN,
                               TRUE, -1);

  /* one colour whatever the share: the default offsets would turn a small
   * segment red */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar),
                           whole > 0 ? (double) count / (double) whole : 0.0);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (bar, "awb-share-bar");
  gtk_accessible_update_state (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  adw_action_row_add_suffix (row, bar);
  adw_action_row_add_suffix (row, share_label);
  adw_action_row_add_suffix (row, count_label);
  if (added != NULL)
    {
      g_ptr_array_add (added, bar);
      g_ptr_array_add (added, share_label);
      g_ptr_array_add (added, count_label);
    }
}

static void
add_row (AwbDashboardPage    *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle,
         gint64               count,
         gint64               whole)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (row, subtitle);
  fill_row (row, title, count, whole, NULL);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  g_ptr_array_add (self->run_rows, row);
}

static void
clear_run_rows (AwbDashboardPage *self)
{
  for (guint i = 0; i < self->run_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->run_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->run_rows, 0);
}

/* The prospects row is in the template: replace its suffixes only. */
static void
fill_prospects_row (AwbDashboardPage *self,
                    gint64            count,
                    gint64            whole)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->prospects_row));

  for (guint i = 0; i < self->prospects_suffixes->len; i++)
    adw_action_row_remove (self->prospects_row, g_ptr_array_index (self->prospects_suffixes, i));
  g_ptr_array_set_size (self->prospects_suffixes, 0);
  fill_row (self->prospects_row, title, count, whole, self->prospects_suffixes);
}

/* "As of 2026-11-23, scored 2026-11-23 16:50 (run 3)" */
static char *
describe_run (const AwbScoringRunInfo *run)
{
  g_autofree char *as_of = awb_gui_format_date (run->as_of);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) created = g_date_time_new_from_iso8601 (run->created_at, utc);
  g_autoptr(GDateTime) local = created != NULL ? g_date_time_to_local (created) : NULL;
  g_autofree char *when = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M")
                                        : g_strdup (run->created_at);

  /* Translators: the first %s is the reference date (YYYY-MM-DD), the
   * second when the run was made (YYYY-MM-DD HH:MM), %lld the run's number */
  return g_strdup_printf (_("As of %s, scored %s (run %lld)"), as_of, when,
                          (long long) run->id);
}

static void
show_run (AwbDashboardPage *self,
          TotalsJob        *job)
{
  gint64 scored = 0;
  gint64 total;

  clear_run_rows (self);
  if (job->run_id == 0)
    {
      gtk_label_set_label (self->run_label, _("No scoring run yet"));
      gtk_stack_set_visible_child_name (self->run_stack, "empty");
    }
  else
    {
      const AwbSegmentCount *prospects =
        &g_array_index (job->segments, AwbSegmentCount, AWB_N_SEGMENTS);

      for (guint i = 0; i < AWB_N_SEGMENTS; i++)
        scored += g_array_index (job->segments, AwbSegmentCount, i).n_clients;
      total = scored + prospects->n_clients;

      set_label_take (self->run_label, describe_run (job->run));
      for (guint i = 0; i < AWB_N_SEGMENTS; i++)
        add_row (self, self->segments_group, awb_code_get_label (AWB_KIND_RFM_SEGMENT, (int) i),
                 awb_settings_text (job->settings->segment_strategy[i]),
                 g_array_index (job->segments, AwbSegmentCount, i).n_clients, scored);
      fill_prospects_row (self, prospects->n_clients, total);
      for (guint t = 0; t < G_N_ELEMENTS (job->tiers.counts); t++)
        add_row (self, self->tiers_group, awb_code_get_label (AWB_KIND_TIER, (int) t), NULL,
                 job->tiers.counts[t], total);
      gtk_stack_set_visible_child_name (self->run_stack, "run");
    }

  if (self->latest_run != job->run_id)
    {
      self->latest_run = job->run_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATEST_RUN]);
    }
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
  self->totals_pending = FALSE;

  if (!g_task_propagate_boolean (task, &error))
    {
      /* Translators: %s says why, e.g. the book is locked by another program */
      set_label_take (self->as_of_label,
                      g_strdup_printf (_("Cannot compute the totals: %s"), error->message));
      return;
    }

  if (job->with_totals)
    {
      as_of_text = awb_gui_format_date (job->as_of);
      /* Translators: %s is today's date, YYYY-MM-DD */
      set_label_take (self->as_of_label, g_strdup_printf (_("As of %s"), as_of_text));
      set_label_take (self->clients_value, awb_gui_format_count (job->totals.n_clients));
      set_label_take (self->aum_value, awb_gui_format_money (job->totals.total_aum));
      set_label_take (self->trades_value, awb_gui_format_count (job->totals.n_trades_12m));
      set_label_take (self->commission_value,
                      awb_gui_format_money (job->totals.commission_12m));
    }
  show_run (self, job);
}

static void
start_reload (AwbDashboardPage *self,
              gboolean          with_totals)
{
  g_autoptr(GTask) task = NULL;
  TotalsJob *job;

  /* a reload in flight that computes the totals is superseded by one
   * that computes them too */
  with_totals = with_totals || self->totals_pending;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->totals_pending = with_totals;

  job = g_new0 (TotalsJob, 1);
  job->path = g_strdup (awb_database_get_path (self->database));
  job->as_of = awb_date_today ();
  job->with_totals = with_totals;

  /* The page is the callback's data, so its last reference is dropped in
   * the main thread, never in the worker. */
  task = g_task_new (NULL, self->cancellable, on_totals_computed_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_reload);
  g_task_set_task_data (task, job, (GDestroyNotify) totals_job_free);
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, compute_totals);
}

/**
 * awb_dashboard_page_reload:
 *
 * Computes the totals as of today and reads the latest run again, in a
 * thread; the page keeps what it showed until the new values arrive.  A
 * failure is shown on the page.
 */
void
awb_dashboard_page_reload (AwbDashboardPage *self)
{
  g_return_if_fail (AWB_IS_DASHBOARD_PAGE (self));

  start_reload (self, TRUE);
}

/**
 * awb_dashboard_page_reload_run:
 *
 * Reads the latest scoring run again, in a thread, leaving the totals (a
 * run does not change them, and on twenty million trades they take
 * seconds) as they are.
 */
void
awb_dashboard_page_reload_run (AwbDashboardPage *self)
{
  g_return_if_fail (AWB_IS_DASHBOARD_PAGE (self));

  start_reload (self, FALSE);
}
