/* awb-rfm-csv.c: RFM of any transaction CSV file, without a book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads one row per transaction (customer id, date, amount; any other
 * column is ignored), sums per customer and writes one row per customer:
 * customer_id,recency_days,frequency,monetary,r_score,f_score,m_score,segment
 *
 * NOTES ON THE DESIGN
 *
 *  (1) The file is read by the importer's AwbCsvReader, so the dialects
 *      are exactly the importer's: UTF-8, UTF-8 with a BOM or GB18030
 *      (detected from the bytes), RFC 4180 quoting, LF, CRLF or CR; and the
 *      messages name the file the same way (its base name).
 *  (2) Frequency counts transaction rows, as the rfm package does; the
 *      amount is parsed to integer fen (at most two decimals, "1,234.50"
 *      accepted) and summed exactly.
 *  (3) Rows dated after the reference date are ignored (spec §3).  A
 *      customer with only such rows is a prospect: written with every RFM
 *      column empty, like a prospect of a scoring run.
 *  (4) The output is sorted by customer id, byte order, so it is the same
 *      whatever the order of the input.
 *  (5) The first bad row fails the whole file: the error names the file,
 *      the line, the column and the bad value, and nothing is written.
 *  (6) Customers are found by id in a hash table keyed by the facts' own
 *      copies of the ids; the array is sorted at the end (Notes (4)).
 *      An id is trimmed of blanks, Unicode spaces, zero-width spaces and
 *      byte-order marks (awb_csv_trim()); one that still holds a control or
 *      format character, or a NUL byte, or is longer than
 *      AWB_RFM_CSV_MAX_ID_CHARS characters, is a bad row: “A\0B” and
 *      “A\0C” must not be one customer.
 *  (7) Amounts are bounded (AWB_MONEY_MAX_FEN, never negative: a refund is
 *      not a purchase) and summed with an overflow check, so a customer's
 *      sum is exact or the file is refused; it is never wrapped.
 */
#define G_LOG_DOMAIN "awb-rfm-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "awb-csv-field.h"
#include "awb-codes.h"
#include "awb-csv-reader.h"
#include "awb-date.h"
#include "awb-money.h"
#include "awb-part-file.h"
#include "awb-rfm-csv.h"

#define AWB_RFM_CSV_MAX_ID_CHARS 64  /* (6) */

G_DEFINE_QUARK (awb-rfm-csv-error-quark, awb_rfm_csv_error)

static const char *const default_id[] = { "customer_id", "client_id", "客户号", NULL };
static const char *const default_date[] = {
  "trade_date", "order_date", "date", "成交日期", "日期", NULL
};
static const char *const default_amount[] = { "amount", "revenue", "成交金额", NULL };

static int
find_column (AwbCsvReader       *reader,
             const char         *wanted,
             const char *const  *defaults)
{
  guint n = awb_csv_reader_get_n_fields (reader);

  for (guint d = 0; wanted != NULL ? d == 0 : defaults[d] != NULL; d++)
    {
      const char *name = wanted != NULL ? wanted : defaults[d];

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *h = g_strstrip (g_strdup (awb_csv_reader_get_field (reader, i, NULL)));

          if (g_ascii_strcasecmp (h, name) == 0)
            return (int) i;
        }
    }
  return -1;
}

static gboolean
missing_column (const char         *name,
                const char         *what,
                const char         *wanted,
                const char *const  *defaults,
                GError            **error)
{
  g_autofree char *names = wanted != NULL ? g_strdup (wanted)
                                          : g_strjoinv (", ", (char **) defaults);

  g_set_error (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_HEADER,
               _("%s:1: no %s column: the header has none of “%s”"), name, what, names);
  return FALSE;
}

/* The reader's own errors (unreadable file, not text) keep their message. */
static gboolean
file_error (GError  *local,
            GError **error)
{
  g_set_error_literal (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_FILE, local->message);
  g_error_free (local);
  return FALSE;
}

/* A value in a message: cut to 60 characters, in place (the reader's
 * fields may be edited until the next record), so a field of megabytes
 * does not make a message of megabytes. */
static const char *
shown (char *text)
{
  if (g_utf8_strlen (text, -1) > 60)
    strcpy (g_utf8_offset_to_pointer (text, 57), "…");
  return text;
}

static int
compare_client_no (gconstpointer a,
                   gconstpointer b)
{
  return strcmp (((const AwbClientFacts *) a)->client_no,
                 ((const AwbClientFacts *) b)->client_no);
}

/**
 * awb_rfm_csv_read:
 * @window_days: the frequency/monetary window; 0 for all history
 * @facts: (out) (transfer full): one element per customer, sorted by id;
 *   the amounts are in both commission_window and amount_window.  Free
 *   with awb_client_facts_free().
 *
 * Returns: %TRUE, or %FALSE with @error set and the outputs untouched.
 */
gboolean
awb_rfm_csv_read (const char              *path,
                  const AwbRfmCsvColumns  *columns,
                  AwbDate                  as_of,
                  int                      window_days,
                  AwbClientFacts         **facts_out,
                  gsize                   *n_out,
                  GError                 **error)
{
  g_autoptr(AwbCsvReader) reader = NULL;
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GArray) facts = NULL;
  AwbRfmCsvColumns none = { NULL, NULL, NULL };
  GError *local = NULL;
  const char *name;
  AwbCsvStatus status;
  int col_id, col_date, col_amount;
  guint n_needed;

  g_return_val_if_fail (path != NULL && facts_out != NULL && n_out != NULL, FALSE);

  if (columns == NULL)
    columns = &none;
  reader = awb_csv_reader_new_for_path (path, &local);
  if (reader == NULL)
    return file_error (local, error);
  name = awb_csv_reader_get_display_name (reader);

  status = awb_csv_reader_next (reader, &local);
  if (status == AWB_CSV_FAILED)
    return file_error (local, error);
  if (status == AWB_CSV_END)
    {
      g_set_error (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_HEADER,
                   _("%s: the file is empty; a header line is needed"), name);
      return FALSE;
    }
  if (status == AWB_CSV_BAD_RECORD)
    {
      g_set_error (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_HEADER,
                   awb_csv_reader_get_problem (reader, NULL) == AWB_CSV_PROBLEM_NUL
                   ? _("%s:1: the header line holds a NUL byte (a damaged file?)")
                   : _("%s:1: the header line has a quote that is not closed properly"),
                   name);
      return FALSE;
    }
  col_id = find_column (reader, columns->id_column, default_id);
  if (col_id < 0)
    return missing_column (name, _("customer id"), columns->id_column, default_id, error);
  col_date = find_column (reader, columns->date_column, default_date);
  if (col_date < 0)
    return missing_column (name, _("date"), columns->date_column, default_date, error);
  col_amount = find_column (reader, columns->amount_column, default_amount);
  if (col_amount < 0)
    return missing_column (name, _("amount"), columns->amount_column, default_amount, error);
  n_needed = (guint) MAX (col_id, MAX (col_date, col_amount)) + 1;

  index = g_hash_table_new (g_str_hash, g_str_equal);
  facts = g_array_new (FALSE, FALSE, sizeof (AwbClientFacts));

  while ((status = awb_csv_reader_next (reader, &local)) != AWB_CSV_END)
    {
      guint line = awb_csv_reader_get_line (reader);
      char *id, *date_text, *amount_text;
      AwbDate date;
      AwbFen fen;
      AwbMoneyParse parsed;
      gunichar invisible;
      gpointer slot;
      AwbClientFacts *c;

      if (status == AWB_CSV_FAILED)
        {
          file_error (local, error);
          goto fail;
        }
      if (status == AWB_CSV_BAD_RECORD)
        {
          guint field;
          AwbCsvProblem problem = awb_csv_reader_get_problem (reader, &field);

          if (problem == AWB_CSV_PROBLEM_NUL)
            g_set_error (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_BAD_VALUE,
                         /* Translators: %1$s is a file, %2$u a line, %3$u a column number */
                         _("%1$s:%2$u: column %3$u holds a NUL byte (a damaged file?)"),
                         name, line, field + 1);
          else
            g_set_error (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_BAD_VALUE,
                         problem == AWB_CSV_PROBLEM_UNTERMINATED_QUOTE
                         ? _("%s:%u: a quoted field is not closed")
                         : _("%s:%u: text after the closing quote of a field"),
                         name, line);
          goto fail;
        }
      if (awb_csv_reader_get_n_fields (reader) == 1 &&
          *awb_csv_reader_get_field (reader, 0, NULL) == '\0')
        continue;   /* a blank line */
      if (awb_csv_reader_get_n_fields (reader) < n_needed)
        {
          g_set_error (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_BAD_VALUE,
                       _("%s:%u: %u fields, but the header has %u or more"),
                       name, line, awb_csv_reader_get_n_fields (reader), n_needed);
          goto fail;
        }
      /* the fields may be edited in place until the next record */
      id = awb_csv_trim (awb_csv_reader_get_field (reader, col_id, NULL));
      date_text = g_strstrip (awb_csv_reader_get_field (reader, col_date, NULL));
      amount_text = awb_csv_reader_get_field (reader, col_amount, NULL);
      if (*id == '\0')
        {
          g_set_error (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_BAD_VALUE,
                       _("%s:%u: column %d (customer id) is empty"), name, line, col_id + 1);
          goto fail;
        }
      if ((invisible = awb_csv_find_invisible (id)) != 0)
        {
          g_autofree char *shown = g_strdup (id);

          for (char *p = shown; *p; p++)
            if ((guchar) *p < 0x20 || *p == 0x7f)
              *p = ' ';

          g_set_error (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_BAD_VALUE,
                       /* Translators: %1$s is a file, %2$u a line, %3$d a column number,
                        * %4$s the id, %5$04X a Unicode code point */
                       _("%1$s:%2$u: column %3$d (customer id): “%4$s” holds an invisible "
                         "or control character (U+%5$04X)"),
                       name, line, col_id + 1, shown, (guint) invisible);
          goto fail;
        }
      if (g_utf8_strlen (id, -1) > AWB_RFM_CSV_MAX_ID_CHARS)
        {
          g_set_error (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_BAD_VALUE,
                       /* Translators: %1$s is a file, %2$u a line, %3$d a column number,
                        * %4$d the longest length */
                       _("%1$s:%2$u: column %3$d (customer id) is longer than %4$d characters"),
                       name, line, col_id + 1, AWB_RFM_CSV_MAX_ID_CHARS);
          goto fail;
        }
      if (!awb_date_parse (date_text, -1, &date))
        {
          g_set_error (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_BAD_VALUE,
                       _("%s:%u: column %d (date): “%s” is not a date YYYY-MM-DD"),
                       name, line, col_date + 1, shown (date_text));
          goto fail;
        }
      parsed = awb_money_parse_checked (amount_text, -1, &fen);
      if (parsed != AWB_MONEY_BAD && fen < 0)
        {
          g_set_error (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_BAD_VALUE,
                       /* Translators: %1$s is a file, %2$u a line, %3$d a column number,
                        * %4$s the amount */
                       _("%1$s:%2$u: column %3$d (amount): “%4$s” is negative"),
                       name, line, col_amount + 1, shown (g_strstrip (amount_text)));
          goto fail;
        }
      if (parsed == AWB_MONEY_TOO_LARGE)
        {
          g_autofree char *limit = awb_money_format_grouped (AWB_MONEY_MAX_FEN);

          g_set_error (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_BAD_VALUE,
                       /* Translators: %1$s is a file, %2$u a line, %3$d a column number,
                        * %4$s the amount, %5$s the limit */
                       _("%1$s:%2$u: column %3$d (amount): “%4$s” is more than %5$s, the "
                         "largest amount taken"),
                       name, line, col_amount + 1, shown (g_strstrip (amount_text)), limit);
          goto fail;
        }
      if (parsed != AWB_MONEY_OK)
        {
          g_set_error (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_BAD_VALUE,
                       _("%s:%u: column %d (amount): “%s” is not an amount "
                         "with at most two decimals"),
                       name, line, col_amount + 1, shown (amount_text));
          goto fail;
        }

      if (g_hash_table_lookup_extended (index, id, NULL, &slot))
        c = &g_array_index (facts, AwbClientFacts, GPOINTER_TO_SIZE (slot));
      else
        {
          AwbClientFacts fresh;

          awb_client_facts_init (&fresh);
          fresh.id = facts->len + 1;
          fresh.client_no = g_strdup (id);
          g_array_append_val (facts, fresh);
          c = &g_array_index (facts, AwbClientFacts, facts->len - 1);
          g_hash_table_insert (index, c->client_no, GSIZE_TO_POINTER (facts->len - 1));
        }

      if (date > as_of)
        continue;   /* Notes (3) */
      if (c->last_trade == AWB_DATE_NONE || date > c->last_trade)
        c->last_trade = date;
      if (c->first_trade == AWB_DATE_NONE || date < c->first_trade)
        c->first_trade = date;
      if (window_days == 0 || date > as_of - window_days)
        {
          /* (7) */
          if (c->n_window == G_MAXUINT32 ||
              __builtin_add_overflow (c->amount_window, fen, &c->amount_window))
            {
              g_set_error (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_BAD_VALUE,
                           /* Translators: %1$s is a file, %2$u a line, %3$s a customer id */
                           _("%1$s:%2$u: the amounts of customer “%3$s” add up to more than "
                             "this program can count; nothing was scored"),
                           name, line, c->client_no);
              goto fail;
            }
          c->n_window++;
          c->commission_window = c->amount_window;
        }
    }

  g_array_sort (facts, compare_client_no);
  *n_out = facts->len;
  *facts_out = (AwbClientFacts *) (void *) g_array_free (g_steal_pointer (&facts), FALSE);
  return TRUE;

fail:
  for (guint i = 0; i < facts->len; i++)
    g_free (g_array_index (facts, AwbClientFacts, i).client_no);
  return FALSE;
}

/**
 * awb_rfm_csv_write:
 *
 * @formula_guard: whether a customer id a spreadsheet would run as a
 *   formula (=, +, -, @, tab or CR first) gets a leading apostrophe
 *   (awb_csv_append_text); the other columns are numbers and codes
 *
 * Writes the customers' results to @path (replaced atomically through a
 * temporary file, mode 0600: awb-part-file.c), UTF-8 without a BOM, LF
 * line ends.
 */
gboolean
awb_rfm_csv_write (const char             *path,
                   const AwbClientFacts   *facts,
                   const AwbClientLabels  *labels,
                   gsize                   n,
                   gboolean                formula_guard,
                   GError                **error)
{
  g_autoptr(GString) s = g_string_sized_new (64 + n * 48);
  g_autoptr(GError) local = NULL;

  g_string_append (s, "customer_id,recency_days,frequency,monetary,"
                      "r_score,f_score,m_score,segment\n");
  for (gsize i = 0; i < n; i++)
    {
      const AwbClientLabels *l = &labels[i];
      char money[32];

      awb_csv_append_text (s, facts[i].client_no, formula_guard);
      if (l->r_score == AWB_UNKNOWN)
        {
          g_string_append (s, ",,,,,,,\n");
          continue;
        }
      awb_money_format_buf (l->monetary, money);
      g_string_append_printf (s, ",%d,%d,%s,%d,%d,%d,%s\n",
                              l->recency_days, l->frequency, money,
                              l->r_score, l->f_score, l->m_score,
                              awb_code_to_string (AWB_KIND_RFM_SEGMENT, l->rfm_segment));
    }
  if (!awb_part_file_set_contents (path, s->str, s->len, &local))
    {
      g_set_error_literal (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_FILE, local->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * awb_rfm_csv_score_file:
 * @breakpoints: (out) (optional): the breakpoints in force
 *
 * Reads @input, scores every customer with @settings (the monetary kind is
 * ignored: the file has one amount) and writes @output
 * (awb_rfm_csv_write).  Nothing is written on failure.
 */
gboolean
awb_rfm_csv_score_file (const char              *input,
                        const AwbRfmCsvColumns  *columns,
                        const AwbRfmSettings    *settings,
                        AwbDate                  as_of,
                        const char              *output,
                        gboolean                 formula_guard,
                        AwbRfmBreakpoints       *breakpoints,
                        GError                 **error)
{
  AwbClientFacts *facts = NULL;
  g_autofree AwbClientLabels *labels = NULL;
  AwbRfmBreakpoints bp;
  gsize n = 0;
  gboolean ok;

  g_return_val_if_fail (input != NULL && output != NULL && settings != NULL, FALSE);

  if (!awb_rfm_settings_validate (settings, error))
    return FALSE;
  if (!awb_rfm_csv_read (input, columns, as_of, settings->window_days, &facts, &n, error))
    return FALSE;

  labels = g_new (AwbClientLabels, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    awb_rfm_labels_init (&labels[i]);
  awb_rfm_score_book (settings, as_of, facts, labels, n, &bp);
  ok = awb_rfm_csv_write (output, facts, labels, n, formula_guard, error);
  awb_client_facts_free (facts, n);
  if (ok && breakpoints != NULL)
    *breakpoints = bp;
  return ok;
}
