/* tend-import-preview.h: what an import would do, before it does it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "import/tend-import-mapping.h"
#include "import/tend-import-problem.h"

G_BEGIN_DECLS

#define TEND_TYPE_IMPORT_PREVIEW (tend_import_preview_get_type ())
G_DECLARE_FINAL_TYPE (TendImportPreview, tend_import_preview, TEND, IMPORT_PREVIEW, GObject)

guint               tend_import_preview_get_n_columns      (TendImportPreview *self);
const char * const *tend_import_preview_get_header         (TendImportPreview *self);
TendImportField     tend_import_preview_get_column_field   (TendImportPreview *self,
                                                            guint              column);
guint               tend_import_preview_get_n_rows         (TendImportPreview *self);
const char * const *tend_import_preview_get_row            (TendImportPreview *self,
                                                            guint              row);
guint               tend_import_preview_get_row_line       (TendImportPreview *self,
                                                            guint              row);
gboolean            tend_import_preview_get_row_valid      (TendImportPreview *self,
                                                            guint              row);
const char         *tend_import_preview_get_value          (TendImportPreview *self,
                                                            guint              row,
                                                            TendImportField    field);
guint               tend_import_preview_get_n_read         (TendImportPreview *self);
guint               tend_import_preview_get_n_rejected     (TendImportPreview *self);
GPtrArray          *tend_import_preview_get_problems       (TendImportPreview *self);
guint               tend_import_preview_get_n_problems     (TendImportPreview *self);
const char         *tend_import_preview_get_encoding       (TendImportPreview *self);

G_END_DECLS
