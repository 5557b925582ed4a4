/* awb-demo-vocabulary.c: the words and numbers a demo branch is made of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The branch's managers; its clients' surnames, given names, cities, jobs
 * and educations, each as common as in life; the notes an adviser writes
 * on a client or an interaction; and the products the clients trade, with
 * the table their trade sizes come from.  The lists are read through the
 * functions below, one draw a pick; a change to a list or to a weight
 * changes the book every seed gives (awb-demo.c, note (1)).
 */
#define G_LOG_DOMAIN "awb-demo-vocabulary"

#include "config.h"

#include <math.h>

#include "awb-demo-vocabulary-private.h"

/* ---- People and places ------------------------------------------------- */

typedef struct
{
  const char *name;
  guint16     weight;   /* share of the clients, in per mille-ish units */
} Named;

static const Named managers[] = {
  { "王建华", 25 }, { "李晓梅", 19 }, { "张志强", 15 }, { "陈静", 12 },
  { "刘洋", 10 }, { "周丽娟", 8 }, { "吴海涛", 7 }, { "孙悦", 4 },
};
G_STATIC_ASSERT (G_N_ELEMENTS (managers) == AWB_DEMO_N_MANAGERS);

/* Surnames with their frequency (per ten thousand, rounded, 2020 census
 * order), plus two compound surnames. */
static const Named surnames[] = {
  { "王", 710 }, { "李", 700 }, { "张", 670 }, { "刘", 540 }, { "陈", 460 },
  { "杨", 310 }, { "黄", 220 }, { "赵", 200 }, { "吴", 200 }, { "周", 190 },
  { "徐", 150 }, { "孙", 150 }, { "马", 140 }, { "朱", 130 }, { "胡", 120 },
  { "郭", 120 }, { "何", 120 }, { "林", 100 }, { "高", 100 }, { "罗", 90 },
  { "郑", 90 }, { "梁", 90 }, { "谢", 80 }, { "宋", 70 }, { "唐", 70 },
  { "许", 70 }, { "韩", 70 }, { "冯", 70 }, { "邓", 70 }, { "曹", 60 },
  { "彭", 60 }, { "曾", 60 }, { "肖", 60 }, { "田", 50 }, { "董", 50 },
  { "袁", 50 }, { "潘", 50 }, { "于", 50 }, { "蒋", 50 }, { "蔡", 50 },
  { "余", 50 }, { "杜", 40 }, { "叶", 40 }, { "程", 40 }, { "沈", 40 },
  { "钱", 30 }, { "顾", 30 }, { "陆", 30 }, { "欧阳", 5 }, { "司马", 1 },
};

static const char *const male_chars[] = {
  "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏",
  "华", "飞", "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆", "旭", "宁", "龙", "林",
  "洋", "峰", "建", "国", "志", "文", "海", "东", "晨", "博", "阳", "成", "亮", "振",
};

static const char *const female_chars[] = {
  "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀", "玲", "燕", "婷", "雪", "慧",
  "莉", "琳", "颖", "倩", "晶", "洁", "红", "梅", "萍", "兰", "琴", "云", "欣", "悦",
  "怡", "佳", "雯", "璐", "蕾", "瑶", "丹", "英",
};

/* The branch sits in the Yangtze delta: cities, and the county towns around. */
static const AwbDemoCity cities[] = {
  { "上海", "310115", AWB_REGION_URBAN, 220 },
  { "上海", "310104", AWB_REGION_URBAN, 120 },
  { "杭州", "330106", AWB_REGION_URBAN, 110 },
  { "苏州", "320508", AWB_REGION_URBAN, 90 },
  { "南京", "320106", AWB_REGION_URBAN, 70 },
  { "宁波", "330212", AWB_REGION_URBAN, 50 },
  { "无锡", "320214", AWB_REGION_URBAN, 40 },
  { "嘉兴", "330402", AWB_REGION_URBAN, 25 },
  { "合肥", "340104", AWB_REGION_URBAN, 25 },
  { "崇明", "310151", AWB_REGION_RURAL, 30 },
  { "淳安县", "330127", AWB_REGION_RURAL, 25 },
  { "桐庐县", "330122", AWB_REGION_RURAL, 25 },
  { "安吉县", "330523", AWB_REGION_RURAL, 25 },
  { "德清县", "330521", AWB_REGION_RURAL, 20 },
  { "宁海县", "330226", AWB_REGION_RURAL, 25 },
  { "象山县", "330225", AWB_REGION_RURAL, 20 },
  { "沭阳县", "321322", AWB_REGION_RURAL, 20 },
  { "泗洪县", "321324", AWB_REGION_RURAL, 15 },
  { "歙县", "341021", AWB_REGION_RURAL, 15 },
};

static const char *const urban_jobs[] = {
  "企业职员", "企业职员", "企业职员", "公务员", "教师", "医生", "工程师", "工程师",
  "个体工商户", "企业主", "自由职业", "金融从业者", "销售", "技术工人", "律师", "会计",
};

static const char *const rural_jobs[] = {
  "农民", "农民", "农民", "个体工商户", "个体工商户", "技术工人", "教师", "企业职员",
  "村镇干部", "养殖户",
};

static const char *const educations[] = {
  "初中及以下", "高中/中专", "大专", "本科", "硕士", "博士",
};
static const guint16 education_urban[] = { 8, 20, 25, 35, 10, 2 };
static const guint16 education_rural[] = { 35, 35, 18, 10, 2, 0 };

static const char *const client_notes[] = {
  "偏好蓝筹股，持股周期较长",
  "关注子女教育金规划",
  "对佣金费率比较敏感",
  "希望每月收到市场简报",
  "计划为退休做养老储备",
  "不喜欢频繁电话联系，优先微信沟通",
  "有购买理财产品的意向",
  "曾咨询融资融券业务",
  "家人也在本营业部开户",
  "关注新能源板块",
  "喜欢参加投资者教育讲座",
  "资金主要在他行理财，可争取转入",
};

static const char *const notes_call[] = {
  "电话回访，了解持仓情况", "提醒风险测评即将到期", "介绍新发基金产品", "电话沟通近期市场行情",
};
static const char *const notes_visit[] = {
  "营业部面谈，梳理资产配置", "上门拜访，讨论养老规划", "面谈子女教育金安排",
};
static const char *const notes_event[] = {
  "参加季度投资策略会", "参加客户答谢活动",
};
static const char *const notes_survey[] = {
  "客户满意度回访调查",
};
static const char *const notes_complaint[] = {
  "反映交易软件卡顿", "对服务响应速度不满意", "对佣金调整有异议",
};
static const char *const notes_education[] = {
  "投资者教育讲座：防范非法证券活动", "线上课程：基金定投入门", "投资者教育：理性投资 远离配资",
};

/* One of @items, as often as its weight says. */
static const Named *
pick_named (AwbDemoRng  *rng,
            const Named *items,
            guint        n)
{
  guint total = 0;
  guint r;

  for (guint i = 0; i < n; i++)
    total += items[i].weight;
  r = _awb_demo_rng_below (rng, total);
  for (guint i = 0; i < n; i++)
    {
      if (r < items[i].weight)
        return &items[i];
      r -= items[i].weight;
    }
  g_assert_not_reached ();
}

/* The name of manager @index, 0 <= @index < AWB_DEMO_N_MANAGERS. */
const char *
_awb_demo_manager_name (guint index)
{
  g_assert (index < G_N_ELEMENTS (managers));

  return managers[index].name;
}

/* A client's manager, as an index: the first managers have more clients. */
guint
_awb_demo_pick_manager (AwbDemoRng *rng)
{
  return (guint) (pick_named (rng, managers, G_N_ELEMENTS (managers)) - managers);
}

/* A surname, as common as in the census. */
const char *
_awb_demo_pick_surname (AwbDemoRng *rng)
{
  return pick_named (rng, surnames, G_N_ELEMENTS (surnames))->name;
}

/* One character of a given name for a man or a woman. */
const char *
_awb_demo_pick_given_char (AwbDemoRng *rng,
                           AwbGender   gender)
{
  if (gender == AWB_GENDER_M)
    return AWB_DEMO_RNG_ONE_OF (rng, male_chars);
  else
    return AWB_DEMO_RNG_ONE_OF (rng, female_chars);
}

/* One of the cities, as often as its weight says: where a client lives. */
const AwbDemoCity *
_awb_demo_pick_city (AwbDemoRng *rng)
{
  guint total = 0;
  guint r;

  for (guint i = 0; i < G_N_ELEMENTS (cities); i++)
    total += cities[i].weight;
  r = _awb_demo_rng_below (rng, total);
  for (guint i = 0; i < G_N_ELEMENTS (cities); i++)
    {
      if (r < cities[i].weight)
        return &cities[i];
      r -= cities[i].weight;
    }
  g_assert_not_reached ();
}

/* Any of the cities, all equally likely: a birthplace away from home. */
const AwbDemoCity *
_awb_demo_any_city (AwbDemoRng *rng)
{
  return &AWB_DEMO_RNG_ONE_OF (rng, cities);
}

/* The occupation of a client who works, in a city or a county town. */
const char *
_awb_demo_pick_job (AwbDemoRng *rng,
                    AwbRegion   region)
{
  if (region == AWB_REGION_URBAN)
    return AWB_DEMO_RNG_ONE_OF (rng, urban_jobs);
  else
    return AWB_DEMO_RNG_ONE_OF (rng, rural_jobs);
}

/* A level of education, 0 (初中及以下) to 5 (博士), higher in the cities;
 * _awb_demo_education_name() names it. */
guint
_awb_demo_pick_education (AwbDemoRng *rng,
                          AwbRegion   region)
{
  if (region == AWB_REGION_URBAN)
    return AWB_DEMO_RNG_PICK (rng, education_urban);
  else
    return AWB_DEMO_RNG_PICK (rng, education_rural);
}

const char *
_awb_demo_education_name (guint education)
{
  g_assert (education < G_N_ELEMENTS (educations));

  return educations[education];
}

/* An adviser's note on a client. */
const char *
_awb_demo_pick_client_note (AwbDemoRng *rng)
{
  return AWB_DEMO_RNG_ONE_OF (rng, client_notes);
}

/* An adviser's note on an interaction of kind @kind. */
const char *
_awb_demo_pick_interaction_note (AwbDemoRng         *rng,
                                 AwbInteractionKind  kind)
{
  switch (kind)
    {
    case AWB_INTERACTION_CALL: return AWB_DEMO_RNG_ONE_OF (rng, notes_call);
    case AWB_INTERACTION_VISIT: return AWB_DEMO_RNG_ONE_OF (rng, notes_visit);
    case AWB_INTERACTION_EVENT: return AWB_DEMO_RNG_ONE_OF (rng, notes_event);
    case AWB_INTERACTION_SURVEY: return AWB_DEMO_RNG_ONE_OF (rng, notes_survey);
    case AWB_INTERACTION_COMPLAINT: return AWB_DEMO_RNG_ONE_OF (rng, notes_complaint);
    case AWB_INTERACTION_EDUCATION: return AWB_DEMO_RNG_ONE_OF (rng, notes_education);
    default: g_assert_not_reached ();
    }
}

/* ---- Products ---------------------------------------------------------- */

typedef struct
{
  guint   base;         /* first code of the range */
  guint   span;         /* codes available from base */
  guint   count;        /* how many products to draw from it */
  double  price_median; /* CNY */
  double  price_sigma;
} ProductRange;

/* Per risk level R1..R5: money-market ETFs; bond ETFs; main-board shares
 * and mixed funds; ChiNext shares and equity ETFs; STAR-market shares. */
static const ProductRange product_ranges[5][2] = {
  { { 511800, 200, 12, 100.0, 0.01 }, { 0, 0, 0, 0, 0 } },
  { { 511010, 250, 20, 1.2, 0.2 }, { 0, 0, 0, 0, 0 } },
  { { 600000, 4000, 160, 12.0, 0.8 }, { 2000, 1000, 60, 10.0, 0.8 } },
  { { 300001, 800, 80, 25.0, 0.8 }, { 159901, 99, 20, 2.0, 0.5 } },
  { { 688001, 700, 40, 40.0, 0.9 }, { 0, 0, 0, 0, 0 } },
};

/* Fills @pools, one per risk level R1..R5, with the products the clients
 * trade; _awb_demo_products_clear() frees them. */
void
_awb_demo_products_build (AwbDemoProductPool pools[5])
{
  AwbDemoRng rng;

  /* The same products in every book, whatever the seed. */
  _awb_demo_rng_init (&rng, 0, 0, AWB_DEMO_STREAM_PRODUCTS);

  for (guint r = 0; r < 5; r++)
    {
      guint total = product_ranges[r][0].count + product_ranges[r][1].count;

      pools[r].items = g_new0 (AwbDemoProduct, total);
      pools[r].n = 0;
      for (guint k = 0; k < 2; k++)
        {
          const ProductRange *range = &product_ranges[r][k];
          guint step = range->count ? range->span / range->count : 0;

          for (guint j = 0; j < range->count; j++)
            {
              AwbDemoProduct *p = &pools[r].items[pools[r].n++];
              guint code = range->base + j * step + _awb_demo_rng_below (&rng, step);
              double z = _awb_demo_rng_normal (&rng);
              double price = range->price_median * exp (range->price_sigma * z);

              g_snprintf (p->code, sizeof p->code, "%06u", code);
              p->price = MAX (1, (gint64) floor (price * 100 + 0.5));
            }
        }
    }
}

void
_awb_demo_products_clear (AwbDemoProductPool pools[5])
{
  for (guint r = 0; r < 5; r++)
    g_clear_pointer (&pools[r].items, g_free);
}

/* Trade sizes are log-normal (sigma 0.9) multiples of a client's base
 * amount.  exp(sigma * z) for a normal z costs a log, a cosine and an
 * exponential per trade; instead a trade draws one of AWB_DEMO_SIZE_STEPS
 * equally likely quantiles, computed once by inverting the normal
 * distribution function (erfc) by bisection. */
#define SIZE_SIGMA 0.9

void
_awb_demo_size_table_build (double table[AWB_DEMO_SIZE_STEPS])
{
  for (guint k = 0; k < AWB_DEMO_SIZE_STEPS; k++)
    {
      double p = (k + 0.5) / AWB_DEMO_SIZE_STEPS;
      double lo = -10.0, hi = 10.0;

      for (guint i = 0; i < 60; i++)
        {
          double mid = (lo + hi) / 2;

          if (0.5 * erfc (-mid / G_SQRT2) < p)
            lo = mid;
          else
            hi = mid;
        }
      table[k] = exp (SIZE_SIGMA * (lo + hi) / 2);
    }
}
