/* awb-money.c: parsing and printing CNY amounts as integer fen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "awb-money"

#include "config.h"

#include <string.h>

#include "awb-money.h"

/* Parses what brokerage systems and Excel write for an amount: an optional
 * sign, digits with optional thousands separators ("1,234.50"), and at most
 * two decimals.  An optional leading currency sign (¥ or ￥) and surrounding
 * blanks are ignored.  More than two decimals, a separator in the wrong place,
 * or anything else is a bad value: returns AWB_MONEY_BAD and leaves @out
 * untouched.  A well-formed amount beyond ±AWB_MONEY_MAX_FEN returns
 * AWB_MONEY_TOO_LARGE and sets @out to its sign (-1 or 1). */
AwbMoneyParse
awb_money_parse_checked (const char *text,
                         gssize      len,
                         AwbFen     *out)
{
  const char *p = text;
  const char *end;
  gboolean negative = FALSE;
  gboolean too_large = FALSE;
  gint64 yuan = 0;
  gint64 fen;
  int int_digits = 0;
  int group = -1;          /* digits since the last ',' or -1 before any */
  int decimals = 0;
  int frac = 0;

  if (text == NULL)
    return AWB_MONEY_BAD;
  end = text + (len < 0 ? (gssize) strlen (text) : len);

  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
    end--;

  if (p < end && (*p == '-' || *p == '+'))
    negative = (*p++ == '-');
  if (end - p >= 2 && memcmp (p, "\xc2\xa5", 2) == 0)           /* ¥ */
    p += 2;
  else if (end - p >= 3 && memcmp (p, "\xef\xbf\xa5", 3) == 0)  /* ￥ */
    p += 3;

  for (; p < end && *p != '.'; p++)
    {
      if (*p >= '0' && *p <= '9')
        {
          /* past the limit, the digits are still checked but not summed */
          if (!too_large)
            yuan = yuan * 10 + (*p - '0');
          if (yuan > AWB_MONEY_MAX_FEN / 100)
            too_large = TRUE;
          int_digits++;
          if (group >= 0 && ++group > 3)
            return AWB_MONEY_BAD;
        }
      else if (*p == ',')
        {
          if (int_digits == 0 || (group >= 0 && group != 3) || (group < 0 && int_digits > 3))
            return AWB_MONEY_BAD;
          group = 0;
        }
      else
        return AWB_MONEY_BAD;
    }
  if (group >= 0 && group != 3)
    return AWB_MONEY_BAD;

  if (p < end)
    {
      p++;  /* '.' */
      for (; p < end; p++)
        {
          if (*p < '0' || *p > '9' || ++decimals > 2)
            return AWB_MONEY_BAD;
          frac = frac * 10 + (*p - '0');
        }
      if (decimals == 0 && int_digits == 0)
        return AWB_MONEY_BAD;
    }
  else if (int_digits == 0)
    return AWB_MONEY_BAD;

  if (decimals == 1)
    frac *= 10;

  /* yuan ≤ 10^12 here, so this cannot overflow */
  fen = too_large ? AWB_MONEY_MAX_FEN + 1 : yuan * 100 + frac;
  if (fen > AWB_MONEY_MAX_FEN)
    {
      *out = negative ? -1 : 1;
      return AWB_MONEY_TOO_LARGE;
    }
  *out = negative ? -fen : fen;
  return AWB_MONEY_OK;
}

/* awb_money_parse_checked() for callers that need only good or bad: an
 * amount beyond the limit is bad. */
gboolean
awb_money_parse (const char *text,
                 gssize      len,
                 AwbFen     *out)
{
  AwbFen fen;

  if (awb_money_parse_checked (text, len, &fen) != AWB_MONEY_OK)
    return FALSE;
  *out = fen;
  return TRUE;
}

void
awb_money_format_buf (AwbFen fen,
                      char   buf[32])
{
  guint64 a = fen < 0 ? (guint64) -(fen + 1) + 1 : (guint64) fen;

  g_snprintf (buf, 32, "%s%" G_GUINT64_FORMAT ".%02u",
              fen < 0 ? "-" : "", a / 100, (guint) (a % 100));
}

char *
awb_money_format (AwbFen fen)
{
  char buf[32];

  awb_money_format_buf (fen, buf);
  return g_strdup (buf);
}

/* "1,234,567.89": for display. */
char *
awb_money_format_grouped (AwbFen fen)
{
  char plain[32];
  GString *s = g_string_new (NULL);
  const char *digits;
  const char *dot;
  gsize n, i;

  awb_money_format_buf (fen, plain);
  digits = plain[0] == '-' ? plain + 1 : plain;
  dot = strchr (digits, '.');
  n = (gsize) (dot - digits);
  if (plain[0] == '-')
    g_string_append_c (s, '-');
  for (i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
  g_string_append (s, dot);
  return g_string_free (s, FALSE);
}
