/* pg-fixture.h: a new database on the throwaway cluster of with-pg
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-server.h"

G_BEGIN_DECLS

/* AWB_TEST_PG_URI, or NULL (the test is then skipped: run under with-pg). */
const char *pg_fixture_base_uri  (void);
/* Creates the database @name (dropping one left over) and returns the
 * superuser's URI of it. */
char       *pg_fixture_create_db (const char *name);
/* A login's URI of database @name on the same cluster. */
char       *pg_fixture_user_uri  (const char *name,
                                  const char *login,
                                  const char *password);
void        pg_fixture_drop_db   (const char *name);
/* Runs SQL as the superuser on @uri, failing the test on an error. */
void        pg_fixture_exec      (const char *uri,
                                  const char *sql);

G_END_DECLS
