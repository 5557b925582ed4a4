/* awb-preferences-window.c: the application's preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The preferences of this computer, not of the book: who uses it (the
 * "my-manager" key, which the client list opens on).  The manager is
 * chosen among the book's, in pinyin order; "Nobody" is a branch manager's
 * choice.  A name the settings hold but the book does not know (another
 * book's manager) is kept and offered too, so opening the window never
 * changes the preference.  The scoring settings of the book join this
 * window in their own pages.
 */
#define G_LOG_DOMAIN "awb-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "awb-book-query.h"
#include "awb-preferences-window.h"

struct _AwbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AwbDatabase          *database;   /* construct-only */
  GSettings            *settings;   /* construct-only */
  GPtrArray            *names;      /* the row's items: "" for nobody, then names */
  gboolean              filling;

  /* template children */
  AdwComboRow          *manager_row;
};

G_DEFINE_FINAL_TYPE (AwbPreferencesWindow, awb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_manager_selected_cb (AwbPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->manager_row);

  if (self->filling || self->settings == NULL || self->names == NULL ||
      selected >= self->names->len)
    return;
  g_settings_set_string (self->settings, "my-manager", self->names->pdata[selected]);
}

static void
fill_managers (AwbPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  g_auto(GStrv) managers = awb_book_query_managers (self->database, &error);
  g_autofree char *current = self->settings != NULL
                             ? g_settings_get_string (self->settings, "my-manager")
                             : g_strdup ("");
  guint selected = 0;

  if (managers == NULL)
    g_warning ("Failed to read the managers: %s", error->message);

  g_clear_pointer (&self->names, g_ptr_array_unref);
  self->names = g_ptr_array_new_with_free_func (g_free);
  /* Translators: the relationship manager using this computer: nobody, a
   * branch manager who sees every client */
  gtk_string_list_append (items, _("Nobody (every client)"));
  g_ptr_array_add (self->names, g_strdup (""));
  for (guint i = 0; managers != NULL && managers[i] != NULL; i++)
    {
      gtk_string_list_append (items, managers[i]);
      g_ptr_array_add (self->names, g_strdup (managers[i]));
      if (g_strcmp0 (managers[i], current) == 0)
        selected = i + 1;
    }
  if (selected == 0 && current[0] != '\0')
    {
      gtk_string_list_append (items, current);
      g_ptr_array_add (self->names, g_strdup (current));
      selected = self->names->len - 1;
    }

  self->filling = TRUE;
  adw_combo_row_set_model (self->manager_row, G_LIST_MODEL (items));
  adw_combo_row_set_selected (self->manager_row, selected);
  self->filling = FALSE;
}

static void
awb_preferences_window_constructed (GObject *object)
{
  AwbPreferencesWindow *self = (AwbPreferencesWindow *)object;

  G_OBJECT_CLASS (awb_preferences_window_parent_class)->constructed (object);

  gtk_widget_set_sensitive (GTK_WIDGET (self->manager_row), self->settings != NULL);
  fill_managers (self);
}

static void
awb_preferences_window_dispose (GObject *object)
{
  AwbPreferencesWindow *self = (AwbPreferencesWindow *)object;

  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->database);
  gtk_widget_dispose_template (GTK_WIDGET (self), AWB_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (awb_preferences_window_parent_class)->dispose (object);
}

static void
awb_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  AwbPreferencesWindow *self = AWB_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_preferences_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AwbPreferencesWindow *self = AWB_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_preferences_window_class_init (AwbPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = awb_preferences_window_constructed;
  object_class->dispose = awb_preferences_window_dispose;
  object_class->get_property = awb_preferences_window_get_property;
  object_class->set_property = awb_preferences_window_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, AWB_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/awb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AwbPreferencesWindow, manager_row);
  gtk_widget_class_bind_template_callback (widget_class, on_manager_selected_cb);
}

static void
awb_preferences_window_init (AwbPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * awb_preferences_window_new:
 * @settings: (nullable): the application's settings; without them (an
 *   uninstalled run) the preferences cannot be changed
 */
AwbPreferencesWindow *
awb_preferences_window_new (GtkWindow   *parent,
                            AwbDatabase *database,
                            GSettings   *settings)
{
  g_return_val_if_fail (AWB_IS_DATABASE (database), NULL);

  return g_object_new (AWB_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "database", database,
                       "settings", settings,
                       NULL);
}
