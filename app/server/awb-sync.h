/* awb-sync.h: a book that is a working copy of the branch book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A laptop's book can be attached to a branch server (awb-server.h).  It
 * then holds what the user may see on the server (the database decides:
 * row-level security), works offline, and syncs:
 *
 *   push  local changes recorded since the last sync (profile edits,
 *         questionnaire answers, interactions and follow-ups, audit
 *         entries), each with the value it replaced.  A field the server
 *         still holds at that old value takes the new one; a field changed
 *         on both sides to different values is a conflict: the server keeps
 *         its value, both values go to the server's audit log, and the
 *         conflict waits in the book for the user to pick
 *         (awb_sync_resolve_conflict).  Changes to different fields of one
 *         client merge.  A push that is retried after a lost answer is
 *         recognised (awb.applied) and not applied twice.
 *   pull  every row the user may see whose rev is above the book's cursor
 *         (clients, trades, interactions, settings, managers, scoring runs
 *         with their scores and dashboard aggregates), and the removals
 *         (rows deleted, clients moved to another manager).
 *
 * A sync pushes first, then pulls; each step commits on both sides only
 * when whole, so a sync cut at any moment leaves both sides consistent and
 * the next one simply runs again.
 *
 * Scoring runs on an attached book come from the server (they cover the
 * whole branch: the breakpoints are branch-wide); a run made locally would
 * rank the user's share only, so awb_sync_is_attached() books refuse local
 * runs (the CLI and the window say why).
 */
#pragma once

#include <gio/gio.h>

#include "awb-database.h"
#include "awb-server.h"

G_BEGIN_DECLS

typedef struct
{
  char          *server;          /* display URI (no password) */
  char          *user;            /* the login */
  AwbServerRole  role;
  char          *manager;         /* the manager's name, NULL for branch/admin */
  char          *last_synced_at;  /* ISO 8601 UTC of the last whole sync, NULL: never */
  gint64         cursor;          /* the highest server rev pulled */
  gint64         n_pending;       /* local changes waiting to be pushed */
  gint64         n_conflicts;     /* conflicts waiting for the user */
} AwbSyncStatus;

void      awb_sync_status_clear      (AwbSyncStatus *status);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AwbSyncStatus, awb_sync_status_clear)

typedef struct
{
  gint64 pushed;                  /* changes the server took */
  gint64 conflicts;               /* new conflicts */
  gint64 pulled;                  /* rows pulled, all tables */
  gint64 pulled_clients;
  gint64 pulled_trades;
  gint64 removed;                 /* rows dropped on the server's word */
} AwbSyncReport;

/* TRUE when @db is a working copy of a branch book. */
gboolean  awb_sync_is_attached      (AwbDatabase    *db);

/* What the window and `sync --status` show.  FALSE with @error only on a
 * read failure; an unattached book gives server == NULL. */
gboolean  awb_sync_get_status       (AwbDatabase    *db,
                                     AwbSyncStatus  *status,
                                     GError        **error);

/* Pushes, then pulls.  The first sync of an empty book attaches it to
 * @server; a book with clients of its own, or attached to another server
 * or user, is refused untouched. */
gboolean  awb_sync_run              (AwbDatabase    *db,
                                     AwbServer      *server,
                                     AwbSyncReport  *report,
                                     GCancellable   *cancellable,
                                     GError        **error);

typedef struct
{
  gint64  id;                     /* the conflict's id in the book */
  gint64  client_id;
  char   *client_name;
  char   *field;                  /* the column, e.g. "phone", "q_job" */
  char   *local_value;            /* NULL: empty */
  char   *server_value;           /* NULL: empty */
  char   *server_user;            /* who changed it on the server, if known */
} AwbSyncConflict;

void      awb_sync_conflict_free    (AwbSyncConflict *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwbSyncConflict, awb_sync_conflict_free)

/* The conflicts waiting, oldest first (a GPtrArray of AwbSyncConflict). */
GPtrArray *awb_sync_list_conflicts  (AwbDatabase    *db,
                                     GError        **error);

/* Keeps the local value (pushed at the next sync, replacing the server's)
 * or takes the server's (written into the book now).  Either way the
 * conflict is gone from the book; both values are already in the server's
 * audit log. */
gboolean  awb_sync_resolve_conflict (AwbDatabase    *db,
                                     gint64          conflict_id,
                                     gboolean        keep_local,
                                     GError        **error);

G_END_DECLS
