/* awb-interaction-log.c: logging a call, visit, event, survey, complaint or
 * education session, and completing a follow-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * NOTES ON THE DESIGN
 *
 *  (1) What an entry must be, each refused with a sentence for beside its
 *      field: dated on or before today (an interaction is logged once it
 *      happened); a survey carries a satisfaction of 1 to 5, and no other
 *      kind carries one (a scoring run reads satisfaction from surveys
 *      only, spec §12: storing one elsewhere would keep what is never
 *      used); a follow-up, when there is one, is on or after today and not
 *      before the interaction.
 *  (2) Completing a follow-up is one transaction: the follow-up is marked
 *      done and the interaction that completed it is logged for the same
 *      client.  Two windows completing the same follow-up: the second is
 *      told it was done meanwhile and writes nothing.
 */
#define G_LOG_DOMAIN "awb-interaction-log"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "awb-date.h"
#include "awb-interaction-log.h"
#include "awb-model-types.h"

G_DEFINE_QUARK (awb-interaction-error-quark, awb_interaction_error)

/**
 * awb_interaction_entry_init:
 *
 * Fills @entry with an interaction of @kind on @date: no satisfaction, no
 * notes, no follow-up.
 */
void
awb_interaction_entry_init (AwbInteractionEntry *entry,
                            AwbInteractionKind   kind,
                            AwbDate              date)
{
  g_return_if_fail (entry != NULL);

  entry->kind = kind;
  entry->date = date;
  entry->satisfaction = AWB_UNKNOWN;
  entry->notes = NULL;
  entry->follow_up_on = AWB_DATE_NONE;
}

/**
 * awb_interaction_entry_check:
 * @today: the latest day an interaction may be dated
 *
 * Whether @entry can be logged (Notes (1)).
 */
gboolean
awb_interaction_entry_check (const AwbInteractionEntry  *entry,
                             AwbDate                     today,
                             GError                    **error)
{
  g_return_val_if_fail (entry != NULL, FALSE);

  if ((int) entry->kind < 0 || entry->kind > AWB_INTERACTION_EDUCATION)
    {
      g_set_error (error, AWB_INTERACTION_ERROR, AWB_INTERACTION_ERROR_INVALID,
                   _("Choose what kind of interaction it was."));
      return FALSE;
    }
  if (entry->date == AWB_DATE_NONE || entry->date > today)
    {
      g_set_error (error, AWB_INTERACTION_ERROR, AWB_INTERACTION_ERROR_INVALID,
                   _("An interaction is logged once it happened: date it today or earlier."));
      return FALSE;
    }
  if (entry->kind == AWB_INTERACTION_SURVEY &&
      (entry->satisfaction < 1 || entry->satisfaction > 5))
    {
      g_set_error (error, AWB_INTERACTION_ERROR, AWB_INTERACTION_ERROR_INVALID,
                   _("A survey records the client’s satisfaction, from 1 to 5."));
      return FALSE;
    }
  if (entry->kind != AWB_INTERACTION_SURVEY && entry->satisfaction != AWB_UNKNOWN)
    {
      g_set_error (error, AWB_INTERACTION_ERROR, AWB_INTERACTION_ERROR_INVALID,
                   _("Only a survey records satisfaction."));
      return FALSE;
    }
  if (entry->follow_up_on != AWB_DATE_NONE &&
      (entry->follow_up_on < today || entry->follow_up_on < entry->date))
    {
      g_set_error (error, AWB_INTERACTION_ERROR, AWB_INTERACTION_ERROR_INVALID,
                   _("A follow-up is for today or later."));
      return FALSE;
    }
  return TRUE;
}

static gint64
insert_entry (AwbDatabase                *db,
              gint64                      client_id,
              const AwbInteractionEntry  *entry,
              GError                    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = awb_database_prepare (db,
                               "INSERT INTO interactions (client_id, date, kind, satisfaction,"
                               " notes, follow_up_on, done)"
                               " SELECT id, ?2, ?3, ?4, ?5, ?6, 0 FROM clients WHERE id = ?1",
                               error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_int (stmt, 2, entry->date);
  sqlite3_bind_text (stmt, 3, awb_code_to_string (AWB_KIND_INTERACTION, (int) entry->kind), -1,
                     SQLITE_STATIC);
  if (entry->satisfaction != AWB_UNKNOWN)
    sqlite3_bind_int (stmt, 4, entry->satisfaction);
  if (entry->notes != NULL && *entry->notes != '\0')
    sqlite3_bind_text (stmt, 5, entry->notes, -1, SQLITE_STATIC);
  if (entry->follow_up_on != AWB_DATE_NONE)
    sqlite3_bind_int (stmt, 6, entry->follow_up_on);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      awb_database_set_error (db, rc, error);
      return 0;
    }
  if (sqlite3_changes (awb_database_get_handle (db)) == 0)
    {
      g_set_error (error, AWB_INTERACTION_ERROR, AWB_INTERACTION_ERROR_NOT_FOUND,
                   _("The client is no longer in the book."));
      return 0;
    }
  return sqlite3_last_insert_rowid (awb_database_get_handle (db));
}

/**
 * awb_interaction_log:
 * @client_id: clients.id
 *
 * Logs @entry for the client in one transaction.
 *
 * Returns: the new interaction's id, or 0 with @error set.
 */
gint64
awb_interaction_log (AwbDatabase                *db,
                     gint64                      client_id,
                     const AwbInteractionEntry  *entry,
                     AwbDate                     today,
                     GError                    **error)
{
  gint64 id;

  g_return_val_if_fail (AWB_IS_DATABASE (db), 0);

  if (!awb_interaction_entry_check (entry, today, error) || !awb_database_begin (db, error))
    return 0;
  id = insert_entry (db, client_id, entry, error);
  if (id == 0 || !awb_database_commit (db, error))
    {
      awb_database_rollback (db);
      return 0;
    }
  return id;
}

/**
 * awb_interaction_complete_follow_up:
 * @follow_up_id: the interaction whose follow-up is done
 * @entry: the interaction that completed it (a call, a visit ...)
 *
 * Notes (2).
 *
 * Returns: the id of the interaction logged, or 0 with @error set.
 */
gint64
awb_interaction_complete_follow_up (AwbDatabase                *db,
                                    gint64                      follow_up_id,
                                    const AwbInteractionEntry  *entry,
                                    AwbDate                     today,
                                    GError                    **error)
{
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) done = NULL;
  gint64 client_id;
  gint64 id;
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (db), 0);

  if (!awb_interaction_entry_check (entry, today, error) || !awb_database_begin (db, error))
    return 0;
  find = awb_database_prepare (db,
                               "SELECT client_id, done FROM interactions"
                               " WHERE id = ?1 AND follow_up_on IS NOT NULL",
                               error);
  if (find == NULL)
    goto fail;
  sqlite3_bind_int64 (find, 1, follow_up_id);
  rc = sqlite3_step (find);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, AWB_INTERACTION_ERROR, AWB_INTERACTION_ERROR_NOT_FOUND,
                   _("The follow-up is no longer in the book."));
      goto fail;
    }
  if (rc != SQLITE_ROW)
    {
      awb_database_set_error (db, rc, error);
      goto fail;
    }
  if (sqlite3_column_int (find, 1) != 0)
    {
      g_set_error (error, AWB_INTERACTION_ERROR, AWB_INTERACTION_ERROR_ALREADY_DONE,
                   _("The follow-up was marked done meanwhile, in another window or on another computer."));
      goto fail;
    }
  client_id = sqlite3_column_int64 (find, 0);

  done = awb_database_prepare (db, "UPDATE interactions SET done = 1 WHERE id = ?1", error);
  if (done == NULL)
    goto fail;
  sqlite3_bind_int64 (done, 1, follow_up_id);
  rc = sqlite3_step (done);
  if (rc != SQLITE_DONE)
    {
      awb_database_set_error (db, rc, error);
      goto fail;
    }
  id = insert_entry (db, client_id, entry, error);
  if (id == 0 || !awb_database_commit (db, error))
    goto fail;
  return id;

fail:
  awb_database_rollback (db);
  return 0;
}

void
awb_interaction_record_free (AwbInteractionRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->notes);
  g_free (record);
}

/**
 * awb_interaction_list_client:
 * @client_id: clients.id
 *
 * Reads one client's interactions, newest first (the latest logged first
 * on a day), through the index on (client, date).
 *
 * Returns: (transfer full) (element-type AwbInteractionRecord): the
 * interactions, or %NULL with @error set.
 */
GPtrArray *
awb_interaction_list_client (AwbDatabase  *db,
                             gint64        client_id,
                             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);

  stmt = awb_database_prepare (db,
                               "SELECT id, kind, date, satisfaction, notes, follow_up_on, done"
                               " FROM interactions WHERE client_id = ?1"
                               " ORDER BY date DESC, id DESC",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, client_id);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) awb_interaction_record_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AwbInteractionRecord *r = g_new0 (AwbInteractionRecord, 1);

      r->id = sqlite3_column_int64 (stmt, 0);
      r->kind = awb_code_lookup (AWB_KIND_INTERACTION, (const char *) sqlite3_column_text (stmt, 1));
      r->date = sqlite3_column_int (stmt, 2);
      r->satisfaction = sqlite3_column_type (stmt, 3) == SQLITE_NULL
                        ? AWB_UNKNOWN : sqlite3_column_int (stmt, 3);
      r->notes = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      r->follow_up_on = sqlite3_column_type (stmt, 5) == SQLITE_NULL
                        ? AWB_DATE_NONE : sqlite3_column_int (stmt, 5);
      r->done = sqlite3_column_int (stmt, 6) != 0;
      g_ptr_array_add (list, r);
    }
  if (rc != SQLITE_DONE)
    {
      awb_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}
