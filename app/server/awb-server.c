/* awb-server.c: a connection to the branch's shared book on PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "awb-server.h"
#include "awb-server-private.h"

struct _AwbServer
{
  GObject  parent_instance;

  PGconn  *conn;
  char    *display_uri;
  char    *user;
};

G_DEFINE_FINAL_TYPE (AwbServer, awb_server, G_TYPE_OBJECT)

G_DEFINE_QUARK (awb-server-error-quark, awb_server_error)

static void
awb_server_finalize (GObject *object)
{
  AwbServer *self = (AwbServer *)object;

  g_clear_pointer (&self->conn, PQfinish);
  g_clear_pointer (&self->display_uri, g_free);
  g_clear_pointer (&self->user, g_free);

  G_OBJECT_CLASS (awb_server_parent_class)->finalize (object);
}

static void
awb_server_class_init (AwbServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = awb_server_finalize;
}

static void
awb_server_init (AwbServer *self)
{
}

/* The server's notices (a REVOKE of a role not granted, ...) go to the debug log, not the terminal. */
static void
log_notice (void       *data,
            const char *message)
{
  g_debug ("server: %s", message);
}

/* The connection string without its password, for messages and settings. */
static char *
display_uri_for (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;

  if (g_str_has_prefix (uri, "postgresql://") || g_str_has_prefix (uri, "postgres://"))
    {
      parsed = g_uri_parse (uri, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED, NULL);
      if (parsed != NULL)
        {
          g_autoptr(GUri) shown = g_uri_build_with_user (G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED,
                                                         g_uri_get_scheme (parsed),
                                                         g_uri_get_user (parsed), NULL,
                                                         NULL,
                                                         g_uri_get_host (parsed),
                                                         g_uri_get_port (parsed),
                                                         g_uri_get_path (parsed),
                                                         g_uri_get_query (parsed),
                                                         NULL);
          return g_uri_to_string (shown);
        }
    }
  else
    {
      /* key=value form: drop password=... */
      g_auto(GStrv) words = g_strsplit (uri, " ", -1);
      g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
      g_auto(GStrv) result = NULL;

      for (guint i = 0; words[i] != NULL; i++)
        if (!g_str_has_prefix (words[i], "password="))
          g_strv_builder_add (kept, words[i]);
      result = g_strv_builder_end (kept);
      return g_strjoinv (" ", result);
    }
  return g_strdup (uri);
}

AwbServer *
awb_server_connect (const char  *uri,
                    const char  *password,
                    GError     **error)
{
  g_autoptr(AwbServer) self = NULL;
  const char *keys[4];
  const char *values[4];
  int n = 0;

  g_return_val_if_fail (uri != NULL, NULL);

  self = g_object_new (AWB_TYPE_SERVER, NULL);
  self->display_uri = display_uri_for (uri);

  keys[n] = "dbname";           values[n++] = uri;
  if (password != NULL)
    {
      keys[n] = "password";     values[n++] = password;
    }
  keys[n] = "application_name"; values[n++] = "advisor-workbench";
  keys[n] = NULL;               values[n] = NULL;

  self->conn = PQconnectdbParams (keys, values, TRUE);
  if (self->conn == NULL || PQstatus (self->conn) != CONNECTION_OK)
    {
      g_autofree char *why = g_strdup (self->conn != NULL ? PQerrorMessage (self->conn) : "");

      g_strstrip (why);
      g_set_error (error, AWB_SERVER_ERROR, AWB_SERVER_ERROR_CONNECT,
                   /* Translators: %s is the server address, then libpq's own explanation */
                   _("Cannot connect to the branch server %s: %s"),
                   self->display_uri, why);
      return NULL;
    }

  PQsetNoticeProcessor (self->conn, log_notice, NULL);

  /* Every statement runs in UTC with ISO dates, whatever the server's defaults. */
  {
    g_autoptr(PGresult) res = PQexec (self->conn,
                                      "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD';"
                                      " SET client_encoding = 'UTF8'; SET search_path = awb, pg_catalog");
    if (PQresultStatus (res) != PGRES_COMMAND_OK)
      {
        awb_server_set_error (self, res, error);
        return NULL;
      }
  }
  {
    g_autoptr(PGresult) res = PQexec (self->conn, "SELECT session_user");
    if (PQresultStatus (res) != PGRES_TUPLES_OK)
      {
        awb_server_set_error (self, res, error);
        return NULL;
      }
    self->user = g_strdup (PQgetvalue (res, 0, 0));
  }

  return g_steal_pointer (&self);
}

PGconn *
awb_server_get_handle (AwbServer *self)
{
  g_return_val_if_fail (AWB_IS_SERVER (self), NULL);
  return self->conn;
}

const char *
awb_server_get_display_uri (AwbServer *self)
{
  g_return_val_if_fail (AWB_IS_SERVER (self), NULL);
  return self->display_uri;
}

const char *
awb_server_get_user (AwbServer *self)
{
  g_return_val_if_fail (AWB_IS_SERVER (self), NULL);
  return self->user;
}

gboolean
awb_server_set_error (AwbServer      *self,
                      const PGresult *result,
                      GError        **error)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *message = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  int code = AWB_SERVER_ERROR_FAILED;
  g_autofree char *text = NULL;

  if (message == NULL)
    message = PQerrorMessage (self->conn);
  text = g_strstrip (g_strdup (message != NULL ? message : ""));

  if (PQstatus (self->conn) != CONNECTION_OK)
    code = AWB_SERVER_ERROR_CONNECT;
  else if (state != NULL)
    {
      if (g_str_equal (state, "42501"))                 /* insufficient_privilege, RLS WITH CHECK */
        code = AWB_SERVER_ERROR_DENIED;
      else if (g_str_equal (state, "40001") || g_str_equal (state, "40P01"))
        code = AWB_SERVER_ERROR_CONFLICT;
      else if (g_str_has_prefix (state, "22") || g_str_has_prefix (state, "23"))
        code = AWB_SERVER_ERROR_INVALID;                /* data exception, constraint */
      else if (g_str_equal (state, "3F000") || g_str_equal (state, "42P01"))
        code = AWB_SERVER_ERROR_NOT_INITIALIZED;        /* no schema awb, no such table */
    }

  switch (code)
    {
    case AWB_SERVER_ERROR_CONNECT:
      g_set_error (error, AWB_SERVER_ERROR, code,
                   /* Translators: %s is the server address, then libpq's own explanation */
                   _("The connection to the branch server %s was lost: %s"),
                   self->display_uri, text);
      break;
    case AWB_SERVER_ERROR_DENIED:
      g_set_error (error, AWB_SERVER_ERROR, code,
                   /* Translators: %s is the user name, then PostgreSQL's own explanation */
                   _("The branch server does not allow this to %s: %s"),
                   self->user != NULL ? self->user : "?", text);
      break;
    case AWB_SERVER_ERROR_NOT_INITIALIZED:
      g_set_error (error, AWB_SERVER_ERROR, code,
                   /* Translators: %s is the server address */
                   _("%s holds no branch book yet: run “advisor-workbench-cli server init” first."),
                   self->display_uri);
      break;
    default:
      g_set_error (error, AWB_SERVER_ERROR, code,
                   /* Translators: %s is PostgreSQL's own explanation */
                   _("The branch server refused: %s"), text);
      break;
    }
  return FALSE;
}

gboolean
awb_server_exec (AwbServer   *self,
                 const char  *sql,
                 GError     **error)
{
  g_autoptr(PGresult) res = NULL;
  ExecStatusType status;

  g_return_val_if_fail (AWB_IS_SERVER (self), FALSE);

  res = PQexec (self->conn, sql);
  status = PQresultStatus (res);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    return awb_server_set_error (self, res, error);
  return TRUE;
}

PGresult *
awb_server_query (AwbServer          *self,
                  const char         *sql,
                  int                 n_params,
                  const char *const  *params,
                  GError            **error)
{
  g_autoptr(PGresult) res = NULL;
  ExecStatusType status;

  g_return_val_if_fail (AWB_IS_SERVER (self), NULL);

  res = PQexecParams (self->conn, sql, n_params, NULL, params, NULL, NULL, 0);
  status = PQresultStatus (res);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      awb_server_set_error (self, res, error);
      return NULL;
    }
  return g_steal_pointer (&res);
}

gboolean
awb_server_begin (AwbServer  *self,
                  GError    **error)
{
  return awb_server_exec (self, "BEGIN", error);
}

gboolean
awb_server_commit (AwbServer  *self,
                   GError    **error)
{
  return awb_server_exec (self, "COMMIT", error);
}

void
awb_server_rollback (AwbServer *self)
{
  g_autoptr(PGresult) res = NULL;

  g_return_if_fail (AWB_IS_SERVER (self));
  if (PQstatus (self->conn) == CONNECTION_OK)
    res = PQexec (self->conn, "ROLLBACK");
}

const char *
awb_server_role_to_string (AwbServerRole role)
{
  switch (role)
    {
    case AWB_SERVER_ROLE_MANAGER: return "manager";
    case AWB_SERVER_ROLE_BRANCH:  return "branch";
    case AWB_SERVER_ROLE_ADMIN:   return "admin";
    case AWB_SERVER_ROLE_NONE:
    default:                      return "none";
    }
}

gboolean
awb_server_role_from_string (const char    *s,
                             AwbServerRole *role)
{
  if (g_strcmp0 (s, "manager") == 0)
    *role = AWB_SERVER_ROLE_MANAGER;
  else if (g_strcmp0 (s, "branch") == 0)
    *role = AWB_SERVER_ROLE_BRANCH;
  else if (g_strcmp0 (s, "admin") == 0)
    *role = AWB_SERVER_ROLE_ADMIN;
  else
    return FALSE;
  return TRUE;
}

AwbServerRole
awb_server_get_role (AwbServer  *self,
                     gint64     *manager_id,
                     GError    **error)
{
  g_autoptr(PGresult) res = NULL;
  const char *role;

  if (manager_id != NULL)
    *manager_id = 0;
  res = awb_server_query (self, "SELECT awb.my_role (), coalesce (awb.my_manager_id (), 0)",
                          0, NULL, error);
  if (res == NULL)
    return AWB_SERVER_ROLE_NONE;
  role = PQgetvalue (res, 0, 0);
  if (manager_id != NULL)
    *manager_id = g_ascii_strtoll (PQgetvalue (res, 0, 1), NULL, 10);
  if (g_str_equal (role, "admin"))
    return AWB_SERVER_ROLE_ADMIN;
  if (g_str_equal (role, "branch"))
    return AWB_SERVER_ROLE_BRANCH;
  if (g_str_equal (role, "manager"))
    return AWB_SERVER_ROLE_MANAGER;
  g_set_error (error, AWB_SERVER_ERROR, AWB_SERVER_ERROR_DENIED,
               /* Translators: %s is a PostgreSQL login name */
               _("%s is not a user of this branch book: ask the administrator to run “advisor-workbench-cli server add-user”."),
               self->user);
  return AWB_SERVER_ROLE_NONE;
}

char *
awb_server_get_manager_name (AwbServer  *self,
                             gint64      manager_id,
                             GError    **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, manager_id);
  const char *params[] = { id };
  g_autoptr(PGresult) res = NULL;

  g_return_val_if_fail (AWB_IS_SERVER (self), NULL);

  res = awb_server_query (self, "SELECT name FROM awb.managers WHERE id = $1::bigint", 1, params, error);
  if (res == NULL || PQntuples (res) == 0)
    return NULL;
  return g_strdup (PQgetvalue (res, 0, 0));
}
