/* tend-import-dialog.c: the dialog that imports accounts from a CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three steps: choose a file (or drop one, or have one given), review the mapping with a
 * preview of the rows as they will be imported and the problems found, then import with
 * a progress bar and a result page. The file's start is read, the preview made and the
 * import run in worker threads, so the dialog never blocks; the import writes through
 * its own connection in one transaction, so a cancel leaves the workspace as it was.
 * After an import that saved something the health scores are recomputed, with the
 * scorecard the command line would choose.
 */

#define G_LOG_DOMAIN "TendUi"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "import/tend-csv-reader.h"
#include "scoring/tend-scorecard.h"
#include "scoring/tend-scorer.h"
#include "util/tend-date.h"

#include "tend-import-dialog.h"
#include "tend-settings.h"
#include "tend-ui-format.h"
#include "tend-window.h"

/* The rows of the file read for the sample values, and shown in the preview. */
#define SAMPLE_ROWS 20
#define PREVIEW_ROWS 20

/* Changes to the mapping come in bursts (a dropdown scrolled through); the preview, which
 * reads the whole file, waits for them to settle. */
#define PREVIEW_DELAY_MS 200

/* A longer value in the preview is cut short; its tooltip has it whole. */
#define PREVIEW_CELL_CHARS 28

/* More problems than this are counted but not listed; copying gives all that were kept. */
#define MAX_LISTED_PROBLEMS 100

/* What a column's dropdown offers, in order. An unmapped column is a custom attribute. */
static const TendImportField dropdown_fields[] = {
  TEND_IMPORT_FIELD_ATTRIBUTE,
  TEND_IMPORT_FIELD_IGNORE,
  TEND_IMPORT_FIELD_EXTERNAL_ID,
  TEND_IMPORT_FIELD_NAME,
  TEND_IMPORT_FIELD_DOMAIN,
  TEND_IMPORT_FIELD_OWNER,
  TEND_IMPORT_FIELD_SEGMENT,
  TEND_IMPORT_FIELD_LIFECYCLE_STAGE,
  TEND_IMPORT_FIELD_START_DATE,
  TEND_IMPORT_FIELD_TENURE_MONTHS,
  TEND_IMPORT_FIELD_STATUS,
  TEND_IMPORT_FIELD_CHURNED,
  TEND_IMPORT_FIELD_CHURN_DATE,
  TEND_IMPORT_FIELD_CHURN_REASON,
  TEND_IMPORT_FIELD_LICENSED_SEATS,
  TEND_IMPORT_FIELD_MRR,
  TEND_IMPORT_FIELD_ARR,
  TEND_IMPORT_FIELD_CURRENCY,
  TEND_IMPORT_FIELD_CONTRACT,
  TEND_IMPORT_FIELD_RENEWAL_DATE,
  TEND_IMPORT_FIELD_PRODUCT,
  TEND_IMPORT_FIELD_FEATURE,
};

/* The account fields the preview shows, when any row has a value for them. Tenure shows
 * as the start date, "churned" as the status, products as the adopted list. */
static const TendImportField preview_fields[] = {
  TEND_IMPORT_FIELD_EXTERNAL_ID,
  TEND_IMPORT_FIELD_NAME,
  TEND_IMPORT_FIELD_DOMAIN,
  TEND_IMPORT_FIELD_OWNER,
  TEND_IMPORT_FIELD_SEGMENT,
  TEND_IMPORT_FIELD_LIFECYCLE_STAGE,
  TEND_IMPORT_FIELD_START_DATE,
  TEND_IMPORT_FIELD_STATUS,
  TEND_IMPORT_FIELD_CHURN_DATE,
  TEND_IMPORT_FIELD_CHURN_REASON,
  TEND_IMPORT_FIELD_LICENSED_SEATS,
  TEND_IMPORT_FIELD_MRR,
  TEND_IMPORT_FIELD_ARR,
  TEND_IMPORT_FIELD_CONTRACT,
  TEND_IMPORT_FIELD_RENEWAL_DATE,
  TEND_IMPORT_FIELD_FEATURE,
  TEND_IMPORT_FIELD_ATTRIBUTE,
};

/* The currencies offered first; a mapping's own currency is added when it is another. */
static const char * const common_currencies[] = {
  "USD", "EUR", "GBP", "JPY", "CAD", "AUD", "CHF", "CNY", "INR", "BRL", "MXN", "SEK", "NOK",
  "DKK", "PLN", "NZD", "SGD", "HKD", "KRW", "ZAR",
};

/* The start of the file: its header and first rows, for the sample values. */
typedef struct
{
  char      *path;
  guint      generation;
  char     **header;
  GPtrArray *rows;
} FileStart;

struct _TendImportDialog
{
  AdwWindow           parent_instance;

  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
  GtkButton          *back_button;
  GtkButton          *import_button;
  GtkButton          *done_button;
  GtkButton          *choose_button;
  GtkButton          *cancel_button;
  GtkStack           *stack;
  GtkSpinner         *reading_spinner;
  AdwStatusPage      *error_page;
  GtkLabel           *mapping_error_label;
  AdwComboRow        *mapping_row;
  AdwEntryRow        *source_row;
  AdwComboRow        *currency_row;
  AdwComboRow        *date_order_row;
  AdwPreferencesGroup *columns_group;
  AdwPreferencesGroup *preview_group;
  GtkWidget          *preview_scroller;
  GtkGrid            *preview_grid;
  AdwPreferencesGroup *problems_group;
  GtkWidget          *problems_copy_button;
  GtkListBox         *problems_list;
  GtkCheckButton     *skip_check;
  GtkCheckButton     *all_or_nothing_check;
  GtkLabel           *importing_label;
  GtkProgressBar     *progress_bar;
  GtkLabel           *progress_label;
  AdwPreferencesGroup *result_group;
  GtkLabel           *read_label;
  GtkLabel           *added_label;
  GtkLabel           *updated_label;
  GtkLabel           *skipped_label;
  AdwActionRow       *scores_row;
  GtkSpinner         *scores_spinner;
  AdwPreferencesGroup *rejected_group;
  GtkListBox         *rejected_list;

  TendStore          *store;
  GtkWindow          *parent;
  GFile              *file;
  char               *path;
  guint               generation;
  char              **header;
  GPtrArray          *samples;
  TendImportMapping  *guessed;
  TendImportMapping  *mapping;
  char              **mapping_names;
  GPtrArray          *column_rows;
  GPtrArray          *column_dropdowns;
  gboolean            mapping_ok;
  char               *message;

  guint               preview_source;
  guint               preview_generation;
  gboolean            preview_pending;
  GCancellable       *preview_cancellable;
  TendImportPreview  *preview;

  GCancellable       *import_cancellable;
  gboolean            reading;
  gboolean            importing;
  gboolean            close_after_import;
  GtkWindow          *stop_dialog;
  TendImportReport   *report;
  gboolean            scoring;
  char               *scorecard_name;

  gboolean            updating;
  gboolean            disposed;
#if !GTK_CHECK_VERSION (4, 10, 0)
  GtkNativeDialog    *chooser;
#endif
};

G_DEFINE_FINAL_TYPE (TendImportDialog, tend_import_dialog, ADW_TYPE_WINDOW)

static void import_dialog_update_controls (TendImportDialog *self);
static void import_dialog_schedule_preview (TendImportDialog *self);

static void
file_start_free (gpointer data)
{
  FileStart *start = data;

  g_free (start->path);
  g_strfreev (start->header);
  g_clear_pointer (&start->rows, g_ptr_array_unref);
  g_free (start);
}

static const char *
import_dialog_get_step_name (TendImportDialog *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  return name != NULL ? name : "file";
}

static gboolean
import_dialog_step_is (TendImportDialog *self,
                       const char       *step)
{
  return g_str_equal (import_dialog_get_step_name (self), step);
}

static void
import_dialog_set_step (TendImportDialog *self,
                        const char       *step)
{
  gtk_stack_set_visible_child_name (self->stack, step);
  import_dialog_update_controls (self);
}

static void
import_dialog_toast (TendImportDialog *self,
                     const char       *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* The message under the mapping: why the import cannot go ahead, or what just failed. */
static void
import_dialog_set_message (TendImportDialog *self,
                           const char       *message)
{
  g_free (self->message);
  self->message = g_strdup (message);

  gtk_label_set_text (self->mapping_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_error_label), message != NULL);
}

static void
list_box_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GPtrArray *
import_dialog_get_problems (TendImportDialog *self)
{
  if (import_dialog_step_is (self, "result") && self->report != NULL)
    return tend_import_report_get_problems (self->report);

  if (import_dialog_step_is (self, "mapping") && self->preview != NULL)
    return tend_import_preview_get_problems (self->preview);

  return NULL;
}

static void
import_dialog_update_controls (TendImportDialog *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean mapping = import_dialog_step_is (self, "mapping");
  gboolean result = import_dialog_step_is (self, "result");
  /* The import is over for the user once its scores are too: Done before that would leave
   * the accounts with stale health. */
  gboolean finished = result && !self->scoring;
  GPtrArray *problems = import_dialog_get_problems (self);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), mapping);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), mapping);
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), finished);

  gtk_widget_action_set_enabled (widget, "import.choose-file", !self->importing && !result);
  gtk_widget_action_set_enabled (widget, "import.back", mapping && !self->importing);
  gtk_widget_action_set_enabled (widget, "import.run",
                                 mapping && self->mapping_ok && !self->importing);
  gtk_widget_action_set_enabled (widget, "import.cancel",
                                 self->importing && !g_cancellable_is_cancelled (
                                   self->import_cancellable));
  gtk_widget_action_set_enabled (widget, "import.save-mapping",
                                 mapping && self->mapping != NULL);
  gtk_widget_action_set_enabled (widget, "import.copy-problems",
                                 problems != NULL && problems->len > 0);
  gtk_widget_action_set_enabled (widget, "import.done", finished);
}

static void
step_changed_cb (TendImportDialog *self)
{
  if (self->disposed)
    return;

  gtk_spinner_set_spinning (self->reading_spinner, import_dialog_step_is (self, "reading"));
  import_dialog_update_controls (self);

  /* Each step starts on the button that goes on, so that Enter does. */
  if (import_dialog_step_is (self, "file"))
    gtk_widget_grab_focus (GTK_WIDGET (self->choose_button));
  else if (import_dialog_step_is (self, "mapping"))
    gtk_widget_grab_focus (GTK_WIDGET (self->import_button));
  else if (import_dialog_step_is (self, "importing"))
    gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
  else if (import_dialog_step_is (self, "result") && !self->scoring)
    gtk_widget_grab_focus (GTK_WIDGET (self->done_button));
}

/* Formatting what the preview shows. */

static char *
join_json_array (JsonArray *array)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element))
        continue;
      if (text->len > 0)
        g_string_append (text, C_("list separator", ", "));
      if (json_node_get_value_type (element) == G_TYPE_STRING)
        g_string_append (text, json_node_get_string (element));
      else
        g_string_append_printf (text, "%g", json_node_get_double (element));
    }

  return g_string_free (text, FALSE);
}

static void
append_attribute (JsonObject  *object,
                  const char  *key,
                  JsonNode    *node,
                  gpointer     user_data)
{
  GString *text = user_data;
  g_autofree char *value = NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    value = g_strdup (json_node_get_string (node));
  else
    value = json_to_string (node, FALSE);

  if (text->len > 0)
    g_string_append (text, C_("list separator", ", "));

  /* Translators: a custom attribute in the import preview, "Key: value" */
  g_string_append_printf (text, C_("import preview", "%s: %s"), key, value);
}

/* Attributes and adopted products are JSON; the preview shows them as plain lists. */
static char *
format_json_value (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  GString *text;

  if (node == NULL)
    return g_strdup (json);

  if (JSON_NODE_HOLDS_ARRAY (node))
    return join_json_array (json_node_get_array (node));

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup (json);

  text = g_string_new (NULL);
  json_object_foreach_member (json_node_get_object (node), append_attribute, text);

  return g_string_free (text, FALSE);
}

static char *
format_preview_value (TendImportField  field,
                      const char      *value)
{
  switch (field)
    {
    case TEND_IMPORT_FIELD_START_DATE:
    case TEND_IMPORT_FIELD_CHURN_DATE:
    case TEND_IMPORT_FIELD_RENEWAL_DATE:
      return tend_ui_format_iso_date (value);
    case TEND_IMPORT_FIELD_STATUS:
      return g_strdup (tend_ui_status_label (value));
    case TEND_IMPORT_FIELD_FEATURE:
    case TEND_IMPORT_FIELD_ATTRIBUTE:
      return format_json_value (value);
    default:
      return g_strdup (value);
    }
}

static const char *
preview_field_title (TendImportField field)
{
  if (field == TEND_IMPORT_FIELD_FEATURE)
    return _("Products and features");
  if (field == TEND_IMPORT_FIELD_ATTRIBUTE)
    return _("Custom attributes");

  return tend_import_field_get_label (field);
}

static GtkWidget *
preview_cell_new (const char *value,
                  gboolean    heading)
{
  g_autofree char *text = tend_ui_display_text (value, TEND_UI_LABEL_CHARS);
  GtkWidget *label = gtk_label_new (text);

  /* Each column is as wide as its text up to a limit, and the table scrolls sideways,
   * rather than every cell being squeezed into the width of the page. */
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (text != NULL && g_utf8_strlen (text, -1) > PREVIEW_CELL_CHARS)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), PREVIEW_CELL_CHARS);
      gtk_label_set_max_width_chars (GTK_LABEL (label), PREVIEW_CELL_CHARS);
    }

  if (heading)
    gtk_widget_add_css_class (label, "heading");
  else if (*text != '\0')
    {
      g_autofree char *tooltip = tend_ui_display_text (value, TEND_UI_TOOLTIP_CHARS);

      gtk_widget_set_tooltip_text (label, tooltip);
    }

  return label;
}

static void
preview_grid_clear (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static gboolean
preview_has_field (TendImportPreview *preview,
                   TendImportField    field)
{
  for (guint row = 0; row < tend_import_preview_get_n_rows (preview); row++)
    {
      const char *value = tend_import_preview_get_value (preview, row, field);

      if (value != NULL && *value != '\0' && g_strcmp0 (value, "{}") != 0 &&
          g_strcmp0 (value, "[]") != 0)
        return TRUE;
    }

  return FALSE;
}

static void
preview_grid_add_line (GtkGrid           *grid,
                       TendImportPreview *preview,
                       guint              row)
{
  g_autofree char *line = tend_ui_format_count (tend_import_preview_get_row_line (preview, row));
  GtkWidget *cell = preview_cell_new (line, FALSE);

  gtk_widget_add_css_class (cell, "numeric");
  gtk_widget_add_css_class (cell, "dim-label");

  if (!tend_import_preview_get_row_valid (preview, row))
    {
      gtk_widget_remove_css_class (cell, "dim-label");
      gtk_widget_add_css_class (cell, "error");
      gtk_widget_set_tooltip_text (cell, _("This row has a problem and would not be imported"));
    }

  gtk_grid_attach (grid, cell, 0, row + 1, 1, 1);
}

static void
import_dialog_fill_preview (TendImportDialog *self)
{
  TendImportPreview *preview = self->preview;
  g_autofree char *description = NULL;
  guint n_rows = preview != NULL ? tend_import_preview_get_n_rows (preview) : 0;
  int column = 1;

  preview_grid_clear (self->preview_grid);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), preview != NULL);
  if (preview == NULL)
    return;

  gtk_grid_attach (self->preview_grid, preview_cell_new (_("Line"), TRUE), 0, 0, 1, 1);
  for (guint row = 0; row < n_rows; row++)
    preview_grid_add_line (self->preview_grid, preview, row);

  for (guint f = 0; f < G_N_ELEMENTS (preview_fields); f++)
    {
      TendImportField field = preview_fields[f];

      if (!preview_has_field (preview, field))
        continue;

      gtk_grid_attach (self->preview_grid, preview_cell_new (preview_field_title (field), TRUE),
                       column, 0, 1, 1);
      for (guint row = 0; row < n_rows; row++)
        {
          const char *value = tend_import_preview_get_value (preview, row, field);
          g_autofree char *text = value != NULL ? format_preview_value (field, value) : NULL;

          gtk_grid_attach (self->preview_grid, preview_cell_new (text, FALSE), column, row + 1,
                           1, 1);
        }
      column++;
    }

  /* Translators: the encoding is UTF-8 or CP932 */
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The first %u row as it will be imported, read "
                                              "as %s.",
                                              "The first %u rows as they will be imported, "
                                              "read as %s.",
                                              n_rows),
                                 n_rows, tend_import_preview_get_encoding (preview));
  adw_preferences_group_set_description (self->preview_group, description);
}

/* The preview scrolls sideways inside the page, which scrolls up and down: the wheel
 * scrolls the page even with the pointer over the preview, and sideways (or with Shift)
 * the preview. */
static gboolean
preview_scroll_cb (GtkEventControllerScroll *controller,
                   double                    dx,
                   double                    dy,
                   gpointer                  user_data)
{
  GtkEventController *event_controller = GTK_EVENT_CONTROLLER (controller);
  GtkWidget *preview = gtk_event_controller_get_widget (event_controller);
  GtkWidget *page = gtk_widget_get_ancestor (gtk_widget_get_parent (preview),
                                             GTK_TYPE_SCROLLED_WINDOW);
  GdkModifierType state = gtk_event_controller_get_current_event_state (event_controller);
  GtkAdjustment *adjustment;
  double step = 1;

  if (page == NULL || fabs (dy) <= fabs (dx) || (state & GDK_SHIFT_MASK) != 0)
    return GDK_EVENT_PROPAGATE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page));

  /* A wheel click moves as far as GTK moves a scrolled window for one. */
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    step = pow (gtk_adjustment_get_page_size (adjustment), 2.0 / 3.0);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + dy * step);

  return GDK_EVENT_STOP;
}

/* A problem as a row: the reason, which can be selected, and where it is. */
static GtkWidget *
problem_row_new (const TendImportProblem *problem)
{
  g_autofree char *where = NULL;
  g_autofree char *line = tend_ui_format_count (problem->line);
  g_autofree char *reason = tend_ui_display_text (problem->reason, TEND_UI_LABEL_CHARS);
  GtkWidget *row = adw_action_row_new ();

  if (problem->column != NULL)
    {
      g_autofree char *column = tend_ui_display_text (problem->column,
                                                      TEND_UI_CHOICE_CHARS * 2);

      where = g_strdup_printf (_("Line %s, column “%s”"), line, column);
    }
  else
    where = g_strdup_printf (_("Line %s"), line);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reason);
  adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);

  return row;
}

static void
fill_problem_list (GtkListBox *list,
                   GPtrArray  *problems,
                   guint       n_problems)
{
  list_box_clear (list);

  for (guint i = 0; i < problems->len && i < MAX_LISTED_PROBLEMS; i++)
    gtk_list_box_append (list, problem_row_new (problems->pdata[i]));

  if (n_problems > MIN (problems->len, MAX_LISTED_PROBLEMS))
    {
      guint more = n_problems - MIN (problems->len, MAX_LISTED_PROBLEMS);
      g_autofree char *count = tend_ui_format_count (more);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "And %s more problem",
                                                            "And %s more problems", more),
                                               count);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      gtk_list_box_append (list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (list), n_problems > 0);
}

static void
import_dialog_fill_problems (TendImportDialog *self)
{
  TendImportPreview *preview = self->preview;
  g_autofree char *description = NULL;
  guint n_rejected, n_read;

  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), preview != NULL);
  if (preview == NULL)
    return;

  n_rejected = tend_import_preview_get_n_rejected (preview);
  n_read = tend_import_preview_get_n_read (preview);
  fill_problem_list (self->problems_list, tend_import_preview_get_problems (preview),
                     tend_import_preview_get_n_problems (preview));

  if (tend_import_preview_get_n_problems (preview) == 0)
    {
      g_autofree char *rows = tend_ui_format_count (n_read);

      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "None found: the file’s %s row can be "
                                                  "imported.",
                                                  "None found: all %s rows of the file can be "
                                                  "imported.",
                                                  n_read),
                                     rows);
    }
  else
    {
      g_autofree char *bad = tend_ui_format_count (n_rejected);
      g_autofree char *rows = tend_ui_format_count (n_read);

      /* Translators: "3 of the file's 120 rows have problems. ..." */
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%s of the file’s %s rows has a problem.",
                                                  "%s of the file’s %s rows have problems.",
                                                  n_rejected),
                                     bad, rows);
    }

  adw_preferences_group_set_description (self->problems_group, description);
  gtk_widget_set_visible (self->problems_copy_button,
                          tend_import_preview_get_n_problems (preview) > 0);
}

/* The preview, made in a worker thread whenever the mapping changes. */

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TendImportDialog) self = user_data;
  g_autoptr(TendImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  guint generation = GPOINTER_TO_UINT (g_object_get_data (source, "tend-generation"));

  preview = tend_importer_preview_finish (TEND_IMPORTER (source), result, &error);

  /* A newer preview, another file or a closed dialog: this one is of no use. */
  if (self->disposed || generation != self->preview_generation)
    return;

  self->preview_pending = FALSE;
  g_clear_object (&self->preview_cancellable);

  if (preview == NULL)
    {
      import_dialog_set_message (self, error->message);
      self->mapping_ok = FALSE;
    }

  g_set_object (&self->preview, preview);
  import_dialog_fill_preview (self);
  import_dialog_fill_problems (self);
  import_dialog_update_controls (self);
}

static void
import_dialog_start_preview (TendImportDialog *self)
{
  g_autoptr(TendImporter) importer = NULL;

  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);

  if (!self->mapping_ok)
    {
      self->preview_pending = FALSE;
      import_dialog_fill_preview (self);
      import_dialog_fill_problems (self);
      import_dialog_update_controls (self);
      return;
    }

  self->preview_cancellable = g_cancellable_new ();
  importer = tend_importer_new (self->store, self->path, self->mapping);
  g_object_set_data (G_OBJECT (importer), "tend-generation",
                     GUINT_TO_POINTER (self->preview_generation));
  tend_importer_preview_async (importer, PREVIEW_ROWS, self->preview_cancellable,
                               preview_done_cb, g_object_ref (self));
}

static gboolean
preview_timeout_cb (gpointer user_data)
{
  TendImportDialog *self = user_data;

  self->preview_source = 0;
  import_dialog_start_preview (self);

  return G_SOURCE_REMOVE;
}

/* Checks the mapping against the file at once, and previews it a moment later. */
static void
import_dialog_schedule_preview (TendImportDialog *self)
{
  g_autoptr(GError) error = NULL;

  self->mapping_ok = tend_import_mapping_check (self->mapping,
                                                (const char * const *)self->header, &error);
  import_dialog_set_message (self, error != NULL ? error->message : NULL);

  self->preview_generation++;
  self->preview_pending = TRUE;
  g_clear_object (&self->preview);
  g_clear_handle_id (&self->preview_source, g_source_remove);
  self->preview_source = g_timeout_add (PREVIEW_DELAY_MS, preview_timeout_cb, self);

  import_dialog_update_controls (self);
}

/* The mapping's rows and choices. */

static guint
dropdown_position_for_field (TendImportField field)
{
  for (guint i = 0; i < G_N_ELEMENTS (dropdown_fields); i++)
    {
      if (dropdown_fields[i] == field)
        return i;
    }

  /* Not mapped: kept as a custom attribute, the first choice. */
  return 0;
}

static void
import_dialog_sync_dropdowns (TendImportDialog *self)
{
  gboolean updating = self->updating;

  self->updating = TRUE;
  for (guint i = 0; i < self->column_dropdowns->len; i++)
    {
      TendImportField field = tend_import_mapping_get_field (self->mapping, self->header[i]);

      gtk_drop_down_set_selected (self->column_dropdowns->pdata[i],
                                  dropdown_position_for_field (field));
    }
  self->updating = updating;
}

/* One column per single field: choosing a field for a column frees any other column of
 * it, and MRR and ARR exclude each other, so the mapping never becomes contradictory. */
static void
import_dialog_release_field (TendImportDialog *self,
                             guint             column,
                             TendImportField   field)
{
  for (guint i = 0; self->header[i] != NULL; i++)
    {
      TendImportField other = tend_import_mapping_get_field (self->mapping, self->header[i]);
      gboolean clash = other == field ||
                       (field == TEND_IMPORT_FIELD_MRR && other == TEND_IMPORT_FIELD_ARR) ||
                       (field == TEND_IMPORT_FIELD_ARR && other == TEND_IMPORT_FIELD_MRR);

      if (i != column && clash)
        tend_import_mapping_set_column (self->mapping, self->header[i],
                                        TEND_IMPORT_FIELD_ATTRIBUTE,
                                        tend_import_mapping_get_keep (self->mapping,
                                                                      self->header[i]));
    }
}

static void
column_field_selected_cb (GtkDropDown      *dropdown,
                          GParamSpec       *pspec,
                          TendImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "tend-column"));
  guint position = gtk_drop_down_get_selected (dropdown);
  const char *name = self->header[column];
  TendImportField field;

  if (self->updating || position >= G_N_ELEMENTS (dropdown_fields))
    return;

  field = dropdown_fields[position];
  if (field == tend_import_mapping_get_field (self->mapping, name) ||
      (field == TEND_IMPORT_FIELD_ATTRIBUTE &&
       tend_import_mapping_get_field (self->mapping, name) == TEND_IMPORT_FIELD_NONE))
    return;

  if (!tend_import_field_is_repeatable (field) || field == TEND_IMPORT_FIELD_MRR ||
      field == TEND_IMPORT_FIELD_ARR)
    import_dialog_release_field (self, column, field);

  tend_import_mapping_set_column (self->mapping, name, field,
                                  tend_import_mapping_get_keep (self->mapping, name));
  import_dialog_sync_dropdowns (self);
  import_dialog_schedule_preview (self);
}

static GListModel *
field_labels_new (void)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (dropdown_fields); i++)
    gtk_string_list_append (labels, tend_import_field_get_label (dropdown_fields[i]));

  return G_LIST_MODEL (labels);
}

/* The first non-empty value of a column among the first rows, to recognise it by. */
static const char *
import_dialog_sample_value (TendImportDialog *self,
                            guint             column)
{
  for (guint r = 0; r < self->samples->len; r++)
    {
      char **cells = self->samples->pdata[r];

      if (column < g_strv_length (cells) && *g_strstrip (cells[column]) != '\0')
        return cells[column];
    }

  return NULL;
}

static GtkWidget *
column_row_new (TendImportDialog *self,
                guint             column,
                GListModel       *labels)
{
  const char *sample = import_dialog_sample_value (self, column);
  g_autofree char *name = tend_ui_display_text (self->header[column], TEND_UI_CHOICE_CHARS * 2);
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *dropdown = gtk_drop_down_new (g_object_ref (labels), NULL);

  /* The file's header and values are anyone's: each is cut to a line. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 *name != '\0' ? name : _("(no name)"));
  if (sample != NULL)
    {
      g_autofree char *shown = tend_ui_display_text (sample, TEND_UI_CHOICE_CHARS * 2);

      /* Translators: a sample value of a CSV column, "e.g. Acme Corp" */
      subtitle = g_strdup_printf (_("e.g. %s"), shown);
    }
  else
    subtitle = g_strdup (_("Empty in the first rows"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);

  /* Translators: the accessible name of the field chooser of a CSV column */
  accessible = g_strdup_printf (_("Field for the column “%s”"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (dropdown, "flat");
  g_object_set_data (G_OBJECT (dropdown), "tend-column", GUINT_TO_POINTER (column));
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (column_field_selected_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);

  g_ptr_array_add (self->column_dropdowns, dropdown);

  return row;
}

static void
import_dialog_build_columns (TendImportDialog *self)
{
  g_autoptr(GListModel) labels = field_labels_new ();
  guint n_columns = g_strv_length (self->header);
  g_autofree char *count = tend_ui_format_count (n_columns);
  g_autofree char *description = NULL;

  for (guint i = 0; i < self->column_rows->len; i++)
    adw_preferences_group_remove (self->columns_group, self->column_rows->pdata[i]);
  g_ptr_array_set_size (self->column_rows, 0);
  g_ptr_array_set_size (self->column_dropdowns, 0);

  for (guint i = 0; i < n_columns; i++)
    {
      GtkWidget *row = column_row_new (self, i, labels);

      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->column_rows, row);
    }

  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The file has %s column. Choose the account field "
                                              "it fills.",
                                              "The file has %s columns. Choose the account field "
                                              "each fills.",
                                              n_columns),
                                 count);
  adw_preferences_group_set_description (self->columns_group, description);
}

static void
import_dialog_sync_mapping_rows (TendImportDialog *self)
{
  const char *currency = tend_import_mapping_get_currency (self->mapping);
  GtkStringList *codes = gtk_string_list_new ((const char * const *)common_currencies);
  guint position = G_N_ELEMENTS (common_currencies);
  gboolean updating = self->updating;

  for (guint i = 0; i < G_N_ELEMENTS (common_currencies); i++)
    {
      if (g_str_equal (common_currencies[i], currency))
        position = i;
    }
  if (position == G_N_ELEMENTS (common_currencies))
    gtk_string_list_append (codes, currency);

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->source_row),
                         tend_import_mapping_get_source (self->mapping));
  adw_combo_row_set_model (self->currency_row, G_LIST_MODEL (codes));
  adw_combo_row_set_selected (self->currency_row, position);
  adw_combo_row_set_selected (self->date_order_row,
                              tend_import_mapping_get_date_order (self->mapping) ==
                              TEND_DATE_ORDER_DMY ? 1 : 0);
  self->updating = updating;

  g_object_unref (codes);
}

/* A blank source would match nothing later; the mappings' own default stands in. */
static void
source_changed_cb (TendImportDialog *self)
{
  g_autofree char *source = NULL;

  if (self->updating || self->mapping == NULL)
    return;

  source = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->source_row))));
  tend_import_mapping_set_source (self->mapping, *source != '\0' ? source : "csv");
}

static void
currency_selected_cb (TendImportDialog *self)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (self->currency_row);

  if (self->updating || item == NULL || self->mapping == NULL)
    return;

  tend_import_mapping_set_currency (self->mapping, gtk_string_object_get_string (item));
  import_dialog_schedule_preview (self);
}

static void
date_order_selected_cb (TendImportDialog *self)
{
  guint position = adw_combo_row_get_selected (self->date_order_row);

  if (self->updating || self->mapping == NULL)
    return;

  tend_import_mapping_set_date_order (self->mapping, position == 1 ? TEND_DATE_ORDER_DMY
                                                                   : TEND_DATE_ORDER_MDY);
  import_dialog_schedule_preview (self);
}

/* Makes @mapping the one being edited, and shows it. */
static void
import_dialog_use_mapping (TendImportDialog  *self,
                           TendImportMapping *mapping)
{
  g_set_object (&self->mapping, mapping);

  import_dialog_sync_mapping_rows (self);
  import_dialog_sync_dropdowns (self);
  import_dialog_schedule_preview (self);
}

static int
import_dialog_find_mapping_name (TendImportDialog *self,
                                 const char       *name)
{
  for (guint i = 0; self->mapping_names != NULL && self->mapping_names[i] != NULL; i++)
    {
      if (g_str_equal (self->mapping_names[i], name))
        return (int)i;
    }

  return -1;
}

/* The choices: the mapping guessed from the headers, then the built-in and saved ones. */
static void
import_dialog_fill_mapping_names (TendImportDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  gboolean updating = self->updating;

  g_strfreev (self->mapping_names);
  self->mapping_names = tend_import_mapping_list (self->store, &error);
  if (self->mapping_names == NULL)
    g_warning ("Could not list the saved import mappings: %s", error->message);

  gtk_string_list_append (names, _("Suggested from the column names"));
  for (guint i = 0; self->mapping_names != NULL && self->mapping_names[i] != NULL; i++)
    gtk_string_list_append (names, self->mapping_names[i]);

  self->updating = TRUE;
  adw_combo_row_set_model (self->mapping_row, G_LIST_MODEL (names));
  self->updating = updating;
}

static void
import_dialog_select_mapping_row (TendImportDialog *self,
                                  const char       *name)
{
  int index = name != NULL ? import_dialog_find_mapping_name (self, name) : -1;
  gboolean updating = self->updating;

  self->updating = TRUE;
  adw_combo_row_set_selected (self->mapping_row, index >= 0 ? (guint)index + 1 : 0);
  self->updating = updating;
}

static void
mapping_selected_cb (TendImportDialog *self)
{
  guint position = adw_combo_row_get_selected (self->mapping_row);
  g_autoptr(TendImportMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;

  if (self->updating || self->header == NULL || position == GTK_INVALID_LIST_POSITION)
    return;

  if (position == 0)
    mapping = tend_import_mapping_copy (self->guessed);
  else
    mapping = tend_import_mapping_load (self->store, self->mapping_names[position - 1], &error);

  if (mapping == NULL)
    {
      import_dialog_set_message (self, error->message);
      return;
    }

  import_dialog_use_mapping (self, mapping);
}

/* The mapping offered first: a built-in one the headers match, else the saved mapping
 * used last if it fits the file, else the guess. */
static char *
import_dialog_initial_mapping_name (TendImportDialog *self)
{
  const char *guessed = tend_import_mapping_get_name (self->guessed);
  GSettings *settings = tend_settings_get ();
  g_autofree char *recent = NULL;
  g_autoptr(TendImportMapping) mapping = NULL;

  if (tend_import_mapping_is_builtin (guessed))
    return g_strdup (guessed);

  if (settings == NULL)
    return NULL;

  recent = g_settings_get_string (settings, "recent-import-mapping");
  if (*recent == '\0' || import_dialog_find_mapping_name (self, recent) < 0)
    return NULL;

  mapping = tend_import_mapping_load (self->store, recent, NULL);
  if (mapping == NULL ||
      !tend_import_mapping_check (mapping, (const char * const *)self->header, NULL))
    return NULL;

  return g_steal_pointer (&recent);
}

static void
import_dialog_show_mapping (TendImportDialog *self)
{
  g_autofree char *initial = NULL;
  g_autoptr(TendImportMapping) mapping = NULL;

  import_dialog_build_columns (self);
  import_dialog_fill_mapping_names (self);

  initial = import_dialog_initial_mapping_name (self);
  if (initial != NULL)
    mapping = tend_import_mapping_load (self->store, initial, NULL);
  if (mapping == NULL)
    {
      g_clear_pointer (&initial, g_free);
      mapping = tend_import_mapping_copy (self->guessed);
    }

  import_dialog_select_mapping_row (self, initial);
  import_dialog_use_mapping (self, mapping);
  import_dialog_set_step (self, "mapping");
}

/* Reading the start of the file, in a worker thread. */

static void
read_start_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  FileStart *start = task_data;
  g_autoptr(TendCsvReader) reader = NULL;
  GError *error = NULL;

  reader = tend_csv_reader_new_for_path (start->path, &error);
  if (reader != NULL)
    start->header = tend_csv_reader_read_header (reader, &error);
  if (start->header == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* A row with the wrong number of cells is skipped here; the preview reports it. */
  start->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  while (start->rows->len < SAMPLE_ROWS)
    {
      g_autoptr(GError) row_error = NULL;
      gboolean read = tend_csv_reader_next (reader, &row_error);

      if (read)
        g_ptr_array_add (start->rows, tend_csv_reader_dup_record (reader));
      else if (!g_error_matches (row_error, TEND_CSV_ERROR, TEND_CSV_ERROR_FIELD_COUNT))
        break;
    }

  g_task_return_boolean (task, TRUE);
}

static void
read_start_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  TendImportDialog *self = TEND_IMPORT_DIALOG (source);
  FileStart *start = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);

  if (self->disposed || start->generation != self->generation)
    return;

  self->reading = FALSE;
  if (error != NULL)
    {
      g_free (self->message);
      self->message = g_strdup (error->message);
      adw_status_page_set_description (self->error_page, error->message);
      import_dialog_set_step (self, "error");
      return;
    }

  self->header = g_steal_pointer (&start->header);
  self->samples = g_steal_pointer (&start->rows);
  name = g_path_get_basename (self->path);
  self->guessed = tend_import_mapping_guess (name, (const char * const *)self->header);

  import_dialog_show_mapping (self);
}

static void
import_dialog_reset (TendImportDialog *self)
{
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  g_clear_handle_id (&self->preview_source, g_source_remove);
  self->preview_pending = FALSE;
  self->preview_generation++;
  self->generation++;
  self->mapping_ok = FALSE;

  g_clear_object (&self->file);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->header, g_strfreev);
  g_clear_pointer (&self->samples, g_ptr_array_unref);
  g_clear_object (&self->guessed);
  g_clear_object (&self->mapping);
  g_clear_object (&self->preview);
  g_clear_object (&self->report);
  import_dialog_set_message (self, NULL);
}

/* Errors the user meets before the file is even read. */
static void
import_dialog_show_error (TendImportDialog *self,
                          const char       *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  adw_status_page_set_description (self->error_page, message);
  import_dialog_set_step (self, "error");
}

/* The result, and the health scores recomputed after it. */

static void
import_dialog_set_scores_status (TendImportDialog *self,
                                 const char       *status,
                                 gboolean          running)
{
  adw_action_row_set_subtitle (self->scores_row, status);
  gtk_spinner_set_spinning (self->scores_spinner, running);
  gtk_widget_set_visible (GTK_WIDGET (self->scores_spinner), running);
}

static void
scoring_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TendImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;

  self->scoring = FALSE;

  if (tend_scorer_recompute_finish (TEND_STORE (source), result, &error))
    status = g_strdup_printf (_("Recomputed with the “%s” scorecard"), self->scorecard_name);
  else
    status = g_strdup_printf (_("Could not recompute the health scores: %s"), error->message);

  if (!self->disposed)
    {
      import_dialog_set_scores_status (self, status, FALSE);
      import_dialog_update_controls (self);
      if (import_dialog_step_is (self, "result"))
        gtk_widget_grab_focus (GTK_WIDGET (self->done_button));
    }
  else if (self->parent != NULL && TEND_IS_WINDOW (self->parent))
    {
      /* The dialog was closed while the scores were recomputed: say it in the window. */
      tend_window_toast (TEND_WINDOW (self->parent), status);
    }
}

static char *
dup_active_scorecard_name (TendStore  *store,
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

/* As `tend import` does: the active scorecard; with none active yet, the built-in one
 * named like the mapping (the telco mapping gets the Telco scorecard), which then becomes
 * the active one; else the default. */
static TendScorecard *
import_dialog_choose_scorecard (TendImportDialog  *self,
                                GError           **error)
{
  const char * const *builtin = tend_scorecard_get_builtin_names ();
  const char *mapping_name = tend_import_mapping_get_name (self->mapping);
  g_autofree char *active = NULL;
  GError *local_error = NULL;

  active = dup_active_scorecard_name (self->store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  for (guint i = 0; active == NULL && builtin[i] != NULL; i++)
    {
      g_autoptr(TendScorecard) scorecard = NULL;

      if (g_ascii_strcasecmp (builtin[i], mapping_name) != 0)
        continue;

      scorecard = tend_scorecard_load (self->store, builtin[i], error);
      if (scorecard == NULL || !tend_scorecard_activate (scorecard, self->store, error))
        return NULL;

      return g_steal_pointer (&scorecard);
    }

  return tend_scorecard_load_active (self->store, error);
}

static void
import_dialog_start_scoring (TendImportDialog *self)
{
  g_autoptr(TendScorecard) scorecard = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;

  scorecard = import_dialog_choose_scorecard (self, &error);
  if (scorecard == NULL)
    {
      status = g_strdup_printf (_("Could not recompute the health scores: %s"), error->message);
      import_dialog_set_scores_status (self, status, FALSE);
      return;
    }

  status = g_strdup_printf (_("Recomputing with the “%s” scorecard…"),
                            tend_scorecard_get_name (scorecard));
  import_dialog_set_scores_status (self, status, TRUE);
  self->scoring = TRUE;
  g_free (self->scorecard_name);
  self->scorecard_name = g_strdup (tend_scorecard_get_name (scorecard));

  /* The scores go on when the dialog closes: nothing cancels them. */
  tend_scorer_recompute_async (self->store, scorecard, tend_day_today (), NULL, NULL, NULL,
                               scoring_done_cb, g_object_ref (self));
}

static void
set_count_label (GtkLabel *label,
                 guint     count)
{
  g_autofree char *text = tend_ui_format_count (count);

  gtk_label_set_text (label, text);
}

static void
import_dialog_show_result (TendImportDialog *self)
{
  TendImportReport *report = self->report;
  gboolean committed = tend_import_report_get_committed (report);
  guint n_saved = tend_import_report_get_n_inserted (report) +
                  tend_import_report_get_n_updated (report);
  guint n_problems = tend_import_report_get_n_problems (report);
  g_autofree char *name = g_path_get_basename (self->path);
  g_autofree char *description = NULL;

  /* Translators: "From accounts.csv, read as UTF-8." */
  description = committed ? g_strdup_printf (_("From %s, read as %s."), name,
                                             tend_import_report_get_encoding (report))
                          : tend_import_report_to_string (report);
  adw_preferences_group_set_title (self->result_group, committed ? _("Import Finished")
                                                                 : _("Nothing Was Imported"));
  adw_preferences_group_set_description (self->result_group, description);

  set_count_label (self->read_label, tend_import_report_get_n_read (report));
  set_count_label (self->added_label, tend_import_report_get_n_inserted (report));
  set_count_label (self->updated_label, tend_import_report_get_n_updated (report));
  set_count_label (self->skipped_label, tend_import_report_get_n_skipped (report));

  gtk_widget_set_visible (GTK_WIDGET (self->scores_row), committed && n_saved > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->rejected_group), n_problems > 0);
  adw_preferences_group_set_description (self->rejected_group,
                                         committed ? _("These rows were skipped. Fix them in "
                                                       "the file and import it again: "
                                                       "accounts already imported are "
                                                       "updated, not added twice.")
                                                   : _("Because of these rows nothing was "
                                                       "saved. Fix them in the file and "
                                                       "import it again."));
  fill_problem_list (self->rejected_list, tend_import_report_get_problems (report), n_problems);

  /* Scoring starts first, so that the result step shows Done only once it is over. */
  if (committed && n_saved > 0)
    import_dialog_start_scoring (self);

  import_dialog_set_step (self, "result");
}

/* Remembers a named mapping, saved or built in, to offer it first next time. */
static void
import_dialog_remember_mapping (TendImportDialog *self)
{
  GSettings *settings = tend_settings_get ();
  const char *name = tend_import_mapping_get_name (self->mapping);

  if (settings != NULL && adw_combo_row_get_selected (self->mapping_row) > 0 &&
      import_dialog_find_mapping_name (self, name) >= 0)
    g_settings_set_string (settings, "recent-import-mapping", name);
}

/* The import, in a worker thread with its own connection. */

static void
import_progress_cb (guint    rows_done,
                    goffset  bytes_done,
                    goffset  bytes_total,
                    gpointer user_data)
{
  TendImportDialog *self = user_data;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;

  if (self->disposed)
    return;

  if (bytes_total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, (double)bytes_done / bytes_total);
  else
    gtk_progress_bar_pulse (self->progress_bar);

  count = tend_ui_format_count (rows_done);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row read", "%s rows read",
                                       rows_done),
                          count);
  gtk_label_set_text (self->progress_label, text);
}

/* Says in the main window what became of an import the user stopped, since the dialog
 * closes with it. */
static void
import_dialog_toast_parent (TendImportDialog *self,
                            const char       *message)
{
  if (self->parent != NULL && TEND_IS_WINDOW (self->parent))
    tend_window_toast (TEND_WINDOW (self->parent), message);
}

/* Takes the "Stop the Import?" question away without answering it, once there is no
 * import left to stop. */
static void
import_dialog_dismiss_stop_dialog (TendImportDialog *self)
{
  GtkWindow *dialog = self->stop_dialog;

  if (dialog == NULL)
    return;

  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->stop_dialog);
  self->stop_dialog = NULL;
  gtk_window_destroy (dialog);
}

/* The end of an import the user chose to stop while closing the dialog: the dialog goes
 * when nothing was saved; when the stop came too late, it stays to show what was. */
static void
import_dialog_finish_stopped (TendImportDialog *self,
                              TendImportReport *report,
                              const GError     *error)
{
  if (report == NULL || !tend_import_report_get_committed (report))
    {
      if (report == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        import_dialog_toast_parent (self, error->message);
      else
        import_dialog_toast_parent (self, _("The import was stopped; nothing was saved"));
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  self->report = g_object_ref (report);
  import_dialog_remember_mapping (self);
  import_dialog_show_result (self);
  import_dialog_toast (self, _("The import had already been saved when it was stopped"));
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TendImportDialog) self = user_data;
  g_autoptr(TendImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean close = self->close_after_import;

  report = tend_importer_run_finish (TEND_IMPORTER (source), result, &error);

  self->importing = FALSE;
  self->close_after_import = FALSE;
  g_clear_object (&self->import_cancellable);

  if (self->disposed)
    return;

  /* A question about an import that is over would only mislead. */
  import_dialog_dismiss_stop_dialog (self);

  if (close)
    {
      import_dialog_finish_stopped (self, report, error);
      return;
    }

  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        import_dialog_toast (self, _("The import was cancelled; nothing was saved"));
      import_dialog_set_step (self, "mapping");
      import_dialog_set_message (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                       ? NULL : error->message);
      return;
    }

  self->report = g_steal_pointer (&report);
  if (tend_import_report_get_committed (self->report))
    import_dialog_remember_mapping (self);
  import_dialog_show_result (self);
}

static void
import_dialog_run (TendImportDialog *self)
{
  g_autoptr(TendImporter) importer = NULL;
  g_autofree char *name = g_path_get_basename (self->path);
  g_autofree char *title = NULL;

  g_return_if_fail (self->mapping_ok && !self->importing);

  importer = tend_importer_new (self->store, self->path, self->mapping);
  tend_importer_set_policy (importer, tend_import_dialog_get_policy (self));

  self->importing = TRUE;
  self->import_cancellable = g_cancellable_new ();
  g_clear_object (&self->report);

  /* Translators: "Importing accounts.csv…" */
  title = g_strdup_printf (_("Importing %s…"), name);
  gtk_label_set_text (self->importing_label, title);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_text (self->progress_label, "");
  import_dialog_set_step (self, "importing");

  tend_importer_run_async (importer, self->import_cancellable, import_progress_cb,
                           g_object_ref (self), g_object_unref, import_done_cb,
                           g_object_ref (self));
}

static void
import_dialog_cancel (TendImportDialog *self)
{
  if (!self->importing)
    return;

  g_cancellable_cancel (self->import_cancellable);
  gtk_label_set_text (self->progress_label, _("Stopping…"));
  import_dialog_update_controls (self);
}

/* Closing: a running import is stopped first, once the user agrees. */

static void
stop_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  TendImportDialog *self)
{
  /* Answered: a response button closes the question itself. */
  if (self->stop_dialog == GTK_WINDOW (dialog))
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->stop_dialog);
      self->stop_dialog = NULL;
    }

  if (!g_str_equal (response, "stop") || !self->importing)
    return;

  /* The importer rolls back once it sees the cancel; import_done_cb() then closes. */
  self->close_after_import = TRUE;
  import_dialog_cancel (self);
}

static GtkWindow *
stop_dialog_new (TendImportDialog *self)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Stop the Import?"),
                                              _("Nothing from this file will be saved."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "continue", _("_Keep Importing"),
                                    "stop", _("_Stop"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "stop",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "continue");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "continue");
  g_signal_connect_object (dialog, "response", G_CALLBACK (stop_response_cb), self, 0);

  return GTK_WINDOW (dialog);
}

static gboolean
tend_import_dialog_close_request (GtkWindow *window)
{
  TendImportDialog *self = TEND_IMPORT_DIALOG (window);

  if (!self->importing)
    {
      GtkWindowClass *parent_class = GTK_WINDOW_CLASS (tend_import_dialog_parent_class);

      return parent_class->close_request != NULL && parent_class->close_request (window);
    }

  /* Already stopping: the dialog closes once the import has rolled back. */
  if (self->close_after_import)
    return TRUE;

  /* Asked again while the question is open: one question is enough. */
  if (self->stop_dialog == NULL)
    {
      self->stop_dialog = stop_dialog_new (self);
      g_object_add_weak_pointer (G_OBJECT (self->stop_dialog), (gpointer *)&self->stop_dialog);
    }
  gtk_window_present (self->stop_dialog);

  return TRUE;
}

/* Saving the mapping under a name. */

static void
save_name_changed_cb (GtkEditable      *entry,
                      AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", *name != '\0');
}

static void
save_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  TendImportDialog *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "save") || self->mapping == NULL)
    return;

  if (!tend_import_dialog_save_mapping (self, gtk_editable_get_text (entry), &error))
    {
      import_dialog_set_message (self, error->message);
      return;
    }

  /* Translators: "Saved the mapping “Billing export”" */
  message = g_strdup_printf (_("Saved the mapping “%s”"),
                             tend_import_mapping_get_name (self->mapping));
  import_dialog_toast (self, message);
}

static char *
import_dialog_suggest_mapping_name (TendImportDialog *self)
{
  const char *name = tend_import_mapping_get_name (self->mapping);
  char *dot;
  char *suggestion;

  if (adw_combo_row_get_selected (self->mapping_row) > 0 &&
      !tend_import_mapping_is_builtin (name))
    return g_strdup (name);

  suggestion = g_path_get_basename (self->path);
  dot = strrchr (suggestion, '.');
  if (dot != NULL && dot != suggestion)
    *dot = '\0';

  return suggestion;
}

static void
import_dialog_ask_mapping_name (TendImportDialog *self)
{
  g_autofree char *suggestion = import_dialog_suggest_mapping_name (self);
  GtkWidget *dialog;
  GtkWidget *entry = gtk_entry_new ();

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Mapping As"),
                                   _("A saved mapping is offered for every file imported into "
                                     "this workspace. Saving under an existing name replaces "
                                     "that mapping."));
  gtk_editable_set_text (GTK_EDITABLE (entry), suggestion);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Mapping name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (save_name_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_response_cb), self, 0);
  save_name_changed_cb (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Choosing a file. */

static GtkFileFilter *
csv_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "CSV");

  return filter;
}

static GtkFileFilter *
all_files_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");

  return filter;
}

#if GTK_CHECK_VERSION (4, 10, 0)

static void
file_dialog_open_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(TendImportDialog) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, NULL);

  if (file != NULL && !self->disposed)
    tend_import_dialog_set_file (self, file);
}

static void
import_dialog_choose_file (TendImportDialog *self)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) csv = csv_filter_new ();
  g_autoptr(GtkFileFilter) all = all_files_filter_new ();

  g_list_store_append (filters, csv);
  g_list_store_append (filters, all);
  gtk_file_dialog_set_title (dialog, _("Choose a CSV File"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, csv);
  gtk_file_dialog_open (dialog, GTK_WINDOW (self), NULL, file_dialog_open_cb,
                        g_object_ref (self));
}

#else

static void
chooser_response_cb (GtkNativeDialog  *chooser,
                     int               response,
                     TendImportDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);

  if (file != NULL)
    tend_import_dialog_set_file (self, file);
}

static void
import_dialog_choose_file (TendImportDialog *self)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *csv = csv_filter_new ();

  if (self->chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Choose a CSV File"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                         _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all_files_filter_new ());
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (self->chooser);
}

#endif

static gboolean
drop_cb (GtkDropTarget    *target,
         const GValue     *value,
         double            x,
         double            y,
         TendImportDialog *self)
{
  if (self->importing || !G_VALUE_HOLDS (value, G_TYPE_FILE))
    return FALSE;

  tend_import_dialog_set_file (self, g_value_get_object (value));

  return TRUE;
}

/* Actions. */

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  import_dialog_choose_file (TEND_IMPORT_DIALOG (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TendImportDialog *self = TEND_IMPORT_DIALOG (widget);

  import_dialog_reset (self);
  adw_window_title_set_subtitle (self->window_title, NULL);
  import_dialog_set_step (self, "file");
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  import_dialog_run (TEND_IMPORT_DIALOG (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  import_dialog_cancel (TEND_IMPORT_DIALOG (widget));
}

static void
save_mapping_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  import_dialog_ask_mapping_name (TEND_IMPORT_DIALOG (widget));
}

static void
copy_problems_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TendImportDialog *self = TEND_IMPORT_DIALOG (widget);
  GPtrArray *problems = import_dialog_get_problems (self);
  g_autoptr(GString) text = g_string_new (NULL);

  if (problems == NULL || problems->len == 0)
    return;

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = tend_import_problem_to_string (problems->pdata[i]);

      g_string_append_printf (text, "%s\n", line);
    }

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text->str);
  import_dialog_toast (self, _("Copied the problems"));
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* Enter goes on to the next step, from wherever it is pressed that does not use it. */
static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TendImportDialog *self = TEND_IMPORT_DIALOG (widget);

  if (import_dialog_step_is (self, "file") || import_dialog_step_is (self, "error"))
    gtk_widget_activate_action (widget, "import.choose-file", NULL);
  else if (import_dialog_step_is (self, "mapping"))
    gtk_widget_activate_action (widget, "import.run", NULL);
  else if (import_dialog_step_is (self, "result"))
    gtk_widget_activate_action (widget, "import.done", NULL);
}

static void
tend_import_dialog_dispose (GObject *object)
{
  TendImportDialog *self = (TendImportDialog *)object;

  /* Work still running holds a reference and finds this flag when it ends. */
  self->disposed = TRUE;

  g_cancellable_cancel (self->preview_cancellable);
  g_cancellable_cancel (self->import_cancellable);
  g_clear_handle_id (&self->preview_source, g_source_remove);
  import_dialog_dismiss_stop_dialog (self);
#if !GTK_CHECK_VERSION (4, 10, 0)
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
#endif
  if (self->parent != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->parent), (gpointer *)&self->parent);
  self->parent = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (tend_import_dialog_parent_class)->dispose (object);
}

static void
tend_import_dialog_finalize (GObject *object)
{
  TendImportDialog *self = (TendImportDialog *)object;

  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->file);
  g_clear_object (&self->guessed);
  g_clear_object (&self->mapping);
  g_clear_object (&self->preview);
  g_clear_object (&self->report);
  g_clear_object (&self->store);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->header, g_strfreev);
  g_clear_pointer (&self->samples, g_ptr_array_unref);
  g_clear_pointer (&self->mapping_names, g_strfreev);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_pointer (&self->column_dropdowns, g_ptr_array_unref);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->scorecard_name, g_free);

  G_OBJECT_CLASS (tend_import_dialog_parent_class)->finalize (object);
}

static void
tend_import_dialog_class_init (TendImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tend_import_dialog_dispose;
  object_class->finalize = tend_import_dialog_finalize;
  window_class->close_request = tend_import_dialog_close_request;

  tend_ui_ensure_resources ();

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tendcs/Tend/ui/tend-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, reading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, mapping_error_label);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, mapping_row);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, currency_row);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, date_order_row);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, preview_scroller);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, problems_copy_button);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, problems_list);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, skip_check);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, all_or_nothing_check);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, importing_label);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, result_group);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, read_label);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, added_label);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, updated_label);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, skipped_label);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, scores_row);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, scores_spinner);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, rejected_group);
  gtk_widget_class_bind_template_child (widget_class, TendImportDialog, rejected_list);
  gtk_widget_class_bind_template_callback (widget_class, step_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, mapping_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, source_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, currency_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_order_selected_cb);

  gtk_widget_class_install_action (widget_class, "import.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "import.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.save-mapping", NULL,
                                   save_mapping_action);
  gtk_widget_class_install_action (widget_class, "import.copy-problems", NULL,
                                   copy_problems_action);
  gtk_widget_class_install_action (widget_class, "import.done", NULL, done_action);
  gtk_widget_class_install_action (widget_class, "import.next", NULL, next_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "import.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "import.next", NULL);
}

static void
tend_import_dialog_init (TendImportDialog *self)
{
  GtkEventController *scroll;
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->column_rows = g_ptr_array_new ();
  self->column_dropdowns = g_ptr_array_new ();

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (preview_scroll_cb), NULL);
  gtk_widget_add_controller (GTK_WIDGET (self->preview_scroller), scroll);

  target = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  import_dialog_update_controls (self);
}

/**
 * tend_import_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @store: the workspace to import into
 *
 * Returns: (transfer none): a modal import dialog on its first step, not shown yet
 */
TendImportDialog *
tend_import_dialog_new (GtkWindow *parent,
                        TendStore *store)
{
  TendImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  self = g_object_new (TEND_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->parent = parent;
  if (parent != NULL)
    g_object_add_weak_pointer (G_OBJECT (parent), (gpointer *)&self->parent);

  return self;
}

/**
 * tend_import_dialog_present:
 * @parent: (nullable): the window the dialog belongs to
 * @store: the workspace to import into
 *
 * Opens the import dialog on its first step, choosing a file.
 */
void
tend_import_dialog_present (GtkWindow *parent,
                            TendStore *store)
{
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (TEND_IS_STORE (store));

  gtk_window_present (GTK_WINDOW (tend_import_dialog_new (parent, store)));
}

/**
 * tend_import_dialog_set_file:
 *
 * Starts over with @file, as when it is chosen or dropped: reads its start, proposes a
 * mapping and previews it. Ignored while an import runs.
 */
void
tend_import_dialog_set_file (TendImportDialog *self,
                             GFile            *file)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *display = NULL;
  FileStart *start;

  g_return_if_fail (TEND_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->importing)
    return;

  import_dialog_reset (self);
  self->file = g_object_ref (file);
  self->path = g_file_get_path (file);

  display = g_file_get_parse_name (file);
  adw_window_title_set_subtitle (self->window_title, display);

  if (self->path == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("%s is not on this computer. Copy it to a "
                                                    "local folder and import it from there."),
                                                  display);

      import_dialog_show_error (self, message);
      return;
    }

  start = g_new0 (FileStart, 1);
  start->path = g_strdup (self->path);
  start->generation = self->generation;

  self->reading = TRUE;
  import_dialog_set_step (self, "reading");

  task = g_task_new (self, NULL, read_start_done_cb, NULL);
  g_task_set_task_data (task, start, file_start_free);
  g_task_run_in_thread (task, read_start_thread);
}

GFile *
tend_import_dialog_get_file (TendImportDialog *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_DIALOG (self), NULL);

  return self->file;
}

/**
 * tend_import_dialog_get_step:
 *
 * Returns: where the dialog is: "file", "reading", "error", "mapping", "importing" or
 *   "result"
 */
const char *
tend_import_dialog_get_step (TendImportDialog *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_DIALOG (self), NULL);

  return import_dialog_get_step_name (self);
}

/**
 * tend_import_dialog_get_message:
 *
 * Returns: (nullable): the error the dialog shows: why the file cannot be read, why the
 *   mapping cannot import it, or why the last import failed
 */
const char *
tend_import_dialog_get_message (TendImportDialog *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_DIALOG (self), NULL);

  return self->message;
}

/**
 * tend_import_dialog_get_mapping:
 *
 * Returns: (transfer none) (nullable): the mapping as the dialog shows it
 */
TendImportMapping *
tend_import_dialog_get_mapping (TendImportDialog *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_DIALOG (self), NULL);

  return self->mapping;
}

/**
 * tend_import_dialog_select_mapping:
 * @name: (nullable): a built-in or saved mapping, or %NULL for the suggested one
 *
 * Chooses a mapping as the dropdown does.
 *
 * Returns: whether there is such a mapping
 */
gboolean
tend_import_dialog_select_mapping (TendImportDialog *self,
                                   const char       *name)
{
  int index;

  g_return_val_if_fail (TEND_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (self->header != NULL, FALSE);

  index = name != NULL ? import_dialog_find_mapping_name (self, name) : -1;
  if (name != NULL && index < 0)
    return FALSE;

  adw_combo_row_set_selected (self->mapping_row, index + 1);

  return TRUE;
}

/**
 * tend_import_dialog_get_field_dropdown:
 * @column: a column of the file's header
 *
 * Returns: (transfer none) (nullable): the dropdown that chooses the field of @column
 */
GtkDropDown *
tend_import_dialog_get_field_dropdown (TendImportDialog *self,
                                       const char       *column)
{
  g_return_val_if_fail (TEND_IS_IMPORT_DIALOG (self), NULL);
  g_return_val_if_fail (column != NULL, NULL);

  for (guint i = 0; self->header != NULL && i < self->column_dropdowns->len; i++)
    {
      if (g_str_equal (self->header[i], column))
        return self->column_dropdowns->pdata[i];
    }

  return NULL;
}

/**
 * tend_import_dialog_save_mapping:
 * @name: the name to save the mapping under
 *
 * Saves the mapping as shown under @name in the workspace, as "Save Mapping As…" does,
 * and makes it the chosen one.
 */
gboolean
tend_import_dialog_save_mapping (TendImportDialog  *self,
                                 const char        *name,
                                 GError           **error)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(TendImportMapping) copy = NULL;

  g_return_val_if_fail (TEND_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (self->mapping != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (name));
  copy = tend_import_mapping_copy (self->mapping);
  tend_import_mapping_set_name (copy, trimmed);
  if (!tend_import_mapping_save (copy, self->store, error))
    return FALSE;

  tend_import_mapping_set_name (self->mapping, trimmed);
  import_dialog_fill_mapping_names (self);
  import_dialog_select_mapping_row (self, trimmed);
  import_dialog_update_controls (self);

  return TRUE;
}

/**
 * tend_import_dialog_get_preview:
 *
 * Returns: (transfer none) (nullable): the preview of the mapping as shown, or %NULL
 *   while it is being made or when the mapping cannot import the file
 */
TendImportPreview *
tend_import_dialog_get_preview (TendImportDialog *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_DIALOG (self), NULL);

  return self->preview;
}

TendImportPolicy
tend_import_dialog_get_policy (TendImportDialog *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_DIALOG (self), TEND_IMPORT_POLICY_SKIP_BAD_ROWS);

  return gtk_check_button_get_active (self->all_or_nothing_check)
         ? TEND_IMPORT_POLICY_ALL_OR_NOTHING : TEND_IMPORT_POLICY_SKIP_BAD_ROWS;
}

/**
 * tend_import_dialog_set_policy:
 *
 * Chooses what happens to rows with problems, as the two choices under the preview do.
 */
void
tend_import_dialog_set_policy (TendImportDialog *self,
                               TendImportPolicy  policy)
{
  g_return_if_fail (TEND_IS_IMPORT_DIALOG (self));

  if (policy == TEND_IMPORT_POLICY_ALL_OR_NOTHING)
    gtk_check_button_set_active (self->all_or_nothing_check, TRUE);
  else
    gtk_check_button_set_active (self->skip_check, TRUE);
}

/**
 * tend_import_dialog_get_report:
 *
 * Returns: (transfer none) (nullable): what the last import did, once it has finished
 */
TendImportReport *
tend_import_dialog_get_report (TendImportDialog *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_DIALOG (self), NULL);

  return self->report;
}

/**
 * tend_import_dialog_get_busy:
 *
 * Returns: whether the dialog is reading the file, making a preview, importing or
 *   recomputing the health scores
 */
gboolean
tend_import_dialog_get_busy (TendImportDialog *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_DIALOG (self), FALSE);

  return self->reading || self->preview_pending || self->importing || self->scoring;
}
