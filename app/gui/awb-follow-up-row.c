/* awb-follow-up-row.c: one open follow-up, as the Follow-ups view shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An immutable snapshot: the client, the kind of the interaction that asked
 * for the follow-up, the due date and a status (overdue when the due date is
 * before today, due today, or upcoming) with the style classes that mark it.
 * A branch holds a hundred thousand open follow-ups and more: a row keeps
 * only the two strings of the client and numbers, and makes the texts a
 * view asks for when it asks (translated labels are the catalogue's own).
 */
#define G_LOG_DOMAIN "awb-follow-up-row"

#include "config.h"

#include <glib/gi18n.h>

#include "awb-codes.h"
#include "awb-follow-up-row.h"
#include "awb-gui-format.h"

typedef enum
{
  STATUS_OVERDUE,
  STATUS_DUE_TODAY,
  STATUS_UPCOMING,
} Status;

struct _AwbFollowUpRow
{
  GObject    parent_instance;

  char      *client_name;
  char      *client_no;
  AwbDate    due;             /* the follow-up's date */
  gint8      kind;            /* AwbInteractionKind, or -1 */
  guint8     status;          /* Status */
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

  G_OBJECT_CLASS (awb_follow_up_row_parent_class)->finalize (object);
}

static const char *const overdue_classes[] = { "error", NULL };
static const char *const due_today_classes[] = { "warning", NULL };
static const char *const upcoming_classes[] = { "dim-label", NULL };
static const char *const *const status_classes[] = {
  [STATUS_OVERDUE] = overdue_classes,
  [STATUS_DUE_TODAY] = due_today_classes,
  [STATUS_UPCOMING] = upcoming_classes,
};

static const char *
status_text (Status status)
{
  switch (status)
    {
    case STATUS_OVERDUE:
      /* Translators: a follow-up whose due date has passed */
      return _("Overdue");
    case STATUS_DUE_TODAY:
      return _("Due today");
    case STATUS_UPCOMING:
    default:
      return _("Upcoming");
    }
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
      g_value_set_static_string (value, self->kind >= 0
                                 ? awb_code_get_label (AWB_KIND_INTERACTION, self->kind) : "");
      break;
    case PROP_DUE_TEXT:
      g_value_take_string (value, awb_gui_format_date (self->due));
      break;
    case PROP_STATUS_TEXT:
      g_value_set_static_string (value, status_text (self->status));
      break;
    case PROP_STATUS_CLASSES:
      g_value_set_static_boxed (value, status_classes[self->status]);
      break;
    case PROP_OVERDUE:
      g_value_set_boolean (value, self->status == STATUS_OVERDUE);
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

  g_return_val_if_fail (follow_up != NULL, NULL);

  self = g_object_new (AWB_TYPE_FOLLOW_UP_ROW, NULL);
  self->client_name = g_strdup (follow_up->client_name ? follow_up->client_name : "");
  self->client_no = g_strdup (follow_up->client_no ? follow_up->client_no : "");
  self->kind = (gint8) follow_up->kind;
  self->due = follow_up->follow_up_on;
  self->status = follow_up->follow_up_on < today ? STATUS_OVERDUE
               : follow_up->follow_up_on == today ? STATUS_DUE_TODAY
               : STATUS_UPCOMING;
  return self;
}

gboolean
awb_follow_up_row_get_overdue (AwbFollowUpRow *self)
{
  g_return_val_if_fail (AWB_IS_FOLLOW_UP_ROW (self), FALSE);
  return self->status == STATUS_OVERDUE;
}
