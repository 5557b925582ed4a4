/* io-test-utils.h: helpers shared by the io tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-database.h"
#include "awb-import.h"
#include "book-fixture.h"

G_BEGIN_DECLS

char    *fixture_path           (const char    *name);
void     import_ok              (AwbDatabase   *db,
                                 AwbTableKind   kind,
                                 const char    *fixture);
gint64   query_int              (AwbDatabase   *db,
                                 const char    *sql);
char    *query_text             (AwbDatabase   *db,
                                 const char    *sql);
char    *book_checksum          (AwbDatabase   *db);
char    *table_dump             (AwbDatabase   *db,
                                 const char    *sql);

G_END_DECLS
