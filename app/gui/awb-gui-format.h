/* awb-gui-format.h: how numbers and dates read in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "awb-types.h"

G_BEGIN_DECLS

char  *awb_gui_format_count  (gint64  n);
char  *awb_gui_format_money  (AwbFen  fen);
char  *awb_gui_format_date   (AwbDate date);

G_END_DECLS
