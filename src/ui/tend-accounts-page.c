/* tend-accounts-page.c: the sortable, searchable list of accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is a TendAccountList used as it is: sorting, searching and filtering happen in
 * SQL inside the model, so that 100,000 accounts stay quick. The column view's header
 * sorters only carry the state (see tend-column-sorter.c).
 */

#define G_LOG_DOMAIN "TendUi"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "reports/tend-account-export.h"
#include "util/tend-money.h"

#include "tend-accounts-page.h"
#include "tend-column-sorter.h"
#include "tend-settings.h"
#include "tend-ui-format.h"

struct _TendAccountsPage
{
  AdwBin              parent_instance;

  GtkSearchEntry     *search_entry;
  GtkDropDown        *band_dropdown;
  GtkDropDown        *owner_dropdown;
  GtkDropDown        *segment_dropdown;
  GtkDropDown        *status_dropdown;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  GtkScrolledWindow  *scroller;
  GtkColumnView      *column_view;

  TendStore          *store;
  TendAccountList    *list;
  GtkSingleSelection *selection;
  GArray             *owner_ids;
  GPtrArray          *segments;
  gulong              changed_handler;
  guint               choices_source;
  gboolean            updating_filters;
  gboolean            scroll_pending;
};

G_DEFINE_FINAL_TYPE (TendAccountsPage, tend_accounts_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The band filter's choices, in the order of the drop-down. */
static const char *const band_values[] = { NULL, "red", "yellow", "green", "unscored" };

/* The status filter's choices, likewise. */
static const char *const status_values[] = { NULL, "active", "trial", "paused", "churned" };

typedef enum
{
  CELL_TEXT,
  CELL_NUMBER,
  CELL_HEALTH,
} CellKind;

typedef struct
{
  const char         *id;
  const char         *title;
  TendAccountSortKey  key;
  CellKind            kind;
  char             *(*text) (TendAccount *account);
  gboolean            expand;
  int                 width;
} ColumnSpec;

static char *
name_text (TendAccount *account)
{
  return g_strdup (tend_account_get_name (account));
}

static char *
owner_text (TendAccount *account)
{
  return g_strdup (tend_account_get_owner_name (account));
}

static char *
segment_text (TendAccount *account)
{
  return g_strdup (tend_account_get_segment (account));
}

static char *
arr_text (TendAccount *account)
{
  return tend_money_format (tend_account_get_arr_minor (account),
                            tend_account_get_currency (account));
}

static char *
trend_text (TendAccount *account)
{
  double change = tend_account_get_health_change (account);

  if (tend_account_get_health_score (account) < 0)
    return NULL;

  /* Scored, but not 30 days ago: no change to tell, which "0.0" would claim. */
  if (isnan (change))
    return g_strdup ("—");

  return tend_ui_format_change (change, 1);
}

static char *
renewal_text (TendAccount *account)
{
  return tend_ui_format_iso_date (tend_account_get_renewal_date (account));
}

static char *
status_text (TendAccount *account)
{
  return g_strdup (tend_ui_status_label (tend_account_get_status (account)));
}

/* The ids are the names the accounts-sort-column setting uses. The columns are always
 * all shown: the accounts-visible-columns setting is not applied yet, since there is no
 * control to choose columns with. */
static const ColumnSpec columns[] = {
  { "name", N_("Name"), TEND_ACCOUNT_SORT_NAME, CELL_TEXT, name_text, TRUE, 220 },
  { "owner", N_("Owner"), TEND_ACCOUNT_SORT_OWNER, CELL_TEXT, owner_text, FALSE, 150 },
  { "segment", N_("Segment"), TEND_ACCOUNT_SORT_SEGMENT, CELL_TEXT, segment_text, FALSE, 120 },
  { "arr", N_("ARR"), TEND_ACCOUNT_SORT_ARR, CELL_NUMBER, arr_text, FALSE, 120 },
  { "health", N_("Health"), TEND_ACCOUNT_SORT_HEALTH, CELL_HEALTH, NULL, FALSE, 110 },
  /* Translators: the column of the change of the health score over the last 30 days */
  { "trend", N_("30 Days"), TEND_ACCOUNT_SORT_TREND, CELL_NUMBER, trend_text, FALSE, 90 },
  { "renewal", N_("Renewal"), TEND_ACCOUNT_SORT_RENEWAL, CELL_TEXT, renewal_text, FALSE, 120 },
  { "status", N_("Status"), TEND_ACCOUNT_SORT_STATUS, CELL_TEXT, status_text, FALSE, 90 },
};

static void
text_cell_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    const ColumnSpec         *spec)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), spec->kind == CELL_NUMBER ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (spec->kind == CELL_NUMBER)
    gtk_widget_add_css_class (label, "numeric");

  gtk_list_item_set_child (item, label);
}

static void
text_cell_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   const ColumnSpec         *spec)
{
  TendAccount *account = gtk_list_item_get_item (item);
  g_autofree char *text = spec->text (account);

  /* Names, owners and segments are whatever the imported file said: a cell shows a
   * line's worth, ellipsized, and its tooltip more. */
  tend_ui_label_set_stored_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
health_cell_setup_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      const ColumnSpec         *spec)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *dot = gtk_label_new ("●");
  GtkWidget *score = gtk_label_new (NULL);
  GtkWidget *trend = gtk_label_new (NULL);

  /* The dot only repeats the band, which the row's tooltip and label name in words. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (dot), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_widget_add_css_class (score, "numeric");
  gtk_label_set_width_chars (GTK_LABEL (score), 3);
  gtk_label_set_xalign (GTK_LABEL (score), 1.0);
  gtk_widget_add_css_class (trend, "trend");

  gtk_box_append (GTK_BOX (box), dot);
  gtk_box_append (GTK_BOX (box), score);
  gtk_box_append (GTK_BOX (box), trend);
  gtk_list_item_set_child (item, box);
}

static const char *
trend_arrow (double change)
{
  /* A move under one point is noise in a 0-100 score. */
  if (change >= 1.0)
    return "↑";
  if (change <= -1.0)
    return "↓";

  return "";
}

static char *
health_tooltip (TendAccount *account)
{
  double score = tend_account_get_health_score (account);
  double change = tend_account_get_health_change (account);
  const char *band = tend_ui_band_label (tend_account_get_health_band (account));
  g_autofree char *change_text = NULL;
  g_autofree char *score_text = NULL;

  if (score < 0)
    return g_strdup (band);

  score_text = tend_ui_format_score_detail (score);
  if (isnan (change))
    /* Translators: "<band>: <score> of 100", for an account not scored 30 days ago */
    return g_strdup_printf (_("%s: %s of 100"), band, score_text);

  change_text = tend_ui_format_change (change, 1);

  /* Translators: "<band>: <score> of 100, <+/-change> points in 30 days" */
  return g_strdup_printf (_("%s: %s of 100, %s points in 30 days"),
                          band, score_text, change_text);
}

static void
health_cell_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     const ColumnSpec         *spec)
{
  TendAccount *account = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *dot = gtk_widget_get_first_child (box);
  GtkWidget *score = gtk_widget_get_next_sibling (dot);
  GtkWidget *trend = gtk_widget_get_next_sibling (score);
  double change = tend_account_get_health_change (account);
  g_autofree char *score_text = tend_ui_format_score (tend_account_get_health_score (account));
  g_autofree char *tooltip = health_tooltip (account);

  tend_ui_set_band_class (dot, tend_account_get_health_band (account));
  gtk_label_set_text (GTK_LABEL (score), score_text);
  gtk_label_set_text (GTK_LABEL (trend), trend_arrow (change));
  tend_ui_set_band_class (trend, change >= 1.0 ? "green" : change <= -1.0 ? "red" : NULL);
  gtk_widget_set_tooltip_text (box, tooltip);
}

static GtkColumnViewColumn *
create_column (const ColumnSpec *spec)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(TendColumnSorter) sorter = tend_column_sorter_new (spec->key);
  GtkColumnViewColumn *column;

  if (spec->kind == CELL_HEALTH)
    {
      g_signal_connect (factory, "setup", G_CALLBACK (health_cell_setup_cb), (gpointer)spec);
      g_signal_connect (factory, "bind", G_CALLBACK (health_cell_bind_cb), (gpointer)spec);
    }
  else
    {
      g_signal_connect (factory, "setup", G_CALLBACK (text_cell_setup_cb), (gpointer)spec);
      g_signal_connect (factory, "bind", G_CALLBACK (text_cell_bind_cb), (gpointer)spec);
    }

  column = gtk_column_view_column_new (_(spec->title), factory);
  gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
  gtk_column_view_column_set_expand (column, spec->expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_fixed_width (column, spec->width);

  return column;
}

static void
update_count (TendAccountsPage *self)
{
  guint n = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  g_autofree char *number = tend_ui_format_count (n);
  g_autofree char *text = NULL;

  /* Translators: the number of accounts the list shows, "1,234 accounts" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s account", "%s accounts", n), number);
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "no-results");
}

/* Gives the view back the list that list_query_changed_cb() took from it. */
static void
reattach_view (TendAccountsPage *self)
{
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
}

static void
list_items_changed_cb (TendAccountsPage *self,
                       guint             position,
                       guint             removed,
                       guint             added,
                       GListModel       *model)
{
  update_count (self);

  /* The list takes its old rows away before it gives the new ones: the view takes the
   * list back once they are there, or when there are none. */
  if (!self->scroll_pending || (added == 0 && removed > 0))
    return;

  reattach_view (self);
  self->scroll_pending = FALSE;
}

/* A new order or filter starts from its first row, not from where the old one was. The
 * view keeps its place by the row it anchors to, which the replaced rows can leave lower
 * down whatever the scroll position says; a view given its model anew anchors to the first
 * row. So the view goes to its first row and lets go of the list before the list empties
 * itself for the new query (GTK 4.8 warns when a view's scroll position changes with no
 * rows under it), and takes it back with the new rows (list_items_changed_cb()). */
static void
list_query_changed_cb (TendAccountsPage *self,
                       GParamSpec       *pspec,
                       TendAccountList  *list)
{
  self->scroll_pending = TRUE;

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_column_view_set_model (self->column_view, NULL);
}

static void
save_sort (TendAccountSortKey key,
           gboolean           descending)
{
  GSettings *settings = tend_settings_get ();

  if (settings == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      if (columns[i].key == key)
        {
          g_settings_set_string (settings, "accounts-sort-column", columns[i].id);
          g_settings_set_boolean (settings, "accounts-sort-descending", descending);
          return;
        }
    }
}

/* The order the list had when Tend was last closed; by name when nothing was kept. */
static void
restore_sort (TendAccountsPage *self)
{
  GSettings *settings = tend_settings_get ();
  g_autofree char *id = NULL;
  gboolean descending = FALSE;
  TendAccountSortKey key = TEND_ACCOUNT_SORT_NAME;

  if (settings != NULL)
    {
      id = g_settings_get_string (settings, "accounts-sort-column");
      descending = g_settings_get_boolean (settings, "accounts-sort-descending");
      for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
        {
          if (g_str_equal (columns[i].id, id))
            key = columns[i].key;
        }
    }

  tend_accounts_page_sort_by (self, key, descending);
}

static void
view_sorter_changed_cb (TendAccountsPage *self,
                        GtkSorterChange   change,
                        GtkSorter        *sorter)
{
  TendAccountSortKey key = TEND_ACCOUNT_SORT_NAME;
  gboolean descending = FALSE;

  if (self->list == NULL)
    return;

  /* A view that sorts by nothing shows the model's own order, by name. */
  tend_column_sorter_read_state (self->column_view, &key, &descending);
  tend_account_list_set_sort (self->list, key, descending);
  save_sort (key, descending);
}

static void
search_changed_cb (TendAccountsPage *self,
                   GtkSearchEntry   *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (self->list != NULL)
    tend_account_list_set_search (self->list, *text != '\0' ? text : NULL);
}

static void
band_selected_cb (TendAccountsPage *self,
                  GParamSpec       *pspec,
                  GtkDropDown      *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->list == NULL || self->updating_filters)
    return;

  tend_account_list_set_band (self->list,
                              selected < G_N_ELEMENTS (band_values) ? band_values[selected]
                                                                    : NULL);
}

static void
owner_selected_cb (TendAccountsPage *self,
                   GParamSpec       *pspec,
                   GtkDropDown      *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->list == NULL || self->updating_filters)
    return;

  tend_account_list_set_owner_id (self->list,
                                  selected < self->owner_ids->len
                                    ? g_array_index (self->owner_ids, gint64, selected)
                                    : 0);
}

static void
segment_selected_cb (TendAccountsPage *self,
                     GParamSpec       *pspec,
                     GtkDropDown      *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->list == NULL || self->updating_filters)
    return;

  tend_account_list_set_segment (self->list,
                                 selected < self->segments->len
                                   ? g_ptr_array_index (self->segments, selected)
                                   : NULL);
}

static void
status_selected_cb (TendAccountsPage *self,
                    GParamSpec       *pspec,
                    GtkDropDown      *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->list == NULL || self->updating_filters)
    return;

  tend_account_list_set_status (self->list,
                                selected < G_N_ELEMENTS (status_values) ? status_values[selected]
                                                                        : NULL);
}

static void
clear_filters_cb (TendAccountsPage *self)
{
  tend_accounts_page_clear_filters (self);
}

static void
row_activated_cb (TendAccountsPage *self,
                  guint             position,
                  GtkColumnView    *view)
{
  gint64 id;

  if (self->list == NULL)
    return;

  id = tend_account_list_get_id (self->list, position);
  if (id > 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-account", "x", id);
}

static void
fill_band_dropdown (TendAccountsPage *self)
{
  const char *labels[] = {
    _("All Bands"),
    C_("health band", "At risk"),
    C_("health band", "Needs attention"),
    C_("health band", "Healthy"),
    C_("health band", "Not scored"),
    NULL,
  };
  g_autoptr(GtkStringList) model = gtk_string_list_new (labels);

  G_STATIC_ASSERT (G_N_ELEMENTS (labels) == G_N_ELEMENTS (band_values) + 1);

  gtk_drop_down_set_model (self->band_dropdown, G_LIST_MODEL (model));
}

static void
fill_status_dropdown (TendAccountsPage *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  gtk_string_list_append (model, _("All Statuses"));
  for (guint i = 1; i < G_N_ELEMENTS (status_values); i++)
    gtk_string_list_append (model, tend_ui_status_label (status_values[i]));

  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (model));
}

static void
fill_owner_dropdown (TendAccountsPage *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  gint64 previous = tend_account_list_get_owner_id (self->list);
  guint selected = 0;
  sqlite3_stmt *stmt;
  gint64 none = -1;
  gint64 all = 0;

  g_array_set_size (self->owner_ids, 0);
  gtk_string_list_append (model, _("All Owners"));
  g_array_append_val (self->owner_ids, all);

  stmt = tend_store_prepare (self->store, "SELECT id, name FROM csms ORDER BY name, id", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_autofree char *name = tend_ui_display_text ((const char *)sqlite3_column_text (stmt, 1),
                                                    TEND_UI_CHOICE_CHARS);

      if (id == previous)
        selected = self->owner_ids->len;
      gtk_string_list_append (model, name);
      g_array_append_val (self->owner_ids, id);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);

  if (previous == -1)
    selected = self->owner_ids->len;
  gtk_string_list_append (model, _("No Owner"));
  g_array_append_val (self->owner_ids, none);

  gtk_drop_down_set_model (self->owner_dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->owner_dropdown, selected);
}

static void
fill_segment_dropdown (TendAccountsPage *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autofree char *previous = g_strdup (tend_account_list_get_segment (self->list));
  guint selected = 0;
  sqlite3_stmt *stmt;

  g_ptr_array_set_size (self->segments, 0);
  gtk_string_list_append (model, _("All Segments"));
  g_ptr_array_add (self->segments, NULL);

  stmt = tend_store_prepare (self->store,
                             "SELECT DISTINCT segment FROM accounts "
                             "WHERE segment IS NOT NULL AND segment <> '' ORDER BY segment",
                             NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *segment = (const char *)sqlite3_column_text (stmt, 0);
      g_autofree char *shown = tend_ui_display_text (segment, TEND_UI_CHOICE_CHARS);

      if (g_strcmp0 (segment, previous) == 0)
        selected = self->segments->len;
      gtk_string_list_append (model, shown);
      g_ptr_array_add (self->segments, g_strdup (segment));
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);

  /* Accounts without a segment are a choice of their own, as the dashboard counts them. */
  stmt = tend_store_prepare (self->store,
                             "SELECT EXISTS (SELECT 1 FROM accounts "
                             "WHERE segment IS NULL OR segment = '')",
                             NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0))
    {
      if (g_strcmp0 (previous, "") == 0)
        selected = self->segments->len;
      gtk_string_list_append (model, _("No Segment"));
      g_ptr_array_add (self->segments, g_strdup (""));
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);

  gtk_drop_down_set_model (self->segment_dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->segment_dropdown, selected);
}

/* Rebuilds the owner and segment choices without touching the list's filters. */
static void
refresh_filter_choices (TendAccountsPage *self)
{
  g_clear_handle_id (&self->choices_source, g_source_remove);

  self->updating_filters = TRUE;
  fill_owner_dropdown (self);
  fill_segment_dropdown (self);
  self->updating_filters = FALSE;
}

static gboolean
refresh_filter_choices_idle_cb (gpointer user_data)
{
  TendAccountsPage *self = user_data;

  self->choices_source = 0;
  refresh_filter_choices (self);

  return G_SOURCE_REMOVE;
}

/* Listing the segments reads every account; with 100,000 of them that waits until the
 * list has been drawn. */
static void
schedule_filter_choices (TendAccountsPage *self)
{
  if (self->choices_source == 0)
    self->choices_source = g_idle_add_full (G_PRIORITY_LOW, refresh_filter_choices_idle_cb,
                                            self, NULL);
}

static void
set_single_choice (GtkDropDown *dropdown,
                   const char  *label)
{
  const char *labels[] = { label, NULL };
  g_autoptr(GtkStringList) model = gtk_string_list_new (labels);

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
}

/* The list reloads itself on these changes; the filters' choices follow here. */
static void
store_changed_cb (TendAccountsPage *self,
                  const char       *what,
                  TendStore        *store)
{
  if (g_strcmp0 (what, "accounts") != 0 && g_strcmp0 (what, "csms") != 0)
    return;

  schedule_filter_choices (self);
}

static void
accounts_page_release_store (TendAccountsPage *self)
{
  if (self->list != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->list, list_items_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->list, list_query_changed_cb, self);
    }
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_handle_id (&self->choices_source, g_source_remove);

  if (self->selection != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->store);
}

/* The list's properties that choose which rows it has and in which order. */
static const char *const query_properties[] = {
  "search", "band", "owner-id", "segment", "status", "sort-key", "descending",
};

static void
accounts_page_bind_store (TendAccountsPage *self)
{
  self->list = tend_account_list_new (self->store);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->list, "items-changed",
                           G_CALLBACK (list_items_changed_cb), self, G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (query_properties); i++)
    {
      g_autofree char *signal = g_strconcat ("notify::", query_properties[i], NULL);

      g_signal_connect_object (self->list, signal, G_CALLBACK (list_query_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  self->changed_handler = g_signal_connect_object (self->store, "changed",
                                                   G_CALLBACK (store_changed_cb), self,
                                                   G_CONNECT_SWAPPED);

  schedule_filter_choices (self);
  view_sorter_changed_cb (self, GTK_SORTER_CHANGE_DIFFERENT,
                          gtk_column_view_get_sorter (self->column_view));
  update_count (self);
}

static void
tend_accounts_page_dispose (GObject *object)
{
  TendAccountsPage *self = TEND_ACCOUNTS_PAGE (object);

  accounts_page_release_store (self);

  G_OBJECT_CLASS (tend_accounts_page_parent_class)->dispose (object);
}

static void
tend_accounts_page_finalize (GObject *object)
{
  TendAccountsPage *self = TEND_ACCOUNTS_PAGE (object);

  g_clear_pointer (&self->owner_ids, g_array_unref);
  g_clear_pointer (&self->segments, g_ptr_array_unref);

  G_OBJECT_CLASS (tend_accounts_page_parent_class)->finalize (object);
}

static void
tend_accounts_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TendAccountsPage *self = TEND_ACCOUNTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_accounts_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TendAccountsPage *self = TEND_ACCOUNTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tend_accounts_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_accounts_page_class_init (TendAccountsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_accounts_page_dispose;
  object_class->finalize = tend_accounts_page_finalize;
  object_class->get_property = tend_accounts_page_get_property;
  object_class->set_property = tend_accounts_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TEND_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tendcs/Tend/ui/tend-accounts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TendAccountsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TendAccountsPage, band_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TendAccountsPage, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TendAccountsPage, segment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TendAccountsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TendAccountsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TendAccountsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, TendAccountsPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, TendAccountsPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, band_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, owner_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, segment_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_filters_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
tend_accounts_page_init (TendAccountsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->owner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->segments = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = create_column (&columns[i]);

      gtk_column_view_append_column (self->column_view, column);
    }

  fill_band_dropdown (self);
  fill_status_dropdown (self);
  set_single_choice (self->owner_dropdown, _("All Owners"));
  set_single_choice (self->segment_dropdown, _("All Segments"));
  restore_sort (self);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (view_sorter_changed_cb), self, G_CONNECT_SWAPPED);
  update_count (self);
}

GtkWidget *
tend_accounts_page_new (void)
{
  return g_object_new (TEND_TYPE_ACCOUNTS_PAGE, NULL);
}

TendStore *
tend_accounts_page_get_store (TendAccountsPage *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNTS_PAGE (self), NULL);

  return self->store;
}

/**
 * tend_accounts_page_set_store:
 * @store: (nullable): the workspace whose accounts the page lists
 */
void
tend_accounts_page_set_store (TendAccountsPage *self,
                              TendStore        *store)
{
  g_return_if_fail (TEND_IS_ACCOUNTS_PAGE (self));
  g_return_if_fail (store == NULL || TEND_IS_STORE (store));

  if (self->store == store)
    return;

  accounts_page_release_store (self);
  if (store != NULL)
    {
      self->store = g_object_ref (store);
      accounts_page_bind_store (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * tend_accounts_page_get_list:
 *
 * Returns: (transfer none) (nullable): the model the page shows
 */
TendAccountList *
tend_accounts_page_get_list (TendAccountsPage *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNTS_PAGE (self), NULL);

  return self->list;
}

/**
 * tend_accounts_page_get_column_view:
 *
 * Returns: (transfer none): the list's view, for the bench's first-frame hook and tests
 */
GtkColumnView *
tend_accounts_page_get_column_view (TendAccountsPage *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNTS_PAGE (self), NULL);

  return self->column_view;
}

static gboolean
find_value (const char *const *values,
            guint              n_values,
            const char        *value,
            guint             *position)
{
  for (guint i = 0; i < n_values; i++)
    {
      if (g_strcmp0 (values[i], value) == 0)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * tend_accounts_page_set_band:
 * @band: (nullable): "red", "yellow", "green", "unscored" or %NULL for every band
 *
 * Shows the accounts of one band, as the dashboard's band chart asks.
 */
void
tend_accounts_page_set_band (TendAccountsPage *self,
                             const char       *band)
{
  guint position;

  g_return_if_fail (TEND_IS_ACCOUNTS_PAGE (self));

  if (!find_value (band_values, G_N_ELEMENTS (band_values), band, &position))
    {
      g_warning ("Unknown health band “%s”", band);
      return;
    }

  gtk_drop_down_set_selected (self->band_dropdown, position);
}

/**
 * tend_accounts_page_set_status:
 * @status: (nullable): "active", "trial", "paused", "churned" or %NULL for every status
 *
 * Shows the accounts of one status, with the status filter saying so.
 */
void
tend_accounts_page_set_status (TendAccountsPage *self,
                               const char       *status)
{
  guint position;

  g_return_if_fail (TEND_IS_ACCOUNTS_PAGE (self));

  if (!find_value (status_values, G_N_ELEMENTS (status_values), status, &position))
    {
      g_warning ("Unknown account status “%s”", status);
      return;
    }

  gtk_drop_down_set_selected (self->status_dropdown, position);
}

/**
 * tend_accounts_page_set_segment:
 * @segment: (nullable): a segment of the workspace's accounts, "" for the accounts
 *   without one, or %NULL for every one
 *
 * Shows the accounts of one segment, as the dashboard's ARR chart asks.
 *
 * Returns: whether the workspace has the segment
 */
gboolean
tend_accounts_page_set_segment (TendAccountsPage *self,
                                const char       *segment)
{
  guint position;

  g_return_val_if_fail (TEND_IS_ACCOUNTS_PAGE (self), FALSE);

  if (self->list == NULL)
    return segment == NULL;

  /* The choices are read when the page is first drawn and after changes: a segment
   * asked for before then, or just imported, is looked up now. */
  if (!find_value ((const char * const *)self->segments->pdata, self->segments->len, segment,
                   &position))
    {
      refresh_filter_choices (self);
      if (!find_value ((const char * const *)self->segments->pdata, self->segments->len,
                       segment, &position))
        return FALSE;
    }

  gtk_drop_down_set_selected (self->segment_dropdown, position);

  return TRUE;
}

/**
 * tend_accounts_page_clear_filters:
 *
 * Shows every account: the search, band, owner, segment and status filters are cleared
 * at once, the search without the entry's delay.
 */
void
tend_accounts_page_clear_filters (TendAccountsPage *self)
{
  g_return_if_fail (TEND_IS_ACCOUNTS_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  if (self->list != NULL)
    tend_account_list_set_search (self->list, NULL);

  gtk_drop_down_set_selected (self->band_dropdown, 0);
  gtk_drop_down_set_selected (self->owner_dropdown, 0);
  gtk_drop_down_set_selected (self->segment_dropdown, 0);
  gtk_drop_down_set_selected (self->status_dropdown, 0);
}

/**
 * tend_accounts_page_set_search:
 *
 * Puts @text in the search entry; the list follows after the entry's short delay.
 */
void
tend_accounts_page_set_search (TendAccountsPage *self,
                               const char       *text)
{
  g_return_if_fail (TEND_IS_ACCOUNTS_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
}

void
tend_accounts_page_focus_search (TendAccountsPage *self)
{
  g_return_if_fail (TEND_IS_ACCOUNTS_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/**
 * tend_accounts_page_sort_by:
 *
 * Sorts as a click on the column's header would, arrow included.
 *
 * Returns: whether a column sorts by @key
 */
gboolean
tend_accounts_page_sort_by (TendAccountsPage   *self,
                            TendAccountSortKey  key,
                            gboolean            descending)
{
  GListModel *view_columns;

  g_return_val_if_fail (TEND_IS_ACCOUNTS_PAGE (self), FALSE);

  view_columns = gtk_column_view_get_columns (self->column_view);
  for (guint i = 0; i < g_list_model_get_n_items (view_columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (view_columns, i);
      GtkSorter *sorter = gtk_column_view_column_get_sorter (column);

      if (tend_column_sorter_get_key (TEND_COLUMN_SORTER (sorter)) == key)
        {
          gtk_column_view_sort_by_column (self->column_view, column,
                                          descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
          return TRUE;
        }
    }

  return FALSE;
}

/* An export works from its own copy of the list, made on the worker thread from the
 * filters and order the page had when it was asked. */
typedef struct
{
  TendStore              *store;
  GFile                  *file;
  TendAccountExportFlags  flags;
  char                   *search;
  char                   *band;
  gint64                  owner_id;
  char                   *segment;
  char                   *status;
  TendAccountSortKey      sort_key;
  gboolean                descending;
  guint                   n_exported;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_object (&job->store);
  g_clear_object (&job->file);
  g_free (job->search);
  g_free (job->band);
  g_free (job->segment);
  g_free (job->status);
  g_free (job);
}

static ExportJob *
export_job_new (TendAccountsPage *self,
                GFile            *file,
                gboolean          bom)
{
  ExportJob *job = g_new0 (ExportJob, 1);

  job->store = g_object_ref (self->store);
  job->file = g_object_ref (file);
  job->flags = TEND_ACCOUNT_EXPORT_ATTRIBUTES | (bom ? TEND_ACCOUNT_EXPORT_BOM : 0);
  g_object_get (self->list, "search", &job->search, "band", &job->band,
                "owner-id", &job->owner_id, "segment", &job->segment, "status", &job->status,
                "sort-key", &job->sort_key, "descending", &job->descending, NULL);

  return job;
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(TendStore) store = NULL;
  g_autoptr(TendAccountList) list = NULL;
  GError *error = NULL;

  store = tend_store_open_sibling (job->store, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  list = g_object_new (TEND_TYPE_ACCOUNT_LIST, "store", store, "search", job->search,
                       "band", job->band, "owner-id", job->owner_id, "segment", job->segment,
                       "status", job->status, "sort-key", job->sort_key,
                       "descending", job->descending, NULL);

  if (!tend_account_export_to_file (store, G_LIST_MODEL (list), job->file, job->flags,
                                    cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  job->n_exported = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_task_return_boolean (task, TRUE);
}

/**
 * tend_accounts_page_export_async:
 * @file: where to write, replaced only once the whole file is written
 * @bom: whether to begin with a UTF-8 byte order mark, which Excel needs
 *
 * Writes the accounts the page lists, as filtered and sorted now, with their custom
 * attributes, as CSV, on a worker thread with its own connection: 100,000 accounts take
 * a few hundred milliseconds, during which the window goes on.
 */
void
tend_accounts_page_export_async (TendAccountsPage    *self,
                                 GFile               *file,
                                 gboolean             bom,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TEND_IS_ACCOUNTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->list != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_accounts_page_export_async);
  g_task_set_task_data (task, export_job_new (self, file, bom), export_job_free);
  g_task_run_in_thread (task, export_in_thread);
}

/**
 * tend_accounts_page_export_finish:
 * @n_exported: (out) (optional): how many accounts were written
 */
gboolean
tend_accounts_page_export_finish (TendAccountsPage  *self,
                                  GAsyncResult      *result,
                                  guint             *n_exported,
                                  GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  if (n_exported != NULL)
    {
      ExportJob *job = g_task_get_task_data (G_TASK (result));

      *n_exported = job->n_exported;
    }

  return TRUE;
}
