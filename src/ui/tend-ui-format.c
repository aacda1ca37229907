/* tend-ui-format.c: how the views word statuses, bands and dates, and show stored text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendUi"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "scoring/tend-measure.h"
#include "util/tend-date.h"
#include "util/tend-money.h"

#include "resources/tend-resources.h"
#include "tend-ui-format.h"

/**
 * tend_ui_status_label:
 * @status: an account status as the store keeps it ("active", "churned", ...)
 *
 * Returns: the status in the user's language; an unknown status is shown as it is
 */
/**
 * tend_ui_ensure_resources:
 *
 * Makes sure the user interface resources are registered before a class looks up its
 * template. They live in a static library: naming them here links them in, and their
 * constructor registers them.
 */
void
tend_ui_ensure_resources (void)
{
  if (tend_get_resource () == NULL)
    g_critical ("The user interface resources are missing from this build");
}

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

/* Cuts @score down to @decimals places. Rounding would show 39.6 as "40" beside a red dot
 * while red is "below 40"; cut down, the number never contradicts its band. The small
 * allowance keeps a stored 40 that reads back as 39.999999 at 40. */
static double
floor_score (double score,
             int    decimals)
{
  double scale = decimals > 0 ? pow (10, decimals) : 1;

  return floor (score * scale + 1e-6) / scale;
}

/**
 * tend_ui_format_score:
 *
 * Returns: a health score as a whole number, cut down rather than rounded so that it agrees
 *   with its band, or a dash for an account never scored
 */
char *
tend_ui_format_score (double score)
{
  if (score < 0 || isnan (score))
    return g_strdup ("—");

  return tend_number_format (floor_score (score, 0), 0);
}

/**
 * tend_ui_format_score_detail:
 *
 * Returns: a health score with one decimal, cut down as tend_ui_format_score() does, or a
 *   dash for an account never scored
 */
char *
tend_ui_format_score_detail (double score)
{
  if (score < 0 || isnan (score))
    return g_strdup ("—");

  return tend_number_format (floor_score (score, 1), 1);
}

/**
 * tend_ui_format_change:
 *
 * Returns: a change in points with its sign, as "+2.5", "−3.0" (a true minus sign, as
 *   wide as the plus) or "0.0" for one that rounds to nothing at @decimals
 */
char *
tend_ui_format_change (double change,
                       int    decimals)
{
  double half_step = 0.5 * pow (10.0, -decimals);
  g_autofree char *number = tend_number_format (fabs (change), decimals);

  if (change >= half_step)
    return g_strdup_printf ("+%s", number);
  if (change <= -half_step)
    return g_strdup_printf ("−%s", number);

  return tend_number_format (0, decimals);
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

/* Whether @c would break a one-line label: line and paragraph breaks, tabs and the other
 * control characters. */
static gboolean
is_line_breaking (gunichar c)
{
  return g_unichar_type (c) == G_UNICODE_CONTROL || c == 0x2028 || c == 0x2029;
}

#define FIRST_STRONG_ISOLATE 0x2068
#define POP_DIRECTIONAL_ISOLATE 0x2069

/* The explicit bidirectional embeddings, overrides and directional isolates: in a name
 * they can show its letters in another order than they are stored ("Acme exe.txt"
 * for "Acme \u202etxt.exe"). First-strong isolates and their pops are kept in pairs;
 * they only keep a part's direction its own, as the display text does for each value. */
static gboolean
is_bidi_control (gunichar c)
{
  return (c >= 0x202a && c <= 0x202e) || c == 0x2066 || c == 0x2067;
}

/**
 * tend_ui_display_text:
 * @text: (nullable): a name or another value as the workspace keeps it, which anyone who
 *   wrote the imported file chose
 * @max_chars: the most characters to show
 *
 * Makes stored text safe and fit to show in one line of a label: control characters
 * (line breaks, tabs) become spaces; bidirectional embeddings and overrides are dropped,
 * and the text is put between U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL
 * ISOLATE, so that it shows its letters in their order and cannot reorder the text
 * around it; and a longer text is cut to @max_chars characters and an ellipsis, so that
 * a name of a megabyte costs no more to lay out than a short one. Text that is not valid
 * UTF-8 is shown with replacement characters. Display text can be made display text
 * again, as part of a longer one.
 *
 * Returns: the text to show; empty for %NULL
 */
char *
tend_ui_display_text (const char *text,
                      guint       max_chars)
{
  g_autofree char *valid = NULL;
  GString *shown;
  const char *p;
  guint depth = 0;
  guint n = 0;

  if (text == NULL || *text == '\0')
    return g_strdup ("");

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  shown = g_string_sized_new (MIN (strlen (text), (gsize)max_chars * 4) + 16);
  g_string_append_unichar (shown, FIRST_STRONG_ISOLATE);

  for (p = text; *p != '\0' && n < max_chars; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* A pop without its isolate would end the one around the whole text early. */
      if (is_bidi_control (c) || (c == POP_DIRECTIONAL_ISOLATE && depth == 0))
        continue;

      if (c == FIRST_STRONG_ISOLATE)
        depth++;
      else if (c == POP_DIRECTIONAL_ISOLATE)
        depth--;
      else
        n++;

      g_string_append_unichar (shown, is_line_breaking (c) ? ' ' : c);
    }

  /* Nothing to see: nothing to show, so that an empty value can be told. */
  if (n == 0 && *p == '\0')
    {
      g_string_free (shown, TRUE);
      return g_strdup ("");
    }

  if (*p != '\0')
    g_string_append (shown, "…");

  for (; depth > 0; depth--)
    g_string_append_unichar (shown, POP_DIRECTIONAL_ISOLATE);
  g_string_append_unichar (shown, POP_DIRECTIONAL_ISOLATE);

  return g_string_free (shown, FALSE);
}

static gboolean
stored_text_query_tooltip_cb (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard,
                              GtkTooltip *tooltip,
                              gpointer    user_data)
{
  GtkLabel *label = GTK_LABEL (widget);
  const char *whole = g_object_get_data (G_OBJECT (label), "tend-whole-text");
  PangoLayout *layout = gtk_label_get_layout (label);
  GtkWidget *shown;

  /* Only a label that does not show all of its text explains itself. */
  if (whole == NULL || (g_strcmp0 (whole, gtk_label_get_text (label)) == 0 &&
                        !pango_layout_is_ellipsized (layout)))
    return FALSE;

  /* A long name need not have a space to wrap at: the tooltip breaks it anywhere. */
  shown = gtk_label_new (whole);
  gtk_label_set_wrap (GTK_LABEL (shown), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (shown), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (shown), 60);
  gtk_tooltip_set_custom (tooltip, shown);

  return TRUE;
}

/**
 * tend_ui_label_set_stored_text:
 * @text: (nullable): a name or another value as the workspace keeps it
 *
 * Shows @text as tend_ui_display_text() makes it fit, up to %TEND_UI_LABEL_CHARS
 * characters; when the label cuts it short, by that limit or by its ellipsis, its tooltip
 * shows up to %TEND_UI_TOOLTIP_CHARS.
 */
void
tend_ui_label_set_stored_text (GtkLabel   *label,
                               const char *text)
{
  g_autofree char *shown = NULL;

  g_return_if_fail (GTK_IS_LABEL (label));

  shown = tend_ui_display_text (text, TEND_UI_LABEL_CHARS);
  gtk_label_set_text (label, shown);

  if (g_object_get_data (G_OBJECT (label), "tend-whole-text") == NULL)
    {
      g_signal_connect (label, "query-tooltip", G_CALLBACK (stored_text_query_tooltip_cb),
                        NULL);
      gtk_widget_set_has_tooltip (GTK_WIDGET (label), TRUE);
    }
  g_object_set_data_full (G_OBJECT (label), "tend-whole-text",
                          tend_ui_display_text (text, TEND_UI_TOOLTIP_CHARS), g_free);
}

/**
 * tend_ui_label_get_whole_text:
 *
 * Returns: (nullable): what the tooltip of a label given stored text shows when the
 *   label cuts the text short
 */
const char *
tend_ui_label_get_whole_text (GtkLabel *label)
{
  g_return_val_if_fail (GTK_IS_LABEL (label), NULL);

  return g_object_get_data (G_OBJECT (label), "tend-whole-text");
}

/* A raw input as people read it: whole numbers without decimals, others with one. */
static char *
format_input_number (double value)
{
  return tend_number_format (value, fabs (value - round (value)) < 0.05 ? 0 : 1);
}

/* The plural form to pick for a count that may have a fraction. */
static gulong
plural_count (double value)
{
  return (gulong) fabs (round (value));
}

static char *
format_kind_input (TendMeasureKind kind,
                   double          value)
{
  g_autofree char *number = format_input_number (fabs (value));
  g_autofree char *plain = format_input_number (value);
  gulong n = plural_count (value);

  switch (kind)
    {
    case TEND_MEASURE_USAGE_TREND:
      /* Translators: "+12% usage trend", "−23% usage trend": the last 30 days against
       * the 30 before */
      return g_strdup_printf (_("%s%s%% usage trend"),
                              value >= 0.05 ? "+" : value <= -0.05 ? "−" : "", number);
    case TEND_MEASURE_DAYS_SINCE_ACTIVITY:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day since last activity",
                                           "%s days since last activity", n), plain);
    case TEND_MEASURE_SEAT_UTILIZATION:
      /* Translators: "64% of seats in use" */
      return g_strdup_printf (_("%s%% of seats in use"), plain);
    case TEND_MEASURE_ADOPTION:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s feature in use",
                                           "%s features in use", n), plain);
    case TEND_MEASURE_SUPPORT_TICKETS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s ticket, weighted by priority",
                                           "%s tickets, weighted by priority", n), plain);
    case TEND_MEASURE_SATISFACTION:
      /* Translators: "CSAT 4.2 of 5" */
      return g_strdup_printf (_("CSAT %s of 5"), plain);
    case TEND_MEASURE_BILLING:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s failed or late payment",
                                           "%s failed or late payments", n), plain);
    case TEND_MEASURE_DAYS_SINCE_CSM_TOUCH:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day since the last CSM touch",
                                           "%s days since the last CSM touch", n), plain);
    case TEND_MEASURE_OVERDUE_MILESTONES:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s overdue milestone",
                                           "%s overdue milestones", n), plain);
    case TEND_MEASURE_ACCOUNT_AGE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s month as a customer",
                                           "%s months as a customer", n), plain);
    case TEND_MEASURE_ATTRIBUTE:
    default:
      break;
    }

  return NULL;
}

/**
 * tend_ui_format_score_input:
 * @part: one measure's part of a score
 *
 * Says what the measure read for the account, in its unit: "12 days since last activity",
 * "−23% usage trend", or "Contract: Month-to-month" for an attribute.
 *
 * Returns: (nullable): the input, or %NULL when the measure had no data
 */
char *
tend_ui_format_score_input (const TendScorePart *part)
{
  TendMeasureKind kind = TEND_MEASURE_ATTRIBUTE;
  g_autofree char *text = NULL;

  g_return_val_if_fail (part != NULL, NULL);

  if (part->missing)
    return NULL;

  if (!tend_measure_kind_from_string (part->kind, &kind, NULL))
    kind = TEND_MEASURE_ATTRIBUTE;

  if (part->text != NULL)
    text = g_strdup (part->text);
  else if (isnan (part->value))
    return NULL;
  else if (kind != TEND_MEASURE_ATTRIBUTE)
    return format_kind_input (kind, part->value);
  else
    text = format_input_number (part->value);

  /* Translators: an attribute's value as a measure read it, "Contract: Month-to-month" */
  return g_strdup_printf (_("%s: %s"), tend_ui_measure_label (part->label), text);
}

/* The labels the built-in scorecards (src/scoring/scorecards/) give their measures. They are
 * stored in English like any label a user types; listed here, they are translated and are
 * shown in the user's language for as long as they are left unchanged. */
static const char *const builtin_measure_labels[] = {
  N_("Contract"),
  N_("Tenure"),
  N_("Internet service"),
  N_("Online security"),
  N_("Tech support"),
  N_("Payment method"),
  N_("Paperless billing"),
  N_("Senior citizen"),
};

/**
 * tend_ui_measure_label:
 * @label: (nullable): a measure's label as stored in a scorecard or a score
 *
 * Returns: @label in the user's language when a built-in scorecard gave it, else @label
 *   itself, as the user typed it
 */
const char *
tend_ui_measure_label (const char *label)
{
  if (label == NULL)
    return "";

  for (guint i = 0; i < G_N_ELEMENTS (builtin_measure_labels); i++)
    {
      if (g_str_equal (label, builtin_measure_labels[i]))
        return g_dgettext (GETTEXT_PACKAGE, builtin_measure_labels[i]);
    }

  return label;
}
