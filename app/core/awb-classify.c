/* awb-classify.c: the book-level classify step of a scoring run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs after RFM has filled the RFM part of every label and fills all the
 * rest.  Per client, in dependency order:
 *
 *   risk (§7)       capacity, attitude, bands, allocation, level, expiry,
 *                   mismatches
 *   loyalty (§6)    dependency, persistence, type, score, lifecycle
 *                   (needs r_score)
 *   tier (§4, §5)   tier score (needs attitude and the loyalty score),
 *                   service group, cadence, overdue, capital × turnover
 *   life stage (§8) age group, life stage, family stage
 *   value (§9)      lifetime value (needs the loyalty type)
 *
 * Two steps need the whole book: the percent ranks of AUM and of trades of
 * the last 12 months (§4, over every client, prospects included) before the
 * tier, and the value tiers (§9) after every lifetime value.  Both sort:
 * O(n log n) time, a few arrays of n, nothing allocated per client.
 */
#define G_LOG_DOMAIN "awb-classify"

#define PARALLEL_FROM 65536   /* clients; fewer are classified on one thread */

#include "config.h"

#include "awb-classify.h"
#include "awb-nba.h"
#include "awb-lifestage.h"
#include "awb-loyalty.h"
#include "awb-risk.h"
#include "awb-tier.h"
#include "awb-value.h"

/**
 * awb_classify_client:
 *
 * Classifies one client given its two percent ranks in the book; fills
 * every label but value_tier, which needs the whole book.
 */
void
awb_classify_client (const AwbSettings    *s,
                     AwbDate               as_of,
                     const AwbClientFacts *f,
                     double                aum_rank,
                     double                frequency_rank,
                     AwbClientLabels      *l)
{
  awb_risk_classify (s, as_of, f, l, NULL);
  awb_loyalty_classify (s, as_of, f, l, NULL);
  awb_tier_classify (s, as_of, f, aum_rank, frequency_rank, l, NULL);
  awb_lifestage_classify (s, as_of, f, l, NULL);
  l->clv = awb_value_clv (s, f->commission_12m, l->loyalty_type);
  l->value_tier = AWB_UNKNOWN;
  l->first_action = (gint8) awb_nba_first (f, l);
}

/* A share of the classify step for a second thread: the percent ranks of
 * one factor, or the per-client labels of a range of clients. */
typedef struct
{
  const AwbSettings    *s;
  AwbDate               as_of;
  const AwbClientFacts *facts;
  AwbClientLabels      *labels;
  const double         *aum_rank;
  const double         *frequency_rank;
  gsize                 lo, hi;
  const gint64         *values;   /* ranks: the factor's values, hi of them */
  double               *ranks;
} Part;

static gpointer
rank_part (gpointer data)
{
  Part *p = data;

  awb_percent_ranks (p->values, p->hi, p->ranks);
  return NULL;
}

static gpointer
classify_part (gpointer data)
{
  Part *p = data;

  for (gsize i = p->lo; i < p->hi; i++)
    awb_classify_client (p->s, p->as_of, &p->facts[i], p->aum_rank[i], p->frequency_rank[i],
                         &p->labels[i]);
  return NULL;
}

/* Runs @func on @second in a thread and on @first here; a small book
 * stays on this thread. */
static void
both_halves (GThreadFunc  func,
             Part        *first,
             Part        *second,
             gsize        n)
{
  GThread *thread = NULL;

  if (n >= PARALLEL_FROM)
    thread = g_thread_new ("awb-classify", func, second);
  else
    func (second);
  func (first);
  if (thread != NULL)
    g_thread_join (thread);
}

/**
 * awb_classify_book_full:
 * @aum_rank: (out caller-allocates) (array length=n) (optional)
 * @frequency_rank: (out caller-allocates) (array length=n) (optional)
 * @value_position: (out caller-allocates) (array length=n) (optional)
 *
 * awb_classify_book() that also hands back the book-level context of each
 * client (what explain needs).  On a large book the two rankings, then the
 * two halves of the clients, are done by two threads (each client's labels
 * depend only on its facts and the rankings, so the result is the same).
 */
void
awb_classify_book_full (const AwbSettings    *s,
                        AwbDate               as_of,
                        const AwbClientFacts *facts,
                        AwbClientLabels      *labels,
                        gsize                 n,
                        double               *aum_rank,
                        double               *frequency_rank,
                        guint32              *value_position)
{
  g_autofree gint64 *aum = NULL;
  g_autofree gint64 *frequency = NULL;
  g_autofree double *own_aum = NULL;
  g_autofree double *own_freq = NULL;
  Part first, second;
  gint64 t0, t1, t2;

  g_return_if_fail (s != NULL);
  g_return_if_fail (n == 0 || (facts != NULL && labels != NULL));

  if (n == 0)
    return;
  if (aum_rank == NULL)
    aum_rank = own_aum = g_new (double, n);
  if (frequency_rank == NULL)
    frequency_rank = own_freq = g_new (double, n);

  aum = g_new (gint64, n);
  frequency = g_new (gint64, n);
  for (gsize i = 0; i < n; i++)
    {
      aum[i] = facts[i].aum;
      frequency[i] = facts[i].n_12m;
    }
  t0 = g_get_monotonic_time ();
  first = (Part) { .values = aum, .hi = n, .ranks = aum_rank };
  second = (Part) { .values = frequency, .hi = n, .ranks = frequency_rank };
  both_halves (rank_part, &first, &second, n);
  t1 = g_get_monotonic_time ();

  first = (Part) { s, as_of, facts, labels, aum_rank, frequency_rank, 0, n / 2, NULL, NULL };
  second = first;
  second.lo = n / 2;
  second.hi = n;
  both_halves (classify_part, &first, &second, n);
  t2 = g_get_monotonic_time ();

  awb_value_tiers (s, facts, labels, n, value_position);
  g_debug ("classified %" G_GSIZE_FORMAT " clients: ranks %.3f s, labels %.3f s, values %.3f s",
           n, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (g_get_monotonic_time () - t2) / 1e6);
}

/**
 * awb_classify_book:
 * @facts: (array length=n): every client of the book
 * @labels: (array length=n): their labels, the RFM part filled
 *
 * The classify step of a scoring run: fills every non-RFM label of every
 * client.
 */
void
awb_classify_book (const AwbSettings    *s,
                   AwbDate               as_of,
                   const AwbClientFacts *facts,
                   AwbClientLabels      *labels,
                   gsize                 n)
{
  awb_classify_book_full (s, as_of, facts, labels, n, NULL, NULL, NULL);
}

/**
 * awb_classify_hook:
 * @user_data: the `const AwbSettings *` in force
 *
 * The classify step in the shape of the scoring run's hook
 * (AwbClassifyFunc): pass it with the settings to awb_scoring_run().
 * Cannot fail.
 */
gboolean
awb_classify_hook (AwbDate                as_of,
                   const AwbClientFacts  *facts,
                   AwbClientLabels       *labels,
                   gsize                  n,
                   gpointer               user_data,
                   GError               **error)
{
  g_return_val_if_fail (user_data != NULL, FALSE);

  awb_classify_book (user_data, as_of, facts, labels, n);
  return TRUE;
}
