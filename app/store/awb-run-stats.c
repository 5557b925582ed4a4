/* awb-run-stats.c: what a scoring run counts, per manager, for the dashboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This file counts a run's clients in every dimension of awb-run-stats.h,
 * per manager, stores the counts beside the run (tables run_stats,
 * run_kpis, run_migrations of schema 4) and reads them back; it also
 * counts the segment and tier migration between two runs and lists the
 * clients behind any number it gives (the drill-down).
 *
 * NOTES ON THE DESIGN
 *
 *  (1) Counting is one pass over the run's scores, in client id order,
 *      joined with the clients (LEFT JOIN: a client deleted since the run
 *      has a scores row and no clients row), summed in C per manager and
 *      cell: coded dimensions in arrays indexed by the codes, free text
 *      (city, occupation, education) in arrays indexed by the text's
 *      number in a table of the texts met.  Then the rows are written.
 *      Nothing is counted twice and no GROUP BY runs over the scores.
 *  (2) Which cell a client is in is decided by one function, row_cell(),
 *      used both to count (awb_run_stats_compute) and to select
 *      (awb_run_stats_select); likewise migration_cell() for migrations.
 *      Counts and selections therefore cannot disagree on a rule.  They
 *      differ in one thing, by design: the counts attribute a client to
 *      its manager when they were counted (for a run, when it was stored),
 *      a selection to its manager now (clients.manager_id): the dashboard
 *      shows what the run saw, the client list what the book holds.
 *  (3) What a client's numbers are, and the KPI rules (decisions, not
 *      spec):
 *      - the attributes of the client (AUM, gender, city, manager, ...)
 *        are the clients row when counted; scores do not keep them.  So a
 *        run stored before schema 4 and counted later is counted with
 *        today's profiles, and without the clients deleted since;
 *      - commission = scores.commission_12m (the facts the run scored);
 *        for a run stored before schema 4 (NULL there, decided by the
 *        run's first row) the commission of the trades dated
 *        as_of - 365 < d <= as_of, summed per client in one pass over the
 *        trades before counting;
 *      - active: a trade in the 365 days up to as_of (recency_days < 365);
 *      - churn risk: scored, with R <= 2;
 *      - mismatched: one or more suitability mismatches;
 *      - overdue follow-ups: interactions with done = 0 and follow_up_on <
 *        as_of, as they stand when counted, of the run's clients, grouped
 *        by the client's manager;
 *      - satisfaction: surveys (kind 'survey') with a satisfaction, dated
 *        as_of - 365 < d <= as_of, of the run's clients, summed and
 *        counted per manager;
 *      - asset size bands on AUM in yuan, the lower bound included:
 *        < 100,000; < 500,000; < 1,000,000; < 5,000,000; < 10,000,000; more;
 *      - loyalty plane bins: the axis value rounded to 6 decimals (as every
 *        threshold of spec §12), bin b = floor (v / 10), 100 in bin 9.
 *  (4) Storage: manager_id 0 holds the clients without a manager (the API's
 *      AWB_RUN_STATS_NO_MANAGER); the API's 0, the whole book, sums every
 *      manager's rows.  Only non-empty cells are stored.  Every counted run
 *      has a run_kpis row for manager 0, even an empty one, which marks it
 *      counted.  The migration from the previous run (the next lower id) is
 *      stored per manager of the later run; clients no longer in the book
 *      are stored under manager -1 and counted only for the whole book.
 *  (5) Deleting a run deletes its rows (trigger scoring_runs_delete) and
 *      the migrations counted from it; the next run's migration from its
 *      new previous run is counted and stored when first asked for.
 *  (6) A scoring run counts inside its own transaction, before it commits
 *      (awb-scoring.c Notes (10)).  Counting an older run on demand is a
 *      transaction of its own (awb_run_stats_load, _kpi_series).
 *  (7) A migration between two runs reads both runs' labels into arrays in
 *      client id order and merges them; a manager filter is the sorted ids
 *      of that manager's clients now, from the index on clients.manager_id.
 *
 * STATE CHANGES
 *   awb_run_stats_compute    replaces a run's run_stats, run_kpis and
 *                            run_migrations rows
 *   awb_run_stats_load, awb_run_stats_kpi_series, awb_run_stats_migration
 *                            the same for a run (pair) not counted yet
 * Everything else here only reads.
 */
#define G_LOG_DOMAIN "awb-run-stats"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "awb-codes.h"
#include "awb-run-stats.h"
#include "awb-scan.h"

#define CHECK_EVERY 65536       /* rows between cancel checks */
#define GONE_MANAGER (-1)       /* Notes (4): run_migrations of clients no longer in the book */
#define MIGRATION_MAX (AWB_N_SEGMENTS + 1)

/* ---- Dimensions and their keys --------------------------------------- */

#define KEY_NONE  (-3)   /* a one-key dimension's second key */
#define KEY_TEXT  (-2)   /* free text */
#define KEY_LIST  (-1)   /* the keys of list[] */

typedef struct
{
  const char        *name;
  int                kind[2];   /* AwbCodeKind, or KEY_LIST, KEY_TEXT, KEY_NONE */
  const char *const *list[2];
} DimInfo;

static const char *const one_to_five[] = { "1", "2", "3", "4", "5", NULL };
static const char *const zero_to_nine[] = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", NULL };
static const char *const suitability_keys[] = { "mismatch", "suitable", NULL };
static const char *const questionnaire_keys[] = { "valid", "expired", NULL };
static const char *const asset_keys[] = {
  "lt_100k", "100k_500k", "500k_1m", "1m_5m", "5m_10m", "ge_10m", NULL
};

static const DimInfo dims[AWB_N_STAT_DIMENSIONS] = {
  [AWB_STAT_SEGMENT] = { "segment", { AWB_KIND_RFM_SEGMENT, KEY_NONE } },
  [AWB_STAT_RF] = { "rf", { KEY_LIST, KEY_LIST }, { one_to_five, one_to_five } },
  [AWB_STAT_TIER] = { "tier", { AWB_KIND_TIER, KEY_NONE } },
  [AWB_STAT_SERVICE_GROUP] = { "service_group", { AWB_KIND_SERVICE_GROUP, KEY_NONE } },
  [AWB_STAT_CAPITAL_TURNOVER] = { "capital_turnover", { AWB_KIND_CAPITAL_SIZE, AWB_KIND_TURNOVER } },
  [AWB_STAT_LOYALTY_TYPE] = { "loyalty_type", { AWB_KIND_LOYALTY_TYPE, KEY_NONE } },
  [AWB_STAT_LOYALTY_PLANE] = { "loyalty_plane", { KEY_LIST, KEY_LIST }, { zero_to_nine, zero_to_nine } },
  [AWB_STAT_LIFECYCLE] = { "lifecycle", { AWB_KIND_LIFECYCLE, KEY_NONE } },
  [AWB_STAT_RISK_LEVEL] = { "risk_level", { AWB_KIND_RISK_LEVEL, KEY_NONE } },
  [AWB_STAT_SUITABILITY] = { "suitability", { KEY_LIST, KEY_NONE }, { suitability_keys } },
  [AWB_STAT_QUESTIONNAIRE] = { "questionnaire", { KEY_LIST, KEY_NONE }, { questionnaire_keys } },
  [AWB_STAT_AGE_GROUP] = { "age_group", { AWB_KIND_AGE_GROUP, KEY_NONE } },
  [AWB_STAT_GENDER] = { "gender", { AWB_KIND_GENDER, KEY_NONE } },
  [AWB_STAT_REGION] = { "region", { AWB_KIND_REGION, KEY_NONE } },
  [AWB_STAT_CITY] = { "city", { KEY_TEXT, KEY_NONE } },
  [AWB_STAT_OCCUPATION] = { "occupation", { KEY_TEXT, KEY_NONE } },
  [AWB_STAT_EDUCATION] = { "education", { KEY_TEXT, KEY_NONE } },
  [AWB_STAT_INCOME] = { "income", { AWB_KIND_INCOME_BAND, KEY_NONE } },
  [AWB_STAT_ASSET_SIZE] = { "asset_size", { KEY_LIST, KEY_NONE }, { asset_keys } },
  [AWB_STAT_EXPERIENCE] = { "experience", { KEY_LIST, KEY_NONE }, { one_to_five } },
  [AWB_STAT_LIFE_STAGE] = { "life_stage", { AWB_KIND_LIFE_STAGE, KEY_NONE } },
  [AWB_STAT_FAMILY_STAGE] = { "family_stage", { AWB_KIND_FAMILY_STAGE, KEY_NONE } },
  [AWB_STAT_VALUE_TIER] = { "value_tier", { AWB_KIND_VALUE_TIER, KEY_NONE } },
};

/* The free-text dimensions, numbered 0..2 for the text tables. */
static int
text_dim (AwbStatDimension dim)
{
  switch (dim)
    {
    case AWB_STAT_CITY:
      return 0;
    case AWB_STAT_OCCUPATION:
      return 1;
    case AWB_STAT_EDUCATION:
      return 2;
    default:
      return -1;
    }
}
#define N_TEXT_DIMS 3

static gboolean
dim_is_text (AwbStatDimension dim)
{
  return dims[dim].kind[0] == KEY_TEXT;
}

static int
count_keys (AwbStatDimension dim,
            int              which)
{
  int kind = dims[dim].kind[which];
  int n = 0;

  if (kind >= 0)
    return awb_code_count (kind);
  if (kind == KEY_LIST)
    while (dims[dim].list[which][n] != NULL)
      n++;
  return n;
}

/* The number of codes of each key of each dimension, counted once: the
 * counting pass asks for them a few times per client and dimension. */
static const int *
key_counts (void)
{
  static gsize done;
  static int n[AWB_N_STAT_DIMENSIONS][2];

  if (g_once_init_enter (&done))
    {
      for (int d = 0; d < AWB_N_STAT_DIMENSIONS; d++)
        for (int which = 0; which < 2; which++)
          n[d][which] = count_keys (d, which);
      g_once_init_leave (&done, 1);
    }
  return &n[0][0];
}

/* The number of codes of key @which (0, 1) of @dim; index n is "". */
static inline int
dim_n_keys (AwbStatDimension dim,
            int              which)
{
  return key_counts ()[dim * 2 + which];
}

/* The number of cells of a coded dimension: every pair of keys, "" included. */
static int
dim_n_cells (AwbStatDimension dim)
{
  int n2 = dims[dim].kind[1] == KEY_NONE ? 0 : dim_n_keys (dim, 1) + 1;

  return (dim_n_keys (dim, 0) + 1) * MAX (n2, 1);
}

static const char *
dim_key_name (AwbStatDimension dim,
              int              which,
              int              k)
{
  int kind = dims[dim].kind[which];

  if (kind == KEY_NONE || k >= dim_n_keys (dim, which))
    return "";
  if (kind >= 0)
    return awb_code_to_string (kind, k);
  return dims[dim].list[which][k];
}

/* The index of @key among key @which's codes, n for "" (or NULL), -1 for
 * a key the dimension does not have.  Codes compare without case, so
 * "c1" finds C1. */
static int
dim_key_index (AwbStatDimension  dim,
               int               which,
               const char       *key)
{
  int kind = dims[dim].kind[which];
  int n = dim_n_keys (dim, which);

  if (key == NULL || *key == '\0')
    return kind == KEY_NONE ? 0 : n;
  if (kind == KEY_NONE)
    return -1;
  if (kind >= 0)
    return awb_code_lookup (kind, key) >= 0 && awb_code_lookup (kind, key) < n
             ? awb_code_lookup (kind, key) : -1;
  for (int i = 0; i < n; i++)
    if (strcmp (dims[dim].list[which][i], key) == 0)
      return i;
  return -1;
}

/**
 * awb_stat_dimension_to_string:
 *
 * Returns: the dimension's name as stored in run_stats.dim ("segment").
 */
const char *
awb_stat_dimension_to_string (AwbStatDimension dim)
{
  g_return_val_if_fail (dim < AWB_N_STAT_DIMENSIONS, NULL);

  return dims[dim].name;
}

/**
 * awb_stat_dimension_from_string:
 * @dim: (out): the dimension called @name
 *
 * Returns: %TRUE, or %FALSE when no dimension is called @name (@dim untouched).
 */
gboolean
awb_stat_dimension_from_string (const char       *name,
                                AwbStatDimension *dim)
{
  g_return_val_if_fail (dim != NULL, FALSE);

  for (int d = 0; name != NULL && d < AWB_N_STAT_DIMENSIONS; d++)
    if (strcmp (dims[d].name, name) == 0)
      {
        *dim = d;
        return TRUE;
      }
  return FALSE;
}

/* ---- One client of a run, and its cell -------------------------------- */

/* The columns row_read() reads, for counting and selecting alike. */
static const char row_sql[] =
  "SELECT s.id & 4294967295, c.id IS NOT NULL, coalesce (c.manager_id, 0),"
  " s.recency_days, s.r_score, s.f_score, s.rfm_segment, s.tier, s.service_group,"
  " s.capital_size, s.turnover_class, s.dependency, s.persistence, s.loyalty_type,"
  " s.lifecycle, s.risk_level, s.questionnaire_expired, s.alloc_low, s.alloc_mid,"
  " s.alloc_high, s.mismatches, s.age_group, s.life_stage, s.family_stage, s.value_tier,"
  " s.monetary, s.clv, s.commission_12m,"
  " c.aum, c.gender, c.region, c.city, c.occupation, c.education, c.income_band, c.q_experience"
  " FROM scores AS s LEFT JOIN clients AS c ON c.id = s.client_id"
  " WHERE s.id >= (?1 << 32) AND s.id < ((?1 + 1) << 32) ORDER BY s.id";

typedef struct
{
  gint64      client_id;
  gboolean    exists;          /* the client is still in the book */
  gint64      manager_id;      /* clients.manager_id, 0 for none */
  int         recency_days;    /* -1 for NULL, as every int below */
  int         r_score, f_score, segment, tier, group, capital, turnover, loyalty;
  int         lifecycle, risk, expired, alloc[3], mismatches, age_group, life_stage;
  int         family_stage, value_tier, experience;
  double      dependency, persistence;   /* NAN for NULL */
  AwbFen      monetary, clv, commission, aum;
  gboolean    commission_known;
  const char *gender, *region, *city, *occupation, *education, *income;   /* NULL for NULL */
} StatRow;

static inline int
column_int (sqlite3_stmt *stmt,
            int           col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, col);
}

static inline double
column_double (sqlite3_stmt *stmt,
               int           col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, col);
}

static void
row_read (sqlite3_stmt *stmt,
          StatRow      *r)
{
  r->client_id = sqlite3_column_int64 (stmt, 0);
  r->exists = sqlite3_column_int (stmt, 1) != 0;
  r->manager_id = sqlite3_column_int64 (stmt, 2);
  r->recency_days = column_int (stmt, 3);
  r->r_score = column_int (stmt, 4);
  r->f_score = column_int (stmt, 5);
  r->segment = column_int (stmt, 6);
  r->tier = column_int (stmt, 7);
  r->group = column_int (stmt, 8);
  r->capital = column_int (stmt, 9);
  r->turnover = column_int (stmt, 10);
  r->dependency = column_double (stmt, 11);
  r->persistence = column_double (stmt, 12);
  r->loyalty = column_int (stmt, 13);
  r->lifecycle = column_int (stmt, 14);
  r->risk = column_int (stmt, 15);
  r->expired = column_int (stmt, 16);
  r->alloc[0] = column_int (stmt, 17);
  r->alloc[1] = column_int (stmt, 18);
  r->alloc[2] = column_int (stmt, 19);
  r->mismatches = column_int (stmt, 20);
  r->age_group = column_int (stmt, 21);
  r->life_stage = column_int (stmt, 22);
  r->family_stage = column_int (stmt, 23);
  r->value_tier = column_int (stmt, 24);
  r->monetary = sqlite3_column_int64 (stmt, 25);
  r->clv = sqlite3_column_int64 (stmt, 26);
  r->commission_known = sqlite3_column_type (stmt, 27) != SQLITE_NULL;
  r->commission = sqlite3_column_int64 (stmt, 27);
  r->aum = sqlite3_column_int64 (stmt, 28);
  r->gender = (const char *) sqlite3_column_text (stmt, 29);
  r->region = (const char *) sqlite3_column_text (stmt, 30);
  r->city = (const char *) sqlite3_column_text (stmt, 31);
  r->occupation = (const char *) sqlite3_column_text (stmt, 32);
  r->education = (const char *) sqlite3_column_text (stmt, 33);
  r->income = (const char *) sqlite3_column_text (stmt, 34);
  r->experience = column_int (stmt, 35);
}

/* A cell: key indexes of a coded dimension, or the text of a free one. */
typedef struct
{
  int         k1, k2;
  const char *text;
} CellKey;

static inline int
code_or_none (int v,
              int n)
{
  return v >= 0 && v < n ? v : n;
}

/* Notes (3): the bin of a loyalty axis, 10 ("") for none. */
static int
plane_bin (double v)
{
  double b;

  if (isnan (v))
    return 10;
  b = floor ((round (v * 1e6) / 1e6) / 10.0);
  return (int) CLAMP (b, 0.0, 9.0);
}

/* Notes (3): the AUM band, fen compared with yuan bounds. */
static int
asset_band (AwbFen aum)
{
  static const AwbFen upper[] = {
    100000 * G_GINT64_CONSTANT (100), 500000 * G_GINT64_CONSTANT (100),
    1000000 * G_GINT64_CONSTANT (100), 5000000 * G_GINT64_CONSTANT (100),
    10000000 * G_GINT64_CONSTANT (100),
  };
  int b = 0;

  while (b < (int) G_N_ELEMENTS (upper) && aum >= upper[b])
    b++;
  return b;
}

/* The index of @text among @codes (the table's §11 codes, as the book
 * stores them), n for NULL or another text. */
static inline int
text_code (const char        *text,
           const char *const *codes,
           int                n)
{
  for (int i = 0; text != NULL && i < n; i++)
    if (strcmp (text, codes[i]) == 0)
      return i;
  return n;
}

static const char *const gender_codes[] = { "M", "F" };
static const char *const region_codes[] = { "urban", "rural" };
static const char *const income_codes[] = { "low", "lower_middle", "upper_middle", "high" };

/*
 * Notes (2): the cell of @dim a client is in.  Returns %FALSE when the
 * client is in no cell of @dim (R×F: a prospect); else fills @ck.  The
 * one rule for counting and selecting.
 */
static gboolean
row_cell (const StatRow    *r,
          AwbStatDimension  dim,
          CellKey          *ck)
{
  ck->k1 = 0;
  ck->k2 = 0;
  ck->text = NULL;
  switch (dim)
    {
    case AWB_STAT_SEGMENT:
      ck->k1 = code_or_none (r->segment, AWB_N_SEGMENTS);
      break;
    case AWB_STAT_RF:
      if (r->r_score < 1 || r->r_score > 5)
        return FALSE;
      ck->k1 = r->r_score - 1;
      ck->k2 = r->f_score >= 1 && r->f_score <= 5 ? r->f_score - 1 : 5;
      break;
    case AWB_STAT_TIER:
      ck->k1 = code_or_none (r->tier, 4);
      break;
    case AWB_STAT_SERVICE_GROUP:
      ck->k1 = code_or_none (r->group, 4);
      break;
    case AWB_STAT_CAPITAL_TURNOVER:
      ck->k1 = code_or_none (r->capital, 3);
      ck->k2 = code_or_none (r->turnover, 3);
      break;
    case AWB_STAT_LOYALTY_TYPE:
      ck->k1 = code_or_none (r->loyalty, 7);
      break;
    case AWB_STAT_LOYALTY_PLANE:
      ck->k1 = plane_bin (r->dependency);
      ck->k2 = plane_bin (r->persistence);
      break;
    case AWB_STAT_LIFECYCLE:
      ck->k1 = code_or_none (r->lifecycle, 6);
      break;
    case AWB_STAT_RISK_LEVEL:
      ck->k1 = code_or_none (r->risk, 6);
      break;
    case AWB_STAT_SUITABILITY:
      ck->k1 = r->mismatches < 0 ? 2 : r->mismatches >= 1 ? 0 : 1;
      break;
    case AWB_STAT_QUESTIONNAIRE:
      ck->k1 = r->expired < 0 || r->expired > 1 ? 2 : r->expired;
      break;
    case AWB_STAT_AGE_GROUP:
      ck->k1 = code_or_none (r->age_group, 3);
      break;
    case AWB_STAT_GENDER:
      ck->k1 = text_code (r->gender, gender_codes, 2);
      break;
    case AWB_STAT_REGION:
      ck->k1 = text_code (r->region, region_codes, 2);
      break;
    case AWB_STAT_CITY:
      ck->text = r->city != NULL ? r->city : "";
      break;
    case AWB_STAT_OCCUPATION:
      ck->text = r->occupation != NULL ? r->occupation : "";
      break;
    case AWB_STAT_EDUCATION:
      ck->text = r->education != NULL ? r->education : "";
      break;
    case AWB_STAT_INCOME:
      ck->k1 = text_code (r->income, income_codes, 4);
      break;
    case AWB_STAT_ASSET_SIZE:
      ck->k1 = asset_band (r->aum);
      break;
    case AWB_STAT_EXPERIENCE:
      ck->k1 = r->experience >= 1 && r->experience <= 5 ? r->experience - 1 : 5;
      break;
    case AWB_STAT_LIFE_STAGE:
      ck->k1 = code_or_none (r->life_stage, 6);
      break;
    case AWB_STAT_FAMILY_STAGE:
      ck->k1 = code_or_none (r->family_stage, 10);
      break;
    case AWB_STAT_VALUE_TIER:
      ck->k1 = code_or_none (r->value_tier, 3);
      break;
    case AWB_N_STAT_DIMENSIONS:
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

/* The array index of a coded cell. */
static inline int
cell_index (AwbStatDimension dim,
            const CellKey   *ck)
{
  int n2 = dims[dim].kind[1] == KEY_NONE ? 1 : dim_n_keys (dim, 1) + 1;

  return ck->k1 * n2 + ck->k2;
}

/* ---- Migrations: one client's labels in one run ---------------------- */

typedef struct
{
  gint64 client_id;
  gint64 manager_id;   /* only where the caller fills it */
  gint8  segment;      /* AwbSegment, -1 for none (a prospect) */
  gint8  tier;         /* AwbTier, -1 for none */
} RunLabel;

static guint
migration_n_codes (AwbMigrationKind kind)
{
  return kind == AWB_MIGRATION_SEGMENTS ? AWB_N_SEGMENTS : 4;
}

static const char *
migration_kind_name (AwbMigrationKind kind)
{
  return kind == AWB_MIGRATION_SEGMENTS ? "segments" : "tiers";
}

/* Notes (2): a client's row or column of a migration: the code's index,
 * or n_codes ("none") when absent from the run (@l NULL) or unlabelled. */
static guint
migration_cell (AwbMigrationKind  kind,
                const RunLabel   *l)
{
  guint n = migration_n_codes (kind);
  int v;

  if (l == NULL)
    return n;
  v = kind == AWB_MIGRATION_SEGMENTS ? l->segment : l->tier;
  return v >= 0 && (guint) v < n ? (guint) v : n;
}

/* The index of @code (a code or "none"), or -1. */
static int
migration_code_index (AwbMigrationKind  kind,
                      const char       *code)
{
  AwbCodeKind ck = kind == AWB_MIGRATION_SEGMENTS ? AWB_KIND_RFM_SEGMENT : AWB_KIND_TIER;
  int v;

  if (code == NULL)
    return -1;
  if (strcmp (code, "none") == 0)
    return (int) migration_n_codes (kind);
  v = awb_code_lookup (ck, code);
  return v >= 0 && (guint) v < migration_n_codes (kind) ? v : -1;
}

typedef void (*MergeFunc) (const RunLabel *from,
                           const RunLabel *to,
                           gpointer        data);

/* Calls @func for every client in @a or @b (both ascending by client id),
 * with NULL for the run it is absent from. */
static void
merge_runs (const GArray *a,
            const GArray *b,
            MergeFunc     func,
            gpointer      data)
{
  guint i = 0, j = 0;

  while (i < a->len || j < b->len)
    {
      const RunLabel *x = i < a->len ? &g_array_index (a, RunLabel, i) : NULL;
      const RunLabel *y = j < b->len ? &g_array_index (b, RunLabel, j) : NULL;

      if (y == NULL || (x != NULL && x->client_id < y->client_id))
        {
          func (x, NULL, data);
          i++;
        }
      else if (x == NULL || y->client_id < x->client_id)
        {
          func (NULL, y, data);
          j++;
        }
      else
        {
          func (x, y, data);
          i++;
          j++;
        }
    }
}

/* ---- Small queries ----------------------------------------------------- */

static gboolean
query_int64 (AwbDatabase  *db,
             const char   *sql,
             gint64        arg,
             gint64       *out,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, arg);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return awb_database_set_error (db, rc, error);
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* The run's date; AWB_DATABASE_ERROR_NOT_FOUND when there is no such run. */
static gboolean
run_as_of (AwbDatabase  *db,
           gint64        run_id,
           AwbDate      *as_of,
           GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db, "SELECT as_of FROM scoring_runs WHERE id = ?1",
                                                       error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_FOUND,
                   _("There is no scoring run %lld in this book"), (long long) run_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return awb_database_set_error (db, rc, error);
  *as_of = sqlite3_column_int (stmt, 0);
  return TRUE;
}

/* The run before @run_id (the next lower id), 0 if none. */
static gboolean
previous_run (AwbDatabase  *db,
              gint64        run_id,
              gint64       *prev,
              GError      **error)
{
  return query_int64 (db, "SELECT coalesce (max (id), 0) FROM scoring_runs WHERE id < ?1", run_id,
                      prev, error);
}

static gboolean
is_counted (AwbDatabase  *db,
            gint64        run_id,
            gboolean     *counted,
            GError      **error)
{
  gint64 v;

  if (!query_int64 (db, "SELECT EXISTS (SELECT 1 FROM run_kpis WHERE run_id = ?1)", run_id, &v,
                    error))
    return FALSE;
  *counted = v != 0;
  return TRUE;
}

/* The stored manager_id condition for the API's @manager_id (Notes (4)),
 * bound as ?2: "" for the whole book. */
static const char *
manager_condition (gint64 manager_id)
{
  return manager_id == 0 ? "" : " AND manager_id = ?2";
}

static gint64
stored_manager (gint64 manager_id)
{
  return manager_id == AWB_RUN_STATS_NO_MANAGER ? 0 : manager_id;
}

/* Reads @run_id's segment and tier per client, ascending by client id. */
static GArray *
load_run_labels (AwbDatabase   *db,
                 gint64         run_id,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (RunLabel));
  guint64 k = 0;
  int rc;

  stmt = awb_database_prepare (db,
                               "SELECT id & 4294967295, rfm_segment, tier FROM scores"
                               " WHERE id >= (?1 << 32) AND id < ((?1 + 1) << 32) ORDER BY id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RunLabel l = { sqlite3_column_int64 (stmt, 0), 0, (gint8) column_int (stmt, 1),
                     (gint8) column_int (stmt, 2) };

      g_array_append_val (labels, l);
      if (++k % CHECK_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }
  if (rc != SQLITE_DONE)
    {
      awb_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&labels);
}

/* The ids (gint64, ascending) of the clients now with the API's
 * @manager_id (0: every client). */
static GArray *
load_client_ids (AwbDatabase   *db,
                 gint64         manager_id,
                 GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  stmt = awb_database_prepare (db,
                               manager_id == 0 ? "SELECT id FROM clients ORDER BY id"
                               : manager_id == AWB_RUN_STATS_NO_MANAGER
                                 ? "SELECT id FROM clients WHERE manager_id IS NULL ORDER BY id"
                                 : "SELECT id FROM clients WHERE manager_id = ?1 ORDER BY id",
                               error);
  if (stmt == NULL)
    return NULL;
  if (manager_id > 0)
    sqlite3_bind_int64 (stmt, 1, manager_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      awb_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static gboolean
ids_contain (const GArray *ids,
             gint64        id)
{
  guint lo = 0, hi = ids->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 v = g_array_index (ids, gint64, mid);

      if (v == id)
        return TRUE;
      if (v < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

/* ---- Counting ---------------------------------------------------------- */

typedef struct
{
  AwbStatMeasures *cells;
  guint            n_cells;
} DimAcc;

/* One manager's sums (manager_id first: it is the hash table's key). */
typedef struct
{
  gint64     manager_id;      /* stored: 0 none, GONE_MANAGER for migrations only */
  DimAcc     dim[AWB_N_STAT_DIMENSIONS];
  AwbRunKpi  kpi;
  gint64     migration[2][MIGRATION_MAX * MIGRATION_MAX];
} ManagerAcc;

typedef struct
{
  GHashTable *managers;                 /* &manager_id → ManagerAcc, owned */
  GHashTable *text_index[N_TEXT_DIMS];  /* text → its number + 1 */
  GPtrArray  *texts[N_TEXT_DIMS];       /* number → text, owned */
  GArray     *labels;                   /* RunLabel of the run, for the migration */
} Counts;

static void
manager_acc_free (gpointer data)
{
  ManagerAcc *m = data;

  for (int d = 0; d < AWB_N_STAT_DIMENSIONS; d++)
    g_free (m->dim[d].cells);
  g_free (m);
}

static void
counts_init (Counts *c)
{
  c->managers = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, manager_acc_free);
  for (int t = 0; t < N_TEXT_DIMS; t++)
    {
      c->text_index[t] = g_hash_table_new (g_str_hash, g_str_equal);
      c->texts[t] = g_ptr_array_new_with_free_func (g_free);
    }
  c->labels = g_array_new (FALSE, FALSE, sizeof (RunLabel));
}

static void
counts_clear (Counts *c)
{
  g_clear_pointer (&c->managers, g_hash_table_unref);
  for (int t = 0; t < N_TEXT_DIMS; t++)
    {
      g_clear_pointer (&c->text_index[t], g_hash_table_unref);
      g_clear_pointer (&c->texts[t], g_ptr_array_unref);
    }
  g_clear_pointer (&c->labels, g_array_unref);
}

static ManagerAcc *
counts_manager (Counts *c,
                gint64  manager_id)
{
  ManagerAcc *m = g_hash_table_lookup (c->managers, &manager_id);

  if (m == NULL)
    {
      m = g_new0 (ManagerAcc, 1);
      m->manager_id = manager_id;
      for (int d = 0; d < AWB_N_STAT_DIMENSIONS; d++)
        if (!dim_is_text (d))
          {
            m->dim[d].n_cells = (guint) dim_n_cells (d);
            m->dim[d].cells = g_new0 (AwbStatMeasures, m->dim[d].n_cells);
          }
      g_hash_table_insert (c->managers, &m->manager_id, m);
    }
  return m;
}

/* The number of @text in text dimension @t, given one if new. */
static guint
counts_text (Counts     *c,
             int         t,
             const char *text)
{
  gpointer v = g_hash_table_lookup (c->text_index[t], text);
  char *copy;

  if (v != NULL)
    return GPOINTER_TO_UINT (v) - 1;
  copy = g_strdup (text);
  g_ptr_array_add (c->texts[t], copy);
  g_hash_table_insert (c->text_index[t], copy, GUINT_TO_POINTER (c->texts[t]->len));
  return c->texts[t]->len - 1;
}

static inline void
measures_add (AwbStatMeasures *m,
              const StatRow   *r)
{
  m->n++;
  m->aum += r->aum;
  m->commission += r->commission;
  m->monetary += r->monetary;
  m->clv += r->clv;
  if (r->alloc[0] >= 0 && r->alloc[1] >= 0 && r->alloc[2] >= 0)
    {
      m->alloc_low += r->alloc[0];
      m->alloc_mid += r->alloc[1];
      m->alloc_high += r->alloc[2];
      m->n_alloc++;
    }
}

/* Adds one client of the run (still in the book) to its manager's sums. */
static void
counts_add (Counts        *c,
            const StatRow *r)
{
  ManagerAcc *m = counts_manager (c, r->manager_id);
  AwbRunKpi *k = &m->kpi;

  for (int d = 0; d < AWB_N_STAT_DIMENSIONS; d++)
    {
      CellKey ck;
      guint i;

      if (!row_cell (r, d, &ck))
        continue;
      if (ck.text != NULL)
        {
          DimAcc *acc = &m->dim[d];

          i = counts_text (c, text_dim (d), ck.text);
          if (i >= acc->n_cells)
            {
              guint n = MAX (i + 1, acc->n_cells * 2);

              acc->cells = g_renew (AwbStatMeasures, acc->cells, n);
              memset (acc->cells + acc->n_cells, 0, (n - acc->n_cells) * sizeof *acc->cells);
              acc->n_cells = n;
            }
        }
      else
        i = (guint) cell_index (d, &ck);
      measures_add (&m->dim[d].cells[i], r);
    }

  /* Notes (3): the KPI rules */
  k->n_clients++;
  if (r->r_score >= 1)
    k->n_scored++;
  if (r->recency_days >= 0 && r->recency_days < 365)
    k->n_active++;
  if (r->r_score >= 1 && r->r_score <= 2)
    k->n_churn_risk++;
  if (r->mismatches >= 1)
    k->n_mismatched++;
  k->aum += r->aum;
  k->clv += r->clv;
  k->commission += r->commission;
}

/* Notes (3): a run stored before schema 4 has no commission_12m; each
 * client's sum of the trades of as_of - 365 < d <= as_of, in one pass
 * over the trades, indexed by client id (@max_id + 1 entries). */
static AwbFen *
legacy_commissions (AwbDatabase   *db,
                    AwbDate        as_of,
                    gint64         max_id,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree AwbFen *sums = g_new0 (AwbFen, max_id + 1);
  guint64 k = 0;
  int rc;

  stmt = awb_database_prepare (db,
                               "SELECT client_id, commission FROM trades"
                               " WHERE trade_date > ?1 - 365 AND trade_date <= ?1",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, as_of);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id >= 0 && id <= max_id)
        sums[id] += sqlite3_column_int64 (stmt, 1);
      if (++k % CHECK_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }
  if (rc != SQLITE_DONE)
    {
      awb_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&sums);
}

/* The pass of Notes (1) over @run_id's scores. */
static gboolean
count_run (AwbDatabase   *db,
           gint64         run_id,
           AwbDate        as_of,
           Counts        *c,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree AwbFen *legacy = NULL;
  gint64 max_id = -1, legacy_flag = 0;
  guint64 k = 0;
  int rc;

  /* written before schema 4? decided by the run's first row */
  if (!query_int64 (db,
                    "SELECT coalesce ((SELECT commission_12m IS NULL FROM scores"
                    " WHERE id >= (?1 << 32) AND id < ((?1 + 1) << 32) ORDER BY id LIMIT 1), 0)",
                    run_id, &legacy_flag, error))
    return FALSE;
  if (legacy_flag)
    {
      if (!query_int64 (db,
                        "SELECT coalesce (max (id) & 4294967295, -1) FROM scores"
                        " WHERE id >= (?1 << 32) AND id < ((?1 + 1) << 32)",
                        run_id, &max_id, error))
        return FALSE;
      legacy = legacy_commissions (db, as_of, max_id, cancellable, error);
      if (legacy == NULL)
        return FALSE;
    }

  stmt = awb_database_prepare (db, row_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StatRow r;
      RunLabel l;

      row_read (stmt, &r);
      if (!r.commission_known)
        r.commission = legacy != NULL && r.client_id <= max_id ? legacy[r.client_id] : 0;
      l.client_id = r.client_id;
      l.manager_id = r.exists ? r.manager_id : GONE_MANAGER;
      l.segment = (gint8) r.segment;
      l.tier = (gint8) r.tier;
      g_array_append_val (c->labels, l);
      if (r.exists)
        counts_add (c, &r);
      if (++k % CHECK_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return awb_database_set_error (db, rc, error);
  return TRUE;
}

/* The manager of client @id of the run (from the counting pass), or
 * GONE_MANAGER for a client not in it or no longer in the book. */
static gint64
run_manager (const Counts *c,
             gint64        id)
{
  guint lo = 0, hi = c->labels->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const RunLabel *l = &g_array_index (c->labels, RunLabel, mid);

      if (l->client_id == id)
        return l->manager_id;
      if (l->client_id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return GONE_MANAGER;
}

typedef struct
{
  Counts  *counts;
  AwbDate  as_of;
} SurveyScan;

/* Notes (3): a survey with a satisfaction in the 365 days up to as_of. */
static gboolean
survey_row (guint                thread,
            guint                unit,
            const AwbScanValue  *v,
            gpointer             data,
            GError             **error)
{
  SurveyScan *scan = data;
  const AwbScanValue *kind = &v[AWB_SCAN_INTERACTION_KIND];
  const AwbScanValue *sat = &v[AWB_SCAN_INTERACTION_SATISFACTION];
  AwbDate d;
  gint64 m;

  if (sat->type != SQLITE_INTEGER || kind->type != SQLITE_TEXT || strcmp (kind->s, "survey") != 0)
    return TRUE;
  d = (AwbDate) v[AWB_SCAN_INTERACTION_DATE].i;
  if (v[AWB_SCAN_INTERACTION_DATE].type != SQLITE_INTEGER || d <= scan->as_of - 365 ||
      d > scan->as_of)
    return TRUE;
  m = run_manager (scan->counts, v[AWB_SCAN_INTERACTION_CLIENT].i);
  if (m != GONE_MANAGER)
    {
      ManagerAcc *acc = counts_manager (scan->counts, m);

      acc->kpi.satisfaction_sum += sat->i;
      acc->kpi.n_satisfaction++;
    }
  return TRUE;
}

/* Notes (3): open follow-ups overdue and the satisfaction of the year's
 * surveys, of the run's clients still in the book, per manager (the one
 * the counting pass saw, looked up in memory rather than joined). */
static gboolean
count_interactions (AwbDatabase   *db,
                    AwbDate        as_of,
                    Counts        *c,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(sqlite3_stmt) overdue = NULL;
  int rc;

  overdue = awb_database_prepare (db,
                                  "SELECT client_id FROM interactions"
                                  " WHERE done = 0 AND follow_up_on < ?1",
                                  error);
  if (overdue == NULL)
    return FALSE;
  sqlite3_bind_int (overdue, 1, as_of);
  while ((rc = sqlite3_step (overdue)) == SQLITE_ROW)
    {
      gint64 m = run_manager (c, sqlite3_column_int64 (overdue, 0));

      if (m != GONE_MANAGER)
        counts_manager (c, m)->kpi.n_overdue_follow_ups++;
    }
  if (rc != SQLITE_DONE)
    return awb_database_set_error (db, rc, error);

  /* the surveys: every interaction is read, through the scan packs the
   * scoring run keeps (awb-scan.c), in one thread on this connection:
   * three times faster than stepping through the table's rows */
  {
    SurveyScan scan = { c, as_of };
    AwbScanJob job = { AWB_SCAN_INTERACTIONS, survey_row, &scan, 0, NULL };
    AwbScanner *scanner = awb_scanner_new (db, 1, error);
    gboolean ok;

    if (scanner == NULL)
      return FALSE;
    ok = awb_scanner_prepare_job (scanner, &job, error) &&
         awb_scanner_run (scanner, &job, 1, NULL, NULL, 0.0, 1.0, cancellable, error);
    awb_scanner_free (scanner);
    return ok;
  }
}

/* The migration of Notes (4), into the later run's manager's sums. */
static void
count_migration_cb (const RunLabel *from,
                    const RunLabel *to,
                    gpointer        data)
{
  Counts *c = data;
  ManagerAcc *m = counts_manager (c, to != NULL ? to->manager_id : GONE_MANAGER);

  for (int kind = 0; kind < 2; kind++)
    {
      guint n = migration_n_codes (kind) + 1;

      m->migration[kind][migration_cell (kind, from) * n + migration_cell (kind, to)]++;
    }
}

static gboolean
step_done (AwbDatabase   *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return awb_database_set_error (db, rc, error);
  return TRUE;
}

/* Writes the migration counts of every manager of @c as (@from_run, @run_id). */
static gboolean
write_migrations (AwbDatabase  *db,
                  gint64        run_id,
                  gint64        from_run,
                  Counts       *c,
                  GError      **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  GHashTableIter iter;
  ManagerAcc *m;

  insert = awb_database_prepare (db,
                                 "INSERT INTO run_migrations (run_id, from_run, manager_id, kind,"
                                 " from_key, to_key, n) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                 error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, run_id);
  sqlite3_bind_int64 (insert, 2, from_run);
  g_hash_table_iter_init (&iter, c->managers);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &m))
    for (int kind = 0; kind < 2; kind++)
      {
        AwbLabelMigration names = { kind, migration_n_codes (kind), NULL };
        guint n = names.n_codes + 1;

        for (guint f = 0; f < n; f++)
          for (guint t = 0; t < n; t++)
            {
              gint64 count = m->migration[kind][f * n + t];

              if (count == 0)
                continue;
              sqlite3_bind_int64 (insert, 3, m->manager_id);
              sqlite3_bind_text (insert, 4, migration_kind_name (kind), -1, SQLITE_STATIC);
              sqlite3_bind_text (insert, 5, awb_label_migration_code (&names, f), -1, SQLITE_STATIC);
              sqlite3_bind_text (insert, 6, awb_label_migration_code (&names, t), -1, SQLITE_STATIC);
              sqlite3_bind_int64 (insert, 7, count);
              if (!step_done (db, insert, error))
                return FALSE;
            }
      }
  return TRUE;
}

/* Replaces the stored rows of @run_id with @c's. */
static gboolean
write_counts (AwbDatabase  *db,
              gint64        run_id,
              gint64        from_run,
              Counts       *c,
              GError      **error)
{
  g_autoptr(sqlite3_stmt) cell = NULL;
  g_autoptr(sqlite3_stmt) kpi = NULL;
  GHashTableIter iter;
  ManagerAcc *m;

  {
    g_autofree char *sql = g_strdup_printf ("DELETE FROM run_stats WHERE run_id = %" G_GINT64_FORMAT ";"
                                            "DELETE FROM run_kpis WHERE run_id = %" G_GINT64_FORMAT ";"
                                            "DELETE FROM run_migrations WHERE run_id = %" G_GINT64_FORMAT,
                                            run_id, run_id, run_id);
    if (!awb_database_exec (db, sql, error))
      return FALSE;
  }

  cell = awb_database_prepare (db,
                               "INSERT INTO run_stats (run_id, manager_id, dim, key, key2, n, aum,"
                               " commission, monetary, clv, alloc_low, alloc_mid, alloc_high, n_alloc)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                               error);
  kpi = awb_database_prepare (db,
                              "INSERT INTO run_kpis (run_id, manager_id, n_clients, n_scored, n_active,"
                              " n_churn_risk, n_mismatched, n_overdue_follow_ups, aum, clv, commission,"
                              " satisfaction_sum, n_satisfaction)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                              error);
  if (cell == NULL || kpi == NULL)
    return FALSE;
  sqlite3_bind_int64 (cell, 1, run_id);
  sqlite3_bind_int64 (kpi, 1, run_id);

  counts_manager (c, 0);   /* Notes (4): the mark that the run is counted */
  g_hash_table_iter_init (&iter, c->managers);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &m))
    {
      const AwbRunKpi *k = &m->kpi;

      if (m->manager_id == GONE_MANAGER)
        continue;
      for (int d = 0; d < AWB_N_STAT_DIMENSIONS; d++)
        for (guint i = 0; i < m->dim[d].n_cells; i++)
          {
            const AwbStatMeasures *s = &m->dim[d].cells[i];
            const char *key, *key2;

            if (s->n == 0)
              continue;
            if (dim_is_text (d))
              {
                key = g_ptr_array_index (c->texts[text_dim (d)], i);
                key2 = "";
              }
            else
              {
                int n2 = dims[d].kind[1] == KEY_NONE ? 1 : dim_n_keys (d, 1) + 1;

                key = dim_key_name (d, 0, (int) i / n2);
                key2 = dim_key_name (d, 1, (int) i % n2);
              }
            sqlite3_bind_int64 (cell, 2, m->manager_id);
            sqlite3_bind_text (cell, 3, dims[d].name, -1, SQLITE_STATIC);
            sqlite3_bind_text (cell, 4, key, -1, SQLITE_STATIC);
            sqlite3_bind_text (cell, 5, key2, -1, SQLITE_STATIC);
            sqlite3_bind_int64 (cell, 6, s->n);
            sqlite3_bind_int64 (cell, 7, s->aum);
            sqlite3_bind_int64 (cell, 8, s->commission);
            sqlite3_bind_int64 (cell, 9, s->monetary);
            sqlite3_bind_int64 (cell, 10, s->clv);
            sqlite3_bind_int64 (cell, 11, s->alloc_low);
            sqlite3_bind_int64 (cell, 12, s->alloc_mid);
            sqlite3_bind_int64 (cell, 13, s->alloc_high);
            sqlite3_bind_int64 (cell, 14, s->n_alloc);
            if (!step_done (db, cell, error))
              return FALSE;
          }

      sqlite3_bind_int64 (kpi, 2, m->manager_id);
      sqlite3_bind_int64 (kpi, 3, k->n_clients);
      sqlite3_bind_int64 (kpi, 4, k->n_scored);
      sqlite3_bind_int64 (kpi, 5, k->n_active);
      sqlite3_bind_int64 (kpi, 6, k->n_churn_risk);
      sqlite3_bind_int64 (kpi, 7, k->n_mismatched);
      sqlite3_bind_int64 (kpi, 8, k->n_overdue_follow_ups);
      sqlite3_bind_int64 (kpi, 9, k->aum);
      sqlite3_bind_int64 (kpi, 10, k->clv);
      sqlite3_bind_int64 (kpi, 11, k->commission);
      sqlite3_bind_int64 (kpi, 12, k->satisfaction_sum);
      sqlite3_bind_int64 (kpi, 13, k->n_satisfaction);
      if (!step_done (db, kpi, error))
        return FALSE;
    }

  return from_run == 0 || write_migrations (db, run_id, from_run, c, error);
}

static gboolean
compute_in_transaction (AwbDatabase   *db,
                        gint64         run_id,
                        GCancellable  *cancellable,
                        GError       **error)
{
  Counts c;
  AwbDate as_of;
  gint64 prev = 0;
  gint64 t0 = g_get_monotonic_time (), t1, t2, t3;
  gboolean ok = FALSE;

  if (!run_as_of (db, run_id, &as_of, error) || !previous_run (db, run_id, &prev, error))
    return FALSE;

  counts_init (&c);
  if (!count_run (db, run_id, as_of, &c, cancellable, error))
    goto out;
  t1 = g_get_monotonic_time ();
  if (!count_interactions (db, as_of, &c, cancellable, error))
    goto out;
  t2 = g_get_monotonic_time ();
  if (prev != 0)
    {
      g_autoptr(GArray) before = load_run_labels (db, prev, cancellable, error);

      if (before == NULL)
        goto out;
      merge_runs (before, c.labels, count_migration_cb, &c);
    }
  t3 = g_get_monotonic_time ();
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !write_counts (db, run_id, prev, &c, error))
    goto out;
  ok = TRUE;
  g_debug ("counted run %" G_GINT64_FORMAT " (%u clients, %u managers) in %.3f s: scores %.3f s,"
           " interactions %.3f s, migration %.3f s, writing %.3f s", run_id,
           c.labels->len, g_hash_table_size (c.managers), (g_get_monotonic_time () - t0) / 1e6,
           (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (g_get_monotonic_time () - t3) / 1e6);

out:
  counts_clear (&c);
  return ok;
}

/* Runs @func in the caller's transaction, or in one of its own when none
 * is open (Notes (6)). */
static gboolean
in_transaction (AwbDatabase   *db,
                gboolean     (*func) (AwbDatabase *, gint64, GCancellable *, GError **),
                gint64         run_id,
                GCancellable  *cancellable,
                GError       **error)
{
  gboolean own = sqlite3_get_autocommit (awb_database_get_handle (db));

  if (own && !awb_database_begin (db, error))
    return FALSE;
  if (!func (db, run_id, cancellable, error))
    {
      if (own)
        awb_database_rollback (db);
      return FALSE;
    }
  return own ? awb_database_commit (db, error) : TRUE;
}

/**
 * awb_run_stats_compute:
 * @run_id: scoring_runs.id
 *
 * Counts @run_id's clients in every dimension, per manager, with the
 * migration from the run before it, and stores the counts in place of any
 * stored (Notes (1)-(4)).  Runs inside the caller's transaction if one is
 * open (the scoring run's), else in one of its own.
 *
 * Returns: %TRUE, or %FALSE with @error set (AWB_DATABASE_ERROR_NOT_FOUND
 * for no such run, G_IO_ERROR_CANCELLED) and nothing written by it (in the
 * caller's transaction, the caller rolls back).
 */
gboolean
awb_run_stats_compute (AwbDatabase   *db,
                       gint64         run_id,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return in_transaction (db, compute_in_transaction, run_id, cancellable, error);
}

static gboolean
ensure_counted (AwbDatabase   *db,
                gint64         run_id,
                GCancellable  *cancellable,
                GError       **error)
{
  gboolean counted;

  if (!is_counted (db, run_id, &counted, error))
    return FALSE;
  return counted || awb_run_stats_compute (db, run_id, cancellable, error);
}

/* ---- The stored counts ------------------------------------------------- */

struct _AwbRunStats
{
  gatomicrefcount  ref_count;
  AwbRunKpi        kpi;
  GArray          *cells[AWB_N_STAT_DIMENSIONS];   /* AwbStatCell, in the dimension's order */
  GStringChunk    *strings;                         /* the cells' keys */
};

static void
stats_free (AwbRunStats *stats)
{
  for (int d = 0; d < AWB_N_STAT_DIMENSIONS; d++)
    g_clear_pointer (&stats->cells[d], g_array_unref);
  g_clear_pointer (&stats->strings, g_string_chunk_free);
  g_free (stats);
}

AwbRunStats *
awb_run_stats_ref (AwbRunStats *stats)
{
  g_return_val_if_fail (stats != NULL, NULL);

  g_atomic_ref_count_inc (&stats->ref_count);
  return stats;
}

void
awb_run_stats_unref (AwbRunStats *stats)
{
  g_return_if_fail (stats != NULL);

  if (g_atomic_ref_count_dec (&stats->ref_count))
    stats_free (stats);
}

/* The order of awb_run_stats_get_cells (): codes in enumeration order, ""
 * last; free text by count, largest first, then by bytes, "" last. */
static int
cell_compare (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const AwbStatCell *x = a, *y = b;
  AwbStatDimension dim = GPOINTER_TO_INT (data);

  if (dim_is_text (dim))
    {
      if ((*x->key == '\0') != (*y->key == '\0'))
        return *x->key == '\0' ? 1 : -1;
      if (x->m.n != y->m.n)
        return x->m.n > y->m.n ? -1 : 1;
      return strcmp (x->key, y->key);
    }
  for (int which = 0; which < 2; which++)
    {
      const char *kx = which == 0 ? x->key : x->key2;
      const char *ky = which == 0 ? y->key : y->key2;
      /* keys unknown to this build (-1) after every known one */
      guint ix = (guint) dim_key_index (dim, which, kx);
      guint iy = (guint) dim_key_index (dim, which, ky);

      if (ix != iy)
        return ix < iy ? -1 : 1;
    }
  return 0;
}

static void
measures_sum (AwbStatMeasures *m,
              sqlite3_stmt    *stmt,
              int              col)
{
  m->n += sqlite3_column_int64 (stmt, col);
  m->aum += sqlite3_column_int64 (stmt, col + 1);
  m->commission += sqlite3_column_int64 (stmt, col + 2);
  m->monetary += sqlite3_column_int64 (stmt, col + 3);
  m->clv += sqlite3_column_int64 (stmt, col + 4);
  m->alloc_low += sqlite3_column_int64 (stmt, col + 5);
  m->alloc_mid += sqlite3_column_int64 (stmt, col + 6);
  m->alloc_high += sqlite3_column_int64 (stmt, col + 7);
  m->n_alloc += sqlite3_column_int64 (stmt, col + 8);
}

static gboolean
read_cells (AwbDatabase  *db,
            AwbRunStats  *stats,
            gint64        run_id,
            gint64        manager_id,
            GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT dim, key, key2, n, aum, commission, monetary, clv,"
                                          " alloc_low, alloc_mid, alloc_high, n_alloc"
                                          " FROM run_stats WHERE run_id = ?1%s",
                                          manager_condition (manager_id));
  g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db, sql, error);
  g_autoptr(GHashTable) where = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  AwbStatDimension dim = 0;
  const char *last_dim = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_int64 (stmt, 2, stored_manager (manager_id));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *key = (const char *) sqlite3_column_text (stmt, 1);
      const char *key2 = (const char *) sqlite3_column_text (stmt, 2);
      g_autofree char *id = NULL;
      gpointer index;
      AwbStatCell *cell;

      /* rows come grouped by manager, then dimension: one lookup a group */
      if (last_dim == NULL || strcmp (last_dim, name) != 0)
        {
          if (!awb_stat_dimension_from_string (name, &dim))
            {
              last_dim = NULL;
              continue;   /* a dimension of a newer build */
            }
          last_dim = dims[dim].name;
        }
      id = g_strdup_printf ("%d\037%s\037%s", (int) dim, key, key2);
      index = g_hash_table_lookup (where, id);
      if (index == NULL)
        {
          AwbStatCell fresh = { g_string_chunk_insert_const (stats->strings, key),
                                g_string_chunk_insert_const (stats->strings, key2), { 0 } };

          g_array_append_val (stats->cells[dim], fresh);
          index = GUINT_TO_POINTER (stats->cells[dim]->len);
          g_hash_table_insert (where, g_steal_pointer (&id), index);
        }
      cell = &g_array_index (stats->cells[dim], AwbStatCell, GPOINTER_TO_UINT (index) - 1);
      measures_sum (&cell->m, stmt, 3);
    }
  if (rc != SQLITE_DONE)
    return awb_database_set_error (db, rc, error);
  for (int d = 0; d < AWB_N_STAT_DIMENSIONS; d++)
    g_array_sort_with_data (stats->cells[d], cell_compare, GINT_TO_POINTER (d));
  return TRUE;
}

static void
kpi_read (AwbRunKpi    *k,
          sqlite3_stmt *stmt,
          int           col)
{
  k->n_clients = sqlite3_column_int64 (stmt, col);
  k->n_scored = sqlite3_column_int64 (stmt, col + 1);
  k->n_active = sqlite3_column_int64 (stmt, col + 2);
  k->n_churn_risk = sqlite3_column_int64 (stmt, col + 3);
  k->n_mismatched = sqlite3_column_int64 (stmt, col + 4);
  k->n_overdue_follow_ups = sqlite3_column_int64 (stmt, col + 5);
  k->aum = sqlite3_column_int64 (stmt, col + 6);
  k->clv = sqlite3_column_int64 (stmt, col + 7);
  k->commission = sqlite3_column_int64 (stmt, col + 8);
  k->satisfaction_sum = sqlite3_column_int64 (stmt, col + 9);
  k->n_satisfaction = sqlite3_column_int64 (stmt, col + 10);
}

#define KPI_SUMS \
  "coalesce (sum (k.n_clients), 0), coalesce (sum (k.n_scored), 0), coalesce (sum (k.n_active), 0)," \
  " coalesce (sum (k.n_churn_risk), 0), coalesce (sum (k.n_mismatched), 0)," \
  " coalesce (sum (k.n_overdue_follow_ups), 0), coalesce (sum (k.aum), 0)," \
  " coalesce (sum (k.clv), 0), coalesce (sum (k.commission), 0)," \
  " coalesce (sum (k.satisfaction_sum), 0), coalesce (sum (k.n_satisfaction), 0)"

/**
 * awb_run_stats_load:
 * @run_id: scoring_runs.id
 * @manager_id: 0 for the whole book, AWB_RUN_STATS_NO_MANAGER, or managers.id
 *
 * Reads @run_id's stored counts for @manager_id, summed over the managers
 * for the whole book.  A run not counted yet is counted and stored first,
 * in a transaction of its own (or the caller's, if one is open).
 *
 * Returns: (transfer full): the counts, or %NULL with @error set
 * (AWB_DATABASE_ERROR_NOT_FOUND for no such run).
 */
AwbRunStats *
awb_run_stats_load (AwbDatabase   *db,
                    gint64         run_id,
                    gint64         manager_id,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(AwbRunStats) stats = NULL;
  g_autoptr(sqlite3_stmt) kpi = NULL;
  g_autofree char *sql = NULL;
  AwbDate as_of;
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);
  g_return_val_if_fail (manager_id >= 0 || manager_id == AWB_RUN_STATS_NO_MANAGER, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!run_as_of (db, run_id, &as_of, error) ||
      !ensure_counted (db, run_id, cancellable, error))
    return NULL;

  stats = g_new0 (AwbRunStats, 1);
  g_atomic_ref_count_init (&stats->ref_count);
  stats->strings = g_string_chunk_new (1024);
  for (int d = 0; d < AWB_N_STAT_DIMENSIONS; d++)
    stats->cells[d] = g_array_new (FALSE, TRUE, sizeof (AwbStatCell));

  sql = g_strdup_printf ("SELECT " KPI_SUMS " FROM run_kpis AS k WHERE run_id = ?1%s",
                         manager_condition (manager_id));
  kpi = awb_database_prepare (db, sql, error);
  if (kpi == NULL)
    return NULL;
  sqlite3_bind_int64 (kpi, 1, run_id);
  sqlite3_bind_int64 (kpi, 2, stored_manager (manager_id));
  rc = sqlite3_step (kpi);
  if (rc != SQLITE_ROW)
    {
      awb_database_set_error (db, rc, error);
      return NULL;
    }
  kpi_read (&stats->kpi, kpi, 0);
  stats->kpi.run_id = run_id;
  stats->kpi.as_of = as_of;

  if (!read_cells (db, stats, run_id, manager_id, error))
    return NULL;
  return g_steal_pointer (&stats);
}

const AwbRunKpi *
awb_run_stats_get_kpi (AwbRunStats *stats)
{
  g_return_val_if_fail (stats != NULL, NULL);

  return &stats->kpi;
}

/**
 * awb_run_stats_get_cells:
 * @n_cells: (out): the number of cells
 *
 * Returns: (array length=n_cells) (transfer none): the non-empty cells of
 * @dim in its order (codes in enumeration order, "" last; free text by
 * count, largest first, "" last), valid as long as @stats.
 */
const AwbStatCell *
awb_run_stats_get_cells (AwbRunStats      *stats,
                         AwbStatDimension  dim,
                         guint            *n_cells)
{
  g_return_val_if_fail (stats != NULL, NULL);
  g_return_val_if_fail (dim < AWB_N_STAT_DIMENSIONS, NULL);
  g_return_val_if_fail (n_cells != NULL, NULL);

  *n_cells = stats->cells[dim]->len;
  return (const AwbStatCell *) stats->cells[dim]->data;
}

/**
 * awb_run_stats_lookup:
 * @key2: (nullable): "" or %NULL for a one-key dimension
 *
 * Returns: the sums of the cell, all zero when no client is in it.  Codes
 * compare without case ("c1" is C1).
 */
AwbStatMeasures
awb_run_stats_lookup (AwbRunStats      *stats,
                      AwbStatDimension  dim,
                      const char       *key,
                      const char       *key2)
{
  AwbStatMeasures none = { 0 };
  GArray *cells;

  g_return_val_if_fail (stats != NULL, none);
  g_return_val_if_fail (dim < AWB_N_STAT_DIMENSIONS, none);
  g_return_val_if_fail (key != NULL, none);

  cells = stats->cells[dim];
  for (guint i = 0; i < cells->len; i++)
    {
      const AwbStatCell *c = &g_array_index (cells, AwbStatCell, i);

      if (dim_is_text (dim) ? strcmp (c->key, key) == 0
                            : (dim_key_index (dim, 0, c->key) == dim_key_index (dim, 0, key) &&
                               dim_key_index (dim, 1, c->key2) == dim_key_index (dim, 1, key2) &&
                               dim_key_index (dim, 0, key) >= 0 && dim_key_index (dim, 1, key2) >= 0))
        return c->m;
    }
  return none;
}

/**
 * awb_run_stats_kpi_series:
 * @manager_id: as in awb_run_stats_load ()
 *
 * Counts the runs not counted yet (each a transaction of its own), then
 * reads the key figures of every run.
 *
 * Returns: (transfer full) (element-type AwbRunKpi): one per run, oldest
 * first (zero figures for a manager without clients in a run), or %NULL
 * with @error set.
 */
GArray *
awb_run_stats_kpi_series (AwbDatabase   *db,
                          gint64         manager_id,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(sqlite3_stmt) missing = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) todo = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) series = g_array_new (FALSE, TRUE, sizeof (AwbRunKpi));
  g_autofree char *sql = NULL;
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);
  g_return_val_if_fail (manager_id >= 0 || manager_id == AWB_RUN_STATS_NO_MANAGER, NULL);

  missing = awb_database_prepare (db,
                                  "SELECT id FROM scoring_runs AS r WHERE NOT EXISTS"
                                  " (SELECT 1 FROM run_kpis WHERE run_id = r.id) ORDER BY id",
                                  error);
  if (missing == NULL)
    return NULL;
  while ((rc = sqlite3_step (missing)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (missing, 0);

      g_array_append_val (todo, id);
    }
  if (rc != SQLITE_DONE)
    {
      awb_database_set_error (db, rc, error);
      return NULL;
    }
  g_clear_pointer (&missing, sqlite3_finalize);
  for (guint i = 0; i < todo->len; i++)
    if (!awb_run_stats_compute (db, g_array_index (todo, gint64, i), cancellable, error))
      return NULL;

  sql = g_strdup_printf ("SELECT r.id, r.as_of, " KPI_SUMS " FROM scoring_runs AS r"
                         " LEFT JOIN run_kpis AS k ON k.run_id = r.id%s"
                         " GROUP BY r.id ORDER BY r.id",
                         manager_id == 0 ? "" : " AND k.manager_id = ?2");
  stmt = awb_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 2, stored_manager (manager_id));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AwbRunKpi k = { 0 };

      k.run_id = sqlite3_column_int64 (stmt, 0);
      k.as_of = sqlite3_column_int (stmt, 1);
      kpi_read (&k, stmt, 2);
      g_array_append_val (series, k);
    }
  if (rc != SQLITE_DONE)
    {
      awb_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&series);
}

/* ---- Migration between two runs --------------------------------------- */

/**
 * awb_label_migration_clear:
 *
 * Frees the counts of @migration (which may be all zero, never filled).
 */
void
awb_label_migration_clear (AwbLabelMigration *migration)
{
  g_return_if_fail (migration != NULL);

  g_clear_pointer (&migration->counts, g_free);
  migration->n_codes = 0;
}

/**
 * awb_label_migration_code:
 * @i: 0 .. n_codes
 *
 * Returns: the §11 code of row or column @i ("champions", "vip"), "none"
 * for n_codes.
 */
const char *
awb_label_migration_code (const AwbLabelMigration *migration,
                          guint                    i)
{
  g_return_val_if_fail (migration != NULL, NULL);
  g_return_val_if_fail (i <= migration_n_codes (migration->kind), NULL);

  if (i == migration_n_codes (migration->kind))
    return "none";
  return awb_code_to_string (migration->kind == AWB_MIGRATION_SEGMENTS ? AWB_KIND_RFM_SEGMENT
                                                                       : AWB_KIND_TIER, (int) i);
}

/* Counting a migration with the clients' managers now (Notes (7)). */
typedef struct
{
  AwbMigrationKind  kind;
  const GArray     *ids;          /* the manager's clients now, or NULL for all */
  gint64           *counts;
  /* selecting instead: */
  int               from_code, to_code;
  GArray           *selected;     /* gint64 ids, or NULL when counting */
} MigrationWalk;

static void
migration_walk_cb (const RunLabel *from,
                   const RunLabel *to,
                   gpointer        data)
{
  MigrationWalk *w = data;
  gint64 id = from != NULL ? from->client_id : to->client_id;
  guint f = migration_cell (w->kind, from);
  guint t = migration_cell (w->kind, to);

  if (w->ids != NULL && !ids_contain (w->ids, id))
    return;
  if (w->selected != NULL)
    {
      if ((int) f == w->from_code && (int) t == w->to_code)
        g_array_append_val (w->selected, id);
    }
  else
    w->counts[f * (migration_n_codes (w->kind) + 1) + t]++;
}

/* Walks the migration of the two runs with @w (ids filled here). */
static gboolean
migration_walk (AwbDatabase    *db,
                gint64          from_run,
                gint64          to_run,
                gint64          manager_id,
                gboolean        need_ids,
                MigrationWalk  *w,
                GCancellable   *cancellable,
                GError        **error)
{
  g_autoptr(GArray) a = NULL;
  g_autoptr(GArray) b = NULL;
  g_autoptr(GArray) ids = NULL;

  if (need_ids)
    {
      ids = load_client_ids (db, manager_id, error);
      if (ids == NULL)
        return FALSE;
    }
  a = load_run_labels (db, from_run, cancellable, error);
  if (a == NULL)
    return FALSE;
  b = load_run_labels (db, to_run, cancellable, error);
  if (b == NULL)
    return FALSE;
  w->ids = ids;
  merge_runs (a, b, migration_walk_cb, w);
  w->ids = NULL;
  return TRUE;
}

/* Counts and stores the migration (previous, @run_id) with the clients'
 * managers now (Notes (5)): a run whose previous run was deleted. */
static gboolean
store_migration (AwbDatabase   *db,
                 gint64         run_id,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(sqlite3_stmt) managers = NULL;
  g_autoptr(GArray) before = NULL;
  Counts c;
  gint64 prev;
  guint j = 0;
  int rc;
  gboolean ok = FALSE;

  if (!previous_run (db, run_id, &prev, error))
    return FALSE;
  if (prev == 0)
    return TRUE;
  counts_init (&c);
  g_array_unref (c.labels);
  c.labels = load_run_labels (db, run_id, cancellable, error);
  if (c.labels == NULL)
    goto out;
  before = load_run_labels (db, prev, cancellable, error);
  if (before == NULL)
    goto out;
  managers = awb_database_prepare (db, "SELECT id, coalesce (manager_id, 0) FROM clients ORDER BY id",
                                   error);
  if (managers == NULL)
    goto out;
  for (guint i = 0; i < c.labels->len; i++)
    g_array_index (c.labels, RunLabel, i).manager_id = GONE_MANAGER;
  while ((rc = sqlite3_step (managers)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (managers, 0);

      while (j < c.labels->len && g_array_index (c.labels, RunLabel, j).client_id < id)
        j++;
      if (j < c.labels->len && g_array_index (c.labels, RunLabel, j).client_id == id)
        g_array_index (c.labels, RunLabel, j).manager_id = sqlite3_column_int64 (managers, 1);
    }
  if (rc != SQLITE_DONE)
    {
      awb_database_set_error (db, rc, error);
      goto out;
    }
  merge_runs (before, c.labels, count_migration_cb, &c);
  ok = write_migrations (db, run_id, prev, &c, error);

out:
  counts_clear (&c);
  return ok;
}

/**
 * awb_run_stats_migration:
 * @manager_id: as in awb_run_stats_load ()
 * @out: (out caller-allocates): filled on success; free with
 *   awb_label_migration_clear ()
 *
 * Counts how the clients moved between @from_run and @to_run, by segment
 * or tier, "none" for a client absent from a run or without the label.
 * When @from_run is the run before @to_run, the stored counts are read
 * (stored when counted, with each client's manager then; counted and
 * stored now when missing, see Notes (5)); otherwise the two runs are
 * merged now, with each client's manager now.  Clients no longer in the
 * book count only for the whole book.
 *
 * Returns: %TRUE, or %FALSE with @error set (AWB_DATABASE_ERROR_NOT_FOUND
 * for a missing run) and @out untouched.
 */
gboolean
awb_run_stats_migration (AwbDatabase        *db,
                         gint64              from_run,
                         gint64              to_run,
                         AwbMigrationKind    kind,
                         gint64              manager_id,
                         AwbLabelMigration  *out,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_autofree gint64 *counts = NULL;
  AwbDate as_of;
  gint64 prev = 0, stored = 0;
  guint n;

  g_return_val_if_fail (AWB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (kind == AWB_MIGRATION_SEGMENTS || kind == AWB_MIGRATION_TIERS, FALSE);
  g_return_val_if_fail (manager_id >= 0 || manager_id == AWB_RUN_STATS_NO_MANAGER, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!run_as_of (db, from_run, &as_of, error) || !run_as_of (db, to_run, &as_of, error) ||
      !previous_run (db, to_run, &prev, error))
    return FALSE;

  n = migration_n_codes (kind) + 1;
  counts = g_new0 (gint64, n * n);
  if (from_run == prev)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autofree char *sql = NULL;
      int rc;

      g_autoptr(sqlite3_stmt) exists = awb_database_prepare (db,
                                                             "SELECT EXISTS (SELECT 1 FROM run_migrations"
                                                             " WHERE run_id = ?1 AND from_run = ?2)",
                                                             error);

      if (exists == NULL)
        return FALSE;
      sqlite3_bind_int64 (exists, 1, to_run);
      sqlite3_bind_int64 (exists, 2, from_run);
      rc = sqlite3_step (exists);
      if (rc != SQLITE_ROW)
        return awb_database_set_error (db, rc, error);
      stored = sqlite3_column_int64 (exists, 0);
      if (!stored && !in_transaction (db, store_migration, to_run, cancellable, error))
        return FALSE;
      sql = g_strdup_printf ("SELECT from_key, to_key, sum (n) FROM run_migrations"
                             " WHERE run_id = ?1 AND from_run = ?3 AND kind = ?4%s GROUP BY 1, 2",
                             manager_condition (manager_id));
      stmt = awb_database_prepare (db, sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, to_run);
      sqlite3_bind_int64 (stmt, 2, stored_manager (manager_id));
      sqlite3_bind_int64 (stmt, 3, from_run);
      sqlite3_bind_text (stmt, 4, migration_kind_name (kind), -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          int f = migration_code_index (kind, (const char *) sqlite3_column_text (stmt, 0));
          int t = migration_code_index (kind, (const char *) sqlite3_column_text (stmt, 1));

          if (f >= 0 && t >= 0)
            counts[f * n + t] += sqlite3_column_int64 (stmt, 2);
        }
      if (rc != SQLITE_DONE)
        return awb_database_set_error (db, rc, error);
    }
  else
    {
      MigrationWalk w = { kind, NULL, counts, -1, -1, NULL };

      if (!migration_walk (db, from_run, to_run, manager_id, manager_id != 0, &w, cancellable,
                           error))
        return FALSE;
    }

  out->kind = kind;
  out->n_codes = n - 1;
  out->counts = g_steal_pointer (&counts);
  return TRUE;
}

/* ---- Drill-down -------------------------------------------------------- */

/**
 * awb_run_stats_select:
 * @key2: (nullable): "" or %NULL for a one-key dimension
 *
 * The clients of @run_id in the cell, by row_cell (), the rule that
 * counted them (Notes (2)), among the clients still in the book and now
 * with @manager_id.
 *
 * Returns: (transfer full) (element-type gint64): clients.id ascending
 * (empty for a key the dimension does not have), or %NULL with @error set.
 */
GArray *
awb_run_stats_select (AwbDatabase       *db,
                      gint64             run_id,
                      gint64             manager_id,
                      AwbStatDimension   dim,
                      const char        *key,
                      const char        *key2,
                      GCancellable      *cancellable,
                      GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  CellKey want = { 0, 0, NULL };
  AwbDate as_of;
  guint64 k = 0;
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);
  g_return_val_if_fail (dim < AWB_N_STAT_DIMENSIONS, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (manager_id >= 0 || manager_id == AWB_RUN_STATS_NO_MANAGER, NULL);

  if (!run_as_of (db, run_id, &as_of, error))
    return NULL;
  if (dim_is_text (dim))
    {
      if (key2 != NULL && *key2 != '\0')
        return g_steal_pointer (&ids);
      want.text = key;
    }
  else
    {
      want.k1 = dim_key_index (dim, 0, key);
      want.k2 = dim_key_index (dim, 1, key2);
      if (want.k1 < 0 || want.k2 < 0)
        return g_steal_pointer (&ids);
    }

  stmt = awb_database_prepare (db, row_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StatRow r;
      CellKey ck;

      if (++k % CHECK_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      row_read (stmt, &r);
      if (!r.exists || (manager_id != 0 && r.manager_id != stored_manager (manager_id)))
        continue;
      if (!row_cell (&r, dim, &ck))
        continue;
      if (want.text != NULL ? strcmp (ck.text, want.text) == 0
                            : (ck.k1 == want.k1 && ck.k2 == want.k2))
        g_array_append_val (ids, r.client_id);
    }
  if (rc != SQLITE_DONE)
    {
      awb_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/**
 * awb_run_stats_select_migration:
 * @from_code: a code of the kind, or "none"
 * @to_code: likewise
 *
 * The clients counted in the migration cell (@from_code, @to_code) by
 * migration_cell (), among those still in the book and now with
 * @manager_id.
 *
 * Returns: (transfer full) (element-type gint64): clients.id ascending
 * (empty for an unknown code), or %NULL with @error set.
 */
GArray *
awb_run_stats_select_migration (AwbDatabase       *db,
                                gint64             from_run,
                                gint64             to_run,
                                AwbMigrationKind   kind,
                                gint64             manager_id,
                                const char        *from_code,
                                const char        *to_code,
                                GCancellable      *cancellable,
                                GError           **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  MigrationWalk w = { kind, NULL, NULL, -1, -1, ids };
  AwbDate as_of;

  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);
  g_return_val_if_fail (kind == AWB_MIGRATION_SEGMENTS || kind == AWB_MIGRATION_TIERS, NULL);
  g_return_val_if_fail (manager_id >= 0 || manager_id == AWB_RUN_STATS_NO_MANAGER, NULL);

  if (!run_as_of (db, from_run, &as_of, error) || !run_as_of (db, to_run, &as_of, error))
    return NULL;
  w.from_code = migration_code_index (kind, from_code);
  w.to_code = migration_code_index (kind, to_code);
  if (w.from_code < 0 || w.to_code < 0)
    return g_steal_pointer (&ids);
  if (!migration_walk (db, from_run, to_run, manager_id, TRUE, &w, cancellable, error))
    return NULL;
  return g_steal_pointer (&ids);
}
