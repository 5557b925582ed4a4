/* awb-loyalty.h: loyalty axes, types and the lifecycle stage (spec §6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-settings.h"

G_BEGIN_DECLS

/* The terms of both axes, as scored: what explain prints. */
typedef struct
{
  double  satisfaction;     /* 0–100 */
  double  referrals;        /* 0–100 */
  double  share;            /* share of wallet, 0–100 */
  double  exclusivity;      /* 100 or 0 */
  double  tenure_years;     /* days ÷ 365.25, uncapped; 0 without a start */
  double  tenure;           /* 0–100 */
  int     months;           /* distinct calendar months traded, at most 12 */
  double  continuity;       /* 0–100 */
  double  recency;          /* 0–100 */
  gboolean dependency_high;
  gboolean persistence_high;
  gboolean high_loyalty;
  int     recency_days;     /* days since the last trade, or AWB_UNKNOWN */
} AwbLoyaltyDetail;

AwbLoyaltyType  awb_loyalty_type      (const AwbSettings     *s,
                                       double                 dependency,
                                       double                 persistence,
                                       AwbLoyaltyDriver       driver);
void            awb_loyalty_classify  (const AwbSettings     *s,
                                       AwbDate                as_of,
                                       const AwbClientFacts  *facts,
                                       AwbClientLabels       *labels,
                                       AwbLoyaltyDetail      *detail);

G_END_DECLS
