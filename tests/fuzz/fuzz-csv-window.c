/* fuzz-csv-window.c: the GB18030 reader, which converts the file in windows
 * of CHUNK_SIZE (256 KiB), reads the same records as the UTF-8 reader, which
 * parses the file in place
 *
 * The input, as UTF-8 text (made valid, NULs as blanks), is converted to
 * GB18030 and placed after a filler so that it straddles the first window's
 * end (its first byte picks where: 0-255 bytes before it).  The GB18030
 * file, and the same file converted back to UTF-8, must give the same
 * records, field for field, and the same problems.
 *
 * The reader reads a file as GB18030 when its lines decide so (more lines
 * with bytes above 0x7F that are not UTF-8 than are, awb-csv-reader.c (2));
 * a line or two of rare characters whose bytes happen to make UTF-8 may be
 * refused as UTF-8 with a bad line.  That choice is not what this harness
 * tests, so the filler settles it: a line of 啊 (B0 A1, no UTF-8 at all) for
 * each line of the input, and one more.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "awb-csv-reader.h"
#include "fuzz-common.h"

#define WINDOW (256 * 1024)

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

typedef struct
{
  AwbCsvStatus status;
  guint        line;
  AwbCsvProblem problem;
  guint        problem_field;
  GPtrArray   *fields;
} Record;

static GArray *
read_all (GBytes *bytes, AwbCsvEncoding *encoding, char **error_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbCsvReader) reader = awb_csv_reader_new_for_data (bytes, "window.csv", &error);
  GArray *records = g_array_new (FALSE, TRUE, sizeof (Record));

  if (reader == NULL)
    {
      *error_message = g_strdup (error->message);
      return records;
    }
  *encoding = awb_csv_reader_get_encoding (reader);
  for (;;)
    {
      Record r = { 0 };

      r.status = awb_csv_reader_next (reader, &error);
      if (r.status == AWB_CSV_END)
        break;
      if (r.status == AWB_CSV_FAILED)
        {
          *error_message = g_strdup (error->message);
          break;
        }
      r.line = awb_csv_reader_get_line (reader);
      r.problem = awb_csv_reader_get_problem (reader, &r.problem_field);
      r.fields = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < awb_csv_reader_get_n_fields (reader); i++)
        {
          gsize len;
          const char *f = awb_csv_reader_get_field (reader, i, &len);

          g_ptr_array_add (r.fields, g_strndup (f, len));
        }
      g_array_append_val (records, r);
    }
  return records;
}

static void
free_records (GArray *records)
{
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_unref (g_array_index (records, Record, i).fields);
  g_array_unref (records);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = NULL;
  g_autofree char *gb = NULL;
  g_autofree char *utf8 = NULL;
  g_autofree char *gb_error = NULL;
  g_autofree char *utf8_error = NULL;
  g_autoptr(GString) gb_file = NULL;
  g_autoptr(GBytes) gb_bytes = NULL;
  g_autoptr(GBytes) utf8_bytes = NULL;
  AwbCsvEncoding gb_encoding = AWB_CSV_ENCODING_UTF8, utf8_encoding = AWB_CSV_ENCODING_GB18030;
  GArray *gb_records, *utf8_records;
  gsize gb_len, utf8_len;
  guint back;

  if (size < 1)
    return 0;
  back = data[0];
  {
    g_autofree char *raw = g_malloc (size);

    for (gsize i = 1; i < size; i++)
      raw[i - 1] = data[i] ? (char) data[i] : ' ';
    text = g_utf8_make_valid (raw, (gssize) size - 1);
  }
  gb = g_convert (text, -1, "GB18030", "UTF-8", NULL, &gb_len, NULL);
  if (gb == NULL)
    return 0;

  /* 客户,x, a line of 啊 for each line of the input and one more, then a
   * filler field up to WINDOW - back bytes, then the input. */
  gb_file = g_string_new ("\xBF\xCD\xBB\xA7,x\r\n");
  for (gsize i = 0; i <= gb_len; i++)
    if (i == gb_len || gb[i] == '\n')
      g_string_append (gb_file, "\xB0\xA1\n");
  g_string_append (gb_file, "fill,");
  while (gb_file->len + 1 < WINDOW - back)
    g_string_append_c (gb_file, 'a');
  g_string_append_c (gb_file, '\n');
  g_string_append_len (gb_file, gb, (gssize) gb_len);

  utf8 = g_convert (gb_file->str, (gssize) gb_file->len, "UTF-8", "GB18030", NULL, &utf8_len, NULL);
  if (utf8 == NULL)
    return 0;
  gb_bytes = g_bytes_new (gb_file->str, gb_file->len);
  utf8_bytes = g_bytes_new (utf8, utf8_len);

  gb_records = read_all (gb_bytes, &gb_encoding, &gb_error);
  utf8_records = read_all (utf8_bytes, &utf8_encoding, &utf8_error);

  g_assert_cmpint (gb_encoding, ==, AWB_CSV_ENCODING_GB18030);
  g_assert_cmpint (utf8_encoding, ==, AWB_CSV_ENCODING_UTF8);
  g_assert_null (gb_error);
  g_assert_null (utf8_error);
  g_assert_cmpuint (gb_records->len, ==, utf8_records->len);
  for (guint i = 0; i < gb_records->len; i++)
    {
      Record *a = &g_array_index (gb_records, Record, i);
      Record *b = &g_array_index (utf8_records, Record, i);

      g_assert_cmpint (a->status, ==, b->status);
      g_assert_cmpuint (a->line, ==, b->line);
      g_assert_cmpint (a->problem, ==, b->problem);
      if (a->problem != AWB_CSV_PROBLEM_NONE)
        g_assert_cmpuint (a->problem_field, ==, b->problem_field);
      g_assert_cmpuint (a->fields->len, ==, b->fields->len);
      for (guint f = 0; f < a->fields->len; f++)
        g_assert_cmpstr (a->fields->pdata[f], ==, b->fields->pdata[f]);
    }
  free_records (gb_records);
  free_records (utf8_records);
  return 0;
}
