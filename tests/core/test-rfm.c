/* test-rfm.c: RFM scores, segments, states, explanations (spec §3, §12)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expected values are worked out by hand in the comments.  The rfm
 * package's own published results are reproduced in tests/io/test-rfm-csv.c
 * (they come as a transaction file).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "awb-date.h"
#include "awb-rfm.h"
#include "awb-settings.h"

/* A scored client with the given facts; as_of is day 1000. */
#define AS_OF 1000

static AwbClientFacts
client (int     recency,
        guint   n,
        AwbFen  commission,
        AwbFen  amount)
{
  AwbClientFacts c;

  memset (&c, 0, sizeof c);
  c.first_trade = recency < 0 ? AWB_DATE_NONE : AS_OF - recency;
  c.last_trade = recency < 0 ? AWB_DATE_NONE : AS_OF - recency;
  c.n_window = n;
  c.commission_window = commission;
  c.amount_window = amount;
  return c;
}

static void
score (const AwbRfmSettings *s,
       AwbClientFacts       *facts,
       gsize                 n,
       AwbClientLabels      *labels,
       AwbRfmBreakpoints    *bp)
{
  for (gsize i = 0; i < n; i++)
    awb_rfm_labels_init (&labels[i]);
  awb_rfm_score_book (s, AS_OF, facts, labels, n, bp);
}

static void
test_quantile7 (void)
{
  /* 1..10: index = 1 + 9p; p = 0.2 → 2.8 → 0.2·2 + 0.8·3 = 2.8;
   * 0.4 → 4.6; 0.6 → 6.4; 0.8 → 8.2; 0 → 1; 1 → 10. */
  static const double x[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
  static const struct { double p, q; } cases[] = {
    { 0.0, 1 }, { 0.2, 2.8 }, { 0.4, 4.6 }, { 3 * 0.2, 6.4 }, { 0.8, 8.2 }, { 1.0, 10 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpfloat_with_epsilon (awb_rfm_quantile7 (x, 10, cases[i].p), cases[i].q, 1e-12);
  /* one value: every quantile is it */
  g_assert_cmpfloat (awb_rfm_quantile7 (x + 4, 1, 0.8), ==, 5);
}

static void
test_sort (void)
{
  gint64 v[] = { 5, -3, 1099511627776, 0, -1099511627777, 5, 255, 256, -1 };
  gint64 expected[] = { -1099511627777, -3, -1, 0, 5, 5, 255, 256, 1099511627776 };

  awb_rfm_sort_fen (v, G_N_ELEMENTS (v));
  for (guint i = 0; i < G_N_ELEMENTS (v); i++)
    g_assert_cmpint (v[i], ==, expected[i]);
}

/* Ties at a boundary, values exactly on a breakpoint, coinciding
 * breakpoints.  Six clients, frequency and recency both {1,2,2,3,3,5}:
 * index = 1 + 5p: 0.2 → 2 → x2 = 2 → breakpoint 3; 0.4 → 3 → x3 = 2 → 3;
 * 0.6000000000000001 → 4.0000000000000004, x4 = x5 = 3 → 3 → 4; 0.8 → 5
 * → x5 = 3 → 4.  Edges 1 | 3 3 4 4 | 6: 1, 2 → group 1; 3 (on the
 * breakpoint 3) → group 3; 5 → group 5.  Groups 2 and 4 are empty.
 * F = group: 1 1 1 3 3 5; R = 6 − group: 5 5 5 3 3 1. */
static void
test_ties_and_coinciding (void)
{
  AwbRfmSettings s;
  AwbClientFacts f[6];
  AwbClientLabels l[6];
  AwbRfmBreakpoints bp;
  static const int v[6] = { 1, 2, 2, 3, 3, 5 };
  static const int fs[6] = { 1, 1, 1, 3, 3, 5 };
  static const int rs[6] = { 5, 5, 5, 3, 3, 1 };
  static const double edges[6] = { 1, 3, 3, 4, 4, 6 };
  static const guint64 counts[5] = { 3, 0, 2, 0, 1 };

  awb_rfm_settings_init_default (&s);
  for (int i = 0; i < 6; i++)
    f[i] = client (v[i], (guint) v[i], 100, 100);
  score (&s, f, 6, l, &bp);

  g_assert_cmpuint (bp.n_scored, ==, 6);
  for (int i = 0; i < 6; i++)
    {
      g_assert_cmpint (l[i].f_score, ==, fs[i]);
      g_assert_cmpint (l[i].r_score, ==, rs[i]);
      g_assert_cmpint (l[i].recency_days, ==, v[i]);
      g_assert_cmpint (l[i].frequency, ==, v[i]);
    }
  for (int d = AWB_RFM_DIM_R; d <= AWB_RFM_DIM_F; d++)
    {
      for (int i = 0; i < 6; i++)
        g_assert_cmpfloat (bp.dim[d].edge[i], ==, edges[i]);
      for (int i = 0; i < 5; i++)
        g_assert_cmpuint (bp.dim[d].counts[i], ==, counts[i]);
    }
  /* all monetary equal: every client in group 1 */
  g_assert_cmpint (l[5].m_score, ==, 1);
  g_assert_cmpuint (bp.dim[AWB_RFM_DIM_M].counts[0], ==, 6);
}

/* Interpolation, monetary in yuan.  Five clients with 10, 20.50, 30, 40,
 * 100.01 yuan; index = 1 + 4p: 0.2 → 1.8 → 0.2·10 + 0.8·20.5 = 18.4;
 * 0.4 → 2.6 → 0.4·20.5 + 0.6·30 = 26.2; 0.6 → 3.4 → 0.6·30 + 0.4·40 = 34;
 * 0.8 → 4.2 → 0.8·40 + 0.2·100.01 = 52.002.  Breakpoints 19.4, 27.2, 35,
 * 53.002, so the scores are 1, 2, 3, 4, 5. */
static void
test_interpolation (void)
{
  AwbRfmSettings s;
  AwbClientFacts f[5];
  AwbClientLabels l[5];
  AwbRfmBreakpoints bp;
  static const AwbFen fen[5] = { 1000, 2050, 3000, 4000, 10001 };
  static const double edges[6] = { 10, 19.4, 27.2, 35, 53.002, 101.01 };

  awb_rfm_settings_init_default (&s);
  for (int i = 0; i < 5; i++)
    f[i] = client (10, 1, fen[i], 0);
  score (&s, f, 5, l, &bp);
  for (int i = 0; i < 5; i++)
    g_assert_cmpint (l[i].m_score, ==, i + 1);
  for (int i = 0; i < 6; i++)
    g_assert_cmpfloat_with_epsilon (bp.dim[AWB_RFM_DIM_M].edge[i], edges[i], 1e-9);
}

/* One client, and all clients equal: every quantile is the value v, the
 * inner breakpoints v + 1, so everyone is in group 1: R 5, F 1, M 1,
 * which is the box New (R 4–5, F 1–3, M 1–5), state active. */
static void
test_single_and_equal (void)
{
  AwbRfmSettings s;
  AwbClientFacts f[3];
  AwbClientLabels l[3];
  AwbRfmBreakpoints bp;

  awb_rfm_settings_init_default (&s);
  for (guint n = 1; n <= 3; n += 2)
    {
      for (guint i = 0; i < n; i++)
        f[i] = client (30, 4, 5000, 90000);
      score (&s, f, n, l, &bp);
      for (guint i = 0; i < n; i++)
        {
          g_assert_cmpint (l[i].r_score, ==, 5);
          g_assert_cmpint (l[i].f_score, ==, 1);
          g_assert_cmpint (l[i].m_score, ==, 1);
          g_assert_cmpint (l[i].rfm_segment, ==, AWB_SEGMENT_NEW);
          g_assert_cmpint (l[i].rfm_state, ==, AWB_STATE_ACTIVE);
        }
      g_assert_cmpfloat (bp.dim[AWB_RFM_DIM_R].edge[1], ==, 31);
      g_assert_cmpfloat (bp.dim[AWB_RFM_DIM_F].edge[4], ==, 5);
      g_assert_cmpfloat (bp.dim[AWB_RFM_DIM_M].edge[0], ==, 50);
      g_assert_cmpfloat (bp.dim[AWB_RFM_DIM_M].edge[5], ==, 51);
    }
}

/* Prospects get no label and stay out of the breakpoints: with prospects
 * among them, the two scored clients (F 1 and 3) give index 1 + p:
 * 0.2 → 1.2 → 1.4 → breakpoint 2.4, ..., 0.8 → 2.6 → 3.6. */
static void
test_prospects (void)
{
  AwbRfmSettings s;
  AwbClientFacts f[4];
  AwbClientLabels l[4];
  AwbRfmBreakpoints bp;
  g_autofree char *why = NULL;

  awb_rfm_settings_init_default (&s);
  f[0] = client (-1, 0, 0, 0);
  f[1] = client (5, 1, 100, 100);
  f[2] = client (-1, 0, 0, 0);
  f[3] = client (6, 3, 100, 100);
  score (&s, f, 4, l, &bp);
  g_assert_cmpuint (bp.n_scored, ==, 2);
  g_assert_cmpuint (bp.n_prospects, ==, 2);
  g_assert_cmpfloat_with_epsilon (bp.dim[AWB_RFM_DIM_F].edge[1], 2.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (bp.dim[AWB_RFM_DIM_F].edge[4], 3.6, 1e-12);
  for (int i = 0; i < 4; i += 2)
    {
      g_assert_cmpint (l[i].recency_days, ==, AWB_UNKNOWN);
      g_assert_cmpint (l[i].frequency, ==, AWB_UNKNOWN);
      g_assert_cmpint (l[i].monetary, ==, AWB_UNKNOWN);
      g_assert_cmpint (l[i].r_score, ==, AWB_UNKNOWN);
      g_assert_cmpint (l[i].rfm_segment, ==, AWB_UNKNOWN);
      g_assert_cmpint (l[i].rfm_state, ==, AWB_UNKNOWN);
    }
  /* breakpoints 2.4, 2.8, 3.2 (0.6: 1.6 → 0.4·1 + 0.6·3 = 2.2), 3.6:
   * F 1 < 2.4 → 1; 2.8 ≤ F 3 < 3.2 → 3 */
  g_assert_cmpint (l[1].f_score, ==, 1);
  g_assert_cmpint (l[3].f_score, ==, 3);
  /* the classification fields are left unknown */
  g_assert_true (isnan (l[1].tier_score));
  g_assert_cmpint (l[1].tier, ==, AWB_UNKNOWN);
  why = awb_rfm_explain (&s, &bp, &l[0]);
  g_assert_nonnull (strstr (why, "prospect"));
}

/* Commission vs amount, and fixed breakpoints.  Fixed M breakpoints 1, 2,
 * 3, 4 yuan; client A has commission 0.10 × 10 trades = 1.00 yuan (the
 * float sum 0.1 + … + 0.1 is 0.9999999999999999, which would score 1; the
 * exact fen sum scores 2) and amount 3.50 yuan (score 4); client B has
 * commission 0.99 (score 1) and amount 4.00 (score 5, on the breakpoint). */
static void
test_fixed_and_monetary_kind (void)
{
  AwbRfmSettings s;
  AwbClientFacts f[2];
  AwbClientLabels l[2];
  AwbRfmBreakpoints bp;
  double float_sum = 0;
  g_autofree char *snapshot = NULL;

  for (int i = 0; i < 10; i++)
    float_sum += 0.10;
  g_assert_cmpfloat (float_sum, <, 1.0);   /* why money is never a float sum */

  awb_rfm_settings_init_default (&s);
  s.method = AWB_RFM_FIXED;
  for (int i = 0; i < 4; i++)
    {
      s.fixed_r[i] = 10 * (i + 1);    /* 10, 20, 30, 40 days */
      s.fixed_f[i] = i + 2;           /* 2, 3, 4, 5 trades */
      s.fixed_m[i] = i + 1;
    }
  g_assert_true (awb_rfm_settings_validate (&s, NULL));
  f[0] = client (20, 10, 10 * 10, 350);
  f[1] = client (45, 1, 99, 400);
  score (&s, f, 2, l, &bp);
  g_assert_cmpint (l[0].monetary, ==, 100);
  g_assert_cmpint (l[0].m_score, ==, 2);
  g_assert_cmpint (l[1].m_score, ==, 1);
  /* recency 20 is on the breakpoint 20: group 3, R 3; 45 ≥ 40: group 5, R 1 */
  g_assert_cmpint (l[0].r_score, ==, 3);
  g_assert_cmpint (l[1].r_score, ==, 1);
  /* frequency 10 ≥ 5: F 5; 1 < 2: F 1 */
  g_assert_cmpint (l[0].f_score, ==, 5);
  g_assert_cmpint (l[1].f_score, ==, 1);
  g_assert_cmpfloat (bp.dim[AWB_RFM_DIM_M].edge[1], ==, 1);

  s.monetary = AWB_MONETARY_AMOUNT;
  score (&s, f, 2, l, &bp);
  g_assert_cmpint (l[0].monetary, ==, 350);
  g_assert_cmpint (l[0].m_score, ==, 4);
  g_assert_cmpint (l[1].m_score, ==, 5);

  /* The explanation names the fixed breakpoints; with two boxes of its
   * own (not the defaults), 354 is in the second.  With only the first
   * box, 155 matches none; with no box, there is none to match. */
  {
    AwbRfmSettings own = s;
    g_autofree char *why = NULL;
    g_autofree char *why_one = NULL;
    g_autofree char *why_none = NULL;

    own.boxes[0] = (AwbSegmentBox) { AWB_SEGMENT_CHAMPIONS, 5, 5, 5, 5, 5, 5 };
    own.boxes[1] = (AwbSegmentBox) { AWB_SEGMENT_POTENTIAL_LOYALIST, 3, 5, 3, 5, 2, 5 };
    own.n_boxes = 2;
    why = awb_rfm_explain (&own, &bp, &l[0]);
    g_test_message ("%s", why);
    g_assert_cmpstr (why, ==,
                     "R 3: recency 20 days, 20 ≤ 20 < 30 (fixed breakpoints 10, 20, 30, 40). "
                     "F 5: frequency 10 trades, 5 ≤ 10 < 11 (fixed breakpoints 2, 3, 4, 5). "
                     "M 4: monetary 3.50 yuan, 3 ≤ 3.5 < 4 (fixed breakpoints 1, 2, 3, 4). "
                     "Segment Potential loyalist: box 2 (R 3–5, F 3–5, M 2–5) is the first that "
                     "matches; the earlier boxes do not: Champions needs R 5. "
                     "State Active: R ≥ 3.");
    own.n_boxes = 1;
    why_one = awb_rfm_explain (&own, &bp, &l[1]);
    g_test_message ("%s", why_one);
    g_assert_nonnull (strstr (why_one, " Segment Others: no box matches: Champions needs R 5. "
                                       "State Churn risk: R < 3, and F ≥ 3 or M ≥ 4."));
    own.n_boxes = 0;
    why_none = awb_rfm_explain (&own, &bp, &l[1]);
    g_assert_nonnull (strstr (why_none, " Segment Others: there is no box to match. "));
  }

  snapshot = awb_rfm_settings_to_string (&s);
  g_assert_nonnull (strstr (snapshot, "rfm.method=fixed\n"));
  g_assert_nonnull (strstr (snapshot, "rfm.monetary=amount\n"));
  g_assert_nonnull (strstr (snapshot, "rfm.fixed_f=2/3/4/5\n"));
  g_assert_nonnull (strstr (snapshot, "rfm.segment.lost=1/1-5/1-5\n"));

  /* descending fixed breakpoints are refused, naming the bad one */
  {
    g_autoptr(GError) error = NULL;

    s.fixed_f[2] = 1;
    g_assert_false (awb_rfm_settings_validate (&s, &error));
    g_assert_error (error, AWB_RFM_ERROR, AWB_RFM_ERROR_INVALID_SETTINGS);
    g_assert_nonnull (strstr (error->message, "breakpoint 3"));
  }
}

/* Every box of spec §3 and Others, first match wins (checked by hand
 * against the earlier boxes in the comments). */
static void
test_segments (void)
{
  static const struct { int r, f, m; AwbSegment seg; AwbRfmState state; } cases[] = {
    { 5, 5, 5, AWB_SEGMENT_CHAMPIONS, AWB_STATE_ACTIVE },
    { 5, 3, 5, AWB_SEGMENT_POTENTIAL_LOYALIST, AWB_STATE_ACTIVE },
    { 3, 5, 5, AWB_SEGMENT_POTENTIAL_LOYALIST, AWB_STATE_ACTIVE },
    { 2, 2, 2, AWB_SEGMENT_LOYAL, AWB_STATE_DORMANT },
    { 4, 4, 4, AWB_SEGMENT_POTENTIAL_LOYALIST, AWB_STATE_ACTIVE },   /* PL comes first */
    { 3, 1, 3, AWB_SEGMENT_PROMISING, AWB_STATE_ACTIVE },       /* loyal needs F ≥ 2 */
    { 4, 1, 1, AWB_SEGMENT_NEW, AWB_STATE_ACTIVE },             /* promising needs M ≥ 3 */
    { 1, 3, 4, AWB_SEGMENT_CANT_LOSE, AWB_STATE_CHURN_RISK },
    { 1, 2, 5, AWB_SEGMENT_AT_RISK, AWB_STATE_CHURN_RISK },     /* can't lose needs F 3–4 */
    { 1, 5, 3, AWB_SEGMENT_NEED_ATTENTION, AWB_STATE_CHURN_RISK },
    { 2, 1, 1, AWB_SEGMENT_ABOUT_TO_SLEEP, AWB_STATE_DORMANT },
    { 1, 1, 1, AWB_SEGMENT_LOST, AWB_STATE_DORMANT },
    { 1, 1, 4, AWB_SEGMENT_LOST, AWB_STATE_CHURN_RISK },
    { 2, 5, 1, AWB_SEGMENT_OTHERS, AWB_STATE_CHURN_RISK },      /* no box holds 251 */
    { 2, 1, 5, AWB_SEGMENT_OTHERS, AWB_STATE_CHURN_RISK },      /* nor 215 */
  };
  AwbRfmSettings s;

  awb_rfm_settings_init_default (&s);
  g_assert_cmpuint (s.n_boxes, ==, 10);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int box = -2;
      AwbSegment seg = awb_rfm_segment_for (&s, cases[i].r, cases[i].f, cases[i].m, &box);

      g_test_message ("RFM %d%d%d", cases[i].r, cases[i].f, cases[i].m);
      g_assert_cmpint (seg, ==, cases[i].seg);
      g_assert_cmpint (box, ==, seg == AWB_SEGMENT_OTHERS ? -1 : (int) seg);
      g_assert_cmpint (awb_rfm_state_for (cases[i].r, cases[i].f, cases[i].m), ==,
                       cases[i].state);
    }
}

/* A snapshot reads back as the settings it was written from. */
static void
test_settings_round_trip (void)
{
  AwbRfmSettings s, back;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  static const struct { const char *text; const char *needle; } bad[] = {
    { "rfm.bins=5\nrfm.window_days=-3\n", "line 2: “-3” is not a valid value for rfm.window_days" },
    { "rfm.monetary=revenue", "“revenue”" },
    { "rfm.segment.champions=5/5", "rfm.segment.champions" },
    { "rfm.segment.others=1-5/1-5/1-5", "rfm.segment.others" },
    { "rfm.segment.lost=1/1-5/1-9", "Segment box 1" },   /* past the 5 bins */
    { "rfm.bins=4\n", "Segment box 1" },   /* the default boxes reach 5 */
  };

  awb_rfm_settings_init_default (&s);
  s.window_days = 0;
  s.monetary = AWB_MONETARY_AMOUNT;
  s.method = AWB_RFM_FIXED;
  for (int i = 0; i < 4; i++)
    {
      s.fixed_r[i] = 30.5 * (i + 1);
      s.fixed_f[i] = i + 2;
      s.fixed_m[i] = 0.1 * (i + 1);   /* 0.30000000000000004 must survive */
    }
  s.n_boxes = 2;
  text = awb_rfm_settings_to_string (&s);
  g_assert_true (awb_rfm_settings_parse (text, &back, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (back.window_days, ==, 0);
  g_assert_cmpint (back.monetary, ==, AWB_MONETARY_AMOUNT);
  g_assert_cmpint (back.method, ==, AWB_RFM_FIXED);
  g_assert_cmpuint (back.bins, ==, 5);
  g_assert_cmpmem (back.fixed_r, sizeof (double) * 4, s.fixed_r, sizeof (double) * 4);
  g_assert_cmpmem (back.fixed_f, sizeof (double) * 4, s.fixed_f, sizeof (double) * 4);
  g_assert_cmpmem (back.fixed_m, sizeof (double) * 4, s.fixed_m, sizeof (double) * 4);
  g_assert_cmpuint (back.n_boxes, ==, 2);
  g_assert_cmpmem (back.boxes, sizeof (AwbSegmentBox) * 2, s.boxes, sizeof (AwbSegmentBox) * 2);

  /* the book's settings store writes the same keys: its text reads back */
  {
    g_autoptr(AwbSettings) book = awb_settings_new ();
    g_autofree char *serialized = NULL;

    book->rfm = s;
    for (int i = 0; i < 4; i++)
      book->rfm.fixed_m[i] = 0.5 * (i + 1);   /* short: the store writes fewer digits */
    book->rfm.n_boxes = 10;
    awb_rfm_settings_init_default (&back);
    memcpy (book->rfm.boxes, back.boxes, sizeof back.boxes);
    serialized = awb_settings_serialize (book);
    g_assert_true (awb_rfm_settings_parse (serialized, &back, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (back.window_days, ==, 0);
    g_assert_cmpint (back.method, ==, AWB_RFM_FIXED);
    g_assert_cmpmem (back.fixed_m, sizeof (double) * 4, book->rfm.fixed_m, sizeof (double) * 4);
    g_assert_cmpuint (back.n_boxes, ==, 10);
    g_assert_cmpmem (back.boxes, sizeof (AwbSegmentBox) * 10, book->rfm.boxes,
                     sizeof (AwbSegmentBox) * 10);
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_clear_error (&error);
      back.bins = 77;
      g_assert_false (awb_rfm_settings_parse (bad[i].text, &back, NULL, &error));
      g_assert_error (error, AWB_RFM_ERROR, AWB_RFM_ERROR_INVALID_SETTINGS);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, bad[i].needle));
      g_assert_cmpuint (back.bins, ==, 77);   /* untouched */
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/awb/rfm/quantile7", test_quantile7);
  g_test_add_func ("/awb/rfm/sort", test_sort);
  g_test_add_func ("/awb/rfm/ties-and-coinciding-breakpoints", test_ties_and_coinciding);
  g_test_add_func ("/awb/rfm/interpolation", test_interpolation);
  g_test_add_func ("/awb/rfm/single-client-and-all-equal", test_single_and_equal);
  g_test_add_func ("/awb/rfm/prospects", test_prospects);
  g_test_add_func ("/awb/rfm/fixed-and-monetary-kind", test_fixed_and_monetary_kind);
  g_test_add_func ("/awb/rfm/segments", test_segments);
  g_test_add_func ("/awb/rfm/settings-round-trip", test_settings_round_trip);

  return g_test_run ();
}
