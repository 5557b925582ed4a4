/* awb-list-a11y.h: names for the rows, cells and titles of a column view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean awb_list_a11y_label_cell     (GtkWidget     *cell_child,
                                       const char    *label);
gboolean awb_list_a11y_label_row      (GtkWidget     *cell_child,
                                       const char    *label,
                                       const char    *description);
void     awb_list_a11y_label_headers  (GtkColumnView *view);

G_END_DECLS
