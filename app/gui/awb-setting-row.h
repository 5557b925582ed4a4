/* awb-setting-row.h: one scoring setting of the book, as the preferences edit it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AWB_TYPE_SETTING_ROW (awb_setting_row_get_type ())
G_DECLARE_FINAL_TYPE (AwbSettingRow, awb_setting_row, AWB, SETTING_ROW, AdwEntryRow)

AwbSettingRow *awb_setting_row_new         (const char    *key,
                                            const char    *title);
const char    *awb_setting_row_get_key     (AwbSettingRow *self);
void           awb_setting_row_set_value   (AwbSettingRow *self,
                                            const char    *value);
const char    *awb_setting_row_get_error   (AwbSettingRow *self);
void           awb_setting_row_set_error   (AwbSettingRow *self,
                                            const char    *message);

G_END_DECLS
