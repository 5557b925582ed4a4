/* awb-follow-ups-page.h: the Follow-ups view, the day's work
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "awb-client-index.h"
#include "awb-database.h"
#include "awb-interaction-dialog.h"

G_BEGIN_DECLS

#define AWB_TYPE_FOLLOW_UPS_PAGE (awb_follow_ups_page_get_type ())
G_DECLARE_FINAL_TYPE (AwbFollowUpsPage, awb_follow_ups_page, AWB, FOLLOW_UPS_PAGE, AdwBin)

AwbFollowUpsPage *awb_follow_ups_page_new             (AwbDatabase       *database,
                                                       GSettings         *settings);
void              awb_follow_ups_page_reload          (AwbFollowUpsPage  *self);
void              awb_follow_ups_page_set_index       (AwbFollowUpsPage  *self,
                                                       AwbClientIndex    *index);
AwbInteractionDialog *awb_follow_ups_page_log_interaction (AwbFollowUpsPage  *self,
                                                          GtkWindow         *parent,
                                                          gint64             client_id);

G_END_DECLS
