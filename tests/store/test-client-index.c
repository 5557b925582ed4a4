/* test-client-index.c: the client list's search, filters and orders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Six clients, written by SQL without their name keys (as another program
 * would), so loading the index makes them first:
 *
 *   id  account     name        manager  phone               AUM (fen)
 *    1  3101000001  王建华       李晓梅    13812345678         500000000
 *    2  3101000002  张伟         王建华    13900001234          10000000
 *    3  3101000003  曾伟         李晓梅    13700005678         200000000
 *    4  3101000004  于丽         -         -                           0
 *    5  3101000005  单小红       王建华    18600009999          30000000
 *    6  3101000006  Zhang Wei   -         +86 138-0000-1111        100
 *
 * Client 2's ID number is 320102199001011234, client 5's 11010119800101123x.
 *
 * Name order, ICU's Chinese collation (pinyin of each character's usual
 * reading, Han before Latin): 曾 céng, 单 dān, 王 wáng, 于 yú, 张 zhāng,
 * then "Zhang Wei": 3, 5, 1, 4, 2, 6.  The readings for the search take
 * the surname's reading: 曾 zeng, 单 shan.
 *
 * Runs 1 and 2; the index takes the latest, 2:
 *   id  tier      segment    risk  overdue  mismatches  expired  cadence  first action
 *    1  Key (1)   Champions  C3    0        0           0        90       segment (5)
 *    2  Basic (3) Lost (9)   C1    1        2           1        365      mismatch (0)
 *    3  VIP (0)   At risk    P     0        0           NULL     30       VIP (7)
 *    4  (not scored)
 *    5  Key (1)   New (4)    C2    1        NULL        0        90       overdue (4)
 *    6  Standard  Others     NULL  0        0           0        180      loyalty (6)
 *
 * Today is 2026-12-01 (day 20788).  Interactions: client 1 a call on
 * 2026-11-01 (20758) with an open follow-up on 2026-12-10 (20797) and a
 * visit on 2026-12-15 (after today: not a contact yet); client 2 a call on
 * 2025-01-01 (20089) whose follow-up is done; client 5 a survey on
 * 2026-06-01 (20605) with an open follow-up on 2026-06-15 (20619).  Client 3
 * opened on 2026-10-01 (20727).  Next due, the earlier of the open
 * follow-up and the last contact + cadence:
 *   1: min (20797, 20758 + 90) = 20797;  2: 20089 + 365 = 20454 (2026-01-01);
 *   3: 20727 + 30 = 20757;  4: none (not scored, no follow-up);
 *   5: min (20619, 20605 + 90) = 20619;  6: none (no date to count from).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "awb-client-index.h"
#include "book-fixture.h"

#define TODAY 20788

typedef struct
{
  char           *dir;
  char           *path;
  AwbDatabase    *db;
  AwbClientIndex *index;
} Fixture;

static const char book_sql[] =
  "INSERT INTO managers (id, name) VALUES (1, '王建华'), (2, '李晓梅');"
  "INSERT INTO clients (id, client_no, name, manager_id, phone, aum, opened_on) VALUES"
  " (1, '3101000001', '王建华', 2, '13812345678', 500000000, 18262),"
  " (2, '3101000002', '张伟', 1, '13900001234', 10000000, NULL),"
  " (3, '3101000003', '曾伟', 2, '13700005678', 200000000, 20727),"
  " (4, '3101000004', '于丽', NULL, NULL, 0, NULL),"
  " (5, '3101000005', '单小红', 1, '18600009999', 30000000, NULL),"
  " (6, '3101000006', 'Zhang Wei', NULL, '+86 138-0000-1111', 100, NULL);"
  "UPDATE clients SET id_number = '320102199001011234' WHERE id = 2;"
  "UPDATE clients SET id_number = '11010119800101123x' WHERE id = 5;"
  "INSERT INTO scoring_runs (id, created_at, as_of, settings) VALUES"
  " (1, '2026-11-01T00:00:00Z', 20758, ''), (2, '2026-12-01T00:00:00Z', 20788, '');"
  "INSERT INTO scores (id, tier) VALUES ((1 << 32) | 1, 0);"
  "INSERT INTO scores (id, tier, rfm_segment, loyalty_type, risk_level, overdue, mismatches,"
  " questionnaire_expired, cadence_days, first_action) VALUES"
  " ((2 << 32) | 1, 1, 0, 0, 2, 0, 0, 0, 90, 5),"
  " ((2 << 32) | 2, 3, 9, 6, 0, 1, 2, 1, 365, 0),"
  " ((2 << 32) | 3, 0, 6, 4, 5, 0, 0, NULL, 30, 7),"
  " ((2 << 32) | 5, 1, 4, 5, 1, 1, NULL, 0, 90, 4),"
  " ((2 << 32) | 6, 2, 10, 6, NULL, 0, 0, 0, 180, 6);"
  "INSERT INTO interactions (client_id, date, kind, follow_up_on, done) VALUES"
  " (1, 20758, 'call', 20797, 0), (1, 20802, 'visit', NULL, 0),"
  " (2, 20089, 'call', 20120, 1), (5, 20605, 'survey', 20619, 0);";

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("awb-test-client-index-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "book.sqlite", NULL);
  f->db = awb_database_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (awb_database_exec (f->db, book_sql, &error));
  g_assert_no_error (error);
  f->index = awb_client_index_load (f->db, TODAY, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->index);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_pointer (&f->index, awb_client_index_unref);
  g_clear_object (&f->db);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
  g_free (f->path);
}

/* Asserts the query gives exactly @expected (ids, -1 terminated). */
static void
check_query (AwbClientIndex       *index,
             const AwbClientQuery *query,
             const gint64         *expected)
{
  g_autoptr(GArray) ids = awb_client_index_query (index, query);
  g_autoptr(GString) got = g_string_new (NULL);
  g_autoptr(GString) want = g_string_new (NULL);
  guint n = 0;

  while (expected[n] >= 0)
    n++;
  if (n > 1000)
    {
      /* a long list: the first place it differs, not two long strings */
      for (guint i = 0; i < MIN (n, ids->len); i++)
        if (g_array_index (ids, gint64, i) != expected[i])
          g_error ("at %u of %u: client %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
                   i, n, g_array_index (ids, gint64, i), expected[i]);
      g_assert_cmpuint (ids->len, ==, n);
      return;
    }
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (got, "%" G_GINT64_FORMAT " ", g_array_index (ids, gint64, i));
  for (guint i = 0; expected[i] >= 0; i++)
    g_string_append_printf (want, "%" G_GINT64_FORMAT " ", expected[i]);
  g_assert_cmpstr (got->str, ==, want->str);
}

static void
check_search (AwbClientIndex *index,
              const char     *text,
              const gint64   *expected)
{
  AwbClientQuery q;

  awb_client_query_init (&q);
  q.text = text;
  g_test_message ("search “%s”", text);
  check_query (index, &q, expected);
}

/* The clients of @index in @sort's order are @up (gint64 ids), and in the
 * descending order @down. */
static void
check_both_ways (AwbClientIndex *index,
                 AwbClientSort   sort,
                 GArray         *up,
                 GArray         *down)
{
  gint64 end = -1;
  AwbClientQuery q;

  g_array_append_val (up, end);
  g_array_append_val (down, end);
  awb_client_query_init (&q);
  q.sort = sort;
  check_query (index, &q, (const gint64 *) up->data);
  q.descending = TRUE;
  check_query (index, &q, (const gint64 *) down->data);
}

#define IDS(...) ((const gint64[]) { __VA_ARGS__, -1 })
#define NONE ((const gint64[]) { -1 })

static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  AwbClientQuery q;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) first = NULL;

  g_assert_cmpuint (awb_client_index_get_n_clients (f->index), ==, 6);
  g_assert_cmpint (awb_client_index_get_run (f->index), ==, 2);
  /* the managers in pinyin order: 李晓梅 (li), 王建华 (wang) */
  {
    gint64 id = 0;

    g_assert_cmpuint (awb_client_index_get_n_managers (f->index), ==, 2);
    g_assert_cmpstr (awb_client_index_get_manager (f->index, 0, &id), ==, "李晓梅");
    g_assert_cmpint (id, ==, 2);
    g_assert_cmpstr (awb_client_index_get_manager (f->index, 1, &id), ==, "王建华");
    g_assert_cmpint (id, ==, 1);
  }
  /* the keys were made: none is missing any more */
  {
    g_autoptr(sqlite3_stmt) stmt =
      awb_database_prepare (f->db, "SELECT count(*) FROM clients WHERE name_key IS NULL", NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  }
  awb_client_query_init (&q);
  check_query (f->index, &q, IDS (3, 5, 1, 4, 2, 6));
  q.descending = TRUE;
  check_query (f->index, &q, IDS (6, 2, 4, 1, 5, 3));

  first = awb_client_index_first_ids (f->db, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 6);
  g_assert_cmpint (g_array_index (first, gint64, 0), ==, 3);
  g_assert_cmpint (g_array_index (first, gint64, 5), ==, 6);
  g_clear_pointer (&first, g_array_unref);
  first = awb_client_index_first_ids (f->db, 1, &error);   /* 王建华's clients */
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 2);
  g_assert_cmpint (g_array_index (first, gint64, 0), ==, 5);
  g_assert_cmpint (g_array_index (first, gint64, 1), ==, 2);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  /* part of a name */
  check_search (f->index, "建华", IDS (1));
  check_search (f->index, "伟", IDS (3, 2));
  /* the reading: whole, initials, mixed, from any syllable */
  check_search (f->index, "wangjianhua", IDS (1));
  check_search (f->index, "wjh", IDS (1));
  check_search (f->index, "wang", IDS (1));
  check_search (f->index, "jianhua", IDS (1));
  check_search (f->index, "WJH", IDS (1));
  check_search (f->index, "wang jian", IDS (1));
  /* 曾 and 单 read as surnames */
  check_search (f->index, "zw", IDS (3, 2, 6));
  check_search (f->index, "cw", NONE);
  check_search (f->index, "zengwei", IDS (3));
  check_search (f->index, "shan", IDS (5));
  check_search (f->index, "dxh", NONE);
  check_search (f->index, "sxh", IDS (5));
  /* a Latin name: by its words and as typed */
  check_search (f->index, "zhang", IDS (2, 6));
  check_search (f->index, "ZHANG W", IDS (2, 6));
  /* the account number, or any part of it */
  check_search (f->index, "3101000003", IDS (3));
  check_search (f->index, "00005", IDS (5));
  check_search (f->index, "0000", IDS (3, 5, 1, 4, 2, 6));
  /* a phone from its start, or within its last four digits */
  check_search (f->index, "5678", IDS (3, 1));
  check_search (f->index, "678", IDS (3, 1));
  check_search (f->index, "138", IDS (1, 6));
  check_search (f->index, "138 1234", IDS (1));
  check_search (f->index, "1111", IDS (6));
  check_search (f->index, "4567", NONE);
  /* full-width digits as a Chinese input method types them */
  check_search (f->index, "５６７８", IDS (3, 1));
  /* nothing, and blanks only */
  check_search (f->index, "", IDS (3, 5, 1, 4, 2, 6));
  check_search (f->index, "  ", IDS (3, 5, 1, 4, 2, 6));
  check_search (f->index, "无此人", NONE);
}

/* Typing narrows from the previous matches; a search that does not extend
 * the previous one starts again from every client. */
static void
test_search_as_you_type (Fixture       *f,
                         gconstpointer  data)
{
  check_search (f->index, "w", IDS (3, 1, 2, 6));
  check_search (f->index, "wj", IDS (1));
  check_search (f->index, "wjh", IDS (1));
  check_search (f->index, "w", IDS (3, 1, 2, 6));
  check_search (f->index, "z", IDS (3, 2, 6));
  check_search (f->index, "1", IDS (3, 5, 1, 4, 2, 6));
  check_search (f->index, "13", IDS (3, 1, 2, 6));
  check_search (f->index, "138", IDS (1, 6));
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  AwbClientQuery q;

  awb_client_query_init (&q);
  q.labels[AWB_CLIENT_FILTER_TIER] = 1 << 1;   /* Key */
  check_query (f->index, &q, IDS (5, 1));
  q.labels[AWB_CLIENT_FILTER_TIER] |= 1 << 0;  /* and VIP */
  check_query (f->index, &q, IDS (3, 5, 1));
  q.labels[AWB_CLIENT_FILTER_SEGMENT] = 1 << 4; /* and New */
  check_query (f->index, &q, IDS (5));

  awb_client_query_init (&q);
  q.labels[AWB_CLIENT_FILTER_RISK] = 1 << 5;   /* P */
  check_query (f->index, &q, IDS (3));
  q.labels[AWB_CLIENT_FILTER_RISK] = 1 << 2 | 1 << 0;   /* C3 or C1 */
  check_query (f->index, &q, IDS (1, 2));

  awb_client_query_init (&q);
  q.overdue = TRUE;
  check_query (f->index, &q, IDS (5, 2));
  q.overdue = FALSE;
  q.mismatch = TRUE;
  check_query (f->index, &q, IDS (2));
  q.mismatch = FALSE;
  q.expired = TRUE;
  check_query (f->index, &q, IDS (2));

  awb_client_query_init (&q);
  q.manager_id = 2;   /* 李晓梅 */
  check_query (f->index, &q, IDS (3, 1));
  q.manager_id = AWB_CLIENT_QUERY_NO_MANAGER;
  check_query (f->index, &q, IDS (4, 6));
  q.manager_id = 99;  /* no such manager: nobody */
  check_query (f->index, &q, NONE);

  /* a set of ids (sorted; 7 is no client), alone, in another order, with
   * a manager and empty */
  {
    static const gint64 only[] = { 1, 2, 5, 7 };
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

    g_array_append_vals (ids, only, G_N_ELEMENTS (only));
    awb_client_query_init (&q);
    q.only_ids = ids;
    check_query (f->index, &q, IDS (5, 1, 2));
    q.sort = AWB_CLIENT_SORT_AUM;
    q.descending = TRUE;
    check_query (f->index, &q, IDS (1, 5, 2));
    q.manager_id = 1;   /* 王建华: 2 and 5 */
    check_query (f->index, &q, IDS (5, 2));
    q.text = "zhang";
    check_query (f->index, &q, IDS (2));
    g_array_set_size (ids, 0);
    awb_client_query_init (&q);
    q.only_ids = ids;
    check_query (f->index, &q, NONE);
  }

  /* with the search: "w" is 曾伟, 王建华, 张伟 and Zhang Wei; of those Key */
  awb_client_query_init (&q);
  q.text = "w";
  q.labels[AWB_CLIENT_FILTER_TIER] = 1 << 1;
  check_query (f->index, &q, IDS (1));
  q.sort = AWB_CLIENT_SORT_AUM;
  q.labels[AWB_CLIENT_FILTER_TIER] = 0;
  check_query (f->index, &q, IDS (6, 2, 3, 1));
}

static void
check_sort (AwbClientIndex *index,
            AwbClientSort   sort,
            gboolean        descending,
            const gint64   *expected)
{
  AwbClientQuery q;

  awb_client_query_init (&q);
  q.sort = sort;
  q.descending = descending;
  g_test_message ("sort %d%s", sort, descending ? " descending" : "");
  check_query (index, &q, expected);
}

static void
test_sorts (Fixture       *f,
            gconstpointer  data)
{
  check_sort (f->index, AWB_CLIENT_SORT_AUM, FALSE, IDS (4, 6, 2, 5, 3, 1));
  check_sort (f->index, AWB_CLIENT_SORT_AUM, TRUE, IDS (1, 3, 5, 2, 6, 4));
  /* VIP, Key, Standard, Basic, then the unscored; ties in name order */
  check_sort (f->index, AWB_CLIENT_SORT_TIER, FALSE, IDS (3, 5, 1, 6, 2, 4));
  check_sort (f->index, AWB_CLIENT_SORT_TIER, TRUE, IDS (2, 6, 5, 1, 3, 4));
  /* 李晓梅 (li) before 王建华 (wang), then no manager */
  check_sort (f->index, AWB_CLIENT_SORT_MANAGER, FALSE, IDS (3, 1, 5, 2, 4, 6));
  check_sort (f->index, AWB_CLIENT_SORT_CLIENT_NO, FALSE, IDS (1, 2, 3, 4, 5, 6));
  check_sort (f->index, AWB_CLIENT_SORT_CLIENT_NO, TRUE, IDS (6, 5, 4, 3, 2, 1));
  check_sort (f->index, AWB_CLIENT_SORT_RISK, FALSE, IDS (2, 5, 1, 3, 4, 6));
  check_sort (f->index, AWB_CLIENT_SORT_SEGMENT, FALSE, IDS (1, 5, 3, 2, 6, 4));
  check_sort (f->index, AWB_CLIENT_SORT_LOYALTY, FALSE, IDS (1, 3, 5, 2, 6, 4));
  check_sort (f->index, AWB_CLIENT_SORT_ACTION, FALSE, IDS (2, 5, 1, 6, 3, 4));
  check_sort (f->index, AWB_CLIENT_SORT_LAST_CONTACT, FALSE, IDS (2, 5, 1, 3, 4, 6));
  check_sort (f->index, AWB_CLIENT_SORT_LAST_CONTACT, TRUE, IDS (1, 5, 2, 3, 4, 6));
  check_sort (f->index, AWB_CLIENT_SORT_NEXT_DUE, FALSE, IDS (2, 5, 3, 1, 4, 6));
  /* phones as numbers: 137..., 138 0000 1111 (+86 dropped), 138 1234...,
   * 139..., 186...; client 4 has none and stays last */
  check_sort (f->index, AWB_CLIENT_SORT_PHONE, FALSE, IDS (3, 6, 1, 2, 5, 4));
  check_sort (f->index, AWB_CLIENT_SORT_PHONE, TRUE, IDS (5, 2, 1, 6, 3, 4));
  /* ID numbers of 18 characters by bytes (110... before 320...), the four
   * clients without one last, in name order */
  check_sort (f->index, AWB_CLIENT_SORT_ID_NUMBER, FALSE, IDS (5, 2, 3, 1, 4, 6));
  check_sort (f->index, AWB_CLIENT_SORT_ID_NUMBER, TRUE, IDS (2, 5, 3, 1, 4, 6));
  /* the index keeps the last four orders: the first ones, made again */
  check_sort (f->index, AWB_CLIENT_SORT_AUM, FALSE, IDS (4, 6, 2, 5, 3, 1));
  check_sort (f->index, AWB_CLIENT_SORT_AUM, TRUE, IDS (1, 3, 5, 2, 6, 4));
  check_sort (f->index, AWB_CLIENT_SORT_NAME, TRUE, IDS (6, 2, 4, 1, 5, 3));
}

/* Account numbers sort as numbers (9 before 10), other ones after them by
 * bytes: 9, 10, 3101000001 ... 3101000006, then A-1 and B-0. */
static void
test_client_no_order (BookFixture   *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AwbDatabase *db = f->db;
  g_autoptr(AwbClientIndex) index = NULL;
  AwbClientQuery q;

  g_assert_no_error (error);
  g_assert_true (awb_database_exec (db,
    "INSERT INTO clients (id, client_no, name) VALUES"
    " (1, 'B-0', 'a'), (2, '10', 'b'), (3, 'A-1', 'c'), (4, '9', 'd'), (5, '3101000001', 'e')",
    &error));
  index = awb_client_index_load (db, TODAY, NULL, &error);
  g_assert_no_error (error);
  awb_client_query_init (&q);
  q.sort = AWB_CLIENT_SORT_CLIENT_NO;
  check_query (index, &q, IDS (4, 2, 5, 3, 1));
  q.descending = TRUE;
  check_query (index, &q, IDS (1, 3, 5, 2, 4));
}

/* ID numbers in runs long enough for the sort's radix passes, down to
 * the last characters.  Clients 1-400 are named n0001 ... n0400 (name
 * order is theirs) and hold 3201021990010 followed by the five digits of
 * v = 37k mod 400, a permutation of 0-399 (37 is prime to 400); client k
 * is thus at place v, and the client at place v is 173v mod 400 (37 x 173
 * = 16 x 400 + 1), 400 for v = 0.  Then: 401 has 3201021990010 alone (a
 * prefix of every other: first of them); 402 has 32010219900100000X (X
 * after every digit: after 00009, before 00010); 403 and 404 have the ID
 * of place 199 (equal: in name order, both ways); 405 has 1101011980 (a
 * number: before every text, after them descending); 406 none (last);
 * 407 and 408 passport-like numbers of 28 characters that differ only in
 * the last, B and A (after every digit, before them descending, and
 * against their name order: 408 first ascending). */
static guint
client_at (guint v)
{
  return (173 * v) % 400 == 0 ? 400 : (173 * v) % 400;
}

static void
test_id_number_order (BookFixture   *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AwbDatabase *db = f->db;
  g_autoptr(AwbClientIndex) index = NULL;
  g_autoptr(GString) sql = g_string_new ("INSERT INTO clients (id, client_no, name, id_number) VALUES");
  g_autoptr(GArray) up = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) down = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);
  for (guint k = 1; k <= 400; k++)
    g_string_append_printf (sql, " (%u, '%u', 'n%04u', '3201021990010%05u'),",
                            k, k, k, (37 * k) % 400);
  g_string_append_printf (sql,
                          " (401, '401', 'n0401', '3201021990010'),"
                          " (402, '402', 'n0402', '32010219900100000X'),"
                          " (403, '403', 'n0403', '3201021990010%05u'),"
                          " (404, '404', 'n0404', '3201021990010%05u'),"
                          " (405, '405', 'n0405', '1101011980'),"
                          " (406, '406', 'n0406', NULL),"
                          " (407, '407', 'n0407', 'P12345678901234567890123456B'),"
                          " (408, '408', 'n0408', 'P12345678901234567890123456A')", 199u, 199u);
  g_assert_true (awb_database_exec (db, sql->str, &error));
  g_assert_no_error (error);
  index = awb_client_index_load (db, TODAY, NULL, &error);
  g_assert_no_error (error);

#define PUT(array, id) G_STMT_START { gint64 v_ = (id); g_array_append_val ((array), v_); } G_STMT_END
  PUT (up, 405);
  PUT (up, 401);
  for (guint v = 0; v < 400; v++)
    {
      PUT (up, client_at (v));
      if (v == 9)
        PUT (up, 402);
      if (v == 199)
        {
          PUT (up, 403);
          PUT (up, 404);
        }
    }
  PUT (up, 408);
  PUT (up, 407);
  PUT (up, 406);
  PUT (down, 407);
  PUT (down, 408);
  for (guint v = 400; v-- > 0; )
    {
      PUT (down, client_at (v));
      if (v == 199)
        {
          PUT (down, 403);
          PUT (down, 404);
        }
      if (v == 10)
        PUT (down, 402);
    }
  PUT (down, 401);
  PUT (down, 405);
  PUT (down, 406);
#undef PUT
  check_both_ways (index, AWB_CLIENT_SORT_ID_NUMBER, up, down);
}

typedef struct
{
  const char *text;
  gint64      id;
} Expected;

static int
by_text_then_id (gconstpointer a,
                 gconstpointer b)
{
  const Expected *x = a;
  const Expected *y = b;
  int c = strcmp (x->text, y->text);

  return c != 0 ? c : (x->id > y->id) - (x->id < y->id);
}

static int
by_text_down_then_id (gconstpointer a,
                      gconstpointer b)
{
  const Expected *x = a;
  const Expected *y = b;
  int c = strcmp (y->text, x->text);

  return c != 0 ? c : (x->id > y->id) - (x->id < y->id);
}

/* A book large enough (70,000 clients) that the ID number order is made
 * on two threads, each refining its half of the runs: the order must be
 * that of strcmp() over the whole list, equal texts (four of each) in name
 * order (the names are n000001..., so name order is id order) both ways,
 * a text after the ones that are its prefix (before them descending), and
 * a lower-case x as the X it stands for: runs of ID numbers alone, and
 * runs that mix them with other texts.  None is a number of up to 17
 * digits, which would sort first. */
static void
test_id_number_order_large (BookFixture   *f,
                           gconstpointer  data)
{
  const guint n = 70000;
  g_autoptr(GError) error = NULL;
  AwbDatabase *db = f->db;
  g_autoptr(AwbClientIndex) index = NULL;
  g_autoptr(GString) sql = g_string_new ("INSERT INTO clients (id, client_no, name, id_number) VALUES");
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree Expected *want = g_new (Expected, n);
  g_autoptr(GArray) up = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) down = g_array_new (FALSE, FALSE, sizeof (gint64));
  static const char *regions[] = { "320102", "110101", "440305" };

  g_assert_no_error (error);
  for (guint k = 1; k <= n; k++)
    {
      guint j = k % 20000;   /* k, k + 20000, ...: equal texts */
      char *text = g_strdup_printf ("%s1990%02u%02u%03u%c%s", regions[(j * 7) % 3],
                                    j % 12 + 1, (j * 13) % 28 + 1, (j * 31) % 997,
                                    "0123456789X"[j % 11],
                                    /* one more character: the others are its prefix */
                                    k > 60000 && k % 100 == 7 ? "A" : "");

      if (k > 60000 && k % 100 == 11)
        text[17] = 'x';        /* the same as X: a check digit has no case */

      g_string_append_printf (sql, "%s (%u, '%u', 'n%06u', '%s')", k == 1 ? "" : ",", k, k, k, text);
      g_ptr_array_add (texts, g_ascii_strup (text, -1));
      g_free (text);
      want[k - 1].text = g_ptr_array_index (texts, texts->len - 1);
      want[k - 1].id = k;
    }
  g_assert_true (awb_database_exec (db, sql->str, &error));
  g_assert_no_error (error);
  index = awb_client_index_load (db, TODAY, NULL, &error);
  g_assert_no_error (error);

  qsort (want, n, sizeof *want, by_text_then_id);
  for (guint i = 0; i < n; i++)
    g_array_append_val (up, want[i].id);
  qsort (want, n, sizeof *want, by_text_down_then_id);
  for (guint i = 0; i < n; i++)
    g_array_append_val (down, want[i].id);
  check_both_ways (index, AWB_CLIENT_SORT_ID_NUMBER, up, down);
}

/* A client added after the index was loaded is not in it; loading again
 * finds it, with the keys the import or the demo would have written. */
static void
test_reload (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbClientIndex) again = NULL;

  g_assert_true (awb_database_exec (f->db,
                                    "INSERT INTO clients (id, client_no, name) VALUES"
                                    " (7, '3101000007', '安娜')", &error));
  check_search (f->index, "anna", NONE);
  again = awb_client_index_load (f->db, TODAY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (awb_client_index_get_n_clients (again), ==, 7);
  /* 安 ān sorts first */
  check_search (again, "", IDS (7, 3, 5, 1, 4, 2, 6));
  check_search (again, "anna", IDS (7));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/awb/client-index/load", Fixture, NULL, fixture_setup, test_load,
              fixture_teardown);
  g_test_add ("/awb/client-index/search", Fixture, NULL, fixture_setup, test_search,
              fixture_teardown);
  g_test_add ("/awb/client-index/search-as-you-type", Fixture, NULL, fixture_setup,
              test_search_as_you_type, fixture_teardown);
  g_test_add ("/awb/client-index/filters", Fixture, NULL, fixture_setup, test_filters,
              fixture_teardown);
  g_test_add ("/awb/client-index/sorts", Fixture, NULL, fixture_setup, test_sorts,
              fixture_teardown);
  g_test_add ("/awb/client-index/reload", Fixture, NULL, fixture_setup, test_reload,
              fixture_teardown);
  g_test_add ("/awb/client-index/client-no-order", BookFixture, NULL, book_fixture_setup,
              test_client_no_order, book_fixture_teardown);
  g_test_add ("/awb/client-index/id-number-order", BookFixture, NULL, book_fixture_setup,
              test_id_number_order, book_fixture_teardown);
  g_test_add ("/awb/client-index/id-number-order-large", BookFixture, NULL, book_fixture_setup,
              test_id_number_order_large, book_fixture_teardown);

  return g_test_run ();
}
