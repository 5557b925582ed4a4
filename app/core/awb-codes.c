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
  const char *label;    /* display label, translated with the table's context */
} CodeEntry;

/* Each table's labels carry a message context (NC_), so that one English
 * word used for different Chinese terms ("Single": 未婚 as a marital status,
 * 单身 as a family stage; "Stable": 稳定 turnover, 稳定期 life stage) gets a
 * translation of its own.  The context is the same for every entry of a
 * table; tables_context[] repeats it for the lookup. */

#define END { NULL, NULL, NULL }

static const CodeEntry gender[] = {
  { "M", "男", NC_("gender", "Male") },
  { "F", "女", NC_("gender", "Female") },
  END
};
static const CodeEntry region[] = {
  { "urban", "城市", NC_("region", "Urban") },
  { "rural", "农村", NC_("region", "Rural") },
  END
};
static const CodeEntry marital[] = {
  { "single", "未婚", NC_("marital status", "Single") },
  { "married", "已婚", NC_("marital status", "Married") },
  { "divorced", "离异", NC_("marital status", "Divorced") },
  { "widowed", "丧偶", NC_("marital status", "Widowed") },
  END
};
static const CodeEntry employment[] = {
  { "working", "在职", NC_("employment", "Working") },
  { "retired", "退休", NC_("employment", "Retired") },
  { "unemployed", "失业", NC_("employment", "Unemployed") },
  END
};
static const CodeEntry income_band[] = {
  { "low", "低", NC_("income band", "Low income") },
  { "lower_middle", "中低", NC_("income band", "Lower middle income") },
  { "upper_middle", "中高", NC_("income band", "Upper middle income") },
  { "high", "高", NC_("income band", "High income") },
  END
};
static const CodeEntry channel[] = {
  { "online", "线上", NC_("channel", "Online") },
  { "branch", "网点", NC_("channel", "Branch") },
  END
};
static const CodeEntry need_type[] = {
  { "basic", "基础理财", NC_("need type", "Basic wealth management") },
  { "professional", "专业投资", NC_("need type", "Professional investing") },
  END
};
static const CodeEntry loyalty_driver[] = {
  { "trust", "信赖", NC_("loyalty driver", "Trust in our service") },
  { "price", "价格", NC_("loyalty driver", "Price or incentives") },
  { "habit", "习惯", NC_("loyalty driver", "Habit or convenience") },
  { "relationship", "人情", NC_("loyalty driver", "Personal relationship") },
  { "no_alternative", "无替代", NC_("loyalty driver", "No alternative") },
  { "unknown", "未知", NC_("loyalty driver", "Unknown") },
  END
};
static const CodeEntry side[] = {
  { "buy", "买入", NC_("trade side", "Buy") },
  { "sell", "卖出", NC_("trade side", "Sell") },
  END
};
static const CodeEntry interaction[] = {
  { "call", "电话", NC_("interaction kind", "Call") },
  { "visit", "拜访", NC_("interaction kind", "Visit") },
  { "event", "活动", NC_("interaction kind", "Event") },
  { "survey", "调查", NC_("interaction kind", "Survey") },
  { "complaint", "投诉", NC_("interaction kind", "Complaint") },
  { "education", "教育", NC_("interaction kind", "Investor education") },
  END
};
static const CodeEntry product_risk[] = {
  { "R1", "R1", NC_("product risk", "R1 (low risk)") },
  { "R2", "R2", NC_("product risk", "R2 (medium-low risk)") },
  { "R3", "R3", NC_("product risk", "R3 (medium risk)") },
  { "R4", "R4", NC_("product risk", "R4 (medium-high risk)") },
  { "R5", "R5", NC_("product risk", "R5 (high risk)") },
  END
};
static const CodeEntry rfm_segment[] = {
  { "champions", "核心客户", NC_("RFM segment", "Champions") },
  { "potential_loyalist", "潜力客户", NC_("RFM segment", "Potential loyalist") },
  { "loyal", "忠诚客户", NC_("RFM segment", "Loyal") },
  { "promising", "有望客户", NC_("RFM segment", "Promising") },
  { "new", "新客户", NC_("RFM segment", "New") },
  { "cant_lose", "重要挽留", NC_("RFM segment", "Can’t lose") },
  { "at_risk", "流失风险", NC_("RFM segment", "At risk") },
  { "need_attention", "需关注", NC_("RFM segment", "Need attention") },
  { "about_to_sleep", "将休眠", NC_("RFM segment", "About to sleep") },
  { "lost", "已流失", NC_("RFM segment", "Lost") },
  { "others", "其他", NC_("RFM segment", "Others") },
  END
};
static const CodeEntry rfm_state[] = {
  { "active", "活跃", NC_("RFM state", "Active") },
  { "dormant", "休眠", NC_("RFM state", "Dormant") },
  { "churn_risk", "潜在流失", NC_("RFM state", "Churn risk") },
  END
};
static const CodeEntry tier[] = {
  { "vip", "贵宾", NC_("tier", "VIP") },
  { "key", "重点", NC_("tier", "Key") },
  { "standard", "普通", NC_("tier", "Standard") },
  { "basic", "基础", NC_("tier", "Basic") },
  END
};
static const CodeEntry service_group[] = {
  { "hnw_high_freq", "高净值高频", NC_("service group", "High net worth, high-frequency") },
  { "hnw_low_freq", "高净值低频", NC_("service group", "High net worth, low-frequency") },
  { "ordinary_high_freq", "普通高频", NC_("service group", "Ordinary, high-frequency") },
  { "ordinary_low_freq", "普通低频", NC_("service group", "Ordinary, low-frequency") },
  END
};
static const CodeEntry capital_size[] = {
  { "large", "大型", NC_("capital size", "Large") },
  { "medium", "中型", NC_("capital size", "Medium") },
  { "small", "小型", NC_("capital size", "Small") },
  END
};
static const CodeEntry turnover[] = {
  { "static", "静止", NC_("turnover", "Static") },
  { "stable", "稳定", NC_("turnover", "Stable") },
  { "short_term", "短线", NC_("turnover", "Short-term") },
  END
};
static const CodeEntry loyalty_type[] = {
  { "trust", "信赖忠诚", NC_("loyalty type", "Trust loyalty") },
  { "monopoly", "垄断忠诚", NC_("loyalty type", "Monopoly loyalty") },
  { "kinship", "亲戚忠诚", NC_("loyalty type", "Kinship loyalty") },
  { "interest", "利益忠诚", NC_("loyalty type", "Interest loyalty") },
  { "inertia", "惰性忠诚", NC_("loyalty type", "Inertia loyalty") },
  { "latent", "潜在忠诚", NC_("loyalty type", "Latent loyalty") },
  { "not_loyal", "无忠诚", NC_("loyalty type", "Not loyal") },
  END
};
static const CodeEntry lifecycle[] = {
  { "prospect", "潜在客户", NC_("lifecycle", "Prospect") },
  { "new", "新客户", NC_("lifecycle", "New client") },
  { "active", "活跃客户", NC_("lifecycle", "Active client") },
  { "loyal", "忠诚客户", NC_("lifecycle", "Loyal client") },
  { "dormant", "休眠", NC_("lifecycle", "Dormant") },
  { "churned", "流失", NC_("lifecycle", "Churned") },
  END
};
static const CodeEntry band[] = {
  { "low", "低", NC_("risk band", "Low") },
  { "mid_low", "中低", NC_("risk band", "Mid-low") },
  { "mid", "中", NC_("risk band", "Mid") },
  { "mid_high", "中高", NC_("risk band", "Mid-high") },
  { "high", "高", NC_("risk band", "High") },
  END
};
static const CodeEntry risk_level[] = {
  { "C1", "C1", NC_("risk level", "C1 (conservative)") },
  { "C2", "C2", NC_("risk level", "C2 (cautious)") },
  { "C3", "C3", NC_("risk level", "C3 (balanced)") },
  { "C4", "C4", NC_("risk level", "C4 (growth)") },
  { "C5", "C5", NC_("risk level", "C5 (aggressive)") },
  { "P", "专业投资者", NC_("risk level", "Professional investor") },
  END
};
static const CodeEntry age_group[] = {
  { "young", "青年", NC_("age group", "Young") },
  { "middle_aged", "中年", NC_("age group", "Middle-aged") },
  { "senior", "老年", NC_("age group", "Senior") },
  END
};
static const CodeEntry life_stage[] = {
  { "growth", "成长期", NC_("life stage", "Growth") },
  { "youth", "青年期", NC_("life stage", "Youth") },
  { "adult", "成年期", NC_("life stage", "Adult") },
  { "mature", "成熟期", NC_("life stage", "Mature") },
  { "stable", "稳定期", NC_("life stage", "Stable") },
  { "retired", "退休期", NC_("life stage", "Retired") },
  END
};
static const CodeEntry family_stage[] = {
  { "single", "单身", NC_("family stage", "Single") },
  { "newly_married", "新婚", NC_("family stage", "Newly married") },
  { "full_nest_1", "满巢I", NC_("family stage", "Full nest I") },
  { "full_nest_2", "满巢II", NC_("family stage", "Full nest II") },
  { "full_nest_3", "满巢III", NC_("family stage", "Full nest III") },
  { "empty_nest_1", "空巢I", NC_("family stage", "Empty nest I") },
  { "empty_nest_2", "空巢II", NC_("family stage", "Empty nest II") },
  { "solitary_working", "鳏寡就业", NC_("family stage", "Solitary, working") },
  { "solitary_retired", "鳏寡退休", NC_("family stage", "Solitary, retired") },
  { "unknown", "未知", NC_("family stage", "Unknown") },
  END
};
static const CodeEntry value_tier[] = {
  { "high", "高价值", NC_("value tier", "High value") },
  { "medium", "中价值", NC_("value tier", "Medium value") },
  { "low", "低价值", NC_("value tier", "Low value") },
  END
};

static const char *const tables_context[AWB_N_KINDS] = {
  [AWB_KIND_GENDER] = "gender",
  [AWB_KIND_REGION] = "region",
  [AWB_KIND_MARITAL] = "marital status",
  [AWB_KIND_EMPLOYMENT] = "employment",
  [AWB_KIND_INCOME_BAND] = "income band",
  [AWB_KIND_CHANNEL] = "channel",
  [AWB_KIND_NEED_TYPE] = "need type",
  [AWB_KIND_LOYALTY_DRIVER] = "loyalty driver",
  [AWB_KIND_SIDE] = "trade side",
  [AWB_KIND_INTERACTION] = "interaction kind",
  [AWB_KIND_PRODUCT_RISK] = "product risk",
  [AWB_KIND_RFM_SEGMENT] = "RFM segment",
  [AWB_KIND_RFM_STATE] = "RFM state",
  [AWB_KIND_TIER] = "tier",
  [AWB_KIND_SERVICE_GROUP] = "service group",
  [AWB_KIND_CAPITAL_SIZE] = "capital size",
  [AWB_KIND_TURNOVER] = "turnover",
  [AWB_KIND_LOYALTY_TYPE] = "loyalty type",
  [AWB_KIND_LIFECYCLE] = "lifecycle",
  [AWB_KIND_BAND] = "risk band",
  [AWB_KIND_RISK_LEVEL] = "risk level",
  [AWB_KIND_AGE_GROUP] = "age group",
  [AWB_KIND_LIFE_STAGE] = "life stage",
  [AWB_KIND_FAMILY_STAGE] = "family stage",
  [AWB_KIND_VALUE_TIER] = "value tier",
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

  return g_dpgettext2 (GETTEXT_PACKAGE, tables_context[kind], tables[kind][value].label);
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
