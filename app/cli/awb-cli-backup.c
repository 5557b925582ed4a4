/* awb-cli-backup.c: the backup and restore commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   advisor-workbench-cli backup [--db BOOK] --output FILE
 *     a copy of the book in one file (mode 0600), made with SQLite's online
 *     backup API, so safe while the app has the book open, and checked
 *     (PRAGMA integrity_check) before it is reported done
 *   advisor-workbench-cli restore [--db BOOK] --input FILE
 *     checks FILE (an SQLite file, sound, a book, of a schema this version
 *     opens), keeps the book as it was as BOOK.before-restore-YYYYMMDD-HHMMSS
 *     and replaces it with the backup (awb-backup.c)
 */
#define G_LOG_DOMAIN "awb-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "awb-backup.h"
#include "awb-cli.h"

int
awb_cli_backup (int    argc,
                char **argv)
{
  g_autofree char *db_opt = NULL;
  g_autofree char *output = NULL;
  g_autofree char *path = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_opt, N_("The book (default: the user’s book)"), N_("PATH") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The backup file to write"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = NULL;

  g_option_context_set_summary (context,
                                _("Write a copy of the book to one file, safely while the app "
                                  "has it open; the copy is checked before it is kept."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      awb_cli_print_error ("backup", error);
      return 2;
    }
  if (argc != 1)
    return awb_cli_usage_error ("backup", context, _("unexpected arguments"));
  if (output == NULL)
    return awb_cli_usage_error ("backup", context, _("--output FILE is required"));

  path = awb_cli_resolve_db_path (db_opt);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr (_("advisor-workbench-cli backup: there is no book “%s”\n"), path);
      return 1;
    }
  db = awb_database_open (path, &error);
  if (db == NULL || !awb_backup_write (db, output, NULL, &error))
    {
      awb_cli_print_error ("backup", error);
      return 1;
    }
  /* Translators: %1$s is the book, %2$s the backup file */
  printf (_("Backed up %1$s to %2$s\n"), path, output);
  return 0;
}

int
awb_cli_restore (int    argc,
                 char **argv)
{
  g_autofree char *db_opt = NULL;
  g_autofree char *input = NULL;
  g_autofree char *path = NULL;
  g_autofree char *kept = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_opt, N_("The book (default: the user’s book)"), N_("PATH") },
    { "input", 'i', 0, G_OPTION_ARG_FILENAME, &input, N_("The backup to restore"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context,
                                _("Replace the book with a backup, after checking the backup; "
                                  "the book as it was is kept as BOOK.before-restore-DATE-TIME."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      awb_cli_print_error ("restore", error);
      return 2;
    }
  if (argc != 1)
    return awb_cli_usage_error ("restore", context, _("unexpected arguments"));
  if (input == NULL)
    return awb_cli_usage_error ("restore", context, _("--input FILE is required"));

  path = awb_cli_resolve_db_path (db_opt);
  if (!awb_backup_restore (path, input, &kept, &error))
    {
      awb_cli_print_error ("restore", error);
      return 1;
    }
  /* Translators: %1$s is the book, %2$s the backup file */
  printf (_("Restored %1$s from %2$s\n"), path, input);
  if (kept != NULL)
    /* Translators: %s is a file name */
    printf (_("The book as it was is kept as %s\n"), kept);
  return 0;
}
