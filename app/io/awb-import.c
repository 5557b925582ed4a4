/* awb-import.c: CSV import of clients, trades and interactions (spec §11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This file checks every line of a CSV file against the interchange format
 * and writes the good ones into the book, in one transaction.
 *
 * NOTES ON THE DESIGN
 *
 *  (1) All or nothing.  The whole import runs in one transaction
 *      (BEGIN IMMEDIATE ... COMMIT).  A bad line, a cancel or any SQLite
 *      failure rolls it back; a crash leaves the last committed state (WAL).
 *      So the book after a failed import is exactly the book before it.
 *  (2) Every line is checked, not just up to the first bad one: the error
 *      lists up to MAX_REPORTED bad lines, one per line of the message
 *      ("trades.csv:17: column “trade_date”: ..."), then how many more.  A
 *      line with several bad fields is one bad line naming each of them.
 *      Columns are named as the file's header spells them.
 *  (3) The header maps the file's columns (English names, any case, or the
 *      Chinese names of §11; in any order) onto the format's.  A required
 *      column missing or a column given twice stops the import before any
 *      row is read; an unknown column is a warning and is ignored (the
 *      first MAX_WARNED_COLUMNS are named, then how many more); an empty
 *      header cell (Excel's trailing commas) is ignored silently.
 *  (4) Values: every field except notes is trimmed of blanks.  An empty
 *      optional field is unknown (NULL), except where the book's column has
 *      a default (aum, lowest_category, override_signed, done: 0).  A column
 *      absent from the file is not written: a new row gets the book's
 *      default, an existing client keeps its value.  Lines whose every field
 *      is empty are skipped (spreadsheets leave them).
 *  (5) Clients are matched by client_id (the account number): a new one is
 *      inserted; one already in the book is updated, each changed field
 *      writing an audit_log row (who = "import", old and new value as the
 *      format writes them).  Trades are matched by trade_id: one already in
 *      the book is skipped if the file's columns are identical, else it is a
 *      bad line.  Interactions have no id and are always appended.  An id
 *      given twice in one file is a bad line on its second occurrence.
 *  (6) Speed (a million trades): statements are prepared once and re-bound;
 *      account numbers resolve through a hash table filled once from the
 *      book; a trade_id already present is caught by the UNIQUE index
 *      (INSERT ... ON CONFLICT DO NOTHING) rather than by a query per line.
 *      New trades get consecutive rowids from first_new_id inside the
 *      transaction, so a conflict with a rowid at or past it is a duplicate
 *      within the file, whose first line is trade_lines[rowid - first_new_id].
 *  (7) Progress is reported from the calling thread when the file position
 *      has moved by 1/200 (at most ~200 calls); the GCancellable is polled
 *      every CHECK_EVERY lines.
 *  (8) The import is a bulk load of the store (awb-bulk-load.c): one
 *      transaction on a connection tuned for it, with the book's
 *      housekeeping (triggers, packed copies) left to the store.  Trades
 *      and interactions are only appended; a clients import may update
 *      clients and says so.
 *  (9) A file with more rows than the table (a first load) would insert
 *      into the secondary indexes in random order, one B-tree descent per
 *      row; the import tells the bulk load how many rows to expect (from
 *      the file's size), and the store builds those indexes once at the
 *      commit instead.
 * (10) The book's CHECK (x IN (...)) constraints build a small temporary
 *      table each time an INSERT statement runs, which made one INSERT per
 *      client cost more than the row itself.  New clients and interactions
 *      are therefore queued (their text copied) and written BATCH_ROWS rows
 *      per INSERT; the last, shorter batch is written before the indexes are
 *      rebuilt and the transaction commits.  Trades go the same way, with
 *      ON CONFLICT (trade_no) DO NOTHING: when a batch inserts fewer rows
 *      than it holds, each of its trade_ids is looked up; inserted trades
 *      got consecutive rowids, so a trade was inserted exactly when its
 *      trade_id has the next expected rowid, and any other is a conflict,
 *      settled as (5) says.  Before a bad line is counted, the queued rows
 *      are written, so bad lines are reported in file order.
 * (11) Plausibility, before a value is read: a NUL byte anywhere in a line
 *      makes it bad (the reader flags it); an id (client_id, trade_id, a
 *      trade's or interaction's client_id, manager) is trimmed like every
 *      field (4) of Unicode blanks too (U+00A0, U+3000, U+200B, a BOM left
 *      at a line's start) and must then hold no control (Cc) or format (Cf)
 *      character, nor be longer than MAX_ID_CHARS characters (a name,
 *      MAX_NAME_CHARS); a phone number is digits and “+-() ”; a birth date is
 *      not after the import's today (UTC).  Amounts are bounded by
 *      AWB_MONEY_MAX_FEN (awb-money.h).
 */
#define G_LOG_DOMAIN "awb-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "awb-csv-field.h"
#include "awb-csv-reader.h"
#include "awb-date.h"
#include "awb-import.h"
#include "awb-bulk-load.h"
#include "awb-io-private.h"
#include "awb-money.h"

#define MAX_REPORTED 100
#define MAX_WARNED_COLUMNS 20    /* (3): unknown columns named, then how many more */
#define MAX_ID_CHARS 64          /* (11) */
#define MAX_NAME_CHARS 100       /* (11) */
#define CHECK_EVERY 1024
#define BYTES_PER_ROW 48         /* (9): a guess at the length of one line */
#define BATCH_ROWS 32            /* (10): rows per INSERT */

G_DEFINE_QUARK (awb-import-error-quark, awb_import_error)

typedef struct
{
  AwbDatabase        *db;
  sqlite3            *handle;
  const AwbTableDef  *def;
  AwbCsvReader       *reader;
  const char         *file;          /* display name */

  int                *field_of;      /* per format column: the file's field, or -1 */
  int                *column_of;     /* per field of the file: the format column, or -1 */
  char              **label;         /* per format column: its name in the file's header */
  guint               n_header;
  AwbValue           *values;        /* per format column, the current line's */

  GPtrArray          *warnings;
  GString            *bad;           /* the first MAX_REPORTED bad lines */
  guint               n_bad;
  GString            *row_errors;    /* the current line's problems */

  GHashTable         *clients;       /* account number → clients.id, the book before */
  GHashTable         *file_lines;    /* clients: account number → line in this file */
  GHashTable         *managers;      /* name → managers.id */
  GArray             *trade_lines;   /* guint: line of the trade with rowid first_new_id + i */
  AwbBulkLoad        *load;          /* (8): the import's transaction */
  gint64              first_new_id;

  sqlite3_stmt       *batch[BATCH_ROWS + 1];  /* (10) INSERT of n rows, prepared when needed */
  gint64              next_rowid;    /* trades: the rowid the next inserted trade gets */
  GString            *spare_errors;  /* row_errors of the current line during a flush */
  AwbValue           *pending;       /* BATCH_ROWS × n_columns values waiting for batch */
  GStringChunk       *pending_text;  /* their text */
  guint               pending_lines[BATCH_ROWS];
  guint               n_pending;
  sqlite3_stmt       *update;
  sqlite3_stmt       *select_one;
  sqlite3_stmt       *audit;
  char               *now;
  AwbDate             today;         /* (11) the import's today, UTC */

  guint64             n_rows;
  guint64             n_skipped;
} Import;

static void
finalize_statements (Import *im)
{
  for (guint n = 0; n <= BATCH_ROWS; n++)
    g_clear_pointer (&im->batch[n], sqlite3_finalize);
  g_clear_pointer (&im->update, sqlite3_finalize);
  g_clear_pointer (&im->select_one, sqlite3_finalize);
  g_clear_pointer (&im->audit, sqlite3_finalize);
}

static void
import_clear (Import *im)
{
  g_clear_pointer (&im->reader, awb_csv_reader_free);
  g_clear_pointer (&im->field_of, g_free);
  g_clear_pointer (&im->column_of, g_free);
  /* not g_strfreev: after a header error, absent columns' labels are NULL */
  if (im->label != NULL)
    for (guint c = 0; c < im->def->n_columns; c++)
      g_free (im->label[c]);
  g_clear_pointer (&im->label, g_free);
  g_clear_pointer (&im->values, g_free);
  g_clear_pointer (&im->warnings, g_ptr_array_unref);
  if (im->bad)
    g_string_free (im->bad, TRUE);
  if (im->row_errors)
    g_string_free (im->row_errors, TRUE);
  g_clear_pointer (&im->clients, g_hash_table_unref);
  g_clear_pointer (&im->file_lines, g_hash_table_unref);
  g_clear_pointer (&im->managers, g_hash_table_unref);
  g_clear_pointer (&im->trade_lines, g_array_unref);
  finalize_statements (im);
  if (im->spare_errors)
    g_string_free (im->spare_errors, TRUE);
  g_clear_pointer (&im->pending, g_free);
  g_clear_pointer (&im->pending_text, g_string_chunk_free);
  g_clear_pointer (&im->now, g_free);
}

static void row_error (Import *im, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* Adds one problem to the current line. */
static void
row_error (Import     *im,
           const char *format,
           ...)
{
  va_list args;

  if (im->row_errors->len > 0)
    g_string_append (im->row_errors, "; ");
  va_start (args, format);
  g_string_append_vprintf (im->row_errors, format, args);
  va_end (args);
}

/* Ends the current line: counts it bad if it had a problem. */
static gboolean
finish_line (Import *im,
             guint   line)
{
  if (im->row_errors->len == 0)
    return TRUE;
  im->n_bad++;
  if (im->n_bad <= MAX_REPORTED)
    g_string_append_printf (im->bad, "%s%s:%u: %s",
                            im->bad->len ? "\n" : "", im->file, line, im->row_errors->str);
  g_string_truncate (im->row_errors, 0);
  return FALSE;
}

/* (4) Blanks, Unicode spaces, zero-width spaces and a byte-order mark at
 * either end (awb_csv_trim()). */
static char *
trim (char *text)
{
  return awb_csv_trim (text);
}

static gboolean
matches_column (const AwbColumn *col,
                const char      *name)
{
  return g_ascii_strcasecmp (name, col->name) == 0 ||
         (col->chinese != NULL && strcmp (name, col->chinese) == 0);
}

/* (3) */
static gboolean
read_header (Import  *im,
             GError **error)
{
  const AwbTableDef *def = im->def;
  AwbCsvStatus status;
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  guint line;
  guint n_unknown = 0;

  status = awb_csv_reader_next (im->reader, error);
  if (status == AWB_CSV_FAILED)
    return FALSE;
  if (status == AWB_CSV_END)
    {
      g_set_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_HEADER,
                   _("%s: the file is empty; its first line must name the columns"), im->file);
      return FALSE;
    }
  line = awb_csv_reader_get_line (im->reader);
  if (status == AWB_CSV_BAD_RECORD)
    {
      g_set_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_HEADER,
                   awb_csv_reader_get_problem (im->reader, NULL) == AWB_CSV_PROBLEM_NUL
                   ? _("%s:%u: the header line holds a NUL byte (a damaged file?)")
                   : _("%s:%u: the header line has a quote that is not closed properly"),
                   im->file, line);
      return FALSE;
    }

  im->n_header = awb_csv_reader_get_n_fields (im->reader);
  im->field_of = g_new (int, def->n_columns);
  im->label = g_new0 (char *, def->n_columns + 1);
  for (guint c = 0; c < def->n_columns; c++)
    im->field_of[c] = -1;

  for (guint f = 0; f < im->n_header; f++)
    {
      char *name = trim (awb_csv_reader_get_field (im->reader, f, NULL));
      guint c;

      if (*name == '\0')
        continue;
      for (c = 0; c < def->n_columns; c++)
        if (matches_column (&def->columns[c], name))
          break;
      if (c == def->n_columns)
        {
          g_autofree char *show = _awb_io_shown (name);

          if (++n_unknown <= MAX_WARNED_COLUMNS)
            g_ptr_array_add (im->warnings,
                             g_strdup_printf (_("%s:%u: unknown column “%s” ignored"),
                                              im->file, line, show));
          continue;
        }
      if (im->field_of[c] >= 0)
        {
          g_set_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_HEADER,
                       _("%s:%u: the column “%s” is given twice (columns %d and %u)"),
                       im->file, line, def->columns[c].name, im->field_of[c] + 1, f + 1);
          return FALSE;
        }
      im->field_of[c] = (int) f;
      im->label[c] = g_strdup (name);
    }

  if (n_unknown > MAX_WARNED_COLUMNS)
    {
      guint more = n_unknown - MAX_WARNED_COLUMNS;

      g_ptr_array_add (im->warnings,
                       g_strdup_printf (ngettext ("%s:%u: … and %u more unknown column ignored",
                                                  "%s:%u: … and %u more unknown columns ignored",
                                                  more),
                                        im->file, line, more));
    }
  for (guint c = 0; c < def->n_columns; c++)
    if (def->columns[c].required && im->field_of[c] < 0)
      g_ptr_array_add (missing, (gpointer) def->columns[c].name);
  if (missing->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < missing->len; i++)
        g_string_append_printf (names, "%s“%s”", i ? ", " : "",
                                (const char *) g_ptr_array_index (missing, i));
      g_set_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_HEADER,
                   ngettext ("%s:%u: the required column %s is missing",
                             "%s:%u: the required columns %s are missing", missing->len),
                   im->file, line, names->str);
      return FALSE;
    }
  im->column_of = g_new (int, im->n_header);
  for (guint f = 0; f < im->n_header; f++)
    im->column_of[f] = -1;
  for (guint c = 0; c < def->n_columns; c++)
    {
      if (im->label[c] == NULL)
        im->label[c] = g_strdup (def->columns[c].name);
      if (im->field_of[c] >= 0)
        im->column_of[im->field_of[c]] = (int) c;
      /* absent columns stay unknown on every line */
      im->values[c].type = SQLITE_NULL;
    }
  return TRUE;
}

/* (11) What a value must be before it is read at all: an id (client,
 * trade, manager) holds no control or format character and is at most
 * MAX_ID_CHARS characters; a name is at most MAX_NAME_CHARS; a phone number
 * is digits with “+”, “-”, spaces or brackets.  FALSE after a row_error. */
static gboolean
plausible (Import          *im,
           const AwbColumn *col,
           const char      *label,
           const char      *text)
{
  gboolean is_id = col->type == AWB_COL_KEY || col->type == AWB_COL_CLIENT ||
                   col->type == AWB_COL_MANAGER;
  gboolean is_name = col->type == AWB_COL_MANAGER || strcmp (col->name, "name") == 0;
  glong max_chars = is_name ? MAX_NAME_CHARS : is_id ? MAX_ID_CHARS : 0;
  g_autofree char *show = NULL;

  if (*text == '\0')
    return TRUE;
  if (is_id || is_name)
    {
      gunichar bad = awb_csv_find_invisible (text);

      if (bad != 0)
        {
          show = _awb_io_shown (text);
          /* Translators: %1$s is a column, %2$s the value, %3$04X a Unicode code point */
          row_error (im, _("column “%1$s”: “%2$s” holds an invisible or control character "
                           "(U+%3$04X)"), label, show, (guint) bad);
          return FALSE;
        }
    }
  if (max_chars > 0 && g_utf8_strlen (text, -1) > max_chars)
    {
      show = _awb_io_shown (text);
      /* Translators: %1$s is a column, %2$s the value (cut), %3$ld a number of characters */
      row_error (im, _("column “%1$s”: “%2$s” is longer than %3$ld characters"),
                 label, show, max_chars);
      return FALSE;
    }
  if (strcmp (col->name, "phone") == 0)
    {
      gboolean digit = FALSE;

      for (const char *p = text; *p; p++)
        {
          if (g_ascii_isdigit (*p))
            digit = TRUE;
          else if (strchr ("+- ()", *p) == NULL)
            break;
          if (p[1] == '\0' && digit)
            return TRUE;
        }
      show = _awb_io_shown (text);
      /* Translators: %1$s is a column, %2$s the value */
      row_error (im, _("column “%1$s”: “%2$s” is not a phone number (digits, with “+”, "
                       "“-”, spaces or brackets)"), label, show);
      return FALSE;
    }
  return TRUE;
}

/* Checks one field and fills @v (4). */
static void
parse_field (Import          *im,
             guint            c,
             char            *raw)
{
  const AwbColumn *col = &im->def->columns[c];
  g_autoptr(GError) error = NULL;
  char *text = col->keep_blanks ? raw : trim (raw);

  if (!plausible (im, col, im->label[c], text))
    {
      im->values[c].type = SQLITE_NULL;
      return;
    }
  if (!_awb_io_parse_value (col, im->label[c], text, im->clients, &im->values[c], &error))
    {
      row_error (im, "%s", error->message);
      return;
    }
  if (col->type == AWB_COL_DATE && im->values[c].type == SQLITE_INTEGER &&
      strcmp (col->name, "birth_date") == 0 &&
      im->values[c].i > im->today)
    {
      g_autofree char *show = _awb_io_shown (text);

      /* Translators: %1$s is a column, %2$s a date */
      row_error (im, _("column “%1$s”: “%2$s” is after today, so it is no birth date"),
                 im->label[c], show);
    }
}

/* Reads the current record into im->values.  Returns FALSE for a line to
 * skip (every field empty); problems go to im->row_errors. */
static gboolean
parse_line (Import       *im,
            AwbCsvStatus  status)
{
  guint n = awb_csv_reader_get_n_fields (im->reader);
  gboolean empty = TRUE;

  for (guint f = 0; f < n && empty; f++)
    {
      const char *t = awb_csv_reader_get_field (im->reader, f, NULL);

      for (; *t && empty; t++)
        empty = (*t == ' ' || *t == '\t');
    }
  if (empty && status == AWB_CSV_RECORD)
    return FALSE;

  if (status == AWB_CSV_BAD_RECORD)
    {
      guint f;
      AwbCsvProblem problem = awb_csv_reader_get_problem (im->reader, &f);
      const char *name = NULL;

      for (guint c = 0; c < im->def->n_columns; c++)
        if (im->field_of[c] == (int) f)
          name = im->label[c];
      if (name == NULL)
        name = _("(ignored)");
      if (problem == AWB_CSV_PROBLEM_NUL)
        row_error (im, _("column “%s”: the value holds a NUL byte (a damaged file?)"), name);
      else if (problem == AWB_CSV_PROBLEM_UNTERMINATED_QUOTE)
        row_error (im, _("column “%s”: a quote opens a value that is never closed"), name);
      else
        row_error (im, _("column “%s”: text follows the closing quote of a value"), name);
      return TRUE;
    }

  if (n != im->n_header)
    {
      row_error (im, ngettext ("the line has %u field but the header has %u",
                               "the line has %u fields but the header has %u", n),
                 n, im->n_header);
      return TRUE;
    }

  /* In the file's order, so a line's problems read left to right. */
  for (guint f = 0; f < n; f++)
    {
      int c = im->column_of[f];

      if (c >= 0)
        parse_field (im, (guint) c, awb_csv_reader_get_field (im->reader, f, NULL));
    }
  return TRUE;
}

static gboolean
manager_id (Import      *im,
            const char  *name,
            gint64      *id,
            GError     **error)
{
  gpointer found;

  if (g_hash_table_lookup_extended (im->managers, name, NULL, &found))
    {
      *id = (gint64) GPOINTER_TO_SIZE (found);
      return TRUE;
    }
  *id = awb_database_ensure_manager (im->db, name, error);
  if (*id == 0)
    return FALSE;
  g_hash_table_insert (im->managers, g_strdup (name), GSIZE_TO_POINTER ((gsize) *id));
  return TRUE;
}

/* Binds @values (one row) of the present columns to the parameters after
 * the first @offset of @stmt; returns the new offset, or -1 with @error set. */
static int
bind_row (Import          *im,
          sqlite3_stmt    *stmt,
          const AwbValue  *values,
          int              offset,
          GError         **error)
{
  int k = offset;

  for (guint c = 0; c < im->def->n_columns; c++)
    {
      const AwbValue *v = &values[c];

      if (im->field_of[c] < 0)
        continue;
      k++;
      if (im->def->columns[c].type == AWB_COL_MANAGER && v->type == SQLITE_TEXT)
        {
          gint64 id;

          if (!manager_id (im, v->s, &id, error))
            return -1;
          sqlite3_bind_int64 (stmt, k, id);
        }
      else
        _awb_io_bind_value (stmt, k, v, FALSE);
    }
  return k;
}

/* The current line's values to ?1 ... ?k of @stmt; returns k. */
static int
bind_values (Import        *im,
             sqlite3_stmt  *stmt,
             GError       **error)
{
  sqlite3_reset (stmt);
  return bind_row (im, stmt, im->values, 0, error);
}

static gboolean
step_done (Import        *im,
           sqlite3_stmt  *stmt,
           guint          line,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  awb_database_set_error (im->db, rc, error);
  g_prefix_error (error, "%s:%u: ", im->file, line);
  return FALSE;
}

/* The parameter number, among the present columns of one row, of the
 * column named @db_column (1-based), or 0 when the file does not have it. */
static int
present_position (Import     *im,
                  const char *db_column)
{
  int k = 0;

  for (guint c = 0; c < im->def->n_columns; c++)
    {
      if (im->field_of[c] < 0)
        continue;
      k++;
      if (g_str_equal (im->def->columns[c].db_column, db_column))
        return k;
    }
  return 0;
}

/* (10) INSERT of @n_rows rows of the present columns, parameters numbered
 * row after row.  A client's name comes with its keys (awb-database.c,
 * schema 3), made from the same parameter. */
static sqlite3_stmt *
prepare_batch (Import  *im,
               guint    n_rows,
               GError **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  int n_present = 0;
  int name = im->def->kind == AWB_TABLE_CLIENTS ? present_position (im, "name") : 0;

  g_string_printf (sql, "INSERT INTO %s (", im->def->table);
  for (guint c = 0; c < im->def->n_columns; c++)
    {
      if (im->field_of[c] < 0)
        continue;
      g_string_append_printf (sql, "%s%s", n_present > 0 ? ", " : "",
                              im->def->columns[c].db_column);
      n_present++;
    }
  if (name > 0)
    g_string_append (sql, ", name_key, pinyin");
  g_string_append (sql, ") VALUES ");
  for (guint r = 0; r < n_rows; r++)
    {
      int base = (int) r * n_present;

      g_string_append (sql, r > 0 ? ", (" : "(");
      for (int k = 1; k <= n_present; k++)
        g_string_append_printf (sql, "%s?%d", k > 1 ? ", " : "", base + k);
      if (name > 0)
        g_string_append_printf (sql, ", awb_name_key (?%d), awb_name_pinyin (?%d)",
                                base + name, base + name);
      g_string_append (sql, ")");
    }
  if (im->def->kind == AWB_TABLE_TRADES)
    g_string_append (sql, " ON CONFLICT (trade_no) DO NOTHING");
  return awb_database_prepare (im->db, sql->str, error);
}

static guint
key_column (Import *im)
{
  for (guint c = 0; c < im->def->n_columns; c++)
    if (im->def->columns[c].type == AWB_COL_KEY)
      return c;
  g_assert_not_reached ();
}

static void
record_trade_line (Import *im,
                   guint   line)
{
  gint64 index = im->next_rowid++ - im->first_new_id;

  if ((guint) index >= im->trade_lines->len)
    g_array_set_size (im->trade_lines, (guint) index + 1);
  g_array_index (im->trade_lines, guint, index) = line;
}

/* (5), (6) A trade of the batch was not inserted: its trade_id is taken,
 * by an earlier line of the file or by the book before.  select_one holds
 * the row that has it. */
static void
trade_conflict (Import         *im,
                const AwbValue *row,
                gint64          rowid)
{
  guint key = key_column (im);

  if (rowid >= im->first_new_id)
    {
      g_autofree char *show = _awb_io_shown (row[key].s);
      guint first = g_array_index (im->trade_lines, guint, rowid - im->first_new_id);

      row_error (im, _("column “%s”: “%s” is already on line %u"), im->label[key], show, first);
      return;
    }
  for (guint c = 0; c < im->def->n_columns; c++)
    {
      const AwbColumn *col = &im->def->columns[c];
      char old_buf[AWB_VALUE_TEXT_SIZE], new_buf[AWB_VALUE_TEXT_SIZE];
      const char *old_text, *new_text;
      AwbValue old;

      if (im->field_of[c] < 0)
        continue;
      _awb_io_value_from_column (col, im->select_one, (int) c, &old);
      old_text = _awb_io_value_to_text (col, &old, old_buf);
      new_text = _awb_io_value_to_text (col, &row[c], new_buf);
      if (strcmp (old_text, new_text) != 0)
        {
          g_autofree char *show_key = _awb_io_shown (row[key].s);
          g_autofree char *show_old = _awb_io_shown (old_text);
          g_autofree char *show_new = _awb_io_shown (new_text);

          row_error (im, _("column “%s”: trade “%s” is already in the book with “%s” "
                           "in this column, not “%s”"),
                     im->label[c], show_key, show_old, show_new);
          return;
        }
    }
  im->n_skipped++;
}

/* (6), (10) After a batch of n trades: when fewer rows were inserted than
 * sent, walks the batch in order.  Inserted trades got consecutive rowids
 * from next_rowid on, so a trade was inserted exactly when its trade_id
 * now has the next expected rowid; any other was a conflict. */
static gboolean
settle_trades (Import  *im,
               guint    n,
               GError **error)
{
  guint key = key_column (im);

  if (sqlite3_changes (im->handle) == (int) n)
    {
      for (guint r = 0; r < n; r++)
        record_trade_line (im, im->pending_lines[r]);
      return TRUE;
    }

  for (guint r = 0; r < n; r++)
    {
      const AwbValue *row = &im->pending[r * im->def->n_columns];
      gint64 rowid;
      int rc;

      sqlite3_reset (im->select_one);
      sqlite3_bind_text (im->select_one, 1, row[key].s, -1, SQLITE_STATIC);
      rc = sqlite3_step (im->select_one);
      if (rc != SQLITE_ROW)
        {
          sqlite3_reset (im->select_one);
          return awb_database_set_error (im->db, rc, error);
        }
      rowid = sqlite3_column_int64 (im->select_one, (int) im->def->n_columns);
      if (rowid == im->next_rowid)
        record_trade_line (im, im->pending_lines[r]);
      else
        {
          im->n_rows--;
          trade_conflict (im, row, rowid);
          finish_line (im, im->pending_lines[r]);
        }
      sqlite3_reset (im->select_one);
    }
  return TRUE;
}

/* (10) Writes the queued rows. */
static gboolean
flush_rows (Import  *im,
            GError **error)
{
  guint n = im->n_pending;
  sqlite3_stmt *stmt;
  int k = 0;

  if (n == 0)
    return TRUE;
  if (im->batch[n] == NULL)
    {
      im->batch[n] = prepare_batch (im, n, error);
      if (im->batch[n] == NULL)
        return FALSE;
    }
  stmt = im->batch[n];
  sqlite3_reset (stmt);
  for (guint r = 0; r < n; r++)
    {
      k = bind_row (im, stmt, &im->pending[r * im->def->n_columns], k, error);
      if (k < 0)
        return FALSE;
    }
  im->n_pending = 0;
  if (!step_done (im, stmt, im->pending_lines[0], error))
    return FALSE;
  sqlite3_clear_bindings (stmt);
  if (im->def->kind == AWB_TABLE_TRADES && !settle_trades (im, n, error))
    return FALSE;
  g_string_chunk_clear (im->pending_text);
  return TRUE;
}

/* (10) Queues the current line's values as a new row, copying their text. */
static gboolean
queue_row (Import  *im,
           guint    line,
           GError **error)
{
  AwbValue *row = &im->pending[im->n_pending * im->def->n_columns];

  for (guint c = 0; c < im->def->n_columns; c++)
    {
      row[c] = im->values[c];
      if (row[c].s != NULL)
        row[c].s = g_string_chunk_insert (im->pending_text, row[c].s);
    }
  im->pending_lines[im->n_pending++] = line;
  im->n_rows++;
  if (im->n_pending == BATCH_ROWS)
    return flush_rows (im, error);
  return TRUE;
}

static gboolean
prepare (Import       *im,
         GError      **error)
{
  const AwbTableDef *def = im->def;
  g_autoptr(GString) sets = g_string_new (NULL);
  g_autofree char *sql = NULL;
  int k = 0;

  for (guint c = 0; c < def->n_columns; c++)
    {
      if (im->field_of[c] < 0)
        continue;
      k++;
      g_string_append_printf (sets, "%s%s = ?%d", k > 1 ? ", " : "", def->columns[c].db_column, k);
    }

  im->pending = g_new0 (AwbValue, BATCH_ROWS * def->n_columns);
  im->pending_text = g_string_chunk_new (4096);

  if (def->kind == AWB_TABLE_CLIENTS)
    {
      int name = present_position (im, "name");

      /* a new name comes with its keys (awb-database.c, schema 3) */
      g_string_append_printf (sets, ", name_key = awb_name_key (?%d),"
                              " pinyin = awb_name_pinyin (?%d)", name, name);
      sql = g_strdup_printf ("UPDATE clients SET %s WHERE id = ?%d", sets->str, k + 1);
      im->update = awb_database_prepare (im->db, sql, error);
      g_clear_pointer (&sql, g_free);
      sql = _awb_io_build_select (def, "k.id = ?1");
      im->select_one = awb_database_prepare (im->db, sql, error);
      im->audit = awb_database_prepare (im->db,
                                        "INSERT INTO audit_log (at, who, client_id, field, "
                                        "old_value, new_value) VALUES (?1, 'import', ?2, ?3, ?4, ?5)",
                                        error);
      if (im->update == NULL || im->select_one == NULL || im->audit == NULL)
        return FALSE;
    }
  else if (def->kind == AWB_TABLE_TRADES)
    {
      g_clear_pointer (&sql, g_free);
      sql = _awb_io_build_select (def, "t.trade_no = ?1");
      im->select_one = awb_database_prepare (im->db, sql, error);
      if (im->select_one == NULL)
        return FALSE;
    }
  return TRUE;
}

/* The book's clients before the import: account number → id. */
static gboolean
load_clients (Import  *im,
              GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = awb_database_prepare (im->db, "SELECT client_no, id FROM clients", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (im->clients,
                         g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 1)));
  if (rc != SQLITE_DONE)
    return awb_database_set_error (im->db, rc, error);
  return TRUE;
}

/* (5): a client line that checked out. */
static gboolean
apply_client (Import  *im,
              guint    line,
              GError **error)
{
  guint key = key_column (im);
  const char *client_no = im->values[key].s;
  gpointer found;
  gint64 id;
  int k, rc;
  gboolean changed = FALSE;

  if (!g_hash_table_lookup_extended (im->clients, client_no, NULL, &found))
    {
      return queue_row (im, line, error);
    }

  /* Already in the book: compare each column the file has. */
  id = (gint64) GPOINTER_TO_SIZE (found);
  sqlite3_reset (im->select_one);
  sqlite3_bind_int64 (im->select_one, 1, id);
  rc = sqlite3_step (im->select_one);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (im->select_one);
      return awb_database_set_error (im->db, rc, error);
    }
  sqlite3_reset (im->audit);
  for (guint c = 0; c < im->def->n_columns; c++)
    {
      const AwbColumn *col = &im->def->columns[c];
      char old_buf[AWB_VALUE_TEXT_SIZE], new_buf[AWB_VALUE_TEXT_SIZE];
      const char *old_text, *new_text;
      AwbValue old;

      if (im->field_of[c] < 0)
        continue;
      _awb_io_value_from_column (col, im->select_one, (int) c, &old);
      old_text = _awb_io_value_to_text (col, &old, old_buf);
      new_text = _awb_io_value_to_text (col, &im->values[c], new_buf);
      if (strcmp (old_text, new_text) == 0)
        continue;
      changed = TRUE;
      sqlite3_bind_text (im->audit, 1, im->now, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (im->audit, 2, id);
      sqlite3_bind_text (im->audit, 3, col->name, -1, SQLITE_STATIC);
      if (*old_text)
        sqlite3_bind_text (im->audit, 4, old_text, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (im->audit, 4);
      if (*new_text)
        sqlite3_bind_text (im->audit, 5, new_text, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (im->audit, 5);
      if (!step_done (im, im->audit, line, error))
        {
          sqlite3_reset (im->select_one);
          return FALSE;
        }
    }
  sqlite3_reset (im->select_one);
  im->n_rows++;
  if (!changed)
    return TRUE;

  k = bind_values (im, im->update, error);
  if (k < 0)
    return FALSE;
  sqlite3_bind_int64 (im->update, k + 1, id);
  return step_done (im, im->update, line, error);
}

static gboolean
apply_line (Import  *im,
            guint    line,
            GError **error)
{
  switch (im->def->kind)
    {
    case AWB_TABLE_CLIENTS:
      return apply_client (im, line, error);
    case AWB_TABLE_INTERACTIONS:
    default:
      return queue_row (im, line, error);
    }
}

/* (5): an account number given twice in a clients file. */
static void
check_client_unique (Import *im,
                     guint   line)
{
  guint key = key_column (im);
  const char *client_no = im->values[key].s;
  gpointer first;

  if (im->values[key].type != SQLITE_TEXT)
    return;
  if (g_hash_table_lookup_extended (im->file_lines, client_no, NULL, &first))
    {
      g_autofree char *show = _awb_io_shown (client_no);

      row_error (im, _("column “%s”: “%s” is already on line %u"),
                 im->label[key], show, GPOINTER_TO_UINT (first));
      return;
    }
  g_hash_table_insert (im->file_lines, g_strdup (client_no), GUINT_TO_POINTER (line));
}

/* (9) Tells the bulk load how many rows the file holds, about. */
static gboolean
expect_rows (Import  *im,
             GError **error)
{
  gsize file_rows = awb_csv_reader_get_size (im->reader) / BYTES_PER_ROW;

  if (im->def->kind == AWB_TABLE_CLIENTS)
    return TRUE;
  return awb_bulk_load_expect_rows (im->load, im->def->table, (gint64) file_rows, error);
}

static gboolean
run (Import        *im,
     AwbProgressFunc progress,
     gpointer        user_data,
     GCancellable   *cancellable,
     GError        **error)
{
  double reported = 0;
  guint64 n_lines = 0;

  if (progress)
    progress (0.0, user_data);

  if (im->def->kind == AWB_TABLE_TRADES)
    {
      g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (im->db,
                                                           "SELECT coalesce(max(id), 0) + 1 FROM trades",
                                                           error);
      if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
        return FALSE;
      im->first_new_id = sqlite3_column_int64 (stmt, 0);
      im->next_rowid = im->first_new_id;
    }
  if (!load_clients (im, error) || !expect_rows (im, error) || !prepare (im, error))
    return FALSE;

  for (;;)
    {
      AwbCsvStatus status = awb_csv_reader_next (im->reader, error);
      guint line;

      if (status == AWB_CSV_FAILED)
        return FALSE;
      if (status == AWB_CSV_END)
        break;

      if (++n_lines % CHECK_EVERY == 0)
        {
          double fraction = awb_csv_reader_get_fraction (im->reader);

          if (g_cancellable_is_cancelled (cancellable))
            break;
          if (progress && fraction - reported >= 0.005)
            {
              reported = fraction;
              progress (fraction, user_data);
            }
        }

      line = awb_csv_reader_get_line (im->reader);
      if (!parse_line (im, status))
        continue;
      if (im->def->kind == AWB_TABLE_CLIENTS)
        check_client_unique (im, line);
      if (im->row_errors->len > 0 && im->n_pending > 0)
        {
          /* The queued rows come first: their problems (trades already
           * taken) belong to earlier lines. */
          GString *current = im->row_errors;
          gboolean flushed;

          im->row_errors = im->spare_errors;
          flushed = flush_rows (im, error);
          im->spare_errors = im->row_errors;
          im->row_errors = current;
          if (!flushed)
            return FALSE;
        }
      if (!finish_line (im, line))
        continue;
      if (!apply_line (im, line, error))
        return FALSE;
    }

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_CANCELLED,
                   _("The import of “%s” was cancelled; nothing was changed"), im->file);
      return FALSE;
    }
  if (!flush_rows (im, error))
    return FALSE;
  if (im->n_bad > 0)
    {
      if (im->n_bad > MAX_REPORTED)
        {
          guint more = im->n_bad - MAX_REPORTED;

          g_string_append_c (im->bad, '\n');
          g_string_append_printf (im->bad,
                                  ngettext ("… and %u more bad line", "… and %u more bad lines",
                                            more),
                                  more);
        }
      g_set_error_literal (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_BAD_ROWS, im->bad->str);
      return FALSE;
    }
  if (im->n_skipped > 0)
    g_ptr_array_add (im->warnings,
                     /* %llu, not G_GUINT64_FORMAT: xgettext cuts a msgid at a macro */
                     g_strdup_printf (ngettext ("%s: %llu trade already in the "
                                                "book with the same content was skipped",
                                                "%s: %llu trades already in the "
                                                "book with the same content were skipped",
                                                im->n_skipped),
                                      im->file, (unsigned long long) im->n_skipped));
  return TRUE;
}

/**
 * awb_import_file:
 *
 * See awb-import.h.  Preconditions: @db is open and has no transaction
 * open.  On failure the book is as it was and *@n_rows, *@warnings are
 * untouched.
 */
gboolean
awb_import_file (AwbDatabase      *db,
                 AwbTableKind      kind,
                 const char       *path,
                 AwbProgressFunc   progress,
                 gpointer          user_data,
                 GCancellable     *cancellable,
                 guint64          *n_rows,
                 GStrv            *warnings,
                 GError          **error)
{
  Import im = { 0 };
  g_autoptr(GDateTime) now = NULL;
  gboolean ok;

  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (kind <= AWB_TABLE_INTERACTIONS, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  im.db = db;
  im.handle = awb_database_get_handle (db);
  im.def = _awb_io_table_def (kind);
  im.warnings = g_ptr_array_new_with_free_func (g_free);
  im.bad = g_string_new (NULL);
  im.row_errors = g_string_new (NULL);
  im.spare_errors = g_string_new (NULL);
  im.clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im.file_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im.managers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im.trade_lines = g_array_new (FALSE, TRUE, sizeof (guint));
  im.values = g_new0 (AwbValue, im.def->n_columns);
  now = g_date_time_new_now_utc ();
  im.now = g_date_time_format_iso8601 (now);
  im.today = awb_date_today ();

  im.reader = awb_csv_reader_new_for_path (path, error);
  if (im.reader == NULL)
    {
      import_clear (&im);
      return FALSE;
    }
  im.file = awb_csv_reader_get_display_name (im.reader);
  if (awb_csv_reader_get_encoding (im.reader) == AWB_CSV_ENCODING_GB18030)
    g_ptr_array_add (im.warnings,
                     g_strdup_printf (_("%s: read as GB18030 text, as it is not UTF-8"),
                                      im.file));

  if (!read_header (&im, error))
    {
      import_clear (&im);
      return FALSE;
    }

  im.load = awb_bulk_load_begin (db, kind == AWB_TABLE_CLIENTS ? AWB_BULK_LOAD_UPDATES_CLIENTS
                                                                : AWB_BULK_LOAD_DEFAULT,
                                 error);
  if (im.load == NULL)
    {
      import_clear (&im);
      return FALSE;
    }

  ok = run (&im, progress, user_data, cancellable, error);
  /* The statements must be finalized before COMMIT can release the book. */
  finalize_statements (&im);
  if (ok)
    ok = awb_bulk_load_commit (g_steal_pointer (&im.load), error);
  else
    awb_bulk_load_rollback (g_steal_pointer (&im.load));

  if (ok)
    {
      if (progress)
        progress (1.0, user_data);
      if (n_rows)
        *n_rows = im.n_rows;
      if (warnings)
        {
          g_ptr_array_add (im.warnings, NULL);
          *warnings = (GStrv) g_ptr_array_steal (im.warnings, NULL);
        }
    }
  import_clear (&im);
  return ok;
}
