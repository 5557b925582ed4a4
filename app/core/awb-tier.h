/* awb-tier.h: tier score, service group, cadence, capital × turnover (spec §4, §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-settings.h"

G_BEGIN_DECLS

/* The five factors, each 0–100, as scored: what explain prints. */
typedef struct
{
  double   factor[AWB_N_FACTORS];
  gboolean hnw;
  gboolean high_freq;
  int      cadence_source;      /* 0: the client's own, 1: the tier's, 2: the book's */
  AwbDate  last_contact;        /* latest interaction, else opened_on, else NONE */
  int      days_since_contact;  /* AWB_UNKNOWN without a last contact */
  double   turnover;            /* 12-month amount ÷ AUM; -1 with AUM 0 */
} AwbTierDetail;

void      awb_percent_ranks     (const gint64          *values,
                                 gsize                  n,
                                 double                *ranks);
AwbTier   awb_tier_for_score    (const AwbSettings     *s,
                                 double                 score);
AwbDate   awb_contact_due       (AwbDate                last_interaction,
                                 AwbDate                opened_on,
                                 int                    cadence_days);
void      awb_tier_classify     (const AwbSettings     *s,
                                 AwbDate                as_of,
                                 const AwbClientFacts  *facts,
                                 double                 aum_rank,
                                 double                 frequency_rank,
                                 AwbClientLabels       *labels,
                                 AwbTierDetail         *detail);

G_END_DECLS
