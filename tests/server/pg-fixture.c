/* pg-fixture.c: a new database on the throwaway cluster of with-pg
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pg-fixture.h"

#include <string.h>

const char *
pg_fixture_base_uri (void)
{
  return g_getenv ("AWB_TEST_PG_URI");
}

static void
exec_on_maintenance (const char *sql)
{
  g_autofree char *uri = g_strdup_printf ("%s/postgres", pg_fixture_base_uri ());
  pg_fixture_exec (uri, sql);
}

char *
pg_fixture_create_db (const char *name)
{
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", name);

  exec_on_maintenance (drop);
  exec_on_maintenance (create);
  return g_strdup_printf ("%s/%s", pg_fixture_base_uri (), name);
}

char *
pg_fixture_user_uri (const char *name,
                     const char *login,
                     const char *password)
{
  const char *base = pg_fixture_base_uri ();
  const char *at = strchr (base, '@');

  g_assert_nonnull (at);
  return g_strdup_printf ("postgresql://%s:%s%s/%s", login, password, at, name);
}

void
pg_fixture_drop_db (const char *name)
{
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
  exec_on_maintenance (drop);
}

void
pg_fixture_exec (const char *uri,
                 const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbServer) server = awb_server_connect (uri, NULL, &error);

  g_assert_no_error (error);
  awb_server_exec (server, sql, &error);
  g_assert_no_error (error);
}
