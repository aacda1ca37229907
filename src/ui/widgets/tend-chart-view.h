/* tend-chart-view.h: a widget that shows a TendChart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "charts/tend-chart.h"

G_BEGIN_DECLS

#define TEND_TYPE_CHART_VIEW (tend_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (TendChartView, tend_chart_view, TEND, CHART_VIEW, GtkWidget)

GtkWidget *tend_chart_view_new             (TendChart     *chart);

TendChart *tend_chart_view_get_chart       (TendChartView *self);
void       tend_chart_view_set_chart       (TendChartView *self,
                                            TendChart     *chart);
gboolean   tend_chart_view_get_activatable (TendChartView *self);
void       tend_chart_view_set_activatable (TendChartView *self,
                                            gboolean       activatable);
gboolean   tend_chart_view_get_focus_item  (TendChartView *self,
                                            guint         *series,
                                            guint         *index);

G_END_DECLS
