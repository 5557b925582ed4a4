/* awb-cli-branch.c: what the commands that take --server share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * import, score and export work on a book (--db) or on the branch server
 * (--server URI, with an optional --cache PATH): then on a cache book kept
 * in step with the server (awb-server-run.h).  The server's password comes
 * from libpq's usual sources: the URI, PGPASSWORD or ~/.pgpass.
 *
 *   advisor-workbench-cli branch status --server URI [--cache PATH]
 *     the cache book those commands work on, synced, and the branch's
 *     newest stored scoring run
 */
#define G_LOG_DOMAIN "awb-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "awb-cli.h"
#include "awb-server-run.h"

gboolean
awb_cli_check_book_or_server (const char *command,
                              const char *db_opt,
                              const char *server_opt,
                              const char *cache_opt)
{
  if (db_opt != NULL && server_opt != NULL)
    {
      /* Translators: %s is a command such as "import" */
      g_printerr (_("advisor-workbench-cli %s: give either --db (a book) or --server (the branch "
                    "server), not both.\n"), command);
      return FALSE;
    }
  if (cache_opt != NULL && server_opt == NULL)
    {
      /* Translators: %s is a command such as "import" */
      g_printerr (_("advisor-workbench-cli %s: --cache is the branch server’s cache book: it "
                    "needs --server.\n"), command);
      return FALSE;
    }
  return TRUE;
}

AwbDatabase *
awb_cli_open_branch (const char  *command,
                     const char  *server_uri,
                     const char  *cache_opt,
                     gboolean     sync,
                     AwbServer  **server_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbServer) server = NULL;
  g_autoptr(AwbDatabase) cache = NULL;

  server = awb_server_connect (server_uri, NULL, &error);
  if (server == NULL)
    goto fail;
  cache = awb_server_run_open_cache (server, cache_opt, sync, NULL, NULL, &error);
  if (cache == NULL)
    goto fail;
  *server_out = g_steal_pointer (&server);
  return g_steal_pointer (&cache);

fail:
  awb_cli_print_error (command, error);
  return NULL;
}

/* advisor-workbench-cli branch status --server URI [--cache PATH]
 *
 * What the jobs that run with --server work on: the cache book (where, how
 * much of the branch it holds, when it last synced) and the branch's
 * newest stored run.  Syncs the cache first. */
int
awb_cli_branch (int    argc,
                char **argv)
{
  g_autofree char *server_uri = NULL;
  g_autofree char *cache_path = NULL;
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server_uri, N_("The branch server"), N_("URI") },
    { "cache", 0, 0, G_OPTION_ARG_FILENAME, &cache_path,
      N_("The branch server’s cache book (default: in the user’s cache folder)"), N_("PATH") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("status");
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbServer) server = NULL;
  g_autoptr(AwbDatabase) cache = NULL;
  g_auto(AwbSyncStatus) status = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(PGresult) res = NULL;

  g_option_context_set_summary (context, _("Show the cache book the --server jobs work on, synced, "
                                           "and the branch’s newest scoring run."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      awb_cli_print_error ("branch", error);
      return 2;
    }
  if (argc != 2 || g_strcmp0 (argv[1], "status") != 0)
    return awb_cli_usage_error ("branch", context, _("say what to do: status"));
  if (server_uri == NULL)
    return awb_cli_usage_error ("branch", context, _("--server URI is required"));

  cache = awb_cli_open_branch ("branch status", server_uri, cache_path, TRUE, &server);
  if (cache == NULL)
    return 1;
  if (!awb_sync_get_status (cache, &status, &error))
    goto fail;
  stmt = awb_database_prepare (cache, "SELECT (SELECT count(*) FROM clients), (SELECT count(*) FROM trades),"
                               " (SELECT count(*) FROM interactions), (SELECT max (id) FROM scoring_runs)",
                               &error);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    goto fail;
  res = awb_server_query (server, "SELECT coalesce (max (id)::text, '-') FROM awb.scoring_runs WHERE complete",
                          0, NULL, &error);
  if (res == NULL)
    goto fail;

  printf (_("Server: %s\n"), status.server);
  printf (_("User: %s (%s)\n"), status.user, awb_server_role_to_string (status.role));
  printf (_("Cache book: %s\n"), awb_database_get_path (cache));
  printf (_("Last synced: %s\n"), status.last_synced_at != NULL ? status.last_synced_at : _("never"));
  /* Translators: the counts of what the cache book holds */
  printf (_("Held: %lld clients, %lld trades, %lld interactions\n"),
          (long long) sqlite3_column_int64 (stmt, 0), (long long) sqlite3_column_int64 (stmt, 1),
          (long long) sqlite3_column_int64 (stmt, 2));
  printf (_("Newest scoring run on the server: %s\n"), PQgetvalue (res, 0, 0));
  return 0;

fail:
  awb_cli_print_error ("branch status", error);
  return 1;
}
