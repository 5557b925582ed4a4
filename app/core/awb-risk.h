/* awb-risk.h: risk profile and suitability (spec §7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-settings.h"

G_BEGIN_DECLS

/* The inputs of a client's risk profile, as scored: what explain prints. */
typedef struct
{
  int       age;                    /* whole years at the reference date, or AWB_UNKNOWN */
  gboolean  has_profile;            /* every answer and the birth date known */
  int       age_points;             /* A */
  int       answer_points[AWB_N_QUESTIONS];   /* per question; 0 if unanswered */
  int       loss_points;            /* C */
  gboolean  professional;
  gboolean  lowest_category;
  AwbDate   expires_on;             /* assessed_on + expiry months, or AWB_DATE_NONE */
} AwbRiskDetail;

int       awb_risk_age_points       (const AwbSettings     *s,
                                     int                    age);
int       awb_risk_loss_points      (const AwbSettings     *s,
                                     int                    loss_pct);
int       awb_risk_band             (const AwbSettings     *s,
                                     int                    score);
AwbDate   awb_risk_expiry_date      (const AwbSettings     *s,
                                     AwbDate                assessed_on);
gboolean  awb_risk_trade_mismatch   (int                    risk_level,
                                     gboolean               lowest_category,
                                     int                    product_risk,
                                     gboolean               override_signed);
void      awb_risk_classify         (const AwbSettings     *s,
                                     AwbDate                as_of,
                                     const AwbClientFacts  *facts,
                                     AwbClientLabels       *labels,
                                     AwbRiskDetail         *detail);

G_END_DECLS
