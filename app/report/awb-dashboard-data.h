/* awb-dashboard-data.h: everything the dashboard and the report show, read at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "awb-database.h"
#include "awb-run-stats.h"
#include "awb-scoring.h"
#include "awb-settings.h"

G_BEGIN_DECLS

typedef struct _AwbDashboardData AwbDashboardData;

struct _AwbDashboardData
{
  /*< public, read-only >*/
  AwbScoringRunInfo *run;            /* the run shown */
  AwbScoringRunInfo *compare;        /* the run compared with, or NULL */
  gint64             manager_id;     /* 0: the whole book */
  char              *manager;        /* the manager's name, or NULL for the whole book */
  char              *book;           /* the book's file name, for titles */
  AwbRunStats       *stats;
  AwbLabelMigration  segment_migration;   /* counts NULL without a comparison */
  AwbLabelMigration  tier_migration;
  GArray            *kpis;           /* AwbRunKpi of every run, oldest first */
  AwbSettings       *settings;       /* the book's settings now (strategy texts, thresholds) */
  GPtrArray         *runs;           /* AwbScoringRunInfo of every run, oldest first */
};

/* How the dashboard is asked for: which run, compared with which, for whom. */
#define AWB_DASHBOARD_LATEST   0     /* run: the latest */
#define AWB_DASHBOARD_PREVIOUS 0     /* compare: the run before the one shown */
#define AWB_DASHBOARD_NONE     (-1)  /* compare: no comparison */

AwbDashboardData *awb_dashboard_data_load        (AwbDatabase        *db,
                                                  gint64              run_id,
                                                  gint64              compare_run,
                                                  gint64              manager_id,
                                                  GCancellable       *cancellable,
                                                  GError            **error);
void              awb_dashboard_data_load_async  (const char         *db_path,
                                                  gint64              run_id,
                                                  gint64              compare_run,
                                                  gint64              manager_id,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data);
AwbDashboardData *awb_dashboard_data_load_finish (GAsyncResult       *result,
                                                  GError            **error);
AwbDashboardData *awb_dashboard_data_ref         (AwbDashboardData   *data);
void              awb_dashboard_data_unref       (AwbDashboardData   *data);

/* The clients behind a chart element's key (AwbChartRow.key), as sorted
 * clients.id; NULL with @error set, or an empty array when the key
 * selects nobody. */
GArray           *awb_dashboard_data_select      (AwbDatabase        *db,
                                                  AwbDashboardData   *data,
                                                  const char         *key,
                                                  GCancellable       *cancellable,
                                                  GError            **error);
void              awb_dashboard_data_select_async  (const char       *db_path,
                                                  AwbDashboardData   *data,
                                                  const char         *key,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data);
GArray           *awb_dashboard_data_select_finish (GAsyncResult     *result,
                                                  GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwbDashboardData, awb_dashboard_data_unref)

G_END_DECLS
