/* awb-pack.h: many rows of a table in one compact, column-wise block
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define AWB_PACK_MAX_COLUMNS 32

/* One cell: @type is SQLITE_NULL, SQLITE_INTEGER, SQLITE_FLOAT or
 * SQLITE_TEXT (a BLOB reads as text); @s is NUL-terminated and lives as
 * long as the pack's bytes. */
typedef struct
{
  int type;
  union
  {
    gint64      i;
    double      d;
    const char *s;
  };
} AwbScanValue;

typedef struct _AwbPackBuilder AwbPackBuilder;

AwbPackBuilder *awb_pack_builder_new        (guint                n_columns,
                                             guint                capacity);
void            awb_pack_builder_free       (AwbPackBuilder      *builder);
void            awb_pack_builder_add_row    (AwbPackBuilder      *builder,
                                             const AwbScanValue  *values);
guint           awb_pack_builder_get_n_rows (AwbPackBuilder      *builder);
void            awb_pack_builder_finish     (AwbPackBuilder      *builder,
                                             GByteArray          *out);

/* Called for every row of a pack, in order; return %FALSE (with @error
 * set) to stop. */
typedef gboolean (*AwbPackRowFunc) (const AwbScanValue  *values,
                                    gpointer             user_data,
                                    GError             **error);

gboolean        awb_pack_read               (const guint8        *data,
                                             gsize                len,
                                             guint                n_rows,
                                             guint                n_columns,
                                             AwbPackRowFunc       row,
                                             gpointer             user_data,
                                             GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwbPackBuilder, awb_pack_builder_free)

G_END_DECLS
