/* awb-types.h: forward declarations and small shared types of the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A calendar date as a day number: days since 1970-01-01 (1970-01-01 is 0).
 * Dates are stored this way in the book: an integer sorts, compares and
 * subtracts (recency = as_of - last_trade) without parsing, which matters
 * when a scoring run walks 20 million trades.  AWB_DATE_NONE means unknown. */
typedef gint32 AwbDate;
#define AWB_DATE_NONE G_MININT32

/* Money is integer fen (1/100 CNY), never floating point. */
typedef gint64 AwbFen;

typedef struct _AwbDatabase AwbDatabase;

G_END_DECLS

G_BEGIN_DECLS

/* Reports progress of long work (import, demo generation, scoring run) as a
 * fraction 0..1.  Called from the thread doing the work, at most a few
 * hundred times in all: a GUI caller forwards it to the main loop itself. */
typedef void (*AwbProgressFunc) (double   fraction,
                                 gpointer user_data);

G_END_DECLS
