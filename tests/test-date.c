/* test-date.c: calendar days as the store keeps them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>

#include "util/tend-date.h"

static void
test_date_ymd (void)
{
  static const struct {
    int year, month, day;
    TendDay expected;
  } cases[] = {
    { 1970, 1, 1, 0 },
    { 1969, 12, 31, -1 },
    { 2000, 3, 1, 11017 },
    { 2024, 2, 29, 19782 },
    { 2026, 12, 4, 20791 },
    { 1900, 1, 1, -25567 },
    { 2023, 2, 29, TEND_DAY_INVALID },
    { 2024, 13, 1, TEND_DAY_INVALID },
    { 2024, 0, 1, TEND_DAY_INVALID },
    { 2024, 1, 0, TEND_DAY_INVALID },
    /* GDate keeps a day in 8 bits and a year in 16: these must not wrap round. */
    { 2024, 1, 257, TEND_DAY_INVALID },
    { 65537, 1, 1, TEND_DAY_INVALID },
    { 0, 1, 1, TEND_DAY_INVALID },
    { -24, 1, 1, TEND_DAY_INVALID },
    { 10000, 1, 1, TEND_DAY_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TendDay day = tend_day_from_ymd (cases[i].year, cases[i].month, cases[i].day);

      g_assert_cmpint (day, ==, cases[i].expected);

      if (day != TEND_DAY_INVALID)
        {
          int year, month, mday;

          tend_day_to_ymd (day, &year, &month, &mday);
          g_assert_cmpint (year, ==, cases[i].year);
          g_assert_cmpint (month, ==, cases[i].month);
          g_assert_cmpint (mday, ==, cases[i].day);
        }
    }
}

static void
test_date_iso (void)
{
  static const struct {
    const char *text;
    TendDay expected;
  } cases[] = {
    { "1970-01-01", 0 },
    { "2024-03-01", 19783 },
    { "2024-03-01T10:00:00Z", 19783 },
    { "2024-02-29", 19782 },
    { "2023-02-29", TEND_DAY_INVALID },
    { "2024-3-1", TEND_DAY_INVALID },
    { "-024-03-01", TEND_DAY_INVALID },
    { "2024/03/01", TEND_DAY_INVALID },
    { "", TEND_DAY_INVALID },
    { NULL, TEND_DAY_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (tend_day_from_iso (cases[i].text), ==, cases[i].expected);
}

static void
test_date_to_iso (void)
{
  g_autofree char *epoch = tend_day_to_iso (0);
  g_autofree char *leap = tend_day_to_iso (19782);
  g_autofree char *before = tend_day_to_iso (-25567);
  g_autofree char *first = tend_day_to_iso (tend_day_from_ymd (1, 1, 1));
  g_autofree char *last = tend_day_to_iso (tend_day_from_ymd (9999, 12, 31));

  g_assert_cmpstr (epoch, ==, "1970-01-01");
  g_assert_cmpstr (leap, ==, "2024-02-29");
  g_assert_cmpstr (before, ==, "1900-01-01");
  g_assert_cmpstr (first, ==, "0001-01-01");
  g_assert_cmpstr (last, ==, "9999-12-31");

  /* Days outside the calendar have no ISO form, and reading them must not crash. */
  g_assert_null (tend_day_to_iso (TEND_DAY_INVALID));
  g_assert_null (tend_day_to_iso (tend_day_from_ymd (9999, 12, 31) + 1));
  g_assert_null (tend_day_to_iso (G_MAXINT));
}

static void
test_date_parse (void)
{
  static const struct {
    const char *text;
    gboolean day_first;
    const char *expected;
  } cases[] = {
    { "2024-03-01", FALSE, "2024-03-01" },
    { "2024-03-01", TRUE, "2024-03-01" },
    { "2024/3/1", FALSE, "2024-03-01" },
    { "2024.03.01", TRUE, "2024-03-01" },
    { " 2024-03-01 ", FALSE, "2024-03-01" },
    { "2024-03-01 10:00", FALSE, "2024-03-01" },
    { "2024-03-01T10:00:00Z", FALSE, "2024-03-01" },
    /* a/b/yyyy follows the caller's order strictly, for every value of a file... */
    { "03/01/2024", FALSE, "2024-03-01" },
    { "03/01/2024", TRUE, "2024-01-03" },
    { "3/1/2024", FALSE, "2024-03-01" },
    { "01/02/2023", TRUE, "2023-02-01" },
    { "13/01/2023", TRUE, "2023-01-13" },
    { "12/31/2024", FALSE, "2024-12-31" },
    { "3-1-2024", FALSE, "2024-03-01" },
    /* ...so a value that only makes sense the other way round is refused, not switched. */
    { "13/01/2023", FALSE, NULL },
    { "31/12/2024", FALSE, NULL },
    { "01/13/2024", TRUE, NULL },
    { "12/31/2024", TRUE, NULL },
    /* A dotted date is always day first, whatever the caller's order. */
    { "1.3.2024", FALSE, "2024-03-01" },
    { "1.3.2024", TRUE, "2024-03-01" },
    { "31.12.2024", FALSE, "2024-12-31" },
    { "12.31.2024", FALSE, NULL },
    /* Year first needs no order. */
    { "2024/12/31", TRUE, "2024-12-31" },
    { "2024.12.31", FALSE, "2024-12-31" },
    { "2024/31/12", TRUE, NULL },
    { "29/02/2024", TRUE, "2024-02-29" },
    { "31/02/2024", TRUE, NULL },
    { "02/30/2024", FALSE, NULL },
    { "13/13/2024", FALSE, NULL },
    { "03/01/24", FALSE, NULL },
    { "2024-03/01", FALSE, NULL },
    { "2024-03-01 or so", FALSE, NULL },
    { "2024-03-01x", FALSE, NULL },
    { "99999-01-01", FALSE, NULL },
    { "2024-01-999999999999", FALSE, NULL },
    { "2024--01", FALSE, NULL },
    { "-2024-01-01", FALSE, NULL },
    { "March 1, 2024", FALSE, NULL },
    { "", FALSE, NULL },
    { NULL, FALSE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TendDay day = tend_day_parse (cases[i].text, cases[i].day_first);
      g_autofree char *iso = tend_day_to_iso (day);

      g_test_message ("parsing “%s”, day first: %d", cases[i].text ? cases[i].text : "(null)",
                      cases[i].day_first);
      g_assert_cmpstr (iso, ==, cases[i].expected);
    }
}

static void
test_date_add_months (void)
{
  static const struct {
    const char *from;
    int months;
    const char *expected;
  } cases[] = {
    { "2023-01-31", 1, "2023-02-28" },
    { "2024-01-31", 1, "2024-02-29" },
    { "2024-03-31", -1, "2024-02-29" },
    { "2024-01-15", -1, "2023-12-15" },
    { "2024-05-20", 12, "2025-05-20" },
    { "2024-05-20", 0, "2024-05-20" },
    { "2024-02-29", 12, "2025-02-28" },
    { "2024-05-20", -125, "2013-12-20" },
    { "9999-12-01", 1, NULL },
    { "0001-01-15", -1, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TendDay day = tend_day_add_months (tend_day_from_iso (cases[i].from), cases[i].months);
      g_autofree char *iso = tend_day_to_iso (day);

      g_assert_cmpstr (iso, ==, cases[i].expected);
    }

  g_assert_cmpint (tend_day_add_months (TEND_DAY_INVALID, 1), ==, TEND_DAY_INVALID);
}

static void
test_date_unix (void)
{
  g_assert_cmpint (tend_day_from_unix (0), ==, 0);
  g_assert_cmpint (tend_day_from_unix (86399), ==, 0);
  g_assert_cmpint (tend_day_from_unix (86400), ==, 1);
  g_assert_cmpint (tend_day_from_unix (-1), ==, -1);
  g_assert_cmpint (tend_day_from_unix (-86400), ==, -1);
  g_assert_cmpint (tend_day_from_unix (-86401), ==, -2);
  g_assert_cmpint (tend_day_from_unix (1709251200), ==, 19783);
  g_assert_cmpint (tend_day_to_unix (19783), ==, 1709251200);
  g_assert_cmpint (tend_day_to_unix (-1), ==, -86400);
}

static void
test_date_today (void)
{
  TendDay real = tend_day_from_unix (g_get_real_time () / G_USEC_PER_SEC);
  TendDay today;

  g_setenv ("TEND_TODAY", "2026-12-04", TRUE);
  g_assert_cmpint (tend_day_today (), ==, 20791);

  /* A pin that is not a date is ignored rather than trusted. */
  g_setenv ("TEND_TODAY", "someday", TRUE);
  today = tend_day_today ();
  g_assert_true (today == real || today == real + 1);

  g_unsetenv ("TEND_TODAY");
  today = tend_day_today ();
  g_assert_true (today == real || today == real + 1);
}

static void
test_date_format (void)
{
  g_autofree char *formatted = tend_day_format (20791);
  g_autofree char *invalid = tend_day_format (TEND_DAY_INVALID);

  /* The tests run in the C locale, where dates are written as ISO. */
  g_assert_cmpstr (formatted, ==, "2026-12-04");
  g_assert_cmpstr (invalid, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/ymd", test_date_ymd);
  g_test_add_func ("/date/iso/read", test_date_iso);
  g_test_add_func ("/date/iso/write", test_date_to_iso);
  g_test_add_func ("/date/parse", test_date_parse);
  g_test_add_func ("/date/add-months", test_date_add_months);
  g_test_add_func ("/date/unix", test_date_unix);
  g_test_add_func ("/date/today", test_date_today);
  g_test_add_func ("/date/format", test_date_format);

  return g_test_run ();
}
