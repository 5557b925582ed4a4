/* test-export.c: CSV export: exact output, encodings, atomic replace, and the
 * round trip import → export → import → export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "awb-export.h"
#include "io-test-utils.h"

static void
base_setup (BookFixture   *f,
            gconstpointer  data)
{
  book_fixture_setup (f, data);
  import_ok (f->db, AWB_TABLE_CLIENTS, "clients.csv");
  import_ok (f->db, AWB_TABLE_TRADES, "trades.csv");
  import_ok (f->db, AWB_TABLE_INTERACTIONS, "interactions.csv");
}

static char *
export_to_string (BookFixture       *f,
                  AwbTableKind       kind,
                  AwbExportEncoding  encoding,
                  AwbExportFlags     flags,
                  const char        *name,
                  guint64            expected_rows,
                  gsize             *len)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  guint64 n_rows = 0;

  g_assert_true (awb_export_file (f->db, kind, path, encoding, flags, NULL, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, expected_rows);
  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_trades_exact (BookFixture   *f,
                   gconstpointer  data)
{
  g_autofree char *csv = export_to_string (f, AWB_TABLE_TRADES, AWB_EXPORT_UTF8_BOM, 0, "t.csv", 4,
                                           NULL);

  /* BOM, English header, codes, two decimals, R levels, empty for unknown, LF */
  g_assert_cmpstr (csv, ==,
                   "\xef\xbb\xbf"
                   "trade_id,client_id,trade_date,side,amount,commission,product_code,product_risk,"
                   "override_signed\n"
                   "T0001,C001,2024-01-05,buy,1234.50,3.70,600519,R3,0\n"
                   "T0002,C001,2024-02-29,sell,1000.00,2.50,510300,R2,0\n"
                   "T0003,C002,2023-12-31,buy,99.99,0.10,,,1\n"
                   "T0004,C003,2024-03-01,,500.00,1.00,000001,R5,0\n");
}

static void
test_interactions_exact (BookFixture   *f,
                         gconstpointer  data)
{
  g_autofree char *csv = export_to_string (f, AWB_TABLE_INTERACTIONS, AWB_EXPORT_UTF8, 0, "i.csv",
                                           3, NULL);

  g_assert_cmpstr (csv, ==,
                   "client_id,date,kind,satisfaction,notes,follow_up_on,done\n"
                   "C001,2024-02-01,survey,4,\"Happy, asked about ETFs\",2024-03-01,0\n"
                   "C002,2024-02-02,call,,,,1\n"
                   "C001,2024-02-03,visit,,  spaces kept ,,0\n");
}

static void
test_clients_exact (BookFixture   *f,
                    gconstpointer  data)
{
  g_autofree char *csv = export_to_string (f, AWB_TABLE_CLIENTS, AWB_EXPORT_UTF8,
                                           AWB_EXPORT_FULL_NUMBERS, "c.csv", 3, NULL);
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);

  g_assert_cmpstr (lines[0], ==,
                   "client_id,name,gender,birth_date,phone,email,id_number,city,region,occupation,"
                   "education,marital_status,children,youngest_child_age,employment,income_band,"
                   "aum,share_of_wallet,opened_on,manager,channel,need_type,q_job,q_burden,"
                   "q_housing,q_experience,q_knowledge,loss_tolerance_pct,q_priority,q_stoploss,"
                   "q_if_loss,q_watching,q_results,assessed_on,lowest_category,loyalty_driver,"
                   "referrals,competitor_account,cadence_days,notes");
  /* the notes hold a comma, quotes and a line end: quoted, quotes doubled */
  g_assert_cmpstr (lines[1], ==,
                   "C001,张三,M,1980-05-17,13800000001,zhang@example.com,110101198005170011,北京,"
                   "urban,engineer,master,married,1,8,working,upper_middle,1234567.89,35.5,"
                   "2015-03-02,王经理,online,professional,1,2,3,2,4,20,2,3,1,4,5,2024-01-15,0,"
                   "trust,2,0,30,\"Met at branch, likes \"\"blue chips\"\"");
  g_assert_cmpstr (lines[2], ==, "second line\"");
  /* Chinese labels were stored as codes */
  g_assert_cmpstr (lines[3], ==,
                   "C002,李四,F,1990-12-31,,,,上海,urban,,,single,0,,working,low,0.00,,2020-07-01,"
                   "王经理,branch,basic,,,,,,,,,,,,,0,price,,,,");
  g_assert_cmpstr (lines[4], ==, "C003,Wang Wu,,,,,,,,,,,,,,,0.00,,,,,,,,,,,,,,,,,,0,,,,,");
  g_assert_cmpstr (lines[5], ==, "");
  g_assert_null (lines[6]);
}

/* A client list as it was searched and sorted: the clients given, in the
 * order given (C003, then C001; the fixtures' rows are 1 C001, 2 C002, 3
 * C003), and an id no longer in the book skipped. */
static void
test_clients_by_ids (BookFixture   *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "list.csv", NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  static const gint64 wanted[] = { 3, 999, 1 };
  guint64 n_rows = 0;

  g_array_append_vals (ids, wanted, G_N_ELEMENTS (wanted));
  g_assert_true (awb_export_clients (f->db, ids, path, AWB_EXPORT_UTF8, AWB_EXPORT_FULL_NUMBERS,
                                     NULL, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 2);
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  lines = g_strsplit (csv, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "client_id,name,gender,"));
  g_assert_cmpstr (lines[1], ==, "C003,Wang Wu,,,,,,,,,,,,,,,0.00,,,,,,,,,,,,,,,,,,0,,,,,");
  g_assert_true (g_str_has_prefix (lines[2], "C001,张三,M,1980-05-17,"));
  g_assert_cmpstr (lines[3], ==, "second line\"");
  g_assert_cmpstr (lines[4], ==, "");
  g_assert_null (lines[5]);
}

#define CLIENT_DUMP \
  "SELECT client_no, name, gender, birth_date, phone, email, id_number, city, region, " \
  "occupation, education, marital_status, children, youngest_child_age, employment, " \
  "income_band, aum, share_of_wallet, opened_on, " \
  "(SELECT name FROM managers m WHERE m.id = manager_id), channel, need_type, q_job, q_burden, " \
  "q_housing, q_experience, q_knowledge, loss_tolerance_pct, q_priority, q_stoploss, q_if_loss, " \
  "q_watching, q_results, assessed_on, lowest_category, loyalty_driver, referrals, " \
  "competitor_account, cadence_days, notes FROM clients ORDER BY client_no"
#define TRADE_DUMP \
  "SELECT trade_no, (SELECT client_no FROM clients c WHERE c.id = client_id), trade_date, side, " \
  "amount, commission, product_code, product_risk, override_signed FROM trades ORDER BY trade_no"
#define INTERACTION_DUMP \
  "SELECT (SELECT client_no FROM clients c WHERE c.id = client_id), date, kind, satisfaction, " \
  "notes, follow_up_on, done FROM interactions ORDER BY id"

static const char *const kinds[] = { "clients", "trades", "interactions" };

/* What the importer reads back unchanged: full numbers, no apostrophes. */
#define ROUND_TRIP (AWB_EXPORT_FULL_NUMBERS | AWB_EXPORT_NO_FORMULA_GUARD)

/* import fixtures → export → import into a fresh book → export again:
 * identical bytes, and every field equal in both books. */
static void
round_trip (BookFixture       *f,
            AwbExportEncoding  encoding)
{
  g_autofree char *dir_b = g_build_filename (f->dir, "b", NULL);
  g_autofree char *path_b = g_build_filename (dir_b, "book.sqlite", NULL);
  g_autoptr(AwbDatabase) db_b = NULL;
  g_autoptr(GError) error = NULL;
  static const char *const dumps[] = { CLIENT_DUMP, TRADE_DUMP, INTERACTION_DUMP };

  import_ok (f->db, AWB_TABLE_CLIENTS, "clients-gb18030.csv");
  import_ok (f->db, AWB_TABLE_CLIENTS, "clients-bom-crlf.csv");
  import_ok (f->db, AWB_TABLE_TRADES, "trades-reordered.csv");

  db_b = awb_database_open (path_b, &error);
  g_assert_no_error (error);

  for (AwbTableKind kind = AWB_TABLE_CLIENTS; kind <= AWB_TABLE_INTERACTIONS; kind++)
    {
      g_autofree char *first = g_strdup_printf ("%s/%s-1.csv", f->dir, kinds[kind]);
      g_autofree char *second = g_strdup_printf ("%s/%s-2.csv", f->dir, kinds[kind]);
      g_autofree char *first_bytes = NULL, *second_bytes = NULL;
      g_autofree char *dump_a = NULL, *dump_b = NULL;
      gsize first_len, second_len;

      g_assert_true (awb_export_file (f->db, kind, first, encoding, ROUND_TRIP, NULL, NULL,
                                      &error));
      g_assert_no_error (error);
      g_assert_true (awb_import_file (db_b, kind, first, NULL, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (awb_export_file (db_b, kind, second, encoding, ROUND_TRIP, NULL, NULL,
                                      &error));
      g_assert_no_error (error);

      g_file_get_contents (first, &first_bytes, &first_len, &error);
      g_assert_no_error (error);
      g_file_get_contents (second, &second_bytes, &second_len, &error);
      g_assert_no_error (error);
      g_assert_cmpmem (first_bytes, first_len, second_bytes, second_len);

      dump_a = table_dump (f->db, dumps[kind]);
      dump_b = table_dump (db_b, dumps[kind]);
      g_assert_cmpstr (dump_a, ==, dump_b);
    }
  g_assert_cmpint (query_int (db_b, "SELECT count(*) FROM clients"), ==, 7);
  g_assert_cmpint (query_int (db_b, "SELECT count(*) FROM trades"), ==, 6);
  g_assert_cmpint (query_int (db_b, "SELECT count(*) FROM interactions"), ==, 3);
}

static void
test_round_trip (BookFixture   *f,
                 gconstpointer  data)
{
  round_trip (f, GPOINTER_TO_INT (data));
}

/* GB18030 output is the UTF-8 output, converted, without a BOM. */
static void
test_gb18030 (BookFixture   *f,
              gconstpointer  data)
{
  gsize gb_len = 0, utf8_len = 0, converted_len = 0;
  g_autofree char *gb = export_to_string (f, AWB_TABLE_CLIENTS, AWB_EXPORT_GB18030, 0, "gb.csv", 3,
                                          &gb_len);
  g_autofree char *utf8 = export_to_string (f, AWB_TABLE_CLIENTS, AWB_EXPORT_UTF8, 0, "u.csv", 3,
                                            &utf8_len);
  g_autofree char *converted = NULL;
  g_autoptr(GError) error = NULL;

  converted = g_convert (utf8, (gssize) utf8_len, "GB18030", "UTF-8", NULL, &converted_len,
                         &error);
  g_assert_no_error (error);
  g_assert_cmpmem (gb, gb_len, converted, converted_len);
  /* 张三 is D5C5 C8FD in GB18030 */
  g_assert_nonnull (g_strstr_len (gb, (gssize) gb_len, "\n" "C001," "\xd5\xc5\xc8\xfd" ",M,"));
  g_assert_true (g_str_has_prefix (gb, "client_id,name,"));
}

/* A cancelled export leaves the old file as it was and no temporary file. */
static void
test_cancel_keeps_old_file (BookFixture   *f,
                            gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "out", NULL);
  g_autofree char *path = g_build_filename (dir, "trades.csv", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *contents = NULL;
  guint64 n_rows = 99;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_file_set_contents (path, "old", -1, &error);
  g_assert_no_error (error);

  g_cancellable_cancel (cancellable);
  g_assert_false (awb_export_file (f->db, AWB_TABLE_TRADES, path, AWB_EXPORT_UTF8_BOM, 0,
                                   cancellable, &n_rows, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n_rows, ==, 99);

  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "old");
  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "trades.csv");
  g_assert_null (g_dir_read_name (listing));
}

static void
test_unwritable (BookFixture   *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (awb_export_file (f->db, AWB_TABLE_CLIENTS, "/nonexistent/clients.csv",
                                   AWB_EXPORT_UTF8_BOM, 0, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "Cannot write “/nonexistent/clients.csv”: "));
}

/* Exported files hold personal data: 0600. */
static void
test_private_mode (BookFixture   *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "c.csv", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (awb_export_file (f->db, AWB_TABLE_CLIENTS, path, AWB_EXPORT_UTF8_BOM, 0, NULL,
                                  NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* A book whose text cells a spreadsheet would run: client =1+2 (name
 * @SUM(A1), phone +86 138 1234 5678, email -x@example.com, city TAB Tab,
 * occupation CR CR, notes -5% ok, manager +王), and its trade -T1 of
 * product @P with a negative amount (-1.50, written by another program:
 * the importer refuses one) dated 2024-01-05 (day 19727). */
static void
formula_setup (BookFixture   *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  book_fixture_setup (f, data);
  g_assert_true (awb_database_exec (f->db,
                                    "INSERT INTO managers (id, name) VALUES (1, '+王');"
                                    "INSERT INTO clients (id, client_no, name, phone, email,"
                                    " id_number, city, occupation, manager_id, notes) VALUES"
                                    " (1, '=1+2', '@SUM(A1)', '+86 138 1234 5678',"
                                    " '-x@example.com', '320102199001011606', char (9) || 'Tab',"
                                    " char (13) || 'CR', 1, '-5% ok');"
                                    "INSERT INTO trades (client_id, trade_date, commission, amount,"
                                    " side, product_code, trade_no) VALUES"
                                    " (1, 19727, 10, -150, 'buy', '@P', '-T1');",
                                    &error));
  g_assert_no_error (error);
}

/* The cells of the clients row after the name, in the columns' order:
 * gender … notes, as the setup's client is written with @flags. */
static const char *
clients_row (AwbExportFlags flags)
{
  switch ((int) flags)
    {
    case AWB_EXPORT_FLAGS_NONE:
      /* masked (the +86 dropped, first 3 and last 4 digits; ID first and
       * last 4) and every text cell starting = + - @ TAB CR with an ' */
      return "'=1+2,'@SUM(A1),,,138****5678,'-x@example.com,3201**********1606,'\tTab,,"
             "\"'\rCR\",,,,,,,0.00,,,'+王,,,,,,,,,,,,,,,0,,,,,'-5% ok";
    case AWB_EXPORT_FULL_NUMBERS:
      /* the phone as stored, guarded: it starts with + */
      return "'=1+2,'@SUM(A1),,,'+86 138 1234 5678,'-x@example.com,320102199001011606,'\tTab,,"
             "\"'\rCR\",,,,,,,0.00,,,'+王,,,,,,,,,,,,,,,0,,,,,'-5% ok";
    case AWB_EXPORT_FULL_NUMBERS | AWB_EXPORT_NO_FORMULA_GUARD:
      return "=1+2,@SUM(A1),,,+86 138 1234 5678,-x@example.com,320102199001011606,\tTab,,"
             "\"\rCR\",,,,,,,0.00,,,+王,,,,,,,,,,,,,,,0,,,,,-5% ok";
    case AWB_EXPORT_NO_FORMULA_GUARD:
      return "=1+2,@SUM(A1),,,138****5678,-x@example.com,3201**********1606,\tTab,,"
             "\"\rCR\",,,,,,,0.00,,,+王,,,,,,,,,,,,,,,0,,,,,-5% ok";
    default:
      g_assert_not_reached ();
    }
}

static void
test_formula_guard (BookFixture   *f,
                    gconstpointer  data)
{
  static const AwbExportFlags all[] = {
    AWB_EXPORT_FLAGS_NONE, AWB_EXPORT_FULL_NUMBERS, AWB_EXPORT_NO_FORMULA_GUARD,
    AWB_EXPORT_FULL_NUMBERS | AWB_EXPORT_NO_FORMULA_GUARD,
  };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_autofree char *clients = export_to_string (f, AWB_TABLE_CLIENTS, AWB_EXPORT_UTF8, all[i],
                                                   "c.csv", 1, NULL);
      g_autofree char *trades = export_to_string (f, AWB_TABLE_TRADES, AWB_EXPORT_UTF8, all[i],
                                                  "t.csv", 1, NULL);
      const char *newline = strchr (clients, '\n');
      g_autofree char *expected = g_strconcat (clients_row (all[i]), "\n", NULL);

      g_test_message ("flags %d", all[i]);
      g_assert_nonnull (newline);
      g_assert_cmpstr (newline + 1, ==, expected);
      /* the amount is a number: -1.50 whatever the guard */
      if (all[i] & AWB_EXPORT_NO_FORMULA_GUARD)
        g_assert_cmpstr (strchr (trades, '\n') + 1, ==, "-T1,=1+2,2024-01-05,buy,-1.50,0.10,@P,,0\n");
      else
        g_assert_cmpstr (strchr (trades, '\n') + 1, ==,
                         "'-T1,'=1+2,2024-01-05,buy,-1.50,0.10,'@P,,0\n");
    }
}

/* The fixture's clients, masked by default: C001's mobile 13800000001 as
 * 138****0001 and ID 110101198005170011 as 1101**********0011 (first and
 * last 4, 10 stars); C002 and C003 have neither, so their cells stay empty.
 * The same in a client list's export. */
static void
test_masked_by_default (BookFixture   *f,
                        gconstpointer  data)
{
  g_autofree char *csv = export_to_string (f, AWB_TABLE_CLIENTS, AWB_EXPORT_UTF8, 0, "c.csv", 3,
                                           NULL);
  g_autofree char *path = g_build_filename (f->dir, "list.csv", NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *list = NULL;
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
  gint64 one = 1;

  g_assert_true (g_str_has_prefix (lines[1], "C001,张三,M,1980-05-17,138****0001,zhang@example.com,"
                                             "1101**********0011,北京,"));
  g_assert_true (g_str_has_prefix (lines[3], "C002,李四,F,1990-12-31,,,,上海,"));

  g_array_append_val (ids, one);
  g_assert_true (awb_export_clients (f->db, ids, path, AWB_EXPORT_UTF8, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &list, NULL, NULL));
  g_assert_nonnull (strstr (list, "\nC001,张三,M,1980-05-17,138****0001,zhang@example.com,"
                                  "1101**********0011,北京,"));
}

/* Sets @path's modification time @age seconds back. */
static void
age_file (const char *path,
          int         age)
{
  struct utimbuf times;

  times.actime = times.modtime = time (NULL) - age;
  g_assert_cmpint (utime (path, &times), ==, 0);
}

/* A process id that ran and is gone: a child that exited, reaped. */
static GPid
dead_pid (void)
{
  GPid pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    _exit (0);
  g_assert_cmpint (waitpid (pid, NULL, 0), ==, pid);
  return pid;
}

/* An export removes the temporary files killed exports left in its folder:
 * one of a writer gone (over a minute unchanged), one of any writer unchanged
 * for over 30 minutes, one of the old name without a process id over 30
 * minutes; it keeps a live writer's recent one, a dead writer's one changed
 * seconds ago, and files merely named like them. */
static void
test_stale_part_files (BookFixture   *f,
                       gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "out", NULL);
  g_autofree char *path = g_build_filename (dir, "trades.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) left = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) listing = NULL;
  GPid gone = dead_pid ();
  struct { const char *name; int age; gboolean removed; } files[] = {
    { "a.csv.part-%d-Ab12Cd", 120, TRUE },       /* dead writer, 2 minutes */
    { "b.csv.part-%d-Ab12Cd", 10, FALSE },       /* dead writer, 10 seconds */
    { "c.csv.part-%p-Ab12Cd", 600, FALSE },      /* this process, 10 minutes */
    { "d.csv.part-%p-Ab12Cd", 3600, TRUE },      /* this process, an hour */
    { "e.csv.part-Xy34Zw", 3600, TRUE },         /* old name, an hour */
    { "f.csv.part-Xy34Zw", 60, FALSE },          /* old name, a minute */
    { "g.part-notes.txt", 3600, FALSE },         /* not ours */
    { "h.csv.part-%d-Ab12Cd.bak", 3600, FALSE }, /* not ours */
  };
  const char *name;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GString) file_name = g_string_new (files[i].name);
      g_autofree char *file = NULL;
      g_autofree char *pid = g_strdup_printf ("%d", (int) gone);
      g_autofree char *mine = g_strdup_printf ("%d", (int) getpid ());

      g_string_replace (file_name, "%d", pid, 0);
      g_string_replace (file_name, "%p", mine, 0);
      file = g_build_filename (dir, file_name->str, NULL);
      g_assert_true (g_file_set_contents (file, "client data", -1, NULL));
      age_file (file, files[i].age);
      if (!files[i].removed)
        g_ptr_array_add (left, g_strdup (file_name->str));
    }
  g_ptr_array_add (left, g_strdup ("trades.csv"));

  g_assert_true (awb_export_file (f->db, AWB_TABLE_TRADES, path, AWB_EXPORT_UTF8, 0, NULL, NULL,
                                  &error));
  g_assert_no_error (error);

  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      guint index;

      g_test_message ("left: %s", name);
      g_assert_true (g_ptr_array_find_with_equal_func (left, name, g_str_equal, &index));
      g_ptr_array_remove_index (left, index);
    }
  g_assert_cmpuint (left->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, data, func) \
  g_test_add (path, BookFixture, data, base_setup, func, book_fixture_teardown)

  ADD ("/awb/export/trades-exact", NULL, test_trades_exact);
  ADD ("/awb/export/interactions-exact", NULL, test_interactions_exact);
  ADD ("/awb/export/clients-exact", NULL, test_clients_exact);
  ADD ("/awb/export/clients-by-ids", NULL, test_clients_by_ids);
  ADD ("/awb/export/round-trip/utf8-bom", GINT_TO_POINTER (AWB_EXPORT_UTF8_BOM), test_round_trip);
  ADD ("/awb/export/round-trip/utf8", GINT_TO_POINTER (AWB_EXPORT_UTF8), test_round_trip);
  ADD ("/awb/export/round-trip/gb18030", GINT_TO_POINTER (AWB_EXPORT_GB18030), test_round_trip);
  ADD ("/awb/export/gb18030", NULL, test_gb18030);
  ADD ("/awb/export/cancel-keeps-old-file", NULL, test_cancel_keeps_old_file);
  ADD ("/awb/export/unwritable", NULL, test_unwritable);
  ADD ("/awb/export/private-mode", NULL, test_private_mode);
  ADD ("/awb/export/masked-by-default", NULL, test_masked_by_default);
  ADD ("/awb/export/stale-part-files", NULL, test_stale_part_files);
  g_test_add ("/awb/export/formula-guard", BookFixture, NULL, formula_setup, test_formula_guard,
              book_fixture_teardown);

  return g_test_run ();
}
