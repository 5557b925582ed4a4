/* awb-cli-backup.c: the backup and restore commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   advisor-workbench-cli backup [--db BOOK] [--encrypt] --output FILE
 *     a copy of the book in one file (mode 0600), made with SQLite's online
 *     backup API, so safe while the app has the book open, and checked
 *     (PRAGMA integrity_check) before it is reported done; with --encrypt,
 *     encrypted with a passphrase
 *   advisor-workbench-cli restore [--db BOOK] --input FILE
 *     checks FILE (an SQLite file, sound, a book, of a schema this version
 *     opens; an encrypted one is decrypted first), keeps the book as it was
 *     as BOOK.before-restore-YYYYMMDD-HHMMSS and replaces it with the
 *     backup (awb-backup.c)
 *
 * The passphrase is read from the environment variable
 * AWB_BACKUP_PASSPHRASE when set (scripts, tests), else asked on the
 * terminal without echo (twice for a backup).
 */
#define G_LOG_DOMAIN "awb-cli"

#include "config.h"

#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "awb-backup.h"
#include "awb-cli.h"

/* Asks @prompt on the terminal and reads a line without echo; NULL when
 * there is no terminal. */
static char *
read_secret (const char *prompt)
{
  struct termios old, quiet;
  char line[1024];
  FILE *tty = g_fopen ("/dev/tty", "r+e");
  gboolean echo_off;
  char *answer = NULL;

  if (tty == NULL)
    return NULL;
  fprintf (tty, "%s", prompt);
  fflush (tty);
  echo_off = tcgetattr (fileno (tty), &old) == 0;
  if (echo_off)
    {
      quiet = old;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (fileno (tty), TCSAFLUSH, &quiet);
    }
  if (fgets (line, sizeof line, tty) != NULL)
    {
      line[strcspn (line, "\r\n")] = '\0';
      answer = g_strdup (line);
    }
  if (echo_off)
    tcsetattr (fileno (tty), TCSAFLUSH, &old);
  fprintf (tty, "\n");
  fclose (tty);
  memset (line, 0, sizeof line);
  return answer;
}

/* The passphrase (Notes at the top): NULL, with the reason printed, when
 * there is none. */
static char *
get_passphrase (const char *command,
                gboolean    confirm)
{
  const char *env = g_getenv ("AWB_BACKUP_PASSPHRASE");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (env != NULL)
    first = g_strdup (env);
  else
    {
      first = read_secret (_("Passphrase: "));
      if (first != NULL && confirm)
        {
          second = read_secret (_("Passphrase again: "));
          if (g_strcmp0 (first, second) != 0)
            {
              /* Translators: %s is the command, backup */
              g_printerr (_("advisor-workbench-cli %s: the two passphrases differ\n"), command);
              return NULL;
            }
        }
    }
  if (first == NULL || *first == '\0')
    {
      /* Translators: %s is the command, backup or restore */
      g_printerr (_("advisor-workbench-cli %s: a passphrase is needed: type it, or set "
                    "AWB_BACKUP_PASSPHRASE\n"), command);
      return NULL;
    }
  return g_steal_pointer (&first);
}

int
awb_cli_backup (int    argc,
                char **argv)
{
  g_autofree char *db_opt = NULL;
  g_autofree char *output = NULL;
  g_autofree char *path = NULL;
  g_autofree char *passphrase = NULL;
  gboolean encrypt = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_opt, N_("The book (default: the user’s book)"), N_("PATH") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The backup file to write"), N_("FILE") },
    { "encrypt", 0, 0, G_OPTION_ARG_NONE, &encrypt,
      N_("Encrypt the backup with a passphrase (asked, or AWB_BACKUP_PASSPHRASE)"), NULL },
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
  if (encrypt && !awb_backup_can_encrypt ())
    {
      g_printerr ("%s\n", _("advisor-workbench-cli backup: this build cannot encrypt backups "
                            "(it was built without libsodium)"));
      return 1;
    }
  if (encrypt)
    {
      passphrase = get_passphrase ("backup", TRUE);
      if (passphrase == NULL)
        return 1;
    }
  db = awb_database_open (path, &error);
  if (db == NULL ||
      !(encrypt ? awb_backup_write_encrypted (db, output, passphrase, NULL, &error)
                : awb_backup_write (db, output, NULL, &error)))
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
  g_autofree char *passphrase = NULL;
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
  if (awb_backup_is_encrypted (input))
    {
      passphrase = get_passphrase ("restore", FALSE);
      if (passphrase == NULL)
        return 1;
    }
  if (!awb_backup_restore (path, input, passphrase, &kept, &error))
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
