/* tend-portfolio-summary.h: the portfolio KPIs of a workspace as of one day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "store/tend-store.h"
#include "util/tend-date.h"

G_BEGIN_DECLS

#define TEND_PORTFOLIO_ERROR (tend_portfolio_error_quark ())

typedef enum
{
  TEND_PORTFOLIO_ERROR_OVERFLOW,  /* the amounts add up to more than a 64-bit integer holds */
} TendPortfolioError;

typedef enum
{
  TEND_PORTFOLIO_BAND_RED,
  TEND_PORTFOLIO_BAND_YELLOW,
  TEND_PORTFOLIO_BAND_GREEN,
  TEND_PORTFOLIO_BAND_UNSCORED,
  TEND_PORTFOLIO_N_BANDS,
} TendPortfolioBand;

/* The active accounts and their ARR in one currency. */
typedef struct
{
  char   *currency;
  guint   accounts;
  gint64  arr_minor;
} TendCurrencyTotal;

/* The active accounts of one segment; ARR counts main-currency accounts only. */
typedef struct
{
  char   *segment;          /* NULL for accounts without a segment */
  guint   accounts;
  gint64  arr_minor;
} TendSegmentTotal;

/* One day of the portfolio health history. */
typedef struct
{
  TendDay day;
  double  average;
  guint   accounts;
  guint   bands[TEND_PORTFOLIO_N_BANDS]; /* red, yellow, green; unscored is always 0 */
} TendHealthPoint;

typedef struct _TendPortfolioSummary TendPortfolioSummary;

/*
 * Every figure is as of the day @day. The definitions (also in the README):
 *
 * - An account is *active on day X* when it had started (start_date is empty or <= X) and
 *   either its status is 'active' or its status is 'churned' with a churn date after X.
 *   Trial and paused accounts are not active; a churned account without a churn date is
 *   churned at an unknown time and is left out of every dated figure (undated_churned).
 * - ARR is accounts.arr_minor summed over active accounts, one total per currency; sums of
 *   money (ARR, at-risk ARR, renewal ARR, ARR by band or segment, retention) only ever add
 *   accounts in the *main currency*, the currency most active accounts use (ties go to the
 *   alphabetically first code; USD when there is no active account). The others are named in
 *   by_currency.
 * - Health is the account's current score when @day is today or later (so counts match the
 *   account list the dashboard links to), else its latest history score on or before @day.
 *   average_health is the mean over scored active accounts.
 * - At risk: active accounts in the red band.
 * - Logo churn rate = lost / cohort, over the trailing 12 months (window_start, day], where
 *   window_start = day minus 12 calendar months; cohort = accounts active on window_start;
 *   lost = accounts of that cohort whose churn date is in (window_start, day]. Accounts won
 *   during the window are in neither count, so the rate stays within 0..1.
 * - Renewals due: active accounts whose renewal_date is in [day, day + 90 days).
 * - Retention, from subscriptions: a subscription's ARR is amount_minor x quantity x 12, 4 or 1
 *   for monthly, quarterly or yearly billing (one-time charges have none). It is live on day X
 *   when it had started (start_date empty or <= X), had not ended (end_date empty or > X), is
 *   not trialing, is not canceled or ended without an end date, and its account was not
 *   churned by X. An account's ARR on X is the sum over its live main-currency subscriptions.
 *   The cohort is the accounts with ARR on window_start. For each: ARR on day = 0 is churn
 *   (its whole starting ARR), below its starting ARR is contraction (the difference), above
 *   is expansion (the difference). GRR = (start - churn - contraction) / start; NRR =
 *   (start - churn - contraction + expansion) / start. Unknown when start is 0.
 */
struct _TendPortfolioSummary
{
  TendDay    day;
  TendDay    window_start;          /* day minus 12 months */
  TendDay    renewals_until;        /* day + 90, exclusive */

  /* The accounts that had started by the day, by their status on it (trial and paused
   * as they are now). */
  guint      total_accounts;
  guint      churned_accounts;
  guint      trial_accounts;
  guint      paused_accounts;
  guint      undated_churned;

  guint      active_accounts;
  char      *currency;              /* main currency */
  gint64     arr_minor;             /* active ARR in the main currency */
  GPtrArray *by_currency;           /* TendCurrencyTotal, main currency first, then by code */

  guint      scored_accounts;
  double     average_health;        /* 0 when scored_accounts is 0 */

  guint      at_risk_accounts;
  gint64     at_risk_arr_minor;

  guint      churn_cohort;
  guint      churn_lost;
  gboolean   has_logo_churn_rate;   /* FALSE when the cohort is empty */
  double     logo_churn_rate;       /* 0..1 */

  guint      renewals_due;
  gint64     renewals_due_arr_minor;

  guint      band_accounts[TEND_PORTFOLIO_N_BANDS];
  gint64     band_arr_minor[TEND_PORTFOLIO_N_BANDS];
  GPtrArray *by_segment;            /* TendSegmentTotal, by ARR descending, then by name */

  guint      retention_cohort;
  gint64     retention_start_minor;
  gint64     retention_churn_minor;
  gint64     retention_contraction_minor;
  gint64     retention_expansion_minor;
  gboolean   has_retention;         /* FALSE when the starting ARR is 0 */
  double     grr;
  double     nrr;
};

#define TEND_TYPE_PORTFOLIO_SUMMARY (tend_portfolio_summary_get_type ())

GQuark                tend_portfolio_error_quark       (void);
GType                 tend_portfolio_summary_get_type  (void) G_GNUC_CONST;

TendPortfolioSummary *tend_portfolio_summary_compute   (TendStore             *store,
                                                        TendDay                day,
                                                        GError               **error);
TendPortfolioSummary *tend_portfolio_summary_ref       (TendPortfolioSummary  *self);
void                  tend_portfolio_summary_unref     (TendPortfolioSummary  *self);
JsonNode             *tend_portfolio_summary_to_json   (TendPortfolioSummary  *self);

const char           *tend_portfolio_band_to_string    (TendPortfolioBand      band);
TendPortfolioBand     tend_portfolio_band_from_string  (const char            *band);

GArray               *tend_portfolio_health_series     (TendStore             *store,
                                                        TendDay                from,
                                                        TendDay                to,
                                                        GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendPortfolioSummary, tend_portfolio_summary_unref)

G_END_DECLS
