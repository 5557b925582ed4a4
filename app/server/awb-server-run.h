/* awb-server-run.h: imports, scoring runs and exports on the branch server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The nightly jobs of a branch (`advisor-workbench-cli import|score|export
 * --server URI`) work on a cache book: a local SQLite working copy of what
 * the job's login may see on the server (for a branch manager or the
 * administrator: the whole branch), kept up to date by awb_sync_run().  The
 * book's own code then does the work (the importer, the scoring run, the
 * exporters), and what it changed goes to the server in one transaction:
 *
 *   score   the cache is synced and scored with the book's scoring run
 *           (branch-wide: the cache holds every client); the run is
 *           uploaded with its scores (one binary COPY FROM STDIN into the
 *           run's own partition of awb.scores, each score filed under its
 *           client's manager), its dashboard aggregates and its
 *           migrations, and marked complete last, in one transaction: a cut
 *           upload leaves no half run visible.  The cache keeps the run
 *           under the server's id, and its next sync does not pull it again.
 *   import  one import at a time on the server (an advisory lock); the file
 *           is imported into the cache while SQLite's session extension
 *           records what changed, and the changes are applied to the server
 *           in one transaction.  A bad line leaves both unchanged, with the
 *           importer's own message; a server that refuses the changes
 *           leaves itself unchanged and the cache is put back (the inverted
 *           changeset).
 *   export  the cache is synced and the book's exporters write from it.
 *
 * GTK-free, like the store.
 */
#pragma once

#include <gio/gio.h>

#include "awb-database.h"
#include "awb-import.h"
#include "awb-scoring.h"
#include "awb-server.h"
#include "awb-server-copy.h"
#include "awb-sync.h"

G_BEGIN_DECLS

/* $XDG_CACHE_HOME/advisor-workbench/branch-<sha1 of the display URI and
 * the login>.sqlite: one cache per server and login. */
char        *awb_server_run_default_cache_path (AwbServer             *server);

/* Opens (creating it if need be) the cache book at @cache_path (NULL: the
 * default) and, if @sync, syncs it with @server.  @report may be NULL. */
AwbDatabase *awb_server_run_open_cache         (AwbServer             *server,
                                                const char            *cache_path,
                                                gboolean               sync,
                                                AwbSyncReport         *report,
                                                GCancellable          *cancellable,
                                                GError               **error);

/* Scores the synced @cache (from awb_server_run_open_cache) as of
 * @options and uploads the run to @server (awb_server_run_upload).
 * @result as awb_scoring_score_book's; its run_id is the run's id on the
 * server and in the cache alike. */
gboolean     awb_server_run_score              (AwbServer             *server,
                                                AwbDatabase           *cache,
                                                const AwbScoreOptions *options,
                                                AwbProgressFunc        progress,
                                                gpointer               progress_data,
                                                GCancellable          *cancellable,
                                                AwbScoreResult        *result,
                                                GError               **error);

/* Uploads the cache's run @run_id (made from a synced cache) to @server in
 * one transaction: AWB_SERVER_ERROR_DENIED for a login that may not store
 * runs (a relationship manager). */
gboolean     awb_server_run_upload             (AwbServer             *server,
                                                AwbDatabase           *cache,
                                                gint64                 run_id,
                                                GCancellable          *cancellable,
                                                GError               **error);

/* Imports @path into the synced @cache (from awb_server_run_open_cache)
 * and applies the changes to @server, all or nothing; @n_rows and
 * @warnings as awb_import_file's. */
gboolean     awb_server_run_import             (AwbServer             *server,
                                                AwbDatabase           *cache,
                                                AwbTableKind           kind,
                                                const char            *path,
                                                guint64               *n_rows,
                                                GStrv                 *warnings,
                                                GCancellable          *cancellable,
                                                GError               **error);

/* Creates the temporary table @table (dropped at the end of the server's
 * transaction: call it inside one) with @columns typed as @types, and
 * fills it with the rows of the book's @select_sql (the same columns, in
 * the same order) through one COPY … FROM STDIN (FORMAT binary). */
gboolean     awb_server_copy_book_to_temp      (AwbServer             *server,
                                                AwbDatabase           *db,
                                                const char            *select_sql,
                                                const char *const     *columns,
                                                const AwbCopyType     *types,
                                                guint                  n_columns,
                                                const char            *table,
                                                gint64                *n_rows,
                                                GCancellable          *cancellable,
                                                GError               **error);

G_END_DECLS
