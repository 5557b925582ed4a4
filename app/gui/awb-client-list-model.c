/* awb-client-list-model.c: the clients a list shows, as a lazy GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel of AwbClientRow over a compact array of client rowids in
 * display order (sysprof's SysprofDocument idea): whoever searches, filters
 * and sorts (the client index, awb-client-index.c) hands the model the ids
 * to show.  get_item() reads one row by rowid through an AwbClientReader's
 * reused prepared statement, with the labels of the scoring run set by
 * awb_client_list_model_set_run(), and makes the AwbClientRow then.  A
 * small direct-mapped cache keeps the rows the view asked for last, since
 * GTK asks for the same positions again while it binds, measures and
 * scrolls.  A list of a million clients therefore costs 8 MB and never a
 * million objects.
 *
 * NOTES ON THE DESIGN
 *
 *  (1) Rows belong to positions.  The model remembers every row it made
 *      that is still alive (the view holds the rows it shows; a weak
 *      reference tells when one goes).  When the ids change, each live row
 *      below the new length is filled with its position's new client
 *      (awb_client_row_update: the row emits ::changed and its cells follow)
 *      and the only items-changed is for the difference in length, at the
 *      end.  The view therefore keeps its row widgets: a keystroke changes
 *      text, it does not destroy and build some two hundred rows of
 *      thirteen cells (about 250 ms here, most of a keystroke's budget).
 *  (2) Never one items-changed that both removes and adds: on such a signal
 *      GTK 4.8's list views ask for every added item to look for rows they
 *      could keep (a million reads for a million clients).
 */
#define G_LOG_DOMAIN "awb-client-list-model"

#include "config.h"

#include <string.h>

#include "awb-book-query.h"
#include "awb-client-list-model.h"
#include "awb-client-row.h"
#include "awb-settings-store.h"

#define CACHE_SIZE 256   /* rows kept, more than a tall window shows */

typedef struct
{
  guint         position;  /* G_MAXUINT when the slot is empty */
  AwbClientRow *row;
} CacheSlot;

struct _AwbClientListModel
{
  GObject          parent_instance;

  GHashTable      *live;                /* position -> AwbClientRow, weak (Notes (1)) */
  AwbDatabase     *database;            /* the book, construct-only */
  AwbClientReader *reader;              /* reads one row by rowid; NULL before set_run */
  AwbSettings     *settings;            /* the book's, for the actions' texts */
  AwbDate          today;
  GArray          *ids;                 /* gint64 rowids in display order */
  CacheSlot        cache[CACHE_SIZE];   /* slot = position % CACHE_SIZE */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AwbClientListModel, awb_client_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_cache (AwbClientListModel *self)
{
  for (guint i = 0; i < CACHE_SIZE; i++)
    {
      self->cache[i].position = G_MAXUINT;
      g_clear_object (&self->cache[i].row);
    }
}

static GType
awb_client_list_model_get_item_type (GListModel *model)
{
  return AWB_TYPE_CLIENT_ROW;
}

static guint
awb_client_list_model_get_n_items (GListModel *model)
{
  AwbClientListModel *self = AWB_CLIENT_LIST_MODEL (model);

  return self->ids != NULL ? self->ids->len : 0;
}

/* Reads the client at @position; a client deleted by another program
 * since the ids were taken reads as an empty row until the next reload,
 * rather than break the model's contract. */
static void
read_summary (AwbClientListModel *self,
              guint               position,
              AwbClientSummary   *summary)
{
  g_autoptr(GError) error = NULL;
  gint64 id = g_array_index (self->ids, gint64, position);

  if (self->reader == NULL || !awb_client_reader_read (self->reader, id, summary, &error))
    {
      g_debug ("Client %" G_GINT64_FORMAT " is gone: %s", id,
               error ? error->message : "no reader");
      memset (summary, 0, sizeof *summary);
      summary->id = id;
      summary->tier = summary->rfm_segment = summary->loyalty_type = summary->risk_level = -1;
      summary->service_group = summary->life_stage = summary->first_action = -1;
      summary->last_contact = summary->next_due = AWB_DATE_NONE;
    }
}

static void
on_row_finalized (gpointer  data,
                  GObject  *where_the_object_was)
{
  AwbClientListModel *self = data;
  GHashTableIter iter;
  gpointer row;

  /* the row's position may have been overwritten already: find it by value */
  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    if (row == (gpointer) where_the_object_was)
      {
        g_hash_table_iter_remove (&iter);
        return;
      }
}

static gpointer
awb_client_list_model_get_item (GListModel *model,
                                guint       position)
{
  AwbClientListModel *self = AWB_CLIENT_LIST_MODEL (model);
  AwbClientSummary summary = { 0 };
  CacheSlot *slot;
  AwbClientRow *row;

  if (self->ids == NULL || position >= self->ids->len)
    return NULL;

  slot = &self->cache[position % CACHE_SIZE];
  if (slot->position == position && slot->row != NULL)
    return g_object_ref (slot->row);

  row = g_hash_table_lookup (self->live, GUINT_TO_POINTER (position));
  if (row == NULL)
    {
      read_summary (self, position, &summary);
      row = awb_client_row_new (&summary, self->settings, self->today, position, self->ids->len);
      awb_client_summary_clear (&summary);
      g_object_weak_ref (G_OBJECT (row), on_row_finalized, self);
      g_hash_table_insert (self->live, GUINT_TO_POINTER (position), row);
    }
  else
    g_object_ref (row);

  g_clear_object (&slot->row);
  slot->row = row;   /* the cache's reference */
  slot->position = position;
  return g_object_ref (row);
}

/* Notes (1): every live row below the length shows its position's client
 * again. */
static void
refresh_live_rows (AwbClientListModel *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key, value;
  guint n = self->ids != NULL ? self->ids->len : 0;

  /* update while holding them: a ::changed handler may drop the last
   * other reference */
  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (key) < n)
      g_ptr_array_add (rows, g_object_ref (value));
  for (guint i = 0; i < rows->len; i++)
    {
      AwbClientRow *row = rows->pdata[i];
      guint position = awb_client_row_get_position (row);
      AwbClientSummary summary = { 0 };

      read_summary (self, position, &summary);
      awb_client_row_update (row, &summary, self->settings, self->today, position, n);
      awb_client_summary_clear (&summary);
    }
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = awb_client_list_model_get_item_type;
  iface->get_n_items = awb_client_list_model_get_n_items;
  iface->get_item = awb_client_list_model_get_item;
}

static void
forget_live_row (gpointer key,
                 gpointer value,
                 gpointer user_data)
{
  g_object_weak_unref (value, on_row_finalized, user_data);
}

static void
awb_client_list_model_dispose (GObject *object)
{
  AwbClientListModel *self = (AwbClientListModel *)object;

  clear_cache (self);
  if (self->live != NULL)
    {
      g_hash_table_foreach (self->live, forget_live_row, self);
      g_hash_table_remove_all (self->live);
    }
  g_clear_pointer (&self->reader, awb_client_reader_free);
  g_clear_pointer (&self->settings, awb_settings_free);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (awb_client_list_model_parent_class)->dispose (object);
}

static void
awb_client_list_model_finalize (GObject *object)
{
  AwbClientListModel *self = (AwbClientListModel *)object;

  g_clear_pointer (&self->live, g_hash_table_unref);

  G_OBJECT_CLASS (awb_client_list_model_parent_class)->finalize (object);
}

static void
awb_client_list_model_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  AwbClientListModel *self = AWB_CLIENT_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, awb_client_list_model_get_n_items (G_LIST_MODEL (self)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_client_list_model_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  AwbClientListModel *self = AWB_CLIENT_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_client_list_model_class_init (AwbClientListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = awb_client_list_model_dispose;
  object_class->finalize = awb_client_list_model_finalize;
  object_class->get_property = awb_client_list_model_get_property;
  object_class->set_property = awb_client_list_model_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, AWB_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
awb_client_list_model_init (AwbClientListModel *self)
{
  self->live = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < CACHE_SIZE; i++)
    self->cache[i].position = G_MAXUINT;
}

/**
 * awb_client_list_model_new:
 *
 * Returns: (transfer full): an empty model over @database; give it a run
 * (awb_client_list_model_set_run) and the ids to show
 * (awb_client_list_model_set_ids).
 */
AwbClientListModel *
awb_client_list_model_new (AwbDatabase *database)
{
  g_return_val_if_fail (AWB_IS_DATABASE (database), NULL);

  return g_object_new (AWB_TYPE_CLIENT_LIST_MODEL, "database", database, NULL);
}

AwbDatabase *
awb_client_list_model_get_database (AwbClientListModel *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_LIST_MODEL (self), NULL);
  return self->database;
}

/**
 * awb_client_list_model_set_run:
 * @run_id: the scoring run whose labels the rows show (the latest), 0 for none
 * @today: the day "last contact" counts to and a due date passes
 *
 * Reads the book's settings again and prepares the rows' reader for
 * @run_id; the rows shown read their clients again (Notes (1)).
 * Returns FALSE with @error set when the book cannot be read; the model
 * keeps what it had.
 */
gboolean
awb_client_list_model_set_run (AwbClientListModel  *self,
                               gint64               run_id,
                               AwbDate              today,
                               GError             **error)
{
  AwbClientReader *reader;
  AwbSettings *settings;

  g_return_val_if_fail (AWB_IS_CLIENT_LIST_MODEL (self), FALSE);

  settings = awb_settings_store_load (self->database, error);
  if (settings == NULL)
    return FALSE;
  reader = awb_client_reader_new (self->database, run_id, today, error);
  if (reader == NULL)
    {
      awb_settings_free (settings);
      return FALSE;
    }
  g_clear_pointer (&self->reader, awb_client_reader_free);
  g_clear_pointer (&self->settings, awb_settings_free);
  self->reader = reader;
  self->settings = settings;
  self->today = today;

  clear_cache (self);
  refresh_live_rows (self);
  return TRUE;
}

/**
 * awb_client_list_model_set_ids:
 * @ids: (transfer none) (element-type gint64): the clients to show, in order
 *
 * Shows @ids (the model takes a reference): the rows the view holds show
 * their positions' new clients, and one items-changed gives the change of
 * length at the end (Notes (1), (2)).
 */
void
awb_client_list_model_set_ids (AwbClientListModel *self,
                               GArray             *ids)
{
  guint old_n, new_n;

  g_return_if_fail (AWB_IS_CLIENT_LIST_MODEL (self));
  g_return_if_fail (ids != NULL);
  g_return_if_fail (g_array_get_element_size (ids) == sizeof (gint64));

  old_n = awb_client_list_model_get_n_items (G_LIST_MODEL (self));
  new_n = ids->len;
  clear_cache (self);
  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = g_array_ref (ids);

  refresh_live_rows (self);
  if (new_n < old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
  else if (new_n > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * awb_client_list_model_dup_ids:
 *
 * Returns: (transfer full) (element-type gint64): the ids shown, in order
 * (a reference: do not change it).
 */
GArray *
awb_client_list_model_dup_ids (AwbClientListModel *self)
{
  g_return_val_if_fail (AWB_IS_CLIENT_LIST_MODEL (self), NULL);

  return self->ids != NULL ? g_array_ref (self->ids) : g_array_new (FALSE, FALSE, sizeof (gint64));
}
