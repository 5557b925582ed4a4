/* awb-classify.h: the classify step of a scoring run (spec §4–§9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-settings.h"

G_BEGIN_DECLS

void  awb_classify_client     (const AwbSettings     *s,
                               AwbDate                as_of,
                               const AwbClientFacts  *facts,
                               double                 aum_rank,
                               double                 frequency_rank,
                               AwbClientLabels       *labels);
void  awb_classify_book       (const AwbSettings     *s,
                               AwbDate                as_of,
                               const AwbClientFacts  *facts,
                               AwbClientLabels       *labels,
                               gsize                  n);
void  awb_classify_book_full  (const AwbSettings     *s,
                               AwbDate                as_of,
                               const AwbClientFacts  *facts,
                               AwbClientLabels       *labels,
                               gsize                  n,
                               double                *aum_rank,
                               double                *frequency_rank,
                               guint32               *value_position);

/* An AwbClassifyFunc (awb-scoring.h) for awb_scoring_run(): @user_data is
 * the AwbSettings in force. */
gboolean  awb_classify_hook   (AwbDate                as_of,
                               const AwbClientFacts  *facts,
                               AwbClientLabels       *labels,
                               gsize                  n,
                               gpointer               user_data,
                               GError               **error);

G_END_DECLS
