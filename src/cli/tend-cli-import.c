/* tend-cli-import.c: `tend import`, then scores; and `tend backtest`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendCli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sys/stat.h>

#include "import/tend-importer.h"
#include "scoring/tend-backtest.h"
#include "tend-cli-private.h"
#include "util/tend-money.h"

/* How many skipped rows an import lists on stderr; the count covers the rest. */
#define MAX_LISTED_PROBLEMS 10

/* How long before its churn a churned account's score is judged, by default. */
#define DEFAULT_LEAD_DAYS 30

typedef struct
{
  char     *mapping;
  char     *as_of;
  gboolean  skip_bad_rows;
} ImportOptions;

static void
import_options_clear (ImportOptions *options)
{
  g_free (options->mapping);
  g_free (options->as_of);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ImportOptions, import_options_clear)

/**
 * tend_cli_dup_active_scorecard_name:
 *
 * Returns: (nullable): the name of the active scorecard, without making one active as
 *   loading it would; %NULL when there is none (or on error, with @error set)
 */
char *
tend_cli_dup_active_scorecard_name (TendStore  *store,
                                    GError    **error)
{
  sqlite3_stmt *stmt;
  char *name = NULL;
  int rc;

  stmt = tend_store_prepare (store, "SELECT name FROM scorecards WHERE is_active "
                                    "ORDER BY id LIMIT 1", error);
  if (stmt == NULL)
    return NULL;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    name = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    tend_store_set_error (store, error, rc, _("read the scorecards"));
  sqlite3_reset (stmt);

  return name;
}

/* Guessing a mapping reads the file's header, and the import then reads the file again
 * from its start: a pipe or a device (such as `<(command)`) would have lost its header,
 * or block for ever waiting for a writer, so only a regular file is guessed from. */
static gboolean
check_readable_twice (const char  *path,
                      GError     **error)
{
  GStatBuf info;

  /* A missing file is reported by the importer, with the message every import gives. */
  if (g_stat (path, &info) != 0 || S_ISREG (info.st_mode))
    return TRUE;

  if (S_ISDIR (info.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("Could not import %s: it is a folder, not a file."), path);
      return FALSE;
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
               _("Could not import %s without --mapping: it is a pipe or a device, which can "
                 "be read only once, and guessing the mapping would read its header first. "
                 "Name the mapping with --mapping (see “tend mappings”), or save the data to "
                 "a file and import that."),
               path);

  return FALSE;
}

/* A file without --mapping gets the mapping guessed from its header, as the import dialog
 * proposes it: a built-in one when all its columns are there. */
static TendImportMapping *
guess_mapping (TendStore   *store,
               const char  *path,
               GError     **error)
{
  g_autoptr(TendImporter) importer = NULL;
  g_autofree char *name = g_path_get_basename (path);
  g_auto(GStrv) header = NULL;

  if (!check_readable_twice (path, error))
    return NULL;

  importer = tend_importer_new (store, path, NULL);
  header = tend_importer_read_header (importer, error);

  if (header == NULL)
    return NULL;

  return tend_import_mapping_guess (name, (const char * const *)header);
}

static TendImportMapping *
choose_mapping (TendStore   *store,
                const char  *path,
                const char  *name,
                GError     **error)
{
  if (name != NULL)
    return tend_import_mapping_load (store, name, error);

  return guess_mapping (store, path, error);
}

/* The scorecard an import scores with: the active one; with none active yet, the
 * built-in scorecard named like the mapping (the telco mapping gets the Telco
 * scorecard), which then becomes the active one; else the default. */
static TendScorecard *
choose_scorecard (TendStore          *store,
                  TendImportMapping  *mapping,
                  GError            **error)
{
  g_autofree char *active = NULL;
  const char * const *builtin = tend_scorecard_get_builtin_names ();
  const char *mapping_name = tend_import_mapping_get_name (mapping);
  GError *local_error = NULL;

  active = tend_cli_dup_active_scorecard_name (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  for (guint i = 0; active == NULL && mapping_name != NULL && builtin[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (builtin[i], mapping_name) == 0)
        return tend_cli_load_scorecard (store, builtin[i], error);
    }

  return tend_cli_load_scorecard (store, NULL, error);
}

/* Lists the first skipped rows, so the user can fix them and import again. */
static void
print_skipped_rows (TendImportReport *report)
{
  GPtrArray *problems = tend_import_report_get_problems (report);
  guint n_problems = tend_import_report_get_n_problems (report);

  for (guint i = 0; i < problems->len && i < MAX_LISTED_PROBLEMS; i++)
    {
      g_autofree char *line = tend_import_problem_to_string (problems->pdata[i]);

      g_printerr (_("tend: skipped: %s\n"), line);
    }

  if (n_problems > MAX_LISTED_PROBLEMS)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "tend: skipped: and %u more problem\n",
                             "tend: skipped: and %u more problems\n",
                             n_problems - MAX_LISTED_PROBLEMS),
                n_problems - MAX_LISTED_PROBLEMS);
}

/* An import that saved nothing because of bad rows fails with the first of them. */
static void
set_refused_error (TendImportReport  *report,
                   const char        *path,
                   GError           **error)
{
  GPtrArray *problems = tend_import_report_get_problems (report);
  g_autofree char *summary = tend_import_report_to_string (report);
  g_autofree char *first = NULL;

  if (problems->len > 0)
    first = tend_import_problem_to_string (problems->pdata[0]);

  g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_BAD_ROWS,
               /* Translators: "Could not import <file>: <summary> First: <problem>. <advice>" */
               _("Could not import %s: %s First: %s Fix the file, or import the good rows "
                 "with --skip-bad-rows."),
               path, summary, first != NULL ? first : "");
}

static TendImportReport *
run_importer (TendStore          *store,
              const char         *path,
              TendImportMapping  *mapping,
              ImportOptions      *options,
              TendDay             as_of,
              GError            **error)
{
  g_autoptr(TendImporter) importer = tend_importer_new (store, path, mapping);
  g_autoptr(TendImportReport) report = NULL;

  tend_importer_set_policy (importer, options->skip_bad_rows
                                      ? TEND_IMPORT_POLICY_SKIP_BAD_ROWS
                                      : TEND_IMPORT_POLICY_ALL_OR_NOTHING);
  tend_importer_set_as_of (importer, as_of);

  report = tend_importer_run (importer, NULL, NULL, NULL, error);
  if (report == NULL)
    return NULL;

  if (!tend_import_report_get_committed (report))
    {
      set_refused_error (report, path, error);
      return NULL;
    }

  return g_steal_pointer (&report);
}

static gboolean
import_and_score (TendCli        *cli,
                  const char     *path,
                  ImportOptions  *options,
                  TendDay         as_of,
                  gboolean       *imported,
                  GError        **error)
{
  g_autoptr(TendImportMapping) mapping = NULL;
  g_autoptr(TendImportReport) report = NULL;
  g_autoptr(TendScorecard) scorecard = NULL;
  g_autofree char *summary = NULL;

  mapping = choose_mapping (cli->store, path, options->mapping, error);
  if (mapping == NULL)
    return FALSE;

  report = run_importer (cli->store, path, mapping, options, as_of, error);
  if (report == NULL)
    return FALSE;

  *imported = tend_import_report_get_committed (report);
  summary = tend_import_report_to_string (report);
  if (options->mapping == NULL &&
      !tend_import_mapping_is_builtin (tend_import_mapping_get_name (mapping)))
    g_print (_("Imported %s, its columns guessed from its header. %s\n"), path, summary);
  else
    g_print (_("Imported %s with the “%s” mapping. %s\n"), path,
             tend_import_mapping_get_name (mapping), summary);
  print_skipped_rows (report);

  scorecard = choose_scorecard (cli->store, mapping, error);
  if (scorecard == NULL || !tend_cli_recompute (cli->store, scorecard, as_of, error))
    {
      /* The rows are in: what failed is the rescore, which can be run again alone. */
      if (*imported)
        g_prefix_error (error, _("The accounts were imported, but their scores were not "
                                 "computed (“tend recompute” computes them): "));
      return FALSE;
    }

  return TRUE;
}

/* A workspace that the failed import itself created is left where it is, empty: another
 * process may have opened it since (a second import, the app), and removing the file
 * under it would lose what that process writes, while it reported success. The error
 * says so, still on one line. */
static void
say_new_workspace_left (GError     **error,
                        const char  *path)
{
  GError *said = g_error_new ((*error)->domain, (*error)->code,
                              _("%s The new workspace %s was left empty; delete it if you do "
                                "not want it."),
                              (*error)->message, path);

  g_clear_error (error);
  *error = said;
}

int
tend_cli_run_import (TendCli  *cli,
                     int       argc,
                     char    **argv)
{
  g_auto(ImportOptions) options = { NULL, NULL, FALSE };
  GOptionEntry entries[] = {
    { "mapping", 0, 0, G_OPTION_ARG_STRING, &options.mapping,
      N_("The saved or built-in mapping to read the file with (see “tend mappings”)"),
      N_("NAME") },
    { "skip-bad-rows", 0, 0, G_OPTION_ARG_NONE, &options.skip_bad_rows,
      N_("Import the good rows when some are bad, instead of nothing"), NULL },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &options.as_of,
      N_("The day the file describes, for tenures and churn dates (default: today)"),
      N_("YYYY-MM-DD") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *database = NULL;
  TendDay as_of = tend_day_today ();
  gboolean imported = FALSE;
  gboolean existed;
  int status;

  if (!tend_cli_parse_options (cli, "import", entries, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return tend_cli_usage_error ("import", _("Name the CSV file to import"));
  if (argc > 2)
    return tend_cli_usage_error ("import", _("Unexpected argument “%s”"), argv[2]);
  if (options.as_of != NULL &&
      !tend_cli_parse_day ("import", "--as-of", options.as_of, &as_of, &status))
    return status;

  database = cli->database != NULL ? g_strdup (cli->database) : tend_store_default_path ();
  existed = g_file_test (database, G_FILE_TEST_EXISTS);

  if (tend_cli_open_store (cli, TRUE, &error) == NULL)
    return tend_cli_fail (error);

  if (!import_and_score (cli, argv[1], &options, as_of, &imported, &error))
    {
      if (!existed && !imported)
        say_new_workspace_left (&error, database);
      return tend_cli_fail (error);
    }

  return TEND_CLI_EXIT_OK;
}

static int
print_backtest (TendCli                  *cli,
                const TendBacktestResult *result,
                int                       lead_days)
{
  g_autofree char *name = NULL;
  g_autofree char *auc = NULL;
  g_autofree char *churned = tend_number_format (result->n_churned, 0);
  g_autofree char *retained = tend_number_format (result->n_retained, 0);
  g_autoptr(GError) error = NULL;

  if (isnan (result->auc))
    {
      g_printerr (_("tend: Cannot backtest %s: it needs scored accounts that churned and "
                    "scored accounts that stayed; it has %s churned and %s retained.\n"),
                  tend_store_get_path (cli->store), churned, retained);
      return TEND_CLI_EXIT_FAILURE;
    }

  name = tend_cli_dup_active_scorecard_name (cli->store, &error);
  if (error != NULL)
    return tend_cli_fail (error);

  auc = tend_number_format (result->auc, 3);
  g_print (_("Scorecard: %s\n"), name != NULL ? name : TEND_SCORECARD_DEFAULT);
  g_print (_("ROC AUC: %s (%s churned and %s retained accounts; churned accounts judged by "
             "their score %d days before they left)\n"),
           auc, churned, retained, lead_days);

  return TEND_CLI_EXIT_OK;
}

int
tend_cli_run_backtest (TendCli  *cli,
                       int       argc,
                       char    **argv)
{
  gint64 lead_days = DEFAULT_LEAD_DAYS;
  GOptionEntry entries[] = {
    { "lead-days", 0, 0, G_OPTION_ARG_INT64, &lead_days,
      N_("Judge a churned account by its score this many days before it left (default: 30)"),
      N_("N") },
    G_OPTION_ENTRY_NULL
  };
  TendBacktestResult result = { 0, };
  g_autoptr(GError) error = NULL;
  int status;

  if (!tend_cli_parse_options (cli, "backtest", entries, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return tend_cli_usage_error ("backtest", _("Unexpected argument “%s”"), argv[1]);
  if (lead_days < 0 || lead_days > 3660)
    return tend_cli_usage_error ("backtest", _("--lead-days is a whole number from 0 to 3660"));

  if (tend_cli_open_store (cli, FALSE, &error) == NULL)
    return tend_cli_fail (error);

  if (!tend_backtest_run (cli->store, (int)lead_days, &result, &error))
    return tend_cli_fail (error);

  return print_backtest (cli, &result, (int)lead_days);
}
