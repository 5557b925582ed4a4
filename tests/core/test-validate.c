/* test-validate.c: the profile editor's checks of what is typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ID numbers' check characters are worked by hand (GB 11643-1999,
 * weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, "10X98765432"[sum % 11]):
 *   11010519491231002: 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167,
 *     167 % 11 = 2, check X; born 1949-12-31, 17th digit 2: a woman.
 *   44052418800101001: 28+36+0+25+16+16+2+8+48+0+0+9+0+5+0+0+2 = 195,
 *     195 % 11 = 8, check 4; born 1880-01-01, 17th digit 1: a man.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "awb-date.h"
#include "awb-model-types.h"
#include "awb-validate.h"

static void
test_id_check (void)
{
  g_assert_cmpint (awb_validate_id_check ("11010519491231002"), ==, 'X');
  g_assert_cmpint (awb_validate_id_check ("44052418800101001"), ==, '4');
}

static void
test_id_number (void)
{
  AwbDate b1949 = awb_date_from_ymd (1949, 12, 31);
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;

  /* valid, alone and agreeing with the profile */
  g_assert_true (awb_validate_id_number ("11010519491231002X", AWB_DATE_NONE, AWB_UNKNOWN,
                                         &normalized, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (normalized, ==, "11010519491231002X");
  g_clear_pointer (&normalized, g_free);
  g_assert_true (awb_validate_id_number ("11010519491231002x", b1949, AWB_GENDER_F,
                                         &normalized, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (normalized, ==, "11010519491231002X");   /* x is the check X */
  g_clear_pointer (&normalized, g_free);
  g_assert_true (awb_validate_id_number ("4405 2418 8001 0100 14", awb_date_from_ymd (1880, 1, 1),
                                         AWB_GENDER_M, &normalized, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (normalized, ==, "440524188001010014");
  g_clear_pointer (&normalized, g_free);

  /* a mistyped digit: the check says so, with the right character */
  g_assert_false (awb_validate_id_number ("110105194912310021", AWB_DATE_NONE, AWB_UNKNOWN,
                                          NULL, &error));
  g_assert_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_CHECK_DIGIT);
  g_assert_nonnull (strstr (error->message, "should be X, not 1"));
  g_clear_error (&error);
  g_assert_false (awb_validate_id_number ("110105194912310120", AWB_DATE_NONE, AWB_UNKNOWN,
                                          NULL, &error));
  g_assert_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_CHECK_DIGIT);
  g_clear_error (&error);

  /* disagreeing with the profile */
  g_assert_false (awb_validate_id_number ("11010519491231002X", b1949 - 1, AWB_UNKNOWN,
                                          NULL, &error));
  g_assert_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_DISAGREES);
  g_assert_nonnull (strstr (error->message, "1949-12-31"));
  g_assert_nonnull (strstr (error->message, "1949-12-30"));
  g_clear_error (&error);
  g_assert_false (awb_validate_id_number ("11010519491231002X", b1949, AWB_GENDER_M,
                                          NULL, &error));
  g_assert_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_DISAGREES);
  g_clear_error (&error);
  g_assert_false (awb_validate_id_number ("440524188001010014", AWB_DATE_NONE, AWB_GENDER_F,
                                          NULL, &error));
  g_assert_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_DISAGREES);
  g_clear_error (&error);

  /* not the form: length, an old 15-digit card, a letter inside */
  g_assert_false (awb_validate_id_number ("110105194912310", AWB_DATE_NONE, AWB_UNKNOWN,
                                          NULL, &error));
  g_assert_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "15-digit"));
  g_clear_error (&error);
  g_assert_false (awb_validate_id_number ("1101051949123100", AWB_DATE_NONE, AWB_UNKNOWN,
                                          NULL, &error));
  g_assert_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_false (awb_validate_id_number ("1101051949123100AX", AWB_DATE_NONE, AWB_UNKNOWN,
                                          NULL, &error));
  g_assert_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_FORMAT);
  g_clear_error (&error);

  /* birth dates that do not exist, or are still to come */
  g_assert_false (awb_validate_id_number ("110105194913310020", AWB_DATE_NONE, AWB_UNKNOWN,
                                          NULL, &error));
  g_assert_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (awb_validate_id_number ("110105209901010020", AWB_DATE_NONE, AWB_UNKNOWN,
                                          NULL, &error));
  g_assert_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_RANGE);
  g_clear_error (&error);

  /* other documents: letters and digits, 32 at most */
  g_assert_true (awb_validate_id_number ("G12345678", AWB_DATE_NONE, AWB_GENDER_M,
                                         &normalized, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (normalized, ==, "G12345678");
  g_assert_false (awb_validate_id_number ("G1234-5678", AWB_DATE_NONE, AWB_UNKNOWN,
                                          NULL, &error));
  g_assert_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_true (awb_validate_id_number ("P1234567890123456789012345678901", AWB_DATE_NONE,
                                         AWB_UNKNOWN, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (awb_validate_id_number ("P12345678901234567890123456789012", AWB_DATE_NONE,
                                          AWB_UNKNOWN, NULL, &error));
  g_assert_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_RANGE);
}

static void
test_mobile (void)
{
  static const struct { const char *in; const char *digits; int code; } cases[] = {
    { "13812345678", "13812345678", -1 },
    { "+86 138-1234-5678", "13812345678", -1 },
    { "0086 13812345678", "13812345678", -1 },
    { "19912345678", "19912345678", -1 },
    { "1381234567", NULL, AWB_VALIDATE_ERROR_FORMAT },    /* 10 digits */
    { "138123456789", NULL, AWB_VALIDATE_ERROR_FORMAT },  /* 12 */
    { "12812345678", NULL, AWB_VALIDATE_ERROR_FORMAT },   /* 12x is no mobile */
    { "021-62345678", NULL, AWB_VALIDATE_ERROR_FORMAT },  /* a landline */
    { "abc", NULL, AWB_VALIDATE_ERROR_FORMAT },
    { "+1 4155550100", NULL, AWB_VALIDATE_ERROR_FORMAT },
    { "", NULL, AWB_VALIDATE_ERROR_FORMAT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *digits = NULL;
      gboolean ok = awb_validate_mobile (cases[i].in, &digits, &error);

      g_test_message ("mobile “%s”", cases[i].in);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (digits, ==, cases[i].digits);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, AWB_VALIDATE_ERROR, cases[i].code);
          g_assert_null (digits);
        }
    }
}

static void
test_past_date (void)
{
  AwbDate today = awb_date_from_ymd (2026, 12, 3);
  g_autoptr(GError) error = NULL;
  AwbDate d = 0;

  g_assert_true (awb_validate_past_date ("2026-12-03", today, &d, &error));
  g_assert_no_error (error);
  g_assert_cmpint (d, ==, today);
  g_assert_true (awb_validate_past_date ("1990-1-5", today, &d, &error));
  g_assert_cmpint (d, ==, awb_date_from_ymd (1990, 1, 5));
  g_assert_true (awb_validate_past_date ("2024-02-29", today, &d, &error));
  g_assert_no_error (error);

  g_assert_false (awb_validate_past_date ("2026-12-04", today, &d, &error));
  g_assert_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_RANGE);
  g_assert_nonnull (strstr (error->message, "2026-12-03"));
  g_clear_error (&error);
  g_assert_false (awb_validate_past_date ("2023-02-29", today, &d, &error));
  g_assert_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_false (awb_validate_past_date ("03/12/2026", today, &d, &error));
  g_assert_error (error, AWB_VALIDATE_ERROR, AWB_VALIDATE_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_cmpint (d, ==, awb_date_from_ymd (2024, 2, 29));   /* untouched on failure */
}

static void
test_amount (void)
{
  static const struct { const char *in; AwbFen fen; int code; } cases[] = {
    { "12,345.67", 1234567, -1 },
    { "0", 0, -1 },
    { "¥5.5", 550, -1 },
    { "1000000000000.00", G_GINT64_CONSTANT (100000000000000), -1 },   /* the limit itself */
    { "1000000000000.01", 0, AWB_VALIDATE_ERROR_RANGE },
    { "-1", 0, AWB_VALIDATE_ERROR_RANGE },
    { "1.234", 0, AWB_VALIDATE_ERROR_FORMAT },    /* three decimals */
    { "1,23", 0, AWB_VALIDATE_ERROR_FORMAT },
    { "abc", 0, AWB_VALIDATE_ERROR_FORMAT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      AwbFen fen = -7;
      gboolean ok = awb_validate_amount (cases[i].in, &fen, &error);

      g_test_message ("amount “%s”", cases[i].in);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (fen, ==, cases[i].fen);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, AWB_VALIDATE_ERROR, cases[i].code);
          g_assert_cmpint (fen, ==, -7);
        }
    }
}

static void
test_percent (void)
{
  static const struct { const char *in; double value; int code; } cases[] = {
    { "0", 0, -1 },
    { "100", 100, -1 },
    { "100.00", 100, -1 },
    { " 35.5 % ", 35.5, -1 },
    { "7.25", 7.25, -1 },
    { "100.01", 0, AWB_VALIDATE_ERROR_RANGE },
    { "1000000", 0, AWB_VALIDATE_ERROR_RANGE },
    { "35.555", 0, AWB_VALIDATE_ERROR_FORMAT },
    { "-1", 0, AWB_VALIDATE_ERROR_FORMAT },
    { "1e2", 0, AWB_VALIDATE_ERROR_FORMAT },
    { ".5", 0, AWB_VALIDATE_ERROR_FORMAT },
    { "5.", 0, AWB_VALIDATE_ERROR_FORMAT },
    { "", 0, AWB_VALIDATE_ERROR_FORMAT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      double value = -1;
      gboolean ok = awb_validate_percent (cases[i].in, &value, &error);

      g_test_message ("percent “%s”", cases[i].in);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpfloat (value, ==, cases[i].value);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, AWB_VALIDATE_ERROR, cases[i].code);
          g_assert_cmpfloat (value, ==, -1);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/awb/validate/id-check", test_id_check);
  g_test_add_func ("/awb/validate/id-number", test_id_number);
  g_test_add_func ("/awb/validate/mobile", test_mobile);
  g_test_add_func ("/awb/validate/past-date", test_past_date);
  g_test_add_func ("/awb/validate/amount", test_amount);
  g_test_add_func ("/awb/validate/percent", test_percent);
  return g_test_run ();
}
