/* awb-cli-model.c: placeholder until its owner lands it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "awb-cli.h"

int
awb_cli_export_scores (int argc, char **argv)
{
  g_printerr ("not implemented yet\n");
  return 1;
}

int
awb_cli_settings (int argc, char **argv)
{
  g_printerr ("not implemented yet\n");
  return 1;
}

int
awb_cli_explain (int argc, char **argv)
{
  g_printerr ("not implemented yet\n");
  return 1;
}
