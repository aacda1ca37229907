/* tend-settings.h: the user's preferences, when the schema is installed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GSettings *tend_settings_get (void);

G_END_DECLS
