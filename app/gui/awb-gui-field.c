/* awb-gui-field.c: a form field's message, shown beside it (STYLE.md §18a.4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "awb-gui-field.h"

/**
 * awb_gui_field_show_error:
 * @row: the field's row: an AdwEntryRow, or an AdwActionRow (a combo row)
 * @caption: (nullable): the entry row's caption label beside the text;
 *   %NULL for an action row, whose subtitle carries the message
 * @message: (nullable): the message, or %NULL when the field is valid
 *
 * Shows or clears a field's message: the row's error style, the message
 * beside it, and the accessible invalid state with the message as the
 * row's description (GTK 4.8 exports neither the entry's text nor an
 * error-message relation: Orca reads the description).
 */
void
awb_gui_field_show_error (GtkWidget  *row,
                          GtkLabel   *caption,
                          const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (row));

  if (message != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      message, -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  if (caption != NULL)
    {
      gtk_label_set_label (caption, message != NULL ? message : "");
      gtk_widget_set_visible (GTK_WIDGET (caption), message != NULL);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), message != NULL ? message : "");
}
