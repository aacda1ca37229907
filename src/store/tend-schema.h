/* tend-schema.h: the ordered migrations of the workspace schema
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An account's ARR in major units of its currency (dollars, not cents; yen), so that
 * accounts in different currencies sort by the amounts people read. Migration 5 indexes
 * exactly this expression and a query must use it verbatim for SQLite to use the index;
 * the currencies it lists are frozen with that migration, so a change needs a new
 * migration, a new index and a new name here. */
#define TEND_SCHEMA_ARR_MAJOR                                                            \
  "(arr_minor / CASE"                                                                   \
  " WHEN currency IN ('JPY', 'KRW', 'VND', 'CLP', 'ISK', 'UGX', 'XAF', 'XOF', 'PYG', 'RWF'," \
  " 'KMF', 'GNF', 'VUV', 'XPF', 'DJF') THEN 1.0"                                         \
  " WHEN currency IN ('BHD', 'KWD', 'OMR', 'JOD', 'TND', 'LYD', 'IQD') THEN 1000.0"     \
  " ELSE 100.0 END)"

/* Returns the SQL that takes a database from @version - 1 to @version, for
 * 1 <= @version <= TEND_STORE_SCHEMA_VERSION. */
const char *tend_schema_migration (int version);

G_END_DECLS
