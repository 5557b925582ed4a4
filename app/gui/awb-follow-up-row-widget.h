/* awb-follow-up-row-widget.h: how one line of the Follow-ups view looks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "awb-follow-up-row.h"

G_BEGIN_DECLS

#define AWB_TYPE_FOLLOW_UP_ROW_WIDGET (awb_follow_up_row_widget_get_type ())
G_DECLARE_FINAL_TYPE (AwbFollowUpRowWidget, awb_follow_up_row_widget, AWB, FOLLOW_UP_ROW_WIDGET,
                      GtkWidget)

GtkWidget *awb_follow_up_row_widget_new    (void);
void       awb_follow_up_row_widget_bind   (AwbFollowUpRowWidget *self,
                                            AwbFollowUpRow       *row,
                                            AwbDate               today);
void       awb_follow_up_row_widget_unbind (AwbFollowUpRowWidget *self);

char      *awb_follow_up_format_spoken_date (AwbDate              date);

G_END_DECLS
