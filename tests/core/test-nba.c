/* test-nba.c: the order of next best actions (spec §10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "awb-nba.h"
#include "test-facts.h"

#define AS_OF "2026-06-30"

static void
assert_kinds (GPtrArray           *list,
              const AwbActionKind *kinds,
              guint                n)
{
  if (list->len != n)
    g_error ("%u actions, expected %u", list->len, n);
  for (guint i = 0; i < n; i++)
    {
      AwbAction *a = g_ptr_array_index (list, i);
      g_assert_cmpint (a->kind, ==, kinds[i]);
      g_assert_nonnull (a->text);
      g_assert_cmpstr (a->text, !=, "");
      g_assert_nonnull (a->rule);
    }
}

/* Every rule applies, so every action is listed, most urgent first:
 * mismatch, expired, re-assessment, overdue, segment, loyalty conversion,
 * VIP service, frequency service, life-stage focus. */
static void
test_full_order (void)
{
  static const AwbActionKind kinds[] = {
    AWB_ACTION_MISMATCH, AWB_ACTION_EXPIRED, AWB_ACTION_REASSESS, AWB_ACTION_OVERDUE,
    AWB_ACTION_SEGMENT, AWB_ACTION_LOYALTY, AWB_ACTION_VIP, AWB_ACTION_FREQUENCY,
    AWB_ACTION_LIFE_STAGE,
  };
  g_autoptr(AwbSettings) s = awb_settings_new ();
  g_autoptr(GPtrArray) list = NULL;
  AwbClientFacts f;
  AwbClientLabels l;
  AwbAction *a;

  test_blank_client (&f, &l);
  f.assessed_on = test_date ("2024-01-15");
  f.profile_changed_on = test_date ("2025-03-01");
  f.opened_on = test_date ("2020-01-01");
  f.last_interaction = test_date ("2026-01-01");
  f.n_12m = 60;
  l.mismatches = 2;
  l.risk_level = AWB_LEVEL_C3;
  l.capacity = 50;
  l.questionnaire_expired = 1;
  l.overdue = 1;
  l.cadence_days = 30;
  l.rfm_segment = AWB_SEGMENT_CHAMPIONS;
  l.r_score = l.f_score = l.m_score = 5;
  l.loyalty_type = AWB_LOYALTY_INERTIA;
  l.tier = AWB_TIER_VIP;
  l.service_group = AWB_GROUP_HNW_HIGH_FREQ;
  l.life_stage = AWB_STAGE_ADULT;

  list = awb_nba_list (s, test_date (AS_OF), &f, &l);
  assert_kinds (list, kinds, G_N_ELEMENTS (kinds));
  /* what a run stores is the first of the list */
  g_assert_cmpint (awb_nba_first (&f, &l), ==, kinds[0]);

  /* The texts are the settings': the champions' strategy, the high
   * frequency service, the adult stage's focus. */
  a = g_ptr_array_index (list, 4);
  g_assert_cmpstr (a->text, ==, "Upsell, cross-sell and ask for referrals");
  a = g_ptr_array_index (list, 7);
  g_assert_cmpstr (a->text, ==, "High-frequency service: fast trading platform and real-time data");
  a = g_ptr_array_index (list, 8);
  g_assert_cmpstr (a->text, ==, "Home and children's education");
  /* the overdue rule: 2026-01-01 to 2026-06-30 is 180 days */
  a = g_ptr_array_index (list, 3);
  g_assert_cmpstr (a->rule, ==, "180 days since the last contact on 2026-01-01 exceed the "
                                "cadence of 30 days");
  /* each rule is one clause, without nested parentheses: the action line
   * puts it in parentheses */
  a = g_ptr_array_index (list, 0);
  g_assert_cmpstr (a->rule, ==, "2 trades of the last 12 months are above level C3 without a "
                                "signed override");
  a = g_ptr_array_index (list, 1);
  g_assert_cmpstr (a->rule, ==, "questionnaire taken 2024-01-15, expired from 2026-01-15 after "
                                "24 months");
  a = g_ptr_array_index (list, 2);
  g_assert_cmpstr (a->rule, ==, "a field the questionnaire used changed on 2025-03-01, after "
                                "the assessment of 2024-01-15");
  a = g_ptr_array_index (list, 4);
  g_assert_cmpstr (a->rule, ==, "RFM segment Champions with R 5, F 5, M 5");
  a = g_ptr_array_index (list, 7);
  g_assert_cmpstr (a->rule, ==, "60 trades in the last 12 months, at least 48: high frequency");
}

/* A prospect without a profile, trust loyalty, Standard tier, low
 * frequency, no birth date: asks for an assessment, then the low-frequency
 * service; no segment, conversion, VIP or life-stage action. */
static void
test_sparse (void)
{
  static const AwbActionKind kinds[] = { AWB_ACTION_NO_PROFILE, AWB_ACTION_FREQUENCY };
  g_autoptr(AwbSettings) s = awb_settings_new ();
  g_autoptr(GPtrArray) list = NULL;
  AwbClientFacts f;
  AwbClientLabels l;
  AwbAction *a;

  test_blank_client (&f, &l);
  l.capacity = AWB_UNKNOWN;
  l.risk_level = AWB_UNKNOWN;
  l.mismatches = AWB_UNKNOWN;
  l.questionnaire_expired = AWB_UNKNOWN;
  l.overdue = 0;
  l.loyalty_type = AWB_LOYALTY_TRUST;
  l.tier = AWB_TIER_STANDARD;
  l.service_group = AWB_GROUP_ORDINARY_LOW_FREQ;
  l.life_stage = AWB_UNKNOWN;

  list = awb_nba_list (s, test_date (AS_OF), &f, &l);
  assert_kinds (list, kinds, G_N_ELEMENTS (kinds));
  /* what a run stores is the first of the list */
  g_assert_cmpint (awb_nba_first (&f, &l), ==, kinds[0]);
  a = g_ptr_array_index (list, 1);
  g_assert_cmpstr (a->text, ==, "Low-frequency service: long-term asset allocation advice");
}

/* A professional investor has no profile to ask for; a re-assessment is
 * asked only for a change after the assessment (same day: not). */
static void
test_professional_and_reassess (void)
{
  static const AwbActionKind kinds[] = { AWB_ACTION_FREQUENCY };
  g_autoptr(AwbSettings) s = awb_settings_new ();
  g_autoptr(GPtrArray) list = NULL;
  AwbClientFacts f;
  AwbClientLabels l;

  test_blank_client (&f, &l);
  f.assessed_on = f.profile_changed_on = test_date ("2026-01-01");
  l.capacity = AWB_UNKNOWN;
  l.risk_level = AWB_LEVEL_P;
  l.questionnaire_expired = 0;
  l.loyalty_type = AWB_LOYALTY_TRUST;
  l.tier = AWB_TIER_KEY;
  l.service_group = AWB_GROUP_HNW_LOW_FREQ;
  l.life_stage = AWB_UNKNOWN;

  list = awb_nba_list (s, test_date (AS_OF), &f, &l);
  assert_kinds (list, kinds, G_N_ELEMENTS (kinds));
  /* what a run stores is the first of the list */
  g_assert_cmpint (awb_nba_first (&f, &l), ==, kinds[0]);
  g_assert_false (awb_nba_reassess (&f));
  f.profile_changed_on++;
  g_assert_true (awb_nba_reassess (&f));
}

/* A text the manager changed is used as written. */
static void
test_custom_text (void)
{
  g_autoptr(AwbSettings) s = awb_settings_new ();
  g_autoptr(GPtrArray) list = NULL;
  const char *keys[] = { "text.nba.low_freq" };
  const char *values[] = { "每季度寄送资产配置建议" };
  AwbClientFacts f;
  AwbClientLabels l;
  AwbAction *a;

  g_assert_true (awb_settings_set_values (s, 1, keys, values, NULL));
  test_blank_client (&f, &l);
  l.capacity = 10;
  l.loyalty_type = AWB_LOYALTY_TRUST;
  l.tier = AWB_TIER_BASIC;
  l.service_group = AWB_GROUP_ORDINARY_LOW_FREQ;
  l.life_stage = AWB_UNKNOWN;
  l.questionnaire_expired = AWB_UNKNOWN;
  list = awb_nba_list (s, test_date (AS_OF), &f, &l);
  g_assert_cmpuint (list->len, ==, 1);
  a = g_ptr_array_index (list, 0);
  g_assert_cmpstr (a->text, ==, "每季度寄送资产配置建议");
  g_assert_cmpint (awb_nba_first (&f, &l), ==, AWB_ACTION_FREQUENCY);
  g_assert_cmpstr (awb_nba_action_text (s, AWB_ACTION_FREQUENCY, &l), ==, "每季度寄送资产配置建议");
}

/* The text of a stored action comes from the book's settings and the
 * client's labels: the segment's strategy, the loyalty type's conversion,
 * the frequency group's service, the life stage's focus (the defaults of
 * awb-settings.c). */
static void
test_action_text (void)
{
  g_autoptr(AwbSettings) s = awb_settings_new ();
  AwbClientFacts f;
  AwbClientLabels l;

  test_blank_client (&f, &l);
  l.rfm_segment = AWB_SEGMENT_CANT_LOSE;
  l.loyalty_type = AWB_LOYALTY_INERTIA;
  l.service_group = AWB_GROUP_HNW_HIGH_FREQ;
  l.life_stage = AWB_STAGE_MATURE;
  g_assert_cmpstr (awb_nba_action_text (s, AWB_ACTION_SEGMENT, &l), ==, "Senior manager visit");
  g_assert_cmpstr (awb_nba_action_text (s, AWB_ACTION_LOYALTY, &l), ==,
                   "Turn habit into trust: proactive advice and regular reviews");
  g_assert_cmpstr (awb_nba_action_text (s, AWB_ACTION_FREQUENCY, &l), ==,
                   "High-frequency service: fast trading platform and real-time data");
  g_assert_cmpstr (awb_nba_action_text (s, AWB_ACTION_LIFE_STAGE, &l), ==, "Retirement savings");
  g_assert_cmpstr (awb_nba_action_text (s, AWB_ACTION_OVERDUE, &l), ==,
                   "Contact the client: the follow-up is overdue");
  l.rfm_segment = AWB_UNKNOWN;
  g_assert_null (awb_nba_action_text (s, AWB_ACTION_SEGMENT, &l));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/awb/nba/full-order", test_full_order);
  g_test_add_func ("/awb/nba/action-text", test_action_text);
  g_test_add_func ("/awb/nba/sparse", test_sparse);
  g_test_add_func ("/awb/nba/professional-and-reassess", test_professional_and_reassess);
  g_test_add_func ("/awb/nba/custom-text", test_custom_text);

  return g_test_run ();
}
