/* test-money.c: amounts as integer fen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "awb-money.h"

static void
test_parse (void)
{
  static const struct { const char *text; gboolean ok; gint64 fen; } cases[] = {
    { "1,234.50", TRUE, 123450 },
    { "1234.5", TRUE, 123450 },
    { "0.07", TRUE, 7 },
    { ".5", TRUE, 50 },
    { "12", TRUE, 1200 },
    { "12.", TRUE, 1200 },
    { "-3.25", TRUE, -325 },
    { "1,234,567.89", TRUE, 123456789 },
    { "\xc2\xa5" "99.90", TRUE, 9990 },   /* ¥99.90 */
    { " 42 ", TRUE, 4200 },
    { "1.234", FALSE },                    /* more than two decimals is a bad value */
    { "12,34.00", FALSE },                 /* separator in the wrong place */
    { "1234,567", FALSE },
    { ",123", FALSE },
    { "1,23", FALSE },
    { "abc", FALSE },
    { "", FALSE },
    { ".", FALSE },
    { "1e5", FALSE },
    { "--1", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AwbFen fen = 777;
      gboolean ok = awb_money_parse (cases[i].text, -1, &fen);

      if (ok != cases[i].ok)
        g_error ("“%s”: expected %s", cases[i].text, cases[i].ok ? "ok" : "bad");
      g_assert_cmpint (fen, ==, ok ? cases[i].fen : 777);
    }
}

/* The bound: 10^14 fen (1,000,000,000,000.00 yuan) is the largest amount. */
static void
test_limit (void)
{
  static const struct { const char *text; AwbMoneyParse result; gint64 fen; } cases[] = {
    { "1,000,000,000,000.00", AWB_MONEY_OK, G_GINT64_CONSTANT (100000000000000) },
    { "-1000000000000", AWB_MONEY_OK, G_GINT64_CONSTANT (-100000000000000) },
    { "999999999999.99", AWB_MONEY_OK, G_GINT64_CONSTANT (99999999999999) },
    { "1000000000000.01", AWB_MONEY_TOO_LARGE, 1 },
    { "1,000,000,000,001", AWB_MONEY_TOO_LARGE, 1 },
    /* once stored as a huge positive amount */
    { "-92233720368547759", AWB_MONEY_TOO_LARGE, -1 },
    { "92233720368547758070", AWB_MONEY_TOO_LARGE, 1 },
    { "99999999999999999999999999999999", AWB_MONEY_TOO_LARGE, 1 },
    /* a bad amount stays bad however long */
    { "99999999999999999999x", AWB_MONEY_BAD, 0 },
    { "99999999999999999999.999", AWB_MONEY_BAD, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AwbFen fen = 0;

      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (awb_money_parse_checked (cases[i].text, -1, &fen), ==, cases[i].result);
      g_assert_cmpint (fen, ==, cases[i].fen);
      g_assert_cmpint (awb_money_parse (cases[i].text, -1, &fen), ==,
                       cases[i].result == AWB_MONEY_OK);
    }
}

static void
test_format (void)
{
  g_autofree char *a = awb_money_format (123450);
  g_autofree char *b = awb_money_format (-5);
  g_autofree char *c = awb_money_format_grouped (123456789);
  g_autofree char *d = awb_money_format_grouped (-100000);

  g_assert_cmpstr (a, ==, "1234.50");
  g_assert_cmpstr (b, ==, "-0.05");
  g_assert_cmpstr (c, ==, "1,234,567.89");
  g_assert_cmpstr (d, ==, "-1,000.00");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/awb/money/parse", test_parse);
  g_test_add_func ("/awb/money/format", test_format);
  g_test_add_func ("/awb/money/limit", test_limit);

  return g_test_run ();
}
