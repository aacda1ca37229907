/* tend-chart-scale.c: nice axis ticks, and values scaled to 0..1 along an axis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ticks fall on 1, 2 or 5 times a power of ten, the steps people read at a glance; the
 * axis is widened to whole steps so the highest value never touches the top edge.
 */

#define G_LOG_DOMAIN "TendCharts"

#include <math.h>

#include "tend-chart-scale.h"

static double
nice_step (double raw)
{
  double magnitude = pow (10.0, floor (log10 (raw)));
  double normal = raw / magnitude;

  if (normal <= 1.0)
    return magnitude;
  if (normal <= 2.0)
    return 2.0 * magnitude;
  if (normal <= 5.0)
    return 5.0 * magnitude;

  return 10.0 * magnitude;
}

static void
widen_flat_range (double *min,
                  double *max)
{
  double spread = fabs (*min) * 0.1;

  if (*max > *min)
    return;

  /* A flat line still needs an axis: widen it around the value (or 0..1 for zero). */
  if (spread == 0.0)
    {
      *max = *min + 1.0;
      return;
    }

  *min -= spread;
  *max += spread;
}

/**
 * tend_chart_ticks_compute:
 * @min: the lowest value the axis must show
 * @max: the highest value the axis must show
 * @target: about how many steps the axis should have (at least 1)
 * @integers: whether steps must be whole numbers (counts, minor units of money)
 *
 * Finds a step near (max - min) / target of 1, 2 or 5 times a power of ten and rounds
 * the axis out to whole steps: 0..87 with a target of 5 gives 0, 20, 40, 60, 80, 100.
 * Non-finite input gives the axis 0..1.
 */
void
tend_chart_ticks_compute (TendChartTicks *ticks,
                          double          min,
                          double          max,
                          guint           target,
                          gboolean        integers)
{
  double raw;

  g_return_if_fail (ticks != NULL);

  if (!isfinite (min) || !isfinite (max))
    min = 0.0, max = 1.0;
  if (min > max)
    {
      double swap = min;

      min = max;
      max = swap;
    }
  widen_flat_range (&min, &max);
  target = MAX (target, 1);

  /* Dividing first keeps the span finite even for values near DBL_MAX. */
  raw = max / target - min / target;
  ticks->step = nice_step (raw);
  if (integers && ticks->step < 1.0)
    ticks->step = 1.0;

  ticks->min = floor (min / ticks->step) * ticks->step;
  ticks->max = ceil (max / ticks->step) * ticks->step;
  if (!isfinite (ticks->max))
    ticks->max = max;
  if (!isfinite (ticks->min))
    ticks->min = min;

  ticks->n_ticks = (guint)lround ((ticks->max / ticks->step) - (ticks->min / ticks->step)) + 1;
}

/**
 * tend_chart_ticks_get_value:
 *
 * Returns: the value of tick @tick, counted from the bottom of the axis
 */
double
tend_chart_ticks_get_value (const TendChartTicks *ticks,
                            guint                 tick)
{
  double value;

  g_return_val_if_fail (ticks != NULL, 0.0);

  value = ticks->min + tick * ticks->step;

  /* Snap away the binary noise of the sum, so 0.1 * 3 reads 0.3 and 0 is never -0;
   * dividing by a power of ten rounds correctly where multiplying by 0.1 does not. */
  if (ticks->step < 1.0)
    {
      double scale = pow (10.0, tend_chart_ticks_decimals (ticks->step));

      value = round (value * scale) / scale;
    }
  else
    value = round (value / ticks->step) * ticks->step;

  return value == 0.0 ? 0.0 : value;
}

/**
 * tend_chart_ticks_scale:
 *
 * Returns: where @value falls along the axis: 0 at its minimum, 1 at its maximum (beyond
 *   for values outside it)
 */
double
tend_chart_ticks_scale (const TendChartTicks *ticks,
                        double                value)
{
  g_return_val_if_fail (ticks != NULL, 0.0);

  if (ticks->max <= ticks->min)
    return 0.0;

  return (value / 2.0 - ticks->min / 2.0) / (ticks->max / 2.0 - ticks->min / 2.0);
}

/**
 * tend_chart_ticks_decimals:
 *
 * Returns: how many decimals tick labels need to tell steps of @step apart
 */
int
tend_chart_ticks_decimals (double step)
{
  if (!(step > 0.0) || step >= 1.0)
    return 0;

  return (int)ceil (-log10 (step) - 1e-9);
}
