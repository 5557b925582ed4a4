/* awb-name-keys.c: the search and sort keys of a client's name (ICU)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This file turns a client's name into the two keys the client list needs:
 * a sort key under ICU's Chinese (pinyin) collation and a reading in
 * toneless ASCII pinyin for the search box, and it matches what people type
 * against a stored reading.  It has no GTK and no database.
 *
 * NOTES ON THE DESIGN
 *
 *  (1) Readings are made character by character through a cache.  ICU's
 *      transliterator costs microseconds per call, and a book holds a
 *      million names, while a book's names use a few thousand distinct
 *      characters.  So each character is transliterated once, alone, and
 *      its reading kept in a hash table by code point; ASCII never reaches
 *      the table.  A character read alone is read as ICU reads it in a
 *      word of its own: Han-Latin has no phrase readings that matter for
 *      names.
 *  (2) A Han character is transliterated by "Han-Latin", then decomposed,
 *      ü written v (吕 lǚ -> lv, 略 lüè -> lve), and the tone marks
 *      removed.  A letter of any other script goes through "Any-Latin;
 *      Latin-ASCII; Lower" (é -> e, ß -> ss, Ｍ -> m, И -> i), and only the
 *      letters a-z of the result are kept: a Latin ü is u (Müller ->
 *      muller), since v stands for ü only in pinyin.
 *  (3) What makes a syllable: each Han character is one; a run of other
 *      letters is one word (combining marks and format characters inside
 *      it are ignored); anything else (digits, punctuation, spaces,
 *      symbols, a Han character without a reading) ends a word and is
 *      dropped.  "Jean-Luc 王1号" -> "jean luc wang hao".
 *  (4) The leading surname is the first character of the name that has a
 *      reading at all, if it is Han.  If it, or it and the next one, is in
 *      surname_table, the table's reading replaces ICU's.  Only the leading
 *      surname: 曾曾 -> "zeng ceng" (the second 曾 gets ICU's ordinary
 *      céng, as in 曾经), 王单 -> "wang dan".  ICU 72 has a
 *      "Han-Latin/Names" transform, but it is no substitute: it rewrites
 *      every character of the string (曾曾 -> zēng zēng, 重 -> chóng
 *      anywhere in the name), and for surnames it reads 朴 pǔ, 覃 tán,
 *      缪 móu, 牟 mù, 薄 báo, 阚 hǎn, 洗 xǐ and 单于 shàn yú.
 *  (5) Sort keys are ICU's, from ucol_getSortKey on the name as it is:
 *      the surname table plays no part (ICU files 曾 under céng).  Under
 *      "zh" Chinese characters sort before Latin letters (CLDR's pinyin
 *      collation begins with [reorder Hani Bopo]), digits and punctuation
 *      before both.
 *  (6) The version text names everything a stored key depends on: ICU's
 *      version (its Han-Latin data and Unicode tables), the zh collator's
 *      version, and READINGS_REVISION, which is raised whenever the
 *      surname table or the rules of (2)-(4) change.
 *  (7) awb_pinyin_match() runs over a million readings per keystroke, so
 *      it allocates nothing and walks each reading once: a bit set of the
 *      query positions reached so far, advanced syllable by syllable.
 */
#define G_LOG_DOMAIN "awb-name-keys"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ucol.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

#include "awb-name-keys.h"

/* Raise when the surname table or the reading rules change (note 6). */
#define READINGS_REVISION 1

/* Han-Latin, then toneless ASCII with ü as v (note 2).  After NFD, ü and
 * its toned forms (ǖ ǘ ǚ ǜ) are u followed by U+0308 and maybe a tone. */
#define HAN_RULES "::Han-Latin; ::NFD; u \\u0308 > v; ::[:Nonspacing Mark:] Remove; ::Lower;"
#define OTHER_ID  "Any-Latin; Latin-ASCII; Lower"

/* The longest query awb_pinyin_match() reads: 4 words of 64 positions. */
#define MATCH_WORDS     4
#define MATCH_MAX_QUERY (MATCH_WORDS * 64 - 1)

/* Surnames whose reading differs from ICU's ordinary reading of the
 * character, or could (note 4).  Checked one by one against ICU 72's
 * "Han-Latin" and the 现代汉语词典's surname readings.  纪 jǐ, 牟 móu,
 * 褚 chǔ, 逄 páng, 冼 xiǎn, 长孙, 令狐 and 欧阳 are read right by ICU 72
 * already; they are listed so that a change of ICU's data cannot move
 * them.  Not listed: 尉 alone is Wèi (尉缭, 尉健行), ICU's ordinary
 * reading; only 尉迟 is Yùchí. */
static const struct
{
  const char *han;      /* one or two characters, UTF-8 */
  const char *reading;  /* syllables as awb_name_keys_pinyin() writes them */
} surname_table[] = {
  /* compound surnames */
  { "长孙", "zhang sun" },
  { "尉迟", "yu chi" },      /* ICU: wei chi */
  { "万俟", "mo qi" },       /* ICU: wan qi */
  { "单于", "chan yu" },     /* ICU: dan yu */
  { "澹台", "tan tai" },     /* ICU: dan tai */
  { "令狐", "ling hu" },
  { "欧阳", "ou yang" },
  { "拓跋", "tuo ba" },      /* ICU: ta ba */
  /* single surnames, with ICU 72's ordinary reading where it differs */
  { "曾", "zeng" },          /* ceng */
  { "单", "shan" },          /* dan */
  { "解", "xie" },           /* jie */
  { "仇", "qiu" },           /* chou */
  { "朴", "piao" },          /* pu */
  { "区", "ou" },            /* qu */
  { "查", "zha" },           /* cha */
  { "盖", "ge" },            /* gai */
  { "覃", "qin" },           /* tan */
  { "乐", "yue" },           /* le */
  { "缪", "miao" },          /* mou */
  { "翟", "zhai" },          /* di */
  { "召", "shao" },          /* zhao */
  { "种", "chong" },         /* zhong */
  { "秘", "bi" },            /* mi */
  { "员", "yun" },           /* yuan */
  { "繁", "po" },            /* fan */
  { "纪", "ji" },
  { "牟", "mou" },
  { "薄", "bo" },            /* bao */
  { "褚", "chu" },
  { "逄", "pang" },
  { "阚", "kan" },           /* han */
  { "洗", "xian" },          /* xi */
  { "冼", "xian" },
  { "折", "she" },           /* zhe */
  { "都", "du" },            /* dou */
  { "句", "gou" },           /* ju */
  { "粘", "nian" },          /* zhan */
  { "佴", "nai" },           /* er */
  { "祭", "zhai" },          /* ji */
};

/* What a character contributes to a reading (note 3). */
typedef enum
{
  KIND_SYLLABLE,  /* a Han character: a syllable of its own */
  KIND_LETTERS,   /* a letter of another script: joins the word around it */
  KIND_SKIP,      /* a combining mark, a format character: nothing, the word goes on */
  KIND_BREAK,     /* anything else: nothing, and the word ends */
} ReadingKind;

/* The cached reading of one non-ASCII character. */
typedef struct
{
  guint8      kind;       /* ReadingKind */
  guint8      len;        /* strlen (text) */
  gboolean    compound;   /* some compound surname starts with this character */
  const char *surname;    /* its reading as a leading single surname, or NULL */
  char        text[];     /* lowercase a-z; empty for KIND_SKIP and KIND_BREAK */
} Reading;

struct _AwbNameKeys
{
  UCollator       *collator;   /* "zh": pinyin order */
  UTransliterator *han;        /* HAN_RULES, one Han character at a time */
  UTransliterator *other;      /* OTHER_ID, one letter at a time */
  GHashTable      *readings;   /* code point -> Reading *, filled on first sight */
  UChar           *text;       /* scratch: the name being keyed, in UTF-16 */
  int32_t          text_size;  /* UChars allocated at text */
  char            *version;    /* awb_name_keys_get_version() */
};

G_DEFINE_QUARK (awb-name-keys-error-quark, awb_name_keys_error)

/* Transliterates the single character @c with @trans and writes the
 * letters a-z of the result to @text (NUL-terminated, at most @size - 1 of
 * them).  Returns how many it wrote: 0 if ICU fails or yields no letter. */
static gsize
transliterate_char (UTransliterator *trans,
                    gunichar         c,
                    char            *text,
                    gsize            size)
{
  UChar buf[64];                  /* the character, then its transliteration */
  int32_t n = 0;                  /* UChars in buf */
  int32_t limit;                  /* end of the text to transliterate */
  UErrorCode status = U_ZERO_ERROR;
  gsize len = 0;                  /* letters written to text */

  g_assert (size > 0);

  U16_APPEND_UNSAFE (buf, n, (UChar32) c);
  limit = n;
  utrans_transUChars (trans, buf, &n, G_N_ELEMENTS (buf), 0, &limit, &status);
  if (U_SUCCESS (status))
    {
      for (int32_t i = 0; i < n && len + 1 < size; i++)
        if (buf[i] >= 'a' && buf[i] <= 'z')
          text[len++] = (char) buf[i];
    }
  text[len] = '\0';
  return len;
}

static gboolean
is_letter (int8_t type)
{
  return type == U_UPPERCASE_LETTER || type == U_LOWERCASE_LETTER || type == U_TITLECASE_LETTER
         || type == U_MODIFIER_LETTER || type == U_OTHER_LETTER;
}

static gboolean
is_mark (int8_t type)
{
  return type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK
         || type == U_COMBINING_SPACING_MARK || type == U_FORMAT_CHAR;
}

/* Makes the reading of the non-ASCII character @c (notes 2-4). */
static Reading *
make_reading (AwbNameKeys *keys,
              gunichar     c)
{
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript ((UChar32) c, &status);
  int8_t type = u_charType ((UChar32) c);
  ReadingKind kind;
  char text[32];                  /* the letters of the reading */
  gsize len = 0;
  Reading *reading;

  if (U_SUCCESS (status) && script == USCRIPT_HAN)
    {
      len = transliterate_char (keys->han, c, text, sizeof text);
      kind = len > 0 ? KIND_SYLLABLE : KIND_BREAK;
    }
  else if (is_letter (type))
    {
      len = transliterate_char (keys->other, c, text, sizeof text);
      kind = len > 0 ? KIND_LETTERS : KIND_SKIP;
    }
  else
    {
      kind = is_mark (type) ? KIND_SKIP : KIND_BREAK;
    }

  reading = g_malloc (sizeof (Reading) + len + 1);
  reading->kind = kind;
  reading->len = (guint8) len;
  reading->compound = FALSE;
  reading->surname = NULL;
  memcpy (reading->text, text, len);
  reading->text[len] = '\0';

  if (kind == KIND_SYLLABLE)
    {
      for (guint i = 0; i < G_N_ELEMENTS (surname_table); i++)
        {
          const char *han = surname_table[i].han;

          if (g_utf8_get_char (han) != c)
            continue;
          if (*g_utf8_next_char (han) == '\0')
            reading->surname = surname_table[i].reading;
          else
            reading->compound = TRUE;
        }
    }

  return reading;
}

static inline const Reading *
lookup_reading (AwbNameKeys *keys,
                gunichar     c)
{
  Reading *reading = g_hash_table_lookup (keys->readings, GUINT_TO_POINTER (c));

  if (G_UNLIKELY (reading == NULL))
    {
      reading = make_reading (keys, c);
      g_hash_table_insert (keys->readings, GUINT_TO_POINTER (c), reading);
    }
  return reading;
}

/* Appends one syllable, after a space unless it is the first since @start. */
static inline void
append_syllable (GString    *out,
                 gsize       start,
                 const char *text,
                 gsize       len)
{
  if (out->len > start)
    g_string_append_c (out, ' ');
  g_string_append_len (out, text, len);
}

/* A query letter @typed matches a reading letter @stored: the same letter,
 * or a typed u for a stored v (people type 吕 as lv or lu). */
static inline gboolean
letter_matches (char stored,
                char typed)
{
  return stored == typed || (stored == 'v' && typed == 'u');
}

/**
 * awb_name_keys_new:
 *
 * Opens ICU's "zh" collator and the transliterators of the readings.  The
 * first one in a process takes about a tenth of a second (ICU compiles
 * Han-Latin's rules once); later ones are quick.
 *
 * Returns: (transfer full): the keys, or NULL with @error set
 *   (AWB_NAME_KEYS_ERROR_ICU) if ICU lacks the Chinese collation or the
 *   Han-Latin transform.
 */
AwbNameKeys *
awb_name_keys_new (GError **error)
{
  g_autoptr(AwbNameKeys) keys = g_new0 (AwbNameKeys, 1);
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error;
  UChar id[64];                   /* a transliterator's ID */
  UChar rules[128];               /* HAN_RULES, unescaped */
  UVersionInfo version;
  char icu_version[U_MAX_VERSION_STRING_LENGTH];
  char zh_version[U_MAX_VERSION_STRING_LENGTH];

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  keys->readings = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  keys->text_size = 64;
  keys->text = g_new (UChar, keys->text_size);

  /* A missing "zh" falls back to root with U_USING_DEFAULT_WARNING: code
   * point order for Han, which is what this module exists to avoid. */
  keys->collator = ucol_open ("zh", &status);
  if (U_FAILURE (status) || status == U_USING_DEFAULT_WARNING)
    {
      /* Translators: %s is ICU's error code, e.g. U_MISSING_RESOURCE_ERROR */
      g_set_error (error, AWB_NAME_KEYS_ERROR, AWB_NAME_KEYS_ERROR_ICU,
                   _("ICU has no Chinese collation (%s)"), u_errorName (status));
      return NULL;
    }

  status = U_ZERO_ERROR;
  u_uastrcpy (id, "awb-han");
  u_unescape (HAN_RULES, rules, G_N_ELEMENTS (rules));
  keys->han = utrans_openU (id, -1, UTRANS_FORWARD, rules, -1, &parse_error, &status);
  if (U_SUCCESS (status))
    {
      u_uastrcpy (id, OTHER_ID);
      keys->other = utrans_openU (id, -1, UTRANS_FORWARD, NULL, 0, &parse_error, &status);
    }
  if (U_FAILURE (status))
    {
      /* Translators: %s is ICU's error code, e.g. U_INVALID_ID */
      g_set_error (error, AWB_NAME_KEYS_ERROR, AWB_NAME_KEYS_ERROR_ICU,
                   _("ICU has no Han to Latin transliteration (%s)"), u_errorName (status));
      return NULL;
    }

  u_getVersion (version);
  u_versionToString (version, icu_version);
  ucol_getVersion (keys->collator, version);
  u_versionToString (version, zh_version);
  keys->version = g_strdup_printf ("icu=%s zh=%s readings=%d",
                                   icu_version, zh_version, READINGS_REVISION);

  return g_steal_pointer (&keys);
}

void
awb_name_keys_free (AwbNameKeys *keys)
{
  if (keys == NULL)
    return;

  g_clear_pointer (&keys->collator, ucol_close);
  g_clear_pointer (&keys->han, utrans_close);
  g_clear_pointer (&keys->other, utrans_close);
  g_clear_pointer (&keys->readings, g_hash_table_unref);
  g_clear_pointer (&keys->text, g_free);
  g_clear_pointer (&keys->version, g_free);
  g_free (keys);
}

/**
 * awb_name_keys_get_version:
 *
 * Returns: a text that changes whenever awb_name_keys_sort_key() or
 *   awb_name_keys_pinyin() could give another result for the same name
 *   (note 6), such as "icu=72.1 zh=153.120.42 readings=1".  Store it with
 *   the keys: when it differs from the stored one, the keys are stale.
 */
const char *
awb_name_keys_get_version (AwbNameKeys *keys)
{
  g_return_val_if_fail (keys != NULL, NULL);

  return keys->version;
}

/**
 * awb_name_keys_sort_key:
 * @name: UTF-8; an invalid sequence sorts as U+FFFD
 * @out: the key is appended to it
 *
 * Appends the collation key of @name under ICU's "zh" (pinyin) collation:
 * keys compare with memcmp over the shorter length, the shorter first when
 * equal (SQLite's order of BLOBs), as ucol_strcoll compares the names.  The
 * key has no terminating NUL and contains no NUL byte.
 */
void
awb_name_keys_sort_key (AwbNameKeys *keys,
                        const char  *name,
                        GByteArray  *out)
{
  UErrorCode status = U_ZERO_ERROR;
  int32_t n_text;                 /* UChars of the name */
  guint old_len;                  /* out's length on entry */
  int32_t room;                   /* bytes made available for the key */
  int32_t needed;                 /* the key's length with its NUL, or 0 on error */

  g_return_if_fail (keys != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (out != NULL);

  u_strFromUTF8WithSub (keys->text, keys->text_size, &n_text, name, -1, 0xFFFD, NULL, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR)
    {
      g_free (keys->text);
      keys->text_size = n_text + 1;
      keys->text = g_new (UChar, keys->text_size);
      status = U_ZERO_ERROR;
      u_strFromUTF8WithSub (keys->text, keys->text_size, &n_text, name, -1, 0xFFFD, NULL,
                            &status);
    }
  g_assert (U_SUCCESS (status));

  /* A Han character takes 2-3 bytes, plus a level byte or two per
   * character and the separators: room for most names at the first try. */
  old_len = out->len;
  room = 4 * n_text + 8;
  g_byte_array_set_size (out, old_len + room);
  needed = ucol_getSortKey (keys->collator, keys->text, n_text, out->data + old_len, room);
  if (needed > room)
    {
      g_byte_array_set_size (out, old_len + needed);
      needed = ucol_getSortKey (keys->collator, keys->text, n_text, out->data + old_len, needed);
    }
  g_byte_array_set_size (out, old_len + MAX (needed - 1, 0));
}

/**
 * awb_name_keys_pinyin:
 * @name: UTF-8; invalid bytes are dropped like punctuation
 * @out: the reading is appended to it
 *
 * Appends the reading of @name: lowercase ASCII syllables separated by one
 * space, one per Han character and one per word of other letters, the
 * leading surname read as a surname, ü written v, digits and punctuation
 * dropped (notes 2-4).  "王建华" -> "wang jian hua", "曾伟" -> "zeng wei",
 * "吕丽" -> "lv li", "李Mary" -> "li mary"; "" and "·-1" -> "".
 */
void
awb_name_keys_pinyin (AwbNameKeys *keys,
                      const char  *name,
                      GString     *out)
{
  gsize start;                    /* out's length on entry */
  gboolean in_word = FALSE;       /* a letter now continues the last word */
  const char *p = name;

  g_return_if_fail (keys != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (out != NULL);

  start = out->len;
  while (*p != '\0')
    {
      guchar b = (guchar) *p;
      const Reading *reading;
      gunichar c;

      if (b < 0x80)
        {
          if (g_ascii_isalpha (b))
            {
              if (!in_word && out->len > start)
                g_string_append_c (out, ' ');
              g_string_append_c (out, g_ascii_tolower (b));
              in_word = TRUE;
            }
          else
            {
              in_word = FALSE;
            }
          p++;
          continue;
        }

      c = g_utf8_get_char_validated (p, -1);
      if (c > 0x10FFFF)           /* (gunichar) -1 or -2: not UTF-8 */
        {
          in_word = FALSE;
          p++;
          continue;
        }

      reading = lookup_reading (keys, c);
      switch ((ReadingKind) reading->kind)
        {
        case KIND_SYLLABLE:
          in_word = FALSE;
          if (out->len == start)  /* the leading surname (note 4) */
            {
              gboolean found = FALSE;

              for (guint i = 0; reading->compound && i < G_N_ELEMENTS (surname_table); i++)
                {
                  if (g_str_has_prefix (p, surname_table[i].han)
                      && *g_utf8_next_char (surname_table[i].han) != '\0')
                    {
                      g_string_append (out, surname_table[i].reading);
                      p += strlen (surname_table[i].han);
                      found = TRUE;
                      break;
                    }
                }
              if (found)
                continue;
              if (reading->surname != NULL)
                {
                  g_string_append (out, reading->surname);
                  p = g_utf8_next_char (p);
                  continue;
                }
            }
          append_syllable (out, start, reading->text, reading->len);
          break;

        case KIND_LETTERS:
          if (!in_word && out->len > start)
            g_string_append_c (out, ' ');
          g_string_append_len (out, reading->text, reading->len);
          in_word = TRUE;
          break;

        case KIND_SKIP:
          break;

        case KIND_BREAK:
        default:
          in_word = FALSE;
          break;
        }
      p = g_utf8_next_char (p);
    }
}

/**
 * awb_pinyin_match:
 * @pinyin: a reading, as awb_name_keys_pinyin() writes it
 * @query: lowercase ASCII letters, the spaces already removed
 *
 * Whether @query is the concatenation of non-empty prefixes of consecutive
 * syllables of @pinyin, starting at any syllable: "wang jian hua" matches
 * "wangjianhua", "wjh", "wangjh", "wjhua", "jianhua", "jh"; not "anjian"
 * (a prefix starts a syllable), not "wanghua" (no syllable skipped), not
 * "wangx".  A typed u matches a stored v (吕 "lv" matches "lu"); a typed v
 * does not match a stored u.  The empty query matches every reading; a
 * query longer than 255 letters matches none.
 *
 * No allocation; about one pass over @pinyin (note 7).
 */
gboolean
awb_pinyin_match (const char *pinyin,
                  const char *query)
{
  guint64 reach[MATCH_WORDS];     /* bit q: query[0..q) is read by the syllables so far,
                                   * and the next syllable may go on at query[q] */
  guint64 next[MATCH_WORDS];      /* the same after the current syllable */
  const char *syllable;           /* the current syllable of pinyin */
  gsize n;                        /* letters in query */
  guint n_words;                  /* words of reach in use: positions 0..n */

  g_return_val_if_fail (pinyin != NULL, FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  if (query[0] == '\0')
    return TRUE;

  /* Quick reject: a match begins at a syllable starting with query[0].
   * Syllables before the first such one cannot take part. */
  syllable = pinyin;
  while (!letter_matches (*syllable, query[0]))
    {
      syllable = strchr (syllable, ' ');
      if (syllable == NULL)
        return FALSE;
      syllable++;
    }

  n = strlen (query);
  if (n > MATCH_MAX_QUERY)
    return FALSE;
  n_words = (guint) (n / 64) + 1;
  memset (reach, 0, sizeof reach);
  reach[0] = 1;

  while (*syllable != '\0')
    {
      guint64 any = 0;

      memset (next, 0, sizeof next);
      for (guint w = 0; w < n_words; w++)
        {
          for (guint64 bits = reach[w]; bits != 0; bits &= bits - 1)
            {
              gsize q = w * 64 + (gsize) __builtin_ctzll (bits);   /* lowest set bit */

              /* each prefix of the syllable that query[q..] begins with */
              for (gsize l = 0;
                   syllable[l] != '\0' && syllable[l] != ' ' && q + l < n
                   && letter_matches (syllable[l], query[q + l]);
                   l++)
                {
                  gsize reached = q + l + 1;

                  next[reached / 64] |= G_GUINT64_CONSTANT (1) << (reached % 64);
                }
            }
        }
      if (next[n / 64] & (G_GUINT64_CONSTANT (1) << (n % 64)))
        return TRUE;

      for (guint w = 0; w < n_words; w++)
        {
          reach[w] = next[w];
          any |= next[w];
        }
      reach[0] |= 1;              /* a match may also begin at the next syllable */

      while (*syllable != '\0' && *syllable != ' ')
        syllable++;
      if (*syllable == ' ')
        syllable++;

      /* Nothing carries over: skip to the next syllable a match can begin at. */
      if (any == 0)
        {
          while (*syllable != '\0' && !letter_matches (*syllable, query[0]))
            {
              syllable = strchr (syllable, ' ');
              if (syllable == NULL)
                return FALSE;
              syllable++;
            }
        }
    }

  return FALSE;
}
