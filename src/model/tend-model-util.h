/* tend-model-util.h: small helpers the model objects share to read rows and set fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "store/tend-store.h"

G_BEGIN_DECLS

/* Reads one object from the current row of a statement. */
typedef gpointer (*TendRowReader) (sqlite3_stmt *stmt);

char       *tend_model_column_dup_text  (sqlite3_stmt  *stmt,
                                         int            column);
gint64      tend_model_column_int64     (sqlite3_stmt  *stmt,
                                         int            column,
                                         gint64         if_null);
double      tend_model_column_double    (sqlite3_stmt  *stmt,
                                         int            column,
                                         double         if_null);
void        tend_model_bind_text        (sqlite3_stmt  *stmt,
                                         int            index,
                                         const char    *text);
void        tend_model_bind_id          (sqlite3_stmt  *stmt,
                                         int            index,
                                         gint64         id);

gboolean    tend_model_set_string       (GObject       *object,
                                         GParamSpec    *pspec,
                                         char         **field,
                                         const char    *value);
gboolean    tend_model_set_int64        (GObject       *object,
                                         GParamSpec    *pspec,
                                         gint64        *field,
                                         gint64         value);
gboolean    tend_model_set_int          (GObject       *object,
                                         GParamSpec    *pspec,
                                         int           *field,
                                         int            value);

gpointer    tend_model_load_one         (TendStore     *store,
                                         const char    *sql,
                                         gint64         id,
                                         TendRowReader  read_row,
                                         GError       **error);
GListStore *tend_model_load_list        (TendStore     *store,
                                         const char    *sql,
                                         gint64         id,
                                         GType          item_type,
                                         TendRowReader  read_row,
                                         GError       **error);
gboolean    tend_model_finish_write     (TendStore     *store,
                                         gboolean       succeeded,
                                         const char    *what,
                                         GError       **error);

G_END_DECLS
