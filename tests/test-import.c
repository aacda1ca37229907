/* test-import.c: mappings, validation, upsert and the all-or-nothing guarantees of import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendTest"

#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "import/tend-csv-reader.h"
#include "import/tend-import-mapping.h"
#include "import/tend-import-values.h"
#include "import/tend-importer.h"
#include "store/tend-store.h"
#include "tend-test-workspace.h"

/* The Telco file's MonthlyCharges, summed once by hand in cents:
 *   awk -F, 'NR>1 { split($19, a, "."); c = a[1] * 100;
 *                   c += length(a[2]) == 1 ? a[2] * 10 : a[2]; s += c } END { print s }'
 * and the same over the rows with Churn = Yes. */
#define TELCO_MRR_CENTS G_GINT64_CONSTANT (45611660)
#define TELCO_CHURNED_MRR_CENTS G_GINT64_CONSTANT (13913085)

/* The temporary folder and store every test here works in. */
typedef TendTestWorkspace Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  tend_test_workspace_init (fixture, "tend-test-import", TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tend_test_workspace_clear (fixture);
}

static gint64
query_int (TendStore  *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (tend_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static char *
query_text (TendStore  *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (tend_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

#define assert_query_int(store, sql, expected) \
  g_assert_cmpint (query_int ((store), (sql)), ==, (expected))

#define assert_query_text(store, sql, expected) \
  G_STMT_START { \
    g_autofree char *got_ = query_text ((store), (sql)); \
    g_assert_cmpstr (got_, ==, (expected)); \
  } G_STMT_END

/* Every row of the tables an import writes, hashed in a fixed order. */
static char *
workspace_checksum (TendStore *store)
{
  static const char * const queries[] = {
    "SELECT * FROM accounts ORDER BY id",
    "SELECT * FROM account_sources ORDER BY source, external_id",
    "SELECT * FROM subscriptions ORDER BY id",
    "SELECT * FROM csms ORDER BY id",
  };
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (tend_store_get_db (store), queries[i], -1, &stmt,
                                           NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *text = (const char *)sqlite3_column_text (stmt, c);

              g_checksum_update (checksum, (const guchar *)(text ? text : "\x01NULL"), -1);
              g_checksum_update (checksum, (const guchar *)"\x1f", 1);
            }
          g_checksum_update (checksum, (const guchar *)"\x1e", 1);
        }
      sqlite3_finalize (stmt);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

static char *
data_path (const char *name)
{
  return g_build_filename (TEST_DATA_DIR, name, NULL);
}

static TendImportMapping *
guess_mapping_for (const char *path,
                   const char *name)
{
  g_autoptr(TendImporter) importer = tend_importer_new (NULL, path, NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) header = tend_importer_read_header (importer, &error);

  g_assert_no_error (error);

  return tend_import_mapping_guess (name, (const char * const *)header);
}

static void
count_changed_cb (TendStore  *store,
                  const char *what,
                  guint      *count)
{
  g_assert_cmpstr (what, ==, "accounts");
  (*count)++;
}

static TendImportReport *
import_file (TendStore          *store,
             const char         *path,
             TendImportMapping  *mapping,
             const char         *as_of,
             TendImportPolicy    policy,
             GError            **error)
{
  g_autoptr(TendImporter) importer = tend_importer_new (store, path, mapping);

  tend_importer_set_as_of (importer, tend_day_from_iso (as_of));
  tend_importer_set_policy (importer, policy);

  return tend_importer_run (importer, NULL, NULL, NULL, error);
}

/* Values */

typedef struct
{
  const char    *text;
  TendDateOrder  order;
  const char    *expected;
} DateCase;

static const DateCase date_cases[] = {
  { "2024-03-01", TEND_DATE_ORDER_MDY, "2024-03-01" },
  { "2024/3/1", TEND_DATE_ORDER_MDY, "2024-03-01" },
  { "2024-03-01 10:15:00", TEND_DATE_ORDER_MDY, "2024-03-01" },
  { "2024-03-01T10:15:00Z", TEND_DATE_ORDER_DMY, "2024-03-01" },
  { "03/01/2024", TEND_DATE_ORDER_MDY, "2024-03-01" },
  { "03/01/2024", TEND_DATE_ORDER_DMY, "2024-01-03" },
  { "13/01/2024", TEND_DATE_ORDER_DMY, "2024-01-13" },
  { "13/01/2024", TEND_DATE_ORDER_MDY, NULL },
  { "1.3.2024", TEND_DATE_ORDER_MDY, "2024-03-01" },
  { "1-Mar-24", TEND_DATE_ORDER_MDY, "2024-03-01" },
  { "01-mar-1999", TEND_DATE_ORDER_MDY, "1999-03-01" },
  { "March 1, 2024", TEND_DATE_ORDER_DMY, "2024-03-01" },
  { "1 Sept 2024", TEND_DATE_ORDER_MDY, "2024-09-01" },
  { "2024年3月1日", TEND_DATE_ORDER_MDY, "2024-03-01" },
  { "２０２４年１２月３１日", TEND_DATE_ORDER_MDY, "2024-12-31" },
  { "2024-02-29", TEND_DATE_ORDER_MDY, "2024-02-29" },
  { "2023-02-29", TEND_DATE_ORDER_MDY, NULL },
  { "2024-13-45", TEND_DATE_ORDER_MDY, NULL },
  { "3/1/24", TEND_DATE_ORDER_MDY, NULL },
  { "soon", TEND_DATE_ORDER_MDY, NULL },
  { "Smarch 1, 2024", TEND_DATE_ORDER_MDY, NULL },
};

static void
test_values_date (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (date_cases); i++)
    {
      TendDay day = tend_import_parse_date (date_cases[i].text, date_cases[i].order);
      g_autofree char *iso = tend_day_to_iso (day);

      g_test_message ("date %s", date_cases[i].text);
      g_assert_cmpstr (iso, ==, date_cases[i].expected);
    }
}

static void
test_values_term (void)
{
  static const struct
  {
    const char *text;
    int         months;
    const char *interval;
  } cases[] = {
    { "Month-to-month", 1, "month" }, { "month to month", 1, "month" },
    { "Monthly", 1, "month" }, { "One year", 12, "year" }, { "Two year", 24, "year" },
    { "two years", 24, "year" }, { "Annual", 12, "year" }, { "Quarterly", 3, "quarter" },
    { "24 months", 24, "year" }, { "6 months", 6, "quarter" }, { "1 year contract", 12, "year" },
    { "3 years", 36, "year" }, { "2年", 24, "year" }, { "年間", 12, "year" },
    { "１２ヶ月", 12, "year" }, { "月次", 1, "month" }, { "weekly", 0, NULL },
    { "", 0, NULL },
    { "forever", 0, NULL }, { "0 years", 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int months = 0;
      gboolean ok = tend_import_parse_term (cases[i].text, &months);

      g_test_message ("term %s", cases[i].text);
      g_assert_cmpint (ok, ==, cases[i].months > 0);
      if (ok)
        {
          g_assert_cmpint (months, ==, cases[i].months);
          g_assert_cmpstr (tend_import_term_interval (months), ==, cases[i].interval);
        }
    }
}

static void
test_values_bool_and_adopted (void)
{
  static const struct
  {
    const char *text;
    int         as_bool;  /* 1 yes, 0 no, -1 not a yes or no */
    gboolean    adopted;
  } cases[] = {
    { "Yes", 1, TRUE }, { "yes", 1, TRUE }, { "TRUE", 1, TRUE }, { "1", 1, TRUE },
    { "Y", 1, TRUE }, { "はい", 1, TRUE }, { "No", 0, FALSE }, { "false", 0, FALSE },
    { "0", 0, FALSE }, { "いいえ", 0, FALSE }, { "No phone service", -1, FALSE },
    { "No internet service", -1, FALSE }, { "None", -1, FALSE }, { "", -1, FALSE },
    { "DSL", -1, TRUE }, { "Fiber optic", -1, TRUE }, { "maybe", -1, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean value = FALSE;
      gboolean ok = tend_import_parse_bool (cases[i].text, &value);

      g_test_message ("bool %s", cases[i].text);
      g_assert_cmpint (ok ? (int)value : -1, ==, cases[i].as_bool);
      g_assert_cmpint (tend_import_is_adopted (cases[i].text), ==, cases[i].adopted);
    }
}

static void
test_values_status (void)
{
  g_assert_cmpstr (tend_import_parse_status ("Active"), ==, "active");
  g_assert_cmpstr (tend_import_parse_status ("Cancelled"), ==, "churned");
  g_assert_cmpstr (tend_import_parse_status ("解約済み"), ==, "churned");
  g_assert_cmpstr (tend_import_parse_status ("Trialing"), ==, "trial");
  g_assert_cmpstr (tend_import_parse_status ("on-hold"), ==, "paused");
  g_assert_null (tend_import_parse_status ("retired"));
}

static void
test_values_renewal (void)
{
  static const struct
  {
    const char *start;
    int         term;
    const char *as_of;
    const char *expected;
  } cases[] = {
    { "2023-01-15", 12, "2024-06-01", "2025-01-15" },
    { "2023-06-01", 12, "2024-06-01", "2025-06-01" },
    { "2024-06-01", 12, "2024-06-01", "2025-06-01" },
    { "2022-06-30", 24, "2024-06-30", "2026-06-30" },
    { "2024-01-31", 1, "2024-02-29", "2024-03-31" },
    { "2024-03-10", 1, "2024-06-30", "2024-07-10" },
    { "2024-09-01", 12, "2024-06-30", "2025-09-01" },
    { "2020-02-29", 12, "2024-03-01", "2025-02-28" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TendDay day = tend_import_next_renewal (tend_day_from_iso (cases[i].start), cases[i].term,
                                              tend_day_from_iso (cases[i].as_of));
      g_autofree char *iso = tend_day_to_iso (day);

      g_assert_cmpstr (iso, ==, cases[i].expected);
    }
}

static void
test_values_json (void)
{
  static const struct
  {
    const char *text;
    const char *json;
  } cases[] = {
    { "12", "12" }, { "-3.5", "-3.5" }, { "0", "0" }, { "0.25", "0.25" },
    { "007", "\"007\"" }, { "1e5", "\"1e5\"" }, { "1,234", "\"1,234\"" }, { "", "\"\"" },
    { "1.", "\"1.\"" }, { "123456789012345", "123456789012345" },
    { "1234567890123456", "\"1234567890123456\"" },
    { "a\"b\\c\nd\x01", "\"a\\\"b\\\\c\\nd\\u0001\"" }, { "日本", "\"日本\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      tend_import_json_append_value (out, cases[i].text, strlen (cases[i].text));
      g_assert_cmpstr (out->str, ==, cases[i].json);
    }
}

/* Mappings */

static void
test_mapping_json (void)
{
  g_autoptr(TendImportMapping) mapping = tend_import_mapping_new ("CRM export");
  g_autoptr(TendImportMapping) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;

  tend_import_mapping_set_source (mapping, "crm");
  tend_import_mapping_set_currency (mapping, "EUR");
  tend_import_mapping_set_date_order (mapping, TEND_DATE_ORDER_DMY);
  tend_import_mapping_set_column (mapping, "Id", TEND_IMPORT_FIELD_EXTERNAL_ID, FALSE);
  tend_import_mapping_set_column (mapping, "MRR", TEND_IMPORT_FIELD_MRR, TRUE);
  tend_import_mapping_set_column (mapping, "Email", TEND_IMPORT_FIELD_IGNORE, FALSE);
  tend_import_mapping_set_column (mapping, "Dropped", TEND_IMPORT_FIELD_SEGMENT, FALSE);
  tend_import_mapping_set_column (mapping, "Dropped", TEND_IMPORT_FIELD_NONE, FALSE);

  json = tend_import_mapping_to_json (mapping);
  g_assert_cmpstr (json, ==,
                   "{\n"
                   "  \"version\" : 1,\n"
                   "  \"name\" : \"CRM export\",\n"
                   "  \"source\" : \"crm\",\n"
                   "  \"currency\" : \"EUR\",\n"
                   "  \"date_order\" : \"dmy\",\n"
                   "  \"columns\" : [\n"
                   "    {\n"
                   "      \"column\" : \"Id\",\n"
                   "      \"field\" : \"external_id\"\n"
                   "    },\n"
                   "    {\n"
                   "      \"column\" : \"MRR\",\n"
                   "      \"field\" : \"mrr\",\n"
                   "      \"keep\" : true\n"
                   "    },\n"
                   "    {\n"
                   "      \"column\" : \"Email\",\n"
                   "      \"field\" : \"ignore\"\n"
                   "    }\n"
                   "  ]\n"
                   "}");

  copy = tend_import_mapping_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tend_import_mapping_get_name (copy), ==, "CRM export");
  g_assert_cmpstr (tend_import_mapping_get_source (copy), ==, "crm");
  g_assert_cmpstr (tend_import_mapping_get_currency (copy), ==, "EUR");
  g_assert_cmpint (tend_import_mapping_get_date_order (copy), ==, TEND_DATE_ORDER_DMY);
  g_assert_cmpint (tend_import_mapping_get_field (copy, "MRR"), ==, TEND_IMPORT_FIELD_MRR);
  g_assert_cmpint (tend_import_mapping_get_field (copy, " mrr "), ==, TEND_IMPORT_FIELD_MRR);
  g_assert_true (tend_import_mapping_get_keep (copy, "MRR"));
  g_assert_cmpint (tend_import_mapping_get_field (copy, "Dropped"), ==, TEND_IMPORT_FIELD_NONE);

  again = tend_import_mapping_to_json (copy);
  g_assert_cmpstr (again, ==, json);
}

static void
test_mapping_invalid (void)
{
  static const struct
  {
    const char *json;
    const char *message;
  } cases[] = {
    { "[1, 2]", "The import mapping is not a JSON object." },
    { "{\"name\": \"x\"}", "The mapping “x” has no list of columns." },
    { "{\"name\": \"x\", \"columns\": [{\"column\": \"A\"}]}",
      "Entry 1 of the mapping’s columns needs a “column” and a “field”." },
    { "{\"name\": \"x\", \"columns\": [{\"column\": \"A\", \"field\": \"salary\"}]}",
      "The column “A” is mapped to “salary”, which is not an account field Tend knows." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TendImportMapping) mapping = tend_import_mapping_new_from_json (cases[i].json,
                                                                                &error);

      g_assert_null (mapping);
      g_assert_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID_MAPPING);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_mapping_check (void)
{
  static const char * const header[] = { "Id", "MRR", "ARR", "Name", "Company", NULL };
  g_autoptr(TendImportMapping) mapping = tend_import_mapping_new ("m");
  g_autoptr(GError) error = NULL;

  g_assert_false (tend_import_mapping_check (mapping, header, &error));
  g_assert_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID_MAPPING);
  g_assert_cmpstr (error->message, ==,
                   "The mapping “m” does not say which column holds the external ID. Choose "
                   "one, so that importing again updates accounts instead of adding them "
                   "twice.");
  g_clear_error (&error);

  tend_import_mapping_set_column (mapping, "Customer", TEND_IMPORT_FIELD_EXTERNAL_ID, FALSE);
  g_assert_false (tend_import_mapping_check (mapping, header, &error));
  g_assert_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_MISSING_COLUMN);
  g_assert_cmpstr (error->message, ==,
                   "The file has no column “Customer”, which the mapping “m” reads the "
                   "external ID from.");
  g_clear_error (&error);

  tend_import_mapping_set_column (mapping, "Customer", TEND_IMPORT_FIELD_NONE, FALSE);
  tend_import_mapping_set_column (mapping, "Id", TEND_IMPORT_FIELD_EXTERNAL_ID, FALSE);
  tend_import_mapping_set_column (mapping, "Name", TEND_IMPORT_FIELD_NAME, FALSE);
  tend_import_mapping_set_column (mapping, "Company", TEND_IMPORT_FIELD_NAME, FALSE);
  g_assert_false (tend_import_mapping_check (mapping, header, &error));
  g_assert_cmpstr (error->message, ==,
                   "Both “Name” and “Company” are mapped to Name; a field can come from "
                   "one column only.");
  g_clear_error (&error);

  tend_import_mapping_set_column (mapping, "Company", TEND_IMPORT_FIELD_ATTRIBUTE, FALSE);
  tend_import_mapping_set_column (mapping, "MRR", TEND_IMPORT_FIELD_MRR, FALSE);
  tend_import_mapping_set_column (mapping, "ARR", TEND_IMPORT_FIELD_ARR, FALSE);
  g_assert_false (tend_import_mapping_check (mapping, header, &error));
  g_assert_cmpstr (error->message, ==,
                   "Both “MRR” (MRR) and “ARR” (ARR) are mapped; map only one of them.");
  g_clear_error (&error);

  tend_import_mapping_set_column (mapping, "ARR", TEND_IMPORT_FIELD_NONE, FALSE);
  tend_import_mapping_set_currency (mapping, "usd");
  g_assert_false (tend_import_mapping_check (mapping, header, &error));
  g_assert_cmpstr (error->message, ==,
                   "“usd” is not an ISO 4217 currency code such as USD, EUR or JPY.");
  g_clear_error (&error);

  tend_import_mapping_set_currency (mapping, "USD");
  g_assert_true (tend_import_mapping_check (mapping, header, &error));
  g_assert_no_error (error);
}

static void
test_mapping_store (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(TendImportMapping) mapping = tend_import_mapping_new ("crm export");
  g_autoptr(TendImportMapping) loaded = NULL;
  g_autoptr(TendImportMapping) telco = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *saved_json = NULL;
  g_autofree char *loaded_json = NULL;

  names = tend_import_mapping_list (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (names, ((const char * const[]) { "telco", NULL }));
  g_clear_pointer (&names, g_strfreev);

  tend_import_mapping_set_column (mapping, "Id", TEND_IMPORT_FIELD_EXTERNAL_ID, FALSE);
  tend_import_mapping_set_column (mapping, "Plan", TEND_IMPORT_FIELD_PRODUCT, TRUE);
  g_assert_true (tend_import_mapping_save (mapping, fixture->store, &error));
  g_assert_no_error (error);

  names = tend_import_mapping_list (fixture->store, &error);
  g_assert_cmpstrv (names, ((const char * const[]) { "crm export", "telco", NULL }));
  g_clear_pointer (&names, g_strfreev);
  g_assert_true (tend_import_mapping_is_saved (fixture->store, "crm export"));
  g_assert_false (tend_import_mapping_is_builtin ("crm export"));

  loaded = tend_import_mapping_load (fixture->store, "crm export", &error);
  g_assert_no_error (error);
  saved_json = tend_import_mapping_to_json (mapping);
  loaded_json = tend_import_mapping_to_json (loaded);
  g_assert_cmpstr (loaded_json, ==, saved_json);

  /* Saving again replaces; a saved "telco" shadows the built-in one until deleted. */
  tend_import_mapping_set_currency (mapping, "JPY");
  g_assert_true (tend_import_mapping_save (mapping, fixture->store, &error));
  assert_query_int (fixture->store, "SELECT count(*) FROM import_mappings", 1);
  assert_query_text (fixture->store,
                     "SELECT json_extract(definition, '$.currency') FROM import_mappings", "JPY");

  telco = tend_import_mapping_load (fixture->store, "telco", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tend_import_mapping_get_source (telco), ==, "csv");
  tend_import_mapping_set_currency (telco, "EUR");
  g_assert_true (tend_import_mapping_save (telco, fixture->store, &error));
  g_assert_true (tend_import_mapping_is_saved (fixture->store, "telco"));
  g_clear_object (&telco);
  telco = tend_import_mapping_load (fixture->store, "telco", &error);
  g_assert_cmpstr (tend_import_mapping_get_currency (telco), ==, "EUR");

  g_assert_true (tend_import_mapping_delete (fixture->store, "telco", &error));
  g_assert_no_error (error);
  g_clear_object (&telco);
  telco = tend_import_mapping_load (fixture->store, "telco", &error);
  g_assert_cmpstr (tend_import_mapping_get_currency (telco), ==, "USD");

  g_assert_false (tend_import_mapping_delete (fixture->store, "telco", &error));
  g_assert_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_BUILTIN);
  g_assert_cmpstr (error->message, ==,
                   "The import mapping “telco” comes with Tend and cannot be deleted.");
  g_clear_error (&error);

  g_assert_true (tend_import_mapping_delete (fixture->store, "crm export", &error));
  g_assert_false (tend_import_mapping_delete (fixture->store, "crm export", &error));
  g_assert_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_MAPPING_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no import mapping named “crm export”.");
  g_clear_error (&error);

  g_assert_null (tend_import_mapping_load (fixture->store, "crm export", &error));
  g_assert_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_MAPPING_NOT_FOUND);
  g_clear_error (&error);

  names = tend_import_mapping_list (fixture->store, &error);
  g_assert_cmpstrv (names, ((const char * const[]) { "telco", NULL }));
}

static void
test_mapping_guess (void)
{
  static const char * const english[] = {
    "Customer ID", "Account Name", "MRR", "Owner", "Renewal Date", "Segment", "Website",
    "Annual Revenue", "Notes", "Customer ID", NULL
  };
  static const char * const japanese[] = {
    "顧客ID", "会社名", "担当者", "月額", "契約更新日", "ステータス", "備考",
    NULL
  };
  static const char * const unknown[] = { "foo", "bar", NULL };
  g_autoptr(TendImportMapping) a = tend_import_mapping_guess ("a", english);
  g_autoptr(TendImportMapping) b = tend_import_mapping_guess ("b", japanese);
  g_autoptr(TendImportMapping) c = tend_import_mapping_guess ("c", unknown);
  g_auto(GStrv) columns = tend_import_mapping_dup_columns (a);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstrv (columns, ((const char * const[]) {
    "Customer ID", "Account Name", "MRR", "Owner", "Renewal Date", "Segment", "Website", NULL
  }));
  g_assert_cmpint (tend_import_mapping_get_field (a, "Customer ID"), ==,
                   TEND_IMPORT_FIELD_EXTERNAL_ID);
  g_assert_cmpint (tend_import_mapping_get_field (a, "Account Name"), ==, TEND_IMPORT_FIELD_NAME);
  g_assert_cmpint (tend_import_mapping_get_field (a, "MRR"), ==, TEND_IMPORT_FIELD_MRR);
  g_assert_cmpint (tend_import_mapping_get_field (a, "Owner"), ==, TEND_IMPORT_FIELD_OWNER);
  g_assert_cmpint (tend_import_mapping_get_field (a, "Renewal Date"), ==,
                   TEND_IMPORT_FIELD_RENEWAL_DATE);
  g_assert_cmpint (tend_import_mapping_get_field (a, "Website"), ==, TEND_IMPORT_FIELD_DOMAIN);
  /* ARR is not mapped beside MRR, and Notes stays an attribute. */
  g_assert_cmpint (tend_import_mapping_get_field (a, "Annual Revenue"), ==,
                   TEND_IMPORT_FIELD_NONE);
  g_assert_cmpint (tend_import_mapping_get_field (a, "Notes"), ==, TEND_IMPORT_FIELD_NONE);
  g_assert_true (tend_import_mapping_check (a, english, &error));

  g_assert_cmpint (tend_import_mapping_get_field (b, "顧客ID"), ==,
                   TEND_IMPORT_FIELD_EXTERNAL_ID);
  g_assert_cmpint (tend_import_mapping_get_field (b, "会社名"), ==, TEND_IMPORT_FIELD_NAME);
  g_assert_cmpint (tend_import_mapping_get_field (b, "担当者"), ==, TEND_IMPORT_FIELD_OWNER);
  g_assert_cmpint (tend_import_mapping_get_field (b, "月額"), ==, TEND_IMPORT_FIELD_MRR);
  g_assert_cmpint (tend_import_mapping_get_field (b, "契約更新日"), ==,
                   TEND_IMPORT_FIELD_RENEWAL_DATE);
  g_assert_cmpint (tend_import_mapping_get_field (b, "ステータス"), ==,
                   TEND_IMPORT_FIELD_STATUS);
  g_assert_cmpint (tend_import_mapping_get_field (b, "備考"), ==, TEND_IMPORT_FIELD_NONE);
  g_assert_cmpstr (tend_import_mapping_get_name (b), ==, "b");

  g_assert_null (tend_import_mapping_find_column (c, TEND_IMPORT_FIELD_EXTERNAL_ID));
}

static void
test_mapping_guess_telco (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("TEND_DATASETS"),
                                            "telco_customer_churn.csv", NULL);
  g_autoptr(TendImportMapping) mapping = guess_mapping_for (path, "my telco");

  g_assert_cmpstr (tend_import_mapping_get_name (mapping), ==, "telco");
  g_assert_cmpint (tend_import_mapping_get_field (mapping, "MonthlyCharges"), ==,
                   TEND_IMPORT_FIELD_MRR);
}

/* Validation */

typedef struct
{
  guint       line;
  const char *column;
  const char *reason;
} ExpectedProblem;

static const ExpectedProblem bad_file_problems[] = {
  { 3, "mrr", "“abc” is not an amount of money in USD." },
  { 4, "id", "The external ID is empty; every row needs one." },
  { 5, "start", "“2024-13-45” is not a date; write it as 2024-03-31 or 03/31/2024." },
  { 5, "churned", "“maybe” is not yes or no." },
  { 6, "id",
    "The external ID “B-1” is also on line 2; an account can be in the file only once." },
  { 7, NULL, "The row has 3 columns; the header has 9." },
  { 8, "domain", "“not a domain” is not a web domain such as example.com." },
  { 8, "status",
    "“retired” is not a status Tend knows; use active, churned, trial or paused." },
  { 8, "seats", "“five” is not a whole number of seats." },
  { 8, "contract",
    "“Forever” is not a contract term Tend knows, such as Month-to-month, One year or "
    "Two year." },
  { 11, "mrr", "The amount “-5” is negative." },
};

static TendImportMapping *
bad_file_mapping (void)
{
  TendImportMapping *mapping = tend_import_mapping_new ("bad");

  tend_import_mapping_set_column (mapping, "id", TEND_IMPORT_FIELD_EXTERNAL_ID, FALSE);
  tend_import_mapping_set_column (mapping, "name", TEND_IMPORT_FIELD_NAME, FALSE);
  tend_import_mapping_set_column (mapping, "mrr", TEND_IMPORT_FIELD_MRR, FALSE);
  tend_import_mapping_set_column (mapping, "start", TEND_IMPORT_FIELD_START_DATE, FALSE);
  tend_import_mapping_set_column (mapping, "churned", TEND_IMPORT_FIELD_CHURNED, FALSE);
  tend_import_mapping_set_column (mapping, "seats", TEND_IMPORT_FIELD_LICENSED_SEATS, FALSE);
  tend_import_mapping_set_column (mapping, "domain", TEND_IMPORT_FIELD_DOMAIN, FALSE);
  tend_import_mapping_set_column (mapping, "contract", TEND_IMPORT_FIELD_CONTRACT, FALSE);
  tend_import_mapping_set_column (mapping, "status", TEND_IMPORT_FIELD_STATUS, FALSE);
  tend_import_mapping_set_column (mapping, "region", TEND_IMPORT_FIELD_SEGMENT, FALSE);

  return mapping;
}

static void
assert_problems (GPtrArray             *problems,
                 const ExpectedProblem *expected,
                 guint                  n_expected)
{
  g_assert_cmpuint (problems->len, ==, n_expected);

  for (guint i = 0; i < n_expected; i++)
    {
      const TendImportProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpuint (problem->line, ==, expected[i].line);
      g_assert_cmpstr (problem->column, ==, expected[i].column);
      g_assert_cmpstr (problem->reason, ==, expected[i].reason);
    }
}

static const ExpectedProblem bad_file_header_problem[] = {
  { 1, "region",
    "The mapping reads this column, but the file has none; the field is left as it was." },
};

static void
assert_bad_file_problems (GPtrArray *problems)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  const TendImportProblem *first = g_ptr_array_index (problems, 0);

  /* The missing column comes first, then the rows' problems in file order. */
  g_assert_cmpuint (first->line, ==, bad_file_header_problem[0].line);
  g_assert_cmpstr (first->column, ==, bad_file_header_problem[0].column);
  g_assert_cmpstr (first->reason, ==, bad_file_header_problem[0].reason);

  for (guint i = 1; i < problems->len; i++)
    g_ptr_array_add (rows, g_ptr_array_index (problems, i));
  assert_problems (rows, bad_file_problems, G_N_ELEMENTS (bad_file_problems));
}

static void
test_validate_preview (void)
{
  g_autofree char *path = data_path ("import-bad.csv");
  g_autoptr(TendImportMapping) mapping = bad_file_mapping ();
  g_autoptr(TendImporter) importer = tend_importer_new (NULL, path, mapping);
  g_autoptr(TendImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;

  tend_importer_set_as_of (importer, tend_day_from_iso ("2024-06-30"));
  preview = tend_importer_preview (importer, 3, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (tend_import_preview_get_n_columns (preview), ==, 9);
  g_assert_cmpstr (tend_import_preview_get_header (preview)[2], ==, "mrr");
  g_assert_cmpint (tend_import_preview_get_column_field (preview, 2), ==, TEND_IMPORT_FIELD_MRR);
  g_assert_cmpuint (tend_import_preview_get_n_read (preview), ==, 9);
  g_assert_cmpuint (tend_import_preview_get_n_rejected (preview), ==, 7);
  g_assert_cmpuint (tend_import_preview_get_n_problems (preview), ==, 12);
  assert_bad_file_problems (tend_import_preview_get_problems (preview));

  g_assert_cmpuint (tend_import_preview_get_n_rows (preview), ==, 3);
  g_assert_true (tend_import_preview_get_row_valid (preview, 0));
  g_assert_false (tend_import_preview_get_row_valid (preview, 1));
  g_assert_cmpuint (tend_import_preview_get_row_line (preview, 2), ==, 4);
  g_assert_cmpstr (tend_import_preview_get_row (preview, 1)[2], ==, "abc");
  g_assert_cmpstr (tend_import_preview_get_value (preview, 0, TEND_IMPORT_FIELD_EXTERNAL_ID),
                   ==, "B-1");
  g_assert_cmpstr (tend_import_preview_get_value (preview, 0, TEND_IMPORT_FIELD_MRR), ==,
                   "$100.00");
  g_assert_cmpstr (tend_import_preview_get_value (preview, 0, TEND_IMPORT_FIELD_ARR), ==,
                   "$1,200.00");
  g_assert_cmpstr (tend_import_preview_get_value (preview, 0, TEND_IMPORT_FIELD_STATUS), ==,
                   "active");
  g_assert_cmpstr (tend_import_preview_get_value (preview, 0, TEND_IMPORT_FIELD_CONTRACT), ==,
                   "1 month");
  g_assert_cmpstr (tend_import_preview_get_value (preview, 0, TEND_IMPORT_FIELD_RENEWAL_DATE),
                   ==, "2024-07-01");
  g_assert_cmpstr (tend_import_preview_get_value (preview, 0, TEND_IMPORT_FIELD_DOMAIN), ==,
                   "good.example");
  g_assert_null (tend_import_preview_get_value (preview, 0, TEND_IMPORT_FIELD_OWNER));
  g_assert_cmpstr (tend_import_preview_get_value (preview, 0, TEND_IMPORT_FIELD_ATTRIBUTE), ==,
                   "{}");

  problem = tend_import_problem_to_string (g_ptr_array_index (
    tend_import_preview_get_problems (preview), 1));
  g_assert_cmpstr (problem, ==,
                   "Line 3, column “mrr”: “abc” is not an amount of money in USD.");
}

static void
test_policy_skip (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = data_path ("import-bad.csv");
  g_autoptr(TendImportMapping) mapping = bad_file_mapping ();
  g_autoptr(TendImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  guint changed = 0;

  g_signal_connect (fixture->store, "changed::accounts", G_CALLBACK (count_changed_cb),
                    &changed);

  report = import_file (fixture->store, path, mapping, "2024-06-30",
                        TEND_IMPORT_POLICY_SKIP_BAD_ROWS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);

  g_assert_true (tend_import_report_get_committed (report));
  g_assert_cmpuint (tend_import_report_get_n_read (report), ==, 9);
  g_assert_cmpuint (tend_import_report_get_n_inserted (report), ==, 2);
  g_assert_cmpuint (tend_import_report_get_n_updated (report), ==, 0);
  g_assert_cmpuint (tend_import_report_get_n_skipped (report), ==, 7);
  g_assert_cmpuint (tend_import_report_get_n_rejected (report), ==, 7);
  assert_bad_file_problems (tend_import_report_get_problems (report));

  summary = tend_import_report_to_string (report);
  g_assert_cmpstr (summary, ==, "9 rows read: 2 accounts added, 0 updated, 7 skipped.");

  assert_query_int (fixture->store, "SELECT count(*) FROM accounts", 2);
  assert_query_text (fixture->store,
                     "SELECT group_concat(external_id, ' ') FROM "
                     "(SELECT external_id FROM account_sources ORDER BY 1)", "B-1 B-8");
  assert_query_text (fixture->store, "SELECT name FROM accounts a JOIN account_sources s "
                     "ON s.account_id = a.id WHERE external_id = 'B-8'", "Multi\r\nline name");
  assert_query_text (fixture->store, "SELECT status || ' ' || churn_date FROM accounts a "
                     "JOIN account_sources s ON s.account_id = a.id WHERE external_id = 'B-8'",
                     "churned 2024-06-30");
}

static void
test_policy_all_or_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = data_path ("import-bad.csv");
  g_autoptr(TendImportMapping) mapping = bad_file_mapping ();
  g_autoptr(TendImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  guint changed = 0;

  g_signal_connect (fixture->store, "changed::accounts", G_CALLBACK (count_changed_cb),
                    &changed);

  report = import_file (fixture->store, path, mapping, "2024-06-30",
                        TEND_IMPORT_POLICY_ALL_OR_NOTHING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 0);

  g_assert_false (tend_import_report_get_committed (report));
  g_assert_cmpuint (tend_import_report_get_n_read (report), ==, 9);
  g_assert_cmpuint (tend_import_report_get_n_inserted (report), ==, 0);
  g_assert_cmpuint (tend_import_report_get_n_skipped (report), ==, 9);
  g_assert_cmpuint (tend_import_report_get_n_rejected (report), ==, 7);
  assert_bad_file_problems (tend_import_report_get_problems (report));

  summary = tend_import_report_to_string (report);
  g_assert_cmpstr (summary, ==, "Nothing was imported: 7 of 9 rows have problems.");

  assert_query_int (fixture->store, "SELECT count(*) FROM accounts", 0);
  assert_query_int (fixture->store, "SELECT count(*) FROM account_sources", 0);
  assert_query_int (fixture->store, "SELECT count(*) FROM subscriptions", 0);
}

/* Upsert */

static void
test_upsert (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *first = data_path ("import-accounts.csv");
  g_autofree char *second = data_path ("import-accounts-v2.csv");
  g_autoptr(TendImportMapping) mapping = guess_mapping_for (first, "accounts");
  g_autoptr(TendImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

#define ACCOUNT(column, id) \
  g_strdup_printf ("SELECT %s FROM accounts a JOIN account_sources s ON s.account_id = a.id " \
                   "WHERE s.source = 'csv' AND s.external_id = '%s'", column, id)

  g_assert_cmpint (tend_import_mapping_get_field (mapping, "Stage"), ==,
                   TEND_IMPORT_FIELD_LIFECYCLE_STAGE);
  g_assert_cmpint (tend_import_mapping_get_field (mapping, "ARR"), ==, TEND_IMPORT_FIELD_ARR);
  g_assert_cmpint (tend_import_mapping_get_field (mapping, "Seats"), ==,
                   TEND_IMPORT_FIELD_LICENSED_SEATS);

  report = import_file (fixture->store, first, mapping, "2024-06-30",
                        TEND_IMPORT_POLICY_ALL_OR_NOTHING, &error);
  g_assert_no_error (error);
  g_assert_true (tend_import_report_get_committed (report));
  g_assert_cmpuint (tend_import_report_get_n_inserted (report), ==, 3);
  g_assert_cmpuint (tend_import_report_get_n_problems (report), ==, 0);
  g_clear_object (&report);

  assert_query_text (fixture->store,
                     "SELECT a.name || '|' || a.domain || '|' || c.email || '|' || a.segment || "
                     "'|' || a.lifecycle_stage || '|' || a.start_date || '|' || a.status || '|' "
                     "|| a.licensed_seats || '|' || a.arr_minor || '|' || a.currency || '|' || "
                     "a.renewal_date || '|' || a.attributes FROM accounts a JOIN account_sources "
                     "s ON s.account_id = a.id LEFT JOIN csms c ON c.id = a.owner_id "
                     "WHERE s.external_id = 'A-001'",
                     "Acme Corp|acme.example|jane@tend.example|Enterprise|Adopt|2022-01-15|"
                     "active|250|12000000|USD|2025-01-15|"
                     "{\"Notes\":\"Key account, renews in Jan\",\"NPS\":9,\"Zip\":\"01234\"}");

  {
    g_autofree char *a2 = ACCOUNT ("a.start_date || '|' || a.renewal_date || '|' || a.arr_minor "
                                   "|| '|' || a.attributes", "A-002");
    g_autofree char *a3 = ACCOUNT ("a.status || '|' || a.churn_date || '|' || "
                                   "coalesce(a.renewal_date, 'none') || '|' || a.arr_minor",
                                   "A-003");

    assert_query_text (fixture->store, a2,
                       "2024-03-10|2024-07-10|1800000|{\"Notes\":\"\",\"NPS\":7,\"Zip\":\"\"}");
    assert_query_text (fixture->store, a3, "churned|2024-06-30|none|600000");
  }

  assert_query_text (fixture->store,
                     "SELECT group_concat(x, ';') FROM (SELECT s.external_id || ' ' || s.source "
                     "|| ' ' || s.product || ' ' || s.amount_minor || ' ' || s.billing_interval "
                     "|| ' ' || s.status || ' ' || coalesce(s.renewal_date, '-') || ' ' || "
                     "coalesce(s.end_date, '-') AS x FROM subscriptions s ORDER BY s.external_id)",
                     "A-001 csv:csv accounts 12000000 year active 2025-01-15 -;"
                     "A-002 csv:csv accounts 150000 month active 2024-07-10 -;"
                     "A-003 csv:csv accounts 600000 year canceled - 2024-06-30");
  assert_query_text (fixture->store, "SELECT group_concat(name, ';') FROM "
                     "(SELECT name FROM csms ORDER BY id)", "jane@tend.example;Bob Smith");

  /* The same accounts again, changed, a month later. */
  report = import_file (fixture->store, second, mapping, "2024-07-31",
                        TEND_IMPORT_POLICY_ALL_OR_NOTHING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tend_import_report_get_n_read (report), ==, 3);
  g_assert_cmpuint (tend_import_report_get_n_inserted (report), ==, 0);
  g_assert_cmpuint (tend_import_report_get_n_updated (report), ==, 3);

  assert_query_int (fixture->store, "SELECT count(*) FROM accounts", 3);
  assert_query_int (fixture->store, "SELECT count(*) FROM account_sources", 3);
  assert_query_int (fixture->store, "SELECT count(*) FROM subscriptions", 3);
  assert_query_text (fixture->store, "SELECT group_concat(name, ';') FROM "
                     "(SELECT name FROM csms ORDER BY id)", "jane@tend.example;Bob Smith;Carol");

  {
    /* An empty cell (the website) keeps the value; attributes are merged. */
    g_autofree char *a1 = ACCOUNT ("a.name || '|' || a.domain || '|' || a.lifecycle_stage || '|' "
                                   "|| a.licensed_seats || '|' || a.arr_minor || '|' || "
                                   "a.renewal_date || '|' || a.attributes", "A-001");
    g_autofree char *a2 = ACCOUNT ("a.status || '|' || a.churn_date || '|' || "
                                   "coalesce(a.renewal_date, 'none') || '|' || a.arr_minor || "
                                   "'|' || (SELECT name FROM csms WHERE id = a.owner_id)",
                                   "A-002");
    g_autofree char *a3 = ACCOUNT ("a.status || '|' || a.churn_date", "A-003");

    assert_query_text (fixture->store, a1,
                       "Acme Corporation|acme.example|Expand|300|15000000|2025-01-15|"
                       "{\"Notes\":\"Expanded\",\"NPS\":10,\"Zip\":\"01234\"}");
    assert_query_text (fixture->store, a2, "churned|2024-07-31|none|1800000|Carol");
    assert_query_text (fixture->store, a3, "churned|2024-06-30");
  }

  assert_query_text (fixture->store,
                     "SELECT group_concat(x, ';') FROM (SELECT s.external_id || ' ' || "
                     "s.amount_minor || ' ' || s.status || ' ' || coalesce(s.end_date, '-') AS x "
                     "FROM subscriptions s ORDER BY s.external_id)",
                     "A-001 15000000 active -;A-002 150000 canceled 2024-07-31;"
                     "A-003 600000 canceled 2024-06-30");
  assert_query_int (fixture->store, "SELECT sum(arr_minor) FROM accounts", 17400000);

#undef ACCOUNT
}

static char *
write_temp_file (Fixture    *fixture,
                 const char *name,
                 const char *contents,
                 gssize      length)
{
  char *path = g_build_filename (fixture->folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  return path;
}

/* Each way an amount can be wrong gets its own reason, so the user knows what to fix. */
static void
test_money_reasons (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char csv[] =
    "id,mrr\n"
    "M-1,\"1,200.50\"\n"
    "M-2,¥1000\n"
    "M-3,12.505\n"
    "M-4,92233720368547758.07\n"
    "M-5,lots\n";
  static const ExpectedProblem expected[] = {
    { 3, "mrr", "“¥1000” is in another currency than the column’s USD." },
    { 4, "mrr", "“12.505” has more decimals than USD has." },
    { 5, "mrr", "The amount “92233720368547758.07” is too large." },
    { 6, "mrr", "“lots” is not an amount of money in USD." },
  };
  g_autofree char *path = write_temp_file (fixture, "money.csv", csv, -1);
  g_autoptr(TendImportMapping) mapping = tend_import_mapping_new ("money");
  g_autoptr(TendImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  tend_import_mapping_set_column (mapping, "id", TEND_IMPORT_FIELD_EXTERNAL_ID, FALSE);
  tend_import_mapping_set_column (mapping, "mrr", TEND_IMPORT_FIELD_MRR, FALSE);

  report = import_file (fixture->store, path, mapping, "2024-06-30",
                        TEND_IMPORT_POLICY_SKIP_BAD_ROWS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tend_import_report_get_n_inserted (report), ==, 1);
  g_assert_cmpuint (tend_import_report_get_n_skipped (report), ==, 4);
  assert_problems (tend_import_report_get_problems (report), expected, G_N_ELEMENTS (expected));
  g_assert_cmpint (query_int (fixture->store, "SELECT arr_minor FROM accounts"), ==, 1440600);
}

static void
test_attributes (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char csv[] =
    "id,Plan,Feature A,Feature B,Notes,Notes,,adopted,Email,Tenure\n"
    "X-1,Pro,Yes,No,first,second,third,q,someone@example.com,12\n"
    "X-2,,no,TRUE, 4.50 ,007,,,b@example.com,3\n";
  g_autofree char *path = write_temp_file (fixture, "attributes.csv", csv, -1);
  g_autoptr(TendImportMapping) mapping = tend_import_mapping_new ("attributes");
  g_autoptr(TendImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  tend_import_mapping_set_column (mapping, "id", TEND_IMPORT_FIELD_EXTERNAL_ID, FALSE);
  tend_import_mapping_set_column (mapping, "Plan", TEND_IMPORT_FIELD_PRODUCT, FALSE);
  tend_import_mapping_set_column (mapping, "Feature A", TEND_IMPORT_FIELD_FEATURE, FALSE);
  tend_import_mapping_set_column (mapping, "Feature B", TEND_IMPORT_FIELD_FEATURE, FALSE);
  tend_import_mapping_set_column (mapping, "Email", TEND_IMPORT_FIELD_IGNORE, FALSE);
  tend_import_mapping_set_column (mapping, "Tenure", TEND_IMPORT_FIELD_TENURE_MONTHS, TRUE);

  report = import_file (fixture->store, path, mapping, "2024-06-30",
                        TEND_IMPORT_POLICY_ALL_OR_NOTHING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tend_import_report_get_n_inserted (report), ==, 2);

  assert_query_text (fixture->store,
                     "SELECT group_concat(x, '\n') FROM (SELECT a.name || ' ' || a.start_date || "
                     "' ' || a.attributes AS x FROM accounts a ORDER BY a.id)",
                     "X-1 2023-06-30 {\"Plan\":\"Pro\",\"Feature A\":\"Yes\",\"Feature B\":\"No\","
                     "\"Notes\":\"first\",\"Notes (2)\":\"second\",\"column_7\":\"third\","
                     "\"adopted (2)\":\"q\",\"Tenure\":12,\"adopted\":[\"Plan\",\"Feature A\"]}\n"
                     "X-2 2024-03-30 {\"Plan\":\"\",\"Feature A\":\"no\",\"Feature B\":\"TRUE\","
                     "\"Notes\":4.50,\"Notes (2)\":\"007\",\"column_7\":\"\","
                     "\"adopted (2)\":\"\",\"Tenure\":3,\"adopted\":[\"Feature B\"]}");
  assert_query_text (fixture->store,
                     "SELECT group_concat(n, ',') FROM (SELECT json_array_length(attributes, "
                     "'$.adopted') AS n FROM accounts ORDER BY id)", "2,1");
  assert_query_text (fixture->store,
                     "SELECT json_type(attributes, '$.Notes') FROM accounts ORDER BY id DESC "
                     "LIMIT 1", "real");
  /* No money column: no subscription. */
  assert_query_int (fixture->store, "SELECT count(*) FROM subscriptions", 0);
}

/* Telco */

/* The MonthlyCharges total computed straight from the file's text, apart from the
 * importer: column 19, dollars and cents, no quoting anywhere in the file. */
static void
sum_telco_monthly_charges (const char *path,
                           gint64     *total,
                           gint64     *churned_total,
                           guint      *rows,
                           guint      *churned)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);

  *total = *churned_total = 0;
  *rows = *churned = 0;

  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto(GStrv) cells = g_strsplit (g_strchomp (lines[i]), ",", -1);
      g_auto(GStrv) parts = NULL;
      gint64 cents;

      g_assert_cmpuint (g_strv_length (cells), ==, 21);
      parts = g_strsplit (cells[18], ".", 2);
      cents = g_ascii_strtoll (parts[0], NULL, 10) * 100;
      if (parts[1] != NULL)
        cents += g_ascii_strtoll (parts[1], NULL, 10) * (strlen (parts[1]) == 1 ? 10 : 1);

      *total += cents;
      (*rows)++;
      if (strcmp (cells[20], "Yes") == 0)
        {
          *churned_total += cents;
          (*churned)++;
        }
    }
}

static void
test_telco (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("TEND_DATASETS"),
                                            "telco_customer_churn.csv", NULL);
  g_autoptr(TendImportMapping) mapping = NULL;
  g_autoptr(TendImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 total, churned_total;
  guint rows, churned;
  gint64 t0;

  sum_telco_monthly_charges (path, &total, &churned_total, &rows, &churned);
  g_assert_cmpint (total, ==, TELCO_MRR_CENTS);
  g_assert_cmpint (churned_total, ==, TELCO_CHURNED_MRR_CENTS);
  g_assert_cmpuint (rows, ==, 7043);
  g_assert_cmpuint (churned, ==, 1869);

  mapping = tend_import_mapping_load (fixture->store, "telco", &error);
  g_assert_no_error (error);

  t0 = g_get_monotonic_time ();
  report = import_file (fixture->store, path, mapping, "2024-06-30",
                        TEND_IMPORT_POLICY_ALL_OR_NOTHING, &error);
  g_test_message ("Telco import: %.3f s", (g_get_monotonic_time () - t0) / 1e6);
  g_assert_no_error (error);

  /* TotalCharges is a single space for 11 customers: a blank attribute, not a problem. */
  g_assert_true (tend_import_report_get_committed (report));
  g_assert_cmpuint (tend_import_report_get_n_read (report), ==, 7043);
  g_assert_cmpuint (tend_import_report_get_n_inserted (report), ==, 7043);
  g_assert_cmpuint (tend_import_report_get_n_rejected (report), ==, 0);
  g_assert_cmpuint (tend_import_report_get_n_problems (report), ==, 0);
  g_assert_cmpstr (tend_import_report_get_encoding (report), ==, "UTF-8");
  assert_query_int (fixture->store, "SELECT count(*) FROM accounts "
                    "WHERE json_extract(attributes, '$.TotalCharges') = ''", 11);

  assert_query_int (fixture->store, "SELECT count(*) FROM accounts", 7043);
  assert_query_int (fixture->store, "SELECT count(*) FROM accounts WHERE status = 'churned'",
                    1869);
  assert_query_int (fixture->store, "SELECT count(*) FROM accounts WHERE status = 'churned' "
                    "AND churn_date = '2024-06-30' AND renewal_date IS NULL", 1869);

  /* ARR is 12 x MonthlyCharges; churned accounts keep theirs on a canceled subscription. */
  assert_query_int (fixture->store, "SELECT sum(arr_minor) FROM accounts", 12 * TELCO_MRR_CENTS);
  assert_query_int (fixture->store, "SELECT sum(arr_minor) FROM accounts WHERE status = 'active'",
                    12 * (TELCO_MRR_CENTS - TELCO_CHURNED_MRR_CENTS));
  assert_query_int (fixture->store,
                    "SELECT sum(amount_minor * CASE billing_interval WHEN 'month' THEN 12 "
                    "ELSE 1 END) FROM subscriptions WHERE status IN ('active', 'canceled')",
                    12 * TELCO_MRR_CENTS);
  assert_query_int (fixture->store, "SELECT count(*) FROM subscriptions WHERE status = 'canceled'",
                    1869);
  assert_query_text (fixture->store,
                     "SELECT group_concat(billing_interval || ' ' || n, ', ') FROM (SELECT "
                     "billing_interval, count(*) AS n FROM subscriptions GROUP BY 1 ORDER BY 1)",
                     "month 3875, year 3168");

  /* The first customer: tenure 1, month-to-month, DSL with online backup. */
  assert_query_text (fixture->store,
                     "SELECT a.name || ' ' || a.start_date || ' ' || a.renewal_date || ' ' || "
                     "a.arr_minor || ' ' || a.attributes FROM accounts a JOIN account_sources s "
                     "ON s.account_id = a.id WHERE s.external_id = '7590-VHVEG'",
                     "7590-VHVEG 2024-05-30 2024-07-30 35820 {\"gender\":\"Female\","
                     "\"SeniorCitizen\":0,\"Partner\":\"Yes\",\"Dependents\":\"No\",\"tenure\":1,"
                     "\"PhoneService\":\"No\",\"MultipleLines\":\"No phone service\","
                     "\"InternetService\":\"DSL\",\"OnlineSecurity\":\"No\","
                     "\"OnlineBackup\":\"Yes\",\"DeviceProtection\":\"No\",\"TechSupport\":\"No\","
                     "\"StreamingTV\":\"No\",\"StreamingMovies\":\"No\","
                     "\"Contract\":\"Month-to-month\",\"PaperlessBilling\":\"Yes\","
                     "\"PaymentMethod\":\"Electronic check\",\"TotalCharges\":29.85,"
                     "\"adopted\":[\"InternetService\",\"OnlineBackup\"]}");

  /* One year, 34 months in: started 2021-08-30, renews on the next anniversary. */
  assert_query_text (fixture->store,
                     "SELECT a.start_date || ' ' || a.renewal_date || ' ' || sub.amount_minor || "
                     "' ' || sub.billing_interval || ' ' || json_array_length(a.attributes, "
                     "'$.adopted') FROM accounts a JOIN subscriptions sub "
                     "ON sub.account_id = a.id "
                     "WHERE sub.external_id = '5575-GNVDE'",
                     "2021-08-30 2024-08-30 68340 year 4");

  /* Churned, month-to-month. */
  assert_query_text (fixture->store,
                     "SELECT a.status || ' ' || a.churn_date || ' ' || a.arr_minor || ' ' || "
                     "sub.status || ' ' || sub.end_date FROM accounts a JOIN subscriptions sub "
                     "ON sub.account_id = a.id WHERE sub.external_id = '3668-QPYBK'",
                     "churned 2024-06-30 64620 canceled 2024-06-30");

  /* Importing it again updates every account and adds none. */
  g_clear_object (&report);
  report = import_file (fixture->store, path, mapping, "2024-06-30",
                        TEND_IMPORT_POLICY_ALL_OR_NOTHING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tend_import_report_get_n_inserted (report), ==, 0);
  g_assert_cmpuint (tend_import_report_get_n_updated (report), ==, 7043);
  assert_query_int (fixture->store, "SELECT count(*) FROM accounts", 7043);
  assert_query_int (fixture->store, "SELECT count(*) FROM subscriptions", 7043);
  assert_query_int (fixture->store, "SELECT sum(arr_minor) FROM accounts", 12 * TELCO_MRR_CENTS);
}

/* Encodings and unreadable rows */

/* 顧客ID,会社名,担当者,月額,ステータス and two rows, written as Japanese Excel
 * saves them. */
static const char cp932_csv[] =
  "\x8c\xda\x8b\x71\x49\x44\x2c\x89\xef\x8e\xd0\x96\xbc\x2c\x92\x53\x93\x96\x8e\xd2\x2c\x8c\x8e"
  "\x8a\x7a\x2c\x83\x58\x83\x65\x81\x5b\x83\x5e\x83\x58\r\n"
  "\x4a\x2d\x31\x2c\x8a\x94\x8e\xae\x89\xef\x8e\xd0\x83\x65\x83\x58\x83\x67\x2c\x8e\x52\x93\x63"
  "\x91\xbe\x98\x59\x2c\x22\x31\x32\x2c\x30\x30\x30\x22\x2c\x8c\x5f\x96\xf1\x92\x86\r\n"
  "\x4a\x2d\x32\x2c\x97\x4c\x8c\xc0\x89\xef\x8e\xd0\x83\x54\x83\x93\x83\x76\x83\x8b\x2c\x79\x61"
  "\x6d\x61\x64\x61\x40\x74\x65\x6e\x64\x2e\x65\x78\x61\x6d\x70\x6c\x65\x2c\x35\x30\x30\x30\x2c"
  "\x89\xf0\x96\xf1\r\n";

static void
test_cp932 (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = write_temp_file (fixture, "sjis.csv", cp932_csv, -1);
  g_autoptr(TendImportMapping) mapping = guess_mapping_for (path, "顧客一覧");
  g_autoptr(TendImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  tend_import_mapping_set_currency (mapping, "JPY");
  report = import_file (fixture->store, path, mapping, "2024-06-30",
                        TEND_IMPORT_POLICY_ALL_OR_NOTHING, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tend_import_report_get_encoding (report), ==, "CP932");
  g_assert_cmpuint (tend_import_report_get_n_inserted (report), ==, 2);

  assert_query_text (fixture->store,
                     "SELECT group_concat(x, ';') FROM (SELECT a.name || ' ' || c.name || ' ' || "
                     "a.status || ' ' || a.arr_minor || ' ' || a.currency AS x FROM accounts a "
                     "JOIN csms c ON c.id = a.owner_id ORDER BY a.id)",
                     "株式会社テスト 山田太郎 active 144000 JPY;"
                     "有限会社サンプル yamada@tend.example churned 60000 JPY");
  assert_query_text (fixture->store, "SELECT group_concat(source, ',') FROM "
                     "(SELECT DISTINCT source FROM subscriptions)", "csv:csv");
}

static void
test_truncated_row (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char csv[] = "id,name\r\nT-1,One\r\nT-2,\"Two\r\nT-3,Three\r\n";
  static const ExpectedProblem expected[] = {
    { 3, NULL, "A quoted value starts on this line and is never closed; the file may have been "
               "cut short." },
  };
  g_autofree char *path = write_temp_file (fixture, "cut.csv", csv, -1);
  g_autoptr(TendImportMapping) mapping = tend_import_mapping_new ("cut");
  g_autoptr(TendImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  tend_import_mapping_set_column (mapping, "id", TEND_IMPORT_FIELD_EXTERNAL_ID, FALSE);
  report = import_file (fixture->store, path, mapping, "2024-06-30",
                        TEND_IMPORT_POLICY_SKIP_BAD_ROWS, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (tend_import_report_get_n_read (report), ==, 2);
  g_assert_cmpuint (tend_import_report_get_n_inserted (report), ==, 1);
  g_assert_cmpuint (tend_import_report_get_n_skipped (report), ==, 1);
  assert_problems (tend_import_report_get_problems (report), expected, G_N_ELEMENTS (expected));
  assert_query_text (fixture->store, "SELECT group_concat(attributes) FROM accounts",
                     "{\"name\":\"One\"}");
}

static void
test_header_only (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *header_only = write_temp_file (fixture, "header.csv", "id,name\r\n", -1);
  g_autofree char *empty = write_temp_file (fixture, "empty.csv", "", 0);
  g_autoptr(TendImportMapping) mapping = tend_import_mapping_new ("empty");
  g_autoptr(TendImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  tend_import_mapping_set_column (mapping, "id", TEND_IMPORT_FIELD_EXTERNAL_ID, FALSE);
  report = import_file (fixture->store, header_only, mapping, "2024-06-30",
                        TEND_IMPORT_POLICY_ALL_OR_NOTHING, &error);
  g_assert_no_error (error);
  g_assert_true (tend_import_report_get_committed (report));
  g_assert_cmpuint (tend_import_report_get_n_read (report), ==, 0);
  g_assert_cmpuint (tend_import_report_get_n_inserted (report), ==, 0);
  g_clear_object (&report);

  report = import_file (fixture->store, empty, mapping, "2024-06-30",
                        TEND_IMPORT_POLICY_ALL_OR_NOTHING, &error);
  expected = g_strdup_printf ("%s is empty: there is not even a header line.", empty);
  g_assert_null (report);
  g_assert_error (error, TEND_CSV_ERROR, TEND_CSV_ERROR_READ);
  g_assert_cmpstr (error->message, ==, expected);
  assert_query_int (fixture->store, "SELECT count(*) FROM accounts", 0);
}

static void
test_unreadable_file (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("id,name\n");
  g_autofree char *path = NULL;
  g_autoptr(TendImportMapping) mapping = tend_import_mapping_new ("broken");
  g_autoptr(TendImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  /* Enough good rows to be written before the bad byte is met; they are rolled back. */
  for (int i = 0; i < 3000; i++)
    g_string_append_printf (csv, "U-%d,Name %d\n", i, i);
  g_string_append (csv, "U-x,\xff\xfe\n");
  path = write_temp_file (fixture, "broken.csv", csv->str, (gssize)csv->len);

  tend_import_mapping_set_column (mapping, "id", TEND_IMPORT_FIELD_EXTERNAL_ID, FALSE);
  report = import_file (fixture->store, path, mapping, "2024-06-30",
                        TEND_IMPORT_POLICY_SKIP_BAD_ROWS, &error);

  expected = g_strdup_printf ("%s, line 3002: the byte at offset %" G_GSIZE_FORMAT " is neither "
                              "UTF-8 nor Shift_JIS (CP932) text. Is it a CSV file? Save it as "
                              "“CSV UTF-8” and import it again.", path, csv->len - 3);
  g_assert_null (report);
  g_assert_error (error, TEND_CSV_ERROR, TEND_CSV_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, expected);
  assert_query_int (fixture->store, "SELECT count(*) FROM accounts", 0);
  g_assert_false (tend_store_in_transaction (fixture->store));
}

/* Interrupted imports */

/* A file big enough to be well under way when it is stopped: new accounts, and updates
 * of the three that import-accounts.csv made. */
static char *
write_big_file (const char *folder,
                guint       rows)
{
  g_autoptr(GString) csv = g_string_new ("Account ID,Account Name,Website,Owner,Segment,Stage,"
                                         "Start Date,Status,Seats,ARR,Contract,Notes,NPS,Zip\n");
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (folder, "big.csv", NULL);

  for (guint i = 0; i < rows; i++)
    {
      g_autofree char *id = i < 3 ? g_strdup_printf ("A-%03u", i + 1)
                                  : g_strdup_printf ("K-%06u", i);

      g_string_append_printf (csv, "%s,Company %u,company%u.example,csm%u@tend.example,"
                              "Segment %u,Adopt,2023-01-%02u,Active,%u,\"%u,%03u.00\",One year,"
                              "\"Note, %u\",%u,%05u\n",
                              id, i, i, i % 7, i % 4, i % 28 + 1, i % 500, i % 90 + 1,
                              i % 1000, i, i % 11, i);
    }

  g_file_set_contents (path, csv->str, (gssize)csv->len, &error);
  g_assert_no_error (error);

  return path;
}

#define BIG_ROWS 40000
#define STOP_AT_ROW 20000

/* A workspace with something in it, whose content an interrupted import must not touch. */
static char *
prepare_workspace (TendStore *store)
{
  g_autofree char *first = data_path ("import-accounts.csv");
  g_autoptr(TendImportMapping) mapping = guess_mapping_for (first, "accounts");
  g_autoptr(TendImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = import_file (store, first, mapping, "2024-06-30", TEND_IMPORT_POLICY_ALL_OR_NOTHING,
                        &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tend_import_report_get_n_inserted (report), ==, 3);

  return workspace_checksum (store);
}

static void
kill_self_cb (guint    rows_done,
              goffset  bytes_done,
              goffset  bytes_total,
              gpointer user_data)
{
  const char *marker = user_data;

  if (rows_done < STOP_AT_ROW)
    return;

  g_file_set_contents (marker, "killed", -1, NULL);
  kill (getpid (), SIGKILL);
}

/* The child: import the big file, and die by SIGKILL halfway through. */
static void
killed_import_child (void)
{
  const char *folder = g_getenv ("TEND_TEST_KILL_FOLDER");
  g_autofree char *database = g_build_filename (folder, "tend.db", NULL);
  g_autofree char *big = g_build_filename (folder, "big.csv", NULL);
  g_autofree char *marker = g_build_filename (folder, "killed", NULL);
  g_autofree char *first = data_path ("import-accounts.csv");
  g_autoptr(TendStore) store = NULL;
  g_autoptr(TendImportMapping) mapping = NULL;
  g_autoptr(TendImporter) importer = NULL;
  g_autoptr(GError) error = NULL;

  store = tend_store_open (database, &error);
  g_assert_no_error (error);

  /* A small page cache makes SQLite spill the uncommitted pages into the WAL file, so the
   * kill leaves half a transaction on disk for recovery to ignore. */
  g_assert_true (tend_store_exec (store, "PRAGMA cache_size = 20", &error));

  mapping = guess_mapping_for (first, "accounts");
  importer = tend_importer_new (store, big, mapping);
  tend_importer_set_as_of (importer, tend_day_from_iso ("2024-06-30"));
  tend_importer_run (importer, NULL, kill_self_cb, marker, &error);

  g_assert_not_reached ();
}

static void
test_killed (void)
{
  g_autoptr(GError) error = NULL;
  TendTestWorkspace workspace;
  const char *folder;
  const char *database;
  g_autofree char *wal = NULL;
  g_autofree char *marker = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *big = NULL;
  g_autoptr(TendStore) store = NULL;
  GStatBuf wal_info;

  if (g_test_subprocess ())
    {
      killed_import_child ();
      return;
    }

  tend_test_workspace_init (&workspace, "tend-test-kill", FALSE);
  folder = workspace.folder;
  database = workspace.path;
  wal = g_strconcat (database, "-wal", NULL);
  marker = g_build_filename (folder, "killed", NULL);

  store = tend_store_open (database, &error);
  g_assert_no_error (error);
  before = prepare_workspace (store);
  g_clear_object (&store);
  big = write_big_file (folder, BIG_ROWS);

  g_setenv ("TEND_TEST_KILL_FOLDER", folder, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();

  /* It died where it meant to, with the transaction's pages in the WAL. */
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (wal, &wal_info), ==, 0);
  g_assert_cmpint (wal_info.st_size, >, 1024 * 1024);

  store = tend_store_open (database, &error);
  g_assert_no_error (error);
  after = workspace_checksum (store);
  g_assert_cmpstr (after, ==, before);
  assert_query_int (store, "SELECT count(*) FROM accounts", 3);
  assert_query_text (store, "PRAGMA integrity_check", "ok");

  g_clear_object (&store);
  tend_test_workspace_clear (&workspace);
}

typedef struct
{
  GCancellable *cancellable;
  guint         calls;
  guint         last_rows;
} CancelState;

static void
cancel_halfway_cb (guint    rows_done,
                   goffset  bytes_done,
                   goffset  bytes_total,
                   gpointer user_data)
{
  CancelState *state = user_data;

  g_assert_cmpuint (rows_done, >=, state->last_rows);
  g_assert_cmpint (bytes_done, <=, bytes_total);
  state->calls++;
  state->last_rows = rows_done;

  if (rows_done >= STOP_AT_ROW)
    g_cancellable_cancel (state->cancellable);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *before = prepare_workspace (fixture->store);
  g_autofree char *big = write_big_file (fixture->folder, BIG_ROWS);
  g_autofree char *first = data_path ("import-accounts.csv");
  g_autoptr(TendImportMapping) mapping = guess_mapping_for (first, "accounts");
  g_autoptr(TendImporter) importer = tend_importer_new (fixture->store, big, mapping);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TendImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  CancelState state = { cancellable, 0, 0 };

  report = tend_importer_run (importer, cancellable, cancel_halfway_cb, &state, &error);

  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (state.last_rows, ==, STOP_AT_ROW + 256 - STOP_AT_ROW % 256);
  g_assert_false (tend_store_in_transaction (fixture->store));

  after = workspace_checksum (fixture->store);
  g_assert_cmpstr (after, ==, before);
}

/* A failed import left no transaction open, the connection's checks back on, and the
 * workspace as it was @before. */
static void
assert_import_left_nothing (Fixture    *fixture,
                            const char *before)
{
  g_autofree char *after = NULL;

  g_assert_false (tend_store_in_transaction (fixture->store));
  assert_query_int (fixture->store, "PRAGMA foreign_keys", 1);
  assert_query_int (fixture->store, "PRAGMA ignore_check_constraints", 0);

  after = workspace_checksum (fixture->store);
  g_assert_cmpstr (after, ==, before);
}

/* Last month's export and this month's, the same rows under another file name: the
 * guessed mappings differ by name, the accounts and their ARR do not double. */
static void
test_upsert_renamed_file (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *november = data_path ("import-accounts.csv");
  g_autofree char *december = g_build_filename (fixture->folder, "accounts-dec.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(TendImportMapping) first = guess_mapping_for (november, "accounts-nov.csv");
  g_autoptr(TendImportMapping) second = NULL;
  g_autoptr(TendImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  gint64 arr;

  g_assert_true (g_file_get_contents (november, &contents, &length, &error));
  g_assert_true (g_file_set_contents (december, contents, (gssize)length, &error));
  second = guess_mapping_for (december, "accounts-dec.csv");

  report = import_file (fixture->store, november, first, "2024-06-30",
                        TEND_IMPORT_POLICY_ALL_OR_NOTHING, &error);
  g_assert_no_error (error);
  arr = query_int (fixture->store, "SELECT sum (arr_minor) FROM accounts");
  g_assert_cmpint (arr, >, 0);
  g_clear_object (&report);

  report = import_file (fixture->store, december, second, "2024-06-30",
                        TEND_IMPORT_POLICY_ALL_OR_NOTHING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tend_import_report_get_n_updated (report), ==, 3);
  assert_query_int (fixture->store, "SELECT count(*) FROM accounts", 3);
  assert_query_int (fixture->store, "SELECT count(*) FROM subscriptions", 3);
  assert_query_int (fixture->store, "SELECT sum (arr_minor) FROM accounts", arr);
}

/* The workspace refuses a write half-way through (as a full disk would): the reader
 * thread stops, the error says what failed, and nothing of the import stays. */
static void
test_write_fails (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *before = prepare_workspace (fixture->store);
  g_autofree char *big = write_big_file (fixture->folder, BIG_ROWS);
  g_autofree char *first = data_path ("import-accounts.csv");
  g_autoptr(TendImportMapping) mapping = guess_mapping_for (first, "accounts");
  g_autoptr(TendImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (tend_store_exec (fixture->store,
                                  "CREATE TEMP TRIGGER refuse AFTER INSERT ON accounts"
                                  " WHEN (SELECT count(*) FROM accounts) > 20000"
                                  " BEGIN SELECT RAISE (ABORT, 'no room left'); END",
                                  &error));
  g_assert_no_error (error);

  report = import_file (fixture->store, big, mapping, "2024-06-30",
                        TEND_IMPORT_POLICY_SKIP_BAD_ROWS, &error);

  g_assert_null (report);
  g_assert_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "no room left"));

  g_assert_true (tend_store_exec (fixture->store, "DROP TRIGGER temp.refuse", NULL));
  assert_import_left_nothing (fixture, before);
}

/* The file turns out unreadable far into it, while earlier rows are being written: the
 * error names the line, and nothing of the import stays. */
static void
test_read_fails (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *before = prepare_workspace (fixture->store);
  g_autofree char *big = write_big_file (fixture->folder, BIG_ROWS);
  g_autofree char *first = data_path ("import-accounts.csv");
  g_autoptr(TendImportMapping) mapping = guess_mapping_for (first, "accounts");
  g_autoptr(TendImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  char *line;
  gsize length;

  /* A byte that is not text in the name of row 30,000, on line 30,002 of the file. */
  g_assert_true (g_file_get_contents (big, &contents, &length, &error));
  line = strstr (contents, "\nK-030000,Company ");
  g_assert_nonnull (line);
  line[strlen ("\nK-030000,Comp")] = '\xff';
  g_assert_true (g_file_set_contents (big, contents, (gssize)length, &error));

  report = import_file (fixture->store, big, mapping, "2024-06-30",
                        TEND_IMPORT_POLICY_SKIP_BAD_ROWS, &error);

  g_assert_null (report);
  g_assert_error (error, TEND_CSV_ERROR, TEND_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "line 30002"));
  assert_import_left_nothing (fixture, before);
}

/* Large imports, written by the pipeline with the foreign key and CHECK constraints set
 * aside for the length of the transaction. */

static char *
schema_dump (TendStore *store)
{
  return query_text (store, "SELECT group_concat(type || ' ' || name || ' ' || tbl_name || ' ' "
                            "|| coalesce(sql, '-'), char(10)) FROM (SELECT * FROM sqlite_schema "
                            "ORDER BY name)");
}

static void
test_bulk_large (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *first = data_path ("import-accounts.csv");
  g_autoptr(TendImportMapping) mapping = guess_mapping_for (first, "accounts");
  g_autofree char *before_checksum = prepare_workspace (fixture->store);
  g_autofree char *schema = schema_dump (fixture->store);
  g_autofree char *big = write_big_file (fixture->folder, BIG_ROWS);
  g_autofree char *after_schema = NULL;
  g_autofree char *imported = NULL;
  g_autofree char *again = NULL;
  g_autoptr(TendImportReport) report = NULL;
  g_autoptr(TendImportReport) second = NULL;
  g_autoptr(GError) error = NULL;
  gint64 version = query_int (fixture->store, "PRAGMA schema_version");
  gint64 cache = query_int (fixture->store, "PRAGMA cache_size");

  report = import_file (fixture->store, big, mapping, "2024-06-30",
                        TEND_IMPORT_POLICY_SKIP_BAD_ROWS, &error);
  g_assert_no_error (error);
  g_assert_true (tend_import_report_get_committed (report));
  g_assert_cmpuint (tend_import_report_get_n_read (report), ==, BIG_ROWS);
  g_assert_cmpuint (tend_import_report_get_n_inserted (report), ==, BIG_ROWS - 3);
  g_assert_cmpuint (tend_import_report_get_n_updated (report), ==, 3);
  g_assert_cmpuint (tend_import_report_get_n_rejected (report), ==, 0);
  assert_query_int (fixture->store, "SELECT count(*) FROM accounts", BIG_ROWS);
  assert_query_int (fixture->store, "SELECT count(*) FROM subscriptions", BIG_ROWS);

  /* The schema is untouched, the file sound, and every reference the import wrote
   * holds although SQLite did not check them as it went. */
  after_schema = schema_dump (fixture->store);
  g_assert_cmpstr (after_schema, ==, schema);
  g_assert_cmpint (query_int (fixture->store, "PRAGMA schema_version"), ==, version);
  assert_query_text (fixture->store, "PRAGMA integrity_check", "ok");
  assert_query_int (fixture->store, "SELECT count(*) FROM pragma_foreign_key_check", 0);
  assert_query_int (fixture->store, "SELECT count(*) FROM accounts WHERE owner_id IS NOT NULL",
                    BIG_ROWS);
  imported = workspace_checksum (fixture->store);
  g_assert_cmpstr (imported, !=, before_checksum);

  /* The connection is as it was, CHECK and foreign key constraints included. */
  assert_query_int (fixture->store, "PRAGMA cache_size", cache);
  assert_query_int (fixture->store, "PRAGMA ignore_check_constraints", 0);
  assert_query_int (fixture->store, "PRAGMA foreign_keys", 1);
  g_assert_false (tend_store_exec (fixture->store,
                                   "INSERT INTO account_sources VALUES ('x', 'y', 999999)",
                                   &error));
  g_assert_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (tend_store_exec (fixture->store,
                                   "UPDATE accounts SET status = 'gone' WHERE id = 1", &error));
  g_assert_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* The same file again matches every account and changes nothing. */
  version = query_int (fixture->store, "PRAGMA schema_version");
  second = import_file (fixture->store, big, mapping, "2024-06-30",
                        TEND_IMPORT_POLICY_SKIP_BAD_ROWS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tend_import_report_get_n_inserted (second), ==, 0);
  g_assert_cmpuint (tend_import_report_get_n_updated (second), ==, BIG_ROWS);
  again = workspace_checksum (fixture->store);
  g_assert_cmpstr (again, ==, imported);
  g_assert_cmpint (query_int (fixture->store, "PRAGMA schema_version"), ==, version);
}

/* @variant 1 changes every field of every row of variant 0, with valid values. */
static char *
write_bulk_file (const char *folder,
                 guint       rows,
                 guint       variant)
{
  g_autoptr(GString) csv = g_string_new ("Account ID,Account Name,Website,Owner,Segment,Stage,"
                                         "Start Date,Status,Seats,ARR,Contract,Notes,NPS,Zip\n");
  g_autofree char *name = g_strdup_printf ("bulk-%u.csv", variant);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (folder, name, NULL);

  for (guint i = 0; i < rows; i++)
    {
      guint k = i + variant * 7;

      g_string_append_printf (csv, "B-%05u,Company %u,company%u.example,%s%u,Segment %u,"
                              "Stage %u,2023-%02u-%02u,%s,%u,%u.%02u,%s,\"Note, %u\",%u,%05u\n",
                              i, k, k, variant == 0 ? "csm" : "owner-", k % 9, k % 5, k % 6,
                              k % 12 + 1, k % 28 + 1,
                              k % 5 == 0 ? "Churned" : k % 7 == 0 ? "Trial" : "Active",
                              k % 400 + 1, k * 37 % 90000 + 100, k % 100,
                              k % 3 == 0 ? "Month-to-month" : k % 3 == 1 ? "One year"
                                                                         : "Two year",
                              k, k % 11, k);
    }

  g_file_set_contents (path, csv->str, (gssize)csv->len, &error);
  g_assert_no_error (error);

  return path;
}

/* What an import stored for each account it knows, without ids or times. */
static char *
imported_content (TendStore *store)
{
  return query_text (store,
                     "SELECT count(*) || ':' || group_concat(x, char(10)) FROM (SELECT"
                     " s.external_id || '|' || quote(a.name) || quote(a.domain) ||"
                     " quote(c.name) || quote(c.email) || quote(a.segment) ||"
                     " quote(a.lifecycle_stage) || quote(a.start_date) || quote(a.status) ||"
                     " quote(a.churn_date) || quote(a.churn_reason) || quote(a.licensed_seats) ||"
                     " quote(a.attributes) || quote(a.arr_minor) || quote(a.currency) ||"
                     " quote(a.renewal_date) || quote(b.product) || quote(b.amount_minor) ||"
                     " quote(b.currency) || quote(b.billing_interval) || quote(b.start_date) ||"
                     " quote(b.renewal_date) || quote(b.end_date) || quote(b.status) AS x"
                     " FROM account_sources s JOIN accounts a ON a.id = s.account_id"
                     " LEFT JOIN csms c ON c.id = a.owner_id"
                     " LEFT JOIN subscriptions b ON b.account_id = a.id"
                     " ORDER BY s.external_id)");
}

/* The same files give the same accounts in an empty workspace, where the second import
 * reads the source's ids at once, and in one with many other accounts, where the first
 * import looks each id up (the pipeline's packs and the writer's batches then fall
 * differently too). */
static void
test_bulk_same_as_row_by_row (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *first = data_path ("import-accounts.csv");
  g_autoptr(TendImportMapping) mapping = guess_mapping_for (first, "accounts");
  g_autofree char *other_path = g_build_filename (fixture->folder, "row-by-row.db", NULL);
  g_autoptr(TendStore) other = NULL;
  g_autoptr(GError) error = NULL;

  other = tend_store_open (other_path, &error);
  g_assert_no_error (error);
  g_assert_true (tend_store_exec (other,
                                  "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                                  "FROM n WHERE i < 8000) INSERT INTO accounts (name) "
                                  "SELECT 'Other ' || i FROM n",
                                  &error));
  g_assert_no_error (error);

  for (guint variant = 0; variant < 2; variant++)
    {
      g_autofree char *path = write_bulk_file (fixture->folder, 3000, variant);
      g_autofree char *bulk = NULL;
      g_autofree char *row_by_row = NULL;
      TendStore *stores[] = { fixture->store, other };

      g_test_message ("variant %u", variant);
      for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
        {
          g_autoptr(TendImportReport) report = NULL;

          report = import_file (stores[i], path, mapping, "2024-06-30",
                                TEND_IMPORT_POLICY_ALL_OR_NOTHING, &error);
          g_assert_no_error (error);
          g_assert_true (tend_import_report_get_committed (report));
          g_assert_cmpuint (tend_import_report_get_n_inserted (report), ==,
                            variant == 0 ? 3000 : 0);
          g_assert_cmpuint (tend_import_report_get_n_updated (report), ==,
                            variant == 0 ? 0 : 3000);
        }

      bulk = imported_content (fixture->store);
      row_by_row = imported_content (other);
      g_assert_true (g_str_has_prefix (bulk, "3000:B-00000|"));
      g_assert_cmpstr (bulk, ==, row_by_row);
      assert_query_text (fixture->store, "PRAGMA integrity_check", "ok");
    }

  /* Every field changed: the second file's values are the ones kept. */
  assert_query_text (fixture->store,
                     "SELECT a.name || '|' || a.status || '|' || a.attributes FROM accounts a "
                     "JOIN account_sources s ON s.account_id = a.id "
                     "WHERE s.external_id = 'B-00003'",
                     "Company 10|churned|{\"Notes\":\"Note, 10\",\"NPS\":10,\"Zip\":\"00010\"}");
}

/* The asynchronous import, as the import dialog runs it. */

typedef struct
{
  GMainLoop        *loop;
  GThread          *main_thread;
  TendImportReport *report;
  GError           *error;
  guint             progress_calls;
  guint             last_rows;
  guint             changed;
  gboolean          changed_before_done;
  gboolean          progress_freed;
} AsyncState;

static void
async_progress_cb (guint    rows_done,
                   goffset  bytes_done,
                   goffset  bytes_total,
                   gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->main_thread);
  g_assert_null (state->report);
  g_assert_cmpuint (rows_done, >=, state->last_rows);
  state->last_rows = rows_done;
  state->progress_calls++;
}

static void
async_progress_free (gpointer user_data)
{
  AsyncState *state = user_data;

  state->progress_freed = TRUE;
}

static void
async_changed_cb (TendStore  *store,
                  const char *what,
                  AsyncState *state)
{
  g_assert_true (g_thread_self () == state->main_thread);
  state->changed++;
  state->changed_before_done = state->report == NULL;
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncState *state = user_data;

  state->report = tend_importer_run_finish (TEND_IMPORTER (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *big = write_big_file (fixture->folder, 5000);
  g_autofree char *first = data_path ("import-accounts.csv");
  g_autoptr(TendImportMapping) mapping = guess_mapping_for (first, "accounts");
  g_autoptr(TendImporter) importer = tend_importer_new (fixture->store, big, mapping);
  AsyncState state = { 0 };

  state.loop = g_main_loop_new (NULL, FALSE);
  state.main_thread = g_thread_self ();
  g_signal_connect (fixture->store, "changed::accounts", G_CALLBACK (async_changed_cb), &state);

  tend_importer_set_as_of (importer, tend_day_from_iso ("2024-06-30"));
  tend_importer_run_async (importer, NULL, async_progress_cb, &state, async_progress_free,
                           async_done_cb, &state);

  /* The importer's settings were taken when it started. */
  tend_importer_set_path (importer, "/nonexistent.csv");
  g_main_loop_run (state.loop);

  g_assert_no_error (state.error);
  g_assert_nonnull (state.report);
  g_assert_cmpuint (tend_import_report_get_n_inserted (state.report), ==, 5000);
  g_assert_cmpuint (state.changed, ==, 1);
  g_assert_true (state.changed_before_done);
  g_assert_true (state.progress_freed);
  g_assert_cmpuint (state.progress_calls, >=, 1);
  assert_query_int (fixture->store, "SELECT count(*) FROM accounts", 5000);
  assert_query_int (fixture->store, "SELECT count(*) FROM csms", 7);

  g_clear_object (&state.report);
  g_main_loop_unref (state.loop);
}

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TendImportPreview **preview = user_data;
  g_autoptr(GError) error = NULL;

  *preview = tend_importer_preview_finish (TEND_IMPORTER (source), result, &error);
  g_assert_no_error (error);
}

static void
test_preview_async (void)
{
  g_autofree char *path = data_path ("import-accounts.csv");
  g_autoptr(TendImportMapping) mapping = guess_mapping_for (path, "accounts");
  g_autoptr(TendImporter) importer = tend_importer_new (NULL, path, mapping);
  g_autoptr(TendImportPreview) preview = NULL;

  tend_importer_set_as_of (importer, tend_day_from_iso ("2024-06-30"));
  tend_importer_preview_async (importer, 10, NULL, preview_done_cb, &preview);
  while (preview == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (tend_import_preview_get_n_rows (preview), ==, 3);
  g_assert_cmpuint (tend_import_preview_get_n_rejected (preview), ==, 0);
  g_assert_cmpstr (tend_import_preview_get_value (preview, 2, TEND_IMPORT_FIELD_STATUS), ==,
                   "churned");
  g_assert_cmpstr (tend_import_preview_get_value (preview, 2, TEND_IMPORT_FIELD_CHURN_DATE), ==,
                   "2024-06-30");
  g_assert_null (tend_import_preview_get_value (preview, 2, TEND_IMPORT_FIELD_RENEWAL_DATE));
  g_assert_cmpstr (tend_import_preview_get_value (preview, 0, TEND_IMPORT_FIELD_ARR), ==,
                   "$120,000.00");
  g_assert_cmpstr (tend_import_preview_get_value (preview, 0, TEND_IMPORT_FIELD_CONTRACT), ==,
                   "12 months");
  g_assert_cmpstr (tend_import_preview_get_encoding (preview), ==, "UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/values/date", test_values_date);
  g_test_add_func ("/import/values/term", test_values_term);
  g_test_add_func ("/import/values/bool-and-adopted", test_values_bool_and_adopted);
  g_test_add_func ("/import/values/status", test_values_status);
  g_test_add_func ("/import/values/renewal", test_values_renewal);
  g_test_add_func ("/import/values/json", test_values_json);

  g_test_add_func ("/import/mapping/json", test_mapping_json);
  g_test_add_func ("/import/mapping/invalid", test_mapping_invalid);
  g_test_add_func ("/import/mapping/check", test_mapping_check);
  g_test_add ("/import/mapping/store", Fixture, NULL, fixture_set_up, test_mapping_store,
              fixture_tear_down);
  g_test_add_func ("/import/mapping/guess", test_mapping_guess);
  g_test_add_func ("/import/mapping/guess-telco", test_mapping_guess_telco);

  g_test_add_func ("/import/validate/preview", test_validate_preview);
  g_test_add_func ("/import/validate/preview-async", test_preview_async);
  g_test_add ("/import/policy/skip-bad-rows", Fixture, NULL, fixture_set_up, test_policy_skip,
              fixture_tear_down);
  g_test_add ("/import/policy/all-or-nothing", Fixture, NULL, fixture_set_up,
              test_policy_all_or_nothing, fixture_tear_down);
  g_test_add ("/import/upsert", Fixture, NULL, fixture_set_up, test_upsert, fixture_tear_down);
  g_test_add ("/import/upsert/renamed-file", Fixture, NULL, fixture_set_up,
              test_upsert_renamed_file, fixture_tear_down);
  g_test_add ("/import/validate/money-reasons", Fixture, NULL, fixture_set_up,
              test_money_reasons, fixture_tear_down);
  g_test_add ("/import/attributes", Fixture, NULL, fixture_set_up, test_attributes,
              fixture_tear_down);
  g_test_add ("/import/encoding/cp932", Fixture, NULL, fixture_set_up, test_cp932,
              fixture_tear_down);
  g_test_add ("/import/errors/truncated-row", Fixture, NULL, fixture_set_up, test_truncated_row,
              fixture_tear_down);
  g_test_add ("/import/errors/header-only", Fixture, NULL, fixture_set_up, test_header_only,
              fixture_tear_down);
  g_test_add ("/import/errors/unreadable-file", Fixture, NULL, fixture_set_up,
              test_unreadable_file, fixture_tear_down);
  g_test_add ("/import/telco", Fixture, NULL, fixture_set_up, test_telco, fixture_tear_down);
  g_test_add_func ("/import/interrupted/killed", test_killed);
  g_test_add ("/import/interrupted/cancelled", Fixture, NULL, fixture_set_up, test_cancelled,
              fixture_tear_down);
  g_test_add ("/import/interrupted/write-fails", Fixture, NULL, fixture_set_up,
              test_write_fails, fixture_tear_down);
  g_test_add ("/import/interrupted/read-fails", Fixture, NULL, fixture_set_up, test_read_fails,
              fixture_tear_down);
  g_test_add ("/import/bulk/large", Fixture, NULL, fixture_set_up, test_bulk_large,
              fixture_tear_down);
  g_test_add ("/import/bulk/same-as-row-by-row", Fixture, NULL, fixture_set_up,
              test_bulk_same_as_row_by_row, fixture_tear_down);
  g_test_add ("/import/async", Fixture, NULL, fixture_set_up, test_async, fixture_tear_down);

  return g_test_run ();
}
