/* awb-clients-page.c: the Clients view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A search entry, the filters (AwbClientFilterPopover), "My Clients" and
 * "Export This List…" over a GtkColumnView of the lazy AwbClientListModel,
 * with "1,234 of 1,000,000 clients" under it.  The columns are declared in
 * ui/awb-clients-page.ui; each cell is an AwbClientCell.
 *
 * NOTES ON THE DESIGN
 *
 *  (1) Nothing slow on the main thread.  Opening the page starts two
 *      jobs, one after the other, each in a thread on a connection of its
 *      own: the first ids (the clients of the list's scope in name order,
 *      read from the book's index alone, a fraction of a second even for a
 *      million), then the client index (awb-client-index.c: two to four
 *      seconds more, on two threads).  The first ids are shown as soon as
 *      they come; the index answers every search, filter and sort after
 *      that.  The index waits for the first rows because on two cores its
 *      threads took the first rows' turns (a million clients' first rows
 *      came in 0.9 to 1.6 s beside it, 0.5 to 0.8 s without).  Typing
 *      before the index is there is kept and answered when it arrives.
 *  (2) Every change of the search, a filter, the scope or the order asks
 *      the index in a thread.  One query runs at a time; changes made
 *      meanwhile are answered by one more query, with what is then in the
 *      entry and the filters (the latest wins, the ones between are never
 *      asked).  The result replaces the model's ids in one items-changed.
 *  (3) The order is the column view's: each column has a GtkCustomSorter
 *      of its own that is never used to sort anything.  When the view's
 *      sorter changes, the page asks it to compare two placeholder items;
 *      the primary column's sorter is the one called, and records which it
 *      is, and the view inverts its answer for a descending order.  GTK 4.8
 *      has no gtk_column_view_sorter_get_primary_sort_column (4.10): drop
 *      this at 4.10.  The sorting itself is the index's, over the book.
 *  (4) "My Clients": the "my-manager" preference names the manager using
 *      this computer; when the book has a manager of that name, the list
 *      opens on that manager's clients, and the toggle shows every client.
 *  (5) Tab leaves the list (GTK 4.8 walks every row with it): the list is
 *      made unfocusable for the moment focus moves on.
 */
#define G_LOG_DOMAIN "awb-clients-page"

#include "config.h"

#include <glib/gi18n.h>

#include "awb-book-query.h"
#include "awb-client-cell.h"
#include "awb-client-filter-popover.h"
#include "awb-client-index.h"
#include "awb-client-list-model.h"
#include "awb-client-row.h"
#include "awb-clients-page.h"
#include "awb-date.h"
#include "awb-gui-format.h"
#include "awb-gui-toast.h"
#include "awb-list-a11y.h"
#include "awb-scoring.h"

/* The columns of ui/awb-clients-page.ui, in order: the field each shows
 * (awb_client_row_get_text) and the order a click on its title asks for. */
static const struct
{
  const char    *field;
  AwbClientSort  sort;
} columns[] = {
  { "name", AWB_CLIENT_SORT_NAME },
  { "client-no", AWB_CLIENT_SORT_CLIENT_NO },
  { "phone", AWB_CLIENT_SORT_PHONE },
  { "manager", AWB_CLIENT_SORT_MANAGER },
  { "tier", AWB_CLIENT_SORT_TIER },
  { "segment", AWB_CLIENT_SORT_SEGMENT },
  { "loyalty", AWB_CLIENT_SORT_LOYALTY },
  { "risk", AWB_CLIENT_SORT_RISK },
  { "aum", AWB_CLIENT_SORT_AUM },
  { "last-contact", AWB_CLIENT_SORT_LAST_CONTACT },
  { "next-due", AWB_CLIENT_SORT_NEXT_DUE },
  { "action", AWB_CLIENT_SORT_ACTION },
  { "id-number", AWB_CLIENT_SORT_ID_NUMBER },
};

#define N_COLUMNS G_N_ELEMENTS (columns)

typedef struct
{
  AwbClientsPage *page;     /* the owner; the probe lives in it */
  guint           column;
  const char     *title;    /* the column's title, translated */
} ColumnInfo;

struct _AwbClientsPage
{
  AdwBin                  parent_instance;

  AwbDatabase            *database;        /* the book, construct-only */
  GSettings              *settings;        /* construct-only, nullable */
  AwbClientListModel     *model;
  AwbClientIndex         *index;           /* NULL until loaded (Notes (1)) */
  GCancellable           *loading;         /* of the jobs of the last reload */
  ColumnInfo              column_info[N_COLUMNS];
  GObject                *probe_a;         /* placeholders compared, Notes (3) */
  GObject                *probe_b;
  gint                    probed;          /* the column whose sorter was called, or -1 */

  AwbDate                 today;
  gint64                  run_id;          /* the run whose labels rows show */
  gint64                  my_manager_id;   /* Notes (4): 0 when none */
  guint                   n_book;          /* clients in the book */
  gboolean                counted;         /* n_book is known */
  gboolean                shown;           /* the list shows ids of this reload */
  AwbClientSort           sort;
  gboolean                descending;
  char                   *asked_text;      /* the search of the last query asked, or "" */
  GHashTable             *hidden;          /* clients.id being deleted (Undo pending) */
  gboolean                query_running;   /* Notes (2) */
  gboolean                query_pending;
  GArray                 *only_ids;        /* a chart's clients (sorted ids), or NULL */

  /* template children */
  GtkStack               *stack;
  GtkSearchEntry         *search_entry;
  GtkToggleButton        *mine_button;
  GtkMenuButton          *filter_button;
  AwbClientFilterPopover *filter_popover;
  GtkStack               *results_stack;
  GtkScrolledWindow      *scrolled_window;
  GtkColumnView          *column_view;
  GtkLabel               *count_label;
  GtkSpinner             *busy_spinner;
  GtkWidget              *selection_bar;
  GtkLabel               *selection_label;
};

G_DEFINE_FINAL_TYPE (AwbClientsPage, awb_clients_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_SETTINGS,
  PROP_N_SHOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CLIENT_ACTIVATED,
  INDEX_LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void run_query (AwbClientsPage *self);

/* ---- what the list shows ------------------------------------------------- */

static void
update_status (AwbClientsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *shown = awb_gui_format_count (n);
  g_autofree char *total = awb_gui_format_count (self->n_book);
  g_autofree char *text = NULL;

  if (n == self->n_book)
    /* Translators: the number of clients in the book, e.g. "5,000 clients" */
    text = g_strdup_printf (ngettext ("%s client", "%s clients", self->n_book), total);
  else
    /* Translators: the clients the list shows of the book's, e.g.
     * "1,234 of 1,000,000 clients" */
    text = g_strdup_printf (ngettext ("%1$s of %2$s client", "%1$s of %2$s clients",
                                      self->n_book),
                            shown, total);
  gtk_label_set_label (self->count_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);

  gtk_stack_set_visible_child_name (self->stack, !self->counted ? "loading"
                                                 : self->n_book > 0 ? "list" : "empty");
  gtk_stack_set_visible_child_name (self->results_stack, n > 0 ? "list" : "no-results");
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner),
                          self->query_running || (self->index == NULL && self->n_book > 0));
  gtk_spinner_set_spinning (self->busy_spinner,
                            gtk_widget_get_visible (GTK_WIDGET (self->busy_spinner)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.clear-search",
                                 n < self->n_book);
}

static void
show_ids (AwbClientsPage *self,
          GArray         *ids)
{
  gint64 t0 = g_get_monotonic_time ();

  /* a client whose deletion waits for its Undo toast is not listed */
  if (g_hash_table_size (self->hidden) > 0)
    {
      guint kept = 0;

      for (guint i = 0; i < ids->len; i++)
        if (!g_hash_table_contains (self->hidden, &g_array_index (ids, gint64, i)))
          g_array_index (ids, gint64, kept++) = g_array_index (ids, gint64, i);
      g_array_set_size (ids, kept);
    }
  awb_client_list_model_set_ids (self->model, ids);
  g_debug ("showed %u clients in %.1f ms", ids->len, (g_get_monotonic_time () - t0) / 1e3);
  self->shown = TRUE;
  update_status (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SHOWN]);
}

/* The search, the filters, the scope and the order, as the index takes
 * them; the text is @self's and lives as long as the entry's. */
static void
build_query (AwbClientsPage *self,
             AwbClientQuery *query)
{
  awb_client_query_init (query);
  query->text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  awb_client_filter_popover_apply (self->filter_popover, query);
  if (self->my_manager_id != 0 && gtk_toggle_button_get_active (self->mine_button))
    query->manager_id = self->my_manager_id;
  query->only_ids = self->only_ids;
  query->sort = self->sort;
  query->descending = self->descending;
}

/* Whether the list asks for more than the first ids give: every client of
 * the scope by name. */
static gboolean
query_is_first (AwbClientsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return (text == NULL || *text == '\0') && self->sort == AWB_CLIENT_SORT_NAME &&
         self->only_ids == NULL &&
         !self->descending && awb_client_filter_popover_get_n_active (self->filter_popover) == 0;
}

/* ---- Notes (2): queries ------------------------------------------------- */

typedef struct
{
  AwbClientIndex *index;
  AwbClientQuery  query;
  char           *text;     /* query.text points here */
  GArray         *only_ids; /* query.only_ids points here */
  GArray         *ids;      /* out */
  gint64          started;  /* monotonic µs */
} QueryJob;

static void
query_job_free (QueryJob *job)
{
  g_clear_pointer (&job->index, awb_client_index_unref);
  g_clear_pointer (&job->ids, g_array_unref);
  g_clear_pointer (&job->only_ids, g_array_unref);
  g_free (job->text);
  g_free (job);
}

static void
query_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  QueryJob *job = task_data;

  job->ids = awb_client_index_query (job->index, &job->query);
  g_task_return_boolean (task, TRUE);
}

static void
on_query_done_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AwbClientsPage *self = AWB_CLIENTS_PAGE (source_object);
  QueryJob *job = g_task_get_task_data (G_TASK (result));

  self->query_running = FALSE;
  if (g_task_propagate_boolean (G_TASK (result), NULL) && job->index == self->index)
    {
      GtkSelectionModel *selection = gtk_column_view_get_model (self->column_view);

      /* a new answer reads from its top, with nothing selected */
      gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (selection),
                                         GTK_INVALID_LIST_POSITION);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
      show_ids (self, job->ids);
      g_debug ("query “%s” sort %d: %u clients in %.1f ms", job->text, job->query.sort,
               job->ids->len, (g_get_monotonic_time () - job->started) / 1e3);
    }
  if (self->query_pending)
    run_query (self);
  else
    update_status (self);
}

/* Asks the index for what the list should show (Notes (2)). */
static void
run_query (AwbClientsPage *self)
{
  g_autoptr(GTask) task = NULL;
  QueryJob *job;

  if (self->index == NULL || self->query_running)
    {
      self->query_pending = TRUE;   /* answered when the index or the query is done */
      return;
    }
  self->query_pending = FALSE;
  self->query_running = TRUE;

  job = g_new0 (QueryJob, 1);
  job->index = awb_client_index_ref (self->index);
  build_query (self, &job->query);
  job->text = g_strdup (job->query.text);
  job->query.text = job->text;
  if (self->only_ids != NULL)
    job->only_ids = g_array_ref (self->only_ids);
  g_free (self->asked_text);
  self->asked_text = g_strdup (job->text);
  job->started = g_get_monotonic_time ();

  task = g_task_new (self, self->loading, on_query_done_cb, NULL);
  g_task_set_source_tag (task, run_query);
  g_task_set_task_data (task, job, (GDestroyNotify) query_job_free);
  g_task_run_in_thread (task, query_in_thread);
  update_status (self);
}

/* ---- Notes (1): loading ------------------------------------------------- */

typedef struct
{
  char    *path;
  char    *my_manager;   /* the preference's name, or NULL */
  AwbDate  today;
  gint64   run_id;       /* out: the latest run */
  gint64   manager_id;   /* out: the preference's manager, 0 when not in the book */
  guint    n_book;       /* out */
  GArray  *ids;          /* out: the scope's clients in name order */
} FirstJob;

static void
first_job_free (FirstJob *job)
{
  g_free (job->path);
  g_free (job->my_manager);
  g_clear_pointer (&job->ids, g_array_unref);
  g_free (job);
}

static gboolean
read_first (AwbDatabase  *db,
            FirstJob     *job,
            GError      **error)
{
  gint64 n_book = 0;

  job->run_id = awb_scoring_get_latest_run (db, error);
  if (job->run_id < 0 || !awb_book_query_count_clients (db, &n_book, error))
    return FALSE;
  job->n_book = (guint) n_book;
  if (job->my_manager != NULL && *job->my_manager != '\0' &&
      !awb_book_query_manager_id (db, job->my_manager, &job->manager_id, error))
    return FALSE;
  job->ids = awb_client_index_first_ids (db, job->manager_id, error);
  return job->ids != NULL;
}

static void
first_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  FirstJob *job = task_data;
  g_autoptr(AwbDatabase) db = NULL;
  GError *error = NULL;

  gint64 t0 = g_get_monotonic_time ();

  db = awb_database_open (job->path, &error);
  if (db == NULL || !read_first (db, job, &error))
    g_task_return_error (task, error);
  else
    {
      g_debug ("read the first %u ids in %.3f s", job->ids->len,
               (g_get_monotonic_time () - t0) / 1e6);
      g_task_return_boolean (task, TRUE);
    }
}

static void
show_error (AwbClientsPage *self,
            const GError   *error)
{
  awb_gui_toast_read_error (GTK_WIDGET (self), "the client list", error);
}

static void on_index_loaded_cb (GObject      *source_object,
                                GAsyncResult *result,
                                gpointer      user_data);

static void
on_first_done_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AwbClientsPage *self = AWB_CLIENTS_PAGE (source_object);
  FirstJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  self->n_book = job->n_book;
  self->counted = TRUE;
  self->today = job->today;
  if (job->run_id != self->run_id || !self->shown)
    {
      self->run_id = job->run_id;
      if (!awb_client_list_model_set_run (self->model, job->run_id, job->today, &error))
        show_error (self, error);
    }

  /* Notes (4): a new manager of this computer opens on their clients */
  if (job->manager_id != self->my_manager_id)
    {
      self->my_manager_id = job->manager_id;
      gtk_widget_set_visible (GTK_WIDGET (self->mine_button), job->manager_id != 0);
      g_signal_handlers_block_matched (self->mine_button, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                       self);
      gtk_toggle_button_set_active (self->mine_button, job->manager_id != 0);
      g_signal_handlers_unblock_matched (self->mine_button, G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                         NULL, self);
      awb_client_filter_popover_set_manager_locked (self->filter_popover, job->manager_id != 0);
      self->shown = FALSE;
    }

  if (self->index == NULL && !self->shown &&
      (self->my_manager_id == 0 || gtk_toggle_button_get_active (self->mine_button)) &&
      query_is_first (self))
    show_ids (self, job->ids);
  else
    update_status (self);

  /* Notes (1): the index once the first rows are there */
  awb_client_index_load_async (awb_database_get_path (self->database), self->today,
                               g_task_get_cancellable (G_TASK (result)), on_index_loaded_cb,
                               g_object_ref (self));
}

static void
on_index_loaded_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AwbClientsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  AwbClientIndex *index = awb_client_index_load_finish (result, &error);

  if (index == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }
  if (self->column_view == NULL)   /* disposed meanwhile */
    {
      awb_client_index_unref (index);
      return;
    }

  g_clear_pointer (&self->index, awb_client_index_unref);
  self->index = index;
  self->n_book = awb_client_index_get_n_clients (index);
  self->counted = TRUE;
  awb_client_filter_popover_set_managers (self->filter_popover, index);
  if (awb_client_index_get_run (index) != self->run_id)
    {
      self->run_id = awb_client_index_get_run (index);
      if (!awb_client_list_model_set_run (self->model, self->run_id, self->today, &error))
        show_error (self, error);
    }
  g_signal_emit (self, signals[INDEX_LOADED], 0);
  /* the first ids are this answer already, unless more was asked */
  if (!self->shown || !query_is_first (self) || self->query_pending)
    run_query (self);
  else
    update_status (self);
}

/* ---- Notes (3): the order ----------------------------------------------- */

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  ColumnInfo *info = user_data;

  info->page->probed = (gint) info->column;
  return GTK_ORDERING_SMALLER;
}

static void
on_sorter_changed_cb (AwbClientsPage *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  GtkOrdering order;
  AwbClientSort sort = AWB_CLIENT_SORT_NAME;
  gboolean descending = FALSE;

  self->probed = -1;
  order = gtk_sorter_compare (sorter, self->probe_a, self->probe_b);
  if (self->probed >= 0 && columns[self->probed].sort < AWB_N_CLIENT_SORTS)
    {
      sort = columns[self->probed].sort;
      descending = order == GTK_ORDERING_LARGER;
    }
  if (sort == self->sort && descending == self->descending)
    return;
  self->sort = sort;
  self->descending = descending;
  run_query (self);
}

/* ---- template callbacks -------------------------------------------------- */

static void
on_search_changed_cb (AwbClientsPage *self)
{
  /* the entry says so also when nothing changed (at its start) */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                 self->asked_text) == 0)
    return;
  run_query (self);
}

static void
on_filters_changed_cb (AwbClientsPage *self)
{
  guint n = awb_client_filter_popover_get_n_active (self->filter_popover);

  if (n > 0)
    {
      g_autofree char *tip = g_strdup_printf (ngettext ("Filter the Clients (%u filter on)",
                                                        "Filter the Clients (%u filters on)", n),
                                              n);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_button), tip);
      gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "suggested-action");
    }
  else
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_button), _("Filter the Clients"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "suggested-action");
    }
  run_query (self);
}

static void
on_mine_toggled_cb (AwbClientsPage *self)
{
  awb_client_filter_popover_set_manager_locked (self->filter_popover,
                                                gtk_toggle_button_get_active (self->mine_button));
  run_query (self);
}

static void
clear_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AwbClientsPage *self = AWB_CLIENTS_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  awb_client_filter_popover_clear (self->filter_popover);
  run_query (self);
}

static void
set_only_ids (AwbClientsPage *self,
              GArray         *ids,
              const char     *description)
{
  g_clear_pointer (&self->only_ids, g_array_unref);
  if (ids != NULL)
    self->only_ids = g_array_ref (ids);
  gtk_label_set_label (self->selection_label, description != NULL ? description : "");
  gtk_widget_set_visible (self->selection_bar, ids != NULL);
}

static void
show_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AwbClientsPage *self = AWB_CLIENTS_PAGE (widget);

  set_only_ids (self, NULL, NULL);
  run_query (self);
}

/* Notes (5) */
static gboolean
on_list_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        AwbClientsPage        *self)
{
  GtkDirectionType direction;
  GtkRoot *root;
  gboolean moved;

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    direction = (state & GDK_SHIFT_MASK) ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;
  else if (keyval == GDK_KEY_ISO_Left_Tab)
    direction = GTK_DIR_TAB_BACKWARD;
  else
    return GDK_EVENT_PROPAGATE;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (root == NULL)
    return GDK_EVENT_PROPAGATE;
  gtk_widget_set_can_focus (GTK_WIDGET (self->column_view), FALSE);
  moved = gtk_widget_child_focus (GTK_WIDGET (root), direction);
  gtk_widget_set_can_focus (GTK_WIDGET (self->column_view), TRUE);
  if (!moved)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return GDK_EVENT_STOP;
}

static void
on_list_mapped_cb (AwbClientsPage *self)
{
  /* the titles exist once the view is shown (GTK 4.8: drop at 4.12) */
  awb_list_a11y_label_headers (self->column_view);
}

/* ---- the cells ------------------------------------------------------------- */

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  ColumnInfo               *info)
{
  gtk_list_item_set_child (item, awb_client_cell_new (columns[info->column].field, info->title));
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 ColumnInfo               *info)
{
  awb_client_cell_set_row (AWB_CLIENT_CELL (gtk_list_item_get_child (item)),
                           gtk_list_item_get_item (item));
}

static void
on_cell_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   ColumnInfo               *info)
{
  awb_client_cell_set_row (AWB_CLIENT_CELL (gtk_list_item_get_child (item)), NULL);
}

/* Double click or Enter on a row: the window opens the client. */
static void
on_row_activated_cb (AwbClientsPage *self,
                     guint           position)
{
  g_autoptr(AwbClientRow) row = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  gint64 id = row != NULL ? awb_client_row_get_id (row) : 0;

  if (id > 0)
    g_signal_emit (self, signals[CLIENT_ACTIVATED], 0, id);
}

/* Enter in the search opens the selected client, else the first shown:
 * Ctrl+F, a few characters, Enter. */
static void
on_search_activate_cb (AwbClientsPage *self)
{
  gint64 id = awb_clients_page_get_selected_id (self);

  if (id == 0 && g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    {
      on_row_activated_cb (self, 0);
      return;
    }
  if (id > 0)
    g_signal_emit (self, signals[CLIENT_ACTIVATED], 0, id);
}

/* ---- GObject --------------------------------------------------------------- */

static void
awb_clients_page_constructed (GObject *object)
{
  AwbClientsPage *self = (AwbClientsPage *)object;
  g_autoptr(GtkSingleSelection) selection = NULL;
  GListModel *view_columns = gtk_column_view_get_columns (self->column_view);
  GtkEventController *keys;

  G_OBJECT_CLASS (awb_clients_page_parent_class)->constructed (object);

  self->model = awb_client_list_model_new (self->database);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  g_assert (g_list_model_get_n_items (view_columns) == N_COLUMNS);
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (view_columns, c);
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      self->column_info[c].page = self;
      self->column_info[c].column = c;
      self->column_info[c].title = gtk_column_view_column_get_title (column);
      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), &self->column_info[c]);
      g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), &self->column_info[c]);
      g_signal_connect (factory, "unbind", G_CALLBACK (on_cell_unbind_cb),
                        &self->column_info[c]);
      gtk_column_view_column_set_factory (column, factory);
      if (columns[c].sort < AWB_N_CLIENT_SORTS)
        {
          g_autoptr(GtkCustomSorter) sorter =
            gtk_custom_sorter_new (probe_compare, &self->column_info[c], NULL);

          gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
        }
    }
  self->probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_b = g_object_new (G_TYPE_OBJECT, NULL);
  {
    g_autoptr(GtkColumnViewColumn) name_column = g_list_model_get_item (view_columns, 0);

    gtk_column_view_sort_by_column (self->column_view, name_column, GTK_SORT_ASCENDING);
  }
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->column_view, "map", G_CALLBACK (on_list_mapped_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (on_row_activated_cb),
                           self, G_CONNECT_SWAPPED);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_list_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), keys);
  /* typing anywhere in the page searches */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  update_status (self);
}

static void
awb_clients_page_dispose (GObject *object)
{
  AwbClientsPage *self = (AwbClientsPage *)object;

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  /* No gtk_widget_dispose_template() here: the template's only direct
   * child is AdwBin's child, which AdwBin's dispose unparents (doing both
   * unparents it twice). */
  self->column_view = NULL;
  g_clear_object (&self->model);
  g_clear_pointer (&self->index, awb_client_index_unref);
  g_clear_pointer (&self->only_ids, g_array_unref);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);
  g_clear_object (&self->settings);
  g_clear_object (&self->database);
  g_clear_pointer (&self->asked_text, g_free);
  g_clear_pointer (&self->hidden, g_hash_table_unref);

  G_OBJECT_CLASS (awb_clients_page_parent_class)->dispose (object);
}

static void
awb_clients_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AwbClientsPage *self = AWB_CLIENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_N_SHOWN:
      g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (self->model)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_clients_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AwbClientsPage *self = AWB_CLIENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
awb_clients_page_class_init (AwbClientsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = awb_clients_page_constructed;
  object_class->dispose = awb_clients_page_dispose;
  object_class->get_property = awb_clients_page_get_property;
  object_class->set_property = awb_clients_page_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, AWB_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* how many clients the list shows */
  properties[PROP_N_SHOWN] =
    g_param_spec_uint ("n-shown", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AwbClientsPage::client-activated:
   * @id: the client's clients.id
   *
   * A row was double-clicked or Enter pressed on it.
   */
  signals[CLIENT_ACTIVATED] =
    g_signal_new ("client-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * AwbClientsPage::index-loaded:
   *
   * The client index was (re)loaded: awb_clients_page_get_index() answers.
   */
  signals[INDEX_LOADED] =
    g_signal_new ("index-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/awb-clients-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AwbClientsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AwbClientsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AwbClientsPage, mine_button);
  gtk_widget_class_bind_template_child (widget_class, AwbClientsPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, AwbClientsPage, filter_popover);
  gtk_widget_class_bind_template_child (widget_class, AwbClientsPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, AwbClientsPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, AwbClientsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, AwbClientsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, AwbClientsPage, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, AwbClientsPage, selection_bar);
  gtk_widget_class_bind_template_child (widget_class, AwbClientsPage, selection_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_mine_toggled_cb);

  gtk_widget_class_install_action (widget_class, "clients.show-all", NULL, show_all_action);
  gtk_widget_class_install_action (widget_class, "clients.clear-search", NULL,
                                   clear_search_action);

  /* the types the template uses */
  g_type_ensure (AWB_TYPE_CLIENT_FILTER_POPOVER);
}

static void
awb_clients_page_init (AwbClientsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->probed = -1;
  self->sort = AWB_CLIENT_SORT_NAME;
  self->asked_text = g_strdup ("");
  self->hidden = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

/**
 * awb_clients_page_new:
 * @settings: (nullable): the application's settings ("my-manager")
 */
AwbClientsPage *
awb_clients_page_new (AwbDatabase *database,
                      GSettings   *settings)
{
  g_return_val_if_fail (AWB_IS_DATABASE (database), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (AWB_TYPE_CLIENTS_PAGE, "database", database, "settings", settings, NULL);
}

/**
 * awb_clients_page_reload:
 *
 * Reads the list again, in threads (Notes (1)): what it shows stays until
 * the new answers come; a failure shows as a toast.
 */
void
awb_clients_page_reload (AwbClientsPage *self)
{
  g_autoptr(GTask) first = NULL;
  g_autofree char *my_manager = NULL;
  FirstJob *job;

  g_return_if_fail (AWB_IS_CLIENTS_PAGE (self));

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();
  self->shown = FALSE;
  self->query_running = FALSE;
  self->today = awb_date_today ();

  if (self->settings != NULL)
    my_manager = g_settings_get_string (self->settings, "my-manager");

  job = g_new0 (FirstJob, 1);
  job->path = g_strdup (awb_database_get_path (self->database));
  job->my_manager = g_steal_pointer (&my_manager);
  job->today = self->today;
  first = g_task_new (self, self->loading, on_first_done_cb, NULL);
  g_task_set_source_tag (first, awb_clients_page_reload);
  g_task_set_task_data (first, job, (GDestroyNotify) first_job_free);
  g_task_run_in_thread (first, first_in_thread);
  update_status (self);
}

/**
 * awb_clients_page_focus_search:
 *
 * Puts the focus in the search entry, its text selected.
 */
void
awb_clients_page_focus_search (AwbClientsPage *self)
{
  g_return_if_fail (AWB_IS_CLIENTS_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/**
 * awb_clients_page_dup_ids:
 *
 * Returns: (transfer full) (element-type gint64): the clients the list
 * shows, in its order.
 */
GArray *
awb_clients_page_dup_ids (AwbClientsPage *self)
{
  g_return_val_if_fail (AWB_IS_CLIENTS_PAGE (self), NULL);

  return awb_client_list_model_dup_ids (self->model);
}

guint
awb_clients_page_get_n_shown (AwbClientsPage *self)
{
  g_return_val_if_fail (AWB_IS_CLIENTS_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->model));
}

/**
 * awb_clients_page_get_selected_id:
 *
 * Returns: the clients.id of the selected row, or 0 when none is.
 */
gint64
awb_clients_page_get_selected_id (AwbClientsPage *self)
{
  GtkSelectionModel *selection;
  guint position;
  g_autoptr(AwbClientRow) row = NULL;

  g_return_val_if_fail (AWB_IS_CLIENTS_PAGE (self), 0);

  selection = gtk_column_view_get_model (self->column_view);
  position = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection));
  if (position == GTK_INVALID_LIST_POSITION)
    return 0;
  row = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  return row != NULL ? awb_client_row_get_id (row) : 0;
}

/**
 * awb_clients_page_get_index:
 *
 * Returns: (transfer none) (nullable): the client index of the book, or
 * %NULL until it has loaded (AwbClientsPage::index-loaded says when).
 */
AwbClientIndex *
awb_clients_page_get_index (AwbClientsPage *self)
{
  g_return_val_if_fail (AWB_IS_CLIENTS_PAGE (self), NULL);

  return self->index;
}

/**
 * awb_clients_page_set_client_hidden:
 * @id: clients.id
 * @hidden: whether the list leaves the client out
 *
 * Leaves a client out of the list while its deletion can still be undone,
 * and lists it again when it is.
 */
void
awb_clients_page_set_client_hidden (AwbClientsPage *self,
                                    gint64          id,
                                    gboolean        hidden)
{
  g_return_if_fail (AWB_IS_CLIENTS_PAGE (self));

  if (hidden)
    {
      g_autoptr(GArray) ids = NULL;

      g_hash_table_add (self->hidden, g_memdup2 (&id, sizeof id));
      ids = awb_client_list_model_dup_ids (self->model);
      show_ids (self, ids);
    }
  else if (g_hash_table_remove (self->hidden, &id))
    run_query (self);
}

/**
 * awb_clients_page_show_only:
 * @ids: (element-type gint64): clients.id, ascending
 * @description: what they are ("Clients per tier: VIP (run of …)")
 *
 * Shows exactly @ids (a chart's clients), with @description above the
 * list and a button back to every client.  The search, the filters and
 * the "mine" scope are cleared, so the list's count is the chart's.
 */
void
awb_clients_page_show_only (AwbClientsPage *self,
                            GArray         *ids,
                            const char     *description)
{
  g_autofree char *text = NULL;
  g_autofree char *count = NULL;

  g_return_if_fail (AWB_IS_CLIENTS_PAGE (self));
  g_return_if_fail (ids != NULL);

  count = awb_gui_format_count (ids->len);
  /* Translators: above the client list after a click on a chart; %1$s is
   * what was clicked, %2$s the number of clients */
  text = g_strdup_printf (ngettext ("%1$s — %2$s client", "%1$s — %2$s clients", ids->len),
                          description, count);
  set_only_ids (self, ids, text);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  awb_client_filter_popover_clear (self->filter_popover);
  gtk_toggle_button_set_active (self->mine_button, FALSE);
  run_query (self);
}
