/* awb-loyalty.c: dependency × persistence, loyalty types, lifecycle (spec §6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs the RFM part of the labels (r_score) for the recency term of
 * persistence; fills dependency, persistence, loyalty_type, loyalty_score
 * and lifecycle.
 */
#define G_LOG_DOMAIN "awb-loyalty"

#include "config.h"

#include "awb-classify-math.h"
#include "awb-loyalty.h"

/* The spec's table, first row that holds; "high" is >= the threshold on
 * the axis rounded to 6 decimals (§12). */
AwbLoyaltyType
awb_loyalty_type (const AwbSettings *s,
                  double             dependency,
                  double             persistence,
                  AwbLoyaltyDriver   driver)
{
  gboolean dep_high = awb_round6 (dependency) >= s->axis_threshold;
  gboolean per_high = awb_round6 (persistence) >= s->axis_threshold;

  if (!per_high)
    return dep_high ? AWB_LOYALTY_LATENT : AWB_LOYALTY_NOT_LOYAL;
  switch (driver)
    {
    case AWB_DRIVER_NO_ALTERNATIVE:
      return AWB_LOYALTY_MONOPOLY;
    case AWB_DRIVER_RELATIONSHIP:
      return AWB_LOYALTY_KINSHIP;
    case AWB_DRIVER_PRICE:
      return AWB_LOYALTY_INTEREST;
    case AWB_DRIVER_TRUST:
    case AWB_DRIVER_HABIT:
    case AWB_DRIVER_UNKNOWN:
    default:
      return dep_high ? AWB_LOYALTY_TRUST : AWB_LOYALTY_INERTIA;
    }
}

static int
popcount16 (guint16 v)
{
  int n = 0;

  for (; v != 0; v &= (guint16) (v - 1))
    n++;
  return n;
}

/**
 * awb_loyalty_classify:
 * @detail: (nullable): receives the terms of both axes
 *
 * Precondition: the RFM part of @labels is filled (r_score, AWB_UNKNOWN
 * for a prospect).
 */
void
awb_loyalty_classify (const AwbSettings    *s,
                      AwbDate               as_of,
                      const AwbClientFacts *f,
                      AwbClientLabels      *l,
                      AwbLoyaltyDetail     *detail)
{
  AwbLoyaltyDetail d = { 0, };
  AwbDate start;
  int driver;

  /* Dependency. */
  d.satisfaction = f->latest_survey >= 1 && f->latest_survey <= 5
                   ? (f->latest_survey - 1) * 25.0 : s->no_survey_satisfaction;
  d.referrals = s->referral_points * MIN (MAX (f->referrals, 0), s->referral_cap);
  d.share = CLAMP (f->share_of_wallet, 0.0, 100.0);
  d.exclusivity = f->competitor_account ? 0.0 : 100.0;
  l->dependency = (s->dependency_weight[0] * d.satisfaction +
                   s->dependency_weight[1] * d.referrals +
                   s->dependency_weight[2] * d.share +
                   s->dependency_weight[3] * d.exclusivity) / 100.0;

  /* Persistence.  Tenure from the opening date, else the first trade;
   * an opening date after the reference date gives 0 (§12). */
  start = f->opened_on != AWB_DATE_NONE ? f->opened_on : f->first_trade;
  d.tenure_years = start != AWB_DATE_NONE && start <= as_of ? (as_of - start) / 365.25 : 0.0;
  d.tenure = s->tenure_points * MIN (d.tenure_years, s->tenure_cap_years);
  d.months = MIN (12, popcount16 (f->months_12m));
  d.continuity = 100.0 * d.months / 12.0;
  d.recency = l->r_score >= 1 ? 25.0 * (l->r_score - 1) : 0.0;
  l->persistence = (s->persistence_weight[0] * d.tenure +
                    s->persistence_weight[1] * d.continuity +
                    s->persistence_weight[2] * d.recency) / 100.0;

  driver = f->loyalty_driver >= 0 && f->loyalty_driver <= AWB_DRIVER_UNKNOWN
           ? f->loyalty_driver : AWB_DRIVER_UNKNOWN;
  l->loyalty_type = (gint8) awb_loyalty_type (s, l->dependency, l->persistence, driver);
  l->loyalty_score = (l->dependency + l->persistence) / 2.0;
  d.dependency_high = awb_round6 (l->dependency) >= s->axis_threshold;
  d.persistence_high = awb_round6 (l->persistence) >= s->axis_threshold;
  d.high_loyalty = awb_round6 (l->loyalty_score) >= s->high_loyalty;

  /* Lifecycle, first rule that holds. */
  d.recency_days = f->last_trade != AWB_DATE_NONE ? as_of - f->last_trade : AWB_UNKNOWN;
  if (f->first_trade == AWB_DATE_NONE)
    l->lifecycle = AWB_LIFECYCLE_PROSPECT;
  else if (f->aum == 0 && d.recency_days >= s->churn_days)
    l->lifecycle = AWB_LIFECYCLE_CHURNED;
  else if (d.recency_days >= s->dormant_days)
    l->lifecycle = AWB_LIFECYCLE_DORMANT;
  else if (f->first_trade > as_of - s->new_days)
    l->lifecycle = AWB_LIFECYCLE_NEW;
  else if (l->loyalty_type == AWB_LOYALTY_TRUST &&
           awb_round6 (d.tenure_years) >= s->loyal_years)
    l->lifecycle = AWB_LIFECYCLE_LOYAL;
  else
    l->lifecycle = AWB_LIFECYCLE_ACTIVE;

  if (detail != NULL)
    *detail = d;
}
