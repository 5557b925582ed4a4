/* test-report.c: the PDF report's contract: written whole, in a thread,
 * or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "awb-date.h"
#include "awb-demo.h"
#include "awb-report.h"
#include "awb-scoring.h"
#include "book-fixture.h"

/* A demo branch of 300 clients, scored twice. */
static void
scored_setup (BookFixture   *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AwbDemoOptions demo;
  AwbScoreOptions options;
  AwbScoreResult result;

  book_fixture_setup (f, data);
  awb_demo_options_init (&demo);
  demo.n_clients = 300;
  demo.seed = 5;
  demo.end_date = awb_date_from_ymd (2026, 6, 30);
  g_assert_true (awb_demo_generate (f->db, &demo, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  awb_score_options_init (&options, awb_date_from_ymd (2026, 3, 31));
  g_assert_true (awb_scoring_score_book (f->db, &options, NULL, NULL, NULL, &result, &error));
  awb_score_options_init (&options, awb_date_from_ymd (2026, 6, 30));
  g_assert_true (awb_scoring_score_book (f->db, &options, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
}

static char *
read_file (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static void
test_write (BookFixture   *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_files = 0;

  g_assert_true (awb_report_write_pdf (f->db, pdf, AWB_DASHBOARD_LATEST, AWB_DASHBOARD_PREVIOUS,
                                       0, NULL, &error));
  g_assert_no_error (error);
  contents = read_file (pdf);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  /* no temporary file is left beside it */
  dir = g_dir_open (f->dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, "report.pdf") != NULL)
      n_files++;
  g_assert_cmpuint (n_files, ==, 1);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;

  g_assert_true (g_task_get_source_tag (G_TASK (result)) == awb_report_write_pdf_async);
  if (!awb_report_write_pdf_finish (result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, 0, "ok");  /* marks the end */
}

static GError *
write_async (BookFixture  *f,
             const char   *pdf,
             gint64        manager_id,
             GCancellable *cancellable)
{
  GError *error = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();

  g_main_context_push_thread_default (context);
  awb_report_write_pdf_async (f->path, pdf, AWB_DASHBOARD_LATEST, AWB_DASHBOARD_PREVIOUS,
                              manager_id, cancellable, written_cb, &error);
  while (error == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
  return error;
}

static void
test_async (BookFixture   *f,
            gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "async.pdf", NULL);
  g_autoptr(GError) error = write_async (f, pdf, 0, NULL);
  g_autofree char *contents = NULL;

  g_assert_cmpstr (error->message, ==, "ok");
  contents = read_file (pdf);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
}

/* A file that cannot be written is named; a cancelled report leaves the
 * file it would have replaced as it was. */
static void
test_failures (BookFixture   *f,
               gconstpointer  data)
{
  g_autofree char *bad = g_build_filename (f->dir, "no", "such", "folder", "r.pdf", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "kept.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *contents = NULL;

  g_assert_false (awb_report_write_pdf (f->db, bad, AWB_DASHBOARD_LATEST, AWB_DASHBOARD_PREVIOUS,
                                        0, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, bad));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (pdf, "old", -1, NULL));
  g_cancellable_cancel (cancellable);
  error = write_async (f, pdf, 0, cancellable);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  contents = read_file (pdf);
  g_assert_cmpstr (contents, ==, "old");
  g_clear_error (&error);

  /* a manager the book does not have */
  g_assert_false (awb_report_write_pdf (f->db, pdf, AWB_DASHBOARD_LATEST, AWB_DASHBOARD_PREVIOUS,
                                        9999, NULL, &error));
  g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_FOUND);
}

static void
test_no_run (BookFixture   *f,
             gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "none.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (awb_report_write_pdf (f->db, pdf, AWB_DASHBOARD_LATEST, AWB_DASHBOARD_PREVIOUS,
                                        0, NULL, &error));
  g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/awb/report/write", BookFixture, NULL, scored_setup, test_write,
              book_fixture_teardown);
  g_test_add ("/awb/report/async", BookFixture, NULL, scored_setup, test_async,
              book_fixture_teardown);
  g_test_add ("/awb/report/failures", BookFixture, NULL, scored_setup, test_failures,
              book_fixture_teardown);
  g_test_add ("/awb/report/no-run", BookFixture, NULL, book_fixture_setup, test_no_run,
              book_fixture_teardown);
  return g_test_run ();
}
