/* awb-model-types.h: the data the scoring model reads and writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scoring run is three steps over plain arrays, one element per client:
 *
 *   1. gather (store): one sequential pass over clients, trades and
 *      interactions fills an AwbClientFacts per client, as of a date;
 *   2. RFM (core, awb-rfm): fills the RFM part of AwbClientLabels;
 *   3. classify (core, awb-classify): fills the rest of AwbClientLabels
 *      (tier, grid, loyalty, risk, suitability, life stage, value, ...).
 *
 * The structs are plain C, not GObjects: a million-client book is a
 * million elements, and the steps are pure functions of them and of the
 * settings, which is what makes every label explainable and testable.
 */
#pragma once

#include "awb-codes.h"
#include "awb-types.h"

G_BEGIN_DECLS

#define AWB_UNKNOWN (-1)   /* an enumeration or count field that is not known */

/* ---- RFM settings (spec §3) ------------------------------------------- */

typedef enum {
  AWB_RFM_QUANTILE,   /* the rfm package's method: type-7 quantiles, +1 */
  AWB_RFM_FIXED,      /* fixed breakpoints per dimension */
} AwbRfmMethod;

typedef enum {
  AWB_MONETARY_COMMISSION,
  AWB_MONETARY_AMOUNT,
} AwbMonetaryKind;

/* A segment box: inclusive score bounds on R, F and M. */
typedef struct
{
  AwbSegment segment;
  guint8     r_min, r_max;
  guint8     f_min, f_max;
  guint8     m_min, m_max;
} AwbSegmentBox;

#define AWB_MAX_SEGMENT_BOXES 16

typedef struct
{
  int              window_days;      /* 365 by default; 0 means all history */
  AwbMonetaryKind  monetary;         /* commission by default */
  AwbRfmMethod     method;           /* quantile by default */
  guint            bins;             /* 5 */
  /* AWB_RFM_FIXED: the bins-1 inner breakpoints per dimension, ascending;
   * group i holds lower_i <= x < upper_i, like the quantile method's.
   * Recency in days, frequency in trades, monetary in yuan. */
  double           fixed_r[8];
  double           fixed_f[8];
  double           fixed_m[8];
  guint            n_boxes;
  AwbSegmentBox    boxes[AWB_MAX_SEGMENT_BOXES];   /* in order, first match wins */
} AwbRfmSettings;

/* ---- Per-client inputs ------------------------------------------------ */

/* Everything the model needs to know of one client as of the reference
 * date.  Dates are AWB_DATE_NONE and enumerations AWB_UNKNOWN when not
 * known; the defaults of spec §12 ("missing inputs") are applied by the
 * gatherer where the spec gives one (AUM 0, basic, 0 referrals, ...). */
typedef struct
{
  gint64     id;                   /* clients.id */
  char      *client_no;            /* account number (owned by the facts array) */

  /* profile */
  AwbDate    birth_date;
  AwbDate    opened_on;
  AwbDate    assessed_on;
  AwbFen     aum;                  /* 0 if unknown */
  double     share_of_wallet;      /* percent, 0 if unknown */
  gint8      marital;              /* AwbMarital or AWB_UNKNOWN */
  gint8      employment;           /* AwbEmployment or AWB_UNKNOWN */
  gint8      need_type;            /* AwbNeedType, basic if unknown */
  gint8      loyalty_driver;       /* AwbLoyaltyDriver, unknown if unknown */
  gint8      family_override;      /* AwbFamilyStage set by the manager, or AWB_UNKNOWN */
  gint8      lowest_category;      /* 0 or 1 */
  gint8      competitor_account;   /* 0 or 1 (0 if unknown) */
  gint16     children;             /* 0 if unknown */
  gint16     youngest_child_age;   /* AWB_UNKNOWN if unknown */
  gint32     referrals;            /* 0 if unknown */
  gint32     cadence_days;         /* 0: none of the client's own */
  gint8      q_capacity[5];        /* job, burden, housing, experience, knowledge: 1..5, 0 missing */
  gint8      q_attitude[5];        /* priority, stoploss, if_loss, watching, results: 1..5, 0 missing */
  gint16     loss_tolerance_pct;   /* AWB_UNKNOWN if missing */

  /* trades dated on or before the reference date */
  AwbDate    first_trade;          /* AWB_DATE_NONE: no trade ever (a prospect) */
  AwbDate    last_trade;
  guint32    n_window;             /* trades in the RFM window */
  AwbFen     commission_window;    /* sums in the RFM window */
  AwbFen     amount_window;
  guint32    n_12m;                /* trades in the last 365 days */
  AwbFen     commission_12m;
  AwbFen     amount_12m;           /* buys and sells */
  guint16    months_12m;           /* bit k: a trade of the last 365 days in the calendar
                                    * month (reference month - 12 + k), k = 0..12 */
  guint32    n_12m_by_risk[5];     /* last-365-day trades per product level R1..R5 */
  guint32    n_12m_by_risk_no_override[5];   /* ... of those, without a signed override */

  /* interactions dated on or before the reference date */
  AwbDate    last_interaction;     /* any kind, done or not */
  gint8      latest_survey;        /* satisfaction 1..5 of the latest survey, or AWB_UNKNOWN */

  /* audit log: the latest change of a field the risk questionnaire used
   * (birth date, q_*, loss tolerance), or AWB_DATE_NONE; a change after
   * assessed_on asks for re-assessment (§7). */
  AwbDate    profile_changed_on;
} AwbClientFacts;

/* ---- Per-client results: the columns of the `scores` table (§11) -------- */

typedef struct
{
  /* RFM (awb-rfm); every field AWB_UNKNOWN for a prospect */
  gint32   recency_days;
  gint32   frequency;
  AwbFen   monetary;
  gint8    r_score, f_score, m_score;
  gint8    rfm_segment;            /* AwbSegment */
  gint8    rfm_state;              /* AwbRfmState */

  /* classification (awb-classify) */
  double   tier_score;
  gint8    tier;                   /* AwbTier */
  gint8    service_group;          /* AwbServiceGroup */
  gint32   cadence_days;
  gint8    overdue;                /* 0/1 */
  gint8    capital_size;           /* AwbCapitalSize */
  gint8    turnover_class;         /* AwbTurnover */
  double   dependency;
  double   persistence;
  gint8    loyalty_type;           /* AwbLoyaltyType */
  double   loyalty_score;
  gint8    lifecycle;              /* AwbLifecycle */
  gint16   capacity;               /* AWB_UNKNOWN without a risk profile */
  gint16   attitude;
  gint8    capacity_band;          /* AwbBand or AWB_UNKNOWN */
  gint8    attitude_band;
  gint8    risk_level;             /* AwbRiskLevel or AWB_UNKNOWN */
  gint8    questionnaire_expired;  /* 0/1, AWB_UNKNOWN without an assessment date */
  gint8    alloc_low, alloc_mid, alloc_high;   /* percent, AWB_UNKNOWN without a profile */
  gint32   mismatches;             /* AWB_UNKNOWN without a level */
  gint8    age_group;              /* AwbAgeGroup or AWB_UNKNOWN */
  gint8    life_stage;             /* AwbLifeStage or AWB_UNKNOWN */
  gint8    family_stage;           /* AwbFamilyStage */
  AwbFen   clv;                    /* lifetime value, rounded to the fen */
  gint8    value_tier;             /* AwbValueTier */

  /* next best action (awb-nba) */
  gint8    first_action;           /* AwbActionKind of the most urgent action */
} AwbClientLabels;

G_END_DECLS
