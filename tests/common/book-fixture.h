/* book-fixture.h: a new, empty book in a folder of its own, for a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-database.h"

G_BEGIN_DECLS

typedef struct
{
  char        *dir;
  char        *path;
  AwbDatabase *db;
} BookFixture;

void     book_fixture_setup     (BookFixture   *f,
                                 gconstpointer  data);
void     book_fixture_teardown  (BookFixture   *f,
                                 gconstpointer  data);

G_END_DECLS
