/* test-risk.c: risk profile and suitability (spec §7), values worked by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "awb-risk.h"
#include "test-facts.h"

#define AS_OF "2026-06-30"

/* A client with a full questionnaire: all ten answers 5 (2 points each),
 * accepted loss @loss %, aged @age on AS_OF (born 1 January). */
static void
profile_client (AwbClientFacts *f,
                int             age,
                int             loss)
{
  test_blank_client (f, NULL);
  f->birth_date = awb_date_from_ymd (2026 - age, 1, 1);
  for (int q = 0; q < 5; q++)
    f->q_capacity[q] = f->q_attitude[q] = 5;
  f->loss_tolerance_pct = (gint16) loss;
  f->assessed_on = test_date ("2026-01-01");
}

/* Every answer of every question: 10/8/6/4/2 by option 1…5.  Base capacity
 * at age 41: A = 75 − 41 = 34, B = 5 × 2 = 10, so 44; answering option a
 * to one question replaces its 2 by the option's points:
 * 44 − 2 + {10, 8, 6, 4, 2} = {52, 50, 48, 46, 44}.  Base attitude at loss
 * 10 %: C = 2 × 10 = 20, D = 10, so 30; one answer a gives
 * 30 − 2 + {10, 8, 6, 4, 2} = {38, 36, 34, 32, 30}. */
static void
test_answers (void)
{
  static const int capacity[5] = { 52, 50, 48, 46, 44 };
  static const int attitude[5] = { 38, 36, 34, 32, 30 };
  g_autoptr(AwbSettings) s = awb_settings_new ();
  AwbDate as_of = test_date (AS_OF);

  for (int q = 0; q < 5; q++)
    for (int a = 1; a <= 5; a++)
      {
        AwbClientFacts f;
        AwbClientLabels l;
        AwbRiskDetail d;

        profile_client (&f, 41, 10);
        f.q_capacity[q] = (gint8) a;
        awb_risk_classify (s, as_of, &f, &l, &d);
        g_assert_cmpint (d.age_points, ==, 34);
        g_assert_cmpint (d.answer_points[q], ==, 12 - 2 * a);
        g_assert_cmpint (l.capacity, ==, capacity[a - 1]);
        g_assert_cmpint (l.attitude, ==, 30);

        profile_client (&f, 41, 10);
        f.q_attitude[q] = (gint8) a;
        awb_risk_classify (s, as_of, &f, &l, &d);
        g_assert_cmpint (d.loss_points, ==, 20);
        g_assert_cmpint (d.answer_points[AWB_Q_PRIORITY + q], ==, 12 - 2 * a);
        g_assert_cmpint (l.attitude, ==, attitude[a - 1]);
        g_assert_cmpint (l.capacity, ==, 44);
      }
}

/* A: 25 or younger → 50; 26…74 → 75 − age; 75 or older → 0.
 * C = min (2 L, 50). */
static void
test_age_and_loss_points (void)
{
  static const struct { int age, points; } ages[] = {
    { 18, 50 }, { 25, 50 }, { 26, 49 }, { 41, 34 }, { 74, 1 }, { 75, 0 }, { 90, 0 },
  };
  static const struct { int loss, points; } losses[] = {
    { 0, 0 }, { 1, 2 }, { 10, 20 }, { 24, 48 }, { 25, 50 }, { 26, 50 }, { 100, 50 },
  };
  g_autoptr(AwbSettings) s = awb_settings_new ();

  for (guint i = 0; i < G_N_ELEMENTS (ages); i++)
    g_assert_cmpint (awb_risk_age_points (s, ages[i].age), ==, ages[i].points);
  for (guint i = 0; i < G_N_ELEMENTS (losses); i++)
    g_assert_cmpint (awb_risk_loss_points (s, losses[i].loss), ==, losses[i].points);
}

/* The age is whole years at the reference date: born 1985-07-01, on
 * 2026-06-30 the client is 40 (A = 35), on 2026-07-01 41 (A = 34). */
static void
test_age_on_birthday (void)
{
  g_autoptr(AwbSettings) s = awb_settings_new ();
  AwbClientFacts f;
  AwbClientLabels l;
  AwbRiskDetail d;

  profile_client (&f, 41, 10);
  f.birth_date = test_date ("1985-07-01");
  awb_risk_classify (s, test_date ("2026-06-30"), &f, &l, &d);
  g_assert_cmpint (d.age, ==, 40);
  g_assert_cmpint (l.capacity, ==, 35 + 10);
  awb_risk_classify (s, test_date ("2026-07-01"), &f, &l, &d);
  g_assert_cmpint (d.age, ==, 41);
  g_assert_cmpint (l.capacity, ==, 34 + 10);
}

/* Band boundaries of both scores.  Capacity = A + B with B = 10 (all
 * answers 5) unless noted: 19 = age 66 (A 9) + 10; 20 = age 65 (A 10) + 10;
 * 39 = age 46 (29) + 10; 40 = age 45 (30) + 10; 59 = age 26 (49) + 10;
 * 60 = age 25 (50) + 10; 79 = age 26 (49) + B 30 (answers 1,2,4,4,4:
 * 10+8+4+4+4); 80 = age 25 (50) + B 30.
 * Attitude is always even with the default C = 2 L (D is a sum of even
 * points), so its odd sides are tested with risk.loss_factor = 1 (C = L):
 * 19 = L 9 + D 10; 20 = L 10 + 10; 39 = L 29 + 10; 40 = L 30 + 10;
 * 59 = L 49 + 10; 60 = L 50 + 10; 79 = L 49 + D 30; 80 = L 50 + D 30. */
static void
test_band_boundaries (void)
{
  static const struct { int score, age, loss; gboolean b30; int band; } cases[] = {
    { 19, 66, 9, FALSE, AWB_BAND_LOW },
    { 20, 65, 10, FALSE, AWB_BAND_MID_LOW },
    { 39, 46, 29, FALSE, AWB_BAND_MID_LOW },
    { 40, 45, 30, FALSE, AWB_BAND_MID },
    { 59, 26, 49, FALSE, AWB_BAND_MID },
    { 60, 25, 50, FALSE, AWB_BAND_MID_HIGH },
    { 79, 26, 49, TRUE, AWB_BAND_MID_HIGH },
    { 80, 25, 50, TRUE, AWB_BAND_HIGH },
  };
  static const gint8 answers30[5] = { 1, 2, 4, 4, 4 };
  g_autoptr(AwbSettings) s = awb_settings_new ();
  const char *keys[] = { "risk.loss_factor" };
  const char *values[] = { "1" };
  AwbDate as_of = test_date (AS_OF);

  g_assert_true (awb_settings_set_values (s, 1, keys, values, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AwbClientFacts f;
      AwbClientLabels l;

      g_assert_cmpint (awb_risk_band (s, cases[i].score), ==, cases[i].band);

      profile_client (&f, cases[i].age, cases[i].loss);
      if (cases[i].b30)
        for (int q = 0; q < 5; q++)
          f.q_capacity[q] = f.q_attitude[q] = answers30[q];
      awb_risk_classify (s, as_of, &f, &l, NULL);
      g_assert_cmpint (l.capacity, ==, cases[i].score);
      g_assert_cmpint (l.attitude, ==, cases[i].score);
      g_assert_cmpint (l.capacity_band, ==, cases[i].band);
      g_assert_cmpint (l.attitude_band, ==, cases[i].band);
    }
}

/* The allocation of all 25 band pairs, from the seed's 5×5 table (its
 * cell attitude mid-high × capacity low read as 20/50/30), and the level
 * C(1 + lower band).  Capacities: low 19 (age 66, B 10), mid-low 30 (age
 * 55: 20 + 10), mid 50 (age 35: 40 + 10), mid-high 70 (age 25: 50 + B 20,
 * answers 3,3,4,5,5 = 6+6+4+2+2), high 90 (age 25: 50 + B 40, answers
 * 1,1,1,2,5 = 10+10+10+8+2).  Attitudes (C = 2 L): low 10 (L 0, D 10),
 * mid-low 30 (L 10), mid 50 (L 20), mid-high 70 (L 25: 50 + D 20), high 90
 * (L 25: 50 + D 40), with the same answer sets. */
static void
test_allocation (void)
{
  static const struct { int age; gint8 answers[5]; } capacity[5] = {
    { 66, { 5, 5, 5, 5, 5 } }, { 55, { 5, 5, 5, 5, 5 } }, { 35, { 5, 5, 5, 5, 5 } },
    { 25, { 3, 3, 4, 5, 5 } }, { 25, { 1, 1, 1, 2, 5 } },
  };
  static const struct { int loss; gint8 answers[5]; } attitude[5] = {
    { 0, { 5, 5, 5, 5, 5 } }, { 10, { 5, 5, 5, 5, 5 } }, { 20, { 5, 5, 5, 5, 5 } },
    { 25, { 3, 3, 4, 5, 5 } }, { 25, { 1, 1, 1, 2, 5 } },
  };
  /* [capacity band][attitude band] = low/medium/high %, level */
  static const int expected[5][5][4] = {
    { { 70, 20, 10, 1 }, { 50, 40, 10, 1 }, { 40, 40, 20, 1 }, { 20, 50, 30, 1 }, { 0, 50, 50, 1 } },
    { { 50, 40, 10, 1 }, { 40, 40, 20, 2 }, { 20, 50, 30, 2 }, { 0, 50, 50, 2 }, { 0, 40, 60, 2 } },
    { { 40, 40, 20, 1 }, { 20, 50, 30, 2 }, { 0, 50, 50, 3 }, { 0, 40, 60, 3 }, { 0, 30, 70, 3 } },
    { { 20, 50, 30, 1 }, { 0, 50, 50, 2 }, { 0, 40, 60, 3 }, { 0, 30, 70, 4 }, { 0, 20, 80, 4 } },
    { { 0, 50, 50, 1 }, { 0, 40, 60, 2 }, { 0, 30, 70, 3 }, { 0, 20, 80, 4 }, { 0, 10, 90, 5 } },
  };
  g_autoptr(AwbSettings) s = awb_settings_new ();
  AwbDate as_of = test_date (AS_OF);

  for (int c = 0; c < 5; c++)
    for (int a = 0; a < 5; a++)
      {
        AwbClientFacts f;
        AwbClientLabels l;

        profile_client (&f, capacity[c].age, attitude[a].loss);
        memcpy (f.q_capacity, capacity[c].answers, 5);
        memcpy (f.q_attitude, attitude[a].answers, 5);
        awb_risk_classify (s, as_of, &f, &l, NULL);
        g_assert_cmpint (l.capacity_band, ==, c);
        g_assert_cmpint (l.attitude_band, ==, a);
        g_assert_cmpint (l.alloc_low, ==, expected[c][a][0]);
        g_assert_cmpint (l.alloc_mid, ==, expected[c][a][1]);
        g_assert_cmpint (l.alloc_high, ==, expected[c][a][2]);
        g_assert_cmpint (l.risk_level, ==, AWB_LEVEL_C1 + expected[c][a][3] - 1);
      }
}

/* No profile: a missing answer or birth date empties capacity, attitude,
 * bands, allocation and level; mismatches are empty without a level. */
static void
test_missing_inputs (void)
{
  g_autoptr(AwbSettings) s = awb_settings_new ();
  AwbDate as_of = test_date (AS_OF);

  for (int which = 0; which < 4; which++)
    {
      AwbClientFacts f;
      AwbClientLabels l;

      profile_client (&f, 41, 10);
      switch (which)
        {
        case 0: f.birth_date = AWB_DATE_NONE; break;
        case 1: f.q_capacity[AWB_Q_HOUSING] = 0; break;
        case 2: f.q_attitude[4] = 0; break;
        default: f.loss_tolerance_pct = AWB_UNKNOWN; break;
        }
      f.n_12m_by_risk[4] = f.n_12m_by_risk_no_override[4] = 3;
      awb_risk_classify (s, as_of, &f, &l, NULL);
      g_assert_cmpint (l.capacity, ==, AWB_UNKNOWN);
      g_assert_cmpint (l.attitude, ==, AWB_UNKNOWN);
      g_assert_cmpint (l.capacity_band, ==, AWB_UNKNOWN);
      g_assert_cmpint (l.attitude_band, ==, AWB_UNKNOWN);
      g_assert_cmpint (l.alloc_low, ==, AWB_UNKNOWN);
      g_assert_cmpint (l.alloc_mid, ==, AWB_UNKNOWN);
      g_assert_cmpint (l.alloc_high, ==, AWB_UNKNOWN);
      g_assert_cmpint (l.risk_level, ==, AWB_UNKNOWN);
      g_assert_cmpint (l.mismatches, ==, AWB_UNKNOWN);
    }
}

/* Mismatches and the override path.  Trades of 12 months by product level
 * R1…R5: all {3, 2, 1, 1, 4}, without override {3, 1, 0, 0, 2}.
 *  - C3 (capacity and attitude mid: age 35, L 20): above R3 without
 *    override: R4 0 + R5 2 = 2 (R4's one trade carries an override).
 *  - C1 (capacity low: age 66): above R1 without override: 1+0+0+2 = 3.
 *  - lowest category (the C3 client flagged): above R1, override or not:
 *    2+1+1+4 = 8; level C1 though its bands say C3.
 *  - lowest category without a profile: C1 still, mismatches 8.
 *  - professional (AUM 5,000,000.00, experience answer 3, "2–5 years"): P,
 *    mismatches 0; the same flagged lowest category: C1 (lowest wins).
 *  - AUM 4,999,999.99 or experience answer 4: not professional: C3.
 *  - professional without the rest of the questionnaire: P, no capacity. */
static void
test_levels_and_mismatches (void)
{
  static const guint32 all[5] = { 3, 2, 1, 1, 4 };
  static const guint32 no_override[5] = { 3, 1, 0, 0, 2 };
  static const struct {
    int age; gboolean lowest; AwbFen aum; int experience; gboolean no_profile;
    int level; int mismatches;
  } cases[] = {
    { 35, FALSE, 0, 5, FALSE, AWB_LEVEL_C3, 2 },
    { 66, FALSE, 0, 5, FALSE, AWB_LEVEL_C1, 3 },
    { 35, TRUE, 0, 5, FALSE, AWB_LEVEL_C1, 8 },
    { 35, TRUE, 0, 5, TRUE, AWB_LEVEL_C1, 8 },
    { 35, FALSE, 500000000, 3, FALSE, AWB_LEVEL_P, 0 },
    { 35, TRUE, 500000000, 3, FALSE, AWB_LEVEL_C1, 8 },
    { 35, FALSE, 499999999, 3, FALSE, AWB_LEVEL_C3, 2 },
    { 35, FALSE, 500000000, 4, FALSE, AWB_LEVEL_C3, 2 },
    { 35, FALSE, 900000000, 1, TRUE, AWB_LEVEL_P, 0 },
  };
  g_autoptr(AwbSettings) s = awb_settings_new ();
  AwbDate as_of = test_date (AS_OF);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AwbClientFacts f;
      AwbClientLabels l;

      profile_client (&f, cases[i].age, 20);
      f.lowest_category = (gint8) cases[i].lowest;
      f.aum = cases[i].aum;
      f.q_capacity[AWB_Q_EXPERIENCE] = (gint8) cases[i].experience;
      if (cases[i].no_profile)
        f.q_attitude[0] = 0;
      memcpy (f.n_12m_by_risk, all, sizeof all);
      memcpy (f.n_12m_by_risk_no_override, no_override, sizeof no_override);
      awb_risk_classify (s, as_of, &f, &l, NULL);
      if (l.risk_level != cases[i].level || l.mismatches != cases[i].mismatches)
        g_error ("case %u: level %d mismatches %d, expected %d and %d", i, l.risk_level,
                 l.mismatches, cases[i].level, cases[i].mismatches);
      if (cases[i].no_profile)
        g_assert_cmpint (l.capacity, ==, AWB_UNKNOWN);
    }
}

/* Expiry at exactly 24 months: taken 2024-01-15, valid up to 2026-01-14,
 * expired from 2026-01-15.  Taken 2024-02-29: 2026-02-29 does not exist,
 * so expired from 2026-02-28.  Taken after the reference date: not
 * expired.  No date: empty.  An expired questionnaire keeps its level. */
static void
test_expiry (void)
{
  static const struct { const char *taken, *as_of; int expired; } cases[] = {
    { "2024-01-15", "2026-01-14", 0 },
    { "2024-01-15", "2026-01-15", 1 },
    { "2024-01-15", "2027-03-01", 1 },
    { "2024-02-29", "2026-02-27", 0 },
    { "2024-02-29", "2026-02-28", 1 },
    { "2026-07-01", "2026-06-30", 0 },
    { NULL, "2026-06-30", AWB_UNKNOWN },
  };
  g_autoptr(AwbSettings) s = awb_settings_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AwbClientFacts f;
      AwbClientLabels l;

      profile_client (&f, 35, 20);
      f.assessed_on = cases[i].taken ? test_date (cases[i].taken) : AWB_DATE_NONE;
      awb_risk_classify (s, test_date (cases[i].as_of), &f, &l, NULL);
      g_assert_cmpint (l.questionnaire_expired, ==, cases[i].expired);
      g_assert_cmpint (l.risk_level, ==, AWB_LEVEL_C3);
    }
}

/* One trade at a time, as the trade list flags them. */
static void
test_trade_mismatch (void)
{
  enum { R1, R2, R3, R4, R5 };
  static const struct {
    int level; gboolean lowest; int product; gboolean override; gboolean mismatch;
  } cases[] = {
    { AWB_LEVEL_C3, FALSE, R3, FALSE, FALSE },    /* up to R3: fine */
    { AWB_LEVEL_C3, FALSE, R4, FALSE, TRUE },     /* R4 for C3: mismatch */
    { AWB_LEVEL_C3, FALSE, R4, TRUE, FALSE },     /* ... unless signed */
    { AWB_LEVEL_C1, FALSE, R2, FALSE, TRUE },
    { AWB_LEVEL_C5, FALSE, R5, FALSE, FALSE },
    { AWB_LEVEL_C1, TRUE, R1, FALSE, FALSE },     /* lowest category: R1 only */
    { AWB_LEVEL_C1, TRUE, R2, TRUE, TRUE },       /* no override */
    { AWB_LEVEL_P, FALSE, R5, FALSE, FALSE },     /* professional: not checked */
    { AWB_UNKNOWN, FALSE, R5, FALSE, FALSE },     /* no level: not checked */
    { AWB_LEVEL_C1, FALSE, AWB_UNKNOWN, FALSE, FALSE },   /* no product level */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (awb_risk_trade_mismatch (cases[i].level, cases[i].lowest, cases[i].product,
                                 cases[i].override) != cases[i].mismatch)
      g_error ("case %u", i);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/awb/risk/answers", test_answers);
  g_test_add_func ("/awb/risk/age-and-loss-points", test_age_and_loss_points);
  g_test_add_func ("/awb/risk/age-on-birthday", test_age_on_birthday);
  g_test_add_func ("/awb/risk/band-boundaries", test_band_boundaries);
  g_test_add_func ("/awb/risk/allocation", test_allocation);
  g_test_add_func ("/awb/risk/missing-inputs", test_missing_inputs);
  g_test_add_func ("/awb/risk/levels-and-mismatches", test_levels_and_mismatches);
  g_test_add_func ("/awb/risk/expiry", test_expiry);
  g_test_add_func ("/awb/risk/trade-mismatch", test_trade_mismatch);

  return g_test_run ();
}
