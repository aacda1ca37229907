/* tend-score-keeper.h: keeps today's health scores in step with the data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "store/tend-store.h"

G_BEGIN_DECLS

#define TEND_TYPE_SCORE_KEEPER (tend_score_keeper_get_type ())
G_DECLARE_FINAL_TYPE (TendScoreKeeper, tend_score_keeper, TEND, SCORE_KEEPER, GObject)

TendScoreKeeper *tend_score_keeper_new         (TendStore       *store);
TendStore       *tend_score_keeper_get_store   (TendScoreKeeper *self);
gboolean         tend_score_keeper_get_busy    (TendScoreKeeper *self);
guint            tend_score_keeper_get_n_runs  (TendScoreKeeper *self);
void             tend_score_keeper_set_delay   (TendScoreKeeper *self,
                                                guint            milliseconds);

G_END_DECLS
