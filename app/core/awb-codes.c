/* awb-codes.c: the tables behind awb-codes.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "awb-codes"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "awb-codes.h"

typedef struct
{
  const char *code;     /* §11 code */
  const char *chinese;  /* the spec's Chinese label, accepted on import */
  const char *label;    /* display label, translated through _() */
} CodeEntry;

#define END { NULL, NULL, NULL }

static const CodeEntry gender[] = {
  { "M", "男", N_("Male") },
  { "F", "女", N_("Female") },
  END
};
static const CodeEntry region[] = {
  { "urban", "城市", N_("Urban") },
  { "rural", "农村", N_("Rural") },
  END
};
static const CodeEntry marital[] = {
  { "single", "未婚", N_("Single") },
  { "married", "已婚", N_("Married") },
  { "divorced", "离异", N_("Divorced") },
  { "widowed", "丧偶", N_("Widowed") },
  END
};
static const CodeEntry employment[] = {
  { "working", "在职", N_("Working") },
  { "retired", "退休", N_("Retired") },
  { "unemployed", "失业", N_("Unemployed") },
  END
};
static const CodeEntry income_band[] = {
  { "low", "低", N_("Low income") },
  { "lower_middle", "中低", N_("Lower middle income") },
  { "upper_middle", "中高", N_("Upper middle income") },
  { "high", "高", N_("High income") },
  END
};
static const CodeEntry channel[] = {
  { "online", "线上", N_("Online") },
  { "branch", "网点", N_("Branch") },
  END
};
static const CodeEntry need_type[] = {
  { "basic", "基础理财", N_("Basic wealth management") },
  { "professional", "专业投资", N_("Professional investing") },
  END
};
static const CodeEntry loyalty_driver[] = {
  { "trust", "信赖", N_("Trust in our service") },
  { "price", "价格", N_("Price or incentives") },
  { "habit", "习惯", N_("Habit or convenience") },
  { "relationship", "人情", N_("Personal relationship") },
  { "no_alternative", "无替代", N_("No alternative") },
  { "unknown", "未知", N_("Unknown") },
  END
};
static const CodeEntry side[] = {
  { "buy", "买入", N_("Buy") },
  { "sell", "卖出", N_("Sell") },
  END
};
static const CodeEntry interaction[] = {
  { "call", "电话", N_("Call") },
  { "visit", "拜访", N_("Visit") },
  { "event", "活动", N_("Event") },
  { "survey", "调查", N_("Survey") },
  { "complaint", "投诉", N_("Complaint") },
  { "education", "教育", N_("Investor education") },
  END
};
static const CodeEntry product_risk[] = {
  { "R1", "R1", N_("R1 (low risk)") },
  { "R2", "R2", N_("R2 (medium-low risk)") },
  { "R3", "R3", N_("R3 (medium risk)") },
  { "R4", "R4", N_("R4 (medium-high risk)") },
  { "R5", "R5", N_("R5 (high risk)") },
  END
};
static const CodeEntry rfm_segment[] = {
  { "champions", "核心客户", N_("Champions") },
  { "potential_loyalist", "潜力客户", N_("Potential loyalist") },
  { "loyal", "忠诚客户", N_("Loyal") },
  { "promising", "有望客户", N_("Promising") },
  { "new", "新客户", N_("New") },
  { "cant_lose", "重要挽留", N_("Can’t lose") },
  { "at_risk", "流失风险", N_("At risk") },
  { "need_attention", "需关注", N_("Need attention") },
  { "about_to_sleep", "将休眠", N_("About to sleep") },
  { "lost", "已流失", N_("Lost") },
  { "others", "其他", N_("Others") },
  END
};
static const CodeEntry rfm_state[] = {
  { "active", "活跃", N_("Active") },
  { "dormant", "休眠", N_("Dormant") },
  { "churn_risk", "潜在流失", N_("Churn risk") },
  END
};
static const CodeEntry tier[] = {
  { "vip", "贵宾", N_("VIP") },
  { "key", "重点", N_("Key") },
  { "standard", "普通", N_("Standard") },
  { "basic", "基础", N_("Basic") },
  END
};
static const CodeEntry service_group[] = {
  { "hnw_high_freq", "高净值高频", N_("High net worth, high-frequency") },
  { "hnw_low_freq", "高净值低频", N_("High net worth, low-frequency") },
  { "ordinary_high_freq", "普通高频", N_("Ordinary, high-frequency") },
  { "ordinary_low_freq", "普通低频", N_("Ordinary, low-frequency") },
  END
};
static const CodeEntry capital_size[] = {
  { "large", "大型", N_("Large") },
  { "medium", "中型", N_("Medium") },
  { "small", "小型", N_("Small") },
  END
};
static const CodeEntry turnover[] = {
  { "static", "静止", N_("Static") },
  { "stable", "稳定", N_("Stable") },
  { "short_term", "短线", N_("Short-term") },
  END
};
static const CodeEntry loyalty_type[] = {
  { "trust", "信赖忠诚", N_("Trust loyalty") },
  { "monopoly", "垄断忠诚", N_("Monopoly loyalty") },
  { "kinship", "亲戚忠诚", N_("Kinship loyalty") },
  { "interest", "利益忠诚", N_("Interest loyalty") },
  { "inertia", "惰性忠诚", N_("Inertia loyalty") },
  { "latent", "潜在忠诚", N_("Latent loyalty") },
  { "not_loyal", "无忠诚", N_("Not loyal") },
  END
};
static const CodeEntry lifecycle[] = {
  { "prospect", "潜在客户", N_("Prospect") },
  { "new", "新客户", N_("New client") },
  { "active", "活跃客户", N_("Active client") },
  { "loyal", "忠诚客户", N_("Loyal client") },
  { "dormant", "休眠", N_("Dormant") },
  { "churned", "流失", N_("Churned") },
  END
};
static const CodeEntry band[] = {
  { "low", "低", N_("Low") },
  { "mid_low", "中低", N_("Mid-low") },
  { "mid", "中", N_("Mid") },
  { "mid_high", "中高", N_("Mid-high") },
  { "high", "高", N_("High") },
  END
};
static const CodeEntry risk_level[] = {
  { "C1", "C1", N_("C1 (conservative)") },
  { "C2", "C2", N_("C2 (cautious)") },
  { "C3", "C3", N_("C3 (balanced)") },
  { "C4", "C4", N_("C4 (growth)") },
  { "C5", "C5", N_("C5 (aggressive)") },
  { "P", "专业投资者", N_("Professional investor") },
  END
};
static const CodeEntry age_group[] = {
  { "young", "青年", N_("Young") },
  { "middle_aged", "中年", N_("Middle-aged") },
  { "senior", "老年", N_("Senior") },
  END
};
static const CodeEntry life_stage[] = {
  { "growth", "成长期", N_("Growth") },
  { "youth", "青年期", N_("Youth") },
  { "adult", "成年期", N_("Adult") },
  { "mature", "成熟期", N_("Mature") },
  { "stable", "稳定期", N_("Stable") },
  { "retired", "退休期", N_("Retired") },
  END
};
static const CodeEntry family_stage[] = {
  { "single", "单身", N_("Single") },
  { "newly_married", "新婚", N_("Newly married") },
  { "full_nest_1", "满巢I", N_("Full nest I") },
  { "full_nest_2", "满巢II", N_("Full nest II") },
  { "full_nest_3", "满巢III", N_("Full nest III") },
  { "empty_nest_1", "空巢I", N_("Empty nest I") },
  { "empty_nest_2", "空巢II", N_("Empty nest II") },
  { "solitary_working", "鳏寡就业", N_("Solitary, working") },
  { "solitary_retired", "鳏寡退休", N_("Solitary, retired") },
  { "unknown", "未知", N_("Unknown") },
  END
};
static const CodeEntry value_tier[] = {
  { "high", "高价值", N_("High value") },
  { "medium", "中价值", N_("Medium value") },
  { "low", "低价值", N_("Low value") },
  END
};

static const CodeEntry *const tables[AWB_N_KINDS] = {
  [AWB_KIND_GENDER] = gender,
  [AWB_KIND_REGION] = region,
  [AWB_KIND_MARITAL] = marital,
  [AWB_KIND_EMPLOYMENT] = employment,
  [AWB_KIND_INCOME_BAND] = income_band,
  [AWB_KIND_CHANNEL] = channel,
  [AWB_KIND_NEED_TYPE] = need_type,
  [AWB_KIND_LOYALTY_DRIVER] = loyalty_driver,
  [AWB_KIND_SIDE] = side,
  [AWB_KIND_INTERACTION] = interaction,
  [AWB_KIND_PRODUCT_RISK] = product_risk,
  [AWB_KIND_RFM_SEGMENT] = rfm_segment,
  [AWB_KIND_RFM_STATE] = rfm_state,
  [AWB_KIND_TIER] = tier,
  [AWB_KIND_SERVICE_GROUP] = service_group,
  [AWB_KIND_CAPITAL_SIZE] = capital_size,
  [AWB_KIND_TURNOVER] = turnover,
  [AWB_KIND_LOYALTY_TYPE] = loyalty_type,
  [AWB_KIND_LIFECYCLE] = lifecycle,
  [AWB_KIND_BAND] = band,
  [AWB_KIND_RISK_LEVEL] = risk_level,
  [AWB_KIND_AGE_GROUP] = age_group,
  [AWB_KIND_LIFE_STAGE] = life_stage,
  [AWB_KIND_FAMILY_STAGE] = family_stage,
  [AWB_KIND_VALUE_TIER] = value_tier,
};

int
awb_code_count (AwbCodeKind kind)
{
  int n = 0;

  g_return_val_if_fail (kind < AWB_N_KINDS, 0);

  while (tables[kind][n].code != NULL)
    n++;
  return n;
}

/* The value whose code (ASCII case-insensitively) or Chinese label equals
 * @text, or -1.  Surrounding blanks are not trimmed here: the CSV reader
 * hands over fields as they were written. */
int
awb_code_lookup (AwbCodeKind  kind,
                 const char  *text)
{
  const CodeEntry *t;

  g_return_val_if_fail (kind < AWB_N_KINDS, -1);

  if (text == NULL)
    return -1;
  t = tables[kind];
  for (int i = 0; t[i].code != NULL; i++)
    {
      if (g_ascii_strcasecmp (text, t[i].code) == 0 || strcmp (text, t[i].chinese) == 0)
        return i;
    }
  return -1;
}

const char *
awb_code_to_string (AwbCodeKind kind,
                    int         value)
{
  g_return_val_if_fail (kind < AWB_N_KINDS, NULL);
  g_return_val_if_fail (value >= 0 && value < awb_code_count (kind), NULL);

  return tables[kind][value].code;
}

const char *
awb_code_get_chinese (AwbCodeKind kind,
                      int         value)
{
  g_return_val_if_fail (kind < AWB_N_KINDS, NULL);
  g_return_val_if_fail (value >= 0 && value < awb_code_count (kind), NULL);

  return tables[kind][value].chinese;
}

const char *
awb_code_get_label (AwbCodeKind kind,
                    int         value)
{
  g_return_val_if_fail (kind < AWB_N_KINDS, NULL);
  g_return_val_if_fail (value >= 0 && value < awb_code_count (kind), NULL);

  return g_dgettext (GETTEXT_PACKAGE, tables[kind][value].label);
}

/* "M, F" style list of the accepted codes, for error messages. */
char *
awb_code_describe_choices (AwbCodeKind kind)
{
  GString *s = g_string_new (NULL);
  const CodeEntry *t;

  g_return_val_if_fail (kind < AWB_N_KINDS, NULL);

  t = tables[kind];
  for (int i = 0; t[i].code != NULL; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", t[i].code);
  return g_string_free (s, FALSE);
}
