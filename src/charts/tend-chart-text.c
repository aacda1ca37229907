/* tend-chart-text.c: how a chart writes its values, its x positions and its summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Numbers go through the locale-aware helpers of src/util, dates through translatable
 * strftime-like formats, so labels, tooltips and the screen reader summary all read as
 * the user's locale writes them.
 */

#define G_LOG_DOMAIN "TendCharts"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "tend-chart.h"
#include "tend-chart-scale.h"
#include "util/tend-money.h"

/* Beyond this a double no longer converts to minor units of money. */
#define MONEY_LIMIT 9.2e18

static gint64
to_minor_units (double value)
{
  return (gint64)llround (CLAMP (value, -MONEY_LIMIT, MONEY_LIMIT));
}

static char *
format_number (double value,
               int    decimals)
{
  double scale = pow (10.0, decimals);

  /* Round first so that -0.04 is written "0.0", never "-0.0". */
  if (fabs (value) < 1e15)
    value = round (value * scale) / scale;
  if (value == 0.0)
    value = 0.0;

  return tend_number_format (value, decimals);
}

static char *
format_percent (double ratio,
                int    decimals)
{
  g_autofree char *number = format_number (ratio * 100.0, decimals);

  /* Translators: a percentage; some languages put a space before the sign */
  return g_strdup_printf (C_("chart value", "%s%%"), number);
}

static gboolean
is_whole (double value)
{
  return fabs (value - round (value)) < 0.05;
}

/**
 * tend_chart_format_value:
 * @value: a value of one of the chart's series
 * @full: whether to write it in full (tooltips) or short (bar labels and the summary)
 *
 * Integers are written with the locale's grouping, decimals with one place, ratios as
 * percentages, money (in minor units) as "$1,234.50" in full and "$1.2K" short.
 *
 * Returns: (transfer full): the value as text
 */
char *
tend_chart_format_value (TendChart *self,
                         double     value,
                         gboolean   full)
{
  g_return_val_if_fail (TEND_IS_CHART (self), NULL);

  if (isnan (value))
    return g_strdup ("");

  switch (tend_chart_get_format (self))
    {
    case TEND_CHART_FORMAT_DECIMAL:
      return format_number (value, 1);

    case TEND_CHART_FORMAT_PERCENT:
      return format_percent (value, full || !is_whole (value * 100.0) ? 1 : 0);

    case TEND_CHART_FORMAT_MONEY:
      if (full)
        return tend_money_format (to_minor_units (value), tend_chart_get_currency (self));
      return tend_money_format_short (to_minor_units (value), tend_chart_get_currency (self));

    case TEND_CHART_FORMAT_INTEGER:
    default:
      return format_number (value, 0);
    }
}

/* Axis labels stay narrow: 1200000 is "1.2M", beyond trillions a power of ten. */
static char *
format_compact (double value,
                double step)
{
  static const struct { double scale; const char *suffix; } units[] = {
    /* Translators: the suffixes of thousands, millions, billions and trillions on a chart
     * axis, as in "20K" */
    { 1e12, NC_("chart axis suffix", "T") }, { 1e9, NC_("chart axis suffix", "B") },
    { 1e6, NC_("chart axis suffix", "M") }, { 1e3, NC_("chart axis suffix", "K") },
  };
  double magnitude = MAX (fabs (value), fabs (step));

  if (magnitude < 1e5)
    return format_number (value, tend_chart_ticks_decimals (step));

  if (magnitude >= 1e15)
    return g_strdup_printf ("%.2e", value);

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autofree char *number = NULL;

      if (magnitude < units[i].scale)
        continue;

      number = format_number (value / units[i].scale,
                              tend_chart_ticks_decimals (step / units[i].scale));
      return g_strconcat (number, g_dpgettext2 (GETTEXT_PACKAGE, "chart axis suffix",
                                                units[i].suffix), NULL);
    }

  return format_number (value, tend_chart_ticks_decimals (step));
}

/**
 * tend_chart_format_tick:
 * @value: a tick on the value axis
 * @step: the distance between ticks, which says how many decimals are needed
 *
 * Returns: (transfer full): the tick's label, e.g. "20", "0.5", "1.5M", "25%", "$20.0K"
 */
char *
tend_chart_format_tick (TendChart *self,
                        double     value,
                        double     step)
{
  const char *currency;
  double one_unit;

  g_return_val_if_fail (TEND_IS_CHART (self), NULL);

  switch (tend_chart_get_format (self))
    {
    case TEND_CHART_FORMAT_PERCENT:
      return format_percent (value, tend_chart_ticks_decimals (step * 100.0));

    case TEND_CHART_FORMAT_MONEY:
      currency = tend_chart_get_currency (self);
      one_unit = pow (10.0, tend_currency_exponent (currency));

      /* The short form rounds to whole units; steps below one unit need the cents. */
      if (step < one_unit)
        return tend_money_format (to_minor_units (value), currency);
      return tend_money_format_short (to_minor_units (value), currency);

    case TEND_CHART_FORMAT_INTEGER:
    case TEND_CHART_FORMAT_DECIMAL:
    default:
      return format_compact (value, step);
    }
}

static char *
format_day (TendDay day)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (tend_day_to_unix (day));

  /* Translators: a day in chart tooltips and summaries, as g_date_time_format() takes it;
   * "%-d %b %Y" writes "12 Mar 2026" */
  return g_date_time_format (when, C_("chart day", "%-d %b %Y"));
}

/**
 * tend_chart_format_point:
 *
 * Returns: (transfer full): the name of x position @index: its category, or its day
 *   written for the locale ("12 Mar 2026"), or "" when the axis has neither
 */
char *
tend_chart_format_point (TendChart *self,
                         guint      index)
{
  TendDay day;

  g_return_val_if_fail (TEND_IS_CHART (self), NULL);

  day = tend_chart_get_day (self, index);
  if (day != TEND_DAY_INVALID)
    return format_day (day);

  return g_strdup (tend_chart_get_category (self, index) ? : "");
}

static void
append_separated (GString    *text,
                  const char *separator,
                  const char *item)
{
  if (text->len > 0)
    g_string_append (text, separator);
  g_string_append (text, item);
}

static char *
summarise_category (TendChart *self,
                    guint      index)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *point = tend_chart_format_point (self, index);
  double value = tend_chart_get_value (self, 0, index);

  if (tend_chart_get_n_series (self) == 1)
    {
      g_autofree char *number = NULL;

      if (isnan (value))
        return NULL;

      number = tend_chart_format_value (self, value, FALSE);
      /* Translators: one item of a chart summary for screen readers: a name and a value */
      return g_strdup_printf (C_("chart summary", "%s %s"), point, number);
    }

  for (guint s = 0; s < tend_chart_get_n_series (self); s++)
    {
      g_autofree char *number = NULL;
      g_autofree char *item = NULL;

      value = tend_chart_get_value (self, s, index);
      if (isnan (value))
        continue;

      number = tend_chart_format_value (self, value, FALSE);
      item = g_strdup_printf (C_("chart summary", "%s %s"),
                              tend_chart_get_series_label (self, s) ? : "", number);
      append_separated (text, C_("chart summary list separator", ", "), item);
    }

  if (text->len == 0)
    return NULL;

  /* Translators: a category of a chart summary followed by its series and values */
  return g_strdup_printf (C_("chart summary", "%s: %s"), point, text->str);
}

static char *
summarise_categories (TendChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *separator = tend_chart_get_n_series (self) > 1
                          ? C_("chart summary group separator", "; ")
                          : C_("chart summary list separator", ", ");

  for (guint i = 0; i < tend_chart_get_n_points (self); i++)
    {
      g_autofree char *item = summarise_category (self, i);

      if (item != NULL)
        append_separated (text, separator, item);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
summarise_series_over_days (TendChart *self,
                            guint      series)
{
  int first = -1, last = -1;
  double low = INFINITY, high = -INFINITY;
  g_autofree char *from = NULL, *to = NULL;
  g_autofree char *first_value = NULL, *last_value = NULL;
  g_autofree char *low_value = NULL, *high_value = NULL;

  for (guint i = 0; i < tend_chart_get_n_points (self); i++)
    {
      double value = tend_chart_get_value (self, series, i);

      if (isnan (value))
        continue;

      if (first < 0)
        first = (int)i;
      last = (int)i;
      low = MIN (low, value);
      high = MAX (high, value);
    }

  if (first < 0)
    return NULL;

  from = tend_chart_format_point (self, first);
  to = tend_chart_format_point (self, last);
  first_value = tend_chart_format_value (self, tend_chart_get_value (self, series, first), FALSE);
  last_value = tend_chart_format_value (self, tend_chart_get_value (self, series, last), FALSE);
  low_value = tend_chart_format_value (self, low, FALSE);
  high_value = tend_chart_format_value (self, high, FALSE);

  /* Translators: a time series in a chart summary for screen readers: the first and last
   * day, the values on those days, then the lowest and highest value */
  return g_strdup_printf (C_("chart summary", "%s to %s, from %s to %s, lowest %s, highest %s"),
                          from, to, first_value, last_value, low_value, high_value);
}

static char *
summarise_days (TendChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_series = tend_chart_get_n_series (self);

  for (guint s = 0; s < n_series; s++)
    {
      g_autofree char *line = summarise_series_over_days (self, s);
      const char *label = tend_chart_get_series_label (self, s);

      if (line == NULL)
        continue;

      if (n_series > 1 && label != NULL && *label != '\0')
        {
          g_autofree char *named = g_strdup_printf (C_("chart summary", "%s: %s"), label, line);

          append_separated (text, C_("chart summary group separator", "; "), named);
        }
      else
        append_separated (text, C_("chart summary group separator", "; "), line);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * tend_chart_dup_summary:
 *
 * What a screen reader says for the chart, with every value in it, e.g. "Health
 * distribution: Red 12, Yellow 40, Green 150", or for days "Portfolio health: 1 Jan 2026
 * to 31 Mar 2026, from 65.0 to 71.3, lowest 60.2, highest 74.0". Missing values are left
 * out.
 *
 * Returns: (transfer full): the summary
 */
char *
tend_chart_dup_summary (TendChart *self)
{
  g_autofree char *body = NULL;
  const char *title;

  g_return_val_if_fail (TEND_IS_CHART (self), NULL);

  if (tend_chart_is_empty (self))
    body = g_strdup (_("No data yet"));
  else if (tend_chart_has_days (self))
    body = summarise_days (self);
  else
    body = summarise_categories (self);

  title = tend_chart_get_title (self);
  if (title == NULL || *title == '\0')
    return g_steal_pointer (&body);

  return g_strdup_printf (C_("chart summary", "%s: %s"), title, body);
}
