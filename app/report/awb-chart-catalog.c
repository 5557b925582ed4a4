/* awb-chart-catalog.c: every chart of the dashboard, as a table of numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one place that decides what each chart shows: which counts, in
 * which order, under which labels (the spec's terms, from awb-codes),
 * with which denominator.  The dashboard, the report and `chart` draw
 * the same tables, so the screen, the PDF and the command line agree.
 *
 * Every share says what it is a share of (the table's denominator and its
 * label): client shares are of all the run's clients, prospects included,
 * so a chart's shares add up to 100 %; the R × F grid, which only scored
 * clients have, is of the scored clients.  Money is drawn in the compact
 * form (¥12.3亿) and listed in full in the table.
 */
#define G_LOG_DOMAIN "awb-chart-catalog"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "awb-chart-catalog.h"
#include "awb-codes.h"
#include "awb-date.h"
#include "awb-number-format.h"

#define KEY_SEP "\037"
#define MAX_FREE_TEXT_ROWS 12

typedef enum
{
  BUILD_BARS,
  BUILD_RF,
  BUILD_CAPITAL,
  BUILD_PLANE,
  BUILD_MIGRATION,
  BUILD_KPI,
} Builder;

typedef enum
{
  EXTRA_AUM,          /* clients and AUM */
  EXTRA_REVENUE,      /* clients and their share of revenue, with the strategy */
  EXTRA_ALLOCATION,   /* clients and the allocation their level implies */
  EXTRA_CLV,          /* clients and lifetime value */
  EXTRA_NONE,
} Extra;

typedef struct
{
  const char       *id;
  const char       *title;      /* N_() */
  AwbChartSection   section;
  Builder           builder;
  int               dim;        /* AwbStatDimension, or -1 */
  int               codes;      /* AwbCodeKind of the keys, or -1 */
  Extra             extra;
} KindInfo;

static const KindInfo kinds[AWB_N_CHARTS] = {
  [AWB_CHART_SEGMENTS] = { "segments", N_("Clients and revenue per RFM segment"), AWB_CHART_SECTION_RFM, BUILD_BARS, AWB_STAT_SEGMENT, AWB_KIND_RFM_SEGMENT, EXTRA_REVENUE },
  [AWB_CHART_RF_HEATMAP] = { "rf-heatmap", N_("Recency × frequency: clients per cell, shaded by average monetary value"), AWB_CHART_SECTION_RFM, BUILD_RF, AWB_STAT_RF, -1, EXTRA_NONE },
  [AWB_CHART_TIERS] = { "tiers", N_("Clients and AUM per tier"), AWB_CHART_SECTION_TIERS, BUILD_BARS, AWB_STAT_TIER, AWB_KIND_TIER, EXTRA_AUM },
  [AWB_CHART_SERVICE_GROUPS] = { "service-groups", N_("Clients and AUM per service group"), AWB_CHART_SECTION_TIERS, BUILD_BARS, AWB_STAT_SERVICE_GROUP, AWB_KIND_SERVICE_GROUP, EXTRA_AUM },
  [AWB_CHART_CAPITAL_TURNOVER] = { "capital-turnover", N_("Capital × turnover: clients, AUM and commission per cell"), AWB_CHART_SECTION_CAPITAL, BUILD_CAPITAL, AWB_STAT_CAPITAL_TURNOVER, -1, EXTRA_NONE },
  [AWB_CHART_LOYALTY_PLANE] = { "loyalty-plane", N_("Loyalty: dependency × persistence"), AWB_CHART_SECTION_LOYALTY, BUILD_PLANE, AWB_STAT_LOYALTY_PLANE, -1, EXTRA_NONE },
  [AWB_CHART_LOYALTY_TYPES] = { "loyalty-types", N_("Clients per loyalty type"), AWB_CHART_SECTION_LOYALTY, BUILD_BARS, AWB_STAT_LOYALTY_TYPE, AWB_KIND_LOYALTY_TYPE, EXTRA_AUM },
  [AWB_CHART_LIFECYCLE] = { "lifecycle", N_("Clients per lifecycle stage"), AWB_CHART_SECTION_LOYALTY, BUILD_BARS, AWB_STAT_LIFECYCLE, AWB_KIND_LIFECYCLE, EXTRA_AUM },
  [AWB_CHART_RISK_LEVELS] = { "risk-levels", N_("Clients per risk level, with the allocation it implies"), AWB_CHART_SECTION_RISK, BUILD_BARS, AWB_STAT_RISK_LEVEL, AWB_KIND_RISK_LEVEL, EXTRA_ALLOCATION },
  [AWB_CHART_SUITABILITY] = { "suitability", N_("Suitability: clients with a mismatched trade"), AWB_CHART_SECTION_RISK, BUILD_BARS, AWB_STAT_SUITABILITY, -1, EXTRA_NONE },
  [AWB_CHART_QUESTIONNAIRES] = { "questionnaires", N_("Risk questionnaires: valid and expired"), AWB_CHART_SECTION_RISK, BUILD_BARS, AWB_STAT_QUESTIONNAIRE, -1, EXTRA_NONE },
  [AWB_CHART_AGE_GROUPS] = { "age-groups", N_("Clients per age group"), AWB_CHART_SECTION_DEMOGRAPHICS, BUILD_BARS, AWB_STAT_AGE_GROUP, AWB_KIND_AGE_GROUP, EXTRA_AUM },
  [AWB_CHART_GENDER] = { "gender", N_("Clients per gender"), AWB_CHART_SECTION_DEMOGRAPHICS, BUILD_BARS, AWB_STAT_GENDER, AWB_KIND_GENDER, EXTRA_AUM },
  [AWB_CHART_URBAN_RURAL] = { "urban-rural", N_("Urban and rural clients"), AWB_CHART_SECTION_DEMOGRAPHICS, BUILD_BARS, AWB_STAT_REGION, AWB_KIND_REGION, EXTRA_AUM },
  [AWB_CHART_CITIES] = { "cities", N_("Clients per city"), AWB_CHART_SECTION_DEMOGRAPHICS, BUILD_BARS, AWB_STAT_CITY, -1, EXTRA_AUM },
  [AWB_CHART_OCCUPATIONS] = { "occupations", N_("Clients per occupation"), AWB_CHART_SECTION_DEMOGRAPHICS, BUILD_BARS, AWB_STAT_OCCUPATION, -1, EXTRA_AUM },
  [AWB_CHART_EDUCATION] = { "education", N_("Clients per education level"), AWB_CHART_SECTION_DEMOGRAPHICS, BUILD_BARS, AWB_STAT_EDUCATION, -1, EXTRA_AUM },
  [AWB_CHART_INCOME] = { "income", N_("Clients per income band"), AWB_CHART_SECTION_DEMOGRAPHICS, BUILD_BARS, AWB_STAT_INCOME, AWB_KIND_INCOME_BAND, EXTRA_AUM },
  [AWB_CHART_ASSET_SIZE] = { "asset-size", N_("Clients per asset size"), AWB_CHART_SECTION_DEMOGRAPHICS, BUILD_BARS, AWB_STAT_ASSET_SIZE, -1, EXTRA_AUM },
  [AWB_CHART_EXPERIENCE] = { "experience", N_("Clients per investment experience"), AWB_CHART_SECTION_DEMOGRAPHICS, BUILD_BARS, AWB_STAT_EXPERIENCE, -1, EXTRA_AUM },
  [AWB_CHART_LIFE_STAGES] = { "life-stages", N_("Clients per life stage"), AWB_CHART_SECTION_DEMOGRAPHICS, BUILD_BARS, AWB_STAT_LIFE_STAGE, AWB_KIND_LIFE_STAGE, EXTRA_AUM },
  [AWB_CHART_FAMILY_STAGES] = { "family-stages", N_("Clients per family life cycle stage"), AWB_CHART_SECTION_DEMOGRAPHICS, BUILD_BARS, AWB_STAT_FAMILY_STAGE, AWB_KIND_FAMILY_STAGE, EXTRA_AUM },
  [AWB_CHART_VALUE_TIERS] = { "value-tiers", N_("Clients and lifetime value per value tier"), AWB_CHART_SECTION_VALUE, BUILD_BARS, AWB_STAT_VALUE_TIER, AWB_KIND_VALUE_TIER, EXTRA_CLV },
  [AWB_CHART_SEGMENT_MIGRATION] = { "segment-migration", N_("Segment migration between runs"), AWB_CHART_SECTION_MIGRATION, BUILD_MIGRATION, AWB_MIGRATION_SEGMENTS, AWB_KIND_RFM_SEGMENT, EXTRA_NONE },
  [AWB_CHART_TIER_MIGRATION] = { "tier-migration", N_("Tier migration between runs"), AWB_CHART_SECTION_MIGRATION, BUILD_MIGRATION, AWB_MIGRATION_TIERS, AWB_KIND_TIER, EXTRA_NONE },
  [AWB_CHART_KPI_CLIENTS] = { "kpi-clients", N_("Clients per run"), AWB_CHART_SECTION_TRENDS, BUILD_KPI, -1, -1, EXTRA_NONE },
  [AWB_CHART_KPI_AUM] = { "kpi-aum", N_("AUM per run"), AWB_CHART_SECTION_TRENDS, BUILD_KPI, -1, -1, EXTRA_NONE },
  [AWB_CHART_KPI_ACTIVE_SHARE] = { "kpi-active-share", N_("Active share per run"), AWB_CHART_SECTION_TRENDS, BUILD_KPI, -1, -1, EXTRA_NONE },
  [AWB_CHART_KPI_CHURN_RISK] = { "kpi-churn-risk", N_("Clients at risk of churning per run"), AWB_CHART_SECTION_TRENDS, BUILD_KPI, -1, -1, EXTRA_NONE },
  [AWB_CHART_KPI_SATISFACTION] = { "kpi-satisfaction", N_("Average satisfaction per run"), AWB_CHART_SECTION_TRENDS, BUILD_KPI, -1, -1, EXTRA_NONE },
  [AWB_CHART_KPI_CLV] = { "kpi-clv", N_("Lifetime value per run"), AWB_CHART_SECTION_TRENDS, BUILD_KPI, -1, -1, EXTRA_NONE },
  [AWB_CHART_KPI_MISMATCHES] = { "kpi-mismatches", N_("Suitability mismatches per run"), AWB_CHART_SECTION_TRENDS, BUILD_KPI, -1, -1, EXTRA_NONE },
  [AWB_CHART_KPI_OVERDUE] = { "kpi-overdue", N_("Overdue follow-ups per run"), AWB_CHART_SECTION_TRENDS, BUILD_KPI, -1, -1, EXTRA_NONE },
};

static const char *const section_titles[AWB_N_CHART_SECTIONS] = {
  N_("RFM Segments"), N_("Tiers"), N_("Capital × Turnover"), N_("Loyalty"), N_("Risk"),
  N_("Demographics"), N_("Value"), N_("Between Runs"), N_("Trends"),
};

const char *
awb_chart_kind_to_string (AwbChartKind kind)
{
  g_return_val_if_fail (kind < AWB_N_CHARTS, NULL);
  return kinds[kind].id;
}

gboolean
awb_chart_kind_from_string (const char   *name,
                            AwbChartKind *kind)
{
  for (guint i = 0; i < AWB_N_CHARTS; i++)
    if (g_strcmp0 (kinds[i].id, name) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
awb_chart_kind_get_title (AwbChartKind kind)
{
  g_return_val_if_fail (kind < AWB_N_CHARTS, NULL);
  return _(kinds[kind].title);
}

AwbChartSection
awb_chart_kind_get_section (AwbChartKind kind)
{
  g_return_val_if_fail (kind < AWB_N_CHARTS, 0);
  return kinds[kind].section;
}

const char *
awb_chart_section_get_title (AwbChartSection section)
{
  g_return_val_if_fail (section < AWB_N_CHART_SECTIONS, NULL);
  return _(section_titles[section]);
}

/* ---- labels ----------------------------------------------------------- */

static const char *const experience_labels[] = {
  /* spec §7's answers to the investment-experience question, as the
   * profile editor shows them */
  N_("Over 10 years"), N_("6–10 years"), N_("2–5 years"), N_("Up to 1 year"), N_("None") };

static const struct { const char *key; const char *label; } fixed_labels[] = {
  { "mismatch", N_("With a mismatched trade") },
  { "suitable", N_("Suitable") },
  { "valid", N_("Valid") },
  { "expired", N_("Expired") },
  { "lt_100k", N_("Under ¥100,000") },
  { "100k_500k", N_("¥100,000 to ¥500,000") },
  { "500k_1m", N_("¥500,000 to ¥1 million") },
  { "1m_5m", N_("¥1 million to ¥5 million") },
  { "5m_10m", N_("¥5 million to ¥10 million") },
  { "ge_10m", N_("¥10 million and over") },
};

/* The fixed keys of the dimensions without a code table, in order. */
static const char *const suitability_keys[] = { "mismatch", "suitable", NULL };
static const char *const questionnaire_keys[] = { "valid", "expired", NULL };
static const char *const asset_keys[] = { "lt_100k", "100k_500k", "500k_1m", "1m_5m", "5m_10m", "ge_10m", NULL };
static const char *const experience_keys[] = { "1", "2", "3", "4", "5", NULL };

/* What a client without the value is called, per dimension. */
static const char *
none_label (AwbStatDimension dim)
{
  switch (dim)
    {
    case AWB_STAT_SEGMENT:
    case AWB_STAT_RF:
      /* Translators: clients without a trade, who have no RFM segment */
      return _("Prospects (no trade)");
    case AWB_STAT_RISK_LEVEL:
    case AWB_STAT_SUITABILITY:
      return _("No risk level");
    case AWB_STAT_QUESTIONNAIRE:
      return _("Never assessed");
    case AWB_STAT_TIER:
    case AWB_STAT_SERVICE_GROUP:
    case AWB_STAT_CAPITAL_TURNOVER:
    case AWB_STAT_LOYALTY_TYPE:
    case AWB_STAT_LOYALTY_PLANE:
    case AWB_STAT_LIFECYCLE:
    case AWB_STAT_AGE_GROUP:
    case AWB_STAT_GENDER:
    case AWB_STAT_REGION:
    case AWB_STAT_CITY:
    case AWB_STAT_OCCUPATION:
    case AWB_STAT_EDUCATION:
    case AWB_STAT_INCOME:
    case AWB_STAT_ASSET_SIZE:
    case AWB_STAT_EXPERIENCE:
    case AWB_STAT_LIFE_STAGE:
    case AWB_STAT_FAMILY_STAGE:
    case AWB_STAT_VALUE_TIER:
    case AWB_N_STAT_DIMENSIONS:
    default:
      /* Translators: the bar of clients whose profile lacks the value */
      return _("Not recorded");
    }
}

static char *
key_label (const KindInfo *info,
           const char     *key)
{
  if (key == NULL || key[0] == '\0')
    return g_strdup (none_label (info->dim));
  if (info->codes >= 0)
    {
      int value = awb_code_lookup (info->codes, key);

      if (value >= 0)
        return g_strdup (awb_code_get_label (info->codes, value));
    }
  if (info->dim == AWB_STAT_EXPERIENCE && key[0] >= '1' && key[0] <= '5' && key[1] == '\0')
    return g_strdup (_(experience_labels[key[0] - '1']));
  for (guint i = 0; i < G_N_ELEMENTS (fixed_labels); i++)
    if (g_str_equal (fixed_labels[i].key, key))
      return g_strdup (_(fixed_labels[i].label));
  return g_strdup (key);   /* free text: the text as stored */
}

static char *
stat_key (AwbStatDimension  dim,
          const char       *key,
          const char       *key2)
{
  return g_strconcat ("stat" KEY_SEP, awb_stat_dimension_to_string (dim), KEY_SEP,
                      key, KEY_SEP, key2 != NULL ? key2 : "", NULL);
}

/* ---- the common parts -------------------------------------------------- */

static void
set_count (AwbChartRow *row,
           guint        column,
           gint64       n)
{
  g_autofree char *text = awb_format_count (n);

  awb_chart_row_set (row, column, (double) n, text);
}

static void
set_money (AwbChartRow *row,
           guint        column,
           AwbFen       fen)
{
  g_autofree char *text = awb_format_money_compact (fen);

  awb_chart_row_set (row, column, (double) fen / 100.0, text);
}

static void
set_percent (AwbChartRow *row,
             guint        column,
             double       percent)
{
  g_autofree char *text = awb_format_percent (percent);

  awb_chart_row_set (row, column, percent, text);
}

static void
set_denominator (AwbChartTable *table,
                 gint64         n,
                 gboolean       scored)
{
  g_autofree char *count = awb_format_count (n);

  table->denominator = (double) n;
  g_free (table->denominator_label);
  table->denominator_label = scored
    /* Translators: what a chart's shares are of; %s is a count, e.g. "1,234" */
    ? g_strdup_printf (_("of %s scored clients"), count)
    /* Translators: what a chart's shares are of; %s is a count, e.g. "1,234" */
    : g_strdup_printf (_("of all %s clients of the run, prospects included"), count);
}

static AwbChartTable *
table_for (AwbChartKind   kind,
           AwbChartShape  shape)
{
  AwbChartTable *table = awb_chart_table_new (shape, kinds[kind].id, _(kinds[kind].title));

  table->format_money = awb_format_money_tick;
  return table;
}

/* ---- bars ------------------------------------------------------------- */

typedef struct
{
  const char      *key;
  AwbStatMeasures  m;
} Bar;

/* The bars of a one-key dimension: every code of the table in order (a
 * code no client has is a bar of 0, so charts of two runs line up), then
 * the clients without a value when there are any; free text by count,
 * the largest first, with the rest as one bar "Other". */
static GArray *
collect_bars (AwbDashboardData *data,
              const KindInfo   *info,
              AwbStatMeasures  *other,
              guint            *n_other)
{
  GArray *bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  const char *const *keys = NULL;
  const AwbStatCell *cells;
  guint n_cells;

  memset (other, 0, sizeof *other);
  *n_other = 0;
  cells = awb_run_stats_get_cells (data->stats, info->dim, &n_cells);

  switch ((int) info->dim)
    {
    case AWB_STAT_SUITABILITY: keys = suitability_keys; break;
    case AWB_STAT_QUESTIONNAIRE: keys = questionnaire_keys; break;
    case AWB_STAT_ASSET_SIZE: keys = asset_keys; break;
    case AWB_STAT_EXPERIENCE: keys = experience_keys; break;
    default: break;
    }

  if (info->codes >= 0 || keys != NULL)
    {
      int n = keys != NULL ? (int) g_strv_length ((char **) keys) : awb_code_count (info->codes);

      for (int i = 0; i < n; i++)
        {
          Bar bar;

          bar.key = keys != NULL ? keys[i] : awb_code_to_string (info->codes, i);
          bar.m = awb_run_stats_lookup (data->stats, info->dim, bar.key, "");
          g_array_append_val (bars, bar);
        }
      for (guint i = 0; i < n_cells; i++)
        if (cells[i].key[0] == '\0' && cells[i].m.n > 0)
          {
            Bar bar = { "", cells[i].m };

            g_array_append_val (bars, bar);
          }
      return bars;
    }

  /* free text: the cells come largest first, "" last */
  for (guint i = 0; i < n_cells; i++)
    {
      Bar bar = { cells[i].key, cells[i].m };

      if (bar.key[0] != '\0' && bars->len >= MAX_FREE_TEXT_ROWS)
        {
          other->n += bar.m.n;
          other->aum += bar.m.aum;
          other->clv += bar.m.clv;
          other->commission += bar.m.commission;
          (*n_other)++;
          continue;
        }
      g_array_append_val (bars, bar);
    }
  return bars;
}

static void
fill_bar (AwbDashboardData *data,
          const KindInfo   *info,
          AwbChartTable    *table,
          AwbChartRow      *row,
          const AwbStatMeasures *m,
          const char       *key,
          AwbFen            total_commission)
{
  set_count (row, 0, m->n);
  switch (info->extra)
    {
    case EXTRA_AUM:
      set_money (row, 1, m->aum);
      break;
    case EXTRA_CLV:
      set_money (row, 1, m->clv);
      break;
    case EXTRA_REVENUE:
      set_percent (row, 1, total_commission > 0 ? 100.0 * (double) m->commission / (double) total_commission : NAN);
      set_money (row, 2, m->commission);
      if (key != NULL && key[0] != '\0')
        {
          int segment = awb_code_lookup (AWB_KIND_RFM_SEGMENT, key);

          if (segment >= 0 && segment < AWB_N_SEGMENTS && data->settings->segment_strategy[segment] != NULL)
            row->note = g_strdup (awb_settings_text (data->settings->segment_strategy[segment]));
        }
      break;
    case EXTRA_ALLOCATION:
      for (guint k = 0; k < 3; k++)
        {
          gint64 sum = k == 0 ? m->alloc_low : k == 1 ? m->alloc_mid : m->alloc_high;

          set_percent (row, 1 + k, m->n_alloc > 0 ? (double) sum / (double) m->n_alloc : NAN);
        }
      if (m->n_alloc > 0)
        /* Translators: the average allocation of a risk level's clients;
         * the three %s are percentages such as "20.0 %" */
        row->note = g_strdup_printf (_("Suggested allocation: %s low risk, %s medium risk, %s high risk."),
                                     row->texts[1], row->texts[2], row->texts[3]);
      break;
    case EXTRA_NONE:
    default:
      break;
    }
  (void) table;
}

static AwbChartTable *
build_bars (AwbDashboardData *data,
            AwbChartKind      kind)
{
  const KindInfo *info = &kinds[kind];
  const AwbRunKpi *kpi = awb_run_stats_get_kpi (data->stats);
  g_autoptr(AwbChartTable) table = table_for (kind, AWB_CHART_BARS);
  g_autoptr(GArray) bars = NULL;
  AwbStatMeasures other;
  guint n_other;

  awb_chart_table_add_column (table, _("Clients"), AWB_CHART_UNIT_COUNT, AWB_CHART_COLUMN_PLOTTED);
  switch (info->extra)
    {
    case EXTRA_AUM:
      awb_chart_table_add_column (table, _("AUM"), AWB_CHART_UNIT_MONEY,
                                  AWB_CHART_COLUMN_PLOTTED | AWB_CHART_COLUMN_OWN_SCALE);
      break;
    case EXTRA_CLV:
      awb_chart_table_add_column (table, _("Lifetime value"), AWB_CHART_UNIT_MONEY,
                                  AWB_CHART_COLUMN_PLOTTED | AWB_CHART_COLUMN_OWN_SCALE);
      break;
    case EXTRA_REVENUE:
      awb_chart_table_add_column (table, _("Share of revenue"), AWB_CHART_UNIT_PERCENT,
                                  AWB_CHART_COLUMN_PLOTTED | AWB_CHART_COLUMN_OWN_SCALE);
      awb_chart_table_add_column (table, _("Commission, 12 months"), AWB_CHART_UNIT_MONEY, 0);
      break;
    case EXTRA_ALLOCATION:
      awb_chart_table_add_column (table, _("Low risk"), AWB_CHART_UNIT_PERCENT, 0);
      awb_chart_table_add_column (table, _("Medium risk"), AWB_CHART_UNIT_PERCENT, 0);
      awb_chart_table_add_column (table, _("High risk"), AWB_CHART_UNIT_PERCENT, 0);
      break;
    case EXTRA_NONE:
    default:
      break;
    }

  set_denominator (table, kpi->n_clients, FALSE);
  if (info->extra == EXTRA_REVENUE)
    table->caption = g_strdup (_("Bars: clients per segment, and each segment’s share of the commission of the last 12 months."));

  bars = collect_bars (data, info, &other, &n_other);
  for (guint i = 0; i < bars->len; i++)
    {
      const Bar *bar = &g_array_index (bars, Bar, i);
      g_autofree char *label = key_label (info, bar->key);
      g_autofree char *key = stat_key (info->dim, bar->key, "");
      AwbChartRow *row = awb_chart_table_add_row (table, label, key);

      fill_bar (data, info, table, row, &bar->m, bar->key, kpi->commission);
    }
  if (n_other > 0)
    {
      /* Translators: the bar of the remaining values of a chart; %u is
       * how many, always more than one */
      g_autofree char *label = g_strdup_printf (ngettext ("Other (%u more)", "Other (%u more)", n_other), n_other);
      AwbChartRow *row = awb_chart_table_add_row (table, label, NULL);

      fill_bar (data, info, table, row, &other, NULL, kpi->commission);
    }
  return g_steal_pointer (&table);
}

/* ---- grids ------------------------------------------------------------ */

static AwbChartTable *
build_rf (AwbDashboardData *data,
          AwbChartKind      kind)
{
  const AwbRunKpi *kpi = awb_run_stats_get_kpi (data->stats);
  g_autoptr(AwbChartTable) table = table_for (kind, AWB_CHART_GRID);
  g_autoptr(GPtrArray) col_labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) row_labels = g_ptr_array_new_with_free_func (g_free);
  const AwbStatCell *cells;
  guint n_cells, bins = data->settings->rfm.bins;

  awb_chart_table_add_column (table, _("Clients"), AWB_CHART_UNIT_COUNT, AWB_CHART_COLUMN_PLOTTED);
  awb_chart_table_add_column (table, _("Average monetary value"), AWB_CHART_UNIT_MONEY, 0);
  table->shade_column = 1;
  set_denominator (table, kpi->n_scored, TRUE);
  table->caption = g_strdup (_("Rows: recency score, 5 the most recent at the top. Columns: frequency score. The darker the cell, the higher its clients’ average monetary value."));

  cells = awb_run_stats_get_cells (data->stats, AWB_STAT_RF, &n_cells);
  for (guint i = 0; i < n_cells; i++)
    bins = MAX (bins, (guint) MAX (atoi (cells[i].key), atoi (cells[i].key2)));
  bins = CLAMP (bins, 1, 9);

  for (guint f = 1; f <= bins; f++)
    g_ptr_array_add (col_labels, g_strdup_printf ("F%u", f));
  for (guint r = bins; r >= 1; r--)
    g_ptr_array_add (row_labels, g_strdup_printf ("R%u", r));
  g_ptr_array_add (col_labels, NULL);
  g_ptr_array_add (row_labels, NULL);
  awb_chart_table_set_grid (table, bins, bins, (const char * const *) col_labels->pdata,
                            (const char * const *) row_labels->pdata);
  table->x_label = g_strdup (_("Frequency score"));
  table->y_label = g_strdup (_("Recency score"));

  for (guint r = bins; r >= 1; r--)
    for (guint f = 1; f <= bins; f++)
      {
        g_autofree char *rk = g_strdup_printf ("%u", r);
        g_autofree char *fk = g_strdup_printf ("%u", f);
        g_autofree char *label = g_strdup_printf ("R%u · F%u", r, f);
        g_autofree char *key = stat_key (AWB_STAT_RF, rk, fk);
        AwbStatMeasures m = awb_run_stats_lookup (data->stats, AWB_STAT_RF, rk, fk);
        AwbChartRow *row = awb_chart_table_add_row (table, label, key);

        row->gx = f - 1;
        row->gy = bins - r;
        set_count (row, 0, m.n);
        if (m.n > 0)
          set_money (row, 1, m.monetary / m.n);
      }
  return g_steal_pointer (&table);
}

static AwbChartTable *
build_capital (AwbDashboardData *data,
               AwbChartKind      kind)
{
  const AwbRunKpi *kpi = awb_run_stats_get_kpi (data->stats);
  g_autoptr(AwbChartTable) table = table_for (kind, AWB_CHART_GRID);
  const char *col_labels[4], *row_labels[4];

  awb_chart_table_add_column (table, _("Clients"), AWB_CHART_UNIT_COUNT, AWB_CHART_COLUMN_PLOTTED);
  awb_chart_table_add_column (table, _("AUM"), AWB_CHART_UNIT_MONEY, AWB_CHART_COLUMN_PLOTTED);
  awb_chart_table_add_column (table, _("Commission, 12 months"), AWB_CHART_UNIT_MONEY, AWB_CHART_COLUMN_PLOTTED);
  table->shade_column = 2;
  set_denominator (table, kpi->n_clients, FALSE);
  table->caption = g_strdup (_("The darker the cell, the more commission its clients brought. The outlined cell, large short-term clients, is the one the source calls the most important."));

  for (int t = 0; t < 3; t++)
    col_labels[t] = awb_code_get_label (AWB_KIND_TURNOVER, t);
  for (int c = 0; c < 3; c++)
    row_labels[c] = awb_code_get_label (AWB_KIND_CAPITAL_SIZE, c);
  col_labels[3] = row_labels[3] = NULL;
  awb_chart_table_set_grid (table, 3, 3, col_labels, row_labels);
  table->x_label = g_strdup (_("Turnover"));
  table->y_label = g_strdup (_("Capital"));

  for (int c = 0; c < 3; c++)
    for (int t = 0; t < 3; t++)
      {
        const char *ck = awb_code_to_string (AWB_KIND_CAPITAL_SIZE, c);
        const char *tk = awb_code_to_string (AWB_KIND_TURNOVER, t);
        /* Translators: a cell of the capital × turnover grid, e.g.
         * "Large, short-term"; %1$s the capital size, %2$s the turnover */
        g_autofree char *label = g_strdup_printf (_("%1$s, %2$s"),
                                                  awb_code_get_label (AWB_KIND_CAPITAL_SIZE, c),
                                                  awb_code_get_label (AWB_KIND_TURNOVER, t));
        g_autofree char *key = stat_key (AWB_STAT_CAPITAL_TURNOVER, ck, tk);
        AwbStatMeasures m = awb_run_stats_lookup (data->stats, AWB_STAT_CAPITAL_TURNOVER, ck, tk);
        AwbChartRow *row = awb_chart_table_add_row (table, label, key);

        row->gx = t;
        row->gy = c;
        row->marked = c == AWB_CAPITAL_LARGE && t == AWB_TURNOVER_SHORT_TERM;
        set_count (row, 0, m.n);
        set_money (row, 1, m.aum);
        set_money (row, 2, m.commission);
      }
  return g_steal_pointer (&table);
}

static AwbChartTable *
build_plane (AwbDashboardData *data,
             AwbChartKind      kind)
{
  const AwbRunKpi *kpi = awb_run_stats_get_kpi (data->stats);
  g_autoptr(AwbChartTable) table = table_for (kind, AWB_CHART_PLANE);
  double t = data->settings->axis_threshold;
  gint64 by_type[7];
  const AwbStatCell *cells;
  guint n_cells;

  awb_chart_table_add_column (table, _("Clients"), AWB_CHART_UNIT_COUNT, AWB_CHART_COLUMN_PLOTTED);
  set_denominator (table, kpi->n_clients, FALSE);
  awb_chart_table_set_grid (table, 10, 10, NULL, NULL);
  table->x_label = g_strdup (_("Dependency"));
  table->y_label = g_strdup (_("Persistence"));
  table->x_min = table->y_min = 0;
  table->x_max = table->y_max = 100;
  table->x_threshold = t;
  table->y_threshold = t;
  table->caption = g_strdup (_("Each square counts the clients whose dependency and persistence fall in it; the lines are the thresholds of “high”. Monopoly, kinship and interest loyalty depend on the client’s loyalty driver and lie anywhere in the upper half."));

  cells = awb_run_stats_get_cells (data->stats, AWB_STAT_LOYALTY_PLANE, &n_cells);
  for (guint i = 0; i < n_cells; i++)
    {
      int dx = atoi (cells[i].key), py = atoi (cells[i].key2);
      /* Translators: a square of the loyalty plane; the %d are scores
       * 0..100, e.g. "Dependency 50–60, persistence 70–80" */
      g_autofree char *label = g_strdup_printf (_("Dependency %d–%d, persistence %d–%d"),
                                                dx * 10, dx * 10 + 10, py * 10, py * 10 + 10);
      g_autofree char *key = stat_key (AWB_STAT_LOYALTY_PLANE, cells[i].key, cells[i].key2);
      AwbChartRow *row;

      if (cells[i].m.n == 0 || cells[i].key[0] == '\0')
        continue;
      row = awb_chart_table_add_row (table, label, key);
      row->gx = CLAMP (dx, 0, 9);
      row->gy = CLAMP (py, 0, 9);
      set_count (row, 0, cells[i].m.n);
    }

  for (int i = 0; i < 7; i++)
    by_type[i] = awb_run_stats_lookup (data->stats, AWB_STAT_LOYALTY_TYPE,
                                       awb_code_to_string (AWB_KIND_LOYALTY_TYPE, i), "").n;
  {
    struct { int type; double x0, y0, x1, y1; } quadrants[] = {
      { AWB_LOYALTY_TRUST, t, t, 100, 100 },
      { AWB_LOYALTY_INERTIA, 0, t, t, 100 },
      { AWB_LOYALTY_LATENT, t, 0, 100, t },
      { AWB_LOYALTY_NOT_LOYAL, 0, 0, t, t },
    };

    for (guint i = 0; i < G_N_ELEMENTS (quadrants); i++)
      {
        g_autofree char *count = awb_format_count (by_type[quadrants[i].type]);
        /* Translators: a quadrant's label on the loyalty plane, e.g.
         * "Trust loyalty: 1,234"; %1$s the type, %2$s the count */
        g_autofree char *label = g_strdup_printf (_("%1$s: %2$s"),
                                                  awb_code_get_label (AWB_KIND_LOYALTY_TYPE, quadrants[i].type),
                                                  count);

        awb_chart_table_add_region (table, quadrants[i].x0, quadrants[i].y0,
                                    quadrants[i].x1, quadrants[i].y1, label);
      }
  }
  {
    g_autofree char *monopoly = awb_format_count (by_type[AWB_LOYALTY_MONOPOLY]);
    g_autofree char *kinship = awb_format_count (by_type[AWB_LOYALTY_KINSHIP]);
    g_autofree char *interest = awb_format_count (by_type[AWB_LOYALTY_INTEREST]);
    /* Translators: the driver-based loyalty types on the upper half of the
     * loyalty plane; each %s is a count */
    g_autofree char *label = g_strdup_printf (_("By driver: monopoly %s, kinship %s, interest %s"),
                                              monopoly, kinship, interest);

    awb_chart_table_add_region (table, 0, 100 - (100 - t) / 4, 100, 100, label);
  }
  return g_steal_pointer (&table);
}

/* ---- migration -------------------------------------------------------- */

static char *
migration_label (const AwbLabelMigration *migration,
                 guint                    i)
{
  AwbCodeKind codes = migration->kind == AWB_MIGRATION_TIERS ? AWB_KIND_TIER : AWB_KIND_RFM_SEGMENT;

  if (i >= migration->n_codes)
    /* Translators: a client absent from a run, or without the label in it */
    return g_strdup (C_("migration", "None"));
  return g_strdup (awb_code_get_label (codes, (int) i));
}

static AwbChartTable *
build_migration (AwbDashboardData *data,
                 AwbChartKind      kind)
{
  const AwbLabelMigration *migration = kinds[kind].dim == AWB_MIGRATION_TIERS
                                       ? &data->tier_migration : &data->segment_migration;
  g_autoptr(AwbChartTable) table = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *from_date = NULL;
  g_autofree char *to_date = NULL;
  guint n;
  gint64 total = 0;

  if (migration->counts == NULL || data->compare == NULL)
    return NULL;

  table = table_for (kind, AWB_CHART_GRID);
  n = migration->n_codes + 1;
  awb_chart_table_add_column (table, _("Clients"), AWB_CHART_UNIT_COUNT, AWB_CHART_COLUMN_PLOTTED);
  table->shade_column = 0;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (labels, migration_label (migration, i));
  g_ptr_array_add (labels, NULL);
  awb_chart_table_set_grid (table, n, n, (const char * const *) labels->pdata,
                            (const char * const *) labels->pdata);
  from_date = awb_date_format (data->compare->as_of);
  to_date = awb_date_format (data->run->as_of);
  /* Translators: the axes of the migration matrix; %s is a run's date */
  table->y_label = g_strdup_printf (_("From (run of %s)"), from_date);
  /* Translators: %s is a run's date */
  table->x_label = g_strdup_printf (_("To (run of %s)"), to_date);
  table->caption = g_strdup (_("Rows: the label in the earlier run; columns: the label in the later one. The diagonal stayed; None is a client absent from a run or without the label in it."));

  for (guint from = 0; from < n; from++)
    for (guint to = 0; to < n; to++)
      {
        gint64 count = migration->counts[from * n + to];
        g_autofree char *from_label = NULL, *to_label = NULL, *label = NULL, *key = NULL;
        AwbChartRow *row;

        if (count == 0)
          continue;
        total += count;
        from_label = migration_label (migration, from);
        to_label = migration_label (migration, to);
        label = g_strdup_printf ("%s → %s", from_label, to_label);
        key = g_strconcat ("migration" KEY_SEP,
                           migration->kind == AWB_MIGRATION_TIERS ? "tiers" : "segments", KEY_SEP,
                           awb_label_migration_code (migration, from), KEY_SEP,
                           awb_label_migration_code (migration, to), NULL);
        row = awb_chart_table_add_row (table, label, key);
        row->gx = to;
        row->gy = from;
        set_count (row, 0, count);
      }
  {
    g_autofree char *count = awb_format_count (total);

    table->denominator = (double) total;
    /* Translators: what the migration matrix's shares are of; %s is a count */
    table->denominator_label = g_strdup_printf (_("of %s clients in either run"), count);
  }
  return g_steal_pointer (&table);
}

typedef struct
{
  guint  from, to;
  gint64 n;
} Move;

static int
compare_moves (gconstpointer a,
               gconstpointer b)
{
  const Move *x = a, *y = b;

  if (x->n != y->n)
    return x->n > y->n ? -1 : 1;
  if (x->from != y->from)
    return x->from < y->from ? -1 : 1;
  return x->to < y->to ? -1 : x->to > y->to;
}

GStrv
awb_chart_catalog_largest_moves (AwbDashboardData *data,
                                 AwbMigrationKind  kind,
                                 guint             max)
{
  const AwbLabelMigration *migration = kind == AWB_MIGRATION_TIERS
                                       ? &data->tier_migration : &data->segment_migration;
  g_autoptr(GArray) moves = g_array_new (FALSE, FALSE, sizeof (Move));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n;

  if (migration->counts == NULL)
    return g_strv_builder_end (builder);
  n = migration->n_codes + 1;
  for (guint from = 0; from < n; from++)
    for (guint to = 0; to < n; to++)
      if (from != to && migration->counts[from * n + to] > 0)
        {
          Move move = { from, to, migration->counts[from * n + to] };

          g_array_append_val (moves, move);
        }
  g_array_sort (moves, compare_moves);
  for (guint i = 0; i < moves->len && i < max; i++)
    {
      const Move *move = &g_array_index (moves, Move, i);
      g_autofree char *count = awb_format_count (move->n);
      g_autofree char *from = migration_label (migration, move->from);
      g_autofree char *to = migration_label (migration, move->to);
      /* Translators: one of the largest moves between two runs, e.g.
       * "41 Champions → At risk"; %1$s the count, %2$s and %3$s labels */
      g_autofree char *move_text = g_strdup_printf (_("%1$s %2$s → %3$s"), count, from, to);

      /* not g_strv_builder_take: GLib 2.80 */
      g_strv_builder_add (builder, move_text);
    }
  return g_strv_builder_end (builder);
}

/* ---- trends ----------------------------------------------------------- */

static AwbChartTable *
build_kpi (AwbDashboardData *data,
           AwbChartKind      kind)
{
  g_autoptr(AwbChartTable) table = table_for (kind, AWB_CHART_LINES);
  const char *label;
  AwbChartUnit unit;
  const char *key_what = NULL;

  switch (kind)
    {
    case AWB_CHART_KPI_CLIENTS: label = _("Clients"); unit = AWB_CHART_UNIT_COUNT; key_what = "clients"; break;
    case AWB_CHART_KPI_AUM: label = _("AUM"); unit = AWB_CHART_UNIT_MONEY; break;
    case AWB_CHART_KPI_ACTIVE_SHARE: label = _("Active share"); unit = AWB_CHART_UNIT_PERCENT; break;
    case AWB_CHART_KPI_CHURN_RISK: label = _("At risk of churning"); unit = AWB_CHART_UNIT_COUNT; key_what = "churn_risk"; break;
    case AWB_CHART_KPI_SATISFACTION: label = _("Average satisfaction"); unit = AWB_CHART_UNIT_NUMBER; break;
    case AWB_CHART_KPI_CLV: label = _("Lifetime value"); unit = AWB_CHART_UNIT_MONEY; break;
    case AWB_CHART_KPI_MISMATCHES: label = _("With a mismatch"); unit = AWB_CHART_UNIT_COUNT; key_what = "mismatched"; break;
    case AWB_CHART_KPI_OVERDUE: label = _("Overdue follow-ups"); unit = AWB_CHART_UNIT_COUNT; break;
    default: g_return_val_if_reached (NULL);
    }
  awb_chart_table_add_column (table, label, unit, AWB_CHART_COLUMN_PLOTTED);
  switch (kind)
    {
    case AWB_CHART_KPI_ACTIVE_SHARE:
      table->caption = g_strdup (_("Clients with a trade in the 365 days up to the run’s date, as a share of all its clients."));
      break;
    case AWB_CHART_KPI_CHURN_RISK:
      table->caption = g_strdup (_("Scored clients with a recency score of 1 or 2."));
      break;
    case AWB_CHART_KPI_SATISFACTION:
      table->caption = g_strdup (_("The average score (1 to 5) of the surveys of the 365 days up to the run’s date."));
      break;
    case AWB_CHART_KPI_OVERDUE:
      table->caption = g_strdup (_("Open follow-ups due before the run’s date, counted when the run’s figures were first counted."));
      break;
    default:
      break;
    }

  for (guint i = 0; i < data->kpis->len; i++)
    {
      const AwbRunKpi *kpi = &g_array_index (data->kpis, AwbRunKpi, i);
      g_autofree char *date = awb_date_format (kpi->as_of);
      g_autofree char *key = NULL;
      AwbChartRow *row;

      if (key_what != NULL && kpi->run_id == data->run->id)
        key = g_strconcat ("kpi" KEY_SEP, key_what, NULL);
      row = awb_chart_table_add_row (table, date, key);
      row->gx = i;
      switch (kind)
        {
        case AWB_CHART_KPI_CLIENTS: set_count (row, 0, kpi->n_clients); break;
        case AWB_CHART_KPI_AUM: set_money (row, 0, kpi->aum); break;
        case AWB_CHART_KPI_ACTIVE_SHARE:
          set_percent (row, 0, kpi->n_clients > 0 ? 100.0 * (double) kpi->n_active / (double) kpi->n_clients : NAN);
          break;
        case AWB_CHART_KPI_CHURN_RISK: set_count (row, 0, kpi->n_churn_risk); break;
        case AWB_CHART_KPI_SATISFACTION:
          if (kpi->n_satisfaction > 0)
            {
              double mean = (double) kpi->satisfaction_sum / (double) kpi->n_satisfaction;
              g_autofree char *text = g_strdup_printf ("%.2f", mean);

              awb_chart_row_set (row, 0, mean, text);
            }
          break;
        case AWB_CHART_KPI_CLV: set_money (row, 0, kpi->clv); break;
        case AWB_CHART_KPI_MISMATCHES: set_count (row, 0, kpi->n_mismatched); break;
        case AWB_CHART_KPI_OVERDUE: set_count (row, 0, kpi->n_overdue_follow_ups); break;
        default: break;
        }
    }
  return g_steal_pointer (&table);
}

/**
 * awb_chart_catalog_build:
 *
 * Returns: (transfer full) (nullable): the chart's table.
 */
AwbChartTable *
awb_chart_catalog_build (AwbDashboardData *data,
                         AwbChartKind      kind)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (kind < AWB_N_CHARTS, NULL);

  switch (kinds[kind].builder)
    {
    case BUILD_BARS: return build_bars (data, kind);
    case BUILD_RF: return build_rf (data, kind);
    case BUILD_CAPITAL: return build_capital (data, kind);
    case BUILD_PLANE: return build_plane (data, kind);
    case BUILD_MIGRATION: return build_migration (data, kind);
    case BUILD_KPI: return build_kpi (data, kind);
    default: g_return_val_if_reached (NULL);
    }
}
