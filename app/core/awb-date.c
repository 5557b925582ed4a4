/* awb-date.c: calendar dates as day numbers since 1970-01-01
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The conversions are the proleptic Gregorian "days from civil" algorithms
 * (H. Hinnant): integer arithmetic only, no time zones, no allocation, so the
 * importer can parse millions of dates a second.
 */
#define G_LOG_DOMAIN "awb-date"

#include "config.h"

#include <string.h>

#include "awb-date.h"

static int
floor_div (int a, int b)
{
  return (a >= 0 ? a : a - b + 1) / b;
}

AwbDate
awb_date_from_ymd (int year,
                   int month,
                   int day)
{
  int y = year - (month <= 2);
  int era = floor_div (y, 400);
  int yoe = y - era * 400;                                        /* [0, 399] */
  int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1; /* [0, 365] */
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                /* [0, 146096] */

  return era * 146097 + doe - 719468;
}

void
awb_date_to_ymd (AwbDate  date,
                 int     *year,
                 int     *month,
                 int     *day)
{
  int z = date + 719468;
  int era = floor_div (z, 146097);
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;
  int d = doy - (153 * mp + 2) / 5 + 1;
  int m = mp < 10 ? mp + 3 : mp - 9;

  if (year)
    *year = yoe + era * 400 + (m <= 2);
  if (month)
    *month = m;
  if (day)
    *day = d;
}

int
awb_date_days_in_month (int year,
                        int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
    return 29;
  return days[month - 1];
}

gboolean
awb_date_valid_ymd (int year,
                    int month,
                    int day)
{
  return year >= 1800 && year <= 9999 &&
         month >= 1 && month <= 12 &&
         day >= 1 && day <= awb_date_days_in_month (year, month);
}

/* Accepts YYYY-MM-DD, and what spreadsheets write for it: YYYY/MM/DD and
 * one-digit months and days (2024-1-5).  Surrounding blanks are ignored.
 * Returns FALSE, leaving @out untouched, unless the text is such a date and
 * the date exists. */
gboolean
awb_date_parse (const char *text,
                gssize      len,
                AwbDate    *out)
{
  const char *p = text;
  const char *end;
  int parts[3] = { 0, 0, 0 };
  int digits[3] = { 0, 0, 0 };
  int i = 0;
  char sep = 0;

  if (text == NULL)
    return FALSE;
  end = text + (len < 0 ? (gssize) strlen (text) : len);

  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
    end--;

  for (; p < end; p++)
    {
      if (*p >= '0' && *p <= '9')
        {
          if (++digits[i] > (i == 0 ? 4 : 2))
            return FALSE;
          parts[i] = parts[i] * 10 + (*p - '0');
        }
      else if ((*p == '-' || *p == '/') && i < 2 && digits[i] > 0)
        {
          if (sep != 0 && *p != sep)
            return FALSE;
          sep = *p;
          i++;
        }
      else
        return FALSE;
    }

  if (i != 2 || digits[0] != 4 || digits[1] == 0 || digits[2] == 0)
    return FALSE;
  if (!awb_date_valid_ymd (parts[0], parts[1], parts[2]))
    return FALSE;

  *out = awb_date_from_ymd (parts[0], parts[1], parts[2]);
  return TRUE;
}

void
awb_date_format_buf (AwbDate date,
                     char    buf[11])
{
  int y, m, d;

  if (date == AWB_DATE_NONE)
    {
      buf[0] = '\0';
      return;
    }
  awb_date_to_ymd (date, &y, &m, &d);
  g_snprintf (buf, 11, "%04d-%02d-%02d", y, m, d);
}

char *
awb_date_format (AwbDate date)
{
  char buf[11];

  awb_date_format_buf (date, buf);
  return g_strdup (buf);
}

AwbDate
awb_date_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return awb_date_from_ymd (g_date_time_get_year (now),
                            g_date_time_get_month (now),
                            g_date_time_get_day_of_month (now));
}

/* Whole years from @birth to @ref.  A 29 February birthday is reached on
 * 1 March in common years (spec §12). */
int
awb_date_age (AwbDate birth,
              AwbDate ref)
{
  int by, bm, bd, ry, rm, rd;
  int age;

  awb_date_to_ymd (birth, &by, &bm, &bd);
  awb_date_to_ymd (ref, &ry, &rm, &rd);
  age = ry - by;
  if (rm < bm || (rm == bm && rd < bd))
    age--;
  return age;
}

/* @date plus @months calendar months; a day that does not exist in the
 * target month becomes that month's last day (2024-02-29 + 12 = 2025-02-28). */
AwbDate
awb_date_add_months (AwbDate date,
                     int     months)
{
  int y, m, d, total, dim;

  awb_date_to_ymd (date, &y, &m, &d);
  total = y * 12 + (m - 1) + months;
  y = floor_div (total, 12);
  m = total - y * 12 + 1;
  dim = awb_date_days_in_month (y, m);
  return awb_date_from_ymd (y, m, MIN (d, dim));
}
