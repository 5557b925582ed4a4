/* awb-server-copy.h: reading a branch table into a book with binary COPY
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading a big branch (a manager's share, or all of it for a scoring run)
 * row by row through libpq costs a text conversion and a result set held
 * whole in memory; COPY ... TO STDOUT (FORMAT binary) streams the rows in
 * PostgreSQL's binary form, decoded here straight into prepared SQLite
 * inserts.
 */
#pragma once

#include <gio/gio.h>

#include "awb-database.h"
#include "awb-server.h"

G_BEGIN_DECLS

typedef enum { AWB_COPY_INT8, AWB_COPY_FLOAT8, AWB_COPY_TEXT } AwbCopyType;

/* Runs "COPY (select_sql) TO STDOUT (FORMAT binary)" — select_sql must cast every column to
 * bigint, double precision or text in the order of @types — and inserts each row into the book
 * with @insert_sql (an SQLite statement with n_columns '?' parameters), in the caller's
 * transaction.  NULLs stay NULL.  Returns rows copied in *n_rows. */
gboolean awb_server_copy_to_book (AwbServer *server, const char *select_sql,
                                  const AwbCopyType *types, guint n_columns,
                                  AwbDatabase *db, const char *insert_sql,
                                  gint64 *n_rows, GCancellable *cancellable, GError **error);

G_END_DECLS
