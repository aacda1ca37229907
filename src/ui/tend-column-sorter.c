/* tend-column-sorter.c: a column's sorter that tells which column the list sorts by
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The accounts list is sorted in SQL by the model, never by GTK: a column view header
 * click only changes the state of the view's sorter, and the page turns that state into
 * tend_account_list_set_sort(). Each column carries one of these sorters so that the
 * header shows its arrow and so that the state can be read back on GTK 4.8, where the
 * column view's sorter has no public API: the view's sorter asks its columns' sorters in
 * order, primary first, and inverts the answer of a descending one, so comparing two
 * placeholder items tells both the primary column and its order.
 */

#define G_LOG_DOMAIN "TendUi"

#include "tend-column-sorter.h"

struct _TendColumnSorter
{
  GtkSorter           parent_instance;

  TendAccountSortKey  key;
};

G_DEFINE_FINAL_TYPE (TendColumnSorter, tend_column_sorter, GTK_TYPE_SORTER)

enum {
  PROP_0,
  PROP_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The first column sorter a probe reached; the UI runs on one thread. */
static TendColumnSorter *probe_first;
static gboolean probing;

static GtkOrdering
tend_column_sorter_compare (GtkSorter *sorter,
                            gpointer   item1,
                            gpointer   item2)
{
  TendColumnSorter *self = TEND_COLUMN_SORTER (sorter);

  if (probing && probe_first == NULL)
    probe_first = self;

  /* Rows are never sorted here; outside a probe every row compares equal. */
  return probing ? GTK_ORDERING_SMALLER : GTK_ORDERING_EQUAL;
}

static GtkSorterOrder
tend_column_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
tend_column_sorter_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TendColumnSorter *self = TEND_COLUMN_SORTER (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_int (value, self->key);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_column_sorter_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TendColumnSorter *self = TEND_COLUMN_SORTER (object);

  switch (prop_id)
    {
    case PROP_KEY:
      self->key = g_value_get_int (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_column_sorter_class_init (TendColumnSorterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  object_class->get_property = tend_column_sorter_get_property;
  object_class->set_property = tend_column_sorter_set_property;
  sorter_class->compare = tend_column_sorter_compare;
  sorter_class->get_order = tend_column_sorter_get_order;

  properties[PROP_KEY] =
    g_param_spec_int ("key", NULL, NULL,
                      TEND_ACCOUNT_SORT_NAME, TEND_ACCOUNT_SORT_STATUS, TEND_ACCOUNT_SORT_NAME,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tend_column_sorter_init (TendColumnSorter *self)
{
}

/**
 * tend_column_sorter_new:
 * @key: the model's sort key this column stands for
 */
TendColumnSorter *
tend_column_sorter_new (TendAccountSortKey key)
{
  return g_object_new (TEND_TYPE_COLUMN_SORTER, "key", key, NULL);
}

TendAccountSortKey
tend_column_sorter_get_key (TendColumnSorter *self)
{
  g_return_val_if_fail (TEND_IS_COLUMN_SORTER (self), TEND_ACCOUNT_SORT_NAME);

  return self->key;
}

#if GTK_CHECK_VERSION (4, 10, 0)
static gboolean
read_state_from_view_sorter (GtkColumnView      *view,
                             TendAccountSortKey *key,
                             gboolean           *descending)
{
  GtkColumnViewSorter *sorter = GTK_COLUMN_VIEW_SORTER (gtk_column_view_get_sorter (view));
  GtkColumnViewColumn *column = gtk_column_view_sorter_get_primary_sort_column (sorter);
  GtkSorter *column_sorter;

  if (column == NULL)
    return FALSE;

  column_sorter = gtk_column_view_column_get_sorter (column);
  if (!TEND_IS_COLUMN_SORTER (column_sorter))
    return FALSE;

  *key = TEND_COLUMN_SORTER (column_sorter)->key;
  *descending = gtk_column_view_sorter_get_primary_sort_order (sorter) == GTK_SORT_DESCENDING;

  return TRUE;
}
#else
static gboolean
read_state_from_view_sorter (GtkColumnView      *view,
                             TendAccountSortKey *key,
                             gboolean           *descending)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (view);
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering ordering;

  probing = TRUE;
  probe_first = NULL;
  ordering = gtk_sorter_compare (sorter, a, b);
  probing = FALSE;

  if (probe_first == NULL || ordering == GTK_ORDERING_EQUAL)
    return FALSE;

  *key = probe_first->key;
  *descending = ordering == GTK_ORDERING_LARGER;
  probe_first = NULL;

  return TRUE;
}
#endif

/**
 * tend_column_sorter_read_state:
 * @view: a column view whose columns carry #TendColumnSorter sorters
 * @key: (out): the primary sort column's key
 * @descending: (out): whether that column sorts in descending order
 *
 * Returns: whether the view sorts by a column at all
 */
gboolean
tend_column_sorter_read_state (GtkColumnView      *view,
                               TendAccountSortKey *key,
                               gboolean           *descending)
{
  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), FALSE);
  g_return_val_if_fail (key != NULL && descending != NULL, FALSE);

  return read_state_from_view_sorter (view, key, descending);
}
