/* awb-validate.c: what a person types into a client's profile, checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each function takes the text of one field as typed and either gives its
 * value or fails with a message that says what is wrong in a whole
 * sentence, for the profile editor to show beside the field (the field's
 * own label names it).  Nothing here changes what was typed without
 * saying so: a value is refused, never silently corrected; the only
 * normalising is dropping the blanks and dashes people type inside a
 * number, and an ID number's check character x written X.
 *
 * NOTES ON THE DESIGN
 *
 *  (1) Mobile numbers are mainland ones: 11 digits, 1 then 3 to 9
 *      (13x ... 19x), optionally after +86 or 0086; blanks and dashes
 *      between digits are ignored (138 1234 5678).
 *  (2) ID numbers: a number of digits is a mainland resident identity
 *      card's and must be one of GB 11643-1999: 18 characters, 17 digits
 *      and a check character (ISO 7064 MOD 11-2, 0-9 or X), a birth date
 *      at characters 7-14 that exists, is not in the future and is the
 *      profile's birth date when that is known, and a 17th digit odd for a
 *      man, even for a woman, agreeing with the profile's gender when that
 *      is known.  The 15-digit cards of before 1999 are no longer valid
 *      and are refused with that said.  A number that starts with a letter
 *      is another document's (a passport, a permit for Hong Kong, Macao or
 *      Taiwan): letters and digits, at most AWB_VALIDATE_MAX_ID_NUMBER.
 *  (3) Amounts: what awb_money_parse() reads (at most two decimals,
 *      thousands separators, a ¥ sign), not negative, at most
 *      AWB_VALIDATE_MAX_FEN.
 *  (4) Percentages: a decimal number from 0 to 100 with at most two
 *      decimals, optionally followed by %.
 */
#define G_LOG_DOMAIN "awb-validate"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "awb-date.h"
#include "awb-money.h"
#include "awb-validate.h"

G_DEFINE_QUARK (awb-validate-error-quark, awb_validate_error)

/**
 * awb_validate_past_date:
 * @today: the latest day allowed
 *
 * A date that exists (YYYY-MM-DD, as awb_date_parse() reads it) and is not
 * after @today: a birth date, an assessment date, an opening date.
 */
gboolean
awb_validate_past_date (const char  *text,
                        AwbDate      today,
                        AwbDate     *out,
                        GError     **error)
{
  AwbDate date;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!awb_date_parse (text, -1, &date))
    {
      g_set_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_FORMAT,
                   /* Translators: the format is the one to type, keep it as is */
                   _("Type a date that exists, as YYYY-MM-DD."));
      return FALSE;
    }
  if (date > today)
    {
      g_autofree char *day = awb_date_format (today);

      g_set_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_RANGE,
                   /* Translators: %1$s is today's date, 2026-12-03 */
                   _("The date is in the future: it can be %1$s at the latest."), day);
      return FALSE;
    }
  if (out != NULL)
    *out = date;
  return TRUE;
}

/* The digits of @text with blanks and dashes between them dropped, or NULL
 * if anything else is in it; a leading + is kept. */
static char *
number_digits (const char *text)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *p = text;

  while (*p == ' ')
    p++;
  if (*p == '+')
    g_string_append_c (digits, *p++);
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != ' ' && *p != '-')
        return NULL;
    }
  return g_string_free (g_steal_pointer (&digits), FALSE);
}

/**
 * awb_validate_mobile:
 * @digits: (out) (optional): the 11 digits, without the country code
 *
 * A mainland mobile number (Notes (1)).
 */
gboolean
awb_validate_mobile (const char  *text,
                     char       **digits,
                     GError     **error)
{
  g_autofree char *all = NULL;
  const char *number;

  g_return_val_if_fail (text != NULL, FALSE);

  all = number_digits (text);
  if (all == NULL)
    {
      g_set_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_FORMAT,
                   _("A mobile number has only digits, with spaces or dashes between them if you like."));
      return FALSE;
    }
  number = all;
  if (g_str_has_prefix (number, "+86"))
    number += 3;
  else if (g_str_has_prefix (number, "0086"))
    number += 4;
  else if (number[0] == '+')
    {
      g_set_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_FORMAT,
                   _("Only mainland mobile numbers are taken: +86 and 11 digits."));
      return FALSE;
    }
  if (strlen (number) != 11)
    {
      g_set_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_FORMAT,
                   /* Translators: %1$u is how many digits were typed */
                   g_dngettext (GETTEXT_PACKAGE,
                                "A mobile number has 11 digits; this one has %1$u.",
                                "A mobile number has 11 digits; this one has %1$u.",
                                (gulong) strlen (number)),
                   (guint) strlen (number));
      return FALSE;
    }
  if (number[0] != '1' || number[1] < '3')
    {
      g_set_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_FORMAT,
                   _("A mobile number starts with 13 to 19."));
      return FALSE;
    }
  if (digits != NULL)
    *digits = g_strdup (number);
  return TRUE;
}

/**
 * awb_validate_id_check:
 * @digits: the first 17 digits of a resident identity card number
 *
 * Returns: the check character GB 11643-1999 gives them ('0'-'9' or 'X').
 */
char
awb_validate_id_check (const char *digits)
{
  static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  int sum = 0;

  g_return_val_if_fail (digits != NULL, '?');

  for (guint i = 0; i < 17; i++)
    {
      g_return_val_if_fail (g_ascii_isdigit (digits[i]), '?');
      sum += (digits[i] - '0') * weights[i];
    }
  return "10X98765432"[sum % 11];
}

static gboolean
other_document (const char  *text,
                GError     **error)
{
  gsize n = strlen (text);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      {
        g_set_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_FORMAT,
                     _("A document number has only letters and digits."));
        return FALSE;
      }
  if (n > AWB_VALIDATE_MAX_ID_NUMBER)
    {
      g_set_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_RANGE,
                   /* Translators: %1$d is the most characters allowed (32) */
                   _("A document number has at most %1$d characters."),
                   AWB_VALIDATE_MAX_ID_NUMBER);
      return FALSE;
    }
  return TRUE;
}

/**
 * awb_validate_id_number:
 * @birth_date: the profile's, or AWB_DATE_NONE
 * @gender: the profile's (AwbGender), or AWB_UNKNOWN
 * @normalized: (out) (optional): the number as stored: blanks dropped,
 *   a check character x as X
 *
 * An ID document's number (Notes (2)).
 */
gboolean
awb_validate_id_number (const char  *text,
                        AwbDate      birth_date,
                        int          gender,
                        char       **normalized,
                        GError     **error)
{
  g_autoptr(GString) id = g_string_new (NULL);
  AwbDate today = awb_date_today ();
  AwbDate born;
  int year, month, day;
  char check;
  gsize n_digits = 0;

  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != ' ')
      g_string_append_c (id, *p);
  if (id->len > 0 && g_ascii_isalpha (id->str[0]))
    {
      if (!other_document (id->str, error))
        return FALSE;
      if (normalized != NULL)
        *normalized = g_string_free (g_steal_pointer (&id), FALSE);
      return TRUE;
    }

  while (n_digits < id->len && g_ascii_isdigit (id->str[n_digits]))
    n_digits++;
  if (id->len == 15 && n_digits == 15)
    {
      g_set_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_FORMAT,
                   _("This is a 15-digit card of before 1999, no longer valid: type the 18-character number."));
      return FALSE;
    }
  if (id->len != 18 || n_digits < 17 ||
      !(g_ascii_isdigit (id->str[17]) || id->str[17] == 'X' || id->str[17] == 'x'))
    {
      g_set_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_FORMAT,
                   _("A resident ID number has 18 characters: 17 digits, then a digit or X."));
      return FALSE;
    }
  id->str[17] = g_ascii_toupper (id->str[17]);

  year = (id->str[6] - '0') * 1000 + (id->str[7] - '0') * 100 +
         (id->str[8] - '0') * 10 + (id->str[9] - '0');
  month = (id->str[10] - '0') * 10 + (id->str[11] - '0');
  day = (id->str[12] - '0') * 10 + (id->str[13] - '0');
  born = awb_date_valid_ymd (year, month, day) ? awb_date_from_ymd (year, month, day)
                                               : AWB_DATE_NONE;
  if (born == AWB_DATE_NONE || born > today)
    {
      g_set_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_RANGE,
                   _("Characters 7 to 14 of an ID number are a birth date (YYYYMMDD), and these are not one that has been."));
      return FALSE;
    }
  check = awb_validate_id_check (id->str);
  if (check != id->str[17])
    {
      g_set_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_CHECK_DIGIT,
                   /* Translators: %1$c is the check character the number should end with, %2$c the one typed */
                   _("The last character should be %1$c, not %2$c: a digit is mistyped."),
                   check, id->str[17]);
      return FALSE;
    }
  if (birth_date != AWB_DATE_NONE && birth_date != born)
    {
      g_autofree char *in_number = awb_date_format (born);
      g_autofree char *in_profile = awb_date_format (birth_date);

      g_set_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_DISAGREES,
                   /* Translators: %1$s is the birth date in the ID number, %2$s the profile's */
                   _("The ID number gives the birth date %1$s, the profile %2$s."),
                   in_number, in_profile);
      return FALSE;
    }
  if (gender == AWB_GENDER_M && (id->str[16] - '0') % 2 == 0)
    {
      g_set_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_DISAGREES,
                   _("The ID number is a woman’s (its 17th digit is even), the profile a man’s."));
      return FALSE;
    }
  if (gender == AWB_GENDER_F && (id->str[16] - '0') % 2 == 1)
    {
      g_set_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_DISAGREES,
                   _("The ID number is a man’s (its 17th digit is odd), the profile a woman’s."));
      return FALSE;
    }
  if (normalized != NULL)
    *normalized = g_string_free (g_steal_pointer (&id), FALSE);
  return TRUE;
}

/**
 * awb_validate_amount:
 *
 * An amount of money (Notes (3)).
 */
gboolean
awb_validate_amount (const char  *text,
                     AwbFen      *out,
                     GError     **error)
{
  AwbFen fen;
  AwbMoneyParse parsed;

  g_return_val_if_fail (text != NULL, FALSE);

  /* beyond AWB_MONEY_MAX_FEN (the same limit), fen is the amount's sign */
  parsed = awb_money_parse_checked (text, -1, &fen);
  if (parsed == AWB_MONEY_TOO_LARGE)
    fen = fen > 0 ? AWB_VALIDATE_MAX_FEN + 1 : -1;
  else if (parsed != AWB_MONEY_OK)
    {
      g_set_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_FORMAT,
                   _("Type an amount in yuan with at most two decimals, like 12,345.67."));
      return FALSE;
    }
  if (fen < 0)
    {
      g_set_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_RANGE,
                   _("The amount cannot be negative."));
      return FALSE;
    }
  if (fen > AWB_VALIDATE_MAX_FEN)
    {
      g_autofree char *limit = awb_money_format_grouped (AWB_VALIDATE_MAX_FEN);

      g_set_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_RANGE,
                   /* Translators: %1$s is the largest amount, 1,000,000,000,000.00 */
                   _("The amount is more than a book holds: %1$s at most."), limit);
      return FALSE;
    }
  if (out != NULL)
    *out = fen;
  return TRUE;
}

/**
 * awb_validate_percent:
 *
 * A percentage (Notes (4)).
 */
gboolean
awb_validate_percent (const char  *text,
                      double      *out,
                      GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  gsize len = strlen (copy);
  guint64 hundredths = 0;
  int decimals = -1;   /* digits after the point, -1 before it */
  int digits = 0;

  if (len > 0 && copy[len - 1] == '%')
    {
      copy[--len] = '\0';
      g_strchomp (copy);
    }
  for (const char *p = copy; *p != '\0'; p++)
    {
      if (*p == '.' && decimals < 0 && digits > 0)
        decimals = 0;
      else if (g_ascii_isdigit (*p) && decimals < 2)
        {
          /* past 100 it is too large, whatever follows */
          hundredths = MIN (hundredths * 10 + (guint64) (*p - '0'), G_GUINT64_CONSTANT (1000000));
          digits++;
          if (decimals >= 0)
            decimals++;
        }
      else
        {
          g_set_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_FORMAT,
                       _("Type a percentage from 0 to 100 with at most two decimals."));
          return FALSE;
        }
    }
  if (digits == 0 || decimals == 0)
    {
      g_set_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_FORMAT,
                   _("Type a percentage from 0 to 100 with at most two decimals."));
      return FALSE;
    }
  for (int d = MAX (decimals, 0); d < 2; d++)
    hundredths *= 10;
  if (hundredths > 10000)
    {
      g_set_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_RANGE,
                   _("A percentage is at most 100."));
      return FALSE;
    }
  if (out != NULL)
    *out = (double) hundredths / 100.0;
  return TRUE;
}
