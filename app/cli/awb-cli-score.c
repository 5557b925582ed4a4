/* awb-cli-score.c: the score and rfm commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   advisor-workbench-cli score --db PATH [--as-of DATE] [--window all|DAYS]
 *       [--monetary commission|amount]
 *     scores the whole book with the book's settings (the options override
 *     them for this run), classifies it, stores the run with the settings
 *     snapshot and prints the segment distribution and the breakpoints
 *   advisor-workbench-cli score --server URI [--cache PATH] [the same options]
 *     the same on the branch server: the whole branch is scored (in the
 *     server's cache book, synced first) and the run stored on the server
 *     (awb_server_run_score); a relationship manager's login is refused
 *   advisor-workbench-cli rfm --input FILE.csv --as-of DATE [--window all|DAYS]
 *       [--id-column NAME --date-column NAME --amount-column NAME] [--bins N]
 *       --output OUT.csv [--no-formula-guard]
 *     scores any transaction file without importing it, prints the breakpoints;
 *     OUT.csv is written mode 0600, a customer id starting with = + - @ TAB
 *     or CR with a leading apostrophe unless --no-formula-guard
 */
#define G_LOG_DOMAIN "awb-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "awb-cli.h"
#include "awb-codes.h"
#include "awb-date.h"
#include "awb-money.h"
#include "awb-rfm-csv.h"
#include "awb-rfm.h"
#include "awb-scoring.h"
#include "awb-server-run.h"

static gboolean
parse_as_of (const char  *text,
             AwbDate     *out,
             GError     **error)
{
  if (text == NULL)
    {
      *out = awb_date_today ();
      return TRUE;
    }
  if (!awb_date_parse (text, -1, out))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--as-of: “%s” is not a date YYYY-MM-DD"), text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_window (const char  *text,
              int         *out,
              GError     **error)
{
  char *end = NULL;
  gint64 v;

  if (text == NULL)
    return TRUE;
  if (g_ascii_strcasecmp (text, "all") == 0)
    {
      *out = 0;
      return TRUE;
    }
  v = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0' || v < 1 || v > 100000)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--window: “%s” is neither “all” nor a number of days from 1 to 100000"),
                   text);
      return FALSE;
    }
  *out = (int) v;
  return TRUE;
}

static gboolean
parse_monetary (const char       *text,
                AwbMonetaryKind  *out,
                GError          **error)
{
  if (text == NULL)
    return TRUE;
  if (g_ascii_strcasecmp (text, "commission") == 0)
    *out = AWB_MONETARY_COMMISSION;
  else if (g_ascii_strcasecmp (text, "amount") == 0)
    *out = AWB_MONETARY_AMOUNT;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--monetary: “%s” is neither “commission” nor “amount”"), text);
      return FALSE;
    }
  return TRUE;
}

/* Pads @text to @width terminal columns (CJK characters count two). */
static void
print_padded (const char *text,
              int         width)
{
  int cols = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    cols += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  fputs (text, stdout);
  for (; cols < width; cols++)
    fputc (' ', stdout);
}

static void
print_breakpoints (const AwbRfmBreakpoints *bp)
{
  static const char *const names[3] = { "recency_days", "frequency", "monetary" };

  /* the rfm package's breakpoint table, one row per bin */
  printf ("metric,bin,lower_inclusive,upper_exclusive,score,n_customers\n");
  for (int d = 0; d < AWB_RFM_N_DIMS; d++)
    {
      const AwbRfmBreaks *b = &bp->dim[d];

      for (guint i = 1; i <= b->bins; i++)
        {
          char lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];

          printf ("%s,%u,%s,%s,%u,%" G_GUINT64_FORMAT "\n", names[d], i,
                  g_ascii_formatd (lo, sizeof lo, "%.15g", b->edge[i - 1]),
                  g_ascii_formatd (hi, sizeof hi, "%.15g", b->edge[i]),
                  d == AWB_RFM_DIM_R ? b->bins + 1 - i : i, b->counts[i - 1]);
        }
    }
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  int *last = user_data;
  int pct = (int) (fraction * 100);

  if (pct != *last)
    {
      *last = pct;
      fprintf (stderr, "\r%3d%%", pct);
      if (pct == 100)
        fputc ('\n', stderr);
    }
}

static void
print_distribution (GArray *rows)
{
  gint64 scored = 0, total;
  const AwbSegmentCount *prospects = &g_array_index (rows, AwbSegmentCount, AWB_N_SEGMENTS);

  for (guint i = 0; i < AWB_N_SEGMENTS; i++)
    scored += g_array_index (rows, AwbSegmentCount, i).n_clients;
  total = scored + prospects->n_clients;

  print_padded (_("Segment"), 24);
  printf ("%10s %8s %22s\n", _("Clients"), _("Share"), _("AUM (CNY)"));
  for (guint i = 0; i <= AWB_N_SEGMENTS; i++)
    {
      const AwbSegmentCount *row = &g_array_index (rows, AwbSegmentCount, i);
      g_autofree char *aum = awb_money_format_grouped (row->aum);
      gint64 base = i < AWB_N_SEGMENTS ? scored : total;

      if (i == AWB_N_SEGMENTS)
        printf ("\n");
      print_padded (i < AWB_N_SEGMENTS ? awb_code_get_label (AWB_KIND_RFM_SEGMENT, (int) i)
                                       : _("Prospects (not scored)"), 24);
      printf ("%10" G_GINT64_FORMAT " %7.1f%% %22s\n", row->n_clients,
              base > 0 ? 100.0 * (double) row->n_clients / (double) base : 0.0, aum);
    }
  print_padded (_("Total"), 24);
  printf ("%10" G_GINT64_FORMAT "\n", total);
}

int
awb_cli_score (int    argc,
               char **argv)
{
  g_autofree char *db_opt = NULL;
  g_autofree char *server_uri = NULL;
  g_autofree char *cache_path = NULL;
  g_autoptr(AwbServer) server = NULL;
  g_autofree char *as_of_opt = NULL;
  g_autofree char *window_opt = NULL;
  g_autofree char *monetary_opt = NULL;
  gboolean quiet = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_opt,
      N_("The book (default: the user’s book)"), N_("PATH") },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server_uri,
      N_("Score the whole branch on the branch server and store the run there"), N_("URI") },
    { "cache", 0, 0, G_OPTION_ARG_FILENAME, &cache_path,
      N_("The branch server’s cache book (default: in the user’s cache folder)"), N_("PATH") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_opt,
      N_("Reference date (default: today)"), N_("YYYY-MM-DD") },
    { "window", 0, 0, G_OPTION_ARG_STRING, &window_opt,
      N_("RFM window: all, or days (default: the book’s setting)"), N_("all|DAYS") },
    { "monetary", 0, 0, G_OPTION_ARG_STRING, &monetary_opt,
      N_("Monetary value: commission or amount (default: the book’s setting)"), N_("KIND") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Do not show progress"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autofree char *path = NULL;
  g_autofree char *as_of_text = NULL;
  AwbScoreOptions options;
  AwbScoreResult result;
  AwbDate as_of;
  int window_days = AWB_SCORE_BOOK_SETTING;
  AwbMonetaryKind monetary = AWB_MONETARY_COMMISSION;
  int last = -1;

  g_option_context_set_summary (context, _("Score the whole book as of a date and store the run."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      !parse_as_of (as_of_opt, &as_of, &error) ||
      !parse_window (window_opt, &window_days, &error) ||
      !parse_monetary (monetary_opt, &monetary, &error))
    {
      awb_cli_print_error ("score", error);
      return 2;
    }

  /* the book's settings in force, with this command's overrides */
  awb_score_options_init (&options, as_of);
  options.window_days = window_days;
  if (monetary_opt != NULL)
    options.monetary = monetary;

  if (!awb_cli_check_book_or_server ("score", db_opt, server_uri, cache_path))
    return 2;
  if (server_uri != NULL)
    {
      db = awb_cli_open_branch ("score", server_uri, cache_path, TRUE, &server);
      if (db == NULL)
        return 1;
      if (!awb_server_run_score (server, db, &options,
                                 quiet || !isatty (STDERR_FILENO) ? NULL : on_progress,
                                 &last, NULL, &result, &error))
        {
          awb_cli_print_error ("score", error);
          return 1;
        }
    }
  else
    {
      path = awb_cli_resolve_db_path (db_opt);
      db = awb_database_open (path, &error);
    }
  if (db == NULL ||
      (server == NULL &&
       !awb_scoring_score_book (db, &options, quiet || !isatty (STDERR_FILENO) ? NULL : on_progress,
                                &last, NULL, &result, &error)))
    {
      awb_cli_print_error ("score", error);
      return 1;
    }
  rows = awb_scoring_get_distribution (db, result.run_id, &error);
  if (rows == NULL)
    {
      awb_cli_print_error ("score", error);
      return 1;
    }

  as_of_text = awb_date_format (as_of);
  printf (_("Scoring run %lld as of %s\n\n"), (long long) result.run_id, as_of_text);
  print_distribution (rows);
  printf ("\n");
  print_breakpoints (&result.breakpoints);
  return 0;
}

int
awb_cli_rfm (int    argc,
             char **argv)
{
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;
  g_autofree char *as_of_opt = NULL;
  g_autofree char *window_opt = NULL;
  g_autofree char *id_col = NULL;
  g_autofree char *date_col = NULL;
  g_autofree char *amount_col = NULL;
  int bins = 5;
  gboolean no_formula_guard = FALSE;
  GOptionEntry entries[] = {
    { "input", 0, 0, G_OPTION_ARG_FILENAME, &input,
      N_("Transactions, one row each"), N_("FILE.csv") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_opt, N_("Reference date"), N_("YYYY-MM-DD") },
    { "window", 0, 0, G_OPTION_ARG_STRING, &window_opt,
      N_("Frequency and monetary window: all, or days (default 365)"), N_("all|DAYS") },
    { "id-column", 0, 0, G_OPTION_ARG_STRING, &id_col,
      N_("Customer id column (default: customer_id or client_id)"), N_("NAME") },
    { "date-column", 0, 0, G_OPTION_ARG_STRING, &date_col,
      N_("Date column (default: trade_date, order_date or date)"), N_("NAME") },
    { "amount-column", 0, 0, G_OPTION_ARG_STRING, &amount_col,
      N_("Amount column (default: amount or revenue)"), N_("NAME") },
    { "bins", 0, 0, G_OPTION_ARG_INT, &bins,
      N_("Number of scores per dimension (default 5)"), N_("N") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("One row per customer"), N_("OUT.csv") },
    { "no-formula-guard", 0, 0, G_OPTION_ARG_NONE, &no_formula_guard,
      N_("Write text starting with =, +, -, @, tab or CR as it is (default: with a leading "
         "apostrophe, so a spreadsheet does not run it as a formula)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  AwbRfmSettings settings;
  AwbRfmBreakpoints bp;
  AwbRfmCsvColumns columns;
  AwbDate as_of;

  g_option_context_set_summary (context, _("Score any transaction CSV file without importing it."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  awb_rfm_settings_init_default (&settings);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      !parse_window (window_opt, &settings.window_days, &error))
    {
      awb_cli_print_error ("rfm", error);
      return 2;
    }
  if (input == NULL || output == NULL || as_of_opt == NULL)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("--input, --as-of and --output are required"));
      awb_cli_print_error ("rfm", error);
      return 2;
    }
  if (!parse_as_of (as_of_opt, &as_of, &error))
    {
      awb_cli_print_error ("rfm", error);
      return 2;
    }
  if (bins < 2 || bins > AWB_RFM_MAX_BINS)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--bins: %d is not between 2 and %d"), bins, AWB_RFM_MAX_BINS);
      awb_cli_print_error ("rfm", error);
      return 2;
    }
  settings.bins = (guint) bins;
  settings.monetary = AWB_MONETARY_AMOUNT;
  if (bins != 5)
    {
      /* the segment boxes are defined on scores 1–5 */
      settings.n_boxes = 0;
      g_printerr (_("advisor-workbench-cli rfm: the segments are defined on scores 1–5; "
                    "with --bins %d every customer is in “others”\n"), bins);
    }

  columns.id_column = id_col;
  columns.date_column = date_col;
  columns.amount_column = amount_col;
  if (!awb_rfm_csv_score_file (input, &columns, &settings, as_of, output, !no_formula_guard,
                               &bp, &error))
    {
      awb_cli_print_error ("rfm", error);
      return 1;
    }
  print_breakpoints (&bp);
  return 0;
}
