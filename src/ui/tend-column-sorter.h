/* tend-column-sorter.h: a column's sorter that tells which column the list sorts by
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "model/tend-account-list.h"

G_BEGIN_DECLS

#define TEND_TYPE_COLUMN_SORTER (tend_column_sorter_get_type ())
G_DECLARE_FINAL_TYPE (TendColumnSorter, tend_column_sorter, TEND, COLUMN_SORTER, GtkSorter)

TendColumnSorter   *tend_column_sorter_new        (TendAccountSortKey  key);
TendAccountSortKey  tend_column_sorter_get_key    (TendColumnSorter   *self);
gboolean            tend_column_sorter_read_state (GtkColumnView      *view,
                                                   TendAccountSortKey *key,
                                                   gboolean           *descending);

G_END_DECLS
