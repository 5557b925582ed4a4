/* awb-demo.h: a deterministic generator of realistic demo branches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "awb-database.h"

G_BEGIN_DECLS

typedef struct
{
  guint    n_clients;   /* default 5,000 */
  guint64  n_trades;    /* 0: the generator's natural count for n_clients */
  guint64  seed;        /* same seed + same end date + same sizes = same book */
  AwbDate  end_date;    /* the last day of the history (AWB_DATE_NONE: today) */
} AwbDemoOptions;

/* What a successful run wrote. */
typedef struct
{
  guint64  n_managers;
  guint64  n_clients;
  guint64  n_trades;
  guint64  n_interactions;
  AwbDate  end_date;    /* the end date used (today when the options had none) */
} AwbDemoSummary;

/* The largest sizes the generator accepts (account and trade numbers keep
 * their fixed width up to these). */
#define AWB_DEMO_MAX_CLIENTS 10000000u
#define AWB_DEMO_MAX_TRADES  G_GUINT64_CONSTANT (999999999999)

void      awb_demo_options_init  (AwbDemoOptions   *options);

/* Writes a branch (8 managers, clients, three years of trades, interactions
 * and surveys) into @db, which must hold no clients yet, in one transaction.
 * Blocking: call it from a worker thread (the GUI does, for --demo).  @db is
 * used from the calling thread only; @progress is called from it too, at
 * most 200 times, with the fraction done.  On failure or cancellation
 * (G_IO_ERROR_CANCELLED) the book is left as it was.  See awb-demo.c for
 * the design and what the generated branch looks like. */
gboolean  awb_demo_generate      (AwbDatabase           *db,
                                  const AwbDemoOptions  *options,
                                  AwbProgressFunc        progress,
                                  gpointer               user_data,
                                  GCancellable          *cancellable,
                                  GError               **error);

/* The same, filling @summary (may be %NULL) on success. */
gboolean  awb_demo_generate_full (AwbDatabase           *db,
                                  const AwbDemoOptions  *options,
                                  AwbDemoSummary        *summary,
                                  AwbProgressFunc        progress,
                                  gpointer               user_data,
                                  GCancellable          *cancellable,
                                  GError               **error);

G_END_DECLS
