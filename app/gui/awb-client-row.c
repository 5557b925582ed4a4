/* awb-client-row.c: one row of the client list, as the list shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An immutable snapshot of the columns the list shows, created by
 * AwbClientListModel only when the view asks for that position.
 */
#define G_LOG_DOMAIN "awb-client-row"

#include "config.h"

#include "awb-client-row.h"
#include "awb-gui-format.h"

struct _AwbClientRow
{
  GObject  parent_instance;

  gint64   id;          /* clients.id */
  char    *name;
  char    *client_no;   /* the account number */
  char    *manager;     /* "" when none */
  char    *aum_text;    /* grouped, two decimals */
};

G_DEFINE_FINAL_TYPE (AwbClientRow, awb_client_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_CLIENT_NO,
  PROP_MANAGER,
  PROP_AUM_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
awb_client_row_finalize (GObject *object)
{
  AwbClientRow *self = (AwbClientRow *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->client_no, g_free);
  g_clear_pointer (&self->manager, g_free);
  g_clear_pointer (&self->aum_text, g_free);

  G_OBJECT_CLASS (awb_client_row_parent_class)->finalize (object);
}

static void
awb_client_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AwbClientRow *self = AWB_CLIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_CLIENT_NO:
      g_value_set_string (value, self->client_no);
      break;
    case PROP_MANAGER:
      g_value_set_string (value, self->manager);
      break;
    case PROP_AUM_TEXT:
      g_value_set_string (value, self->aum_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_client_row_class_init (AwbClientRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = awb_client_row_finalize;
  object_class->get_property = awb_client_row_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT_NO] =
    g_param_spec_string ("client-no", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MANAGER] =
    g_param_spec_string ("manager", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUM_TEXT] =
    g_param_spec_string ("aum-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
awb_client_row_init (AwbClientRow *self)
{
}

AwbClientRow *
awb_client_row_new (const AwbClientSummary *summary)
{
  AwbClientRow *self;

  g_return_val_if_fail (summary != NULL, NULL);

  self = g_object_new (AWB_TYPE_CLIENT_ROW, NULL);
  self->id = summary->id;
  self->name = g_strdup (summary->name ? summary->name : "");
  self->client_no = g_strdup (summary->client_no ? summary->client_no : "");
  self->manager = g_strdup (summary->manager ? summary->manager : "");
  self->aum_text = awb_gui_format_money (summary->aum);
  return self;
}

gint64
awb_client_row_get_id (AwbClientRow *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_ROW (self), 0);
  return self->id;
}

const char *
awb_client_row_get_name (AwbClientRow *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_ROW (self), NULL);
  return self->name;
}

const char *
awb_client_row_get_client_no (AwbClientRow *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_ROW (self), NULL);
  return self->client_no;
}

const char *
awb_client_row_get_manager (AwbClientRow *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_ROW (self), NULL);
  return self->manager;
}

const char *
awb_client_row_get_aum_text (AwbClientRow *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_ROW (self), NULL);
  return self->aum_text;
}
