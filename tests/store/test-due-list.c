/* test-due-list.c: the day's follow-ups and the contacts due by cadence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Today is 2026-12-03, day T = 20790.  The book, and each client's place
 * worked by hand (due = latest interaction on or before today, else the
 * opening date, plus the cadence; spec §4):
 *   C1 (Li)   cadence 30, last T-30 (and one at T+2, not yet): due T, today
 *   C2 (Li)   cadence 30, last T-40: due T-10, overdue
 *   C3 (Li)   cadence 30, last T-25: due T+5, this week; its follow-up
 *             due T is done: not listed
 *   C4 (Li)   cadence 30 of its own, but the run says 10; last T-10: due T,
 *             today; its follow-up due T+8 is past the week
 *   C5 (Li)   cadence 90, no interaction, opened T-100: due T-10, overdue
 *   C6 (Wang) cadence 30, last T-31, but a call at T-5 asked for a
 *             follow-up at T+1: this week, in the whole book's list only
 *   C7 (Li)   no cadence; a follow-up due T-400 (of a visit at T-420):
 *             overdue, the oldest
 *   C8 (Li)   cadence 30, last T-60 (due T-30 by cadence), but a follow-up
 *             due T+3 is listed instead: this week
 *   C9 (Li)   cadence 30, last T-2: due T+28, not listed
 * Names sort in the client list's order: ASCII here, so "c1" < "c2" ...
 */
#include "config.h"

#include "awb-book-query.h"
#include "awb-date.h"
#include "awb-due-list.h"
#include "book-fixture.h"

#define T 20790

static void
setup (BookFixture   *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  g_assert_cmpint (awb_date_from_ymd (2026, 12, 3), ==, T);
  book_fixture_setup (f, data);
  sql = g_strdup_printf (
    "INSERT INTO managers (id, name) VALUES (1, 'Li'), (2, 'Wang');"
    "INSERT INTO clients (id, client_no, name, manager_id, cadence_days, opened_on) VALUES"
    " (1, 'C1', 'c1', 1, 30, NULL), (2, 'C2', 'c2', 1, 30, NULL), (3, 'C3', 'c3', 1, 30, NULL),"
    " (4, 'C4', 'c4', 1, 30, NULL), (5, 'C5', 'c5', 1, 90, %d), (6, 'C6', 'c6', 2, 30, NULL),"
    " (7, 'C7', 'c7', 1, NULL, NULL), (8, 'C8', 'c8', 1, 30, NULL), (9, 'C9', 'c9', 1, 30, NULL);"
    "UPDATE clients SET name_key = awb_name_key (name);"
    "INSERT INTO interactions (id, client_id, date, kind, follow_up_on, done) VALUES"
    " (1, 1, %d, 'call', NULL, 0), (2, 1, %d, 'call', NULL, 0),"
    " (3, 2, %d, 'visit', NULL, 0), (4, 3, %d, 'call', %d, 1),"
    " (5, 4, %d, 'call', %d, 0), (6, 6, %d, 'call', NULL, 0),"
    " (7, 7, %d, 'visit', %d, 0), (8, 8, %d, 'survey', %d, 0), (9, 9, %d, 'call', NULL, 0),"
    " (10, 6, %d, 'call', %d, 0);"
    "INSERT INTO scoring_runs (id, created_at, as_of, settings) VALUES (1, 'x', %d, '');"
    "INSERT INTO scores (id, cadence_days) VALUES ((1 << 32) | 4, 10);",
    T - 100,
    T - 30, T + 2,
    T - 40, T - 25, T,
    T - 10, T + 8, T - 31,
    T - 420, T - 400, T - 60, T + 3, T - 2,
    T - 5, T + 1,
    T);
  g_assert_true (awb_database_exec (f->db, sql, &error));
  g_assert_no_error (error);
}

/* "group kind client due", one item a line (client i is Ci). */
static char *
describe (GArray *items)
{
  static const char *groups[] = { "today", "overdue", "week" };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      const AwbDueItem *item = &g_array_index (items, AwbDueItem, i);

      g_string_append_printf (out, "%s %s C%" G_GINT64_FORMAT " T%+d\n", groups[item->group],
                              item->kind == AWB_DUE_FOLLOW_UP ? "follow-up" : "cadence",
                              item->client_id, (int) (item->due - T));
    }
  return g_string_free (out, FALSE);
}

static GArray *
read_list (BookFixture *f,
           gint64       manager_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbClientIndex) index = awb_client_index_load (f->db, T, NULL, &error);
  GArray *items;

  g_assert_no_error (error);
  items = awb_due_list_read (f->db, index, manager_id, &error);
  g_assert_no_error (error);
  return items;
}

static void
test_manager (BookFixture   *f,
              gconstpointer  data)
{
  g_autoptr(GArray) items = read_list (f, 1);
  g_autofree char *text = describe (items);
  const AwbDueItem *c1 = &g_array_index (items, AwbDueItem, 0);
  const AwbDueItem *c7 = &g_array_index (items, AwbDueItem, 4);

  g_assert_cmpstr (text, ==,
                   "today cadence C1 T+0\n"
                   "today cadence C4 T+0\n"
                   "overdue cadence C2 T-10\n"
                   "overdue cadence C5 T-10\n"
                   "overdue follow-up C7 T-400\n"
                   "week follow-up C8 T+3\n"
                   "week cadence C3 T+5\n");
  g_assert_cmpint (c1->last_contact, ==, T - 30);
  g_assert_cmpint (c1->interaction_id, ==, 0);
  g_assert_cmpint (c1->interaction_kind, ==, -1);
  g_assert_cmpint (c7->interaction_id, ==, 7);
  g_assert_cmpint (c7->interaction_kind, ==, 1);   /* a visit */
  g_assert_cmpint (c7->last_contact, ==, AWB_DATE_NONE);
}

static void
test_whole_book (BookFixture   *f,
                 gconstpointer  data)
{
  g_autoptr(GArray) items = read_list (f, 0);
  g_autofree char *text = describe (items);

  g_assert_cmpstr (text, ==,
                   "today cadence C1 T+0\n"
                   "today cadence C4 T+0\n"
                   "overdue cadence C2 T-10\n"
                   "overdue cadence C5 T-10\n"
                   "overdue follow-up C7 T-400\n"
                   "week follow-up C6 T+1\n"
                   "week follow-up C8 T+3\n"
                   "week cadence C3 T+5\n");
}

/* The client list's row says the same "next due" as the index sorts by:
 * C5 is not scored and takes its own cadence of 90 days. */
static void
test_reader_agrees (BookFixture   *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AwbClientReader *reader = awb_client_reader_new (f->db, 1, T, &error);
  AwbClientSummary row = { 0 };

  g_assert_no_error (error);
  g_assert_true (awb_client_reader_read (reader, 5, &row, &error));
  g_assert_no_error (error);
  g_assert_cmpint (row.next_due, ==, T - 10);
  awb_client_summary_clear (&row);
  g_assert_true (awb_client_reader_read (reader, 4, &row, &error));
  g_assert_cmpint (row.next_due, ==, T);   /* the run's 10, not its own 30 */
  awb_client_summary_clear (&row);
  awb_client_reader_free (reader);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/awb/due-list/manager", BookFixture, NULL, setup, test_manager,
              book_fixture_teardown);
  g_test_add ("/awb/due-list/whole-book", BookFixture, NULL, setup, test_whole_book,
              book_fixture_teardown);
  g_test_add ("/awb/due-list/reader-agrees", BookFixture, NULL, setup, test_reader_agrees,
              book_fixture_teardown);
  return g_test_run ();
}
