/* fuzz-csv.c: the CSV reader on any bytes, one harness per encoding
 *
 * Built three times: FUZZ_CSV_MODE picks what the bytes are made into.
 *   0 (auto):    the bytes as they are: the reader detects the encoding
 *   1 (utf8):    the bytes made valid UTF-8, after a BOM when the first
 *                byte is odd: the in-place UTF-8 path, with and without BOM
 *   2 (gb18030): the bytes after "客户," in GB18030, which is not UTF-8, so
 *                the reader takes the streaming GB18030 path (or refuses the
 *                file, naming a line)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "awb-csv-reader.h"
#include "fuzz-common.h"

#ifndef FUZZ_CSV_MODE
#error "FUZZ_CSV_MODE must be 0, 1 or 2"
#endif

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

static GBytes *
make_input (const uint8_t *data, size_t size)
{
#if FUZZ_CSV_MODE == 0
  return g_bytes_new (data, size);
#elif FUZZ_CSV_MODE == 1
  g_autofree char *valid = g_utf8_make_valid ((const char *) data, (gssize) size);
  GString *s = g_string_new (NULL);

  if (size > 0 && (data[0] & 1))
    g_string_append (s, "\xEF\xBB\xBF");
  g_string_append (s, valid);
  return g_string_free_to_bytes (s);
#else
  GString *s = g_string_new ("\xBF\xCD\xBB\xA7,");  /* 客户, in GB18030 */

  g_string_append_len (s, (const char *) data, (gssize) size);
  return g_string_free_to_bytes (s);
#endif
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GBytes) bytes = make_input (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbCsvReader) reader = awb_csv_reader_new_for_data (bytes, "fuzz.csv", &error);
  guint last_line = 0;

  if (reader == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }
#if FUZZ_CSV_MODE == 1
  g_assert (awb_csv_reader_get_encoding (reader) != AWB_CSV_ENCODING_GB18030);
#elif FUZZ_CSV_MODE == 2
  g_assert (awb_csv_reader_get_encoding (reader) == AWB_CSV_ENCODING_GB18030);
#endif

  for (;;)
    {
      AwbCsvStatus status = awb_csv_reader_next (reader, &error);
      guint n, problem_field = G_MAXUINT;
      double fraction;

      if (status == AWB_CSV_END)
        break;
      if (status == AWB_CSV_FAILED)
        {
          g_assert (error != NULL);
          break;
        }
      g_assert (error == NULL);

      /* Lines only go forward; the progress stays a fraction. */
      g_assert_cmpuint (awb_csv_reader_get_line (reader), >=, last_line);
      last_line = awb_csv_reader_get_line (reader);
      fraction = awb_csv_reader_get_fraction (reader);
      g_assert (fraction >= 0.0 && fraction <= 1.0);

      n = awb_csv_reader_get_n_fields (reader);
      for (guint i = 0; i < n; i++)
        {
          gsize len = G_MAXSIZE;
          const char *field = awb_csv_reader_get_field (reader, i, &len);

          g_assert (field != NULL);
          g_assert_cmpint (field[len], ==, '\0');
          /* Every field the reader hands out is UTF-8 (up to its first NUL:
           * GB18030 may carry one through). */
          g_assert (g_utf8_validate (field, -1, NULL));
        }

      if (status == AWB_CSV_BAD_RECORD)
        {
          g_assert_cmpint (awb_csv_reader_get_problem (reader, &problem_field), !=, AWB_CSV_PROBLEM_NONE);
          g_assert_cmpuint (problem_field, <, MAX (n, 1));
        }
      else
        g_assert_cmpint (awb_csv_reader_get_problem (reader, NULL), ==, AWB_CSV_PROBLEM_NONE);
    }
  return 0;
}
