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
 * bad value of each bad row (up to a limit). */
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
