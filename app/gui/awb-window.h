/* awb-window.h: the main window, one per book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "awb-database.h"
#include "awb-import.h"

G_BEGIN_DECLS

#define AWB_TYPE_WINDOW (awb_window_get_type ())
G_DECLARE_FINAL_TYPE (AwbWindow, awb_window, AWB, WINDOW, AdwApplicationWindow)

AwbWindow   *awb_window_new            (GtkApplication *application,
                                        AwbDatabase    *database);
AwbDatabase *awb_window_get_database   (AwbWindow      *self);
gboolean     awb_window_get_busy       (AwbWindow      *self);
gboolean     awb_window_get_has_scoring_run (AwbWindow *self);
void         awb_window_reload         (AwbWindow      *self);
void         awb_window_generate_demo  (AwbWindow      *self);

G_END_DECLS
