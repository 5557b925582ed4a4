/* awb-radix-private.h: sorting a million keys without comparisons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Key order of a signed 64-bit value, as an unsigned one. */
static inline guint64
_awb_radix_key_i64 (gint64 v)
{
  return (guint64) v ^ G_GUINT64_CONSTANT (0x8000000000000000);
}

void  _awb_radix_sort  (guint64  *keys,
                        guint32  *index,
                        gsize     n);

G_END_DECLS
