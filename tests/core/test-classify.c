/* test-classify.c: the book-level classify step and the explanation of
 * its labels, on a book of four clients worked by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "awb-classify.h"
#include "awb-explain.h"
#include "test-facts.h"

#define AS_OF "2026-06-30"
#define N 4

/* The book, as of 2026-06-30:
 *
 * A001  AUM 2,000,000.00, 50 trades in 12 months (12 distinct months),
 *       amount 10,000,000.00, commission 10,000.00; professional need;
 *       born 1985-01-01 (41); capacity answers 2,3,3,5,5, loss 8 %,
 *       attitude answers 4,4,4,4,4; assessed 2025-01-10; married, one
 *       child of 10, working; survey 4, 1 referral, share 50 %, no
 *       competitor, driver trust; opened 2022-06-30; first trade
 *       2022-07-01, last 2026-06-20, R 5 F 5 M 5 (champions); last
 *       interaction 2026-05-01; 2 R3 trades without override.
 * B002  AUM 50,000.00, 3 trades (May and June), commission 300.00, no
 *       questionnaire, a competitor account, no opening date, first trade
 *       2026-05-01, R 4.
 * C003  a prospect: nothing but the name.
 * D004  AUM 6,000,000.00, 50 trades in 12 distinct months, commission
 *       20,000.00, lowest category, no questionnaire, opened 2016-01-01,
 *       R 5; one R2 trade with a signed override.
 *
 * Percent ranks (n − 1 = 3): AUM C 0 < B 50,000 < A 2,000,000 < D
 * 6,000,000 → C 0, B 33.33, A 66.67, D 100.  Trades: C 0 < B 3 < A = D 50
 * → C 0, B 33.33, A and D 66.67 (two smaller each).
 *
 * A001
 *   capacity 58 = age 41 → 75 − 41 = 34 + job 8 + burden 6 + housing 6 +
 *     experience 2 + knowledge 2 → mid (40–59)
 *   attitude 36 = loss 8 → 16 + 4 × 5 = 20 → mid-low (20–39)
 *   k = 2 + 1 = 3 → 20/50/30; level C(1 + min (2, 1)) = C2
 *   mismatches: 2 R3 trades above R2, no override → 2
 *   expires 2027-01-10: not expired
 *   dependency = 0.4 × 75 + 0.2 × 25 + 0.3 × 50 + 0.1 × 100 = 30 + 5 + 15
 *     + 10 = 60; persistence: tenure 1461 days = 4 years → 40, 12 months
 *     → 100, R 5 → 100: 16 + 40 + 20 = 76 → trust (both ≥ 50, trust);
 *     loyalty score 68; lifecycle loyal (tenure 4 ≥ 2)
 *   tier score = (40 × 66.667 + 20 × 66.667 + 10 × 100 + 10 × 36 + 20 × 68)
 *     ÷ 100 = (2666.67 + 1333.33 + 1000 + 360 + 1360) ÷ 100 = 67.2 → Key
 *   ordinary (< 6,000,000), high-frequency (50 ≥ 48); cadence Key 90;
 *     60 days since 2026-05-01 → not overdue
 *   large (≥ 1,000,000); turnover 10,000,000 ÷ 2,000,000 = 5 → stable
 *   CLV = 10,000.00 × 0.9 ÷ 0.18 = 50,000.00
 *   middle-aged, adult; married, youngest 10, age 41 < 45 → full nest II
 * D004
 *   level C1 (lowest category), mismatches: every trade above R1, override
 *     or not → 1
 *   dependency = 0.4 × 50 + 0 + 0 + 0.1 × 100 = 30; persistence: over 10
 *     years → 100, 12 months → 100, R 5 → 100: 100 → inertia (persistence
 *     high, dependency low, driver unknown); loyalty score 65
 *   tier score = (40 × 100 + 20 × 66.667 + 0 + 0 + 20 × 65) ÷ 100 =
 *     (4000 + 1333.33 + 1300) ÷ 100 = 66.33 → Key; HNW high-frequency
 *   CLV = 20,000.00 × 0.8 ÷ 0.28 = 57,142.857… → 57,142.86
 * B002: CLV = 300.00 × 0.5 ÷ 0.58 = 258.62 (not loyal: dependency = 0.4 ×
 *   50 = 20, persistence low); lifecycle new (first trade 60 days ago).
 * C003: prospect; overdue (no interaction, no opening date); family
 *   unknown; CLV 0.
 * Value tiers, n = 4: ⌈0.8⌉ = 1 high, up to ⌈2⌉ = 2 medium:
 *   D 57,142.86 high; A 50,000.00 medium; B 258.62 low; C 0 low. */
static void
build_book (AwbClientFacts  *f,
            AwbClientLabels *l)
{
  AwbDate as_of = test_date (AS_OF);
  static const gint8 cap[5] = { 2, 3, 3, 5, 5 };
  static const gint8 att[5] = { 4, 4, 4, 4, 4 };

  for (int i = 0; i < N; i++)
    test_blank_client (&f[i], &l[i]);

  f[0].client_no = (char *) "A001";
  f[0].aum = 200000000;
  f[0].n_12m = 50;
  f[0].months_12m = 0xfff;
  f[0].amount_12m = 1000000000;
  f[0].commission_12m = 1000000;
  f[0].need_type = AWB_NEED_PROFESSIONAL;
  f[0].birth_date = test_date ("1985-01-01");
  memcpy (f[0].q_capacity, cap, 5);
  memcpy (f[0].q_attitude, att, 5);
  f[0].loss_tolerance_pct = 8;
  f[0].assessed_on = test_date ("2025-01-10");
  f[0].marital = AWB_MARITAL_MARRIED;
  f[0].children = 1;
  f[0].youngest_child_age = 10;
  f[0].employment = AWB_EMPLOYMENT_WORKING;
  f[0].latest_survey = 4;
  f[0].referrals = 1;
  f[0].share_of_wallet = 50;
  f[0].loyalty_driver = AWB_DRIVER_TRUST;
  f[0].opened_on = test_date ("2022-06-30");
  f[0].first_trade = test_date ("2022-07-01");
  f[0].last_trade = test_date ("2026-06-20");
  f[0].last_interaction = test_date ("2026-05-01");
  f[0].n_12m_by_risk[2] = f[0].n_12m_by_risk_no_override[2] = 2;
  l[0].recency_days = 10;
  l[0].frequency = 50;
  l[0].monetary = 1000000;
  l[0].r_score = l[0].f_score = l[0].m_score = 5;
  l[0].rfm_segment = AWB_SEGMENT_CHAMPIONS;
  l[0].rfm_state = AWB_STATE_ACTIVE;

  f[1].client_no = (char *) "B002";
  f[1].aum = 5000000;
  f[1].n_12m = 3;
  f[1].months_12m = 0x1800;
  f[1].commission_12m = 30000;
  f[1].competitor_account = 1;
  f[1].first_trade = test_date ("2026-05-01");
  f[1].last_trade = as_of - 5;
  l[1].r_score = 4;
  l[1].f_score = 2;
  l[1].m_score = 2;
  l[1].rfm_segment = AWB_SEGMENT_NEW;

  f[2].client_no = (char *) "C003";

  f[3].client_no = (char *) "D004";
  f[3].aum = 600000000;
  f[3].n_12m = 50;
  f[3].months_12m = 0xfff;
  f[3].commission_12m = 2000000;
  f[3].lowest_category = 1;
  f[3].opened_on = test_date ("2016-01-01");
  f[3].first_trade = test_date ("2016-02-01");
  f[3].last_trade = as_of - 1;
  f[3].last_interaction = as_of - 10;
  f[3].n_12m_by_risk[1] = 1;
  l[3].r_score = l[3].f_score = l[3].m_score = 5;
  l[3].rfm_segment = AWB_SEGMENT_CHAMPIONS;
}

static void
test_book (void)
{
  g_autoptr(AwbSettings) s = awb_settings_new ();
  AwbClientFacts f[N];
  AwbClientLabels l[N];
  double aum_rank[N], freq_rank[N];
  guint32 place[N];

  build_book (f, l);
  awb_classify_book_full (s, test_date (AS_OF), f, l, N, aum_rank, freq_rank, place);

  g_assert_cmpfloat_with_epsilon (aum_rank[0], 200.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (aum_rank[1], 100.0 / 3, 1e-9);
  g_assert_cmpfloat (aum_rank[2], ==, 0);
  g_assert_cmpfloat (aum_rank[3], ==, 100);
  g_assert_cmpfloat_with_epsilon (freq_rank[0], 200.0 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (freq_rank[3], 200.0 / 3, 1e-9);

  /* A001 */
  g_assert_cmpint (l[0].capacity, ==, 58);
  g_assert_cmpint (l[0].attitude, ==, 36);
  g_assert_cmpint (l[0].capacity_band, ==, AWB_BAND_MID);
  g_assert_cmpint (l[0].attitude_band, ==, AWB_BAND_MID_LOW);
  g_assert_cmpint (l[0].alloc_low, ==, 20);
  g_assert_cmpint (l[0].alloc_mid, ==, 50);
  g_assert_cmpint (l[0].alloc_high, ==, 30);
  g_assert_cmpint (l[0].risk_level, ==, AWB_LEVEL_C2);
  g_assert_cmpint (l[0].mismatches, ==, 2);
  g_assert_cmpint (l[0].questionnaire_expired, ==, 0);
  g_assert_cmpfloat_with_epsilon (l[0].dependency, 60, 1e-9);
  g_assert_cmpfloat_with_epsilon (l[0].persistence, 76, 1e-9);
  g_assert_cmpint (l[0].loyalty_type, ==, AWB_LOYALTY_TRUST);
  g_assert_cmpfloat_with_epsilon (l[0].loyalty_score, 68, 1e-9);
  g_assert_cmpint (l[0].lifecycle, ==, AWB_LIFECYCLE_LOYAL);
  g_assert_cmpfloat_with_epsilon (l[0].tier_score, 67.2, 1e-9);
  g_assert_cmpint (l[0].tier, ==, AWB_TIER_KEY);
  g_assert_cmpint (l[0].service_group, ==, AWB_GROUP_ORDINARY_HIGH_FREQ);
  g_assert_cmpint (l[0].cadence_days, ==, 90);
  g_assert_cmpint (l[0].overdue, ==, 0);
  g_assert_cmpint (l[0].capital_size, ==, AWB_CAPITAL_LARGE);
  g_assert_cmpint (l[0].turnover_class, ==, AWB_TURNOVER_STABLE);
  g_assert_cmpint (l[0].clv, ==, 5000000);
  g_assert_cmpint (l[0].age_group, ==, AWB_AGE_MIDDLE_AGED);
  g_assert_cmpint (l[0].life_stage, ==, AWB_STAGE_ADULT);
  g_assert_cmpint (l[0].family_stage, ==, AWB_FAMILY_FULL_NEST_2);
  g_assert_cmpint (l[0].value_tier, ==, AWB_VALUE_MEDIUM);

  /* B002 */
  g_assert_cmpfloat_with_epsilon (l[1].dependency, 20, 1e-9);
  g_assert_cmpint (l[1].loyalty_type, ==, AWB_LOYALTY_NOT_LOYAL);
  g_assert_cmpint (l[1].lifecycle, ==, AWB_LIFECYCLE_NEW);
  g_assert_cmpint (l[1].clv, ==, 25862);
  g_assert_cmpint (l[1].value_tier, ==, AWB_VALUE_LOW);
  g_assert_cmpint (l[1].risk_level, ==, AWB_UNKNOWN);
  g_assert_cmpint (l[1].tier, ==, AWB_TIER_BASIC);

  /* C003 */
  g_assert_cmpint (l[2].lifecycle, ==, AWB_LIFECYCLE_PROSPECT);
  g_assert_cmpint (l[2].overdue, ==, 1);
  g_assert_cmpint (l[2].family_stage, ==, AWB_FAMILY_UNKNOWN);
  g_assert_cmpint (l[2].clv, ==, 0);
  g_assert_cmpint (l[2].value_tier, ==, AWB_VALUE_LOW);
  g_assert_cmpint (l[2].questionnaire_expired, ==, AWB_UNKNOWN);

  /* D004 */
  g_assert_cmpint (l[3].risk_level, ==, AWB_LEVEL_C1);
  g_assert_cmpint (l[3].capacity, ==, AWB_UNKNOWN);
  g_assert_cmpint (l[3].mismatches, ==, 1);
  g_assert_cmpint (l[3].loyalty_type, ==, AWB_LOYALTY_INERTIA);
  g_assert_cmpfloat_with_epsilon (l[3].tier_score, (4000 + 4000.0 / 3 + 1300) / 100, 1e-9);
  g_assert_cmpint (l[3].tier, ==, AWB_TIER_KEY);
  g_assert_cmpint (l[3].service_group, ==, AWB_GROUP_HNW_HIGH_FREQ);
  g_assert_cmpint (l[3].clv, ==, 5714286);
  g_assert_cmpint (l[3].value_tier, ==, AWB_VALUE_HIGH);

  g_assert_cmpuint (place[3], ==, 0);
  g_assert_cmpuint (place[0], ==, 1);
  g_assert_cmpuint (place[1], ==, 2);
  g_assert_cmpuint (place[2], ==, 3);
}

/* Whether each of @lines is in @text (or, for those listed in @absent, not). */
static void
check_lines (const char        *text,
             const char *const *lines,
             guint              n,
             const char *const *absent,
             guint              n_absent)
{
  for (guint i = 0; i < n; i++)
    {
      gboolean expect = TRUE;

      for (guint j = 0; j < n_absent; j++)
        if (g_str_has_prefix (lines[i], absent[j]))
          expect = FALSE;
      if ((strstr (text, lines[i]) != NULL) != expect)
        g_error ("%s “%s” in:\n%s", expect ? "missing" : "unexpected", lines[i], text);
    }
}

/* The explanation of A001 carries the inputs and rules worked out above,
 * each line one whole sentence; D004's the lowest category's rule and
 * inertia loyalty. */
static void
test_explain (void)
{
  static const char *const lines[] = {
    "Client A001 as of 2026-06-30\n",
    "RFM: recency 10 days, frequency 50 and monetary 10,000.00 give R 5, F 5, M 5 (cell 555).\n",
    "Segment: Champions, box 1 of the first-match list (R 5, F 5, M 5).\n",
    "Capacity 58 (band Mid): 34 points for age 41, plus job 8, burden 6, housing 6, "
      "experience 2, knowledge 2 for the five answers.\n",
    "Attitude 36 (band Mid-low): 16 points for a largest accepted loss of 8%, plus priority 4, "
      "stop-loss 4, if it loses 4, watching 4, results 4 for the five answers.\n",
    "Allocation for k = 2 + 1 = 3 (the capacity and attitude band indexes): low-risk 20%, "
      "medium-risk 50%, high-risk 30%.\n",
    "Level C2 from the lower band (capacity Mid, attitude Mid-low).\n",
    "Suitability: 2 mismatches, counting the trades of the last 12 months above R2 without a "
      "signed special risk warning (trades by level R1–R5: 0/0/2/0/0, without a signed "
      "warning: 0/0/2/0/0).\n",
    "Dependency 60 = 0.4 × satisfaction 75 (latest survey 4) + 0.2 × referrals 25 (1 made) + "
      "0.3 × share of wallet 50 + 0.1 × exclusivity 100 (no known competitor account).\n",
    "Persistence 76 = 0.4 × tenure 40 (4 years) + 0.4 × continuity 100 (12 of 12 months "
      "traded) + 0.2 × recency 100 (R 5).\n",
    "Loyalty type: Trust loyalty, with persistence and dependency both high (at least 50) and "
      "the driver Trust in our service.\n",
    "Loyalty score 68 = (60 + 76) ÷ 2: high loyalty, which starts at 60.\n",
    "Tier score 67.2 = (40 × asset size 66.67 (AUM 2,000,000.00, percent rank in 4 clients) + "
      "20 × trading frequency 66.67 (50 trades in 12 months, percent rank) + 10 × needs 100 "
      "(Professional investing) + 10 × risk preference 36 (risk attitude) + 20 × loyalty 68) "
      "÷ 100.\n",
    "Service group: Ordinary, high-frequency (AUM 2,000,000.00, high net worth from "
      "6,000,000.00; 50 trades in 12 months, high frequency from 48).\n",
    "Cadence: 90 days, the default of the Key tier.\n",
    "Overdue: no, 60 days since the latest interaction on 2026-05-01, within the cadence of "
      "90 days.\n",
    "Lifetime value 50,000.00 = commission of 12 months 10,000.00 × 0.9 ÷ (1 + 0.08 − 0.9), "
      "with 0.9 the retention rate of Trust loyalty and 0.08 the discount rate.\n",
    "Value tier: High value",
    "Family life cycle: Full nest II (rule 4: youngest child 6–17;",
    "Lifecycle: loyal (trust loyalty and 4 years of tenure, at least 2).\n",
    "  1. Resolve the suitability mismatch",
    "(2 trades of the last 12 months are above level C2 without a signed override)\n",
    "  2. Upsell, cross-sell and ask for referrals (RFM segment Champions with R 5, F 5, M 5)\n",
    "  2. Contact",
  };
  static const char *const absent[] = { "Value tier: High", "  2. Contact" };
  static const char *const d004[] = {
    "Level C1: lowest category, R1 products only, no override.\n",
    "Suitability: 1 mismatch, counting the trades of the last 12 months above R1, signed "
      "warning or not, since the client is in the lowest category (trades by level R1–R5: "
      "0/1/0/0/0, without a signed warning: 0/0/0/0/0).\n",
    "Loyalty type: Inertia loyalty, with persistence high (at least 50), dependency low "
      "(below 50) and the driver Unknown.\n",
  };
  g_autoptr(AwbSettings) s = awb_settings_new ();
  AwbClientFacts f[N];
  AwbClientLabels l[N];
  double aum_rank[N], freq_rank[N];
  guint32 place[N];
  AwbExplainContext ctx;
  g_autofree char *text = NULL;
  g_autofree char *text_d = NULL;

  build_book (f, l);
  awb_classify_book_full (s, test_date (AS_OF), f, l, N, aum_rank, freq_rank, place);
  ctx.n_book = N;
  ctx.aum_rank = aum_rank[0];
  ctx.frequency_rank = freq_rank[0];
  ctx.value_position = place[0];
  ctx.rfm_explanation = NULL;
  text = awb_explain_client (s, test_date (AS_OF), &f[0], &l[0], &ctx);
  g_test_message ("%s", text);
  check_lines (text, lines, G_N_ELEMENTS (lines), absent, G_N_ELEMENTS (absent));

  ctx.aum_rank = aum_rank[3];
  ctx.frequency_rank = freq_rank[3];
  ctx.value_position = place[3];
  text_d = awb_explain_client (s, test_date (AS_OF), &f[3], &l[3], &ctx);
  g_test_message ("%s", text_d);
  check_lines (text_d, d004, G_N_ELEMENTS (d004), NULL, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/awb/classify/book", test_book);
  g_test_add_func ("/awb/classify/explain", test_explain);

  return g_test_run ();
}
