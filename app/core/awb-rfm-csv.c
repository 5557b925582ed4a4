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
 *  (1) The dialects are the importer's: UTF-8, UTF-8 with a BOM, or GB18030
 *      (Chinese Excel), detected from the bytes; comma, semicolon or tab
 *      separated (the one found most often in the header line); RFC 4180
 *      quoting ("" inside quotes, line breaks inside quotes); LF or CRLF.
 *      GLib has no CSV reader, hence the small one here.
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
 */
#define G_LOG_DOMAIN "awb-rfm-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "awb-codes.h"
#include "awb-date.h"
#include "awb-money.h"
#include "awb-rfm-csv.h"

G_DEFINE_QUARK (awb-rfm-csv-error-quark, awb_rfm_csv_error)

static const char *const default_id[] = { "customer_id", "client_id", "客户号", NULL };
static const char *const default_date[] = {
  "trade_date", "order_date", "date", "成交日期", "日期", NULL
};
static const char *const default_amount[] = { "amount", "revenue", "成交金额", NULL };

typedef struct
{
  const char *p;
  const char *end;
  char        sep;
  guint64     line;          /* line of the next character */
  GString    *scratch;       /* the fields of the current record, NUL-separated */
  GArray     *offsets;       /* start of each field in scratch */
} Reader;

/* Reads one record into r->scratch / r->offsets.  Returns FALSE at the end
 * of the text, or with @error set on an unterminated quote. */
static gboolean
read_record (Reader      *r,
             const char  *path,
             gboolean    *at_end,
             GError     **error)
{
  guint64 start_line = r->line;

  g_string_truncate (r->scratch, 0);
  g_array_set_size (r->offsets, 0);
  *at_end = r->p >= r->end;
  if (*at_end)
    return TRUE;

  for (;;)
    {
      gsize start = r->scratch->len;

      g_array_append_val (r->offsets, start);
      if (r->p < r->end && *r->p == '"')
        {
          r->p++;
          for (;;)
            {
              const char *q = r->p;

              while (q < r->end && *q != '"')
                {
                  if (*q == '\n')
                    r->line++;
                  q++;
                }
              g_string_append_len (r->scratch, r->p, q - r->p);
              if (q >= r->end)
                {
                  g_set_error (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_BAD_VALUE,
                               _("%s:%llu: a quoted field is not closed"),
                               path, (unsigned long long) start_line);
                  return FALSE;
                }
              r->p = q + 1;
              if (r->p < r->end && *r->p == '"')
                {
                  g_string_append_c (r->scratch, '"');
                  r->p++;
                  continue;
                }
              break;
            }
          /* anything up to the separator after the closing quote is kept */
          while (r->p < r->end && *r->p != r->sep && *r->p != '\n' && *r->p != '\r')
            g_string_append_c (r->scratch, *r->p++);
        }
      else
        {
          const char *q = r->p;

          while (q < r->end && *q != r->sep && *q != '\n' && *q != '\r')
            q++;
          g_string_append_len (r->scratch, r->p, q - r->p);
          r->p = q;
        }
      g_string_append_c (r->scratch, '\0');

      if (r->p < r->end && *r->p == r->sep)
        {
          r->p++;
          continue;
        }
      if (r->p < r->end && *r->p == '\r')
        r->p++;
      if (r->p < r->end && *r->p == '\n')
        r->p++;
      r->line++;
      return TRUE;
    }
}

static const char *
field (Reader *r,
       guint   i)
{
  return r->scratch->str + g_array_index (r->offsets, gsize, i);
}

static char
detect_separator (const char *p,
                  const char *end)
{
  guint n_comma = 0, n_semi = 0, n_tab = 0;
  gboolean quoted = FALSE;

  for (; p < end && (quoted || (*p != '\n' && *p != '\r')); p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted)
        {
          n_comma += *p == ',';
          n_semi += *p == ';';
          n_tab += *p == '\t';
        }
    }
  if (n_tab > n_comma && n_tab >= n_semi)
    return '\t';
  if (n_semi > n_comma)
    return ';';
  return ',';
}

static int
find_column (Reader             *r,
             const char         *wanted,
             const char *const  *defaults)
{
  for (guint d = 0; wanted != NULL ? d == 0 : defaults[d] != NULL; d++)
    {
      const char *name = wanted != NULL ? wanted : defaults[d];

      for (guint i = 0; i < r->offsets->len; i++)
        {
          g_autofree char *h = g_strstrip (g_strdup (field (r, i)));

          if (g_ascii_strcasecmp (h, name) == 0)
            return (int) i;
        }
    }
  return -1;
}

static gboolean
missing_column (const char         *path,
                const char         *what,
                const char         *wanted,
                const char *const  *defaults,
                GError            **error)
{
  g_autofree char *names = wanted != NULL ? g_strdup (wanted)
                                          : g_strjoinv (", ", (char **) defaults);

  g_set_error (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_HEADER,
               _("%s:1: no %s column: the header has none of “%s”"), path, what, names);
  return FALSE;
}

/* Loads @path as UTF-8 text (Notes (1)); *contents is what to free. */
static gboolean
load_text (const char  *path,
           char       **contents,
           const char **text,
           gsize       *len,
           GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *raw = NULL;
  gsize raw_len = 0;

  if (!g_file_get_contents (path, &raw, &raw_len, &local))
    {
      g_set_error (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_FILE,
                   _("Cannot read “%s”: %s"), path, local->message);
      return FALSE;
    }
  if (raw_len >= 3 && memcmp (raw, "\xef\xbb\xbf", 3) == 0)
    {
      if (!g_utf8_validate (raw + 3, raw_len - 3, NULL))
        goto not_text;
      *contents = g_steal_pointer (&raw);
      *text = *contents + 3;
      *len = raw_len - 3;
      return TRUE;
    }
  if (g_utf8_validate (raw, raw_len, NULL))
    {
      *contents = g_steal_pointer (&raw);
      *text = *contents;
      *len = raw_len;
      return TRUE;
    }
  {
    gsize out_len = 0;
    char *converted = g_convert (raw, raw_len, "UTF-8", "GB18030", NULL, &out_len, NULL);

    if (converted == NULL)
      goto not_text;
    *contents = converted;
    *text = converted;
    *len = out_len;
    return TRUE;
  }

not_text:
  g_set_error (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_FILE,
               _("“%s” is not text in UTF-8 or GB18030"), path);
  return FALSE;
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
  g_autofree char *contents = NULL;
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GArray) facts = NULL;
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  AwbRfmCsvColumns none = { NULL, NULL, NULL };
  const char *text;
  gsize len;
  Reader r;
  gboolean at_end;
  int col_id, col_date, col_amount, n_needed;

  g_return_val_if_fail (path != NULL && facts_out != NULL && n_out != NULL, FALSE);

  if (columns == NULL)
    columns = &none;
  if (!load_text (path, &contents, &text, &len, error))
    return FALSE;

  r.p = text;
  r.end = text + len;
  r.sep = detect_separator (text, r.end);
  r.line = 1;
  r.scratch = scratch;
  r.offsets = offsets;

  if (!read_record (&r, path, &at_end, error))
    return FALSE;
  if (at_end)
    {
      g_set_error (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_HEADER,
                   _("%s: the file is empty; a header line is needed"), path);
      return FALSE;
    }
  col_id = find_column (&r, columns->id_column, default_id);
  if (col_id < 0)
    return missing_column (path, _("customer id"), columns->id_column, default_id, error);
  col_date = find_column (&r, columns->date_column, default_date);
  if (col_date < 0)
    return missing_column (path, _("date"), columns->date_column, default_date, error);
  col_amount = find_column (&r, columns->amount_column, default_amount);
  if (col_amount < 0)
    return missing_column (path, _("amount"), columns->amount_column, default_amount, error);
  n_needed = MAX (col_id, MAX (col_date, col_amount)) + 1;

  index = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, NULL);
  facts = g_array_new (FALSE, FALSE, sizeof (AwbClientFacts));

  for (;;)
    {
      guint64 line = r.line;
      const char *id, *date_text, *amount_text;
      AwbDate date;
      AwbFen fen;
      gpointer slot;
      AwbClientFacts *c;
      g_autofree char *id_copy = NULL;

      if (!read_record (&r, path, &at_end, error))
        goto fail;
      if (at_end)
        break;
      if (r.offsets->len == 1 && field (&r, 0)[0] == '\0')
        continue;   /* a blank line */
      if ((int) r.offsets->len < n_needed)
        {
          g_set_error (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_BAD_VALUE,
                       _("%s:%llu: %u fields, but the header has %d or more"),
                       path, (unsigned long long) line, r.offsets->len, n_needed);
          goto fail;
        }
      id = field (&r, col_id);
      date_text = field (&r, col_date);
      amount_text = field (&r, col_amount);
      id_copy = g_strstrip (g_strdup (id));
      if (*id_copy == '\0')
        {
          g_set_error (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_BAD_VALUE,
                       _("%s:%llu: column %d (customer id) is empty"),
                       path, (unsigned long long) line, col_id + 1);
          goto fail;
        }
      {
        g_autofree char *d = g_strstrip (g_strdup (date_text));

        if (!awb_date_parse (d, -1, &date))
          {
            g_set_error (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_BAD_VALUE,
                         _("%s:%llu: column %d (date): “%s” is not a date "
                           "YYYY-MM-DD"), path, (unsigned long long) line, col_date + 1, date_text);
            goto fail;
          }
      }
      if (!awb_money_parse (amount_text, -1, &fen))
        {
          g_set_error (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_BAD_VALUE,
                       _("%s:%llu: column %d (amount): “%s” is not an amount "
                         "with at most two decimals"),
                       path, (unsigned long long) line, col_amount + 1,
                       amount_text);
          goto fail;
        }

      if (g_hash_table_lookup_extended (index, id_copy, NULL, &slot))
        c = &g_array_index (facts, AwbClientFacts, GPOINTER_TO_SIZE (slot));
      else
        {
          AwbClientFacts fresh;

          awb_client_facts_init (&fresh);
          fresh.id = facts->len + 1;
          fresh.client_no = g_steal_pointer (&id_copy);
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
          c->n_window++;
          c->commission_window += fen;
          c->amount_window += fen;
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

static void
append_csv_field (GString    *s,
                  const char *v)
{
  if (strpbrk (v, ",\"\r\n") == NULL)
    {
      g_string_append (s, v);
      return;
    }
  g_string_append_c (s, '"');
  for (; *v; v++)
    {
      if (*v == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *v);
    }
  g_string_append_c (s, '"');
}

/**
 * awb_rfm_csv_write:
 *
 * Writes the customers' results to @path (replaced atomically), UTF-8
 * without a BOM, LF line ends.
 */
gboolean
awb_rfm_csv_write (const char             *path,
                   const AwbClientFacts   *facts,
                   const AwbClientLabels  *labels,
                   gsize                   n,
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

      append_csv_field (s, facts[i].client_no);
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
  if (!g_file_set_contents (path, s->str, (gssize) s->len, &local))
    {
      g_set_error (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_FILE,
                   _("Cannot write “%s”: %s"), path, local->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * awb_rfm_csv_score_file:
 * @breakpoints: (out) (optional): the breakpoints in force
 *
 * Reads @input, scores every customer with @settings (the monetary kind is
 * ignored: the file has one amount) and writes @output.  Nothing is
 * written on failure.
 */
gboolean
awb_rfm_csv_score_file (const char              *input,
                        const AwbRfmCsvColumns  *columns,
                        const AwbRfmSettings    *settings,
                        AwbDate                  as_of,
                        const char              *output,
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
  ok = awb_rfm_csv_write (output, facts, labels, n, error);
  awb_client_facts_free (facts, n);
  if (ok && breakpoints != NULL)
    *breakpoints = bp;
  return ok;
}
