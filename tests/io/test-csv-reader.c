/* test-csv-reader.c: the streaming CSV reader: RFC 4180, line ends, encodings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "awb-csv-reader.h"
#include "awb-import.h"

typedef struct
{
  const char     *name;
  const char     *input;
  gssize          len;        /* -1: strlen */
  AwbCsvEncoding  encoding;
  /* Expected records: fields joined by '|', then '@' and the start line;
   * a bad record ends in "!u<field>" (unterminated) or "!t<field>". */
  const char     *expected[6];
} ReaderCase;

static const ReaderCase cases[] = {
  { "plain", "a,b\n1,2\n", -1, AWB_CSV_ENCODING_UTF8, { "a|b@1", "1|2@2" } },
  { "crlf", "a,b\r\n1,2\r\n", -1, AWB_CSV_ENCODING_UTF8, { "a|b@1", "1|2@2" } },
  { "lone-cr", "a\rb\r", -1, AWB_CSV_ENCODING_UTF8, { "a@1", "b@2" } },
  { "no-final-newline", "a,b\n1,2", -1, AWB_CSV_ENCODING_UTF8, { "a|b@1", "1|2@2" } },
  { "trailing-comma-at-end", "a,", -1, AWB_CSV_ENCODING_UTF8, { "a|@1" } },
  { "empty-fields", ",,\n\n", -1, AWB_CSV_ENCODING_UTF8, { "||@1", "@2" } },
  { "quoted-comma", "\"x,y\",z\n", -1, AWB_CSV_ENCODING_UTF8, { "x,y|z@1" } },
  { "doubled-quotes", "\"he said \"\"hi\"\"\",\"\"\n", -1, AWB_CSV_ENCODING_UTF8,
    { "he said \"hi\"|@1" } },
  { "embedded-newline", "a,\"l1\nl2\"\nb,c\n", -1, AWB_CSV_ENCODING_UTF8,
    { "a|l1\nl2@1", "b|c@3" } },
  { "embedded-crlf", "a,\"l1\r\nl2\"\r\nb,c\r\n", -1, AWB_CSV_ENCODING_UTF8,
    { "a|l1\r\nl2@1", "b|c@3" } },
  { "quote-inside-unquoted", "ab\"c,d\n", -1, AWB_CSV_ENCODING_UTF8, { "ab\"c|d@1" } },
  { "bom", "\xef\xbb\xbf" "a,b\n", -1, AWB_CSV_ENCODING_UTF8_BOM, { "a|b@1" } },
  { "unterminated", "a,b\nc,\"de\nf\n", -1, AWB_CSV_ENCODING_UTF8,
    { "a|b@1", "c|de\nf\n@2!u1" } },
  { "text-after-quote", "\"ab\"c,d\ne,f\n", -1, AWB_CSV_ENCODING_UTF8,
    { "abc|d@1!t0", "e|f@2" } },
  /* 客户,名 / 张三,"李,四" in GB18030 */
  { "gb18030", "\xbf\xcd\xbb\xa7,\xc3\xfb\n\xd5\xc5\xc8\xfd,\"\xc0\xee,\xcb\xc4\"\n", -1,
    AWB_CSV_ENCODING_GB18030, { "客户|名@1", "张三|李,四@2" } },
  /* € (two bytes) and 😀 (four bytes) in GB18030 */
  { "gb18030-four-byte", "\xa2\xe3,\x94" "9" "\xfc" "6\n", -1, AWB_CSV_ENCODING_GB18030,
    { "€|😀@1" } },
};

static char *
describe_record (AwbCsvReader *reader,
                 AwbCsvStatus  status)
{
  GString *s = g_string_new (NULL);
  guint bad_field;
  AwbCsvProblem problem;

  for (guint i = 0; i < awb_csv_reader_get_n_fields (reader); i++)
    g_string_append_printf (s, "%s%s", i ? "|" : "", awb_csv_reader_get_field (reader, i, NULL));
  g_string_append_printf (s, "@%u", awb_csv_reader_get_line (reader));
  problem = awb_csv_reader_get_problem (reader, &bad_field);
  if (status == AWB_CSV_BAD_RECORD)
    g_string_append_printf (s, "!%c%u",
                            problem == AWB_CSV_PROBLEM_UNTERMINATED_QUOTE ? 'u' : 't', bad_field);
  return g_string_free (s, FALSE);
}

static void
test_case (gconstpointer data)
{
  const ReaderCase *c = data;
  g_autoptr(GBytes) bytes = g_bytes_new_static (c->input, c->len < 0 ? strlen (c->input)
                                                                     : (gsize) c->len);
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbCsvReader) reader = awb_csv_reader_new_for_data (bytes, "x.csv", &error);
  guint n = 0;

  g_assert_no_error (error);
  g_assert_cmpint (awb_csv_reader_get_encoding (reader), ==, c->encoding);
  for (;;)
    {
      AwbCsvStatus status = awb_csv_reader_next (reader, &error);
      g_autofree char *got = NULL;

      g_assert_no_error (error);
      if (status == AWB_CSV_END)
        break;
      g_assert_cmpuint (n, <, G_N_ELEMENTS (c->expected));
      got = describe_record (reader, status);
      g_assert_cmpstr (got, ==, c->expected[n]);
      n++;
    }
  g_assert_null (n < G_N_ELEMENTS (c->expected) ? c->expected[n] : NULL);
  g_assert_cmpfloat (awb_csv_reader_get_fraction (reader), ==, 1.0);
}

static void
test_empty (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbCsvReader) reader = awb_csv_reader_new_for_data (bytes, "x.csv", &error);

  g_assert_no_error (error);
  g_assert_cmpint (awb_csv_reader_next (reader, &error), ==, AWB_CSV_END);
}

typedef struct
{
  const char *input;
  gsize       len;
  const char *message;
} BadEncoding;

static void
test_bad_encoding (void)
{
  static const BadEncoding bad[] = {
    /* 0xFF is neither UTF-8 nor GB18030 */
    { "a,b\nc,d\ne\xff,f\n", 12, "x.csv:3: the file is neither UTF-8 nor GB18030 text "
                                 "(byte 0xFF cannot be read)" },
    /* valid GB18030 up to line 3 (张三), then 0x80, which is no GB18030 lead byte */
    { "a\n\xd5\xc5\xc8\xfd\nb\x80\n", 10, "x.csv:3: the file is neither UTF-8 nor GB18030 text "
                                          "(byte 0x80 cannot be read)" },
    /* a BOM promises UTF-8 */
    { "\xef\xbb\xbf" "a\nb\xd5\xc5\n", 9, "x.csv:2: the file starts as UTF-8 but byte 0xD5 is "
                                          "not UTF-8 text" },
    { "\xff\xfe" "a\0", 4, "x.csv: the file is UTF-16 text, which is not read; save it as CSV "
                           "in UTF-8 or GB18030" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad[i].input, bad[i].len);
      g_autoptr(GError) error = NULL;
      g_autoptr(AwbCsvReader) reader = awb_csv_reader_new_for_data (bytes, "x.csv", &error);

      g_assert_null (reader);
      g_assert_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_FILE);
      g_assert_cmpstr (error->message, ==, bad[i].message);
    }
}

/* A NUL byte spoils its record (the field is named), not the file, and does
 * not make UTF-8 text look like another encoding. */
static void
test_nul_byte (void)
{
  static const char text[] = "a,b\nx,y\0z\nc,d\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbCsvReader) reader = awb_csv_reader_new_for_data (bytes, "x.csv", &error);
  guint field = 99;

  g_assert_no_error (error);
  g_assert_cmpint (awb_csv_reader_get_encoding (reader), ==, AWB_CSV_ENCODING_UTF8);
  g_assert_cmpint (awb_csv_reader_next (reader, &error), ==, AWB_CSV_RECORD);
  g_assert_cmpint (awb_csv_reader_next (reader, &error), ==, AWB_CSV_BAD_RECORD);
  g_assert_cmpuint (awb_csv_reader_get_line (reader), ==, 2);
  g_assert_cmpint (awb_csv_reader_get_problem (reader, &field), ==, AWB_CSV_PROBLEM_NUL);
  g_assert_cmpuint (field, ==, 1);
  g_assert_cmpint (awb_csv_reader_next (reader, &error), ==, AWB_CSV_RECORD);
  g_assert_cmpstr (awb_csv_reader_get_field (reader, 0, NULL), ==, "c");
  g_assert_cmpint (awb_csv_reader_next (reader, &error), ==, AWB_CSV_END);
}

/* A GB18030 file much bigger than the reader's conversion chunk: records
 * (including quoted ones with line ends) that straddle chunk boundaries
 * come out whole, with the right line numbers. */
static void
test_gb18030_streaming (void)
{
  const guint n_records = 40000;
  g_autoptr(GString) utf8 = g_string_new ("客户号,备注\n");
  g_autofree char *gb = NULL;
  gsize gb_len = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AwbCsvReader) reader = NULL;
  guint line = 2;

  for (guint i = 0; i < n_records; i++)
    {
      if (i % 7 == 0)
        g_string_append_printf (utf8, "客%u,\"多行\n备注, \"\"%u\"\"\"\n", i, i);
      else
        g_string_append_printf (utf8, "客%u,张三李四王五\n", i);
    }
  gb = g_convert (utf8->str, (gssize) utf8->len, "GB18030", "UTF-8", NULL, &gb_len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gb_len, >, 3 * 256 * 1024);
  bytes = g_bytes_new_take (g_steal_pointer (&gb), gb_len);
  reader = awb_csv_reader_new_for_data (bytes, "big.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpint (awb_csv_reader_get_encoding (reader), ==, AWB_CSV_ENCODING_GB18030);

  g_assert_cmpint (awb_csv_reader_next (reader, &error), ==, AWB_CSV_RECORD);
  g_assert_cmpstr (awb_csv_reader_get_field (reader, 0, NULL), ==, "客户号");
  for (guint i = 0; i < n_records; i++)
    {
      g_autofree char *id = g_strdup_printf ("客%u", i);
      g_autofree char *note = NULL;

      g_assert_cmpint (awb_csv_reader_next (reader, &error), ==, AWB_CSV_RECORD);
      g_assert_no_error (error);
      g_assert_cmpuint (awb_csv_reader_get_n_fields (reader), ==, 2);
      g_assert_cmpstr (awb_csv_reader_get_field (reader, 0, NULL), ==, id);
      g_assert_cmpuint (awb_csv_reader_get_line (reader), ==, line);
      if (i % 7 == 0)
        {
          note = g_strdup_printf ("多行\n备注, \"%u\"", i);
          line += 2;
        }
      else
        {
          note = g_strdup ("张三李四王五");
          line += 1;
        }
      g_assert_cmpstr (awb_csv_reader_get_field (reader, 1, NULL), ==, note);
    }
  g_assert_cmpint (awb_csv_reader_next (reader, &error), ==, AWB_CSV_END);
  g_assert_no_error (error);
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbCsvReader) reader = awb_csv_reader_new_for_path ("/nonexistent/x.csv", &error);

  g_assert_null (reader);
  g_assert_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_FILE);
  g_assert_true (g_str_has_prefix (error->message, "Cannot read “/nonexistent/x.csv”: "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/awb/csv-reader/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/awb/csv-reader/empty", test_empty);
  g_test_add_func ("/awb/csv-reader/bad-encoding", test_bad_encoding);
  g_test_add_func ("/awb/csv-reader/gb18030-streaming", test_gb18030_streaming);
  g_test_add_func ("/awb/csv-reader/nul-byte", test_nul_byte);
  g_test_add_func ("/awb/csv-reader/missing-file", test_missing_file);

  return g_test_run ();
}
