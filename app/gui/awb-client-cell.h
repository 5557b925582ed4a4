/* awb-client-cell.h: one cell of the client list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "awb-client-row.h"

G_BEGIN_DECLS

#define AWB_TYPE_CLIENT_CELL (awb_client_cell_get_type ())
G_DECLARE_FINAL_TYPE (AwbClientCell, awb_client_cell, AWB, CLIENT_CELL, GtkWidget)

GtkWidget    *awb_client_cell_new        (const char    *field,
                                          const char    *title);
AwbClientRow *awb_client_cell_get_row    (AwbClientCell *self);
void          awb_client_cell_set_row    (AwbClientCell *self,
                                          AwbClientRow  *row);
const char   *awb_client_cell_get_text   (AwbClientCell *self);

G_END_DECLS
