/* tend-account-page.c: one account's own page, the 360° view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendUi"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <math.h>

#include "model/tend-health-score.h"
#include "model/tend-milestone.h"
#include "model/tend-usage.h"
#include "util/tend-date.h"
#include "util/tend-money.h"

#include "tend-account-page.h"
#include "tend-milestone-editor.h"
#include "tend-ui-charts.h"
#include "tend-ui-format.h"
#include "widgets/tend-chart-view.h"

/* The newest tickets shown; the rest are counted. */
#define MAX_TICKETS 25

/* How far back the score and usage charts look. */
#define HISTORY_DAYS 365
#define USAGE_DAYS 180

struct _TendAccountPage
{
  AdwBin                parent_instance;

  GtkScrolledWindow    *scroller;
  GtkLabel             *name_label;
  GtkLabel             *summary_label;
  GtkWidget            *score_box;
  GtkLabel             *score_label;
  GtkLabel             *band_label;
  AdwPreferencesGroup  *health_group;
  GtkListBox           *health_list;
  AdwPreferencesGroup  *changes_group;
  GtkListBox           *changes_list;
  AdwPreferencesGroup  *history_group;
  AdwPreferencesGroup  *milestones_group;
  GtkListBox           *milestones_list;
  AdwPreferencesGroup  *usage_group;
  GtkListBox           *subscriptions_list;
  AdwPreferencesGroup  *tickets_group;
  GtkListBox           *tickets_list;
  GtkListBox           *profile_list;
  AdwPreferencesGroup  *attributes_group;
  GtkListBox           *attributes_list;

  TendStore            *store;
  TendAccount          *account;
  GListStore           *milestones;
  TendChartView        *history_view;
  TendChartView        *usage_view;
  char                 *title;
  gulong                changed_handler;
  guint                 reload_source;
};

G_DEFINE_FINAL_TYPE (TendAccountPage, tend_account_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static guint
count_list (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_has_css_class (child, "placeholder-row"))
        n++;
    }

  return n;
}

/* A row whose title names a field and whose suffix holds the value, selectable. */
static GtkWidget *
add_field_row (GtkListBox *list,
               const char *title,
               const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *shown_title = tend_ui_display_text (title, TEND_UI_CHOICE_CHARS * 2);

  /* Titles such as a custom attribute's name and the values come from the imported file:
   * both are cut to a few lines' worth. (A label that wraps and ellipsizes both is
   * measured wrongly by GTK 4.8, which warns; so these only wrap.) */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown_title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  tend_ui_label_set_stored_text (GTK_LABEL (label), value);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  /* A wrapping label asks only for its longest word; letting it expand gives short
   * values such as a name or a domain the one line they need. */
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_append (list, row);

  return row;
}

/* A row with a title, a line under it and an optional status at its end. Titles and
 * lines hold product names, ticket subjects and the like: each is cut to a few lines'
 * worth, and wraps. */
static GtkWidget *
add_item_row (GtkListBox *list,
              const char *title,
              const char *subtitle,
              const char *status)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *shown_title = tend_ui_display_text (title, TEND_UI_LABEL_CHARS);
  g_autofree char *shown_subtitle = tend_ui_display_text (subtitle, TEND_UI_LABEL_CHARS);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown_title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shown_subtitle);

  if (status != NULL)
    {
      GtkWidget *label = gtk_label_new (status);

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }

  gtk_list_box_append (list, row);

  return row;
}

static void
add_placeholder_row (GtkListBox *list,
                     const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "placeholder-row");
  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_append (list, row);
}

static void
add_optional_field (GtkListBox *list,
                    const char *title,
                    const char *value)
{
  if (value != NULL && *value != '\0')
    add_field_row (list, title, value);
}

static void
show_header (TendAccountPage *self)
{
  TendAccount *account = self->account;
  const char *band = tend_account_get_health_band (account);
  g_autofree char *score = tend_ui_format_score (tend_account_get_health_score (account));
  g_autofree char *detail =
    tend_ui_format_score_detail (tend_account_get_health_score (account));
  g_autofree char *arr = tend_money_format (tend_account_get_arr_minor (account),
                                            tend_account_get_currency (account));
  g_autoptr(GString) summary = g_string_new (NULL);
  const char *parts[] = {
    tend_account_get_domain (account),
    tend_account_get_segment (account),
    tend_account_get_owner_name (account),
  };

  tend_ui_label_set_stored_text (self->name_label, tend_account_get_name (account));

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *part = NULL;

      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      if (summary->len > 0)
        g_string_append (summary, " · ");
      part = tend_ui_display_text (parts[i], TEND_UI_CHOICE_CHARS * 2);
      g_string_append (summary, part);
    }
  if (summary->len > 0)
    g_string_append (summary, " · ");
  /* Translators: "$120,000.00 ARR" */
  g_string_append_printf (summary, _("%s ARR"), arr);
  tend_ui_label_set_stored_text (self->summary_label, summary->str);

  gtk_label_set_text (self->score_label, score);
  /* The badge shows a whole number; the exact score is one hover away. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->score_label), detail);
  gtk_label_set_text (self->band_label, tend_ui_band_label (band));
  tend_ui_set_band_class (GTK_WIDGET (self->score_label), band);
  tend_ui_set_band_class (GTK_WIDGET (self->band_label), band);
}

static void
show_profile (TendAccountPage *self)
{
  TendAccount *account = self->account;
  g_autofree char *start = tend_ui_format_iso_date (tend_account_get_start_date (account));
  g_autofree char *renewal = tend_ui_format_iso_date (tend_account_get_renewal_date (account));
  g_autofree char *churned = tend_ui_format_iso_date (tend_account_get_churn_date (account));
  g_autofree char *arr = tend_money_format (tend_account_get_arr_minor (account),
                                            tend_account_get_currency (account));
  g_autofree char *seats = NULL;

  clear_list (self->profile_list);

  add_optional_field (self->profile_list, _("Domain"), tend_account_get_domain (account));
  add_optional_field (self->profile_list, _("Owner"), tend_account_get_owner_name (account));
  add_optional_field (self->profile_list, _("Segment"), tend_account_get_segment (account));
  add_optional_field (self->profile_list, _("Lifecycle Stage"),
                      tend_account_get_lifecycle_stage (account));
  add_optional_field (self->profile_list, _("Customer Since"), start);
  add_field_row (self->profile_list, _("Status"),
                 tend_ui_status_label (tend_account_get_status (account)));
  add_optional_field (self->profile_list, _("Churned On"), churned);
  add_optional_field (self->profile_list, _("Churn Reason"),
                      tend_account_get_churn_reason (account));
  add_field_row (self->profile_list, _("Annual Recurring Revenue"), arr);
  add_optional_field (self->profile_list, _("Renewal"), renewal);

  if (tend_account_get_licensed_seats (account) > 0)
    {
      seats = tend_ui_format_count (tend_account_get_licensed_seats (account));
      add_field_row (self->profile_list, _("Licensed Seats"), seats);
    }
}

static char *
attribute_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (!JSON_NODE_HOLDS_VALUE (node))
    return json_to_string (node, FALSE);

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
    case G_TYPE_INT64:
      return tend_number_format (json_node_get_int (node), 0);
    case G_TYPE_DOUBLE:
      return g_strdup_printf ("%'g", json_node_get_double (node));
    default:
      return g_strdup (json_node_get_string (node));
    }
}

static void
show_attributes (TendAccountPage *self)
{
  JsonObject *attributes = tend_account_get_attributes (self->account);
  g_autoptr(GList) members = NULL;

  clear_list (self->attributes_list);

  if (attributes != NULL)
    members = json_object_get_members (attributes);
  members = g_list_sort (members, (GCompareFunc)g_utf8_collate);

  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *value = attribute_text (json_object_get_member (attributes, l->data));

      add_field_row (self->attributes_list, l->data, value);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->attributes_group), members != NULL);
}

static const char *
interval_label (const char *interval)
{
  if (g_strcmp0 (interval, "month") == 0)
    return _("a month");
  if (g_strcmp0 (interval, "quarter") == 0)
    return _("a quarter");
  if (g_strcmp0 (interval, "year") == 0)
    return _("a year");

  return _("once");
}

static const char *
subscription_status_label (const char *status)
{
  if (g_strcmp0 (status, "active") == 0)
    return C_("subscription status", "Active");
  if (g_strcmp0 (status, "trialing") == 0)
    return C_("subscription status", "Trial");
  if (g_strcmp0 (status, "past_due") == 0)
    return C_("subscription status", "Past due");
  if (g_strcmp0 (status, "canceled") == 0)
    return C_("subscription status", "Canceled");
  if (g_strcmp0 (status, "ended") == 0)
    return C_("subscription status", "Ended");

  return status;
}

/* Whether the ISO date @iso is before today. */
static gboolean
iso_date_is_past (const char *iso)
{
  TendDay day = tend_day_from_iso (iso);

  return day != TEND_DAY_INVALID && day < tend_day_today ();
}

/* When a subscription renews or ended. An ended or canceled one does not renew: it ended
 * on its end date, or on its renewal date once that has passed; a canceled one whose
 * paid period runs on ends on its renewal date. */
static char *
subscription_when (const char *renewal_iso,
                   const char *end_iso,
                   const char *status)
{
  gboolean over = g_strcmp0 (status, "ended") == 0 || g_strcmp0 (status, "canceled") == 0;
  const char *iso = over ? (end_iso != NULL ? end_iso : renewal_iso)
                         : (renewal_iso != NULL ? renewal_iso : end_iso);
  g_autofree char *date = NULL;

  if (iso == NULL || *iso == '\0')
    return NULL;

  date = tend_ui_format_iso_date (iso);
  if (*date == '\0')
    return NULL;

  if (over && iso_date_is_past (iso))
    /* Translators: of a subscription, "ended on 4 Dec 2026" */
    return g_strdup_printf (_("ended on %s"), date);
  if (over || renewal_iso == NULL)
    /* Translators: of a subscription that will not renew, "ends on 4 Dec 2026" */
    return g_strdup_printf (_("ends on %s"), date);

  /* Translators: of a subscription, "renews on 4 Dec 2026" */
  return g_strdup_printf (_("renews on %s"), date);
}

static void
add_subscription_row (TendAccountPage *self,
                      sqlite3_stmt    *stmt)
{
  const char *product = (const char *)sqlite3_column_text (stmt, 0);
  const char *plan = (const char *)sqlite3_column_text (stmt, 1);
  g_autofree char *amount = tend_money_format (sqlite3_column_int64 (stmt, 2),
                                               (const char *)sqlite3_column_text (stmt, 3));
  const char *interval = (const char *)sqlite3_column_text (stmt, 4);
  int quantity = sqlite3_column_int (stmt, 5);
  const char *status = (const char *)sqlite3_column_text (stmt, 8);
  g_autofree char *when = subscription_when ((const char *)sqlite3_column_text (stmt, 6),
                                             (const char *)sqlite3_column_text (stmt, 7),
                                             status);
  g_autofree char *shown_product = tend_ui_display_text (product, TEND_UI_CHOICE_CHARS * 2);
  g_autofree char *shown_plan = tend_ui_display_text (plan, TEND_UI_CHOICE_CHARS * 2);
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  title = *shown_plan != '\0' ? g_strdup_printf ("%s — %s", shown_product, shown_plan)
                              : g_strdup (shown_product);

  /* Translators: "$99.00 a month" */
  g_string_append_printf (subtitle, _("%s %s"), amount, interval_label (interval));
  if (quantity > 1)
    /* Translators: the quantity of a subscription, "× 25" */
    g_string_append_printf (subtitle, _(" × %d"), quantity);
  if (when != NULL)
    g_string_append_printf (subtitle, " · %s", when);

  add_item_row (self->subscriptions_list, title, subtitle->str,
                subscription_status_label (status));
}

static gboolean
show_subscriptions (TendAccountPage  *self,
                    GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  clear_list (self->subscriptions_list);

  stmt = tend_store_prepare (self->store,
                             "SELECT product, plan, amount_minor, currency, billing_interval, "
                             "       quantity, renewal_date, end_date, status "
                             "FROM subscriptions WHERE account_id = ?1 "
                             "ORDER BY status <> 'active', start_date DESC, id",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, tend_account_get_id (self->account));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_subscription_row (self, stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (self->store, error, rc, _("read the subscriptions"));
      return FALSE;
    }

  if (count_list (self->subscriptions_list) == 0)
    add_placeholder_row (self->subscriptions_list, _("No subscriptions"));

  return TRUE;
}

static const char *
priority_label (const char *priority)
{
  if (g_strcmp0 (priority, "low") == 0)
    return C_("ticket priority", "Low priority");
  if (g_strcmp0 (priority, "high") == 0)
    return C_("ticket priority", "High priority");
  if (g_strcmp0 (priority, "urgent") == 0)
    return C_("ticket priority", "Urgent");

  return C_("ticket priority", "Normal priority");
}

static const char *
ticket_status_label (const char *status)
{
  if (g_strcmp0 (status, "new") == 0)
    return C_("ticket status", "New");
  if (g_strcmp0 (status, "open") == 0)
    return C_("ticket status", "Open");
  if (g_strcmp0 (status, "pending") == 0)
    return C_("ticket status", "Pending");
  if (g_strcmp0 (status, "hold") == 0)
    return C_("ticket status", "On hold");
  if (g_strcmp0 (status, "solved") == 0)
    return C_("ticket status", "Solved");

  return C_("ticket status", "Closed");
}

static void
add_ticket_row (TendAccountPage *self,
                sqlite3_stmt    *stmt)
{
  const char *subject = (const char *)sqlite3_column_text (stmt, 0);
  const char *priority = (const char *)sqlite3_column_text (stmt, 1);
  const char *status = (const char *)sqlite3_column_text (stmt, 2);
  g_autofree char *opened = tend_ui_format_unix_date (sqlite3_column_int64 (stmt, 3));
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  /* Translators: "High priority · opened on 3 Jan 2026" */
  subtitle = g_strdup_printf (_("%s · opened on %s"), priority_label (priority), opened);
  row = add_item_row (self->tickets_list,
                      subject != NULL && *subject != '\0' ? subject : _("(no subject)"),
                      subtitle, ticket_status_label (status));

  if (g_strcmp0 (priority, "urgent") == 0 || g_strcmp0 (priority, "high") == 0)
    gtk_widget_add_css_class (row, "ticket-high");
}

static gboolean
show_tickets (TendAccountPage  *self,
              GError          **error)
{
  sqlite3_stmt *stmt;
  guint total = 0;
  int rc;

  clear_list (self->tickets_list);

  stmt = tend_store_prepare (self->store,
                             "SELECT subject, priority, status, opened_at, "
                             "       COUNT(*) OVER () "
                             "FROM tickets WHERE account_id = ?1 "
                             "ORDER BY opened_at DESC, id DESC LIMIT ?2",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, tend_account_get_id (self->account));
  sqlite3_bind_int (stmt, 2, MAX_TICKETS);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      total = sqlite3_column_int (stmt, 4);
      add_ticket_row (self, stmt);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (self->store, error, rc, _("read the tickets"));
      return FALSE;
    }

  if (total == 0)
    add_placeholder_row (self->tickets_list, _("No support tickets"));

  if (total > MAX_TICKETS)
    {
      g_autofree char *shown = tend_ui_format_count (MAX_TICKETS);
      g_autofree char *all = tend_ui_format_count (total);
      g_autofree char *description = g_strdup_printf (_("The newest %s of %s"), shown, all);

      adw_preferences_group_set_description (self->tickets_group, description);
    }
  else
    adw_preferences_group_set_description (self->tickets_group, NULL);

  return TRUE;
}

static void
add_score_part_row (TendAccountPage     *self,
                    const TendScorePart *part)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *contribution = NULL;
  GtkWidget *row;

  if (part->missing)
    {
      subtitle = g_strdup (_("No data: left out, and the other weights rescaled"));
      row = add_item_row (self->health_list, tend_ui_measure_label (part->label), subtitle,
                          NULL);
      gtk_widget_add_css_class (row, "dim-label");
      return;
    }

  {
    g_autofree char *input = tend_ui_format_score_input (part);
    g_autofree char *points = tend_number_format (part->points, 0);
    g_autofree char *share = tend_number_format (part->effective_weight * 100, 0);
    g_autofree char *weight = g_strdup_printf ("%g", part->weight);

    /* Translators: "80 points × 25% of the score (weight 2)" */
    subtitle = g_strdup_printf (_("%s points × %s%% of the score (weight %s)"), points, share,
                                weight);

    /* What the measure read comes first: the points make sense only beside it. */
    if (input != NULL)
      {
        g_autofree char *points_text = g_steal_pointer (&subtitle);

        /* Translators: "12 days since last activity · 0 points × 15% of the score" */
        subtitle = g_strdup_printf (_("%s · %s"), input, points_text);
      }
  }
  contribution = tend_number_format (part->contribution, 1);
  row = add_item_row (self->health_list, tend_ui_measure_label (part->label), subtitle,
                      contribution);
  gtk_widget_set_tooltip_text (row, _("The points this measure adds to the score"));
}

static void
show_missing_inputs (TendAccountPage *self,
                     TendHealthScore *score)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *description = NULL;
  guint n_missing = 0;

  for (guint i = 0; i < tend_health_score_get_n_parts (score); i++)
    {
      const TendScorePart *part = tend_health_score_get_part (score, i);

      g_autofree char *label = NULL;

      if (!part->missing)
        continue;
      if (names->len > 0)
        g_string_append (names, _(", "));
      label = tend_ui_display_text (tend_ui_measure_label (part->label), TEND_UI_CHOICE_CHARS);
      g_string_append (names, label);
      n_missing++;
    }

  if (n_missing > 0)
    /* Translators: "Missing inputs: Satisfaction, Billing health" */
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Missing input: %s",
                                                "Missing inputs: %s", n_missing),
                                   names->str);
  else
    description = g_strdup (_("What each measure gave this account, and its share of the "
                              "score"));

  adw_preferences_group_set_description (self->health_group, description);
}

static void
show_changes (TendAccountPage *self,
              TendHealthScore *score,
              TendHealthScore *previous)
{
  g_autoptr(GPtrArray) changes = tend_health_score_explain (score, previous);
  g_autofree char *since = NULL;
  g_autofree char *total = NULL;
  g_autofree char *description = NULL;

  clear_list (self->changes_list);
  gtk_widget_set_visible (GTK_WIDGET (self->changes_group), previous != NULL);
  if (previous == NULL)
    return;

  since = tend_day_format (tend_health_score_get_day (previous));
  total = tend_ui_format_change (tend_health_score_get_score (score) -
                         tend_health_score_get_score (previous), 1);
  /* Translators: "Since the score of 12/01/2026: +4.2 points" */
  description = g_strdup_printf (_("Since the score of %s: %s points"), since, total);
  adw_preferences_group_set_description (self->changes_group, description);

  for (guint i = 0; i < changes->len; i++)
    {
      const TendScoreChange *change = g_ptr_array_index (changes, i);
      g_autofree char *delta = tend_ui_format_change (change->contribution_delta, 1);
      const char *subtitle = NULL;

      if (change->was_missing && !change->is_missing)
        subtitle = _("Had no data before");
      else if (!change->was_missing && change->is_missing)
        subtitle = _("Has no data now");
      else if (fabs (change->contribution_delta) < 0.05)
        continue;

      add_item_row (self->changes_list, tend_ui_measure_label (change->label), subtitle, delta);
    }

  if (count_list (self->changes_list) == 0)
    add_placeholder_row (self->changes_list, _("No measure moved"));
}

static gboolean
show_health (TendAccountPage  *self,
             GError          **error)
{
  gint64 id = tend_account_get_id (self->account);
  g_autoptr(TendHealthScore) score = NULL;
  g_autoptr(TendHealthScore) previous = NULL;
  GError *local_error = NULL;

  clear_list (self->health_list);

  score = tend_health_score_load_latest (self->store, id, G_MAXINT, &local_error);
  if (score == NULL && local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (score == NULL)
    {
      add_placeholder_row (self->health_list, _("Not scored yet"));
      adw_preferences_group_set_description (self->health_group, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->changes_group), FALSE);
      return TRUE;
    }

  for (guint i = 0; i < tend_health_score_get_n_parts (score); i++)
    add_score_part_row (self, tend_health_score_get_part (score, i));
  show_missing_inputs (self, score);

  previous = tend_health_score_load_previous (score, self->store, &local_error);
  if (previous == NULL && local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  show_changes (self, score, previous);

  return TRUE;
}

static GtkWindow *
account_page_get_window (TendAccountPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
milestone_complete_toggled_cb (GtkCheckButton *check,
                               TendMilestone  *milestone)
{
  TendAccountPage *self = g_object_get_data (G_OBJECT (check), "tend-page");
  g_autoptr(GError) error = NULL;
  gboolean saved;

  if (gtk_check_button_get_active (check))
    saved = tend_milestone_complete (milestone, self->store, &error);
  else
    {
      tend_milestone_set_completed_date (milestone, NULL);
      saved = tend_milestone_save (milestone, self->store, &error);
    }

  if (!saved)
    g_warning ("Could not save the milestone: %s", error->message);
}

static void
milestone_edit_clicked_cb (GtkButton     *button,
                           TendMilestone *milestone)
{
  TendAccountPage *self = g_object_get_data (G_OBJECT (button), "tend-page");
  GtkWidget *editor;

  editor = tend_milestone_editor_new (account_page_get_window (self), self->store, milestone);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
milestone_delete_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              TendMilestone    *milestone)
{
  TendStore *store = g_object_get_data (G_OBJECT (dialog), "tend-store");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") == 0 &&
      !tend_milestone_delete (milestone, store, &error))
    g_warning ("Could not delete the milestone: %s", error->message);
}

static void
milestone_delete_clicked_cb (GtkButton     *button,
                             TendMilestone *milestone)
{
  TendAccountPage *self = g_object_get_data (G_OBJECT (button), "tend-page");
  g_autofree char *title = tend_ui_display_text (tend_milestone_get_title (milestone),
                                                 TEND_UI_LABEL_CHARS);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (account_page_get_window (self), _("Delete Milestone?"),
                                   title);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "tend-store", g_object_ref (self->store),
                          g_object_unref);
  g_signal_connect_data (dialog, "response", G_CALLBACK (milestone_delete_response_cb),
                         g_object_ref (milestone), (GClosureNotify)(void (*) (void))g_object_unref,
                         0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
milestone_subtitle (TendMilestone *milestone)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *completed = tend_milestone_get_completed_date (milestone);
  const char *owner = tend_milestone_get_owner_name (milestone);

  if (completed != NULL)
    {
      g_autofree char *date = tend_ui_format_iso_date (completed);

      /* Translators: "Completed on 12/04/2026" */
      g_string_append_printf (text, _("Completed on %s"), date);
    }
  else if (tend_milestone_get_due_date (milestone) != NULL)
    {
      g_autofree char *date = tend_ui_format_iso_date (tend_milestone_get_due_date (milestone));

      if (tend_milestone_is_overdue (milestone, tend_day_today ()))
        /* Translators: "Overdue since 12/04/2026" */
        g_string_append_printf (text, _("Overdue since %s"), date);
      else
        /* Translators: "Due on 12/04/2026" */
        g_string_append_printf (text, _("Due on %s"), date);
    }
  else
    g_string_append (text, _("No due date"));

  if (owner != NULL && *owner != '\0')
    {
      g_autofree char *shown = tend_ui_display_text (owner, TEND_UI_CHOICE_CHARS);

      g_string_append_printf (text, " · %s", shown);
    }

  /* Translators: the progress of a milestone, "· 40% done" */
  g_string_append_printf (text, _(" · %d%% done"), tend_milestone_get_progress (milestone));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
milestone_button (TendAccountPage *self,
                  TendMilestone   *milestone,
                  const char      *icon,
                  const char      *label,
                  GCallback        callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_object_set_data (G_OBJECT (button), "tend-page", self);
  g_signal_connect_object (button, "clicked", callback, milestone, 0);

  return button;
}

static void
add_milestone_row (TendAccountPage *self,
                   TendMilestone   *milestone)
{
  g_autofree char *subtitle = milestone_subtitle (milestone);
  GtkWidget *row = add_item_row (self->milestones_list, tend_milestone_get_title (milestone),
                                 subtitle, NULL);
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               tend_milestone_get_completed_date (milestone) != NULL);
  gtk_widget_set_tooltip_text (check, _("Completed"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Completed"), -1);
  g_object_set_data (G_OBJECT (check), "tend-page", self);
  g_signal_connect_object (check, "toggled", G_CALLBACK (milestone_complete_toggled_cb),
                           milestone, 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             milestone_button (self, milestone, "document-edit-symbolic",
                                               _("Edit Milestone"),
                                               G_CALLBACK (milestone_edit_clicked_cb)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             milestone_button (self, milestone, "user-trash-symbolic",
                                               _("Delete Milestone"),
                                               G_CALLBACK (milestone_delete_clicked_cb)));

  if (tend_milestone_is_overdue (milestone, tend_day_today ()))
    gtk_widget_add_css_class (row, "milestone-overdue");
}

static gboolean
show_milestones (TendAccountPage  *self,
                 GError          **error)
{
  g_autoptr(GListStore) milestones = NULL;
  guint n;

  clear_list (self->milestones_list);

  milestones = tend_milestone_load_for_account (self->store, tend_account_get_id (self->account),
                                                error);
  if (milestones == NULL)
    return FALSE;

  n = g_list_model_get_n_items (G_LIST_MODEL (milestones));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TendMilestone) milestone = g_list_model_get_item (G_LIST_MODEL (milestones), i);

      add_milestone_row (self, milestone);
    }

  if (n == 0)
    add_placeholder_row (self->milestones_list, _("No milestones in the success plan"));

  /* The rows' buttons point at these objects; they live as long as the rows. */
  g_set_object (&self->milestones, milestones);

  return TRUE;
}

static gboolean
show_score_history (TendAccountPage  *self,
                    GError          **error)
{
  TendDay today = tend_day_today ();
  g_autoptr(GArray) points = NULL;
  g_autoptr(TendChart) chart = NULL;
  g_autofree TendDay *days = NULL;
  g_autofree double *values = NULL;

  points = tend_health_score_load_history (self->store, tend_account_get_id (self->account),
                                           today - HISTORY_DAYS, today, error);
  if (points == NULL)
    return FALSE;

  days = g_new (TendDay, MAX (points->len, 1));
  values = g_new (double, MAX (points->len, 1));
  for (guint i = 0; i < points->len; i++)
    {
      days[i] = g_array_index (points, TendScorePoint, i).day;
      values[i] = g_array_index (points, TendScorePoint, i).score;
    }

  chart = tend_ui_chart_new_score_history (self->store, _("Health score over the last year"));
  tend_chart_set_days (chart, days, points->len);
  tend_chart_add_series (chart, _("Health score"), TEND_CHART_COLOR_ACCENT, values,
                         points->len);
  tend_chart_view_set_chart (self->history_view, chart);

  return TRUE;
}

static gboolean
show_usage (TendAccountPage  *self,
            GError          **error)
{
  TendDay today = tend_day_today ();
  g_autoptr(GArray) usage = NULL;
  g_autoptr(TendChart) chart = tend_chart_new (TEND_CHART_KIND_AREA);
  g_autofree TendDay *days = NULL;
  g_autofree double *users = NULL;

  usage = tend_usage_load (self->store, tend_account_get_id (self->account),
                           today - USAGE_DAYS, today, error);
  if (usage == NULL)
    return FALSE;

  days = g_new (TendDay, MAX (usage->len, 1));
  users = g_new (double, MAX (usage->len, 1));
  for (guint i = 0; i < usage->len; i++)
    {
      days[i] = g_array_index (usage, TendUsageDay, i).day;
      users[i] = g_array_index (usage, TendUsageDay, i).active_users;
    }

  tend_chart_set_title (chart, _("Active users a day"));
  tend_chart_set_show_title (chart, FALSE);
  tend_chart_set_format (chart, TEND_CHART_FORMAT_INTEGER);
  tend_chart_set_days (chart, days, usage->len);
  tend_chart_add_series (chart, _("Active users"), TEND_CHART_COLOR_TEAL, users, usage->len);
  tend_chart_view_set_chart (self->usage_view, chart);

  adw_preferences_group_set_description (self->usage_group,
                                         usage->len > 0 ? _("Active users a day")
                                                        : _("No usage recorded in the last "
                                                            "six months"));

  return TRUE;
}

static gboolean
account_page_show (TendAccountPage  *self,
                   GError          **error)
{
  show_header (self);
  show_profile (self);
  show_attributes (self);

  return show_health (self, error) &&
         show_score_history (self, error) &&
         show_usage (self, error) &&
         show_milestones (self, error) &&
         show_subscriptions (self, error) &&
         show_tickets (self, error);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  TendAccountPage *self = user_data;
  g_autoptr(GError) error = NULL;

  self->reload_source = 0;
  if (self->account != NULL &&
      !tend_account_page_load (self, tend_account_get_id (self->account), &error))
    g_warning ("Could not reload the account: %s", error->message);

  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (TendAccountPage *self,
                  const char      *what,
                  TendStore       *store)
{
  if (self->account == NULL || self->reload_source != 0)
    return;

  self->reload_source = g_idle_add (reload_idle_cb, self);
}

static void
add_milestone_cb (TendAccountPage *self)
{
  g_autoptr(TendMilestone) milestone = NULL;
  GtkWidget *editor;

  if (self->account == NULL)
    return;

  /* The account's owner is who usually sees a milestone through: offered first. */
  milestone = tend_milestone_new (tend_account_get_id (self->account));
  tend_milestone_set_owner_id (milestone, tend_account_get_owner_id (self->account));
  editor = tend_milestone_editor_new (account_page_get_window (self), self->store, milestone);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
tend_account_page_dispose (GObject *object)
{
  TendAccountPage *self = TEND_ACCOUNT_PAGE (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);
  g_clear_object (&self->account);
  g_clear_object (&self->milestones);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (tend_account_page_parent_class)->dispose (object);
}

static void
tend_account_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TendAccountPage *self = TEND_ACCOUNT_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_TITLE:
      g_value_set_string (value, tend_account_page_get_title (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_account_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TendAccountPage *self = TEND_ACCOUNT_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tend_account_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_account_page_class_init (TendAccountPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_account_page_dispose;
  object_class->get_property = tend_account_page_get_property;
  object_class->set_property = tend_account_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TEND_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TendAccountPage:title:
   *
   * The name of the account shown, for the header bar.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tendcs/Tend/ui/tend-account-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TendAccountPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, TendAccountPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, TendAccountPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TendAccountPage, score_box);
  gtk_widget_class_bind_template_child (widget_class, TendAccountPage, score_label);
  gtk_widget_class_bind_template_child (widget_class, TendAccountPage, band_label);
  gtk_widget_class_bind_template_child (widget_class, TendAccountPage, health_group);
  gtk_widget_class_bind_template_child (widget_class, TendAccountPage, health_list);
  gtk_widget_class_bind_template_child (widget_class, TendAccountPage, changes_group);
  gtk_widget_class_bind_template_child (widget_class, TendAccountPage, changes_list);
  gtk_widget_class_bind_template_child (widget_class, TendAccountPage, history_group);
  gtk_widget_class_bind_template_child (widget_class, TendAccountPage, milestones_group);
  gtk_widget_class_bind_template_child (widget_class, TendAccountPage, milestones_list);
  gtk_widget_class_bind_template_child (widget_class, TendAccountPage, usage_group);
  gtk_widget_class_bind_template_child (widget_class, TendAccountPage, subscriptions_list);
  gtk_widget_class_bind_template_child (widget_class, TendAccountPage, tickets_group);
  gtk_widget_class_bind_template_child (widget_class, TendAccountPage, tickets_list);
  gtk_widget_class_bind_template_child (widget_class, TendAccountPage, profile_list);
  gtk_widget_class_bind_template_child (widget_class, TendAccountPage, attributes_group);
  gtk_widget_class_bind_template_child (widget_class, TendAccountPage, attributes_list);
  gtk_widget_class_bind_template_callback (widget_class, add_milestone_cb);
}

static GtkWidget *
create_chart_view (void)
{
  GtkWidget *view = tend_chart_view_new (NULL);
  GtkWidget *frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_size_request (view, -1, 200);
  gtk_widget_add_css_class (frame, "card");
  gtk_widget_add_css_class (frame, "chart-card");
  gtk_box_append (GTK_BOX (frame), view);

  return frame;
}

static void
tend_account_page_init (TendAccountPage *self)
{
  GtkWidget *history = create_chart_view ();
  GtkWidget *usage = create_chart_view ();

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_preferences_group_add (self->history_group, history);
  adw_preferences_group_add (self->usage_group, usage);
  self->history_view = TEND_CHART_VIEW (gtk_widget_get_first_child (history));
  self->usage_view = TEND_CHART_VIEW (gtk_widget_get_first_child (usage));
}

GtkWidget *
tend_account_page_new (void)
{
  return g_object_new (TEND_TYPE_ACCOUNT_PAGE, NULL);
}

TendStore *
tend_account_page_get_store (TendAccountPage *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_PAGE (self), NULL);

  return self->store;
}

/**
 * tend_account_page_set_store:
 * @store: (nullable): the workspace the accounts shown come from
 */
void
tend_account_page_set_store (TendAccountPage *self,
                             TendStore       *store)
{
  g_return_if_fail (TEND_IS_ACCOUNT_PAGE (self));
  g_return_if_fail (store == NULL || TEND_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->changed_handler = g_signal_connect_object (store, "changed",
                                                     G_CALLBACK (store_changed_cb), self,
                                                     G_CONNECT_SWAPPED);

  g_clear_object (&self->account);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * tend_account_page_load:
 *
 * Shows the account @account_id, read afresh from the workspace.
 */
gboolean
tend_account_page_load (TendAccountPage  *self,
                        gint64            account_id,
                        GError          **error)
{
  g_autoptr(TendAccount) account = NULL;
  gboolean same;

  g_return_val_if_fail (TEND_IS_ACCOUNT_PAGE (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  account = tend_account_load (self->store, account_id, error);
  if (account == NULL)
    return FALSE;

  same = self->account != NULL && tend_account_get_id (self->account) == account_id;
  g_set_object (&self->account, account);
  g_free (self->title);
  self->title = tend_ui_display_text (tend_account_get_name (account), TEND_UI_LABEL_CHARS);

  if (!same)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);

  return account_page_show (self, error);
}

/**
 * tend_account_page_get_account:
 *
 * Returns: (transfer none) (nullable): the account shown
 */
TendAccount *
tend_account_page_get_account (TendAccountPage *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_PAGE (self), NULL);

  return self->account;
}

/**
 * tend_account_page_get_title:
 *
 * Returns: (nullable): the account's name as the page shows it, cut to a line's worth
 */
const char *
tend_account_page_get_title (TendAccountPage *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT_PAGE (self), NULL);

  return self->account != NULL ? self->title : NULL;
}

/**
 * tend_account_page_count_rows:
 * @section: "profile", "attributes", "subscriptions", "tickets", "health" or "milestones"
 *
 * Returns: how many rows of data the section shows, placeholders not counted
 */
guint
tend_account_page_count_rows (TendAccountPage *self,
                              const char      *section)
{
  const struct {
    const char *name;
    gsize       offset;
  } sections[] = {
    { "profile", G_STRUCT_OFFSET (TendAccountPage, profile_list) },
    { "attributes", G_STRUCT_OFFSET (TendAccountPage, attributes_list) },
    { "subscriptions", G_STRUCT_OFFSET (TendAccountPage, subscriptions_list) },
    { "tickets", G_STRUCT_OFFSET (TendAccountPage, tickets_list) },
    { "health", G_STRUCT_OFFSET (TendAccountPage, health_list) },
    { "milestones", G_STRUCT_OFFSET (TendAccountPage, milestones_list) },
  };

  g_return_val_if_fail (TEND_IS_ACCOUNT_PAGE (self), 0);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      if (g_strcmp0 (sections[i].name, section) == 0)
        return count_list (G_STRUCT_MEMBER (GtkListBox *, self, sections[i].offset));
    }

  g_return_val_if_reached (0);
}
