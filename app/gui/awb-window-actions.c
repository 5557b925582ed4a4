/* awb-window-actions.c: the window's commands, as win.* actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every command that acts on the window's book is an action installed once
 * for the class (gnome-text-editor's editor-window-actions.c): buttons,
 * menus and accelerators only name them.  One function,
 * _awb_window_update_actions(), enables and disables them all from the
 * window's state, and runs whenever that state changes:
 *
 *   win.import(s)       idle            ("clients", "trades", "interactions")
 *   win.export          idle
 *   win.export-scores   idle, and the book has a scoring run
 *   win.score           idle, and the book has a client
 *   win.export-list     idle, and the client list shows a client
 *   win.backup          idle
 *   win.restore         idle
 *   win.cancel          a job runs
 *   win.show-view(s)    always          ("clients", "dashboard", "follow-ups")
 *   win.search          always          (Ctrl+F)
 *   win.preferences     always          (Ctrl+,)
 *   win.log-interaction always          (Ctrl+L; the selected client, else a toast)
 *   win.new-client      always          (Ctrl+N)
 *   win.sync            idle, and a branch server is set (Ctrl+Shift+S;
 *                       awb-window-sync.c)
 *   win.show-conflicts  the book has sync conflicts waiting
 */
#define G_LOG_DOMAIN "awb-window-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "awb-window-private.h"

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  const char *table = g_variant_get_string (parameter, NULL);
  AwbTableKind kind;

  if (g_str_equal (table, "clients"))
    kind = AWB_TABLE_CLIENTS;
  else if (g_str_equal (table, "trades"))
    kind = AWB_TABLE_TRADES;
  else if (g_str_equal (table, "interactions"))
    kind = AWB_TABLE_INTERACTIONS;
  else
    {
      g_warning ("win.import: no table “%s”", table);
      return;
    }
  _awb_window_import (AWB_WINDOW (widget), kind);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _awb_window_export (AWB_WINDOW (widget));
}

static void
export_scores_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _awb_window_export_scores (AWB_WINDOW (widget));
}

static void
score_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  _awb_window_score (AWB_WINDOW (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _awb_window_cancel (AWB_WINDOW (widget));
}

static void
export_list_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _awb_window_export_list (AWB_WINDOW (widget));
}

static void
backup_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _awb_window_backup (AWB_WINDOW (widget));
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _awb_window_restore (AWB_WINDOW (widget));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _awb_window_search (AWB_WINDOW (widget));
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _awb_window_show_preferences (AWB_WINDOW (widget));
}

/* Logs an interaction for the client selected in the client list; says so
 * when none is (the page has no selection signal to follow). */
static void
log_interaction_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AwbWindow *self = AWB_WINDOW (widget);
  gint64 client_id = 0;

  if (self->clients_page != NULL &&
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "clients") == 0)
    client_id = awb_clients_page_get_selected_id (self->clients_page);
  if (client_id == 0)
    {
      AdwToast *toast = adw_toast_new (_("Select a client in the client list first"));

      adw_toast_set_timeout (toast, 4);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }
  awb_follow_ups_page_log_interaction (self->follow_ups_page, NULL, client_id);
}

static void
new_client_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  _awb_window_open_client (AWB_WINDOW (widget), 0);
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _awb_window_sync (AWB_WINDOW (widget));
}

static void
show_conflicts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  _awb_window_show_conflicts (AWB_WINDOW (widget));
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _awb_window_show_view (AWB_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

void
_awb_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", "s", import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-scores", NULL, export_scores_action);
  gtk_widget_class_install_action (widget_class, "win.score", NULL, score_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "win.export-list", NULL, export_list_action);
  gtk_widget_class_install_action (widget_class, "win.backup", NULL, backup_action);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.log-interaction", NULL,
                                   log_interaction_action);
  gtk_widget_class_install_action (widget_class, "win.new-client", NULL, new_client_action);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "win.show-conflicts", NULL,
                                   show_conflicts_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.log-interaction", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-client", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.sync", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-view", "s", "clients");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-view", "s", "dashboard");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.show-view", "s", "follow-ups");
}

/**
 * _awb_window_update_actions:
 *
 * Enables and disables every win.* action from the window's state: whether
 * a job runs, whether the book has a client, whether it has a scoring run.
 */
void
_awb_window_update_actions (AwbWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean idle = self->cancellable == NULL;

  g_assert (AWB_IS_WINDOW (self));

  gtk_widget_action_set_enabled (widget, "win.import", idle);
  gtk_widget_action_set_enabled (widget, "win.export", idle);
  gtk_widget_action_set_enabled (widget, "win.export-scores",
                                 idle && awb_window_get_has_scoring_run (self));
  gtk_widget_action_set_enabled (widget, "win.score", idle && self->has_clients);
  gtk_widget_action_set_enabled (widget, "win.export-list",
                                 idle && _awb_window_get_list_has_clients (self));
  gtk_widget_action_set_enabled (widget, "win.backup", idle);
  gtk_widget_action_set_enabled (widget, "win.restore", idle);
  gtk_widget_action_set_enabled (widget, "win.cancel", !idle);
  _awb_window_update_sync_status (self);
}
