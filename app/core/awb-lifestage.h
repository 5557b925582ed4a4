/* awb-lifestage.h: age group, life stage, family life cycle (spec §8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-settings.h"

G_BEGIN_DECLS

/* Which rule of §8's family list decided: 0 unknown marital status, 1–5 the
 * spec's rules, 6 unknown for a missing input, 7 the manager's override. */
typedef enum {
  AWB_FAMILY_RULE_NO_MARITAL,
  AWB_FAMILY_RULE_1, AWB_FAMILY_RULE_2, AWB_FAMILY_RULE_3, AWB_FAMILY_RULE_4,
  AWB_FAMILY_RULE_5,
  AWB_FAMILY_RULE_MISSING,
  AWB_FAMILY_RULE_OVERRIDE,
} AwbFamilyRule;

int             awb_age_group          (const AwbSettings *s,
                                        int                age);
int             awb_life_stage         (const AwbSettings *s,
                                        int                age);
AwbFamilyStage  awb_family_stage       (const AwbSettings *s,
                                        int                marital,
                                        int                children,
                                        int                youngest_child_age,
                                        int                age,
                                        int                employment,
                                        AwbFamilyRule     *rule);
void            awb_lifestage_classify (const AwbSettings     *s,
                                        AwbDate                as_of,
                                        const AwbClientFacts  *facts,
                                        AwbClientLabels       *labels,
                                        AwbFamilyRule         *rule);

G_END_DECLS
