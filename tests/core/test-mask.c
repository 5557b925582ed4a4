/* test-mask.c: masked phone and ID numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "awb-mask.h"

static void
test_phone (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "13812345678", "138****5678" },           /* the example */
    { "+86 138-1234-5678", "138****5678" },     /* country code and separators dropped */
    { "8613812345678", "138****5678" },
    { "021-62345678", "*******5678" },          /* 11 digits, not a mobile (starts 0) */
    { "62345678", "****5678" },                 /* a landline: last four */
    { "12345", "*2345" },
    { "1234", "****" },                         /* too short to show anything */
    { "abc", NULL },
    { "", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *masked = awb_mask_phone (cases[i].in);

      g_assert_cmpstr (masked, ==, cases[i].out);
    }
}

static void
test_id_number (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "320102199001011606", "3201**********1606" },   /* the example */
    { "32010219900101160x", "3201**********160X" },   /* the check character, upper case */
    { "3201 0219 9001 0116 06", "3201**********1606" },
    { "G12345678", "G123*5678" },                     /* a passport of 9 */
    { "12345678", "********" },
    { "", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *masked = awb_mask_id_number (cases[i].in);

      g_assert_cmpstr (masked, ==, cases[i].out);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/awb/mask/phone", test_phone);
  g_test_add_func ("/awb/mask/id-number", test_id_number);

  return g_test_run ();
}
