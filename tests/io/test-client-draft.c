/* test-client-draft.c: the profile editor's model: properties, their
 * notifications, the live questionnaire and saving
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client is test-profile.c's: born 1990-01-05, a man, ID number
 * 320102199001051234 (check character 4, worked by hand there), q_job 2.
 */
#include "config.h"

#include <string.h>

#include "awb-client-draft.h"
#include "awb-date.h"
#include "io-test-utils.h"

#define TODAY awb_date_from_ymd (2026, 12, 3)

static void
setup (BookFixture   *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  book_fixture_setup (f, data);
  sql = g_strdup_printf ("INSERT INTO clients (id, client_no, name, gender, birth_date, phone,"
                         " id_number, aum, q_job, q_burden, q_housing, q_experience, q_knowledge,"
                         " loss_tolerance_pct, q_priority, q_stoploss, q_if_loss, q_watching,"
                         " q_results, assessed_on)"
                         " VALUES (1, 'C001', '王建华', 'M', %d, '13812345678',"
                         " '320102199001051234', 123456, 2, 1, 3, 4, 5, 15, 3, 2, 4, 1, 5, %d)",
                         awb_date_from_ymd (1990, 1, 5), awb_date_from_ymd (2025, 6, 30));
  g_assert_true (awb_database_exec (f->db, sql, &error));
  g_assert_no_error (error);
}

/* Counts the notifications of each property by name. */
static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           GHashTable *counts)
{
  const char *name = g_param_spec_get_name (pspec);

  g_hash_table_insert (counts, (gpointer) name,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, name)) + 1));
}

static guint
count (GHashTable *counts,
       const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static AwbClientDraft *
open_draft (BookFixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbSettings) s = awb_settings_new ();
  AwbProfile *p = awb_profile_read (f->db, 1, TODAY, &error);

  g_assert_no_error (error);
  return awb_client_draft_new (p, s);
}

static void
test_properties (BookFixture   *f,
                 gconstpointer  data)
{
  g_autoptr(AwbClientDraft) d = open_draft (f);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *born = NULL;
  g_autofree char *level = NULL;

  /* as read: 69 and 60, C4 (test-profile.c's questionnaire test) */
  g_object_get (d, "birth-date", &born, "risk-level", &level, NULL);
  g_assert_cmpstr (born, ==, "1990-01-05");
  g_assert_cmpstr (level, ==, "C4");
  g_assert_cmpint (awb_client_draft_get_capacity (d), ==, 69);
  g_assert_cmpint (awb_client_draft_get_attitude (d), ==, 60);
  g_assert_false (awb_client_draft_is_modified (d));
  g_assert_true (awb_client_draft_is_valid (d));
  g_assert_nonnull (strstr (awb_client_draft_get_risk_explanation (d), "Capacity 69"));

  g_signal_connect (d, "notify", G_CALLBACK (on_notify), counts);

  /* an ID number mistyped: its error, invalid, modified; once each */
  g_object_set (d, "id-number", "320102199001051235", NULL);
  g_assert_cmpuint (count (counts, "id-number"), ==, 1);
  g_assert_cmpuint (count (counts, "id-number-error"), ==, 1);
  g_assert_cmpuint (count (counts, "is-valid"), ==, 1);
  g_assert_cmpuint (count (counts, "is-modified"), ==, 1);
  g_assert_cmpuint (count (counts, "capacity"), ==, 0);   /* the score did not move */
  g_assert_nonnull (strstr (awb_client_draft_get_error (d, "id_number"), "should be 4"));
  g_assert_false (awb_client_draft_is_valid (d));

  /* typed back: valid, and not modified any more */
  g_hash_table_remove_all (counts);
  awb_client_draft_set_text (d, "id_number", "320102199001051234");
  g_assert_null (awb_client_draft_get_error (d, "id_number"));
  g_assert_true (awb_client_draft_is_valid (d));
  g_assert_false (awb_client_draft_is_modified (d));
  g_assert_cmpuint (count (counts, "is-modified"), ==, 1);

  /* a birth date a day later: the ID number disagrees now, and the age
   * (36) does not change: no new capacity */
  g_hash_table_remove_all (counts);
  awb_client_draft_set_text (d, "birth_date", "1990-01-06");
  g_assert_nonnull (awb_client_draft_get_error (d, "id_number"));
  g_assert_null (awb_client_draft_get_error (d, "birth_date"));
  g_assert_cmpuint (count (counts, "id-number-error"), ==, 1);
  g_assert_cmpuint (count (counts, "capacity"), ==, 0);
  awb_client_draft_set_text (d, "birth_date", "1990-01-05");
  g_assert_null (awb_client_draft_get_error (d, "id_number"));

  /* the answers scored as they change: loss 5 % makes attitude 40 (C3) */
  g_hash_table_remove_all (counts);
  awb_client_draft_set_text (d, "loss_tolerance_pct", "5");
  g_assert_cmpint (awb_client_draft_get_attitude (d), ==, 40);
  g_assert_cmpstr (awb_client_draft_get_risk_level (d), ==, "C3");
  g_assert_cmpuint (count (counts, "attitude"), ==, 1);
  g_assert_cmpuint (count (counts, "risk-level"), ==, 1);
  g_assert_cmpuint (count (counts, "capacity"), ==, 0);
  /* an answer taken back: no profile at all */
  awb_client_draft_set_text (d, "q_job", "");
  g_assert_cmpint (awb_client_draft_get_capacity (d), ==, -1);
  g_assert_null (awb_client_draft_get_risk_level (d));
}

static void
test_save (BookFixture   *f,
           gconstpointer  data)
{
  g_autoptr(AwbClientDraft) d = open_draft (f);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  awb_client_draft_set_text (d, "aum", "2,000");
  awb_client_draft_set_text (d, "q_results", "1");   /* 10 points: attitude 68 */
  g_assert_cmpint (awb_client_draft_get_attitude (d), ==, 68);
  g_assert_true (awb_client_draft_is_modified (d));
  g_signal_connect (d, "notify", G_CALLBACK (on_notify), counts);
  g_assert_true (awb_client_draft_save (d, f->db, "tester", &error));
  g_assert_no_error (error);
  g_assert_false (awb_client_draft_is_modified (d));
  g_assert_cmpstr (awb_client_draft_get_text (d, "aum"), ==, "2000.00");   /* the book's text */
  g_assert_cmpuint (count (counts, "aum"), ==, 1);
  g_assert_cmpuint (count (counts, "q-results"), ==, 0);
  g_assert_cmpuint (count (counts, "is-modified"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT q_results * 1000000 + aum FROM clients"), ==,
                   1000000 + 200000);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit_log WHERE who = 'tester'"), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/awb/client-draft/properties", BookFixture, NULL, setup, test_properties,
              book_fixture_teardown);
  g_test_add ("/awb/client-draft/save", BookFixture, NULL, setup, test_save,
              book_fixture_teardown);
  return g_test_run ();
}
