/* tend-test-ui.h: what every UI test program does before its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean tend_test_ui_init (const char *skip_path);

G_END_DECLS
