/* awb-settings-store.h: the model's settings in the book's `settings` table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-database.h"
#include "awb-settings.h"

G_BEGIN_DECLS

gboolean      awb_settings_store_seed   (AwbDatabase        *db,
                                         GError            **error);
AwbSettings  *awb_settings_store_load   (AwbDatabase        *db,
                                         GError            **error);
gboolean      awb_settings_store_set    (AwbDatabase        *db,
                                         guint               n,
                                         const char *const  *keys,
                                         const char *const  *values,
                                         GError            **error);

G_END_DECLS
