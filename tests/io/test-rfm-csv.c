/* test-rfm-csv.c: RFM of a transaction CSV file, and the rfm package's results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * /awb/rfm-csv/peer* compare with the rfm package's own published results
 * for its sample data set (tests/io/rfm/, copied from shared/data/rfm);
 * the other expected values are worked out by hand in the comments.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "awb-date.h"
#include "awb-rfm-csv.h"
#include "awb-rfm.h"

static char *
write_temp (const char *name,
            const char *contents,
            gssize      len)
{
  char *path = g_build_filename (g_get_tmp_dir (), name, NULL);

  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  return path;
}

/* The window and the reference date.  As of 2024-12-31 with a 365-day
 * window, a trade is in the window when 2024-01-01 < d ≤ 2024-12-31 (2024
 * has 366 days): a, on 2024-01-01, is out of the window (F 0, M 0 but
 * scored, recency 365); b, on 2024-01-02 and 2024-12-31, is in (F 2);
 * c's 2025-01-01 trade is after the reference date: a prospect.  Also GB18030
 * text, quoting, CRLF. */
static void
test_csv_window (void)
{
  static const char text[] =
    "\"id\",\"when\",\"value\",note\r\n"
    "a,2024-01-01,\"1,000.00\",x\r\n"
    "b,2024-01-02,0.10,\"say \"\"hi\"\", ok\"\r\n"
    "b,2024-12-31,0.20,\r\n"
    "\xbf\xcd\xbb\xa7,2025-01-01,5,\r\n";   /* 客户 in GB18030 */
  g_autofree char *path = write_temp ("awb-test-rfm-window.csv", text, -1);
  AwbRfmCsvColumns cols = { "id", "when", "value" };
  AwbClientFacts *f = NULL;
  gsize n = 0;
  g_autoptr(GError) error = NULL;
  AwbDate as_of = awb_date_from_ymd (2024, 12, 31);

  g_assert_true (awb_rfm_csv_read (path, &cols, as_of, 365, &f, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (f[0].client_no, ==, "a");
  g_assert_cmpint (as_of - f[0].last_trade, ==, 365);
  g_assert_cmpuint (f[0].n_window, ==, 0);
  g_assert_cmpint (f[0].amount_window, ==, 0);
  g_assert_cmpstr (f[1].client_no, ==, "b");
  g_assert_cmpuint (f[1].n_window, ==, 2);
  g_assert_cmpint (f[1].amount_window, ==, 30);
  g_assert_cmpint (as_of - f[1].last_trade, ==, 0);
  g_assert_cmpstr (f[2].client_no, ==, "客户");
  g_assert_cmpint (f[2].last_trade, ==, AWB_DATE_NONE);
  awb_client_facts_free (f, n);

  /* all history: a's trade counts */
  g_assert_true (awb_rfm_csv_read (path, &cols, as_of, 0, &f, &n, &error));
  g_assert_cmpuint (f[0].n_window, ==, 1);
  g_assert_cmpint (f[0].amount_window, ==, 100000);
  awb_client_facts_free (f, n);
  g_unlink (path);

  /* UTF-8 with a BOM, default column names */
  {
    static const char bom[] = "\xef\xbb\xbf" "client_id,trade_date,amount\n"
                              "甲,2024-12-30,\"1,234.56\"\n";
    g_autofree char *bom_path = write_temp ("awb-test-rfm-bom.csv", bom, -1);

    g_assert_true (awb_rfm_csv_read (bom_path, NULL, as_of, 365, &f, &n, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpstr (f[0].client_no, ==, "甲");
    g_assert_cmpint (f[0].amount_window, ==, 123456);
    g_assert_cmpint (as_of - f[0].last_trade, ==, 1);
    awb_client_facts_free (f, n);
    g_unlink (bom_path);
  }
}

static void
test_csv_errors (void)
{
  static const struct {
    const char *text;
    const char *cols[3];
    int         code;
    const char *needle;
  } cases[] = {
    { "customer_id,order_date\nx,2024-01-01\n", { NULL }, AWB_RFM_CSV_ERROR_HEADER, "amount" },
    { "cid,d,a\nx,2024-01-01,1\n", { "customer", "d", "a" }, AWB_RFM_CSV_ERROR_HEADER,
      "“customer”" },
    { "customer_id,trade_date,amount\nx,2024-01-01,1\ny,2024-02-30,1\n", { NULL },
      AWB_RFM_CSV_ERROR_BAD_VALUE, ":3: column 2 (date): “2024-02-30”" },
    { "customer_id,trade_date,amount\nx,2024-01-01,1.234\n", { NULL },
      AWB_RFM_CSV_ERROR_BAD_VALUE, ":2: column 3 (amount): “1.234”" },
    { "customer_id,trade_date,amount\n,2024-01-01,1\n", { NULL },
      AWB_RFM_CSV_ERROR_BAD_VALUE, ":2: column 1 (customer id) is empty" },
    { "customer_id,trade_date,amount\n\"x,2024-01-01,1\n", { NULL },
      AWB_RFM_CSV_ERROR_BAD_VALUE, ":2: a quoted field is not closed" },
    { "customer_id,trade_date,amount\nx,2024-01-01\n", { NULL },
      AWB_RFM_CSV_ERROR_BAD_VALUE, ":2: 2 fields" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_temp ("awb-test-rfm-bad.csv", cases[i].text, -1);
      AwbRfmCsvColumns cols = { cases[i].cols[0], cases[i].cols[1], cases[i].cols[2] };
      AwbClientFacts *f = NULL;
      gsize n = 0;
      g_autoptr(GError) error = NULL;

      g_assert_false (awb_rfm_csv_read (path, &cols, 20000, 0, &f, &n, &error));
      g_assert_error (error, AWB_RFM_CSV_ERROR, cases[i].code);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].needle));
      g_assert_true (g_str_has_prefix (error->message, "awb-test-rfm-bad.csv:"));
      g_assert_null (f);
      g_unlink (path);
    }
}

static AwbSegment
segment_from_peer (const char *name)
{
  static const char *const names[] = {
    "Champions", "Potential Loyalist", "Loyal Customers", "Promising", "New Customers",
    "Can't Lose Them", "At Risk", "Need Attention", "About To Sleep", "Lost", "Others",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (names[i], name) == 0)
      return i;
  g_assert_not_reached ();
}

static GStrv
read_lines (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "io", "rfm", name, NULL);
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_strchomp (text);
  return g_strsplit (text, "\n", -1);
}

/* The rfm package's sample orders, analysed as of 2006-12-31 over all
 * history (rfm_table_order (…, analysis_date = as.Date ("2006-12-31"))):
 * every customer's values, scores and segment, and the breakpoints with
 * their counts, equal the package's published results. */
static void
test_peer (void)
{
  g_autofree char *orders = g_test_build_filename (G_TEST_DIST, "io", "rfm",
                                                   "rfm_data_orders.csv", NULL);
  g_auto(GStrv) expected = read_lines ("rfm_data_orders_expected.csv");
  g_auto(GStrv) breaks = read_lines ("rfm_data_orders_breakpoints_expected.csv");
  g_autofree AwbClientLabels *l = NULL;
  AwbClientFacts *f = NULL;
  AwbRfmSettings s;
  AwbRfmBreakpoints bp;
  gsize n = 0;
  g_autoptr(GError) error = NULL;
  AwbDate as_of = awb_date_from_ymd (2006, 12, 31);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  static const char *const dims[3] = { "recency_days", "frequency", "monetary" };

  awb_rfm_settings_init_default (&s);
  s.window_days = 0;
  s.monetary = AWB_MONETARY_AMOUNT;
  g_assert_true (awb_rfm_csv_read (orders, NULL, as_of, 0, &f, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, g_strv_length (expected) - 1);
  l = g_new (AwbClientLabels, n);
  for (gsize i = 0; i < n; i++)
    awb_rfm_labels_init (&l[i]);
  awb_rfm_score_book (&s, as_of, f, l, n, &bp);
  for (gsize i = 0; i < n; i++)
    g_hash_table_insert (by_id, f[i].client_no, GSIZE_TO_POINTER (i + 1));

  for (guint row = 1; expected[row] != NULL; row++)
    {
      g_auto(GStrv) v = g_strsplit (expected[row], ",", -1);
      gsize i;

      g_assert_cmpuint (g_strv_length (v), ==, 10);
      i = GPOINTER_TO_SIZE (g_hash_table_lookup (by_id, v[0]));
      g_assert_cmpuint (i, >, 0);
      i--;
      g_test_message ("%s", expected[row]);
      g_assert_cmpint (l[i].recency_days, ==, atoi (v[1]));
      g_assert_cmpint (l[i].frequency, ==, atoi (v[2]));
      g_assert_cmpint (l[i].monetary, ==, (AwbFen) atoi (v[3]) * 100);
      g_assert_cmpint (l[i].r_score, ==, atoi (v[4]));
      g_assert_cmpint (l[i].f_score, ==, atoi (v[5]));
      g_assert_cmpint (l[i].m_score, ==, atoi (v[6]));
      g_assert_cmpint (l[i].rfm_segment, ==, segment_from_peer (v[8]));
    }

  /* metric,bin,lower_inclusive,upper_exclusive,score,n_customers */
  for (guint row = 1; breaks[row] != NULL; row++)
    {
      g_auto(GStrv) v = g_strsplit (breaks[row], ",", -1);
      int d = strcmp (v[0], dims[0]) == 0 ? 0 : strcmp (v[0], dims[1]) == 0 ? 1 : 2;
      int bin = atoi (v[1]);
      const AwbRfmBreaks *b = &bp.dim[d];
      char lower[G_ASCII_DTOSTR_BUF_SIZE], upper[G_ASCII_DTOSTR_BUF_SIZE];

      g_assert_cmpstr (v[0], ==, dims[d]);
      /* R prints 15 significant digits */
      g_ascii_formatd (lower, sizeof lower, "%.15g", b->edge[bin - 1]);
      g_ascii_formatd (upper, sizeof upper, "%.15g", b->edge[bin]);
      g_assert_cmpstr (lower, ==, v[2]);
      g_assert_cmpstr (upper, ==, v[3]);
      g_assert_cmpint (d == 0 ? 6 - bin : bin, ==, atoi (v[4]));
      g_assert_cmpuint (b->counts[bin - 1], ==, g_ascii_strtoull (v[5], NULL, 10));
    }

  /* the explanation of Add Senger (140 days, 3 orders, 340: 412, New) */
  {
    gsize i = GPOINTER_TO_SIZE (g_hash_table_lookup (by_id, "Add Senger")) - 1;
    g_autofree char *why = awb_rfm_explain (&s, &bp, &l[i]);

    g_test_message ("%s", why);
    g_assert_nonnull (strstr (why, "R 4: recency 140 days, 115 ≤ 140 < 181 "
                                   "(breakpoints 115, 181, 297.4, 482). "));
    g_assert_nonnull (strstr (why, " F 1: frequency 3 trades, 1 ≤ 3 < 4 "
                                   "(breakpoints 4, 5, 6, 8). "));
    g_assert_nonnull (strstr (why, " M 2: monetary 340.00 yuan, 255.8 ≤ 340 < 382"));
    g_assert_nonnull (strstr (why, " Segment New: box 5 (R 4–5, F 1–3, M 1–5) is the first "
                                   "that matches; the earlier boxes do not: Champions needs "
                                   "R 5, Potential loyalist needs F ≥ 3, Loyal needs F 2–4, "
                                   "Promising needs M ≥ 3. "));
    g_assert_true (g_str_has_suffix (why, " State Active: R ≥ 3."));
    g_assert_null (strchr (why, '\n'));
  }
  awb_client_facts_free (f, n);
}

/* The whole file through awb_rfm_csv_score_file: the output's rows equal
 * the package's, segment as its code. */
static void
test_peer_file (void)
{
  g_autofree char *orders = g_test_build_filename (G_TEST_DIST, "io", "rfm",
                                                   "rfm_data_orders.csv", NULL);
  g_autofree char *out = g_build_filename (g_get_tmp_dir (), "awb-test-rfm-out.csv", NULL);
  g_auto(GStrv) expected = read_lines ("rfm_data_orders_expected.csv");
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  AwbRfmSettings s;
  AwbRfmBreakpoints bp;
  g_autoptr(GError) error = NULL;

  awb_rfm_settings_init_default (&s);
  s.window_days = 0;
  g_assert_true (awb_rfm_csv_score_file (orders, NULL, &s, awb_date_from_ymd (2006, 12, 31),
                                         out, TRUE, &bp, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "customer_id,recency_days,frequency,monetary,"
                                 "r_score,f_score,m_score,segment");
  /* "Abbey O'Reilly,205,6,472,3,4,3,343,Potential Loyalist,…" */
  g_assert_cmpstr (lines[1], ==, "Abbey O'Reilly,205,6,472.00,3,4,3,potential_loyalist");
  g_assert_cmpstr (lines[2], ==, "Add Senger,140,3,340.00,4,1,2,new");
  g_assert_cmpuint (g_strv_length (lines), ==, g_strv_length (expected) + 1);   /* final "" */
  g_unlink (out);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/awb/rfm-csv/window", test_csv_window);
  g_test_add_func ("/awb/rfm-csv/errors", test_csv_errors);
  g_test_add_func ("/awb/rfm-csv/peer", test_peer);
  g_test_add_func ("/awb/rfm-csv/peer-file", test_peer_file);

  return g_test_run ();
}
