/* awb-setting-row.c: one scoring setting of the book, as the preferences edit it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An entry row holding the text form of one key of the settings registry
 * (app/core/awb-settings.c), with an apply button: the window stores the
 * text on apply or Enter.  A refused text stays in the entry, and the row
 * shows why beside it (STYLE §18a.4): the "error" style class, the message
 * in a caption label among the suffixes, and for a screen reader the
 * invalid state with the message as description.  Otherwise the description
 * is the key's summary, which the tooltip shows with the default.
 */
#define G_LOG_DOMAIN "awb-setting-row"

#include "config.h"

#include <glib/gi18n.h>

#include "awb-setting-row.h"
#include "awb-settings.h"

struct _AwbSettingRow
{
  AdwEntryRow  parent_instance;

  char        *key;       /* construct-only */
  char        *error;     /* the refusal's message, or NULL */

  /* template children */
  GtkLabel    *message_label;
};

G_DEFINE_FINAL_TYPE (AwbSettingRow, awb_setting_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_KEY,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
awb_setting_row_constructed (GObject *object)
{
  AwbSettingRow *self = (AwbSettingRow *)object;
  const char *summary = awb_settings_get_summary (self->key);
  g_autofree char *def = awb_settings_get_default (self->key);
  g_autofree char *tooltip = NULL;

  G_OBJECT_CLASS (awb_setting_row_parent_class)->constructed (object);

  g_return_if_fail (summary != NULL);

  /* Translators: the tooltip of a scoring setting: first what it is (a
   * sentence of its own), then its default value as the settings store it */
  tooltip = g_strdup_printf (_("%s.\nDefault: %s"), summary, def);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                  -1);
}

static void
awb_setting_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), AWB_TYPE_SETTING_ROW);

  G_OBJECT_CLASS (awb_setting_row_parent_class)->dispose (object);
}

static void
awb_setting_row_finalize (GObject *object)
{
  AwbSettingRow *self = (AwbSettingRow *)object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (awb_setting_row_parent_class)->finalize (object);
}

static void
awb_setting_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AwbSettingRow *self = AWB_SETTING_ROW (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_setting_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AwbSettingRow *self = AWB_SETTING_ROW (object);

  switch (prop_id)
    {
    case PROP_KEY:
      self->key = g_value_dup_string (value);
      break;
    case PROP_ERROR:
      awb_setting_row_set_error (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_setting_row_class_init (AwbSettingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = awb_setting_row_constructed;
  object_class->dispose = awb_setting_row_dispose;
  object_class->finalize = awb_setting_row_finalize;
  object_class->get_property = awb_setting_row_get_property;
  object_class->set_property = awb_setting_row_set_property;

  /* the key of the settings registry the row edits, such as "tier.weights" */
  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* why the text in the entry was refused (translated), or NULL */
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/awb-setting-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AwbSettingRow, message_label);
}

static void
awb_setting_row_init (AwbSettingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * awb_setting_row_new:
 * @key: a key of the settings registry
 * @title: the row's title, translated
 */
AwbSettingRow *
awb_setting_row_new (const char *key,
                     const char *title)
{
  g_return_val_if_fail (awb_settings_has_key (key), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  return g_object_new (AWB_TYPE_SETTING_ROW,
                       "key", key,
                       "title", title,
                       NULL);
}

const char *
awb_setting_row_get_key (AwbSettingRow *self)
{
  g_return_val_if_fail (AWB_IS_SETTING_ROW (self), NULL);

  return self->key;
}

/**
 * awb_setting_row_set_value:
 * @value: the value in force, in text form
 *
 * Shows @value in the entry, as stored, and clears any refusal.  Setting
 * the text is not an edit: it does not reveal the apply button.
 */
void
awb_setting_row_set_value (AwbSettingRow *self,
                           const char    *value)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (self);

  g_return_if_fail (AWB_IS_SETTING_ROW (self));
  g_return_if_fail (value != NULL);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self)), value) != 0)
    {
      /* AdwEntryRow 1.2 counts any change made while the entry has the
       * focus as an edit; it does not look while the button is off */
      adw_entry_row_set_show_apply_button (row, FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self), value);
      adw_entry_row_set_show_apply_button (row, TRUE);
    }
  awb_setting_row_set_error (self, NULL);
}

/* Returns: (nullable): why the text in the entry was refused. */
const char *
awb_setting_row_get_error (AwbSettingRow *self)
{
  g_return_val_if_fail (AWB_IS_SETTING_ROW (self), NULL);

  return self->error;
}

/* GTK 4.8 / Adw 1.2: the entry row's header box gets no more height than
 * a plain row, and measures a wrapping suffix width-for-height, so a long
 * message would claim the width of its few lines and squeeze the field and
 * its title.  Asking for the height of the message at its natural width
 * keeps it a caption column of max-width-chars. */
static void
reserve_message_height (AwbSettingRow *self)
{
  GtkWidget *label = GTK_WIDGET (self->message_label);
  int width = 0;
  int height = 0;

  gtk_widget_set_size_request (label, -1, -1);
  if (!gtk_widget_get_visible (label))
    return;
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
  height -= gtk_widget_get_margin_top (label) + gtk_widget_get_margin_bottom (label);
  gtk_widget_set_size_request (label, -1, MAX (height, -1));
}

/**
 * awb_setting_row_set_error:
 * @message: (nullable): why the text in the entry was refused, translated;
 *   %NULL when it was not
 *
 * Marks the row invalid with @message beside the field, or valid again.
 */
void
awb_setting_row_set_error (AwbSettingRow *self,
                           const char    *message)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (self);

  g_return_if_fail (AWB_IS_SETTING_ROW (self));

  if (message != NULL && *message == '\0')
    message = NULL;
  if (g_strcmp0 (self->error, message) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);

  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  reserve_message_height (self);
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "error");
      gtk_accessible_update_state (accessible,
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_property (accessible,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
      gtk_accessible_update_state (accessible,
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
      gtk_accessible_update_property (accessible,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      awb_settings_get_summary (self->key),
                                      -1);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}
