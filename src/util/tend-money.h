/* tend-money.h: amounts of money as integer minor units with an ISO 4217 code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int       tend_currency_exponent (const char  *currency);
gboolean  tend_money_parse       (const char  *text,
                                  const char  *currency,
                                  gint64      *minor);
char     *tend_money_format      (gint64       minor,
                                  const char  *currency);
char     *tend_money_format_short (gint64      minor,
                                  const char  *currency);
char     *tend_number_format     (double       value,
                                  int          decimals);

G_END_DECLS
