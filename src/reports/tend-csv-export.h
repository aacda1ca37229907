/* tend-csv-export.h: any list model exported as CSV columns, to a stream or safely to a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "reports/tend-csv-writer.h"
#include "store/tend-store.h"

G_BEGIN_DECLS

#define TEND_EXPORT_ERROR (tend_export_error_quark ())

typedef enum
{
  TEND_EXPORT_ERROR_WRITE,
  TEND_EXPORT_ERROR_READ,
  TEND_EXPORT_ERROR_NOT_A_FILE,  /* the path names a device, a pipe, a folder or a socket */
  TEND_EXPORT_ERROR_WORKSPACE,   /* the path names the open workspace database */
} TendExportError;

/*
 * Returns the cell of @item, or %NULL for an empty cell. @kind holds the column's kind and
 * may be changed for this one cell. On failure, returns %NULL with @error set.
 */
typedef char *(*TendCsvCellFunc) (gpointer          item,
                                  gpointer          user_data,
                                  TendCsvCellKind  *kind,
                                  GError          **error);

typedef struct
{
  char            *title;
  TendCsvCellKind  kind;
  TendCsvCellFunc  cell;
  gpointer         user_data;
  GDestroyNotify   destroy;
} TendCsvColumn;

/* Writes the whole export into @stream; tend_csv_export_to_file() calls it once. */
typedef gboolean (*TendCsvExportFunc) (GOutputStream  *stream,
                                       gpointer        user_data,
                                       GCancellable   *cancellable,
                                       GError        **error);

GQuark         tend_export_error_quark  (void);

TendCsvColumn *tend_csv_column_new      (const char         *title,
                                         TendCsvCellKind     kind,
                                         TendCsvCellFunc     cell,
                                         gpointer            user_data,
                                         GDestroyNotify      destroy);
void           tend_csv_column_free     (TendCsvColumn      *column);

gboolean       tend_csv_export_model    (GListModel         *model,
                                         GPtrArray          *columns,
                                         TendCsvWriter      *writer,
                                         GCancellable       *cancellable,
                                         GError            **error);
gboolean       tend_csv_export_to_file  (GFile              *file,
                                         TendStore          *workspace,
                                         TendCsvExportFunc   write_func,
                                         gpointer            user_data,
                                         GCancellable       *cancellable,
                                         GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendCsvColumn, tend_csv_column_free)

G_END_DECLS
