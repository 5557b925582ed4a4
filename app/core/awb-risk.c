/* awb-risk.c: risk capacity, risk attitude, allocation and suitability (spec §7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Capacity = A (age) + B (five answers); attitude = C (accepted loss) + D
 * (five answers).  Each falls in one of five bands; the allocation row is
 * k = capacity band + attitude band; the level is C(1 + the lower band).
 * The lowest category is C1 whatever else holds; a professional investor
 * is P.  Every figure comes from the settings, so nothing here is a table.
 */
#define G_LOG_DOMAIN "awb-risk"

#include "config.h"

#include "awb-date.h"
#include "awb-risk.h"

/* A: the age points, clamped to 0 … age_points.  With the defaults (50,
 * 75): 25 or younger → 50, 26…74 → 75 − age, 75 or older → 0. */
int
awb_risk_age_points (const AwbSettings *s,
                     int                age)
{
  return CLAMP (s->age_zero - age, 0, s->age_points);
}

/* C = min (factor × L, cap); a negative L counts as 0. */
int
awb_risk_loss_points (const AwbSettings *s,
                      int                loss_pct)
{
  return MIN (s->loss_factor * MAX (loss_pct, 0), s->loss_cap);
}

/* The band index 0 (low) … 4 (high) of a score. */
int
awb_risk_band (const AwbSettings *s,
               int                score)
{
  int band = 0;

  while (band < 4 && score >= s->band_bounds[band])
    band++;
  return band;
}

/* The first day the questionnaire of @assessed_on is expired (§12: a day
 * that does not exist becomes the month's last). */
AwbDate
awb_risk_expiry_date (const AwbSettings *s,
                      AwbDate            assessed_on)
{
  if (assessed_on == AWB_DATE_NONE)
    return AWB_DATE_NONE;
  return awb_date_add_months (assessed_on, s->expiry_months);
}

/**
 * awb_risk_trade_mismatch:
 * @risk_level: the client's AwbRiskLevel, or AWB_UNKNOWN
 * @product_risk: the product's level, 0 (R1) … 4 (R5), or AWB_UNKNOWN
 *
 * Whether one trade is a suitability mismatch to flag to the manager: a
 * product above the client's level (R4 for a C3 client) without a signed
 * special risk warning; for the lowest category any product above R1,
 * override or not.  A professional investor (P), a client without a level
 * and a trade without a product level are never flagged (§12).
 */
gboolean
awb_risk_trade_mismatch (int      risk_level,
                         gboolean lowest_category,
                         int      product_risk,
                         gboolean override_signed)
{
  if (product_risk < 0 || product_risk > 4)
    return FALSE;
  if (lowest_category)
    return product_risk > 0;
  if (risk_level < AWB_LEVEL_C1 || risk_level > AWB_LEVEL_C5)
    return FALSE;
  return product_risk > risk_level && !override_signed;
}

/**
 * awb_risk_classify:
 * @detail: (nullable): receives the scored inputs
 *
 * Fills capacity, attitude, both bands, the allocation, risk_level,
 * questionnaire_expired and mismatches of @labels.
 */
void
awb_risk_classify (const AwbSettings    *s,
                   AwbDate               as_of,
                   const AwbClientFacts *f,
                   AwbClientLabels      *l,
                   AwbRiskDetail        *detail)
{
  AwbRiskDetail d = { 0, };
  int b = 0, dd = 0;

  d.age = f->birth_date != AWB_DATE_NONE ? awb_date_age (f->birth_date, as_of) : AWB_UNKNOWN;
  d.has_profile = d.age != AWB_UNKNOWN && f->loss_tolerance_pct != AWB_UNKNOWN;
  for (int q = 0; q < 5; q++)
    {
      int cap = f->q_capacity[q];
      int att = f->q_attitude[q];

      if (cap >= 1 && cap <= 5)
        b += d.answer_points[q] = s->answer_points[q][cap - 1];
      else
        d.has_profile = FALSE;
      if (att >= 1 && att <= 5)
        dd += d.answer_points[AWB_Q_PRIORITY + q] = s->answer_points[AWB_Q_PRIORITY + q][att - 1];
      else
        d.has_profile = FALSE;
    }

  l->capacity = l->attitude = AWB_UNKNOWN;
  l->capacity_band = l->attitude_band = AWB_UNKNOWN;
  l->alloc_low = l->alloc_mid = l->alloc_high = AWB_UNKNOWN;
  l->risk_level = AWB_UNKNOWN;

  if (d.has_profile)
    {
      int k;

      d.age_points = awb_risk_age_points (s, d.age);
      d.loss_points = awb_risk_loss_points (s, f->loss_tolerance_pct);
      l->capacity = (gint16) (d.age_points + b);
      l->attitude = (gint16) (d.loss_points + dd);
      l->capacity_band = (gint8) awb_risk_band (s, l->capacity);
      l->attitude_band = (gint8) awb_risk_band (s, l->attitude);
      k = l->capacity_band + l->attitude_band;
      l->alloc_low = (gint8) s->allocation[k][0];
      l->alloc_mid = (gint8) s->allocation[k][1];
      l->alloc_high = (gint8) s->allocation[k][2];
      l->risk_level = (gint8) (AWB_LEVEL_C1 + MIN (l->capacity_band, l->attitude_band));
    }

  /* §12: professional needs only AUM and the experience answer; the lowest
   * category wins over it. */
  d.professional = f->aum >= s->professional_aum &&
                   f->q_capacity[AWB_Q_EXPERIENCE] >= 1 &&
                   f->q_capacity[AWB_Q_EXPERIENCE] <= s->professional_experience;
  d.lowest_category = f->lowest_category != 0;
  if (d.lowest_category)
    l->risk_level = AWB_LEVEL_C1;
  else if (d.professional)
    l->risk_level = AWB_LEVEL_P;

  /* Mismatches: trades of the last 12 months above the level. */
  if (l->risk_level == AWB_UNKNOWN)
    l->mismatches = AWB_UNKNOWN;
  else if (l->risk_level == AWB_LEVEL_P)
    l->mismatches = 0;
  else
    {
      guint32 n = 0;

      for (int r = l->risk_level + 1; r < 5; r++)
        n += d.lowest_category ? f->n_12m_by_risk[r] : f->n_12m_by_risk_no_override[r];
      l->mismatches = (gint32) n;
    }

  /* Expiry: expired from assessed_on + 24 months on; an assessment dated
   * after the reference date is not expired. */
  d.expires_on = awb_risk_expiry_date (s, f->assessed_on);
  if (f->assessed_on == AWB_DATE_NONE)
    l->questionnaire_expired = AWB_UNKNOWN;
  else
    l->questionnaire_expired = as_of >= d.expires_on ? 1 : 0;

  if (detail != NULL)
    *detail = d;
}
