/* awb-window-clients.c: the window's commands on one client: open its
 * profile, a new client, delete with Undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A client opens in an AwbClientWindow of its own (several can be open to
 * compare clients; opening one already open brings it forward).  A saved
 * profile reloads the list.  A deletion the person confirmed in the
 * profile is only pending at first (STYLE.md §18a.8): the list leaves the
 * client out and a toast offers Undo; when the toast goes without Undo the
 * book forgets the client, in one transaction with its audit entry.
 * Another deletion while the toast shows joins it ("2 clients deleted"),
 * and closing the window commits what is pending.
 */
#define G_LOG_DOMAIN "awb-window-clients"

#include "config.h"

#include <glib/gi18n.h>

#include "awb-client-window.h"
#include "awb-profile.h"
#include "awb-window-private.h"

typedef struct
{
  gint64   id;
  gboolean with_activity;
} PendingDelete;

static void
on_client_saved_cb (AwbWindow *self,
                    gint64     id)
{
  awb_window_reload (self);
}

static void
commit_deletes (AwbWindow *self)
{
  g_autoptr(GArray) pending = g_steal_pointer (&self->pending_deletes);
  gboolean deleted = FALSE;

  if (pending == NULL)
    return;
  for (guint i = 0; i < pending->len; i++)
    {
      PendingDelete *p = &g_array_index (pending, PendingDelete, i);
      g_autoptr(GError) error = NULL;

      if (awb_profile_delete (self->database, p->id, p->with_activity, g_get_user_name (),
                              &error))
        deleted = TRUE;
      else
        {
          AdwToast *toast = adw_toast_new (error->message);

          if (self->clients_page != NULL)
            awb_clients_page_set_client_hidden (self->clients_page, p->id, FALSE);
          adw_toast_set_timeout (toast, 0);
          adw_toast_overlay_add_toast (self->toast_overlay, toast);
        }
    }
  if (deleted && self->clients_page != NULL)
    awb_window_reload (self);
}

static gboolean
commit_idle_cb (gpointer user_data)
{
  AwbWindow *self = user_data;

  commit_deletes (self);
  return G_SOURCE_REMOVE;
}

/* libadwaita 1.2 dismisses the toast before it emits "button-clicked":
 * the commit waits for an idle, by which time Undo took what it undid. */
static void
on_delete_toast_dismissed_cb (AdwToast  *toast,
                              AwbWindow *self)
{
  if (self->delete_toast == toast)
    self->delete_toast = NULL;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, commit_idle_cb, g_object_ref (self), g_object_unref);
}

static void
on_undo_clicked_cb (AdwToast  *toast,
                    AwbWindow *self)
{
  g_autoptr(GArray) pending = g_steal_pointer (&self->pending_deletes);

  if (pending == NULL)
    return;
  for (guint i = 0; i < pending->len; i++)
    awb_clients_page_set_client_hidden (self->clients_page,
                                        g_array_index (pending, PendingDelete, i).id, FALSE);
}

static void
on_delete_requested_cb (AwbClientWindow *window,
                        gint64           id,
                        gboolean         with_activity,
                        AwbWindow       *self)
{
  PendingDelete p = { id, with_activity };
  g_autofree char *title = NULL;

  if (self->pending_deletes == NULL)
    self->pending_deletes = g_array_new (FALSE, FALSE, sizeof (PendingDelete));
  g_array_append_val (self->pending_deletes, p);
  awb_clients_page_set_client_hidden (self->clients_page, id, TRUE);

  if (self->pending_deletes->len == 1)
    /* Translators: %s is the client's name */
    title = g_strdup_printf (_("%s deleted"), gtk_window_get_title (GTK_WINDOW (window)));
  else
    title = g_strdup_printf (ngettext ("%u client deleted", "%u clients deleted",
                                       self->pending_deletes->len),
                             self->pending_deletes->len);
  if (self->delete_toast == NULL)
    {
      self->delete_toast = adw_toast_new (title);
      adw_toast_set_button_label (self->delete_toast, _("_Undo"));
      adw_toast_set_priority (self->delete_toast, ADW_TOAST_PRIORITY_HIGH);
      /* a client's whole record: more time than a toast's usual 5 s */
      adw_toast_set_timeout (self->delete_toast, 10);
      g_signal_connect_object (self->delete_toast, "button-clicked",
                               G_CALLBACK (on_undo_clicked_cb), self, 0);
      g_signal_connect_object (self->delete_toast, "dismissed",
                               G_CALLBACK (on_delete_toast_dismissed_cb), self, 0);
    }
  else
    adw_toast_set_title (self->delete_toast, title);
  /* adding it again restarts its timeout */
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (self->delete_toast));
  gtk_window_present (GTK_WINDOW (self));
}

static void
on_log_interaction_cb (AwbClientWindow *window,
                       gint64           id,
                       AwbWindow       *self)
{
  AwbInteractionDialog *dialog;

  dialog = awb_follow_ups_page_log_interaction (self->follow_ups_page, GTK_WINDOW (window), id);
  if (dialog != NULL)
    g_signal_connect_object (dialog, "logged", G_CALLBACK (awb_client_window_refresh_activity),
                             window, G_CONNECT_SWAPPED);
}

/**
 * _awb_window_open_client:
 * @id: clients.id, or 0 for a new client
 *
 * Opens the client's profile in a window of its own, or brings forward the
 * one already open.
 */
void
_awb_window_open_client (AwbWindow *self,
                         gint64     id)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  AwbClientWindow *window;

  if (id != 0)
    for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
      if (AWB_IS_CLIENT_WINDOW (l->data) &&
          awb_client_window_get_client_id (l->data) == id)
        {
          gtk_window_present (l->data);
          return;
        }

  window = awb_client_window_new (app, self->database, id, &error);
  if (window == NULL)
    {
      /* Translators: %s says why, e.g. "the client is no longer in the book" */
      g_autofree char *text = g_strdup_printf (_("Cannot open the client: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      return;
    }
  g_signal_connect_object (window, "saved", G_CALLBACK (on_client_saved_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "delete-requested", G_CALLBACK (on_delete_requested_cb),
                           self, 0);
  g_signal_connect_object (window, "log-interaction", G_CALLBACK (on_log_interaction_cb),
                           self, 0);
  gtk_window_present (GTK_WINDOW (window));
}

/* Closing the main window: what waits for its Undo toast is deleted now. */
void
_awb_window_commit_deletes (AwbWindow *self)
{
  if (self->delete_toast != NULL)
    adw_toast_dismiss (self->delete_toast);
  commit_deletes (self);
}
