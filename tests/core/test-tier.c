/* test-tier.c: tier score, service groups, cadence, overdue, capital ×
 * turnover (spec §4, §5), worked by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "awb-grid.h"
#include "awb-tier.h"
#include "test-facts.h"

#define AS_OF "2026-06-30"

/* PERCENT_RANK: 100 × (strictly smaller values) ÷ (n − 1).
 * {5, 1, 5, 3, 0}: sorted 0 1 3 5 5, so 0 → 0, 1 → 25, 3 → 50, 5 → 75
 * (three smaller), twice.  One client: 100. */
static void
test_percent_ranks (void)
{
  static const gint64 values[] = { 5, 1, 5, 3, 0 };
  static const double expected[] = { 75, 25, 75, 50, 0 };
  double ranks[5];
  gint64 one = 42;
  double rank_one = -1;

  awb_percent_ranks (values, 5, ranks);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpfloat (ranks[i], ==, expected[i]);
  awb_percent_ranks (&one, 1, &rank_one);
  g_assert_cmpfloat (rank_one, ==, 100);
}

/* Tiers at their bounds with non-default weights 50/10/10/10/20 (asset
 * size/frequency/needs/risk/loyalty):
 *  aum 100, freq 50, basic, attitude 50, loyalty 100:
 *    50 + 5 + 0 + 5 + 20 = 80 → VIP
 *  loyalty 99.95 instead: 50 + 5 + 5 + 19.99 = 79.99 → Key
 *  aum 80, loyalty 100, rest 0: 40 + 20 = 60 → Key
 *  aum 79.98, loyalty 100: 39.99 + 20 = 59.99 → Standard
 *  aum 40, loyalty 100: 20 + 20 = 40 → Standard
 *  aum 39.98, loyalty 100: 19.99 + 20 = 39.99 → Basic
 *  professional, no risk profile (factor 0), freq 100, loyalty 0:
 *    0 + 10 + 10 + 0 + 0 = 20 → Basic */
static void
test_tier_bounds (void)
{
  static const struct {
    double aum, freq; gboolean professional; int attitude; double loyalty;
    double score; AwbTier tier;
  } cases[] = {
    { 100, 50, FALSE, 50, 100, 80, AWB_TIER_VIP },
    { 100, 50, FALSE, 50, 99.95, 79.99, AWB_TIER_KEY },
    { 80, 0, FALSE, 0, 100, 60, AWB_TIER_KEY },
    { 79.98, 0, FALSE, 0, 100, 59.99, AWB_TIER_STANDARD },
    { 40, 0, FALSE, 0, 100, 40, AWB_TIER_STANDARD },
    { 39.98, 0, FALSE, 0, 100, 39.99, AWB_TIER_BASIC },
    { 0, 100, TRUE, AWB_UNKNOWN, 0, 20, AWB_TIER_BASIC },
  };
  g_autoptr(AwbSettings) s = awb_settings_new ();
  const char *keys[] = { "tier.weights" };
  const char *values[] = { "50/10/10/10/20" };

  g_assert_true (awb_settings_set_values (s, 1, keys, values, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AwbClientFacts f;
      AwbClientLabels l;

      test_blank_client (&f, &l);
      f.need_type = cases[i].professional ? AWB_NEED_PROFESSIONAL : AWB_NEED_BASIC;
      l.attitude = (gint16) cases[i].attitude;
      l.loyalty_score = cases[i].loyalty;
      awb_tier_classify (s, test_date (AS_OF), &f, cases[i].aum, cases[i].freq, &l, NULL);
      g_assert_cmpfloat_with_epsilon (l.tier_score, cases[i].score, 1e-9);
      g_assert_cmpint (l.tier, ==, cases[i].tier);
    }

  /* §12: compared rounded to 6 decimals: 79.9999996 is 80.000000, VIP;
   * 79.999999 is Key. */
  g_assert_cmpint (awb_tier_for_score (s, 79.9999996), ==, AWB_TIER_VIP);
  g_assert_cmpint (awb_tier_for_score (s, 79.999999), ==, AWB_TIER_KEY);
}

/* Service groups: HNW from AUM 6,000,000.00, high frequency from 48 trades.
 * Capital: large from 1,000,000.00, medium from 100,000.00.  Turnover =
 * amount of 12 months ÷ AUM, compared rounded to 6 decimals like every
 * threshold (§12): static < 1 ≤ stable < 6 ≤ short-term; AUM 0:
 * short-term if anything was traded in 12 months, else static. */
static void
test_groups_and_grid (void)
{
  static const struct {
    AwbFen aum; guint32 n; AwbFen amount;
    AwbServiceGroup group; AwbCapitalSize capital; AwbTurnover turnover;
  } cases[] = {
    { 600000000, 48, 0, AWB_GROUP_HNW_HIGH_FREQ, AWB_CAPITAL_LARGE, AWB_TURNOVER_STATIC },
    { 600000000, 47, 0, AWB_GROUP_HNW_LOW_FREQ, AWB_CAPITAL_LARGE, AWB_TURNOVER_STATIC },
    { 599999999, 48, 0, AWB_GROUP_ORDINARY_HIGH_FREQ, AWB_CAPITAL_LARGE, AWB_TURNOVER_STATIC },
    { 599999999, 47, 0, AWB_GROUP_ORDINARY_LOW_FREQ, AWB_CAPITAL_LARGE, AWB_TURNOVER_STATIC },
    /* 999,999.00 ÷ 1,000,000.00 = 0.999999: static; 999,999.99 ÷ the same
     * = 0.99999999, which rounds to 1.000000 (§12): stable */
    { 100000000, 1, 99999900, AWB_GROUP_ORDINARY_LOW_FREQ, AWB_CAPITAL_LARGE, AWB_TURNOVER_STATIC },
    { 100000000, 1, 99999999, AWB_GROUP_ORDINARY_LOW_FREQ, AWB_CAPITAL_LARGE, AWB_TURNOVER_STABLE },
    { 99999999, 1, 99999999, AWB_GROUP_ORDINARY_LOW_FREQ, AWB_CAPITAL_MEDIUM, AWB_TURNOVER_STABLE },
    /* 599,999.90 ÷ 100,000.00 = 5.999999: stable; 600,000.00: 6, short-term */
    { 10000000, 1, 59999990, AWB_GROUP_ORDINARY_LOW_FREQ, AWB_CAPITAL_MEDIUM, AWB_TURNOVER_STABLE },
    { 10000000, 1, 60000000, AWB_GROUP_ORDINARY_LOW_FREQ, AWB_CAPITAL_MEDIUM, AWB_TURNOVER_SHORT_TERM },
    /* 99,999.89 ÷ 99,999.99 = 0.9999989: 0.999999, static */
    { 9999999, 1, 9999989, AWB_GROUP_ORDINARY_LOW_FREQ, AWB_CAPITAL_SMALL, AWB_TURNOVER_STATIC },
    { 0, 1, 500, AWB_GROUP_ORDINARY_LOW_FREQ, AWB_CAPITAL_SMALL, AWB_TURNOVER_SHORT_TERM },
    { 0, 0, 0, AWB_GROUP_ORDINARY_LOW_FREQ, AWB_CAPITAL_SMALL, AWB_TURNOVER_STATIC },
  };
  g_autoptr(AwbSettings) s = awb_settings_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AwbClientFacts f;
      AwbClientLabels l;

      test_blank_client (&f, &l);
      f.aum = cases[i].aum;
      f.n_12m = cases[i].n;
      f.amount_12m = cases[i].amount;
      awb_tier_classify (s, test_date (AS_OF), &f, 0, 0, &l, NULL);
      if (l.service_group != (int) cases[i].group || l.capital_size != (int) cases[i].capital ||
          l.turnover_class != (int) cases[i].turnover)
        g_error ("case %u: group %d capital %d turnover %d", i, l.service_group,
                 l.capital_size, l.turnover_class);
    }
}

/* Cadence: the client's own (45), else the tier's (Basic 365; Key 90 with
 * cadence.key = 0 falls to the book's 180).  Overdue when the days since
 * the latest interaction, else the opening date, exceed the cadence. */
static void
test_cadence_and_overdue (void)
{
  static const struct {
    int own; double loyalty; int interaction_ago; int opened_ago;
    int cadence; int overdue;
  } cases[] = {
    /* Basic (score 0): 365 days */
    { 0, 0, 365, 1000, 365, 0 },
    { 0, 0, 366, 1000, 365, 1 },
    { 45, 0, 45, 1000, 45, 0 },
    { 45, 0, 46, 1000, 45, 1 },
    /* no interaction: the opening date */
    { 45, 0, -1, 46, 45, 1 },
    { 45, 0, -1, 45, 45, 0 },
    /* neither: overdue; opened after the reference date: not overdue */
    { 45, 0, -1, -1, 45, 1 },
    { 45, 0, -1, -10, 45, 0 },
  };
  g_autoptr(AwbSettings) s = awb_settings_new ();
  AwbDate as_of = test_date (AS_OF);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AwbClientFacts f;
      AwbClientLabels l;

      test_blank_client (&f, &l);
      f.cadence_days = cases[i].own;
      f.last_interaction = cases[i].interaction_ago >= 0 ? as_of - cases[i].interaction_ago
                                                         : AWB_DATE_NONE;
      f.opened_on = cases[i].opened_ago == -1 ? AWB_DATE_NONE : as_of - cases[i].opened_ago;
      awb_tier_classify (s, as_of, &f, 0, 0, &l, NULL);
      g_assert_cmpint (l.tier, ==, AWB_TIER_BASIC);
      if (l.cadence_days != cases[i].cadence || l.overdue != cases[i].overdue)
        g_error ("case %u: cadence %d overdue %d", i, l.cadence_days, l.overdue);
    }

  /* Key tier (aum rank 100 × 40 + freq 100 × 20 = 60) with cadence.key 0:
   * the book's 180. */
  {
    const char *keys[] = { "cadence.key" };
    const char *values[] = { "0" };
    AwbClientFacts f;
    AwbClientLabels l;

    test_blank_client (&f, &l);
    awb_tier_classify (s, as_of, &f, 100, 100, &l, NULL);
    g_assert_cmpint (l.tier, ==, AWB_TIER_KEY);
    g_assert_cmpint (l.cadence_days, ==, 90);
    g_assert_true (awb_settings_set_values (s, 1, keys, values, NULL));
    awb_tier_classify (s, as_of, &f, 100, 100, &l, NULL);
    g_assert_cmpint (l.cadence_days, ==, 180);
  }
}

/* The grid of a book of four, classified with the defaults:
 *   AUM 2,000,000.00, amount 14,000,000.00 (7×), commission 500.00: large
 *     short-term
 *   AUM 3,000,000.00, amount 18,000,000.00 (6×), commission 700.00: large
 *     short-term
 *   AUM 200,000.00, amount 300,000.00 (1.5×), commission 30.00: medium
 *     stable
 *   AUM 0, nothing traded: small static
 * → large short-term 2 clients, AUM 5,000,000.00, commission 1,200.00;
 *   medium stable 1, 200,000.00, 30.00; small static 1, 0, 0; the other
 *   six cells empty. */
static void
test_grid (void)
{
  static const struct { AwbFen aum, amount, commission; guint32 n; } book[] = {
    { 200000000, 1400000000, 50000, 10 },
    { 300000000, 1800000000, 70000, 20 },
    { 20000000, 30000000, 3000, 2 },
    { 0, 0, 0, 0 },
  };
  g_autoptr(AwbSettings) s = awb_settings_new ();
  AwbClientFacts f[4];
  AwbClientLabels l[4];
  AwbGrid grid;
  int filled = 0;

  for (guint i = 0; i < 4; i++)
    {
      test_blank_client (&f[i], &l[i]);
      f[i].aum = book[i].aum;
      f[i].amount_12m = book[i].amount;
      f[i].commission_12m = book[i].commission;
      f[i].n_12m = book[i].n;
      awb_tier_classify (s, test_date (AS_OF), &f[i], 0, 0, &l[i], NULL);
    }
  awb_grid_compute (f, l, 4, grid);

  g_assert_cmpint (grid[AWB_CAPITAL_LARGE][AWB_TURNOVER_SHORT_TERM].n_clients, ==, 2);
  g_assert_cmpint (grid[AWB_CAPITAL_LARGE][AWB_TURNOVER_SHORT_TERM].aum, ==, 500000000);
  g_assert_cmpint (grid[AWB_CAPITAL_LARGE][AWB_TURNOVER_SHORT_TERM].commission, ==, 120000);
  g_assert_cmpint (grid[AWB_CAPITAL_MEDIUM][AWB_TURNOVER_STABLE].n_clients, ==, 1);
  g_assert_cmpint (grid[AWB_CAPITAL_MEDIUM][AWB_TURNOVER_STABLE].aum, ==, 20000000);
  g_assert_cmpint (grid[AWB_CAPITAL_MEDIUM][AWB_TURNOVER_STABLE].commission, ==, 3000);
  g_assert_cmpint (grid[AWB_CAPITAL_SMALL][AWB_TURNOVER_STATIC].n_clients, ==, 1);
  for (int c = 0; c < 3; c++)
    for (int t = 0; t < 3; t++)
      filled += grid[c][t].n_clients > 0;
  g_assert_cmpint (filled, ==, 3);
}

/* The next contact by the cadence: the last interaction (else the opening
 * date) plus the cadence.  2024-06-01 is day 19875; + 90 = 19965
 * (2024-08-30); the opening date 2020-01-01 (18262) + 30 = 18292. */
static void
test_contact_due (void)
{
  g_assert_cmpint (awb_contact_due (19875, 18262, 90), ==, 19965);
  g_assert_cmpint (awb_contact_due (AWB_DATE_NONE, 18262, 30), ==, 18292);
  g_assert_cmpint (awb_contact_due (AWB_DATE_NONE, AWB_DATE_NONE, 30), ==, AWB_DATE_NONE);
  g_assert_cmpint (awb_contact_due (19875, 18262, 0), ==, AWB_DATE_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/awb/tier/percent-ranks", test_percent_ranks);
  g_test_add_func ("/awb/tier/bounds", test_tier_bounds);
  g_test_add_func ("/awb/tier/groups-and-grid", test_groups_and_grid);
  g_test_add_func ("/awb/tier/cadence-and-overdue", test_cadence_and_overdue);
  g_test_add_func ("/awb/tier/grid", test_grid);
  g_test_add_func ("/awb/tier/contact-due", test_contact_due);

  return g_test_run ();
}
