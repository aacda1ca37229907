/* tend-ui-format.c: how the views word statuses, bands and dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendUi"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "util/tend-date.h"
#include "util/tend-money.h"

#include "tend-ui-format.h"

/**
 * tend_ui_status_label:
 * @status: an account status as the store keeps it ("active", "churned", ...)
 *
 * Returns: the status in the user's language; an unknown status is shown as it is
 */
const char *
tend_ui_status_label (const char *status)
{
  if (status == NULL)
    return "";
  if (g_str_equal (status, "active"))
    return C_("account status", "Active");
  if (g_str_equal (status, "churned"))
    return C_("account status", "Churned");
  if (g_str_equal (status, "trial"))
    return C_("account status", "Trial");
  if (g_str_equal (status, "paused"))
    return C_("account status", "Paused");

  return status;
}

/**
 * tend_ui_band_label:
 * @band: "red", "yellow", "green", or %NULL for an account never scored
 */
const char *
tend_ui_band_label (const char *band)
{
  if (g_strcmp0 (band, "red") == 0)
    return C_("health band", "At risk");
  if (g_strcmp0 (band, "yellow") == 0)
    return C_("health band", "Needs attention");
  if (g_strcmp0 (band, "green") == 0)
    return C_("health band", "Healthy");

  return C_("health band", "Not scored");
}

/**
 * tend_ui_band_css_class:
 *
 * Returns: the style class that colours a band in style.css
 */
const char *
tend_ui_band_css_class (const char *band)
{
  if (g_strcmp0 (band, "red") == 0)
    return "health-red";
  if (g_strcmp0 (band, "yellow") == 0)
    return "health-yellow";
  if (g_strcmp0 (band, "green") == 0)
    return "health-green";

  return "health-none";
}

/**
 * tend_ui_set_band_class:
 *
 * Gives @widget the style class of @band and removes those of the other bands, for
 * widgets that list rows recycle.
 */
void
tend_ui_set_band_class (GtkWidget  *widget,
                        const char *band)
{
  static const char *const classes[] = { "health-red", "health-yellow", "health-green",
                                         "health-none" };
  const char *wanted = tend_ui_band_css_class (band);

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      if (g_str_equal (classes[i], wanted))
        gtk_widget_add_css_class (widget, classes[i]);
      else
        gtk_widget_remove_css_class (widget, classes[i]);
    }
}

/**
 * tend_ui_format_iso_date:
 * @iso: (nullable): a calendar date as the store keeps it, "2026-12-04"
 *
 * Returns: the date in the user's locale, or an empty string when there is none
 */
char *
tend_ui_format_iso_date (const char *iso)
{
  TendDay day;

  if (iso == NULL || *iso == '\0')
    return g_strdup ("");

  day = tend_day_from_iso (iso);
  if (day == TEND_DAY_INVALID)
    return g_strdup (iso);

  return tend_day_format (day);
}

/**
 * tend_ui_format_unix_date:
 *
 * Returns: the calendar day of an instant in the user's time zone, in their locale
 */
char *
tend_ui_format_unix_date (gint64 seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (seconds);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (utc);

  return tend_day_format (tend_day_from_ymd (g_date_time_get_year (local),
                                             g_date_time_get_month (local),
                                             g_date_time_get_day_of_month (local)));
}

/**
 * tend_ui_format_score:
 *
 * Returns: a health score as a whole number, or a dash for an account never scored
 */
char *
tend_ui_format_score (double score)
{
  if (score < 0)
    return g_strdup ("—");

  return tend_number_format (score, 0);
}

/**
 * tend_ui_format_count:
 *
 * Returns: @count with the locale's digit grouping
 */
char *
tend_ui_format_count (guint count)
{
  return tend_number_format (count, 0);
}
