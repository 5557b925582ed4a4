/* awb-cli-branch.c: what the commands that take --server share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * import, score and export work on a book (--db) or on the branch server
 * (--server URI, with an optional --cache PATH): then on a cache book kept
 * in step with the server (awb-server-run.h).  The server's password comes
 * from libpq's usual sources: the URI, PGPASSWORD or ~/.pgpass.
 */
#define G_LOG_DOMAIN "awb-cli"

#include "config.h"

#include <glib/gi18n.h>

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
