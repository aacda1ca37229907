/* tend-application.c: the Tend desktop application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendUi"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "scoring/tend-score-keeper.h"

#include "tend-application.h"
#include "tend-ui-format.h"
#include "tend-window.h"

struct _TendApplication
{
  AdwApplication  parent_instance;

  char           *database_path;
  TendStore       *store;
  TendScoreKeeper *score_keeper;
  GError          *store_error;
};

G_DEFINE_FINAL_TYPE (TendApplication, tend_application, ADW_TYPE_APPLICATION)

/* The monotonic time main() started at, for the bench's first-frame figure. */
static gint64 process_start_usec;

/**
 * tend_application_mark_process_start:
 *
 * Records the moment the program started; main() calls it before anything else.
 */
void
tend_application_mark_process_start (void)
{
  process_start_usec = g_get_monotonic_time ();
}

gint64
tend_application_get_process_start (void)
{
  return process_start_usec;
}

static TendWindow *
application_get_window (TendApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (TEND_IS_WINDOW (window))
    return TEND_WINDOW (window);

  return NULL;
}

static void
application_open_store (TendApplication *self)
{
  g_autofree char *path = NULL;

  if (self->store != NULL || self->store_error != NULL)
    return;

  /* The last-database setting is not consulted: a workspace is chosen on the command
   * line or by $TEND_DATABASE, so a start without either always opens the default one. */
  path = self->database_path != NULL ? g_strdup (self->database_path)
                                     : tend_store_default_path ();

  self->store = tend_store_open (path, &self->store_error);
  if (self->store == NULL)
    {
      g_warning ("Could not open the workspace: %s", self->store_error->message);
      return;
    }

  /* Milestones completed or accounts edited in the window rescore today at once. */
  self->score_keeper = tend_score_keeper_new (self->store);
}

static void
tend_application_activate (GApplication *app)
{
  TendApplication *self = TEND_APPLICATION (app);
  TendWindow *window = application_get_window (self);

  if (window == NULL)
    {
      application_open_store (self);
      window = tend_window_new (self, self->store, self->store_error);

      if (g_strcmp0 (g_getenv ("TEND_BENCH_FIRST_FRAME"), "1") == 0)
        tend_window_watch_first_frame (window);
    }

  gtk_window_present (GTK_WINDOW (window));
}

static int
tend_application_handle_local_options (GApplication *app,
                                       GVariantDict *options)
{
  TendApplication *self = TEND_APPLICATION (app);
  const char *path = NULL;

  /* The file is resolved here, in the launching process, so that a relative path
   * means what the user typed it relative to. */
  if (g_variant_dict_lookup (options, "database", "^&ay", &path) && path[0] != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

      g_free (self->database_path);
      self->database_path = g_file_get_path (file);
    }

  return -1;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  TendApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing the windows lets each save its size before the application exits. */
  for (GList *l = windows; l != NULL; l = windows)
    {
      windows = l->next;
      gtk_window_close (l->data);
    }

  g_application_quit (G_APPLICATION (self));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  TendApplication *self = user_data;
  const char *developers[] = { _("The Tend developers"), NULL };
  GtkWidget *about;

  /* These are the fields of data/io.github.tendcs.Tend.metainfo.xml.in; libadwaita 1.2
   * cannot read the metainfo itself. */
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Tend"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", developers[0],
                        "developers", developers,
                        "comments", _("See which customers are healthy and which are at risk"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/tendcs/tend",
                        "issue-url", "https://github.com/tendcs/tend/issues",
                        /* Translators: put your names here, one a line */
                        "translator-credits", _("translator-credits"),
                        NULL);

  gtk_window_present (GTK_WINDOW (about));
}

static void
shortcuts_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  TendApplication *self = user_data;
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  builder = gtk_builder_new_from_resource ("/io/github/tendcs/Tend/ui/tend-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (shortcuts,
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_set_modal (shortcuts, TRUE);
  gtk_window_present (shortcuts);
}

static void
window_action_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  TendApplication *self = user_data;
  TendWindow *window = application_get_window (self);
  const char *name = g_action_get_name (G_ACTION (action));

  if (window == NULL)
    return;

  /* The window decides what each needs: a workspace, the Accounts page, a dialog. */
  if (g_str_equal (name, "import"))
    tend_window_import (window);
  else if (g_str_equal (name, "export"))
    tend_window_export (window);
  else if (g_str_equal (name, "search"))
    tend_window_focus_search (window);
  else if (g_str_equal (name, "open-sample"))
    tend_window_open_sample (window);
  else if (g_str_equal (name, "preferences"))
    tend_window_show_preferences (window);
}

static const GActionEntry app_entries[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "shortcuts", shortcuts_activated },
  { "preferences", window_action_activated },
  { "import", window_action_activated },
  { "export", window_action_activated },
  { "search", window_action_activated },
  { "open-sample", window_action_activated },
};

static void
application_add_accels (TendApplication *self)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.shortcuts", { "<Control>question", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.import", { "<Control>i", NULL } },
    { "app.export", { "<Control>e", NULL } },
    { "app.search", { "<Control>f", NULL } },
    { "win.back", { "<Alt>Left", "Escape", NULL } },
    { "win.show-dashboard", { "<Alt>1", NULL } },
    { "win.show-accounts", { "<Alt>2", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);
}

static void
tend_application_startup (GApplication *app)
{
  TendApplication *self = TEND_APPLICATION (app);

  G_APPLICATION_CLASS (tend_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries,
                                   G_N_ELEMENTS (app_entries), self);
  application_add_accels (self);
}

static void
tend_application_finalize (GObject *object)
{
  TendApplication *self = TEND_APPLICATION (object);

  g_clear_object (&self->score_keeper);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (tend_application_parent_class)->finalize (object);
}

static void
tend_application_class_init (TendApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  tend_ui_ensure_resources ();

  object_class->finalize = tend_application_finalize;
  app_class->activate = tend_application_activate;
  app_class->startup = tend_application_startup;
  app_class->handle_local_options = tend_application_handle_local_options;
}

static void
tend_application_init (TendApplication *self)
{
  static const GOptionEntry options[] = {
    { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("The workspace file to open (default: $TEND_DATABASE, else the one in your data "
         "folder)"), N_("PATH") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

/**
 * tend_application_new:
 *
 * Returns: (transfer full): the application; it opens the workspace named by
 *   --database, $TEND_DATABASE or the default path when it is activated
 */
TendApplication *
tend_application_new (void)
{
  return g_object_new (TEND_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       NULL);
}

/**
 * tend_application_get_store:
 *
 * Returns: (transfer none) (nullable): the open workspace, or %NULL before activation or
 *   when it could not be opened
 */
TendStore *
tend_application_get_store (TendApplication *self)
{
  g_return_val_if_fail (TEND_IS_APPLICATION (self), NULL);

  return self->store;
}

/**
 * tend_application_get_store_error:
 *
 * Returns: (nullable): why the workspace could not be opened
 */
const GError *
tend_application_get_store_error (TendApplication *self)
{
  g_return_val_if_fail (TEND_IS_APPLICATION (self), NULL);

  return self->store_error;
}
