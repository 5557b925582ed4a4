/* awb-value.c: lifetime value and value tiers (spec §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "awb-value"

#include "config.h"

#include <string.h>

#include "awb-classify-math.h"
#include "awb-radix-private.h"
#include "awb-value.h"

/* CLV = commission × r ÷ (1 + d − r), rounded half away from zero to the
 * fen (§12 ranks on the value rounded to the fen). */
AwbFen
awb_value_clv (const AwbSettings *s,
               AwbFen             commission_12m,
               AwbLoyaltyType     type)
{
  double r = s->retention[type];

  return awb_round_half_away ((double) commission_12m * r / (1.0 + s->discount - r));
}

/* The first ⌈share·n⌉ clients are high, up to ⌈share·n⌉ medium.  The share
 * is a percent: ⌈20 × n ÷ 100⌉, computed so that 20 × 5 ÷ 100 is exactly 1. */
void
awb_value_cuts (const AwbSettings *s,
                gsize              n,
                gsize             *n_high,
                gsize             *n_high_or_medium)
{
  for (int i = 0; i < 2; i++)
    {
      double x = awb_round6 (s->value_share[i] * (double) n / 100.0);
      gsize cut = (gsize) ceil (x);

      *(i == 0 ? n_high : n_high_or_medium) = MIN (cut, n);
    }
}

typedef struct
{
  const AwbClientFacts *facts;
} TieData;

static int
compare_client_no (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const AwbClientFacts *facts = ((TieData *) user_data)->facts;
  const char *x = facts[*(const guint32 *) a].client_no;
  const char *y = facts[*(const guint32 *) b].client_no;

  return strcmp (x ? x : "", y ? y : "");
}

/* Account numbers are usually digit strings of one length, whose byte
 * order is their numeric order: then a run of ties is radix sorted on the
 * number (a book of prospects has hundreds of thousands of ties at CLV 0,
 * which strcmp sorted in a quarter of a second).  Returns %FALSE, having
 * changed nothing, when some account number of the run is not such. */
static gboolean
sort_digit_ties (const AwbClientFacts *facts,
                 guint32              *order,
                 gsize                 n)
{
  guint64 small[64];
  g_autofree guint64 *big = n > G_N_ELEMENTS (small) ? g_new (guint64, n) : NULL;
  guint64 *keys = big != NULL ? big : small;
  gsize len = 0;

  for (gsize k = 0; k < n; k++)
    {
      const char *no = facts[order[k]].client_no;
      guint64 v = 0;
      gsize l = 0;

      if (no == NULL)
        return FALSE;
      for (; no[l] != '\0'; l++)
        {
          if (no[l] < '0' || no[l] > '9' || l >= 19)
            return FALSE;
          v = v * 10 + (guint64) (no[l] - '0');
        }
      if (k == 0)
        len = l;
      else if (l != len)
        return FALSE;
      keys[k] = v;
    }
  if (n < 64)
    {
      /* a short run: insertion sort (stable), no radix tables to set up */
      for (gsize k = 1; k < n; k++)
        {
          guint64 key = keys[k];
          guint32 who = order[k];
          gsize j = k;

          for (; j > 0 && keys[j - 1] > key; j--)
            {
              keys[j] = keys[j - 1];
              order[j] = order[j - 1];
            }
          keys[j] = key;
          order[j] = who;
        }
    }
  else
    _awb_radix_sort (keys, order, n);
  return TRUE;
}

/**
 * awb_value_tiers:
 * @positions: (out caller-allocates) (array length=n) (optional): receives
 *   each client's 0-based place in the ranking
 *
 * Precondition: clv of every label is filled.  Sorts the book by lifetime
 * value, highest first, ties by account number in byte order, and fills
 * value_tier.  A radix sort on the value, then a comparison sort of each
 * run of equal values only.
 */
void
awb_value_tiers (const AwbSettings    *s,
                 const AwbClientFacts *facts,
                 AwbClientLabels      *labels,
                 gsize                 n,
                 guint32              *positions)
{
  g_autofree guint64 *keys = NULL;
  g_autofree guint32 *order = NULL;
  TieData tie = { facts };
  gsize n_high, n_medium;

  if (n == 0)
    return;
  g_return_if_fail (n <= G_MAXUINT32);

  /* Highest CLV first: sort ascending on the complement of the key.  Then
   * each run of equal CLV is put in account-number order. */
  keys = g_new (guint64, n);
  order = g_new (guint32, n);
  for (gsize i = 0; i < n; i++)
    {
      keys[i] = ~_awb_radix_key_i64 (labels[i].clv);
      order[i] = (guint32) i;
    }
  _awb_radix_sort (keys, order, n);
  for (gsize i = 0; i < n;)
    {
      gsize j = i + 1;

      while (j < n && keys[j] == keys[i])
        j++;
      if (j - i > 1 && !sort_digit_ties (facts, order + i, j - i))
        g_qsort_with_data (order + i, (gint) (j - i), sizeof *order, compare_client_no, &tie);
      i = j;
    }
  awb_value_cuts (s, n, &n_high, &n_medium);
  for (gsize k = 0; k < n; k++)
    {
      AwbClientLabels *l = &labels[order[k]];

      l->value_tier = (gint8) (k < n_high ? AWB_VALUE_HIGH
                               : k < n_medium ? AWB_VALUE_MEDIUM : AWB_VALUE_LOW);
      if (positions != NULL)
        positions[order[k]] = (guint32) k;
    }
}
