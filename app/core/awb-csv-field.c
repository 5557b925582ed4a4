/* awb-csv-field.c: writing one CSV field, for every CSV the book writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "awb-csv-field"

#include "config.h"

#include <string.h>

#include "awb-csv-field.h"

/* Appends @text to @out, quoted as RFC 4180 asks only when it holds a comma,
 * a quote or a line break (quotes inside are doubled). */
void
awb_csv_append_field (GString    *out,
                      const char *text)
{
  g_return_if_fail (out != NULL && text != NULL);

  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Whether @c is a blank that a field read loses at either end: space, tab,
 * the Unicode spaces (U+00A0 no-break, U+3000 ideographic, U+2000..U+200A,
 * U+202F, U+205F: general category Zs), the zero-width space U+200B, the
 * word joiner U+2060, and U+FEFF (a byte-order mark a spreadsheet left at
 * the start of a line). */
static gboolean
is_trimmed (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0x200b || c == 0x2060 || c == 0xfeff ||
         g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR;
}

/* Trims @text (valid UTF-8) in place of the blanks is_trimmed() names, and
 * returns where it now starts. */
char *
awb_csv_trim (char *text)
{
  char *end;

  g_return_val_if_fail (text != NULL, NULL);

  while (*text && is_trimmed (g_utf8_get_char (text)))
    text = g_utf8_next_char (text);
  end = text + strlen (text);
  while (end > text)
    {
      char *prev = g_utf8_find_prev_char (text, end);

      if (prev == NULL || !is_trimmed (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  *end = '\0';
  return text;
}

/* The first control (Cc) or format (Cf) character of @text (valid UTF-8),
 * which an id must not hold (a tab, U+200B, U+FEFF, U+202E...), or 0. */
gunichar
awb_csv_find_invisible (const char *text)
{
  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT)
        return c;
    }
  return 0;
}

/* Whether a spreadsheet could read @text as a formula: it starts with =,
 * +, -, @, a tab or a carriage return (OWASP, "CSV Injection"). */
gboolean
awb_csv_needs_formula_guard (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  return text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL;
}

/* Appends the text cell @text as awb_csv_append_field() does; with
 * @formula_guard, a cell a spreadsheet would read as a formula
 * (awb_csv_needs_formula_guard) gets a leading apostrophe, as OWASP
 * recommends: "=1+2" is written '=1+2.  Only for text columns: a number
 * column (a negative amount) is written as it is. */
void
awb_csv_append_text (GString    *out,
                     const char *text,
                     gboolean    formula_guard)
{
  g_return_if_fail (out != NULL && text != NULL);

  if (formula_guard && awb_csv_needs_formula_guard (text))
    {
      g_autofree char *guarded = g_strconcat ("'", text, NULL);

      awb_csv_append_field (out, guarded);
      return;
    }
  awb_csv_append_field (out, text);
}
