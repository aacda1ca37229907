/* tend-chart-layout.c: a chart turned into geometry for one size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layout happens in two steps. First every value is scaled to 0..1 along the value axis
 * and every x position to 0..1 along the category axis, which needs no pixels. Then the
 * text is measured with Pango, the plot area is what the labels leave free, and the 0..1
 * places are mapped into it. Drawing (tend-chart-render.c) and hit-testing only read the
 * result, so the screen, a PDF page and a test all see the same geometry.
 *
 * The layout is not mirrored for right-to-left languages: time and categories run left
 * to right and the value axis stays on the left. Mirroring would need the text direction
 * passed in, which no caller has asked for yet.
 */

#define G_LOG_DOMAIN "TendCharts"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "tend-chart-layout.h"

#define PADDING        8.0   /* around the whole chart */
#define GAP            6.0   /* between labels and the plot */
#define LABEL_SPACING  8.0   /* the least room between two axis labels */
#define SWATCH         10.0  /* a legend colour square */
#define POINT_BOX      10.0  /* the box around a point, for tooltips */
#define MIN_HIT        6.0   /* thin bars are this easy to hit, at least */
#define MAX_BAR_WIDTH  64.0  /* a vertical bar (or group) is never wider */
#define MAX_BAR_HEIGHT 28.0  /* a horizontal bar is never thicker */

struct _TendChartLayout
{
  TendChart            *chart;
  PangoContext         *context;
  PangoFontDescription *label_font;
  PangoFontDescription *title_font;
  PangoFontDescription *empty_font;
  double                line_height;

  double                width;
  double                height;
  gboolean              horizontal;
  gboolean              empty;
  TendChartRect         plot;
  TendChartTicks        ticks;

  GArray               *items;  /* TendChartItem */
  GPtrArray            *labels; /* TendChartLabel* */
  GArray               *legend; /* TendChartLegendEntry */
};

static void
label_free (gpointer data)
{
  TendChartLabel *label = data;

  /* Arrays of candidates may hold holes where a label was moved out. */
  if (label == NULL)
    return;

  g_free (label->text);
  g_clear_object (&label->layout);
  g_free (label);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendChartLabel, label_free)

static gboolean
is_point_kind (TendChartKind kind)
{
  return kind == TEND_CHART_KIND_LINE || kind == TEND_CHART_KIND_AREA;
}

static double
rect_right (const TendChartRect *rect)
{
  return rect->x + rect->width;
}

static double
rect_bottom (const TendChartRect *rect)
{
  return rect->y + rect->height;
}

static gboolean
rect_contains (const TendChartRect *rect,
               double               x,
               double               y)
{
  return x >= rect->x && x <= rect_right (rect) && y >= rect->y && y <= rect_bottom (rect);
}

static void
setup_fonts (TendChartLayout *self)
{
  const PangoFontDescription *base = pango_context_get_font_description (self->context);
  g_autoptr(PangoFontDescription) font = NULL;
  int size;

  font = base != NULL ? pango_font_description_copy (base)
                      : pango_font_description_from_string ("Sans 10");
  size = pango_font_description_get_size (font);
  if (size <= 0)
    size = 10 * PANGO_SCALE;

  self->empty_font = pango_font_description_copy (font);
  self->title_font = pango_font_description_copy (font);
  pango_font_description_set_weight (self->title_font, PANGO_WEIGHT_BOLD);

  /* Axis text is a step smaller than body text, as captions are in GNOME. */
  self->label_font = pango_font_description_copy (font);
  if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (self->label_font, size * 0.85);
  else
    pango_font_description_set_size (self->label_font, (int)(size * 0.85));
}

static TendChartLabel *
label_new (TendChartLayout            *self,
           TendChartLabelRole          role,
           const char                 *text,
           const PangoFontDescription *font,
           double                      max_width)
{
  TendChartLabel *label = g_new0 (TendChartLabel, 1);
  PangoRectangle logical;

  label->role = role;
  label->text = g_strdup (text);
  label->layout = pango_layout_new (self->context);
  pango_layout_set_font_description (label->layout, font);
  pango_layout_set_single_paragraph_mode (label->layout, TRUE);
  pango_layout_set_text (label->layout, text, -1);

  if (max_width > 0)
    {
      pango_layout_set_width (label->layout, (int)(max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (label->layout, PANGO_ELLIPSIZE_END);
    }

  pango_layout_get_extents (label->layout, NULL, &logical);
  label->rect.width = (double)logical.width / PANGO_SCALE;
  label->rect.height = (double)logical.height / PANGO_SCALE;

  return label;
}

static TendChartLabel *
add_label (TendChartLayout *self,
           TendChartLabel  *label,
           double           x,
           double           y)
{
  label->rect.x = x;
  label->rect.y = y;
  g_ptr_array_add (self->labels, label);

  return label;
}

static double
measure_line_height (TendChartLayout *self)
{
  g_autoptr(TendChartLabel) probe = label_new (self, TEND_CHART_LABEL_TICK, "0",
                                               self->label_font, 0);

  return probe->rect.height;
}

/* Takes a band of @height off the top of @area. */
static void
take_top (TendChartRect *area,
          double         height)
{
  height = MIN (height, area->height);
  area->y += height;
  area->height -= height;
}

static void
place_title (TendChartLayout *self,
             TendChartRect   *area)
{
  const char *title = tend_chart_get_title (self->chart);
  TendChartLabel *label;

  if (!tend_chart_get_show_title (self->chart) || title == NULL || *title == '\0')
    return;

  label = label_new (self, TEND_CHART_LABEL_TITLE, title, self->title_font, area->width);
  add_label (self, label, area->x, area->y);
  take_top (area, label->rect.height + GAP);
}

static void
place_empty_state (TendChartLayout     *self,
                   const TendChartRect *area)
{
  TendChartLabel *label = label_new (self, TEND_CHART_LABEL_EMPTY, _("No data yet"),
                                     self->empty_font, area->width);

  add_label (self, label,
             area->x + (area->width - label->rect.width) / 2.0,
             area->y + (area->height - label->rect.height) / 2.0);
}

static void
place_legend (TendChartLayout *self,
              TendChartRect   *area)
{
  guint n_series = tend_chart_get_n_series (self->chart);
  double row = MAX (self->line_height, SWATCH);
  double x = area->x, y = area->y;

  if (n_series < 2)
    return;

  for (guint s = 0; s < n_series; s++)
    {
      const char *text = tend_chart_get_series_label (self->chart, s);
      TendChartLabel *label = label_new (self, TEND_CHART_LABEL_LEGEND, text ? text : "",
                                         self->label_font, area->width - SWATCH - 4);
      double entry_width = SWATCH + 4 + label->rect.width;
      TendChartLegendEntry entry = { s, tend_chart_get_series_color (self->chart, s), };

      /* Entries flow like words, wrapping onto a new row when the line is full. */
      if (x > area->x && x + entry_width > rect_right (area))
        {
          x = area->x;
          y += row + 4;
        }

      entry.swatch = (TendChartRect) { x, y + (row - SWATCH) / 2.0, SWATCH, SWATCH };
      g_array_append_val (self->legend, entry);
      add_label (self, label, x + SWATCH + 4, y + (row - label->rect.height) / 2.0);
      x += entry_width + 12;
    }

  take_top (area, y + row + GAP - area->y);
}

static void
find_extent (TendChart *chart,
             double    *low,
             double    *high)
{
  TendChartKind kind = tend_chart_get_kind (chart);
  guint n_points = tend_chart_get_n_points (chart);
  guint n_series = tend_chart_get_n_series (chart);
  double fixed_min, fixed_max;

  *low = INFINITY;
  *high = -INFINITY;

  for (guint i = 0; i < n_points; i++)
    {
      double positive = 0.0, negative = 0.0;

      for (guint s = 0; s < n_series; s++)
        {
          double value = tend_chart_get_value (chart, s, i);

          if (isnan (value))
            continue;

          /* Stacked bars reach as far as the sums of their positive and negative parts. */
          if (kind == TEND_CHART_KIND_STACKED_BARS)
            {
              if (value >= 0)
                positive += value;
              else
                negative += value;
              value = value >= 0 ? positive : negative;
            }

          *low = MIN (*low, value);
          *high = MAX (*high, value);
        }
    }

  /* Bars and areas grow from zero, so zero must be on the axis; a line need not. */
  if (!is_point_kind (kind) || kind == TEND_CHART_KIND_AREA)
    {
      *low = MIN (*low, 0.0);
      *high = MAX (*high, 0.0);
    }

  tend_chart_get_value_range (chart, &fixed_min, &fixed_max);
  if (!isnan (fixed_min))
    *low = fixed_min;
  if (!isnan (fixed_max))
    *high = fixed_max;
}

static void
compute_ticks (TendChartLayout *self,
               double           axis_length,
               double           room_per_tick)
{
  TendChartFormat format = tend_chart_get_format (self->chart);
  guint target = (guint)CLAMP (axis_length / room_per_tick, 2, 6);
  double low, high;

  find_extent (self->chart, &low, &high);
  tend_chart_ticks_compute (&self->ticks, low, high, target,
                            format == TEND_CHART_FORMAT_INTEGER
                            || format == TEND_CHART_FORMAT_MONEY);
}

static double
scale_value (TendChartLayout *self,
             double           value)
{
  return CLAMP (tend_chart_ticks_scale (&self->ticks, value), 0.0, 1.0);
}

/* Where bars grow from: zero, or the nearest end of the axis when zero is off it. */
static double
baseline_value (TendChartLayout *self)
{
  return CLAMP (0.0, self->ticks.min, self->ticks.max);
}

static double
category_axis_length (TendChartLayout *self)
{
  return self->horizontal ? self->plot.height : self->plot.width;
}

static void
add_bar (TendChartLayout *self,
         guint            series,
         guint            index,
         double           value,
         double           from,
         double           c0,
         double           c1)
{
  TendChartItem item = { 0, };

  item.series = series;
  item.index = index;
  item.value = value;
  item.color = tend_chart_get_point_color (self->chart, series, index);
  item.c0 = c0;
  item.c1 = c1;
  item.v0 = scale_value (self, from);
  item.v1 = scale_value (self, from + value);
  g_array_append_val (self->items, item);
}

static void
build_bars (TendChartLayout *self)
{
  guint n_points = tend_chart_get_n_points (self->chart);
  guint n_series = tend_chart_get_n_series (self->chart);
  gboolean stacked = tend_chart_get_kind (self->chart) == TEND_CHART_KIND_STACKED_BARS;
  guint n_slots = stacked ? 1 : n_series;
  double length = MAX (category_axis_length (self), 1.0);
  double band = length / n_points;
  double group = band >= 6.0 ? band * 0.7 : band;
  double slot;

  group = MIN (group, self->horizontal ? MAX_BAR_HEIGHT * n_slots : MAX_BAR_WIDTH);
  slot = group / n_slots;

  for (guint i = 0; i < n_points; i++)
    {
      double start = i * band + (band - group) / 2.0;
      double positive = baseline_value (self), negative = baseline_value (self);

      for (guint s = 0; s < n_series; s++)
        {
          double value = tend_chart_get_value (self->chart, s, i);
          double c0 = stacked ? start : start + s * slot;

          if (isnan (value))
            continue;

          if (!stacked)
            add_bar (self, s, i, value, baseline_value (self), c0 / length,
                     (c0 + slot) / length);
          else if (value >= 0)
            {
              add_bar (self, s, i, value, positive, c0 / length, (c0 + slot) / length);
              positive += value;
            }
          else
            {
              add_bar (self, s, i, value, negative, c0 / length, (c0 + slot) / length);
              negative += value;
            }
        }
    }
}

static double
point_position (TendChart *chart,
                guint      index)
{
  guint n_points = tend_chart_get_n_points (chart);
  TendDay first, last;

  if (!tend_chart_has_days (chart))
    return (index + 0.5) / n_points;

  /* Days sit by date, not by index, so a gap in the data shows as a gap in time. */
  first = tend_chart_get_day (chart, 0);
  last = tend_chart_get_day (chart, n_points - 1);
  if (last <= first)
    return 0.5;

  return (double)(tend_chart_get_day (chart, index) - first) / (double)(last - first);
}

static void
build_points (TendChartLayout *self)
{
  guint n_points = tend_chart_get_n_points (self->chart);
  guint n_series = tend_chart_get_n_series (self->chart);

  for (guint i = 0; i < n_points; i++)
    {
      double c = point_position (self->chart, i);

      for (guint s = 0; s < n_series; s++)
        {
          TendChartItem item = { 0, };

          item.value = tend_chart_get_value (self->chart, s, i);
          if (isnan (item.value))
            continue;

          item.series = s;
          item.index = i;
          item.is_point = TRUE;
          item.color = tend_chart_get_point_color (self->chart, s, i);
          item.c0 = item.c1 = c;
          item.v0 = item.v1 = scale_value (self, item.value);
          g_array_append_val (self->items, item);
        }
    }
}

static void
map_point (TendChartLayout *self,
           double           c,
           double           v,
           double          *x,
           double          *y)
{
  if (self->horizontal)
    {
      *x = self->plot.x + v * self->plot.width;
      *y = self->plot.y + c * self->plot.height;
    }
  else
    {
      *x = self->plot.x + c * self->plot.width;
      *y = self->plot.y + (1.0 - v) * self->plot.height;
    }
}

/* Turns the 0..1 places of the items into pixels inside the plot area. */
static void
map_items (TendChartLayout *self)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      TendChartItem *item = &g_array_index (self->items, TendChartItem, i);
      double x0, y0, x1, y1;

      if (item->is_point)
        {
          map_point (self, item->c0, item->v0, &item->x, &item->y);
          item->rect = (TendChartRect) { item->x - POINT_BOX / 2, item->y - POINT_BOX / 2,
                                         POINT_BOX, POINT_BOX };
          continue;
        }

      map_point (self, item->c0, item->v0, &x0, &y0);
      map_point (self, item->c1, item->v1, &x1, &y1);
      item->rect = (TendChartRect) { MIN (x0, x1), MIN (y0, y1), fabs (x1 - x0),
                                     fabs (y1 - y0) };
      map_point (self, (item->c0 + item->c1) / 2.0, item->v1, &item->x, &item->y);
    }
}

static gboolean
single_series_bars (TendChartLayout *self)
{
  TendChartKind kind = tend_chart_get_kind (self->chart);

  return (kind == TEND_CHART_KIND_VERTICAL_BARS || kind == TEND_CHART_KIND_HORIZONTAL_BARS)
         && tend_chart_get_n_series (self->chart) == 1;
}

static gboolean
shows_values (TendChartLayout *self)
{
  return tend_chart_get_show_values (self->chart) && single_series_bars (self);
}

static GPtrArray *
make_tick_labels (TendChartLayout *self)
{
  GPtrArray *labels = g_ptr_array_new_with_free_func (label_free);

  for (guint t = 0; t < self->ticks.n_ticks; t++)
    {
      double value = tend_chart_ticks_get_value (&self->ticks, t);
      g_autofree char *text = tend_chart_format_tick (self->chart, value, self->ticks.step);

      g_ptr_array_add (labels, label_new (self, TEND_CHART_LABEL_TICK, text, self->label_font,
                                          0));
    }

  return labels;
}

static double
widest (GPtrArray *labels)
{
  double width = 0;

  for (guint i = 0; i < labels->len; i++)
    width = MAX (width, ((TendChartLabel *)g_ptr_array_index (labels, i))->rect.width);

  return width;
}

/* Keeps the tick labels that do not collide with the one kept before them. */
static void
place_tick_labels (TendChartLayout     *self,
                   GPtrArray           *labels,
                   const TendChartRect *area)
{
  double last_end = -INFINITY;

  for (guint t = 0; t < labels->len; t++)
    {
      TendChartLabel *label = g_ptr_array_index (labels, t);
      double value = tend_chart_ticks_get_value (&self->ticks, t);
      double at = tend_chart_layout_value_to_pixel (self, value);
      double x, y, start, end;

      if (self->horizontal)
        {
          x = CLAMP (at - label->rect.width / 2.0, area->x, rect_right (area) - label->rect.width);
          y = rect_bottom (&self->plot) + GAP / 2.0;
          start = x;
          end = x + label->rect.width;
        }
      else
        {
          x = self->plot.x - GAP - label->rect.width;
          y = at - label->rect.height / 2.0;
          start = -(y + label->rect.height);
          end = -y;
        }

      if (start < last_end + 2.0)
        continue;

      last_end = end;
      add_label (self, g_steal_pointer (&labels->pdata[t]), x, y);
    }
}

typedef struct
{
  char   *text;
  double  centre;
  double  max_width;
} Candidate;

static void
candidate_clear (gpointer data)
{
  g_free (((Candidate *)data)->text);
}

/* Tries to set a row of x labels under the plot (or a column beside it, for horizontal
 * bars) without overlap; adds them only when all fit, so the caller can thin them out. */
static gboolean
place_axis_row (TendChartLayout     *self,
                GArray              *candidates,
                const TendChartRect *area)
{
  g_autoptr(GPtrArray) placed = g_ptr_array_new_with_free_func (label_free);
  double last_end = -INFINITY;

  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *candidate = &g_array_index (candidates, Candidate, i);
      TendChartLabel *label = label_new (self, TEND_CHART_LABEL_X, candidate->text,
                                         self->label_font, candidate->max_width);

      g_ptr_array_add (placed, label);
      if (self->horizontal)
        {
          label->rect.x = self->plot.x - GAP - label->rect.width;
          label->rect.y = candidate->centre - label->rect.height / 2.0;
          if (label->rect.y < last_end + 1.0)
            return FALSE;
          last_end = rect_bottom (&label->rect);
        }
      else
        {
          label->rect.x = CLAMP (candidate->centre - label->rect.width / 2.0, area->x,
                                 rect_right (area) - label->rect.width);
          label->rect.y = rect_bottom (&self->plot) + GAP / 2.0;
          if (label->rect.x < last_end + LABEL_SPACING)
            return FALSE;
          last_end = rect_right (&label->rect);
        }
    }

  for (guint i = 0; i < placed->len; i++)
    g_ptr_array_add (self->labels, g_steal_pointer (&placed->pdata[i]));

  return TRUE;
}

static double
category_centre (TendChartLayout *self,
                 guint            index)
{
  double band = category_axis_length (self) / tend_chart_get_n_points (self->chart);

  if (self->horizontal)
    return self->plot.y + (index + 0.5) * band;

  return self->plot.x + (index + 0.5) * band;
}

static void
place_category_labels (TendChartLayout     *self,
                       const TendChartRect *area,
                       double               max_width)
{
  guint n_points = tend_chart_get_n_points (self->chart);
  double band = category_axis_length (self) / MAX (n_points, 1);

  /* A chart without category names (its series alone) has nothing to write here. */
  if (tend_chart_get_category (self->chart, 0) == NULL)
    return;

  /* Long names are cut short to their bar's width; when even that is crowded, every
   * second (third, ...) name is shown. */
  if (!self->horizontal)
    max_width = MAX (band - LABEL_SPACING, 48.0);

  for (guint stride = 1; stride <= n_points; stride++)
    {
      g_autoptr(GArray) candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));

      g_array_set_clear_func (candidates, candidate_clear);
      for (guint i = 0; i < n_points; i += stride)
        {
          Candidate candidate = { g_strdup (tend_chart_get_category (self->chart, i) ? : ""),
                                  category_centre (self, i), max_width };

          g_array_append_val (candidates, candidate);
        }

      if (place_axis_row (self, candidates, area))
        return;
    }
}

static char *
format_day_label (TendDay     day,
                  const char *format)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (tend_day_to_unix (day));

  return g_date_time_format (when, format);
}

/* Where a day falls along the axis: by date for lines, at its bar for bars. */
static gboolean
day_centre (TendChartLayout *self,
            TendDay          day,
            double          *centre)
{
  guint n_points = tend_chart_get_n_points (self->chart);
  TendDay first = tend_chart_get_day (self->chart, 0);
  TendDay last = tend_chart_get_day (self->chart, n_points - 1);

  if (is_point_kind (tend_chart_get_kind (self->chart)))
    {
      *centre = self->plot.x + (last > first ? (double)(day - first) / (last - first) : 0.5)
                * self->plot.width;
      return TRUE;
    }

  for (guint i = 0; i < n_points; i++)
    {
      if (tend_chart_get_day (self->chart, i) >= day)
        {
          *centre = category_centre (self, i);
          return TRUE;
        }
    }

  return FALSE;
}

static void
add_day_candidate (TendChartLayout *self,
                   GArray          *candidates,
                   TendDay          day,
                   const char      *format)
{
  Candidate candidate = { NULL, 0, 0 };

  if (!day_centre (self, day, &candidate.centre))
    return;

  candidate.text = format_day_label (day, format);
  g_array_append_val (candidates, candidate);
}

static GArray *
month_candidates (TendChartLayout *self,
                  guint            stride)
{
  GArray *candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  TendDay first = tend_chart_get_day (self->chart, 0);
  TendDay last = tend_chart_get_day (self->chart, tend_chart_get_n_points (self->chart) - 1);
  int year, month, mday;

  g_array_set_clear_func (candidates, candidate_clear);
  tend_day_to_ymd (first, &year, &month, &mday);

  for (TendDay day = tend_day_from_ymd (year, month, 1); day <= last;
       day = tend_day_add_months (day, 1))
    {
      int y, m, d;

      tend_day_to_ymd (day, &y, &m, &d);
      if (day < first || (m - 1) % MIN (stride, 12) != 0 || (stride > 12 && y % (stride / 12)))
        continue;

      /* The year is written on January and on the first label, so every label is dated. */
      add_day_candidate (self, candidates, day,
                         m == 1 || candidates->len == 0
                         /* Translators: a month on a chart axis, with its year; see
                          * g_date_time_format() */
                         ? C_("chart axis month", "%b %Y")
                         /* Translators: a month on a chart axis; see g_date_time_format() */
                         : C_("chart axis month", "%b"));
    }

  return candidates;
}

static GArray *
day_candidates (TendChartLayout *self,
                guint            stride)
{
  GArray *candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  TendDay first = tend_chart_get_day (self->chart, 0);
  TendDay last = tend_chart_get_day (self->chart, tend_chart_get_n_points (self->chart) - 1);

  g_array_set_clear_func (candidates, candidate_clear);
  for (TendDay day = first; day <= last; day += stride)
    /* Translators: a day on a chart axis; see g_date_time_format() */
    add_day_candidate (self, candidates, day, C_("chart axis day", "%-d %b"));

  return candidates;
}

static void
place_day_labels (TendChartLayout     *self,
                  const TendChartRect *area)
{
  static const guint month_strides[] = { 1, 2, 3, 4, 6, 12, 24, 60, 120 };
  static const guint day_strides[] = { 1, 2, 7, 14, 28 };
  g_autoptr(GArray) months = month_candidates (self, 1);

  /* Months label the axis when it spans at least two of them; a shorter span is labelled
   * by days. Either way the first spacing whose labels all fit is taken. */
  if (months->len >= 2)
    {
      for (guint i = 0; i < G_N_ELEMENTS (month_strides); i++)
        {
          g_autoptr(GArray) candidates = month_candidates (self, month_strides[i]);

          if (place_axis_row (self, candidates, area))
            return;
        }
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (day_strides); i++)
    {
      g_autoptr(GArray) candidates = day_candidates (self, day_strides[i]);

      if (place_axis_row (self, candidates, area))
        return;
    }
}

static void
place_value_labels (TendChartLayout     *self,
                    const TendChartRect *area)
{
  double band = category_axis_length (self) / tend_chart_get_n_points (self->chart);

  for (guint i = 0; i < self->items->len; i++)
    {
      const TendChartItem *item = &g_array_index (self->items, TendChartItem, i);
      g_autofree char *text = tend_chart_format_value (self->chart, item->value, FALSE);
      g_autoptr(TendChartLabel) label = label_new (self, TEND_CHART_LABEL_VALUE, text,
                                                   self->label_font, 0);
      gboolean negative = item->v1 < item->v0;
      double x, y;

      if (self->horizontal)
        {
          x = negative ? item->x - GAP / 2 - label->rect.width : item->x + GAP / 2;
          y = item->y - label->rect.height / 2.0;
          if (label->rect.height > band || x < self->plot.x
              || x + label->rect.width > rect_right (area))
            continue;
        }
      else
        {
          x = item->x - label->rect.width / 2.0;
          y = negative ? item->y + 2 : item->y - 2 - label->rect.height;
          if (label->rect.width > band || y < area->y
              || y + label->rect.height > rect_bottom (&self->plot))
            continue;
        }

      add_label (self, g_steal_pointer (&label), x, y);
    }
}

static void
layout_vertical (TendChartLayout *self,
                 TendChartRect    area)
{
  g_autoptr(GPtrArray) ticks = NULL;
  double top = area.y + self->line_height / 2.0;
  double bottom = rect_bottom (&area) - self->line_height - GAP / 2.0;

  /* Room above the tallest bar for its value. */
  if (shows_values (self))
    top += self->line_height + 2;

  self->plot.y = top;
  self->plot.height = MAX (bottom - top, 1.0);
  compute_ticks (self, self->plot.height, 40.0);

  ticks = make_tick_labels (self);
  self->plot.x = area.x + widest (ticks) + GAP;
  self->plot.width = MAX (rect_right (&area) - self->plot.x, 1.0);

  if (is_point_kind (tend_chart_get_kind (self->chart)))
    build_points (self);
  else
    build_bars (self);
  map_items (self);

  place_tick_labels (self, ticks, &area);
  if (tend_chart_has_days (self->chart))
    place_day_labels (self, &area);
  else
    place_category_labels (self, &area, 0);
  if (shows_values (self))
    place_value_labels (self, &area);
}

static GPtrArray *
make_value_labels (TendChartLayout *self)
{
  GPtrArray *labels = g_ptr_array_new_with_free_func (label_free);

  for (guint i = 0; i < tend_chart_get_n_points (self->chart); i++)
    {
      double value = tend_chart_get_value (self->chart, 0, i);
      g_autofree char *text = NULL;

      if (isnan (value))
        continue;

      text = tend_chart_format_value (self->chart, value, FALSE);
      g_ptr_array_add (labels, label_new (self, TEND_CHART_LABEL_VALUE, text,
                                          self->label_font, 0));
    }

  return labels;
}

static double
widest_category (TendChartLayout *self)
{
  double width = 0;

  for (guint i = 0; i < tend_chart_get_n_points (self->chart); i++)
    {
      const char *text = tend_chart_get_category (self->chart, i);
      g_autoptr(TendChartLabel) label = label_new (self, TEND_CHART_LABEL_X, text ? text : "",
                                                   self->label_font, 0);

      width = MAX (width, label->rect.width);
    }

  return width;
}

static void
layout_horizontal (TendChartLayout *self,
                   TendChartRect    area)
{
  g_autoptr(GPtrArray) ticks = NULL;
  double names = MIN (widest_category (self), area.width * 0.35);
  double reserve = 0;

  /* Room at the right for the value written after the longest bar. */
  if (shows_values (self))
    {
      g_autoptr(GPtrArray) values = make_value_labels (self);

      reserve = MIN (widest (values) + GAP, area.width * 0.3);
    }

  self->plot.x = area.x + names + GAP;
  self->plot.width = MAX (rect_right (&area) - reserve - self->plot.x, 1.0);
  self->plot.y = area.y;
  self->plot.height = MAX (area.height - self->line_height - GAP / 2.0, 1.0);
  compute_ticks (self, self->plot.width, 80.0);

  build_bars (self);
  map_items (self);

  ticks = make_tick_labels (self);
  place_tick_labels (self, ticks, &area);
  place_category_labels (self, &area, names);
  if (shows_values (self))
    place_value_labels (self, &area);
}

/**
 * tend_chart_layout_new:
 * @chart: the chart to lay out; the layout keeps a reference but does not follow later
 *   changes, so make a new layout after #TendChart::changed
 * @context: measures the text; use one made for the target surface
 *   (pango_cairo_create_context() or gtk_widget_create_pango_context())
 * @width: the width of the drawing, in the surface's units
 * @height: its height
 *
 * Returns: (transfer full): the geometry of @chart at this size
 */
TendChartLayout *
tend_chart_layout_new (TendChart    *chart,
                       PangoContext *context,
                       double        width,
                       double        height)
{
  TendChartLayout *self;
  TendChartRect area;

  g_return_val_if_fail (TEND_IS_CHART (chart), NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  self = g_new0 (TendChartLayout, 1);
  self->chart = g_object_ref (chart);
  self->context = g_object_ref (context);
  self->width = MAX (width, 0);
  self->height = MAX (height, 0);
  self->horizontal = tend_chart_get_kind (chart) == TEND_CHART_KIND_HORIZONTAL_BARS;
  self->items = g_array_new (FALSE, TRUE, sizeof (TendChartItem));
  self->labels = g_ptr_array_new_with_free_func (label_free);
  self->legend = g_array_new (FALSE, TRUE, sizeof (TendChartLegendEntry));
  setup_fonts (self);
  self->line_height = measure_line_height (self);

  area = (TendChartRect) { PADDING, PADDING, MAX (self->width - 2 * PADDING, 1),
                           MAX (self->height - 2 * PADDING, 1) };
  place_title (self, &area);

  self->empty = tend_chart_is_empty (chart);
  if (self->empty)
    {
      self->plot = area;
      tend_chart_ticks_compute (&self->ticks, 0, 1, 1, FALSE);
      place_empty_state (self, &area);
      return self;
    }

  place_legend (self, &area);
  if (self->horizontal)
    layout_horizontal (self, area);
  else
    layout_vertical (self, area);

  return self;
}

void
tend_chart_layout_free (TendChartLayout *self)
{
  if (self == NULL)
    return;

  g_object_unref (self->chart);
  g_object_unref (self->context);
  pango_font_description_free (self->label_font);
  pango_font_description_free (self->title_font);
  pango_font_description_free (self->empty_font);
  g_array_unref (self->items);
  g_ptr_array_unref (self->labels);
  g_array_unref (self->legend);
  g_free (self);
}

/**
 * tend_chart_layout_get_chart:
 *
 * Returns: (transfer none): the chart laid out
 */
TendChart *
tend_chart_layout_get_chart (TendChartLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->chart;
}

double
tend_chart_layout_get_width (TendChartLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->width;
}

double
tend_chart_layout_get_height (TendChartLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->height;
}

/**
 * tend_chart_layout_is_empty:
 *
 * Returns: whether the layout is the empty state ("No data yet") with no items
 */
gboolean
tend_chart_layout_is_empty (TendChartLayout *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->empty;
}

/**
 * tend_chart_layout_is_horizontal:
 *
 * Returns: whether values run left to right (horizontal bars) rather than bottom to top
 */
gboolean
tend_chart_layout_is_horizontal (TendChartLayout *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->horizontal;
}

/**
 * tend_chart_layout_get_plot_area:
 * @area: (out): the rectangle that the value and category axes span
 */
void
tend_chart_layout_get_plot_area (TendChartLayout *self,
                                 TendChartRect   *area)
{
  g_return_if_fail (self != NULL);

  *area = self->plot;
}

/**
 * tend_chart_layout_get_ticks:
 *
 * Returns: (transfer none): the value axis
 */
const TendChartTicks *
tend_chart_layout_get_ticks (TendChartLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->ticks;
}

/**
 * tend_chart_layout_value_to_pixel:
 *
 * Returns: where @value falls on the value axis in pixels: a y for vertical charts, an x
 *   for horizontal bars (not clamped to the plot)
 */
double
tend_chart_layout_value_to_pixel (TendChartLayout *self,
                                  double           value)
{
  double v;

  g_return_val_if_fail (self != NULL, 0);

  v = tend_chart_ticks_scale (&self->ticks, value);
  if (self->horizontal)
    return self->plot.x + v * self->plot.width;

  return self->plot.y + (1.0 - v) * self->plot.height;
}

/**
 * tend_chart_layout_get_n_items:
 *
 * Returns: how many values are drawn; missing (NaN) values have no item
 */
guint
tend_chart_layout_get_n_items (TendChartLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->items->len;
}

/**
 * tend_chart_layout_get_item:
 * @position: from 0 to the number of items; items run by index, then by series
 *
 * Returns: (transfer none): the item
 */
const TendChartItem *
tend_chart_layout_get_item (TendChartLayout *self,
                            guint            position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  return &g_array_index (self->items, TendChartItem, position);
}

static int
find_position (TendChartLayout *self,
               guint            series,
               guint            index)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      const TendChartItem *item = &g_array_index (self->items, TendChartItem, i);

      if (item->series == series && item->index == index)
        return (int)i;
    }

  return -1;
}

/**
 * tend_chart_layout_find_item:
 *
 * Returns: (transfer none) (nullable): the item of @series at @index, or %NULL when that
 *   value is missing
 */
const TendChartItem *
tend_chart_layout_find_item (TendChartLayout *self,
                             guint            series,
                             guint            index)
{
  int position;

  g_return_val_if_fail (self != NULL, NULL);

  position = find_position (self, series, index);
  if (position < 0)
    return NULL;

  return &g_array_index (self->items, TendChartItem, position);
}

static void
grow_rect (TendChartRect *rect,
           double         least)
{
  if (rect->width < least)
    {
      rect->x -= (least - rect->width) / 2.0;
      rect->width = least;
    }

  if (rect->height < least)
    {
      rect->y -= (least - rect->height) / 2.0;
      rect->height = least;
    }
}

static const TendChartItem *
hit_bar (TendChartLayout *self,
         double           x,
         double           y)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      const TendChartItem *item = &g_array_index (self->items, TendChartItem, i);
      TendChartRect rect = item->rect;

      grow_rect (&rect, MIN_HIT);
      if (rect_contains (&rect, x, y))
        return item;
    }

  if (!single_series_bars (self) || !rect_contains (&self->plot, x, y))
    return NULL;

  /* A short bar is hard to point at, so with one series its whole column answers. */
  for (guint i = 0; i < self->items->len; i++)
    {
      const TendChartItem *item = &g_array_index (self->items, TendChartItem, i);
      const TendChartRect *rect = &item->rect;

      if (self->horizontal ? (y >= rect->y && y <= rect_bottom (rect))
                           : (x >= rect->x && x <= rect_right (rect)))
        return item;
    }

  return NULL;
}

/* Lines answer anywhere over the plot with the nearest point in time, then in value. */
static const TendChartItem *
hit_point (TendChartLayout *self,
           double           x,
           double           y)
{
  const TendChartItem *best = NULL;
  TendChartRect reach = self->plot;
  double best_dx = INFINITY, best_dy = INFINITY;

  reach.x -= POINT_BOX;
  reach.y -= POINT_BOX;
  reach.width += 2 * POINT_BOX;
  reach.height += 2 * POINT_BOX;
  if (!rect_contains (&reach, x, y))
    return NULL;

  for (guint i = 0; i < self->items->len; i++)
    {
      const TendChartItem *item = &g_array_index (self->items, TendChartItem, i);
      double dx = fabs (item->x - x), dy = fabs (item->y - y);

      if (dx < best_dx - 0.5 || (dx <= best_dx + 0.5 && dy < best_dy))
        {
          best = item;
          best_dx = MIN (dx, best_dx);
          best_dy = dy;
        }
    }

  return best;
}

/**
 * tend_chart_layout_hit_test:
 * @series: (out) (optional): the series of the item at the point
 * @index: (out) (optional): its index
 *
 * Finds the item under a point: the bar that contains it (or, with one series, the bar
 * of its column), or for lines the point nearest in x, then in y.
 *
 * Returns: whether there is an item at (@x, @y)
 */
gboolean
tend_chart_layout_hit_test (TendChartLayout *self,
                            double           x,
                            double           y,
                            guint           *series,
                            guint           *index)
{
  const TendChartItem *item;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->empty)
    return FALSE;

  if (is_point_kind (tend_chart_get_kind (self->chart)))
    item = hit_point (self, x, y);
  else
    item = hit_bar (self, x, y);

  if (item == NULL)
    return FALSE;

  if (series != NULL)
    *series = item->series;
  if (index != NULL)
    *index = item->index;

  return TRUE;
}

static int
step_within_series (TendChartLayout *self,
                    int              position,
                    int              delta)
{
  guint series = g_array_index (self->items, TendChartItem, position).series;
  int direction = delta > 0 ? 1 : -1;
  int found = position;

  for (int i = position + direction, left = ABS (delta); i >= 0 && i < (int)self->items->len
       && left > 0; i += direction)
    {
      if (g_array_index (self->items, TendChartItem, i).series == series)
        {
          found = i;
          left--;
        }
    }

  return found;
}

/**
 * tend_chart_layout_step:
 * @series: (inout): the current item's series; an item that is not there starts anew
 * @index: (inout): the current item's index
 * @delta: how many items to move, negative for back
 *
 * Moves the keyboard's highlight: through all bars in the order they are drawn, or along
 * the current line. It stops at either end. A current item that does not exist (e.g.
 * G_MAXUINT) moves to the first item for a positive @delta and the last for a negative.
 *
 * Returns: whether @series and @index changed
 */
gboolean
tend_chart_layout_step (TendChartLayout *self,
                        guint           *series,
                        guint           *index,
                        int              delta)
{
  const TendChartItem *item;
  int position, target;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (series != NULL && index != NULL, FALSE);

  if (self->items->len == 0)
    return FALSE;

  position = find_position (self, *series, *index);
  if (position < 0)
    target = delta >= 0 ? 0 : (int)self->items->len - 1;
  else if (is_point_kind (tend_chart_get_kind (self->chart)))
    target = step_within_series (self, position, delta);
  else
    target = CLAMP (position + delta, 0, (int)self->items->len - 1);

  if (target == position)
    return FALSE;

  item = &g_array_index (self->items, TendChartItem, target);
  *series = item->series;
  *index = item->index;

  return TRUE;
}

guint
tend_chart_layout_get_n_labels (TendChartLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->labels->len;
}

/**
 * tend_chart_layout_get_label:
 *
 * Returns: (transfer none): a piece of text that is drawn; labels that did not fit were
 *   left out and are not listed
 */
const TendChartLabel *
tend_chart_layout_get_label (TendChartLayout *self,
                             guint            position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->labels->len, NULL);

  return g_ptr_array_index (self->labels, position);
}

guint
tend_chart_layout_get_n_legend (TendChartLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->legend->len;
}

/**
 * tend_chart_layout_get_legend_entry:
 *
 * Returns: (transfer none): a colour square of the legend; its text is the
 *   %TEND_CHART_LABEL_LEGEND label of the same position among legend labels
 */
const TendChartLegendEntry *
tend_chart_layout_get_legend_entry (TendChartLayout *self,
                                    guint            position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->legend->len, NULL);

  return &g_array_index (self->legend, TendChartLegendEntry, position);
}
