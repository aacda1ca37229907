/* tend-account-export.h: the account list, as filtered and sorted, exported as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "reports/tend-csv-export.h"
#include "store/tend-store.h"

G_BEGIN_DECLS

typedef enum
{
  TEND_ACCOUNT_EXPORT_NONE       = 0,
  TEND_ACCOUNT_EXPORT_BOM        = 1 << 0, /* begin with a UTF-8 byte order mark, for Excel */
  TEND_ACCOUNT_EXPORT_ATTRIBUTES = 1 << 1, /* add a column for each custom attribute */
} TendAccountExportFlags;

GPtrArray *tend_account_export_columns   (TendStore               *store,
                                          TendAccountExportFlags   flags,
                                          GError                 **error);
gboolean   tend_account_export_to_stream (TendStore               *store,
                                          GListModel              *accounts,
                                          GOutputStream           *stream,
                                          TendAccountExportFlags   flags,
                                          GCancellable            *cancellable,
                                          GError                 **error);
gboolean   tend_account_export_to_file   (TendStore               *store,
                                          GListModel              *accounts,
                                          GFile                   *file,
                                          TendAccountExportFlags   flags,
                                          GCancellable            *cancellable,
                                          GError                 **error);

G_END_DECLS
