/* awb-rfm-csv.h: RFM of any transaction CSV file, without a book (io layer:
 * the file is read with the importer's AwbCsvReader)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "awb-rfm.h"

G_BEGIN_DECLS

#define AWB_RFM_CSV_ERROR (awb_rfm_csv_error_quark ())

typedef enum {
  AWB_RFM_CSV_ERROR_FILE,       /* cannot read or write the file, or not text */
  AWB_RFM_CSV_ERROR_HEADER,     /* a needed column is missing */
  AWB_RFM_CSV_ERROR_BAD_VALUE,  /* a row with a bad id, date or amount */
} AwbRfmCsvError;

/* Which columns hold what; NULL: the first present of the defaults
 * (id: customer_id, client_id, 客户号; date: trade_date, order_date, date,
 * 成交日期, 日期; amount: amount, revenue, 成交金额). */
typedef struct
{
  const char *id_column;
  const char *date_column;
  const char *amount_column;
} AwbRfmCsvColumns;

GQuark    awb_rfm_csv_error_quark   (void);

gboolean  awb_rfm_csv_read          (const char              *path,
                                     const AwbRfmCsvColumns  *columns,
                                     AwbDate                  as_of,
                                     int                      window_days,
                                     AwbClientFacts         **facts,
                                     gsize                   *n_facts,
                                     GError                 **error);
gboolean  awb_rfm_csv_write         (const char              *path,
                                     const AwbClientFacts    *facts,
                                     const AwbClientLabels   *labels,
                                     gsize                    n,
                                     gboolean                 formula_guard,
                                     GError                 **error);
gboolean  awb_rfm_csv_score_file    (const char              *input,
                                     const AwbRfmCsvColumns  *columns,
                                     const AwbRfmSettings    *settings,
                                     AwbDate                  as_of,
                                     const char              *output,
                                     gboolean                 formula_guard,
                                     AwbRfmBreakpoints       *breakpoints,
                                     GError                 **error);

G_END_DECLS
