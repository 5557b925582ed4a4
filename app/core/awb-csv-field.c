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
