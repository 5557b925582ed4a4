/* test-bad-input.c: bad data is refused, never stored silently: amounts
 * out of range and sums that would overflow, mixed encodings, NUL bytes,
 * invisible characters in ids, implausible values, files that are not
 * regular files, and the reader's bounded work
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every import case asserts the exact message (file, line, column) and that
 * the book is unchanged (its checksum); every rfm case the message and that
 * no output is written.  The limit on an amount is 1,000,000,000,000.00
 * yuan = 10^14 fen (awb-money.h).
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "awb-date.h"
#include "awb-import.h"
#include "awb-rfm-csv.h"
#include "awb-rfm.h"
#include "awb-scoring.h"
#include "io-test-utils.h"

static void
base_setup (BookFixture   *f,
            gconstpointer  data)
{
  book_fixture_setup (f, data);
  import_ok (f->db, AWB_TABLE_CLIENTS, "clients.csv");
  import_ok (f->db, AWB_TABLE_TRADES, "trades.csv");
}

static char *
write_bytes (BookFixture *f,
             const char  *name,
             const char  *contents,
             gssize       len)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* Imports @len bytes of @contents as generated.csv: it must fail with
 * @message, and leave the book as it was. */
static void
import_refused (BookFixture  *f,
                AwbTableKind  kind,
                const char   *contents,
                gssize        len,
                int           code,
                const char   *message)
{
  g_autofree char *before = book_checksum (f->db);
  g_autofree char *after = NULL;
  g_autofree char *path = write_bytes (f, "generated.csv", contents, len);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) warnings = NULL;

  g_assert_false (awb_import_file (f->db, kind, path, NULL, NULL, NULL, NULL, &warnings,
                                   &error));
  g_assert_error (error, AWB_IMPORT_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_null (warnings);
  after = book_checksum (f->db);
  g_assert_cmpstr (after, ==, before);
}

#define TRADES_HEADER "trade_id,client_id,trade_date,amount,commission\n"

/* 1. Amounts: beyond the limit refused, with the right word. */
static void
test_amount_limit (BookFixture   *f,
                   gconstpointer  data)
{
  /* once stored as a huge positive amount */
  import_refused (f, AWB_TABLE_TRADES,
                  TRADES_HEADER "N1,C001,2024-01-01,-92233720368547759,0.01\n", -1,
                  AWB_IMPORT_ERROR_BAD_ROWS,
                  "generated.csv:2: column “amount”: “-92233720368547759” is negative");
  /* once refused as “negative” */
  import_refused (f, AWB_TABLE_TRADES,
                  TRADES_HEADER "N1,C001,2024-01-01,1.00,92233720368547758.07\n", -1,
                  AWB_IMPORT_ERROR_BAD_ROWS,
                  "generated.csv:2: column “commission”: “92233720368547758.07” is more than "
                  "1,000,000,000,000.00, the largest amount a book holds");
  import_refused (f, AWB_TABLE_TRADES,
                  TRADES_HEADER "N1,C001,2024-01-01,\"1,000,000,000,000.01\",0\n", -1,
                  AWB_IMPORT_ERROR_BAD_ROWS,
                  "generated.csv:2: column “amount”: “1,000,000,000,000.01” is more than "
                  "1,000,000,000,000.00, the largest amount a book holds");
  import_refused (f, AWB_TABLE_CLIENTS,
                  "client_id,name,aum\nC010,Zhao,1000000000001\n", -1,
                  AWB_IMPORT_ERROR_BAD_ROWS,
                  "generated.csv:2: column “aum”: “1000000000001” is more than "
                  "1,000,000,000,000.00, the largest amount a book holds");
}

/* Two trades at the limit and just under it: stored and summed exactly,
 * 10^14 + (10^14 − 1) = 199,999,999,999,999 fen. */
static void
test_amount_sum_near_limit (BookFixture   *f,
                            gconstpointer  data)
{
  g_autofree char *path = write_bytes (f, "generated.csv",
                                       TRADES_HEADER
                                       "N1,C003,2024-06-01,\"1,000,000,000,000.00\",1000000000000\n"
                                       "N2,C003,2024-06-02,999999999999.99,999999999999.99\n", -1);
  g_autoptr(GError) error = NULL;
  AwbClientFacts *facts = NULL;
  gsize n = 0;

  g_assert_true (awb_import_file (f->db, AWB_TABLE_TRADES, path, NULL, NULL, NULL, NULL, NULL,
                                  &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, "SELECT sum(amount) FROM trades WHERE trade_no LIKE 'N%'"),
                   ==, G_GINT64_CONSTANT (199999999999999));

  /* C003 also has T0004 (500.00, commission 1.00) of 2024-03-01 */
  g_assert_true (awb_scoring_gather (f->db, awb_date_from_ymd (2024, 12, 31), 0, &facts, &n,
                                     NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (facts[2].client_no, ==, "C003");
  g_assert_cmpint (facts[2].amount_window, ==, G_GINT64_CONSTANT (199999999999999) + 50000);
  g_assert_cmpint (facts[2].commission_window, ==, G_GINT64_CONSTANT (199999999999999) + 100);
  awb_client_facts_free (facts, n);
}

/* 92,234 trades of 10^14 fen each sum to 9,223,400,000,000,000,000 fen,
 * past 2^63 − 1 = 9,223,372,036,854,775,807: the run refuses, never wraps. */
#define N_HUGE 92234

static void
test_scoring_sum_overflow (BookFixture   *f,
                           gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new (TRADES_HEADER);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  AwbClientFacts *facts = NULL;
  gsize n = 0;

  for (guint i = 0; i < N_HUGE; i++)
    g_string_append_printf (csv, "H%u,C002,2024-06-01,1000000000000,0\n", i);
  path = write_bytes (f, "generated.csv", csv->str, (gssize) csv->len);
  g_assert_true (awb_import_file (f->db, AWB_TABLE_TRADES, path, NULL, NULL, NULL, NULL, NULL,
                                  &error));
  g_assert_no_error (error);

  g_assert_false (awb_scoring_gather (f->db, awb_date_from_ymd (2024, 12, 31), 0, &facts, &n,
                                      NULL, NULL, NULL, &error));
  g_assert_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "A client’s trades add up to more money than this "
                                       "program can count; no scores were computed");
  g_assert_null (facts);
}

/* rfm: the file is read, not scored; @message or, if NULL, success. */
static void
rfm_refused (const char *contents,
             gssize      len,
             const char *message)
{
  g_autofree char *dir = g_dir_make_tmp ("awb-bad-rfm-XXXXXX", NULL);
  g_autofree char *input = g_build_filename (dir, "x.csv", NULL);
  g_autofree char *output = g_build_filename (dir, "out.csv", NULL);
  g_autoptr(GError) error = NULL;
  AwbRfmSettings settings;

  g_assert_true (g_file_set_contents (input, contents, len, NULL));
  awb_rfm_settings_init_default (&settings);
  settings.monetary = AWB_MONETARY_AMOUNT;
  g_assert_false (awb_rfm_csv_score_file (input, NULL, &settings,
                                          awb_date_from_ymd (2024, 12, 31), output, TRUE, NULL,
                                          &error));
  g_assert_error (error, AWB_RFM_CSV_ERROR, AWB_RFM_CSV_ERROR_BAD_VALUE);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  g_unlink (input);
  g_rmdir (dir);
}

static void
test_rfm_amounts (void)
{
  g_autoptr(GString) csv = g_string_new ("customer_id,date,amount\n");
  g_autofree char *dir = g_dir_make_tmp ("awb-bad-rfm-XXXXXX", NULL);
  g_autofree char *input = g_build_filename (dir, "near.csv", NULL);
  g_autoptr(GError) error = NULL;
  AwbClientFacts *facts = NULL;
  gsize n = 0;

  rfm_refused ("customer_id,date,amount\nx,2024-01-01,-5.00\n", -1,
               "x.csv:2: column 3 (amount): “-5.00” is negative");
  rfm_refused ("customer_id,date,amount\nx,2024-01-01,-92233720368547759\n", -1,
               "x.csv:2: column 3 (amount): “-92233720368547759” is negative");
  rfm_refused ("customer_id,date,amount\nx,2024-01-01,92233720368547758.07\n", -1,
               "x.csv:2: column 3 (amount): “92233720368547758.07” is more than "
               "1,000,000,000,000.00, the largest amount taken");

  /* a value of 10,000 digits is shown cut to 60 characters */
  {
    g_autofree char *digits = g_strnfill (10000, '9');
    g_autofree char *big = g_strdup_printf ("customer_id,date,amount\nx,2024-01-01,%s\n", digits);
    g_autofree char *cut = g_strnfill (57, '9');
    g_autofree char *expected = g_strdup_printf ("x.csv:2: column 3 (amount): “%s…” is more than "
                                                 "1,000,000,000,000.00, the largest amount taken",
                                                 cut);

    rfm_refused (big, -1, expected);
  }

  /* near the limit: exact */
  g_assert_true (g_file_set_contents (input, "customer_id,date,amount\n"
                                             "x,2024-01-01,1000000000000.00\n"
                                             "x,2024-01-02,999999999999.99\n", -1, NULL));
  g_assert_true (awb_rfm_csv_read (input, NULL, awb_date_from_ymd (2024, 12, 31), 0, &facts,
                                   &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (facts[0].amount_window, ==, G_GINT64_CONSTANT (199999999999999));
  awb_client_facts_free (facts, n);
  g_unlink (input);
  g_rmdir (dir);

  /* past 2^63 − 1 on the 92,234th row, line 92,235 */
  for (guint i = 0; i < N_HUGE; i++)
    g_string_append (csv, "x,2024-06-01,1000000000000\n");
  rfm_refused (csv->str, (gssize) csv->len,
               "x.csv:92235: the amounts of customer “x” add up to more than this program "
               "can count; nothing was scored");
}

/* The rfm command: exit status 1, the message on stderr, nothing on stdout
 * and no output file; for NUL bytes (“A\0B” and “A\0C” are not one
 * customer) and for a negative amount. */
static void
test_rfm_cli (void)
{
  static const char nul[] = "customer_id,date,amount\nA\0B,2024-01-01,1\nA\0C,2024-01-01,2\n";
  static const struct { const char *text; gsize len; const char *err; } cases[] = {
    { nul, sizeof nul - 1,
      "advisor-workbench-cli rfm: x.csv:2: column 1 holds a NUL byte (a damaged file?)\n" },
    { "customer_id,date,amount\nA,2024-01-01,1\nB,2024-01-01,-2\n", 0,
      "advisor-workbench-cli rfm: x.csv:3: column 3 (amount): “-2” is negative\n" },
  };
  const char *cli = g_getenv ("AWB_CLI");
  g_autofree char *dir = g_dir_make_tmp ("awb-bad-rfm-XXXXXX", NULL);
  g_autofree char *input = g_build_filename (dir, "x.csv", NULL);
  g_autofree char *output = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *bash = NULL;

  g_assert_nonnull (cli);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *argv[] = { cli, "rfm", "--input", input, "--as-of", "2024-12-31",
                             "--output", output, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      int status = 0;

      g_assert_true (g_file_set_contents (input, cases[i].text,
                                          cases[i].len ? (gssize) cases[i].len : -1, NULL));
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   &out, &err, &status, &error));
      g_assert_no_error (error);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 1);
      g_assert_cmpstr (out, ==, "");
      g_assert_cmpstr (err, ==, cases[i].err);
      g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
    }
  g_unlink (input);

  /* a folder, and a process substitution (/dev/fd/N, a pipe) */
  {
    const char *argv[] = { cli, "rfm", "--input", dir, "--as-of", "2024-12-31",
                           "--output", output, NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *expected = g_strdup_printf ("advisor-workbench-cli rfm: Cannot read “%s”: "
                                                 "it is a folder, not a file\n", dir);
    int status = 0;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, NULL));
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 1);
    g_assert_cmpstr (err, ==, expected);
    g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  }
  if ((bash = g_find_program_in_path ("bash")) != NULL)
    {
      g_autofree char *script = g_strdup_printf ("exec \"$0\" rfm --input <(printf "
                                                 "'customer_id,date,amount\\nA,2024-12-31,"
                                                 "1.50\\n') --as-of 2024-12-31 --output \"$1\"");
      const char *argv[] = { bash, "-c", script, cli, output, NULL };
      g_autofree char *contents = NULL;
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                                   NULL, NULL, NULL, NULL, &status, NULL));
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
      g_assert_true (g_file_get_contents (output, &contents, NULL, NULL));
      /* one customer: recency 0, one trade of 1.50 */
      g_assert_true (g_str_has_prefix (contents, "customer_id,recency_days,frequency,monetary,"
                                                 "r_score,f_score,m_score,segment\nA,0,1,1.50,"));
      g_unlink (output);
    }
  g_rmdir (dir);
}

/* 2. Encodings: no guessing over a mixed file. */
static void
test_mixed_encoding (BookFixture   *f,
                     gconstpointer  data)
{
  /* UTF-8 but for line 3, in Latin-1 */
  import_refused (f, AWB_TABLE_CLIENTS,
                  "client_id,name\nC010,张三\nC011,M\xfcller\nC012,李四\n", -1,
                  AWB_IMPORT_ERROR_FILE,
                  "generated.csv:3: the line is not valid UTF-8 text (byte 0xFC), though the "
                  "rest of the file is UTF-8; save the whole file as UTF-8");
  /* one field: “Mü” in UTF-8, then a Latin-1 ü (as GB18030: 帽 and a rare
   * character) */
  import_refused (f, AWB_TABLE_CLIENTS,
                  "client_id,name\nC010,Zhao\nC011,M\xc3\xbc\xfcller\n", -1,
                  AWB_IMPORT_ERROR_FILE,
                  "generated.csv:3: the line is not valid UTF-8 text (byte 0xFC), though the "
                  "rest of the file is UTF-8; save the whole file as UTF-8");
  /* accented UTF-8 lines (é is C3 A9, which GB18030 reads as 茅), then one
   * in Latin-1 */
  import_refused (f, AWB_TABLE_CLIENTS,
                  "client_id,name\nC010,Caf\xc3\xa9\nC011,Cr\xc3\xa8me\nC012,M\xfcller\n", -1,
                  AWB_IMPORT_ERROR_FILE,
                  "generated.csv:4: the line is not valid UTF-8 text (byte 0xFC), though the "
                  "rest of the file is UTF-8; save the whole file as UTF-8");
  /* all Latin-1: 0xFC 0x6C is valid GB18030, but no Chinese character */
  import_refused (f, AWB_TABLE_CLIENTS,
                  "client_id,name\nC010,Zhao\nC011,M\xfcller\nC012,J\xf6rg\n", -1,
                  AWB_IMPORT_ERROR_FILE,
                  "generated.csv:3: the file is not UTF-8 text (byte 0xFC), and it is not "
                  "GB18030 either, as it holds no Chinese character (Latin-1?); save it as "
                  "UTF-8");
}

/* Imports @content as clients: it must be read as GB18030 (the import says
 * so) and give the client numbers and names of @expected. */
static void
assert_read_as_gb18030 (BookFixture *f,
                        const char  *content,
                        const char  *expected)
{
  g_autofree char *path = write_bytes (f, "generated.csv", content, -1);
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;
  g_auto(GStrv) warnings = NULL;

  g_assert_true (awb_import_file (f->db, AWB_TABLE_CLIENTS, path, NULL, NULL, NULL, NULL,
                                  &warnings, &error));
  g_assert_no_error (error);
  dump = table_dump (f->db, "SELECT client_no, name FROM clients WHERE id > 3 ORDER BY id");
  g_assert_cmpstr (dump, ==, expected);
  g_assert_cmpuint (g_strv_length (warnings), ==, 1);
  g_assert_cmpstr (warnings[0], ==, "generated.csv: read as GB18030 text, as it is not UTF-8");
}

/* Real GB18030 is still read: 张三 (D5C5 C8FD), a name with a character
 * outside GB2312 (镕, E946: its second byte is ASCII), and 模 (C4A3), whose
 * line happens to be valid UTF-8 (as ģ). */
static void
test_gb18030_still_read (BookFixture   *f,
                         gconstpointer  data)
{
  assert_read_as_gb18030 (f,
                          "client_id,name\nC010,\xd5\xc5\xc8\xfd\n"
                          "C011,\xd6\xec\xe9\x46\xbb\xf9\n"
                          "C012,\xc4\xa3\n",
                          "3:C010|3:张三\n3:C011|3:朱镕基\n3:C012|3:模\n");
}

/* Two lines of rare characters whose GB18030 bytes happen to make some
 * UTF-8: 刿凷 (D8DB 8453: DB 84 is a UTF-8 letter, D8 is not) and 姒吉
 * (E6A6 BCAA: E6 A6 BC is a UTF-8 character, AA is not).  Five bytes make
 * UTF-8 and two do not, and GB18030 reads one common character (吉) to
 * three others; but neither line is UTF-8, and the lines decide: the file is
 * GB18030, not UTF-8 with a bad line. */
static void
test_gb18030_rare (BookFixture   *f,
                   gconstpointer  data)
{
  assert_read_as_gb18030 (f,
                          "client_id,name\nC010,\xd8\xdb\x84\x53\n"
                          "C011,\xe6\xa6\xbc\xaa\n",
                          "3:C010|3:刿凷\n3:C011|3:姒吉\n");
}

/* 3. NUL bytes. */
static void
test_nul (BookFixture   *f,
          gconstpointer  data)
{
  static const char trades[] = TRADES_HEADER "N1,C0\0" "01,2024-01-01,1.00,0.01\n";
  static const char header[] = "client_id,na\0me\nC010,Zhao\n";

  import_refused (f, AWB_TABLE_TRADES, trades, sizeof trades - 1, AWB_IMPORT_ERROR_BAD_ROWS,
                  "generated.csv:2: column “client_id”: the value holds a NUL byte (a damaged "
                  "file?)");
  import_refused (f, AWB_TABLE_CLIENTS, header, sizeof header - 1, AWB_IMPORT_ERROR_HEADER,
                  "generated.csv:1: the header line holds a NUL byte (a damaged file?)");
}

static void
test_rfm_nul (void)
{
  static const char text[] = "customer_id,date,amount\nA\0B,2024-01-01,1\nA\0C,2024-01-01,2\n";

  rfm_refused (text, sizeof text - 1, "x.csv:2: column 1 holds a NUL byte (a damaged file?)");
}

/* 4. Invisible characters: trimmed at the ends, refused inside an id. */
static void
test_invisible_trimmed (BookFixture   *f,
                        gconstpointer  data)
{
  /* a BOM at a line's start; a no-break space, an ideographic space and a
   * zero-width space at the ends */
  g_autofree char *path = write_bytes (f, "generated.csv",
                                       "client_id,name\n"
                                       "\xef\xbb\xbf" "C010,Zhao\n"
                                       " C011\xc2\xa0,Qian\n"
                                       "\xe3\x80\x80" "C012\xe2\x80\x8b,\xe2\x80\x8bSun\n", -1);
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;

  g_assert_true (awb_import_file (f->db, AWB_TABLE_CLIENTS, path, NULL, NULL, NULL, NULL, NULL,
                                  &error));
  g_assert_no_error (error);
  dump = table_dump (f->db, "SELECT client_no, name FROM clients WHERE id > 3 ORDER BY id");
  g_assert_cmpstr (dump, ==, "3:C010|3:Zhao\n3:C011|3:Qian\n3:C012|3:Sun\n");
}

static void
test_invisible_refused (BookFixture   *f,
                        gconstpointer  data)
{
  import_refused (f, AWB_TABLE_CLIENTS,
                  "client_id,name\nC0\xe2\x80\x8b" "10,Zhao\nC011,Qi\tan\n", -1,
                  AWB_IMPORT_ERROR_BAD_ROWS,
                  "generated.csv:2: column “client_id”: “C0\xe2\x80\x8b" "10” holds an "
                  "invisible or control character (U+200B)\n"
                  "generated.csv:3: column “name”: “Qi an” holds an invisible or control "
                  "character (U+0009)");
  import_refused (f, AWB_TABLE_TRADES,
                  TRADES_HEADER "N\xe2\x80\xae" "1,C001,2024-01-01,1.00,0.01\n", -1,
                  AWB_IMPORT_ERROR_BAD_ROWS,
                  "generated.csv:2: column “trade_id”: “N\xe2\x80\xae" "1” holds an "
                  "invisible or control character (U+202E)");
}

static void
test_rfm_invisible (void)
{
  g_autofree char *long_id = g_strnfill (65, 'a');
  g_autofree char *csv = g_strdup_printf ("customer_id,date,amount\n%s,2024-01-01,1\n", long_id);

  rfm_refused (csv, -1, "x.csv:2: column 1 (customer id) is longer than 64 characters");
  rfm_refused ("customer_id,date,amount\nA\xe2\x80\x8b" "B,2024-01-01,1\n", -1,
               "x.csv:2: column 1 (customer id): “A\xe2\x80\x8b" "B” holds an invisible or "
               "control character (U+200B)");
}

/* 5. Plausibility. */
static void
test_plausible (BookFixture   *f,
                gconstpointer  data)
{
  g_autofree char *long_name = g_strnfill (101, 'x');
  g_autofree char *long_id = g_strnfill (65, '7');
  g_autofree char *csv = g_strdup_printf ("client_id,name,phone,birth_date\n"
                                          "C010,Zhao,abc,1980-01-01\n"
                                          "C011,Qian,+86 138-0000-0001,2999-01-01\n"
                                          "C012,%s,(010) 6512 3456,\n"
                                          "%s,Sun,,\n",
                                          long_name, long_id);

  import_refused (f, AWB_TABLE_CLIENTS, csv, -1, AWB_IMPORT_ERROR_BAD_ROWS,
                  "generated.csv:2: column “phone”: “abc” is not a phone number (digits, with "
                  "“+”, “-”, spaces or brackets)\n"
                  "generated.csv:3: column “birth_date”: “2999-01-01” is after today, so it is "
                  "no birth date\n"
                  /* shown cut to 60 characters */
                  "generated.csv:4: column “name”: “xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                  "xxxxxxxxxxxxxxxxxx…” is longer than 100 characters\n"
                  "generated.csv:5: column “client_id”: “77777777777777777777777777777777777777"
                  "7777777777777777777777…” is longer than 64 characters");
}

/* The limits themselves are taken: a 100-character name, a 64-character id. */
static void
test_plausible_limits (BookFixture   *f,
                       gconstpointer  data)
{
  g_autofree char *name = g_strnfill (100, 'x');
  g_autofree char *id = g_strnfill (64, '7');
  g_autofree char *csv = g_strdup_printf ("client_id,name,phone\n%s,%s,13800000001\n", id, name);
  g_autofree char *path = write_bytes (f, "generated.csv", csv, -1);
  g_autoptr(GError) error = NULL;

  g_assert_true (awb_import_file (f->db, AWB_TABLE_CLIENTS, path, NULL, NULL, NULL, NULL, NULL,
                                  &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, "SELECT length(name) FROM clients WHERE id = 4"), ==, 100);
}

/* 6. A FIFO is read as a stream; a folder is refused by name. */
typedef struct
{
  char       *path;
  const char *text;
} Writer;

static gpointer
write_fifo (gpointer data)
{
  Writer *w = data;
  int fd = open (w->path, O_WRONLY);
  gsize len = strlen (w->text);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, w->text, len), ==, (gssize) len);
  close (fd);
  return NULL;
}

static void
test_fifo (BookFixture   *f,
           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "pipe.csv", NULL);
  Writer w = { path, "client_id,name\nC010,Zhao\n" };
  g_autoptr(GError) error = NULL;
  GThread *thread;
  guint64 n_rows = 0;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  thread = g_thread_new ("writer", write_fifo, &w);
  g_assert_true (awb_import_file (f->db, AWB_TABLE_CLIENTS, path, NULL, NULL, NULL, &n_rows,
                                  NULL, &error));
  g_assert_no_error (error);
  g_thread_join (thread);
  g_assert_cmpuint (n_rows, ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM clients WHERE client_no = 'C010'"),
                   ==, 1);
  g_unlink (path);
}

static void
test_folder (BookFixture   *f,
             gconstpointer  data)
{
  g_autofree char *before = book_checksum (f->db);
  g_autofree char *after = NULL;
  g_autofree char *expected = g_strdup_printf ("Cannot read “%s”: it is a folder, not a file",
                                               f->dir);
  g_autoptr(GError) error = NULL;

  g_assert_false (awb_import_file (f->db, AWB_TABLE_CLIENTS, f->dir, NULL, NULL, NULL, NULL,
                                   NULL, &error));
  g_assert_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_FILE);
  g_assert_cmpstr (error->message, ==, expected);
  after = book_checksum (f->db);
  g_assert_cmpstr (after, ==, before);
}

/* 7. Bounded work: a 24 MB GB18030 file whose second line opens a quote
 * that never closes is refused in (much) less than 5 s. */
static void
test_unterminated_gb18030 (BookFixture   *f,
                           gconstpointer  data)
{
  /* 客户号,姓名 in GB18030; then C010,"张三 abc + newline, over and over */
  g_autoptr(GString) gb = g_string_new ("\xbf\xcd\xbb\xa7\xba\xc5,\xd0\xd5\xc3\xfb\n"
                                        "C010,\"");
  g_autofree char *before = book_checksum (f->db);
  g_autofree char *after = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  double seconds;

  while (gb->len < 24 * 1024 * 1024)
    g_string_append (gb, "\xd5\xc5\xc8\xfd abc\n");
  path = write_bytes (f, "generated.csv", gb->str, (gssize) gb->len);

  start = g_get_monotonic_time ();
  g_assert_false (awb_import_file (f->db, AWB_TABLE_CLIENTS, path, NULL, NULL, NULL, NULL, NULL,
                                   &error));
  seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  g_test_message ("refused in %.2f s", seconds);
  g_assert_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_BAD_ROWS);
  g_assert_cmpstr (error->message, ==, "generated.csv:2: column “姓名”: a quote opens a value "
                                       "that is never closed");
  g_assert_cmpfloat (seconds, <, 5.0);
  after = book_checksum (f->db);
  g_assert_cmpstr (after, ==, before);
}

/* 100,000 unknown columns: 20 named, then how many more. */
static void
test_unknown_columns_capped (BookFixture   *f,
                             gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("client_id,name");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) warnings = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (csv, ",x%u", i);
  g_string_append (csv, "\nC010,Zhao");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (csv, ',');
  g_string_append_c (csv, '\n');
  path = write_bytes (f, "generated.csv", csv->str, (gssize) csv->len);

  g_assert_true (awb_import_file (f->db, AWB_TABLE_CLIENTS, path, NULL, NULL, NULL, NULL,
                                  &warnings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (warnings), ==, 21);
  g_assert_cmpstr (warnings[0], ==, "generated.csv:1: unknown column “x0” ignored");
  g_assert_cmpstr (warnings[19], ==, "generated.csv:1: unknown column “x19” ignored");
  g_assert_cmpstr (warnings[20], ==, "generated.csv:1: … and 99980 more unknown columns ignored");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, BookFixture, NULL, base_setup, func, book_fixture_teardown)

  ADD ("/awb/bad-input/amount-limit", test_amount_limit);
  ADD ("/awb/bad-input/amount-sum-near-limit", test_amount_sum_near_limit);
  ADD ("/awb/bad-input/scoring-sum-overflow", test_scoring_sum_overflow);
  g_test_add_func ("/awb/bad-input/rfm-amounts", test_rfm_amounts);
  ADD ("/awb/bad-input/mixed-encoding", test_mixed_encoding);
  ADD ("/awb/bad-input/gb18030-still-read", test_gb18030_still_read);
  ADD ("/awb/bad-input/gb18030-rare", test_gb18030_rare);
  ADD ("/awb/bad-input/nul", test_nul);
  g_test_add_func ("/awb/bad-input/rfm-nul", test_rfm_nul);
  g_test_add_func ("/awb/bad-input/rfm-cli", test_rfm_cli);
  ADD ("/awb/bad-input/invisible-trimmed", test_invisible_trimmed);
  ADD ("/awb/bad-input/invisible-refused", test_invisible_refused);
  g_test_add_func ("/awb/bad-input/rfm-invisible", test_rfm_invisible);
  ADD ("/awb/bad-input/plausible", test_plausible);
  ADD ("/awb/bad-input/plausible-limits", test_plausible_limits);
  ADD ("/awb/bad-input/fifo", test_fifo);
  ADD ("/awb/bad-input/folder", test_folder);
  ADD ("/awb/bad-input/unterminated-gb18030", test_unterminated_gb18030);
  ADD ("/awb/bad-input/unknown-columns-capped", test_unknown_columns_capped);
  return g_test_run ();
}
