/* awb-interaction-dialog.h: logging a call, visit … for one client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "awb-codes.h"
#include "awb-database.h"

G_BEGIN_DECLS

#define AWB_TYPE_INTERACTION_DIALOG (awb_interaction_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AwbInteractionDialog, awb_interaction_dialog, AWB, INTERACTION_DIALOG,
                      AdwWindow)

AwbInteractionDialog *awb_interaction_dialog_new             (GtkWindow            *parent,
                                                              AwbDatabase          *db,
                                                              gint64                client_id,
                                                              const char           *client_name,
                                                              gint64                follow_up_id);
void                  awb_interaction_dialog_set_kind        (AwbInteractionDialog *self,
                                                              AwbInteractionKind    kind);
gint64                awb_interaction_dialog_get_client_id   (AwbInteractionDialog *self);
gint64                awb_interaction_dialog_get_follow_up_id (AwbInteractionDialog *self);
AwbDate               awb_interaction_dialog_get_date        (AwbInteractionDialog *self);

G_END_DECLS
