/* tend-test-workspace.c: a temporary folder with a store in it, for one test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendTest"

#include <glib/gstdio.h>

#include "tend-test-workspace.h"

/* How long a store may stay referenced by a worker that has already reported back. */
#define RELEASE_WAIT_MS 1000

/**
 * tend_test_workspace_init_at:
 * @workspace: the workspace to fill
 * @prefix: the start of the folder's name, such as "tend-export"
 * @database: the database's path inside the folder, such as "db/tend.db"; its
 *   parent folders are made
 * @open_store: whether to open the store at that path now
 *
 * Makes a new temporary folder and, when @open_store is set, opens a store in it,
 * failing the test when either cannot be done.
 */
void
tend_test_workspace_init_at (TendTestWorkspace *workspace,
                             const char        *prefix,
                             const char        *database,
                             gboolean           open_store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  g_autofree char *parent = NULL;

  workspace->folder = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);

  workspace->path = g_build_filename (workspace->folder, database, NULL);
  parent = g_path_get_dirname (workspace->path);
  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);

  workspace->store = NULL;
  if (open_store)
    {
      workspace->store = tend_store_open (workspace->path, &error);
      g_assert_no_error (error);
    }
}

/**
 * tend_test_workspace_init:
 * @workspace: the workspace to fill
 * @prefix: the start of the folder's name, such as "tend-metrics"
 * @open_store: whether to open the store at <folder>/tend.db now
 *
 * Makes a new temporary folder with tend.db as the database's path.
 */
void
tend_test_workspace_init (TendTestWorkspace *workspace,
                          const char        *prefix,
                          gboolean           open_store)
{
  tend_test_workspace_init_at (workspace, prefix, "tend.db", open_store);
}

/* Removes @path and, when it is a folder, everything in it. Permissions a test took
 * away are given back first, so a read-only file or folder still goes. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_chmod (path, 0600);
      g_assert_cmpint (g_remove (path), ==, 0);
      return;
    }

  g_assert_cmpint (g_chmod (path, 0700), ==, 0);
  dir = g_dir_open (path, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }

  g_assert_cmpint (g_rmdir (path), ==, 0);
}

/* A worker thread that has reported back may still hold its reference for a moment;
 * the main context is turned meanwhile so an idle that drops one can run. */
static void
wait_for_last_reference (GObject *object)
{
  for (guint i = 0; i < RELEASE_WAIT_MS && g_atomic_int_get (&object->ref_count) > 1; i++)
    {
      g_usleep (1000);
      g_main_context_iteration (NULL, FALSE);
    }
}

/**
 * tend_test_workspace_clear:
 * @workspace: the workspace to empty
 *
 * Checks that the store, if one is open, is freed with the workspace's reference
 * (after waiting up to a second for a finishing worker), then removes the folder with
 * everything in it, failing the test when anything cannot be removed.
 */
void
tend_test_workspace_clear (TendTestWorkspace *workspace)
{
  if (workspace->store != NULL)
    {
      wait_for_last_reference (G_OBJECT (workspace->store));
      g_assert_finalize_object (g_steal_pointer (&workspace->store));
    }

  if (workspace->folder != NULL)
    remove_tree (workspace->folder);

  g_clear_pointer (&workspace->path, g_free);
  g_clear_pointer (&workspace->folder, g_free);
}
