/* tend-cli-summary.c: `tend summary`, the portfolio KPIs for people or for scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendCli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "reports/tend-portfolio-summary.h"
#include "tend-cli-private.h"
#include "util/tend-money.h"

static char *
format_count (guint count)
{
  return tend_number_format (count, 0);
}

static char *
format_accounts (guint count)
{
  g_autofree char *number = format_count (count);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s account", "%s accounts", count),
                          number);
}

static char *
format_percent (double fraction)
{
  g_autofree char *number = tend_number_format (fraction * 100.0, 1);

  /* Translators: a percentage, e.g. "12.5%" */
  return g_strdup_printf (_("%s%%"), number);
}

/* "12 accounts, $45,000.00" */
static char *
format_accounts_and_money (guint       count,
                           gint64      minor,
                           const char *currency)
{
  g_autofree char *accounts = format_accounts (count);
  g_autofree char *money = tend_money_format (minor, currency);

  /* Translators: "<n accounts>, <amount of ARR>" */
  return g_strdup_printf (_("%s, %s ARR"), accounts, money);
}

static void
print_accounts (TendPortfolioSummary *summary)
{
  g_autofree char *total = format_count (summary->total_accounts);
  g_autofree char *active = format_count (summary->active_accounts);
  g_autofree char *churned = format_count (summary->churned_accounts);
  g_autofree char *trial = format_count (summary->trial_accounts);
  g_autofree char *paused = format_count (summary->paused_accounts);

  g_print (_("Accounts: %s (%s active, %s churned, %s in trial, %s paused)\n"),
           total, active, churned, trial, paused);
}

static void
print_arr (TendPortfolioSummary *summary)
{
  g_autofree char *arr = tend_money_format (summary->arr_minor, summary->currency);

  g_print (_("ARR: %s\n"), arr);

  /* Other currencies are never added to the main one: there are no exchange rates. */
  for (guint i = 1; i < summary->by_currency->len; i++)
    {
      TendCurrencyTotal *total = summary->by_currency->pdata[i];
      g_autofree char *other = format_accounts_and_money (total->accounts, total->arr_minor,
                                                          total->currency);

      g_print (_("  Also in %s, not included above: %s\n"), total->currency, other);
    }
}

static void
print_health (TendPortfolioSummary *summary)
{
  g_autofree char *scored = format_accounts (summary->scored_accounts);
  g_autofree char *average = tend_number_format (summary->average_health, 1);
  g_autofree char *at_risk = format_accounts_and_money (summary->at_risk_accounts,
                                                        summary->at_risk_arr_minor,
                                                        summary->currency);

  if (summary->scored_accounts > 0)
    g_print (_("Average health: %s of 100 (%s scored)\n"), average, scored);
  else
    g_print ("%s\n", _("Average health: no active account has a score yet"));

  g_print (_("At risk (red band): %s\n"), at_risk);
}

static void
print_churn (TendPortfolioSummary *summary)
{
  g_autofree char *start = tend_day_format (summary->window_start);
  g_autofree char *lost = format_count (summary->churn_lost);
  g_autofree char *cohort = format_count (summary->churn_cohort);
  g_autofree char *rate = format_percent (summary->logo_churn_rate);
  g_autofree char *undated = format_accounts (summary->undated_churned);

  if (summary->has_logo_churn_rate)
    g_print (_("Logo churn, last 12 months: %s (%s of the %s accounts active on %s)\n"),
             rate, lost, cohort, start);
  else
    g_print (_("Logo churn, last 12 months: unknown (no account was active on %s)\n"), start);

  if (summary->undated_churned > 0)
    g_print (_("  Churned without a churn date, so not counted above: %s\n"), undated);
}

static void
print_renewals (TendPortfolioSummary *summary)
{
  g_autofree char *renewals = format_accounts_and_money (summary->renewals_due,
                                                         summary->renewals_due_arr_minor,
                                                         summary->currency);

  g_print (_("Renewals in the next 90 days: %s\n"), renewals);
}

static const char *
band_label (TendPortfolioBand band)
{
  switch (band)
    {
    case TEND_PORTFOLIO_BAND_RED:
      return C_("health band", "Red");
    case TEND_PORTFOLIO_BAND_YELLOW:
      return C_("health band", "Yellow");
    case TEND_PORTFOLIO_BAND_GREEN:
      return C_("health band", "Green");
    case TEND_PORTFOLIO_BAND_UNSCORED:
    case TEND_PORTFOLIO_N_BANDS:
    default:
      return C_("health band", "Unscored");
    }
}

static void
print_bands (TendPortfolioSummary *summary)
{
  g_print ("%s\n", _("Health by band:"));

  for (int band = 0; band < TEND_PORTFOLIO_N_BANDS; band++)
    {
      g_autofree char *line = format_accounts_and_money (summary->band_accounts[band],
                                                         summary->band_arr_minor[band],
                                                         summary->currency);

      g_print ("  %s: %s\n", band_label (band), line);
    }
}

static void
print_segments (TendPortfolioSummary *summary)
{
  g_print ("%s\n", _("ARR by segment:"));

  for (guint i = 0; i < summary->by_segment->len; i++)
    {
      TendSegmentTotal *total = summary->by_segment->pdata[i];
      g_autofree char *line = format_accounts_and_money (total->accounts, total->arr_minor,
                                                         summary->currency);

      g_print ("  %s: %s\n", total->segment != NULL ? total->segment : _("No segment"), line);
    }
}

static void
print_retention (TendPortfolioSummary *summary)
{
  g_autofree char *start = tend_day_format (summary->window_start);
  g_autofree char *grr = format_percent (summary->grr);
  g_autofree char *nrr = format_percent (summary->nrr);
  g_autofree char *base = tend_money_format (summary->retention_start_minor, summary->currency);

  if (summary->has_retention)
    g_print (_("Retention, last 12 months: GRR %s, NRR %s (of %s ARR on %s)\n"),
             grr, nrr, base, start);
  else
    g_print (_("Retention, last 12 months: unknown (no subscription was billing on %s)\n"),
             start);
}

static void
print_summary (TendCli              *cli,
               TendPortfolioSummary *summary)
{
  g_autofree char *day = tend_day_format (summary->day);

  g_print (_("Workspace: %s\n"), tend_store_get_path (cli->store));
  g_print (_("As of: %s\n"), day);
  print_accounts (summary);
  print_arr (summary);
  print_health (summary);
  print_churn (summary);
  print_renewals (summary);
  print_retention (summary);
  print_bands (summary);
  print_segments (summary);
}

static void
print_json (TendPortfolioSummary *summary)
{
  g_autoptr(JsonNode) node = tend_portfolio_summary_to_json (summary);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);

  g_print ("%s\n", text);
}

int
tend_cli_run_summary (TendCli  *cli,
                      int       argc,
                      char    **argv)
{
  gboolean json = FALSE;
  g_autofree char *as_of = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of, N_("The day of the figures (default: today)"),
      N_("YYYY-MM-DD") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(TendPortfolioSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  TendDay day = tend_day_today ();
  int status;

  if (!tend_cli_parse_options (cli, "summary", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return tend_cli_usage_error ("summary", _("Unexpected argument “%s”"), argv[1]);
  if (as_of != NULL && !tend_cli_parse_day ("summary", "--as-of", as_of, &day, &status))
    return status;

  if (tend_cli_open_store (cli, FALSE, &error) == NULL)
    return tend_cli_fail (error);

  summary = tend_portfolio_summary_compute (cli->store, day, &error);
  if (summary == NULL)
    return tend_cli_fail (error);

  if (json)
    print_json (summary);
  else
    print_summary (cli, summary);

  return TEND_CLI_EXIT_OK;
}
