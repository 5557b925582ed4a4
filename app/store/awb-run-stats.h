/* awb-run-stats.h: what a scoring run counts, per manager, for the dashboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dashboard, the report and `chart` draw aggregates, never rows.  A
 * scoring run counts its clients once, when it ends, in every dimension
 * the dashboard shows, per manager (the client's manager at the time of
 * the run; 0 for clients without one), and stores the counts with the run
 * (tables run_stats, run_kpis, run_migrations; deleted with the run).  A
 * run stored before the counts existed is counted the first time it is
 * asked for (awb_run_stats_load), and the counts are kept.
 *
 * Keys are the spec's §11 codes ("champions", "vip", "M", "urban") or, for
 * free text (city, occupation, education), the text as stored; "" is a
 * client without the value (a prospect has no segment, a client without
 * a questionnaire no risk level).  Two-key dimensions (grids) use key2.
 */
#pragma once

#include <gio/gio.h>

#include "awb-database.h"

G_BEGIN_DECLS

typedef enum
{
  AWB_STAT_SEGMENT,          /* RFM segment; "" = prospect */
  AWB_STAT_RF,               /* key = R score "1".."5", key2 = F score; scored clients only */
  AWB_STAT_TIER,
  AWB_STAT_SERVICE_GROUP,
  AWB_STAT_CAPITAL_TURNOVER, /* key = capital size code, key2 = turnover code */
  AWB_STAT_LOYALTY_TYPE,
  AWB_STAT_LOYALTY_PLANE,    /* key = dependency bin, key2 = persistence bin: "0".."9",
                              * bin b holds 10b <= v < 10b + 10, and 100 is in "9" */
  AWB_STAT_LIFECYCLE,
  AWB_STAT_RISK_LEVEL,       /* "c1".."c5", "p"; "" without a level */
  AWB_STAT_SUITABILITY,      /* "mismatch" (one or more mismatched trades), "suitable",
                              * "" (no level to compare with) */
  AWB_STAT_QUESTIONNAIRE,    /* "valid", "expired", "" (never assessed) */
  AWB_STAT_AGE_GROUP,
  AWB_STAT_GENDER,
  AWB_STAT_REGION,           /* urban / rural */
  AWB_STAT_CITY,             /* free text */
  AWB_STAT_OCCUPATION,       /* free text */
  AWB_STAT_EDUCATION,        /* free text */
  AWB_STAT_INCOME,           /* income band code */
  AWB_STAT_ASSET_SIZE,       /* AUM bands: "lt_100k", "100k_500k", "500k_1m", "1m_5m",
                              * "5m_10m", "ge_10m" (yuan; lower bound included) */
  AWB_STAT_EXPERIENCE,       /* the investment-experience answer q_experience "1".."5" */
  AWB_STAT_LIFE_STAGE,
  AWB_STAT_FAMILY_STAGE,
  AWB_STAT_VALUE_TIER,
  AWB_N_STAT_DIMENSIONS
} AwbStatDimension;

/* The sums over the clients of one cell. */
typedef struct
{
  gint64  n;             /* clients */
  AwbFen  aum;
  AwbFen  commission;    /* commission of the 365 days up to the run's date */
  AwbFen  monetary;      /* the RFM monetary value (the run's monetary kind) */
  AwbFen  clv;           /* lifetime value */
  gint64  alloc_low;     /* sums of the allocation percents (§7), over n_alloc clients */
  gint64  alloc_mid;
  gint64  alloc_high;
  gint64  n_alloc;
} AwbStatMeasures;

typedef struct
{
  const char      *key;
  const char      *key2;   /* "" for one-key dimensions */
  AwbStatMeasures  m;
} AwbStatCell;

/* The run's key figures, for one manager or the whole book. */
typedef struct
{
  gint64   run_id;
  AwbDate  as_of;
  gint64   n_clients;        /* every client of the run, prospects included */
  gint64   n_scored;         /* clients with an RFM score */
  gint64   n_active;         /* clients with a trade in the 365 days up to as_of */
  gint64   n_churn_risk;     /* scored clients with R <= 2 */
  gint64   n_mismatched;     /* clients with one or more suitability mismatches */
  gint64   n_overdue_follow_ups;  /* open follow-ups due before as_of (when counted) */
  AwbFen   aum;
  AwbFen   clv;
  AwbFen   commission;
  gint64   satisfaction_sum; /* surveys dated in the 365 days up to as_of */
  gint64   n_satisfaction;
} AwbRunKpi;

typedef struct _AwbRunStats AwbRunStats;

/* Counts @run_id's clients in every dimension and stores the counts (and
 * the migration from the run before it), replacing any stored.  Called by
 * the scoring run before it commits, and by awb_run_stats_load () for an
 * older run. */
gboolean           awb_run_stats_compute     (AwbDatabase       *db,
                                              gint64             run_id,
                                              GCancellable      *cancellable,
                                              GError           **error);

/* The stored counts of @run_id (computed first if the run has none), for
 * @manager_id: 0 for the whole book, AWB_RUN_STATS_NO_MANAGER for the
 * clients without a manager, else managers.id. */
#define AWB_RUN_STATS_NO_MANAGER (-1)

AwbRunStats       *awb_run_stats_load        (AwbDatabase       *db,
                                              gint64             run_id,
                                              gint64             manager_id,
                                              GCancellable      *cancellable,
                                              GError           **error);
AwbRunStats       *awb_run_stats_ref         (AwbRunStats       *stats);
void               awb_run_stats_unref       (AwbRunStats       *stats);
const AwbRunKpi   *awb_run_stats_get_kpi     (AwbRunStats       *stats);
/* The cells of @dim, in the dimension's order (codes in enumeration
 * order, "" last; free text by count, largest first). */
const AwbStatCell *awb_run_stats_get_cells   (AwbRunStats       *stats,
                                              AwbStatDimension   dim,
                                              guint             *n_cells);
/* The cell's sums, or all zero when no client is in it. */
AwbStatMeasures    awb_run_stats_lookup      (AwbRunStats       *stats,
                                              AwbStatDimension   dim,
                                              const char        *key,
                                              const char        *key2);

/* The key figures of every run, oldest first (an array of AwbRunKpi),
 * for @manager_id as in awb_run_stats_load (). */
GArray            *awb_run_stats_kpi_series  (AwbDatabase       *db,
                                              gint64             manager_id,
                                              GCancellable      *cancellable,
                                              GError           **error);

/* ---- Migration between two runs ---------------------------------- */

typedef enum
{
  AWB_MIGRATION_SEGMENTS,
  AWB_MIGRATION_TIERS,
} AwbMigrationKind;

/* counts[from * n + to] with n = n_codes + 1: the codes in enumeration
 * order, then "none" (a client absent from the run, or without the label
 * in it).  Clients absent from both are not counted. */
typedef struct
{
  AwbMigrationKind  kind;
  guint             n_codes;
  gint64           *counts;
} AwbLabelMigration;

/* @manager_id as in awb_run_stats_load (); the client's manager is the
 * one of the client now (clients.manager_id). */
gboolean           awb_run_stats_migration   (AwbDatabase       *db,
                                              gint64             from_run,
                                              gint64             to_run,
                                              AwbMigrationKind   kind,
                                              gint64             manager_id,
                                              AwbLabelMigration *out,
                                              GCancellable      *cancellable,
                                              GError           **error);
void               awb_label_migration_clear (AwbLabelMigration *migration);
/* The §11 code of index i (0..n_codes), "none" for n_codes. */
const char        *awb_label_migration_code  (const AwbLabelMigration *migration,
                                              guint              i);

/* ---- Drill-down: the clients behind a number ----------------------- */

/* The ids (clients.id, ascending, gint64) of @run_id's clients in the cell
 * (@dim, @key, @key2) for @manager_id, by the same rules that counted
 * them; the clients that still exist.  With the book unchanged since the
 * run, their number is the cell's n. */
GArray            *awb_run_stats_select      (AwbDatabase       *db,
                                              gint64             run_id,
                                              gint64             manager_id,
                                              AwbStatDimension   dim,
                                              const char        *key,
                                              const char        *key2,
                                              GCancellable      *cancellable,
                                              GError           **error);
/* The clients of a migration cell: from_code in @from_run, to_code in
 * @to_run (codes as awb_label_migration_code () names them). */
GArray            *awb_run_stats_select_migration (AwbDatabase       *db,
                                              gint64             from_run,
                                              gint64             to_run,
                                              AwbMigrationKind   kind,
                                              gint64             manager_id,
                                              const char        *from_code,
                                              const char        *to_code,
                                              GCancellable      *cancellable,
                                              GError           **error);

const char        *awb_stat_dimension_to_string   (AwbStatDimension dim);   /* "segment" */
gboolean           awb_stat_dimension_from_string (const char      *name,
                                                   AwbStatDimension *dim);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwbRunStats, awb_run_stats_unref)

G_END_DECLS
