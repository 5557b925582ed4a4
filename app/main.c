/* main.c: gettext, the application, and nothing else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "awb-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AwbApplication) app = NULL;
  const char *localedir = g_getenv ("AWB_LOCALEDIR");

  /* AWB_LOCALEDIR lets tests and uninstalled runs use the catalogues the
   * build made (build/po) instead of the installed ones. */
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Advisor Workbench"));

  app = awb_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
