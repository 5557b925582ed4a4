/* awb-follow-up-row-widget.c: how one line of the Follow-ups view looks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One widget for every line of the view's GtkListView, as the factory
 * recycles it: a heading (a manager's, or a group's: its title and count,
 * which it follows while bound) or an item due, in fixed-width columns
 * (ui/awb-follow-up-row-widget.ui): the client's name and number, what is
 * due, the due date, how late or how soon, the last contact of a contact
 * due by cadence, and "Done…", which names the page's follow-ups.mark-done
 * action with the item as its target.
 *
 * Screen readers: GTK 4.8 names a list view's rows "GtkListItemWidget".
 * While bound, the widget names its row (the list view's child it is in)
 * with one sentence, "张伟, follow-up of a call, due 1 December 2026,
 * 2 days overdue", and the button after its client.  GTK 4.8: drop the
 * row's naming at 4.12 (GtkListItem:accessible-label).
 */
#define G_LOG_DOMAIN "awb-follow-up-row-widget"

#include "config.h"

#include <glib/gi18n.h>

#include "awb-codes.h"
#include "awb-date.h"
#include "awb-follow-up-row-widget.h"
#include "awb-gui-format.h"

struct _AwbFollowUpRowWidget
{
  GtkWidget        parent_instance;

  AwbFollowUpRow  *row;           /* bound, or NULL */
  gulong           count_id;      /* notify::count on a bound heading */
  AwbDate          today;

  /* template children */
  GtkWidget       *heading_box;
  GtkLabel        *title_label;
  GtkLabel        *count_label;
  GtkWidget       *item_box;
  GtkLabel        *name_label;
  GtkLabel        *client_no_label;
  GtkLabel        *what_label;
  GtkLabel        *due_label;
  GtkLabel        *status_label;
  GtkLabel        *last_label;
  GtkButton       *done_button;
};

G_DEFINE_FINAL_TYPE (AwbFollowUpRowWidget, awb_follow_up_row_widget, GTK_TYPE_WIDGET)

/* The row of the list view this widget is in: the list view's child.
 * GTK 4.8: drop at 4.12. */
static GtkWidget *
list_row (AwbFollowUpRowWidget *self)
{
  for (GtkWidget *w = GTK_WIDGET (self); w != NULL; w = gtk_widget_get_parent (w))
    {
      GtkWidget *parent = gtk_widget_get_parent (w);

      if (parent != NULL && GTK_IS_LIST_VIEW (parent))
        return w;
    }
  return NULL;
}

static void
name_row (AwbFollowUpRowWidget *self,
          const char           *label)
{
  GtkWidget *row = list_row (self);

  if (row == NULL)
    return;
  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/**
 * awb_follow_up_format_spoken_date:
 *
 * Returns: @date as a screen reader says it, "1 December 2026"
 */
char *
awb_follow_up_format_spoken_date (AwbDate date)
{
  static const char *const months[] = {
    NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
    NC_("month", "April"), NC_("month", "May"), NC_("month", "June"), NC_("month", "July"),
    NC_("month", "August"), NC_("month", "September"), NC_("month", "October"),
    NC_("month", "November"), NC_("month", "December"),
  };
  int y, m, d;

  if (date == AWB_DATE_NONE)
    return g_strdup ("");
  awb_date_to_ymd (date, &y, &m, &d);
  /* Translators: a date read aloud: %1$d the day, %2$s the month's name,
   * %3$d the year: "1 December 2026" */
  return g_strdup_printf (C_("spoken date", "%1$d %2$s %3$d"), d,
                          g_dpgettext2 (NULL, "month", months[m - 1]), y);
}

/* What is due, for the row's column. */
static char *
format_what (const AwbDueItem *item)
{
  if (item->kind == AWB_DUE_CADENCE || item->interaction_kind < 0)
    return g_strdup (_("Contact due by cadence"));
  /* Translators: what is due: the follow-up a call, a visit … asked for;
   * %s is the interaction's kind, "Call" */
  return g_strdup_printf (_("Follow-up: %s"),
                          awb_code_get_label (AWB_KIND_INTERACTION, item->interaction_kind));
}

/* What is due, as a screen reader says it. */
static const char *
spoken_what (const AwbDueItem *item)
{
  if (item->kind == AWB_DUE_CADENCE || item->interaction_kind < 0)
    return C_("spoken", "contact due by cadence");
  switch ((AwbInteractionKind) item->interaction_kind)
    {
    case AWB_INTERACTION_CALL:
      return C_("spoken", "follow-up of a call");
    case AWB_INTERACTION_VISIT:
      return C_("spoken", "follow-up of a visit");
    case AWB_INTERACTION_EVENT:
      return C_("spoken", "follow-up of an event");
    case AWB_INTERACTION_SURVEY:
      return C_("spoken", "follow-up of a survey");
    case AWB_INTERACTION_COMPLAINT:
      return C_("spoken", "follow-up of a complaint");
    case AWB_INTERACTION_EDUCATION:
    default:
      return C_("spoken", "follow-up of an investor education session");
    }
}

/* How late or how soon: "2 days overdue", "Due today", "In 3 days";
 * @spoken: as said within a sentence */
static char *
format_status (AwbDate  due,
               AwbDate  today,
               gboolean spoken)
{
  gint64 days = (gint64) due - today;
  g_autofree char *n = awb_gui_format_count (days < 0 ? -days : days);

  if (days < 0)
    /* Translators: %s is a number of days, "1,234" */
    return g_strdup_printf (ngettext ("%s day overdue", "%s days overdue", (gulong) -days), n);
  if (days == 0)
    return g_strdup (spoken ? C_("spoken", "due today") : _("Due today"));
  if (days == 1)
    return g_strdup (spoken ? C_("spoken", "tomorrow") : _("Tomorrow"));
  return g_strdup_printf (spoken
                          /* Translators: %s is a number of days, within a sentence */
                          ? ngettext ("in %s day", "in %s days", (gulong) days)
                          /* Translators: %s is a number of days */
                          : ngettext ("In %s day", "In %s days", (gulong) days), n);
}

static char *
describe_item (AwbFollowUpRow *row,
               AwbDate         today)
{
  const AwbDueItem *item = awb_follow_up_row_get_item (row);
  const char *name = awb_follow_up_row_get_client_name (row);
  g_autofree char *status = format_status (item->due, today, TRUE);
  g_autofree char *sentence = NULL;

  if (item->due == today)
    /* Translators: a row read aloud: %1$s the client, %2$s what is due,
     * "follow-up of a call", %3$s "due today" */
    sentence = g_strdup_printf (C_("spoken", "%1$s, %2$s, %3$s"), name, spoken_what (item),
                                status);
  else
    {
      g_autofree char *date = awb_follow_up_format_spoken_date (item->due);

      /* Translators: a row read aloud: %1$s the client, %2$s what is due,
       * "follow-up of a call", %3$s the date, "1 December 2026", %4$s
       * "2 days overdue" or "in 3 days" */
      sentence = g_strdup_printf (C_("spoken", "%1$s, %2$s, due %3$s, %4$s"), name,
                                  spoken_what (item), date, status);
    }
  if (item->kind == AWB_DUE_CADENCE)
    {
      g_autofree char *last = awb_follow_up_format_spoken_date (item->last_contact);
      char *with_last = item->last_contact == AWB_DATE_NONE
                        /* Translators: %s is the rest of a row read aloud */
                        ? g_strdup_printf (C_("spoken", "%s, no contact yet"), sentence)
                        /* Translators: %1$s is the rest of a row read aloud, %2$s a date */
                        : g_strdup_printf (C_("spoken", "%1$s, last contact %2$s"), sentence,
                                           last);

      g_free (sentence);
      sentence = with_last;
    }
  return g_steal_pointer (&sentence);
}

static void
show_count (AwbFollowUpRowWidget *self)
{
  g_autofree char *count = awb_gui_format_count (awb_follow_up_row_get_count (self->row));
  g_autofree char *name = NULL;

  gtk_label_set_label (self->count_label, count);
  /* Translators: a heading read aloud: %1$s "Overdue" or a manager's name,
   * %2$s the number of items under it, "1,234" */
  name = g_strdup_printf (C_("spoken", "%1$s, %2$s"), awb_follow_up_row_get_title (self->row),
                          count);
  name_row (self, name);
}

static void
on_count_changed_cb (AwbFollowUpRowWidget *self)
{
  show_count (self);
}

static void
bind_heading (AwbFollowUpRowWidget *self)
{
  gboolean manager = awb_follow_up_row_get_kind (self->row) == AWB_FOLLOW_UP_ROW_MANAGER;

  gtk_widget_set_visible (self->heading_box, TRUE);
  gtk_widget_set_visible (self->item_box, FALSE);
  gtk_label_set_label (self->title_label, awb_follow_up_row_get_title (self->row));
  gtk_widget_set_css_classes (GTK_WIDGET (self->title_label),
                              (const char *[]) { manager ? "title-3" : "heading", NULL });
  gtk_widget_set_css_classes (self->heading_box,
                              (const char *[]) { "awb-due-heading",
                                                 manager ? "awb-due-manager" : "awb-due-group",
                                                 NULL });
  self->count_id = g_signal_connect_swapped (self->row, "notify::count",
                                             G_CALLBACK (on_count_changed_cb), self);
  show_count (self);
}

static void
bind_item (AwbFollowUpRowWidget *self)
{
  const AwbDueItem *item = awb_follow_up_row_get_item (self->row);
  const char *name = awb_follow_up_row_get_client_name (self->row);
  g_autofree char *what = format_what (item);
  g_autofree char *due = awb_gui_format_date (item->due);
  g_autofree char *status = format_status (item->due, self->today, FALSE);
  g_autofree char *last = NULL;
  g_autofree char *sentence = describe_item (self->row, self->today);
  g_autofree char *button = NULL;

  gtk_widget_set_visible (self->heading_box, FALSE);
  gtk_widget_set_visible (self->item_box, TRUE);
  gtk_label_set_label (self->name_label, name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), name);
  gtk_label_set_label (self->client_no_label, awb_follow_up_row_get_client_no (self->row));
  gtk_label_set_label (self->what_label, what);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->what_label), what);
  gtk_label_set_label (self->due_label, due);
  gtk_label_set_label (self->status_label, status);
  gtk_widget_set_css_classes (GTK_WIDGET (self->status_label),
                              (const char *[]) { item->group == AWB_DUE_OVERDUE ? "error"
                                                 : item->group == AWB_DUE_TODAY ? "warning"
                                                 : "dim-label", NULL });
  if (item->kind == AWB_DUE_CADENCE)
    last = item->last_contact != AWB_DATE_NONE ? awb_gui_format_date (item->last_contact)
                                               /* Translators: a client never contacted */
                                               : g_strdup (C_("last contact", "None"));
  gtk_label_set_label (self->last_label, last != NULL ? last : "");
  /* an empty label reads as "GtkLabel" */
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->last_label), GTK_ACCESSIBLE_STATE_HIDDEN,
                               last == NULL, -1);

  /* the target first: a name without one warns (the action takes one) */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->done_button), "(xx)",
                                    item->client_id, item->interaction_id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->done_button), "follow-ups.mark-done");
  button = item->kind == AWB_DUE_FOLLOW_UP
           /* Translators: the accessible name of a row's "Done…" button; %s is the client */
           ? g_strdup_printf (_("Mark the follow-up of %s done…"), name)
           /* Translators: the accessible name of a row's "Done…" button; %s is the client */
           : g_strdup_printf (_("Log the contact with %s…"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->done_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, button, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->done_button), button);
  name_row (self, sentence);
}

static void
awb_follow_up_row_widget_dispose (GObject *object)
{
  AwbFollowUpRowWidget *self = (AwbFollowUpRowWidget *)object;

  awb_follow_up_row_widget_unbind (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), AWB_TYPE_FOLLOW_UP_ROW_WIDGET);

  G_OBJECT_CLASS (awb_follow_up_row_widget_parent_class)->dispose (object);
}

static void
awb_follow_up_row_widget_class_init (AwbFollowUpRowWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = awb_follow_up_row_widget_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/awb-follow-up-row-widget.ui");
  gtk_widget_class_bind_template_child (widget_class, AwbFollowUpRowWidget, heading_box);
  gtk_widget_class_bind_template_child (widget_class, AwbFollowUpRowWidget, title_label);
  gtk_widget_class_bind_template_child (widget_class, AwbFollowUpRowWidget, count_label);
  gtk_widget_class_bind_template_child (widget_class, AwbFollowUpRowWidget, item_box);
  gtk_widget_class_bind_template_child (widget_class, AwbFollowUpRowWidget, name_label);
  gtk_widget_class_bind_template_child (widget_class, AwbFollowUpRowWidget, client_no_label);
  gtk_widget_class_bind_template_child (widget_class, AwbFollowUpRowWidget, what_label);
  gtk_widget_class_bind_template_child (widget_class, AwbFollowUpRowWidget, due_label);
  gtk_widget_class_bind_template_child (widget_class, AwbFollowUpRowWidget, status_label);
  gtk_widget_class_bind_template_child (widget_class, AwbFollowUpRowWidget, last_label);
  gtk_widget_class_bind_template_child (widget_class, AwbFollowUpRowWidget, done_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "awbfollowuprow");
}

static void
awb_follow_up_row_widget_init (AwbFollowUpRowWidget *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (self->heading_box, FALSE);
}

GtkWidget *
awb_follow_up_row_widget_new (void)
{
  return g_object_new (AWB_TYPE_FOLLOW_UP_ROW_WIDGET, NULL);
}

/**
 * awb_follow_up_row_widget_bind:
 * @row: the line to show; an item's client should have been read
 * @today: the day the list is for
 *
 * Shows @row, and names the list's row after it for screen readers.
 */
void
awb_follow_up_row_widget_bind (AwbFollowUpRowWidget *self,
                               AwbFollowUpRow       *row,
                               AwbDate               today)
{
  g_return_if_fail (AWB_IS_FOLLOW_UP_ROW_WIDGET (self));
  g_return_if_fail (AWB_IS_FOLLOW_UP_ROW (row));

  awb_follow_up_row_widget_unbind (self);
  self->row = g_object_ref (row);
  self->today = today;
  if (awb_follow_up_row_get_kind (row) == AWB_FOLLOW_UP_ROW_ITEM)
    bind_item (self);
  else
    bind_heading (self);
}

void
awb_follow_up_row_widget_unbind (AwbFollowUpRowWidget *self)
{
  g_return_if_fail (AWB_IS_FOLLOW_UP_ROW_WIDGET (self));

  if (self->row == NULL)
    return;
  g_clear_signal_handler (&self->count_id, self->row);
  g_clear_object (&self->row);
  name_row (self, NULL);
}
