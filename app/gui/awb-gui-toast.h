/* awb-gui-toast.h: telling the window's toasts that reading the book failed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void  awb_gui_toast_read_error  (GtkWidget    *widget,
                                 const char   *what,
                                 const GError *error);

G_END_DECLS
