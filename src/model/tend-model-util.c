/* tend-model-util.c: small helpers the model objects share to read rows and set fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendModel"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tend-model-util.h"

/**
 * tend_model_column_dup_text:
 *
 * Returns: (nullable): the column's text, or %NULL when it is SQL NULL
 */
char *
tend_model_column_dup_text (sqlite3_stmt *stmt,
                            int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

gint64
tend_model_column_int64 (sqlite3_stmt *stmt,
                         int           column,
                         gint64        if_null)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return if_null;

  return sqlite3_column_int64 (stmt, column);
}

double
tend_model_column_double (sqlite3_stmt *stmt,
                          int           column,
                          double        if_null)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return if_null;

  return sqlite3_column_double (stmt, column);
}

/**
 * tend_model_bind_text:
 *
 * Binds @text, or SQL NULL when it is %NULL or empty: an optional field left blank is
 * stored as absent, so that filters and "NULLs last" sorting treat both alike.
 */
void
tend_model_bind_text (sqlite3_stmt *stmt,
                      int           index,
                      const char   *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/**
 * tend_model_bind_id:
 *
 * Binds a row id, or SQL NULL for 0 and below, which the model uses for "none".
 */
void
tend_model_bind_id (sqlite3_stmt *stmt,
                    int           index,
                    gint64        id)
{
  if (id <= 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

/**
 * tend_model_set_string:
 * @pspec: the property to notify
 * @value: (nullable): the new value
 *
 * Replaces a string field and notifies @pspec, only when the value really changes.
 *
 * Returns: whether it changed
 */
gboolean
tend_model_set_string (GObject     *object,
                       GParamSpec  *pspec,
                       char       **field,
                       const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (object, pspec);

  return TRUE;
}

gboolean
tend_model_set_int64 (GObject    *object,
                      GParamSpec *pspec,
                      gint64     *field,
                      gint64      value)
{
  if (*field == value)
    return FALSE;

  *field = value;
  g_object_notify_by_pspec (object, pspec);

  return TRUE;
}

gboolean
tend_model_set_int (GObject    *object,
                    GParamSpec *pspec,
                    int        *field,
                    int         value)
{
  if (*field == value)
    return FALSE;

  *field = value;
  g_object_notify_by_pspec (object, pspec);

  return TRUE;
}

/**
 * tend_model_load_one:
 * @sql: a statement with one parameter, the row id
 *
 * Returns: (transfer full) (nullable): the object read from the row with @id, or %NULL
 *   with %TEND_STORE_ERROR_NOT_FOUND when there is none
 */
gpointer
tend_model_load_one (TendStore      *store,
                     const char     *sql,
                     gint64          id,
                     TendRowReader   read_row,
                     GError        **error)
{
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, error);
  gpointer object = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    object = read_row (stmt);
  else if (rc == SQLITE_DONE)
    {
      g_autofree char *record = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_set_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_NOT_FOUND,
                   _("Record %s is no longer in %s; it may have been deleted."),
                   record, tend_store_get_path (store));
    }
  else
    tend_store_set_error (store, error, rc, _("read the workspace"));

  sqlite3_reset (stmt);

  return object;
}

/**
 * tend_model_load_list:
 * @sql: a statement whose parameter ?1, if it has one, is bound to @id
 * @item_type: the type of the objects @read_row returns
 *
 * Returns: (transfer full) (nullable): a list of every row's object, in the order of
 *   @sql, or %NULL with @error set
 */
GListStore *
tend_model_load_list (TendStore      *store,
                      const char     *sql,
                      gint64          id,
                      GType           item_type,
                      TendRowReader   read_row,
                      GError        **error)
{
  g_autoptr(GListStore) list = g_list_store_new (item_type);
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GObject) object = read_row (stmt);

      g_list_store_append (list, object);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (store, error, rc, _("read the workspace"));
      return NULL;
    }

  return g_steal_pointer (&list);
}

/**
 * tend_model_finish_write:
 * @succeeded: whether the writes since tend_store_begin() all worked
 * @what: the detail of the store's "changed" signal to announce on success
 *
 * Commits and announces the change, or rolls back.
 *
 * Returns: whether the change is saved
 */
gboolean
tend_model_finish_write (TendStore   *store,
                         gboolean     succeeded,
                         const char  *what,
                         GError     **error)
{
  if (!succeeded)
    {
      tend_store_rollback (store);
      return FALSE;
    }

  tend_store_emit_changed (store, what);

  return tend_store_commit (store, error);
}
