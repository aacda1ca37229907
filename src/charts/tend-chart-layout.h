/* tend-chart-layout.h: a chart turned into geometry for one size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pango.h>

#include "tend-chart.h"
#include "tend-chart-scale.h"

G_BEGIN_DECLS

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} TendChartRect;

typedef enum
{
  TEND_CHART_LABEL_TITLE,
  TEND_CHART_LABEL_TICK,   /* a value along the value axis */
  TEND_CHART_LABEL_X,      /* a category, month or day along the other axis */
  TEND_CHART_LABEL_VALUE,  /* a value written at the end of its bar */
  TEND_CHART_LABEL_LEGEND,
  TEND_CHART_LABEL_EMPTY,  /* "No data yet" */
} TendChartLabelRole;

/* A piece of text placed at rect (its top left is where the Pango layout is drawn). */
typedef struct
{
  TendChartLabelRole  role;
  char               *text;
  TendChartRect       rect;
  PangoLayout        *layout;
} TendChartLabel;

/* One drawn value: a bar (or a bar's segment) or a point of a line.
 * c0..c1 and v0..v1 are its place along the category and value axes scaled to 0..1
 * (v0 is the end a bar grows from); rect and x, y are the same in pixels, x, y being the
 * point itself or the middle of the bar's far end. */
typedef struct
{
  guint          series;
  guint          index;
  double         value;
  TendChartColor color;
  gboolean       is_point;
  double         c0;
  double         c1;
  double         v0;
  double         v1;
  TendChartRect  rect;
  double         x;
  double         y;
} TendChartItem;

typedef struct
{
  guint          series;
  TendChartColor color;
  TendChartRect  swatch;
} TendChartLegendEntry;

typedef struct _TendChartLayout TendChartLayout;

TendChartLayout            *tend_chart_layout_new              (TendChart       *chart,
                                                                PangoContext    *context,
                                                                double           width,
                                                                double           height);
void                        tend_chart_layout_free             (TendChartLayout *self);

TendChart                  *tend_chart_layout_get_chart        (TendChartLayout *self);
double                      tend_chart_layout_get_width        (TendChartLayout *self);
double                      tend_chart_layout_get_height       (TendChartLayout *self);
gboolean                    tend_chart_layout_is_empty         (TendChartLayout *self);
gboolean                    tend_chart_layout_is_horizontal    (TendChartLayout *self);
void                        tend_chart_layout_get_plot_area    (TendChartLayout *self,
                                                                TendChartRect   *area);
const TendChartTicks       *tend_chart_layout_get_ticks        (TendChartLayout *self);
double                      tend_chart_layout_value_to_pixel   (TendChartLayout *self,
                                                                double           value);

guint                       tend_chart_layout_get_n_items      (TendChartLayout *self);
const TendChartItem        *tend_chart_layout_get_item         (TendChartLayout *self,
                                                                guint            position);
const TendChartItem        *tend_chart_layout_find_item        (TendChartLayout *self,
                                                                guint            series,
                                                                guint            index);
gboolean                    tend_chart_layout_hit_test         (TendChartLayout *self,
                                                                double           x,
                                                                double           y,
                                                                guint           *series,
                                                                guint           *index);
gboolean                    tend_chart_layout_step             (TendChartLayout *self,
                                                                guint           *series,
                                                                guint           *index,
                                                                int              delta);

guint                       tend_chart_layout_get_n_labels     (TendChartLayout *self);
const TendChartLabel       *tend_chart_layout_get_label        (TendChartLayout *self,
                                                                guint            position);
guint                       tend_chart_layout_get_n_legend     (TendChartLayout *self);
const TendChartLegendEntry *tend_chart_layout_get_legend_entry (TendChartLayout *self,
                                                                guint            position);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendChartLayout, tend_chart_layout_free)

G_END_DECLS
