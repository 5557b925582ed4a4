/* awb-client-window.h: one client's profile, risk questionnaire, labels
 * and activity, edited in a window of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "awb-client-draft.h"
#include "awb-database.h"

G_BEGIN_DECLS

#define AWB_TYPE_CLIENT_WINDOW (awb_client_window_get_type ())
G_DECLARE_FINAL_TYPE (AwbClientWindow, awb_client_window, AWB, CLIENT_WINDOW, AdwWindow)

AwbClientWindow *awb_client_window_new           (GtkApplication  *application,
                                                  AwbDatabase     *database,
                                                  gint64           client_id,
                                                  GError         **error);
gint64           awb_client_window_get_client_id (AwbClientWindow *self);
void             awb_client_window_refresh_activity (AwbClientWindow *self);
AwbClientDraft  *awb_client_window_get_draft     (AwbClientWindow *self);
const char      *awb_client_window_describe_field (const char     *field);

G_END_DECLS
