/* test-interaction-log.c: logging interactions and completing follow-ups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "awb-date.h"
#include "awb-interaction-log.h"
#include "awb-model-types.h"
#include "book-fixture.h"

#define TODAY awb_date_from_ymd (2026, 12, 3)

static void
setup (BookFixture   *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  book_fixture_setup (f, data);
  g_assert_true (awb_database_exec (f->db,
                                    "INSERT INTO clients (id, client_no, name) VALUES (1, 'C001', 'A');"
                                    "INSERT INTO clients (id, client_no, name) VALUES (2, 'C002', 'B');",
                                    &error));
  g_assert_no_error (error);
}

static char *
dump (AwbDatabase *db)
{
  g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db,
      "SELECT id, client_id, date, kind, quote (satisfaction), quote (notes),"
      " quote (follow_up_on), done FROM interactions ORDER BY id", NULL);
  GString *out = g_string_new (NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < 8; c++)
        g_string_append_printf (out, "%s%s", c > 0 ? "|" : "", sqlite3_column_text (stmt, c));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
expect_invalid (const AwbInteractionEntry *entry)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (awb_interaction_entry_check (entry, TODAY, &error));
  g_assert_error (error, AWB_INTERACTION_ERROR, AWB_INTERACTION_ERROR_INVALID);
}

static void
test_check (BookFixture   *f,
            gconstpointer  data)
{
  AwbInteractionEntry e;
  g_autoptr(GError) error = NULL;

  awb_interaction_entry_init (&e, AWB_INTERACTION_CALL, TODAY);
  g_assert_true (awb_interaction_entry_check (&e, TODAY, &error));
  g_assert_no_error (error);
  e.date = TODAY + 1;                         /* tomorrow: not yet happened */
  expect_invalid (&e);
  e.date = AWB_DATE_NONE;
  expect_invalid (&e);
  e.date = TODAY - 10;
  e.satisfaction = 4;                         /* a call carries no satisfaction */
  expect_invalid (&e);
  e.satisfaction = AWB_UNKNOWN;
  e.follow_up_on = TODAY - 1;                 /* a follow-up for yesterday */
  expect_invalid (&e);
  e.follow_up_on = TODAY;
  g_assert_true (awb_interaction_entry_check (&e, TODAY, &error));

  awb_interaction_entry_init (&e, AWB_INTERACTION_SURVEY, TODAY);
  expect_invalid (&e);                        /* a survey without satisfaction */
  e.satisfaction = 0;
  expect_invalid (&e);
  e.satisfaction = 6;
  expect_invalid (&e);
  e.satisfaction = 5;
  g_assert_true (awb_interaction_entry_check (&e, TODAY, &error));
  e.kind = (AwbInteractionKind) 6;            /* past education */
  expect_invalid (&e);
}

static void
test_log (BookFixture   *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;
  AwbInteractionEntry e;
  gint64 id;

  awb_interaction_entry_init (&e, AWB_INTERACTION_SURVEY, TODAY - 2);
  e.satisfaction = 4;
  e.notes = "满意，想了解养老产品";
  e.follow_up_on = TODAY + 7;
  id = awb_interaction_log (f->db, 1, &e, TODAY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, 1);

  awb_interaction_entry_init (&e, AWB_INTERACTION_CALL, TODAY);
  e.notes = "";                               /* no notes: stored as none */
  g_assert_cmpint (awb_interaction_log (f->db, 2, &e, TODAY, &error), ==, 2);
  g_assert_no_error (error);

  /* a client deleted meanwhile, an invalid entry: nothing written */
  g_assert_cmpint (awb_interaction_log (f->db, 9, &e, TODAY, &error), ==, 0);
  g_assert_error (error, AWB_INTERACTION_ERROR, AWB_INTERACTION_ERROR_NOT_FOUND);
  g_clear_error (&error);
  e.date = TODAY + 1;
  g_assert_cmpint (awb_interaction_log (f->db, 1, &e, TODAY, &error), ==, 0);
  g_assert_error (error, AWB_INTERACTION_ERROR, AWB_INTERACTION_ERROR_INVALID);

  rows = dump (f->db);
  g_assert_cmpstr (rows, ==,
                   /* TODAY = 2026-12-03 = day 20790 since 1970-01-01 */
                   "1|1|20788|survey|4|'满意，想了解养老产品'|20797|0\n"
                   "2|2|20790|call|NULL|NULL|NULL|0\n");
}

static void
test_complete (BookFixture   *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;
  AwbInteractionEntry e;
  gint64 follow_up;

  awb_interaction_entry_init (&e, AWB_INTERACTION_VISIT, TODAY - 30);
  e.follow_up_on = TODAY;
  /* as an import would have it: dated in the past, a follow-up due today */
  follow_up = awb_interaction_log (f->db, 1, &e, TODAY - 30, &error);
  g_assert_no_error (error);
  awb_interaction_entry_init (&e, AWB_INTERACTION_CALL, TODAY);   /* no follow-up */
  g_assert_cmpint (awb_interaction_log (f->db, 2, &e, TODAY, &error), ==, 2);

  awb_interaction_entry_init (&e, AWB_INTERACTION_CALL, TODAY);
  e.notes = "done";
  g_assert_cmpint (awb_interaction_complete_follow_up (f->db, follow_up, &e, TODAY, &error), ==, 3);
  g_assert_no_error (error);

  /* done already; an interaction with no follow-up; no such one */
  g_assert_cmpint (awb_interaction_complete_follow_up (f->db, follow_up, &e, TODAY, &error), ==, 0);
  g_assert_error (error, AWB_INTERACTION_ERROR, AWB_INTERACTION_ERROR_ALREADY_DONE);
  g_clear_error (&error);
  g_assert_cmpint (awb_interaction_complete_follow_up (f->db, 2, &e, TODAY, &error), ==, 0);
  g_assert_error (error, AWB_INTERACTION_ERROR, AWB_INTERACTION_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (awb_interaction_complete_follow_up (f->db, 99, &e, TODAY, &error), ==, 0);
  g_assert_error (error, AWB_INTERACTION_ERROR, AWB_INTERACTION_ERROR_NOT_FOUND);

  rows = dump (f->db);
  g_assert_cmpstr (rows, ==,
                   "1|1|20760|visit|NULL|NULL|20790|1\n"
                   "2|2|20790|call|NULL|NULL|NULL|0\n"
                   "3|1|20790|call|NULL|'done'|NULL|0\n");
}

/* A client's interactions, newest first; the latest logged first on a day;
 * another client's not among them. */
static void
test_list (BookFixture   *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  AwbInteractionRecord *r;

  g_assert_true (awb_database_exec (f->db,
                                    "INSERT INTO interactions (id, client_id, date, kind, satisfaction,"
                                    " notes, follow_up_on, done) VALUES"
                                    " (1, 1, 100, 'call', NULL, 'first', NULL, 0),"
                                    " (2, 1, 300, 'survey', 4, NULL, 310, 1),"
                                    " (3, 2, 400, 'visit', NULL, NULL, NULL, 0),"
                                    " (4, 1, 300, 'visit', NULL, 'same day, later', NULL, 0);",
                                    &error));
  g_assert_no_error (error);
  list = awb_interaction_list_client (f->db, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  r = list->pdata[0];
  g_assert_cmpint (r->id, ==, 4);
  g_assert_cmpstr (r->notes, ==, "same day, later");
  r = list->pdata[1];
  g_assert_cmpint (r->id, ==, 2);
  g_assert_cmpint (r->kind, ==, AWB_INTERACTION_SURVEY);
  g_assert_cmpint (r->satisfaction, ==, 4);
  g_assert_cmpint (r->follow_up_on, ==, 310);
  g_assert_true (r->done);
  g_assert_null (r->notes);
  r = list->pdata[2];
  g_assert_cmpint (r->id, ==, 1);
  g_assert_cmpint (r->kind, ==, AWB_INTERACTION_CALL);
  g_assert_cmpint (r->satisfaction, ==, AWB_UNKNOWN);
  g_assert_cmpint (r->follow_up_on, ==, AWB_DATE_NONE);
  g_assert_false (r->done);

  g_clear_pointer (&list, g_ptr_array_unref);
  list = awb_interaction_list_client (f->db, 99, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/awb/interaction-log/list", BookFixture, NULL, setup, test_list,
              book_fixture_teardown);
  g_test_add ("/awb/interaction-log/check", BookFixture, NULL, setup, test_check,
              book_fixture_teardown);
  g_test_add ("/awb/interaction-log/log", BookFixture, NULL, setup, test_log,
              book_fixture_teardown);
  g_test_add ("/awb/interaction-log/complete", BookFixture, NULL, setup, test_complete,
              book_fixture_teardown);
  return g_test_run ();
}
