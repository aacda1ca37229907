/* tend-ui-format.h: how the views word statuses, bands and dates, and show stored text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "model/tend-health-score.h"

G_BEGIN_DECLS

/* The most characters of a name or another value from the workspace that a label shows;
 * its tooltip shows up to TEND_UI_TOOLTIP_CHARS. */
#define TEND_UI_LABEL_CHARS 200
#define TEND_UI_TOOLTIP_CHARS 500

/* For the short choices of a drop-down and a chart's categories. */
#define TEND_UI_CHOICE_CHARS 40

void        tend_ui_ensure_resources  (void);
const char *tend_ui_status_label      (const char *status);
const char *tend_ui_band_label        (const char *band);
const char *tend_ui_band_css_class    (const char *band);
char       *tend_ui_format_iso_date   (const char *iso);
char       *tend_ui_format_unix_date  (gint64      seconds);
char       *tend_ui_format_score      (double      score);
char       *tend_ui_format_score_detail (double    score);
char       *tend_ui_format_score_input (const TendScorePart *part);
const char *tend_ui_measure_label     (const char *label);
char       *tend_ui_format_count      (guint       count);
char       *tend_ui_format_change     (double      change,
                                       int         decimals);
void        tend_ui_set_band_class    (GtkWidget  *widget,
                                       const char *band);
char       *tend_ui_display_text      (const char *text,
                                       guint       max_chars);
void        tend_ui_label_set_stored_text (GtkLabel   *label,
                                           const char *text);
const char *tend_ui_label_get_whole_text  (GtkLabel   *label);

G_END_DECLS
