/* awb-cli-model.c: the settings, explain and export scores commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   advisor-workbench-cli settings list [--db PATH]
 *     every setting: key, value in force, the spec's default
 *   advisor-workbench-cli settings get KEY [--db PATH]
 *   advisor-workbench-cli settings set KEY VALUE [KEY VALUE…] [--db PATH]
 *     changes the settings together, validated as a whole; a rejected
 *     change names the setting, changes nothing and exits 1
 *   advisor-workbench-cli explain [--db PATH] [--as-of DATE] CLIENT_ID
 *     scores the book as of the date (default today) with the settings in
 *     force, without storing a run, and explains every label of the client
 *   advisor-workbench-cli export scores [--db PATH] [--run ID] [--no-formula-guard]
 *       --output FILE.csv
 *     the `scores` table of §11 for a run (default: the latest)
 */
#define G_LOG_DOMAIN "awb-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "awb-classify.h"
#include "awb-cli.h"
#include "awb-date.h"
#include "awb-explain.h"
#include "awb-rfm.h"
#include "awb-scores-export.h"
#include "awb-scoring.h"
#include "awb-server-run.h"
#include "awb-settings-store.h"

static AwbDatabase *
open_book (const char  *command,
           const char  *db_opt)
{
  g_autofree char *path = awb_cli_resolve_db_path (db_opt);
  g_autoptr(GError) error = NULL;
  AwbDatabase *db = awb_database_open (path, &error);

  if (db == NULL)
    awb_cli_print_error (command, error);
  return db;
}

/* ---- settings ----------------------------------------------------------- */

/* A text on one line of the tab-separated list: tab and newline as \t, \n. */
static char *
one_line (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '\t')
        g_string_append (out, "\\t");
      else if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '\\')
        g_string_append (out, "\\\\");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static int
settings_list (AwbDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbSettings) s = awb_settings_store_load (db, &error);

  if (s == NULL)
    {
      awb_cli_print_error ("settings", error);
      return 1;
    }
  /* Tab-separated, so a spreadsheet or `cut` reads it; a changed value is
   * marked with '*'. */
  printf ("key\tvalue\tdefault\n");
  for (guint i = 0; i < awb_settings_get_n_keys (); i++)
    {
      const char *key = awb_settings_get_key (i);
      g_autofree char *value = awb_settings_get_value (s, key);
      g_autofree char *def = awb_settings_get_default (key);

      g_autofree char *shown = one_line (value);
      g_autofree char *shown_def = one_line (def);

      printf ("%s%s\t%s\t%s\n", key, g_strcmp0 (value, def) != 0 ? "*" : "", shown, shown_def);
    }
  return 0;
}

int
awb_cli_settings (int    argc,
                  char **argv)
{
  g_autofree char *db_opt = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_opt, N_("The book (default: the user’s book)"), N_("PATH") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("list | get KEY | set KEY VALUE [KEY VALUE…]"));
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = NULL;
  const char *verb;

  g_option_context_set_summary (context,
                                _("List, read or change the book’s settings: every threshold, "
                                  "weight, table and text of the model."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      awb_cli_print_error ("settings", error);
      return 2;
    }
  if (argc < 2)
    return awb_cli_usage_error ("settings", context, _("say list, get or set"));
  verb = argv[1];

  if (strcmp (verb, "list") == 0)
    {
      if (argc != 2)
        return awb_cli_usage_error ("settings", context, _("list takes no argument"));
      db = open_book ("settings", db_opt);
      return db != NULL ? settings_list (db) : 1;
    }
  else if (strcmp (verb, "get") == 0)
    {
      g_autoptr(AwbSettings) s = NULL;
      g_autofree char *value = NULL;

      if (argc != 3)
        return awb_cli_usage_error ("settings", context, _("get takes one KEY"));
      if (!awb_settings_has_key (argv[2]))
        {
          g_printerr (_("advisor-workbench-cli settings: there is no setting “%s”; "
                        "“settings list” shows them all\n"), argv[2]);
          return 1;
        }
      db = open_book ("settings", db_opt);
      if (db == NULL)
        return 1;
      s = awb_settings_store_load (db, &error);
      if (s == NULL)
        {
          awb_cli_print_error ("settings", error);
          return 1;
        }
      value = awb_settings_get_value (s, argv[2]);
      printf ("%s\n", value);
      return 0;
    }
  else if (strcmp (verb, "set") == 0)
    {
      guint n;
      g_autofree const char **keys = NULL;
      g_autofree const char **values = NULL;

      if (argc < 4 || (argc - 2) % 2 != 0)
        return awb_cli_usage_error ("settings", context, _("set takes KEY VALUE pairs"));
      n = (guint) (argc - 2) / 2;
      keys = g_new (const char *, n);
      values = g_new (const char *, n);
      for (guint i = 0; i < n; i++)
        {
          keys[i] = argv[2 + 2 * i];
          values[i] = argv[3 + 2 * i];
        }
      db = open_book ("settings", db_opt);
      if (db == NULL)
        return 1;
      if (!awb_settings_store_set (db, n, keys, values, &error))
        {
          awb_cli_print_error ("settings", error);
          g_printerr ("%s\n", _("Nothing was changed."));
          return 1;
        }
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *stored = awb_database_get_setting (db, keys[i]);
          printf ("%s = %s\n", keys[i], stored);
        }
      return 0;
    }

  return awb_cli_usage_error ("settings", context, _("say list, get or set"));
}

/* ---- explain ------------------------------------------------------------ */

int
awb_cli_explain (int    argc,
                 char **argv)
{
  g_autofree char *db_opt = NULL;
  g_autofree char *as_of_opt = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_opt, N_("The book (default: the user’s book)"), N_("PATH") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_opt, N_("Reference date (default: today)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("CLIENT_ID"));
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = NULL;
  g_autoptr(AwbSettings) s = NULL;
  g_autofree AwbClientLabels *labels = NULL;
  g_autofree double *aum_rank = NULL;
  g_autofree double *freq_rank = NULL;
  g_autofree guint32 *place = NULL;
  g_autofree char *text = NULL;
  g_autofree char *rfm_text = NULL;
  AwbClientFacts *facts = NULL;
  AwbRfmBreakpoints bp;
  AwbExplainContext ctx;
  gsize n = 0, who = G_MAXSIZE;
  AwbDate as_of;

  g_option_context_set_summary (context,
                                _("Explain every label of one client: the inputs, the arithmetic "
                                  "and the rule with the settings in force."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      awb_cli_print_error ("explain", error);
      return 2;
    }
  if (argc != 2)
    return awb_cli_usage_error ("explain", context, _("give one CLIENT_ID (the account number)"));
  if (as_of_opt == NULL)
    as_of = awb_date_today ();
  else if (!awb_date_parse (as_of_opt, -1, &as_of))
    {
      g_printerr (_("advisor-workbench-cli explain: --as-of: “%s” is not a date YYYY-MM-DD\n"),
                  as_of_opt);
      return 2;
    }

  db = open_book ("explain", db_opt);
  if (db == NULL)
    return 1;
  s = awb_settings_store_load (db, &error);
  if (s == NULL ||
      !awb_scoring_gather (db, as_of, s->rfm.window_days, &facts, &n, NULL, NULL, NULL, &error))
    {
      awb_cli_print_error ("explain", error);
      return 1;
    }
  for (gsize i = 0; i < n; i++)
    if (g_strcmp0 (facts[i].client_no, argv[1]) == 0)
      who = i;
  if (who == G_MAXSIZE)
    {
      g_printerr (_("advisor-workbench-cli explain: there is no client “%s” in the book\n"),
                  argv[1]);
      awb_client_facts_free (facts, n);
      return 1;
    }

  /* The whole book, as a run would: percent ranks and value tiers are
   * relative to it. */
  labels = g_new (AwbClientLabels, n);
  for (gsize i = 0; i < n; i++)
    awb_rfm_labels_init (&labels[i]);
  aum_rank = g_new (double, n);
  freq_rank = g_new (double, n);
  place = g_new (guint32, n);
  awb_rfm_score_book (&s->rfm, as_of, facts, labels, n, &bp);
  awb_classify_book_full (s, as_of, facts, labels, n, aum_rank, freq_rank, place);

  rfm_text = awb_rfm_explain (&s->rfm, &bp, &labels[who]);
  ctx.n_book = n;
  ctx.aum_rank = aum_rank[who];
  ctx.frequency_rank = freq_rank[who];
  ctx.value_position = place[who];
  ctx.rfm_explanation = rfm_text;
  text = awb_explain_client (s, as_of, &facts[who], &labels[who], &ctx);
  fputs (text, stdout);

  awb_client_facts_free (facts, n);
  return 0;
}

/* ---- export scores ------------------------------------------------------ */

int
awb_cli_export_scores (int    argc,
                       char **argv)
{
  g_autofree char *db_opt = NULL;
  g_autofree char *server_uri = NULL;
  g_autofree char *cache_path = NULL;
  g_autoptr(AwbServer) server = NULL;
  g_autofree char *output = NULL;
  gint64 run_opt = 0;
  gboolean no_formula_guard = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_opt, N_("The book (default: the user’s book)"), N_("PATH") },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server_uri,
      N_("Export from the branch server (what this login sees) instead of a book"), N_("URI") },
    { "cache", 0, 0, G_OPTION_ARG_FILENAME, &cache_path,
      N_("The branch server’s cache book (default: in the user’s cache folder)"), N_("PATH") },
    { "run", 0, 0, G_OPTION_ARG_INT64, &run_opt, N_("Scoring run (default: the latest)"), N_("ID") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The CSV file to write"), N_("FILE.csv") },
    { "no-formula-guard", 0, 0, G_OPTION_ARG_NONE, &no_formula_guard,
      N_("Write text starting with =, +, -, @, tab or CR as it is (default: with a leading "
         "apostrophe, so a spreadsheet does not run it as a formula)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("scores");
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = NULL;
  gint64 run_id, n_rows = 0;

  g_option_context_set_summary (context,
                                _("Write the scores of a scoring run as CSV (spec §11: the "
                                  "English column names and codes)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      awb_cli_print_error ("export scores", error);
      return 2;
    }
  if (argc != 2 || strcmp (argv[1], "scores") != 0)
    return awb_cli_usage_error ("export scores", context, _("unexpected arguments"));
  if (output == NULL)
    return awb_cli_usage_error ("export scores", context, _("--output FILE.csv is required"));

  if (!awb_cli_check_book_or_server ("export scores", db_opt, server_uri, cache_path))
    return 2;
  if (server_uri != NULL)
    db = awb_cli_open_branch ("export scores", server_uri, cache_path, TRUE, &server);
  else
    db = open_book ("export scores", db_opt);
  if (db == NULL)
    return 1;
  if (run_opt > 0)
    run_id = run_opt;
  else
    {
      run_id = awb_scoring_get_latest_run (db, &error);
      if (run_id <= 0)
        {
          if (error != NULL)
            awb_cli_print_error ("export scores", error);
          else
            g_printerr ("%s\n", _("advisor-workbench-cli export scores: the book has no scoring "
                                  "run yet; run “advisor-workbench-cli score” first"));
          return 1;
        }
    }
  if (!awb_scores_export (db, run_id, output, !no_formula_guard, &n_rows, &error))
    {
      awb_cli_print_error ("export scores", error);
      return 1;
    }
  /* %lld, not G_GINT64_FORMAT: xgettext cuts a msgid at a macro */
  printf (g_dngettext (GETTEXT_PACKAGE, "Wrote %lld client of run %lld to %s\n",
                       "Wrote %lld clients of run %lld to %s\n", (gulong) n_rows),
          (long long) n_rows, (long long) run_id, output);
  return 0;
}
