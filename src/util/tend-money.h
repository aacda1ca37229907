/* tend-money.h: amounts of money as integer minor units with an ISO 4217 code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The largest amount Tend reads, either way: 10^13 minor units (100 billion dollars or
 * euros, 10 trillion yen). Far above any real contract, and low enough that the ARR of
 * 900,000 accounts at the limit still fits in 64 bits; the portfolio sums check anyway. */
#define TEND_MONEY_MAX_MINOR G_GINT64_CONSTANT (10000000000000)

/* Why tend_money_parse_full() refused a text. */
typedef enum
{
  TEND_MONEY_PARSE_OK,
  TEND_MONEY_PARSE_INVALID,            /* not an amount at all */
  TEND_MONEY_PARSE_TOO_MANY_DECIMALS,  /* more decimals than the currency's minor unit */
  TEND_MONEY_PARSE_TOO_LARGE,          /* beyond TEND_MONEY_MAX_MINOR either way */
  TEND_MONEY_PARSE_OTHER_CURRENCY,     /* a sign or ISO code of another currency */
} TendMoneyParseResult;

int                   tend_currency_exponent  (const char  *currency);
gboolean              tend_money_parse        (const char  *text,
                                               const char  *currency,
                                               gint64      *minor);
TendMoneyParseResult  tend_money_parse_full   (const char  *text,
                                               const char  *currency,
                                               gint64      *minor);
char                 *tend_money_format       (gint64       minor,
                                               const char  *currency);
char                 *tend_money_format_short (gint64       minor,
                                               const char  *currency);
char                 *tend_number_format      (double       value,
                                               int          decimals);

G_END_DECLS
