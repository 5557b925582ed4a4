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

typedef enum
{
  COMPACT_SUM,     /* three significant digits: ¥12.3亿, ¥2.95B */
  COMPACT_TICK,    /* ICU's own rounding, no trailing zeros: ¥25亿, ¥2.5B */
  N_COMPACT
} Compact;

static UNumberFormatter *
compact_formatter (Compact kind)
{
  static const UChar *const skeletons[N_COMPACT] = {
    u"compact-short currency/CNY unit-width-narrow @@@",
    u"compact-short currency/CNY unit-width-narrow",
  };
  static GMutex lock;
  static char *locale;
  static UNumberFormatter *formatters[N_COMPACT];
  const char *wanted = awb_format_locale ();
  UNumberFormatter *result;

  g_mutex_lock (&lock);
  if (g_strcmp0 (locale, wanted) != 0)
    {
      g_free (locale);
      locale = g_strdup (wanted);
      for (guint i = 0; i < N_COMPACT; i++)
        g_clear_pointer (&formatters[i], unumf_close);
    }
  if (formatters[kind] == NULL)
    {
      UErrorCode status = U_ZERO_ERROR;

      formatters[kind] = unumf_openForSkeletonAndLocale (skeletons[kind], -1, locale, &status);
      if (U_FAILURE (status))
        g_clear_pointer (&formatters[kind], unumf_close);
    }
  result = formatters[kind];
  g_mutex_unlock (&lock);
  return result;
}

static char *
format_compact (Compact kind,
                double  yuan)
{
  UNumberFormatter *formatter = compact_formatter (kind);
  UFormattedNumber *result;
  UErrorCode status = U_ZERO_ERROR;
  UChar buf[64];
  char out[192];

  if (formatter == NULL)
    return NULL;
  result = unumf_openResult (&status);
  unumf_formatDouble (formatter, yuan, result, &status);
  unumf_resultToString (result, buf, G_N_ELEMENTS (buf), &status);
  u_strToUTF8 (out, sizeof out, NULL, buf, -1, &status);
  unumf_closeResult (result);
  return U_FAILURE (status) ? NULL : g_strdup (out);
}

/* 1227425908700 fen -> "¥12.3亿" (Chinese), "¥12.3B" (English); below ten
 * thousand yuan the full value, which is short enough. */
char *
awb_format_money_compact (AwbFen fen)
{
  char *text;

  if (fen > -1000000 && fen < 1000000)
    return awb_format_money_full (fen);
  text = format_compact (COMPACT_SUM, (double) fen / 100.0);
  return text != NULL ? text : awb_format_money_full (fen);
}

/* A money axis's tick: 2500000000 -> "¥2.5B" (English), "¥25亿" (Chinese),
 * 0 -> "¥0". */
char *
awb_format_money_tick (double yuan)
{
  char *text = format_compact (COMPACT_TICK, yuan);

  return text != NULL ? text : g_strdup_printf ("%.0f", yuan);
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
