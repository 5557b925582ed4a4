/* awb-follow-ups-page.c: the Follow-ups view, the day's work
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The due list of awb-due-list.h (open follow-ups and contacts due by the
 * cadence) as one GtkListView over a flat GListStore of AwbFollowUpRow:
 * headings and items, since GTK 4.8 has no list sections.  Each line is
 * an AwbFollowUpRowWidget; "Done…" opens an AwbInteractionDialog, and the
 * item leaves the list once the interaction is logged.  An AdwStatusPage
 * when nothing is due.
 *
 * NOTES ON THE DESIGN
 *
 *  (1) Layout.  One manager's list (the "my-manager" preference, when the
 *      book has a manager of that name) is three groups, Due Today,
 *      Overdue (the most recently due first) and This Week, each headed
 *      with its name and count; empty groups are left out.  All managers'
 *      list (the toggle, or no manager of this computer) is the same per
 *      manager, under the manager's heading with the manager's count, the
 *      managers in name (pinyin) order and the clients without a manager
 *      last: a branch manager reads each manager's day as that manager
 *      does, and the counts compare the managers at a glance.  The line
 *      under the list sums the whole list up.
 *  (2) Nothing slow on the main thread.  The due list needs the client
 *      index, which the Clients page loads (awb_follow_ups_page_set_index);
 *      until then the page shows a spinner.  A reload reads the list in a
 *      thread on a connection of its own (a whole book's: about 0.5 s at a
 *      million clients), and for all managers asks the index, per manager,
 *      whose clients are in it.  Rows carry ids; the page reads the client's
 *      name and number when a row is bound (an AwbClientReader on the
 *      window's connection, one prepared statement), as the client list
 *      does, so a hundred thousand items cost no hundred thousand reads.
 *  (3) Reloads keep the place.  A reload replaces only the lines between
 *      the first and the last that changed (a heading's new count is set
 *      on the line shown), so logging one interaction does not move the
 *      list.  A new scope or a first load starts at the top: today's items
 *      first, not the oldest overdue one.
 *  (4) The index is a snapshot: it still has a contact due for a client
 *      whose interaction was logged here since it was loaded.  The page
 *      remembers those clients (and the date logged) until the next index,
 *      and leaves out their contacts due that the new interaction makes.
 */
#define G_LOG_DOMAIN "awb-follow-ups-page"

#include "config.h"

#include <glib/gi18n.h>

#include "awb-book-query.h"
#include "awb-date.h"
#include "awb-due-list.h"
#include "awb-follow-up-row.h"
#include "awb-follow-up-row-widget.h"
#include "awb-follow-ups-page.h"
#include "awb-gui-format.h"
#include "awb-gui-toast.h"
#include "awb-interaction-dialog.h"

struct _AwbFollowUpsPage
{
  AdwBin            parent_instance;

  AwbDatabase      *database;        /* the book, construct-only */
  GSettings        *settings;        /* construct-only, nullable ("my-manager") */
  AwbClientIndex   *index;           /* NULL until set (Notes (2)) */
  AwbClientReader  *reader;          /* names of bound rows; NULL until an index */
  GListStore       *store;           /* AwbFollowUpRow */
  GCancellable     *loading;         /* of the reload in flight, or NULL */
  GHashTable       *contacted;       /* Notes (4): gint64 client id -> AwbDate logged */
  AwbDate           today;           /* the index's */
  char             *scope;           /* "mine" or "all" */
  gint64            my_manager_id;   /* 0 when this computer's manager is not in the book */
  gboolean          to_top;          /* the next reload starts at the top (Notes (3)) */
  gboolean          replace;         /* the next reload replaces every line */

  /* template children */
  GtkWidget        *toolbar;
  GtkStack         *stack;
  GtkScrolledWindow *scrolled_window;
  GtkListView      *list_view;
  GtkLabel         *count_label;
};

G_DEFINE_FINAL_TYPE (AwbFollowUpsPage, awb_follow_ups_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_SETTINGS,
  PROP_SCOPE,
  N_PROPS
};

enum {
  CLIENT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- the reload's thread (Notes (2)) ------------------------------------ */

typedef struct
{
  gint64   client_id;
  AwbDate  date;
} Contacted;

typedef struct
{
  char            *path;         /* the book, opened again in the thread */
  AwbClientIndex  *index;
  gint64           manager_id;   /* 0: all managers */
  GArray          *contacted;    /* Contacted, Notes (4) */
  GPtrArray       *rows;         /* out: AwbFollowUpRow */
  guint            n[3];         /* out: items per AwbDueGroup */
} ReloadJob;

static void
reload_job_free (ReloadJob *job)
{
  g_free (job->path);
  g_clear_pointer (&job->index, awb_client_index_unref);
  g_clear_pointer (&job->contacted, g_array_unref);
  g_clear_pointer (&job->rows, g_ptr_array_unref);
  g_free (job);
}

/* Whether @item is a contact due that an interaction logged here since
 * the index was loaded has made (Notes (4)). */
static gboolean
contacted_since (GHashTable       *contacted,
                 const AwbDueItem *item)
{
  gpointer value;

  if (item->kind != AWB_DUE_CADENCE ||
      !g_hash_table_lookup_extended (contacted, &item->client_id, NULL, &value))
    return FALSE;
  return item->last_contact == AWB_DATE_NONE || GPOINTER_TO_INT (value) > item->last_contact;
}

/* Appends the group headings and items of @items (pointers to AwbDueItem,
 * in the due list's order) to @rows. */
static void
add_groups (GPtrArray *rows,
            GPtrArray *items,
            int        manager)
{
  guint n[3] = { 0, 0, 0 };

  for (guint i = 0; i < items->len; i++)
    n[((AwbDueItem *) items->pdata[i])->group]++;
  for (guint i = 0; i < items->len; i++)
    {
      const AwbDueItem *item = items->pdata[i];

      if (i == 0 || item->group != ((AwbDueItem *) items->pdata[i - 1])->group)
        g_ptr_array_add (rows, awb_follow_up_row_new_heading (AWB_FOLLOW_UP_ROW_GROUP, manager,
                                                              NULL, item->group,
                                                              n[item->group]));
      g_ptr_array_add (rows, awb_follow_up_row_new_item (item, manager));
    }
}

static void
reload_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ReloadJob *job = task_data;
  g_autoptr(AwbDatabase) db = NULL;
  g_autoptr(GArray) items = NULL;
  g_autoptr(GHashTable) contacted = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  GError *error = NULL;
  gint64 t0 = g_get_monotonic_time ();

  db = awb_database_open (job->path, &error);
  if (db != NULL)
    items = awb_due_list_read (db, job->index, job->manager_id, &error);
  if (items == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  contacted = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < job->contacted->len; i++)
    {
      Contacted *c = &g_array_index (job->contacted, Contacted, i);

      g_hash_table_insert (contacted, &c->client_id, GINT_TO_POINTER (c->date));
    }
  kept = g_ptr_array_sized_new (items->len);
  for (guint i = 0; i < items->len; i++)
    {
      AwbDueItem *item = &g_array_index (items, AwbDueItem, i);

      if (!contacted_since (contacted, item))
        {
          g_ptr_array_add (kept, item);
          job->n[item->group]++;
        }
    }

  job->rows = g_ptr_array_new_full (kept->len + 8, g_object_unref);
  if (job->manager_id != 0)
    add_groups (job->rows, kept, -1);
  else
    {
      guint n_managers = awb_client_index_get_n_managers (job->index);
      g_autoptr(GHashTable) manager_of = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autoptr(GPtrArray) buckets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

      /* whose clients they are: the index's answer per manager, looked up
       * in the (much smaller) set of the clients due */
      for (guint i = 0; i < kept->len; i++)
        g_hash_table_insert (manager_of, &((AwbDueItem *) kept->pdata[i])->client_id,
                             GINT_TO_POINTER (0));
      for (guint m = 0; m < n_managers && g_hash_table_size (manager_of) > 0; m++)
        {
          AwbClientQuery query;
          g_autoptr(GArray) ids = NULL;

          if (g_cancellable_is_cancelled (cancellable))
            break;
          awb_client_query_init (&query);
          awb_client_index_get_manager (job->index, m, &query.manager_id);
          ids = awb_client_index_query (job->index, &query);
          for (guint k = 0; k < ids->len; k++)
            {
              gpointer key;

              if (g_hash_table_lookup_extended (manager_of, &g_array_index (ids, gint64, k),
                                                &key, NULL))
                g_hash_table_insert (manager_of, key, GINT_TO_POINTER (m + 1));
            }
        }

      /* one bucket per manager, the clients without one (or not in the
       * index yet) last, each in the due list's order */
      for (guint m = 0; m <= n_managers; m++)
        g_ptr_array_add (buckets, g_ptr_array_new ());
      for (guint i = 0; i < kept->len; i++)
        {
          AwbDueItem *item = kept->pdata[i];
          int m = GPOINTER_TO_INT (g_hash_table_lookup (manager_of, &item->client_id));

          g_ptr_array_add (buckets->pdata[m > 0 ? (guint) m - 1 : n_managers], item);
        }
      for (guint m = 0; m <= n_managers; m++)
        {
          GPtrArray *bucket = buckets->pdata[m];
          const char *name = m < n_managers ? awb_client_index_get_manager (job->index, m, NULL)
                                            : NULL;

          if (bucket->len == 0)
            continue;
          g_ptr_array_add (job->rows,
                           awb_follow_up_row_new_heading (AWB_FOLLOW_UP_ROW_MANAGER,
                                                          m < n_managers ? (int) m : -1, name,
                                                          AWB_DUE_TODAY, bucket->len));
          add_groups (job->rows, bucket, m < n_managers ? (int) m : -1);
        }
    }
  g_debug ("read %u items due (manager %" G_GINT64_FORMAT ") in %.3f s", kept->len,
           job->manager_id, (g_get_monotonic_time () - t0) / 1e6);
  g_task_return_boolean (task, TRUE);
}

/* ---- showing it --------------------------------------------------------- */

static guint
count_items (AwbFollowUpsPage *self,
             guint             n[3])
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint n_rows = g_list_model_get_n_items (model);

  n[0] = n[1] = n[2] = 0;
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(AwbFollowUpRow) row = g_list_model_get_item (model, i);

      if (awb_follow_up_row_get_kind (row) == AWB_FOLLOW_UP_ROW_GROUP)
        n[awb_follow_up_row_get_group (row)] += awb_follow_up_row_get_count (row);
    }
  return n[0] + n[1] + n[2];
}

/* The line under the list, and the list's description. */
static void
update_summary (AwbFollowUpsPage *self)
{
  guint n[3];
  guint total = count_items (self, n);
  g_autofree char *all = awb_gui_format_count (total);
  g_autofree char *today = awb_gui_format_count (n[AWB_DUE_TODAY]);
  g_autofree char *overdue = awb_gui_format_count (n[AWB_DUE_OVERDUE]);
  g_autofree char *week = awb_gui_format_count (n[AWB_DUE_THIS_WEEK]);
  g_autofree char *text = NULL;

  /* Translators: the line under the follow-ups: "2,769 due: 11 today,
   * 2,645 overdue, 113 this week" */
  text = g_strdup_printf (_("%1$s due: %2$s today, %3$s overdue, %4$s this week"),
                          all, today, overdue, week);
  gtk_label_set_label (self->count_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  if (self->index != NULL)
    gtk_stack_set_visible_child_name (self->stack, total > 0 ? "list" : "empty");
}

/* Notes (3): replaces only what changed between the lines shown and @rows. */
static void
apply_rows (AwbFollowUpsPage *self,
            GPtrArray        *rows)
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint n_old = g_list_model_get_n_items (model);
  guint n_new = rows->len;
  guint prefix = 0;
  guint suffix = 0;

  if (self->to_top || self->replace)
    {
      g_list_store_splice (self->store, 0, n_old, rows->pdata, n_new);
      if (self->to_top)
        {
          /* a new selection model: the view drops its anchor and focus
           * (a focused row far down would keep the view there) */
          g_autoptr(GtkNoSelection) selection = NULL;

          selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->store)));
          gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
        }
      self->to_top = FALSE;
      self->replace = FALSE;
      return;
    }

  while (prefix < n_old && prefix < n_new)
    {
      g_autoptr(AwbFollowUpRow) old = g_list_model_get_item (model, prefix);

      if (!awb_follow_up_row_same (old, rows->pdata[prefix]))
        break;
      awb_follow_up_row_set_count (old, awb_follow_up_row_get_count (rows->pdata[prefix]));
      prefix++;
    }
  while (suffix < n_old - prefix && suffix < n_new - prefix)
    {
      g_autoptr(AwbFollowUpRow) old = g_list_model_get_item (model, n_old - 1 - suffix);
      AwbFollowUpRow *row = rows->pdata[n_new - 1 - suffix];

      if (!awb_follow_up_row_same (old, row))
        break;
      awb_follow_up_row_set_count (old, awb_follow_up_row_get_count (row));
      suffix++;
    }
  if (n_old - prefix - suffix > 0 || n_new - prefix - suffix > 0)
    g_list_store_splice (self->store, prefix, n_old - prefix - suffix,
                         rows->pdata + prefix, n_new - prefix - suffix);
}

static void
on_reloaded_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AwbFollowUpsPage *self = AWB_FOLLOW_UPS_PAGE (source_object);
  ReloadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        awb_gui_toast_read_error (GTK_WIDGET (self), "the follow-ups", error);
      return;
    }
  if (job->index != self->index)   /* a newer index came meanwhile: its reload follows */
    return;
  apply_rows (self, job->rows);
  update_summary (self);
}

/* this computer's manager, from the preference's name and the index */
static gint64
find_my_manager (AwbFollowUpsPage *self)
{
  g_autofree char *name = NULL;
  guint n;

  if (self->settings == NULL || self->index == NULL)
    return 0;
  name = g_settings_get_string (self->settings, "my-manager");
  n = awb_client_index_get_n_managers (self->index);
  for (guint m = 0; name[0] != '\0' && m < n; m++)
    {
      gint64 id;

      if (g_strcmp0 (awb_client_index_get_manager (self->index, m, &id), name) == 0)
        return id;
    }
  return 0;
}

/* ---- rows --------------------------------------------------------------- */

/* The client's name and number of an item, read when first shown
 * (Notes (2)). */
static void
ensure_client (AwbFollowUpsPage *self,
               AwbFollowUpRow   *row)
{
  g_autoptr(GError) error = NULL;
  AwbClientSummary summary = { 0 };

  if (awb_follow_up_row_get_kind (row) != AWB_FOLLOW_UP_ROW_ITEM ||
      awb_follow_up_row_has_client (row) || self->reader == NULL)
    return;
  if (awb_client_reader_read (self->reader, awb_follow_up_row_get_item (row)->client_id,
                              &summary, &error))
    awb_follow_up_row_set_client (row, summary.name, summary.client_no);
  else
    {
      g_debug ("Failed to read a client of the follow-ups: %s", error->message);
      awb_follow_up_row_set_client (row, "", "");
    }
  awb_client_summary_clear (&summary);
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     AwbFollowUpsPage         *self)
{
  gtk_list_item_set_child (list_item, awb_follow_up_row_widget_new ());
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    AwbFollowUpsPage         *self)
{
  AwbFollowUpRow *row = gtk_list_item_get_item (list_item);

  ensure_client (self, row);
  gtk_list_item_set_activatable (list_item,
                                 awb_follow_up_row_get_kind (row) == AWB_FOLLOW_UP_ROW_ITEM);
  awb_follow_up_row_widget_bind (AWB_FOLLOW_UP_ROW_WIDGET (gtk_list_item_get_child (list_item)),
                                 row, self->today);
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      AwbFollowUpsPage         *self)
{
  awb_follow_up_row_widget_unbind (AWB_FOLLOW_UP_ROW_WIDGET (gtk_list_item_get_child (list_item)));
}

static void
on_row_activated_cb (AwbFollowUpsPage *self,
                     guint             position,
                     GtkListView      *view)
{
  g_autoptr(AwbFollowUpRow) row = g_list_model_get_item (G_LIST_MODEL (self->store), position);

  if (row != NULL && awb_follow_up_row_get_kind (row) == AWB_FOLLOW_UP_ROW_ITEM)
    g_signal_emit (self, signals[CLIENT_ACTIVATED], 0, awb_follow_up_row_get_item (row)->client_id);
}

/* The place of the item of @client_id (and @interaction_id, 0 for a contact
 * due), or G_MAXUINT. */
static guint
find_item (AwbFollowUpsPage *self,
           gint64            client_id,
           gint64            interaction_id)
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AwbFollowUpRow) row = g_list_model_get_item (model, i);
      const AwbDueItem *item;

      if (awb_follow_up_row_get_kind (row) != AWB_FOLLOW_UP_ROW_ITEM)
        continue;
      item = awb_follow_up_row_get_item (row);
      if (item->client_id == client_id && item->interaction_id == interaction_id)
        return i;
    }
  return G_MAXUINT;
}

/* Takes the item at @position out of the list, and its headings' counts
 * down; a heading left with nothing under it goes too. */
static void
remove_item (AwbFollowUpsPage *self,
             guint             position)
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint group = G_MAXUINT;
  guint manager = G_MAXUINT;
  guint from;
  guint n_removed = 1;

  for (guint i = position; i-- > 0 && manager == G_MAXUINT; )
    {
      g_autoptr(AwbFollowUpRow) row = g_list_model_get_item (model, i);

      if (awb_follow_up_row_get_kind (row) == AWB_FOLLOW_UP_ROW_GROUP && group == G_MAXUINT)
        group = i;
      else if (awb_follow_up_row_get_kind (row) == AWB_FOLLOW_UP_ROW_MANAGER)
        manager = i;
    }
  from = position;
  if (group != G_MAXUINT)
    {
      g_autoptr(AwbFollowUpRow) heading = g_list_model_get_item (model, group);
      guint count = awb_follow_up_row_get_count (heading);

      awb_follow_up_row_set_count (heading, count > 0 ? count - 1 : 0);
      if (count <= 1 && group == position - 1)
        {
          from = group;
          n_removed = 2;
        }
    }
  if (manager != G_MAXUINT)
    {
      g_autoptr(AwbFollowUpRow) heading = g_list_model_get_item (model, manager);
      guint count = awb_follow_up_row_get_count (heading);

      awb_follow_up_row_set_count (heading, count > 0 ? count - 1 : 0);
      if (count <= 1 && manager == from - 1)
        {
          from = manager;
          n_removed++;
        }
    }
  g_list_store_splice (self->store, from, n_removed, NULL, 0);
}

static void
on_logged_cb (AwbFollowUpsPage     *self,
              gint64                interaction_id,
              AwbInteractionDialog *dialog)
{
  gint64 client_id = awb_interaction_dialog_get_client_id (dialog);
  gint64 follow_up_id = awb_interaction_dialog_get_follow_up_id (dialog);
  AwbDate date = awb_interaction_dialog_get_date (dialog);
  gpointer before;
  guint position;

  /* Notes (4) */
  if (!g_hash_table_lookup_extended (self->contacted, &client_id, NULL, &before) ||
      GPOINTER_TO_INT (before) < date)
    g_hash_table_insert (self->contacted, g_memdup2 (&client_id, sizeof client_id),
                         GINT_TO_POINTER (date));

  /* the follow-up done, or the contact due the interaction made, leaves now;
   * the reload then brings what the interaction asked for */
  position = find_item (self, client_id, follow_up_id);
  if (position != G_MAXUINT)
    {
      g_autoptr(AwbFollowUpRow) row = g_list_model_get_item (G_LIST_MODEL (self->store),
                                                             position);
      const AwbDueItem *item = awb_follow_up_row_get_item (row);

      if (follow_up_id != 0 || item->last_contact == AWB_DATE_NONE || date > item->last_contact)
        remove_item (self, position);
    }
  update_summary (self);
  awb_follow_ups_page_reload (self);
}

static AwbInteractionDialog *
open_dialog (AwbFollowUpsPage   *self,
             GtkWindow          *parent,
             gint64              client_id,
             const char         *name,
             gint64              follow_up_id,
             int                 kind)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AwbInteractionDialog *dialog;

  if (parent == NULL && GTK_IS_WINDOW (root))
    parent = GTK_WINDOW (root);
  dialog = awb_interaction_dialog_new (parent, self->database, client_id, name, follow_up_id);
  if (kind >= 0)
    awb_interaction_dialog_set_kind (dialog, (AwbInteractionKind) kind);
  g_signal_connect_object (dialog, "logged", G_CALLBACK (on_logged_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
mark_done_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AwbFollowUpsPage *self = AWB_FOLLOW_UPS_PAGE (widget);
  g_autoptr(AwbFollowUpRow) row = NULL;
  const AwbDueItem *item;
  gint64 client_id;
  gint64 interaction_id;
  guint position;

  g_variant_get (parameter, "(xx)", &client_id, &interaction_id);
  position = find_item (self, client_id, interaction_id);
  if (position == G_MAXUINT)
    return;
  row = g_list_model_get_item (G_LIST_MODEL (self->store), position);
  ensure_client (self, row);
  item = awb_follow_up_row_get_item (row);
  open_dialog (self, NULL, client_id, awb_follow_up_row_get_client_name (row),
               item->interaction_id,
               item->kind == AWB_DUE_FOLLOW_UP ? item->interaction_kind : -1);
}

/* ---- GObject ------------------------------------------------------------ */

static void
on_my_manager_changed_cb (AwbFollowUpsPage *self)
{
  self->to_top = TRUE;
  awb_follow_ups_page_reload (self);
}

static void
awb_follow_ups_page_constructed (GObject *object)
{
  AwbFollowUpsPage *self = (AwbFollowUpsPage *)object;

  G_OBJECT_CLASS (awb_follow_ups_page_parent_class)->constructed (object);

  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::my-manager",
                             G_CALLBACK (on_my_manager_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
awb_follow_ups_page_dispose (GObject *object)
{
  AwbFollowUpsPage *self = (AwbFollowUpsPage *)object;

  /* No gtk_widget_dispose_template() here: the template's only direct
   * child is AdwBin's child, which AdwBin's dispose unparents (doing both
   * unparents it twice). */
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_object (&self->store);
  g_clear_pointer (&self->reader, awb_client_reader_free);
  g_clear_pointer (&self->index, awb_client_index_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (awb_follow_ups_page_parent_class)->dispose (object);
}

static void
awb_follow_ups_page_finalize (GObject *object)
{
  AwbFollowUpsPage *self = (AwbFollowUpsPage *)object;

  g_clear_pointer (&self->contacted, g_hash_table_unref);
  g_clear_pointer (&self->scope, g_free);

  G_OBJECT_CLASS (awb_follow_ups_page_parent_class)->finalize (object);
}

static void
awb_follow_ups_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AwbFollowUpsPage *self = AWB_FOLLOW_UPS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_SCOPE:
      g_value_set_string (value, self->scope);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_follow_ups_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AwbFollowUpsPage *self = AWB_FOLLOW_UPS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_SCOPE:
      {
        const char *scope = g_value_get_string (value);

        scope = g_strcmp0 (scope, "all") == 0 ? "all" : "mine";
        if (g_strcmp0 (self->scope, scope) == 0)
          break;
        g_free (self->scope);
        self->scope = g_strdup (scope);
        g_object_notify_by_pspec (object, pspec);
        if (self->database != NULL)
          {
            self->to_top = TRUE;
            awb_follow_ups_page_reload (self);
          }
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_follow_ups_page_class_init (AwbFollowUpsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = awb_follow_ups_page_constructed;
  object_class->dispose = awb_follow_ups_page_dispose;
  object_class->finalize = awb_follow_ups_page_finalize;
  object_class->get_property = awb_follow_ups_page_get_property;
  object_class->set_property = awb_follow_ups_page_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, AWB_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* "mine": this computer's manager's list; "all": every manager's (Notes (1)) */
  properties[PROP_SCOPE] =
    g_param_spec_string ("scope", NULL, NULL, "mine",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AwbFollowUpsPage::client-activated:
   * @id: the client's clients.id
   *
   * A row was double-clicked or Enter pressed on it.
   */
  signals[CLIENT_ACTIVATED] =
    g_signal_new ("client-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/awb-follow-ups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AwbFollowUpsPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, AwbFollowUpsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AwbFollowUpsPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, AwbFollowUpsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, AwbFollowUpsPage, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);

  gtk_widget_class_install_property_action (widget_class, "follow-ups.scope", "scope");
  gtk_widget_class_install_action (widget_class, "follow-ups.mark-done", "(xx)", mark_done_action);

  g_type_ensure (AWB_TYPE_FOLLOW_UP_ROW_WIDGET);
}

static void
awb_follow_ups_page_init (AwbFollowUpsPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->scope = g_strdup ("mine");
  self->to_top = TRUE;
  self->contacted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->store = g_list_store_new (AWB_TYPE_FOLLOW_UP_ROW);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->store)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);

  gtk_stack_set_visible_child_name (self->stack, "loading");
}

/**
 * awb_follow_ups_page_new:
 * @settings: (nullable): the application's settings ("my-manager")
 */
AwbFollowUpsPage *
awb_follow_ups_page_new (AwbDatabase *database,
                         GSettings   *settings)
{
  g_return_val_if_fail (AWB_IS_DATABASE (database), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (AWB_TYPE_FOLLOW_UPS_PAGE, "database", database, "settings", settings,
                       NULL);
}

/**
 * awb_follow_ups_page_reload:
 *
 * Reads the due list again, in a thread (Notes (2)), as of the index's
 * day; until the client index is set the page waits for it.  The page
 * keeps what it showed until then; a failure shows as a toast.
 */
void
awb_follow_ups_page_reload (AwbFollowUpsPage *self)
{
  g_autoptr(GTask) task = NULL;
  ReloadJob *job;
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (AWB_IS_FOLLOW_UPS_PAGE (self));

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->index == NULL)
    return;
  self->loading = g_cancellable_new ();

  self->my_manager_id = find_my_manager (self);
  gtk_widget_set_visible (self->toolbar, self->my_manager_id != 0);

  job = g_new0 (ReloadJob, 1);
  job->path = g_strdup (awb_database_get_path (self->database));
  job->index = awb_client_index_ref (self->index);
  job->manager_id = g_strcmp0 (self->scope, "all") == 0 ? 0 : self->my_manager_id;
  job->contacted = g_array_new (FALSE, FALSE, sizeof (Contacted));
  g_hash_table_iter_init (&iter, self->contacted);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Contacted c = { *(gint64 *) key, GPOINTER_TO_INT (value) };

      g_array_append_val (job->contacted, c);
    }
  task = g_task_new (self, self->loading, on_reloaded_cb, NULL);
  g_task_set_source_tag (task, awb_follow_ups_page_reload);
  g_task_set_task_data (task, job, (GDestroyNotify) reload_job_free);
  g_task_run_in_thread (task, reload_in_thread);
}

/**
 * awb_follow_ups_page_set_index:
 * @index: (nullable): the client index the Clients page loaded
 *
 * The due list is read from @index (Notes (2)): a new one reloads the page.
 */
void
awb_follow_ups_page_set_index (AwbFollowUpsPage *self,
                               AwbClientIndex   *index)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (AWB_IS_FOLLOW_UPS_PAGE (self));

  if (index == self->index)
    return;
  g_clear_pointer (&self->index, awb_client_index_unref);
  g_clear_pointer (&self->reader, awb_client_reader_free);
  g_hash_table_remove_all (self->contacted);   /* Notes (4) */
  if (index == NULL)
    return;

  self->index = awb_client_index_ref (index);
  self->today = awb_client_index_get_today (index);
  self->reader = awb_client_reader_new (self->database, awb_client_index_get_run (index),
                                        self->today, &error);
  if (self->reader == NULL)
    awb_gui_toast_read_error (GTK_WIDGET (self), "the follow-ups", error);
  /* the names read before may have changed: the next lines replace all */
  self->replace = TRUE;
  awb_follow_ups_page_reload (self);
}

/**
 * awb_follow_ups_page_log_interaction:
 * @parent: (nullable): the window the dialog belongs to; the page's when %NULL
 * @client_id: the client's clients.id
 *
 * Opens the dialog that logs an interaction for the client; once logged,
 * the list follows.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL when the client
 * could not be read (a toast says why)
 */
AwbInteractionDialog *
awb_follow_ups_page_log_interaction (AwbFollowUpsPage *self,
                                     GtkWindow        *parent,
                                     gint64            client_id)
{
  g_autoptr(AwbClientReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  AwbClientSummary summary = { 0 };
  AwbInteractionDialog *dialog;

  g_return_val_if_fail (AWB_IS_FOLLOW_UPS_PAGE (self), NULL);
  g_return_val_if_fail (client_id > 0, NULL);

  reader = awb_client_reader_new (self->database, 0, awb_date_today (), &error);
  if (reader == NULL || !awb_client_reader_read (reader, client_id, &summary, &error))
    {
      awb_gui_toast_read_error (GTK_WIDGET (self), "the client", error);
      return NULL;
    }
  dialog = open_dialog (self, parent, client_id, summary.name, 0, -1);
  awb_client_summary_clear (&summary);
  return dialog;
}
