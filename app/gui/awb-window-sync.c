/* awb-window-sync.c: the main window and the branch server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Without a branch server in the preferences (GSettings server-address
 * empty) and with a book that was never attached, nothing here shows: the
 * window is the local book's, as it always was.
 *
 * With one: win.sync (Ctrl+Shift+S, the header bar's "Sync with Branch
 * Server" button and the main menu) reads the password from the keyring
 * (awb-server-account.c), then runs awb_sync_run as one of the window's
 * jobs (awb-window.c: a thread on a connection of its own to the book,
 * Cancel in the progress area), with a spinner in the header bar; a toast
 * says what moved, in whole sentences, with "Resolve…" when conflicts
 * wait; then every page reloads.
 *
 * A status bar under the pages says who the user is, when the book last
 * synced and what waits to be pushed (awb_sync_get_status), refreshed after
 * every job, when the window becomes active again (after an edit in a
 * profile window) and every minute ("3 minutes ago"); its conflict count is
 * a button opening the conflicts window (win.show-conflicts).
 */
#define G_LOG_DOMAIN "awb-window-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "awb-gui-format.h"
#include "awb-server-account.h"
#include "awb-sync-conflicts-window.h"
#include "awb-window-private.h"

/* @n for ngettext(), which takes an unsigned long */
static gulong
plural_n (gint64 n)
{
  return n > 0 ? (gulong) n : 0;
}

static gboolean
is_configured (AwbWindow *self)
{
  g_autoptr(AwbServerAccount) account = awb_server_account_new_from_settings (self->settings);

  return awb_server_account_is_configured (account);
}

/**
 * _awb_window_describe_sync:
 *
 * The toast after a sync: separate whole sentences, each with its own
 * plural forms, e.g. "Pushed 2 changes. Pulled 15 changes. 1 conflict
 * waits for you."
 */
char *
_awb_window_describe_sync (const AwbSyncReport *report)
{
  GString *s = g_string_new (NULL);

  if (report->pushed > 0)
    {
      g_autofree char *n = awb_gui_format_count (report->pushed);

      /* Translators: after a sync; %s is a number, e.g. "1,234" */
      g_string_append_printf (s, ngettext ("Pushed %s change.", "Pushed %s changes.",
                                           plural_n (report->pushed)), n);
    }
  if (report->pulled > 0 || report->removed > 0)
    {
      g_autofree char *n = awb_gui_format_count (report->pulled + report->removed);

      if (s->len > 0)
        g_string_append_c (s, ' ');
      /* Translators: after a sync; %s is a number, e.g. "1,234" */
      g_string_append_printf (s, ngettext ("Pulled %s change.", "Pulled %s changes.",
                                           plural_n (report->pulled + report->removed)), n);
    }
  if (s->len == 0)
    /* Translators: after a sync that found nothing to move */
    g_string_append (s, _("Synced; nothing was waiting on either side."));
  if (report->conflicts > 0)
    {
      g_autofree char *n = awb_gui_format_count (report->conflicts);

      g_string_append_c (s, ' ');
      /* Translators: after a sync; %s is a number */
      g_string_append_printf (s, ngettext ("%s conflict waits for you.",
                                           "%s conflicts wait for you.",
                                           plural_n (report->conflicts)), n);
    }
  return g_string_free (s, FALSE);
}

/* The sync's toast, offering the conflicts window when any wait. */
void
_awb_window_add_sync_toast (AwbWindow  *self,
                            const char *title)
{
  g_auto(AwbSyncStatus) status = { 0 };
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 8);
  if (awb_sync_get_status (self->database, &status, NULL) && status.n_conflicts > 0)
    {
      adw_toast_set_button_label (toast, _("_Resolve…"));
      adw_toast_set_action_name (toast, "win.show-conflicts");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
pulse_cb (gpointer data)
{
  AwbWindow *self = data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

/* A sync runs: the spinner in place of the button, a pulsing bar. */
void
_awb_window_set_syncing (AwbWindow *self,
                         gboolean   syncing)
{
  if (self->sync_spinner == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->sync_spinner), syncing);
  gtk_spinner_set_spinning (self->sync_spinner, syncing);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (syncing)
    {
      gtk_progress_bar_set_pulse_step (self->progress_bar, 0.1);
      self->pulse_id = g_timeout_add (150, pulse_cb, self);
    }
  _awb_window_update_sync_status (self);
}

/* "Last synced 3 minutes ago", a whole sentence. */
static char *
describe_last_synced (const char *iso)
{
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GTimeSpan span;
  gint64 minutes;

  if (iso == NULL)
    /* Translators: in the status bar, when the book has not synced yet */
    return g_strdup (_("Never synced"));
  then = g_date_time_new_from_iso8601 (iso, g_time_zone_new_utc ());
  if (then == NULL)
    /* Translators: %s is a date and time as the book stores it */
    return g_strdup_printf (_("Last synced %s"), iso);
  span = g_date_time_difference (now, then);
  minutes = MAX (span / G_TIME_SPAN_MINUTE, 0);
  if (minutes < 1)
    /* Translators: in the status bar */
    return g_strdup (_("Last synced just now"));
  if (minutes < 60)
    /* Translators: in the status bar; %d is a number of minutes */
    return g_strdup_printf (ngettext ("Last synced %d minute ago", "Last synced %d minutes ago",
                                      (gulong) minutes), (int) minutes);
  if (minutes < 24 * 60)
    /* Translators: in the status bar; %d is a number of hours */
    return g_strdup_printf (ngettext ("Last synced %d hour ago", "Last synced %d hours ago",
                                      (gulong) (minutes / 60)), (int) (minutes / 60));
  {
    g_autoptr(GDateTime) local = g_date_time_to_local (then);
    /* Translators: a strftime format for the date of the last sync */
    g_autofree char *date = g_date_time_format (local, _("%Y-%m-%d %H:%M"));

    /* Translators: in the status bar; %s is a date and time */
    return g_strdup_printf (_("Last synced on %s"), date);
  }
}

static char *
describe_user (const AwbSyncStatus *status)
{
  switch (status->role)
    {
    case AWB_SERVER_ROLE_MANAGER:
      if (status->manager != NULL)
        /* Translators: in the status bar; %1$s is the login, %2$s the
         * relationship manager's name, e.g. "Signed in as wang.li
         * (relationship manager, 王丽)" */
        return g_strdup_printf (_("Signed in as %1$s (relationship manager, %2$s)"),
                                status->user, status->manager);
      /* Translators: in the status bar; %s is the login */
      return g_strdup_printf (_("Signed in as %s (relationship manager)"), status->user);
    case AWB_SERVER_ROLE_BRANCH:
      /* Translators: in the status bar; %s is the login */
      return g_strdup_printf (_("Signed in as %s (branch manager)"), status->user);
    case AWB_SERVER_ROLE_ADMIN:
      /* Translators: in the status bar; %s is the login */
      return g_strdup_printf (_("Signed in as %s (administrator)"), status->user);
    case AWB_SERVER_ROLE_NONE:
    default:
      /* Translators: in the status bar; %s is the login */
      return g_strdup_printf (_("Signed in as %s"), status->user);
    }
}

/**
 * _awb_window_update_sync_status:
 *
 * Shows or hides the branch server's button, menu item and status bar, and
 * reads the status bar's text from the book again.
 */
void
_awb_window_update_sync_status (AwbWindow *self)
{
  g_auto(AwbSyncStatus) status = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean configured;
  gboolean attached;
  gboolean idle;

  if (self->sync_bar == NULL)   /* disposed */
    return;

  configured = is_configured (self);
  idle = self->cancellable == NULL;
  if (!awb_sync_get_status (self->database, &status, &error))
    {
      g_warning ("Failed to read the sync status: %s", error->message);
      attached = FALSE;
    }
  else
    attached = status.server != NULL;

  gtk_widget_set_visible (self->sync_button, configured && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", configured && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-conflicts",
                                 attached && status.n_conflicts > 0);
  gtk_widget_set_visible (self->sync_bar, configured || attached);

  if (!attached)
    {
      /* Translators: in the status bar of a book that has not synced yet */
      gtk_label_set_label (self->sync_status_label,
                           _("Not synced yet: press Sync to fetch your clients from the branch server"));
      gtk_widget_set_visible (GTK_WIDGET (self->conflicts_button), FALSE);
      return;
    }

  {
    g_autofree char *who = describe_user (&status);
    g_autofree char *when = describe_last_synced (status.last_synced_at);
    g_autofree char *pending = NULL;
    g_autofree char *n = awb_gui_format_count (status.n_pending);
    g_autofree char *text = NULL;

    if (status.n_pending == 0)
      /* Translators: in the status bar */
      pending = g_strdup (_("Nothing waiting to be pushed"));
    else
      /* Translators: in the status bar; %s is a number */
      pending = g_strdup_printf (ngettext ("%s change waiting to be pushed",
                                           "%s changes waiting to be pushed",
                                           plural_n (status.n_pending)), n);
    /* Translators: the status bar: three whole phrases, %1$s who is signed
     * in, %2$s when the book last synced, %3$s what waits to be pushed;
     * reorder or change the separators as your language needs */
    text = g_strdup_printf (_("%1$s · %2$s · %3$s"), who, when, pending);
    gtk_label_set_label (self->sync_status_label, text);
  }

  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_button), status.n_conflicts > 0);
  if (status.n_conflicts > 0)
    {
      g_autofree char *n = awb_gui_format_count (status.n_conflicts);
      g_autofree char *label = NULL;
      g_autofree char *a11y = NULL;
      gulong count = plural_n (status.n_conflicts);

      /* Translators: the status bar's button; %s is a number */
      label = g_strdup_printf (ngettext ("%s conflict", "%s conflicts", count), n);
      /* Translators: the accessible name of the status bar's button; %s is
       * a number */
      a11y = g_strdup_printf (ngettext ("Show the %s conflict waiting for you",
                                        "Show the %s conflicts waiting for you", count), n);
      gtk_button_set_label (self->conflicts_button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->conflicts_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
    }
}

static void
on_password_found_cb (GObject      *source_object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(AwbWindow) self = user_data;
  AwbServerAccount *account = AWB_SERVER_ACCOUNT (source_object);
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = NULL;
  char *password = awb_server_account_lookup_password_finish (account, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->sync_bar == NULL)
    {
      secret_password_free (password);
      return;
    }
  /* without the keyring libpq's own sources remain (~/.pgpass) */
  if (error != NULL)
    g_warning ("Failed to read the password from the keyring: %s", error->message);
  conninfo = awb_server_account_dup_conninfo (account);
  if (conninfo != NULL)
    _awb_window_start_sync (self, conninfo, password);
  secret_password_free (password);
}

/* win.sync */
void
_awb_window_sync (AwbWindow *self)
{
  g_autoptr(AwbServerAccount) account = awb_server_account_new_from_settings (self->settings);

  if (awb_window_get_busy (self) || !awb_server_account_is_configured (account))
    return;
  g_cancellable_cancel (self->sync_cancellable);
  g_clear_object (&self->sync_cancellable);
  self->sync_cancellable = g_cancellable_new ();
  awb_server_account_lookup_password_async (account, self->sync_cancellable,
                                            on_password_found_cb, g_object_ref (self));
}

/* win.show-conflicts */
void
_awb_window_show_conflicts (AwbWindow *self)
{
  AwbSyncConflictsWindow *window = awb_sync_conflicts_window_new (GTK_WINDOW (self),
                                                                  self->database);

  g_signal_connect_object (window, "resolved", G_CALLBACK (awb_window_reload), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

static gboolean
on_minute_cb (gpointer data)
{
  _awb_window_update_sync_status (data);
  return G_SOURCE_CONTINUE;
}

static void
on_is_active_cb (AwbWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    _awb_window_update_sync_status (self);
}

void
_awb_window_init_sync (AwbWindow *self)
{
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::server-address",
                               G_CALLBACK (_awb_window_update_sync_status), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::server-user",
                               G_CALLBACK (_awb_window_update_sync_status), self,
                               G_CONNECT_SWAPPED);
    }
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_is_active_cb), NULL);
  self->sync_timer = g_timeout_add_seconds (60, on_minute_cb, self);
}

void
_awb_window_dispose_sync (AwbWindow *self)
{
  if (self->sync_cancellable != NULL)
    g_cancellable_cancel (self->sync_cancellable);
  g_clear_object (&self->sync_cancellable);
  g_clear_handle_id (&self->sync_timer, g_source_remove);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
}
