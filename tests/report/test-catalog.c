/* test-catalog.c: the dashboard's charts say what their shares are of, and
 * their numbers are the run's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On a demo branch of 300 clients scored twice:
 *  - every bar chart of clients has one bar per client group, so its bars
 *    add up to the run's clients and its shares to 100 % (the old page
 *    showed segment shares of scored clients beside the prospects' share
 *    of all clients: 107.8 %);
 *  - the segments chart's bars equal a GROUP BY over the run's scores
 *    (prospects: rfm_segment NULL), and its strategies are the book's
 *    settings, edited ones included;
 *  - the R × F grid is of the scored clients only;
 *  - the segment migration's cells add up to the clients of either run,
 *    and the largest move in words is the largest off-diagonal cell;
 *  - a drill-down key selects exactly the bar's number of clients.
 */
#include "config.h"

#include <math.h>

#include "awb-chart-catalog.h"
#include "awb-codes.h"
#include "awb-date.h"
#include "awb-demo.h"
#include "awb-scoring.h"
#include "awb-settings-store.h"
#include "book-fixture.h"

static void
scored_setup (BookFixture   *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AwbDemoOptions demo;
  AwbScoreOptions options;
  AwbScoreResult result;

  book_fixture_setup (f, data);
  awb_demo_options_init (&demo);
  demo.n_clients = 300;
  demo.seed = 9;
  demo.end_date = awb_date_from_ymd (2026, 6, 30);
  g_assert_true (awb_demo_generate (f->db, &demo, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  awb_score_options_init (&options, awb_date_from_ymd (2026, 3, 31));
  g_assert_true (awb_scoring_score_book (f->db, &options, NULL, NULL, NULL, &result, &error));
  awb_score_options_init (&options, awb_date_from_ymd (2026, 6, 30));
  g_assert_true (awb_scoring_score_book (f->db, &options, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
}

static double
column_sum (AwbChartTable *table,
            guint          column)
{
  double sum = 0;

  for (guint i = 0; i < awb_chart_table_get_n_rows (table); i++)
    {
      double v = awb_chart_table_get_row (table, i)->values[column];

      if (!isnan (v))
        sum += v;
    }
  return sum;
}

static void
test_shares (BookFixture   *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDashboardData) dash = awb_dashboard_data_load (f->db, AWB_DASHBOARD_LATEST,
                                                              AWB_DASHBOARD_PREVIOUS, 0, NULL, &error);

  g_assert_no_error (error);
  for (guint k = 0; k < AWB_N_CHARTS; k++)
    {
      g_autoptr(AwbChartTable) table = awb_chart_catalog_build (dash, k);
      double percent = 0;

      g_assert_nonnull (table);
      if (table->shape != AWB_CHART_BARS)
        continue;
      g_test_message ("%s", table->id);
      /* every client of the run in exactly one bar */
      g_assert_cmpfloat (table->denominator, ==, 300);
      g_assert_cmpfloat (column_sum (table, 0), ==, 300);
      for (guint i = 0; i < awb_chart_table_get_n_rows (table); i++)
        percent += awb_chart_table_get_percent (table, i);
      g_assert_cmpfloat_with_epsilon (percent, 100.0, 1e-9);
      g_assert_nonnull (table->denominator_label);
    }
}

static void
test_segments (BookFixture   *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDashboardData) dash = NULL;
  g_autoptr(AwbChartTable) table = NULL;
  gint64 run = book_query_int (f->db, "SELECT max(id) FROM scoring_runs");
  guint n_segments = awb_code_count (AWB_KIND_RFM_SEGMENT);

  const char *keys[] = { "text.segment.champions" };
  const char *values[] = { "Invite to the annual dinner" };

  g_assert_true (awb_settings_store_set (f->db, 1, keys, values, &error));
  g_assert_no_error (error);
  dash = awb_dashboard_data_load (f->db, AWB_DASHBOARD_LATEST, AWB_DASHBOARD_PREVIOUS, 0,
                                  NULL, &error);
  g_assert_no_error (error);
  table = awb_chart_catalog_build (dash, AWB_CHART_SEGMENTS);

  /* every segment in the code table's order, then the prospects */
  g_assert_cmpuint (awb_chart_table_get_n_rows (table), ==, n_segments + 1);
  for (guint s = 0; s <= n_segments; s++)
    {
      AwbChartRow *row = awb_chart_table_get_row (table, s);
      g_autofree char *sql = s < n_segments
        ? g_strdup_printf ("SELECT count(*) FROM scores WHERE run_id = %" G_GINT64_FORMAT
                           " AND rfm_segment = %u", run, s)
        : g_strdup_printf ("SELECT count(*) FROM scores WHERE run_id = %" G_GINT64_FORMAT
                           " AND rfm_segment IS NULL", run);
      g_autoptr(GArray) ids = NULL;

      g_assert_cmpfloat (row->values[0], ==, (double) book_query_int (f->db, sql));
      /* the bar's clients, by its key: as many as it counts */
      ids = awb_dashboard_data_select (f->db, dash, row->key, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat ((double) ids->len, ==, row->values[0]);
    }
  g_assert_cmpstr (awb_chart_table_get_row (table, AWB_SEGMENT_CHAMPIONS)->note, ==,
                   "Invite to the annual dinner");
  g_assert_cmpstr (awb_chart_table_get_row (table, n_segments)->label, ==, "Prospects (no trade)");
}

static void
test_rf_and_migration (BookFixture   *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDashboardData) dash = awb_dashboard_data_load (f->db, AWB_DASHBOARD_LATEST,
                                                              AWB_DASHBOARD_PREVIOUS, 0, NULL, &error);
  g_autoptr(AwbChartTable) rf = NULL;
  g_autoptr(AwbChartTable) migration = NULL;
  g_auto(GStrv) moves = NULL;
  gint64 scored = book_query_int (f->db, "SELECT count(*) FROM scores WHERE run_id ="
                                         " (SELECT max(id) FROM scoring_runs) AND r_score IS NOT NULL");
  gint64 either = book_query_int (f->db, "SELECT count(DISTINCT client_id) FROM scores");
  double largest = 0;
  const AwbChartRow *largest_row = NULL;

  g_assert_no_error (error);
  rf = awb_chart_catalog_build (dash, AWB_CHART_RF_HEATMAP);
  g_assert_cmpuint (awb_chart_table_get_n_rows (rf), ==, 25);
  g_assert_cmpfloat (column_sum (rf, 0), ==, (double) scored);
  g_assert_cmpfloat (rf->denominator, ==, (double) scored);

  migration = awb_chart_catalog_build (dash, AWB_CHART_SEGMENT_MIGRATION);
  g_assert_cmpfloat (column_sum (migration, 0), ==, (double) either);
  for (guint i = 0; i < awb_chart_table_get_n_rows (migration); i++)
    {
      const AwbChartRow *row = awb_chart_table_get_row (migration, i);

      if (row->gx != row->gy && row->values[0] > largest)
        {
          largest = row->values[0];
          largest_row = row;
        }
    }
  g_assert_nonnull (largest_row);
  moves = awb_chart_catalog_largest_moves (dash, AWB_MIGRATION_SEGMENTS, 3);
  g_assert_nonnull (moves[0]);
  {
    /* "41 Champions → At risk": the count, then the cell's own label */
    g_autofree char *expected = g_strdup_printf ("%.0f %s", largest, largest_row->label);

    g_assert_cmpstr (moves[0], ==, expected);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/awb/catalog/shares", BookFixture, NULL, scored_setup, test_shares,
              book_fixture_teardown);
  g_test_add ("/awb/catalog/segments", BookFixture, NULL, scored_setup, test_segments,
              book_fixture_teardown);
  g_test_add ("/awb/catalog/rf-and-migration", BookFixture, NULL, scored_setup,
              test_rf_and_migration, book_fixture_teardown);

  return g_test_run ();
}
