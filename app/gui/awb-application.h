/* awb-application.h: the application, its actions and command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AWB_TYPE_APPLICATION (awb_application_get_type ())
G_DECLARE_FINAL_TYPE (AwbApplication, awb_application, AWB, APPLICATION, AdwApplication)

AwbApplication *awb_application_new (void);

G_END_DECLS
