/* awb-demo.c: placeholder until the generator lands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "awb-demo"

#include "config.h"

#include "awb-demo.h"

void
awb_demo_options_init (AwbDemoOptions *options)
{
  options->n_clients = 5000;
  options->n_trades = 0;
  options->seed = 1;
  options->end_date = AWB_DATE_NONE;
}

gboolean
awb_demo_generate (AwbDatabase           *db,
                   const AwbDemoOptions  *options,
                   AwbProgressFunc        progress,
                   gpointer               user_data,
                   GCancellable          *cancellable,
                   GError               **error)
{
  g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_FAILED, "not implemented yet");
  return FALSE;
}
