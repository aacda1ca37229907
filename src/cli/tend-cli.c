/* tend-cli.c: the headless commands of the tend program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `tend [--database PATH] COMMAND [OPTIONS]` runs one command against a workspace without
 * a display, for scripts and timers: its exit status says whether it worked (0), failed
 * (1, with one line on stderr saying what and where) or was called wrongly (2). Plain
 * `tend`, with at most --database and GApplication's own options, is left to the desktop
 * application; any other word or option is the command line's, so that a mistyped
 * command is a usage error rather than the window opening.
 */

#define G_LOG_DOMAIN "TendCli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tend-cli-private.h"

const TendCliCommand tend_cli_commands[] = {
  { "import", N_("FILE"), N_("Import accounts from a CSV file, then recompute their scores"),
    tend_cli_run_import },
  { "recompute", "", N_("Recompute the health scores of every account"),
    tend_cli_run_recompute },
  { "summary", "", N_("Print the portfolio KPIs"), tend_cli_run_summary },
  { "export", N_("FILE"), N_("Export the accounts, filtered and sorted, to a CSV file"),
    tend_cli_run_export },
  { "sample", "", N_("Write the sample workspace into a new, empty database"),
    tend_cli_run_sample },
  { "mappings", "", N_("List the import mappings"), tend_cli_run_mappings },
  { "scorecards", "", N_("List the scorecards"), tend_cli_run_scorecards },
  { "backtest", "", N_("Tell how well the scores separate churned from retained accounts"),
    tend_cli_run_backtest },
  { NULL, NULL, NULL, NULL },
};

const TendCliCommand *
tend_cli_find_command (const char *name)
{
  for (guint i = 0; tend_cli_commands[i].name != NULL; i++)
    {
      if (g_strcmp0 (tend_cli_commands[i].name, name) == 0)
        return &tend_cli_commands[i];
    }

  return NULL;
}

static gboolean
is_help_word (const char *arg)
{
  return g_str_equal (arg, "--help") || g_str_equal (arg, "-h") || g_str_equal (arg, "help");
}

/* --database and its short form -d, as the desktop application also reads them, take
 * their path as the next argument; --database=PATH carries it. */
static gboolean
is_database_option (const char *arg)
{
  return g_str_equal (arg, "--database") || g_str_equal (arg, "-d");
}

/* The options GApplication itself reads for the desktop application. */
static gboolean
is_application_option (const char *arg)
{
  static const char *const options[] = {
    "--help-all", "--help-gapplication", "--gapplication-service", "-?", NULL
  };

  return g_strv_contains (options, arg);
}

/**
 * tend_cli_handles:
 *
 * Returns: whether the command line is for the headless commands: its first argument
 *   after any `--database PATH` is a word (a command, `help`, or a mistyped command), or
 *   an option other than GApplication's own (`--help`, `--version` and unknown options,
 *   which the command line reports as usage errors); and also when --database has no
 *   path or an empty one, which the command line reports. Plain `tend [--database PATH]`
 *   is for the desktop application.
 */
gboolean
tend_cli_handles (int    argc,
                  char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (is_database_option (arg))
        {
          if (++i >= argc || argv[i][0] == '\0')
            return TRUE;
          continue;
        }
      if (g_str_has_prefix (arg, "--database="))
        {
          if (arg[strlen ("--database=")] == '\0')
            return TRUE;
          continue;
        }

      return !is_application_option (arg);
    }

  return FALSE;
}

/* Error messages are one line, so that a log or a timer's mail shows them whole. */
static char *
one_line (const char *message)
{
  char *line = g_strdup (message);

  g_strdelimit (line, "\r\n", ' ');

  return g_strchomp (line);
}

/**
 * tend_cli_fail:
 *
 * Prints @error on stderr as the reason the command failed.
 *
 * Returns: %TEND_CLI_EXIT_FAILURE
 */
int
tend_cli_fail (const GError *error)
{
  g_autofree char *line = one_line (error->message);

  g_printerr ("tend: %s\n", line);

  return TEND_CLI_EXIT_FAILURE;
}

/**
 * tend_cli_usage_error:
 * @command: (nullable): the command that was called wrongly
 *
 * Prints what was wrong with the command line, and where to read how it is used.
 *
 * Returns: %TEND_CLI_EXIT_USAGE
 */
int
tend_cli_usage_error (const char *command,
                      const char *format,
                      ...)
{
  g_autofree char *message = NULL;
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  line = one_line (message);

  if (command != NULL)
    /* Translators: "tend <command>: <what is wrong>. Try “tend <command> --help”." */
    g_printerr (_("tend %s: %s. Try “tend %s --help”.\n"), command, line, command);
  else
    g_printerr (_("tend: %s. Try “tend --help”.\n"), line);

  return TEND_CLI_EXIT_USAGE;
}

/**
 * tend_cli_parse_day:
 *
 * Reads an ISO date given to @option, or sets @status to a usage error.
 */
gboolean
tend_cli_parse_day (const char *command,
                    const char *option,
                    const char *text,
                    TendDay    *day,
                    int        *status)
{
  *day = tend_day_from_iso (text);
  if (*day != TEND_DAY_INVALID && strlen (text) == 10)
    return TRUE;

  *status = tend_cli_usage_error (command, _("%s wants a date as YYYY-MM-DD, not “%s”"),
                                  option, text);

  return FALSE;
}

/* Checks the path given to --database: an empty one would otherwise fall back to the
 * current folder or fail with a message about a file named "". */
static gboolean
check_database_path (const char *command,
                     const char *path,
                     int        *status)
{
  if (path != NULL && *path == '\0')
    {
      *status = tend_cli_usage_error (command, _("The path given to --database is empty"));
      return FALSE;
    }

  return TRUE;
}

static GOptionContext *
make_option_context (const TendCliCommand *command,
                     GOptionEntry         *entries,
                     GOptionEntry         *common)
{
  g_autofree char *parameters = g_strdup_printf ("%s %s", command->name,
                                                 _(command->arguments));
  GOptionContext *context = g_option_context_new (parameters);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(command->summary));
  g_option_context_set_help_enabled (context, FALSE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);

  return context;
}

/**
 * tend_cli_parse_options:
 * @argv: (inout): the command's arguments, its name first; what remains after
 *   parsing are its name and its positional arguments
 * @status: (out): the exit status when this returns %FALSE
 *
 * Parses the options of a command, with --database and --help added to @entries.
 *
 * Returns: whether the command should run; %FALSE after --help (status 0) or a usage
 *   error (status 2)
 */
gboolean
tend_cli_parse_options (TendCli        *cli,
                        const char     *command,
                        GOptionEntry   *entries,
                        int            *argc,
                        char         ***argv,
                        int            *status)
{
  g_autofree char *database = NULL;
  gboolean help = FALSE;
  GOptionEntry common[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database,
      N_("The workspace database to use"), N_("PATH") },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show this help"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  context = make_option_context (tend_cli_find_command (command), entries, common);

  if (!g_option_context_parse_strv (context, argv, &error))
    {
      *status = tend_cli_usage_error (command, "%s", error->message);
      return FALSE;
    }

  if (help)
    {
      g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);

      g_print ("%s", text);
      *status = TEND_CLI_EXIT_OK;
      return FALSE;
    }

  if (!check_database_path (command, database, status))
    return FALSE;

  if (database != NULL)
    {
      g_free (cli->database);
      cli->database = g_steal_pointer (&database);
    }

  *argc = g_strv_length (*argv);

  return TRUE;
}

/**
 * tend_cli_open_store:
 * @create: whether a missing database is created (import, sample) or an error
 *
 * Opens the workspace chosen by --database, else $TEND_DATABASE, else the default one.
 */
TendStore *
tend_cli_open_store (TendCli   *cli,
                     gboolean   create,
                     GError   **error)
{
  g_autofree char *path = NULL;

  if (cli->store != NULL)
    return cli->store;

  path = cli->database != NULL ? g_strdup (cli->database) : tend_store_default_path ();

  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_NOT_FOUND,
                   _("There is no workspace at %s. Create one with “tend sample” or "
                     "“tend import FILE”, or choose another with --database."),
                   path);
      return NULL;
    }

  cli->store = tend_store_open (path, error);

  return cli->store;
}

static void
print_overview (void)
{
  g_print ("%s\n", _("Usage:"));
  g_print ("  tend [--database PATH]\n");
  g_print ("  tend [--database PATH] %s %s\n\n", _("COMMAND"), _("[OPTIONS]"));
  g_print ("%s\n\n", _("Without a command, Tend opens its window. The commands work without a "
                       "display:"));

  for (guint i = 0; tend_cli_commands[i].name != NULL; i++)
    g_print ("  %-12s %s\n", tend_cli_commands[i].name, _(tend_cli_commands[i].summary));

  g_print ("\n%s\n", _("The workspace is the database given with --database, else the one "
                       "named by $TEND_DATABASE, else the default one."));
  g_print ("%s\n", _("“tend COMMAND --help” tells the options of a command. Exit status: 0 "
                     "done, 1 failed, 2 wrong usage."));
}

static int
unknown_command (const char *word)
{
  /* Translators: the word is what the user typed where a command belongs. */
  g_printerr (_("tend: unknown command “%s”; see tend --help\n"), word);

  return TEND_CLI_EXIT_USAGE;
}

static int
unknown_option (const char *option)
{
  g_printerr (_("tend: unknown option “%s”; see tend --help\n"), option);

  return TEND_CLI_EXIT_USAGE;
}

static int
run_help (TendCli *cli,
          int      argc,
          char   **argv)
{
  const TendCliCommand *command;

  if (argc < 2)
    {
      print_overview ();
      return TEND_CLI_EXIT_OK;
    }

  command = tend_cli_find_command (argv[1]);
  if (command == NULL)
    return unknown_command (argv[1]);

  {
    char *args[] = { argv[1], (char *)"--help", NULL };
    g_auto(GStrv) copy = g_strdupv (args);

    return command->run (cli, 2, copy);
  }
}

static int
run_command (TendCli              *cli,
             const TendCliCommand *command,
             int                   argc,
             char                **argv)
{
  g_auto(GStrv) copy = g_new0 (char *, argc + 1);

  for (int i = 0; i < argc; i++)
    copy[i] = g_strdup (argv[i]);

  return command->run (cli, argc, copy);
}

/* Reads the options that come before the command; returns where the command is, or -1
 * with @status set. */
static int
parse_global_options (TendCli  *cli,
                      int       argc,
                      char    **argv,
                      int      *status)
{
  int i;

  for (i = 1; i < argc; i++)
    {
      if (is_database_option (argv[i]))
        {
          if (++i >= argc)
            {
              *status = tend_cli_usage_error (NULL, _("--database needs a path"));
              return -1;
            }
          g_free (cli->database);
          cli->database = g_strdup (argv[i]);
        }
      else if (g_str_has_prefix (argv[i], "--database="))
        {
          g_free (cli->database);
          cli->database = g_strdup (argv[i] + strlen ("--database="));
        }
      else
        break;

      if (!check_database_path (NULL, cli->database, status))
        return -1;
    }

  if (i < argc)
    return i;

  *status = tend_cli_usage_error (NULL, _("No command given"));

  return -1;
}

static int
run_word (TendCli  *cli,
          int       argc,
          char    **argv)
{
  const TendCliCommand *command;

  if (is_help_word (argv[0]))
    return run_help (cli, argc, argv);

  if (g_str_equal (argv[0], "--version"))
    {
      g_print ("tend %s\n", PACKAGE_VERSION);
      return TEND_CLI_EXIT_OK;
    }

  command = tend_cli_find_command (argv[0]);
  if (command == NULL && argv[0][0] == '-')
    return unknown_option (argv[0]);
  if (command == NULL)
    return unknown_command (argv[0]);

  return run_command (cli, command, argc, argv);
}

/* The commands report their outcome themselves, on stdout and in one line on stderr, so
 * the engine's informational messages would only repeat it. They show when
 * G_MESSAGES_DEBUG asks for them; warnings and errors always do. */
static void
log_handler (const char     *domain,
             GLogLevelFlags  level,
             const char     *message,
             gpointer        user_data)
{
  if ((level & (G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO)) != 0 &&
      g_getenv ("G_MESSAGES_DEBUG") == NULL)
    return;

  g_log_default_handler (domain, level, message, user_data);
}

/**
 * tend_cli_run:
 *
 * Runs the command on the command line; call it when tend_cli_handles() says so.
 *
 * Returns: the exit status: %TEND_CLI_EXIT_OK, %TEND_CLI_EXIT_FAILURE or
 *   %TEND_CLI_EXIT_USAGE
 */
int
tend_cli_run (int    argc,
              char **argv)
{
  TendCli cli = { NULL, NULL };
  int status = TEND_CLI_EXIT_OK;
  int first;

  g_set_prgname ("tend");
  g_log_set_default_handler (log_handler, NULL);

  first = parse_global_options (&cli, argc, argv, &status);
  if (first >= 0)
    status = run_word (&cli, argc - first, argv + first);

  g_clear_object (&cli.store);
  g_free (cli.database);

  return status;
}
