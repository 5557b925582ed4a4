/* awb-cli.h: the subcommands of advisor-workbench-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each takes the arguments after the program name (argv[0] is the
 * subcommand), parses them with GOptionContext, prints errors on standard
 * error and returns the exit status.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int  awb_cli_import         (int argc, char **argv);   /* awb-cli-io.c */
int  awb_cli_export         (int argc, char **argv);   /* awb-cli-io.c: clients|trades|interactions */
int  awb_cli_demo           (int argc, char **argv);   /* awb-cli-demo.c */
int  awb_cli_score          (int argc, char **argv);   /* awb-cli-score.c */
int  awb_cli_rfm            (int argc, char **argv);   /* awb-cli-score.c */
int  awb_cli_export_scores  (int argc, char **argv);   /* awb-cli-model.c: export scores */
int  awb_cli_settings       (int argc, char **argv);   /* awb-cli-model.c */
int  awb_cli_explain        (int argc, char **argv);   /* awb-cli-model.c */
int  awb_cli_migration      (int argc, char **argv);   /* awb-cli-migration.c */
int  awb_cli_report         (int argc, char **argv);   /* awb-cli-report.c */
int  awb_cli_chart          (int argc, char **argv);   /* awb-cli-report.c */
int  awb_cli_backup         (int argc, char **argv);   /* awb-cli-backup.c */
int  awb_cli_restore        (int argc, char **argv);   /* awb-cli-backup.c */
int  awb_cli_server         (int argc, char **argv);   /* awb-cli-server.c */
int  awb_cli_sync           (int argc, char **argv);   /* awb-cli-sync.c */

/* Shared helpers (awb-cli.c). */
char *awb_cli_resolve_db_path (const char *db_option);
void  awb_cli_print_error     (const char *command,
                               GError     *error);
int   awb_cli_usage_error     (const char     *command,
                               GOptionContext *context,
                               const char     *message);

G_END_DECLS
