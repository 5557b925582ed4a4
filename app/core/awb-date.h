/* awb-date.h: calendar dates as day numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-types.h"

G_BEGIN_DECLS

AwbDate   awb_date_from_ymd    (int          year,
                                int          month,
                                int          day);
void      awb_date_to_ymd      (AwbDate      date,
                                int         *year,
                                int         *month,
                                int         *day);
gboolean  awb_date_valid_ymd   (int          year,
                                int          month,
                                int          day);
int       awb_date_days_in_month (int        year,
                                  int        month);
gboolean  awb_date_parse       (const char  *text,
                                gssize       len,
                                AwbDate     *out);
void      awb_date_format_buf  (AwbDate      date,
                                char         buf[11]);
char     *awb_date_format      (AwbDate      date);
AwbDate   awb_date_today       (void);
int       awb_date_age         (AwbDate      birth,
                                AwbDate      ref);
AwbDate   awb_date_add_months  (AwbDate      date,
                                int          months);

G_END_DECLS
