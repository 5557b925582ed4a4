/* awb-follow-up-row.h: one line of the Follow-ups view: a heading or an item due
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "awb-due-list.h"

G_BEGIN_DECLS

typedef enum
{
  AWB_FOLLOW_UP_ROW_MANAGER,   /* a manager's heading (the all-managers list) */
  AWB_FOLLOW_UP_ROW_GROUP,     /* Due Today, Overdue or This Week */
  AWB_FOLLOW_UP_ROW_ITEM,      /* a follow-up or a contact due */
} AwbFollowUpRowKind;

#define AWB_TYPE_FOLLOW_UP_ROW (awb_follow_up_row_get_type ())
G_DECLARE_FINAL_TYPE (AwbFollowUpRow, awb_follow_up_row, AWB, FOLLOW_UP_ROW, GObject)

AwbFollowUpRow     *awb_follow_up_row_new_heading      (AwbFollowUpRowKind  kind,
                                                        int                 manager,
                                                        const char         *manager_name,
                                                        AwbDueGroup         group,
                                                        guint               count);
AwbFollowUpRow     *awb_follow_up_row_new_item         (const AwbDueItem   *item,
                                                        int                 manager);
AwbFollowUpRowKind  awb_follow_up_row_get_kind         (AwbFollowUpRow     *self);
gboolean            awb_follow_up_row_same             (AwbFollowUpRow     *self,
                                                        AwbFollowUpRow     *other);

/* headings */
const char         *awb_follow_up_row_get_title        (AwbFollowUpRow     *self);
guint               awb_follow_up_row_get_count        (AwbFollowUpRow     *self);
void                awb_follow_up_row_set_count        (AwbFollowUpRow     *self,
                                                        guint               count);
int                 awb_follow_up_row_get_manager      (AwbFollowUpRow     *self);
AwbDueGroup         awb_follow_up_row_get_group        (AwbFollowUpRow     *self);

/* items */
const AwbDueItem   *awb_follow_up_row_get_item         (AwbFollowUpRow     *self);
gboolean            awb_follow_up_row_has_client       (AwbFollowUpRow     *self);
void                awb_follow_up_row_set_client       (AwbFollowUpRow     *self,
                                                        const char         *name,
                                                        const char         *client_no);
const char         *awb_follow_up_row_get_client_name  (AwbFollowUpRow     *self);
const char         *awb_follow_up_row_get_client_no    (AwbFollowUpRow     *self);

G_END_DECLS
