/* awb-client-filter-popover.c: the client list's filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One drop-down per label of the latest scoring run (tier, RFM segment,
 * loyalty type, risk level, lifecycle stage, life stage, value tier) and
 * one for the manager, each "Any" or one value; three checks (overdue,
 * suitability mismatch, questionnaire expired); and filters.clear.  The
 * values are the code tables' labels (awb-codes.c), so they read as the
 * rest of the application.  Any change emits ::changed; the page then asks
 * for the filters with awb_client_filter_popover_apply().  While the list
 * shows "my clients" the manager is fixed (set_manager_locked).
 */
#define G_LOG_DOMAIN "awb-client-filter-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "awb-client-filter-popover.h"
#include "awb-codes.h"

struct _AwbClientFilterPopover
{
  GtkPopover     parent_instance;

  GArray        *manager_ids;     /* gint64 per manager item (after "Any"); 0 = none */
  gboolean       filling;         /* models being replaced: no ::changed */

  /* template children */
  GtkDropDown   *manager_dropdown;
  GtkDropDown   *tier_dropdown;
  GtkDropDown   *segment_dropdown;
  GtkDropDown   *loyalty_dropdown;
  GtkDropDown   *risk_dropdown;
  GtkDropDown   *lifecycle_dropdown;
  GtkDropDown   *life_stage_dropdown;
  GtkDropDown   *value_dropdown;
  GtkCheckButton *overdue_check;
  GtkCheckButton *mismatch_check;
  GtkCheckButton *expired_check;
};

G_DEFINE_FINAL_TYPE (AwbClientFilterPopover, awb_client_filter_popover, GTK_TYPE_POPOVER)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The label drop-downs, in the order of AwbClientFilter, with their kinds. */
static GtkDropDown **
label_dropdowns (AwbClientFilterPopover *self,
                 guint                   filter)
{
  switch (filter)
    {
    case AWB_CLIENT_FILTER_TIER:
      return &self->tier_dropdown;
    case AWB_CLIENT_FILTER_SEGMENT:
      return &self->segment_dropdown;
    case AWB_CLIENT_FILTER_LOYALTY:
      return &self->loyalty_dropdown;
    case AWB_CLIENT_FILTER_RISK:
      return &self->risk_dropdown;
    case AWB_CLIENT_FILTER_LIFECYCLE:
      return &self->lifecycle_dropdown;
    case AWB_CLIENT_FILTER_LIFE_STAGE:
      return &self->life_stage_dropdown;
    case AWB_CLIENT_FILTER_VALUE_TIER:
    default:
      return &self->value_dropdown;
    }
}

static const AwbCodeKind filter_kinds[AWB_N_CLIENT_FILTERS] = {
  [AWB_CLIENT_FILTER_TIER] = AWB_KIND_TIER,
  [AWB_CLIENT_FILTER_SEGMENT] = AWB_KIND_RFM_SEGMENT,
  [AWB_CLIENT_FILTER_LOYALTY] = AWB_KIND_LOYALTY_TYPE,
  [AWB_CLIENT_FILTER_RISK] = AWB_KIND_RISK_LEVEL,
  [AWB_CLIENT_FILTER_LIFECYCLE] = AWB_KIND_LIFECYCLE,
  [AWB_CLIENT_FILTER_LIFE_STAGE] = AWB_KIND_LIFE_STAGE,
  [AWB_CLIENT_FILTER_VALUE_TIER] = AWB_KIND_VALUE_TIER,
};

static void
update_clear_action (AwbClientFilterPopover *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "filters.clear",
                                 awb_client_filter_popover_get_n_active (self) > 0);
}

static void
on_filter_changed_cb (AwbClientFilterPopover *self)
{
  if (self->filling)
    return;
  update_clear_action (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  awb_client_filter_popover_clear (AWB_CLIENT_FILTER_POPOVER (widget));
}

static void
awb_client_filter_popover_dispose (GObject *object)
{
  AwbClientFilterPopover *self = (AwbClientFilterPopover *)object;

  g_clear_pointer (&self->manager_ids, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), AWB_TYPE_CLIENT_FILTER_POPOVER);

  G_OBJECT_CLASS (awb_client_filter_popover_parent_class)->dispose (object);
}

static void
awb_client_filter_popover_class_init (AwbClientFilterPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = awb_client_filter_popover_dispose;

  /**
   * AwbClientFilterPopover::changed:
   *
   * A filter changed: the list should be filtered again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/awb-client-filter-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, AwbClientFilterPopover, manager_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AwbClientFilterPopover, tier_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AwbClientFilterPopover, segment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AwbClientFilterPopover, loyalty_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AwbClientFilterPopover, risk_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AwbClientFilterPopover, lifecycle_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AwbClientFilterPopover, life_stage_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AwbClientFilterPopover, value_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AwbClientFilterPopover, overdue_check);
  gtk_widget_class_bind_template_child (widget_class, AwbClientFilterPopover, mismatch_check);
  gtk_widget_class_bind_template_child (widget_class, AwbClientFilterPopover, expired_check);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "filters.clear", NULL, clear_action);
}

static void
awb_client_filter_popover_init (AwbClientFilterPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->filling = TRUE;
  self->manager_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint f = 0; f < AWB_N_CLIENT_FILTERS; f++)
    {
      g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);

      /* Translators: a filter that lets every client through */
      gtk_string_list_append (items, C_("filter", "Any"));
      for (int v = 0; v < awb_code_count (filter_kinds[f]); v++)
        gtk_string_list_append (items, awb_code_get_label (filter_kinds[f], v));
      gtk_drop_down_set_model (*label_dropdowns (self, f), G_LIST_MODEL (items));
    }
  {
    g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);

    gtk_string_list_append (items, C_("filter", "Any"));
    gtk_drop_down_set_model (self->manager_dropdown, G_LIST_MODEL (items));
  }
  self->filling = FALSE;
  update_clear_action (self);
}

AwbClientFilterPopover *
awb_client_filter_popover_new (void)
{
  return g_object_new (AWB_TYPE_CLIENT_FILTER_POPOVER, NULL);
}

/**
 * awb_client_filter_popover_set_managers:
 * @index: the client index, whose managers (in pinyin order) are offered
 *
 * Offers "Any", each manager of @index, and "No manager"; the manager
 * chosen stays chosen if it is still there, else the filter is "Any" (and
 * ::changed is emitted).
 */
void
awb_client_filter_popover_set_managers (AwbClientFilterPopover *self,
                                        AwbClientIndex         *index)
{
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint selected = gtk_drop_down_get_selected (self->manager_dropdown);
  gint64 chosen = selected >= 1 && selected - 1 < self->manager_ids->len
                  ? g_array_index (self->manager_ids, gint64, selected - 1) : 0;
  guint now = 0;
  gint64 none = AWB_CLIENT_QUERY_NO_MANAGER;

  g_return_if_fail (AWB_IS_CLIENT_FILTER_POPOVER (self));
  g_return_if_fail (index != NULL);

  gtk_string_list_append (items, C_("filter", "Any"));
  for (guint m = 0; m < awb_client_index_get_n_managers (index); m++)
    {
      gint64 id = 0;

      gtk_string_list_append (items, awb_client_index_get_manager (index, m, &id));
      g_array_append_val (ids, id);
      if (id == chosen)
        now = m + 1;
    }
  /* Translators: a filter of the client list: clients no manager serves */
  gtk_string_list_append (items, _("No manager"));
  g_array_append_val (ids, none);
  if (chosen == AWB_CLIENT_QUERY_NO_MANAGER)
    now = ids->len;

  self->filling = TRUE;
  g_clear_pointer (&self->manager_ids, g_array_unref);
  self->manager_ids = g_steal_pointer (&ids);
  gtk_drop_down_set_model (self->manager_dropdown, G_LIST_MODEL (items));
  gtk_drop_down_set_selected (self->manager_dropdown, now);
  self->filling = FALSE;
  update_clear_action (self);
  if ((now == 0) != (chosen == 0))
    g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * awb_client_filter_popover_set_manager_locked:
 * @locked: whether the list's scope fixes the manager ("my clients")
 *
 * While locked, the manager filter is insensitive and not applied.
 */
void
awb_client_filter_popover_set_manager_locked (AwbClientFilterPopover *self,
                                              gboolean                locked)
{
  g_return_if_fail (AWB_IS_CLIENT_FILTER_POPOVER (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->manager_dropdown), !locked);
}

/**
 * awb_client_filter_popover_apply:
 *
 * Sets @query's filters to the ones chosen: its manager (unless locked),
 * label sets and flags; its search and order are left alone.
 */
void
awb_client_filter_popover_apply (AwbClientFilterPopover *self,
                                 AwbClientQuery         *query)
{
  guint manager;

  g_return_if_fail (AWB_IS_CLIENT_FILTER_POPOVER (self));
  g_return_if_fail (query != NULL);

  manager = gtk_drop_down_get_selected (self->manager_dropdown);
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->manager_dropdown)))
    query->manager_id = manager >= 1 && manager - 1 < self->manager_ids->len
                        ? g_array_index (self->manager_ids, gint64, manager - 1) : 0;
  for (guint f = 0; f < AWB_N_CLIENT_FILTERS; f++)
    {
      guint selected = gtk_drop_down_get_selected (*label_dropdowns (self, f));

      query->labels[f] = selected >= 1 && selected != GTK_INVALID_LIST_POSITION
                         ? 1u << (selected - 1) : 0;
    }
  query->overdue = gtk_check_button_get_active (self->overdue_check);
  query->mismatch = gtk_check_button_get_active (self->mismatch_check);
  query->expired = gtk_check_button_get_active (self->expired_check);
}

/**
 * awb_client_filter_popover_get_n_active:
 *
 * Returns: how many filters are set (the manager counts when not locked).
 */
guint
awb_client_filter_popover_get_n_active (AwbClientFilterPopover *self)
{
  guint n = 0;
  guint manager;

  g_return_val_if_fail (AWB_IS_CLIENT_FILTER_POPOVER (self), 0);

  manager = gtk_drop_down_get_selected (self->manager_dropdown);
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->manager_dropdown)) &&
      manager >= 1 && manager != GTK_INVALID_LIST_POSITION)
    n++;
  for (guint f = 0; f < AWB_N_CLIENT_FILTERS; f++)
    {
      guint selected = gtk_drop_down_get_selected (*label_dropdowns (self, f));

      n += selected >= 1 && selected != GTK_INVALID_LIST_POSITION;
    }
  n += gtk_check_button_get_active (self->overdue_check);
  n += gtk_check_button_get_active (self->mismatch_check);
  n += gtk_check_button_get_active (self->expired_check);
  return n;
}

/**
 * awb_client_filter_popover_clear:
 *
 * Sets every filter back to "Any" (emitting ::changed once).
 */
void
awb_client_filter_popover_clear (AwbClientFilterPopover *self)
{
  g_return_if_fail (AWB_IS_CLIENT_FILTER_POPOVER (self));

  self->filling = TRUE;
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->manager_dropdown)))
    gtk_drop_down_set_selected (self->manager_dropdown, 0);
  for (guint f = 0; f < AWB_N_CLIENT_FILTERS; f++)
    gtk_drop_down_set_selected (*label_dropdowns (self, f), 0);
  gtk_check_button_set_active (self->overdue_check, FALSE);
  gtk_check_button_set_active (self->mismatch_check, FALSE);
  gtk_check_button_set_active (self->expired_check, FALSE);
  self->filling = FALSE;
  update_clear_action (self);
  g_signal_emit (self, signals[CHANGED], 0);
}
