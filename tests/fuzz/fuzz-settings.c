/* fuzz-settings.c: the settings parser (awb-settings.c) on any text
 *
 * The input is lines of key=value (a line without '=' gives its value to the
 * key its first byte picks).  Each value is parsed alone; what parses prints
 * as a value that parses to itself.  Then all of them are applied together
 * (awb_settings_set_values validates the whole), and the result serialized.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "awb-settings.h"
#include "fuzz-common.h"

#define MAX_LINES 64

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
  g_auto(GStrv) lines = g_strsplit (text, "\n", MAX_LINES);
  g_autoptr(AwbSettings) settings = awb_settings_new ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *serialized = NULL;
  guint n_keys = awb_settings_get_n_keys ();

  g_assert_cmpuint (n_keys, >, 0);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      const char *line = lines[l];
      const char *eq = strchr (line, '=');
      g_autoptr(AwbSettings) one = awb_settings_new ();
      g_autofree char *key = NULL;
      const char *value;

      if (eq != NULL)
        {
          key = g_strndup (line, (gsize) (eq - line));
          value = eq + 1;
        }
      else
        {
          key = g_strdup (awb_settings_get_key ((guchar) line[0] % n_keys));
          value = line[0] != '\0' ? line + 1 : line;
        }

      if (awb_settings_parse_value (one, key, value, &error))
        {
          g_autofree char *printed = awb_settings_get_value (one, key);
          g_autofree char *reprinted = NULL;

          g_assert (awb_settings_has_key (key));
          g_assert (printed != NULL);
          if (!awb_settings_parse_value (one, key, printed, &error))
            g_error ("%s=%s prints as “%s”, which does not parse: %s",
                     key, value, printed, error->message);
          reprinted = awb_settings_get_value (one, key);
          g_assert_cmpstr (reprinted, ==, printed);
        }
      else
        {
          g_assert (error != NULL);
          g_clear_error (&error);
        }

      g_ptr_array_add (keys, g_steal_pointer (&key));
      g_ptr_array_add (values, g_strdup (value));
    }

  if (!awb_settings_set_values (settings, keys->len,
                                (const char *const *) keys->pdata,
                                (const char *const *) values->pdata, &error))
    g_assert (error != NULL);
  g_clear_error (&error);
  if (!awb_settings_validate (settings, &error))
    g_error ("awb_settings_set_values left settings that do not validate: %s", error->message);
  serialized = awb_settings_serialize (settings);
  g_assert (serialized != NULL);
  return 0;
}
