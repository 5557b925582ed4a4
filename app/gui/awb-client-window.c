/* awb-client-window.c: one client's profile, risk questionnaire, labels
 * and activity, edited in a window of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * STYLE.md §18a: an AdwWindow of sections over a GTK-free draft
 * (AwbClientDraft).  Each field of the interchange format is a row bound
 * both ways to the draft's property of the same name: an AdwEntryRow for
 * text, an AdwComboRow for a code or a questionnaire answer.  The draft
 * checks every change as the importer would and as typing deserves; its
 * "<field>-error" shows beside the field (error style, a caption, the
 * accessible invalid state and description).  One action, editor.save
 * (Ctrl+S), is enabled while the draft is valid and modified.  Closing with
 * unsaved changes asks.
 *
 * The Risk page scores the questionnaire live: the draft scores its risk
 * labels again on every change (microseconds) and the rows show them with
 * the sentences `explain` prints.
 *
 * The Labels page shows the latest scoring run's labels, read by key when
 * the window opens (the window must open within 150 ms on a book of a
 * million clients).  Their explanations need the whole book (percent
 * ranks, breakpoints, the value ranking): they are worked out in a thread
 * (AwbClientExplanation, about 2 s on a million clients) and fill in when
 * ready; from then on each edit also says which labels it would change.
 *
 * Deleting asks first, closes the window and leaves the rest to the main
 * window ("delete-requested"), which offers Undo in a toast before the
 * book forgets the client (§18a.8).
 */
#define G_LOG_DOMAIN "awb-client-window"

#include "config.h"

#include <glib/gi18n.h>

#include "awb-client-draft.h"
#include "awb-client-explanation.h"
#include "awb-client-window.h"
#include "awb-codes.h"
#include "awb-date.h"
#include "awb-gui-field.h"
#include "awb-gui-format.h"
#include "awb-interaction-log.h"
#include "awb-profile.h"
#include "awb-scores-export.h"
#include "awb-settings-store.h"

typedef enum
{
  SECTION_IDENTITY,
  SECTION_FAMILY,
  SECTION_FINANCES,
  SECTION_NEEDS,
  SECTION_LOYALTY,
  SECTION_CAPACITY,
  SECTION_ATTITUDE,
  SECTION_NOTES,
  N_SECTIONS
} Section;

#define KIND_ENTRY  (-1)
#define KIND_ANSWER (-2)   /* a questionnaire answer, 1..5 */
#define KIND_FLAG   (-3)   /* 0 or 1 */

typedef struct
{
  const char        *field;      /* the interchange format's column */
  Section            section;
  const char        *title;      /* N_() */
  int                kind;       /* KIND_* or an AwbCodeKind */
  const char *const *answers;    /* KIND_ANSWER: five N_() texts */
} FieldInfo;

/* Spec §7's answers, scored 10, 8, 6, 4, 2 for answers 1 to 5. */
static const char *const answers_job[] = {
  N_("Stable salary"), N_("Ordinary income"), N_("Commission income"), N_("Self-employed"),
  N_("Laid off") };
static const char *const answers_burden[] = {
  N_("Single"), N_("Dual income, no children"), N_("Dual income with children"),
  N_("Single income with children"), N_("Single income, three generations") };
static const char *const answers_housing[] = {
  N_("Investment property"), N_("Own home, no mortgage"), N_("Mortgage under 50%"),
  N_("Mortgage over 50%"), N_("Renting") };
static const char *const answers_experience[] = {
  N_("Over 10 years"), N_("6–10 years"), N_("2–5 years"), N_("Up to 1 year"), N_("None") };
static const char *const answers_knowledge[] = {
  N_("Professional"), N_("Finance degree"), N_("Skilled trader"), N_("Average"), N_("Novice") };
static const char *const answers_priority[] = {
  N_("Price spread"), N_("Swing trading"), N_("Dividends and rights"), N_("Beat inflation"),
  N_("Keep principal") };
static const char *const answers_stoploss[] = {
  N_("Preset stop-loss"), N_("Execute stop-loss"), N_("Partial stop-loss"),
  N_("Hold when trapped"), N_("Average down") };
static const char *const answers_if_loss[] = {
  N_("A lesson"), N_("Calm"), N_("Affects mood"), N_("Hard to accept"), N_("Cannot sleep") };
static const char *const answers_watching[] = {
  N_("Now and then"), N_("Monthly"), N_("Weekly"), N_("Only the close"), N_("All the time") };
static const char *const answers_results[] = {
  N_("Fully in control"), N_("Partly in control"), N_("Rely on experts"), N_("Rely on luck"),
  N_("No luck with money") };

static const FieldInfo fields[] = {
  { "client_id", SECTION_IDENTITY, N_("Client ID"), KIND_ENTRY, NULL },
  { "name", SECTION_IDENTITY, N_("Name"), KIND_ENTRY, NULL },
  { "gender", SECTION_IDENTITY, N_("Gender"), AWB_KIND_GENDER, NULL },
  { "birth_date", SECTION_IDENTITY, N_("Birth Date (YYYY-MM-DD)"), KIND_ENTRY, NULL },
  { "id_number", SECTION_IDENTITY, N_("ID Number"), KIND_ENTRY, NULL },
  { "phone", SECTION_IDENTITY, N_("Mobile Phone"), KIND_ENTRY, NULL },
  { "email", SECTION_IDENTITY, N_("Email"), KIND_ENTRY, NULL },
  { "city", SECTION_IDENTITY, N_("City"), KIND_ENTRY, NULL },
  { "region", SECTION_IDENTITY, N_("Urban or Rural"), AWB_KIND_REGION, NULL },
  { "occupation", SECTION_IDENTITY, N_("Occupation"), KIND_ENTRY, NULL },
  { "education", SECTION_IDENTITY, N_("Education"), KIND_ENTRY, NULL },
  { "manager", SECTION_IDENTITY, N_("Relationship Manager"), KIND_ENTRY, NULL },
  { "opened_on", SECTION_IDENTITY, N_("Account Opened (YYYY-MM-DD)"), KIND_ENTRY, NULL },
  { "marital_status", SECTION_FAMILY, N_("Marital Status"), AWB_KIND_MARITAL, NULL },
  { "children", SECTION_FAMILY, N_("Children"), KIND_ENTRY, NULL },
  { "youngest_child_age", SECTION_FAMILY, N_("Youngest Child’s Age"), KIND_ENTRY, NULL },
  { "employment", SECTION_FAMILY, N_("Employment"), AWB_KIND_EMPLOYMENT, NULL },
  { "income_band", SECTION_FINANCES, N_("Income Band"), AWB_KIND_INCOME_BAND, NULL },
  { "aum", SECTION_FINANCES, N_("Assets Under Management (yuan)"), KIND_ENTRY, NULL },
  { "share_of_wallet", SECTION_FINANCES, N_("Share of Wallet (%)"), KIND_ENTRY, NULL },
  { "need_type", SECTION_NEEDS, N_("Needs"), AWB_KIND_NEED_TYPE, NULL },
  { "channel", SECTION_NEEDS, N_("Preferred Channel"), AWB_KIND_CHANNEL, NULL },
  { "loyalty_driver", SECTION_LOYALTY, N_("Loyalty Driver"), AWB_KIND_LOYALTY_DRIVER, NULL },
  { "referrals", SECTION_LOYALTY, N_("Referrals Made"), KIND_ENTRY, NULL },
  { "competitor_account", SECTION_LOYALTY, N_("Account with a Competitor"), KIND_FLAG, NULL },
  { "cadence_days", SECTION_LOYALTY, N_("Own Contact Cadence (days)"), KIND_ENTRY, NULL },
  { "q_job", SECTION_CAPACITY, N_("Job"), KIND_ANSWER, answers_job },
  { "q_burden", SECTION_CAPACITY, N_("Family Burden"), KIND_ANSWER, answers_burden },
  { "q_housing", SECTION_CAPACITY, N_("Housing"), KIND_ANSWER, answers_housing },
  { "q_experience", SECTION_CAPACITY, N_("Investment Experience"), KIND_ANSWER, answers_experience },
  { "q_knowledge", SECTION_CAPACITY, N_("Investment Knowledge"), KIND_ANSWER, answers_knowledge },
  { "loss_tolerance_pct", SECTION_ATTITUDE, N_("Largest Accepted Loss (%)"), KIND_ENTRY, NULL },
  { "q_priority", SECTION_ATTITUDE, N_("First Priority"), KIND_ANSWER, answers_priority },
  { "q_stoploss", SECTION_ATTITUDE, N_("Stop-Loss"), KIND_ANSWER, answers_stoploss },
  { "q_if_loss", SECTION_ATTITUDE, N_("If It Loses"), KIND_ANSWER, answers_if_loss },
  { "q_watching", SECTION_ATTITUDE, N_("Watching the Market"), KIND_ANSWER, answers_watching },
  { "q_results", SECTION_ATTITUDE, N_("Own Results"), KIND_ANSWER, answers_results },
  { "assessed_on", SECTION_ATTITUDE, N_("Assessed On (YYYY-MM-DD)"), KIND_ENTRY, NULL },
  { "lowest_category", SECTION_ATTITUDE, N_("Lowest Category"), KIND_FLAG, NULL },
  { "notes", SECTION_NOTES, N_("Notes"), KIND_ENTRY, NULL },
};

#define N_FIELDS G_N_ELEMENTS (fields)

/* The labels of a scoring run the Labels page shows, each with the part of
 * the explanation that explains it. */
typedef enum
{
  LABEL_SEGMENT,
  LABEL_TIER,
  LABEL_CELL,
  LABEL_LOYALTY,
  LABEL_LIFECYCLE,
  LABEL_RISK,
  LABEL_LIFE_STAGE,
  LABEL_FAMILY,
  LABEL_VALUE,
  N_LABELS
} LabelRow;

static const struct {
  const char     *title;
  AwbExplainPart  part;
} label_rows[N_LABELS] = {
  { N_("RFM Segment"), AWB_EXPLAIN_RFM },
  { N_("Tier"), AWB_EXPLAIN_TIER },
  { N_("Capital × Turnover"), AWB_EXPLAIN_TIER },
  { N_("Loyalty Type"), AWB_EXPLAIN_LOYALTY },
  { N_("Lifecycle Stage"), AWB_EXPLAIN_LOYALTY },
  { N_("Risk Level"), AWB_EXPLAIN_RISK },
  { N_("Life Stage"), AWB_EXPLAIN_LIFE_STAGE },
  { N_("Family Life Cycle"), AWB_EXPLAIN_LIFE_STAGE },
  { N_("Value Tier"), AWB_EXPLAIN_VALUE },
};

typedef struct
{
  AwbClientWindow *window;
  const FieldInfo *info;
  GtkWidget       *row;       /* AdwEntryRow or AdwComboRow */
  GtkLabel        *message;   /* an entry row's caption, or NULL */
  GPtrArray       *codes;     /* a combo row's texts per item: "" for none */
} FieldRow;

struct _AwbClientWindow
{
  AdwWindow              parent_instance;

  AwbDatabase           *database;
  gint64                 client_id;      /* 0 for a new client until saved */
  AwbSettings           *settings;
  AwbClientDraft        *draft;
  FieldRow               rows[N_FIELDS];
  GCancellable          *cancellable;
  AwbClientExplanation  *explanation;    /* NULL until worked out */
  AwbClientLabels        run_labels;
  gint64                 run_id;         /* 0: the client is not in a run */
  AwbDate                run_as_of;
  gboolean               close_confirmed;
  AdwExpanderRow        *label_row[N_LABELS];
  GtkLabel              *label_text[N_LABELS];

  /* template children */
  AdwToastOverlay       *toast_overlay;
  AdwWindowTitle        *window_title;
  AdwViewStack          *view_stack;
  AdwPreferencesGroup   *identity_group;
  AdwPreferencesGroup   *family_group;
  AdwPreferencesGroup   *finances_group;
  AdwPreferencesGroup   *needs_group;
  AdwPreferencesGroup   *loyalty_group;
  AdwPreferencesGroup   *notes_group;
  AdwPreferencesGroup   *result_group;
  AdwPreferencesGroup   *capacity_group;
  AdwPreferencesGroup   *attitude_group;
  AdwActionRow          *capacity_row;
  GtkLabel              *capacity_row_value;
  AdwActionRow          *attitude_row;
  GtkLabel              *attitude_row_value;
  AdwActionRow          *level_row;
  GtkLabel              *level_row_value;
  AdwActionRow          *allocation_row;
  GtkLabel              *allocation_row_value;
  AdwActionRow          *expiry_row;
  GtkLabel              *expiry_row_value;
  AdwPreferencesGroup   *labels_group;
  GtkListBox            *actions_list;
  GtkListBox            *interactions_list;
  GtkListBox            *history_list;
};

G_DEFINE_FINAL_TYPE (AwbClientWindow, awb_client_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_CLIENT_ID,
  PROP_EXPLAINED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  DELETE_REQUESTED,
  LOG_INTERACTION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh_explanation (AwbClientWindow *self);

/* ---- small helpers ---------------------------------------------------------- */

static void
toast (AwbClientWindow *self,
       const char      *text)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

/* The draft's property of a field: "birth_date" is "birth-date". */
static char *
property_of (const char *field,
             const char *suffix)
{
  g_autofree char *name = g_strconcat (field, suffix, NULL);

  g_strdelimit (name, "_", '-');
  return g_steal_pointer (&name);
}

static const char *
field_title (const char *field)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_strcmp0 (fields[i].field, field) == 0)
      return _(fields[i].title);
  return field;
}

/**
 * awb_client_window_describe_field:
 * @field: a column of the interchange format ("phone", "q_job")
 *
 * The field's title as the profile editor shows it ("Mobile Phone",
 * "Job"), translated; @field itself for a column the editor does not show.
 */
const char *
awb_client_window_describe_field (const char *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  return field_title (field);
}

static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* ---- fields ----------------------------------------------------------------- */

static gboolean
combo_from_draft (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  FieldRow *fr = user_data;
  const char *text = g_value_get_string (from);

  for (guint i = 0; i < fr->codes->len; i++)
    if (g_strcmp0 (fr->codes->pdata[i], text != NULL ? text : "") == 0)
      {
        g_value_set_uint (to, i);
        return TRUE;
      }
  /* a text no item says (an old import's): its own item, shown as it is,
   * so that showing it never changes it */
  gtk_string_list_append (GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (fr->row))),
                          text);
  g_ptr_array_add (fr->codes, g_strdup (text));
  g_value_set_uint (to, fr->codes->len - 1);
  return TRUE;
}

static gboolean
combo_to_draft (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  FieldRow *fr = user_data;
  guint selected = g_value_get_uint (from);

  if (selected >= fr->codes->len)
    return FALSE;
  g_value_set_string (to, fr->codes->pdata[selected]);
  return TRUE;
}

/* §18a.4: the message beside the field, its style and its accessible state. */
static void
show_field_error (FieldRow *fr)
{
  const char *message = awb_client_draft_get_error (fr->window->draft, fr->info->field);

  awb_gui_field_show_error (fr->row, fr->message, message);
}

static void
on_field_error_cb (GObject    *draft,
                   GParamSpec *pspec,
                   FieldRow   *fr)
{
  show_field_error (fr);
}

static GtkWidget *
make_combo (FieldRow *fr)
{
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  const FieldInfo *info = fr->info;
  GtkWidget *row = adw_combo_row_new ();

  fr->codes = g_ptr_array_new_with_free_func (g_free);
  if (info->kind != KIND_FLAG || g_strcmp0 (info->field, "lowest_category") != 0)
    {
      /* Translators: the choice of a field nobody filled in */
      gtk_string_list_append (items, info->kind == KIND_ANSWER ? _("Not answered")
                                                                : _("Not given"));
      g_ptr_array_add (fr->codes, g_strdup (""));
    }
  if (info->kind == KIND_ANSWER)
    for (int a = 0; a < 5; a++)
      {
        gtk_string_list_append (items, _(info->answers[a]));
        g_ptr_array_add (fr->codes, g_strdup_printf ("%d", a + 1));
      }
  else if (info->kind == KIND_FLAG)
    {
      gtk_string_list_append (items, _("No"));
      g_ptr_array_add (fr->codes, g_strdup ("0"));
      gtk_string_list_append (items, _("Yes"));
      g_ptr_array_add (fr->codes, g_strdup ("1"));
    }
  else
    for (int v = 0; v < awb_code_count (info->kind); v++)
      {
        gtk_string_list_append (items, awb_code_get_label (info->kind, v));
        g_ptr_array_add (fr->codes, g_strdup (awb_code_to_string (info->kind, v)));
      }
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (items));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static AdwPreferencesGroup *
group_of (AwbClientWindow *self,
          Section          section)
{
  switch (section)
    {
    case SECTION_IDENTITY: return self->identity_group;
    case SECTION_FAMILY: return self->family_group;
    case SECTION_FINANCES: return self->finances_group;
    case SECTION_NEEDS: return self->needs_group;
    case SECTION_LOYALTY: return self->loyalty_group;
    case SECTION_CAPACITY: return self->capacity_group;
    case SECTION_ATTITUDE: return self->attitude_group;
    case SECTION_NOTES: return self->notes_group;
    case N_SECTIONS:
    default: g_assert_not_reached ();
    }
}

static void
build_fields (AwbClientWindow *self)
{
  for (guint i = 0; i < N_FIELDS; i++)
    {
      FieldRow *fr = &self->rows[i];
      g_autofree char *prop = property_of (fields[i].field, NULL);
      g_autofree char *error_signal = NULL;

      fr->window = self;
      fr->info = &fields[i];
      if (fields[i].kind == KIND_ENTRY)
        {
          fr->row = adw_entry_row_new ();
          fr->message = GTK_LABEL (gtk_label_new (NULL));
          gtk_label_set_wrap (fr->message, TRUE);
          gtk_label_set_max_width_chars (fr->message, 28);
          gtk_label_set_xalign (fr->message, 1);
          gtk_widget_add_css_class (GTK_WIDGET (fr->message), "caption");
          gtk_widget_add_css_class (GTK_WIDGET (fr->message), "error");
          gtk_widget_set_visible (GTK_WIDGET (fr->message), FALSE);
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (fr->row), GTK_WIDGET (fr->message));
          g_object_bind_property (self->draft, prop, fr->row, "text",
                                  G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
        }
      else
        {
          fr->row = make_combo (fr);
          g_object_bind_property_full (self->draft, prop, fr->row, "selected",
                                       G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                                       combo_from_draft, combo_to_draft, fr, NULL);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fr->row), _(fields[i].title));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (fr->row), FALSE);
      adw_preferences_group_add (group_of (self, fields[i].section), fr->row);

      error_signal = g_strconcat ("notify::", prop, "-error", NULL);
      g_signal_connect (self->draft, error_signal, G_CALLBACK (on_field_error_cb), fr);
      show_field_error (fr);
    }
}

/* ---- the live questionnaire --------------------------------------------------- */

/* The line of @text that starts with the same words as @prefix_line, the
 * sentences explain prints in order: capacity, attitude, bands,
 * allocation, level, questionnaire. */
static void
show_risk (AwbClientWindow *self)
{
  const AwbClientLabels *l = awb_client_draft_get_risk_labels (self->draft);
  const char *explanation = awb_client_draft_get_risk_explanation (self->draft);
  g_auto(GStrv) lines = g_strsplit (explanation != NULL ? explanation : "", "\n", -1);
  guint n = g_strv_length (lines);
  gboolean profiled = l->capacity >= 0 && l->attitude >= 0;
  g_autofree char *capacity = NULL;
  g_autofree char *attitude = NULL;
  g_autofree char *allocation = NULL;
  const char *none = "—";

  if (profiled)
    {
      /* Translators: a score and its band, e.g. "75 · Mid-high" */
      capacity = g_strdup_printf (_("%1$d · %2$s"), l->capacity,
                                  awb_code_get_label (AWB_KIND_BAND, l->capacity_band));
      attitude = g_strdup_printf (_("%1$d · %2$s"), l->attitude,
                                  awb_code_get_label (AWB_KIND_BAND, l->attitude_band));
    }
  if (l->alloc_low >= 0)
    /* Translators: the asset allocation's three shares, in percent */
    allocation = g_strdup_printf (_("Low %1$d%% · Medium %2$d%% · High %3$d%%"),
                                  l->alloc_low, l->alloc_mid, l->alloc_high);

  gtk_label_set_text (self->capacity_row_value, capacity != NULL ? capacity : none);
  gtk_label_set_text (self->attitude_row_value, attitude != NULL ? attitude : none);
  gtk_label_set_text (self->level_row_value,
                      l->risk_level >= 0 ? awb_code_get_label (AWB_KIND_RISK_LEVEL, l->risk_level)
                                         : none);
  gtk_label_set_text (self->allocation_row_value, allocation != NULL ? allocation : none);
  gtk_label_set_text (self->expiry_row_value,
                      l->questionnaire_expired == 1 ? _("Expired")
                      : l->questionnaire_expired == 0 ? _("Valid") : _("Not assessed"));

  /* each row's sentence, as explain prints it; with an answer missing
   * there is one sentence saying which */
  if (profiled && n >= 6)
    {
      g_autofree char *bands = g_markup_escape_text (lines[2], -1);

      adw_action_row_set_subtitle (self->capacity_row, lines[0]);
      adw_action_row_set_subtitle (self->attitude_row, lines[1]);
      adw_preferences_group_set_description (self->result_group, bands);
      adw_action_row_set_subtitle (self->allocation_row, lines[3]);
      adw_action_row_set_subtitle (self->level_row, lines[4]);
      adw_action_row_set_subtitle (self->expiry_row, lines[n - 2]);
    }
  else
    {
      adw_action_row_set_subtitle (self->capacity_row, n > 0 ? lines[0] : "");
      adw_action_row_set_subtitle (self->attitude_row, "");
      adw_preferences_group_set_description (self->result_group, NULL);
      adw_action_row_set_subtitle (self->allocation_row, "");
      adw_action_row_set_subtitle (self->level_row, "");
      adw_action_row_set_subtitle (self->expiry_row, n > 1 ? lines[n - 2] : "");
    }
}

/* ---- labels of the latest run ------------------------------------------------- */

/* A label's value as the row shows it. */
static char *
label_value (LabelRow               row,
             const AwbClientLabels *l)
{
  switch (row)
    {
    case LABEL_SEGMENT:
      if (l->rfm_segment < 0)
        return g_strdup (_("Not scored: no trade yet"));
      /* Translators: an RFM segment and its three scores */
      return g_strdup_printf (_("%1$s · R %2$d, F %3$d, M %4$d"),
                              awb_code_get_label (AWB_KIND_RFM_SEGMENT, l->rfm_segment),
                              l->r_score, l->f_score, l->m_score);
    case LABEL_TIER:
      if (l->tier < 0)
        return g_strdup ("—");
      /* Translators: a tier and its score */
      return g_strdup_printf (_("%1$s · score %2$.2f"),
                              awb_code_get_label (AWB_KIND_TIER, l->tier), l->tier_score);
    case LABEL_CELL:
      if (l->capital_size < 0 || l->turnover_class < 0)
        return g_strdup ("—");
      /* Translators: the capital × turnover cell, e.g. "Medium capital, static" */
      return g_strdup_printf (_("%1$s capital, %2$s"),
                              awb_code_get_label (AWB_KIND_CAPITAL_SIZE, l->capital_size),
                              awb_code_get_label (AWB_KIND_TURNOVER, l->turnover_class));
    case LABEL_LOYALTY:
      if (l->loyalty_type < 0)
        return g_strdup ("—");
      /* Translators: a loyalty type and the loyalty score */
      return g_strdup_printf (_("%1$s · score %2$.2f"),
                              awb_code_get_label (AWB_KIND_LOYALTY_TYPE, l->loyalty_type),
                              l->loyalty_score);
    case LABEL_LIFECYCLE:
      return g_strdup (l->lifecycle >= 0 ? awb_code_get_label (AWB_KIND_LIFECYCLE, l->lifecycle)
                                         : "—");
    case LABEL_RISK:
      return g_strdup (l->risk_level >= 0
                       ? awb_code_get_label (AWB_KIND_RISK_LEVEL, l->risk_level)
                       : _("No risk profile"));
    case LABEL_LIFE_STAGE:
      return g_strdup (l->life_stage >= 0
                       ? awb_code_get_label (AWB_KIND_LIFE_STAGE, l->life_stage) : "—");
    case LABEL_FAMILY:
      return g_strdup (l->family_stage >= 0
                       ? awb_code_get_label (AWB_KIND_FAMILY_STAGE, l->family_stage) : "—");
    case LABEL_VALUE:
      if (l->value_tier < 0)
        return g_strdup ("—");
      /* Translators: a value tier and the lifetime value in yuan */
      {
        g_autofree char *clv = awb_gui_format_money (l->clv);

        return g_strdup_printf (_("%1$s · lifetime value %2$s"),
                                awb_code_get_label (AWB_KIND_VALUE_TIER, l->value_tier), clv);
      }
    case N_LABELS:
    default:
      g_assert_not_reached ();
    }
}

static void
build_labels (AwbClientWindow *self)
{
  for (guint i = 0; i < N_LABELS; i++)
    {
      AdwExpanderRow *row = ADW_EXPANDER_ROW (adw_expander_row_new ());
      GtkWidget *inner = gtk_list_box_row_new ();
      GtkLabel *text = GTK_LABEL (gtk_label_new (_("Working out the explanation…")));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(label_rows[i].title));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_label_set_wrap (text, TRUE);
      gtk_label_set_xalign (text, 0);
      gtk_label_set_selectable (text, TRUE);
      gtk_widget_set_margin_start (GTK_WIDGET (text), 12);
      gtk_widget_set_margin_end (GTK_WIDGET (text), 12);
      gtk_widget_set_margin_top (GTK_WIDGET (text), 8);
      gtk_widget_set_margin_bottom (GTK_WIDGET (text), 8);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (inner), GTK_WIDGET (text));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (inner), FALSE);
      adw_expander_row_add_row (row, inner);
      adw_preferences_group_add (self->labels_group, GTK_WIDGET (row));
      self->label_row[i] = row;
      self->label_text[i] = text;
    }
}

/* The run's labels, and what the unsaved edits would change. */
static void
show_labels (AwbClientWindow *self)
{
  AwbClientLabels edited;
  const AwbClientLabels *now = NULL;

  if (self->explanation != NULL)
    {
      AwbClientFacts facts;

      awb_profile_get_facts (awb_client_draft_get_profile (self->draft), &facts);
      awb_client_explanation_relabel (self->explanation, &facts, &edited);
      now = awb_client_explanation_get_labels (self->explanation);
    }

  for (guint i = 0; i < N_LABELS; i++)
    {
      g_autofree char *value = self->run_id != 0 ? label_value (i, &self->run_labels)
                                                 : g_strdup (_("Not scored yet"));
      g_autofree char *subtitle = NULL;

      if (now != NULL && awb_client_draft_is_modified (self->draft))
        {
          g_autofree char *before = label_value (i, now);
          g_autofree char *after = label_value (i, &edited);

          if (g_strcmp0 (before, after) != 0)
            /* Translators: %1$s is the label in the latest run, %2$s what the
             * unsaved changes would make it */
            subtitle = g_strdup_printf (_("%1$s — the unsaved changes would make it %2$s"),
                                        value, after);
        }
      adw_expander_row_set_subtitle (self->label_row[i], subtitle != NULL ? subtitle : value);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->label_row[i]),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      subtitle != NULL ? subtitle : value, -1);
    }
}

static void
show_explanation (AwbClientWindow *self)
{
  const char *actions;
  g_auto(GStrv) lines = NULL;

  clear_list (self->actions_list);
  if (self->explanation == NULL)
    return;
  for (guint i = 0; i < N_LABELS; i++)
    {
      g_autofree char *text =
        g_strchomp (g_strdup (awb_client_explanation_get_part (self->explanation,
                                                               label_rows[i].part)));
      gtk_label_set_text (self->label_text[i], text);
    }

  /* the numbered actions, after their heading line */
  actions = awb_client_explanation_get_part (self->explanation, AWB_EXPLAIN_ACTIONS);
  lines = g_strsplit (actions, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      gtk_list_box_append (self->actions_list, text_row (lines[i], NULL));
}

static void
on_explained_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AwbClientWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  AwbClientExplanation *explanation = g_task_propagate_pointer (G_TASK (result), &error);

  if (explanation == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        for (guint i = 0; i < N_LABELS; i++)
          gtk_label_set_text (self->label_text[i], error->message);
      return;
    }
  g_clear_pointer (&self->explanation, awb_client_explanation_free);
  self->explanation = explanation;
  show_explanation (self);
  show_labels (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPLAINED]);
}

typedef struct
{
  char   *path;        /* the book's: the thread opens its own connection */
  gint64  client_id;
} ExplainJob;

static void
explain_job_free (ExplainJob *job)
{
  g_free (job->path);
  g_free (job);
}

static void
explain_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ExplainJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = awb_database_open (job->path, &error);
  AwbClientExplanation *e = NULL;

  if (db != NULL)
    e = awb_client_explanation_load (db, job->client_id, awb_date_today (), cancellable, &error);
  if (e == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, e, (GDestroyNotify) awb_client_explanation_free);
}

static void
refresh_explanation (AwbClientWindow *self)
{
  g_autoptr(GTask) task = NULL;
  ExplainJob *job;

  if (self->client_id == 0)
    return;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, on_explained_cb, g_object_ref (self));
  g_task_set_source_tag (task, refresh_explanation);
  job = g_new0 (ExplainJob, 1);
  job->path = g_strdup (awb_database_get_path (self->database));
  job->client_id = self->client_id;
  g_task_set_task_data (task, job, (GDestroyNotify) explain_job_free);
  g_task_run_in_thread (task, explain_in_thread);
}

static gboolean
start_explanation_cb (gpointer user_data)
{
  AwbClientWindow *self = user_data;

  if (self->draft != NULL && self->explanation == NULL && self->cancellable == NULL)
    refresh_explanation (self);
  return G_SOURCE_REMOVE;
}

/* ---- activity ------------------------------------------------------------------ */

static void
show_interactions (AwbClientWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  clear_list (self->interactions_list);
  if (self->client_id == 0)
    return;
  list = awb_interaction_list_client (self->database, self->client_id, &error);
  if (list == NULL)
    {
      toast (self, error->message);
      return;
    }
  if (list->len == 0)
    gtk_list_box_append (self->interactions_list, text_row (_("No interaction yet"), NULL));
  for (guint i = 0; i < list->len; i++)
    {
      AwbInteractionRecord *r = list->pdata[i];
      g_autofree char *date = awb_gui_format_date (r->date);
      g_autofree char *title = NULL;
      g_autofree char *follow = NULL;
      g_autofree char *subtitle = NULL;
      const char *kind = awb_code_get_label (AWB_KIND_INTERACTION, r->kind);

      if (r->satisfaction >= 1)
        /* Translators: %1$s the kind of interaction, %2$s its date, %3$d the
         * satisfaction 1-5 of a survey */
        title = g_strdup_printf (_("%1$s on %2$s, satisfaction %3$d of 5"), kind, date,
                                 r->satisfaction);
      else
        /* Translators: %1$s the kind of interaction, %2$s its date */
        title = g_strdup_printf (_("%1$s on %2$s"), kind, date);
      if (r->follow_up_on != AWB_DATE_NONE)
        {
          g_autofree char *due = awb_gui_format_date (r->follow_up_on);

          follow = g_strdup_printf (r->done ? _("Follow-up on %s: done")
                                            : _("Follow-up on %s: open"), due);
        }
      if (r->notes != NULL && *r->notes != '\0' && follow != NULL)
        subtitle = g_strdup_printf ("%s\n%s", r->notes, follow);
      else
        subtitle = g_strdup (follow != NULL ? follow : r->notes);
      gtk_list_box_append (self->interactions_list, text_row (title, subtitle));
    }
}

static void
show_history (AwbClientWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;

  clear_list (self->history_list);
  if (self->client_id == 0)
    return;
  history = awb_profile_read_history (self->database, self->client_id, &error);
  if (history == NULL)
    {
      toast (self, error->message);
      return;
    }
  if (history->len == 0)
    gtk_list_box_append (self->history_list, text_row (_("No change recorded"), NULL));
  for (guint i = 0; i < history->len; i++)
    {
      AwbAuditEntry *e = history->pdata[i];
      const char *none = _("(empty)");
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      /* Translators: one change of a field: %1$s the field, %2$s the old
       * value, %3$s the new one */
      title = g_strdup_printf (_("%1$s: %2$s → %3$s"), field_title (e->field),
                               e->old_value != NULL ? e->old_value : none,
                               e->new_value != NULL ? e->new_value : none);
      /* Translators: when and by whom: %1$s a UTC time, %2$s a user name */
      subtitle = g_strdup_printf (_("%1$s by %2$s"), e->at, e->who);
      gtk_list_box_append (self->history_list, text_row (title, subtitle));
    }
}

/* ---- title, actions ------------------------------------------------------------ */

static void
update_title (AwbClientWindow *self)
{
  const char *name = awb_client_draft_get_text (self->draft, "name");
  const char *no = awb_client_draft_get_text (self->draft, "client_id");
  g_autofree char *title = NULL;

  if (self->client_id == 0 && (name == NULL || *name == '\0'))
    title = g_strdup (_("New Client"));
  else
    title = g_strdup (name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, no);
}

static void
update_actions (AwbClientWindow *self)
{
  gboolean modified = awb_client_draft_is_modified (self->draft);
  gboolean valid = awb_client_draft_is_valid (self->draft);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", modified && valid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete", self->client_id != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.log-interaction",
                                 self->client_id != 0);
}

static void
on_draft_state_cb (AwbClientWindow *self)
{
  update_actions (self);
  show_labels (self);
}

static gboolean
save (AwbClientWindow *self)
{
  g_autoptr(GError) error = NULL;
  gboolean was_new = self->client_id == 0;

  if (!awb_client_draft_save (self->draft, self->database, g_get_user_name (), &error))
    {
      /* nothing typed is lost: the draft keeps every field */
      g_autoptr(AdwMessageDialog) dialog = NULL;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("The Changes Were Not Saved"),
                                                           error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (g_steal_pointer (&dialog)));
      return FALSE;
    }
  self->client_id = awb_client_draft_get_id (self->draft);
  if (was_new)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
  update_title (self);
  update_actions (self);
  show_history (self);
  show_interactions (self);
  refresh_explanation (self);
  toast (self, _("Saved"));
  g_signal_emit (self, signals[SAVED], 0, self->client_id);
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (AWB_CLIENT_WINDOW (widget));
}

static void
log_interaction_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AwbClientWindow *self = AWB_CLIENT_WINDOW (widget);

  g_signal_emit (self, signals[LOG_INTERACTION], 0, self->client_id);
}

static gboolean
close_idle_cb (gpointer user_data)
{
  AwbClientWindow *self = user_data;

  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       AwbClientWindow  *self)
{
  gboolean with_activity = g_str_equal (response, "delete-all");

  if (!with_activity && !g_str_equal (response, "delete"))
    return;
  g_signal_emit (self, signals[DELETE_REQUESTED], 0, self->client_id, with_activity);
  /* close from an idle: closing in the handler raised criticals on 4.8 */
  g_idle_add_full (G_PRIORITY_DEFAULT, close_idle_cb, g_object_ref (self), g_object_unref);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AwbClientWindow *self = AWB_CLIENT_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  gint64 n_trades = 0, n_interactions = 0;

  if (!awb_profile_count_activity (self->database, self->client_id, &n_trades,
                                   &n_interactions, &error))
    {
      toast (self, error->message);
      return;
    }
  /* Translators: %s is the client's name */
  heading = g_strdup_printf (_("Delete %s?"), gtk_window_get_title (GTK_WINDOW (self)));
  if (n_trades + n_interactions == 0)
    body = g_strdup (_("The client’s profile leaves the book. You can undo it for a few seconds."));
  else
    {
      g_autofree char *n_t = awb_gui_format_count (n_trades);
      g_autofree char *n_i = awb_gui_format_count (n_interactions);
      /* Translators: %s is a number of trades, "1,234" */
      g_autofree char *trades = g_strdup_printf (ngettext ("%s trade", "%s trades",
                                                           (gulong) n_trades), n_t);
      /* Translators: %s is a number of interactions, "1,234" */
      g_autofree char *interactions = g_strdup_printf (ngettext ("%s interaction",
                                                                 "%s interactions",
                                                                 (gulong) n_interactions), n_i);

      /* Translators: %1$s is "12 trades", %2$s "3 interactions" */
      body = g_strdup_printf (_("The client has %1$s and %2$s in the book. Deleting the client "
                                "deletes them too; choose so explicitly, or keep the client."),
                              trades, interactions);
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  if (n_trades + n_interactions == 0)
    {
      adw_message_dialog_add_response (dialog, "delete", _("_Delete"));
      adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
    }
  else
    {
      adw_message_dialog_add_response (dialog, "delete-all",
                                       _("_Delete with Trades and Interactions"));
      adw_message_dialog_set_response_appearance (dialog, "delete-all",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* §18a.7: closing with unsaved changes asks. */
static void
on_close_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      AwbClientWindow  *self)
{
  if (g_str_equal (response, "save") && !save (self))
    return;
  if (g_str_equal (response, "save") || g_str_equal (response, "discard"))
    g_idle_add_full (G_PRIORITY_DEFAULT, close_idle_cb, g_object_ref (self), g_object_unref);
}

static gboolean
awb_client_window_close_request (GtkWindow *window)
{
  AwbClientWindow *self = AWB_CLIENT_WINDOW (window);
  AdwMessageDialog *dialog;

  if (self->close_confirmed || !awb_client_draft_is_modified (self->draft))
    return GTK_WINDOW_CLASS (awb_client_window_parent_class)->close_request (window);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Save Changes?"),
                                                       _("The client’s profile has unsaved "
                                                         "changes. Changes which are not saved "
                                                         "will be permanently lost.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "save",
                                           awb_client_draft_is_valid (self->draft));
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* ---- GObject ------------------------------------------------------------------- */

static void
awb_client_window_dispose (GObject *object)
{
  AwbClientWindow *self = (AwbClientWindow *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_data (self->draft, self);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (self->draft != NULL)
        g_signal_handlers_disconnect_by_data (self->draft, &self->rows[i]);
      g_clear_pointer (&self->rows[i].codes, g_ptr_array_unref);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), AWB_TYPE_CLIENT_WINDOW);
  g_clear_object (&self->draft);
  g_clear_pointer (&self->explanation, awb_client_explanation_free);
  g_clear_pointer (&self->settings, awb_settings_free);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (awb_client_window_parent_class)->dispose (object);
}

static void
awb_client_window_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AwbClientWindow *self = AWB_CLIENT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;
    case PROP_EXPLAINED:
      g_value_set_boolean (value, self->explanation != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_client_window_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AwbClientWindow *self = AWB_CLIENT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    case PROP_CLIENT_ID:
      self->client_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_client_window_class_init (AwbClientWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = awb_client_window_dispose;
  object_class->get_property = awb_client_window_get_property;
  object_class->set_property = awb_client_window_set_property;
  window_class->close_request = awb_client_window_close_request;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, AWB_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* clients.id; 0 for a new client until it is saved */
  properties[PROP_CLIENT_ID] =
    g_param_spec_int64 ("client-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS);
  /* the labels' explanations were worked out (they come from a thread) */
  properties[PROP_EXPLAINED] =
    g_param_spec_boolean ("explained", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AwbClientWindow::saved:
   * @id: the client's clients.id
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * AwbClientWindow::delete-requested:
   * @id: the client's clients.id
   * @with_activity: the person chose to delete the trades and interactions too
   *
   * The person confirmed the deletion; the window closes.  The main window
   * deletes the client when its Undo toast goes.
   */
  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);
  /**
   * AwbClientWindow::log-interaction:
   * @id: the client's clients.id
   */
  signals[LOG_INTERACTION] =
    g_signal_new ("log-interaction", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/awb-client-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, identity_group);
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, family_group);
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, finances_group);
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, needs_group);
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, loyalty_group);
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, notes_group);
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, result_group);
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, capacity_group);
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, attitude_group);
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, capacity_row);
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, capacity_row_value);
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, attitude_row);
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, attitude_row_value);
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, level_row);
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, level_row_value);
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, allocation_row);
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, allocation_row_value);
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, expiry_row_value);
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, labels_group);
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, actions_list);
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, interactions_list);
  gtk_widget_class_bind_template_child (widget_class, AwbClientWindow, history_list);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "editor.log-interaction", NULL,
                                   log_interaction_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
awb_client_window_init (AwbClientWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * awb_client_window_new:
 * @client_id: clients.id, or 0 for a new client
 *
 * Reads the client's profile and the latest run's labels (by key: fast on
 * any book) and opens on them; the explanations follow from a thread.
 *
 * Returns: (transfer none): the window (GTK keeps its toplevels), or %NULL
 * with @error set (the client is gone, the book cannot be read).
 */
AwbClientWindow *
awb_client_window_new (GtkApplication  *application,
                       AwbDatabase     *database,
                       gint64           client_id,
                       GError         **error)
{
  g_autoptr(AwbProfile) profile = NULL;
  g_autoptr(AwbSettings) settings = NULL;
  AwbClientLabels run_labels;
  gint64 run_id = 0;
  AwbDate run_as_of = AWB_DATE_NONE;
  AwbDate today = awb_date_today ();
  g_autoptr(GError) local_error = NULL;
  AwbClientWindow *self;

  g_return_val_if_fail (AWB_IS_DATABASE (database), NULL);

  /* everything read before the window exists: a failure leaves none */
  profile = client_id != 0 ? awb_profile_read (database, client_id, today, error)
                           : awb_profile_new (today);
  if (profile == NULL)
    return NULL;
  settings = awb_settings_store_load (database, error);
  if (settings == NULL)
    return NULL;
  if (client_id != 0 &&
      !awb_scores_read_client (database, client_id, &run_id, &run_as_of, &run_labels,
                               &local_error) &&
      local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  self = g_object_new (AWB_TYPE_CLIENT_WINDOW, "application", application,
                       "database", database, "client-id", client_id, NULL);
  self->settings = g_steal_pointer (&settings);
  self->run_id = run_id;
  self->run_as_of = run_as_of;
  if (run_id != 0)
    self->run_labels = run_labels;
  self->draft = awb_client_draft_new (g_steal_pointer (&profile), self->settings);
  build_fields (self);
  build_labels (self);
  g_signal_connect_swapped (self->draft, "notify::is-modified",
                            G_CALLBACK (on_draft_state_cb), self);
  g_signal_connect_swapped (self->draft, "notify::is-valid",
                            G_CALLBACK (on_draft_state_cb), self);
  g_signal_connect_swapped (self->draft, "notify::risk-explanation",
                            G_CALLBACK (show_risk), self);
  g_signal_connect_swapped (self->draft, "notify::name", G_CALLBACK (update_title), self);
  /* labels an edit would change: any field may */
  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *prop = property_of (fields[i].field, NULL);
      g_autofree char *signal = g_strconcat ("notify::", prop, NULL);

      g_signal_connect_swapped (self->draft, signal, G_CALLBACK (show_labels), self);
    }

  update_title (self);
  update_actions (self);
  show_risk (self);
  show_labels (self);
  show_interactions (self);
  show_history (self);
  /* the explanation's thread takes both cores for seconds on a big book:
   * it starts once the window has drawn itself */
  g_idle_add_full (G_PRIORITY_LOW, start_explanation_cb, g_object_ref (self), g_object_unref);
  if (client_id == 0)
    adw_view_stack_set_visible_child_name (self->view_stack, "profile");
  return self;
}

gint64
awb_client_window_get_client_id (AwbClientWindow *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_WINDOW (self), 0);

  return self->client_id;
}

/**
 * awb_client_window_refresh_activity:
 *
 * Reads the client's interactions again (one was logged elsewhere) and
 * works the explanations out again: the latest contact and satisfaction
 * move labels.
 */
void
awb_client_window_refresh_activity (AwbClientWindow *self)
{
  g_return_if_fail (AWB_IS_CLIENT_WINDOW (self));

  show_interactions (self);
  refresh_explanation (self);
}

/**
 * awb_client_window_get_draft:
 *
 * Returns: (transfer none): the profile being edited
 */
AwbClientDraft *
awb_client_window_get_draft (AwbClientWindow *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_WINDOW (self), NULL);

  return self->draft;
}
