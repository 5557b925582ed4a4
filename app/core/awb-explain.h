/* awb-explain.h: every label of one client, with its inputs and rule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-settings.h"

G_BEGIN_DECLS

/* What a client's labels owe to the rest of the book. */
typedef struct
{
  gsize    n_book;           /* clients in the book, prospects included */
  double   aum_rank;         /* percent rank of AUM */
  double   frequency_rank;   /* percent rank of trades of the last 12 months */
  guint32  value_position;   /* 0-based place in the lifetime-value ranking */
  const char *rfm_explanation;   /* awb_rfm_explain()'s text, or NULL for a short summary */
} AwbExplainContext;

/* The groups of labels awb_explain_client_parts() explains apart. */
typedef enum
{
  AWB_EXPLAIN_RFM,          /* scores, segment, state */
  AWB_EXPLAIN_TIER,         /* tier, service group, cadence, overdue, capital, turnover */
  AWB_EXPLAIN_LOYALTY,      /* dependency, persistence, type, score, lifecycle */
  AWB_EXPLAIN_RISK,         /* capacity, attitude, allocation, level, suitability, expiry */
  AWB_EXPLAIN_LIFE_STAGE,   /* age group, life stage, family life cycle */
  AWB_EXPLAIN_VALUE,        /* lifetime value, value tier */
  AWB_EXPLAIN_ACTIONS,      /* the next best actions */
  AWB_N_EXPLAIN_PARTS
} AwbExplainPart;

char  *awb_explain_risk_profile (const AwbSettings     *s,
                                AwbDate                as_of,
                                const AwbClientFacts  *facts,
                                AwbClientLabels       *labels);
char  *awb_explain_client  (const AwbSettings        *s,
                            AwbDate                   as_of,
                            const AwbClientFacts     *facts,
                            const AwbClientLabels    *labels,
                            const AwbExplainContext  *context);

char **awb_explain_client_parts (const AwbSettings       *s,
                                 AwbDate                  as_of,
                                 const AwbClientFacts    *facts,
                                 const AwbClientLabels   *labels,
                                 const AwbExplainContext *context);

G_END_DECLS
