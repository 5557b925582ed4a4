/* awb-settings-store.c: loading, seeding and changing the book's settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This file keeps AwbSettings (app/core/awb-settings.c) in the book's
 * `settings` table: one row per key, the value in the text form of the
 * registry.
 *
 * NOTES ON THE DESIGN
 *
 *  (1) A new book holds every key with the spec's default
 *      (awb_settings_store_seed, INSERT OR IGNORE: a key already present,
 *      edited or not, is never overwritten).  Seeding again after an
 *      upgrade adds the keys the new version knows and nothing else.
 *  (2) The settings in force are the defaults overlaid with the rows of
 *      the table (awb_settings_store_load).  A row whose key this version
 *      does not know is skipped (a newer version may have written it); a
 *      row whose value does not parse, or a table whose values together
 *      fail validation, is an error naming the key: the book's settings
 *      are never silently replaced by defaults.
 *  (3) A change (awb_settings_store_set) is laid over the stored values,
 *      the whole result parsed and validated, and only then written, every
 *      changed key in one transaction.  A rejected change writes nothing:
 *      the old settings stay in force.  Because the change is laid over the
 *      stored text before parsing, it can also repair a stored value that
 *      is bad (one written by hand, say).
 */
#define G_LOG_DOMAIN "awb-settings-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "awb-settings-store.h"

/**
 * awb_settings_store_seed:
 *
 * Inserts the default of every key the book does not have yet (1), in one
 * transaction.  Returns %FALSE with @error set, nothing written, on failure.
 */
gboolean
awb_settings_store_seed (AwbDatabase  *db,
                         GError      **error)
{
  g_autoptr(AwbSettings) defaults = awb_settings_new ();
  g_autoptr(sqlite3_stmt) insert = NULL;
  gboolean own_transaction;

  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);

  own_transaction = sqlite3_get_autocommit (awb_database_get_handle (db));
  if (own_transaction && !awb_database_begin (db, error))
    return FALSE;
  insert = awb_database_prepare (db, "INSERT OR IGNORE INTO settings (key, value) VALUES (?1, ?2)",
                                 error);
  if (insert == NULL)
    goto failed;
  for (guint i = 0; i < awb_settings_get_n_keys (); i++)
    {
      const char *key = awb_settings_get_key (i);
      g_autofree char *value = awb_settings_get_value (defaults, key);
      int rc;

      sqlite3_bind_text (insert, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, value, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (insert);
      sqlite3_reset (insert);
      if (rc != SQLITE_DONE)
        {
          awb_database_set_error (db, rc, error);
          goto failed;
        }
    }
  if (own_transaction && !awb_database_commit (db, error))
    return FALSE;
  return TRUE;

failed:
  if (own_transaction)
    awb_database_rollback (db);
  return FALSE;
}

/* The settings of the table with @n values laid over it, parsed onto the
 * defaults and validated as a whole.  Laying the change over the stored
 * values before parsing lets a change repair a stored value that is bad. */
static AwbSettings *
load_with (AwbDatabase        *db,
           guint               n,
           const char *const  *keys,
           const char *const  *values,
           GError            **error)
{
  g_autoptr(AwbSettings) settings = awb_settings_new ();
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int rc;

  select = awb_database_prepare (db, "SELECT key, value FROM settings", error);
  if (select == NULL)
    return NULL;
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (select, 0);
      const char *value = (const char *) sqlite3_column_text (select, 1);

      if (awb_settings_has_key (key))   /* (2): a newer version's key is skipped */
        g_hash_table_insert (table, g_strdup (key), g_strdup (value ? value : ""));
    }
  if (rc != SQLITE_DONE)
    {
      awb_database_set_error (db, rc, error);
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      if (!awb_settings_has_key (keys[i]))
        {
          g_set_error (error, AWB_SETTINGS_ERROR, AWB_SETTINGS_ERROR_UNKNOWN_KEY,
                       _("There is no setting “%s”"), keys[i]);
          return NULL;
        }
      g_hash_table_insert (table, g_strdup (keys[i]), g_strdup (values[i]));
    }

  /* Parse in registry order, so the first bad key reported is stable. */
  for (guint i = 0; i < awb_settings_get_n_keys (); i++)
    {
      const char *key = awb_settings_get_key (i);
      const char *value = g_hash_table_lookup (table, key);

      if (value != NULL && !awb_settings_parse_value (settings, key, value, error))
        return NULL;
    }
  if (!awb_settings_validate (settings, error))
    return NULL;
  return g_steal_pointer (&settings);
}

/**
 * awb_settings_store_load:
 *
 * Returns: (transfer full) (nullable): the settings in force (2), or %NULL
 * with @error set if a stored value is bad.
 */
AwbSettings *
awb_settings_store_load (AwbDatabase  *db,
                         GError      **error)
{
  AwbSettings *settings;

  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);

  settings = load_with (db, 0, NULL, NULL, error);
  if (settings == NULL)
    g_prefix_error (error, _("The book “%s” holds a bad setting: "), awb_database_get_path (db));
  return settings;
}

/**
 * awb_settings_store_set:
 * @keys: (array length=n): the keys to change
 * @values: (array length=n): their new values, in text form
 *
 * Changes @n settings together (3).  Returns %FALSE with @error naming the
 * setting at fault, and the book unchanged, if the result is not valid.
 */
gboolean
awb_settings_store_set (AwbDatabase        *db,
                        guint               n,
                        const char *const  *keys,
                        const char *const  *values,
                        GError            **error)
{
  g_autoptr(AwbSettings) settings = NULL;

  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);

  settings = load_with (db, n, keys, values, error);
  if (settings == NULL)
    return FALSE;

  if (!awb_database_begin (db, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      /* Store the canonical text form ("40/20/10/10/20", not " 40 / 20 …"). */
      g_autofree char *canonical = awb_settings_get_value (settings, keys[i]);

      if (!awb_database_put_setting (db, keys[i], canonical, error))
        {
          awb_database_rollback (db);
          return FALSE;
        }
    }
  return awb_database_commit (db, error);
}
