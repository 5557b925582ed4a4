/* awb-part-file.h: files written whole through a private temporary file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A temporary file not changed for this long is stale whatever its writer. */
#define AWB_PART_FILE_STALE_SECONDS (30 * 60)
/* One whose writer process is gone is stale after this long unchanged. */
#define AWB_PART_FILE_DEAD_WRITER_SECONDS 60

int       awb_part_file_open          (const char  *path,
                                       char       **tmp_path,
                                       GError     **error);
gboolean  awb_part_file_is_part_name  (const char  *name,
                                       gint64      *pid);
guint     awb_part_file_clean_stale   (const char  *dir);
gboolean  awb_part_file_set_contents  (const char  *path,
                                       const char  *contents,
                                       gsize        length,
                                       GError     **error);

G_END_DECLS
