/* awb-bulk-load.h: writing many rows into a book at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-database.h"

G_BEGIN_DECLS

typedef enum
{
  AWB_BULK_LOAD_DEFAULT         = 0,
  /* existing clients rows are updated, not only new ones appended */
  AWB_BULK_LOAD_UPDATES_CLIENTS = 1 << 0,
  /* the book holds no client yet (a generated demo branch): the whole
   * load is one transaction that nothing else reads, so the connection
   * may skip CHECK constraints and syncing until the commit */
  AWB_BULK_LOAD_EMPTY_BOOK      = 1 << 1,
} AwbBulkLoadFlags;

typedef struct _AwbBulkLoad AwbBulkLoad;

AwbBulkLoad *awb_bulk_load_begin        (AwbDatabase        *db,
                                         AwbBulkLoadFlags    flags,
                                         GError            **error);
gboolean     awb_bulk_load_expect_rows  (AwbBulkLoad        *load,
                                         const char         *table,
                                         gint64              n_rows,
                                         GError            **error);
gboolean     awb_bulk_load_commit       (AwbBulkLoad        *load,
                                         GError            **error);
void         awb_bulk_load_rollback     (AwbBulkLoad        *load);

G_END_DECLS
