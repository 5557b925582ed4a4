/* awb-client-draft.c: a client's profile being edited, as properties a
 * window binds to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The profile editor's model, without GTK (STYLE.md §18a): a GObject over
 * an AwbProfile with one string property per field, named after the
 * interchange format's column ("birth_date" is "birth-date"), one
 * read-only "<field>-error" (the message for beside the field, or NULL),
 * and the read-only "is-modified", "is-valid", "capacity", "attitude",
 * "risk-level" and "risk-explanation" the window shows.  Every property
 * notifies only when its value changes: typing the old text back clears
 * "is-modified", and an answer that leaves the capacity where it was does
 * not redraw it.
 *
 * NOTES ON THE DESIGN
 *
 *  (1) The field properties are installed from the column table in
 *      class_init, two per field from PROP_FIELDS on: a field's text is
 *      PROP_FIELDS + 2 i, its error PROP_FIELDS + 2 i + 1.
 *  (2) A change of the birth date or gender checks the ID number again
 *      (they must agree); every change scores the questionnaire again
 *      (awb_explain_risk_profile, one client: microseconds).
 */
#define G_LOG_DOMAIN "awb-client-draft"

#include "config.h"

#include <string.h>

#include "awb-client-draft.h"
#include "awb-codes.h"
#include "awb-explain.h"

struct _AwbClientDraft
{
  GObject       parent_instance;

  AwbProfile   *profile;
  AwbSettings  *settings;
  char        **errors;        /* per field: the message, or NULL */
  gboolean      modified;
  gboolean      valid;
  int           capacity;      /* AWB_UNKNOWN without a profile */
  int           attitude;
  char         *risk_level;    /* "C3", "P", or NULL */
  char         *explanation;
  AwbClientLabels risk;        /* the risk labels of the last scoring */
};

G_DEFINE_FINAL_TYPE (AwbClientDraft, awb_client_draft, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_IS_MODIFIED,
  PROP_IS_VALID,
  PROP_CAPACITY,
  PROP_ATTITUDE,
  PROP_RISK_LEVEL,
  PROP_RISK_EXPLANATION,
  PROP_FIELDS,                 /* Notes (1) */
};

static GParamSpec **properties;
static guint n_properties;

static int
field_number (const char *field)
{
  for (guint i = 0; i < awb_profile_get_n_fields (); i++)
    if (strcmp (awb_profile_get_field (i), field) == 0)
      return (int) i;
  return -1;
}

/* Checks field @i again; notifies its error when it changed. */
static void
check_field (AwbClientDraft *self,
             guint           i)
{
  g_autoptr(GError) error = NULL;
  const char *message = NULL;

  if (!awb_profile_check (self->profile, awb_profile_get_field (i), &error))
    message = error->message;
  if (g_strcmp0 (message, self->errors[i]) == 0)
    return;
  g_free (self->errors[i]);
  self->errors[i] = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIELDS + 2 * i + 1]);
}

static void
set_boolean (AwbClientDraft *self,
             gboolean       *field,
             gboolean        value,
             guint           prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_int (AwbClientDraft *self,
         int            *field,
         int             value,
         guint           prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_string (AwbClientDraft  *self,
            char           **field,
            const char      *value,
            guint            prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* Notes (2): the state that follows from every field. */
static void
update (AwbClientDraft *self)
{
  g_autoptr(GPtrArray) changed = awb_profile_get_changed (self->profile);
  g_autofree char *explanation = NULL;
  AwbClientFacts facts;
  AwbClientLabels labels;
  gboolean valid = TRUE;

  for (guint i = 0; i < awb_profile_get_n_fields (); i++)
    valid = valid && self->errors[i] == NULL;
  set_boolean (self, &self->modified, changed->len > 0, PROP_IS_MODIFIED);
  set_boolean (self, &self->valid, valid, PROP_IS_VALID);

  awb_profile_get_facts (self->profile, &facts);
  explanation = awb_explain_risk_profile (self->settings, awb_profile_get_today (self->profile),
                                          &facts, &labels);
  self->risk = labels;
  set_int (self, &self->capacity, labels.capacity, PROP_CAPACITY);
  set_int (self, &self->attitude, labels.attitude, PROP_ATTITUDE);
  set_string (self, &self->risk_level,
              labels.risk_level >= 0 ? awb_code_to_string (AWB_KIND_RISK_LEVEL, labels.risk_level)
                                     : NULL,
              PROP_RISK_LEVEL);
  set_string (self, &self->explanation, explanation, PROP_RISK_EXPLANATION);
}

static void
awb_client_draft_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AwbClientDraft *self = AWB_CLIENT_DRAFT (object);

  switch (prop_id)
    {
    case PROP_IS_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_IS_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    case PROP_CAPACITY:
      g_value_set_int (value, self->capacity);
      break;
    case PROP_ATTITUDE:
      g_value_set_int (value, self->attitude);
      break;
    case PROP_RISK_LEVEL:
      g_value_set_string (value, self->risk_level);
      break;
    case PROP_RISK_EXPLANATION:
      g_value_set_string (value, self->explanation);
      break;
    default:
      if (prop_id >= PROP_FIELDS && prop_id < n_properties)
        {
          guint i = (prop_id - PROP_FIELDS) / 2;

          if ((prop_id - PROP_FIELDS) % 2 == 0)
            g_value_set_string (value, awb_profile_get (self->profile, awb_profile_get_field (i)));
          else
            g_value_set_string (value, self->errors[i]);
          break;
        }
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_client_draft_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AwbClientDraft *self = AWB_CLIENT_DRAFT (object);

  if (prop_id >= PROP_FIELDS && prop_id < n_properties && (prop_id - PROP_FIELDS) % 2 == 0)
    {
      const char *text = g_value_get_string (value);

      awb_client_draft_set_text (self, awb_profile_get_field ((prop_id - PROP_FIELDS) / 2),
                                 text != NULL ? text : "");
      return;
    }
  G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
awb_client_draft_finalize (GObject *object)
{
  AwbClientDraft *self = AWB_CLIENT_DRAFT (object);

  g_clear_pointer (&self->profile, awb_profile_free);
  g_clear_pointer (&self->settings, awb_settings_free);
  for (guint i = 0; i < awb_profile_get_n_fields (); i++)
    g_free (self->errors[i]);
  g_free (self->errors);
  g_free (self->risk_level);
  g_free (self->explanation);

  G_OBJECT_CLASS (awb_client_draft_parent_class)->finalize (object);
}

static void
awb_client_draft_class_init (AwbClientDraftClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  guint n_fields = awb_profile_get_n_fields ();

  object_class->get_property = awb_client_draft_get_property;
  object_class->set_property = awb_client_draft_set_property;
  object_class->finalize = awb_client_draft_finalize;

  n_properties = PROP_FIELDS + 2 * n_fields;
  properties = g_new0 (GParamSpec *, n_properties);
  properties[PROP_IS_MODIFIED] =
    g_param_spec_boolean ("is-modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_IS_VALID] =
    g_param_spec_boolean ("is-valid", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAPACITY] =
    g_param_spec_int ("capacity", NULL, NULL, AWB_UNKNOWN, 100, AWB_UNKNOWN,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ATTITUDE] =
    g_param_spec_int ("attitude", NULL, NULL, AWB_UNKNOWN, 100, AWB_UNKNOWN,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RISK_LEVEL] =
    g_param_spec_string ("risk-level", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RISK_EXPLANATION] =
    g_param_spec_string ("risk-explanation", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  for (guint i = 0; i < n_fields; i++)
    {
      /* the names live as long as the class: never freed */
      char *name = g_strdelimit (g_strdup (awb_profile_get_field (i)), "_", '-');
      char *error_name = g_strconcat (name, "-error", NULL);

      properties[PROP_FIELDS + 2 * i] =
        g_param_spec_string (name, NULL, NULL, "",
                             G_PARAM_READWRITE | G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB |
                             G_PARAM_EXPLICIT_NOTIFY);
      properties[PROP_FIELDS + 2 * i + 1] =
        g_param_spec_string (error_name, NULL, NULL, NULL,
                             G_PARAM_READABLE | G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB |
                             G_PARAM_EXPLICIT_NOTIFY);
      g_free (name);
      g_free (error_name);
    }
  g_object_class_install_properties (object_class, n_properties, properties);
}

static void
awb_client_draft_init (AwbClientDraft *self)
{
  self->errors = g_new0 (char *, awb_profile_get_n_fields ());
  self->valid = TRUE;
  self->capacity = AWB_UNKNOWN;
  self->attitude = AWB_UNKNOWN;
}

/**
 * awb_client_draft_new:
 * @profile: (transfer full): the client's profile, read or new
 * @settings: the book's scoring settings, for the questionnaire's scores
 *
 * Returns: (transfer full): a draft over @profile.
 */
AwbClientDraft *
awb_client_draft_new (AwbProfile        *profile,
                      const AwbSettings *settings)
{
  AwbClientDraft *self;

  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (settings != NULL, NULL);

  self = g_object_new (AWB_TYPE_CLIENT_DRAFT, NULL);
  self->profile = profile;
  self->settings = awb_settings_copy (settings);
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < awb_profile_get_n_fields (); i++)
    check_field (self, i);
  update (self);
  g_object_thaw_notify (G_OBJECT (self));
  return self;
}

const AwbProfile *
awb_client_draft_get_profile (AwbClientDraft *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_DRAFT (self), NULL);

  return self->profile;
}

/**
 * awb_client_draft_get_id:
 *
 * Returns: the client's clients.id, 0 for a new client until it is saved.
 */
gint64
awb_client_draft_get_id (AwbClientDraft *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_DRAFT (self), 0);

  return awb_profile_get_id (self->profile);
}

const char *
awb_client_draft_get_text (AwbClientDraft *self,
                           const char     *field)
{
  g_return_val_if_fail (AWB_IS_CLIENT_DRAFT (self), NULL);

  return awb_profile_get (self->profile, field);
}

/**
 * awb_client_draft_set_text:
 * @field: the interchange format's column name ("birth_date")
 *
 * Sets @field's text as typed, checks it (and the ID number after a
 * birth date or gender), and updates what follows (Notes (2)).
 */
void
awb_client_draft_set_text (AwbClientDraft *self,
                           const char     *field,
                           const char     *text)
{
  int i;

  g_return_if_fail (AWB_IS_CLIENT_DRAFT (self));
  g_return_if_fail (text != NULL);
  i = field_number (field);
  g_return_if_fail (i >= 0);

  if (strcmp (awb_profile_get (self->profile, field), text) == 0)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  awb_profile_set (self->profile, field, text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIELDS + 2 * i]);
  check_field (self, (guint) i);
  if (strcmp (field, "birth_date") == 0 || strcmp (field, "gender") == 0)
    check_field (self, (guint) field_number ("id_number"));
  update (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * awb_client_draft_get_error:
 *
 * Returns: (nullable): what is wrong with @field's text, or %NULL.
 */
const char *
awb_client_draft_get_error (AwbClientDraft *self,
                            const char     *field)
{
  int i;

  g_return_val_if_fail (AWB_IS_CLIENT_DRAFT (self), NULL);
  i = field_number (field);
  g_return_val_if_fail (i >= 0, NULL);

  return self->errors[i];
}

gboolean
awb_client_draft_is_modified (AwbClientDraft *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_DRAFT (self), FALSE);

  return self->modified;
}

gboolean
awb_client_draft_is_valid (AwbClientDraft *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_DRAFT (self), FALSE);

  return self->valid;
}

int
awb_client_draft_get_capacity (AwbClientDraft *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_DRAFT (self), AWB_UNKNOWN);

  return self->capacity;
}

int
awb_client_draft_get_attitude (AwbClientDraft *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_DRAFT (self), AWB_UNKNOWN);

  return self->attitude;
}

/**
 * awb_client_draft_get_risk_level:
 *
 * Returns: (nullable): the level the questionnaire gives ("C3", "P"), or
 * %NULL without a risk profile.
 */
const char *
awb_client_draft_get_risk_level (AwbClientDraft *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_DRAFT (self), NULL);

  return self->risk_level;
}

const char *
awb_client_draft_get_risk_explanation (AwbClientDraft *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_DRAFT (self), NULL);

  return self->explanation;
}

/**
 * awb_client_draft_save:
 *
 * awb_profile_save(); then every field shows the book's text (the fields
 * are notified that changed in the writing: 2,000 reads 2000.00).
 */
gboolean
awb_client_draft_save (AwbClientDraft  *self,
                       AwbDatabase     *db,
                       const char      *who,
                       GError         **error)
{
  guint n = awb_profile_get_n_fields ();
  g_auto(GStrv) texts = g_new0 (char *, n + 1);

  g_return_val_if_fail (AWB_IS_CLIENT_DRAFT (self), FALSE);

  for (guint i = 0; i < n; i++)
    texts[i] = g_strdup (awb_profile_get (self->profile, awb_profile_get_field (i)));
  if (!awb_profile_save (self->profile, db, who, error))
    return FALSE;
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < n; i++)
    {
      if (strcmp (texts[i], awb_profile_get (self->profile, awb_profile_get_field (i))) != 0)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIELDS + 2 * i]);
      check_field (self, i);
    }
  update (self);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

/**
 * awb_client_draft_get_risk_labels:
 *
 * Returns: the risk labels of the draft as it stands: capacity, attitude,
 * their bands, the level, the allocation and whether the questionnaire
 * expired (the other labels are not scored).  Valid until the next change.
 */
const AwbClientLabels *
awb_client_draft_get_risk_labels (AwbClientDraft *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_DRAFT (self), NULL);

  return &self->risk;
}
