/* awb-number-format.c: how counts, sums and shares read on the dashboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Large sums do not fit a card or a bar's end: the dashboard shows them in
 * the compact form a reader of the language expects (¥12.3亿 in Chinese,
 * ¥1.23B in English), with the full value beside them in the tables and on
 * hover.  The compact form is ICU's (CompactDecimalFormat through the
 * unumberformatter C API, three significant digits), which knows each
 * language's powers of ten (万 and 亿 are 10⁴ and 10⁸); the language is
 * the one the interface is translated into, named by a translatable
 * string, so numbers and words never disagree.
 */
#define G_LOG_DOMAIN "awb-number-format"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <unicode/unumberformatter.h>
#include <unicode/ustring.h>

#include "awb-money.h"
#include "awb-number-format.h"

/* "1234567" -> "1,234,567"; "-1234" -> "-1,234" */
char *
awb_format_count (gint64 n)
{
  g_autofree char *plain = g_strdup_printf ("%" G_GINT64_FORMAT, n);
  const char *digits = plain[0] == '-' ? plain + 1 : plain;
  gsize len = strlen (digits);
  GString *s = g_string_sized_new (len + len / 3 + 2);

  if (plain[0] == '-')
    g_string_append_c (s, '-');
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
  return g_string_free (s, FALSE);
}

/* 123456789 fen -> "¥1,234,567.89" */
char *
awb_format_money_full (AwbFen fen)
{
  g_autofree char *grouped = awb_money_format_grouped (fen);

  if (grouped[0] == '-')
    return g_strconcat ("-¥", grouped + 1, NULL);
  return g_strconcat ("¥", grouped, NULL);
}

/* The ICU locale of the interface's language. */
const char *
awb_format_locale (void)
{
  /* Translators: the ICU locale whose conventions format numbers in your
   * language (compact sums such as ¥12.3亿 or ¥1.23B); "zh_CN" for
   * Simplified Chinese. */
  return C_("number locale", "en_US");
}

static UNumberFormatter *
compact_formatter (void)
{
  static GMutex lock;
  static char *locale;
  static UNumberFormatter *formatter;
  const char *wanted = awb_format_locale ();
  UNumberFormatter *result;

  g_mutex_lock (&lock);
  if (formatter == NULL || g_strcmp0 (locale, wanted) != 0)
    {
      UErrorCode status = U_ZERO_ERROR;

      g_clear_pointer (&formatter, unumf_close);
      g_free (locale);
      locale = g_strdup (wanted);
      formatter = unumf_openForSkeletonAndLocale (u"compact-short currency/CNY unit-width-narrow @@@",
                                                  -1, locale, &status);
      if (U_FAILURE (status))
        g_clear_pointer (&formatter, unumf_close);
    }
  result = formatter;
  g_mutex_unlock (&lock);
  return result;
}

/* 1227425908700 fen -> "¥12.3亿" (Chinese), "¥12.3B" (English); below ten
 * thousand yuan the full value, which is short enough. */
char *
awb_format_money_compact (AwbFen fen)
{
  UNumberFormatter *formatter;
  g_autoptr(GString) text = NULL;
  UFormattedNumber *result;
  UErrorCode status = U_ZERO_ERROR;
  UChar buf[64];
  char out[192];

  if (fen > -1000000 && fen < 1000000)
    return awb_format_money_full (fen);

  formatter = compact_formatter ();
  if (formatter == NULL)
    return awb_format_money_full (fen);

  result = unumf_openResult (&status);
  unumf_formatDouble (formatter, (double) fen / 100.0, result, &status);
  unumf_resultToString (result, buf, G_N_ELEMENTS (buf), &status);
  u_strToUTF8 (out, sizeof out, NULL, buf, -1, &status);
  unumf_closeResult (result);
  if (U_FAILURE (status))
    return awb_format_money_full (fen);
  return g_strdup (out);
}

/* 12.345 -> "12.3 %"; NAN -> "—" */
char *
awb_format_percent (double percent)
{
  if (isnan (percent))
    return g_strdup ("—");
  /* Translators: a share in percent with one decimal, e.g. "12.3 %" */
  return g_strdup_printf (_("%.1f %%"), percent);
}
