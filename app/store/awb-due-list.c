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
 *  (2) Groups and order: due today (by name), overdue (the most recently
 *      due first: those are still worth saving, the two-year-old ones
 *      least), this week (soonest first, then by name).  Names go in the
 *      list's order, by their ICU sort key.
 *  (3) "This week" is the next AWB_DUE_WEEK_DAYS days, not the calendar
 *      week: on a Friday it still shows Monday's.
 *  (4) Speed: one manager's book is read through clients_manager, each
 *      client's latest interaction through interactions_client (a seek
 *      each), the cadence from the run's scores by rowid.
 */
#define G_LOG_DOMAIN "awb-due-list"

#include "config.h"

#include <string.h>

#include "awb-codes.h"
#include "awb-due-list.h"
#include "awb-scoring.h"
#include "awb-tier.h"

void
awb_due_item_free (AwbDueItem *item)
{
  if (item == NULL)
    return;
  g_free (item->client_no);
  g_free (item->client_name);
  g_free (item->manager);
  g_clear_pointer (&item->name_key, g_bytes_unref);
  g_free (item);
}

static char *
dup_text (sqlite3_stmt *stmt,
          int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

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
  const AwbDueItem *x = *(const AwbDueItem * const *) a;
  const AwbDueItem *y = *(const AwbDueItem * const *) b;
  int c;

  if (x->group != y->group)
    return (int) x->group - (int) y->group;
  if (x->due != y->due)
    return x->group == AWB_DUE_OVERDUE ? (x->due < y->due ? 1 : -1) : (x->due < y->due ? -1 : 1);
  c = g_bytes_compare (x->name_key, y->name_key);
  if (c != 0)
    return c;
  if (x->client_id != y->client_id)
    return x->client_id < y->client_id ? -1 : 1;
  return x->interaction_id < y->interaction_id ? -1 : x->interaction_id > y->interaction_id;
}

static GBytes *
key_bytes (sqlite3_stmt *stmt,
           int           column)
{
  return g_bytes_new (sqlite3_column_blob (stmt, column), (gsize) sqlite3_column_bytes (stmt, column));
}

static gboolean
read_follow_ups (AwbDatabase  *db,
                 gint64        manager_id,
                 AwbDate       today,
                 GPtrArray    *items,
                 GHashTable   *clients,
                 GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = awb_database_prepare (db,
                               "SELECT i.id, i.kind, i.follow_up_on, c.id, c.client_no, c.name,"
                               " m.name, c.name_key"
                               " FROM interactions AS i JOIN clients AS c ON c.id = i.client_id"
                               " LEFT JOIN managers AS m ON m.id = c.manager_id"
                               " WHERE i.done = 0 AND i.follow_up_on IS NOT NULL"
                               " AND i.follow_up_on <= ?1 AND (?2 = 0 OR c.manager_id = ?2)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, today + AWB_DUE_WEEK_DAYS);
  sqlite3_bind_int64 (stmt, 2, manager_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AwbDueItem *item = g_new0 (AwbDueItem, 1);

      item->kind = AWB_DUE_FOLLOW_UP;
      item->interaction_id = sqlite3_column_int64 (stmt, 0);
      item->interaction_kind = awb_code_lookup (AWB_KIND_INTERACTION,
                                                (const char *) sqlite3_column_text (stmt, 1));
      item->due = sqlite3_column_int (stmt, 2);
      item->group = group_of (item->due, today);
      item->client_id = sqlite3_column_int64 (stmt, 3);
      item->client_no = dup_text (stmt, 4);
      item->client_name = dup_text (stmt, 5);
      item->manager = dup_text (stmt, 6);
      item->name_key = key_bytes (stmt, 7);
      item->last_contact = AWB_DATE_NONE;
      g_ptr_array_add (items, item);
      g_hash_table_add (clients, g_memdup2 (&item->client_id, sizeof item->client_id));
    }
  if (rc != SQLITE_DONE)
    return awb_database_set_error (db, rc, error);
  return TRUE;
}

static gboolean
read_cadence (AwbDatabase  *db,
              gint64        manager_id,
              AwbDate       today,
              GPtrArray    *items,
              GHashTable   *with_follow_up,
              GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 run_id = awb_scoring_get_latest_run (db, error);
  int rc;

  if (run_id < 0)
    return FALSE;
  stmt = awb_database_prepare (db,
                               "SELECT c.id, c.client_no, c.name, m.name, c.name_key, c.opened_on,"
                               " coalesce ((SELECT s.cadence_days FROM scores AS s"
                               "            WHERE s.id = (?2 << 32) | c.id), c.cadence_days),"
                               " (SELECT max (i.date) FROM interactions AS i"
                               "  WHERE i.client_id = c.id AND i.date <= ?1)"
                               " FROM clients AS c LEFT JOIN managers AS m ON m.id = c.manager_id"
                               " WHERE ?3 = 0 OR c.manager_id = ?3",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, today);
  sqlite3_bind_int64 (stmt, 2, run_id);
  sqlite3_bind_int64 (stmt, 3, manager_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      AwbDate opened = sqlite3_column_type (stmt, 5) == SQLITE_NULL
                       ? AWB_DATE_NONE : sqlite3_column_int (stmt, 5);
      int cadence = sqlite3_column_int (stmt, 6);   /* 0 when NULL: none */
      AwbDate last = sqlite3_column_type (stmt, 7) == SQLITE_NULL
                     ? AWB_DATE_NONE : sqlite3_column_int (stmt, 7);
      AwbDate due = awb_contact_due (last, opened, cadence);
      AwbDueItem *item;

      if (due == AWB_DATE_NONE || due > today + AWB_DUE_WEEK_DAYS ||
          g_hash_table_contains (with_follow_up, &id))
        continue;
      item = g_new0 (AwbDueItem, 1);
      item->kind = AWB_DUE_CADENCE;
      item->interaction_kind = -1;
      item->client_id = id;
      item->client_no = dup_text (stmt, 1);
      item->client_name = dup_text (stmt, 2);
      item->manager = dup_text (stmt, 3);
      item->name_key = key_bytes (stmt, 4);
      item->due = due;
      item->group = group_of (due, today);
      item->last_contact = last;
      item->cadence_days = cadence;
      g_ptr_array_add (items, item);
    }
  if (rc != SQLITE_DONE)
    return awb_database_set_error (db, rc, error);
  return TRUE;
}

/**
 * awb_due_list_read:
 * @manager_id: 0 for the whole book, else that manager's clients only
 * @today: the day the list is for
 *
 * The due list (Notes (1)), in its groups and order (Notes (2)), read in
 * one read transaction.
 *
 * Returns: (transfer full) (element-type AwbDueItem): the items, or %NULL
 * with @error set.
 */
GPtrArray *
awb_due_list_read (AwbDatabase  *db,
                   gint64        manager_id,
                   AwbDate       today,
                   GError      **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) with_follow_up = NULL;
  gboolean ok;

  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);
  g_return_val_if_fail (today != AWB_DATE_NONE, NULL);

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) awb_due_item_free);
  with_follow_up = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (!awb_database_exec (db, "BEGIN", error))
    return NULL;
  ok = read_follow_ups (db, manager_id, today, items, with_follow_up, error) &&
       read_cadence (db, manager_id, today, items, with_follow_up, error);
  awb_database_exec (db, "COMMIT", NULL);   /* a read transaction: nothing to lose */
  if (!ok)
    return NULL;
  g_ptr_array_sort (items, compare_items);
  return g_steal_pointer (&items);
}
