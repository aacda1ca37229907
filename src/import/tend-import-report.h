/* tend-import-report.h: what an import did
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "import/tend-import-problem.h"

G_BEGIN_DECLS

/* A report keeps the first this many problems; the counts stay exact beyond them. */
#define TEND_IMPORT_MAX_PROBLEMS 1000

#define TEND_TYPE_IMPORT_REPORT (tend_import_report_get_type ())
G_DECLARE_FINAL_TYPE (TendImportReport, tend_import_report, TEND, IMPORT_REPORT, GObject)

guint       tend_import_report_get_n_read       (TendImportReport *self);
guint       tend_import_report_get_n_inserted   (TendImportReport *self);
guint       tend_import_report_get_n_updated    (TendImportReport *self);
guint       tend_import_report_get_n_skipped    (TendImportReport *self);
guint       tend_import_report_get_n_rejected   (TendImportReport *self);
gboolean    tend_import_report_get_committed    (TendImportReport *self);
const char *tend_import_report_get_encoding     (TendImportReport *self);
GPtrArray  *tend_import_report_get_problems     (TendImportReport *self);
guint       tend_import_report_get_n_problems   (TendImportReport *self);
char       *tend_import_report_to_string        (TendImportReport *self);

G_END_DECLS
