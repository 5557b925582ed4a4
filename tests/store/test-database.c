/* test-database.c: opening, migrating and refusing books
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "awb-database.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("awb-test-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "sub", "book.sqlite", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
  g_free (f->path);
}

static gint64
query_int (AwbDatabase *db,
           const char  *sql)
{
  g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = awb_database_open (f->path, &error);
  g_autofree char *dir = g_path_get_dirname (f->path);
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_nonnull (db);

  /* 0600 file in a 0700 folder */
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, AWB_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                                  "('managers','clients','trades','interactions','scoring_runs',"
                                  "'scores','settings','audit_log')"), ==, 8);
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = awb_database_open (f->path, &error);
  gint64 id;

  g_assert_no_error (error);
  id = awb_database_ensure_manager (db, "王芳", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (awb_database_ensure_manager (db, "王芳", &error), ==, id);
  g_clear_object (&db);

  db = awb_database_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM managers"), ==, 1);
}

static void
test_newer_schema_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = awb_database_open (f->path, &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize len_before, len_after;
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d",
                                           AWB_DATABASE_SCHEMA_VERSION + 1);

  g_assert_no_error (error);
  /* A newer version wrote this file: rollback journal, higher user_version. */
  g_assert_true (awb_database_exec (db, "PRAGMA journal_mode = DELETE", &error));
  g_assert_true (awb_database_exec (db, bump, &error));
  g_clear_object (&db);

  g_assert_true (g_file_get_contents (f->path, &before, &len_before, NULL));
  db = awb_database_open (f->path, &error);
  g_assert_null (db);
  g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_assert_nonnull (strstr (error->message, f->path));

  /* untouched: same bytes, still not WAL */
  g_assert_true (g_file_get_contents (f->path, &after, &len_after, NULL));
  g_assert_cmpmem (before, len_before, after, len_after);
  {
    g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
}

static void
test_not_a_book (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (f->path, "client_id,name\n1,Li\n", -1, NULL));
  db = awb_database_open (f->path, &error);
  g_assert_null (db);
  g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_A_BOOK);
}

static void
test_constraints (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = awb_database_open (f->path, &error);

  g_assert_no_error (error);
  /* foreign keys are enforced: a trade for no client is refused */
  g_assert_false (awb_database_exec (db,
                                     "INSERT INTO trades (client_id, trade_date, commission, amount,"
                                     " trade_no) VALUES (99, 0, 0, 0, 'T1')", &error));
  g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  /* a failed transaction leaves nothing behind */
  g_assert_true (awb_database_begin (db, &error));
  g_assert_true (awb_database_exec (db, "INSERT INTO clients (client_no, name) VALUES ('1', 'A')",
                                    &error));
  g_assert_false (awb_database_exec (db, "INSERT INTO clients (client_no, name) VALUES ('1', 'B')",
                                     &error));
  g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_INVALID);
  awb_database_rollback (db);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM clients"), ==, 0);
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = awb_database_open (f->path, &error);
  g_autofree char *missing = NULL;
  g_autofree char *value = NULL;

  g_assert_no_error (error);
  missing = awb_database_get_setting (db, "no.such.key");
  g_assert_null (missing);
  g_assert_true (awb_database_put_setting (db, "test.key", "1", &error));
  g_assert_true (awb_database_put_setting (db, "test.key", "2", &error));
  value = awb_database_get_setting (db, "test.key");
  g_assert_cmpstr (value, ==, "2");
}

static void
check_text (AwbDatabase *db,
            const char  *sql,
            const char  *expected)
{
  g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, expected);
}

/* A book of schema 1 (tests/store/schema-1.sql) is brought to schema 4.
 * Schema 2: its scores keep every value under the new key run_id * 2^32 +
 * client_id, deleting a run still deletes its scores, and the scan packs
 * table and its triggers exist.  Schema 3: every client gets its name's
 * keys (王建华 reads "wang jian hua"; ICU's "zh" collation orders Han
 * characters before Latin letters, so 王建华 sorts before "b"), a name
 * changed by another program loses its keys until they are made again,
 * and scores have a first_action column.  Schema 4: the old scores have
 * no commission_12m (NULL), the run statistics tables exist and deleting
 * a run deletes its statistics and the migrations counted from it. */
static void
test_migrate_1 (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *schema_path = g_test_build_filename (G_TEST_DIST, "store", "schema-1.sql", NULL);
  g_autofree char *schema = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *raw = NULL;
  static const struct { gint64 run, client, r; double tier_score; } expected[] = {
    { 1, 1, 5, -1 }, { 1, 7, 2, 12.5 }, { 2, 7, 1, -1 },
  };
  guint row = 0;

  g_assert_true (g_file_get_contents (schema_path, &schema, NULL, NULL));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, schema, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw,
                                 "INSERT INTO clients (id, client_no, name) VALUES (1, 'A', '王建华'), (7, 'B', 'b');"
                                 "INSERT INTO scoring_runs (id, created_at, as_of, settings)"
                                 " VALUES (1, 'x', 20000, ''), (2, 'y', 20001, '');"
                                 "INSERT INTO scores (run_id, client_id, r_score, tier_score) VALUES"
                                 " (2, 7, 1, NULL), (1, 7, 2, 12.5), (1, 1, 5, NULL);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  db = awb_database_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 5);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'scan_packs'"),
                   ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"),
                   ==, 16);
  stmt = awb_database_prepare (db, "SELECT id, run_id, client_id, r_score, tier_score FROM scores"
                               " ORDER BY id", &error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpuint (row, <, G_N_ELEMENTS (expected));
      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==,
                       expected[row].run * 4294967296 + expected[row].client);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, expected[row].run);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 2), ==, expected[row].client);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, expected[row].r);
      if (expected[row].tier_score < 0)
        g_assert_cmpint (sqlite3_column_type (stmt, 4), ==, SQLITE_NULL);
      else
        g_assert_cmpfloat (sqlite3_column_double (stmt, 4), ==, expected[row].tier_score);
      row++;
    }
  g_assert_cmpuint (row, ==, 3);

  /* schema 4 */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM scores WHERE commission_12m IS NULL"), ==, 3);
  g_assert_true (awb_database_exec (db,
                                    "INSERT INTO run_stats VALUES (1, 0, 'tier', 'vip', '', 1, 0, 0, 0, 0, 0, 0, 0, 0),"
                                    " (2, 0, 'tier', 'key', '', 1, 0, 0, 0, 0, 0, 0, 0, 0);"
                                    "INSERT INTO run_kpis VALUES (1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),"
                                    " (2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);"
                                    "INSERT INTO run_migrations VALUES (2, 1, 0, 'tiers', 'vip', 'key', 1);",
                                    &error));
  g_assert_no_error (error);
  g_assert_true (awb_database_exec (db, "DELETE FROM scoring_runs WHERE id = 1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM run_stats"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT run_id FROM run_kpis"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM run_migrations"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM scores"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT run_id FROM scores"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count(first_action) FROM scores"), ==, 0);

  /* schema 3: the keys */
  check_text (db, "SELECT pinyin FROM clients WHERE id = 1", "wang jian hua");
  check_text (db, "SELECT pinyin FROM clients WHERE id = 7", "b");
  check_text (db, "SELECT group_concat (client_no, ',') FROM"
                  " (SELECT client_no FROM clients ORDER BY name_key)", "A,B");
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM book_meta WHERE key = 'name_keys'"
                                  " AND value = awb_name_keys_version ()"), ==, 1);
  /* another program renames B: its keys go; making them again reads the new name */
  g_assert_true (awb_database_exec (db, "UPDATE clients SET name = '曾伟' WHERE id = 7", &error));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM clients WHERE name_key IS NULL"
                                  " AND pinyin IS NULL"), ==, 1);
  g_assert_true (awb_database_refresh_name_keys (db, &error));
  g_assert_no_error (error);
  check_text (db, "SELECT pinyin FROM clients WHERE id = 7", "zeng wei");
  /* a writer that keeps the keys itself is left alone */
  g_assert_true (awb_database_exec (db, "UPDATE clients SET name = 'Li', name_key = x'01',"
                                        " pinyin = 'li' WHERE id = 7", &error));
  check_text (db, "SELECT hex (name_key) || pinyin FROM clients WHERE id = 7", "01li");
}

/* Sets @path's user_version to @version with SQLite itself, in a rollback
 * journal (as another program would leave it), and returns the file's
 * bytes. */
static char *
set_user_version (const char *path,
                  int         version,
                  gsize      *len)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA journal_mode = DELETE; PRAGMA user_version = %d",
                                          version);
  sqlite3 *raw = NULL;
  char *bytes = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
  g_assert_true (g_file_get_contents (path, &bytes, len, NULL));
  return bytes;
}

/* A schema-4 book (made here as a new book less what migration 5 adds)
 * opens as schema 5 with every row kept, not attached to any server, and
 * records no change until it is: the outbox triggers wait for sync_state. */
static void
test_migrate_4 (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AwbDatabase *db = awb_database_open (f->path, &error);
  sqlite3 *raw = NULL;

  g_assert_no_error (error);
  g_assert_true (awb_database_exec (db,
                                    "INSERT INTO managers (id, name) VALUES (3, '李娜');"
                                    "INSERT INTO clients (id, client_no, name, phone, manager_id) VALUES"
                                    " (1, 'A1', '王建华', '13800000001', 3), (2, 'A2', '赵敏', NULL, NULL);"
                                    "INSERT INTO trades (client_id, trade_date, commission, amount, trade_no)"
                                    " VALUES (1, 19000, 500, 100000, 'T1'), (2, 19001, -20, 3000, 'T2');"
                                    "INSERT INTO interactions (client_id, date, kind, notes) VALUES (1, 19002, 'call', '回访');"
                                    "INSERT INTO audit_log (at, who, client_id, field, old_value, new_value)"
                                    " VALUES ('2026-01-01T00:00:00Z', 'li', 1, 'phone', NULL, '13800000001');",
                                    &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw,
                                 "DROP TRIGGER clients_outbox; DROP TRIGGER interactions_outbox_insert;"
                                 "DROP TRIGGER interactions_outbox_update; DROP TRIGGER interactions_outbox_delete;"
                                 "DROP TRIGGER audit_log_outbox; DROP TABLE sync_state; DROP TABLE sync_pulling;"
                                 "DROP TABLE sync_outbox; DROP TABLE sync_conflicts; PRAGMA user_version = 4;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  db = awb_database_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 5);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM clients"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM clients WHERE id = 1 AND phone = '13800000001'"
                                  " AND name = '王建华' AND manager_id = 3"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT sum(commission) FROM trades"), ==, 480);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM interactions WHERE notes = '回访'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit_log"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM managers WHERE name = '李娜'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sync_state"), ==, 0);

  /* not attached: edits are not recorded */
  g_assert_true (awb_database_exec (db, "UPDATE clients SET phone = '1' WHERE id = 1;"
                                        "INSERT INTO interactions (client_id, date, kind) VALUES (2, 19003, 'visit');",
                                    &error));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sync_outbox"), ==, 0);

  /* attached: the phone edit records one change with the value it replaced;
   * an edit that changes nothing records none; the new interaction one */
  g_assert_true (awb_database_exec (db, "INSERT INTO sync_state (id, server, user, role, book_id)"
                                        " VALUES (1, 'postgresql://h/db', 'li', 'manager', 'x');"
                                        "UPDATE clients SET phone = '2', q_job = 3 WHERE id = 1;"
                                        "UPDATE clients SET phone = '2' WHERE id = 1;"
                                        "INSERT INTO interactions (client_id, date, kind) VALUES (2, 19004, 'visit');",
                                    &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sync_outbox"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sync_outbox WHERE tbl = 'clients' AND row_id = 1"
                                  " AND field = 'phone' AND old_value = '1' AND new_value = '2' AND op = 'update'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sync_outbox WHERE field = 'q_job' AND old_value IS NULL"
                                  " AND new_value = 3"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sync_outbox WHERE tbl = 'interactions' AND op = 'insert'"), ==, 1);

  /* while the sync writes pulled rows, nothing is recorded */
  g_assert_true (awb_database_exec (db, "INSERT INTO sync_pulling VALUES (1);"
                                        "UPDATE clients SET phone = '3' WHERE id = 1;"
                                        "DELETE FROM sync_pulling;", &error));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sync_outbox"), ==, 3);
  g_clear_object (&db);
}

/* A user_version no schema has is refused, naming the file and the number,
 * and nothing is written: -1 (no version ever wrote a negative one) and
 * 999 (newer than 5). */
static void
test_version_out_of_range (Fixture       *f,
                           gconstpointer  data)
{
  static const struct { int version; int code; const char *message; } cases[] = {
    { -1, AWB_DATABASE_ERROR_NOT_A_BOOK, "has the schema version -1, which no version of "
      "Advisor Workbench writes: it is damaged or not a book. It was not changed." },
    { 999, AWB_DATABASE_ERROR_NEWER_SCHEMA, "was written by a newer version of Advisor "
      "Workbench (schema 999; this version reads up to 5). It was not changed; open it with "
      "the newer version." },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = awb_database_open (f->path, &error);

  g_assert_no_error (error);
  g_assert_true (awb_database_exec (db, "INSERT INTO managers (name) VALUES ('王芳')", &error));
  g_clear_object (&db);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      gsize len_before, len_after;

      before = set_user_version (f->path, cases[i].version, &len_before);
      db = awb_database_open (f->path, &error);
      g_assert_null (db);
      g_assert_error (error, AWB_DATABASE_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, f->path));
      g_assert_nonnull (strstr (error->message, cases[i].message));
      g_clear_error (&error);

      g_assert_true (g_file_get_contents (f->path, &after, &len_after, NULL));
      g_assert_cmpmem (before, len_before, after, len_after);
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    }
}

#define N_PROCESSES 8
#define N_TRIALS 20

/* N_PROCESSES programs create the same new book at the same moment (they
 * wait on one pipe, closed when all are ready), N_TRIALS times: every one
 * opens it, and the book has schema 4, its eight first tables once, and
 * each setting's default once. */
static void
test_create_race (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = awb_database_open (f->path, &error);
  gint64 n_settings;

  /* the number of settings a new book holds, from a book made alone */
  g_assert_no_error (error);
  n_settings = query_int (db, "SELECT count(*) FROM settings");
  g_assert_cmpint (n_settings, >, 10);
  g_clear_object (&db);

  for (int trial = 0; trial < N_TRIALS; trial++)
    {
      g_autofree char *path = g_strdup_printf ("%s/race-%d/book.sqlite", f->dir, trial);
      GPid children[N_PROCESSES];
      int go[2];
      guint n_failed = 0;

      g_assert_cmpint (pipe (go), ==, 0);
      for (int i = 0; i < N_PROCESSES; i++)
        {
          children[i] = fork ();
          g_assert_cmpint (children[i], >=, 0);
          if (children[i] == 0)
            {
              AwbDatabase *child_db;
              GError *child_error = NULL;
              char c;

              close (go[1]);
              while (read (go[0], &c, 1) < 0)
                ;
              child_db = awb_database_open (path, &child_error);
              if (child_db == NULL)
                {
                  g_printerr ("trial %d, process %d: %s\n", trial, i, child_error->message);
                  _exit (1);
                }
              _exit (0);
            }
        }
      close (go[0]);
      close (go[1]);   /* go */
      for (int i = 0; i < N_PROCESSES; i++)
        {
          int status = 0;

          g_assert_cmpint (waitpid (children[i], &status, 0), ==, children[i]);
          if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
            n_failed++;
        }
      g_assert_cmpuint (n_failed, ==, 0);

      db = awb_database_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 5);
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
                                      "name IN ('managers','clients','trades','interactions',"
                                      "'scoring_runs','scores','settings','audit_log')"), ==, 8);
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM settings"), ==, n_settings);
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM book_meta"), ==, 1);
      g_clear_object (&db);
    }
}

/* Overwrites 64 bytes in the middle of the clients table's first page. */
static void
damage_clients (const char *path)
{
  g_autofree char *bytes = NULL;
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 root, page_size;
  gsize len;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT (SELECT rootpage FROM sqlite_schema WHERE "
                                            "name = 'clients'), (SELECT page_size FROM "
                                            "pragma_page_size)", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  root = sqlite3_column_int64 (stmt, 0);
  page_size = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);

  g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
  g_assert_cmpint ((gint64) len, >=, root * page_size);
  memset (bytes + (root - 1) * page_size, 0x5a, 64);
  g_assert_true (g_file_set_contents (path, bytes, (gssize) len, NULL));
}

/* A sound book passes the check; one whose clients page is overwritten
 * fails it with a message naming the file and asking for a backup. */
static void
test_integrity (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = awb_database_open (f->path, &error);

  g_assert_no_error (error);
  g_assert_true (awb_database_exec (db, "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                                        "FROM n WHERE i < 500) INSERT INTO clients (client_no, name) "
                                        "SELECT printf ('C%04d', i), 'Name ' || i FROM n", &error));
  g_assert_true (awb_database_check_integrity (db, &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  damage_clients (f->path);
  db = awb_database_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (awb_database_check_integrity (db, &error));
  g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_A_BOOK);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_nonnull (strstr (error->message, "is damaged"));
  g_assert_nonnull (strstr (error->message, "restore it from a backup"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/awb/database/create", Fixture, NULL, fixture_setup, test_create, fixture_teardown);
  g_test_add ("/awb/database/migrate-1", Fixture, NULL, fixture_setup, test_migrate_1,
              fixture_teardown);
  g_test_add ("/awb/database/migrate-4", Fixture, NULL, fixture_setup, test_migrate_4,
              fixture_teardown);
  g_test_add ("/awb/database/reopen", Fixture, NULL, fixture_setup, test_reopen, fixture_teardown);
  g_test_add ("/awb/database/newer-schema-refused", Fixture, NULL, fixture_setup,
              test_newer_schema_refused, fixture_teardown);
  g_test_add ("/awb/database/not-a-book", Fixture, NULL, fixture_setup, test_not_a_book,
              fixture_teardown);
  g_test_add ("/awb/database/constraints", Fixture, NULL, fixture_setup, test_constraints,
              fixture_teardown);
  g_test_add ("/awb/database/settings", Fixture, NULL, fixture_setup, test_settings,
              fixture_teardown);
  g_test_add ("/awb/database/version-out-of-range", Fixture, NULL, fixture_setup,
              test_version_out_of_range, fixture_teardown);
  g_test_add ("/awb/database/create-race", Fixture, NULL, fixture_setup, test_create_race,
              fixture_teardown);
  g_test_add ("/awb/database/integrity", Fixture, NULL, fixture_setup, test_integrity,
              fixture_teardown);

  return g_test_run ();
}
