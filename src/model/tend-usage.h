/* tend-usage.h: an account's daily product usage over time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "store/tend-store.h"
#include "util/tend-date.h"

G_BEGIN_DECLS

/* One day of an account's usage. */
typedef struct
{
  TendDay day;
  int     active_users;
  int     sessions;
  int     key_events;
  int     features_used;
} TendUsageDay;

GArray *tend_usage_load (TendStore  *store,
                         gint64      account_id,
                         TendDay     first,
                         TendDay     last,
                         GError    **error);

G_END_DECLS
