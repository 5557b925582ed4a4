/* awb-interaction-log.h: logging a call, visit, event, survey, complaint or
 * education session, and completing a follow-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-codes.h"
#include "awb-database.h"

G_BEGIN_DECLS

#define AWB_INTERACTION_ERROR (awb_interaction_error_quark ())

typedef enum
{
  AWB_INTERACTION_ERROR_INVALID,        /* a field is not a value it takes */
  AWB_INTERACTION_ERROR_NOT_FOUND,      /* no such client, or no such open follow-up */
  AWB_INTERACTION_ERROR_ALREADY_DONE,   /* the follow-up was completed meanwhile */
} AwbInteractionError;

/* One interaction as a person logs it. */
typedef struct
{
  AwbInteractionKind  kind;
  AwbDate             date;           /* the day it happened */
  int                 satisfaction;   /* 1-5 for a survey, else AWB_UNKNOWN */
  const char         *notes;          /* or NULL */
  AwbDate             follow_up_on;   /* or AWB_DATE_NONE */
} AwbInteractionEntry;

/* One interaction as the book has it. */
typedef struct
{
  gint64              id;
  AwbInteractionKind  kind;
  AwbDate             date;
  int                 satisfaction;   /* 1-5, or AWB_UNKNOWN */
  char               *notes;          /* or NULL */
  AwbDate             follow_up_on;   /* or AWB_DATE_NONE */
  gboolean            done;
} AwbInteractionRecord;

GQuark    awb_interaction_error_quark        (void);

void      awb_interaction_entry_init         (AwbInteractionEntry        *entry,
                                              AwbInteractionKind          kind,
                                              AwbDate                     date);
gboolean  awb_interaction_entry_check        (const AwbInteractionEntry  *entry,
                                              AwbDate                     today,
                                              GError                    **error);
gint64    awb_interaction_log                (AwbDatabase                *db,
                                              gint64                      client_id,
                                              const AwbInteractionEntry  *entry,
                                              AwbDate                     today,
                                              GError                    **error);
gint64    awb_interaction_complete_follow_up (AwbDatabase                *db,
                                              gint64                      follow_up_id,
                                              const AwbInteractionEntry  *entry,
                                              AwbDate                     today,
                                              GError                    **error);

GPtrArray *awb_interaction_list_client       (AwbDatabase                *db,
                                              gint64                      client_id,
                                              GError                    **error);
void      awb_interaction_record_free        (AwbInteractionRecord       *record);

G_END_DECLS
