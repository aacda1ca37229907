/* tend-window.c: the main window: dashboard, accounts and an account's own page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendUi"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "sample/tend-sample.h"

#include "tend-import-dialog.h"
#include "tend-preferences-window.h"

#include "tend-settings.h"
#include "tend-ui-format.h"

#include "tend-window.h"

struct _TendWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *error_page;
  AdwStatusPage        *loading_page;
  GtkProgressBar       *loading_progress;
  AdwViewStack         *view_stack;
  AdwWindowTitle       *account_title;
  TendDashboardPage    *dashboard_page;
  TendAccountsPage     *accounts_page;
  TendAccountPage      *account_page;

  TendStore            *store;
  GCancellable         *cancellable;
  guint                 progress_source;
  gint                  progress_permille;
  gulong                first_frame_handler;
  GdkFrameClock        *first_frame_clock;
};

G_DEFINE_FINAL_TYPE (TendWindow, tend_window, ADW_TYPE_APPLICATION_WINDOW)

static void window_set_store (TendWindow *self,
                              TendStore  *store);

void
tend_window_toast (TendWindow *self,
                   const char *message)
{
  AdwToast *toast;

  g_return_if_fail (TEND_IS_WINDOW (self));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
window_workspace_is_empty (TendWindow *self)
{
  sqlite3_stmt *stmt = tend_store_prepare (self->store,
                                           "SELECT EXISTS (SELECT 1 FROM accounts)", NULL);
  gboolean empty = TRUE;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    empty = sqlite3_column_int (stmt, 0) == 0;
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return empty;
}

/* Shows the empty state or the pages, leaving an open account page and the loading
 * page alone. */
static void
window_update_main_page (TendWindow *self)
{
  const char *current = gtk_stack_get_visible_child_name (self->main_stack);
  gboolean empty;

  if (self->store == NULL || g_strcmp0 (current, "loading") == 0)
    return;

  empty = window_workspace_is_empty (self);
  if (empty)
    gtk_stack_set_visible_child_name (self->main_stack, "empty");
  else if (g_strcmp0 (current, "account") != 0)
    gtk_stack_set_visible_child_name (self->main_stack, "browse");
}

static void
store_changed_cb (TendWindow *self,
                  const char *what,
                  TendStore  *store)
{
  if (g_strcmp0 (what, "accounts") == 0)
    window_update_main_page (self);
}

static void
main_page_changed_cb (TendWindow *self)
{
  gboolean on_account = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack),
                                   "account") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", on_account);
}

void
tend_window_show_dashboard (TendWindow *self)
{
  g_return_if_fail (TEND_IS_WINDOW (self));

  window_update_main_page (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "account") == 0)
    gtk_stack_set_visible_child_name (self->main_stack, "browse");
  adw_view_stack_set_visible_child_name (self->view_stack, "dashboard");
}

static void
window_present_accounts (TendWindow *self)
{
  window_update_main_page (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "account") == 0)
    gtk_stack_set_visible_child_name (self->main_stack, "browse");
  adw_view_stack_set_visible_child_name (self->view_stack, "accounts");
}

/* The dashboard counts active accounts only: what it opens is filtered the same way,
 * with every other filter cleared, so that the list has the number it showed. */
static void
window_show_active_accounts (TendWindow *self,
                             const char *band,
                             const char *segment)
{
  tend_accounts_page_clear_filters (self->accounts_page);
  if (band != NULL)
    tend_accounts_page_set_band (self->accounts_page, band);
  if (segment != NULL && !tend_accounts_page_set_segment (self->accounts_page, segment))
    g_warning ("The workspace has no segment “%s” any more", segment);
  tend_accounts_page_set_status (self->accounts_page, "active");

  window_present_accounts (self);
}

/**
 * tend_window_show_accounts:
 * @band: (nullable): show the active accounts of this band ("red", ...), the other
 *   filters cleared, as the dashboard counts them; or %NULL to keep the list's filters
 *   as they are
 */
void
tend_window_show_accounts (TendWindow *self,
                           const char *band)
{
  g_return_if_fail (TEND_IS_WINDOW (self));

  if (band != NULL)
    window_show_active_accounts (self, band, NULL);
  else
    window_present_accounts (self);
}

/**
 * tend_window_show_segment:
 * @segment: (nullable): show the active accounts of this segment ("" for those without
 *   one), the other filters cleared, as the dashboard's ARR by segment counts them;
 *   %NULL for every segment
 */
void
tend_window_show_segment (TendWindow *self,
                          const char *segment)
{
  g_return_if_fail (TEND_IS_WINDOW (self));

  window_show_active_accounts (self, NULL, segment);
}

void
tend_window_show_account (TendWindow *self,
                          gint64      account_id)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TEND_IS_WINDOW (self));

  if (!tend_account_page_load (self->account_page, account_id, &error))
    {
      tend_window_toast (self, error->message);
      return;
    }

  gtk_stack_set_visible_child_name (self->main_stack, "account");
}

/**
 * tend_window_go_back:
 *
 * Returns: whether there was a page to go back from
 */
gboolean
tend_window_go_back (TendWindow *self)
{
  g_return_val_if_fail (TEND_IS_WINDOW (self), FALSE);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "account") != 0)
    return FALSE;

  gtk_stack_set_visible_child_name (self->main_stack, "browse");
  window_update_main_page (self);

  return TRUE;
}

static void
account_title_changed_cb (TendWindow      *self,
                          GParamSpec      *pspec,
                          TendAccountPage *page)
{
  adw_window_title_set_title (self->account_title, tend_account_page_get_title (page));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  tend_window_go_back (TEND_WINDOW (widget));
}

static void
show_dashboard_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  tend_window_show_dashboard (TEND_WINDOW (widget));
}

static void
show_accounts_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  tend_window_show_accounts (TEND_WINDOW (widget), NULL);
}

static void
show_band_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  tend_window_show_accounts (TEND_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
show_segment_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  tend_window_show_segment (TEND_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
show_active_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  tend_window_show_segment (TEND_WINDOW (widget), NULL);
}

static void
show_account_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  tend_window_show_account (TEND_WINDOW (widget), g_variant_get_int64 (parameter));
}

/**
 * tend_window_import:
 *
 * Opens the CSV import.
 */
void
tend_window_import (TendWindow *self)
{
  g_return_if_fail (TEND_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  tend_import_dialog_present (GTK_WINDOW (self), self->store);
}

/**
 * tend_window_show_preferences:
 *
 * Opens the preferences window with the scorecard editor.
 */
void
tend_window_show_preferences (TendWindow *self)
{
  g_return_if_fail (TEND_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  tend_preferences_window_present (GTK_WINDOW (self), self->store);
}

void
tend_window_focus_search (TendWindow *self)
{
  g_return_if_fail (TEND_IS_WINDOW (self));

  if (self->store == NULL || window_workspace_is_empty (self))
    return;

  tend_window_show_accounts (self, NULL);
  tend_accounts_page_focus_search (self->accounts_page);
}

/* What the toast at the end of an export needs. */
typedef struct
{
  TendWindow *window;
  GFile      *file;
} ExportRequest;

static void
export_request_free (ExportRequest *request)
{
  g_object_unref (request->window);
  g_object_unref (request->file);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportRequest, export_request_free)

static void
export_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ExportRequest) request = user_data;
  TendWindow *self = request->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *count = NULL;
  g_autofree char *name = NULL;
  guint n = 0;

  if (!tend_accounts_page_export_finish (TEND_ACCOUNTS_PAGE (source_object), result, &n,
                                         &error))
    {
      tend_window_toast (self, error->message);
      return;
    }

  count = tend_ui_format_count (n);
  name = g_file_get_basename (request->file);
  /* Translators: "Exported 1,234 accounts to accounts.csv" */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %s account to %s",
                                          "Exported %s accounts to %s", n),
                             count, name);
  tend_window_toast (self, message);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    TendWindow      *self)
{
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (dialog);
  g_autoptr(GFile) file = NULL;
  gboolean bom;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      file = gtk_file_chooser_get_file (chooser);
      bom = g_strcmp0 (gtk_file_chooser_get_choice (chooser, "bom"), "true") == 0;
      G_GNUC_END_IGNORE_DEPRECATIONS
      if (tend_settings_get () != NULL)
        g_settings_set_boolean (tend_settings_get (), "export-with-bom", bom);

      ExportRequest *request = g_new0 (ExportRequest, 1);

      request->window = g_object_ref (self);
      request->file = g_object_ref (file);
      tend_accounts_page_export_async (self->accounts_page, file, bom, NULL, export_done_cb,
                                       request);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

/**
 * tend_window_export:
 *
 * Asks where to save the accounts list, as it is filtered and sorted, as CSV.
 */
void
tend_window_export (TendWindow *self)
{
  GtkFileChooserNative *native;
  gboolean bom = FALSE;

  g_return_if_fail (TEND_IS_WINDOW (self));

  if (self->store == NULL || window_workspace_is_empty (self))
    {
      tend_window_toast (self, _("There are no accounts to export"));
      return;
    }

  if (tend_settings_get () != NULL)
    bom = g_settings_get_boolean (tend_settings_get (), "export-with-bom");

  /* GtkFileDialog of GTK 4.10 has no choices, which the byte order mark option needs. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  native = gtk_file_chooser_native_new (_("Export Accounts"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), _("accounts.csv"));
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (native), "bom",
                               _("Byte order mark for Excel"), NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (native), "bom", bom ? "true" : "false");
  G_GNUC_END_IGNORE_DEPRECATIONS

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

typedef struct
{
  TendStore *store;
  gint      *permille;
} SampleJob;

static void
sample_job_free (SampleJob *job)
{
  g_clear_object (&job->store);
  g_free (job);
}

static void
sample_progress_cb (double   fraction,
                    gpointer user_data)
{
  g_atomic_int_set ((gint *)user_data, (gint)(fraction * 1000));
}

static void
sample_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SampleJob *job = task_data;
  TendSampleOptions options;
  GError *error = NULL;

  tend_sample_options_init (&options);
  if (tend_sample_generate (job->store, &options, cancellable, sample_progress_cb,
                            job->permille, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
sample_progress_tick_cb (gpointer user_data)
{
  TendWindow *self = user_data;

  gtk_progress_bar_set_fraction (self->loading_progress,
                                 g_atomic_int_get (&self->progress_permille) / 1000.0);

  return G_SOURCE_CONTINUE;
}

static void
sample_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  TendWindow *self = TEND_WINDOW (source);
  g_autoptr(GError) error = NULL;

  /* A window closed meanwhile has no pages left to update. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_stack_set_visible_child_name (self->main_stack, "empty");

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        tend_window_toast (self, error->message);
      window_update_main_page (self);
      return;
    }

  /* The generator wrote through its own connection; tell this one's views. */
  tend_store_emit_changed (self->store, "accounts");
  tend_store_emit_changed (self->store, "scores");
  tend_window_show_dashboard (self);
  tend_window_toast (self, _("Opened the sample workspace"));
}

/**
 * tend_window_open_sample:
 *
 * Fills an empty workspace with the sample portfolio, off the UI thread. A workspace
 * that already has accounts is left alone: mixing made-up customers into real ones
 * would be worse than not showing the sample.
 */
void
tend_window_open_sample (TendWindow *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SampleJob *job;

  g_return_if_fail (TEND_IS_WINDOW (self));

  if (self->store == NULL || self->progress_source != 0)
    return;

  if (!window_workspace_is_empty (self))
    {
      tend_window_toast (self, _("The sample can only be created in an empty workspace; "
                                 "start Tend with --database and a new file to try it"));
      return;
    }

  job = g_new0 (SampleJob, 1);
  job->store = tend_store_open_sibling (self->store, &error);
  job->permille = &self->progress_permille;
  if (job->store == NULL)
    {
      sample_job_free (job);
      tend_window_toast (self, error->message);
      return;
    }

  g_atomic_int_set (&self->progress_permille, 0);
  gtk_progress_bar_set_fraction (self->loading_progress, 0);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  self->progress_source = g_timeout_add (100, sample_progress_tick_cb, self);

  task = g_task_new (self, self->cancellable, sample_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify)sample_job_free);
  g_task_run_in_thread (task, sample_thread);
}

static void
first_frame_painted_cb (GdkFrameClock *clock,
                        TendWindow    *self)
{
  GtkColumnView *view = tend_accounts_page_get_column_view (self->accounts_page);
  TendAccountList *list = tend_accounts_page_get_list (self->accounts_page);
  gint64 elapsed;

  if (list == NULL || g_list_model_get_n_items (G_LIST_MODEL (list)) == 0 ||
      !gtk_widget_get_mapped (GTK_WIDGET (view)))
    return;

  elapsed = g_get_monotonic_time () - tend_application_get_process_start ();

  /* This line is the bench's measurement, read from standard output. */
  printf ("first-frame-ms %" G_GINT64_FORMAT "\n", elapsed / 1000);
  fflush (stdout);

  g_clear_signal_handler (&self->first_frame_handler, self->first_frame_clock);
  g_application_quit (g_application_get_default ());
}

static void
first_frame_realized_cb (TendWindow *self)
{
  self->first_frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  self->first_frame_handler = g_signal_connect (self->first_frame_clock, "after-paint",
                                                G_CALLBACK (first_frame_painted_cb), self);
}

/**
 * tend_window_watch_first_frame:
 *
 * For the bench: shows the Accounts page, and once a frame has been painted with the
 * list's rows in it, prints "first-frame-ms N" (milliseconds since main() began) and
 * quits.
 */
void
tend_window_watch_first_frame (TendWindow *self)
{
  g_return_if_fail (TEND_IS_WINDOW (self));

  tend_window_show_accounts (self, NULL);
  g_signal_connect_swapped (self, "realize", G_CALLBACK (first_frame_realized_cb), self);
}

static void
window_restore_size (TendWindow *self)
{
  GSettings *settings = tend_settings_get ();

  if (settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
tend_window_close_request (GtkWindow *window)
{
  GSettings *settings = tend_settings_get ();
  int width, height;

  if (settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (settings);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_apply (settings);
    }

  return GTK_WINDOW_CLASS (tend_window_parent_class)->close_request (window);
}

static void
window_set_store (TendWindow *self,
                  TendStore  *store)
{
  g_set_object (&self->store, store);

  tend_dashboard_page_set_store (self->dashboard_page, store);
  tend_accounts_page_set_store (self->accounts_page, store);
  tend_account_page_set_store (self->account_page, store);

  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_stack_set_visible_child_name (self->main_stack, "browse");
  window_update_main_page (self);
}

static void
window_show_error (TendWindow   *self,
                   const GError *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

static void
tend_window_dispose (GObject *object)
{
  TendWindow *self = TEND_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  if (self->first_frame_clock != NULL)
    g_clear_signal_handler (&self->first_frame_handler, self->first_frame_clock);

  G_OBJECT_CLASS (tend_window_parent_class)->dispose (object);
}

static void
tend_window_finalize (GObject *object)
{
  TendWindow *self = TEND_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tend_window_parent_class)->finalize (object);
}

static void
tend_window_class_init (TendWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tend_window_dispose;
  object_class->finalize = tend_window_finalize;
  window_class->close_request = tend_window_close_request;

  tend_ui_ensure_resources ();

  g_type_ensure (TEND_TYPE_DASHBOARD_PAGE);
  g_type_ensure (TEND_TYPE_ACCOUNTS_PAGE);
  g_type_ensure (TEND_TYPE_ACCOUNT_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tendcs/Tend/ui/tend-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TendWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, account_title);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, dashboard_page);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, accounts_page);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, account_page);
  gtk_widget_class_bind_template_callback (widget_class, main_page_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.show-dashboard", NULL,
                                   show_dashboard_action);
  gtk_widget_class_install_action (widget_class, "win.show-accounts", NULL,
                                   show_accounts_action);
  gtk_widget_class_install_action (widget_class, "win.show-band", "s", show_band_action);
  gtk_widget_class_install_action (widget_class, "win.show-segment", "s", show_segment_action);
  gtk_widget_class_install_action (widget_class, "win.show-active", NULL, show_active_action);
  gtk_widget_class_install_action (widget_class, "win.show-account", "x",
                                   show_account_action);
}

static void
tend_window_init (TendWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->account_page, "notify::title",
                           G_CALLBACK (account_title_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", FALSE);
  window_restore_size (self);
}

/**
 * tend_window_new:
 * @app: (nullable): the application, %NULL in tests
 * @store: (nullable): the workspace to show
 * @store_error: (nullable): why there is no workspace, shown instead of the pages
 */
TendWindow *
tend_window_new (TendApplication *app,
                 TendStore       *store,
                 const GError    *store_error)
{
  TendWindow *self;

  g_return_val_if_fail (app == NULL || TEND_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (store != NULL || store_error != NULL, NULL);

  self = g_object_new (TEND_TYPE_WINDOW, "application", app, NULL);

  if (store != NULL)
    window_set_store (self, store);
  else
    window_show_error (self, store_error);

  return self;
}

/**
 * tend_window_get_store:
 *
 * Returns: (transfer none) (nullable): the workspace the window shows
 */
TendStore *
tend_window_get_store (TendWindow *self)
{
  g_return_val_if_fail (TEND_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * tend_window_get_visible_page:
 *
 * Returns: "dashboard", "accounts", "account", "empty", "loading" or "error"
 */
const char *
tend_window_get_visible_page (TendWindow *self)
{
  const char *name;

  g_return_val_if_fail (TEND_IS_WINDOW (self), NULL);

  name = gtk_stack_get_visible_child_name (self->main_stack);
  if (g_strcmp0 (name, "browse") == 0)
    return adw_view_stack_get_visible_child_name (self->view_stack);

  return name;
}

TendDashboardPage *
tend_window_get_dashboard_page (TendWindow *self)
{
  g_return_val_if_fail (TEND_IS_WINDOW (self), NULL);

  return self->dashboard_page;
}

TendAccountsPage *
tend_window_get_accounts_page (TendWindow *self)
{
  g_return_val_if_fail (TEND_IS_WINDOW (self), NULL);

  return self->accounts_page;
}

TendAccountPage *
tend_window_get_account_page (TendWindow *self)
{
  g_return_val_if_fail (TEND_IS_WINDOW (self), NULL);

  return self->account_page;
}
