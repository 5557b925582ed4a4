/* awb-profile.c: one client's profile, read, edited, checked and saved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A profile holds a client's fields as the interchange format (spec §11)
 * writes them: the texts the profile editor shows and the user types.
 * Each field keeps two texts, the one read from the book and the one
 * edited, so that the editor knows what is unsaved and the save knows
 * what changed.
 *
 * NOTES ON THE DESIGN
 *
 *  (1) The fields are the clients file's columns (awb-io-columns.c), and a
 *      field is checked exactly as an import checks that column
 *      (_awb_io_parse_value), and then as a person typing deserves
 *      (awb-validate.c): dates that exist and are not in the future, a
 *      mainland mobile number, an ID number with its check character and
 *      agreeing with the birth date and gender, amounts not negative and
 *      bounded, percentages 0-100.  A text as the book has it is not
 *      checked again beyond the import's checks (a landline an import
 *      stored in "phone" does not stop the saving of another field); the
 *      ID number is, when the birth date or gender changed.  What is
 *      stored is what was typed, trimmed as the format trims it.
 *  (2) A save is one transaction (BEGIN IMMEDIATE): the client's row is read
 *      again, and a field this edit changes that another writer changed
 *      since the profile was read (an import, another window) is a
 *      conflict: nothing is written and the error names the field, so the
 *      person can look before overwriting.  Fields only the other writer
 *      changed are kept.  Each changed field writes an audit_log row: who
 *      (the OS user), when (UTC), the field's column name, the old and new
 *      text (NULL for empty), as the importer writes them (who = "import").
 *      A new client's every non-empty field is audited the same way.
 *  (3) A renamed client gets its name's sort key and pinyin reading in the
 *      same statement (the SQL functions every connection has), as an
 *      import does.
 */
#define G_LOG_DOMAIN "awb-profile"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "awb-codes.h"
#include "awb-database.h"
#include "awb-date.h"
#include "awb-io-private.h"
#include "awb-model-types.h"
#include "awb-profile.h"
#include "awb-rfm.h"
#include "awb-validate.h"

G_DEFINE_QUARK (awb-profile-error-quark, awb_profile_error)

struct _AwbProfile
{
  gint64             id;        /* clients.id, 0 for a client not yet saved */
  AwbDate            today;     /* the latest date a past date may be */
  const AwbTableDef *def;
  char             **saved;     /* per column: the text read ("" for unknown) */
  char             **edited;    /* per column: the text now */
};

static const AwbTableDef *
clients_def (void)
{
  return _awb_io_table_def (AWB_TABLE_CLIENTS);
}

/**
 * awb_profile_get_n_fields:
 *
 * Returns: how many fields a profile has.
 */
guint
awb_profile_get_n_fields (void)
{
  return clients_def ()->n_columns;
}

/**
 * awb_profile_get_field:
 *
 * Returns: the name of field @i, the interchange format's column name
 * ("client_id", "name", ... "notes").
 */
const char *
awb_profile_get_field (guint i)
{
  g_return_val_if_fail (i < clients_def ()->n_columns, NULL);

  return clients_def ()->columns[i].name;
}

static int
field_index (const AwbProfile *profile,
             const char       *field)
{
  for (guint c = 0; c < profile->def->n_columns; c++)
    if (strcmp (profile->def->columns[c].name, field) == 0)
      return (int) c;
  return -1;
}

static AwbProfile *
profile_alloc (AwbDate today)
{
  AwbProfile *profile = g_new0 (AwbProfile, 1);

  profile->today = today;
  profile->def = clients_def ();
  profile->saved = g_new0 (char *, profile->def->n_columns + 1);
  profile->edited = g_new0 (char *, profile->def->n_columns + 1);
  return profile;
}

/**
 * awb_profile_new:
 * @today: the latest date a birth, opening or assessment date may be
 *
 * A new client's profile: every field empty.
 */
AwbProfile *
awb_profile_new (AwbDate today)
{
  AwbProfile *profile = profile_alloc (today);

  for (guint c = 0; c < profile->def->n_columns; c++)
    {
      profile->saved[c] = g_strdup ("");
      profile->edited[c] = g_strdup ("");
    }
  return profile;
}

/* The texts of client @id's columns as the book has them now, into
 * @texts (n_columns, each set). */
static gboolean
read_texts (AwbDatabase        *db,
            const AwbTableDef  *def,
            gint64              id,
            char              **texts,
            GError            **error)
{
  g_autofree char *sql = _awb_io_build_select (def, "k.id = ?1");
  g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, AWB_PROFILE_ERROR, AWB_PROFILE_ERROR_NOT_FOUND,
                   _("The client is no longer in the book."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return awb_database_set_error (db, rc, error);
  for (guint c = 0; c < def->n_columns; c++)
    {
      char buf[AWB_VALUE_TEXT_SIZE];
      AwbValue v;

      _awb_io_value_from_column (&def->columns[c], stmt, (int) c, &v);
      g_free (texts[c]);
      texts[c] = g_strdup (_awb_io_value_to_text (&def->columns[c], &v, buf));
    }
  return TRUE;
}

/**
 * awb_profile_read:
 * @client_id: clients.id
 * @today: the latest date a birth, opening or assessment date may be
 *
 * Returns: (transfer full): the client's profile, or %NULL with @error set
 * (AWB_PROFILE_ERROR_NOT_FOUND when there is no such client).
 */
AwbProfile *
awb_profile_read (AwbDatabase  *db,
                  gint64        client_id,
                  AwbDate       today,
                  GError      **error)
{
  g_autoptr(AwbProfile) profile = NULL;

  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);
  g_return_val_if_fail (client_id > 0, NULL);

  profile = profile_alloc (today);
  profile->id = client_id;
  if (!read_texts (db, profile->def, client_id, profile->saved, error))
    return NULL;
  for (guint c = 0; c < profile->def->n_columns; c++)
    profile->edited[c] = g_strdup (profile->saved[c]);
  return g_steal_pointer (&profile);
}

void
awb_profile_free (AwbProfile *profile)
{
  if (profile == NULL)
    return;
  g_strfreev (profile->saved);
  g_strfreev (profile->edited);
  g_free (profile);
}

/**
 * awb_profile_get_id:
 *
 * Returns: the client's clients.id, 0 until a new client is saved.
 */
gint64
awb_profile_get_id (const AwbProfile *profile)
{
  g_return_val_if_fail (profile != NULL, 0);

  return profile->id;
}

/**
 * awb_profile_get_today:
 *
 * Returns: the latest day the profile's past dates may be.
 */
AwbDate
awb_profile_get_today (const AwbProfile *profile)
{
  g_return_val_if_fail (profile != NULL, AWB_DATE_NONE);

  return profile->today;
}

/**
 * awb_profile_get:
 *
 * Returns: @field's text as edited ("" for unknown).
 */
const char *
awb_profile_get (const AwbProfile *profile,
                 const char       *field)
{
  int c;

  g_return_val_if_fail (profile != NULL, NULL);
  c = field_index (profile, field);
  g_return_val_if_fail (c >= 0, NULL);

  return profile->edited[c];
}

/**
 * awb_profile_get_saved:
 *
 * Returns: @field's text as the book had it when read or last saved.
 */
const char *
awb_profile_get_saved (const AwbProfile *profile,
                       const char       *field)
{
  int c;

  g_return_val_if_fail (profile != NULL, NULL);
  c = field_index (profile, field);
  g_return_val_if_fail (c >= 0, NULL);

  return profile->saved[c];
}

/**
 * awb_profile_set:
 *
 * Sets @field's text as typed; awb_profile_check() says whether it is one
 * the field takes.
 */
void
awb_profile_set (AwbProfile *profile,
                 const char *field,
                 const char *text)
{
  int c;

  g_return_if_fail (profile != NULL);
  g_return_if_fail (text != NULL);
  c = field_index (profile, field);
  g_return_if_fail (c >= 0);

  g_free (profile->edited[c]);
  profile->edited[c] = g_strdup (text);
}

/* @field's text, trimmed unless its column keeps blanks. */
static char *
field_text (const AwbProfile *profile,
            guint             c)
{
  char *text = g_strdup (profile->edited[c]);

  return profile->def->columns[c].keep_blanks ? text : g_strstrip (text);
}

/* Notes (1): the checks a person's typing gets beyond the import's. */
static gboolean
check_typed (const AwbProfile  *profile,
             const char        *field,
             const char        *text,
             GError           **error)
{
  if (strcmp (field, "birth_date") == 0 || strcmp (field, "opened_on") == 0 ||
      strcmp (field, "assessed_on") == 0)
    return awb_validate_past_date (text, profile->today, NULL, error);
  if (strcmp (field, "phone") == 0)
    return awb_validate_mobile (text, NULL, error);
  if (strcmp (field, "aum") == 0)
    return awb_validate_amount (text, NULL, error);
  if (strcmp (field, "share_of_wallet") == 0)
    return awb_validate_percent (text, NULL, error);
  if (strcmp (field, "id_number") == 0)
    {
      AwbDate birth = AWB_DATE_NONE;
      g_autofree char *born = field_text (profile, (guint) field_index (profile, "birth_date"));
      g_autofree char *gender = field_text (profile, (guint) field_index (profile, "gender"));

      /* an invalid birth date shows beside its own field, not here */
      if (!awb_date_parse (born, -1, &birth))
        birth = AWB_DATE_NONE;
      return awb_validate_id_number (text, birth, awb_code_lookup (AWB_KIND_GENDER, gender),
                                     NULL, error);
    }
  return TRUE;
}

/* Whether field @c gets the checks of typing (Notes (1)): when its text is
 * not the one read from the book, which an import or another program may
 * have stored under the import's checks alone (a landline in "phone"); for
 * the ID number also when the birth date or gender it must agree with
 * changed. */
static gboolean
is_typed (const AwbProfile *profile,
          guint             c,
          const char       *text)
{
  if (strcmp (text, profile->saved[c]) != 0)
    return TRUE;
  if (strcmp (profile->def->columns[c].name, "id_number") == 0)
    {
      guint b = (guint) field_index (profile, "birth_date");
      guint g = (guint) field_index (profile, "gender");
      g_autofree char *born = field_text (profile, b);
      g_autofree char *gender = field_text (profile, g);

      return strcmp (born, profile->saved[b]) != 0 || strcmp (gender, profile->saved[g]) != 0;
    }
  return FALSE;
}

/**
 * awb_profile_check:
 *
 * Whether @field's text is one the field takes (Notes (1)).
 *
 * Returns: %FALSE with @error (AWB_PROFILE_ERROR_INVALID) saying what is
 * wrong in a sentence, for beside the field.
 */
gboolean
awb_profile_check (const AwbProfile  *profile,
                   const char        *field,
                   GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  AwbValue v;
  int c;

  g_return_val_if_fail (profile != NULL, FALSE);
  c = field_index (profile, field);
  g_return_val_if_fail (c >= 0, FALSE);

  text = field_text (profile, (guint) c);
  if ((*text != '\0' && is_typed (profile, (guint) c, text) &&
       !check_typed (profile, field, text, &local_error)) ||
      !_awb_io_parse_value (&profile->def->columns[c], field, text, NULL, &v, &local_error))
    {
      g_set_error_literal (error, AWB_PROFILE_ERROR, AWB_PROFILE_ERROR_INVALID,
                           local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * awb_profile_check_all:
 * @field: (out) (optional) (transfer none): the first field that fails
 *
 * awb_profile_check() of every field, in order.
 */
gboolean
awb_profile_check_all (const AwbProfile  *profile,
                       char             **field,
                       GError           **error)
{
  g_return_val_if_fail (profile != NULL, FALSE);

  for (guint c = 0; c < profile->def->n_columns; c++)
    if (!awb_profile_check (profile, profile->def->columns[c].name, error))
      {
        if (field != NULL)
          *field = (char *) profile->def->columns[c].name;
        return FALSE;
      }
  return TRUE;
}

/**
 * awb_profile_get_changed:
 *
 * Returns: (transfer container) (element-type utf8): the fields whose text
 * differs from the saved one, in order (static strings).
 */
GPtrArray *
awb_profile_get_changed (const AwbProfile *profile)
{
  GPtrArray *changed;

  g_return_val_if_fail (profile != NULL, NULL);

  changed = g_ptr_array_new ();
  for (guint c = 0; c < profile->def->n_columns; c++)
    {
      g_autofree char *now = field_text (profile, c);

      if (strcmp (now, profile->saved[c]) != 0)
        g_ptr_array_add (changed, (gpointer) profile->def->columns[c].name);
    }
  return changed;
}

/* @field's value as it would be stored, or FALSE when its text is empty
 * or not one the field takes. */
static gboolean
field_value (const AwbProfile *profile,
             const char       *field,
             AwbValue         *v)
{
  int c = field_index (profile, field);
  g_autofree char *text = NULL;

  g_assert (c >= 0);
  text = field_text (profile, (guint) c);
  if (*text == '\0' || !check_typed (profile, field, text, NULL) ||
      !_awb_io_parse_value (&profile->def->columns[c], field, text, NULL, v, NULL))
    return FALSE;
  /* the text of a TEXT value is @text's, freed here: nothing read needs it */
  return v->type != SQLITE_NULL;
}

static gint64
int_or (const AwbProfile *profile,
        const char       *field,
        gint64            fallback)
{
  AwbValue v;

  return field_value (profile, field, &v) && v.type == SQLITE_INTEGER ? v.i : fallback;
}

static AwbDate
date_or_none (const AwbProfile *profile,
              const char       *field)
{
  return (AwbDate) int_or (profile, field, AWB_DATE_NONE);
}

static int
code_or (const AwbProfile *profile,
         const char       *field,
         AwbCodeKind       kind,
         int               fallback)
{
  int c = field_index (profile, field);
  g_autofree char *text = field_text (profile, (guint) c);
  int code = awb_code_lookup (kind, text);

  return code < 0 ? fallback : code;
}

/**
 * awb_profile_get_facts:
 * @facts: (out caller-allocates): filled from the profile (its client_no
 *   is left NULL: it owns nothing)
 *
 * What the model reads of the client's profile, from the texts as edited,
 * as a scoring run reads the stored row (a field that is empty, or not a
 * value it takes, is unknown; spec §12 gives the defaults).  The trades
 * and interactions are not read: those facts stay empty.  This is what the
 * profile editor scores the questionnaire with as it is answered.
 */
void
awb_profile_get_facts (const AwbProfile *profile,
                       AwbClientFacts   *facts)
{
  static const char *capacity[] = { "q_job", "q_burden", "q_housing", "q_experience",
                                     "q_knowledge" };
  static const char *attitude[] = { "q_priority", "q_stoploss", "q_if_loss", "q_watching",
                                    "q_results" };
  AwbValue v;

  g_return_if_fail (profile != NULL);
  g_return_if_fail (facts != NULL);

  awb_client_facts_init (facts);
  facts->id = profile->id;
  facts->birth_date = date_or_none (profile, "birth_date");
  facts->opened_on = date_or_none (profile, "opened_on");
  facts->assessed_on = date_or_none (profile, "assessed_on");
  facts->aum = int_or (profile, "aum", 0);
  facts->share_of_wallet = field_value (profile, "share_of_wallet", &v) ? v.d : 0;
  facts->marital = (gint8) code_or (profile, "marital_status", AWB_KIND_MARITAL, AWB_UNKNOWN);
  facts->employment = (gint8) code_or (profile, "employment", AWB_KIND_EMPLOYMENT, AWB_UNKNOWN);
  facts->need_type = (gint8) code_or (profile, "need_type", AWB_KIND_NEED_TYPE, AWB_NEED_BASIC);
  facts->loyalty_driver = (gint8) code_or (profile, "loyalty_driver", AWB_KIND_LOYALTY_DRIVER,
                                           AWB_DRIVER_UNKNOWN);
  facts->lowest_category = int_or (profile, "lowest_category", 0) != 0;
  facts->competitor_account = int_or (profile, "competitor_account", 0) != 0;
  facts->children = (gint16) int_or (profile, "children", 0);
  facts->youngest_child_age = (gint16) int_or (profile, "youngest_child_age", AWB_UNKNOWN);
  facts->referrals = (gint32) int_or (profile, "referrals", 0);
  facts->cadence_days = (gint32) int_or (profile, "cadence_days", 0);
  for (int q = 0; q < 5; q++)
    {
      facts->q_capacity[q] = (gint8) int_or (profile, capacity[q], 0);
      facts->q_attitude[q] = (gint8) int_or (profile, attitude[q], 0);
    }
  facts->loss_tolerance_pct = (gint16) int_or (profile, "loss_tolerance_pct", AWB_UNKNOWN);
}

/* Binds column @c's value (checked) to parameter @k of @stmt. */
static gboolean
bind_field (AwbDatabase       *db,
            const AwbProfile  *profile,
            guint              c,
            sqlite3_stmt      *stmt,
            int                k,
            GError           **error)
{
  const AwbColumn *col = &profile->def->columns[c];
  g_autofree char *text = field_text (profile, c);
  AwbValue v;

  if (!_awb_io_parse_value (col, col->name, text, NULL, &v, error))
    return FALSE;
  if (col->type == AWB_COL_MANAGER && v.type == SQLITE_TEXT)
    {
      gint64 id = awb_database_ensure_manager (db, v.s, error);

      if (id == 0)
        return FALSE;
      sqlite3_bind_int64 (stmt, k, id);
    }
  else
    _awb_io_bind_value (stmt, k, &v, TRUE);   /* @text goes before the step */
  return TRUE;
}

/* Notes (2): the fields another writer changed that this edit changes too. */
static gboolean
check_no_conflict (AwbDatabase       *db,
                   const AwbProfile  *profile,
                   GPtrArray         *changed,
                   GError           **error)
{
  g_auto(GStrv) now = g_new0 (char *, profile->def->n_columns + 1);

  if (!read_texts (db, profile->def, profile->id, now, error))
    return FALSE;
  for (guint i = 0; i < changed->len; i++)
    {
      guint c = (guint) field_index (profile, g_ptr_array_index (changed, i));

      if (strcmp (now[c], profile->saved[c]) != 0)
        {
          g_set_error (error, AWB_PROFILE_ERROR, AWB_PROFILE_ERROR_CONFLICT,
                       /* Translators: %1$s is a field's column name (phone), %2$s the
                        * value the book has now, %3$s the value this window read */
                       _("Someone else changed %1$s to “%2$s” (it was “%3$s”) since this client was opened: nothing was saved."),
                       profile->def->columns[c].name, now[c], profile->saved[c]);
          return FALSE;
        }
    }
  return TRUE;
}

/* The UPDATE, or the INSERT of a new client, of the @changed fields. */
static gboolean
write_row (AwbDatabase       *db,
           AwbProfile        *profile,
           GPtrArray         *changed,
           GError           **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int name_k = 0;
  int rc;

  if (profile->id != 0)
    {
      g_string_append (sql, "UPDATE clients SET ");
      for (guint i = 0; i < changed->len; i++)
        {
          const AwbColumn *col = &profile->def->columns[field_index (profile, g_ptr_array_index (changed, i))];

          g_string_append_printf (sql, "%s%s = ?%u", i > 0 ? ", " : "", col->db_column, i + 1);
          if (strcmp (col->name, "name") == 0)
            name_k = (int) i + 1;
        }
      if (name_k > 0)
        g_string_append_printf (sql, ", name_key = awb_name_key (?%d), pinyin = awb_name_pinyin (?%d)",
                                name_k, name_k);
      g_string_append_printf (sql, " WHERE id = ?%u", changed->len + 1);
    }
  else
    {
      g_autoptr(GString) values = g_string_new (NULL);

      g_string_append (sql, "INSERT INTO clients (");
      for (guint i = 0; i < changed->len; i++)
        {
          const AwbColumn *col = &profile->def->columns[field_index (profile, g_ptr_array_index (changed, i))];

          g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", col->db_column);
          g_string_append_printf (values, "%s?%u", i > 0 ? ", " : "", i + 1);
          if (strcmp (col->name, "name") == 0)
            name_k = (int) i + 1;
        }
      g_string_append_printf (sql, ", name_key, pinyin) VALUES (%s, awb_name_key (?%d),"
                              " awb_name_pinyin (?%d))", values->str, name_k, name_k);
    }

  stmt = awb_database_prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < changed->len; i++)
    if (!bind_field (db, profile, (guint) field_index (profile, g_ptr_array_index (changed, i)),
                     stmt, (int) i + 1, error))
      return FALSE;
  if (profile->id != 0)
    sqlite3_bind_int64 (stmt, (int) changed->len + 1, profile->id);
  rc = sqlite3_step (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT &&
      sqlite3_extended_errcode (awb_database_get_handle (db)) == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, AWB_PROFILE_ERROR, AWB_PROFILE_ERROR_DUPLICATE,
                   /* Translators: %1$s is a client ID (an account number) */
                   _("The client ID %1$s is another client’s."), awb_profile_get (profile, "client_id"));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return awb_database_set_error (db, rc, error);
  if (profile->id == 0)
    profile->id = sqlite3_last_insert_rowid (awb_database_get_handle (db));
  return TRUE;
}

/* Notes (2): one audit_log row per changed field, its old and new text as
 * the format writes them (@now: the row as written). */
static gboolean
write_audit (AwbDatabase       *db,
             const AwbProfile  *profile,
             GPtrArray         *changed,
             char             **now,
             const char        *who,
             GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) clock = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format (clock, "%Y-%m-%dT%H:%M:%SZ");

  stmt = awb_database_prepare (db,
                               "INSERT INTO audit_log (at, who, client_id, field, old_value, new_value)"
                               " VALUES (?1, ?2, ?3, ?4, nullif (?5, ''), nullif (?6, ''))",
                               error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < changed->len; i++)
    {
      guint c = (guint) field_index (profile, g_ptr_array_index (changed, i));
      int rc;

      if (strcmp (now[c], profile->saved[c]) == 0)
        continue;   /* another way of writing the same value: 1,234.50 */
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, at, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, who, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, profile->id);
      sqlite3_bind_text (stmt, 4, profile->def->columns[c].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, profile->saved[c], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, now[c], -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        return awb_database_set_error (db, rc, error);
    }
  return TRUE;
}

/**
 * awb_profile_save:
 * @who: the person saving (the OS user name)
 *
 * Writes the changed fields of @profile to the book with an audit entry
 * each, in one transaction (Notes (2)); a new client is inserted.  Nothing
 * is written unless every field checks (AWB_PROFILE_ERROR_INVALID, the
 * message naming the field) and no changed field was changed meanwhile by
 * another writer (AWB_PROFILE_ERROR_CONFLICT).  After a save the profile
 * holds the row as the book has it, every text as the format writes it.
 */
gboolean
awb_profile_save (AwbProfile   *profile,
                  AwbDatabase  *db,
                  const char   *who,
                  GError      **error)
{
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) now = NULL;
  gint64 id_before;
  char *bad = NULL;

  g_return_val_if_fail (profile != NULL, FALSE);
  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (who != NULL && *who != '\0', FALSE);

  if (!awb_profile_check_all (profile, &bad, &local_error))
    {
      g_set_error (error, AWB_PROFILE_ERROR, AWB_PROFILE_ERROR_INVALID,
                   /* Translators: %1$s is a field's column name, %2$s what is wrong with it */
                   _("%1$s: %2$s"), bad, local_error->message);
      return FALSE;
    }
  changed = awb_profile_get_changed (profile);
  if (changed->len == 0)
    return TRUE;

  id_before = profile->id;
  now = g_new0 (char *, profile->def->n_columns + 1);
  if (!awb_database_begin (db, error))
    return FALSE;
  if ((profile->id != 0 && !check_no_conflict (db, profile, changed, error)) ||
      !write_row (db, profile, changed, error) ||
      !read_texts (db, profile->def, profile->id, now, error) ||
      !write_audit (db, profile, changed, now, who, error) ||
      !awb_database_commit (db, error))
    {
      awb_database_rollback (db);
      profile->id = id_before;
      return FALSE;
    }

  /* the row as the book now has it, written as the format writes it (an
   * amount typed 2,000 reads 2000.00), the other writers' changes too */
  g_strfreev (profile->saved);
  profile->saved = g_strdupv (now);
  g_strfreev (profile->edited);
  profile->edited = g_steal_pointer (&now);
  return TRUE;
}

static gboolean
count_rows (AwbDatabase  *db,
            const char   *sql,
            gint64        client_id,
            gint64       *n,
            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return awb_database_set_error (db, rc, error);
  *n = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/**
 * awb_profile_count_activity:
 * @n_trades: (out): the client's trades
 * @n_interactions: (out): the client's interactions
 *
 * What deleting the client would delete with it, for the question a
 * person is asked first.
 */
gboolean
awb_profile_count_activity (AwbDatabase  *db,
                            gint64        client_id,
                            gint64       *n_trades,
                            gint64       *n_interactions,
                            GError      **error)
{
  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (n_trades != NULL && n_interactions != NULL, FALSE);

  return count_rows (db, "SELECT count(*) FROM trades WHERE client_id = ?1", client_id,
                     n_trades, error) &&
         count_rows (db, "SELECT count(*) FROM interactions WHERE client_id = ?1", client_id,
                     n_interactions, error);
}

/**
 * awb_profile_delete:
 * @with_activity: delete the client's trades and interactions too
 * @who: the person deleting (the OS user name)
 *
 * Deletes the client in one transaction, with an audit entry (field
 * client_id, the old value its account number, no new value); the audit
 * log keeps the client's history, and past scoring runs their scores.  A
 * client with trades or interactions is deleted only with
 * @with_activity, a second choice the person makes
 * (AWB_PROFILE_ERROR_HAS_ACTIVITY otherwise: nothing is deleted).
 */
gboolean
awb_profile_delete (AwbDatabase  *db,
                    gint64        client_id,
                    gboolean      with_activity,
                    const char   *who,
                    GError      **error)
{
  static const char *deletes[] = {
    "DELETE FROM trades WHERE client_id = ?1",
    "DELETE FROM interactions WHERE client_id = ?1",
    "DELETE FROM clients WHERE id = ?1",
  };
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) audit = NULL;
  g_autoptr(GDateTime) clock = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format (clock, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *client_no = NULL;
  gint64 n_trades = 0, n_interactions = 0;
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (who != NULL && *who != '\0', FALSE);

  if (!awb_database_begin (db, error))
    return FALSE;
  find = awb_database_prepare (db, "SELECT client_no FROM clients WHERE id = ?1", error);
  if (find == NULL)
    goto fail;
  sqlite3_bind_int64 (find, 1, client_id);
  rc = sqlite3_step (find);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, AWB_PROFILE_ERROR, AWB_PROFILE_ERROR_NOT_FOUND,
                   _("The client is no longer in the book."));
      goto fail;
    }
  if (rc != SQLITE_ROW)
    {
      awb_database_set_error (db, rc, error);
      goto fail;
    }
  client_no = g_strdup ((const char *) sqlite3_column_text (find, 0));
  if (!awb_profile_count_activity (db, client_id, &n_trades, &n_interactions, error))
    goto fail;
  if ((n_trades > 0 || n_interactions > 0) && !with_activity)
    {
      g_set_error (error, AWB_PROFILE_ERROR, AWB_PROFILE_ERROR_HAS_ACTIVITY,
                   _("The client has trades or interactions in the book: they are deleted only if you choose to delete them too."));
      goto fail;
    }
  for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db, deletes[i], error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, client_id);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          awb_database_set_error (db, rc, error);
          goto fail;
        }
    }
  audit = awb_database_prepare (db,
                                "INSERT INTO audit_log (at, who, client_id, field, old_value, new_value)"
                                " VALUES (?1, ?2, ?3, 'client_id', ?4, NULL)",
                                error);
  if (audit == NULL)
    goto fail;
  sqlite3_bind_text (audit, 1, at, -1, SQLITE_STATIC);
  sqlite3_bind_text (audit, 2, who, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (audit, 3, client_id);
  sqlite3_bind_text (audit, 4, client_no, -1, SQLITE_STATIC);
  rc = sqlite3_step (audit);
  if (rc != SQLITE_DONE)
    {
      awb_database_set_error (db, rc, error);
      goto fail;
    }
  if (!awb_database_commit (db, error))
    goto fail;
  return TRUE;

fail:
  awb_database_rollback (db);
  return FALSE;
}

void
awb_audit_entry_free (AwbAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->who);
  g_free (entry->field);
  g_free (entry->old_value);
  g_free (entry->new_value);
  g_free (entry);
}

/**
 * awb_profile_read_history:
 *
 * Returns: (transfer full) (element-type AwbAuditEntry): the client's
 * audit entries, newest first, or %NULL with @error set.
 */
GPtrArray *
awb_profile_read_history (AwbDatabase  *db,
                          gint64        client_id,
                          GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);

  stmt = awb_database_prepare (db,
                               "SELECT at, who, field, old_value, new_value FROM audit_log"
                               " WHERE client_id = ?1 ORDER BY at DESC, id DESC",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, client_id);
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) awb_audit_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AwbAuditEntry *entry = g_new0 (AwbAuditEntry, 1);

      entry->at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      entry->who = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry->field = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry->old_value = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      entry->new_value = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      awb_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}
