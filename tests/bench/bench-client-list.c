/* bench-client-list.c: how fast the client list finds, filters and sorts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: bench-client-list [--size small|medium|large] [--book PATH] [--dir DIR]
 *                          [--targets N] [--seed N]
 *
 * On a book of the size asked (small 10,000 clients / 300,000 trades,
 * medium 100,000 / 3,000,000, large 1,000,000 / 20,000,000, the default),
 * generated once by the demo generator and scored once (kept in DIR,
 * default $AWB_BENCH_DIR or /var/tmp/awb-bench), or on --book, it measures
 * what the client list does, without a display:
 *
 *   first rows   opening the book, the first ids of the list in name order
 *                (what the window shows before the index is there) and the
 *                40 rows a window shows, read as the model reads them;
 *   index        loading the client index (every client's search texts and
 *                labels: what search, filters and sorts need);
 *   keystrokes   typing, a character at a time, into the search: for each of
 *                N clients drawn at random (--targets, default 25), a part
 *                of the name (its given name, one character, then two), the
 *                pinyin initials (w, wj, wjh), the client ID (3, 31, 310,
 *                ... all ten digits) and the last four phone digits; each
 *                keystroke is the query on the index (narrowing from the
 *                previous one, as the window's does) plus the model taking
 *                the answer, with 200 rows held the way a view holds them
 *                (their text is rewritten, as in the window); median and
 *                95th percentile per kind;
 *   filters      a tier, a manager, overdue, and the three together;
 *   sorts        every sortable column, ascending then descending (the first
 *                time an order is asked for, the index computes it).
 *
 * Then the peak memory of the process (VmHWM).  The window itself adds
 * GTK's drawing of the rows to a keystroke: the GUI test prints what it
 * measured there.
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "awb-client-index.h"
#include "awb-client-list-model.h"
#include "awb-client-row.h"
#include "awb-date.h"
#include "awb-demo.h"
#include "awb-name-keys.h"
#include "awb-scoring.h"

typedef struct
{
  const char *name;
  guint       n_clients;
  guint64     n_trades;
} Size;

static const Size sizes[] = {
  { "small", 10000, 300000 },
  { "medium", 100000, 3000000 },
  { "large", 1000000, 20000000 },
};

#define HELD_ROWS 200     /* rows a view holds */
#define SHOWN_ROWS 40     /* rows a window shows */

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The q-quantile of @values (sorted here), nearest rank. */
static double
quantile (GArray *values,
          double  q)
{
  guint rank;

  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  rank = (guint) MAX (1.0, (double) values->len * q + 0.999999);
  return g_array_index (values, double, MIN (rank, values->len) - 1);
}

static long
peak_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

static gboolean
ensure_book (const char  *path,
             const Size  *size,
             GError     **error)
{
  g_autofree char *tmp = g_strconcat (path, ".part", NULL);
  g_autoptr(AwbDatabase) db = NULL;
  AwbDemoOptions options;
  AwbScoreOptions score;
  double t0 = now_ms ();

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  g_print ("generating %s (%u clients, %" G_GUINT64_FORMAT " trades) and scoring it once...\n",
           path, size->n_clients, size->n_trades);
  g_unlink (tmp);
  db = awb_database_open (tmp, error);
  if (db == NULL)
    return FALSE;
  awb_demo_options_init (&options);
  options.n_clients = size->n_clients;
  options.n_trades = size->n_trades;
  options.seed = 1;
  awb_score_options_init (&score, awb_date_today ());
  if (!awb_demo_generate (db, &options, NULL, NULL, NULL, error) ||
      !awb_scoring_score_book (db, &score, NULL, NULL, NULL, NULL, error))
    return FALSE;
  g_clear_object (&db);   /* the last connection checkpoints */
  if (g_rename (tmp, path) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "rename %s: %s", tmp,
                   g_strerror (errno));
      return FALSE;
    }
  g_print ("  done in %.0f s\n", (now_ms () - t0) / 1000.0);
  return TRUE;
}

/* One client drawn at random, with what a person would type to find it. */
typedef struct
{
  char *name;        /* 王建华 */
  char *initials;    /* wjh */
  char *client_no;
  char *phone_end;   /* the last four digits */
} Target;

static void
target_clear (Target *t)
{
  g_free (t->name);
  g_free (t->initials);
  g_free (t->client_no);
  g_free (t->phone_end);
}

static GArray *
draw_targets (AwbDatabase *db,
              guint        n,
              guint32      seed)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(AwbNameKeys) keys = awb_name_keys_new (NULL);
  GArray *targets = g_array_new (FALSE, TRUE, sizeof (Target));
  gint64 max_id = 0;

  stmt = awb_database_prepare (db, "SELECT max(id) FROM clients", NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    max_id = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = awb_database_prepare (db, "SELECT name, client_no, phone FROM clients WHERE id = ?1",
                               NULL);
  while (targets->len < n && max_id > 0)
    {
      Target t = { 0 };
      g_autoptr(GString) pinyin = g_string_new (NULL);
      g_auto(GStrv) syllables = NULL;
      GString *initials = g_string_new (NULL);
      const char *phone;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_rand_int_range (rand, 1, (gint32) MIN (max_id, G_MAXINT32)));
      if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 2) == SQLITE_NULL)
        continue;
      t.name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      t.client_no = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      phone = (const char *) sqlite3_column_text (stmt, 2);
      t.phone_end = g_strdup (phone + MAX (0, (int) strlen (phone) - 4));
      awb_name_keys_pinyin (keys, t.name, pinyin);
      syllables = g_strsplit (pinyin->str, " ", -1);
      for (guint i = 0; syllables[i] != NULL; i++)
        if (syllables[i][0] != '\0')
          g_string_append_c (initials, syllables[i][0]);
      t.initials = g_string_free (initials, FALSE);
      g_array_append_val (targets, t);
    }
  return targets;
}

/* The keystrokes of @text: its prefixes, a character at a time. */
static GPtrArray *
keystrokes (const char *text)
{
  GPtrArray *prefixes = g_ptr_array_new_with_free_func (g_free);

  for (const char *p = g_utf8_next_char (text); ; p = g_utf8_next_char (p))
    {
      g_ptr_array_add (prefixes, g_strndup (text, p - text));
      if (*p == '\0')
        break;
    }
  return prefixes;
}

/* One answer taken the way the window takes it: the query, then the model
 * with its held rows rewritten; returns milliseconds. */
static double
answer (AwbClientIndex     *index,
        AwbClientListModel *model,
        const AwbClientQuery *query,
        guint              *n_out)
{
  double t0 = now_ms ();
  g_autoptr(GArray) ids = awb_client_index_query (index, query);

  awb_client_list_model_set_ids (model, ids);
  for (guint i = 0; i < MIN (ids->len, SHOWN_ROWS); i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
  if (n_out != NULL)
    *n_out = ids->len;
  return now_ms () - t0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *size_name = NULL;
  g_autofree char *book = NULL;
  g_autofree char *dir = NULL;
  int n_targets = 25;
  int seed = 7;
  GOptionEntry entries[] = {
    { "size", 0, 0, G_OPTION_ARG_STRING, &size_name, "small, medium or large (default)", "SIZE" },
    { "book", 0, 0, G_OPTION_ARG_FILENAME, &book, "a book of your own (scored)", "PATH" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "where generated books are kept", "DIR" },
    { "targets", 0, 0, G_OPTION_ARG_INT, &n_targets, "clients searched for per kind", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "of the clients drawn", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AwbDatabase) db = NULL;
  g_autoptr(AwbClientIndex) index = NULL;
  g_autoptr(AwbClientListModel) model = NULL;
  g_autoptr(GArray) targets = NULL;
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  const Size *size = &sizes[2];
  AwbDate today = awb_date_today ();
  AwbClientQuery q;
  double t0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  for (guint i = 0; size_name != NULL && i < G_N_ELEMENTS (sizes); i++)
    if (g_str_equal (size_name, sizes[i].name))
      size = &sizes[i];
  if (book == NULL)
    {
      if (dir == NULL)
        dir = g_strdup (g_getenv ("AWB_BENCH_DIR") ? g_getenv ("AWB_BENCH_DIR")
                                                    : "/var/tmp/awb-bench");
      g_mkdir_with_parents (dir, 0700);
      book = g_strdup_printf ("%s/client-list-%s.sqlite", dir, size->name);
      if (!ensure_book (book, size, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }

  /* first rows: what the window shows before the index is loaded */
  {
    g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

    for (int round = 0; round < 5; round++)
      {
        g_autoptr(AwbDatabase) first_db = NULL;
        g_autoptr(GArray) ids = NULL;
        g_autoptr(AwbClientListModel) first = NULL;
        double t;
        gint64 run;

        t0 = now_ms ();
        first_db = awb_database_open (book, &error);
        g_assert_no_error (error);
        run = awb_scoring_get_latest_run (first_db, NULL);
        ids = awb_client_index_first_ids (first_db, 0, &error);
        g_assert_no_error (error);
        first = awb_client_list_model_new (first_db);
        g_assert_true (awb_client_list_model_set_run (first, run, today, NULL));
        awb_client_list_model_set_ids (first, ids);
        for (guint i = 0; i < MIN (ids->len, SHOWN_ROWS); i++)
          g_object_unref (g_list_model_get_item (G_LIST_MODEL (first), i));
        t = now_ms () - t0;
        g_array_append_val (times, t);
      }
    g_print ("book %s\n\n", book);
    g_print ("first rows (open, first ids, %d rows): median %.0f ms, max %.0f ms (5 runs)\n",
             SHOWN_ROWS, quantile (times, 0.5), quantile (times, 1.0));
  }

  db = awb_database_open (book, &error);
  g_assert_no_error (error);
  t0 = now_ms ();
  index = awb_client_index_load (db, today, NULL, &error);
  g_assert_no_error (error);
  g_print ("index of %u clients loaded in %.0f ms\n", awb_client_index_get_n_clients (index),
           now_ms () - t0);

  model = awb_client_list_model_new (db);
  g_assert_true (awb_client_list_model_set_run (model, awb_client_index_get_run (index), today,
                                                NULL));
  awb_client_query_init (&q);
  answer (index, model, &q, NULL);
  for (guint i = 0; i < MIN (HELD_ROWS, g_list_model_get_n_items (G_LIST_MODEL (model))); i++)
    g_ptr_array_add (held, g_list_model_get_item (G_LIST_MODEL (model), i));

  /* keystrokes */
  targets = draw_targets (db, (guint) n_targets, (guint32) seed);
  g_print ("\nkeystrokes (%u clients searched for; query + model, %d rows held):\n",
           targets->len, HELD_ROWS);
  g_print ("  %-26s %6s %9s %9s %9s\n", "", "keys", "median", "p95", "max");
  for (int kind = 0; kind < 4; kind++)
    {
      static const char *const kinds[] = {
        "part of the name", "pinyin initials", "client ID", "phone ending",
      };
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      guint found = 0;

      for (guint t = 0; t < targets->len; t++)
        {
          Target *target = &g_array_index (targets, Target, t);
          g_autofree char *given = g_strdup (g_utf8_next_char (target->name));
          const char *text = kind == 0 ? given : kind == 1 ? target->initials
                           : kind == 2 ? target->client_no : target->phone_end;
          g_autoptr(GPtrArray) keys = keystrokes (text);
          guint n = 0;

          /* from an empty search, as after the search is cleared */
          awb_client_query_init (&q);
          answer (index, model, &q, NULL);
          for (guint k = 0; k < keys->len; k++)
            {
              double ms;

              q.text = keys->pdata[k];
              ms = answer (index, model, &q, &n);
              g_array_append_val (times, ms);
            }
          found += n > 0;
        }
      g_print ("  %-26s %6u %6.1f ms %6.1f ms %6.1f ms   (%u of %u found)\n", kinds[kind],
               times->len, quantile (times, 0.5), quantile (times, 0.95), quantile (times, 1.0),
               found, targets->len);
    }

  /* filters and sorts */
  {
    gint64 manager_id = 0;
    guint n = 0;
    double ms;

    awb_client_index_get_manager (index, 0, &manager_id);
    g_print ("\nfilter and sort changes (query + model):\n");
    awb_client_query_init (&q);
    q.labels[AWB_CLIENT_FILTER_TIER] = 1u << 0;
    ms = answer (index, model, &q, &n);
    g_print ("  %-36s %7.1f ms  %8u clients\n", "tier VIP", ms, n);
    awb_client_query_init (&q);
    q.manager_id = manager_id;
    ms = answer (index, model, &q, &n);
    g_print ("  %-36s %7.1f ms  %8u clients\n", "manager", ms, n);
    awb_client_query_init (&q);
    q.overdue = TRUE;
    ms = answer (index, model, &q, &n);
    g_print ("  %-36s %7.1f ms  %8u clients\n", "overdue", ms, n);
    q.manager_id = manager_id;
    q.labels[AWB_CLIENT_FILTER_TIER] = 1u << 1;
    ms = answer (index, model, &q, &n);
    g_print ("  %-36s %7.1f ms  %8u clients\n", "manager, Key tier and overdue", ms, n);

    for (int sort = 0; sort < AWB_N_CLIENT_SORTS; sort++)
      {
        static const char *const names[AWB_N_CLIENT_SORTS] = {
          "name", "client ID", "manager", "tier", "segment", "loyalty type", "risk level",
          "AUM", "last contact", "next due", "next best action", "phone", "ID number",
        };
        double first_ms, again_ms;

        awb_client_query_init (&q);
        q.sort = (AwbClientSort) sort;
        q.descending = TRUE;
        first_ms = answer (index, model, &q, &n);
        again_ms = answer (index, model, &q, &n);
        q.descending = FALSE;
        g_print ("  sort by %-28s %7.1f ms first, %5.1f ms again (descending); %5.1f ms ascending\n",
                 names[sort], first_ms, again_ms, answer (index, model, &q, &n));
      }
  }

  g_print ("\npeak memory of this process: %.0f MB\n", peak_kb () / 1024.0);
  g_array_set_clear_func (targets, (GDestroyNotify) target_clear);
  return 0;
}
