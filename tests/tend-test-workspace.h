/* tend-test-workspace.h: a temporary folder with a store in it, for one test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "store/tend-store.h"

G_BEGIN_DECLS

/* A fresh folder under the temporary directory, the path of a database in it and,
 * when asked for, the store opened there. Tests may add their own files and folders
 * beside it: clearing removes the whole folder. */
typedef struct
{
  char      *folder;
  char      *path;
  TendStore *store;
} TendTestWorkspace;

void tend_test_workspace_init    (TendTestWorkspace *workspace,
                                  const char        *prefix,
                                  gboolean           open_store);
void tend_test_workspace_init_at (TendTestWorkspace *workspace,
                                  const char        *prefix,
                                  const char        *database,
                                  gboolean           open_store);
void tend_test_workspace_clear   (TendTestWorkspace *workspace);

G_END_DECLS
