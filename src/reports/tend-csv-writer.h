/* tend-csv-writer.h: rows of cells written as RFC 4180 CSV that spreadsheets open safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * TEXT cells come from users or imported files: one that starts with =, +, -, @, a tab or a
 * carriage return gets a leading single quote, so no spreadsheet runs it as a formula.
 * NUMBER cells are the exporter's own plain decimals ("-12.50", "3"): they are written as
 * they are so that spreadsheets still read them as numbers. A NUMBER cell that is not such
 * a decimal is treated as TEXT, so a wrong kind can never let a formula through.
 */
typedef enum
{
  TEND_CSV_CELL_TEXT,
  TEND_CSV_CELL_NUMBER,
} TendCsvCellKind;

#define TEND_TYPE_CSV_WRITER (tend_csv_writer_get_type ())
G_DECLARE_FINAL_TYPE (TendCsvWriter, tend_csv_writer, TEND, CSV_WRITER, GObject)

gboolean       tend_csv_is_plain_number      (const char             *text);
void           tend_csv_append_cell          (GString                *line,
                                              const char             *value,
                                              TendCsvCellKind         kind);

TendCsvWriter *tend_csv_writer_new           (GOutputStream          *stream,
                                              gboolean                bom);
GOutputStream *tend_csv_writer_get_stream    (TendCsvWriter          *self);
gboolean       tend_csv_writer_get_bom       (TendCsvWriter          *self);
guint64        tend_csv_writer_get_rows      (TendCsvWriter          *self);
gboolean       tend_csv_writer_write_row     (TendCsvWriter          *self,
                                              const char *const      *cells,
                                              const TendCsvCellKind  *kinds,
                                              guint                   n_cells,
                                              GCancellable           *cancellable,
                                              GError                **error);

G_END_DECLS
