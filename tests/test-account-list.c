/* test-account-list.c: the lazily loaded, SQL-sorted list of accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>
#include <string.h>

#include "model/tend-account-list.h"
#include "tend-test-workspace.h"

/* The temporary folder and store every test here works in. */
typedef TendTestWorkspace Fixture;

static void
exec_ok (TendStore  *store,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tend_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

/* Eight accounts chosen so that every sort key has ties and empty values. */
static const char workspace[] =
  "INSERT INTO csms (id, name) VALUES (1, 'Ana Silva'), (2, 'Ken Sato'), (3, 'Zoë Park');"
  "INSERT INTO accounts (id, name, domain, owner_id, segment, status, arr_minor,"
  "  health_score, health_band, health_change_30d, renewal_date) VALUES"
  "  (1, 'Acme Corp', 'acme.example', 1, 'Enterprise', 'active', 12000000, 82.0, 'green',"
  "   5.0, '2026-03-01'),"
  "  (2, 'beta labs', 'betalabs.io', 2, 'SMB', 'active', 480000, 35.0, 'red', -12.0,"
  "   '2025-12-15'),"
  "  (3, 'Cobalt', NULL, NULL, 'Mid-Market', 'trial', 0, NULL, NULL, NULL, NULL),"
  "  (4, 'delta_co', 'delta.example', 1, 'SMB', 'churned', 240000, 20.0, 'red', -30.0,"
  "   '2025-06-30'),"
  "  (5, 'Echo 100%', 'echo.example', 3, NULL, 'active', 960000, 65.0, 'yellow', 0.0,"
  "   '2026-01-10'),"
  "  (6, 'Foxtrot', 'fox100.example', 2, 'Enterprise', 'paused', 960000, 70.0, 'green', 2.5,"
  "   '2026-01-10'),"
  "  (7, 'Golf', 'golf.example', NULL, 'Mid-Market', 'active', 3600000, 45.5, 'yellow',"
  "   NULL, '2026-07-01'),"
  "  (8, '株式会社さくら', 'sakura.example.jp', 3, 'Enterprise', 'active', 7200000, 90.0,"
  "   'green', 1.0, NULL);"
  "INSERT INTO account_sources VALUES ('csv', 'ACME-001', 1), ('stripe', 'cus_ZZ9', 7),"
  "  ('csv', 'X_1', 3), ('csv', 'XA1', 4);";

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  tend_test_workspace_init (fixture, "tend-list", TRUE);

  if (data == NULL)
    exec_ok (fixture->store, workspace);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tend_test_workspace_clear (fixture);
}

/* The ids of the list in order, as "1,4,2". */
static char *
list_ids (TendAccountList *list)
{
  GString *out = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            tend_account_list_get_id (list, i));

  return g_string_free (out, FALSE);
}

#define assert_ids(list, expected)               \
  G_STMT_START {                                 \
    g_autofree char *ids = list_ids (list);      \
    g_assert_cmpstr (ids, ==, expected);         \
  } G_STMT_END

static void
test_list_sort (Fixture       *fixture,
                gconstpointer  data)
{
  static const struct {
    TendAccountSortKey key;
    const char *ascending;
    const char *descending;
  } cases[] = {
    { TEND_ACCOUNT_SORT_NAME, "1,2,3,4,5,6,7,8", "8,7,6,5,4,3,2,1" },
    /* Ties are broken by id in the sort's direction; accounts without a value come
     * last both ways. */
    { TEND_ACCOUNT_SORT_OWNER, "1,4,2,6,5,8,3,7", "8,5,6,2,4,1,7,3" },
    { TEND_ACCOUNT_SORT_SEGMENT, "1,6,8,3,7,2,4,5", "4,2,7,3,8,6,1,5" },
    { TEND_ACCOUNT_SORT_ARR, "3,4,2,5,6,7,8,1", "1,8,7,6,5,2,4,3" },
    { TEND_ACCOUNT_SORT_HEALTH, "4,2,7,5,6,1,8,3", "8,1,6,5,7,2,4,3" },
    { TEND_ACCOUNT_SORT_TREND, "4,2,5,8,6,1,3,7", "1,6,8,5,2,4,7,3" },
    { TEND_ACCOUNT_SORT_RENEWAL, "4,2,5,6,1,7,3,8", "7,1,6,5,2,4,8,3" },
    { TEND_ACCOUNT_SORT_STATUS, "1,2,5,7,8,4,6,3", "3,6,4,8,7,5,2,1" },
  };
  g_autoptr(TendAccountList) list = tend_account_list_new (fixture->store);

  g_assert_cmpint (tend_account_list_get_sort_key (list), ==, TEND_ACCOUNT_SORT_NAME);
  g_assert_false (tend_account_list_get_descending (list));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("sort key %d", cases[i].key);

      tend_account_list_set_sort (list, cases[i].key, FALSE);
      assert_ids (list, cases[i].ascending);
      tend_account_list_set_sort (list, cases[i].key, TRUE);
      assert_ids (list, cases[i].descending);
      g_assert_cmpint (tend_account_list_get_sort_key (list), ==, cases[i].key);
      g_assert_true (tend_account_list_get_descending (list));
    }

  /* Filtered, SQLite sorts the rows rather than walk an index: the order is the same.
   * Every account has an "a" in its name or domain. */
  tend_account_list_set_search (list, "a");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      tend_account_list_set_sort (list, cases[i].key, FALSE);
      assert_ids (list, cases[i].ascending);
      tend_account_list_set_sort (list, cases[i].key, TRUE);
      assert_ids (list, cases[i].descending);
    }
  tend_account_list_set_search (list, NULL);

  /* The same through properties, as a view would bind them. */
  g_object_set (list, "sort-key", TEND_ACCOUNT_SORT_ARR, "descending", FALSE, NULL);
  assert_ids (list, "3,4,2,5,6,7,8,1");
}

static void
test_list_search (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct {
    const char *search;
    const char *expected;
  } cases[] = {
    { "acme", "1" },                      /* name, any case */
    { "ACME-001", "1" },                  /* an external id */
    { "cus_zz9", "7" },
    { "example", "1,4,5,6,7,8" },         /* domain */
    { "ken", "2,6" },                     /* owner name */
    { "smb", "2,4" },                     /* segment */
    { "x_1", "3" },                       /* "_" is a character, not a wildcard */
    { "100%", "5" },                      /* and so is "%" */
    { "a\\b", "" },
    { "さくら", "8" },
    { "  golf  ", "7" },
    { "no such account", "" },
    { "", "1,2,3,4,5,6,7,8" },
    { NULL, "1,2,3,4,5,6,7,8" },
  };
  g_autoptr(TendAccountList) list = tend_account_list_new (fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("searching “%s”", cases[i].search ? cases[i].search : "(null)");

      tend_account_list_set_search (list, cases[i].search);
      assert_ids (list, cases[i].expected);
    }

  tend_account_list_set_search (list, "  golf ");
  g_assert_cmpstr (tend_account_list_get_search (list), ==, "golf");
  tend_account_list_set_search (list, "   ");
  g_assert_null (tend_account_list_get_search (list));
}

static void
test_list_filters (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(TendAccountList) list = tend_account_list_new (fixture->store);

  tend_account_list_set_band (list, "red");
  assert_ids (list, "2,4");
  tend_account_list_set_band (list, "yellow");
  assert_ids (list, "5,7");
  tend_account_list_set_band (list, "green");
  assert_ids (list, "1,6,8");
  tend_account_list_set_band (list, "unscored");
  assert_ids (list, "3");
  tend_account_list_set_band (list, NULL);
  assert_ids (list, "1,2,3,4,5,6,7,8");

  tend_account_list_set_owner_id (list, 1);
  assert_ids (list, "1,4");
  tend_account_list_set_owner_id (list, 3);
  assert_ids (list, "5,8");
  tend_account_list_set_owner_id (list, -1);
  assert_ids (list, "3,7");
  tend_account_list_set_owner_id (list, 0);
  assert_ids (list, "1,2,3,4,5,6,7,8");

  tend_account_list_set_segment (list, "SMB");
  assert_ids (list, "2,4");
  tend_account_list_set_segment (list, "Enterprise");
  assert_ids (list, "1,6,8");
  /* An empty segment shows the accounts without one, as the dashboard counts them. */
  exec_ok (fixture->store, "UPDATE accounts SET segment = '' WHERE id = 3");
  tend_account_list_set_segment (list, "");
  g_assert_cmpstr (tend_account_list_get_segment (list), ==, "");
  assert_ids (list, "3,5");
  exec_ok (fixture->store, "UPDATE accounts SET segment = 'Mid-Market' WHERE id = 3");
  tend_account_list_set_segment (list, NULL);
  g_assert_null (tend_account_list_get_segment (list));
  assert_ids (list, "1,2,3,4,5,6,7,8");

  tend_account_list_set_status (list, "churned");
  assert_ids (list, "4");
  tend_account_list_set_status (list, "active");
  assert_ids (list, "1,2,5,7,8");
  tend_account_list_set_status (list, NULL);

  /* Filters combine, with search and sort. */
  tend_account_list_set_band (list, "green");
  tend_account_list_set_owner_id (list, 2);
  assert_ids (list, "6");
  tend_account_list_set_owner_id (list, 0);
  tend_account_list_set_band (list, "red");
  tend_account_list_set_search (list, "example");
  assert_ids (list, "4");
  tend_account_list_set_band (list, NULL);
  tend_account_list_set_search (list, NULL);
  tend_account_list_set_status (list, "active");
  tend_account_list_set_segment (list, "Enterprise");
  tend_account_list_set_sort (list, TEND_ACCOUNT_SORT_ARR, TRUE);
  assert_ids (list, "1,8");
  tend_account_list_set_status (list, NULL);
  tend_account_list_set_segment (list, NULL);
  tend_account_list_set_owner_id (list, -1);
  tend_account_list_set_band (list, "unscored");
  assert_ids (list, "3");

  g_object_set (list, "band", NULL, "owner-id", (gint64)0, "segment", "Mid-Market",
                "status", "active", NULL);
  assert_ids (list, "7");
}

static void
test_list_sort_currencies (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(TendAccountList) list = NULL;

  /* ¥500,000 reads larger than KWD 7,000.000, which reads larger than $6,000.00: ARR sorts
   * by the amounts as written, not by their counts of minor units. */
  exec_ok (fixture->store,
           "INSERT INTO accounts (id, name, arr_minor, currency) VALUES"
           "  (1, 'Yen Co', 500000, 'JPY'), (2, 'Dollar Inc', 600000, 'USD'),"
           "  (3, 'Dinar LLC', 7000000, 'KWD'), (4, 'Euro AG', 600000, 'EUR')");
  list = tend_account_list_new (fixture->store);

  tend_account_list_set_sort (list, TEND_ACCOUNT_SORT_ARR, FALSE);
  assert_ids (list, "2,4,3,1");
  tend_account_list_set_sort (list, TEND_ACCOUNT_SORT_ARR, TRUE);
  assert_ids (list, "1,3,4,2");

  tend_account_list_set_search (list, "o");
  assert_ids (list, "1,4,2");
}

typedef struct
{
  GString *changes;
  guint    n_items_notified;
} ListLog;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  ListLog    *log)
{
  g_string_append_printf (log->changes, "%u-%u+%u;", position, removed, added);
}

static void
n_items_cb (GObject    *object,
            GParamSpec *pspec,
            ListLog    *log)
{
  log->n_items_notified++;
}

static void
test_list_changes (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendAccountList) list = tend_account_list_new (fixture->store);
  g_autoptr(TendAccount) before = NULL;
  g_autoptr(TendAccount) cached = NULL;
  g_autoptr(TendAccount) after = NULL;
  g_autoptr(TendAccount) cobalt = NULL;
  ListLog log = { g_string_new (NULL), 0 };

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &log);
  g_signal_connect (list, "notify::n-items", G_CALLBACK (n_items_cb), &log);

  /* A filter change reloads once: the old rows go, then the new ones come, so that no
   * view looks for its rows among the new ones (which loads them all). */
  tend_account_list_set_band (list, "yellow");
  g_assert_cmpstr (log.changes->str, ==, "0-8+0;0-0+2;");
  g_assert_cmpuint (log.n_items_notified, ==, 1);
  tend_account_list_set_band (list, "yellow");
  g_assert_cmpstr (log.changes->str, ==, "0-8+0;0-0+2;");

  /* The same object comes back while nothing changed. */
  before = g_list_model_get_item (G_LIST_MODEL (list), 1);
  cached = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_true (before == cached);
  g_assert_cmpfloat (tend_account_get_health_score (before), ==, 45.5);

  /* A change the store announces reloads once, with fresh objects. */
  exec_ok (fixture->store, "UPDATE accounts SET health_score = 50, health_band = 'yellow'"
                           " WHERE id IN (3, 7)");
  tend_store_emit_changed (fixture->store, "scores");
  g_assert_cmpstr (log.changes->str, ==, "0-8+0;0-0+2;0-2+0;0-0+3;");
  g_assert_cmpuint (log.n_items_notified, ==, 2);
  assert_ids (list, "3,5,7");
  after = g_list_model_get_item (G_LIST_MODEL (list), 2);
  g_assert_true (after != before);
  g_assert_cmpfloat (tend_account_get_health_score (after), ==, 50.0);

  /* Saving an account announces it; the list follows, once for the whole save. */
  cobalt = g_list_model_get_item (G_LIST_MODEL (list), 0);
  tend_account_set_name (cobalt, "Zulu");
  g_assert_true (tend_account_save (cobalt, fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (log.changes->str, ==, "0-8+0;0-0+2;0-2+0;0-0+3;0-3+0;0-0+3;");
  g_assert_cmpuint (log.n_items_notified, ==, 2);
  assert_ids (list, "5,7,3");

  /* Other parts of the workspace do not concern the list. */
  tend_store_emit_changed (fixture->store, "milestones");
  g_assert_cmpstr (log.changes->str, ==, "0-8+0;0-0+2;0-2+0;0-0+3;0-3+0;0-0+3;");

  g_string_free (log.changes, TRUE);
}

static void
test_list_items (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TendAccountList) list = tend_account_list_new (fixture->store);
  g_autoptr(TendAccount) first = NULL;
  g_autoptr(TendAccount) last = NULL;
  g_auto(GStrv) segments = NULL;
  guint n_items = 0;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == TEND_TYPE_ACCOUNT);
  g_assert_true (tend_account_list_get_store (list) == fixture->store);
  g_object_get (list, "n-items", &n_items, NULL);
  g_assert_cmpuint (n_items, ==, 8);

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  last = g_list_model_get_item (G_LIST_MODEL (list), 7);
  g_assert_cmpstr (tend_account_get_name (first), ==, "Acme Corp");
  g_assert_cmpstr (tend_account_get_owner_name (first), ==, "Ana Silva");
  g_assert_cmpstr (tend_account_get_name (last), ==, "株式会社さくら");

  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 8));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), G_MAXUINT));
  g_assert_cmpint (tend_account_list_get_id (list, 8), ==, 0);

  g_assert_cmpuint (tend_account_list_find (list, 5), ==, 4);
  tend_account_list_set_band (list, "red");
  g_assert_cmpuint (tend_account_list_find (list, 5), ==, G_MAXUINT);

  segments = tend_account_list_dup_segments (fixture->store);
  g_assert_cmpstrv (segments, ((const char *[]) { "Enterprise", "Mid-Market", "SMB", NULL }));
}

static void
test_list_empty (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TendAccountList) list = tend_account_list_new (fixture->store);
  g_autoptr(TendAccountList) unbound = tend_account_list_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) segments = tend_account_list_dup_segments (fixture->store);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 0));
  g_assert_cmpuint (g_strv_length (segments), ==, 0);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (unbound)), ==, 0);
  g_assert_true (tend_account_list_reload (unbound, &error));
  g_assert_no_error (error);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
test_list_properties (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(TendAccountList) list = tend_account_list_new (fixture->store);
  ListLog log = { g_string_new (NULL), 0 };
  guint search_notified = 0;
  guint sort_notified = 0;

  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &log);
  g_signal_connect (list, "notify::search", G_CALLBACK (count_cb), &search_notified);
  g_signal_connect (list, "notify::sort-key", G_CALLBACK (count_cb), &sort_notified);
  g_signal_connect (list, "notify::descending", G_CALLBACK (count_cb), &sort_notified);

  tend_account_list_set_search (list, "example");
  tend_account_list_set_search (list, "example");
  tend_account_list_set_search (list, " example ");
  g_assert_cmpuint (search_notified, ==, 1);
  g_assert_cmpstr (log.changes->str, ==, "0-8+0;0-0+6;");

  /* Changing the key and the direction at once notifies each and reloads once. */
  tend_account_list_set_sort (list, TEND_ACCOUNT_SORT_HEALTH, TRUE);
  g_assert_cmpuint (sort_notified, ==, 2);
  g_assert_cmpstr (log.changes->str, ==, "0-8+0;0-0+6;0-6+0;0-0+6;");
  tend_account_list_set_sort (list, TEND_ACCOUNT_SORT_HEALTH, TRUE);
  g_assert_cmpuint (sort_notified, ==, 2);
  g_assert_cmpstr (log.changes->str, ==, "0-8+0;0-0+6;0-6+0;0-0+6;");

  g_string_free (log.changes, TRUE);
}

static double
time_ms (gint64 start)
{
  return (double)(g_get_monotonic_time () - start) / 1000.0;
}

static char *
text_of (TendStore  *store,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (tend_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return text;
}

static guint
count_rows (TendStore  *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  guint count;

  g_assert_cmpint (sqlite3_prepare_v2 (tend_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = (guint)sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return count;
}

/* 100,000 accounts with every sortable field filled in most rows. */
static const char big_workspace[] =
  "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12)"
  " INSERT INTO csms (id, name) SELECT i, 'CSM ' || i FROM n;"
  "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)"
  " INSERT INTO accounts (id, name, domain, owner_id, segment, status, arr_minor,"
  "   health_score, health_band, health_change_30d, renewal_date)"
  " SELECT i, 'Account ' || ((i * 7919) % 100003), 'customer' || i || '.example',"
  "   CASE WHEN i % 13 = 0 THEN NULL ELSE i % 12 + 1 END,"
  "   CASE i % 4 WHEN 0 THEN 'Enterprise' WHEN 1 THEN 'Mid-Market' WHEN 2 THEN 'SMB'"
  "     ELSE NULL END,"
  "   CASE WHEN i % 10 = 0 THEN 'churned' ELSE 'active' END,"
  "   (i * 104729) % 50000000,"
  "   CASE WHEN i % 17 = 0 THEN NULL ELSE (i * 37) % 101 END,"
  "   CASE WHEN i % 17 = 0 THEN NULL WHEN (i * 37) % 101 < 40 THEN 'red'"
  "     WHEN (i * 37) % 101 < 70 THEN 'yellow' ELSE 'green' END,"
  "   CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 41) - 20 END,"
  "   CASE WHEN i % 9 = 0 THEN NULL ELSE date('2025-01-01', '+' || (i % 730) || ' days') END"
  " FROM n;"
  "INSERT INTO account_sources SELECT 'csv', 'EXT-' || id, id FROM accounts;";

typedef enum
{
  STEP_SORT,
  STEP_SEARCH,
  STEP_BAND,
} StepKind;

static void
apply_step (TendAccountList    *list,
            StepKind            kind,
            TendAccountSortKey  key,
            gboolean            descending,
            const char         *text)
{
  switch (kind)
    {
    case STEP_SORT:
      tend_account_list_set_sort (list, key, descending);
      break;

    case STEP_SEARCH:
      tend_account_list_set_search (list, text);
      break;

    case STEP_BAND:
      tend_account_list_set_band (list, text);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
test_list_large (Fixture       *fixture,
                 gconstpointer  data)
{
  static const struct {
    const char *label;
    StepKind kind;
    TendAccountSortKey key;
    gboolean descending;
    const char *text;
  } steps[] = {
    { "sort by name, descending", STEP_SORT, TEND_ACCOUNT_SORT_NAME, TRUE, NULL },
    { "sort by owner", STEP_SORT, TEND_ACCOUNT_SORT_OWNER, FALSE, NULL },
    { "sort by segment", STEP_SORT, TEND_ACCOUNT_SORT_SEGMENT, FALSE, NULL },
    { "sort by ARR, descending", STEP_SORT, TEND_ACCOUNT_SORT_ARR, TRUE, NULL },
    { "sort by health", STEP_SORT, TEND_ACCOUNT_SORT_HEALTH, FALSE, NULL },
    { "sort by trend", STEP_SORT, TEND_ACCOUNT_SORT_TREND, FALSE, NULL },
    { "sort by renewal", STEP_SORT, TEND_ACCOUNT_SORT_RENEWAL, FALSE, NULL },
    { "sort by status", STEP_SORT, TEND_ACCOUNT_SORT_STATUS, FALSE, NULL },
    { "sort by name", STEP_SORT, TEND_ACCOUNT_SORT_NAME, FALSE, NULL },
    { "search \"account 12\"", STEP_SEARCH, 0, FALSE, "account 12" },
    { "search \"ext-4242\"", STEP_SEARCH, 0, FALSE, "ext-4242" },
    { "search \"csm 7\"", STEP_SEARCH, 0, FALSE, "csm 7" },
    { "search \"nothing like it\"", STEP_SEARCH, 0, FALSE, "nothing like it" },
    { "search \"example\" (every account)", STEP_SEARCH, 0, FALSE, "example" },
    { "every account found, sort by owner", STEP_SORT, TEND_ACCOUNT_SORT_OWNER, FALSE, NULL },
    { "every account found, sort by name", STEP_SORT, TEND_ACCOUNT_SORT_NAME, FALSE, NULL },
    { "clear the search", STEP_SEARCH, 0, FALSE, NULL },
    { "band red", STEP_BAND, 0, FALSE, "red" },
    { "band red, sort by ARR, descending", STEP_SORT, TEND_ACCOUNT_SORT_ARR, TRUE, NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TendAccountList) list = NULL;
  gint64 start;

  start = g_get_monotonic_time ();
  g_assert_true (tend_store_begin (fixture->store, &error));
  exec_ok (fixture->store, big_workspace);
  g_assert_true (tend_store_commit (fixture->store, &error));
  g_assert_no_error (error);
  g_test_message ("building 100,000 accounts: %.0f ms", time_ms (start));

  start = g_get_monotonic_time ();
  list = tend_account_list_new (fixture->store);
  g_test_message ("first load of 100,000 accounts by name: %.1f ms", time_ms (start));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 100000);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      start = g_get_monotonic_time ();
      apply_step (list, steps[i].kind, steps[i].key, steps[i].descending, steps[i].text);
      g_test_message ("%s: %.1f ms, %u accounts", steps[i].label, time_ms (start),
                      g_list_model_get_n_items (G_LIST_MODEL (list)));
    }

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                    count_rows (fixture->store,
                                "SELECT count(*) FROM accounts WHERE health_band = 'red'"));

  /* The list reads the first screens of ids only; the rest, read on demand further
   * down, is in the same order as one full sort puts them. */
  {
    g_autofree char *ids = list_ids (list);
    g_autofree char *expected = text_of (fixture->store,
                                         "SELECT group_concat(id) FROM (SELECT id FROM accounts"
                                         " WHERE health_band = 'red' ORDER BY " "arr_minor / 100.0"
                                         " DESC NULLS LAST, id DESC)");

    g_assert_cmpstr (ids, ==, expected);
  }

  /* Scrolling reads only the rows it shows. */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(TendAccount) account = g_list_model_get_item (G_LIST_MODEL (list), i * 50);

      g_assert_cmpstr (tend_account_get_health_band (account), ==, "red");
    }
  g_test_message ("reading 200 rows across the list: %.1f ms", time_ms (start));

  start = g_get_monotonic_time ();
  g_assert_true (tend_account_list_reload (list, &error));
  g_assert_no_error (error);
  g_test_message ("reload after a change: %.1f ms", time_ms (start));
}

/* 6,000 accounts, more than a reload reads: a view that jumps to the end, then back,
 * then to the middle, gets each row where a full sort puts it, and the list can find
 * an account far down. */
static void
test_list_beyond_first_screens (Fixture       *fixture,
                                gconstpointer  data)
{
  static const guint positions[] = { 5999, 0, 3000, 4095, 4096, 5998 };
  g_autoptr(TendAccountList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) expected = NULL;
  g_autofree char *all = NULL;

  exec_ok (fixture->store,
           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000)"
           " INSERT INTO accounts (id, name) SELECT i, 'Account ' || ((i * 7919) % 1009) FROM n");
  all = text_of (fixture->store,
                 "SELECT group_concat(id) FROM (SELECT id FROM accounts"
                 " ORDER BY name COLLATE NOCASE, id)");
  expected = g_strsplit (all, ",", -1);
  g_assert_cmpuint (g_strv_length (expected), ==, 6000);

  list = tend_account_list_new (fixture->store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 6000);

  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    {
      g_autoptr(TendAccount) account = g_list_model_get_item (G_LIST_MODEL (list),
                                                              positions[i]);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             tend_account_get_id (account));

      g_assert_cmpstr (id, ==, expected[positions[i]]);
    }

  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 6000));
  g_assert_cmpuint (tend_account_list_find (list, g_ascii_strtoll (expected[5999], NULL, 10)),
                    ==, 5999);

  /* A reload starts from the first screens again, and still reaches the end. */
  g_assert_true (tend_account_list_reload (list, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tend_account_list_get_id (list, 5999), ==,
                   g_ascii_strtoll (expected[5999], NULL, 10));
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  guint *changes = user_data;

  (*changes)++;
}

/* Another process adds accounts that sort first, and removes one, without this store
 * telling the list: reading past the first ids finds the rows moved, and the list reads
 * them all anew and tells its views once the main loop runs, rather than quietly giving
 * other accounts for the rows views already show. */
static void
test_list_changed_elsewhere (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(TendAccountList) list = NULL;
  g_autoptr(TendStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TendAccount) far = NULL;
  gint64 first_before;
  gint64 last;
  guint changes = 0;

  exec_ok (fixture->store,
           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000)"
           " INSERT INTO accounts (id, name) SELECT i, 'Account ' || ((i * 7919) % 1009) FROM n");
  list = tend_account_list_new (fixture->store);
  g_signal_connect (list, "items-changed", G_CALLBACK (count_changes_cb), &changes);
  first_before = tend_account_list_get_id (list, 0);

  other = tend_store_open_sibling (fixture->store, &error);
  g_assert_no_error (error);
  exec_ok (other, "INSERT INTO accounts (id, name) VALUES (7001, 'AAA first'),"
                  " (7002, 'AAA second');"
                  "DELETE FROM accounts WHERE id = 5");

  /* The rows views hold keep their accounts until the list is read anew (then the old
   * rows go and the new ones come, two changes). */
  far = g_list_model_get_item (G_LIST_MODEL (list), 5000);
  g_assert_nonnull (far);
  g_assert_cmpuint (changes, ==, 0);

  while (changes == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 6001);
  g_assert_cmpint (tend_account_list_get_id (list, 0), ==, 7001);
  g_assert_cmpint (tend_account_list_get_id (list, 2), ==, first_before);
  g_assert_cmpuint (tend_account_list_find (list, 5), ==, G_MAXUINT);
  last = tend_account_list_get_id (list, 6000);
  g_assert_cmpuint (tend_account_list_find (list, last), ==, 6000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/account-list/sort", Fixture, NULL, fixture_set_up, test_list_sort,
              fixture_tear_down);
  g_test_add ("/account-list/search", Fixture, NULL, fixture_set_up, test_list_search,
              fixture_tear_down);
  g_test_add ("/account-list/filters", Fixture, NULL, fixture_set_up, test_list_filters,
              fixture_tear_down);
  g_test_add ("/account-list/items-changed", Fixture, NULL, fixture_set_up, test_list_changes,
              fixture_tear_down);
  g_test_add ("/account-list/items", Fixture, NULL, fixture_set_up, test_list_items,
              fixture_tear_down);
  g_test_add ("/account-list/properties", Fixture, NULL, fixture_set_up, test_list_properties,
              fixture_tear_down);
  g_test_add ("/account-list/empty", Fixture, "empty", fixture_set_up, test_list_empty,
              fixture_tear_down);
  g_test_add ("/account-list/sort-currencies", Fixture, "empty", fixture_set_up,
              test_list_sort_currencies, fixture_tear_down);
  g_test_add ("/account-list/beyond-first-screens", Fixture, "empty", fixture_set_up,
              test_list_beyond_first_screens, fixture_tear_down);
  g_test_add ("/account-list/changed-elsewhere", Fixture, "empty", fixture_set_up,
              test_list_changed_elsewhere, fixture_tear_down);
  g_test_add ("/account-list/100k", Fixture, "empty", fixture_set_up, test_list_large,
              fixture_tear_down);

  return g_test_run ();
}
