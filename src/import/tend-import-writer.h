/* tend-import-writer.h: writing checked rows into the workspace, inside the importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a public API: the importer runs a writer inside its transaction.
 */

#pragma once

#include "import/tend-import-session.h"
#include "store/tend-store.h"

G_BEGIN_DECLS

typedef struct _TendImportBatch TendImportBatch;

typedef struct
{
  TendStore         *store;
  TendImportSession *session;
  sqlite3_stmt      *find_account;
  sqlite3_stmt      *find_csm_by_email;
  sqlite3_stmt      *find_csm_by_name;
  sqlite3_stmt      *insert_csm;
  GHashTable        *owners;
  TendImportBatch   *inserts;
  TendImportBatch   *updates;
  gboolean           source_was_empty;
  goffset            file_size;
  gint64             next_id;
  char              *subscription_source;
  char              *product;
  guint              n_inserted;
  guint              n_updated;

  /* The connection as it was before the import tuned it, to be put back. */
  gboolean           tuned;
  gint64             cache_size;

  /* How many matched rows make it worth reading all the source's ids, and the accounts
   * the source already had (external id to account id), read once. */
  guint              lookups_after;
  GHashTable        *known_ids;
  GStringChunk      *known_keys;
  GArray            *known_accounts;
} TendImportWriter;

gboolean tend_import_writer_init      (TendImportWriter   *w,
                                       TendStore          *store,
                                       TendImportSession  *s,
                                       GError            **error);
gboolean tend_import_writer_write_row (TendImportWriter     *w,
                                       const TendImportRow  *row,
                                       GError              **error);
gboolean tend_import_writer_flush     (TendImportWriter   *w,
                                       GError            **error);
void     tend_import_writer_clear     (TendImportWriter   *w);

G_END_DECLS
