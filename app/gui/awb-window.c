/* awb-window.c: the main window, one per book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A header bar with a view switcher over three pages (clients, dashboard,
 * follow-ups), a progress area for long work, and a toast overlay.
 *
 * The commands are win.* actions (awb-window-actions.c); the instance
 * struct is shared with that file through awb-window-private.h.
 *
 * Long work (CSV import, CSV export, demo generation, a scoring run, the
 * scores export, a backup, a restore) runs in a GTask thread
 * that opens its own AwbDatabase on the window's file: in WAL mode the
 * window's connection keeps reading the last committed state meanwhile.
 * A scoring run is the store's own asynchronous call
 * (awb_scoring_score_book_async), the same run the command line makes.
 * Progress is marshalled to the main loop with g_main_context_invoke and
 * tagged with the job's serial number, so a late report of a finished job
 * never moves the bar of the next one.  One job runs at a time; win.cancel
 * cancels it.  Errors go to an AdwMessageDialog showing the whole message
 * (an import error lists the bad lines), success to a toast, and then every
 * page reloads.
 */
#define G_LOG_DOMAIN "awb-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "awb-backup.h"
#include "awb-book-query.h"
#include "awb-date.h"
#include "awb-demo.h"
#include "awb-export.h"
#include "awb-gui-format.h"
#include "awb-preferences-window.h"
#include "awb-scores-export.h"
#include "awb-scoring.h"
#include "awb-server-account.h"
#include "awb-sync.h"
#include "awb-window-private.h"

typedef enum {
  JOB_IMPORT,
  JOB_EXPORT,
  JOB_DEMO,
  JOB_SCORE,
  JOB_EXPORT_SCORES,
  JOB_EXPORT_LIST,
  JOB_BACKUP,
  JOB_RESTORE,
  JOB_SYNC,
} JobKind;

/* What one thread job needs; owned by its GTask, freed in whichever thread
 * drops the task last, so it holds no reference on the window. */
typedef struct
{
  JobKind            kind;
  AwbTableKind       table;
  AwbExportEncoding  encoding;
  AwbExportFlags     flags;       /* exports: masking and formula guard */
  char              *book_path;   /* the window's book, opened again in the thread */
  char              *file_path;   /* the CSV file, import or export */
  guint              serial;      /* the window's job serial when started */
  GWeakRef           window;      /* for progress reports */
  GArray            *ids;         /* JOB_EXPORT_LIST: the clients, in order */
  guint64            n_rows;      /* out: rows imported or exported, clients scored */
  GStrv              warnings;    /* out: what the import ignored */
  char              *kept_path;   /* out: JOB_RESTORE: the book as it was, or NULL */
  char              *conninfo;    /* JOB_SYNC: the branch server */
  char              *password;    /* JOB_SYNC: from the keyring, or NULL */
  AwbSyncReport      report;      /* out: JOB_SYNC */
} Job;

typedef struct
{
  AwbWindow *window;   /* strong reference, dropped in the main thread */
  guint      serial;
  double     fraction;
} ProgressReport;

G_DEFINE_FINAL_TYPE (AwbWindow, awb_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_BUSY,
  PROP_HAS_SCORING_RUN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
job_free (Job *job)
{
  g_free (job->book_path);
  g_free (job->file_path);
  g_weak_ref_clear (&job->window);
  g_strfreev (job->warnings);
  g_free (job->kept_path);
  g_free (job->conninfo);
  if (job->password != NULL)
    memset (job->password, 0, strlen (job->password));
  g_free (job->password);
  g_clear_pointer (&job->ids, g_array_unref);
  g_free (job);
}

static void
progress_report_free (ProgressReport *report)
{
  g_object_unref (report->window);
  g_free (report);
}

static gboolean
apply_progress (gpointer data)
{
  ProgressReport *report = data;
  AwbWindow *self = report->window;

  if (report->serial == self->job_serial && self->cancellable != NULL &&
      self->progress_bar != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (report->fraction, 0.0, 1.0));
  return G_SOURCE_REMOVE;
}

/* Called in the job's thread. */
static void
report_progress (double   fraction,
                 gpointer user_data)
{
  Job *job = user_data;
  ProgressReport *report;
  AwbWindow *window = g_weak_ref_get (&job->window);

  if (window == NULL)
    return;
  report = g_new0 (ProgressReport, 1);
  report->window = window;
  report->serial = job->serial;
  report->fraction = fraction;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, apply_progress, report,
                              (GDestroyNotify) progress_report_free);
}

static void
run_job (GTask        *task,
         gpointer      source_object,
         gpointer      task_data,
         GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = NULL;
  gboolean ok = FALSE;

  /* a restore opens the book itself: it may be too damaged to open */
  if (job->kind == JOB_RESTORE)
    {
      if (awb_backup_restore (job->book_path, job->file_path, NULL, &job->kept_path, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  db = awb_database_open (job->book_path, &error);
  if (db != NULL)
    {
      switch (job->kind)
        {
        case JOB_IMPORT:
          /* a damaged book is refused before an import damages it further */
          ok = awb_database_check_integrity (db, &error) &&
               awb_import_file (db, job->table, job->file_path, report_progress, job,
                                cancellable, &job->n_rows, &job->warnings, &error);
          break;
        case JOB_EXPORT:
          ok = awb_export_file (db, job->table, job->file_path, job->encoding, job->flags,
                                cancellable, &job->n_rows, &error);
          break;
        case JOB_DEMO:
          {
            AwbDemoOptions options;

            awb_demo_options_init (&options);
            ok = awb_demo_generate (db, &options, report_progress, job, cancellable, &error);
            job->n_rows = options.n_clients;
          }
          break;
        case JOB_EXPORT_LIST:
          ok = awb_export_clients (db, job->ids, job->file_path, job->encoding, job->flags,
                                   cancellable, &job->n_rows, &error);
          break;
        case JOB_EXPORT_SCORES:
          {
            gint64 run_id = awb_scoring_get_latest_run (db, &error);
            gint64 n_rows = 0;

            if (run_id == 0)
              g_set_error (&error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_FOUND,
                           _("The book has no scoring run yet: score it first"));
            else if (run_id > 0)
              ok = awb_scores_export (db, run_id, job->file_path,
                                      (job->flags & AWB_EXPORT_NO_FORMULA_GUARD) == 0,
                                      &n_rows, &error);
            job->n_rows = (guint64) MAX (n_rows, 0);
          }
          break;
        case JOB_BACKUP:
          ok = awb_backup_write (db, job->file_path, cancellable, &error);
          break;
        case JOB_SYNC:
          {
            g_autoptr(AwbServer) server = awb_server_connect (job->conninfo, job->password,
                                                              &error);

            ok = server != NULL &&
                 awb_sync_run (db, server, &job->report, cancellable, &error);
          }
          break;
        case JOB_RESTORE:
        default:
          g_assert_not_reached ();
        }
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
add_toast (AwbWindow  *self,
           const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Shows @message whole: in the body when short, else in a scrolled,
 * selectable text under a one-line summary (an import error lists up to a
 * hundred bad lines). */
static void
show_message (AwbWindow  *self,
              const char *heading,
              const char *summary,
              const char *message)
{
  AdwMessageDialog *dialog;
  guint n_lines = 1;

  for (const char *p = message; *p != '\0'; p++)
    n_lines += *p == '\n';

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, NULL));
  if (n_lines <= 4 && g_utf8_strlen (message, -1) < 400)
    {
      adw_message_dialog_set_body (dialog, message);
    }
  else
    {
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *view = gtk_text_view_new ();
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

      adw_message_dialog_set_body (dialog, summary);
      gtk_text_buffer_set_text (buffer, message, -1);
      gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
      gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Details"), -1);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 200);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_widget_add_css_class (scrolled, "card");
      adw_message_dialog_set_extra_child (dialog, scrolled);
    }
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_busy (AwbWindow  *self,
          const char *what)
{
  gboolean busy = what != NULL;

  gtk_revealer_set_reveal_child (self->progress_revealer, busy);
  if (busy)
    {
      gtk_label_set_label (self->progress_label, what);
      gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
    }
  _awb_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static char *
describe_done (Job *job)
{
  g_autofree char *n = awb_gui_format_count ((gint64) job->n_rows);
  gulong count = (gulong) MIN (job->n_rows, G_MAXULONG);

  if (job->kind == JOB_DEMO)
    /* Translators: %s is a number, e.g. "5,000" */
    return g_strdup_printf (ngettext ("Demo book ready: %s client",
                                      "Demo book ready: %s clients", count), n);

  if (job->kind == JOB_EXPORT)
    return g_strdup_printf (ngettext ("Exported %s row", "Exported %s rows", count), n);

  if (job->kind == JOB_EXPORT_LIST)
    /* Translators: %s is a number, e.g. "1,234" */
    return g_strdup_printf (ngettext ("Exported %s client", "Exported %s clients", count), n);

  if (job->kind == JOB_SCORE)
    /* Translators: %s is a number, e.g. "5,000" */
    return g_strdup_printf (ngettext ("Scored %s client", "Scored %s clients", count), n);

  if (job->kind == JOB_EXPORT_SCORES)
    return g_strdup_printf (ngettext ("Exported the scores of %s client",
                                      "Exported the scores of %s clients", count), n);

  if (job->kind == JOB_SYNC)
    return _awb_window_describe_sync (&job->report);

  if (job->kind == JOB_BACKUP)
    {
      g_autofree char *basename = g_path_get_basename (job->file_path);

      /* Translators: %s is the backup's file name */
      return g_strdup_printf (_("Backed up the book to “%s”"), basename);
    }

  if (job->kind == JOB_RESTORE)
    {
      g_autofree char *basename = NULL;

      if (job->kept_path == NULL)
        return g_strdup (_("Book restored"));
      basename = g_path_get_basename (job->kept_path);
      /* Translators: %s is a file name */
      return g_strdup_printf (_("Book restored; the book as it was is kept as “%s”"), basename);
    }

  switch (job->table)
    {
    case AWB_TABLE_CLIENTS:
      return g_strdup_printf (ngettext ("Imported %s client", "Imported %s clients", count), n);
    case AWB_TABLE_TRADES:
      return g_strdup_printf (ngettext ("Imported %s trade", "Imported %s trades", count), n);
    case AWB_TABLE_INTERACTIONS:
    default:
      return g_strdup_printf (ngettext ("Imported %s interaction",
                                        "Imported %s interactions", count), n);
    }
}

/* Ends the window's job: @error is NULL when it succeeded.  Reports the
 * outcome and reloads what the job changed. */
static void
finish_job (AwbWindow    *self,
            Job          *job,
            const GError *error)
{
  g_clear_object (&self->cancellable);
  set_busy (self, NULL);
  _awb_window_set_syncing (self, FALSE);

  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_CANCELLED))
        {
          add_toast (self, job->kind == JOB_SCORE
                           ? _("Scoring cancelled; nothing was changed")
                           : job->kind == JOB_SYNC
                           ? _("Sync cancelled; it picks up where it stopped next time")
                           : _("Cancelled; the book is unchanged"));
        }
      else
        {
          const char *heading = job->kind == JOB_IMPORT ? _("Import Failed")
                              : job->kind == JOB_EXPORT || job->kind == JOB_EXPORT_LIST
                              ? _("Export Failed")
                              : job->kind == JOB_SCORE ? _("Scoring Failed")
                              : job->kind == JOB_EXPORT_SCORES ? _("Scores Not Exported")
                              : job->kind == JOB_BACKUP ? _("Backup Failed")
                              : job->kind == JOB_RESTORE ? _("Book Not Restored")
                              : job->kind == JOB_SYNC ? _("Sync Failed")
                              : _("Demo Book Not Created");
          const char *summary = job->kind == JOB_IMPORT
                              ? _("Nothing was imported. Correct these lines and import the file again.")
                              : job->kind == JOB_SYNC
                              ? _("Nothing was lost: sync again when the server can be reached.")
                              : _("Nothing was changed.");

          show_message (self, heading, summary, error->message);
        }
    }
  else
    {
      g_autofree char *done = describe_done (job);

      if (job->kind == JOB_SYNC)
        _awb_window_add_sync_toast (self, done);
      else
        add_toast (self, done);
      if (job->warnings != NULL && job->warnings[0] != NULL)
        {
          g_autofree char *text = g_strjoinv ("\n", job->warnings);

          show_message (self, _("Imported With Warnings"),
                        _("Some of the file was ignored:"), text);
        }
    }

  /* a scoring run changes the dashboard's run and the list's labels, not
   * the book's totals (a scan of twenty million trades) */
  if (job->kind == JOB_SCORE)
    {
      awb_dashboard_page_reload_run (self->dashboard_page);
      awb_clients_page_reload (self->clients_page);   /* the new labels, in threads */
    }
  else if (job->kind == JOB_IMPORT || job->kind == JOB_DEMO || job->kind == JOB_RESTORE ||
           job->kind == JOB_SYNC)
    awb_window_reload (self);
}

static void
on_job_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AwbWindow) self = user_data;
  GTask *task = G_TASK (result);
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (task, &error);
  /* Closed while the job ran: dispose cancelled it and dropped the
   * template's children; there is nothing left to report to. */
  if (self->toast_overlay == NULL)
    return;
  finish_job (self, g_task_get_task_data (task), error);
}

/* Makes @job the window's job: shows @what with a progress bar and Cancel. */
static void
begin_job (AwbWindow  *self,
           Job        *job,
           const char *what)
{
  g_assert (self->cancellable == NULL);

  self->cancellable = g_cancellable_new ();
  job->serial = ++self->job_serial;
  job->book_path = g_strdup (awb_database_get_path (self->database));
  g_weak_ref_init (&job->window, self);
  set_busy (self, what);
}

/* Runs @job in a thread (run_job). */
static void
start_job (AwbWindow  *self,
           Job        *job,
           const char *what)
{
  g_autoptr(GTask) task = NULL;

  begin_job (self, job, what);
  /* The window is the callback's user data, not the task's source object:
   * the callback runs in the main thread, so the last reference is never
   * dropped in the worker. */
  task = g_task_new (NULL, self->cancellable, on_job_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_set_return_on_cancel (task, FALSE);
  /* Report what really happened: a job that finished before it saw the
   * cancel has committed, and must not be reported as cancelled. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, run_job);
}

/* The scoring run's progress, delivered in the main context by the store. */
static void
on_score_progress_cb (double   fraction,
                      gpointer user_data)
{
  Job *job = user_data;
  g_autoptr(AwbWindow) self = g_weak_ref_get (&job->window);

  if (self != NULL && job->serial == self->job_serial && self->progress_bar != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
}

static void
on_score_done_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(AwbWindow) self = g_weak_ref_get (&job->window);
  g_autoptr(GError) error = NULL;
  AwbScoreResult run;

  if (awb_scoring_score_book_finish (result, &run, &error))
    job->n_rows = (guint64) run.n_clients;
  if (self != NULL && self->toast_overlay != NULL)
    finish_job (self, job, error);
  job_free (job);
}

/* A click on a chart: the client list, showing exactly its clients. */
static void
on_show_clients_cb (AwbWindow  *self,
                    GArray     *ids,
                    const char *description)
{
  awb_clients_page_show_only (self->clients_page, ids, description);
  adw_view_stack_set_visible_child_name (self->view_stack, "clients");
}

static void
on_latest_run_changed_cb (AwbWindow *self)
{
  _awb_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_SCORING_RUN]);
}

/* The application's settings, or NULL for an uninstalled run without
 * GSETTINGS_SCHEMA_DIR (then nothing is remembered). */
static GSettings *
lookup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("GSettings schema %s not found; nothing is remembered", APP_ID);
      return NULL;
    }
  return g_settings_new (APP_ID);
}

static void
bind_settings (AwbWindow *self)
{
  if (self->settings == NULL)
    return;
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "last-view", self->view_stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
on_my_manager_changed_cb (AwbWindow *self)
{
  awb_clients_page_reload (self->clients_page);
}

static void
on_n_shown_changed_cb (AwbWindow *self)
{
  _awb_window_update_actions (self);
}

/* the follow-ups are read from the client index the Clients page loads */
static void
on_index_loaded_cb (AwbWindow *self)
{
  awb_follow_ups_page_set_index (self->follow_ups_page,
                                 awb_clients_page_get_index (self->clients_page));
}

static void
awb_window_constructed (GObject *object)
{
  AwbWindow *self = (AwbWindow *)object;
  g_autofree char *basename = NULL;
  g_autofree char *title = NULL;
  AdwViewStackPage *page;

  G_OBJECT_CLASS (awb_window_parent_class)->constructed (object);

  basename = g_path_get_basename (awb_database_get_path (self->database));
  /* Translators: the window title, %s is the book's file name */
  title = g_strdup_printf (_("%s — Advisor Workbench"), basename);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_view_switcher_title_set_subtitle (self->switcher_title, basename);
  /* the switcher title shows the subtitle only when the switcher moves to
   * the bottom bar; the header's start keeps the book's name in sight at
   * every width */
  gtk_label_set_label (self->book_label, basename);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->book_label),
                               awb_database_get_path (self->database));

  self->settings = lookup_settings ();
  self->clients_page = awb_clients_page_new (self->database, self->settings);
  g_signal_connect_object (self->clients_page, "notify::n-shown",
                           G_CALLBACK (on_n_shown_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->clients_page, "client-activated",
                           G_CALLBACK (_awb_window_open_client), self, G_CONNECT_SWAPPED);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::my-manager",
                             G_CALLBACK (on_my_manager_changed_cb), self, G_CONNECT_SWAPPED);
  page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->clients_page),
                                    "clients", _("Clients"));
  adw_view_stack_page_set_icon_name (page, "system-users-symbolic");

  self->dashboard_page = awb_dashboard_page_new (self->database);
  g_signal_connect_object (self->dashboard_page, "notify::latest-run",
                           G_CALLBACK (on_latest_run_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dashboard_page, "show-clients",
                           G_CALLBACK (on_show_clients_cb), self, G_CONNECT_SWAPPED);
  page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->dashboard_page),
                                    "dashboard", _("Dashboard"));
  adw_view_stack_page_set_icon_name (page, "view-grid-symbolic");

  self->follow_ups_page = awb_follow_ups_page_new (self->database, self->settings);
  g_signal_connect_object (self->clients_page, "index-loaded",
                           G_CALLBACK (on_index_loaded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->follow_ups_page, "client-activated",
                           G_CALLBACK (_awb_window_open_client), self, G_CONNECT_SWAPPED);
  page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->follow_ups_page),
                                    "follow-ups", _("Follow-ups"));
  adw_view_stack_page_set_icon_name (page, "x-office-calendar-symbolic");

  bind_settings (self);
  _awb_window_init_sync (self);
  awb_window_reload (self);
}

static void
awb_window_dispose (GObject *object)
{
  AwbWindow *self = (AwbWindow *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  _awb_window_dispose_sync (self);
  if (self->clients_page != NULL)
    _awb_window_commit_deletes (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), AWB_TYPE_WINDOW);
  /* the pages were children of the view stack, gone with the template */
  self->clients_page = NULL;
  self->dashboard_page = NULL;
  self->follow_ups_page = NULL;
  g_clear_object (&self->settings);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (awb_window_parent_class)->dispose (object);
}

static void
awb_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  AwbWindow *self = AWB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, awb_window_get_busy (self));
      break;
    case PROP_HAS_SCORING_RUN:
      g_value_set_boolean (value, awb_window_get_has_scoring_run (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  AwbWindow *self = AWB_WINDOW (object);

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
awb_window_class_init (AwbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = awb_window_constructed;
  object_class->dispose = awb_window_dispose;
  object_class->get_property = awb_window_get_property;
  object_class->set_property = awb_window_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, AWB_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* TRUE while an import, export or demo generation runs */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* TRUE once the dashboard has read a scoring run from the book */
  properties[PROP_HAS_SCORING_RUN] =
    g_param_spec_boolean ("has-scoring-run", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/awb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AwbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AwbWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, AwbWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, AwbWindow, book_label);
  gtk_widget_class_bind_template_child (widget_class, AwbWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, AwbWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, AwbWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AwbWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, AwbWindow, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, AwbWindow, sync_bar);
  gtk_widget_class_bind_template_child (widget_class, AwbWindow, sync_status_label);
  gtk_widget_class_bind_template_child (widget_class, AwbWindow, conflicts_button);

  _awb_window_class_actions_init (widget_class);
}

static void
awb_window_init (AwbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AwbWindow *
awb_window_new (GtkApplication *application,
                AwbDatabase    *database)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (AWB_IS_DATABASE (database), NULL);

  return g_object_new (AWB_TYPE_WINDOW,
                       "application", application,
                       "database", database,
                       NULL);
}

AwbDatabase *
awb_window_get_database (AwbWindow *self)
{
  g_return_val_if_fail (AWB_IS_WINDOW (self), NULL);
  return self->database;
}

gboolean
awb_window_get_busy (AwbWindow *self)
{
  g_return_val_if_fail (AWB_IS_WINDOW (self), FALSE);
  return self->cancellable != NULL;
}

gboolean
awb_window_get_has_scoring_run (AwbWindow *self)
{
  g_return_val_if_fail (AWB_IS_WINDOW (self), FALSE);
  return self->dashboard_page != NULL &&
         awb_dashboard_page_get_latest_run (self->dashboard_page) > 0;
}

/**
 * awb_window_reload:
 *
 * Reads every page again from the book (the dashboard in a thread of its
 * own); a failure shows as a toast, or on the dashboard, and the page keeps
 * what it showed.
 */
void
awb_window_reload (AwbWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (AWB_IS_WINDOW (self));

  if (self->toast_overlay == NULL)   /* disposed */
    return;

  gint64 t0 = g_get_monotonic_time ();

  awb_dashboard_page_reload (self->dashboard_page);
  awb_clients_page_reload (self->clients_page);
  awb_follow_ups_page_reload (self->follow_ups_page);
  if (!awb_book_query_has_clients (self->database, &self->has_clients, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Cannot read the book: %s"), error->message);

      add_toast (self, text);
    }
  _awb_window_update_actions (self);
  _awb_window_update_sync_status (self);
  g_debug ("reloaded the views in %.3f s", (g_get_monotonic_time () - t0) / 1e6);
}

/* What an open file chooser was asked for. */
typedef struct
{
  AwbWindow    *window;   /* strong reference */
  AwbTableKind  table;    /* the import's table */
} ImportRequest;

static void
import_request_free (ImportRequest *request)
{
  g_object_unref (request->window);
  g_free (request);
}

static void
on_import_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               gpointer         user_data)
{
  ImportRequest *request = user_data;
  AwbWindow *self = request->window;
  AwbTableKind table = request->table;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (file != NULL && !awb_window_get_busy (self))
    {
      Job *job = g_new0 (Job, 1);
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *what = NULL;

      job->kind = JOB_IMPORT;
      job->table = table;
      job->file_path = g_file_get_path (file);
      /* Translators: %s is a file name */
      what = g_strdup_printf (_("Importing “%s”…"), basename);
      start_job (self, job, what);
    }
  import_request_free (request);
}

static void
add_csv_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, csv);
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_set_filter (chooser, csv);
}

/* A chooser of a CSV file to write, named @suggested_name, with the
 * interchange format's encodings when @with_encoding, a check box for
 * unmasked phone and ID numbers when @with_numbers, and one for the
 * formula guard (awb-export.h). */
static GtkFileChooserNative *
new_save_chooser (AwbWindow  *self,
                  const char *title,
                  const char *suggested_name,
                  gboolean    with_encoding,
                  gboolean    with_numbers)
{
  static const char *encoding_ids[] = { "utf8-bom", "gb18030", NULL };
  const char *encoding_labels[] = {
    _("UTF-8 (opens in Excel)"), _("GB18030 (Chinese Excel)"), NULL
  };
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_csv_filters (GTK_FILE_CHOOSER (chooser));
  if (with_encoding)
    {
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "encoding", _("Encoding"),
                                   encoding_ids, encoding_labels);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "encoding", "utf8-bom");
    }
  if (with_numbers)
    {
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "full",
                                   _("Full phone and ID numbers"), NULL, NULL);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "full", "false");
    }
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "formula-guard",
                               _("Keep spreadsheets from running cells as formulas"), NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "formula-guard", "true");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  return chooser;
}

/* The encoding chosen in a new_save_chooser(). */
static AwbExportEncoding
chosen_encoding (GtkNativeDialog *chooser)
{
  const char *encoding = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "encoding");

  return g_strcmp0 (encoding, "gb18030") == 0 ? AWB_EXPORT_GB18030 : AWB_EXPORT_UTF8_BOM;
}

/* The flags chosen in a new_save_chooser(): masked numbers and the formula
 * guard unless their boxes say otherwise. */
static AwbExportFlags
chosen_flags (GtkNativeDialog *chooser)
{
  AwbExportFlags flags = AWB_EXPORT_FLAGS_NONE;

  if (g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "full"), "true") == 0)
    flags |= AWB_EXPORT_FULL_NUMBERS;
  if (g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "formula-guard"),
                 "false") == 0)
    flags |= AWB_EXPORT_NO_FORMULA_GUARD;
  return flags;
}

/**
 * _awb_window_import:
 *
 * Asks for a CSV file of @kind and imports it in a thread; does nothing
 * while another job runs.
 */
void
_awb_window_import (AwbWindow    *self,
                    AwbTableKind  kind)
{
  GtkFileChooserNative *chooser;
  ImportRequest *request;
  const char *title;

  g_assert (AWB_IS_WINDOW (self));

  if (awb_window_get_busy (self))
    return;

  title = kind == AWB_TABLE_CLIENTS ? _("Import Clients")
        : kind == AWB_TABLE_TRADES ? _("Import Trades")
        : _("Import Interactions");
  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_csv_filters (GTK_FILE_CHOOSER (chooser));
  request = g_new0 (ImportRequest, 1);
  request->window = g_object_ref (self);
  request->table = kind;
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_chooser_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_export_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               gpointer         user_data)
{
  AwbWindow *self = AWB_WINDOW (user_data);
  g_autoptr(GFile) file = NULL;
  const char *table = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      table = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "table");
    }

  if (file != NULL && !awb_window_get_busy (self))
    {
      Job *job = g_new0 (Job, 1);
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *what = NULL;

      job->kind = JOB_EXPORT;
      job->table = g_strcmp0 (table, "trades") == 0 ? AWB_TABLE_TRADES
                 : g_strcmp0 (table, "interactions") == 0 ? AWB_TABLE_INTERACTIONS
                 : AWB_TABLE_CLIENTS;
      job->encoding = chosen_encoding (chooser);
      job->flags = chosen_flags (chooser);
      job->file_path = g_file_get_path (file);
      what = g_strdup_printf (_("Exporting “%s”…"), basename);
      start_job (self, job, what);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

/**
 * _awb_window_export:
 *
 * Asks for a file name, a table and an encoding (UTF-8 with a byte-order
 * mark, or GB18030) and exports in a thread.
 */
void
_awb_window_export (AwbWindow *self)
{
  GtkFileChooserNative *chooser;
  static const char *table_ids[] = { "clients", "trades", "interactions", NULL };
  const char *table_labels[] = { _("Clients"), _("Trades"), _("Interactions"), NULL };

  g_assert (AWB_IS_WINDOW (self));

  if (awb_window_get_busy (self))
    return;

  chooser = new_save_chooser (self, _("Export"), "clients.csv", TRUE, TRUE);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "table", _("Table"),
                               table_ids, table_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "table", "clients");
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chooser_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * awb_window_generate_demo:
 *
 * Fills the window's book, which must hold no clients, with a generated demo
 * branch of 5,000 clients, in a thread, showing progress.
 */
void
awb_window_generate_demo (AwbWindow *self)
{
  Job *job;

  g_return_if_fail (AWB_IS_WINDOW (self));

  if (awb_window_get_busy (self))
    return;

  job = g_new0 (Job, 1);
  job->kind = JOB_DEMO;
  start_job (self, job, _("Generating the demo book…"));
}

/**
 * _awb_window_score:
 *
 * Scores the whole book as of today (local date) with the book's settings
 * and the classifier, in a thread on a connection of its own, showing
 * progress; one transaction, so Cancel leaves the book as it was.  Does
 * nothing while another job runs.
 */
void
_awb_window_score (AwbWindow *self)
{
  AwbScoreOptions options;
  Job *job;

  g_assert (AWB_IS_WINDOW (self));

  if (awb_window_get_busy (self) || !self->has_clients)
    return;

  job = g_new0 (Job, 1);
  job->kind = JOB_SCORE;
  begin_job (self, job, _("Scoring the book…"));
  awb_score_options_init (&options, awb_date_today ());
  awb_scoring_score_book_async (job->book_path, &options, on_score_progress_cb, job,
                                self->cancellable, on_score_done_cb, job);
}

/**
 * _awb_window_start_sync:
 * @conninfo: the branch server's connection string
 * @password: (nullable): its password, from the keyring
 *
 * Syncs the book with the branch server (awb_sync_run) in a thread, on a
 * connection of its own to the book, like every job.
 */
void
_awb_window_start_sync (AwbWindow  *self,
                        const char *conninfo,
                        const char *password)
{
  Job *job;

  g_assert (AWB_IS_WINDOW (self));

  if (awb_window_get_busy (self))
    return;

  job = g_new0 (Job, 1);
  job->kind = JOB_SYNC;
  job->conninfo = g_strdup (conninfo);
  job->password = g_strdup (password);
  start_job (self, job, _("Syncing with the branch server…"));
  _awb_window_set_syncing (self, TRUE);
}

/* Cancels the window's job, if one runs. */
void
_awb_window_cancel (AwbWindow *self)
{
  g_assert (AWB_IS_WINDOW (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* Shows the preferences of this computer (the manager using it). */
void
_awb_window_show_preferences (AwbWindow *self)
{
  AwbPreferencesWindow *preferences;

  g_assert (AWB_IS_WINDOW (self));

  preferences = awb_preferences_window_new (GTK_WINDOW (self), self->database, self->settings);
  /* the dashboard shows the book's strategy texts: read them again after */
  g_signal_connect_object (preferences, "destroy", G_CALLBACK (awb_dashboard_page_reload),
                           self->dashboard_page, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* Shows the client list with the focus in its search. */
void
_awb_window_search (AwbWindow *self)
{
  g_assert (AWB_IS_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "clients");
  awb_clients_page_focus_search (self->clients_page);
}

/* Shows the view called @name: clients, dashboard or follow-ups. */
void
_awb_window_show_view (AwbWindow  *self,
                       const char *name)
{
  g_assert (AWB_IS_WINDOW (self));

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
on_export_scores_chooser_response_cb (GtkNativeDialog *chooser,
                                      int              response,
                                      gpointer         user_data)
{
  AwbWindow *self = AWB_WINDOW (user_data);
  g_autoptr(GFile) file = NULL;
  AwbExportFlags flags = AWB_EXPORT_FLAGS_NONE;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      flags = chosen_flags (chooser);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (file != NULL && !awb_window_get_busy (self))
    {
      Job *job = g_new0 (Job, 1);
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *what = NULL;

      job->kind = JOB_EXPORT_SCORES;
      job->flags = flags;
      job->file_path = g_file_get_path (file);
      what = g_strdup_printf (_("Exporting “%s”…"), basename);
      start_job (self, job, what);
    }
  g_object_unref (self);
}

/**
 * _awb_window_export_scores:
 *
 * Asks for a file name and writes the latest scoring run's scores there
 * (spec §11 `scores`, UTF-8), in a thread.  Does nothing while another job
 * runs.
 */
void
_awb_window_export_scores (AwbWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  g_autofree char *today = NULL;

  g_assert (AWB_IS_WINDOW (self));

  if (awb_window_get_busy (self))
    return;

  today = awb_date_format (awb_date_today ());
  name = g_strdup_printf ("scores-%s.csv", today);
  chooser = new_save_chooser (self, _("Export Scores"), name, FALSE, FALSE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_scores_chooser_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_export_list_chooser_response_cb (GtkNativeDialog *chooser,
                                    int              response,
                                    gpointer         user_data)
{
  g_autoptr(AwbWindow) self = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && !awb_window_get_busy (self) && self->clients_page != NULL)
    {
      Job *job = g_new0 (Job, 1);
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *what = NULL;

      job->kind = JOB_EXPORT_LIST;
      job->ids = awb_clients_page_dup_ids (self->clients_page);
      job->encoding = chosen_encoding (chooser);
      job->flags = chosen_flags (chooser);
      job->file_path = g_file_get_path (file);
      what = g_strdup_printf (_("Exporting “%s”…"), basename);
      start_job (self, job, what);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/**
 * _awb_window_export_list:
 *
 * Asks for a file name and an encoding, and writes the clients the list
 * shows, as it is searched, filtered and sorted, in the interchange
 * format's clients columns (spec §11), in a thread.
 */
void
_awb_window_export_list (AwbWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *today = NULL;
  g_autofree char *name = NULL;

  g_assert (AWB_IS_WINDOW (self));

  if (awb_window_get_busy (self))
    return;

  today = awb_date_format (awb_date_today ());
  /* Translators: the file name offered for an exported client list;
   * %s is today's date, YYYY-MM-DD */
  name = g_strdup_printf (_("clients-%s.csv"), today);
  chooser = new_save_chooser (self, _("Export This List"), name, TRUE, TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_list_chooser_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Whether the client list shows a client to export. */
gboolean
_awb_window_get_list_has_clients (AwbWindow *self)
{
  g_assert (AWB_IS_WINDOW (self));

  return self->clients_page != NULL && awb_clients_page_get_n_shown (self->clients_page) > 0;
}

static void
on_backup_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               gpointer         user_data)
{
  g_autoptr(AwbWindow) self = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (file != NULL && !awb_window_get_busy (self))
    {
      Job *job = g_new0 (Job, 1);
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *what = NULL;

      job->kind = JOB_BACKUP;
      job->file_path = g_file_get_path (file);
      /* Translators: %s is a file name */
      what = g_strdup_printf (_("Backing up to “%s”…"), basename);
      start_job (self, job, what);
    }
}

/**
 * _awb_window_backup:
 *
 * Asks for a file name and writes a checked backup of the book there
 * (awb_backup_write), in a thread.
 */
void
_awb_window_backup (AwbWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *today = NULL;
  g_autofree char *name = NULL;

  g_assert (AWB_IS_WINDOW (self));

  if (awb_window_get_busy (self))
    return;

  today = awb_date_format (awb_date_today ());
  /* Translators: the file name offered for a backup; %s is today's date,
   * YYYY-MM-DD */
  name = g_strdup_printf (_("book-backup-%s.sqlite"), today);
  chooser = gtk_file_chooser_native_new (_("Back Up Book"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Back Up"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_backup_chooser_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* What the restore's confirmation was asked for. */
typedef struct
{
  AwbWindow *window;   /* strong reference */
  char      *path;     /* the backup */
} RestoreRequest;

static void
restore_request_free (RestoreRequest *request)
{
  g_object_unref (request->window);
  g_free (request->path);
  g_free (request);
}

static void
on_restore_confirm_response_cb (AdwMessageDialog *dialog,
                                const char       *response,
                                gpointer          user_data)
{
  RestoreRequest *request = user_data;
  AwbWindow *self = request->window;

  if (g_strcmp0 (response, "restore") == 0 && !awb_window_get_busy (self))
    {
      Job *job = g_new0 (Job, 1);
      g_autofree char *basename = g_path_get_basename (request->path);
      g_autofree char *what = NULL;

      job->kind = JOB_RESTORE;
      job->file_path = g_strdup (request->path);
      /* Translators: %s is a file name */
      what = g_strdup_printf (_("Restoring from “%s”…"), basename);
      start_job (self, job, what);
    }
  restore_request_free (request);
}

static void
on_restore_chooser_response_cb (GtkNativeDialog *chooser,
                                int              response,
                                gpointer         user_data)
{
  g_autoptr(AwbWindow) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (file != NULL && !awb_window_get_busy (self))
    {
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *body = NULL;
      RestoreRequest *request;
      AdwMessageDialog *dialog;

      /* a file that is no backup is refused before anything is asked */
      if (path == NULL || !awb_backup_check_file (path, NULL, &error))
        {
          show_message (self, _("Book Not Restored"), _("Nothing was changed."),
                        error != NULL ? error->message : _("Only local files can be restored."));
          return;
        }
      /* Translators: %s is the backup's file name */
      body = g_strdup_printf (_("The book is replaced by the backup “%s”. The book as it is now "
                                "is kept beside it, named …before-restore- with today’s date "
                                "and time."), basename);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("Replace the Book?"), body));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                        "restore", _("_Restore"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "restore",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "cancel");
      adw_message_dialog_set_close_response (dialog, "cancel");
      request = g_new0 (RestoreRequest, 1);
      request->window = g_object_ref (self);
      request->path = g_steal_pointer (&path);
      g_signal_connect (dialog, "response", G_CALLBACK (on_restore_confirm_response_cb), request);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

/**
 * _awb_window_restore:
 *
 * Asks for a backup, checks it, asks to confirm, and replaces the book
 * with it in a thread (awb_backup_restore: the book as it was is kept
 * beside it); then every page reloads.
 */
void
_awb_window_restore (AwbWindow *self)
{
  GtkFileChooserNative *chooser;

  g_assert (AWB_IS_WINDOW (self));

  if (awb_window_get_busy (self))
    return;

  chooser = gtk_file_chooser_native_new (_("Restore Book"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Restore"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_restore_chooser_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
