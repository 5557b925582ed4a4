/* awb-application.c: the application, its actions and command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One window per book.  `advisor-workbench` opens the default book
 * ($XDG_DATA_HOME/advisor-workbench/book.sqlite), `--db FILE` another one,
 * `--demo` the demo book (demo.sqlite next to the default one), generating
 * 5,000 clients into it when it holds none.  A second invocation hands its
 * command line to the running instance, which opens or presents the window
 * of that book; handle-local-options makes --db absolute first, since the
 * running instance may have another working directory.
 */
#define G_LOG_DOMAIN "awb-application"

#include "config.h"

#include <glib/gi18n.h>

#include "awb-application.h"
#include "awb-book-query.h"
#include "awb-window.h"

struct _AwbApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (AwbApplication, awb_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the book stored in FILE (created if missing)"), N_("FILE") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the demo book, generating 5,000 clients on first use"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

static AwbWindow *
find_window_for (AwbApplication *self,
                 const char     *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (AWB_IS_WINDOW (l->data) &&
          g_strcmp0 (awb_database_get_path (awb_window_get_database (l->data)), path) == 0)
        return l->data;
    }
  return NULL;
}

static char *
demo_book_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "advisor-workbench", "demo.sqlite", NULL);
}

static void
on_error_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Opens @path in a new window, or presents its window if open.  On failure
 * shows the error (a dialog of its own if no window is open) and returns
 * FALSE with @error set. */
static gboolean
open_book (AwbApplication  *self,
           const char      *path,
           gboolean         demo,
           GError         **error)
{
  g_autoptr(AwbDatabase) db = NULL;
  gboolean has_clients = FALSE;
  AwbWindow *window;

  window = find_window_for (self, path);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return TRUE;
    }

  db = awb_database_open (path, error);
  if (db == NULL || (demo && !awb_book_query_has_clients (db, &has_clients, error)))
    {
      GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
      GtkWidget *dialog = adw_message_dialog_new (parent, _("Cannot Open the Book"),
                                                  (*error)->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
      g_signal_connect (dialog, "response", G_CALLBACK (on_error_response_cb), NULL);
      gtk_window_present (GTK_WINDOW (dialog));
      return FALSE;
    }

  window = awb_window_new (GTK_APPLICATION (self), db);
  gtk_window_present (GTK_WINDOW (window));
  if (demo && !has_clients)
    awb_window_generate_demo (window);
  return TRUE;
}

static int
awb_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  g_autofree char *db = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("advisor-workbench %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "db", "^ay", &db))
    {
      if (g_variant_dict_contains (options, "demo"))
        {
          g_printerr ("%s\n", _("Use either --db or --demo, not both"));
          return 2;
        }
      if (!g_path_is_absolute (db))
        {
          g_autofree char *cwd = g_get_current_dir ();
          g_autofree char *absolute = g_build_filename (cwd, db, NULL);

          g_variant_dict_insert (options, "db", "^ay", absolute);
        }
    }

  return -1;
}

static int
awb_application_command_line (GApplication            *app,
                              GApplicationCommandLine *cmdline)
{
  AwbApplication *self = AWB_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (cmdline);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean demo = g_variant_dict_contains (options, "demo");

  if (demo)
    path = demo_book_path ();
  else if (!g_variant_dict_lookup (options, "db", "^ay", &path))
    path = awb_database_default_path ();

  if (!open_book (self, path, demo, &error))
    {
      g_application_command_line_printerr (cmdline, "advisor-workbench: %s\n", error->message);
      return 1;
    }
  return 0;
}

static void
awb_application_activate (GApplication *app)
{
  AwbApplication *self = AWB_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = awb_database_default_path ();
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL)
    gtk_window_present (window);
  else if (!open_book (self, path, FALSE, &error))
    g_printerr ("advisor-workbench: %s\n", error->message);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  AwbApplication *self = AWB_APPLICATION (user_data);
  const char *developers[] = { _("The Advisor Workbench developers"), NULL };
  g_autofree char *copyright = NULL;
  GtkWidget *about;

  /* Translators: %s is the year */
  copyright = g_strdup_printf (_("© %s The Advisor Workbench developers"), "2026");
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Advisor Workbench"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Advisor Workbench developers"),
                        "developers", developers,
                        "comments", _("Segment and tier a brokerage’s clients, offline"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", copyright,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
};

static void
awb_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *import_accels[] = { "<Control>i", NULL };
  static const char *export_accels[] = { "<Control>e", NULL };
  static const char *score_accels[] = { "<Control>r", NULL };

  G_APPLICATION_CLASS (awb_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  /* Ctrl+I imports clients, the most common import (trades and interactions
   * are in the primary menu). */
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.import('clients')",
                                         import_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.export", export_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.score", score_accels);
}

static void
awb_application_class_init (AwbApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->handle_local_options = awb_application_handle_local_options;
  app_class->command_line = awb_application_command_line;
  app_class->activate = awb_application_activate;
  app_class->startup = awb_application_startup;
}

static void
awb_application_init (AwbApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Advisor Workbench: segment and tier your clients"));
}

AwbApplication *
awb_application_new (void)
{
  return g_object_new (AWB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
