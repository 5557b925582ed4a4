/* awb-chart-card.c: a chart with its title, its numbers and its exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A card of the dashboard: the chart's title and caption (what its shares
 * are of), the chart, and the same numbers as a table (chart.show-table),
 * which is also how a screen reader reads the chart.  The chart can be
 * saved as PNG or SVG, its numbers as CSV, or copied as an image; the
 * files are drawn by the render library at a fixed size, in the light
 * style, whatever the window shows.
 *
 * A click on an element (or Enter on it, or its row's button in the table)
 * emits ::drill-down with the element's key, label and count: the page
 * turns the key into the clients behind it.
 */
#define G_LOG_DOMAIN "awb-chart-card"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "awb-chart-card.h"
#include "awb-chart-export.h"
#include "awb-chart-view.h"
#include "awb-chart.h"

#define EXPORT_WIDTH 1200

struct _AwbChartCard
{
  GtkBox         parent_instance;

  gboolean       show_table;
  gboolean       table_stale;   /* the table's grid shows an older table: filled when shown */

  /* template children */
  GtkLabel      *title_label;
  GtkLabel      *caption_label;
  GtkLabel      *moves_label;
  GtkToggleButton *table_button;
  GtkMenuButton *export_button;
  GtkStack      *stack;
  AwbChartView  *chart_view;
  GtkGrid       *table_grid;
};

G_DEFINE_FINAL_TYPE (AwbChartCard, awb_chart_card, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_SHOW_TABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DRILL_DOWN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_drill_down (AwbChartCard *self,
                 guint         i)
{
  AwbChartTable *table = awb_chart_view_get_table (self->chart_view);
  AwbChartRow *row;

  if (table == NULL || i >= awb_chart_table_get_n_rows (table))
    return;
  row = awb_chart_table_get_row (table, i);
  if (row->key == NULL)
    return;
  g_signal_emit (self, signals[DRILL_DOWN], 0, row->key, row->label,
                 (gint64) (isnan (row->values[0]) ? 0 : row->values[0]));
}

static void
on_row_activated_cb (AwbChartCard *self,
                     guint         row)
{
  emit_drill_down (self, row);
}

static void
on_show_clients_clicked_cb (GtkButton    *button,
                            AwbChartCard *self)
{
  /* the button's place in the grid is the row's */
  int column, row, width, height;

  gtk_grid_query_child (self->table_grid, GTK_WIDGET (button), &column, &row, &width, &height);
  emit_drill_down (self, (guint) row - 1);
}

static GtkWidget *
cell_label (const char *text,
            gboolean    numeric,
            gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0f : 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), !numeric);
  gtk_label_set_max_width_chars (GTK_LABEL (label), numeric ? -1 : 40);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

/* The numbers of the chart, one line per element, with a button to its
 * clients: what a screen reader reads instead of the picture. */
static void
fill_table (AwbChartCard  *self,
            AwbChartTable *table)
{
  GtkWidget *child;
  guint n_columns = table->columns->len;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table_grid))) != NULL)
    gtk_grid_remove (self->table_grid, child);

  gtk_grid_attach (self->table_grid, cell_label (C_("chart table", "Element"), FALSE, TRUE), 0, 0, 1, 1);
  for (guint c = 0; c < n_columns; c++)
    {
      const AwbChartColumn *column = g_ptr_array_index (table->columns, c);

      gtk_grid_attach (self->table_grid, cell_label (column->label, TRUE, TRUE), 1 + c, 0, 1, 1);
    }
  gtk_grid_attach (self->table_grid, cell_label (C_("chart table", "Share"), TRUE, TRUE),
                   1 + n_columns, 0, 1, 1);

  for (guint r = 0; r < awb_chart_table_get_n_rows (table); r++)
    {
      AwbChartRow *row = awb_chart_table_get_row (table, r);
      double percent = awb_chart_table_get_percent (table, r);
      g_autofree char *share = isnan (percent) ? g_strdup ("—") : g_strdup_printf ("%.1f %%", percent);
      g_autofree char *sentence = awb_chart_view_describe_row (table, r);
      GtkWidget *name = cell_label (row->label, FALSE, FALSE);

      gtk_accessible_update_property (GTK_ACCESSIBLE (name),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, sentence, -1);
      gtk_grid_attach (self->table_grid, name, 0, 1 + r, 1, 1);
      for (guint c = 0; c < n_columns; c++)
        gtk_grid_attach (self->table_grid, cell_label (row->texts[c], TRUE, FALSE), 1 + c, 1 + r, 1, 1);
      gtk_grid_attach (self->table_grid, cell_label (share, TRUE, FALSE), 1 + n_columns, 1 + r, 1, 1);
      if (row->key != NULL && row->values[0] > 0)
        {
          GtkWidget *button = gtk_button_new_with_label (_("Show Clients"));
          /* Translators: the accessible name of a chart table's button;
           * %1$s is the element ("Champions"), %2$s its count */
          g_autofree char *name_text = g_strdup_printf (_("Show the %2$s clients of %1$s"),
                                                        row->label, row->texts[0]);

          gtk_widget_add_css_class (button, "flat");
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, name_text, -1);
          g_signal_connect (button, "clicked", G_CALLBACK (on_show_clients_clicked_cb), self);
          gtk_grid_attach (self->table_grid, button, 2 + n_columns, 1 + r, 1, 1);
        }
      if (row->note != NULL)
        {
          GtkWidget *note = cell_label (row->note, FALSE, FALSE);

          gtk_widget_add_css_class (note, "dim-label");
          gtk_grid_attach (self->table_grid, note, 3 + n_columns, 1 + r, 1, 1);
        }
    }
  if (table->denominator_label != NULL)
    {
      /* Translators: under a chart's table; %s says what the shares are
       * of, e.g. "of 333 scored clients" */
      g_autofree char *text = g_strdup_printf (_("Shares are %s."), table->denominator_label);
      GtkWidget *label = cell_label (text, FALSE, FALSE);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (self->table_grid, label, 0, 1 + awb_chart_table_get_n_rows (table),
                       2 + n_columns, 1);
    }
}

/* ---- exports ---------------------------------------------------------- */

typedef enum { EXPORT_PNG, EXPORT_SVG, EXPORT_CSV } ExportKind;

static gboolean
write_export (AwbChartCard  *self,
              ExportKind     kind,
              const char    *path,
              GError       **error)
{
  AwbChartTable *table = awb_chart_view_get_table (self->chart_view);
  AwbChartStyle style;
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  double height;

  awb_chart_style_init (&style, FALSE);
  if (kind == EXPORT_CSV)
    {
      g_autofree char *csv = awb_chart_table_to_csv (table);

      return g_file_set_contents_full (path, csv, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
    }
  height = awb_chart_get_preferred_height (table, &style, context, EXPORT_WIDTH);
  if (kind == EXPORT_PNG)
    return awb_chart_write_png (table, &style, EXPORT_WIDTH, height, path, error);
  return awb_chart_write_svg (table, &style, EXPORT_WIDTH, height, path, error);
}

typedef struct
{
  AwbChartCard *card;
  ExportKind    kind;
} SaveJob;

static void
save_job_free (gpointer data,
               GClosure *closure)
{
  SaveJob *job = data;

  g_object_unref (job->card);
  g_free (job);
}

static void
on_save_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     SaveJob         *job)
{
  AwbChartCard *self = job->card;
  ExportKind kind = job->kind;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = g_file_get_path (file);
  if (path == NULL || !write_export (self, kind, path, &error))
    {
      GtkWidget *alert = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                 _("The Chart Was Not Saved"),
                                                 error != NULL ? error->message
                                                               : _("The place chosen is not a local file."));

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (alert));
    }
out:
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
save_as (AwbChartCard *self,
         ExportKind    kind)
{
  AwbChartTable *table = awb_chart_view_get_table (self->chart_view);
  static const char *const extensions[] = { "png", "svg", "csv" };
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;
  SaveJob *job;

  if (table == NULL)
    return;
  dialog = gtk_file_chooser_native_new (kind == EXPORT_CSV ? _("Save the Numbers") : _("Save the Chart"),
                                        GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  name = g_strdup_printf ("%s.%s", table->id, extensions[kind]);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  job = g_new0 (SaveJob, 1);
  job->card = g_object_ref (self);
  job->kind = kind;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_save_response_cb), job,
                         save_job_free, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_png_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  save_as (AWB_CHART_CARD (widget), EXPORT_PNG);
}

static void
save_svg_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  save_as (AWB_CHART_CARD (widget), EXPORT_SVG);
}

static void
save_csv_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  save_as (AWB_CHART_CARD (widget), EXPORT_CSV);
}

static void
copy_image_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AwbChartCard *self = AWB_CHART_CARD (widget);
  AwbChartTable *table = awb_chart_view_get_table (self->chart_view);
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  g_autoptr(AwbChartLayout) layout = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  AwbChartStyle style;
  cairo_t *cr;
  int width = EXPORT_WIDTH, height;

  if (table == NULL)
    return;
  awb_chart_style_init (&style, FALSE);
  height = (int) ceil (awb_chart_get_preferred_height (table, &style, context, width));
  layout = awb_chart_layout_new_full (table, &style, context, width, height, AWB_CHART_LAYOUT_TITLED);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, style.background.red, style.background.green, style.background.blue);
  cairo_paint (cr);
  awb_chart_render (cr, layout, -1);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * height);
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
}

/* ---- the card --------------------------------------------------------- */

static void
awb_chart_card_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AwbChartCard *self = AWB_CHART_CARD (object);

  switch (prop_id)
    {
    case PROP_SHOW_TABLE:
      g_value_set_boolean (value, self->show_table);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_chart_card_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AwbChartCard *self = AWB_CHART_CARD (object);

  switch (prop_id)
    {
    case PROP_SHOW_TABLE:
      if (self->show_table != g_value_get_boolean (value))
        {
          self->show_table = g_value_get_boolean (value);
          if (self->show_table && self->table_stale)
            {
              fill_table (self, awb_chart_view_get_table (self->chart_view));
              self->table_stale = FALSE;
            }
          gtk_stack_set_visible_child_name (self->stack, self->show_table ? "table" : "chart");
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_chart_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), AWB_TYPE_CHART_CARD);
  G_OBJECT_CLASS (awb_chart_card_parent_class)->dispose (object);
}

static void
awb_chart_card_class_init (AwbChartCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = awb_chart_card_dispose;
  object_class->get_property = awb_chart_card_get_property;
  object_class->set_property = awb_chart_card_set_property;

  properties[PROP_SHOW_TABLE] =
    g_param_spec_boolean ("show-table", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AwbChartCard::drill-down:
   * @key: the element's key (AwbChartRow.key)
   * @label: the element's name
   * @count: the chart's number of clients in it
   */
  signals[DRILL_DOWN] =
    g_signal_new ("drill-down", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/advisorworkbench/Workbench/ui/awb-chart-card.ui");
  gtk_widget_class_bind_template_child (widget_class, AwbChartCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, AwbChartCard, caption_label);
  gtk_widget_class_bind_template_child (widget_class, AwbChartCard, moves_label);
  gtk_widget_class_bind_template_child (widget_class, AwbChartCard, table_button);
  gtk_widget_class_bind_template_child (widget_class, AwbChartCard, export_button);
  gtk_widget_class_bind_template_child (widget_class, AwbChartCard, stack);
  gtk_widget_class_bind_template_child (widget_class, AwbChartCard, chart_view);
  gtk_widget_class_bind_template_child (widget_class, AwbChartCard, table_grid);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);

  gtk_widget_class_install_property_action (widget_class, "chart.show-table", "show-table");
  gtk_widget_class_install_action (widget_class, "chart.save-png", NULL, save_png_action);
  gtk_widget_class_install_action (widget_class, "chart.save-svg", NULL, save_svg_action);
  gtk_widget_class_install_action (widget_class, "chart.save-csv", NULL, save_csv_action);
  gtk_widget_class_install_action (widget_class, "chart.copy-image", NULL, copy_image_action);

  g_type_ensure (AWB_TYPE_CHART_VIEW);
}

static void
awb_chart_card_init (AwbChartCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
awb_chart_card_new (void)
{
  return g_object_new (AWB_TYPE_CHART_CARD, NULL);
}

void
awb_chart_card_set_table (AwbChartCard  *self,
                          AwbChartTable *table)
{
  g_autofree char *show_name = NULL;
  g_autofree char *export_name = NULL;

  g_return_if_fail (AWB_IS_CHART_CARD (self));
  g_return_if_fail (table != NULL);

  gtk_label_set_label (self->title_label, table->title);
  gtk_label_set_label (self->caption_label, table->caption != NULL ? table->caption : "");
  gtk_widget_set_visible (GTK_WIDGET (self->caption_label), table->caption != NULL);
  awb_chart_view_set_table (self->chart_view, table);
  /* the numbers are laid out when asked for: forty charts' tables are
   * thousands of labels nobody may look at */
  self->table_stale = TRUE;
  if (self->show_table)
    {
      fill_table (self, table);
      self->table_stale = FALSE;
    }

  /* Translators: accessible names of a chart's buttons; %s is its title */
  show_name = g_strdup_printf (_("Show the numbers of “%s”"), table->title);
  /* Translators: %s is a chart's title */
  export_name = g_strdup_printf (_("Export “%s”"), table->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, show_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->export_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, export_name, -1);
}

AwbChartTable *
awb_chart_card_get_table (AwbChartCard *self)
{
  g_return_val_if_fail (AWB_IS_CHART_CARD (self), NULL);
  return awb_chart_view_get_table (self->chart_view);
}

/* The largest moves of a migration, in words, above its matrix. */
void
awb_chart_card_set_moves (AwbChartCard       *self,
                          const char * const *moves)
{
  g_autofree char *text = NULL;

  g_return_if_fail (AWB_IS_CHART_CARD (self));

  if (moves == NULL || moves[0] == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->moves_label), FALSE);
      return;
    }
  {
    g_autofree char *list = g_strjoinv ("; ", (char **) moves);

    /* Translators: above a migration matrix; %s lists the largest moves,
     * e.g. "41 Champions → At risk; 30 Loyal → Need attention" */
    text = g_strdup_printf (_("Largest moves: %s."), list);
  }
  gtk_label_set_label (self->moves_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->moves_label), TRUE);
}
