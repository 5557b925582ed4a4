/* awb-demo-client-private.h: the simulation of one client of a demo branch
 * (private to app/demo)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-codes.h"
#include "awb-date.h"
#include "awb-demo-random-private.h"
#include "awb-demo-vocabulary-private.h"

G_BEGIN_DECLS

/* What every client of a run shares; read only while clients are drawn. */
typedef struct
{
  guint64             seed;
  guint               n_clients;
  AwbDate             end;            /* the last day of the history */
  AwbDate             window_start;   /* first day of the three years */
  AwbDemoProductPool  products[5];    /* per risk level R1..R5 */
  double              sizes[AWB_DEMO_SIZE_STEPS];
} AwbDemoBranch;

/* What a client's profile decides for its trades and interactions. */
typedef struct
{
  gint64   id;              /* clients.id: set by the driver */
  gint64   aum;             /* fen */
  double   weight;          /* expected trades over the window; 0: prospect */
  guint64  n_trades;
  AwbDate  active_from;     /* trades fall in [active_from, active_to] */
  AwbDate  active_to;
  AwbDate  contact_from;    /* interactions fall in [contact_from, end] */
  guint32  n_interactions;  /* at most AWB_DEMO_MAX_INTERACTIONS */
  guint8   level;           /* plausible suitability level 1..5 */
  guint8   rate;            /* commission, in 1/100,000 of the amount */
  guint8   satisfaction;    /* the client's usual survey answer, 1..5 */
  guint8   lowest;          /* lowest category: R1 products only */
} AwbDemoPlan;

#define AWB_DEMO_MAX_INTERACTIONS 200   /* a client's, in three years */

/* A row of the clients table, but for its id. */
typedef struct
{
  char                name[16];
  char                phone[12];
  char                email_text[40];      /* what email points to, if anything */
  char                id_number[19];
  char                client_no[16];
  AwbGender           gender;
  AwbDate             birth_date;
  const char         *email;               /* NULL: none */
  const AwbDemoCity  *city;                /* its name and region */
  const char         *occupation;
  const char         *education;
  AwbMarital          marital;
  int                 children;
  int                 youngest_child_age;  /* -1: no children */
  AwbEmployment       employment;
  AwbIncomeBand       income;
  gint64              aum;                 /* fen */
  double              share_of_wallet;
  AwbDate             opened_on;
  guint               manager;             /* index, < AWB_DEMO_N_MANAGERS */
  AwbChannel          channel;
  AwbNeedType         need;
  int                 q_job;               /* the questionnaire's answers, 1..5 */
  int                 q_burden;
  int                 q_housing;
  int                 q_experience;
  int                 q_knowledge;
  int                 loss_tolerance_pct;
  int                 q_priority;
  int                 q_stoploss;
  int                 q_if_loss;
  int                 q_watching;
  int                 q_results;
  AwbDate             assessed_on;
  gboolean            lowest_category;
  AwbLoyaltyDriver    loyalty_driver;
  int                 referrals;
  gboolean            competitor_account;
  int                 cadence_days;        /* 0: none */
  const char         *notes;               /* NULL: none */
} AwbDemoClient;

/* A row of the trades table, but for its trade number. */
typedef struct
{
  gint64       client_id;
  gint64       commission;   /* fen */
  gint64       amount;       /* fen */
  const char  *side;         /* "buy", "sell" */
  const char  *product;      /* six digits, in the branch's products */
  AwbDate      date;
  guint8       risk;         /* the product's, 1..5 */
  guint8       override;     /* 1: above the client's level, risk warning signed */
} AwbDemoTrade;

/* Where a client's trades are drawn from, one after the other. */
typedef struct
{
  AwbDemoRng            rng;
  const AwbDemoBranch  *branch;
  const AwbDemoPlan    *plan;
  const AwbDate        *dates;   /* the trades' dates, in order */
  guint64               n;       /* the client's trades */
  guint64               next;    /* the next one to draw */
} AwbDemoTradeCursor;

/* A row of the interactions table, but for its client. */
typedef struct
{
  AwbDate             date;
  AwbInteractionKind  kind;
  int                 satisfaction;   /* 1..5 for a survey; 0: none */
  const char         *notes;          /* NULL: none */
  AwbDate             follow_up;      /* AWB_DATE_NONE: none */
  gboolean            done;
} AwbDemoInteraction;

void   _awb_demo_client_profile       (const AwbDemoBranch  *branch,
                                       guint                 index,
                                       AwbDemoClient        *client,
                                       AwbDemoPlan          *plan);
void   _awb_demo_client_trades_start  (AwbDemoTradeCursor   *cursor,
                                       const AwbDemoBranch  *branch,
                                       guint                 index,
                                       const AwbDemoPlan    *plan,
                                       AwbDate             **dates,
                                       gsize                *dates_size);
guint  _awb_demo_client_trades_fill   (AwbDemoTradeCursor   *cursor,
                                       AwbDemoTrade         *rows,
                                       guint                 n_rows);
guint  _awb_demo_client_interactions  (const AwbDemoBranch  *branch,
                                       guint                 index,
                                       const AwbDemoPlan    *plan,
                                       AwbDemoInteraction    rows[AWB_DEMO_MAX_INTERACTIONS]);

G_END_DECLS
