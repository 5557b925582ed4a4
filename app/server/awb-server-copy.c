/* awb-server-copy.c: reading a branch table into a book with binary COPY
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The binary COPY stream (PostgreSQL's documentation, "COPY", "Binary
 * Format"): an 11-byte signature, a 32-bit flags word and a 32-bit header
 * extension length (and that many bytes); then per row a 16-bit field
 * count followed, per field, by a 32-bit length (-1: NULL) and that many
 * bytes; a field count of -1 ends the stream.  Every integer is big-endian;
 * bigint is 8 bytes, double precision an 8-byte IEEE 754 value, text the
 * UTF-8 bytes.  libpq hands the stream over in CopyData messages that need
 * not line up with rows (the header comes with the first row), so the
 * decoder works on a buffer and keeps what is left of a row for the next
 * message.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "awb-server-copy.h"

static const char signature[11] = "PGCOPY\n\377\r\n";   /* and its final NUL */

static guint32
read_u32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint64
read_u64 (const guint8 *p)
{
  return ((guint64) read_u32 (p) << 32) | read_u32 (p + 4);
}

/* Reads what is left of the stream and the command's results, so the
 * connection is ready for the next statement after a failure here. */
static void
drain (PGconn   *conn,
       gboolean  cancel)
{
  char *buf = NULL;
  PGresult *res;

  if (cancel)
    {
      PGcancel *c = PQgetCancel (conn);
      char errbuf[256];

      if (c != NULL)
        {
          PQcancel (c, errbuf, sizeof errbuf);
          PQfreeCancel (c);
        }
    }
  while (PQgetCopyData (conn, &buf, 0) > 0)
    {
      PQfreemem (buf);
      buf = NULL;
    }
  while ((res = PQgetResult (conn)) != NULL)
    PQclear (res);
}

static gboolean
stream_error (AwbServer  *server,
              GError    **error)
{
  g_set_error (error, AWB_SERVER_ERROR, AWB_SERVER_ERROR_FAILED,
               _("The branch server sent rows this version cannot read."));
  (void) server;
  return FALSE;
}

gboolean
awb_server_copy_to_book (AwbServer          *server,
                         const char         *select_sql,
                         const AwbCopyType  *types,
                         guint               n_columns,
                         AwbDatabase        *db,
                         const char         *insert_sql,
                         gint64             *n_rows,
                         GCancellable       *cancellable,
                         GError            **error)
{
  PGconn *conn;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GByteArray) buf = NULL;
  g_autofree char *copy_sql = NULL;
  g_autoptr(PGresult) res = NULL;
  gsize pos = 0;             /* the next undecoded byte of buf */
  gboolean header_done = FALSE;
  gboolean trailer = FALSE;
  gint64 rows = 0;

  g_return_val_if_fail (AWB_IS_SERVER (server), FALSE);
  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (n_columns > 0 && n_columns < 32768, FALSE);

  if (n_rows != NULL)
    *n_rows = 0;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  stmt = awb_database_prepare (db, insert_sql, error);
  if (stmt == NULL)
    return FALSE;
  g_return_val_if_fail ((guint) sqlite3_bind_parameter_count (stmt) == n_columns, FALSE);

  conn = awb_server_get_handle (server);
  copy_sql = g_strdup_printf ("COPY (%s) TO STDOUT (FORMAT binary)", select_sql);
  res = PQexec (conn, copy_sql);
  if (PQresultStatus (res) != PGRES_COPY_OUT)
    return awb_server_set_error (server, res, error);
  g_clear_pointer (&res, PQclear);

  buf = g_byte_array_new ();
  for (;;)
    {
      char *chunk = NULL;
      int len = PQgetCopyData (conn, &chunk, 0);

      if (len == -1)
        break;                                  /* the stream ended: the result follows */
      if (len < 0)
        {
          while ((res = PQgetResult (conn)) != NULL && PQresultStatus (res) != PGRES_FATAL_ERROR)
            g_clear_pointer (&res, PQclear);
          awb_server_set_error (server, res, error);
          g_clear_pointer (&res, PQclear);
          drain (conn, FALSE);
          return FALSE;
        }
      if (trailer)
        {
          PQfreemem (chunk);
          continue;
        }
      /* drop what was decoded, then append */
      if (pos > 0)
        {
          g_byte_array_remove_range (buf, 0, (guint) pos);
          pos = 0;
        }
      g_byte_array_append (buf, (const guint8 *) chunk, (guint) len);
      PQfreemem (chunk);

      if (!header_done)
        {
          guint32 ext;

          if (buf->len < 19)
            continue;
          if (memcmp (buf->data, signature, 11) != 0)
            {
              drain (conn, TRUE);
              return stream_error (server, error);
            }
          ext = read_u32 (buf->data + 15);
          if (buf->len < 19 + ext)
            continue;
          pos = 19 + ext;
          header_done = TRUE;
        }

      /* every whole row in the buffer */
      while (!trailer)
        {
          const guint8 *p = buf->data + pos;
          gsize avail = buf->len - pos;
          gsize off = 2;
          gint16 n_fields;
          guint i;
          int rc;

          if (avail < 2)
            break;
          n_fields = (gint16) (((guint16) p[0] << 8) | p[1]);
          if (n_fields == -1)
            {
              trailer = TRUE;
              pos = buf->len;
              break;
            }
          if (n_fields != (gint16) n_columns)
            {
              drain (conn, TRUE);
              return stream_error (server, error);
            }
          /* is the whole row here? */
          for (i = 0; i < n_columns; i++)
            {
              gint32 flen;

              if (avail < off + 4)
                break;
              flen = (gint32) read_u32 (p + off);
              off += 4;
              if (flen > 0)
                {
                  if (avail < off + (gsize) flen)
                    break;
                  off += (gsize) flen;
                }
            }
          if (i < n_columns)
            break;                              /* wait for the rest */

          off = 2;
          for (i = 0; i < n_columns; i++)
            {
              gint32 flen = (gint32) read_u32 (p + off);
              int col = (int) i + 1;

              off += 4;
              if (flen < 0)
                rc = sqlite3_bind_null (stmt, col);
              else
                {
                  switch (types[i])
                    {
                    case AWB_COPY_INT8:
                      if (flen != 8)
                        goto bad;
                      rc = sqlite3_bind_int64 (stmt, col, (sqlite3_int64) read_u64 (p + off));
                      break;
                    case AWB_COPY_FLOAT8:
                      {
                        guint64 bits;
                        double d;

                        if (flen != 8)
                          goto bad;
                        bits = read_u64 (p + off);
                        memcpy (&d, &bits, sizeof d);
                        rc = sqlite3_bind_double (stmt, col, d);
                      }
                      break;
                    case AWB_COPY_TEXT:
                    default:
                      rc = sqlite3_bind_text (stmt, col, (const char *) p + off, flen, SQLITE_STATIC);
                      break;
                    }
                  off += (gsize) flen;
                }
              if (rc != SQLITE_OK)
                goto sqlite_fail;
            }
          rc = sqlite3_step (stmt);
          if (rc != SQLITE_DONE)
            goto sqlite_fail;
          sqlite3_reset (stmt);
          sqlite3_clear_bindings (stmt);
          pos += off;
          rows++;

          if ((rows & 4095) == 0 && g_cancellable_is_cancelled (cancellable))
            {
              drain (conn, TRUE);
              g_cancellable_set_error_if_cancelled (cancellable, error);
              return FALSE;
            }
          continue;

        sqlite_fail:
          {
            int ext_rc = sqlite3_extended_errcode (awb_database_get_handle (db));

            sqlite3_reset (stmt);
            drain (conn, TRUE);
            return awb_database_set_error (db, ext_rc != SQLITE_OK ? ext_rc : rc, error);
          }
        bad:
          drain (conn, TRUE);
          return stream_error (server, error);
        }
    }

  /* the command's own result: an error here (a statement that failed
   * half-way) is the error of the whole copy */
  {
    gboolean ok = TRUE;

    while ((res = PQgetResult (conn)) != NULL)
      {
        if (ok && PQresultStatus (res) != PGRES_COMMAND_OK)
          {
            awb_server_set_error (server, res, error);
            ok = FALSE;
          }
        g_clear_pointer (&res, PQclear);
      }
    if (!ok)
      return FALSE;
  }
  if (!trailer)
    return stream_error (server, error);

  if (n_rows != NULL)
    *n_rows = rows;
  return TRUE;
}
