/* awb-backup.h: a copy of the book in one file, and the book restored from it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-database.h"

G_BEGIN_DECLS

gboolean  awb_backup_write        (AwbDatabase   *db,
                                   const char    *output,
                                   GCancellable  *cancellable,
                                   GError       **error);
gboolean  awb_backup_check_file   (const char    *path,
                                   int           *schema_version,
                                   GError       **error);
gboolean  awb_backup_restore      (const char    *book_path,
                                   const char    *input,
                                   char         **kept_path,
                                   GError       **error);

G_END_DECLS
