/* awb-database.h: one client book, stored in one SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "awb-types.h"

G_BEGIN_DECLS

#define AWB_DATABASE_ERROR (awb_database_error_quark ())

typedef enum {
  AWB_DATABASE_ERROR_OPEN,          /* cannot open or create the file */
  AWB_DATABASE_ERROR_NEWER_SCHEMA,  /* written by a newer version: refused, untouched */
  AWB_DATABASE_ERROR_NOT_A_BOOK,    /* not an SQLite file, or corrupt */
  AWB_DATABASE_ERROR_BUSY,          /* locked by another program */
  AWB_DATABASE_ERROR_FULL,          /* disk full */
  AWB_DATABASE_ERROR_READONLY,      /* file or folder not writable */
  AWB_DATABASE_ERROR_FAILED,        /* any other SQLite failure */
  AWB_DATABASE_ERROR_INVALID,       /* a value the book does not accept */
  AWB_DATABASE_ERROR_NOT_FOUND,     /* no such client, run, setting, ... */
} AwbDatabaseError;

/* The schema version this build writes; see awb-database.c for the history. */
#define AWB_DATABASE_SCHEMA_VERSION 5

/* How long a connection waits for another program's write lock. */
#define AWB_DATABASE_BUSY_TIMEOUT_MS 5000

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

#define AWB_TYPE_DATABASE (awb_database_get_type ())
G_DECLARE_FINAL_TYPE (AwbDatabase, awb_database, AWB, DATABASE, GObject)

GQuark        awb_database_error_quark      (void);
char         *awb_database_default_path     (void);
AwbDatabase  *awb_database_open             (const char   *path,
                                             GError      **error);
const char   *awb_database_get_path         (AwbDatabase  *self);
sqlite3      *awb_database_get_handle       (AwbDatabase  *self);
int           awb_database_get_schema_version (AwbDatabase *self);
gboolean      awb_database_check_integrity  (AwbDatabase  *self,
                                             GError      **error);

gboolean      awb_database_exec             (AwbDatabase  *self,
                                             const char   *sql,
                                             GError      **error);
sqlite3_stmt *awb_database_prepare          (AwbDatabase  *self,
                                             const char   *sql,
                                             GError      **error);
gboolean      awb_database_begin            (AwbDatabase  *self,
                                             GError      **error);
gboolean      awb_database_commit           (AwbDatabase  *self,
                                             GError      **error);
void          awb_database_rollback         (AwbDatabase  *self);
gboolean      awb_database_set_error        (AwbDatabase  *self,
                                             int           rc,
                                             GError      **error);
gboolean      awb_database_step             (AwbDatabase  *self,
                                             sqlite3_stmt *stmt,
                                             GError      **error);

gboolean      awb_database_refresh_name_keys (AwbDatabase *self,
                                             GError      **error);
gint64        awb_database_ensure_manager   (AwbDatabase  *self,
                                             const char   *name,
                                             GError      **error);

char         *awb_database_get_setting      (AwbDatabase  *self,
                                             const char   *key);
gboolean      awb_database_put_setting      (AwbDatabase  *self,
                                             const char   *key,
                                             const char   *value,
                                             GError      **error);

G_END_DECLS
