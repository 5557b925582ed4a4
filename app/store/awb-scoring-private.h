/* awb-scoring-private.h: the scoring run of the branch server's cache book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A book attached to a branch server refuses local runs (a run of one
 * manager's share would rank that share only).  The branch server's cache
 * book (awb-server-run.c) is attached too, but holds the whole branch
 * under a branch manager's or the administrator's login: its run is the
 * branch's, and is uploaded to the server.  Only that code calls this.
 */
#pragma once

#include "awb-scoring.h"

G_BEGIN_DECLS

/* awb_scoring_score_book, on an attached book. */
gboolean  awb_scoring_score_branch_cache (AwbDatabase            *db,
                                          const AwbScoreOptions  *options,
                                          AwbProgressFunc         progress,
                                          gpointer                progress_data,
                                          GCancellable           *cancellable,
                                          AwbScoreResult         *result,
                                          GError                **error);

G_END_DECLS
