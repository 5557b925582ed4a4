/* fuzz-date.c: awb_date_parse on any text; what it accepts formats and
 * parses back to the same day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "awb-date.h"
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
  g_autofree char *text = fuzz_strndup (data, size);
  g_autoptr(GError) error = NULL;
  AwbDate date = 0, again = 0;

  if (awb_date_parse ((const char *) data, (gssize) size, &date))
    {
      char buf[11];
      g_autofree char *formatted = awb_date_format (date);
      int y, m, d;

      awb_date_format_buf (date, buf);
      g_assert_cmpstr (buf, ==, formatted);
      g_assert (awb_date_parse (formatted, -1, &again));
      g_assert_cmpint (again, ==, date);

      awb_date_to_ymd (date, &y, &m, &d);
      g_assert (awb_date_valid_ymd (y, m, d));
      g_assert_cmpint (awb_date_from_ymd (y, m, d), ==, date);
      (void) awb_date_add_months (date, (int) (size % 2400) - 1200);
      (void) awb_date_age (date, awb_date_from_ymd (2026, 12, 4));
    }
  (void) awb_date_parse (text, -1, &date);

  /* The profile's birth date field takes the same text. */
  if (!awb_validate_past_date (text, awb_date_from_ymd (2026, 12, 4), &date, &error))
    g_assert (error != NULL);
  return 0;
}
