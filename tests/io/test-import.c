/* test-import.c: CSV import: good files in every accepted shape, each kind of
 * bad input (message and an unchanged book), cancel and progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Day numbers are worked out by hand: 1980-01-01 is 3652 (ten years, two of
 * them leap), 2015-01-01 is 16436, 2020-01-01 is 18262, 2024-01-01 is 19723.
 * SQLite type codes in dumps: 1 INTEGER, 2 FLOAT, 3 TEXT, 5 NULL.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "awb-import.h"
#include "io-test-utils.h"

/* A book holding the three good fixtures. */
static void
base_setup (BookFixture   *f,
            gconstpointer  data)
{
  book_fixture_setup (f, data);
  import_ok (f->db, AWB_TABLE_CLIENTS, "clients.csv");
  import_ok (f->db, AWB_TABLE_TRADES, "trades.csv");
  import_ok (f->db, AWB_TABLE_INTERACTIONS, "interactions.csv");
}

#define CLIENT_COLUMNS \
  "client_no, name, gender, birth_date, phone, email, id_number, city, region, occupation, " \
  "education, marital_status, children, youngest_child_age, employment, income_band, aum, " \
  "share_of_wallet, opened_on, (SELECT name FROM managers m WHERE m.id = manager_id), " \
  "channel, need_type, q_job, q_burden, q_housing, q_experience, q_knowledge, " \
  "loss_tolerance_pct, q_priority, q_stoploss, q_if_loss, q_watching, q_results, assessed_on, " \
  "lowest_category, loyalty_driver, referrals, competitor_account, cadence_days, notes"

static void
test_clients (BookFixture   *f,
              gconstpointer  data)
{
  g_autofree char *dump = NULL;
  g_autofree char *path = fixture_path ("clients.csv");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) warnings = NULL;
  guint64 n_rows = 0;

  g_assert_true (awb_import_file (f->db, AWB_TABLE_CLIENTS, path, NULL, NULL, NULL, &n_rows,
                                  &warnings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 3);
  g_assert_cmpuint (g_strv_length (warnings), ==, 0);

  dump = table_dump (f->db, "SELECT " CLIENT_COLUMNS " FROM clients ORDER BY id");
  g_assert_cmpstr (dump, ==,
    /* C001: every column; aum "1,234,567.89"; 1980-05-17 = 3652 + 121 + 16;
     * 2015-03-02 = 16436 + 59 + 1; 2024-01-15 = 19723 + 14; quoted notes */
    "3:C001|3:张三|3:M|1:3789|3:13800000001|3:zhang@example.com|3:110101198005170011|"
    "3:北京|3:urban|3:engineer|3:master|3:married|1:1|1:8|3:working|3:upper_middle|"
    "1:123456789|2:35.5|1:16496|3:王经理|3:online|3:professional|1:1|1:2|1:3|1:2|1:4|1:20|"
    "1:2|1:3|1:1|1:4|1:5|1:19737|1:0|3:trust|1:2|1:0|1:30|"
    "3:Met at branch, likes \"blue chips\"\nsecond line\n"
    /* C002: Chinese labels 女 城市 未婚 在职 价格; empty aum → 0;
     * 1990-12-31 = 1991-01-01 (21 × 365 + 5) − 1; 2020-07-01 = 18262 + 182 */
    "3:C002|3:李四|3:F|1:7669|5:(null)|5:(null)|5:(null)|3:上海|3:urban|5:(null)|5:(null)|"
    "3:single|1:0|5:(null)|3:working|3:low|1:0|5:(null)|1:18444|3:王经理|3:branch|3:basic|"
    "5:(null)|5:(null)|5:(null)|5:(null)|5:(null)|5:(null)|5:(null)|5:(null)|5:(null)|"
    "5:(null)|5:(null)|5:(null)|1:0|3:price|5:(null)|5:(null)|5:(null)|5:(null)\n"
    /* C003: only the required columns */
    "3:C003|3:Wang Wu|5:(null)|5:(null)|5:(null)|5:(null)|5:(null)|5:(null)|5:(null)|"
    "5:(null)|5:(null)|5:(null)|5:(null)|5:(null)|5:(null)|5:(null)|1:0|5:(null)|5:(null)|"
    "5:(null)|5:(null)|5:(null)|5:(null)|5:(null)|5:(null)|5:(null)|5:(null)|5:(null)|"
    "5:(null)|5:(null)|5:(null)|5:(null)|5:(null)|5:(null)|1:0|5:(null)|5:(null)|5:(null)|"
    "5:(null)|5:(null)\n");
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM managers"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit_log"), ==, 0);
}

#define TRADE_DUMP \
  "SELECT trade_no, (SELECT client_no FROM clients c WHERE c.id = client_id), trade_date, side, " \
  "amount, commission, product_code, product_risk, override_signed FROM trades ORDER BY id"

static void
test_trades (BookFixture   *f,
             gconstpointer  data)
{
  g_autofree char *dump = table_dump (f->db, TRADE_DUMP);

  g_assert_cmpstr (dump, ==,
    /* 2024-01-05 = 19723 + 4; "1,234.50" = 123450 fen */
    "3:T0001|3:C001|1:19727|3:buy|1:123450|1:370|3:600519|1:3|1:0\n"
    /* 2024-02-29 = 19723 + 31 + 28; 卖出 = sell; "2.5" = 250 fen; empty override → 0 */
    "3:T0002|3:C001|1:19782|3:sell|1:100000|1:250|3:510300|1:2|1:0\n"
    "3:T0003|3:C002|1:19722|3:buy|1:9999|1:10|5:(null)|5:(null)|1:1\n"
    "3:T0004|3:C003|1:19783|5:(null)|1:50000|1:100|3:000001|1:5|1:0\n");
}

static void
test_interactions (BookFixture   *f,
                   gconstpointer  data)
{
  g_autofree char *dump = table_dump (f->db,
    "SELECT (SELECT client_no FROM clients c WHERE c.id = client_id), date, kind, satisfaction, "
    "notes, follow_up_on, done FROM interactions ORDER BY id");

  g_assert_cmpstr (dump, ==,
    "3:C001|1:19754|3:survey|1:4|3:Happy, asked about ETFs|1:19783|1:0\n"
    /* 电话 = call */
    "3:C002|1:19755|3:call|5:(null)|5:(null)|5:(null)|1:1\n"
    /* notes keep their blanks */
    "3:C001|1:19756|3:visit|5:(null)|3:  spaces kept |5:(null)|1:0\n");
}

/* GB18030, Chinese column names and labels, a one-digit month and day. */
static void
test_gb18030 (BookFixture   *f,
              gconstpointer  data)
{
  g_autofree char *dump = NULL;

  import_ok (f->db, AWB_TABLE_CLIENTS, "clients-gb18030.csv");
  dump = table_dump (f->db, "SELECT client_no, name, gender, birth_date, marital_status, "
                            "employment, aum, (SELECT name FROM managers m WHERE m.id = manager_id), "
                            "loyalty_driver, notes FROM clients ORDER BY id");
  g_assert_cmpstr (dump, ==,
    /* 1975-1-9 = 1975-01-01 (5 × 365 + 1) + 8 */
    "3:G001|3:赵六|3:M|1:1834|3:married|3:retired|1:200000000|3:钱经理|3:no_alternative|3:老客户\n"
    "3:G002|3:孙七|3:F|5:(null)|3:widowed|3:unemployed|1:0|5:(null)|3:unknown|5:(null)\n");
}

static void
test_bom_crlf (BookFixture   *f,
               gconstpointer  data)
{
  g_autofree char *dump = NULL;

  import_ok (f->db, AWB_TABLE_CLIENTS, "clients-bom-crlf.csv");
  dump = table_dump (f->db, "SELECT client_no, name, city FROM clients ORDER BY id");
  g_assert_cmpstr (dump, ==, "3:B001|3:Bom, CRLF|3:深圳\n3:B002|3:plain|3:广州\n");
}

/* Columns in another order, optional ones absent. */
static void
test_reordered (BookFixture   *f,
                gconstpointer  data)
{
  g_autofree char *dump = NULL;

  import_ok (f->db, AWB_TABLE_TRADES, "trades-reordered.csv");
  dump = table_dump (f->db, TRADE_DUMP " LIMIT 2 OFFSET 4");
  g_assert_cmpstr (dump, ==,
    /* 2024-04-01 = 19723 + 31 + 29 + 31 */
    "3:T0100|3:C002|1:19814|5:(null)|1:20000|1:50|5:(null)|5:(null)|1:0\n"
    "3:T0101|3:C001|1:19815|5:(null)|1:300000|1:150|5:(null)|5:(null)|1:0\n");
}

static void
test_unknown_column (BookFixture   *f,
                     gconstpointer  data)
{
  g_autofree char *path = fixture_path ("trades-unknown-column.csv");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) warnings = NULL;
  guint64 n_rows = 0;

  g_assert_true (awb_import_file (f->db, AWB_TABLE_TRADES, path, NULL, NULL, NULL, &n_rows,
                                  &warnings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 1);
  g_assert_cmpuint (g_strv_length (warnings), ==, 1);
  g_assert_cmpstr (warnings[0], ==, "trades-unknown-column.csv:1: unknown column “broker” ignored");
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM trades"), ==, 5);
}

/* T0001 again, identical (written "1234.50" this time): skipped, counted. */
static void
test_same_trade_skipped (BookFixture   *f,
                         gconstpointer  data)
{
  g_autofree char *path = fixture_path ("trades-same.csv");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) warnings = NULL;
  guint64 n_rows = 0;

  g_assert_true (awb_import_file (f->db, AWB_TABLE_TRADES, path, NULL, NULL, NULL, &n_rows,
                                  &warnings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 1);
  g_assert_cmpstr (warnings[0], ==, "trades-same.csv: 1 trade already in the book with the "
                                    "same content was skipped");
  g_assert_null (warnings[1]);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM trades"), ==, 5);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM trades WHERE trade_no = 'T0001'"), ==, 1);
}

/* C001 changes aum and city, C002 is unchanged, C004 is new. */
static void
test_client_update (BookFixture   *f,
                    gconstpointer  data)
{
  g_autofree char *path = fixture_path ("clients-update.csv");
  g_autofree char *audit = NULL;
  g_autofree char *dump = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n_rows = 0;

  g_assert_true (awb_import_file (f->db, AWB_TABLE_CLIENTS, path, NULL, NULL, NULL, &n_rows,
                                  NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 3);
  audit = table_dump (f->db, "SELECT who, (SELECT client_no FROM clients c WHERE c.id = client_id), "
                             "field, old_value, new_value FROM audit_log ORDER BY id");
  g_assert_cmpstr (audit, ==,
                   "3:import|3:C001|3:city|3:北京|3:天津\n"
                   "3:import|3:C001|3:aum|3:1234567.89|3:2000000.00\n");
  dump = table_dump (f->db, "SELECT client_no, name, city, aum, birth_date FROM clients ORDER BY id");
  g_assert_cmpstr (dump, ==,
                   /* columns absent from the file keep their values */
                   "3:C001|3:张三|3:天津|1:200000000|1:3789\n"
                   "3:C002|3:李四|3:上海|1:0|1:7669\n"
                   "3:C003|3:Wang Wu|5:(null)|1:0|5:(null)\n"
                   "3:C004|3:New One|5:(null)|1:1000|5:(null)\n");
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit_log WHERE at LIKE '____-__-__T%Z'"),
                   ==, 2);
}

static char *write_generated (BookFixture *f, const char *contents);

/* New rows are written 32 per INSERT (awb-import.c (10)): 70 interactions
 * are two full batches and a short one, all in file order; 65 new clients
 * interleaved with an update of one already in the book. */
static void
test_batches (BookFixture   *f,
              gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("client_id,date,kind,notes\n");
  g_autofree char *path = NULL;
  g_autofree char *dump = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n_rows = 0;

  for (guint i = 0; i < 70; i++)
    g_string_append_printf (csv, "C00%u,2024-03-%02u,call,n%u\n", 1 + i % 3, 1 + i % 28, i);
  path = write_generated (f, csv->str);
  g_assert_true (awb_import_file (f->db, AWB_TABLE_INTERACTIONS, path, NULL, NULL, NULL, &n_rows,
                                  NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 70);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM interactions"), ==, 3 + 70);
  /* in file order: the k-th new row has notes "n<k>" */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM (SELECT notes, row_number() OVER "
                                     "(ORDER BY id) - 4 AS k FROM interactions) "
                                     "WHERE k >= 0 AND notes = 'n' || k"), ==, 70);
  dump = table_dump (f->db, "SELECT (SELECT client_no FROM clients c WHERE c.id = client_id), "
                            "date, kind, notes FROM interactions ORDER BY id DESC LIMIT 1");
  /* i = 69: C001 (69 % 3 = 0), 2024-03-14 (69 % 28 = 13) = 19723 + 31 + 29 + 13 */
  g_assert_cmpstr (dump, ==, "3:C001|1:19796|3:call|3:n69\n");

  g_string_assign (csv, "client_id,name\n");
  for (guint i = 0; i < 65; i++)
    {
      g_string_append_printf (csv, "N%03u,New %u\n", i, i);
      if (i == 40)
        g_string_append (csv, "C003,Wang Wu Jr\n");
    }
  g_clear_pointer (&path, g_free);
  path = write_generated (f, csv->str);
  g_assert_true (awb_import_file (f->db, AWB_TABLE_CLIENTS, path, NULL, NULL, NULL, &n_rows,
                                  NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 66);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM clients"), ==, 3 + 65);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM clients WHERE client_no LIKE 'N%' "
                                     "AND name = 'New ' || CAST(substr(client_no, 2) AS INTEGER)"),
                   ==, 65);
  g_clear_pointer (&dump, g_free);
  dump = table_dump (f->db, "SELECT field, old_value, new_value FROM audit_log");
  g_assert_cmpstr (dump, ==, "3:name|3:Wang Wu|3:Wang Wu Jr\n");
}

/* Trades are written 32 per INSERT too (awb-import.c (10)); when a batch
 * holds trades that were not inserted, each is sorted out by rowid. */
static GString *
trade_batch_csv (void)
{
  GString *csv = g_string_new ("trade_id,client_id,trade_date,amount,commission\n");

  g_string_append (csv, "A000,C001,2024-01-01,1.00,0.01\n");      /* line 2 */
  g_string_append (csv, "T0001,C001,2024-01-05,1234.50,3.70\n");  /* 3: in the book, identical */
  for (guint i = 1; i < 50; i++)                                    /* 4 … 52 */
    g_string_append_printf (csv, "A%03u,C002,2024-01-02,2.00,0.02\n", i);
  return csv;
}

static void
test_trade_batches (BookFixture   *f,
                    gconstpointer  data)
{
  g_autoptr(GString) csv = trade_batch_csv ();
  g_autofree char *path = write_generated (f, csv->str);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) warnings = NULL;
  guint64 n_rows = 0;

  g_assert_true (awb_import_file (f->db, AWB_TABLE_TRADES, path, NULL, NULL, NULL, &n_rows,
                                  &warnings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 50);
  g_assert_cmpstr (warnings[0], ==, "generated.csv: 1 trade already in the book with the same "
                                    "content was skipped");
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM trades"), ==, 4 + 50);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM trades WHERE trade_no LIKE 'A%' "
                                     "AND id = 5 + CAST(substr(trade_no, 2) AS INTEGER)"), ==, 50);
}

static void
test_trade_batches_bad (BookFixture   *f,
                        gconstpointer  data)
{
  g_autoptr(GString) csv = trade_batch_csv ();
  g_autofree char *before = book_checksum (f->db);
  g_autofree char *after = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  g_string_append (csv, "T0002,C001,2024-02-29,999.00,2.50\n");  /* 53: in the book, differs */
  g_string_append (csv, "A001,C001,2024-01-01,1.00,0.01\n");     /* 54: line 4 has it */
  g_string_append (csv, "B000,C001,2024-13-01,1.00,0.01\n");     /* 55: no such date */
  g_string_append (csv, "A049,C001,2024-01-01,1.00,0.01\n");     /* 56: line 52 has it */
  path = write_generated (f, csv->str);
  g_assert_false (awb_import_file (f->db, AWB_TABLE_TRADES, path, NULL, NULL, NULL, NULL, NULL,
                                   &error));
  g_assert_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_BAD_ROWS);
  g_assert_cmpstr (error->message, ==,
                   "generated.csv:53: column “amount”: trade “T0002” is already in the book with "
                   "“1000.00” in this column, not “999.00”\n"
                   "generated.csv:54: column “trade_id”: “A001” is already on line 4\n"
                   "generated.csv:55: column “trade_date”: “2024-13-01” is not a date that exists "
                   "(YYYY-MM-DD)\n"
                   "generated.csv:56: column “trade_id”: “A049” is already on line 52");
  after = book_checksum (f->db);
  g_assert_cmpstr (after, ==, before);
}

typedef struct
{
  const char   *name;
  AwbTableKind  kind;
  const char   *fixture;     /* NULL: the test writes "generated.csv" from contents */
  const char   *contents;
  int           code;
  const char   *message;
} BadCase;

static const BadCase bad_cases[] = {
  { "missing-column", AWB_TABLE_TRADES, "trades-missing-column.csv", NULL, AWB_IMPORT_ERROR_HEADER,
    "trades-missing-column.csv:1: the required column “commission” is missing" },
  { "missing-columns", AWB_TABLE_INTERACTIONS, NULL, "notes,client_id\nx,C001\n",
    AWB_IMPORT_ERROR_HEADER, "generated.csv:1: the required columns “date”, “kind” are missing" },
  { "column-twice", AWB_TABLE_TRADES, "trades-twice-column.csv", NULL, AWB_IMPORT_ERROR_HEADER,
    "trades-twice-column.csv:1: the column “commission” is given twice (columns 5 and 6)" },
  { "empty-file", AWB_TABLE_CLIENTS, NULL, "", AWB_IMPORT_ERROR_HEADER,
    "generated.csv: the file is empty; its first line must name the columns" },
  { "empty-required", AWB_TABLE_CLIENTS, "clients-empty-name.csv", NULL, AWB_IMPORT_ERROR_BAD_ROWS,
    "clients-empty-name.csv:3: column “name”: a value is required" },
  { "date-does-not-exist", AWB_TABLE_TRADES, "trades-bad-date.csv", NULL, AWB_IMPORT_ERROR_BAD_ROWS,
    "trades-bad-date.csv:2: column “trade_date”: “2023-02-29” is not a date that exists "
    "(YYYY-MM-DD)" },
  { "malformed-number", AWB_TABLE_CLIENTS, "clients-bad-number.csv", NULL,
    AWB_IMPORT_ERROR_BAD_ROWS, "clients-bad-number.csv:3: column “children”: “two” is not a whole "
                               "number" },
  { "money-three-decimals", AWB_TABLE_TRADES, "trades-three-decimals.csv", NULL,
    AWB_IMPORT_ERROR_BAD_ROWS, "trades-three-decimals.csv:2: column “amount”: “12.345” has more "
                               "than two decimals" },
  { "money-malformed", AWB_TABLE_TRADES, NULL,
    "trade_id,client_id,trade_date,amount,commission\nT9,C001,2024-01-01,\"12,34.00\",1\n",
    AWB_IMPORT_ERROR_BAD_ROWS, "generated.csv:2: column “amount”: “12,34.00” is not an amount of "
                               "money (like 1,234.50)" },
  { "negative-amount", AWB_TABLE_TRADES, "trades-negative.csv", NULL, AWB_IMPORT_ERROR_BAD_ROWS,
    "trades-negative.csv:2: column “commission”: “-5.00” is negative" },
  { "negative-aum", AWB_TABLE_CLIENTS, NULL, "client_id,name,aum\nC9,A,\"-1,000.00\"\n",
    AWB_IMPORT_ERROR_BAD_ROWS, "generated.csv:2: column “aum”: “-1,000.00” is negative" },
  { "bad-enumeration", AWB_TABLE_CLIENTS, "clients-bad-enum.csv", NULL, AWB_IMPORT_ERROR_BAD_ROWS,
    "clients-bad-enum.csv:2: column “gender”: “X” is not one of M, F (or their Chinese labels)\n"
    "clients-bad-enum.csv:3: column “marital_status”: “已结婚” is not one of single, married, "
    "divorced, widowed (or their Chinese labels)" },
  { "bad-risk-level", AWB_TABLE_TRADES, NULL,
    "trade_id,client_id,trade_date,amount,commission,product_risk\nT9,C001,2024-01-01,1,1,R6\n",
    AWB_IMPORT_ERROR_BAD_ROWS, "generated.csv:2: column “product_risk”: “R6” is not one of R1, R2, "
                               "R3, R4, R5" },
  { "out-of-range", AWB_TABLE_CLIENTS, NULL,
    "client_id,name,q_job,loss_tolerance_pct,share_of_wallet,cadence_days,lowest_category\n"
    "C9,A,6,101,100.5,0,2\n",
    AWB_IMPORT_ERROR_BAD_ROWS,
    "generated.csv:2: column “q_job”: “6” is not between 1 and 5; "
    "column “loss_tolerance_pct”: “101” is not between 0 and 100; "
    "column “share_of_wallet”: “100.5” is not between 0 and 100; "
    "column “cadence_days”: “0” is less than 1; "
    "column “lowest_category”: “2” is not 0 or 1" },
  { "duplicate-trade-id", AWB_TABLE_TRADES, "trades-duplicate-id.csv", NULL,
    AWB_IMPORT_ERROR_BAD_ROWS,
    "trades-duplicate-id.csv:4: column “trade_id”: “T0500” is already on line 2" },
  { "duplicate-client-id", AWB_TABLE_CLIENTS, "clients-duplicate-id.csv", NULL,
    AWB_IMPORT_ERROR_BAD_ROWS,
    "clients-duplicate-id.csv:4: column “client_id”: “C100” is already on line 2" },
  { "unknown-client", AWB_TABLE_TRADES, "trades-unknown-client.csv", NULL,
    AWB_IMPORT_ERROR_BAD_ROWS,
    "trades-unknown-client.csv:3: column “client_id”: there is no client “C999” in the book" },
  { "interaction-unknown-client", AWB_TABLE_INTERACTIONS, NULL,
    "客户号,日期,类型\nC404,2024-01-01,电话\n", AWB_IMPORT_ERROR_BAD_ROWS,
    "generated.csv:2: column “客户号”: there is no client “C404” in the book" },
  { "trade-id-in-book-differs", AWB_TABLE_TRADES, "trades-conflict.csv", NULL,
    AWB_IMPORT_ERROR_BAD_ROWS,
    "trades-conflict.csv:2: column “amount”: trade “T0001” is already in the book with “1234.50” "
    "in this column, not “1234.00”" },
  { "unterminated-quote", AWB_TABLE_CLIENTS, "clients-unterminated.csv", NULL,
    AWB_IMPORT_ERROR_BAD_ROWS,
    "clients-unterminated.csv:3: column “notes”: a quote opens a value that is never closed" },
  { "line-after-quoted-newlines", AWB_TABLE_CLIENTS, NULL,
    "client_id,name,notes\nC9,A,\"two\nlines\"\r\nC10,,\"x\"\n", AWB_IMPORT_ERROR_BAD_ROWS,
    "generated.csv:4: column “name”: a value is required" },
  { "field-count", AWB_TABLE_CLIENTS, NULL, "client_id,name\nC9,A,extra\nC10\n",
    AWB_IMPORT_ERROR_BAD_ROWS,
    "generated.csv:2: the line has 3 fields but the header has 2\n"
    "generated.csv:3: the line has 1 field but the header has 2" },
  { "no-known-encoding", AWB_TABLE_CLIENTS, "clients-bad-encoding.csv", NULL,
    AWB_IMPORT_ERROR_FILE,
    "clients-bad-encoding.csv:3: the file is neither UTF-8 nor GB18030 text (byte 0xFF cannot be "
    "read)" },
};

static char *
write_generated (BookFixture *f,
                 const char  *contents)
{
  g_autofree char *path = g_build_filename (f->dir, "generated.csv", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
test_bad (BookFixture   *f,
          gconstpointer  data)
{
  const BadCase *c = data;
  g_autofree char *before = book_checksum (f->db);
  g_autofree char *after = NULL;
  g_autofree char *path = c->fixture ? fixture_path (c->fixture) : write_generated (f, c->contents);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) warnings = NULL;
  guint64 n_rows = 12345;

  g_assert_false (awb_import_file (f->db, c->kind, path, NULL, NULL, NULL, &n_rows, &warnings,
                                   &error));
  g_assert_error (error, AWB_IMPORT_ERROR, c->code);
  g_assert_cmpstr (error->message, ==, c->message);
  /* outputs untouched, book unchanged, and still usable */
  g_assert_cmpuint (n_rows, ==, 12345);
  g_assert_null (warnings);
  after = book_checksum (f->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (sqlite3_get_autocommit (awb_database_get_handle (f->db)));
}

/* 105 bad lines among good ones: 100 reported, then the count of the rest. */
static void
test_many_bad_lines (BookFixture   *f,
                     gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("trade_id,client_id,trade_date,amount,commission\n");
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *before = book_checksum (f->db);
  g_autofree char *after = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  guint line = 2;

  for (guint i = 0; i < 105; i++)
    {
      g_string_append_printf (csv, "G%u,C001,2024-01-01,1.00,0.01\n", i);   /* good */
      line++;
      g_string_append_printf (csv, "B%u,C001,2024-13-01,1.00,0.01\n", i);   /* bad */
      if (i < 100)
        g_string_append_printf (expected, "%sgenerated.csv:%u: column “trade_date”: “2024-13-01” "
                                "is not a date that exists (YYYY-MM-DD)", i ? "\n" : "", line);
      line++;
    }
  g_string_append (expected, "\n… and 5 more bad lines");

  path = write_generated (f, csv->str);
  g_assert_false (awb_import_file (f->db, AWB_TABLE_TRADES, path, NULL, NULL, NULL, NULL, NULL,
                                   &error));
  g_assert_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_BAD_ROWS);
  g_assert_cmpstr (error->message, ==, expected->str);
  after = book_checksum (f->db);
  g_assert_cmpstr (after, ==, before);
}

/* A big file (its indexes are deferred) whose last line is bad: the
 * rollback brings back the dropped index too; the checksum covers the schema. */
static void
test_big_file_bad_last_line (BookFixture   *f,
                             gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("trade_id,client_id,trade_date,amount,commission\n");
  g_autofree char *before = book_checksum (f->db);
  g_autofree char *after = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 30000; i++)
    g_string_append_printf (csv, "N%06u,C002,2024-01-01,1.00,0.01\n", i);
  g_string_append (csv, "N999999,C002,2024-01-01,1.00,x\n");
  path = write_generated (f, csv->str);
  g_assert_false (awb_import_file (f->db, AWB_TABLE_TRADES, path, NULL, NULL, NULL, NULL, NULL,
                                   &error));
  g_assert_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_BAD_ROWS);
  g_assert_cmpstr (error->message, ==, "generated.csv:30002: column “commission”: “x” is not an "
                                       "amount of money (like 1,234.50)");
  after = book_checksum (f->db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (query_int (f->db, "PRAGMA foreign_keys"), ==, 1);
}

typedef struct
{
  GCancellable *cancellable;
  double        cancel_at;   /* > 1: never */
  guint         n_calls;
  double        last;
} ProgressRecord;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  ProgressRecord *r = user_data;

  g_assert_cmpfloat (fraction, >=, r->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  r->last = fraction;
  r->n_calls++;
  if (fraction >= r->cancel_at)
    g_cancellable_cancel (r->cancellable);
}

static char *
write_many_trades (BookFixture *f,
                   guint        n)
{
  g_autoptr(GString) csv = g_string_new ("trade_id,client_id,trade_date,amount,commission\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "M%06u,C00%u,2024-01-%02u,%u.00,1.00\n", i, 1 + i % 3,
                            1 + i % 28, i);
  return write_generated (f, csv->str);
}

static void
test_cancel (BookFixture   *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ProgressRecord record = { cancellable, 0.3, 0, 0 };
  g_autofree char *before = book_checksum (f->db);
  g_autofree char *after = NULL;
  g_autofree char *path = write_many_trades (f, 20000);
  g_autoptr(GError) error = NULL;

  g_assert_false (awb_import_file (f->db, AWB_TABLE_TRADES, path, on_progress, &record,
                                   cancellable, NULL, NULL, &error));
  g_assert_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_CANCELLED);
  g_assert_cmpstr (error->message, ==, "The import of “generated.csv” was cancelled; nothing was "
                                       "changed");
  g_assert_cmpfloat (record.last, >=, 0.3);
  g_assert_cmpfloat (record.last, <, 0.5);
  after = book_checksum (f->db);
  g_assert_cmpstr (after, ==, before);
}

/* Cancelled from the very first progress call, on a file too small for a
 * periodic check: still nothing changes. */
static void
test_cancel_small (BookFixture   *f,
                   gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ProgressRecord record = { cancellable, 0.0, 0, 0 };
  g_autofree char *before = book_checksum (f->db);
  g_autofree char *after = NULL;
  g_autofree char *path = fixture_path ("trades-reordered.csv");
  g_autoptr(GError) error = NULL;

  g_assert_false (awb_import_file (f->db, AWB_TABLE_TRADES, path, on_progress, &record,
                                   cancellable, NULL, NULL, &error));
  g_assert_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_CANCELLED);
  after = book_checksum (f->db);
  g_assert_cmpstr (after, ==, before);
}

static void
test_progress (BookFixture   *f,
               gconstpointer  data)
{
  ProgressRecord record = { NULL, 2.0, 0, 0 };
  g_autofree char *path = write_many_trades (f, 50000);
  g_autoptr(GError) error = NULL;
  guint64 n_rows = 0;

  g_assert_true (awb_import_file (f->db, AWB_TABLE_TRADES, path, on_progress, &record, NULL,
                                  &n_rows, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 50000);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM trades"), ==, 4 + 50000);
  /* 0, 1 and at most one call per 1/200 of the file in between */
  g_assert_cmpuint (record.n_calls, >=, 10);
  g_assert_cmpuint (record.n_calls, <=, 202);
  g_assert_cmpfloat (record.last, ==, 1.0);

  /* a file bigger than the table: its secondary indexes were built after
   * the last row (awb-import.c (9)), and are there, complete */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' "
                                     "AND name = 'trades_client'"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM trades INDEXED BY trades_client "
                                     "WHERE client_id > 0"), ==, 50004);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM pragma_integrity_check "
                                     "WHERE integrity_check != 'ok'"), ==, 0);
  /* the connection's settings are back (awb-import.c (8)) */
  g_assert_cmpint (query_int (f->db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (f->db, "PRAGMA cache_size"), ==, -2000);
}

static void
on_progress_crash (double   fraction,
                   gpointer user_data)
{
  if (fraction >= 0.5)
    kill (getpid (), SIGKILL);
}

/* A crash mid-import (the process killed, nothing cleaned up, the big
 * transaction half written and its indexes dropped) leaves the book as it
 * was: the next connection sees every table, row and index unchanged. */
static void
test_crash (BookFixture   *f,
            gconstpointer  data)
{
  g_autofree char *path = write_many_trades (f, 20000);
  g_autofree char *before = book_checksum (f->db);
  g_autofree char *after = NULL;
  g_autoptr(AwbDatabase) reopened = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  pid_t pid;

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      AwbDatabase *db = awb_database_open (f->path, NULL);

      awb_import_file (db, AWB_TABLE_TRADES, path, on_progress_crash, NULL, NULL, NULL, NULL,
                       NULL);
      _exit (0);  /* not reached: the progress callback kills the process */
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

  g_clear_object (&f->db);
  reopened = awb_database_open (f->path, &error);
  g_assert_no_error (error);
  after = book_checksum (reopened);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (query_int (reopened, "SELECT count(*) FROM pragma_integrity_check "
                                        "WHERE integrity_check != 'ok'"), ==, 0);
}

static void
test_missing_file (BookFixture   *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (awb_import_file (f->db, AWB_TABLE_CLIENTS, "/nonexistent/clients.csv", NULL,
                                   NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, AWB_IMPORT_ERROR, AWB_IMPORT_ERROR_FILE);
  g_assert_true (g_str_has_prefix (error->message, "Cannot read “/nonexistent/clients.csv”: "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, setup, func) \
  g_test_add (path, BookFixture, NULL, setup, func, book_fixture_teardown)

  ADD ("/awb/import/clients", book_fixture_setup, test_clients);
  ADD ("/awb/import/trades", base_setup, test_trades);
  ADD ("/awb/import/interactions", base_setup, test_interactions);
  ADD ("/awb/import/gb18030", book_fixture_setup, test_gb18030);
  ADD ("/awb/import/bom-crlf", book_fixture_setup, test_bom_crlf);
  ADD ("/awb/import/reordered-columns", base_setup, test_reordered);
  ADD ("/awb/import/unknown-column", base_setup, test_unknown_column);
  ADD ("/awb/import/same-trade-skipped", base_setup, test_same_trade_skipped);
  ADD ("/awb/import/client-update-audit", base_setup, test_client_update);
  ADD ("/awb/import/batches", base_setup, test_batches);
  ADD ("/awb/import/trade-batches", base_setup, test_trade_batches);
  ADD ("/awb/import/bad/trade-batches", base_setup, test_trade_batches_bad);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/awb/import/bad/%s", bad_cases[i].name);
      g_test_add (path, BookFixture, &bad_cases[i], base_setup, test_bad, book_fixture_teardown);
    }
  ADD ("/awb/import/bad/many-lines", base_setup, test_many_bad_lines);
  ADD ("/awb/import/bad/big-file-last-line", base_setup, test_big_file_bad_last_line);
  ADD ("/awb/import/cancel", base_setup, test_cancel);
  ADD ("/awb/import/cancel-small", base_setup, test_cancel_small);
  ADD ("/awb/import/progress", base_setup, test_progress);
  ADD ("/awb/import/crash", base_setup, test_crash);
  ADD ("/awb/import/missing-file", book_fixture_setup, test_missing_file);

  return g_test_run ();
}
