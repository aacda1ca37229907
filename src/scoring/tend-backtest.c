/* tend-backtest.c: how well health scores separate the customers who left from those who stayed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendScoring"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "tend-backtest.h"

typedef struct
{
  double   score;
  gboolean churned;
} Outcome;

static int
compare_outcomes (gconstpointer a,
                  gconstpointer b)
{
  const Outcome *x = a;
  const Outcome *y = b;

  return (x->score > y->score) - (x->score < y->score);
}

/* Sum of the ranks (1-based, ties sharing their average rank) of the retained accounts. */
static double
retained_rank_sum (GArray *outcomes)
{
  double sum = 0;
  guint i = 0;

  while (i < outcomes->len)
    {
      guint j = i;
      double rank;
      guint retained = 0;

      while (j < outcomes->len &&
             g_array_index (outcomes, Outcome, j).score ==
             g_array_index (outcomes, Outcome, i).score)
        {
          retained += g_array_index (outcomes, Outcome, j).churned ? 0 : 1;
          j++;
        }

      /* Ranks i + 1 .. j, averaged. */
      rank = (i + 1 + j) / 2.0;
      sum += rank * retained;
      i = j;
    }

  return sum;
}

/**
 * tend_backtest_auc:
 * @scores: (array length=n): the scores; NAN ones are left out
 * @churned: (array length=n): whether each account churned
 * @n_retained: (out) (optional): how many retained accounts were counted
 * @n_churned: (out) (optional): how many churned accounts were counted
 *
 * The ROC AUC of the score as a predictor of retention, by the Mann-Whitney rank formula:
 * AUC = (R - n1 (n1 + 1) / 2) / (n1 n0), where R is the sum of the ranks of the n1
 * retained accounts among all, ties sharing their average rank. It is the probability
 * that a retained account scores above a churned one, ties counting half: 1 separates
 * them perfectly, 0.5 is a coin toss.
 *
 * Returns: the AUC, or NAN when either class is empty
 */
double
tend_backtest_auc (const double   *scores,
                   const gboolean *churned,
                   gsize           n,
                   guint          *n_retained,
                   guint          *n_churned)
{
  g_autoptr(GArray) outcomes = g_array_sized_new (FALSE, FALSE, sizeof (Outcome), n);
  double retained = 0;
  double lost = 0;

  g_return_val_if_fail (n == 0 || (scores != NULL && churned != NULL), NAN);

  for (gsize i = 0; i < n; i++)
    {
      Outcome outcome = { scores[i], churned[i] };

      if (isnan (scores[i]))
        continue;

      g_array_append_val (outcomes, outcome);
      if (churned[i])
        lost++;
      else
        retained++;
    }

  if (n_retained != NULL)
    *n_retained = retained;
  if (n_churned != NULL)
    *n_churned = lost;

  if (retained == 0 || lost == 0)
    return NAN;

  g_array_sort (outcomes, compare_outcomes);

  return (retained_rank_sum (outcomes) - retained * (retained + 1) / 2) / (retained * lost);
}

/**
 * tend_backtest_run:
 * @lead_days: how long before its churn date a churned account's score is taken
 * @result: (out caller-allocates): the AUC and the size of each class
 *
 * Backtests the workspace's scores against the outcomes it knows: accounts whose status
 * is active (retained) against those whose status is churned. An active account counts
 * with its current score. A churned account counts with its newest score on or before
 * its churn date minus @lead_days, so that the score is judged on what it said before
 * the customer left; when it has no churn date, or no score that early, its current
 * score stands in. Trial and paused accounts, and unscored ones, are left out.
 */
gboolean
tend_backtest_run (TendStore           *store,
                   int                  lead_days,
                   TendBacktestResult  *result,
                   GError             **error)
{
  g_autoptr(GArray) scores = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) churned = g_array_new (FALSE, FALSE, sizeof (gboolean));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  stmt = tend_store_prepare (store,
                             "SELECT a.status = 'churned', "
                             "  CASE WHEN a.status = 'churned' THEN coalesce ("
                             "    (SELECT h.score FROM health_scores h "
                             "     WHERE h.account_id = a.id "
                             "       AND h.day <= unixepoch (a.churn_date) / 86400 - ?1 "
                             "     ORDER BY h.day DESC LIMIT 1), a.health_score) "
                             "  ELSE a.health_score END "
                             "FROM accounts a WHERE a.status IN ('active', 'churned')",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, lead_days);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean lost = sqlite3_column_int (stmt, 0) != 0;
      double score = sqlite3_column_type (stmt, 1) == SQLITE_NULL
                     ? NAN : sqlite3_column_double (stmt, 1);

      g_array_append_val (scores, score);
      g_array_append_val (churned, lost);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (store, error, rc, _("read the health scores for the backtest"));
      return FALSE;
    }

  result->auc = tend_backtest_auc ((double *)scores->data, (gboolean *)churned->data,
                                   scores->len, &result->n_retained, &result->n_churned);

  return TRUE;
}
