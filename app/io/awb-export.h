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

/* Writes every row of @kind to @path, atomically (a temporary file renamed
 * into place on success). */
gboolean  awb_export_file        (AwbDatabase       *db,
                                  AwbTableKind       kind,
                                  const char        *path,
                                  AwbExportEncoding  encoding,
                                  GCancellable      *cancellable,
                                  guint64           *n_rows,
                                  GError           **error);

G_END_DECLS
