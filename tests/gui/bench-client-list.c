/* bench-client-list.c: how long the client list takes to load a big book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-client-list [N_CLIENTS [KEEP_PATH]]   (default 1,000,000)
 * With KEEP_PATH the book is written there and kept (for a look with sqlite3,
 * or to time the load again: a KEEP_PATH that already holds clients is used
 * as it is).
 * Writes N clients with random names into a temporary book, then times
 * awb_client_list_model_reload() (the one query of the rowids in display
 * order) and get_item() on positions spread over the list.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>

#include "awb-client-list-model.h"
#include "awb-client-row.h"

static const char *const family[] = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴" };
static const char *const given[] = { "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋",
                                     "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平" };

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  guint n = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 1000000;
  g_autofree char *dir = g_dir_make_tmp ("awb-bench-XXXXXX", NULL);
  g_autofree char *path = argc > 2 ? g_strdup (argv[2]) : g_build_filename (dir, "book.sqlite", NULL);
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
  g_autoptr(AwbDatabase) db = awb_database_open (path, &error);
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(AwbClientListModel) model = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  double seconds;

  setlocale (LC_ALL, "");

  g_assert_no_error (error);
  {
    g_autoptr(sqlite3_stmt) count = awb_database_prepare (db, "SELECT count(*) FROM clients", NULL);

    g_assert_cmpint (sqlite3_step (count), ==, SQLITE_ROW);
    if (sqlite3_column_int64 (count, 0) > 0)
      {
        n = (guint) sqlite3_column_int64 (count, 0);
        goto measure;
      }
  }
  g_assert_true (awb_database_begin (db, &error));
  insert = awb_database_prepare (db, "INSERT INTO clients (client_no, name, aum) VALUES (?, ?, ?)",
                                 &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      char client_no[16], name[32];

      g_snprintf (client_no, sizeof client_no, "31%08u", i);
      g_snprintf (name, sizeof name, "%s%s%s", family[g_rand_int_range (rand, 0, 10)],
                  given[g_rand_int_range (rand, 0, 20)], given[g_rand_int_range (rand, 0, 20)]);
      sqlite3_bind_text (insert, 1, client_no, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (insert, 3, g_rand_int_range (rand, 0, 100000000));
      g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
      sqlite3_reset (insert);
    }
  g_assert_true (awb_database_commit (db, &error));
  g_print ("book of %u clients written in %.2f s\n", n, g_timer_elapsed (timer, NULL));

measure:
  model = awb_client_list_model_new (db);
  g_timer_start (timer);
  g_assert_true (awb_client_list_model_reload (model, &error));
  seconds = g_timer_elapsed (timer, NULL);
  g_print ("reload (rowids in display order): %.3f s for %u clients\n",
           seconds, g_list_model_get_n_items (G_LIST_MODEL (model)));

  g_timer_start (timer);
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(AwbClientRow) row = g_list_model_get_item (G_LIST_MODEL (model),
                                                           (guint) ((guint64) i * n / 1000));
      g_assert_nonnull (row);
    }
  g_print ("get_item: %.1f µs each (1,000 positions spread over the list)\n",
           g_timer_elapsed (timer, NULL) * 1000.0);

  g_clear_object (&model);
  g_clear_object (&db);
  if (argc > 2)
    return 0;
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  return 0;
}
