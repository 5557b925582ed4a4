/* awb-dashboard-page.c: the Dashboard view, the branch's segmentation at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a branch manager reads before the weekly meeting: a scoring run
 * (the latest by default), compared with another (the one before it), for
 * the whole book or one manager's clients; the run's key figures as cards;
 * then every chart of the catalogue (awb-chart-catalog) in its section,
 * each a card that can also be read as its table of numbers.
 *
 * Everything shown is aggregates the run stored (awb-run-stats), read in
 * a thread on a connection of its own (awb_dashboard_data_load_async):
 * the page opens as fast on a million clients as on a hundred.  Each
 * reload cancels the one before; a late result of a cancelled one is
 * dropped.
 *
 * A click on a chart's element (or Enter on it, or its button in the
 * table) asks the store for exactly the clients behind it, by the rules
 * that counted them, and emits ::show-clients; the window opens the
 * client list filtered to them.
 */
#define G_LOG_DOMAIN "awb-dashboard-page"

#include "config.h"

#include <glib/gi18n.h>

#include "awb-book-query.h"
#include "awb-chart-card.h"
#include "awb-chart-catalog.h"
#include "awb-dashboard-data.h"
#include "awb-dashboard-page.h"
#include "awb-date.h"
#include "awb-number-format.h"
#include "awb-report.h"
#include "awb-scoring.h"

typedef enum
{
  KPI_CLIENTS,
  KPI_AUM,
  KPI_ACTIVE,
  KPI_CHURN_RISK,
  KPI_SATISFACTION,
  KPI_CLV,
  KPI_MISMATCHED,
  KPI_OVERDUE,
  N_KPIS
} Kpi;

struct _AwbDashboardPage
{
  AdwBin            parent_instance;

  AwbDatabase      *database;        /* the book, construct-only */
  GCancellable     *cancellable;     /* of the load or selection in flight, or NULL */
  AwbDashboardData *data;            /* what the page shows, or NULL */
  gint64            latest_run;      /* the book's latest run, 0 when none */
  GArray           *run_ids;         /* gint64: run_row's items, newest first */
  GArray           *manager_ids;     /* gint64: manager_row's items (0: all) */
  gboolean          filling;         /* the rows' models are being refilled */
  gboolean          built;           /* the cards exist: built when first shown */
  char             *drill_label;     /* what the last click on a chart asked for */
  AwbChartCard     *cards[AWB_N_CHARTS];
  GtkWidget        *sections[AWB_N_CHART_SECTIONS];
  GtkLabel         *kpi_values[N_KPIS];
  GtkLabel         *kpi_notes[N_KPIS];

  /* template children */
  GtkStack         *stack;
  AdwStatusPage    *error_page;
  AdwComboRow      *run_row;
  AdwComboRow      *compare_row;
  AdwComboRow      *manager_row;
  GtkStringList    *run_list;
  GtkStringList    *compare_list;
  GtkStringList    *manager_list;
  GtkLabel         *run_label;
  GtkFlowBox       *kpi_box;
  GtkBox           *sections_box;
};

G_DEFINE_FINAL_TYPE (AwbDashboardPage, awb_dashboard_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_LATEST_RUN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SHOW_CLIENTS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void load (AwbDashboardPage *self);

/* ---- the key figures ---------------------------------------------------- */

static const char *const kpi_titles[N_KPIS] = {
  N_("Clients"), N_("Assets Under Management"), N_("Active Share"), N_("At Risk of Churning"),
  N_("Average Satisfaction"), N_("Lifetime Value"), N_("Suitability Mismatches"),
  N_("Overdue Follow-ups"),
};

static void
build_kpi_cards (AwbDashboardPage *self)
{
  for (guint i = 0; i < N_KPIS; i++)
    {
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *title = gtk_label_new (_(kpi_titles[i]));
      GtkWidget *value = gtk_label_new ("");
      GtkWidget *note = gtk_label_new ("");

      gtk_widget_add_css_class (card, "card");
      gtk_widget_add_css_class (card, "kpi-card");
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_widget_add_css_class (title, "caption-heading");
      gtk_widget_add_css_class (title, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (value), 0);
      gtk_label_set_ellipsize (GTK_LABEL (value), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (value, "title-2");
      gtk_widget_add_css_class (value, "numeric");
      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_widget_add_css_class (note, "caption");
      gtk_widget_add_css_class (note, "dim-label");
      gtk_box_append (GTK_BOX (card), title);
      gtk_box_append (GTK_BOX (card), value);
      gtk_box_append (GTK_BOX (card), note);
      gtk_flow_box_append (self->kpi_box, card);
      /* a card is read, not visited: no Tab stop */
      gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
      self->kpi_values[i] = GTK_LABEL (value);
      self->kpi_notes[i] = GTK_LABEL (note);
    }
}

static void
set_kpi (AwbDashboardPage *self,
         Kpi               kpi,
         const char       *value,
         const char       *note,
         const char       *full)
{
  g_autofree char *name = g_strdup_printf ("%s: %s%s%s", _(kpi_titles[kpi]),
                                           full != NULL ? full : value,
                                           note != NULL && note[0] ? ", " : "",
                                           note != NULL ? note : "");

  gtk_label_set_label (self->kpi_values[kpi], value);
  gtk_label_set_label (self->kpi_notes[kpi], note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->kpi_notes[kpi]), note != NULL && note[0] != '\0');
  /* the compact sum (¥12.3亿) on the card, the full one on hover */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->kpi_values[kpi]), full);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->kpi_values[kpi]),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static char *
share_note (gint64      n,
            gint64      of,
            const char *of_what)
{
  g_autofree char *percent = awb_format_percent (of > 0 ? 100.0 * (double) n / (double) of : NAN);

  /* Translators: a key figure's share, e.g. "12.3 % of scored clients" */
  return g_strdup_printf (_("%1$s %2$s"), percent, of_what);
}

static void
fill_kpis (AwbDashboardPage *self,
           const AwbRunKpi  *kpi)
{
  g_autofree char *clients = awb_format_count (kpi->n_clients);
  g_autofree char *scored = awb_format_count (kpi->n_scored);
  g_autofree char *scored_note = NULL;
  g_autofree char *aum = awb_format_money_compact (kpi->aum);
  g_autofree char *aum_full = awb_format_money_full (kpi->aum);
  g_autofree char *active = awb_format_percent (kpi->n_clients > 0 ? 100.0 * (double) kpi->n_active / (double) kpi->n_clients : NAN);
  g_autofree char *active_count = awb_format_count (kpi->n_active);
  g_autofree char *active_note = NULL;
  g_autofree char *churn = awb_format_count (kpi->n_churn_risk);
  g_autofree char *churn_note = share_note (kpi->n_churn_risk, kpi->n_scored, _("of scored clients"));
  g_autofree char *satisfaction = NULL;
  g_autofree char *satisfaction_note = NULL;
  g_autofree char *clv = awb_format_money_compact (kpi->clv);
  g_autofree char *clv_full = awb_format_money_full (kpi->clv);
  g_autofree char *mismatched = awb_format_count (kpi->n_mismatched);
  g_autofree char *mismatched_note = share_note (kpi->n_mismatched, kpi->n_clients, _("of all clients"));
  g_autofree char *overdue = awb_format_count (kpi->n_overdue_follow_ups);

  /* Translators: under the number of clients; %s is a count */
  scored_note = g_strdup_printf (_("%s scored, the others prospects"), scored);
  /* Translators: under the active share; %s is a count */
  active_note = g_strdup_printf (_("%s clients traded in the last 365 days"), active_count);
  if (kpi->n_satisfaction > 0)
    {
      g_autofree char *surveys = awb_format_count (kpi->n_satisfaction);

      satisfaction = g_strdup_printf ("%.2f", (double) kpi->satisfaction_sum / (double) kpi->n_satisfaction);
      /* Translators: under the average satisfaction; %s is a count */
      satisfaction_note = g_strdup_printf (_("out of 5, from %s surveys of the last 365 days"), surveys);
    }
  else
    {
      satisfaction = g_strdup ("—");
      satisfaction_note = g_strdup (_("no survey in the last 365 days"));
    }

  set_kpi (self, KPI_CLIENTS, clients, scored_note, NULL);
  set_kpi (self, KPI_AUM, aum, NULL, aum_full);
  set_kpi (self, KPI_ACTIVE, active, active_note, NULL);
  set_kpi (self, KPI_CHURN_RISK, churn, churn_note, NULL);
  set_kpi (self, KPI_SATISFACTION, satisfaction, satisfaction_note, NULL);
  set_kpi (self, KPI_CLV, clv, NULL, clv_full);
  set_kpi (self, KPI_MISMATCHED, mismatched, mismatched_note, NULL);
  set_kpi (self, KPI_OVERDUE, overdue, _("open, due before the run’s date"), NULL);
}

/* ---- the charts --------------------------------------------------------- */

static void
on_drill_down_done_cb (GObject      *source_object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(AwbDashboardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = awb_dashboard_data_select_finish (result, &error);

  if (ids == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("%s", error->message);
      return;
    }
  g_signal_emit (self, signals[SHOW_CLIENTS], 0, ids, self->drill_label);
}

static void
on_drill_down_cb (AwbChartCard     *card,
                  const char       *key,
                  const char       *label,
                  gint64            count,
                  AwbDashboardPage *self)
{
  AwbChartTable *table = awb_chart_card_get_table (card);
  g_autofree char *date = NULL;
  if (self->data == NULL)
    return;
  date = awb_date_format (self->data->run->as_of);
  /* Translators: what the client list shows after a click on a chart;
   * %1$s the chart's title, %2$s the element, %3$s the run's date */
  g_free (self->drill_label);
  self->drill_label = g_strdup_printf (_("%1$s: %2$s (run of %3$s)"), table->title, label, date);
  awb_dashboard_data_select_async (awb_database_get_path (self->database), self->data, key,
                                   NULL, on_drill_down_done_cb, g_object_ref (self));
}

static void
build_cards (AwbDashboardPage *self)
{
  for (guint s = 0; s < AWB_N_CHART_SECTIONS; s++)
    {
      GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      GtkWidget *heading = gtk_label_new (awb_chart_section_get_title (s));
      /* a box, one chart a line: a GtkFlowBox measures a child's height
       * for its natural width, not the one it gives it, and a chart's
       * height depends on its width */
      GtkWidget *flow = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_add_css_class (heading, "title-3");
      gtk_accessible_update_property (GTK_ACCESSIBLE (heading),
                                      GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
      gtk_box_append (GTK_BOX (section), heading);
      gtk_box_append (GTK_BOX (section), flow);
      gtk_box_append (self->sections_box, section);
      self->sections[s] = flow;
    }
  for (guint k = 0; k < AWB_N_CHARTS; k++)
    {
      GtkWidget *card = awb_chart_card_new ();

      gtk_widget_set_name (card, awb_chart_kind_to_string (k));
      g_signal_connect_object (card, "drill-down", G_CALLBACK (on_drill_down_cb), self, 0);
      gtk_box_append (GTK_BOX (self->sections[awb_chart_kind_get_section (k)]), card);
      self->cards[k] = AWB_CHART_CARD (card);
    }
}

static void
show_data (AwbDashboardPage *self)
{
  AwbDashboardData *data = self->data;
  g_autofree char *as_of = awb_date_format (data->run->as_of);
  g_autofree char *text = NULL;
  gboolean section_shown[AWB_N_CHART_SECTIONS] = { FALSE, };

  if (data->compare != NULL)
    {
      g_autofree char *compare = awb_date_format (data->compare->as_of);

      /* Translators: %1$s the run's date, %2$s when it ran (UTC), %3$s the
       * compared run's date */
      text = g_strdup_printf (_("The run of %1$s (scored %2$s), compared with the run of %3$s."),
                              as_of, data->run->created_at, compare);
    }
  else
    /* Translators: %1$s the run's date, %2$s when it ran (UTC) */
    text = g_strdup_printf (_("The run of %1$s (scored %2$s)."), as_of, data->run->created_at);
  gtk_label_set_label (self->run_label, text);

  fill_kpis (self, awb_run_stats_get_kpi (data->stats));

  for (guint k = 0; k < AWB_N_CHARTS; k++)
    {
      g_autoptr(AwbChartTable) table = awb_chart_catalog_build (data, k);
      GtkWidget *child = GTK_WIDGET (self->cards[k]);

      gtk_widget_set_visible (child, table != NULL);
      if (table == NULL)
        continue;
      awb_chart_card_set_table (self->cards[k], table);
      section_shown[awb_chart_kind_get_section (k)] = TRUE;
      if (k == AWB_CHART_SEGMENT_MIGRATION || k == AWB_CHART_TIER_MIGRATION)
        {
          g_auto(GStrv) moves =
            awb_chart_catalog_largest_moves (data, k == AWB_CHART_TIER_MIGRATION ? AWB_MIGRATION_TIERS
                                                                                 : AWB_MIGRATION_SEGMENTS, 3);

          awb_chart_card_set_moves (self->cards[k], (const char * const *) moves);
        }
    }
  for (guint s = 0; s < AWB_N_CHART_SECTIONS; s++)
    gtk_widget_set_visible (gtk_widget_get_parent (self->sections[s]), section_shown[s]);
  gtk_stack_set_visible_child_name (self->stack, "dashboard");
}

/* ---- loading ------------------------------------------------------------ */

static void
on_load_done_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AwbDashboardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  AwbDashboardData *data = awb_dashboard_data_load_finish (result, &error);

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      g_clear_pointer (&data, awb_dashboard_data_unref);
      return;
    }
  if (data == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  g_clear_pointer (&self->data, awb_dashboard_data_unref);
  self->data = data;
  show_data (self);
}

static gint64
selected_id (AdwComboRow *row,
             GArray      *ids)
{
  guint i = adw_combo_row_get_selected (row);

  return ids != NULL && i < ids->len ? g_array_index (ids, gint64, i) : 0;
}

static void
load (AwbDashboardPage *self)
{
  gint64 run_id, compare_run, manager_id;
  guint compare;

  if (self->latest_run == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  /* Not shown: nothing is read or built until it is (on map). A book's
   * thirty-odd charts would otherwise cost every other page's start. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (!self->built)
    {
      build_kpi_cards (self);
      build_cards (self);
      self->built = TRUE;
    }
  run_id = selected_id (self->run_row, self->run_ids);
  /* compare_row: 0 "the run before it", 1 "no comparison", then the runs */
  compare = adw_combo_row_get_selected (self->compare_row);
  compare_run = compare == 0 || compare == GTK_INVALID_LIST_POSITION ? AWB_DASHBOARD_PREVIOUS
              : compare == 1 ? AWB_DASHBOARD_NONE
              : g_array_index (self->run_ids, gint64, compare - 2);
  manager_id = selected_id (self->manager_row, self->manager_ids);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->data == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  awb_dashboard_data_load_async (awb_database_get_path (self->database), run_id, compare_run,
                                 manager_id, self->cancellable, on_load_done_cb,
                                 g_object_ref (self));
}

/* Shown: read (again), so texts edited since (a segment's strategy in the
 * preferences, a run scored from the command line) are the book's. */
static void
on_map_cb (AwbDashboardPage *self)
{
  awb_dashboard_page_reload (self);
}

static void
on_choice_changed_cb (AwbDashboardPage *self)
{
  if (!self->filling)
    load (self);
}

/* Refills the run and manager choices from the book, keeping what was
 * chosen where it still exists. */
static void
fill_choices (AwbDashboardPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = awb_scoring_list_runs (self->database, &error);
  g_auto(GStrv) managers = NULL;
  gint64 old_run = selected_id (self->run_row, self->run_ids);
  gint64 old_manager = selected_id (self->manager_row, self->manager_ids);
  guint compare = adw_combo_row_get_selected (self->compare_row);
  gint64 old_compare = compare >= 2 && self->run_ids != NULL && compare - 2 < self->run_ids->len
                       ? g_array_index (self->run_ids, gint64, compare - 2) : -compare;
  guint run_pos = 0, compare_pos = 0, manager_pos = 0;

  self->filling = TRUE;
  g_array_set_size (self->run_ids, 0);
  g_array_set_size (self->manager_ids, 0);
  gtk_string_list_splice (self->run_list, 0, g_list_model_get_n_items (G_LIST_MODEL (self->run_list)), NULL);
  gtk_string_list_splice (self->compare_list, 0, g_list_model_get_n_items (G_LIST_MODEL (self->compare_list)), NULL);
  gtk_string_list_splice (self->manager_list, 0, g_list_model_get_n_items (G_LIST_MODEL (self->manager_list)), NULL);

  gtk_string_list_append (self->compare_list, _("The run before it"));
  gtk_string_list_append (self->compare_list, _("No comparison"));
  if (old_compare == -1)
    compare_pos = 1;
  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      const AwbScoringRunInfo *info = g_ptr_array_index (runs, runs->len - 1 - i);
      g_autofree char *date = awb_date_format (info->as_of);
      g_autofree char *clients = awb_format_count (info->n_clients);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, info->id);
      /* Translators: a scoring run in the dashboard's choice; %1$s its
       * date, %2$s its number, %3$s its clients, e.g. "2026-11-30 · run 3 · 5,000 clients" */
      g_autofree char *label = g_strdup_printf (_("%1$s · run %2$s · %3$s clients"), date,
                                                number, clients);

      g_array_append_val (self->run_ids, info->id);
      gtk_string_list_append (self->run_list, label);
      gtk_string_list_append (self->compare_list, label);
      if (info->id == old_run)
        run_pos = i;
      if (info->id == old_compare)
        compare_pos = i + 2;
    }
  self->latest_run = runs != NULL && runs->len > 0
                     ? ((AwbScoringRunInfo *) g_ptr_array_index (runs, runs->len - 1))->id : 0;

  {
    gint64 all = 0, none = AWB_RUN_STATS_NO_MANAGER;

    gtk_string_list_append (self->manager_list, _("All managers"));
    g_array_append_val (self->manager_ids, all);
    managers = awb_book_query_managers (self->database, NULL);
    for (guint i = 0; managers != NULL && managers[i] != NULL; i++)
      {
        gint64 id = 0;

        if (!awb_book_query_manager_id (self->database, managers[i], &id, NULL))
          continue;
        gtk_string_list_append (self->manager_list, managers[i]);
        g_array_append_val (self->manager_ids, id);
        if (id == old_manager)
          manager_pos = self->manager_ids->len - 1;
      }
    gtk_string_list_append (self->manager_list, _("Clients without a manager"));
    g_array_append_val (self->manager_ids, none);
    if (old_manager == none)
      manager_pos = self->manager_ids->len - 1;
  }

  adw_combo_row_set_selected (self->run_row, run_pos);
  adw_combo_row_set_selected (self->compare_row, compare_pos);
  adw_combo_row_set_selected (self->manager_row, manager_pos);
  self->filling = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATEST_RUN]);
}

/* ---- the report ---------------------------------------------------------- */

static void
on_report_done_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AwbDashboardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.export-report", TRUE);
  if (!awb_report_write_pdf_finish (result, &error))
    {
      GtkWidget *alert = adw_message_dialog_new (GTK_WINDOW (root), _("The Report Was Not Written"),
                                                 error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (alert));
    }
}

static void
on_report_response_cb (GtkNativeDialog  *dialog,
                       int               response,
                       AwbDashboardPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->data != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        {
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "dashboard.export-report", FALSE);
          awb_report_write_pdf_async (awb_database_get_path (self->database), path,
                                      self->data->run->id,
                                      self->data->compare != NULL ? self->data->compare->id : AWB_DASHBOARD_NONE,
                                      self->data->manager_id, NULL,
                                      on_report_done_cb, g_object_ref (self));
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AwbDashboardPage *self = AWB_DASHBOARD_PAGE (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *date = NULL;
  g_autofree char *name = NULL;

  if (self->data == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Export the Report"),
                                        GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  date = awb_date_format (self->data->run->as_of);
  /* Translators: the report's suggested file name; %s is the run's date */
  name = g_strdup_printf (_("segmentation-report-%s.pdf"), date);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_report_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- the page ------------------------------------------------------------ */

static void
awb_dashboard_page_constructed (GObject *object)
{
  AwbDashboardPage *self = AWB_DASHBOARD_PAGE (object);

  G_OBJECT_CLASS (awb_dashboard_page_parent_class)->constructed (object);

  awb_dashboard_page_reload (self);
}

static void
awb_dashboard_page_dispose (GObject *object)
{
  AwbDashboardPage *self = AWB_DASHBOARD_PAGE (object);

  /* No gtk_widget_dispose_template() here: the template's only direct
   * child is AdwBin's child, which AdwBin's dispose unparents. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);
  g_clear_pointer (&self->data, awb_dashboard_data_unref);
  g_clear_pointer (&self->run_ids, g_array_unref);
  g_clear_pointer (&self->manager_ids, g_array_unref);
  g_clear_pointer (&self->drill_label, g_free);

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

  object_class->constructed = awb_dashboard_page_constructed;
  object_class->dispose = awb_dashboard_page_dispose;
  object_class->get_property = awb_dashboard_page_get_property;
  object_class->set_property = awb_dashboard_page_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, AWB_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LATEST_RUN] =
    g_param_spec_int64 ("latest-run", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AwbDashboardPage::show-clients:
   * @ids: (element-type gint64): the clients behind a chart's element
   * @description: what they are, for the list's heading
   */
  signals[SHOW_CLIENTS] =
    g_signal_new ("show-clients", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_ARRAY, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/advisorworkbench/Workbench/ui/awb-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, run_row);
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, compare_row);
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, manager_row);
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, run_list);
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, compare_list);
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, manager_list);
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, run_label);
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, kpi_box);
  gtk_widget_class_bind_template_child (widget_class, AwbDashboardPage, sections_box);

  gtk_widget_class_install_action (widget_class, "dashboard.export-report", NULL,
                                   export_report_action);
}

static void
awb_dashboard_page_init (AwbDashboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->run_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->manager_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect_object (self->run_row, "notify::selected",
                           G_CALLBACK (on_choice_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compare_row, "notify::selected",
                           G_CALLBACK (on_choice_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->manager_row, "notify::selected",
                           G_CALLBACK (on_choice_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
}

AwbDashboardPage *
awb_dashboard_page_new (AwbDatabase *database)
{
  return g_object_new (AWB_TYPE_DASHBOARD_PAGE, "database", database, NULL);
}

/* Reads the book's runs and managers again, then the data shown. */
void
awb_dashboard_page_reload (AwbDashboardPage *self)
{
  g_return_if_fail (AWB_IS_DASHBOARD_PAGE (self));

  fill_choices (self);
  load (self);
}

/* After a scoring run: the new run is the latest, and shown. */
void
awb_dashboard_page_reload_run (AwbDashboardPage *self)
{
  g_return_if_fail (AWB_IS_DASHBOARD_PAGE (self));

  fill_choices (self);
  adw_combo_row_set_selected (self->run_row, 0);
  load (self);
}

gint64
awb_dashboard_page_get_latest_run (AwbDashboardPage *self)
{
  g_return_val_if_fail (AWB_IS_DASHBOARD_PAGE (self), 0);
  return self->latest_run;
}
