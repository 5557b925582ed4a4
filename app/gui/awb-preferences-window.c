/* awb-preferences-window.c: the application's preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The preferences of this computer, not of the book: who uses it (the
 * "my-manager" key, which the client list opens on).  The manager is
 * chosen among the book's, in pinyin order; "Nobody" is a branch manager's
 * choice.  A name the settings hold but the book does not know (another
 * book's manager) is kept and offered too, so opening the window never
 * changes the preference.
 *
 * The other pages edit the book's scoring settings (spec §3–§10), one
 * AwbSettingRow per key of the settings registry, grouped as a relationship
 * manager thinks of them.  A row's text is stored exactly as the command
 * line's `settings set` stores it (awb_settings_store_set: the change laid
 * over the stored values and the whole validated), so the window refuses
 * what the command line refuses, with the same message, shown beside the
 * field; the book is then unchanged and the typed text stays.  A key the
 * table below does not know yet still gets a row, titled with the key, in
 * "Other Settings".  Restore Defaults stores every key's default at once.
 * The scoring run reads the settings when it starts: changes apply from
 * the next run.
 *
 * The "Branch Server" page holds this computer's account on the branch
 * server (awb-server-account.c): the address and the user are bound to the
 * GSettings keys server-address and server-user, the password goes to the
 * GNOME keyring.  Test Connection (prefs.test-connection) stores a typed
 * password in the keyring, or reads the stored one, then connects in a
 * thread and shows who the user is, or the error's message, beside the
 * fields; a password typed and not tested is stored when the window
 * closes.  Forget (prefs.forget) removes the password and empties both keys.
 */
#define G_LOG_DOMAIN "awb-preferences-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "awb-book-query.h"
#include "awb-codes.h"
#include "awb-preferences-window.h"
#include "awb-server-account.h"
#include "awb-setting-row.h"
#include "awb-settings-store.h"

/* The groups of the scoring pages, in the template's order. */
typedef enum
{
  GROUP_RFM_SCORING,
  GROUP_RFM_SEGMENTS,
  GROUP_TIER_SCORE,
  GROUP_SERVICE_GROUPS,
  GROUP_CADENCE,
  GROUP_CAPITAL,
  GROUP_LOYALTY,
  GROUP_LIFECYCLE,
  GROUP_RISK_SCORES,
  GROUP_RISK_ANSWERS,
  GROUP_RISK_ALLOCATION,
  GROUP_SUITABILITY,
  GROUP_LIFE_STAGE,
  GROUP_FAMILY,
  GROUP_RETENTION,
  GROUP_VALUE,
  GROUP_TEXT_SEGMENTS,
  GROUP_TEXT_LOYALTY,
  GROUP_TEXT_LIFE_STAGES,
  GROUP_TEXT_NBA,
  GROUP_OTHER,
  N_GROUPS
} Group;

static const char *const group_ids[N_GROUPS] = {
  [GROUP_RFM_SCORING] = "group_rfm_scoring",
  [GROUP_RFM_SEGMENTS] = "group_rfm_segments",
  [GROUP_TIER_SCORE] = "group_tier_score",
  [GROUP_SERVICE_GROUPS] = "group_service_groups",
  [GROUP_CADENCE] = "group_cadence",
  [GROUP_CAPITAL] = "group_capital",
  [GROUP_LOYALTY] = "group_loyalty",
  [GROUP_LIFECYCLE] = "group_lifecycle",
  [GROUP_RISK_SCORES] = "group_risk_scores",
  [GROUP_RISK_ANSWERS] = "group_risk_answers",
  [GROUP_RISK_ALLOCATION] = "group_risk_allocation",
  [GROUP_SUITABILITY] = "group_suitability",
  [GROUP_LIFE_STAGE] = "group_life_stage",
  [GROUP_FAMILY] = "group_family",
  [GROUP_RETENTION] = "group_retention",
  [GROUP_VALUE] = "group_value",
  [GROUP_TEXT_SEGMENTS] = "group_text_segments",
  [GROUP_TEXT_LOYALTY] = "group_text_loyalty",
  [GROUP_TEXT_LIFE_STAGES] = "group_text_life_stages",
  [GROUP_TEXT_NBA] = "group_text_nba",
  [GROUP_OTHER] = "group_other",
};

/* Where a key goes and what its row is called: a whole key with its title,
 * or a prefix whose rest is the code of an enumeration whose label
 * (awb_code_get_label) titles the row ("rfm.segment." + "champions"). */
typedef struct
{
  const char  *key;
  const char  *title;   /* N_(); NULL: the label of the code after the prefix */
  int          kind;    /* AwbCodeKind of that code, when title is NULL */
  Group        group;
} Field;

static const Field fields[] = {
  /* §3 */
  { "rfm.window_days", N_("Window in Days, or “all”"), 0, GROUP_RFM_SCORING },
  { "rfm.monetary", N_("Monetary Value: “commission” or “amount”"), 0, GROUP_RFM_SCORING },
  { "rfm.method", N_("Method: “quantile” or “fixed”"), 0, GROUP_RFM_SCORING },
  { "rfm.fixed_r", N_("Fixed Recency Breakpoints in Days"), 0, GROUP_RFM_SCORING },
  { "rfm.fixed_f", N_("Fixed Frequency Breakpoints in Trades"), 0, GROUP_RFM_SCORING },
  { "rfm.fixed_m", N_("Fixed Monetary Breakpoints in CNY"), 0, GROUP_RFM_SCORING },
  { "rfm.segment.", NULL, AWB_KIND_RFM_SEGMENT, GROUP_RFM_SEGMENTS },
  { "text.segment.", NULL, AWB_KIND_RFM_SEGMENT, GROUP_TEXT_SEGMENTS },

  /* §4 */
  { "tier.weights", N_("Factor Weights in Percent"), 0, GROUP_TIER_SCORE },
  { "tier.bounds", N_("Lowest Score of VIP/Key/Standard"), 0, GROUP_TIER_SCORE },
  { "group.hnw_aum", N_("High Net Worth from AUM in CNY"), 0, GROUP_SERVICE_GROUPS },
  { "group.high_freq_trades", N_("High Frequency from Trades in 12 Months"), 0,
    GROUP_SERVICE_GROUPS },
  { "cadence.default", N_("Book’s Cadence"), 0, GROUP_CADENCE },
  { "cadence.", NULL, AWB_KIND_TIER, GROUP_CADENCE },

  /* §5 */
  { "capital.large", N_("Large Capital from AUM in CNY"), 0, GROUP_CAPITAL },
  { "capital.medium", N_("Medium Capital from AUM in CNY"), 0, GROUP_CAPITAL },
  { "turnover.stable", N_("Stable Turnover from"), 0, GROUP_CAPITAL },
  { "turnover.short_term", N_("Short-Term Turnover from"), 0, GROUP_CAPITAL },

  /* §6 */
  { "loyalty.dependency_weights", N_("Dependency Weights in Percent"), 0, GROUP_LOYALTY },
  { "loyalty.persistence_weights", N_("Persistence Weights in Percent"), 0, GROUP_LOYALTY },
  { "loyalty.no_survey_satisfaction", N_("Satisfaction Points without a Survey"), 0,
    GROUP_LOYALTY },
  { "loyalty.referral_points", N_("Points per Referral"), 0, GROUP_LOYALTY },
  { "loyalty.referral_cap", N_("Referrals Counted at Most"), 0, GROUP_LOYALTY },
  { "loyalty.tenure_points", N_("Points per Year of Tenure"), 0, GROUP_LOYALTY },
  { "loyalty.tenure_cap_years", N_("Years of Tenure Counted at Most"), 0, GROUP_LOYALTY },
  { "loyalty.axis_threshold", N_("High Dependency or Persistence from"), 0, GROUP_LOYALTY },
  { "loyalty.high_threshold", N_("High Loyalty from Score"), 0, GROUP_LOYALTY },
  { "lifecycle.churn_days", N_("Churned: AUM 0 and Days without a Trade"), 0, GROUP_LIFECYCLE },
  { "lifecycle.dormant_days", N_("Dormant: Days without a Trade"), 0, GROUP_LIFECYCLE },
  { "lifecycle.new_days", N_("New: Days since the First Trade at Most"), 0, GROUP_LIFECYCLE },
  { "lifecycle.loyal_years", N_("Loyal: Years of Tenure at Least"), 0, GROUP_LIFECYCLE },
  { "text.loyalty.", NULL, AWB_KIND_LOYALTY_TYPE, GROUP_TEXT_LOYALTY },

  /* §7 */
  { "risk.age_points", N_("Age Points at Most"), 0, GROUP_RISK_SCORES },
  { "risk.age_zero", N_("Age Points Are This Minus the Age"), 0, GROUP_RISK_SCORES },
  { "risk.loss_factor", N_("Loss Points per Percent of Accepted Loss"), 0, GROUP_RISK_SCORES },
  { "risk.loss_cap", N_("Loss Points at Most"), 0, GROUP_RISK_SCORES },
  { "risk.answers.job", N_("Job"), 0, GROUP_RISK_ANSWERS },
  { "risk.answers.burden", N_("Family Burden"), 0, GROUP_RISK_ANSWERS },
  { "risk.answers.housing", N_("Housing"), 0, GROUP_RISK_ANSWERS },
  { "risk.answers.experience", N_("Investment Experience"), 0, GROUP_RISK_ANSWERS },
  { "risk.answers.knowledge", N_("Investment Knowledge"), 0, GROUP_RISK_ANSWERS },
  { "risk.answers.priority", N_("First Priority"), 0, GROUP_RISK_ANSWERS },
  { "risk.answers.stoploss", N_("Stop-Loss"), 0, GROUP_RISK_ANSWERS },
  { "risk.answers.if_loss", N_("If It Loses"), 0, GROUP_RISK_ANSWERS },
  { "risk.answers.watching", N_("Watching the Market"), 0, GROUP_RISK_ANSWERS },
  { "risk.answers.results", N_("Own Results"), 0, GROUP_RISK_ANSWERS },
  { "risk.bands", N_("Lowest Score of Mid-Low/Mid/Mid-High/High"), 0, GROUP_RISK_ALLOCATION },
  { "risk.allocation", N_("Allocation Table in Percent"), 0, GROUP_RISK_ALLOCATION },
  { "risk.expiry_months", N_("Questionnaire Valid for Months"), 0, GROUP_SUITABILITY },
  { "risk.professional_aum", N_("Professional Investor from AUM in CNY"), 0, GROUP_SUITABILITY },
  { "risk.professional_experience", N_("Professional Experience: Answers 1 to"), 0,
    GROUP_SUITABILITY },

  /* §8 */
  { "lifestage.age_groups", N_("Middle-Aged/Senior from Age"), 0, GROUP_LIFE_STAGE },
  { "lifestage.stages", N_("Oldest Age of Growth/Youth/Adult/Mature/Stable"), 0,
    GROUP_LIFE_STAGE },
  { "family.newly_married_age", N_("Newly Married: Younger than"), 0, GROUP_FAMILY },
  { "family.young_child_age", N_("Full Nest I: Youngest Child Younger than"), 0, GROUP_FAMILY },
  { "family.adult_child_age", N_("Empty Nest: Youngest Child from Age"), 0, GROUP_FAMILY },
  { "family.full_nest_3_age", N_("Full Nest III: Client from Age"), 0, GROUP_FAMILY },
  { "text.life_stage.", NULL, AWB_KIND_LIFE_STAGE, GROUP_TEXT_LIFE_STAGES },

  /* §9 */
  { "value.retention.", NULL, AWB_KIND_LOYALTY_TYPE, GROUP_RETENTION },
  { "value.discount", N_("Discount Rate"), 0, GROUP_VALUE },
  { "value.shares", N_("High/Medium Value: Cumulative Percent"), 0, GROUP_VALUE },

  /* §10 */
  { "text.nba.mismatch", N_("Suitability Mismatch"), 0, GROUP_TEXT_NBA },
  { "text.nba.expired", N_("Questionnaire Expired"), 0, GROUP_TEXT_NBA },
  { "text.nba.reassess", N_("Re-Assessment Needed"), 0, GROUP_TEXT_NBA },
  { "text.nba.no_profile", N_("No Risk Profile"), 0, GROUP_TEXT_NBA },
  { "text.nba.overdue", N_("Follow-Up Overdue"), 0, GROUP_TEXT_NBA },
  { "text.nba.vip", N_("VIP Service"), 0, GROUP_TEXT_NBA },
  { "text.nba.high_freq", N_("High-Frequency Service"), 0, GROUP_TEXT_NBA },
  { "text.nba.low_freq", N_("Low-Frequency Service"), 0, GROUP_TEXT_NBA },
};

struct _AwbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AwbDatabase          *database;   /* construct-only */
  GSettings            *settings;   /* construct-only */
  GPtrArray            *names;      /* the row's items: "" for nobody, then names */
  gboolean              filling;
  GPtrArray            *rows;       /* AwbSettingRow, one per key, registry order */

  GCancellable         *cancellable;   /* of the keyring and connection calls */
  gboolean              testing;
  gboolean              password_typed; /* typed and not stored in the keyring yet */

  /* template children */
  AdwComboRow          *manager_row;
  AdwEntryRow          *server_address_row;
  AdwEntryRow          *server_user_row;
  AdwEntryRow          *server_password_row;
  AdwActionRow         *server_status_row;
  GtkSpinner           *server_spinner;
  GtkLabel             *server_status_label;
  AdwPreferencesGroup  *groups[N_GROUPS];
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


/* ---- the scoring settings ------------------------------------------------ */

/* The group and the translated title of @key's row. */
static Group
find_field (const char  *key,
            const char **title)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const Field *f = &fields[i];
      int value;

      if (f->title != NULL)
        {
          if (strcmp (key, f->key) != 0)
            continue;
          *title = _(f->title);
          return f->group;
        }
      if (!g_str_has_prefix (key, f->key))
        continue;
      value = awb_code_lookup (f->kind, key + strlen (f->key));
      if (value < 0)
        continue;
      *title = awb_code_get_label (f->kind, value);
      return f->group;
    }
  *title = key;
  return GROUP_OTHER;
}

/* Shows the values in force in every row and clears every refusal.  A book
 * holding a bad value (written by hand) still shows what it holds, so that
 * the value can be repaired here, and says so in a toast. */
static void
refresh_rows (AwbPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbSettings) settings = awb_settings_store_load (self->database, &error);

  if (settings == NULL)
    {
      g_warning ("%s", error->message);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (error->message));
    }
  for (guint i = 0; i < self->rows->len; i++)
    {
      AwbSettingRow *row = self->rows->pdata[i];
      const char *key = awb_setting_row_get_key (row);
      g_autofree char *value = NULL;

      if (settings != NULL)
        value = awb_settings_get_value (settings, key);
      else if ((value = awb_database_get_setting (self->database, key)) == NULL)
        value = awb_settings_get_default (key);
      awb_setting_row_set_value (row, value);
    }
}

/* Stores the text of @row as `settings set KEY VALUE` would: refused, the
 * book is unchanged and the text stays, with the message beside it. */
static void
on_setting_applied_cb (AwbSettingRow        *row,
                       AwbPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *key = awb_setting_row_get_key (row);
  const char *value = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *stored = NULL;

  if (!awb_settings_store_set (self->database, 1, &key, &value, &error))
    {
      awb_setting_row_set_error (row, error->message);
      return;
    }
  /* the canonical text form, as the command line prints it back */
  stored = awb_database_get_setting (self->database, key);
  awb_setting_row_set_value (row, stored != NULL ? stored : value);
}

static void
fill_settings (AwbPreferencesWindow *self)
{
  self->rows = g_ptr_array_new ();
  for (guint i = 0; i < awb_settings_get_n_keys (); i++)
    {
      const char *key = awb_settings_get_key (i);
      const char *title = NULL;
      Group group = find_field (key, &title);
      AwbSettingRow *row = awb_setting_row_new (key, title);

      /* Enter on an entry whose text was already applied (refused, say)
       * applies it again rather than doing nothing */
      g_signal_connect (row, "apply", G_CALLBACK (on_setting_applied_cb), self);
      g_signal_connect (row, "entry-activated", G_CALLBACK (on_setting_applied_cb), self);
      adw_preferences_group_add (self->groups[group], GTK_WIDGET (row));
      if (group == GROUP_OTHER)
        gtk_widget_set_visible (GTK_WIDGET (self->groups[GROUP_OTHER]), TRUE);
      g_ptr_array_add (self->rows, row);
    }
  refresh_rows (self);
}

static void
on_restore_response_cb (AdwMessageDialog     *dialog,
                        const char           *response,
                        AwbPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) values = NULL;
  guint n = awb_settings_get_n_keys ();

  if (g_strcmp0 (response, "restore") != 0)
    return;

  keys = g_ptr_array_new ();
  values = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (keys, (gpointer) awb_settings_get_key (i));
      g_ptr_array_add (values, awb_settings_get_default (awb_settings_get_key (i)));
    }
  if (!awb_settings_store_set (self->database, n, (const char *const *) keys->pdata,
                               (const char *const *) values->pdata, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (error->message));
      return;
    }
  refresh_rows (self);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Restored the default scoring settings")));
}

static void
on_restore_clicked_cb (AwbPreferencesWindow *self)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (self),
    _("Restore the Default Scoring Settings?"),
    _("Every weight, bound, table and text of the scoring model goes back to its default "
      "value, including the texts written for this book. The relationship manager of this "
      "computer is kept. Changes apply from the next scoring run.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore Defaults"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the branch server ------------------------------------------------------- */

static AwbServerAccount *
typed_account (AwbPreferencesWindow *self)
{
  return awb_server_account_new (gtk_editable_get_text (GTK_EDITABLE (self->server_address_row)),
                                 gtk_editable_get_text (GTK_EDITABLE (self->server_user_row)));
}

typedef enum { STATUS_NEUTRAL, STATUS_SUCCESS, STATUS_ERROR } StatusKind;

/* The outcome under the fields: @message, styled as @kind. */
static void
show_server_status (AwbPreferencesWindow *self,
                    const char           *message,
                    StatusKind            kind)
{
  GtkWidget *label = GTK_WIDGET (self->server_status_label);

  gtk_label_set_label (self->server_status_label, message);
  gtk_widget_set_visible (label, TRUE);
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "success");
  if (kind == STATUS_ERROR)
    gtk_widget_add_css_class (label, "error");
  else if (kind == STATUS_SUCCESS)
    gtk_widget_add_css_class (label, "success");
  /* the row with Test Connection describes the outcome to a screen reader */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->server_status_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
}

static void
set_testing (AwbPreferencesWindow *self,
             gboolean              testing)
{
  self->testing = testing;
  gtk_widget_set_visible (GTK_WIDGET (self->server_spinner), testing);
  gtk_spinner_set_spinning (self->server_spinner, testing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.test-connection", !testing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.forget", !testing);
}

static void
on_test_done_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AwbPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = awb_server_account_test_finish (AWB_SERVER_ACCOUNT (source_object),
                                                             result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->server_spinner == NULL)
    return;
  set_testing (self, FALSE);
  show_server_status (self, message != NULL ? message : error->message,
                      message != NULL ? STATUS_SUCCESS : STATUS_ERROR);
}

static void
test_with_password (AwbPreferencesWindow *self,
                    AwbServerAccount     *account,
                    const char           *password)
{
  awb_server_account_test_async (account, password, self->cancellable, on_test_done_cb,
                                 g_object_ref (self));
}

static void
on_password_stored_cb (GObject      *source_object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(AwbPreferencesWindow) self = user_data;
  AwbServerAccount *account = AWB_SERVER_ACCOUNT (source_object);
  g_autoptr(GError) error = NULL;

  if (!awb_server_account_store_password_finish (account, result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->server_spinner == NULL)
        return;
      self->password_typed = TRUE;
      set_testing (self, FALSE);
      /* Translators: %s is the keyring's own explanation */
      text = g_strdup_printf (_("The password could not be kept in the keyring: %s"),
                              error->message);
      show_server_status (self, text, STATUS_ERROR);
      return;
    }
  if (self->server_spinner == NULL)
    return;
  test_with_password (self, account,
                      gtk_editable_get_text (GTK_EDITABLE (self->server_password_row)));
}

static void
on_password_found_cb (GObject      *source_object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(AwbPreferencesWindow) self = user_data;
  AwbServerAccount *account = AWB_SERVER_ACCOUNT (source_object);
  g_autoptr(GError) error = NULL;
  char *password = awb_server_account_lookup_password_finish (account, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->server_spinner == NULL)
    {
      secret_password_free (password);
      return;
    }
  if (error != NULL)
    g_warning ("Failed to read the password from the keyring: %s", error->message);
  test_with_password (self, account, password);
  secret_password_free (password);
}

/* prefs.test-connection */
static void
test_connection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AwbPreferencesWindow *self = AWB_PREFERENCES_WINDOW (widget);
  g_autoptr(AwbServerAccount) account = typed_account (self);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->server_password_row));

  if (self->testing)
    return;
  if (!awb_server_account_is_configured (account))
    {
      show_server_status (self, _("Type the branch server’s address first."), STATUS_ERROR);
      return;
    }
  set_testing (self, TRUE);
  show_server_status (self, _("Connecting…"), STATUS_NEUTRAL);
  if (password[0] != '\0')
    self->password_typed = FALSE;
  if (password[0] != '\0')
    awb_server_account_store_password_async (account, password, self->cancellable,
                                             on_password_stored_cb, g_object_ref (self));
  else
    awb_server_account_lookup_password_async (account, self->cancellable,
                                              on_password_found_cb, g_object_ref (self));
}

static void
on_password_forgotten_cb (GObject      *source_object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(AwbPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!awb_server_account_forget_password_finish (AWB_SERVER_ACCOUNT (source_object), result,
                                                  &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->server_spinner == NULL)
        return;
      /* Translators: %s is the keyring's own explanation */
      text = g_strdup_printf (_("The password could not be removed from the keyring: %s"),
                              error->message);
      show_server_status (self, text, STATUS_ERROR);
      return;
    }
  if (self->server_spinner == NULL)
    return;
  show_server_status (self, _("The server, the user and the password are forgotten: the book "
                              "is this computer’s own until a server is set again."),
                      STATUS_NEUTRAL);
}

/* prefs.forget */
static void
forget_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AwbPreferencesWindow *self = AWB_PREFERENCES_WINDOW (widget);
  g_autoptr(AwbServerAccount) account = typed_account (self);

  if (self->testing)
    return;
  awb_server_account_forget_password_async (account, self->cancellable,
                                            on_password_forgotten_cb, g_object_ref (self));
  gtk_editable_set_text (GTK_EDITABLE (self->server_password_row), "");
  self->password_typed = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->server_address_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->server_user_row), "");
  if (self->settings != NULL)
    {
      g_settings_reset (self->settings, "server-address");
      g_settings_reset (self->settings, "server-user");
    }
}

static void
on_password_changed_cb (AwbPreferencesWindow *self)
{
  self->password_typed =
    gtk_editable_get_text (GTK_EDITABLE (self->server_password_row))[0] != '\0';
}

static void
on_password_stored_at_close_cb (GObject      *source_object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!awb_server_account_store_password_finish (AWB_SERVER_ACCOUNT (source_object), result,
                                                 &error))
    g_warning ("Failed to keep the password in the keyring: %s", error->message);
}

/* A password typed and never tested is kept too, when the window closes:
 * the next Sync needs it. */
static void
store_typed_password (AwbPreferencesWindow *self)
{
  g_autoptr(AwbServerAccount) account = NULL;

  if (!self->password_typed || self->server_password_row == NULL)
    return;
  self->password_typed = FALSE;
  account = typed_account (self);
  if (awb_server_account_is_configured (account))
    awb_server_account_store_password_async (account,
                                             gtk_editable_get_text (GTK_EDITABLE (self->server_password_row)),
                                             NULL, on_password_stored_at_close_cb, NULL);
}

static void
bind_server (AwbPreferencesWindow *self)
{
  gboolean can_store = self->settings != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->server_address_row), can_store);
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_user_row), can_store);
  if (!can_store)
    return;
  g_settings_bind (self->settings, "server-address", self->server_address_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "server-user", self->server_user_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
}

/**
 * awb_preferences_window_show_server_page:
 *
 * Shows the Branch Server page.
 */
void
awb_preferences_window_show_server_page (AwbPreferencesWindow *self)
{
  g_return_if_fail (AWB_IS_PREFERENCES_WINDOW (self));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), "branch-server");
}

static void
awb_preferences_window_constructed (GObject *object)
{
  AwbPreferencesWindow *self = (AwbPreferencesWindow *)object;

  G_OBJECT_CLASS (awb_preferences_window_parent_class)->constructed (object);

  gtk_widget_set_sensitive (GTK_WIDGET (self->manager_row), self->settings != NULL);
  fill_managers (self);
  fill_settings (self);
  bind_server (self);
}

static void
awb_preferences_window_dispose (GObject *object)
{
  AwbPreferencesWindow *self = (AwbPreferencesWindow *)object;

  store_typed_password (self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
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
  gtk_widget_class_bind_template_child (widget_class, AwbPreferencesWindow, server_address_row);
  gtk_widget_class_bind_template_child (widget_class, AwbPreferencesWindow, server_user_row);
  gtk_widget_class_bind_template_child (widget_class, AwbPreferencesWindow, server_password_row);
  gtk_widget_class_bind_template_child (widget_class, AwbPreferencesWindow, server_status_row);
  gtk_widget_class_bind_template_child (widget_class, AwbPreferencesWindow, server_spinner);
  gtk_widget_class_bind_template_child (widget_class, AwbPreferencesWindow, server_status_label);
  gtk_widget_class_install_action (widget_class, "prefs.test-connection", NULL,
                                   test_connection_action);
  gtk_widget_class_install_action (widget_class, "prefs.forget", NULL, forget_action);
  for (guint i = 0; i < N_GROUPS; i++)
    gtk_widget_class_bind_template_child_full (widget_class, group_ids[i], FALSE,
                                               G_STRUCT_OFFSET (AwbPreferencesWindow, groups)
                                               + i * sizeof (AdwPreferencesGroup *));
  gtk_widget_class_bind_template_callback (widget_class, on_manager_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_restore_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_password_changed_cb);

  g_type_ensure (AWB_TYPE_SETTING_ROW);
}

static void
awb_preferences_window_init (AwbPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
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
