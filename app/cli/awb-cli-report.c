/* awb-cli-report.c: the report and chart commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   advisor-workbench-cli report --db PATH --output FILE.pdf [--run ID]
 *       [--compare ID|none] [--manager NAME]
 *     the client segmentation report of a run (default: the latest),
 *     compared with another (default: the run before it), for the whole
 *     book or one manager, as an A4 PDF
 *   advisor-workbench-cli chart --db PATH --kind KIND --output FILE.png|.svg|.csv
 *       [--csv FILE.csv] [--run ID] [--compare ID|none] [--manager NAME]
 *       [--width PX] [--height PX] [--dark]
 *     one chart of the dashboard, drawn as the dashboard draws it, or its
 *     numbers as CSV; `--kind help` lists the kinds
 *
 * Everything the user can get wrong (an unknown kind, manager, run or
 * extension) is refused before anything is written.
 */
#define G_LOG_DOMAIN "awb-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "awb-book-query.h"
#include "awb-chart-catalog.h"
#include "awb-chart-export.h"
#include "awb-chart-style.h"
#include "awb-cli.h"
#include "awb-report.h"
#include "awb-scoring.h"

#define DEFAULT_CHART_WIDTH 900
#define MAX_CHART_SIDE      10000

/* --compare: a run's number, or "none"; NULL is the run before the one shown. */
static gboolean
parse_compare (const char  *text,
               gint64      *out,
               GError     **error)
{
  guint64 v;

  if (text == NULL)
    {
      *out = AWB_DASHBOARD_PREVIOUS;
      return TRUE;
    }
  if (g_ascii_strcasecmp (text, "none") == 0)
    {
      *out = AWB_DASHBOARD_NONE;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &v, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--compare: “%s” is neither the number of a scoring run nor “none”"), text);
      return FALSE;
    }
  *out = (gint64) v;
  return TRUE;
}

/* The file name's extension, lower case, without the dot; "" without one. */
static char *
extension_of (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *dot = strrchr (base, '.');

  return g_ascii_strdown (dot != NULL && dot != base ? dot + 1 : "", -1);
}

static gboolean
check_extension (const char  *option,
                 const char  *path,
                 const char  *const *allowed,
                 const char  *allowed_text,
                 char       **out,
                 GError     **error)
{
  g_autofree char *ext = extension_of (path);

  if (!g_strv_contains (allowed, ext))
    {
      if (ext[0] == '\0')
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     /* Translators: %1$s is an option (--output), %2$s a file
                      * name, %3$s the extensions accepted, e.g. ".png, .svg or .csv" */
                     _("%1$s: “%2$s” has no extension; give a file ending in %3$s"),
                     option, path, allowed_text);
      else
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     /* Translators: %1$s is an option (--output), %2$s an
                      * extension (".jpg"), %3$s the extensions accepted */
                     _("%1$s: cannot write “.%2$s” files; give a file ending in %3$s"),
                     option, ext, allowed_text);
      return FALSE;
    }
  if (out != NULL)
    *out = g_steal_pointer (&ext);
  return TRUE;
}

/* Opens the book and loads what the report and the charts show, for the
 * manager named (NULL: the whole book).  Prints the error and returns
 * NULL on failure. */
static AwbDashboardData *
load_data (const char    *command,
           const char    *db_opt,
           gint64         run_id,
           gint64         compare_run,
           const char    *manager,
           AwbDatabase  **db_out)
{
  g_autofree char *path = awb_cli_resolve_db_path (db_opt);
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = awb_database_open (path, &error);
  AwbDashboardData *data;
  gint64 manager_id = 0;

  if (db == NULL)
    {
      awb_cli_print_error (command, error);
      return NULL;
    }
  if (manager != NULL)
    {
      if (!awb_book_query_manager_id (db, manager, &manager_id, &error))
        {
          awb_cli_print_error (command, error);
          return NULL;
        }
      if (manager_id == 0)
        {
          /* Translators: %1$s is the command (report, chart), %2$s a name */
          g_printerr (_("advisor-workbench-cli %1$s: --manager: the book has no manager “%2$s”\n"),
                      command, manager);
          return NULL;
        }
    }
  if (run_id == AWB_DASHBOARD_LATEST)
    {
      gint64 latest = awb_scoring_get_latest_run (db, &error);

      if (latest <= 0 && error != NULL)
        {
          awb_cli_print_error (command, error);
          return NULL;
        }
      if (latest <= 0)
        {
          /* Translators: %s is the command (report, chart) */
          g_printerr (_("advisor-workbench-cli %s: the book has no scoring run yet; run "
                        "“advisor-workbench-cli score” first\n"), command);
          return NULL;
        }
    }
  data = awb_dashboard_data_load (db, run_id, compare_run, manager_id, NULL, &error);
  if (data == NULL)
    {
      awb_cli_print_error (command, error);
      return NULL;
    }
  if (db_out != NULL)
    *db_out = g_steal_pointer (&db);
  return data;
}

/* ---- report ---------------------------------------------------------- */

int
awb_cli_report (int    argc,
                char **argv)
{
  g_autofree char *db_opt = NULL;
  g_autofree char *output = NULL;
  g_autofree char *compare_opt = NULL;
  g_autofree char *manager = NULL;
  gint64 run_opt = 0;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_opt, N_("The book (default: the user’s book)"), N_("PATH") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), N_("FILE.pdf") },
    { "run", 0, 0, G_OPTION_ARG_INT64, &run_opt, N_("Scoring run (default: the latest)"), N_("ID") },
    { "compare", 0, 0, G_OPTION_ARG_STRING, &compare_opt,
      N_("The run to compare with, or “none” (default: the run before)"), N_("ID") },
    { "manager", 0, 0, G_OPTION_ARG_STRING, &manager,
      N_("Only this manager’s clients (default: the whole book)"), N_("NAME") },
    { NULL }
  };
  static const char *const pdf[] = { "pdf", NULL };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDashboardData) data = NULL;
  gint64 compare_run;
  guint n_pages = 0;

  g_option_context_set_summary (context,
                                _("Write the client segmentation report of a scoring run as an "
                                  "A4 PDF: the key figures, every chart of the dashboard with "
                                  "its table of numbers, and the migration since the run "
                                  "compared with."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      awb_cli_print_error ("report", error);
      return 2;
    }
  if (argc != 1)
    return awb_cli_usage_error ("report", context, _("unexpected arguments"));
  if (output == NULL)
    return awb_cli_usage_error ("report", context, _("--output FILE.pdf is required"));
  if (run_opt < 0)
    return awb_cli_usage_error ("report", context, _("--run: give the number of a scoring run"));
  if (!check_extension ("--output", output, pdf, ".pdf", NULL, &error) ||
      !parse_compare (compare_opt, &compare_run, &error))
    {
      awb_cli_print_error ("report", error);
      return 2;
    }

  data = load_data ("report", db_opt, run_opt, compare_run, manager, NULL);
  if (data == NULL)
    return 1;
  if (!awb_report_write_pdf_for_data (data, output, &n_pages, NULL, &error))
    {
      awb_cli_print_error ("report", error);
      return 1;
    }
  printf (ngettext ("Wrote a report of %u page to %s\n", "Wrote a report of %u pages to %s\n",
                    n_pages), n_pages, output);
  return 0;
}

/* ---- chart ----------------------------------------------------------- */

static void
list_kinds (void)
{
  int width = 0;

  for (guint k = 0; k < AWB_N_CHARTS; k++)
    width = MAX (width, (int) strlen (awb_chart_kind_to_string (k)));
  for (guint k = 0; k < AWB_N_CHARTS; k++)
    printf ("%-*s  %s\n", width, awb_chart_kind_to_string (k), awb_chart_kind_get_title (k));
}

static gboolean
parse_side (const char  *option,
            int          value,
            GError     **error)
{
  if (value < 0 || value > MAX_CHART_SIDE || (value > 0 && value < 100))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: %1$s is an option (--width), %2$d its value,
                    * %3$d and %4$d the bounds */
                   _("%1$s: %2$d pixels is out of bounds; give %3$d to %4$d"),
                   option, value, 100, MAX_CHART_SIDE);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_csv (AwbChartTable  *table,
           const char     *path,
           GError        **error)
{
  g_autofree char *csv = awb_chart_table_to_csv (table);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_set_contents (path, csv, -1, &local_error))
    {
      g_set_error (error, G_FILE_ERROR, local_error->code,
                   /* Translators: %1$s is a file name, %2$s the reason */
                   _("Could not write “%1$s”: %2$s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

int
awb_cli_chart (int    argc,
               char **argv)
{
  g_autofree char *db_opt = NULL;
  g_autofree char *kind_opt = NULL;
  g_autofree char *output = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *compare_opt = NULL;
  g_autofree char *manager = NULL;
  gint64 run_opt = 0;
  int width = 0, height = 0;
  gboolean dark = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_opt, N_("The book (default: the user’s book)"), N_("PATH") },
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_opt,
      N_("The chart (“--kind help” lists them)"), N_("KIND") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write: a picture (.png, .svg) or the numbers (.csv)"), N_("FILE") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, N_("Also write the chart’s numbers"), N_("FILE.csv") },
    { "run", 0, 0, G_OPTION_ARG_INT64, &run_opt, N_("Scoring run (default: the latest)"), N_("ID") },
    { "compare", 0, 0, G_OPTION_ARG_STRING, &compare_opt,
      N_("The run to compare with, or “none” (default: the run before)"), N_("ID") },
    { "manager", 0, 0, G_OPTION_ARG_STRING, &manager,
      N_("Only this manager’s clients (default: the whole book)"), N_("NAME") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Width in pixels (default: 900)"), N_("PX") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height,
      N_("Height in pixels (default: what the chart needs)"), N_("PX") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Draw for a dark background"), NULL },
    { NULL }
  };
  static const char *const outputs[] = { "png", "svg", "csv", NULL };
  static const char *const csvs[] = { "csv", NULL };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDashboardData) data = NULL;
  g_autoptr(AwbChartTable) table = NULL;
  g_autofree char *ext = NULL;
  AwbChartKind kind;
  AwbChartStyle style;
  gint64 compare_run;
  double w, h;

  g_option_context_set_summary (context,
                                _("Draw one chart of the dashboard into a PNG or SVG file, or "
                                  "write its numbers as CSV."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      awb_cli_print_error ("chart", error);
      return 2;
    }
  if (argc != 1)
    return awb_cli_usage_error ("chart", context, _("unexpected arguments"));
  if (kind_opt == NULL)
    return awb_cli_usage_error ("chart", context, _("--kind KIND is required (“--kind help” lists them)"));
  if (g_str_equal (kind_opt, "help"))
    {
      list_kinds ();
      return 0;
    }
  if (!awb_chart_kind_from_string (kind_opt, &kind))
    {
      g_printerr (_("advisor-workbench-cli chart: --kind: there is no chart “%s”; "
                    "“--kind help” lists them\n"), kind_opt);
      return 2;
    }
  if (output == NULL && csv == NULL)
    return awb_cli_usage_error ("chart", context, _("--output FILE is required"));
  if (run_opt < 0)
    return awb_cli_usage_error ("chart", context, _("--run: give the number of a scoring run"));
  if ((output != NULL &&
       !check_extension ("--output", output, outputs, _(".png, .svg or .csv"), &ext, &error)) ||
      (csv != NULL && !check_extension ("--csv", csv, csvs, ".csv", NULL, &error)) ||
      !parse_side ("--width", width, &error) ||
      !parse_side ("--height", height, &error) ||
      !parse_compare (compare_opt, &compare_run, &error))
    {
      awb_cli_print_error ("chart", error);
      return 2;
    }

  data = load_data ("chart", db_opt, run_opt, compare_run, manager, NULL);
  if (data == NULL)
    return 1;
  table = awb_chart_catalog_build (data, kind);
  if (table == NULL)
    {
      /* Translators: %s is a chart's kind, e.g. "segment-migration" */
      g_printerr (_("advisor-workbench-cli chart: the chart “%s” compares two runs, and there "
                    "is no run to compare with; give --compare ID\n"), kind_opt);
      return 1;
    }

  awb_chart_style_init (&style, dark);
  w = width > 0 ? width : DEFAULT_CHART_WIDTH;
  if (height > 0)
    h = height;
  else
    {
      PangoFontMap *font_map = pango_cairo_font_map_get_default ();
      PangoContext *pango = pango_font_map_create_context (font_map);

      h = ceil (awb_chart_get_preferred_height (table, &style, pango, w));
      g_object_unref (pango);
    }

  if (ext != NULL && g_str_equal (ext, "csv"))
    {
      if (!write_csv (table, output, &error))
        goto failed;
    }
  else if (ext != NULL)
    {
      if (!(g_str_equal (ext, "png") ? awb_chart_write_png (table, &style, w, h, output, &error)
                                     : awb_chart_write_svg (table, &style, w, h, output, &error)))
        goto failed;
    }
  if (csv != NULL && !write_csv (table, csv, &error))
    goto failed;

  if (output != NULL)
    /* Translators: %1$s is a chart's title, %2$s a file name */
    printf (_("Wrote “%1$s” to %2$s\n"), table->title, output);
  if (csv != NULL)
    printf (_("Wrote “%1$s” to %2$s\n"), table->title, csv);
  return 0;

failed:
  awb_cli_print_error ("chart", error);
  return 1;
}
