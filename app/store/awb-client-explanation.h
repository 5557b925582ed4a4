/* awb-client-explanation.h: every label of one client, explained as
 * `explain` explains it, and what an edit of the profile would change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "awb-database.h"
#include "awb-explain.h"

G_BEGIN_DECLS

typedef struct _AwbClientExplanation AwbClientExplanation;

AwbClientExplanation  *awb_client_explanation_load      (AwbDatabase            *db,
                                                         gint64                  client_id,
                                                         AwbDate                 as_of,
                                                         GCancellable           *cancellable,
                                                         GError                **error);
void                   awb_client_explanation_free      (AwbClientExplanation   *self);

AwbDate                awb_client_explanation_get_as_of (AwbClientExplanation   *self);
const AwbClientLabels *awb_client_explanation_get_labels (AwbClientExplanation  *self);
const char            *awb_client_explanation_get_part  (AwbClientExplanation   *self,
                                                         AwbExplainPart          part);
char                  *awb_client_explanation_get_text  (AwbClientExplanation   *self);
void                   awb_client_explanation_relabel   (AwbClientExplanation   *self,
                                                         const AwbClientFacts   *profile,
                                                         AwbClientLabels        *labels);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwbClientExplanation, awb_client_explanation_free)

G_END_DECLS
