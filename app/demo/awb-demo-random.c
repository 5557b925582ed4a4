/* awb-demo-random.c: the demo generator's random numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Our own xoshiro256** (Blackman and Vigna), seeded through splitmix64,
 * rather than GRand, whose algorithm GLib may change: a seed gives the
 * same book with any GLib (awb-demo.c, note (1)).  A stream is chosen by
 * (seed, index, purpose), so every client draws from streams of its own.
 * The draws every row makes are inline in awb-demo-random-private.h; the
 * rarer ones (a normal, a Poisson count, a weighted choice) are here.
 * Only IEEE arithmetic and libm's exp, log, sqrt and cos are used.
 */
#define G_LOG_DOMAIN "awb-demo-random"

#include "config.h"

#include <math.h>

#include "awb-demo-random-private.h"

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* A stream for (@seed, @index, @stream): each input goes through its own
 * splitmix64 round, so nearby indexes give unrelated states. */
void
_awb_demo_rng_init (AwbDemoRng *rng,
                    guint64     seed,
                    guint64     index,
                    guint64     stream)
{
  guint64 x = seed;
  guint64 k;

  k = splitmix64 (&x) ^ index;
  k = splitmix64 (&k) ^ stream;
  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&k);
}

/* Standard normal (Box-Muller, one value per call). */
double
_awb_demo_rng_normal (AwbDemoRng *rng)
{
  double u1 = 1.0 - _awb_demo_rng_double (rng);   /* (0, 1] */
  double u2 = _awb_demo_rng_double (rng);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

/* A Poisson count of mean @mean: by multiplying uniforms below 30, by a
 * rounded normal approximation above. */
guint64
_awb_demo_rng_poisson (AwbDemoRng *rng,
                       double      mean)
{
  if (mean <= 0)
    return 0;
  if (mean < 30)
    {
      double limit = exp (-mean);
      double p = 1.0;
      guint64 k = 0;

      for (;;)
        {
          p *= _awb_demo_rng_double (rng);
          if (p <= limit)
            return k;
          k++;
        }
    }
  else
    {
      double x = floor (mean + sqrt (mean) * _awb_demo_rng_normal (rng) + 0.5);
      return x < 0 ? 0 : (guint64) x;
    }
}

/* An index into @weights, with probability proportional to its weight. */
guint
_awb_demo_rng_pick (AwbDemoRng    *rng,
                    const guint16 *weights,
                    guint          n)
{
  guint total = 0;
  guint r;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  r = _awb_demo_rng_below (rng, total);
  for (guint i = 0; i < n; i++)
    {
      if (r < weights[i])
        return i;
      r -= weights[i];
    }
  g_assert_not_reached ();
}
