/* awb-report.c: the client segmentation report, as a PDF for the branch meeting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One A4 document of a scoring run, for the whole book or one manager:
 * a title page (the branch, the filter, the run and the run compared with,
 * the key figures as cards), then every chart of the dashboard's catalogue
 * by section, each drawn by the render library exactly as the dashboard
 * draws it and followed by its table of numbers, the migration between the
 * two runs with its largest moves in words, and a footer on every page.
 *
 * Notes on the design:
 *
 *  (1) The report reads what the dashboard reads (AwbDashboardData):
 *      stored aggregates, never client rows, so it takes the same time for
 *      a hundred clients and for a million.
 *  (2) It is laid out twice by the same code: the first pass only
 *      measures (Report.cr is NULL) and counts the pages, the second draws
 *      them, so "Page N of M" is right on the first page.  Both passes use
 *      one PangoContext with hinting off, so they break pages identically.
 *  (3) Nothing is drawn across a page break: a chart moves whole to the
 *      next page, a table breaks between rows and repeats its header, a
 *      section's heading stays with its first chart.
 *  (4) The file is written whole or not at all: the PDF is made in memory
 *      and written to a temporary file beside @path, renamed over it at
 *      the end.  On failure @path is untouched.
 *  (5) Units are PDF points; the Pango context has a resolution of 72 so
 *      a 9-point font is 9 units high.
 */
#define G_LOG_DOMAIN "awb-report"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "awb-chart-catalog.h"
#include "awb-chart.h"
#include "awb-chart-style.h"
#include "awb-date.h"
#include "awb-number-format.h"
#include "awb-report.h"

#define CONTENT_X       AWB_REPORT_MARGIN
#define CONTENT_W       (AWB_REPORT_PAGE_WIDTH - 2 * AWB_REPORT_MARGIN)
#define CONTENT_TOP     AWB_REPORT_MARGIN
#define FOOTER_H        18.0
#define CONTENT_BOTTOM  (AWB_REPORT_PAGE_HEIGHT - AWB_REPORT_MARGIN - FOOTER_H)
#define CONTENT_H       (CONTENT_BOTTOM - CONTENT_TOP)

#define CELL_PAD_X      3.0
#define CELL_PAD_Y      1.8
#define NOTE_MIN_W      130.0     /* narrower than this, a note goes under its row */
#define MAX_MOVES       5

typedef enum
{
  FONT_TITLE,
  FONT_HEADING,
  FONT_SUBHEADING,
  FONT_BODY,
  FONT_BODY_BOLD,
  FONT_SMALL,
  FONT_SMALL_BOLD,
  FONT_CARD_VALUE,
  N_FONTS
} Font;

static const struct { double size; gboolean bold; } font_specs[N_FONTS] = {
  [FONT_TITLE] = { 22, TRUE },
  [FONT_HEADING] = { 14, TRUE },
  [FONT_SUBHEADING] = { 10.5, TRUE },
  [FONT_BODY] = { 9, FALSE },
  [FONT_BODY_BOLD] = { 9, TRUE },
  [FONT_SMALL] = { 7.5, FALSE },
  [FONT_SMALL_BOLD] = { 7.5, TRUE },
  [FONT_CARD_VALUE] = { 15, TRUE },
};

typedef struct
{
  cairo_t               *cr;          /* NULL while counting pages (design note 2) */
  PangoContext          *pango;
  PangoFontDescription  *fonts[N_FONTS];
  AwbDashboardData      *data;
  AwbChartStyle          style;
  char                  *chart_font;  /* style.font points here */
  char                  *footer;      /* the footer's left text */
  guint                  page;        /* the page being laid out, from 1 */
  guint                  n_pages;     /* the total: known when drawing, 0 while counting */
  double                 y;           /* the next free line on the page */
  guint                  section_pages[AWB_N_CHART_SECTIONS];   /* for the contents: each
                                                                 * section's first page, as
                                                                 * the first pass found it */
} Report;

/* ---- text --------------------------------------------------------------- */

static PangoLayout *
text_layout (Report         *r,
             const char     *text,
             Font            font,
             double          width,
             PangoAlignment  align)
{
  PangoLayout *layout = pango_layout_new (r->pango);

  pango_layout_set_font_description (layout, r->fonts[font]);
  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return pango_units_to_double (h);
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return pango_units_to_double (logical.width);
}

static void
set_color (Report              *r,
           const AwbChartColor *color)
{
  cairo_set_source_rgba (r->cr, color->red, color->green, color->blue, color->alpha);
}

static void
show_layout (Report              *r,
             PangoLayout         *layout,
             double               x,
             double               y,
             const AwbChartColor *color)
{
  if (r->cr == NULL)
    return;
  set_color (r, color);
  cairo_move_to (r->cr, x, y);
  pango_cairo_show_layout (r->cr, layout);
}

static double
measure_text (Report     *r,
              const char *text,
              Font        font)
{
  g_autoptr(PangoLayout) layout = text_layout (r, text, font, -1, PANGO_ALIGN_LEFT);

  return layout_width (layout);
}

static void
hline (Report              *r,
       double               x0,
       double               x1,
       double               y,
       double               width,
       const AwbChartColor *color)
{
  if (r->cr == NULL)
    return;
  set_color (r, color);
  cairo_set_line_width (r->cr, width);
  cairo_move_to (r->cr, x0, y);
  cairo_line_to (r->cr, x1, y);
  cairo_stroke (r->cr);
}

/* ---- pages (design notes 2 and 3) -------------------------------------- */

static void
begin_page (Report *r)
{
  r->page++;
  r->y = CONTENT_TOP;
}

static void
end_page (Report *r)
{
  g_autofree char *page = NULL;
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  double y = CONTENT_BOTTOM + FOOTER_H - 9.0;

  if (r->cr == NULL)
    return;
  /* Translators: the footer of every page of the report */
  page = g_strdup_printf (_("Page %1$u of %2$u"), r->page, r->n_pages);
  left = text_layout (r, r->footer, FONT_SMALL, CONTENT_W * 0.75, PANGO_ALIGN_LEFT);
  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_MIDDLE);
  right = text_layout (r, page, FONT_SMALL, CONTENT_W * 0.25, PANGO_ALIGN_RIGHT);
  hline (r, CONTENT_X, CONTENT_X + CONTENT_W, y - 3.0, 0.5, &r->style.grid);
  show_layout (r, left, CONTENT_X, y, &r->style.secondary);
  show_layout (r, right, CONTENT_X + CONTENT_W * 0.75, y, &r->style.secondary);
  cairo_show_page (r->cr);
}

/* Starts a new page unless @height fits below r->y (or the page is still
 * empty, where nothing would fit better).  Returns whether it did. */
static gboolean
ensure_space (Report *r,
              double  height)
{
  if (r->y + height <= CONTENT_BOTTOM || r->y <= CONTENT_TOP + 0.5)
    return FALSE;
  end_page (r);
  begin_page (r);
  return TRUE;
}

static void
add_paragraph (Report              *r,
               const char          *text,
               Font                 font,
               const AwbChartColor *color,
               double               indent,
               double               space_after)
{
  g_autoptr(PangoLayout) layout = text_layout (r, text, font, CONTENT_W - indent, PANGO_ALIGN_LEFT);
  double h = layout_height (layout);

  ensure_space (r, h);
  show_layout (r, layout, CONTENT_X + indent, r->y, color);
  r->y += h + space_after;
}

/* ---- the title page ----------------------------------------------------- */

/* "2026-07-01 09:12" in local time, from the run's ISO 8601 UTC stamp. */
static char *
format_timestamp (const char *iso)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso == NULL)
    return g_strdup ("—");
  utc = g_date_time_new_from_iso8601 (iso, NULL);
  if (utc == NULL)
    return g_strdup (iso);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static char *
describe_run (const AwbScoringRunInfo *run)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, run->id);
  g_autofree char *date = awb_date_format (run->as_of);

  /* Translators: a scoring run on the report's title page; %1$s is its
   * number, %2$s the date it scored the book as of, e.g. "Run 3 as of
   * 2026-06-30" */
  return g_strdup_printf (_("Run %1$s as of %2$s"), id, date);
}

static void
add_facts (Report *r)
{
  AwbDashboardData *data = r->data;
  g_autofree char *run = describe_run (data->run);
  g_autofree char *ran = format_timestamp (data->run->created_at);
  g_autofree char *compare = data->compare != NULL ? describe_run (data->compare)
                                                   : g_strdup (_("No earlier run"));
  const char *facts[][2] = {
    /* Translators: the book's file name follows on the title page */
    { N_("Branch"), data->book },
    { N_("Managers"), data->manager != NULL ? data->manager : _("All managers") },
    { N_("Scoring run"), run },
    /* Translators: when the scoring run was made follows, e.g. "2026-07-01 09:12" */
    { N_("Scored on"), ran },
    { N_("Compared with"), compare },
  };
  double label_w = 0;

  for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
    label_w = MAX (label_w, measure_text (r, _(facts[i][0]), FONT_BODY));
  label_w += 12;

  for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
    {
      g_autoptr(PangoLayout) label = text_layout (r, _(facts[i][0]), FONT_BODY, label_w, PANGO_ALIGN_LEFT);
      g_autoptr(PangoLayout) value = text_layout (r, facts[i][1], FONT_BODY_BOLD,
                                                  CONTENT_W - label_w, PANGO_ALIGN_LEFT);
      double h = MAX (layout_height (label), layout_height (value));

      show_layout (r, label, CONTENT_X, r->y, &r->style.secondary);
      show_layout (r, value, CONTENT_X + label_w, r->y, &r->style.foreground);
      r->y += h + 3;
    }
}

typedef struct
{
  const char *label;
  char       *value;
  char       *detail;
} Card;

static const AwbRunKpi *
shown_kpi (AwbDashboardData *data)
{
  for (guint i = 0; data->kpis != NULL && i < data->kpis->len; i++)
    {
      const AwbRunKpi *kpi = &g_array_index (data->kpis, AwbRunKpi, i);

      if (kpi->run_id == data->run->id)
        return kpi;
    }
  return awb_run_stats_get_kpi (data->stats);
}

static char *
share_of (gint64 n,
          gint64 of)
{
  return awb_format_percent (of > 0 ? 100.0 * (double) n / (double) of : NAN);
}

static void
fill_cards (AwbDashboardData *data,
            Card              cards[8])
{
  const AwbRunKpi *kpi = shown_kpi (data);
  g_autofree char *scored = awb_format_count (kpi->n_scored);
  g_autofree char *active = awb_format_count (kpi->n_active);
  g_autofree char *churn_share = share_of (kpi->n_churn_risk, kpi->n_scored);
  g_autofree char *mismatch_share = share_of (kpi->n_mismatched, kpi->n_clients);
  g_autofree char *surveys = awb_format_count (kpi->n_satisfaction);

  cards[0].label = _("Clients");
  cards[0].value = awb_format_count (kpi->n_clients);
  /* Translators: under the number of clients; %s is a count */
  cards[0].detail = g_strdup_printf (_("%s with an RFM score"), scored);

  cards[1].label = _("Assets under management");
  cards[1].value = awb_format_money_compact (kpi->aum);
  cards[1].detail = awb_format_money_full (kpi->aum);

  cards[2].label = _("Active share");
  cards[2].value = share_of (kpi->n_active, kpi->n_clients);
  /* Translators: under the active share; %s is a count */
  cards[2].detail = g_strdup_printf (_("%s clients with a trade in the last 365 days"), active);

  cards[3].label = _("At risk of churning");
  cards[3].value = awb_format_count (kpi->n_churn_risk);
  /* Translators: under the clients at risk of churning; %s is a
   * percentage such as "12.5 %" */
  cards[3].detail = g_strdup_printf (_("%s of the scored clients (recency score 1 or 2)"), churn_share);

  cards[4].label = _("Average satisfaction");
  if (kpi->n_satisfaction > 0)
    {
      cards[4].value = g_strdup_printf ("%.2f", (double) kpi->satisfaction_sum / (double) kpi->n_satisfaction);
      /* Translators: under the average satisfaction (1 to 5); %s is a count */
      cards[4].detail = g_strdup_printf (_("Out of 5, from %s surveys of the last 365 days"), surveys);
    }
  else
    {
      cards[4].value = g_strdup ("—");
      cards[4].detail = g_strdup (_("No survey in the last 365 days"));
    }

  cards[5].label = _("Lifetime value");
  cards[5].value = awb_format_money_compact (kpi->clv);
  cards[5].detail = awb_format_money_full (kpi->clv);

  cards[6].label = _("Suitability mismatches");
  cards[6].value = awb_format_count (kpi->n_mismatched);
  /* Translators: under the clients with a mismatched trade; %s is a
   * percentage such as "1.5 %" */
  cards[6].detail = g_strdup_printf (_("%s of the clients have a trade above their risk level"), mismatch_share);

  cards[7].label = _("Overdue follow-ups");
  cards[7].value = awb_format_count (kpi->n_overdue_follow_ups);
  cards[7].detail = g_strdup (_("Open follow-ups due before the run’s date"));
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   w,
                   double   h,
                   double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
add_cards (Report *r)
{
  const guint per_row = 4;
  const double gap = 8, pad = 7;
  double card_w = (CONTENT_W - gap * (per_row - 1)) / per_row;
  Card cards[8];
  AwbChartColor fill;

  fill_cards (r->data, cards);
  awb_chart_color_mix (&fill, &r->style.background, &r->style.accent, 0.06);

  for (guint first = 0; first < G_N_ELEMENTS (cards); first += per_row)
    {
      PangoLayout *layouts[4][3];
      double h = 0;

      for (guint i = 0; i < per_row; i++)
        {
          Card *card = &cards[first + i];
          double inner = card_w - 2 * pad;

          layouts[i][0] = text_layout (r, card->label, FONT_SMALL_BOLD, inner, PANGO_ALIGN_LEFT);
          layouts[i][1] = text_layout (r, card->value, FONT_CARD_VALUE, inner, PANGO_ALIGN_LEFT);
          layouts[i][2] = text_layout (r, card->detail, FONT_SMALL, inner, PANGO_ALIGN_LEFT);
          h = MAX (h, layout_height (layouts[i][0]) + 3 + layout_height (layouts[i][1]) + 3 +
                      layout_height (layouts[i][2]));
        }
      h += 2 * pad;
      ensure_space (r, h);
      for (guint i = 0; i < per_row; i++)
        {
          double x = CONTENT_X + i * (card_w + gap), y = r->y + pad;

          if (r->cr != NULL)
            {
              rounded_rectangle (r->cr, x, r->y, card_w, h, 4);
              set_color (r, &fill);
              cairo_fill_preserve (r->cr);
              set_color (r, &r->style.grid);
              cairo_set_line_width (r->cr, 0.75);
              cairo_stroke (r->cr);
            }
          show_layout (r, layouts[i][0], x + pad, y, &r->style.secondary);
          y += layout_height (layouts[i][0]) + 3;
          show_layout (r, layouts[i][1], x + pad, y, &r->style.foreground);
          y += layout_height (layouts[i][1]) + 3;
          show_layout (r, layouts[i][2], x + pad, y, &r->style.secondary);
          for (guint k = 0; k < 3; k++)
            g_object_unref (layouts[i][k]);
        }
      r->y += h + gap;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      g_free (cards[i].value);
      g_free (cards[i].detail);
    }
}

/* The sections and their first pages (0 while the first pass counts). */
static void
add_contents (Report *r)
{
  add_paragraph (r, _("Contents"), FONT_HEADING, &r->style.foreground, 0, 8);
  for (guint s = 0; s < AWB_N_CHART_SECTIONS; s++)
    {
      g_autofree char *page = g_strdup_printf ("%u", r->section_pages[s]);
      g_autoptr(PangoLayout) title = text_layout (r, awb_chart_section_get_title (s), FONT_BODY,
                                                  CONTENT_W / 2, PANGO_ALIGN_LEFT);
      g_autoptr(PangoLayout) number = text_layout (r, page, FONT_BODY, 40, PANGO_ALIGN_RIGHT);
      double h = layout_height (title);

      ensure_space (r, h);
      show_layout (r, title, CONTENT_X, r->y, &r->style.foreground);
      show_layout (r, number, CONTENT_X + CONTENT_W / 2, r->y, &r->style.foreground);
      hline (r, CONTENT_X, CONTENT_X + CONTENT_W / 2 + 40, r->y + h + 1, 0.3, &r->style.grid);
      r->y += h + 3;
    }
}

static void
add_title_page (Report *r)
{
  add_paragraph (r, _("Client segmentation report"), FONT_TITLE, &r->style.foreground, 0, 10);
  add_facts (r);
  r->y += 14;
  add_paragraph (r, _("Key figures"), FONT_HEADING, &r->style.foreground, 0, 8);
  add_cards (r);
  r->y += 14;
  add_contents (r);
}

/* ---- a chart and its table ------------------------------------------- */

static double
chart_height (Report        *r,
              AwbChartTable *table)
{
  double h = awb_chart_get_preferred_height (table, &r->style, r->pango, CONTENT_W);

  return CLAMP (h, 60.0, CONTENT_H);
}

static void
draw_chart (Report        *r,
            AwbChartTable *table,
            double         height)
{
  g_autoptr(AwbChartLayout) layout = NULL;

  if (r->cr != NULL)
    {
      layout = awb_chart_layout_new_full (table, &r->style, r->pango, CONTENT_W, height,
                                          AWB_CHART_LAYOUT_TITLED);
      cairo_save (r->cr);
      cairo_translate (r->cr, CONTENT_X, r->y);
      cairo_rectangle (r->cr, 0, 0, CONTENT_W, height);
      cairo_clip (r->cr);
      awb_chart_render (r->cr, layout, -1);
      cairo_restore (r->cr);
    }
  r->y += height;
}

typedef struct
{
  double          x, w;
  PangoAlignment  align;
} Column;

typedef struct
{
  AwbChartTable *table;
  guint          n_values;     /* the table's columns */
  gboolean       has_share;
  gboolean       has_notes;
  gboolean       note_below;   /* notes under their row rather than in a column */
  Column        *columns;      /* label, the values, share, note (when in a column) */
  guint          n_columns;
  double         width;        /* of all the columns */
} TableLayout;

static const char *
cell_text (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : "—";
}

/* A value as the table lists it: sums of money in full (the chart shows
 * them compact), everything else as the catalogue wrote it. */
static char *
value_text (AwbChartTable *table,
            AwbChartRow   *row,
            guint          column)
{
  const AwbChartColumn *info = g_ptr_array_index (table->columns, column);

  if (info->unit == AWB_CHART_UNIT_MONEY && !isnan (row->values[column]))
    return awb_format_money_full ((AwbFen) llround (row->values[column] * 100.0));
  return g_strdup (cell_text (row->texts[column]));
}

/* Whether the table lists each row's share of the denominator: for counts
 * of clients, not for the runs of a trend nor sums of money. */
static gboolean
table_has_share (AwbChartTable *table)
{
  const AwbChartColumn *first;

  if (table->shape == AWB_CHART_LINES || table->columns->len == 0)
    return FALSE;
  first = g_ptr_array_index (table->columns, 0);
  return first->unit == AWB_CHART_UNIT_COUNT;
}

static void
table_layout_init (Report        *r,
                   AwbChartTable *table,
                   TableLayout   *tl)
{
  guint n_rows = awb_chart_table_get_n_rows (table);
  double label_w, used, x;
  guint c = 0;

  memset (tl, 0, sizeof *tl);
  tl->table = table;
  tl->n_values = table->columns->len;
  for (guint i = 0; i < n_rows; i++)
    {
      AwbChartRow *row = awb_chart_table_get_row (table, i);

      if (table_has_share (table) && !isnan (awb_chart_table_get_percent (table, i)))
        tl->has_share = TRUE;
      if (row->note != NULL && row->note[0] != '\0')
        tl->has_notes = TRUE;
    }
  tl->n_columns = 1 + tl->n_values + (tl->has_share ? 1 : 0) + (tl->has_notes ? 1 : 0);
  tl->columns = g_new0 (Column, tl->n_columns);

  /* values and the share: as wide as their widest text, within bounds
   * (headers wrap) */
  used = 0;
  for (guint v = 0; v < tl->n_values; v++)
    {
      const AwbChartColumn *column = g_ptr_array_index (table->columns, v);
      /* a header wraps between words only when longer than the values */
      double w = MIN (measure_text (r, column->label, FONT_SMALL_BOLD), 72.0);

      for (guint i = 0; i < n_rows; i++)
        {
          g_autofree char *text = value_text (table, awb_chart_table_get_row (table, i), v);

          w = MAX (w, measure_text (r, text, FONT_SMALL));
        }
      tl->columns[1 + v].w = CLAMP (w + 2 * CELL_PAD_X, 44.0, 110.0);
      tl->columns[1 + v].align = PANGO_ALIGN_RIGHT;
      used += tl->columns[1 + v].w;
    }
  if (tl->has_share)
    {
      double w = MAX (measure_text (r, _("Share"), FONT_SMALL_BOLD),
                      measure_text (r, "100.0 %", FONT_SMALL));

      tl->columns[1 + tl->n_values].w = w + 2 * CELL_PAD_X;
      tl->columns[1 + tl->n_values].align = PANGO_ALIGN_RIGHT;
      used += tl->columns[1 + tl->n_values].w;
    }

  /* the label: as wide as its longest, within bounds; a note takes what
   * is left when that is enough, else it goes under its row */
  label_w = 0;
  for (guint i = 0; i < n_rows; i++)
    label_w = MAX (label_w, measure_text (r, awb_chart_table_get_row (table, i)->label, FONT_SMALL));
  label_w = CLAMP (label_w + 2 * CELL_PAD_X, 80.0, 170.0);
  if (tl->has_notes && CONTENT_W - used - label_w >= NOTE_MIN_W)
    tl->columns[tl->n_columns - 1].w = CONTENT_W - used - label_w;
  else if (tl->has_notes)
    {
      tl->note_below = TRUE;
      tl->n_columns--;
      label_w = CONTENT_W - used;
    }
  else
    /* no wider than it needs, but wide enough that the numbers stay
     * beside their labels in a table that reads as one */
    label_w = MIN (MAX (label_w + 60, 200.0), CONTENT_W - used);
  tl->columns[0].w = label_w;
  tl->columns[0].align = PANGO_ALIGN_LEFT;
  if (tl->has_notes && !tl->note_below)
    tl->columns[tl->n_columns - 1].align = PANGO_ALIGN_LEFT;

  x = CONTENT_X;
  for (c = 0; c < tl->n_columns; c++)
    {
      tl->columns[c].x = x;
      x += tl->columns[c].w;
    }
  tl->width = x - CONTENT_X;
}

static void
table_layout_clear (TableLayout *tl)
{
  g_clear_pointer (&tl->columns, g_free);
}

/* Lays out one line of the table (the header when @row is NULL) and, when
 * @draw, draws it at r->y; returns its height. */
static double
table_line (Report            *r,
            const TableLayout *tl,
            guint              row_index,
            AwbChartRow       *row,
            gboolean           draw)
{
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PangoLayout) note_below = NULL;
  Font font = row == NULL ? FONT_SMALL_BOLD : FONT_SMALL;
  double h = 0;

  for (guint c = 0; c < tl->n_columns; c++)
    {
      const char *text;
      g_autofree char *owned = NULL;

      if (c == 0)
        text = row == NULL ? "" : row->label;
      else if (c <= tl->n_values)
        {
          const AwbChartColumn *column = g_ptr_array_index (tl->table->columns, c - 1);

          if (row == NULL)
            text = column->label;
          else
            text = owned = value_text (tl->table, row, c - 1);
        }
      else if (tl->has_share && c == tl->n_values + 1)
        {
          if (row == NULL)
            text = _("Share");
          else
            text = owned = awb_format_percent (awb_chart_table_get_percent (tl->table, row_index));
        }
      else
        text = row == NULL ? _("Note") : (row->note != NULL ? row->note : "");

      g_ptr_array_add (layouts, text_layout (r, text, font, tl->columns[c].w - 2 * CELL_PAD_X,
                                             tl->columns[c].align));
      h = MAX (h, layout_height (g_ptr_array_index (layouts, c)));
    }
  h += 2 * CELL_PAD_Y;
  if (row != NULL && tl->note_below && row->note != NULL && row->note[0] != '\0')
    {
      note_below = text_layout (r, row->note, FONT_SMALL, tl->width - 16 - 2 * CELL_PAD_X,
                                PANGO_ALIGN_LEFT);
      h += layout_height (note_below) + CELL_PAD_Y;
    }

  if (draw)
    {
      for (guint c = 0; c < tl->n_columns; c++)
        show_layout (r, g_ptr_array_index (layouts, c), tl->columns[c].x + CELL_PAD_X,
                     r->y + CELL_PAD_Y, &r->style.foreground);
      if (note_below != NULL)
        show_layout (r, note_below, CONTENT_X + 16 + CELL_PAD_X,
                     r->y + h - CELL_PAD_Y - layout_height (note_below), &r->style.secondary);
      if (row == NULL)
        hline (r, CONTENT_X, CONTENT_X + tl->width, r->y + h, 0.8, &r->style.foreground);
      else
        hline (r, CONTENT_X, CONTENT_X + tl->width, r->y + h, 0.4, &r->style.grid);
    }
  return h;
}

static void
table_header (Report            *r,
              const TableLayout *tl,
              gboolean           continued)
{
  double h;

  if (continued)
    {
      /* Translators: above the rest of a table that did not fit its page;
       * %s is the chart's title */
      g_autofree char *text = g_strdup_printf (_("%s (continued)"), tl->table->title);

      add_paragraph (r, text, FONT_SMALL_BOLD, &r->style.secondary, 0, 3);
    }
  h = table_line (r, tl, 0, NULL, TRUE);
  r->y += h;
}

/* The height of the table's header and first rows, which stay with the
 * chart above them. */
static double
table_head_height (Report        *r,
                   AwbChartTable *table)
{
  TableLayout tl;
  guint n_rows = awb_chart_table_get_n_rows (table);
  double h;

  table_layout_init (r, table, &tl);
  h = table_line (r, &tl, 0, NULL, FALSE);
  for (guint i = 0; i < MIN (n_rows, 3); i++)
    h += table_line (r, &tl, i, awb_chart_table_get_row (table, i), FALSE);
  table_layout_clear (&tl);
  return h;
}

static void
add_table (Report        *r,
           AwbChartTable *table)
{
  TableLayout tl;
  guint n_rows = awb_chart_table_get_n_rows (table);
  double header_h;

  table_layout_init (r, table, &tl);
  header_h = table_line (r, &tl, 0, NULL, FALSE);

  for (guint i = 0; i < n_rows; i++)
    {
      AwbChartRow *row = awb_chart_table_get_row (table, i);
      double h = table_line (r, &tl, i, row, FALSE);

      if (i == 0)
        {
          ensure_space (r, header_h + h);
          table_header (r, &tl, FALSE);
        }
      else if (ensure_space (r, h))
        table_header (r, &tl, TRUE);
      table_line (r, &tl, i, row, TRUE);
      r->y += h;
    }
  if (n_rows == 0)
    add_paragraph (r, _("No client has a value here."), FONT_SMALL, &r->style.secondary, 0, 0);
  r->y += 3;
  if (tl.has_share && table->denominator_label != NULL)
    {
      /* Translators: under a table of the report; %s says what the shares
       * are of, e.g. "of 1,234 scored clients" */
      g_autofree char *text = g_strdup_printf (_("Shares are %s."), table->denominator_label);

      add_paragraph (r, text, FONT_SMALL, &r->style.secondary, 0, 0);
    }
  table_layout_clear (&tl);
}

static void
add_moves (Report           *r,
           AwbMigrationKind  kind)
{
  g_auto(GStrv) moves = awb_chart_catalog_largest_moves (r->data, kind, MAX_MOVES);
  g_autofree char *date = awb_date_format (r->data->compare->as_of);
  g_autofree char *heading = NULL;

  r->y += 6;
  if (moves[0] == NULL)
    {
      add_paragraph (r, kind == AWB_MIGRATION_TIERS
                        ? _("No client changed tier since the run compared with.")
                        : _("No client changed segment since the run compared with."),
                     FONT_BODY, &r->style.foreground, 0, 0);
      return;
    }
  heading = g_strdup_printf (kind == AWB_MIGRATION_TIERS
                             /* Translators: %s is the date of the run compared with */
                             ? _("The largest moves between tiers since the run of %s:")
                             /* Translators: %s is the date of the run compared with */
                             : _("The largest moves between segments since the run of %s:"),
                             date);
  add_paragraph (r, heading, FONT_BODY_BOLD, &r->style.foreground, 0, 3);
  for (guint i = 0; moves[i] != NULL; i++)
    {
      g_autofree char *line = g_strconcat ("•  ", moves[i], NULL);

      add_paragraph (r, line, FONT_BODY, &r->style.foreground, 8, 2);
    }
}

static gboolean
add_charts (Report        *r,
            GCancellable  *cancellable,
            GError       **error)
{
  int section = -1;
  gboolean said_no_compare = FALSE;

  for (guint k = 0; k < AWB_N_CHARTS; k++)
    {
      AwbChartKind kind = k;
      g_autoptr(AwbChartTable) table = NULL;
      g_autoptr(PangoLayout) heading = NULL;
      double heading_h = 0, chart_h = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      table = awb_chart_catalog_build (r->data, kind);
      if ((int) awb_chart_kind_get_section (kind) != section)
        {
          section = awb_chart_kind_get_section (kind);
          heading = text_layout (r, awb_chart_section_get_title (section), FONT_HEADING,
                                 CONTENT_W, PANGO_ALIGN_LEFT);
          heading_h = layout_height (heading) + 8;
        }
      if (table != NULL)
        chart_h = chart_height (r, table);

      /* a heading stays with its first chart (design note 3) */
      if (heading != NULL)
        {
          ensure_space (r, heading_h + (table != NULL ? chart_h + 6 + table_head_height (r, table)
                                                      : 40));
          if (r->y > CONTENT_TOP + 0.5)
            r->y += 6;
          r->section_pages[section] = r->page;
          show_layout (r, heading, CONTENT_X, r->y, &r->style.foreground);
          hline (r, CONTENT_X, CONTENT_X + CONTENT_W, r->y + heading_h - 4, 1.0, &r->style.accent);
          r->y += heading_h;
        }

      if (table == NULL)
        {
          if (!said_no_compare)
            add_paragraph (r, _("There is no earlier run to compare this run with, so the "
                                "report shows no migration between runs."),
                           FONT_BODY, &r->style.foreground, 0, 10);
          said_no_compare = TRUE;
          continue;
        }

      /* a chart stays with its table's header and first rows */
      ensure_space (r, chart_h + 6 + table_head_height (r, table));
      draw_chart (r, table, chart_h);
      r->y += 6;
      add_table (r, table);
      if (kind == AWB_CHART_SEGMENT_MIGRATION)
        add_moves (r, AWB_MIGRATION_SEGMENTS);
      else if (kind == AWB_CHART_TIER_MIGRATION)
        add_moves (r, AWB_MIGRATION_TIERS);
      r->y += 16;
    }
  return TRUE;
}

/* One pass over the whole report (design note 2). */
static gboolean
lay_out (Report        *r,
         GCancellable  *cancellable,
         GError       **error)
{
  r->page = 0;
  begin_page (r);
  add_title_page (r);
  /* the charts start on a page of their own */
  end_page (r);
  begin_page (r);
  if (!add_charts (r, cancellable, error))
    return FALSE;
  end_page (r);
  return TRUE;
}

/* ---- the file ---------------------------------------------------------- */

static cairo_status_t
append_to_bytes (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
write_error (const char  *path,
             int          saved_errno,
             GError     **error)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               /* Translators: %1$s is a file name, %2$s the system's reason */
               _("Could not write the report to “%1$s”: %2$s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* Writes @bytes to @path whole or not at all (design note 4). */
static gboolean
write_file (const char  *path,
            GByteArray  *bytes,
            GError     **error)
{
  g_autofree char *tmp = g_strconcat (path, ".XXXXXX", NULL);
  gsize done = 0;
  int fd, saved_errno;

  fd = g_mkstemp_full (tmp, O_WRONLY, 0666 & ~0022);
  if (fd < 0)
    return write_error (path, errno, error);
  while (done < bytes->len)
    {
      gssize n = write (fd, bytes->data + done, bytes->len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        goto failed;
      done += (gsize) n;
    }
  if (close (fd) != 0)
    {
      fd = -1;
      goto failed;
    }
  fd = -1;
  if (g_rename (tmp, path) != 0)
    goto failed;
  return TRUE;

failed:
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  return write_error (path, saved_errno, error);
}

static void
report_clear (Report *r)
{
  for (guint i = 0; i < N_FONTS; i++)
    g_clear_pointer (&r->fonts[i], pango_font_description_free);
  g_clear_object (&r->pango);
  g_clear_pointer (&r->chart_font, g_free);
  g_clear_pointer (&r->footer, g_free);
}

static void
report_init (Report           *r,
             AwbDashboardData *data)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  cairo_font_options_t *options = cairo_font_options_create ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M");

  memset (r, 0, sizeof *r);
  r->data = data;

  /* design notes 2 and 5: no hinting, 72 units to the inch */
  r->pango = pango_font_map_create_context (font_map);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (r->pango, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (r->pango, 72.0);
  /* the interface's language picks the Han glyphs (Simplified Chinese) */
  pango_context_set_language (r->pango, pango_language_from_string (awb_format_locale ()));

  for (guint i = 0; i < N_FONTS; i++)
    {
      r->fonts[i] = pango_font_description_from_string (AWB_REPORT_FONT_FAMILIES);
      pango_font_description_set_size (r->fonts[i], (int) (font_specs[i].size * PANGO_SCALE));
      if (font_specs[i].bold)
        pango_font_description_set_weight (r->fonts[i], PANGO_WEIGHT_BOLD);
    }

  awb_chart_style_init (&r->style, FALSE);
  r->chart_font = g_strdup (AWB_REPORT_FONT_FAMILIES " 7.5");
  r->style.font = r->chart_font;

  /* Translators: the footer of every page of the report: %1$s is the
   * book's file name, %2$s when the report was made, e.g. "2026-07-01 09:12" */
  r->footer = g_strdup_printf (_("Client segmentation report of %1$s, made %2$s"), data->book, when);
}

/**
 * awb_report_write_pdf_for_data:
 * @data: what the report shows, loaded by awb_dashboard_data_load ()
 * @path: the PDF file to write; replaced whole, or left as it was on failure
 * @n_pages: (out) (optional): the number of pages written
 *
 * Returns: TRUE, or FALSE with @error set (the file cannot be written,
 * naming it; cancelled) and nothing written.
 */
gboolean
awb_report_write_pdf_for_data (AwbDashboardData  *data,
                               const char        *path,
                               guint             *n_pages,
                               GCancellable      *cancellable,
                               GError           **error)
{
  Report r;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  gboolean ok;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  report_init (&r, data);

  /* the first pass counts the pages */
  if (!lay_out (&r, cancellable, error))
    {
      report_clear (&r);
      return FALSE;
    }
  r.n_pages = r.page;

  surface = cairo_pdf_surface_create_for_stream (append_to_bytes, bytes,
                                                 AWB_REPORT_PAGE_WIDTH, AWB_REPORT_PAGE_HEIGHT);
  {
    g_autofree char *title = g_strdup_printf ("%s — %s", _("Client segmentation report"), data->book);

    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Advisor Workbench");
  }
  r.cr = cairo_create (surface);
  ok = lay_out (&r, cancellable, error);
  cairo_destroy (r.cr);
  r.cr = NULL;
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (ok && r.page != r.n_pages)
    g_warning ("The report's passes disagree: %u pages counted, %u drawn", r.n_pages, r.page);
  if (n_pages != NULL && ok)
    *n_pages = r.page;
  report_clear (&r);
  if (!ok)
    return FALSE;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %1$s is a file name, %2$s cairo's reason */
                   _("Could not make the report “%1$s”: %2$s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return write_file (path, bytes, error);
}

/**
 * awb_report_write_pdf:
 * @db: the book
 * @path: the PDF file to write
 * @run_id: the run, or %AWB_DASHBOARD_LATEST
 * @compare_run: the run compared with, %AWB_DASHBOARD_PREVIOUS or
 *   %AWB_DASHBOARD_NONE
 * @manager_id: 0 for the whole book, else as awb_dashboard_data_load ()
 *
 * Writes the report of a scoring run.
 *
 * Returns: TRUE, or FALSE with @error set (no such run, a book without a
 * run, a file that cannot be written) and @path untouched.
 */
gboolean
awb_report_write_pdf (AwbDatabase   *db,
                      const char    *path,
                      gint64         run_id,
                      gint64         compare_run,
                      gint64         manager_id,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(AwbDashboardData) data = NULL;

  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = awb_dashboard_data_load (db, run_id, compare_run, manager_id, cancellable, error);
  if (data == NULL)
    return FALSE;
  return awb_report_write_pdf_for_data (data, path, NULL, cancellable, error);
}

typedef struct
{
  char   *db_path;
  char   *path;
  gint64  run_id;
  gint64  compare_run;
  gint64  manager_id;
} WriteData;

static void
write_data_free (WriteData *w)
{
  g_free (w->db_path);
  g_free (w->path);
  g_free (w);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  WriteData *w = task_data;
  g_autoptr(AwbDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  db = awb_database_open (w->db_path, &error);
  if (db == NULL ||
      !awb_report_write_pdf (db, w->path, w->run_id, w->compare_run, w->manager_id,
                             cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* awb_report_write_pdf () in a thread, on a connection of its own. */
void
awb_report_write_pdf_async (const char          *db_path,
                            const char          *path,
                            gint64               run_id,
                            gint64               compare_run,
                            gint64               manager_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *w;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (path != NULL);

  w = g_new0 (WriteData, 1);
  w->db_path = g_strdup (db_path);
  w->path = g_strdup (path);
  w->run_id = run_id;
  w->compare_run = compare_run;
  w->manager_id = manager_id;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, awb_report_write_pdf_async);
  g_task_set_task_data (task, w, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_in_thread);
}

gboolean
awb_report_write_pdf_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
