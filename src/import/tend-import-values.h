/* tend-import-values.h: reading the values people put in spreadsheet cells
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "import/tend-import-mapping.h"
#include "util/tend-date.h"

G_BEGIN_DECLS

TendDay      tend_import_parse_date         (const char  *text,
                                             TendDateOrder order);
gboolean     tend_import_parse_bool         (const char  *text,
                                             gboolean    *value);
const char  *tend_import_parse_status       (const char  *text);
gboolean     tend_import_parse_term         (const char  *text,
                                             int         *months);
gboolean     tend_import_parse_count        (const char  *text,
                                             gint64      *count);
gboolean     tend_import_is_adopted         (const char  *text);
const char  *tend_import_term_interval      (int          months);
TendDay      tend_import_next_renewal       (TendDay      start,
                                             int          term_months,
                                             TendDay      as_of);
gboolean     tend_import_is_json_number     (const char  *text,
                                             gsize        length);
void         tend_import_json_append_string (GString     *out,
                                             const char  *text,
                                             gsize        length);
void         tend_import_json_append_value  (GString     *out,
                                             const char  *text,
                                             gsize        length);

G_END_DECLS
