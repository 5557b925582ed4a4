/* awb-value.c: lifetime value and value tiers (spec §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "awb-value"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "awb-classify-math.h"
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
  AwbFen      clv;
  const char *client_no;
  guint32     index;
} ValueRow;

static int
compare_value (const void *a,
               const void *b)
{
  const ValueRow *x = a;
  const ValueRow *y = b;

  if (x->clv != y->clv)
    return x->clv > y->clv ? -1 : 1;      /* highest first */
  return strcmp (x->client_no ? x->client_no : "", y->client_no ? y->client_no : "");
}

/**
 * awb_value_tiers:
 * @positions: (out caller-allocates) (array length=n) (optional): receives
 *   each client's 0-based place in the ranking
 *
 * Precondition: clv of every label is filled.  Sorts the book by lifetime
 * value, highest first, ties by account number in byte order, and fills
 * value_tier.  O(n log n).
 */
void
awb_value_tiers (const AwbSettings    *s,
                 const AwbClientFacts *facts,
                 AwbClientLabels      *labels,
                 gsize                 n,
                 guint32              *positions)
{
  g_autofree ValueRow *rows = NULL;
  gsize n_high, n_medium;

  if (n == 0)
    return;
  g_return_if_fail (n <= G_MAXUINT32);

  rows = g_new (ValueRow, n);
  for (gsize i = 0; i < n; i++)
    {
      rows[i].clv = labels[i].clv;
      rows[i].client_no = facts[i].client_no;
      rows[i].index = (guint32) i;
    }
  qsort (rows, n, sizeof *rows, compare_value);
  awb_value_cuts (s, n, &n_high, &n_medium);
  for (gsize k = 0; k < n; k++)
    {
      AwbClientLabels *l = &labels[rows[k].index];

      l->value_tier = (gint8) (k < n_high ? AWB_VALUE_HIGH
                               : k < n_medium ? AWB_VALUE_MEDIUM : AWB_VALUE_LOW);
      if (positions != NULL)
        positions[rows[k].index] = (guint32) k;
    }
}
