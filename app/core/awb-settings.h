/* awb-settings.h: every threshold, weight, table and text of the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AwbSettings holds everything of spec §3–§10 that a branch may tune, with
 * the spec's defaults.  Each value has a dotted key ("tier.weight.aum") and a
 * text form, which is what the book's `settings` table, the command line and
 * the scoring run's snapshot store.  A change is parsed into a copy and the
 * whole copy validated (weights sum to 100, bands ascending, ...); only a
 * valid result replaces the settings in force.
 *
 * Lists are written with '/' between the values ("40/20/30/10"); the 9-step
 * allocation table is nine low/medium/high rows joined by ','
 * ("70/20/10,50/40/10,..."); an RFM segment box is "R/F/M" with each bound
 * a range ("3-5/3-5/2-5") or a single score ("5/5/5").  Money is CNY.
 */
#pragma once

#include <glib-object.h>

#include "awb-model-types.h"

G_BEGIN_DECLS

#define AWB_SETTINGS_ERROR (awb_settings_error_quark ())

typedef enum {
  AWB_SETTINGS_ERROR_UNKNOWN_KEY,   /* no such setting */
  AWB_SETTINGS_ERROR_BAD_VALUE,     /* not a number, out of range, malformed */
  AWB_SETTINGS_ERROR_INCONSISTENT,  /* weights not summing to 100, bands overlapping ... */
} AwbSettingsError;

/* The five factors of the tier score (§4), in the order of the spec's table. */
typedef enum {
  AWB_FACTOR_AUM, AWB_FACTOR_FREQUENCY, AWB_FACTOR_NEEDS, AWB_FACTOR_RISK, AWB_FACTOR_LOYALTY,
  AWB_N_FACTORS
} AwbTierFactor;

/* The ten questions of the risk questionnaire (§7): capacity B then attitude D. */
typedef enum {
  AWB_Q_JOB, AWB_Q_BURDEN, AWB_Q_HOUSING, AWB_Q_EXPERIENCE, AWB_Q_KNOWLEDGE,
  AWB_Q_PRIORITY, AWB_Q_STOPLOSS, AWB_Q_IF_LOSS, AWB_Q_WATCHING, AWB_Q_RESULTS,
  AWB_N_QUESTIONS
} AwbQuestion;

/* The fixed texts of the next best actions (§10); segment strategies,
 * loyalty conversions and life-stage focuses have their own tables. */
typedef enum {
  AWB_TEXT_MISMATCH,        /* suitability mismatch */
  AWB_TEXT_EXPIRED,         /* questionnaire expired */
  AWB_TEXT_REASSESS,        /* a field the questionnaire used changed */
  AWB_TEXT_NO_PROFILE,      /* no risk profile: ask for an assessment */
  AWB_TEXT_OVERDUE,         /* follow-up overdue */
  AWB_TEXT_VIP,             /* tier service: VIP */
  AWB_TEXT_HIGH_FREQ,       /* tier service: high frequency */
  AWB_TEXT_LOW_FREQ,        /* tier service: low frequency */
  AWB_N_TEXTS
} AwbNbaText;

typedef struct
{
  /* §3 */
  AwbRfmSettings rfm;
  char          *segment_strategy[AWB_N_SEGMENTS];

  /* §4 */
  double  tier_weight[AWB_N_FACTORS];   /* percent, sum 100 */
  double  tier_bound[3];                /* VIP, Key, Standard lower bounds, descending */
  AwbFen  hnw_aum;                      /* high net worth: AUM >= this */
  int     high_freq_trades;             /* high frequency: trades of 12 months >= this */
  int     cadence_tier[4];              /* days, by AwbTier; 0: none, use the book's */
  int     cadence_default;              /* the book's cadence */

  /* §5 */
  AwbFen  capital_large;                /* AWB >= this: large */
  AwbFen  capital_medium;               /* >= this: medium */
  double  turnover_stable;              /* turnover >= this: stable */
  double  turnover_short_term;          /* >= this: short-term */

  /* §6 */
  double  dependency_weight[4];         /* satisfaction, referrals, share of wallet, exclusivity */
  double  persistence_weight[3];        /* tenure, continuity, recency */
  double  no_survey_satisfaction;       /* satisfaction points without a survey */
  double  referral_points;              /* points per referral */
  int     referral_cap;                 /* referrals counted at most */
  double  tenure_points;                /* points per year of tenure */
  double  tenure_cap_years;             /* years counted at most */
  double  axis_threshold;               /* "high" on either axis */
  double  high_loyalty;                 /* loyalty score >= this: high loyalty */
  int     churn_days;                   /* lifecycle churned: AUM 0 and recency >= this */
  int     dormant_days;                 /* dormant: recency >= this */
  int     new_days;                     /* new: first trade within this many days */
  double  loyal_years;                  /* loyal: trust loyalty and tenure >= this */
  char   *loyalty_conversion[7];        /* by AwbLoyaltyType: how to move toward trust */

  /* §7 */
  int     age_points;                   /* A for the young: at most this */
  int     age_zero;                     /* A = age_zero - age, clamped to 0..age_points */
  int     answer_points[AWB_N_QUESTIONS][5];
  int     loss_factor;                  /* C = min (loss_factor * L, loss_cap) */
  int     loss_cap;
  int     band_bounds[4];               /* lower bounds of mid-low, mid, mid-high, high */
  int     allocation[9][3];             /* low/medium/high % by k = band + band */
  int     expiry_months;
  AwbFen  professional_aum;
  int     professional_experience;      /* experience answer 1..this: >= 2 years */

  /* §8 */
  int     age_group_bounds[2];          /* young < [0] <= middle-aged < [1] <= senior */
  int     life_stage_upper[5];          /* growth <= [0] < youth <= [1] ... < retired */
  int     newly_married_age;            /* married, no children, age < this: newly married */
  int     young_child_age;              /* youngest < this: full nest I */
  int     adult_child_age;              /* youngest >= this: empty nest / solitary */
  int     full_nest_3_age;              /* youngest 6..17, age >= this: full nest III */
  char   *life_stage_focus[6];

  /* §9 */
  double  retention[7];                 /* by AwbLoyaltyType */
  double  discount;
  double  value_share[2];               /* cumulative percent: high, high + medium */

  /* §10 */
  char   *nba_text[AWB_N_TEXTS];
} AwbSettings;

#define AWB_TYPE_SETTINGS (awb_settings_get_type ())

GQuark        awb_settings_error_quark   (void);
GType         awb_settings_get_type      (void) G_GNUC_CONST;

AwbSettings  *awb_settings_new           (void);
AwbSettings  *awb_settings_copy          (const AwbSettings *self);
void          awb_settings_free          (AwbSettings       *self);

guint         awb_settings_get_n_keys    (void);
const char   *awb_settings_get_key       (guint              index);
const char   *awb_settings_get_summary   (const char        *key);
gboolean      awb_settings_has_key       (const char        *key);
char         *awb_settings_get_value     (const AwbSettings *self,
                                          const char        *key);
char         *awb_settings_get_default   (const char        *key);
gboolean      awb_settings_parse_value   (AwbSettings       *self,
                                          const char        *key,
                                          const char        *value,
                                          GError           **error);
gboolean      awb_settings_set_values    (AwbSettings       *self,
                                          guint              n,
                                          const char *const *keys,
                                          const char *const *values,
                                          GError           **error);
gboolean      awb_settings_validate      (const AwbSettings *self,
                                          GError           **error);
char         *awb_settings_serialize     (const AwbSettings *self);
const char   *awb_settings_text          (const char        *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwbSettings, awb_settings_free)

G_END_DECLS
