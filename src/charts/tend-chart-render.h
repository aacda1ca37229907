/* tend-chart-render.h: draws a laid-out chart into any cairo_t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "tend-chart.h"
#include "tend-chart-layout.h"
#include "tend-chart-palette.h"

G_BEGIN_DECLS

/* What a view marks: the item under the pointer and the one the keyboard is on (drawn
 * with a focus ring). -1 means none. */
typedef struct
{
  int hover_series;
  int hover_index;
  int focus_series;
  int focus_index;
} TendChartHighlight;

#define TEND_CHART_HIGHLIGHT_NONE { -1, -1, -1, -1 }

void tend_chart_render_layout (TendChartLayout          *layout,
                               cairo_t                  *cr,
                               const TendChartPalette   *palette,
                               const TendChartHighlight *highlight);
void tend_chart_render        (TendChart                *chart,
                               cairo_t                  *cr,
                               double                    width,
                               double                    height,
                               const TendChartPalette   *palette);

G_END_DECLS
