/* test-metrics.c: the portfolio KPIs on hand-built workspaces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendTest"

#include "reports/tend-portfolio-summary.h"
#include "store/tend-store.h"
#include "tend-test-workspace.h"

/* Every test pins today; the workspace below is built around it. */
#define TODAY "2026-06-30"

/* The temporary folder and store every test here works in. */
typedef TendTestWorkspace Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  tend_test_workspace_init (fixture, "tend-metrics", TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tend_test_workspace_clear (fixture);
}

static void
exec (Fixture    *fixture,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  tend_store_exec (fixture->store, sql, &error);
  g_assert_no_error (error);
}

/*
 * Today is 2026-06-30, so the churn window starts 2025-06-30 and renewals are due until
 * 2026-09-27 included. Active today: A, B, C, D (EUR), E (won in the window).
 * Cohort of 2025-06-30: A, B (no start date), C (started that very day), D, F, M; lost in
 * the window: F and M (churned today, so no longer active today).
 */
static const char portfolio_sql[] =
  "INSERT INTO accounts (id, name, status, start_date, churn_date, arr_minor, currency, "
  "                      segment, renewal_date, health_score, health_band) VALUES "
  " (1, 'A', 'active', '2024-01-01', NULL, 120000, 'USD', 'Enterprise', '2026-07-15', 30, 'red'),"
  " (2, 'B', 'active', NULL, NULL, 60000, 'USD', 'Enterprise', '2026-09-28', 55, 'yellow'),"
  " (3, 'C', 'active', '2025-06-30', NULL, 30000, 'USD', 'SMB', '2026-09-27', 80, 'green'),"
  " (4, 'D', 'active', '2025-01-01', NULL, 50000, 'EUR', 'SMB', '2026-07-01', 20, 'red'),"
  " (5, 'E', 'active', '2026-03-01', NULL, 10000, 'USD', NULL, '2026-06-29', NULL, NULL),"
  " (6, 'F', 'churned', '2023-05-01', '2026-02-01', 40000, 'USD', 'SMB', NULL, 15, 'red'),"
  " (7, 'G', 'churned', '2022-01-01', '2025-03-01', 40000, 'USD', 'SMB', NULL, NULL, NULL),"
  " (8, 'G2', 'churned', '2022-01-01', '2025-06-30', 40000, 'USD', 'SMB', NULL, NULL, NULL),"
  " (9, 'H', 'churned', '2022-01-01', NULL, 40000, 'USD', 'SMB', NULL, NULL, NULL),"
  " (10, 'I', 'trial', '2026-06-01', NULL, 0, 'USD', 'SMB', NULL, NULL, NULL),"
  " (11, 'J', 'churned', '2026-01-15', '2026-05-01', 40000, 'USD', 'SMB', NULL, NULL, NULL),"
  " (12, 'K', 'active', '2026-08-01', NULL, 40000, 'USD', 'SMB', '2026-08-01', 90, 'green'),"
  " (13, 'L', 'paused', '2022-01-01', NULL, 40000, 'USD', 'SMB', NULL, NULL, NULL),"
  " (14, 'M', 'churned', '2020-01-01', '2026-06-30', 0, 'USD', 'SMB', NULL, NULL, NULL);";

/*
 * Subscriptions for retention, window 2025-06-30 .. 2026-06-30, in USD:
 * A 10000/month all along (120000 -> 120000) plus a yearly 24000 from 2026-01-01:
 *   expansion 24000. B 2 x 5000/month ended 2026-03-01 and replaced by 2 x 2500/month:
 *   120000 -> 60000, contraction 60000. F 10000/quarter, account churned 2026-02-01:
 *   40000 -> 0, churn 40000. E started in the window; C's trial, C's canceled plan without an
 *   end date, A's one-time fee and D's euros are left out.
 */
static const char subscriptions_sql[] =
  "INSERT INTO subscriptions (account_id, product, amount_minor, currency, billing_interval,"
  "                           quantity, start_date, end_date, status) VALUES "
  " (1, 'Core', 10000, 'USD', 'month', 1, '2024-01-01', NULL, 'active'),"
  " (1, 'Addon', 24000, 'USD', 'year', 1, '2026-01-01', NULL, 'active'),"
  " (1, 'Setup', 99999, 'USD', 'one_time', 1, '2025-01-01', NULL, 'active'),"
  " (2, 'Core', 5000, 'USD', 'month', 2, '2025-01-01', '2026-03-01', 'ended'),"
  " (2, 'Lite', 2500, 'USD', 'month', 2, '2026-03-01', NULL, 'active'),"
  " (3, 'Core', 8000, 'USD', 'month', 1, '2024-01-01', NULL, 'trialing'),"
  " (3, 'Old', 7000, 'USD', 'month', 1, '2024-01-01', NULL, 'canceled'),"
  " (4, 'Core', 9000, 'EUR', 'month', 1, '2024-01-01', NULL, 'active'),"
  " (5, 'Core', 1000, 'USD', 'month', 1, '2026-03-01', NULL, 'active'),"
  " (6, 'Core', 10000, 'USD', 'quarter', 1, '2023-05-01', NULL, 'active');";

static void
build_portfolio (Fixture *fixture)
{
  exec (fixture, portfolio_sql);
  exec (fixture, subscriptions_sql);
}

static TendPortfolioSummary *
compute (Fixture    *fixture,
         const char *day)
{
  g_autoptr(GError) error = NULL;
  TendPortfolioSummary *summary;

  summary = tend_portfolio_summary_compute (fixture->store, tend_day_from_iso (day), &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);

  return summary;
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(TendPortfolioSummary) summary = compute (fixture, TODAY);

  g_assert_cmpuint (summary->total_accounts, ==, 0);
  g_assert_cmpuint (summary->active_accounts, ==, 0);
  g_assert_cmpstr (summary->currency, ==, "USD");
  g_assert_cmpint (summary->arr_minor, ==, 0);
  g_assert_cmpuint (summary->by_currency->len, ==, 0);
  g_assert_cmpuint (summary->scored_accounts, ==, 0);
  g_assert_cmpfloat (summary->average_health, ==, 0.0);
  g_assert_cmpuint (summary->at_risk_accounts, ==, 0);
  g_assert_cmpuint (summary->churn_cohort, ==, 0);
  g_assert_false (summary->has_logo_churn_rate);
  g_assert_cmpfloat (summary->logo_churn_rate, ==, 0.0);
  g_assert_cmpuint (summary->renewals_due, ==, 0);
  g_assert_cmpuint (summary->by_segment->len, ==, 0);
  g_assert_false (summary->has_retention);
  g_assert_cmpfloat (summary->grr, ==, 0.0);

  for (int band = 0; band < TEND_PORTFOLIO_N_BANDS; band++)
    g_assert_cmpuint (summary->band_accounts[band], ==, 0);
}

static void
test_empty_json (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TendPortfolioSummary) summary = compute (fixture, TODAY);
  g_autoptr(JsonNode) node = tend_portfolio_summary_to_json (summary);
  JsonObject *root = json_node_get_object (node);

  g_assert_cmpstr (json_object_get_string_member (root, "as_of"), ==, TODAY);
  g_assert_true (json_object_get_null_member (root, "average_health"));
  g_assert_true (json_object_get_null_member (json_object_get_object_member (root, "logo_churn"),
                                              "rate"));
  g_assert_true (json_object_get_null_member (json_object_get_object_member (root, "retention"),
                                              "nrr"));
  g_assert_cmpint (json_object_get_int_member (root, "arr_minor"), ==, 0);
}

static void
test_accounts (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(TendPortfolioSummary) summary = NULL;
  TendCurrencyTotal *usd, *eur;

  build_portfolio (fixture);
  summary = compute (fixture, TODAY);

  /* K starts after the day, so it is no customer yet: the statuses add up to the total. */
  g_assert_cmpuint (summary->total_accounts, ==, 13);
  g_assert_cmpuint (summary->churned_accounts, ==, 6);
  g_assert_cmpuint (summary->undated_churned, ==, 1);
  g_assert_cmpuint (summary->trial_accounts, ==, 1);
  g_assert_cmpuint (summary->paused_accounts, ==, 1);
  g_assert_cmpuint (summary->active_accounts, ==, 5);

  /* As of an earlier day, the accounts of that day with their statuses then: F and M
   * churned later and were active, E, I, J and K had not started, and the counts add up. */
  g_clear_pointer (&summary, tend_portfolio_summary_unref);
  summary = compute (fixture, "2026-01-01");
  g_assert_cmpuint (summary->total_accounts, ==, 10);
  g_assert_cmpuint (summary->churned_accounts, ==, 3);
  g_assert_cmpuint (summary->trial_accounts, ==, 0);
  g_assert_cmpuint (summary->paused_accounts, ==, 1);
  g_assert_cmpuint (summary->active_accounts, ==, 6);
  g_clear_pointer (&summary, tend_portfolio_summary_unref);
  summary = compute (fixture, TODAY);

  /* Four of the five active accounts bill in dollars, so USD is the main currency and the
   * euro account's ARR is never added to it. */
  g_assert_cmpstr (summary->currency, ==, "USD");
  g_assert_cmpint (summary->arr_minor, ==, 220000);
  g_assert_cmpuint (summary->by_currency->len, ==, 2);
  usd = summary->by_currency->pdata[0];
  eur = summary->by_currency->pdata[1];
  g_assert_cmpstr (usd->currency, ==, "USD");
  g_assert_cmpuint (usd->accounts, ==, 4);
  g_assert_cmpint (usd->arr_minor, ==, 220000);
  g_assert_cmpstr (eur->currency, ==, "EUR");
  g_assert_cmpuint (eur->accounts, ==, 1);
  g_assert_cmpint (eur->arr_minor, ==, 50000);
}

static void
test_health (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(TendPortfolioSummary) summary = NULL;
  static const guint accounts[] = { 2, 1, 1, 1 };
  static const gint64 arr[] = { 120000, 60000, 30000, 10000 };

  build_portfolio (fixture);
  summary = compute (fixture, TODAY);

  /* (30 + 55 + 80 + 20) / 4; E is unscored and left out. */
  g_assert_cmpuint (summary->scored_accounts, ==, 4);
  g_assert_cmpfloat (summary->average_health, ==, 46.25);

  g_assert_cmpuint (summary->at_risk_accounts, ==, 2);
  g_assert_cmpint (summary->at_risk_arr_minor, ==, 120000);

  for (int band = 0; band < TEND_PORTFOLIO_N_BANDS; band++)
    {
      g_assert_cmpuint (summary->band_accounts[band], ==, accounts[band]);
      g_assert_cmpint (summary->band_arr_minor[band], ==, arr[band]);
    }
}

static void
test_segments (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(TendPortfolioSummary) summary = NULL;
  static const struct { const char *segment; guint accounts; gint64 arr; } expected[] = {
    { "Enterprise", 2, 180000 },
    { "SMB", 2, 30000 },
    { NULL, 1, 10000 },
  };

  build_portfolio (fixture);
  summary = compute (fixture, TODAY);

  g_assert_cmpuint (summary->by_segment->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      TendSegmentTotal *total = summary->by_segment->pdata[i];

      g_assert_cmpstr (total->segment, ==, expected[i].segment);
      g_assert_cmpuint (total->accounts, ==, expected[i].accounts);
      g_assert_cmpint (total->arr_minor, ==, expected[i].arr);
    }
}

static void
test_logo_churn (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TendPortfolioSummary) summary = NULL;

  build_portfolio (fixture);
  summary = compute (fixture, TODAY);

  g_assert_cmpint (summary->window_start, ==, tend_day_from_iso ("2025-06-30"));
  g_assert_cmpuint (summary->churn_cohort, ==, 6);
  g_assert_cmpuint (summary->churn_lost, ==, 2);
  g_assert_true (summary->has_logo_churn_rate);
  g_assert_cmpfloat (summary->logo_churn_rate, ==, 2.0 / 6.0);
}

static void
test_renewals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(TendPortfolioSummary) summary = NULL;

  build_portfolio (fixture);
  summary = compute (fixture, TODAY);

  /* A (07-15), C (09-27, the 90th day) and D (in euros); B on 09-28 is a day too late and
   * E's renewal has passed. */
  g_assert_cmpint (summary->renewals_until, ==, tend_day_from_iso ("2026-09-28"));
  g_assert_cmpuint (summary->renewals_due, ==, 3);
  g_assert_cmpint (summary->renewals_due_arr_minor, ==, 150000);
}

static void
test_retention (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(TendPortfolioSummary) summary = NULL;

  build_portfolio (fixture);
  summary = compute (fixture, TODAY);

  g_assert_cmpuint (summary->retention_cohort, ==, 3);
  g_assert_cmpint (summary->retention_start_minor, ==, 280000);
  g_assert_cmpint (summary->retention_churn_minor, ==, 40000);
  g_assert_cmpint (summary->retention_contraction_minor, ==, 60000);
  g_assert_cmpint (summary->retention_expansion_minor, ==, 24000);
  g_assert_true (summary->has_retention);
  g_assert_cmpfloat (summary->grr, ==, 180000.0 / 280000.0);
  g_assert_cmpfloat (summary->nrr, ==, 204000.0 / 280000.0);
}

static void
test_retention_without_subscriptions (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(TendPortfolioSummary) summary = NULL;

  exec (fixture, portfolio_sql);
  summary = compute (fixture, TODAY);

  g_assert_cmpuint (summary->retention_cohort, ==, 0);
  g_assert_false (summary->has_retention);
  g_assert_cmpuint (summary->active_accounts, ==, 5);
}

static void
add_history (Fixture *fixture)
{
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("INSERT INTO health_scores (account_id, day, score, band) VALUES "
                         " (1, %d, 90, 'green'), (1, %d, 10, 'red'), (2, %d, 35, 'red'),"
                         " (6, %d, 60, 'yellow')",
                         tend_day_from_iso ("2026-05-01"), tend_day_from_iso ("2026-06-15"),
                         tend_day_from_iso ("2026-05-01"), tend_day_from_iso ("2025-12-01"));
  exec (fixture, sql);
}

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(TendPortfolioSummary) summary = NULL;

  build_portfolio (fixture);
  add_history (fixture);
  summary = compute (fixture, "2026-06-01");

  /* On 2026-06-01 M (churned 06-30) was still active, J (churned 05-01) was not. Scores come
   * from the history on or before that day: A 90 (its 06-15 score is later), B 35. */
  g_assert_cmpuint (summary->active_accounts, ==, 6);
  g_assert_cmpuint (summary->scored_accounts, ==, 2);
  g_assert_cmpfloat (summary->average_health, ==, 62.5);
  g_assert_cmpuint (summary->band_accounts[TEND_PORTFOLIO_BAND_RED], ==, 1);
  g_assert_cmpint (summary->band_arr_minor[TEND_PORTFOLIO_BAND_RED], ==, 60000);
  g_assert_cmpuint (summary->band_accounts[TEND_PORTFOLIO_BAND_GREEN], ==, 1);
  g_assert_cmpuint (summary->band_accounts[TEND_PORTFOLIO_BAND_YELLOW], ==, 0);
  g_assert_cmpuint (summary->band_accounts[TEND_PORTFOLIO_BAND_UNSCORED], ==, 4);
  g_assert_cmpuint (summary->at_risk_accounts, ==, 1);

  /* The cohort of 2025-06-01 is A, B, D, F, G2 and M (C started later); F and G2 churned
   * in the window, M only after 2026-06-01. */
  g_assert_cmpuint (summary->churn_cohort, ==, 6);
  g_assert_cmpuint (summary->churn_lost, ==, 2);
}

static void
test_series (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) series = NULL;
  TendHealthPoint *first, *second;

  g_autofree char *gone = NULL;

  build_portfolio (fixture);
  add_history (fixture);

  /* Scores of accounts that were no active customers on their day do not count, as the
   * summary does not count them: J's on its churn day, I's in its trial. M's, two weeks
   * before it churned, does. */
  gone = g_strdup_printf ("INSERT INTO health_scores (account_id, day, score, band) VALUES "
                          " (11, %d, 5, 'red'), (10, %d, 99, 'green'), (14, %d, 50, 'yellow')",
                          tend_day_from_iso ("2026-05-01"), tend_day_from_iso ("2026-06-15"),
                          tend_day_from_iso ("2026-06-15"));
  exec (fixture, gone);

  series = tend_portfolio_health_series (fixture->store, tend_day_from_iso ("2026-01-01"),
                                         tend_day_from_iso (TODAY), &error);
  g_assert_no_error (error);

  /* F's score of 2025-12-01 is before the range. */
  g_assert_cmpuint (series->len, ==, 2);
  first = &g_array_index (series, TendHealthPoint, 0);
  second = &g_array_index (series, TendHealthPoint, 1);

  g_assert_cmpint (first->day, ==, tend_day_from_iso ("2026-05-01"));
  g_assert_cmpfloat (first->average, ==, 62.5);
  g_assert_cmpuint (first->accounts, ==, 2);
  g_assert_cmpuint (first->bands[TEND_PORTFOLIO_BAND_RED], ==, 1);
  g_assert_cmpuint (first->bands[TEND_PORTFOLIO_BAND_YELLOW], ==, 0);
  g_assert_cmpuint (first->bands[TEND_PORTFOLIO_BAND_GREEN], ==, 1);

  g_assert_cmpint (second->day, ==, tend_day_from_iso ("2026-06-15"));
  g_assert_cmpfloat (second->average, ==, 30.0);
  g_assert_cmpuint (second->accounts, ==, 2);
  g_assert_cmpuint (second->bands[TEND_PORTFOLIO_BAND_RED], ==, 1);
  g_assert_cmpuint (second->bands[TEND_PORTFOLIO_BAND_YELLOW], ==, 1);
  g_assert_cmpuint (second->bands[TEND_PORTFOLIO_BAND_GREEN], ==, 0);
}

static void
test_series_empty (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) series = NULL;

  series = tend_portfolio_health_series (fixture->store, 0, tend_day_from_iso (TODAY), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (series->len, ==, 0);
}

static void
test_json (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(TendPortfolioSummary) summary = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *root, *accounts, *churn, *bands, *retention;
  JsonArray *segments;

  build_portfolio (fixture);
  summary = compute (fixture, TODAY);
  node = tend_portfolio_summary_to_json (summary);
  root = json_node_get_object (node);
  accounts = json_object_get_object_member (root, "accounts");
  churn = json_object_get_object_member (root, "logo_churn");
  bands = json_object_get_object_member (root, "bands");
  retention = json_object_get_object_member (root, "retention");
  segments = json_object_get_array_member (root, "segments");

  g_assert_cmpstr (json_object_get_string_member (root, "currency"), ==, "USD");
  g_assert_cmpint (json_object_get_int_member (accounts, "total"), ==, 13);
  g_assert_cmpint (json_object_get_int_member (accounts, "active"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (root, "arr_minor"), ==, 220000);
  g_assert_cmpfloat (json_object_get_double_member (root, "average_health"), ==, 46.25);
  g_assert_cmpstr (json_object_get_string_member (churn, "window_start"), ==, "2025-06-30");
  g_assert_cmpfloat (json_object_get_double_member (churn, "rate"), ==, 2.0 / 6.0);
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (bands, "unscored"), "arr_minor"), ==, 10000);
  g_assert_cmpint (json_object_get_int_member (retention, "expansion_minor"), ==, 24000);
  g_assert_true (json_node_is_null (json_object_get_member (
                   json_array_get_object_element (segments, 2), "segment")));
}

/* Expects the summary to fail with an overflow that names the workspace and @largest. */
static void
assert_overflow (Fixture    *fixture,
                 const char *largest)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendPortfolioSummary) summary = NULL;
  g_autofree char *message = NULL;

  summary = tend_portfolio_summary_compute (fixture->store, tend_day_from_iso (TODAY), &error);
  g_assert_null (summary);
  g_assert_error (error, TEND_PORTFOLIO_ERROR, TEND_PORTFOLIO_ERROR_OVERFLOW);

  message = g_strdup_printf ("The amounts in %s add up to more than Tend can count, so the "
                             "portfolio figures cannot be computed. The largest is %s: "
                             "correct it, and any other amount that size, then import again.",
                             tend_store_get_path (fixture->store), largest);
  g_assert_cmpstr (error->message, ==, message);
}

/* Two ARRs near the integer maximum, as an import could store them before the money
 * parser had a limit: a clear error, not SQLite's bare "integer overflow". */
static void
test_overflow_arr (Fixture       *fixture,
                   gconstpointer  data)
{
  exec (fixture, "INSERT INTO accounts (id, name, status, arr_minor, currency) VALUES "
                 " (1, 'Huge', 'active', 9223372036854775807, 'USD'),"
                 " (2, 'Big', 'active', 9223372036854775000, 'USD'),"
                 " (3, 'Tiny', 'active', -9223372036854775807, 'EUR');");

  assert_overflow (fixture, "“Huge”, with $92,233,720,368,547,758.07");
}

/* Amounts below zero overflow the other way, and are caught the same. */
static void
test_overflow_negative (Fixture       *fixture,
                        gconstpointer  data)
{
  exec (fixture, "INSERT INTO accounts (id, name, status, arr_minor, currency, health_score,"
                 "                      health_band) VALUES "
                 " (1, 'Owed', 'active', -9223372036854775807, 'USD', 10, 'red'),"
                 " (2, 'Owed too', 'active', -9000000000000000000, 'USD', 20, 'red');");

  assert_overflow (fixture, "“Owed”, with -$92,233,720,368,547,758.07");
}

/* A subscription whose ARR (amount x quantity x 12) no longer fits. */
static void
test_overflow_retention (Fixture       *fixture,
                         gconstpointer  data)
{
  exec (fixture, "INSERT INTO accounts (id, name, status, start_date, arr_minor, currency) "
                 "VALUES (1, 'Plan', 'active', '2024-01-01', 100, 'USD');"
                 "INSERT INTO subscriptions (account_id, product, amount_minor, currency, "
                 "  billing_interval, quantity, start_date, status) VALUES "
                 " (1, 'Core', 1000000000000000000, 'USD', 'month', 1, '2024-01-01', 'active');");

  assert_overflow (fixture, "“Plan”, with $10,000,000,000,000,000.00");
}

/* Amounts at the money parser's limit add up exactly. */
static void
test_largest_amounts (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(TendPortfolioSummary) summary = NULL;

  exec (fixture, "INSERT INTO accounts (id, name, status, start_date, arr_minor, currency,"
                 "                      health_score, health_band) VALUES "
                 " (1, 'A', 'active', '2024-01-01', 10000000000000, 'USD', 10, 'red'),"
                 " (2, 'B', 'active', '2024-01-01', 10000000000000, 'USD', 10, 'red');"
                 "INSERT INTO subscriptions (account_id, product, amount_minor, currency, "
                 "  billing_interval, quantity, start_date, status) VALUES "
                 " (1, 'Core', 10000000000000, 'USD', 'month', 3, '2024-01-01', 'active'),"
                 " (1, 'Plus', 10000000000000, 'USD', 'year', 1, '2024-01-01', 'active');");

  summary = compute (fixture, TODAY);
  g_assert_cmpint (summary->arr_minor, ==, G_GINT64_CONSTANT (20000000000000));
  g_assert_cmpint (summary->at_risk_arr_minor, ==, G_GINT64_CONSTANT (20000000000000));
  g_assert_cmpint (summary->band_arr_minor[TEND_PORTFOLIO_BAND_RED], ==,
                   G_GINT64_CONSTANT (20000000000000));
  g_assert_cmpint (summary->retention_start_minor, ==, G_GINT64_CONSTANT (370000000000000));
  g_assert_cmpfloat (summary->nrr, ==, 1.0);
}

static void
test_bands_round_trip (void)
{
  for (int band = 0; band < TEND_PORTFOLIO_N_BANDS; band++)
    g_assert_cmpint (tend_portfolio_band_from_string (tend_portfolio_band_to_string (band)),
                     ==, band);

  g_assert_cmpint (tend_portfolio_band_from_string (NULL), ==, TEND_PORTFOLIO_BAND_UNSCORED);
  g_assert_cmpint (tend_portfolio_band_from_string ("purple"), ==, TEND_PORTFOLIO_BAND_UNSCORED);
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TEND_TODAY", TODAY, TRUE);
  g_test_init (&argc, &argv, NULL);

  ADD_TEST ("/metrics/summary/empty", test_empty);
  ADD_TEST ("/metrics/summary/empty-json", test_empty_json);
  ADD_TEST ("/metrics/summary/accounts", test_accounts);
  ADD_TEST ("/metrics/summary/health", test_health);
  ADD_TEST ("/metrics/summary/segments", test_segments);
  ADD_TEST ("/metrics/summary/logo-churn", test_logo_churn);
  ADD_TEST ("/metrics/summary/renewals", test_renewals);
  ADD_TEST ("/metrics/summary/retention", test_retention);
  ADD_TEST ("/metrics/summary/retention-without-subscriptions",
            test_retention_without_subscriptions);
  ADD_TEST ("/metrics/summary/history", test_history);
  ADD_TEST ("/metrics/summary/json", test_json);
  ADD_TEST ("/metrics/summary/overflow/arr", test_overflow_arr);
  ADD_TEST ("/metrics/summary/overflow/negative", test_overflow_negative);
  ADD_TEST ("/metrics/summary/overflow/retention", test_overflow_retention);
  ADD_TEST ("/metrics/summary/largest-amounts", test_largest_amounts);
  ADD_TEST ("/metrics/series/days", test_series);
  ADD_TEST ("/metrics/series/empty", test_series_empty);
  g_test_add_func ("/metrics/bands/round-trip", test_bands_round_trip);

  return g_test_run ();
}
