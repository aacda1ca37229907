/* tend-sample-scores.c: the health score history of the sample workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Once the data is written, the built-in "Default" scorecard scores every account weekly
 * over the history and daily over the last 60 days, so that trends, the score history
 * chart and the portfolio's health over time have something to show from the start.
 */

#define G_LOG_DOMAIN "TendSample"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "scoring/tend-scorecard.h"
#include "scoring/tend-scorer.h"
#include "tend-sample-private.h"

/* Daily scores over the last this many days, weekly ones before. */
#define DAILY_DAYS 60

/* Weekly scores start once the history holds this many days to compare usage over. */
#define FIRST_SCORED_AFTER 28

typedef struct
{
  TendSampleProgressFunc  progress;
  gpointer                progress_data;
  double                  from;
  double                  to;
} ProgressSpan;

static void
span_progress_cb (double   fraction,
                  gpointer user_data)
{
  ProgressSpan *span = user_data;

  if (span->progress != NULL)
    span->progress (span->from + (span->to - span->from) * fraction, span->progress_data);
}

/* The built-in scorecards, "Default" active, dated like the rest of the sample so the
 * same seed still gives the same bytes. */
static TendScorecard *
install_default_scorecard (SampleContext  *ctx,
                           GError        **error)
{
  g_autoptr(TendScorecard) scorecard = NULL;
  sqlite3_stmt *stmt;

  if (!tend_scorecard_install_builtins (ctx->store, error))
    return NULL;

  scorecard = tend_scorecard_load (ctx->store, TEND_SCORECARD_DEFAULT, error);
  if (scorecard == NULL || !tend_scorecard_activate (scorecard, ctx->store, error))
    return NULL;

  stmt = tend_store_prepare (ctx->store, "UPDATE scorecards SET updated_at = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, tend_day_to_unix (ctx->today));
  if (!tend_store_step_done (ctx->store, stmt, error))
    return NULL;

  return g_steal_pointer (&scorecard);
}

static gboolean
backfill (SampleContext  *ctx,
          TendScorecard  *scorecard,
          TendDay         first,
          TendDay         last,
          int             step,
          GCancellable   *cancellable,
          ProgressSpan   *span,
          GError        **error)
{
  if (!tend_scorer_backfill (ctx->store, scorecard, first, last, step, cancellable,
                             span_progress_cb, span, error))
    {
      g_prefix_error (error, _("Could not compute the sample's health scores: "));
      return FALSE;
    }

  return TRUE;
}

/**
 * sample_compute_scores:
 * @share: the progress already reported when this starts; the rest is the scores'
 *
 * Scores every account with the "Default" scorecard, weekly from four weeks into the
 * history up to 60 days ago, then daily up to today.
 */
gboolean
sample_compute_scores (SampleContext           *ctx,
                       GCancellable            *cancellable,
                       TendSampleProgressFunc   progress,
                       gpointer                 progress_data,
                       double                   share,
                       GError                 **error)
{
  g_autoptr(TendScorecard) scorecard = install_default_scorecard (ctx, error);
  TendDay daily_first = MAX (ctx->today - (DAILY_DAYS - 1), ctx->history_start + 1);
  TendDay weekly_last = daily_first - 7;
  TendDay weekly_first = ctx->history_start + FIRST_SCORED_AFTER;
  int n_weekly = weekly_last >= weekly_first ? (weekly_last - weekly_first) / 7 + 1 : 0;
  int n_daily = ctx->today - daily_first + 1;
  double weekly_share = (1.0 - share) * n_weekly / (n_weekly + n_daily);
  ProgressSpan weekly = { progress, progress_data, share, share + weekly_share };
  ProgressSpan daily = { progress, progress_data, share + weekly_share, 1.0 };

  if (scorecard == NULL)
    return FALSE;

  /* Weekly days are counted back from the last one, so they fall seven days apart. */
  if (n_weekly > 0 &&
      !backfill (ctx, scorecard, weekly_last - 7 * (n_weekly - 1), weekly_last, 7,
                 cancellable, &weekly, error))
    return FALSE;

  return backfill (ctx, scorecard, daily_first, ctx->today, 1, cancellable, &daily, error);
}
