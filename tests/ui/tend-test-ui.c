/* tend-test-ui.c: what every UI test program does before its tests, and finds in windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendTest"

#include <adwaita.h>

#include "tend-test-ui.h"

static void
skip_without_display (void)
{
  g_test_skip ("No display: run the UI tests under xvfb-run, as build-aux/run-tests does");
}

/**
 * tend_test_ui_init:
 * @skip_path: the test path that reports the skip when there is no display
 *
 * Opens the display and starts libadwaita. Without a display it adds one test at
 * @skip_path that is skipped, saying why, so the program reports rather than fails.
 *
 * Returns: whether the program's own tests can run
 */
gboolean
tend_test_ui_init (const char *skip_path)
{
  if (!gtk_init_check ())
    {
      g_test_add_func (skip_path, skip_without_display);
      return FALSE;
    }

  adw_init ();

  return TRUE;
}

/**
 * tend_test_find_widget_of_type:
 *
 * Returns: (nullable): @widget or the first of its descendants, depth first, of @type
 */
GtkWidget *
tend_test_find_widget_of_type (GtkWidget *widget,
                               GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = tend_test_find_widget_of_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}
