/* tend-money.c: amounts of money as integer minor units with an ISO 4217 code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Money never passes through a float: parsing reads the digits into an integer count
 * of the currency's minor unit, and formatting splits that integer again.
 */

#define G_LOG_DOMAIN "TendMoney"

#include <locale.h>
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

static const char *
skip_currency_sign (const char *p)
{
  static const char *const signs[] = { "US$", "$", "€", "£", "¥", "￥", "円", NULL };

  for (int i = 0; signs[i] != NULL; i++)
    {
      if (g_str_has_prefix (p, signs[i]))
        return p + strlen (signs[i]);
    }

  return p;
}

/**
 * tend_money_parse:
 * @text: an amount as written in a spreadsheet: "1,234.50", "$99", "-12.5", "¥1,200"
 * @currency: the ISO code, which says how many decimals the minor unit has
 * @minor: (out): the amount in minor units
 *
 * Thousands separators (commas) are dropped and a trailing or leading currency sign is
 * accepted. More decimals than the currency has is an error, not a rounding.
 *
 * Returns: whether @text was an amount
 */
gboolean
tend_money_parse (const char *text,
                  const char *currency,
                  gint64     *minor)
{
  int exponent = tend_currency_exponent (currency);
  gboolean negative = FALSE;
  gboolean seen_digit = FALSE;
  int decimals = -1;
  guint64 value = 0;
  g_autofree char *trimmed = NULL;
  const char *p;

  if (text == NULL)
    return FALSE;

  trimmed = g_strstrip (g_strdup (text));
  p = trimmed;

  if (*p == '-' || *p == '(')
    {
      negative = TRUE;
      p++;
    }
  p = skip_currency_sign (p);

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (value > G_MAXINT64 / 100)
            return FALSE;
          value = value * 10 + (guint64)(*p - '0');
          seen_digit = TRUE;
          if (decimals >= 0)
            decimals++;
        }
      else if (*p == ',' && decimals < 0)
        continue;
      else if (*p == '.' && decimals < 0)
        decimals = 0;
      else
        break;
    }

  p = skip_currency_sign (p);
  if (negative && *p == ')')
    p++;
  while (*p == ' ')
    p++;

  if (!seen_digit || *p != '\0' || decimals > exponent)
    return FALSE;

  for (int i = MAX (decimals, 0); i < exponent; i++)
    value *= 10;

  *minor = negative ? -(gint64)value : (gint64)value;

  return TRUE;
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

  return g_strdup_printf ("%s%s%s %s", minor < 0 ? "-" : "", whole, fraction ? fraction : "",
                          currency ? currency : "");
}

/**
 * tend_money_format_short:
 *
 * Returns: a compact amount for cards and chart labels, e.g. "$1.2M", "$845K"
 */
char *
tend_money_format_short (gint64      minor,
                         const char *currency)
{
  int exponent = tend_currency_exponent (currency);
  const char *symbol = currency_symbol (currency);
  double major = (double)minor;
  const char *suffix = "";

  for (int i = 0; i < exponent; i++)
    major /= 10.0;

  if (ABS (major) >= 1e9)
    {
      major /= 1e9;
      suffix = "B";
    }
  else if (ABS (major) >= 1e6)
    {
      major /= 1e6;
      suffix = "M";
    }
  else if (ABS (major) >= 1e3)
    {
      major /= 1e3;
      suffix = "K";
    }

  if (symbol != NULL)
    return g_strdup_printf ("%s%.*f%s", symbol, *suffix && ABS (major) < 100 ? 1 : 0,
                            major, suffix);

  return g_strdup_printf ("%.*f%s %s", *suffix && ABS (major) < 100 ? 1 : 0, major, suffix,
                          currency ? currency : "");
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
