/* awb-client-index.h: finding clients in a book of a million, as you type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "awb-database.h"

G_BEGIN_DECLS

/* The orders the client list offers, one per column. */
typedef enum
{
  AWB_CLIENT_SORT_NAME,           /* pinyin order (ICU's Chinese collation), then account number */
  AWB_CLIENT_SORT_CLIENT_NO,      /* the account number: 9 before 10; others after, by bytes */
  AWB_CLIENT_SORT_MANAGER,        /* the manager's name in pinyin order; none last */
  AWB_CLIENT_SORT_TIER,           /* VIP, Key, Standard, Basic; unscored last */
  AWB_CLIENT_SORT_SEGMENT,        /* in the order of the segment boxes; unscored last */
  AWB_CLIENT_SORT_LOYALTY,        /* trust, monopoly, ...; unscored last */
  AWB_CLIENT_SORT_RISK,           /* C1 ... C5, P; no level last */
  AWB_CLIENT_SORT_AUM,
  AWB_CLIENT_SORT_LAST_CONTACT,   /* none last */
  AWB_CLIENT_SORT_NEXT_DUE,       /* none last */
  AWB_CLIENT_SORT_ACTION,         /* the first next best action, most urgent first */
  AWB_CLIENT_SORT_PHONE,          /* the phone's digits, as a number; none last */
  AWB_CLIENT_SORT_ID_NUMBER,      /* the ID number, by bytes; none last */
  AWB_N_CLIENT_SORTS
} AwbClientSort;

/* The labels a list can be filtered by; each filter is a set of the
 * label's values (AwbTier, AwbSegment, ...), bit v for value v, 0 = any. */
typedef enum
{
  AWB_CLIENT_FILTER_TIER,
  AWB_CLIENT_FILTER_SEGMENT,
  AWB_CLIENT_FILTER_LOYALTY,
  AWB_CLIENT_FILTER_RISK,
  AWB_CLIENT_FILTER_LIFECYCLE,
  AWB_CLIENT_FILTER_LIFE_STAGE,
  AWB_CLIENT_FILTER_VALUE_TIER,
  AWB_N_CLIENT_FILTERS
} AwbClientFilter;

/* What the list shows: the clients that match every part, in one order. */
typedef struct
{
  const char     *text;                          /* the search as typed; NULL or "" for all */
  gint64          manager_id;                    /* 0 any; AWB_CLIENT_QUERY_NO_MANAGER; else managers.id */
  guint32         labels[AWB_N_CLIENT_FILTERS];  /* sets of label values, 0 = any */
  gboolean        overdue;                       /* only clients overdue for a contact */
  gboolean        mismatch;                      /* only clients with a suitability mismatch */
  gboolean        expired;                       /* only clients whose questionnaire expired */
  const GArray   *only_ids;                      /* sorted gint64 clients.id (a dashboard's
                                                  * drill-down); NULL = no restriction */
  AwbClientSort   sort;
  gboolean        descending;
} AwbClientQuery;

#define AWB_CLIENT_QUERY_NO_MANAGER (-1)

typedef struct _AwbClientIndex AwbClientIndex;

/* A client due for a contact by the cadence (awb_client_index_contacts_due). */
typedef struct
{
  gint64   id;             /* clients.id */
  guint32  order;          /* the client's place in name order */
  AwbDate  due;
  AwbDate  last_contact;   /* the latest interaction on or before the index's today, or none */
} AwbClientDue;

void            awb_client_query_init          (AwbClientQuery   *query);

AwbClientIndex *awb_client_index_load          (AwbDatabase      *db,
                                                AwbDate           today,
                                                GCancellable     *cancellable,
                                                GError          **error);
void            awb_client_index_load_async    (const char       *db_path,
                                                AwbDate           today,
                                                GCancellable     *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer          user_data);
AwbClientIndex *awb_client_index_load_finish   (GAsyncResult     *result,
                                                GError          **error);
AwbClientIndex *awb_client_index_ref           (AwbClientIndex   *index);
void            awb_client_index_unref         (AwbClientIndex   *index);

guint           awb_client_index_get_n_clients (AwbClientIndex   *index);
guint           awb_client_index_get_n_managers (AwbClientIndex  *index);
const char     *awb_client_index_get_manager   (AwbClientIndex   *index,
                                                guint             i,
                                                gint64           *id);
gint64          awb_client_index_get_run       (AwbClientIndex   *index);
AwbDate         awb_client_index_get_today     (AwbClientIndex   *index);
GArray         *awb_client_index_contacts_due  (AwbClientIndex   *index,
                                                gint64            manager_id,
                                                AwbDate           until,
                                                GHashTable       *orders);
GArray         *awb_client_index_query         (AwbClientIndex   *index,
                                                const AwbClientQuery *query);

GArray         *awb_client_index_first_ids     (AwbDatabase      *db,
                                                gint64            manager_id,
                                                GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwbClientIndex, awb_client_index_unref)

G_END_DECLS
