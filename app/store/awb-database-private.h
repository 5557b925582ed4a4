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

/* Whether this connection keeps a copy of the whole branch for the branch
 * server's jobs (awb-server-run.c, under a branch or admin login): such a
 * connection scores and loads rows although the book is a working copy of
 * the branch book (awb-sync.h).  Off by default: a run of a relationship
 * manager's share would rank it alone, and rows loaded into a laptop's
 * working copy would bypass what a sync pushes. */
void      _awb_database_set_branch_cache (AwbDatabase *self,
                                          gboolean     enabled);
gboolean  _awb_database_is_branch_cache (AwbDatabase *self);

/* The address of the branch server the book is a working copy of, in
 * *@server, when this connection may not score or load rows of its own
 * into it; NULL there for a book of its own or a branch cache.  FALSE with
 * @error only on a read failure. */
gboolean  _awb_database_get_working_copy_server (AwbDatabase  *self,
                                                 char        **server,
                                                 GError      **error);

G_END_DECLS
