/* awb-radix.c: a stable LSD radix sort of (key, index) pairs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The two percent ranks and the value ranking of a scoring run sort the
 * whole book; glibc's qsort (a merge sort calling a comparison function)
 * took most of the classify step's time on a million clients.  Eight
 * passes of one byte each, skipping a byte every key shares (the high
 * bytes of amounts and counts usually), sort in linear time.  Neither
 * GLib nor libc has a radix sort, hence this one.
 */
#define G_LOG_DOMAIN "awb-radix"

#include "config.h"

#include <string.h>

#include "awb-radix-private.h"

/**
 * _awb_radix_sort:
 * @keys: (array length=n) (inout): the keys, ascending on return
 * @index: (array length=n) (inout): carried along with the keys
 *
 * Stable: equal keys keep their order.
 */
void
_awb_radix_sort (guint64 *keys,
                 guint32 *index,
                 gsize    n)
{
  g_autofree guint64 *keys2 = NULL;
  g_autofree guint32 *index2 = NULL;
  g_autofree gsize *counts = NULL;
  guint64 *src_k = keys, *dst_k;
  guint32 *src_i = index, *dst_i;

  if (n < 2)
    return;
  keys2 = g_new (guint64, n);
  index2 = g_new (guint32, n);
  dst_k = keys2;
  dst_i = index2;

  /* every byte's histogram in one pass over the keys */
  counts = g_new0 (gsize, 8 * 256);
  for (gsize i = 0; i < n; i++)
    for (int b = 0; b < 8; b++)
      counts[b * 256 + ((keys[i] >> (8 * b)) & 0xff)]++;

  for (int b = 0; b < 8; b++)
    {
      gsize *count = counts + b * 256;
      int shift = 8 * b;
      gsize pos = 0;

      if (count[(src_k[0] >> shift) & 0xff] == n)
        continue;   /* every key has this byte: nothing to do */
      for (int v = 0; v < 256; v++)
        {
          gsize c = count[v];
          count[v] = pos;
          pos += c;
        }
      for (gsize i = 0; i < n; i++)
        {
          gsize to = count[(src_k[i] >> shift) & 0xff]++;
          dst_k[to] = src_k[i];
          dst_i[to] = src_i[i];
        }
      /* swap roles */
      {
        guint64 *tk = src_k; guint32 *ti = src_i;
        src_k = dst_k; src_i = dst_i;
        dst_k = tk; dst_i = ti;
      }
    }
  if (src_k != keys)
    {
      memcpy (keys, src_k, n * sizeof *keys);
      memcpy (index, src_i, n * sizeof *index);
    }
}
