/* tend-schema.h: the ordered migrations of the workspace schema
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An account's ARR in major units of its currency (dollars, not cents; yen), so that
 * accounts in different currencies sort by the amounts people read. The account list sorts
 * by this expression; migration 6 indexed it verbatim, and the text stays as it
 * shipped it (migration 8 dropped the index).
 *
 * It compares the currency with each code in turn rather than with IN lists: SQLite
 * builds a temporary table for an IN list of more than two constants, for every row it
 * evaluates. The most common currencies come first, although they take the ELSE value,
 * so that most rows stop at the first comparisons. */
#define TEND_SCHEMA_ARR_MAJOR                                                            \
  "(arr_minor / CASE currency"                                                           \
  " WHEN 'USD' THEN 100.0 WHEN 'EUR' THEN 100.0 WHEN 'GBP' THEN 100.0"                   \
  " WHEN 'JPY' THEN 1.0 WHEN 'KRW' THEN 1.0 WHEN 'VND' THEN 1.0 WHEN 'CLP' THEN 1.0"     \
  " WHEN 'ISK' THEN 1.0 WHEN 'UGX' THEN 1.0 WHEN 'XAF' THEN 1.0 WHEN 'XOF' THEN 1.0"     \
  " WHEN 'PYG' THEN 1.0 WHEN 'RWF' THEN 1.0 WHEN 'KMF' THEN 1.0 WHEN 'GNF' THEN 1.0"     \
  " WHEN 'VUV' THEN 1.0 WHEN 'XPF' THEN 1.0 WHEN 'DJF' THEN 1.0"                         \
  " WHEN 'BHD' THEN 1000.0 WHEN 'KWD' THEN 1000.0 WHEN 'OMR' THEN 1000.0"               \
  " WHEN 'JOD' THEN 1000.0 WHEN 'TND' THEN 1000.0 WHEN 'LYD' THEN 1000.0"               \
  " WHEN 'IQD' THEN 1000.0 ELSE 100.0 END)"

/* The same figure as migration 5 first indexed it, with IN lists; kept verbatim only so
 * that migration 5 stays as it shipped. Queries use TEND_SCHEMA_ARR_MAJOR. */
#define TEND_SCHEMA_ARR_MAJOR_V5                                                         \
  "(arr_minor / CASE"                                                                   \
  " WHEN currency IN ('JPY', 'KRW', 'VND', 'CLP', 'ISK', 'UGX', 'XAF', 'XOF', 'PYG', 'RWF'," \
  " 'KMF', 'GNF', 'VUV', 'XPF', 'DJF') THEN 1.0"                                         \
  " WHEN currency IN ('BHD', 'KWD', 'OMR', 'JOD', 'TND', 'LYD', 'IQD') THEN 1000.0"     \
  " ELSE 100.0 END)"

/* Returns the SQL that takes a database from @version - 1 to @version, for
 * 1 <= @version <= TEND_STORE_SCHEMA_VERSION. */
const char *tend_schema_migration (int version);

G_END_DECLS
