/* test-import-dialog.c: the CSV import dialog, driven as a user would, under a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendTest"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "import/tend-import-mapping.h"
#include "scoring/tend-scorecard.h"
#include "ui/tend-import-dialog.h"
#include "tend-test-ui.h"
#include "tend-test-workspace.h"

/* The temporary folder and store every test here works in; tests write their CSV files
 * into the folder too. */
typedef TendTestWorkspace Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  tend_test_workspace_init (fixture, "tend-import-dialog", TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tend_test_workspace_clear (fixture);
}

/* Runs the main loop until @done says so, for at most @seconds. */
static void
wait_for (gboolean (*done) (gpointer data),
          gpointer   data,
          int        seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }

  g_assert_true (done (data));
}

static gboolean
dialog_is_idle (gpointer data)
{
  return !tend_import_dialog_get_busy (data);
}

/* Waits for the dialog to settle on @step: the file read, the preview made, the import
 * and the scores done. */
static void
wait_for_step (TendImportDialog *dialog,
               const char       *step)
{
  wait_for (dialog_is_idle, dialog, 120);
  g_assert_cmpstr (tend_import_dialog_get_step (dialog), ==, step);
}

/* The button under @widget that activates @action. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static TendImportDialog *
open_dialog (Fixture    *fixture,
             const char *path)
{
  TendImportDialog *dialog = tend_import_dialog_new (NULL, fixture->store);

  /* GTK owns toplevels; the test's own reference lets it check that they go away. */
  g_object_ref (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpstr (tend_import_dialog_get_step (dialog), ==, "file");

  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      tend_import_dialog_set_file (dialog, file);
      g_assert_true (tend_import_dialog_get_file (dialog) == file);
    }

  return dialog;
}

static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + 100 * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

static void
close_dialog (TendImportDialog *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();
  g_assert_finalize_object (dialog);
}

static gint64
query_int (TendStore  *store,
           const char *sql)
{
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, NULL);
  gint64 value;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

static char *
query_text (TendStore  *store,
            const char *sql)
{
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, NULL);
  char *value;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

/* What a column's dropdown shows. */
static const char *
dropdown_label (TendImportDialog *dialog,
                const char       *column)
{
  GtkDropDown *dropdown = tend_import_dialog_get_field_dropdown (dialog, column);
  GtkStringObject *item;

  g_assert_nonnull (dropdown);
  item = gtk_drop_down_get_selected_item (dropdown);
  g_assert_nonnull (item);

  return gtk_string_object_get_string (item);
}

/* Chooses @field for @column in its dropdown, as a user would. */
static void
choose_field (TendImportDialog *dialog,
              const char       *column,
              TendImportField   field)
{
  GtkDropDown *dropdown = tend_import_dialog_get_field_dropdown (dialog, column);
  GListModel *labels = gtk_drop_down_get_model (dropdown);
  const char *wanted = tend_import_field_get_label (field);

  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (labels, i);

      if (g_str_equal (gtk_string_object_get_string (item), wanted))
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }

  g_assert_not_reached ();
}

static void
test_guess_edit_save_import (Fixture       *fixture,
                             gconstpointer  data)
{
  static const struct
  {
    const char      *column;
    TendImportField  field;
  } expected[] = {
    { "Account ID", TEND_IMPORT_FIELD_EXTERNAL_ID },
    { "Account Name", TEND_IMPORT_FIELD_NAME },
    { "Website", TEND_IMPORT_FIELD_DOMAIN },
    { "Owner", TEND_IMPORT_FIELD_OWNER },
    { "Segment", TEND_IMPORT_FIELD_SEGMENT },
    { "Stage", TEND_IMPORT_FIELD_LIFECYCLE_STAGE },
    { "Start Date", TEND_IMPORT_FIELD_START_DATE },
    { "Status", TEND_IMPORT_FIELD_STATUS },
    { "Seats", TEND_IMPORT_FIELD_LICENSED_SEATS },
    { "ARR", TEND_IMPORT_FIELD_ARR },
    { "Contract", TEND_IMPORT_FIELD_CONTRACT },
    { "Notes", TEND_IMPORT_FIELD_ATTRIBUTE },
    { "NPS", TEND_IMPORT_FIELD_ATTRIBUTE },
    { "Zip", TEND_IMPORT_FIELD_ATTRIBUTE },
  };
  TendImportDialog *dialog = open_dialog (fixture, TEST_DATA_DIR "/import-accounts.csv");
  g_autoptr(TendImportMapping) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *zip = NULL;
  TendImportPreview *preview;
  GtkWidget *source_row;
  GtkWidget *done_button;
  guint scoring_turns = 0;
  TendImportReport *report;

  wait_for_step (dialog, "mapping");
  g_assert_null (tend_import_dialog_get_message (dialog));

  /* Every column has a row whose dropdown shows the guessed field. */
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (dropdown_label (dialog, expected[i].column), ==,
                     tend_import_field_get_label (expected[i].field));
  g_assert_null (tend_import_dialog_get_field_dropdown (dialog, "No such column"));

  preview = tend_import_dialog_get_preview (dialog);
  g_assert_nonnull (preview);
  g_assert_cmpuint (tend_import_preview_get_n_read (preview), ==, 3);
  g_assert_cmpuint (tend_import_preview_get_n_rows (preview), ==, 3);
  g_assert_cmpuint (tend_import_preview_get_n_problems (preview), ==, 0);
  g_assert_cmpstr (tend_import_preview_get_value (preview, 0, TEND_IMPORT_FIELD_NAME), ==,
                   "Acme Corp");

  /* Zip codes are not wanted; the notes are the name. Choosing Name for Notes frees the
   * column that had it, which becomes a custom attribute. */
  choose_field (dialog, "Zip", TEND_IMPORT_FIELD_IGNORE);
  choose_field (dialog, "Notes", TEND_IMPORT_FIELD_NAME);
  g_assert_cmpstr (dropdown_label (dialog, "Account Name"), ==,
                   tend_import_field_get_label (TEND_IMPORT_FIELD_ATTRIBUTE));
  choose_field (dialog, "Account Name", TEND_IMPORT_FIELD_NAME);
  g_assert_cmpstr (dropdown_label (dialog, "Notes"), ==,
                   tend_import_field_get_label (TEND_IMPORT_FIELD_ATTRIBUTE));
  g_assert_cmpint (tend_import_mapping_get_field (tend_import_dialog_get_mapping (dialog), "Zip"),
                   ==, TEND_IMPORT_FIELD_IGNORE);

  /* The preview follows: Zip is no longer among the attributes. */
  wait_for_step (dialog, "mapping");
  preview = tend_import_dialog_get_preview (dialog);
  g_assert_nonnull (preview);
  g_assert_null (strstr (tend_import_preview_get_value (preview, 0, TEND_IMPORT_FIELD_ATTRIBUTE),
                         "Zip"));
  g_assert_nonnull (strstr (tend_import_preview_get_value (preview, 0,
                                                           TEND_IMPORT_FIELD_ATTRIBUTE),
                            "Notes"));

  /* The ids are those of the CRM, not of every CSV file: a blank name keeps "csv". */
  source_row = tend_test_find_widget_of_type (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (source_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (source_row)), ==, "csv");
  gtk_editable_set_text (GTK_EDITABLE (source_row), "   ");
  g_assert_cmpstr (tend_import_mapping_get_source (tend_import_dialog_get_mapping (dialog)), ==,
                   "csv");
  gtk_editable_set_text (GTK_EDITABLE (source_row), " Acme CRM ");
  g_assert_cmpstr (tend_import_mapping_get_source (tend_import_dialog_get_mapping (dialog)), ==,
                   "Acme CRM");

  /* Saved by name, it is in the workspace and is the chosen mapping. */
  g_assert_true (tend_import_dialog_save_mapping (dialog, "  Acme export ", &error));
  g_assert_no_error (error);
  g_assert_true (tend_import_mapping_is_saved (fixture->store, "Acme export"));
  saved = tend_import_mapping_load (fixture->store, "Acme export", &error);
  g_assert_no_error (error);
  g_assert_cmpint (tend_import_mapping_get_field (saved, "Zip"), ==, TEND_IMPORT_FIELD_IGNORE);
  g_assert_cmpstr (tend_import_mapping_get_source (saved), ==, "Acme CRM");
  g_assert_cmpint (tend_import_mapping_get_field (saved, "Account ID"), ==,
                   TEND_IMPORT_FIELD_EXTERNAL_ID);
  g_assert_cmpstr (tend_import_mapping_get_name (tend_import_dialog_get_mapping (dialog)), ==,
                   "Acme export");

  /* Import, to the end, and the scores after it: Done shows only once both are over. */
  done_button = find_action_button (GTK_WIDGET (dialog), "import.done");
  g_assert_nonnull (done_button);
  g_assert_false (gtk_widget_get_visible (done_button));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL));
  g_assert_cmpstr (tend_import_dialog_get_step (dialog), ==, "importing");
  while (tend_import_dialog_get_busy (dialog))
    {
      g_assert_false (gtk_widget_get_visible (done_button));
      g_assert_false (gtk_widget_get_sensitive (done_button));
      if (g_str_equal (tend_import_dialog_get_step (dialog), "result"))
        scoring_turns++;
      g_main_context_iteration (NULL, TRUE);
    }
  wait_for_step (dialog, "result");
  g_assert_cmpuint (scoring_turns, >, 0);
  g_assert_true (gtk_widget_get_visible (done_button));
  g_assert_true (gtk_widget_get_sensitive (done_button));
  report = tend_import_dialog_get_report (dialog);
  g_assert_nonnull (report);
  g_assert_true (tend_import_report_get_committed (report));
  g_assert_cmpuint (tend_import_report_get_n_read (report), ==, 3);
  g_assert_cmpuint (tend_import_report_get_n_inserted (report), ==, 3);
  g_assert_cmpuint (tend_import_report_get_n_updated (report), ==, 0);
  g_assert_cmpuint (tend_import_report_get_n_skipped (report), ==, 0);

  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM accounts"), ==, 3);
  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM account_sources "
                                              "WHERE source = 'Acme CRM'"), ==, 3);
  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM accounts "
                                              "WHERE name IN ('Acme Corp', 'Globex', "
                                              "'Initech')"), ==, 3);
  zip = query_text (fixture->store, "SELECT coalesce (json_extract (attributes, '$.Zip'), "
                                    "'none') FROM accounts WHERE name = 'Acme Corp'");
  g_assert_cmpstr (zip, ==, "none");
  notes = query_text (fixture->store, "SELECT json_extract (attributes, '$.Notes') "
                                      "FROM accounts WHERE name = 'Acme Corp'");
  g_assert_cmpstr (notes, ==, "Key account, renews in Jan");
  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM accounts "
                                              "WHERE status = 'churned'"), ==, 1);

  /* With no scorecard active before, the import scored with the default one. */
  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM scorecards "
                                              "WHERE is_active AND name = 'Default'"), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.done", NULL));
  settle ();
  g_assert_finalize_object (dialog);
}

static void
test_reimport_updates (Fixture       *fixture,
                       gconstpointer  data)
{
  TendImportDialog *dialog = open_dialog (fixture, TEST_DATA_DIR "/import-accounts.csv");
  g_autoptr(GFile) second = g_file_new_for_path (TEST_DATA_DIR "/import-accounts-v2.csv");
  g_autofree char *name = NULL;
  TendImportReport *report;

  wait_for_step (dialog, "mapping");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL));
  wait_for_step (dialog, "result");
  g_assert_cmpuint (tend_import_report_get_n_inserted (tend_import_dialog_get_report (dialog)),
                    ==, 3);
  close_dialog (dialog);

  /* The second export of the same accounts updates them by external ID. */
  dialog = open_dialog (fixture, NULL);
  tend_import_dialog_set_file (dialog, second);
  wait_for_step (dialog, "mapping");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL));
  wait_for_step (dialog, "result");
  report = tend_import_dialog_get_report (dialog);
  g_assert_cmpuint (tend_import_report_get_n_inserted (report), ==, 0);
  g_assert_cmpuint (tend_import_report_get_n_updated (report), ==, 3);

  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM accounts"), ==, 3);
  name = query_text (fixture->store, "SELECT a.name FROM accounts a JOIN account_sources s "
                                     "ON s.account_id = a.id WHERE s.external_id = 'A-001'");
  g_assert_cmpstr (name, ==, "Acme Corporation");

  close_dialog (dialog);
}

static const char *
clipboard_text (GtkWidget *widget)
{
  GdkContentProvider *content = gdk_clipboard_get_content (gtk_widget_get_clipboard (widget));
  static char *text;
  GValue value = G_VALUE_INIT;

  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_free (text);
  text = g_value_dup_string (&value);
  g_value_unset (&value);

  return text;
}

/* import-bad.csv has nine rows: two good (lines 2 and 9) and seven with ten problems. */
static void
test_bad_rows (Fixture       *fixture,
               gconstpointer  data)
{
  TendImportPolicy policy = GPOINTER_TO_INT (data);
  TendImportDialog *dialog = open_dialog (fixture, TEST_DATA_DIR "/import-bad.csv");
  gboolean skip = policy == TEND_IMPORT_POLICY_SKIP_BAD_ROWS;
  TendImportPreview *preview;
  TendImportReport *report;
  GPtrArray *problems;
  const char *copied;

  wait_for_step (dialog, "mapping");
  preview = tend_import_dialog_get_preview (dialog);
  g_assert_nonnull (preview);
  g_assert_cmpuint (tend_import_preview_get_n_read (preview), ==, 9);
  g_assert_cmpuint (tend_import_preview_get_n_rejected (preview), ==, 7);
  g_assert_cmpuint (tend_import_preview_get_n_problems (preview), ==, 10);

  /* The problems found so far can be copied, one a line. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.copy-problems", NULL));
  copied = clipboard_text (GTK_WIDGET (dialog));
  g_assert_true (g_str_has_prefix (copied,
                                   "Line 3, column “mrr”: “abc” is not an amount of "
                                   "money in USD.\n"));
  g_assert_nonnull (strstr (copied, "Line 7: The row has 3 columns; the header has 9.\n"));

  g_assert_cmpint (tend_import_dialog_get_policy (dialog), ==, TEND_IMPORT_POLICY_SKIP_BAD_ROWS);
  tend_import_dialog_set_policy (dialog, policy);
  g_assert_cmpint (tend_import_dialog_get_policy (dialog), ==, policy);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL));
  wait_for_step (dialog, "result");
  report = tend_import_dialog_get_report (dialog);
  g_assert_nonnull (report);
  g_assert_cmpint (tend_import_report_get_committed (report), ==, skip);
  g_assert_cmpuint (tend_import_report_get_n_read (report), ==, 9);
  g_assert_cmpuint (tend_import_report_get_n_inserted (report), ==, skip ? 2 : 0);
  g_assert_cmpuint (tend_import_report_get_n_skipped (report), ==, skip ? 7 : 9);
  g_assert_cmpuint (tend_import_report_get_n_rejected (report), ==, 7);

  /* The rejected rows, each with its line, column and reason. */
  problems = tend_import_report_get_problems (report);
  g_assert_cmpuint (problems->len, ==, 10);
  g_assert_cmpuint (((TendImportProblem *)problems->pdata[0])->line, ==, 3);
  g_assert_cmpstr (((TendImportProblem *)problems->pdata[0])->column, ==, "mrr");
  g_assert_cmpuint (((TendImportProblem *)problems->pdata[9])->line, ==, 11);
  g_assert_cmpstr (((TendImportProblem *)problems->pdata[9])->reason, ==,
                   "The amount “-5” is negative.");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.copy-problems", NULL));
  copied = clipboard_text (GTK_WIDGET (dialog));
  g_assert_true (g_str_has_suffix (copied, "Line 11, column “mrr”: The amount “-5” is "
                                           "negative.\n"));

  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM accounts"), ==,
                   skip ? 2 : 0);
  if (skip)
    g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM account_sources "
                                                "WHERE external_id IN ('B-1', 'B-8')"), ==, 2);

  close_dialog (dialog);
}

/* A file of @n_rows made-up accounts, big enough that an import can be stopped midway. */
static char *
write_big_csv (Fixture *fixture,
               guint    n_rows)
{
  g_autoptr(GString) csv = g_string_new ("Customer ID,Company,MRR,Seats\n");
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->folder, "big.csv", NULL);

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (csv, "C-%06u,Company %u,%u.50,%u\n", i, i, 100 + i % 900,
                            1 + i % 50);

  g_file_set_contents (path, csv->str, csv->len, &error);
  g_assert_no_error (error);

  return path;
}

static char *
accounts_fingerprint (TendStore *store)
{
  return query_text (store, "SELECT count (*) || ':' || coalesce (group_concat (name || "
                            "attributes || arr_minor, '|'), '') FROM accounts");
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  TendImportDialog *dialog = open_dialog (fixture, TEST_DATA_DIR "/import-accounts.csv");
  g_autofree char *big = write_big_csv (fixture, 200000);
  g_autoptr(GFile) file = g_file_new_for_path (big);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  wait_for_step (dialog, "mapping");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL));
  wait_for_step (dialog, "result");
  before = accounts_fingerprint (fixture->store);
  g_assert_true (g_str_has_prefix (before, "3:"));

  /* Cancel stops the import; the workspace stays as it was, and the mapping is shown
   * again so the user can change it and retry. */
  tend_import_dialog_set_file (dialog, file);
  g_assert_null (tend_import_dialog_get_report (dialog));
  wait_for_step (dialog, "mapping");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL));
  g_assert_cmpstr (tend_import_dialog_get_step (dialog), ==, "importing");
  g_assert_true (tend_import_dialog_get_busy (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL));
  wait_for_step (dialog, "mapping");
  g_assert_null (tend_import_dialog_get_report (dialog));
  g_assert_null (tend_import_dialog_get_message (dialog));

  after = accounts_fingerprint (fixture->store);
  g_assert_cmpstr (after, ==, before);

  close_dialog (dialog);
}

/* The visible "Stop the Import?" questions; @first gets the first. */
static guint
count_message_dialogs (GtkWindow **first)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  if (first != NULL)
    *first = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (!ADW_IS_MESSAGE_DIALOG (window) || !gtk_widget_get_visible (GTK_WIDGET (window)))
        continue;

      if (first != NULL && *first == NULL)
        *first = window;
      n++;
    }

  return n;
}

static GtkWindow *
find_message_dialog (void)
{
  GtkWindow *dialog;

  count_message_dialogs (&dialog);

  return dialog;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static gboolean
object_gone (gpointer data)
{
  return *(gpointer *)data == NULL;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
no_message_dialog (gpointer data)
{
  return count_message_dialogs (NULL) == 0;
}

/* Presses one of the question's buttons, which closes it once the button is released. */
static void
answer_message_dialog (const char *label)
{
  GtkWindow *dialog = find_message_dialog ();
  GtkWidget *button;

  g_assert_nonnull (dialog);
  button = find_button (GTK_WIDGET (dialog), label);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_activate (button));
  wait_for (no_message_dialog, NULL, 5);
}

/* Starts importing @n_rows rows and asks to close the dialog, as Escape or the window's
 * close button do; the dialog asks first. */
static TendImportDialog *
start_import_and_close (Fixture  *fixture,
                        guint     n_rows,
                        gpointer *weak)
{
  g_autofree char *big = write_big_csv (fixture, n_rows);
  TendImportDialog *dialog = open_dialog (fixture, big);

  wait_for_step (dialog, "mapping");
  g_object_unref (dialog);
  *weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), weak);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  wait_for (message_dialog_shown, NULL, 5);
  g_assert_nonnull (*weak);
  g_assert_cmpstr (tend_import_dialog_get_step (dialog), ==, "importing");

  return dialog;
}

/* Stop: the question goes, the import rolls back, then the dialog closes. */
static void
test_close_while_importing_stop (Fixture       *fixture,
                                 gconstpointer  data)
{
  gpointer weak = NULL;

  start_import_and_close (fixture, 200000, &weak);

  answer_message_dialog ("_Stop");
  wait_for (object_gone, &weak, 60);

  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM accounts"), ==, 0);
  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM account_sources"), ==, 0);
}

/* Keep Importing: the import goes on to its end and the dialog shows the result. */
static void
test_close_while_importing_continue (Fixture       *fixture,
                                     gconstpointer  data)
{
  gpointer weak = NULL;
  TendImportDialog *dialog = start_import_and_close (fixture, 200000, &weak);

  answer_message_dialog ("_Keep Importing");
  wait_for_step (dialog, "result");
  g_assert_nonnull (weak);
  g_assert_true (tend_import_report_get_committed (tend_import_dialog_get_report (dialog)));
  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM accounts"), ==, 200000);

  /* With nothing running, closing asks nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  wait_for (object_gone, &weak, 5);
  g_assert_cmpuint (count_message_dialogs (NULL), ==, 0);
}

/* Unanswered: a second close asks no second question, and when the import ends the
 * question, which no longer means anything, goes and the result shows. */
static void
test_close_while_importing_finished (Fixture       *fixture,
                                     gconstpointer  data)
{
  gpointer weak = NULL;
  TendImportDialog *dialog = start_import_and_close (fixture, 200000, &weak);
  TendImportReport *report;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  settle ();
  g_assert_cmpuint (count_message_dialogs (NULL), ==, 1);

  wait_for_step (dialog, "result");
  g_assert_cmpuint (count_message_dialogs (NULL), ==, 0);
  g_assert_nonnull (weak);
  report = tend_import_dialog_get_report (dialog);
  g_assert_true (tend_import_report_get_committed (report));
  g_assert_cmpuint (tend_import_report_get_n_inserted (report), ==, 200000);
  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM accounts"), ==, 200000);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.done", NULL));
  wait_for (object_gone, &weak, 5);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->folder, "missing.csv", NULL);
  g_autofree char *utf16 = g_build_filename (fixture->folder, "utf16.csv", NULL);
  g_autofree char *no_id = g_build_filename (fixture->folder, "no-id.csv", NULL);
  const char utf16_data[] = "\xff\xfe" "a\0,\0b\0\n\0";
  TendImportDialog *dialog = open_dialog (fixture, missing);
  g_autoptr(GFile) file = NULL;

  /* An unreadable file names itself. */
  wait_for_step (dialog, "error");
  g_assert_nonnull (strstr (tend_import_dialog_get_message (dialog), "missing.csv"));

  /* Bad encoding: the advice says how to save it. */
  g_assert_true (g_file_set_contents (utf16, utf16_data, sizeof utf16_data - 1, NULL));
  file = g_file_new_for_path (utf16);
  tend_import_dialog_set_file (dialog, file);
  wait_for_step (dialog, "error");
  g_assert_nonnull (strstr (tend_import_dialog_get_message (dialog), "UTF-16"));
  g_assert_nonnull (strstr (tend_import_dialog_get_message (dialog), "utf16.csv"));
  g_clear_object (&file);

  /* No column says which account a row is: the dialog asks for one and will not import. */
  g_assert_true (g_file_set_contents (no_id, "Company,Plan\nAcme,Gold\n", -1, NULL));
  file = g_file_new_for_path (no_id);
  tend_import_dialog_set_file (dialog, file);
  wait_for_step (dialog, "mapping");
  g_assert_nonnull (strstr (tend_import_dialog_get_message (dialog), "external ID"));
  g_assert_null (tend_import_dialog_get_preview (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL);
  g_assert_cmpstr (tend_import_dialog_get_step (dialog), ==, "mapping");

  /* Choosing the column fixes it. */
  choose_field (dialog, "Plan", TEND_IMPORT_FIELD_EXTERNAL_ID);
  g_assert_null (tend_import_dialog_get_message (dialog));
  wait_for_step (dialog, "mapping");
  g_assert_nonnull (tend_import_dialog_get_preview (dialog));

  /* A mapping whose columns the file lacks says which one is missing. */
  g_assert_false (tend_import_dialog_select_mapping (dialog, "no such mapping"));
  g_assert_true (tend_import_dialog_select_mapping (dialog, "telco"));
  g_assert_nonnull (strstr (tend_import_dialog_get_message (dialog), "“customerID”"));
  wait_for_step (dialog, "mapping");
  g_assert_null (tend_import_dialog_get_preview (dialog));

  /* Back to the suggestion as it was, without an external ID. */
  g_assert_true (tend_import_dialog_select_mapping (dialog, NULL));
  g_assert_nonnull (strstr (tend_import_dialog_get_message (dialog), "external ID"));
  g_assert_cmpint (tend_import_mapping_get_field (tend_import_dialog_get_mapping (dialog),
                                                  "Company"), ==, TEND_IMPORT_FIELD_NAME);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.back", NULL));
  g_assert_cmpstr (tend_import_dialog_get_step (dialog), ==, "file");
  g_assert_null (tend_import_dialog_get_mapping (dialog));
  close_dialog (dialog);

  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM accounts"), ==, 0);
}

/* The Telco data set is recognised, imported whole and scored with the Telco scorecard. */
static void
test_telco (Fixture       *fixture,
            gconstpointer  data)
{
  const char *datasets = g_getenv ("TEND_DATASETS");
  g_autofree char *path = NULL;
  TendImportDialog *dialog;
  TendImportReport *report;

  if (datasets == NULL)
    {
      g_test_skip ("TEND_DATASETS is not set: run the test with meson test");
      return;
    }

  path = g_build_filename (datasets, "telco_customer_churn.csv", NULL);
  dialog = open_dialog (fixture, path);
  wait_for_step (dialog, "mapping");
  g_assert_cmpstr (tend_import_mapping_get_name (tend_import_dialog_get_mapping (dialog)), ==,
                   "telco");
  g_assert_cmpstr (dropdown_label (dialog, "MonthlyCharges"), ==,
                   tend_import_field_get_label (TEND_IMPORT_FIELD_MRR));
  g_assert_cmpuint (tend_import_preview_get_n_problems (tend_import_dialog_get_preview (dialog)),
                    ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.next", NULL));
  wait_for_step (dialog, "result");
  report = tend_import_dialog_get_report (dialog);
  g_assert_cmpuint (tend_import_report_get_n_inserted (report), ==, 7043);

  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM accounts"), ==, 7043);
  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM accounts "
                                              "WHERE status = 'churned'"), ==, 1869);
  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM scorecards "
                                              "WHERE is_active AND name = 'Telco'"), ==, 1);
  g_assert_cmpint (query_int (fixture->store, "SELECT count (*) FROM accounts "
                                              "WHERE health_score IS NOT NULL"), ==, 7043);

  close_dialog (dialog);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Without a display every test is skipped, saying why. */
  if (!tend_test_ui_init ("/import-dialog/no-display"))
    return g_test_run ();
  g_setenv ("TEND_TODAY", "2026-06-15", TRUE);

  g_test_add ("/import-dialog/guess-edit-save-import", Fixture, NULL, fixture_set_up,
              test_guess_edit_save_import, fixture_tear_down);
  g_test_add ("/import-dialog/reimport-updates", Fixture, NULL, fixture_set_up,
              test_reimport_updates, fixture_tear_down);
  g_test_add ("/import-dialog/bad-rows/skip", Fixture,
              GINT_TO_POINTER (TEND_IMPORT_POLICY_SKIP_BAD_ROWS), fixture_set_up,
              test_bad_rows, fixture_tear_down);
  g_test_add ("/import-dialog/bad-rows/all-or-nothing", Fixture,
              GINT_TO_POINTER (TEND_IMPORT_POLICY_ALL_OR_NOTHING), fixture_set_up,
              test_bad_rows, fixture_tear_down);
  g_test_add ("/import-dialog/cancel", Fixture, NULL, fixture_set_up, test_cancel,
              fixture_tear_down);
  g_test_add ("/import-dialog/close-while-importing/stop", Fixture, NULL, fixture_set_up,
              test_close_while_importing_stop, fixture_tear_down);
  g_test_add ("/import-dialog/close-while-importing/continue", Fixture, NULL, fixture_set_up,
              test_close_while_importing_continue, fixture_tear_down);
  g_test_add ("/import-dialog/close-while-importing/finished", Fixture, NULL, fixture_set_up,
              test_close_while_importing_finished, fixture_tear_down);
  g_test_add ("/import-dialog/errors", Fixture, NULL, fixture_set_up, test_errors,
              fixture_tear_down);
  g_test_add ("/import-dialog/telco", Fixture, NULL, fixture_set_up, test_telco,
              fixture_tear_down);

  return g_test_run ();
}
