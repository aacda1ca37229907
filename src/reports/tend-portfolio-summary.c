/* tend-portfolio-summary.c: the portfolio KPIs of a workspace as of one day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The definitions of every figure are in tend-portfolio-summary.h. Money is only ever
 * added within one currency, as integer minor units; the only floating point values are
 * the averages and rates.
 */

#define G_LOG_DOMAIN "TendReports"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tend-portfolio-summary.h"
#include "util/tend-money.h"

/* Whether an account of the row aliased "a" was active on the ISO day bound to @x. */
#define ACTIVE_ON(x)                                                          \
  "(a.start_date IS NULL OR a.start_date <= " x ") AND "                     \
  "(a.status = 'active' OR (a.status = 'churned' AND a.churn_date > " x "))"

/* Whether a subscription "s" of account "a" was live on the ISO day bound to @x. */
#define LIVE_ON(x)                                                            \
  "((s.start_date IS NULL OR s.start_date <= " x ") AND "                    \
  "(s.end_date IS NULL OR s.end_date = '' OR s.end_date > " x ") AND "       \
  "NOT (a.status = 'churned' AND (a.churn_date IS NULL OR a.churn_date = '' " \
  "OR a.churn_date <= " x ")))"

/* The accounts that were customers by the day, by their status then: one that churned
 * after it was still active. Trial and paused are known only as they are now. */
static const char status_sql[] =
  "SELECT CASE WHEN status = 'churned' AND churn_date > ?1 THEN 'active' ELSE status END"
  "         AS status_then, COUNT(*), "
  "       SUM(status = 'churned' AND (churn_date IS NULL OR churn_date = '')) "
  "FROM accounts WHERE start_date IS NULL OR start_date = '' OR start_date <= ?1 "
  "GROUP BY status_then";

/* ARR is added up in C, with overflow checks: SQLite's SUM would fail with a bare
 * "integer overflow" on a workspace holding absurd amounts. */
static const char currency_sql[] =
  "SELECT a.currency, COUNT(*) FROM accounts a "
  "WHERE " ACTIVE_ON ("?1") " "
  "GROUP BY a.currency ORDER BY COUNT(*) DESC, a.currency";

static const char current_accounts_sql[] =
  "SELECT a.currency, a.arr_minor, a.segment, a.renewal_date, a.health_score, a.health_band "
  "FROM accounts a WHERE " ACTIVE_ON ("?1");

static const char history_accounts_sql[] =
  "SELECT a.currency, a.arr_minor, a.segment, a.renewal_date, h.score, h.band "
  "FROM accounts a LEFT JOIN health_scores h ON h.account_id = a.id AND h.day = "
  "  (SELECT MAX (day) FROM health_scores WHERE account_id = a.id AND day <= ?2) "
  "WHERE " ACTIVE_ON ("?1");

static const char logo_churn_sql[] =
  "SELECT COUNT(*), COALESCE (SUM (a.status = 'churned' AND a.churn_date <= ?1), 0) "
  "FROM accounts a WHERE " ACTIVE_ON ("?2");

/* One row per subscription, its account's rows together; the ARR of each is multiplied
 * and summed in C, where an overflow is caught. */
static const char retention_sql[] =
  "SELECT s.account_id, s.amount_minor, s.quantity, "
  "       CASE s.billing_interval WHEN 'month' THEN 12 WHEN 'quarter' THEN 4 ELSE 1 END, "
  "       " LIVE_ON ("?2") ", " LIVE_ON ("?1") " "
  "FROM subscriptions s JOIN accounts a ON a.id = s.account_id "
  "WHERE s.currency = ?3 AND s.billing_interval <> 'one_time' AND s.status <> 'trialing' "
  "  AND NOT (s.status IN ('canceled', 'ended') AND (s.end_date IS NULL OR s.end_date = '')) "
  "ORDER BY s.account_id";

/* The account with the amount farthest from zero, to name in an overflow error; the
 * order never negates the smallest integer, which SQLite could not. */
static const char largest_account_sql[] =
  "SELECT name, currency, arr_minor FROM accounts "
  "ORDER BY CASE WHEN arr_minor < 0 THEN -(arr_minor + 1) ELSE arr_minor END DESC LIMIT 1";

static const char largest_subscription_sql[] =
  "SELECT a.name, s.currency, s.amount_minor FROM subscriptions s "
  "JOIN accounts a ON a.id = s.account_id "
  "ORDER BY CASE WHEN s.amount_minor < 0 THEN -(s.amount_minor + 1) ELSE s.amount_minor END "
  "DESC LIMIT 1";

/* Each day's figures over the accounts active on it, as the summary counts them: every
 * score of the day, less those of accounts that were not active customers then (churned
 * on or before it, or in trial or paused now). These are few, and found by their ids, so
 * the day's scores are read once rather than each joined to its account. */
static const char series_sql[] =
  "WITH gone (id, from_day) AS ("
  "  SELECT id, CASE WHEN status = 'churned'"
  "    THEN coalesce (unixepoch (churn_date) / 86400, ?1) ELSE ?1 END"
  "  FROM accounts WHERE status <> 'active'),"
  " out (day, total, n, red, yellow, green) AS ("
  "  SELECT h.day, SUM (h.score), COUNT(*), SUM (h.band = 'red'), SUM (h.band = 'yellow'),"
  "    SUM (h.band = 'green')"
  "  FROM gone g JOIN health_scores h ON h.account_id = g.id"
  "    AND h.day BETWEEN max (g.from_day, ?1) AND ?2"
  "  GROUP BY h.day),"
  " every (day, total, n, red, yellow, green) AS ("
  "  SELECT day, SUM (score), COUNT(*), SUM (band = 'red'), SUM (band = 'yellow'),"
  "    SUM (band = 'green')"
  "  FROM health_scores WHERE day BETWEEN ?1 AND ?2 GROUP BY day)"
  " SELECT e.day, (e.total - coalesce (o.total, 0)) / (e.n - coalesce (o.n, 0)),"
  "   e.n - coalesce (o.n, 0), e.red - coalesce (o.red, 0),"
  "   e.yellow - coalesce (o.yellow, 0), e.green - coalesce (o.green, 0)"
  " FROM every e LEFT JOIN out o ON o.day = e.day"
  " WHERE e.n > coalesce (o.n, 0) ORDER BY e.day";

static void
currency_total_free (gpointer data)
{
  TendCurrencyTotal *total = data;

  g_free (total->currency);
  g_free (total);
}

static void
segment_total_free (gpointer data)
{
  TendSegmentTotal *total = data;

  g_free (total->segment);
  g_free (total);
}

static void
summary_clear (gpointer data)
{
  TendPortfolioSummary *self = data;

  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->by_currency, g_ptr_array_unref);
  g_clear_pointer (&self->by_segment, g_ptr_array_unref);
}

TendPortfolioSummary *
tend_portfolio_summary_ref (TendPortfolioSummary *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_rc_box_acquire (self);
}

void
tend_portfolio_summary_unref (TendPortfolioSummary *self)
{
  g_return_if_fail (self != NULL);

  g_rc_box_release_full (self, summary_clear);
}

G_DEFINE_QUARK (tend-portfolio-error-quark, tend_portfolio_error)

G_DEFINE_BOXED_TYPE (TendPortfolioSummary, tend_portfolio_summary,
                     tend_portfolio_summary_ref, tend_portfolio_summary_unref)

static const char *const band_names[TEND_PORTFOLIO_N_BANDS] = {
  "red", "yellow", "green", "unscored",
};

/**
 * tend_portfolio_band_to_string:
 *
 * Returns: the band's name as the store writes it: "red", "yellow", "green", "unscored"
 */
const char *
tend_portfolio_band_to_string (TendPortfolioBand band)
{
  g_return_val_if_fail (band < TEND_PORTFOLIO_N_BANDS, NULL);

  return band_names[band];
}

/**
 * tend_portfolio_band_from_string:
 *
 * Returns: the band named @band; anything else, %NULL included, is unscored
 */
TendPortfolioBand
tend_portfolio_band_from_string (const char *band)
{
  for (int i = 0; i < TEND_PORTFOLIO_BAND_UNSCORED; i++)
    {
      if (g_strcmp0 (band, band_names[i]) == 0)
        return i;
    }

  return TEND_PORTFOLIO_BAND_UNSCORED;
}

/* Ends a loop over @stmt's rows: resets it, and turns a failed step into @error. */
static gboolean
finish_rows (TendStore     *store,
             sqlite3_stmt  *stmt,
             int            rc,
             GError       **error)
{
  if (rc != SQLITE_DONE)
    tend_store_set_error (store, error, rc, _("read the portfolio"));

  sqlite3_reset (stmt);

  return rc == SQLITE_DONE;
}

static void
bind_day (sqlite3_stmt *stmt,
          int           index,
          TendDay       day)
{
  g_autofree char *iso = tend_day_to_iso (day);

  sqlite3_bind_text (stmt, index, iso, -1, SQLITE_TRANSIENT);
}

/* Adds @amount to @sum unless that would overflow, which sets @overflow instead. */
static void
add_money (gint64   *sum,
           gint64    amount,
           gboolean *overflow)
{
  if (__builtin_add_overflow (*sum, amount, sum))
    *overflow = TRUE;
}

/* Names the row of @sql (name, currency, amount) in an overflow error, so the user knows
 * which amount to correct. */
static char *
describe_largest (TendStore  *store,
                  const char *sql)
{
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, NULL);
  char *described = NULL;

  if (stmt == NULL)
    return NULL;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *amount = tend_money_format (sqlite3_column_int64 (stmt, 2),
                                                   (const char *)sqlite3_column_text (stmt, 1));

      /* Translators: "<account name>, with <amount>" */
      described = g_strdup_printf (_("“%s”, with %s"),
                                   (const char *)sqlite3_column_text (stmt, 0), amount);
    }
  sqlite3_reset (stmt);

  return described;
}

static gboolean
set_overflow_error (TendStore  *store,
                    const char *largest_sql,
                    GError    **error)
{
  g_autofree char *largest = describe_largest (store, largest_sql);

  if (largest == NULL)
    largest = g_strdup (_("unknown"));

  g_set_error (error, TEND_PORTFOLIO_ERROR, TEND_PORTFOLIO_ERROR_OVERFLOW,
               _("The amounts in %s add up to more than Tend can count, so the portfolio "
                 "figures cannot be computed. The largest is %s: correct it, and any other "
                 "amount that size, then import again."),
               tend_store_get_path (store), largest);

  return FALSE;
}

static gboolean
count_statuses (TendPortfolioSummary  *self,
                TendStore             *store,
                GError               **error)
{
  sqlite3_stmt *stmt = tend_store_prepare (store, status_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_day (stmt, 1, self->day);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *status = (const char *)sqlite3_column_text (stmt, 0);
      guint count = sqlite3_column_int (stmt, 1);

      self->total_accounts += count;
      if (g_strcmp0 (status, "churned") == 0)
        self->churned_accounts = count;
      else if (g_strcmp0 (status, "trial") == 0)
        self->trial_accounts = count;
      else if (g_strcmp0 (status, "paused") == 0)
        self->paused_accounts = count;
      self->undated_churned += sqlite3_column_int (stmt, 2);
    }

  return finish_rows (store, stmt, rc, error);
}

static gboolean
total_currencies (TendPortfolioSummary  *self,
                  TendStore             *store,
                  GError               **error)
{
  sqlite3_stmt *stmt = tend_store_prepare (store, currency_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_day (stmt, 1, self->day);

  /* The query orders by account count, so the first row is the main currency; the rest
   * are then sorted by code below. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TendCurrencyTotal *total = g_new0 (TendCurrencyTotal, 1);

      total->currency = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      total->accounts = sqlite3_column_int (stmt, 1);
      g_ptr_array_add (self->by_currency, total);
    }

  return finish_rows (store, stmt, rc, error);
}

static int
compare_currency_totals (gconstpointer a,
                         gconstpointer b)
{
  const TendCurrencyTotal *x = *(TendCurrencyTotal *const *)a;
  const TendCurrencyTotal *y = *(TendCurrencyTotal *const *)b;

  return g_strcmp0 (x->currency, y->currency);
}

static void
choose_main_currency (TendPortfolioSummary *self)
{
  TendCurrencyTotal *main_total;

  if (self->by_currency->len == 0)
    {
      self->currency = g_strdup ("USD");
      return;
    }

  main_total = g_ptr_array_steal_index (self->by_currency, 0);
  g_ptr_array_sort (self->by_currency, compare_currency_totals);
  g_ptr_array_insert (self->by_currency, 0, main_total);

  self->currency = g_strdup (main_total->currency);
  self->active_accounts = 0;
  for (guint i = 0; i < self->by_currency->len; i++)
    self->active_accounts += ((TendCurrencyTotal *)self->by_currency->pdata[i])->accounts;
}

static TendSegmentTotal *
lookup_segment (GHashTable *segments,
                const char *segment)
{
  const char *key = segment != NULL ? segment : "";
  TendSegmentTotal *total = g_hash_table_lookup (segments, key);

  if (total == NULL)
    {
      total = g_new0 (TendSegmentTotal, 1);
      total->segment = *key != '\0' ? g_strdup (key) : NULL;
      g_hash_table_insert (segments, g_strdup (key), total);
    }

  return total;
}

static gboolean
is_renewal_due (TendPortfolioSummary *self,
                const char           *renewal_date)
{
  TendDay renewal = tend_day_from_iso (renewal_date);

  return renewal != TEND_DAY_INVALID && renewal >= self->day && renewal < self->renewals_until;
}

/* What the pass over the active accounts gathers besides the summary's own fields. */
typedef struct
{
  GHashTable *segments;    /* segment name or "" to TendSegmentTotal */
  GHashTable *currencies;  /* code to the TendCurrencyTotal in by_currency */
  double      score_sum;
  gboolean    overflow;
} ActiveTotals;

static void
active_totals_clear (ActiveTotals *totals)
{
  g_clear_pointer (&totals->segments, g_hash_table_unref);
  g_clear_pointer (&totals->currencies, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ActiveTotals, active_totals_clear)

static void
active_totals_init (ActiveTotals         *totals,
                    TendPortfolioSummary *self)
{
  totals->segments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            segment_total_free);
  totals->currencies = g_hash_table_new (g_str_hash, g_str_equal);
  totals->score_sum = 0;
  totals->overflow = FALSE;

  for (guint i = 0; i < self->by_currency->len; i++)
    {
      TendCurrencyTotal *total = self->by_currency->pdata[i];

      g_hash_table_insert (totals->currencies, total->currency, total);
    }
}

/* Adds the ARR of an account to its currency's total. */
static void
add_currency_arr (ActiveTotals *totals,
                  const char   *currency,
                  gint64        arr)
{
  TendCurrencyTotal *total = g_hash_table_lookup (totals->currencies,
                                                  currency != NULL ? currency : "");

  /* The currency query saw the same accounts in the same read transaction. */
  g_assert (total != NULL);
  add_money (&total->arr_minor, arr, &totals->overflow);
}

/* Adds one active account (a row of the accounts query) to the ARR, health, band,
 * segment, risk and renewal figures. */
static void
add_active_account (TendPortfolioSummary *self,
                    sqlite3_stmt         *stmt,
                    ActiveTotals         *totals)
{
  const char *currency = (const char *)sqlite3_column_text (stmt, 0);
  gboolean main_currency = g_strcmp0 (currency, self->currency) == 0;
  gint64 arr = main_currency ? sqlite3_column_int64 (stmt, 1) : 0;
  TendSegmentTotal *segment = lookup_segment (totals->segments,
                                              (const char *)sqlite3_column_text (stmt, 2));
  TendPortfolioBand band = tend_portfolio_band_from_string (
    (const char *)sqlite3_column_text (stmt, 5));

  if (sqlite3_column_type (stmt, 4) == SQLITE_NULL)
    band = TEND_PORTFOLIO_BAND_UNSCORED;

  add_currency_arr (totals, currency, sqlite3_column_int64 (stmt, 1));

  if (band != TEND_PORTFOLIO_BAND_UNSCORED)
    {
      self->scored_accounts++;
      totals->score_sum += sqlite3_column_double (stmt, 4);
    }

  self->band_accounts[band]++;
  add_money (&self->band_arr_minor[band], arr, &totals->overflow);
  segment->accounts++;
  add_money (&segment->arr_minor, arr, &totals->overflow);

  if (band == TEND_PORTFOLIO_BAND_RED)
    {
      self->at_risk_accounts++;
      add_money (&self->at_risk_arr_minor, arr, &totals->overflow);
    }

  if (is_renewal_due (self, (const char *)sqlite3_column_text (stmt, 3)))
    {
      self->renewals_due++;
      add_money (&self->renewals_due_arr_minor, arr, &totals->overflow);
    }
}

static int
compare_segment_totals (gconstpointer a,
                        gconstpointer b)
{
  const TendSegmentTotal *x = *(TendSegmentTotal *const *)a;
  const TendSegmentTotal *y = *(TendSegmentTotal *const *)b;

  if (x->arr_minor != y->arr_minor)
    return x->arr_minor > y->arr_minor ? -1 : 1;

  /* Accounts without a segment come last among equals. */
  if (x->segment == NULL || y->segment == NULL)
    return (x->segment == NULL) - (y->segment == NULL);

  return g_utf8_collate (x->segment, y->segment);
}

static void
collect_segments (TendPortfolioSummary *self,
                  GHashTable           *segments)
{
  GHashTableIter iter;
  gpointer key, value;

  /* Stealing leaves the key to free here and moves the value into the array. */
  g_hash_table_iter_init (&iter, segments);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_ptr_array_add (self->by_segment, value);
      g_hash_table_iter_steal (&iter);
      g_free (key);
    }

  g_ptr_array_sort (self->by_segment, compare_segment_totals);
}

static gboolean
total_active_accounts (TendPortfolioSummary  *self,
                       TendStore             *store,
                       GError               **error)
{
  gboolean from_history = self->day < tend_day_today ();
  g_auto(ActiveTotals) totals = { NULL, };
  sqlite3_stmt *stmt;
  int rc;

  stmt = tend_store_prepare (store, from_history ? history_accounts_sql : current_accounts_sql,
                             error);
  if (stmt == NULL)
    return FALSE;

  bind_day (stmt, 1, self->day);
  if (from_history)
    sqlite3_bind_int (stmt, 2, self->day);

  active_totals_init (&totals, self);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_active_account (self, stmt, &totals);

  if (!finish_rows (store, stmt, rc, error))
    return FALSE;

  if (totals.overflow)
    return set_overflow_error (store, largest_account_sql, error);

  if (self->by_currency->len > 0)
    self->arr_minor = ((TendCurrencyTotal *)self->by_currency->pdata[0])->arr_minor;
  if (self->scored_accounts > 0)
    self->average_health = totals.score_sum / self->scored_accounts;
  collect_segments (self, totals.segments);

  return TRUE;
}

static gboolean
compute_logo_churn (TendPortfolioSummary  *self,
                    TendStore             *store,
                    GError               **error)
{
  sqlite3_stmt *stmt = tend_store_prepare (store, logo_churn_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_day (stmt, 1, self->day);
  bind_day (stmt, 2, self->window_start);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      self->churn_cohort = sqlite3_column_int (stmt, 0);
      self->churn_lost = sqlite3_column_int (stmt, 1);
      rc = SQLITE_DONE;
    }

  if (!finish_rows (store, stmt, rc, error))
    return FALSE;

  self->has_logo_churn_rate = self->churn_cohort > 0;
  if (self->has_logo_churn_rate)
    self->logo_churn_rate = (double)self->churn_lost / self->churn_cohort;

  return TRUE;
}

/* One account's subscription ARR at the start and at the end of the window. */
typedef struct
{
  gint64   account_id;
  gint64   start_arr;
  gint64   end_arr;
  gboolean overflow;
} RetentionAccount;

/* Sorts one cohort account's change of ARR into churn, contraction or expansion. */
static void
add_retention_account (TendPortfolioSummary *self,
                       RetentionAccount     *account)
{
  gint64 start_arr = account->start_arr;
  gint64 end_arr = account->end_arr;
  gint64 change;

  if (start_arr <= 0)
    return;

  self->retention_cohort++;
  add_money (&self->retention_start_minor, start_arr, &account->overflow);

  if (end_arr <= 0)
    add_money (&self->retention_churn_minor, start_arr, &account->overflow);
  else if (end_arr < start_arr)
    add_money (&self->retention_contraction_minor, start_arr - end_arr, &account->overflow);
  else if (__builtin_sub_overflow (end_arr, start_arr, &change))
    account->overflow = TRUE;
  else
    add_money (&self->retention_expansion_minor, change, &account->overflow);
}

/* Adds one subscription row of the retention query to its account's ARR. */
static void
add_retention_subscription (RetentionAccount *account,
                            sqlite3_stmt     *stmt)
{
  gint64 arr;

  if (__builtin_mul_overflow (sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2),
                              &arr) ||
      __builtin_mul_overflow (arr, sqlite3_column_int64 (stmt, 3), &arr))
    {
      account->overflow = TRUE;
      return;
    }

  if (sqlite3_column_int (stmt, 4))
    add_money (&account->start_arr, arr, &account->overflow);
  if (sqlite3_column_int (stmt, 5))
    add_money (&account->end_arr, arr, &account->overflow);
}

static gboolean
compute_retention (TendPortfolioSummary  *self,
                   TendStore             *store,
                   GError               **error)
{
  sqlite3_stmt *stmt = tend_store_prepare (store, retention_sql, error);
  RetentionAccount account = { 0, 0, 0, FALSE };
  gint64 kept;
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_day (stmt, 1, self->day);
  bind_day (stmt, 2, self->window_start);
  sqlite3_bind_text (stmt, 3, self->currency, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 account_id = sqlite3_column_int64 (stmt, 0);

      if (account_id != account.account_id)
        {
          add_retention_account (self, &account);
          account = (RetentionAccount) { account_id, 0, 0, account.overflow };
        }
      add_retention_subscription (&account, stmt);
    }
  add_retention_account (self, &account);

  if (!finish_rows (store, stmt, rc, error))
    return FALSE;

  if (account.overflow)
    return set_overflow_error (store, largest_subscription_sql, error);

  self->has_retention = self->retention_start_minor > 0;
  if (!self->has_retention)
    return TRUE;

  kept = self->retention_start_minor - self->retention_churn_minor
         - self->retention_contraction_minor;
  self->grr = (double)kept / self->retention_start_minor;
  self->nrr = ((double)kept + (double)self->retention_expansion_minor) /
              self->retention_start_minor;

  return TRUE;
}

static TendPortfolioSummary *
summary_new (TendDay day)
{
  TendPortfolioSummary *self = g_rc_box_new0 (TendPortfolioSummary);

  self->day = day;
  self->window_start = tend_day_add_months (day, -12);
  self->renewals_until = day + 90;
  self->by_currency = g_ptr_array_new_with_free_func (currency_total_free);
  self->by_segment = g_ptr_array_new_with_free_func (segment_total_free);

  return self;
}

static gboolean
summary_read (TendPortfolioSummary  *self,
              TendStore             *store,
              GError               **error)
{
  if (!count_statuses (self, store, error) || !total_currencies (self, store, error))
    return FALSE;

  /* Every sum of money below adds the main currency only. */
  choose_main_currency (self);

  return total_active_accounts (self, store, error) &&
         compute_logo_churn (self, store, error) &&
         compute_retention (self, store, error);
}

/**
 * tend_portfolio_summary_compute:
 * @day: the day the figures are as of, usually tend_day_today()
 *
 * Reads the whole portfolio in one read transaction, so the figures agree with each other
 * even while another connection writes.
 *
 * Returns: (transfer full) (nullable): the summary, or %NULL with @error set
 */
TendPortfolioSummary *
tend_portfolio_summary_compute (TendStore  *store,
                                TendDay     day,
                                GError    **error)
{
  g_autoptr(TendPortfolioSummary) self = NULL;
  gboolean own_transaction;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (day != TEND_DAY_INVALID, NULL);

  self = summary_new (day);

  own_transaction = !tend_store_in_transaction (store);
  if (own_transaction && !tend_store_exec (store, "BEGIN DEFERRED", error))
    return NULL;

  if (!summary_read (self, store, error))
    {
      if (own_transaction)
        tend_store_exec (store, "ROLLBACK", NULL);
      return NULL;
    }

  if (own_transaction)
    tend_store_exec (store, "COMMIT", NULL);

  return g_steal_pointer (&self);
}

/**
 * tend_portfolio_health_series:
 * @from: the first day
 * @to: the last day, included
 *
 * The portfolio health over time: for each day in [@from, @to] that has scores in the
 * history, the mean score of the accounts active that day (as the summary counts them:
 * not churned by then, nor in trial or paused) and their count per band. Days without
 * any such score are left out rather than drawn as zero.
 *
 * Returns: (transfer full) (element-type TendHealthPoint): the days in order, or %NULL
 *   with @error set
 */
GArray *
tend_portfolio_health_series (TendStore  *store,
                              TendDay     from,
                              TendDay     to,
                              GError    **error)
{
  g_autoptr(GArray) series = g_array_new (FALSE, TRUE, sizeof (TendHealthPoint));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  stmt = tend_store_prepare (store, series_sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, from);
  sqlite3_bind_int (stmt, 2, to);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TendHealthPoint point = { 0, };

      point.day = sqlite3_column_int (stmt, 0);
      point.average = sqlite3_column_double (stmt, 1);
      point.accounts = sqlite3_column_int (stmt, 2);
      for (int band = 0; band < TEND_PORTFOLIO_BAND_UNSCORED; band++)
        point.bands[band] = sqlite3_column_int (stmt, 3 + band);
      g_array_append_val (series, point);
    }

  if (!finish_rows (store, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&series);
}

static void
add_day (JsonBuilder *builder,
         const char  *member,
         TendDay      day)
{
  g_autofree char *iso = tend_day_to_iso (day);

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, iso);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

/* Adds a rate, or null when it is not known. */
static void
add_rate (JsonBuilder *builder,
          const char  *member,
          gboolean     known,
          double       value)
{
  json_builder_set_member_name (builder, member);
  if (known)
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_accounts_json (TendPortfolioSummary *self,
                   JsonBuilder          *builder)
{
  json_builder_set_member_name (builder, "accounts");
  json_builder_begin_object (builder);
  add_int (builder, "total", self->total_accounts);
  add_int (builder, "active", self->active_accounts);
  add_int (builder, "churned", self->churned_accounts);
  add_int (builder, "churned_undated", self->undated_churned);
  add_int (builder, "trial", self->trial_accounts);
  add_int (builder, "paused", self->paused_accounts);
  json_builder_end_object (builder);
}

static void
add_currencies_json (TendPortfolioSummary *self,
                     JsonBuilder          *builder)
{
  json_builder_set_member_name (builder, "arr_by_currency");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->by_currency->len; i++)
    {
      TendCurrencyTotal *total = self->by_currency->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "currency");
      json_builder_add_string_value (builder, total->currency);
      add_int (builder, "accounts", total->accounts);
      add_int (builder, "arr_minor", total->arr_minor);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_health_json (TendPortfolioSummary *self,
                 JsonBuilder          *builder)
{
  add_int (builder, "scored_accounts", self->scored_accounts);
  add_rate (builder, "average_health", self->scored_accounts > 0, self->average_health);

  json_builder_set_member_name (builder, "at_risk");
  json_builder_begin_object (builder);
  add_int (builder, "accounts", self->at_risk_accounts);
  add_int (builder, "arr_minor", self->at_risk_arr_minor);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "bands");
  json_builder_begin_object (builder);
  for (int band = 0; band < TEND_PORTFOLIO_N_BANDS; band++)
    {
      json_builder_set_member_name (builder, band_names[band]);
      json_builder_begin_object (builder);
      add_int (builder, "accounts", self->band_accounts[band]);
      add_int (builder, "arr_minor", self->band_arr_minor[band]);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static void
add_segments_json (TendPortfolioSummary *self,
                   JsonBuilder          *builder)
{
  json_builder_set_member_name (builder, "segments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->by_segment->len; i++)
    {
      TendSegmentTotal *total = self->by_segment->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "segment");
      if (total->segment != NULL)
        json_builder_add_string_value (builder, total->segment);
      else
        json_builder_add_null_value (builder);
      add_int (builder, "accounts", total->accounts);
      add_int (builder, "arr_minor", total->arr_minor);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_churn_json (TendPortfolioSummary *self,
                JsonBuilder          *builder)
{
  json_builder_set_member_name (builder, "logo_churn");
  json_builder_begin_object (builder);
  add_day (builder, "window_start", self->window_start);
  add_int (builder, "cohort", self->churn_cohort);
  add_int (builder, "churned", self->churn_lost);
  add_rate (builder, "rate", self->has_logo_churn_rate, self->logo_churn_rate);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "renewals_due");
  json_builder_begin_object (builder);
  add_day (builder, "until", self->renewals_until - 1);
  add_int (builder, "accounts", self->renewals_due);
  add_int (builder, "arr_minor", self->renewals_due_arr_minor);
  json_builder_end_object (builder);
}

static void
add_retention_json (TendPortfolioSummary *self,
                    JsonBuilder          *builder)
{
  json_builder_set_member_name (builder, "retention");
  json_builder_begin_object (builder);
  add_int (builder, "cohort", self->retention_cohort);
  add_int (builder, "starting_arr_minor", self->retention_start_minor);
  add_int (builder, "churn_minor", self->retention_churn_minor);
  add_int (builder, "contraction_minor", self->retention_contraction_minor);
  add_int (builder, "expansion_minor", self->retention_expansion_minor);
  add_rate (builder, "grr", self->has_retention, self->grr);
  add_rate (builder, "nrr", self->has_retention, self->nrr);
  json_builder_end_object (builder);
}

/**
 * tend_portfolio_summary_to_json:
 *
 * Every figure with stable member names, money as integer minor units beside the main
 * currency, and unknown rates as null, for scripts (`tend summary --json`).
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
tend_portfolio_summary_to_json (TendPortfolioSummary *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  add_day (builder, "as_of", self->day);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, self->currency);
  add_accounts_json (self, builder);
  add_int (builder, "arr_minor", self->arr_minor);
  add_currencies_json (self, builder);
  add_health_json (self, builder);
  add_segments_json (self, builder);
  add_churn_json (self, builder);
  add_retention_json (self, builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
