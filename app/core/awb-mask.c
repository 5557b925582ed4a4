/* awb-mask.c: phone and ID numbers as a list may show them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list of clients is seen over a shoulder and on a projector: it shows
 * a phone number and an ID number masked, the way Chinese banks and
 * brokerages print them, enough to tell two clients apart or to confirm a
 * number read out on the phone, not enough to call or to impersonate.
 *
 *   mobile 13812345678            138****5678     first 3, last 4 digits
 *   +86 138-1234-5678             138****5678     the country code dropped
 *   landline 62345678             ****5678        last 4 digits
 *   ID 320102199001011606         3201**********1606   first 4, last 4
 *
 * Only digits (and an ID's final X) are shown or counted; separators are
 * dropped, so the mask has the number's length.
 */
#define G_LOG_DOMAIN "awb-mask"

#include "config.h"

#include <string.h>

#include "awb-mask.h"

/* @n asterisks appended to @out. */
static void
append_stars (GString *out,
              gsize    n)
{
  for (gsize i = 0; i < n; i++)
    g_string_append_c (out, '*');
}

/**
 * awb_mask_phone:
 * @phone: (nullable): a phone number as stored
 *
 * Returns: (transfer full) (nullable): @phone masked: a mobile (11 digits,
 * after dropping a +86 country code) shows its first 3 and last 4 digits,
 * any other number of 5 digits or more its last 4, a shorter one nothing;
 * %NULL when @phone has no digit.
 */
char *
awb_mask_phone (const char *phone)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  GString *out;

  for (const char *p = phone; p != NULL && *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  if (digits->len == 13 && strncmp (digits->str, "861", 3) == 0)
    g_string_erase (digits, 0, 2);
  if (digits->len == 0)
    return NULL;

  out = g_string_new (NULL);
  if (digits->len == 11 && digits->str[0] == '1')
    {
      g_string_append_len (out, digits->str, 3);
      append_stars (out, 4);
      g_string_append (out, digits->str + 7);
    }
  else if (digits->len >= 5)
    {
      append_stars (out, digits->len - 4);
      g_string_append (out, digits->str + digits->len - 4);
    }
  else
    append_stars (out, digits->len);
  return g_string_free (out, FALSE);
}

/**
 * awb_mask_id_number:
 * @id_number: (nullable): an ID document number as stored
 *
 * Returns: (transfer full) (nullable): @id_number with its first 4 and
 * last 4 characters shown and the rest starred (a mainland resident ID of
 * 18 shows its region and check digits, not the birth date); a number of 8
 * characters or fewer entirely starred; %NULL when empty.  Blanks are
 * dropped.
 */
char *
awb_mask_id_number (const char *id_number)
{
  g_autoptr(GString) chars = g_string_new (NULL);
  GString *out;

  for (const char *p = id_number; p != NULL && *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (chars, g_ascii_toupper (*p));
  if (chars->len == 0)
    return NULL;

  out = g_string_new (NULL);
  if (chars->len > 8)
    {
      g_string_append_len (out, chars->str, 4);
      append_stars (out, chars->len - 8);
      g_string_append (out, chars->str + chars->len - 4);
    }
  else
    append_stars (out, chars->len);
  return g_string_free (out, FALSE);
}
