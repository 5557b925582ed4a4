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
  /* Run 1 scores client 2 (Key, Champions, inertia, C3 with an expired
   * questionnaire, low-frequency, first action: the segment's strategy)
   * and client 1 (VIP, Lost, trust, P, first action: mismatch). */
  exec (f->db,
        "INSERT INTO managers (id, name) VALUES (1, 'Chen Jie');"
        "INSERT INTO clients (id, client_no, name, manager_id, aum, phone, id_number) VALUES"
        " (1, 'C003', 'Wang Fang', 1, 100000000, '13812345678', '320102199001011606'),"
        " (2, 'C002', 'Li Na', 1, 25000050, '+86 139-0000-1234', NULL),"
        " (3, 'C001', 'Li Na', NULL, 0, NULL, NULL);"
        "INSERT INTO scoring_runs (id, created_at, as_of, settings) VALUES (1, 'x', 20000, '');"
        "INSERT INTO scores (id, tier, rfm_segment, loyalty_type, risk_level, service_group,"
        " questionnaire_expired, first_action) VALUES"
        " ((1 << 32) | 2, 1, 0, 4, 2, 3, 1, 5), ((1 << 32) | 1, 0, 9, 0, 5, 0, 0, 0);");
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

static GArray *
ids_of (const gint64 *ids,
        guint         n)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_vals (array, ids, n);
  return array;
}

static void
count_changed (guint *n)
{
  (*n)++;
}

static const char *
text (AwbClientRow *row,
      const char   *field)
{
  return awb_client_row_get_text (row, field);
}

static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AwbClientListModel *model = awb_client_list_model_new (f->db);
  ItemsChanged seen = { 0 };
  static const gint64 order[] = { 3, 2, 1 };
  g_autoptr(GArray) ids = ids_of (order, G_N_ELEMENTS (order));

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), &seen);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == AWB_TYPE_CLIENT_ROW);

  g_assert_true (awb_client_list_model_set_run (model, 1, 20000, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.calls, ==, 0);   /* nothing shown yet */
  awb_client_list_model_set_ids (model, ids);
  g_assert_cmpuint (seen.calls, ==, 1);
  g_assert_cmpuint (seen.position, ==, 0);
  g_assert_cmpuint (seen.removed, ==, 0);
  g_assert_cmpuint (seen.added, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);

  {
    g_autoptr(AwbClientRow) row = g_list_model_get_item (G_LIST_MODEL (model), 0);

    /* not scored: dashes, and said so */
    g_assert_cmpstr (text (row, "name"), ==, "Li Na");
    g_assert_cmpstr (text (row, "client-no"), ==, "C001");
    g_assert_cmpstr (text (row, "manager"), ==, "—");
    g_assert_cmpstr (text (row, "phone"), ==, "—");
    g_assert_cmpstr (text (row, "tier"), ==, "—");
    g_assert_cmpstr (text (row, "aum"), ==, "0.00");
    g_assert_cmpstr (text (row, "action"), ==, "—");
    g_assert_cmpstr (awb_client_row_get_summary (row), ==, "Li Na, account C001, not scored");
    g_assert_cmpstr (awb_client_row_get_position_text (row), ==, "Row 1 of 3");
  }
  {
    g_autoptr(AwbClientRow) row = g_list_model_get_item (G_LIST_MODEL (model), 1);

    g_assert_cmpstr (text (row, "manager"), ==, "Chen Jie");
    g_assert_cmpstr (text (row, "phone"), ==, "139****1234");
    g_assert_cmpstr (text (row, "tier"), ==, "Key");
    g_assert_cmpstr (text (row, "segment"), ==, "Champions");
    g_assert_cmpstr (text (row, "loyalty"), ==, "Inertia loyalty");
    g_assert_cmpstr (text (row, "risk"), ==, "C3, expired");
    g_assert_cmpstr (text (row, "aum"), ==, "250,000.50");
    /* the book's strategy for Champions */
    g_assert_cmpstr (text (row, "action"), ==, "Upsell, cross-sell and ask for referrals");
    g_assert_cmpstr (awb_client_row_get_summary (row), ==, "Li Na, account C002, Key, Champions");
  }
  {
    g_autoptr(AwbClientRow) row = g_list_model_get_item (G_LIST_MODEL (model), 2);

    g_assert_cmpstr (text (row, "phone"), ==, "138****5678");
    g_assert_cmpstr (text (row, "id-number"), ==, "3201**********1606");
    g_assert_cmpstr (text (row, "risk"), ==, "P");
    g_assert_cmpstr (text (row, "aum"), ==, "1,000,000.00");
    g_assert_cmpstr (awb_client_row_get_position_text (row), ==, "Row 3 of 3");
  }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 3));

  /* new ids: a row the view holds shows its position's new client (one
   * ::changed), and one signal gives the change of length at the end;
   * cached rows are not served for the moved positions */
  {
    static const gint64 two[] = { 1, 3 };
    g_autoptr(GArray) other = ids_of (two, G_N_ELEMENTS (two));
    g_autoptr(AwbClientRow) held = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_autoptr(AwbClientRow) first = NULL;
    g_autoptr(GArray) back = NULL;
    guint changed = 0;

    g_assert_cmpstr (text (held, "client-no"), ==, "C001");
    g_signal_connect_swapped (held, "changed", G_CALLBACK (count_changed), &changed);
    awb_client_list_model_set_ids (model, other);
    g_assert_cmpuint (seen.calls, ==, 2);
    g_assert_cmpuint (seen.position, ==, 2);
    g_assert_cmpuint (seen.removed, ==, 1);
    g_assert_cmpuint (seen.added, ==, 0);
    g_assert_cmpuint (changed, ==, 1);
    g_assert_cmpstr (text (held, "client-no"), ==, "C003");
    g_assert_cmpstr (awb_client_row_get_position_text (held), ==, "Row 1 of 2");
    first = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_true (first == held);
    {
      g_autoptr(AwbClientRow) second = g_list_model_get_item (G_LIST_MODEL (model), 1);

      g_assert_cmpstr (text (second, "client-no"), ==, "C001");
    }
    back = awb_client_list_model_dup_ids (model);
    g_assert_cmpuint (back->len, ==, 2);
    g_assert_cmpint (g_array_index (back, gint64, 1), ==, 3);

    /* a longer list adds at the end */
    awb_client_list_model_set_ids (model, ids);
    g_assert_cmpuint (seen.calls, ==, 3);
    g_assert_cmpuint (seen.position, ==, 2);
    g_assert_cmpuint (seen.removed, ==, 0);
    g_assert_cmpuint (seen.added, ==, 1);
    g_assert_cmpuint (changed, ==, 2);
    g_assert_cmpstr (text (held, "client-no"), ==, "C001");
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
