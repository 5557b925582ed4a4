/* awb-money.h: money as integer fen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-types.h"

G_BEGIN_DECLS

/* The largest amount a book holds, in fen: 1,000,000,000,000.00 yuan (10^14
 * fen), a thousand times the largest client's assets.  Any amount read is
 * bounded by it, so that a sum of up to 92,233 of them fits in 64 bits. */
#define AWB_MONEY_MAX_FEN G_GINT64_CONSTANT (100000000000000)

typedef enum {
  AWB_MONEY_OK,
  AWB_MONEY_BAD,        /* not an amount of money */
  AWB_MONEY_TOO_LARGE,  /* an amount, but beyond ±AWB_MONEY_MAX_FEN */
} AwbMoneyParse;

AwbMoneyParse awb_money_parse_checked (const char *text,
                                  gssize      len,
                                  AwbFen     *out);
gboolean  awb_money_parse        (const char *text,
                                  gssize      len,
                                  AwbFen     *out);
void      awb_money_format_buf   (AwbFen      fen,
                                  char        buf[32]);
char     *awb_money_format       (AwbFen      fen);
char     *awb_money_format_grouped (AwbFen    fen);

G_END_DECLS
