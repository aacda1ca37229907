/* tend-ui-format.h: how the views word statuses, bands and dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

const char *tend_ui_status_label      (const char *status);
const char *tend_ui_band_label        (const char *band);
const char *tend_ui_band_css_class    (const char *band);
char       *tend_ui_format_iso_date   (const char *iso);
char       *tend_ui_format_unix_date  (gint64      seconds);
char       *tend_ui_format_score      (double      score);
char       *tend_ui_format_count      (guint       count);
void        tend_ui_set_band_class    (GtkWidget  *widget,
                                       const char *band);

G_END_DECLS
