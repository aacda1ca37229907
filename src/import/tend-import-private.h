/* tend-import-private.h: how the importer fills in its previews and reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "import/tend-import-preview.h"
#include "import/tend-import-report.h"

G_BEGIN_DECLS

TendImportReport  *tend_import_report_new          (void);
void               tend_import_report_set_encoding (TendImportReport      *self,
                                                    const char            *encoding);
void               tend_import_report_add_problem  (TendImportReport      *self,
                                                    guint                  line,
                                                    const char            *column,
                                                    const char            *reason);
void               tend_import_report_set_counts   (TendImportReport      *self,
                                                    guint                  n_read,
                                                    guint                  n_inserted,
                                                    guint                  n_updated,
                                                    guint                  n_skipped,
                                                    guint                  n_rejected,
                                                    gboolean               committed);

TendImportPreview *tend_import_preview_new         (const char * const    *header,
                                                    const TendImportField *fields,
                                                    const char            *encoding);
void               tend_import_preview_add_row     (TendImportPreview     *self,
                                                    char                 **cells,
                                                    guint                  line,
                                                    gboolean               valid,
                                                    char                 **values);
void               tend_import_preview_add_problem (TendImportPreview     *self,
                                                    guint                  line,
                                                    const char            *column,
                                                    const char            *reason);
void               tend_import_preview_set_encoding (TendImportPreview    *self,
                                                    const char            *encoding);
void               tend_import_preview_set_counts  (TendImportPreview     *self,
                                                    guint                  n_read,
                                                    guint                  n_rejected);

G_END_DECLS
