/* tend-schema.c: the ordered migrations of the workspace schema
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Conventions: money is an integer count of minor units beside an ISO 4217 code; calendar
 * dates are ISO 8601 text ('2026-12-04'); instants are Unix seconds; the per-day tables
 * (usage, score history) key their day as days since 1970-01-01 to stay small, since they
 * hold millions of rows. A migration that has shipped is never edited: add a new one.
 */

#define G_LOG_DOMAIN "TendStore"

#include "tend-schema.h"
#include "tend-store.h"

/* Version 1: who the customers are and what they pay. */
static const char migration_1[] =
  "CREATE TABLE csms ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  email TEXT UNIQUE,"
  "  team TEXT"
  ");"
  "CREATE TABLE accounts ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  domain TEXT,"
  "  owner_id INTEGER REFERENCES csms(id) ON DELETE SET NULL,"
  "  segment TEXT,"
  "  lifecycle_stage TEXT,"
  "  start_date TEXT,"
  "  status TEXT NOT NULL DEFAULT 'active'"
  "    CHECK (status IN ('active', 'churned', 'trial', 'paused')),"
  "  churn_date TEXT,"
  "  churn_reason TEXT,"
  "  licensed_seats INTEGER,"
  "  attributes TEXT NOT NULL DEFAULT '{}',"
  "  arr_minor INTEGER NOT NULL DEFAULT 0,"
  "  currency TEXT NOT NULL DEFAULT 'USD',"
  "  renewal_date TEXT,"
  "  created_at INTEGER NOT NULL DEFAULT (unixepoch()),"
  "  updated_at INTEGER NOT NULL DEFAULT (unixepoch())"
  ");"
  "CREATE INDEX accounts_name ON accounts (name COLLATE NOCASE);"
  "CREATE INDEX accounts_owner ON accounts (owner_id);"
  "CREATE INDEX accounts_arr ON accounts (arr_minor);"
  "CREATE INDEX accounts_renewal ON accounts (renewal_date);"
  "CREATE TABLE account_sources ("
  "  source TEXT NOT NULL,"
  "  external_id TEXT NOT NULL,"
  "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
  "  PRIMARY KEY (source, external_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX account_sources_account ON account_sources (account_id);"
  "CREATE TABLE contacts ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  email TEXT,"
  "  title TEXT,"
  "  role TEXT,"
  "  phone TEXT,"
  "  is_primary INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX contacts_account ON contacts (account_id);"
  "CREATE TABLE subscriptions ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
  "  source TEXT,"
  "  external_id TEXT,"
  "  product TEXT NOT NULL,"
  "  plan TEXT,"
  "  amount_minor INTEGER NOT NULL,"
  "  currency TEXT NOT NULL,"
  "  billing_interval TEXT NOT NULL DEFAULT 'month'"
  "    CHECK (billing_interval IN ('month', 'quarter', 'year', 'one_time')),"
  "  quantity INTEGER NOT NULL DEFAULT 1,"
  "  start_date TEXT,"
  "  renewal_date TEXT,"
  "  end_date TEXT,"
  "  status TEXT NOT NULL DEFAULT 'active'"
  "    CHECK (status IN ('active', 'trialing', 'past_due', 'canceled', 'ended')),"
  "  UNIQUE (source, external_id)"
  ");"
  "CREATE INDEX subscriptions_account ON subscriptions (account_id);";

/* Version 2: what the customers do, and what they tell us. */
static const char migration_2[] =
  "CREATE TABLE usage_daily ("
  "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
  "  day INTEGER NOT NULL,"
  "  active_users INTEGER NOT NULL DEFAULT 0,"
  "  sessions INTEGER NOT NULL DEFAULT 0,"
  "  key_events INTEGER NOT NULL DEFAULT 0,"
  "  features_used INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (account_id, day)"
  ") WITHOUT ROWID;"
  "CREATE TABLE tickets ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
  "  source TEXT,"
  "  external_id TEXT,"
  "  subject TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '',"
  "  priority TEXT NOT NULL DEFAULT 'normal'"
  "    CHECK (priority IN ('low', 'normal', 'high', 'urgent')),"
  "  status TEXT NOT NULL DEFAULT 'open'"
  "    CHECK (status IN ('new', 'open', 'pending', 'hold', 'solved', 'closed')),"
  "  opened_at INTEGER NOT NULL,"
  "  closed_at INTEGER,"
  "  satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),"
  "  UNIQUE (source, external_id)"
  ");"
  "CREATE INDEX tickets_account ON tickets (account_id, opened_at);"
  "CREATE TABLE payments ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
  "  source TEXT,"
  "  external_id TEXT,"
  "  amount_minor INTEGER NOT NULL,"
  "  currency TEXT NOT NULL,"
  "  due_date TEXT NOT NULL,"
  "  paid_date TEXT,"
  "  status TEXT NOT NULL CHECK (status IN ('paid', 'open', 'failed', 'void')),"
  "  UNIQUE (source, external_id)"
  ");"
  "CREATE INDEX payments_account ON payments (account_id, due_date);"
  "CREATE TABLE activities ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
  "  csm_id INTEGER REFERENCES csms(id) ON DELETE SET NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('call', 'email', 'meeting', 'note', 'qbr')),"
  "  occurred_at INTEGER NOT NULL,"
  "  summary TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX activities_account ON activities (account_id, occurred_at);"
  "CREATE TABLE survey_responses ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
  "  contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('nps', 'csat')),"
  "  score INTEGER NOT NULL,"
  "  responded_at INTEGER NOT NULL,"
  "  comment TEXT"
  ");"
  "CREATE INDEX survey_responses_account ON survey_responses (account_id, responded_at);";

/* Version 3: health scores, their history and the scorecard that makes them. The current
 * score is copied onto the account so that 100,000 rows sort by it without a join. */
static const char migration_3[] =
  "CREATE TABLE scorecards ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  definition TEXT NOT NULL,"
  "  is_active INTEGER NOT NULL DEFAULT 0,"
  "  updated_at INTEGER NOT NULL DEFAULT (unixepoch())"
  ");"
  "CREATE TABLE health_scores ("
  "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
  "  day INTEGER NOT NULL,"
  "  score REAL NOT NULL,"
  "  band TEXT NOT NULL CHECK (band IN ('red', 'yellow', 'green')),"
  "  parts TEXT NOT NULL DEFAULT '[]',"
  "  PRIMARY KEY (account_id, day)"
  ") WITHOUT ROWID;"
  "CREATE INDEX health_scores_day ON health_scores (day);"
  "ALTER TABLE accounts ADD COLUMN health_score REAL;"
  "ALTER TABLE accounts ADD COLUMN health_band TEXT;"
  "ALTER TABLE accounts ADD COLUMN health_change_30d REAL;"
  "CREATE INDEX accounts_health ON accounts (health_score);";

/* Version 4: success plans, saved import mappings and workspace settings. */
static const char migration_4[] =
  "CREATE TABLE milestones ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
  "  title TEXT NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  owner_id INTEGER REFERENCES csms(id) ON DELETE SET NULL,"
  "  due_date TEXT,"
  "  completed_date TEXT,"
  "  progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),"
  "  created_at INTEGER NOT NULL DEFAULT (unixepoch())"
  ");"
  "CREATE INDEX milestones_account ON milestones (account_id, due_date);"
  "CREATE TABLE import_mappings ("
  "  name TEXT PRIMARY KEY,"
  "  definition TEXT NOT NULL,"
  "  updated_at INTEGER NOT NULL DEFAULT (unixepoch())"
  ");"
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT"
  ");";

/* Version 5: indexes for the account list's sort keys, so that 100,000 accounts sort by
 * ARR (in major units, across currencies), trend, segment or status by walking an index
 * instead of sorting every row. */
static const char migration_5[] =
  "CREATE INDEX accounts_arr_major ON accounts " TEND_SCHEMA_ARR_MAJOR_V5 ";"
  "CREATE INDEX accounts_trend ON accounts (health_change_30d);"
  "CREATE INDEX accounts_segment ON accounts (segment COLLATE NOCASE);"
  "CREATE INDEX accounts_status ON accounts (status);";

/* Version 6: the ARR index again, on the same figure spelt without IN lists (see
 * TEND_SCHEMA_ARR_MAJOR), so that writing an account no longer builds two temporary
 * tables to compute its key. */
static const char migration_6[] =
  "DROP INDEX IF EXISTS accounts_arr_major;"
  "CREATE INDEX accounts_arr_major ON accounts " TEND_SCHEMA_ARR_MAJOR ";";

/* Version 7: two costs found by profiling. Nothing sorts on the raw minor units any more
 * (the list sorts on the major-units index), so their index only slowed every write; and
 * a CHECK with an IN list makes SQLite 3.40 build a temporary table for each row written,
 * so the score history's band check is spelt as comparisons, which needs the table
 * rebuilt. */
static const char migration_7[] =
  "DROP INDEX IF EXISTS accounts_arr;"
  "CREATE TABLE health_scores_v7 ("
  "  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
  "  day INTEGER NOT NULL,"
  "  score REAL NOT NULL,"
  "  band TEXT NOT NULL CHECK (band = 'red' OR band = 'yellow' OR band = 'green'),"
  "  parts TEXT NOT NULL DEFAULT '[]',"
  "  PRIMARY KEY (account_id, day)"
  ") WITHOUT ROWID;"
  "INSERT INTO health_scores_v7 (account_id, day, score, band, parts)"
  "  SELECT account_id, day, score, band, parts FROM health_scores;"
  "DROP TABLE health_scores;"
  "ALTER TABLE health_scores_v7 RENAME TO health_scores;"
  "CREATE INDEX health_scores_day ON health_scores (day);";

/* Version 8: the accounts' secondary indexes go. Sorting 100,000 accounts without them
 * takes a few tens of milliseconds (no more than sorting by owner, through a join, always
 * took), and filtering them reads the table as fast, while every index had to be kept in
 * step with each account written: they cost an import of 100,000 accounts well over half
 * its time and slowed each rescore. Without the owner's, removing a CSM reads the
 * accounts once to clear their owner, which is rare and takes milliseconds. */
static const char migration_8[] =
  "DROP INDEX IF EXISTS accounts_owner;"
  "DROP INDEX IF EXISTS accounts_name;"
  "DROP INDEX IF EXISTS accounts_renewal;"
  "DROP INDEX IF EXISTS accounts_health;"
  "DROP INDEX IF EXISTS accounts_arr_major;"
  "DROP INDEX IF EXISTS accounts_trend;"
  "DROP INDEX IF EXISTS accounts_segment;"
  "DROP INDEX IF EXISTS accounts_status;";

/* Version 9: an imported subscription belongs to the system its account's id comes from
 * (source "csv:<account source>"), no longer to the mapping that read it ("csv:<mapping
 * name>"), whose name followed the file's. The same rows read from a renamed file had
 * given accounts a second subscription and twice their ARR: of two such subscriptions of
 * an account, the newer stays, and the account's ARR is added up again from what is left,
 * as an import adds it up. A subscription whose id matches none of its account's stays
 * as it was. */
static const char migration_9[] =
  "CREATE TEMP TABLE v9_target AS"
  "  SELECT s.id, s.external_id, 'csv:' || (SELECT min (a.source) FROM account_sources a"
  "    WHERE a.account_id = s.account_id AND a.external_id = s.external_id) AS source"
  "  FROM subscriptions s WHERE s.source LIKE 'csv:%';"
  "DELETE FROM v9_target WHERE source IS NULL;"
  "CREATE TEMP TABLE v9_older AS"
  "  SELECT t.id, s.account_id FROM v9_target t JOIN subscriptions s ON s.id = t.id"
  "  WHERE EXISTS (SELECT 1 FROM v9_target u WHERE u.source = t.source"
  "    AND u.external_id = t.external_id AND u.id > t.id);"
  "DELETE FROM subscriptions WHERE id IN (SELECT id FROM v9_older);"
  "UPDATE OR REPLACE subscriptions"
  "  SET source = (SELECT t.source FROM v9_target t WHERE t.id = subscriptions.id)"
  "  WHERE id IN (SELECT id FROM v9_target) AND id NOT IN (SELECT id FROM v9_older);"
  "UPDATE accounts SET arr_minor = (SELECT coalesce (sum (s.amount_minor * s.quantity *"
  "    CASE s.billing_interval WHEN 'month' THEN 12 WHEN 'quarter' THEN 4"
  "    WHEN 'year' THEN 1 ELSE 0 END), 0)"
  "  FROM subscriptions s WHERE s.account_id = accounts.id AND s.currency = accounts.currency"
  "  AND (s.status IN ('active', 'trialing', 'past_due')"
  "       OR (accounts.status = 'churned' AND s.status = 'canceled')))"
  "  WHERE id IN (SELECT account_id FROM v9_older);"
  "DROP TABLE v9_target;"
  "DROP TABLE v9_older;";

static const char *const migrations[] = {
  NULL,
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
  migration_7,
  migration_8,
  migration_9,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == TEND_STORE_SCHEMA_VERSION + 1);

const char *
tend_schema_migration (int version)
{
  g_return_val_if_fail (version >= 1 && version <= TEND_STORE_SCHEMA_VERSION, NULL);

  return migrations[version];
}
