/* awb-scores-export.h: a scoring run's scores as the §11 CSV table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-database.h"
#include "awb-model-types.h"

G_BEGIN_DECLS

gboolean  awb_scores_export  (AwbDatabase  *db,
                              gint64        run_id,
                              const char   *path,
                              gboolean      formula_guard,
                              gint64       *n_rows,
                              GError      **error);

gboolean  awb_scores_read_client (AwbDatabase      *db,
                                  gint64            client_id,
                                  gint64           *run_id,
                                  AwbDate          *as_of,
                                  AwbClientLabels  *labels,
                                  GError          **error);

G_END_DECLS
