/* awb-grid.c: the capital × turnover grid of a book (spec §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "awb-grid"

#include "config.h"

#include <string.h>

#include "awb-grid.h"

/**
 * awb_grid_compute:
 * @grid: (out caller-allocates): the nine cells, zeroed first
 *
 * Sums the classified book into the nine cells.  Precondition: the
 * capital_size and turnover_class of every label are filled (awb-classify).
 */
void
awb_grid_compute (const AwbClientFacts  *facts,
                  const AwbClientLabels *labels,
                  gsize                  n,
                  AwbGrid                grid)
{
  memset (grid, 0, sizeof (AwbGrid));
  for (gsize i = 0; i < n; i++)
    {
      int c = labels[i].capital_size;
      int t = labels[i].turnover_class;

      if (c < 0 || c > 2 || t < 0 || t > 2)
        continue;
      grid[c][t].n_clients++;
      grid[c][t].aum += facts[i].aum;
      grid[c][t].commission += facts[i].commission_12m;
    }
}
