/* awb-nba.h: next best actions (spec §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-settings.h"

G_BEGIN_DECLS

/* In the spec's order of urgency. */
typedef enum {
  AWB_ACTION_MISMATCH,
  AWB_ACTION_EXPIRED,
  AWB_ACTION_REASSESS,
  AWB_ACTION_NO_PROFILE,
  AWB_ACTION_OVERDUE,
  AWB_ACTION_SEGMENT,
  AWB_ACTION_LOYALTY,
  AWB_ACTION_VIP,
  AWB_ACTION_FREQUENCY,
  AWB_ACTION_LIFE_STAGE,
} AwbActionKind;

typedef struct
{
  AwbActionKind  kind;
  char          *text;   /* what to do (the setting's text, translated) */
  char          *rule;   /* why: the rule and the inputs that produced it */
} AwbAction;

void        awb_action_free   (AwbAction *action);
gboolean    awb_nba_reassess  (const AwbClientFacts  *facts);
GPtrArray  *awb_nba_list      (const AwbSettings     *s,
                               AwbDate                as_of,
                               const AwbClientFacts  *facts,
                               const AwbClientLabels *labels);
AwbActionKind awb_nba_first   (const AwbClientFacts  *facts,
                               const AwbClientLabels *labels);
const char *awb_nba_action_text (const AwbSettings   *s,
                                 AwbActionKind        kind,
                                 const AwbClientLabels *labels);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwbAction, awb_action_free)

G_END_DECLS
