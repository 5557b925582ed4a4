/* awb-database.c: the client book, one SQLite file per book
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This file opens (creating if needed) a book, brings its schema up to date
 * and offers the few primitives every other store module uses: prepared
 * statements, transactions and the mapping of SQLite failures to GErrors a
 * person can read.
 *
 * NOTES ON THE DESIGN
 *
 *  (1) A book is one file, created with mode 0600 (client data is personal
 *      data); its folder is created 0700.  SQLite gives the -wal and -shm
 *      files the same permissions.
 *  (2) The file runs in WAL mode with foreign keys on and a busy timeout, so
 *      a reader (the window) and a writer (an import in a thread, on its own
 *      connection) do not block each other, and a crash mid-write leaves the
 *      last committed state.
 *  (3) PRAGMA user_version holds the schema version.  Migrations are numbered
 *      and run in one transaction together with the bumps of user_version
 *      (and, for a new book, the settings' defaults).  A file whose version is newer than this build knows is
 *      refused with AWB_DATABASE_ERROR_NEWER_SCHEMA before anything is
 *      written to it: not even the journal mode is changed.
 *  (4) Money columns are INTEGER fen.  Date columns are INTEGER day numbers
 *      (days since 1970-01-01; SQL: date(d * 86400, 'unixepoch')), which
 *      compare, subtract and aggregate without parsing.
 *  (5) Every write a user can cause runs in a transaction (awb_database_begin
 *      ... awb_database_commit, or awb_database_rollback on any failure): it
 *      all lands or none of it does.
 *  (6) Opening is safe when several programs create or open the same book
 *      at once: a book older than this build is migrated in one BEGIN
 *      IMMEDIATE transaction that reads user_version again first, so the
 *      second program waits (busy timeout) and finds the work done.  A
 *      user_version outside 0..AWB_DATABASE_SCHEMA_VERSION (negative, or
 *      newer) is refused before anything is written, in (3)'s check and
 *      again inside the transaction.
 *
 * TABLES (schema 1)
 *   managers       relationship managers, by name
 *   clients        one row per account; client_no is the account number
 *   trades         one row per trade; the columns a scoring run reads come first
 *   interactions   calls, visits, surveys ... with follow-ups
 *   scoring_runs   one row per run: as-of date, settings snapshot
 *   scores         one row per client and run: every computed label
 *   settings       key/value, every default of the spec, editable
 *   audit_log      who changed which field of which client, old and new value
 *
 * SCHEMA 2
 *   scan_packs     packed copies of the columns a scoring run reads, with
 *                  the triggers that delete them when they go stale
 *                  (awb-scan.c)
 *   scores         now keyed by id = run_id * 2^32 + client_id (run_id and
 *                  client_id are generated columns); a trigger deletes a
 *                  run's scores with the run; query a run's rows with
 *                  id >= (run << 32) AND id < ((run + 1) << 32)
 *
 * SCHEMA 3
 *   clients        name_key, the ICU collation key of the name (pinyin
 *                  order), and pinyin, its reading (awb-name-keys.c), kept
 *                  by whoever writes a name; the index clients_order
 *                  (name_key, client_no) is the client list's order, and
 *                  clients_manager_order the same per manager.  A program
 *                  that changes a name without them (the sqlite3 shell)
 *                  leaves them NULL through a trigger, and the next client
 *                  list made again (awb_database_refresh_name_keys)
 *   scores         first_action: the first next best action (AwbActionKind)
 *   book_meta      key/value facts about the book itself: name_keys, the
 *                  version of the ICU data the stored keys were made with
 *
 * SCHEMA 4
 *   scores         commission_12m: the commission of the 365 days up to the
 *                  run's date (fen), NULL in runs stored before schema 4
 *   run_stats      a run's counts and sums per manager (0: no manager),
 *                  dimension and key (awb-run-stats.c)
 *   run_kpis       a run's key figures per manager
 *   run_migrations the segment and tier migration from the run before,
 *                  per manager (-1: clients no longer in the book)
 *                  The trigger scoring_runs_delete deletes all three with
 *                  the run (and the migrations counted from it).
 *
 * SCHEMA 5
 *   sync_state     one row when the book is a working copy of a branch book
 *                  (awb-sync.c): server, login, role, manager, this book's
 *                  id, the pull cursor, the last sync
 *   sync_pulling   one row while the sync writes pulled rows
 *   sync_outbox    local changes waiting to be pushed, each with the value
 *                  it replaced, recorded by the triggers clients_outbox,
 *                  interactions_outbox_{insert,update,delete} and
 *                  audit_log_outbox while the book is attached and
 *                  sync_pulling is empty
 *   sync_conflicts fields changed on both sides, waiting for the user
 *
 * SQL FUNCTIONS (every connection of this file's)
 *   awb_name_key(name)        the collation key, a BLOB
 *   awb_name_pinyin(name)     the reading, TEXT
 *   awb_name_keys_version()   what book_meta.name_keys holds when current
 */
#define G_LOG_DOMAIN "awb-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "awb-database.h"
#include "awb-database-private.h"
#include "awb-name-keys.h"
#include "awb-settings-store.h"

struct _AwbDatabase
{
  GObject  parent_instance;

  sqlite3 *db;              /* the connection, owned */
  char    *path;            /* file name, as given */
  int      schema_version;  /* user_version after migration */
  gboolean branch_cache;  /* see _awb_database_set_branch_cache */
};

G_DEFINE_FINAL_TYPE (AwbDatabase, awb_database, G_TYPE_OBJECT)

G_DEFINE_QUARK (awb-database-error-quark, awb_database_error)

static gsize sqlite_configured;

/* Migration N brings a book from version N-1 to N. */
static const char *const migrations[] = {
  /* 1: the first schema */
  "CREATE TABLE managers ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE"
  ");"
  "CREATE TABLE clients ("
  "  id INTEGER PRIMARY KEY,"
  "  client_no TEXT NOT NULL UNIQUE,"            /* CSV client_id: the account number */
  "  name TEXT NOT NULL,"
  "  gender TEXT CHECK (gender IN ('M','F')),"
  "  birth_date INTEGER,"
  "  phone TEXT,"
  "  email TEXT,"
  "  id_number TEXT,"
  "  city TEXT,"
  "  region TEXT CHECK (region IN ('urban','rural')),"
  "  occupation TEXT,"
  "  education TEXT,"
  "  marital_status TEXT CHECK (marital_status IN ('single','married','divorced','widowed')),"
  "  children INTEGER CHECK (children >= 0),"
  "  youngest_child_age INTEGER CHECK (youngest_child_age >= 0),"
  "  employment TEXT CHECK (employment IN ('working','retired','unemployed')),"
  "  income_band TEXT CHECK (income_band IN ('low','lower_middle','upper_middle','high')),"
  "  aum INTEGER NOT NULL DEFAULT 0,"                /* fen */
  "  share_of_wallet REAL CHECK (share_of_wallet BETWEEN 0 AND 100),"
  "  opened_on INTEGER,"
  "  manager_id INTEGER REFERENCES managers (id),"
  "  channel TEXT CHECK (channel IN ('online','branch')),"
  "  need_type TEXT CHECK (need_type IN ('basic','professional')),"
  "  q_job INTEGER CHECK (q_job BETWEEN 1 AND 5),"
  "  q_burden INTEGER CHECK (q_burden BETWEEN 1 AND 5),"
  "  q_housing INTEGER CHECK (q_housing BETWEEN 1 AND 5),"
  "  q_experience INTEGER CHECK (q_experience BETWEEN 1 AND 5),"
  "  q_knowledge INTEGER CHECK (q_knowledge BETWEEN 1 AND 5),"
  "  loss_tolerance_pct INTEGER CHECK (loss_tolerance_pct BETWEEN 0 AND 100),"
  "  q_priority INTEGER CHECK (q_priority BETWEEN 1 AND 5),"
  "  q_stoploss INTEGER CHECK (q_stoploss BETWEEN 1 AND 5),"
  "  q_if_loss INTEGER CHECK (q_if_loss BETWEEN 1 AND 5),"
  "  q_watching INTEGER CHECK (q_watching BETWEEN 1 AND 5),"
  "  q_results INTEGER CHECK (q_results BETWEEN 1 AND 5),"
  "  assessed_on INTEGER,"
  "  lowest_category INTEGER NOT NULL DEFAULT 0 CHECK (lowest_category IN (0,1)),"
  "  loyalty_driver TEXT CHECK (loyalty_driver IN"
  "    ('trust','price','habit','relationship','no_alternative','unknown')),"
  "  referrals INTEGER CHECK (referrals >= 0),"
  "  competitor_account INTEGER CHECK (competitor_account IN (0,1)),"
  "  cadence_days INTEGER CHECK (cadence_days >= 1),"
  "  family_stage_override TEXT,"
  "  notes TEXT"
  ");"
  "CREATE INDEX clients_manager ON clients (manager_id);"
  "CREATE INDEX clients_name ON clients (name);"
  /* The columns a scoring run reads come first, so reading a row stops early. */
  "CREATE TABLE trades ("
  "  id INTEGER PRIMARY KEY,"
  "  client_id INTEGER NOT NULL REFERENCES clients (id),"
  "  trade_date INTEGER NOT NULL,"
  "  commission INTEGER NOT NULL,"                   /* fen */
  "  amount INTEGER NOT NULL,"                       /* fen */
  "  product_risk INTEGER CHECK (product_risk BETWEEN 1 AND 5),"
  "  override_signed INTEGER NOT NULL DEFAULT 0 CHECK (override_signed IN (0,1)),"
  "  side TEXT CHECK (side IN ('buy','sell')),"
  "  product_code TEXT,"
  "  trade_no TEXT NOT NULL UNIQUE"
  ");"
  "CREATE INDEX trades_client ON trades (client_id, trade_date);"
  "CREATE TABLE interactions ("
  "  id INTEGER PRIMARY KEY,"
  "  client_id INTEGER NOT NULL REFERENCES clients (id),"
  "  date INTEGER NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN"
  "    ('call','visit','event','survey','complaint','education')),"
  "  satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),"
  "  notes TEXT,"
  "  follow_up_on INTEGER,"
  "  done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0,1))"
  ");"
  "CREATE INDEX interactions_client ON interactions (client_id, date);"
  "CREATE INDEX interactions_follow_up ON interactions (follow_up_on) WHERE done = 0;"
  "CREATE TABLE scoring_runs ("
  "  id INTEGER PRIMARY KEY,"
  "  created_at TEXT NOT NULL,"                      /* ISO 8601 UTC timestamp */
  "  as_of INTEGER NOT NULL,"
  "  settings TEXT NOT NULL,"                        /* snapshot, key=value lines */
  "  n_clients INTEGER NOT NULL DEFAULT 0"
  ");"
  /* Labels are stored as the enumerator values of awb-codes.h. */
  "CREATE TABLE scores ("
  "  run_id INTEGER NOT NULL REFERENCES scoring_runs (id) ON DELETE CASCADE,"
  "  client_id INTEGER NOT NULL,"
  "  recency_days INTEGER, frequency INTEGER, monetary INTEGER,"
  "  r_score INTEGER, f_score INTEGER, m_score INTEGER,"
  "  rfm_segment INTEGER, rfm_state INTEGER,"
  "  tier_score REAL, tier INTEGER, service_group INTEGER,"
  "  cadence_days INTEGER, overdue INTEGER,"
  "  capital_size INTEGER, turnover_class INTEGER,"
  "  dependency REAL, persistence REAL, loyalty_type INTEGER, loyalty_score REAL,"
  "  lifecycle INTEGER,"
  "  capacity INTEGER, attitude INTEGER, capacity_band INTEGER, attitude_band INTEGER,"
  "  risk_level INTEGER, questionnaire_expired INTEGER,"
  "  alloc_low INTEGER, alloc_mid INTEGER, alloc_high INTEGER, mismatches INTEGER,"
  "  age_group INTEGER, life_stage INTEGER, family_stage INTEGER,"
  "  clv INTEGER, value_tier INTEGER,"               /* clv in fen */
  "  PRIMARY KEY (run_id, client_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL,"
  "  who TEXT NOT NULL,"
  "  client_id INTEGER NOT NULL,"
  "  field TEXT NOT NULL,"
  "  old_value TEXT,"
  "  new_value TEXT"
  ");"
  "CREATE INDEX audit_log_client ON audit_log (client_id, at);",
  /* 2: packed copies of what a scoring run reads (awb-scan.c), kept honest
   * by triggers: a change to a scanned column, a deleted row, or a row
   * inserted among the packed ones deletes the table's packs */
  "CREATE TABLE scan_packs ("
  "  tbl TEXT NOT NULL,"
  "  first_id INTEGER NOT NULL,"
  "  last_id INTEGER NOT NULL,"
  "  n INTEGER NOT NULL,"
  "  format INTEGER NOT NULL,"
  "  data BLOB NOT NULL"
  ");"
  "CREATE UNIQUE INDEX scan_packs_tbl ON scan_packs (tbl, first_id);"
  /* scores keyed by one integer, run_id * 2^32 + client_id: a run appends
   * to a rowid table, SQLite's cheapest insert (WITHOUT ROWID cost 40 %
   * more per row); run_id and client_id remain columns to query */
  "CREATE TABLE scores_2 ("
  "  id INTEGER PRIMARY KEY,"
  "  run_id INTEGER GENERATED ALWAYS AS (id >> 32) VIRTUAL,"
  "  client_id INTEGER GENERATED ALWAYS AS (id & 4294967295) VIRTUAL,"
  "  recency_days INTEGER, frequency INTEGER, monetary INTEGER,"
  "  r_score INTEGER, f_score INTEGER, m_score INTEGER,"
  "  rfm_segment INTEGER, rfm_state INTEGER,"
  "  tier_score REAL, tier INTEGER, service_group INTEGER,"
  "  cadence_days INTEGER, overdue INTEGER,"
  "  capital_size INTEGER, turnover_class INTEGER,"
  "  dependency REAL, persistence REAL, loyalty_type INTEGER, loyalty_score REAL,"
  "  lifecycle INTEGER,"
  "  capacity INTEGER, attitude INTEGER, capacity_band INTEGER, attitude_band INTEGER,"
  "  risk_level INTEGER, questionnaire_expired INTEGER,"
  "  alloc_low INTEGER, alloc_mid INTEGER, alloc_high INTEGER, mismatches INTEGER,"
  "  age_group INTEGER, life_stage INTEGER, family_stage INTEGER,"
  "  clv INTEGER, value_tier INTEGER"
  ");"
  "INSERT INTO scores_2 (id, recency_days, frequency, monetary, r_score, f_score, m_score, rfm_segment, rfm_state,"
  " tier_score, tier, service_group, cadence_days, overdue, capital_size, turnover_class,"
  " dependency, persistence, loyalty_type, loyalty_score, lifecycle, capacity, attitude,"
  " capacity_band, attitude_band, risk_level, questionnaire_expired, alloc_low, alloc_mid,"
  " alloc_high, mismatches, age_group, life_stage, family_stage, clv, value_tier)"
  " SELECT (run_id << 32) | client_id, recency_days, frequency, monetary, r_score, f_score, m_score, rfm_segment, rfm_state,"
  " tier_score, tier, service_group, cadence_days, overdue, capital_size, turnover_class,"
  " dependency, persistence, loyalty_type, loyalty_score, lifecycle, capacity, attitude,"
  " capacity_band, attitude_band, risk_level, questionnaire_expired, alloc_low, alloc_mid,"
  " alloc_high, mismatches, age_group, life_stage, family_stage, clv, value_tier"
  " FROM scores;"
  "DROP TABLE scores;"
  "ALTER TABLE scores_2 RENAME TO scores;"
  "CREATE TRIGGER scoring_runs_delete AFTER DELETE ON scoring_runs BEGIN"
  "  DELETE FROM scores WHERE id >= (OLD.id << 32) AND id < ((OLD.id + 1) << 32);"
  " END;"
  "CREATE TRIGGER clients_packs_insert AFTER INSERT ON clients"
  " WHEN NEW.id <= (SELECT last_id FROM scan_packs WHERE tbl = 'clients' ORDER BY first_id DESC LIMIT 1)"
  " BEGIN DELETE FROM scan_packs WHERE tbl = 'clients'; END;"
  "CREATE TRIGGER clients_packs_update AFTER UPDATE OF"
  "  id, client_no, birth_date, opened_on, assessed_on, aum, share_of_wallet,"
  "  marital_status, employment, need_type, loyalty_driver, family_stage_override,"
  "  lowest_category, competitor_account, children, youngest_child_age, referrals,"
  "  cadence_days, q_job, q_burden, q_housing, q_experience, q_knowledge,"
  "  q_priority, q_stoploss, q_if_loss, q_watching, q_results, loss_tolerance_pct"
  "  ON clients BEGIN DELETE FROM scan_packs WHERE tbl = 'clients'; END;"
  "CREATE TRIGGER clients_packs_delete AFTER DELETE ON clients"
  " BEGIN DELETE FROM scan_packs WHERE tbl = 'clients'; END;"
  "CREATE TRIGGER trades_packs_insert AFTER INSERT ON trades"
  " WHEN NEW.id <= (SELECT last_id FROM scan_packs WHERE tbl = 'trades' ORDER BY first_id DESC LIMIT 1)"
  " BEGIN DELETE FROM scan_packs WHERE tbl = 'trades'; END;"
  "CREATE TRIGGER trades_packs_update AFTER UPDATE OF"
  "  id, client_id, trade_date, commission, amount, product_risk, override_signed"
  "  ON trades BEGIN DELETE FROM scan_packs WHERE tbl = 'trades'; END;"
  "CREATE TRIGGER trades_packs_delete AFTER DELETE ON trades"
  " BEGIN DELETE FROM scan_packs WHERE tbl = 'trades'; END;"
  "CREATE TRIGGER interactions_packs_insert AFTER INSERT ON interactions"
  " WHEN NEW.id <= (SELECT last_id FROM scan_packs WHERE tbl = 'interactions' ORDER BY first_id DESC LIMIT 1)"
  " BEGIN DELETE FROM scan_packs WHERE tbl = 'interactions'; END;"
  "CREATE TRIGGER interactions_packs_update AFTER UPDATE OF"
  "  id, client_id, date, kind, satisfaction"
  "  ON interactions BEGIN DELETE FROM scan_packs WHERE tbl = 'interactions'; END;"
  "CREATE TRIGGER interactions_packs_delete AFTER DELETE ON interactions"
  " BEGIN DELETE FROM scan_packs WHERE tbl = 'interactions'; END;",
  /* 3: the client list's keys: names in pinyin order and searchable by
   * their reading; the first next best action of each score */
  "ALTER TABLE clients ADD COLUMN name_key BLOB;"
  "ALTER TABLE clients ADD COLUMN pinyin TEXT;"
  "DROP INDEX clients_name;"
  "DROP INDEX clients_manager;"
  "UPDATE clients SET name_key = awb_name_key (name), pinyin = awb_name_pinyin (name);"
  "CREATE INDEX clients_order ON clients (name_key, client_no);"
  "CREATE INDEX clients_manager_order ON clients (manager_id, name_key, client_no);"
  "CREATE TRIGGER clients_name_keys AFTER UPDATE OF name ON clients"
  " WHEN NEW.name IS NOT OLD.name AND NEW.name_key IS OLD.name_key"
  " BEGIN UPDATE clients SET name_key = NULL, pinyin = NULL WHERE id = NEW.id; END;"
  "ALTER TABLE scores ADD COLUMN first_action INTEGER;"
  "CREATE TABLE book_meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "INSERT INTO book_meta (key, value) VALUES ('name_keys', awb_name_keys_version ());",
  /* 4: what a run counts, per manager, for the dashboard (awb-run-stats.c),
   * deleted with the run; the commission each run's clients earned in the
   * 365 days up to its date (NULL in the runs stored before) */
  "ALTER TABLE scores ADD COLUMN commission_12m INTEGER;"
  "CREATE TABLE run_stats ("
  "  run_id INTEGER NOT NULL,"
  "  manager_id INTEGER NOT NULL,"                   /* 0: clients without a manager */
  "  dim TEXT NOT NULL,"                             /* awb_stat_dimension_to_string */
  "  key TEXT NOT NULL,"
  "  key2 TEXT NOT NULL,"                            /* '' for one-key dimensions */
  "  n INTEGER NOT NULL,"
  "  aum INTEGER NOT NULL,"
  "  commission INTEGER NOT NULL,"
  "  monetary INTEGER NOT NULL,"
  "  clv INTEGER NOT NULL,"
  "  alloc_low INTEGER NOT NULL,"
  "  alloc_mid INTEGER NOT NULL,"
  "  alloc_high INTEGER NOT NULL,"
  "  n_alloc INTEGER NOT NULL,"
  "  PRIMARY KEY (run_id, manager_id, dim, key, key2)"
  ") WITHOUT ROWID;"
  "CREATE TABLE run_kpis ("
  "  run_id INTEGER NOT NULL,"
  "  manager_id INTEGER NOT NULL,"
  "  n_clients INTEGER NOT NULL,"
  "  n_scored INTEGER NOT NULL,"
  "  n_active INTEGER NOT NULL,"
  "  n_churn_risk INTEGER NOT NULL,"
  "  n_mismatched INTEGER NOT NULL,"
  "  n_overdue_follow_ups INTEGER NOT NULL,"
  "  aum INTEGER NOT NULL,"
  "  clv INTEGER NOT NULL,"
  "  commission INTEGER NOT NULL,"
  "  satisfaction_sum INTEGER NOT NULL,"
  "  n_satisfaction INTEGER NOT NULL,"
  "  PRIMARY KEY (run_id, manager_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE run_migrations ("
  "  run_id INTEGER NOT NULL,"
  "  from_run INTEGER NOT NULL,"
  "  manager_id INTEGER NOT NULL,"                   /* -1: a client no longer in the book */
  "  kind TEXT NOT NULL,"                            /* 'segments' or 'tiers' */
  "  from_key TEXT NOT NULL,"
  "  to_key TEXT NOT NULL,"
  "  n INTEGER NOT NULL,"
  "  PRIMARY KEY (run_id, from_run, manager_id, kind, from_key, to_key)"
  ") WITHOUT ROWID;"
  "CREATE INDEX run_migrations_from ON run_migrations (from_run);"
  "DROP TRIGGER scoring_runs_delete;"
  "CREATE TRIGGER scoring_runs_delete AFTER DELETE ON scoring_runs BEGIN"
  "  DELETE FROM scores WHERE id >= (OLD.id << 32) AND id < ((OLD.id + 1) << 32);"
  "  DELETE FROM run_stats WHERE run_id = OLD.id;"
  "  DELETE FROM run_kpis WHERE run_id = OLD.id;"
  "  DELETE FROM run_migrations WHERE run_id = OLD.id OR from_run = OLD.id;"
  " END;",
  /* 5: a working copy of the branch book (awb-sync.c): the server it is
   * attached to and how far it has pulled, the local changes waiting to be
   * pushed (recorded by the triggers below while the book is attached and
   * the sync itself is not writing pulled rows) and the conflicts waiting
   * for the user */
  "CREATE TABLE sync_state ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  server TEXT NOT NULL,"                          /* display URI, no password */
  "  user TEXT NOT NULL,"                            /* the login */
  "  role TEXT NOT NULL,"                            /* 'manager', 'branch', 'admin' */
  "  manager TEXT,"
  "  manager_id INTEGER,"
  "  book_id TEXT NOT NULL,"                         /* names this book's pushes: awb.applied */
  "  cursor INTEGER NOT NULL DEFAULT 0,"             /* every server rev up to it is pulled */
  "  pending_rev INTEGER,"                           /* a cursor waiting for ... */
  "  pending_xid TEXT,"                              /* ... this server transaction to end */
  "  last_synced_at TEXT"
  ");"
  /* one row while the sync writes pulled rows: the triggers keep quiet */
  "CREATE TABLE sync_pulling (id INTEGER PRIMARY KEY CHECK (id = 1));"
  "CREATE TABLE sync_outbox ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"          /* never reused: awb.applied knows them */
  "  tbl TEXT NOT NULL,"                             /* 'clients', 'interactions', 'audit_log' */
  "  row_id INTEGER NOT NULL,"
  "  field TEXT,"                                    /* NULL for an insert or delete */
  "  old_value,"
  "  new_value,"
  "  op TEXT NOT NULL CHECK (op IN ('insert','update','delete'))"
  ");"
  "CREATE TABLE sync_conflicts ("
  "  id INTEGER PRIMARY KEY,"
  "  tbl TEXT NOT NULL,"
  "  row_id INTEGER NOT NULL,"
  "  client_id INTEGER NOT NULL,"
  "  field TEXT NOT NULL,"
  "  local_value,"
  "  server_value,"
  "  server_user TEXT,"
  "  at TEXT NOT NULL"
  ");"
  "CREATE TRIGGER clients_outbox AFTER UPDATE ON clients"
  " WHEN EXISTS (SELECT 1 FROM sync_state) AND NOT EXISTS (SELECT 1 FROM sync_pulling)"
  " BEGIN INSERT INTO sync_outbox (tbl, row_id, field, old_value, new_value, op)"
  "  SELECT 'clients', NEW.id, f, o, n, 'update' FROM ("
  "    SELECT 'name' AS f, OLD.name AS o, NEW.name AS n"
  "    UNION ALL SELECT 'gender', OLD.gender, NEW.gender"
  "    UNION ALL SELECT 'birth_date', OLD.birth_date, NEW.birth_date"
  "    UNION ALL SELECT 'phone', OLD.phone, NEW.phone"
  "    UNION ALL SELECT 'email', OLD.email, NEW.email"
  "    UNION ALL SELECT 'id_number', OLD.id_number, NEW.id_number"
  "    UNION ALL SELECT 'city', OLD.city, NEW.city"
  "    UNION ALL SELECT 'region', OLD.region, NEW.region"
  "    UNION ALL SELECT 'occupation', OLD.occupation, NEW.occupation"
  "    UNION ALL SELECT 'education', OLD.education, NEW.education"
  "    UNION ALL SELECT 'marital_status', OLD.marital_status, NEW.marital_status"
  "    UNION ALL SELECT 'children', OLD.children, NEW.children"
  "    UNION ALL SELECT 'youngest_child_age', OLD.youngest_child_age, NEW.youngest_child_age"
  "    UNION ALL SELECT 'employment', OLD.employment, NEW.employment"
  "    UNION ALL SELECT 'income_band', OLD.income_band, NEW.income_band"
  "    UNION ALL SELECT 'channel', OLD.channel, NEW.channel"
  "    UNION ALL SELECT 'need_type', OLD.need_type, NEW.need_type"
  "    UNION ALL SELECT 'q_job', OLD.q_job, NEW.q_job"
  "    UNION ALL SELECT 'q_burden', OLD.q_burden, NEW.q_burden"
  "    UNION ALL SELECT 'q_housing', OLD.q_housing, NEW.q_housing"
  "    UNION ALL SELECT 'q_experience', OLD.q_experience, NEW.q_experience"
  "    UNION ALL SELECT 'q_knowledge', OLD.q_knowledge, NEW.q_knowledge"
  "    UNION ALL SELECT 'loss_tolerance_pct', OLD.loss_tolerance_pct, NEW.loss_tolerance_pct"
  "    UNION ALL SELECT 'q_priority', OLD.q_priority, NEW.q_priority"
  "    UNION ALL SELECT 'q_stoploss', OLD.q_stoploss, NEW.q_stoploss"
  "    UNION ALL SELECT 'q_if_loss', OLD.q_if_loss, NEW.q_if_loss"
  "    UNION ALL SELECT 'q_watching', OLD.q_watching, NEW.q_watching"
  "    UNION ALL SELECT 'q_results', OLD.q_results, NEW.q_results"
  "    UNION ALL SELECT 'assessed_on', OLD.assessed_on, NEW.assessed_on"
  "    UNION ALL SELECT 'lowest_category', OLD.lowest_category, NEW.lowest_category"
  "    UNION ALL SELECT 'loyalty_driver', OLD.loyalty_driver, NEW.loyalty_driver"
  "    UNION ALL SELECT 'referrals', OLD.referrals, NEW.referrals"
  "    UNION ALL SELECT 'competitor_account', OLD.competitor_account, NEW.competitor_account"
  "    UNION ALL SELECT 'cadence_days', OLD.cadence_days, NEW.cadence_days"
  "    UNION ALL SELECT 'family_stage_override', OLD.family_stage_override, NEW.family_stage_override"
  "    UNION ALL SELECT 'notes', OLD.notes, NEW.notes"
  "  ) WHERE o IS NOT n; END;"
  "CREATE TRIGGER interactions_outbox_insert AFTER INSERT ON interactions"
  " WHEN EXISTS (SELECT 1 FROM sync_state) AND NOT EXISTS (SELECT 1 FROM sync_pulling)"
  " BEGIN INSERT INTO sync_outbox (tbl, row_id, op) VALUES ('interactions', NEW.id, 'insert'); END;"
  "CREATE TRIGGER interactions_outbox_update AFTER UPDATE ON interactions"
  " WHEN EXISTS (SELECT 1 FROM sync_state) AND NOT EXISTS (SELECT 1 FROM sync_pulling)"
  " BEGIN INSERT INTO sync_outbox (tbl, row_id, field, old_value, new_value, op)"
  "  SELECT 'interactions', NEW.id, f, o, n, 'update' FROM ("
  "    SELECT 'client_id' AS f, OLD.client_id AS o, NEW.client_id AS n"
  "    UNION ALL SELECT 'date', OLD.date, NEW.date"
  "    UNION ALL SELECT 'kind', OLD.kind, NEW.kind"
  "    UNION ALL SELECT 'satisfaction', OLD.satisfaction, NEW.satisfaction"
  "    UNION ALL SELECT 'notes', OLD.notes, NEW.notes"
  "    UNION ALL SELECT 'follow_up_on', OLD.follow_up_on, NEW.follow_up_on"
  "    UNION ALL SELECT 'done', OLD.done, NEW.done"
  "  ) WHERE o IS NOT n; END;"
  "CREATE TRIGGER interactions_outbox_delete AFTER DELETE ON interactions"
  " WHEN EXISTS (SELECT 1 FROM sync_state) AND NOT EXISTS (SELECT 1 FROM sync_pulling)"
  " BEGIN INSERT INTO sync_outbox (tbl, row_id, op) VALUES ('interactions', OLD.id, 'delete'); END;"
  "CREATE TRIGGER audit_log_outbox AFTER INSERT ON audit_log"
  " WHEN EXISTS (SELECT 1 FROM sync_state) AND NOT EXISTS (SELECT 1 FROM sync_pulling)"
  " BEGIN INSERT INTO sync_outbox (tbl, row_id, op) VALUES ('audit_log', NEW.id, 'insert'); END;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == AWB_DATABASE_SCHEMA_VERSION);

static void
awb_database_finalize (GObject *object)
{
  AwbDatabase *self = (AwbDatabase *)object;

  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (awb_database_parent_class)->finalize (object);
}

static void
awb_database_class_init (AwbDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = awb_database_finalize;
}

static void
awb_database_init (AwbDatabase *self)
{
}

static int
code_for_rc (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return AWB_DATABASE_ERROR_BUSY;
    case SQLITE_FULL:
      return AWB_DATABASE_ERROR_FULL;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return AWB_DATABASE_ERROR_READONLY;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return AWB_DATABASE_ERROR_NOT_A_BOOK;
    case SQLITE_CANTOPEN:
      return AWB_DATABASE_ERROR_OPEN;
    case SQLITE_CONSTRAINT:
      return AWB_DATABASE_ERROR_INVALID;
    default:
      return AWB_DATABASE_ERROR_FAILED;
    }
}

static gboolean
set_error_for_db (sqlite3     *db,
                  const char  *path,
                  int          rc,
                  GError     **error)
{
  int code = code_for_rc (rc);
  const char *detail = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (code)
    {
    case AWB_DATABASE_ERROR_BUSY:
      g_set_error (error, AWB_DATABASE_ERROR, code,
                   _("The book “%s” is locked by another program: %s"), path, detail);
      break;
    case AWB_DATABASE_ERROR_FULL:
      g_set_error (error, AWB_DATABASE_ERROR, code,
                   _("The disk holding “%s” is full; nothing was changed"), path);
      break;
    case AWB_DATABASE_ERROR_READONLY:
      g_set_error (error, AWB_DATABASE_ERROR, code,
                   _("The book “%s” cannot be written: %s"), path, detail);
      break;
    case AWB_DATABASE_ERROR_NOT_A_BOOK:
      g_set_error (error, AWB_DATABASE_ERROR, code,
                   _("“%s” is not an Advisor Workbench book, or it is damaged: %s"),
                   path, detail);
      break;
    default:
      g_set_error (error, AWB_DATABASE_ERROR, code,
                   _("Database error in “%s”: %s"), path, detail);
      break;
    }
  return FALSE;
}

/**
 * awb_database_set_error:
 *
 * Sets @error from the SQLite result code @rc and the connection's last
 * message.  Always returns %FALSE, so a caller can `return
 * awb_database_set_error (...)`.
 */
gboolean
awb_database_set_error (AwbDatabase  *self,
                        int           rc,
                        GError      **error)
{
  g_return_val_if_fail (AWB_IS_DATABASE (self), FALSE);

  return set_error_for_db (self->db, self->path, rc, error);
}

/**
 * awb_database_step:
 *
 * Steps @stmt once: a row or the end is success; anything else sets @error
 * as awb_database_set_error() does.
 */
gboolean
awb_database_step (AwbDatabase   *self,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return awb_database_set_error (self, rc, error);
  return TRUE;
}

/**
 * awb_database_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/advisor-workbench/book.sqlite`.
 */
char *
awb_database_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "advisor-workbench", "book.sqlite", NULL);
}

static gboolean
exec_on (sqlite3     *db,
         const char  *path,
         const char  *sql,
         GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_error_for_db (db, path, rc, error);
  return TRUE;
}

/* The state of the SQL functions of one connection: the name keys are
 * made lazily, on the first call, since most connections never call them. */
typedef struct
{
  AwbNameKeys *keys;   /* NULL until first used */
} NameFunctions;

static void
name_functions_free (gpointer data)
{
  NameFunctions *fns = data;

  g_clear_pointer (&fns->keys, awb_name_keys_free);
  g_free (fns);
}

static AwbNameKeys *
name_functions_keys (sqlite3_context *context)
{
  NameFunctions *fns = sqlite3_user_data (context);
  g_autoptr(GError) error = NULL;

  if (fns->keys == NULL)
    fns->keys = awb_name_keys_new (&error);
  if (fns->keys == NULL)
    sqlite3_result_error (context, error->message, -1);
  return fns->keys;
}

static void
name_key_function (sqlite3_context  *context,
                   int               argc,
                   sqlite3_value   **argv)
{
  AwbNameKeys *keys = name_functions_keys (context);
  const char *name = (const char *) sqlite3_value_text (argv[0]);
  g_autoptr(GByteArray) key = NULL;

  if (keys == NULL)
    return;
  if (name == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  key = g_byte_array_new ();
  awb_name_keys_sort_key (keys, name, key);
  sqlite3_result_blob (context, key->data, (int) key->len, SQLITE_TRANSIENT);
}

static void
name_pinyin_function (sqlite3_context  *context,
                      int               argc,
                      sqlite3_value   **argv)
{
  AwbNameKeys *keys = name_functions_keys (context);
  const char *name = (const char *) sqlite3_value_text (argv[0]);
  g_autoptr(GString) pinyin = NULL;

  if (keys == NULL)
    return;
  if (name == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  pinyin = g_string_new (NULL);
  awb_name_keys_pinyin (keys, name, pinyin);
  sqlite3_result_text (context, pinyin->str, (int) pinyin->len, SQLITE_TRANSIENT);
}

static void
name_keys_version_function (sqlite3_context  *context,
                            int               argc,
                            sqlite3_value   **argv)
{
  AwbNameKeys *keys = name_functions_keys (context);

  if (keys != NULL)
    sqlite3_result_text (context, awb_name_keys_get_version (keys), -1, SQLITE_TRANSIENT);
}

/* Registers the SQL functions of the file's header on @db. */
static int
create_functions (sqlite3 *db)
{
  NameFunctions *fns = g_new0 (NameFunctions, 1);
  int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY;
  int rc;

  /* the first owns @fns: SQLite frees it when the connection closes */
  rc = sqlite3_create_function_v2 (db, "awb_name_key", 1, flags, fns, name_key_function, NULL,
                                   NULL, name_functions_free);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (db, "awb_name_pinyin", 1, flags, fns, name_pinyin_function,
                                     NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (db, "awb_name_keys_version", 0, flags, fns,
                                     name_keys_version_function, NULL, NULL, NULL);
  return rc;
}

static int
read_user_version (sqlite3 *db,
                   int     *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          version = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  *rc_out = rc;
  return version;
}

/* Creates @path's folder (0700) and the file itself (0600) if they do not
 * exist, so SQLite never creates it with the umask's looser mode. */
static gboolean
create_file_private (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_OPEN,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST)
    {
      int saved_errno = errno;
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_OPEN,
                   _("Cannot create the book “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  if (fd >= 0)
    close (fd);
  return TRUE;
}

/* PRAGMA journal_mode = WAL.  Changing the mode of a file another program
 * reads fails at once with SQLITE_BUSY, without waiting in the busy
 * handler (programs creating the same new book at once meet here): tried
 * again every 20 ms up to the busy timeout.  A file already in WAL mode
 * takes no lock. */
static gboolean
set_wal (sqlite3     *db,
         const char  *path,
         GError     **error)
{
  gint64 deadline = g_get_monotonic_time () + AWB_DATABASE_BUSY_TIMEOUT_MS * G_GINT64_CONSTANT (1000);
  int rc;

  while ((rc = sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL)) != SQLITE_OK &&
         (rc & 0xff) == SQLITE_BUSY && g_get_monotonic_time () < deadline)
    g_usleep (20000);
  if (rc != SQLITE_OK)
    return set_error_for_db (db, path, rc, error);
  return TRUE;
}

/* Whether @version is a schema this build can open: 0 (a new file) up to
 * its own.  Otherwise sets @error: a newer one is refused, a negative one
 * is no book's (SQLite stores any 32-bit number there). */
static gboolean
check_version (const char  *path,
               int          version,
               GError     **error)
{
  if (version > AWB_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NEWER_SCHEMA,
                   _("The book “%s” was written by a newer version of Advisor Workbench "
                     "(schema %d; this version reads up to %d). It was not changed; "
                     "open it with the newer version."),
                   path, version, AWB_DATABASE_SCHEMA_VERSION);
      return FALSE;
    }
  if (version < 0)
    {
      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_A_BOOK,
                   _("“%s” has the schema version %d, which no version of Advisor Workbench "
                     "writes: it is damaged or not a book. It was not changed."),
                   path, version);
      return FALSE;
    }
  return TRUE;
}

/* (3), (6): brings @self's file from its schema version up to this build's,
 * in one transaction taken before the version is read again, so that of
 * two programs creating or updating the same book at once, the second
 * waits for the first and then finds nothing left to do. */
static gboolean
migrate (AwbDatabase  *self,
         GError      **error)
{
  sqlite3 *db = self->db;
  const char *path = self->path;
  int version;
  int rc;

  if (!exec_on (db, path, "BEGIN IMMEDIATE", error))
    return FALSE;
  version = read_user_version (db, &rc);
  if (rc != SQLITE_OK)
    {
      set_error_for_db (db, path, rc, error);
      goto failed;
    }
  if (!check_version (path, version, error))
    goto failed;

  for (int v = version + 1; v <= AWB_DATABASE_SCHEMA_VERSION; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", v);

      if (!exec_on (db, path, migrations[v - 1], error) ||
          !exec_on (db, path, bump, error))
        {
          g_prefix_error (error, _("Updating the book to schema %d failed: "), v);
          goto failed;
        }
    }

  /* A new book holds every default of the spec, editable (awb-settings-store). */
  if (version == 0 && !awb_settings_store_seed (self, error))
    goto failed;

  if (!exec_on (db, path, "COMMIT", error))
    goto failed;
  return TRUE;

failed:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/**
 * awb_database_open:
 * @path: the book's file; created (0600, folder 0700) if missing
 *
 * Opens the book, refusing a file written by a newer schema or with a
 * version no schema has (the file is left untouched), and migrates an
 * older one.  Safe when several programs create or open the same book at
 * once (6).
 *
 * Returns: (transfer full) (nullable): the book, or %NULL with @error set.
 */
AwbDatabase *
awb_database_open (const char  *path,
                   GError     **error)
{
  g_autoptr(AwbDatabase) self = NULL;
  sqlite3 *db = NULL;
  int version;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!create_file_private (path, error))
    return NULL;

  /* SQLite counts every allocation under a global mutex unless told not
   * to; nothing here reads the counts.  Only possible before SQLite starts. */
  if (g_once_init_enter (&sqlite_configured))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&sqlite_configured, 1);
    }

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_for_db (db, path, rc, error);
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, AWB_DATABASE_BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (db, 1);
  rc = create_functions (db);
  if (rc != SQLITE_OK)
    {
      set_error_for_db (db, path, rc, error);
      sqlite3_close_v2 (db);
      return NULL;
    }

  /* (3): look, before anything is written. */
  version = read_user_version (db, &rc);
  if (rc != SQLITE_OK)
    {
      set_error_for_db (db, path, rc, error);
      sqlite3_close_v2 (db);
      return NULL;
    }
  if (!check_version (path, version, error))
    {
      sqlite3_close_v2 (db);
      return NULL;
    }

  self = g_object_new (AWB_TYPE_DATABASE, NULL);
  self->db = db;
  self->path = g_strdup (path);
  self->schema_version = AWB_DATABASE_SCHEMA_VERSION;

  if (!set_wal (db, path, error) ||
      !exec_on (db, path, "PRAGMA synchronous = NORMAL", error) ||
      !exec_on (db, path, "PRAGMA foreign_keys = ON", error))
    return NULL;
  /* (6): read again inside the transaction; at the current version, as
   * every open but the first, no write lock is taken. */
  if (version < AWB_DATABASE_SCHEMA_VERSION && !migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * awb_database_check_integrity:
 *
 * Runs SQLite's PRAGMA quick_check on the book: every page, record and
 * free list read and checked, indexes not matched against their tables
 * (PRAGMA integrity_check, which does, costs several times as much on a
 * large book).  For the callers about to write much (an import): a
 * damaged book is refused before it is damaged further.
 *
 * Returns: %TRUE when the book is sound; %FALSE with @error set
 * (AWB_DATABASE_ERROR_NOT_A_BOOK when damaged).
 */
gboolean
awb_database_check_integrity (AwbDatabase  *self,
                              GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *result;
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (self), FALSE);

  stmt = awb_database_prepare (self, "PRAGMA quick_check (1)", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      g_autoptr(GError) local = NULL;

      awb_database_set_error (self, rc, &local);
      if (g_error_matches (local, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_A_BOOK))
        /* Translators: %1$s is the book's file, %2$s SQLite's message */
        g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_A_BOOK,
                     _("The book “%1$s” is damaged (%2$s). Nothing was written to it; restore "
                       "it from a backup."), self->path, sqlite3_errmsg (self->db));
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  result = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (result, "ok") != 0)
    {
      /* on one line: "*** in database main *** Page 4: …" */
      g_autofree char *problem = g_strdelimit (g_strdup (result != NULL ? result : ""), "\n", ' ');

      g_set_error (error, AWB_DATABASE_ERROR, AWB_DATABASE_ERROR_NOT_A_BOOK,
                   /* Translators: %1$s is the book's file, %2$s SQLite's first problem */
                   _("The book “%1$s” is damaged (%2$s). Nothing was written to it; restore "
                     "it from a backup."), self->path, problem);
      return FALSE;
    }
  return TRUE;
}

const char *
awb_database_get_path (AwbDatabase *self)
{
  g_return_val_if_fail (AWB_IS_DATABASE (self), NULL);

  return self->path;
}

sqlite3 *
awb_database_get_handle (AwbDatabase *self)
{
  g_return_val_if_fail (AWB_IS_DATABASE (self), NULL);

  return self->db;
}

int
awb_database_get_schema_version (AwbDatabase *self)
{
  g_return_val_if_fail (AWB_IS_DATABASE (self), 0);

  return self->schema_version;
}

gboolean
awb_database_exec (AwbDatabase  *self,
                   const char   *sql,
                   GError      **error)
{
  g_return_val_if_fail (AWB_IS_DATABASE (self), FALSE);

  return exec_on (self->db, self->path, sql, error);
}

/**
 * awb_database_prepare:
 *
 * Returns: (transfer full) (nullable): the statement (free it with
 * sqlite3_finalize or g_autoptr), or %NULL with @error set.
 */
sqlite3_stmt *
awb_database_prepare (AwbDatabase  *self,
                      const char   *sql,
                      GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (self), NULL);

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_for_db (self->db, self->path, rc, error);
      return NULL;
    }
  return stmt;
}

/* BEGIN IMMEDIATE: takes the write lock now, so a busy book fails here,
 * before any work is done, rather than at the first write. */
gboolean
awb_database_begin (AwbDatabase  *self,
                    GError      **error)
{
  g_return_val_if_fail (AWB_IS_DATABASE (self), FALSE);

  return exec_on (self->db, self->path, "BEGIN IMMEDIATE", error);
}

/**
 * _awb_database_set_triggers:
 * @enabled: whether this connection fires the book's triggers
 *
 * A bulk load (awb-bulk-load.c) turns triggers off on its connection for
 * its transaction and keeps the scan packs right itself; every other
 * connection keeps them on.
 */
void
_awb_database_set_triggers (AwbDatabase *self,
                           gboolean     enabled)
{
  g_return_if_fail (AWB_IS_DATABASE (self));

  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, enabled ? 1 : 0, NULL);
}

void
_awb_database_set_branch_cache (AwbDatabase *self,
                                gboolean     enabled)
{
  g_return_if_fail (AWB_IS_DATABASE (self));

  self->branch_cache = enabled;
}

gboolean
_awb_database_is_branch_cache (AwbDatabase *self)
{
  g_return_val_if_fail (AWB_IS_DATABASE (self), FALSE);

  return self->branch_cache;
}

gboolean
_awb_database_get_working_copy_server (AwbDatabase  *self,
                                       char        **server,
                                       GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (server != NULL, FALSE);

  *server = NULL;
  if (self->branch_cache)
    return TRUE;
  stmt = awb_database_prepare (self, "SELECT server FROM sync_state", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *server = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    return awb_database_set_error (self, rc, error);
  return TRUE;
}

gboolean
awb_database_commit (AwbDatabase  *self,
                     GError      **error)
{
  g_return_val_if_fail (AWB_IS_DATABASE (self), FALSE);

  if (!exec_on (self->db, self->path, "COMMIT", error))
    {
      awb_database_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/* Rolls back the open transaction, if any. */
void
awb_database_rollback (AwbDatabase *self)
{
  g_return_if_fail (AWB_IS_DATABASE (self));

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/**
 * awb_database_refresh_name_keys:
 *
 * Makes the name keys of schema 3 again where they are missing (a name
 * written by another program) and, when the stored ones were made with
 * other ICU data than this build's (book_meta.name_keys), for every client;
 * one transaction of its own.  Precondition: no transaction is open.
 * Returns %TRUE, or %FALSE with @error set and the book unchanged.
 */
gboolean
awb_database_refresh_name_keys (AwbDatabase  *self,
                                GError      **error)
{
  g_return_val_if_fail (AWB_IS_DATABASE (self), FALSE);

  if (!awb_database_begin (self, error))
    return FALSE;
  if (!awb_database_exec (self,
                          "UPDATE clients SET name_key = awb_name_key (name),"
                          " pinyin = awb_name_pinyin (name)"
                          " WHERE name_key IS NULL OR NOT EXISTS (SELECT 1 FROM book_meta"
                          "  WHERE key = 'name_keys' AND value = awb_name_keys_version ());"
                          "INSERT INTO book_meta (key, value)"
                          " VALUES ('name_keys', awb_name_keys_version ())"
                          " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                          error))
    {
      awb_database_rollback (self);
      return FALSE;
    }
  return awb_database_commit (self, error);
}

/**
 * awb_database_ensure_manager:
 *
 * Returns: the id of the manager called @name, created if needed; 0 with
 * @error set on failure.  Runs inside the caller's transaction, if any.
 */
gint64
awb_database_ensure_manager (AwbDatabase  *self,
                             const char   *name,
                             GError      **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) select = NULL;
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (self), 0);
  g_return_val_if_fail (name != NULL && *name != '\0', 0);

  insert = awb_database_prepare (self, "INSERT OR IGNORE INTO managers (name) VALUES (?1)", error);
  if (insert == NULL)
    return 0;
  sqlite3_bind_text (insert, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (insert);
  if (rc != SQLITE_DONE)
    return awb_database_set_error (self, rc, error);

  select = awb_database_prepare (self, "SELECT id FROM managers WHERE name = ?1", error);
  if (select == NULL)
    return 0;
  sqlite3_bind_text (select, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (select);
  if (rc != SQLITE_ROW)
    return awb_database_set_error (self, rc, error);
  return sqlite3_column_int64 (select, 0);
}

/**
 * awb_database_get_setting:
 *
 * Returns: (transfer full) (nullable): the stored value of @key, or %NULL
 * when the book has none (the caller then uses the spec's default).
 */
char *
awb_database_get_setting (AwbDatabase *self,
                          const char  *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (AWB_IS_DATABASE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = awb_database_prepare (self, "SELECT value FROM settings WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Stores @value for @key as it is; validation is the caller's (the settings
 * module of the core knows what each key accepts). */
gboolean
awb_database_put_setting (AwbDatabase  *self,
                          const char   *key,
                          const char   *value,
                          GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AWB_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  stmt = awb_database_prepare (self,
                               "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return awb_database_set_error (self, rc, error);
  return TRUE;
}
