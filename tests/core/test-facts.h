/* test-facts.h: a blank client for the classifier tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include "awb-date.h"
#include "awb-model-types.h"

/* A client with every input unknown or at its §12 default, and the RFM
 * labels of a prospect. */
static inline void
test_blank_client (AwbClientFacts  *f,
                   AwbClientLabels *l)
{
  memset (f, 0, sizeof *f);
  f->client_no = (char *) "C000";
  f->birth_date = f->opened_on = f->assessed_on = AWB_DATE_NONE;
  f->marital = f->employment = AWB_UNKNOWN;
  f->need_type = AWB_NEED_BASIC;
  f->loyalty_driver = AWB_DRIVER_UNKNOWN;
  f->family_override = AWB_UNKNOWN;
  f->youngest_child_age = AWB_UNKNOWN;
  f->loss_tolerance_pct = AWB_UNKNOWN;
  f->first_trade = f->last_trade = AWB_DATE_NONE;
  f->last_interaction = AWB_DATE_NONE;
  f->latest_survey = AWB_UNKNOWN;
  f->profile_changed_on = AWB_DATE_NONE;

  if (l != NULL)
    {
      memset (l, 0, sizeof *l);
      l->recency_days = l->frequency = AWB_UNKNOWN;
      l->monetary = AWB_UNKNOWN;
      l->r_score = l->f_score = l->m_score = AWB_UNKNOWN;
      l->rfm_segment = l->rfm_state = AWB_UNKNOWN;
    }
}

static inline AwbDate
test_date (const char *text)
{
  AwbDate d = AWB_DATE_NONE;

  g_assert_true (awb_date_parse (text, -1, &d));
  return d;
}
