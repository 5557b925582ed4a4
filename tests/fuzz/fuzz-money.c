/* fuzz-money.c: awb_money_parse on any text; what it accepts formats and
 * parses back to the same fen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "awb-money.h"
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
  AwbFen fen = 0, again = 0;

  /* With a length (embedded NULs and all), then as a C string. */
  if (awb_money_parse ((const char *) data, (gssize) size, &fen))
    {
      char buf[32];
      g_autofree char *plain = awb_money_format (fen);
      g_autofree char *grouped = awb_money_format_grouped (fen);

      awb_money_format_buf (fen, buf);
      g_assert_cmpstr (buf, ==, plain);
      g_assert (awb_money_parse (plain, -1, &again));
      g_assert_cmpint (again, ==, fen);
      g_assert (awb_money_parse (grouped, -1, &again));
      g_assert_cmpint (again, ==, fen);
    }
  (void) awb_money_parse (text, -1, &fen);

  /* The profile's amount field takes the same text. */
  if (!awb_validate_amount (text, &fen, &error))
    g_assert (error != NULL);
  return 0;
}
