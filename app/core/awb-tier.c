/* awb-tier.c: the tier score and what follows from it (spec §4, §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs the risk attitude (awb-risk) and the loyalty score (awb-loyalty) of
 * the labels, and the client's two percent ranks in the book.
 */
#define G_LOG_DOMAIN "awb-tier"

#include "config.h"

#include "awb-classify-math.h"
#include "awb-radix-private.h"
#include "awb-tier.h"

/**
 * awb_percent_ranks:
 * @ranks: (out caller-allocates) (array length=n): receives each value's rank
 *
 * SQL's PERCENT_RANK: 100 × (values strictly smaller) ÷ (n − 1); 100 when
 * @n is 1.  Sorts a copy with a radix sort: O(n).
 */
void
awb_percent_ranks (const gint64 *values,
                   gsize         n,
                   double       *ranks)
{
  g_autofree guint64 *keys = NULL;
  g_autofree guint32 *index = NULL;
  gsize i = 0;

  if (n == 0)
    return;
  if (n == 1)
    {
      ranks[0] = 100.0;
      return;
    }
  g_return_if_fail (n <= G_MAXUINT32);

  keys = g_new (guint64, n);
  index = g_new (guint32, n);
  for (gsize k = 0; k < n; k++)
    {
      keys[k] = _awb_radix_key_i64 (values[k]);
      index[k] = (guint32) k;
    }
  _awb_radix_sort (keys, index, n);
  while (i < n)
    {
      gsize j = i;
      double rank = 100.0 * (double) i / (double) (n - 1);   /* i values are smaller */

      while (j < n && keys[j] == keys[i])
        ranks[index[j++]] = rank;
      i = j;
    }
}

/* Tier of an unrounded score, compared rounded to 6 decimals (§12). */
AwbTier
awb_tier_for_score (const AwbSettings *s,
                    double             score)
{
  double r = awb_round6 (score);

  if (r >= s->tier_bound[0])
    return AWB_TIER_VIP;
  if (r >= s->tier_bound[1])
    return AWB_TIER_KEY;
  if (r >= s->tier_bound[2])
    return AWB_TIER_STANDARD;
  return AWB_TIER_BASIC;
}

/**
 * awb_tier_classify:
 * @detail: (nullable): receives the factors and the follow-up inputs
 *
 * Precondition: attitude and loyalty_score of @labels are filled.  Fills
 * tier_score, tier, service_group, cadence_days, overdue, capital_size and
 * turnover_class.
 */
void
awb_tier_classify (const AwbSettings    *s,
                   AwbDate               as_of,
                   const AwbClientFacts *f,
                   double                aum_rank,
                   double                frequency_rank,
                   AwbClientLabels      *l,
                   AwbTierDetail        *detail)
{
  AwbTierDetail d = { { 0, }, };
  double score = 0;

  d.factor[AWB_FACTOR_AUM] = aum_rank;
  d.factor[AWB_FACTOR_FREQUENCY] = frequency_rank;
  d.factor[AWB_FACTOR_NEEDS] = f->need_type == AWB_NEED_PROFESSIONAL ? 100.0 : 0.0;
  d.factor[AWB_FACTOR_RISK] = l->attitude != AWB_UNKNOWN ? (double) l->attitude : 0.0;
  d.factor[AWB_FACTOR_LOYALTY] = l->loyalty_score;
  for (int i = 0; i < AWB_N_FACTORS; i++)
    score += s->tier_weight[i] * d.factor[i];
  l->tier_score = score / 100.0;
  l->tier = (gint8) awb_tier_for_score (s, l->tier_score);

  d.hnw = f->aum >= s->hnw_aum;
  d.high_freq = f->n_12m >= (guint32) MAX (s->high_freq_trades, 0);
  l->service_group = (gint8) (d.hnw ? (d.high_freq ? AWB_GROUP_HNW_HIGH_FREQ : AWB_GROUP_HNW_LOW_FREQ)
                                    : (d.high_freq ? AWB_GROUP_ORDINARY_HIGH_FREQ
                                                   : AWB_GROUP_ORDINARY_LOW_FREQ));

  /* Cadence: the client's own, else the tier's, else the book's. */
  if (f->cadence_days > 0)
    {
      l->cadence_days = f->cadence_days;
      d.cadence_source = 0;
    }
  else if (s->cadence_tier[l->tier] > 0)
    {
      l->cadence_days = s->cadence_tier[l->tier];
      d.cadence_source = 1;
    }
  else
    {
      l->cadence_days = s->cadence_default;
      d.cadence_source = 2;
    }

  /* Overdue (§12): the latest interaction, else the opening date; neither
   * is overdue, an opening date after the reference date is not. */
  d.last_contact = f->last_interaction != AWB_DATE_NONE ? f->last_interaction : f->opened_on;
  if (d.last_contact == AWB_DATE_NONE)
    {
      d.days_since_contact = AWB_UNKNOWN;
      l->overdue = 1;
    }
  else
    {
      d.days_since_contact = as_of - d.last_contact;
      l->overdue = d.days_since_contact > l->cadence_days ? 1 : 0;
    }

  /* Capital × turnover. */
  l->capital_size = (gint8) (f->aum >= s->capital_large ? AWB_CAPITAL_LARGE
                             : f->aum >= s->capital_medium ? AWB_CAPITAL_MEDIUM
                             : AWB_CAPITAL_SMALL);
  if (f->aum <= 0)
    {
      d.turnover = -1;
      l->turnover_class = (gint8) (f->n_12m > 0 ? AWB_TURNOVER_SHORT_TERM : AWB_TURNOVER_STATIC);
    }
  else
    {
      double t = awb_round6 ((double) f->amount_12m / (double) f->aum);

      d.turnover = t;
      l->turnover_class = (gint8) (t >= s->turnover_short_term ? AWB_TURNOVER_SHORT_TERM
                                   : t >= s->turnover_stable ? AWB_TURNOVER_STABLE
                                   : AWB_TURNOVER_STATIC);
    }

  if (detail != NULL)
    *detail = d;
}

/**
 * awb_contact_due:
 * @last_interaction: the client's latest interaction, or AWB_DATE_NONE
 * @opened_on: the account's opening date, or AWB_DATE_NONE
 * @cadence_days: the client's cadence (spec §4), 0 or less when unknown
 *
 * The day the client is next due for a contact by the cadence: the latest
 * interaction (else the opening date) plus the cadence.  The client is
 * overdue the day after (§4: overdue when the days since the last contact
 * exceed the cadence).  Returns AWB_DATE_NONE without a date to count from
 * or without a cadence.
 */
AwbDate
awb_contact_due (AwbDate last_interaction,
                 AwbDate opened_on,
                 int     cadence_days)
{
  AwbDate last = last_interaction != AWB_DATE_NONE ? last_interaction : opened_on;

  if (last == AWB_DATE_NONE || cadence_days <= 0)
    return AWB_DATE_NONE;
  return last + cadence_days;
}
