/* awb-explain.c: why a client carries each of its labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Recomputes each classifier with its detail output (the same functions a
 * scoring run calls, so the explanation cannot drift from the label) and
 * writes one paragraph per label: the inputs, the arithmetic and the rule
 * with the settings in force.  Plain text, one line per label; the CLI
 * prints it and the GUI shows it.
 *
 * Every line is one translatable message, a whole sentence with printf
 * arguments (positional when it has more than one, so that a translation
 * may reorder them); a list whose length varies is made from an item
 * template and a list separator, both translatable.  No line is glued
 * together from pieces of grammar.  xgettext keeps the comment just before
 * a msgid, so in a g_dngettext() call the translators' comment sits inside
 * the call.
 */
#define G_LOG_DOMAIN "awb-explain"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "awb-classify-math.h"
#include "awb-codes.h"
#include "awb-date.h"
#include "awb-explain.h"
#include "awb-lifestage.h"
#include "awb-loyalty.h"
#include "awb-money.h"
#include "awb-nba.h"
#include "awb-rfm.h"
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

/* Appends one line: a translated sentence with its arguments, then a
 * newline (kept out of the messages). */
static void line (GString    *out,
                  const char *format,
                  ...) G_GNUC_PRINTF (2, 3);

static void
line (GString    *out,
      const char *format,
      ...)
{
  va_list ap;

  va_start (ap, format);
  g_string_append_vprintf (out, format, ap);
  va_end (ap);
  g_string_append_c (out, '\n');
}

/* Joins @items with the translated list separator: "job 10, burden 6". */
static char *
join_list (GPtrArray *items)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        /* Translators: between the items of a list that varies in length,
         * e.g. "job 10, burden 6, housing 10" */
        g_string_append (s, C_("list separator", ", "));
      g_string_append (s, g_ptr_array_index (items, i));
    }
  return g_string_free (s, FALSE);
}

/* Five slash-separated trade counts by product level, "0/0/1/0/0". */
static char *
counts_text (const guint32 counts[5])
{
  return g_strdup_printf ("%u/%u/%u/%u/%u", counts[0], counts[1], counts[2], counts[3],
                          counts[4]);
}

/* "5" or "4–5": a box's range of one score. */
static char *
range_text (int lo,
            int hi)
{
  return lo == hi ? g_strdup_printf ("%d", lo) : g_strdup_printf ("%d–%d", lo, hi);
}

/* "R 4–5, F 1–3, M 1–5": the ranges of box @b, as awb_rfm_explain() writes them. */
static char *
box_text (const AwbSegmentBox *b)
{
  g_autofree char *r = range_text (b->r_min, b->r_max);
  g_autofree char *f = range_text (b->f_min, b->f_max);
  g_autofree char *m = range_text (b->m_min, b->m_max);

  /* Translators: a segment box's ranges of the R, F and M scores: %1$s,
   * %2$s and %3$s are each one score ("5") or a range ("4–5") */
  return g_strdup_printf (C_("RFM box", "R %1$s, F %2$s, M %3$s"), r, f, m);
}

static void
explain_rfm (GString               *out,
             const AwbSettings     *s,
             const AwbClientLabels *l)
{
  g_autofree char *monetary = NULL;

  if (l->r_score < 1)
    {
      line (out, "%s", _("RFM: no trade on or before the reference date: a prospect, "
                         "not scored."));
      return;
    }
  monetary = money (l->monetary);
  line (out, g_dngettext (GETTEXT_PACKAGE,
                          /* Translators: %1$d is the days since the last trade, %2$d the trades
                           * in the window, %3$s the money in the window (CNY); %4$d, %5$d and
                           * %6$d are the R, F and M scores, written together as the cell, e.g.
                           * "545". */
                          "RFM: recency %1$d day, frequency %2$d and monetary %3$s give "
                          "R %4$d, F %5$d, M %6$d (cell %4$d%5$d%6$d).",
                          "RFM: recency %1$d days, frequency %2$d and monetary %3$s give "
                          "R %4$d, F %5$d, M %6$d (cell %4$d%5$d%6$d).",
                          (gulong) MAX (l->recency_days, 0)),
        l->recency_days, l->frequency, monetary, l->r_score, l->f_score, l->m_score);
  if (l->rfm_segment >= 0 && l->rfm_segment < AWB_SEGMENT_OTHERS)
    {
      for (guint i = 0; i < s->rfm.n_boxes; i++)
        if ((int) s->rfm.boxes[i].segment == l->rfm_segment)
          {
            g_autofree char *box = box_text (&s->rfm.boxes[i]);
            /* Translators: %1$s is the segment, %2$u the number of its box in
             * the ordered list of boxes, %3$s the box's ranges, e.g. "R 4–5,
             * F 1–3, M 1–5" */
            line (out, _("Segment: %1$s, box %2$u of the first-match list (%3$s)."),
                  label_of (AWB_KIND_RFM_SEGMENT, l->rfm_segment), i + 1, box);
            break;
          }
    }
  else
    /* Translators: %s is the segment, Others */
    line (out, _("Segment: %s, no box matched."),
          label_of (AWB_KIND_RFM_SEGMENT, l->rfm_segment));
  /* Translators: %s is the state: Active, Churn risk or Dormant */
  line (out, _("RFM state: %s (active R ≥ 3; else churn risk F ≥ 3 or M ≥ 4; else dormant)."),
        label_of (AWB_KIND_RFM_STATE, l->rfm_state));
}

/* "job 8, burden 6, housing 6, experience 2, knowledge 2": the points of
 * the answers @first … @last. */
static char *
answer_list (const AwbRiskDetail *d,
             int                  first,
             int                  last)
{
  static const char *const names[AWB_N_QUESTIONS] = {
    N_("job"), N_("burden"), N_("housing"), N_("experience"), N_("knowledge"),
    N_("priority"), N_("stop-loss"), N_("if it loses"), N_("watching"), N_("results"),
  };
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  for (int q = first; q <= last; q++)
    /* Translators: one item of the list of a questionnaire's answers: %1$s
     * is the question, %2$d the points its answer scored, e.g. "job 10" */
    g_ptr_array_add (items, g_strdup_printf (C_("explain list item", "%1$s %2$d"),
                                             _(names[q]), d->answer_points[q]));
  return join_list (items);
}

/* The risk profile's lines: capacity, attitude, bands, allocation, level. */
static void
explain_risk_profile (GString               *out,
                      const AwbSettings     *s,
                      const AwbClientFacts  *f,
                      const AwbClientLabels *l,
                      const AwbRiskDetail   *d)
{
  if (d->has_profile)
    {
      g_autofree char *capacity_answers = answer_list (d, AWB_Q_JOB, AWB_Q_KNOWLEDGE);
      g_autofree char *attitude_answers = answer_list (d, AWB_Q_PRIORITY, AWB_Q_RESULTS);

      /* Translators: %1$d is the risk capacity, %2$s its band (Low … High),
       * %3$d the points for the client's age %4$d, %5$s the list of the five
       * answers' points, e.g. "job 8, burden 6, housing 6, experience 2,
       * knowledge 2". */
      line (out, _("Capacity %1$d (band %2$s): %3$d points for age %4$d, plus %5$s for the "
                   "five answers."),
            l->capacity, label_of (AWB_KIND_BAND, l->capacity_band), d->age_points, d->age,
            capacity_answers);
      /* Translators: %1$d is the risk attitude, %2$s its band (Low … High),
       * %3$d the points for the largest loss the client accepts, %4$d that
       * loss in percent, %5$s the list of the five answers' points, e.g.
       * "priority 4, stop-loss 4, if it loses 4, watching 4, results 4". */
      line (out, _("Attitude %1$d (band %2$s): %3$d points for a largest accepted loss of "
                   "%4$d%%, plus %5$s for the five answers."),
            l->attitude, label_of (AWB_KIND_BAND, l->attitude_band), d->loss_points,
            f->loss_tolerance_pct, attitude_answers);
      /* Translators: the four bounds between the five bands of a score */
      line (out, _("Bands: low < %1$d ≤ mid-low < %2$d ≤ mid < %3$d ≤ mid-high < %4$d ≤ high."),
            s->band_bounds[0], s->band_bounds[1], s->band_bounds[2], s->band_bounds[3]);
      /* Translators: %1$d and %2$d are the capacity and attitude band indexes
       * (0 = low … 4 = high), %3$d their sum k; then the percentages of
       * low-, medium- and high-risk products. */
      line (out, _("Allocation for k = %1$d + %2$d = %3$d (the capacity and attitude band "
                   "indexes): low-risk %4$d%%, medium-risk %5$d%%, high-risk %6$d%%."),
            l->capacity_band, l->attitude_band, l->capacity_band + l->attitude_band,
            l->alloc_low, l->alloc_mid, l->alloc_high);
    }
  else
    line (out, "%s", _("Risk profile: none (an answer of the questionnaire or the birth date "
                       "is missing); capacity, attitude, bands and allocation are empty."));

  if (d->lowest_category)
    line (out, "%s", _("Level C1: lowest category, R1 products only, no override."));
  else if (d->professional)
    {
      g_autofree char *aum = money (f->aum);
      g_autofree char *min = money (s->professional_aum);
      /* Translators: %1$s is the client's AUM, %2$s the least AUM of a
       * professional investor (CNY), %3$d the number of the experience
       * answer (1–3: at least two years) */
      line (out, _("Level P: professional investor (AUM %1$s ≥ %2$s and experience answer "
                   "%3$d, at least two years)."),
            aum, min, f->q_capacity[AWB_Q_EXPERIENCE]);
    }
  else if (l->risk_level >= 0)
    /* Translators: %1$s is the level (C1–C5), %2$s and %3$s the capacity and
     * attitude bands (Low … High); the lower band gives the level. */
    line (out, _("Level %1$s from the lower band (capacity %2$s, attitude %3$s)."),
          awb_code_to_string (AWB_KIND_RISK_LEVEL, l->risk_level),
          label_of (AWB_KIND_BAND, l->capacity_band),
          label_of (AWB_KIND_BAND, l->attitude_band));
  else
    line (out, "%s", _("Level: none without a risk profile."));
}

/* The suitability line: the mismatches of the last 12 months' trades. */
static void
explain_suitability (GString               *out,
                     const AwbClientFacts  *f,
                     const AwbClientLabels *l,
                     const AwbRiskDetail   *d)
{
  if (l->mismatches == AWB_UNKNOWN)
    line (out, "%s", _("Suitability: not checked without a level."));
  else if (l->risk_level == AWB_LEVEL_P)
    line (out, "%s", _("Suitability: professional investors are not checked for mismatches."));
  else
    {
      g_autofree char *all = counts_text (f->n_12m_by_risk);
      g_autofree char *unsigned_ = counts_text (f->n_12m_by_risk_no_override);

      if (d->lowest_category)
        line (out, g_dngettext (GETTEXT_PACKAGE,
                                /* Translators: %1$d is the number of mismatches, %2$d the
                                 * highest product level the client may hold (R1); %3$s and %4$s
                                 * are the trades of the last 12 months by product level R1–R5,
                                 * all of them and those without a signed special risk warning,
                                 * e.g. "0/0/1/0/0". */
                                "Suitability: %1$d mismatch, counting the trades of the last 12 "
                                "months above R%2$d, signed warning or not, since the client is "
                                "in the lowest category (trades by level R1–R5: %3$s, without a "
                                "signed warning: %4$s).",
                                "Suitability: %1$d mismatches, counting the trades of the last "
                                "12 months above R%2$d, signed warning or not, since the client "
                                "is in the lowest category (trades by level R1–R5: %3$s, without "
                                "a signed warning: %4$s).",
                                (gulong) l->mismatches),
              l->mismatches, l->risk_level + 1, all, unsigned_);
      else
        line (out, g_dngettext (GETTEXT_PACKAGE,
                                /* Translators: %1$d is the number of mismatches, %2$d the
                                 * highest product level the client may hold (R%2$d); %3$s and
                                 * %4$s are the trades of the last 12 months by product level
                                 * R1–R5, all of them and those without a signed special risk
                                 * warning, e.g. "0/0/1/0/0". */
                                "Suitability: %1$d mismatch, counting the trades of the last 12 "
                                "months above R%2$d without a signed special risk warning "
                                "(trades by level R1–R5: %3$s, without a signed warning: %4$s).",
                                "Suitability: %1$d mismatches, counting the trades of the last "
                                "12 months above R%2$d without a signed special risk warning "
                                "(trades by level R1–R5: %3$s, without a signed warning: %4$s).",
                                (gulong) l->mismatches),
              l->mismatches, l->risk_level + 1, all, unsigned_);
    }
}

/* The questionnaire's lines: when taken, until when valid, re-assessment. */
static void
explain_questionnaire (GString               *out,
                       const AwbSettings     *s,
                       const AwbClientFacts  *f,
                       const AwbClientLabels *l,
                       const AwbRiskDetail   *d)
{
  if (f->assessed_on == AWB_DATE_NONE)
    line (out, "%s", _("Questionnaire: no assessment date."));
  else
    {
      g_autofree char *taken = date_text (f->assessed_on);
      g_autofree char *expires = date_text (d->expires_on);

      if (l->questionnaire_expired == 1)
        /* Translators: %1$s is the date of the assessment, %2$s the date it
         * expired on, %3$d the months a questionnaire stays valid */
        line (out, _("Questionnaire: taken %1$s, expired since %2$s (%3$d months)."),
              taken, expires, s->expiry_months);
      else
        /* Translators: %1$s is the date of the assessment, %2$s the date it
         * expires on, %3$d the months a questionnaire stays valid */
        line (out, _("Questionnaire: taken %1$s, valid until the day before %2$s "
                     "(%3$d months)."),
              taken, expires, s->expiry_months);
    }
  if (awb_nba_reassess (f))
    {
      g_autofree char *changed = date_text (f->profile_changed_on);
      /* Translators: %s is a date */
      line (out, _("Re-assessment asked: a field the questionnaire used changed on %s."),
            changed);
    }
}

/**
 * awb_explain_risk_profile:
 * @as_of: the day the profile is scored on (today, in the profile editor)
 * @facts: the client's profile (only its profile fields are read)
 * @labels: (out caller-allocates) (optional): the risk labels @facts give
 *
 * The risk profile of @facts scored as a run scores it, and explained in
 * the lines `explain` prints for it: capacity, attitude, bands, allocation,
 * level, the questionnaire's validity and re-assessment (not suitability,
 * which needs the trades).  What the profile editor shows as each answer
 * changes.
 *
 * Returns: (transfer full): the lines, each ending in a newline.
 */
char *
awb_explain_risk_profile (const AwbSettings     *s,
                          AwbDate                as_of,
                          const AwbClientFacts  *facts,
                          AwbClientLabels       *labels)
{
  GString *out = g_string_new (NULL);
  AwbClientLabels l;
  AwbRiskDetail d;

  g_return_val_if_fail (s != NULL && facts != NULL, NULL);

  awb_rfm_labels_init (&l);
  awb_risk_classify (s, as_of, facts, &l, &d);
  explain_risk_profile (out, s, facts, &l, &d);
  explain_questionnaire (out, s, facts, &l, &d);
  if (labels != NULL)
    *labels = l;
  return g_string_free (out, FALSE);
}

static void
explain_risk (GString               *out,
              const AwbSettings     *s,
              AwbDate                as_of,
              const AwbClientFacts  *f,
              const AwbClientLabels *l)
{
  AwbRiskDetail d;
  AwbClientLabels tmp = *l;

  awb_risk_classify (s, as_of, f, &tmp, &d);
  explain_risk_profile (out, s, f, l, &d);
  explain_suitability (out, f, l, &d);
  explain_questionnaire (out, s, f, l, &d);
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
  g_autofree char *high = num (s->high_loyalty);
  const char *competitor;
  const char *driver;

  awb_loyalty_classify (s, as_of, f, &tmp, &d);
  sat = num (d.satisfaction);
  ref = num (d.referrals);
  share = num (d.share);
  ten = num (d.tenure);
  cont = num (d.continuity);
  rec = num (d.recency);
  years = num (d.tenure_years);
  score = num (l->loyalty_score);

  if (f->competitor_account)
    /* Translators: why exclusivity is 0, shown in parentheses after it */
    competitor = _("competitor account known");
  else
    /* Translators: why exclusivity is 100, shown in parentheses after it */
    competitor = _("no known competitor account");

  if (f->latest_survey >= 1)
    /* Translators: the dependency's arithmetic.  %1$s is the dependency;
     * %2$s × satisfaction %3$s, with %4$d the latest survey's score (1–5);
     * %5$s × referrals %6$s, with %7$d the referrals the client made;
     * %8$s × share of wallet %9$s; %10$s × exclusivity %11$d, with %12$s
     * saying whether a competitor account is known. */
    line (out, _("Dependency %1$s = %2$s × satisfaction %3$s (latest survey %4$d) + "
                 "%5$s × referrals %6$s (%7$d made) + %8$s × share of wallet %9$s + "
                 "%10$s × exclusivity %11$d (%12$s)."),
          dep, w0, sat, f->latest_survey, w1, ref, f->referrals, w2, share,
          w3, (int) d.exclusivity, competitor);
  else
    /* Translators: the dependency's arithmetic.  %1$s is the dependency;
     * %2$s × satisfaction %3$s; %4$s × referrals %5$s, with %6$d the
     * referrals the client made; %7$s × share of wallet %8$s; %9$s ×
     * exclusivity %10$d, with %11$s saying whether a competitor account is
     * known. */
    line (out, _("Dependency %1$s = %2$s × satisfaction %3$s (no survey) + "
                 "%4$s × referrals %5$s (%6$d made) + %7$s × share of wallet %8$s + "
                 "%9$s × exclusivity %10$d (%11$s)."),
          dep, w0, sat, w1, ref, f->referrals, w2, share, w3, (int) d.exclusivity, competitor);
  if (l->r_score >= 1)
    /* Translators: the persistence's arithmetic.  %1$s is the persistence;
     * %2$s × tenure %3$s, with %4$s the years since the account opened;
     * %5$s × continuity %6$s, with %7$d the months of the last 12 with a
     * trade; %8$s × recency %9$s, with %10$d the R score. */
    line (out, _("Persistence %1$s = %2$s × tenure %3$s (%4$s years) + %5$s × continuity %6$s "
                 "(%7$d of 12 months traded) + %8$s × recency %9$s (R %10$d)."),
          per, p0, ten, years, p1, cont, d.months, p2, rec, l->r_score);
  else
    /* Translators: the persistence's arithmetic.  %1$s is the persistence;
     * %2$s × tenure %3$s, with %4$s the years since the account opened;
     * %5$s × continuity %6$s, with %7$d the months of the last 12 with a
     * trade; %8$s × recency %9$s (0: a prospect has no R score). */
    line (out, _("Persistence %1$s = %2$s × tenure %3$s (%4$s years) + %5$s × continuity %6$s "
                 "(%7$d of 12 months traded) + %8$s × recency %9$s (a prospect)."),
          per, p0, ten, years, p1, cont, d.months, p2, rec);

  driver = label_of (AWB_KIND_LOYALTY_DRIVER,
                     f->loyalty_driver >= 0 ? f->loyalty_driver : AWB_DRIVER_UNKNOWN);
  if (d.persistence_high && d.dependency_high)
    /* Translators: %1$s is the loyalty type, %2$s the threshold of both
     * axes (a score from it on is high), %3$s the loyalty driver */
    line (out, _("Loyalty type: %1$s, with persistence and dependency both high (at least "
                 "%2$s) and the driver %3$s."),
          label_of (AWB_KIND_LOYALTY_TYPE, l->loyalty_type), thr, driver);
  else if (d.persistence_high)
    /* Translators: %1$s is the loyalty type, %2$s the threshold of both
     * axes (a score from it on is high), %3$s the loyalty driver */
    line (out, _("Loyalty type: %1$s, with persistence high (at least %2$s), dependency low "
                 "(below %2$s) and the driver %3$s."),
          label_of (AWB_KIND_LOYALTY_TYPE, l->loyalty_type), thr, driver);
  else if (d.dependency_high)
    /* Translators: %1$s is the loyalty type, %2$s the threshold of both
     * axes (a score from it on is high), %3$s the loyalty driver */
    line (out, _("Loyalty type: %1$s, with persistence low (below %2$s), dependency high "
                 "(at least %2$s) and the driver %3$s."),
          label_of (AWB_KIND_LOYALTY_TYPE, l->loyalty_type), thr, driver);
  else
    /* Translators: %1$s is the loyalty type, %2$s the threshold of both
     * axes (a score from it on is high), %3$s the loyalty driver */
    line (out, _("Loyalty type: %1$s, with persistence and dependency both low (below %2$s) "
                 "and the driver %3$s."),
          label_of (AWB_KIND_LOYALTY_TYPE, l->loyalty_type), thr, driver);

  if (d.high_loyalty)
    /* Translators: %1$s is the loyalty score, the mean of the dependency %2$s
     * and the persistence %3$s; %4$s the least score of high loyalty */
    line (out, _("Loyalty score %1$s = (%2$s + %3$s) ÷ 2: high loyalty, which starts at %4$s."),
          score, dep, per, high);
  else
    /* Translators: %1$s is the loyalty score, the mean of the dependency %2$s
     * and the persistence %3$s; %4$s the least score of high loyalty */
    line (out, _("Loyalty score %1$s = (%2$s + %3$s) ÷ 2: low loyalty, as high loyalty "
                 "starts at %4$s."),
          score, dep, per, high);

  switch (l->lifecycle)
    {
    case AWB_LIFECYCLE_PROSPECT:
      line (out, "%s", _("Lifecycle: prospect (no trade ever)."));
      break;
    case AWB_LIFECYCLE_CHURNED:
      /* Translators: %1$d is the days since the last trade, %2$d the least
       * days of a churned client */
      line (out, _("Lifecycle: churned (AUM 0 and %1$d days since the last trade, at least "
                   "%2$d)."),
            d.recency_days, s->churn_days);
      break;
    case AWB_LIFECYCLE_DORMANT:
      /* Translators: %1$d is the days since the last trade, %2$d the least
       * days of a dormant client */
      line (out, _("Lifecycle: dormant (%1$d days since the last trade, at least %2$d)."),
            d.recency_days, s->dormant_days);
      break;
    case AWB_LIFECYCLE_NEW:
      {
        g_autofree char *first = date_text (f->first_trade);
        /* Translators: %1$s is the date of the first trade, %2$d the days
         * within which a first trade makes a client new */
        line (out, _("Lifecycle: new (first trade %1$s, within the last %2$d days)."),
              first, s->new_days);
      }
      break;
    case AWB_LIFECYCLE_LOYAL:
      {
        g_autofree char *min = num (s->loyal_years);
        /* Translators: %1$s is the years since the account opened, %2$s the
         * least years of a loyal client */
        line (out, _("Lifecycle: loyal (trust loyalty and %1$s years of tenure, at least %2$s)."),
              years, min);
      }
      break;
    default:
      line (out, "%s", _("Lifecycle: active (no other rule holds)."));
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
  g_autofree char *hnw = money (s->hnw_aum);
  const char *need;

  awb_tier_classify (s, as_of, f, ctx->aum_rank, ctx->frequency_rank, &tmp, &d);
  score = num (l->tier_score);
  f0 = num (d.factor[0]);
  f1 = num (d.factor[1]);
  f2 = num (d.factor[2]);
  f3 = num (d.factor[3]);
  f4 = num (d.factor[4]);
  need = label_of (AWB_KIND_NEED_TYPE, f->need_type >= 0 ? f->need_type : AWB_NEED_BASIC);

  /* %lu, not G_GSIZE_FORMAT: xgettext cuts a msgid at a macro */
  if (l->attitude != AWB_UNKNOWN)
    line (out, g_dngettext (GETTEXT_PACKAGE,
                            /* Translators: the tier score's arithmetic.  %1$s is the score;
                             * then each factor's weight and value: %2$s × asset size %3$s, with
                             * %4$s the AUM (CNY) and %5$lu the clients in the book; %6$s ×
                             * trading frequency %7$s, with %8$u the trades of the last 12
                             * months; %9$s × needs %10$s, with %11$s the need type; %12$s ×
                             * risk preference %13$s, the risk attitude; %14$s × loyalty
                             * %15$s. */
                            "Tier score %1$s = (%2$s × asset size %3$s (AUM %4$s, percent rank "
                            "in %5$lu clients) + %6$s × trading frequency %7$s (%8$u trade in 12 "
                            "months, percent rank) + %9$s × needs %10$s (%11$s) + %12$s × risk "
                            "preference %13$s (risk attitude) + %14$s × loyalty %15$s) ÷ 100.",
                            "Tier score %1$s = (%2$s × asset size %3$s (AUM %4$s, percent rank "
                            "in %5$lu clients) + %6$s × trading frequency %7$s (%8$u trades in 12 "
                            "months, percent rank) + %9$s × needs %10$s (%11$s) + %12$s × risk "
                            "preference %13$s (risk attitude) + %14$s × loyalty %15$s) ÷ 100.",
                            f->n_12m),
          score, w0, f0, aum, (unsigned long) ctx->n_book, w1, f1, f->n_12m, w2, f2, need,
          w3, f3, w4, f4);
  else
    line (out, g_dngettext (GETTEXT_PACKAGE,
                            /* Translators: the tier score's arithmetic.  %1$s is the score;
                             * then each factor's weight and value: %2$s × asset size %3$s, with
                             * %4$s the AUM (CNY) and %5$lu the clients in the book; %6$s ×
                             * trading frequency %7$s, with %8$u the trades of the last 12
                             * months; %9$s × needs %10$s, with %11$s the need type; %12$s ×
                             * risk preference %13$s, 0 without a risk profile; %14$s × loyalty
                             * %15$s. */
                            "Tier score %1$s = (%2$s × asset size %3$s (AUM %4$s, percent rank "
                            "in %5$lu clients) + %6$s × trading frequency %7$s (%8$u trade in 12 "
                            "months, percent rank) + %9$s × needs %10$s (%11$s) + %12$s × risk "
                            "preference %13$s (no risk profile: 0) + %14$s × loyalty %15$s) "
                            "÷ 100.",
                            "Tier score %1$s = (%2$s × asset size %3$s (AUM %4$s, percent rank "
                            "in %5$lu clients) + %6$s × trading frequency %7$s (%8$u trades in 12 "
                            "months, percent rank) + %9$s × needs %10$s (%11$s) + %12$s × risk "
                            "preference %13$s (no risk profile: 0) + %14$s × loyalty %15$s) "
                            "÷ 100.",
                            f->n_12m),
          score, w0, f0, aum, (unsigned long) ctx->n_book, w1, f1, f->n_12m, w2, f2, need,
          w3, f3, w4, f4);
  /* Translators: %1$s is the tier; %2$s, %3$s and %4$s the least scores of
   * the VIP, Key and Standard tiers */
  line (out, _("Tier: %1$s (VIP ≥ %2$s, Key ≥ %3$s, Standard ≥ %4$s, else Basic)."),
        label_of (AWB_KIND_TIER, l->tier), b0, b1, b2);
  line (out, g_dngettext (GETTEXT_PACKAGE,
                          /* Translators: %1$s is the service group; %2$s the client's AUM and
                           * %3$s the least AUM of high net worth (CNY); %4$u the client's trades
                           * of the last 12 months and %5$d the least trades of high frequency */
                          "Service group: %1$s (AUM %2$s, high net worth from %3$s; %4$u trade "
                          "in 12 months, high frequency from %5$d).",
                          "Service group: %1$s (AUM %2$s, high net worth from %3$s; %4$u trades "
                          "in 12 months, high frequency from %5$d).",
                          f->n_12m),
        label_of (AWB_KIND_SERVICE_GROUP, l->service_group), aum, hnw, f->n_12m,
        s->high_freq_trades);

  if (d.cadence_source == 0)
    line (out, g_dngettext (GETTEXT_PACKAGE,
                            /* Translators: %d is the days between contacts, set for this client */
                            "Cadence: %d day, set for this client.",
                            "Cadence: %d days, set for this client.",
                            (gulong) MAX (l->cadence_days, 0)),
          l->cadence_days);
  else if (d.cadence_source == 1)
    line (out, g_dngettext (GETTEXT_PACKAGE,
                            /* Translators: %1$d is the days between contacts, %2$s the client's
                             * tier */
                            "Cadence: %1$d day, the default of the %2$s tier.",
                            "Cadence: %1$d days, the default of the %2$s tier.",
                            (gulong) MAX (l->cadence_days, 0)),
          l->cadence_days, label_of (AWB_KIND_TIER, l->tier));
  else
    line (out, g_dngettext (GETTEXT_PACKAGE,
                            /* Translators: %d is the days between contacts, the book's default */
                            "Cadence: %d day, the book's default.",
                            "Cadence: %d days, the book's default.",
                            (gulong) MAX (l->cadence_days, 0)),
          l->cadence_days);

  if (d.last_contact == AWB_DATE_NONE)
    line (out, "%s", _("Overdue: yes (no interaction and no opening date)."));
  else
    {
      g_autofree char *last = date_text (d.last_contact);
      gulong days = (gulong) ABS (d.days_since_contact);

      if (d.days_since_contact < 0)
        line (out, g_dngettext (GETTEXT_PACKAGE,
                                /* Translators: %1$s is the opening date, %2$d the days from the
                                 * reference date to it, %3$d the cadence in days */
                                "Overdue: no, the account opens on %1$s, %2$d day after the "
                                "reference date (cadence %3$d days).",
                                "Overdue: no, the account opens on %1$s, %2$d days after the "
                                "reference date (cadence %3$d days).",
                                days),
              last, -d.days_since_contact, l->cadence_days);
      else if (f->last_interaction != AWB_DATE_NONE && l->overdue)
        line (out, g_dngettext (GETTEXT_PACKAGE,
                                /* Translators: %1$d is the days since the latest interaction,
                                 * %2$s its date, %3$d the cadence in days */
                                "Overdue: yes, %1$d day since the latest interaction on %2$s, "
                                "more than the cadence of %3$d days.",
                                "Overdue: yes, %1$d days since the latest interaction on %2$s, "
                                "more than the cadence of %3$d days.",
                                days),
              d.days_since_contact, last, l->cadence_days);
      else if (f->last_interaction != AWB_DATE_NONE)
        line (out, g_dngettext (GETTEXT_PACKAGE,
                                /* Translators: %1$d is the days since the latest interaction,
                                 * %2$s its date, %3$d the cadence in days */
                                "Overdue: no, %1$d day since the latest interaction on %2$s, "
                                "within the cadence of %3$d days.",
                                "Overdue: no, %1$d days since the latest interaction on %2$s, "
                                "within the cadence of %3$d days.",
                                days),
              d.days_since_contact, last, l->cadence_days);
      else if (l->overdue)
        line (out, g_dngettext (GETTEXT_PACKAGE,
                                /* Translators: %1$d is the days since the account opened (there
                                 * is no interaction), %2$s the opening date, %3$d the cadence in
                                 * days */
                                "Overdue: yes, %1$d day since the account opened on %2$s and no "
                                "interaction, more than the cadence of %3$d days.",
                                "Overdue: yes, %1$d days since the account opened on %2$s and no "
                                "interaction, more than the cadence of %3$d days.",
                                days),
              d.days_since_contact, last, l->cadence_days);
      else
        line (out, g_dngettext (GETTEXT_PACKAGE,
                                /* Translators: %1$d is the days since the account opened (there
                                 * is no interaction), %2$s the opening date, %3$d the cadence in
                                 * days */
                                "Overdue: no, %1$d day since the account opened on %2$s and no "
                                "interaction, within the cadence of %3$d days.",
                                "Overdue: no, %1$d days since the account opened on %2$s and no "
                                "interaction, within the cadence of %3$d days.",
                                days),
              d.days_since_contact, last, l->cadence_days);
    }

  {
    g_autofree char *large = money (s->capital_large);
    g_autofree char *medium = money (s->capital_medium);
    g_autofree char *amount = money (f->amount_12m);
    g_autofree char *turn = num (d.turnover);
    g_autofree char *t1 = num (s->turnover_stable), *t2 = num (s->turnover_short_term);

    /* Translators: %1$s is the capital size, %2$s the client's AUM, %3$s and
     * %4$s the least AUM of large and medium (CNY) */
    line (out, _("Capital: %1$s (AUM %2$s; large from %3$s, medium from %4$s)."),
          label_of (AWB_KIND_CAPITAL_SIZE, l->capital_size), aum, large, medium);
    if (f->aum <= 0)
      line (out, g_dngettext (GETTEXT_PACKAGE,
                              /* Translators: %1$s is the turnover class, %2$u the trades of the
                               * last 12 months (with AUM 0, any trade makes it short-term) */
                              "Turnover: %1$s (AUM 0; %2$u trade in 12 months).",
                              "Turnover: %1$s (AUM 0; %2$u trades in 12 months).",
                              f->n_12m),
            label_of (AWB_KIND_TURNOVER, l->turnover_class), f->n_12m);
    else
      /* Translators: %1$s is the turnover class, %2$s the turnover, the
       * amount traded in 12 months %3$s divided by the AUM %4$s (CNY); %5$s
       * and %6$s the least turnover of stable and short-term */
      line (out, _("Turnover: %1$s (%2$s = amount %3$s ÷ AUM %4$s; stable from %5$s, "
                   "short-term from %6$s)."),
            label_of (AWB_KIND_TURNOVER, l->turnover_class), turn, amount, aum, t1, t2);
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
    line (out, "%s", _("Age group and life stage: unknown (no birth date)."));
  else
    /* Translators: %1$d is the age, %2$s the age group, %3$s the life stage,
     * %4$s the stage's financial focus (a text of the settings) */
    line (out, _("Age %1$d: age group %2$s, life stage %3$s (focus: %4$s)."), age,
          label_of (AWB_KIND_AGE_GROUP, l->age_group),
          label_of (AWB_KIND_LIFE_STAGE, l->life_stage),
          awb_settings_text (s->life_stage_focus[l->life_stage]));
  {
    g_autofree char *youngest = f->youngest_child_age >= 0
                                ? g_strdup_printf ("%d", f->youngest_child_age)
                                : g_strdup (_("unknown"));
    line (out, g_dngettext (GETTEXT_PACKAGE,
                            /* Translators: %1$s is the family life cycle stage, %2$s the rule
                             * that gave it (e.g. "rule 4: youngest child 6–17"), %3$s the
                             * marital status, %4$d the number of children, %5$s the youngest
                             * child's age (or "unknown"), %6$s the employment status */
                            "Family life cycle: %1$s (%2$s; marital status %3$s, %4$d child, "
                            "youngest %5$s, employment %6$s).",
                            "Family life cycle: %1$s (%2$s; marital status %3$s, %4$d children, "
                            "youngest %5$s, employment %6$s).",
                            (gulong) MAX (f->children, 0)),
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

  /* %lu, not G_GSIZE_FORMAT, in the messages: xgettext cuts a msgid at a
   * macro */
  awb_value_cuts (s, ctx->n_book, &n_high, &n_medium);
  /* Translators: %1$s is the lifetime value and %2$s the commission of the
   * last 12 months (CNY), %3$s the retention rate of the loyalty type %5$s,
   * %4$s the discount rate */
  line (out, _("Lifetime value %1$s = commission of 12 months %2$s × %3$s ÷ (1 + %4$s − %3$s), "
               "with %3$s the retention rate of %5$s and %4$s the discount rate."),
        clv, comm, r, d, label_of (AWB_KIND_LOYALTY_TYPE, l->loyalty_type));
  /* Translators: %1$s is the value tier, %2$u the client's place in the
   * ranking by lifetime value, %3$lu the clients in the book, %4$lu the
   * number of high-value places, %5$lu the last medium-value place */
  line (out, _("Value tier: %1$s (place %2$u of %3$lu; high: the first %4$lu, medium: up to "
               "%5$lu)."),
        label_of (AWB_KIND_VALUE_TIER, l->value_tier),
        ctx->value_position + 1, (unsigned long) ctx->n_book,
        (unsigned long) n_high, (unsigned long) n_medium);
}

/**
 * awb_explain_client_parts:
 *
 * The explanation of awb_explain_client() without its heading line, cut
 * where one group of labels ends and the next begins, so that a window can
 * show each group's sentences beside its labels.
 *
 * Returns: (transfer full): %AWB_N_EXPLAIN_PARTS texts, indexed by
 * #AwbExplainPart, each one line per label, and %NULL after them.
 */
char **
awb_explain_client_parts (const AwbSettings       *s,
                          AwbDate                  as_of,
                          const AwbClientFacts    *f,
                          const AwbClientLabels   *l,
                          const AwbExplainContext *ctx)
{
  char **parts = g_new0 (char *, AWB_N_EXPLAIN_PARTS + 1);
  g_autoptr(GPtrArray) actions = NULL;
  GString *out;

  g_return_val_if_fail (s != NULL && f != NULL && l != NULL && ctx != NULL, NULL);

  out = g_string_new (NULL);
  if (ctx->rfm_explanation != NULL)
    /* Translators: %s is the RFM explanation, a few sentences */
    line (out, _("RFM: %s"), ctx->rfm_explanation);
  else
    explain_rfm (out, s, l);
  parts[AWB_EXPLAIN_RFM] = g_string_free (out, FALSE);

  out = g_string_new (NULL);
  explain_tier (out, s, as_of, f, l, ctx);
  parts[AWB_EXPLAIN_TIER] = g_string_free (out, FALSE);

  out = g_string_new (NULL);
  explain_loyalty (out, s, as_of, f, l);
  parts[AWB_EXPLAIN_LOYALTY] = g_string_free (out, FALSE);

  out = g_string_new (NULL);
  explain_risk (out, s, as_of, f, l);
  parts[AWB_EXPLAIN_RISK] = g_string_free (out, FALSE);

  out = g_string_new (NULL);
  explain_lifestage (out, s, as_of, f, l);
  parts[AWB_EXPLAIN_LIFE_STAGE] = g_string_free (out, FALSE);

  out = g_string_new (NULL);
  explain_value (out, s, f, l, ctx);
  parts[AWB_EXPLAIN_VALUE] = g_string_free (out, FALSE);

  out = g_string_new (NULL);
  actions = awb_nba_list (s, as_of, f, l);
  line (out, "%s", _("Next best actions:"));
  for (guint i = 0; i < actions->len; i++)
    {
      AwbAction *a = g_ptr_array_index (actions, i);
      g_string_append (out, "  ");
      /* Translators: one of the numbered next best actions: %1$u is its
       * number, %2$s what to do (a text of the settings), %3$s the rule that
       * asks for it, e.g. "RFM segment Champions with R 5, F 5, M 5" */
      line (out, _("%1$u. %2$s (%3$s)"), i + 1, a->text, a->rule);
    }
  parts[AWB_EXPLAIN_ACTIONS] = g_string_free (out, FALSE);

  return parts;
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
  g_auto(GStrv) parts = NULL;
  g_autofree char *date = awb_date_format (as_of);

  g_return_val_if_fail (s != NULL && f != NULL && l != NULL && ctx != NULL, NULL);

  /* Translators: %1$s is the client's account number, %2$s the reference date */
  line (out, _("Client %1$s as of %2$s"), f->client_no ? f->client_no : "", date);
  parts = awb_explain_client_parts (s, as_of, f, l, ctx);
  for (guint i = 0; i < AWB_N_EXPLAIN_PARTS; i++)
    g_string_append (out, parts[i]);
  return g_string_free (out, FALSE);
}
