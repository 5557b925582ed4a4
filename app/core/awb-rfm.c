/* awb-rfm.c: RFM scores, segments and states (spec §3, §12)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This file turns per-client facts (last trade, trades and money in the
 * window) into R, F and M scores, a segment and a coarse state, and explains
 * each result.  It is pure: no database, no clock, no GTK.
 *
 * NOTES ON THE DESIGN
 *
 *  (1) The quantile method is the R package rfm 0.3.0's, to the bit: the
 *      probability of quantile k is k * (1.0 / bins) in double precision
 *      (R's seq(0, 1, length.out = bins + 1): 0.6000000000000001 for k = 3
 *      of 5), type-7 interpolation exactly as R's quantile() writes it
 *      ((1 - h) * x[lo] + h * x[hi], only when h > 0 and x[hi] != x[lo]),
 *      inner breakpoints q + 1, and group i holds lower_i <= x < upper_i.
 *  (2) Money stays integer fen until it meets a breakpoint: sums are exact;
 *      a value enters the comparison as yuan = fen / 100.0, as the rfm
 *      package sees a revenue column.  Sorting is on the integers (a radix
 *      sort, linear in the number of clients), so the order is exact too.
 *  (3) The group of x is 1 + the number of inner breakpoints <= x.  This is
 *      the same as the lower <= x < upper rule, and it also covers
 *      coinciding breakpoints: the group between two equal breakpoints is
 *      empty, its score unused, and AwbRfmBreaks.counts shows it.
 *  (4) Prospects (no trade on or before the reference date) take no part:
 *      they are not counted in the quantiles and every RFM label of theirs
 *      stays AWB_UNKNOWN.  Clients whose trades all fall outside the window
 *      are scored with F = 0 and M = 0 (spec §12).
 *  (5) Segments: the settings' boxes in order, first match wins, Others when
 *      none matches.  States: active R >= 3, else churn risk F >= 3 or
 *      M >= 4, else dormant.
 *  (6) Settings travel as `key=value` lines (awb_rfm_settings_to_string,
 *      awb_rfm_settings_parse): a scoring run stores them with the
 *      breakpoints in force written with 17 digits, so a stored score can
 *      be explained later with exactly the numbers that produced it.
 */
#define G_LOG_DOMAIN "awb-rfm"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "awb-codes.h"
#include "awb-money.h"
#include "awb-rfm.h"

G_DEFINE_QUARK (awb-rfm-error-quark, awb_rfm_error)

/* The rfm package's current segment table (spec §3), in order: box i holds
 * segment i, which is how the settings' rfm.segment.<code> keys address
 * them (awb-settings.c).  The only table of the default boxes; their
 * strategies are settings (text.segment.<code>), not here. */
static const AwbSegmentBox default_boxes[] = {
  { AWB_SEGMENT_CHAMPIONS,          5, 5, 5, 5, 5, 5 },
  { AWB_SEGMENT_POTENTIAL_LOYALIST, 3, 5, 3, 5, 2, 5 },
  { AWB_SEGMENT_LOYAL,              2, 4, 2, 4, 2, 4 },
  { AWB_SEGMENT_PROMISING,          3, 4, 1, 3, 3, 5 },
  { AWB_SEGMENT_NEW,                4, 5, 1, 3, 1, 5 },
  { AWB_SEGMENT_CANT_LOSE,          1, 2, 3, 4, 4, 5 },
  { AWB_SEGMENT_AT_RISK,            1, 2, 2, 5, 4, 5 },
  { AWB_SEGMENT_NEED_ATTENTION,     1, 3, 3, 5, 3, 5 },
  { AWB_SEGMENT_ABOUT_TO_SLEEP,     2, 3, 1, 3, 1, 4 },
  { AWB_SEGMENT_LOST,               1, 1, 1, 5, 1, 5 },
};

/**
 * awb_rfm_settings_init_default:
 *
 * Fills @settings with the defaults of spec §3: a 365-day window, commission,
 * the quantile method with 5 bins and the 10 boxes of the rfm package.
 */
void
awb_rfm_settings_init_default (AwbRfmSettings *settings)
{
  g_return_if_fail (settings != NULL);

  memset (settings, 0, sizeof *settings);
  settings->window_days = 365;
  settings->monetary = AWB_MONETARY_COMMISSION;
  settings->method = AWB_RFM_QUANTILE;
  settings->bins = 5;
  settings->n_boxes = G_N_ELEMENTS (default_boxes);
  memcpy (settings->boxes, default_boxes, sizeof default_boxes);
}

static gboolean
check_fixed (const double  *fixed,
             guint          bins,
             const char    *dim,
             GError       **error)
{
  for (guint i = 0; i + 1 < bins; i++)
    {
      if (!isfinite (fixed[i]) || (i > 0 && fixed[i] < fixed[i - 1]))
        {
          g_set_error (error, AWB_RFM_ERROR, AWB_RFM_ERROR_INVALID_SETTINGS,
                       _("The fixed %s breakpoints must be %u ascending numbers; "
                         "breakpoint %u (%g) is not"),
                       dim, bins - 1, i + 1, fixed[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * awb_rfm_settings_validate:
 *
 * Returns: %TRUE if @settings can be used; %FALSE with @error naming the
 * setting and its bad value otherwise.
 */
gboolean
awb_rfm_settings_validate (const AwbRfmSettings  *settings,
                           GError               **error)
{
  g_return_val_if_fail (settings != NULL, FALSE);

  if (settings->window_days < 0)
    {
      g_set_error (error, AWB_RFM_ERROR, AWB_RFM_ERROR_INVALID_SETTINGS,
                   _("The RFM window must be a number of days ≥ 1, or all history; got %d"),
                   settings->window_days);
      return FALSE;
    }
  if (settings->bins < 2 || settings->bins > AWB_RFM_MAX_BINS)
    {
      g_set_error (error, AWB_RFM_ERROR, AWB_RFM_ERROR_INVALID_SETTINGS,
                   _("The number of RFM score bins must be between 2 and %d; got %u"),
                   AWB_RFM_MAX_BINS, settings->bins);
      return FALSE;
    }
  if (settings->method == AWB_RFM_FIXED &&
      (!check_fixed (settings->fixed_r, settings->bins, "recency", error) ||
       !check_fixed (settings->fixed_f, settings->bins, "frequency", error) ||
       !check_fixed (settings->fixed_m, settings->bins, "monetary", error)))
    return FALSE;
  if (settings->n_boxes > AWB_MAX_SEGMENT_BOXES)
    {
      g_set_error (error, AWB_RFM_ERROR, AWB_RFM_ERROR_INVALID_SETTINGS,
                   _("At most %d segment boxes are allowed; got %u"),
                   AWB_MAX_SEGMENT_BOXES, settings->n_boxes);
      return FALSE;
    }
  for (guint i = 0; i < settings->n_boxes; i++)
    {
      const AwbSegmentBox *b = &settings->boxes[i];
      guint bins = settings->bins;

      if ((int) b->segment < 0 || b->segment >= AWB_SEGMENT_OTHERS ||
          b->r_min < 1 || b->r_min > b->r_max || b->r_max > bins ||
          b->f_min < 1 || b->f_min > b->f_max || b->f_max > bins ||
          b->m_min < 1 || b->m_min > b->m_max || b->m_max > bins)
        {
          g_set_error (error, AWB_RFM_ERROR, AWB_RFM_ERROR_INVALID_SETTINGS,
                       _("Segment box %u (R %u–%u, F %u–%u, M %u–%u) is not valid: each "
                         "range must lie within 1–%u with its lower bound first"),
                       i + 1, b->r_min, b->r_max, b->f_min, b->f_max, b->m_min, b->m_max,
                       bins);
          return FALSE;
        }
    }
  return TRUE;
}

static void
append_double (GString *s,
               double   x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.17g", x));
}

/**
 * awb_rfm_settings_to_string:
 *
 * Returns: (transfer full): the settings as `key=value` lines, the snapshot
 * stored with a scoring run.
 */
char *
awb_rfm_settings_to_string (const AwbRfmSettings *settings)
{
  GString *s = g_string_new (NULL);
  const double *fixed[3] = { settings->fixed_r, settings->fixed_f, settings->fixed_m };
  static const char *const fixed_keys[3] = { "rfm.fixed_r", "rfm.fixed_f", "rfm.fixed_m" };

  if (settings->window_days == 0)
    g_string_append (s, "rfm.window_days=all\n");
  else
    g_string_append_printf (s, "rfm.window_days=%d\n", settings->window_days);
  g_string_append_printf (s, "rfm.monetary=%s\n",
                          settings->monetary == AWB_MONETARY_AMOUNT ? "amount" : "commission");
  g_string_append_printf (s, "rfm.method=%s\n",
                          settings->method == AWB_RFM_FIXED ? "fixed" : "quantile");
  g_string_append_printf (s, "rfm.bins=%u\n", settings->bins);
  if (settings->method == AWB_RFM_FIXED)
    {
      for (guint d = 0; d < 3; d++)
        {
          g_string_append_printf (s, "%s=", fixed_keys[d]);
          for (guint i = 0; i + 1 < settings->bins; i++)
            {
              if (i > 0)
                g_string_append_c (s, '/');
              append_double (s, fixed[d][i]);
            }
          g_string_append_c (s, '\n');
        }
    }
  /* one key per box, in order, as the book's settings store writes them */
  for (guint i = 0; i < settings->n_boxes; i++)
    {
      const AwbSegmentBox *b = &settings->boxes[i];
      const guint8 lo[3] = { b->r_min, b->f_min, b->m_min };
      const guint8 hi[3] = { b->r_max, b->f_max, b->m_max };

      g_string_append_printf (s, "rfm.segment.%s=",
                              awb_code_to_string (AWB_KIND_RFM_SEGMENT, b->segment));
      for (int d = 0; d < 3; d++)
        {
          if (d > 0)
            g_string_append_c (s, '/');
          if (lo[d] == hi[d])
            g_string_append_printf (s, "%u", lo[d]);
          else
            g_string_append_printf (s, "%u-%u", lo[d], hi[d]);
        }
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

static gboolean
parse_doubles (const char  *value,
               double      *out,
               guint        n_max,
               guint       *n_out)
{
  g_auto(GStrv) parts = *value != '\0' ? g_strsplit_set (value, "/,", -1) : g_new0 (char *, 1);
  guint n = g_strv_length (parts);

  if (n > n_max)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      char *end = NULL;

      out[i] = g_ascii_strtod (parts[i], &end);
      if (end == parts[i] || *end != '\0')
        return FALSE;
    }
  *n_out = n;
  return TRUE;
}

static gboolean
parse_range (const char *text,
             guint8     *lo,
             guint8     *hi)
{
  unsigned a, b;
  char tail;

  if (sscanf (text, "%u-%u%c", &a, &b, &tail) == 2)
    ;
  else if (sscanf (text, "%u%c", &a, &tail) == 1)
    b = a;
  else
    return FALSE;
  if (a > G_MAXUINT8 || b > G_MAXUINT8)
    return FALSE;
  *lo = (guint8) a;
  *hi = (guint8) b;
  return TRUE;
}

/* "rfm.segment.CODE" = "R/F/M", each "a" or "a-b". */
static gboolean
parse_box (const char    *code,
           const char    *value,
           AwbSegmentBox *box)
{
  g_auto(GStrv) ranges = g_strsplit (value, "/", -1);
  int seg = awb_code_lookup (AWB_KIND_RFM_SEGMENT, code);

  if (seg < 0 || seg == AWB_SEGMENT_OTHERS || g_strv_length (ranges) != 3)
    return FALSE;
  box->segment = seg;
  return parse_range (ranges[0], &box->r_min, &box->r_max) &&
         parse_range (ranges[1], &box->f_min, &box->f_max) &&
         parse_range (ranges[2], &box->m_min, &box->m_max);
}

/**
 * awb_rfm_settings_parse:
 * @text: `key=value` lines, as awb_rfm_settings_to_string() or the book's
 *   settings store (awb_settings_serialize) write them: other keys are
 *   ignored, missing ones keep their default, and the rfm.segment.* lines,
 *   if any, replace the default boxes in the order given
 * @breakpoints: (out) (optional): the breakpoints of a run's snapshot, if
 *   it has them (the counts are not stored: left at 0)
 *
 * Reads a settings snapshot back, e.g. to explain a stored run's scores.
 *
 * Returns: %TRUE, or %FALSE with @error naming the line, the key and the
 * bad value; the outputs are then untouched.
 */
gboolean
awb_rfm_settings_parse (const char         *text,
                        AwbRfmSettings     *settings,
                        AwbRfmBreakpoints  *breakpoints,
                        GError            **error)
{
  g_auto(GStrv) lines = NULL;
  AwbRfmSettings s;
  AwbRfmBreakpoints bp;
  gboolean seen_box = FALSE;
  static const char *const dims[3] = { "r", "f", "m" };

  g_return_val_if_fail (text != NULL && settings != NULL, FALSE);

  awb_rfm_settings_init_default (&s);
  memset (&bp, 0, sizeof bp);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *eq = strchr (lines[i], '=');
      g_autofree char *key = NULL;
      const char *value;
      gboolean ok = TRUE;
      guint n = 0;

      if (eq == NULL || !g_str_has_prefix (lines[i], "rfm."))
        continue;
      key = g_strndup (lines[i], eq - lines[i]);
      value = eq + 1;

      if (g_str_equal (key, "rfm.window_days"))
        {
          char *end = NULL;
          gint64 v = g_ascii_strtoll (value, &end, 10);

          if (g_str_equal (value, "all"))
            s.window_days = 0;
          else if (end != value && *end == '\0' && v >= 1 && v <= G_MAXINT)
            s.window_days = (int) v;
          else
            ok = FALSE;
        }
      else if (g_str_equal (key, "rfm.monetary"))
        {
          ok = g_str_equal (value, "commission") || g_str_equal (value, "amount");
          s.monetary = g_str_equal (value, "amount") ? AWB_MONETARY_AMOUNT
                                                     : AWB_MONETARY_COMMISSION;
        }
      else if (g_str_equal (key, "rfm.method"))
        {
          ok = g_str_equal (value, "quantile") || g_str_equal (value, "fixed");
          s.method = g_str_equal (value, "fixed") ? AWB_RFM_FIXED : AWB_RFM_QUANTILE;
        }
      else if (g_str_equal (key, "rfm.bins"))
        {
          char *end = NULL;
          guint64 v = g_ascii_strtoull (value, &end, 10);

          ok = end != value && *end == '\0' && v >= 2 && v <= AWB_RFM_MAX_BINS;
          if (ok)
            s.bins = (guint) v;
        }
      else if (g_str_equal (key, "rfm.fixed_r"))
        ok = parse_doubles (value, s.fixed_r, G_N_ELEMENTS (s.fixed_r), &n);
      else if (g_str_equal (key, "rfm.fixed_f"))
        ok = parse_doubles (value, s.fixed_f, G_N_ELEMENTS (s.fixed_f), &n);
      else if (g_str_equal (key, "rfm.fixed_m"))
        ok = parse_doubles (value, s.fixed_m, G_N_ELEMENTS (s.fixed_m), &n);
      else if (g_str_has_prefix (key, "rfm.segment."))
        {
          /* the first box line replaces the default table */
          if (!seen_box)
            s.n_boxes = 0;
          seen_box = TRUE;
          ok = s.n_boxes < AWB_MAX_SEGMENT_BOXES &&
               parse_box (key + strlen ("rfm.segment."), value, &s.boxes[s.n_boxes++]);
        }
      else
        {
          for (int d = 0; d < 3; d++)
            {
              g_autofree char *bkey = g_strconcat ("rfm.breakpoints.", dims[d], NULL);

              if (g_str_equal (key, bkey))
                {
                  ok = parse_doubles (value, bp.dim[d].edge, AWB_RFM_MAX_BINS + 1, &n);
                  bp.dim[d].bins = n > 0 ? n - 1 : 0;
                }
            }
        }

      if (!ok)
        {
          g_set_error (error, AWB_RFM_ERROR, AWB_RFM_ERROR_INVALID_SETTINGS,
                       _("Settings line %u: “%s” is not a valid value for %s"),
                       i + 1, value, key);
          return FALSE;
        }
    }
  if (!awb_rfm_settings_validate (&s, error))
    return FALSE;

  bp.method = s.method;
  *settings = s;
  if (breakpoints != NULL)
    *breakpoints = bp;
  return TRUE;
}

/**
 * awb_rfm_quantile7:
 * @sorted: @n values in ascending order
 * @p: the probability, 0..1
 *
 * R's quantile (x, p, type = 7), written as R writes it.
 */
double
awb_rfm_quantile7 (const double *sorted,
                   gsize         n,
                   double        p)
{
  double index, h, qs, hi_v;
  gsize lo, hi;

  g_return_val_if_fail (sorted != NULL && n > 0, NAN);

  index = 1 + (double) (n - 1) * p;
  lo = (gsize) floor (index);
  hi = (gsize) ceil (index);
  qs = sorted[lo - 1];
  hi_v = sorted[hi - 1];
  if (index > (double) lo && hi_v != qs)
    {
      h = index - (double) lo;
      qs = (1 - h) * qs + h * hi_v;
    }
  return qs;
}

/* The same on integers, each divided by @divisor as it is read. */
static double
quantile7_int (const gint64 *sorted,
               gsize         n,
               double        p,
               double        divisor)
{
  double index = 1 + (double) (n - 1) * p;
  gsize lo = (gsize) floor (index);
  gsize hi = (gsize) ceil (index);
  double qs = (double) sorted[lo - 1] / divisor;
  double hi_v = (double) sorted[hi - 1] / divisor;

  if (index > (double) lo && hi_v != qs)
    {
      double h = index - (double) lo;
      qs = (1 - h) * qs + h * hi_v;
    }
  return qs;
}

/**
 * awb_rfm_sort_fen:
 *
 * Sorts @values ascending in place: an LSD radix sort by bytes, skipping
 * the bytes all values share (the high ones, usually), so a million values
 * take a few passes over memory rather than qsort's n log n comparisons.
 */
void
awb_rfm_sort_fen (gint64 *values,
                  gsize   n)
{
  g_autofree guint64 *tmp = NULL;
  guint64 *src = (guint64 *) values;
  guint64 *dst;
  guint64 and_all = ~(guint64) 0, or_all = 0;

  if (n < 2)
    return;

  /* Flip the sign bit: signed order becomes unsigned order. */
  for (gsize i = 0; i < n; i++)
    {
      src[i] ^= G_GUINT64_CONSTANT (1) << 63;
      and_all &= src[i];
      or_all |= src[i];
    }

  tmp = g_new (guint64, n);
  dst = tmp;
  for (guint shift = 0; shift < 64; shift += 8)
    {
      gsize count[256] = { 0 };
      gsize pos = 0;

      if ((((and_all ^ or_all) >> shift) & 0xff) == 0)
        continue;   /* every value has the same byte here */
      for (gsize i = 0; i < n; i++)
        count[(src[i] >> shift) & 0xff]++;
      for (guint b = 0; b < 256; b++)
        {
          gsize c = count[b];
          count[b] = pos;
          pos += c;
        }
      for (gsize i = 0; i < n; i++)
        dst[count[(src[i] >> shift) & 0xff]++] = src[i];

      {
        guint64 *t = src;
        src = dst;
        dst = t;
      }
    }
  if (src != (guint64 *) values)
    memcpy (values, src, n * sizeof *values);
  for (gsize i = 0; i < n; i++)
    values[i] = (gint64) ((guint64) values[i] ^ (G_GUINT64_CONSTANT (1) << 63));
}

/**
 * awb_rfm_compute_breaks:
 * @values: the scored clients' values of @dim (sorted in place)
 * @divisor: 1 for days and trades, 100 for fen (values enter as yuan)
 *
 * Fills @breaks with the edges in force (counts are left at 0; the scoring
 * fills them).
 */
void
awb_rfm_compute_breaks (const AwbRfmSettings *settings,
                        AwbRfmDimension       dim,
                        gint64               *values,
                        gsize                 n,
                        double                divisor,
                        AwbRfmBreaks         *breaks)
{
  guint bins = settings->bins;
  const double *fixed = dim == AWB_RFM_DIM_R ? settings->fixed_r
                      : dim == AWB_RFM_DIM_F ? settings->fixed_f : settings->fixed_m;

  g_return_if_fail (bins >= 2 && bins <= AWB_RFM_MAX_BINS);

  memset (breaks, 0, sizeof *breaks);
  breaks->bins = bins;
  if (n == 0)
    {
      for (guint i = 0; i <= bins; i++)
        breaks->edge[i] = NAN;
      if (settings->method == AWB_RFM_FIXED)
        for (guint i = 1; i < bins; i++)
          breaks->edge[i] = fixed[i - 1];
      return;
    }

  awb_rfm_sort_fen (values, n);
  breaks->edge[0] = (double) values[0] / divisor;
  breaks->edge[bins] = (double) values[n - 1] / divisor + 1;
  for (guint k = 1; k < bins; k++)
    {
      if (settings->method == AWB_RFM_FIXED)
        breaks->edge[k] = fixed[k - 1];
      else
        breaks->edge[k] = quantile7_int (values, n, (double) k * (1.0 / bins), divisor) + 1;
    }
}

/* 1 + the number of inner breakpoints <= x (Notes (3)). */
int
awb_rfm_group (const AwbRfmBreaks *breaks,
               double              x)
{
  int g = 1;

  for (guint i = 1; i < breaks->bins; i++)
    g += x >= breaks->edge[i];
  return g;
}

int
awb_rfm_score_value (const AwbRfmBreaks *breaks,
                     AwbRfmDimension     dim,
                     double              x)
{
  int g = awb_rfm_group (breaks, x);

  return dim == AWB_RFM_DIM_R ? (int) breaks->bins + 1 - g : g;
}

static gboolean
box_matches (const AwbSegmentBox *b,
             int                  r,
             int                  f,
             int                  m)
{
  return r >= b->r_min && r <= b->r_max &&
         f >= b->f_min && f <= b->f_max &&
         m >= b->m_min && m <= b->m_max;
}

/**
 * awb_rfm_segment_for:
 * @box_index: (out) (optional): the index of the box that matched, or -1
 *
 * Returns: the segment of the first box holding (@r, @f, @m), or Others.
 */
AwbSegment
awb_rfm_segment_for (const AwbRfmSettings *settings,
                     int                   r,
                     int                   f,
                     int                   m,
                     int                  *box_index)
{
  for (guint i = 0; i < settings->n_boxes; i++)
    {
      if (box_matches (&settings->boxes[i], r, f, m))
        {
          if (box_index)
            *box_index = (int) i;
          return settings->boxes[i].segment;
        }
    }
  if (box_index)
    *box_index = -1;
  return AWB_SEGMENT_OTHERS;
}

AwbRfmState
awb_rfm_state_for (int r,
                   int f,
                   int m)
{
  if (r >= 3)
    return AWB_STATE_ACTIVE;
  if (f >= 3 || m >= 4)
    return AWB_STATE_CHURN_RISK;
  return AWB_STATE_DORMANT;
}

const char *
awb_rfm_dimension_get_name (AwbRfmDimension dim)
{
  switch (dim)
    {
    case AWB_RFM_DIM_R:
      return _("recency");
    case AWB_RFM_DIM_F:
      return _("frequency");
    case AWB_RFM_DIM_M:
      return _("monetary");
    case AWB_RFM_N_DIMS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Frees an array of @n facts and their account numbers. */
void
awb_client_facts_free (AwbClientFacts *facts,
                       gsize           n)
{
  if (facts == NULL)
    return;
  for (gsize i = 0; i < n; i++)
    g_free (facts[i].client_no);
  g_free (facts);
}

/**
 * awb_client_facts_init:
 *
 * Sets @c to a client with nothing known and no trade: every date
 * AWB_DATE_NONE, enumerations unknown, the defaults of spec §12.
 */
void
awb_client_facts_init (AwbClientFacts *c)
{
  memset (c, 0, sizeof *c);
  c->birth_date = c->opened_on = c->assessed_on = AWB_DATE_NONE;
  c->profile_changed_on = AWB_DATE_NONE;
  c->marital = c->employment = c->family_override = AWB_UNKNOWN;
  c->need_type = AWB_NEED_BASIC;
  c->loyalty_driver = AWB_DRIVER_UNKNOWN;
  c->youngest_child_age = AWB_UNKNOWN;
  c->loss_tolerance_pct = AWB_UNKNOWN;
  c->first_trade = c->last_trade = AWB_DATE_NONE;
  c->last_interaction = AWB_DATE_NONE;
  c->latest_survey = AWB_UNKNOWN;
}

/**
 * awb_rfm_labels_init:
 *
 * Sets every field of @labels to unknown: AWB_UNKNOWN, NaN for the real
 * numbers.  The RFM and classification steps then fill what applies.
 */
void
awb_rfm_labels_init (AwbClientLabels *l)
{
  memset (l, 0xff, sizeof *l);   /* every integer field -1 = AWB_UNKNOWN */
  l->tier_score = NAN;
  l->dependency = NAN;
  l->persistence = NAN;
  l->loyalty_score = NAN;
}

/**
 * awb_rfm_score_book:
 * @as_of: the reference date the facts were gathered for
 * @facts: @n clients' facts
 * @labels: (out caller-allocates): @n labels; the RFM fields are set, the
 *   others are left as they are
 * @breakpoints: (out): the breakpoints in force and the counts per score
 *
 * Scores every client with a trade (Notes (4)).  @settings must be valid
 * (awb_rfm_settings_validate()).
 */
void
awb_rfm_score_book (const AwbRfmSettings *settings,
                    AwbDate               as_of,
                    const AwbClientFacts *facts,
                    AwbClientLabels      *labels,
                    gsize                 n,
                    AwbRfmBreakpoints    *breakpoints)
{
  g_autofree gint64 *r = NULL;
  g_autofree gint64 *f = NULL;
  g_autofree gint64 *m = NULL;
  gsize n_scored = 0;
  gboolean by_amount = settings->monetary == AWB_MONETARY_AMOUNT;

  g_return_if_fail (settings != NULL && breakpoints != NULL);
  g_return_if_fail (n == 0 || (facts != NULL && labels != NULL));
  g_return_if_fail (settings->bins >= 2 && settings->bins <= AWB_RFM_MAX_BINS);

  memset (breakpoints, 0, sizeof *breakpoints);
  breakpoints->method = settings->method;

  r = g_new (gint64, MAX (n, 1));
  f = g_new (gint64, MAX (n, 1));
  m = g_new (gint64, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      const AwbClientFacts *c = &facts[i];

      if (c->last_trade == AWB_DATE_NONE)
        continue;
      r[n_scored] = (gint64) as_of - c->last_trade;
      f[n_scored] = c->n_window;
      m[n_scored] = by_amount ? c->amount_window : c->commission_window;
      n_scored++;
    }
  breakpoints->n_scored = n_scored;
  breakpoints->n_prospects = n - n_scored;

  awb_rfm_compute_breaks (settings, AWB_RFM_DIM_R, r, n_scored, 1.0,
                          &breakpoints->dim[AWB_RFM_DIM_R]);
  awb_rfm_compute_breaks (settings, AWB_RFM_DIM_F, f, n_scored, 1.0,
                          &breakpoints->dim[AWB_RFM_DIM_F]);
  awb_rfm_compute_breaks (settings, AWB_RFM_DIM_M, m, n_scored, 100.0,
                          &breakpoints->dim[AWB_RFM_DIM_M]);

  for (gsize i = 0; i < n; i++)
    {
      const AwbClientFacts *c = &facts[i];
      AwbClientLabels *l = &labels[i];
      AwbRfmBreaks *b = breakpoints->dim;
      int rs, fs, ms;

      if (c->last_trade == AWB_DATE_NONE)
        {
          l->recency_days = AWB_UNKNOWN;
          l->frequency = AWB_UNKNOWN;
          l->monetary = AWB_UNKNOWN;
          l->r_score = l->f_score = l->m_score = AWB_UNKNOWN;
          l->rfm_segment = AWB_UNKNOWN;
          l->rfm_state = AWB_UNKNOWN;
          continue;
        }
      l->recency_days = as_of - c->last_trade;
      l->frequency = (gint32) c->n_window;
      l->monetary = by_amount ? c->amount_window : c->commission_window;
      rs = awb_rfm_score_value (&b[AWB_RFM_DIM_R], AWB_RFM_DIM_R, (double) l->recency_days);
      fs = awb_rfm_score_value (&b[AWB_RFM_DIM_F], AWB_RFM_DIM_F, (double) l->frequency);
      ms = awb_rfm_score_value (&b[AWB_RFM_DIM_M], AWB_RFM_DIM_M,
                                (double) l->monetary / 100.0);
      b[AWB_RFM_DIM_R].counts[settings->bins - rs]++;
      b[AWB_RFM_DIM_F].counts[fs - 1]++;
      b[AWB_RFM_DIM_M].counts[ms - 1]++;
      l->r_score = (gint8) rs;
      l->f_score = (gint8) fs;
      l->m_score = (gint8) ms;
      l->rfm_segment = (gint8) awb_rfm_segment_for (settings, rs, fs, ms, NULL);
      l->rfm_state = (gint8) awb_rfm_state_for (rs, fs, ms);
    }
}

static void
append_number (GString *s,
               double   x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.15g", x));
}

/**
 * awb_rfm_breaks_to_string:
 *
 * Returns: (transfer full): the inner breakpoints, "115, 181, 297.4, 482".
 */
char *
awb_rfm_breaks_to_string (const AwbRfmBreaks *breaks)
{
  GString *s = g_string_new (NULL);

  for (guint i = 1; i < breaks->bins; i++)
    {
      if (i > 1)
        g_string_append (s, ", ");
      append_number (s, breaks->edge[i]);
    }
  return g_string_free (s, FALSE);
}

/* "5" or "4–5": a box's range of one score. */
static char *
range_text (int lo,
            int hi)
{
  return lo == hi ? g_strdup_printf ("%d", lo) : g_strdup_printf ("%d–%d", lo, hi);
}

/* "R 4–5, F 1–3, M 1–5": the ranges of box @b. */
static char *
box_text (const AwbSegmentBox *b)
{
  g_autofree char *r = range_text (b->r_min, b->r_max);
  g_autofree char *f = range_text (b->f_min, b->f_max);
  g_autofree char *m = range_text (b->m_min, b->m_max);

  /* Translators: a segment box's ranges of the R, F and M scores: %1$s,
   * %2$s and %3$s are each one score ("5") or a range ("4–5") */
  return g_strdup_printf (C_("RFM box", "R %1$s, F %2$s, M %3$s"), r, f, m);
}

/* Why box @b does not hold (r, f, m): the first dimension that fails,
 * "Champions needs R 5", or NULL when it holds. */
static char *
box_miss (const AwbSegmentBox *b,
          guint                bins,
          int                  r,
          int                  f,
          int                  m)
{
  const char *letters[3] = { "R", "F", "M" };
  int v[3] = { r, f, m };
  int lo[3] = { b->r_min, b->f_min, b->m_min };
  int hi[3] = { b->r_max, b->f_max, b->m_max };

  for (int d = 0; d < 3; d++)
    {
      g_autofree char *condition = NULL;

      if (v[d] >= lo[d] && v[d] <= hi[d])
        continue;
      if (lo[d] == hi[d])
        condition = g_strdup_printf ("%s %d", letters[d], lo[d]);
      else if (hi[d] >= (int) bins && v[d] < lo[d])
        condition = g_strdup_printf ("%s ≥ %d", letters[d], lo[d]);
      else if (lo[d] <= 1 && v[d] > hi[d])
        condition = g_strdup_printf ("%s ≤ %d", letters[d], hi[d]);
      else
        condition = g_strdup_printf ("%s %d–%d", letters[d], lo[d], hi[d]);
      /* Translators: one item of the list of earlier segment boxes that do
       * not match: %1$s is the box's segment, %2$s the condition the
       * client's scores fail, e.g. "Champions needs R 5", "Loyal needs
       * F 2–4", "Potential loyalist needs R ≥ 3" */
      return g_strdup_printf (C_("RFM box miss", "%1$s needs %2$s"),
                              awb_code_get_label (AWB_KIND_RFM_SEGMENT, b->segment), condition);
    }
  return NULL;
}

/* Joins @items with the translated list separator. */
static char *
join_list (GPtrArray *items)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        /* Translators: between the items of a list that varies in length,
         * e.g. "job 10, burden 6, housing 10" */
        g_string_append (s, C_("list separator", ", "));
      g_string_append (s, g_ptr_array_index (items, i));
    }
  return g_string_free (s, FALSE);
}

static char *
number_text (double x)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", x));
}

/* "R 4: recency 140 days, 115 ≤ 140 < 181 (breakpoints 115, 181, 297.4,
 * 482).": dimension @d's score, value, group bounds and breakpoints. */
static char *
dimension_sentence (const AwbRfmBreakpoints *bp,
                    const AwbClientLabels   *l,
                    int                      d,
                    int                      score,
                    double                   value)
{
  const AwbRfmBreaks *b = &bp->dim[d];
  int g = d == AWB_RFM_DIM_R ? (int) b->bins + 1 - score : score;
  gboolean fixed = bp->method == AWB_RFM_FIXED;
  g_autofree char *list = awb_rfm_breaks_to_string (b);
  g_autofree char *lower = number_text (b->edge[g - 1]);
  g_autofree char *x = number_text (value);
  g_autofree char *upper = number_text (b->edge[g]);

  if (d == AWB_RFM_DIM_R && fixed)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: %1$d is the R score, %2$d the days since
                                          * the last trade; %3$s ≤ %4$s < %5$s are the score's
                                          * group bounds around the value, %6$s the fixed
                                          * breakpoints, e.g. "30, 60, 120, 240" */
                                         "R %1$d: recency %2$d day, %3$s ≤ %4$s < %5$s "
                                         "(fixed breakpoints %6$s).",
                                         "R %1$d: recency %2$d days, %3$s ≤ %4$s < %5$s "
                                         "(fixed breakpoints %6$s).",
                                         (gulong) MAX (l->recency_days, 0)),
                            score, l->recency_days, lower, x, upper, list);
  if (d == AWB_RFM_DIM_R)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: %1$d is the R score, %2$d the days since
                                          * the last trade; %3$s ≤ %4$s < %5$s are the score's
                                          * group bounds around the value, %6$s the breakpoints,
                                          * e.g. "115, 181, 297.4, 482" */
                                         "R %1$d: recency %2$d day, %3$s ≤ %4$s < %5$s "
                                         "(breakpoints %6$s).",
                                         "R %1$d: recency %2$d days, %3$s ≤ %4$s < %5$s "
                                         "(breakpoints %6$s).",
                                         (gulong) MAX (l->recency_days, 0)),
                            score, l->recency_days, lower, x, upper, list);
  if (d == AWB_RFM_DIM_F && fixed)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: %1$d is the F score, %2$d the trades in
                                          * the window; %3$s ≤ %4$s < %5$s are the score's group
                                          * bounds around the value, %6$s the fixed breakpoints,
                                          * e.g. "2, 4, 8, 16" */
                                         "F %1$d: frequency %2$d trade, %3$s ≤ %4$s < %5$s "
                                         "(fixed breakpoints %6$s).",
                                         "F %1$d: frequency %2$d trades, %3$s ≤ %4$s < %5$s "
                                         "(fixed breakpoints %6$s).",
                                         (gulong) MAX (l->frequency, 0)),
                            score, l->frequency, lower, x, upper, list);
  if (d == AWB_RFM_DIM_F)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: %1$d is the F score, %2$d the trades in
                                          * the window; %3$s ≤ %4$s < %5$s are the score's group
                                          * bounds around the value, %6$s the breakpoints, e.g.
                                          * "4, 5, 6, 8" */
                                         "F %1$d: frequency %2$d trade, %3$s ≤ %4$s < %5$s "
                                         "(breakpoints %6$s).",
                                         "F %1$d: frequency %2$d trades, %3$s ≤ %4$s < %5$s "
                                         "(breakpoints %6$s).",
                                         (gulong) MAX (l->frequency, 0)),
                            score, l->frequency, lower, x, upper, list);
  {
    char money[32];

    awb_money_format_buf (l->monetary, money);
    if (fixed)
      /* Translators: %1$d is the M score, %2$s the money in the window
       * (yuan); %3$s ≤ %4$s < %5$s are the score's group bounds around the
       * value, %6$s the fixed breakpoints, e.g. "100, 500, 1000, 5000" */
      return g_strdup_printf (_("M %1$d: monetary %2$s yuan, %3$s ≤ %4$s < %5$s "
                                "(fixed breakpoints %6$s)."),
                              score, money, lower, x, upper, list);
    /* Translators: %1$d is the M score, %2$s the money in the window
     * (yuan); %3$s ≤ %4$s < %5$s are the score's group bounds around the
     * value, %6$s the breakpoints, e.g. "255.8, 382, 496.2, 680" */
    return g_strdup_printf (_("M %1$d: monetary %2$s yuan, %3$s ≤ %4$s < %5$s "
                              "(breakpoints %6$s)."),
                            score, money, lower, x, upper, list);
  }
}

/* Which box matched and what each earlier box lacked. */
static char *
segment_sentence (const AwbRfmSettings *settings,
                  const int             scores[3])
{
  g_autoptr(GPtrArray) misses = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;
  int box_index;
  AwbSegment seg;
  const char *name;

  seg = awb_rfm_segment_for (settings, scores[0], scores[1], scores[2], &box_index);
  name = awb_code_get_label (AWB_KIND_RFM_SEGMENT, seg);
  for (int i = 0; i < (box_index >= 0 ? box_index : (int) settings->n_boxes); i++)
    {
      char *miss = box_miss (&settings->boxes[i], settings->bins,
                             scores[0], scores[1], scores[2]);
      if (miss != NULL)
        g_ptr_array_add (misses, miss);
    }
  list = join_list (misses);

  if (box_index >= 0)
    {
      g_autofree char *box = box_text (&settings->boxes[box_index]);

      if (misses->len == 0)
        /* Translators: %1$s is the segment, %2$s its box's ranges, e.g.
         * "R 5, F 5, M 5" */
        return g_strdup_printf (_("Segment %1$s: the first box (%2$s) matches."), name, box);
      /* Translators: %1$s is the segment, %2$d the number of its box in the
       * ordered list, %3$s the box's ranges, e.g. "R 4–5, F 1–3, M 1–5";
       * %4$s the list of what each earlier box needs, e.g. "Champions needs
       * R 5, Potential loyalist needs F ≥ 3" */
      return g_strdup_printf (_("Segment %1$s: box %2$d (%3$s) is the first that matches; "
                                "the earlier boxes do not: %4$s."),
                              name, box_index + 1, box, list);
    }
  if (misses->len == 0)
    /* Translators: %s is the segment, Others */
    return g_strdup_printf (_("Segment %s: there is no box to match."), name);
  /* Translators: %1$s is the segment, Others; %2$s the list of what each
   * box needs, e.g. "Champions needs R 5, Potential loyalist needs F ≥ 3" */
  return g_strdup_printf (_("Segment %1$s: no box matches: %2$s."), name, list);
}

/**
 * awb_rfm_explain:
 *
 * Returns: (transfer full): why the client got its RFM scores, segment and
 * state: the value, the group's bounds and the breakpoints in force for
 * each dimension, the box that matched and what each earlier box lacked.
 * One line of whole sentences, each one translatable message.
 */
char *
awb_rfm_explain (const AwbRfmSettings    *settings,
                 const AwbRfmBreakpoints *bp,
                 const AwbClientLabels   *l)
{
  g_autoptr(GPtrArray) sentences = g_ptr_array_new_with_free_func (g_free);
  char *text;
  int scores[3];
  double values[3];
  const char *state;

  g_return_val_if_fail (settings != NULL && bp != NULL && l != NULL, NULL);

  if (l->r_score == AWB_UNKNOWN)
    return g_strdup (_("No trade on or before the reference date: a prospect, "
                       "not scored and not counted in the breakpoints."));

  scores[0] = l->r_score;
  scores[1] = l->f_score;
  scores[2] = l->m_score;
  values[0] = l->recency_days;
  values[1] = l->frequency;
  values[2] = (double) l->monetary / 100.0;

  for (int d = 0; d < 3; d++)
    g_ptr_array_add (sentences, dimension_sentence (bp, l, d, scores[d], values[d]));
  g_ptr_array_add (sentences, segment_sentence (settings, scores));

  switch (awb_rfm_state_for (scores[0], scores[1], scores[2]))
    {
    case AWB_STATE_ACTIVE:
      state = awb_code_get_label (AWB_KIND_RFM_STATE, AWB_STATE_ACTIVE);
      /* Translators: %s is the state, Active */
      g_ptr_array_add (sentences, g_strdup_printf (_("State %s: R ≥ 3."), state));
      break;
    case AWB_STATE_CHURN_RISK:
      state = awb_code_get_label (AWB_KIND_RFM_STATE, AWB_STATE_CHURN_RISK);
      /* Translators: %s is the state, Churn risk */
      g_ptr_array_add (sentences, g_strdup_printf (_("State %s: R < 3, and F ≥ 3 or M ≥ 4."),
                                                   state));
      break;
    case AWB_STATE_DORMANT:
    default:
      state = awb_code_get_label (AWB_KIND_RFM_STATE, AWB_STATE_DORMANT);
      /* Translators: %s is the state, Dormant */
      g_ptr_array_add (sentences, g_strdup_printf (_("State %s: R < 3, F < 3 and M < 4."),
                                                   state));
      break;
    }

  text = g_strdup (g_ptr_array_index (sentences, 0));
  for (guint i = 1; i < sentences->len; i++)
    {
      g_autofree char *before = text;

      /* Translators: two sentences on one line, %1$s then %2$s; Chinese
       * needs no space after “。” */
      text = g_strdup_printf (C_("sentences", "%1$s %2$s"), before,
                              (const char *) g_ptr_array_index (sentences, i));
    }
  return text;
}
