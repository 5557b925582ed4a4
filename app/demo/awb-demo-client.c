/* awb-demo-client.c: the simulation of one client of a demo branch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A client is drawn in three parts: its profile (its row of the clients
 * table, and a plan for the rest), its trades and its interactions.  The
 * functions here only fill rows; the driver in awb-demo.c numbers them and
 * writes them to the book.
 *
 * NOTES ON THE DESIGN
 *
 *  (1) Realism, in the proportions a Chinese branch shows (the numbers are
 *      the defaults below; the tests check the structure, not the exact
 *      figures):
 *      - 8 % of the clients never trade (prospects); everyone else trades
 *        at least once, with the natural count (about 28 trades a client)
 *        and with an exact one of at least one trade per such client;
 *      - AUM is log-normal, median 200,000 CNY, sigma 1.5: the mean is about
 *        three times the median and a few clients in a thousand hold over
 *        10 million; some hold nothing;
 *      - trading activity is log-normal too (median 3.8 trades a year,
 *        sigma 1.6, capped at 300), correlated (0.5) with AUM, so the tenth
 *        most active clients make well over half of the trades;
 *      - amounts scale with AUM, are whole lots of 100 shares at the
 *        product's price, and pay a commission of 0.015-0.03 % with a
 *        minimum of 5 CNY;
 *      - products are R1 money funds to R5 STAR-market shares; a client
 *        trades at or below its questionnaire's level except for about 5 %
 *        of trades, of which 60 % carry a signed risk warning;
 *      - ages 20-85, two thirds between 30 and 60; family, occupation,
 *        employment and income hang together (retirement at 60 for men and
 *        50-55 for women, the youngest child born when the parent was 22 to
 *        40, ID numbers that encode birthplace, birth date and gender with a
 *        valid ISO 7064 MOD 11-2 check digit); 23 % live in county towns
 *        (rural);
 *      - the questionnaire is complete for everyone, assessed in the last
 *        three years (so about a third has expired), answers following a
 *        risk appetite that falls with age and rises with wealth;
 *      - about 3.7 interactions a client in three years, more for the
 *        wealthy: calls, visits, events, education, complaints and surveys
 *        (satisfaction 1-5), follow-ups mostly done when long past, some
 *        overdue, some still to come.
 *
 *  (2) Each part draws from a stream of its own, chosen by (seed, client
 *      index, part), and reads nothing but the run's constants
 *      (AwbDemoBranch) and the client's plan, so a client does not depend
 *      on the clients before it or on how the rows are batched (awb-demo.c,
 *      note (1)).  Within a part, the order of the draws is what a seed
 *      means: moving a draw, even one whose value goes unused, changes the
 *      book every seed gives, and the tests would not notice: compare a
 *      dump of a generated book before and after a change that should
 *      leave the books alone.
 */
#define G_LOG_DOMAIN "awb-demo-client"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "awb-demo-client-private.h"
#include "awb-validate.h"

static int
compare_dates (gconstpointer a,
               gconstpointer b)
{
  AwbDate x = *(const AwbDate *) a;
  AwbDate y = *(const AwbDate *) b;

  return (x > y) - (x < y);
}

/* Sorts a client's dates: most clients have a few, where insertion sort
 * beats qsort's indirect calls. */
static void
sort_dates (AwbDate *dates,
            gsize    n)
{
  if (n > 32)
    {
      qsort (dates, n, sizeof (AwbDate), compare_dates);
      return;
    }
  for (gsize i = 1; i < n; i++)
    {
      AwbDate d = dates[i];
      gsize j = i;

      for (; j > 0 && dates[j - 1] > d; j--)
        dates[j] = dates[j - 1];
      dates[j] = d;
    }
}

/* ---- The profile ------------------------------------------------------- */

static int
clamp_int (int v,
           int lo,
           int hi)
{
  return v < lo ? lo : v > hi ? hi : v;
}

/* An answer 1..5 around @centre (1 is the 10-point answer). */
static int
answer_near (AwbDemoRng *rng,
             double      centre)
{
  return clamp_int ((int) floor (centre + 0.8 * _awb_demo_rng_normal (rng) + 0.5), 1, 5);
}

static int
band_index (int score)
{
  return score < 20 ? 0 : score < 40 ? 1 : score < 60 ? 2 : score < 80 ? 3 : 4;
}

/* Account numbers 3101xxxxxx: increasing with the client's index and
 * spread over the range, so they look issued over years, yet unique. */
static gint64
client_number (guint64  seed,
               guint    index,
               guint    n_clients)
{
  guint64 step = MAX (1, 1000000 / n_clients);
  AwbDemoRng rng;

  _awb_demo_rng_init (&rng, seed, index, AWB_DEMO_STREAM_NUMBERS);
  return G_GINT64_CONSTANT (3101000000) +
         (gint64) (index * step + _awb_demo_rng_below (&rng, step));
}

/* Writes @n random digits and a NUL at @p; returns where the NUL is. */
static char *
put_digits (AwbDemoRng *rng,
            char       *p,
            guint       n)
{
  for (guint i = 0; i < n; i++)
    *p++ = (char) ('0' + _awb_demo_rng_below (rng, 10));
  *p = '\0';
  return p;
}

/**
 * _awb_demo_client_profile:
 * @branch: the run's constants
 * @index: the client, 0 <= @index < @branch->n_clients
 * @client: (out caller-allocates): the client's row
 * @plan: (out caller-allocates): what its trades and interactions need
 *
 * Draws client @index from its profile stream: fills all of @client, and
 * all of @plan but its id, which is the driver's.  Text in @client stays
 * valid as long as @client; the other strings are static.
 */
void
_awb_demo_client_profile (const AwbDemoBranch *branch,
                          guint                index,
                          AwbDemoClient       *client,
                          AwbDemoPlan         *plan)
{
  static const guint16 age_brackets[] = { 12, 22, 24, 21, 13, 6, 2 };  /* 20-29 ... 80-85 */
  static const guint16 children_weights[] = { 55, 25, 5 };             /* 1, 2, 3 */
  static const guint16 housing_weights[] = { 10, 30, 25, 15, 20 };
  static const guint16 knowledge_weights[] = { 4, 8, 20, 46, 22 };
  static const guint16 driver_weights[] = { 30, 15, 20, 12, 5, 18 };
  static const guint16 satisfaction_weights[] = { 3, 7, 25, 40, 25 };
  static const int loss_choices[] = { 0, 5, 10, 15, 20, 25, 30, 40, 50 };
  static const int cadences[] = { 14, 30, 60, 90 };
  static const guint8 small_rates[] = { 20, 25, 25, 25, 30 };
  static const char *const email_domains[] = { "163.com", "126.com", "sina.com", "139.com" };
  static const char phone_second[] = "3335557889";
  AwbDemoRng rng;
  AwbGender gender;
  AwbMarital marital;
  AwbEmployment employment;
  AwbIncomeBand income;
  AwbNeedType need;
  AwbChannel channel;
  AwbLoyaltyDriver driver;
  const AwbDemoCity *city, *birthplace;
  const char *occupation;
  const char *email = NULL;
  const char *notes = NULL;
  AwbDate birth, adult, opened, assessed;
  int age, children = 0, youngest = -1, cadence = 0;
  int q_job, q_burden, q_housing, q_experience, q_knowledge;
  int q_priority, q_stoploss, q_if_loss, q_watching, q_results, loss;
  int capacity, attitude, referrals, education;
  guint manager;
  double z_aum, appetite, aum_yuan, income_score, tenure_years, share;
  double active_years, lambda, contact_rate;
  gboolean prospect, lowest, competitor, retired_age;
  int by, bm, bd;
  char *p;

  _awb_demo_rng_init (&rng, branch->seed, index, AWB_DEMO_STREAM_PROFILE);

  /* Name and gender. */
  gender = _awb_demo_rng_chance (&rng, 0.53) ? AWB_GENDER_M : AWB_GENDER_F;
  p = g_stpcpy (client->name, _awb_demo_pick_surname (&rng));
  p = g_stpcpy (p, _awb_demo_pick_given_char (&rng, gender));
  if (_awb_demo_rng_chance (&rng, 0.7))
    g_stpcpy (p, _awb_demo_pick_given_char (&rng, gender));

  /* Age 20-85, most between 30 and 60; the birthday falls anywhere in the
   * year before the end date's anniversary, so the age is exact. */
  {
    guint bracket = AWB_DEMO_RNG_PICK (&rng, age_brackets);
    int lo = 20 + 10 * (int) bracket;
    int hi = bracket == G_N_ELEMENTS (age_brackets) - 1 ? 85 : lo + 9;

    age = _awb_demo_rng_range (&rng, lo, hi);
    birth = awb_date_add_months (branch->end, -12 * age) - _awb_demo_rng_range (&rng, 0, 364);
    age = awb_date_age (birth, branch->end);
    adult = awb_date_add_months (birth, 12 * 18);
  }

  city = _awb_demo_pick_city (&rng);
  birthplace = _awb_demo_rng_chance (&rng, 0.85) ? city : _awb_demo_any_city (&rng);

  /* Family, consistent with the age. */
  if (age < 25)
    marital = _awb_demo_rng_chance (&rng, 0.85) ? AWB_MARITAL_SINGLE : AWB_MARITAL_MARRIED;
  else if (age < 35)
    {
      double u = _awb_demo_rng_double (&rng);
      marital = u < 0.40 ? AWB_MARITAL_SINGLE : u < 0.95 ? AWB_MARITAL_MARRIED
                                                         : AWB_MARITAL_DIVORCED;
    }
  else
    {
      double widowed = age >= 75 ? 0.30 : age >= 60 ? 0.10 : 0.02;
      double u = _awb_demo_rng_double (&rng);

      marital = u < widowed ? AWB_MARITAL_WIDOWED
              : u < widowed + 0.07 ? AWB_MARITAL_DIVORCED
              : u < widowed + 0.12 ? AWB_MARITAL_SINGLE
              : AWB_MARITAL_MARRIED;
    }
  if (age >= 22 && _awb_demo_rng_chance (&rng, marital == AWB_MARITAL_SINGLE ? 0.03 : 0.85))
    {
      int parent_age = _awb_demo_rng_range (&rng, 22, 40);

      children = 1 + (int) AWB_DEMO_RNG_PICK (&rng, children_weights);
      if (parent_age > age)
        parent_age = _awb_demo_rng_range (&rng, 22, age);
      youngest = age - parent_age;
    }

  /* Work: retirement at 60 for men, 50-55 for women; then what they do. */
  retired_age = age >= (gender == AWB_GENDER_M ? 60 : 55);
  if (age >= 65)
    employment = _awb_demo_rng_chance (&rng, 0.97) ? AWB_EMPLOYMENT_RETIRED
                                                   : AWB_EMPLOYMENT_WORKING;
  else if (retired_age)
    employment = _awb_demo_rng_chance (&rng, 0.80) ? AWB_EMPLOYMENT_RETIRED
                                                   : AWB_EMPLOYMENT_WORKING;
  else if (gender == AWB_GENDER_F && age >= 50 && _awb_demo_rng_chance (&rng, 0.30))
    employment = AWB_EMPLOYMENT_RETIRED;
  else
    employment = _awb_demo_rng_chance (&rng, 0.06) ? AWB_EMPLOYMENT_UNEMPLOYED
                                                   : AWB_EMPLOYMENT_WORKING;

  if (employment == AWB_EMPLOYMENT_RETIRED)
    occupation = "退休人员";
  else if (employment == AWB_EMPLOYMENT_UNEMPLOYED)
    occupation = age < 24 && _awb_demo_rng_chance (&rng, 0.5) ? "学生" : "待业";
  else
    occupation = _awb_demo_pick_job (&rng, city->region);

  education = (int) _awb_demo_pick_education (&rng, city->region);
  if (age >= 60 && education > 1 && _awb_demo_rng_chance (&rng, 0.4))
    education--;

  /* Assets: log-normal around 200,000 CNY, a little more in mid-life. */
  z_aum = _awb_demo_rng_normal (&rng) + (age >= 45 && age < 70 ? 0.2 : age < 30 ? -0.3 : 0.0);
  prospect = _awb_demo_rng_chance (&rng, 0.08);
  if (prospect)
    aum_yuan = _awb_demo_rng_chance (&rng, 0.5) ? 0.0 : 20000.0 * exp (_awb_demo_rng_normal (&rng));
  else if (_awb_demo_rng_chance (&rng, 0.03))
    aum_yuan = 0.0;
  else
    aum_yuan = 200000.0 * exp (1.5 * z_aum);
  aum_yuan = MIN (aum_yuan, 5e8);
  plan->aum = (gint64) floor (aum_yuan * 100.0 + 0.5);

  income_score = 0.6 * z_aum + 0.8 * _awb_demo_rng_normal (&rng)
                 - (employment == AWB_EMPLOYMENT_RETIRED ? 0.5 : 0.0)
                 - (employment == AWB_EMPLOYMENT_UNEMPLOYED ? 1.0 : 0.0)
                 - (city->region == AWB_REGION_RURAL ? 0.4 : 0.0);
  income = income_score < -0.8 ? AWB_INCOME_LOW
         : income_score < 0.3 ? AWB_INCOME_LOWER_MIDDLE
         : income_score < 1.2 ? AWB_INCOME_UPPER_MIDDLE
         : AWB_INCOME_HIGH;

  share = prospect ? _awb_demo_rng_range (&rng, 5, 30)
                   : clamp_int ((int) floor (55.0 + 25.0 * _awb_demo_rng_normal (&rng) + 0.5),
                                5, 100);

  /* Opened up to 15 years ago, recent years more often, never before 18. */
  opened = branch->end - (AwbDate) floor (15.0 * 365.25 * pow (_awb_demo_rng_double (&rng), 1.3));
  if (opened < adult)
    opened = adult + (AwbDate) _awb_demo_rng_below (&rng, (guint64) (branch->end - adult) + 1);
  tenure_years = (branch->end - opened) / 365.25;

  manager = _awb_demo_pick_manager (&rng);

  /* The questionnaire (spec §7), answer 1 = the 10-point one.  Appetite
   * for risk falls with age and rises with wealth. */
  appetite = 0.8 * _awb_demo_rng_normal (&rng) + 0.2 * z_aum
             + (age < 35 ? 0.4 : age >= 60 ? -0.5 : 0.0);

  if (employment == AWB_EMPLOYMENT_RETIRED)
    q_job = 2;
  else if (employment == AWB_EMPLOYMENT_UNEMPLOYED)
    q_job = 5;
  else if (strcmp (occupation, "个体工商户") == 0 || strcmp (occupation, "企业主") == 0 ||
           strcmp (occupation, "养殖户") == 0 || strcmp (occupation, "农民") == 0)
    q_job = 4;
  else if (strcmp (occupation, "销售") == 0)
    q_job = 3;
  else
    q_job = income == AWB_INCOME_HIGH ? 1
          : income == AWB_INCOME_UPPER_MIDDLE ? (_awb_demo_rng_chance (&rng, 0.6) ? 1 : 2)
          : income == AWB_INCOME_LOWER_MIDDLE ? 2
          : (_awb_demo_rng_chance (&rng, 0.5) ? 2 : 3);

  if (children == 0)
    q_burden = marital == AWB_MARITAL_MARRIED ? 2 : 1;
  else if (marital != AWB_MARITAL_MARRIED || _awb_demo_rng_chance (&rng, 0.25))
    q_burden = _awb_demo_rng_chance (&rng, 0.3) ? 5 : 4;
  else
    q_burden = 3;

  if (income == AWB_INCOME_HIGH)
    q_housing = _awb_demo_rng_chance (&rng, 0.5) ? 1 : 2;
  else if (age < 30 && _awb_demo_rng_chance (&rng, 0.5))
    q_housing = 5;
  else
    q_housing = 1 + (int) AWB_DEMO_RNG_PICK (&rng, housing_weights);

  {
    double years = tenure_years +
                   (_awb_demo_rng_chance (&rng, 0.4) ? _awb_demo_rng_range (&rng, 1, 8) : 0);

    q_experience = years > 10 ? 1 : years >= 6 ? 2 : years >= 2 ? 3 : years >= 0.25 ? 4 : 5;
  }
  q_knowledge = 1 + (int) AWB_DEMO_RNG_PICK (&rng, knowledge_weights);
  if (q_knowledge > 1 && aum_yuan >= 1e6 && _awb_demo_rng_chance (&rng, 0.4))
    q_knowledge--;

  q_priority = answer_near (&rng, 3.0 - 0.9 * appetite);
  q_stoploss = answer_near (&rng, 3.0 - 0.9 * appetite);
  q_if_loss = answer_near (&rng, 3.0 - 0.9 * appetite);
  q_watching = answer_near (&rng, 3.0 - 0.5 * appetite);
  q_results = answer_near (&rng, 3.2 - 0.7 * appetite);
  loss = loss_choices[clamp_int ((int) floor (3.0 + 1.5 * appetite +
                                              _awb_demo_rng_normal (&rng) + 0.5),
                                 0, G_N_ELEMENTS (loss_choices) - 1)];

  /* Assessed in the last three years (some therefore expired), never
   * before the account was opened. */
  assessed = branch->end - _awb_demo_rng_range (&rng, 0, 3 * 365);
  if (assessed < opened)
    assessed = opened + (AwbDate) _awb_demo_rng_below (&rng, (guint64) (branch->end - opened) + 1);

  lowest = _awb_demo_rng_chance (&rng, age >= 80 ? 0.15
                                       : employment == AWB_EMPLOYMENT_UNEMPLOYED &&
                                         income == AWB_INCOME_LOW ? 0.10
                                       : 0.01);

  /* The level the questionnaire gives (spec §7), used only to choose
   * plausible products; the model computes its own. */
  capacity = (age <= 25 ? 50 : age <= 74 ? 75 - age : 0) +
             (12 - 2 * q_job) + (12 - 2 * q_burden) + (12 - 2 * q_housing) +
             (12 - 2 * q_experience) + (12 - 2 * q_knowledge);
  attitude = MIN (2 * loss, 50) +
             (12 - 2 * q_priority) + (12 - 2 * q_stoploss) + (12 - 2 * q_if_loss) +
             (12 - 2 * q_watching) + (12 - 2 * q_results);
  plan->level = lowest ? 1 : 1 + MIN (band_index (capacity), band_index (attitude));
  plan->lowest = lowest;

  need = (aum_yuan >= 1e6 && q_experience <= 2 && _awb_demo_rng_chance (&rng, 0.5)) ||
         _awb_demo_rng_chance (&rng, 0.05) ? AWB_NEED_PROFESSIONAL : AWB_NEED_BASIC;

  {
    double u = _awb_demo_rng_double (&rng);
    referrals = u < 0.72 ? 0 : u < 0.87 ? 1 : u < 0.95 ? 2 : _awb_demo_rng_range (&rng, 3, 8);
  }
  competitor = _awb_demo_rng_chance (&rng, aum_yuan >= 1e6 ? 0.55 : 0.30);
  if (_awb_demo_rng_chance (&rng, 0.03))
    cadence = AWB_DEMO_RNG_ONE_OF (&rng, cadences);
  if (_awb_demo_rng_chance (&rng, 0.15))
    notes = _awb_demo_pick_client_note (&rng);

  /* Contact details. */
  client->phone[0] = '1';
  client->phone[1] = phone_second[_awb_demo_rng_below (&rng, 10)];
  put_digits (&rng, client->phone + 2, 9);
  if (_awb_demo_rng_chance (&rng, age < 50 ? 0.45 : 0.20))
    {
      if (_awb_demo_rng_chance (&rng, 0.5))
        {
          guint n = (guint) _awb_demo_rng_range (&rng, 6, 10);

          client->email_text[0] = (char) ('1' + _awb_demo_rng_below (&rng, 9));
          p = put_digits (&rng, client->email_text + 1, n - 1);
          strcpy (p, "@qq.com");
        }
      else
        {
          guint n = (guint) _awb_demo_rng_range (&rng, 4, 8);

          p = client->email_text;
          for (guint i = 0; i < n; i++)
            *p++ = (char) ('a' + _awb_demo_rng_below (&rng, 26));
          p = put_digits (&rng, p, (guint) _awb_demo_rng_range (&rng, 2, 4));
          *p++ = '@';
          strcpy (p, AWB_DEMO_RNG_ONE_OF (&rng, email_domains));
        }
      email = client->email_text;
    }

  /* Resident ID: birthplace, birth date, sequence (odd for men), check. */
  awb_date_to_ymd (birth, &by, &bm, &bd);
  g_snprintf (client->id_number, sizeof client->id_number, "%s%04d%02d%02d%02u%u",
              birthplace->code, by, bm, bd, _awb_demo_rng_below (&rng, 100),
              2 * _awb_demo_rng_below (&rng, 5) + (gender == AWB_GENDER_M ? 1 : 0));
  client->id_number[17] = awb_validate_id_check (client->id_number);
  client->id_number[18] = '\0';

  g_snprintf (client->client_no, sizeof client->client_no, "%" G_GINT64_FORMAT,
              client_number (branch->seed, index, branch->n_clients));

  /* The plan: what the trades and interactions need. */
  plan->satisfaction = 1 + (guint8) AWB_DEMO_RNG_PICK (&rng, satisfaction_weights);
  if (aum_yuan >= 5e6)
    plan->rate = 15;
  else if (aum_yuan >= 1e6)
    plan->rate = _awb_demo_rng_chance (&rng, 0.5) ? 15 : 20;
  else
    plan->rate = AWB_DEMO_RNG_ONE_OF (&rng, small_rates);
  plan->contact_from = MAX (branch->window_start, opened);
  plan->active_from = plan->contact_from;
  plan->active_to = branch->end;
  if (_awb_demo_rng_chance (&rng, 0.2))
    {
      guint64 span = (guint64) (branch->end - plan->active_from) + 1;

      plan->active_to = plan->active_from + (AwbDate) _awb_demo_rng_below (&rng, span);
    }
  active_years = (plan->active_to - plan->active_from + 1) / 365.25;
  /* (MIN and MAX evaluate their arguments twice: no random draw inside.) */
  lambda = 3.8 * exp (1.6 * (0.5 * z_aum + 0.866 * _awb_demo_rng_normal (&rng)));
  lambda = MIN (lambda, 300.0);
  plan->weight = prospect ? 0.0 : lambda * active_years;
  /* Always drawn, so the profile's stream is the same in both modes.  A
   * client who is not a prospect has traded at least once. */
  plan->n_trades = _awb_demo_rng_poisson (&rng, plan->weight);
  if (!prospect && plan->n_trades == 0)
    plan->n_trades = 1;

  contact_rate = prospect ? 0.8 : aum_yuan >= 1e6 ? 4.0 : aum_yuan >= 1e5 ? 1.5 : 0.6;
  {
    guint64 n = _awb_demo_rng_poisson (&rng, contact_rate *
                                             (branch->end - plan->contact_from + 1) / 365.25);

    plan->n_interactions = (guint32) MIN (n, AWB_DEMO_MAX_INTERACTIONS);
  }

  /* The channel and the loyalty driver come last, after the plan: that is
   * where the profile stream has them (note (2)). */
  channel = _awb_demo_rng_chance (&rng, age < 40 ? 0.8 : age < 60 ? 0.55 : 0.25)
            ? AWB_CHANNEL_ONLINE : AWB_CHANNEL_BRANCH;
  driver = (AwbLoyaltyDriver) AWB_DEMO_RNG_PICK (&rng, driver_weights);

  client->gender = gender;
  client->birth_date = birth;
  client->email = email;
  client->city = city;
  client->occupation = occupation;
  client->education = _awb_demo_education_name ((guint) education);
  client->marital = marital;
  client->children = children;
  client->youngest_child_age = youngest;
  client->employment = employment;
  client->income = income;
  client->aum = plan->aum;
  client->share_of_wallet = share;
  client->opened_on = opened;
  client->manager = manager;
  client->channel = channel;
  client->need = need;
  client->q_job = q_job;
  client->q_burden = q_burden;
  client->q_housing = q_housing;
  client->q_experience = q_experience;
  client->q_knowledge = q_knowledge;
  client->loss_tolerance_pct = loss;
  client->q_priority = q_priority;
  client->q_stoploss = q_stoploss;
  client->q_if_loss = q_if_loss;
  client->q_watching = q_watching;
  client->q_results = q_results;
  client->assessed_on = assessed;
  client->lowest_category = lowest;
  client->loyalty_driver = driver;
  client->referrals = referrals;
  client->competitor_account = competitor;
  client->cadence_days = cadence;
  client->notes = notes;
}

/* ---- Trades ------------------------------------------------------------ */

/**
 * _awb_demo_client_trades_start:
 * @cursor: (out caller-allocates): where the trades are drawn from
 * @branch: the run's constants
 * @index: the client
 * @plan: its plan, from _awb_demo_client_profile(), with its id set
 * @dates: (inout): a buffer for the trades' dates, grown as needed
 * @dates_size: (inout): its size, in dates
 *
 * Starts drawing client @index's @plan->n_trades trades from its trade
 * stream: their dates now, the trades in date order as
 * _awb_demo_client_trades_fill() asks for them.  @branch, @plan and
 * *@dates must stay until the last one is drawn.
 */
void
_awb_demo_client_trades_start (AwbDemoTradeCursor   *cursor,
                               const AwbDemoBranch  *branch,
                               guint                 index,
                               const AwbDemoPlan    *plan,
                               AwbDate             **dates,
                               gsize                *dates_size)
{
  guint64 n = plan->n_trades;
  guint64 span = (guint64) (plan->active_to - plan->active_from) + 1;

  cursor->branch = branch;
  cursor->plan = plan;
  cursor->dates = NULL;
  cursor->n = n;
  cursor->next = 0;
  if (n == 0)
    return;

  _awb_demo_rng_init (&cursor->rng, branch->seed, index, AWB_DEMO_STREAM_TRADES);

  if (n > *dates_size)
    {
      *dates_size = MAX (n, 2 * *dates_size);
      *dates = g_renew (AwbDate, *dates, *dates_size);
    }
  for (guint64 k = 0; k < n; k++)
    (*dates)[k] = plan->active_from + (AwbDate) _awb_demo_rng_below (&cursor->rng, span);
  sort_dates (*dates, n);
  cursor->dates = *dates;
}

/**
 * _awb_demo_client_trades_fill:
 * @cursor: a cursor from _awb_demo_client_trades_start()
 * @rows: (out caller-allocates) (array length=n_rows): the next trades
 * @n_rows: room in @rows
 *
 * Draws the client's next trades into @rows.
 *
 * Returns: how many; fewer than @n_rows only when the client has no more.
 */
guint
_awb_demo_client_trades_fill (AwbDemoTradeCursor *cursor,
                              AwbDemoTrade       *rows,
                              guint               n_rows)
{
  static const char *const sides[] = { "buy", "sell" };
  const AwbDemoBranch *branch = cursor->branch;
  const AwbDemoPlan *plan = cursor->plan;
  double base = plan->aum > 0 ? plan->aum / 100.0 : 30000.0;
  AwbDemoRng rng = cursor->rng;   /* a local copy stays in registers */
  guint filled = 0;

  for (; filled < n_rows && cursor->next < cursor->n; filled++, cursor->next++)
    {
      guint64 k = cursor->next;
      AwbDemoTrade *row = &rows[filled];
      const AwbDemoProductPool *pool;
      const AwbDemoProduct *product;
      double target;
      gint64 lots;
      int risk, override = 0;

      row->client_id = plan->id;
      row->date = cursor->dates[k];
      row->side = k == 0 ? sides[0] : sides[_awb_demo_rng_chance (&rng, 0.52) ? 0 : 1];

      /* Mostly at or just below the client's level; now and then above,
       * more often than not with a signed risk warning.  The lowest
       * category cannot sign one. */
      if (plan->lowest)
        risk = _awb_demo_rng_chance (&rng, 0.97) ? 1 : _awb_demo_rng_range (&rng, 2, 3);
      else if (plan->level < 5 && _awb_demo_rng_chance (&rng, 0.05))
        {
          risk = plan->level + 1 + (plan->level < 4 && _awb_demo_rng_chance (&rng, 0.2) ? 1 : 0);
          override = _awb_demo_rng_chance (&rng, 0.6) ? 1 : 0;
        }
      else
        {
          int below = 0;

          while (below < plan->level - 1 && _awb_demo_rng_chance (&rng, 0.4))
            below++;
          risk = plan->level - below;
        }
      pool = &branch->products[risk - 1];
      product = &pool->items[_awb_demo_rng_below (&rng, pool->n)];
      row->risk = (guint8) risk;
      row->override = (guint8) override;
      row->product = product->code;

      /* A few per cent of the assets a time, in whole lots of 100 shares
       * (a lot costs as many yuan as a share costs fen). */
      target = base * 0.06 * branch->sizes[_awb_demo_rng_below (&rng, AWB_DEMO_SIZE_STEPS)];
      target = CLAMP (target, 500.0, 5e7);
      lots = MAX (1, (gint64) floor (target / (double) product->price + 0.5));
      row->amount = lots * 100 * product->price;
      row->commission = MAX (500, (row->amount * plan->rate + 50000) / 100000);
    }
  cursor->rng = rng;
  return filled;
}

/* ---- Interactions ------------------------------------------------------ */

/**
 * _awb_demo_client_interactions:
 * @branch: the run's constants
 * @index: the client
 * @plan: its plan, from _awb_demo_client_profile()
 * @rows: (out caller-allocates): the interactions
 *
 * Draws client @index's @plan->n_interactions interactions from its
 * interaction stream into @rows, in date order.
 *
 * Returns: how many, @plan->n_interactions.
 */
guint
_awb_demo_client_interactions (const AwbDemoBranch *branch,
                               guint                index,
                               const AwbDemoPlan   *plan,
                               AwbDemoInteraction   rows[AWB_DEMO_MAX_INTERACTIONS])
{
  static const guint16 kind_weights[] = { 45, 14, 8, 20, 3, 10 };
  guint n = plan->n_interactions;
  guint64 span = (guint64) (branch->end - plan->contact_from) + 1;
  AwbDate dates[AWB_DEMO_MAX_INTERACTIONS];
  AwbDemoRng rng;

  g_assert (n <= AWB_DEMO_MAX_INTERACTIONS);
  if (n == 0)
    return 0;

  _awb_demo_rng_init (&rng, branch->seed, index, AWB_DEMO_STREAM_INTERACTIONS);
  for (guint k = 0; k < n; k++)
    dates[k] = plan->contact_from + (AwbDate) _awb_demo_rng_below (&rng, span);
  sort_dates (dates, n);

  for (guint k = 0; k < n; k++)
    {
      AwbDemoInteraction *row = &rows[k];
      AwbInteractionKind kind = AWB_DEMO_RNG_PICK (&rng, kind_weights);
      const char *notes;
      int satisfaction = 0;
      AwbDate follow_up = AWB_DATE_NONE;
      gboolean done = FALSE;

      notes = _awb_demo_pick_interaction_note (&rng, kind);
      if (kind != AWB_INTERACTION_COMPLAINT && _awb_demo_rng_chance (&rng, 0.4))
        notes = NULL;

      if (kind == AWB_INTERACTION_SURVEY)
        satisfaction = clamp_int (plan->satisfaction + _awb_demo_rng_range (&rng, -1, 1), 1, 5);

      /* Follow-ups: long past ones mostly done, recent ones half done,
       * future ones open. */
      if (kind == AWB_INTERACTION_COMPLAINT ||
          ((kind == AWB_INTERACTION_CALL || kind == AWB_INTERACTION_VISIT) &&
           _awb_demo_rng_chance (&rng, 0.5)))
        {
          follow_up = dates[k] + _awb_demo_rng_range (&rng, 3, 45);
          if (follow_up <= branch->end - 14)
            done = _awb_demo_rng_chance (&rng, 0.92);
          else if (follow_up <= branch->end)
            done = _awb_demo_rng_chance (&rng, 0.5);
        }

      row->date = dates[k];
      row->kind = kind;
      row->satisfaction = satisfaction;
      row->notes = notes;
      row->follow_up = follow_up;
      row->done = done;
    }
  return n;
}
