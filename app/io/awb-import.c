/* awb-import.c: placeholder until the importer lands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "awb-import"

#include "config.h"

#include "awb-import.h"

G_DEFINE_QUARK (awb-import-error-quark, awb_import_error)

gboolean
awb_import_file (AwbDatabase      *db,
                 AwbTableKind      kind,
                 const char       *path,
                 AwbProgressFunc   progress,
                 gpointer          user_data,
                 GCancellable     *cancellable,
                 guint64          *n_rows,
                 GStrv            *warnings,
                 GError          **error)
{
  g_set_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_FILE, "not implemented yet");
  return FALSE;
}
