/* awb-client-list-model.h: the clients a list shows, as a lazy GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "awb-database.h"

G_BEGIN_DECLS

#define AWB_TYPE_CLIENT_LIST_MODEL (awb_client_list_model_get_type ())
G_DECLARE_FINAL_TYPE (AwbClientListModel, awb_client_list_model, AWB, CLIENT_LIST_MODEL, GObject)

AwbClientListModel *awb_client_list_model_new          (AwbDatabase         *database);
AwbDatabase        *awb_client_list_model_get_database (AwbClientListModel  *self);
gboolean            awb_client_list_model_set_run      (AwbClientListModel  *self,
                                                        gint64               run_id,
                                                        AwbDate              today,
                                                        GError             **error);
void                awb_client_list_model_set_ids      (AwbClientListModel  *self,
                                                        GArray              *ids);
GArray             *awb_client_list_model_dup_ids      (AwbClientListModel  *self);

G_END_DECLS
