/* tend-usage.c: an account's daily product usage over time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendModel"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tend-usage.h"

static void
usage_fill_days (GArray  *days,
                 TendDay  first,
                 TendDay  last)
{
  for (TendDay day = first; day <= last; day++)
    {
      TendUsageDay empty = { .day = day };

      g_array_append_val (days, empty);
    }
}

/**
 * tend_usage_load:
 * @first: the first day to read
 * @last: the last day to read, included
 *
 * Reads the usage of an account between two days. Every day of the range has its
 * element, in order, so that a chart can draw it as it is: a day with no usage row
 * counts as a day without use, all zeros.
 *
 * Returns: (transfer full) (element-type TendUsageDay) (nullable): the days, empty
 *   when @last is before @first, or %NULL with @error set
 */
GArray *
tend_usage_load (TendStore  *store,
                 gint64      account_id,
                 TendDay     first,
                 TendDay     last,
                 GError    **error)
{
  g_autoptr(GArray) days = g_array_new (FALSE, TRUE, sizeof (TendUsageDay));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (first != TEND_DAY_INVALID && last != TEND_DAY_INVALID, NULL);

  if (last < first)
    return g_steal_pointer (&days);

  usage_fill_days (days, first, last);

  stmt = tend_store_prepare (store,
                             "SELECT day, active_users, sessions, key_events, features_used"
                             " FROM usage_daily WHERE account_id = ? AND day BETWEEN ? AND ?",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_int (stmt, 2, first);
  sqlite3_bind_int (stmt, 3, last);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TendUsageDay *day = &g_array_index (days, TendUsageDay,
                                          sqlite3_column_int (stmt, 0) - first);

      day->active_users = sqlite3_column_int (stmt, 1);
      day->sessions = sqlite3_column_int (stmt, 2);
      day->key_events = sqlite3_column_int (stmt, 3);
      day->features_used = sqlite3_column_int (stmt, 4);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (store, error, rc, _("read the usage of the account"));
      return NULL;
    }

  return g_steal_pointer (&days);
}
