/* test-name-keys.c: readings, surname readings, the pinyin matcher and sort keys of names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "awb-name-keys.h"

static AwbNameKeys *
new_keys (void)
{
  g_autoptr(GError) error = NULL;
  AwbNameKeys *keys = awb_name_keys_new (&error);

  g_assert_no_error (error);
  g_assert_nonnull (keys);
  return keys;
}

typedef struct { const char *name; const char *reading; } ReadingCase;

static void
assert_readings (AwbNameKeys       *keys,
                 const ReadingCase *cases,
                 guint              n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      awb_name_keys_pinyin (keys, cases[i].name, out);
      if (g_strcmp0 (out->str, cases[i].reading) != 0)
        g_error ("%s: read \"%s\", expected \"%s\"", cases[i].name, out->str, cases[i].reading);
    }
}

/* Expected readings from the dictionary, tones dropped, ü written v. */
static void
test_readings (void)
{
  static const ReadingCase cases[] = {
    { "王建华", "wang jian hua" },
    { "曾伟", "zeng wei" },           /* surname Zēng, not céng */
    { "单小红", "shan xiao hong" },   /* Shàn, not dān */
    { "解军", "xie jun" },            /* Xiè, not jiě */
    { "欧阳明", "ou yang ming" },
    { "吕丽", "lv li" },              /* lǚ lì */
    { "王女", "wang nv" },            /* nǚ */
    { "李略", "li lve" },             /* lüè */
    { "Zhang Wei", "zhang wei" },
    { "ZHANG wei", "zhang wei" },
    { "李Mary", "li mary" },
    { "Mary李", "mary li" },
    { "Mary Wang 王芳", "mary wang wang fang" },
    { "José", "jose" },               /* é precomposed */
    { "Jose\xcc\x81", "jose" },       /* e + combining acute: mark dropped, word goes on */
    { "Müller", "muller" },           /* a Latin ü is u: v is only pinyin's ü */
    { "Ｍａｒｙ", "mary" },           /* full-width letters */
    { "Straße", "strasse" },
    { "", "" },
    { "，。·-1 ", "" },
    { "王，建华！", "wang jian hua" },
    { "  王建华  ", "wang jian hua" },
    { "Jean-Luc 王", "jean luc wang" },
    { "O'Brien", "o brien" },
    { "王1号", "wang hao" },
    { "王2", "wang" },
    { "阿里·买买提", "a li mai mai ti" },
  };

  g_autoptr(AwbNameKeys) keys = new_keys ();

  assert_readings (keys, cases, G_N_ELEMENTS (cases));
}

/* Every surname of the table, and the characters' ordinary readings when
 * they are not the leading surname. */
static void
test_surnames (void)
{
  static const ReadingCase cases[] = {
    { "曾", "zeng" }, { "单", "shan" }, { "解", "xie" }, { "仇", "qiu" }, { "朴", "piao" },
    { "区", "ou" }, { "查", "zha" }, { "盖", "ge" }, { "覃", "qin" }, { "乐", "yue" },
    { "缪", "miao" }, { "翟", "zhai" }, { "召", "shao" }, { "种", "chong" }, { "秘", "bi" },
    { "员", "yun" }, { "繁", "po" }, { "纪", "ji" }, { "牟", "mou" }, { "薄", "bo" },
    { "褚", "chu" }, { "逄", "pang" }, { "阚", "kan" }, { "洗", "xian" }, { "冼", "xian" },
    { "折", "she" }, { "都", "du" }, { "句", "gou" }, { "粘", "nian" }, { "佴", "nai" },
    { "祭", "zhai" },
    /* 尉 alone is Wèi (尉缭); Yù only in 尉迟 */
    { "尉明", "wei ming" },
    { "长孙无忌", "zhang sun wu ji" },
    { "尉迟恭", "yu chi gong" },
    { "万俟明", "mo qi ming" },
    { "单于明", "chan yu ming" },
    { "澹台明", "tan tai ming" },
    { "令狐冲", "ling hu chong" },
    { "欧阳", "ou yang" },
    { "拓跋明", "tuo ba ming" },
    { "单明", "shan ming" },          /* 单 alone, then no compound */
    /* only the leading surname: the second 曾 is céng, as in 曾经 */
    { "曾曾", "zeng ceng" },
    { "王曾", "wang ceng" },
    { "王单", "wang dan" },
    { "王解", "wang jie" },
    { "王欧阳", "wang ou yang" },
    { "Mary曾", "mary ceng" },
    /* the first character that reads at all is the leading one */
    { "(曾伟)", "zeng wei" },
    { "1曾伟", "zeng wei" },
  };

  g_autoptr(AwbNameKeys) keys = new_keys ();

  assert_readings (keys, cases, G_N_ELEMENTS (cases));
}

/* The reading is appended: what @out held stays, and the leading surname
 * is that of @name. */
static void
test_reading_appends (void)
{
  g_autoptr(AwbNameKeys) keys = new_keys ();
  g_autoptr(GString) out = g_string_new ("x|");

  awb_name_keys_pinyin (keys, "曾伟", out);
  g_assert_cmpstr (out->str, ==, "x|zeng wei");
  g_string_append_c (out, '|');
  awb_name_keys_pinyin (keys, "曾伟", out);   /* the second time from the cache */
  g_assert_cmpstr (out->str, ==, "x|zeng wei|zeng wei");
  g_string_append_c (out, '|');
  awb_name_keys_pinyin (keys, "", out);
  g_assert_cmpstr (out->str, ==, "x|zeng wei|zeng wei|");
}

static void
test_match (void)
{
  static const struct { const char *pinyin; const char *query; gboolean match; } cases[] = {
    { "wang jian hua", "wangjianhua", TRUE },
    { "wang jian hua", "wjh", TRUE },
    { "wang jian hua", "wang", TRUE },
    { "wang jian hua", "wangjh", TRUE },
    { "wang jian hua", "wjhua", TRUE },
    { "wang jian hua", "jianhua", TRUE },
    { "wang jian hua", "jh", TRUE },
    { "wang jian hua", "w", TRUE },
    { "wang jian hua", "h", TRUE },
    { "wang jian hua", "wan", TRUE },
    { "wang jian hua", "wangji", TRUE },
    { "wang jian hua", "wjianh", TRUE },
    { "wang jian hua", "", TRUE },
    { "wang jian hua", "anjian", FALSE },        /* a prefix starts its syllable */
    { "wang jian hua", "wangx", FALSE },
    { "wang jian hua", "wanghua", FALSE },       /* jian skipped */
    { "wang jian hua", "wh", FALSE },
    { "wang jian hua", "jw", FALSE },            /* order kept */
    { "wang jian hua", "hj", FALSE },
    { "wang jian hua", "wangjianhuaa", FALSE },  /* longer than the reading */
    { "wang jian hua", "wjhw", FALSE },
    { "wang jian hua", "x", FALSE },
    { "wang jian hua", "wv", FALSE },
    { "zeng wei", "zw", TRUE },
    { "zeng wei", "zengw", TRUE },
    { "zeng wei", "zengwei", TRUE },
    { "zeng wei", "cw", FALSE },
    { "zeng wei", "ceng", FALSE },
    { "lv li", "lvli", TRUE },
    { "lv li", "luli", TRUE },                   /* a typed u for a stored v */
    { "lv li", "ll", TRUE },
    { "lv li", "lu", TRUE },
    { "lv li", "lul", TRUE },
    { "lv li", "li", TRUE },
    { "lv li", "lili", FALSE },
    { "lv li", "lvv", FALSE },
    { "xu wei", "xv", FALSE },                   /* a typed v is not a stored u */
    /* a greedy longest prefix fails here: hu + ang, not hua + ng */
    { "hua ang", "huang", TRUE },
    { "xi an", "xian", TRUE },
    { "xi an", "xa", TRUE },
    { "li mary", "mary", TRUE },
    { "li mary", "lm", TRUE },
    { "li mary", "lima", TRUE },
    { "li mary", "ma", TRUE },
    { "li mary", "ary", FALSE },
    { "ou yang ming", "oym", TRUE },
    { "ou yang ming", "ym", TRUE },
    { "ou yang ming", "ouyangming", TRUE },
    { "ou yang ming", "oyangm", TRUE },
    { "ou yang ming", "om", FALSE },
    { "", "", TRUE },
    { "", "a", FALSE },
    { "a a a a a a a a a a a a", "aaaaaaaaaaaa", TRUE },
    { "a a a a a a a a a a a a", "aaaaaaaaaaaaa", FALSE },
    { "aaaaaaaa aaaaaaaa aaaaaaaa aaaaaaaa", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (awb_pinyin_match (cases[i].pinyin, cases[i].query) != cases[i].match)
      g_error ("\"%s\" against \"%s\": expected %s", cases[i].query, cases[i].pinyin,
               cases[i].match ? "a match" : "no match");
}

/* Positions past 64 in the query: a reading of 26 ten-letter words. */
static void
test_match_long (void)
{
  g_autoptr(GString) pinyin = g_string_new (NULL);
  g_autoptr(GString) full = g_string_new (NULL);
  g_autoptr(GString) initials = g_string_new (NULL);
  g_autoptr(GString) miss = NULL;
  g_autoptr(GString) too_long = NULL;

  for (char c = 'a'; c <= 'z'; c++)
    {
      if (pinyin->len > 0)
        g_string_append_c (pinyin, ' ');
      for (int i = 0; i < 10; i++)
        {
          g_string_append_c (pinyin, c);
          g_string_append_c (full, c);
        }
      g_string_append_c (initials, c);
    }
  g_assert_cmpuint (full->len, ==, 260);
  g_assert_true (awb_pinyin_match (pinyin->str, initials->str));
  /* 255 letters: all but the last five of zzzzzzzzzz */
  g_string_truncate (full, 255);
  g_assert_true (awb_pinyin_match (pinyin->str, full->str));
  miss = g_string_new_len (full->str, 254);
  g_string_append_c (miss, 'x');
  g_assert_false (awb_pinyin_match (pinyin->str, miss->str));
  /* 256 letters that would match: longer than the matcher reads */
  too_long = g_string_new_len (full->str, 255);
  g_string_append_c (too_long, 'z');
  g_assert_false (awb_pinyin_match (pinyin->str, too_long->str));
}

/* The readings that awb_name_keys_pinyin writes are what the matcher reads. */
static void
test_match_readings (void)
{
  g_autoptr(AwbNameKeys) keys = new_keys ();
  g_autoptr(GString) reading = g_string_new (NULL);

  awb_name_keys_pinyin (keys, "吕丽", reading);
  g_assert_true (awb_pinyin_match (reading->str, "luli"));
  g_assert_true (awb_pinyin_match (reading->str, "lvli"));
  g_assert_true (awb_pinyin_match (reading->str, "ll"));
  g_string_truncate (reading, 0);
  awb_name_keys_pinyin (keys, "曾伟", reading);
  g_assert_true (awb_pinyin_match (reading->str, "zw"));
  g_assert_false (awb_pinyin_match (reading->str, "cw"));
}

/* Sort keys compare like SQLite's BLOBs: memcmp, then the shorter first. */
static int
compare_keys (GByteArray *a,
              GByteArray *b)
{
  int c = memcmp (a->data, b->data, MIN (a->len, b->len));

  if (c != 0)
    return c;
  return (a->len > b->len) - (a->len < b->len);
}

static GByteArray *
sort_key (AwbNameKeys *keys,
          const char  *name)
{
  GByteArray *key = g_byte_array_new ();

  awb_name_keys_sort_key (keys, name, key);
  return key;
}

static void
test_sort_order (void)
{
  /* Each name sorts before the next one.  Pinyin: ān < bái < chén;
   * wáng < yú < zhāng (于 U+4E8E comes before 王 U+738B in code point
   * order); jiàn guó < jiàn huá; a name after its own prefix.  Under "zh"
   * Chinese sorts before Latin ([reorder Hani Bopo]); Latin in alphabetical
   * order, lower case before upper case. */
  static const char *const names[] = {
    "安", "白", "陈",
    "王", "王建国", "王建华", "于", "张",
    "Adam", "adams", "Adams", "Wang", "Zhang", "Zhang Wei",
  };
  g_autoptr(AwbNameKeys) keys = new_keys ();

  g_assert_cmpuint (g_utf8_get_char ("于"), <, g_utf8_get_char ("王"));
  for (guint i = 0; i + 1 < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GByteArray) a = sort_key (keys, names[i]);
      g_autoptr(GByteArray) b = sort_key (keys, names[i + 1]);

      if (compare_keys (a, b) >= 0)
        g_error ("%s does not sort before %s", names[i], names[i + 1]);
    }
}

static void
test_sort_key (void)
{
  g_autoptr(AwbNameKeys) keys = new_keys ();
  g_autoptr(GByteArray) wang = sort_key (keys, "王");
  g_autoptr(GByteArray) wang2 = sort_key (keys, "王");
  g_autoptr(GByteArray) zhang = sort_key (keys, "张");
  g_autoptr(GByteArray) zeng = sort_key (keys, "曾伟");
  g_autoptr(GByteArray) zeng_zi = sort_key (keys, "曾子");
  g_autoptr(GByteArray) empty = sort_key (keys, "");
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_autoptr(GByteArray) long_key = NULL;
  g_autoptr(GByteArray) long_key2 = NULL;
  static const guint8 prefix[] = { 0xAA, 0xBB };

  /* the same name, the same key; no NUL byte in it */
  g_assert_cmpmem (wang->data, wang->len, wang2->data, wang2->len);
  g_assert_cmpuint (wang->len, >, 0);
  g_assert_null (memchr (wang->data, 0, wang->len));
  g_assert_cmpint (compare_keys (empty, wang), <, 0);

  /* 曾, whether ICU files it under céng or zēng, comes before zhāng;
   * 曾伟 before 曾子 (wěi < zǐ) */
  g_assert_cmpint (compare_keys (zeng, zhang), <, 0);
  g_assert_cmpint (compare_keys (zeng, zeng_zi), <, 0);

  /* appended after what out held */
  g_byte_array_append (out, prefix, sizeof prefix);
  awb_name_keys_sort_key (keys, "王", out);
  g_assert_cmpuint (out->len, ==, 2 + wang->len);
  g_assert_cmpmem (out->data, 2, prefix, 2);
  g_assert_cmpmem (out->data + 2, out->len - 2, wang->data, wang->len);

  /* a long name grows the buffers, and keeps its key */
  for (int i = 0; i < 500; i++)
    g_string_append (long_name, "王建华 Zhang Wei ");
  long_key = sort_key (keys, long_name->str);
  long_key2 = sort_key (keys, long_name->str);
  g_assert_cmpmem (long_key->data, long_key->len, long_key2->data, long_key2->len);
  g_assert_cmpint (compare_keys (wang, long_key), <, 0);
}

static void
test_version (void)
{
  g_autoptr(AwbNameKeys) keys = new_keys ();
  g_autoptr(AwbNameKeys) keys2 = new_keys ();
  const char *version = awb_name_keys_get_version (keys);

  g_assert_true (g_str_has_prefix (version, "icu="));
  g_assert_nonnull (strstr (version, " zh="));
  g_assert_nonnull (strstr (version, " readings="));
  g_assert_cmpstr (version, ==, awb_name_keys_get_version (keys2));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/awb/name-keys/readings", test_readings);
  g_test_add_func ("/awb/name-keys/surnames", test_surnames);
  g_test_add_func ("/awb/name-keys/reading-appends", test_reading_appends);
  g_test_add_func ("/awb/name-keys/match", test_match);
  g_test_add_func ("/awb/name-keys/match-long", test_match_long);
  g_test_add_func ("/awb/name-keys/match-readings", test_match_readings);
  g_test_add_func ("/awb/name-keys/sort-order", test_sort_order);
  g_test_add_func ("/awb/name-keys/sort-key", test_sort_key);
  g_test_add_func ("/awb/name-keys/version", test_version);

  return g_test_run ();
}
