/* tend-date.h: calendar days as the store keeps them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Days since 1970-01-01, the key of the per-day tables. */
typedef int TendDay;

#define TEND_DAY_INVALID G_MININT

TendDay   tend_day_from_ymd       (int          year,
                                   int          month,
                                   int          day);
void      tend_day_to_ymd         (TendDay      day,
                                   int         *year,
                                   int         *month,
                                   int         *mday);
TendDay   tend_day_from_iso       (const char  *iso);
char     *tend_day_to_iso         (TendDay      day);
TendDay   tend_day_today          (void);
TendDay   tend_day_from_unix      (gint64       seconds);
gint64    tend_day_to_unix        (TendDay      day);
TendDay   tend_day_add_months     (TendDay      day,
                                   int          months);
TendDay   tend_day_parse          (const char  *text,
                                   gboolean     day_first);
char     *tend_day_format         (TendDay      day);

G_END_DECLS
