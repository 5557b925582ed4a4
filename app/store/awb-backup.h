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
                                   const char    *passphrase,
                                   char         **kept_path,
                                   GError       **error);

gboolean  awb_backup_can_encrypt  (void);
gboolean  awb_backup_is_encrypted (const char    *path);
gboolean  awb_backup_write_encrypted (AwbDatabase   *db,
                                   const char    *output,
                                   const char    *passphrase,
                                   GCancellable  *cancellable,
                                   GError       **error);

G_END_DECLS
