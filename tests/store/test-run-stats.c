/* test-run-stats.c: a run's statistics, migrations and drill-down
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A hand-made book with two runs written directly (labels chosen, not
 * computed).  Managers A (id 1) and B (id 2).  Clients (AUM in yuan):
 *
 *   id mgr  AUM         gender city  income  q_exp
 *   1  A    50,000      M      北京  high    3
 *   2  A    200,000     F      上海  -       -
 *   3  B    1,000,000   M      北京  low     5
 *   4  -    0           -      -     -       -
 *   5  B    10,000,000  F      广州  -       -     (added after run 1)
 *   6  (deleted after run 1: no clients row)
 *
 * Run 1, as of day 20000, stored before schema 4 (commission_12m NULL):
 *   1 champions vip R5 recency 0; 2 loyal key R3 recency 100;
 *   3 prospect basic; 4 lost standard R1 recency 500; 6 at_risk key R2.
 * Run 2, as of day 20100 (commission_12m given):
 *   id seg        tier     R F rec  cap/turn        dep        pers  risk exp alloc     mism mon   clv   comm
 *   1  champions  vip      5 5 10   large/short     75         100   C3   0   20/50/30  2    10000 50000 10000
 *   2  lost       standard 1 2 400  medium/static   49.9999999 9.99  C1   1   70/20/10  0    500   1000  0
 *   3  new        key      4 1 30   large/stable    10         0     P    0   -         0    3000  7000  3000
 *   4  (prospect) basic    - - -    small/static    50         0     -    -   -         -    -     0     0
 *   5  champions  vip      2 4 200  large/short     100        95    C5   0   0/10/90   1    20000 90000 20000
 *
 * Interactions: surveys 4 (client 1, day 20050), 2 (client 2, day 19735),
 * 5 (client 3, day 20100), 3 (client 5, day 20101); a call with
 * satisfaction 1 (client 1, day 20060); open follow-ups of client 2 due
 * 20099, client 3 due 20100, client 4 due 19000; a done one of client 4
 * due 20000.  Trades (for run 1's commission): client 1 7.00 on 20000 and
 * 0.50 on 19635 (one day too old), client 2 0.30 on 19636 and 10.00 on
 * 20001 (after the date), client 3 0.11 on 19990.
 */
#include "config.h"

#include <string.h>

#include "awb-run-stats.h"
#include "awb-scoring.h"
#include "book-fixture.h"

static const char book_sql[] =
  "INSERT INTO managers (id, name) VALUES (1, 'A'), (2, 'B');"
  "INSERT INTO clients (id, client_no, name, manager_id, aum, gender, region, city, income_band,"
  " q_experience) VALUES"
  " (1, 'K1', 'one', 1, 5000000, 'M', 'urban', '北京', 'high', 3),"
  " (2, 'K2', 'two', 1, 20000000, 'F', 'rural', '上海', NULL, NULL),"
  " (3, 'K3', 'three', 2, 100000000, 'M', 'urban', '北京', 'low', 5),"
  " (4, 'K4', 'four', NULL, 0, NULL, NULL, NULL, NULL, NULL),"
  " (5, 'K5', 'five', 2, 1000000000, 'F', NULL, '广州', NULL, NULL);"
  "INSERT INTO scoring_runs (id, created_at, as_of, settings, n_clients) VALUES"
  " (1, 'x', 20000, '', 5), (2, 'y', 20100, '', 5);"
  "INSERT INTO scores (id, recency_days, r_score, f_score, rfm_segment, tier) VALUES"
  " ((1 << 32) | 1, 0, 5, 5, 0, 0), ((1 << 32) | 2, 100, 3, 3, 2, 1),"
  " ((1 << 32) | 3, NULL, NULL, NULL, NULL, 3), ((1 << 32) | 4, 500, 1, 1, 9, 2),"
  " ((1 << 32) | 6, 50, 2, 3, 6, 1);"
  "INSERT INTO scores (id, rfm_segment, tier, r_score, f_score, recency_days, capital_size,"
  " turnover_class, dependency, persistence, risk_level, questionnaire_expired, alloc_low,"
  " alloc_mid, alloc_high, mismatches, monetary, clv, commission_12m) VALUES"
  " ((2 << 32) | 1, 0, 0, 5, 5, 10, 0, 2, 75, 100, 2, 0, 20, 50, 30, 2, 10000, 50000, 10000),"
  " ((2 << 32) | 2, 9, 2, 1, 2, 400, 1, 0, 49.9999999, 9.99, 0, 1, 70, 20, 10, 0, 500, 1000, 0),"
  " ((2 << 32) | 3, 4, 1, 4, 1, 30, 0, 1, 10, 0, 5, 0, NULL, NULL, NULL, 0, 3000, 7000, 3000),"
  " ((2 << 32) | 4, NULL, 3, NULL, NULL, NULL, 2, 0, 50, 0, NULL, NULL, NULL, NULL, NULL, NULL,"
  "  NULL, 0, 0),"
  " ((2 << 32) | 5, 0, 0, 2, 4, 200, 0, 2, 100, 95, 4, 0, 0, 10, 90, 1, 20000, 90000, 20000);"
  "INSERT INTO interactions (client_id, date, kind, satisfaction, follow_up_on, done) VALUES"
  " (1, 20050, 'survey', 4, NULL, 0), (2, 19735, 'survey', 2, NULL, 0),"
  " (3, 20100, 'survey', 5, NULL, 0), (5, 20101, 'survey', 3, NULL, 0),"
  " (1, 20060, 'call', 1, NULL, 0), (2, 19900, 'call', NULL, 20099, 0),"
  " (3, 19900, 'call', NULL, 20100, 0), (4, 19900, 'call', NULL, 20000, 1),"
  " (4, 18000, 'visit', NULL, 19000, 0);"
  "INSERT INTO trades (client_id, trade_date, commission, amount, trade_no) VALUES"
  " (1, 20000, 700, 0, 't1'), (1, 19635, 50, 0, 't2'), (2, 19636, 30, 0, 't3'),"
  " (2, 20001, 1000, 0, 't4'), (3, 19990, 11, 0, 't5');";

static void
setup (BookFixture   *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  book_fixture_setup (f, data);
  g_assert_true (awb_database_exec (f->db, book_sql, &error));
  g_assert_no_error (error);
}

static gint64
query_int (AwbDatabase *db,
           const char  *sql)
{
  g_autoptr(sqlite3_stmt) stmt = awb_database_prepare (db, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static AwbRunStats *
load (BookFixture *f,
      gint64       run,
      gint64       manager)
{
  g_autoptr(GError) error = NULL;
  AwbRunStats *stats = awb_run_stats_load (f->db, run, manager, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stats);
  return stats;
}

typedef struct
{
  gint64 n_clients, n_scored, n_active, n_churn_risk, n_mismatched, n_overdue;
  AwbFen aum, clv, commission;
  gint64 satisfaction_sum, n_satisfaction;
} Kpi;

static void
check_kpi (const AwbRunKpi *k,
           const Kpi       *e)
{
  g_assert_cmpint (k->n_clients, ==, e->n_clients);
  g_assert_cmpint (k->n_scored, ==, e->n_scored);
  g_assert_cmpint (k->n_active, ==, e->n_active);
  g_assert_cmpint (k->n_churn_risk, ==, e->n_churn_risk);
  g_assert_cmpint (k->n_mismatched, ==, e->n_mismatched);
  g_assert_cmpint (k->n_overdue_follow_ups, ==, e->n_overdue);
  g_assert_cmpint (k->aum, ==, e->aum);
  g_assert_cmpint (k->clv, ==, e->clv);
  g_assert_cmpint (k->commission, ==, e->commission);
  g_assert_cmpint (k->satisfaction_sum, ==, e->satisfaction_sum);
  g_assert_cmpint (k->n_satisfaction, ==, e->n_satisfaction);
}

/* The cells of @dim as "key/key2=n" joined by spaces, in their order. */
static char *
cells_text (AwbRunStats      *stats,
            AwbStatDimension  dim)
{
  GString *s = g_string_new (NULL);
  guint n;
  const AwbStatCell *cells = awb_run_stats_get_cells (stats, dim, &n);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s%s%s=%" G_GINT64_FORMAT, i > 0 ? " " : "", cells[i].key,
                            *cells[i].key2 ? "/" : "", cells[i].key2, cells[i].m.n);
  return g_string_free (s, FALSE);
}

static void
check_cells (AwbRunStats      *stats,
             AwbStatDimension  dim,
             const char       *expected)
{
  g_autofree char *text = cells_text (stats, dim);

  g_assert_cmpstr (text, ==, expected);
}

/* Run 2, the whole book: the KPIs and the cells of the table above.
 * Active: recency < 365 (1, 3, 5); churn risk: R <= 2 (2, 5); mismatched:
 * 1, 5.  AUM 50,000 + 200,000 + 1,000,000 + 0 + 10,000,000 yuan.
 * Surveys of 19735 < d <= 20100: 4 (client 1) and 5 (client 3); the
 * survey of 19735 is a day too old, that of 20101 after the date, the
 * call's satisfaction not a survey's.  Overdue (open, due before 20100):
 * client 2's (20099) and client 4's (19000). */
static void
test_whole_book (BookFixture   *f,
                 gconstpointer  data)
{
  g_autoptr(AwbRunStats) stats = load (f, 2, 0);
  static const Kpi expected = { 5, 4, 3, 2, 2, 2, 1125000000, 148000, 33000, 9, 2 };
  AwbStatMeasures m;

  check_kpi (awb_run_stats_get_kpi (stats), &expected);
  g_assert_cmpint (awb_run_stats_get_kpi (stats)->run_id, ==, 2);
  g_assert_cmpint (awb_run_stats_get_kpi (stats)->as_of, ==, 20100);

  check_cells (stats, AWB_STAT_SEGMENT, "champions=2 new=1 lost=1 =1");
  check_cells (stats, AWB_STAT_RF, "1/2=1 2/4=1 4/1=1 5/5=1");   /* the prospect has no cell */
  check_cells (stats, AWB_STAT_TIER, "vip=2 key=1 standard=1 basic=1");
  check_cells (stats, AWB_STAT_CAPITAL_TURNOVER,
               "large/stable=1 large/short_term=2 medium/static=1 small/static=1");
  /* 49.9999999 is 50 at 6 decimals: bin 5; 9.99 bin 0; 100 in bin 9 */
  check_cells (stats, AWB_STAT_LOYALTY_PLANE, "1/0=1 5/0=2 7/9=1 9/9=1");
  check_cells (stats, AWB_STAT_RISK_LEVEL, "C1=1 C3=1 C5=1 P=1 =1");
  check_cells (stats, AWB_STAT_SUITABILITY, "mismatch=2 suitable=2 =1");
  check_cells (stats, AWB_STAT_QUESTIONNAIRE, "valid=3 expired=1 =1");
  /* 1,000,000 and 10,000,000 yuan are in the bands they start */
  check_cells (stats, AWB_STAT_ASSET_SIZE, "lt_100k=2 100k_500k=1 1m_5m=1 ge_10m=1");
  check_cells (stats, AWB_STAT_GENDER, "M=2 F=2 =1");
  check_cells (stats, AWB_STAT_REGION, "urban=2 rural=1 =2");
  /* free text by count, then by bytes (上 E4 before 广 E5), "" last */
  check_cells (stats, AWB_STAT_CITY, "北京=2 上海=1 广州=1 =1");
  check_cells (stats, AWB_STAT_INCOME, "low=1 high=1 =3");
  check_cells (stats, AWB_STAT_EXPERIENCE, "3=1 5=1 =3");

  /* champions: clients 1 and 5 */
  m = awb_run_stats_lookup (stats, AWB_STAT_SEGMENT, "champions", "");
  g_assert_cmpint (m.n, ==, 2);
  g_assert_cmpint (m.aum, ==, 1005000000);
  g_assert_cmpint (m.commission, ==, 30000);
  g_assert_cmpint (m.monetary, ==, 30000);
  g_assert_cmpint (m.clv, ==, 140000);
  g_assert_cmpint (m.alloc_low, ==, 20);
  g_assert_cmpint (m.alloc_mid, ==, 60);
  g_assert_cmpint (m.alloc_high, ==, 120);
  g_assert_cmpint (m.n_alloc, ==, 2);
  /* the tier key: client 3, no allocation */
  m = awb_run_stats_lookup (stats, AWB_STAT_TIER, "key", NULL);
  g_assert_cmpint (m.n, ==, 1);
  g_assert_cmpint (m.n_alloc, ==, 0);
  g_assert_cmpint (m.aum, ==, 100000000);
  /* codes without case; an empty cell is all zero */
  g_assert_cmpint (awb_run_stats_lookup (stats, AWB_STAT_RISK_LEVEL, "c3", "").n, ==, 1);
  g_assert_cmpint (awb_run_stats_lookup (stats, AWB_STAT_SEGMENT, "at_risk", "").n, ==, 0);
  g_assert_cmpint (awb_run_stats_lookup (stats, AWB_STAT_SEGMENT, "no such", "").n, ==, 0);
  g_assert_cmpint (awb_run_stats_lookup (stats, AWB_STAT_SEGMENT, "", "").n, ==, 1);
}

/* Per manager: A has clients 1 and 2, B 3 and 5, none client 4. */
static void
test_managers (BookFixture   *f,
               gconstpointer  data)
{
  g_autoptr(AwbRunStats) a = load (f, 2, 1);
  g_autoptr(AwbRunStats) b = load (f, 2, 2);
  g_autoptr(AwbRunStats) none = load (f, 2, AWB_RUN_STATS_NO_MANAGER);
  static const Kpi ka = { 2, 2, 1, 1, 1, 1, 25000000, 51000, 10000, 4, 1 };
  static const Kpi kb = { 2, 2, 2, 1, 1, 0, 1100000000, 97000, 23000, 5, 1 };
  static const Kpi kn = { 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0 };

  check_kpi (awb_run_stats_get_kpi (a), &ka);
  check_kpi (awb_run_stats_get_kpi (b), &kb);
  check_kpi (awb_run_stats_get_kpi (none), &kn);
  check_cells (a, AWB_STAT_SEGMENT, "champions=1 lost=1");
  check_cells (b, AWB_STAT_SEGMENT, "champions=1 new=1");
  check_cells (none, AWB_STAT_SEGMENT, "=1");
  check_cells (b, AWB_STAT_CITY, "北京=1 广州=1");
}

/* The drill-down returns exactly the clients counted, in every cell of
 * every dimension, for the whole book and each manager. */
static void
test_select (BookFixture   *f,
             gconstpointer  data)
{
  static const gint64 managers[] = { 0, 1, 2, AWB_RUN_STATS_NO_MANAGER };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  ids = awb_run_stats_select (f->db, 2, 0, AWB_STAT_SEGMENT, "champions", "", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, 5);
  g_clear_pointer (&ids, g_array_unref);
  ids = awb_run_stats_select (f->db, 2, 0, AWB_STAT_LOYALTY_PLANE, "5", "0", NULL, &error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, 4);
  g_clear_pointer (&ids, g_array_unref);
  ids = awb_run_stats_select (f->db, 2, 1, AWB_STAT_SEGMENT, "champions", "", NULL, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 1);
  g_clear_pointer (&ids, g_array_unref);

  for (guint m = 0; m < G_N_ELEMENTS (managers); m++)
    {
      g_autoptr(AwbRunStats) stats = load (f, 2, managers[m]);

      for (int d = 0; d < AWB_N_STAT_DIMENSIONS; d++)
        {
          guint n;
          const AwbStatCell *cells = awb_run_stats_get_cells (stats, d, &n);
          gint64 total = 0;

          for (guint i = 0; i < n; i++)
            {
              g_autoptr(GArray) sel = awb_run_stats_select (f->db, 2, managers[m], d, cells[i].key,
                                                            cells[i].key2, NULL, &error);

              g_assert_no_error (error);
              g_assert_cmpint (sel->len, ==, cells[i].m.n);
              total += cells[i].m.n;
            }
          /* every client is in one cell of each dimension; R×F: the scored */
          g_assert_cmpint (total, ==, d == AWB_STAT_RF ? awb_run_stats_get_kpi (stats)->n_scored
                                                       : awb_run_stats_get_kpi (stats)->n_clients);
        }
    }
}

static void
check_migration (BookFixture      *f,
                 gint64            from,
                 gint64            to,
                 AwbMigrationKind  kind,
                 gint64            manager,
                 const char       *expected)
{
  g_autoptr(GError) error = NULL;
  AwbLabelMigration m = { 0 };
  g_autoptr(GString) s = g_string_new (NULL);
  guint n;

  g_assert_true (awb_run_stats_migration (f->db, from, to, kind, manager, &m, NULL, &error));
  g_assert_no_error (error);
  n = m.n_codes + 1;
  g_assert_cmpuint (m.n_codes, ==, kind == AWB_MIGRATION_SEGMENTS ? 11 : 4);
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      if (m.counts[i * n + j] != 0)
        g_string_append_printf (s, "%s%s>%s=%" G_GINT64_FORMAT, s->len ? " " : "",
                                awb_label_migration_code (&m, i), awb_label_migration_code (&m, j),
                                m.counts[i * n + j]);
  awb_label_migration_clear (&m);
  g_assert_cmpstr (s->str, ==, expected);
}

/* Run 1 to run 2: client 3 was a prospect (none → new), 4 becomes one
 * (lost → none), 5 is new to the book (none → champions), 6 has left it
 * (at_risk → none).  Stored with run 2 (its previous run); backwards and
 * per manager merged now. */
static void
test_migration (BookFixture   *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  check_migration (f, 1, 2, AWB_MIGRATION_SEGMENTS, 0,
                   "champions>champions=1 loyal>lost=1 at_risk>none=1 lost>none=1"
                   " none>champions=1 none>new=1");
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM run_migrations WHERE run_id = 2"
                                     " AND from_run = 1"), >, 0);
  check_migration (f, 1, 2, AWB_MIGRATION_TIERS, 0,
                   "vip>vip=1 key>standard=1 key>none=1 standard>basic=1 basic>key=1 none>vip=1");
  check_migration (f, 2, 1, AWB_MIGRATION_SEGMENTS, 0,
                   "champions>champions=1 champions>none=1 new>none=1 lost>loyal=1"
                   " none>at_risk=1 none>lost=1");
  /* per manager: the one of the client (6 has none: whole book only) */
  check_migration (f, 1, 2, AWB_MIGRATION_SEGMENTS, 1, "champions>champions=1 loyal>lost=1");
  check_migration (f, 1, 2, AWB_MIGRATION_SEGMENTS, 2, "none>champions=1 none>new=1");
  check_migration (f, 1, 2, AWB_MIGRATION_SEGMENTS, AWB_RUN_STATS_NO_MANAGER, "lost>none=1");
  check_migration (f, 2, 1, AWB_MIGRATION_SEGMENTS, 2, "champions>none=1 new>none=1");
  check_migration (f, 1, 1, AWB_MIGRATION_TIERS, 1, "vip>vip=1 key>key=1");

  ids = awb_run_stats_select_migration (f->db, 1, 2, AWB_MIGRATION_SEGMENTS, 0, "none", "champions",
                                        NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 5);
  g_clear_pointer (&ids, g_array_unref);
  /* client 6 is counted but no longer in the book */
  ids = awb_run_stats_select_migration (f->db, 1, 2, AWB_MIGRATION_SEGMENTS, 0, "at_risk", "none",
                                        NULL, &error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);
  ids = awb_run_stats_select_migration (f->db, 1, 2, AWB_MIGRATION_TIERS, 1, "key", "standard",
                                        NULL, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 2);
  g_clear_pointer (&ids, g_array_unref);
  ids = awb_run_stats_select_migration (f->db, 1, 2, AWB_MIGRATION_TIERS, 2, "key", "standard",
                                        NULL, &error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  g_assert_false (awb_run_stats_migration (f->db, 1, 9, AWB_MIGRATION_TIERS, 0,
                                           &(AwbLabelMigration) { 0 }, NULL, &error));
  g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_FOUND);
}

/* Run 1 was stored before schema 4: counted when first asked for, its
 * commission from the trades of 19635 < d <= 20000 (7.00 + 0.30 + 0.11);
 * client 6 is no longer in the book and not counted.  Active (recency <
 * 365): 1, 2; churn risk: 4 (R1).  Survey of 19735 (2, client 2); the
 * follow-up due 19000 is overdue. */
static void
test_series (BookFixture   *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) series = NULL;
  static const Kpi k1 = { 4, 3, 2, 1, 0, 1, 125000000, 0, 741, 2, 1 };
  static const Kpi k2 = { 5, 4, 3, 2, 2, 2, 1125000000, 148000, 33000, 9, 2 };
  static const Kpi k1a = { 2, 2, 2, 0, 0, 0, 25000000, 0, 730, 2, 1 };

  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM run_kpis"), ==, 0);
  series = awb_run_stats_kpi_series (f->db, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (series->len, ==, 2);
  g_assert_cmpint (g_array_index (series, AwbRunKpi, 0).run_id, ==, 1);
  g_assert_cmpint (g_array_index (series, AwbRunKpi, 0).as_of, ==, 20000);
  check_kpi (&g_array_index (series, AwbRunKpi, 0), &k1);
  check_kpi (&g_array_index (series, AwbRunKpi, 1), &k2);
  g_clear_pointer (&series, g_array_unref);

  series = awb_run_stats_kpi_series (f->db, 1, NULL, &error);
  g_assert_cmpuint (series->len, ==, 2);
  check_kpi (&g_array_index (series, AwbRunKpi, 0), &k1a);
}

static void
check_same (AwbRunStats *a,
            AwbRunStats *b)
{
  g_assert_cmpmem (awb_run_stats_get_kpi (a), sizeof (AwbRunKpi),
                   awb_run_stats_get_kpi (b), sizeof (AwbRunKpi));
  for (int d = 0; d < AWB_N_STAT_DIMENSIONS; d++)
    {
      guint na, nb;
      const AwbStatCell *ca = awb_run_stats_get_cells (a, d, &na);
      const AwbStatCell *cb = awb_run_stats_get_cells (b, d, &nb);

      g_assert_cmpuint (na, ==, nb);
      for (guint i = 0; i < na; i++)
        {
          g_assert_cmpstr (ca[i].key, ==, cb[i].key);
          g_assert_cmpstr (ca[i].key2, ==, cb[i].key2);
          g_assert_cmpmem (&ca[i].m, sizeof ca[i].m, &cb[i].m, sizeof cb[i].m);
        }
    }
}

/* Counts deleted by hand are counted again to the same values; deleting
 * a run deletes its counts and the migration counted from it. */
static void
test_recount_and_delete (BookFixture   *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbRunStats) first = load (f, 2, 0);
  g_autoptr(AwbRunStats) again = NULL;

  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM run_kpis WHERE run_id = 2"), ==, 3);
  g_assert_true (awb_database_exec (f->db, "DELETE FROM run_stats WHERE run_id = 2;"
                                           "DELETE FROM run_kpis WHERE run_id = 2", &error));
  again = load (f, 2, 0);
  check_same (first, again);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM run_kpis WHERE run_id = 2"), ==, 3);

  g_clear_pointer (&again, awb_run_stats_unref);
  again = load (f, 1, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM run_stats WHERE run_id = 1"), >, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM run_migrations WHERE from_run = 1"), >, 0);
  g_assert_true (awb_scoring_delete_run (f->db, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM run_stats WHERE run_id = 1"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM run_kpis WHERE run_id = 1"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM run_migrations WHERE from_run = 1"),
                   ==, 0);
  /* what is left of run 2 is untouched */
  g_clear_pointer (&again, awb_run_stats_unref);
  again = load (f, 2, 0);
  check_same (first, again);

  g_assert_null (awb_run_stats_load (f->db, 1, 0, NULL, &error));
  g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_FOUND);
}

/* A scoring run stores its counts in its transaction, and the commission
 * of each client's last 365 days with its scores: as of day 20100, the
 * trades after 19735: 7.00 (client 1), 10.00 (client 2), 0.11 (client 3). */
static void
test_scoring_run (BookFixture   *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbRunStats) stats = NULL;
  AwbScoreOptions options;
  AwbScoreResult result;

  awb_score_options_init (&options, 20100);
  g_assert_true (awb_scoring_score_book (f->db, &options, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM run_kpis WHERE run_id = 3"), ==, 3);
  g_assert_cmpint (query_int (f->db, "SELECT commission_12m FROM scores WHERE id = (3 << 32) | 1"),
                   ==, 700);
  g_assert_cmpint (query_int (f->db, "SELECT commission_12m FROM scores WHERE id = (3 << 32) | 2"),
                   ==, 1000);
  g_assert_cmpint (query_int (f->db, "SELECT commission_12m FROM scores WHERE id = (3 << 32) | 3"),
                   ==, 11);
  g_assert_cmpint (query_int (f->db, "SELECT commission_12m FROM scores WHERE id = (3 << 32) | 4"),
                   ==, 0);
  stats = load (f, 3, 0);
  g_assert_cmpint (awb_run_stats_get_kpi (stats)->n_clients, ==, 5);
  g_assert_cmpint (awb_run_stats_get_kpi (stats)->commission, ==, 1711);
  /* clients 1, 2 and 3 traded; 4 and 5 are prospects */
  g_assert_cmpint (awb_run_stats_get_kpi (stats)->n_scored, ==, 3);
  /* the migration from run 2 is stored with it */
  g_assert_cmpint (query_int (f->db, "SELECT sum(n) FROM run_migrations WHERE run_id = 3"
                                     " AND from_run = 2 AND kind = 'tiers'"), ==, 5);
}

static void
test_dimension_names (void)
{
  AwbStatDimension dim;

  g_assert_cmpstr (awb_stat_dimension_to_string (AWB_STAT_SEGMENT), ==, "segment");
  g_assert_cmpstr (awb_stat_dimension_to_string (AWB_STAT_CAPITAL_TURNOVER), ==, "capital_turnover");
  g_assert_cmpstr (awb_stat_dimension_to_string (AWB_STAT_VALUE_TIER), ==, "value_tier");
  for (int d = 0; d < AWB_N_STAT_DIMENSIONS; d++)
    {
      g_assert_true (awb_stat_dimension_from_string (awb_stat_dimension_to_string (d), &dim));
      g_assert_cmpint (dim, ==, d);
    }
  g_assert_false (awb_stat_dimension_from_string ("nope", &dim));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/awb/run-stats/dimension-names", test_dimension_names);
  g_test_add ("/awb/run-stats/whole-book", BookFixture, NULL, setup, test_whole_book,
              book_fixture_teardown);
  g_test_add ("/awb/run-stats/managers", BookFixture, NULL, setup, test_managers,
              book_fixture_teardown);
  g_test_add ("/awb/run-stats/select", BookFixture, NULL, setup, test_select,
              book_fixture_teardown);
  g_test_add ("/awb/run-stats/migration", BookFixture, NULL, setup, test_migration,
              book_fixture_teardown);
  g_test_add ("/awb/run-stats/series", BookFixture, NULL, setup, test_series,
              book_fixture_teardown);
  g_test_add ("/awb/run-stats/recount-and-delete", BookFixture, NULL, setup,
              test_recount_and_delete, book_fixture_teardown);
  g_test_add ("/awb/run-stats/scoring-run", BookFixture, NULL, setup, test_scoring_run,
              book_fixture_teardown);

  return g_test_run ();
}
