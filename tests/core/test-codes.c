/* test-codes.c: enumeration codes and their Chinese labels (spec §11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

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

/* Spec: "Chinese terms are given in brackets: they are the labels the zh_CN
 * translation should use."  Under LANGUAGE=zh_CN every display label of these
 * kinds is the spec's Chinese term, even where two kinds share an English word
 * (Single: 未婚 as a marital status, 单身 as a family stage). */
static void
test_chinese_labels (void)
{
  static const AwbCodeKind kinds[] = {
    AWB_KIND_MARITAL, AWB_KIND_EMPLOYMENT, AWB_KIND_REGION, AWB_KIND_LOYALTY_DRIVER,
    AWB_KIND_INTERACTION, AWB_KIND_RFM_SEGMENT, AWB_KIND_RFM_STATE, AWB_KIND_TIER,
    AWB_KIND_CAPITAL_SIZE, AWB_KIND_TURNOVER, AWB_KIND_LOYALTY_TYPE, AWB_KIND_LIFECYCLE,
    AWB_KIND_BAND, AWB_KIND_AGE_GROUP, AWB_KIND_LIFE_STAGE, AWB_KIND_FAMILY_STAGE,
    AWB_KIND_VALUE_TIER,
  };
  const char *localedir = g_getenv ("AWB_LOCALEDIR");
  guint n_wrong = 0;

  if (localedir == NULL)
    {
      g_test_skip ("AWB_LOCALEDIR is not set (run through meson test)");
      return;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_assert_cmpstr (awb_code_get_label (AWB_KIND_MARITAL, AWB_MARITAL_SINGLE), ==, "未婚");
  g_assert_cmpstr (awb_code_get_label (AWB_KIND_FAMILY_STAGE, AWB_FAMILY_SINGLE), ==, "单身");
  g_assert_cmpstr (awb_code_get_label (AWB_KIND_LIFE_STAGE, AWB_STAGE_STABLE), ==, "稳定期");
  g_assert_cmpstr (awb_code_get_label (AWB_KIND_TURNOVER, AWB_TURNOVER_STABLE), ==, "稳定");

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (int v = 0; v < awb_code_count (kinds[k]); v++)
      {
        const char *label = awb_code_get_label (kinds[k], v);
        const char *chinese = awb_code_get_chinese (kinds[k], v);

        if (g_strcmp0 (label, chinese) != 0)
          {
            g_test_message ("%s: zh_CN label “%s”, the spec says “%s”",
                            awb_code_to_string (kinds[k], v), label, chinese);
            n_wrong++;
          }
      }
  g_assert_cmpuint (n_wrong, ==, 0);
  g_setenv ("LANGUAGE", "en", TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/awb/codes/chinese-labels", test_chinese_labels);

  g_test_add_func ("/awb/codes/lookup", test_lookup);
  g_test_add_func ("/awb/codes/score-codes", test_score_codes);
  g_test_add_func ("/awb/codes/choices", test_choices);

  return g_test_run ();
}
