/* test-chart-view.c: the chart widget's properties, accessibility, keyboard and styles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendTest"

#include <adwaita.h>

#include "charts/tend-chart.h"
#include "tend-test-ui.h"
#include "charts/tend-chart-layout.h"
#include "ui/widgets/tend-chart-view.h"

#define WIDTH  360
#define HEIGHT 240

static TendChart *
make_health_chart (void)
{
  static const char *const bands[] = { "Red", "Yellow", "Green", NULL };
  static const double counts[] = { 12, 40, 150 };
  TendChart *chart = tend_chart_new (TEND_CHART_KIND_VERTICAL_BARS);

  tend_chart_set_title (chart, "Health distribution");
  tend_chart_set_categories (chart, bands);
  tend_chart_add_series (chart, "Accounts", TEND_CHART_COLOR_NEUTRAL, counts, 3);
  tend_chart_set_point_color (chart, 0, 0, TEND_CHART_COLOR_RED);
  tend_chart_set_point_color (chart, 0, 1, TEND_CHART_COLOR_YELLOW);
  tend_chart_set_point_color (chart, 0, 2, TEND_CHART_COLOR_GREEN);

  return chart;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_properties (void)
{
  g_autoptr(TendChart) chart = make_health_chart ();
  TendChartView *view = g_object_ref_sink (TEND_CHART_VIEW (tend_chart_view_new (chart)));
  guint chart_notes = 0, activatable_notes = 0;

  g_assert_true (tend_chart_view_get_chart (view) == chart);
  g_assert_false (tend_chart_view_get_activatable (view));
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (view)));

  g_signal_connect (view, "notify::chart", G_CALLBACK (count_notify_cb), &chart_notes);
  g_signal_connect (view, "notify::activatable", G_CALLBACK (count_notify_cb),
                    &activatable_notes);

  tend_chart_view_set_activatable (view, TRUE);
  tend_chart_view_set_activatable (view, TRUE);
  g_assert_cmpuint (activatable_notes, ==, 1);

  tend_chart_view_set_chart (view, chart);
  g_assert_cmpuint (chart_notes, ==, 0);
  tend_chart_view_set_chart (view, NULL);
  g_assert_cmpuint (chart_notes, ==, 1);
  g_assert_null (tend_chart_view_get_chart (view));

  /* The view let go of the chart: changing it now reaches nobody. */
  tend_chart_set_title (chart, "Renamed");
  g_assert_finalize_object (view);
  g_assert_finalize_object (g_steal_pointer (&chart));
}

static void
test_accessible (void)
{
  g_autoptr(TendChart) chart = make_health_chart ();
  TendChartView *view = g_object_ref_sink (TEND_CHART_VIEW (tend_chart_view_new (chart)));
  double fewer[] = { 10, NAN, 151 };

  gtk_test_accessible_assert_role (view, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Health distribution");
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Health distribution: Red 12, Yellow 40, Green 150");

  /* The description follows the data. */
  tend_chart_set_series_values (chart, 0, fewer, 3);
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Health distribution: Red 10, Green 151");

  g_assert_finalize_object (view);
}

static void
test_measure (void)
{
  g_autoptr(TendChart) chart = make_health_chart ();
  TendChartView *view = g_object_ref_sink (TEND_CHART_VIEW (tend_chart_view_new (chart)));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  double values[20] = { 0, };
  int minimum, natural;

  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural,
                      NULL, NULL);
  g_assert_cmpint (minimum, ==, 160);
  g_assert_cmpint (natural, ==, 360);
  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural,
                      NULL, NULL);
  g_assert_cmpint (minimum, ==, 120);
  g_assert_cmpint (natural, ==, 240);

  /* Twenty horizontal bars ask for a row each. */
  for (guint i = 0; i < 20; i++)
    g_ptr_array_add (names, g_strdup_printf ("Owner %u", i));
  g_ptr_array_add (names, NULL);
  tend_chart_clear (chart);
  tend_chart_set_kind (chart, TEND_CHART_KIND_HORIZONTAL_BARS);
  tend_chart_set_categories (chart, (const char * const *)names->pdata);
  tend_chart_add_series (chart, "Accounts", TEND_CHART_COLOR_ACCENT, values, 20);
  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural,
                      NULL, NULL);
  g_assert_cmpint (natural, ==, 20 * 28 + 80);

  g_assert_finalize_object (view);
}

static void
activated_cb (TendChartView *view,
              guint          series,
              guint          index,
              GArray        *activations)
{
  g_array_append_val (activations, index);
}

static GtkWindow *
show_in_window (GtkWidget *child)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, WIDTH, HEIGHT);
  gtk_window_set_child (window, child);
  gtk_window_present (window);

  while (gtk_widget_get_width (child) <= 0 || !gtk_widget_get_mapped (child))
    g_main_context_iteration (NULL, TRUE);

  return window;
}

static void
assert_focus_item (TendChartView *view,
                   guint          want_index)
{
  guint series = G_MAXUINT, index = G_MAXUINT;

  g_assert_true (tend_chart_view_get_focus_item (view, &series, &index));
  g_assert_cmpuint (series, ==, 0);
  g_assert_cmpuint (index, ==, want_index);
}

static void
test_keyboard (void)
{
  g_autoptr(TendChart) chart = make_health_chart ();
  GtkWidget *view = tend_chart_view_new (chart);
  GtkWindow *window = show_in_window (view);
  g_autoptr(GArray) activations = g_array_new (FALSE, FALSE, sizeof (guint));

  g_signal_connect (view, "item-activated", G_CALLBACK (activated_cb), activations);

  /* Focus lands on the first bar; Right and Left move along, End and Home to the ends. */
  g_assert_true (gtk_widget_grab_focus (view));
  assert_focus_item (TEND_CHART_VIEW (view), 0);
  g_assert_true (gtk_widget_activate_action (view, "chart.move", "i", 1));
  assert_focus_item (TEND_CHART_VIEW (view), 1);
  g_assert_true (gtk_widget_activate_action (view, "chart.move", "i", G_MAXINT32));
  assert_focus_item (TEND_CHART_VIEW (view), 2);
  g_assert_true (gtk_widget_activate_action (view, "chart.move", "i", 1));
  assert_focus_item (TEND_CHART_VIEW (view), 2);
  g_assert_true (gtk_widget_activate_action (view, "chart.move", "i", G_MININT32));
  assert_focus_item (TEND_CHART_VIEW (view), 0);
  g_assert_true (gtk_widget_activate_action (view, "chart.move", "i", 1));

  /* Up and Down have nothing to do on vertical bars of one series. */
  gtk_widget_activate_action (view, "chart.move-across", "i", 1);
  assert_focus_item (TEND_CHART_VIEW (view), 1);

  /* Enter does nothing until the view is activatable. */
  gtk_widget_activate_action (view, "chart.activate-item", NULL);
  g_assert_cmpuint (activations->len, ==, 0);
  tend_chart_view_set_activatable (TEND_CHART_VIEW (view), TRUE);
  g_assert_true (gtk_widget_activate_action (view, "chart.activate-item", NULL));
  g_assert_cmpuint (activations->len, ==, 1);
  g_assert_cmpuint (g_array_index (activations, guint, 0), ==, 1);

  /* When the focused value goes missing, the focus item is dropped. */
  {
    double gone[] = { 12, NAN, 150 };

    tend_chart_set_series_values (chart, 0, gone, 3);
    g_assert_false (tend_chart_view_get_focus_item (TEND_CHART_VIEW (view), NULL, NULL));
    g_assert_true (gtk_widget_activate_action (view, "chart.move", "i", 1));
    assert_focus_item (TEND_CHART_VIEW (view), 0);
    g_assert_true (gtk_widget_activate_action (view, "chart.move", "i", 1));
    assert_focus_item (TEND_CHART_VIEW (view), 2);
  }

  g_signal_handlers_disconnect_by_data (view, activations);
  gtk_window_destroy (window);
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  cairo_surface_flush (surface);

  return *(guint32 *)(cairo_image_surface_get_data (surface)
                      + y * cairo_image_surface_get_stride (surface) + x * 4);
}

/* Draws the widget as GTK would and reads the middle of the green bar. */
static guint32
green_bar_pixel (GtkWidget *view)
{
  int width = gtk_widget_get_width (view), height = gtk_widget_get_height (view);
  PangoContext *context = gtk_widget_create_pango_context (view);
  g_autoptr(TendChartLayout) layout = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  cairo_surface_t *surface;
  cairo_t *cr;
  const TendChartItem *green;
  guint32 pixel;

  layout = tend_chart_layout_new (tend_chart_view_get_chart (TEND_CHART_VIEW (view)), context,
                                  width, height);
  green = tend_chart_layout_find_item (layout, 0, 2);
  g_object_unref (context);

  GTK_WIDGET_GET_CLASS (view)->snapshot (view, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  pixel = pixel_at (surface, green->x, green->rect.y + green->rect.height / 2);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  gsk_render_node_unref (node);

  return pixel;
}

static void
test_styles (void)
{
  g_autoptr(TendChart) chart = make_health_chart ();
  GtkWidget *view = tend_chart_view_new (chart);
  GtkWindow *window = show_in_window (view);
  AdwStyleManager *style = adw_style_manager_get_default ();

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_cmphex (green_bar_pixel (view), ==, 0xff2ec27e);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));
  g_assert_cmphex (green_bar_pixel (view), ==, 0xff57e389);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (window);
}

static GtkGesture *
find_click_gesture (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        return GTK_GESTURE (controller);
    }

  return NULL;
}

static const TendChartItem *
find_item (GtkWidget        *view,
           TendChartLayout **layout,
           guint             index)
{
  PangoContext *context = gtk_widget_create_pango_context (view);

  *layout = tend_chart_layout_new (tend_chart_view_get_chart (TEND_CHART_VIEW (view)), context,
                                   gtk_widget_get_width (view), gtk_widget_get_height (view));
  g_object_unref (context);

  return tend_chart_layout_find_item (*layout, 0, index);
}

static gboolean
ask_tooltip (GtkWidget *view,
             double     x,
             double     y)
{
  GObject *tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  g_signal_emit_by_name (view, "query-tooltip", (int)x, (int)y, FALSE, tooltip, &shown);
  g_object_unref (tooltip);

  return shown;
}

static void
test_pointer (void)
{
  g_autoptr(TendChart) chart = make_health_chart ();
  GtkWidget *view = tend_chart_view_new (chart);
  GtkWindow *window = show_in_window (view);
  g_autoptr(GArray) activations = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(TendChartLayout) layout = NULL;
  GtkGesture *click = find_click_gesture (view);
  const TendChartItem *yellow = find_item (view, &layout, 1);
  TendChartRect plot;

  g_assert_nonnull (click);
  g_signal_connect (view, "item-activated", G_CALLBACK (activated_cb), activations);
  tend_chart_layout_get_plot_area (layout, &plot);

  /* A tooltip over a bar, none between bars. */
  g_assert_true (ask_tooltip (view, yellow->x, yellow->rect.y + 2));
  g_assert_false (ask_tooltip (view, yellow->rect.x - 2, plot.y + plot.height - 2));

  /* A click is ignored until the view is activatable; then it names the clicked bar. */
  g_signal_emit_by_name (click, "released", 1, yellow->x, yellow->rect.y + 2);
  g_assert_cmpuint (activations->len, ==, 0);
  tend_chart_view_set_activatable (TEND_CHART_VIEW (view), TRUE);
  g_signal_emit_by_name (click, "released", 1, yellow->x, yellow->rect.y + 2);
  g_signal_emit_by_name (click, "released", 1, yellow->rect.x - 2, plot.y + plot.height - 2);
  g_assert_cmpuint (activations->len, ==, 1);
  g_assert_cmpuint (g_array_index (activations, guint, 0), ==, 1);
  assert_focus_item (TEND_CHART_VIEW (view), 1);

  g_signal_handlers_disconnect_by_data (view, activations);
  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Without a display every test is skipped, saying why. */
  if (!tend_test_ui_init ("/chart-view/no-display"))
    return g_test_run ();

  g_test_add_func ("/chart-view/properties", test_properties);
  g_test_add_func ("/chart-view/accessible", test_accessible);
  g_test_add_func ("/chart-view/measure", test_measure);
  g_test_add_func ("/chart-view/keyboard", test_keyboard);
  g_test_add_func ("/chart-view/pointer", test_pointer);
  g_test_add_func ("/chart-view/styles", test_styles);

  return g_test_run ();
}
