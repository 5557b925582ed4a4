/* awb-window-private.h: what awb-window.c and awb-window-actions.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-clients-page.h"
#include "awb-dashboard-page.h"
#include "awb-follow-ups-page.h"
#include "awb-sync.h"
#include "awb-window.h"

G_BEGIN_DECLS

struct _AwbWindow
{
  AdwApplicationWindow  parent_instance;

  AwbDatabase          *database;        /* the book, construct-only */
  GSettings            *settings;        /* NULL when the schema is not installed */
  GCancellable         *cancellable;     /* of the running job, NULL when idle */
  guint                 job_serial;      /* bumped at each job start */
  gboolean              has_clients;     /* the book holds at least one client */

  AwbClientsPage       *clients_page;
  AwbDashboardPage     *dashboard_page;
  AwbFollowUpsPage     *follow_ups_page;
  GArray               *pending_deletes; /* PendingDelete: clients deleted, Undo offered */
  AdwToast             *delete_toast;    /* the toast offering it, or NULL */
  GCancellable         *sync_cancellable;/* the keyring lookup before a sync */
  guint                 sync_timer;      /* refreshes "Last synced … ago" */
  guint                 pulse_id;        /* pulses the progress bar of a sync */

  /* template children */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  GtkLabel             *book_label;
  GtkRevealer          *progress_revealer;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkWidget            *sync_button;
  GtkSpinner           *sync_spinner;
  GtkWidget            *sync_bar;
  GtkLabel             *sync_status_label;
  GtkButton            *conflicts_button;
};

void  _awb_window_class_actions_init  (GtkWidgetClass *widget_class);
void  _awb_window_update_actions      (AwbWindow      *self);

void  _awb_window_import              (AwbWindow      *self,
                                       AwbTableKind    kind);
void  _awb_window_export              (AwbWindow      *self);
void  _awb_window_export_scores       (AwbWindow      *self);
void  _awb_window_score               (AwbWindow      *self);
void  _awb_window_cancel              (AwbWindow      *self);
void  _awb_window_show_view           (AwbWindow      *self,
                                       const char     *name);
void  _awb_window_search              (AwbWindow      *self);
void  _awb_window_show_preferences    (AwbWindow      *self);
void  _awb_window_export_list         (AwbWindow      *self);
void  _awb_window_backup              (AwbWindow      *self);
void  _awb_window_restore             (AwbWindow      *self);
gboolean _awb_window_get_list_has_clients (AwbWindow  *self);
void  _awb_window_open_client         (AwbWindow      *self,
                                       gint64          id);
void  _awb_window_commit_deletes      (AwbWindow      *self);

/* awb-window-sync.c: the branch server */
void  _awb_window_init_sync          (AwbWindow      *self);
void  _awb_window_dispose_sync       (AwbWindow      *self);
void  _awb_window_sync               (AwbWindow      *self);
void  _awb_window_start_sync         (AwbWindow      *self,
                                      const char     *conninfo,
                                      const char     *password);
void  _awb_window_set_syncing        (AwbWindow      *self,
                                      gboolean        syncing);
void  _awb_window_update_sync_status (AwbWindow      *self);
void  _awb_window_show_conflicts     (AwbWindow      *self);
char *_awb_window_describe_sync      (const AwbSyncReport *report);
void  _awb_window_add_sync_toast     (AwbWindow      *self,
                                      const char     *title);

G_END_DECLS
