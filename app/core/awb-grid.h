/* awb-grid.h: the capital × turnover grid of a book (spec §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-model-types.h"

G_BEGIN_DECLS

/* One cell: how many clients, their AUM and their commission of the last
 * 12 months, so each cell's importance is read from the data. */
typedef struct
{
  gint64  n_clients;
  AwbFen  aum;
  AwbFen  commission;
} AwbGridCell;

/* grid[capital size][turnover class], in the order of AwbCapitalSize and
 * AwbTurnover: grid[AWB_CAPITAL_LARGE][AWB_TURNOVER_SHORT_TERM] is the
 * seed's most important cell, large short-term clients. */
typedef AwbGridCell AwbGrid[3][3];

void  awb_grid_compute  (const AwbClientFacts   *facts,
                         const AwbClientLabels  *labels,
                         gsize                   n,
                         AwbGrid                 grid);

G_END_DECLS
