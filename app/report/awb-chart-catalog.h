/* awb-chart-catalog.h: every chart of the dashboard, as a table of numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-chart-table.h"
#include "awb-dashboard-data.h"

G_BEGIN_DECLS

typedef enum
{
  AWB_CHART_SEGMENTS,
  AWB_CHART_RF_HEATMAP,
  AWB_CHART_TIERS,
  AWB_CHART_SERVICE_GROUPS,
  AWB_CHART_CAPITAL_TURNOVER,
  AWB_CHART_LOYALTY_PLANE,
  AWB_CHART_LOYALTY_TYPES,
  AWB_CHART_LIFECYCLE,
  AWB_CHART_RISK_LEVELS,
  AWB_CHART_SUITABILITY,
  AWB_CHART_QUESTIONNAIRES,
  AWB_CHART_AGE_GROUPS,
  AWB_CHART_GENDER,
  AWB_CHART_URBAN_RURAL,
  AWB_CHART_CITIES,
  AWB_CHART_OCCUPATIONS,
  AWB_CHART_EDUCATION,
  AWB_CHART_INCOME,
  AWB_CHART_ASSET_SIZE,
  AWB_CHART_EXPERIENCE,
  AWB_CHART_LIFE_STAGES,
  AWB_CHART_FAMILY_STAGES,
  AWB_CHART_VALUE_TIERS,
  AWB_CHART_SEGMENT_MIGRATION,
  AWB_CHART_TIER_MIGRATION,
  AWB_CHART_KPI_CLIENTS,
  AWB_CHART_KPI_AUM,
  AWB_CHART_KPI_ACTIVE_SHARE,
  AWB_CHART_KPI_CHURN_RISK,
  AWB_CHART_KPI_SATISFACTION,
  AWB_CHART_KPI_CLV,
  AWB_CHART_KPI_MISMATCHES,
  AWB_CHART_KPI_OVERDUE,
  AWB_N_CHARTS
} AwbChartKind;

typedef enum
{
  AWB_CHART_SECTION_RFM,
  AWB_CHART_SECTION_TIERS,
  AWB_CHART_SECTION_CAPITAL,
  AWB_CHART_SECTION_LOYALTY,
  AWB_CHART_SECTION_RISK,
  AWB_CHART_SECTION_DEMOGRAPHICS,
  AWB_CHART_SECTION_VALUE,
  AWB_CHART_SECTION_MIGRATION,
  AWB_CHART_SECTION_TRENDS,
  AWB_N_CHART_SECTIONS
} AwbChartSection;

const char      *awb_chart_kind_to_string    (AwbChartKind     kind);
gboolean         awb_chart_kind_from_string  (const char      *name,
                                              AwbChartKind    *kind);
const char      *awb_chart_kind_get_title    (AwbChartKind     kind);
AwbChartSection  awb_chart_kind_get_section  (AwbChartKind     kind);
const char      *awb_chart_section_get_title (AwbChartSection  section);

/* The chart's table; NULL when @data has nothing to draw for it (a
 * migration without a run to compare with). */
AwbChartTable   *awb_chart_catalog_build     (AwbDashboardData *data,
                                              AwbChartKind      kind);
/* The largest moves between two different labels, in words ("41
 * Champions → At risk"), largest first, at most @max. */
GStrv            awb_chart_catalog_largest_moves (AwbDashboardData *data,
                                                  AwbMigrationKind  kind,
                                                  guint             max);

G_END_DECLS
