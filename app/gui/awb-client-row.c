/* awb-client-row.c: one row of the client list, as the list shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the list shows at one position, made by AwbClientListModel only
 * when the view asks for that position: every column as display text
 * (labels translated, phone and ID numbers masked, money grouped, "—" for
 * what is not known), and for screen readers one summary of the client and
 * its position in the list.  A cell reads its column by the field's name
 * (awb_client_row_get_text), which is also the name of the row's property.
 *
 * A row stays the item of its position while the view holds it: when the
 * list's clients change (a keystroke in the search), the model writes the
 * new client of that position into it (awb_client_row_update) and it emits
 * ::changed, so the view keeps its widgets and only their text changes.
 */
#define G_LOG_DOMAIN "awb-client-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "awb-client-row.h"
#include "awb-codes.h"
#include "awb-gui-format.h"
#include "awb-mask.h"
#include "awb-nba.h"

/* The columns, by the name a cell asks for. */
typedef enum
{
  FIELD_NAME,
  FIELD_CLIENT_NO,
  FIELD_PHONE,
  FIELD_ID_NUMBER,
  FIELD_MANAGER,
  FIELD_TIER,
  FIELD_SEGMENT,
  FIELD_LOYALTY,
  FIELD_RISK,
  FIELD_AUM,
  FIELD_LAST_CONTACT,
  FIELD_NEXT_DUE,
  FIELD_ACTION,
  N_FIELDS
} Field;

static const char *const field_names[N_FIELDS] = {
  "name", "client-no", "phone", "id-number", "manager", "tier", "segment", "loyalty", "risk",
  "aum", "last-contact", "next-due", "action",
};

struct _AwbClientRow
{
  GObject   parent_instance;

  guint     position;             /* in the list */
  gint64    id;                   /* clients.id */
  char     *text[N_FIELDS];       /* what each column shows */
  char     *summary;              /* what a screen reader says of the row */
  char     *position_text;        /* "Row 42 of 1,000,000" */
  gboolean  due_passed;           /* the next due date is before today */
};

G_DEFINE_FINAL_TYPE (AwbClientRow, awb_client_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SUMMARY = N_FIELDS + 1,
  PROP_DUE_PASSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
awb_client_row_finalize (GObject *object)
{
  AwbClientRow *self = (AwbClientRow *)object;

  for (guint f = 0; f < N_FIELDS; f++)
    g_free (self->text[f]);
  g_free (self->summary);
  g_free (self->position_text);

  G_OBJECT_CLASS (awb_client_row_parent_class)->finalize (object);
}

static void
awb_client_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AwbClientRow *self = AWB_CLIENT_ROW (object);

  if (prop_id >= 1 && prop_id <= N_FIELDS)
    {
      g_value_set_string (value, self->text[prop_id - 1]);
      return;
    }
  switch (prop_id)
    {
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_DUE_PASSED:
      g_value_set_boolean (value, self->due_passed);
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

  /* one read-only string property per column, named as the field */
  for (guint f = 0; f < N_FIELDS; f++)
    g_object_class_install_property (object_class, f + 1,
                                     g_param_spec_string (field_names[f], NULL, NULL, NULL,
                                                          G_PARAM_READABLE |
                                                          G_PARAM_STATIC_STRINGS));
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DUE_PASSED] =
    g_param_spec_boolean ("due-passed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, PROP_SUMMARY, properties[PROP_SUMMARY]);
  g_object_class_install_property (object_class, PROP_DUE_PASSED, properties[PROP_DUE_PASSED]);

  /**
   * AwbClientRow::changed:
   *
   * The row now shows another client, or the same one anew: every text
   * may have changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
awb_client_row_init (AwbClientRow *self)
{
}

/* The label of @value of @kind, "—" when not known. */
static char *
label_or_dash (AwbCodeKind kind,
               int         value)
{
  return g_strdup (value >= 0 && value < awb_code_count (kind)
                   ? awb_code_get_label (kind, value) : "—");
}

static char *
date_or_dash (AwbDate date)
{
  return date != AWB_DATE_NONE ? awb_gui_format_date (date) : g_strdup ("—");
}

static char *
risk_text (const AwbClientSummary *s)
{
  const char *level;

  if (s->risk_level < 0 || s->risk_level >= awb_code_count (AWB_KIND_RISK_LEVEL))
    return g_strdup ("—");
  /* the level itself, C1 ... C5 or P, as the issue and the forms write it */
  level = awb_code_to_string (AWB_KIND_RISK_LEVEL, s->risk_level);
  if (s->questionnaire_expired == 1)
    /* Translators: a client's risk level whose questionnaire has expired,
     * e.g. "C3, expired" */
    return g_strdup_printf (C_("risk level", "%s, expired"), level);
  return g_strdup (level);
}

static char *
action_text (const AwbClientSummary *s,
             const AwbSettings      *settings)
{
  AwbClientLabels l;
  const char *text = NULL;

  if (s->first_action < 0 || settings == NULL)
    return g_strdup ("—");
  memset (&l, 0xff, sizeof l);
  l.rfm_segment = s->rfm_segment;
  l.loyalty_type = s->loyalty_type;
  l.service_group = s->service_group;
  l.life_stage = s->life_stage;
  text = awb_nba_action_text (settings, (AwbActionKind) s->first_action, &l);
  return g_strdup (text != NULL ? text : "—");
}

/* One sentence for a screen reader: who, which account, and what the
 * latest run says, as whole translatable sentences. */
static char *
make_summary (AwbClientRow           *self,
              const AwbClientSummary *s)
{
  const char *name = self->text[FIELD_NAME];
  const char *client_no = self->text[FIELD_CLIENT_NO];

  if (s->tier < 0)
    /* Translators: how a screen reader reads a client's row: %1$s is the
     * name, %2$s the account number */
    return g_strdup_printf (_("%1$s, account %2$s, not scored"), name, client_no);
  if (s->rfm_segment < 0)
    /* Translators: how a screen reader reads the row of a client who has
     * never traded (no RFM segment): %1$s is the name, %2$s the account
     * number, %3$s the tier */
    return g_strdup_printf (_("%1$s, account %2$s, %3$s, no trades yet"),
                            name, client_no, self->text[FIELD_TIER]);
  if (self->due_passed)
    /* Translators: how a screen reader reads a client's row: %1$s is the
     * name, %2$s the account number, %3$s the tier, %4$s the RFM segment */
    return g_strdup_printf (_("%1$s, account %2$s, %3$s, %4$s, contact overdue"),
                            name, client_no, self->text[FIELD_TIER], self->text[FIELD_SEGMENT]);
  /* Translators: how a screen reader reads a client's row: %1$s is the
   * name, %2$s the account number, %3$s the tier, %4$s the RFM segment */
  return g_strdup_printf (_("%1$s, account %2$s, %3$s, %4$s"),
                          name, client_no, self->text[FIELD_TIER], self->text[FIELD_SEGMENT]);
}

/* Fills @self from @summary; emits nothing. */
static void
fill (AwbClientRow           *self,
      const AwbClientSummary *summary,
      const AwbSettings      *settings,
      AwbDate                 today,
      guint                   position,
      guint                   n_items)
{
  g_autofree char *row_number = NULL;
  g_autofree char *row_count = NULL;
  char *masked;

  for (guint f = 0; f < N_FIELDS; f++)
    g_clear_pointer (&self->text[f], g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->position_text, g_free);

  self->position = position;
  self->id = summary->id;
  self->text[FIELD_NAME] = g_strdup (summary->name ? summary->name : "");
  self->text[FIELD_CLIENT_NO] = g_strdup (summary->client_no ? summary->client_no : "");
  masked = awb_mask_phone (summary->phone);
  self->text[FIELD_PHONE] = masked != NULL ? masked : g_strdup ("—");
  masked = awb_mask_id_number (summary->id_number);
  self->text[FIELD_ID_NUMBER] = masked != NULL ? masked : g_strdup ("—");
  self->text[FIELD_MANAGER] = g_strdup (summary->manager ? summary->manager : "—");
  self->text[FIELD_TIER] = label_or_dash (AWB_KIND_TIER, summary->tier);
  self->text[FIELD_SEGMENT] = label_or_dash (AWB_KIND_RFM_SEGMENT, summary->rfm_segment);
  self->text[FIELD_LOYALTY] = label_or_dash (AWB_KIND_LOYALTY_TYPE, summary->loyalty_type);
  self->text[FIELD_RISK] = risk_text (summary);
  self->text[FIELD_AUM] = awb_gui_format_money (summary->aum);
  self->text[FIELD_LAST_CONTACT] = date_or_dash (summary->last_contact);
  self->text[FIELD_NEXT_DUE] = date_or_dash (summary->next_due);
  self->text[FIELD_ACTION] = action_text (summary, settings);
  self->due_passed = summary->next_due != AWB_DATE_NONE && summary->next_due < today;
  self->summary = make_summary (self, summary);

  row_number = awb_gui_format_count ((gint64) position + 1);
  row_count = awb_gui_format_count (n_items);
  /* Translators: a row's position, read by a screen reader: "Row 42 of 1,000,000" */
  self->position_text = g_strdup_printf (_("Row %1$s of %2$s"), row_number, row_count);
}

/**
 * awb_client_row_new:
 * @settings: (nullable): the book's settings, for the action's text
 * @today: the day a next due date passes
 * @position: the row's position in the list, from 0
 * @n_items: the list's length
 *
 * Returns: (transfer full): the row @summary shows at @position.
 */
AwbClientRow *
awb_client_row_new (const AwbClientSummary *summary,
                    const AwbSettings      *settings,
                    AwbDate                 today,
                    guint                   position,
                    guint                   n_items)
{
  AwbClientRow *self;

  g_return_val_if_fail (summary != NULL, NULL);

  self = g_object_new (AWB_TYPE_CLIENT_ROW, NULL);
  fill (self, summary, settings, today, position, n_items);
  return self;
}

/**
 * awb_client_row_update:
 *
 * Makes @self show @summary at @position of @n_items (see
 * awb_client_row_new()) and emits ::changed.
 */
void
awb_client_row_update (AwbClientRow           *self,
                       const AwbClientSummary *summary,
                       const AwbSettings      *settings,
                       AwbDate                 today,
                       guint                   position,
                       guint                   n_items)
{
  g_return_if_fail (AWB_IS_CLIENT_ROW (self));
  g_return_if_fail (summary != NULL);

  fill (self, summary, settings, today, position, n_items);
  g_signal_emit (self, signals[CHANGED], 0);
}

guint
awb_client_row_get_position (AwbClientRow *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_ROW (self), 0);
  return self->position;
}

gint64
awb_client_row_get_id (AwbClientRow *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_ROW (self), 0);
  return self->id;
}

/**
 * awb_client_row_get_text:
 * @field: a column's field name: "name", "client-no", "phone", "id-number",
 *   "manager", "tier", "segment", "loyalty", "risk", "aum", "last-contact",
 *   "next-due" or "action"
 *
 * Returns: what the column shows, or %NULL for an unknown field.
 */
const char *
awb_client_row_get_text (AwbClientRow *self,
                         const char   *field)
{
  g_return_val_if_fail (AWB_IS_CLIENT_ROW (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  for (guint f = 0; f < N_FIELDS; f++)
    if (g_str_equal (field, field_names[f]))
      return self->text[f];
  return NULL;
}

const char *
awb_client_row_get_summary (AwbClientRow *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_ROW (self), NULL);
  return self->summary;
}

const char *
awb_client_row_get_position_text (AwbClientRow *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_ROW (self), NULL);
  return self->position_text;
}

gboolean
awb_client_row_get_due_passed (AwbClientRow *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_ROW (self), FALSE);
  return self->due_passed;
}
