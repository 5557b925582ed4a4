/* awb-cli-migration.c: the migration command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   advisor-workbench-cli migration --db BOOK --from ID --to ID
 *       [--segments|--tiers] [--manager NAME] [--output FILE.csv]
 *     how the clients moved between two scoring runs, by RFM segment
 *     (default) or tier: CSV with the columns from,to,clients, the §11
 *     codes and "none" (a client absent from a run, or without the label
 *     in it), only the cells with clients, rows in code order (from, then
 *     to); to standard output without --output (then written mode 0600,
 *     through a temporary file).  --manager keeps the clients the manager
 *     has now.
 */
#define G_LOG_DOMAIN "awb-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "awb-book-query.h"
#include "awb-cli.h"
#include "awb-part-file.h"
#include "awb-run-stats.h"
#include "awb-scoring.h"

/* Whether run @id is in @runs. */
static gboolean
has_run (GPtrArray *runs,
         gint64     id)
{
  for (guint i = 0; i < runs->len; i++)
    if (((AwbScoringRunInfo *) g_ptr_array_index (runs, i))->id == id)
      return TRUE;
  return FALSE;
}

int
awb_cli_migration (int    argc,
                   char **argv)
{
  g_autofree char *db_opt = NULL;
  g_autofree char *output = NULL;
  g_autofree char *manager = NULL;
  g_autofree char *path = NULL;
  gint64 from_run = 0, to_run = 0, manager_id = 0;
  gboolean segments = FALSE, tiers = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_opt, N_("The book (default: the user’s book)"), N_("PATH") },
    { "from", 0, 0, G_OPTION_ARG_INT64, &from_run, N_("The earlier scoring run"), N_("ID") },
    { "to", 0, 0, G_OPTION_ARG_INT64, &to_run, N_("The later scoring run"), N_("ID") },
    { "segments", 0, 0, G_OPTION_ARG_NONE, &segments, N_("By RFM segment (the default)"), NULL },
    { "tiers", 0, 0, G_OPTION_ARG_NONE, &tiers, N_("By tier"), NULL },
    { "manager", 0, 0, G_OPTION_ARG_STRING, &manager,
      N_("Only the clients of this relationship manager"), N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The CSV file to write (default: standard output)"), N_("FILE.csv") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GString) csv = NULL;
  AwbLabelMigration m = { 0 };
  gint64 n_rows = 0;
  guint n;

  g_option_context_set_summary (context,
                                _("Count how the clients moved between two scoring runs, by "
                                  "segment or tier, as CSV (from,to,clients; the spec’s codes, "
                                  "“none” for a client absent from a run or without the label)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      awb_cli_print_error ("migration", error);
      return 2;
    }
  if (argc != 1)
    return awb_cli_usage_error ("migration", context, _("unexpected arguments"));
  if (from_run <= 0)
    return awb_cli_usage_error ("migration", context, _("--from ID is required: the id of a scoring run"));
  if (to_run <= 0)
    return awb_cli_usage_error ("migration", context, _("--to ID is required: the id of a scoring run"));
  if (segments && tiers)
    return awb_cli_usage_error ("migration", context, _("--segments and --tiers cannot be given together"));

  path = awb_cli_resolve_db_path (db_opt);
  db = awb_database_open (path, &error);
  if (db == NULL)
    {
      awb_cli_print_error ("migration", error);
      return 1;
    }
  runs = awb_scoring_list_runs (db, &error);
  if (runs == NULL)
    {
      awb_cli_print_error ("migration", error);
      return 1;
    }
  if (!has_run (runs, from_run) || !has_run (runs, to_run))
    {
      /* Translators: the first %s is the option (--from or --to), %lld the run's id */
      g_printerr (_("advisor-workbench-cli migration: %s: there is no scoring run %lld in this "
                    "book\n"), !has_run (runs, from_run) ? "--from" : "--to",
                  (long long) (!has_run (runs, from_run) ? from_run : to_run));
      return 1;
    }
  if (manager != NULL)
    {
      if (!awb_book_query_manager_id (db, manager, &manager_id, &error))
        {
          awb_cli_print_error ("migration", error);
          return 1;
        }
      if (manager_id == 0)
        {
          g_printerr (_("advisor-workbench-cli migration: --manager: there is no relationship "
                        "manager called “%s” in this book\n"), manager);
          return 1;
        }
    }

  if (!awb_run_stats_migration (db, from_run, to_run,
                                tiers ? AWB_MIGRATION_TIERS : AWB_MIGRATION_SEGMENTS, manager_id,
                                &m, NULL, &error))
    {
      awb_cli_print_error ("migration", error);
      return 1;
    }
  csv = g_string_new ("from,to,clients\n");
  n = m.n_codes + 1;
  for (guint f = 0; f < n; f++)
    for (guint t = 0; t < n; t++)
      if (m.counts[f * n + t] != 0)
        {
          g_string_append_printf (csv, "%s,%s,%" G_GINT64_FORMAT "\n",
                                  awb_label_migration_code (&m, f), awb_label_migration_code (&m, t),
                                  m.counts[f * n + t]);
          n_rows++;
        }
  awb_label_migration_clear (&m);

  if (output == NULL)
    {
      fputs (csv->str, stdout);
      return 0;
    }
  /* 0600 through a temporary file, like every file the book writes */
  if (!awb_part_file_set_contents (output, csv->str, csv->len, &error))
    {
      awb_cli_print_error ("migration", error);
      return 1;
    }
  /* %lld, not G_GINT64_FORMAT: xgettext cuts a msgid at a macro */
  printf (g_dngettext (GETTEXT_PACKAGE, "Wrote %lld row to %s\n", "Wrote %lld rows to %s\n",
                       (gulong) n_rows),
          (long long) n_rows, output);
  return 0;
}
