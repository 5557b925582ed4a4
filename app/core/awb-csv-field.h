/* awb-csv-field.h: writing one CSV field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void      awb_csv_append_field         (GString    *out,
                                        const char *text);
gboolean  awb_csv_needs_formula_guard  (const char *text);
void      awb_csv_append_text          (GString    *out,
                                        const char *text,
                                        gboolean    formula_guard);

char     *awb_csv_trim             (char       *text);
gunichar  awb_csv_find_invisible   (const char *text);

G_END_DECLS
