/* test-sync.c: laptops' books as working copies of the branch book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under with-pg.  Each test makes a database with a small branch,
 * written by hand:
 *
 *   managers  李娜 (login t_li), 张强 (login t_zhang); t_boss is the branch
 *             manager
 *   clients   1-4 李娜's, 5-10 张强's
 *   trades    client 1: 2, clients 2-4: 1 each (李娜: 5); clients 5-10: 2
 *             each (张强: 12); 李娜's clients trade little (commission 1-4
 *             yuan), 张强's a lot (100-600 yuan)
 *   interactions  client 1: 1, client 5: 2
 *   scoring_runs  1 complete, with a score for each of the 10 clients and
 *                 one row of run_kpis and run_stats per manager and for
 *                 the whole branch (manager 0), one of run_migrations per
 *                 manager; 2 not complete, with one score (of client 1)
 */
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "awb-database-private.h"
#include "awb-scoring.h"
#include "awb-server-copy.h"
#include "awb-sync.h"
#include "pg-fixture.h"
#include "book-fixture.h"

#define DB_NAME "pgtest_sync"
#define AS_OF 20000

typedef struct
{
  char      *su_uri;
  AwbServer *su;
  char      *li_uri;
  char      *zhang_uri;
  char      *boss_uri;
  char      *dir;
  int        n_books;
} Fixture;

static const char branch_sql[] =
  "INSERT INTO awb.clients (id, client_no, name, manager_id, birth_date, opened_on, aum, phone, email, city) VALUES"
  " (1, 'C01', '王建华', (SELECT id FROM awb.managers WHERE name = '李娜'), 3000, 15000, 100000, '13800000001', 'w@example.com', '上海'),"
  " (2, 'C02', '刘洋', (SELECT id FROM awb.managers WHERE name = '李娜'), 4000, 15500, 200000, NULL, NULL, '北京'),"
  " (3, 'C03', '陈静', (SELECT id FROM awb.managers WHERE name = '李娜'), 5000, 16000, 300000, NULL, NULL, NULL),"
  " (4, 'C04', '杨帆', (SELECT id FROM awb.managers WHERE name = '李娜'), 6000, 16500, 400000, NULL, NULL, NULL),"
  " (5, 'C05', '赵敏', (SELECT id FROM awb.managers WHERE name = '张强'), 3500, 15000, 5000000, NULL, NULL, NULL),"
  " (6, 'C06', '黄磊', (SELECT id FROM awb.managers WHERE name = '张强'), 4500, 15000, 6000000, NULL, NULL, NULL),"
  " (7, 'C07', '周杰', (SELECT id FROM awb.managers WHERE name = '张强'), 5500, 15000, 7000000, NULL, NULL, NULL),"
  " (8, 'C08', '吴芳', (SELECT id FROM awb.managers WHERE name = '张强'), 6500, 15000, 8000000, NULL, NULL, NULL),"
  " (9, 'C09', '郑凯', (SELECT id FROM awb.managers WHERE name = '张强'), 7000, 15000, 9000000, NULL, NULL, NULL),"
  " (10, 'C10', '孙丽', (SELECT id FROM awb.managers WHERE name = '张强'), 7500, 15000, 9900000, NULL, NULL, NULL);"
  "SELECT setval (pg_get_serial_sequence ('awb.clients', 'id'), 10);"
  /* commission and amount in fen */
  "INSERT INTO awb.trades (client_id, trade_date, commission, amount, trade_no) VALUES"
  " (1, 19990, 100, 10000, 'T01a'), (1, 19900, 100, 10000, 'T01b'),"
  " (2, 19950, 200, 20000, 'T02'), (3, 19960, 300, 30000, 'T03'), (4, 19970, 400, 40000, 'T04'),"
  " (5, 19990, 10000, 1000000, 'T05a'), (5, 19980, 10000, 1000000, 'T05b'),"
  " (6, 19990, 20000, 2000000, 'T06a'), (6, 19980, 20000, 2000000, 'T06b'),"
  " (7, 19990, 30000, 3000000, 'T07a'), (7, 19980, 30000, 3000000, 'T07b'),"
  " (8, 19990, 40000, 4000000, 'T08a'), (8, 19980, 40000, 4000000, 'T08b'),"
  " (9, 19990, 50000, 5000000, 'T09a'), (9, 19980, 50000, 5000000, 'T09b'),"
  " (10, 19990, 60000, 6000000, 'T10a'), (10, 19980, 60000, 6000000, 'T10b');"
  "INSERT INTO awb.interactions (client_id, date, kind, notes) VALUES"
  " (1, 19995, 'call', '回访'), (5, 19995, 'visit', 'a'), (5, 19996, 'call', 'b');"
  "INSERT INTO awb.scoring_runs (id, created_at, as_of, settings, n_clients, complete) VALUES"
  " (1, '2024-10-04T00:00:00Z', 20000, '', 10, true), (2, '2024-10-05T00:00:00Z', 20001, '', 10, false);"
  "SELECT setval (pg_get_serial_sequence ('awb.scoring_runs', 'id'), 2);"
  "INSERT INTO awb.scores (run_id, client_id, r_score, f_score, m_score)"
  " SELECT 1, i, i % 5 + 1, 1, 1 FROM generate_series (1, 10) i;"
  "INSERT INTO awb.scores (run_id, client_id, r_score) VALUES (2, 1, 5);"
  /* run 1's aggregates: one row per manager (and 0: the branch's own) */
  "INSERT INTO awb.run_kpis SELECT 1, m, 4, 4, 3, 1, 0, 2, 1000000, 50000, 1100, 8, 2"
  " FROM (SELECT id AS m FROM awb.managers UNION ALL SELECT 0) x;"
  "INSERT INTO awb.run_stats SELECT 1, m, 'tier', 'A', '', 2, 100, 10, 10, 5, 1, 1, 1, 1"
  " FROM (SELECT id AS m FROM awb.managers UNION ALL SELECT 0) x;"
  "INSERT INTO awb.run_migrations SELECT 1, 0, m, 'tiers', 'B', 'A', 1"
  " FROM (SELECT id AS m FROM awb.managers) x;";

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->su_uri = pg_fixture_create_db (DB_NAME);
  f->su = awb_server_connect (f->su_uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (awb_server_init_schema (f->su, &error));
  g_assert_true (awb_server_add_user (f->su, "t_li", "pw-li", AWB_SERVER_ROLE_MANAGER, "李娜", &error));
  g_assert_true (awb_server_add_user (f->su, "t_zhang", "pw-zhang", AWB_SERVER_ROLE_MANAGER, "张强", &error));
  g_assert_true (awb_server_add_user (f->su, "t_boss", "pw-boss", AWB_SERVER_ROLE_BRANCH, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (awb_server_exec (f->su, branch_sql, &error));
  g_assert_no_error (error);
  f->li_uri = pg_fixture_user_uri (DB_NAME, "t_li", "pw-li");
  f->zhang_uri = pg_fixture_user_uri (DB_NAME, "t_zhang", "pw-zhang");
  f->boss_uri = pg_fixture_user_uri (DB_NAME, "t_boss", "pw-boss");
  f->dir = g_dir_make_tmp ("test-sync-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_clear_object (&f->su);
  pg_fixture_drop_db (DB_NAME);
  g_free (f->su_uri);
  g_free (f->li_uri);
  g_free (f->zhang_uri);
  g_free (f->boss_uri);
  g_free (f->dir);
}

static char *
book_path (Fixture    *f,
           const char *name)
{
  g_autofree char *file = g_strconcat (name, ".sqlite", NULL);

  return g_build_filename (f->dir, file, NULL);
}

static AwbDatabase *
open_book (Fixture    *f,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = book_path (f, name);
  AwbDatabase *db = awb_database_open (path, &error);

  g_assert_no_error (error);
  return db;
}

static AwbServer *
connect (const char *uri)
{
  g_autoptr(GError) error = NULL;
  AwbServer *server = awb_server_connect (uri, NULL, &error);

  g_assert_no_error (error);
  return server;
}

static void
sync_ok (AwbDatabase   *db,
         const char    *uri,
         AwbSyncReport *report)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbServer) server = connect (uri);

  g_assert_true (awb_sync_run (db, server, report, NULL, &error));
  g_assert_no_error (error);
}

static void
book_exec (AwbDatabase *db,
           const char  *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (awb_database_exec (db, sql, &error));
  g_assert_no_error (error);
}

static char *
server_text (AwbServer  *server,
             const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) res = awb_server_query (server, sql, 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (PQntuples (res), ==, 1);
  return PQgetisnull (res, 0, 0) ? NULL : g_strdup (PQgetvalue (res, 0, 0));
}

static gint64
server_int (AwbServer  *server,
            const char *sql)
{
  g_autofree char *s = server_text (server, sql);

  g_assert_nonnull (s);
  return g_ascii_strtoll (s, NULL, 10);
}

/* Every row of the shared tables, in id order, as one string. */
static char *
book_digest (AwbDatabase *db)
{
  static const char *const queries[] = {
    "SELECT * FROM managers ORDER BY id",
    "SELECT id, client_no, name, gender, birth_date, phone, email, city, manager_id, aum, notes, q_job"
    " FROM clients ORDER BY id",
    "SELECT * FROM trades ORDER BY id",
    "SELECT * FROM interactions ORDER BY id",
    "SELECT * FROM scoring_runs ORDER BY id",
    "SELECT id, r_score, f_score, m_score FROM scores ORDER BY id",
    "SELECT * FROM settings ORDER BY key",
  };
  GString *s = g_string_new (NULL);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db, queries[q], &error);

      g_assert_no_error (error);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *v = (const char *) sqlite3_column_text (stmt, c);
              g_string_append_printf (s, "%s|", v != NULL ? v : "∅");
            }
          g_string_append_c (s, '\n');
        }
      g_string_append (s, "--\n");
    }
  return g_string_free (s, FALSE);
}

/* The first sync of 李娜's empty book attaches it and pulls her 4 clients,
 * their 5 trades and 1 interaction, the 2 managers, and the complete run
 * with her 4 scores; not the run still being written.  A second sync
 * finds nothing new. */
static void
test_first_pull (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(AwbDatabase) db = open_book (f, "li");
  g_auto(AwbSyncStatus) status = { 0 };
  g_autoptr(GError) error = NULL;
  AwbSyncReport report;

  g_assert_false (awb_sync_is_attached (db));
  g_assert_true (awb_sync_get_status (db, &status, &error));
  g_assert_null (status.server);

  sync_ok (db, f->li_uri, &report);
  g_assert_true (awb_sync_is_attached (db));
  g_assert_cmpint (report.pulled_clients, ==, 4);
  g_assert_cmpint (report.pulled_trades, ==, 5);
  g_assert_cmpint (report.pushed, ==, 0);
  g_assert_cmpint (report.removed, ==, 0);
  g_assert_cmpint (book_query_int (db, "SELECT count(*) FROM clients"), ==, 4);
  g_assert_cmpint (book_query_int (db, "SELECT count(*) FROM clients WHERE id BETWEEN 1 AND 4"), ==, 4);
  g_assert_cmpint (book_query_int (db, "SELECT count(*) FROM trades"), ==, 5);
  g_assert_cmpint (book_query_int (db, "SELECT sum(commission) FROM trades"), ==, 1100);
  g_assert_cmpint (book_query_int (db, "SELECT count(*) FROM interactions"), ==, 1);
  g_assert_cmpint (book_query_int (db, "SELECT count(*) FROM managers"), ==, 2);
  g_assert_cmpint (book_query_int (db, "SELECT count(*) FROM scoring_runs"), ==, 1);
  g_assert_cmpint (book_query_int (db, "SELECT count(*) FROM scores WHERE run_id = 1"), ==, 4);
  /* r_score = client id % 5 + 1: 2 + 3 + 4 + 5 */
  g_assert_cmpint (book_query_int (db, "SELECT sum(r_score) FROM scores"), ==, 14);
  /* the name keys are made for pulled clients (pinyin order) */
  g_assert_cmpint (book_query_int (db, "SELECT count(*) FROM clients WHERE name_key IS NULL OR pinyin IS NULL"), ==, 0);
  /* run 1's aggregates: hers only */
  g_assert_cmpint (book_query_int (db, "SELECT count(*) FROM run_kpis"), ==, 1);
  g_assert_cmpint (book_query_int (db, "SELECT count(*) FROM run_kpis k JOIN managers m ON m.id = k.manager_id"
                                       " WHERE m.name = '李娜' AND k.run_id = 1 AND k.n_clients = 4 AND k.aum = 1000000"), ==, 1);
  g_assert_cmpint (book_query_int (db, "SELECT count(*) FROM run_stats s JOIN managers m ON m.id = s.manager_id"
                                       " WHERE m.name = '李娜' AND s.dim = 'tier' AND s.key = 'A' AND s.n = 2"), ==, 1);
  g_assert_cmpint (book_query_int (db, "SELECT count(*) FROM run_stats"), ==, 1);
  g_assert_cmpint (book_query_int (db, "SELECT count(*) FROM run_migrations WHERE kind = 'tiers' AND n = 1"), ==, 1);
  /* 4 + 5 + 1 + 2 managers + 1 run + 4 scores + 3 aggregates */
  g_assert_cmpint (report.pulled, ==, 20);
  g_assert_cmpint (book_query_int (db, "SELECT count(*) FROM sync_outbox"), ==, 0);

  g_assert_true (awb_sync_get_status (db, &status, &error));
  g_assert_nonnull (status.server);
  g_assert_null (strstr (status.server, "pw-li"));
  g_assert_cmpstr (status.user, ==, "t_li");
  g_assert_cmpint (status.role, ==, AWB_SERVER_ROLE_MANAGER);
  g_assert_cmpstr (status.manager, ==, "李娜");
  g_assert_nonnull (status.last_synced_at);
  g_assert_cmpint (status.n_pending, ==, 0);
  g_assert_cmpint (status.n_conflicts, ==, 0);
  g_assert_cmpint (status.cursor, >, 0);

  sync_ok (db, f->li_uri, &report);
  g_assert_cmpint (report.pulled, ==, 0);
  g_assert_cmpint (report.pushed, ==, 0);
}

/* A book with clients of its own, and a book attached for another login,
 * are refused and left as they were. */
static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AwbDatabase) own = open_book (f, "own");
  g_autoptr(AwbDatabase) li = open_book (f, "li");
  g_autoptr(AwbServer) server = connect (f->li_uri);
  g_autoptr(AwbServer) zhang = connect (f->zhang_uri);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  AwbSyncReport report;

  book_exec (own, "INSERT INTO clients (client_no, name) VALUES ('X1', '自己的')");
  g_assert_false (awb_sync_run (own, server, &report, NULL, &error));
  g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "holds clients of its own"));
  g_clear_error (&error);
  g_assert_false (awb_sync_is_attached (own));
  g_assert_cmpint (book_query_int (own, "SELECT count(*) FROM clients"), ==, 1);

  sync_ok (li, f->li_uri, &report);
  before = book_digest (li);
  g_assert_false (awb_sync_run (li, zhang, &report, NULL, &error));
  g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not for t_zhang"));
  after = book_digest (li);
  g_assert_cmpstr (before, ==, after);
}

/* Two laptops of 李娜 edit client 1 offline and sync, in one order and
 * then the other: different fields merge, the same field conflicts (the
 * server keeps its value, both values in awb.audit_log), and the conflict
 * is resolved one way, then the other. */
static void
test_two_laptops (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(AwbDatabase) a = open_book (f, "a");
  g_autoptr(AwbDatabase) b = open_book (f, "b");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *s = NULL;
  AwbSyncConflict *c;
  AwbSyncReport report;

  sync_ok (a, f->li_uri, &report);
  sync_ok (b, f->li_uri, &report);

  /* round 1: A syncs first */
  book_exec (a, "UPDATE clients SET phone = '13900000000' WHERE id = 1");
  book_exec (b, "UPDATE clients SET email = 'b@example.com', phone = '13700000000' WHERE id = 1");
  g_assert_cmpint (book_query_int (b, "SELECT count(*) FROM sync_outbox"), ==, 2);
  sync_ok (a, f->li_uri, &report);
  g_assert_cmpint (report.pushed, ==, 1);
  g_assert_cmpint (report.conflicts, ==, 0);
  sync_ok (b, f->li_uri, &report);
  g_assert_cmpint (report.pushed, ==, 1);       /* the email */
  g_assert_cmpint (report.conflicts, ==, 1);    /* the phone */
  s = server_text (f->su, "SELECT phone || ' ' || email FROM awb.clients WHERE id = 1");
  g_assert_cmpstr (s, ==, "13900000000 b@example.com");
  g_clear_pointer (&s, g_free);
  /* B shows the server's phone, and the conflict waits */
  s = book_query_text (b, "SELECT phone || ' ' || email FROM clients WHERE id = 1");
  g_assert_cmpstr (s, ==, "13900000000 b@example.com");
  g_clear_pointer (&s, g_free);
  conflicts = awb_sync_list_conflicts (b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  c = g_ptr_array_index (conflicts, 0);
  g_assert_cmpint (c->client_id, ==, 1);
  g_assert_cmpstr (c->client_name, ==, "王建华");
  g_assert_cmpstr (c->field, ==, "phone");
  g_assert_cmpstr (c->local_value, ==, "13700000000");
  g_assert_cmpstr (c->server_value, ==, "13900000000");
  /* nothing lost: both values in the server's audit log */
  g_assert_cmpint (server_int (f->su, "SELECT count(*) FROM awb.audit_log WHERE client_id = 1"
                                      " AND field = 'conflict:phone' AND old_value = '13900000000'"
                                      " AND new_value = '13700000000' AND who = 't_li'"), ==, 1);
  /* A pulls B's email */
  sync_ok (a, f->li_uri, &report);
  s = book_query_text (a, "SELECT phone || ' ' || email FROM clients WHERE id = 1");
  g_assert_cmpstr (s, ==, "13900000000 b@example.com");
  g_clear_pointer (&s, g_free);

  /* B keeps its own value: pushed at the next sync, A gets it */
  g_assert_true (awb_sync_resolve_conflict (b, c->id, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (book_query_int (b, "SELECT count(*) FROM sync_conflicts"), ==, 0);
  g_assert_cmpint (book_query_int (b, "SELECT count(*) FROM sync_outbox"), ==, 1);
  sync_ok (b, f->li_uri, &report);
  g_assert_cmpint (report.pushed, ==, 1);
  g_assert_cmpint (report.conflicts, ==, 0);
  sync_ok (a, f->li_uri, &report);
  s = book_query_text (a, "SELECT phone FROM clients WHERE id = 1");
  g_assert_cmpstr (s, ==, "13700000000");
  g_clear_pointer (&s, g_free);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  /* round 2: B syncs first; A's conflict is resolved for the server */
  book_exec (a, "UPDATE clients SET city = '杭州', q_job = 2 WHERE id = 2");
  book_exec (b, "UPDATE clients SET city = '南京' WHERE id = 2");
  sync_ok (b, f->li_uri, &report);
  g_assert_cmpint (report.pushed, ==, 1);
  sync_ok (a, f->li_uri, &report);
  g_assert_cmpint (report.pushed, ==, 1);       /* q_job */
  g_assert_cmpint (report.conflicts, ==, 1);    /* city */
  conflicts = awb_sync_list_conflicts (a, &error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  c = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (c->field, ==, "city");
  g_assert_cmpstr (c->local_value, ==, "杭州");
  g_assert_cmpstr (c->server_value, ==, "南京");
  g_assert_cmpstr (c->server_user, ==, NULL);   /* B logged no audit entry of its own */
  g_assert_cmpint (server_int (f->su, "SELECT count(*) FROM awb.audit_log WHERE client_id = 2"
                                      " AND field = 'conflict:city' AND old_value = '南京'"
                                      " AND new_value = '杭州'"), ==, 1);
  g_assert_true (awb_sync_resolve_conflict (a, c->id, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (book_query_int (a, "SELECT count(*) FROM sync_outbox"), ==, 0);
  s = book_query_text (a, "SELECT city || ' ' || q_job FROM clients WHERE id = 2");
  g_assert_cmpstr (s, ==, "南京 2");
  g_clear_pointer (&s, g_free);
  sync_ok (a, f->li_uri, &report);
  g_assert_cmpint (report.pushed, ==, 0);
  sync_ok (b, f->li_uri, &report);
  s = server_text (f->su, "SELECT city || ' ' || q_job FROM awb.clients WHERE id = 2");
  g_assert_cmpstr (s, ==, "南京 2");
  g_clear_pointer (&s, g_free);
  {
    g_autofree char *da = book_digest (a);
    g_autofree char *db = book_digest (b);

    g_assert_cmpstr (da, ==, db);
  }

  /* an unknown conflict id */
  g_assert_false (awb_sync_resolve_conflict (a, 999, TRUE, &error));
  g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_FOUND);
}

/* Interactions created offline on two laptops get server ids that do not
 * clash, and each arrives once. */
static void
test_new_interactions (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(AwbDatabase) a = open_book (f, "a");
  g_autoptr(AwbDatabase) b = open_book (f, "b");
  AwbSyncReport report;

  sync_ok (a, f->li_uri, &report);
  sync_ok (b, f->li_uri, &report);
  /* both books give their new interaction the same local id */
  book_exec (a, "INSERT INTO interactions (client_id, date, kind, notes) VALUES (2, 20001, 'visit', 'A 的拜访')");
  book_exec (b, "INSERT INTO interactions (client_id, date, kind, notes) VALUES (3, 20002, 'call', 'B 的电话')");
  g_assert_cmpint (book_query_int (a, "SELECT max(id) FROM interactions"), ==,
                   book_query_int (b, "SELECT max(id) FROM interactions"));
  /* B also marks the pulled interaction done */
  book_exec (b, "UPDATE interactions SET done = 1 WHERE id = 1");
  sync_ok (a, f->li_uri, &report);
  g_assert_cmpint (report.pushed, ==, 1);
  sync_ok (b, f->li_uri, &report);
  g_assert_cmpint (report.pushed, ==, 2);
  sync_ok (a, f->li_uri, &report);
  g_assert_cmpint (server_int (f->su, "SELECT count(*) FROM awb.interactions"), ==, 5);
  g_assert_cmpint (server_int (f->su, "SELECT count(*) FROM awb.interactions WHERE notes IN ('A 的拜访', 'B 的电话')"), ==, 2);
  g_assert_cmpint (server_int (f->su, "SELECT done FROM awb.interactions WHERE id = 1"), ==, 1);
  g_assert_cmpint (book_query_int (a, "SELECT count(*) FROM interactions"), ==, 3);
  {
    g_autofree char *da = book_digest (a);
    g_autofree char *db = book_digest (b);

    g_assert_cmpstr (da, ==, db);
  }
}

/* A client reassigned away disappears from the old manager's book with
 * its trades, interactions and scores, and appears in the new one's. */
static void
test_removals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(AwbDatabase) li = open_book (f, "li");
  g_autoptr(AwbDatabase) zhang = open_book (f, "zhang");
  g_autoptr(AwbServer) boss = connect (f->boss_uri);
  g_autoptr(GError) error = NULL;
  AwbSyncReport report;

  sync_ok (li, f->li_uri, &report);
  sync_ok (zhang, f->zhang_uri, &report);
  g_assert_cmpint (book_query_int (zhang, "SELECT count(*) FROM clients"), ==, 6);
  /* the branch manager reassigns client 1 (2 trades, 1 interaction) */
  g_assert_true (awb_server_exec (boss, "UPDATE awb.clients SET manager_id = (SELECT id FROM awb.managers"
                                        " WHERE name = '张强') WHERE id = 1", &error));
  g_assert_no_error (error);
  sync_ok (li, f->li_uri, &report);
  g_assert_cmpint (report.removed, ==, 4);      /* the client, 2 trades, 1 interaction */
  g_assert_cmpint (book_query_int (li, "SELECT count(*) FROM clients"), ==, 3);
  g_assert_cmpint (book_query_int (li, "SELECT count(*) FROM clients WHERE id = 1"), ==, 0);
  g_assert_cmpint (book_query_int (li, "SELECT count(*) FROM trades"), ==, 3);
  g_assert_cmpint (book_query_int (li, "SELECT count(*) FROM trades WHERE client_id = 1"), ==, 0);
  g_assert_cmpint (book_query_int (li, "SELECT count(*) FROM interactions"), ==, 0);
  g_assert_cmpint (book_query_int (li, "SELECT count(*) FROM scores WHERE client_id = 1"), ==, 0);
  sync_ok (zhang, f->zhang_uri, &report);
  g_assert_cmpint (report.pulled_clients, ==, 1);
  g_assert_cmpint (report.pulled_trades, ==, 2);
  g_assert_cmpint (book_query_int (zhang, "SELECT count(*) FROM clients"), ==, 7);
  g_assert_cmpint (book_query_int (zhang, "SELECT count(*) FROM scores WHERE client_id = 1 AND run_id = 1"), ==, 1);

  /* a deleted interaction goes too */
  g_assert_true (awb_server_exec (f->su, "DELETE FROM awb.interactions WHERE id = 2", &error));
  sync_ok (zhang, f->zhang_uri, &report);
  g_assert_cmpint (report.removed, ==, 1);
  g_assert_cmpint (book_query_int (zhang, "SELECT count(*) FROM interactions"), ==, 2);
}

/* A change whose transaction takes its rev first but commits after a
 * later one was pulled is not skipped (the sequence-commit-order
 * problem). */
static void
test_late_commit (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(AwbDatabase) li = open_book (f, "li");
  g_autoptr(AwbServer) slow = connect (f->su_uri);
  g_autoptr(GError) error = NULL;
  g_autofree char *s = NULL;
  AwbSyncReport report;

  sync_ok (li, f->li_uri, &report);
  g_assert_true (awb_server_begin (slow, &error));
  g_assert_true (awb_server_exec (slow, "UPDATE awb.clients SET city = '慢' WHERE id = 3", &error));
  g_assert_true (awb_server_exec (f->su, "UPDATE awb.clients SET city = '快' WHERE id = 4", &error));
  g_assert_no_error (error);
  g_assert_cmpint (server_int (slow, "SELECT rev FROM awb.clients WHERE id = 3"), <,
                   server_int (f->su, "SELECT rev FROM awb.clients WHERE id = 4"));
  sync_ok (li, f->li_uri, &report);
  g_assert_cmpint (report.pulled_clients, ==, 1);
  s = book_query_text (li, "SELECT city FROM clients WHERE id = 4");
  g_assert_cmpstr (s, ==, "快");
  g_clear_pointer (&s, g_free);
  g_assert_true (awb_server_commit (slow, &error));
  sync_ok (li, f->li_uri, &report);
  s = book_query_text (li, "SELECT city FROM clients WHERE id = 3");
  g_assert_cmpstr (s, ==, "慢");
  g_clear_pointer (&s, g_free);
  /* and once nobody writes, the cursor moves on: nothing more to pull */
  sync_ok (li, f->li_uri, &report);
  sync_ok (li, f->li_uri, &report);
  g_assert_cmpint (report.pulled, ==, 0);
}

/* An attached book refuses a local scoring run, saying why. */
static void
test_no_local_runs (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AwbDatabase) li = open_book (f, "li");
  g_autoptr(GError) error = NULL;
  AwbScoreOptions options;
  AwbScoreResult result;
  AwbSyncReport report;

  sync_ok (li, f->li_uri, &report);
  awb_score_options_init (&options, AS_OF);
  g_assert_false (awb_scoring_score_book (li, &options, NULL, NULL, NULL, &result, &error));
  g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "its scoring runs come from the branch server"));
  g_clear_error (&error);
  g_assert_cmpint (book_query_int (li, "SELECT count(*) FROM scoring_runs"), ==, 1);

  /* a program that keeps the whole branch under a branch login (and
   * scores it for the server) may say so */
  {
    g_autoptr(AwbDatabase) cache = open_book (f, "cache");
    AwbSyncReport r;

    sync_ok (cache, f->boss_uri, &r);
    g_assert_cmpint (r.pulled_clients, ==, 10);
    g_assert_false (awb_scoring_score_book (cache, &options, NULL, NULL, NULL, &result, &error));
    g_clear_error (&error);
    _awb_database_set_branch_cache (cache, TRUE);
    g_assert_true (awb_scoring_score_book (cache, &options, NULL, NULL, NULL, &result, &error));
    g_assert_no_error (error);
    g_assert_cmpint (result.n_clients, ==, 10);
  }
}

/* A book takes the 3 newest complete runs: a new book does not get run 1
 * once runs 3, 4 and 5 are there; a book that has it keeps it. */
static void
test_latest_runs (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(AwbDatabase) old = open_book (f, "old");
  g_autoptr(AwbDatabase) fresh = open_book (f, "fresh");
  g_autoptr(GError) error = NULL;
  AwbSyncReport report;

  sync_ok (old, f->li_uri, &report);
  g_assert_true (awb_server_exec (f->su,
                                  "INSERT INTO awb.scoring_runs (id, created_at, as_of, settings, n_clients, complete)"
                                  " SELECT r, '2024-10-06T00:00:00Z', 20000 + r, '', 10, true FROM generate_series (3, 5) r;"
                                  "INSERT INTO awb.scores (run_id, client_id, r_score)"
                                  " SELECT r, c, 3 FROM generate_series (3, 5) r, generate_series (1, 10) c;",
                                  &error));
  g_assert_no_error (error);
  sync_ok (old, f->li_uri, &report);
  sync_ok (fresh, f->li_uri, &report);
  {
    g_autofree char *o = book_query_text (old, "SELECT group_concat(id, ' ') FROM (SELECT id FROM scoring_runs ORDER BY id)");
    g_autofree char *n = book_query_text (fresh, "SELECT group_concat(id, ' ') FROM (SELECT id FROM scoring_runs ORDER BY id)");

    g_assert_cmpstr (o, ==, "1 3 4 5");
    g_assert_cmpstr (n, ==, "3 4 5");
  }
  /* 李娜's 4 clients in each of runs 3-5 */
  g_assert_cmpint (book_query_int (fresh, "SELECT count(*) FROM scores"), ==, 12);
  g_assert_cmpint (book_query_int (old, "SELECT count(*) FROM scores"), ==, 16);
}

/* Copies the branch's clients and trades (those of @manager, or all) from
 * the server into an unattached book, as an import would. */
static void
load_book_from_server (Fixture     *f,
                       AwbDatabase *db,
                       const char  *manager_filter)
{
  static const AwbCopyType c_types[] = { AWB_COPY_INT8, AWB_COPY_TEXT, AWB_COPY_TEXT, AWB_COPY_INT8,
                                         AWB_COPY_INT8, AWB_COPY_INT8, AWB_COPY_INT8 };
  static const AwbCopyType t_types[] = { AWB_COPY_INT8, AWB_COPY_INT8, AWB_COPY_INT8, AWB_COPY_INT8,
                                         AWB_COPY_INT8, AWB_COPY_TEXT };
  static const AwbCopyType m_types[] = { AWB_COPY_INT8, AWB_COPY_TEXT };
  g_autoptr(GError) error = NULL;
  g_autofree char *c_sql = g_strdup_printf ("SELECT id, client_no, name, birth_date::bigint, opened_on::bigint, aum,"
                                            " manager_id FROM awb.clients WHERE %s", manager_filter);
  g_autofree char *t_sql = g_strdup_printf ("SELECT id, client_id, trade_date::bigint, commission, amount, trade_no"
                                            " FROM awb.trades WHERE client_id IN (SELECT id FROM awb.clients WHERE %s)",
                                            manager_filter);
  gint64 n;

  g_assert_true (awb_database_begin (db, &error));
  g_assert_true (awb_server_copy_to_book (f->su, "SELECT id, name FROM awb.managers", m_types, 2, db,
                                          "INSERT INTO managers (id, name) VALUES (?, ?)", &n, NULL, &error));
  g_assert_true (awb_server_copy_to_book (f->su, c_sql, c_types, 7, db,
                                          "INSERT INTO clients (id, client_no, name, birth_date, opened_on, aum, manager_id)"
                                          " VALUES (?, ?, ?, ?, ?, ?, ?)", &n, NULL, &error));
  g_assert_true (awb_server_copy_to_book (f->su, t_sql, t_types, 6, db,
                                          "INSERT INTO trades (id, client_id, trade_date, commission, amount, trade_no)"
                                          " VALUES (?, ?, ?, ?, ?, ?)", &n, NULL, &error));
  g_assert_true (awb_database_commit (db, &error));
  g_assert_no_error (error);
}

static gint64
score_book (AwbDatabase *db)
{
  g_autoptr(GError) error = NULL;
  AwbScoreOptions options;
  AwbScoreResult result;

  awb_score_options_init (&options, AS_OF);
  g_assert_true (awb_scoring_score_book (db, &options, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  return result.run_id;
}

/* 李娜's book pulls the scores of a run made over the whole branch: her
 * clients' labels are the whole branch's, not what ranking her 4 clients
 * alone gives (her clients trade least in the branch: ranked among
 * themselves the best of them gets the top monetary score). */
static void
test_branch_breakpoints (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(AwbDatabase) whole = open_book (f, "whole");
  g_autoptr(AwbDatabase) share = open_book (f, "share");
  g_autoptr(AwbDatabase) li = open_book (f, "li");
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 run, share_run;
  int n_rows = 0, n_differ = 0;

  load_book_from_server (f, whole, "true");
  load_book_from_server (f, share, "manager_id = (SELECT id FROM awb.managers WHERE name = '李娜')");
  run = score_book (whole);
  share_run = score_book (share);

  /* upload the whole branch's run as run 3 */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT created_at, as_of, settings, n_clients FROM scoring_runs WHERE id = %"
                                            G_GINT64_FORMAT, run);
    g_autoptr(sqlite3_stmt) r = awb_database_prepare (whole, sql, &error);
    const char *params[4];
    g_autoptr(PGresult) res = NULL;

    g_assert_cmpint (sqlite3_step (r), ==, SQLITE_ROW);
    for (int i = 0; i < 4; i++)
      params[i] = (const char *) sqlite3_column_text (r, i);
    res = awb_server_query (f->su, "INSERT INTO awb.scoring_runs (id, created_at, as_of, settings, n_clients, complete)"
                                   " VALUES (3, $1, $2, $3, $4, false)", 4, params, &error);
    g_assert_no_error (error);
  }
  {
    g_autofree char *sql = g_strdup_printf ("SELECT client_id, r_score, f_score, m_score, rfm_segment, tier"
                                            " FROM scores WHERE run_id = %" G_GINT64_FORMAT, run);
    g_autoptr(sqlite3_stmt) r = awb_database_prepare (whole, sql, &error);

    while (sqlite3_step (r) == SQLITE_ROW)
      {
        const char *params[6];
        g_autoptr(PGresult) res = NULL;

        for (int i = 0; i < 6; i++)
          params[i] = (const char *) sqlite3_column_text (r, i);
        res = awb_server_query (f->su, "INSERT INTO awb.scores (run_id, client_id, r_score, f_score, m_score,"
                                       " rfm_segment, tier) VALUES (3, $1, $2, $3, $4, $5, $6)", 6, params, &error);
        g_assert_no_error (error);
        n_rows++;
      }
    g_assert_cmpint (n_rows, ==, 10);
  }
  g_assert_true (awb_server_exec (f->su, "UPDATE awb.scoring_runs SET complete = true WHERE id = 3", &error));

  {
    AwbSyncReport report;
    sync_ok (li, f->li_uri, &report);
  }
  g_assert_cmpint (book_query_int (li, "SELECT count(*) FROM scores WHERE run_id = 3"), ==, 4);

  /* client for client, the pulled labels are the whole branch's ... */
  {
    g_autofree char *attach = g_strdup_printf ("ATTACH DATABASE '%s/whole.sqlite' AS w;"
                                               "ATTACH DATABASE '%s/share.sqlite' AS s", f->dir, f->dir);
    book_exec (li, attach);
  }
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM main.scores p JOIN w.scores ws"
                                            " ON ws.client_id = p.client_id AND ws.run_id = %" G_GINT64_FORMAT
                                            " WHERE p.run_id = 3 AND p.r_score IS ws.r_score AND p.f_score IS ws.f_score"
                                            " AND p.m_score IS ws.m_score AND p.rfm_segment IS ws.rfm_segment"
                                            " AND p.tier IS ws.tier", run);
    g_assert_cmpint (book_query_int (li, sql), ==, 4);
  }
  /* ... her clients sit in the bottom of the branch's monetary ranks ... */
  g_assert_cmpint (book_query_int (li, "SELECT max(m_score) FROM main.scores WHERE run_id = 3"), <=, 2);
  /* ... and ranked alone, at least one would be labelled otherwise */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT p.client_id FROM main.scores p JOIN s.scores ss"
                                            " ON ss.client_id = p.client_id AND ss.run_id = %" G_GINT64_FORMAT
                                            " WHERE p.run_id = 3 AND (p.r_score IS NOT ss.r_score OR p.f_score IS NOT ss.f_score"
                                            " OR p.m_score IS NOT ss.m_score)", share_run);
    stmt = awb_database_prepare (li, sql, &error);
    g_assert_no_error (error);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      n_differ++;
  }
  g_assert_cmpint (n_differ, >=, 1);
  g_clear_pointer (&stmt, sqlite3_finalize);
  book_exec (li, "DETACH DATABASE w; DETACH DATABASE s");
}

/* ------------------------------------------------------------- kills */

static const char *const kill_points[] = {
  "before-push-commit", "after-push-commit", "pull-start", "pull-clients",
  "pull-trades", "pull-end", "before-book-commit",
};

/* Syncs @path as @uri in a child process, killed after @delay_us (or at
 * the named point); returns whether the child was cut short. */
static gboolean
sync_killed (const char *path,
             const char *uri,
             const char *point,
             gint64      delay_us)
{
  pid_t pid;
  int status = 0;

  fflush (stdout);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      GError *error = NULL;
      AwbDatabase *db;
      AwbServer *server;

      if (point != NULL)
        g_setenv ("AWB_SYNC_KILL_AT", point, TRUE);
      db = awb_database_open (path, &error);
      server = db != NULL ? awb_server_connect (uri, NULL, &error) : NULL;
      if (server == NULL || !awb_sync_run (db, server, NULL, NULL, &error))
        _exit (2);
      _exit (0);
    }
  if (point == NULL)
    {
      g_usleep (delay_us);
      kill (pid, SIGKILL);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 2)
    g_error ("the sync failed in the child");
  return !(WIFEXITED (status) && WEXITSTATUS (status) == 0);
}

/* A sync killed at 28 seeded random moments (7 named points, 21 random
 * delays within about twice a sync's time), then run again: the book holds
 * what a clean sync of a new book gives, and the server took every change
 * exactly once. */
static void
test_killed (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(AwbDatabase) db = open_book (f, "laptop");
  g_autofree char *path = book_path (f, "laptop");
  g_autoptr(GError) error = NULL;
  const char *seed_env = g_getenv ("AWB_SYNC_SEED");
  guint32 seed = seed_env != NULL ? (guint32) g_ascii_strtoull (seed_env, NULL, 10) : g_random_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  gint64 t0, sync_us;
  int n_cut = 0;
  AwbSyncReport report;

  g_test_message ("seed %u (AWB_SYNC_SEED=%u repeats this run)", seed, seed);
  g_printerr ("# test-sync killed: seed %u (AWB_SYNC_SEED overrides)\n", seed);

  /* more rows, so a sync lasts long enough to be cut in the middle */
  g_assert_true (awb_server_exec (f->su, "INSERT INTO awb.trades (client_id, trade_date, commission, amount, trade_no)"
                                         " SELECT 1 + i % 4, 19000 + i % 900, i, 100 * i, 'K' || i"
                                         " FROM generate_series (1, 20000) i", &error));
  g_assert_no_error (error);
  t0 = g_get_monotonic_time ();
  sync_ok (db, f->li_uri, &report);
  sync_us = g_get_monotonic_time () - t0;
  g_clear_object (&db);

  for (int round = 0; round < 28; round++)
    {
      g_autofree char *sql = NULL;
      g_autofree char *ref_name = g_strdup_printf ("ref%d", round);
      g_autoptr(AwbDatabase) ref = NULL;
      g_autofree char *d1 = NULL;
      g_autofree char *d2 = NULL;
      const char *point = round % 4 == 0 ? kill_points[(round / 4) % G_N_ELEMENTS (kill_points)] : NULL;
      gint64 delay = point == NULL ? g_rand_int_range (rand, 0, (gint32) MIN (2 * sync_us + 20000, G_MAXINT32)) : 0;

      /* changes on the laptop ... */
      db = open_book (f, "laptop");
      sql = g_strdup_printf ("UPDATE clients SET notes = 'r%d' WHERE id = 1;"
                             "INSERT INTO interactions (client_id, date, kind, notes) VALUES (2, 20000, 'call', 'i%d');"
                             "INSERT INTO audit_log (at, who, client_id, field, old_value, new_value)"
                             " VALUES ('2026-12-04T00:00:00Z', 't_li', 1, 'notes', NULL, 'r%d');",
                             round, round, round);
      book_exec (db, sql);
      g_clear_object (&db);
      g_free (sql);
      /* ... and on the server */
      sql = g_strdup_printf ("UPDATE awb.clients SET city = 'c%d' WHERE id = 3;"
                             "INSERT INTO awb.trades (client_id, trade_date, commission, amount, trade_no)"
                             " SELECT 4, 19999, j, j, 'R%d-' || j FROM generate_series (1, 5) j;",
                             round, round);
      g_assert_true (awb_server_exec (f->su, sql, &error));
      g_assert_no_error (error);

      if (sync_killed (path, f->li_uri, point, delay))
        n_cut++;

      db = open_book (f, "laptop");
      sync_ok (db, f->li_uri, &report);
      g_assert_cmpint (book_query_int (db, "SELECT count(*) FROM sync_outbox"), ==, 0);

      /* the server took each change once */
      g_free (sql);
      sql = g_strdup_printf ("SELECT count(*) FROM awb.interactions WHERE notes = 'i%d'", round);
      g_assert_cmpint (server_int (f->su, sql), ==, 1);
      g_free (sql);
      sql = g_strdup_printf ("SELECT count(*) FROM awb.audit_log WHERE field = 'notes' AND new_value = 'r%d'"
                             " AND at = '2026-12-04T00:00:00Z'", round);
      g_assert_cmpint (server_int (f->su, sql), ==, 1);
      g_free (sql);
      sql = g_strdup_printf ("SELECT count(*) FROM awb.clients WHERE id = 1 AND notes = 'r%d'", round);
      g_assert_cmpint (server_int (f->su, sql), ==, 1);

      /* the book holds what a clean sync gives */
      ref = open_book (f, ref_name);
      sync_ok (ref, f->li_uri, &report);
      d1 = book_digest (db);
      d2 = book_digest (ref);
      g_assert_cmpstr (d1, ==, d2);
      g_clear_object (&db);
    }
  g_assert_cmpint (server_int (f->su, "SELECT count(*) FROM awb.interactions WHERE notes LIKE 'i%'"), ==, 28);
  /* the named points always cut; at least some random ones did too */
  g_assert_cmpint (n_cut, >=, 7);
  g_test_message ("%d of 28 syncs were cut short", n_cut);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (pg_fixture_base_uri () == NULL)
    {
      g_test_skip ("AWB_TEST_PG_URI is not set: run under tests/server/with-pg");
      return g_test_run ();
    }
  g_test_add ("/sync/first-pull", Fixture, NULL, setup, test_first_pull, teardown);
  g_test_add ("/sync/refusals", Fixture, NULL, setup, test_refusals, teardown);
  g_test_add ("/sync/two-laptops", Fixture, NULL, setup, test_two_laptops, teardown);
  g_test_add ("/sync/new-interactions", Fixture, NULL, setup, test_new_interactions, teardown);
  g_test_add ("/sync/removals", Fixture, NULL, setup, test_removals, teardown);
  g_test_add ("/sync/late-commit", Fixture, NULL, setup, test_late_commit, teardown);
  g_test_add ("/sync/no-local-runs", Fixture, NULL, setup, test_no_local_runs, teardown);
  g_test_add ("/sync/latest-runs", Fixture, NULL, setup, test_latest_runs, teardown);
  g_test_add ("/sync/branch-breakpoints", Fixture, NULL, setup, test_branch_breakpoints, teardown);
  g_test_add ("/sync/killed", Fixture, NULL, setup, test_killed, teardown);
  return g_test_run ();
}
