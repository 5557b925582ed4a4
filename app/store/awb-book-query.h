/* awb-book-query.h: the read-only queries the views need (no GTK)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-database.h"

G_BEGIN_DECLS

/* The totals of the dashboard, as of a reference date. */
typedef struct
{
  gint64  n_clients;         /* every client of the book */
  AwbFen  total_aum;         /* sum of the clients' AUM */
  gint64  n_trades_12m;      /* trades dated as_of - 365 < d <= as_of */
  AwbFen  commission_12m;    /* their commission */
} AwbBookTotals;

/* What the client list shows of one client: its columns, and the labels
 * of the latest scoring run (AWB_UNKNOWN when the run did not score it). */
typedef struct
{
  gint64   id;                /* clients.id (rowid) */
  char    *client_no;         /* the account number (CSV client_id) */
  char    *name;
  char    *manager;           /* NULL when the client has no manager */
  char    *phone;             /* as stored (show it masked); NULL when none */
  char    *id_number;         /* as stored (show it masked); NULL when none */
  AwbFen   aum;
  AwbDate  last_contact;      /* latest interaction on or before the day, or AWB_DATE_NONE */
  AwbDate  next_due;          /* next open follow-up or contact by the cadence, or NONE */
  gint8    tier;              /* AwbTier */
  gint8    rfm_segment;       /* AwbSegment */
  gint8    loyalty_type;      /* AwbLoyaltyType */
  gint8    risk_level;        /* AwbRiskLevel */
  gint8    service_group;     /* AwbServiceGroup */
  gint8    life_stage;        /* AwbLifeStage */
  gint8    first_action;      /* AwbActionKind */
  gint8    questionnaire_expired;
  gint8    overdue;
  gint32   mismatches;
} AwbClientSummary;

/* One open follow-up: an interaction with done = 0 and a follow_up_on date. */
typedef struct
{
  gint64   interaction_id;
  char    *client_no;
  char    *client_name;
  int      kind;             /* AwbInteractionKind */
  AwbDate  date;             /* the interaction's date */
  AwbDate  follow_up_on;     /* when the follow-up is due */
} AwbFollowUp;

/* The tier distribution of one scoring run: counts[t] clients in tier t
 * (AwbTier order: VIP, Key, Standard, Basic). */
typedef struct
{
  gint64  counts[4];         /* indexed by AwbTier */
  gint64  n_unclassified;    /* scores rows with no tier (NULL) */
} AwbTierCounts;

void          awb_client_summary_clear     (AwbClientSummary  *summary);
void          awb_follow_up_free           (AwbFollowUp       *follow_up);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwbFollowUp, awb_follow_up_free)

gboolean      awb_book_query_totals        (AwbDatabase       *db,
                                            AwbDate            as_of,
                                            AwbBookTotals     *out,
                                            GError           **error);
GStrv         awb_book_query_managers      (AwbDatabase       *db,
                                            GError           **error);
gboolean      awb_book_query_manager_id    (AwbDatabase       *db,
                                            const char        *name,
                                            gint64            *id,
                                            GError           **error);
gboolean      awb_book_query_count_clients (AwbDatabase       *db,
                                            gint64            *n,
                                            GError           **error);
gboolean      awb_book_query_has_clients   (AwbDatabase       *db,
                                            gboolean          *out,
                                            GError           **error);
GPtrArray    *awb_book_query_follow_ups    (AwbDatabase       *db,
                                            GError           **error);
gboolean      awb_book_query_run_tiers     (AwbDatabase       *db,
                                            gint64             run_id,
                                            AwbTierCounts     *out,
                                            GError           **error);

/* Reads one client's summary by rowid with one prepared statement, reused
 * for every read: what a lazy list model needs in get_item. */
typedef struct _AwbClientReader AwbClientReader;

AwbClientReader *awb_client_reader_new     (AwbDatabase       *db,
                                            gint64             run_id,
                                            AwbDate            today,
                                            GError           **error);
gboolean      awb_client_reader_read       (AwbClientReader   *reader,
                                            gint64             id,
                                            AwbClientSummary  *out,
                                            GError           **error);
void          awb_client_reader_free       (AwbClientReader   *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwbClientReader, awb_client_reader_free)

G_END_DECLS
