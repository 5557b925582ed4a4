/* awb-money.h: money as integer fen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-types.h"

G_BEGIN_DECLS

gboolean  awb_money_parse        (const char *text,
                                  gssize      len,
                                  AwbFen     *out);
void      awb_money_format_buf   (AwbFen      fen,
                                  char        buf[32]);
char     *awb_money_format       (AwbFen      fen);
char     *awb_money_format_grouped (AwbFen    fen);

G_END_DECLS
