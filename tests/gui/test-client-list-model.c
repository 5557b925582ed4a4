/* test-client-list-model.c: the lazy client list, and how numbers read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No display needed: the model is a GListModel (GIO) and the formatting is
 * plain GLib.
 */
#include "config.h"

#include "awb-client-list-model.h"
#include "awb-client-row.h"
#include "awb-gui-format.h"

typedef struct
{
  char        *dir;
  AwbDatabase *db;
} Fixture;

static void
exec (AwbDatabase *db,
      const char  *sql)
{
  g_autoptr(GError) error = NULL;

  awb_database_exec (db, sql, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("awb-client-list-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "book.sqlite", NULL);
  f->db = awb_database_open (path, &error);
  g_assert_no_error (error);
  exec (f->db,
        "INSERT INTO managers (id, name) VALUES (1, 'Chen Jie');"
        "INSERT INTO clients (id, client_no, name, manager_id, aum) VALUES"
        " (1, 'C003', 'Wang Fang', 1, 100000000),"
        " (2, 'C002', 'Li Na', 1, 25000050),"
        " (3, 'C001', 'Li Na', NULL, 0);");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_assert_finalize_object (f->db);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
}

typedef struct
{
  guint calls;
  guint position, removed, added;
} ItemsChanged;

static void
on_items_changed_cb (GListModel   *model,
                     guint         position,
                     guint         removed,
                     guint         added,
                     ItemsChanged *seen)
{
  seen->calls++;
  seen->position = position;
  seen->removed = removed;
  seen->added = added;
}

static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AwbClientListModel *model = awb_client_list_model_new (f->db);
  ItemsChanged seen = { 0 };
  /* by name, then account number */
  static const struct {
    const char *name, *client_no, *manager, *aum_text;
  } expected[] = {
    { "Li Na", "C001", "", "0.00" },
    { "Li Na", "C002", "Chen Jie", "250,000.50" },
    { "Wang Fang", "C003", "Chen Jie", "1,000,000.00" },
  };

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), &seen);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == AWB_TYPE_CLIENT_ROW);

  g_assert_true (awb_client_list_model_reload (model, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.calls, ==, 1);
  g_assert_cmpuint (seen.position, ==, 0);
  g_assert_cmpuint (seen.removed, ==, 0);
  g_assert_cmpuint (seen.added, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(AwbClientRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autofree char *name = NULL, *client_no = NULL, *manager = NULL, *aum_text = NULL;

      g_object_get (row, "name", &name, "client-no", &client_no, "manager", &manager,
                    "aum-text", &aum_text, NULL);
      g_assert_cmpstr (name, ==, expected[i].name);
      g_assert_cmpstr (client_no, ==, expected[i].client_no);
      g_assert_cmpstr (manager, ==, expected[i].manager);
      g_assert_cmpstr (aum_text, ==, expected[i].aum_text);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 3));

  /* a new client sorts first; a reload replaces everything in one signal
   * and the cached rows are not served for the moved positions */
  exec (f->db, "INSERT INTO clients (id, client_no, name, aum) VALUES (4, 'C000', 'Chen Li', 1234)");
  g_assert_true (awb_client_list_model_reload (model, &error));
  g_assert_cmpuint (seen.calls, ==, 2);
  g_assert_cmpuint (seen.removed, ==, 3);
  g_assert_cmpuint (seen.added, ==, 4);
  {
    g_autoptr(AwbClientRow) first = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_autoptr(AwbClientRow) last = g_list_model_get_item (G_LIST_MODEL (model), 3);

    g_assert_cmpstr (awb_client_row_get_name (first), ==, "Chen Li");
    g_assert_cmpstr (awb_client_row_get_aum_text (first), ==, "12.34");
    g_assert_cmpstr (awb_client_row_get_client_no (last), ==, "C003");
  }

  g_assert_finalize_object (model);
}

static void
test_format_count (void)
{
  static const struct {
    gint64      n;
    const char *text;
  } cases[] = {
    { 0, "0" },
    { 7, "7" },
    { 999, "999" },
    { 1000, "1,000" },
    { 5000, "5,000" },
    { 123456, "123,456" },
    { 1000000, "1,000,000" },
    { -1234, "-1,234" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = awb_gui_format_count (cases[i].n);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/awb/client-list-model/rows", Fixture, NULL,
              fixture_setup, test_rows, fixture_teardown);
  g_test_add_func ("/awb/gui-format/count", test_format_count);

  return g_test_run ();
}
