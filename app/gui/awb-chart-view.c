/* awb-chart-view.c: one chart, drawn by the render library, that can be pointed at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widget only hosts a chart: the layout (rectangles, ticks, legend)
 * and the drawing are the render library's (app/render), the same code
 * that writes PNG, SVG and the PDF report.  The layout is made again only
 * when the table, the size or the style changes, never per frame; hover,
 * tooltips and clicks hit-test the layout's own rectangles, so what is
 * pointed at is what was drawn (sysprof's lookup_item).
 *
 * Colours follow the light or dark style (AdwStyleManager), read when the
 * widget's CSS changes.  The chart is one focusable element: the arrow
 * keys walk its elements, Enter opens the one highlighted, and its
 * accessible description reads the highlighted element as a sentence; the
 * card around it shows the whole table of numbers for a screen reader.
 */
#define G_LOG_DOMAIN "awb-chart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "awb-chart-view.h"
#include "awb-chart.h"

struct _AwbChartView
{
  GtkWidget        parent_instance;

  AwbChartTable   *table;
  AwbChartLayout  *layout;       /* for the current size and style, or NULL */
  AwbChartStyle    style;
  char            *font;         /* style.font points here */
  int              highlight;    /* the row pointed at or walked to, or -1 */
};

G_DEFINE_FINAL_TYPE (AwbChartView, awb_chart_view, GTK_TYPE_WIDGET)

enum {
  ROW_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * awb_chart_view_describe_row:
 *
 * The sentence a row reads as, in tooltips and for a screen reader:
 * "Champions: 41 clients, 12.3 % of all 333 clients of the run; Share of
 * revenue 30.1 %. Strategy text."
 */
char *
awb_chart_view_describe_row (AwbChartTable *table,
                             guint          i)
{
  AwbChartRow *row = awb_chart_table_get_row (table, i);
  g_autoptr(GString) text = g_string_new (NULL);
  double percent = awb_chart_table_get_percent (table, i);

  for (guint c = 0; c < table->columns->len; c++)
    {
      const AwbChartColumn *column = g_ptr_array_index (table->columns, c);

      if (c > 0)
        g_string_append (text, "; ");
      /* Translators: a measure of a chart element, e.g. "Clients 41" */
      g_string_append_printf (text, C_("chart measure", "%1$s %2$s"), column->label,
                              row->texts[c] != NULL && row->texts[c][0] != '\0' ? row->texts[c] : "—");
      if (c == 0 && !isnan (percent) && table->denominator_label != NULL)
        {
          g_autofree char *share = g_strdup_printf ("%.1f %%", percent);

          /* Translators: a share after a count, e.g. " (12.3 % of 333 scored clients)" */
          g_string_append_printf (text, _(" (%1$s %2$s)"), share, table->denominator_label);
        }
    }
  {
    g_autofree char *measures = g_string_free (g_steal_pointer (&text), FALSE);
    g_autofree char *sentence = NULL;

    /* Translators: a chart element read as a sentence; %1$s its name,
     * %2$s its measures, e.g. "Champions: Clients 41 (12.3 % …)" */
    sentence = g_strdup_printf (_("%1$s: %2$s."), row->label, measures);
    if (row->note != NULL)
      return g_strconcat (sentence, " ", row->note, NULL);
    return g_steal_pointer (&sentence);
  }
}

static void
update_accessible (AwbChartView *self)
{
  g_autofree char *description = NULL;

  if (self->table == NULL)
    return;
  if (self->highlight >= 0)
    description = awb_chart_view_describe_row (self->table, self->highlight);
  else
    {
      guint n = awb_chart_table_get_n_rows (self->table);

      /* Translators: how a chart reads before an element is chosen; %u is
       * the number of its elements */
      description = g_strdup_printf (ngettext ("A chart of %u element. Use the arrow keys to read each; Enter shows its clients.",
                                               "A chart of %u elements. Use the arrow keys to read each; Enter shows its clients.",
                                               n), n);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->table->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
set_highlight (AwbChartView *self,
               int           row)
{
  if (self->highlight == row)
    return;
  self->highlight = row;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  update_accessible (self);
}

static void
drop_layout (AwbChartView *self)
{
  g_clear_pointer (&self->layout, awb_chart_layout_free);
}

static AwbChartLayout *
ensure_layout (AwbChartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->table == NULL || width <= 0 || height <= 0)
    return NULL;
  if (self->layout == NULL)
    self->layout = awb_chart_layout_new (self->table, &self->style,
                                         gtk_widget_get_pango_context (GTK_WIDGET (self)),
                                         width, height);
  return self->layout;
}

static void
read_style (AwbChartView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  PangoFontDescription *desc = pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self)));

  awb_chart_style_init (&self->style, adw_style_manager_get_dark (manager));
  g_free (self->font);
  self->font = desc != NULL ? pango_font_description_to_string (desc) : g_strdup ("Sans 10");
  self->style.font = self->font;
  drop_layout (self);
}

static void
awb_chart_view_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  AwbChartView *self = AWB_CHART_VIEW (widget);

  GTK_WIDGET_CLASS (awb_chart_view_parent_class)->css_changed (widget, change);
  read_style (self);
  gtk_widget_queue_draw (widget);
}

static void
on_dark_changed_cb (AwbChartView *self)
{
  read_style (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
awb_chart_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  AwbChartView *self = AWB_CHART_VIEW (widget);
  AwbChartLayout *layout = ensure_layout (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (layout == NULL)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  awb_chart_render (cr, layout, self->highlight);
  if (gtk_widget_has_visible_focus (widget) && self->highlight >= 0)
    {
      cairo_rectangle_t rect;

      if (awb_chart_layout_get_hit_area (layout, self->highlight, &rect))
        {
          cairo_set_source_rgba (cr, self->style.accent.red, self->style.accent.green,
                                 self->style.accent.blue, 1.0);
          cairo_set_line_width (cr, 2.0);
          cairo_rectangle (cr, floor (rect.x) - 1.0, floor (rect.y) - 1.0,
                           ceil (rect.width) + 2.0, ceil (rect.height) + 2.0);
          cairo_stroke (cr);
        }
    }
  cairo_destroy (cr);
}

static void
awb_chart_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  AwbChartView *self = AWB_CHART_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 560;
    }
  else
    {
      double width = for_size > 0 ? for_size : 560;
      double height = 200;

      if (self->table != NULL)
        height = awb_chart_get_preferred_height (self->table, &self->style,
                                                 gtk_widget_get_pango_context (widget), width);
      *minimum = *natural = (int) ceil (height);
    }
}

static GtkSizeRequestMode
awb_chart_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
awb_chart_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  AwbChartView *self = AWB_CHART_VIEW (widget);
  double w, h;

  if (self->layout != NULL)
    {
      awb_chart_layout_get_size (self->layout, &w, &h);
      if ((int) w != width || (int) h != height)
        drop_layout (self);
    }
}

static gboolean
awb_chart_view_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard,
                              GtkTooltip *tooltip)
{
  AwbChartView *self = AWB_CHART_VIEW (widget);
  AwbChartLayout *layout = ensure_layout (self);
  g_autofree char *text = NULL;
  int row;

  if (layout == NULL)
    return FALSE;
  row = keyboard ? self->highlight : awb_chart_layout_hit (layout, x, y);
  if (row < 0)
    return FALSE;
  text = awb_chart_view_describe_row (self->table, row);
  gtk_tooltip_set_text (tooltip, text);
  {
    cairo_rectangle_t rect;

    if (awb_chart_layout_get_hit_area (layout, row, &rect))
      gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { rect.x, rect.y, MAX (1, rect.width),
                                                           MAX (1, rect.height) });
  }
  return TRUE;
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              AwbChartView             *self)
{
  AwbChartLayout *layout = ensure_layout (self);

  if (layout != NULL)
    set_highlight (self, awb_chart_layout_hit (layout, x, y));
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             AwbChartView             *self)
{
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    set_highlight (self, -1);
}

static void
activate_row (AwbChartView *self,
              int           row)
{
  AwbChartRow *r;

  if (self->table == NULL || row < 0)
    return;
  r = awb_chart_table_get_row (self->table, row);
  if (r->key != NULL)
    g_signal_emit (self, signals[ROW_ACTIVATED], 0, (guint) row);
  else
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
on_released_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                AwbChartView    *self)
{
  AwbChartLayout *layout = ensure_layout (self);
  int row;

  if (layout == NULL)
    return;
  row = awb_chart_layout_hit (layout, x, y);
  if (row < 0)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  set_highlight (self, row);
  activate_row (self, row);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   AwbChartView          *self)
{
  int n = self->table != NULL ? (int) awb_chart_table_get_n_rows (self->table) : 0;

  if (n == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Right:
    case GDK_KEY_KP_Down:
      set_highlight (self, self->highlight < 0 ? 0 : MIN (self->highlight + 1, n - 1));
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Left:
    case GDK_KEY_KP_Up:
      set_highlight (self, self->highlight < 0 ? n - 1 : MAX (self->highlight - 1, 0));
      return TRUE;
    case GDK_KEY_Home:
      set_highlight (self, 0);
      return TRUE;
    case GDK_KEY_End:
      set_highlight (self, n - 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      activate_row (self, self->highlight);
      return self->highlight >= 0;
    default:
      return FALSE;
    }
}

static void
awb_chart_view_dispose (GObject *object)
{
  AwbChartView *self = AWB_CHART_VIEW (object);

  drop_layout (self);
  g_clear_pointer (&self->table, awb_chart_table_unref);
  g_clear_pointer (&self->font, g_free);

  G_OBJECT_CLASS (awb_chart_view_parent_class)->dispose (object);
}

static void
awb_chart_view_class_init (AwbChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = awb_chart_view_dispose;

  widget_class->snapshot = awb_chart_view_snapshot;
  widget_class->measure = awb_chart_view_measure;
  widget_class->get_request_mode = awb_chart_view_get_request_mode;
  widget_class->size_allocate = awb_chart_view_size_allocate;
  widget_class->css_changed = awb_chart_view_css_changed;
  widget_class->query_tooltip = awb_chart_view_query_tooltip;

  /**
   * AwbChartView::row-activated:
   * @row: the table's row clicked, or opened with Enter
   *
   * Emitted for an element that selects clients (its row has a key).
   */
  signals[ROW_ACTIVATED] =
    g_signal_new ("row-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "awbchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
awb_chart_view_init (AwbChartView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->highlight = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (click, "released", G_CALLBACK (on_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
  read_style (self);
}

GtkWidget *
awb_chart_view_new (void)
{
  return g_object_new (AWB_TYPE_CHART_VIEW, NULL);
}

void
awb_chart_view_set_table (AwbChartView  *self,
                          AwbChartTable *table)
{
  g_return_if_fail (AWB_IS_CHART_VIEW (self));

  if (table != NULL)
    awb_chart_table_ref (table);
  g_clear_pointer (&self->table, awb_chart_table_unref);
  self->table = table;
  self->highlight = -1;
  drop_layout (self);
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

AwbChartTable *
awb_chart_view_get_table (AwbChartView *self)
{
  g_return_val_if_fail (AWB_IS_CHART_VIEW (self), NULL);
  return self->table;
}

int
awb_chart_view_get_highlight (AwbChartView *self)
{
  g_return_val_if_fail (AWB_IS_CHART_VIEW (self), -1);
  return self->highlight;
}

const AwbChartStyle *
awb_chart_view_get_style (AwbChartView *self)
{
  g_return_val_if_fail (AWB_IS_CHART_VIEW (self), NULL);
  return &self->style;
}
