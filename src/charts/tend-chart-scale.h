/* tend-chart-scale.h: nice axis ticks, and values scaled to 0..1 along an axis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An axis from min to max in n_ticks steps of step; min and max are multiples of step. */
typedef struct
{
  double min;
  double max;
  double step;
  guint  n_ticks;
} TendChartTicks;

void   tend_chart_ticks_compute   (TendChartTicks       *ticks,
                                   double                min,
                                   double                max,
                                   guint                 target,
                                   gboolean              integers);
double tend_chart_ticks_get_value (const TendChartTicks *ticks,
                                   guint                 tick);
double tend_chart_ticks_scale     (const TendChartTicks *ticks,
                                   double                value);
int    tend_chart_ticks_decimals  (double                step);

G_END_DECLS
