/* awb-export.h: CSV export of the book in the interchange format (spec §11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-import.h"

G_BEGIN_DECLS

typedef enum {
  AWB_EXPORT_UTF8_BOM,   /* UTF-8 with a byte-order mark, so Excel opens it */
  AWB_EXPORT_UTF8,       /* plain UTF-8 */
  AWB_EXPORT_GB18030,    /* what Chinese Excel writes */
} AwbExportEncoding;

/* What an export leaves out or changes; 0 is the safe default: phone and
 * ID numbers masked, text cells guarded against formulas. */
typedef enum {
  AWB_EXPORT_FLAGS_NONE        = 0,
  AWB_EXPORT_FULL_NUMBERS      = 1 << 0,  /* phone and ID numbers as stored, not masked */
  AWB_EXPORT_NO_FORMULA_GUARD  = 1 << 1,  /* text cells as stored, even "=…" */
} AwbExportFlags;

/* Writes every row of @kind to @path, atomically (a temporary file, mode
 * 0600, renamed into place on success), in the interchange format of spec
 * §11: the columns in the spec's order with English names, codes for
 * enumerations, YYYY-MM-DD dates, money with two decimals, RFC 4180 quoting
 * where needed, LF line ends.  Unless @flags say otherwise, the clients'
 * phone and ID numbers are masked (awb-mask.c) and a text cell starting
 * with = + - @ TAB or CR gets a leading apostrophe (OWASP).  With
 * AWB_EXPORT_FULL_NUMBERS | AWB_EXPORT_NO_FORMULA_GUARD, what it writes,
 * awb_import_file() reads back unchanged.  On success *@n_rows (if not NULL) is the number of rows
 * written.  On failure @path is untouched and no temporary file is left;
 * errors are G_IO_ERROR (G_IO_ERROR_CANCELLED after a cancel) or
 * AWB_DATABASE_ERROR.  May run in a worker thread on that thread's own
 * AwbDatabase. */
gboolean  awb_export_file        (AwbDatabase       *db,
                                  AwbTableKind       kind,
                                  const char        *path,
                                  AwbExportEncoding  encoding,
                                  AwbExportFlags     flags,
                                  GCancellable      *cancellable,
                                  guint64           *n_rows,
                                  GError           **error);

gboolean  awb_export_clients     (AwbDatabase       *db,
                                  GArray            *ids,
                                  const char        *path,
                                  AwbExportEncoding  encoding,
                                  AwbExportFlags     flags,
                                  GCancellable      *cancellable,
                                  guint64           *n_rows,
                                  GError           **error);

G_END_DECLS
