/* test-loyalty.c: loyalty axes, types and lifecycle (spec §6), worked by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "awb-loyalty.h"
#include "test-facts.h"

#define AS_OF "2026-06-30"

/* Each row of the spec's table, and the threshold 50 compared on the
 * value rounded to 6 decimals (49.9999996 rounds to 50.000000: high;
 * 49.999999 stays below). */
static void
test_types (void)
{
  static const struct { double dep, per; AwbLoyaltyDriver driver; AwbLoyaltyType type; } cases[] = {
    /* persistence high, driver decides */
    { 0, 50, AWB_DRIVER_NO_ALTERNATIVE, AWB_LOYALTY_MONOPOLY },
    { 90, 80, AWB_DRIVER_NO_ALTERNATIVE, AWB_LOYALTY_MONOPOLY },
    { 10, 50, AWB_DRIVER_RELATIONSHIP, AWB_LOYALTY_KINSHIP },
    { 70, 60, AWB_DRIVER_RELATIONSHIP, AWB_LOYALTY_KINSHIP },
    { 10, 50, AWB_DRIVER_PRICE, AWB_LOYALTY_INTEREST },
    { 80, 99, AWB_DRIVER_PRICE, AWB_LOYALTY_INTEREST },
    /* persistence high, trust / habit / unknown: dependency decides */
    { 50, 50, AWB_DRIVER_TRUST, AWB_LOYALTY_TRUST },
    { 50, 50, AWB_DRIVER_HABIT, AWB_LOYALTY_TRUST },
    { 50, 50, AWB_DRIVER_UNKNOWN, AWB_LOYALTY_TRUST },
    { 49.9999996, 50, AWB_DRIVER_TRUST, AWB_LOYALTY_TRUST },
    { 49.999999, 50, AWB_DRIVER_TRUST, AWB_LOYALTY_INERTIA },
    { 49, 100, AWB_DRIVER_HABIT, AWB_LOYALTY_INERTIA },
    { 0, 50, AWB_DRIVER_UNKNOWN, AWB_LOYALTY_INERTIA },
    /* persistence low: dependency decides, whatever the driver */
    { 50, 49, AWB_DRIVER_NO_ALTERNATIVE, AWB_LOYALTY_LATENT },
    { 100, 0, AWB_DRIVER_TRUST, AWB_LOYALTY_LATENT },
    { 50, 49.999999, AWB_DRIVER_PRICE, AWB_LOYALTY_LATENT },
    { 49, 49, AWB_DRIVER_RELATIONSHIP, AWB_LOYALTY_NOT_LOYAL },
    { 0, 0, AWB_DRIVER_UNKNOWN, AWB_LOYALTY_NOT_LOYAL },
  };
  g_autoptr(AwbSettings) s = awb_settings_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (awb_loyalty_type (s, cases[i].dep, cases[i].per, cases[i].driver) != cases[i].type)
      g_error ("case %u: expected %d", i, cases[i].type);
}

/* Dependency = 0.4 sat + 0.2 ref + 0.3 share + 0.1 excl:
 *  survey 4 → 75, 2 referrals → 50, share 30, no competitor → 100:
 *    30 + 10 + 9 + 10 = 59
 *  no survey → 50, 7 referrals → capped 4 → 100, share 0, competitor → 0:
 *    20 + 20 + 0 + 0 = 40
 *  survey 1 → 0, 0 referrals, share 100, no competitor:
 *    0 + 0 + 30 + 10 = 40
 *  survey 5 → 100, 4 referrals → 100, share 100, no competitor: 100
 * Persistence = 0.4 tenure + 0.4 continuity + 0.2 recency, as of
 * 2026-06-30:
 *  opened 2022-06-30: 1461 days = 4.0 years → 40; 6 months → 50; R 4 → 75:
 *    16 + 20 + 15 = 51
 *  opened 2010-01-01: over 10 years → 100; 13 month bits → min 12 → 100;
 *    R 5 → 100: 100
 *  no opening date, first trade 2025-06-30 (365 days = 0.999316 years →
 *    9.99316); 1 month → 8.333333; R 1 → 0:
 *    3.997262 + 3.333333 + 0 = 7.330595...
 *  opening date after the reference date → tenure 0; prospect (R unknown)
 *    → recency 0; no months: 0 */
static void
test_axes (void)
{
  static const struct {
    int survey; int referrals; double share; int competitor;
    const char *opened; const char *first; guint16 months; int r;
    double dependency, persistence;
  } cases[] = {
    { 4, 2, 30, 0, "2022-06-30", "2022-07-01", 0x3f, 4, 59, 51 },
    { AWB_UNKNOWN, 7, 0, 1, "2010-01-01", "2010-02-01", 0x1fff, 5, 40, 100 },
    { 1, 0, 100, 0, NULL, "2025-06-30", 0x1, 1, 40,
      0.4 * 10 * 365 / 365.25 + 0.4 * 100.0 / 12 },
    { 5, 4, 100, 0, "2026-07-01", NULL, 0, AWB_UNKNOWN, 100, 0 },
  };
  g_autoptr(AwbSettings) s = awb_settings_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AwbClientFacts f;
      AwbClientLabels l;

      test_blank_client (&f, &l);
      f.latest_survey = (gint8) cases[i].survey;
      f.referrals = cases[i].referrals;
      f.share_of_wallet = cases[i].share;
      f.competitor_account = (gint8) cases[i].competitor;
      f.opened_on = cases[i].opened ? test_date (cases[i].opened) : AWB_DATE_NONE;
      f.first_trade = f.last_trade = cases[i].first ? test_date (cases[i].first) : AWB_DATE_NONE;
      f.months_12m = cases[i].months;
      l.r_score = (gint8) cases[i].r;
      awb_loyalty_classify (s, test_date (AS_OF), &f, &l, NULL);
      g_assert_cmpfloat_with_epsilon (l.dependency, cases[i].dependency, 1e-9);
      g_assert_cmpfloat_with_epsilon (l.persistence, cases[i].persistence, 1e-9);
      g_assert_cmpfloat_with_epsilon (l.loyalty_score,
                                      (cases[i].dependency + cases[i].persistence) / 2, 1e-9);
    }
}

/* Lifecycle, first rule that holds, as of 2026-06-30 (day numbers: d − n
 * is n days before).  A trust client: survey 5, 4 referrals, share 100 →
 * dependency 100; trust driver.
 *  - no trade: prospect
 *  - AUM 0, last trade 365 days ago: churned; 364 days: dormant (≥ 180)
 *  - AUM > 0, last trade 365 days ago: dormant; 180: dormant; 179: not
 *  - first trade 89 days ago: new; 90 days ago: not new
 *  - trust loyalty, opened 731 days ago (2.0014 years): loyal;
 *    730 days (1.9986 years): active
 * For the loyal rows persistence must be high: opened 731 days ago →
 * tenure 20.0137, 12 months → 100, R 5 → 100: 8.005 + 40 + 20 = 68. */
static void
test_lifecycle (void)
{
  static const struct {
    gboolean trades; AwbFen aum; int first_ago, last_ago, opened_ago; AwbLifecycle stage;
  } cases[] = {
    { FALSE, 100, 0, 0, 731, AWB_LIFECYCLE_PROSPECT },
    { TRUE, 0, 800, 365, 800, AWB_LIFECYCLE_CHURNED },
    { TRUE, 0, 800, 364, 800, AWB_LIFECYCLE_DORMANT },
    { TRUE, 100, 800, 365, 800, AWB_LIFECYCLE_DORMANT },
    { TRUE, 100, 800, 180, 800, AWB_LIFECYCLE_DORMANT },
    { TRUE, 100, 800, 179, 800, AWB_LIFECYCLE_LOYAL },
    { TRUE, 100, 89, 1, 731, AWB_LIFECYCLE_NEW },
    { TRUE, 100, 90, 1, 731, AWB_LIFECYCLE_LOYAL },
    { TRUE, 100, 700, 1, 731, AWB_LIFECYCLE_LOYAL },
    { TRUE, 100, 700, 1, 730, AWB_LIFECYCLE_ACTIVE },
  };
  g_autoptr(AwbSettings) s = awb_settings_new ();
  AwbDate as_of = test_date (AS_OF);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AwbClientFacts f;
      AwbClientLabels l;

      test_blank_client (&f, &l);
      f.latest_survey = 5;
      f.referrals = 4;
      f.share_of_wallet = 100;
      f.loyalty_driver = AWB_DRIVER_TRUST;
      f.aum = cases[i].aum;
      f.opened_on = as_of - cases[i].opened_ago;
      if (cases[i].trades)
        {
          f.first_trade = as_of - cases[i].first_ago;
          f.last_trade = as_of - cases[i].last_ago;
          f.months_12m = 0x1fff;
          l.r_score = 5;
        }
      awb_loyalty_classify (s, as_of, &f, &l, NULL);
      if (l.lifecycle != (int) cases[i].stage)
        g_error ("case %u: lifecycle %d, expected %d", i, l.lifecycle, cases[i].stage);
    }
}

/* Loyalty score = mean of the axes; high loyalty from 60 (rounded to 6
 * decimals): dependency 59 + persistence 61 → 60: high. */
static void
test_high_loyalty (void)
{
  g_autoptr(AwbSettings) s = awb_settings_new ();
  AwbClientFacts f;
  AwbClientLabels l;
  AwbLoyaltyDetail d;

  /* dependency 59 (as in test_axes row 1); persistence: opened
   * 2022-06-30 → 40 × 0.4 = 16, 12 months → 40, R 5 → 20: 76; mean 67.5 */
  test_blank_client (&f, &l);
  f.latest_survey = 4;
  f.referrals = 2;
  f.share_of_wallet = 30;
  f.opened_on = test_date ("2022-06-30");
  f.first_trade = f.last_trade = test_date ("2026-06-01");
  f.months_12m = 0xfff;
  l.r_score = 5;
  awb_loyalty_classify (s, test_date (AS_OF), &f, &l, &d);
  g_assert_cmpfloat_with_epsilon (l.loyalty_score, 67.5, 1e-9);
  g_assert_true (d.high_loyalty);

  /* share 0: dependency 50; persistence with R 1: 16 + 40 + 0 = 56; mean 53 */
  f.share_of_wallet = 0;
  l.r_score = 1;
  awb_loyalty_classify (s, test_date (AS_OF), &f, &l, &d);
  g_assert_cmpfloat_with_epsilon (l.loyalty_score, 53, 1e-9);
  g_assert_false (d.high_loyalty);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/awb/loyalty/types", test_types);
  g_test_add_func ("/awb/loyalty/axes", test_axes);
  g_test_add_func ("/awb/loyalty/lifecycle", test_lifecycle);
  g_test_add_func ("/awb/loyalty/high-loyalty", test_high_loyalty);

  return g_test_run ();
}
