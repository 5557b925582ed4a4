/* awb-follow-up-row.c: one open follow-up, as the Follow-ups view shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An immutable snapshot: the client, the kind of the interaction that asked
 * for the follow-up, the due date and a status (overdue when the due date is
 * before today, due today, or upcoming) with the style classes that mark it.
 */
#define G_LOG_DOMAIN "awb-follow-up-row"

#include "config.h"

#include <glib/gi18n.h>

#include "awb-codes.h"
#include "awb-follow-up-row.h"
#include "awb-gui-format.h"

struct _AwbFollowUpRow
{
  GObject    parent_instance;

  char      *client_name;
  char      *client_no;
  char      *kind_label;      /* translated interaction kind */
  char      *due_text;        /* YYYY-MM-DD */
  char      *status_text;     /* "Overdue", "Due today", "Upcoming" */
  char     **status_classes;  /* style classes of the status label */
  gboolean   overdue;
};

G_DEFINE_FINAL_TYPE (AwbFollowUpRow, awb_follow_up_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT_NAME,
  PROP_CLIENT_NO,
  PROP_KIND_LABEL,
  PROP_DUE_TEXT,
  PROP_STATUS_TEXT,
  PROP_STATUS_CLASSES,
  PROP_OVERDUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
awb_follow_up_row_finalize (GObject *object)
{
  AwbFollowUpRow *self = (AwbFollowUpRow *)object;

  g_clear_pointer (&self->client_name, g_free);
  g_clear_pointer (&self->client_no, g_free);
  g_clear_pointer (&self->kind_label, g_free);
  g_clear_pointer (&self->due_text, g_free);
  g_clear_pointer (&self->status_text, g_free);
  g_clear_pointer (&self->status_classes, g_strfreev);

  G_OBJECT_CLASS (awb_follow_up_row_parent_class)->finalize (object);
}

static void
awb_follow_up_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AwbFollowUpRow *self = AWB_FOLLOW_UP_ROW (object);

  switch (prop_id)
    {
    case PROP_CLIENT_NAME:
      g_value_set_string (value, self->client_name);
      break;
    case PROP_CLIENT_NO:
      g_value_set_string (value, self->client_no);
      break;
    case PROP_KIND_LABEL:
      g_value_set_string (value, self->kind_label);
      break;
    case PROP_DUE_TEXT:
      g_value_set_string (value, self->due_text);
      break;
    case PROP_STATUS_TEXT:
      g_value_set_string (value, self->status_text);
      break;
    case PROP_STATUS_CLASSES:
      g_value_set_boxed (value, self->status_classes);
      break;
    case PROP_OVERDUE:
      g_value_set_boolean (value, self->overdue);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_follow_up_row_class_init (AwbFollowUpRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = awb_follow_up_row_finalize;
  object_class->get_property = awb_follow_up_row_get_property;

  properties[PROP_CLIENT_NAME] =
    g_param_spec_string ("client-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT_NO] =
    g_param_spec_string ("client-no", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND_LABEL] =
    g_param_spec_string ("kind-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DUE_TEXT] =
    g_param_spec_string ("due-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_TEXT] =
    g_param_spec_string ("status-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_CLASSES] =
    g_param_spec_boxed ("status-classes", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_OVERDUE] =
    g_param_spec_boolean ("overdue", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
awb_follow_up_row_init (AwbFollowUpRow *self)
{
}

AwbFollowUpRow *
awb_follow_up_row_new (const AwbFollowUp *follow_up,
                       AwbDate            today)
{
  AwbFollowUpRow *self;
  const char *status_class;

  g_return_val_if_fail (follow_up != NULL, NULL);

  self = g_object_new (AWB_TYPE_FOLLOW_UP_ROW, NULL);
  self->client_name = g_strdup (follow_up->client_name ? follow_up->client_name : "");
  self->client_no = g_strdup (follow_up->client_no ? follow_up->client_no : "");
  self->kind_label = g_strdup (follow_up->kind >= 0
                               ? awb_code_get_label (AWB_KIND_INTERACTION, follow_up->kind)
                               : "");
  self->due_text = awb_gui_format_date (follow_up->follow_up_on);
  self->overdue = follow_up->follow_up_on < today;

  if (self->overdue)
    {
      /* Translators: a follow-up whose due date has passed */
      self->status_text = g_strdup (_("Overdue"));
      status_class = "error";
    }
  else if (follow_up->follow_up_on == today)
    {
      self->status_text = g_strdup (_("Due today"));
      status_class = "warning";
    }
  else
    {
      self->status_text = g_strdup (_("Upcoming"));
      status_class = "dim-label";
    }
  self->status_classes = g_new0 (char *, 2);
  self->status_classes[0] = g_strdup (status_class);
  return self;
}

gboolean
awb_follow_up_row_get_overdue (AwbFollowUpRow *self)
{
  g_return_val_if_fail (AWB_IS_FOLLOW_UP_ROW (self), FALSE);
  return self->overdue;
}
