/* awb-lifestage.c: age group, life stage, family life cycle (spec §8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "awb-lifestage"

#include "config.h"

#include "awb-date.h"
#include "awb-lifestage.h"

/* Returns: the AwbAgeGroup of @age, or AWB_UNKNOWN for an unknown age. */
int
awb_age_group (const AwbSettings *s,
               int                age)
{
  if (age == AWB_UNKNOWN)
    return AWB_UNKNOWN;
  if (age < s->age_group_bounds[0])
    return AWB_AGE_YOUNG;
  if (age < s->age_group_bounds[1])
    return AWB_AGE_MIDDLE_AGED;
  return AWB_AGE_SENIOR;
}

/* Returns: the AwbLifeStage of @age (growth ≤ 25, youth 26–35, …, retired
 * over 65), or AWB_UNKNOWN. */
int
awb_life_stage (const AwbSettings *s,
                int                age)
{
  if (age == AWB_UNKNOWN)
    return AWB_UNKNOWN;
  for (int i = 0; i < 5; i++)
    if (age <= s->life_stage_upper[i])
      return AWB_STAGE_GROWTH + i;
  return AWB_STAGE_RETIRED;
}

/**
 * awb_family_stage:
 * @age: whole years, or AWB_UNKNOWN
 * @rule: (out) (optional): which rule decided
 *
 * The nine-stage family life cycle, first rule that holds (§8, §12).
 * "Retired" is the employment status retired only: unemployed or unknown
 * employment is not retired.
 */
AwbFamilyStage
awb_family_stage (const AwbSettings *s,
                  int                marital,
                  int                children,
                  int                youngest,
                  int                age,
                  int                employment,
                  AwbFamilyRule     *rule)
{
  gboolean retired = employment == AWB_EMPLOYMENT_RETIRED;
  gboolean alone = marital == AWB_MARITAL_DIVORCED || marital == AWB_MARITAL_WIDOWED;
  AwbFamilyRule dummy;

  if (rule == NULL)
    rule = &dummy;

  if (marital < AWB_MARITAL_SINGLE || marital > AWB_MARITAL_WIDOWED)
    {
      *rule = AWB_FAMILY_RULE_NO_MARITAL;
      return AWB_FAMILY_UNKNOWN;
    }
  children = MAX (children, 0);

  /* 1. never married, no children */
  if (marital == AWB_MARITAL_SINGLE && children == 0)
    {
      *rule = AWB_FAMILY_RULE_1;
      return AWB_FAMILY_SINGLE;
    }

  /* 2. no children (married, divorced or widowed) */
  if (children == 0)
    {
      if (alone)
        {
          *rule = AWB_FAMILY_RULE_2;
          return retired ? AWB_FAMILY_SOLITARY_RETIRED : AWB_FAMILY_SOLITARY_WORKING;
        }
      if (age == AWB_UNKNOWN)
        {
          *rule = AWB_FAMILY_RULE_MISSING;
          return AWB_FAMILY_UNKNOWN;
        }
      *rule = AWB_FAMILY_RULE_2;
      if (age < s->newly_married_age)
        return AWB_FAMILY_NEWLY_MARRIED;
      return retired ? AWB_FAMILY_EMPTY_NEST_2 : AWB_FAMILY_EMPTY_NEST_1;
    }

  /* Children without the youngest's age: unknown (§12). */
  if (youngest < 0)
    {
      *rule = AWB_FAMILY_RULE_MISSING;
      return AWB_FAMILY_UNKNOWN;
    }

  /* 3. youngest under 6 */
  if (youngest < s->young_child_age)
    {
      *rule = AWB_FAMILY_RULE_3;
      return AWB_FAMILY_FULL_NEST_1;
    }

  /* 4. youngest 6–17 */
  if (youngest < s->adult_child_age)
    {
      if (age == AWB_UNKNOWN)
        {
          *rule = AWB_FAMILY_RULE_MISSING;
          return AWB_FAMILY_UNKNOWN;
        }
      *rule = AWB_FAMILY_RULE_4;
      return age >= s->full_nest_3_age ? AWB_FAMILY_FULL_NEST_3 : AWB_FAMILY_FULL_NEST_2;
    }

  /* 5. youngest 18 or older */
  *rule = AWB_FAMILY_RULE_5;
  if (alone)
    return retired ? AWB_FAMILY_SOLITARY_RETIRED : AWB_FAMILY_SOLITARY_WORKING;
  return retired ? AWB_FAMILY_EMPTY_NEST_2 : AWB_FAMILY_EMPTY_NEST_1;
}

/**
 * awb_lifestage_classify:
 * @rule: (out) (optional): which family rule decided
 *
 * Fills age_group, life_stage and family_stage; the manager's override,
 * when set, is the family stage.
 */
void
awb_lifestage_classify (const AwbSettings    *s,
                        AwbDate               as_of,
                        const AwbClientFacts *f,
                        AwbClientLabels      *l,
                        AwbFamilyRule        *rule)
{
  int age = f->birth_date != AWB_DATE_NONE ? awb_date_age (f->birth_date, as_of) : AWB_UNKNOWN;
  AwbFamilyRule r;

  l->age_group = (gint8) awb_age_group (s, age);
  l->life_stage = (gint8) awb_life_stage (s, age);
  if (f->family_override >= AWB_FAMILY_SINGLE && f->family_override <= AWB_FAMILY_UNKNOWN)
    {
      l->family_stage = f->family_override;
      r = AWB_FAMILY_RULE_OVERRIDE;
    }
  else
    l->family_stage = (gint8) awb_family_stage (s, f->marital, f->children,
                                                f->youngest_child_age, age, f->employment, &r);
  if (rule != NULL)
    *rule = r;
}
