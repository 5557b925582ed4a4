/* awb-client-explanation.c: every label of one client, explained as
 * `explain` explains it, and what an edit of the profile would change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A client's labels owe to the whole book: the RFM breakpoints, the percent
 * ranks of AUM and of trading frequency, the place in the lifetime-value
 * ranking.  So explaining one client scores the whole book in memory, as
 * of a date with the book's settings, without storing a run — the work of
 * `advisor-workbench-cli explain` (about 2 s for a million clients and
 * twenty million trades; the profile editor does it in a thread) — and
 * keeps what one client needs: its facts, its labels, its place in the
 * book, and the book's AUMs in order.
 *
 * With those, awb_client_explanation_relabel() answers at once what the
 * labels would be if the profile's fields were as edited: the client's
 * trades and interactions stay what the book has, the frequency rank stays
 * (a profile holds no trade), the AUM rank is counted again among the other
 * clients' AUMs.  A client's lifetime value is recomputed; its value tier
 * is a place in the book's ranking, which one edit can move, so the value
 * tier is read again from the kept ranking of everyone else's values: the
 * place after every other client of a higher value (the ranking breaks a
 * tie by account number, which is not kept: at a cut that falls inside a
 * run of equal values the answer can be one tier off).
 */
#define G_LOG_DOMAIN "awb-client-explanation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "awb-classify.h"
#include "awb-date.h"
#include "awb-client-explanation.h"
#include "awb-rfm.h"
#include "awb-scoring.h"
#include "awb-settings-store.h"
#include "awb-value.h"

struct _AwbClientExplanation
{
  AwbSettings     *settings;
  AwbDate          as_of;
  AwbClientFacts   facts;        /* the client's, client_no owned */
  AwbClientLabels  labels;
  double           aum_rank;
  double           frequency_rank;
  gint64          *aums;         /* every client's AUM, ascending */
  gint64          *clvs;         /* every client's lifetime value, ascending */
  gsize            n_book;
  char           **parts;        /* AWB_N_EXPLAIN_PARTS texts */
  char            *rfm_text;
};

static int
compare_gint64 (const void *a,
                const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/**
 * awb_client_explanation_load:
 * @client_id: clients.id
 * @as_of: the reference date
 *
 * Scores the book in memory as of @as_of with its settings, and keeps the
 * explanation of one client's labels.
 *
 * Returns: (transfer full): the explanation, or %NULL with @error set
 * (AWB_DATABASE_ERROR_NOT_FOUND when the client is not in the book).
 */
AwbClientExplanation *
awb_client_explanation_load (AwbDatabase   *db,
                             gint64         client_id,
                             AwbDate        as_of,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(AwbSettings) s = NULL;
  g_autofree AwbClientLabels *labels = NULL;
  g_autofree double *aum_rank = NULL;
  g_autofree double *freq_rank = NULL;
  g_autofree guint32 *place = NULL;
  AwbClientFacts *facts = NULL;
  AwbClientExplanation *self;
  AwbRfmBreakpoints bp;
  AwbExplainContext ctx;
  gsize n = 0, who = G_MAXSIZE;

  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);

  s = awb_settings_store_load (db, error);
  if (s == NULL ||
      !awb_scoring_gather (db, as_of, s->rfm.window_days, &facts, &n, NULL, NULL, cancellable,
                           error))
    return NULL;
  for (gsize i = 0; i < n && who == G_MAXSIZE; i++)
    if (facts[i].id == client_id)
      who = i;
  if (who == G_MAXSIZE)
    {
      awb_client_facts_free (facts, n);
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_FOUND,
                   _("The client is no longer in the book."));
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      awb_client_facts_free (facts, n);
      return NULL;
    }
  labels = g_new (AwbClientLabels, n);
  for (gsize i = 0; i < n; i++)
    awb_rfm_labels_init (&labels[i]);
  aum_rank = g_new (double, n);
  freq_rank = g_new (double, n);
  place = g_new (guint32, n);
  awb_rfm_score_book (&s->rfm, as_of, facts, labels, n, &bp);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      awb_client_facts_free (facts, n);
      return NULL;
    }
  awb_classify_book_full (s, as_of, facts, labels, n, aum_rank, freq_rank, place);

  self = g_new0 (AwbClientExplanation, 1);
  self->as_of = as_of;
  self->n_book = n;
  self->facts = facts[who];
  self->facts.client_no = g_strdup (facts[who].client_no);
  self->labels = labels[who];
  self->aum_rank = aum_rank[who];
  self->frequency_rank = freq_rank[who];
  self->aums = g_new (gint64, n);
  for (gsize i = 0; i < n; i++)
    self->aums[i] = facts[i].aum;
  qsort (self->aums, n, sizeof (gint64), compare_gint64);
  self->clvs = g_new (gint64, n);
  for (gsize i = 0; i < n; i++)
    self->clvs[i] = labels[i].clv;
  qsort (self->clvs, n, sizeof (gint64), compare_gint64);

  self->rfm_text = awb_rfm_explain (&s->rfm, &bp, &labels[who]);
  ctx.n_book = n;
  ctx.aum_rank = aum_rank[who];
  ctx.frequency_rank = freq_rank[who];
  ctx.value_position = place[who];
  ctx.rfm_explanation = self->rfm_text;
  self->parts = awb_explain_client_parts (s, as_of, &facts[who], &labels[who], &ctx);
  self->settings = g_steal_pointer (&s);

  awb_client_facts_free (facts, n);
  return self;
}

void
awb_client_explanation_free (AwbClientExplanation *self)
{
  if (self == NULL)
    return;
  g_free (self->facts.client_no);
  g_free (self->aums);
  g_free (self->clvs);
  g_strfreev (self->parts);
  g_free (self->rfm_text);
  awb_settings_free (self->settings);
  g_free (self);
}

AwbDate
awb_client_explanation_get_as_of (AwbClientExplanation *self)
{
  g_return_val_if_fail (self != NULL, AWB_DATE_NONE);

  return self->as_of;
}

/**
 * awb_client_explanation_get_labels:
 *
 * Returns: the client's labels as scored in memory.
 */
const AwbClientLabels *
awb_client_explanation_get_labels (AwbClientExplanation *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->labels;
}

/**
 * awb_client_explanation_get_part:
 *
 * Returns: the sentences explaining one group of labels, one line each.
 */
const char *
awb_client_explanation_get_part (AwbClientExplanation *self,
                                 AwbExplainPart        part)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (part < AWB_N_EXPLAIN_PARTS, NULL);

  return self->parts[part];
}

/**
 * awb_client_explanation_get_text:
 *
 * Returns: (transfer full): the whole explanation, as `explain` prints it.
 */
char *
awb_client_explanation_get_text (AwbClientExplanation *self)
{
  GString *out = g_string_new (NULL);
  g_autofree char *date = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  date = awb_date_format (self->as_of);
  /* Translators: %1$s is the client's account number, %2$s the reference date */
  g_string_append_printf (out, _("Client %1$s as of %2$s"), self->facts.client_no, date);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < AWB_N_EXPLAIN_PARTS; i++)
    g_string_append (out, self->parts[i]);
  return g_string_free (out, FALSE);
}

/* How many of the book's AUMs are below @aum. */
static gsize
count_below (const gint64 *sorted,
             gsize         n,
             gint64        aum)
{
  gsize lo = 0, hi = n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (sorted[mid] < aum)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/**
 * awb_client_explanation_relabel:
 * @profile: the profile's part of the facts (awb_profile_get_facts())
 * @labels: (out caller-allocates): the labels the client would have
 *
 * The labels the client would have if its profile were @profile, the rest
 * of the book as it is (see the top of this file).  With the profile as
 * the book has it, they are the labels of awb_client_explanation_get_labels().
 */
void
awb_client_explanation_relabel (AwbClientExplanation *self,
                                const AwbClientFacts *profile,
                                AwbClientLabels      *labels)
{
  AwbClientFacts f;
  double aum_rank;

  g_return_if_fail (self != NULL && profile != NULL && labels != NULL);

  f = self->facts;
  f.birth_date = profile->birth_date;
  f.opened_on = profile->opened_on;
  f.assessed_on = profile->assessed_on;
  f.aum = profile->aum;
  f.share_of_wallet = profile->share_of_wallet;
  f.marital = profile->marital;
  f.employment = profile->employment;
  f.need_type = profile->need_type;
  f.loyalty_driver = profile->loyalty_driver;
  f.lowest_category = profile->lowest_category;
  f.competitor_account = profile->competitor_account;
  f.children = profile->children;
  f.youngest_child_age = profile->youngest_child_age;
  f.referrals = profile->referrals;
  f.cadence_days = profile->cadence_days;
  memcpy (f.q_capacity, profile->q_capacity, sizeof f.q_capacity);
  memcpy (f.q_attitude, profile->q_attitude, sizeof f.q_attitude);
  f.loss_tolerance_pct = profile->loss_tolerance_pct;

  if (f.aum == self->facts.aum || self->n_book < 2)
    aum_rank = self->aum_rank;
  else
    {
      /* the others below the new AUM: the client itself is in the
       * array with its old AUM */
      gsize below = count_below (self->aums, self->n_book, f.aum);

      if (self->facts.aum < f.aum)
        below--;
      aum_rank = 100.0 * (double) below / (double) (self->n_book - 1);
    }

  *labels = self->labels;
  awb_classify_client (self->settings, self->as_of, &f, aum_rank, self->frequency_rank, labels);
  if (labels->clv == self->labels.clv)
    labels->value_tier = self->labels.value_tier;
  else
    {
      gsize n_high, n_medium;
      /* others above the new value; the client is in the array with its old one */
      gsize above = self->n_book - count_below (self->clvs, self->n_book, labels->clv + 1);

      if (self->labels.clv > labels->clv)
        above--;
      awb_value_cuts (self->settings, self->n_book, &n_high, &n_medium);
      labels->value_tier = (gint8) (above < n_high ? AWB_VALUE_HIGH
                                    : above < n_medium ? AWB_VALUE_MEDIUM : AWB_VALUE_LOW);
    }
}
