/* fuzz-id-number.c: the ID number (身份证) validator on any text, against
 * any birth date and gender; the mobile number validator on the same text
 *
 * The first three bytes pick the birth date (or none) and the gender; the
 * rest is the text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "awb-date.h"
#include "awb-model-types.h"
#include "awb-validate.h"
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *digits = NULL;
  g_autoptr(GError) error = NULL;
  AwbDate birth = AWB_DATE_NONE;
  int gender;
  gboolean digits17 = TRUE;

  if (size < 3)
    return 0;
  if (data[0] != 0)
    birth = awb_date_from_ymd (1900 + data[0] % 127, 1 + data[1] % 12, 1 + data[1] / 12 % 28);
  gender = data[2] % 3 == 2 ? AWB_UNKNOWN : data[2] % 3;  /* AwbGender or unknown */
  text = fuzz_strndup (data + 3, size - 3);

  if (awb_validate_id_number (text, birth, gender, &normalized, &error))
    {
      g_autofree char *again = NULL;

      g_assert (normalized != NULL);
      g_assert_cmpuint (strlen (normalized), <=, AWB_VALIDATE_MAX_ID_NUMBER);
      /* The number as stored is still a valid number, and stores as itself. */
      g_assert (awb_validate_id_number (normalized, birth, gender, &again, NULL));
      g_assert_cmpstr (again, ==, normalized);
    }
  else
    g_assert (error != NULL);
  g_clear_error (&error);

  for (guint i = 0; i < 17; i++)
    if (text[i] < '0' || text[i] > '9')
      {
        digits17 = FALSE;
        break;
      }
  if (digits17)
    {
      char c = awb_validate_id_check (text);
      g_assert ((c >= '0' && c <= '9') || c == 'X');
    }

  if (!awb_validate_mobile (text, &digits, &error))
    g_assert (error != NULL);
  return 0;
}
