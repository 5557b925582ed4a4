/* awb-preferences-window.h: the application's preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "awb-database.h"

G_BEGIN_DECLS

#define AWB_TYPE_PREFERENCES_WINDOW (awb_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (AwbPreferencesWindow, awb_preferences_window, AWB, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

AwbPreferencesWindow *awb_preferences_window_new (GtkWindow   *parent,
                                                  AwbDatabase *database,
                                                  GSettings   *settings);
void                  awb_preferences_window_show_server_page (AwbPreferencesWindow *self);

G_END_DECLS
