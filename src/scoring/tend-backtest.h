/* tend-backtest.h: how well health scores separate the customers who left from those who stayed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "store/tend-store.h"

G_BEGIN_DECLS

typedef struct
{
  double auc;         /* P(score of a retained account > score of a churned one), ties
                       * counted half; NAN when either class is empty */
  guint  n_retained;
  guint  n_churned;
} TendBacktestResult;

double   tend_backtest_auc (const double       *scores,
                            const gboolean     *churned,
                            gsize               n,
                            guint              *n_retained,
                            guint              *n_churned);
gboolean tend_backtest_run (TendStore          *store,
                            int                 lead_days,
                            TendBacktestResult *result,
                            GError            **error);

G_END_DECLS
