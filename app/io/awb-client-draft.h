/* awb-client-draft.h: a client's profile being edited, as properties a
 * window binds to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "awb-profile.h"
#include "awb-settings.h"

G_BEGIN_DECLS

#define AWB_TYPE_CLIENT_DRAFT (awb_client_draft_get_type ())

G_DECLARE_FINAL_TYPE (AwbClientDraft, awb_client_draft, AWB, CLIENT_DRAFT, GObject)

AwbClientDraft   *awb_client_draft_new            (AwbProfile         *profile,
                                                   const AwbSettings  *settings);
const AwbProfile *awb_client_draft_get_profile    (AwbClientDraft     *self);
gint64            awb_client_draft_get_id         (AwbClientDraft     *self);
const char       *awb_client_draft_get_text       (AwbClientDraft     *self,
                                                   const char         *field);
void              awb_client_draft_set_text       (AwbClientDraft     *self,
                                                   const char         *field,
                                                   const char         *text);
const char       *awb_client_draft_get_error      (AwbClientDraft     *self,
                                                   const char         *field);
gboolean          awb_client_draft_is_modified    (AwbClientDraft     *self);
gboolean          awb_client_draft_is_valid       (AwbClientDraft     *self);
int               awb_client_draft_get_capacity   (AwbClientDraft     *self);
int               awb_client_draft_get_attitude   (AwbClientDraft     *self);
const char       *awb_client_draft_get_risk_level (AwbClientDraft     *self);
const char       *awb_client_draft_get_risk_explanation (AwbClientDraft *self);
const AwbClientLabels *awb_client_draft_get_risk_labels (AwbClientDraft *self);
gboolean          awb_client_draft_save           (AwbClientDraft     *self,
                                                   AwbDatabase        *db,
                                                   const char         *who,
                                                   GError            **error);

G_END_DECLS
