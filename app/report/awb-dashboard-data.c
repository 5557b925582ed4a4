/* awb-dashboard-data.c: everything the dashboard and the report show, read at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One load reads what every chart of the dashboard draws: the run's stored
 * counts (awb-run-stats), the migration from the run compared with, the
 * key figures of every run, and the book's settings (strategy texts,
 * thresholds), for the whole book or one manager.  Aggregates only: no
 * client row is read, so the load takes the same time for a hundred
 * clients and for a million.
 *
 * A chart element names the clients behind it with a key (AwbChartRow.key,
 * built by the catalogue): the dimension and its codes, joined by U+001F
 * (free text such as a city may hold any printable character).
 * awb_dashboard_data_select() turns a key back into the clients, through
 * the store's selection, which counts by the same rules as the stats.
 */
#define G_LOG_DOMAIN "awb-dashboard-data"

#include "config.h"

#include <glib/gi18n.h>

#include "awb-dashboard-data.h"
#include "awb-settings-store.h"

static void
awb_dashboard_data_free (AwbDashboardData *data)
{
  g_clear_pointer (&data->run, awb_scoring_run_info_free);
  g_clear_pointer (&data->compare, awb_scoring_run_info_free);
  g_clear_pointer (&data->manager, g_free);
  g_clear_pointer (&data->book, g_free);
  g_clear_pointer (&data->stats, awb_run_stats_unref);
  awb_label_migration_clear (&data->segment_migration);
  awb_label_migration_clear (&data->tier_migration);
  g_clear_pointer (&data->kpis, g_array_unref);
  g_clear_pointer (&data->settings, awb_settings_free);
  g_clear_pointer (&data->runs, g_ptr_array_unref);
}

AwbDashboardData *
awb_dashboard_data_ref (AwbDashboardData *data)
{
  return g_atomic_rc_box_acquire (data);
}

void
awb_dashboard_data_unref (AwbDashboardData *data)
{
  g_atomic_rc_box_release_full (data, (GDestroyNotify) awb_dashboard_data_free);
}

static AwbScoringRunInfo *
run_info_copy (const AwbScoringRunInfo *info)
{
  AwbScoringRunInfo *copy = g_new0 (AwbScoringRunInfo, 1);

  *copy = *info;
  copy->created_at = g_strdup (info->created_at);
  copy->settings = g_strdup (info->settings);
  return copy;
}

static char *
manager_name (AwbDatabase  *db,
              gint64        manager_id,
              GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (manager_id == AWB_RUN_STATS_NO_MANAGER)
    /* Translators: the dashboard's filter: the clients no manager serves */
    return g_strdup (_("No manager"));

  stmt = awb_database_prepare (db, "SELECT name FROM managers WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, manager_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc == SQLITE_DONE)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, manager_id);

      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_FOUND,
                   /* Translators: %s is a number, a managers.id */
                   _("The book has no manager with the id %s."), id);
      return NULL;
    }
  awb_database_set_error (db, rc, error);
  return NULL;
}

/**
 * awb_dashboard_data_load:
 * @run_id: the run to show, or %AWB_DASHBOARD_LATEST
 * @compare_run: the run to compare it with, %AWB_DASHBOARD_PREVIOUS for the
 *   one before it, or %AWB_DASHBOARD_NONE
 * @manager_id: 0 for the whole book, %AWB_RUN_STATS_NO_MANAGER, or a
 *   managers.id
 *
 * Returns: (transfer full): the data, or %NULL with @error set (a book
 * without a scoring run is %AWB_DATABASE_ERROR_NOT_FOUND).
 */
AwbDashboardData *
awb_dashboard_data_load (AwbDatabase   *db,
                         gint64         run_id,
                         gint64         compare_run,
                         gint64         manager_id,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(AwbDashboardData) data = NULL;
  const AwbScoringRunInfo *shown = NULL;
  const AwbScoringRunInfo *previous = NULL;
  const AwbScoringRunInfo *compared = NULL;

  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);

  data = g_atomic_rc_box_new0 (AwbDashboardData);
  data->manager_id = manager_id;
  data->book = g_path_get_basename (awb_database_get_path (db));

  data->runs = awb_scoring_list_runs (db, error);
  if (data->runs == NULL)
    return NULL;
  if (data->runs->len == 0)
    {
      g_set_error_literal (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_FOUND,
                           _("The book has no scoring run yet: score the book first."));
      return NULL;
    }
  for (guint i = 0; i < data->runs->len; i++)
    {
      const AwbScoringRunInfo *info = g_ptr_array_index (data->runs, i);

      if (run_id == AWB_DASHBOARD_LATEST ? i + 1 == data->runs->len : info->id == run_id)
        {
          shown = info;
          previous = i > 0 ? g_ptr_array_index (data->runs, i - 1) : NULL;
        }
      if (compare_run > 0 && info->id == compare_run)
        compared = info;
    }
  if (shown == NULL || (compare_run > 0 && compared == NULL))
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             shown == NULL ? run_id : compare_run);

      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_FOUND,
                   /* Translators: %s is the number of a scoring run */
                   _("The book has no scoring run %s."), id);
      return NULL;
    }
  if (compare_run == AWB_DASHBOARD_PREVIOUS)
    compared = previous;
  data->run = run_info_copy (shown);
  if (compared != NULL && compared->id != shown->id)
    data->compare = run_info_copy (compared);

  if (manager_id != 0)
    {
      data->manager = manager_name (db, manager_id, error);
      if (data->manager == NULL)
        return NULL;
    }

  data->settings = awb_settings_store_load (db, error);
  if (data->settings == NULL)
    return NULL;

  data->stats = awb_run_stats_load (db, data->run->id, manager_id, cancellable, error);
  if (data->stats == NULL)
    return NULL;

  if (data->compare != NULL)
    {
      if (!awb_run_stats_migration (db, data->compare->id, data->run->id,
                                    AWB_MIGRATION_SEGMENTS, manager_id,
                                    &data->segment_migration, cancellable, error) ||
          !awb_run_stats_migration (db, data->compare->id, data->run->id,
                                    AWB_MIGRATION_TIERS, manager_id,
                                    &data->tier_migration, cancellable, error))
        return NULL;
    }

  data->kpis = awb_run_stats_kpi_series (db, manager_id, cancellable, error);
  if (data->kpis == NULL)
    return NULL;

  return g_steal_pointer (&data);
}

typedef struct
{
  char             *path;
  gint64            run_id;
  gint64            compare_run;
  gint64            manager_id;
  AwbDashboardData *data;       /* select */
  char             *key;        /* select */
} LoadData;

static void
load_data_free (LoadData *load)
{
  g_free (load->path);
  g_clear_pointer (&load->data, awb_dashboard_data_unref);
  g_free (load->key);
  g_free (load);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadData *load = task_data;
  g_autoptr(AwbDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  AwbDashboardData *data;

  db = awb_database_open (load->path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data = awb_dashboard_data_load (db, load->run_id, load->compare_run, load->manager_id,
                                  cancellable, &error);
  if (data == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, data, (GDestroyNotify) awb_dashboard_data_unref);
}

/* awb_dashboard_data_load() in a thread, on a connection of its own. */
void
awb_dashboard_data_load_async (const char          *db_path,
                               gint64               run_id,
                               gint64               compare_run,
                               gint64               manager_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (db_path != NULL);

  load = g_new0 (LoadData, 1);
  load->path = g_strdup (db_path);
  load->run_id = run_id;
  load->compare_run = compare_run;
  load->manager_id = manager_id;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, awb_dashboard_data_load_async);
  g_task_set_task_data (task, load, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_in_thread);
}

AwbDashboardData *
awb_dashboard_data_load_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
union_into (GArray       *into,
            const GArray *more)
{
  g_autoptr(GArray) merged = g_array_sized_new (FALSE, FALSE, sizeof (gint64),
                                                into->len + more->len);
  guint i = 0, j = 0;

  /* both ascending; distinct cells hold distinct clients, but a merge
   * keeps the union sorted and free of repeats whatever the cells */
  while (i < into->len || j < more->len)
    {
      gint64 a = i < into->len ? g_array_index (into, gint64, i) : G_MAXINT64;
      gint64 b = j < more->len ? g_array_index (more, gint64, j) : G_MAXINT64;
      gint64 v = MIN (a, b);

      g_array_append_val (merged, v);
      if (a == v)
        i++;
      if (b == v)
        j++;
    }
  g_array_set_size (into, 0);
  g_array_append_vals (into, merged->data, merged->len);
}

/* The cells of @dim whose key is @key (any key2 when @key2 is NULL), or
 * every cell when @key is NULL too. */
static GArray *
select_cells (AwbDatabase       *db,
              AwbDashboardData  *data,
              AwbStatDimension   dim,
              const char        *key,
              GCancellable      *cancellable,
              GError           **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const AwbStatCell *cells;
  guint n_cells;

  cells = awb_run_stats_get_cells (data->stats, dim, &n_cells);
  for (guint i = 0; i < n_cells; i++)
    {
      g_autoptr(GArray) some = NULL;

      if (key != NULL && g_strcmp0 (cells[i].key, key) != 0)
        continue;
      some = awb_run_stats_select (db, data->run->id, data->manager_id, dim,
                                   cells[i].key, cells[i].key2, cancellable, error);
      if (some == NULL)
        return NULL;
      union_into (ids, some);
    }
  return g_steal_pointer (&ids);
}

static gboolean
bad_key (const char  *key,
         GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               /* Translators: %s is a chart element's key, e.g. "stat·segment·champions" */
               _("The chart element “%s” selects no clients."), key);
  return FALSE;
}

/**
 * awb_dashboard_data_select:
 * @key: a chart row's key, as the catalogue built it
 *
 * Returns: (transfer full) (element-type gint64): the clients, ascending.
 */
GArray *
awb_dashboard_data_select (AwbDatabase       *db,
                           AwbDashboardData  *data,
                           const char        *key,
                           GCancellable      *cancellable,
                           GError           **error)
{
  g_auto(GStrv) parts = NULL;
  guint n;

  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);
  g_return_val_if_fail (data != NULL && key != NULL, NULL);

  parts = g_strsplit (key, "\037", 5);
  n = g_strv_length (parts);

  if (n == 4 && g_str_equal (parts[0], "stat"))
    {
      AwbStatDimension dim;

      if (!awb_stat_dimension_from_string (parts[1], &dim))
        return bad_key (key, error), NULL;
      return awb_run_stats_select (db, data->run->id, data->manager_id, dim,
                                   parts[2], parts[3], cancellable, error);
    }
  if (n == 4 && g_str_equal (parts[0], "migration") && data->compare != NULL)
    {
      AwbMigrationKind kind = g_str_equal (parts[1], "tiers") ? AWB_MIGRATION_TIERS
                                                              : AWB_MIGRATION_SEGMENTS;

      return awb_run_stats_select_migration (db, data->compare->id, data->run->id, kind,
                                             data->manager_id, parts[2], parts[3],
                                             cancellable, error);
    }
  if (n == 2 && g_str_equal (parts[0], "kpi"))
    {
      /* the key figures that are sets of clients: all of them (every
       * client has a segment cell, prospects in ""), those at risk of
       * churning (R 1 and 2, whatever F), the mismatched */
      if (g_str_equal (parts[1], "clients"))
        return select_cells (db, data, AWB_STAT_SEGMENT, NULL, cancellable, error);
      if (g_str_equal (parts[1], "churn_risk"))
        {
          g_autoptr(GArray) ids = select_cells (db, data, AWB_STAT_RF, "1", cancellable, error);
          g_autoptr(GArray) more = NULL;

          if (ids == NULL)
            return NULL;
          more = select_cells (db, data, AWB_STAT_RF, "2", cancellable, error);
          if (more == NULL)
            return NULL;
          union_into (ids, more);
          return g_steal_pointer (&ids);
        }
      if (g_str_equal (parts[1], "mismatched"))
        return awb_run_stats_select (db, data->run->id, data->manager_id, AWB_STAT_SUITABILITY,
                                     "mismatch", "", cancellable, error);
    }
  return bad_key (key, error), NULL;
}

static void
select_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  LoadData *load = task_data;
  g_autoptr(AwbDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  GArray *ids;

  db = awb_database_open (load->path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  ids = awb_dashboard_data_select (db, load->data, load->key, cancellable, &error);
  if (ids == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

void
awb_dashboard_data_select_async (const char          *db_path,
                                 AwbDashboardData    *data,
                                 const char          *key,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (db_path != NULL && data != NULL && key != NULL);

  load = g_new0 (LoadData, 1);
  load->path = g_strdup (db_path);
  load->data = awb_dashboard_data_ref (data);
  load->key = g_strdup (key);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, awb_dashboard_data_select_async);
  g_task_set_task_data (task, load, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, select_in_thread);
}

GArray *
awb_dashboard_data_select_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
