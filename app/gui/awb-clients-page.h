/* awb-clients-page.h: the Clients view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "awb-client-index.h"
#include "awb-database.h"

G_BEGIN_DECLS

#define AWB_TYPE_CLIENTS_PAGE (awb_clients_page_get_type ())
G_DECLARE_FINAL_TYPE (AwbClientsPage, awb_clients_page, AWB, CLIENTS_PAGE, AdwBin)

AwbClientsPage *awb_clients_page_new           (AwbDatabase    *database,
                                                GSettings      *settings);
void            awb_clients_page_reload        (AwbClientsPage *self);
void            awb_clients_page_focus_search  (AwbClientsPage *self);
GArray         *awb_clients_page_dup_ids       (AwbClientsPage *self);
guint           awb_clients_page_get_n_shown   (AwbClientsPage *self);
gint64          awb_clients_page_get_selected_id (AwbClientsPage *self);
AwbClientIndex *awb_clients_page_get_index     (AwbClientsPage *self);
void            awb_clients_page_show_only    (AwbClientsPage *self,
                                               GArray         *ids,
                                               const char     *description);
void            awb_clients_page_set_client_hidden (AwbClientsPage *self,
                                                    gint64          id,
                                                    gboolean        hidden);

G_END_DECLS
