/* awb-due-list.c: the day's work, the follow-ups and the contacts due
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * NOTES ON THE DESIGN
 *
 *  (1) Two kinds of item.  An open follow-up (done = 0, a follow_up_on
 *      date) due by the end of this week, overdue ones however old; and a
 *      client due for a contact by the cadence of spec §4 (the latest
 *      interaction on or before today, else the opening date, plus the
 *      cadence: the latest run's cadence_days, else the client's own), due
 *      by the end of this week, unless the client already has a follow-up
 *      in the list: completing it logs an interaction, which is the
 *      contact the cadence asks for.
 *  (2) Groups and order: due today, overdue (the most recently due first:
 *      those are still worth saving, the two-year-old ones least), this
 *      week (soonest first); within a day, in the client list's name order.
 *  (3) "This week" is the next AWB_DUE_WEEK_DAYS days, not the calendar
 *      week: on a Friday it still shows Monday's.
 *  (4) Speed.  The follow-ups come from the book through its index on
 *      open follow-ups, every manager's (a hundred thousand rows at a
 *      million clients: 10 ms); whose they are, and the contacts due, from
 *      the client index (awb_client_index_contacts_due), which has each
 *      client's manager, latest interaction and cadence in memory: the
 *      book took a seek per client, 1 to 1.7 s for one manager of a
 *      million clients.  A client added since the index was loaded shows
 *      in the whole book's list, and in its manager's after the next load.
 *      The items carry ids, not names: a list reads the rows it shows, as
 *      the client list does.
 */
#define G_LOG_DOMAIN "awb-due-list"

#include "config.h"

#include "awb-codes.h"
#include "awb-due-list.h"

static AwbDueGroup
group_of (AwbDate due,
          AwbDate today)
{
  return due == today ? AWB_DUE_TODAY : due < today ? AWB_DUE_OVERDUE : AWB_DUE_THIS_WEEK;
}

/* Notes (2). */
static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const AwbDueItem *x = a;
  const AwbDueItem *y = b;

  if (x->group != y->group)
    return (int) x->group - (int) y->group;
  if (x->due != y->due)
    return x->group == AWB_DUE_OVERDUE ? (x->due < y->due ? 1 : -1) : (x->due < y->due ? -1 : 1);
  if (x->order != y->order)
    return x->order < y->order ? -1 : 1;
  return (x->interaction_id > y->interaction_id) - (x->interaction_id < y->interaction_id);
}

static gboolean
read_follow_ups (AwbDatabase  *db,
                 AwbDate       today,
                 GArray       *items,
                 GHashTable   *clients,
                 GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* every manager's: the index says whose they are (Notes (4)) */
  stmt = awb_database_prepare (db,
                               "SELECT i.id, i.kind, i.follow_up_on, i.client_id FROM interactions AS i"
                               " WHERE i.done = 0 AND i.follow_up_on IS NOT NULL"
                               " AND i.follow_up_on <= ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, today + AWB_DUE_WEEK_DAYS);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AwbDueItem item = { 0 };

      item.kind = AWB_DUE_FOLLOW_UP;
      item.interaction_id = sqlite3_column_int64 (stmt, 0);
      item.interaction_kind = awb_code_lookup (AWB_KIND_INTERACTION,
                                               (const char *) sqlite3_column_text (stmt, 1));
      item.due = sqlite3_column_int (stmt, 2);
      item.group = group_of (item.due, today);
      item.client_id = sqlite3_column_int64 (stmt, 3);
      item.last_contact = AWB_DATE_NONE;
      item.order = G_MAXUINT32;   /* a client the index does not have yet: last */
      g_array_append_val (items, item);
      g_hash_table_insert (clients, g_memdup2 (&item.client_id, sizeof item.client_id), NULL);
    }
  if (rc != SQLITE_DONE)
    return awb_database_set_error (db, rc, error);
  return TRUE;
}

/**
 * awb_due_list_read:
 * @index: the client index, loaded for the day the list is for
 * @manager_id: 0 for the whole book, else that manager's clients only
 *
 * The due list of @index's today (Notes (1)), in its groups and order
 * (Notes (2)).
 *
 * Returns: (transfer full) (element-type AwbDueItem): the items, or %NULL
 * with @error set.
 */
GArray *
awb_due_list_read (AwbDatabase     *db,
                   AwbClientIndex  *index,
                   gint64           manager_id,
                   GError         **error)
{
  g_autoptr(GArray) items = NULL;
  g_autoptr(GArray) due = NULL;
  g_autoptr(GHashTable) with_follow_up = NULL;
  AwbDate today;

  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);
  g_return_val_if_fail (index != NULL, NULL);

  today = awb_client_index_get_today (index);
  items = g_array_new (FALSE, FALSE, sizeof (AwbDueItem));
  with_follow_up = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (!read_follow_ups (db, today, items, with_follow_up, error))
    return NULL;

  due = awb_client_index_contacts_due (index, manager_id, today + AWB_DUE_WEEK_DAYS,
                                       with_follow_up);
  for (guint i = 0; i < items->len; )
    {
      AwbDueItem *item = &g_array_index (items, AwbDueItem, i);
      guint place = GPOINTER_TO_UINT (g_hash_table_lookup (with_follow_up, &item->client_id));

      if (place > 0)
        item->order = place - 1;
      else if (manager_id != 0)
        {
          /* another manager's client (or one the index does not have yet) */
          g_array_remove_index_fast (items, i);
          continue;
        }
      i++;
    }
  for (guint i = 0; i < due->len; i++)
    {
      const AwbClientDue *d = &g_array_index (due, AwbClientDue, i);
      AwbDueItem item = { 0 };

      if (g_hash_table_contains (with_follow_up, &d->id))
        continue;
      item.kind = AWB_DUE_CADENCE;
      item.client_id = d->id;
      item.interaction_kind = -1;
      item.due = d->due;
      item.group = group_of (d->due, today);
      item.last_contact = d->last_contact;
      item.order = d->order;
      g_array_append_val (items, item);
    }
  g_array_sort (items, compare_items);
  return g_steal_pointer (&items);
}
