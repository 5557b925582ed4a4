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

void      awb_demo_options_init  (AwbDemoOptions   *options);

/* Writes a branch (8 managers, clients, three years of trades, interactions
 * and surveys) into @db, which must hold no clients yet, in one transaction. */
gboolean  awb_demo_generate      (AwbDatabase           *db,
                                  const AwbDemoOptions  *options,
                                  AwbProgressFunc        progress,
                                  gpointer               user_data,
                                  GCancellable          *cancellable,
                                  GError               **error);

G_END_DECLS
