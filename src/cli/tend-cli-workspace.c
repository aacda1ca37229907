/* tend-cli-workspace.c: `tend sample`, `tend mappings`, `tend scorecards`, `tend recompute`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendCli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "import/tend-import-mapping.h"
#include "sample/tend-sample.h"
#include "scoring/tend-scorecard.h"
#include "scoring/tend-scorer.h"
#include "tend-cli-private.h"
#include "util/tend-money.h"

/* The fewest days of usage the sample generator writes (it refuses fewer); checked here
 * too so that a wrong --days is a usage error, found before any workspace is created. */
#define SAMPLE_MIN_HISTORY_DAYS 30

static gboolean
check_range (const char *option,
             gint64      value,
             gint64      lowest,
             gint64      highest,
             int        *status)
{
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;

  if (value >= lowest && value <= highest)
    return TRUE;

  /* The bounds go in as text: a G_GINT64_FORMAT inside _() cuts the string short for
   * xgettext, so it could never be translated. */
  low = g_strdup_printf ("%" G_GINT64_FORMAT, lowest);
  high = g_strdup_printf ("%" G_GINT64_FORMAT, highest);
  *status = tend_cli_usage_error ("sample", _("%s is a whole number from %s to %s"),
                                  option, low, high);

  return FALSE;
}

static int
write_sample (TendCli                 *cli,
              const TendSampleOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;

  if (tend_cli_open_store (cli, TRUE, &error) == NULL)
    return tend_cli_fail (error);

  if (!tend_sample_generate (cli->store, options, NULL, NULL, NULL, &error))
    return tend_cli_fail (error);

  count = tend_number_format (options->n_accounts, 0);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote the sample workspace, %s account, to %s\n",
                        "Wrote the sample workspace, %s accounts, to %s\n",
                        options->n_accounts),
           count, tend_store_get_path (cli->store));

  return TEND_CLI_EXIT_OK;
}

int
tend_cli_run_sample (TendCli  *cli,
                     int       argc,
                     char    **argv)
{
  gint64 seed = TEND_SAMPLE_DEFAULT_SEED;
  gint64 accounts = TEND_SAMPLE_DEFAULT_ACCOUNTS;
  gint64 days = TEND_SAMPLE_DEFAULT_HISTORY_DAYS;
  GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("The seed: the same seed writes the same workspace"), N_("N") },
    { "accounts", 0, 0, G_OPTION_ARG_INT64, &accounts, N_("How many accounts to write"),
      N_("N") },
    { "days", 0, 0, G_OPTION_ARG_INT64, &days, N_("How many days of usage history, to today"),
      N_("N") },
    G_OPTION_ENTRY_NULL
  };
  TendSampleOptions options;
  int status;

  if (!tend_cli_parse_options (cli, "sample", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return tend_cli_usage_error ("sample", _("Unexpected argument “%s”"), argv[1]);
  if (!check_range ("--seed", seed, 0, G_MAXUINT32, &status) ||
      !check_range ("--accounts", accounts, 1, TEND_SAMPLE_MAX_ACCOUNTS, &status) ||
      !check_range ("--days", days, SAMPLE_MIN_HISTORY_DAYS, TEND_SAMPLE_MAX_HISTORY_DAYS,
                    &status))
    return status;

  tend_sample_options_init (&options);
  options.seed = (guint32)seed;
  options.n_accounts = (guint)accounts;
  options.history_days = (guint)days;

  return write_sample (cli, &options);
}

int
tend_cli_run_mappings (TendCli  *cli,
                       int       argc,
                       char    **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  int status;

  if (!tend_cli_parse_options (cli, "mappings", NULL, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return tend_cli_usage_error ("mappings", _("Unexpected argument “%s”"), argv[1]);

  if (tend_cli_open_store (cli, FALSE, &error) == NULL)
    return tend_cli_fail (error);

  names = tend_import_mapping_list (cli->store, &error);
  if (names == NULL)
    return tend_cli_fail (error);

  for (guint i = 0; names[i] != NULL; i++)
    {
      gboolean saved = tend_import_mapping_is_saved (cli->store, names[i]);

      if (!saved)
        g_print (_("%s (built in)\n"), names[i]);
      else if (tend_import_mapping_is_builtin (names[i]))
        g_print (_("%s (saved, replaces the built-in one)\n"), names[i]);
      else
        g_print (_("%s (saved)\n"), names[i]);
    }

  return TEND_CLI_EXIT_OK;
}

/* The saved scorecards and the built-in ones not saved yet, sorted. */
static GPtrArray *
list_scorecards (TendStore  *store,
                 GError    **error)
{
  g_auto(GStrv) saved = tend_scorecard_list_names (store, error);
  const char * const *builtin = tend_scorecard_get_builtin_names ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (saved == NULL)
    return NULL;

  for (guint i = 0; saved[i] != NULL; i++)
    g_ptr_array_add (names, g_strdup (saved[i]));
  for (guint i = 0; builtin[i] != NULL; i++)
    {
      if (!g_strv_contains ((const char * const *)saved, builtin[i]))
        g_ptr_array_add (names, g_strdup (builtin[i]));
    }

  g_ptr_array_sort (names, (GCompareFunc)g_strcmp0);

  return g_steal_pointer (&names);
}

int
tend_cli_run_scorecards (TendCli  *cli,
                         int       argc,
                         char    **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *active = NULL;
  int status;

  if (!tend_cli_parse_options (cli, "scorecards", NULL, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return tend_cli_usage_error ("scorecards", _("Unexpected argument “%s”"), argv[1]);

  if (tend_cli_open_store (cli, FALSE, &error) == NULL)
    return tend_cli_fail (error);

  names = list_scorecards (cli->store, &error);
  if (names == NULL)
    return tend_cli_fail (error);

  active = tend_cli_dup_active_scorecard_name (cli->store, &error);
  if (error != NULL)
    return tend_cli_fail (error);

  /* With none active yet, scoring starts with the default one. */
  if (active == NULL)
    active = g_strdup (TEND_SCORECARD_DEFAULT);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];

      if (g_strcmp0 (name, active) == 0)
        g_print (_("%s (active)\n"), name);
      else
        g_print ("%s\n", name);
    }

  return TEND_CLI_EXIT_OK;
}

/**
 * tend_cli_load_scorecard:
 * @name: (nullable): the scorecard to use, or %NULL for the active one
 *
 * Loads the scorecard to score with. A named one becomes the active scorecard, so that
 * the scores the desktop shows and the scorecard it edits stay the same.
 */
TendScorecard *
tend_cli_load_scorecard (TendStore   *store,
                         const char  *name,
                         GError     **error)
{
  g_autoptr(TendScorecard) scorecard = NULL;

  if (name == NULL)
    return tend_scorecard_load_active (store, error);

  scorecard = tend_scorecard_load (store, name, error);
  if (scorecard == NULL || !tend_scorecard_activate (scorecard, store, error))
    return NULL;

  return g_steal_pointer (&scorecard);
}

/**
 * tend_cli_recompute:
 *
 * Scores every account with @scorecard as of @day and says so.
 */
gboolean
tend_cli_recompute (TendStore      *store,
                    TendScorecard  *scorecard,
                    TendDay         day,
                    GError        **error)
{
  g_autofree char *when = NULL;

  if (!tend_scorer_recompute (store, scorecard, day, NULL, NULL, NULL, error))
    return FALSE;

  when = tend_day_format (day);
  g_print (_("Recomputed the health scores with the “%s” scorecard as of %s\n"),
           tend_scorecard_get_name (scorecard), when);

  return TRUE;
}

int
tend_cli_run_recompute (TendCli  *cli,
                        int       argc,
                        char    **argv)
{
  g_autofree char *scorecard_name = NULL;
  g_autofree char *day_text = NULL;
  GOptionEntry entries[] = {
    { "scorecard", 0, 0, G_OPTION_ARG_STRING, &scorecard_name,
      N_("Score with this scorecard, and make it the active one"), N_("NAME") },
    { "day", 0, 0, G_OPTION_ARG_STRING, &day_text, N_("The day to score (default: today)"),
      N_("YYYY-MM-DD") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(TendScorecard) scorecard = NULL;
  g_autoptr(GError) error = NULL;
  TendDay day = tend_day_today ();
  int status;

  if (!tend_cli_parse_options (cli, "recompute", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return tend_cli_usage_error ("recompute", _("Unexpected argument “%s”"), argv[1]);
  if (day_text != NULL && !tend_cli_parse_day ("recompute", "--day", day_text, &day, &status))
    return status;

  if (tend_cli_open_store (cli, FALSE, &error) == NULL)
    return tend_cli_fail (error);

  scorecard = tend_cli_load_scorecard (cli->store, scorecard_name, &error);
  if (scorecard == NULL || !tend_cli_recompute (cli->store, scorecard, day, &error))
    return tend_cli_fail (error);

  return TEND_CLI_EXIT_OK;
}
