/* test-score-keeper.c: today's scores follow the data without being asked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>

#include "model/tend-milestone.h"
#include "scoring/tend-score-keeper.h"
#include "scoring/tend-scorecard.h"
#include "scoring/tend-scorer.h"
#include "util/tend-date.h"
#include "tend-test-workspace.h"

/* The temporary folder and store every test here works in. */
typedef TendTestWorkspace Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_setenv ("TEND_TODAY", "2026-12-04", TRUE);

  tend_test_workspace_init (fixture, "tend-keeper", TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tend_test_workspace_clear (fixture);
}

static double
current_score (TendStore *store)
{
  sqlite3_stmt *stmt = tend_store_prepare (store,
                                           "SELECT health_score FROM accounts WHERE id = 1",
                                           NULL);
  double score;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  score = sqlite3_column_type (stmt, 0) == SQLITE_NULL ? -1.0 : sqlite3_column_double (stmt, 0);
  sqlite3_reset (stmt);

  return score;
}

static gint64
count_rows (TendStore  *store,
            const char *sql)
{
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, NULL);
  gint64 count;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

static void
wait_for_runs (TendScoreKeeper *keeper,
               guint            runs)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (tend_score_keeper_get_n_runs (keeper) < runs || tend_score_keeper_get_busy (keeper))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Waits longer than a keeper's delay, and checks that it did not rescore. */
static void
assert_no_run (TendScoreKeeper *keeper)
{
  gint64 until = g_get_monotonic_time () + 800 * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);

  g_assert_false (tend_score_keeper_get_busy (keeper));
  g_assert_cmpuint (tend_score_keeper_get_n_runs (keeper), ==, 0);
}

/* One account scored on its age and on overdue milestones, weighted alike: with no
 * milestone at all the second is missing and the age alone counts; two overdue are 0
 * points, one is 50. */
static void
make_workspace (TendStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendScorecard) scorecard = tend_scorecard_new ("Plans only");
  g_autoptr(TendMeasure) measure = tend_measure_new ("overdue", TEND_MEASURE_OVERDUE_MILESTONES,
                                                     NULL);
  g_autoptr(TendMeasure) age = tend_measure_new ("age", TEND_MEASURE_ACCOUNT_AGE, NULL);

  tend_measure_set_rule_type (measure, TEND_RULE_THRESHOLDS);
  tend_measure_set_higher_is_better (measure, FALSE);
  tend_measure_set_good (measure, 0);
  tend_measure_set_poor (measure, 2);
  tend_scorecard_add_measure (scorecard, measure);
  tend_scorecard_add_measure (scorecard, age);
  tend_scorecard_save (scorecard, store, &error);
  g_assert_no_error (error);
  tend_scorecard_activate (scorecard, store, &error);
  g_assert_no_error (error);

  tend_store_exec (store,
                   "INSERT INTO accounts (id, name, start_date) VALUES (1, 'Acme', '2025-01-01')",
                   &error);
  g_assert_no_error (error);
  tend_scorer_recompute (store, NULL, tend_day_today (), NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_keeper_milestones (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendScoreKeeper) keeper = NULL;
  g_autoptr(TendMilestone) first = tend_milestone_new (1);
  g_autoptr(TendMilestone) second = tend_milestone_new (1);

  double age_points;

  make_workspace (fixture->store);
  age_points = current_score (fixture->store);
  g_assert_cmpfloat (age_points, >, 50.0);

  keeper = tend_score_keeper_new (fixture->store);
  tend_score_keeper_set_delay (keeper, 10);

  /* Two overdue milestones saved in a burst cost one rescore. */
  tend_milestone_set_title (first, "Kick-off");
  tend_milestone_set_due_date (first, "2026-11-01");
  tend_milestone_save (first, fixture->store, &error);
  g_assert_no_error (error);
  tend_milestone_set_title (second, "Training");
  tend_milestone_set_due_date (second, "2026-11-15");
  tend_milestone_save (second, fixture->store, &error);
  g_assert_no_error (error);

  wait_for_runs (keeper, 1);
  g_assert_cmpuint (tend_score_keeper_get_n_runs (keeper), ==, 1);
  g_assert_cmpfloat_with_epsilon (current_score (fixture->store), age_points / 2, 1e-9);

  tend_milestone_complete (first, fixture->store, &error);
  g_assert_no_error (error);
  wait_for_runs (keeper, 2);
  g_assert_cmpfloat_with_epsilon (current_score (fixture->store), (age_points + 50) / 2, 1e-9);

  g_clear_object (&keeper);
}

/* The keeper's own output, and scorecard edits that rescore by themselves, start
 * nothing. */
static void
test_keeper_ignores_scores (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(TendScoreKeeper) keeper = NULL;

  make_workspace (fixture->store);
  keeper = tend_score_keeper_new (fixture->store);
  tend_score_keeper_set_delay (keeper, 10);

  tend_store_emit_changed (fixture->store, "scores");
  tend_store_emit_changed (fixture->store, "scorecards");

  assert_no_run (keeper);
}

/* A keeper that starts on a workspace whose scores are behind rescores it once: when an
 * account changed after the last rescore (the process that imported it ended first),
 * and when the last scores are from an earlier day. */
static void
test_keeper_stale_at_start (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendScoreKeeper) keeper = NULL;

  make_workspace (fixture->store);
  keeper = tend_score_keeper_new (fixture->store);
  assert_no_run (keeper);
  g_clear_object (&keeper);

  tend_store_exec (fixture->store,
                   "UPDATE settings SET value = value - 10 WHERE key = 'scores-computed-at';"
                   "INSERT INTO accounts (id, name, start_date) VALUES (2, 'Imported',"
                   " '2025-06-01')", &error);
  g_assert_no_error (error);
  keeper = tend_score_keeper_new (fixture->store);
  wait_for_runs (keeper, 1);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count(*) FROM accounts WHERE id = 2"
                                               " AND health_score IS NOT NULL"),
                   ==, 1);
  g_clear_object (&keeper);

  g_setenv ("TEND_TODAY", "2026-12-05", TRUE);
  keeper = tend_score_keeper_new (fixture->store);
  wait_for_runs (keeper, 1);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count(*) FROM health_scores"
                                               " WHERE day = unixepoch ('2026-12-05') / 86400"),
                   ==, 2);
  g_clear_object (&keeper);

  /* Scored through today, with nothing changed since: nothing to do. */
  keeper = tend_score_keeper_new (fixture->store);
  assert_no_run (keeper);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/score-keeper/milestones", Fixture, NULL,
              fixture_set_up, test_keeper_milestones, fixture_tear_down);
  g_test_add ("/score-keeper/stale-at-start", Fixture, NULL,
              fixture_set_up, test_keeper_stale_at_start, fixture_tear_down);
  g_test_add ("/score-keeper/ignores-scores", Fixture, NULL,
              fixture_set_up, test_keeper_ignores_scores, fixture_tear_down);

  return g_test_run ();
}
