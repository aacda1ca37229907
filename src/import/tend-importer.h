/* tend-importer.h: imports accounts from a CSV file through a mapping
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "import/tend-import-mapping.h"
#include "import/tend-import-preview.h"
#include "import/tend-import-report.h"
#include "store/tend-store.h"
#include "util/tend-date.h"

G_BEGIN_DECLS

/* What to do when some rows are bad. */
typedef enum
{
  TEND_IMPORT_POLICY_SKIP_BAD_ROWS,
  TEND_IMPORT_POLICY_ALL_OR_NOTHING,
} TendImportPolicy;

/**
 * TendImportProgressFunc:
 * @rows_done: the data rows read so far
 * @bytes_done: how far into the file the import is
 * @bytes_total: the file's size, or -1 if it is not known
 *
 * Told every few hundred rows, and once at the end.
 */
typedef void (*TendImportProgressFunc) (guint     rows_done,
                                        goffset   bytes_done,
                                        goffset   bytes_total,
                                        gpointer  user_data);

#define TEND_TYPE_IMPORT_POLICY (tend_import_policy_get_type ())

#define TEND_TYPE_IMPORTER (tend_importer_get_type ())
G_DECLARE_FINAL_TYPE (TendImporter, tend_importer, TEND, IMPORTER, GObject)

GType              tend_import_policy_get_type   (void);

TendImporter      *tend_importer_new             (TendStore              *store,
                                                  const char             *path,
                                                  TendImportMapping      *mapping);

TendStore         *tend_importer_get_store       (TendImporter           *self);
const char        *tend_importer_get_path        (TendImporter           *self);
void               tend_importer_set_path        (TendImporter           *self,
                                                  const char             *path);
TendImportMapping *tend_importer_get_mapping     (TendImporter           *self);
void               tend_importer_set_mapping     (TendImporter           *self,
                                                  TendImportMapping      *mapping);
TendImportPolicy   tend_importer_get_policy      (TendImporter           *self);
void               tend_importer_set_policy      (TendImporter           *self,
                                                  TendImportPolicy        policy);
TendDay            tend_importer_get_as_of       (TendImporter           *self);
void               tend_importer_set_as_of       (TendImporter           *self,
                                                  TendDay                 as_of);

char             **tend_importer_read_header     (TendImporter           *self,
                                                  GError                **error);

TendImportPreview *tend_importer_preview         (TendImporter           *self,
                                                  guint                   max_rows,
                                                  GCancellable           *cancellable,
                                                  GError                **error);
void               tend_importer_preview_async   (TendImporter           *self,
                                                  guint                   max_rows,
                                                  GCancellable           *cancellable,
                                                  GAsyncReadyCallback     callback,
                                                  gpointer                user_data);
TendImportPreview *tend_importer_preview_finish  (TendImporter           *self,
                                                  GAsyncResult           *result,
                                                  GError                **error);

TendImportReport  *tend_importer_run             (TendImporter           *self,
                                                  GCancellable           *cancellable,
                                                  TendImportProgressFunc  progress,
                                                  gpointer                progress_data,
                                                  GError                **error);
void               tend_importer_run_async       (TendImporter           *self,
                                                  GCancellable           *cancellable,
                                                  TendImportProgressFunc  progress,
                                                  gpointer                progress_data,
                                                  GDestroyNotify          progress_destroy,
                                                  GAsyncReadyCallback     callback,
                                                  gpointer                user_data);
TendImportReport  *tend_importer_run_finish      (TendImporter           *self,
                                                  GAsyncResult           *result,
                                                  GError                **error);

G_END_DECLS
