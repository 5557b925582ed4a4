/* test-settings.c: keys, defaults, parsing and validation of the settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "awb-settings.h"

/* The spec's defaults, in their text form. */
static void
test_defaults (void)
{
  static const struct { const char *key, *value; } cases[] = {
    { "rfm.window_days", "365" },
    { "rfm.fixed_r", "31/91/181/366" },
    { "rfm.monetary", "commission" },
    { "rfm.method", "quantile" },
    { "rfm.segment.champions", "5/5/5" },
    { "rfm.segment.potential_loyalist", "3-5/3-5/2-5" },
    { "rfm.segment.lost", "1/1-5/1-5" },
    { "tier.weights", "40/20/10/10/20" },
    { "tier.bounds", "80/60/40" },
    { "group.hnw_aum", "6000000" },
    { "group.high_freq_trades", "48" },
    { "cadence.vip", "30" },
    { "cadence.key", "90" },
    { "cadence.standard", "180" },
    { "cadence.basic", "365" },
    { "capital.large", "1000000" },
    { "capital.medium", "100000" },
    { "turnover.stable", "1" },
    { "turnover.short_term", "6" },
    { "loyalty.dependency_weights", "40/20/30/10" },
    { "loyalty.persistence_weights", "40/40/20" },
    { "loyalty.axis_threshold", "50" },
    { "loyalty.high_threshold", "60" },
    { "lifecycle.churn_days", "365" },
    { "lifecycle.dormant_days", "180" },
    { "lifecycle.new_days", "90" },
    { "risk.answers.job", "10/8/6/4/2" },
    { "risk.answers.results", "10/8/6/4/2" },
    { "risk.bands", "20/40/60/80" },
    { "risk.allocation",
      "70/20/10,50/40/10,40/40/20,20/50/30,0/50/50,0/40/60,0/30/70,0/20/80,0/10/90" },
    { "risk.expiry_months", "24" },
    { "risk.professional_aum", "5000000" },
    { "lifestage.age_groups", "35/60" },
    { "lifestage.stages", "25/35/45/55/65" },
    { "value.retention.trust", "0.9" },
    { "value.retention.monopoly", "0.8" },
    { "value.retention.latent", "0.7" },
    { "value.retention.not_loyal", "0.5" },
    { "value.discount", "0.08" },
    { "value.shares", "20/50" },
    { "text.segment.champions", "Upsell, cross-sell and ask for referrals" },
  };
  g_autoptr(AwbSettings) s = awb_settings_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *value = awb_settings_get_value (s, cases[i].key);
      g_autofree char *def = awb_settings_get_default (cases[i].key);

      g_assert_cmpstr (value, ==, cases[i].value);
      g_assert_cmpstr (def, ==, cases[i].value);
    }
  g_assert_true (awb_settings_validate (s, NULL));
  g_assert_null (awb_settings_get_value (s, "no.such.key"));
}

/* Every key's text form parses back to itself. */
static void
test_round_trip (void)
{
  g_autoptr(AwbSettings) s = awb_settings_new ();

  g_assert_cmpuint (awb_settings_get_n_keys (), >, 90);
  for (guint i = 0; i < awb_settings_get_n_keys (); i++)
    {
      const char *key = awb_settings_get_key (i);
      g_autofree char *before = awb_settings_get_value (s, key);
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (awb_settings_get_summary (key));
      g_assert_true (awb_settings_parse_value (s, key, before, &error));
      g_assert_no_error (error);
      after = awb_settings_get_value (s, key);
      g_assert_cmpstr (after, ==, before);
    }
}

/* Each kind of bad value: the right error, a message naming the setting
 * and the bad value, and the settings in force unchanged. */
static void
test_bad_values (void)
{
  static const struct { const char *key, *value; int code; const char *mentions; } cases[] = {
    /* weights that do not sum to 100 */
    { "tier.weights", "40/20/10/10/30", AWB_SETTINGS_ERROR_INCONSISTENT, "110" },
    { "loyalty.dependency_weights", "40/20/30/20", AWB_SETTINGS_ERROR_INCONSISTENT, "110" },
    { "loyalty.persistence_weights", "40/40/10", AWB_SETTINGS_ERROR_INCONSISTENT, "90" },
    /* bands that overlap or leave a gap: not strictly rising */
    { "risk.bands", "20/40/40/80", AWB_SETTINGS_ERROR_INCONSISTENT, "40" },
    { "risk.bands", "20/60/40/80", AWB_SETTINGS_ERROR_INCONSISTENT, "risk.bands" },
    { "tier.bounds", "80/80/40", AWB_SETTINGS_ERROR_INCONSISTENT, "tier.bounds" },
    { "lifestage.stages", "25/35/30/55/65", AWB_SETTINGS_ERROR_INCONSISTENT, "30" },
    { "rfm.fixed_r", "31/91/91/366", AWB_SETTINGS_ERROR_INCONSISTENT, "rfm.fixed_r" },
    { "capital.large", "100000", AWB_SETTINGS_ERROR_INCONSISTENT, "capital.medium" },
    { "turnover.stable", "6", AWB_SETTINGS_ERROR_INCONSISTENT, "turnover.short_term" },
    /* percentages that do not sum to 100 */
    { "risk.allocation",
      "70/20/20,50/40/10,40/40/20,20/50/30,0/50/50,0/40/60,0/30/70,0/20/80,0/10/90",
      AWB_SETTINGS_ERROR_INCONSISTENT, "k = 0" },
    { "risk.allocation",
      "70/20/10,50/40/10,40/40/20,20/30/50,0/50/50,0/40/60,0/30/70,0/20/80,0/10/91",
      AWB_SETTINGS_ERROR_INCONSISTENT, "k = 8" },
    { "value.shares", "60/50", AWB_SETTINGS_ERROR_INCONSISTENT, "value.shares" },
    /* scores that could pass 100 */
    { "risk.answers.job", "20/8/6/4/2", AWB_SETTINGS_ERROR_INCONSISTENT, "110" },
    /* a threshold that is not a number */
    { "value.discount", "abc", AWB_SETTINGS_ERROR_BAD_VALUE, "abc" },
    { "tier.weights", "40/20/ten/10/20", AWB_SETTINGS_ERROR_BAD_VALUE, "ten" },
    { "group.high_freq_trades", "48.5", AWB_SETTINGS_ERROR_BAD_VALUE, "48.5" },
    { "group.hnw_aum", "6,000,000.001", AWB_SETTINGS_ERROR_BAD_VALUE, "6,000,000.001" },
    { "loyalty.axis_threshold", "", AWB_SETTINGS_ERROR_BAD_VALUE, "loyalty.axis_threshold" },
    { "turnover.stable", "nan", AWB_SETTINGS_ERROR_BAD_VALUE, "nan" },
    /* out of range, wrong count, malformed */
    { "risk.expiry_months", "0", AWB_SETTINGS_ERROR_BAD_VALUE, "0" },
    { "value.retention.trust", "1.5", AWB_SETTINGS_ERROR_BAD_VALUE, "1.5" },
    { "tier.weights", "40/20/10/30", AWB_SETTINGS_ERROR_BAD_VALUE, "5" },
    { "rfm.segment.loyal", "2-4/2-4", AWB_SETTINGS_ERROR_BAD_VALUE, "2-4/2-4" },
    { "rfm.segment.loyal", "4-2/2-4/2-4", AWB_SETTINGS_ERROR_BAD_VALUE, "4-2" },
    { "rfm.segment.loyal", "2-6/2-4/2-4", AWB_SETTINGS_ERROR_BAD_VALUE, "6" },
    { "rfm.method", "median", AWB_SETTINGS_ERROR_BAD_VALUE, "median" },
    { "text.nba.vip", "  ", AWB_SETTINGS_ERROR_BAD_VALUE, "text.nba.vip" },
    /* no such setting */
    { "tier.weight.aum", "40", AWB_SETTINGS_ERROR_UNKNOWN_KEY, "tier.weight.aum" },
  };
  g_autoptr(AwbSettings) s = awb_settings_new ();
  g_autofree char *before = awb_settings_serialize (s);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;
      const char *keys[] = { cases[i].key };
      const char *values[] = { cases[i].value };

      g_assert_false (awb_settings_set_values (s, 1, keys, values, &error));
      g_assert_error (error, AWB_SETTINGS_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].key) == NULL ||
          strstr (error->message, cases[i].mentions) == NULL)
        g_error ("case %u: “%s” should name %s and %s", i, error->message, cases[i].key,
                 cases[i].mentions);
      after = awb_settings_serialize (s);
      g_assert_cmpstr (after, ==, before);
    }
}

/* Changes made together are validated together: moving 10 points from the
 * AUM weight to the needs weight is one composite value; several keys at
 * once all land, or none does. */
static void
test_set_together (void)
{
  g_autoptr(AwbSettings) s = awb_settings_new ();
  g_autoptr(GError) error = NULL;
  const char *keys[] = { "tier.weights", "capital.medium", "capital.large" };
  const char *good[] = { "30/20/20/10/20", "2000000", "3000000" };
  const char *bad[] = { "30/20/20/10/20", "5000000", "3000000" };
  g_autofree char *weights = NULL;
  g_autofree char *medium = NULL;

  /* medium 2,000,000 alone would pass large 1,000,000: only together */
  g_assert_true (awb_settings_set_values (s, 3, keys, good, &error));
  g_assert_no_error (error);
  weights = awb_settings_get_value (s, "tier.weights");
  g_assert_cmpstr (weights, ==, "30/20/20/10/20");
  g_assert_cmpint (s->capital_medium, ==, 200000000);

  g_assert_false (awb_settings_set_values (s, 3, keys, bad, &error));
  g_assert_error (error, AWB_SETTINGS_ERROR, AWB_SETTINGS_ERROR_INCONSISTENT);
  medium = awb_settings_get_value (s, "capital.medium");
  g_assert_cmpstr (medium, ==, "2000000");
}

/* The RFM window is "all" for all history (0), as awb-rfm's snapshot
 * writes it; "0" is read the same way. */
static void
test_window_all (void)
{
  g_autoptr(AwbSettings) s = awb_settings_new ();
  g_autofree char *all = NULL;
  const char *keys[] = { "rfm.window_days" };
  const char *zero[] = { "0" };
  const char *word[] = { "all" };
  const char *days[] = { "730" };

  g_assert_true (awb_settings_set_values (s, 1, keys, zero, NULL));
  g_assert_cmpint (s->rfm.window_days, ==, 0);
  all = awb_settings_get_value (s, "rfm.window_days");
  g_assert_cmpstr (all, ==, "all");
  g_assert_true (awb_settings_set_values (s, 1, keys, days, NULL));
  g_assert_cmpint (s->rfm.window_days, ==, 730);
  g_assert_true (awb_settings_set_values (s, 1, keys, word, NULL));
  g_assert_cmpint (s->rfm.window_days, ==, 0);
}

/* The snapshot: one key=value line per setting; a newline in a text is
 * written as backslash n. */
static void
test_serialize (void)
{
  g_autoptr(AwbSettings) s = awb_settings_new ();
  g_autofree char *text = NULL;
  const char *keys[] = { "text.nba.vip" };
  const char *values[] = { "line one\nline two" };

  g_assert_true (awb_settings_set_values (s, 1, keys, values, NULL));
  text = awb_settings_serialize (s);
  g_assert_nonnull (strstr (text, "tier.weights=40/20/10/10/20\n"));
  g_assert_nonnull (strstr (text, "text.nba.vip=line one\\nline two\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/awb/settings/defaults", test_defaults);
  g_test_add_func ("/awb/settings/round-trip", test_round_trip);
  g_test_add_func ("/awb/settings/bad-values", test_bad_values);
  g_test_add_func ("/awb/settings/set-together", test_set_together);
  g_test_add_func ("/awb/settings/window-all", test_window_all);
  g_test_add_func ("/awb/settings/serialize", test_serialize);

  return g_test_run ();
}
