/* awb-sync-conflicts-window.h: the sync's conflicts, each for the user to pick
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "awb-database.h"

G_BEGIN_DECLS

#define AWB_TYPE_SYNC_CONFLICTS_WINDOW (awb_sync_conflicts_window_get_type ())
G_DECLARE_FINAL_TYPE (AwbSyncConflictsWindow, awb_sync_conflicts_window, AWB,
                      SYNC_CONFLICTS_WINDOW, AdwWindow)

AwbSyncConflictsWindow *awb_sync_conflicts_window_new    (GtkWindow              *parent,
                                                          AwbDatabase            *database);
void                    awb_sync_conflicts_window_reload (AwbSyncConflictsWindow *self);

G_END_DECLS
