/* awb-csv-reader.h: a streaming RFC 4180 CSV reader for UTF-8 and GB18030 files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  AWB_CSV_ENCODING_UTF8,
  AWB_CSV_ENCODING_UTF8_BOM,
  AWB_CSV_ENCODING_GB18030,
} AwbCsvEncoding;

typedef enum {
  AWB_CSV_RECORD,      /* a record is available: see the accessors */
  AWB_CSV_BAD_RECORD,  /* a record with a quoting error: see get_problem; fields are as read */
  AWB_CSV_END,         /* no more records */
  AWB_CSV_FAILED,      /* the file could not be read further: error set */
} AwbCsvStatus;

typedef enum {
  AWB_CSV_PROBLEM_NONE,
  AWB_CSV_PROBLEM_UNTERMINATED_QUOTE,  /* a quoted field runs to the end of the file */
  AWB_CSV_PROBLEM_TEXT_AFTER_QUOTE,    /* "abc"x: text between a closing quote and the comma */
  AWB_CSV_PROBLEM_NUL,                 /* a NUL byte in a field */
} AwbCsvProblem;

typedef struct _AwbCsvReader AwbCsvReader;

AwbCsvReader   *awb_csv_reader_new_for_path   (const char    *path,
                                               GError       **error);
AwbCsvReader   *awb_csv_reader_new_for_data   (GBytes        *data,
                                               const char    *display_name,
                                               GError       **error);
void            awb_csv_reader_free           (AwbCsvReader  *self);

AwbCsvEncoding  awb_csv_reader_get_encoding   (AwbCsvReader  *self);
const char     *awb_csv_reader_get_display_name (AwbCsvReader *self);
AwbCsvStatus    awb_csv_reader_next           (AwbCsvReader  *self,
                                               GError       **error);
guint           awb_csv_reader_get_n_fields   (AwbCsvReader  *self);
char           *awb_csv_reader_get_field      (AwbCsvReader  *self,
                                               guint          i,
                                               gsize         *len);
guint           awb_csv_reader_get_line       (AwbCsvReader  *self);
AwbCsvProblem   awb_csv_reader_get_problem    (AwbCsvReader  *self,
                                               guint         *field);
double          awb_csv_reader_get_fraction   (AwbCsvReader  *self);
gsize           awb_csv_reader_get_size       (AwbCsvReader  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwbCsvReader, awb_csv_reader_free)

G_END_DECLS
