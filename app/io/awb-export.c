/* awb-export.c: CSV export of the book in the interchange format (spec §11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * NOTES ON THE DESIGN
 *
 *  (1) The file is what the importer reads back unchanged: §11's column
 *      order, the English header names, codes for enumerations, dates as
 *      YYYY-MM-DD, money with two decimals and no thousands separators,
 *      empty fields for unknown values.  Column descriptions are shared with
 *      the importer (awb-io-columns.c, awb-io-private.h), so the two cannot drift apart.
 *  (2) Quoting is RFC 4180, only where needed: a field holding a comma, a
 *      quote, a CR or an LF is quoted, with quotes doubled.  Records end
 *      with LF (not CRLF): Excel, LibreOffice and every CSV library read it.
 *  (3) Encoding: UTF-8 with a byte-order mark by default (Excel then reads
 *      it as UTF-8), plain UTF-8, or GB18030 through GCharsetConverter.
 *  (4) Atomic: rows go to a temporary file (0600: client data is personal
 *      data) in the destination's folder, renamed over @path only when
 *      every row is written; on any failure or cancel it is removed and
 *      @path is untouched.  One left by a killed export is removed by the
 *      next one into the same folder (awb-part-file.c).
 *  (5) Privacy by default: the clients' phone and ID numbers are written
 *      masked as the client list shows them (awb-mask.c; a number without
 *      a digit is written empty) unless AWB_EXPORT_FULL_NUMBERS.
 *  (6) Formula injection (OWASP "CSV Injection"): a spreadsheet runs a
 *      cell starting with = + - @ TAB or CR as a formula.  Every text
 *      column (AWB_COL_TEXT, KEY, CLIENT, MANAGER, and ENUM, whose codes
 *      never start so) is written with a leading apostrophe when it starts
 *      so, unless AWB_EXPORT_NO_FORMULA_GUARD; number columns (dates,
 *      money, integers, reals, risk levels, flags) are written as numbers,
 *      never changed: a negative amount stays -1.50.  The importer does not
 *      remove the apostrophe: a file to be imported again is exported with
 *      both AWB_EXPORT_FULL_NUMBERS and AWB_EXPORT_NO_FORMULA_GUARD.
 */
#define G_LOG_DOMAIN "awb-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "awb-csv-field.h"
#include "awb-export.h"
#include "awb-io-private.h"
#include "awb-mask.h"
#include "awb-part-file.h"

#define FLUSH_SIZE (64 * 1024)
#define CHECK_EVERY 4096


/* Notes (5): which columns hold a number to mask. */
typedef enum {
  MASK_NONE,
  MASK_PHONE,
  MASK_ID_NUMBER,
} MaskKind;

static MaskKind
column_mask (const AwbTableDef *def,
             const AwbColumn   *col)
{
  if (def->kind != AWB_TABLE_CLIENTS || col->type != AWB_COL_TEXT)
    return MASK_NONE;
  if (strcmp (col->name, "phone") == 0)
    return MASK_PHONE;
  if (strcmp (col->name, "id_number") == 0)
    return MASK_ID_NUMBER;
  return MASK_NONE;
}

/* Notes (6): whether the column holds text a spreadsheet could run. */
static gboolean
column_is_text (const AwbColumn *col)
{
  switch (col->type)
    {
    case AWB_COL_TEXT:
    case AWB_COL_KEY:
    case AWB_COL_CLIENT:
    case AWB_COL_MANAGER:
    case AWB_COL_ENUM:
      return TRUE;
    case AWB_COL_DATE:
    case AWB_COL_MONEY:
    case AWB_COL_INT:
    case AWB_COL_REAL:
    case AWB_COL_RISK:
    case AWB_COL_FLAG:
    default:
      return FALSE;
    }
}

static gboolean
flush (GOutputStream  *stream,
       GString        *out,
       GCancellable   *cancellable,
       GError        **error)
{
  if (out->len == 0)
    return TRUE;
  if (!g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
    return FALSE;
  g_string_truncate (out, 0);
  return TRUE;
}

/* Writes the header and the rows of @def: all of them in id order, or
 * with @ids (gint64 rowids) those, in that order; an id no longer in the
 * book is skipped. */
static gboolean
write_rows (AwbDatabase        *db,
            const AwbTableDef  *def,
            GArray             *ids,
            GOutputStream      *stream,
            AwbExportEncoding   encoding,
            AwbExportFlags      flags,
            GCancellable       *cancellable,
            guint64            *n_rows,
            GError            **error)
{
  gboolean guard = (flags & AWB_EXPORT_NO_FORMULA_GUARD) == 0;
  gboolean mask = (flags & AWB_EXPORT_FULL_NUMBERS) == 0;
  g_autoptr(GString) out = g_string_sized_new (FLUSH_SIZE + 4096);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *where = ids != NULL ? g_strdup_printf ("%s = ?1", def->id_expr) : NULL;
  g_autofree char *sql = _awb_io_build_select (def, where);
  guint next_id = 0;
  guint64 n = 0;
  int rc;

  stmt = awb_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  if (encoding == AWB_EXPORT_UTF8_BOM)
    g_string_append (out, "\xef\xbb\xbf");
  for (guint c = 0; c < def->n_columns; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      g_string_append (out, def->columns[c].name);
    }
  g_string_append_c (out, '\n');

  for (;;)
    {
      if (ids != NULL)
        {
          if (next_id == ids->len)
            {
              rc = SQLITE_DONE;
              break;
            }
          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, next_id++));
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_DONE)
            continue;   /* deleted meanwhile */
        }
      else
        rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        break;

      for (guint c = 0; c < def->n_columns; c++)
        {
          const AwbColumn *col = &def->columns[c];
          char buf[AWB_VALUE_TEXT_SIZE];
          g_autofree char *masked = NULL;
          MaskKind mask_kind = mask ? column_mask (def, col) : MASK_NONE;
          const char *text;
          AwbValue value;

          if (c > 0)
            g_string_append_c (out, ',');
          _awb_io_value_from_column (col, stmt, (int) c, &value);
          text = _awb_io_value_to_text (col, &value, buf);
          if (mask_kind != MASK_NONE && *text != '\0')
            {
              masked = mask_kind == MASK_PHONE ? awb_mask_phone (text)
                                               : awb_mask_id_number (text);
              text = masked != NULL ? masked : "";
            }
          awb_csv_append_text (out, text, guard && column_is_text (col));
        }
      g_string_append_c (out, '\n');
      n++;

      if (out->len >= FLUSH_SIZE && !flush (stream, out, cancellable, error))
        return FALSE;
      if (n % CHECK_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return awb_database_set_error (db, rc, error);
  if (!flush (stream, out, cancellable, error))
    return FALSE;
  *n_rows = n;
  return TRUE;
}

/* Notes (4): the rows to a temporary file renamed over @path. */
static gboolean
export_to_file (AwbDatabase        *db,
                const AwbTableDef  *def,
                GArray             *ids,
                const char         *path,
                AwbExportEncoding   encoding,
                AwbExportFlags      flags,
                GCancellable       *cancellable,
                guint64            *n_rows,
                GError            **error)
{
  g_autofree char *tmp = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GOutputStream) file_stream = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  guint64 n = 0;
  gboolean ok;
  int fd;

  fd = awb_part_file_open (path, &tmp, error);
  if (fd < 0)
    return FALSE;
  close (fd);

  file = g_file_new_for_path (tmp);
  file_stream = G_OUTPUT_STREAM (g_file_append_to (file, G_FILE_CREATE_PRIVATE, cancellable,
                                                   &local_error));
  ok = file_stream != NULL;
  if (ok)
    {
      if (encoding == AWB_EXPORT_GB18030)
        {
          g_autoptr(GCharsetConverter) conv = g_charset_converter_new ("GB18030", "UTF-8",
                                                                       &local_error);
          ok = conv != NULL;
          if (ok)
            stream = g_converter_output_stream_new (file_stream, G_CONVERTER (conv));
        }
      else
        stream = g_object_ref (file_stream);
    }
  if (ok)
    ok = write_rows (db, def, ids, stream, encoding, flags, cancellable, &n, &local_error);
  if (stream != NULL)
    ok = g_output_stream_close (stream, ok ? cancellable : NULL, ok ? &local_error : NULL) && ok;
  if (ok && stream != file_stream)
    ok = g_output_stream_close (file_stream, cancellable, &local_error);
  else if (file_stream != NULL && stream != file_stream)
    g_output_stream_close (file_stream, NULL, NULL);
  if (ok && g_rename (tmp, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (&local_error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s", g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    {
      g_unlink (tmp);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          local_error->domain == AWB_DATABASE_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, local_error->domain, local_error->code,
                     _("Cannot write “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  if (n_rows)
    *n_rows = n;
  return TRUE;
}

/**
 * awb_export_file:
 *
 * See awb-export.h.  On failure (including a cancel: %G_IO_ERROR_CANCELLED)
 * @path is untouched, no temporary file is left and *@n_rows is unchanged.
 */
gboolean
awb_export_file (AwbDatabase       *db,
                 AwbTableKind       kind,
                 const char        *path,
                 AwbExportEncoding  encoding,
                 AwbExportFlags     flags,
                 GCancellable      *cancellable,
                 guint64           *n_rows,
                 GError           **error)
{
  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (kind <= AWB_TABLE_INTERACTIONS, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_to_file (db, _awb_io_table_def (kind), NULL, path, encoding, flags,
                         cancellable, n_rows, error);
}

/**
 * awb_export_clients:
 * @ids: (element-type gint64): the clients to write (clients.id), in order
 *
 * awb_export_file() of the clients @ids only, in the order given: a client
 * list as it is searched, filtered and sorted.  A client deleted since the
 * ids were taken is skipped; *@n_rows counts the rows written.
 */
gboolean
awb_export_clients (AwbDatabase       *db,
                    GArray            *ids,
                    const char        *path,
                    AwbExportEncoding  encoding,
                    AwbExportFlags     flags,
                    GCancellable      *cancellable,
                    guint64           *n_rows,
                    GError           **error)
{
  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_to_file (db, _awb_io_table_def (AWB_TABLE_CLIENTS), ids, path, encoding, flags,
                         cancellable, n_rows, error);
}
