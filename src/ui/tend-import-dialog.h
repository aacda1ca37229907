/* tend-import-dialog.h: the dialog that imports accounts from a CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "import/tend-importer.h"
#include "store/tend-store.h"

G_BEGIN_DECLS

#define TEND_TYPE_IMPORT_DIALOG (tend_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TendImportDialog, tend_import_dialog, TEND, IMPORT_DIALOG, AdwWindow)

void               tend_import_dialog_present            (GtkWindow         *parent,
                                                          TendStore         *store);

TendImportDialog  *tend_import_dialog_new                (GtkWindow         *parent,
                                                          TendStore         *store);
void               tend_import_dialog_set_file           (TendImportDialog  *self,
                                                          GFile             *file);
GFile             *tend_import_dialog_get_file           (TendImportDialog  *self);
const char        *tend_import_dialog_get_step           (TendImportDialog  *self);
const char        *tend_import_dialog_get_message        (TendImportDialog  *self);

TendImportMapping *tend_import_dialog_get_mapping        (TendImportDialog  *self);
gboolean           tend_import_dialog_select_mapping     (TendImportDialog  *self,
                                                          const char        *name);
GtkDropDown       *tend_import_dialog_get_field_dropdown (TendImportDialog  *self,
                                                          const char        *column);
gboolean           tend_import_dialog_save_mapping       (TendImportDialog  *self,
                                                          const char        *name,
                                                          GError           **error);
TendImportPreview *tend_import_dialog_get_preview        (TendImportDialog  *self);

TendImportPolicy   tend_import_dialog_get_policy         (TendImportDialog  *self);
void               tend_import_dialog_set_policy         (TendImportDialog  *self,
                                                          TendImportPolicy   policy);
TendImportReport  *tend_import_dialog_get_report         (TendImportDialog  *self);
gboolean           tend_import_dialog_get_busy           (TendImportDialog  *self);

G_END_DECLS
