/* awb-pack.c: many rows of a table in one compact, column-wise block
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pack holds up to 65,536 rows of a few columns (awb-scan.c keeps them
 * in the book).  It is written once and read by every scoring run, so it
 * is laid out for reading: column by column, each column in the cheapest
 * of four forms, decoded by a tight loop per column into a batch of rows.
 *
 * NOTES ON THE DESIGN
 *
 *  (1) Column forms, each starting with a kind byte:
 *        0  every cell NULL; nothing follows.
 *        1  integers or NULL, "frame of reference": width w (0..8), base b
 *           (8 bytes), then one w-byte little-endian number u per row: 0 is
 *           NULL, else the cell is b + u - 1.  w = 0: every cell is b.
 *        4  integers, never NULL, as differences: width w, the first cell
 *           (8 bytes), the smallest difference d (8 bytes), then one u per
 *           row: cell r is cell r-1 + d + u (row 0's u is 0).  Ids and
 *           dates in id order cost a byte or two this way.
 *        3  texts or NULL with at most 255 distinct values: their count k,
 *           the k texts (varint length, bytes, NUL), then one byte per row:
 *           0 NULL, else the text's index + 1.  (Codes such as 'survey'.)
 *        2  anything else, cell by cell: a varint byte count, then per cell
 *           a varint tag: 0 NULL; odd: an integer whose zigzag code is
 *           tag >> 1; 2: an integer in 8 raw bytes; 4: a double in 8 raw
 *           bytes; 6 + 2n: a text of n bytes, its bytes, a NUL.
 *      The encoder takes kind 1 or 4, whichever is narrower, for integer
 *      columns.  Integer arithmetic wraps (unsigned), so every int64
 *      round-trips.  Every w-byte number is read as 8 bytes and masked, so
 *      forms 1 and 4 end with 7 bytes of padding.
 *  (2) The storage type of every cell is kept: a row read back from a pack
 *      is the row read from the table, to the bit.
 *  (3) A reader trusts nothing: every length and index is checked against
 *      the bytes it has, and a damaged pack is an error, never a crash.
 */
#define G_LOG_DOMAIN "awb-pack"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "awb-pack.h"

#define BATCH 256

enum
{
  FORM_NULL = 0,
  FORM_FRAME = 1,
  FORM_CELLS = 2,
  FORM_DICT = 3,
  FORM_DELTA = 4,
};

typedef struct
{
  gint64     *ints;          /* per row: the integer, 0 when the cell is not one */
  guint8     *types;         /* per row: the cell's type */
  guint8     *dict_index;    /* per row: the text's index + 1, 0 when not a text */
  GByteArray *cells;         /* form 2, once neither form 1/4 nor 3 can hold the column */
  GHashTable *dict;          /* text -> index + 1 */
  GPtrArray  *dict_texts;    /* in index order */
  guint8      last_index;    /* the text of the row before, a cheap first guess */
  gboolean    ints_only;     /* every cell INTEGER or NULL */
  gboolean    texts_only;    /* every cell TEXT or NULL, <= 255 distinct */
  gboolean    any_value;     /* some cell is not NULL */
  gboolean    any_null;
} Column;

struct _AwbPackBuilder
{
  guint  n_columns;
  guint  capacity;
  guint  n_rows;
  Column columns[AWB_PACK_MAX_COLUMNS];
};

static void
column_reset (Column *col)
{
  g_clear_pointer (&col->cells, g_byte_array_unref);
  g_hash_table_remove_all (col->dict);
  g_ptr_array_set_size (col->dict_texts, 0);
  col->last_index = 0;
  col->ints_only = TRUE;
  col->texts_only = TRUE;
  col->any_value = FALSE;
  col->any_null = FALSE;
}

/**
 * awb_pack_builder_new:
 * @n_columns: 1 .. AWB_PACK_MAX_COLUMNS
 * @capacity: the most rows a pack will have
 */
AwbPackBuilder *
awb_pack_builder_new (guint n_columns,
                      guint capacity)
{
  AwbPackBuilder *self;

  g_return_val_if_fail (n_columns > 0 && n_columns <= AWB_PACK_MAX_COLUMNS, NULL);
  g_return_val_if_fail (capacity > 0, NULL);

  self = g_new0 (AwbPackBuilder, 1);
  self->n_columns = n_columns;
  self->capacity = capacity;
  for (guint c = 0; c < n_columns; c++)
    {
      Column *col = &self->columns[c];

      col->ints = g_new (gint64, capacity);
      col->types = g_new (guint8, capacity);
      col->dict_index = g_new (guint8, capacity);
      col->dict = g_hash_table_new (g_str_hash, g_str_equal);
      col->dict_texts = g_ptr_array_new_with_free_func (g_free);
      column_reset (col);
    }
  return self;
}

void
awb_pack_builder_free (AwbPackBuilder *self)
{
  if (self == NULL)
    return;
  for (guint c = 0; c < self->n_columns; c++)
    {
      Column *col = &self->columns[c];

      g_free (col->ints);
      g_free (col->types);
      g_free (col->dict_index);
      g_clear_pointer (&col->cells, g_byte_array_unref);
      g_hash_table_unref (col->dict);
      g_ptr_array_unref (col->dict_texts);
    }
  g_free (self);
}

guint
awb_pack_builder_get_n_rows (AwbPackBuilder *self)
{
  return self->n_rows;
}

static void
put_varint (GByteArray *out,
            guint64     x)
{
  guint8 buf[10];
  guint n = 0;

  while (x >= 0x80)
    {
      buf[n++] = (guint8) (x | 0x80);
      x >>= 7;
    }
  buf[n++] = (guint8) x;
  g_byte_array_append (out, buf, n);
}

static gboolean
get_varint (const guint8 **pos,
            const guint8  *end,
            guint64       *x)
{
  const guint8 *p = *pos;
  guint64 v = 0;

  for (guint shift = 0; shift < 64 && p < end; shift += 7)
    {
      guint8 b = *p++;

      v |= (guint64) (b & 0x7f) << shift;
      if (b < 0x80)
        {
          *pos = p;
          *x = v;
          return TRUE;
        }
    }
  return FALSE;
}

static void
put_u64 (GByteArray *out,
         guint64     x)
{
  guint64 le = GUINT64_TO_LE (x);

  g_byte_array_append (out, (const guint8 *) &le, 8);
}

static guint64
get_u64 (const guint8 *p)
{
  guint64 le;

  memcpy (&le, p, 8);
  return GUINT64_FROM_LE (le);
}

static void
put_cell (GByteArray         *out,
          const AwbScanValue *v)
{
  switch (v->type)
    {
    case SQLITE_INTEGER:
      {
        guint64 x = (guint64) v->i;
        guint64 zz = (x << 1) ^ (guint64) (v->i >> 63);

        if (zz >> 63 == 0)
          put_varint (out, (zz << 1) | 1);
        else
          {
            put_varint (out, 2);
            put_u64 (out, x);
          }
      }
      break;
    case SQLITE_FLOAT:
      {
        guint64 bits;

        memcpy (&bits, &v->d, 8);
        put_varint (out, 4);
        put_u64 (out, bits);
      }
      break;
    case SQLITE_TEXT:
      {
        gsize len = strlen (v->s);

        put_varint (out, 6 + 2 * (guint64) len);
        g_byte_array_append (out, (const guint8 *) v->s, (guint) len + 1);
      }
      break;
    default:
      put_varint (out, 0);
      break;
    }
}

static gboolean
get_cell (const guint8 **pos,
          const guint8  *end,
          AwbScanValue  *v)
{
  const guint8 *p = *pos;
  guint64 tag;

  if (!get_varint (&p, end, &tag))
    return FALSE;
  if (tag & 1)
    {
      guint64 zz = tag >> 1;

      v->type = SQLITE_INTEGER;
      v->i = (gint64) ((zz >> 1) ^ (0 - (zz & 1)));
    }
  else if (tag == 0)
    {
      v->type = SQLITE_NULL;
      v->i = 0;
    }
  else if (tag == 2 || tag == 4)
    {
      guint64 x;

      if (end - p < 8)
        return FALSE;
      x = get_u64 (p);
      p += 8;
      if (tag == 2)
        {
          v->type = SQLITE_INTEGER;
          v->i = (gint64) x;
        }
      else
        {
          v->type = SQLITE_FLOAT;
          memcpy (&v->d, &x, 8);
        }
    }
  else
    {
      guint64 len = (tag - 6) / 2;

      if (tag < 6 || (guint64) (end - p) < len + 1 || p[len] != '\0')
        return FALSE;
      v->type = SQLITE_TEXT;
      v->s = (const char *) p;
      p += len + 1;
    }
  *pos = p;
  return TRUE;
}

/* The column becomes form 2: its rows so far, from what was kept of them. */
static void
column_to_cells (Column *col,
                 guint   n_rows)
{
  col->cells = g_byte_array_sized_new (n_rows * 4 + 64);
  for (guint r = 0; r < n_rows; r++)
    {
      AwbScanValue v = { col->types[r], { 0 } };

      if (v.type == SQLITE_INTEGER)
        v.i = col->ints[r];
      else if (v.type == SQLITE_TEXT)
        v.s = g_ptr_array_index (col->dict_texts, col->dict_index[r] - 1);
      put_cell (col->cells, &v);
    }
}

/**
 * awb_pack_builder_add_row:
 * @values: n_columns cells; texts are copied
 *
 * At most the builder's capacity of rows go into one pack.
 */
void
awb_pack_builder_add_row (AwbPackBuilder     *self,
                          const AwbScanValue *values)
{
  guint r = self->n_rows;

  g_return_if_fail (r < self->capacity);

  for (guint c = 0; c < self->n_columns; c++)
    {
      Column *col = &self->columns[c];
      const AwbScanValue *v = &values[c];

      col->types[r] = (guint8) v->type;
      col->ints[r] = v->type == SQLITE_INTEGER ? v->i : 0;
      col->dict_index[r] = 0;
      if (v->type == SQLITE_NULL)
        col->any_null = TRUE;
      else
        col->any_value = TRUE;
      if (col->cells != NULL)
        {
          put_cell (col->cells, v);
          continue;
        }
      switch (v->type)
        {
        case SQLITE_NULL:
          break;
        case SQLITE_INTEGER:
          col->texts_only = FALSE;
          break;
        case SQLITE_TEXT:
          col->ints_only = FALSE;
          if (col->texts_only)
            {
              gsize at = col->last_index;

              if (at == 0 || strcmp (g_ptr_array_index (col->dict_texts, at - 1), v->s) != 0)
                at = GPOINTER_TO_SIZE (g_hash_table_lookup (col->dict, v->s));
              if (at == 0 && col->dict_texts->len < 255)
                {
                  char *copy = g_strdup (v->s);

                  g_ptr_array_add (col->dict_texts, copy);
                  at = col->dict_texts->len;
                  g_hash_table_insert (col->dict, copy, GSIZE_TO_POINTER (at));
                }
              if (at == 0)
                col->texts_only = FALSE;
              col->dict_index[r] = (guint8) at;
              col->last_index = (guint8) at;
            }
          break;
        default:
          col->ints_only = FALSE;
          col->texts_only = FALSE;
          break;
        }
      if (!col->ints_only && !col->texts_only)
        {
          column_to_cells (col, r);
          put_cell (col->cells, v);
        }
    }
  self->n_rows++;
}

/* Bytes needed for @x: 0..8. */
static guint
width_of (guint64 x)
{
  guint w = 0;

  while (x != 0)
    {
      w++;
      x >>= 8;
    }
  return w;
}

static void
put_numbers (GByteArray    *out,
             const guint64 *u,
             guint          n,
             guint          width)
{
  guint start = out->len;

  g_byte_array_set_size (out, start + n * width + 7);
  for (guint r = 0; r < n && width > 0; r++)
    {
      guint64 le = GUINT64_TO_LE (u[r]);

      memcpy (out->data + start + r * width, &le, width);
    }
  memset (out->data + start + n * width, 0, 7);
}

/* Writes an integer column as form 1 or 4; returns %FALSE, writing
 * nothing, for the one column neither holds: NULLs beside values that
 * span all of int64. */
static gboolean
finish_ints (Column     *col,
             guint       n,
             GByteArray *out)
{
  const gint64 *v = col->ints;
  const guint8 *types = col->types;
  g_autofree guint64 *u = g_new (guint64, MAX (n, 1));
  gint64 lo = G_MAXINT64, hi = G_MININT64, dlo = G_MAXINT64, dhi = G_MININT64;
  guint frame_width = 9, delta_width = 9;
  guint8 kind, width;

  for (guint r = 0; r < n; r++)
    {
      if (types[r] != SQLITE_INTEGER)
        continue;
      lo = MIN (lo, v[r]);
      hi = MAX (hi, v[r]);
    }
  /* u = v - lo + 1 must fit: not when the values span all of int64 */
  if ((guint64) hi - (guint64) lo != G_MAXUINT64)
    {
      frame_width = width_of ((guint64) hi - (guint64) lo + 1);
      if (!col->any_null && hi == lo)
        frame_width = 0;
    }
  if (!col->any_null)
    {
      for (guint r = 1; r < n; r++)
        {
          gint64 d = (gint64) ((guint64) v[r] - (guint64) v[r - 1]);   /* wraps: Notes (1) */

          dlo = MIN (dlo, d);
          dhi = MAX (dhi, d);
        }
      delta_width = n > 1 ? width_of ((guint64) dhi - (guint64) dlo) : 0;
      if (n <= 1)
        dlo = 0;
    }
  if (frame_width > 8 && delta_width > 8)
    return FALSE;

  if (delta_width < frame_width)
    {
      kind = FORM_DELTA;
      width = (guint8) delta_width;
      g_byte_array_append (out, &kind, 1);
      g_byte_array_append (out, &width, 1);
      put_u64 (out, (guint64) v[0]);
      put_u64 (out, (guint64) dlo);
      u[0] = 0;
      for (guint r = 1; r < n; r++)
        u[r] = (guint64) v[r] - (guint64) v[r - 1] - (guint64) dlo;
    }
  else
    {
      kind = FORM_FRAME;
      width = (guint8) frame_width;
      g_byte_array_append (out, &kind, 1);
      g_byte_array_append (out, &width, 1);
      put_u64 (out, (guint64) lo);
      for (guint r = 0; r < n; r++)
        u[r] = types[r] == SQLITE_INTEGER ? (guint64) v[r] - (guint64) lo + 1 : 0;
    }
  put_numbers (out, u, n, width);
  return TRUE;
}

/**
 * awb_pack_builder_finish:
 *
 * Appends the pack of the rows added so far to @out (Notes (1)) and
 * empties the builder for the next pack.
 */
void
awb_pack_builder_finish (AwbPackBuilder *self,
                         GByteArray     *out)
{
  for (guint c = 0; c < self->n_columns; c++)
    {
      Column *col = &self->columns[c];
      guint8 kind;

      if (!col->any_value)
        {
          kind = FORM_NULL;
          g_byte_array_append (out, &kind, 1);
        }
      else if (col->cells == NULL && col->ints_only && finish_ints (col, self->n_rows, out))
        ;
      else if (col->cells == NULL && col->texts_only)
        {
          guint8 k = (guint8) col->dict_texts->len;

          kind = FORM_DICT;
          g_byte_array_append (out, &kind, 1);
          g_byte_array_append (out, &k, 1);
          for (guint i = 0; i < col->dict_texts->len; i++)
            {
              const char *text = g_ptr_array_index (col->dict_texts, i);
              gsize len = strlen (text);

              put_varint (out, len);
              g_byte_array_append (out, (const guint8 *) text, (guint) len + 1);
            }
          g_byte_array_append (out, col->dict_index, self->n_rows);
        }
      else
        {
          if (col->cells == NULL)
            column_to_cells (col, self->n_rows);
          kind = FORM_CELLS;
          g_byte_array_append (out, &kind, 1);
          put_varint (out, col->cells->len);
          g_byte_array_append (out, col->cells->data, col->cells->len);
        }
      column_reset (col);
    }
  self->n_rows = 0;
}

/* ---- reading ---- */

typedef struct
{
  guint8        kind;
  guint8        width;
  guint64       mask;
  guint64       base;       /* frame: b; delta: the first cell */
  guint64       step;       /* delta: d */
  guint64       previous;   /* delta: the cell before */
  const guint8 *data;       /* frame, delta: the numbers; dict: the indexes; cells: the cursor */
  const guint8 *end;        /* cells: the column's end */
  guint8        k;
  const char   *texts[255];
} Reader;

static gboolean
damaged (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "damaged pack");
  return FALSE;
}

static gboolean
parse_column (const guint8 **pos,
              const guint8  *end,
              guint          n,
              Reader        *rd)
{
  const guint8 *p = *pos;

  if (p >= end)
    return FALSE;
  rd->kind = *p++;
  switch (rd->kind)
    {
    case FORM_NULL:
      break;
    case FORM_FRAME:
    case FORM_DELTA:
      {
        gsize header = rd->kind == FORM_FRAME ? 9 : 17;

        if ((gsize) (end - p) < header)
          return FALSE;
        rd->width = p[0];
        if (rd->width > 8)
          return FALSE;
        rd->mask = rd->width == 8 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << (8 * rd->width)) - 1;
        rd->base = get_u64 (p + 1);
        rd->step = rd->kind == FORM_DELTA ? get_u64 (p + 9) : 0;
        p += header;
        if ((guint64) (end - p) < (guint64) n * rd->width + 7)
          return FALSE;
        rd->data = p;
        p += (gsize) n * rd->width + 7;
      }
      break;
    case FORM_DICT:
      if (p >= end)
        return FALSE;
      rd->k = *p++;
      for (guint i = 0; i < rd->k; i++)
        {
          guint64 len;

          if (!get_varint (&p, end, &len) || (guint64) (end - p) < len + 1 || p[len] != '\0')
            return FALSE;
          rd->texts[i] = (const char *) p;
          p += len + 1;
        }
      if ((gsize) (end - p) < n)
        return FALSE;
      for (guint r = 0; r < n; r++)
        if (p[r] > rd->k)
          return FALSE;
      rd->data = p;
      p += n;
      break;
    case FORM_CELLS:
      {
        guint64 len;

        if (!get_varint (&p, end, &len) || (guint64) (end - p) < len)
          return FALSE;
        rd->data = p;
        rd->end = p + len;
        p += len;
      }
      break;
    default:
      return FALSE;
    }
  *pos = p;
  return TRUE;
}

static inline guint64
number (const Reader *rd,
        guint         r)
{
  guint64 le;

  memcpy (&le, rd->data + (gsize) r * rd->width, 8);
  return GUINT64_FROM_LE (le) & rd->mask;
}

/* Fills column @c of rows @r0 .. @r1 - 1 into @batch (rows of @stride). */
static gboolean
read_column (Reader       *rd,
             guint         r0,
             guint         r1,
             AwbScanValue *batch,
             guint         stride)
{
  AwbScanValue *v = batch;

  switch (rd->kind)
    {
    case FORM_NULL:
      for (guint r = r0; r < r1; r++, v += stride)
        {
          v->type = SQLITE_NULL;
          v->i = 0;
        }
      break;
    case FORM_FRAME:
      if (rd->width == 0)
        {
          for (guint r = r0; r < r1; r++, v += stride)
            {
              v->type = SQLITE_INTEGER;
              v->i = (gint64) rd->base;
            }
          break;
        }
      for (guint r = r0; r < r1; r++, v += stride)
        {
          guint64 u = number (rd, r);

          v->type = u == 0 ? SQLITE_NULL : SQLITE_INTEGER;
          v->i = u == 0 ? 0 : (gint64) (rd->base + u - 1);
        }
      break;
    case FORM_DELTA:
      for (guint r = r0; r < r1; r++, v += stride)
        {
          rd->previous = r == 0 ? rd->base
                                : rd->previous + rd->step + (rd->width ? number (rd, r) : 0);
          v->type = SQLITE_INTEGER;
          v->i = (gint64) rd->previous;
        }
      break;
    case FORM_DICT:
      for (guint r = r0; r < r1; r++, v += stride)
        {
          guint8 index = rd->data[r];

          if (index == 0)
            {
              v->type = SQLITE_NULL;
              v->i = 0;
            }
          else
            {
              v->type = SQLITE_TEXT;
              v->s = rd->texts[index - 1];
            }
        }
      break;
    default:   /* FORM_CELLS */
      for (guint r = r0; r < r1; r++, v += stride)
        if (!get_cell (&rd->data, rd->end, v))
          return FALSE;
      break;
    }
  return TRUE;
}

/**
 * awb_pack_read:
 * @data: a pack of @n_rows rows of @n_columns columns
 *
 * Calls @row for each row in order.
 *
 * Returns: %FALSE with @error set when @row failed, or when the pack is
 *   damaged (G_IO_ERROR_INVALID_DATA): then some rows may have been read.
 */
gboolean
awb_pack_read (const guint8    *data,
               gsize            len,
               guint            n_rows,
               guint            n_columns,
               AwbPackRowFunc   row,
               gpointer         user_data,
               GError         **error)
{
  g_autofree Reader *readers = NULL;
  g_autofree AwbScanValue *batch = NULL;
  const guint8 *p = data, *end = data + len;

  g_return_val_if_fail (n_columns > 0 && n_columns <= AWB_PACK_MAX_COLUMNS, FALSE);

  readers = g_new0 (Reader, n_columns);
  for (guint c = 0; c < n_columns; c++)
    if (!parse_column (&p, end, n_rows, &readers[c]))
      return damaged (error);

  batch = g_new (AwbScanValue, (gsize) BATCH * n_columns);
  for (guint r0 = 0; r0 < n_rows; r0 += BATCH)
    {
      guint r1 = MIN (r0 + BATCH, n_rows);

      for (guint c = 0; c < n_columns; c++)
        if (!read_column (&readers[c], r0, r1, batch + c, n_columns))
          return damaged (error);
      for (guint r = r0; r < r1; r++)
        if (!row (batch + (gsize) (r - r0) * n_columns, user_data, error))
          return FALSE;
    }
  return TRUE;
}
