/* awb-follow-up-row.c: one line of the Follow-ups view: a heading or an item due
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Follow-ups view is one flat list (GTK 4.8 has no list sections) of
 * these: a manager's heading (in the all-managers list), a group's heading
 * (Due Today, Overdue, This Week) with its count, and the items of the due
 * list (awb-due-list.h) under them.  An item is the AwbDueItem as read,
 * plus the client's name and number once a view has shown it: the due
 * list carries ids, and the page reads the names of the rows it binds only
 * (a branch's list holds a hundred thousand items).
 *
 * The count of a heading is the one mutable part, notified, so that a
 * bound heading follows when an item leaves the list.
 */
#define G_LOG_DOMAIN "awb-follow-up-row"

#include "config.h"

#include <glib/gi18n.h>

#include "awb-follow-up-row.h"

struct _AwbFollowUpRow
{
  GObject             parent_instance;

  AwbFollowUpRowKind  kind;
  int                 manager;        /* index in the client index's managers; -1 none or mine */
  char               *manager_name;   /* a manager's heading: the name, or NULL for none */
  AwbDueGroup         group;          /* a group heading's */
  guint               count;          /* a heading's items */
  AwbDueItem          item;           /* an item's */
  char               *client_name;    /* an item's, once read; NULL before */
  char               *client_no;
};

G_DEFINE_FINAL_TYPE (AwbFollowUpRow, awb_follow_up_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
awb_follow_up_row_finalize (GObject *object)
{
  AwbFollowUpRow *self = (AwbFollowUpRow *)object;

  g_clear_pointer (&self->manager_name, g_free);
  g_clear_pointer (&self->client_name, g_free);
  g_clear_pointer (&self->client_no, g_free);

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
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
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

  /* a heading's number of items */
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
awb_follow_up_row_init (AwbFollowUpRow *self)
{
  self->manager = -1;
}

/**
 * awb_follow_up_row_new_heading:
 * @kind: %AWB_FOLLOW_UP_ROW_MANAGER or %AWB_FOLLOW_UP_ROW_GROUP
 * @manager: the manager's place in the client index, -1 for none (or for
 *   the one-manager list)
 * @manager_name: (nullable): a manager heading's name; %NULL: "No Manager"
 * @group: a group heading's group
 *
 * Safe to call from any thread.
 */
AwbFollowUpRow *
awb_follow_up_row_new_heading (AwbFollowUpRowKind  kind,
                               int                 manager,
                               const char         *manager_name,
                               AwbDueGroup         group,
                               guint               count)
{
  AwbFollowUpRow *self;

  g_return_val_if_fail (kind != AWB_FOLLOW_UP_ROW_ITEM, NULL);

  self = g_object_new (AWB_TYPE_FOLLOW_UP_ROW, NULL);
  self->kind = kind;
  self->manager = manager;
  self->manager_name = g_strdup (manager_name);
  self->group = group;
  self->count = count;
  return self;
}

/**
 * awb_follow_up_row_new_item:
 * @manager: as for a heading
 *
 * Safe to call from any thread.
 */
AwbFollowUpRow *
awb_follow_up_row_new_item (const AwbDueItem *item,
                            int               manager)
{
  AwbFollowUpRow *self;

  g_return_val_if_fail (item != NULL, NULL);

  self = g_object_new (AWB_TYPE_FOLLOW_UP_ROW, NULL);
  self->kind = AWB_FOLLOW_UP_ROW_ITEM;
  self->manager = manager;
  self->group = item->group;
  self->item = *item;
  return self;
}

AwbFollowUpRowKind
awb_follow_up_row_get_kind (AwbFollowUpRow *self)
{
  g_return_val_if_fail (AWB_IS_FOLLOW_UP_ROW (self), AWB_FOLLOW_UP_ROW_ITEM);
  return self->kind;
}

/**
 * awb_follow_up_row_same:
 *
 * Whether @self and @other stand for the same line: the same heading (its
 * count aside), or the same item due on the same day.  What a reload
 * keeps of the lines shown.
 */
gboolean
awb_follow_up_row_same (AwbFollowUpRow *self,
                        AwbFollowUpRow *other)
{
  g_return_val_if_fail (AWB_IS_FOLLOW_UP_ROW (self), FALSE);
  g_return_val_if_fail (AWB_IS_FOLLOW_UP_ROW (other), FALSE);

  if (self->kind != other->kind || self->manager != other->manager)
    return FALSE;
  switch (self->kind)
    {
    case AWB_FOLLOW_UP_ROW_MANAGER:
      return g_strcmp0 (self->manager_name, other->manager_name) == 0;
    case AWB_FOLLOW_UP_ROW_GROUP:
      return self->group == other->group;
    case AWB_FOLLOW_UP_ROW_ITEM:
    default:
      return self->item.kind == other->item.kind &&
             self->item.client_id == other->item.client_id &&
             self->item.interaction_id == other->item.interaction_id &&
             self->item.interaction_kind == other->item.interaction_kind &&
             self->item.due == other->item.due &&
             self->item.group == other->item.group &&
             self->item.last_contact == other->item.last_contact;
    }
}

/**
 * awb_follow_up_row_get_title:
 *
 * Returns: a heading's title, translated: the manager's name, or the group's
 */
const char *
awb_follow_up_row_get_title (AwbFollowUpRow *self)
{
  g_return_val_if_fail (AWB_IS_FOLLOW_UP_ROW (self), NULL);

  if (self->kind == AWB_FOLLOW_UP_ROW_MANAGER)
    /* Translators: the heading of the follow-ups of clients without a manager */
    return self->manager_name != NULL ? self->manager_name : _("No Manager");
  switch (self->group)
    {
    case AWB_DUE_TODAY:
      /* Translators: the heading of the follow-ups due today */
      return _("Due Today");
    case AWB_DUE_OVERDUE:
      /* Translators: the heading of the follow-ups whose date has passed */
      return _("Overdue");
    case AWB_DUE_THIS_WEEK:
    default:
      /* Translators: the heading of the follow-ups due in the next seven days */
      return _("This Week");
    }
}

guint
awb_follow_up_row_get_count (AwbFollowUpRow *self)
{
  g_return_val_if_fail (AWB_IS_FOLLOW_UP_ROW (self), 0);
  return self->count;
}

void
awb_follow_up_row_set_count (AwbFollowUpRow *self,
                             guint           count)
{
  g_return_if_fail (AWB_IS_FOLLOW_UP_ROW (self));

  if (self->count == count)
    return;
  self->count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

int
awb_follow_up_row_get_manager (AwbFollowUpRow *self)
{
  g_return_val_if_fail (AWB_IS_FOLLOW_UP_ROW (self), -1);
  return self->manager;
}

AwbDueGroup
awb_follow_up_row_get_group (AwbFollowUpRow *self)
{
  g_return_val_if_fail (AWB_IS_FOLLOW_UP_ROW (self), AWB_DUE_TODAY);
  return self->group;
}

/**
 * awb_follow_up_row_get_item:
 *
 * Returns: (transfer none): an item's due-list entry
 */
const AwbDueItem *
awb_follow_up_row_get_item (AwbFollowUpRow *self)
{
  g_return_val_if_fail (AWB_IS_FOLLOW_UP_ROW (self), NULL);
  g_return_val_if_fail (self->kind == AWB_FOLLOW_UP_ROW_ITEM, NULL);
  return &self->item;
}

/* Whether the client's name was read (awb_follow_up_row_set_client). */
gboolean
awb_follow_up_row_has_client (AwbFollowUpRow *self)
{
  g_return_val_if_fail (AWB_IS_FOLLOW_UP_ROW (self), FALSE);
  return self->client_name != NULL;
}

void
awb_follow_up_row_set_client (AwbFollowUpRow *self,
                              const char     *name,
                              const char     *client_no)
{
  g_return_if_fail (AWB_IS_FOLLOW_UP_ROW (self));

  g_free (self->client_name);
  self->client_name = g_strdup (name != NULL ? name : "");
  g_free (self->client_no);
  self->client_no = g_strdup (client_no != NULL ? client_no : "");
}

/* Returns: the client's name, "" until read */
const char *
awb_follow_up_row_get_client_name (AwbFollowUpRow *self)
{
  g_return_val_if_fail (AWB_IS_FOLLOW_UP_ROW (self), NULL);
  return self->client_name != NULL ? self->client_name : "";
}

/* Returns: the client's account number, "" until read */
const char *
awb_follow_up_row_get_client_no (AwbFollowUpRow *self)
{
  g_return_val_if_fail (AWB_IS_FOLLOW_UP_ROW (self), NULL);
  return self->client_no != NULL ? self->client_no : "";
}
