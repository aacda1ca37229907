/* tend-scorer.h: computes the health scores of every account of a workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "scoring/tend-scorecard.h"
#include "store/tend-store.h"
#include "util/tend-date.h"

G_BEGIN_DECLS

/* The workspace setting that holds when scores were last computed, in Unix seconds. */
#define TEND_SCORER_COMPUTED_AT_SETTING "scores-computed-at"

/**
 * TendScorerProgressFunc:
 * @fraction: how much is done, 0 to 1, never decreasing
 *
 * Called now and then during a recompute, from the thread that runs it (the caller's
 * main context for the _async variant).
 */
typedef void (*TendScorerProgressFunc) (double   fraction,
                                        gpointer user_data);

gboolean tend_scorer_recompute        (TendStore               *store,
                                       TendScorecard           *scorecard,
                                       TendDay                  day,
                                       GCancellable            *cancellable,
                                       TendScorerProgressFunc   progress,
                                       gpointer                 progress_data,
                                       GError                 **error);
gboolean tend_scorer_backfill         (TendStore               *store,
                                       TendScorecard           *scorecard,
                                       TendDay                  first_day,
                                       TendDay                  last_day,
                                       int                      step_days,
                                       GCancellable            *cancellable,
                                       TendScorerProgressFunc   progress,
                                       gpointer                 progress_data,
                                       GError                 **error);
void     tend_scorer_recompute_async  (TendStore               *store,
                                       TendScorecard           *scorecard,
                                       TendDay                  day,
                                       GCancellable            *cancellable,
                                       TendScorerProgressFunc   progress,
                                       gpointer                 progress_data,
                                       GAsyncReadyCallback      callback,
                                       gpointer                 user_data);
gboolean tend_scorer_recompute_finish (TendStore               *store,
                                       GAsyncResult            *result,
                                       GError                 **error);

G_END_DECLS
