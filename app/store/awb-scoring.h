/* awb-scoring.h: scoring runs over the whole book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "awb-database.h"
#include "awb-rfm.h"

G_BEGIN_DECLS

/* The classification step of a run (awb-classify): fills the non-RFM
 * fields of @labels from @facts.  Runs in the run's thread. */
typedef gboolean (*AwbClassifyFunc) (AwbDate                as_of,
                                     const AwbClientFacts  *facts,
                                     AwbClientLabels       *labels,
                                     gsize                  n,
                                     gpointer               user_data,
                                     GError               **error);

typedef struct
{
  gint64   id;
  char    *created_at;        /* ISO 8601, UTC */
  AwbDate  as_of;
  gint64   n_clients;
  char    *settings;          /* the snapshot: key=value lines */
} AwbScoringRunInfo;

/* One row of a run's segment distribution. */
typedef struct
{
  AwbSegment segment;         /* AWB_N_SEGMENTS: the prospects' row */
  gint64     n_clients;
  AwbFen     aum;
} AwbSegmentCount;

gboolean  awb_scoring_gather            (AwbDatabase            *db,
                                         AwbDate                 as_of,
                                         int                     window_days,
                                         AwbClientFacts        **facts,
                                         gsize                  *n_facts,
                                         AwbProgressFunc         progress,
                                         gpointer                progress_data,
                                         GCancellable           *cancellable,
                                         GError                **error);

gint64    awb_scoring_run               (AwbDatabase            *db,
                                         AwbDate                 as_of,
                                         const AwbRfmSettings   *settings,
                                         AwbClassifyFunc         classify,
                                         gpointer                classify_data,
                                         AwbProgressFunc         progress,
                                         gpointer                progress_data,
                                         GCancellable           *cancellable,
                                         AwbRfmBreakpoints      *breakpoints,
                                         GError                **error);

gint64    awb_scoring_run_full          (AwbDatabase            *db,
                                         AwbDate                 as_of,
                                         const AwbRfmSettings   *settings,
                                         const char             *settings_snapshot,
                                         AwbClassifyFunc         classify,
                                         gpointer                classify_data,
                                         AwbProgressFunc         progress,
                                         gpointer                progress_data,
                                         GCancellable           *cancellable,
                                         AwbRfmBreakpoints      *breakpoints,
                                         GError                **error);

/* How to score a whole book (awb_scoring_score_book): the reference date
 * and this run's overrides of the book's own settings. */
#define AWB_SCORE_BOOK_SETTING (-1)   /* a field left to the book's settings */

typedef struct
{
  AwbDate  as_of;          /* the reference date */
  int      window_days;    /* AWB_SCORE_BOOK_SETTING, 0 (all history) or days */
  int      monetary;       /* AWB_SCORE_BOOK_SETTING or an AwbMonetaryKind */
} AwbScoreOptions;

/* What a run stored. */
typedef struct
{
  gint64             run_id;        /* scoring_runs.id */
  gint64             n_clients;     /* every client: scored ones and prospects */
  AwbRfmBreakpoints  breakpoints;   /* the breakpoints in force */
} AwbScoreResult;

void      awb_score_options_init        (AwbScoreOptions        *options,
                                         AwbDate                 as_of);
gboolean  awb_scoring_score_book        (AwbDatabase            *db,
                                         const AwbScoreOptions  *options,
                                         AwbProgressFunc         progress,
                                         gpointer                progress_data,
                                         GCancellable           *cancellable,
                                         AwbScoreResult         *result,
                                         GError                **error);
void      awb_scoring_score_book_async  (const char             *db_path,
                                         const AwbScoreOptions  *options,
                                         AwbProgressFunc         progress,
                                         gpointer                progress_data,
                                         GCancellable           *cancellable,
                                         GAsyncReadyCallback     callback,
                                         gpointer                user_data);
gboolean  awb_scoring_score_book_finish (GAsyncResult           *result,
                                         AwbScoreResult         *out,
                                         GError                **error);

GPtrArray *awb_scoring_list_runs        (AwbDatabase            *db,
                                         GError                **error);
gboolean  awb_scoring_delete_run        (AwbDatabase            *db,
                                         gint64                  run_id,
                                         GError                **error);
GArray   *awb_scoring_get_distribution  (AwbDatabase            *db,
                                         gint64                  run_id,
                                         GError                **error);
gint64    awb_scoring_get_latest_run    (AwbDatabase            *db,
                                         GError                **error);

/* Segment migration between two runs: counts[from][to], rows and columns
 * in AwbSegment order plus AWB_N_SEGMENTS for "prospect", over the clients
 * scored in both runs. */
#define AWB_MIGRATION_SIZE (AWB_N_SEGMENTS + 1)
typedef struct
{
  gint64 counts[AWB_MIGRATION_SIZE][AWB_MIGRATION_SIZE];
  gint64 only_in_from;     /* clients in the first run only (deleted since) */
  gint64 only_in_to;       /* clients in the second run only (added since) */
} AwbSegmentMigration;

gboolean  awb_scoring_get_migration     (AwbDatabase            *db,
                                         gint64                  from_run,
                                         gint64                  to_run,
                                         AwbSegmentMigration    *migration,
                                         GError                **error);

void      awb_scoring_run_info_free     (AwbScoringRunInfo      *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwbScoringRunInfo, awb_scoring_run_info_free)

G_END_DECLS
