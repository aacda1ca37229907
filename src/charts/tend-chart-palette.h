/* tend-chart-palette.h: the colours a chart is drawn in, light or dark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "tend-chart.h"

G_BEGIN_DECLS

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} TendChartRgba;

/* The caller picks light or dark (and may take foreground from its style). A background
 * with alpha 0 is not painted, so the chart shows whatever is behind it. */
typedef struct
{
  TendChartRgba foreground; /* titles, value labels, focus rings */
  TendChartRgba dim;        /* axis labels, the empty state */
  TendChartRgba grid;       /* grid lines */
  TendChartRgba background;
  TendChartRgba colors[TEND_CHART_N_COLORS];
} TendChartPalette;

const TendChartPalette *tend_chart_palette_light      (void);
const TendChartPalette *tend_chart_palette_dark       (void);
void                    tend_chart_palette_set_source (const TendChartPalette *palette,
                                                       cairo_t                *cr,
                                                       TendChartColor          color,
                                                       double                  alpha);
void                    tend_chart_rgba_set_source    (const TendChartRgba    *rgba,
                                                       cairo_t                *cr);

G_END_DECLS
