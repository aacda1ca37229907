/* test-preferences.c: the preferences window and its scorecard editor, under a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendTest"

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>

#include "import/tend-importer.h"
#include "scoring/tend-scorer.h"
#include "ui/tend-preferences-window.h"
#include "ui/tend-settings.h"
#include "util/tend-date.h"
#include "tend-test-ui.h"
#include "tend-test-workspace.h"

/* The temporary folder and store every test here works in. */
typedef TendTestWorkspace Fixture;

static void
fixture_open (Fixture *fixture)
{
  tend_test_workspace_init (fixture, "tend-preferences", TRUE);
}

static void
fixture_set_up_empty (Fixture       *fixture,
                      gconstpointer  data)
{
  fixture_open (fixture);
}

/* The Telco data set imported with its mapping and scored with the Telco scorecard, as
 * `tend import` does. */
static void
fixture_set_up_telco (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *datasets = g_getenv ("TEND_DATASETS");
  g_autoptr(TendImportMapping) mapping = NULL;
  g_autoptr(TendImporter) importer = NULL;
  g_autoptr(TendImportReport) report = NULL;
  g_autoptr(TendScorecard) scorecard = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;

  fixture_open (fixture);
  if (datasets == NULL)
    return;

  csv = g_build_filename (datasets, "telco_customer_churn.csv", NULL);
  mapping = tend_import_mapping_new_builtin ("telco", &error);
  g_assert_no_error (error);
  importer = tend_importer_new (fixture->store, csv, mapping);
  report = tend_importer_run (importer, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tend_import_report_get_n_inserted (report), ==, 7043);

  scorecard = tend_scorecard_load (fixture->store, TEND_SCORECARD_TELCO, &error);
  g_assert_no_error (error);
  g_assert_true (tend_scorecard_activate (scorecard, fixture->store, &error));
  g_assert_true (tend_scorer_recompute (fixture->store, scorecard, tend_day_today (), NULL,
                                        NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tend_test_workspace_clear (fixture);
}

static gboolean
telco_available (void)
{
  if (g_getenv ("TEND_DATASETS") != NULL)
    return TRUE;

  g_test_skip ("TEND_DATASETS is not set: run the test with meson test");

  return FALSE;
}

/* Runs the main loop until @done says so, for at most @seconds. */
static void
wait_for (gboolean (*done) (gpointer data),
          gpointer   data,
          int        seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }

  g_assert_true (done (data));
}

static gboolean
window_is_idle (gpointer data)
{
  return !tend_preferences_window_get_busy (data);
}

static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + 100 * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

static TendPreferencesWindow *
open_window (Fixture *fixture)
{
  TendPreferencesWindow *window = tend_preferences_window_new (NULL, fixture->store);

  /* GTK owns toplevels; the test's own reference lets it check that they go away. */
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  settle ();

  return window;
}

static void
close_window (TendPreferencesWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  wait_for (window_is_idle, window, 60);
  settle ();
  g_assert_finalize_object (window);
}

static gint64
query_int (TendStore  *store,
           const char *sql)
{
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, NULL);
  gint64 value;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

static double
query_double (TendStore  *store,
              const char *sql)
{
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, NULL);
  double value;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_double (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

static double
shown_auc (TendPreferencesWindow *window)
{
  const char *text = tend_preferences_window_get_auc_text (window);
  char *end = NULL;
  double auc = g_ascii_strtod (text, &end);

  /* The tests run in C.UTF-8, so the figure reads with a point. */
  g_assert_true (end != text && *end == '\0');

  return auc;
}

/* The stored weight of a measure of the saved scorecard @name. */
static double
saved_weight (TendStore  *store,
              const char *name,
              const char *measure_id)
{
  g_autoptr(TendScorecard) scorecard = NULL;
  g_autoptr(GError) error = NULL;
  TendMeasure *measure;

  scorecard = tend_scorecard_load (store, name, &error);
  g_assert_no_error (error);
  measure = tend_scorecard_find_measure (scorecard, measure_id);
  g_assert_nonnull (measure);

  return tend_measure_get_weight (measure);
}

static void
test_telco_backtest (Fixture       *fixture,
                     gconstpointer  data)
{
  TendPreferencesWindow *window;
  TendBacktestResult result;

  if (!telco_available ())
    return;

  window = open_window (fixture);
  g_assert_cmpstr (tend_scorecard_get_name (tend_preferences_window_get_scorecard (window)), ==,
                   TEND_SCORECARD_TELCO);
  g_assert_null (tend_preferences_window_get_message (window));

  /* The saved Telco scorecard separates the customers who left from those who stayed. */
  g_assert_true (tend_preferences_window_get_backtest (window, &result));
  g_assert_cmpuint (result.n_churned, ==, 1869);
  g_assert_cmpuint (result.n_retained, ==, 5174);
  g_assert_cmpfloat (result.auc, >=, 0.75);
  g_assert_cmpfloat (shown_auc (window), >=, 0.75);
  g_assert_cmpfloat (fabs (shown_auc (window) - result.auc), <=, 0.005);
  g_assert_cmpstr (tend_preferences_window_get_verdict (window), ==,
                   "Separates churned from retained accounts well");
  g_test_message ("Telco scorecard backtest: ROC AUC %.4f", result.auc);

  close_window (window);
}

static void
test_weight_saves_and_rescores (Fixture       *fixture,
                                gconstpointer  data)
{
  TendPreferencesWindow *window;
  GtkSpinButton *weight;
  g_autofree char *parts_sql = NULL;
  double before;
  double after;

  if (!telco_available ())
    return;

  window = open_window (fixture);
  weight = tend_preferences_window_get_weight_spin (window, "contract");
  g_assert_nonnull (weight);
  g_assert_cmpfloat (gtk_spin_button_get_value (weight), ==, 30);
  g_assert_null (tend_preferences_window_get_weight_spin (window, "no-such-measure"));
  before = query_double (fixture->store, "SELECT total (health_score) FROM accounts");

  /* The change is saved a moment later and the scores are recomputed. */
  gtk_spin_button_set_value (weight, 90);
  g_assert_true (tend_preferences_window_get_busy (window));
  g_assert_cmpfloat (saved_weight (fixture->store, TEND_SCORECARD_TELCO, "contract"), ==, 30);
  wait_for (window_is_idle, window, 60);
  g_assert_null (tend_preferences_window_get_message (window));
  g_assert_cmpfloat (saved_weight (fixture->store, TEND_SCORECARD_TELCO, "contract"), ==, 90);

  /* Today's scores carry the new weight, and they moved: a month-to-month contract, the
   * most common, now weighs more and scores 0. */
  parts_sql = g_strdup_printf ("SELECT count (*) FROM health_scores h, json_each (h.parts) p "
                               "WHERE h.day = %d AND json_extract (p.value, '$.id') = "
                               "'contract' AND json_extract (p.value, '$.weight') = 90",
                               (int)tend_day_today ());
  g_assert_cmpint (query_int (fixture->store, parts_sql), ==, 7043);
  after = query_double (fixture->store, "SELECT total (health_score) FROM accounts");
  g_assert_cmpfloat (after, <, before);

  /* The backtest was run again on the new scores. */
  g_assert_cmpfloat (shown_auc (window), >=, 0.75);

  close_window (window);
}

static void
test_bands (Fixture       *fixture,
            gconstpointer  data)
{
  TendPreferencesWindow *window;
  TendScorecard *scorecard;
  GtkSpinButton *red;
  GtkSpinButton *green;

  if (!telco_available ())
    return;

  window = open_window (fixture);
  scorecard = tend_preferences_window_get_scorecard (window);
  red = tend_preferences_window_get_band_spin (window, FALSE);
  green = tend_preferences_window_get_band_spin (window, TRUE);
  g_assert_cmpfloat (gtk_spin_button_get_value (red), ==, 40);
  g_assert_cmpfloat (gtk_spin_button_get_value (green), ==, 70);

  /* Red at or above green is refused, said, and neither applied nor saved. */
  gtk_spin_button_set_value (red, 80);
  g_assert_nonnull (strstr (tend_preferences_window_get_message (window), "red cut-off"));
  g_assert_cmpfloat (tend_scorecard_get_red_below (scorecard), ==, 40);
  g_assert_false (tend_preferences_window_get_busy (window));
  gtk_spin_button_set_value (red, 70);
  g_assert_nonnull (tend_preferences_window_get_message (window));

  /* Once green is above it, both apply, and the bands are recomputed. */
  gtk_spin_button_set_value (green, 90);
  g_assert_null (tend_preferences_window_get_message (window));
  g_assert_cmpfloat (tend_scorecard_get_red_below (scorecard), ==, 70);
  g_assert_cmpfloat (tend_scorecard_get_green_from (scorecard), ==, 90);
  wait_for (window_is_idle, window, 60);

  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM accounts WHERE "
                                              "(health_score < 70) != (health_band = 'red') "
                                              "OR (health_score >= 90) != "
                                              "(health_band = 'green')"), ==, 0);
  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM scorecards WHERE name = "
                                              "'Telco' AND json_extract (definition, "
                                              "'$.bands.red_below') = 70 AND json_extract "
                                              "(definition, '$.bands.green_from') = 90"), ==, 1);

  close_window (window);
}

static void
test_add_and_remove_measure (Fixture       *fixture,
                             gconstpointer  data)
{
  TendPreferencesWindow *window;
  TendScorecard *scorecard;
  TendMeasure *measure;
  g_auto(GStrv) keys = NULL;
  guint n;
  double points = -1;

  if (!telco_available ())
    return;

  window = open_window (fixture);
  scorecard = tend_preferences_window_get_scorecard (window);
  n = tend_scorecard_get_n_measures (scorecard);

  /* The menu offers the file's columns kept as attributes, not the adopted list. */
  keys = tend_preferences_window_list_attributes (window);
  g_assert_true (g_strv_contains ((const char * const *)keys, "gender"));
  g_assert_true (g_strv_contains ((const char * const *)keys, "PaymentMethod"));
  g_assert_true (g_strv_contains ((const char * const *)keys, "tenure"));
  g_assert_false (g_strv_contains ((const char * const *)keys, "adopted"));

  /* A text attribute becomes points per value, each value at 50 to start with. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "prefs.add-measure", "s",
                                             "attribute:gender"));
  g_assert_cmpuint (tend_scorecard_get_n_measures (scorecard), ==, n + 1);
  measure = tend_scorecard_find_measure (scorecard, "gender");
  g_assert_nonnull (measure);
  g_assert_cmpint (tend_measure_get_rule_type (measure), ==, TEND_RULE_CATEGORICAL);
  g_assert_cmpuint (tend_measure_get_n_categories (measure), ==, 2);
  g_assert_true (tend_measure_lookup_category (measure, "Female", &points));
  g_assert_cmpfloat (points, ==, 50);
  g_assert_nonnull (tend_preferences_window_get_weight_spin (window, "gender"));

  /* A numeric attribute is linear between its lowest and highest values among the first
   * thousand accounts; the blanks of TotalCharges are missing values, not a category. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "prefs.add-measure", "s",
                                             "attribute:TotalCharges"));
  measure = tend_scorecard_find_measure (scorecard, "TotalCharges");
  g_assert_nonnull (measure);
  g_assert_cmpint (tend_measure_get_rule_type (measure), ==, TEND_RULE_LINEAR);
  g_assert_true (tend_measure_get_higher_is_better (measure));
  g_assert_cmpfloat (tend_measure_get_poor (measure), ==, 19);
  g_assert_cmpfloat (tend_measure_get_good (measure), ==, 8476.5);

  /* A kind Tend knows keeps its usual rule. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "prefs.add-measure", "s",
                                             "account_age"));
  measure = tend_scorecard_find_measure (scorecard, "account_age");
  g_assert_nonnull (measure);
  g_assert_cmpfloat (tend_measure_get_weight (measure), ==, 10);

  wait_for (window_is_idle, window, 60);
  g_assert_null (tend_preferences_window_get_message (window));
  g_assert_cmpfloat (saved_weight (fixture->store, TEND_SCORECARD_TELCO, "gender"), ==, 10);

  /* Removing it takes its row away and saves. */
  for (guint i = 0; i < tend_scorecard_get_n_measures (scorecard); i++)
    {
      if (g_str_equal (tend_measure_get_id (tend_scorecard_get_measure (scorecard, i)),
                       "gender"))
        {
          tend_scorecard_remove_measure (scorecard, i);
          break;
        }
    }
  g_assert_null (tend_preferences_window_get_weight_spin (window, "gender"));
  wait_for (window_is_idle, window, 60);
  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM scorecards s, "
                                              "json_each (s.definition, '$.measures') m "
                                              "WHERE s.name = 'Telco' AND "
                                              "json_extract (m.value, '$.id') = 'gender'"),
                   ==, 0);

  close_window (window);
}

static void
test_switch_scorecard (Fixture       *fixture,
                       gconstpointer  data)
{
  TendPreferencesWindow *window;

  if (!telco_available ())
    return;

  window = open_window (fixture);
  g_assert_false (tend_preferences_window_choose_scorecard (window, "No such scorecard"));

  /* Choosing a scorecard makes it the one the workspace scores with. */
  g_assert_true (tend_preferences_window_choose_scorecard (window, TEND_SCORECARD_DEFAULT));
  g_assert_cmpstr (tend_scorecard_get_name (tend_preferences_window_get_scorecard (window)), ==,
                   TEND_SCORECARD_DEFAULT);
  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM scorecards "
                                              "WHERE is_active AND name = 'Default'"), ==, 1);
  wait_for (window_is_idle, window, 60);
  g_assert_null (tend_preferences_window_get_weight_spin (window, "contract"));

  g_assert_true (tend_preferences_window_choose_scorecard (window, TEND_SCORECARD_TELCO));
  wait_for (window_is_idle, window, 60);
  g_assert_nonnull (tend_preferences_window_get_weight_spin (window, "contract"));
  g_assert_cmpfloat (shown_auc (window), >=, 0.75);

  close_window (window);
}

static gboolean
tenure_rescored (gpointer data)
{
  Fixture *fixture = data;

  return query_int (fixture->store,
                    "SELECT count (*) FROM accounts a, json_each ("
                    "  (SELECT h.parts FROM health_scores h WHERE h.account_id = a.id "
                    "   ORDER BY h.day DESC LIMIT 1)) p "
                    "WHERE json_extract (p.value, '$.id') = 'tenure' AND "
                    "json_extract (p.value, '$.weight') = 25") == 7043;
}

/* Closing right after a change still saves it and scores with it. */
static void
test_close_saves (Fixture       *fixture,
                  gconstpointer  data)
{
  TendPreferencesWindow *window;

  if (!telco_available ())
    return;

  window = open_window (fixture);
  gtk_spin_button_set_value (tend_preferences_window_get_weight_spin (window, "tenure"), 25);
  g_assert_true (tend_preferences_window_get_busy (window));

  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpfloat (saved_weight (fixture->store, TEND_SCORECARD_TELCO, "tenure"), ==, 25);

  /* The recompute goes on after the window closed, and lets it go when it ends. */
  g_assert_false (tenure_rescored (fixture));
  wait_for (tenure_rescored, fixture, 60);
  wait_for (window_is_idle, window, 60);
  settle ();
  g_assert_finalize_object (window);
}

static void
test_empty_workspace (Fixture       *fixture,
                      gconstpointer  data)
{
  TendPreferencesWindow *window = open_window (fixture);
  g_auto(GStrv) keys = tend_preferences_window_list_attributes (window);
  GSettings *settings = tend_settings_get ();
  GtkWidget *general;
  GtkSwitch *bom;

  /* A new workspace scores with the default scorecard; with no outcomes, no AUC. */
  g_assert_cmpstr (tend_scorecard_get_name (tend_preferences_window_get_scorecard (window)), ==,
                   TEND_SCORECARD_DEFAULT);
  g_assert_cmpstr (tend_preferences_window_get_auc_text (window), ==, "—");
  g_assert_true (g_str_has_prefix (tend_preferences_window_get_verdict (window),
                                   "Not enough known outcomes"));
  g_assert_cmpuint (g_strv_length (keys), ==, 0);
  g_assert_nonnull (tend_preferences_window_get_weight_spin (window, "usage_trend"));

  /* The export preference is offered only when the settings schema is installed, and
   * its switch is the setting. */
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (window)),
                   ==, "health");
  general = (GtkWidget *)gtk_widget_get_template_child (GTK_WIDGET (window),
                                                        TEND_TYPE_PREFERENCES_WINDOW,
                                                        "general_page");
  bom = GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                   TEND_TYPE_PREFERENCES_WINDOW, "bom_switch"));
  g_assert_cmpint (gtk_widget_get_root (general) == GTK_ROOT (window), ==, settings != NULL);
  if (settings != NULL)
    {
      g_settings_set_boolean (settings, "export-with-bom", FALSE);
      gtk_switch_set_active (bom, TRUE);
      g_assert_true (g_settings_get_boolean (settings, "export-with-bom"));
      g_settings_set_boolean (settings, "export-with-bom", FALSE);
      g_assert_false (gtk_switch_get_active (bom));
    }

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *schemas = NULL;

  g_test_init (&argc, &argv, NULL);

  /* The settings schema compiled in the build folder, when it is there, before anything
   * looks for schemas. */
  if (g_getenv ("G_TEST_BUILDDIR") != NULL)
    schemas = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "data", NULL);
  if (schemas != NULL)
    {
      g_autofree char *compiled = g_build_filename (schemas, "gschemas.compiled", NULL);

      if (g_file_test (compiled, G_FILE_TEST_EXISTS))
        g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, TRUE);
    }

  /* Without a display every test is skipped, saying why. */
  if (!tend_test_ui_init ("/preferences/no-display"))
    return g_test_run ();
  g_setenv ("TEND_TODAY", "2026-06-15", TRUE);

  g_test_add ("/preferences/telco/backtest", Fixture, NULL, fixture_set_up_telco,
              test_telco_backtest, fixture_tear_down);
  g_test_add ("/preferences/telco/weight", Fixture, NULL, fixture_set_up_telco,
              test_weight_saves_and_rescores, fixture_tear_down);
  g_test_add ("/preferences/telco/bands", Fixture, NULL, fixture_set_up_telco, test_bands,
              fixture_tear_down);
  g_test_add ("/preferences/telco/add-remove", Fixture, NULL, fixture_set_up_telco,
              test_add_and_remove_measure, fixture_tear_down);
  g_test_add ("/preferences/telco/switch-scorecard", Fixture, NULL, fixture_set_up_telco,
              test_switch_scorecard, fixture_tear_down);
  g_test_add ("/preferences/telco/close-saves", Fixture, NULL, fixture_set_up_telco,
              test_close_saves, fixture_tear_down);
  g_test_add ("/preferences/empty", Fixture, NULL, fixture_set_up_empty, test_empty_workspace,
              fixture_tear_down);

  return g_test_run ();
}
