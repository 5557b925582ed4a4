/* awb-settings.c: the model's settings, their keys, defaults and checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One table, `registry`, lists every key with its type and where it lives
 * in AwbSettings; getting, parsing, listing and seeding all walk it, so a
 * new setting is one struct field, one default and one table row.
 */
#define G_LOG_DOMAIN "awb-settings"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "awb-money.h"
#include "awb-rfm.h"
#include "awb-settings.h"

G_DEFINE_QUARK (awb-settings-error-quark, awb_settings_error)
G_DEFINE_BOXED_TYPE (AwbSettings, awb_settings, awb_settings_copy, awb_settings_free)

typedef enum {
  T_INT,        /* `count` ints joined by '/' */
  T_DOUBLE,     /* `count` doubles joined by '/' */
  T_MONEY,      /* one AwbFen, written in CNY */
  T_TEXT,       /* one owned string */
  T_MONETARY,   /* AwbMonetaryKind: commission | amount */
  T_METHOD,     /* AwbRfmMethod: quantile | fixed */
  T_BOX,        /* one AwbSegmentBox: "R/F/M", each "a-b" or "a" */
  T_ALLOC,      /* int[9][3]: nine "l/m/h" rows joined by ',' */
} ValueType;

typedef struct
{
  const char *key;
  ValueType   type;
  gsize       offset;   /* into AwbSettings */
  guint       count;    /* values of a T_INT / T_DOUBLE list */
  double      min;      /* range of every number of the value */
  double      max;
  const char *summary;  /* what it is, for `settings list` and the editor */
} Entry;

#define OFF(field) offsetof (AwbSettings, field)

static const Entry registry[] = {
  /* §3 RFM */
  { "rfm.window_days", T_INT, OFF (rfm.window_days), 1, 0, 36600,
    N_("RFM window in days before the reference date; all (or 0) means all history") },
  { "rfm.monetary", T_MONETARY, OFF (rfm.monetary), 1, 0, 0,
    N_("RFM monetary value: commission or amount") },
  { "rfm.method", T_METHOD, OFF (rfm.method), 1, 0, 0,
    N_("RFM scoring method: quantile (the rfm package's) or fixed breakpoints") },
  { "rfm.fixed_r", T_DOUBLE, OFF (rfm.fixed_r), 4, 0, 1e9,
    N_("Fixed method: recency breakpoints in days, ascending") },
  { "rfm.fixed_f", T_DOUBLE, OFF (rfm.fixed_f), 4, 0, 1e9,
    N_("Fixed method: frequency breakpoints in trades, ascending") },
  { "rfm.fixed_m", T_DOUBLE, OFF (rfm.fixed_m), 4, 0, 1e15,
    N_("Fixed method: monetary breakpoints in CNY, ascending") },
#define BOX(code, i) \
  { "rfm.segment." code, T_BOX, OFF (rfm.boxes[i]), 1, 1, 5, \
    N_("Segment box R/F/M, inclusive score ranges; first match wins") }
  BOX ("champions", 0), BOX ("potential_loyalist", 1), BOX ("loyal", 2), BOX ("promising", 3),
  BOX ("new", 4), BOX ("cant_lose", 5), BOX ("at_risk", 6), BOX ("need_attention", 7),
  BOX ("about_to_sleep", 8), BOX ("lost", 9),
#undef BOX
#define STRATEGY(code, i) \
  { "text.segment." code, T_TEXT, OFF (segment_strategy[i]), 1, 0, 0, \
    N_("Next best action for the RFM segment") }
  STRATEGY ("champions", 0), STRATEGY ("potential_loyalist", 1), STRATEGY ("loyal", 2),
  STRATEGY ("promising", 3), STRATEGY ("new", 4), STRATEGY ("cant_lose", 5),
  STRATEGY ("at_risk", 6), STRATEGY ("need_attention", 7), STRATEGY ("about_to_sleep", 8),
  STRATEGY ("lost", 9), STRATEGY ("others", 10),
#undef STRATEGY

  /* §4 tiers */
  { "tier.weights", T_DOUBLE, OFF (tier_weight), 5, 0, 100,
    N_("Tier weights in percent: asset size/trading frequency/needs/risk preference/loyalty; sum 100") },
  { "tier.bounds", T_DOUBLE, OFF (tier_bound), 3, 0, 100,
    N_("Lowest tier score of VIP/Key/Standard, descending") },
  { "group.hnw_aum", T_MONEY, OFF (hnw_aum), 1, 0, 1e15,
    N_("High net worth: AUM at least this, CNY") },
  { "group.high_freq_trades", T_INT, OFF (high_freq_trades), 1, 0, 1e9,
    N_("High frequency: at least this many trades in the last 12 months") },
  { "cadence.vip", T_INT, OFF (cadence_tier[0]), 1, 0, 36600,
    N_("Follow-up cadence of VIP clients in days; 0: the book's") },
  { "cadence.key", T_INT, OFF (cadence_tier[1]), 1, 0, 36600,
    N_("Follow-up cadence of Key clients in days; 0: the book's") },
  { "cadence.standard", T_INT, OFF (cadence_tier[2]), 1, 0, 36600,
    N_("Follow-up cadence of Standard clients in days; 0: the book's") },
  { "cadence.basic", T_INT, OFF (cadence_tier[3]), 1, 0, 36600,
    N_("Follow-up cadence of Basic clients in days; 0: the book's") },
  { "cadence.default", T_INT, OFF (cadence_default), 1, 1, 36600,
    N_("The book's follow-up cadence in days, for a tier without one") },

  /* §5 capital × turnover */
  { "capital.large", T_MONEY, OFF (capital_large), 1, 0, 1e15,
    N_("Large capital: AUM at least this, CNY") },
  { "capital.medium", T_MONEY, OFF (capital_medium), 1, 0, 1e15,
    N_("Medium capital: AUM at least this, CNY") },
  { "turnover.stable", T_DOUBLE, OFF (turnover_stable), 1, 0, 1e9,
    N_("Stable turnover: 12-month traded amount ÷ AUM at least this") },
  { "turnover.short_term", T_DOUBLE, OFF (turnover_short_term), 1, 0, 1e9,
    N_("Short-term turnover: 12-month traded amount ÷ AUM at least this") },

  /* §6 loyalty and lifecycle */
  { "loyalty.dependency_weights", T_DOUBLE, OFF (dependency_weight), 4, 0, 100,
    N_("Dependency weights in percent: satisfaction/referrals/share of wallet/exclusivity; sum 100") },
  { "loyalty.persistence_weights", T_DOUBLE, OFF (persistence_weight), 3, 0, 100,
    N_("Persistence weights in percent: tenure/continuity/recency; sum 100") },
  { "loyalty.no_survey_satisfaction", T_DOUBLE, OFF (no_survey_satisfaction), 1, 0, 100,
    N_("Satisfaction points of a client without a survey") },
  { "loyalty.referral_points", T_DOUBLE, OFF (referral_points), 1, 0, 100,
    N_("Points per referral") },
  { "loyalty.referral_cap", T_INT, OFF (referral_cap), 1, 0, 1000,
    N_("Referrals counted at most") },
  { "loyalty.tenure_points", T_DOUBLE, OFF (tenure_points), 1, 0, 100,
    N_("Tenure points per year since the account opened") },
  { "loyalty.tenure_cap_years", T_DOUBLE, OFF (tenure_cap_years), 1, 0, 100,
    N_("Years of tenure counted at most") },
  { "loyalty.axis_threshold", T_DOUBLE, OFF (axis_threshold), 1, 0, 100,
    N_("Dependency or persistence at least this is high") },
  { "loyalty.high_threshold", T_DOUBLE, OFF (high_loyalty), 1, 0, 100,
    N_("Loyalty score at least this is high loyalty") },
  { "lifecycle.churn_days", T_INT, OFF (churn_days), 1, 1, 36600,
    N_("Churned: AUM 0 and at least this many days since the last trade") },
  { "lifecycle.dormant_days", T_INT, OFF (dormant_days), 1, 1, 36600,
    N_("Dormant: at least this many days since the last trade") },
  { "lifecycle.new_days", T_INT, OFF (new_days), 1, 1, 36600,
    N_("New: first trade within this many days") },
  { "lifecycle.loyal_years", T_DOUBLE, OFF (loyal_years), 1, 0, 100,
    N_("Loyal: trust loyalty and at least this many years of tenure") },
#define CONVERSION(code, i) \
  { "text.loyalty." code, T_TEXT, OFF (loyalty_conversion[i]), 1, 0, 0, \
    N_("Next best action moving this loyalty type toward trust loyalty") }
  CONVERSION ("trust", 0), CONVERSION ("monopoly", 1), CONVERSION ("kinship", 2),
  CONVERSION ("interest", 3), CONVERSION ("inertia", 4), CONVERSION ("latent", 5),
  CONVERSION ("not_loyal", 6),
#undef CONVERSION

  /* §7 risk profile */
  { "risk.age_points", T_INT, OFF (age_points), 1, 0, 100,
    N_("Capacity age points A at most (the young)") },
  { "risk.age_zero", T_INT, OFF (age_zero), 1, 0, 150,
    N_("Capacity age points A = this − age, from 0 to risk.age_points") },
#define ANSWERS(code, i) \
  { "risk.answers." code, T_INT, OFF (answer_points[i]), 5, 0, 100, \
    N_("Points of the five answers of the question, in the questionnaire's order") }
  ANSWERS ("job", 0), ANSWERS ("burden", 1), ANSWERS ("housing", 2), ANSWERS ("experience", 3),
  ANSWERS ("knowledge", 4), ANSWERS ("priority", 5), ANSWERS ("stoploss", 6),
  ANSWERS ("if_loss", 7), ANSWERS ("watching", 8), ANSWERS ("results", 9),
#undef ANSWERS
  { "risk.loss_factor", T_INT, OFF (loss_factor), 1, 0, 100,
    N_("Attitude loss points C = min (this × accepted loss %, risk.loss_cap)") },
  { "risk.loss_cap", T_INT, OFF (loss_cap), 1, 0, 100,
    N_("Attitude loss points C at most") },
  { "risk.bands", T_INT, OFF (band_bounds), 4, 1, 100,
    N_("Lowest score of the mid-low/mid/mid-high/high bands, ascending") },
  { "risk.allocation", T_ALLOC, OFF (allocation), 27, 0, 100,
    N_("Low/medium/high-risk percent for k = 0…8 (capacity band + attitude band); each row sums 100") },
  { "risk.expiry_months", T_INT, OFF (expiry_months), 1, 1, 1200,
    N_("A questionnaire expires this many months after it was taken") },
  { "risk.professional_aum", T_MONEY, OFF (professional_aum), 1, 0, 1e15,
    N_("Professional investor: AUM at least this, CNY") },
  { "risk.professional_experience", T_INT, OFF (professional_experience), 1, 1, 5,
    N_("Professional investor: experience answer 1 to this (2 years or more)") },

  /* §8 life stage */
  { "lifestage.age_groups", T_INT, OFF (age_group_bounds), 2, 0, 150,
    N_("Lowest age of the middle-aged and senior groups, ascending") },
  { "lifestage.stages", T_INT, OFF (life_stage_upper), 5, 0, 150,
    N_("Highest age of growth/youth/adult/mature/stable, ascending; older is retired") },
  { "family.newly_married_age", T_INT, OFF (newly_married_age), 1, 0, 150,
    N_("Married without children and younger than this: newly married") },
  { "family.young_child_age", T_INT, OFF (young_child_age), 1, 0, 150,
    N_("Youngest child younger than this: full nest I") },
  { "family.adult_child_age", T_INT, OFF (adult_child_age), 1, 0, 150,
    N_("Youngest child this old or older: empty nest or solitary") },
  { "family.full_nest_3_age", T_INT, OFF (full_nest_3_age), 1, 0, 150,
    N_("Youngest child in between and client at least this old: full nest III") },
#define FOCUS(code, i) \
  { "text.life_stage." code, T_TEXT, OFF (life_stage_focus[i]), 1, 0, 0, \
    N_("Financial focus of the life stage") }
  FOCUS ("growth", 0), FOCUS ("youth", 1), FOCUS ("adult", 2), FOCUS ("mature", 3),
  FOCUS ("stable", 4), FOCUS ("retired", 5),
#undef FOCUS

  /* §9 value */
#define RETENTION(code, i) \
  { "value.retention." code, T_DOUBLE, OFF (retention[i]), 1, 0, 1, \
    N_("Retention rate of the loyalty type, 0 to 1") }
  RETENTION ("trust", 0), RETENTION ("monopoly", 1), RETENTION ("kinship", 2),
  RETENTION ("interest", 3), RETENTION ("inertia", 4), RETENTION ("latent", 5),
  RETENTION ("not_loyal", 6),
#undef RETENTION
  { "value.discount", T_DOUBLE, OFF (discount), 1, 0, 10,
    N_("Discount rate d of the lifetime value") },
  { "value.shares", T_DOUBLE, OFF (value_share), 2, 0, 100,
    N_("Cumulative percent of the book that is high value / high or medium value") },

  /* §10 next best action */
  { "text.nba.mismatch", T_TEXT, OFF (nba_text[AWB_TEXT_MISMATCH]), 1, 0, 0,
    N_("Next best action: suitability mismatch") },
  { "text.nba.expired", T_TEXT, OFF (nba_text[AWB_TEXT_EXPIRED]), 1, 0, 0,
    N_("Next best action: questionnaire expired") },
  { "text.nba.reassess", T_TEXT, OFF (nba_text[AWB_TEXT_REASSESS]), 1, 0, 0,
    N_("Next best action: a field the questionnaire used has changed") },
  { "text.nba.no_profile", T_TEXT, OFF (nba_text[AWB_TEXT_NO_PROFILE]), 1, 0, 0,
    N_("Next best action: no risk profile") },
  { "text.nba.overdue", T_TEXT, OFF (nba_text[AWB_TEXT_OVERDUE]), 1, 0, 0,
    N_("Next best action: follow-up overdue") },
  { "text.nba.vip", T_TEXT, OFF (nba_text[AWB_TEXT_VIP]), 1, 0, 0,
    N_("Next best action: VIP tier service") },
  { "text.nba.high_freq", T_TEXT, OFF (nba_text[AWB_TEXT_HIGH_FREQ]), 1, 0, 0,
    N_("Next best action: high-frequency service") },
  { "text.nba.low_freq", T_TEXT, OFF (nba_text[AWB_TEXT_LOW_FREQ]), 1, 0, 0,
    N_("Next best action: low-frequency service") },
};

#undef OFF

static const AwbSettings *defaults (void);

/* The defaults of spec §3–§10.  Texts are the spec's words; the strategies
 * are seed 001's.  Default texts are stored in English, as marked with N_(),
 * so a book is the same whatever the locale of the person who created it;
 * awb_settings_text() translates them for display (a text the manager wrote
 * has no translation and is shown as written). */
static void
init_default (AwbSettings *s)
{
  /* seed 001's strategies, one per segment; the book's own copy is what
   * every view shows and the next best action uses */
  static const char *const strategies[AWB_N_SEGMENTS] = {
    [AWB_SEGMENT_CHAMPIONS] = N_("Upsell, cross-sell and ask for referrals"),
    [AWB_SEGMENT_POTENTIAL_LOYALIST] = N_("Offer the advisory membership"),
    [AWB_SEGMENT_LOYAL] = N_("Loyalty programme and priority service"),
    [AWB_SEGMENT_PROMISING] = N_("Offer product trials"),
    [AWB_SEGMENT_NEW] = N_("Onboarding and investor education"),
    [AWB_SEGMENT_CANT_LOSE] = N_("Senior manager visit"),
    [AWB_SEGMENT_AT_RISK] = N_("Retention call"),
    [AWB_SEGMENT_NEED_ATTENTION] = N_("Check-in call with a time-limited offer"),
    [AWB_SEGMENT_ABOUT_TO_SLEEP] = N_("Send reactivation content"),
    [AWB_SEGMENT_LOST] = N_("Win back or archive"),
    [AWB_SEGMENT_OTHERS] = N_("Review the client's needs"),
  };
  static const char *const conversions[7] = {
    N_("Keep the trust: consistent, reliable service"),
    N_("Build trust before an alternative appears: service quality, not lock-in"),
    N_("Extend the relationship beyond one person: introduce the team"),
    N_("Shift from price to service value: advice, research, education"),
    N_("Turn habit into trust: proactive advice and regular reviews"),
    N_("Turn goodwill into activity: a tailored offer to trade with us"),
    N_("Find out what the client needs and offer a first reason to stay"),
  };
  static const char *const focuses[6] = {
    N_("Learning: investor education"),
    N_("Marriage and a home deposit"),
    N_("Home and children's education"),
    N_("Retirement savings"),
    N_("Retirement"),
    N_("Principal safety and fixed income"),
  };
  static const char *const texts[AWB_N_TEXTS] = {
    N_("Resolve the suitability mismatch: tell the client the product is unsuitable and record the signed special risk warning, or stop"),
    N_("Renew the risk questionnaire: it has expired"),
    N_("Re-assess the risk profile: a field the questionnaire used has changed"),
    N_("Take the risk questionnaire: the client has no risk profile"),
    N_("Contact the client: the follow-up is overdue"),
    N_("VIP service: dedicated manager and custom reports"),
    N_("High-frequency service: fast trading platform and real-time data"),
    N_("Low-frequency service: long-term asset allocation advice"),
  };
  static const int allocation[9][3] = {
    { 70, 20, 10 }, { 50, 40, 10 }, { 40, 40, 20 }, { 20, 50, 30 }, { 0, 50, 50 },
    { 0, 40, 60 }, { 0, 30, 70 }, { 0, 20, 80 }, { 0, 10, 90 },
  };
  static const double retention[7] = { 0.9, 0.8, 0.8, 0.8, 0.8, 0.7, 0.5 };

  memset (s, 0, sizeof *s);

  awb_rfm_settings_init_default (&s->rfm);
  /* Fixed breakpoints are our design (the spec gives none): a month, a
   * quarter, half a year, a year; 2/4/12/24 trades; 100/500/2000/10000 CNY. */
  s->rfm.fixed_r[0] = 31; s->rfm.fixed_r[1] = 91; s->rfm.fixed_r[2] = 181; s->rfm.fixed_r[3] = 366;
  s->rfm.fixed_f[0] = 2; s->rfm.fixed_f[1] = 4; s->rfm.fixed_f[2] = 12; s->rfm.fixed_f[3] = 24;
  s->rfm.fixed_m[0] = 100; s->rfm.fixed_m[1] = 500; s->rfm.fixed_m[2] = 2000;
  s->rfm.fixed_m[3] = 10000;
  /* The registry's rfm.segment.<code> keys address the boxes by index:
   * the default boxes (awb-rfm.c, the only table of them) hold segment i
   * in box i, every segment but Others. */
  g_assert (s->rfm.n_boxes == AWB_SEGMENT_OTHERS);
  for (guint i = 0; i < s->rfm.n_boxes; i++)
    g_assert (s->rfm.boxes[i].segment == (AwbSegment) i);
  for (guint i = 0; i < AWB_N_SEGMENTS; i++)
    s->segment_strategy[i] = g_strdup (strategies[i]);

  s->tier_weight[AWB_FACTOR_AUM] = 40;
  s->tier_weight[AWB_FACTOR_FREQUENCY] = 20;
  s->tier_weight[AWB_FACTOR_NEEDS] = 10;
  s->tier_weight[AWB_FACTOR_RISK] = 10;
  s->tier_weight[AWB_FACTOR_LOYALTY] = 20;
  s->tier_bound[0] = 80;
  s->tier_bound[1] = 60;
  s->tier_bound[2] = 40;
  s->hnw_aum = G_GINT64_CONSTANT (600000000);   /* 6,000,000 CNY */
  s->high_freq_trades = 48;
  s->cadence_tier[AWB_TIER_VIP] = 30;
  s->cadence_tier[AWB_TIER_KEY] = 90;
  s->cadence_tier[AWB_TIER_STANDARD] = 180;
  s->cadence_tier[AWB_TIER_BASIC] = 365;
  s->cadence_default = 180;

  s->capital_large = G_GINT64_CONSTANT (100000000);   /* 1,000,000 CNY */
  s->capital_medium = G_GINT64_CONSTANT (10000000);   /* 100,000 CNY */
  s->turnover_stable = 1;
  s->turnover_short_term = 6;

  s->dependency_weight[0] = 40;
  s->dependency_weight[1] = 20;
  s->dependency_weight[2] = 30;
  s->dependency_weight[3] = 10;
  s->persistence_weight[0] = 40;
  s->persistence_weight[1] = 40;
  s->persistence_weight[2] = 20;
  s->no_survey_satisfaction = 50;
  s->referral_points = 25;
  s->referral_cap = 4;
  s->tenure_points = 10;
  s->tenure_cap_years = 10;
  s->axis_threshold = 50;
  s->high_loyalty = 60;
  s->churn_days = 365;
  s->dormant_days = 180;
  s->new_days = 90;
  s->loyal_years = 2;
  for (guint i = 0; i < 7; i++)
    s->loyalty_conversion[i] = g_strdup (conversions[i]);

  s->age_points = 50;
  s->age_zero = 75;
  for (guint q = 0; q < AWB_N_QUESTIONS; q++)
    for (guint a = 0; a < 5; a++)
      s->answer_points[q][a] = 10 - 2 * (int) a;
  s->loss_factor = 2;
  s->loss_cap = 50;
  s->band_bounds[0] = 20;
  s->band_bounds[1] = 40;
  s->band_bounds[2] = 60;
  s->band_bounds[3] = 80;
  memcpy (s->allocation, allocation, sizeof allocation);
  s->expiry_months = 24;
  s->professional_aum = G_GINT64_CONSTANT (500000000);   /* 5,000,000 CNY */
  s->professional_experience = 3;

  s->age_group_bounds[0] = 35;
  s->age_group_bounds[1] = 60;
  s->life_stage_upper[0] = 25;
  s->life_stage_upper[1] = 35;
  s->life_stage_upper[2] = 45;
  s->life_stage_upper[3] = 55;
  s->life_stage_upper[4] = 65;
  s->newly_married_age = 35;
  s->young_child_age = 6;
  s->adult_child_age = 18;
  s->full_nest_3_age = 45;
  for (guint i = 0; i < 6; i++)
    s->life_stage_focus[i] = g_strdup (focuses[i]);

  memcpy (s->retention, retention, sizeof retention);
  s->discount = 0.08;
  s->value_share[0] = 20;
  s->value_share[1] = 50;

  for (guint i = 0; i < AWB_N_TEXTS; i++)
    s->nba_text[i] = g_strdup (texts[i]);
}

/* Returns: @text translated if it is one of the default texts. */
const char *
awb_settings_text (const char *text)
{
  return text != NULL && *text != '\0' ? _(text) : "";
}

/**
 * awb_settings_new:
 *
 * Returns: (transfer full): settings holding the spec's defaults.
 */
AwbSettings *
awb_settings_new (void)
{
  AwbSettings *self = g_new0 (AwbSettings, 1);

  init_default (self);
  return self;
}

AwbSettings *
awb_settings_copy (const AwbSettings *self)
{
  AwbSettings *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  for (guint i = 0; i < G_N_ELEMENTS (registry); i++)
    if (registry[i].type == T_TEXT)
      {
        char **field = (char **) ((guint8 *) copy + registry[i].offset);
        *field = g_strdup (*field);
      }
  return copy;
}

void
awb_settings_free (AwbSettings *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (registry); i++)
    if (registry[i].type == T_TEXT)
      g_free (*(char **) ((guint8 *) self + registry[i].offset));
  g_free (self);
}

static const Entry *
find_entry (const char *key)
{
  if (key == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (registry); i++)
    if (strcmp (registry[i].key, key) == 0)
      return &registry[i];
  return NULL;
}

guint
awb_settings_get_n_keys (void)
{
  return G_N_ELEMENTS (registry);
}

const char *
awb_settings_get_key (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (registry), NULL);

  return registry[index].key;
}

gboolean
awb_settings_has_key (const char *key)
{
  return find_entry (key) != NULL;
}

/* Returns: (nullable): the translated description of @key. */
const char *
awb_settings_get_summary (const char *key)
{
  const Entry *e = find_entry (key);

  return e != NULL ? _(e->summary) : NULL;
}

static void
append_double (GString *out,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.10g", v));
}

static void
append_range (GString *out,
              int      lo,
              int      hi)
{
  if (lo == hi)
    g_string_append_printf (out, "%d", lo);
  else
    g_string_append_printf (out, "%d-%d", lo, hi);
}

static char *
format_entry (const AwbSettings *self,
              const Entry       *e)
{
  const guint8 *field = (const guint8 *) self + e->offset;
  GString *out = g_string_new (NULL);

  switch (e->type)
    {
    case T_INT:
    case T_ALLOC:
      if (e->offset == offsetof (AwbSettings, rfm.window_days) && self->rfm.window_days == 0)
        {
          g_string_append (out, "all");   /* as awb_rfm_settings_to_string writes it */
          break;
        }
      for (guint i = 0; i < e->count; i++)
        {
          if (i > 0)
            g_string_append_c (out, (e->type == T_ALLOC && i % 3 == 0) ? ',' : '/');
          g_string_append_printf (out, "%d", ((const int *) field)[i]);
        }
      break;
    case T_DOUBLE:
      for (guint i = 0; i < e->count; i++)
        {
          if (i > 0)
            g_string_append_c (out, '/');
          append_double (out, ((const double *) field)[i]);
        }
      break;
    case T_MONEY:
      {
        AwbFen fen = *(const AwbFen *) field;
        g_string_append_printf (out, "%" G_GINT64_FORMAT, fen / 100);
        if (fen % 100 != 0)
          g_string_append_printf (out, ".%02d", (int) ABS (fen % 100));
      }
      break;
    case T_TEXT:
      g_string_append (out, *(char *const *) field);
      break;
    case T_MONETARY:
      g_string_append (out, *(const AwbMonetaryKind *) field == AWB_MONETARY_AMOUNT
                            ? "amount" : "commission");
      break;
    case T_METHOD:
      g_string_append (out, *(const AwbRfmMethod *) field == AWB_RFM_FIXED
                            ? "fixed" : "quantile");
      break;
    case T_BOX:
      {
        const AwbSegmentBox *b = (const AwbSegmentBox *) field;
        append_range (out, b->r_min, b->r_max);
        g_string_append_c (out, '/');
        append_range (out, b->f_min, b->f_max);
        g_string_append_c (out, '/');
        append_range (out, b->m_min, b->m_max);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  return g_string_free (out, FALSE);
}

/**
 * awb_settings_get_value:
 *
 * Returns: (transfer full) (nullable): the text form of @key's value, or
 * %NULL if there is no such key.
 */
char *
awb_settings_get_value (const AwbSettings *self,
                        const char        *key)
{
  const Entry *e;

  g_return_val_if_fail (self != NULL, NULL);

  e = find_entry (key);
  return e != NULL ? format_entry (self, e) : NULL;
}

/* Returns: (transfer full) (nullable): the spec's default of @key. */
char *
awb_settings_get_default (const char *key)
{
  return awb_settings_get_value (defaults (), key);
}

static const AwbSettings *
defaults (void)
{
  static AwbSettings *d = NULL;

  if (g_once_init_enter (&d))
    g_once_init_leave (&d, awb_settings_new ());
  return d;
}

static gboolean
bad_value (GError     **error,
           const char  *key,
           const char  *value,
           const char  *why)
{
  g_set_error (error, AWB_SETTINGS_ERROR, AWB_SETTINGS_ERROR_BAD_VALUE,
               _("Setting “%s”: “%s” is not a valid value: %s"), key, value, why);
  return FALSE;
}

/* Parses one number of a list; the whole of @text must be the number. */
static gboolean
parse_number (const Entry  *e,
              const char   *text,
              const char   *value,
              double       *out,
              GError      **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  char *end = NULL;
  double v;

  if (*trimmed == '\0')
    return bad_value (error, e->key, value, _("a number is missing"));
  if (e->type == T_INT || e->type == T_ALLOC || e->type == T_BOX)
    {
      gint64 i;
      if (!g_ascii_string_to_signed (trimmed, 10, G_MININT32, G_MAXINT32, &i, NULL))
        {
          g_autofree char *why = g_strdup_printf (_("“%s” is not a whole number"), trimmed);
          return bad_value (error, e->key, value, why);
        }
      v = (double) i;
    }
  else
    {
      v = g_ascii_strtod (trimmed, &end);
      if (end == trimmed || *end != '\0' || !isfinite (v))
        {
          g_autofree char *why = g_strdup_printf (_("“%s” is not a number"), trimmed);
          return bad_value (error, e->key, value, why);
        }
    }
  if (v < e->min || v > e->max)
    {
      char lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *why = NULL;

      g_ascii_formatd (lo, sizeof lo, "%.10g", e->min);
      g_ascii_formatd (hi, sizeof hi, "%.10g", e->max);
      why = g_strdup_printf (_("%s is outside %s to %s"), trimmed, lo, hi);
      return bad_value (error, e->key, value, why);
    }
  *out = v;
  return TRUE;
}

static gboolean
parse_list (const Entry  *e,
            const char   *value,
            const char   *separators,
            guint         count,
            double       *out,
            GError      **error)
{
  g_auto(GStrv) parts = g_strsplit_set (value, separators, -1);

  if (g_strv_length (parts) != count)
    {
      g_autofree char *why = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "expected %u value", "expected %u values", count), count);
      return bad_value (error, e->key, value, why);
    }
  for (guint i = 0; i < count; i++)
    if (!parse_number (e, parts[i], value, &out[i], error))
      return FALSE;
  return TRUE;
}

static gboolean
parse_box_range (const Entry  *e,
                 const char   *part,
                 const char   *value,
                 guint8       *lo,
                 guint8       *hi,
                 GError      **error)
{
  g_auto(GStrv) ends = g_strsplit (part, "-", -1);
  double a, b;
  guint n = g_strv_length (ends);

  if (n < 1 || n > 2)
    return bad_value (error, e->key, value, _("each bound is a score or a range like 3-5"));
  if (!parse_number (e, ends[0], value, &a, error) ||
      !parse_number (e, ends[n - 1], value, &b, error))
    return FALSE;
  if (a > b)
    return bad_value (error, e->key, value, _("a range runs from the lower score to the higher"));
  *lo = (guint8) a;
  *hi = (guint8) b;
  return TRUE;
}

/**
 * awb_settings_parse_value:
 *
 * Parses @value into @key's field of @self.  Checks the value alone (a
 * number, in range, the right count); awb_settings_validate() checks the
 * whole.  On failure @self is unchanged.
 */
gboolean
awb_settings_parse_value (AwbSettings  *self,
                          const char   *key,
                          const char   *value,
                          GError      **error)
{
  const Entry *e;
  guint8 *field;
  double nums[27];

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  e = find_entry (key);
  if (e == NULL)
    {
      g_set_error (error, AWB_SETTINGS_ERROR, AWB_SETTINGS_ERROR_UNKNOWN_KEY,
                   _("There is no setting “%s”"), key ? key : "");
      return FALSE;
    }
  field = (guint8 *) self + e->offset;

  switch (e->type)
    {
    case T_INT:
    case T_DOUBLE:
      if (e->offset == offsetof (AwbSettings, rfm.window_days) && strcmp (value, "all") == 0)
        {
          self->rfm.window_days = 0;
          return TRUE;
        }
      if (!parse_list (e, value, "/,", e->count, nums, error))
        return FALSE;
      for (guint i = 0; i < e->count; i++)
        {
          if (e->type == T_INT)
            ((int *) field)[i] = (int) nums[i];
          else
            ((double *) field)[i] = nums[i];
        }
      return TRUE;
    case T_ALLOC:
      if (!parse_list (e, value, "/,", e->count, nums, error))
        return FALSE;
      for (guint i = 0; i < e->count; i++)
        ((int *) field)[i] = (int) nums[i];
      return TRUE;
    case T_MONEY:
      {
        AwbFen fen;
        if (!awb_money_parse (value, -1, &fen))
          return bad_value (error, e->key, value,
                            _("not an amount of CNY with at most two decimals"));
        if ((double) fen / 100.0 < e->min || (double) fen / 100.0 > e->max)
          return bad_value (error, e->key, value, _("out of range"));
        *(AwbFen *) field = fen;
        return TRUE;
      }
    case T_TEXT:
      {
        g_autofree char *trimmed = g_strstrip (g_strdup (value));
        if (*trimmed == '\0')
          return bad_value (error, e->key, value, _("the text is empty"));
        if (!g_utf8_validate (value, -1, NULL))
          return bad_value (error, e->key, value, _("the text is not UTF-8"));
        g_free (*(char **) field);
        *(char **) field = g_strdup (value);
        return TRUE;
      }
    case T_MONETARY:
      if (strcmp (value, "commission") == 0)
        *(AwbMonetaryKind *) field = AWB_MONETARY_COMMISSION;
      else if (strcmp (value, "amount") == 0)
        *(AwbMonetaryKind *) field = AWB_MONETARY_AMOUNT;
      else
        return bad_value (error, e->key, value, _("expected commission or amount"));
      return TRUE;
    case T_METHOD:
      if (strcmp (value, "quantile") == 0)
        *(AwbRfmMethod *) field = AWB_RFM_QUANTILE;
      else if (strcmp (value, "fixed") == 0)
        *(AwbRfmMethod *) field = AWB_RFM_FIXED;
      else
        return bad_value (error, e->key, value, _("expected quantile or fixed"));
      return TRUE;
    case T_BOX:
      {
        g_auto(GStrv) parts = g_strsplit (value, "/", -1);
        AwbSegmentBox box = *(AwbSegmentBox *) field;

        if (g_strv_length (parts) != 3)
          return bad_value (error, e->key, value, _("expected R/F/M, for example 3-5/3-5/2-5"));
        if (!parse_box_range (e, parts[0], value, &box.r_min, &box.r_max, error) ||
            !parse_box_range (e, parts[1], value, &box.f_min, &box.f_max, error) ||
            !parse_box_range (e, parts[2], value, &box.m_min, &box.m_max, error))
          return FALSE;
        *(AwbSegmentBox *) field = box;
        return TRUE;
      }
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/* Sets @error for @key of @s, quoting the value at fault. */
static gboolean
inconsistent (const AwbSettings  *s,
              GError            **error,
              const char         *key,
              const char         *fmt,
              ...) G_GNUC_PRINTF (4, 5);

static gboolean
inconsistent (const AwbSettings  *s,
              GError            **error,
              const char         *key,
              const char         *fmt,
              ...)
{
  g_autofree char *why = NULL;
  g_autofree char *value = NULL;
  const Entry *e = find_entry (key);
  va_list args;

  va_start (args, fmt);
  why = g_strdup_vprintf (fmt, args);
  va_end (args);
  if (e != NULL)
    value = format_entry (s, e);
  if (value != NULL)
    g_set_error (error, AWB_SETTINGS_ERROR, AWB_SETTINGS_ERROR_INCONSISTENT,
                 _("Setting “%s” = “%s”: %s"), key, value, why);
  else
    g_set_error (error, AWB_SETTINGS_ERROR, AWB_SETTINGS_ERROR_INCONSISTENT,
                 _("Setting “%s”: %s"), key, why);
  return FALSE;
}

static gboolean
check_sum_100 (const AwbSettings  *s,
               const double       *w,
               guint               n,
               const char         *key,
               GError            **error)
{
  double sum = 0;

  for (guint i = 0; i < n; i++)
    sum += w[i];
  if (fabs (sum - 100.0) > 1e-6)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      return inconsistent (s, error, key, _("the weights sum to %s, not 100"),
                           g_ascii_formatd (buf, sizeof buf, "%.10g", sum));
    }
  return TRUE;
}

static gboolean
check_ascending_int (const AwbSettings  *s,
                     const int          *v,
                     guint               n,
                     const char         *key,
                     GError            **error)
{
  for (guint i = 1; i < n; i++)
    if (v[i] <= v[i - 1])
      return inconsistent (s, error, key,
                           _("the bounds must rise strictly (%d is not above %d): "
                             "bands would overlap or be empty"),
                           v[i], v[i - 1]);
  return TRUE;
}

static gboolean
check_ascending_double (const AwbSettings  *s,
                        const double       *v,
                        guint               n,
                        const char         *key,
                        GError            **error)
{
  for (guint i = 1; i < n; i++)
    if (!(v[i] > v[i - 1]))
      return inconsistent (s, error, key, _("the breakpoints must rise strictly"));
  return TRUE;
}

/**
 * awb_settings_validate:
 *
 * Checks what no single value can: weights summing to 100, bounds and bands
 * rising without overlap, allocation rows summing to 100, scores that fit
 * 0–100.  The message names the setting at fault.
 */
gboolean
awb_settings_validate (const AwbSettings  *s,
                       GError            **error)
{
  int cap_max, att_max;

  g_return_val_if_fail (s != NULL, FALSE);

  if (!check_ascending_double (s, s->rfm.fixed_r, 4, "rfm.fixed_r", error) ||
      !check_ascending_double (s, s->rfm.fixed_f, 4, "rfm.fixed_f", error) ||
      !check_ascending_double (s, s->rfm.fixed_m, 4, "rfm.fixed_m", error))
    return FALSE;

  if (!check_sum_100 (s, s->tier_weight, AWB_N_FACTORS, "tier.weights", error))
    return FALSE;
  if (!(s->tier_bound[0] > s->tier_bound[1] && s->tier_bound[1] > s->tier_bound[2]))
    return inconsistent (s, error, "tier.bounds",
                         _("the VIP, Key and Standard bounds must fall strictly, "
                           "or tiers would overlap"));
  if (s->capital_large <= s->capital_medium)
    return inconsistent (s, error, "capital.large",
                         _("large capital must start above medium capital (capital.medium)"));
  if (!(s->turnover_short_term > s->turnover_stable))
    return inconsistent (s, error, "turnover.short_term",
                         _("short-term turnover must start above stable turnover "
                           "(turnover.stable)"));

  if (!check_sum_100 (s, s->dependency_weight, 4, "loyalty.dependency_weights", error) ||
      !check_sum_100 (s, s->persistence_weight, 3, "loyalty.persistence_weights", error))
    return FALSE;

  cap_max = s->age_points;
  att_max = s->loss_cap;
  for (guint q = 0; q < AWB_N_QUESTIONS; q++)
    {
      int best = 0;
      for (guint a = 0; a < 5; a++)
        best = MAX (best, s->answer_points[q][a]);
      if (q < AWB_Q_PRIORITY)
        cap_max += best;
      else
        att_max += best;
    }
  if (cap_max > 100)
    return inconsistent (s, error, "risk.answers.job",
                         _("the capacity score could reach %d: age points and the best "
                           "answers of the five capacity questions must total at most 100"),
                         cap_max);
  if (att_max > 100)
    return inconsistent (s, error, "risk.answers.priority",
                         _("the attitude score could reach %d: the loss cap and the best "
                           "answers of the five attitude questions must total at most 100"),
                         att_max);
  if (!check_ascending_int (s, s->band_bounds, 4, "risk.bands", error))
    return FALSE;
  for (guint k = 0; k < 9; k++)
    {
      int sum = s->allocation[k][0] + s->allocation[k][1] + s->allocation[k][2];
      if (sum != 100)
        return inconsistent (s, error, "risk.allocation",
                             _("row k = %u (%d/%d/%d) sums to %d, not 100"),
                             k, s->allocation[k][0], s->allocation[k][1],
                             s->allocation[k][2], sum);
    }

  if (!check_ascending_int (s, s->age_group_bounds, 2, "lifestage.age_groups", error) ||
      !check_ascending_int (s, s->life_stage_upper, 5, "lifestage.stages", error))
    return FALSE;
  if (s->adult_child_age <= s->young_child_age)
    return inconsistent (s, error, "family.adult_child_age",
                         _("must be above family.young_child_age (%d)"), s->young_child_age);

  if (s->value_share[0] > s->value_share[1])
    return inconsistent (s, error, "value.shares",
                         _("the high-value share cannot exceed the cumulative medium share"));
  for (guint i = 0; i < 7; i++)
    if (!(1.0 + s->discount - s->retention[i] > 0))
      return inconsistent (s, error, "value.discount",
                           _("1 + discount − retention must stay above 0"));

  /* What the RFM step itself checks (awb-rfm). */
  {
    g_autoptr(GError) rfm_error = NULL;

    if (!awb_rfm_settings_validate (&s->rfm, &rfm_error))
      return inconsistent (s, error, "rfm", "%s", rfm_error->message);
  }

  return TRUE;
}

/**
 * awb_settings_set_values:
 *
 * Applies @n key/value changes together and validates the result; only a
 * valid result replaces @self.  On failure @self is unchanged and @error
 * names the setting at fault.
 */
gboolean
awb_settings_set_values (AwbSettings        *self,
                         guint               n,
                         const char *const  *keys,
                         const char *const  *values,
                         GError            **error)
{
  g_autoptr(AwbSettings) copy = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  copy = awb_settings_copy (self);
  for (guint i = 0; i < n; i++)
    if (!awb_settings_parse_value (copy, keys[i], values[i], error))
      return FALSE;
  if (!awb_settings_validate (copy, error))
    return FALSE;

  /* Swap contents: @self takes the copy's, the copy frees the old ones. */
  {
    AwbSettings tmp = *self;
    *self = *copy;
    *copy = tmp;
  }
  return TRUE;
}

/**
 * awb_settings_serialize:
 *
 * Returns: (transfer full): every setting as "key=value" lines, in registry
 * order: the snapshot a scoring run keeps.  A backslash in a text is written
 * as two, a newline as backslash n.
 */
char *
awb_settings_serialize (const AwbSettings *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (registry); i++)
    {
      g_autofree char *v = format_entry (self, &registry[i]);

      g_string_append (out, registry[i].key);
      g_string_append_c (out, '=');
      for (const char *p = v; *p != '\0'; p++)
        {
          if (*p == '\\')
            g_string_append (out, "\\\\");
          else if (*p == '\n')
            g_string_append (out, "\\n");
          else
            g_string_append_c (out, *p);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}
