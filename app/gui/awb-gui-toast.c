/* awb-gui-toast.c: telling the window's toasts that reading the book failed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page that reads the book in a thread learns of a failure when the
 * window may have moved on; it tells the person with a toast of the
 * nearest AdwToastOverlay (found up the widget tree, never through a
 * window pointer) and keeps what it showed.
 */
#define G_LOG_DOMAIN "awb-gui-toast"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "awb-gui-toast.h"

/**
 * awb_gui_toast_read_error:
 * @widget: the page that failed to read
 * @what: for the log: what it was reading, e.g. "the client list"
 * @error: why
 *
 * Logs the failure and shows "Cannot read the book: …" as a toast.
 */
void
awb_gui_toast_read_error (GtkWidget    *widget,
                          const char   *what,
                          const GError *error)
{
  g_autofree char *text = NULL;
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (error != NULL);

  g_warning ("Failed to load %s: %s", what, error->message);
  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  text = g_strdup_printf (_("Cannot read the book: %s"), error->message);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}
