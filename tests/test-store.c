/* test-store.c: the on-disk SQLite workspace: migrations, refusals, transactions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "store/tend-schema.h"
#include "store/tend-store.h"
#include "util/tend-money.h"
#include "tend-test-workspace.h"

/* The temporary folder every test here works in, with the database's path; each test
 * opens the store itself. */
typedef TendTestWorkspace Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  tend_test_workspace_init (fixture, "tend-store", FALSE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tend_test_workspace_clear (fixture);
}

/* Every row @sql returns, columns separated by "|" and rows ended by "\n", NULL as
 * "NULL", so that whole tables compare as one string. */
static char *
dump (TendStore  *store,
      const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (tend_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          if (i > 0)
            g_string_append_c (out, '|');
          if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
            g_string_append (out, "NULL");
          else
            g_string_append (out, (const char *)sqlite3_column_text (stmt, i));
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);

  return g_string_free (out, FALSE);
}

static void
exec_ok (TendStore  *store,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tend_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

static char *
read_bytes (const char *path,
            gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);

  return contents;
}

/* Rows for every table of each schema version, as that version's Tend wrote them. */
static const char *const rows_of_version[TEND_STORE_SCHEMA_VERSION + 1] = {
  NULL,
  "INSERT INTO csms VALUES (1, 'Ana Silva', 'ana@example.com', 'Enterprise'),"
  "  (2, '佐藤 健', NULL, NULL);"
  "INSERT INTO accounts (id, name, domain, owner_id, segment, lifecycle_stage, start_date,"
  "  status, churn_date, churn_reason, licensed_seats, attributes, arr_minor, currency,"
  "  renewal_date, created_at, updated_at) VALUES"
  "  (1, 'Acme Corp', 'acme.example', 1, 'Enterprise', 'onboarding', '2023-04-01',"
  "   'active', NULL, NULL, 250, '{\"plan\":\"gold\",\"seats_used\":180}', 12000000, 'USD',"
  "   '2026-04-01', 1700000000, 1700000500),"
  "  (2, '株式会社さくら', 'sakura.example.jp', 2, 'Mid-Market', 'adoption', '2022-01-15',"
  "   'churned', '2024-06-30', 'Budget cut', NULL, '{}', 360000, 'JPY', NULL, 1600000000,"
  "   1720000000);"
  "INSERT INTO account_sources VALUES ('csv', 'ACME-001', 1), ('stripe', 'cus_123', 1),"
  "  ('csv', 'SAKURA-9', 2);"
  "INSERT INTO contacts VALUES (1, 1, 'Wile E.', 'wile@acme.example', 'CTO', 'champion',"
  "  '+1 555 0100', 1), (2, 2, '山田 花子', NULL, NULL, NULL, NULL, 0);"
  "INSERT INTO subscriptions VALUES (1, 1, 'stripe', 'sub_1', 'Platform', 'Gold', 100000,"
  "  'USD', 'month', 1, '2023-04-01', '2026-04-01', NULL, 'active'),"
  "  (2, 2, NULL, NULL, 'Platform', NULL, 30000, 'JPY', 'year', 12, '2022-01-15', NULL,"
  "   '2024-06-30', 'ended');",

  "INSERT INTO usage_daily VALUES (1, 19783, 40, 120, 900, 12), (1, 19784, 42, 130, 950, 13),"
  "  (2, 19000, 5, 6, 7, 1);"
  "INSERT INTO tickets VALUES (1, 1, 'zendesk', '4711', 'Login fails',"
  "  'Cannot log in since Monday', 'high', 'solved', 1709251200, 1709337600, 4),"
  "  (2, 2, NULL, NULL, '請求書', '請求書が届きません', 'normal', 'open',"
  "   1709251300, NULL,"
  "   NULL);"
  "INSERT INTO payments VALUES (1, 1, 'stripe', 'in_1', 100000, 'USD', '2024-03-01',"
  "  '2024-03-02', 'paid'), (2, 2, NULL, NULL, 30000, 'JPY', '2024-04-01', NULL, 'failed');"
  "INSERT INTO activities VALUES (1, 1, 1, 'qbr', 1709251200, 'Quarterly review'),"
  "  (2, 2, NULL, 'note', 1709251300, '');"
  "INSERT INTO survey_responses VALUES (1, 1, 1, 'nps', 9, 1709251200, 'Great'),"
  "  (2, 2, NULL, 'csat', 2, 1709251300, NULL);",

  "INSERT INTO scorecards VALUES (1, 'Default', '{\"measures\":[]}', 1, 1700000000);"
  "INSERT INTO health_scores VALUES (1, 19783, 72.5, 'green',"
  "  '[{\"measure\":\"usage\",\"points\":80}]'), (2, 19783, 31.0, 'red', '[]');"
  "UPDATE accounts SET health_score = 72.5, health_band = 'green', health_change_30d = -4.5"
  "  WHERE id = 1;",

  "INSERT INTO milestones VALUES (1, 1, 'Kick-off', 'Agree goals', 1, '2024-04-01',"
  "  '2024-04-02', 100, 1711929600), (2, 2, 'Renewal prep', '', NULL, NULL, NULL, 0,"
  "  1711929700);"
  "INSERT INTO import_mappings VALUES ('Telco', '{\"columns\":[]}', 1711929600);"
  "INSERT INTO settings VALUES ('band-red', '40'), ('empty', NULL);",

  /* Version 5 added indexes only. */
  "",

  /* Version 6 replaced an index only. */
  "",
  /* Version 7 dropped an index and rebuilt the score history, whose rows version 3 adds. */
  "",

  /* Version 8 dropped indexes only. */
  "",

  /* Version 9 moves imported subscriptions to their account's source, tested apart. */
  "",
};

static const char *const tables_of_version[][6] = {
  { NULL },
  { "csms", "accounts", "account_sources", "contacts", "subscriptions", NULL },
  { "usage_daily", "tickets", "payments", "activities", "survey_responses", NULL },
  { "scorecards", "health_scores", NULL },
  { "milestones", "import_mappings", "settings", NULL },
  { NULL },
  { NULL },
  { NULL },
  { NULL },
  { NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (tables_of_version) == TEND_STORE_SCHEMA_VERSION + 1);

/* Selects the columns @table has now, ordered by all of them, so that the same query
 * reads the same rows after a migration added columns. */
static char *
table_query (TendStore  *store,
             const char *table)
{
  g_autofree char *info_sql = g_strdup_printf ("SELECT group_concat(name, ', ') "
                                               "FROM pragma_table_info('%s')", table);
  g_autofree char *columns = dump (store, info_sql);
  g_autoptr(GString) order = g_string_new (NULL);
  int n_columns = 1;

  g_strchomp (columns);
  for (const char *p = columns; *p != '\0'; p++)
    n_columns += *p == ',';
  for (int i = 1; i <= n_columns; i++)
    g_string_append_printf (order, "%s%d", i > 1 ? ", " : "", i);

  return g_strdup_printf ("SELECT %s FROM %s ORDER BY %s", columns, table, order->str);
}

static GHashTable *
snapshot_tables (TendStore *store,
                 int        version)
{
  GHashTable *snapshot = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (int v = 1; v <= version; v++)
    {
      for (int i = 0; tables_of_version[v][i] != NULL; i++)
        {
          const char *table = tables_of_version[v][i];
          char *query = table_query (store, table);
          char *rows = dump (store, query);

          g_assert_cmpstr (rows, !=, "");
          g_hash_table_insert (snapshot, query, rows);
        }
    }

  return snapshot;
}

static void
assert_schema_is_current (TendStore *store)
{
  g_autofree char *version = dump (store, "PRAGMA user_version");
  g_autofree char *version_line = g_strdup_printf ("%d\n", TEND_STORE_SCHEMA_VERSION);

  g_assert_cmpstr (version, ==, version_line);
  g_assert_cmpint (tend_store_get_schema_version (store), ==, TEND_STORE_SCHEMA_VERSION);

  for (int v = 1; v <= TEND_STORE_SCHEMA_VERSION; v++)
    {
      for (int i = 0; tables_of_version[v][i] != NULL; i++)
        {
          g_autofree char *sql =
            g_strdup_printf ("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
                             "name = '%s'", tables_of_version[v][i]);
          g_autofree char *count = dump (store, sql);

          g_assert_cmpstr (count, ==, "1\n");
        }
    }
}

/* The schema a fresh workspace gets, to compare a migrated one with. */
static char *
fresh_schema (void)
{
  TendTestWorkspace workspace;
  char *schema;

  tend_test_workspace_init_at (&workspace, "tend-fresh", "fresh.db", TRUE);
  schema = dump (workspace.store,
                 "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name");
  tend_test_workspace_clear (&workspace);

  return schema;
}

static void
test_store_migrate (Fixture       *fixture,
                    gconstpointer  data)
{
  int version = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *expected_schema = fresh_schema ();
  GHashTableIter iter;
  gpointer query, rows;

  store = tend_store_open_at_version (fixture->path, version, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tend_store_get_schema_version (store), ==, version);
  for (int v = 1; v <= version; v++)
    exec_ok (store, rows_of_version[v]);
  before = snapshot_tables (store, version);
  g_clear_object (&store);

  store = tend_store_open (fixture->path, &error);
  g_assert_no_error (error);
  assert_schema_is_current (store);

  /* Every row of every table survives, column for column. */
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &query, &rows))
    {
      g_autofree char *after = dump (store, query);

      g_assert_cmpstr (after, ==, rows);
    }

  /* A migrated workspace has exactly the schema of a new one. */
  schema = dump (store, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name");
  g_assert_cmpstr (schema, ==, expected_schema);
}

static void
test_store_migrate_values (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = NULL;
  g_autofree char *accounts = NULL;
  g_autofree char *csms = NULL;
  g_autofree char *usage = NULL;
  g_autofree char *milestones = NULL;

  store = tend_store_open_at_version (fixture->path, 2, &error);
  g_assert_no_error (error);
  exec_ok (store, rows_of_version[1]);
  exec_ok (store, rows_of_version[2]);
  g_clear_object (&store);

  store = tend_store_open (fixture->path, &error);
  g_assert_no_error (error);

  accounts = dump (store, "SELECT id, name, owner_id, status, arr_minor, currency, attributes,"
                          " health_score, health_band, health_change_30d FROM accounts"
                          " ORDER BY id");
  g_assert_cmpstr (accounts, ==,
                   "1|Acme Corp|1|active|12000000|USD|{\"plan\":\"gold\",\"seats_used\":180}"
                   "|NULL|NULL|NULL\n"
                   "2|株式会社さくら|2|churned|360000|JPY|{}|NULL|NULL|NULL\n");
  csms = dump (store, "SELECT * FROM csms ORDER BY id");
  g_assert_cmpstr (csms, ==, "1|Ana Silva|ana@example.com|Enterprise\n2|佐藤 健|NULL|NULL\n");
  usage = dump (store, "SELECT * FROM usage_daily ORDER BY account_id, day");
  g_assert_cmpstr (usage, ==,
                   "1|19783|40|120|900|12\n1|19784|42|130|950|13\n2|19000|5|6|7|1\n");

  /* The new tables work with the old rows. */
  exec_ok (store, "INSERT INTO milestones (account_id, title, owner_id, due_date)"
                  " VALUES (1, 'Kick-off', 1, '2024-04-01')");
  milestones = dump (store, "SELECT account_id, title, description, owner_id, due_date,"
                            " completed_date, progress FROM milestones");
  g_assert_cmpstr (milestones, ==, "1|Kick-off||1|2024-04-01|NULL|0\n");
}

/* Version 9: the subscriptions that imports keyed by their mapping's name belong to the
 * system their account's id comes from; a second one that a renamed file made is gone,
 * and its account's ARR with it. */
static void
test_store_migrate_subscriptions (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = NULL;
  g_autofree char *subscriptions = NULL;
  g_autofree char *arr = NULL;

  store = tend_store_open_at_version (fixture->path, 8, &error);
  g_assert_no_error (error);
  exec_ok (store,
           "INSERT INTO accounts (id, name, arr_minor, currency) VALUES"
           "  (1, 'Doubled', 2400000, 'USD'), (2, 'Single', 600000, 'USD'),"
           "  (3, 'Billed elsewhere', 100000, 'USD'), (4, 'Unmatched', 0, 'USD');"
           "INSERT INTO account_sources VALUES ('csv', 'A-1', 1), ('csv', 'A-2', 2),"
           "  ('crm', 'C-3', 3), ('csv', 'A-4', 4);"
           "INSERT INTO subscriptions (id, account_id, source, external_id, product,"
           "  amount_minor, currency, billing_interval, status) VALUES"
           "  (1, 1, 'csv:accounts-nov.csv', 'A-1', 'accounts-nov.csv', 1200000, 'USD', 'year',"
           "   'active'),"
           "  (2, 2, 'csv:accounts-nov.csv', 'A-2', 'accounts-nov.csv', 600000, 'USD', 'year',"
           "   'active'),"
           "  (3, 1, 'csv:accounts-dec.csv', 'A-1', 'accounts-dec.csv', 1300000, 'USD', 'year',"
           "   'active'),"
           "  (4, 3, 'csv:CRM export', 'C-3', 'CRM export', 100000, 'USD', 'year', 'active'),"
           "  (5, 3, 'stripe', 'sub_9', 'Platform', 5000, 'USD', 'month', 'active'),"
           "  (6, 4, 'csv:old', 'X-9', 'old', 700, 'USD', 'year', 'active');");
  g_clear_object (&store);

  store = tend_store_open (fixture->path, &error);
  g_assert_no_error (error);
  subscriptions = dump (store, "SELECT id, account_id, source, external_id, amount_minor"
                               " FROM subscriptions ORDER BY id");
  g_assert_cmpstr (subscriptions, ==,
                   "2|2|csv:csv|A-2|600000\n"
                   "3|1|csv:csv|A-1|1300000\n"
                   "4|3|csv:crm|C-3|100000\n"
                   "5|3|stripe|sub_9|5000\n"
                   "6|4|csv:old|X-9|700\n");
  arr = dump (store, "SELECT id, arr_minor FROM accounts ORDER BY id");
  g_assert_cmpstr (arr, ==, "1|1300000\n2|600000\n3|100000\n4|0\n");
}

static void
test_store_migrate_failure (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = NULL;
  g_autofree char *tables = NULL;
  g_autofree char *version = NULL;
  sqlite3 *db = NULL;

  /* A table in the way makes migration 4 fail half-way, after it made two tables. */
  store = tend_store_open_at_version (fixture->path, 3, &error);
  g_assert_no_error (error);
  exec_ok (store, rows_of_version[1]);
  exec_ok (store, "CREATE TABLE settings (stray TEXT)");
  g_clear_object (&store);

  store = tend_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, fixture->path));

  /* The failed migration left nothing behind: version 3, no half of version 4. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt = NULL;

    sqlite3_prepare_v2 (db, "SELECT (SELECT user_version FROM pragma_user_version) || ':' ||"
                            " ifnull((SELECT group_concat(name) FROM sqlite_schema WHERE name IN"
                            " ('milestones', 'import_mappings')), '')",
                        -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    version = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);
  g_assert_cmpstr (version, ==, "3:");
}

static void
test_store_migrate_current (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = NULL;
  g_autofree char *rows = NULL;

  store = tend_store_open (fixture->path, &error);
  g_assert_no_error (error);
  assert_schema_is_current (store);
  exec_ok (store, rows_of_version[1]);
  g_clear_object (&store);

  /* Opening a current workspace again changes nothing. */
  store = tend_store_open (fixture->path, &error);
  g_assert_no_error (error);
  assert_schema_is_current (store);
  rows = dump (store, "SELECT source, external_id, account_id FROM account_sources"
                      " ORDER BY 1, 2");
  g_assert_cmpstr (rows, ==, "csv|ACME-001|1\ncsv|SAKURA-9|2\nstripe|cus_123|1\n");
}

static void
test_store_too_new (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *journal_mode = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = NULL;
  g_autofree char *setup = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *newer = g_strdup_printf ("%d", TEND_STORE_SCHEMA_VERSION + 95);
  gsize before_length, after_length;

  store = tend_store_open (fixture->path, &error);
  g_assert_no_error (error);
  exec_ok (store, rows_of_version[1]);
  setup = g_strdup_printf ("PRAGMA journal_mode = %s; PRAGMA user_version = %s",
                           journal_mode, newer);
  exec_ok (store, setup);
  g_clear_object (&store);
  before = read_bytes (fixture->path, &before_length);

  store = tend_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, newer));

  after = read_bytes (fixture->path, &after_length);
  g_assert_cmpmem (after, after_length, before, before_length);
  if (g_strcmp0 (journal_mode, "DELETE") == 0)
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
write_random_bytes (const char *path,
                    gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261204);
  g_autofree guint8 *bytes = g_malloc (length);

  for (gsize i = 0; i < length; i++)
    bytes[i] = (guint8)g_rand_int_range (rand, 0, 256);

  g_assert_true (g_file_set_contents (path, (const char *)bytes, (gssize)length, &error));
  g_assert_no_error (error);
}

static void
assert_open_is_corrupt (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;

  before = read_bytes (path, &before_length);

  store = tend_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));

  after = read_bytes (path, &after_length);
  g_assert_cmpmem (after, after_length, before, before_length);
}

static void
test_store_corrupt_random (Fixture       *fixture,
                           gconstpointer  data)
{
  write_random_bytes (fixture->path, 8192);
  assert_open_is_corrupt (fixture->path);

  /* A file too short to have SQLite's header is not an empty workspace either. */
  write_random_bytes (fixture->path, 50);
  assert_open_is_corrupt (fixture->path);
}

static void
test_store_corrupt_body (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  static const char header[] = "SQLite format 3";
  char bytes[4096];

  /* The right header over random pages gets past the first check to SQLite's. */
  for (gsize i = 0; i < sizeof bytes; i++)
    bytes[i] = (char)g_rand_int_range (rand, 0, 256);
  memcpy (bytes, header, sizeof header);

  g_assert_true (g_file_set_contents (fixture->path, bytes, sizeof bytes, &error));
  g_assert_no_error (error);
  assert_open_is_corrupt (fixture->path);
}

static void
test_store_corrupt_truncated (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  gsize length;

  store = tend_store_open (fixture->path, &error);
  g_assert_no_error (error);
  exec_ok (store,
           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
           " INSERT INTO accounts (name, domain) SELECT 'Account ' || i, i || '.example'"
           " FROM n");
  g_clear_object (&store);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* Cut the file as a copy that ran out of disk would. */
  contents = read_bytes (fixture->path, &length);
  g_assert_cmpuint (length, >, 100000);
  g_assert_true (g_file_set_contents (fixture->path, contents, (gssize)length / 2, &error));
  g_assert_no_error (error);

  assert_open_is_corrupt (fixture->path);
}

static gboolean
writes_are_refused (const char *path)
{
  int fd = g_open (path, O_WRONLY, 0);

  if (fd >= 0)
    {
      close (fd);
      return FALSE;
    }

  return errno == EACCES;
}

static void
assert_write_is_read_only (TendStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (tend_store_set_setting (store, "theme", "dark", &error));
  g_assert_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, tend_store_get_path (store)));
  g_assert_nonnull (strstr (error->message, "cannot be written"));
}

static void
test_store_read_only (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = NULL;
  g_autofree char *value = NULL;

  store = tend_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (tend_store_set_setting (store, "theme", "light", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);

  if (writes_are_refused (fixture->path))
    {
      /* The file can still be read; only writing fails, and says why. */
      store = tend_store_open (fixture->path, &error);
      g_assert_no_error (error);
    }
  else
    {
      /* Root writes through file permissions, so the connection is made read-only the
       * way SQLite offers, which fails writes with the same SQLITE_READONLY code. */
      g_test_message ("running with privileges that ignore file modes: testing a "
                      "query-only connection instead of a read-only file");
      store = tend_store_open (fixture->path, &error);
      g_assert_no_error (error);
      exec_ok (store, "PRAGMA query_only = ON");
    }

  value = tend_store_get_setting (store, "theme");
  g_assert_cmpstr (value, ==, "light");
  assert_write_is_read_only (store);

  g_assert_false (tend_store_exec (store, "DELETE FROM settings", &error));
  g_assert_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_READ_ONLY);
}

static void
test_store_pragmas (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = tend_store_open (fixture->path, &error);
  g_autofree char *foreign_keys = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *contacts = NULL;

  g_assert_no_error (error);

  foreign_keys = dump (store, "PRAGMA foreign_keys");
  g_assert_cmpstr (foreign_keys, ==, "1\n");
  journal = dump (store, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal\n");
  limit = dump (store, "PRAGMA journal_size_limit");
  g_assert_cmpstr (limit, ==, "16777216\n");

  /* A row pointing at a missing account is refused... */
  g_assert_false (tend_store_exec (store, "INSERT INTO contacts (account_id, name)"
                                          " VALUES (42, 'Nobody')", &error));
  g_assert_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* ...and deleting an account takes its rows with it, and unsets owners. */
  exec_ok (store, rows_of_version[1]);
  exec_ok (store, "DELETE FROM accounts WHERE id = 1; DELETE FROM csms WHERE id = 2");
  contacts = dump (store, "SELECT (SELECT count(*) FROM contacts WHERE account_id = 1),"
                          " (SELECT count(*) FROM account_sources WHERE account_id = 1),"
                          " (SELECT count(*) FROM subscriptions WHERE account_id = 1),"
                          " (SELECT owner_id IS NULL FROM accounts WHERE id = 2)");
  g_assert_cmpstr (contacts, ==, "0|0|0|1\n");
}

static void
count_changed_cb (TendStore  *store,
                  const char *what,
                  GString    *log)
{
  g_string_append_printf (log, "%s;", what);
}

static void
test_store_transactions (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = tend_store_open (fixture->path, &error);
  g_autofree char *kept = NULL;
  g_autofree char *none = NULL;

  g_assert_no_error (error);
  g_assert_false (tend_store_in_transaction (store));

  /* An inner rollback undoes only the inner work. */
  g_assert_true (tend_store_begin (store, &error));
  exec_ok (store, "INSERT INTO csms (id, name) VALUES (1, 'Outer')");
  g_assert_true (tend_store_begin (store, &error));
  exec_ok (store, "INSERT INTO csms (id, name) VALUES (2, 'Inner')");
  g_assert_true (tend_store_begin (store, &error));
  exec_ok (store, "INSERT INTO csms (id, name) VALUES (3, 'Innermost')");
  g_assert_true (tend_store_commit (store, &error));
  tend_store_rollback (store);
  g_assert_true (tend_store_in_transaction (store));
  exec_ok (store, "INSERT INTO csms (id, name) VALUES (4, 'After')");
  g_assert_true (tend_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_false (tend_store_in_transaction (store));
  kept = dump (store, "SELECT id, name FROM csms ORDER BY id");
  g_assert_cmpstr (kept, ==, "1|Outer\n4|After\n");

  /* An outer rollback undoes inner work that was committed to it. */
  g_assert_true (tend_store_begin (store, &error));
  g_assert_true (tend_store_begin (store, &error));
  exec_ok (store, "INSERT INTO csms (id, name) VALUES (5, 'Gone')");
  g_assert_true (tend_store_commit (store, &error));
  tend_store_rollback (store);
  g_assert_false (tend_store_in_transaction (store));
  none = dump (store, "SELECT count(*) FROM csms WHERE id = 5");
  g_assert_cmpstr (none, ==, "0\n");
}

static void
test_store_changed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = tend_store_open (fixture->path, &error);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GString) accounts_log = g_string_new (NULL);

  g_assert_no_error (error);
  g_signal_connect (store, "changed", G_CALLBACK (count_changed_cb), log);
  g_signal_connect (store, "changed::accounts", G_CALLBACK (count_changed_cb), accounts_log);

  /* Outside a transaction the signal is immediate. */
  tend_store_emit_changed (store, "scores");
  g_assert_cmpstr (log->str, ==, "scores;");

  /* Inside one it waits for the outermost commit, once per part. */
  g_assert_true (tend_store_begin (store, &error));
  tend_store_emit_changed (store, "accounts");
  g_assert_true (tend_store_begin (store, &error));
  tend_store_emit_changed (store, "accounts");
  tend_store_emit_changed (store, "milestones");
  g_assert_true (tend_store_commit (store, &error));
  g_assert_cmpstr (log->str, ==, "scores;");
  g_assert_true (tend_store_commit (store, &error));
  g_assert_cmpstr (log->str, ==, "scores;accounts;milestones;");
  g_assert_cmpstr (accounts_log->str, ==, "accounts;");

  /* A rolled back change is never announced. */
  g_assert_true (tend_store_begin (store, &error));
  tend_store_emit_changed (store, "accounts");
  tend_store_rollback (store);
  g_assert_true (tend_store_begin (store, &error));
  g_assert_true (tend_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (log->str, ==, "scores;accounts;milestones;");
  g_assert_cmpstr (accounts_log->str, ==, "accounts;");
}

static void
test_store_settings (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = tend_store_open (fixture->path, &error);
  g_autoptr(TendStore) sibling = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *seen = NULL;

  g_assert_no_error (error);

  missing = tend_store_get_setting (store, "band-red");
  g_assert_null (missing);
  g_assert_true (tend_store_set_setting (store, "band-red", "40", &error));
  first = tend_store_get_setting (store, "band-red");
  g_assert_cmpstr (first, ==, "40");
  g_assert_true (tend_store_set_setting (store, "band-red", "35", &error));
  second = tend_store_get_setting (store, "band-red");
  g_assert_cmpstr (second, ==, "35");
  g_assert_no_error (error);

  /* A worker thread's connection sees what the first one committed. */
  sibling = tend_store_open_sibling (store, &error);
  g_assert_no_error (error);
  g_assert_true (sibling != store);
  g_assert_cmpstr (tend_store_get_path (sibling), ==, fixture->path);
  seen = tend_store_get_setting (sibling, "band-red");
  g_assert_cmpstr (seen, ==, "35");
}

static void
test_store_paths (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = NULL;
  g_autofree char *nested = g_build_filename (fixture->folder, "deeper", "tend.db", NULL);
  g_autofree char *nested_dir = g_path_get_dirname (nested);
  g_autofree char *wal = g_strconcat (nested, "-wal", NULL);
  g_autofree char *shm = g_strconcat (nested, "-shm", NULL);
  g_autofree char *chosen = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *expected = NULL;

  /* The folder of a new workspace is made for it. */
  store = tend_store_open (nested, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (nested, G_FILE_TEST_IS_REGULAR));
  g_clear_object (&store);
  g_remove (nested);
  g_remove (wal);
  g_remove (shm);
  g_assert_cmpint (g_rmdir (nested_dir), ==, 0);

  g_setenv (TEND_DATABASE_ENV, fixture->path, TRUE);
  chosen = tend_store_default_path ();
  g_assert_cmpstr (chosen, ==, fixture->path);

  g_setenv (TEND_DATABASE_ENV, "", TRUE);
  fallback = tend_store_default_path ();
  expected = g_build_filename (g_get_user_data_dir (), "tend", "tend.db", NULL);
  g_assert_cmpstr (fallback, ==, expected);
  g_unsetenv (TEND_DATABASE_ENV);
}

static void
test_store_arr_major (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char *const currencies[] = {
    "USD", "EUR", "GBP", "CHF", "JPY", "KRW", "VND", "CLP", "ISK", "UGX", "XAF", "XOF", "PYG",
    "RWF", "KMF", "GNF", "VUV", "XPF", "DJF", "BHD", "KWD", "OMR", "JOD", "TND", "LYD", "IQD",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = tend_store_open (fixture->path, &error);
  g_autofree char *indexes = NULL;

  g_assert_no_error (error);

  /* The sort expression divides by the same scale tend-money knows. */
  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    {
      g_autofree char *sql =
        g_strdup_printf ("SELECT " TEND_SCHEMA_ARR_MAJOR " FROM (SELECT 123456000 AS arr_minor,"
                         " '%s' AS currency)", currencies[i]);
      g_autofree char *major = dump (store, sql);
      g_autofree char *expected = NULL;
      double scale = 1.0;

      for (int e = 0; e < tend_currency_exponent (currencies[i]); e++)
        scale *= 10.0;
      expected = g_strdup_printf ("%.1f\n", 123456000 / scale);
      g_assert_cmpstr (major, ==, expected);
    }

  /* The list sorts without an index since version 8, so that writing an account keeps
   * no sort key in step. */
  indexes = dump (store, "SELECT name FROM pragma_index_list('accounts') ORDER BY name");
  g_assert_cmpstr (indexes, ==, "");
}

static goffset
file_size (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 ? (goffset)buf.st_size : -1;
}

/* A commit that fills the write-ahead log leaves the copy into the database file to a
 * thread of its own; the store can wait for it, and every row is there either way. */
static void
test_store_checkpoint (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = tend_store_open (fixture->path, &error);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *count = NULL;
  g_autoptr(TendStore) reader = NULL;
  g_autofree char *seen = NULL;
  goffset before;

  g_assert_no_error (error);
  tend_store_wait_for_checkpoint (store);
  before = file_size (fixture->path);

  /* About eight megabytes of accounts, twice the log's threshold. */
  g_assert_true (tend_store_begin (store, &error));
  exec_ok (store, "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                  " WHERE i < 40000) INSERT INTO accounts (name, attributes)"
                  " SELECT 'Account ' || i, json_object('notes', printf('%.150c', 'x')) FROM n");
  g_assert_true (tend_store_commit (store, &error));
  g_assert_no_error (error);

  /* Another connection sees the rows at once, whether copied yet or not. */
  reader = tend_store_open_sibling (store, &error);
  g_assert_no_error (error);
  seen = dump (reader, "SELECT count(*) FROM accounts");
  g_assert_cmpstr (seen, ==, "40000\n");

  tend_store_wait_for_checkpoint (store);
  g_assert_cmpint (file_size (fixture->path), >, before + 6 * 1024 * 1024);
  g_assert_cmpint (file_size (wal), >, 0);

  /* Closing the last connection leaves one file with everything in it. */
  g_clear_object (&reader);
  g_clear_object (&store);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  store = tend_store_open (fixture->path, &error);
  g_assert_no_error (error);
  count = dump (store, "SELECT count(*) FROM accounts");
  g_assert_cmpstr (count, ==, "40000\n");
}

/* A worker opening its connection after another process removed the workspace gets an
 * error, and leaves no new empty workspace in its place. */
static void
test_store_sibling_of_removed (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = tend_store_open (fixture->path, &error);
  g_autoptr(TendStore) sibling = NULL;
  static const char *const suffixes[] = { "", "-wal", "-shm" };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fixture->path, suffixes[i], NULL);

      g_unlink (file);
    }

  sibling = tend_store_open_sibling (store, &error);
  g_assert_null (sibling);
  g_assert_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_OPEN);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

/* A worker's second connection must not cost the first its locks: another process that
 * closes its own connection would then take itself for the last one, delete the WAL
 * and leave this process writing into a deleted file. */
static void
test_store_sibling_keeps_locks (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = NULL;
  g_autoptr(TendStore) sibling = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *check = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(TendStore) other = tend_store_open (g_getenv ("TEND_LOCK_TEST_DB"), &error);

      g_assert_no_error (error);
      tend_store_set_setting (other, "written-by", "another process", &error);
      g_assert_no_error (error);
      return;
    }

  store = tend_store_open (fixture->path, &error);
  g_assert_no_error (error);
  tend_store_set_setting (store, "before", "1", &error);
  g_assert_no_error (error);

  sibling = tend_store_open_sibling (store, &error);
  g_assert_no_error (error);
  g_clear_object (&sibling);

  g_setenv ("TEND_LOCK_TEST_DB", fixture->path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  wal = g_strconcat (fixture->path, "-wal", NULL);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  tend_store_set_setting (store, "after", "1", &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  store = tend_store_open (fixture->path, &error);
  g_assert_no_error (error);
  check = dump (store, "PRAGMA integrity_check");
  rows = dump (store, "SELECT key FROM settings ORDER BY key");
  g_assert_cmpstr (check, ==, "ok\n");
  g_assert_cmpstr (rows, ==, "after\nbefore\nwritten-by\n");
}

static void
add_test (const char    *path,
          gconstpointer  data,
          void         (*test) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, data, fixture_set_up, test, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_test ("/store/migrate/from-v1", GINT_TO_POINTER (1), test_store_migrate);
  add_test ("/store/migrate/from-v2", GINT_TO_POINTER (2), test_store_migrate);
  add_test ("/store/migrate/from-v3", GINT_TO_POINTER (3), test_store_migrate);
  add_test ("/store/migrate/from-v4", GINT_TO_POINTER (4), test_store_migrate);
  add_test ("/store/migrate/from-v5", GINT_TO_POINTER (5), test_store_migrate);
  add_test ("/store/migrate/from-v6", GINT_TO_POINTER (6), test_store_migrate);
  add_test ("/store/migrate/from-v7", GINT_TO_POINTER (7), test_store_migrate);
  add_test ("/store/migrate/from-v8", GINT_TO_POINTER (8), test_store_migrate);
  add_test ("/store/migrate/subscription-sources", NULL, test_store_migrate_subscriptions);
  add_test ("/store/migrate/values", NULL, test_store_migrate_values);
  add_test ("/store/migrate/current", NULL, test_store_migrate_current);
  add_test ("/store/migrate/failure-rolls-back", NULL, test_store_migrate_failure);
  add_test ("/store/refuse/too-new-rollback-journal", "DELETE", test_store_too_new);
  add_test ("/store/refuse/too-new-wal", "WAL", test_store_too_new);
  add_test ("/store/refuse/corrupt-random", NULL, test_store_corrupt_random);
  add_test ("/store/refuse/corrupt-body", NULL, test_store_corrupt_body);
  add_test ("/store/refuse/corrupt-truncated", NULL, test_store_corrupt_truncated);
  add_test ("/store/read-only", NULL, test_store_read_only);
  add_test ("/store/pragmas", NULL, test_store_pragmas);
  add_test ("/store/transactions/nested", NULL, test_store_transactions);
  add_test ("/store/transactions/changed-signal", NULL, test_store_changed);
  add_test ("/store/settings", NULL, test_store_settings);
  add_test ("/store/paths", NULL, test_store_paths);
  add_test ("/store/arr-major", NULL, test_store_arr_major);
  add_test ("/store/sibling-keeps-locks", NULL, test_store_sibling_keeps_locks);
  add_test ("/store/checkpoint-in-background", NULL, test_store_checkpoint);
  add_test ("/store/sibling-of-removed", NULL, test_store_sibling_of_removed);

  return g_test_run ();
}
