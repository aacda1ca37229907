/* tend-date.c: calendar days as the store keeps them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendDate"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "tend-date.h"

static const int epoch_julian = 719163; /* g_date_get_julian of 1970-01-01 */

/**
 * tend_day_from_ymd:
 *
 * Returns: the day, or %TEND_DAY_INVALID when the date does not exist or lies outside
 *   the years 1 to 9999
 */
TendDay
tend_day_from_ymd (int year,
                   int month,
                   int day)
{
  GDate date;

  /* GDate takes its parts as 8- and 16-bit integers, so an out-of-range value would wrap
   * round to a valid one (day 257 to day 1) unless it is refused first. */
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31)
    return TEND_DAY_INVALID;

  if (!g_date_valid_dmy (day, month, year))
    return TEND_DAY_INVALID;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);

  return (TendDay)g_date_get_julian (&date) - epoch_julian;
}

static gboolean
day_is_in_range (TendDay day)
{
  /* 0001-01-01 to 9999-12-31, the days an ISO date can name. */
  return day >= 1 - epoch_julian && day <= 2932896;
}

void
tend_day_to_ymd (TendDay  day,
                 int     *year,
                 int     *month,
                 int     *mday)
{
  GDate date;

  if (!day_is_in_range (day))
    {
      *year = *month = *mday = 0;
      return;
    }

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day + epoch_julian);

  *year = g_date_get_year (&date);
  *month = g_date_get_month (&date);
  *mday = g_date_get_day (&date);
}

/**
 * tend_day_from_iso:
 * @iso: (nullable): a date as 'YYYY-MM-DD'; anything after the day (a time) is ignored
 *
 * Returns: the day, or %TEND_DAY_INVALID
 */
TendDay
tend_day_from_iso (const char *iso)
{
  int year, month, day;

  if (iso == NULL || strlen (iso) < 10 || iso[4] != '-' || iso[7] != '-')
    return TEND_DAY_INVALID;

  if (sscanf (iso, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return TEND_DAY_INVALID;

  return tend_day_from_ymd (year, month, day);
}

char *
tend_day_to_iso (TendDay day)
{
  int year, month, mday;

  if (!day_is_in_range (day))
    return NULL;

  tend_day_to_ymd (day, &year, &month, &mday);

  return g_strdup_printf ("%04d-%02d-%02d", year, month, mday);
}

/**
 * tend_day_today:
 *
 * Returns: today in UTC, or the day named by $TEND_TODAY (ISO) so that tests and the
 *   sample workspace can pin "today".
 */
TendDay
tend_day_today (void)
{
  const char *pinned = g_getenv ("TEND_TODAY");

  if (pinned != NULL && tend_day_from_iso (pinned) != TEND_DAY_INVALID)
    return tend_day_from_iso (pinned);

  return tend_day_from_unix (g_get_real_time () / G_USEC_PER_SEC);
}

TendDay
tend_day_from_unix (gint64 seconds)
{
  gint64 days = seconds / 86400;

  if (seconds < 0 && seconds % 86400 != 0)
    days--;

  return (TendDay)days;
}

gint64
tend_day_to_unix (TendDay day)
{
  return (gint64)day * 86400;
}

/**
 * tend_day_add_months:
 *
 * Adds calendar months, clamping to the month's last day (Jan 31 + 1 month = Feb 28).
 *
 * Returns: the day, or %TEND_DAY_INVALID when @day is invalid or the result would leave
 *   the years 1 to 9999
 */
TendDay
tend_day_add_months (TendDay day,
                     int     months)
{
  int year, month, mday;
  gint64 target;
  GDate date;

  if (!day_is_in_range (day))
    return TEND_DAY_INVALID;

  tend_day_to_ymd (day, &year, &month, &mday);
  target = (gint64)year * 12 + (month - 1) + months;
  if (target < 12 || target >= 10000 * 12)
    return TEND_DAY_INVALID;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day + epoch_julian);

  if (months >= 0)
    g_date_add_months (&date, months);
  else
    g_date_subtract_months (&date, -months);

  return (TendDay)g_date_get_julian (&date) - epoch_julian;
}

static gboolean
parse_three_numbers (const char *text,
                     int         parts[3],
                     char       *separator)
{
  const char *p = text;

  for (int i = 0; i < 3; i++)
    {
      int digits = 0;

      parts[i] = 0;
      for (; g_ascii_isdigit (*p); p++, digits++)
        {
          /* No part of a date has more than four digits; more is not a date. */
          if (digits == 4)
            return FALSE;
          parts[i] = parts[i] * 10 + (*p - '0');
        }

      if (digits == 0)
        return FALSE;

      if (i < 2)
        {
          if (*p != '-' && *p != '/' && *p != '.')
            return FALSE;
          if (i == 0)
            *separator = *p;
          else if (*p != *separator)
            return FALSE;
          p++;
        }
    }

  /* A time may follow a date ("2024-03-01 10:00", "2024-03-01T10:00:00Z"), but nothing
   * else may: "2024-03-01 or so" is not a date. */
  if (*p == '\0')
    return TRUE;

  return (*p == ' ' || *p == 'T') && g_ascii_isdigit (p[1]);
}

/**
 * tend_day_parse:
 * @text: a date as people write them: 2024-03-01, 2024/3/1, 03/01/2024, 1.3.2024
 * @day_first: whether a/b/yyyy is day/month (else month/day, as in the US); d.m.yyyy is
 *   always day first, and year-first forms need no order
 *
 * Returns: the day, or %TEND_DAY_INVALID when @text is not a valid date in that order
 */
TendDay
tend_day_parse (const char *text,
                gboolean    day_first)
{
  int parts[3];
  char separator = 0;
  g_autofree char *trimmed = NULL;

  if (text == NULL)
    return TEND_DAY_INVALID;

  trimmed = g_strstrip (g_strdup (text));
  if (!parse_three_numbers (trimmed, parts, &separator))
    return TEND_DAY_INVALID;

  if (parts[0] >= 1000)
    return tend_day_from_ymd (parts[0], parts[1], parts[2]);

  if (parts[2] < 100)
    return TEND_DAY_INVALID;

  /* The dotted form is always day first. Otherwise the caller's order holds for every
   * value: a value that only makes sense the other way round (13/01 when months come
   * first) is refused, since a file whose dates switch order from row to row would
   * have its 01/02 read one way and its 13/01 the other. */
  if (separator == '.')
    day_first = TRUE;

  if (day_first)
    return tend_day_from_ymd (parts[2], parts[1], parts[0]);

  return tend_day_from_ymd (parts[2], parts[0], parts[1]);
}

static gboolean
time_locale_is_c (void)
{
  const char *name = setlocale (LC_TIME, NULL);

  return name == NULL || g_str_equal (name, "C") || g_str_equal (name, "POSIX") ||
         g_str_has_prefix (name, "C.");
}

/**
 * tend_day_format:
 *
 * Returns: the day written for the user's locale, e.g. 2026/12/04 in Japanese
 */
char *
tend_day_format (TendDay day)
{
  g_autoptr(GDateTime) when = NULL;

  if (!day_is_in_range (day))
    return g_strdup ("");

  when = g_date_time_new_from_unix_utc (tend_day_to_unix (day));

  /* The C locale's own date (12/04/26) hides the century and the order of day and
   * month; scripts and logs that run in it read ISO dates better. */
  if (time_locale_is_c ())
    return g_date_time_format (when, "%Y-%m-%d");

  /* Translators: how a calendar date is written, in g_date_time_format()'s codes; %x is
   * the locale's own short form. Japanese, for one, reads better without zero padding:
   * "%Y年%-m月%-d日". */
  /* xgettext:no-c-format */
  return g_date_time_format (when, C_("date format", "%x"));
}
