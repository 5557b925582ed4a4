/* awb-export.c: placeholder until the exporter lands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "awb-export"

#include "config.h"

#include "awb-export.h"

gboolean
awb_export_file (AwbDatabase       *db,
                 AwbTableKind       kind,
                 const char        *path,
                 AwbExportEncoding  encoding,
                 GCancellable      *cancellable,
                 guint64           *n_rows,
                 GError           **error)
{
  g_set_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_FILE, "not implemented yet");
  return FALSE;
}
