/* bench-import.c: import throughput for a branch-sized book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes a clients CSV (50,000 clients) and a trades CSV (1,000,000 trades,
 * ~80 MB) into a temporary folder, imports both into a fresh book and prints
 * seconds and rows per second for each.  --gb18030 writes the trades file in
 * GB18030 (Chinese side labels) to time the conversion path too.
 *
 *   meson compile -C build && ./build/tests/bench/bench-import
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "awb-import.h"
#include "awb-money.h"

static int n_clients = 50000;
static int n_trades = 1000000;
static gboolean gb18030 = FALSE;
static gboolean keep = FALSE;

static const GOptionEntry entries[] = {
  { "clients", 0, 0, G_OPTION_ARG_INT, &n_clients, "Number of clients (50000)", "N" },
  { "trades", 0, 0, G_OPTION_ARG_INT, &n_trades, "Number of trades (1000000)", "N" },
  { "gb18030", 0, 0, G_OPTION_ARG_NONE, &gb18030, "Write the trades file in GB18030", NULL },
  { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the temporary folder", NULL },
  { NULL }
};

static void
write_file (const char *path,
            GString    *text,
            gboolean    to_gb18030)
{
  g_autoptr(GError) error = NULL;

  if (to_gb18030)
    {
      gsize len = 0;
      g_autofree char *gb = g_convert (text->str, (gssize) text->len, "GB18030", "UTF-8", NULL,
                                       &len, &error);
      g_assert_no_error (error);
      g_file_set_contents (path, gb, (gssize) len, &error);
    }
  else
    g_file_set_contents (path, text->str, (gssize) text->len, &error);
  g_assert_no_error (error);
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (double) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         (double) (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* Wall-clock seconds; *cpu gets the process's CPU seconds (user + system),
 * which the other jobs of a shared machine do not inflate. */
static double
timed_import (AwbDatabase  *db,
              AwbTableKind  kind,
              const char   *path,
              guint64      *n_rows,
              double       *cpu)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double cpu_start = cpu_seconds ();

  if (!awb_import_file (db, kind, path, NULL, NULL, NULL, n_rows, NULL, &error))
    g_error ("%s", error->message);
  *cpu = cpu_seconds () - cpu_start;
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *clients_path = NULL, *trades_path = NULL, *book_path = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(AwbDatabase) db = NULL;
  GRand *rand = g_rand_new_with_seed (20240101);
  guint64 n_rows = 0;
  double seconds, cpu;
  GStatBuf st;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  dir = g_dir_make_tmp ("awb-bench-import-XXXXXX", &error);
  g_assert_no_error (error);
  clients_path = g_build_filename (dir, "clients.csv", NULL);
  trades_path = g_build_filename (dir, "trades.csv", NULL);
  book_path = g_build_filename (dir, "book.sqlite", NULL);

  text = g_string_sized_new ((gsize) n_clients * 80);
  g_string_append (text, "client_id,name,gender,birth_date,city,aum,opened_on,manager,need_type\n");
  for (int i = 0; i < n_clients; i++)
    {
      g_autofree char *aum = awb_money_format_grouped ((AwbFen) g_rand_int_range (rand, 0, G_MAXINT32) * 10);

      g_string_append_printf (text, "C%07d,客户%d,%s,19%02d-%02d-%02d,上海,\"%s\","
                              "20%02d-%02d-01,经理%d,%s\n",
                              i, i, i % 2 ? "M" : "F", 40 + i % 60, 1 + i % 12, 1 + i % 28, aum,
                              10 + i % 14, 1 + i % 12, i % 40, i % 3 ? "basic" : "professional");
    }
  write_file (clients_path, text, FALSE);

  g_string_truncate (text, 0);
  g_string_append (text, "trade_id,client_id,trade_date,side,amount,commission,product_code,"
                         "product_risk,override_signed\n");
  for (int i = 0; i < n_trades; i++)
    {
      AwbFen amount = g_rand_int_range (rand, 10000, 200000000);
      g_autofree char *grouped = awb_money_format_grouped (amount);
      g_autofree char *commission = awb_money_format (amount / 4000);

      /* amounts of 1,000 yuan or more are quoted: "12,345.67" */
      g_string_append_printf (text, "T%09d,C%07d,20%02d-%02d-%02d,%s,%s%s%s,%s,%06d,R%d,%d\n",
                              i, g_rand_int_range (rand, 0, n_clients),
                              23 + g_rand_int_range (rand, 0, 2), 1 + g_rand_int_range (rand, 0, 12),
                              1 + g_rand_int_range (rand, 0, 28),
                              gb18030 ? (i % 2 ? "买入" : "卖出") : (i % 2 ? "buy" : "sell"),
                              amount >= 100000 ? "\"" : "", grouped, amount >= 100000 ? "\"" : "",
                              commission, g_rand_int_range (rand, 0, 999999), 1 + i % 5, i % 50 == 0);
    }
  write_file (trades_path, text, gb18030);
  g_string_free (g_steal_pointer (&text), TRUE);
  g_rand_free (rand);

  db = awb_database_open (book_path, &error);
  g_assert_no_error (error);

  seconds = timed_import (db, AWB_TABLE_CLIENTS, clients_path, &n_rows, &cpu);
  printf ("clients: %" G_GUINT64_FORMAT " rows in %.2f s: %.0f rows/s "
          "(CPU %.2f s: %.0f rows per CPU second)\n",
          n_rows, seconds, (double) n_rows / seconds, cpu, (double) n_rows / cpu);

  g_stat (trades_path, &st);
  seconds = timed_import (db, AWB_TABLE_TRADES, trades_path, &n_rows, &cpu);
  printf ("trades (%s, %.1f MB): %" G_GUINT64_FORMAT " rows in %.2f s: %.0f rows/s "
          "(CPU %.2f s: %.0f rows per CPU second)\n",
          gb18030 ? "GB18030" : "UTF-8", (double) st.st_size / 1e6, n_rows, seconds,
          (double) n_rows / seconds, cpu, (double) n_rows / cpu);

  g_clear_object (&db);
  if (keep)
    printf ("kept %s\n", dir);
  else
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
      g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
    }
  return 0;
}
