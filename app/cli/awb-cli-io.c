/* awb-cli-io.c: placeholder until its owner lands it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "awb-cli.h"

int
awb_cli_import (int argc, char **argv)
{
  g_printerr ("not implemented yet\n");
  return 1;
}

int
awb_cli_export (int argc, char **argv)
{
  g_printerr ("not implemented yet\n");
  return 1;
}
