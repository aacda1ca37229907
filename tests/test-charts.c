/* test-charts.c: axis ticks, layout, hit-testing, texts and drawing of charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendTest"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "charts/tend-chart.h"
#include "charts/tend-chart-layout.h"
#include "charts/tend-chart-palette.h"
#include "charts/tend-chart-render.h"
#include "charts/tend-chart-scale.h"

#define WIDTH  400.0
#define HEIGHT 300.0

static PangoContext *
make_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 10");

  pango_context_set_font_description (context, font);

  return context;
}

static TendChartLayout *
lay_out (TendChart *chart,
         double     width,
         double     height)
{
  PangoContext *context = make_context ();
  TendChartLayout *layout = tend_chart_layout_new (chart, context, width, height);

  g_object_unref (context);

  return layout;
}

static char *
accounts_text (double   value,
               gpointer user_data)
{
  int count = (int)value;

  return g_strdup_printf (g_dngettext (NULL, "%d account", "%d accounts", count), count);
}

/* The dashboard's health distribution: one series, a bar per band in its own colour. */
static TendChart *
make_health_chart (void)
{
  static const char *const bands[] = { "Red", "Yellow", "Green", NULL };
  static const double counts[] = { 12, 40, 150 };
  TendChart *chart = tend_chart_new (TEND_CHART_KIND_VERTICAL_BARS);

  tend_chart_set_title (chart, "Health distribution");
  tend_chart_set_categories (chart, bands);
  tend_chart_add_series (chart, "Accounts", TEND_CHART_COLOR_NEUTRAL, counts, 3);
  tend_chart_set_point_color (chart, 0, 0, TEND_CHART_COLOR_RED);
  tend_chart_set_point_color (chart, 0, 1, TEND_CHART_COLOR_YELLOW);
  tend_chart_set_point_color (chart, 0, 2, TEND_CHART_COLOR_GREEN);

  return chart;
}

/* A health score over ten days from 10 March 2026, with one day missing. */
static TendChart *
make_score_chart (void)
{
  double scores[10] = { 60, 62.5, 71.3, 68, NAN, 74, 70, 65, 66, 69 };
  TendDay days[10];
  TendChart *chart = tend_chart_new (TEND_CHART_KIND_LINE);

  for (int i = 0; i < 10; i++)
    days[i] = tend_day_from_ymd (2026, 3, 10) + i;

  tend_chart_set_title (chart, "Health score");
  tend_chart_set_format (chart, TEND_CHART_FORMAT_DECIMAL);
  tend_chart_set_value_range (chart, 0, 100);
  tend_chart_set_days (chart, days, 10);
  tend_chart_add_series (chart, "Score", TEND_CHART_COLOR_ACCENT, scores, 10);
  tend_chart_add_band (chart, 0, 40, TEND_CHART_COLOR_RED);
  tend_chart_add_band (chart, 40, 70, TEND_CHART_COLOR_YELLOW);
  tend_chart_add_band (chart, 70, 100, TEND_CHART_COLOR_GREEN);

  return chart;
}

typedef struct
{
  double   min;
  double   max;
  guint    target;
  gboolean integers;
  double   want_min;
  double   want_max;
  double   want_step;
  guint    want_n;
} TicksCase;

static void
test_ticks_nice (void)
{
  static const TicksCase cases[] = {
    { 0, 87, 5, FALSE, 0, 100, 20, 6 },
    { 0, 100, 5, FALSE, 0, 100, 20, 6 },
    { 0, 150, 5, TRUE, 0, 150, 50, 4 },
    { -13, 42, 5, FALSE, -20, 60, 20, 5 },
    { 0, 1, 5, FALSE, 0, 1, 0.2, 6 },
    { 0, 1, 5, TRUE, 0, 1, 1, 2 },
    { 0, 0, 5, FALSE, 0, 1, 0.2, 6 },
    { 0.3, 0.3, 3, FALSE, 0.26, 0.34, 0.02, 5 },
    { 87, 0, 5, FALSE, 0, 100, 20, 6 },
    { 0, 1.2e12, 3, TRUE, 0, 1.5e12, 5e11, 4 },
    { -4e15, -1e15, 3, FALSE, -4e15, -1e15, 1e15, 4 },
    { NAN, 10, 5, FALSE, 0, 1, 0.2, 6 },
    { 0, INFINITY, 5, FALSE, 0, 1, 0.2, 6 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const TicksCase *c = &cases[i];
      TendChartTicks ticks;

      g_test_message ("case %u: %g..%g", i, c->min, c->max);
      tend_chart_ticks_compute (&ticks, c->min, c->max, c->target, c->integers);
      g_assert_cmpfloat_with_epsilon (ticks.min, c->want_min, fabs (c->want_step) * 1e-9);
      g_assert_cmpfloat_with_epsilon (ticks.max, c->want_max, fabs (c->want_step) * 1e-9);
      g_assert_cmpfloat_with_epsilon (ticks.step, c->want_step, fabs (c->want_step) * 1e-9);
      g_assert_cmpuint (ticks.n_ticks, ==, c->want_n);
    }
}

static void
test_ticks_values (void)
{
  TendChartTicks ticks;

  tend_chart_ticks_compute (&ticks, 0, 87, 5, FALSE);
  g_assert_cmpfloat (tend_chart_ticks_get_value (&ticks, 0), ==, 0);
  g_assert_cmpfloat (tend_chart_ticks_get_value (&ticks, 1), ==, 20);
  g_assert_cmpfloat (tend_chart_ticks_get_value (&ticks, 3), ==, 60);
  g_assert_cmpfloat (tend_chart_ticks_get_value (&ticks, 5), ==, 100);

  /* 0.1 * 3 is 0.30000000000000004 in binary; the tick must read exactly 0.3. */
  tend_chart_ticks_compute (&ticks, 0, 0.5, 5, FALSE);
  g_assert_cmpfloat (ticks.step, ==, 0.1);
  g_assert_cmpfloat (tend_chart_ticks_get_value (&ticks, 3), ==, 0.3);

  /* Ticks of a huge axis stay finite. */
  tend_chart_ticks_compute (&ticks, -1.7e308, 1.7e308, 5, FALSE);
  g_assert_true (isfinite (ticks.min) && isfinite (ticks.max) && isfinite (ticks.step));
  g_assert_cmpuint (ticks.n_ticks, >=, 2);
  g_assert_cmpuint (ticks.n_ticks, <=, 12);
}

static void
test_ticks_scale (void)
{
  TendChartTicks ticks;

  tend_chart_ticks_compute (&ticks, 0, 100, 5, FALSE);
  g_assert_cmpfloat (tend_chart_ticks_scale (&ticks, 0), ==, 0.0);
  g_assert_cmpfloat (tend_chart_ticks_scale (&ticks, 50), ==, 0.5);
  g_assert_cmpfloat (tend_chart_ticks_scale (&ticks, 100), ==, 1.0);
  g_assert_cmpfloat_with_epsilon (tend_chart_ticks_scale (&ticks, 120), 1.2, 1e-12);

  tend_chart_ticks_compute (&ticks, -13, 42, 5, FALSE);
  g_assert_cmpfloat (tend_chart_ticks_scale (&ticks, 0), ==, 0.25);
  g_assert_cmpfloat (tend_chart_ticks_scale (&ticks, -20), ==, 0.0);

  g_assert_cmpint (tend_chart_ticks_decimals (20), ==, 0);
  g_assert_cmpint (tend_chart_ticks_decimals (1), ==, 0);
  g_assert_cmpint (tend_chart_ticks_decimals (0.5), ==, 1);
  g_assert_cmpint (tend_chart_ticks_decimals (0.1), ==, 1);
  g_assert_cmpint (tend_chart_ticks_decimals (0.05), ==, 2);
  g_assert_cmpint (tend_chart_ticks_decimals (0.01), ==, 2);
}

typedef struct
{
  TendChartFormat format;
  double          value;
  gboolean        full;
  const char     *want;
} FormatCase;

static void
test_format_values (void)
{
  static const FormatCase cases[] = {
    { TEND_CHART_FORMAT_INTEGER, 1234, TRUE, "1234" },
    { TEND_CHART_FORMAT_INTEGER, 12.6, FALSE, "13" },
    { TEND_CHART_FORMAT_INTEGER, -0.3, FALSE, "0" },
    { TEND_CHART_FORMAT_INTEGER, -7, FALSE, "-7" },
    { TEND_CHART_FORMAT_DECIMAL, 71.25, TRUE, "71.3" },
    { TEND_CHART_FORMAT_DECIMAL, -0.04, TRUE, "0.0" },
    { TEND_CHART_FORMAT_PERCENT, 0.253, TRUE, "25.3%" },
    { TEND_CHART_FORMAT_PERCENT, 0.25, TRUE, "25.0%" },
    { TEND_CHART_FORMAT_PERCENT, 0.25, FALSE, "25%" },
    { TEND_CHART_FORMAT_MONEY, 123456, TRUE, "$1,234.56" },
    { TEND_CHART_FORMAT_MONEY, 12345600, FALSE, "$123K" },
    { TEND_CHART_FORMAT_MONEY, 120000000, FALSE, "$1.2M" },
    { TEND_CHART_FORMAT_MONEY, 1e300, FALSE, "$92000000B" },
    { TEND_CHART_FORMAT_INTEGER, NAN, TRUE, "" },
  };
  g_autoptr(TendChart) chart = tend_chart_new (TEND_CHART_KIND_VERTICAL_BARS);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;

      tend_chart_set_format (chart, cases[i].format);
      text = tend_chart_format_value (chart, cases[i].value, cases[i].full);
      g_assert_cmpstr (text, ==, cases[i].want);
    }
}

static void
test_format_ticks (void)
{
  g_autoptr(TendChart) chart = tend_chart_new (TEND_CHART_KIND_VERTICAL_BARS);
  g_autofree char *twenty = NULL, *half = NULL, *percent = NULL, *money = NULL, *cents = NULL;
  g_autofree char *yen = NULL, *big = NULL, *bigger = NULL, *huge = NULL;

  twenty = tend_chart_format_tick (chart, 20, 20);
  half = tend_chart_format_tick (chart, 0.5, 0.5);
  big = tend_chart_format_tick (chart, 1500000, 500000);
  bigger = tend_chart_format_tick (chart, 2e9, 1e9);
  huge = tend_chart_format_tick (chart, 2e300, 1e300);
  g_assert_cmpstr (twenty, ==, "20");
  g_assert_cmpstr (half, ==, "0.5");
  g_assert_cmpstr (big, ==, "1.5M");
  g_assert_cmpstr (bigger, ==, "2B");
  g_assert_cmpstr (huge, ==, "2.00e+300");

  tend_chart_set_format (chart, TEND_CHART_FORMAT_PERCENT);
  percent = tend_chart_format_tick (chart, 0.05, 0.05);
  g_assert_cmpstr (percent, ==, "5%");

  tend_chart_set_format (chart, TEND_CHART_FORMAT_MONEY);
  money = tend_chart_format_tick (chart, 2000000, 2000000);
  cents = tend_chart_format_tick (chart, 50, 50);
  g_assert_cmpstr (money, ==, "$20.0K");
  g_assert_cmpstr (cents, ==, "$0.50");

  tend_chart_set_currency (chart, "JPY");
  yen = tend_chart_format_tick (chart, 5000, 1000);
  g_assert_cmpstr (yen, ==, "¥5.0K");
}

static void
test_format_locale (void)
{
  g_autoptr(TendChart) chart = tend_chart_new (TEND_CHART_KIND_VERTICAL_BARS);
  g_autofree char *count = NULL, *tick = NULL, *decimal = NULL;

  if (setlocale (LC_ALL, "en_US.UTF-8") == NULL)
    {
      g_test_skip ("The en_US.UTF-8 locale is not installed");
      return;
    }

  /* Digits are grouped as the locale groups them. */
  count = tend_chart_format_value (chart, 1234567, TRUE);
  tick = tend_chart_format_tick (chart, 40000, 10000);
  tend_chart_set_format (chart, TEND_CHART_FORMAT_DECIMAL);
  decimal = tend_chart_format_value (chart, 12345.67, TRUE);
  setlocale (LC_ALL, "");

  g_assert_cmpstr (count, ==, "1,234,567");
  g_assert_cmpstr (tick, ==, "40,000");
  g_assert_cmpstr (decimal, ==, "12,345.7");
}

static void
test_tooltips (void)
{
  g_autoptr(TendChart) health = make_health_chart ();
  g_autoptr(TendChart) score = make_score_chart ();
  g_autofree char *plain = NULL, *counted = NULL, *dated = NULL, *missing = NULL;
  g_autofree char *two = NULL;
  double sessions[10] = { 10, 20, 40 };

  plain = tend_chart_dup_tooltip (health, 0, 2);
  g_assert_cmpstr (plain, ==, "Green: 150");

  tend_chart_set_tooltip_func (health, accounts_text, NULL, NULL);
  counted = tend_chart_dup_tooltip (health, 0, 2);
  g_assert_cmpstr (counted, ==, "Green: 150 accounts");

  dated = tend_chart_dup_tooltip (score, 0, 2);
  g_assert_cmpstr (dated, ==, "12 Mar 2026: 71.3");

  missing = tend_chart_dup_tooltip (score, 0, 4);
  g_assert_null (missing);

  /* With a second series the tooltip names its series. */
  tend_chart_add_series (score, "Sessions", TEND_CHART_COLOR_PURPLE, sessions, 3);
  two = tend_chart_dup_tooltip (score, 1, 2);
  g_assert_cmpstr (two, ==, "12 Mar 2026, Sessions: 40.0");
}

static void
test_summary (void)
{
  static const char *const segments[] = { "SMB", "Enterprise", NULL };
  static const double red[] = { 100000, NAN };
  static const double green[] = { 200000, 1200000000 };
  g_autoptr(TendChart) health = make_health_chart ();
  g_autoptr(TendChart) score = make_score_chart ();
  g_autoptr(TendChart) arr = tend_chart_new (TEND_CHART_KIND_STACKED_BARS);
  g_autoptr(TendChart) empty = tend_chart_new (TEND_CHART_KIND_LINE);
  g_autofree char *health_text = NULL, *score_text = NULL, *arr_text = NULL;
  g_autofree char *empty_text = NULL;
  double with_gap[] = { 12, NAN, 150 };

  health_text = tend_chart_dup_summary (health);
  g_assert_cmpstr (health_text, ==, "Health distribution: Red 12, Yellow 40, Green 150");

  score_text = tend_chart_dup_summary (score);
  g_assert_cmpstr (score_text, ==,
                   "Health score: 10 Mar 2026 to 19 Mar 2026, from 60.0 to 69.0, "
                   "lowest 60.0, highest 74.0");

  tend_chart_set_title (arr, "ARR by segment");
  tend_chart_set_format (arr, TEND_CHART_FORMAT_MONEY);
  tend_chart_set_categories (arr, segments);
  tend_chart_add_series (arr, "Red", TEND_CHART_COLOR_RED, red, 2);
  tend_chart_add_series (arr, "Green", TEND_CHART_COLOR_GREEN, green, 2);
  arr_text = tend_chart_dup_summary (arr);
  g_assert_cmpstr (arr_text, ==,
                   "ARR by segment: SMB: Red $1.0K, Green $2.0K; Enterprise: Green $12.0M");

  tend_chart_set_title (empty, "Usage");
  empty_text = tend_chart_dup_summary (empty);
  g_assert_cmpstr (empty_text, ==, "Usage: No data yet");

  /* A missing value is left out of the summary. */
  g_clear_pointer (&health_text, g_free);
  tend_chart_set_series_values (health, 0, with_gap, 3);
  health_text = tend_chart_dup_summary (health);
  g_assert_cmpstr (health_text, ==, "Health distribution: Red 12, Green 150");
}

static void
assert_rect_inside (const TendChartRect *inner,
                    const TendChartRect *outer)
{
  g_assert_cmpfloat (inner->x, >=, outer->x - 1e-9);
  g_assert_cmpfloat (inner->y, >=, outer->y - 1e-9);
  g_assert_cmpfloat (inner->x + inner->width, <=, outer->x + outer->width + 1e-9);
  g_assert_cmpfloat (inner->y + inner->height, <=, outer->y + outer->height + 1e-9);
}

static void
test_layout_vertical_bars (void)
{
  g_autoptr(TendChart) chart = make_health_chart ();
  g_autoptr(TendChartLayout) layout = lay_out (chart, WIDTH, HEIGHT);
  TendChartRect plot, whole = { 0, 0, WIDTH, HEIGHT };
  const TendChartTicks *ticks = tend_chart_layout_get_ticks (layout);
  double band;
  guint series = 99, index = 99;

  tend_chart_layout_get_plot_area (layout, &plot);
  assert_rect_inside (&plot, &whole);
  g_assert_false (tend_chart_layout_is_empty (layout));
  g_assert_cmpfloat (ticks->min, ==, 0);
  g_assert_cmpfloat (ticks->max, >=, 150);
  g_assert_cmpuint (tend_chart_layout_get_n_items (layout), ==, 3);
  band = plot.width / 3;

  for (guint i = 0; i < 3; i++)
    {
      const TendChartItem *item = tend_chart_layout_get_item (layout, i);
      double value = tend_chart_get_value (chart, 0, i);

      /* Centred in its third of the plot, standing on the bottom, as tall as its value. */
      g_assert_cmpuint (item->index, ==, i);
      g_assert_cmpfloat_with_epsilon (item->rect.x + item->rect.width / 2,
                                      plot.x + band * (i + 0.5), 1e-9);
      g_assert_cmpfloat_with_epsilon (item->rect.y + item->rect.height, plot.y + plot.height,
                                      1e-9);
      g_assert_cmpfloat_with_epsilon (item->rect.height,
                                      plot.height * value / ticks->max, 1e-9);
      g_assert_cmpfloat_with_epsilon (item->v1, value / ticks->max, 1e-12);

      g_assert_true (tend_chart_layout_hit_test (layout, item->rect.x + item->rect.width / 2,
                                                 item->rect.y + item->rect.height / 2,
                                                 &series, &index));
      g_assert_cmpuint (series, ==, 0);
      g_assert_cmpuint (index, ==, i);
    }

  /* Above the short red bar, its column still answers. */
  g_assert_true (tend_chart_layout_hit_test (layout, plot.x + band * 0.5, plot.y + 2,
                                             &series, &index));
  g_assert_cmpuint (index, ==, 0);

  /* Between two bars, in the title, or outside the chart there is nothing. */
  g_assert_false (tend_chart_layout_hit_test (layout, plot.x + band, plot.y + plot.height - 2,
                                              &series, &index));
  g_assert_false (tend_chart_layout_hit_test (layout, 2, 2, NULL, NULL));
  g_assert_false (tend_chart_layout_hit_test (layout, WIDTH + 10, HEIGHT / 2, NULL, NULL));
}

static guint
count_labels (TendChartLayout    *layout,
              TendChartLabelRole  role)
{
  guint count = 0;

  for (guint i = 0; i < tend_chart_layout_get_n_labels (layout); i++)
    count += tend_chart_layout_get_label (layout, i)->role == role;

  return count;
}

static const TendChartLabel *
find_label (TendChartLayout    *layout,
            TendChartLabelRole  role,
            const char         *text)
{
  for (guint i = 0; i < tend_chart_layout_get_n_labels (layout); i++)
    {
      const TendChartLabel *label = tend_chart_layout_get_label (layout, i);

      if (label->role == role && g_strcmp0 (label->text, text) == 0)
        return label;
    }

  return NULL;
}

static void
test_layout_labels (void)
{
  g_autoptr(TendChart) chart = make_health_chart ();
  g_autoptr(TendChartLayout) layout = lay_out (chart, WIDTH, HEIGHT);
  const TendChartItem *green = tend_chart_layout_find_item (layout, 0, 2);
  const TendChartLabel *title, *name, *value;

  title = find_label (layout, TEND_CHART_LABEL_TITLE, "Health distribution");
  g_assert_nonnull (title);
  g_assert_cmpuint (count_labels (layout, TEND_CHART_LABEL_X), ==, 3);
  g_assert_cmpuint (count_labels (layout, TEND_CHART_LABEL_LEGEND), ==, 0);
  g_assert_nonnull (find_label (layout, TEND_CHART_LABEL_TICK, "0"));

  /* The name sits under its bar, the value above it. */
  name = find_label (layout, TEND_CHART_LABEL_X, "Green");
  value = find_label (layout, TEND_CHART_LABEL_VALUE, "150");
  g_assert_nonnull (name);
  g_assert_nonnull (value);
  g_assert_cmpfloat_with_epsilon (name->rect.x + name->rect.width / 2, green->x, 1e-9);
  g_assert_cmpfloat (name->rect.y, >=, green->rect.y + green->rect.height);
  g_assert_cmpfloat (value->rect.y + value->rect.height, <=, green->rect.y);
  g_assert_cmpfloat (value->rect.y, >=, title->rect.y + title->rect.height);

  /* Without a title on the chart, the plot starts higher. */
  tend_chart_set_show_title (chart, FALSE);
  tend_chart_set_show_values (chart, FALSE);
  {
    g_autoptr(TendChartLayout) bare = lay_out (chart, WIDTH, HEIGHT);
    TendChartRect with_title, without;

    tend_chart_layout_get_plot_area (layout, &with_title);
    tend_chart_layout_get_plot_area (bare, &without);
    g_assert_cmpfloat (without.y, <, with_title.y);
    g_assert_cmpuint (count_labels (bare, TEND_CHART_LABEL_TITLE), ==, 0);
    g_assert_cmpuint (count_labels (bare, TEND_CHART_LABEL_VALUE), ==, 0);
  }
}

static void
assert_x_labels_apart (TendChartLayout *layout)
{
  const TendChartLabel *previous = NULL;
  TendChartRect whole = { 0, 0, tend_chart_layout_get_width (layout),
                          tend_chart_layout_get_height (layout) };

  for (guint i = 0; i < tend_chart_layout_get_n_labels (layout); i++)
    {
      const TendChartLabel *label = tend_chart_layout_get_label (layout, i);

      if (label->role != TEND_CHART_LABEL_X)
        continue;

      assert_rect_inside (&label->rect, &whole);
      if (previous != NULL)
        g_assert_cmpfloat (label->rect.x, >=, previous->rect.x + previous->rect.width + 4);
      previous = label;
    }
}

static void
test_layout_crowded_categories (void)
{
  g_autoptr(TendChart) chart = tend_chart_new (TEND_CHART_KIND_VERTICAL_BARS);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TendChartLayout) narrow = NULL;
  g_autoptr(TendChartLayout) wide = NULL;
  double values[60];
  guint shown;

  for (guint i = 0; i < 60; i++)
    {
      g_ptr_array_add (names, g_strdup_printf ("Segment %u", i + 1));
      values[i] = i * 3;
    }
  g_ptr_array_add (names, NULL);
  tend_chart_set_categories (chart, (const char * const *)names->pdata);
  tend_chart_add_series (chart, "ARR", TEND_CHART_COLOR_ACCENT, values, 60);

  narrow = lay_out (chart, 300, 200);
  shown = count_labels (narrow, TEND_CHART_LABEL_X);
  g_assert_cmpuint (shown, >, 0);
  g_assert_cmpuint (shown, <, 60);
  g_assert_nonnull (find_label (narrow, TEND_CHART_LABEL_X, "Segment 1"));
  assert_x_labels_apart (narrow);

  /* Bars too narrow for their value have none written on them. */
  g_assert_cmpuint (count_labels (narrow, TEND_CHART_LABEL_VALUE), ==, 0);

  wide = lay_out (chart, 6000, 200);
  g_assert_cmpuint (count_labels (wide, TEND_CHART_LABEL_X), ==, 60);
  assert_x_labels_apart (wide);
}

static TendChart *
make_months_chart (guint n_days)
{
  g_autofree TendDay *days = g_new (TendDay, n_days);
  g_autofree double *values = g_new (double, n_days);
  TendChart *chart = tend_chart_new (TEND_CHART_KIND_AREA);

  for (guint i = 0; i < n_days; i++)
    {
      days[i] = tend_day_from_ymd (2025, 1, 15) + i;
      values[i] = 50 + 20 * sin (i / 30.0);
    }

  tend_chart_set_days (chart, days, n_days);
  tend_chart_add_series (chart, "Active users", TEND_CHART_COLOR_ACCENT, values, n_days);

  return chart;
}

static void
test_layout_month_labels (void)
{
  /* 15 Jan 2025 + 540 days is 8 Jul 2026: 18 month starts, Feb 2025 to Jul 2026. */
  g_autoptr(TendChart) chart = make_months_chart (541);
  g_autoptr(TendChartLayout) wide = lay_out (chart, 2000, 200);
  g_autoptr(TendChartLayout) narrow = lay_out (chart, 220, 200);
  g_autoptr(TendChart) short_chart = make_months_chart (20);
  g_autoptr(TendChartLayout) days = lay_out (short_chart, 400, 200);
  guint shown;

  g_assert_cmpuint (count_labels (wide, TEND_CHART_LABEL_X), ==, 18);
  g_assert_nonnull (find_label (wide, TEND_CHART_LABEL_X, "Feb 2025"));
  g_assert_nonnull (find_label (wide, TEND_CHART_LABEL_X, "Mar"));
  g_assert_nonnull (find_label (wide, TEND_CHART_LABEL_X, "Jan 2026"));
  assert_x_labels_apart (wide);

  shown = count_labels (narrow, TEND_CHART_LABEL_X);
  g_assert_cmpuint (shown, >, 0);
  g_assert_cmpuint (shown, <, 18);
  assert_x_labels_apart (narrow);

  /* Under two months is labelled by days. */
  g_assert_nonnull (find_label (days, TEND_CHART_LABEL_X, "15 Jan"));
  assert_x_labels_apart (days);
}

static void
test_layout_line (void)
{
  g_autoptr(TendChart) chart = make_score_chart ();
  g_autoptr(TendChartLayout) layout = lay_out (chart, WIDTH, HEIGHT);
  const TendChartTicks *ticks = tend_chart_layout_get_ticks (layout);
  TendChartRect plot;
  guint series, index;

  tend_chart_layout_get_plot_area (layout, &plot);
  g_assert_cmpfloat (ticks->min, ==, 0);
  g_assert_cmpfloat (ticks->max, ==, 100);
  g_assert_cmpfloat (ticks->step, ==, 20);

  /* The missing day has no point. */
  g_assert_cmpuint (tend_chart_layout_get_n_items (layout), ==, 9);
  g_assert_null (tend_chart_layout_find_item (layout, 0, 4));

  for (guint i = 0; i < 10; i++)
    {
      const TendChartItem *item = tend_chart_layout_find_item (layout, 0, i);
      double value = tend_chart_get_value (chart, 0, i);

      if (i == 4)
        continue;

      g_assert_nonnull (item);
      g_assert_true (item->is_point);
      g_assert_cmpfloat_with_epsilon (item->x, plot.x + plot.width * i / 9.0, 1e-9);
      g_assert_cmpfloat_with_epsilon (item->y, plot.y + plot.height * (1 - value / 100), 1e-9);

      /* Anywhere above or below a point, the point answers. */
      g_assert_true (tend_chart_layout_hit_test (layout, item->x + 1, plot.y + 5, &series,
                                                 &index));
      g_assert_cmpuint (series, ==, 0);
      g_assert_cmpuint (index, ==, i);
    }

  /* Over the missing day the nearer neighbour in value answers: 68 is nearer 70 than 74. */
  g_assert_true (tend_chart_layout_hit_test (layout, plot.x + plot.width * 4 / 9.0,
                                             plot.y + plot.height * 0.3, &series, &index));
  g_assert_cmpuint (index, ==, 3);

  g_assert_false (tend_chart_layout_hit_test (layout, 0, HEIGHT - 1, NULL, NULL));
}

static void
test_layout_horizontal (void)
{
  static const char *const owners[] = { "Aiko", "Ben", "Carla", NULL };
  static const double counts[] = { 30, 0, 90 };
  g_autoptr(TendChart) chart = tend_chart_new (TEND_CHART_KIND_HORIZONTAL_BARS);
  g_autoptr(TendChartLayout) layout = NULL;
  const TendChartTicks *ticks;
  TendChartRect plot;
  guint index;

  tend_chart_set_categories (chart, owners);
  tend_chart_add_series (chart, "Accounts", TEND_CHART_COLOR_ACCENT, counts, 3);
  layout = lay_out (chart, WIDTH, HEIGHT);
  ticks = tend_chart_layout_get_ticks (layout);
  tend_chart_layout_get_plot_area (layout, &plot);
  g_assert_true (tend_chart_layout_is_horizontal (layout));

  for (guint i = 0; i < 3; i++)
    {
      const TendChartItem *item = tend_chart_layout_get_item (layout, i);

      g_assert_cmpfloat_with_epsilon (item->rect.x, plot.x, 1e-9);
      g_assert_cmpfloat_with_epsilon (item->rect.width, plot.width * counts[i] / ticks->max,
                                      1e-9);
      g_assert_cmpfloat_with_epsilon (item->rect.y + item->rect.height / 2,
                                      plot.y + plot.height * (i + 0.5) / 3, 1e-9);
    }

  /* A zero bar is still there to point at. */
  g_assert_true (tend_chart_layout_hit_test (layout, plot.x + 1, plot.y + plot.height / 2,
                                             NULL, &index));
  g_assert_cmpuint (index, ==, 1);
  g_assert_nonnull (find_label (layout, TEND_CHART_LABEL_X, "Carla"));
  g_assert_nonnull (find_label (layout, TEND_CHART_LABEL_VALUE, "90"));
}

static void
test_layout_stacked (void)
{
  static const char *const segments[] = { "SMB", "Mid-market", NULL };
  static const double red[] = { 10, 20 };
  static const double green[] = { 30, -5 };
  g_autoptr(TendChart) chart = tend_chart_new (TEND_CHART_KIND_STACKED_BARS);
  g_autoptr(TendChartLayout) layout = NULL;
  const TendChartItem *a, *b, *c, *d;
  double zero;

  tend_chart_set_categories (chart, segments);
  tend_chart_add_series (chart, "Red", TEND_CHART_COLOR_RED, red, 2);
  tend_chart_add_series (chart, "Green", TEND_CHART_COLOR_GREEN, green, 2);
  layout = lay_out (chart, WIDTH, HEIGHT);
  zero = tend_chart_layout_value_to_pixel (layout, 0);

  g_assert_cmpuint (tend_chart_layout_get_n_legend (layout), ==, 2);
  g_assert_cmpuint (count_labels (layout, TEND_CHART_LABEL_LEGEND), ==, 2);
  g_assert_cmpfloat (tend_chart_layout_get_ticks (layout)->min, <, 0);
  g_assert_cmpfloat (tend_chart_layout_get_ticks (layout)->max, >=, 40);

  /* Green stands on red; a negative part hangs below zero. */
  a = tend_chart_layout_find_item (layout, 0, 0);
  b = tend_chart_layout_find_item (layout, 1, 0);
  c = tend_chart_layout_find_item (layout, 0, 1);
  d = tend_chart_layout_find_item (layout, 1, 1);
  g_assert_cmpfloat_with_epsilon (a->rect.y + a->rect.height, zero, 1e-9);
  g_assert_cmpfloat_with_epsilon (b->rect.y + b->rect.height, a->rect.y, 1e-9);
  g_assert_cmpfloat_with_epsilon (b->rect.x, a->rect.x, 1e-9);
  g_assert_cmpfloat_with_epsilon (c->rect.y + c->rect.height, zero, 1e-9);
  g_assert_cmpfloat_with_epsilon (d->rect.y, zero, 1e-9);
  g_assert_cmpfloat (d->y, >, zero);
}

static void
test_layout_step (void)
{
  g_autoptr(TendChart) bars = make_health_chart ();
  g_autoptr(TendChartLayout) layout = lay_out (bars, WIDTH, HEIGHT);
  g_autoptr(TendChart) line = make_score_chart ();
  g_autoptr(TendChartLayout) line_layout = lay_out (line, WIDTH, HEIGHT);
  guint series = G_MAXUINT, index = G_MAXUINT;

  g_assert_true (tend_chart_layout_step (layout, &series, &index, 1));
  g_assert_cmpuint (index, ==, 0);
  g_assert_true (tend_chart_layout_step (layout, &series, &index, 1));
  g_assert_cmpuint (index, ==, 1);
  g_assert_true (tend_chart_layout_step (layout, &series, &index, 5));
  g_assert_cmpuint (index, ==, 2);
  g_assert_false (tend_chart_layout_step (layout, &series, &index, 1));

  series = index = G_MAXUINT;
  g_assert_true (tend_chart_layout_step (layout, &series, &index, -1));
  g_assert_cmpuint (index, ==, 2);

  /* Along a line the missing day is stepped over. */
  series = 0;
  index = 3;
  g_assert_true (tend_chart_layout_step (line_layout, &series, &index, 1));
  g_assert_cmpuint (index, ==, 5);
  g_assert_true (tend_chart_layout_step (line_layout, &series, &index, -1));
  g_assert_cmpuint (index, ==, 3);
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);

  return *(guint32 *)(data + y * stride + x * 4);
}

static guint32
opaque (const TendChartRgba *rgba)
{
  return 0xff000000u | (guint32)lround (rgba->red * 255) << 16
         | (guint32)lround (rgba->green * 255) << 8 | (guint32)lround (rgba->blue * 255);
}

static void
check_bar_pixels (const TendChartPalette *palette,
                  guint32                 want_red,
                  guint32                 want_green,
                  guint32                 want_background)
{
  g_autoptr(TendChart) chart = make_health_chart ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 10");
  g_autoptr(TendChartLayout) layout = NULL;
  const TendChartItem *red, *green;

  pango_context_set_font_description (context, font);
  layout = tend_chart_layout_new (chart, context, WIDTH, HEIGHT);
  tend_chart_render_layout (layout, cr, palette, NULL);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  red = tend_chart_layout_find_item (layout, 0, 0);
  green = tend_chart_layout_find_item (layout, 0, 2);
  g_assert_cmphex (pixel_at (surface, red->rect.x + red->rect.width / 2,
                             red->rect.y + red->rect.height / 2), ==, want_red);
  g_assert_cmphex (pixel_at (surface, green->rect.x + green->rect.width / 2,
                             green->rect.y + green->rect.height / 2), ==, want_green);
  g_assert_cmphex (pixel_at (surface, 1, HEIGHT - 2), ==, want_background);

  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_render_palettes (void)
{
  const TendChartPalette *light = tend_chart_palette_light ();
  const TendChartPalette *dark = tend_chart_palette_dark ();

  g_assert_cmphex (opaque (&light->colors[TEND_CHART_COLOR_GREEN]), ==, 0xff2ec27e);
  g_assert_cmphex (opaque (&dark->colors[TEND_CHART_COLOR_GREEN]), ==, 0xff57e389);

  check_bar_pixels (light, 0xffe01b24, 0xff2ec27e, 0xffffffff);
  check_bar_pixels (dark, 0xffff7b63, 0xff57e389, 0xff242424);
}

static void
test_render_hover_and_focus (void)
{
  g_autoptr(TendChart) chart = make_health_chart ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(TendChartLayout) layout = lay_out (chart, WIDTH, HEIGHT);
  TendChartHighlight highlight = { 0, 2, 0, 2 };
  const TendChartItem *green = tend_chart_layout_find_item (layout, 0, 2);
  guint32 centre;

  tend_chart_render_layout (layout, cr, tend_chart_palette_light (), &highlight);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  /* Hover darkens the bar in the light style; the focus ring is drawn in ink outside it. */
  centre = pixel_at (surface, green->x, green->rect.y + green->rect.height / 2);
  g_assert_cmphex (centre, !=, 0xff2ec27e);
  g_assert_cmpuint ((centre >> 8) & 0xff, <, 0xc2);
  g_assert_cmphex (pixel_at (surface, green->x, green->rect.y + green->rect.height + 3), !=,
                   0xffffffff);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static cairo_status_t
collect_bytes (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

static void
test_render_pdf (void)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(TendChart) health = make_health_chart ();
  g_autoptr(TendChart) score = make_score_chart ();
  g_autoptr(TendChart) area = make_months_chart (400);
  cairo_surface_t *surface;
  cairo_t *cr;

  /* An A4 page in points, three charts one under the other. */
  surface = cairo_pdf_surface_create_for_stream (collect_bytes, bytes, 595, 842);
  cr = cairo_create (surface);
  tend_chart_render (health, cr, 500, 250, tend_chart_palette_light ());
  cairo_translate (cr, 0, 260);
  tend_chart_render (score, cr, 500, 250, tend_chart_palette_light ());
  cairo_translate (cr, 0, 260);
  tend_chart_render (area, cr, 500, 250, tend_chart_palette_light ());
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  g_assert_cmpuint (bytes->len, >, 1000);
  g_assert_cmpmem (bytes->data, 5, "%PDF-", 5);
}

static void
render_to_image (TendChart *chart,
                 double     width,
                 double     height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (width, 1),
                                                         MAX (height, 1));
  cairo_t *cr = cairo_create (surface);

  tend_chart_render (chart, cr, width, height, tend_chart_palette_dark ());
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_render_empty (void)
{
  static const char *const bands[] = { "Red", "Yellow", "Green", NULL };
  double nothing[] = { NAN, INFINITY, -INFINITY };
  g_autoptr(TendChart) chart = tend_chart_new (TEND_CHART_KIND_VERTICAL_BARS);
  g_autoptr(TendChartLayout) bare = NULL;
  g_autoptr(TendChartLayout) unknown = NULL;
  const TendChartLabel *label;
  guint series = G_MAXUINT, index = G_MAXUINT;

  tend_chart_set_title (chart, "Health distribution");
  g_assert_true (tend_chart_is_empty (chart));
  bare = lay_out (chart, WIDTH, HEIGHT);
  g_assert_true (tend_chart_layout_is_empty (bare));
  label = find_label (bare, TEND_CHART_LABEL_EMPTY, "No data yet");
  g_assert_nonnull (label);
  g_assert_cmpfloat_with_epsilon (label->rect.x + label->rect.width / 2, WIDTH / 2, 1e-9);
  g_assert_nonnull (find_label (bare, TEND_CHART_LABEL_TITLE, "Health distribution"));
  g_assert_false (tend_chart_layout_hit_test (bare, WIDTH / 2, HEIGHT / 2, NULL, NULL));
  g_assert_false (tend_chart_layout_step (bare, &series, &index, 1));
  render_to_image (chart, WIDTH, HEIGHT);

  /* Categories whose values are all missing are empty as well. */
  tend_chart_set_categories (chart, bands);
  tend_chart_add_series (chart, "Accounts", TEND_CHART_COLOR_NEUTRAL, nothing, 3);
  g_assert_true (tend_chart_is_empty (chart));
  unknown = lay_out (chart, WIDTH, HEIGHT);
  g_assert_true (tend_chart_layout_is_empty (unknown));
  g_assert_cmpuint (tend_chart_layout_get_n_items (unknown), ==, 0);
  render_to_image (chart, WIDTH, HEIGHT);

  /* So is a chart with no room at all. */
  render_to_image (chart, 0, 0);
}

static void
test_render_extremes (void)
{
  static const char *const names[] = { "a", "b", "c", "d", NULL };
  double values[] = { 2e15, -3e14, NAN, 1e15 };
  double enormous[] = { 1e300, -1e300, 5e299, 1.7e308 };
  g_autoptr(TendChart) chart = tend_chart_new (TEND_CHART_KIND_VERTICAL_BARS);
  g_autoptr(TendChartLayout) layout = NULL;
  const TendChartTicks *ticks;
  const TendChartItem *negative;
  double zero;

  tend_chart_set_categories (chart, names);
  tend_chart_add_series (chart, "Revenue", TEND_CHART_COLOR_ACCENT, values, 4);
  layout = lay_out (chart, WIDTH, HEIGHT);
  ticks = tend_chart_layout_get_ticks (layout);
  g_assert_cmpfloat (ticks->min, <=, -3e14);
  g_assert_cmpfloat (ticks->max, >=, 2e15);
  g_assert_cmpuint (tend_chart_layout_get_n_items (layout), ==, 3);
  g_assert_null (tend_chart_layout_find_item (layout, 0, 2));

  /* The negative bar hangs from zero. */
  zero = tend_chart_layout_value_to_pixel (layout, 0);
  negative = tend_chart_layout_find_item (layout, 0, 1);
  g_assert_cmpfloat_with_epsilon (negative->rect.y, zero, 1e-9);
  g_assert_cmpfloat (negative->rect.height, >, 0);
  render_to_image (chart, WIDTH, HEIGHT);

  /* Values near the limits of a double still lay out inside the chart and draw. */
  tend_chart_set_series_values (chart, 0, enormous, 4);
  for (guint kind = TEND_CHART_KIND_VERTICAL_BARS; kind <= TEND_CHART_KIND_STACKED_BARS; kind++)
    {
      g_autoptr(TendChartLayout) huge = NULL;
      TendChartRect whole = { 0, 0, WIDTH, HEIGHT };

      tend_chart_set_kind (chart, kind);
      huge = lay_out (chart, WIDTH, HEIGHT);
      for (guint i = 0; i < tend_chart_layout_get_n_items (huge); i++)
        {
          const TendChartItem *item = tend_chart_layout_get_item (huge, i);

          g_assert_true (isfinite (item->rect.y) && isfinite (item->rect.height));
          if (!item->is_point)
            assert_rect_inside (&item->rect, &whole);
        }
      render_to_image (chart, WIDTH, HEIGHT);
    }
}

static void
test_chart_nan (void)
{
  double values[] = { 1, NAN, INFINITY, 4 };
  g_autoptr(TendChart) chart = tend_chart_new (TEND_CHART_KIND_LINE);
  g_autoptr(TendChartLayout) layout = NULL;

  tend_chart_add_series (chart, NULL, TEND_CHART_COLOR_ACCENT, values, 4);
  g_assert_cmpuint (tend_chart_get_n_points (chart), ==, 4);
  g_assert_true (isnan (tend_chart_get_value (chart, 0, 1)));
  g_assert_true (isnan (tend_chart_get_value (chart, 0, 2)));
  g_assert_true (isnan (tend_chart_get_value (chart, 0, 9)));
  g_assert_true (isnan (tend_chart_get_value (chart, 3, 0)));
  g_assert_cmpfloat (tend_chart_get_value (chart, 0, 3), ==, 4);

  layout = lay_out (chart, WIDTH, HEIGHT);
  g_assert_cmpuint (tend_chart_layout_get_n_items (layout), ==, 2);
  g_assert_cmpfloat (tend_chart_layout_get_ticks (layout)->max, <, 10);
  render_to_image (chart, WIDTH, HEIGHT);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
changed_cb (TendChart *chart,
            guint     *count)
{
  (*count)++;
}

static void
test_chart_notify (void)
{
  g_autoptr(TendChart) chart = tend_chart_new (TEND_CHART_KIND_VERTICAL_BARS);
  guint notified = 0, changed = 0;
  double one = 1;

  g_signal_connect (chart, "notify::title", G_CALLBACK (notify_cb), &notified);
  g_signal_connect (chart, "changed", G_CALLBACK (changed_cb), &changed);

  tend_chart_set_title (chart, "ARR");
  tend_chart_set_title (chart, "ARR");
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (changed, ==, 1);

  tend_chart_add_series (chart, "a", TEND_CHART_COLOR_ACCENT, &one, 1);
  tend_chart_set_kind (chart, TEND_CHART_KIND_VERTICAL_BARS);
  g_assert_cmpuint (changed, ==, 2);

  g_object_set (chart, "kind", TEND_CHART_KIND_LINE, NULL);
  g_assert_cmpint (tend_chart_get_kind (chart), ==, TEND_CHART_KIND_LINE);
  g_assert_cmpuint (changed, ==, 3);

  /* Clearing keeps the bands, which are part of the chart's design, not its data. */
  tend_chart_add_band (chart, 0, 40, TEND_CHART_COLOR_RED);
  tend_chart_clear (chart);
  g_assert_cmpuint (tend_chart_get_n_series (chart), ==, 0);
  g_assert_cmpuint (tend_chart_get_n_bands (chart), ==, 1);
  g_assert_true (tend_chart_is_empty (chart));

  g_signal_handlers_disconnect_by_data (chart, &notified);
  g_signal_handlers_disconnect_by_data (chart, &changed);
  g_assert_finalize_object (g_steal_pointer (&chart));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/charts/ticks/nice", test_ticks_nice);
  g_test_add_func ("/charts/ticks/values", test_ticks_values);
  g_test_add_func ("/charts/ticks/scale", test_ticks_scale);
  g_test_add_func ("/charts/format/values", test_format_values);
  g_test_add_func ("/charts/format/ticks", test_format_ticks);
  g_test_add_func ("/charts/format/locale", test_format_locale);
  g_test_add_func ("/charts/text/tooltips", test_tooltips);
  g_test_add_func ("/charts/text/summary", test_summary);
  g_test_add_func ("/charts/layout/vertical-bars", test_layout_vertical_bars);
  g_test_add_func ("/charts/layout/labels", test_layout_labels);
  g_test_add_func ("/charts/layout/crowded-categories", test_layout_crowded_categories);
  g_test_add_func ("/charts/layout/month-labels", test_layout_month_labels);
  g_test_add_func ("/charts/layout/line", test_layout_line);
  g_test_add_func ("/charts/layout/horizontal", test_layout_horizontal);
  g_test_add_func ("/charts/layout/stacked", test_layout_stacked);
  g_test_add_func ("/charts/layout/step", test_layout_step);
  g_test_add_func ("/charts/render/palettes", test_render_palettes);
  g_test_add_func ("/charts/render/hover-and-focus", test_render_hover_and_focus);
  g_test_add_func ("/charts/render/pdf", test_render_pdf);
  g_test_add_func ("/charts/render/empty", test_render_empty);
  g_test_add_func ("/charts/render/extremes", test_render_extremes);
  g_test_add_func ("/charts/chart/nan", test_chart_nan);
  g_test_add_func ("/charts/chart/notify", test_chart_notify);

  return g_test_run ();
}
