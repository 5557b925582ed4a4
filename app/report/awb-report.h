/* awb-report.h: the client segmentation report, as a PDF for the branch meeting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "awb-dashboard-data.h"

G_BEGIN_DECLS

/* A4 in points, and its margins (15 mm). */
#define AWB_REPORT_PAGE_WIDTH  595.28
#define AWB_REPORT_PAGE_HEIGHT 841.89
#define AWB_REPORT_MARGIN      (15.0 * 72.0 / 25.4)

/* The fonts the report asks for, best first: Pango takes the first that
 * has a glyph, so Latin text is set in Noto Sans and Chinese in Noto Sans
 * CJK SC when they are installed (fonts-noto-core, fonts-noto-cjk), and in
 * the system's sans-serif fonts otherwise. */
#define AWB_REPORT_FONT_FAMILIES "Noto Sans, Noto Sans CJK SC, Sans"

gboolean  awb_report_write_pdf           (AwbDatabase          *db,
                                          const char           *path,
                                          gint64                run_id,
                                          gint64                compare_run,
                                          gint64                manager_id,
                                          GCancellable         *cancellable,
                                          GError              **error);
void      awb_report_write_pdf_async     (const char           *db_path,
                                          const char           *path,
                                          gint64                run_id,
                                          gint64                compare_run,
                                          gint64                manager_id,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean  awb_report_write_pdf_finish    (GAsyncResult         *result,
                                          GError              **error);

/* The report of data already loaded (what awb_report_write_pdf () does
 * after awb_dashboard_data_load ()); @n_pages, when not NULL, is set to
 * the number of pages written. */
gboolean  awb_report_write_pdf_for_data  (AwbDashboardData     *data,
                                          const char           *path,
                                          guint                *n_pages,
                                          GCancellable         *cancellable,
                                          GError              **error);

G_END_DECLS
