/* awb-sync.c: a book that is a working copy of the branch book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See awb-sync.h for what a sync does.  How:
 *
 *  (1) The book's side of a sync is one SQLite transaction (BEGIN
 *      IMMEDIATE: the book is locked for the sync): a sync killed at any
 *      moment leaves the book as it was.  The server's side is two
 *      transactions: the push, then the pull (REPEATABLE READ, read only).
 *      The push commits on the server before the book commits; a sync
 *      killed between the two pushes again next time, and awb.applied
 *      (keyed by this book's id and the outbox id) tells which changes the
 *      server already took and with what outcome, so none is applied twice.
 *  (2) Local changes are recorded by the book's triggers (awb-database.c,
 *      schema 5) into sync_outbox while the book is attached; the rows the
 *      sync writes itself are written with sync_pulling set, which the
 *      triggers leave alone.
 *  (3) A field is pushed with the value it replaced: the server takes the
 *      new value when it still holds the old one (or already holds the new
 *      one); otherwise it keeps its own, and both values go to awb.audit_log
 *      (field "conflict:<field>", old_value the server's, new_value the
 *      book's) and to the book's sync_conflicts.
 *  (4) An interaction created offline has a local id, max + 1 in the book,
 *      which may be an id another laptop's interaction has on the server:
 *      it is inserted on the server, which gives it an id of its identity
 *      column, and renumbered in the book (through negative ids, so two
 *      renumbered rows never meet).
 *  (5) The pull cursor.  Revs come from a sequence, so a transaction may
 *      hold rev 10 uncommitted while one holding rev 11 commits and is
 *      pulled: a cursor moved to 11 would skip 10 for ever.  So the cursor
 *      only moves up to a rev L read before the pull's snapshot was taken:
 *      every rev up to L was handed out before the snapshot, to a
 *      transaction that had then either ended (visible, pulled) or was
 *      still running, listed in the snapshot's xip.  With no writer
 *      running, the cursor becomes L; otherwise L waits in sync_state
 *      (pending_rev) with the newest of those writers (pending_xid) until
 *      a later pull's snapshot xmin is past it.  Rows pulled twice are
 *      written twice, to the same effect.
 *  (6) Removals first, then the rows: a client that left and came back is
 *      dropped, then pulled again (and a removal whose row is visible again
 *      is not applied at all).
 */
#define G_LOG_DOMAIN "awb-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>

#include "awb-server-copy.h"
#include "awb-server-private.h"
#include "awb-sync.h"

/* The columns a laptop may change and push (the outbox triggers watch the
 * same lists, awb-database.c migration 5). */
static const char *const client_fields[] = {
  "name", "gender", "birth_date", "phone", "email", "id_number", "city", "region",
  "occupation", "education", "marital_status", "children", "youngest_child_age",
  "employment", "income_band", "channel", "need_type", "q_job", "q_burden", "q_housing",
  "q_experience", "q_knowledge", "loss_tolerance_pct", "q_priority", "q_stoploss",
  "q_if_loss", "q_watching", "q_results", "assessed_on", "lowest_category",
  "loyalty_driver", "referrals", "competitor_account", "cadence_days",
  "family_stage_override", "notes", NULL
};
static const char *const interaction_fields[] = {
  "client_id", "date", "kind", "satisfaction", "notes", "follow_up_on", "done", NULL
};

static gboolean
known_field (const char *tbl,
             const char *field)
{
  const char *const *list;

  if (tbl == NULL || field == NULL)
    return FALSE;
  if (g_str_equal (tbl, "clients"))
    list = client_fields;
  else if (g_str_equal (tbl, "interactions"))
    list = interaction_fields;
  else
    return FALSE;
  return g_strv_contains (list, field);
}

void
awb_sync_status_clear (AwbSyncStatus *status)
{
  g_clear_pointer (&status->server, g_free);
  g_clear_pointer (&status->user, g_free);
  g_clear_pointer (&status->manager, g_free);
  g_clear_pointer (&status->last_synced_at, g_free);
  memset (status, 0, sizeof *status);
}

void
awb_sync_conflict_free (AwbSyncConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->client_name);
  g_free (conflict->field);
  g_free (conflict->local_value);
  g_free (conflict->server_value);
  g_free (conflict->server_user);
  g_free (conflict);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

static char *
pq_dup (const PGresult *res,
        int             row,
        int             col)
{
  return PQgetisnull (res, row, col) ? NULL : g_strdup (PQgetvalue (res, row, col));
}

gboolean
awb_sync_is_attached (AwbDatabase *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);

  stmt = awb_database_prepare (db, "SELECT 1 FROM sync_state", NULL);
  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;
}

gboolean
awb_sync_get_status (AwbDatabase    *db,
                     AwbSyncStatus  *status,
                     GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  memset (status, 0, sizeof *status);
  stmt = awb_database_prepare (db,
                               "SELECT server, user, role, manager, last_synced_at, cursor,"
                               " (SELECT count(*) FROM sync_outbox), (SELECT count(*) FROM sync_conflicts)"
                               " FROM sync_state",
                               error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return awb_database_set_error (db, rc, error);
  status->server = column_dup (stmt, 0);
  status->user = column_dup (stmt, 1);
  if (!awb_server_role_from_string ((const char *) sqlite3_column_text (stmt, 2), &status->role))
    status->role = AWB_SERVER_ROLE_NONE;
  status->manager = column_dup (stmt, 3);
  status->last_synced_at = column_dup (stmt, 4);
  status->cursor = sqlite3_column_int64 (stmt, 5);
  status->n_pending = sqlite3_column_int64 (stmt, 6);
  status->n_conflicts = sqlite3_column_int64 (stmt, 7);
  return TRUE;
}

/* ---------------------------------------------------------------- attach */

typedef struct
{
  char   *book_id;
  gint64  cursor;
  gint64  pending_rev;    /* 0: none */
  char   *pending_xid;
} SyncState;

static void
sync_state_clear (SyncState *st)
{
  g_clear_pointer (&st->book_id, g_free);
  g_clear_pointer (&st->pending_xid, g_free);
}

/* Inside the book's transaction: reads the state, or attaches an empty
 * book.  Refuses a book with clients of its own, or attached elsewhere. */
static gboolean
attach_or_check (AwbDatabase  *db,
                 AwbServer    *server,
                 SyncState    *st,
                 GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *uri = awb_server_get_display_uri (server);
  const char *user = awb_server_get_user (server);
  AwbServerRole role;
  gint64 manager_id = 0;
  g_autofree char *manager = NULL;
  int rc;

  stmt = awb_database_prepare (db, "SELECT server, user, book_id, cursor, pending_rev, pending_xid"
                                   " FROM sync_state", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *their_server = (const char *) sqlite3_column_text (stmt, 0);
      const char *their_user = (const char *) sqlite3_column_text (stmt, 1);

      if (g_strcmp0 (their_server, uri) != 0 || g_strcmp0 (their_user, user) != 0)
        {
          g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_INVALID,
                       /* Translators: the first %s pair is the server and login the book is
                        * attached to, the second the ones asked for */
                       _("This book is a working copy for %2$s on %1$s, not for %4$s on %3$s: it was left untouched. Sync it with its own server and login, or start a new book."),
                       their_server, their_user, uri, user);
          return FALSE;
        }
      st->book_id = column_dup (stmt, 2);
      st->cursor = sqlite3_column_int64 (stmt, 3);
      st->pending_rev = sqlite3_column_int64 (stmt, 4);
      st->pending_xid = column_dup (stmt, 5);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    return awb_database_set_error (db, rc, error);
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* a first sync: the book must hold no clients of its own */
  stmt = awb_database_prepare (db, "SELECT EXISTS (SELECT 1 FROM clients)", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return awb_database_set_error (db, sqlite3_errcode (awb_database_get_handle (db)), error);
  if (sqlite3_column_int (stmt, 0))
    {
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_INVALID,
                   /* Translators: %s is the server address */
                   _("This book holds clients of its own, so it cannot become a working copy of the branch book on %s: it was left untouched. Sync a new, empty book instead."),
                   uri);
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  role = awb_server_get_role (server, &manager_id, error);
  if (role == AWB_SERVER_ROLE_NONE)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, AWB_SERVER_ERROR, AWB_SERVER_ERROR_DENIED,
                     /* Translators: %s is a PostgreSQL login name */
                     _("%s is not a user of this branch book: ask the administrator to run “advisor-workbench-cli server add-user”."),
                     user);
      return FALSE;
    }
  if (manager_id > 0)
    {
      g_autoptr(GError) local_error = NULL;

      manager = awb_server_get_manager_name (server, manager_id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  st->book_id = g_uuid_string_random ();
  st->cursor = 0;
  stmt = awb_database_prepare (db, "INSERT INTO sync_state (id, server, user, role, manager, manager_id, book_id)"
                                   " VALUES (1, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uri, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, user, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, awb_server_role_to_string (role), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, manager, -1, SQLITE_TRANSIENT);
  if (manager_id > 0)
    sqlite3_bind_int64 (stmt, 5, manager_id);
  sqlite3_bind_text (stmt, 6, st->book_id, -1, SQLITE_TRANSIENT);
  return awb_database_step (db, stmt, error);
}

/* ------------------------------------------------------------------ push */

typedef struct
{
  gint64  id;
  char   *tbl;
  gint64  row_id;
  char   *field;
  char   *old_value;
  char   *new_value;
  char   *op;
} Change;

static void
change_free (gpointer data)
{
  Change *c = data;

  g_free (c->tbl);
  g_free (c->field);
  g_free (c->old_value);
  g_free (c->new_value);
  g_free (c->op);
  g_free (c);
}

typedef struct
{
  char   *tbl;
  gint64  row_id;      /* the server's id */
  gint64  client_id;
  char   *field;
  char   *local_value;
  char   *server_value;
  char   *server_user;
} NewConflict;

static void
new_conflict_free (gpointer data)
{
  NewConflict *c = data;

  g_free (c->tbl);
  g_free (c->field);
  g_free (c->local_value);
  g_free (c->server_value);
  g_free (c->server_user);
  g_free (c);
}

typedef struct
{
  AwbDatabase *db;
  AwbServer   *server;
  const char  *book_id;
  GPtrArray   *conflicts;      /* NewConflict */
  GHashTable  *renumber;       /* local interaction id -> server id (gint64 *) */
  GHashTable  *inserted_now;   /* local interaction ids inserted by this push */
  GHashTable  *gone;           /* local interaction ids that never reached the server */
  gint64       pushed;
} Push;

static char *
quote_ident (AwbServer  *server,
             const char *name)
{
  char *q = PQescapeIdentifier (awb_server_get_handle (server), name, strlen (name));
  char *copy = g_strdup (q);

  PQfreemem (q);
  return copy;
}

/* One field of one row on the server (3).  *outcome: "applied", "conflict"
 * or "gone" (the row is no longer the user's to change). */
static gboolean
push_field (Push        *p,
            const char  *cid,
            const char  *tbl,
            gint64       row_id,
            const char  *field,
            const char  *old_value,
            const char  *new_value,
            const char **outcome,
            GError     **error)
{
  g_autofree char *col = quote_ident (p->server, field);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, row_id);
  g_autofree char *sql = NULL;
  g_autoptr(PGresult) res = NULL;
  const char *server_value;
  gint64 client_id;

  sql = g_strdup_printf ("SELECT t.%s::text, %s, (SELECT a.who FROM awb.audit_log a"
                         " WHERE a.client_id = %s AND a.field = $2 ORDER BY a.id DESC LIMIT 1)"
                         " FROM awb.%s t WHERE t.id = $1::bigint FOR UPDATE",
                         col, g_str_equal (tbl, "clients") ? "t.id" : "t.client_id",
                         g_str_equal (tbl, "clients") ? "t.id" : "t.client_id", tbl);
  {
    const char *params[] = { id, field };
    res = awb_server_query (p->server, sql, 2, params, error);
  }
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 0)
    {
      *outcome = "gone";
      return TRUE;
    }
  server_value = PQgetisnull (res, 0, 0) ? NULL : PQgetvalue (res, 0, 0);
  client_id = g_ascii_strtoll (PQgetvalue (res, 0, 1), NULL, 10);

  if (g_strcmp0 (server_value, new_value) == 0)
    {
      *outcome = "applied";
      return TRUE;
    }
  if (g_strcmp0 (server_value, old_value) == 0)
    {
      g_autoptr(PGresult) upd = NULL;
      const char *params[] = { id, new_value };

      g_free (sql);
      sql = g_strdup_printf ("UPDATE awb.%s SET %s = $2 WHERE id = $1::bigint", tbl, col);
      upd = awb_server_query (p->server, sql, 2, params, error);
      if (upd == NULL)
        return FALSE;
      *outcome = "applied";
      return TRUE;
    }

  /* changed on both sides: the server keeps its value; both go to the log */
  {
    g_autofree char *client = g_strdup_printf ("%" G_GINT64_FORMAT, client_id);
    g_autofree char *log_field = g_strconcat ("conflict:", field, NULL);
    const char *params[] = { client, log_field, server_value, new_value, cid };
    g_autoptr(PGresult) ins = awb_server_query (p->server,
                                                "INSERT INTO awb.audit_log (client_id, field, old_value, new_value, origin)"
                                                " VALUES ($1::bigint, $2, $3, $4, $5) ON CONFLICT (origin) DO NOTHING",
                                                5, params, error);
    NewConflict *c;

    if (ins == NULL)
      return FALSE;
    c = g_new0 (NewConflict, 1);
    c->tbl = g_strdup (tbl);
    c->row_id = row_id;
    c->client_id = client_id;
    c->field = g_strdup (field);
    c->local_value = g_strdup (new_value);
    c->server_value = g_strdup (server_value);
    c->server_user = pq_dup (res, 0, 2);
    g_ptr_array_add (p->conflicts, c);
  }
  *outcome = "conflict";
  return TRUE;
}

/* A conflict found by an earlier attempt of this push, whose book side was
 * lost: recorded again with the server's value of now. */
static gboolean
reconflict (Push        *p,
            Change      *c,
            gint64       row_id,
            GError     **error)
{
  g_autofree char *col = quote_ident (p->server, c->field);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, row_id);
  g_autofree char *sql = g_strdup_printf ("SELECT t.%s::text, %s FROM awb.%s t WHERE t.id = $1::bigint",
                                          col, g_str_equal (c->tbl, "clients") ? "t.id" : "t.client_id",
                                          c->tbl);
  const char *params[] = { id };
  g_autoptr(PGresult) res = awb_server_query (p->server, sql, 1, params, error);
  NewConflict *nc;

  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 0)
    return TRUE;
  nc = g_new0 (NewConflict, 1);
  nc->tbl = g_strdup (c->tbl);
  nc->row_id = row_id;
  nc->client_id = g_ascii_strtoll (PQgetvalue (res, 0, 1), NULL, 10);
  nc->field = g_strdup (c->field);
  nc->local_value = g_strdup (c->new_value);
  nc->server_value = pq_dup (res, 0, 0);
  g_ptr_array_add (p->conflicts, nc);
  return TRUE;
}

static gint64 *
int64_dup (gint64 v)
{
  gint64 *p = g_new (gint64, 1);

  *p = v;
  return p;
}

static gboolean
push_interaction_insert (Push         *p,
                         Change       *c,
                         const char   *cid,
                         char        **outcome,
                         GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(PGresult) res = NULL;
  const char *params[8];
  int rc;

  stmt = awb_database_prepare (p->db, "SELECT client_id, date, kind, satisfaction, notes, follow_up_on, done"
                                      " FROM interactions WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, c->row_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      /* deleted before it was ever pushed */
      g_hash_table_add (p->gone, int64_dup (c->row_id));
      *outcome = g_strdup ("gone");
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    return awb_database_set_error (p->db, rc, error);
  for (int i = 0; i < 7; i++)
    params[i] = (const char *) sqlite3_column_text (stmt, i);
  params[7] = cid;
  /* a client no longer the user's: the interaction is not pushed (the
   * removal that is on its way drops it from the book) */
  res = awb_server_query (p->server, "SELECT 1 FROM awb.clients WHERE id = $1::bigint", 1, params, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) == 0)
    {
      g_hash_table_add (p->gone, int64_dup (c->row_id));
      *outcome = g_strdup ("gone");
      return TRUE;
    }
  g_clear_pointer (&res, PQclear);
  res = awb_server_query (p->server,
                          "INSERT INTO awb.interactions (client_id, date, kind, satisfaction, notes, follow_up_on, done, origin)"
                          " VALUES ($1::bigint, $2::integer, $3, $4::smallint, $5, $6::integer, $7::smallint, $8)"
                          " RETURNING id",
                          8, params, error);
  if (res == NULL)
    return FALSE;
  g_hash_table_insert (p->renumber, int64_dup (c->row_id),
                       int64_dup (g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10)));
  g_hash_table_add (p->inserted_now, int64_dup (c->row_id));
  *outcome = g_strdup (PQgetvalue (res, 0, 0));
  return TRUE;
}

static gboolean
push_audit_insert (Push        *p,
                   Change      *c,
                   const char  *cid,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(PGresult) res = NULL;
  const char *params[6];
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *at_text = NULL;
  int rc;

  stmt = awb_database_prepare (p->db, "SELECT client_id, field, old_value, new_value, at FROM audit_log WHERE id = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, c->row_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return awb_database_set_error (p->db, rc, error);
  for (int i = 0; i < 4; i++)
    params[i] = (const char *) sqlite3_column_text (stmt, i);
  params[4] = cid;
  /* the time of the change as the book logged it (a server-side run reads
   * when questionnaires were answered from it), if it is one */
  if (sqlite3_column_text (stmt, 4) != NULL)
    at = g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (stmt, 4), NULL);
  if (at != NULL)
    at_text = g_date_time_format_iso8601 (at);
  params[5] = at_text;
  res = awb_server_query (p->server,
                          "INSERT INTO awb.audit_log (client_id, field, old_value, new_value, origin, at)"
                          " VALUES ($1::bigint, $2, $3, $4, $5, coalesce ($6::timestamptz, now ()))"
                          " ON CONFLICT (origin) DO NOTHING",
                          6, params, error);
  return res != NULL;
}

static gint64
server_id_for (Push   *p,
               gint64  local_id)
{
  gint64 *sid = g_hash_table_lookup (p->renumber, &local_id);

  return sid != NULL ? *sid : local_id;
}

static gboolean
load_outbox (AwbDatabase  *db,
             GPtrArray    *changes,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = awb_database_prepare (db, "SELECT id, tbl, row_id, field, old_value, new_value, op"
                                   " FROM sync_outbox ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Change *c = g_new0 (Change, 1);

      c->id = sqlite3_column_int64 (stmt, 0);
      c->tbl = column_dup (stmt, 1);
      c->row_id = sqlite3_column_int64 (stmt, 2);
      c->field = column_dup (stmt, 3);
      c->old_value = column_dup (stmt, 4);
      c->new_value = column_dup (stmt, 5);
      c->op = column_dup (stmt, 6);
      g_ptr_array_add (changes, c);
    }
  if (rc != SQLITE_DONE)
    return awb_database_set_error (db, rc, error);
  return TRUE;
}

/* The book's side of a push, in the book's transaction: the outbox
 * emptied, new interactions renumbered (4), the conflicts stored. */
static gboolean
push_finish_book (Push     *p,
                  gint64    last_id,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  GHashTableIter iter;
  gpointer key, value;

  stmt = awb_database_prepare (p->db, "DELETE FROM sync_outbox WHERE id <= ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, last_id);
  if (!awb_database_step (p->db, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (g_hash_table_size (p->renumber) > 0)
    {
      g_autoptr(sqlite3_stmt) neg = awb_database_prepare (p->db, "UPDATE interactions SET id = -id WHERE id = ?", error);
      g_autoptr(sqlite3_stmt) pos = NULL;

      if (neg == NULL)
        return FALSE;
      pos = awb_database_prepare (p->db, "UPDATE interactions SET id = ? WHERE id = ?", error);
      if (pos == NULL)
        return FALSE;
      g_hash_table_iter_init (&iter, p->renumber);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          sqlite3_bind_int64 (neg, 1, *(gint64 *) key);
          if (!awb_database_step (p->db, neg, error))
            return FALSE;
          sqlite3_reset (neg);
        }
      g_hash_table_iter_init (&iter, p->renumber);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          sqlite3_bind_int64 (pos, 1, *(gint64 *) value);
          sqlite3_bind_int64 (pos, 2, -*(gint64 *) key);
          if (!awb_database_step (p->db, pos, error))
            return FALSE;
          sqlite3_reset (pos);
        }
    }

  for (guint i = 0; i < p->conflicts->len; i++)
    {
      NewConflict *c = g_ptr_array_index (p->conflicts, i);
      g_autoptr(sqlite3_stmt) upd = NULL;

      /* a newer local value of a field already in conflict replaces the
       * older one: one conflict per field */
      upd = awb_database_prepare (p->db, "UPDATE sync_conflicts SET local_value = ?, server_value = ?,"
                                         " server_user = ?, at = ? WHERE tbl = ? AND row_id = ? AND field = ?",
                                  error);
      if (upd == NULL)
        return FALSE;
      sqlite3_bind_text (upd, 1, c->local_value, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (upd, 2, c->server_value, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (upd, 3, c->server_user, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (upd, 4, at, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (upd, 5, c->tbl, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (upd, 6, c->row_id);
      sqlite3_bind_text (upd, 7, c->field, -1, SQLITE_TRANSIENT);
      if (!awb_database_step (p->db, upd, error))
        return FALSE;
      if (sqlite3_changes (awb_database_get_handle (p->db)) > 0)
        continue;
      g_clear_pointer (&upd, sqlite3_finalize);
      upd = awb_database_prepare (p->db, "INSERT INTO sync_conflicts (tbl, row_id, client_id, field,"
                                         " local_value, server_value, server_user, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                  error);
      if (upd == NULL)
        return FALSE;
      sqlite3_bind_text (upd, 1, c->tbl, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (upd, 2, c->row_id);
      sqlite3_bind_int64 (upd, 3, c->client_id);
      sqlite3_bind_text (upd, 4, c->field, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (upd, 5, c->local_value, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (upd, 6, c->server_value, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (upd, 7, c->server_user, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (upd, 8, at, -1, SQLITE_TRANSIENT);
      if (!awb_database_step (p->db, upd, error))
        return FALSE;
    }
  return TRUE;
}

/* A hook for the tests that kill a sync at a chosen point: the environment
 * variable AWB_SYNC_KILL_AT names one ("after-push-commit", ...), and the
 * process ends there at once, as if killed. */
static void
kill_point (const char *name)
{
  const char *at = g_getenv ("AWB_SYNC_KILL_AT");

  if (at != NULL && g_str_equal (at, name))
    _exit (137);
}

static gboolean
push (AwbDatabase    *db,
      AwbServer      *server,
      SyncState      *st,
      AwbSyncReport  *report,
      GError        **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (change_free);
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func (new_conflict_free);
  g_autoptr(GHashTable) renumber = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) inserted_now = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) gone = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) applied = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GString) ids = g_string_new ("{");
  Push p = { db, server, st->book_id, conflicts, renumber, inserted_now, gone, 0 };

  if (!load_outbox (db, changes, error))
    return FALSE;
  if (changes->len == 0)
    return TRUE;

  if (!awb_server_begin (server, error))
    return FALSE;

  /* what earlier attempts of this push already did */
  for (guint i = 0; i < changes->len; i++)
    {
      Change *c = g_ptr_array_index (changes, i);

      g_string_append_printf (ids, "%s%s:%" G_GINT64_FORMAT, i > 0 ? "," : "", st->book_id, c->id);
    }
  g_string_append_c (ids, '}');
  {
    const char *params[] = { ids->str };
    g_autoptr(PGresult) res = awb_server_query (server, "SELECT change_id, outcome FROM awb.applied"
                                                        " WHERE change_id = ANY ($1::text[])",
                                                1, params, error);
    if (res == NULL)
      goto fail;
    for (int r = 0; r < PQntuples (res); r++)
      g_hash_table_insert (applied, g_strdup (PQgetvalue (res, r, 0)), g_strdup (PQgetvalue (res, r, 1)));
  }

  for (guint i = 0; i < changes->len; i++)
    {
      Change *c = g_ptr_array_index (changes, i);
      g_autofree char *cid = g_strdup_printf ("%s:%" G_GINT64_FORMAT, st->book_id, c->id);
      g_autofree char *outcome = NULL;
      const char *done = g_hash_table_lookup (applied, cid);
      gboolean is_update = g_str_equal (c->op, "update");

      if (is_update && !known_field (c->tbl, c->field))
        continue;                               /* nothing this version pushes */

      if (done != NULL)
        {
          /* taken by an earlier attempt whose answer was lost */
          if (g_str_equal (c->tbl, "interactions") && g_str_equal (c->op, "insert"))
            {
              if (g_ascii_isdigit (*done))
                {
                  g_hash_table_insert (renumber, int64_dup (c->row_id),
                                       int64_dup (g_ascii_strtoll (done, NULL, 10)));
                  g_hash_table_add (inserted_now, int64_dup (c->row_id));
                }
              else
                g_hash_table_add (gone, int64_dup (c->row_id));
            }
          else if (is_update && g_str_equal (done, "conflict") &&
                   !(g_str_equal (c->tbl, "interactions") && g_hash_table_contains (inserted_now, &c->row_id)))
            {
              if (!reconflict (&p, c, g_str_equal (c->tbl, "interactions") ? server_id_for (&p, c->row_id) : c->row_id, error))
                goto fail;
            }
          continue;
        }

      if (g_str_equal (c->tbl, "clients") && is_update)
        {
          const char *o = NULL;

          if (!push_field (&p, cid, "clients", c->row_id, c->field, c->old_value, c->new_value, &o, error))
            goto fail;
          outcome = g_strdup (o);
        }
      else if (g_str_equal (c->tbl, "interactions"))
        {
          if (g_hash_table_contains (gone, &c->row_id))
            outcome = g_strdup ("gone");
          else if (g_str_equal (c->op, "insert"))
            {
              if (!push_interaction_insert (&p, c, cid, &outcome, error))
                goto fail;
            }
          else if (is_update)
            {
              const char *o = NULL;

              /* an interaction inserted by this push went with its latest values */
              if (g_hash_table_contains (inserted_now, &c->row_id))
                o = "applied";
              else if (!push_field (&p, cid, "interactions", server_id_for (&p, c->row_id), c->field,
                                    c->old_value, c->new_value, &o, error))
                goto fail;
              outcome = g_strdup (o);
            }
          else
            {
              g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, server_id_for (&p, c->row_id));
              const char *params[] = { id };
              g_autoptr(PGresult) res = awb_server_query (server, "DELETE FROM awb.interactions WHERE id = $1::bigint",
                                                          1, params, error);
              if (res == NULL)
                goto fail;
              outcome = g_strdup ("applied");
            }
        }
      else if (g_str_equal (c->tbl, "audit_log") && g_str_equal (c->op, "insert"))
        {
          if (!push_audit_insert (&p, c, cid, error))
            goto fail;
          outcome = g_strdup ("applied");
        }
      else
        continue;

      {
        const char *params[] = { cid, outcome };
        g_autoptr(PGresult) res = awb_server_query (server, "INSERT INTO awb.applied (change_id, outcome) VALUES ($1, $2)",
                                                    2, params, error);
        if (res == NULL)
          goto fail;
      }
      if (g_str_equal (outcome, "conflict"))
        report->conflicts++;
      else if (!g_str_equal (outcome, "gone"))
        report->pushed++;
    }

  kill_point ("before-push-commit");
  if (!awb_server_commit (server, error))
    goto fail;
  kill_point ("after-push-commit");

  {
    Change *last = g_ptr_array_index (changes, changes->len - 1);
    return push_finish_book (&p, last->id, error);
  }

fail:
  awb_server_rollback (server);
  return FALSE;
}

/* ------------------------------------------------------------------ pull */

typedef struct
{
  const char *name;
  AwbCopyType type;
} Column;

/* Parses "name:i name:f name:t ..." (bigint, double precision, text). */
static GArray *
parse_columns (const char *spec)
{
  g_auto(GStrv) parts = g_strsplit (spec, " ", -1);
  GArray *cols = g_array_new (FALSE, FALSE, sizeof (Column));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *colon = strrchr (parts[i], ':');
      Column c;

      if (colon == NULL)
        continue;
      *colon = '\0';
      c.name = g_intern_string (parts[i]);
      c.type = colon[1] == 'i' ? AWB_COPY_INT8 : colon[1] == 'f' ? AWB_COPY_FLOAT8 : AWB_COPY_TEXT;
      g_array_append_val (cols, c);
    }
  return cols;
}

static const char clients_spec[] =
  "id:i client_no:t name:t gender:t birth_date:i phone:t email:t id_number:t city:t region:t"
  " occupation:t education:t marital_status:t children:i youngest_child_age:i employment:t"
  " income_band:t aum:i share_of_wallet:f opened_on:i manager_id:i channel:t need_type:t"
  " q_job:i q_burden:i q_housing:i q_experience:i q_knowledge:i loss_tolerance_pct:i"
  " q_priority:i q_stoploss:i q_if_loss:i q_watching:i q_results:i assessed_on:i"
  " lowest_category:i loyalty_driver:t referrals:i competitor_account:i cadence_days:i"
  " family_stage_override:t notes:t";
static const char trades_spec[] =
  "id:i client_id:i trade_date:i commission:i amount:i product_risk:i override_signed:i"
  " side:t product_code:t trade_no:t";
static const char interactions_spec[] =
  "id:i client_id:i date:i kind:t satisfaction:i notes:t follow_up_on:i done:i";
static const char scores_spec[] =
  "run_id:i client_id:i recency_days:i frequency:i monetary:i r_score:i f_score:i m_score:i"
  " rfm_segment:i rfm_state:i tier_score:f tier:i service_group:i cadence_days:i overdue:i"
  " capital_size:i turnover_class:i dependency:f persistence:f loyalty_type:i loyalty_score:f"
  " lifecycle:i capacity:i attitude:i capacity_band:i attitude_band:i risk_level:i"
  " questionnaire_expired:i alloc_low:i alloc_mid:i alloc_high:i mismatches:i age_group:i"
  " life_stage:i family_stage:i clv:i value_tier:i first_action:i commission_12m:i";
static const char runs_spec[] = "id:i created_at:t as_of:i settings:t n_clients:i";
static const char managers_spec[] = "id:i name:t";
static const char settings_spec[] = "key:t value:t";
static const char run_stats_spec[] =
  "run_id:i manager_id:i dim:t key:t key2:t n:i aum:i commission:i monetary:i clv:i"
  " alloc_low:i alloc_mid:i alloc_high:i n_alloc:i";
static const char run_kpis_spec[] =
  "run_id:i manager_id:i n_clients:i n_scored:i n_active:i n_churn_risk:i n_mismatched:i"
  " n_overdue_follow_ups:i aum:i clv:i commission:i satisfaction_sum:i n_satisfaction:i";
static const char run_migrations_spec[] =
  "run_id:i from_run:i manager_id:i kind:t from_key:t to_key:t n:i";

/* "SELECT a::bigint, b::text ... FROM awb.tbl t WHERE where" */
static char *
select_for (GArray     *cols,
            const char *tbl,
            const char *where)
{
  GString *s = g_string_new ("SELECT ");

  for (guint i = 0; i < cols->len; i++)
    {
      Column *c = &g_array_index (cols, Column, i);

      g_string_append_printf (s, "%st.%s::%s", i > 0 ? ", " : "", c->name,
                              c->type == AWB_COPY_INT8 ? "bigint" :
                              c->type == AWB_COPY_FLOAT8 ? "double precision" : "text");
    }
  g_string_append_printf (s, " FROM awb.%s t WHERE %s", tbl, where);
  return g_string_free (s, FALSE);
}

/* "INSERT INTO tbl (cols, extra_cols) VALUES (?1.., extra_values)
 *  ON CONFLICT (key) DO UPDATE SET col = excluded.col, ..." */
static char *
upsert_for (GArray     *cols,
            const char *tbl,
            const char *key,
            const char *extra_cols,
            const char *extra_values)
{
  GString *s = g_string_new (NULL);
  guint i;

  g_string_append_printf (s, "INSERT INTO %s (", tbl);
  for (i = 0; i < cols->len; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", g_array_index (cols, Column, i).name);
  if (extra_cols != NULL)
    g_string_append_printf (s, ", %s", extra_cols);
  g_string_append (s, ") VALUES (");
  for (i = 0; i < cols->len; i++)
    g_string_append_printf (s, "%s?%u", i > 0 ? ", " : "", i + 1);
  if (extra_values != NULL)
    g_string_append_printf (s, ", %s", extra_values);
  g_string_append_printf (s, ") ON CONFLICT (%s) DO UPDATE SET ", key);
  for (i = 0; i < cols->len; i++)
    {
      const char *name = g_array_index (cols, Column, i).name;

      g_string_append_printf (s, "%s%s = excluded.%s", i > 0 ? ", " : "", name, name);
    }
  if (extra_cols != NULL)
    {
      g_auto(GStrv) extra = g_strsplit (extra_cols, ",", -1);

      for (i = 0; extra[i] != NULL; i++)
        {
          g_strstrip (extra[i]);
          g_string_append_printf (s, ", %s = excluded.%s", extra[i], extra[i]);
        }
    }
  return g_string_free (s, FALSE);
}

static gboolean
copy_table (AwbServer     *server,
            AwbDatabase   *db,
            const char    *spec,
            const char    *server_tbl,
            const char    *where,
            const char    *insert_sql_or_null,
            const char    *local_tbl,
            const char    *key,
            const char    *extra_cols,
            const char    *extra_values,
            gint64        *n_rows,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GArray) cols = parse_columns (spec);
  g_autofree char *select = select_for (cols, server_tbl, where);
  g_autofree char *insert = insert_sql_or_null != NULL ? g_strdup (insert_sql_or_null)
                                                       : upsert_for (cols, local_tbl, key, extra_cols, extra_values);
  g_autofree AwbCopyType *types = g_new (AwbCopyType, cols->len);

  for (guint i = 0; i < cols->len; i++)
    types[i] = g_array_index (cols, Column, i).type;
  return awb_server_copy_to_book (server, select, types, cols->len, db, insert, n_rows, cancellable, error);
}

static gboolean
exec_bound (AwbDatabase  *db,
            const char   *sql,
            gint64        value,
            gint64       *changes,
            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, value);
  if (!awb_database_step (db, stmt, error))
    return FALSE;
  if (changes != NULL)
    *changes += sqlite3_changes (awb_database_get_handle (db));
  return TRUE;
}

/* The runs a book takes: the newest complete ones (a run is complete once
 * every score is stored); older ones pulled before stay in the book. */
#define SYNC_RUNS_PULLED "3"
#define LATEST_RUNS "(SELECT r.id FROM awb.scoring_runs r WHERE r.complete ORDER BY r.id DESC LIMIT " SYNC_RUNS_PULLED ")"

static gboolean
pull (AwbDatabase    *db,
      AwbServer      *server,
      SyncState      *st,
      AwbSyncReport  *report,
      GCancellable   *cancellable,
      GError        **error)
{
  g_autofree char *cursor = g_strdup_printf ("%" G_GINT64_FORMAT, st->cursor);
  g_autofree char *where = NULL;
  g_autofree char *scores_where = NULL;
  g_autofree char *scores_insert = NULL;
  g_autoptr(PGresult) res = NULL;
  g_autoptr(GArray) run_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) held = g_string_new (NULL);   /* runs the book holds: scores not pulled again */
  gint64 last_rev, new_cursor, n;
  gboolean writers;
  char *xmin, *max_xip;

  /* (5): the rev handed out last, read before the snapshot */
  res = awb_server_query (server, "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM awb.rev",
                          0, NULL, error);
  if (res == NULL)
    return FALSE;
  last_rev = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  g_clear_pointer (&res, PQclear);

  if (!awb_server_exec (server, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error))
    return FALSE;
  res = awb_server_query (server,
                          "SELECT pg_snapshot_xmin (s)::text,"
                          " (SELECT max (x::text::numeric) FROM pg_snapshot_xip (s) x)::text"
                          " FROM pg_current_snapshot () s",
                          0, NULL, error);
  if (res == NULL)
    goto fail;
  xmin = PQgetvalue (res, 0, 0);
  max_xip = PQgetisnull (res, 0, 1) ? NULL : PQgetvalue (res, 0, 1);
  writers = max_xip != NULL;
  new_cursor = st->cursor;
  if (st->pending_rev > 0 && st->pending_xid != NULL &&
      g_ascii_strtoull (xmin, NULL, 10) > g_ascii_strtoull (st->pending_xid, NULL, 10))
    {
      new_cursor = MAX (new_cursor, st->pending_rev);
      st->pending_rev = 0;
      g_clear_pointer (&st->pending_xid, g_free);
    }
  if (!writers)
    {
      new_cursor = MAX (new_cursor, last_rev);
      st->pending_rev = 0;
      g_clear_pointer (&st->pending_xid, g_free);
    }
  else if (st->pending_rev == 0)
    {
      st->pending_rev = last_rev;
      st->pending_xid = g_strdup (max_xip);
    }
  g_clear_pointer (&res, PQclear);

  if (!awb_database_exec (db, "INSERT OR IGNORE INTO sync_pulling (id) VALUES (1)", error))
    goto fail;

  /* (6) removals: rows deleted, clients gone to another manager */
  if (!awb_database_exec (db, "CREATE TEMP TABLE IF NOT EXISTS sync_removed (tbl TEXT, row_id INTEGER);"
                              "DELETE FROM temp.sync_removed", error))
    goto fail;
  where = g_strdup_printf ("t.rev > %s AND NOT (t.tbl = 'clients' AND EXISTS (SELECT 1 FROM awb.clients c WHERE c.id = t.row_id))"
                           " AND NOT (t.tbl = 'interactions' AND EXISTS (SELECT 1 FROM awb.interactions i WHERE i.id = t.row_id))",
                           cursor);
  if (!copy_table (server, db, "tbl:t row_id:i", "removals", where,
                   "INSERT INTO temp.sync_removed (tbl, row_id) VALUES (?1, ?2)", NULL, NULL, NULL, NULL,
                   &n, cancellable, error))
    goto fail;
  if (n > 0)
    {
      gint64 removed = 0;

      if (!exec_bound (db, "DELETE FROM scores WHERE client_id IN (SELECT row_id FROM temp.sync_removed WHERE tbl = 'clients')",
                       0, NULL, error) ||
          !exec_bound (db, "DELETE FROM trades WHERE client_id IN (SELECT row_id FROM temp.sync_removed WHERE tbl = 'clients')",
                       0, &removed, error) ||
          !exec_bound (db, "DELETE FROM interactions WHERE client_id IN (SELECT row_id FROM temp.sync_removed WHERE tbl = 'clients')"
                           " OR id IN (SELECT row_id FROM temp.sync_removed WHERE tbl = 'interactions')",
                       0, &removed, error) ||
          !exec_bound (db, "DELETE FROM audit_log WHERE client_id IN (SELECT row_id FROM temp.sync_removed WHERE tbl = 'clients')",
                       0, NULL, error) ||
          !exec_bound (db, "DELETE FROM sync_conflicts WHERE client_id IN (SELECT row_id FROM temp.sync_removed WHERE tbl = 'clients')",
                       0, NULL, error) ||
          !exec_bound (db, "DELETE FROM clients WHERE id IN (SELECT row_id FROM temp.sync_removed WHERE tbl = 'clients')",
                       0, &removed, error))
        goto fail;
      report->removed += removed;
    }

  g_free (where);
  where = g_strdup_printf ("t.rev > %s", cursor);
  kill_point ("pull-start");

  if (!copy_table (server, db, managers_spec, "managers", where, NULL, "managers", "id", NULL, NULL,
                   &n, cancellable, error))
    goto fail;
  report->pulled += n;
  if (!copy_table (server, db, settings_spec, "settings", where, NULL, "settings", "key", NULL, NULL,
                   &n, cancellable, error))
    goto fail;
  report->pulled += n;
  if (!copy_table (server, db, clients_spec, "clients", where, NULL, "clients", "id",
                   "name_key, pinyin", "awb_name_key (?3), awb_name_pinyin (?3)",
                   &n, cancellable, error))
    goto fail;
  report->pulled += n;
  report->pulled_clients += n;
  kill_point ("pull-clients");
  if (!copy_table (server, db, trades_spec, "trades", where, NULL, "trades", "id", NULL, NULL,
                   &n, cancellable, error))
    goto fail;
  report->pulled += n;
  report->pulled_trades += n;
  kill_point ("pull-trades");
  if (!copy_table (server, db, interactions_spec, "interactions", where, NULL, "interactions", "id", NULL, NULL,
                   &n, cancellable, error))
    goto fail;
  report->pulled += n;

  /* scoring runs, once complete, with their scores and aggregates */
  {
    const char *params[] = { cursor };

    res = awb_server_query (server, "SELECT id, rev FROM awb.scoring_runs WHERE complete AND rev > $1::bigint"
                            " AND id IN " LATEST_RUNS " ORDER BY id",
                            1, params, error);
    if (res == NULL)
      goto fail;
    for (int r = 0; r < PQntuples (res); r++)
      {
        gint64 id = g_ascii_strtoll (PQgetvalue (res, r, 0), NULL, 10);
        g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db, "SELECT 1 FROM scoring_runs WHERE id = ?1", error);
        int rc;

        if (stmt == NULL)
          goto fail;
        sqlite3_bind_int64 (stmt, 1, id);
        rc = sqlite3_step (stmt);
        if (rc == SQLITE_ROW)
          {
            /* a run the book holds already: the branch server's cache book
             * made it and uploaded it (awb-server-run.c).  Only its scores
             * changed since the upload (rev above the run's own) come. */
            g_string_append_printf (held, " OR (t.run_id = %" G_GINT64_FORMAT " AND t.rev <= %s)",
                                    id, PQgetvalue (res, r, 1));
            continue;
          }
        if (rc != SQLITE_DONE)
          {
            awb_database_set_error (db, rc, error);
            goto fail;
          }
        g_array_append_val (run_ids, id);
      }
    g_clear_pointer (&res, PQclear);
  }
  g_free (where);
  where = g_strdup_printf ("t.complete AND t.rev > %s AND t.id IN " LATEST_RUNS, cursor);
  if (!copy_table (server, db, runs_spec, "scoring_runs", where, NULL, "scoring_runs", "id", NULL, NULL,
                   &n, cancellable, error))
    goto fail;
  report->pulled += n;
  for (guint i = 0; i < run_ids->len; i++)
    {
      gint64 id = g_array_index (run_ids, gint64, i);
      g_autofree char *run_where = g_strdup_printf ("t.run_id = %" G_GINT64_FORMAT, id);

      if (!exec_bound (db, "DELETE FROM scores WHERE id >= (?1 << 32) AND id < ((?1 + 1) << 32)", id, NULL, error) ||
          !exec_bound (db, "DELETE FROM run_stats WHERE run_id = ?1", id, NULL, error) ||
          !exec_bound (db, "DELETE FROM run_kpis WHERE run_id = ?1", id, NULL, error) ||
          !exec_bound (db, "DELETE FROM run_migrations WHERE run_id = ?1", id, NULL, error))
        goto fail;
      if (!copy_table (server, db, run_stats_spec, "run_stats", run_where, NULL, "run_stats",
                       "run_id, manager_id, dim, key, key2", NULL, NULL, &n, cancellable, error))
        goto fail;
      report->pulled += n;
      if (!copy_table (server, db, run_kpis_spec, "run_kpis", run_where, NULL, "run_kpis",
                       "run_id, manager_id", NULL, NULL, &n, cancellable, error))
        goto fail;
      report->pulled += n;
      if (!copy_table (server, db, run_migrations_spec, "run_migrations", run_where, NULL, "run_migrations",
                       "run_id, from_run, manager_id, kind, from_key, to_key", NULL, NULL, &n, cancellable, error))
        goto fail;
      report->pulled += n;
    }
  {
    g_autoptr(GArray) cols = parse_columns (scores_spec);
    GString *s = g_string_new ("INSERT OR REPLACE INTO scores (id");

    for (guint i = 2; i < cols->len; i++)
      g_string_append_printf (s, ", %s", g_array_index (cols, Column, i).name);
    g_string_append (s, ") VALUES ((?1 << 32) | ?2");
    for (guint i = 2; i < cols->len; i++)
      g_string_append_printf (s, ", ?%u", i + 1);
    g_string_append_c (s, ')');
    scores_insert = g_string_free (s, FALSE);
  }
  scores_where = g_strdup_printf ("t.run_id IN " LATEST_RUNS
                                  " AND (t.rev > %s OR t.run_id IN (SELECT r.id FROM awb.scoring_runs r"
                                  " WHERE r.complete AND r.rev > %s)) AND NOT (false%s)",
                                  cursor, cursor, held->str);
  if (!copy_table (server, db, scores_spec, "scores", scores_where, scores_insert, NULL, NULL, NULL, NULL,
                   &n, cancellable, error))
    goto fail;
  report->pulled += n;
  kill_point ("pull-end");

  /* the read-only transaction has nothing to commit */
  awb_server_rollback (server);

  if (!awb_database_exec (db, "DELETE FROM sync_pulling", error))
    return FALSE;
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

    stmt = awb_database_prepare (db, "UPDATE sync_state SET cursor = ?, pending_rev = ?, pending_xid = ?,"
                                     " last_synced_at = ?", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, new_cursor);
    if (st->pending_rev > 0)
      sqlite3_bind_int64 (stmt, 2, st->pending_rev);
    sqlite3_bind_text (stmt, 3, st->pending_xid, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 4, at, -1, SQLITE_TRANSIENT);
    if (!awb_database_step (db, stmt, error))
      return FALSE;
    st->cursor = new_cursor;
  }
  return TRUE;

fail:
  awb_server_rollback (server);
  return FALSE;
}

gboolean
awb_sync_run (AwbDatabase    *db,
              AwbServer      *server,
              AwbSyncReport  *report,
              GCancellable   *cancellable,
              GError        **error)
{
  SyncState st = { 0 };
  AwbSyncReport local = { 0 };
  gboolean ok;

  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (AWB_IS_SERVER (server), FALSE);

  if (report == NULL)
    report = &local;
  memset (report, 0, sizeof *report);

  if (awb_server_check_schema (server, error) < 0)
    return FALSE;
  if (!awb_database_begin (db, error))
    return FALSE;
  ok = attach_or_check (db, server, &st, error) &&
       push (db, server, &st, report, error) &&
       !g_cancellable_set_error_if_cancelled (cancellable, error) &&
       pull (db, server, &st, report, cancellable, error);
  kill_point ("before-book-commit");
  if (ok)
    ok = awb_database_commit (db, error);
  else
    awb_database_rollback (db);
  sync_state_clear (&st);
  return ok;
}

/* ------------------------------------------------------------- conflicts */

GPtrArray *
awb_sync_list_conflicts (AwbDatabase  *db,
                         GError      **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) awb_sync_conflict_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);

  stmt = awb_database_prepare (db, "SELECT k.id, k.client_id, c.name, k.field, k.local_value, k.server_value,"
                                   " k.server_user FROM sync_conflicts k LEFT JOIN clients c ON c.id = k.client_id"
                                   " ORDER BY k.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AwbSyncConflict *c = g_new0 (AwbSyncConflict, 1);

      c->id = sqlite3_column_int64 (stmt, 0);
      c->client_id = sqlite3_column_int64 (stmt, 1);
      c->client_name = column_dup (stmt, 2);
      c->field = column_dup (stmt, 3);
      c->local_value = column_dup (stmt, 4);
      c->server_value = column_dup (stmt, 5);
      c->server_user = column_dup (stmt, 6);
      g_ptr_array_add (list, c);
    }
  if (rc != SQLITE_DONE)
    {
      awb_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

gboolean
awb_sync_resolve_conflict (AwbDatabase  *db,
                           gint64        conflict_id,
                           gboolean      keep_local,
                           GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) upd = NULL;
  g_autofree char *tbl = NULL;
  g_autofree char *field = NULL;
  g_autofree char *sql = NULL;
  gint64 row_id;
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);

  if (!awb_database_begin (db, error))
    return FALSE;
  stmt = awb_database_prepare (db, "SELECT tbl, row_id, field, local_value, server_value FROM sync_conflicts"
                                   " WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, conflict_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, conflict_id);

      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_FOUND,
                   /* Translators: %s is a number */
                   _("There is no conflict %s in this book: list them with “sync --conflicts”."),
                   number);
      goto fail;
    }
  if (rc != SQLITE_ROW)
    {
      awb_database_set_error (db, rc, error);
      goto fail;
    }
  tbl = column_dup (stmt, 0);
  row_id = sqlite3_column_int64 (stmt, 1);
  field = column_dup (stmt, 2);
  if (!known_field (tbl, field))
    {
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_INVALID,
                   _("This conflict names a field this version does not know: it was left as it is."));
      goto fail;
    }
  /* keep the server's: written quietly (the server has it already);
   * keep the book's: written as an edit, pushed at the next sync */
  if (!keep_local && !awb_database_exec (db, "INSERT OR IGNORE INTO sync_pulling (id) VALUES (1)", error))
    goto fail;
  sql = g_strdup_printf ("UPDATE %s SET %s = ? WHERE id = ?", tbl, field);
  upd = awb_database_prepare (db, sql, error);
  if (upd == NULL)
    goto fail;
  sqlite3_bind_value (upd, 1, sqlite3_column_value (stmt, keep_local ? 3 : 4));
  sqlite3_bind_int64 (upd, 2, row_id);
  if (!awb_database_step (db, upd, error))
    goto fail;
  if (!keep_local && !awb_database_exec (db, "DELETE FROM sync_pulling", error))
    goto fail;
  if (!exec_bound (db, "DELETE FROM sync_conflicts WHERE id = ?", conflict_id, NULL, error))
    goto fail;
  return awb_database_commit (db, error);

fail:
  awb_database_rollback (db);
  return FALSE;
}
