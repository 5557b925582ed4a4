/* awb-rfm.h: RFM scores, segments and states (spec §3, §12)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "awb-model-types.h"

G_BEGIN_DECLS

#define AWB_RFM_ERROR (awb_rfm_error_quark ())

typedef enum {
  AWB_RFM_ERROR_INVALID_SETTINGS,   /* a setting out of range */
} AwbRfmError;

typedef enum {
  AWB_RFM_DIM_R,
  AWB_RFM_DIM_F,
  AWB_RFM_DIM_M,
  AWB_RFM_N_DIMS
} AwbRfmDimension;

#define AWB_RFM_MAX_BINS 9

/* The breakpoints in force for one dimension: bins + 1 edges.  Group i
 * (1-based) holds edge[i-1] <= x < edge[i]; edge[0] is min(x), edge[bins]
 * is max(x) + 1 and the inner edges are the quantiles + 1 (or the fixed
 * breakpoints).  Recency in days, frequency in trades, monetary in yuan.
 * counts[i-1] is the number of scored clients in group i; a group whose
 * edges coincide is empty and its score unused. */
typedef struct
{
  guint   bins;
  double  edge[AWB_RFM_MAX_BINS + 1];
  guint64 counts[AWB_RFM_MAX_BINS];
} AwbRfmBreaks;

typedef struct
{
  AwbRfmMethod method;
  gsize        n_scored;          /* clients with a trade; prospects are not counted */
  gsize        n_prospects;
  AwbRfmBreaks dim[AWB_RFM_N_DIMS];
} AwbRfmBreakpoints;

GQuark       awb_rfm_error_quark            (void);

void         awb_rfm_settings_init_default  (AwbRfmSettings          *settings);
gboolean     awb_rfm_settings_validate      (const AwbRfmSettings    *settings,
                                             GError                 **error);
char        *awb_rfm_settings_to_string     (const AwbRfmSettings    *settings);
gboolean     awb_rfm_settings_parse         (const char              *text,
                                             AwbRfmSettings          *settings,
                                             AwbRfmBreakpoints       *breakpoints,
                                             GError                 **error);

double       awb_rfm_quantile7              (const double            *sorted,
                                             gsize                    n,
                                             double                   p);
void         awb_rfm_sort_fen               (gint64                  *values,
                                             gsize                    n);
void         awb_rfm_compute_breaks         (const AwbRfmSettings    *settings,
                                             AwbRfmDimension          dim,
                                             gint64                  *values,
                                             gsize                    n,
                                             double                   scale,
                                             AwbRfmBreaks            *breaks);
int          awb_rfm_group                  (const AwbRfmBreaks      *breaks,
                                             double                   x);
int          awb_rfm_score_value            (const AwbRfmBreaks      *breaks,
                                             AwbRfmDimension          dim,
                                             double                   x);
AwbSegment   awb_rfm_segment_for            (const AwbRfmSettings    *settings,
                                             int                      r,
                                             int                      f,
                                             int                      m,
                                             int                     *box_index);
AwbRfmState  awb_rfm_state_for              (int                      r,
                                             int                      f,
                                             int                      m);
const char  *awb_rfm_dimension_get_name     (AwbRfmDimension          dim);

void         awb_client_facts_init          (AwbClientFacts          *facts);
void         awb_client_facts_free          (AwbClientFacts          *facts,
                                             gsize                    n);
void         awb_rfm_labels_init            (AwbClientLabels         *labels);
void         awb_rfm_score_book             (const AwbRfmSettings    *settings,
                                             AwbDate                  as_of,
                                             const AwbClientFacts    *facts,
                                             AwbClientLabels         *labels,
                                             gsize                    n,
                                             AwbRfmBreakpoints       *breakpoints);
char        *awb_rfm_breaks_to_string       (const AwbRfmBreaks      *breaks);
char        *awb_rfm_explain                (const AwbRfmSettings    *settings,
                                             const AwbRfmBreakpoints *breakpoints,
                                             const AwbClientLabels   *labels);

G_END_DECLS
