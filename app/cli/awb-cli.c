/* awb-cli.c: advisor-workbench-cli, the book from the command line (no GTK)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "awb-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "awb-cli.h"
#include "awb-database.h"

typedef struct
{
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "import", awb_cli_import, N_("Import clients, trades or interactions from CSV") },
  { "export", awb_cli_export, N_("Export clients, trades, interactions or scores to CSV") },
  { "demo", awb_cli_demo, N_("Generate a demo branch into a book") },
  { "score", awb_cli_score, N_("Score the whole book as of a date") },
  { "rfm", awb_cli_rfm, N_("Score any transaction CSV file without importing it") },
  { "settings", awb_cli_settings, N_("List, read or change the book’s settings") },
  { "explain", awb_cli_explain, N_("Explain every label of one client") },
  { "migration", awb_cli_migration, N_("Count how clients moved between two scoring runs") },
  { "report", awb_cli_report, N_("Write the client segmentation report of a run as a PDF") },
  { "chart", awb_cli_chart, N_("Draw one chart of the dashboard, or write its numbers") },
  { "backup", awb_cli_backup, N_("Write a checked copy of the book to one file") },
  { "server", awb_cli_server, N_("Set up the branch’s shared book on PostgreSQL, and its users") },
  { "sync", awb_cli_sync, N_("Sync the book with the branch’s shared book on PostgreSQL") },
  { "restore", awb_cli_restore, N_("Replace the book with a checked backup, keeping it as it was") },
};

char *
awb_cli_resolve_db_path (const char *db_option)
{
  if (db_option != NULL && *db_option != '\0')
    return g_strdup (db_option);
  return awb_database_default_path ();
}

void
awb_cli_print_error (const char *command,
                     GError     *error)
{
  g_printerr ("advisor-workbench-cli %s: %s\n", command, error->message);
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: advisor-workbench-cli COMMAND [OPTION…]"));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “advisor-workbench-cli COMMAND --help” for a command’s options."));
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("AWB_LOCALEDIR");

  /* AWB_LOCALEDIR lets tests and uninstalled runs use the catalogues the
   * build made (build/po) instead of the installed ones, as in app/main.c. */
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? 2 : 0;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("advisor-workbench-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (strcmp (argv[1], "export") == 0 && argc >= 3 && strcmp (argv[2], "scores") == 0)
    return awb_cli_export_scores (argc - 1, argv + 1);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (strcmp (argv[1], commands[i].name) == 0)
        return commands[i].run (argc - 1, argv + 1);
    }

  g_printerr (_("advisor-workbench-cli: unknown command “%s”\n"), argv[1]);
  print_usage (stderr);
  return 2;
}

/* A command line the command cannot take: the message, the command's
 * help, exit status 2. */
int
awb_cli_usage_error (const char     *command,
                     GOptionContext *context,
                     const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("advisor-workbench-cli %s: %s\n\n%s", command, message, help);
  return 2;
}
