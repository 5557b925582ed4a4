/* awb-number-format.h: how counts, sums and shares read on the dashboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "awb-types.h"

G_BEGIN_DECLS

char  *awb_format_count          (gint64   n);
char  *awb_format_money_full     (AwbFen   fen);
char  *awb_format_money_compact  (AwbFen   fen);
char  *awb_format_money_tick     (double   yuan);
char  *awb_format_percent        (double   percent);
const char *awb_format_locale    (void);

G_END_DECLS
