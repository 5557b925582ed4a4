/* awb-cli-server.c: the branch server's administration
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   advisor-workbench-cli server init --server URI
 *     creates or migrates the branch schema and the group roles
 *     (awb-server-schema.c); refuses a newer schema
 *   advisor-workbench-cli server add-user --server URI --user LOGIN
 *       --role manager|branch|admin [--manager NAME]
 *     creates the login (or changes its password and role), the password
 *     read from standard input (its first line)
 *   advisor-workbench-cli server whoami --server URI
 *     prints the login, its role and its manager
 *
 * The server's own password (for URI's user) comes from libpq's usual
 * sources: the URI, PGPASSWORD, or ~/.pgpass.
 */
#define G_LOG_DOMAIN "awb-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "awb-cli.h"
#include "awb-server.h"

static int
server_usage (void)
{
  g_printerr ("%s\n", _("Usage: advisor-workbench-cli server init|add-user|whoami --server URI [OPTION…]"));
  return 2;
}

/* The first line of standard input, without its line end. */
static char *
read_password_line (void)
{
  g_autoptr(GString) line = g_string_new (NULL);
  int c;

  while ((c = getchar ()) != EOF && c != '\n')
    g_string_append_c (line, (char) c);
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  return g_string_free (g_steal_pointer (&line), FALSE);
}

int
awb_cli_server (int    argc,
                char **argv)
{
  g_autofree char *uri = NULL;
  g_autofree char *user = NULL;
  g_autofree char *role_name = NULL;
  g_autofree char *manager = NULL;
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &uri,
      N_("The branch server, as a PostgreSQL URI (postgresql://USER@HOST/DATABASE)"), N_("URI") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("add-user: the login to create"), N_("LOGIN") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_name,
      N_("add-user: manager, branch or admin"), N_("ROLE") },
    { "manager", 0, 0, G_OPTION_ARG_STRING, &manager,
      N_("add-user: the relationship manager this login is (the name the clients carry)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("init|add-user|whoami"));
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbServer) server = NULL;
  const char *verb;

  g_option_context_set_summary (context,
                                _("Set up the branch’s shared book on a PostgreSQL server and its users. "
                                  "The new user’s password is read from standard input."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      awb_cli_print_error ("server", error);
      return 2;
    }
  if (argc != 2)
    return server_usage ();
  verb = argv[1];
  if (uri == NULL)
    return awb_cli_usage_error ("server", context, _("--server URI is required"));

  if (g_str_equal (verb, "init"))
    {
      server = awb_server_connect (uri, NULL, &error);
      if (server == NULL || !awb_server_init_schema (server, &error))
        {
          awb_cli_print_error ("server", error);
          return 1;
        }
      /* Translators: %s is the server address, %d the schema version */
      printf (_("The branch book on %s is ready (schema %d).\n"),
              awb_server_get_display_uri (server), AWB_SERVER_SCHEMA_VERSION);
      return 0;
    }
  else if (g_str_equal (verb, "add-user"))
    {
      AwbServerRole role;
      g_autofree char *password = NULL;

      if (user == NULL)
        return awb_cli_usage_error ("server", context, _("--user LOGIN is required"));
      if (role_name == NULL || !awb_server_role_from_string (role_name, &role))
        return awb_cli_usage_error ("server", context, _("--role must be manager, branch or admin"));
      password = read_password_line ();
      server = awb_server_connect (uri, NULL, &error);
      if (server == NULL || !awb_server_add_user (server, user, password, role, manager, &error))
        {
          if (password != NULL)
            memset (password, 0, strlen (password));
          awb_cli_print_error ("server", error);
          return 1;
        }
      memset (password, 0, strlen (password));
      if (manager != NULL)
        /* Translators: %1$s is a login, %2$s its role (manager, branch, admin), %3$s a manager's name */
        printf (_("%1$s can now log in as %2$s for %3$s.\n"), user, role_name, manager);
      else
        /* Translators: %1$s is a login, %2$s its role (manager, branch, admin) */
        printf (_("%1$s can now log in as %2$s.\n"), user, role_name);
      return 0;
    }
  else if (g_str_equal (verb, "whoami"))
    {
      AwbServerRole role;
      gint64 manager_id = 0;

      server = awb_server_connect (uri, NULL, &error);
      if (server == NULL || awb_server_check_schema (server, &error) < 0)
        {
          awb_cli_print_error ("server", error);
          return 1;
        }
      role = awb_server_get_role (server, &manager_id, &error);
      if (role == AWB_SERVER_ROLE_NONE)
        {
          awb_cli_print_error ("server", error);
          return 1;
        }
      printf ("%s\t%s\t%" G_GINT64_FORMAT "\n", awb_server_get_user (server),
              awb_server_role_to_string (role), manager_id);
      return 0;
    }
  return server_usage ();
}
