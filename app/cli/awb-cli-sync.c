/* awb-cli-sync.c: a book as a working copy of the branch book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   advisor-workbench-cli sync --db BOOK --server URI
 *     pushes the book's changes, then pulls the server's (awb-sync.h); the
 *     first sync of an empty book attaches it.  The password: the URI's,
 *     or libpq's usual sources (PGPASSWORD, ~/.pgpass)
 *   advisor-workbench-cli sync --db BOOK --status
 *     server, user, role, manager, last sync, changes waiting, conflicts
 *   advisor-workbench-cli sync --db BOOK --conflicts
 *     one conflict a line: id, client, field, the book's value, the
 *     server's value (tab-separated; an empty value is empty)
 *   advisor-workbench-cli sync --db BOOK --resolve ID --keep local|server
 *
 * Exit status: 0 done, 1 failed (the message says why), 2 a command line
 * the command cannot take.
 */
#define G_LOG_DOMAIN "awb-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "awb-cli.h"
#include "awb-sync.h"

static char *
int_str (gint64 v)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, v);
}

static int
run_sync (AwbDatabase *db,
          const char  *uri)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbServer) server = NULL;
  AwbSyncReport report;
  g_autofree char *pushed = NULL, *conflicts = NULL, *pulled = NULL;
  g_autofree char *clients = NULL, *trades = NULL, *removed = NULL;

  server = awb_server_connect (uri, NULL, &error);
  if (server == NULL || !awb_sync_run (db, server, &report, NULL, &error))
    {
      awb_cli_print_error ("sync", error);
      return 1;
    }
  pushed = int_str (report.pushed);
  conflicts = int_str (report.conflicts);
  pulled = int_str (report.pulled);
  clients = int_str (report.pulled_clients);
  trades = int_str (report.pulled_trades);
  removed = int_str (report.removed);
  /* Translators: %1$s is the server address; the others are counts */
  printf (_("Synced with %1$s. Changes pushed: %2$s; conflicts: %3$s; rows pulled: %4$s (clients: %5$s, trades: %6$s); rows removed: %7$s.\n"),
          awb_server_get_display_uri (server), pushed, conflicts, pulled, clients, trades, removed);
  if (report.conflicts > 0)
    printf ("%s\n", _("Some fields were changed on the server too: list the conflicts with “advisor-workbench-cli sync --conflicts” and pick a value for each with “--resolve ID --keep local|server”."));
  return 0;
}

static int
show_status (AwbDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_auto(AwbSyncStatus) status = { 0 };
  g_autofree char *pending = NULL, *conflicts = NULL;

  if (!awb_sync_get_status (db, &status, &error))
    {
      awb_cli_print_error ("sync", error);
      return 1;
    }
  if (status.server == NULL)
    {
      printf ("%s\n", _("This book is not attached to a branch server: it is a book of its own."));
      return 0;
    }
  pending = int_str (status.n_pending);
  conflicts = int_str (status.n_conflicts);
  /* Translators: the labels of "sync --status", one a line */
  printf (_("Server: %s\n"), status.server);
  printf (_("User: %s\n"), status.user);
  printf (_("Role: %s\n"), status.role != AWB_SERVER_ROLE_NONE ? awb_server_role_to_string (status.role) : "-");
  printf (_("Manager: %s\n"), status.manager != NULL ? status.manager : "-");
  printf (_("Last synced: %s\n"), status.last_synced_at != NULL ? status.last_synced_at : _("never"));
  printf (_("Changes waiting to be pushed: %s\n"), pending);
  printf (_("Conflicts waiting: %s\n"), conflicts);
  return 0;
}

static int
list_conflicts (AwbDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = awb_sync_list_conflicts (db, &error);

  if (list == NULL)
    {
      awb_cli_print_error ("sync", error);
      return 1;
    }
  for (guint i = 0; i < list->len; i++)
    {
      AwbSyncConflict *c = g_ptr_array_index (list, i);

      printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\n", c->id,
              c->client_name != NULL ? c->client_name : "",
              c->field, c->local_value != NULL ? c->local_value : "",
              c->server_value != NULL ? c->server_value : "");
    }
  return 0;
}

int
awb_cli_sync (int    argc,
              char **argv)
{
  g_autofree char *db_option = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *resolve = NULL;
  g_autofree char *keep = NULL;
  gboolean status = FALSE;
  gboolean conflicts = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_option, N_("The book (default: the app’s own)"), N_("BOOK") },
    { "server", 0, 0, G_OPTION_ARG_STRING, &uri,
      N_("Sync with this branch server, a PostgreSQL URI (postgresql://USER@HOST/DATABASE)"), N_("URI") },
    { "status", 0, 0, G_OPTION_ARG_NONE, &status,
      N_("Show the server, the user, the last sync and what waits to be pushed"), NULL },
    { "conflicts", 0, 0, G_OPTION_ARG_NONE, &conflicts, N_("List the conflicts waiting for a choice"), NULL },
    { "resolve", 0, 0, G_OPTION_ARG_STRING, &resolve, N_("Resolve the conflict with this number"), N_("ID") },
    { "keep", 0, 0, G_OPTION_ARG_STRING, &keep, N_("With --resolve: keep the local or the server value"),
      N_("local|server") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = NULL;
  g_autofree char *path = NULL;
  int n_modes;
  gint64 conflict_id = 0;

  g_option_context_set_summary (context,
                                _("Sync the book with the branch’s shared book on a PostgreSQL server: "
                                  "push the local changes, then pull what changed there."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      awb_cli_print_error ("sync", error);
      return 2;
    }
  if (argc > 1)
    return awb_cli_usage_error ("sync", context, _("sync takes no arguments besides its options."));
  n_modes = (uri != NULL) + status + conflicts + (resolve != NULL);
  if (n_modes == 0)
    return awb_cli_usage_error ("sync", context,
                                _("Give --server URI to sync, or one of --status, --conflicts and --resolve ID --keep local|server."));
  if (n_modes > 1)
    return awb_cli_usage_error ("sync", context,
                                _("Give only one of --server, --status, --conflicts and --resolve."));
  if (keep != NULL && resolve == NULL)
    return awb_cli_usage_error ("sync", context, _("--keep goes with --resolve ID."));
  if (resolve != NULL)
    {
      char *end = NULL;

      conflict_id = g_ascii_strtoll (resolve, &end, 10);
      if (*resolve == '\0' || end == NULL || *end != '\0' || conflict_id <= 0)
        return awb_cli_usage_error ("sync", context,
                                    _("--resolve needs a conflict’s number, as “sync --conflicts” lists them."));
      if (keep == NULL)
        return awb_cli_usage_error ("sync", context, _("--resolve needs --keep local or --keep server."));
      if (!g_str_equal (keep, "local") && !g_str_equal (keep, "server"))
        return awb_cli_usage_error ("sync", context, _("--keep must be local or server."));
    }

  path = awb_cli_resolve_db_path (db_option);
  db = awb_database_open (path, &error);
  if (db == NULL)
    {
      awb_cli_print_error ("sync", error);
      return 1;
    }

  if (uri != NULL)
    return run_sync (db, uri);
  if (status)
    return show_status (db);
  if (conflicts)
    return list_conflicts (db);

  if (!awb_sync_resolve_conflict (db, conflict_id, g_str_equal (keep, "local"), &error))
    {
      awb_cli_print_error ("sync", error);
      return 1;
    }
  if (g_str_equal (keep, "local"))
    /* Translators: %s is the conflict's number */
    printf (_("Conflict %s is resolved: the book keeps its own value and sends it at the next sync.\n"), resolve);
  else
    /* Translators: %s is the conflict's number */
    printf (_("Conflict %s is resolved: the book took the server’s value.\n"), resolve);
  return 0;
}
