/* awb-cli-score.c: placeholder until its owner lands it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "awb-cli.h"

int
awb_cli_score (int argc, char **argv)
{
  g_printerr ("not implemented yet\n");
  return 1;
}

int
awb_cli_rfm (int argc, char **argv)
{
  g_printerr ("not implemented yet\n");
  return 1;
}
