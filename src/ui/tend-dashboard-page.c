/* tend-dashboard-page.c: the portfolio at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures come from tend_portfolio_summary_compute(), which defines each of them.
 * They are computed when the page is shown and again after the workspace changes, not
 * at start-up, so that a large workspace opens on the Accounts page without waiting;
 * and on a worker thread with its own connection, since they read every account and
 * subscription (half a second for 100,000 accounts), while the page keeps showing the
 * figures before.
 */

#define G_LOG_DOMAIN "TendUi"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "util/tend-money.h"
#include "widgets/tend-chart-view.h"

#include "tend-dashboard-page.h"
#include "tend-ui-charts.h"
#include "tend-ui-format.h"

/* How far back the portfolio health chart looks. */
#define HISTORY_DAYS 365

typedef enum
{
  KPI_ACTIVE,
  KPI_ARR,
  KPI_HEALTH,
  KPI_AT_RISK,
  KPI_CHURN,
  KPI_RENEWALS,
  N_KPIS,
} Kpi;

typedef struct
{
  GtkWidget *card;
  GtkLabel  *value;
  GtkLabel  *detail;
} KpiCard;

struct _TendDashboardPage
{
  AdwBin                parent_instance;

  GtkStack             *stack;
  AdwStatusPage        *error_page;
  GtkFlowBox           *kpi_box;
  GtkFlowBox           *chart_box;
  GtkLabel             *as_of_label;

  KpiCard               kpis[N_KPIS];
  TendChartView        *bands_view;
  TendChartView        *arr_view;
  TendChartView        *history_view;
  GtkDropDown          *arr_grouping;
  TendStore            *store;
  TendPortfolioSummary *summary;
  gulong                changed_handler;
  guint                 refresh_source;
  GCancellable         *refresh_cancellable;
  gboolean              dirty;
};

/* What a refresh computes on its worker thread. */
typedef struct
{
  TendStore            *store;
  TendDay               day;
  TendPortfolioSummary *summary;
  GArray               *series;
} DashboardFigures;

G_DEFINE_FINAL_TYPE (TendDashboardPage, tend_dashboard_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const kpi_titles[N_KPIS] = {
  N_("Active Accounts"),
  N_("Annual Recurring Revenue"),
  N_("Average Health"),
  N_("At Risk"),
  N_("Logo Churn, Last 12 Months"),
  N_("Renewals in 90 Days"),
};

static void
create_kpi_card (TendDashboardPage *self,
                 Kpi                kpi)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (_(kpi_titles[kpi]));
  GtkWidget *value = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "kpi-card");
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_widget_add_css_class (title, "dim-label");
  gtk_widget_add_css_class (value, "title-1");
  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);

  /* Wrapped labels ask for their whole text's width otherwise, and the homogeneous flow
   * box would then fit only two cards a line. */
  gtk_label_set_max_width_chars (GTK_LABEL (title), 24);
  gtk_label_set_max_width_chars (GTK_LABEL (detail), 28);

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_flow_box_append (self->kpi_box, box);

  self->kpis[kpi].card = box;
  self->kpis[kpi].value = GTK_LABEL (value);
  self->kpis[kpi].detail = GTK_LABEL (detail);
}

static void
set_kpi (TendDashboardPage *self,
         Kpi                kpi,
         const char        *value,
         const char        *detail)
{
  g_autofree char *accessible = g_strdup_printf ("%s: %s. %s", _(kpi_titles[kpi]), value,
                                                 detail);

  gtk_label_set_text (self->kpis[kpi].value, value);
  gtk_label_set_text (self->kpis[kpi].detail, detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->kpis[kpi].card),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static char *
format_accounts (guint n)
{
  g_autofree char *number = tend_ui_format_count (n);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s account", "%s accounts", n),
                          number);
}

static void
show_active (TendDashboardPage    *self,
             TendPortfolioSummary *summary)
{
  g_autofree char *value = tend_ui_format_count (summary->active_accounts);
  g_autofree char *total = tend_ui_format_count (summary->total_accounts);
  g_autofree char *churned = tend_ui_format_count (summary->churned_accounts);
  g_autofree char *detail = NULL;

  /* Translators: "of 412 accounts, 37 churned" */
  detail = g_strdup_printf (_("of %s accounts, %s churned"), total, churned);
  set_kpi (self, KPI_ACTIVE, value, detail);
}

static void
show_arr (TendDashboardPage    *self,
          TendPortfolioSummary *summary)
{
  g_autofree char *value = tend_money_format_short (summary->arr_minor, summary->currency);
  g_autofree char *full = tend_money_format (summary->arr_minor, summary->currency);
  g_autofree char *detail = NULL;
  guint others = summary->by_currency != NULL && summary->by_currency->len > 1
                   ? summary->by_currency->len - 1 : 0;

  if (others > 0)
    /* Translators: "$1,234,567.00 in USD; 2 other currencies not added in" */
    detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s in %s; %u other currency not added in",
                                           "%s in %s; %u other currencies not added in",
                                           others),
                              full, summary->currency, others);
  else
    detail = g_strdup (full);

  set_kpi (self, KPI_ARR, value, detail);
}

static void
show_health (TendDashboardPage    *self,
             TendPortfolioSummary *summary)
{
  g_autofree char *value = NULL;
  g_autofree char *scored = format_accounts (summary->scored_accounts);
  g_autofree char *detail = NULL;

  value = summary->scored_accounts > 0 ? tend_ui_format_score (summary->average_health)
                                       : g_strdup ("—");
  /* Translators: "over 380 accounts scored" */
  detail = g_strdup_printf (_("over %s scored"), scored);
  set_kpi (self, KPI_HEALTH, value, detail);
}

static void
show_at_risk (TendDashboardPage    *self,
              TendPortfolioSummary *summary)
{
  g_autofree char *value = tend_ui_format_count (summary->at_risk_accounts);
  g_autofree char *arr = tend_money_format_short (summary->at_risk_arr_minor,
                                                  summary->currency);
  g_autofree char *detail = NULL;

  /* Translators: "$1.2M ARR in the red band" */
  detail = g_strdup_printf (_("%s ARR in the red band"), arr);
  set_kpi (self, KPI_AT_RISK, value, detail);
}

static void
show_churn (TendDashboardPage    *self,
            TendPortfolioSummary *summary)
{
  g_autofree char *value = NULL;
  g_autofree char *lost = tend_ui_format_count (summary->churn_lost);
  g_autofree char *cohort = tend_ui_format_count (summary->churn_cohort);
  g_autofree char *detail = NULL;

  if (summary->has_logo_churn_rate)
    {
      g_autofree char *percent = tend_number_format (summary->logo_churn_rate * 100, 1);

      /* Translators: a percentage, "4.5%" */
      value = g_strdup_printf (_("%s%%"), percent);
      /* Translators: "12 of 268 accounts lost" */
      detail = g_strdup_printf (_("%s of %s accounts lost"), lost, cohort);
    }
  else
    {
      value = g_strdup ("—");
      detail = g_strdup (_("No accounts were active 12 months ago"));
    }

  set_kpi (self, KPI_CHURN, value, detail);
}

static void
show_renewals (TendDashboardPage    *self,
               TendPortfolioSummary *summary)
{
  g_autofree char *value = tend_ui_format_count (summary->renewals_due);
  g_autofree char *arr = tend_money_format_short (summary->renewals_due_arr_minor,
                                                  summary->currency);
  g_autofree char *detail = NULL;

  /* Translators: "$845K ARR up for renewal" */
  detail = g_strdup_printf (_("%s ARR up for renewal"), arr);
  set_kpi (self, KPI_RENEWALS, value, detail);
}

/* The bands in the order of TendPortfolioBand, as the list filters name them. */
static const char *const band_filters[TEND_PORTFOLIO_N_BANDS] = {
  "red", "yellow", "green", "unscored",
};

static const TendChartColor band_colors[TEND_PORTFOLIO_N_BANDS] = {
  TEND_CHART_COLOR_RED, TEND_CHART_COLOR_YELLOW, TEND_CHART_COLOR_GREEN,
  TEND_CHART_COLOR_NEUTRAL,
};

static void
fill_band_categories (TendChart *chart)
{
  const char *categories[TEND_PORTFOLIO_N_BANDS + 1];

  for (guint band = 0; band < TEND_PORTFOLIO_N_BANDS; band++)
    categories[band] = tend_ui_band_label (band < TEND_PORTFOLIO_BAND_UNSCORED
                                             ? band_filters[band] : NULL);
  categories[TEND_PORTFOLIO_N_BANDS] = NULL;

  tend_chart_set_categories (chart, categories);
}

static void
color_band_points (TendChart *chart)
{
  for (guint band = 0; band < TEND_PORTFOLIO_N_BANDS; band++)
    tend_chart_set_point_color (chart, 0, band, band_colors[band]);
}

static char *
accounts_tooltip (double   value,
                  gpointer user_data)
{
  return format_accounts ((guint)value);
}

static void
show_bands_chart (TendDashboardPage    *self,
                  TendPortfolioSummary *summary)
{
  g_autoptr(TendChart) chart = tend_chart_new (TEND_CHART_KIND_VERTICAL_BARS);
  double values[TEND_PORTFOLIO_N_BANDS];

  for (guint band = 0; band < TEND_PORTFOLIO_N_BANDS; band++)
    values[band] = summary->band_accounts[band];

  tend_chart_set_title (chart, _("Active accounts by health band"));
  tend_chart_set_show_title (chart, FALSE);
  tend_chart_set_show_values (chart, TRUE);
  tend_chart_set_format (chart, TEND_CHART_FORMAT_INTEGER);
  tend_chart_set_tooltip_func (chart, accounts_tooltip, NULL, NULL);
  fill_band_categories (chart);
  tend_chart_add_series (chart, _("Accounts"), TEND_CHART_COLOR_ACCENT, values,
                         TEND_PORTFOLIO_N_BANDS);
  color_band_points (chart);

  tend_chart_view_set_chart (self->bands_view, chart);
}

static void
fill_arr_by_band (TendChart            *chart,
                  TendPortfolioSummary *summary)
{
  double values[TEND_PORTFOLIO_N_BANDS];

  for (guint band = 0; band < TEND_PORTFOLIO_N_BANDS; band++)
    values[band] = summary->band_arr_minor[band];

  fill_band_categories (chart);
  tend_chart_add_series (chart, _("ARR"), TEND_CHART_COLOR_ACCENT, values,
                         TEND_PORTFOLIO_N_BANDS);
  color_band_points (chart);
}

static void
fill_arr_by_segment (TendChart            *chart,
                     TendPortfolioSummary *summary)
{
  guint n = summary->by_segment != NULL ? summary->by_segment->len : 0;
  g_auto(GStrv) categories = g_new0 (char *, n + 1);
  g_autofree double *values = g_new0 (double, MAX (n, 1));

  /* Segments are named by the imported file: each is cut to a label's length. */
  for (guint i = 0; i < n; i++)
    {
      TendSegmentTotal *total = g_ptr_array_index (summary->by_segment, i);

      categories[i] = total->segment != NULL
                        ? tend_ui_display_text (total->segment, TEND_UI_CHOICE_CHARS)
                        : g_strdup (_("No segment"));
      values[i] = total->arr_minor;
    }

  tend_chart_set_categories (chart, (const char * const *)categories);
  tend_chart_add_series (chart, _("ARR"), TEND_CHART_COLOR_ACCENT, values, n);
}

static void
show_arr_chart (TendDashboardPage *self)
{
  TendPortfolioSummary *summary = self->summary;
  g_autoptr(TendChart) chart = tend_chart_new (TEND_CHART_KIND_HORIZONTAL_BARS);
  gboolean by_segment = gtk_drop_down_get_selected (self->arr_grouping) == 1;

  if (summary == NULL)
    return;

  tend_chart_set_title (chart, by_segment ? _("ARR by segment") : _("ARR by health band"));
  tend_chart_set_show_title (chart, FALSE);
  tend_chart_set_show_values (chart, TRUE);
  tend_chart_set_format (chart, TEND_CHART_FORMAT_MONEY);
  tend_chart_set_currency (chart, summary->currency);

  if (by_segment)
    fill_arr_by_segment (chart, summary);
  else
    fill_arr_by_band (chart, summary);

  tend_chart_view_set_chart (self->arr_view, chart);
}

static void
show_history_chart (TendDashboardPage *self,
                    GArray            *series)
{
  g_autoptr(TendChart) chart = NULL;
  g_autofree TendDay *days = NULL;
  g_autofree double *values = NULL;

  days = g_new (TendDay, MAX (series->len, 1));
  values = g_new (double, MAX (series->len, 1));
  for (guint i = 0; i < series->len; i++)
    {
      TendHealthPoint *point = &g_array_index (series, TendHealthPoint, i);

      days[i] = point->day;
      values[i] = point->average;
    }

  chart = tend_ui_chart_new_score_history (self->store, _("Average health over the last year"));
  tend_chart_set_days (chart, days, series->len);
  tend_chart_add_series (chart, _("Average health"), TEND_CHART_COLOR_ACCENT, values,
                         series->len);
  tend_chart_view_set_chart (self->history_view, chart);
}

static void
arr_grouping_changed_cb (TendDashboardPage *self)
{
  show_arr_chart (self);
}

/* The list a band's bar opens has the active accounts of that band, as counted here. */
static void
band_activated_cb (TendDashboardPage *self,
                   guint              series,
                   guint              index,
                   TendChartView     *view)
{
  if (index < TEND_PORTFOLIO_N_BANDS)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-band", "s", band_filters[index]);
}

/* A bar of ARR by band opens that band; by segment, that segment's active accounts. The
 * bar of accounts with no segment opens nothing: the list has no filter for a missing
 * segment. */
static void
arr_activated_cb (TendDashboardPage *self,
                  guint              series,
                  guint              index,
                  TendChartView     *view)
{
  TendSegmentTotal *total;

  if (gtk_drop_down_get_selected (self->arr_grouping) != 1)
    {
      band_activated_cb (self, series, index, view);
      return;
    }

  if (self->summary == NULL || self->summary->by_segment == NULL ||
      index >= self->summary->by_segment->len)
    return;

  /* The bar of the accounts without a segment opens them as the list's "No Segment". */
  total = g_ptr_array_index (self->summary->by_segment, index);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-segment", "s",
                              total->segment != NULL ? total->segment : "");
}

static void
create_charts (TendDashboardPage *self)
{
  const char *groupings[] = { _("By Band"), _("By Segment"), NULL };
  GtkWidget *grouping = gtk_drop_down_new_from_strings (groupings);

  self->bands_view = TEND_CHART_VIEW (tend_chart_view_new (NULL));
  self->arr_view = TEND_CHART_VIEW (tend_chart_view_new (NULL));
  self->history_view = TEND_CHART_VIEW (tend_chart_view_new (NULL));
  self->arr_grouping = GTK_DROP_DOWN (grouping);

  /* A band's bar opens the accounts of that band. */
  tend_chart_view_set_activatable (self->bands_view, TRUE);
  g_signal_connect_object (self->bands_view, "item-activated",
                           G_CALLBACK (band_activated_cb), self, G_CONNECT_SWAPPED);
  tend_chart_view_set_activatable (self->arr_view, TRUE);
  g_signal_connect_object (self->arr_view, "item-activated",
                           G_CALLBACK (arr_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (grouping, "notify::selected",
                           G_CALLBACK (arr_grouping_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_valign (grouping, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grouping), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Group ARR by"), -1);

  gtk_flow_box_append (self->chart_box,
                       tend_ui_chart_card_new (_("Health Distribution"),
                                               GTK_WIDGET (self->bands_view), NULL));
  gtk_flow_box_append (self->chart_box,
                       tend_ui_chart_card_new (_("Annual Recurring Revenue"),
                                               GTK_WIDGET (self->arr_view), grouping));
  gtk_flow_box_append (self->chart_box,
                       tend_ui_chart_card_new (_("Portfolio Health"),
                                               GTK_WIDGET (self->history_view), NULL));
}

static void
show_summary (TendDashboardPage    *self,
              TendPortfolioSummary *summary)
{
  g_autofree char *today = tend_day_format (summary->day);
  g_autofree char *as_of = NULL;

  show_active (self, summary);
  show_arr (self, summary);
  show_health (self, summary);
  show_at_risk (self, summary);
  show_churn (self, summary);
  show_renewals (self, summary);

  /* Translators: "Figures as of 4 December 2026, for active accounts in USD" */
  as_of = g_strdup_printf (_("Figures as of %s; money sums count accounts billed in %s"),
                           today, summary->currency);
  gtk_label_set_text (self->as_of_label, as_of);
}

/* A dashboard that cannot be computed says why in its place, rather than going blank;
 * Try Again computes it anew. */
static void
show_error (TendDashboardPage *self,
            const GError      *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
dashboard_figures_free (gpointer data)
{
  DashboardFigures *figures = data;

  g_clear_object (&figures->store);
  g_clear_pointer (&figures->summary, tend_portfolio_summary_unref);
  g_clear_pointer (&figures->series, g_array_unref);
  g_free (figures);
}

/* On the worker thread: the page's store is only asked for its file. */
static void
compute_figures (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  DashboardFigures *figures = task_data;
  g_autoptr(TendStore) store = NULL;
  GError *error = NULL;

  store = tend_store_open_sibling (figures->store, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  figures->summary = tend_portfolio_summary_compute (store, figures->day, &error);
  if (figures->summary != NULL)
    figures->series = tend_portfolio_health_series (store, figures->day - HISTORY_DAYS,
                                                    figures->day, &error);

  if (figures->series == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
show_figures (TendDashboardPage *self,
              DashboardFigures  *figures)
{
  show_summary (self, figures->summary);
  show_bands_chart (self, figures->summary);
  g_clear_pointer (&self->summary, tend_portfolio_summary_unref);
  self->summary = g_steal_pointer (&figures->summary);
  show_arr_chart (self);
  show_history_chart (self, figures->series);

  gtk_stack_set_visible_child_name (self->stack, "content");
}

static void
figures_ready_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  TendDashboardPage *self = TEND_DASHBOARD_PAGE (source_object);
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_figures (self, g_task_get_task_data (G_TASK (result)));
      return;
    }

  /* A refresh abandoned for a newer one, or for the page going away, shows nothing. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The page shows the message itself; the log only keeps a trace of it. */
  g_debug ("Could not compute the dashboard: %s", error->message);
  show_error (self, error);
}

/**
 * tend_dashboard_page_refresh:
 *
 * Computes the figures and charts anew from the workspace, on a worker thread; the page
 * shows them once they are ready, and a refresh still running is abandoned.
 */
void
tend_dashboard_page_refresh (TendDashboardPage *self)
{
  g_autoptr(GTask) task = NULL;
  DashboardFigures *figures;

  g_return_if_fail (TEND_IS_DASHBOARD_PAGE (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->dirty = FALSE;

  g_cancellable_cancel (self->refresh_cancellable);
  g_clear_object (&self->refresh_cancellable);

  if (self->store == NULL)
    return;

  figures = g_new0 (DashboardFigures, 1);
  figures->store = g_object_ref (self->store);
  figures->day = tend_day_today ();

  self->refresh_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->refresh_cancellable, figures_ready_cb, NULL);
  g_task_set_source_tag (task, tend_dashboard_page_refresh);
  g_task_set_task_data (task, figures, dashboard_figures_free);
  g_task_run_in_thread (task, compute_figures);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  TendDashboardPage *self = user_data;

  self->refresh_source = 0;
  tend_dashboard_page_refresh (self);

  return G_SOURCE_REMOVE;
}

/* Changes often come in bursts (accounts, then scores); one refresh covers them. */
static void
schedule_refresh (TendDashboardPage *self)
{
  self->dirty = TRUE;

  if (self->refresh_source == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->refresh_source = g_idle_add_full (G_PRIORITY_LOW, refresh_idle_cb, self, NULL);
}

static void
store_changed_cb (TendDashboardPage *self,
                  const char        *what,
                  TendStore         *store)
{
  static const char *const relevant[] = { "accounts", "scores", "subscriptions", "csms",
                                          "scorecards", NULL };

  if (what == NULL || g_strv_contains (relevant, what))
    schedule_refresh (self);
}

static void
retry_clicked_cb (TendDashboardPage *self)
{
  schedule_refresh (self);
}

static void
kpi_activated_cb (TendDashboardPage *self,
                  GtkFlowBoxChild   *child,
                  GtkFlowBox        *box)
{
  GtkWidget *card = gtk_flow_box_child_get_child (child);

  if (card == self->kpis[KPI_AT_RISK].card)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-band", "s", "red");
  else if (card == self->kpis[KPI_ACTIVE].card)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-active", NULL);
}

static void
tend_dashboard_page_map (GtkWidget *widget)
{
  TendDashboardPage *self = TEND_DASHBOARD_PAGE (widget);

  GTK_WIDGET_CLASS (tend_dashboard_page_parent_class)->map (widget);

  if (self->dirty)
    schedule_refresh (self);
}

static void
tend_dashboard_page_dispose (GObject *object)
{
  TendDashboardPage *self = TEND_DASHBOARD_PAGE (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_cancellable_cancel (self->refresh_cancellable);
  g_clear_object (&self->refresh_cancellable);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->summary, tend_portfolio_summary_unref);

  G_OBJECT_CLASS (tend_dashboard_page_parent_class)->dispose (object);
}

static void
tend_dashboard_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TendDashboardPage *self = TEND_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_dashboard_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TendDashboardPage *self = TEND_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tend_dashboard_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_dashboard_page_class_init (TendDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_dashboard_page_dispose;
  object_class->get_property = tend_dashboard_page_get_property;
  object_class->set_property = tend_dashboard_page_set_property;
  widget_class->map = tend_dashboard_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TEND_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tendcs/Tend/ui/tend-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, kpi_box);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, chart_box);
  gtk_widget_class_bind_template_child (widget_class, TendDashboardPage, as_of_label);
  gtk_widget_class_bind_template_callback (widget_class, kpi_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
}

static void
tend_dashboard_page_init (TendDashboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (Kpi kpi = 0; kpi < N_KPIS; kpi++)
    create_kpi_card (self, kpi);

  create_charts (self);
}

GtkWidget *
tend_dashboard_page_new (void)
{
  return g_object_new (TEND_TYPE_DASHBOARD_PAGE, NULL);
}

TendStore *
tend_dashboard_page_get_store (TendDashboardPage *self)
{
  g_return_val_if_fail (TEND_IS_DASHBOARD_PAGE (self), NULL);

  return self->store;
}

/**
 * tend_dashboard_page_set_store:
 * @store: (nullable): the workspace to summarise
 */
void
tend_dashboard_page_set_store (TendDashboardPage *self,
                               TendStore         *store)
{
  g_return_if_fail (TEND_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (store == NULL || TEND_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->changed_handler = g_signal_connect_object (store, "changed",
                                                     G_CALLBACK (store_changed_cb), self,
                                                     G_CONNECT_SWAPPED);

  schedule_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * tend_dashboard_page_get_summary:
 *
 * Returns: (transfer none) (nullable): the figures shown, or %NULL before the first refresh
 */
TendPortfolioSummary *
tend_dashboard_page_get_summary (TendDashboardPage *self)
{
  g_return_val_if_fail (TEND_IS_DASHBOARD_PAGE (self), NULL);

  return self->summary;
}

/**
 * tend_dashboard_page_get_kpi:
 * @index: which card, from 0 (active accounts) to 5 (renewals)
 *
 * Returns: (nullable): the figure the card shows, as the user reads it
 */
const char *
tend_dashboard_page_get_kpi (TendDashboardPage *self,
                             guint              index)
{
  g_return_val_if_fail (TEND_IS_DASHBOARD_PAGE (self), NULL);

  if (index >= N_KPIS)
    return NULL;

  return gtk_label_get_text (self->kpis[index].value);
}

/**
 * tend_dashboard_page_get_band_chart:
 *
 * Returns: (transfer none): the view of the health distribution, whose bars open the
 *   accounts of their band
 */
GtkWidget *
tend_dashboard_page_get_band_chart (TendDashboardPage *self)
{
  g_return_val_if_fail (TEND_IS_DASHBOARD_PAGE (self), NULL);

  return GTK_WIDGET (self->bands_view);
}

/**
 * tend_dashboard_page_get_arr_chart:
 *
 * Returns: (transfer none): the view of ARR by band or by segment, whose bars open the
 *   accounts of their band or segment
 */
GtkWidget *
tend_dashboard_page_get_arr_chart (TendDashboardPage *self)
{
  g_return_val_if_fail (TEND_IS_DASHBOARD_PAGE (self), NULL);

  return GTK_WIDGET (self->arr_view);
}

/**
 * tend_dashboard_page_set_arr_by_segment:
 *
 * Groups the ARR chart by segment, or by band, as its drop-down does.
 */
void
tend_dashboard_page_set_arr_by_segment (TendDashboardPage *self,
                                        gboolean           by_segment)
{
  g_return_if_fail (TEND_IS_DASHBOARD_PAGE (self));

  gtk_drop_down_set_selected (self->arr_grouping, by_segment ? 1 : 0);
}
