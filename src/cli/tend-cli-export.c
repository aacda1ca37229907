/* tend-cli-export.c: `tend export`, the account list as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendCli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "model/tend-account-list.h"
#include "reports/tend-account-export.h"
#include "tend-cli-private.h"
#include "util/tend-money.h"

typedef struct
{
  gboolean  bom;
  gboolean  attributes;
  gboolean  descending;
  char     *band;
  char     *segment;
  char     *owner;
  char     *status;
  char     *search;
  char     *sort;
} ExportOptions;

static const struct {
  const char         *name;
  TendAccountSortKey  key;
} sort_keys[] = {
  { "name", TEND_ACCOUNT_SORT_NAME },
  { "owner", TEND_ACCOUNT_SORT_OWNER },
  { "segment", TEND_ACCOUNT_SORT_SEGMENT },
  { "arr", TEND_ACCOUNT_SORT_ARR },
  { "health", TEND_ACCOUNT_SORT_HEALTH },
  { "trend", TEND_ACCOUNT_SORT_TREND },
  { "renewal", TEND_ACCOUNT_SORT_RENEWAL },
  { "status", TEND_ACCOUNT_SORT_STATUS },
};

static void
export_options_clear (ExportOptions *options)
{
  g_free (options->band);
  g_free (options->segment);
  g_free (options->owner);
  g_free (options->status);
  g_free (options->search);
  g_free (options->sort);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportOptions, export_options_clear)

static gboolean
find_sort_key (const char         *name,
               TendAccountSortKey *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (sort_keys); i++)
    {
      if (g_ascii_strcasecmp (sort_keys[i].name, name) == 0)
        {
          *key = sort_keys[i].key;
          return TRUE;
        }
    }

  return FALSE;
}

/* Checks the values that have a fixed set of choices before anything is opened. */
static gboolean
check_choices (ExportOptions      *options,
               TendAccountSortKey *key,
               int                *status)
{
  static const char *const bands[] = { "red", "yellow", "green", "unscored", NULL };
  static const char *const statuses[] = { "active", "churned", "trial", "paused", NULL };

  if (options->band != NULL && !g_strv_contains (bands, options->band))
    {
      *status = tend_cli_usage_error ("export", _("--band is one of red, yellow, green or "
                                                  "unscored, not “%s”"), options->band);
      return FALSE;
    }

  if (options->status != NULL && !g_strv_contains (statuses, options->status))
    {
      *status = tend_cli_usage_error ("export", _("--status is one of active, churned, trial or "
                                                  "paused, not “%s”"), options->status);
      return FALSE;
    }

  if (options->sort != NULL && !find_sort_key (options->sort, key))
    {
      *status = tend_cli_usage_error ("export", _("--sort is one of name, owner, segment, arr, "
                                                  "health, trend, renewal or status, not “%s”"),
                                      options->sort);
      return FALSE;
    }

  return TRUE;
}

static gint64
find_owner (TendStore   *store,
            const char  *name,
            GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  stmt = tend_store_prepare (store, "SELECT id FROM csms WHERE name = ?1 COLLATE NOCASE "
                                    "ORDER BY id LIMIT 1", error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    tend_store_set_error (store, error, rc, _("find the account owner"));
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_NOT_FOUND,
                 _("No account owner is named “%s” in %s"), name, tend_store_get_path (store));

  return id;
}

static TendAccountList *
make_list (TendStore           *store,
           ExportOptions       *options,
           TendAccountSortKey   key,
           GError             **error)
{
  g_autoptr(TendAccountList) list = tend_account_list_new (store);

  if (options->owner != NULL)
    {
      gint64 owner = find_owner (store, options->owner, error);

      if (owner == 0)
        return NULL;
      tend_account_list_set_owner_id (list, owner);
    }

  tend_account_list_set_band (list, options->band);
  tend_account_list_set_segment (list, options->segment);
  tend_account_list_set_status (list, options->status);
  tend_account_list_set_search (list, options->search);
  tend_account_list_set_sort (list, key, options->descending);

  /* The setters filter as they go and only warn on failure; this reports it. */
  if (!tend_account_list_reload (list, error))
    return NULL;

  return g_steal_pointer (&list);
}

/* "-" writes to the standard output, for pipes; the whole export is made first so that a
 * failure never leaves half a file in the pipe either. */
static gboolean
export_to_stdout (TendStore               *store,
                  GListModel              *accounts,
                  TendAccountExportFlags   flags,
                  GError                 **error)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  GMemoryOutputStream *memory = G_MEMORY_OUTPUT_STREAM (stream);

  if (!tend_account_export_to_stream (store, accounts, stream, flags, NULL, error) ||
      !g_output_stream_close (stream, NULL, error))
    return FALSE;

  if (fwrite (g_memory_output_stream_get_data (memory), 1,
              g_memory_output_stream_get_data_size (memory), stdout)
      != g_memory_output_stream_get_data_size (memory) || fflush (stdout) != 0)
    {
      g_set_error (error, TEND_EXPORT_ERROR, TEND_EXPORT_ERROR_WRITE,
                   _("Could not write the export to the standard output"));
      return FALSE;
    }

  return TRUE;
}

/* A device or a pipe is refused by name; the command line has its own way to write to
 * the standard output, which it says. */
static int
fail_export (GError *error)
{
  if (g_error_matches (error, TEND_EXPORT_ERROR, TEND_EXPORT_ERROR_NOT_A_FILE))
    {
      g_autoptr(GError) advised = NULL;

      advised = g_error_new (error->domain, error->code,
                             _("%s. To write to the standard output, name the file “-”."),
                             error->message);
      return tend_cli_fail (advised);
    }

  return tend_cli_fail (error);
}

static int
export_accounts (TendCli       *cli,
                 const char    *target,
                 ExportOptions *options,
                 TendAccountSortKey key)
{
  TendAccountExportFlags flags = TEND_ACCOUNT_EXPORT_NONE;
  g_autoptr(TendAccountList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *count = NULL;

  if (options->bom)
    flags |= TEND_ACCOUNT_EXPORT_BOM;
  if (options->attributes)
    flags |= TEND_ACCOUNT_EXPORT_ATTRIBUTES;

  if (tend_cli_open_store (cli, FALSE, &error) == NULL)
    return tend_cli_fail (error);

  list = make_list (cli->store, options, key, &error);
  if (list == NULL)
    return tend_cli_fail (error);

  if (g_str_equal (target, "-"))
    return export_to_stdout (cli->store, G_LIST_MODEL (list), flags, &error)
           ? TEND_CLI_EXIT_OK : tend_cli_fail (error);

  file = g_file_new_for_commandline_arg (target);
  if (!tend_account_export_to_file (cli->store, G_LIST_MODEL (list), file, flags, NULL, &error))
    return fail_export (error);

  count = tend_number_format (g_list_model_get_n_items (G_LIST_MODEL (list)), 0);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %s account to %s\n",
                        "Exported %s accounts to %s\n",
                        g_list_model_get_n_items (G_LIST_MODEL (list))),
           count, target);

  return TEND_CLI_EXIT_OK;
}

int
tend_cli_run_export (TendCli  *cli,
                     int       argc,
                     char    **argv)
{
  g_auto(ExportOptions) options = { 0, };
  GOptionEntry entries[] = {
    { "bom", 0, 0, G_OPTION_ARG_NONE, &options.bom,
      N_("Begin with a byte order mark, so that Excel reads UTF-8"), NULL },
    { "attributes", 0, 0, G_OPTION_ARG_NONE, &options.attributes,
      N_("Add a column for each custom attribute"), NULL },
    { "band", 0, 0, G_OPTION_ARG_STRING, &options.band,
      N_("Only accounts in this band: red, yellow, green or unscored"), N_("BAND") },
    { "segment", 0, 0, G_OPTION_ARG_STRING, &options.segment,
      N_("Only accounts in this segment"), N_("SEGMENT") },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &options.owner,
      N_("Only accounts this customer success manager owns"), N_("NAME") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &options.status,
      N_("Only accounts with this status: active, churned, trial or paused"), N_("STATUS") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &options.search,
      N_("Only accounts whose name, domain, owner, segment or external id has this text"),
      N_("TEXT") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &options.sort,
      N_("Sort by name, owner, segment, arr, health, trend, renewal or status"), N_("KEY") },
    { "desc", 0, 0, G_OPTION_ARG_NONE, &options.descending,
      N_("Sort in descending order"), NULL },
    G_OPTION_ENTRY_NULL
  };
  TendAccountSortKey key = TEND_ACCOUNT_SORT_NAME;
  int status;

  if (!tend_cli_parse_options (cli, "export", entries, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return tend_cli_usage_error ("export", _("Name the CSV file to write, or - for the standard "
                                             "output"));
  if (argc > 2)
    return tend_cli_usage_error ("export", _("Unexpected argument “%s”"), argv[2]);
  if (!check_choices (&options, &key, &status))
    return status;

  return export_accounts (cli, argv[1], &options, key);
}
