/* awb-dashboard-page.h: the Dashboard view, the branch's segmentation at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "awb-database.h"

G_BEGIN_DECLS

#define AWB_TYPE_DASHBOARD_PAGE (awb_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (AwbDashboardPage, awb_dashboard_page, AWB, DASHBOARD_PAGE, AdwBin)

AwbDashboardPage *awb_dashboard_page_new            (AwbDatabase       *database);
void              awb_dashboard_page_reload         (AwbDashboardPage  *self);
void              awb_dashboard_page_reload_run     (AwbDashboardPage  *self);
gint64            awb_dashboard_page_get_latest_run (AwbDashboardPage  *self);

G_END_DECLS
