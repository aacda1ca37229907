/* tend-chart-view.c: a widget that shows a TendChart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view only adds what a screen needs to the chart module: it picks the light or dark
 * palette from the style manager, keeps one layout for its size, and turns the pointer
 * and the keyboard into hover, tooltips, a focused item and "item-activated". Drawing and
 * hit-testing are the chart module's, the same that draws into PDF.
 */

#define G_LOG_DOMAIN "TendUi"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "charts/tend-chart-layout.h"
#include "charts/tend-chart-palette.h"
#include "charts/tend-chart-render.h"
#include "tend-chart-view.h"

#define NO_ITEM (-1)

struct _TendChartView
{
  GtkWidget        parent_instance;

  TendChart       *chart;
  gulong           changed_id;
  gboolean         activatable;

  /* The geometry for the current size; NULL after a change until the next need. */
  TendChartLayout *layout;

  int              hover_series;
  int              hover_index;
  int              focus_series;
  int              focus_index;
};

G_DEFINE_FINAL_TYPE (TendChartView, tend_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHART,
  PROP_ACTIVATABLE,
  N_PROPS
};

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
forget_layout (TendChartView *self)
{
  g_clear_pointer (&self->layout, tend_chart_layout_free);
}

static TendChartLayout *
ensure_layout (TendChartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  PangoContext *context;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return NULL;

  if (self->layout != NULL && tend_chart_layout_get_width (self->layout) == width
      && tend_chart_layout_get_height (self->layout) == height)
    return self->layout;

  /* A context of the widget's own carries its font, so axis text matches the UI. */
  forget_layout (self);
  context = gtk_widget_create_pango_context (GTK_WIDGET (self));
  self->layout = tend_chart_layout_new (self->chart, context, width, height);
  g_object_unref (context);

  return self->layout;
}

static gboolean
is_point_chart (TendChartView *self)
{
  TendChartKind kind;

  if (self->chart == NULL)
    return FALSE;

  kind = tend_chart_get_kind (self->chart);

  return kind == TEND_CHART_KIND_LINE || kind == TEND_CHART_KIND_AREA;
}

static void
update_actions (TendChartView *self)
{
  gboolean across = FALSE;

  if (self->chart != NULL)
    across = tend_chart_get_kind (self->chart) == TEND_CHART_KIND_HORIZONTAL_BARS
             || (is_point_chart (self) && tend_chart_get_n_series (self->chart) > 1);

  /* A disabled action lets its key through, so Up and Down still move focus elsewhere. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.move-across", across);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.activate-item", self->activatable);
}

static void
update_accessible (TendChartView *self)
{
  g_autofree char *summary = NULL;
  const char *title;

  if (self->chart == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  title = tend_chart_get_title (self->chart);
  summary = tend_chart_dup_summary (self->chart);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title ? title : _("Chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                  -1);
}

static gboolean
item_exists (TendChartView *self,
             int            series,
             int            index)
{
  if (self->chart == NULL || series < 0 || index < 0)
    return FALSE;

  return !isnan (tend_chart_get_value (self->chart, series, index));
}

static void
chart_changed_cb (TendChartView *self,
                  TendChart     *chart)
{
  forget_layout (self);

  /* The data under a remembered item may be gone. */
  if (!item_exists (self, self->hover_series, self->hover_index))
    self->hover_series = self->hover_index = NO_ITEM;
  if (!item_exists (self, self->focus_series, self->focus_index))
    self->focus_series = self->focus_index = NO_ITEM;

  update_actions (self);
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
style_changed_cb (TendChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
read_foreground (TendChartView *self,
                 GdkRGBA       *color)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (GTK_WIDGET (self), color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), color);
#endif
}

static void
set_rgba (TendChartRgba *rgba,
          const GdkRGBA *color,
          double         alpha)
{
  *rgba = (TendChartRgba) { color->red, color->green, color->blue, color->alpha * alpha };
}

/* The semantic colours follow light or dark; the ink is the widget's own text colour, so
 * the chart sits on any card, in high contrast too. */
static TendChartPalette
current_palette (TendChartView *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (style);
  gboolean high_contrast = adw_style_manager_get_high_contrast (style);
  TendChartPalette palette = dark ? *tend_chart_palette_dark () : *tend_chart_palette_light ();
  GdkRGBA ink;

  read_foreground (self, &ink);
  set_rgba (&palette.foreground, &ink, 1.0);
  set_rgba (&palette.dim, &ink, high_contrast ? 1.0 : 0.7);
  set_rgba (&palette.grid, &ink, high_contrast ? 0.3 : 0.12);
  palette.background.alpha = 0;

  return palette;
}

static void
tend_chart_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  TendChartView *self = TEND_CHART_VIEW (widget);
  TendChartLayout *layout = ensure_layout (self);
  TendChartHighlight highlight = { self->hover_series, self->hover_index, NO_ITEM, NO_ITEM };
  TendChartPalette palette;
  cairo_t *cr;

  if (layout == NULL)
    return;

  /* The ring marks the keyboard's item only while the keyboard is what moves it. */
  if (gtk_widget_has_visible_focus (widget))
    {
      highlight.focus_series = self->focus_series;
      highlight.focus_index = self->focus_index;
    }

  palette = current_palette (self);
  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                       gtk_widget_get_height (widget)));
  tend_chart_render_layout (layout, cr, &palette, &highlight);
  cairo_destroy (cr);
}

static void
tend_chart_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  TendChartView *self = TEND_CHART_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 360;
      return;
    }

  *minimum = 120;
  *natural = 240;

  /* Horizontal bars ask for a row each, within reason. */
  if (self->chart != NULL
      && tend_chart_get_kind (self->chart) == TEND_CHART_KIND_HORIZONTAL_BARS)
    *natural = CLAMP ((int)tend_chart_get_n_points (self->chart) * 28 + 80, 240, 720);
}

static void
tend_chart_view_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (tend_chart_view_parent_class)->css_changed (widget, change);

  /* The font may have changed, and with it every label's size. */
  forget_layout (TEND_CHART_VIEW (widget));
  gtk_widget_queue_draw (widget);
}

static void
tend_chart_view_system_setting_changed (GtkWidget        *widget,
                                        GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (tend_chart_view_parent_class)->system_setting_changed (widget, setting);

  forget_layout (TEND_CHART_VIEW (widget));
  gtk_widget_queue_draw (widget);
}

static gboolean
tend_chart_view_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard_mode,
                               GtkTooltip *tooltip)
{
  TendChartView *self = TEND_CHART_VIEW (widget);
  TendChartLayout *layout = ensure_layout (self);
  const TendChartItem *item;
  g_autofree char *text = NULL;
  guint series, index;

  if (layout == NULL)
    return FALSE;

  if (keyboard_mode)
    {
      if (self->focus_series < 0)
        return FALSE;
      series = self->focus_series;
      index = self->focus_index;
    }
  else if (!tend_chart_layout_hit_test (layout, x, y, &series, &index))
    return FALSE;

  text = tend_chart_dup_tooltip (self->chart, series, index);
  item = tend_chart_layout_find_item (layout, series, index);
  if (text == NULL || item == NULL)
    return FALSE;

  /* Leaving the item's box asks again, so moving to the next bar updates the tooltip. */
  gtk_tooltip_set_text (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int)floor (item->rect.x),
                                                       (int)floor (item->rect.y),
                                                       (int)ceil (item->rect.width) + 1,
                                                       (int)ceil (item->rect.height) + 1 });

  return TRUE;
}

static void
set_hover (TendChartView *self,
           int            series,
           int            index)
{
  if (self->hover_series == series && self->hover_index == index)
    return;

  self->hover_series = series;
  self->hover_index = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (TendChartView            *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  TendChartLayout *layout = ensure_layout (self);
  guint series, index;

  if (layout == NULL || !tend_chart_layout_hit_test (layout, x, y, &series, &index))
    {
      set_hover (self, NO_ITEM, NO_ITEM);
      gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
      return;
    }

  set_hover (self, series, index);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), self->activatable ? "pointer" : NULL);
}

static void
leave_cb (TendChartView            *self,
          GtkEventControllerMotion *controller)
{
  set_hover (self, NO_ITEM, NO_ITEM);
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

/* GTK 4.8 cannot announce the newly focused item to a screen reader (an announcement API
 * came only in GTK 4.14), so the keyboard-mode tooltip shows it and the accessible
 * description lists every value instead. */
static void
set_focus_item (TendChartView *self,
                int            series,
                int            index)
{
  if (self->focus_series == series && self->focus_index == index)
    return;

  self->focus_series = series;
  self->focus_index = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

static void
activate_item (TendChartView *self,
               guint          series,
               guint          index)
{
  if (!self->activatable)
    return;

  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, series, index);
}

static void
released_cb (TendChartView   *self,
             int              n_press,
             double           x,
             double           y,
             GtkGestureClick *gesture)
{
  TendChartLayout *layout = ensure_layout (self);
  guint series, index;

  if (layout == NULL || !tend_chart_layout_hit_test (layout, x, y, &series, &index))
    return;

  /* The keyboard carries on from the clicked item. */
  set_focus_item (self, series, index);
  activate_item (self, series, index);
}

/* The first item in the order the keyboard walks: by index, then by series. */
static gboolean
find_first_item (TendChartView *self,
                 int           *series,
                 int           *index)
{
  guint n_series;

  if (self->chart == NULL)
    return FALSE;

  n_series = tend_chart_get_n_series (self->chart);
  for (guint i = 0; i < tend_chart_get_n_points (self->chart); i++)
    {
      for (guint s = 0; s < n_series; s++)
        {
          if (item_exists (self, s, i))
            {
              *series = s;
              *index = i;
              return TRUE;
            }
        }
    }

  return FALSE;
}

static gboolean
tend_chart_view_grab_focus (GtkWidget *widget)
{
  TendChartView *self = TEND_CHART_VIEW (widget);
  int series, index;

  if (!GTK_WIDGET_CLASS (tend_chart_view_parent_class)->grab_focus (widget))
    return FALSE;

  /* Focus by Tab or by click starts the keyboard on the first item. */
  if (self->focus_series < 0 && find_first_item (self, &series, &index))
    set_focus_item (self, series, index);

  return TRUE;
}

static void
focus_enter_cb (TendChartView           *self,
                GtkEventControllerFocus *controller)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
focus_leave_cb (TendChartView           *self,
                GtkEventControllerFocus *controller)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
move_by (TendChartView *self,
         int            delta)
{
  TendChartLayout *layout = ensure_layout (self);
  guint series = self->focus_series < 0 ? G_MAXUINT : (guint)self->focus_series;
  guint index = self->focus_index < 0 ? G_MAXUINT : (guint)self->focus_index;
  int n_items;

  if (layout == NULL)
    return;

  /* Home and End ask for the far ends with huge steps; no chart has that many items. */
  n_items = (int)tend_chart_layout_get_n_items (layout);
  delta = CLAMP (delta, -n_items, n_items);

  if (tend_chart_layout_step (layout, &series, &index, delta))
    set_focus_item (self, series, index);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  move_by (TEND_CHART_VIEW (widget), g_variant_get_int32 (parameter));
}

static void
move_across_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TendChartView *self = TEND_CHART_VIEW (widget);
  int delta = g_variant_get_int32 (parameter);

  /* Horizontal bars run down the screen: Up and Down move along them. */
  if (tend_chart_get_kind (self->chart) == TEND_CHART_KIND_HORIZONTAL_BARS
      || self->focus_series < 0)
    {
      move_by (self, delta);
      return;
    }

  /* On a chart of several lines, Up and Down go to the same day on the next line. */
  for (int series = self->focus_series + delta;
       series >= 0 && series < (int)tend_chart_get_n_series (self->chart); series += delta)
    {
      if (item_exists (self, series, self->focus_index))
        {
          set_focus_item (self, series, self->focus_index);
          return;
        }
    }
}

static void
activate_item_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TendChartView *self = TEND_CHART_VIEW (widget);

  if (self->focus_series < 0)
    return;

  activate_item (self, self->focus_series, self->focus_index);
}

static void
tend_chart_view_dispose (GObject *object)
{
  TendChartView *self = TEND_CHART_VIEW (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_signal_handler (&self->changed_id, self->chart);
  g_clear_object (&self->chart);
  forget_layout (self);

  G_OBJECT_CLASS (tend_chart_view_parent_class)->dispose (object);
}

static void
tend_chart_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TendChartView *self = TEND_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_object (value, self->chart);
      break;
    case PROP_ACTIVATABLE:
      g_value_set_boolean (value, self->activatable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_chart_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TendChartView *self = TEND_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      tend_chart_view_set_chart (self, g_value_get_object (value));
      break;
    case PROP_ACTIVATABLE:
      tend_chart_view_set_activatable (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_move_bindings (GtkWidgetClass *widget_class,
                   const char     *action,
                   guint           back,
                   guint           back_keypad,
                   guint           forward,
                   guint           forward_keypad)
{
  gtk_widget_class_add_binding_action (widget_class, back, 0, action, "i", -1);
  gtk_widget_class_add_binding_action (widget_class, back_keypad, 0, action, "i", -1);
  gtk_widget_class_add_binding_action (widget_class, forward, 0, action, "i", 1);
  gtk_widget_class_add_binding_action (widget_class, forward_keypad, 0, action, "i", 1);
}

static void
add_key_bindings (GtkWidgetClass *widget_class)
{
  const guint activate_keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter,
                                  GDK_KEY_space, GDK_KEY_KP_Space };

  add_move_bindings (widget_class, "chart.move", GDK_KEY_Left, GDK_KEY_KP_Left, GDK_KEY_Right,
                     GDK_KEY_KP_Right);
  add_move_bindings (widget_class, "chart.move-across", GDK_KEY_Up, GDK_KEY_KP_Up,
                     GDK_KEY_Down, GDK_KEY_KP_Down);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "chart.move", "i",
                                       G_MININT32);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "chart.move", "i",
                                       G_MAXINT32);

  for (guint i = 0; i < G_N_ELEMENTS (activate_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, activate_keys[i], 0,
                                         "chart.activate-item", NULL);
}

static void
tend_chart_view_class_init (TendChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = tend_chart_view_dispose;
  object_class->get_property = tend_chart_view_get_property;
  object_class->set_property = tend_chart_view_set_property;

  widget_class->snapshot = tend_chart_view_snapshot;
  widget_class->measure = tend_chart_view_measure;
  widget_class->css_changed = tend_chart_view_css_changed;
  widget_class->system_setting_changed = tend_chart_view_system_setting_changed;
  widget_class->query_tooltip = tend_chart_view_query_tooltip;
  widget_class->grab_focus = tend_chart_view_grab_focus;

  properties[PROP_CHART] =
    g_param_spec_object ("chart", NULL, NULL, TEND_TYPE_CHART, flags);
  properties[PROP_ACTIVATABLE] =
    g_param_spec_boolean ("activatable", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TendChartView::item-activated:
   * @series: the series of the item
   * @index: its index (the category or day)
   *
   * Emitted when an item is clicked, or Enter (or Space) is pressed on the focused item,
   * while the view is activatable; the dashboard opens the accounts of a clicked band.
   */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "chart.move", "i", move_action);
  gtk_widget_class_install_action (widget_class, "chart.move-across", "i", move_across_action);
  gtk_widget_class_install_action (widget_class, "chart.activate-item", NULL,
                                   activate_item_action);
  add_key_bindings (widget_class);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
add_controllers (TendChartView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  g_signal_connect_swapped (motion, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

static void
tend_chart_view_init (TendChartView *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  self->hover_series = self->hover_index = NO_ITEM;
  self->focus_series = self->focus_index = NO_ITEM;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  add_controllers (self);

  g_signal_connect_swapped (style, "notify::dark", G_CALLBACK (style_changed_cb), self);
  g_signal_connect_swapped (style, "notify::high-contrast", G_CALLBACK (style_changed_cb),
                            self);

  update_actions (self);
}

/**
 * tend_chart_view_new:
 * @chart: (nullable): the chart to show
 *
 * Returns: (transfer floating): a view of @chart
 */
GtkWidget *
tend_chart_view_new (TendChart *chart)
{
  g_return_val_if_fail (chart == NULL || TEND_IS_CHART (chart), NULL);

  return g_object_new (TEND_TYPE_CHART_VIEW, "chart", chart, NULL);
}

/**
 * tend_chart_view_get_chart:
 *
 * Returns: (transfer none) (nullable): the chart shown
 */
TendChart *
tend_chart_view_get_chart (TendChartView *self)
{
  g_return_val_if_fail (TEND_IS_CHART_VIEW (self), NULL);

  return self->chart;
}

/**
 * tend_chart_view_set_chart:
 * @chart: (nullable): the chart to show; the view follows its changes
 */
void
tend_chart_view_set_chart (TendChartView *self,
                           TendChart     *chart)
{
  g_return_if_fail (TEND_IS_CHART_VIEW (self));
  g_return_if_fail (chart == NULL || TEND_IS_CHART (chart));

  if (self->chart == chart)
    return;

  g_clear_signal_handler (&self->changed_id, self->chart);
  g_set_object (&self->chart, chart);
  if (chart != NULL)
    self->changed_id = g_signal_connect_swapped (chart, "changed",
                                                 G_CALLBACK (chart_changed_cb), self);

  self->hover_series = self->hover_index = NO_ITEM;
  self->focus_series = self->focus_index = NO_ITEM;
  chart_changed_cb (self, chart);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
}

gboolean
tend_chart_view_get_activatable (TendChartView *self)
{
  g_return_val_if_fail (TEND_IS_CHART_VIEW (self), FALSE);

  return self->activatable;
}

/**
 * tend_chart_view_set_activatable:
 *
 * Whether items can be clicked or activated with Enter; an activatable view shows a
 * pointer cursor over its items and emits #TendChartView::item-activated.
 */
void
tend_chart_view_set_activatable (TendChartView *self,
                                 gboolean       activatable)
{
  g_return_if_fail (TEND_IS_CHART_VIEW (self));

  activatable = !!activatable;
  if (self->activatable == activatable)
    return;

  self->activatable = activatable;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVATABLE]);
}

/**
 * tend_chart_view_get_focus_item:
 * @series: (out) (optional): the series of the item the keyboard is on
 * @index: (out) (optional): its index
 *
 * Returns: whether the keyboard is on an item
 */
gboolean
tend_chart_view_get_focus_item (TendChartView *self,
                                guint         *series,
                                guint         *index)
{
  g_return_val_if_fail (TEND_IS_CHART_VIEW (self), FALSE);

  if (self->focus_series < 0)
    return FALSE;

  if (series != NULL)
    *series = self->focus_series;
  if (index != NULL)
    *index = self->focus_index;

  return TRUE;
}
