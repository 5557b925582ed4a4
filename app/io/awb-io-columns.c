/* awb-io-columns.c: the columns of the CSV interchange format (spec §11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One table per kind of file, in the spec's column order: the exporter
 * writes them in this order, the importer accepts them in any order.  Each
 * column says how its text is checked, where it is stored and how a stored
 * value is written back, so that import and export cannot drift apart.
 */
#define G_LOG_DOMAIN "awb-io"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "awb-date.h"
#include "awb-io-private.h"
#include "awb-money.h"

#define SHOWN_CHARS 60

#define TEXT(n, zh)             { n, zh, AWB_COL_TEXT, 0, 0, 0, 0, 0, 0, 0, n, "k." n }
#define ENUM(n, zh, k)          { n, zh, AWB_COL_ENUM, 0, 0, 0, 0, k, 0, 0, n, "k." n }
#define DATE(n, zh)             { n, zh, AWB_COL_DATE, 0, 0, 0, 0, 0, 0, 0, n, "k." n }
#define INT(n, zh, lo, hi)      { n, zh, AWB_COL_INT, 0, 0, 0, 0, 0, lo, hi, n, "k." n }

static const AwbColumn client_columns[] = {
  { "client_id", "客户号", AWB_COL_KEY, 1, 0, 0, 0, 0, 0, 0, "client_no", "k.client_no" },
  { "name", "姓名", AWB_COL_TEXT, 1, 0, 0, 0, 0, 0, 0, "name", "k.name" },
  ENUM ("gender", "性别", AWB_KIND_GENDER),
  DATE ("birth_date", "出生日期"),
  TEXT ("phone", "手机"),
  TEXT ("email", "邮箱"),
  TEXT ("id_number", "证件号码"),
  TEXT ("city", "城市"),
  ENUM ("region", "城乡", AWB_KIND_REGION),
  TEXT ("occupation", "职业"),
  TEXT ("education", "学历"),
  ENUM ("marital_status", "婚姻状况", AWB_KIND_MARITAL),
  INT ("children", "子女数", 0, G_MAXINT),
  INT ("youngest_child_age", "最小子女年龄", 0, G_MAXINT),
  ENUM ("employment", "就业状态", AWB_KIND_EMPLOYMENT),
  ENUM ("income_band", "收入水平", AWB_KIND_INCOME_BAND),
  { "aum", "资产规模", AWB_COL_MONEY, 0, 0, 1, 0, 0, 0, 0, "aum", "k.aum" },
  { "share_of_wallet", "资产占比", AWB_COL_REAL, 0, 0, 0, 0, 0, 0, 100,
    "share_of_wallet", "k.share_of_wallet" },
  DATE ("opened_on", "开户日期"),
  { "manager", "客户经理", AWB_COL_MANAGER, 0, 0, 0, 0, 0, 0, 0, "manager_id",
    "(SELECT m.name FROM managers m WHERE m.id = k.manager_id)" },
  ENUM ("channel", "渠道偏好", AWB_KIND_CHANNEL),
  ENUM ("need_type", "需求类型", AWB_KIND_NEED_TYPE),
  INT ("q_job", NULL, 1, 5),
  INT ("q_burden", NULL, 1, 5),
  INT ("q_housing", NULL, 1, 5),
  INT ("q_experience", NULL, 1, 5),
  INT ("q_knowledge", NULL, 1, 5),
  INT ("loss_tolerance_pct", NULL, 0, 100),
  INT ("q_priority", NULL, 1, 5),
  INT ("q_stoploss", NULL, 1, 5),
  INT ("q_if_loss", NULL, 1, 5),
  INT ("q_watching", NULL, 1, 5),
  INT ("q_results", NULL, 1, 5),
  DATE ("assessed_on", "测评日期"),
  { "lowest_category", "最低类别", AWB_COL_FLAG, 0, 0, 1, 0, 0, 0, 0,
    "lowest_category", "k.lowest_category" },
  ENUM ("loyalty_driver", "忠诚驱动", AWB_KIND_LOYALTY_DRIVER),
  INT ("referrals", "推荐人数", 0, G_MAXINT),
  { "competitor_account", "他行账户", AWB_COL_FLAG, 0, 0, 0, 0, 0, 0, 0,
    "competitor_account", "k.competitor_account" },
  INT ("cadence_days", "回访周期", 1, G_MAXINT),
  { "notes", "备注", AWB_COL_TEXT, 0, 1, 0, 0, 0, 0, 0, "notes", "k.notes" },
};

static const AwbColumn trade_columns[] = {
  { "trade_id", "成交编号", AWB_COL_KEY, 1, 0, 0, 0, 0, 0, 0, "trade_no", "t.trade_no" },
  { "client_id", "客户号", AWB_COL_CLIENT, 1, 0, 0, 0, 0, 0, 0, "client_id", "c.client_no" },
  { "trade_date", "成交日期", AWB_COL_DATE, 1, 0, 0, 0, 0, 0, 0, "trade_date", "t.trade_date" },
  { "side", "买卖", AWB_COL_ENUM, 0, 0, 0, 0, AWB_KIND_SIDE, 0, 0, "side", "t.side" },
  { "amount", "成交金额", AWB_COL_MONEY, 1, 0, 0, 0, 0, 0, 0, "amount", "t.amount" },
  { "commission", "佣金", AWB_COL_MONEY, 1, 0, 0, 0, 0, 0, 0, "commission", "t.commission" },
  { "product_code", "产品代码", AWB_COL_TEXT, 0, 0, 0, 0, 0, 0, 0,
    "product_code", "t.product_code" },
  { "product_risk", "产品风险等级", AWB_COL_RISK, 0, 0, 0, 0, 0, 0, 0,
    "product_risk", "t.product_risk" },
  { "override_signed", "特别风险警示书", AWB_COL_FLAG, 0, 0, 1, 0, 0, 0, 0,
    "override_signed", "t.override_signed" },
};

static const AwbColumn interaction_columns[] = {
  { "client_id", "客户号", AWB_COL_CLIENT, 1, 0, 0, 0, 0, 0, 0, "client_id", "c.client_no" },
  { "date", "日期", AWB_COL_DATE, 1, 0, 0, 0, 0, 0, 0, "date", "i.date" },
  { "kind", "类型", AWB_COL_ENUM, 1, 0, 0, 0, AWB_KIND_INTERACTION, 0, 0, "kind", "i.kind" },
  { "satisfaction", "满意度", AWB_COL_INT, 0, 0, 0, 0, 0, 1, 5, "satisfaction", "i.satisfaction" },
  { "notes", "备注", AWB_COL_TEXT, 0, 1, 0, 0, 0, 0, 0, "notes", "i.notes" },
  { "follow_up_on", "回访日期", AWB_COL_DATE, 0, 0, 0, 0, 0, 0, 0,
    "follow_up_on", "i.follow_up_on" },
  { "done", NULL, AWB_COL_FLAG, 0, 0, 1, 0, 0, 0, 0, "done", "i.done" },
};

static const AwbTableDef tables[] = {
  { AWB_TABLE_CLIENTS, "clients", "clients k", "k.id",
    client_columns, G_N_ELEMENTS (client_columns) },
  { AWB_TABLE_TRADES, "trades", "trades t JOIN clients c ON c.id = t.client_id", "t.id",
    trade_columns, G_N_ELEMENTS (trade_columns) },
  { AWB_TABLE_INTERACTIONS, "interactions",
    "interactions i JOIN clients c ON c.id = i.client_id", "i.id",
    interaction_columns, G_N_ELEMENTS (interaction_columns) },
};

const AwbTableDef *
_awb_io_table_def (AwbTableKind kind)
{
  g_return_val_if_fail (kind <= AWB_TABLE_INTERACTIONS, NULL);

  return &tables[kind];
}

/* SELECT of every column of @def in order, then the row id, with @where
 * (may be NULL) and in id order. */
char *
_awb_io_build_select (const AwbTableDef *def,
                     const char        *where)
{
  GString *sql = g_string_new ("SELECT ");

  for (guint c = 0; c < def->n_columns; c++)
    g_string_append_printf (sql, "%s, ", def->columns[c].select);
  g_string_append_printf (sql, "%s FROM %s", def->id_expr, def->from);
  if (where != NULL)
    g_string_append_printf (sql, " WHERE %s", where);
  g_string_append_printf (sql, " ORDER BY %s", def->id_expr);
  return g_string_free (sql, FALSE);
}

/* The value as the interchange format writes it: "" for unknown, codes for
 * enumerations, YYYY-MM-DD, money with two decimals. */
const char *
_awb_io_value_to_text (const AwbColumn *col,
                      const AwbValue  *value,
                      char             buf[AWB_VALUE_TEXT_SIZE])
{
  if (value->type == SQLITE_NULL)
    return "";
  switch (col->type)
    {
    case AWB_COL_DATE:
      awb_date_format_buf ((AwbDate) value->i, buf);
      return buf;
    case AWB_COL_MONEY:
      awb_money_format_buf (value->i, buf);
      return buf;
    case AWB_COL_INT:
    case AWB_COL_FLAG:
      g_snprintf (buf, AWB_VALUE_TEXT_SIZE, "%" G_GINT64_FORMAT, value->i);
      return buf;
    case AWB_COL_RISK:
      g_snprintf (buf, AWB_VALUE_TEXT_SIZE, "R%" G_GINT64_FORMAT, value->i);
      return buf;
    case AWB_COL_REAL:
      return g_ascii_formatd (buf, AWB_VALUE_TEXT_SIZE, "%.15g", value->d);
    case AWB_COL_TEXT:
    case AWB_COL_KEY:
    case AWB_COL_CLIENT:
    case AWB_COL_ENUM:
    case AWB_COL_MANAGER:
    default:
      return value->s != NULL ? value->s : "";
    }
}

/* Reads column @i of @stmt (a row of _awb_io_build_select) as @col's value;
 * text stays owned by @stmt until its next step. */
void
_awb_io_value_from_column (const AwbColumn *col,
                          sqlite3_stmt    *stmt,
                          int              i,
                          AwbValue        *value)
{
  value->type = sqlite3_column_type (stmt, i);
  value->i = 0;
  value->d = 0;
  value->s = NULL;
  if (value->type == SQLITE_NULL)
    return;
  switch (col->type)
    {
    case AWB_COL_REAL:
      value->type = SQLITE_FLOAT;
      value->d = sqlite3_column_double (stmt, i);
      break;
    case AWB_COL_TEXT:
    case AWB_COL_KEY:
    case AWB_COL_CLIENT:
    case AWB_COL_ENUM:
    case AWB_COL_MANAGER:
      value->type = SQLITE_TEXT;
      value->s = (const char *) sqlite3_column_text (stmt, i);
      break;
    case AWB_COL_DATE:
    case AWB_COL_MONEY:
    case AWB_COL_INT:
    case AWB_COL_RISK:
    case AWB_COL_FLAG:
    default:
      value->type = SQLITE_INTEGER;
      value->i = sqlite3_column_int64 (stmt, i);
      break;
    }
}

/* A value as shown in a message: control characters as spaces, cut to
 * SHOWN_CHARS characters. */
char *
_awb_io_shown (const char *text)
{
  g_autofree char *copy = NULL;

  if (g_utf8_strlen (text, -1) > SHOWN_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (text, 0, SHOWN_CHARS);
      copy = g_strconcat (cut, "…", NULL);
    }
  else
    copy = g_strdup (text);
  for (char *p = copy; *p; p++)
    if ((guchar) *p < 0x20)
      *p = ' ';
  return g_steal_pointer (&copy);
}


/* "123.456": a number with more than two decimals, for a clearer message. */
static gboolean
has_too_many_decimals (const char *text)
{
  const char *dot = strchr (text, '.');

  if (dot == NULL || strlen (dot + 1) <= 2)
    return FALSE;
  for (const char *p = dot + 1; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
parse_real (const char *text,
            double     *out)
{
  const char *p = text;
  gboolean digits = FALSE, dot = FALSE;

  if (*p == '+' || *p == '-')
    p++;
  for (; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits = TRUE;
      else if (*p == '.' && !dot)
        dot = TRUE;
      else
        return FALSE;
    }
  if (!digits)
    return FALSE;
  *out = g_ascii_strtod (text, NULL);
  return TRUE;
}

/**
 * _awb_io_parse_value:
 * @label: the column's name in messages (as the file's header, or the
 *   field's name)
 * @text: the field, trimmed unless the column keeps blanks
 * @clients: (nullable): account number to clients.id, for AWB_COL_CLIENT
 *
 * Reads @text as @col's value into @v (the text of a TEXT value is @text's):
 * what the importer stores and the profile editor saves, with the same
 * message when it is not a value of the column.
 */
gboolean
_awb_io_parse_value (const AwbColumn  *col,
                     const char       *label,
                     const char       *text,
                     GHashTable       *clients,
                     AwbValue         *v,
                     GError          **error)
{
  const char *name = label;
  g_autofree char *show = NULL;

  v->type = SQLITE_NULL;
  v->s = NULL;
  if (*text == '\0')
    {
      if (col->required)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("column “%s”: a value is required"), name);
          return FALSE;
        }
      if (col->has_default)
        {
          v->type = SQLITE_INTEGER;
          v->i = col->default_value;
        }
      return TRUE;
    }

  switch (col->type)
    {
    case AWB_COL_TEXT:
    case AWB_COL_KEY:
    case AWB_COL_MANAGER:
      v->type = SQLITE_TEXT;
      v->s = text;
      return TRUE;

    case AWB_COL_CLIENT:
      {
        gpointer id;

        if (!g_hash_table_lookup_extended (clients, text, NULL, &id))
          {
            show = _awb_io_shown (text);
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("column “%s”: there is no client “%s” in the book"), name, show);
            return FALSE;
          }
        v->type = SQLITE_INTEGER;
        v->i = (gint64) GPOINTER_TO_SIZE (id);
        v->s = text;
        return TRUE;
      }

    case AWB_COL_DATE:
      {
        AwbDate d;

        if (!awb_date_parse (text, -1, &d))
          {
            show = _awb_io_shown (text);
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("column “%s”: “%s” is not a date that exists (YYYY-MM-DD)"),
                         name, show);
            return FALSE;
          }
        v->type = SQLITE_INTEGER;
        v->i = d;
        return TRUE;
      }

    case AWB_COL_MONEY:
      {
        AwbFen fen;
        AwbMoneyParse parsed = awb_money_parse_checked (text, -1, &fen);

        if (parsed == AWB_MONEY_TOO_LARGE && fen > 0)
          {
            g_autofree char *limit = awb_money_format_grouped (AWB_MONEY_MAX_FEN);

            show = _awb_io_shown (text);
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         /* Translators: %1$s is a column, %2$s the value, %3$s the limit */
                         _("column “%1$s”: “%2$s” is more than %3$s, the largest amount "
                           "a book holds"), name, show, limit);
            return FALSE;
          }
        /* a negative amount beyond the limit (fen is -1) is told as negative */
        if (parsed == AWB_MONEY_BAD)
          {
            show = _awb_io_shown (text);
            if (has_too_many_decimals (text))
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("column “%s”: “%s” has more than two decimals"), name, show);
            else
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("column “%s”: “%s” is not an amount of money (like 1,234.50)"),
                           name, show);
            return FALSE;
          }
        if (fen < 0)
          {
            show = _awb_io_shown (text);
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("column “%s”: “%s” is negative"), name, show);
            return FALSE;
          }
        v->type = SQLITE_INTEGER;
        v->i = fen;
        return TRUE;
      }

    case AWB_COL_INT:
      {
        g_autoptr(GError) local_error = NULL;
        gint64 n;

        if (!g_ascii_string_to_signed (text, 10, col->min, col->max, &n, &local_error))
          {
            show = _awb_io_shown (text);
            if (g_error_matches (local_error, G_NUMBER_PARSER_ERROR,
                                 G_NUMBER_PARSER_ERROR_OUT_OF_BOUNDS))
              {
                if (col->max == G_MAXINT)
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("column “%s”: “%s” is less than %d"), name, show, col->min);
                else
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("column “%s”: “%s” is not between %d and %d"),
                               name, show, col->min, col->max);
              }
            else
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("column “%s”: “%s” is not a whole number"), name, show);
            return FALSE;
          }
        v->type = SQLITE_INTEGER;
        v->i = n;
        return TRUE;
      }

    case AWB_COL_REAL:
      {
        double d;

        if (!parse_real (text, &d))
          {
            show = _awb_io_shown (text);
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("column “%s”: “%s” is not a number"), name, show);
            return FALSE;
          }
        if (d < col->min || d > col->max)
          {
            show = _awb_io_shown (text);
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("column “%s”: “%s” is not between %d and %d"),
                         name, show, col->min, col->max);
            return FALSE;
          }
        v->type = SQLITE_FLOAT;
        v->d = d;
        return TRUE;
      }

    case AWB_COL_ENUM:
    case AWB_COL_RISK:
      {
        AwbCodeKind kind = col->type == AWB_COL_RISK ? AWB_KIND_PRODUCT_RISK : col->kind;
        int value = awb_code_lookup (kind, text);

        if (value < 0)
          {
            g_autofree char *choices = awb_code_describe_choices (kind);

            show = _awb_io_shown (text);
            if (col->type == AWB_COL_RISK)
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("column “%s”: “%s” is not one of %s"), name, show, choices);
            else
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("column “%s”: “%s” is not one of %s (or their Chinese labels)"),
                           name, show, choices);
            return FALSE;
          }
        if (col->type == AWB_COL_RISK)
          {
            v->type = SQLITE_INTEGER;
            v->i = value + 1;
          }
        else
          {
            v->type = SQLITE_TEXT;
            v->s = awb_code_to_string (kind, value);
          }
        return TRUE;
      }

    case AWB_COL_FLAG:
      if (strcmp (text, "0") != 0 && strcmp (text, "1") != 0)
        {
          show = _awb_io_shown (text);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("column “%s”: “%s” is not 0 or 1"), name, show);
          return FALSE;
        }
      v->type = SQLITE_INTEGER;
      v->i = text[0] - '0';
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

/**
 * _awb_io_bind_value:
 * @copy: whether SQLite copies a text (else it must live until the step)
 *
 * Binds @v to parameter @k of @stmt: NULL, an integer, a real or a text.
 * A manager's name is for the caller to turn into its id first.
 */
void
_awb_io_bind_value (sqlite3_stmt   *stmt,
                    int             k,
                    const AwbValue *v,
                    gboolean        copy)
{
  switch (v->type)
    {
    case SQLITE_NULL:
      sqlite3_bind_null (stmt, k);
      break;
    case SQLITE_INTEGER:
      sqlite3_bind_int64 (stmt, k, v->i);
      break;
    case SQLITE_FLOAT:
      sqlite3_bind_double (stmt, k, v->d);
      break;
    case SQLITE_TEXT:
    default:
      sqlite3_bind_text (stmt, k, v->s, -1, copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
      break;
    }
}
