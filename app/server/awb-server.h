/* awb-server.h: a connection to the branch's shared book on PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The branch book lives in the schema "awb" of one PostgreSQL database.
 * Each person logs in as their own PostgreSQL role, a member of one of the
 * three group roles below; what they may read and change is decided by the
 * database (row-level security, awb-server-schema.c), never by this code.
 *
 * GTK-free, like the store: the CLI, the tests and the benchmarks use it.
 */
#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

#define AWB_SERVER_ERROR (awb_server_error_quark ())

typedef enum {
  AWB_SERVER_ERROR_CONNECT,        /* cannot reach or log in to the server */
  AWB_SERVER_ERROR_NOT_INITIALIZED,/* no branch schema: run "server init" */
  AWB_SERVER_ERROR_NEWER_SCHEMA,   /* written by a newer version: refused, untouched */
  AWB_SERVER_ERROR_DENIED,         /* the database refused: not allowed for this role */
  AWB_SERVER_ERROR_INVALID,        /* a value the server does not accept */
  AWB_SERVER_ERROR_CONFLICT,       /* a row changed under us (serialization) */
  AWB_SERVER_ERROR_FAILED,         /* any other failure */
} AwbServerError;

/* The branch schema version this build writes. */
#define AWB_SERVER_SCHEMA_VERSION 1

/* The group roles; every login is a member of exactly one. */
typedef enum {
  AWB_SERVER_ROLE_NONE = 0,        /* not a member of any: no access */
  AWB_SERVER_ROLE_MANAGER,         /* awb_manager: a relationship manager */
  AWB_SERVER_ROLE_BRANCH,          /* awb_branch: the branch manager */
  AWB_SERVER_ROLE_ADMIN,           /* awb_admin, or a superuser */
} AwbServerRole;

#define AWB_TYPE_SERVER (awb_server_get_type ())
G_DECLARE_FINAL_TYPE (AwbServer, awb_server, AWB, SERVER, GObject)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

GQuark         awb_server_error_quark      (void);

/* Connects with a libpq URI or key=value string ("postgresql://user@host/db",
 * sslmode as the server requires).  password may be NULL (then libpq's own
 * sources: PGPASSWORD, ~/.pgpass).  Does not require the schema to exist. */
AwbServer     *awb_server_connect          (const char   *uri,
                                            const char   *password,
                                            GError      **error);
PGconn        *awb_server_get_handle       (AwbServer    *self);
/* The URI as given, with any password removed: safe to show and store. */
const char    *awb_server_get_display_uri  (AwbServer    *self);
/* session_user: the login. */
const char    *awb_server_get_user         (AwbServer    *self);

/* Creates or migrates the branch schema and the three group roles (needs a
 * role that may create roles: a superuser or CREATEROLE).  Refuses a schema
 * newer than AWB_SERVER_SCHEMA_VERSION without changing anything. */
gboolean       awb_server_init_schema      (AwbServer    *self,
                                            GError      **error);
/* Checks that the schema exists and is not newer: every operation but init
 * calls it first.  Returns the version. */
int            awb_server_check_schema     (AwbServer    *self,
                                            GError      **error);

/* Creates (or updates the password and role of) a login role, a member of
 * the group of @role, and maps it to the manager @manager_name (created in
 * awb.managers if new; required for AWB_SERVER_ROLE_MANAGER). */
gboolean       awb_server_add_user         (AwbServer    *self,
                                            const char   *login,
                                            const char   *password,
                                            AwbServerRole role,
                                            const char   *manager_name,
                                            GError      **error);

/* The connected user's role and, for a relationship manager, their
 * manager's id in awb.managers (0 if none). */
AwbServerRole  awb_server_get_role         (AwbServer    *self,
                                            gint64       *manager_id,
                                            GError      **error);
/* The name of the manager @manager_id in awb.managers (as
 * awb_server_get_role gives it), or NULL: no such manager (@error unset) or
 * the query failed (@error set). */
char          *awb_server_get_manager_name (AwbServer    *self,
                                            gint64        manager_id,
                                            GError      **error);
const char    *awb_server_role_to_string   (AwbServerRole role);   /* "manager", "branch", "admin" */
gboolean       awb_server_role_from_string (const char   *s,
                                            AwbServerRole *role);

/* Runs SQL that returns no rows; errors become GErrors (see below). */
gboolean       awb_server_exec             (AwbServer    *self,
                                            const char   *sql,
                                            GError      **error);
/* Runs a parameterised statement (text parameters, NULL = SQL NULL) and
 * returns its result, or NULL with @error set. */
PGresult      *awb_server_query            (AwbServer    *self,
                                            const char   *sql,
                                            int           n_params,
                                            const char *const *params,
                                            GError      **error);
gboolean       awb_server_begin            (AwbServer    *self,
                                            GError      **error);
gboolean       awb_server_commit           (AwbServer    *self,
                                            GError      **error);
void           awb_server_rollback         (AwbServer    *self);

/* Turns a failed PGresult (or a connection failure when @result is NULL)
 * into a GError: insufficient_privilege and RLS violations become
 * AWB_SERVER_ERROR_DENIED, serialization failures CONFLICT, bad values
 * INVALID.  Always returns FALSE. */
gboolean       awb_server_set_error        (AwbServer    *self,
                                            const PGresult *result,
                                            GError      **error);

G_END_DECLS
