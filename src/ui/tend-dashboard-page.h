/* tend-dashboard-page.h: the portfolio at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "reports/tend-portfolio-summary.h"
#include "store/tend-store.h"

G_BEGIN_DECLS

#define TEND_TYPE_DASHBOARD_PAGE (tend_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (TendDashboardPage, tend_dashboard_page, TEND, DASHBOARD_PAGE, AdwBin)

GtkWidget            *tend_dashboard_page_new         (void);
TendStore            *tend_dashboard_page_get_store   (TendDashboardPage *self);
void                  tend_dashboard_page_set_store   (TendDashboardPage *self,
                                                       TendStore         *store);
void                  tend_dashboard_page_refresh     (TendDashboardPage *self);
TendPortfolioSummary *tend_dashboard_page_get_summary (TendDashboardPage *self);
const char           *tend_dashboard_page_get_kpi     (TendDashboardPage *self,
                                                       guint              index);
GtkWidget            *tend_dashboard_page_get_band_chart (TendDashboardPage *self);
GtkWidget            *tend_dashboard_page_get_arr_chart  (TendDashboardPage *self);
void                  tend_dashboard_page_set_arr_by_segment (TendDashboardPage *self,
                                                              gboolean           by_segment);

G_END_DECLS
