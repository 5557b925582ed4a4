/* test-csv-field.c: one CSV field as RFC 4180 writes it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "awb-csv-field.h"

static void
test_quoting (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "王芳", "王芳" },
    { "", "" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\r", "\"cr\r\"" },
    { "semi;colon", "semi;colon" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) s = g_string_new ("x,");

      awb_csv_append_field (s, cases[i].in);
      g_assert_cmpstr (s->str + 2, ==, cases[i].out);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/awb/csv-field/quoting", test_quoting);

  return g_test_run ();
}
