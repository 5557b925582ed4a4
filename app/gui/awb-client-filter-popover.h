/* awb-client-filter-popover.h: the client list's filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "awb-client-index.h"

G_BEGIN_DECLS

#define AWB_TYPE_CLIENT_FILTER_POPOVER (awb_client_filter_popover_get_type ())
G_DECLARE_FINAL_TYPE (AwbClientFilterPopover, awb_client_filter_popover, AWB,
                      CLIENT_FILTER_POPOVER, GtkPopover)

AwbClientFilterPopover *awb_client_filter_popover_new            (void);
void                    awb_client_filter_popover_set_managers   (AwbClientFilterPopover *self,
                                                                  AwbClientIndex         *index);
void                    awb_client_filter_popover_set_manager_locked (AwbClientFilterPopover *self,
                                                                  gboolean                locked);
void                    awb_client_filter_popover_apply          (AwbClientFilterPopover *self,
                                                                  AwbClientQuery         *query);
guint                   awb_client_filter_popover_get_n_active   (AwbClientFilterPopover *self);
void                    awb_client_filter_popover_clear          (AwbClientFilterPopover *self);

G_END_DECLS
