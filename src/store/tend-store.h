/* tend-store.h: the on-disk SQLite workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define TEND_STORE_ERROR (tend_store_error_quark ())

typedef enum
{
  TEND_STORE_ERROR_OPEN,
  TEND_STORE_ERROR_CORRUPT,
  TEND_STORE_ERROR_READ_ONLY,
  TEND_STORE_ERROR_TOO_NEW,
  TEND_STORE_ERROR_BUSY,
  TEND_STORE_ERROR_FULL,
  TEND_STORE_ERROR_CONSTRAINT,
  TEND_STORE_ERROR_NOT_FOUND,
  TEND_STORE_ERROR_FAILED,
} TendStoreError;

/* The newest schema this build knows. */
#define TEND_STORE_SCHEMA_VERSION 9

/* The environment variable that chooses the database when --database is not given. */
#define TEND_DATABASE_ENV "TEND_DATABASE"

#define TEND_TYPE_STORE (tend_store_get_type ())
G_DECLARE_FINAL_TYPE (TendStore, tend_store, TEND, STORE, GObject)

GQuark        tend_store_error_quark        (void);

char         *tend_store_default_path       (void);
TendStore    *tend_store_open               (const char   *path,
                                             GError      **error);
TendStore    *tend_store_open_at_version    (const char   *path,
                                             int           version,
                                             GError      **error);
TendStore    *tend_store_open_sibling       (TendStore    *self,
                                             GError      **error);
void          tend_store_wait_for_checkpoint (TendStore   *self);

const char   *tend_store_get_path           (TendStore    *self);
int           tend_store_get_schema_version (TendStore    *self);
sqlite3      *tend_store_get_db             (TendStore    *self);

sqlite3_stmt *tend_store_prepare            (TendStore    *self,
                                             const char   *sql,
                                             GError      **error);
gboolean      tend_store_exec               (TendStore    *self,
                                             const char   *sql,
                                             GError      **error);
gboolean      tend_store_step_done          (TendStore    *self,
                                             sqlite3_stmt *stmt,
                                             GError      **error);
gboolean      tend_store_begin              (TendStore    *self,
                                             GError      **error);
gboolean      tend_store_commit             (TendStore    *self,
                                             GError      **error);
void          tend_store_rollback           (TendStore    *self);
gboolean      tend_store_in_transaction     (TendStore    *self);

char         *tend_store_get_setting        (TendStore    *self,
                                             const char   *key);
gboolean      tend_store_set_setting        (TendStore    *self,
                                             const char   *key,
                                             const char   *value,
                                             GError      **error);

void          tend_store_emit_changed       (TendStore    *self,
                                             const char   *what);

void          tend_store_set_error          (TendStore    *self,
                                             GError      **error,
                                             int           rc,
                                             const char   *doing);

G_END_DECLS
