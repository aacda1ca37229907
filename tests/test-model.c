/* test-model.c: the model objects over a workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <glib.h>
#include <string.h>

#include "model/tend-account.h"
#include "model/tend-contact.h"
#include "model/tend-csm.h"
#include "model/tend-milestone.h"
#include "model/tend-subscription.h"
#include "model/tend-ticket.h"
#include "model/tend-usage.h"
#include "tend-test-workspace.h"

typedef struct
{
  TendTestWorkspace  workspace;
  TendStore         *store;     /* the workspace's, borrowed, as the tests' shorthand */
  GString           *changes;
} Fixture;

static void
changed_cb (TendStore  *store,
            const char *what,
            GString    *changes)
{
  g_string_append_printf (changes, "%s;", what);
}

static void
exec_ok (TendStore  *store,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tend_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  tend_test_workspace_init (&fixture->workspace, "tend-model", TRUE);
  fixture->store = fixture->workspace.store;

  exec_ok (fixture->store,
           "INSERT INTO csms (id, name, email, team) VALUES"
           "  (1, 'Ana Silva', 'ana@example.com', 'Enterprise'), (2, 'Ken Sato', NULL, NULL);"
           "INSERT INTO accounts (id, name, domain, owner_id, segment, status, arr_minor,"
           "  currency, licensed_seats, attributes) VALUES"
           "  (1, 'Acme Corp', 'acme.example', 1, 'Enterprise', 'active', 12000000, 'USD', 250,"
           "   '{\"plan\":\"gold\",\"seats_used\":180,\"ratio\":0.75,\"beta\":true,"
           "\"tags\":[\"a\",\"b\"],\"none\":null}');");

  g_setenv ("TEND_TODAY", "2026-12-04", TRUE);

  fixture->changes = g_string_new (NULL);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (changed_cb), fixture->changes);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  fixture->store = NULL;
  tend_test_workspace_clear (&fixture->workspace);
  g_string_free (fixture->changes, TRUE);
  g_unsetenv ("TEND_TODAY");
}

/* Counts "notify" emissions by property name and writes them as "name:count;" sorted
 * by name (a thawed object notifies in no set order), so that a test can say exactly
 * what was notified and how often. */
typedef struct
{
  GPtrArray  *order;
  GHashTable *counts;
} NotifyLog;

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           NotifyLog  *log)
{
  const char *name = g_param_spec_get_name (pspec);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (log->counts, name));

  if (count == 0)
    g_ptr_array_add (log->order, g_strdup (name));
  g_hash_table_insert (log->counts, g_strdup (name), GUINT_TO_POINTER (count + 1));
}

static int
compare_names (const char **a,
                    const char **b)
{
  return g_strcmp0 (*a, *b);
}

static NotifyLog *
notify_log_watch (gpointer object)
{
  NotifyLog *log = g_new0 (NotifyLog, 1);

  log->order = g_ptr_array_new_with_free_func (g_free);
  log->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect (object, "notify", G_CALLBACK (notify_cb), log);

  return log;
}

/* Returns what was notified since the last call, and forgets it. */
static char *
notify_log_take (NotifyLog *log)
{
  GString *out = g_string_new (NULL);

  g_ptr_array_sort (log->order, (GCompareFunc)compare_names);
  for (guint i = 0; i < log->order->len; i++)
    {
      const char *name = g_ptr_array_index (log->order, i);

      g_string_append_printf (out, "%s:%u;", name,
                              GPOINTER_TO_UINT (g_hash_table_lookup (log->counts, name)));
    }
  g_ptr_array_set_size (log->order, 0);
  g_hash_table_remove_all (log->counts);

  return g_string_free (out, FALSE);
}

static void
notify_log_free (NotifyLog *log)
{
  g_ptr_array_unref (log->order);
  g_hash_table_unref (log->counts);
  g_free (log);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NotifyLog, notify_log_free)

#define assert_notified(log, expected)              \
  G_STMT_START {                                    \
    g_autofree char *taken = notify_log_take (log); \
    g_assert_cmpstr (taken, ==, expected);          \
  } G_STMT_END

static void
test_account_setters_notify (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(TendAccount) account = tend_account_new ();
  g_autoptr(NotifyLog) log = notify_log_watch (account);

  tend_account_set_name (account, "Globex");
  tend_account_set_name (account, "Globex");
  assert_notified (log, "name:1;");

  /* Blank is the same as absent for optional fields. */
  tend_account_set_domain (account, "");
  tend_account_set_domain (account, NULL);
  assert_notified (log, "");
  tend_account_set_domain (account, "globex.example");
  tend_account_set_domain (account, "globex.example");
  tend_account_set_segment (account, "SMB");
  tend_account_set_lifecycle_stage (account, "onboarding");
  tend_account_set_start_date (account, "2024-01-01");
  tend_account_set_churn_reason (account, "Price");
  tend_account_set_churn_date (account, "2025-01-01");
  tend_account_set_renewal_date (account, "2025-06-01");
  assert_notified (log, "churn-date:1;churn-reason:1;domain:1;lifecycle-stage:1;renewal-date:1;"
                        "segment:1;start-date:1;");

  /* Required fields keep their defaults when cleared. */
  tend_account_set_status (account, NULL);
  tend_account_set_currency (account, "");
  assert_notified (log, "");
  g_assert_cmpstr (tend_account_get_status (account), ==, "active");
  g_assert_cmpstr (tend_account_get_currency (account), ==, "USD");

  tend_account_set_status (account, "churned");
  tend_account_set_currency (account, "JPY");
  tend_account_set_arr_minor (account, 360000);
  tend_account_set_arr_minor (account, 360000);
  tend_account_set_licensed_seats (account, 12);
  tend_account_set_licensed_seats (account, 12);
  tend_account_set_owner_id (account, 2);
  tend_account_set_owner_id (account, 2);
  assert_notified (log, "arr-minor:1;currency:1;licensed-seats:1;owner-id:1;status:1;");

  /* Through GObject the same rules hold. */
  g_object_set (account, "name", "Globex", "segment", "Mid-Market", "licensed-seats", 12, NULL);
  assert_notified (log, "segment:1;");
}

static void
test_account_attributes (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendAccount) account = tend_account_load (fixture->store, 1, &error);
  g_autoptr(NotifyLog) log = NULL;
  g_autoptr(JsonObject) replacement = json_object_new ();
  g_autofree char *plan = NULL;
  g_autofree char *used = NULL;
  g_autofree char *ratio = NULL;
  g_autofree char *beta = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *none = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *silver = NULL;

  g_assert_no_error (error);
  log = notify_log_watch (account);

  plan = tend_account_dup_attribute (account, "plan");
  used = tend_account_dup_attribute (account, "seats_used");
  ratio = tend_account_dup_attribute (account, "ratio");
  beta = tend_account_dup_attribute (account, "beta");
  tags = tend_account_dup_attribute (account, "tags");
  none = tend_account_dup_attribute (account, "none");
  missing = tend_account_dup_attribute (account, "missing");
  g_assert_cmpstr (plan, ==, "gold");
  g_assert_cmpstr (used, ==, "180");
  g_assert_cmpstr (ratio, ==, "0.75");
  g_assert_cmpstr (beta, ==, "true");
  g_assert_cmpstr (tags, ==, "[\"a\",\"b\"]");
  g_assert_null (none);
  g_assert_null (missing);

  tend_account_set_attribute (account, "plan", "gold");
  assert_notified (log, "");
  tend_account_set_attribute (account, "plan", "silver");
  tend_account_set_attribute (account, "plan", "silver");
  assert_notified (log, "attributes:1;");
  silver = tend_account_dup_attribute (account, "plan");
  g_assert_cmpstr (silver, ==, "silver");

  tend_account_set_attribute (account, "absent", NULL);
  assert_notified (log, "");
  tend_account_set_attribute (account, "plan", NULL);
  assert_notified (log, "attributes:1;");
  g_assert_false (json_object_has_member (tend_account_get_attributes (account), "plan"));

  json_object_set_int_member (replacement, "nps", 9);
  tend_account_set_attributes (account, replacement);
  tend_account_set_attributes (account, replacement);
  assert_notified (log, "attributes:1;");
  tend_account_set_attributes (account, NULL);
  assert_notified (log, "attributes:1;");
  g_assert_cmpuint (json_object_get_size (tend_account_get_attributes (account)), ==, 0);
}

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
          const char *text = (const char *)sqlite3_column_text (stmt, i);

          g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", text ? text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);

  return g_string_free (out, FALSE);
}

static void
test_account_load (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendAccount) account = tend_account_load (fixture->store, 1, &error);
  g_autoptr(TendAccount) missing = NULL;
  double score;
  g_autofree char *band = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (tend_account_get_id (account), ==, 1);
  g_assert_cmpstr (tend_account_get_name (account), ==, "Acme Corp");
  g_assert_cmpstr (tend_account_get_domain (account), ==, "acme.example");
  g_assert_cmpint (tend_account_get_owner_id (account), ==, 1);
  g_assert_cmpstr (tend_account_get_owner_name (account), ==, "Ana Silva");
  g_assert_cmpstr (tend_account_get_segment (account), ==, "Enterprise");
  g_assert_null (tend_account_get_lifecycle_stage (account));
  g_assert_cmpstr (tend_account_get_status (account), ==, "active");
  g_assert_cmpint (tend_account_get_licensed_seats (account), ==, 250);
  g_assert_cmpint (tend_account_get_arr_minor (account), ==, 12000000);
  g_assert_cmpstr (tend_account_get_currency (account), ==, "USD");
  g_assert_null (tend_account_get_renewal_date (account));
  g_assert_cmpfloat (tend_account_get_health_score (account), ==, TEND_NO_SCORE);
  g_assert_null (tend_account_get_health_band (account));
  g_assert_true (isnan (tend_account_get_health_change (account)));

  g_object_get (account, "health-score", &score, "health-band", &band, NULL);
  g_assert_cmpfloat (score, ==, TEND_NO_SCORE);
  g_assert_null (band);

  missing = tend_account_load (fixture->store, 999, &error);
  g_assert_null (missing);
  g_assert_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_NOT_FOUND);
}

static void
test_account_save (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendAccount) account = tend_account_new ();
  g_autoptr(TendAccount) loaded = NULL;
  g_autoptr(NotifyLog) log = NULL;
  g_autofree char *row = NULL;
  g_autofree char *updated = NULL;

  tend_account_set_name (account, "Initech");
  tend_account_set_owner_id (account, 2);
  tend_account_set_segment (account, "SMB");
  tend_account_set_arr_minor (account, 480000);
  tend_account_set_attribute (account, "region", "EMEA");
  log = notify_log_watch (account);

  /* A new account is inserted, gets its id and its owner's name. */
  g_assert_true (tend_account_save (account, fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tend_account_get_id (account), ==, 2);
  assert_notified (log, "id:1;owner-name:1;");
  g_assert_cmpstr (tend_account_get_owner_name (account), ==, "Ken Sato");
  g_assert_cmpstr (fixture->changes->str, ==, "accounts;");

  row = dump (fixture->store, "SELECT name, domain, owner_id, segment, status, arr_minor,"
                              " currency, licensed_seats, attributes FROM accounts"
                              " WHERE id = 2");
  g_assert_cmpstr (row, ==, "Initech|NULL|2|SMB|active|480000|USD|NULL|{\"region\":\"EMEA\"}\n");

  /* An update writes the profile and stamps it. */
  exec_ok (fixture->store, "UPDATE accounts SET updated_at = 0 WHERE id = 2");
  tend_account_set_owner_id (account, 1);
  tend_account_set_status (account, "paused");
  g_assert_true (tend_account_save (account, fixture->store, &error));
  g_assert_no_error (error);
  assert_notified (log, "owner-id:1;owner-name:1;status:1;");
  g_assert_cmpstr (tend_account_get_owner_name (account), ==, "Ana Silva");
  g_assert_cmpstr (fixture->changes->str, ==, "accounts;accounts;");
  updated = dump (fixture->store, "SELECT updated_at > 0, status FROM accounts WHERE id = 2");
  g_assert_cmpstr (updated, ==, "1|paused\n");

  loaded = tend_account_load (fixture->store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tend_account_get_owner_name (loaded), ==, "Ana Silva");
  g_assert_cmpstr (tend_account_get_status (loaded), ==, "paused");
}

static void
test_account_save_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendAccount) fresh = tend_account_new ();
  g_autoptr(TendAccount) account = tend_account_load (fixture->store, 1, &error);
  g_autofree char *status = NULL;

  g_assert_no_error (error);

  /* The store refuses a status it does not know; nothing is written or announced. */
  tend_account_set_name (fresh, "Bad");
  tend_account_set_status (fresh, "zombie");
  g_assert_false (tend_account_save (fresh, fixture->store, &error));
  g_assert_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (tend_account_get_id (fresh), ==, 0);

  tend_account_set_status (account, "zombie");
  g_assert_false (tend_account_save (account, fixture->store, &error));
  g_assert_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (tend_store_in_transaction (fixture->store));
  status = dump (fixture->store, "SELECT group_concat(status) FROM accounts");
  g_assert_cmpstr (status, ==, "active\n");
  g_assert_cmpstr (fixture->changes->str, ==, "");

  /* An account deleted meanwhile cannot be saved over. */
  exec_ok (fixture->store, "DELETE FROM accounts WHERE id = 1");
  tend_account_set_status (account, "active");
  g_assert_false (tend_account_save (account, fixture->store, &error));
  g_assert_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_NOT_FOUND);
}

static void
test_account_reload (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendAccount) account = tend_account_load (fixture->store, 1, &error);
  g_autoptr(NotifyLog) log = notify_log_watch (account);
  g_autofree char *kept = NULL;

  g_assert_no_error (error);

  /* Scoring writes to the table; a reload notifies just what changed, once each. */
  exec_ok (fixture->store, "UPDATE accounts SET health_score = 55.5, health_band = 'yellow',"
                           " health_change_30d = -7.25 WHERE id = 1");
  g_assert_true (tend_account_reload (account, fixture->store, &error));
  g_assert_no_error (error);
  assert_notified (log, "health-band:1;health-change:1;health-score:1;");
  g_assert_cmpfloat (tend_account_get_health_score (account), ==, 55.5);
  g_assert_cmpstr (tend_account_get_health_band (account), ==, "yellow");
  g_assert_cmpfloat (tend_account_get_health_change (account), ==, -7.25);

  g_assert_true (tend_account_reload (account, fixture->store, &error));
  assert_notified (log, "");

  /* Attributes that are not a JSON object are kept as they were through a save. */
  exec_ok (fixture->store, "UPDATE accounts SET attributes = 'not json' WHERE id = 1");
  g_assert_true (tend_account_reload (account, fixture->store, &error));
  assert_notified (log, "attributes:1;");
  g_assert_cmpuint (json_object_get_size (tend_account_get_attributes (account)), ==, 0);
  tend_account_set_name (account, "Acme Corporation");
  g_assert_true (tend_account_save (account, fixture->store, &error));
  g_assert_no_error (error);
  kept = dump (fixture->store, "SELECT name, attributes FROM accounts WHERE id = 1");
  g_assert_cmpstr (kept, ==, "Acme Corporation|not json\n");
}

static void
test_csm (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendCsm) by_email = NULL;
  g_autoptr(TendCsm) by_name = NULL;
  g_autoptr(TendCsm) completed = NULL;
  g_autoptr(TendCsm) created = NULL;
  g_autoptr(TendCsm) email_only = NULL;
  g_autoptr(TendCsm) namesake = NULL;
  g_autoptr(GListStore) all = NULL;
  g_autofree char *rows = NULL;

  by_email = tend_csm_find_or_create (fixture->store, "Somebody Else", " ANA@example.com ",
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpint (tend_csm_get_id (by_email), ==, 1);
  g_assert_cmpstr (tend_csm_get_name (by_email), ==, "Ana Silva");
  g_assert_cmpstr (tend_csm_get_team (by_email), ==, "Enterprise");

  by_name = tend_csm_find_or_create (fixture->store, "ken sato", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tend_csm_get_id (by_name), ==, 2);
  g_assert_cmpstr (fixture->changes->str, ==, "");

  /* Found by name with no address yet, the CSM gets the address. */
  completed = tend_csm_find_or_create (fixture->store, "Ken Sato", "ken@example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpint (tend_csm_get_id (completed), ==, 2);
  g_assert_cmpstr (tend_csm_get_email (completed), ==, "ken@example.com");
  g_assert_cmpstr (fixture->changes->str, ==, "csms;");

  /* The same name with another address is another person. */
  namesake = tend_csm_find_or_create (fixture->store, "Ken Sato", "k.sato@example.com",
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpint (tend_csm_get_id (namesake), ==, 3);

  created = tend_csm_find_or_create (fixture->store, "Zoë Park", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tend_csm_get_id (created), ==, 4);
  email_only = tend_csm_find_or_create (fixture->store, NULL, "lee@example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tend_csm_get_name (email_only), ==, "lee@example.com");
  g_assert_cmpstr (fixture->changes->str, ==, "csms;csms;csms;csms;");

  rows = dump (fixture->store, "SELECT id, name, email FROM csms ORDER BY id");
  g_assert_cmpstr (rows, ==,
                   "1|Ana Silva|ana@example.com\n2|Ken Sato|ken@example.com\n"
                   "3|Ken Sato|k.sato@example.com\n4|Zoë Park|NULL\n"
                   "5|lee@example.com|lee@example.com\n");

  all = tend_csm_load_all (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 5);
  {
    g_autoptr(TendCsm) first = g_list_model_get_item (G_LIST_MODEL (all), 0);
    g_autoptr(TendCsm) last = g_list_model_get_item (G_LIST_MODEL (all), 4);

    g_assert_cmpstr (tend_csm_get_name (first), ==, "Ana Silva");
    g_assert_cmpstr (tend_csm_get_name (last), ==, "Zoë Park");
  }
}

static void
test_subscription_annualise (void)
{
  static const struct {
    gint64 amount;
    int quantity;
    const char *interval;
    gint64 expected;
  } cases[] = {
    { 1000, 1, "month", 12000 },
    { 2500, 2, "quarter", 20000 },
    { 120000, 1, "year", 120000 },
    { 999, 3, "month", 35964 },
    { -500, 1, "month", -6000 },
    { 50000, 1, "one_time", 0 },
    { 1000, 0, "month", 0 },
    { 1000, 1, "fortnight", 0 },
    { 1000, 1, NULL, 0 },
    { G_MAXINT64 / 2, 1, "month", G_MAXINT64 },
    { G_MININT64 / 2, 1, "quarter", G_MININT64 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (tend_subscription_annualise (cases[i].amount, cases[i].quantity,
                                                  cases[i].interval),
                     ==, cases[i].expected);
}

static void
test_subscription_load (Fixture       *fixture,
                        gconstpointer  data)
{
  static const struct {
    const char *product;
    const char *status;
    gint64 arr;
  } expected[] = {
    { "Platform", "active", 1200000 },
    { "Analytics", "past_due", 240000 },
    { "Pilot", "trialing", 0 },
    { "Legacy", "canceled", 0 },
    { "Onboarding", "ended", 0 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) subscriptions = NULL;
  guint n;

  exec_ok (fixture->store,
           "INSERT INTO subscriptions (account_id, source, external_id, product, plan,"
           "  amount_minor, currency, billing_interval, quantity, start_date, renewal_date,"
           "  end_date, status) VALUES"
           "  (1, NULL, NULL, 'Legacy', NULL, 5000, 'USD', 'month', 1, '2020-01-01', NULL,"
           "   '2021-01-01', 'canceled'),"
           "  (1, 'stripe', 'sub_1', 'Platform', 'Gold', 10000, 'USD', 'month', 10,"
           "   '2023-04-01', '2026-04-01', NULL, 'active'),"
           "  (1, NULL, NULL, 'Onboarding', NULL, 900000, 'USD', 'one_time', 1, '2023-03-01',"
           "   NULL, NULL, 'ended'),"
           "  (1, NULL, NULL, 'Analytics', NULL, 60000, 'USD', 'quarter', 1, '2024-01-01',"
           "   NULL, NULL, 'past_due'),"
           "  (1, NULL, NULL, 'Pilot', NULL, 1000, 'USD', 'month', 1, '2025-01-01',"
           "   NULL, NULL, 'trialing')");

  subscriptions = tend_subscription_load_for_account (fixture->store, 1, &error);
  g_assert_no_error (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (subscriptions));
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TendSubscription) subscription =
        g_list_model_get_item (G_LIST_MODEL (subscriptions), i);
      gint64 arr = 0;

      g_assert_cmpstr (tend_subscription_get_product (subscription), ==, expected[i].product);
      g_assert_cmpstr (tend_subscription_get_status (subscription), ==, expected[i].status);
      g_assert_cmpint (tend_subscription_get_arr_minor (subscription), ==, expected[i].arr);
      g_object_get (subscription, "arr-minor", &arr, NULL);
      g_assert_cmpint (arr, ==, expected[i].arr);
    }

  {
    g_autoptr(TendSubscription) platform = g_list_model_get_item (G_LIST_MODEL (subscriptions),
                                                                   0);

    g_assert_cmpint (tend_subscription_get_account_id (platform), ==, 1);
    g_assert_cmpstr (tend_subscription_get_source (platform), ==, "stripe");
    g_assert_cmpstr (tend_subscription_get_external_id (platform), ==, "sub_1");
    g_assert_cmpstr (tend_subscription_get_plan (platform), ==, "Gold");
    g_assert_cmpint (tend_subscription_get_amount_minor (platform), ==, 10000);
    g_assert_cmpstr (tend_subscription_get_currency (platform), ==, "USD");
    g_assert_cmpstr (tend_subscription_get_billing_interval (platform), ==, "month");
    g_assert_cmpint (tend_subscription_get_quantity (platform), ==, 10);
    g_assert_cmpstr (tend_subscription_get_start_date (platform), ==, "2023-04-01");
    g_assert_cmpstr (tend_subscription_get_renewal_date (platform), ==, "2026-04-01");
    g_assert_null (tend_subscription_get_end_date (platform));
  }

  g_clear_object (&subscriptions);
  subscriptions = tend_subscription_load_for_account (fixture->store, 42, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (subscriptions)), ==, 0);
}

static void
test_milestone_crud (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendMilestone) milestone = tend_milestone_new (1);
  g_autoptr(TendMilestone) second = tend_milestone_new (1);
  g_autoptr(GListStore) plan = NULL;
  g_autoptr(NotifyLog) log = notify_log_watch (milestone);
  g_autofree char *row = NULL;
  g_autofree char *left = NULL;

  tend_milestone_set_title (milestone, "Kick-off call");
  tend_milestone_set_description (milestone, "Agree goals");
  tend_milestone_set_owner_id (milestone, 1);
  tend_milestone_set_due_date (milestone, "2026-12-20");
  tend_milestone_set_progress (milestone, 140);
  assert_notified (log, "description:1;due-date:1;owner-id:1;progress:1;title:1;");
  g_assert_cmpint (tend_milestone_get_progress (milestone), ==, 100);
  tend_milestone_set_progress (milestone, 25);
  assert_notified (log, "progress:1;");

  g_assert_true (tend_milestone_save (milestone, fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tend_milestone_get_id (milestone), ==, 1);
  g_assert_cmpstr (tend_milestone_get_owner_name (milestone), ==, "Ana Silva");
  assert_notified (log, "id:1;owner-name:1;");
  g_assert_cmpstr (fixture->changes->str, ==, "milestones;");

  tend_milestone_set_title (second, "Training");
  g_assert_true (tend_milestone_save (second, fixture->store, &error));
  g_assert_no_error (error);

  /* Update. */
  tend_milestone_set_owner_id (milestone, 2);
  tend_milestone_set_title (milestone, "Kick-off");
  g_assert_true (tend_milestone_save (milestone, fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tend_milestone_get_owner_name (milestone), ==, "Ken Sato");
  row = dump (fixture->store, "SELECT id, account_id, title, description, owner_id, due_date,"
                              " completed_date, progress FROM milestones ORDER BY id");
  g_assert_cmpstr (row, ==, "1|1|Kick-off|Agree goals|2|2026-12-20|NULL|25\n"
                            "2|1|Training||NULL|NULL|NULL|0\n");

  /* Completing stamps today and 100%. */
  g_assert_true (tend_milestone_complete (milestone, fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tend_milestone_get_completed_date (milestone), ==, "2026-12-04");
  g_assert_cmpint (tend_milestone_get_progress (milestone), ==, 100);

  /* Open milestones come first, undated ones after dated ones. */
  plan = tend_milestone_load_for_account (fixture->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (plan)), ==, 2);
  {
    g_autoptr(TendMilestone) first = g_list_model_get_item (G_LIST_MODEL (plan), 0);
    g_autoptr(TendMilestone) done = g_list_model_get_item (G_LIST_MODEL (plan), 1);

    g_assert_cmpstr (tend_milestone_get_title (first), ==, "Training");
    g_assert_cmpstr (tend_milestone_get_title (done), ==, "Kick-off");
    g_assert_cmpstr (tend_milestone_get_completed_date (done), ==, "2026-12-04");
    g_assert_cmpstr (tend_milestone_get_owner_name (done), ==, "Ken Sato");
  }

  g_assert_true (tend_milestone_delete (milestone, fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tend_milestone_get_id (milestone), ==, 0);
  left = dump (fixture->store, "SELECT group_concat(title) FROM milestones");
  g_assert_cmpstr (left, ==, "Training\n");
  g_assert_cmpstr (fixture->changes->str,
                   ==, "milestones;milestones;milestones;milestones;milestones;");
}

static void
test_milestone_refused (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendMilestone) untitled = tend_milestone_new (1);
  g_autoptr(TendMilestone) undated = tend_milestone_new (1);
  g_autoptr(TendMilestone) orphan = tend_milestone_new (77);
  g_autoptr(TendMilestone) kept = tend_milestone_new (1);
  g_autofree char *count = NULL;

  tend_milestone_set_title (untitled, "   ");
  g_assert_false (tend_milestone_save (untitled, fixture->store, &error));
  g_assert_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  tend_milestone_set_title (undated, "Renewal prep");
  tend_milestone_set_due_date (undated, "next week");
  g_assert_false (tend_milestone_save (undated, fixture->store, &error));
  g_assert_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "next week"));
  g_clear_error (&error);

  tend_milestone_set_title (orphan, "For nobody");
  g_assert_false (tend_milestone_save (orphan, fixture->store, &error));
  g_assert_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (tend_milestone_get_id (orphan), ==, 0);

  /* Saved inside a caller's transaction that rolls back, it is neither kept nor
   * announced. */
  g_assert_true (tend_store_begin (fixture->store, &error));
  tend_milestone_set_title (kept, "Rolled back");
  g_assert_true (tend_milestone_save (kept, fixture->store, &error));
  g_assert_no_error (error);
  tend_store_rollback (fixture->store);

  count = dump (fixture->store, "SELECT count(*) FROM milestones");
  g_assert_cmpstr (count, ==, "0\n");
  g_assert_cmpstr (fixture->changes->str, ==, "");
}

static void
test_milestone_overdue (Fixture       *fixture,
                        gconstpointer  data)
{
  static const struct {
    const char *due;
    const char *completed;
    gboolean overdue;
  } cases[] = {
    { "2026-12-03", NULL, TRUE },
    { "2025-01-01", NULL, TRUE },
    { "2026-12-04", NULL, FALSE },
    { "2026-12-05", NULL, FALSE },
    { NULL, NULL, FALSE },
    { "2026-12-03", "2026-12-04", FALSE },
    { "not a date", NULL, FALSE },
  };
  g_autoptr(TendMilestone) milestone = tend_milestone_new (1);
  g_autoptr(NotifyLog) log = NULL;
  TendDay today = tend_day_from_iso ("2026-12-04");
  gboolean overdue;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TendMilestone) m = tend_milestone_new (1);

      tend_milestone_set_due_date (m, cases[i].due);
      tend_milestone_set_completed_date (m, cases[i].completed);
      g_assert_cmpint (tend_milestone_is_overdue (m, today), ==, cases[i].overdue);
    }

  /* The property judges by today as $TEND_TODAY pins it, and tells when it flips. */
  log = notify_log_watch (milestone);
  tend_milestone_set_due_date (milestone, "2026-12-10");
  assert_notified (log, "due-date:1;");
  tend_milestone_set_due_date (milestone, "2026-11-30");
  assert_notified (log, "due-date:1;is-overdue:1;");
  g_object_get (milestone, "is-overdue", &overdue, NULL);
  g_assert_true (overdue);
  tend_milestone_set_due_date (milestone, "2026-11-29");
  assert_notified (log, "due-date:1;");
  tend_milestone_set_completed_date (milestone, "2026-12-01");
  assert_notified (log, "completed-date:1;is-overdue:1;");
  g_object_get (milestone, "is-overdue", &overdue, NULL);
  g_assert_false (overdue);

  /* A milestone completed late is not overdue any more, whatever day it is. */
  g_assert_false (tend_milestone_is_overdue (milestone, today + 1000));
}

static void
test_contacts_and_tickets (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) contacts = NULL;
  g_autoptr(GListStore) tickets = NULL;
  g_autoptr(TendContact) primary = NULL;
  g_autoptr(TendContact) other = NULL;
  g_autoptr(TendTicket) newest = NULL;
  g_autoptr(TendTicket) oldest = NULL;

  exec_ok (fixture->store,
           "INSERT INTO contacts (account_id, name, email, title, role, phone, is_primary)"
           "  VALUES (1, 'Zed', 'zed@acme.example', NULL, NULL, NULL, 0),"
           "  (1, 'Wile E.', 'wile@acme.example', 'CTO', 'champion', '+1 555 0100', 1),"
           "  (1, 'Amy', NULL, NULL, NULL, NULL, 0);"
           "INSERT INTO tickets (account_id, subject, body, priority, status, opened_at,"
           "  closed_at, satisfaction) VALUES"
           "  (1, 'Login fails', 'Since Monday', 'high', 'solved', 1709251200, 1709337600, 4),"
           "  (1, 'Invoice', '', 'normal', 'open', 1709337700, NULL, NULL),"
           "  (1, 'Export', 'CSV broken', 'urgent', 'pending', 1709251300, NULL, NULL);");

  contacts = tend_contact_load_for_account (fixture->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (contacts)), ==, 3);
  primary = g_list_model_get_item (G_LIST_MODEL (contacts), 0);
  other = g_list_model_get_item (G_LIST_MODEL (contacts), 1);
  g_assert_cmpstr (tend_contact_get_name (primary), ==, "Wile E.");
  g_assert_true (tend_contact_get_is_primary (primary));
  g_assert_cmpstr (tend_contact_get_title (primary), ==, "CTO");
  g_assert_cmpstr (tend_contact_get_role (primary), ==, "champion");
  g_assert_cmpstr (tend_contact_get_phone (primary), ==, "+1 555 0100");
  g_assert_cmpstr (tend_contact_get_email (primary), ==, "wile@acme.example");
  g_assert_cmpstr (tend_contact_get_name (other), ==, "Amy");
  g_assert_null (tend_contact_get_email (other));
  g_assert_false (tend_contact_get_is_primary (other));

  tickets = tend_ticket_load_for_account (fixture->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tickets)), ==, 3);
  newest = g_list_model_get_item (G_LIST_MODEL (tickets), 0);
  oldest = g_list_model_get_item (G_LIST_MODEL (tickets), 2);
  g_assert_cmpstr (tend_ticket_get_subject (newest), ==, "Invoice");
  g_assert_true (tend_ticket_is_open (newest));
  g_assert_cmpint (tend_ticket_get_closed_at (newest), ==, 0);
  g_assert_cmpint (tend_ticket_get_satisfaction (newest), ==, 0);
  g_assert_cmpstr (tend_ticket_get_subject (oldest), ==, "Login fails");
  g_assert_cmpstr (tend_ticket_get_body (oldest), ==, "Since Monday");
  g_assert_cmpstr (tend_ticket_get_priority (oldest), ==, "high");
  g_assert_cmpstr (tend_ticket_get_status (oldest), ==, "solved");
  g_assert_false (tend_ticket_is_open (oldest));
  g_assert_cmpint (tend_ticket_get_opened_at (oldest), ==, 1709251200);
  g_assert_cmpint (tend_ticket_get_closed_at (oldest), ==, 1709337600);
  g_assert_cmpint (tend_ticket_get_satisfaction (oldest), ==, 4);
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) days = NULL;
  g_autoptr(GArray) none = NULL;
  TendUsageDay *day;

  exec_ok (fixture->store,
           "INSERT INTO usage_daily VALUES (1, 100, 40, 120, 900, 12), (1, 102, 42, 130, 950, 13),"
           "  (1, 99, 1, 1, 1, 1), (1, 104, 9, 9, 9, 9)");

  days = tend_usage_load (fixture->store, 1, 100, 103, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (days->len, ==, 4);

  /* Every day of the range is there, in order; a day with no row is zeros. */
  day = &g_array_index (days, TendUsageDay, 0);
  g_assert_cmpint (day->day, ==, 100);
  g_assert_cmpint (day->active_users, ==, 40);
  g_assert_cmpint (day->sessions, ==, 120);
  g_assert_cmpint (day->key_events, ==, 900);
  g_assert_cmpint (day->features_used, ==, 12);
  day = &g_array_index (days, TendUsageDay, 1);
  g_assert_cmpint (day->day, ==, 101);
  g_assert_cmpint (day->active_users + day->sessions + day->key_events + day->features_used,
                   ==, 0);
  day = &g_array_index (days, TendUsageDay, 2);
  g_assert_cmpint (day->day, ==, 102);
  g_assert_cmpint (day->sessions, ==, 130);
  g_assert_cmpint (g_array_index (days, TendUsageDay, 3).day, ==, 103);
  g_assert_cmpint (g_array_index (days, TendUsageDay, 3).active_users, ==, 0);

  none = tend_usage_load (fixture->store, 1, 103, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
add_test (const char *path,
          void      (*test) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, test, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_test ("/model/account/setters-notify", test_account_setters_notify);
  add_test ("/model/account/attributes", test_account_attributes);
  add_test ("/model/account/load", test_account_load);
  add_test ("/model/account/save", test_account_save);
  add_test ("/model/account/save-refused", test_account_save_refused);
  add_test ("/model/account/reload", test_account_reload);
  add_test ("/model/csm/find-or-create", test_csm);
  g_test_add_func ("/model/subscription/annualise", test_subscription_annualise);
  add_test ("/model/subscription/load", test_subscription_load);
  add_test ("/model/milestone/crud", test_milestone_crud);
  add_test ("/model/milestone/refused", test_milestone_refused);
  add_test ("/model/milestone/overdue", test_milestone_overdue);
  add_test ("/model/contacts-and-tickets", test_contacts_and_tickets);
  add_test ("/model/usage", test_usage);

  return g_test_run ();
}
