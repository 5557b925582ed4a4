/* awb-gui-field.h: a form field's message, shown beside it (STYLE.md §18a.4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void  awb_gui_field_show_error  (GtkWidget   *row,
                                 GtkLabel    *caption,
                                 const char  *message);

G_END_DECLS
