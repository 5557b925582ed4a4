/* awb-explain.c: why a client carries each of its labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Recomputes each classifier with its detail output (the same functions a
 * scoring run calls, so the explanation cannot drift from the label) and
 * writes one paragraph per label: the inputs, the arithmetic and the rule
 * with the settings in force.  Plain text, one line per label; the CLI
 * prints it and the GUI shows it.
 */
#define G_LOG_DOMAIN "awb-explain"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "awb-classify-math.h"
#include "awb-codes.h"
#include "awb-date.h"
#include "awb-explain.h"
#include "awb-lifestage.h"
#include "awb-loyalty.h"
#include "awb-money.h"
#include "awb-nba.h"
#include "awb-risk.h"
#include "awb-tier.h"
#include "awb-value.h"

static const char *
label_of (AwbCodeKind kind,
          int         value)
{
  return value >= 0 ? awb_code_get_label (kind, value) : _("none");
}

/* A number with at most two decimals, trailing zeros dropped: 58, 62.5. */
static char *
num (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *s = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2f", awb_round6 (v)));
  char *dot = strchr (s, '.');

  if (dot != NULL)
    {
      char *end = s + strlen (s) - 1;
      while (end > dot && *end == '0')
        *end-- = '\0';
      if (end == dot)
        *end = '\0';
    }
  if (strcmp (s, "-0") == 0)
    s[0] = '0', s[1] = '\0';
  return s;
}

static char *
money (AwbFen fen)
{
  return awb_money_format_grouped (fen);
}

static char *
date_text (AwbDate d)
{
  return d == AWB_DATE_NONE ? g_strdup (_("unknown")) : awb_date_format (d);
}

static void
explain_rfm (GString               *out,
             const AwbSettings     *s,
             const AwbClientLabels *l)
{
  g_autofree char *monetary = NULL;

  if (l->r_score < 1)
    {
      g_string_append_printf (out, "%s\n",
                              _("RFM: no trade on or before the reference date: a prospect, "
                                "not scored"));
      return;
    }
  monetary = money (l->monetary);
  g_string_append_printf (out, _("RFM: recency %d days, frequency %d, monetary %s → "
                                 "R %d, F %d, M %d (cell %d%d%d)"),
                          l->recency_days, l->frequency, monetary,
                          l->r_score, l->f_score, l->m_score,
                          l->r_score, l->f_score, l->m_score);
  g_string_append (out, "\n");
  if (l->rfm_segment >= 0 && l->rfm_segment < AWB_SEGMENT_OTHERS)
    {
      for (guint i = 0; i < s->rfm.n_boxes; i++)
        if ((int) s->rfm.boxes[i].segment == l->rfm_segment)
          {
            const AwbSegmentBox *b = &s->rfm.boxes[i];
            g_string_append_printf (out,
                                    _("Segment: %s, box %u of the first-match list "
                                      "(R %d–%d, F %d–%d, M %d–%d)"),
                                    label_of (AWB_KIND_RFM_SEGMENT, l->rfm_segment), i + 1,
                                    b->r_min, b->r_max, b->f_min, b->f_max, b->m_min, b->m_max);
            break;
          }
    }
  else
    g_string_append_printf (out, _("Segment: %s, no box matched"),
                            label_of (AWB_KIND_RFM_SEGMENT, l->rfm_segment));
  g_string_append (out, "\n");
  g_string_append_printf (out, _("RFM state: %s (active R ≥ 3; else churn risk F ≥ 3 or "
                                 "M ≥ 4; else dormant)"),
                          label_of (AWB_KIND_RFM_STATE, l->rfm_state));
  g_string_append (out, "\n");
}

static void
explain_risk (GString               *out,
              const AwbSettings     *s,
              AwbDate                as_of,
              const AwbClientFacts  *f,
              const AwbClientLabels *l)
{
  static const char *const names[AWB_N_QUESTIONS] = {
    N_("job"), N_("burden"), N_("housing"), N_("experience"), N_("knowledge"),
    N_("priority"), N_("stop-loss"), N_("if it loses"), N_("watching"), N_("results"),
  };
  AwbRiskDetail d;
  AwbClientLabels tmp = *l;

  awb_risk_classify (s, as_of, f, &tmp, &d);

  if (d.has_profile)
    {
      g_string_append_printf (out, _("Capacity %d = age %d → %d"), l->capacity, d.age,
                              d.age_points);
      for (int q = AWB_Q_JOB; q <= AWB_Q_KNOWLEDGE; q++)
        g_string_append_printf (out, " + %s %d", _(names[q]), d.answer_points[q]);
      g_string_append_printf (out, _(" → band %s\n"), label_of (AWB_KIND_BAND, l->capacity_band));
      g_string_append_printf (out, _("Attitude %d = loss %d%% → %d"), l->attitude,
                              f->loss_tolerance_pct, d.loss_points);
      for (int q = AWB_Q_PRIORITY; q <= AWB_Q_RESULTS; q++)
        g_string_append_printf (out, " + %s %d", _(names[q]), d.answer_points[q]);
      g_string_append_printf (out, _(" → band %s\n"), label_of (AWB_KIND_BAND, l->attitude_band));
      g_string_append_printf (out, _("Bands: low < %d ≤ mid-low < %d ≤ mid < %d ≤ mid-high < "
                                     "%d ≤ high\n"),
                              s->band_bounds[0], s->band_bounds[1], s->band_bounds[2],
                              s->band_bounds[3]);
      g_string_append_printf (out, _("Allocation: k = %d + %d = %d → low-risk %d%%, "
                                     "medium-risk %d%%, high-risk %d%%\n"),
                              l->capacity_band, l->attitude_band,
                              l->capacity_band + l->attitude_band,
                              l->alloc_low, l->alloc_mid, l->alloc_high);
    }
  else
    g_string_append_printf (out, "%s\n",
                            _("Risk profile: none (an answer of the questionnaire or the "
                              "birth date is missing); capacity, attitude, bands and "
                              "allocation are empty"));

  if (d.lowest_category)
    g_string_append_printf (out, "%s\n",
                            _("Level C1: lowest category, R1 products only, no override"));
  else if (d.professional)
    {
      g_autofree char *aum = money (f->aum);
      g_autofree char *min = money (s->professional_aum);
      g_string_append_printf (out, _("Level P: professional investor (AUM %s ≥ %s and "
                                     "experience answer %d, at least two years)\n"),
                              aum, min, f->q_capacity[AWB_Q_EXPERIENCE]);
    }
  else if (l->risk_level >= 0)
    g_string_append_printf (out, _("Level %s from the lower band (capacity %s, attitude %s)\n"),
                            awb_code_to_string (AWB_KIND_RISK_LEVEL, l->risk_level),
                            label_of (AWB_KIND_BAND, l->capacity_band),
                            label_of (AWB_KIND_BAND, l->attitude_band));
  else
    g_string_append_printf (out, "%s\n", _("Level: none without a risk profile"));

  if (l->mismatches == AWB_UNKNOWN)
    g_string_append_printf (out, "%s\n", _("Suitability: not checked without a level"));
  else if (l->risk_level == AWB_LEVEL_P)
    g_string_append_printf (out, "%s\n", _("Suitability: professional investors are not "
                                           "checked for mismatches"));
  else
    {
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "Suitability: %d mismatch = trades of the last "
                                                "12 months above R%d",
                                                "Suitability: %d mismatches = trades of the last "
                                                "12 months above R%d",
                                                l->mismatches),
                              l->mismatches, l->risk_level + 1);
      if (d.lowest_category)
        g_string_append (out, _(", override or not (lowest category)"));
      else
        g_string_append (out, _(" without a signed special risk warning"));
      g_string_append_printf (out, " (R1–R5: %u/%u/%u/%u/%u, ",
                              f->n_12m_by_risk[0], f->n_12m_by_risk[1], f->n_12m_by_risk[2],
                              f->n_12m_by_risk[3], f->n_12m_by_risk[4]);
      g_string_append_printf (out, _("without override %u/%u/%u/%u/%u)\n"),
                              f->n_12m_by_risk_no_override[0], f->n_12m_by_risk_no_override[1],
                              f->n_12m_by_risk_no_override[2], f->n_12m_by_risk_no_override[3],
                              f->n_12m_by_risk_no_override[4]);
    }

  if (f->assessed_on == AWB_DATE_NONE)
    g_string_append_printf (out, "%s\n", _("Questionnaire: no assessment date"));
  else
    {
      g_autofree char *taken = date_text (f->assessed_on);
      g_autofree char *expires = date_text (d.expires_on);
      g_string_append_printf (out, l->questionnaire_expired == 1
                                   ? _("Questionnaire: taken %s, expired since %s (%d months)\n")
                                   : _("Questionnaire: taken %s, valid until the day before %s "
                                       "(%d months)\n"),
                              taken, expires, s->expiry_months);
    }
  if (awb_nba_reassess (f))
    {
      g_autofree char *changed = date_text (f->profile_changed_on);
      g_string_append_printf (out, _("Re-assessment asked: a field the questionnaire used "
                                     "changed on %s\n"), changed);
    }
}

static void
explain_loyalty (GString               *out,
                 const AwbSettings     *s,
                 AwbDate                as_of,
                 const AwbClientFacts  *f,
                 const AwbClientLabels *l)
{
  AwbLoyaltyDetail d;
  AwbClientLabels tmp = *l;
  g_autofree char *dep = num (l->dependency);
  g_autofree char *per = num (l->persistence);
  g_autofree char *sat = NULL;
  g_autofree char *score = NULL;
  g_autofree char *years = NULL;
  g_autofree char *ten = NULL, *cont = NULL, *rec = NULL, *share = NULL, *ref = NULL;
  g_autofree char *w0 = num (s->dependency_weight[0] / 100), *w1 = num (s->dependency_weight[1] / 100);
  g_autofree char *w2 = num (s->dependency_weight[2] / 100), *w3 = num (s->dependency_weight[3] / 100);
  g_autofree char *p0 = num (s->persistence_weight[0] / 100), *p1 = num (s->persistence_weight[1] / 100);
  g_autofree char *p2 = num (s->persistence_weight[2] / 100);
  g_autofree char *thr = num (s->axis_threshold);

  awb_loyalty_classify (s, as_of, f, &tmp, &d);
  sat = num (d.satisfaction);
  ref = num (d.referrals);
  share = num (d.share);
  ten = num (d.tenure);
  cont = num (d.continuity);
  rec = num (d.recency);
  years = num (d.tenure_years);
  score = num (l->loyalty_score);

  if (f->latest_survey >= 1)
    g_string_append_printf (out, _("Dependency %s = %s × satisfaction %s (latest survey %d) + "
                                   "%s × referrals %s (%d made) + %s × share of wallet %s + "
                                   "%s × exclusivity %d (%s)\n"),
                            dep, w0, sat, f->latest_survey, w1, ref, f->referrals, w2, share,
                            w3, (int) d.exclusivity,
                            f->competitor_account ? _("competitor account known")
                                                  : _("no known competitor account"));
  else
    g_string_append_printf (out, _("Dependency %s = %s × satisfaction %s (no survey) + "
                                   "%s × referrals %s (%d made) + %s × share of wallet %s + "
                                   "%s × exclusivity %d (%s)\n"),
                            dep, w0, sat, w1, ref, f->referrals, w2, share,
                            w3, (int) d.exclusivity,
                            f->competitor_account ? _("competitor account known")
                                                  : _("no known competitor account"));
  if (l->r_score >= 1)
    g_string_append_printf (out, _("Persistence %s = %s × tenure %s (%s years) + %s × continuity "
                                   "%s (%d of 12 months traded) + %s × recency %s (R %d)\n"),
                            per, p0, ten, years, p1, cont, d.months, p2, rec, l->r_score);
  else
    g_string_append_printf (out, _("Persistence %s = %s × tenure %s (%s years) + %s × continuity "
                                   "%s (%d of 12 months traded) + %s × recency %s (a prospect)\n"),
                            per, p0, ten, years, p1, cont, d.months, p2, rec);
  g_string_append_printf (out, _("Loyalty type: %s (persistence %s, dependency %s at threshold "
                                 "%s; driver %s)\n"),
                          label_of (AWB_KIND_LOYALTY_TYPE, l->loyalty_type),
                          d.persistence_high ? _("high") : _("low"),
                          d.dependency_high ? _("high") : _("low"), thr,
                          label_of (AWB_KIND_LOYALTY_DRIVER,
                                    f->loyalty_driver >= 0 ? f->loyalty_driver
                                                           : AWB_DRIVER_UNKNOWN));
  {
    g_autofree char *high = num (s->high_loyalty);
    g_string_append_printf (out, _("Loyalty score %s = (%s + %s) ÷ 2 → %s (high from %s)\n"),
                            score, dep, per,
                            d.high_loyalty ? _("high loyalty") : _("low loyalty"), high);
  }

  switch (l->lifecycle)
    {
    case AWB_LIFECYCLE_PROSPECT:
      g_string_append_printf (out, "%s\n", _("Lifecycle: prospect (no trade ever)"));
      break;
    case AWB_LIFECYCLE_CHURNED:
      g_string_append_printf (out, _("Lifecycle: churned (AUM 0 and %d days since the last "
                                     "trade, at least %d)\n"), d.recency_days, s->churn_days);
      break;
    case AWB_LIFECYCLE_DORMANT:
      g_string_append_printf (out, _("Lifecycle: dormant (%d days since the last trade, at "
                                     "least %d)\n"), d.recency_days, s->dormant_days);
      break;
    case AWB_LIFECYCLE_NEW:
      {
        g_autofree char *first = date_text (f->first_trade);
        g_string_append_printf (out, _("Lifecycle: new (first trade %s, within the last %d "
                                       "days)\n"), first, s->new_days);
      }
      break;
    case AWB_LIFECYCLE_LOYAL:
      {
        g_autofree char *min = num (s->loyal_years);
        g_string_append_printf (out, _("Lifecycle: loyal (trust loyalty and %s years of "
                                       "tenure, at least %s)\n"), years, min);
      }
      break;
    default:
      g_string_append_printf (out, "%s\n", _("Lifecycle: active (no other rule holds)"));
      break;
    }
}

static void
explain_tier (GString                 *out,
              const AwbSettings       *s,
              AwbDate                  as_of,
              const AwbClientFacts    *f,
              const AwbClientLabels   *l,
              const AwbExplainContext *ctx)
{
  AwbTierDetail d;
  AwbClientLabels tmp = *l;
  g_autofree char *score = NULL;
  g_autofree char *aum = money (f->aum);
  g_autofree char *f0 = NULL, *f1 = NULL, *f2 = NULL, *f3 = NULL, *f4 = NULL;
  g_autofree char *w0 = num (s->tier_weight[0]), *w1 = num (s->tier_weight[1]);
  g_autofree char *w2 = num (s->tier_weight[2]), *w3 = num (s->tier_weight[3]);
  g_autofree char *w4 = num (s->tier_weight[4]);
  g_autofree char *b0 = num (s->tier_bound[0]), *b1 = num (s->tier_bound[1]);
  g_autofree char *b2 = num (s->tier_bound[2]);

  awb_tier_classify (s, as_of, f, ctx->aum_rank, ctx->frequency_rank, &tmp, &d);
  score = num (l->tier_score);
  f0 = num (d.factor[0]);
  f1 = num (d.factor[1]);
  f2 = num (d.factor[2]);
  f3 = num (d.factor[3]);
  f4 = num (d.factor[4]);

  g_string_append_printf (out, _("Tier score %s = (%s × asset size %s (AUM %s, percent rank "
                                 "in %lu clients) + %s × trading frequency %s "
                                 "(%u trades in 12 months, percent rank) + %s × needs %s (%s) + "
                                 "%s × risk preference %s (%s) + %s × loyalty %s) ÷ 100\n"),
                          score, w0, f0, aum, (unsigned long) ctx->n_book, w1, f1, f->n_12m, w2, f2,
                          label_of (AWB_KIND_NEED_TYPE, f->need_type >= 0 ? f->need_type
                                                                          : AWB_NEED_BASIC),
                          w3, f3,
                          l->attitude != AWB_UNKNOWN ? _("risk attitude")
                                                     : _("no risk profile: 0"),
                          w4, f4);
  g_string_append_printf (out, _("Tier: %s (VIP ≥ %s, Key ≥ %s, Standard ≥ %s, else Basic)\n"),
                          label_of (AWB_KIND_TIER, l->tier), b0, b1, b2);
  {
    g_autofree char *hnw = money (s->hnw_aum);
    g_string_append_printf (out, _("Service group: %s (AUM %s %s %s; %u trades in 12 months %s "
                                   "%d)\n"),
                            label_of (AWB_KIND_SERVICE_GROUP, l->service_group), aum,
                            d.hnw ? "≥" : "<", hnw, f->n_12m, d.high_freq ? "≥" : "<",
                            s->high_freq_trades);
  }
  g_string_append_printf (out, _("Cadence: %d days (%s)\n"), l->cadence_days,
                          d.cadence_source == 0 ? _("the client's own")
                          : d.cadence_source == 1 ? _("the tier's") : _("the book's"));
  if (d.last_contact == AWB_DATE_NONE)
    g_string_append_printf (out, "%s\n", _("Overdue: yes (no interaction and no opening date)"));
  else
    {
      g_autofree char *last = date_text (d.last_contact);
      g_string_append_printf (out, _("Overdue: %s (%d days since %s, %s; cadence %d)\n"),
                              l->overdue ? _("yes") : _("no"), d.days_since_contact, last,
                              f->last_interaction != AWB_DATE_NONE
                              ? _("the latest interaction") : _("the opening date"),
                              l->cadence_days);
    }

  {
    g_autofree char *large = money (s->capital_large);
    g_autofree char *medium = money (s->capital_medium);
    g_autofree char *amount = money (f->amount_12m);
    g_autofree char *turn = num (d.turnover);
    g_autofree char *t1 = num (s->turnover_stable), *t2 = num (s->turnover_short_term);

    g_string_append_printf (out, _("Capital: %s (AUM %s; large from %s, medium from %s)\n"),
                            label_of (AWB_KIND_CAPITAL_SIZE, l->capital_size), aum, large, medium);
    if (f->aum <= 0)
      g_string_append_printf (out, _("Turnover: %s (AUM 0; %u trades in 12 months)\n"),
                              label_of (AWB_KIND_TURNOVER, l->turnover_class), f->n_12m);
    else
      g_string_append_printf (out, _("Turnover: %s (%s = amount %s ÷ AUM %s; stable from %s, "
                                     "short-term from %s)\n"),
                              label_of (AWB_KIND_TURNOVER, l->turnover_class), turn, amount, aum,
                              t1, t2);
  }
}

static void
explain_lifestage (GString               *out,
                   const AwbSettings     *s,
                   AwbDate                as_of,
                   const AwbClientFacts  *f,
                   const AwbClientLabels *l)
{
  static const char *const rules[] = {
    N_("marital status unknown"),
    N_("rule 1: never married, no children"),
    N_("rule 2: no children"),
    N_("rule 3: youngest child under 6"),
    N_("rule 4: youngest child 6–17"),
    N_("rule 5: youngest child 18 or older"),
    N_("an input the rule needs is missing"),
    N_("set by the manager"),
  };
  AwbFamilyRule rule;
  AwbClientLabels tmp = *l;
  int age = f->birth_date != AWB_DATE_NONE ? awb_date_age (f->birth_date, as_of) : AWB_UNKNOWN;

  awb_lifestage_classify (s, as_of, f, &tmp, &rule);
  if (age == AWB_UNKNOWN)
    g_string_append_printf (out, "%s\n", _("Age group and life stage: unknown (no birth date)"));
  else
    g_string_append_printf (out, _("Age %d: age group %s, life stage %s (focus: %s)\n"), age,
                            label_of (AWB_KIND_AGE_GROUP, l->age_group),
                            label_of (AWB_KIND_LIFE_STAGE, l->life_stage),
                            awb_settings_text (s->life_stage_focus[l->life_stage]));
  {
    g_autofree char *youngest = f->youngest_child_age >= 0
                                ? g_strdup_printf ("%d", f->youngest_child_age)
                                : g_strdup (_("unknown"));
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                              "Family life cycle: %s (%s; marital status %s, "
                                              "%d child, youngest %s, employment %s)\n",
                                              "Family life cycle: %s (%s; marital status %s, "
                                              "%d children, youngest %s, employment %s)\n",
                                              f->children),
                            label_of (AWB_KIND_FAMILY_STAGE, l->family_stage), _(rules[rule]),
                            label_of (AWB_KIND_MARITAL, f->marital), f->children, youngest,
                            label_of (AWB_KIND_EMPLOYMENT, f->employment));
  }
}

static void
explain_value (GString                 *out,
               const AwbSettings       *s,
               const AwbClientFacts    *f,
               const AwbClientLabels   *l,
               const AwbExplainContext *ctx)
{
  g_autofree char *clv = money (l->clv);
  g_autofree char *comm = money (f->commission_12m);
  g_autofree char *r = num (s->retention[l->loyalty_type]);
  g_autofree char *d = num (s->discount);
  gsize n_high, n_medium;

  awb_value_cuts (s, ctx->n_book, &n_high, &n_medium);
  g_string_append_printf (out, _("Lifetime value %s = commission of 12 months %s × %s ÷ (1 + %s − "
                                 "%s) (the retention rate of %s)\n"),
                          clv, comm, r, d, r, label_of (AWB_KIND_LOYALTY_TYPE, l->loyalty_type));
  /* %lu, not G_GSIZE_FORMAT: xgettext cuts a msgid at a macro */
  g_string_append_printf (out, _("Value tier: %s (place %u of %lu; high: the first "
                                 "%lu, medium: up to %lu)\n"),
                          label_of (AWB_KIND_VALUE_TIER, l->value_tier),
                          ctx->value_position + 1, (unsigned long) ctx->n_book,
                          (unsigned long) n_high, (unsigned long) n_medium);
}

/**
 * awb_explain_client:
 *
 * Returns: (transfer full): the explanation of every label of one client,
 * one line per label, ending with the numbered next best actions.
 */
char *
awb_explain_client (const AwbSettings       *s,
                    AwbDate                  as_of,
                    const AwbClientFacts    *f,
                    const AwbClientLabels   *l,
                    const AwbExplainContext *ctx)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) actions = NULL;
  g_autofree char *date = awb_date_format (as_of);

  g_return_val_if_fail (s != NULL && f != NULL && l != NULL && ctx != NULL, NULL);

  g_string_append_printf (out, _("Client %s as of %s\n"), f->client_no ? f->client_no : "", date);
  if (ctx->rfm_explanation != NULL)
    g_string_append_printf (out, "RFM: %s\n", ctx->rfm_explanation);
  else
    explain_rfm (out, s, l);
  explain_tier (out, s, as_of, f, l, ctx);
  explain_loyalty (out, s, as_of, f, l);
  explain_risk (out, s, as_of, f, l);
  explain_lifestage (out, s, as_of, f, l);
  explain_value (out, s, f, l, ctx);

  actions = awb_nba_list (s, as_of, f, l);
  g_string_append_printf (out, "%s\n", _("Next best actions:"));
  for (guint i = 0; i < actions->len; i++)
    {
      AwbAction *a = g_ptr_array_index (actions, i);
      g_string_append_printf (out, "  %u. %s (%s)\n", i + 1, a->text, a->rule);
    }
  return g_string_free (out, FALSE);
}
