/* test-date.c: day numbers, parsing, ages and month arithmetic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "awb-date.h"

static void
test_day_numbers (void)
{
  /* Worked out by hand: 1970-01-01 is day 0; 2000-03-01 is 30 years of days
   * (7 leap days: 72 76 80 84 88 92 96) + Jan + Feb 2000 (31 + 29). */
  g_assert_cmpint (awb_date_from_ymd (1970, 1, 1), ==, 0);
  g_assert_cmpint (awb_date_from_ymd (1969, 12, 31), ==, -1);
  g_assert_cmpint (awb_date_from_ymd (2000, 3, 1), ==, 30 * 365 + 7 + 31 + 29);
  g_assert_cmpint (awb_date_from_ymd (2006, 12, 31) - awb_date_from_ymd (2006, 1, 1), ==, 364);

  for (AwbDate d = -800000; d < 800000; d += 17)
    {
      int y, m, dd;
      awb_date_to_ymd (d, &y, &m, &dd);
      g_assert_cmpint (awb_date_from_ymd (y, m, dd), ==, d);
    }
}

static void
test_parse (void)
{
  static const struct { const char *text; gboolean ok; int y, m, d; } cases[] = {
    { "2024-02-29", TRUE, 2024, 2, 29 },
    { "2023-02-29", FALSE },          /* does not exist */
    { "1900-02-29", FALSE },          /* century, not leap */
    { "2000-02-29", TRUE, 2000, 2, 29 },
    { "2024/1/5", TRUE, 2024, 1, 5 },
    { " 2024-01-05 ", TRUE, 2024, 1, 5 },
    { "2024-13-01", FALSE },
    { "2024-04-31", FALSE },
    { "2024-01", FALSE },
    { "2024-01-05x", FALSE },
    { "2024-01/05", FALSE },          /* mixed separators */
    { "24-01-05", FALSE },
    { "", FALSE },
    { "20240105", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AwbDate d = 12345;
      gboolean ok = awb_date_parse (cases[i].text, -1, &d);

      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        g_assert_cmpint (d, ==, awb_date_from_ymd (cases[i].y, cases[i].m, cases[i].d));
      else
        g_assert_cmpint (d, ==, 12345);
    }
}

static void
test_format (void)
{
  g_autofree char *s = awb_date_format (awb_date_from_ymd (2006, 12, 31));

  g_assert_cmpstr (s, ==, "2006-12-31");
}

static void
test_age (void)
{
  AwbDate born = awb_date_from_ymd (1985, 6, 15);
  AwbDate leap = awb_date_from_ymd (2000, 2, 29);

  g_assert_cmpint (awb_date_age (born, awb_date_from_ymd (2026, 6, 14)), ==, 40);
  g_assert_cmpint (awb_date_age (born, awb_date_from_ymd (2026, 6, 15)), ==, 41);
  /* spec §12: a 29 February birthday is reached on 1 March in common years */
  g_assert_cmpint (awb_date_age (leap, awb_date_from_ymd (2025, 2, 28)), ==, 24);
  g_assert_cmpint (awb_date_age (leap, awb_date_from_ymd (2025, 3, 1)), ==, 25);
  g_assert_cmpint (awb_date_age (leap, awb_date_from_ymd (2028, 2, 29)), ==, 28);
}

static void
test_add_months (void)
{
  /* spec §7: taken 2024-01-15, expired from 2026-01-15 */
  g_assert_cmpint (awb_date_add_months (awb_date_from_ymd (2024, 1, 15), 24), ==,
                   awb_date_from_ymd (2026, 1, 15));
  /* spec §12: 29 February + 24 months is the month's last day */
  g_assert_cmpint (awb_date_add_months (awb_date_from_ymd (2024, 2, 29), 24), ==,
                   awb_date_from_ymd (2026, 2, 28));
  g_assert_cmpint (awb_date_add_months (awb_date_from_ymd (2024, 1, 31), 1), ==,
                   awb_date_from_ymd (2024, 2, 29));
  g_assert_cmpint (awb_date_add_months (awb_date_from_ymd (2024, 11, 30), 3), ==,
                   awb_date_from_ymd (2025, 2, 28));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/awb/date/day-numbers", test_day_numbers);
  g_test_add_func ("/awb/date/parse", test_parse);
  g_test_add_func ("/awb/date/format", test_format);
  g_test_add_func ("/awb/date/age", test_age);
  g_test_add_func ("/awb/date/add-months", test_add_months);

  return g_test_run ();
}
