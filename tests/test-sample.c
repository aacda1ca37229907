/* test-sample.c: the sample workspace generator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendTest"

#include "sample/tend-sample.h"
#include "scoring/tend-scorer.h"
#include "store/tend-store.h"
#include "util/tend-date.h"
#include "tend-test-workspace.h"

/* Every test pins today, so the generated calendar is the same on every run. */
#define PINNED_TODAY "2025-03-14"

/* The temporary folder and store every test here works in. */
typedef TendTestWorkspace Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  tend_test_workspace_init_at (fixture, "tend-sample", "sample.db", TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tend_test_workspace_clear (fixture);
}

static void
generate_full (TendStore *store,
               guint32    seed,
               guint      n_accounts,
               guint      history_days,
               gboolean   compute_scores)
{
  g_autoptr(GError) error = NULL;
  TendSampleOptions options;

  tend_sample_options_init (&options);
  options.seed = seed;
  options.n_accounts = n_accounts;
  options.history_days = history_days;
  options.compute_scores = compute_scores;

  g_assert_true (tend_sample_generate (store, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Most tests check the data, which the score history does not change. */
static void
generate (TendStore *store,
          guint32    seed,
          guint      n_accounts,
          guint      history_days)
{
  generate_full (store, seed, n_accounts, history_days, FALSE);
}

static gint64
query_int (TendStore  *store,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, &error);
  gint64 value;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

static double
query_double (TendStore  *store,
              const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, &error);
  double value;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_double (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

/* Every table with the columns that order its rows (and the rows left out, if any); the
 * test fails if the schema gains a table this list does not know, so no table escapes the
 * determinism check. */
static const struct
{
  const char *table;
  const char *order;
  const char *where;
} checked_tables[] = {
  { "csms", "id" },
  { "accounts", "id" },
  { "account_sources", "source, external_id" },
  { "contacts", "id" },
  { "subscriptions", "id" },
  { "usage_daily", "account_id, day" },
  { "tickets", "id" },
  { "payments", "id" },
  { "activities", "id" },
  { "survey_responses", "id" },
  { "scorecards", "id" },
  { "health_scores", "account_id, day" },
  { "milestones", "id" },
  { "import_mappings", "name" },
  /* When the scores were computed is the clock's, not the seed's. */
  { "settings", "key", "key <> '" TEND_SCORER_COMPUTED_AT_SETTING "'" },
};

static void
checksum_value (GChecksum    *checksum,
                sqlite3_stmt *stmt,
                int           column)
{
  guchar type = sqlite3_column_type (stmt, column);
  const guchar *bytes = sqlite3_column_blob (stmt, column);
  int length = sqlite3_column_bytes (stmt, column);

  g_checksum_update (checksum, &type, 1);
  g_checksum_update (checksum, (const guchar *)&length, sizeof length);
  if (bytes != NULL)
    g_checksum_update (checksum, bytes, length);
}

static char *
table_checksum (TendStore  *store,
                const char *table,
                const char *order,
                const char *where)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s WHERE %s ORDER BY %s", table,
                                          where != NULL ? where : "1", order);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (tend_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        checksum_value (checksum, stmt, i);
    }
  sqlite3_finalize (stmt);

  return g_strdup (g_checksum_get_string (checksum));
}

static void
assert_every_table_checked (TendStore *store)
{
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (tend_store_get_db (store),
                      "SELECT name FROM sqlite_schema WHERE type = 'table' "
                      "AND name NOT LIKE 'sqlite_%'",
                      -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *)sqlite3_column_text (stmt, 0);
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (checked_tables); i++)
        known |= g_str_equal (checked_tables[i].table, name);

      if (!known)
        g_error ("The table %s is not in the determinism check", name);
    }
  sqlite3_finalize (stmt);
}

static GPtrArray *
workspace_checksums (guint32     seed,
                     const char *folder,
                     const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (folder, file, NULL);
  g_autoptr(TendStore) store = tend_store_open (path, &error);
  GPtrArray *sums = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  generate_full (store, seed, 120, 548, TRUE);
  assert_every_table_checked (store);

  for (guint i = 0; i < G_N_ELEMENTS (checked_tables); i++)
    g_ptr_array_add (sums, table_checksum (store, checked_tables[i].table,
                                           checked_tables[i].order,
                                           checked_tables[i].where));

  return sums;
}

static void
test_deterministic (Fixture       *fixture,
                    gconstpointer  data)
{
  /* Another seed writes other customers; the fixed parts (the scorecards, the external
   * ids that count from 1, and tables the generator leaves empty) may match. */
  static const char *const seeded[] = {
    "csms", "accounts", "contacts", "subscriptions", "usage_daily", "tickets", "payments",
    "activities", "survey_responses", "milestones", "health_scores", NULL
  };
  g_autoptr(GPtrArray) first = workspace_checksums (11, fixture->folder, "a.db");
  g_autoptr(GPtrArray) second = workspace_checksums (11, fixture->folder, "b.db");
  g_autoptr(GPtrArray) other = workspace_checksums (12, fixture->folder, "c.db");

  for (guint i = 0; i < G_N_ELEMENTS (checked_tables); i++)
    {
      g_test_message ("%s %s", checked_tables[i].table, (char *)first->pdata[i]);
      g_assert_cmpstr (first->pdata[i], ==, second->pdata[i]);
      if (g_strv_contains (seeded, checked_tables[i].table))
        g_assert_cmpstr (first->pdata[i], !=, other->pdata[i]);
    }
}

static void
test_counts (Fixture       *fixture,
             gconstpointer  data)
{
  TendStore *store = fixture->store;

  generate (store, TEND_SAMPLE_DEFAULT_SEED, TEND_SAMPLE_DEFAULT_ACCOUNTS,
            TEND_SAMPLE_DEFAULT_HISTORY_DAYS);

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM accounts"), ==, 400);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM account_sources"), ==, 400);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM csms"), >=, 8);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM csms"), <=, 12);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM contacts"), >=, 400);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM contacts"), <=, 400 * 7);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM subscriptions"), >=, 400);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM subscriptions"), <=, 400 * 5);

  /* Most accounts were customers for the whole 548 days. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM usage_daily"), >=, 400 * 350);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM usage_daily"), <=, 400 * 548);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM tickets"), >=, 2000);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM tickets"), <=, 30000);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM payments"), >=, 2000);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM activities"), >=, 4000);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM survey_responses "
                                     "WHERE kind = 'nps'"), >=, 400);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM survey_responses "
                                     "WHERE kind = 'csat'"), >=, 100);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM milestones"), >=, 400);

  /* Churn over 18 months is in the range real SaaS books see. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM accounts "
                                     "WHERE status = 'churned'"), >=, 20);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM accounts "
                                     "WHERE status = 'churned'"), <=, 100);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM accounts "
                                     "WHERE status = 'trial'"), >=, 1);
}

static void
test_variety (Fixture       *fixture,
              gconstpointer  data)
{
  TendStore *store = fixture->store;

  generate (store, 5, 400, 548);

  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT segment) FROM accounts"), ==, 3);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT currency) FROM accounts"), ==, 3);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT name) FROM accounts"), ==, 400);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM accounts WHERE owner_id IS NULL"),
                   <, 20);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT lifecycle_stage) FROM accounts"),
                   >=, 5);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT billing_interval) "
                                     "FROM subscriptions"), ==, 3);

  /* Japanese names, of managers and of customers, are written in Japanese. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM csms WHERE name GLOB '*[佐鈴高田"
                                     "伊渡山中小加吉松井木]*'"), >=, 2);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM accounts "
                                     "WHERE name LIKE '%株式会社'"), >=, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM accounts "
                                     "WHERE domain NOT LIKE '%.example'"), ==, 0);

  /* Expansions and contractions end one row and start another. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM subscriptions "
                                     "WHERE status = 'ended' AND end_date IS NOT NULL"), >=, 10);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM subscriptions o JOIN subscriptions n "
                              "ON n.account_id = o.account_id AND n.product = o.product "
                              "AND n.start_date = o.end_date AND o.status = 'ended' "
                              "WHERE n.amount_minor > o.amount_minor"), >=, 5);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM subscriptions o JOIN subscriptions n "
                              "ON n.account_id = o.account_id AND n.product = o.product "
                              "AND n.start_date = o.end_date AND o.status = 'ended' "
                              "WHERE n.amount_minor < o.amount_minor"), >=, 1);

  /* Tickets, payments and milestones in every state. */
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT priority) FROM tickets"), ==, 4);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT status) FROM tickets"), >=, 4);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT subject) FROM tickets"), >=, 30);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT body) FROM tickets"), >=, 300);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM tickets "
                                     "WHERE satisfaction IS NOT NULL"), >=, 100);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM payments "
                                     "WHERE status = 'failed'"), >=, 10);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM payments "
                                     "WHERE paid_date > due_date"), >=, 10);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM payments WHERE status = 'open' "
                                     "AND due_date >= '" PINNED_TODAY "'"), >=, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM payments WHERE status = 'paid' "
                                     "AND (paid_date IS NULL OR paid_date >= '" PINNED_TODAY
                                     "')"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT kind) FROM activities"), ==, 5);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM milestones "
                                     "WHERE completed_date IS NOT NULL AND progress = 100"),
                   >=, 50);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM milestones "
                                     "WHERE completed_date IS NULL "
                                     "AND due_date < '" PINNED_TODAY "'"), >=, 20);
}

static void
test_every_account_subscribes (Fixture       *fixture,
                               gconstpointer  data)
{
  TendStore *store = fixture->store;

  generate (store, 21, 300, 548);

  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM accounts a WHERE NOT EXISTS "
                              "(SELECT 1 FROM subscriptions s WHERE s.account_id = a.id)"),
                   ==, 0);

  /* An active account has a running subscription and a renewal within a year. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM accounts a WHERE a.status = 'active' "
                              "AND NOT EXISTS (SELECT 1 FROM subscriptions s "
                              "WHERE s.account_id = a.id AND s.status IN "
                              "('active', 'past_due') AND s.end_date IS NULL)"),
                   ==, 0);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM accounts WHERE status = 'active' AND "
                              "(renewal_date <= '" PINNED_TODAY "' OR renewal_date > "
                              "date ('" PINNED_TODAY "', '+12 months'))"),
                   ==, 0);

  /* A churned account's subscriptions all ended on its churn date. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM subscriptions s JOIN accounts a "
                              "ON a.id = s.account_id WHERE a.status = 'churned' "
                              "AND (s.end_date IS NULL OR s.end_date > a.churn_date)"),
                   ==, 0);
}

static void
test_churn (Fixture       *fixture,
            gconstpointer  data)
{
  TendStore *store = fixture->store;
  TendDay history_start = tend_day_today () - 548;
  sqlite3_stmt *stmt;
  g_autoptr(GError) error = NULL;
  int checked = 0;

  generate (store, TEND_SAMPLE_DEFAULT_SEED, 400, 548);

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM accounts WHERE status = 'churned' "
                                     "AND (churn_date IS NULL OR churn_reason IS NULL)"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM accounts WHERE status <> 'churned' "
                                     "AND (churn_date IS NOT NULL OR churn_reason IS NOT NULL)"),
                   ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT churn_reason) FROM accounts"),
                   >=, 4);

  /* Nobody uses the product after leaving. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM usage_daily u JOIN accounts a "
                                     "ON a.id = u.account_id WHERE a.status = 'churned' AND "
                                     "u.day >= julianday (a.churn_date) - 2440587.5"), ==, 0);

  /* Usage faded in the months before churn. */
  stmt = tend_store_prepare (store,
                             "SELECT a.id, "
                             "(SELECT avg (active_users) FROM usage_daily u "
                             " WHERE u.account_id = a.id AND u.day BETWEEN ?1 - 30 AND ?1 - 1), "
                             "(SELECT avg (active_users) FROM usage_daily u "
                             " WHERE u.account_id = a.id AND u.day BETWEEN ?1 - 120 AND ?1 - 91) "
                             "FROM accounts a WHERE a.id = ?2",
                             &error);
  g_assert_no_error (error);

  for (gint64 id = 1; id <= 400; id++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT coalesce ((SELECT julianday (churn_date)"
                                              " - 2440587.5 FROM accounts WHERE id = %"
                                              G_GINT64_FORMAT " AND status = 'churned'), -1)",
                                              id);
      TendDay churn = (TendDay)query_int (store, sql);

      if (churn < 0 || churn - 120 < history_start)
        continue;

      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, churn);
      sqlite3_bind_int64 (stmt, 2, id);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpfloat (sqlite3_column_double (stmt, 1), <, sqlite3_column_double (stmt, 2));
      checked++;
    }
  sqlite3_reset (stmt);

  g_assert_cmpint (checked, >=, 20);
}

static gint64
median_arr (TendStore  *store,
            const char *segment)
{
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("SELECT arr_minor FROM accounts WHERE segment = '%s' "
                         "AND currency = 'USD' AND status = 'active' ORDER BY arr_minor "
                         "LIMIT 1 OFFSET (SELECT count(*) FROM accounts WHERE segment = '%s' "
                         "AND currency = 'USD' AND status = 'active') / 2",
                         segment, segment);

  return query_int (store, sql);
}

static void
test_arr_skewed (Fixture       *fixture,
                 gconstpointer  data)
{
  TendStore *store = fixture->store;
  gint64 enterprise, mid, smb;
  double mean, overall_median, top_share;

  generate (store, TEND_SAMPLE_DEFAULT_SEED, 400, 548);

  enterprise = median_arr (store, "Enterprise");
  mid = median_arr (store, "Mid-Market");
  smb = median_arr (store, "SMB");
  g_test_message ("median ARR in cents: enterprise %" G_GINT64_FORMAT ", mid-market %"
                  G_GINT64_FORMAT ", SMB %" G_GINT64_FORMAT, enterprise, mid, smb);
  g_assert_cmpint (enterprise, >, 3 * mid);
  g_assert_cmpint (mid, >, 3 * smb);

  /* A long tail of small accounts: the mean is far above the median, and the largest
   * tenth of the accounts holds about half of the ARR. */
  mean = query_double (store, "SELECT avg (arr_minor) FROM accounts "
                              "WHERE currency = 'USD' AND status = 'active'");
  overall_median = query_double (store,
                                 "SELECT arr_minor FROM accounts WHERE currency = 'USD' "
                                 "AND status = 'active' ORDER BY arr_minor LIMIT 1 OFFSET "
                                 "(SELECT count(*) FROM accounts WHERE currency = 'USD' "
                                 "AND status = 'active') / 2");
  top_share = query_double (store,
                            "SELECT 1.0 * (SELECT sum (arr_minor) FROM (SELECT arr_minor "
                            "FROM accounts WHERE currency = 'USD' AND status = 'active' "
                            "ORDER BY arr_minor DESC LIMIT (SELECT count(*) / 10 FROM accounts "
                            "WHERE currency = 'USD' AND status = 'active'))) / "
                            "(SELECT sum (arr_minor) FROM accounts WHERE currency = 'USD' "
                            "AND status = 'active')");
  g_assert_cmpfloat (mean, >, 2.0 * overall_median);
  g_assert_cmpfloat (top_share, >, 0.35);
  g_assert_cmpfloat (top_share, <, 0.8);
}

static void
test_integrity (Fixture       *fixture,
                gconstpointer  data)
{
  TendStore *store = fixture->store;
  sqlite3_stmt *stmt = NULL;

  generate (store, 3, 300, 548);

  sqlite3_prepare_v2 (tend_store_get_db (store), "PRAGMA foreign_key_check", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  sqlite3_prepare_v2 (tend_store_get_db (store), "PRAGMA integrity_check", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  /* Ids that point at people point at people of this workspace. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM survey_responses s JOIN contacts c "
                                     "ON c.id = s.contact_id WHERE c.account_id <> s.account_id"),
                   ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM activities WHERE csm_id IS NULL"),
                   ==, 0);
}

static void
test_money_integer (Fixture       *fixture,
                    gconstpointer  data)
{
  TendStore *store = fixture->store;

  generate (store, 4, 300, 548);

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM accounts "
                                     "WHERE typeof (arr_minor) <> 'integer'"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM subscriptions "
                                     "WHERE typeof (amount_minor) <> 'integer' "
                                     "OR amount_minor <= 0"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM payments "
                                     "WHERE typeof (amount_minor) <> 'integer' "
                                     "OR amount_minor <= 0"), ==, 0);

  /* Yen have no minor unit and Japanese prices are round. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM subscriptions "
                                     "WHERE currency = 'JPY' AND amount_minor % 100 <> 0"),
                   ==, 0);

  /* An account's ARR is the yearly sum of its running paid subscriptions. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM accounts a WHERE a.status = 'active' "
                              "AND a.arr_minor <> (SELECT sum (amount_minor * CASE "
                              "billing_interval WHEN 'month' THEN 12 WHEN 'quarter' THEN 4 "
                              "ELSE 1 END) FROM subscriptions s WHERE s.account_id = a.id "
                              "AND s.end_date IS NULL AND s.status <> 'trialing')"),
                   ==, 0);
}

static void
test_seasonality (Fixture       *fixture,
                  gconstpointer  data)
{
  TendStore *store = fixture->store;
  double weekday, weekend, holidays, december;

  generate (store, 8, 150, 548);

  /* Day 0 was a Thursday: (day + 3) % 7 is 5 on Saturdays and 6 on Sundays. */
  weekday = query_double (store, "SELECT avg (active_users) FROM usage_daily "
                                 "WHERE (day + 3) % 7 < 5");
  weekend = query_double (store, "SELECT avg (active_users) FROM usage_daily "
                                 "WHERE (day + 3) % 7 >= 5");
  holidays = query_double (store, "SELECT avg (active_users) FROM usage_daily "
                                  "WHERE (day + 3) % 7 < 5 AND strftime ('%m-%d', day * 86400, "
                                  "'unixepoch') BETWEEN '12-26' AND '12-31'");
  december = query_double (store, "SELECT avg (active_users) FROM usage_daily "
                                  "WHERE (day + 3) % 7 < 5 AND strftime ('%m-%d', day * 86400, "
                                  "'unixepoch') BETWEEN '12-01' AND '12-15'");

  g_assert_cmpfloat (weekend, <, 0.3 * weekday);
  g_assert_cmpfloat (holidays, <, 0.5 * december);
}

static void
test_scores (Fixture       *fixture,
             gconstpointer  data)
{
  TendStore *store = fixture->store;
  TendDay today = tend_day_today ();
  g_autofree char *weekly_sql = NULL;
  double active_mean, churned_mean;

  generate_full (store, 17, 200, 548, TRUE);

  /* Weekly from four weeks into the history to 66 days ago, then daily to today: 65
   * weekly days (today - 514 ... today - 66) and 60 daily ones. */
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT day) FROM health_scores"), ==, 125);
  g_assert_cmpint (query_int (store, "SELECT max (day) FROM health_scores"), ==, today);
  g_assert_cmpint (query_int (store, "SELECT min (day) FROM health_scores"), ==, today - 514);
  weekly_sql = g_strdup_printf ("SELECT count(DISTINCT day) FROM health_scores "
                                "WHERE day < %d AND (%d - day) %% 7 <> 3", today - 59, today);
  g_assert_cmpint (query_int (store, weekly_sql), ==, 0);

  /* The Default scorecard is installed and active, and every account is scored but those
   * that churned between two of the weekly days without being scored as customers. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM scorecards "
                                     "WHERE name = 'Default' AND is_active"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM accounts a "
                                     "WHERE health_score IS NULL AND (status <> 'churned' OR "
                                     "EXISTS (SELECT 1 FROM health_scores h "
                                     "WHERE h.account_id = a.id))"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM accounts "
                                     "WHERE health_score IS NULL"), <, 20);

  /* A former customer is scored up to its churn day, not after. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM health_scores h "
                                     "JOIN accounts a ON a.id = h.account_id "
                                     "WHERE a.status = 'churned' "
                                     "AND h.day > unixepoch (a.churn_date) / 86400"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT health_band) FROM accounts "
                                     "WHERE status = 'active'"), ==, 3);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM accounts WHERE status = 'active' "
                                     "AND health_change_30d IS NULL"), <, 20);

  /* The scores see the fade: customers scored worse in their last weeks than those who
   * stayed score today. */
  active_mean = query_double (store, "SELECT avg (health_score) FROM accounts "
                                     "WHERE status = 'active'");
  churned_mean = query_double (store,
                               "SELECT avg (h.score) FROM accounts a JOIN health_scores h "
                               "ON h.account_id = a.id AND h.day = (SELECT max (day) "
                               "FROM health_scores WHERE account_id = a.id AND day < "
                               "julianday (a.churn_date) - 2440587.5) "
                               "WHERE a.status = 'churned'");
  g_test_message ("mean score: active %.1f, churned before churn %.1f", active_mean,
                  churned_mean);
  g_assert_cmpfloat (churned_mean, <, active_mean - 10.0);
}

static void
test_refuses_non_empty (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TendSampleOptions options;

  generate (fixture->store, 1, 30, 90);

  tend_sample_options_init (&options);
  options.n_accounts = 30;
  options.compute_scores = FALSE;
  g_assert_false (tend_sample_generate (fixture->store, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, TEND_SAMPLE_ERROR, TEND_SAMPLE_ERROR_NOT_EMPTY);
  g_assert_cmpint (query_int (fixture->store, "SELECT count(*) FROM accounts"), ==, 30);
}

static void
test_invalid_options (Fixture       *fixture,
                      gconstpointer  data)
{
  static const struct { guint accounts; guint days; } cases[] = {
    { 0, 90 }, { TEND_SAMPLE_MAX_ACCOUNTS + 1, 90 }, { 10, 29 },
    { 10, TEND_SAMPLE_MAX_HISTORY_DAYS + 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      TendSampleOptions options;

      tend_sample_options_init (&options);
      options.n_accounts = cases[i].accounts;
      options.history_days = cases[i].days;
      g_assert_false (tend_sample_generate (fixture->store, &options, NULL, NULL, NULL,
                                            &error));
      g_assert_error (error, TEND_SAMPLE_ERROR, TEND_SAMPLE_ERROR_INVALID_OPTIONS);
    }
}

static void
cancel_halfway (double   fraction,
                gpointer user_data)
{
  GCancellable *cancellable = user_data;

  g_assert_cmpfloat (fraction, >, 0.0);
  g_assert_cmpfloat (fraction, <=, 1.0);
  if (fraction >= 0.5)
    g_cancellable_cancel (cancellable);
}

static void
test_cancel_leaves_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  TendSampleOptions options;

  tend_sample_options_init (&options);
  options.n_accounts = 200;
  options.compute_scores = FALSE;

  g_assert_false (tend_sample_generate (fixture->store, &options, cancellable, cancel_halfway,
                                        cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (tend_store_in_transaction (fixture->store));

  for (guint i = 0; i < G_N_ELEMENTS (checked_tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s",
                                              checked_tables[i].table);

      if (g_str_equal (checked_tables[i].table, "scorecards"))
        continue;
      g_assert_cmpint (query_int (fixture->store, sql), ==, 0);
    }
}

static void
count_progress (double   fraction,
                gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TendSampleOptions options;
  double last = 0.0;

  tend_sample_options_init (&options);
  options.n_accounts = 50;
  options.history_days = 60;
  options.compute_scores = FALSE;

  g_assert_true (tend_sample_generate (fixture->store, &options, NULL, count_progress, &last,
                                       &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TEND_TODAY", PINNED_TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sample/deterministic", test_deterministic);
  ADD ("/sample/counts", test_counts);
  ADD ("/sample/variety", test_variety);
  ADD ("/sample/subscriptions", test_every_account_subscribes);
  ADD ("/sample/churn", test_churn);
  ADD ("/sample/arr-skewed", test_arr_skewed);
  ADD ("/sample/integrity", test_integrity);
  ADD ("/sample/money-integer", test_money_integer);
  ADD ("/sample/seasonality", test_seasonality);
  ADD ("/sample/scores", test_scores);
  ADD ("/sample/refuses-non-empty", test_refuses_non_empty);
  ADD ("/sample/invalid-options", test_invalid_options);
  ADD ("/sample/cancel", test_cancel_leaves_nothing);
  ADD ("/sample/progress", test_progress);

#undef ADD

  return g_test_run ();
}
