/* awb-sync-conflicts-window.c: the sync's conflicts, each for the user to pick
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A field changed both in the book and on the branch server since the last
 * sync is a conflict (awb-sync.h): the server kept its value, both went to
 * its audit log, and the book waits for the user.  One row per conflict,
 * oldest first: the client and the field, titled as the profile editor
 * titles it (awb_client_window_describe_field), the value here, the
 * server's and who changed it there; "Keep Mine" (pushed at the next sync)
 * and "Use Server's" (written into the book now) are the action
 * conflicts.resolve with the target (id, keep-local).  Each row's
 * accessible name is one whole sentence saying all of it.  The signal
 * "resolved" tells the main window to read the book again.
 */
#define G_LOG_DOMAIN "awb-sync-conflicts-window"

#include "config.h"

#include <glib/gi18n.h>

#include "awb-client-window.h"
#include "awb-sync.h"
#include "awb-sync-conflicts-window.h"

struct _AwbSyncConflictsWindow
{
  AdwWindow     parent_instance;

  AwbDatabase  *database;     /* construct-only */

  /* template children */
  GtkStack     *stack;
  GtkListBox   *list_box;
};

G_DEFINE_FINAL_TYPE (AwbSyncConflictsWindow, awb_sync_conflicts_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_RESOLVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
shown_value (const char *value)
{
  /* Translators: a conflict's value when the field is empty */
  return value != NULL && value[0] != '\0' ? value : _("empty");
}

static GtkWidget *
new_button (const char *label,
            const char *a11y_label,
            gint64      id,
            gboolean    keep_local)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *text = gtk_label_new_with_mnemonic (label);

  gtk_button_set_child (GTK_BUTTON (button), text);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  a11y_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "conflicts.resolve");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xb)", id, keep_local);
  return button;
}

static GtkWidget *
new_row (const AwbSyncConflict *conflict)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *field = awb_client_window_describe_field (conflict->field);
  const char *mine = shown_value (conflict->local_value);
  const char *theirs = shown_value (conflict->server_value);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *sentence = NULL;

  /* Translators: a conflict's title: %1$s the client's name, %2$s the field,
   * as the profile editor titles it */
  title = g_strdup_printf (_("%1$s: %2$s"), conflict->client_name, field);
  if (conflict->server_user != NULL && conflict->server_user[0] != '\0')
    {
      /* Translators: %1$s the value in this book, %2$s the server's value,
       * %3$s the login of who changed it on the server */
      subtitle = g_strdup_printf (_("Here: “%1$s”. On the server: “%2$s”, changed by %3$s."),
                                  mine, theirs, conflict->server_user);
      /* Translators: a conflict's accessible name, read by a screen reader:
       * %1$s the field, %2$s the client's name, %3$s the value in this book,
       * %4$s the server's value, %5$s who changed it on the server */
      sentence = g_strdup_printf (_("%1$s of %2$s is “%3$s” here and “%4$s” on the server, "
                                    "where %5$s changed it."),
                                  field, conflict->client_name, mine, theirs,
                                  conflict->server_user);
    }
  else
    {
      /* Translators: %1$s the value in this book, %2$s the server's value */
      subtitle = g_strdup_printf (_("Here: “%1$s”. On the server: “%2$s”."), mine, theirs);
      /* Translators: a conflict's accessible name, read by a screen reader:
       * %1$s the field, %2$s the client's name, %3$s the value in this book,
       * %4$s the server's value */
      sentence = g_strdup_printf (_("%1$s of %2$s is “%3$s” here and “%4$s” on the server."),
                                  field, conflict->client_name, mine, theirs);
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* the sentence alone: GTK 4.8 would append the row's labelled-by title */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, sentence,
                                  -1);

  gtk_box_append (GTK_BOX (box),
                  new_button (_("_Keep Mine"),
                              /* Translators: the accessible name of the Keep Mine button */
                              _("Keep Mine"), conflict->id, TRUE));
  gtk_box_append (GTK_BOX (box),
                  new_button (_("_Use Server’s"),
                              /* Translators: the accessible name of the Use Server's button */
                              _("Use Server’s"), conflict->id, FALSE));
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  return row;
}

/**
 * awb_sync_conflicts_window_reload:
 *
 * Reads the conflicts waiting in the book again.
 */
void
awb_sync_conflicts_window_reload (AwbSyncConflictsWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  GtkWidget *child;

  g_return_if_fail (AWB_IS_SYNC_CONFLICTS_WINDOW (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  conflicts = awb_sync_list_conflicts (self->database, &error);
  if (conflicts == NULL)
    {
      AdwMessageDialog *dialog =
        ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                    _("Conflicts Not Read"), error->message));

      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  for (guint i = 0; i < conflicts->len; i++)
    gtk_list_box_append (self->list_box, new_row (conflicts->pdata[i]));
  gtk_stack_set_visible_child_name (self->stack, conflicts->len > 0 ? "list" : "empty");
}

/* conflicts.resolve((id, keep-local)) */
static void
resolve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AwbSyncConflictsWindow *self = AWB_SYNC_CONFLICTS_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;
  gboolean keep_local;

  g_variant_get (parameter, "(xb)", &id, &keep_local);
  if (!awb_sync_resolve_conflict (self->database, id, keep_local, &error))
    {
      AdwMessageDialog *dialog =
        ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                    _("Conflict Not Resolved"),
                                                    error->message));

      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  awb_sync_conflicts_window_reload (self);
  g_signal_emit (self, signals[SIGNAL_RESOLVED], 0);
}

static void
awb_sync_conflicts_window_constructed (GObject *object)
{
  AwbSyncConflictsWindow *self = (AwbSyncConflictsWindow *)object;

  G_OBJECT_CLASS (awb_sync_conflicts_window_parent_class)->constructed (object);

  awb_sync_conflicts_window_reload (self);
}

static void
awb_sync_conflicts_window_dispose (GObject *object)
{
  AwbSyncConflictsWindow *self = (AwbSyncConflictsWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), AWB_TYPE_SYNC_CONFLICTS_WINDOW);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (awb_sync_conflicts_window_parent_class)->dispose (object);
}

static void
awb_sync_conflicts_window_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  AwbSyncConflictsWindow *self = AWB_SYNC_CONFLICTS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_sync_conflicts_window_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  AwbSyncConflictsWindow *self = AWB_SYNC_CONFLICTS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_sync_conflicts_window_class_init (AwbSyncConflictsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = awb_sync_conflicts_window_constructed;
  object_class->dispose = awb_sync_conflicts_window_dispose;
  object_class->get_property = awb_sync_conflicts_window_get_property;
  object_class->set_property = awb_sync_conflicts_window_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, AWB_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* a conflict was resolved: the book may have changed */
  signals[SIGNAL_RESOLVED] =
    g_signal_new ("resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/awb-sync-conflicts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AwbSyncConflictsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AwbSyncConflictsWindow, list_box);
  gtk_widget_class_install_action (widget_class, "conflicts.resolve", "(xb)", resolve_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
awb_sync_conflicts_window_init (AwbSyncConflictsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AwbSyncConflictsWindow *
awb_sync_conflicts_window_new (GtkWindow   *parent,
                               AwbDatabase *database)
{
  g_return_val_if_fail (AWB_IS_DATABASE (database), NULL);

  return g_object_new (AWB_TYPE_SYNC_CONFLICTS_WINDOW,
                       "transient-for", parent,
                       "database", database,
                       NULL);
}
