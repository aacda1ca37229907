/* tend-chart.h: the data a chart shows, apart from how it is laid out or drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "util/tend-date.h"

G_BEGIN_DECLS

typedef enum
{
  TEND_CHART_KIND_VERTICAL_BARS,
  TEND_CHART_KIND_HORIZONTAL_BARS,
  TEND_CHART_KIND_LINE,
  TEND_CHART_KIND_AREA,
  TEND_CHART_KIND_STACKED_BARS,
} TendChartKind;

/* How values are written on the axis, on bars, in tooltips and in the summary. */
typedef enum
{
  TEND_CHART_FORMAT_INTEGER,  /* counts: "1,234" */
  TEND_CHART_FORMAT_DECIMAL,  /* one decimal: "71.3" */
  TEND_CHART_FORMAT_PERCENT,  /* a ratio: 0.253 is "25.3%" */
  TEND_CHART_FORMAT_MONEY,    /* minor units of the chart's currency: "$1.2M" */
} TendChartFormat;

/* Semantic colours; the palette says what each one looks like in light and dark. */
typedef enum
{
  TEND_CHART_COLOR_ACCENT,
  TEND_CHART_COLOR_NEUTRAL,
  TEND_CHART_COLOR_RED,
  TEND_CHART_COLOR_YELLOW,
  TEND_CHART_COLOR_GREEN,
  TEND_CHART_COLOR_PURPLE,
  TEND_CHART_COLOR_TEAL,
  TEND_CHART_COLOR_ORANGE,
  TEND_CHART_N_COLORS,
} TendChartColor;

/* A tooltip value writer, e.g. one that says "123 accounts" with ngettext(). */
typedef char *(*TendChartValueFunc) (double   value,
                                     gpointer user_data);

#define TEND_TYPE_CHART_KIND (tend_chart_kind_get_type ())
#define TEND_TYPE_CHART_FORMAT (tend_chart_format_get_type ())
#define TEND_TYPE_CHART_COLOR (tend_chart_color_get_type ())

GType tend_chart_kind_get_type   (void) G_GNUC_CONST;
GType tend_chart_format_get_type (void) G_GNUC_CONST;
GType tend_chart_color_get_type  (void) G_GNUC_CONST;

#define TEND_TYPE_CHART (tend_chart_get_type ())
G_DECLARE_FINAL_TYPE (TendChart, tend_chart, TEND, CHART, GObject)

TendChart      *tend_chart_new                (TendChartKind        kind);

TendChartKind   tend_chart_get_kind           (TendChart           *self);
void            tend_chart_set_kind           (TendChart           *self,
                                               TendChartKind        kind);
const char     *tend_chart_get_title          (TendChart           *self);
void            tend_chart_set_title          (TendChart           *self,
                                               const char          *title);
TendChartFormat tend_chart_get_format         (TendChart           *self);
void            tend_chart_set_format         (TendChart           *self,
                                               TendChartFormat      format);
const char     *tend_chart_get_currency       (TendChart           *self);
void            tend_chart_set_currency       (TendChart           *self,
                                               const char          *currency);
gboolean        tend_chart_get_show_title     (TendChart           *self);
void            tend_chart_set_show_title     (TendChart           *self,
                                               gboolean             show_title);
gboolean        tend_chart_get_show_values    (TendChart           *self);
void            tend_chart_set_show_values    (TendChart           *self,
                                               gboolean             show_values);
void            tend_chart_get_value_range    (TendChart           *self,
                                               double              *min,
                                               double              *max);
void            tend_chart_set_value_range    (TendChart           *self,
                                               double               min,
                                               double               max);

void            tend_chart_set_categories     (TendChart           *self,
                                               const char * const  *categories);
void            tend_chart_set_days           (TendChart           *self,
                                               const TendDay       *days,
                                               guint                n_days);
gboolean        tend_chart_has_days           (TendChart           *self);
guint           tend_chart_get_n_points       (TendChart           *self);
const char     *tend_chart_get_category       (TendChart           *self,
                                               guint                index);
TendDay         tend_chart_get_day            (TendChart           *self,
                                               guint                index);

guint           tend_chart_add_series         (TendChart           *self,
                                               const char          *label,
                                               TendChartColor       color,
                                               const double        *values,
                                               guint                n_values);
void            tend_chart_set_series_values  (TendChart           *self,
                                               guint                series,
                                               const double        *values,
                                               guint                n_values);
guint           tend_chart_get_n_series       (TendChart           *self);
const char     *tend_chart_get_series_label   (TendChart           *self,
                                               guint                series);
TendChartColor  tend_chart_get_series_color   (TendChart           *self,
                                               guint                series);
double          tend_chart_get_value          (TendChart           *self,
                                               guint                series,
                                               guint                index);
void            tend_chart_set_point_color    (TendChart           *self,
                                               guint                series,
                                               guint                index,
                                               TendChartColor       color);
TendChartColor  tend_chart_get_point_color    (TendChart           *self,
                                               guint                series,
                                               guint                index);

void            tend_chart_add_band           (TendChart           *self,
                                               double               from,
                                               double               to,
                                               TendChartColor       color);
guint           tend_chart_get_n_bands        (TendChart           *self);
void            tend_chart_get_band           (TendChart           *self,
                                               guint                band,
                                               double              *from,
                                               double              *to,
                                               TendChartColor      *color);

void            tend_chart_clear              (TendChart           *self);
gboolean        tend_chart_is_empty           (TendChart           *self);

void            tend_chart_set_tooltip_func   (TendChart           *self,
                                               TendChartValueFunc   func,
                                               gpointer             user_data,
                                               GDestroyNotify       destroy);
char           *tend_chart_format_value       (TendChart           *self,
                                               double               value,
                                               gboolean             full);
char           *tend_chart_format_tick        (TendChart           *self,
                                               double               value,
                                               double               step);
char           *tend_chart_format_point       (TendChart           *self,
                                               guint                index);
char           *tend_chart_dup_tooltip        (TendChart           *self,
                                               guint                series,
                                               guint                index);
char           *tend_chart_dup_summary        (TendChart           *self);

G_END_DECLS
