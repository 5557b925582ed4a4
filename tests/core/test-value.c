/* test-value.c: lifetime value and value tiers (spec §9), worked by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "awb-value.h"
#include "test-facts.h"

/* CLV = commission × r ÷ (1 + 0.08 − r):
 *   trust 0.9: ÷ 0.18 → × 5;  monopoly 0.8: × 0.8/0.28 = 2.857142857…;
 *   latent 0.7: × 0.7/0.38 = 1.842105263…;  not loyal 0.5: × 0.5/0.58 =
 *   0.862068965…
 *   1,000.00 trust → 5,000.00;  700.00 monopoly → 2,000.00;
 *   1,000.00 not loyal → 862.068965… → 862.07 (to the fen);
 *   100.00 latent → 184.2105… → 184.21;  0 → 0 */
static void
test_clv (void)
{
  static const struct { AwbFen commission; AwbLoyaltyType type; AwbFen clv; } cases[] = {
    { 100000, AWB_LOYALTY_TRUST, 500000 },
    { 70000, AWB_LOYALTY_MONOPOLY, 200000 },
    { 70000, AWB_LOYALTY_INERTIA, 200000 },
    { 100000, AWB_LOYALTY_NOT_LOYAL, 86207 },
    { 10000, AWB_LOYALTY_LATENT, 18421 },
    { 0, AWB_LOYALTY_TRUST, 0 },
  };
  g_autoptr(AwbSettings) s = awb_settings_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (awb_value_clv (s, cases[i].commission, cases[i].type), ==, cases[i].clv);
}

/* A book of five: ⌈0.2 × 5⌉ = 1 high, up to ⌈0.5 × 5⌉ = 3 medium.
 * Sorted by CLV, highest first, ties by client id in byte order:
 *   C001 5,000.00; C003 2,000.00; C002 862.07; C005 862.07; C004 0 (a
 *   prospect, still counted) → C001 high; C003, C002 medium; C005, C004 low.
 * "C10" sorts before "C2" in byte order. */
static void
test_tiers (void)
{
  static const struct { const char *id; AwbFen clv; AwbValueTier tier; guint32 place; } book[] = {
    { "C001", 500000, AWB_VALUE_HIGH, 0 },
    { "C002", 86207, AWB_VALUE_MEDIUM, 2 },
    { "C003", 200000, AWB_VALUE_MEDIUM, 1 },
    { "C004", 0, AWB_VALUE_LOW, 4 },
    { "C005", 86207, AWB_VALUE_LOW, 3 },
  };
  g_autoptr(AwbSettings) s = awb_settings_new ();
  AwbClientFacts f[5];
  AwbClientLabels l[5];
  guint32 places[5];

  for (guint i = 0; i < 5; i++)
    {
      test_blank_client (&f[i], &l[i]);
      f[i].client_no = (char *) book[i].id;
      l[i].clv = book[i].clv;
    }
  awb_value_tiers (s, f, l, 5, places);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_cmpint (l[i].value_tier, ==, book[i].tier);
      g_assert_cmpuint (places[i], ==, book[i].place);
    }

  /* Ties in byte order: "C10" < "C2". */
  f[0].client_no = (char *) "C2";
  f[1].client_no = (char *) "C10";
  l[0].clv = l[1].clv = 999;
  awb_value_tiers (s, f, l, 2, places);
  g_assert_cmpuint (places[1], ==, 0);
  g_assert_cmpuint (places[0], ==, 1);
  /* n = 2: ⌈0.4⌉ = 1 high, ⌈1⌉ = 1: no medium */
  g_assert_cmpint (l[1].value_tier, ==, AWB_VALUE_HIGH);
  g_assert_cmpint (l[0].value_tier, ==, AWB_VALUE_LOW);
}

/* Ties of digit account numbers: in byte order whichever way they are
 * sorted.  Same length: "0009" < "0090" < "0100" (3 ties, and a run of
 * 200 given in reverse); different lengths: "10" < "9" in byte order,
 * though 9 < 10 as numbers. */
static void
test_digit_ties (void)
{
  g_autoptr(AwbSettings) s = awb_settings_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  AwbClientFacts f[200];
  AwbClientLabels l[200];
  guint32 places[200];
  static const char *const three[] = { "0100", "0009", "0090" };

  for (guint i = 0; i < 3; i++)
    {
      test_blank_client (&f[i], &l[i]);
      f[i].client_no = (char *) three[i];
      l[i].clv = 700;
    }
  awb_value_tiers (s, f, l, 3, places);
  g_assert_cmpuint (places[1], ==, 0);   /* 0009 */
  g_assert_cmpuint (places[2], ==, 1);   /* 0090 */
  g_assert_cmpuint (places[0], ==, 2);   /* 0100 */

  for (guint i = 0; i < 200; i++)
    {
      char *no = g_strdup_printf ("31%08u", 500 - 2 * i);   /* 3100000500 down to 3100000102 */

      g_ptr_array_add (names, no);
      test_blank_client (&f[i], &l[i]);
      f[i].client_no = no;
      l[i].clv = 0;
    }
  awb_value_tiers (s, f, l, 200, places);
  for (guint i = 0; i < 200; i++)
    g_assert_cmpuint (places[i], ==, 199 - i);

  f[0].client_no = (char *) "9";
  f[1].client_no = (char *) "10";
  awb_value_tiers (s, f, l, 2, places);
  g_assert_cmpuint (places[1], ==, 0);   /* "10" */
  g_assert_cmpuint (places[0], ==, 1);   /* "9" */
}

/* The cuts: n = 10 → 2 and 5; n = 1 → 1 and 1; n = 7 → ⌈1.4⌉ = 2 and
 * ⌈3.5⌉ = 4; n = 0 → 0 and 0. */
static void
test_cuts (void)
{
  static const struct { gsize n, high, medium; } cases[] = {
    { 10, 2, 5 }, { 1, 1, 1 }, { 7, 2, 4 }, { 0, 0, 0 }, { 1000000, 200000, 500000 },
  };
  g_autoptr(AwbSettings) s = awb_settings_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize high = 99, medium = 99;
      awb_value_cuts (s, cases[i].n, &high, &medium);
      g_assert_cmpuint (high, ==, cases[i].high);
      g_assert_cmpuint (medium, ==, cases[i].medium);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/awb/value/clv", test_clv);
  g_test_add_func ("/awb/value/tiers", test_tiers);
  g_test_add_func ("/awb/value/digit-ties", test_digit_ties);
  g_test_add_func ("/awb/value/cuts", test_cuts);

  return g_test_run ();
}
