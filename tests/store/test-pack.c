/* test-pack.c: the column-wise pack format, byte by byte and round trips
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected bytes are worked out from the format's description in
 * awb-pack.c, Notes (1).
 */
#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "awb-pack.h"

#define I(v)  { SQLITE_INTEGER, { .i = (v) } }
#define N     { SQLITE_NULL, { .i = 0 } }
#define T(v)  { SQLITE_TEXT, { .s = (v) } }
#define F(v)  { SQLITE_FLOAT, { .d = (v) } }

static GByteArray *
pack_column (const AwbScanValue *cells,
             guint               n)
{
  g_autoptr(AwbPackBuilder) b = awb_pack_builder_new (1, 1024);
  GByteArray *out = g_byte_array_new ();

  for (guint r = 0; r < n; r++)
    awb_pack_builder_add_row (b, &cells[r]);
  g_assert_cmpuint (awb_pack_builder_get_n_rows (b), ==, n);
  awb_pack_builder_finish (b, out);
  g_assert_cmpuint (awb_pack_builder_get_n_rows (b), ==, 0);
  return out;
}

static void
assert_u64_at (const GByteArray *out,
               guint             at,
               guint64           expected)
{
  for (guint k = 0; k < 8; k++)
    g_assert_cmpuint (out->data[at + k], ==, (expected >> (8 * k)) & 0xff);
}

typedef struct
{
  GArray *rows;   /* AwbScanValue, n_columns per row; texts copied */
  GPtrArray *texts;
  guint n_columns;
} Collected;

static gboolean
collect (const AwbScanValue  *values,
         gpointer             data,
         GError             **error)
{
  Collected *c = data;

  for (guint k = 0; k < c->n_columns; k++)
    {
      AwbScanValue v = values[k];

      if (v.type == SQLITE_TEXT)
        {
          char *copy = g_strdup (v.s);

          g_ptr_array_add (c->texts, copy);
          v.s = copy;
        }
      g_array_append_val (c->rows, v);
    }
  return TRUE;
}

/* Packs @cells (n rows of @n_columns) and reads them back: the same types
 * and values, bit for bit. */
static void
assert_round_trip (const AwbScanValue *cells,
                   guint               n,
                   guint               n_columns)
{
  g_autoptr(AwbPackBuilder) b = awb_pack_builder_new (n_columns, MAX (n, 1));
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  Collected c = { g_array_new (FALSE, FALSE, sizeof (AwbScanValue)),
                  g_ptr_array_new_with_free_func (g_free), n_columns };

  for (guint r = 0; r < n; r++)
    awb_pack_builder_add_row (b, &cells[r * n_columns]);
  awb_pack_builder_finish (b, out);
  g_assert_true (awb_pack_read (out->data, out->len, n, n_columns, collect, &c, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.rows->len, ==, n * n_columns);
  for (guint i = 0; i < n * n_columns; i++)
    {
      const AwbScanValue *want = &cells[i];
      const AwbScanValue *got = &g_array_index (c.rows, AwbScanValue, i);

      g_assert_cmpint (got->type, ==, want->type);
      if (want->type == SQLITE_INTEGER)
        g_assert_cmpint (got->i, ==, want->i);
      else if (want->type == SQLITE_FLOAT)
        g_assert_cmpmem (&got->d, 8, &want->d, 8);
      else if (want->type == SQLITE_TEXT)
        g_assert_cmpstr (got->s, ==, want->s);
    }
  g_array_unref (c.rows);
  g_ptr_array_unref (c.texts);
}

/* Ids 100..103: as a frame they need one byte each (u = 1..4); their
 * differences are all 1, so the delta form needs none: kind 4, width 0,
 * first 100, difference 1, then only the 7 bytes of padding. */
static void
test_delta_form (void)
{
  const AwbScanValue cells[] = { I (100), I (101), I (102), I (103) };
  g_autoptr(GByteArray) out = pack_column (cells, 4);

  g_assert_cmpuint (out->len, ==, 1 + 1 + 8 + 8 + 7);
  g_assert_cmpuint (out->data[0], ==, 4);
  g_assert_cmpuint (out->data[1], ==, 0);
  assert_u64_at (out, 2, 100);
  assert_u64_at (out, 10, 1);
  assert_round_trip (cells, 4, 1);
}

/* 5, NULL, 7: NULLs rule out the delta form; the frame has base 5 and
 * u = v - 5 + 1 = 1, 0 (NULL), 3: one byte each. */
static void
test_frame_form (void)
{
  const AwbScanValue cells[] = { I (5), N, I (7) };
  g_autoptr(GByteArray) out = pack_column (cells, 3);

  g_assert_cmpuint (out->len, ==, 1 + 1 + 8 + 3 + 7);
  g_assert_cmpuint (out->data[0], ==, 1);
  g_assert_cmpuint (out->data[1], ==, 1);
  assert_u64_at (out, 2, 5);
  g_assert_cmpuint (out->data[10], ==, 1);
  g_assert_cmpuint (out->data[11], ==, 0);
  g_assert_cmpuint (out->data[12], ==, 3);
  assert_round_trip (cells, 3, 1);
}

/* A commission column of 1,000,000 .. 1,070,000 fen against a base of
 * 1,000,000: u up to 70,001 needs three bytes. */
static void
test_frame_width (void)
{
  const AwbScanValue cells[] = { I (1070000), I (1000000), N, I (1035000) };
  g_autoptr(GByteArray) out = pack_column (cells, 4);

  g_assert_cmpuint (out->data[0], ==, 1);
  g_assert_cmpuint (out->data[1], ==, 3);
  g_assert_cmpuint (out->len, ==, 1 + 1 + 8 + 4 * 3 + 7);
  /* 1,070,000 - 1,000,000 + 1 = 70,001 = 0x011171, little-endian */
  g_assert_cmpuint (out->data[10], ==, 0x71);
  g_assert_cmpuint (out->data[11], ==, 0x11);
  g_assert_cmpuint (out->data[12], ==, 0x01);
  assert_round_trip (cells, 4, 1);
}

/* 'survey', 'call', 'survey', NULL: kind 3, two texts (length, bytes,
 * NUL), then indexes 1 2 1 0. */
static void
test_dict_form (void)
{
  const AwbScanValue cells[] = { T ("survey"), T ("call"), T ("survey"), N };
  g_autoptr(GByteArray) out = pack_column (cells, 4);
  static const guint8 expected[] = {
    3, 2,
    6, 's', 'u', 'r', 'v', 'e', 'y', 0,
    4, 'c', 'a', 'l', 'l', 0,
    1, 2, 1, 0,
  };

  g_assert_cmpmem (out->data, out->len, expected, sizeof expected);
  assert_round_trip (cells, 4, 1);
}

/* 1, 'x', NULL, -1: no single type, so cell by cell: varint 6 (the bytes
 * that follow), then tags 5 (zigzag(1) = 2, shifted, odd), 6 + 2 = 8 'x' NUL, 0,
 * and 3 (zigzag(-1) = 1). */
static void
test_cells_form (void)
{
  const AwbScanValue cells[] = { I (1), T ("x"), N, I (-1) };
  g_autoptr(GByteArray) out = pack_column (cells, 4);
  static const guint8 expected[] = { 2, 6, 5, 8, 'x', 0, 0, 3 };

  g_assert_cmpmem (out->data, out->len, expected, sizeof expected);
  assert_round_trip (cells, 4, 1);
}

static void
test_null_form (void)
{
  const AwbScanValue cells[] = { N, N };
  g_autoptr(GByteArray) out = pack_column (cells, 2);

  g_assert_cmpuint (out->len, ==, 1);
  g_assert_cmpuint (out->data[0], ==, 0);
  assert_round_trip (cells, 2, 1);
}

/* The whole int64 range, doubles bit for bit, empty and non-ASCII texts,
 * and a text column with more than 255 distinct values. */
static void
test_extremes (void)
{
  const AwbScanValue span[] = { I (G_MININT64), I (G_MAXINT64), I (0), I (G_MININT64) };
  const AwbScanValue span_null[] = { I (G_MININT64), N, I (G_MAXINT64) };
  const AwbScanValue doubles[] = { F (0.1), F (-0.0), F (1e300), F (NAN), N };
  const AwbScanValue texts[] = { T (""), T ("张伟"), N, T ("") };
  g_autofree AwbScanValue *many = g_new (AwbScanValue, 300);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GByteArray) out = NULL;

  assert_round_trip (span, 4, 1);
  out = pack_column (span_null, 3);
  g_assert_cmpuint (out->data[0], ==, 2);   /* neither frame nor delta holds it */
  assert_round_trip (span_null, 3, 1);
  assert_round_trip (doubles, 5, 1);
  assert_round_trip (texts, 4, 1);

  for (guint i = 0; i < 300; i++)
    {
      char *s = g_strdup_printf ("client %u", i % 280);

      g_ptr_array_add (strings, s);
      many[i].type = SQLITE_TEXT;
      many[i].s = s;
    }
  g_clear_pointer (&out, g_byte_array_unref);
  out = pack_column (many, 300);
  g_assert_cmpuint (out->data[0], ==, 2);   /* 280 distinct > 255 */
  assert_round_trip (many, 300, 1);
}

/* Many rows over several read batches, seven columns like a trade's, and
 * a builder reused for a second pack. */
static void
test_many_rows (void)
{
  const guint n = 5000, cols = 7;
  g_autofree AwbScanValue *cells = g_new (AwbScanValue, n * cols);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint r = 0; r < n; r++)
    {
      AwbScanValue *row = &cells[r * cols];

      row[0] = (AwbScanValue) I (1000 + r * 3);
      row[1] = (AwbScanValue) I (g_rand_int_range (rand, 1, 1000000));
      row[2] = (AwbScanValue) I (g_rand_int_range (rand, 18000, 20500));
      row[3] = (AwbScanValue) I (g_rand_int_range (rand, 0, 500000));
      row[4] = (AwbScanValue) I ((gint64) g_rand_int (rand) * 1000);
      if (r % 7 == 0)
        row[5] = (AwbScanValue) N;
      else
        row[5] = (AwbScanValue) I (g_rand_int_range (rand, 1, 6));
      row[6] = (AwbScanValue) I (r % 11 == 0);
    }
  assert_round_trip (cells, n, cols);
  assert_round_trip (cells + cols, n - 1, cols);
}

/* A damaged pack is an error, never a crash or a wrong row: every
 * truncation of a pack of every form, and a text index past the list. */
static void
test_damaged (void)
{
  const AwbScanValue cells[] = {
    I (1), I (5), T ("survey"), T ("a"), F (0.5),
    I (2), N, T ("call"), I (3), N,
    I (3), I (7), N, N, T ("z"),
  };
  g_autoptr(AwbPackBuilder) b = awb_pack_builder_new (5, 3);
  g_autoptr(GByteArray) out = g_byte_array_new ();

  for (guint r = 0; r < 3; r++)
    awb_pack_builder_add_row (b, &cells[r * 5]);
  awb_pack_builder_finish (b, out);

  for (guint len = 0; len < out->len; len++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree guint8 *copy = g_memdup2 (out->data, len);
      Collected c = { g_array_new (FALSE, FALSE, sizeof (AwbScanValue)),
                      g_ptr_array_new_with_free_func (g_free), 5 };

      g_assert_false (awb_pack_read (copy, len, 3, 5, collect, &c, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_array_unref (c.rows);
      g_ptr_array_unref (c.texts);
    }

  /* the dictionary column: kind 3, k 2, 'survey', 'call', then indexes */
  {
    const AwbScanValue dict[] = { T ("survey"), T ("call") };
    g_autoptr(GByteArray) one = pack_column (dict, 2);
    g_autoptr(GError) error = NULL;
    Collected c = { g_array_new (FALSE, FALSE, sizeof (AwbScanValue)),
                    g_ptr_array_new_with_free_func (g_free), 1 };

    one->data[one->len - 1] = 3;   /* index 3 of a list of 2 */
    g_assert_false (awb_pack_read (one->data, one->len, 2, 1, collect, &c, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_assert_cmpuint (c.rows->len, ==, 0);
    g_array_unref (c.rows);
    g_ptr_array_unref (c.texts);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/awb/pack/delta", test_delta_form);
  g_test_add_func ("/awb/pack/frame", test_frame_form);
  g_test_add_func ("/awb/pack/frame-width", test_frame_width);
  g_test_add_func ("/awb/pack/dict", test_dict_form);
  g_test_add_func ("/awb/pack/cells", test_cells_form);
  g_test_add_func ("/awb/pack/null", test_null_form);
  g_test_add_func ("/awb/pack/extremes", test_extremes);
  g_test_add_func ("/awb/pack/many-rows", test_many_rows);
  g_test_add_func ("/awb/pack/damaged", test_damaged);

  return g_test_run ();
}
