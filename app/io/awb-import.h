/* awb-import.h: CSV import of clients, trades and interactions (spec §11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "awb-database.h"

G_BEGIN_DECLS

typedef enum {
  AWB_TABLE_CLIENTS,
  AWB_TABLE_TRADES,
  AWB_TABLE_INTERACTIONS,
} AwbTableKind;

#define AWB_IMPORT_ERROR (awb_import_error_quark ())

typedef enum {
  AWB_IMPORT_ERROR_FILE,       /* cannot read the file, or not text in a known encoding */
  AWB_IMPORT_ERROR_HEADER,     /* a required column is missing, or a column twice */
  AWB_IMPORT_ERROR_BAD_ROWS,   /* one or more rows are bad: see the message, one line each */
  AWB_IMPORT_ERROR_CANCELLED,  /* cancelled: nothing was changed */
} AwbImportError;

GQuark    awb_import_error_quark (void);

/* Imports @path into @db in one transaction: every row lands, or (any bad
 * row, cancel, crash) none does.  On success *@n_rows is the number of rows
 * imported and *@warnings (if not NULL) lists what was ignored, e.g. unknown
 * columns.  On failure the error message names the file, line, column and
 * bad value of each bad row (up to a limit).
 *
 * Details (see the notes at the top of awb-import.c):
 *  - The file may be UTF-8, UTF-8 with a BOM or GB18030 (detected), with LF
 *    or CRLF line ends and RFC 4180 quoting; columns in any order, named in
 *    English or in Chinese (spec §11).
 *  - *@n_rows counts the file's good lines that were applied: new rows,
 *    updated clients and clients already identical in the book; trades
 *    already in the book with identical content are skipped, not counted,
 *    and said so in a warning.
 *  - Warnings are full sentences, one per string, e.g.
 *    "trades.csv:1: unknown column “broker” ignored"; NULL-terminated, free
 *    with g_strfreev().  Nothing is set on failure.
 *  - Errors: AWB_IMPORT_ERROR_FILE (unreadable, or text in no known
 *    encoding), _HEADER (a required column missing, a column twice, empty
 *    file), _BAD_ROWS (one bad line per line of the message, at most 100,
 *    then "… and N more bad lines"), _CANCELLED; an AWB_DATABASE_ERROR if the
 *    book itself fails (locked, disk full).
 *  - Threads: call it from a worker thread with that thread's own
 *    AwbDatabase.  @progress is called from that thread, at most ~200 times,
 *    with fractions 0 … 1 (1 only on success); @cancellable is polled every
 *    1024 lines, and a cancel rolls back and returns _CANCELLED.
 *  - @db must not be inside a transaction.  The connection's cache size and
 *    foreign-key setting are changed for the import and restored after it. */
gboolean  awb_import_file        (AwbDatabase      *db,
                                  AwbTableKind      kind,
                                  const char       *path,
                                  AwbProgressFunc   progress,
                                  gpointer          user_data,
                                  GCancellable     *cancellable,
                                  guint64          *n_rows,
                                  GStrv            *warnings,
                                  GError          **error);

G_END_DECLS
