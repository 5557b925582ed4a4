/* awb-scan.h: reading whole tables fast, from packed copies and in threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-database.h"
#include "awb-pack.h"
#include "awb-types.h"

G_BEGIN_DECLS

/* The tables a scoring run reads in full. */
typedef enum
{
  AWB_SCAN_CLIENTS,
  AWB_SCAN_TRADES,
  AWB_SCAN_INTERACTIONS,
  AWB_N_SCAN_TABLES
} AwbScanTable;

/* Column positions of each table's scan (index 0 is always the id), in
 * the order of awb_scan_table_columns(). */
enum
{
  AWB_SCAN_CLIENT_ID,
  AWB_SCAN_CLIENT_NO,
  AWB_SCAN_CLIENT_BIRTH_DATE,
  AWB_SCAN_CLIENT_OPENED_ON,
  AWB_SCAN_CLIENT_ASSESSED_ON,
  AWB_SCAN_CLIENT_AUM,
  AWB_SCAN_CLIENT_SHARE_OF_WALLET,
  AWB_SCAN_CLIENT_MARITAL_STATUS,
  AWB_SCAN_CLIENT_EMPLOYMENT,
  AWB_SCAN_CLIENT_NEED_TYPE,
  AWB_SCAN_CLIENT_LOYALTY_DRIVER,
  AWB_SCAN_CLIENT_FAMILY_STAGE_OVERRIDE,
  AWB_SCAN_CLIENT_LOWEST_CATEGORY,
  AWB_SCAN_CLIENT_COMPETITOR_ACCOUNT,
  AWB_SCAN_CLIENT_CHILDREN,
  AWB_SCAN_CLIENT_YOUNGEST_CHILD_AGE,
  AWB_SCAN_CLIENT_REFERRALS,
  AWB_SCAN_CLIENT_CADENCE_DAYS,
  AWB_SCAN_CLIENT_Q_JOB,            /* the five capacity answers, in order */
  AWB_SCAN_CLIENT_Q_BURDEN,
  AWB_SCAN_CLIENT_Q_HOUSING,
  AWB_SCAN_CLIENT_Q_EXPERIENCE,
  AWB_SCAN_CLIENT_Q_KNOWLEDGE,
  AWB_SCAN_CLIENT_Q_PRIORITY,       /* the five attitude answers, in order */
  AWB_SCAN_CLIENT_Q_STOPLOSS,
  AWB_SCAN_CLIENT_Q_IF_LOSS,
  AWB_SCAN_CLIENT_Q_WATCHING,
  AWB_SCAN_CLIENT_Q_RESULTS,
  AWB_SCAN_CLIENT_LOSS_TOLERANCE_PCT,
  AWB_SCAN_N_CLIENT_COLUMNS
};

enum
{
  AWB_SCAN_TRADE_ID,
  AWB_SCAN_TRADE_CLIENT,
  AWB_SCAN_TRADE_DATE,
  AWB_SCAN_TRADE_COMMISSION,
  AWB_SCAN_TRADE_AMOUNT,
  AWB_SCAN_TRADE_RISK,
  AWB_SCAN_TRADE_OVERRIDE,
};

enum
{
  AWB_SCAN_INTERACTION_ID,
  AWB_SCAN_INTERACTION_CLIENT,
  AWB_SCAN_INTERACTION_DATE,
  AWB_SCAN_INTERACTION_KIND,
  AWB_SCAN_INTERACTION_SATISFACTION,
};

const char *awb_scan_table_columns (AwbScanTable table);

/* Called for every row, in id order within a unit of work.  @thread is
 * 0..n_threads-1 (per-thread accumulators), @unit orders the units of one
 * table by id.  Return %FALSE with @error set to stop the scan. */
typedef gboolean (*AwbScanRowFunc) (guint                thread,
                                    guint                unit,
                                    const AwbScanValue  *values,
                                    gpointer             user_data,
                                    GError             **error);

/* Called in the thread that read a unit, after its last row. */
typedef gboolean (*AwbScanUnitDoneFunc) (guint      thread,
                                         guint      unit,
                                         gpointer   user_data,
                                         GError   **error);

typedef struct
{
  AwbScanTable         table;
  AwbScanRowFunc       row;
  gpointer             user_data;
  guint                n_units;     /* out: set by awb_scanner_prepare_job() */
  AwbScanUnitDoneFunc  unit_done;   /* nullable */
} AwbScanJob;

typedef struct _AwbScanner AwbScanner;

AwbScanner *awb_scanner_new         (AwbDatabase      *db,
                                     guint             n_threads,
                                     GError          **error);
void        awb_scanner_free        (AwbScanner       *scanner);
guint       awb_scanner_get_n_threads (AwbScanner     *scanner);
gboolean    awb_scanner_prepare_job (AwbScanner       *scanner,
                                     AwbScanJob       *job,
                                     GError          **error);
gboolean    awb_scanner_run         (AwbScanner       *scanner,
                                     AwbScanJob       *jobs,
                                     guint             n_jobs,
                                     AwbProgressFunc   progress,
                                     gpointer          progress_data,
                                     double            from,
                                     double            to,
                                     GCancellable     *cancellable,
                                     GError          **error);

gboolean    awb_scan_packs_refresh  (AwbDatabase      *db,
                                     AwbProgressFunc   progress,
                                     gpointer          progress_data,
                                     double            from,
                                     double            to,
                                     GCancellable     *cancellable,
                                     GError          **error);
gboolean    awb_scan_packs_forget   (AwbDatabase      *db,
                                     AwbScanTable      table,
                                     GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwbScanner, awb_scanner_free)

G_END_DECLS
