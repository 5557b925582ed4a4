/* awb-gui-format.c: how numbers and dates read in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Counts and money are grouped by thousands with ',' in every language: that
 * is how both English and Chinese brokerage statements write them, and the
 * C.UTF-8 locale a laptop may run under has no grouping at all (printf's
 * "%'d" would print 5000), so the grouping is done here rather than left to
 * the locale.
 */
#define G_LOG_DOMAIN "awb-gui-format"

#include "config.h"

#include "awb-date.h"
#include "awb-gui-format.h"
#include "awb-money.h"
#include "awb-number-format.h"

/* "1234567" -> "1,234,567": the dashboard's grouping (awb-number-format) */
char *
awb_gui_format_count (gint64 n)
{
  return awb_format_count (n);
}

/* 123456789 fen -> "1,234,567.89" */
char *
awb_gui_format_money (AwbFen fen)
{
  return awb_money_format_grouped (fen);
}

/* YYYY-MM-DD, the format of the interchange files; "" when unknown */
char *
awb_gui_format_date (AwbDate date)
{
  if (date == AWB_DATE_NONE)
    return g_strdup ("");
  return awb_date_format (date);
}
