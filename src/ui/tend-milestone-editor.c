/* tend-milestone-editor.c: the dialog that adds or edits a milestone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwMessageDialog with the milestone's fields under its message. "Save" stays
 * disabled until the title is set and the due date, if any, reads as a date, so the only
 * error left when saving is the workspace's own, which is shown in a second dialog.
 */

#define G_LOG_DOMAIN "TendUi"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tend-milestone-editor.h"

typedef struct
{
  TendStore     *store;
  TendMilestone *milestone;
  GtkEditable   *title;
  GtkEditable   *due_date;
  AdwComboRow   *owner;
  GtkSpinButton *progress;
  GArray        *owner_ids;
} Editor;

static void
editor_free (gpointer data)
{
  Editor *editor = data;

  g_clear_object (&editor->store);
  g_clear_object (&editor->milestone);
  g_clear_pointer (&editor->owner_ids, g_array_unref);
  g_free (editor);
}

/* Reads the due date as typed: empty is no date, else any form tend_day_parse() knows. */
static gboolean
editor_read_due_date (Editor  *editor,
                      char   **iso)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editor->due_date)));
  TendDay day;

  *iso = NULL;
  if (*text == '\0')
    return TRUE;

  day = tend_day_parse (text, FALSE);
  if (day == TEND_DAY_INVALID)
    return FALSE;

  *iso = tend_day_to_iso (day);

  return *iso != NULL;
}

static void
editor_validate (AdwMessageDialog *dialog)
{
  Editor *editor = g_object_get_data (G_OBJECT (dialog), "tend-editor");
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (editor->title)));
  g_autofree char *iso = NULL;
  gboolean date_ok = editor_read_due_date (editor, &iso);

  if (date_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (editor->due_date), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (editor->due_date), "error");

  adw_message_dialog_set_response_enabled (dialog, "save", *title != '\0' && date_ok);
}

static void
editor_fill_owners (Editor *editor)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 current = tend_milestone_get_owner_id (editor->milestone);
  guint selected = 0;
  sqlite3_stmt *stmt;
  gint64 none = 0;

  gtk_string_list_append (names, _("No Owner"));
  g_array_append_val (editor->owner_ids, none);

  stmt = tend_store_prepare (editor->store, "SELECT id, name FROM csms ORDER BY name, id",
                             NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id == current)
        selected = editor->owner_ids->len;
      gtk_string_list_append (names, (const char *)sqlite3_column_text (stmt, 1));
      g_array_append_val (editor->owner_ids, id);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);

  adw_combo_row_set_model (editor->owner, G_LIST_MODEL (names));
  adw_combo_row_set_selected (editor->owner, selected);
}

static GtkWidget *
editor_build_fields (Editor *editor)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *title = adw_entry_row_new ();
  GtkWidget *due = adw_entry_row_new ();
  GtkWidget *owner = adw_combo_row_new ();
  GtkWidget *progress_row = adw_action_row_new ();
  GtkWidget *progress = gtk_spin_button_new_with_range (0, 100, 5);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (title), _("Title"));
  /* Translators: the date format the due date field expects, shown as its label */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (due), _("Due Date (YYYY-MM-DD)"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (owner), _("Owner"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (progress_row), _("Progress (%)"));
  gtk_widget_set_valign (progress, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (progress_row), progress);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (progress_row), progress);

  gtk_list_box_append (GTK_LIST_BOX (list), title);
  gtk_list_box_append (GTK_LIST_BOX (list), due);
  gtk_list_box_append (GTK_LIST_BOX (list), owner);
  gtk_list_box_append (GTK_LIST_BOX (list), progress_row);

  editor->title = GTK_EDITABLE (title);
  editor->due_date = GTK_EDITABLE (due);
  editor->owner = ADW_COMBO_ROW (owner);
  editor->progress = GTK_SPIN_BUTTON (progress);

  return list;
}

static void
editor_load (Editor *editor)
{
  TendMilestone *milestone = editor->milestone;

  gtk_editable_set_text (editor->title, tend_milestone_get_title (milestone)
                                          ? tend_milestone_get_title (milestone) : "");
  gtk_editable_set_text (editor->due_date, tend_milestone_get_due_date (milestone)
                                             ? tend_milestone_get_due_date (milestone) : "");
  gtk_spin_button_set_value (editor->progress, tend_milestone_get_progress (milestone));
  editor_fill_owners (editor);
}

static void
editor_save (AdwMessageDialog *dialog,
             Editor           *editor)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (editor->title)));
  g_autofree char *iso = NULL;
  g_autoptr(GError) error = NULL;
  guint owner = adw_combo_row_get_selected (editor->owner);
  GtkWidget *alert;

  editor_read_due_date (editor, &iso);
  tend_milestone_set_title (editor->milestone, title);
  tend_milestone_set_due_date (editor->milestone, iso);
  tend_milestone_set_progress (editor->milestone,
                               gtk_spin_button_get_value_as_int (editor->progress));
  tend_milestone_set_owner_id (editor->milestone,
                               owner < editor->owner_ids->len
                                 ? g_array_index (editor->owner_ids, gint64, owner) : 0);

  if (tend_milestone_save (editor->milestone, editor->store, &error))
    return;

  alert = adw_message_dialog_new (gtk_window_get_transient_for (GTK_WINDOW (dialog)),
                                  _("Could Not Save the Milestone"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (alert));
}

static void
editor_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  Editor *editor = g_object_get_data (G_OBJECT (dialog), "tend-editor");

  if (g_strcmp0 (response, "save") == 0)
    editor_save (dialog, editor);
}

/**
 * tend_milestone_editor_new:
 * @milestone: a milestone to edit, or a new one (tend_milestone_new()) to add
 *
 * Returns: (transfer none): the dialog, not yet shown; it saves @milestone into @store
 *   when the user chooses Save
 */
GtkWidget *
tend_milestone_editor_new (GtkWindow     *parent,
                           TendStore     *store,
                           TendMilestone *milestone)
{
  Editor *editor = g_new0 (Editor, 1);
  gboolean is_new = tend_milestone_get_id (milestone) == 0;
  GtkWidget *dialog;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (TEND_IS_MILESTONE (milestone), NULL);

  editor->store = g_object_ref (store);
  editor->milestone = g_object_ref (milestone);
  editor->owner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  dialog = adw_message_dialog_new (parent,
                                   is_new ? _("Add Milestone") : _("Edit Milestone"), NULL);
  g_object_set_data_full (G_OBJECT (dialog), "tend-editor", editor, editor_free);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), editor_build_fields (editor));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", is_new ? _("_Add") : _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  editor_load (editor);
  editor_validate (ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect_swapped (editor->title, "changed", G_CALLBACK (editor_validate), dialog);
  g_signal_connect_swapped (editor->due_date, "changed", G_CALLBACK (editor_validate), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (editor_response_cb), NULL);

  return dialog;
}
