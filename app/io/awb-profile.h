/* awb-profile.h: one client's profile, read, edited, checked and saved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-model-types.h"
#include "awb-types.h"

G_BEGIN_DECLS

#define AWB_PROFILE_ERROR (awb_profile_error_quark ())

typedef enum
{
  AWB_PROFILE_ERROR_NOT_FOUND,   /* no such client (deleted meanwhile) */
  AWB_PROFILE_ERROR_INVALID,     /* a field is not a value it takes */
  AWB_PROFILE_ERROR_CONFLICT,    /* another writer changed a field this edit changes */
  AWB_PROFILE_ERROR_DUPLICATE,   /* the client ID is another client's */
  AWB_PROFILE_ERROR_HAS_ACTIVITY, /* a deletion would delete trades or interactions too */
} AwbProfileError;

typedef struct _AwbProfile AwbProfile;

typedef struct
{
  char   *at;          /* UTC, 2026-12-03T09:41:00Z */
  char   *who;         /* the OS user, or "import" */
  char   *field;       /* the interchange format's column name */
  char   *old_value;   /* as the format writes it, NULL when there was none */
  char   *new_value;
} AwbAuditEntry;

GQuark       awb_profile_error_quark     (void);

guint        awb_profile_get_n_fields    (void);
const char  *awb_profile_get_field       (guint              i);

AwbProfile  *awb_profile_new             (AwbDate            today);
AwbProfile  *awb_profile_read            (AwbDatabase       *db,
                                          gint64             client_id,
                                          AwbDate            today,
                                          GError           **error);
void         awb_profile_free            (AwbProfile        *profile);

gint64       awb_profile_get_id          (const AwbProfile  *profile);
AwbDate      awb_profile_get_today       (const AwbProfile  *profile);
const char  *awb_profile_get             (const AwbProfile  *profile,
                                          const char        *field);
const char  *awb_profile_get_saved       (const AwbProfile  *profile,
                                          const char        *field);
void         awb_profile_set             (AwbProfile        *profile,
                                          const char        *field,
                                          const char        *text);
gboolean     awb_profile_check           (const AwbProfile  *profile,
                                          const char        *field,
                                          GError           **error);
gboolean     awb_profile_check_all       (const AwbProfile  *profile,
                                          char             **field,
                                          GError           **error);
GPtrArray   *awb_profile_get_changed     (const AwbProfile  *profile);
void         awb_profile_get_facts       (const AwbProfile  *profile,
                                          AwbClientFacts    *facts);
gboolean     awb_profile_save            (AwbProfile        *profile,
                                          AwbDatabase       *db,
                                          const char        *who,
                                          GError           **error);

gboolean     awb_profile_count_activity  (AwbDatabase       *db,
                                          gint64             client_id,
                                          gint64            *n_trades,
                                          gint64            *n_interactions,
                                          GError           **error);
gboolean     awb_profile_delete          (AwbDatabase       *db,
                                          gint64             client_id,
                                          gboolean           with_activity,
                                          const char        *who,
                                          GError           **error);
GPtrArray   *awb_profile_read_history    (AwbDatabase       *db,
                                          gint64             client_id,
                                          GError           **error);
void         awb_audit_entry_free        (AwbAuditEntry     *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwbProfile, awb_profile_free)

G_END_DECLS
