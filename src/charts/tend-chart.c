/* tend-chart.c: the data a chart shows, apart from how it is laid out or drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A chart holds its x axis (category names or calendar days), one or more series of
 * doubles, colours and guide bands. Layout (tend-chart-layout.c) turns it into geometry
 * for a size, and tend-chart-render.c draws that geometry into any cairo_t. Every change
 * emits "changed" so a view can lay out again.
 */

#define G_LOG_DOMAIN "TendCharts"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "tend-chart.h"

typedef struct
{
  char           *label;
  TendChartColor  color;
  GArray         *values;       /* double; NaN where there is no value */
  GArray         *point_colors; /* int; -1 means the series colour */
} Series;

typedef struct
{
  double         from;
  double         to;
  TendChartColor color;
} Band;

struct _TendChart
{
  GObject             parent_instance;

  TendChartKind       kind;
  char               *title;
  TendChartFormat     format;
  char               *currency;
  gboolean            show_title;
  gboolean            show_values;
  double              range_min;
  double              range_max;

  GPtrArray          *categories; /* char*, or NULL */
  GArray             *days;       /* TendDay, or NULL */
  GPtrArray          *series;     /* Series* */
  GArray             *bands;      /* Band */

  TendChartValueFunc  tooltip_func;
  gpointer            tooltip_data;
  GDestroyNotify      tooltip_destroy;
};

G_DEFINE_FINAL_TYPE (TendChart, tend_chart, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (TendChartKind, tend_chart_kind,
  G_DEFINE_ENUM_VALUE (TEND_CHART_KIND_VERTICAL_BARS, "vertical-bars"),
  G_DEFINE_ENUM_VALUE (TEND_CHART_KIND_HORIZONTAL_BARS, "horizontal-bars"),
  G_DEFINE_ENUM_VALUE (TEND_CHART_KIND_LINE, "line"),
  G_DEFINE_ENUM_VALUE (TEND_CHART_KIND_AREA, "area"),
  G_DEFINE_ENUM_VALUE (TEND_CHART_KIND_STACKED_BARS, "stacked-bars"))

G_DEFINE_ENUM_TYPE (TendChartFormat, tend_chart_format,
  G_DEFINE_ENUM_VALUE (TEND_CHART_FORMAT_INTEGER, "integer"),
  G_DEFINE_ENUM_VALUE (TEND_CHART_FORMAT_DECIMAL, "decimal"),
  G_DEFINE_ENUM_VALUE (TEND_CHART_FORMAT_PERCENT, "percent"),
  G_DEFINE_ENUM_VALUE (TEND_CHART_FORMAT_MONEY, "money"))

G_DEFINE_ENUM_TYPE (TendChartColor, tend_chart_color,
  G_DEFINE_ENUM_VALUE (TEND_CHART_COLOR_ACCENT, "accent"),
  G_DEFINE_ENUM_VALUE (TEND_CHART_COLOR_NEUTRAL, "neutral"),
  G_DEFINE_ENUM_VALUE (TEND_CHART_COLOR_RED, "red"),
  G_DEFINE_ENUM_VALUE (TEND_CHART_COLOR_YELLOW, "yellow"),
  G_DEFINE_ENUM_VALUE (TEND_CHART_COLOR_GREEN, "green"),
  G_DEFINE_ENUM_VALUE (TEND_CHART_COLOR_PURPLE, "purple"),
  G_DEFINE_ENUM_VALUE (TEND_CHART_COLOR_TEAL, "teal"),
  G_DEFINE_ENUM_VALUE (TEND_CHART_COLOR_ORANGE, "orange"),
  G_DEFINE_ENUM_VALUE (TEND_CHART_N_COLORS, "n-colors"))

enum {
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_FORMAT,
  PROP_CURRENCY,
  PROP_SHOW_TITLE,
  PROP_SHOW_VALUES,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
series_free (gpointer data)
{
  Series *series = data;

  g_free (series->label);
  g_array_unref (series->values);
  g_array_unref (series->point_colors);
  g_free (series);
}

/* Like g_set_str() of GLib 2.76, which Debian 12 does not have. */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

static void
emit_changed (TendChart *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
tend_chart_finalize (GObject *object)
{
  TendChart *self = (TendChart *)object;

  if (self->tooltip_destroy != NULL)
    self->tooltip_destroy (self->tooltip_data);

  g_free (self->title);
  g_free (self->currency);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->days, g_array_unref);
  g_ptr_array_unref (self->series);
  g_array_unref (self->bands);

  G_OBJECT_CLASS (tend_chart_parent_class)->finalize (object);
}

static void
tend_chart_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TendChart *self = TEND_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_FORMAT:
      g_value_set_enum (value, self->format);
      break;
    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;
    case PROP_SHOW_TITLE:
      g_value_set_boolean (value, self->show_title);
      break;
    case PROP_SHOW_VALUES:
      g_value_set_boolean (value, self->show_values);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_chart_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TendChart *self = TEND_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      tend_chart_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_TITLE:
      tend_chart_set_title (self, g_value_get_string (value));
      break;
    case PROP_FORMAT:
      tend_chart_set_format (self, g_value_get_enum (value));
      break;
    case PROP_CURRENCY:
      tend_chart_set_currency (self, g_value_get_string (value));
      break;
    case PROP_SHOW_TITLE:
      tend_chart_set_show_title (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_VALUES:
      tend_chart_set_show_values (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_chart_class_init (TendChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tend_chart_finalize;
  object_class->get_property = tend_chart_get_property;
  object_class->set_property = tend_chart_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, TEND_TYPE_CHART_KIND,
                       TEND_CHART_KIND_VERTICAL_BARS, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_FORMAT] =
    g_param_spec_enum ("format", NULL, NULL, TEND_TYPE_CHART_FORMAT,
                       TEND_CHART_FORMAT_INTEGER, flags);
  properties[PROP_CURRENCY] = g_param_spec_string ("currency", NULL, NULL, "USD", flags);
  properties[PROP_SHOW_TITLE] = g_param_spec_boolean ("show-title", NULL, NULL, TRUE, flags);
  properties[PROP_SHOW_VALUES] = g_param_spec_boolean ("show-values", NULL, NULL, TRUE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TendChart::changed:
   *
   * Emitted after any change to the data, the bands or a property that alters the
   * drawing, so a view lays the chart out again.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
tend_chart_init (TendChart *self)
{
  self->currency = g_strdup ("USD");
  self->show_title = TRUE;
  self->show_values = TRUE;
  self->range_min = NAN;
  self->range_max = NAN;
  self->series = g_ptr_array_new_with_free_func (series_free);
  self->bands = g_array_new (FALSE, FALSE, sizeof (Band));
}

/**
 * tend_chart_new:
 * @kind: bars, lines, areas or stacked bars
 *
 * Returns: (transfer full): an empty chart
 */
TendChart *
tend_chart_new (TendChartKind kind)
{
  return g_object_new (TEND_TYPE_CHART, "kind", kind, NULL);
}

TendChartKind
tend_chart_get_kind (TendChart *self)
{
  g_return_val_if_fail (TEND_IS_CHART (self), TEND_CHART_KIND_VERTICAL_BARS);

  return self->kind;
}

void
tend_chart_set_kind (TendChart     *self,
                     TendChartKind  kind)
{
  g_return_if_fail (TEND_IS_CHART (self));

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
  emit_changed (self);
}

const char *
tend_chart_get_title (TendChart *self)
{
  g_return_val_if_fail (TEND_IS_CHART (self), NULL);

  return self->title;
}

void
tend_chart_set_title (TendChart  *self,
                      const char *title)
{
  g_return_if_fail (TEND_IS_CHART (self));

  if (!replace_string (&self->title, title))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  emit_changed (self);
}

TendChartFormat
tend_chart_get_format (TendChart *self)
{
  g_return_val_if_fail (TEND_IS_CHART (self), TEND_CHART_FORMAT_INTEGER);

  return self->format;
}

void
tend_chart_set_format (TendChart       *self,
                       TendChartFormat  format)
{
  g_return_if_fail (TEND_IS_CHART (self));

  if (self->format == format)
    return;

  self->format = format;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
  emit_changed (self);
}

const char *
tend_chart_get_currency (TendChart *self)
{
  g_return_val_if_fail (TEND_IS_CHART (self), NULL);

  return self->currency;
}

/**
 * tend_chart_set_currency:
 * @currency: (nullable): the ISO 4217 code of %TEND_CHART_FORMAT_MONEY values
 */
void
tend_chart_set_currency (TendChart  *self,
                         const char *currency)
{
  g_return_if_fail (TEND_IS_CHART (self));

  if (!replace_string (&self->currency, currency))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
  emit_changed (self);
}

gboolean
tend_chart_get_show_title (TendChart *self)
{
  g_return_val_if_fail (TEND_IS_CHART (self), FALSE);

  return self->show_title;
}

/**
 * tend_chart_set_show_title:
 *
 * Whether the title is drawn above the plot. A view that already has a heading turns it
 * off; the title still names the chart for screen readers.
 */
void
tend_chart_set_show_title (TendChart *self,
                           gboolean   show_title)
{
  g_return_if_fail (TEND_IS_CHART (self));

  show_title = !!show_title;
  if (self->show_title == show_title)
    return;

  self->show_title = show_title;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TITLE]);
  emit_changed (self);
}

gboolean
tend_chart_get_show_values (TendChart *self)
{
  g_return_val_if_fail (TEND_IS_CHART (self), FALSE);

  return self->show_values;
}

/**
 * tend_chart_set_show_values:
 *
 * Whether single-series bar charts write each value at the end of its bar (when it fits).
 */
void
tend_chart_set_show_values (TendChart *self,
                            gboolean   show_values)
{
  g_return_if_fail (TEND_IS_CHART (self));

  show_values = !!show_values;
  if (self->show_values == show_values)
    return;

  self->show_values = show_values;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_VALUES]);
  emit_changed (self);
}

/**
 * tend_chart_get_value_range:
 * @min: (out): the fixed bottom of the value axis, or NaN when it follows the data
 * @max: (out): the fixed top of the value axis, or NaN when it follows the data
 */
void
tend_chart_get_value_range (TendChart *self,
                            double    *min,
                            double    *max)
{
  g_return_if_fail (TEND_IS_CHART (self));

  *min = self->range_min;
  *max = self->range_max;
}

static gboolean
same_bound (double a,
            double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

/**
 * tend_chart_set_value_range:
 * @min: the bottom of the value axis, or NaN to follow the data
 * @max: the top of the value axis, or NaN to follow the data
 *
 * Fixes the value axis, e.g. 0..100 for health scores so that charts of different
 * accounts compare at a glance. Values outside the range are drawn clipped at its edge.
 */
void
tend_chart_set_value_range (TendChart *self,
                            double     min,
                            double     max)
{
  g_return_if_fail (TEND_IS_CHART (self));

  min = isfinite (min) ? min : NAN;
  max = isfinite (max) ? max : NAN;
  if (same_bound (self->range_min, min) && same_bound (self->range_max, max))
    return;

  self->range_min = min;
  self->range_max = max;
  emit_changed (self);
}

/**
 * tend_chart_set_categories:
 * @categories: (nullable) (array zero-terminated=1): the names along the category axis
 *
 * Makes the x axis a list of named categories (and drops any days).
 */
void
tend_chart_set_categories (TendChart          *self,
                           const char * const *categories)
{
  g_return_if_fail (TEND_IS_CHART (self));

  g_clear_pointer (&self->days, g_array_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);

  if (categories != NULL)
    {
      self->categories = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; categories[i] != NULL; i++)
        g_ptr_array_add (self->categories, g_strdup (categories[i]));
    }

  emit_changed (self);
}

/**
 * tend_chart_set_days:
 * @days: (array length=n_days): the calendar day of each point, in ascending order
 *
 * Makes the x axis a time line of days, labelled by month (and drops any categories).
 */
void
tend_chart_set_days (TendChart     *self,
                     const TendDay *days,
                     guint          n_days)
{
  g_return_if_fail (TEND_IS_CHART (self));
  g_return_if_fail (days != NULL || n_days == 0);

  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->days, g_array_unref);

  self->days = g_array_sized_new (FALSE, FALSE, sizeof (TendDay), n_days);
  g_array_append_vals (self->days, days, n_days);

  emit_changed (self);
}

gboolean
tend_chart_has_days (TendChart *self)
{
  g_return_val_if_fail (TEND_IS_CHART (self), FALSE);

  return self->days != NULL;
}

/**
 * tend_chart_get_n_points:
 *
 * Returns: how many x positions the chart has: its categories or days, or when neither
 *   was given, the length of its longest series
 */
guint
tend_chart_get_n_points (TendChart *self)
{
  guint longest = 0;

  g_return_val_if_fail (TEND_IS_CHART (self), 0);

  if (self->categories != NULL)
    return self->categories->len;
  if (self->days != NULL)
    return self->days->len;

  for (guint i = 0; i < self->series->len; i++)
    longest = MAX (longest, ((Series *)g_ptr_array_index (self->series, i))->values->len);

  return longest;
}

/**
 * tend_chart_get_category:
 *
 * Returns: (nullable): the category name at @index, or %NULL when the x axis has none
 */
const char *
tend_chart_get_category (TendChart *self,
                         guint      index)
{
  g_return_val_if_fail (TEND_IS_CHART (self), NULL);

  if (self->categories == NULL || index >= self->categories->len)
    return NULL;

  return g_ptr_array_index (self->categories, index);
}

/**
 * tend_chart_get_day:
 *
 * Returns: the day at @index, or %TEND_DAY_INVALID when the x axis is not days
 */
TendDay
tend_chart_get_day (TendChart *self,
                    guint      index)
{
  g_return_val_if_fail (TEND_IS_CHART (self), TEND_DAY_INVALID);

  if (self->days == NULL || index >= self->days->len)
    return TEND_DAY_INVALID;

  return g_array_index (self->days, TendDay, index);
}

static void
copy_values (Series       *series,
             const double *values,
             guint         n_values)
{
  g_array_set_size (series->values, 0);
  g_array_set_size (series->point_colors, 0);

  /* Infinities have no place on an axis; they count as missing, like NaN. */
  for (guint i = 0; i < n_values; i++)
    {
      double value = isfinite (values[i]) ? values[i] : NAN;

      g_array_append_val (series->values, value);
    }
}

/**
 * tend_chart_add_series:
 * @label: (nullable): the series name for the legend, tooltips and summary
 * @color: the colour of its bars or line
 * @values: (array length=n_values): one value per x position; NaN (or an infinity)
 *   marks a missing value, which is skipped. A shorter series is missing its tail.
 *
 * Returns: the index of the new series
 */
guint
tend_chart_add_series (TendChart      *self,
                       const char     *label,
                       TendChartColor  color,
                       const double   *values,
                       guint           n_values)
{
  Series *series;

  g_return_val_if_fail (TEND_IS_CHART (self), 0);
  g_return_val_if_fail (values != NULL || n_values == 0, 0);
  g_return_val_if_fail (color < TEND_CHART_N_COLORS, 0);

  series = g_new0 (Series, 1);
  series->label = g_strdup (label);
  series->color = color;
  series->values = g_array_new (FALSE, FALSE, sizeof (double));
  series->point_colors = g_array_new (FALSE, FALSE, sizeof (int));
  copy_values (series, values, n_values);
  g_ptr_array_add (self->series, series);

  emit_changed (self);

  return self->series->len - 1;
}

/**
 * tend_chart_set_series_values:
 *
 * Replaces the values of a series (and forgets its per-point colours).
 */
void
tend_chart_set_series_values (TendChart    *self,
                              guint         series,
                              const double *values,
                              guint         n_values)
{
  g_return_if_fail (TEND_IS_CHART (self));
  g_return_if_fail (series < self->series->len);
  g_return_if_fail (values != NULL || n_values == 0);

  copy_values (g_ptr_array_index (self->series, series), values, n_values);
  emit_changed (self);
}

guint
tend_chart_get_n_series (TendChart *self)
{
  g_return_val_if_fail (TEND_IS_CHART (self), 0);

  return self->series->len;
}

/**
 * tend_chart_get_series_label:
 *
 * Returns: (nullable): the label of @series
 */
const char *
tend_chart_get_series_label (TendChart *self,
                             guint      series)
{
  g_return_val_if_fail (TEND_IS_CHART (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);

  return ((Series *)g_ptr_array_index (self->series, series))->label;
}

TendChartColor
tend_chart_get_series_color (TendChart *self,
                             guint      series)
{
  g_return_val_if_fail (TEND_IS_CHART (self), TEND_CHART_COLOR_ACCENT);
  g_return_val_if_fail (series < self->series->len, TEND_CHART_COLOR_ACCENT);

  return ((Series *)g_ptr_array_index (self->series, series))->color;
}

/**
 * tend_chart_get_value:
 *
 * Returns: the value of @series at @index, or NaN when it is missing
 */
double
tend_chart_get_value (TendChart *self,
                      guint      series,
                      guint      index)
{
  Series *s;

  g_return_val_if_fail (TEND_IS_CHART (self), NAN);

  if (series >= self->series->len)
    return NAN;

  s = g_ptr_array_index (self->series, series);
  if (index >= s->values->len || index >= tend_chart_get_n_points (self))
    return NAN;

  return g_array_index (s->values, double, index);
}

/**
 * tend_chart_set_point_color:
 *
 * Gives one bar its own colour, e.g. each band of a health distribution its red, yellow
 * or green, while the series keeps one legend entry.
 */
void
tend_chart_set_point_color (TendChart      *self,
                            guint           series,
                            guint           index,
                            TendChartColor  color)
{
  Series *s;
  int value = color;

  g_return_if_fail (TEND_IS_CHART (self));
  g_return_if_fail (series < self->series->len);
  g_return_if_fail (color < TEND_CHART_N_COLORS);

  s = g_ptr_array_index (self->series, series);
  while (s->point_colors->len <= index)
    {
      int unset = -1;

      g_array_append_val (s->point_colors, unset);
    }

  g_array_index (s->point_colors, int, index) = value;
  emit_changed (self);
}

TendChartColor
tend_chart_get_point_color (TendChart *self,
                            guint      series,
                            guint      index)
{
  Series *s;

  g_return_val_if_fail (TEND_IS_CHART (self), TEND_CHART_COLOR_ACCENT);
  g_return_val_if_fail (series < self->series->len, TEND_CHART_COLOR_ACCENT);

  s = g_ptr_array_index (self->series, series);
  if (index < s->point_colors->len && g_array_index (s->point_colors, int, index) >= 0)
    return g_array_index (s->point_colors, int, index);

  return s->color;
}

/**
 * tend_chart_add_band:
 * @from: where the band starts on the value axis
 * @to: where it ends
 * @color: its colour, drawn faint behind the data
 *
 * Adds a horizontal guide band, e.g. the red, yellow and green score zones behind a
 * 0..100 health line. Bands stay when the data is cleared.
 */
void
tend_chart_add_band (TendChart      *self,
                     double          from,
                     double          to,
                     TendChartColor  color)
{
  Band band = { MIN (from, to), MAX (from, to), color };

  g_return_if_fail (TEND_IS_CHART (self));
  g_return_if_fail (isfinite (from) && isfinite (to));
  g_return_if_fail (color < TEND_CHART_N_COLORS);

  g_array_append_val (self->bands, band);
  emit_changed (self);
}

guint
tend_chart_get_n_bands (TendChart *self)
{
  g_return_val_if_fail (TEND_IS_CHART (self), 0);

  return self->bands->len;
}

/**
 * tend_chart_get_band:
 * @from: (out) (optional):
 * @to: (out) (optional):
 * @color: (out) (optional):
 */
void
tend_chart_get_band (TendChart      *self,
                     guint           band,
                     double         *from,
                     double         *to,
                     TendChartColor *color)
{
  const Band *b;

  g_return_if_fail (TEND_IS_CHART (self));
  g_return_if_fail (band < self->bands->len);

  b = &g_array_index (self->bands, Band, band);
  if (from != NULL)
    *from = b->from;
  if (to != NULL)
    *to = b->to;
  if (color != NULL)
    *color = b->color;
}

/**
 * tend_chart_clear:
 *
 * Drops the series, categories and days; the title, format, range and bands stay, so a
 * view can refill the same chart when its data changes.
 */
void
tend_chart_clear (TendChart *self)
{
  g_return_if_fail (TEND_IS_CHART (self));

  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->days, g_array_unref);
  g_ptr_array_set_size (self->series, 0);

  emit_changed (self);
}

/**
 * tend_chart_is_empty:
 *
 * Returns: whether there is nothing to draw: no x positions or not one finite value
 */
gboolean
tend_chart_is_empty (TendChart *self)
{
  guint n_points;

  g_return_val_if_fail (TEND_IS_CHART (self), TRUE);

  n_points = tend_chart_get_n_points (self);
  for (guint s = 0; s < self->series->len; s++)
    {
      for (guint i = 0; i < n_points; i++)
        {
          if (!isnan (tend_chart_get_value (self, s, i)))
            return FALSE;
        }
    }

  return TRUE;
}

/**
 * tend_chart_set_tooltip_func:
 * @func: (nullable): writes a value for tooltips, e.g. "123 accounts"
 *
 * Without a function, tooltips write values as the chart's format does.
 */
void
tend_chart_set_tooltip_func (TendChart          *self,
                             TendChartValueFunc  func,
                             gpointer            user_data,
                             GDestroyNotify      destroy)
{
  g_return_if_fail (TEND_IS_CHART (self));

  if (self->tooltip_destroy != NULL)
    self->tooltip_destroy (self->tooltip_data);

  self->tooltip_func = func;
  self->tooltip_data = user_data;
  self->tooltip_destroy = destroy;
}

/**
 * tend_chart_dup_tooltip:
 *
 * Returns: (transfer full) (nullable): what the item says when the pointer rests on it,
 *   e.g. "Green: 123 accounts" or "12 Mar 2026: 71.3", or %NULL for a missing value
 */
char *
tend_chart_dup_tooltip (TendChart *self,
                        guint      series,
                        guint      index)
{
  double value;
  const char *label;
  g_autofree char *point = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (TEND_IS_CHART (self), NULL);

  value = tend_chart_get_value (self, series, index);
  if (isnan (value))
    return NULL;

  if (self->tooltip_func != NULL)
    text = self->tooltip_func (value, self->tooltip_data);
  else
    text = tend_chart_format_value (self, value, TRUE);

  point = tend_chart_format_point (self, index);
  label = tend_chart_get_series_label (self, series);

  if (self->series->len > 1 && label != NULL && *label != '\0')
    {
      if (*point == '\0')
        /* Translators: a chart tooltip: series name, then its value */
        return g_strdup_printf (C_("chart tooltip", "%s: %s"), label, text);

      /* Translators: a chart tooltip: the day or category, the series name, the value */
      return g_strdup_printf (C_("chart tooltip", "%s, %s: %s"), point, label, text);
    }

  if (*point == '\0')
    return g_steal_pointer (&text);

  /* Translators: a chart tooltip: the day or category, then its value */
  return g_strdup_printf (C_("chart tooltip", "%s: %s"), point, text);
}
