/* test-ui.c: the desktop's pages on a sample workspace, under a real display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendTest"

#include "config.h"
#include "tend-test-ui.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <adwaita.h>

#include "import/tend-csv-reader.h"
#include "model/tend-health-score.h"
#include "model/tend-milestone.h"
#include "reports/tend-portfolio-summary.h"
#include "sample/tend-sample.h"
#include "scoring/tend-scorecard.h"
#include "ui/tend-column-sorter.h"
#include "ui/tend-ui-format.h"
#include "ui/tend-window.h"
#include "ui/widgets/tend-chart-view.h"
#include "util/tend-money.h"

/* U+2068 FIRST STRONG ISOLATE, U+2069 POP DIRECTIONAL ISOLATE, U+202E RIGHT-TO-LEFT
 * OVERRIDE and U+2067 RIGHT-TO-LEFT ISOLATE. */
#define FSI "\xe2\x81\xa8"
#define PDI "\xe2\x81\xa9"
#define RLO "\xe2\x80\xae"
#define RLI "\xe2\x81\xa7"

typedef struct
{
  char      *dir;
  char      *path;
  TendStore *store;
} Fixture;

static void
fixture_open (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("tend-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "tend.db", NULL);
  fixture->store = tend_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up_sample (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TendSampleOptions options;

  fixture_open (fixture);

  /* Small, so that every test makes its own, but with scores and a history. */
  tend_sample_options_init (&options);
  options.n_accounts = 60;
  options.history_days = 120;
  options.compute_scores = TRUE;
  tend_sample_generate (fixture->store, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up_empty (Fixture       *fixture,
                      gconstpointer  data)
{
  fixture_open (fixture);
}

static void
remove_database_files (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->store != NULL)
    g_assert_finalize_object (fixture->store);

  remove_database_files (fixture->path);
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Runs the main loop until @done says so, for at most five seconds. */
static void
wait_for (gboolean (*done) (gpointer data),
          gpointer data)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }

  g_assert_true (done (data));
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* Lets pending idles and frames run, for work that has no condition to wait for. */
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

static TendWindow *
open_window (Fixture *fixture)
{
  TendWindow *window = tend_window_new (NULL, fixture->store, NULL);

  /* GTK owns toplevels; the test's own reference lets it check that they go away. */
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (widget_is_mapped, window);

  return window;
}

static void
close_window (TendWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
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

static gboolean
summary_is_ready (gpointer data)
{
  return tend_dashboard_page_get_summary (data) != NULL;
}

static void
test_window_pages (Fixture       *fixture,
                   gconstpointer  data)
{
  TendWindow *window = open_window (fixture);
  TendDashboardPage *dashboard = tend_window_get_dashboard_page (window);
  TendAccountsPage *accounts = tend_window_get_accounts_page (window);
  TendAccountPage *account = tend_window_get_account_page (window);
  TendPortfolioSummary *summary;
  g_autofree char *active = NULL;
  gint64 first_id = query_int (fixture->store, "SELECT MIN(id) FROM accounts");

  g_assert_cmpstr (tend_window_get_visible_page (window), ==, "dashboard");

  /* The header's view switcher has no use for mnemonics: plain titles, which translate
   * without a "(_D)" tail. */
  {
    GtkWidget *child = GTK_WIDGET (dashboard);
    AdwViewStack *stack;

    while (!ADW_IS_VIEW_STACK (gtk_widget_get_parent (child)))
      child = gtk_widget_get_parent (child);
    stack = ADW_VIEW_STACK (gtk_widget_get_parent (child));

    for (const char *const *name = (const char *const[]) { "dashboard", "accounts", NULL };
         *name != NULL; name++)
      {
        AdwViewStackPage *stack_page =
          adw_view_stack_get_page (stack, adw_view_stack_get_child_by_name (stack, *name));

        g_assert_nonnull (stack_page);
        g_assert_null (strchr (adw_view_stack_page_get_title (stack_page), '_'));
        g_assert_false (adw_view_stack_page_get_use_underline (stack_page));
      }
  }

  /* The dashboard computes its figures once it is shown. */
  wait_for (summary_is_ready, dashboard);
  summary = tend_dashboard_page_get_summary (dashboard);
  g_assert_cmpuint (summary->total_accounts, ==, 60);
  active = tend_ui_format_count (summary->active_accounts);
  g_assert_cmpstr (tend_dashboard_page_get_kpi (dashboard, 0), ==, active);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-accounts", NULL));
  g_assert_cmpstr (tend_window_get_visible_page (window), ==, "accounts");

  /* A band's bar on the dashboard opens the list on that band: the third is green. */
  tend_window_show_dashboard (window);
  g_signal_emit_by_name (tend_dashboard_page_get_band_chart (dashboard), "item-activated", 0, 2);
  g_assert_cmpstr (tend_window_get_visible_page (window), ==, "accounts");
  g_assert_cmpstr (tend_account_list_get_band (tend_accounts_page_get_list (accounts)), ==,
                   "green");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-band", "s", "red"));
  g_assert_cmpstr (tend_window_get_visible_page (window), ==, "accounts");
  g_assert_cmpstr (tend_account_list_get_band (tend_accounts_page_get_list (accounts)), ==, "red");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-account", "x",
                                             first_id));
  g_assert_cmpstr (tend_window_get_visible_page (window), ==, "account");
  g_assert_cmpint (tend_account_get_id (tend_account_page_get_account (account)), ==, first_id);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  g_assert_cmpstr (tend_window_get_visible_page (window), ==, "accounts");
  g_assert_false (tend_window_go_back (window));

  close_window (window);
}

static gboolean
status_page_is_shown (gpointer data)
{
  return gtk_widget_is_drawable (data);
}

static gboolean
status_page_is_hidden (gpointer data)
{
  return !gtk_widget_is_drawable (data);
}

static void
exec_sql (TendStore  *store,
          const char *sql)
{
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
}

/* A dashboard that cannot be computed says why in the page, not blank, and comes back
 * once it can. */
static void
test_dashboard_error (Fixture       *fixture,
                      gconstpointer  data)
{
  TendWindow *window = open_window (fixture);
  TendDashboardPage *dashboard = tend_window_get_dashboard_page (window);
  GtkWidget *status;
  const char *description;

  wait_for (summary_is_ready, dashboard);
  status = tend_test_find_widget_of_type (GTK_WIDGET (dashboard), ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status);
  g_assert_false (gtk_widget_is_drawable (status));

  /* The portfolio trend reads the score history: without it the summary fails. */
  exec_sql (fixture->store, "ALTER TABLE health_scores RENAME TO health_scores_away");
  tend_store_emit_changed (fixture->store, "scores");
  wait_for (status_page_is_shown, status);
  description = adw_status_page_get_description (ADW_STATUS_PAGE (status));
  g_assert_nonnull (description);
  g_assert_nonnull (strstr (description, "health_scores"));

  exec_sql (fixture->store, "ALTER TABLE health_scores_away RENAME TO health_scores");
  tend_store_emit_changed (fixture->store, "scores");
  wait_for (status_page_is_hidden, status);
  g_assert_nonnull (tend_dashboard_page_get_summary (dashboard));

  close_window (window);
}

static GtkWidget *
find_dropdown (GtkWidget  *widget,
               const char *tooltip)
{
  const char *text = gtk_widget_get_tooltip_text (widget);

  if (GTK_IS_DROP_DOWN (widget) && g_strcmp0 (text, tooltip) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_dropdown (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static const char *
dropdown_text (GtkWidget *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dropdown));

  g_assert_nonnull (item);

  return gtk_string_object_get_string (item);
}

static guint
list_count (TendAccountsPage *page)
{
  return g_list_model_get_n_items (G_LIST_MODEL (tend_accounts_page_get_list (page)));
}

/* Where the list is scrolled to, once it has been laid out. */
static double
list_scroll_position (TendAccountsPage *page)
{
  GtkWidget *view = GTK_WIDGET (tend_accounts_page_get_column_view (page));
  GtkWidget *scroller = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);

  settle ();

  return gtk_adjustment_get_value (
    gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)));
}

/* A bar of the dashboard opens the list with as many accounts as the bar counts, whatever
 * filters the list had, from its first row, and the status filter shows that they are the
 * active ones. */
static void
test_dashboard_bars_open_their_accounts (Fixture       *fixture,
                                         gconstpointer  data)
{
  TendWindow *window;
  TendDashboardPage *dashboard;
  TendAccountsPage *page;
  TendAccountList *list;
  GtkWidget *status;
  GtkWidget *segment;
  GtkWidget *charts[2];
  TendPortfolioSummary *summary;
  gboolean saw_no_segment = FALSE;

  /* Some accounts have no segment, as imported files often leave it, empty or missing. */
  exec_sql (fixture->store, "UPDATE accounts SET segment = CASE WHEN id % 20 = 0 THEN NULL"
                            " ELSE '' END WHERE id % 10 = 0");

  window = open_window (fixture);
  dashboard = tend_window_get_dashboard_page (window);
  page = tend_window_get_accounts_page (window);
  list = tend_accounts_page_get_list (page);
  status = find_dropdown (GTK_WIDGET (page), "Status");
  segment = find_dropdown (GTK_WIDGET (page), "Segment");

  /* Churned and trial accounts are scored too: the list of a band without the status
   * filter would have more accounts than the dashboard counts. */
  g_assert_cmpint (query_int (fixture->store, "SELECT COUNT(*) FROM accounts WHERE "
                                              "status <> 'active' AND health_score IS NOT "
                                              "NULL"), >, 0);
  g_assert_nonnull (status);
  g_assert_cmpstr (dropdown_text (status), ==, "All Statuses");

  wait_for (summary_is_ready, dashboard);
  summary = tend_dashboard_page_get_summary (dashboard);
  charts[0] = tend_dashboard_page_get_band_chart (dashboard);
  charts[1] = tend_dashboard_page_get_arr_chart (dashboard);

  for (guint c = 0; c < G_N_ELEMENTS (charts); c++)
    {
      g_assert_true (tend_chart_view_get_activatable (TEND_CHART_VIEW (charts[c])));

      for (guint band = 0; band < TEND_PORTFOLIO_N_BANDS; band++)
        {
          /* Filters left from before are cleared by the click. */
          tend_accounts_page_set_search (page, "no such account");
          tend_accounts_page_set_status (page, "churned");
          tend_window_show_dashboard (window);

          g_signal_emit_by_name (charts[c], "item-activated", 0, band);
          g_assert_cmpstr (tend_window_get_visible_page (window), ==, "accounts");
          g_assert_cmpstr (tend_account_list_get_band (list), ==,
                           tend_portfolio_band_to_string (band));
          g_assert_null (tend_account_list_get_search (list));
          g_assert_cmpstr (tend_account_list_get_status (list), ==, "active");
          g_assert_cmpstr (dropdown_text (status), ==, "Active");
          g_assert_cmpuint (list_count (page), ==, summary->band_accounts[band]);
          g_assert_cmpfloat (list_scroll_position (page), ==, 0);
        }
    }

  /* ARR by segment: each segment's bar opens its active accounts, and the bar of those
   * without a segment opens the list's "No Segment". */
  tend_dashboard_page_set_arr_by_segment (dashboard, TRUE);
  g_assert_cmpuint (summary->by_segment->len, >, 1);
  for (guint i = 0; i < summary->by_segment->len; i++)
    {
      TendSegmentTotal *total = g_ptr_array_index (summary->by_segment, i);

      tend_accounts_page_set_band (page, "red");
      tend_window_show_dashboard (window);

      g_signal_emit_by_name (charts[1], "item-activated", 0, i);
      g_assert_cmpstr (tend_window_get_visible_page (window), ==, "accounts");
      g_assert_null (tend_account_list_get_band (list));
      g_assert_cmpstr (tend_account_list_get_segment (list), ==,
                       total->segment != NULL ? total->segment : "");
      g_assert_cmpstr (tend_account_list_get_status (list), ==, "active");
      g_assert_cmpuint (list_count (page), ==, total->accounts);
      g_assert_cmpfloat (list_scroll_position (page), ==, 0);

      if (total->segment == NULL)
        {
          g_assert_cmpstr (dropdown_text (segment), ==, "No Segment");
          saw_no_segment = TRUE;
        }
    }
  g_assert_true (saw_no_segment);

  /* The Active Accounts card opens them all; the status filter clears as any other. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-active", NULL));
  g_assert_cmpuint (list_count (page), ==, summary->active_accounts);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (status), 0);
  g_assert_null (tend_account_list_get_status (list));
  g_assert_cmpuint (list_count (page), ==, summary->total_accounts);

  close_window (window);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static gboolean
search_is_set (gpointer data)
{
  return tend_account_list_get_search (data) != NULL;
}

static void
test_accounts_search (Fixture       *fixture,
                      gconstpointer  data)
{
  TendWindow *window = open_window (fixture);
  TendAccountsPage *page = tend_window_get_accounts_page (window);
  TendAccountList *list = tend_accounts_page_get_list (page);
  g_autoptr(TendAccount) target = tend_account_load (fixture->store, 7, NULL);
  g_autofree char *name = g_strdup (tend_account_get_name (target));
  g_autoptr(TendAccount) first = NULL;
  guint notified = 0;

  tend_window_focus_search (window);
  g_assert_cmpstr (tend_window_get_visible_page (window), ==, "accounts");

  /* Typing a name one prefix at a time searches once, after the entry's short delay. */
  g_signal_connect (list, "notify::search", G_CALLBACK (count_notify_cb), &notified);
  for (glong i = 1; i <= g_utf8_strlen (name, -1); i++)
    {
      g_autofree char *prefix = g_utf8_substring (name, 0, i);

      tend_accounts_page_set_search (page, prefix);
    }
  wait_for (search_is_set, list);
  settle ();

  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (tend_account_list_get_search (list), ==, name);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >=, 1);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_nonnull (strstr (tend_account_get_name (first), name));

  g_signal_handlers_disconnect_by_func (list, count_notify_cb, &notified);
  close_window (window);
}

static void
test_accounts_sort (Fixture       *fixture,
                    gconstpointer  data)
{
  TendWindow *window = open_window (fixture);
  TendAccountsPage *page = tend_window_get_accounts_page (window);
  TendAccountList *list = tend_accounts_page_get_list (page);
  gint64 max_arr = query_int (fixture->store, "SELECT MAX(arr_minor) FROM accounts");
  gint64 min_arr = query_int (fixture->store, "SELECT MIN(arr_minor) FROM accounts");
  g_autoptr(TendAccount) top = NULL;
  g_autoptr(TendAccount) bottom = NULL;
  guint notified = 0;

  g_signal_connect (list, "notify::sort-key", G_CALLBACK (count_notify_cb), &notified);

  /* What a click on the ARR header does: the view's sorter changes, the model sorts. */
  g_assert_true (tend_accounts_page_sort_by (page, TEND_ACCOUNT_SORT_ARR, TRUE));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (tend_account_list_get_sort_key (list), ==, TEND_ACCOUNT_SORT_ARR);
  g_assert_true (tend_account_list_get_descending (list));
  top = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpint (tend_account_get_arr_minor (top), ==, max_arr);

  /* The second click on the same header turns the order. */
  g_assert_true (tend_accounts_page_sort_by (page, TEND_ACCOUNT_SORT_ARR, FALSE));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_false (tend_account_list_get_descending (list));
  bottom = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpint (tend_account_get_arr_minor (bottom), ==, min_arr);

  g_signal_handlers_disconnect_by_func (list, count_notify_cb, &notified);
  close_window (window);
}

static void
test_accounts_filter_band (Fixture       *fixture,
                           gconstpointer  data)
{
  static const struct {
    const char *band;
    const char *sql;
  } cases[] = {
    { "red", "SELECT COUNT(*) FROM accounts WHERE health_band = 'red'" },
    { "yellow", "SELECT COUNT(*) FROM accounts WHERE health_band = 'yellow'" },
    { "green", "SELECT COUNT(*) FROM accounts WHERE health_band = 'green'" },
    { "unscored", "SELECT COUNT(*) FROM accounts WHERE health_band IS NULL" },
  };
  TendWindow *window = open_window (fixture);
  TendAccountsPage *page = tend_window_get_accounts_page (window);
  TendAccountList *list = tend_accounts_page_get_list (page);
  guint notified = 0;
  guint total = 0;

  g_signal_connect (list, "notify::band", G_CALLBACK (count_notify_cb), &notified);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint n;

      tend_accounts_page_set_band (page, cases[i].band);
      g_assert_cmpuint (notified, ==, i + 1);
      g_assert_cmpstr (tend_account_list_get_band (list), ==, cases[i].band);

      n = g_list_model_get_n_items (G_LIST_MODEL (list));
      g_assert_cmpuint (n, ==, query_int (fixture->store, cases[i].sql));
      total += n;
    }

  /* The bands split the workspace, and choosing the band already shown changes nothing. */
  g_assert_cmpuint (total, ==, 60);
  tend_accounts_page_set_band (page, "unscored");
  g_assert_cmpuint (notified, ==, G_N_ELEMENTS (cases));

  tend_accounts_page_set_band (page, NULL);
  g_assert_cmpuint (notified, ==, G_N_ELEMENTS (cases) + 1);
  g_assert_null (tend_account_list_get_band (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 60);

  g_signal_handlers_disconnect_by_func (list, count_notify_cb, &notified);
  close_window (window);
}

static void
test_accounts_open (Fixture       *fixture,
                    gconstpointer  data)
{
  TendWindow *window = open_window (fixture);
  TendAccountsPage *page = tend_window_get_accounts_page (window);
  TendAccountList *list = tend_accounts_page_get_list (page);
  TendAccountPage *account_page = tend_window_get_account_page (window);
  g_autofree char *title = NULL;
  gint64 id;

  tend_window_show_accounts (window, NULL);
  tend_accounts_page_sort_by (page, TEND_ACCOUNT_SORT_HEALTH, FALSE);
  id = tend_account_list_get_id (list, 2);

  /* Enter or a double click on the third row. */
  g_signal_emit_by_name (tend_accounts_page_get_column_view (page), "activate", 2);

  g_assert_cmpstr (tend_window_get_visible_page (window), ==, "account");
  g_assert_cmpint (tend_account_get_id (tend_account_page_get_account (account_page)), ==, id);
  title = tend_ui_display_text (tend_account_get_name (tend_account_page_get_account (
                                   account_page)), TEND_UI_LABEL_CHARS);
  g_assert_cmpstr (tend_account_page_get_title (account_page), ==, title);

  tend_window_go_back (window);
  g_assert_cmpstr (tend_window_get_visible_page (window), ==, "accounts");

  close_window (window);
}

static void
store_result_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_accounts_export (Fixture       *fixture,
                      gconstpointer  data)
{
  TendWindow *window = open_window (fixture);
  TendAccountsPage *page = tend_window_get_accounts_page (window);
  TendAccountList *list = tend_accounts_page_get_list (page);
  g_autofree char *path = g_build_filename (fixture->dir, "export.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TendCsvReader) reader = NULL;
  g_autoptr(TendAccount) top = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_auto(GStrv) header = NULL;
  guint exported = 0;
  guint rows = 0;

  tend_accounts_page_set_band (page, "green");
  tend_accounts_page_sort_by (page, TEND_ACCOUNT_SORT_ARR, TRUE);
  top = g_list_model_get_item (G_LIST_MODEL (list), 0);

  /* The export runs on a worker: the list may change meanwhile without changing it. */
  tend_accounts_page_export_async (page, file, TRUE, NULL, store_result_cb, &result);
  tend_accounts_page_set_band (page, "red");
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (tend_accounts_page_export_finish (page, result, &exported, &error));
  g_assert_no_error (error);
  tend_accounts_page_set_band (page, "green");
  g_assert_cmpuint (exported, ==, g_list_model_get_n_items (G_LIST_MODEL (list)));

  /* The file holds the list as shown: filtered, in its order, with a BOM for Excel. */
  reader = tend_csv_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  header = tend_csv_reader_read_header (reader, &error);
  g_assert_no_error (error);
  g_assert_true (tend_csv_reader_get_had_bom (reader));
  g_assert_cmpstr (header[0], ==, "Name");
  while (tend_csv_reader_next (reader, &error))
    {
      if (rows == 0)
        g_assert_cmpstr (tend_csv_reader_get_field (reader, 0), ==, tend_account_get_name (top));
      rows++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, exported);

  g_clear_object (&reader);
  g_assert_cmpint (g_remove (path), ==, 0);
  close_window (window);
}

static gint64
count_for_account (TendStore  *store,
                   const char *sql,
                   gint64      id)
{
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, NULL);
  gint64 value;

  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

static gboolean
has_milestones (gpointer data)
{
  return tend_account_page_count_rows (data, "milestones") > 0;
}

static GtkLabel *find_label (GtkWidget  *widget,
                             const char *prefix);

static void
test_account_page (Fixture       *fixture,
                   gconstpointer  data)
{
  TendWindow *window = open_window (fixture);
  TendAccountPage *page = tend_window_get_account_page (window);
  gint64 id = query_int (fixture->store,
                         "SELECT account_id FROM tickets GROUP BY account_id "
                         "ORDER BY COUNT(*) DESC LIMIT 1");
  g_autoptr(TendHealthScore) score = tend_health_score_load_latest (fixture->store, id,
                                                                    G_MAXINT, NULL);
  g_autoptr(TendMilestone) milestone = tend_milestone_new (id);
  g_autoptr(GError) error = NULL;
  gint64 tickets, subscriptions, milestones;
  guint notified = 0;

  g_signal_connect (page, "notify::title", G_CALLBACK (count_notify_cb), &notified);
  tend_window_show_account (window, id);
  g_assert_cmpuint (notified, ==, 1);

  tickets = count_for_account (fixture->store,
                               "SELECT COUNT(*) FROM tickets WHERE account_id = ?1", id);
  subscriptions = count_for_account (fixture->store,
                                     "SELECT COUNT(*) FROM subscriptions WHERE account_id = ?1",
                                     id);
  milestones = count_for_account (fixture->store,
                                  "SELECT COUNT(*) FROM milestones WHERE account_id = ?1", id);

  g_assert_cmpuint (tend_account_page_count_rows (page, "tickets"), ==, MIN (tickets, 25));
  g_assert_cmpuint (tend_account_page_count_rows (page, "subscriptions"), ==, subscriptions);
  g_assert_cmpuint (tend_account_page_count_rows (page, "milestones"), ==, milestones);
  g_assert_cmpuint (tend_account_page_count_rows (page, "profile"), >=, 3);
  g_assert_cmpuint (tend_account_page_count_rows (page, "health"), ==,
                    score != NULL ? tend_health_score_get_n_parts (score) : 0);

  /* Each measure with data says what it read before its points. */
  g_assert_nonnull (score);
  for (guint i = 0; i < tend_health_score_get_n_parts (score); i++)
    {
      const TendScorePart *part = tend_health_score_get_part (score, i);
      g_autofree char *input = tend_ui_format_score_input (part);
      g_autofree char *prefix = NULL;

      if (part->missing)
        {
          g_assert_null (input);
          continue;
        }

      g_assert_nonnull (input);
      prefix = g_strdup_printf (FSI "%s · ", input);
      g_assert_nonnull (find_label (GTK_WIDGET (page), prefix));
    }

  /* A milestone added elsewhere shows up once the store says so. */
  if (milestones == 0)
    {
      tend_milestone_set_title (milestone, "Executive business review");
      tend_milestone_set_due_date (milestone, "2031-01-15");
      g_assert_true (tend_milestone_save (milestone, fixture->store, &error));
      g_assert_no_error (error);
      wait_for (has_milestones, page);
      g_assert_cmpuint (tend_account_page_count_rows (page, "milestones"), ==, 1);
    }

  g_signal_handlers_disconnect_by_func (page, count_notify_cb, &notified);
  close_window (window);
}

/* The first label under @widget whose text starts with @prefix. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *prefix)
{
  if (GTK_IS_LABEL (widget) &&
      g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, prefix);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static int
natural_width (GtkWidget *widget)
{
  int natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);

  return natural;
}

static gint64
rename_account (TendStore  *store,
                const char *name)
{
  sqlite3_stmt *stmt = tend_store_prepare (store, "UPDATE accounts SET name = ?1 WHERE id = "
                                                  "(SELECT MIN(id) FROM accounts) "
                                                  "RETURNING id", NULL);
  gint64 id;

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);

  return id;
}

/* The first label under @widget whose text holds @part. */
static GtkLabel *
find_label_containing (GtkWidget  *widget,
                       const char *part)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), part) != NULL)
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_containing (child, part);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* An ended or canceled subscription does not renew: it says when it ended, or ends. */
static void
test_account_subscription_dates (Fixture       *fixture,
                                 gconstpointer  data)
{
  static const struct {
    const char *product;
    const char *wording;
    const char *date;
  } cases[] = {
    { "Ended Past", "ended on %s", "2020-01-01" },
    { "Canceled End", "ended on %s", "2021-03-01" },
    { "Canceled Future", "ends on %s", "2099-01-01" },
    { "Active Renew", "renews on %s", "2099-02-01" },
  };
  sqlite3_stmt *stmt = tend_store_prepare (fixture->store,
    "INSERT INTO subscriptions (account_id, product, amount_minor, currency, renewal_date, "
    "                           end_date, status) VALUES "
    "(?1, 'Ended Past', 100, 'USD', '2020-01-01', NULL, 'ended'),"
    "(?1, 'Canceled End', 100, 'USD', '2030-01-01', '2021-03-01', 'canceled'),"
    "(?1, 'Canceled Future', 100, 'USD', '2099-01-01', NULL, 'canceled'),"
    "(?1, 'Active Renew', 100, 'USD', '2099-02-01', NULL, 'active')", NULL);
  gint64 id = query_int (fixture->store, "SELECT MIN(id) FROM accounts");
  TendWindow *window = NULL;
  TendAccountPage *page;

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);

  window = open_window (fixture);
  page = tend_window_get_account_page (window);
  tend_window_show_account (window, id);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *date = tend_ui_format_iso_date (cases[i].date);
      g_autofree char *wording = g_strdup_printf (cases[i].wording, date);
      GtkWidget *title = GTK_WIDGET (find_label_containing (GTK_WIDGET (page),
                                                           cases[i].product));
      GtkWidget *row;
      GtkLabel *subtitle;

      g_test_message ("%s", cases[i].product);
      g_assert_nonnull (title);
      row = gtk_widget_get_ancestor (title, ADW_TYPE_ACTION_ROW);
      g_assert_nonnull (row);
      subtitle = find_label_containing (row, wording);
      g_assert_nonnull (subtitle);
      g_assert_null (strstr (gtk_label_get_text (subtitle),
                             i < 3 ? "renews on" : "ended on"));
    }

  close_window (window);
}

static GtkWidget *
find_button_with_tooltip (GtkWidget  *widget,
                          const char *tooltip)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A new milestone is offered to the account's owner, not to no one. */
static void
test_add_milestone_owner (Fixture       *fixture,
                          gconstpointer  data)
{
  gint64 id = query_int (fixture->store,
                         "SELECT MIN(id) FROM accounts WHERE owner_id IS NOT NULL");
  g_autoptr(TendAccount) account = tend_account_load (fixture->store, id, NULL);
  TendWindow *window = open_window (fixture);
  TendAccountPage *page = tend_window_get_account_page (window);
  g_autoptr(GList) before = gtk_window_list_toplevels ();
  g_autoptr(GList) after = NULL;
  GtkWidget *editor = NULL;
  GtkWidget *add;
  AdwComboRow *owner;
  GtkStringObject *chosen;

  g_assert_nonnull (account);
  g_assert_nonnull (tend_account_get_owner_name (account));
  tend_window_show_account (window, id);

  add = find_button_with_tooltip (GTK_WIDGET (page), "Add Milestone");
  g_assert_nonnull (add);
  g_signal_emit_by_name (add, "clicked");
  settle ();

  after = gtk_window_list_toplevels ();
  for (GList *l = after; l != NULL; l = l->next)
    if (g_list_find (before, l->data) == NULL && l->data != (gpointer) window)
      editor = l->data;
  g_assert_nonnull (editor);

  /* The editor's only combo row is the owner's. */
  owner = (AdwComboRow *) tend_test_find_widget_of_type (editor, ADW_TYPE_COMBO_ROW);
  g_assert_nonnull (owner);
  chosen = adw_combo_row_get_selected_item (owner);
  g_assert_nonnull (chosen);
  g_assert_cmpstr (gtk_string_object_get_string (chosen), ==,
                   tend_account_get_owner_name (account));

  gtk_window_destroy (GTK_WINDOW (editor));
  close_window (window);
}

/* A name of a megabyte: the list's cell and the account page show a line's worth of it,
 * ellipsized, with more in the tooltip, and nothing asks for a megabyte's width. */
static void
test_huge_name (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GString) huge = g_string_new ("Huge ");
  TendWindow *window;
  TendAccountsPage *page;
  TendAccountPage *account_page;
  GtkLabel *label;
  gint64 id;

  for (guint i = 0; i < 1024 * 1024; i++)
    g_string_append_c (huge, 'W');
  id = rename_account (fixture->store, huge->str);

  window = open_window (fixture);
  page = tend_window_get_accounts_page (window);
  account_page = tend_window_get_account_page (window);
  tend_window_show_accounts (window, NULL);
  tend_account_list_set_search (tend_accounts_page_get_list (page), "Huge");
  g_assert_cmpuint (list_count (page), ==, 1);
  settle ();

  label = find_label (GTK_WIDGET (tend_accounts_page_get_column_view (page)), FSI "Huge");
  g_assert_nonnull (label);
  g_assert_cmpint (g_utf8_strlen (gtk_label_get_text (label), -1), ==, TEND_UI_LABEL_CHARS + 3);
  g_assert_true (g_str_has_suffix (gtk_label_get_text (label), "W…" PDI));
  g_assert_cmpint (gtk_label_get_ellipsize (label), ==, PANGO_ELLIPSIZE_END);
  g_assert_cmpint (g_utf8_strlen (tend_ui_label_get_whole_text (label), -1), ==,
                   TEND_UI_TOOLTIP_CHARS + 3);
  g_assert_cmpint (natural_width (GTK_WIDGET (label)), <, 10000);

  /* The page's title, the window's subtitle and the name at the top of the page. */
  tend_window_show_account (window, id);
  settle ();
  g_assert_cmpint (g_utf8_strlen (tend_account_page_get_title (account_page), -1), ==,
                   TEND_UI_LABEL_CHARS + 3);
  label = find_label (GTK_WIDGET (account_page), FSI "Huge");
  g_assert_nonnull (label);
  g_assert_cmpint (g_utf8_strlen (gtk_label_get_text (label), -1), ==, TEND_UI_LABEL_CHARS + 3);
  g_assert_cmpint (gtk_label_get_ellipsize (label), ==, PANGO_ELLIPSIZE_END);
  g_assert_cmpint (gtk_label_get_lines (label), ==, 2);
  g_assert_nonnull (tend_ui_label_get_whole_text (label));
  g_assert_cmpint (natural_width (GTK_WIDGET (account_page)), <, 20000);
  g_assert_cmpint (natural_width (GTK_WIDGET (window)), <, 20000);

  /* Narrow (the window's least width) or wide, the cut name lays out without complaint. */
  for (int width = 360; width <= 1400; width += 260)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), width, 600);
      settle ();
    }

  close_window (window);
}

/* A score is cut down, never rounded up past its band's cut-off: 39.6 is red, and shows 39. */
/* Changes carry their sign, a true minus for losses, and none when they round to 0. */
static void
test_format_change (void)
{
  static const struct {
    double      change;
    int         decimals;
    const char *text;
  } cases[] = {
    { 2.5, 1, "+2.5" },
    { -3, 1, "−3.0" },
    { 0, 1, "0.0" },
    { 0.04, 1, "0.0" },
    { -0.04, 1, "0.0" },
    { 0.05, 1, "+0.1" },
    { -12.345, 2, "−12.35" },
    { 7, 0, "+7" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = tend_ui_format_change (cases[i].change, cases[i].decimals);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_format_score (void)
{
  static const struct {
    double      score;
    const char *whole;
    const char *detail;
  } cases[] = {
    { -1, "—", "—" },
    { 0, "0", "0.0" },
    { 39.6, "39", "39.6" },
    { 39.96, "39", "39.9" },
    { 40, "40", "40.0" },
    { 39.9999999, "40", "40.0" },
    { 69.99, "69", "69.9" },
    { 100, "100", "100.0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *whole = tend_ui_format_score (cases[i].score);
      g_autofree char *detail = tend_ui_format_score_detail (cases[i].score);

      g_test_message ("score %g", cases[i].score);
      g_assert_cmpstr (whole, ==, cases[i].whole);
      g_assert_cmpstr (detail, ==, cases[i].detail);
    }
}

/* The app icon travels in the resource, where GtkApplication points the icon theme, so the
 * About window has it even when Tend runs from its build tree. */
static void
test_app_icon (void)
{
  static const char *const names[] = {
    "io.github.tendcs.Tend",
    "io.github.tendcs.Tend-symbolic",
  };
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  gtk_icon_theme_add_resource_path (theme, "/io/github/tendcs/Tend/icons");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_strdup_printf ("/io/github/tendcs/Tend/icons/scalable/apps/"
                                               "%s.svg", names[i]);
      g_autoptr(GtkIconPaintable) icon = NULL;
      gsize size = 0;

      g_assert_true (g_resources_get_info (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &size, NULL,
                                           NULL));
      g_assert_cmpuint (size, >, 0);
      g_assert_true (gtk_icon_theme_has_icon (theme, names[i]));

      /* Found, not GTK's "image-missing" stand-in. */
      icon = gtk_icon_theme_lookup_icon (theme, names[i], NULL, 128, 1,
                                         GTK_TEXT_DIR_NONE, 0);
      g_assert_cmpstr (gtk_icon_paintable_get_icon_name (icon), ==, names[i]);
    }
}

/* The Telco scorecard's measures read as words, not as the file's column names; those
 * labels are translatable, and a label the user typed is shown as typed. */
static void
test_builtin_measure_labels (void)
{
  static const char *const expected[] = {
    "Contract", "Tenure", "Internet service", "Online security", "Tech support",
    "Payment method", "Paperless billing", "Senior citizen",
  };
  g_autoptr(TendScorecard) telco = tend_scorecard_new_builtin (TEND_SCORECARD_TELCO);

  g_assert_nonnull (telco);
  g_assert_cmpuint (tend_scorecard_get_n_measures (telco), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      TendMeasure *measure = tend_scorecard_get_measure (telco, i);

      g_assert_cmpstr (tend_measure_get_label (measure), ==, expected[i]);
      /* In C.UTF-8 a translatable label reads as itself, and is the same string GTK
       * gets from the catalog's lookup. */
      g_assert_cmpstr (tend_ui_measure_label (expected[i]), ==,
                       g_dgettext (GETTEXT_PACKAGE, expected[i]));
    }

  g_assert_cmpstr (tend_ui_measure_label ("My own measure"), ==, "My own measure");
  g_assert_cmpstr (tend_ui_measure_label (NULL), ==, "");
}

/* A part of the breakdown says what its measure read, in its unit. */
static void
test_format_score_input (void)
{
  static const struct {
    const char *kind;
    const char *label;
    gboolean    missing;
    double      value;
    const char *text;
    const char *shown;
  } cases[] = {
    { "days_since_activity", "Days since last activity", FALSE, 12, NULL,
      "12 days since last activity" },
    { "days_since_activity", "Days since last activity", FALSE, 1, NULL,
      "1 day since last activity" },
    { "usage_trend", "Usage trend", FALSE, -23.04, NULL, "−23% usage trend" },
    { "usage_trend", "Usage trend", FALSE, 12.5, NULL, "+12.5% usage trend" },
    { "usage_trend", "Usage trend", FALSE, 0, NULL, "0% usage trend" },
    { "seat_utilization", "Active users against seats", FALSE, 64, NULL,
      "64% of seats in use" },
    { "satisfaction", "Satisfaction", FALSE, 4.24, NULL, "CSAT 4.2 of 5" },
    { "billing", "Billing health", FALSE, 2, NULL, "2 failed or late payments" },
    { "account_age", "Account age", FALSE, 1234, NULL, "1,234 months as a customer" },
    { "attribute:Contract", "Contract", FALSE, NAN, "Month-to-month",
      "Contract: Month-to-month" },
    { "attribute:tenure", "Tenure", FALSE, 12, NULL, "Tenure: 12" },
    { "satisfaction", "Satisfaction", TRUE, NAN, NULL, NULL },
    { "usage_trend", "Usage trend", FALSE, NAN, NULL, NULL },
  };

  /* The test runs in C.UTF-8, whose numbers have no grouping; English groups by three. */
  if (setlocale (LC_NUMERIC, "en_US.UTF-8") == NULL)
    setlocale (LC_NUMERIC, "C.UTF-8");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TendScorePart part = {
        .measure_id = (char *) cases[i].kind,
        .kind = (char *) cases[i].kind,
        .label = (char *) cases[i].label,
        .missing = cases[i].missing,
        .value = cases[i].value,
        .text = (char *) cases[i].text,
        .points = cases[i].missing ? NAN : 50,
        .weight = 1,
      };
      g_autofree char *shown = tend_ui_format_score_input (&part);
      g_autofree char *grouped = tend_number_format (1234, 0);

      g_test_message ("%s %g", cases[i].kind, cases[i].value);
      if (cases[i].value == 1234)
        {
          g_autofree char *expected = g_strdup_printf ("%s months as a customer", grouped);

          g_assert_cmpstr (shown, ==, expected);
        }
      else
        g_assert_cmpstr (shown, ==, cases[i].shown);
    }

  setlocale (LC_NUMERIC, "C.UTF-8");
}

/* Stored text shows isolated from what is around it, its letters in their stored order,
 * line breaks and tabs as spaces, cut short with an ellipsis. */
static void
test_display_text (void)
{
  static const struct {
    const char *text;
    guint       max_chars;
    const char *shown;
  } cases[] = {
    { NULL, 10, "" },
    { "", 10, "" },
    { RLO, 10, "" },
    { "Acme Corp", 10, FSI "Acme Corp" PDI },
    { "Acme Corp", 4, FSI "Acme…" PDI },
    { "Line\nbreak\tand tab", 40, FSI "Line break and tab" PDI },
    { "Carriage\r\nreturn", 40, FSI "Carriage  return" PDI },
    { "小林商事株式会社", 4, FSI "小林商事…" PDI },
    { "Bad \xff byte", 40, FSI "Bad \xef\xbf\xbd byte" PDI },
    /* Overrides and embeddings go; "Acme exe.txt" is not what the name says. */
    { "Acme " RLO "Corp txt.exe", 40, FSI "Acme Corp txt.exe" PDI },
    { "Inv " RLI "1 2 3" PDI, 40, FSI "Inv 1 2 3" PDI },
    { "\xe2\x80\xaa" "a" "\xe2\x80\xab" "b" "\xe2\x80\xac" "c" "\xe2\x80\xad" "d", 40,
      FSI "abcd" PDI },
    /* A stray pop cannot end the isolate early; an open one is closed. */
    { "a" PDI "b", 40, FSI "ab" PDI },
    { "a" FSI "b", 40, FSI "a" FSI "b" PDI PDI },
    { "a" FSI "bcd" PDI, 2, FSI "a" FSI "b…" PDI PDI },
    /* Display text made display text again keeps its parts' isolates. */
    { FSI "שלום" PDI " · " FSI "Acme" PDI, 40,
      FSI FSI "שלום" PDI " · " FSI "Acme" PDI PDI },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = tend_ui_display_text (cases[i].text, cases[i].max_chars);

      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

static AdwWindowTitle *
find_window_title (GtkWidget *widget)
{
  if (ADW_IS_WINDOW_TITLE (widget) && gtk_widget_get_mapped (widget))
    return ADW_WINDOW_TITLE (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwWindowTitle *found = find_window_title (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_bidi_control (const char *text)
{
  return strstr (text, RLO) != NULL || strstr (text, RLI) != NULL;
}

/* A name with a right-to-left override shows its letters in their stored order in the
 * list, on the account page and in the window's title, each isolated. */
static void
test_bidi_name (Fixture       *fixture,
                gconstpointer  data)
{
  const char *name = "Acme " RLO "Corp txt.exe";
  const char *shown = FSI "Acme Corp txt.exe" PDI;
  TendWindow *window;
  TendAccountsPage *page;
  TendAccountPage *account_page;
  GtkLabel *label;
  gint64 id;

  id = rename_account (fixture->store, name);
  g_assert_true (tend_store_exec (fixture->store, "UPDATE accounts SET domain = 'evil" RLO
                                                  "moc.example' WHERE id = "
                                                  "(SELECT MIN(id) FROM accounts)", NULL));

  window = open_window (fixture);
  page = tend_window_get_accounts_page (window);
  account_page = tend_window_get_account_page (window);
  tend_window_show_accounts (window, NULL);
  tend_account_list_set_search (tend_accounts_page_get_list (page), "Acme");
  g_assert_cmpuint (list_count (page), ==, 1);
  settle ();

  label = find_label (GTK_WIDGET (tend_accounts_page_get_column_view (page)), FSI "Acme");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (label), ==, shown);

  tend_window_show_account (window, id);
  settle ();
  g_assert_cmpstr (tend_account_page_get_title (account_page), ==, shown);
  label = find_label (GTK_WIDGET (account_page), FSI "Acme");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (label), ==, shown);

  /* The summary under the name: the domain too. */
  label = find_label (GTK_WIDGET (account_page), FSI FSI "evil");
  g_assert_nonnull (label);
  g_assert_false (has_bidi_control (gtk_label_get_text (label)));

  /* The header bar's title, which the page's title sets. */
  g_assert_cmpstr (adw_window_title_get_title (find_window_title (GTK_WIDGET (window))), ==,
                   shown);

  close_window (window);
}

static void
test_window_empty (Fixture       *fixture,
                   gconstpointer  data)
{
  TendWindow *window = open_window (fixture);

  g_assert_cmpstr (tend_window_get_visible_page (window), ==, "empty");

  /* Search and export have nothing to work on and say so without leaving the page. */
  tend_window_focus_search (window);
  g_assert_cmpstr (tend_window_get_visible_page (window), ==, "empty");

  close_window (window);
}

/* A damaged file and one from a newer Tend: each is refused with a page that says why. */
static void
write_damaged_file (const char *path)
{
  g_assert_true (g_file_set_contents (path, "This is not a database, only some text.\n"
                                      "It is long enough to fill a header of a page.\n"
                                      "0123456789012345678901234567890123456789\n",
                                      -1, NULL));
}

static void
write_newer_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  TendStore *store = tend_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (tend_store_exec (store, "PRAGMA user_version = 99", &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);
}

static void
test_window_error (void)
{
  const struct {
    void (*write) (const char *path);
    int code;
  } cases[] = {
    { write_damaged_file, TEND_STORE_ERROR_CORRUPT },
    { write_newer_file, TEND_STORE_ERROR_TOO_NEW },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("tend-ui-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "workspace.db", NULL);
      TendStore *store;
      TendWindow *window;

      cases[i].write (path);
      store = tend_store_open (path, &error);
      g_assert_null (store);
      g_assert_error (error, TEND_STORE_ERROR, cases[i].code);

      window = tend_window_new (NULL, NULL, error);
      g_object_ref (window);
      gtk_window_present (GTK_WINDOW (window));
      wait_for (widget_is_mapped, window);
      g_assert_cmpstr (tend_window_get_visible_page (window), ==, "error");
      close_window (window);

      remove_database_files (path);
      g_assert_cmpint (g_rmdir (dir), ==, 0);
    }
}

static void
test_column_sorter_state (void)
{
  GtkWidget *view = gtk_column_view_new (NULL);
  g_autoptr(GtkColumnViewColumn) name = gtk_column_view_column_new ("Name", NULL);
  g_autoptr(GtkColumnViewColumn) arr = gtk_column_view_column_new ("ARR", NULL);
  g_autoptr(TendColumnSorter) name_sorter = tend_column_sorter_new (TEND_ACCOUNT_SORT_NAME);
  g_autoptr(TendColumnSorter) arr_sorter = tend_column_sorter_new (TEND_ACCOUNT_SORT_ARR);
  TendAccountSortKey key = TEND_ACCOUNT_SORT_STATUS;
  gboolean descending = TRUE;

  g_object_ref_sink (view);
  gtk_column_view_column_set_sorter (name, GTK_SORTER (name_sorter));
  gtk_column_view_column_set_sorter (arr, GTK_SORTER (arr_sorter));
  gtk_column_view_append_column (GTK_COLUMN_VIEW (view), name);
  gtk_column_view_append_column (GTK_COLUMN_VIEW (view), arr);

  g_assert_false (tend_column_sorter_read_state (GTK_COLUMN_VIEW (view), &key, &descending));

  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), arr, GTK_SORT_DESCENDING);
  g_assert_true (tend_column_sorter_read_state (GTK_COLUMN_VIEW (view), &key, &descending));
  g_assert_cmpint (key, ==, TEND_ACCOUNT_SORT_ARR);
  g_assert_true (descending);

  /* The column sorted last is the primary one, whatever was sorted before it. */
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), name, GTK_SORT_ASCENDING);
  g_assert_true (tend_column_sorter_read_state (GTK_COLUMN_VIEW (view), &key, &descending));
  g_assert_cmpint (key, ==, TEND_ACCOUNT_SORT_NAME);
  g_assert_false (descending);

  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), NULL, GTK_SORT_ASCENDING);
  g_assert_false (tend_column_sorter_read_state (GTK_COLUMN_VIEW (view), &key, &descending));

  g_assert_finalize_object (view);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Without a display every test is skipped, saying why. */
  if (!tend_test_ui_init ("/ui/no-display"))
    return g_test_run ();
  g_setenv ("TEND_TODAY", "2026-06-15", TRUE);

  g_test_add_func ("/ui/column-sorter/state", test_column_sorter_state);
  g_test_add_func ("/ui/display-text", test_display_text);
  g_test_add_func ("/ui/format/score", test_format_score);
  g_test_add_func ("/ui/format/change", test_format_change);
  g_test_add_func ("/ui/app-icon", test_app_icon);
  g_test_add_func ("/ui/format/score-input", test_format_score_input);
  g_test_add_func ("/ui/format/builtin-measure-labels", test_builtin_measure_labels);
  g_test_add_func ("/ui/window/error", test_window_error);
  g_test_add ("/ui/window/empty", Fixture, NULL, fixture_set_up_empty, test_window_empty,
              fixture_tear_down);
  g_test_add ("/ui/window/pages", Fixture, NULL, fixture_set_up_sample, test_window_pages,
              fixture_tear_down);
  g_test_add ("/ui/dashboard/error", Fixture, NULL, fixture_set_up_sample,
              test_dashboard_error, fixture_tear_down);
  g_test_add ("/ui/dashboard/bars-open-their-accounts", Fixture, NULL, fixture_set_up_sample,
              test_dashboard_bars_open_their_accounts, fixture_tear_down);
  g_test_add ("/ui/accounts/search", Fixture, NULL, fixture_set_up_sample,
              test_accounts_search, fixture_tear_down);
  g_test_add ("/ui/accounts/sort", Fixture, NULL, fixture_set_up_sample, test_accounts_sort,
              fixture_tear_down);
  g_test_add ("/ui/accounts/filter-band", Fixture, NULL, fixture_set_up_sample,
              test_accounts_filter_band, fixture_tear_down);
  g_test_add ("/ui/accounts/open", Fixture, NULL, fixture_set_up_sample, test_accounts_open,
              fixture_tear_down);
  g_test_add ("/ui/accounts/export", Fixture, NULL, fixture_set_up_sample,
              test_accounts_export, fixture_tear_down);
  g_test_add ("/ui/account/page", Fixture, NULL, fixture_set_up_sample, test_account_page,
              fixture_tear_down);
  g_test_add ("/ui/account/subscription-dates", Fixture, NULL, fixture_set_up_sample,
              test_account_subscription_dates, fixture_tear_down);
  g_test_add ("/ui/account/add-milestone-owner", Fixture, NULL, fixture_set_up_sample,
              test_add_milestone_owner, fixture_tear_down);
  g_test_add ("/ui/account/huge-name", Fixture, NULL, fixture_set_up_sample, test_huge_name,
              fixture_tear_down);
  g_test_add ("/ui/account/bidi-name", Fixture, NULL, fixture_set_up_sample, test_bidi_name,
              fixture_tear_down);

  return g_test_run ();
}
