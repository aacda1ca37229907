/* test-money.c: amounts of money as integer minor units
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>

#include "util/tend-money.h"

static void
test_money_exponent (void)
{
  g_assert_cmpint (tend_currency_exponent ("USD"), ==, 2);
  g_assert_cmpint (tend_currency_exponent ("EUR"), ==, 2);
  g_assert_cmpint (tend_currency_exponent ("JPY"), ==, 0);
  g_assert_cmpint (tend_currency_exponent ("KRW"), ==, 0);
  g_assert_cmpint (tend_currency_exponent ("KWD"), ==, 3);
  g_assert_cmpint (tend_currency_exponent ("BHD"), ==, 3);
  g_assert_cmpint (tend_currency_exponent (NULL), ==, 2);
}

static void
test_money_parse (void)
{
  static const struct {
    const char *text;
    const char *currency;
    gboolean valid;
    gint64 expected;
  } cases[] = {
    { "1,234.50", "USD", TRUE, 123450 },
    { "$99", "USD", TRUE, 9900 },
    { "US$99.9", "USD", TRUE, 9990 },
    { "-12.5", "USD", TRUE, -1250 },
    { "$-3", "USD", TRUE, -300 },
    { "-$3", "USD", TRUE, -300 },
    { "(45.00)", "USD", TRUE, -4500 },
    { "( 45.00 )", "USD", TRUE, -4500 },
    { "  7  ", "USD", TRUE, 700 },
    { ".5", "USD", TRUE, 50 },
    { "12.", "USD", TRUE, 1200 },
    { "0", "USD", TRUE, 0 },
    { "12.50 EUR", "EUR", TRUE, 1250 },
    { "12.50EUR", "EUR", TRUE, 1250 },
    { "USD 12.50", "USD", TRUE, 1250 },
    { "$12.50 USD", "USD", TRUE, 1250 },
    { "(US$ 45)", "USD", TRUE, -4500 },
    { "€12.50", "EUR", TRUE, 1250 },
    { "£1,000", "GBP", TRUE, 100000 },
    { "¥1,200", "JPY", TRUE, 1200 },
    { "￥1,200", "JPY", TRUE, 1200 },
    { "1200円", "JPY", TRUE, 1200 },
    { "1,200 円", "JPY", TRUE, 1200 },
    /* "$" is every dollar's; the other signs belong to their own currencies. */
    { "$12", "CAD", TRUE, 1200 },
    { "$12", "AUD", TRUE, 1200 },
    { "$12", "NZD", TRUE, 1200 },
    { "$12", "SGD", TRUE, 1200 },
    { "$12", "HKD", TRUE, 1200 },
    { "$12", "MXN", TRUE, 1200 },
    { "C$12", "CAD", TRUE, 1200 },
    { "¥1,200", "CNY", TRUE, 120000 },
    { "￥1,200", "CNY", TRUE, 120000 },
    { "1.234", "KWD", TRUE, 1234 },
    { "1.2", "KWD", TRUE, 1200 },
    /* More decimals than the currency has is refused, not rounded. */
    { "12.5", "JPY", FALSE, 0 },
    { "1.2345", "KWD", FALSE, 0 },
    { "1.005", "USD", FALSE, 0 },
    /* A sign or code of another currency is refused, never dropped. */
    { "12.50 EUR", "USD", FALSE, 0 },
    { "EUR 12.50", "USD", FALSE, 0 },
    { "$12.50 EUR", "USD", FALSE, 0 },
    { "¥1000", "USD", FALSE, 0 },
    { "￥1000", "USD", FALSE, 0 },
    { "1000円", "USD", FALSE, 0 },
    { "€12", "USD", FALSE, 0 },
    { "£12", "USD", FALSE, 0 },
    { "-€12", "USD", FALSE, 0 },
    { "(€12)", "USD", FALSE, 0 },
    { "$12", "EUR", FALSE, 0 },
    { "$12", "JPY", FALSE, 0 },
    { "$12", "CHF", FALSE, 0 },
    { "US$12", "CAD", FALSE, 0 },
    { "C$12", "USD", FALSE, 0 },
    { "£12", "EUR", FALSE, 0 },
    { "€12", "GBP", FALSE, 0 },
    { "1000円", "CNY", FALSE, 0 },
    { "₩1000", "JPY", FALSE, 0 },
    { "¥1000", NULL, FALSE, 0 },
    { "(45.00", "USD", FALSE, 0 },
    { ",5", "USD", FALSE, 0 },
    { "1.2.3", "USD", FALSE, 0 },
    { "1,234.5,6", "USD", FALSE, 0 },
    { "12abc", "USD", FALSE, 0 },
    { "abc", "USD", FALSE, 0 },
    { "$", "USD", FALSE, 0 },
    { "-", "USD", FALSE, 0 },
    { "--5", "USD", FALSE, 0 },
    { "", "USD", FALSE, 0 },
    { NULL, "USD", FALSE, 0 },
    /* Amounts beyond 10^13 minor units either way are refused, never clamped. */
    { "100,000,000,000.00", "USD", TRUE, G_GINT64_CONSTANT (10000000000000) },
    { "-100000000000", "USD", TRUE, -G_GINT64_CONSTANT (10000000000000) },
    { "100000000000.01", "USD", FALSE, 0 },
    { "-100000000000.01", "USD", FALSE, 0 },
    { "10000000000000", "JPY", TRUE, G_GINT64_CONSTANT (10000000000000) },
    { "10000000000001", "JPY", FALSE, 0 },
    { "10000000000.000", "KWD", TRUE, G_GINT64_CONSTANT (10000000000000) },
    { "10000000000.001", "KWD", FALSE, 0 },
    { "92233720368547758.07", "USD", FALSE, 0 },
    { "-92233720368547758.08", "USD", FALSE, 0 },
    { "9223372036854775807", "JPY", FALSE, 0 },
    { "99999999999999999999999", "JPY", FALSE, 0 },
    { "(99999999999999999999999)", "USD", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 minor = 42;
      gboolean valid = tend_money_parse (cases[i].text, cases[i].currency, &minor);

      g_test_message ("parsing “%s” as %s", cases[i].text ? cases[i].text : "(null)",
                      cases[i].currency ? cases[i].currency : "(none)");
      g_assert_cmpint (valid, ==, cases[i].valid);
      if (valid)
        g_assert_cmpint (minor, ==, cases[i].expected);
      else
        g_assert_cmpint (minor, ==, 42);
    }
}

/* The reason a caller can show for a refused amount. */
static void
test_money_parse_reasons (void)
{
  static const struct {
    const char *text;
    const char *currency;
    TendMoneyParseResult expected;
  } cases[] = {
    { "$1,234.50", "USD", TEND_MONEY_PARSE_OK },
    { "lots", "USD", TEND_MONEY_PARSE_INVALID },
    { "12abc", "USD", TEND_MONEY_PARSE_INVALID },
    { NULL, "USD", TEND_MONEY_PARSE_INVALID },
    { "¥1000", "USD", TEND_MONEY_PARSE_OTHER_CURRENCY },
    { "12.50 EUR", "USD", TEND_MONEY_PARSE_OTHER_CURRENCY },
    { "€12.505", "USD", TEND_MONEY_PARSE_OTHER_CURRENCY },
    { "12.5", "JPY", TEND_MONEY_PARSE_TOO_MANY_DECIMALS },
    { "1.005", "USD", TEND_MONEY_PARSE_TOO_MANY_DECIMALS },
    { "92233720368547758.07", "USD", TEND_MONEY_PARSE_TOO_LARGE },
    { "-100000000000.01", "USD", TEND_MONEY_PARSE_TOO_LARGE },
    { "99999999999999999999999", "JPY", TEND_MONEY_PARSE_TOO_LARGE },
    /* A malformed text is not an amount, however many digits it has. */
    { "99999999999999999999999x", "JPY", TEND_MONEY_PARSE_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 minor = 42;
      TendMoneyParseResult result = tend_money_parse_full (cases[i].text, cases[i].currency,
                                                           &minor);

      g_test_message ("parsing “%s” as %s", cases[i].text ? cases[i].text : "(null)",
                      cases[i].currency ? cases[i].currency : "(none)");
      g_assert_cmpint (result, ==, cases[i].expected);
      if (result != TEND_MONEY_PARSE_OK)
        g_assert_cmpint (minor, ==, 42);
    }
}

static void
test_money_format (void)
{
  static const struct {
    gint64 minor;
    const char *currency;
    const char *expected;
  } cases[] = {
    { 123450, "USD", "$1,234.50" },
    { -123450, "USD", "-$1,234.50" },
    { 0, "USD", "$0.00" },
    { 5, "USD", "$0.05" },
    { -5, "USD", "-$0.05" },
    { 100000000, "EUR", "€1,000,000.00" },
    { 99, "GBP", "£0.99" },
    { 1200, "JPY", "¥1,200" },
    { 999, "JPY", "¥999" },
    { 1234, "KWD", "1.234 KWD" },
    { 123456, "CHF", "1,234.56 CHF" },
    { 1234, NULL, "12.34" },
    { G_MAXINT64, "JPY", "¥9,223,372,036,854,775,807" },
    { G_MININT64, "JPY", "-¥9,223,372,036,854,775,808" },
    { G_MININT64, "USD", "-$92,233,720,368,547,758.08" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = tend_money_format (cases[i].minor, cases[i].currency);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_money_format_short (void)
{
  static const struct {
    gint64 minor;
    const char *currency;
    const char *expected;
  } cases[] = {
    { 123456789, "USD", "$1.2M" },
    { 84500000, "USD", "$845K" },
    { 50000, "USD", "$500" },
    { 99970, "USD", "$1.0K" },
    { 99996000, "USD", "$1.0M" },
    { 1234500, "USD", "$12.3K" },
    { -300000, "USD", "-$3.0K" },
    { 250000000000, "USD", "$2.5B" },
    { 1200, "JPY", "¥1.2K" },
    { 5000000, "KWD", "5.0K KWD" },
    { 0, "USD", "$0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = tend_money_format_short (cases[i].minor, cases[i].currency);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_money_number_format (void)
{
  g_autofree char *one = tend_number_format (1234.5, 1);
  g_autofree char *none = tend_number_format (2.5, 0);
  g_autofree char *negative = tend_number_format (-0.125, 2);

  /* The C locale the tests run in groups no digits. */
  g_assert_cmpstr (one, ==, "1234.5");
  g_assert_cmpstr (none, ==, "2");
  g_assert_cmpstr (negative, ==, "-0.12");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money/exponent", test_money_exponent);
  g_test_add_func ("/money/parse", test_money_parse);
  g_test_add_func ("/money/parse/reasons", test_money_parse_reasons);
  g_test_add_func ("/money/format", test_money_format);
  g_test_add_func ("/money/format-short", test_money_format_short);
  g_test_add_func ("/money/number-format", test_money_number_format);

  return g_test_run ();
}
