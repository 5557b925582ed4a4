/* book-fixture.c: a new, empty book in a folder of its own, for a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "book-fixture.h"

void
book_fixture_setup (BookFixture   *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("awb-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "book.sqlite", NULL);
  f->db = awb_database_open (f->path, &error);
  g_assert_no_error (error);
}

void
book_fixture_teardown (BookFixture   *f,
                       gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_clear_object (&f->db);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
  g_free (f->path);
}
