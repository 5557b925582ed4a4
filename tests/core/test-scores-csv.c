/* test-scores-csv.c: the §11 `scores` columns, codes and rounding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "awb-rfm.h"
#include "awb-scores-csv.h"
#include "test-facts.h"

static void
test_header (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  awb_scores_csv_header (out);
  g_assert_cmpstr (out->str, ==,
                   "client_id,as_of,recency_days,frequency,monetary,r_score,f_score,m_score,"
                   "rfm_segment,rfm_state,tier_score,tier,service_group,cadence_days,overdue,"
                   "capital_size,turnover_class,dependency,persistence,loyalty_type,"
                   "loyalty_score,lifecycle,capacity,attitude,capacity_band,attitude_band,"
                   "risk_level,questionnaire_expired,alloc_low,alloc_mid,alloc_high,mismatches,"
                   "age_group,life_stage,family_stage,clv,value_tier\n");
}

/* Half away from zero to two decimals, on the decimal value: 1.005 →
 * 1.01 (binary 1.00499…), 2.675 → 2.68, 0.125 → 0.13, −1.005 → −1.01,
 * 67.2 → 67.20, 41.0049 → 41.00, 99.995 → 100.00. */
static void
test_decimal (void)
{
  static const struct { double v; const char *text; } cases[] = {
    { 1.005, "1.01" }, { 2.675, "2.68" }, { 0.125, "0.13" }, { -1.005, "-1.01" },
    { 67.2, "67.20" }, { 41.0049, "41.00" }, { 99.995, "100.00" }, { 0, "0.00" },
    { 100.0 / 3, "33.33" }, { 200.0 / 3, "66.67" }, { NAN, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      awb_scores_csv_decimal (out, cases[i].v);
      g_assert_cmpstr (out->str, ==, cases[i].text);
    }
}

/* A scored client with every label, and a prospect with only what applies
 * to it: every RFM column empty, rfm_state included. */
static void
test_rows (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  AwbClientLabels l;
  AwbDate as_of = test_date ("2026-06-30");

  awb_rfm_labels_init (&l);
  l.recency_days = 10;
  l.frequency = 50;
  l.monetary = 1000000;
  l.r_score = l.f_score = l.m_score = 5;
  l.rfm_segment = AWB_SEGMENT_CHAMPIONS;
  l.rfm_state = AWB_STATE_ACTIVE;
  l.tier_score = 67.2;
  l.tier = AWB_TIER_KEY;
  l.service_group = AWB_GROUP_ORDINARY_HIGH_FREQ;
  l.cadence_days = 90;
  l.overdue = 0;
  l.capital_size = AWB_CAPITAL_LARGE;
  l.turnover_class = AWB_TURNOVER_STABLE;
  l.dependency = 60;
  l.persistence = 76;
  l.loyalty_type = AWB_LOYALTY_TRUST;
  l.loyalty_score = 68;
  l.lifecycle = AWB_LIFECYCLE_LOYAL;
  l.capacity = 58;
  l.attitude = 36;
  l.capacity_band = AWB_BAND_MID;
  l.attitude_band = AWB_BAND_MID_LOW;
  l.risk_level = AWB_LEVEL_C2;
  l.questionnaire_expired = 0;
  l.alloc_low = 20;
  l.alloc_mid = 50;
  l.alloc_high = 30;
  l.mismatches = 2;
  l.age_group = AWB_AGE_MIDDLE_AGED;
  l.life_stage = AWB_STAGE_ADULT;
  l.family_stage = AWB_FAMILY_FULL_NEST_2;
  l.clv = 5000000;
  l.value_tier = AWB_VALUE_MEDIUM;
  awb_scores_csv_row (out, "A001", as_of, &l);
  g_assert_cmpstr (out->str, ==,
                   "A001,2026-06-30,10,50,10000.00,5,5,5,champions,active,67.20,key,"
                   "ordinary_high_freq,90,0,large,stable,60.00,76.00,trust,68.00,loyal,58,36,"
                   "mid,mid_low,C2,0,20,50,30,2,middle_aged,adult,full_nest_2,50000.00,medium\n");

  g_string_truncate (out, 0);
  awb_rfm_labels_init (&l);
  l.tier_score = 3;
  l.tier = AWB_TIER_BASIC;
  l.service_group = AWB_GROUP_ORDINARY_LOW_FREQ;
  l.cadence_days = 365;
  l.overdue = 1;
  l.capital_size = AWB_CAPITAL_SMALL;
  l.turnover_class = AWB_TURNOVER_STATIC;
  l.dependency = 30;
  l.persistence = 0;
  l.loyalty_type = AWB_LOYALTY_NOT_LOYAL;
  l.loyalty_score = 15;
  l.lifecycle = AWB_LIFECYCLE_PROSPECT;
  l.risk_level = AWB_LEVEL_P;
  l.mismatches = 0;
  l.family_stage = AWB_FAMILY_UNKNOWN;
  l.clv = 0;
  l.value_tier = AWB_VALUE_LOW;
  awb_scores_csv_row (out, "C,003", as_of, &l);
  g_assert_cmpstr (out->str, ==,
                   "\"C,003\",2026-06-30,,,,,,,,,3.00,basic,ordinary_low_freq,365,1,small,"
                   "static,30.00,0.00,not_loyal,15.00,prospect,,,,,P,,,,,0,,,unknown,0.00,low\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/awb/scores-csv/header", test_header);
  g_test_add_func ("/awb/scores-csv/decimal", test_decimal);
  g_test_add_func ("/awb/scores-csv/rows", test_rows);

  return g_test_run ();
}
