/* awb-cli-io.c: advisor-workbench-cli import and export clients|trades|interactions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "awb-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "awb-cli.h"
#include "awb-export.h"
#include "awb-import.h"
#include "awb-server-run.h"

/* advisor-workbench-cli import --db PATH --clients F | --trades F | --interactions F
 * advisor-workbench-cli import --server URI [--cache PATH] --clients F | …
 *
 * With --server the file goes to the branch server, all or nothing, as the
 * job's login (awb_server_run_import).
 * One file per run: each import is one all-or-nothing transaction, into a
 * book that passes SQLite's quick check (awb_database_check_integrity).  Exit
 * status 0 on success, 1 on any error (printed on standard error, one bad
 * line per line), 2 on a usage error. */
int
awb_cli_import (int    argc,
                char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *server_uri = NULL;
  g_autofree char *cache_path = NULL;
  g_autoptr(AwbServer) server = NULL;
  g_autofree char *clients = NULL;
  g_autofree char *trades = NULL;
  g_autofree char *interactions = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = NULL;
  g_auto(GStrv) warnings = NULL;
  g_autofree char *resolved = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The book (default: the app’s book)"), N_("PATH") },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server_uri,
      N_("Import into the branch server instead of a book"), N_("URI") },
    { "cache", 0, 0, G_OPTION_ARG_FILENAME, &cache_path,
      N_("The branch server’s cache book (default: in the user’s cache folder)"), N_("PATH") },
    { "clients", 0, 0, G_OPTION_ARG_FILENAME, &clients, N_("Import clients from this CSV file"), N_("FILE") },
    { "trades", 0, 0, G_OPTION_ARG_FILENAME, &trades, N_("Import trades from this CSV file"), N_("FILE") },
    { "interactions", 0, 0, G_OPTION_ARG_FILENAME, &interactions,
      N_("Import interactions from this CSV file"), N_("FILE") },
    { NULL }
  };
  const char *path;
  AwbTableKind kind;
  guint64 n_rows = 0;
  int n_given;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Import clients, trades or interactions from a CSV "
                                           "file (UTF-8, UTF-8 with BOM or GB18030) in one "
                                           "transaction: every row, or none."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      awb_cli_print_error ("import", error);
      return 2;
    }
  n_given = (clients != NULL) + (trades != NULL) + (interactions != NULL);
  if (n_given != 1 || argc > 1)
    {
      g_printerr ("%s\n", _("advisor-workbench-cli import: give exactly one of --clients, "
                            "--trades or --interactions"));
      return 2;
    }
  if (!awb_cli_check_book_or_server ("import", db_path, server_uri, cache_path))
    return 2;
  if (clients)
    kind = AWB_TABLE_CLIENTS, path = clients;
  else if (trades)
    kind = AWB_TABLE_TRADES, path = trades;
  else
    kind = AWB_TABLE_INTERACTIONS, path = interactions;

  if (server_uri != NULL)
    {
      db = awb_cli_open_branch ("import", server_uri, cache_path, FALSE, &server);
      if (db == NULL)
        return 1;
    }
  else
    {
      resolved = awb_cli_resolve_db_path (db_path);
      db = awb_database_open (resolved, &error);
    }
  /* a damaged book is refused before an import damages it further */
  if (db == NULL || !awb_database_check_integrity (db, &error) ||
      !(server != NULL
        ? awb_server_run_import (server, db, kind, path, &n_rows, &warnings, NULL, &error)
        : awb_import_file (db, kind, path, NULL, NULL, NULL, &n_rows, &warnings, &error)))
    {
      awb_cli_print_error ("import", error);
      return 1;
    }
  for (guint i = 0; warnings && warnings[i]; i++)
    g_printerr (_("advisor-workbench-cli import: warning: %s\n"), warnings[i]);
  /* %llu, not G_GUINT64_FORMAT: xgettext cuts a msgid at a macro */
  g_print (ngettext ("Imported %llu row from %s\n",
                     "Imported %llu rows from %s\n", n_rows),
           (unsigned long long) n_rows, path);
  return 0;
}

/* advisor-workbench-cli export clients|trades|interactions --db PATH --output F
 *                                [--encoding utf8-bom|utf8|gb18030] [--full]
 *                                [--no-formula-guard]
 *
 * Phone and ID numbers are masked unless --full; text cells a spreadsheet
 * would run as formulas get a leading apostrophe unless --no-formula-guard
 * (awb-export.h). */
int
awb_cli_export (int    argc,
                char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *server_uri = NULL;
  g_autofree char *cache_path = NULL;
  g_autoptr(AwbServer) server = NULL;
  g_autofree char *output = NULL;
  g_autofree char *encoding_name = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = NULL;
  g_autofree char *resolved = NULL;
  gboolean full = FALSE, no_formula_guard = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The book (default: the app’s book)"), N_("PATH") },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server_uri,
      N_("Export what this login sees on the branch server instead of a book"), N_("URI") },
    { "cache", 0, 0, G_OPTION_ARG_FILENAME, &cache_path,
      N_("The branch server’s cache book (default: in the user’s cache folder)"), N_("PATH") },
    { "full", 0, 0, G_OPTION_ARG_NONE, &full,
      N_("Write phone and ID numbers in full (default: masked, like 138****5678)"), NULL },
    { "no-formula-guard", 0, 0, G_OPTION_ARG_NONE, &no_formula_guard,
      N_("Write text starting with =, +, -, @, tab or CR as it is (default: with a leading "
         "apostrophe, so a spreadsheet does not run it as a formula)"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the CSV file here"), N_("FILE") },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding_name,
      N_("utf8-bom (default, for Excel), utf8 or gb18030"), N_("ENCODING") },
    { NULL }
  };
  AwbExportEncoding encoding = AWB_EXPORT_UTF8_BOM;
  AwbExportFlags flags = AWB_EXPORT_FLAGS_NONE;
  AwbTableKind kind;
  guint64 n_rows = 0;

  context = g_option_context_new (_("clients|trades|interactions"));
  g_option_context_set_summary (context, _("Export the book to a CSV file in the interchange "
                                           "format; “export scores” exports a scoring run."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      awb_cli_print_error ("export", error);
      return 2;
    }
  if (argc != 2)
    {
      g_printerr ("%s\n", _("advisor-workbench-cli export: say what to export: clients, trades, "
                            "interactions or scores"));
      return 2;
    }
  if (strcmp (argv[1], "clients") == 0)
    kind = AWB_TABLE_CLIENTS;
  else if (strcmp (argv[1], "trades") == 0)
    kind = AWB_TABLE_TRADES;
  else if (strcmp (argv[1], "interactions") == 0)
    kind = AWB_TABLE_INTERACTIONS;
  else
    {
      g_printerr (_("advisor-workbench-cli export: unknown table “%s”: expected clients, trades, "
                    "interactions or scores\n"), argv[1]);
      return 2;
    }
  if (output == NULL)
    {
      g_printerr ("%s\n", _("advisor-workbench-cli export: --output FILE is required"));
      return 2;
    }
  if (encoding_name == NULL || strcmp (encoding_name, "utf8-bom") == 0)
    encoding = AWB_EXPORT_UTF8_BOM;
  else if (strcmp (encoding_name, "utf8") == 0)
    encoding = AWB_EXPORT_UTF8;
  else if (g_ascii_strcasecmp (encoding_name, "gb18030") == 0)
    encoding = AWB_EXPORT_GB18030;
  else
    {
      g_printerr (_("advisor-workbench-cli export: unknown encoding “%s”: expected utf8-bom, "
                    "utf8 or gb18030\n"), encoding_name);
      return 2;
    }

  if (full)
    flags |= AWB_EXPORT_FULL_NUMBERS;
  if (no_formula_guard)
    flags |= AWB_EXPORT_NO_FORMULA_GUARD;
  if (!awb_cli_check_book_or_server ("export", db_path, server_uri, cache_path))
    return 2;

  if (server_uri != NULL)
    {
      db = awb_cli_open_branch ("export", server_uri, cache_path, TRUE, &server);
      if (db == NULL)
        return 1;
    }
  else
    {
      resolved = awb_cli_resolve_db_path (db_path);
      db = awb_database_open (resolved, &error);
    }
  if (db == NULL || !awb_export_file (db, kind, output, encoding, flags, NULL, &n_rows, &error))
    {
      awb_cli_print_error ("export", error);
      return 1;
    }
  g_print (ngettext ("Exported %llu row to %s\n",
                     "Exported %llu rows to %s\n", n_rows),
           (unsigned long long) n_rows, output);
  return 0;
}
