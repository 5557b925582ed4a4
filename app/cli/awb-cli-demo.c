/* awb-cli-demo.c: advisor-workbench-cli demo, a demo branch of any size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   advisor-workbench-cli demo --db PATH [--clients N] [--trades M]
 *                              [--seed S] [--end-date YYYY-MM-DD]
 *
 * The same options (end date included) give the same book, byte for byte in
 * its rows, which is what the benchmarks rely on.
 */
#define G_LOG_DOMAIN "awb-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "awb-cli.h"
#include "awb-date.h"
#include "awb-demo.h"

static void
print_progress (double   fraction,
                gpointer user_data)
{
  fprintf (stderr, "\r%3d%%", (int) (fraction * 100));
  fflush (stderr);
}

static gboolean
parse_count (const char  *option,
             const char  *text,
             guint64      max,
             guint64     *out,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_ascii_string_to_unsigned (text, 10, 0, max, out, &local_error))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Bad value “%s” for %s: %s"), text, option, local_error->message);
      return FALSE;
    }
  return TRUE;
}

int
awb_cli_demo (int    argc,
              char **argv)
{
  g_autofree char *db_option = NULL;
  g_autofree char *clients_text = NULL;
  g_autofree char *trades_text = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *end_formatted = NULL;
  gboolean quiet = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = NULL;
  AwbDemoOptions options;
  AwbDemoSummary summary;
  guint64 value;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_option,
      N_("The book to write (default: the user’s book); it must hold no clients"), N_("PATH") },
    { "clients", 0, 0, G_OPTION_ARG_STRING, &clients_text,
      N_("Number of clients (default 5000)"), "N" },
    { "trades", 0, 0, G_OPTION_ARG_STRING, &trades_text,
      N_("Exact number of trades (default: about 30 per client)"), "M" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
      N_("Seed of the random numbers (default 1)"), "S" },
    { "end-date", 0, 0, G_OPTION_ARG_STRING, &end_text,
      N_("Last day of the three years of history (default today)"), N_("YYYY-MM-DD") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet,
      N_("Print neither progress nor the summary"), NULL },
    { NULL }
  };

  awb_demo_options_init (&options);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Generate a demo branch into an empty book: "
                                           "8 managers, clients, three years of trades, "
                                           "interactions and surveys."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      awb_cli_print_error ("demo", error);
      return 2;
    }
  if (argc > 1)
    {
      g_printerr (_("advisor-workbench-cli demo: unexpected argument “%s”\n"), argv[1]);
      return 2;
    }

  if (clients_text != NULL)
    {
      if (!parse_count ("--clients", clients_text, AWB_DEMO_MAX_CLIENTS, &value, &error))
        {
          awb_cli_print_error ("demo", error);
          return 2;
        }
      if (value == 0)
        {
          g_printerr (_("advisor-workbench-cli demo: --clients must be at least 1\n"));
          return 2;
        }
      options.n_clients = (guint) value;
    }
  if (trades_text != NULL)
    {
      if (!parse_count ("--trades", trades_text, AWB_DEMO_MAX_TRADES, &value, &error))
        {
          awb_cli_print_error ("demo", error);
          return 2;
        }
      options.n_trades = value;
    }
  if (seed_text != NULL &&
      !parse_count ("--seed", seed_text, G_MAXUINT64, &options.seed, &error))
    {
      awb_cli_print_error ("demo", error);
      return 2;
    }
  if (end_text != NULL && !awb_date_parse (end_text, -1, &options.end_date))
    {
      g_printerr (_("advisor-workbench-cli demo: bad value “%s” for --end-date: "
                    "expected a date as YYYY-MM-DD\n"), end_text);
      return 2;
    }

  path = awb_cli_resolve_db_path (db_option);
  db = awb_database_open (path, &error);
  if (db == NULL)
    {
      awb_cli_print_error ("demo", error);
      return 1;
    }

  if (!awb_demo_generate_full (db, &options, &summary,
                               !quiet && isatty (STDERR_FILENO) ? print_progress : NULL, NULL,
                               NULL, &error))
    {
      if (!quiet && isatty (STDERR_FILENO))
        fprintf (stderr, "\n");
      awb_cli_print_error ("demo", error);
      return 1;
    }
  if (!quiet && isatty (STDERR_FILENO))
    fprintf (stderr, "\n");

  if (!quiet)
    {
      /* gettext cannot see through G_GUINT64_FORMAT: numbers go in as text. */
      g_autofree char *managers = g_strdup_printf ("%" G_GUINT64_FORMAT, summary.n_managers);
      g_autofree char *clients = g_strdup_printf ("%" G_GUINT64_FORMAT, summary.n_clients);
      g_autofree char *trades = g_strdup_printf ("%" G_GUINT64_FORMAT, summary.n_trades);
      g_autofree char *interactions = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                                       summary.n_interactions);
      g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, options.seed);

      end_formatted = awb_date_format (summary.end_date);
      /* Translators: the book's path, five counts, the end date and the seed. */
      printf (_("%s: %s managers, %s clients, %s trades, %s interactions, "
                "ending on %s (seed %s)\n"),
              path, managers, clients, trades, interactions, end_formatted, seed);
    }
  return 0;
}
