/* bench-classify.c: how fast is the classify step of a scoring run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: bench-classify [--clients N] [--book PATH] [--as-of DATE]
 *
 * Without --book: N synthetic clients (default 1,000,000; profiles,
 * trades-derived facts and RFM labels drawn from a seeded generator), then
 * awb_classify_book three times; prints the best time.
 * With --book: gathers the book's facts (read only: nothing is written),
 * scores RFM, classifies, and prints the time of each step.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "awb-classify.h"
#include "awb-date.h"
#include "awb-rfm.h"
#include "awb-scoring.h"

/* CPU seconds of this thread: on a machine shared with other work, the
 * wall time says more about the neighbours than about the code. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
synthesize (AwbClientFacts  *f,
            AwbClientLabels *l,
            gsize            n,
            AwbDate          as_of)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);

  for (gsize i = 0; i < n; i++)
    {
      awb_client_facts_init (&f[i]);
      awb_rfm_labels_init (&l[i]);
      f[i].id = (gint64) i + 1;
      f[i].client_no = g_strdup_printf ("%010" G_GSIZE_FORMAT, (gsize) g_rand_int (rand));
      f[i].birth_date = as_of - g_rand_int_range (rand, 18 * 365, 85 * 365);
      f[i].opened_on = as_of - g_rand_int_range (rand, 0, 15 * 365);
      f[i].assessed_on = as_of - g_rand_int_range (rand, 0, 4 * 365);
      f[i].aum = g_rand_int_range (rand, 0, 1000000000);
      f[i].share_of_wallet = g_rand_int_range (rand, 0, 101);
      f[i].marital = (gint8) g_rand_int_range (rand, -1, 4);
      f[i].employment = (gint8) g_rand_int_range (rand, 0, 3);
      f[i].loyalty_driver = (gint8) g_rand_int_range (rand, 0, 6);
      f[i].children = (gint16) g_rand_int_range (rand, 0, 3);
      f[i].youngest_child_age = (gint16) g_rand_int_range (rand, 0, 30);
      f[i].referrals = g_rand_int_range (rand, 0, 6);
      for (int q = 0; q < 5; q++)
        {
          f[i].q_capacity[q] = (gint8) g_rand_int_range (rand, 0, 6);
          f[i].q_attitude[q] = (gint8) g_rand_int_range (rand, 1, 6);
        }
      f[i].loss_tolerance_pct = (gint16) g_rand_int_range (rand, 0, 40);
      if (g_rand_int_range (rand, 0, 10) > 0)
        {
          f[i].first_trade = f[i].opened_on;
          f[i].last_trade = as_of - g_rand_int_range (rand, 0, 500);
          f[i].n_12m = (guint32) g_rand_int_range (rand, 0, 60);
          f[i].amount_12m = g_rand_int_range (rand, 0, 2000000000);
          f[i].commission_12m = g_rand_int_range (rand, 0, 10000000);
          f[i].months_12m = (guint16) g_rand_int_range (rand, 0, 1 << 13);
          f[i].n_12m_by_risk[g_rand_int_range (rand, 0, 5)] = f[i].n_12m;
          l[i].r_score = (gint8) g_rand_int_range (rand, 1, 6);
          l[i].f_score = (gint8) g_rand_int_range (rand, 1, 6);
          l[i].m_score = (gint8) g_rand_int_range (rand, 1, 6);
          l[i].rfm_segment = (gint8) g_rand_int_range (rand, 0, AWB_N_SEGMENTS);
        }
      f[i].last_interaction = as_of - g_rand_int_range (rand, 0, 400);
      f[i].latest_survey = (gint8) g_rand_int_range (rand, -1, 6);
    }
}

int
main (int   argc,
      char *argv[])
{
  gint64 n_opt = 1000000;
  g_autofree char *book = NULL;
  g_autofree char *as_of_opt = NULL;
  const GOptionEntry entries[] = {
    { "clients", 0, 0, G_OPTION_ARG_INT64, &n_opt, "Synthetic clients (default 1000000)", "N" },
    { "book", 0, 0, G_OPTION_ARG_FILENAME, &book, "Gather the facts of this book instead", "PATH" },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_opt, "Reference date (default today)", "DATE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbSettings) s = awb_settings_new ();
  g_autofree AwbClientLabels *labels = NULL;
  AwbClientFacts *facts = NULL;
  AwbDate as_of = awb_date_today ();
  gsize n;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      (as_of_opt != NULL && !awb_date_parse (as_of_opt, -1, &as_of)))
    {
      g_printerr ("bench-classify: %s\n", error ? error->message : "bad --as-of");
      return 2;
    }

  if (book != NULL)
    {
      g_autoptr(AwbDatabase) db = awb_database_open (book, &error);
      AwbRfmBreakpoints bp;
      gint64 t0, t1, t2, t3;
      double c2, c3;

      if (db == NULL)
        {
          g_printerr ("bench-classify: %s\n", error->message);
          return 1;
        }
      t0 = g_get_monotonic_time ();
      if (!awb_scoring_gather (db, as_of, s->rfm.window_days, &facts, &n, NULL, NULL, NULL,
                               &error))
        {
          g_printerr ("bench-classify: %s\n", error->message);
          return 1;
        }
      t1 = g_get_monotonic_time ();
      labels = g_new (AwbClientLabels, n);
      for (gsize i = 0; i < n; i++)
        awb_rfm_labels_init (&labels[i]);
      awb_rfm_score_book (&s->rfm, as_of, facts, labels, n, &bp);
      t2 = g_get_monotonic_time ();
      c2 = cpu_seconds ();
      awb_classify_book (s, as_of, facts, labels, n);
      c3 = cpu_seconds ();
      t3 = g_get_monotonic_time ();
      printf ("clients %" G_GSIZE_FORMAT ": gather %.3f s, rfm %.3f s, classify %.3f s "
              "(%.3f s CPU)\n", n, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, c3 - c2);
    }
  else
    {
      double best = G_MAXDOUBLE, best_cpu = G_MAXDOUBLE;

      n = (gsize) MAX (n_opt, 1);
      facts = g_new (AwbClientFacts, n);
      labels = g_new (AwbClientLabels, n);
      synthesize (facts, labels, n, as_of);
      for (int round = 0; round < 3; round++)
        {
          gint64 t0 = g_get_monotonic_time ();
          double c0 = cpu_seconds ();
          awb_classify_book (s, as_of, facts, labels, n);
          best_cpu = MIN (best_cpu, cpu_seconds () - c0);
          best = MIN (best, (g_get_monotonic_time () - t0) / 1e6);
        }
      printf ("classify %" G_GSIZE_FORMAT " clients: best of 3 %.3f s wall, %.3f s CPU\n", n,
              best, best_cpu);
    }
  awb_client_facts_free (facts, n);
  return 0;
}
