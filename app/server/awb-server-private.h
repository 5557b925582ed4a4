/* awb-server-private.h: what the server's own files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-server.h"

G_BEGIN_DECLS

/* The column lists of the tables a book and the branch share, in the order
 * both sides use for COPY (awb-server-schema.c). */
extern const char awb_server_clients_columns[];
extern const char awb_server_trades_columns[];
extern const char awb_server_interactions_columns[];
extern const char awb_server_scores_columns[];

G_END_DECLS
