/* awb-demo-random-private.h: the demo generator's random numbers
 * (private to app/demo)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One stream of numbers: a xoshiro256** state. */
typedef struct
{
  guint64 s[4];
} AwbDemoRng;

/* What a stream is for; with the seed and a client's index it chooses the
 * stream (awb-demo.c, note (1)).  The values are part of what a seed
 * means: changing one changes every book. */
enum {
  AWB_DEMO_STREAM_PROFILE = 1,       /* a client's profile and plan */
  AWB_DEMO_STREAM_TRADES = 2,        /* a client's trades */
  AWB_DEMO_STREAM_INTERACTIONS = 3,  /* a client's interactions */
  AWB_DEMO_STREAM_PRODUCTS = 4,      /* the products, the same in every book */
  AWB_DEMO_STREAM_NUMBERS = 5,       /* a client's account number */
};

void     _awb_demo_rng_init     (AwbDemoRng     *rng,
                                 guint64         seed,
                                 guint64         index,
                                 guint64         stream);
double   _awb_demo_rng_normal   (AwbDemoRng     *rng);
guint64  _awb_demo_rng_poisson  (AwbDemoRng     *rng,
                                 double          mean);
guint    _awb_demo_rng_pick     (AwbDemoRng     *rng,
                                 const guint16  *weights,
                                 guint           n);

/* The draws every row makes, inline: the trades are most of the work. */

static inline guint64
_awb_demo_rng_rotl (guint64 x,
                    int     k)
{
  return (x << k) | (x >> (64 - k));
}

/* xoshiro256** 1.0 (Blackman and Vigna). */
static inline guint64
_awb_demo_rng_next (AwbDemoRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = _awb_demo_rng_rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = _awb_demo_rng_rotl (s[3], 45);
  return result;
}

/* Uniform in [0, 1). */
static inline double
_awb_demo_rng_double (AwbDemoRng *rng)
{
  return (double) (_awb_demo_rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform in [0, n), n <= 2^32 (Lemire's multiply-shift; the bias is below
 * 2^-32 and the same on every machine). */
static inline guint32
_awb_demo_rng_below (AwbDemoRng *rng,
                     guint64     n)
{
  return (guint32) (((_awb_demo_rng_next (rng) >> 32) * n) >> 32);
}

/* Uniform in [lo, hi]. */
static inline int
_awb_demo_rng_range (AwbDemoRng *rng,
                     int         lo,
                     int         hi)
{
  return lo + (int) _awb_demo_rng_below (rng, (guint64) (hi - lo) + 1);
}

/* TRUE with probability @p. */
static inline gboolean
_awb_demo_rng_chance (AwbDemoRng *rng,
                      double      p)
{
  return _awb_demo_rng_double (rng) < p;
}

/* An index into the array @weights, with probability proportional to its
 * weight; one of the elements of @array, all equally likely.  Each draws
 * one number. */
#define AWB_DEMO_RNG_PICK(rng, weights) \
  _awb_demo_rng_pick ((rng), (weights), G_N_ELEMENTS (weights))
#define AWB_DEMO_RNG_ONE_OF(rng, array) \
  ((array)[_awb_demo_rng_below ((rng), G_N_ELEMENTS (array))])

G_END_DECLS
