/* awb-scores-csv.h: the `scores` table of the interchange format (spec §11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-model-types.h"

G_BEGIN_DECLS

void   awb_scores_csv_header    (GString                *out);
void   awb_scores_csv_row       (GString                *out,
                                 const char             *client_no,
                                 AwbDate                 as_of,
                                 const AwbClientLabels  *labels);
void   awb_scores_csv_decimal   (GString                *out,
                                 double                  value);

G_END_DECLS
