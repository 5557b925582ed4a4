/* test-profile.c: a client's profile read, checked, saved with its audit
 * entries, a conflict with another writer, a new client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client's ID number 320102199001051234 is worked by hand (GB 11643:
 * 3·7 + 2·9 + 0·10 + 1·5 + 0·8 + 2·4 + 1·2 + 9·1 + 9·6 + 0·3 + 0·7 + 1·9
 * + 0·10 + 5·5 + 1·8 + 2·4 + 3·2 = 173, 173 mod 11 = 8, check "10X98765432"[8]
 * = 4), born 1990-01-05, 17th digit 3: a man.
 */
#include "config.h"

#include <string.h>

#include "awb-codes.h"
#include "awb-date.h"
#include "awb-explain.h"
#include "awb-profile.h"
#include "io-test-utils.h"

#define TODAY awb_date_from_ymd (2026, 12, 3)

static void
setup (BookFixture   *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  book_fixture_setup (f, data);
  sql = g_strdup_printf ("INSERT INTO managers (id, name) VALUES (1, '李晓梅');"
                         "INSERT INTO clients (id, client_no, name, gender, birth_date, phone,"
                         " id_number, aum, manager_id, q_job)"
                         " VALUES (1, 'C001', '王建华', 'M', %d, '13812345678',"
                         " '320102199001051234', 123456, 1, 2);"
                         "INSERT INTO clients (id, client_no, name) VALUES (2, 'C002', '曾小红');",
                         awb_date_from_ymd (1990, 1, 5));
  g_assert_true (awb_database_exec (f->db, sql, &error));
  g_assert_no_error (error);
}

/* How many fields differ from the saved ones. */
static guint
n_changed (const AwbProfile *p)
{
  g_autoptr(GPtrArray) changed = awb_profile_get_changed (p);

  return changed->len;
}

static void
test_read (BookFixture   *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbProfile) p = awb_profile_read (f->db, 1, TODAY, &error);

  g_assert_no_error (error);
  g_assert_cmpint (awb_profile_get_id (p), ==, 1);
  g_assert_cmpstr (awb_profile_get (p, "client_id"), ==, "C001");
  g_assert_cmpstr (awb_profile_get (p, "name"), ==, "王建华");
  g_assert_cmpstr (awb_profile_get (p, "gender"), ==, "M");
  g_assert_cmpstr (awb_profile_get (p, "birth_date"), ==, "1990-01-05");
  g_assert_cmpstr (awb_profile_get (p, "aum"), ==, "1234.56");
  g_assert_cmpstr (awb_profile_get (p, "manager"), ==, "李晓梅");
  g_assert_cmpstr (awb_profile_get (p, "q_job"), ==, "2");
  g_assert_cmpstr (awb_profile_get (p, "email"), ==, "");
  g_assert_true (awb_profile_check_all (p, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed (p), ==, 0);

  g_assert_null (awb_profile_read (f->db, 99, TODAY, &error));
  g_assert_error (error, AWB_PROFILE_ERROR, AWB_PROFILE_ERROR_NOT_FOUND);
}

static void
expect_invalid (AwbProfile *p,
                const char *field,
                const char *text,
                const char *words)
{
  g_autoptr(GError) error = NULL;

  g_test_message ("%s = “%s”", field, text);
  awb_profile_set (p, field, text);
  g_assert_false (awb_profile_check (p, field, &error));
  g_assert_error (error, AWB_PROFILE_ERROR, AWB_PROFILE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_check (BookFixture   *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbProfile) p = awb_profile_read (f->db, 1, TODAY, &error);

  g_assert_no_error (error);
  /* the ID number: one digit mistyped, then agreeing no more with the
   * profile's birth date and gender */
  expect_invalid (p, "id_number", "320102199001051235", "should be 4, not 5");
  awb_profile_set (p, "id_number", "320102199001051234");
  awb_profile_set (p, "birth_date", "1990-01-06");
  g_assert_false (awb_profile_check (p, "id_number", &error));
  g_assert_error (error, AWB_PROFILE_ERROR, AWB_PROFILE_ERROR_INVALID);
  g_clear_error (&error);
  awb_profile_set (p, "birth_date", "1990-01-05");
  awb_profile_set (p, "gender", "F");
  g_assert_false (awb_profile_check (p, "id_number", &error));
  g_clear_error (&error);
  awb_profile_set (p, "gender", "女");   /* a Chinese label, as an import takes */
  g_assert_false (awb_profile_check (p, "id_number", &error));
  g_clear_error (&error);
  awb_profile_set (p, "gender", "M");
  g_assert_true (awb_profile_check (p, "id_number", &error));
  g_assert_no_error (error);

  expect_invalid (p, "phone", "abc", "digits");
  expect_invalid (p, "phone", "1381234567", "11 digits");
  expect_invalid (p, "birth_date", "2026-12-04", "future");
  expect_invalid (p, "birth_date", "1990-02-30", "exists");
  expect_invalid (p, "aum", "-5", "negative");
  expect_invalid (p, "aum", "1.005", "two decimals");
  expect_invalid (p, "share_of_wallet", "120", "100");
  expect_invalid (p, "children", "-1", "children");        /* the import's own message */
  expect_invalid (p, "q_job", "6", "q_job");
  expect_invalid (p, "name", "  ", "required");
  expect_invalid (p, "region", "suburb", "urban");

  /* a landline an import stored does not stop the saving of another
   * field; typed again, it is checked */
  {
    g_autoptr(AwbProfile) other = NULL;

    g_assert_true (awb_database_exec (f->db, "UPDATE clients SET phone = '021-62345678'"
                                             " WHERE id = 2", &error));
    other = awb_profile_read (f->db, 2, TODAY, &error);
    g_assert_no_error (error);
    g_assert_true (awb_profile_check (other, "phone", &error));
    g_assert_no_error (error);
    awb_profile_set (other, "email", "b@c.cn");
    g_assert_true (awb_profile_save (other, f->db, "tester", &error));
    g_assert_no_error (error);
    expect_invalid (other, "phone", "021-62345679", "mobile");
  }
  g_assert_cmpint (query_int (f->db, "DELETE FROM audit_log RETURNING 0"), ==, 0);

  /* saving refuses, naming the first bad field, and writes nothing */
  g_assert_false (awb_profile_save (p, f->db, "tester", &error));
  g_assert_error (error, AWB_PROFILE_ERROR, AWB_PROFILE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "name: "));
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit_log"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT aum FROM clients WHERE id = 1"), ==, 123456);
}

static void
test_save (BookFixture   *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbProfile) p = awb_profile_read (f->db, 1, TODAY, &error);
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *old_key = query_text (f->db, "SELECT hex (awb_name_key ('王建华'))");
  g_autofree char *new_key = NULL;
  AwbAuditEntry *e;

  g_assert_no_error (error);
  awb_profile_set (p, "phone", " 139 0000 1111 ");    /* trimmed, kept as typed */
  awb_profile_set (p, "name", "王建國");
  awb_profile_set (p, "aum", "2,000.00");
  awb_profile_set (p, "email", "");                    /* unchanged: still empty */
  changed = awb_profile_get_changed (p);
  g_assert_cmpuint (changed->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (changed, 0), ==, "name");
  g_assert_cmpstr (g_ptr_array_index (changed, 1), ==, "phone");
  g_assert_cmpstr (g_ptr_array_index (changed, 2), ==, "aum");

  g_assert_true (awb_profile_save (p, f->db, "tester", &error));
  g_assert_no_error (error);

  dump = table_dump (f->db, "SELECT name, phone, aum, pinyin FROM clients WHERE id = 1");
  g_assert_cmpstr (dump, ==, "3:王建國|3:139 0000 1111|1:200000|3:wang jian guo\n");
  new_key = query_text (f->db, "SELECT hex (name_key) FROM clients WHERE id = 1");
  g_assert_cmpstr (new_key, !=, old_key);   /* the sort key follows the name */
  g_clear_pointer (&dump, g_free);
  dump = table_dump (f->db, "SELECT who, client_id, field, quote (old_value), new_value"
                            " FROM audit_log ORDER BY id");
  g_assert_cmpstr (dump, ==,
                   "3:tester|1:1|3:name|3:'王建华'|3:王建國\n"
                   "3:tester|1:1|3:phone|3:'13812345678'|3:139 0000 1111\n"
                   "3:tester|1:1|3:aum|3:'1234.56'|3:2000.00\n");   /* as the format writes it */
  g_assert_cmpuint (n_changed (p), ==, 0);
  g_assert_cmpstr (awb_profile_get_saved (p, "aum"), ==, "2000.00");
  g_assert_cmpstr (awb_profile_get (p, "aum"), ==, "2000.00");

  /* the same amount written another way changes nothing */
  awb_profile_set (p, "aum", "2,000");
  g_assert_true (awb_profile_save (p, f->db, "tester", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit_log"), ==, 3);

  /* a second save, later entries first in the history */
  awb_profile_set (p, "email", "wjg@example.com");
  g_assert_true (awb_profile_save (p, f->db, "other", &error));
  g_assert_no_error (error);
  history = awb_profile_read_history (f->db, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 4);
  e = g_ptr_array_index (history, 0);
  g_assert_cmpstr (e->field, ==, "email");
  g_assert_cmpstr (e->who, ==, "other");
  g_assert_null (e->old_value);
  g_assert_cmpstr (e->new_value, ==, "wjg@example.com");
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$", e->at, 0, 0));
  e = g_ptr_array_index (history, 3);
  g_assert_cmpstr (e->field, ==, "name");
}

static void
test_conflict (BookFixture   *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbProfile) p = awb_profile_read (f->db, 1, TODAY, &error);
  g_autofree char *phone = NULL;

  g_assert_no_error (error);
  /* another writer changes the phone after the profile was read */
  g_assert_true (awb_database_exec (f->db, "UPDATE clients SET phone = '13700000000' WHERE id = 1",
                                    &error));

  awb_profile_set (p, "phone", "13999999999");
  awb_profile_set (p, "email", "a@b.cn");
  g_assert_false (awb_profile_save (p, f->db, "tester", &error));
  g_assert_error (error, AWB_PROFILE_ERROR, AWB_PROFILE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "phone"));
  g_assert_nonnull (strstr (error->message, "13700000000"));
  g_clear_error (&error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit_log"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT email IS NULL FROM clients WHERE id = 1"), ==, 1);
  g_assert_cmpstr (awb_profile_get (p, "phone"), ==, "13999999999");   /* nothing typed is lost */

  /* not touching the phone, the other change goes in and the phone stays */
  awb_profile_set (p, "phone", awb_profile_get_saved (p, "phone"));
  g_assert_true (awb_profile_save (p, f->db, "tester", &error));
  g_assert_no_error (error);
  phone = query_text (f->db, "SELECT phone || ' ' || email FROM clients WHERE id = 1");
  g_assert_cmpstr (phone, ==, "13700000000 a@b.cn");
}

static void
test_new_client (BookFixture   *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbProfile) p = awb_profile_new (TODAY);
  g_autoptr(AwbProfile) twin = awb_profile_new (TODAY);
  g_autofree char *dump = NULL;

  g_assert_cmpint (awb_profile_get_id (p), ==, 0);
  g_assert_false (awb_profile_save (p, f->db, "tester", &error));   /* no ID, no name */
  g_assert_error (error, AWB_PROFILE_ERROR, AWB_PROFILE_ERROR_INVALID);
  g_clear_error (&error);

  awb_profile_set (p, "client_id", "C003");
  awb_profile_set (p, "name", "单丽");
  awb_profile_set (p, "manager", "周丽娟");   /* a manager the book has not had */
  g_assert_true (awb_profile_save (p, f->db, "tester", &error));
  g_assert_no_error (error);
  g_assert_cmpint (awb_profile_get_id (p), ==, 3);
  dump = table_dump (f->db, "SELECT c.client_no, c.name, c.aum, m.name, c.pinyin FROM clients c"
                            " JOIN managers m ON m.id = c.manager_id WHERE c.id = 3");
  g_assert_cmpstr (dump, ==, "3:C003|3:单丽|1:0|3:周丽娟|3:shan li\n");
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit_log WHERE client_id = 3"
                                     " AND old_value IS NULL AND who = 'tester'"), ==, 3);

  /* another new client with an ID already taken: nothing written */
  awb_profile_set (twin, "client_id", "C001");
  awb_profile_set (twin, "name", "王五");
  g_assert_false (awb_profile_save (twin, f->db, "tester", &error));
  g_assert_error (error, AWB_PROFILE_ERROR, AWB_PROFILE_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "C001"));
  g_assert_cmpint (awb_profile_get_id (twin), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM clients"), ==, 3);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit_log"), ==, 3);
}

/* Scores the profile as edited; returns the explanation. */
static char *
score (AwbProfile      *p,
       AwbClientLabels *l)
{
  g_autoptr(AwbSettings) s = awb_settings_new ();
  AwbClientFacts facts;

  awb_profile_get_facts (p, &facts);
  return awb_explain_risk_profile (s, TODAY, &facts, l);
}

/* The questionnaire scored live, worked by hand from spec §7 with the
 * default settings.  Born 1990-01-05, 36 on 2026-12-03: A = 75 - 36 = 39.
 * Answers job 2 (8), burden 1 (10), housing 3 (6), experience 4 (4),
 * knowledge 5 (2): B = 30, capacity 69, mid-high (index 3).  Loss 15 %:
 * C = min (30, 50) = 30; priority 3 (6), stop-loss 2 (8), if it loses 4 (4),
 * watching 1 (10), results 5 (2): D = 30, attitude 60, mid-high (3).
 * k = 6: 0 / 30 / 70; level C(1 + min (3, 3)) = C4.  Assessed 2025-06-30:
 * valid until the day before 2027-06-30. */
static void
test_questionnaire (BookFixture   *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbProfile) p = awb_profile_read (f->db, 1, TODAY, &error);
  g_autofree char *text = NULL;
  AwbClientLabels l;

  g_assert_no_error (error);
  awb_profile_set (p, "q_burden", "1");
  awb_profile_set (p, "q_housing", "3");
  awb_profile_set (p, "q_experience", "4");
  awb_profile_set (p, "q_knowledge", "5");
  awb_profile_set (p, "loss_tolerance_pct", "15");
  awb_profile_set (p, "q_priority", "3");
  awb_profile_set (p, "q_stoploss", "2");
  awb_profile_set (p, "q_if_loss", "4");
  awb_profile_set (p, "q_watching", "1");
  awb_profile_set (p, "q_results", "5");
  awb_profile_set (p, "assessed_on", "2025-06-30");
  text = score (p, &l);
  g_test_message ("%s", text);
  g_assert_cmpint (l.capacity, ==, 69);
  g_assert_cmpint (l.attitude, ==, 60);
  g_assert_cmpstr (awb_code_to_string (AWB_KIND_BAND, l.capacity_band), ==, "mid_high");
  g_assert_cmpstr (awb_code_to_string (AWB_KIND_BAND, l.attitude_band), ==, "mid_high");
  g_assert_cmpint (l.alloc_low, ==, 0);
  g_assert_cmpint (l.alloc_mid, ==, 30);
  g_assert_cmpint (l.alloc_high, ==, 70);
  g_assert_cmpstr (awb_code_to_string (AWB_KIND_RISK_LEVEL, l.risk_level), ==, "C4");
  g_assert_cmpint (l.questionnaire_expired, ==, 0);
  g_assert_nonnull (strstr (text, "Capacity 69"));
  g_assert_nonnull (strstr (text, "39 points for age 36"));
  g_assert_nonnull (strstr (text, "k = 3 + 3 = 6"));
  g_assert_nonnull (strstr (text, "2027-06-30"));
  g_assert_null (strstr (text, "Suitability"));   /* that needs the trades */

  /* experience over 10 years (10): B = 36, capacity 75, still mid-high;
   * a loss of 5 %: C = 10, attitude 40, mid (2); k = 5: 0 / 40 / 60, C3 */
  awb_profile_set (p, "q_experience", "1");
  awb_profile_set (p, "loss_tolerance_pct", "5");
  g_clear_pointer (&text, g_free);
  text = score (p, &l);
  g_assert_cmpint (l.capacity, ==, 75);
  g_assert_cmpint (l.attitude, ==, 40);
  g_assert_cmpint (l.alloc_mid, ==, 40);
  g_assert_cmpint (l.alloc_high, ==, 60);
  g_assert_cmpstr (awb_code_to_string (AWB_KIND_RISK_LEVEL, l.risk_level), ==, "C3");

  /* 5,000,000 of AUM and two years or more of experience: professional */
  awb_profile_set (p, "aum", "5,000,000.00");
  g_clear_pointer (&text, g_free);
  text = score (p, &l);
  g_assert_cmpstr (awb_code_to_string (AWB_KIND_RISK_LEVEL, l.risk_level), ==, "P");
  g_assert_nonnull (strstr (text, "Level P"));

  /* the lowest category wins over professional */
  awb_profile_set (p, "lowest_category", "1");
  g_clear_pointer (&text, g_free);
  text = score (p, &l);
  g_assert_cmpstr (awb_code_to_string (AWB_KIND_RISK_LEVEL, l.risk_level), ==, "C1");
  awb_profile_set (p, "lowest_category", "0");

  /* an answer taken back, or a birth date that does not exist: no profile */
  awb_profile_set (p, "q_results", "");
  g_clear_pointer (&text, g_free);
  text = score (p, &l);
  g_assert_cmpint (l.capacity, ==, AWB_UNKNOWN);
  g_assert_nonnull (strstr (text, "Risk profile: none"));
  awb_profile_set (p, "q_results", "5");
  awb_profile_set (p, "birth_date", "1990-02-30");
  g_clear_pointer (&text, g_free);
  text = score (p, &l);
  g_assert_cmpint (l.capacity, ==, AWB_UNKNOWN);

  /* expired: taken 2024-12-03, expired from 2026-12-03 (24 months) */
  awb_profile_set (p, "birth_date", "1990-01-05");
  awb_profile_set (p, "assessed_on", "2024-12-03");
  g_clear_pointer (&text, g_free);
  text = score (p, &l);
  g_assert_cmpint (l.questionnaire_expired, ==, 1);
  g_assert_cmpstr (awb_code_to_string (AWB_KIND_RISK_LEVEL, l.risk_level), ==, "P");
}

/* Deleting: a client without activity at once; one with trades and
 * interactions only with the second choice; gone already, said. */
static void
test_delete (BookFixture   *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;
  gint64 n_trades = -1, n_interactions = -1;

  g_assert_true (awb_database_exec (f->db,
                                    "INSERT INTO trades (client_id, trade_no, trade_date, amount,"
                                    " commission) VALUES (1, 'T1', 20000, 100, 1), (1, 'T2', 20001, 100, 1);"
                                    "INSERT INTO interactions (client_id, date, kind)"
                                    " VALUES (1, 20000, 'call');",
                                    &error));
  g_assert_no_error (error);
  g_assert_true (awb_profile_count_activity (f->db, 1, &n_trades, &n_interactions, &error));
  g_assert_cmpint (n_trades, ==, 2);
  g_assert_cmpint (n_interactions, ==, 1);

  g_assert_false (awb_profile_delete (f->db, 1, FALSE, "tester", &error));
  g_assert_error (error, AWB_PROFILE_ERROR, AWB_PROFILE_ERROR_HAS_ACTIVITY);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM clients"), ==, 2);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM trades"), ==, 2);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit_log"), ==, 0);

  g_assert_true (awb_profile_delete (f->db, 2, FALSE, "tester", &error));   /* no activity */
  g_assert_no_error (error);
  g_assert_true (awb_profile_delete (f->db, 1, TRUE, "tester", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM clients"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM trades"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM interactions"), ==, 0);
  dump = table_dump (f->db, "SELECT who, client_id, field, old_value, quote (new_value)"
                            " FROM audit_log ORDER BY id");
  g_assert_cmpstr (dump, ==,
                   "3:tester|1:2|3:client_id|3:C002|3:NULL\n"
                   "3:tester|1:1|3:client_id|3:C001|3:NULL\n");

  g_assert_false (awb_profile_delete (f->db, 1, TRUE, "tester", &error));
  g_assert_error (error, AWB_PROFILE_ERROR, AWB_PROFILE_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/awb/profile/read", BookFixture, NULL, setup, test_read, book_fixture_teardown);
  g_test_add ("/awb/profile/check", BookFixture, NULL, setup, test_check, book_fixture_teardown);
  g_test_add ("/awb/profile/save", BookFixture, NULL, setup, test_save, book_fixture_teardown);
  g_test_add ("/awb/profile/conflict", BookFixture, NULL, setup, test_conflict,
              book_fixture_teardown);
  g_test_add ("/awb/profile/new-client", BookFixture, NULL, setup, test_new_client,
              book_fixture_teardown);
  g_test_add ("/awb/profile/questionnaire", BookFixture, NULL, setup, test_questionnaire,
              book_fixture_teardown);
  g_test_add ("/awb/profile/delete", BookFixture, NULL, setup, test_delete, book_fixture_teardown);
  return g_test_run ();
}
