/* tend-schema.h: the ordered migrations of the workspace schema
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns the SQL that takes a database from @version - 1 to @version, for
 * 1 <= @version <= TEND_STORE_SCHEMA_VERSION. */
const char *tend_schema_migration (int version);

G_END_DECLS
