/* awb-server-account.c: this computer's account on the branch server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The branch server's address (a libpq URI such as
 * "postgresql://branch.example.com/awb?sslmode=require", a key=value
 * string, or a bare host name) and the user's login are preferences of
 * this computer (GSettings keys server-address and server-user); the
 * password lives in the GNOME keyring through libsecret (schema
 * io.github.advisorworkbench.Workbench.Server, attributes server and
 * user), never in the settings or the book.  TLS is whatever the address
 * asks for: libpq's default sslmode is "prefer", and a user whose server
 * requires TLS types sslmode=require in the URI.
 *
 * awb_server_connect() has no connect timeout of its own, so the conninfo
 * built here adds connect_timeout=10 (unless the address sets one): an
 * unreachable server fails after ten seconds instead of hanging a sync.
 *
 * GTK-free: the preferences window and the main window use it, and so does
 * its unit test (tests/gui/test-server-account.c).
 */
#define G_LOG_DOMAIN "awb-server-account"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "awb-server-account.h"

struct _AwbServerAccount
{
  GObject  parent_instance;

  char    *address;
  char    *user;
};

G_DEFINE_FINAL_TYPE (AwbServerAccount, awb_server_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ADDRESS,
  PROP_USER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const SecretSchema *
awb_server_account_get_secret_schema (void)
{
  static const SecretSchema schema = {
    "io.github.advisorworkbench.Workbench.Server", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

static void
awb_server_account_finalize (GObject *object)
{
  AwbServerAccount *self = (AwbServerAccount *)object;

  g_free (self->address);
  g_free (self->user);

  G_OBJECT_CLASS (awb_server_account_parent_class)->finalize (object);
}

static void
awb_server_account_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AwbServerAccount *self = AWB_SERVER_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_server_account_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AwbServerAccount *self = AWB_SERVER_ACCOUNT (object);
  const char *s = g_value_get_string (value);
  char **field;

  switch (prop_id)
    {
    case PROP_ADDRESS:
      field = &self->address;
      break;
    case PROP_USER:
      field = &self->user;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_free (*field);
  *field = g_strstrip (g_strdup (s != NULL ? s : ""));
}

static void
awb_server_account_class_init (AwbServerAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = awb_server_account_finalize;
  object_class->get_property = awb_server_account_get_property;
  object_class->set_property = awb_server_account_set_property;

  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
awb_server_account_init (AwbServerAccount *self)
{
}

/* An account for @address and @user (surrounding blanks dropped). */
AwbServerAccount *
awb_server_account_new (const char *address,
                        const char *user)
{
  return g_object_new (AWB_TYPE_SERVER_ACCOUNT, "address", address, "user", user, NULL);
}

/* The account the preferences hold; an empty one without @settings. */
AwbServerAccount *
awb_server_account_new_from_settings (GSettings *settings)
{
  g_autofree char *address = NULL;
  g_autofree char *user = NULL;

  if (settings != NULL)
    {
      address = g_settings_get_string (settings, "server-address");
      user = g_settings_get_string (settings, "server-user");
    }
  return awb_server_account_new (address, user);
}

const char *
awb_server_account_get_address (AwbServerAccount *self)
{
  g_return_val_if_fail (AWB_IS_SERVER_ACCOUNT (self), NULL);
  return self->address;
}

const char *
awb_server_account_get_user (AwbServerAccount *self)
{
  g_return_val_if_fail (AWB_IS_SERVER_ACCOUNT (self), NULL);
  return self->user;
}

/* TRUE when a server address is set: without one the window is as it was. */
gboolean
awb_server_account_is_configured (AwbServerAccount *self)
{
  g_return_val_if_fail (AWB_IS_SERVER_ACCOUNT (self), FALSE);
  return self->address[0] != '\0';
}

static gboolean
is_uri (const char *s)
{
  return g_str_has_prefix (s, "postgresql://") || g_str_has_prefix (s, "postgres://");
}

/* @value quoted for a key=value conninfo string. */
static void
append_quoted (GString    *s,
               const char *key,
               const char *value)
{
  g_string_append_printf (s, "%s%s='", s->len > 0 ? " " : "", key);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '\'');
}

/* Whether the conninfo @s already sets @key ("user", "connect_timeout"). */
static gboolean
sets_key (const char *s,
          const char *key)
{
  g_autofree char *needle = g_strconcat (key, "=", NULL);
  const char *p = s;

  while ((p = strstr (p, needle)) != NULL)
    {
      if (p == s || p[-1] == ' ' || p[-1] == '?' || p[-1] == '&')
        return TRUE;
      p++;
    }
  return FALSE;
}

/**
 * awb_server_account_dup_conninfo:
 *
 * The libpq connection string for the account: the address as typed, with
 * the user (unless the address names one in its parameters) and
 * connect_timeout=AWB_SERVER_ACCOUNT_CONNECT_TIMEOUT (unless it sets one).
 * A bare host name becomes host='…'.  NULL when no address is set.
 */
char *
awb_server_account_dup_conninfo (AwbServerAccount *self)
{
  GString *s;
  g_autofree char *timeout = g_strdup_printf ("%d", AWB_SERVER_ACCOUNT_CONNECT_TIMEOUT);

  g_return_val_if_fail (AWB_IS_SERVER_ACCOUNT (self), NULL);

  if (!awb_server_account_is_configured (self))
    return NULL;

  if (is_uri (self->address))
    {
      char sep = strchr (self->address, '?') != NULL ? '&' : '?';

      s = g_string_new (self->address);
      if (self->user[0] != '\0' && !sets_key (strchr (s->str, '?') ? strchr (s->str, '?') : "",
                                              "user"))
        {
          g_autofree char *escaped = g_uri_escape_string (self->user, NULL, FALSE);

          g_string_append_printf (s, "%cuser=%s", sep, escaped);
          sep = '&';
        }
      if (!sets_key (s->str, "connect_timeout"))
        g_string_append_printf (s, "%cconnect_timeout=%s", sep, timeout);
      return g_string_free (s, FALSE);
    }

  s = g_string_new (NULL);
  if (strchr (self->address, '=') != NULL)
    g_string_append (s, self->address);
  else
    append_quoted (s, "host", self->address);
  if (self->user[0] != '\0' && !sets_key (s->str, "user"))
    append_quoted (s, "user", self->user);
  if (!sets_key (s->str, "connect_timeout"))
    append_quoted (s, "connect_timeout", timeout);
  return g_string_free (s, FALSE);
}

/* ---- the password, in the keyring ------------------------------------------ */

static void
on_password_stored_cb (GObject      *source_object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Stores @password for the account's server and user in the default
 * keyring, replacing any stored before. */
void
awb_server_account_store_password_async (AwbServerAccount    *self,
                                         const char          *password,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;
  g_autofree char *label = NULL;

  g_return_if_fail (AWB_IS_SERVER_ACCOUNT (self));
  g_return_if_fail (password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, awb_server_account_store_password_async);
  /* Translators: the keyring item's label; %1$s is the login, %2$s the
   * branch server's address */
  label = g_strdup_printf (_("Advisor Workbench: %1$s on %2$s"), self->user, self->address);
  secret_password_store (awb_server_account_get_secret_schema (), SECRET_COLLECTION_DEFAULT,
                         label, password, cancellable, on_password_stored_cb, task,
                         "server", self->address, "user", self->user, NULL);
}

gboolean
awb_server_account_store_password_finish (AwbServerAccount  *self,
                                          GAsyncResult      *result,
                                          GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_password_found_cb (GObject      *source_object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *password = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
}

/* Looks up the account's password in the keyring. */
void
awb_server_account_lookup_password_async (AwbServerAccount    *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (AWB_IS_SERVER_ACCOUNT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, awb_server_account_lookup_password_async);
  secret_password_lookup (awb_server_account_get_secret_schema (), cancellable,
                          on_password_found_cb, task,
                          "server", self->address, "user", self->user, NULL);
}

/* The password (free it with secret_password_free), or NULL: none stored
 * (@error unset) or the keyring failed (@error set). */
char *
awb_server_account_lookup_password_finish (AwbServerAccount  *self,
                                           GAsyncResult      *result,
                                           GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_password_cleared_cb (GObject      *source_object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Removes the account's password from the keyring (none stored is fine). */
void
awb_server_account_forget_password_async (AwbServerAccount    *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (AWB_IS_SERVER_ACCOUNT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, awb_server_account_forget_password_async);
  secret_password_clear (awb_server_account_get_secret_schema (), cancellable,
                         on_password_cleared_cb, task,
                         "server", self->address, "user", self->user, NULL);
}

gboolean
awb_server_account_forget_password_finish (AwbServerAccount  *self,
                                           GAsyncResult      *result,
                                           GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- connecting -------------------------------------------------------------- */

/**
 * awb_server_account_connect:
 * @password: (nullable): the password, or %NULL for libpq's own sources
 *
 * Connects to the account's server, blocking: call it in a thread.
 */
AwbServer *
awb_server_account_connect (AwbServerAccount  *self,
                            const char        *password,
                            GError           **error)
{
  g_autofree char *conninfo = NULL;

  g_return_val_if_fail (AWB_IS_SERVER_ACCOUNT (self), NULL);

  conninfo = awb_server_account_dup_conninfo (self);
  if (conninfo == NULL)
    {
      g_set_error (error, AWB_SERVER_ERROR, AWB_SERVER_ERROR_CONNECT,
                   _("No branch server is set: type its address in the preferences."));
      return NULL;
    }
  return awb_server_connect (conninfo, password != NULL && password[0] != '\0' ? password : NULL,
                             error);
}

static void
wipe_password (char *password)
{
  if (password != NULL)
    {
      memset (password, 0, strlen (password));
      g_free (password);
    }
}

/* Thread: connect, check the schema, read who the user is. */
static void
test_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  AwbServerAccount *self = source_object;
  const char *password = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbServer) server = NULL;
  AwbServerRole role;
  gint64 manager_id = 0;
  const char *login;

  server = awb_server_account_connect (self, password, &error);
  if (server == NULL || awb_server_check_schema (server, &error) < 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  role = awb_server_get_role (server, &manager_id, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  login = awb_server_get_user (server);

  switch (role)
    {
    case AWB_SERVER_ROLE_MANAGER:
      {
        g_autofree char *name = awb_server_get_manager_name (server, manager_id, &error);

        if (error != NULL)
          {
            g_task_return_error (task, g_steal_pointer (&error));
            return;
          }
        if (name != NULL)
          /* Translators: the outcome of Test Connection; %1$s is the login,
           * %2$s the relationship manager's name, e.g. "Connected as
           * wang.li, relationship manager 王丽." */
          g_task_return_pointer (task, g_strdup_printf (_("Connected as %1$s, relationship manager %2$s."),
                                                        login, name), g_free);
        else
          /* Translators: %s is the login */
          g_task_return_pointer (task, g_strdup_printf (_("Connected as %s, a relationship manager without a manager on the server."),
                                                        login), g_free);
      }
      break;
    case AWB_SERVER_ROLE_BRANCH:
      /* Translators: %s is the login */
      g_task_return_pointer (task, g_strdup_printf (_("Connected as %s, branch manager."), login),
                             g_free);
      break;
    case AWB_SERVER_ROLE_ADMIN:
      /* Translators: %s is the login */
      g_task_return_pointer (task, g_strdup_printf (_("Connected as %s, administrator."), login),
                             g_free);
      break;
    case AWB_SERVER_ROLE_NONE:
    default:
      g_task_return_new_error (task, AWB_SERVER_ERROR, AWB_SERVER_ERROR_DENIED,
                               /* Translators: %s is the login */
                               _("Connected as %s, but this login has no role on the branch server: ask the administrator to add it."),
                               login);
      break;
    }
}

/**
 * awb_server_account_test_async:
 * @password: (nullable): the password to try; %NULL or "" for libpq's own
 *   sources
 *
 * Connects in a thread and reads who the user is on the server: the result
 * is a sentence such as "Connected as wang.li, relationship manager 王丽."
 */
void
awb_server_account_test_async (AwbServerAccount    *self,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AWB_IS_SERVER_ACCOUNT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, awb_server_account_test_async);
  g_task_set_task_data (task, g_strdup (password), (GDestroyNotify) wipe_password);
  g_task_run_in_thread (task, test_thread);
}

char *
awb_server_account_test_finish (AwbServerAccount  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
