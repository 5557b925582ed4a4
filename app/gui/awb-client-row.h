/* awb-client-row.h: one row of the client list, as the list shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "awb-book-query.h"
#include "awb-settings.h"

G_BEGIN_DECLS

#define AWB_TYPE_CLIENT_ROW (awb_client_row_get_type ())
G_DECLARE_FINAL_TYPE (AwbClientRow, awb_client_row, AWB, CLIENT_ROW, GObject)

AwbClientRow *awb_client_row_new            (const AwbClientSummary *summary,
                                             const AwbSettings      *settings,
                                             AwbDate                 today,
                                             guint                   position,
                                             guint                   n_items);
void          awb_client_row_update         (AwbClientRow           *self,
                                             const AwbClientSummary *summary,
                                             const AwbSettings      *settings,
                                             AwbDate                 today,
                                             guint                   position,
                                             guint                   n_items);
guint         awb_client_row_get_position   (AwbClientRow           *self);
gint64        awb_client_row_get_id         (AwbClientRow           *self);
const char   *awb_client_row_get_text       (AwbClientRow           *self,
                                             const char             *field);
const char   *awb_client_row_get_summary    (AwbClientRow           *self);
const char   *awb_client_row_get_position_text (AwbClientRow        *self);
gboolean      awb_client_row_get_due_passed (AwbClientRow           *self);

G_END_DECLS
