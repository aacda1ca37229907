/* tend-ui-charts.h: the charts the pages share: cards around them, score bands behind them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "charts/tend-chart.h"
#include "store/tend-store.h"

G_BEGIN_DECLS

GtkWidget *tend_ui_chart_card_new          (const char *title,
                                            GtkWidget  *view,
                                            GtkWidget  *header_suffix);
TendChart *tend_ui_chart_new_score_history (TendStore  *store,
                                            const char *title);

G_END_DECLS
