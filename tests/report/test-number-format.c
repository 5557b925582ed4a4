/* test-number-format.c: counts, sums and shares as the dashboard writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In the C locale (the tests' LANG), untranslated: English conventions.
 * Expected texts worked out by hand: 12,274,259,087 yuan to three
 * significant digits is 12.3 billion; 5,000,000 yuan is 5.00 million
 * (three digits kept); an axis tick of 2,500,000,000 yuan is 2.5 billion
 * (no trailing zero).
 */
#include "config.h"

#include <math.h>

#include "awb-number-format.h"

static void
check (char       *text,
       const char *expected)
{
  g_assert_cmpstr (text, ==, expected);
  g_free (text);
}

static void
test_count (void)
{
  check (awb_format_count (0), "0");
  check (awb_format_count (999), "999");
  check (awb_format_count (1000), "1,000");
  check (awb_format_count (1234567), "1,234,567");
  check (awb_format_count (-1234), "-1,234");
}

static void
test_money (void)
{
  check (awb_format_money_full (123456789), "¥1,234,567.89");
  check (awb_format_money_full (-150), "-¥1.50");
  /* under ten thousand yuan the full value is short enough */
  check (awb_format_money_compact (999900), "¥9,999.00");
  check (awb_format_money_compact (1227425908700), "¥12.3B");
  check (awb_format_money_compact (500000000), "¥5.00M");
  check (awb_format_money_compact (12345600), "¥123K");
  check (awb_format_money_tick (2500000000.0), "¥2.5B");
  check (awb_format_money_tick (0), "¥0");
}

static void
test_percent (void)
{
  check (awb_format_percent (12.345), "12.3 %");
  check (awb_format_percent (100), "100.0 %");
  check (awb_format_percent (NAN), "—");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/awb/number-format/count", test_count);
  g_test_add_func ("/awb/number-format/money", test_money);
  g_test_add_func ("/awb/number-format/percent", test_percent);

  return g_test_run ();
}
