/* test-server-account.c: the branch server account of the preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The connection strings the account builds from what a user types (the
 * expected strings written out by hand from libpq's URI and key=value
 * syntax), the account read from GSettings, the password's round trip
 * through the GNOME keyring (run under tests/gui/with-keyring: a private
 * bus and an unlocked gnome-keyring-daemon; skipped, saying why, when no
 * secret service can be started), and Test Connection against a port
 * where nothing listens (the whole message, in a thread).
 */
#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <libsecret/secret.h>

#include "awb-server-account.h"

static void
check_conninfo (const char *address,
                const char *user,
                const char *expected)
{
  g_autoptr(AwbServerAccount) account = awb_server_account_new (address, user);
  g_autofree char *conninfo = awb_server_account_dup_conninfo (account);

  g_assert_cmpstr (conninfo, ==, expected);
}

static void
test_conninfo (void)
{
  /* a URI without parameters gets the user and the timeout as parameters */
  check_conninfo ("postgresql://branch.example.com/awb", "wang.li",
                  "postgresql://branch.example.com/awb?user=wang.li&connect_timeout=10");
  /* TLS as typed: sslmode stays, the rest is added after it */
  check_conninfo ("  postgresql://branch.example.com:5433/awb?sslmode=require ", "wang.li",
                  "postgresql://branch.example.com:5433/awb?sslmode=require&user=wang.li"
                  "&connect_timeout=10");
  /* a login in Chinese, percent-encoded as UTF-8: 王 E7 8E 8B, 丽 E4 B8 BD */
  check_conninfo ("postgres://10.0.0.5/awb", "王丽",
                  "postgres://10.0.0.5/awb?user=%E7%8E%8B%E4%B8%BD&connect_timeout=10");
  /* a timeout or user the address sets is kept, not doubled */
  check_conninfo ("postgresql://h/awb?connect_timeout=3&user=zhao", "wang.li",
                  "postgresql://h/awb?connect_timeout=3&user=zhao");
  /* a bare host name */
  check_conninfo ("branch.example.com", "wang.li",
                  "host='branch.example.com' user='wang.li' connect_timeout='10'");
  /* key=value: quotes and backslashes escaped in what is added */
  check_conninfo ("host=127.0.0.1 port=5432 dbname=awb", "o'brien\\x",
                  "host=127.0.0.1 port=5432 dbname=awb user='o\\'brien\\\\x' connect_timeout='10'");
  /* no user: none added */
  check_conninfo ("postgresql://h/awb", "", "postgresql://h/awb?connect_timeout=10");
  /* no address: not configured, no conninfo */
  check_conninfo ("   ", "wang.li", NULL);
}

static void
test_settings (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = g_settings_new_with_backend (APP_ID, backend);
  g_autoptr(AwbServerAccount) empty = awb_server_account_new_from_settings (settings);
  g_autoptr(AwbServerAccount) none = awb_server_account_new_from_settings (NULL);
  g_autoptr(AwbServerAccount) account = NULL;

  /* the defaults: no server, the window stays as it is */
  g_assert_false (awb_server_account_is_configured (empty));
  g_assert_false (awb_server_account_is_configured (none));

  g_settings_set_string (settings, "server-address", "postgresql://h/awb");
  g_settings_set_string (settings, "server-user", "wang.li");
  account = awb_server_account_new_from_settings (settings);
  g_assert_true (awb_server_account_is_configured (account));
  g_assert_cmpstr (awb_server_account_get_address (account), ==, "postgresql://h/awb");
  g_assert_cmpstr (awb_server_account_get_user (account), ==, "wang.li");
}

static void
on_done_cb (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static char *
lookup (AwbServerAccount *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *password;

  awb_server_account_lookup_password_async (account, NULL, on_done_cb, &result);
  password = awb_server_account_lookup_password_finish (account, wait_for (&result), &error);
  g_assert_no_error (error);
  return password;
}

static void
test_keyring (void)
{
  const char *why = g_getenv ("AWB_TEST_NO_KEYRING");
  g_autoptr(AwbServerAccount) account = NULL;
  g_autoptr(AwbServerAccount) other_user = NULL;
  g_autoptr(AwbServerAccount) other_server = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *password;

  if (why != NULL)
    {
      g_autofree char *message = g_strdup_printf ("no secret service: %s", why);

      g_test_skip (message);
      return;
    }

  account = awb_server_account_new ("postgresql://h/awb", "wang.li");
  other_user = awb_server_account_new ("postgresql://h/awb", "zhao.min");
  other_server = awb_server_account_new ("postgresql://other/awb", "wang.li");

  /* nothing stored yet */
  password = lookup (account);
  g_assert_null (password);

  awb_server_account_store_password_async (account, "密码 s3cret'", NULL, on_done_cb, &result);
  g_assert_true (awb_server_account_store_password_finish (account, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  password = lookup (account);
  g_assert_cmpstr (password, ==, "密码 s3cret'");
  secret_password_free (password);
  /* the password is the server's and the user's, nobody else's */
  password = lookup (other_user);
  g_assert_null (password);
  password = lookup (other_server);
  g_assert_null (password);
  /* and it is in the keyring under the schema's attributes, as any libsecret
   * client (secret-tool) finds it */
  password = secret_password_lookup_sync (awb_server_account_get_secret_schema (), NULL, &error,
                                          "server", "postgresql://h/awb", "user", "wang.li",
                                          NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "密码 s3cret'");
  secret_password_free (password);

  /* a new password replaces the old one */
  awb_server_account_store_password_async (account, "new", NULL, on_done_cb, &result);
  g_assert_true (awb_server_account_store_password_finish (account, wait_for (&result), &error));
  g_clear_object (&result);
  password = lookup (account);
  g_assert_cmpstr (password, ==, "new");
  secret_password_free (password);

  /* Forget */
  awb_server_account_forget_password_async (account, NULL, on_done_cb, &result);
  g_assert_true (awb_server_account_forget_password_finish (account, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  password = lookup (account);
  g_assert_null (password);
  /* forgetting twice is fine */
  awb_server_account_forget_password_async (account, NULL, on_done_cb, &result);
  g_assert_true (awb_server_account_forget_password_finish (account, wait_for (&result), &error));
  g_assert_no_error (error);
}

static void
test_unreachable (void)
{
  /* port 1 on this machine: nothing listens, the connection is refused */
  g_autoptr(AwbServerAccount) account =
    awb_server_account_new ("host=127.0.0.1 port=1 dbname=awb", "wang.li");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  awb_server_account_test_async (account, "pw", NULL, on_done_cb, &result);
  message = awb_server_account_test_finish (account, wait_for (&result), &error);
  g_assert_null (message);
  g_assert_error (error, AWB_SERVER_ERROR, AWB_SERVER_ERROR_CONNECT);
  g_assert_true (g_str_has_prefix (error->message, "Cannot connect to the branch server "));
}

static void
test_not_configured (void)
{
  g_autoptr(AwbServerAccount) account = awb_server_account_new ("", "wang.li");
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbServer) server = awb_server_account_connect (account, "pw", &error);

  g_assert_null (server);
  g_assert_error (error, AWB_SERVER_ERROR, AWB_SERVER_ERROR_CONNECT);
  g_assert_cmpstr (error->message, ==,
                   "No branch server is set: type its address in the preferences.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server-account/conninfo", test_conninfo);
  g_test_add_func ("/server-account/settings", test_settings);
  g_test_add_func ("/server-account/keyring", test_keyring);
  g_test_add_func ("/server-account/unreachable", test_unreachable);
  g_test_add_func ("/server-account/not-configured", test_not_configured);

  return g_test_run ();
}
