/* test-codes.c: enumeration codes and their Chinese labels (spec §11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "awb-codes.h"

static void
test_lookup (void)
{
  g_assert_cmpint (awb_code_lookup (AWB_KIND_MARITAL, "divorced"), ==, AWB_MARITAL_DIVORCED);
  g_assert_cmpint (awb_code_lookup (AWB_KIND_MARITAL, "离异"), ==, AWB_MARITAL_DIVORCED);
  g_assert_cmpint (awb_code_lookup (AWB_KIND_MARITAL, "Married"), ==, AWB_MARITAL_MARRIED);
  g_assert_cmpint (awb_code_lookup (AWB_KIND_MARITAL, "engaged"), ==, -1);
  g_assert_cmpint (awb_code_lookup (AWB_KIND_LOYALTY_DRIVER, "无替代"), ==,
                   AWB_DRIVER_NO_ALTERNATIVE);
  g_assert_cmpint (awb_code_lookup (AWB_KIND_INTERACTION, "调查"), ==, AWB_INTERACTION_SURVEY);
  g_assert_cmpint (awb_code_lookup (AWB_KIND_PRODUCT_RISK, "r4"), ==, 3);
}

static void
test_score_codes (void)
{
  /* the §11 code lists, in order */
  static const char *segments[] = {
    "champions", "potential_loyalist", "loyal", "promising", "new", "cant_lose", "at_risk",
    "need_attention", "about_to_sleep", "lost", "others",
  };
  static const char *families[] = {
    "single", "newly_married", "full_nest_1", "full_nest_2", "full_nest_3", "empty_nest_1",
    "empty_nest_2", "solitary_working", "solitary_retired", "unknown",
  };

  g_assert_cmpint (awb_code_count (AWB_KIND_RFM_SEGMENT), ==, G_N_ELEMENTS (segments));
  for (guint i = 0; i < G_N_ELEMENTS (segments); i++)
    g_assert_cmpstr (awb_code_to_string (AWB_KIND_RFM_SEGMENT, i), ==, segments[i]);
  g_assert_cmpint (awb_code_count (AWB_KIND_FAMILY_STAGE), ==, G_N_ELEMENTS (families));
  for (guint i = 0; i < G_N_ELEMENTS (families); i++)
    g_assert_cmpstr (awb_code_to_string (AWB_KIND_FAMILY_STAGE, i), ==, families[i]);
  g_assert_cmpstr (awb_code_to_string (AWB_KIND_RISK_LEVEL, AWB_LEVEL_P), ==, "P");
  g_assert_cmpstr (awb_code_to_string (AWB_KIND_BAND, AWB_BAND_MID_HIGH), ==, "mid_high");
  g_assert_cmpstr (awb_code_to_string (AWB_KIND_SERVICE_GROUP, AWB_GROUP_ORDINARY_LOW_FREQ), ==,
                   "ordinary_low_freq");
}

static void
test_choices (void)
{
  g_autofree char *s = awb_code_describe_choices (AWB_KIND_SIDE);

  g_assert_cmpstr (s, ==, "buy, sell");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/awb/codes/lookup", test_lookup);
  g_test_add_func ("/awb/codes/score-codes", test_score_codes);
  g_test_add_func ("/awb/codes/choices", test_choices);

  return g_test_run ();
}
