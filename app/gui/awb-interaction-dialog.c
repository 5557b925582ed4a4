/* awb-interaction-dialog.c: logging a call, visit … for one client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A modal AdwWindow (libadwaita 1.2 has no AdwDialog): the kind, the date
 * (today unless changed), the satisfaction of a survey, a follow-up date
 * and a note; "Log" (dialog.log, Ctrl+Enter) writes it through the GTK-free
 * store (awb-interaction-log.h), completing the follow-up the dialog was
 * opened for when there is one, emits ::logged and closes.
 *
 * NOTES ON THE DESIGN
 *
 *  (1) Fields are checked as they are typed (awb-validate.h and the store's
 *      rules, awb-interaction-log.c Notes (1)); a field in error is styled
 *      so, its message stands beside it (a caption in an entry row, the
 *      subtitle of the satisfaction row), and screen readers get both as
 *      the row's invalid state and description (STYLE §18a.4).  dialog.log
 *      is enabled only while every field is right; the store checks the
 *      whole entry once more before writing.
 *  (2) An error the store returns (the follow-up was completed meanwhile,
 *      the book is locked) is shown above the fields; the dialog stays open
 *      with everything typed.
 *  (3) Ctrl+Enter is caught before the note's text view sees it (a
 *      capture-phase shortcut): in the note, Enter alone is a new line.
 */
#define G_LOG_DOMAIN "awb-interaction-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "awb-date.h"
#include "awb-gui-field.h"
#include "awb-interaction-dialog.h"
#include "awb-interaction-log.h"
#include "awb-model-types.h"
#include "awb-validate.h"

struct _AwbInteractionDialog
{
  AdwWindow         parent_instance;

  AwbDatabase      *database;       /* construct-only */
  gint64            client_id;      /* construct-only */
  char             *client_name;    /* construct-only */
  gint64            follow_up_id;   /* construct-only; 0: a new interaction */
  AwbDate           logged_date;    /* the date written, once logged */
  gboolean          valid;          /* every field is right (Notes (1)) */
  gboolean          logged;
  char             *date_message;   /* the message shown for each field, or NULL */
  char             *satisfaction_message;
  char             *follow_up_message;

  /* template children */
  AdwWindowTitle   *window_title;
  AdwPreferencesGroup *error_group;
  GtkLabel         *error_label;
  AdwPreferencesGroup *main_group;
  AdwComboRow      *kind_row;
  AdwEntryRow      *date_row;
  GtkLabel         *date_error;
  AdwComboRow      *satisfaction_row;
  AdwEntryRow      *follow_up_row;
  GtkLabel         *follow_up_error;
  GtkTextView      *note_view;
};

G_DEFINE_FINAL_TYPE (AwbInteractionDialog, awb_interaction_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_CLIENT_ID,
  PROP_CLIENT_NAME,
  PROP_FOLLOW_UP_ID,
  N_PROPS
};

enum {
  LOGGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Shows @message beside @row (in @label, or as the row's subtitle when
 * @label is NULL), or clears it; *@shown remembers what is shown, so that
 * an unchanged state costs no message to screen readers. */
static void
show_field_error (GtkWidget   *row,
                  GtkLabel    *label,
                  char       **shown,
                  const char  *message)
{
  if (g_strcmp0 (*shown, message) == 0)
    return;
  g_free (*shown);
  *shown = g_strdup (message);

  awb_gui_field_show_error (row, label, message);
}

static AwbInteractionKind
get_kind (AwbInteractionDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  return selected == GTK_INVALID_LIST_POSITION ? AWB_INTERACTION_CALL
                                               : (AwbInteractionKind) selected;
}

/* Reads the fields into @entry; returns whether all are right, showing
 * each field's message (Notes (1)). */
static gboolean
read_fields (AwbInteractionDialog *self,
             AwbInteractionEntry  *entry,
             AwbDate               today)
{
  g_autoptr(GError) date_error = NULL;
  const char *follow_up_message = NULL;
  const char *satisfaction_message = NULL;
  g_autofree char *follow_up_text = NULL;
  AwbInteractionKind kind = get_kind (self);
  AwbDate date = AWB_DATE_NONE;
  AwbDate follow_up = AWB_DATE_NONE;
  gboolean survey = kind == AWB_INTERACTION_SURVEY;
  guint satisfaction = adw_combo_row_get_selected (self->satisfaction_row);

  awb_validate_past_date (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), today, &date,
                          &date_error);

  follow_up_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->follow_up_row))));
  if (follow_up_text[0] != '\0')
    {
      if (!awb_date_parse (follow_up_text, -1, &follow_up))
        /* Translators: the format is the one to type, keep it as is */
        follow_up_message = _("Type a date that exists, as YYYY-MM-DD, or leave it empty.");
      else if (follow_up < today)
        follow_up_message = _("A follow-up is for today or later.");
    }

  if (survey && (satisfaction == GTK_INVALID_LIST_POSITION || satisfaction == 0))
    satisfaction_message = _("A survey records the client’s satisfaction, from 1 to 5.");

  show_field_error (GTK_WIDGET (self->date_row), self->date_error, &self->date_message,
                    date_error != NULL ? date_error->message : NULL);
  show_field_error (GTK_WIDGET (self->follow_up_row), self->follow_up_error,
                    &self->follow_up_message, follow_up_message);
  gtk_widget_set_visible (GTK_WIDGET (self->satisfaction_row), survey);
  show_field_error (GTK_WIDGET (self->satisfaction_row), NULL, &self->satisfaction_message,
                    satisfaction_message);

  awb_interaction_entry_init (entry, kind, date);
  entry->satisfaction = survey && satisfaction_message == NULL ? (int) satisfaction : AWB_UNKNOWN;
  entry->follow_up_on = follow_up_message == NULL ? follow_up : AWB_DATE_NONE;
  return date_error == NULL && follow_up_message == NULL && satisfaction_message == NULL;
}

static void
on_field_changed_cb (AwbInteractionDialog *self)
{
  AwbInteractionEntry entry;

  if (self->database == NULL)   /* still being built, or disposed */
    return;
  self->valid = read_fields (self, &entry, awb_date_today ());
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.log", self->valid && !self->logged);
}

static gboolean
destroy_in_idle (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
show_store_error (AwbInteractionDialog *self,
                  const char           *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_group), TRUE);
  /* a selectable label takes the focus, and a screen reader reads it */
  gtk_widget_grab_focus (GTK_WIDGET (self->error_label));
}

static void
log_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  AwbInteractionDialog *self = AWB_INTERACTION_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL;
  AwbInteractionEntry entry;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  AwbDate today = awb_date_today ();
  gint64 id;

  if (self->logged || !read_fields (self, &entry, today))
    return;

  buffer = gtk_text_view_get_buffer (self->note_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (notes);
  entry.notes = notes;

  if (self->follow_up_id != 0)
    id = awb_interaction_complete_follow_up (self->database, self->follow_up_id, &entry, today,
                                             &error);
  else
    id = awb_interaction_log (self->database, self->client_id, &entry, today, &error);
  if (id == 0)
    {
      /* Notes (2) */
      g_autofree char *text = g_strdup_printf (_("Not logged: %s"), error->message);

      show_store_error (self, text);
      return;
    }

  self->logged = TRUE;
  self->logged_date = entry.date;
  gtk_widget_action_set_enabled (widget, "dialog.log", FALSE);
  g_signal_emit (self, signals[LOGGED], 0, id);
  gtk_widget_set_visible (widget, FALSE);
  /* not inside the action: GTK 4.8 raised criticals destroying a window
   * from within its own handlers */
  g_idle_add_full (G_PRIORITY_DEFAULT, destroy_in_idle, g_object_ref (self), g_object_unref);
}

static void
awb_interaction_dialog_constructed (GObject *object)
{
  AwbInteractionDialog *self = (AwbInteractionDialog *)object;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *today = awb_date_format (awb_date_today ());

  G_OBJECT_CLASS (awb_interaction_dialog_parent_class)->constructed (object);

  /* Translators: the title of the dialog that logs an interaction; %s is
   * the client's name */
  title = g_strdup_printf (_("Log Interaction — %s"), self->client_name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, _("Log Interaction"));
  adw_window_title_set_subtitle (self->window_title, self->client_name);

  for (int k = 0; k < awb_code_count (AWB_KIND_INTERACTION); k++)
    gtk_string_list_append (kinds, awb_code_get_label (AWB_KIND_INTERACTION, k));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (self->kind_row, AWB_INTERACTION_CALL);

  if (self->follow_up_id != 0)
    adw_preferences_group_set_description (self->main_group,
                                           _("Logging this interaction marks the follow-up done."));

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  on_field_changed_cb (self);
}

static void
awb_interaction_dialog_dispose (GObject *object)
{
  AwbInteractionDialog *self = (AwbInteractionDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), AWB_TYPE_INTERACTION_DIALOG);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (awb_interaction_dialog_parent_class)->dispose (object);
}

static void
awb_interaction_dialog_finalize (GObject *object)
{
  AwbInteractionDialog *self = (AwbInteractionDialog *)object;

  g_clear_pointer (&self->client_name, g_free);
  g_clear_pointer (&self->date_message, g_free);
  g_clear_pointer (&self->satisfaction_message, g_free);
  g_clear_pointer (&self->follow_up_message, g_free);

  G_OBJECT_CLASS (awb_interaction_dialog_parent_class)->finalize (object);
}

static void
awb_interaction_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AwbInteractionDialog *self = AWB_INTERACTION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;
    case PROP_CLIENT_NAME:
      g_value_set_string (value, self->client_name);
      break;
    case PROP_FOLLOW_UP_ID:
      g_value_set_int64 (value, self->follow_up_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_interaction_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  AwbInteractionDialog *self = AWB_INTERACTION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    case PROP_CLIENT_ID:
      self->client_id = g_value_get_int64 (value);
      break;
    case PROP_CLIENT_NAME:
      self->client_name = g_value_dup_string (value);
      break;
    case PROP_FOLLOW_UP_ID:
      self->follow_up_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_interaction_dialog_class_init (AwbInteractionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = awb_interaction_dialog_constructed;
  object_class->dispose = awb_interaction_dialog_dispose;
  object_class->finalize = awb_interaction_dialog_finalize;
  object_class->get_property = awb_interaction_dialog_get_property;
  object_class->set_property = awb_interaction_dialog_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, AWB_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT_ID] =
    g_param_spec_int64 ("client-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT_NAME] =
    g_param_spec_string ("client-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* the open follow-up the interaction completes; 0 for none */
  properties[PROP_FOLLOW_UP_ID] =
    g_param_spec_int64 ("follow-up-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AwbInteractionDialog::logged:
   * @interaction_id: the id of the interaction written
   *
   * The interaction was written to the book (and the follow-up, if the
   * dialog was opened for one, marked done); the dialog closes next.
   */
  signals[LOGGED] =
    g_signal_new ("logged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/awb-interaction-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AwbInteractionDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AwbInteractionDialog, error_group);
  gtk_widget_class_bind_template_child (widget_class, AwbInteractionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AwbInteractionDialog, main_group);
  gtk_widget_class_bind_template_child (widget_class, AwbInteractionDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, AwbInteractionDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, AwbInteractionDialog, date_error);
  gtk_widget_class_bind_template_child (widget_class, AwbInteractionDialog, satisfaction_row);
  gtk_widget_class_bind_template_child (widget_class, AwbInteractionDialog, follow_up_row);
  gtk_widget_class_bind_template_child (widget_class, AwbInteractionDialog, follow_up_error);
  gtk_widget_class_bind_template_child (widget_class, AwbInteractionDialog, note_view);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);

  gtk_widget_class_install_action (widget_class, "dialog.log", NULL, log_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
awb_interaction_dialog_init (AwbInteractionDialog *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Notes (3) */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                      gtk_named_action_new ("dialog.log")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

/**
 * awb_interaction_dialog_new:
 * @parent: (nullable): the window the dialog is modal for
 * @client_id: the client's clients.id
 * @client_name: the client's name, for the title
 * @follow_up_id: 0 to log a new interaction; else the open follow-up
 *   (its interaction's id) that logging completes
 */
AwbInteractionDialog *
awb_interaction_dialog_new (GtkWindow   *parent,
                            AwbDatabase *db,
                            gint64       client_id,
                            const char  *client_name,
                            gint64       follow_up_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);
  g_return_val_if_fail (client_id > 0, NULL);
  g_return_val_if_fail (follow_up_id >= 0, NULL);

  return g_object_new (AWB_TYPE_INTERACTION_DIALOG,
                       "transient-for", parent,
                       "database", db,
                       "client-id", client_id,
                       "client-name", client_name != NULL ? client_name : "",
                       "follow-up-id", follow_up_id,
                       NULL);
}

/**
 * awb_interaction_dialog_set_kind:
 *
 * Chooses @kind: the kind of the follow-up being completed, say.
 */
void
awb_interaction_dialog_set_kind (AwbInteractionDialog *self,
                                 AwbInteractionKind    kind)
{
  g_return_if_fail (AWB_IS_INTERACTION_DIALOG (self));
  g_return_if_fail ((int) kind >= 0 && (int) kind < awb_code_count (AWB_KIND_INTERACTION));

  adw_combo_row_set_selected (self->kind_row, kind);
}

gint64
awb_interaction_dialog_get_client_id (AwbInteractionDialog *self)
{
  g_return_val_if_fail (AWB_IS_INTERACTION_DIALOG (self), 0);
  return self->client_id;
}

gint64
awb_interaction_dialog_get_follow_up_id (AwbInteractionDialog *self)
{
  g_return_val_if_fail (AWB_IS_INTERACTION_DIALOG (self), 0);
  return self->follow_up_id;
}

/**
 * awb_interaction_dialog_get_date:
 *
 * Returns: the date of the interaction logged; %AWB_DATE_NONE before
 * ::logged
 */
AwbDate
awb_interaction_dialog_get_date (AwbInteractionDialog *self)
{
  g_return_val_if_fail (AWB_IS_INTERACTION_DIALOG (self), AWB_DATE_NONE);
  return self->logged ? self->logged_date : AWB_DATE_NONE;
}
