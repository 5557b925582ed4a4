/* awb-csv-field.h: writing one CSV field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void  awb_csv_append_field  (GString    *out,
                             const char *text);

G_END_DECLS
