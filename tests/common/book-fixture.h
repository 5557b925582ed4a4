/* book-fixture.h: a new, empty book in a folder of its own, for a test;
 * and the one-value queries tests read a book with
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

gint64   book_query_int         (AwbDatabase   *db,
                                 const char    *sql);
double   book_query_double      (AwbDatabase   *db,
                                 const char    *sql);
char    *book_query_text        (AwbDatabase   *db,
                                 const char    *sql);

G_END_DECLS
