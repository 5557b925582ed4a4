/* awb-io-private.h: the columns of the CSV interchange format (spec §11),
 * shared by the importer and the exporter (private to app/io)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-codes.h"
#include "awb-import.h"

G_BEGIN_DECLS

typedef enum {
  AWB_COL_TEXT,     /* text; trimmed, except notes (keep_blanks) */
  AWB_COL_KEY,      /* the row's id: clients.client_no, trades.trade_no */
  AWB_COL_CLIENT,   /* client_id of a trade or interaction: a client of the book */
  AWB_COL_DATE,     /* INTEGER day number */
  AWB_COL_MONEY,    /* INTEGER fen, never negative */
  AWB_COL_INT,      /* INTEGER in [min, max] */
  AWB_COL_REAL,     /* REAL in [min, max] */
  AWB_COL_ENUM,     /* TEXT code of an awb-codes kind */
  AWB_COL_RISK,     /* product risk R1..R5, stored 1..5 */
  AWB_COL_FLAG,     /* INTEGER 0 or 1 */
  AWB_COL_MANAGER,  /* the manager's name; stored as managers.id */
} AwbColType;

typedef struct
{
  const char  *name;          /* English header name */
  const char  *chinese;       /* Chinese header name, or NULL */
  AwbColType   type;
  guint        required : 1;
  guint        keep_blanks : 1;
  guint        has_default : 1;  /* NOT NULL DEFAULT: an empty value stores the default */
  gint64       default_value;
  AwbCodeKind  kind;          /* AWB_COL_ENUM */
  int          min, max;      /* AWB_COL_INT, AWB_COL_REAL */
  const char  *db_column;     /* column written by the importer */
  const char  *select;        /* expression read by the exporter */
} AwbColumn;

typedef struct
{
  AwbTableKind     kind;
  const char      *table;     /* "trades" */
  const char      *from;      /* FROM clause of the exporter's SELECT */
  const char      *id_expr;   /* the row id in that SELECT, e.g. "t.id" */
  const AwbColumn *columns;
  guint            n_columns;
} AwbTableDef;

/* A value as bound to or read from SQLite: type is SQLITE_NULL,
 * SQLITE_INTEGER, SQLITE_FLOAT or SQLITE_TEXT.  An AWB_COL_CLIENT value
 * has both i (clients.id) and s (the account number). */
typedef struct
{
  int          type;
  gint64       i;
  double       d;
  const char  *s;
} AwbValue;

#define AWB_VALUE_TEXT_SIZE 64

const AwbTableDef *_awb_io_table_def          (AwbTableKind      kind);
char              *_awb_io_build_select       (const AwbTableDef *def,
                                              const char        *where);
char              *_awb_io_shown              (const char        *text);
gboolean           _awb_io_parse_value        (const AwbColumn   *col,
                                              const char        *label,
                                              const char        *text,
                                              GHashTable        *clients,
                                              AwbValue          *v,
                                              GError           **error);
void               _awb_io_bind_value         (sqlite3_stmt      *stmt,
                                              int                k,
                                              const AwbValue    *v,
                                              gboolean           copy);
const char        *_awb_io_value_to_text      (const AwbColumn   *col,
                                              const AwbValue    *value,
                                              char               buf[AWB_VALUE_TEXT_SIZE]);
void               _awb_io_value_from_column  (const AwbColumn   *col,
                                              sqlite3_stmt      *stmt,
                                              int                i,
                                              AwbValue          *value);

G_END_DECLS
