/* awb-due-list.h: the day's work, the follow-ups and the contacts due
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

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
  gint64       interaction_id;     /* the follow-up's interaction; 0 for a cadence item */
  int          interaction_kind;   /* its AwbInteractionKind; -1 for a cadence item */
  gint64       client_id;
  char        *client_no;
  char        *client_name;
  char        *manager;            /* or NULL */
  AwbDate      due;
  AwbDate      last_contact;       /* the latest interaction on or before today, or none */
  int          cadence_days;       /* a cadence item's cadence; 0 otherwise */
  GBytes      *name_key;           /* the name's sort key, for the order */
} AwbDueItem;

void       awb_due_item_free    (AwbDueItem   *item);
GPtrArray *awb_due_list_read    (AwbDatabase  *db,
                                 gint64        manager_id,
                                 AwbDate       today,
                                 GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwbDueItem, awb_due_item_free)

G_END_DECLS
