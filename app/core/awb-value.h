/* awb-value.h: lifetime value and value tiers (spec §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-settings.h"

G_BEGIN_DECLS

AwbFen  awb_value_clv     (const AwbSettings     *s,
                           AwbFen                 commission_12m,
                           AwbLoyaltyType         type);
void    awb_value_tiers   (const AwbSettings     *s,
                           const AwbClientFacts  *facts,
                           AwbClientLabels       *labels,
                           gsize                  n,
                           guint32               *positions);
void    awb_value_cuts    (const AwbSettings     *s,
                           gsize                  n,
                           gsize                 *n_high,
                           gsize                 *n_high_or_medium);

G_END_DECLS
