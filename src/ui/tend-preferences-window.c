/* tend-preferences-window.c: the preferences, with the health scorecard editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "Health Score" page edits the workspace's active scorecard in place: every change
 * is saved a moment after the last one and the scores are recomputed in a worker thread,
 * so the dashboard and the lists follow; then the backtest says how well the scorecard
 * separates the accounts that churned from those that stayed. The "General" page holds
 * the preferences of this computer, when the settings schema is installed.
 */

#define G_LOG_DOMAIN "TendUi"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "scoring/tend-scorer.h"
#include "util/tend-date.h"
#include "util/tend-money.h"

#include "tend-preferences-window.h"
#include "tend-settings.h"
#include "tend-ui-format.h"

/* Edits come in bursts (a spin button held down); the save waits for them to settle. */
#define SAVE_DELAY_MS 400

/* A churned account is judged by its score this long before it left, as `tend backtest`
 * does by default. */
#define BACKTEST_LEAD_DAYS 30

/* The verdicts' thresholds on the ROC AUC. */
#define AUC_GOOD 0.75
#define AUC_FAIR 0.6

/* A new measure's weight, next to the 5 to 30 of the built-in scorecards. */
#define NEW_MEASURE_WEIGHT 10

/* Attribute keys and values are looked for among this many accounts, which is enough to
 * find the columns of an import without reading a large workspace whole. */
#define ATTRIBUTE_SAMPLE 1000

/* A categorical rule starts with the most common values, this many at most. */
#define MAX_NEW_CATEGORIES 20

struct _TendPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GtkLabel             *message_label;
  AdwComboRow          *scorecard_row;
  AdwActionRow         *red_row;
  GtkSpinButton        *red_spin;
  AdwActionRow         *green_row;
  GtkSpinButton        *green_spin;
  AdwPreferencesGroup  *measures_group;
  GtkMenuButton        *add_button;
  GtkSpinner           *backtest_spinner;
  AdwActionRow         *auc_row;
  GtkLabel             *auc_label;
  AdwActionRow         *outcomes_row;
  AdwPreferencesPage   *general_page;
  AdwActionRow         *bom_row;
  GtkSwitch            *bom_switch;

  TendStore            *store;
  TendScorecard        *scorecard;
  char                **scorecard_names;
  char                **attribute_keys;
  GPtrArray            *editors;
  char                 *message;
  char                 *band_message;

  guint                 save_source;
  GCancellable         *recompute_cancellable;
  gboolean              recomputing;
  gboolean              recompute_again;
  TendBacktestResult    backtest;
  gboolean              has_backtest;

  gboolean              updating;
  gboolean              disposed;
};

G_DEFINE_FINAL_TYPE (TendPreferencesWindow, tend_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

/* The rows of one measure, inside its expander row. */
typedef struct
{
  TendPreferencesWindow *window;
  TendMeasure           *measure;
  AdwExpanderRow        *expander;
  GtkWidget             *remove_button;
  AdwEntryRow           *label_row;
  GtkSpinButton         *weight;
  AdwComboRow           *rule;
  AdwActionRow          *good_row;
  GtkSpinButton         *good;
  AdwActionRow          *poor_row;
  GtkSpinButton         *poor;
  AdwActionRow          *higher_row;
  GtkSwitch             *higher;
  GPtrArray             *category_rows;
  gulong                 notify_id;
} MeasureEditor;

static void preferences_rebuild_measures (TendPreferencesWindow *self);
static void preferences_start_recompute (TendPreferencesWindow *self);
static void editor_label_remove_button (MeasureEditor *editor);

static void
measure_editor_free (gpointer data)
{
  MeasureEditor *editor = data;

  g_clear_signal_handler (&editor->notify_id, editor->measure);
  g_clear_object (&editor->measure);
  g_clear_pointer (&editor->category_rows, g_ptr_array_unref);
  g_free (editor);
}

/* Messages: a band cut-off that is not valid, or a scorecard that cannot be saved. */

static void
preferences_show_message (TendPreferencesWindow *self)
{
  const char *message = self->band_message != NULL ? self->band_message : self->message;

  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
preferences_set_message (TendPreferencesWindow *self,
                         const char            *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  preferences_show_message (self);
}

static char *
format_percent (double value)
{
  g_autofree char *number = tend_number_format (value, 0);

  /* Translators: a percentage, "30%"; put the sign where your language does */
  return g_strdup_printf (_("%s%%"), number);
}

/* The backtest. */

static const char *
verdict_for_auc (double auc)
{
  if (auc >= AUC_GOOD)
    return _("Separates churned from retained accounts well");
  if (auc >= AUC_FAIR)
    return _("Somewhat separates churned from retained accounts");

  return _("Barely better than chance");
}

static void
preferences_show_backtest (TendPreferencesWindow *self)
{
  g_autofree char *churned = NULL;
  g_autofree char *retained = NULL;
  g_autofree char *outcomes = NULL;
  g_autofree char *auc = NULL;
  const TendBacktestResult *result = &self->backtest;

  gtk_widget_set_visible (GTK_WIDGET (self->backtest_spinner), self->recomputing);
  gtk_spinner_set_spinning (self->backtest_spinner, self->recomputing);

  if (!self->has_backtest)
    {
      gtk_label_set_text (self->auc_label, "—");
      adw_action_row_set_subtitle (self->auc_row, _("The backtest could not be run"));
      adw_action_row_set_subtitle (self->outcomes_row, "");
      return;
    }

  churned = tend_ui_format_count (result->n_churned);
  retained = tend_ui_format_count (result->n_retained);
  /* Translators: "1,869 churned and 5,174 retained accounts with a score" */
  outcomes = g_strdup_printf (_("%s churned and %s retained accounts with a score"),
                              churned, retained);
  adw_action_row_set_subtitle (self->outcomes_row, outcomes);

  if (isnan (result->auc))
    {
      gtk_label_set_text (self->auc_label, "—");
      adw_action_row_set_subtitle (self->auc_row,
                                   _("Not enough known outcomes: the backtest needs scored "
                                     "accounts that churned and scored accounts that stayed"));
      return;
    }

  auc = tend_number_format (result->auc, 2);
  gtk_label_set_text (self->auc_label, auc);
  adw_action_row_set_subtitle (self->auc_row, verdict_for_auc (result->auc));
}

/* The backtest is one query on the window's own connection, run in the main thread: on
 * the Telco data it takes milliseconds, but a workspace of 100,000 accounts makes the
 * window pause after each recompute; moving it to a worker with a sibling connection is
 * left to do. */
static void
preferences_run_backtest (TendPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  self->has_backtest = tend_backtest_run (self->store, BACKTEST_LEAD_DAYS, &self->backtest,
                                          &error);
  if (!self->has_backtest)
    g_warning ("Could not backtest the scorecard: %s", error->message);

  preferences_show_backtest (self);
}

/* Saving and recomputing. */

static void
recompute_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TendPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = tend_scorer_recompute_finish (TEND_STORE (source), result, &error);

  self->recomputing = FALSE;
  g_clear_object (&self->recompute_cancellable);

  /* A change came while this ran: score again with it, even if the window has closed. */
  if (self->recompute_again)
    {
      self->recompute_again = FALSE;
      preferences_start_recompute (self);
      return;
    }

  if (self->disposed)
    {
      if (!ok)
        g_warning ("Could not recompute the health scores: %s", error->message);
      return;
    }

  if (!ok)
    {
      g_autofree char *message = g_strdup_printf (_("Could not recompute the health scores: %s"),
                                                  error->message);

      preferences_set_message (self, message);
    }

  preferences_run_backtest (self);
}

static void
preferences_start_recompute (TendPreferencesWindow *self)
{
  /* One recompute at a time: a running one, now out of date, is stopped and redone. */
  if (self->recomputing)
    {
      self->recompute_again = TRUE;
      g_cancellable_cancel (self->recompute_cancellable);
      return;
    }

  self->recomputing = TRUE;
  self->recompute_cancellable = g_cancellable_new ();
  tend_scorer_recompute_async (self->store, self->scorecard, tend_day_today (),
                               self->recompute_cancellable, NULL, NULL, recompute_done_cb,
                               g_object_ref (self));

  if (!self->disposed)
    preferences_show_backtest (self);
}

static gboolean
preferences_save (TendPreferencesWindow *self,
                  gboolean               recompute)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (!tend_scorecard_save (self->scorecard, self->store, &error))
    {
      if (!self->disposed)
        preferences_set_message (self, error->message);
      else
        g_warning ("Could not save the scorecard: %s", error->message);
      return FALSE;
    }

  if (!self->disposed)
    preferences_set_message (self, NULL);

  if (recompute)
    preferences_start_recompute (self);

  return TRUE;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  TendPreferencesWindow *self = user_data;

  self->save_source = 0;
  preferences_save (self, TRUE);

  return G_SOURCE_REMOVE;
}

static void
preferences_schedule_save (TendPreferencesWindow *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

/* Each measure's share of the total weight, in its row's subtitle. */
static void
editor_show_share (MeasureEditor *editor,
                   double         total)
{
  double weight = tend_measure_get_weight (editor->measure);
  g_autofree char *subtitle = NULL;
  g_autofree char *share = NULL;

  if (weight <= 0 || total <= 0)
    {
      adw_expander_row_set_subtitle (editor->expander, _("Not counted: its weight is 0"));
      return;
    }

  share = format_percent (100 * weight / total);
  /* Translators: "30% of the score" */
  subtitle = g_strdup_printf (_("%s of the score"), share);
  adw_expander_row_set_subtitle (editor->expander, subtitle);
}

static void
preferences_show_shares (TendPreferencesWindow *self)
{
  double total = tend_scorecard_get_total_weight (self->scorecard);

  for (guint i = 0; i < self->editors->len; i++)
    editor_show_share (self->editors->pdata[i], total);
}

static void
scorecard_changed_cb (TendScorecard         *scorecard,
                      TendPreferencesWindow *self)
{
  preferences_show_shares (self);
  preferences_schedule_save (self);
}

static void
scorecard_items_changed_cb (GListModel            *model,
                            guint                  position,
                            guint                  removed,
                            guint                  added,
                            TendPreferencesWindow *self)
{
  preferences_rebuild_measures (self);
}

/* Band cut-offs: red below, green from; only a pair with red under green is applied. */
static void
bands_changed_cb (TendPreferencesWindow *self)
{
  double red = gtk_spin_button_get_value (self->red_spin);
  double green = gtk_spin_button_get_value (self->green_spin);
  gboolean valid = red < green;

  if (self->updating || self->scorecard == NULL)
    return;

  g_clear_pointer (&self->band_message, g_free);
  if (!valid)
    self->band_message = g_strdup (_("The red cut-off must be below the green one; the "
                                     "bands are kept as they were until it is."));
  preferences_show_message (self);

  if (valid)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->red_row), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->green_row), "error");

      /* Applied in the order that keeps red at or below green at every step. */
      if (red < tend_scorecard_get_red_below (self->scorecard))
        {
          tend_scorecard_set_red_below (self->scorecard, red);
          tend_scorecard_set_green_from (self->scorecard, green);
        }
      else
        {
          tend_scorecard_set_green_from (self->scorecard, green);
          tend_scorecard_set_red_below (self->scorecard, red);
        }
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->red_row), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->green_row), "error");
    }
}

static void
preferences_sync_bands (TendPreferencesWindow *self)
{
  gboolean updating = self->updating;

  self->updating = TRUE;
  gtk_spin_button_set_value (self->red_spin, tend_scorecard_get_red_below (self->scorecard));
  gtk_spin_button_set_value (self->green_spin, tend_scorecard_get_green_from (self->scorecard));
  self->updating = updating;

  g_clear_pointer (&self->band_message, g_free);
  gtk_widget_remove_css_class (GTK_WIDGET (self->red_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->green_row), "error");
  preferences_show_message (self);
}

/* A measure's editor. */

static GtkSpinButton *
spin_new (double       lower,
          double       upper,
          double       step,
          double       value,
          const char  *accessible_label)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);

  /* Enough decimals for what the value has, so that it is shown as it is stored. */
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin),
                              fabs (value - round (value)) > 1e-9 ? 2 : 0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);

  return GTK_SPIN_BUTTON (spin);
}

static AdwActionRow *
spin_row_new (const char    *title,
              const char    *subtitle,
              GtkSpinButton *spin)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (spin));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (spin));

  return ADW_ACTION_ROW (row);
}

static gboolean
measure_is_attribute (TendMeasure *measure)
{
  return tend_measure_get_kind (measure) == TEND_MEASURE_ATTRIBUTE;
}

/* The rules a measure can have: points by value only for custom attributes, which may be
 * text; the other inputs are numbers. */
static GListModel *
rule_labels_new (TendMeasure *measure)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  gtk_string_list_append (labels, C_("scoring rule", "Thresholds"));
  gtk_string_list_append (labels, C_("scoring rule", "Linear"));
  if (measure_is_attribute (measure))
    gtk_string_list_append (labels, C_("scoring rule", "Points per value"));

  return G_LIST_MODEL (labels);
}

static const char *
rule_description (TendRuleType type)
{
  switch (type)
    {
    case TEND_RULE_THRESHOLDS:
      return _("100 points at the good bound or beyond it, 0 at the poor bound or beyond it, "
               "50 between them");
    case TEND_RULE_LINEAR:
      return _("0 points at the poor bound, rising evenly to 100 at the good bound");
    case TEND_RULE_CATEGORICAL:
    default:
      return _("The points of the account’s value in the table; other values count as "
               "missing");
    }
}

static void
editor_sync_rule_rows (MeasureEditor *editor)
{
  TendRuleType type = tend_measure_get_rule_type (editor->measure);
  gboolean categorical = type == TEND_RULE_CATEGORICAL;

  adw_combo_row_set_use_subtitle (editor->rule, FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (editor->rule), rule_description (type));

  gtk_widget_set_visible (GTK_WIDGET (editor->good_row), !categorical);
  gtk_widget_set_visible (GTK_WIDGET (editor->poor_row), !categorical);
  gtk_widget_set_visible (GTK_WIDGET (editor->higher_row), !categorical);

  for (guint i = 0; i < editor->category_rows->len; i++)
    gtk_widget_set_visible (editor->category_rows->pdata[i], categorical);
}

static void
category_points_changed_cb (GtkSpinButton *spin,
                            MeasureEditor *editor)
{
  const char *value = g_object_get_data (G_OBJECT (spin), "tend-category");

  if (editor->window->updating)
    return;

  tend_measure_set_category_points (editor->measure, value, gtk_spin_button_get_value (spin));
}

/* The table of a categorical rule: a row per value with its points. */
static void
editor_build_categories (MeasureEditor *editor)
{
  TendMeasure *measure = editor->measure;

  for (guint i = 0; i < editor->category_rows->len; i++)
    adw_expander_row_remove (editor->expander, editor->category_rows->pdata[i]);
  g_ptr_array_set_size (editor->category_rows, 0);

  for (guint i = 0; i < tend_measure_get_n_categories (measure); i++)
    {
      double points = 0;
      const char *value = tend_measure_get_category (measure, i, &points);
      g_autofree char *accessible = g_strdup_printf (_("Points for “%s”"), value);
      GtkSpinButton *spin = spin_new (0, 100, 5, points, accessible);
      AdwActionRow *row = spin_row_new (value, NULL, spin);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (row, _("Points for this value"));
      g_object_set_data_full (G_OBJECT (spin), "tend-category", g_strdup (value), g_free);
      g_signal_connect (spin, "value-changed", G_CALLBACK (category_points_changed_cb), editor);
      adw_expander_row_add_row (editor->expander, GTK_WIDGET (row));
      g_ptr_array_add (editor->category_rows, row);
    }
}

static void
measure_notify_cb (TendMeasure   *measure,
                   GParamSpec    *pspec,
                   MeasureEditor *editor)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "label"))
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->expander),
                                     tend_ui_measure_label (tend_measure_get_label (measure)));
      editor_label_remove_button (editor);
    }
  else if (g_str_equal (name, "categories") &&
           tend_measure_get_n_categories (measure) != editor->category_rows->len)
    editor_build_categories (editor);

  editor_sync_rule_rows (editor);
}

static void
weight_changed_cb (GtkSpinButton *spin,
                   MeasureEditor *editor)
{
  if (!editor->window->updating)
    tend_measure_set_weight (editor->measure, gtk_spin_button_get_value (spin));
}

static void
label_changed_cb (GtkEditable   *editable,
                  MeasureEditor *editor)
{
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (!editor->window->updating)
    tend_measure_set_label (editor->measure, label);
}

static void
bound_changed_cb (GtkSpinButton *spin,
                  MeasureEditor *editor)
{
  if (editor->window->updating)
    return;

  if (spin == editor->good)
    tend_measure_set_good (editor->measure, gtk_spin_button_get_value (spin));
  else
    tend_measure_set_poor (editor->measure, gtk_spin_button_get_value (spin));
}

static void
editor_sync_bounds (MeasureEditor *editor)
{
  gboolean updating = editor->window->updating;

  editor->window->updating = TRUE;
  gtk_spin_button_set_value (editor->good, tend_measure_get_good (editor->measure));
  gtk_spin_button_set_value (editor->poor, tend_measure_get_poor (editor->measure));
  editor->window->updating = updating;
}

/* Turning the direction round mirrors the rule: the good bound becomes the poor one. */
static void
higher_changed_cb (GtkSwitch     *toggle,
                   GParamSpec    *pspec,
                   MeasureEditor *editor)
{
  TendMeasure *measure = editor->measure;
  gboolean higher = gtk_switch_get_active (toggle);
  double good = tend_measure_get_good (measure);
  double poor = tend_measure_get_poor (measure);

  if (editor->window->updating || higher == tend_measure_get_higher_is_better (measure))
    return;

  g_object_freeze_notify (G_OBJECT (measure));
  tend_measure_set_higher_is_better (measure, higher);
  if ((higher && good < poor) || (!higher && good > poor))
    {
      tend_measure_set_good (measure, poor);
      tend_measure_set_poor (measure, good);
    }
  g_object_thaw_notify (G_OBJECT (measure));

  editor_sync_bounds (editor);
}

typedef struct
{
  char  *value;
  guint  count;
} ValueCount;

static int
compare_value_counts (gconstpointer a,
                      gconstpointer b)
{
  const ValueCount *x = a;
  const ValueCount *y = b;

  if (x->count != y->count)
    return x->count < y->count ? 1 : -1;

  return g_utf8_collate (x->value, y->value);
}

/* The values of an attribute among the sampled accounts, the most common first. */
static GArray *
preferences_read_attribute_values (TendPreferencesWindow *self,
                                   const char            *key)
{
  g_autoptr(GError) error = NULL;
  GArray *values = g_array_new (FALSE, FALSE, sizeof (ValueCount));
  sqlite3_stmt *stmt;

  stmt = tend_store_prepare (self->store,
                             "SELECT j.value, count (*) FROM "
                             "  (SELECT attributes FROM accounts ORDER BY id LIMIT ?2) a, "
                             "  json_each (CASE WHEN json_valid (a.attributes) "
                             "             THEN a.attributes ELSE '{}' END) j "
                             "WHERE j.key = ?1 AND j.type IN ('text', 'integer', 'real') "
                             "GROUP BY j.value",
                             &error);
  if (stmt == NULL)
    {
      g_warning ("Could not read the values of an attribute: %s", error->message);
      return values;
    }

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, ATTRIBUTE_SAMPLE);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ValueCount entry = { g_strdup ((const char *)sqlite3_column_text (stmt, 0)),
                           sqlite3_column_int (stmt, 1) };

      g_array_append_val (values, entry);
    }
  sqlite3_reset (stmt);

  g_array_sort (values, compare_value_counts);

  return values;
}

static void
value_counts_free (GArray *values)
{
  for (guint i = 0; i < values->len; i++)
    g_free (g_array_index (values, ValueCount, i).value);
  g_array_unref (values);
}

static gboolean
value_is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_number (const char *text,
              double     *number)
{
  char *end = NULL;

  *number = g_ascii_strtod (text, &end);

  return end != text && *end == '\0' && isfinite (*number);
}

/* The most common values, at 50 points each until the user says which are good. */
static void
preferences_add_categories (TendMeasure *measure,
                            GArray      *values)
{
  for (guint i = 0, added = 0; i < values->len && added < MAX_NEW_CATEGORIES; i++)
    {
      const char *value = g_array_index (values, ValueCount, i).value;

      if (value_is_blank (value))
        continue;

      tend_measure_set_category_points (measure, value, 50);
      added++;
    }
}

/* A new attribute measure starts from the data: a number is scored linearly between its
 * lowest and highest values, a text by points per value, all at 50 until the user says
 * which values are good. */
static void
preferences_configure_attribute_measure (TendPreferencesWindow *self,
                                         TendMeasure           *measure)
{
  GArray *values = preferences_read_attribute_values (self, tend_measure_get_attribute (measure));
  double lowest = INFINITY;
  double highest = -INFINITY;
  gboolean numeric = values->len > 0;

  for (guint i = 0; numeric && i < values->len; i++)
    {
      const char *value = g_array_index (values, ValueCount, i).value;
      double number;

      /* A blank is a missing value, whatever the column holds otherwise. */
      if (value_is_blank (value))
        continue;

      numeric = parse_number (value, &number);
      lowest = MIN (lowest, number);
      highest = MAX (highest, number);
    }
  numeric = numeric && isfinite (lowest);

  if (numeric)
    {
      tend_measure_set_rule_type (measure, TEND_RULE_LINEAR);
      tend_measure_set_higher_is_better (measure, TRUE);
      tend_measure_set_poor (measure, lowest);
      tend_measure_set_good (measure, highest > lowest ? highest : lowest + 1);
    }
  else
    {
      preferences_add_categories (measure, values);
      if (tend_measure_get_n_categories (measure) > 0)
        tend_measure_set_rule_type (measure, TEND_RULE_CATEGORICAL);
    }

  value_counts_free (values);
}

static void
rule_selected_cb (AdwComboRow   *row,
                  GParamSpec    *pspec,
                  MeasureEditor *editor)
{
  guint position = adw_combo_row_get_selected (row);
  TendRuleType type = position == 2 ? TEND_RULE_CATEGORICAL
                                    : position == 1 ? TEND_RULE_LINEAR : TEND_RULE_THRESHOLDS;

  if (editor->window->updating || position == GTK_INVALID_LIST_POSITION)
    return;

  /* An empty table gets the attribute's values first, so the rule is valid at once. */
  if (type == TEND_RULE_CATEGORICAL && tend_measure_get_n_categories (editor->measure) == 0)
    {
      GArray *values = preferences_read_attribute_values (editor->window,
                                                          tend_measure_get_attribute (
                                                            editor->measure));

      preferences_add_categories (editor->measure, values);
      value_counts_free (values);
    }

  tend_measure_set_rule_type (editor->measure, type);
}

static void
remove_clicked_cb (GtkButton     *button,
                   MeasureEditor *editor)
{
  TendScorecard *scorecard = editor->window->scorecard;
  guint n = tend_scorecard_get_n_measures (scorecard);

  for (guint i = 0; i < n; i++)
    {
      if (tend_scorecard_get_measure (scorecard, i) == editor->measure)
        {
          /* The editor goes with its row when the list is rebuilt. */
          tend_scorecard_remove_measure (scorecard, i);
          return;
        }
    }
}

static void
editor_label_remove_button (MeasureEditor *editor)
{
  g_autofree char *accessible = NULL;

  /* Translators: the accessible name of a measure's remove button */
  accessible = g_strdup_printf (_("Remove the measure “%s”"),
                                tend_ui_measure_label (tend_measure_get_label (editor->measure)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (editor->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static GtkWidget *
remove_button_new (MeasureEditor *editor)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  editor->remove_button = button;
  editor_label_remove_button (editor);
  gtk_widget_set_tooltip_text (button, _("Remove Measure"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", G_CALLBACK (remove_clicked_cb), editor);

  return button;
}

static void
editor_add_rule_rows (MeasureEditor *editor)
{
  TendMeasure *measure = editor->measure;
  const char *unit = tend_measure_get_kind (measure) == TEND_MEASURE_ATTRIBUTE
                     ? NULL : tend_measure_kind_get_unit (tend_measure_get_kind (measure));
  g_autoptr(GListModel) rules = rule_labels_new (measure);
  GtkWidget *higher_row = adw_action_row_new ();

  editor->rule = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->rule), _("Rule"));
  adw_combo_row_set_model (editor->rule, rules);
  adw_combo_row_set_selected (editor->rule, tend_measure_get_rule_type (measure));
  g_signal_connect (editor->rule, "notify::selected", G_CALLBACK (rule_selected_cb), editor);
  adw_expander_row_add_row (editor->expander, GTK_WIDGET (editor->rule));

  editor->good = spin_new (-1e6, 1e6, 1, tend_measure_get_good (measure), _("Good at"));
  editor->good_row = spin_row_new (_("Good at"), unit, editor->good);
  g_signal_connect (editor->good, "value-changed", G_CALLBACK (bound_changed_cb), editor);
  adw_expander_row_add_row (editor->expander, GTK_WIDGET (editor->good_row));

  editor->poor = spin_new (-1e6, 1e6, 1, tend_measure_get_poor (measure), _("Poor at"));
  editor->poor_row = spin_row_new (_("Poor at"), unit, editor->poor);
  g_signal_connect (editor->poor, "value-changed", G_CALLBACK (bound_changed_cb), editor);
  adw_expander_row_add_row (editor->expander, GTK_WIDGET (editor->poor_row));

  editor->higher = GTK_SWITCH (gtk_switch_new ());
  gtk_switch_set_active (editor->higher, tend_measure_get_higher_is_better (measure));
  gtk_widget_set_valign (GTK_WIDGET (editor->higher), GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (higher_row), _("Higher is better"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (higher_row), GTK_WIDGET (editor->higher));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (higher_row),
                                         GTK_WIDGET (editor->higher));
  g_signal_connect (editor->higher, "notify::active", G_CALLBACK (higher_changed_cb), editor);
  editor->higher_row = ADW_ACTION_ROW (higher_row);
  adw_expander_row_add_row (editor->expander, higher_row);
}

static MeasureEditor *
measure_editor_new (TendPreferencesWindow *self,
                    TendMeasure           *measure)
{
  MeasureEditor *editor = g_new0 (MeasureEditor, 1);
  g_autofree char *kind = NULL;

  editor->window = self;
  editor->measure = g_object_ref (measure);
  editor->category_rows = g_ptr_array_new ();
  editor->expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (editor->expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->expander),
                                 tend_ui_measure_label (tend_measure_get_label (measure)));
  adw_expander_row_add_action (editor->expander, remove_button_new (editor));

  editor->label_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->label_row), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (editor->label_row), tend_measure_get_label (measure));
  g_signal_connect (editor->label_row, "changed", G_CALLBACK (label_changed_cb), editor);
  adw_expander_row_add_row (editor->expander, GTK_WIDGET (editor->label_row));

  editor->weight = spin_new (0, 1000, 1, tend_measure_get_weight (measure), _("Weight"));
  g_signal_connect (editor->weight, "value-changed", G_CALLBACK (weight_changed_cb), editor);
  if (measure_is_attribute (measure))
    kind = g_strdup_printf (_("Reads the custom attribute “%s”"),
                            tend_measure_get_attribute (measure));
  adw_expander_row_add_row (editor->expander,
                            GTK_WIDGET (spin_row_new (_("Weight"), kind, editor->weight)));

  editor_add_rule_rows (editor);
  editor_build_categories (editor);
  editor_sync_rule_rows (editor);

  editor->notify_id = g_signal_connect (measure, "notify", G_CALLBACK (measure_notify_cb),
                                        editor);

  return editor;
}

static void
preferences_rebuild_measures (TendPreferencesWindow *self)
{
  g_autoptr(GHashTable) expanded = g_hash_table_new (NULL, NULL);
  guint n = self->scorecard != NULL ? tend_scorecard_get_n_measures (self->scorecard) : 0;
  gboolean updating = self->updating;

  /* A measure that was open stays open. */
  for (guint i = 0; i < self->editors->len; i++)
    {
      MeasureEditor *editor = self->editors->pdata[i];

      if (adw_expander_row_get_expanded (editor->expander))
        g_hash_table_add (expanded, editor->measure);
      adw_preferences_group_remove (self->measures_group, GTK_WIDGET (editor->expander));
    }
  g_ptr_array_set_size (self->editors, 0);

  self->updating = TRUE;
  for (guint i = 0; i < n; i++)
    {
      TendMeasure *measure = tend_scorecard_get_measure (self->scorecard, i);
      MeasureEditor *editor = measure_editor_new (self, measure);

      adw_expander_row_set_expanded (editor->expander,
                                     g_hash_table_contains (expanded, measure));
      adw_preferences_group_add (self->measures_group, GTK_WIDGET (editor->expander));
      g_ptr_array_add (self->editors, editor);
    }
  self->updating = updating;

  preferences_show_shares (self);
}

/* Adding measures: the kinds Tend knows, and the workspace's custom attributes. */

static char **
preferences_read_attribute_keys (TendPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  GStrvBuilder *builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  char **keys;

  stmt = tend_store_prepare (self->store,
                             "SELECT DISTINCT j.key FROM "
                             "  (SELECT attributes FROM accounts ORDER BY id LIMIT ?1) a, "
                             "  json_each (CASE WHEN json_valid (a.attributes) "
                             "             THEN a.attributes ELSE '{}' END) j "
                             "WHERE j.type IN ('text', 'integer', 'real') "
                             "ORDER BY j.key COLLATE NOCASE",
                             &error);
  if (stmt != NULL)
    {
      sqlite3_bind_int (stmt, 1, ATTRIBUTE_SAMPLE);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  else
    {
      g_warning ("Could not read the custom attributes: %s", error->message);
    }

  keys = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return keys;
}

static void
preferences_build_add_menu (TendPreferencesWindow *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) kinds = g_menu_new ();
  g_autoptr(GMenu) attributes = g_menu_new ();

  for (guint kind = 0; kind < TEND_MEASURE_ATTRIBUTE; kind++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (tend_measure_kind_get_label (kind), NULL);

      g_menu_item_set_action_and_target (item, "prefs.add-measure", "s",
                                         tend_measure_kind_to_string (kind));
      g_menu_append_item (kinds, item);
    }

  for (guint i = 0; self->attribute_keys[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (self->attribute_keys[i], NULL);
      g_autofree char *target = g_strconcat (tend_measure_kind_to_string (TEND_MEASURE_ATTRIBUTE),
                                             ":", self->attribute_keys[i], NULL);

      g_menu_item_set_action_and_target (item, "prefs.add-measure", "s", target);
      g_menu_append_item (attributes, item);
    }
  if (self->attribute_keys[0] == NULL)
    g_menu_append (attributes, _("No account has custom attributes yet"), NULL);

  g_menu_append_section (menu, NULL, G_MENU_MODEL (kinds));
  g_menu_append_submenu (menu, _("Custom Attribute…"), G_MENU_MODEL (attributes));
  gtk_menu_button_set_menu_model (self->add_button, G_MENU_MODEL (menu));
}

static void
add_measure_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TendPreferencesWindow *self = TEND_PREFERENCES_WINDOW (widget);
  g_autoptr(TendMeasure) measure = NULL;
  g_autofree char *attribute = NULL;
  TendMeasureKind kind;
  MeasureEditor *editor;

  if (!tend_measure_kind_from_string (g_variant_get_string (parameter, NULL), &kind,
                                      &attribute))
    return;

  measure = tend_measure_new (kind == TEND_MEASURE_ATTRIBUTE ? attribute : NULL, kind, attribute);
  tend_measure_set_weight (measure, NEW_MEASURE_WEIGHT);
  if (kind == TEND_MEASURE_ATTRIBUTE)
    preferences_configure_attribute_measure (self, measure);

  tend_scorecard_add_measure (self->scorecard, measure);

  /* The new measure is open, to be set up. */
  editor = self->editors->len > 0 ? g_ptr_array_index (self->editors, self->editors->len - 1)
                                  : NULL;
  if (editor != NULL)
    adw_expander_row_set_expanded (editor->expander, TRUE);
}

/* Choosing the scorecard. */

static void
preferences_set_scorecard (TendPreferencesWindow *self,
                           TendScorecard         *scorecard)
{
  if (self->scorecard != NULL)
    g_signal_handlers_disconnect_by_data (self->scorecard, self);

  g_set_object (&self->scorecard, scorecard);
  g_signal_connect (scorecard, "changed", G_CALLBACK (scorecard_changed_cb), self);
  g_signal_connect (scorecard, "items-changed", G_CALLBACK (scorecard_items_changed_cb), self);

  preferences_sync_bands (self);
  preferences_rebuild_measures (self);
}

static void
preferences_fill_scorecard_names (TendPreferencesWindow *self)
{
  g_autoptr(GtkStringList) names = NULL;
  g_autoptr(GError) error = NULL;
  gboolean updating = self->updating;
  guint selected = 0;

  g_strfreev (self->scorecard_names);
  self->scorecard_names = tend_scorecard_list_names (self->store, &error);
  if (self->scorecard_names == NULL)
    {
      preferences_set_message (self, error->message);
      self->scorecard_names = g_new0 (char *, 1);
    }

  names = gtk_string_list_new ((const char * const *)self->scorecard_names);
  for (guint i = 0; self->scorecard_names[i] != NULL; i++)
    {
      if (self->scorecard != NULL &&
          g_str_equal (self->scorecard_names[i], tend_scorecard_get_name (self->scorecard)))
        selected = i;
    }

  self->updating = TRUE;
  adw_combo_row_set_model (self->scorecard_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->scorecard_row, selected);
  self->updating = updating;
}

static void
scorecard_selected_cb (TendPreferencesWindow *self)
{
  guint position = adw_combo_row_get_selected (self->scorecard_row);
  g_autoptr(TendScorecard) scorecard = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  if (self->updating || self->scorecard_names == NULL || position == GTK_INVALID_LIST_POSITION)
    return;

  name = self->scorecard_names[position];
  if (g_str_equal (name, tend_scorecard_get_name (self->scorecard)))
    return;

  /* The edits of the scorecard left behind are kept; it is no longer the one scoring. */
  if (self->save_source != 0)
    preferences_save (self, FALSE);

  scorecard = tend_scorecard_load (self->store, name, &error);
  if (scorecard == NULL || !tend_scorecard_activate (scorecard, self->store, &error))
    {
      preferences_set_message (self, error->message);
      preferences_fill_scorecard_names (self);
      return;
    }

  preferences_set_message (self, NULL);
  preferences_set_scorecard (self, scorecard);
  preferences_start_recompute (self);
}

static void
preferences_load (TendPreferencesWindow *self)
{
  g_autoptr(TendScorecard) scorecard = NULL;
  g_autoptr(GError) error = NULL;

  if (!tend_scorecard_install_builtins (self->store, &error))
    {
      preferences_set_message (self, error->message);
      g_clear_error (&error);
    }

  scorecard = tend_scorecard_load_active (self->store, &error);
  if (scorecard == NULL)
    {
      preferences_set_message (self, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->measures_group), FALSE);
      scorecard = tend_scorecard_new (TEND_SCORECARD_DEFAULT);
    }

  preferences_set_scorecard (self, scorecard);
  preferences_fill_scorecard_names (self);

  self->attribute_keys = preferences_read_attribute_keys (self);
  preferences_build_add_menu (self);
  preferences_run_backtest (self);
}

/* Scores recomputed elsewhere (an import) change the backtest; new accounts may bring
 * new attributes to score. */
static void
store_changed_cb (TendStore             *store,
                  const char            *what,
                  TendPreferencesWindow *self)
{
  if (g_str_equal (what, "scores") && !self->recomputing)
    preferences_run_backtest (self);

  if (g_str_equal (what, "accounts"))
    {
      g_strfreev (self->attribute_keys);
      self->attribute_keys = preferences_read_attribute_keys (self);
      preferences_build_add_menu (self);
    }
}

static void
preferences_bind_settings (TendPreferencesWindow *self)
{
  GSettings *settings = tend_settings_get ();

  /* Without the schema (Tend run from its build folder) there is nothing to keep, and
   * the page goes: a hidden page would keep its button in the view switcher. */
  if (settings == NULL)
    {
      adw_preferences_window_remove (ADW_PREFERENCES_WINDOW (self), self->general_page);
      return;
    }

  g_settings_bind (settings, "export-with-bom", self->bom_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

/* A change still waiting is saved and scored when the window closes; the recompute goes
 * on to its end, holding a reference to the window. */
static gboolean
tend_preferences_window_close_request (GtkWindow *window)
{
  TendPreferencesWindow *self = TEND_PREFERENCES_WINDOW (window);
  GtkWindowClass *parent_class = GTK_WINDOW_CLASS (tend_preferences_window_parent_class);

  if (self->save_source != 0)
    preferences_save (self, TRUE);

  return parent_class->close_request != NULL && parent_class->close_request (window);
}

static void
tend_preferences_window_dispose (GObject *object)
{
  TendPreferencesWindow *self = (TendPreferencesWindow *)object;

  /* As when the window closes, for a window destroyed without closing; a recompute
   * running finds this flag when it ends. */
  if (self->save_source != 0)
    preferences_save (self, TRUE);
  self->disposed = TRUE;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->scorecard != NULL)
    g_signal_handlers_disconnect_by_data (self->scorecard, self);

  /* The editors' widgets go first, quietly, as their handlers point at the editors. */
  self->updating = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_PREFERENCES_WINDOW);
  g_clear_pointer (&self->editors, g_ptr_array_unref);

  G_OBJECT_CLASS (tend_preferences_window_parent_class)->dispose (object);
}

static void
tend_preferences_window_finalize (GObject *object)
{
  TendPreferencesWindow *self = (TendPreferencesWindow *)object;

  g_clear_object (&self->recompute_cancellable);
  g_clear_object (&self->scorecard);
  g_clear_object (&self->store);
  g_clear_pointer (&self->scorecard_names, g_strfreev);
  g_clear_pointer (&self->attribute_keys, g_strfreev);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->band_message, g_free);

  G_OBJECT_CLASS (tend_preferences_window_parent_class)->finalize (object);
}

static void
tend_preferences_window_class_init (TendPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tend_preferences_window_dispose;
  object_class->finalize = tend_preferences_window_finalize;
  window_class->close_request = tend_preferences_window_close_request;

  tend_ui_ensure_resources ();

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tendcs/Tend/ui/"
                                               "tend-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TendPreferencesWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, TendPreferencesWindow, scorecard_row);
  gtk_widget_class_bind_template_child (widget_class, TendPreferencesWindow, red_row);
  gtk_widget_class_bind_template_child (widget_class, TendPreferencesWindow, red_spin);
  gtk_widget_class_bind_template_child (widget_class, TendPreferencesWindow, green_row);
  gtk_widget_class_bind_template_child (widget_class, TendPreferencesWindow, green_spin);
  gtk_widget_class_bind_template_child (widget_class, TendPreferencesWindow, measures_group);
  gtk_widget_class_bind_template_child (widget_class, TendPreferencesWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, TendPreferencesWindow, backtest_spinner);
  gtk_widget_class_bind_template_child (widget_class, TendPreferencesWindow, auc_row);
  gtk_widget_class_bind_template_child (widget_class, TendPreferencesWindow, auc_label);
  gtk_widget_class_bind_template_child (widget_class, TendPreferencesWindow, outcomes_row);
  gtk_widget_class_bind_template_child (widget_class, TendPreferencesWindow, general_page);
  gtk_widget_class_bind_template_child (widget_class, TendPreferencesWindow, bom_row);
  gtk_widget_class_bind_template_child (widget_class, TendPreferencesWindow, bom_switch);
  gtk_widget_class_bind_template_callback (widget_class, scorecard_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, bands_changed_cb);

  gtk_widget_class_install_action (widget_class, "prefs.add-measure", "s", add_measure_action);
}

static void
tend_preferences_window_init (TendPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->editors = g_ptr_array_new_with_free_func (measure_editor_free);
  self->backtest.auc = NAN;
}

/**
 * tend_preferences_window_new:
 * @parent: (nullable): the window the preferences belong to
 * @store: the workspace whose scorecard is edited
 *
 * Returns: (transfer none): the preferences window, on the workspace's active scorecard
 */
TendPreferencesWindow *
tend_preferences_window_new (GtkWindow *parent,
                             TendStore *store)
{
  TendPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  self = g_object_new (TEND_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);

  preferences_load (self);
  preferences_bind_settings (self);

  return self;
}

/**
 * tend_preferences_window_present:
 * @parent: (nullable): the window the preferences belong to
 * @store: the workspace whose scorecard is edited
 *
 * Opens the preferences on the "Health Score" page.
 */
void
tend_preferences_window_present (GtkWindow *parent,
                                 TendStore *store)
{
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (TEND_IS_STORE (store));

  gtk_window_present (GTK_WINDOW (tend_preferences_window_new (parent, store)));
}

/**
 * tend_preferences_window_get_scorecard:
 *
 * Returns: (transfer none): the scorecard being edited, the workspace's active one
 */
TendScorecard *
tend_preferences_window_get_scorecard (TendPreferencesWindow *self)
{
  g_return_val_if_fail (TEND_IS_PREFERENCES_WINDOW (self), NULL);

  return self->scorecard;
}

/**
 * tend_preferences_window_choose_scorecard:
 *
 * Chooses the scorecard @name in the dropdown, which makes it the active one.
 *
 * Returns: whether the workspace has such a scorecard
 */
gboolean
tend_preferences_window_choose_scorecard (TendPreferencesWindow *self,
                                          const char            *name)
{
  g_return_val_if_fail (TEND_IS_PREFERENCES_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; self->scorecard_names[i] != NULL; i++)
    {
      if (g_str_equal (self->scorecard_names[i], name))
        {
          adw_combo_row_set_selected (self->scorecard_row, i);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * tend_preferences_window_get_band_spin:
 * @green: %TRUE for the green cut-off, %FALSE for the red one
 *
 * Returns: (transfer none): the spin button of a band cut-off
 */
GtkSpinButton *
tend_preferences_window_get_band_spin (TendPreferencesWindow *self,
                                       gboolean               green)
{
  g_return_val_if_fail (TEND_IS_PREFERENCES_WINDOW (self), NULL);

  return green ? self->green_spin : self->red_spin;
}

/**
 * tend_preferences_window_get_weight_spin:
 *
 * Returns: (transfer none) (nullable): the weight's spin button of the measure whose id
 *   is @measure_id
 */
GtkSpinButton *
tend_preferences_window_get_weight_spin (TendPreferencesWindow *self,
                                         const char            *measure_id)
{
  g_return_val_if_fail (TEND_IS_PREFERENCES_WINDOW (self), NULL);
  g_return_val_if_fail (measure_id != NULL, NULL);

  for (guint i = 0; i < self->editors->len; i++)
    {
      MeasureEditor *editor = self->editors->pdata[i];

      if (g_str_equal (tend_measure_get_id (editor->measure), measure_id))
        return editor->weight;
    }

  return NULL;
}

/**
 * tend_preferences_window_get_message:
 *
 * Returns: (nullable): the problem the window shows: cut-offs in the wrong order, or a
 *   scorecard that cannot be saved or scored
 */
const char *
tend_preferences_window_get_message (TendPreferencesWindow *self)
{
  g_return_val_if_fail (TEND_IS_PREFERENCES_WINDOW (self), NULL);

  return self->band_message != NULL ? self->band_message : self->message;
}

/**
 * tend_preferences_window_get_busy:
 *
 * Returns: whether a change waits to be saved or the scores are being recomputed
 */
gboolean
tend_preferences_window_get_busy (TendPreferencesWindow *self)
{
  g_return_val_if_fail (TEND_IS_PREFERENCES_WINDOW (self), FALSE);

  return self->save_source != 0 || self->recomputing;
}

/**
 * tend_preferences_window_get_backtest:
 * @result: (out caller-allocates): the latest backtest
 *
 * Returns: whether the backtest could be run
 */
gboolean
tend_preferences_window_get_backtest (TendPreferencesWindow *self,
                                      TendBacktestResult    *result)
{
  g_return_val_if_fail (TEND_IS_PREFERENCES_WINDOW (self), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  *result = self->backtest;

  return self->has_backtest;
}

/**
 * tend_preferences_window_get_auc_text:
 *
 * Returns: the ROC AUC as the window shows it
 */
const char *
tend_preferences_window_get_auc_text (TendPreferencesWindow *self)
{
  g_return_val_if_fail (TEND_IS_PREFERENCES_WINDOW (self), NULL);

  return gtk_label_get_text (self->auc_label);
}

/**
 * tend_preferences_window_get_verdict:
 *
 * Returns: what the window says of the AUC, in words
 */
const char *
tend_preferences_window_get_verdict (TendPreferencesWindow *self)
{
  g_return_val_if_fail (TEND_IS_PREFERENCES_WINDOW (self), NULL);

  return adw_action_row_get_subtitle (self->auc_row);
}

/**
 * tend_preferences_window_list_attributes:
 *
 * Returns: (transfer full): the custom attributes the "Custom Attribute…" menu offers
 */
char **
tend_preferences_window_list_attributes (TendPreferencesWindow *self)
{
  g_return_val_if_fail (TEND_IS_PREFERENCES_WINDOW (self), NULL);

  return g_strdupv (self->attribute_keys);
}
