/* test-lifestage.c: age groups, life stages, family life cycle (spec §8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "awb-lifestage.h"
#include "test-facts.h"

/* Age groups: young < 35 ≤ middle-aged < 60 ≤ senior.  Life stages:
 * growth ≤ 25, youth 26–35, adult 36–45, mature 46–55, stable 56–65,
 * retired over 65. */
static void
test_ages (void)
{
  static const struct { int age; int group; int stage; } cases[] = {
    { 18, AWB_AGE_YOUNG, AWB_STAGE_GROWTH },
    { 25, AWB_AGE_YOUNG, AWB_STAGE_GROWTH },
    { 26, AWB_AGE_YOUNG, AWB_STAGE_YOUTH },
    { 34, AWB_AGE_YOUNG, AWB_STAGE_YOUTH },
    { 35, AWB_AGE_MIDDLE_AGED, AWB_STAGE_YOUTH },
    { 36, AWB_AGE_MIDDLE_AGED, AWB_STAGE_ADULT },
    { 45, AWB_AGE_MIDDLE_AGED, AWB_STAGE_ADULT },
    { 46, AWB_AGE_MIDDLE_AGED, AWB_STAGE_MATURE },
    { 55, AWB_AGE_MIDDLE_AGED, AWB_STAGE_MATURE },
    { 56, AWB_AGE_MIDDLE_AGED, AWB_STAGE_STABLE },
    { 59, AWB_AGE_MIDDLE_AGED, AWB_STAGE_STABLE },
    { 60, AWB_AGE_SENIOR, AWB_STAGE_STABLE },
    { 65, AWB_AGE_SENIOR, AWB_STAGE_STABLE },
    { 66, AWB_AGE_SENIOR, AWB_STAGE_RETIRED },
    { AWB_UNKNOWN, AWB_UNKNOWN, AWB_UNKNOWN },
  };
  g_autoptr(AwbSettings) s = awb_settings_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpint (awb_age_group (s, cases[i].age), ==, cases[i].group);
      g_assert_cmpint (awb_life_stage (s, cases[i].age), ==, cases[i].stage);
    }
}

/* A 29 February birthday is reached on 1 March in common years: born
 * 2000-02-29, on 2035-02-28 the client is 34 (young), on 2035-03-01 35
 * (middle-aged); in the leap year 2036, 36 on 2036-02-29. */
static void
test_leap_birthday (void)
{
  static const struct { const char *as_of; int group; } cases[] = {
    { "2035-02-28", AWB_AGE_YOUNG },
    { "2035-03-01", AWB_AGE_MIDDLE_AGED },
  };
  g_autoptr(AwbSettings) s = awb_settings_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AwbClientFacts f;
      AwbClientLabels l;

      test_blank_client (&f, &l);
      f.birth_date = test_date ("2000-02-29");
      awb_lifestage_classify (s, test_date (cases[i].as_of), &f, &l, NULL);
      g_assert_cmpint (l.age_group, ==, cases[i].group);
    }
  {
    AwbClientFacts f;
    AwbClientLabels l;

    test_blank_client (&f, &l);
    f.birth_date = test_date ("2000-02-29");
    f.marital = AWB_MARITAL_MARRIED;
    /* married, no children: newly married under 35; on 2035-03-01 (35)
     * empty nest I */
    awb_lifestage_classify (s, test_date ("2035-02-28"), &f, &l, NULL);
    g_assert_cmpint (l.family_stage, ==, AWB_FAMILY_NEWLY_MARRIED);
    awb_lifestage_classify (s, test_date ("2035-03-01"), &f, &l, NULL);
    g_assert_cmpint (l.family_stage, ==, AWB_FAMILY_EMPTY_NEST_1);
  }
}

/* Each family life-cycle stage and each way to unknown, first rule that
 * holds. */
static void
test_family (void)
{
  enum { W = AWB_EMPLOYMENT_WORKING, R = AWB_EMPLOYMENT_RETIRED, U = AWB_EMPLOYMENT_UNEMPLOYED,
         S = AWB_MARITAL_SINGLE, M = AWB_MARITAL_MARRIED, D = AWB_MARITAL_DIVORCED,
         X = AWB_MARITAL_WIDOWED, N = AWB_UNKNOWN };
  static const struct {
    int marital, children, youngest, age, employment; AwbFamilyStage stage; AwbFamilyRule rule;
  } cases[] = {
    /* 1. never married, no children */
    { S, 0, N, 30, W, AWB_FAMILY_SINGLE, AWB_FAMILY_RULE_1 },
    { S, 0, N, N, N, AWB_FAMILY_SINGLE, AWB_FAMILY_RULE_1 },
    /* 2. no children */
    { M, 0, N, 34, W, AWB_FAMILY_NEWLY_MARRIED, AWB_FAMILY_RULE_2 },
    { M, 0, N, 34, R, AWB_FAMILY_NEWLY_MARRIED, AWB_FAMILY_RULE_2 },
    { M, 0, N, 35, W, AWB_FAMILY_EMPTY_NEST_1, AWB_FAMILY_RULE_2 },
    { M, 0, N, 62, R, AWB_FAMILY_EMPTY_NEST_2, AWB_FAMILY_RULE_2 },
    { M, 0, N, 62, U, AWB_FAMILY_EMPTY_NEST_1, AWB_FAMILY_RULE_2 },   /* unemployed is not retired */
    { D, 0, N, 40, W, AWB_FAMILY_SOLITARY_WORKING, AWB_FAMILY_RULE_2 },
    { X, 0, N, 70, R, AWB_FAMILY_SOLITARY_RETIRED, AWB_FAMILY_RULE_2 },
    { X, 0, N, N, U, AWB_FAMILY_SOLITARY_WORKING, AWB_FAMILY_RULE_2 },    /* no age needed */
    /* 3. youngest under 6 */
    { M, 2, 5, 30, W, AWB_FAMILY_FULL_NEST_1, AWB_FAMILY_RULE_3 },
    { S, 1, 0, N, W, AWB_FAMILY_FULL_NEST_1, AWB_FAMILY_RULE_3 },        /* never-married parent */
    { X, 1, 3, 50, R, AWB_FAMILY_FULL_NEST_1, AWB_FAMILY_RULE_3 },
    /* 4. youngest 6–17 */
    { M, 1, 6, 44, W, AWB_FAMILY_FULL_NEST_2, AWB_FAMILY_RULE_4 },
    { M, 3, 17, 45, W, AWB_FAMILY_FULL_NEST_3, AWB_FAMILY_RULE_4 },
    { D, 1, 10, 50, W, AWB_FAMILY_FULL_NEST_3, AWB_FAMILY_RULE_4 },
    /* 5. youngest 18 or older */
    { M, 2, 18, 50, W, AWB_FAMILY_EMPTY_NEST_1, AWB_FAMILY_RULE_5 },
    { M, 2, 30, 66, R, AWB_FAMILY_EMPTY_NEST_2, AWB_FAMILY_RULE_5 },
    { M, 2, 30, N, U, AWB_FAMILY_EMPTY_NEST_1, AWB_FAMILY_RULE_5 },
    { S, 1, 20, 45, W, AWB_FAMILY_EMPTY_NEST_1, AWB_FAMILY_RULE_5 },     /* never-married parent */
    { D, 1, 25, 55, W, AWB_FAMILY_SOLITARY_WORKING, AWB_FAMILY_RULE_5 },
    { X, 2, 40, 75, R, AWB_FAMILY_SOLITARY_RETIRED, AWB_FAMILY_RULE_5 },
    /* unknown */
    { N, 0, N, 30, W, AWB_FAMILY_UNKNOWN, AWB_FAMILY_RULE_NO_MARITAL },
    { N, 2, 3, 30, W, AWB_FAMILY_UNKNOWN, AWB_FAMILY_RULE_NO_MARITAL },
    { M, 2, N, 40, W, AWB_FAMILY_UNKNOWN, AWB_FAMILY_RULE_MISSING },     /* children, no age */
    { M, 0, N, N, W, AWB_FAMILY_UNKNOWN, AWB_FAMILY_RULE_MISSING },      /* rule 2 needs the age */
    { M, 1, 10, N, W, AWB_FAMILY_UNKNOWN, AWB_FAMILY_RULE_MISSING },     /* rule 4 needs the age */
  };
  g_autoptr(AwbSettings) s = awb_settings_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AwbFamilyRule rule = 99;
      AwbFamilyStage stage = awb_family_stage (s, cases[i].marital, cases[i].children,
                                               cases[i].youngest, cases[i].age,
                                               cases[i].employment, &rule);
      if (stage != cases[i].stage || rule != cases[i].rule)
        g_error ("case %u: stage %d rule %d, expected %d and %d", i, stage, rule,
                 cases[i].stage, cases[i].rule);
    }
}

/* The manager's override wins over the derived stage. */
static void
test_override (void)
{
  g_autoptr(AwbSettings) s = awb_settings_new ();
  AwbClientFacts f;
  AwbClientLabels l;
  AwbFamilyRule rule;

  test_blank_client (&f, &l);
  f.marital = AWB_MARITAL_SINGLE;
  awb_lifestage_classify (s, test_date ("2026-06-30"), &f, &l, &rule);
  g_assert_cmpint (l.family_stage, ==, AWB_FAMILY_SINGLE);
  f.family_override = AWB_FAMILY_FULL_NEST_2;
  awb_lifestage_classify (s, test_date ("2026-06-30"), &f, &l, &rule);
  g_assert_cmpint (l.family_stage, ==, AWB_FAMILY_FULL_NEST_2);
  g_assert_cmpint (rule, ==, AWB_FAMILY_RULE_OVERRIDE);
  g_assert_cmpint (l.age_group, ==, AWB_UNKNOWN);
  g_assert_cmpint (l.life_stage, ==, AWB_UNKNOWN);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/awb/lifestage/ages", test_ages);
  g_test_add_func ("/awb/lifestage/leap-birthday", test_leap_birthday);
  g_test_add_func ("/awb/lifestage/family", test_family);
  g_test_add_func ("/awb/lifestage/override", test_override);

  return g_test_run ();
}
