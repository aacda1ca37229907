/* tend-chart-render.c: draws a laid-out chart into any cairo_t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawing only reads a TendChartLayout: every position was settled there, so the same
 * code paints a widget, an image in a test or a page of a PDF report.
 */

#define G_LOG_DOMAIN "TendCharts"

#include <math.h>

#include <pango/pangocairo.h>

#include "tend-chart-render.h"

#define BAND_ALPHA  0.12  /* guide bands sit faint behind the data */
#define AREA_ALPHA  0.25
#define HOVER_ALPHA 0.18
#define LINE_WIDTH  2.0
#define DOT_RADIUS  2.5

typedef struct
{
  TendChartLayout          *layout;
  TendChart                *chart;
  cairo_t                  *cr;
  const TendChartPalette   *palette;
  TendChartHighlight        highlight;
  TendChartRect             plot;
} Painter;

static gboolean
is_hovered (const Painter       *painter,
            const TendChartItem *item)
{
  return painter->highlight.hover_series == (int)item->series
         && painter->highlight.hover_index == (int)item->index;
}

static void
paint_background (const Painter *painter)
{
  if (painter->palette->background.alpha <= 0)
    return;

  tend_chart_rgba_set_source (&painter->palette->background, painter->cr);
  cairo_paint (painter->cr);
}

static const TendChartRgba *
label_color (const Painter      *painter,
             TendChartLabelRole  role)
{
  switch (role)
    {
    case TEND_CHART_LABEL_TICK:
    case TEND_CHART_LABEL_X:
    case TEND_CHART_LABEL_EMPTY:
      return &painter->palette->dim;

    case TEND_CHART_LABEL_TITLE:
    case TEND_CHART_LABEL_VALUE:
    case TEND_CHART_LABEL_LEGEND:
    default:
      return &painter->palette->foreground;
    }
}

static void
paint_labels (const Painter *painter)
{
  for (guint i = 0; i < tend_chart_layout_get_n_labels (painter->layout); i++)
    {
      const TendChartLabel *label = tend_chart_layout_get_label (painter->layout, i);

      tend_chart_rgba_set_source (label_color (painter, label->role), painter->cr);
      cairo_move_to (painter->cr, label->rect.x, label->rect.y);
      pango_cairo_show_layout (painter->cr, label->layout);
    }
}

static void
paint_legend (const Painter *painter)
{
  for (guint i = 0; i < tend_chart_layout_get_n_legend (painter->layout); i++)
    {
      const TendChartLegendEntry *entry = tend_chart_layout_get_legend_entry (painter->layout, i);

      tend_chart_palette_set_source (painter->palette, painter->cr, entry->color, 1.0);
      cairo_rectangle (painter->cr, entry->swatch.x, entry->swatch.y, entry->swatch.width,
                       entry->swatch.height);
      cairo_fill (painter->cr);
    }
}

/* Fills the stretch between two values across the whole plot. */
static void
fill_value_span (const Painter *painter,
                 double         from,
                 double         to)
{
  const TendChartRect *plot = &painter->plot;
  const TendChartTicks *ticks = tend_chart_layout_get_ticks (painter->layout);
  double a, b;

  from = CLAMP (from, ticks->min, ticks->max);
  to = CLAMP (to, ticks->min, ticks->max);
  if (to <= from)
    return;

  a = tend_chart_layout_value_to_pixel (painter->layout, from);
  b = tend_chart_layout_value_to_pixel (painter->layout, to);

  if (tend_chart_layout_is_horizontal (painter->layout))
    cairo_rectangle (painter->cr, MIN (a, b), plot->y, fabs (b - a), plot->height);
  else
    cairo_rectangle (painter->cr, plot->x, MIN (a, b), plot->width, fabs (b - a));
  cairo_fill (painter->cr);
}

static void
paint_bands (const Painter *painter)
{
  for (guint i = 0; i < tend_chart_get_n_bands (painter->chart); i++)
    {
      double from, to;
      TendChartColor color;

      tend_chart_get_band (painter->chart, i, &from, &to, &color);
      tend_chart_palette_set_source (painter->palette, painter->cr, color, BAND_ALPHA);
      fill_value_span (painter, from, to);
    }
}

/* A line across the plot at @value, snapped to the pixel grid so it stays crisp. */
static void
stroke_value_line (const Painter *painter,
                   double         value)
{
  const TendChartRect *plot = &painter->plot;
  double at = round (tend_chart_layout_value_to_pixel (painter->layout, value)) + 0.5;

  if (tend_chart_layout_is_horizontal (painter->layout))
    {
      cairo_move_to (painter->cr, at, plot->y);
      cairo_line_to (painter->cr, at, plot->y + plot->height);
    }
  else
    {
      cairo_move_to (painter->cr, plot->x, at);
      cairo_line_to (painter->cr, plot->x + plot->width, at);
    }
  cairo_stroke (painter->cr);
}

static void
paint_grid (const Painter *painter)
{
  const TendChartTicks *ticks = tend_chart_layout_get_ticks (painter->layout);
  TendChartKind kind = tend_chart_get_kind (painter->chart);

  cairo_set_line_width (painter->cr, 1.0);
  tend_chart_rgba_set_source (&painter->palette->grid, painter->cr);
  for (guint t = 0; t < ticks->n_ticks; t++)
    stroke_value_line (painter, tend_chart_ticks_get_value (ticks, t));

  /* Bars and areas stand on zero: mark it more firmly than the grid. */
  if (kind != TEND_CHART_KIND_LINE && ticks->min <= 0 && ticks->max >= 0)
    {
      tend_chart_rgba_set_source (&painter->palette->dim, painter->cr);
      stroke_value_line (painter, 0.0);
    }
}

static void
paint_bar (const Painter       *painter,
           const TendChartItem *item)
{
  const TendChartRect *rect = &item->rect;

  tend_chart_palette_set_source (painter->palette, painter->cr, item->color, 1.0);
  cairo_rectangle (painter->cr, rect->x, rect->y, rect->width, rect->height);
  cairo_fill (painter->cr);

  if (!is_hovered (painter, item))
    return;

  /* Hover tints the bar towards the ink colour: darker in light, lighter in dark. */
  cairo_set_source_rgba (painter->cr, painter->palette->foreground.red,
                         painter->palette->foreground.green, painter->palette->foreground.blue,
                         HOVER_ALPHA);
  cairo_rectangle (painter->cr, rect->x, rect->y, rect->width, rect->height);
  cairo_fill (painter->cr);
}

static void
paint_bars (const Painter *painter)
{
  for (guint i = 0; i < tend_chart_layout_get_n_items (painter->layout); i++)
    paint_bar (painter, tend_chart_layout_get_item (painter->layout, i));
}

static double
baseline_pixel (const Painter *painter)
{
  const TendChartTicks *ticks = tend_chart_layout_get_ticks (painter->layout);

  return tend_chart_layout_value_to_pixel (painter->layout, CLAMP (0.0, ticks->min, ticks->max));
}

/* Collects the points of one series; a missing value between two splits the line. */
static GPtrArray *
series_points (const Painter *painter,
               guint          series)
{
  GPtrArray *points = g_ptr_array_new ();

  for (guint i = 0; i < tend_chart_layout_get_n_items (painter->layout); i++)
    {
      const TendChartItem *item = tend_chart_layout_get_item (painter->layout, i);

      if (item->series == series)
        g_ptr_array_add (points, (gpointer)item);
    }

  return points;
}

static gboolean
continues (GPtrArray *points,
           guint      i)
{
  const TendChartItem *a = g_ptr_array_index (points, i - 1);
  const TendChartItem *b = g_ptr_array_index (points, i);

  return b->index == a->index + 1;
}

static void
trace_segment (const Painter *painter,
               GPtrArray     *points,
               guint          start,
               guint          end,
               gboolean       closed)
{
  const TendChartItem *first = g_ptr_array_index (points, start);
  const TendChartItem *last = g_ptr_array_index (points, end - 1);

  cairo_move_to (painter->cr, first->x, first->y);
  for (guint i = start + 1; i < end; i++)
    {
      const TendChartItem *item = g_ptr_array_index (points, i);

      cairo_line_to (painter->cr, item->x, item->y);
    }

  if (!closed)
    return;

  cairo_line_to (painter->cr, last->x, baseline_pixel (painter));
  cairo_line_to (painter->cr, first->x, baseline_pixel (painter));
  cairo_close_path (painter->cr);
}

static void
paint_segment (const Painter *painter,
               GPtrArray     *points,
               guint          start,
               guint          end,
               TendChartColor color)
{
  if (tend_chart_get_kind (painter->chart) == TEND_CHART_KIND_AREA && end - start > 1)
    {
      tend_chart_palette_set_source (painter->palette, painter->cr, color, AREA_ALPHA);
      trace_segment (painter, points, start, end, TRUE);
      cairo_fill (painter->cr);
    }

  tend_chart_palette_set_source (painter->palette, painter->cr, color, 1.0);
  trace_segment (painter, points, start, end, FALSE);
  cairo_stroke (painter->cr);
}

static void
paint_dot (const Painter       *painter,
           const TendChartItem *item,
           double               radius)
{
  tend_chart_palette_set_source (painter->palette, painter->cr, item->color, 1.0);
  cairo_arc (painter->cr, item->x, item->y, radius, 0, 2 * G_PI);
  cairo_fill (painter->cr);
}

static void
paint_dots (const Painter *painter,
            GPtrArray     *points)
{
  /* Dots only while there is room for them; a lone point between gaps always gets one,
   * or it would not show at all. */
  gboolean roomy = points->len <= painter->plot.width / 12.0;

  for (guint i = 0; i < points->len; i++)
    {
      gboolean alone = (i == 0 || !continues (points, i))
                       && (i + 1 == points->len || !continues (points, i + 1));

      if (roomy || alone)
        paint_dot (painter, g_ptr_array_index (points, i), DOT_RADIUS);
    }
}

static void
paint_line (const Painter *painter,
            guint          series)
{
  g_autoptr(GPtrArray) points = series_points (painter, series);
  TendChartColor color = tend_chart_get_series_color (painter->chart, series);
  guint start = 0;

  cairo_set_line_width (painter->cr, LINE_WIDTH);
  cairo_set_line_join (painter->cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (painter->cr, CAIRO_LINE_CAP_ROUND);

  for (guint i = 1; i <= points->len; i++)
    {
      if (i < points->len && continues (points, i))
        continue;

      paint_segment (painter, points, start, i, color);
      start = i;
    }

  paint_dots (painter, points);
}

static void
paint_hovered_point (const Painter *painter)
{
  const TendChartItem *item;

  item = tend_chart_layout_find_item (painter->layout, painter->highlight.hover_series,
                                      painter->highlight.hover_index);
  if (item == NULL)
    return;

  /* A guide from the point down to the axis ties it to its date. */
  cairo_set_line_width (painter->cr, 1.0);
  tend_chart_rgba_set_source (&painter->palette->grid, painter->cr);
  cairo_move_to (painter->cr, round (item->x) + 0.5, painter->plot.y);
  cairo_line_to (painter->cr, round (item->x) + 0.5, painter->plot.y + painter->plot.height);
  cairo_stroke (painter->cr);

  if (painter->palette->background.alpha > 0)
    {
      tend_chart_rgba_set_source (&painter->palette->background, painter->cr);
      cairo_arc (painter->cr, item->x, item->y, DOT_RADIUS + 4, 0, 2 * G_PI);
      cairo_fill (painter->cr);
    }
  paint_dot (painter, item, DOT_RADIUS + 2);
}

static void
paint_lines (const Painter *painter)
{
  for (guint s = 0; s < tend_chart_get_n_series (painter->chart); s++)
    paint_line (painter, s);

  if (painter->highlight.hover_series >= 0)
    paint_hovered_point (painter);
}

static void
paint_focus (const Painter *painter)
{
  const TendChartItem *item;
  TendChartRect ring;

  if (painter->highlight.focus_series < 0)
    return;

  item = tend_chart_layout_find_item (painter->layout, painter->highlight.focus_series,
                                      painter->highlight.focus_index);
  if (item == NULL)
    return;

  ring = item->rect;
  cairo_set_line_width (painter->cr, 2.0);
  tend_chart_rgba_set_source (&painter->palette->foreground, painter->cr);

  if (item->is_point)
    cairo_arc (painter->cr, item->x, item->y, DOT_RADIUS + 5, 0, 2 * G_PI);
  else
    cairo_rectangle (painter->cr, ring.x - 3, ring.y - 3, ring.width + 6, ring.height + 6);
  cairo_stroke (painter->cr);
}

static void
paint_data (const Painter *painter)
{
  TendChartKind kind = tend_chart_get_kind (painter->chart);
  const TendChartRect *plot = &painter->plot;

  /* Values clamped to a fixed range may sit on the edge; leave room for a dot there. */
  cairo_save (painter->cr);
  cairo_rectangle (painter->cr, plot->x - 8, plot->y - 8, plot->width + 16, plot->height + 16);
  cairo_clip (painter->cr);

  if (kind == TEND_CHART_KIND_LINE || kind == TEND_CHART_KIND_AREA)
    paint_lines (painter);
  else
    paint_bars (painter);

  cairo_restore (painter->cr);
}

/**
 * tend_chart_render_layout:
 * @highlight: (nullable): the items a view marks, or %NULL for none (print, export)
 *
 * Draws @layout with its top left at the origin of @cr. The cairo state is left as it
 * was found.
 */
void
tend_chart_render_layout (TendChartLayout          *layout,
                          cairo_t                  *cr,
                          const TendChartPalette   *palette,
                          const TendChartHighlight *highlight)
{
  Painter painter = { layout, tend_chart_layout_get_chart (layout), cr, palette,
                      TEND_CHART_HIGHLIGHT_NONE, };

  g_return_if_fail (layout != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (palette != NULL);

  if (highlight != NULL)
    painter.highlight = *highlight;
  tend_chart_layout_get_plot_area (layout, &painter.plot);

  cairo_save (cr);
  paint_background (&painter);

  if (!tend_chart_layout_is_empty (layout))
    {
      paint_bands (&painter);
      paint_grid (&painter);
      paint_legend (&painter);
      paint_data (&painter);
      paint_focus (&painter);
    }

  paint_labels (&painter);
  cairo_restore (cr);
}

/**
 * tend_chart_render:
 * @cr: any cairo context: an image, a PDF page, a widget's snapshot
 * @width: the width to fill, in the units of @cr
 * @height: the height to fill
 *
 * Lays out and draws @chart in one go, measuring text for @cr, in the default sans-serif
 * font (a view that has a font of its own lays out with its Pango context instead).
 */
void
tend_chart_render (TendChart              *chart,
                   cairo_t                *cr,
                   double                  width,
                   double                  height,
                   const TendChartPalette *palette)
{
  PangoContext *context;
  g_autoptr(PangoFontDescription) font = NULL;
  g_autoptr(TendChartLayout) layout = NULL;

  g_return_if_fail (TEND_IS_CHART (chart));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (palette != NULL);

  context = pango_cairo_create_context (cr);
  font = pango_font_description_from_string ("Sans 10");
  pango_context_set_font_description (context, font);

  layout = tend_chart_layout_new (chart, context, width, height);
  tend_chart_render_layout (layout, cr, palette, NULL);

  /* Pango 1.50 has no autoptr for PangoContext. */
  g_object_unref (context);
}
