/* tend-ui-charts.c: the charts the pages share: cards around them, score bands behind them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendUi"

#include "config.h"


#include "scoring/tend-scorecard.h"

#include "tend-ui-charts.h"

/**
 * tend_ui_chart_card_new:
 * @view: the chart view
 * @header_suffix: (nullable): a widget beside the title, such as a switch of views
 *
 * Returns: (transfer floating): a card with a heading over @view
 */
GtkWidget *
tend_ui_chart_card_new (const char *title,
                        GtkWidget  *view,
                        GtkWidget  *header_suffix)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "chart-card");
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);

  gtk_box_append (GTK_BOX (header), label);
  if (header_suffix != NULL)
    gtk_box_append (GTK_BOX (header), header_suffix);

  gtk_widget_set_size_request (view, -1, 220);
  gtk_widget_set_vexpand (view, TRUE);
  gtk_box_append (GTK_BOX (card), header);
  gtk_box_append (GTK_BOX (card), view);

  return card;
}

/* The cut-offs of the scorecard in use, so that the bands match the accounts' colours. */
static void
read_cut_offs (TendStore *store,
               double    *red_below,
               double    *green_from)
{
  g_autoptr(TendScorecard) scorecard = NULL;
  g_autoptr(GError) error = NULL;

  *red_below = TEND_SCORECARD_RED_BELOW;
  *green_from = TEND_SCORECARD_GREEN_FROM;

  scorecard = tend_scorecard_load_active (store, &error);
  if (scorecard == NULL)
    {
      if (error != NULL)
        g_debug ("No active scorecard, using the default bands: %s", error->message);
      return;
    }

  *red_below = tend_scorecard_get_red_below (scorecard);
  *green_from = tend_scorecard_get_green_from (scorecard);
}

/**
 * tend_ui_chart_new_score_history:
 *
 * Returns: (transfer full): an empty line chart on a 0..100 axis, with the red, yellow
 *   and green bands of the active scorecard behind it; its days and series are the
 *   caller's to add
 */
TendChart *
tend_ui_chart_new_score_history (TendStore  *store,
                                 const char *title)
{
  TendChart *chart = tend_chart_new (TEND_CHART_KIND_LINE);
  double red_below, green_from;

  read_cut_offs (store, &red_below, &green_from);

  tend_chart_set_title (chart, title);
  tend_chart_set_show_title (chart, FALSE);
  tend_chart_set_format (chart, TEND_CHART_FORMAT_DECIMAL);
  tend_chart_set_value_range (chart, 0, 100);
  tend_chart_add_band (chart, 0, red_below, TEND_CHART_COLOR_RED);
  tend_chart_add_band (chart, red_below, green_from, TEND_CHART_COLOR_YELLOW);
  tend_chart_add_band (chart, green_from, 100, TEND_CHART_COLOR_GREEN);

  return chart;
}
