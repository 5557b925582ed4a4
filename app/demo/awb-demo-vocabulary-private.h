/* awb-demo-vocabulary-private.h: the words and numbers a demo branch is
 * made of (private to app/demo)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "awb-codes.h"
#include "awb-demo-random-private.h"

G_BEGIN_DECLS

/* ---- People and places ---- */

#define AWB_DEMO_N_MANAGERS 8   /* the branch's relationship managers */

typedef struct
{
  const char *name;
  const char *code;     /* administrative division, the ID number's first six digits */
  AwbRegion   region;
  guint16     weight;
} AwbDemoCity;

const char        *_awb_demo_manager_name           (guint               index);
guint              _awb_demo_pick_manager           (AwbDemoRng         *rng);
const char        *_awb_demo_pick_surname           (AwbDemoRng         *rng);
const char        *_awb_demo_pick_given_char        (AwbDemoRng         *rng,
                                                     AwbGender           gender);
const AwbDemoCity *_awb_demo_pick_city              (AwbDemoRng         *rng);
const AwbDemoCity *_awb_demo_any_city               (AwbDemoRng         *rng);
const char        *_awb_demo_pick_job               (AwbDemoRng         *rng,
                                                     AwbRegion           region);
guint              _awb_demo_pick_education         (AwbDemoRng         *rng,
                                                     AwbRegion           region);
const char        *_awb_demo_education_name         (guint               education);
const char        *_awb_demo_pick_client_note       (AwbDemoRng         *rng);
const char        *_awb_demo_pick_interaction_note  (AwbDemoRng         *rng,
                                                     AwbInteractionKind  kind);

/* ---- Products and trade sizes ---- */

typedef struct
{
  char    code[8];
  gint64  price;        /* fen per share */
} AwbDemoProduct;

/* The products of one risk level. */
typedef struct
{
  AwbDemoProduct *items;
  guint           n;
} AwbDemoProductPool;

#define AWB_DEMO_SIZE_STEPS 4096   /* quantiles in the trade size table */

void  _awb_demo_products_build    (AwbDemoProductPool  pools[5]);
void  _awb_demo_products_clear    (AwbDemoProductPool  pools[5]);
void  _awb_demo_size_table_build  (double              table[AWB_DEMO_SIZE_STEPS]);

G_END_DECLS
