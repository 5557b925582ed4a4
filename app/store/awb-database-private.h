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

/* Whether this connection may store a scoring run although the book is a
 * working copy of a branch book (awb-sync.h): off by default (a run of a
 * relationship manager's share would rank it alone).  For a program that
 * keeps a copy of the whole branch under a branch or admin login and
 * scores it for the server (awb-scoring.c, refuse_attached). */
void      _awb_database_set_local_runs_allowed (AwbDatabase *self,
                                                gboolean     allowed);
gboolean  _awb_database_get_local_runs_allowed (AwbDatabase *self);

G_END_DECLS
