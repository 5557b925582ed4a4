/* awb-nba.c: the ordered next best actions of one client (spec §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every rule of §10 that applies adds one action, in the spec's order:
 * suitability mismatch; expired questionnaire, re-assessment or no
 * profile; overdue follow-up; the RFM segment's strategy; loyalty-type
 * conversion; tier service (VIP, then the frequency group's); life-stage
 * focus.  Needs the client's filled labels.
 */
#define G_LOG_DOMAIN "awb-nba"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "awb-codes.h"
#include "awb-date.h"
#include "awb-nba.h"

void
awb_action_free (AwbAction *action)
{
  if (action == NULL)
    return;
  g_free (action->text);
  g_free (action->rule);
  g_free (action);
}

static void
add (GPtrArray     *list,
     AwbActionKind  kind,
     const char    *text,
     char          *rule)
{
  AwbAction *a = g_new0 (AwbAction, 1);

  a->kind = kind;
  a->text = g_strdup (awb_settings_text (text));
  a->rule = rule;
  g_ptr_array_add (list, a);
}

/* A field the questionnaire used changed after the assessment. */
gboolean
awb_nba_reassess (const AwbClientFacts *f)
{
  return f->assessed_on != AWB_DATE_NONE && f->profile_changed_on != AWB_DATE_NONE &&
         f->profile_changed_on > f->assessed_on;
}

/**
 * awb_nba_list:
 *
 * Returns: (transfer full) (element-type AwbAction): the actions that
 * apply, most urgent first.
 */
GPtrArray *
awb_nba_list (const AwbSettings     *s,
              AwbDate                as_of,
              const AwbClientFacts  *f,
              const AwbClientLabels *l)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) awb_action_free);

  if (l->mismatches > 0)
    add (list, AWB_ACTION_MISMATCH, s->nba_text[AWB_TEXT_MISMATCH],
         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: why the action is asked for: %1$d is the
                                        * number of trades, %2$s the client's level (C1–C5) */
                                       "%1$d trade of the last 12 months is above level %2$s "
                                       "without a signed override",
                                       "%1$d trades of the last 12 months are above level %2$s "
                                       "without a signed override",
                                       l->mismatches),
                          l->mismatches, awb_code_to_string (AWB_KIND_RISK_LEVEL, l->risk_level)));

  if (l->questionnaire_expired == 1)
    {
      g_autofree char *taken = awb_date_format (f->assessed_on);
      g_autofree char *expired = awb_date_format (awb_date_add_months (f->assessed_on,
                                                                       s->expiry_months));
      add (list, AWB_ACTION_EXPIRED, s->nba_text[AWB_TEXT_EXPIRED],
           /* Translators: why the action is asked for: %1$s is the date of
            * the assessment, %2$s the date it expired on, %3$d the months a
            * questionnaire stays valid */
           g_strdup_printf (_("questionnaire taken %1$s, expired from %2$s after %3$d months"),
                            taken, expired, s->expiry_months));
    }
  if (awb_nba_reassess (f))
    {
      g_autofree char *taken = awb_date_format (f->assessed_on);
      g_autofree char *changed = awb_date_format (f->profile_changed_on);
      add (list, AWB_ACTION_REASSESS, s->nba_text[AWB_TEXT_REASSESS],
           /* Translators: why the action is asked for: %1$s is the date of
            * the change, %2$s the date of the assessment */
           g_strdup_printf (_("a field the questionnaire used changed on %1$s, after the "
                              "assessment of %2$s"), changed, taken));
    }
  if (l->capacity == AWB_UNKNOWN && l->risk_level != AWB_LEVEL_P)
    add (list, AWB_ACTION_NO_PROFILE, s->nba_text[AWB_TEXT_NO_PROFILE],
         g_strdup (_("an answer of the questionnaire or the birth date is missing")));

  if (l->overdue == 1)
    {
      if (f->last_interaction == AWB_DATE_NONE && f->opened_on == AWB_DATE_NONE)
        add (list, AWB_ACTION_OVERDUE, s->nba_text[AWB_TEXT_OVERDUE],
             g_strdup (_("no interaction and no opening date on record")));
      else
        {
          AwbDate last = f->last_interaction != AWB_DATE_NONE ? f->last_interaction : f->opened_on;
          g_autofree char *date = awb_date_format (last);
          add (list, AWB_ACTION_OVERDUE, s->nba_text[AWB_TEXT_OVERDUE],
               /* Translators: why the action is asked for: %1$d is the days
                * since the last contact, %2$s its date, %3$d the cadence in
                * days */
               g_strdup_printf (_("%1$d days since the last contact on %2$s exceed the cadence "
                                  "of %3$d days"), as_of - last, date, l->cadence_days));
        }
    }

  if (l->rfm_segment >= 0 && l->rfm_segment < AWB_N_SEGMENTS)
    add (list, AWB_ACTION_SEGMENT, s->segment_strategy[l->rfm_segment],
         /* Translators: why the action is asked for: %1$s is the segment,
          * %2$d, %3$d and %4$d the R, F and M scores */
         g_strdup_printf (_("RFM segment %1$s with R %2$d, F %3$d, M %4$d"),
                          awb_code_get_label (AWB_KIND_RFM_SEGMENT, l->rfm_segment),
                          l->r_score, l->f_score, l->m_score));

  if (l->loyalty_type != AWB_LOYALTY_TRUST)
    add (list, AWB_ACTION_LOYALTY, s->loyalty_conversion[l->loyalty_type],
         /* Translators: why the action is asked for: %s is the loyalty type */
         g_strdup_printf (_("loyalty type %s: move it toward trust loyalty"),
                          awb_code_get_label (AWB_KIND_LOYALTY_TYPE, l->loyalty_type)));

  if (l->tier == AWB_TIER_VIP)
    add (list, AWB_ACTION_VIP, s->nba_text[AWB_TEXT_VIP],
         g_strdup (_("VIP tier")));
  if (l->service_group == AWB_GROUP_HNW_HIGH_FREQ ||
      l->service_group == AWB_GROUP_ORDINARY_HIGH_FREQ)
    add (list, AWB_ACTION_FREQUENCY, s->nba_text[AWB_TEXT_HIGH_FREQ],
         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: why the action is asked for: %1$u is the
                                        * client's trades of the last 12 months, %2$d the least
                                        * trades of high frequency */
                                       "%1$u trade in the last 12 months, at least %2$d: "
                                       "high frequency",
                                       "%1$u trades in the last 12 months, at least %2$d: "
                                       "high frequency",
                                       f->n_12m),
                          f->n_12m, s->high_freq_trades));
  else
    add (list, AWB_ACTION_FREQUENCY, s->nba_text[AWB_TEXT_LOW_FREQ],
         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: why the action is asked for: %1$u is the
                                        * client's trades of the last 12 months, %2$d the least
                                        * trades of high frequency */
                                       "%1$u trade in the last 12 months, fewer than %2$d: "
                                       "low frequency",
                                       "%1$u trades in the last 12 months, fewer than %2$d: "
                                       "low frequency",
                                       f->n_12m),
                          f->n_12m, s->high_freq_trades));

  if (l->life_stage >= 0)
    add (list, AWB_ACTION_LIFE_STAGE, s->life_stage_focus[l->life_stage],
         /* Translators: why the action is asked for: %s is the life stage */
         g_strdup_printf (_("life stage %s"),
                          awb_code_get_label (AWB_KIND_LIFE_STAGE, l->life_stage)));

  return list;
}

/**
 * awb_nba_first:
 *
 * The kind of the first action awb_nba_list() gives (there is always one:
 * the frequency group's service applies to everyone), without its texts:
 * what a scoring run stores for each client (scores.first_action), a
 * million times.  Needs the same filled labels.
 */
AwbActionKind
awb_nba_first (const AwbClientFacts  *f,
               const AwbClientLabels *l)
{
  if (l->mismatches > 0)
    return AWB_ACTION_MISMATCH;
  if (l->questionnaire_expired == 1)
    return AWB_ACTION_EXPIRED;
  if (awb_nba_reassess (f))
    return AWB_ACTION_REASSESS;
  if (l->capacity == AWB_UNKNOWN && l->risk_level != AWB_LEVEL_P)
    return AWB_ACTION_NO_PROFILE;
  if (l->overdue == 1)
    return AWB_ACTION_OVERDUE;
  if (l->rfm_segment >= 0 && l->rfm_segment < AWB_N_SEGMENTS)
    return AWB_ACTION_SEGMENT;
  if (l->loyalty_type != AWB_LOYALTY_TRUST)
    return AWB_ACTION_LOYALTY;
  if (l->tier == AWB_TIER_VIP)
    return AWB_ACTION_VIP;
  return AWB_ACTION_FREQUENCY;
}

/**
 * awb_nba_action_text:
 * @kind: an action of the client's, e.g. its stored first action
 * @labels: the client's labels; those the text depends on must be filled
 *   (the segment, loyalty type, service group and life stage)
 *
 * Returns: what to do, the book's text from @s, translated when it is a
 * default text; %NULL when @labels lack what @kind needs.
 */
const char *
awb_nba_action_text (const AwbSettings     *s,
                     AwbActionKind          kind,
                     const AwbClientLabels *l)
{
  const char *text = NULL;

  g_return_val_if_fail (s != NULL && l != NULL, NULL);

  switch (kind)
    {
    case AWB_ACTION_MISMATCH:
      text = s->nba_text[AWB_TEXT_MISMATCH];
      break;
    case AWB_ACTION_EXPIRED:
      text = s->nba_text[AWB_TEXT_EXPIRED];
      break;
    case AWB_ACTION_REASSESS:
      text = s->nba_text[AWB_TEXT_REASSESS];
      break;
    case AWB_ACTION_NO_PROFILE:
      text = s->nba_text[AWB_TEXT_NO_PROFILE];
      break;
    case AWB_ACTION_OVERDUE:
      text = s->nba_text[AWB_TEXT_OVERDUE];
      break;
    case AWB_ACTION_SEGMENT:
      if (l->rfm_segment >= 0 && l->rfm_segment < AWB_N_SEGMENTS)
        text = s->segment_strategy[l->rfm_segment];
      break;
    case AWB_ACTION_LOYALTY:
      if (l->loyalty_type >= 0 && l->loyalty_type <= AWB_LOYALTY_NOT_LOYAL)
        text = s->loyalty_conversion[l->loyalty_type];
      break;
    case AWB_ACTION_VIP:
      text = s->nba_text[AWB_TEXT_VIP];
      break;
    case AWB_ACTION_FREQUENCY:
      if (l->service_group >= 0)
        text = l->service_group == AWB_GROUP_HNW_HIGH_FREQ ||
               l->service_group == AWB_GROUP_ORDINARY_HIGH_FREQ
               ? s->nba_text[AWB_TEXT_HIGH_FREQ] : s->nba_text[AWB_TEXT_LOW_FREQ];
      break;
    case AWB_ACTION_LIFE_STAGE:
      if (l->life_stage >= 0 && l->life_stage <= AWB_STAGE_RETIRED)
        text = s->life_stage_focus[l->life_stage];
      break;
    default:
      break;
    }
  return text != NULL ? awb_settings_text (text) : NULL;
}
