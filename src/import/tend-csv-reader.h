/* tend-csv-reader.h: a streaming RFC 4180 reader that detects UTF-8 and CP932
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TEND_CSV_ERROR (tend_csv_error_quark ())

typedef enum
{
  TEND_CSV_ERROR_READ,
  TEND_CSV_ERROR_ENCODING,
  TEND_CSV_ERROR_TRUNCATED,
  TEND_CSV_ERROR_FIELD_COUNT,
} TendCsvError;

#define TEND_TYPE_CSV_READER (tend_csv_reader_get_type ())
G_DECLARE_FINAL_TYPE (TendCsvReader, tend_csv_reader, TEND, CSV_READER, GObject)

GQuark         tend_csv_error_quark                (void);

TendCsvReader *tend_csv_reader_new_for_path        (const char     *path,
                                                    GError        **error);
TendCsvReader *tend_csv_reader_new_for_stream      (GInputStream   *stream,
                                                    const char     *name,
                                                    goffset         size);
TendCsvReader *tend_csv_reader_new_for_data        (const char     *data,
                                                    gsize           length,
                                                    const char     *name);

gboolean       tend_csv_reader_next                (TendCsvReader  *self,
                                                    GError        **error);
char         **tend_csv_reader_read_header         (TendCsvReader  *self,
                                                    GError        **error);

guint          tend_csv_reader_get_n_fields        (TendCsvReader  *self);
const char    *tend_csv_reader_get_field           (TendCsvReader  *self,
                                                    guint           index);
gsize          tend_csv_reader_get_field_length    (TendCsvReader  *self,
                                                    guint           index);
char         **tend_csv_reader_dup_record          (TendCsvReader  *self);
guint          tend_csv_reader_get_line            (TendCsvReader  *self);

void           tend_csv_reader_set_expected_fields (TendCsvReader  *self,
                                                    guint           n_fields);
guint          tend_csv_reader_get_expected_fields (TendCsvReader  *self);

const char    *tend_csv_reader_get_name            (TendCsvReader  *self);
const char    *tend_csv_reader_get_encoding        (TendCsvReader  *self);
gboolean       tend_csv_reader_get_had_bom         (TendCsvReader  *self);
guint64        tend_csv_reader_get_offset          (TendCsvReader  *self);
goffset        tend_csv_reader_get_size            (TendCsvReader  *self);

G_END_DECLS
