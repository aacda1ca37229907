/* tend-money.c: amounts of money as integer minor units with an ISO 4217 code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Money never passes through a float: parsing reads the digits into an integer count
 * of the currency's minor unit, and formatting splits that integer again.
 */

#define G_LOG_DOMAIN "TendMoney"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tend-money.h"

/**
 * tend_currency_exponent:
 *
 * Returns: how many decimal places the currency's minor unit has (JPY 0, USD 2, KWD 3)
 */
int
tend_currency_exponent (const char *currency)
{
  static const char *const zero[] = { "JPY", "KRW", "VND", "CLP", "ISK", "UGX", "XAF", "XOF",
                                      "PYG", "RWF", "KMF", "GNF", "VUV", "XPF", "DJF", NULL };
  static const char *const three[] = { "BHD", "KWD", "OMR", "JOD", "TND", "LYD", "IQD", NULL };

  if (currency == NULL)
    return 2;

  if (g_strv_contains (zero, currency))
    return 0;
  if (g_strv_contains (three, currency))
    return 3;

  return 2;
}

/* Currency signs and the currencies each may stand for. A sign of any other currency is
 * refused: "¥1000" in a dollar column is not $1,000. The longer signs come first, so that
 * "US$" is not read as "$" after a stray "US". */
static const struct
{
  const char *sign;
  const char *currencies[8];
} currency_signs[] = {
  { "US$", { "USD", NULL } },
  { "AU$", { "AUD", NULL } },
  { "CA$", { "CAD", NULL } },
  { "NZ$", { "NZD", NULL } },
  { "HK$", { "HKD", NULL } },
  { "MX$", { "MXN", NULL } },
  { "A$", { "AUD", NULL } },
  { "C$", { "CAD", NULL } },
  { "S$", { "SGD", NULL } },
  { "R$", { "BRL", NULL } },
  { "$", { "USD", "AUD", "CAD", "NZD", "SGD", "HKD", "MXN", NULL } },
  { "€", { "EUR", NULL } },
  { "£", { "GBP", NULL } },
  { "¥", { "JPY", "CNY", NULL } },
  { "￥", { "JPY", "CNY", NULL } },
  { "円", { "JPY", NULL } },
  { "元", { "CNY", NULL } },
  { "₩", { "KRW", NULL } },
  { "₹", { "INR", NULL } },
  { "₽", { "RUB", NULL } },
  { "₺", { "TRY", NULL } },
  { "₪", { "ILS", NULL } },
  { "₫", { "VND", NULL } },
  { "₱", { "PHP", NULL } },
  { "฿", { "THB", NULL } },
};

/* What stands beside the digits of an amount: nothing, a sign or code of its own
 * currency, or one of another currency. */
typedef enum
{
  MARK_NONE,
  MARK_OWN,
  MARK_FOREIGN,
} CurrencyMark;

/* Whether @p starts with what looks like an ISO 4217 code: three capital letters that
 * are not the start of a longer word. */
static gboolean
starts_with_code (const char *p)
{
  return g_ascii_isupper (p[0]) && g_ascii_isupper (p[1]) && g_ascii_isupper (p[2]) &&
         !g_ascii_isalpha (p[3]);
}

static gboolean
is_currency (const char *p,
             const char *currency)
{
  return currency != NULL && strlen (currency) == 3 && strncmp (p, currency, 3) == 0;
}

/* Reads the currency sign or code that may stand before or after the digits, with the
 * spaces around it, and says whose it is. Without a currency, every sign is foreign. */
static CurrencyMark
read_currency_mark (const char **p,
                    const char  *currency)
{
  CurrencyMark mark = MARK_NONE;

  while (**p == ' ')
    (*p)++;

  for (guint i = 0; i < G_N_ELEMENTS (currency_signs) && mark == MARK_NONE; i++)
    {
      if (g_str_has_prefix (*p, currency_signs[i].sign))
        {
          gboolean own = currency != NULL &&
                         g_strv_contains (currency_signs[i].currencies, currency);

          *p += strlen (currency_signs[i].sign);
          mark = own ? MARK_OWN : MARK_FOREIGN;
        }
    }

  /* The code itself may stand beside the amount, as in "12.50 EUR". */
  if (mark == MARK_NONE && starts_with_code (*p))
    {
      mark = is_currency (*p, currency) ? MARK_OWN : MARK_FOREIGN;
      *p += 3;
    }

  while (**p == ' ')
    (*p)++;

  return mark;
}

/* Appends a digit to @value; an amount past the limit only needs to stay past it, so the
 * count stops growing there instead of wrapping round. */
static void
append_digit (guint64 *value,
              int      digit)
{
  if (*value > TEND_MONEY_MAX_MINOR)
    return;

  *value = *value * 10 + (guint64)digit;
}

/* Reads the digits of an amount, with thousands commas and one decimal point. Returns
 * where the digits end. */
static const char *
read_amount_digits (const char *p,
                    guint64    *value,
                    int        *digits,
                    int        *decimals)
{
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          append_digit (value, *p - '0');
          (*digits)++;
          if (*decimals >= 0)
            (*decimals)++;
        }
      else if (*p == ',' && *decimals < 0 && *digits > 0)
        continue;
      else if (*p == '.' && *decimals < 0)
        *decimals = 0;
      else
        break;
    }

  return p;
}

/**
 * tend_money_parse_full:
 * @text: an amount as written in a spreadsheet: "1,234.50", "$99", "-12.5", "¥1,200",
 *   "(45.00)" for a negative amount, "12.50 EUR"
 * @currency: the ISO code, which says how many decimals the minor unit has and which
 *   currency signs the amount may carry
 * @minor: (out): the amount in minor units, set only on success
 *
 * Thousands separators (commas) are dropped. A currency sign or ISO code may stand before
 * or after the digits, but only one of @currency: "$" for USD and the other dollars
 * (AUD, CAD, NZD, SGD, HKD, MXN), "US$" for USD only, "€" for EUR, "£" for GBP, "¥" and
 * "￥" for JPY and CNY, "円" for JPY, "12.50 EUR" for EUR. Another currency's sign or code
 * is refused rather than dropped, since the amount would then be read in the wrong
 * currency. More decimals than the currency has is an error, not a rounding, and so is
 * an amount beyond %TEND_MONEY_MAX_MINOR either way: such an amount is refused rather
 * than clamped, since any figure put in its place would be a made-up one.
 *
 * Returns: %TEND_MONEY_PARSE_OK, or why @text was refused
 */
TendMoneyParseResult
tend_money_parse_full (const char *text,
                       const char *currency,
                       gint64     *minor)
{
  int exponent = tend_currency_exponent (currency);
  gboolean negative = FALSE;
  gboolean parenthesised = FALSE;
  CurrencyMark before, after;
  int digits = 0;
  int decimals = -1;
  guint64 value = 0;
  g_autofree char *trimmed = NULL;
  const char *p;

  g_return_val_if_fail (minor != NULL, TEND_MONEY_PARSE_INVALID);

  if (text == NULL)
    return TEND_MONEY_PARSE_INVALID;

  trimmed = g_strstrip (g_strdup (text));
  p = trimmed;

  if (*p == '-' || *p == '(')
    {
      negative = TRUE;
      parenthesised = *p == '(';
      p++;
    }
  before = read_currency_mark (&p, currency);
  if (!negative && *p == '-')
    {
      negative = TRUE;
      p++;
    }

  p = read_amount_digits (p, &value, &digits, &decimals);
  if (digits == 0)
    return TEND_MONEY_PARSE_INVALID;

  after = read_currency_mark (&p, currency);
  if (parenthesised && *p++ != ')')
    return TEND_MONEY_PARSE_INVALID;
  if (*p != '\0')
    return TEND_MONEY_PARSE_INVALID;
  if (before == MARK_FOREIGN || after == MARK_FOREIGN)
    return TEND_MONEY_PARSE_OTHER_CURRENCY;
  if (decimals > exponent)
    return TEND_MONEY_PARSE_TOO_MANY_DECIMALS;

  for (int i = MAX (decimals, 0); i < exponent; i++)
    append_digit (&value, 0);
  if (value > TEND_MONEY_MAX_MINOR)
    return TEND_MONEY_PARSE_TOO_LARGE;

  *minor = negative ? -(gint64)value : (gint64)value;

  return TEND_MONEY_PARSE_OK;
}

/**
 * tend_money_parse:
 *
 * Reads an amount as tend_money_parse_full() does, for callers that need no reason.
 *
 * Returns: whether @text was an amount
 */
gboolean
tend_money_parse (const char *text,
                  const char *currency,
                  gint64     *minor)
{
  g_return_val_if_fail (minor != NULL, FALSE);

  return tend_money_parse_full (text, currency, minor) == TEND_MONEY_PARSE_OK;
}

static char *
group_digits (guint64 whole)
{
  struct lconv *conventions = localeconv ();
  const char *separator = conventions->thousands_sep;
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, whole);
  GString *grouped = g_string_new (NULL);
  size_t length = strlen (digits);

  /* Many C locales leave the separator empty; money still reads better grouped. */
  if (separator == NULL || *separator == '\0')
    separator = ",";

  for (size_t i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append (grouped, separator);
      g_string_append_c (grouped, digits[i]);
    }

  return g_string_free (grouped, FALSE);
}

static const char *
currency_symbol (const char *currency)
{
  if (g_strcmp0 (currency, "USD") == 0)
    return "$";
  if (g_strcmp0 (currency, "EUR") == 0)
    return "€";
  if (g_strcmp0 (currency, "GBP") == 0)
    return "£";
  if (g_strcmp0 (currency, "JPY") == 0)
    return "¥";

  return NULL;
}

/**
 * tend_money_format:
 *
 * Returns: the amount with its currency and the locale's digit grouping, e.g. "$1,234.50"
 */
char *
tend_money_format (gint64      minor,
                   const char *currency)
{
  int exponent = tend_currency_exponent (currency);
  const char *symbol = currency_symbol (currency);
  struct lconv *conventions = localeconv ();
  const char *point = conventions->decimal_point;
  guint64 magnitude = minor < 0 ? (guint64)(-(minor + 1)) + 1 : (guint64)minor;
  guint64 scale = 1;
  g_autofree char *whole = NULL;
  g_autofree char *fraction = NULL;

  for (int i = 0; i < exponent; i++)
    scale *= 10;

  whole = group_digits (magnitude / scale);
  if (exponent > 0)
    fraction = g_strdup_printf ("%s%0*" G_GUINT64_FORMAT, point, exponent, magnitude % scale);

  if (symbol != NULL)
    return g_strdup_printf ("%s%s%s%s", minor < 0 ? "-" : "", symbol, whole,
                            fraction ? fraction : "");

  if (currency == NULL || *currency == '\0')
    return g_strdup_printf ("%s%s%s", minor < 0 ? "-" : "", whole, fraction ? fraction : "");

  return g_strdup_printf ("%s%s%s %s", minor < 0 ? "-" : "", whole, fraction ? fraction : "",
                          currency);
}

/**
 * tend_money_format_short:
 *
 * Returns: a compact amount for cards and chart labels, e.g. "$1.2M", "$845K", "-$3.0K"
 */
char *
tend_money_format_short (gint64      minor,
                         const char *currency)
{
  static const struct { double size; const char *suffix; } units[] = {
    { 1.0, "" }, { 1e3, "K" }, { 1e6, "M" }, { 1e9, "B" },
  };
  int exponent = tend_currency_exponent (currency);
  const char *symbol = currency_symbol (currency);
  double major = fabs ((double)minor);
  double shown = 0.0;
  int decimals = 0;
  guint unit = 0;

  for (int i = 0; i < exponent; i++)
    major /= 10.0;

  while (unit + 1 < G_N_ELEMENTS (units) && major >= units[unit + 1].size)
    unit++;

  /* Rounding can carry into the next unit: 999,960 is "1.0M", not "1000K". */
  for (;; unit++)
    {
      double scale;

      shown = major / units[unit].size;
      decimals = unit > 0 && shown < 100 ? 1 : 0;
      scale = decimals ? 10.0 : 1.0;
      if (round (shown * scale) / scale < 1000 || unit + 1 == G_N_ELEMENTS (units))
        break;
    }

  if (symbol != NULL)
    return g_strdup_printf ("%s%s%.*f%s", minor < 0 ? "-" : "", symbol, decimals, shown,
                            units[unit].suffix);

  if (currency == NULL || *currency == '\0')
    return g_strdup_printf ("%s%.*f%s", minor < 0 ? "-" : "", decimals, shown,
                            units[unit].suffix);

  return g_strdup_printf ("%s%.*f%s %s", minor < 0 ? "-" : "", decimals, shown,
                          units[unit].suffix, currency);
}

/**
 * tend_number_format:
 *
 * Returns: @value with @decimals places in the user's locale
 */
char *
tend_number_format (double value,
                    int    decimals)
{
  return g_strdup_printf ("%'.*f", decimals, value);
}
