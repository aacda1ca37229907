/* tend-import-pipeline.h: reading an import's rows on one thread, writing them on another
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a public API: the importer runs its rows through a pipeline inside its transaction.
 */

#pragma once

#include "import/tend-import-session.h"
#include "import/tend-import-writer.h"
#include "import/tend-importer.h"

G_BEGIN_DECLS

gboolean tend_import_pipeline_run (TendImportSession       *s,
                                   TendImportWriter        *w,
                                   GCancellable            *cancellable,
                                   TendImportProgressFunc   progress,
                                   gpointer                 progress_data,
                                   GError                 **error);

G_END_DECLS
