/* awb-follow-up-row.h: one open follow-up, as the Follow-ups view shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "awb-book-query.h"

G_BEGIN_DECLS

#define AWB_TYPE_FOLLOW_UP_ROW (awb_follow_up_row_get_type ())
G_DECLARE_FINAL_TYPE (AwbFollowUpRow, awb_follow_up_row, AWB, FOLLOW_UP_ROW, GObject)

AwbFollowUpRow *awb_follow_up_row_new          (const AwbFollowUp *follow_up,
                                                AwbDate            today);
gboolean        awb_follow_up_row_get_overdue  (AwbFollowUpRow    *self);

G_END_DECLS
