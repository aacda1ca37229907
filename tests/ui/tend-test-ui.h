/* tend-test-ui.h: what every UI test program does before its tests, and finds in windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean   tend_test_ui_init           (const char *skip_path);
GtkWidget *tend_test_find_widget_of_type (GtkWidget  *widget,
                                          GType       type);

G_END_DECLS
