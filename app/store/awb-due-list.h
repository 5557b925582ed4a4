/* awb-due-list.h: the day's work, the follow-ups and the contacts due
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-client-index.h"
#include "awb-database.h"

G_BEGIN_DECLS

/* How many days after today "this week" reaches. */
#define AWB_DUE_WEEK_DAYS 7

typedef enum
{
  AWB_DUE_FOLLOW_UP,   /* an open follow-up an interaction asked for */
  AWB_DUE_CADENCE,     /* a client due for a contact by the cadence (spec §4) */
} AwbDueKind;

typedef enum
{
  AWB_DUE_TODAY,
  AWB_DUE_OVERDUE,
  AWB_DUE_THIS_WEEK,
} AwbDueGroup;

typedef struct
{
  AwbDueKind   kind;
  AwbDueGroup  group;
  gint64       client_id;
  gint64       interaction_id;     /* the follow-up's interaction; 0 for a cadence item */
  int          interaction_kind;   /* its AwbInteractionKind; -1 for a cadence item */
  AwbDate      due;
  AwbDate      last_contact;       /* a cadence item's latest interaction, or none */
  guint32      order;              /* the client's place in name order */
} AwbDueItem;

GArray *awb_due_list_read (AwbDatabase     *db,
                           AwbClientIndex  *index,
                           gint64           manager_id,
                           GError         **error);

G_END_DECLS
