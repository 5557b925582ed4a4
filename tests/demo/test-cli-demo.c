/* test-cli-demo.c: advisor-workbench-cli demo, run as a program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The path of the command line program is the first argument (meson passes
 * it).  Exit status: 0 done, 1 the book refused or failed, 2 bad usage.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "awb-database.h"

static const char *cli_path;
static char *tmp_root;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run        *run,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) cli_path);
  g_ptr_array_add (argv, (gpointer) "demo");
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static char *
new_book_path (const char *name)
{
  return g_build_filename (tmp_root, name, NULL);
}

static gint64
count_rows (const char *path,
            const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = awb_database_open (path, &error);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_no_error (error);
  stmt = awb_database_prepare (db, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
test_generates (void)
{
  g_autofree char *path = new_book_path ("generates.sqlite");
  g_auto(Run) run = { 0 };
  g_auto(Run) again = { 0 };

  run_cli (&run, "--db", path, "--clients", "200", "--trades", "777", "--seed", "5",
           "--end-date", "2026-11-23", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "200 clients"));
  g_assert_nonnull (strstr (run.out, "777 trades"));
  g_assert_nonnull (strstr (run.out, "2026-11-23"));
  g_assert_cmpint (count_rows (path, "clients"), ==, 200);
  g_assert_cmpint (count_rows (path, "trades"), ==, 777);
  g_assert_cmpint (count_rows (path, "managers"), ==, 8);

  /* A second run into the same book is refused and changes nothing. */
  run_cli (&again, "--db", path, "--clients", "10", NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "already holds clients"));
  g_assert_cmpint (count_rows (path, "clients"), ==, 200);
  g_assert_cmpint (count_rows (path, "trades"), ==, 777);
}

static void
test_quiet (void)
{
  g_autofree char *path = new_book_path ("quiet.sqlite");
  g_auto(Run) run = { 0 };

  run_cli (&run, "--db", path, "--clients", "20", "--quiet", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpint (count_rows (path, "clients"), ==, 20);
}

/* Bad values: exit 2, a message naming the option and the value, no book. */
static void
test_bad_usage (void)
{
  struct { const char *option; const char *value; const char *expect; } cases[] = {
    { "--clients", "abc", "abc" },
    { "--clients", "0", "--clients" },
    { "--clients", "-5", "-5" },
    { "--trades", "1e6", "1e6" },
    { "--seed", "x1", "x1" },
    { "--end-date", "2026-02-30", "2026-02-30" },
    { "--end-date", "23/11/2026", "23/11/2026" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("bad-%u.sqlite", i);
      g_autofree char *path = new_book_path (name);
      g_auto(Run) run = { 0 };

      run_cli (&run, "--db", path, cases[i].option, cases[i].value, NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, cases[i].expect));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  cli_path = argv[1];

  tmp_root = g_dir_make_tmp ("awb-test-cli-demo-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/awb/cli/demo/generates", test_generates);
  g_test_add_func ("/awb/cli/demo/quiet", test_quiet);
  g_test_add_func ("/awb/cli/demo/bad-usage", test_bad_usage);

  ret = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmp_root, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_root, name, NULL);
        g_unlink (path);
      }
  }
  g_rmdir (tmp_root);
  g_free (tmp_root);
  return ret;
}
