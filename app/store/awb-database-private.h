/* awb-database-private.h: what only the store's own files may call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-database.h"

G_BEGIN_DECLS

/* Whether the connection fires the book's triggers: off only for a bulk
 * load (awb-bulk-load.c, which keeps what they would keep itself). */
void  _awb_database_set_triggers  (AwbDatabase  *self,
                                   gboolean      enabled);

G_END_DECLS
