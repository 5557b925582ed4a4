/* awb-classify-math.h: the rounding rules of spec §12, shared by the classifiers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>

#include "awb-types.h"

G_BEGIN_DECLS

/* Values are compared with thresholds rounded to 6 decimals (§12), so an
 * exact 80 is VIP whatever the floating-point arithmetic made of it. */
static inline double
awb_round6 (double v)
{
  return round (v * 1e6) / 1e6;
}

/* Rounds half away from zero to a whole number (C's round() does that). */
static inline gint64
awb_round_half_away (double v)
{
  return (gint64) round (v);
}

G_END_DECLS
