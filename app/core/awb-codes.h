/* awb-codes.h: the enumerations of the spec and their codes and labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every enumeration has three spellings:
 *  - the code: English, lower case, words joined by '_' (spec §11); what the
 *    book stores, the CSV interchange format and the command line use;
 *  - the Chinese label of the spec, accepted on import (fixed, not translated);
 *  - the display label, English marked with N_(): the zh_CN translation
 *    gives the Chinese one.  Charts and views get labels only from here.
 * The numeric value of each enumerator is its index in the kind's table.
 */
#pragma once

#include "awb-types.h"

G_BEGIN_DECLS

typedef enum {
  AWB_KIND_GENDER,
  AWB_KIND_REGION,
  AWB_KIND_MARITAL,
  AWB_KIND_EMPLOYMENT,
  AWB_KIND_INCOME_BAND,
  AWB_KIND_CHANNEL,
  AWB_KIND_NEED_TYPE,
  AWB_KIND_LOYALTY_DRIVER,
  AWB_KIND_SIDE,
  AWB_KIND_INTERACTION,
  AWB_KIND_PRODUCT_RISK,
  AWB_KIND_RFM_SEGMENT,
  AWB_KIND_RFM_STATE,
  AWB_KIND_TIER,
  AWB_KIND_SERVICE_GROUP,
  AWB_KIND_CAPITAL_SIZE,
  AWB_KIND_TURNOVER,
  AWB_KIND_LOYALTY_TYPE,
  AWB_KIND_LIFECYCLE,
  AWB_KIND_BAND,
  AWB_KIND_RISK_LEVEL,
  AWB_KIND_AGE_GROUP,
  AWB_KIND_LIFE_STAGE,
  AWB_KIND_FAMILY_STAGE,
  AWB_KIND_VALUE_TIER,
  AWB_N_KINDS
} AwbCodeKind;

typedef enum { AWB_GENDER_M, AWB_GENDER_F } AwbGender;
typedef enum { AWB_REGION_URBAN, AWB_REGION_RURAL } AwbRegion;
typedef enum {
  AWB_MARITAL_SINGLE, AWB_MARITAL_MARRIED, AWB_MARITAL_DIVORCED, AWB_MARITAL_WIDOWED
} AwbMarital;
typedef enum {
  AWB_EMPLOYMENT_WORKING, AWB_EMPLOYMENT_RETIRED, AWB_EMPLOYMENT_UNEMPLOYED
} AwbEmployment;
typedef enum {
  AWB_INCOME_LOW, AWB_INCOME_LOWER_MIDDLE, AWB_INCOME_UPPER_MIDDLE, AWB_INCOME_HIGH
} AwbIncomeBand;
typedef enum { AWB_CHANNEL_ONLINE, AWB_CHANNEL_BRANCH } AwbChannel;
typedef enum { AWB_NEED_BASIC, AWB_NEED_PROFESSIONAL } AwbNeedType;
typedef enum {
  AWB_DRIVER_TRUST, AWB_DRIVER_PRICE, AWB_DRIVER_HABIT, AWB_DRIVER_RELATIONSHIP,
  AWB_DRIVER_NO_ALTERNATIVE, AWB_DRIVER_UNKNOWN
} AwbLoyaltyDriver;
typedef enum { AWB_SIDE_BUY, AWB_SIDE_SELL } AwbSide;
typedef enum {
  AWB_INTERACTION_CALL, AWB_INTERACTION_VISIT, AWB_INTERACTION_EVENT, AWB_INTERACTION_SURVEY,
  AWB_INTERACTION_COMPLAINT, AWB_INTERACTION_EDUCATION
} AwbInteractionKind;
/* Product risk levels R1..R5 have the values 0..4. */
typedef enum {
  AWB_SEGMENT_CHAMPIONS, AWB_SEGMENT_POTENTIAL_LOYALIST, AWB_SEGMENT_LOYAL,
  AWB_SEGMENT_PROMISING, AWB_SEGMENT_NEW, AWB_SEGMENT_CANT_LOSE, AWB_SEGMENT_AT_RISK,
  AWB_SEGMENT_NEED_ATTENTION, AWB_SEGMENT_ABOUT_TO_SLEEP, AWB_SEGMENT_LOST,
  AWB_SEGMENT_OTHERS, AWB_N_SEGMENTS
} AwbSegment;
typedef enum { AWB_STATE_ACTIVE, AWB_STATE_DORMANT, AWB_STATE_CHURN_RISK } AwbRfmState;
typedef enum { AWB_TIER_VIP, AWB_TIER_KEY, AWB_TIER_STANDARD, AWB_TIER_BASIC } AwbTier;
typedef enum {
  AWB_GROUP_HNW_HIGH_FREQ, AWB_GROUP_HNW_LOW_FREQ, AWB_GROUP_ORDINARY_HIGH_FREQ,
  AWB_GROUP_ORDINARY_LOW_FREQ
} AwbServiceGroup;
typedef enum { AWB_CAPITAL_LARGE, AWB_CAPITAL_MEDIUM, AWB_CAPITAL_SMALL } AwbCapitalSize;
typedef enum { AWB_TURNOVER_STATIC, AWB_TURNOVER_STABLE, AWB_TURNOVER_SHORT_TERM } AwbTurnover;
typedef enum {
  AWB_LOYALTY_TRUST, AWB_LOYALTY_MONOPOLY, AWB_LOYALTY_KINSHIP, AWB_LOYALTY_INTEREST,
  AWB_LOYALTY_INERTIA, AWB_LOYALTY_LATENT, AWB_LOYALTY_NOT_LOYAL
} AwbLoyaltyType;
typedef enum {
  AWB_LIFECYCLE_PROSPECT, AWB_LIFECYCLE_NEW, AWB_LIFECYCLE_ACTIVE, AWB_LIFECYCLE_LOYAL,
  AWB_LIFECYCLE_DORMANT, AWB_LIFECYCLE_CHURNED
} AwbLifecycle;
typedef enum {
  AWB_BAND_LOW, AWB_BAND_MID_LOW, AWB_BAND_MID, AWB_BAND_MID_HIGH, AWB_BAND_HIGH
} AwbBand;
/* Risk levels: C1..C5 are 0..4, P (professional) is 5. */
typedef enum {
  AWB_LEVEL_C1, AWB_LEVEL_C2, AWB_LEVEL_C3, AWB_LEVEL_C4, AWB_LEVEL_C5, AWB_LEVEL_P
} AwbRiskLevel;
typedef enum { AWB_AGE_YOUNG, AWB_AGE_MIDDLE_AGED, AWB_AGE_SENIOR } AwbAgeGroup;
typedef enum {
  AWB_STAGE_GROWTH, AWB_STAGE_YOUTH, AWB_STAGE_ADULT, AWB_STAGE_MATURE, AWB_STAGE_STABLE,
  AWB_STAGE_RETIRED
} AwbLifeStage;
typedef enum {
  AWB_FAMILY_SINGLE, AWB_FAMILY_NEWLY_MARRIED, AWB_FAMILY_FULL_NEST_1, AWB_FAMILY_FULL_NEST_2,
  AWB_FAMILY_FULL_NEST_3, AWB_FAMILY_EMPTY_NEST_1, AWB_FAMILY_EMPTY_NEST_2,
  AWB_FAMILY_SOLITARY_WORKING, AWB_FAMILY_SOLITARY_RETIRED, AWB_FAMILY_UNKNOWN
} AwbFamilyStage;
typedef enum { AWB_VALUE_HIGH, AWB_VALUE_MEDIUM, AWB_VALUE_LOW } AwbValueTier;

int          awb_code_count       (AwbCodeKind  kind);
int          awb_code_lookup      (AwbCodeKind  kind,
                                   const char  *text);
const char  *awb_code_to_string   (AwbCodeKind  kind,
                                   int          value);
const char  *awb_code_get_chinese (AwbCodeKind  kind,
                                   int          value);
const char  *awb_code_get_label   (AwbCodeKind  kind,
                                   int          value);
char        *awb_code_describe_choices (AwbCodeKind kind);

G_END_DECLS
