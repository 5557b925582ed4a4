/* awb-mask.h: phone and ID numbers as a list may show them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char  *awb_mask_phone      (const char *phone);
char  *awb_mask_id_number  (const char *id_number);

G_END_DECLS
