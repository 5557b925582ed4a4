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
