/* test-cli-io.c: advisor-workbench-cli import and export, run as a program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "io-test-utils.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

/* Runs the CLI with the NULL-terminated arguments; the exit status is
 * r->status. */
static void
run_cli (Run *r,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("AWB_CLI");
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, r);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  run_clear (r);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &r->out, &r->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r->status = WEXITSTATUS (wait_status);
}

static void
test_import_bad_file (BookFixture   *f,
                      gconstpointer  data)
{
  g_autofree char *clients = fixture_path ("clients.csv");
  g_autofree char *bad = fixture_path ("trades-bad-date.csv");
  g_autofree char *expected_out = g_strdup_printf ("Imported 3 rows from %s\n", clients);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(AwbDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  Run r = { 0 };

  g_clear_object (&f->db);
  run_cli (&r, "import", "--db", f->path, "--clients", clients, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, expected_out);
  g_assert_cmpstr (r.err, ==, "");

  db = awb_database_open (f->path, &error);
  g_assert_no_error (error);
  before = book_checksum (db);

  run_cli (&r, "import", "--db", f->path, "--trades", bad, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_cmpstr (r.err, ==, "advisor-workbench-cli import: trades-bad-date.csv:2: column "
                              "“trade_date”: “2023-02-29” is not a date that exists (YYYY-MM-DD)\n");
  after = book_checksum (db);
  g_assert_cmpstr (after, ==, before);
  run_clear (&r);
}

static void
test_import_warning (BookFixture   *f,
                     gconstpointer  data)
{
  g_autofree char *clients = fixture_path ("clients.csv");
  g_autofree char *trades = fixture_path ("trades-unknown-column.csv");
  Run r = { 0 };

  g_clear_object (&f->db);
  run_cli (&r, "import", "--db", f->path, "--clients", clients, NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_cli (&r, "import", "--db", f->path, "--trades", trades, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "advisor-workbench-cli import: warning: trades-unknown-column.csv:1: "
                              "unknown column “broker” ignored\n");
  run_clear (&r);
}

static void
test_usage_errors (BookFixture   *f,
                   gconstpointer  data)
{
  g_autofree char *clients = fixture_path ("clients.csv");
  Run r = { 0 };

  run_cli (&r, "import", "--db", f->path, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.err, ==, "advisor-workbench-cli import: give exactly one of --clients, "
                              "--trades or --interactions\n");
  run_cli (&r, "import", "--db", f->path, "--clients", clients, "--trades", clients, NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_cli (&r, "export", "accounts", "--db", f->path, "--output", "x.csv", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.err, ==, "advisor-workbench-cli export: unknown table “accounts”: expected "
                              "clients, trades, interactions or scores\n");
  run_cli (&r, "export", "clients", "--db", f->path, "--output", "x.csv", "--encoding", "latin1",
           NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_cmpstr (r.err, ==, "advisor-workbench-cli export: unknown encoding “latin1”: expected "
                              "utf8-bom, utf8 or gb18030\n");
  run_clear (&r);
}

static void
test_export (BookFixture   *f,
             gconstpointer  data)
{
  g_autofree char *output = g_build_filename (f->dir, "interactions.csv", NULL);
  g_autofree char *expected_out = g_strdup_printf ("Exported 3 rows to %s\n", output);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  Run r = { 0 };

  import_ok (f->db, AWB_TABLE_CLIENTS, "clients.csv");
  import_ok (f->db, AWB_TABLE_INTERACTIONS, "interactions.csv");
  g_clear_object (&f->db);

  run_cli (&r, "export", "interactions", "--db", f->path, "--output", output, "--encoding",
           "gb18030", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, expected_out);
  g_file_get_contents (output, &contents, NULL, &error);
  g_assert_no_error (error);
  /* pure ASCII here, so GB18030 and UTF-8 agree; no BOM */
  g_assert_cmpstr (contents, ==,
                   "client_id,date,kind,satisfaction,notes,follow_up_on,done\n"
                   "C001,2024-02-01,survey,4,\"Happy, asked about ETFs\",2024-03-01,0\n"
                   "C002,2024-02-02,call,,,,1\n"
                   "C001,2024-02-03,visit,,  spaces kept ,,0\n");
  run_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, BookFixture, NULL, book_fixture_setup, func, book_fixture_teardown)

  ADD ("/awb/cli/import-bad-file", test_import_bad_file);
  ADD ("/awb/cli/import-warning", test_import_warning);
  ADD ("/awb/cli/usage-errors", test_usage_errors);
  ADD ("/awb/cli/export", test_export);

  return g_test_run ();
}
