/* tend-chart-palette.c: the colours a chart is drawn in, light or dark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The colours come from the GNOME palette that libadwaita uses, so charts sit with the
 * rest of the desktop: darker shades on light backgrounds, lighter ones on dark, each
 * chosen to keep red, yellow and green apart on either.
 */

#define G_LOG_DOMAIN "TendCharts"

#include "tend-chart-palette.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, \
                   ((hex) & 0xff) / 255.0, 1.0 }

static const TendChartPalette light = {
  .foreground = { 0.0, 0.0, 0.0, 0.8 },
  .dim = { 0.0, 0.0, 0.0, 0.55 },
  .grid = { 0.0, 0.0, 0.0, 0.1 },
  .background = RGB (0xffffff),
  .colors = {
    [TEND_CHART_COLOR_ACCENT] = RGB (0x3584e4),
    [TEND_CHART_COLOR_NEUTRAL] = RGB (0x9a9996),
    [TEND_CHART_COLOR_RED] = RGB (0xe01b24),
    [TEND_CHART_COLOR_YELLOW] = RGB (0xe5a50a),
    [TEND_CHART_COLOR_GREEN] = RGB (0x2ec27e),
    [TEND_CHART_COLOR_PURPLE] = RGB (0x9141ac),
    [TEND_CHART_COLOR_TEAL] = RGB (0x2190a4),
    [TEND_CHART_COLOR_ORANGE] = RGB (0xe66100),
  },
};

static const TendChartPalette dark = {
  .foreground = { 1.0, 1.0, 1.0, 0.9 },
  .dim = { 1.0, 1.0, 1.0, 0.6 },
  .grid = { 1.0, 1.0, 1.0, 0.12 },
  .background = RGB (0x242424),
  .colors = {
    [TEND_CHART_COLOR_ACCENT] = RGB (0x78aeed),
    [TEND_CHART_COLOR_NEUTRAL] = RGB (0x77767b),
    [TEND_CHART_COLOR_RED] = RGB (0xff7b63),
    [TEND_CHART_COLOR_YELLOW] = RGB (0xf8e45c),
    [TEND_CHART_COLOR_GREEN] = RGB (0x57e389),
    [TEND_CHART_COLOR_PURPLE] = RGB (0xc061cb),
    [TEND_CHART_COLOR_TEAL] = RGB (0x5bc8af),
    [TEND_CHART_COLOR_ORANGE] = RGB (0xffa348),
  },
};

/**
 * tend_chart_palette_light:
 *
 * Returns: (transfer none): dark ink on a white background
 */
const TendChartPalette *
tend_chart_palette_light (void)
{
  return &light;
}

/**
 * tend_chart_palette_dark:
 *
 * Returns: (transfer none): light ink on a dark grey background
 */
const TendChartPalette *
tend_chart_palette_dark (void)
{
  return &dark;
}

void
tend_chart_rgba_set_source (const TendChartRgba *rgba,
                            cairo_t             *cr)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha);
}

/**
 * tend_chart_palette_set_source:
 * @alpha: how opaque to draw it, multiplied with the colour's own
 *
 * Makes the semantic colour @color the source of @cr.
 */
void
tend_chart_palette_set_source (const TendChartPalette *palette,
                               cairo_t                *cr,
                               TendChartColor          color,
                               double                  alpha)
{
  const TendChartRgba *rgba;

  g_return_if_fail (palette != NULL);
  g_return_if_fail (color < TEND_CHART_N_COLORS);

  rgba = &palette->colors[color];
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha);
}
