/* awb-name-keys.h: the search and sort keys of a client's name (ICU)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A client's name gets two keys, computed once when the client is written
 * and stored beside the name:
 *
 *  - the sort key: bytes under ICU's Chinese collation ("zh", pinyin order),
 *    so a list sorts with memcmp in the order people expect (王 wáng before
 *    张 zhāng, 于 yú after 王 though its code point comes first);
 *  - the reading: toneless pinyin in lowercase ASCII, one syllable per Han
 *    character and one per Latin word, separated by single spaces
 *    ("王建华" -> "wang jian hua", "李Mary" -> "li mary"), which the search
 *    box matches against what people type ("wjh", "wangjh", "jianhua").
 *
 * The leading surname is read as a surname (曾 zēng, not céng; 单 shàn, not
 * dān; 单于 chán yú); the other characters get ICU's ordinary reading.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AWB_NAME_KEYS_ERROR (awb_name_keys_error_quark ())

typedef enum {
  AWB_NAME_KEYS_ERROR_ICU,   /* ICU's collation or transliteration data is missing */
} AwbNameKeysError;

/* The ICU collator and transliterators, and a cache of readings by
 * character.  Not thread-safe: one per thread. */
typedef struct _AwbNameKeys AwbNameKeys;

GQuark       awb_name_keys_error_quark   (void);

AwbNameKeys *awb_name_keys_new           (GError      **error);
void         awb_name_keys_free          (AwbNameKeys  *keys);

const char  *awb_name_keys_get_version   (AwbNameKeys  *keys);

void         awb_name_keys_sort_key      (AwbNameKeys  *keys,
                                          const char   *name,
                                          GByteArray   *out);
void         awb_name_keys_pinyin        (AwbNameKeys  *keys,
                                          const char   *name,
                                          GString      *out);

gboolean     awb_pinyin_match            (const char   *pinyin,
                                          const char   *query);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwbNameKeys, awb_name_keys_free)

G_END_DECLS
