/* test-export.c: the CSV export's quoting, formula neutralising and safe file writing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendTest"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/tend-account-list.h"
#include "reports/tend-account-export.h"
#include "reports/tend-csv-export.h"
#include "reports/tend-csv-writer.h"
#include "store/tend-store.h"
#include "tend-test-workspace.h"

#define BOM "\xEF\xBB\xBF"

/* The temporary folder and store every test here works in. */
typedef TendTestWorkspace Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  /* The database lives in its own folder so the export folders hold only exports. */
  tend_test_workspace_init_at (fixture, "tend-export", "db/tend.db", TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tend_test_workspace_clear (fixture);
}

static void
exec (Fixture    *fixture,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  tend_store_exec (fixture->store, sql, &error);
  g_assert_no_error (error);
}

static char *
make_folder (Fixture    *fixture,
             const char *name)
{
  char *path = g_build_filename (fixture->folder, name, NULL);

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);

  return path;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *)a, *(const char *const *)b);
}

/* Names of the files in @folder, sorted and joined by spaces, to see what an export left. */
static char *
list_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **)names->pdata);
}

static void
assert_file_contents (const char *path,
                      const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);
  g_assert_cmpuint (length, ==, strlen (expected));
}

static const struct {
  const char      *value;
  TendCsvCellKind  kind;
  const char      *expected;
} cells[] = {
  { "plain", TEND_CSV_CELL_TEXT, "plain" },
  { "", TEND_CSV_CELL_TEXT, "" },
  { NULL, TEND_CSV_CELL_TEXT, "" },
  { "a,b", TEND_CSV_CELL_TEXT, "\"a,b\"" },
  { "say \"hi\"", TEND_CSV_CELL_TEXT, "\"say \"\"hi\"\"\"" },
  { "\"", TEND_CSV_CELL_TEXT, "\"\"\"\"" },
  { "line\nbreak", TEND_CSV_CELL_TEXT, "\"line\nbreak\"" },
  { "crlf\r\nbreak", TEND_CSV_CELL_TEXT, "\"crlf\r\nbreak\"" },
  { "=1+2", TEND_CSV_CELL_TEXT, "'=1+2" },
  { "+1", TEND_CSV_CELL_TEXT, "'+1" },
  { "-1", TEND_CSV_CELL_TEXT, "'-1" },
  { "@SUM(A1:A9)", TEND_CSV_CELL_TEXT, "'@SUM(A1:A9)" },
  { "\tindented", TEND_CSV_CELL_TEXT, "'\tindented" },
  { "\rreturn", TEND_CSV_CELL_TEXT, "\"'\rreturn\"" },
  { "=HYPERLINK(\"x\")", TEND_CSV_CELL_TEXT, "\"'=HYPERLINK(\"\"x\"\")\"" },
  { "=1,2", TEND_CSV_CELL_TEXT, "\"'=1,2\"" },
  { "a=b", TEND_CSV_CELL_TEXT, "a=b" },
  { " =1", TEND_CSV_CELL_TEXT, " =1" },
  { "'quoted", TEND_CSV_CELL_TEXT, "'quoted" },
  { "株式会社テンド", TEND_CSV_CELL_TEXT, "株式会社テンド" },
  { "-1", TEND_CSV_CELL_NUMBER, "-1" },
  { "-12.50", TEND_CSV_CELL_NUMBER, "-12.50" },
  { "1234.56", TEND_CSV_CELL_NUMBER, "1234.56" },
  /* A number cell that is no plain number is text after all. */
  { "-1+1", TEND_CSV_CELL_NUMBER, "'-1+1" },
  { "=1", TEND_CSV_CELL_NUMBER, "'=1" },
  { "-", TEND_CSV_CELL_NUMBER, "'-" },
  { "-1,5", TEND_CSV_CELL_NUMBER, "\"'-1,5\"" },
};

static void
test_cells (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      tend_csv_append_cell (line, cells[i].value, cells[i].kind);
      g_assert_cmpstr (line->str, ==, cells[i].expected);
    }
}

static const struct {
  const char *text;
  gboolean    number;
} numbers[] = {
  { "0", TRUE }, { "-0", TRUE }, { "12.5", TRUE }, { "-12.50", TRUE }, { "007", TRUE },
  { "", FALSE }, { "-", FALSE }, { ".5", FALSE }, { "5.", FALSE }, { "1e5", FALSE },
  { "+5", FALSE }, { " 5", FALSE }, { "5 ", FALSE }, { "1.2.3", FALSE }, { "--1", FALSE },
};

static void
test_plain_numbers (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    g_assert_cmpint (tend_csv_is_plain_number (numbers[i].text), ==, numbers[i].number);

  g_assert_false (tend_csv_is_plain_number (NULL));
}

static char *
write_rows (gboolean bom)
{
  static const char *const first[] = { "a", "b,c", NULL };
  static const char *const second[] = { "-5", "-5" };
  static const TendCsvCellKind second_kinds[] = { TEND_CSV_CELL_NUMBER, TEND_CSV_CELL_TEXT };
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(TendCsvWriter) writer = tend_csv_writer_new (stream, bom);
  g_autoptr(GError) error = NULL;

  tend_csv_writer_write_row (writer, first, NULL, 3, NULL, &error);
  g_assert_no_error (error);
  tend_csv_writer_write_row (writer, second, second_kinds, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tend_csv_writer_get_rows (writer), ==, 2);

  g_output_stream_write_all (stream, "", 1, NULL, NULL, &error);
  g_output_stream_close (stream, NULL, &error);
  g_assert_no_error (error);

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

static void
test_writer_bom (void)
{
  g_autofree char *with_bom = write_rows (TRUE);
  g_autofree char *without_bom = write_rows (FALSE);

  g_assert_cmpstr (with_bom, ==, BOM "a,\"b,c\",\r\n-5,'-5\r\n");
  g_assert_cmpstr (without_bom, ==, "a,\"b,c\",\r\n-5,'-5\r\n");
}

/*
 * Four accounts: a formula for a name, a name with a line break (in yen, so ARR has no
 * decimals), a churned "-minus corp" whose name must be neutralised, and a non-ASCII name
 * in euros with a negative ARR and custom attributes. By ARR as written, largest first,
 * they come as yen 5000, dollars 1234.56, dollars 0, euros -12.50.
 */
static const char accounts_sql[] =
  "INSERT INTO csms (id, name) VALUES (1, 'Ann');"
  "INSERT INTO accounts (id, name, owner_id, segment, status, arr_minor, currency,"
  "                      renewal_date, health_score, health_band, health_change_30d,"
  "                      attributes) VALUES"
  " (1, '=HYPERLINK(\"x\")', 1, 'SMB', 'active', 123456, 'USD', '2026-09-01', 35.5, 'red',"
  "  -3, '{}'),"
  " (2, 'Line' || char (10) || 'Break Co', NULL, NULL, 'active', 5000, 'JPY', NULL, NULL,"
  "  NULL, NULL, '{}'),"
  " (3, '-minus corp', NULL, NULL, 'churned', 0, 'USD', NULL, NULL, NULL, NULL, '{}'),"
  " (4, 'Ünïcödé 株式会社', 1, 'Enterprise', 'active', -1250, 'EUR', NULL, 80, 'green',"
  " 12.5,"
  "  '{\"Plan\": \"-Pro\", \"Seats\": 12, \"Ratio\": 0.75, \"Flag\": true}');"
  "INSERT INTO account_sources (source, external_id, account_id) VALUES"
  " ('csv', '42', 1), ('csv', '=cmd|x', 4), ('stripe', 'cus_2', 4), ('stripe', 'cus_1', 4);";

static const char expected_header[] =
  "Name,External ID (csv),External ID (stripe),Owner,Segment,Status,ARR,Currency,"
  "Health score,Health band,30-day change,Renewal date";

/* Each account's row without its end, where the attribute cells go. */
static const char formula_row[] =
  "\"'=HYPERLINK(\"\"x\"\")\",42,,Ann,SMB,active,1234.56,USD,35.5,red,-3.0,2026-09-01";
static const char line_break_row[] = "\"Line\nBreak Co\",,,,,active,5000,JPY,,,,";
static const char minus_row[] = "'-minus corp,,,,,churned,0.00,USD,,,,";
static const char unicode_row[] =
  "Ünïcödé 株式会社,'=cmd|x,cus_1; cus_2,Ann,Enterprise,active,-12.50,EUR,80.0,green,12.5,";

static TendAccountList *
accounts_by_arr (Fixture *fixture)
{
  TendAccountList *list;

  exec (fixture, accounts_sql);
  list = tend_account_list_new (fixture->store);
  tend_account_list_set_sort (list, TEND_ACCOUNT_SORT_ARR, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);

  return list;
}

static char *
export_to_memory (Fixture                *fixture,
                  TendAccountList        *list,
                  TendAccountExportFlags  flags)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  tend_account_export_to_stream (fixture->store, G_LIST_MODEL (list), stream, flags, NULL,
                                 &error);
  g_assert_no_error (error);

  g_output_stream_write_all (stream, "", 1, NULL, NULL, &error);
  g_output_stream_close (stream, NULL, &error);
  g_assert_no_error (error);

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

static void
test_accounts (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(TendAccountList) list = accounts_by_arr (fixture);
  g_autofree char *csv = export_to_memory (fixture, list, TEND_ACCOUNT_EXPORT_NONE);
  g_autofree char *expected = g_strconcat (expected_header, "\r\n",
                                           line_break_row, "\r\n",
                                           formula_row, "\r\n",
                                           minus_row, "\r\n",
                                           unicode_row, "\r\n",
                                           NULL);

  g_assert_cmpstr (csv, ==, expected);
}

static void
test_accounts_bom_attributes (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(TendAccountList) list = accounts_by_arr (fixture);
  TendAccountExportFlags flags = TEND_ACCOUNT_EXPORT_BOM | TEND_ACCOUNT_EXPORT_ATTRIBUTES;
  g_autofree char *csv = export_to_memory (fixture, list, flags);
  g_autofree char *expected = g_strconcat (BOM, expected_header, ",Flag,Plan,Ratio,Seats\r\n",
                                           line_break_row, ",,,,\r\n",
                                           formula_row, ",,,,\r\n",
                                           minus_row, ",,,,\r\n",
                                           unicode_row, ",true,'-Pro,0.75,12\r\n",
                                           NULL);

  g_assert_cmpstr (csv, ==, expected);
}

static void
test_accounts_filtered (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(TendAccountList) list = accounts_by_arr (fixture);
  g_autofree char *csv = NULL;
  g_autofree char *expected = NULL;

  tend_account_list_set_status (list, "active");
  tend_account_list_set_sort (list, TEND_ACCOUNT_SORT_ARR, FALSE);
  csv = export_to_memory (fixture, list, TEND_ACCOUNT_EXPORT_NONE);

  expected = g_strconcat (expected_header, "\r\n",
                          unicode_row, "\r\n",
                          formula_row, "\r\n",
                          line_break_row, "\r\n",
                          NULL);
  g_assert_cmpstr (csv, ==, expected);
}

static void
test_accounts_empty (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TendAccountList) list = tend_account_list_new (fixture->store);
  g_autofree char *csv = export_to_memory (fixture, list, TEND_ACCOUNT_EXPORT_BOM);

  g_assert_cmpstr (csv, ==, BOM "Name,Owner,Segment,Status,ARR,Currency,Health score,"
                   "Health band,30-day change,Renewal date\r\n");
}

static void
test_file (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(TendAccountList) list = accounts_by_arr (fixture);
  g_autofree char *folder = make_folder (fixture, "out");
  g_autofree char *path = g_build_filename (folder, "accounts.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = export_to_memory (fixture, list, TEND_ACCOUNT_EXPORT_BOM);
  g_autofree char *left = NULL;

  /* An older export is replaced whole. */
  g_file_set_contents (path, "old", -1, &error);
  g_assert_no_error (error);

  tend_account_export_to_file (fixture->store, G_LIST_MODEL (list), file,
                               TEND_ACCOUNT_EXPORT_BOM, NULL, &error);
  g_assert_no_error (error);

  assert_file_contents (path, expected);
  left = list_folder (folder);
  g_assert_cmpstr (left, ==, "accounts.csv");
}

static void
test_file_missing_folder (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(TendAccountList) list = accounts_by_arr (fixture);
  g_autofree char *path = g_build_filename (fixture->folder, "nowhere", "accounts.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_assert_false (tend_account_export_to_file (fixture->store, G_LIST_MODEL (list), file,
                                               TEND_ACCOUNT_EXPORT_NONE, NULL, &error));
  g_assert_error (error, TEND_EXPORT_ERROR, TEND_EXPORT_ERROR_WRITE);

  message = g_strdup_printf ("Could not export to %s: No such file or directory", path);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_file_in_sysfs (Fixture         *fixture,
                    TendAccountList *list)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/sys/tend-export-test.csv");
  g_autoptr(GError) error = NULL;

  g_assert_false (tend_account_export_to_file (fixture->store, G_LIST_MODEL (list), file,
                                               TEND_ACCOUNT_EXPORT_NONE, NULL, &error));
  g_assert_error (error, TEND_EXPORT_ERROR, TEND_EXPORT_ERROR_WRITE);
  g_assert_true (g_str_has_prefix (error->message,
                                   "Could not export to /sys/tend-export-test.csv: "));
  g_assert_false (g_file_test ("/sys/tend-export-test.csv", G_FILE_TEST_EXISTS));
}

static void
test_file_read_only_folder (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(TendAccountList) list = accounts_by_arr (fixture);
  g_autofree char *folder = make_folder (fixture, "locked");
  g_autofree char *path = g_build_filename (folder, "accounts.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *left = NULL;

  /* The superuser writes into read-only folders; sysfs refuses new files even to root. */
  if (geteuid () == 0)
    {
      test_file_in_sysfs (fixture, list);
      return;
    }

  g_file_set_contents (path, "old", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (folder, 0500), ==, 0);

  g_assert_false (tend_account_export_to_file (fixture->store, G_LIST_MODEL (list), file,
                                               TEND_ACCOUNT_EXPORT_NONE, NULL, &error));
  g_assert_error (error, TEND_EXPORT_ERROR, TEND_EXPORT_ERROR_WRITE);
  message = g_strdup_printf ("Could not export to %s: Permission denied", path);
  g_assert_cmpstr (error->message, ==, message);

  g_chmod (folder, 0700);
  assert_file_contents (path, "old");
  left = list_folder (folder);
  g_assert_cmpstr (left, ==, "accounts.csv");
}

static void
test_file_is_folder (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TendAccountList) list = accounts_by_arr (fixture);
  g_autofree char *folder = make_folder (fixture, "out");
  g_autofree char *target = make_folder (fixture, "out/accounts.csv");
  g_autoptr(GFile) file = g_file_new_for_path (target);
  g_autoptr(GError) error = NULL;
  g_autofree char *left = NULL;

  g_autofree char *message = g_strdup_printf ("Could not export to %s: it is a folder, not a "
                                              "file", target);

  g_assert_false (tend_account_export_to_file (fixture->store, G_LIST_MODEL (list), file,
                                               TEND_ACCOUNT_EXPORT_NONE, NULL, &error));
  g_assert_error (error, TEND_EXPORT_ERROR, TEND_EXPORT_ERROR_NOT_A_FILE);
  g_assert_cmpstr (error->message, ==, message);

  left = list_folder (folder);
  g_assert_cmpstr (left, ==, "accounts.csv");
  g_assert_true (g_file_test (target, G_FILE_TEST_IS_DIR));
}

/* Exports @list to @path, expecting the refusal @code with exactly @message. */
static void
assert_export_refused (Fixture         *fixture,
                       TendAccountList *list,
                       const char      *path,
                       int              code,
                       const char      *reason)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = g_strdup_printf ("Could not export to %s: %s", path, reason);

  g_assert_false (tend_account_export_to_file (fixture->store, G_LIST_MODEL (list), file,
                                               TEND_ACCOUNT_EXPORT_NONE, NULL, &error));
  g_assert_error (error, TEND_EXPORT_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
assert_export_written (Fixture         *fixture,
                       TendAccountList *list,
                       const char      *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  tend_account_export_to_file (fixture->store, G_LIST_MODEL (list), file,
                               TEND_ACCOUNT_EXPORT_NONE, NULL, &error);
  g_assert_no_error (error);
}

static guint
count_accounts_at (const char *database)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = tend_store_open (database, &error);
  g_autoptr(TendAccountList) list = NULL;

  g_assert_no_error (error);
  list = tend_account_list_new (store);

  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static void
assert_link (const char *path,
             const char *expected_target)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_file_read_link (path, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (target, ==, expected_target);
}

/* The export must never be renamed over the workspace it reads, whatever name leads to it:
 * the path itself, SQLite's files beside it, a symbolic or a hard link. */
static void
test_file_workspace (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char reason[] = "it is the workspace Tend has open; choose another file name";
  g_autoptr(TendAccountList) list = accounts_by_arr (fixture);
  const char *database = tend_store_get_path (fixture->store);
  g_autofree char *wal = g_strconcat (database, "-wal", NULL);
  g_autofree char *folder = make_folder (fixture, "out");
  g_autofree char *symlink_path = g_build_filename (folder, "link.csv", NULL);
  g_autofree char *hardlink_path = g_build_filename (folder, "hard.csv", NULL);
  g_autofree char *left = NULL;

  g_assert_cmpint (symlink (database, symlink_path), ==, 0);
  g_assert_cmpint (link (database, hardlink_path), ==, 0);

  assert_export_refused (fixture, list, database, TEND_EXPORT_ERROR_WORKSPACE, reason);
  assert_export_refused (fixture, list, symlink_path, TEND_EXPORT_ERROR_WORKSPACE, reason);
  assert_export_refused (fixture, list, hardlink_path, TEND_EXPORT_ERROR_WORKSPACE, reason);
  g_assert_true (g_file_test (wal, G_FILE_TEST_IS_REGULAR));
  assert_export_refused (fixture, list, wal, TEND_EXPORT_ERROR_WORKSPACE, reason);

  /* The workspace still opens, with its accounts, from a new connection. */
  g_assert_cmpuint (count_accounts_at (database), ==, 4);
  assert_link (symlink_path, database);
  left = list_folder (folder);
  g_assert_cmpstr (left, ==, "hard.csv link.csv");
}

/* A named pipe stands for any file that is not a regular one (a device such as /dev/full,
 * a socket): an export must neither replace it nor open it, which would block. */
static void
test_file_not_a_file (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(TendAccountList) list = accounts_by_arr (fixture);
  g_autofree char *folder = make_folder (fixture, "out");
  g_autofree char *fifo = g_build_filename (folder, "pipe.csv", NULL);
  g_autofree char *link_path = g_build_filename (folder, "link.csv", NULL);
  g_autofree char *left = NULL;
  GStatBuf info;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink ("pipe.csv", link_path), ==, 0);

  assert_export_refused (fixture, list, fifo, TEND_EXPORT_ERROR_NOT_A_FILE,
                         "it is a named pipe (FIFO), not a file");
  assert_export_refused (fixture, list, link_path, TEND_EXPORT_ERROR_NOT_A_FILE,
                         "it is a named pipe (FIFO), not a file");

  g_assert_cmpint (g_lstat (fifo, &info), ==, 0);
  g_assert_true (S_ISFIFO (info.st_mode));
  assert_link (link_path, "pipe.csv");
  left = list_folder (folder);
  g_assert_cmpstr (left, ==, "link.csv pipe.csv");
}

/* Through a symbolic link, or a chain of them, the file at the end is replaced and every
 * link stays a link; a link to a file not there yet creates that file. */
static void
test_file_symlink (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(TendAccountList) list = accounts_by_arr (fixture);
  g_autofree char *expected = export_to_memory (fixture, list, TEND_ACCOUNT_EXPORT_NONE);
  g_autofree char *folder = make_folder (fixture, "out");
  g_autofree char *real = g_build_filename (folder, "real.csv", NULL);
  g_autofree char *relative = g_build_filename (folder, "accounts.csv", NULL);
  g_autofree char *chain = g_build_filename (folder, "chain.csv", NULL);
  g_autofree char *dangling = g_build_filename (folder, "dangling.csv", NULL);
  g_autofree char *made = g_build_filename (folder, "made.csv", NULL);
  g_autofree char *left = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (real, "old", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (symlink ("real.csv", relative), ==, 0);
  g_assert_cmpint (symlink (relative, chain), ==, 0);
  g_assert_cmpint (symlink ("made.csv", dangling), ==, 0);

  assert_export_written (fixture, list, chain);
  assert_file_contents (real, expected);
  assert_link (relative, "real.csv");
  assert_link (chain, relative);

  assert_export_written (fixture, list, dangling);
  assert_file_contents (made, expected);
  assert_link (dangling, "made.csv");

  left = list_folder (folder);
  g_assert_cmpstr (left, ==, "accounts.csv chain.csv dangling.csv made.csv real.csv");
}

static guint
file_mode (const char *path)
{
  GStatBuf info;

  g_assert_cmpint (g_stat (path, &info), ==, 0);

  return info.st_mode & 07777;
}

/* A replaced file keeps its permissions, so a private export stays private; a new one
 * gets what the umask allows, as any new file. */
static void
test_file_mode (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(TendAccountList) list = accounts_by_arr (fixture);
  g_autofree char *folder = make_folder (fixture, "out");
  g_autofree char *private_path = g_build_filename (folder, "private.csv", NULL);
  g_autofree char *shared_path = g_build_filename (folder, "shared.csv", NULL);
  g_autofree char *fresh_path = g_build_filename (folder, "fresh.csv", NULL);
  g_autofree char *secret_path = g_build_filename (folder, "secret.csv", NULL);
  g_autoptr(GError) error = NULL;
  mode_t old_umask = umask (022);

  g_file_set_contents (private_path, "old", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (private_path, 0600), ==, 0);
  g_file_set_contents (shared_path, "old", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (shared_path, 0664), ==, 0);

  assert_export_written (fixture, list, private_path);
  assert_export_written (fixture, list, shared_path);
  assert_export_written (fixture, list, fresh_path);
  umask (077);
  assert_export_written (fixture, list, secret_path);
  umask (old_umask);

  g_assert_cmpuint (file_mode (private_path), ==, 0600);
  g_assert_cmpuint (file_mode (shared_path), ==, 0664);
  g_assert_cmpuint (file_mode (fresh_path), ==, 0644);
  g_assert_cmpuint (file_mode (secret_path), ==, 0600);
}

/* Writes half an export and then fails as a full disk would. */
static gboolean
write_then_fail (GOutputStream  *stream,
                 gpointer        user_data,
                 GCancellable   *cancellable,
                 GError        **error)
{
  if (!g_output_stream_write_all (stream, "Name\r\nhalf", 10, NULL, cancellable, error) ||
      !g_output_stream_flush (stream, cancellable, error))
    return FALSE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "No space left on device");

  return FALSE;
}

static void
test_file_failed_write (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *folder = make_folder (fixture, "out");
  g_autofree char *path = g_build_filename (folder, "accounts.csv", NULL);
  g_autofree char *fresh_path = g_build_filename (folder, "fresh.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) fresh = g_file_new_for_path (fresh_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *left = NULL;

  g_file_set_contents (path, "old", -1, &error);
  g_assert_no_error (error);

  g_assert_false (tend_csv_export_to_file (file, NULL, write_then_fail, NULL, NULL, &error));
  g_assert_error (error, TEND_EXPORT_ERROR, TEND_EXPORT_ERROR_WRITE);
  message = g_strdup_printf ("Could not export to %s: No space left on device", path);
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);

  /* A new file is not created at all; an old one is left as it was. */
  g_assert_false (tend_csv_export_to_file (fresh, NULL, write_then_fail, NULL, NULL, &error));
  g_assert_error (error, TEND_EXPORT_ERROR, TEND_EXPORT_ERROR_WRITE);

  assert_file_contents (path, "old");
  left = list_folder (folder);
  g_assert_cmpstr (left, ==, "accounts.csv");
}

static void
test_file_cancelled (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TendAccountList) list = accounts_by_arr (fixture);
  g_autofree char *folder = make_folder (fixture, "out");
  g_autofree char *path = g_build_filename (folder, "accounts.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *left = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (tend_account_export_to_file (fixture->store, G_LIST_MODEL (list), file,
                                               TEND_ACCOUNT_EXPORT_NONE, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  left = list_folder (folder);
  g_assert_cmpstr (left, ==, "");
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/cell/quoting-and-neutralising", test_cells);
  g_test_add_func ("/export/cell/plain-numbers", test_plain_numbers);
  g_test_add_func ("/export/writer/bom", test_writer_bom);
  ADD_TEST ("/export/accounts/bytes", test_accounts);
  ADD_TEST ("/export/accounts/bom-and-attributes", test_accounts_bom_attributes);
  ADD_TEST ("/export/accounts/filtered-and-sorted", test_accounts_filtered);
  ADD_TEST ("/export/accounts/empty", test_accounts_empty);
  ADD_TEST ("/export/file/written", test_file);
  ADD_TEST ("/export/file/missing-folder", test_file_missing_folder);
  ADD_TEST ("/export/file/read-only-folder", test_file_read_only_folder);
  ADD_TEST ("/export/file/target-is-folder", test_file_is_folder);
  ADD_TEST ("/export/file/workspace", test_file_workspace);
  ADD_TEST ("/export/file/not-a-file", test_file_not_a_file);
  ADD_TEST ("/export/file/symlink", test_file_symlink);
  ADD_TEST ("/export/file/mode", test_file_mode);
  ADD_TEST ("/export/file/failed-write", test_file_failed_write);
  ADD_TEST ("/export/file/cancelled", test_file_cancelled);

  return g_test_run ();
}
