/* awb-client-index.c: finding clients in a book of a million, as you type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This file keeps, in memory, what the client list searches, filters and
 * sorts by, for every client of the book, and answers a query (search text,
 * filters, one order) with the matching clients' ids in that order.  The
 * list then reads only the rows it shows (AwbClientReader).
 *
 * NOTES ON THE DESIGN
 *
 *  (1) Why in memory.  A keystroke must update a million-client list in
 *      100 ms.  SQL cannot: a LIKE over a million names, account numbers,
 *      phones and pinyin readings, or an ORDER BY on a column of the latest
 *      run, is a full scan of the table at every key.  Here each client is
 *      a slot in flat arrays (about 45 bytes) plus its search texts in one
 *      arena (about 50 bytes), loaded once in a thread on a connection of
 *      its own (the window keeps its own), and a query is a pass over
 *      those arrays on two threads.
 *  (2) Slots are in name order (clients_order: the ICU collation key of
 *      the name, then the account number), so the default order is the
 *      slots' own and every other order is a permutation, computed when
 *      first asked for by a stable radix sort on the column's key (ties
 *      therefore stay in name order, both ascending and descending) and
 *      kept: the four last asked for, 4 MB each at a million clients, so
 *      that clicking through every column both ways does not hold 100 MB
 *      (a sort is at most a few hundred milliseconds to make again).
 *      Unknown values (an unscored client's tier, no contact yet)
 *      sort last in both directions.  The texts stay in the order the table
 *      gave them, each record headed by its slot: a full search reads the
 *      arena from start to end and sorts what matched, and the load needs
 *      no second copy of fifty megabytes to put them in name order.
 *      The texts of a record: the name, the account number, the phone's
 *      digits, the reading and the ID number (which only sorts).
 *  (3) The search (any of these):
 *      - any part of the name, ASCII letters compared without case;
 *      - the name's reading (awb_pinyin_match: the whole pinyin, initials,
 *        or both mixed, from any syllable: 王建华 by wangjianhua, wjh,
 *        wang, jianhua), when the search is letters only;
 *      - any part of the account number;
 *      - a phone number as typed from its start, or within its last four
 *        digits (5678 finds 138****5678), when the search is digits only;
 *        a mobile stored with the country code (+86 138 ...) is searched
 *        without it.
 *      Spaces, dashes and a leading + are ignored in a number; spaces and
 *      apostrophes in pinyin (xi'an).  Typing one more character can only
 *      narrow each of these, so a search that extends the previous one
 *      tests only the previous one's matches, when they are at most a
 *      quarter of the book: more are tested faster by reading every text
 *      in memory order than by reading theirs in name order, a cache miss
 *      each (a second digit of a client ID: 60 ms, not 140, at a million).
 *  (4) Filters are sets of label values of the latest scoring run (tier,
 *      segment, ...), the manager, and the run's flags overdue, mismatch
 *      (mismatches > 0) and expired.  A client the run did not score has no
 *      labels and matches no label filter.  A set of client ids (the
 *      clients behind a dashboard's number, awb_run_stats_select) is
 *      tested last, by binary search in the sorted ids: some 20 steps for a
 *      million of them, only for the clients every other filter let by.
 *  (5) "Last contact" is the latest interaction dated on or before today;
 *      "next due" the earlier of the next open follow-up (done = 0) and the
 *      next contact the cadence asks for (awb_contact_due, with the run's
 *      cadence, or the client's own for a client the run did not score),
 *      which is kept too for the due list (awb_client_index_contacts_due).
 *      AwbClientReader computes both the same way for a row.
 *  (6) The index is immutable once loaded, but for the cached permutations
 *      and the previous search, which a mutex guards: queries run one at a
 *      time, from any thread.
 *  (7) A load reads on two threads once the order is known: the clients'
 *      texts and columns on the caller's connection, the latest run's
 *      labels and the contacts on a connection of its own.  They fill
 *      different fields of the slots.  The two read transactions may see
 *      two states of the book if a write commits between their starts;
 *      the list is then as stale as it would be a moment later anyway,
 *      and the next reload (after every import or run) puts it right.
 *  (8) A load frees some 20 MB of scratch at a million clients (the id
 *      map, the dates and cadences beside the slots), a new order 36 MB;
 *      glibc keeps most of it for the process, in pieces too small to
 *      unmap, which left the window 20 to 30 MB larger at every step.
 *      malloc_trim() gives it back (some 10 ms with a hundred megabytes
 *      of heap, inside the sort and load times bench-window measures).
 */
#define G_LOG_DOMAIN "awb-client-index"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#ifdef HAVE_MALLOC_TRIM
#include <malloc.h>
#endif

#include "awb-client-index.h"
#include "awb-codes.h"
#include "awb-name-keys.h"
#include "awb-scan.h"
#include "awb-scoring.h"
#include "awb-tier.h"

#define CHECK_EVERY 65536   /* rows read between cancel checks */

/* The per-client labels of the latest run, AWB_UNKNOWN when unscored. */
enum
{
  LABEL_TIER,
  LABEL_SEGMENT,
  LABEL_LOYALTY,
  LABEL_RISK,
  LABEL_LIFECYCLE,
  LABEL_LIFE_STAGE,
  LABEL_VALUE_TIER,
  LABEL_ACTION,          /* the first next best action (AwbActionKind) */
  N_LABELS
};

G_STATIC_ASSERT ((int) LABEL_VALUE_TIER + 1 == (int) AWB_N_CLIENT_FILTERS);

#define FLAG_OVERDUE   (1 << 0)
#define FLAG_MISMATCH  (1 << 1)
#define FLAG_EXPIRED   (1 << 2)

/* One client; slot i is the i-th client in name order. */
typedef struct
{
  gint64   id;                 /* clients.id */
  AwbFen   aum;
  gint32   manager;            /* index into managers (in name order), -1 none */
  AwbDate  last_contact;
  AwbDate  next_due;
  AwbDate  cadence_due;        /* the next contact the cadence asks for, or none */
  guint32  text;               /* offset in the arena of its texts: name, client_no,
                                * phone, pinyin; the slot's number is the 4 bytes before */
  gint8    label[N_LABELS];
  guint8   flags;
} Slot;

typedef struct
{
  gint64  id;                  /* managers.id */
  char   *name;
} Manager;

struct _AwbClientIndex
{
  gatomicrefcount  ref_count;
  guint            n;              /* clients */
  Slot            *slots;          /* n, in name order */
  char            *arena;          /* records in table order: slot (4 bytes), then the texts */
  gsize            arena_len;
  gsize            arena_middle;   /* the offset of a record about halfway, for two threads */
  Manager         *managers;       /* in name order */
  guint            n_managers;
  gint64           run_id;         /* the latest scoring run, 0 when none */
  AwbDate          today;          /* the day last contacts and due dates count to */

  GMutex           lock;           /* (6): guards what follows */
  guint32         *perm[AWB_N_CLIENT_SORTS][2];   /* slots in order, [sort][descending] */
  guint64          perm_used[AWB_N_CLIENT_SORTS][2];   /* when last asked for */
  guint64          n_asked;        /* the clock of perm_used */
  char            *last_text;      /* the folded text of the previous search */
  GArray          *last_matches;   /* its matching slots (guint32), ascending */
};

/* The forms of one search text (Notes (3)). */
typedef struct
{
  char  *folded;    /* trimmed, ASCII lower case: for names */
  char  *compact;   /* folded without blanks: for account numbers */
  char  *letters;   /* a-z only (blanks, apostrophes dropped), or NULL */
  char  *digits;    /* 0-9 only (blanks, '-', '+', '(' , ')' dropped), or NULL */
} Search;

/* Notes (8): after a load or a new order, the scratch just freed goes
 * back to the system rather than staying with the process. */
static void
give_back_scratch (void)
{
#ifdef HAVE_MALLOC_TRIM
  malloc_trim (0);
#endif
}

/**
 * awb_client_query_init:
 *
 * Fills @query with "every client, by name": no search, no filter.
 */
void
awb_client_query_init (AwbClientQuery *query)
{
  g_return_if_fail (query != NULL);

  memset (query, 0, sizeof *query);
  query->sort = AWB_CLIENT_SORT_NAME;
}

AwbClientIndex *
awb_client_index_ref (AwbClientIndex *index)
{
  g_return_val_if_fail (index != NULL, NULL);

  g_atomic_ref_count_inc (&index->ref_count);
  return index;
}

void
awb_client_index_unref (AwbClientIndex *index)
{
  g_return_if_fail (index != NULL);

  if (!g_atomic_ref_count_dec (&index->ref_count))
    return;
  for (guint s = 0; s < AWB_N_CLIENT_SORTS; s++)
    for (guint d = 0; d < 2; d++)
      g_free (index->perm[s][d]);
  for (guint m = 0; m < index->n_managers; m++)
    g_free (index->managers[m].name);
  g_free (index->managers);
  g_free (index->slots);
  g_free (index->arena);
  g_free (index->last_text);
  g_clear_pointer (&index->last_matches, g_array_unref);
  g_mutex_clear (&index->lock);
  g_free (index);
}

guint
awb_client_index_get_n_clients (AwbClientIndex *index)
{
  g_return_val_if_fail (index != NULL, 0);
  return index->n;
}

guint
awb_client_index_get_n_managers (AwbClientIndex *index)
{
  g_return_val_if_fail (index != NULL, 0);
  return index->n_managers;
}

/**
 * awb_client_index_get_manager:
 * @i: 0 .. awb_client_index_get_n_managers() - 1: the managers in name
 *   order (pinyin)
 * @id: (out) (optional): the manager's managers.id
 *
 * Returns: the manager's name.
 */
const char *
awb_client_index_get_manager (AwbClientIndex *index,
                              guint           i,
                              gint64         *id)
{
  g_return_val_if_fail (index != NULL, NULL);
  g_return_val_if_fail (i < index->n_managers, NULL);

  if (id != NULL)
    *id = index->managers[i].id;
  return index->managers[i].name;
}

/**
 * awb_client_index_get_run:
 *
 * Returns: the scoring run whose labels the index holds, 0 when the book
 * had none.
 */
gint64
awb_client_index_get_run (AwbClientIndex *index)
{
  g_return_val_if_fail (index != NULL, 0);
  return index->run_id;
}

/* ---- loading ------------------------------------------------------------ */

/* Where client id @id sits: a direct table when ids are dense (SQLite
 * assigns 1, 2, ...), else a hash table. */
typedef struct
{
  guint32    *direct;      /* id -> slot + 1, 0 for none; NULL when sparse */
  gint64      max_id;
  GHashTable *sparse;      /* gint64 id -> slot + 1 */
} SlotMap;

static guint32
slot_map_lookup (const SlotMap *map,
                 gint64         id)
{
  if (map->direct != NULL)
    return id >= 0 && id <= map->max_id ? map->direct[id] : 0;
  return GPOINTER_TO_UINT (g_hash_table_lookup (map->sparse, &id));
}

static void
slot_map_clear (SlotMap *map)
{
  g_clear_pointer (&map->direct, g_free);
  g_clear_pointer (&map->sparse, g_hash_table_unref);
}

/* Whether the book's stored name keys are missing or were made by another
 * ICU; then they are made again (a write, in a transaction of its own). */
static gboolean
refresh_name_keys (AwbDatabase   *db,
                   GError       **error)
{
  g_autoptr(sqlite3_stmt) stale = NULL;
  int rc;

  stale = awb_database_prepare (db,
                                "SELECT EXISTS (SELECT 1 FROM clients WHERE name_key IS NULL)"
                                " OR NOT EXISTS (SELECT 1 FROM book_meta"
                                "  WHERE key = 'name_keys' AND value = awb_name_keys_version ())",
                                error);
  if (stale == NULL)
    return FALSE;
  rc = sqlite3_step (stale);
  if (rc != SQLITE_ROW)
    return awb_database_set_error (db, rc, error);
  if (sqlite3_column_int (stale, 0) == 0)
    return TRUE;
  g_clear_pointer (&stale, sqlite3_finalize);
  return awb_database_refresh_name_keys (db, error);
}

static gboolean
load_order (AwbDatabase     *db,
            AwbClientIndex  *index,
            SlotMap         *map,
            GCancellable    *cancellable,
            GError         **error)
{
  g_autoptr(GArray) ids = awb_client_index_first_ids (db, 0, error);
  gint64 max_id = 0;
  gint64 min_id = 0;

  if (ids == NULL)
    return FALSE;
  index->n = ids->len;
  index->slots = g_new0 (Slot, MAX (index->n, 1));
  for (guint i = 0; i < index->n; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      index->slots[i].id = id;
      index->slots[i].manager = -1;
      index->slots[i].last_contact = AWB_DATE_NONE;
      index->slots[i].next_due = AWB_DATE_NONE;
      memset (index->slots[i].label, AWB_UNKNOWN, sizeof index->slots[i].label);
      max_id = i == 0 ? id : MAX (max_id, id);
      min_id = i == 0 ? id : MIN (min_id, id);
    }

  map->max_id = max_id;
  if (index->n > 0 && min_id >= 0 && (guint64) max_id <= 4 * (guint64) index->n + 65536)
    {
      map->direct = g_new0 (guint32, max_id + 1);
      for (guint i = 0; i < index->n; i++)
        map->direct[index->slots[i].id] = i + 1;
    }
  else
    {
      map->sparse = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint i = 0; i < index->n; i++)
        g_hash_table_insert (map->sparse, g_memdup2 (&index->slots[i].id, sizeof (gint64)),
                             GUINT_TO_POINTER (i + 1));
    }
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static gboolean
load_managers (AwbDatabase     *db,
               AwbClientIndex  *index,
               GHashTable      *manager_slots,   /* managers.id -> index + 1, filled */
               GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(AwbNameKeys) keys = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) sort_keys = g_ptr_array_new_with_free_func ((GDestroyNotify) g_byte_array_unref);
  guint *order;
  int rc;

  keys = awb_name_keys_new (error);
  if (keys == NULL)
    return FALSE;
  stmt = awb_database_prepare (db, "SELECT id, name FROM managers", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Manager *m = g_new0 (Manager, 1);
      GByteArray *key = g_byte_array_new ();

      m->id = sqlite3_column_int64 (stmt, 0);
      m->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      awb_name_keys_sort_key (keys, m->name != NULL ? m->name : "", key);
      g_ptr_array_add (rows, m);
      g_ptr_array_add (sort_keys, key);
    }
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_foreach (rows, (GFunc) g_free, NULL);
      return awb_database_set_error (db, rc, error);
    }

  /* a handful of managers: insertion sort by their names' keys */
  order = g_new (guint, MAX (rows->len, 1));
  for (guint i = 0; i < rows->len; i++)
    {
      guint j = i;

      for (; j > 0; j--)
        {
          GByteArray *a = sort_keys->pdata[order[j - 1]];
          GByteArray *b = sort_keys->pdata[i];
          int cmp = memcmp (a->data, b->data, MIN (a->len, b->len));

          if (cmp < 0 || (cmp == 0 && a->len <= b->len))
            break;
          order[j] = order[j - 1];
        }
      order[j] = i;
    }
  index->n_managers = rows->len;
  index->managers = g_new0 (Manager, MAX (rows->len, 1));
  for (guint i = 0; i < rows->len; i++)
    {
      Manager *m = rows->pdata[order[i]];

      index->managers[i] = *m;
      g_hash_table_insert (manager_slots, g_memdup2 (&m->id, sizeof (gint64)),
                           GUINT_TO_POINTER (i + 1));
      g_free (m);
    }
  g_free (order);
  return TRUE;
}

/* Appends @text to @arena with its NUL; ASCII upper case lowered when @fold. */
static void
append_text (GString    *arena,
             const char *text,
             gboolean    fold)
{
  gsize start = arena->len;

  g_string_append (arena, text != NULL ? text : "");
  if (fold)
    for (gsize i = start; i < arena->len; i++)
      arena->str[i] = g_ascii_tolower (arena->str[i]);
  g_string_append_c (arena, '\0');
}

/* Appends only the digits of @phone (and its NUL), without the country
 * code of a mainland mobile written +86 138 ... (Notes (3)). */
static void
append_digits (GString    *arena,
               const char *phone)
{
  gsize start = arena->len;

  for (const char *p = phone; p != NULL && *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (arena, *p);
  if (arena->len - start == 13 && strncmp (arena->str + start, "861", 3) == 0)
    g_string_erase (arena, (gssize) start, 2);
  g_string_append_c (arena, '\0');
}

/* The texts of a record, in order. */
enum
{
  TEXT_NAME,         /* ASCII lower case */
  TEXT_CLIENT_NO,    /* ASCII lower case */
  TEXT_PHONE,        /* digits only */
  TEXT_PINYIN,
  TEXT_ID_NUMBER,    /* letters and digits, upper case */
  N_TEXTS
};

/* Skips the texts of a record. */
static inline const char *
record_end (const char *texts)
{
  for (int field = 0; field < N_TEXTS; field++)
    texts += strlen (texts) + 1;
  return texts;
}

/* The text @field of the record whose texts start at @texts. */
static inline const char *
record_text (const char *texts,
             int         field)
{
  for (int f = 0; f < field; f++)
    texts += strlen (texts) + 1;
  return texts;
}

/* Appends the letters and digits of an ID number, upper case. */
static void
append_id_number (GString    *arena,
                  const char *id_number)
{
  for (const char *p = id_number; p != NULL && *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (arena, g_ascii_toupper (*p));
  g_string_append_c (arena, '\0');
}

static gboolean
load_clients (AwbDatabase     *db,
              AwbClientIndex  *index,
              const SlotMap   *map,
              GHashTable      *manager_slots,
              AwbDate         *opened_on,      /* out: per slot */
              gint32          *own_cadence,    /* out: per slot, 0 when none */
              GCancellable    *cancellable,
              GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GString *arena = g_string_sized_new (48 * (gsize) index->n + 1);
  guint64 rows = 0;
  int rc;

  stmt = awb_database_prepare (db,
                               "SELECT id, manager_id, aum, opened_on, name, client_no, phone, pinyin,"
                               " id_number, cadence_days FROM clients",
                               error);
  if (stmt == NULL)
    {
      g_string_free (arena, TRUE);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint32 at = slot_map_lookup (map, sqlite3_column_int64 (stmt, 0));
      guint32 slot_number;
      Slot *slot;

      if (at == 0)
        continue;   /* inserted since the order was read */
      slot = &index->slots[at - 1];
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        {
          gint64 manager_id = sqlite3_column_int64 (stmt, 1);

          slot->manager = (gint32) GPOINTER_TO_UINT (g_hash_table_lookup (manager_slots,
                                                                          &manager_id)) - 1;
        }
      slot->aum = sqlite3_column_int64 (stmt, 2);
      opened_on[at - 1] = sqlite3_column_type (stmt, 3) == SQLITE_NULL
                          ? AWB_DATE_NONE : sqlite3_column_int (stmt, 3);
      own_cadence[at - 1] = sqlite3_column_int (stmt, 9);   /* NULL reads 0: none */
      if (rows == index->n / 2)
        index->arena_middle = arena->len;
      slot_number = at - 1;
      g_string_append_len (arena, (const char *) &slot_number, sizeof slot_number);
      slot->text = (guint32) arena->len;
      append_text (arena, (const char *) sqlite3_column_text (stmt, 4), TRUE);
      append_text (arena, (const char *) sqlite3_column_text (stmt, 5), TRUE);
      append_digits (arena, (const char *) sqlite3_column_text (stmt, 6));
      append_text (arena, (const char *) sqlite3_column_text (stmt, 7), FALSE);
      append_id_number (arena, (const char *) sqlite3_column_text (stmt, 8));
      if (++rows % CHECK_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_string_free (arena, TRUE);
          return FALSE;
        }
      if (arena->len > G_MAXUINT32 - 4096)
        {
          g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_FAILED,
                       _("The clients’ names and numbers are too long to search"));
          g_string_free (arena, TRUE);
          return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    {
      g_string_free (arena, TRUE);
      return awb_database_set_error (db, rc, error);
    }
  /* a client deleted since the order was read has no texts: an empty record */
  for (guint i = 0; i < index->n; i++)
    if (index->slots[i].text == 0)
      {
        g_string_append_len (arena, (const char *) &i, sizeof i);
        index->slots[i].text = (guint32) arena->len;
        g_string_append_len (arena, "\0\0\0\0\0", N_TEXTS);
      }

  index->arena_len = arena->len;
  index->arena = g_string_free (arena, FALSE);
  return TRUE;
}

static gboolean
load_scores (AwbDatabase     *db,
             AwbClientIndex  *index,
             const SlotMap   *map,
             gint32          *cadence,         /* out: per slot, 0 when unscored */
             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  index->run_id = awb_scoring_get_latest_run (db, error);
  if (index->run_id < 0)
    return FALSE;
  if (index->run_id == 0)
    return TRUE;

  stmt = awb_database_prepare (db,
                               "SELECT id & 4294967295, tier, rfm_segment, loyalty_type, risk_level,"
                               " lifecycle, life_stage, value_tier, first_action, overdue, mismatches,"
                               " questionnaire_expired, cadence_days"
                               " FROM scores WHERE id >= (?1 << 32) AND id < ((?1 + 1) << 32)",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, index->run_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint32 at = slot_map_lookup (map, sqlite3_column_int64 (stmt, 0));
      Slot *slot;

      if (at == 0)
        continue;   /* deleted since the run */
      slot = &index->slots[at - 1];
      for (int l = 0; l < N_LABELS; l++)
        slot->label[l] = sqlite3_column_type (stmt, 1 + l) == SQLITE_NULL
                         ? AWB_UNKNOWN : (gint8) sqlite3_column_int (stmt, 1 + l);
      slot->flags = (sqlite3_column_int (stmt, 9) == 1 ? FLAG_OVERDUE : 0) |
                    (sqlite3_column_int (stmt, 10) > 0 ? FLAG_MISMATCH : 0) |
                    (sqlite3_column_int (stmt, 11) == 1 ? FLAG_EXPIRED : 0);
      cadence[at - 1] = sqlite3_column_int (stmt, 12);
    }
  if (rc != SQLITE_DONE)
    return awb_database_set_error (db, rc, error);
  return TRUE;
}

typedef struct
{
  AwbClientIndex *index;
  const SlotMap  *map;
  AwbDate         today;
} ContactScan;

/* An interaction: the latest on or before today is the last contact. */
static gboolean
contact_row (guint                thread,
             guint                unit,
             const AwbScanValue  *v,
             gpointer             data,
             GError             **error)
{
  ContactScan *scan = data;
  const AwbScanValue *client = &v[AWB_SCAN_INTERACTION_CLIENT];
  const AwbScanValue *date = &v[AWB_SCAN_INTERACTION_DATE];
  guint32 at;
  AwbDate d;

  if (client->type != SQLITE_INTEGER || date->type != SQLITE_INTEGER)
    return TRUE;
  d = (AwbDate) date->i;
  at = slot_map_lookup (scan->map, client->i);
  if (at != 0 && d <= scan->today)
    {
      Slot *slot = &scan->index->slots[at - 1];

      if (slot->last_contact == AWB_DATE_NONE || d > slot->last_contact)
        slot->last_contact = d;
    }
  return TRUE;
}

/* Notes (5): the last contacts, and the earliest open follow-up of each
 * slot into @follow_up. */
static gboolean
load_contacts (AwbDatabase     *db,
               AwbClientIndex  *index,
               const SlotMap   *map,
               AwbDate          today,
               AwbDate         *follow_up,
               GCancellable    *cancellable,
               GError         **error)
{
  g_autoptr(AwbScanner) scanner = NULL;
  g_autoptr(sqlite3_stmt) follow = NULL;
  ContactScan scan = { index, map, today };
  AwbScanJob job = { AWB_SCAN_INTERACTIONS, contact_row, &scan, 0, NULL };
  int rc;

  /* the interactions as a scoring run reads them: from the scan packs where
   * a run left them, decoded in a tight loop (awb-scan.c) */
  scanner = awb_scanner_new (db, 1, error);
  if (scanner == NULL || !awb_scanner_prepare_job (scanner, &job, error) ||
      !awb_scanner_run (scanner, &job, 1, NULL, NULL, 0.0, 1.0, cancellable, error))
    return FALSE;

  follow = awb_database_prepare (db,
                                 "SELECT client_id, min(follow_up_on) FROM interactions"
                                 " WHERE done = 0 AND follow_up_on IS NOT NULL GROUP BY client_id",
                                 error);
  if (follow == NULL)
    return FALSE;
  while ((rc = sqlite3_step (follow)) == SQLITE_ROW)
    {
      guint32 at = slot_map_lookup (map, sqlite3_column_int64 (follow, 0));

      if (at != 0)
        follow_up[at - 1] = sqlite3_column_int (follow, 1);
    }
  if (rc != SQLITE_DONE)
    return awb_database_set_error (db, rc, error);
  return TRUE;
}

/* What the second thread of a load reads (Notes (7)): the latest run's
 * labels and the contacts, on a connection of its own. */
typedef struct
{
  const char     *path;
  AwbClientIndex *index;
  const SlotMap  *map;
  AwbDate         today;
  gint32         *cadence;     /* out: per slot */
  AwbDate        *follow_up;   /* out: per slot */
  GCancellable   *cancellable;
  GError         *error;       /* out */
  gint64          seconds_us;  /* out: how long */
} LabelsLoad;

static gpointer
load_labels (gpointer data)
{
  LabelsLoad *load = data;
  g_autoptr(AwbDatabase) db = NULL;
  gint64 started = g_get_monotonic_time ();
  gboolean ok;

  db = awb_database_open (load->path, &load->error);
  if (db == NULL || !awb_database_exec (db, "BEGIN", &load->error))
    return NULL;
  ok = load_scores (db, load->index, load->map, load->cadence, &load->error) &&
       load_contacts (db, load->index, load->map, load->today, load->follow_up,
                      load->cancellable, &load->error);
  awb_database_exec (db, "COMMIT", NULL);   /* a read transaction */
  if (!ok)
    g_assert (load->error != NULL);
  load->seconds_us = g_get_monotonic_time () - started;
  return NULL;
}

/**
 * awb_client_index_load:
 * @today: the day "last contact" and "next due" are counted to
 *
 * Reads every client of the book into a new index (Notes (1)), in one read
 * transaction on @db, so it is one consistent state of the book.  First
 * makes the stored name keys again if they are missing (clients written by
 * another program) or were made by another ICU: a write.
 *
 * Returns: (transfer full): the index, or %NULL with @error set
 * (G_IO_ERROR_CANCELLED when cancelled).
 */
AwbClientIndex *
awb_client_index_load (AwbDatabase   *db,
                       AwbDate        today,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(AwbClientIndex) index = NULL;
  g_autoptr(GHashTable) manager_slots = NULL;
  g_autofree AwbDate *opened_on = NULL;
  g_autofree gint32 *own_cadence = NULL;
  SlotMap map = { 0 };
  gint64 started = g_get_monotonic_time ();
  gint64 t[3] = { started, started, started };   /* when the parts ended */
  gboolean ok;

  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);
  g_return_val_if_fail (today != AWB_DATE_NONE, NULL);

  if (!refresh_name_keys (db, error) || !awb_database_exec (db, "BEGIN", error))
    return NULL;

  index = g_new0 (AwbClientIndex, 1);
  g_atomic_ref_count_init (&index->ref_count);
  index->today = today;
  g_mutex_init (&index->lock);
  manager_slots = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  ok = load_order (db, index, &map, cancellable, error);
  t[0] = g_get_monotonic_time ();
  if (ok)
    {
      LabelsLoad labels = { 0 };
      GThread *thread;

      opened_on = g_new (AwbDate, MAX (index->n, 1));
      own_cadence = g_new (gint32, MAX (index->n, 1));
      labels.path = awb_database_get_path (db);
      labels.index = index;
      labels.map = &map;
      labels.today = today;
      labels.cadence = g_new0 (gint32, MAX (index->n, 1));
      labels.follow_up = g_new (AwbDate, MAX (index->n, 1));
      for (guint i = 0; i < index->n; i++)
        labels.follow_up[i] = AWB_DATE_NONE;
      labels.cancellable = cancellable;
      /* Notes (7): the two halves write different fields of the slots */
      thread = g_thread_new ("awb-client-index", load_labels, &labels);
      ok = load_managers (db, index, manager_slots, error) &&
           load_clients (db, index, &map, manager_slots, opened_on, own_cadence, cancellable,
                         error);
      t[1] = g_get_monotonic_time ();
      g_thread_join (thread);
      t[2] = t[1] + labels.seconds_us;
      if (ok && labels.error != NULL)
        {
          g_propagate_error (error, labels.error);
          ok = FALSE;
        }
      else
        g_clear_error (&labels.error);
      for (guint i = 0; ok && i < index->n; i++)
        {
          /* the run's cadence; a client it did not score, the client's own */
          AwbDate due = awb_contact_due (index->slots[i].last_contact, opened_on[i],
                                         labels.cadence[i] > 0 ? labels.cadence[i]
                                                               : own_cadence[i]);

          index->slots[i].cadence_due = due;
          if (labels.follow_up[i] != AWB_DATE_NONE &&
              (due == AWB_DATE_NONE || labels.follow_up[i] < due))
            due = labels.follow_up[i];
          index->slots[i].next_due = due;
        }
      g_free (labels.cadence);
      g_free (labels.follow_up);
    }
  awb_database_exec (db, "COMMIT", NULL);   /* a read transaction: nothing to lose */
  slot_map_clear (&map);
  if (!ok)
    return NULL;

  give_back_scratch ();
  g_debug ("loaded %u clients in %.3f s (order %.3f, then clients %.3f beside labels and"
           " contacts %.3f; %zu bytes of text)", index->n,
           (g_get_monotonic_time () - started) / 1e6, (t[0] - started) / 1e6,
           (t[1] - t[0]) / 1e6, (t[2] - t[1]) / 1e6, index->arena_len);
  return g_steal_pointer (&index);
}

typedef struct
{
  char    *path;
  AwbDate  today;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_free (data);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(AwbDatabase) db = NULL;
  AwbClientIndex *index = NULL;
  GError *error = NULL;

  db = awb_database_open (data->path, &error);
  if (db != NULL)
    index = awb_client_index_load (db, data->today, cancellable, &error);
  if (index == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, index, (GDestroyNotify) awb_client_index_unref);
}

/**
 * awb_client_index_load_async:
 * @db_path: the book, opened again in a thread
 *
 * awb_client_index_load() in a GTask thread on a connection of its own.
 */
void
awb_client_index_load_async (const char          *db_path,
                             AwbDate              today,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (db_path != NULL);

  data = g_new0 (LoadData, 1);
  data->path = g_strdup (db_path);
  data->today = today;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, awb_client_index_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_in_thread);
}

/**
 * awb_client_index_load_finish:
 *
 * Returns: (transfer full): the index, or %NULL with @error set.
 */
AwbClientIndex *
awb_client_index_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == awb_client_index_load_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * awb_client_index_get_today:
 *
 * Returns: the day the index's last contacts and due dates count to.
 */
AwbDate
awb_client_index_get_today (AwbClientIndex *index)
{
  g_return_val_if_fail (index != NULL, AWB_DATE_NONE);

  return index->today;
}

/**
 * awb_client_index_contacts_due:
 * @manager_id: 0 for every client, else that manager's only
 * @until: the last due date wanted
 * @orders: (nullable): client ids (gint64 *, freed with g_free) whose place
 *   in name order to fill in, as GUINT_TO_POINTER (place + 1), when they
 *   are @manager_id's: the others, and ids not in the index, stay 0
 *
 * The clients due for a contact by their cadence (spec §4; Notes (5)) on
 * or before @until, in name order: what the due list takes from the index
 * rather than from a seek per client in the book.
 *
 * Returns: (transfer full) (element-type AwbClientDue): the clients.
 */
GArray *
awb_client_index_contacts_due (AwbClientIndex *index,
                               gint64          manager_id,
                               AwbDate         until,
                               GHashTable     *orders)
{
  GArray *due;
  gint32 manager = -2;

  g_return_val_if_fail (index != NULL, NULL);

  for (guint m = 0; manager_id != 0 && m < index->n_managers; m++)
    if (index->managers[m].id == manager_id)
      manager = (gint32) m;
  due = g_array_new (FALSE, FALSE, sizeof (AwbClientDue));
  for (guint i = 0; i < index->n; i++)
    {
      const Slot *slot = &index->slots[i];

      if (manager_id != 0 && slot->manager != manager)
        continue;
      if (orders != NULL && g_hash_table_contains (orders, &slot->id))
        g_hash_table_insert (orders, g_memdup2 (&slot->id, sizeof slot->id),
                             GUINT_TO_POINTER (i + 1));
      if (slot->cadence_due != AWB_DATE_NONE && slot->cadence_due <= until)
        {
          AwbClientDue d = { slot->id, i, slot->cadence_due, slot->last_contact };

          g_array_append_val (due, d);
        }
    }
  return due;
}

/**
 * awb_client_index_first_ids:
 * @manager_id: 0 for every client, else only that manager's
 *
 * The ids of the clients in name order (Notes (2)), read from the order's
 * index alone: what a list shows before the whole index has loaded.
 *
 * Returns: (transfer full): a #GArray of gint64, or %NULL with @error set.
 */
GArray *
awb_client_index_first_ids (AwbDatabase  *db,
                            gint64        manager_id,
                            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (db), NULL);

  stmt = awb_database_prepare (db, manager_id != 0
                               ? "SELECT id FROM clients INDEXED BY clients_manager_order"
                                 " WHERE manager_id = ?1 ORDER BY name_key, client_no"
                               : "SELECT id FROM clients INDEXED BY clients_order"
                                 " ORDER BY name_key, client_no",
                               error);
  if (stmt == NULL)
    return NULL;
  if (manager_id != 0)
    sqlite3_bind_int64 (stmt, 1, manager_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      awb_database_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* ---- sorting ------------------------------------------------------------ */

/* 12 bytes, not 16: the two buffers of a million keys are 24 MB, not 32 */
typedef struct __attribute__ ((packed))
{
  guint64 key;
  guint32 slot;
} SortKey;

/* Stable LSD radix sort of @keys on key, a byte a pass, skipping passes
 * where every key has the same byte; @tmp is scratch.  Returns whichever
 * buffer holds the result. */
static SortKey *
radix_sort (SortKey *keys,
            SortKey *tmp,
            gsize    n)
{
  for (guint shift = 0; shift < 64 && n > 0; shift += 8)
    {
      gsize count[257] = { 0 };
      SortKey *swap;

      for (gsize i = 0; i < n; i++)
        count[((keys[i].key >> shift) & 0xff) + 1]++;
      if (count[((keys[0].key >> shift) & 0xff) + 1] == n)
        continue;
      for (guint b = 0; b < 256; b++)
        count[b + 1] += count[b];
      for (gsize i = 0; i < n; i++)
        tmp[count[(keys[i].key >> shift) & 0xff]++] = keys[i];
      swap = keys;
      keys = tmp;
      tmp = swap;
    }
  return keys;
}

#define KEY_UNKNOWN G_MAXUINT64   /* sorts last both ways (Notes (2)) */

/* The sort key of @slot for @sort, ascending; KEY_UNKNOWN when unknown. */
static guint64
key_of (const AwbClientIndex *index,
        const Slot           *slot,
        AwbClientSort         sort)
{
  switch (sort)
    {
    case AWB_CLIENT_SORT_MANAGER:
      return slot->manager < 0 ? KEY_UNKNOWN : (guint64) slot->manager;
    case AWB_CLIENT_SORT_TIER:
      return slot->label[LABEL_TIER] < 0 ? KEY_UNKNOWN : (guint64) slot->label[LABEL_TIER];
    case AWB_CLIENT_SORT_SEGMENT:
      return slot->label[LABEL_SEGMENT] < 0 ? KEY_UNKNOWN : (guint64) slot->label[LABEL_SEGMENT];
    case AWB_CLIENT_SORT_LOYALTY:
      return slot->label[LABEL_LOYALTY] < 0 ? KEY_UNKNOWN : (guint64) slot->label[LABEL_LOYALTY];
    case AWB_CLIENT_SORT_RISK:
      return slot->label[LABEL_RISK] < 0 ? KEY_UNKNOWN : (guint64) slot->label[LABEL_RISK];
    case AWB_CLIENT_SORT_ACTION:
      return slot->label[LABEL_ACTION] < 0 ? KEY_UNKNOWN : (guint64) slot->label[LABEL_ACTION];
    case AWB_CLIENT_SORT_AUM:
      /* signed to unsigned, order kept */
      return (guint64) slot->aum ^ G_GUINT64_CONSTANT (0x8000000000000000);
    case AWB_CLIENT_SORT_LAST_CONTACT:
      return slot->last_contact == AWB_DATE_NONE
             ? KEY_UNKNOWN : (guint64) ((gint64) slot->last_contact - G_MININT32);
    case AWB_CLIENT_SORT_NEXT_DUE:
      return slot->next_due == AWB_DATE_NONE
             ? KEY_UNKNOWN : (guint64) ((gint64) slot->next_due - G_MININT32);
    case AWB_CLIENT_SORT_NAME:
    case AWB_CLIENT_SORT_CLIENT_NO:
    case AWB_CLIENT_SORT_PHONE:
    case AWB_CLIENT_SORT_ID_NUMBER:
    case AWB_N_CLIENT_SORTS:
    default:
      g_assert_not_reached ();
    }
}

/* How sort_by_text() orders: which text, which way. */
typedef struct
{
  const AwbClientIndex *index;
  int                   field;
  gboolean              descending;
  const guint64        *next;   /* by slot: rest_key() of the text */
} TextOrder;

static const char *
slot_text (const TextOrder *order,
           guint32          slot)
{
  return record_text (order->index->arena + order->index->slots[slot].text, order->field);
}

#define SMALL_RUN 32   /* runs shorter than this: insertion sort */

/* Up to @n_bytes bytes of @text from @offset, big-endian, zero past its
 * end: two texts' keys compare as strcmp() compares those bytes. */
static guint64
text_key_at (const char *text,
             gsize       offset,
             int         n_bytes)
{
  guint64 key = 0;
  int b = 0;

  text += offset;
  for (; b < n_bytes && text[b] != '\0'; b++)
    key = (key << 8) | (guchar) text[b];
  for (; b < n_bytes; b++)
    key <<= 8;
  return key;
}

/* A key of 8 bytes goes on unless the text ended within them (no UTF-8
 * text holds a zero byte). */
static gboolean
bytes_go_on (guint64 key)
{
  return (key & 0xff) != 0;
}

/* Stable insertion sort of @n keys, for runs too short for radix passes
 * over 256 counters to pay. */
static void
insertion_sort (SortKey *keys,
                gsize    n)
{
  for (gsize i = 1; i < n; i++)
    {
      SortKey k = keys[i];
      gsize j = i;

      for (; j > 0 && keys[j - 1].key > k.key; j--)
        keys[j] = keys[j - 1];
      keys[j] = k;
    }
}

/* The bytes after the 7th of an ID number (17 digits, then a digit or X:
 * 3201021990010100 1X) as one number below NOT_ID_NUMBER_REST, in their
 * order (X after 9); any other text's next 8 bytes, which are at least
 * NOT_ID_NUMBER_REST as the 8th byte of a text that goes on is not 0. */
#define NOT_ID_NUMBER_REST (G_GUINT64_CONSTANT (1) << 56)

static guint64
rest_key (const char *text)
{
  guint64 value = 0;
  int i = 0;

  for (; i < 17 && g_ascii_isdigit (text[i]); i++)
    if (i >= 7)
      value = value * 10 + (guint64) (text[i] - '0');
  if (i == 17 && (g_ascii_isdigit (text[17]) || text[17] == 'X') && text[18] == '\0')
    return value * 11 + (guint64) (text[17] == 'X' ? 10 : text[17] - '0');   /* < 11e10 */
  return text_key_at (text, 7, 8);
}

/* Orders @run (@n slots whose texts share their first @offset bytes, none
 * of which ends before @offset) by their texts: a stable sort on the next
 * 8 bytes (complemented to sort descending: a text then comes before its
 * own prefix), then the same on each run of equal keys that has not
 * ended.  Texts that end together are equal, and stay in the order they
 * came (name order).  @keys and @tmp hold @n keys each.  The first
 * refinement (offset 7, where the runs are long: a branch's ID numbers
 * fall in a few thousand runs of one region and millennium) takes the
 * rest_key() sort_by_text() read in memory order, as reading a million
 * texts in a run's order costs two cache misses each: a run of ID numbers
 * alone is then ordered in one step, by the number their last 11
 * characters make; a run that mixes them with other texts goes by bytes
 * (the ID numbers' read again).  Beyond, where the runs are short, each
 * text is read once a level. */
static void
refine_run (const TextOrder *order,
            guint32         *run,
            gsize            n,
            gsize            offset,
            SortKey         *keys,
            SortKey         *tmp)
{
  SortKey *sorted = keys;
  SortKey *other = tmp;
  gboolean all_id_numbers = offset == 7;

  for (gsize k = 0; k < n; k++)
    {
      guint64 key = offset == 7 ? order->next[run[k]]
                                : text_key_at (slot_text (order, run[k]), offset, 8);

      all_id_numbers = all_id_numbers && key < NOT_ID_NUMBER_REST;
      keys[k].key = key;
      keys[k].slot = run[k];
    }
  for (gsize k = 0; k < n; k++)
    {
      /* a run of ID numbers and other texts: all by their bytes */
      if (offset == 7 && !all_id_numbers && keys[k].key < NOT_ID_NUMBER_REST)
        keys[k].key = text_key_at (slot_text (order, keys[k].slot), offset, 8);
      if (order->descending)
        keys[k].key = ~keys[k].key;
    }
  if (n < SMALL_RUN)
    insertion_sort (keys, n);
  else
    {
      sorted = radix_sort (keys, tmp, n);
      other = sorted == keys ? tmp : keys;
    }
  for (gsize k = 0; k < n; k++)
    run[k] = sorted[k].slot;
  if (all_id_numbers)
    return;   /* equal keys are equal texts */
  /* each run of equal keys whose texts go on, with its own part of both
   * buffers as scratch: the keys after it are still to be read */
  for (gsize i = 0; i < n; )
    {
      gsize j = i + 1;
      guint64 key = sorted[i].key;

      while (j < n && sorted[j].key == key)
        j++;
      if (j - i > 1 && bytes_go_on (order->descending ? ~key : key))
        refine_run (order, run + i, j - i, offset + 8, sorted + i, other + i);
      i = j;
    }
}

#define TEXT_NOT_A_NUMBER G_GUINT64_CONSTANT (0x8000000000000000)

/* A key of sort_by_text() goes on past its 7 bytes: not a number, and the
 * text did not end within them. */
static gboolean
text_goes_on (guint64 key)
{
  return (key & TEXT_NOT_A_NUMBER) != 0 && (key & 0xff) != 0;
}

/* One of the two halves of sort_by_text()'s work: the keys of the records
 * in [@from, @to) of the arena, then the refinement of the runs in
 * [@first, @last) of the sorted keys. */
typedef struct
{
  const TextOrder *order;
  gsize            from;
  gsize            to;
  SortKey         *keys;
  guint            n_known;   /* out: texts not empty */
  guint32         *perm;
  SortKey         *sorted;
  SortKey         *other;
  guint            first;
  guint            last;
} TextSortPart;

/* The first keys of the records in [part->from, part->to) of the arena,
 * into part->keys by slot, and their next 8 bytes into order->next. */
static gpointer
text_keys (gpointer data)
{
  TextSortPart *part = data;
  const TextOrder *order = part->order;
  const char *arena = order->index->arena;
  guint64 *next = (guint64 *) order->next;

  for (const char *p = arena + part->from; p < arena + part->to; )
    {
      guint32 i;
      const char *text;
      guint64 value = 0;
      guint64 key;
      int len = 0;

      memcpy (&i, p, sizeof i);
      p += sizeof i;
      text = record_text (p, order->field);
      p = record_end (p);
      while (len < 18 && g_ascii_isdigit (text[len]))
        value = value * 10 + (guint64) (text[len++] - '0');
      if (len > 0 && len < 18 && text[len] == '\0')
        key = ((guint64) len << 57) | value;   /* 10^17 < 2^57, len >= 1 */
      else
        {
          key = TEXT_NOT_A_NUMBER | text_key_at (text, 0, 7);
          /* read now, in memory order, for refine_run() */
          if (text_goes_on (key))
            next[i] = rest_key (text);
        }
      /* neither way is a known text's key G_MAXUINT64: it is below
       * 2^63 + 2^56 ascending and nonzero, so not ~0, descending */
      part->keys[i].key = text[0] == '\0' ? G_MAXUINT64 : order->descending ? ~key : key;
      part->keys[i].slot = i;
      part->n_known += text[0] != '\0';
    }
  return NULL;
}

/* Refines the runs of equal keys in [part->first, part->last) of
 * part->sorted, which starts and ends at the edge of a run. */
static gpointer
text_refine (gpointer data)
{
  TextSortPart *part = data;
  gboolean descending = part->order->descending;

  for (guint i = part->first; i < part->last; )
    {
      guint j = i + 1;
      guint64 key = part->sorted[i].key;

      while (j < part->last && part->sorted[j].key == key)
        j++;
      if (j - i > 1 && text_goes_on (descending ? ~key : key))
        refine_run (part->order, part->perm + i, j - i, 7, part->sorted + i, part->other + i);
      i = j;
    }
  return NULL;
}

/* The slots in the order of the text @field (Notes (2)) into @perm: a text
 * of up to 17 digits sorts as a number (9 before 10), by a key holding its
 * length and value, which no two different texts share; any other text
 * after them (before them descending), by its characters (an ID number of
 * 18, a passport's), first on its first 7 bytes and then, within runs of
 * equal keys, on the next 8 and so on (refine_run()); empty texts last,
 * both ways.  Descending complements every key rather than reversing the
 * result, so equal texts stay in name order.  The keys are read, and the
 * runs refined, on two threads, each on its half. */
static void
sort_by_text (const AwbClientIndex *index,
              int                   field,
              gboolean              descending,
              guint32              *perm)
{
  guint n = index->n;
  g_autofree guint64 *next = g_new (guint64, MAX (n, 1));
  TextOrder order = { index, field, descending, next };
  g_autofree SortKey *keys = g_new (SortKey, MAX (n, 1));
  g_autofree SortKey *tmp = g_new (SortKey, MAX (n, 1));
  TextSortPart parts[2] = {
    { &order, 0, index->arena_middle, keys, 0, perm, NULL, NULL, 0, 0 },
    { &order, index->arena_middle, index->arena_len, keys, 0, perm, NULL, NULL, 0, 0 },
  };
  gboolean two = n >= 65536;
  GThread *helper = NULL;
  SortKey *sorted;
  SortKey *other;
  guint n_known;
  guint middle;

  /* the arena's records one after the other, not the slots: the keys are
   * read in memory order (Notes (2)) */
  if (two)
    helper = g_thread_new ("awb-sort", text_keys, &parts[1]);
  else
    parts[0].to = index->arena_len;
  text_keys (&parts[0]);
  if (helper != NULL)
    g_thread_join (helper);
  n_known = parts[0].n_known + parts[1].n_known;

  sorted = radix_sort (keys, tmp, n);
  for (guint i = 0; i < n; i++)
    perm[i] = sorted[i].slot;
  other = sorted == keys ? tmp : keys;

  /* the runs split about halfway, at the start of a run */
  middle = two ? n_known / 2 : n_known;
  while (middle > 0 && middle < n_known && sorted[middle].key == sorted[middle - 1].key)
    middle++;
  for (guint p = 0; p < 2; p++)
    {
      parts[p].sorted = sorted;
      parts[p].other = other;
      parts[p].first = p == 0 ? 0 : middle;
      parts[p].last = p == 0 ? middle : n_known;
    }
  helper = two ? g_thread_new ("awb-sort", text_refine, &parts[1]) : NULL;
  text_refine (&parts[0]);
  if (helper != NULL)
    g_thread_join (helper);
}

#define N_KEPT_ORDERS 4   /* Notes (2) */

/* Frees the least recently asked for of the kept permutations when there
 * are N_KEPT_ORDERS of them. */
static void
forget_an_order (AwbClientIndex *index)
{
  guint32 **oldest = NULL;
  guint64 oldest_use = G_MAXUINT64;
  guint n_kept = 0;

  for (guint s = 0; s < AWB_N_CLIENT_SORTS; s++)
    for (guint d = 0; d < 2; d++)
      if (index->perm[s][d] != NULL)
        {
          n_kept++;
          if (index->perm_used[s][d] < oldest_use)
            {
              oldest_use = index->perm_used[s][d];
              oldest = &index->perm[s][d];
            }
        }
  if (n_kept >= N_KEPT_ORDERS)
    g_clear_pointer (oldest, g_free);
}

/* The slots in @sort's order (Notes (2)), or NULL for the name order,
 * which is theirs; called with the lock held. */
static const guint32 *
get_permutation (AwbClientIndex *index,
                 AwbClientSort   sort,
                 gboolean        descending)
{
  guint32 **perm = &index->perm[sort][descending ? 1 : 0];
  guint n = index->n;

  if (sort == AWB_CLIENT_SORT_NAME)
    return NULL;
  index->perm_used[sort][descending ? 1 : 0] = ++index->n_asked;
  if (*perm != NULL)
    return *perm;

  forget_an_order (index);
  *perm = g_new (guint32, MAX (n, 1));
  if (sort == AWB_CLIENT_SORT_CLIENT_NO)
    sort_by_text (index, TEXT_CLIENT_NO, descending, *perm);
  else if (sort == AWB_CLIENT_SORT_PHONE)
    sort_by_text (index, TEXT_PHONE, descending, *perm);
  else if (sort == AWB_CLIENT_SORT_ID_NUMBER)
    sort_by_text (index, TEXT_ID_NUMBER, descending, *perm);
  else
    {
      g_autofree SortKey *keys = g_new (SortKey, MAX (n, 1));
      g_autofree SortKey *tmp = g_new (SortKey, MAX (n, 1));
      SortKey *sorted;

      for (guint i = 0; i < n; i++)
        {
          guint64 k = key_of (index, &index->slots[i], sort);

          /* descending: the complement, unknown still last */
          keys[i].key = k == KEY_UNKNOWN ? k : descending ? KEY_UNKNOWN - 1 - k : k;
          keys[i].slot = i;
        }
      sorted = radix_sort (keys, tmp, n);
      for (guint i = 0; i < n; i++)
        (*perm)[i] = sorted[i].slot;
    }
  give_back_scratch ();
  return *perm;
}

/* ---- searching ---------------------------------------------------------- */

static void
search_clear (Search *s)
{
  g_free (s->folded);
  g_free (s->compact);
  g_free (s->letters);
  g_free (s->digits);
}

/* Notes (3): the forms of @text to match; FALSE for an empty search. */
static gboolean
search_init (Search     *s,
             const char *text)
{
  g_autofree char *normal = NULL;
  GString *compact, *letters, *digits;
  gboolean only_letters = TRUE;
  gboolean only_digits = TRUE;

  memset (s, 0, sizeof *s);
  if (text == NULL)
    return FALSE;
  /* full-width digits and letters, as a Chinese input method types them,
   * become ASCII */
  normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  if (normal == NULL)
    return FALSE;
  g_strstrip (normal);
  if (*normal == '\0')
    return FALSE;

  s->folded = g_ascii_strdown (normal, -1);
  compact = g_string_new (NULL);
  letters = g_string_new (NULL);
  digits = g_string_new (NULL);
  for (const char *p = s->folded; *p != '\0'; p++)
    {
      char c = *p;

      if (g_ascii_isspace (c))
        continue;
      g_string_append_c (compact, c);
      if (c >= 'a' && c <= 'z')
        g_string_append_c (letters, c);
      else if (c != '\'')
        only_letters = FALSE;
      if (g_ascii_isdigit (c))
        g_string_append_c (digits, c);
      else if (c != '-' && c != '+' && c != '(' && c != ')')
        only_digits = FALSE;
    }
  s->compact = g_string_free (compact, FALSE);
  s->letters = only_letters && letters->len > 0 ? g_string_free (letters, FALSE)
                                                : (g_string_free (letters, TRUE), NULL);
  s->digits = only_digits && digits->len > 0 ? g_string_free (digits, FALSE)
                                             : (g_string_free (digits, TRUE), NULL);
  return TRUE;
}

/* A phone number @phone (digits only) matches @digits typed from its
 * start, or found within its last four digits (Notes (3)). */
static gboolean
phone_matches (const char *phone,
               const char *digits)
{
  gsize len = strlen (phone);
  gsize want = strlen (digits);

  if (want == 0 || want > len)
    return FALSE;
  if (strncmp (phone, digits, want) == 0)
    return TRUE;
  for (gsize at = len >= 4 ? len - 4 : 0; at + want <= len; at++)
    if (memcmp (phone + at, digits, want) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
text_matches (const char   *record,
              const Search *s)
{
  const char *name = record;
  const char *client_no = name + strlen (name) + 1;
  const char *phone = client_no + strlen (client_no) + 1;
  const char *pinyin = phone + strlen (phone) + 1;

  return strstr (name, s->folded) != NULL ||
         (s->compact[0] != '\0' && strstr (client_no, s->compact) != NULL) ||
         (s->digits != NULL && phone_matches (phone, s->digits)) ||
         (s->letters != NULL && awb_pinyin_match (pinyin, s->letters));
}

/* One thread's share of a search. */
typedef struct
{
  const AwbClientIndex *index;
  const Search         *search;
  const guint32        *candidates;   /* slots to test, or NULL for the arena's records */
  gsize                 from, to;     /* a range of candidates, or of the arena's bytes */
  GArray               *matches;      /* out: guint32 slots */
} SearchPart;

static gpointer
search_part (gpointer data)
{
  SearchPart *part = data;
  const AwbClientIndex *index = part->index;

  if (part->candidates != NULL)
    {
      for (gsize i = part->from; i < part->to; i++)
        {
          guint32 slot = part->candidates[i];

          if (text_matches (index->arena + index->slots[slot].text, part->search))
            g_array_append_val (part->matches, slot);
        }
      return NULL;
    }

  /* the records one after the other (Notes (2)) */
  for (const char *p = index->arena + part->from; p < index->arena + part->to; )
    {
      guint32 slot;

      memcpy (&slot, p, sizeof slot);
      p += sizeof slot;
      if (text_matches (p, part->search))
        g_array_append_val (part->matches, slot);
      p = record_end (p);
    }
  return NULL;
}

/* Sorts @slots ascending: two passes of 16 bits. */
static void
sort_slots (GArray *slots)
{
  guint32 *a = (guint32 *) slots->data;
  g_autofree guint32 *tmp = NULL;

  if (slots->len == 0)
    return;  /* a is NULL then, and memcpy (NULL, ..., 0) is undefined */
  tmp = g_new (guint32, slots->len);
  for (guint shift = 0; shift < 32; shift += 16)
    {
      g_autofree gsize *count = g_new0 (gsize, 65537);

      for (guint i = 0; i < slots->len; i++)
        count[((a[i] >> shift) & 0xffff) + 1]++;
      for (guint b = 0; b < 65536; b++)
        count[b + 1] += count[b];
      for (guint i = 0; i < slots->len; i++)
        tmp[count[(a[i] >> shift) & 0xffff]++] = a[i];
      memcpy (a, tmp, slots->len * sizeof (guint32));
    }
}

/* The slots whose texts match @s, ascending; with @candidates (ascending)
 * only those are tested.  Two threads for large sets. */
static GArray *
search_slots (const AwbClientIndex *index,
              const Search         *s,
              const guint32        *candidates,
              guint                 n)
{
  SearchPart parts[2];
  guint n_parts = n >= 65536 ? 2 : 1;
  GThread *helper = NULL;
  GArray *matches;

  for (guint p = 0; p < n_parts; p++)
    {
      parts[p].index = index;
      parts[p].search = s;
      parts[p].candidates = candidates;
      parts[p].matches = g_array_new (FALSE, FALSE, sizeof (guint32));
      if (candidates != NULL)
        {
          parts[p].from = (gsize) ((guint64) n * p / n_parts);
          parts[p].to = (gsize) ((guint64) n * (p + 1) / n_parts);
        }
      else
        {
          parts[p].from = n_parts == 1 || p == 0 ? 0 : index->arena_middle;
          parts[p].to = n_parts == 1 || p == 1 ? index->arena_len : index->arena_middle;
        }
    }
  if (n_parts == 2)
    helper = g_thread_new ("awb-search", search_part, &parts[1]);
  search_part (&parts[0]);
  matches = parts[0].matches;
  if (helper != NULL)
    {
      g_thread_join (helper);
      g_array_append_vals (matches, parts[1].matches->data, parts[1].matches->len);
      g_array_unref (parts[1].matches);
    }
  if (candidates == NULL)
    sort_slots (matches);   /* table order to name order */
  return matches;
}

/* Notes (4). */
static gboolean
filters_match (const AwbClientIndex *index,
               const Slot           *slot,
               const AwbClientQuery *q,
               gint32                manager)
{
  if (q->manager_id != 0 && slot->manager != manager)
    return FALSE;
  for (int f = 0; f < AWB_N_CLIENT_FILTERS; f++)
    if (q->labels[f] != 0 &&
        (slot->label[f] < 0 || slot->label[f] > 31 || (q->labels[f] & (1u << slot->label[f])) == 0))
      return FALSE;
  if ((q->overdue && !(slot->flags & FLAG_OVERDUE)) ||
      (q->mismatch && !(slot->flags & FLAG_MISMATCH)) ||
      (q->expired && !(slot->flags & FLAG_EXPIRED)))
    return FALSE;
  if (q->only_ids != NULL)
    {
      const gint64 *ids = (const gint64 *) q->only_ids->data;
      guint lo = 0, hi = q->only_ids->len;

      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (ids[mid] == slot->id)
            return TRUE;
          if (ids[mid] < slot->id)
            lo = mid + 1;
          else
            hi = mid;
        }
      return FALSE;
    }
  return TRUE;
}

static gboolean
has_filters (const AwbClientQuery *q)
{
  if (q->manager_id != 0 || q->overdue || q->mismatch || q->expired || q->only_ids != NULL)
    return TRUE;
  for (int f = 0; f < AWB_N_CLIENT_FILTERS; f++)
    if (q->labels[f] != 0)
      return TRUE;
  return FALSE;
}

/**
 * awb_client_index_query:
 * @query: what to show
 *
 * The clients matching @query's search and every filter, in its order
 * (Notes (2)-(4)).
 *
 * Returns: (transfer full): a #GArray of gint64 clients.id.
 */
GArray *
awb_client_index_query (AwbClientIndex        *index,
                        const AwbClientQuery  *query)
{
  g_autoptr(GArray) text_matches_slots = NULL;   /* guint32 slots, ascending, or NULL for all */
  g_autofree guint8 *in_text = NULL;             /* per slot, when sorted otherwise */
  GArray *ids;
  const guint32 *perm;
  gint32 manager = -2;                           /* slot of query->manager_id; -1 none */
  gboolean filtered;
  Search s;

  g_return_val_if_fail (index != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (query->sort < AWB_N_CLIENT_SORTS, NULL);

  g_mutex_lock (&index->lock);

  if (search_init (&s, query->text))
    {
      /* Notes (3): the previous matches, unless they are so many that
       * reading them in name order (a cache miss each) costs more than
       * reading every text in memory order */
      if (index->last_text != NULL && g_str_has_prefix (s.folded, index->last_text) &&
          index->last_matches->len <= index->n / 4)
        text_matches_slots = search_slots (index, &s, (const guint32 *) index->last_matches->data,
                                           index->last_matches->len);
      else
        text_matches_slots = search_slots (index, &s, NULL, index->n);
      g_free (index->last_text);
      index->last_text = g_strdup (s.folded);
      g_clear_pointer (&index->last_matches, g_array_unref);
      index->last_matches = g_array_ref (text_matches_slots);
      search_clear (&s);
    }

  if (query->manager_id == AWB_CLIENT_QUERY_NO_MANAGER)
    manager = -1;
  else if (query->manager_id != 0)
    for (guint m = 0; m < index->n_managers; m++)
      if (index->managers[m].id == query->manager_id)
        manager = (gint32) m;
  filtered = has_filters (query);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (text_matches_slots != NULL && query->sort == AWB_CLIENT_SORT_NAME)
    {
      /* the matches are in name order already */
      g_array_set_size (ids, 0);
      for (guint k = 0; k < text_matches_slots->len; k++)
        {
          guint i = query->descending ? text_matches_slots->len - 1 - k : k;
          const Slot *slot = &index->slots[g_array_index (text_matches_slots, guint32, i)];

          if (!filtered || filters_match (index, slot, query, manager))
            g_array_append_val (ids, slot->id);
        }
      g_mutex_unlock (&index->lock);
      return ids;
    }

  if (text_matches_slots != NULL)
    {
      in_text = g_new0 (guint8, MAX (index->n, 1));
      for (guint k = 0; k < text_matches_slots->len; k++)
        in_text[g_array_index (text_matches_slots, guint32, k)] = 1;
    }
  perm = get_permutation (index, query->sort, query->descending);
  for (guint k = 0; k < index->n; k++)
    {
      guint32 i = perm != NULL ? perm[k] : query->descending ? index->n - 1 - k : k;
      const Slot *slot = &index->slots[i];

      if ((in_text == NULL || in_text[i]) &&
          (!filtered || filters_match (index, slot, query, manager)))
        g_array_append_val (ids, slot->id);
    }
  g_mutex_unlock (&index->lock);
  return ids;
}
