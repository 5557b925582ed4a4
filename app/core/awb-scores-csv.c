/* awb-scores-csv.c: one scoring run as CSV rows, the §11 `scores` table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure formatting, shared by `advisor-workbench-cli export scores` and the
 * GUI's export: the column names and codes of §11, labels as English
 * codes, reals rounded half away from zero to two decimals, money in CNY
 * with two decimals, and an empty field wherever a label does not apply.
 */
#define G_LOG_DOMAIN "awb-scores-csv"

#include "config.h"

#include <math.h>
#include <string.h>

#include "awb-csv-field.h"
#include "awb-classify-math.h"
#include "awb-codes.h"
#include "awb-date.h"
#include "awb-money.h"
#include "awb-scores-csv.h"

static const char *const columns[] = {
  "client_id", "as_of",
  "recency_days", "frequency", "monetary", "r_score", "f_score", "m_score", "rfm_segment",
  "rfm_state", "tier_score", "tier", "service_group", "cadence_days", "overdue", "capital_size",
  "turnover_class", "dependency", "persistence", "loyalty_type", "loyalty_score", "lifecycle",
  "capacity", "attitude", "capacity_band", "attitude_band", "risk_level",
  "questionnaire_expired", "alloc_low", "alloc_mid", "alloc_high", "mismatches", "age_group",
  "life_stage", "family_stage", "clv", "value_tier",
};

void
awb_scores_csv_header (GString *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, columns[i]);
    }
  g_string_append_c (out, '\n');
}


/* @value rounded half away from zero to two decimals.  The value is first
 * scaled by 100 and rounded to 6 decimals, so a decimal 1.005 that binary
 * floating point holds as 1.00499999… still rounds up, as §12 means. */
void
awb_scores_csv_decimal (GString *out,
                        double   value)
{
  gint64 hundredths;

  if (isnan (value))
    return;
  hundredths = awb_round_half_away (awb_round6 (value * 100.0));
  if (hundredths < 0)
    {
      g_string_append_c (out, '-');
      hundredths = -hundredths;
    }
  g_string_append_printf (out, "%" G_GINT64_FORMAT ".%02d", hundredths / 100,
                          (int) (hundredths % 100));
}

static void
append_int (GString *out,
            gint64   v)
{
  g_string_append_c (out, ',');
  if (v != AWB_UNKNOWN)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, v);
}

static void
append_real (GString *out,
             double   v)
{
  g_string_append_c (out, ',');
  awb_scores_csv_decimal (out, v);
}

static void
append_code (GString     *out,
             AwbCodeKind  kind,
             int          v)
{
  g_string_append_c (out, ',');
  if (v >= 0 && v < awb_code_count (kind))
    g_string_append (out, awb_code_to_string (kind, v));
}

static void
append_money (GString *out,
              AwbFen   fen,
              gboolean known)
{
  char buf[32];

  g_string_append_c (out, ',');
  if (!known)
    return;
  awb_money_format_buf (fen, buf);
  g_string_append (out, buf);
}

/**
 * awb_scores_csv_row:
 *
 * Appends one client's row.  Unknown fields are AWB_UNKNOWN (integers and
 * labels) or NaN (reals); a prospect's RFM columns are all empty.
 */
void
awb_scores_csv_row (GString               *out,
                    const char            *client_no,
                    AwbDate                as_of,
                    const AwbClientLabels *l)
{
  gboolean scored = l->r_score != AWB_UNKNOWN;
  char date[11];

  awb_csv_append_field (out, client_no);
  awb_date_format_buf (as_of, date);
  g_string_append_c (out, ',');
  g_string_append (out, date);

  append_int (out, scored ? l->recency_days : AWB_UNKNOWN);
  append_int (out, scored ? l->frequency : AWB_UNKNOWN);
  append_money (out, l->monetary, scored);
  append_int (out, scored ? l->r_score : AWB_UNKNOWN);
  append_int (out, scored ? l->f_score : AWB_UNKNOWN);
  append_int (out, scored ? l->m_score : AWB_UNKNOWN);
  append_code (out, AWB_KIND_RFM_SEGMENT, scored ? l->rfm_segment : AWB_UNKNOWN);
  append_code (out, AWB_KIND_RFM_STATE, scored ? l->rfm_state : AWB_UNKNOWN);

  append_real (out, l->tier_score);
  append_code (out, AWB_KIND_TIER, l->tier);
  append_code (out, AWB_KIND_SERVICE_GROUP, l->service_group);
  append_int (out, l->cadence_days);
  append_int (out, l->overdue);
  append_code (out, AWB_KIND_CAPITAL_SIZE, l->capital_size);
  append_code (out, AWB_KIND_TURNOVER, l->turnover_class);
  append_real (out, l->dependency);
  append_real (out, l->persistence);
  append_code (out, AWB_KIND_LOYALTY_TYPE, l->loyalty_type);
  append_real (out, l->loyalty_score);
  append_code (out, AWB_KIND_LIFECYCLE, l->lifecycle);
  append_int (out, l->capacity);
  append_int (out, l->attitude);
  append_code (out, AWB_KIND_BAND, l->capacity_band);
  append_code (out, AWB_KIND_BAND, l->attitude_band);
  append_code (out, AWB_KIND_RISK_LEVEL, l->risk_level);
  append_int (out, l->questionnaire_expired);
  append_int (out, l->alloc_low);
  append_int (out, l->alloc_mid);
  append_int (out, l->alloc_high);
  append_int (out, l->mismatches);
  append_code (out, AWB_KIND_AGE_GROUP, l->age_group);
  append_code (out, AWB_KIND_LIFE_STAGE, l->life_stage);
  append_code (out, AWB_KIND_FAMILY_STAGE, l->family_stage);
  append_money (out, l->clv, l->value_tier != AWB_UNKNOWN);
  append_code (out, AWB_KIND_VALUE_TIER, l->value_tier);
  g_string_append_c (out, '\n');
}
