/* tend-account-export.c: the account list, as filtered and sorted, exported as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The columns are: Name, one "External ID (<source>)" per source the workspace has, Owner,
 * Segment, Status, ARR (major units with a dot, e.g. 1234.50), Currency, Health score,
 * Health band, 30-day change, Renewal date, and optionally one column per custom attribute,
 * titled with the attribute's key. Headers, status and band codes, ISO dates and dot
 * decimals are the same in every locale: the file is data that scripts and later imports
 * read, and a header that changed with the language would break them.
 */

#define G_LOG_DOMAIN "TendReports"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "model/tend-account.h"
#include "tend-account-export.h"
#include "util/tend-money.h"

static const char sources_sql[] =
  "SELECT DISTINCT source FROM account_sources ORDER BY source";

static const char external_ids_sql[] =
  "SELECT external_id FROM account_sources WHERE account_id = ?1 AND source = ?2 "
  "ORDER BY external_id";

/* Attributes that are not a JSON object (a damaged row) contribute no keys. */
static const char attribute_keys_sql[] =
  "SELECT DISTINCT j.key FROM accounts a, "
  "  json_each (CASE WHEN json_valid (a.attributes) THEN a.attributes ELSE '{}' END) j "
  "WHERE typeof (j.key) = 'text' ORDER BY j.key";

typedef struct
{
  TendStore *store;
  char      *source;
} ExternalIdColumn;

typedef struct
{
  TendStore              *store;
  GListModel             *accounts;
  TendAccountExportFlags  flags;
} ExportJob;

static char *
format_decimal (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.1f", value));
}

/* Writes @minor in major units with a dot and the currency's decimals: 123456 USD is
 * "1234.56", 1200 JPY is "1200". */
static char *
format_major_units (gint64      minor,
                    const char *currency)
{
  int exponent = tend_currency_exponent (currency);
  const char *sign = minor < 0 ? "-" : "";
  guint64 magnitude = minor < 0 ? (guint64)(-(minor + 1)) + 1 : (guint64)minor;
  guint64 scale = 1;

  for (int i = 0; i < exponent; i++)
    scale *= 10;

  if (exponent == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, sign, magnitude);

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT,
                          sign, magnitude / scale, exponent, magnitude % scale);
}

static char *
name_cell (gpointer item, gpointer user_data, TendCsvCellKind *kind, GError **error)
{
  return g_strdup (tend_account_get_name (item));
}

static char *
owner_cell (gpointer item, gpointer user_data, TendCsvCellKind *kind, GError **error)
{
  return g_strdup (tend_account_get_owner_name (item));
}

static char *
segment_cell (gpointer item, gpointer user_data, TendCsvCellKind *kind, GError **error)
{
  return g_strdup (tend_account_get_segment (item));
}

static char *
status_cell (gpointer item, gpointer user_data, TendCsvCellKind *kind, GError **error)
{
  return g_strdup (tend_account_get_status (item));
}

static char *
arr_cell (gpointer item, gpointer user_data, TendCsvCellKind *kind, GError **error)
{
  return format_major_units (tend_account_get_arr_minor (item),
                             tend_account_get_currency (item));
}

static char *
currency_cell (gpointer item, gpointer user_data, TendCsvCellKind *kind, GError **error)
{
  return g_strdup (tend_account_get_currency (item));
}

static gboolean
is_scored (TendAccount *account)
{
  return tend_account_get_health_score (account) >= 0;
}

static char *
score_cell (gpointer item, gpointer user_data, TendCsvCellKind *kind, GError **error)
{
  return is_scored (item) ? format_decimal (tend_account_get_health_score (item)) : NULL;
}

static char *
band_cell (gpointer item, gpointer user_data, TendCsvCellKind *kind, GError **error)
{
  return is_scored (item) ? g_strdup (tend_account_get_health_band (item)) : NULL;
}

/* An account not scored 30 days ago has no change: an empty cell, not 0. */
static char *
change_cell (gpointer item, gpointer user_data, TendCsvCellKind *kind, GError **error)
{
  double change = tend_account_get_health_change (item);

  return is_scored (item) && !isnan (change) ? format_decimal (change) : NULL;
}

static char *
renewal_cell (gpointer item, gpointer user_data, TendCsvCellKind *kind, GError **error)
{
  return g_strdup (tend_account_get_renewal_date (item));
}

static void
external_id_column_free (gpointer data)
{
  ExternalIdColumn *column = data;

  g_object_unref (column->store);
  g_free (column->source);
  g_free (column);
}

/* Most accounts have one id per source; more are joined with "; ". */
static char *
external_id_cell (gpointer item, gpointer user_data, TendCsvCellKind *kind, GError **error)
{
  ExternalIdColumn *column = user_data;
  g_autoptr(GString) ids = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = tend_store_prepare (column->store, external_ids_sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, tend_account_get_id (item));
  sqlite3_bind_text (stmt, 2, column->source, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (ids == NULL)
        ids = g_string_new (NULL);
      else
        g_string_append (ids, "; ");
      g_string_append (ids, (const char *)sqlite3_column_text (stmt, 0));
    }

  if (rc != SQLITE_DONE)
    tend_store_set_error (column->store, error, rc, _("read the external ids of the accounts"));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE || ids == NULL)
    return NULL;

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* Numbers stay numbers; strings are text and so neutralised; nested values are written as
 * their JSON text. */
static char *
attribute_cell (gpointer item, gpointer user_data, TendCsvCellKind *kind, GError **error)
{
  JsonNode *node = json_object_get_member (tend_account_get_attributes (item), user_data);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  GType type;

  *kind = TEND_CSV_CELL_TEXT;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return json_to_string (node, FALSE);

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");

  *kind = TEND_CSV_CELL_NUMBER;
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", json_node_get_double (node)));
}

static void
add_column (GPtrArray       *columns,
            const char      *title,
            TendCsvCellKind  kind,
            TendCsvCellFunc  cell)
{
  g_ptr_array_add (columns, tend_csv_column_new (title, kind, cell, NULL, NULL));
}

static gboolean
add_external_id_columns (TendStore  *store,
                         GPtrArray  *columns,
                         GError    **error)
{
  sqlite3_stmt *stmt = tend_store_prepare (store, sources_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ExternalIdColumn *column = g_new0 (ExternalIdColumn, 1);
      g_autofree char *title = NULL;

      column->store = g_object_ref (store);
      column->source = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      title = g_strdup_printf ("External ID (%s)", column->source);
      g_ptr_array_add (columns, tend_csv_column_new (title, TEND_CSV_CELL_TEXT, external_id_cell,
                                                     column, external_id_column_free));
    }

  if (rc != SQLITE_DONE)
    tend_store_set_error (store, error, rc, _("read the sources of the accounts"));
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE;
}

static gboolean
add_attribute_columns (TendStore  *store,
                       GPtrArray  *columns,
                       GError    **error)
{
  sqlite3_stmt *stmt = tend_store_prepare (store, attribute_keys_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *)sqlite3_column_text (stmt, 0);

      g_ptr_array_add (columns, tend_csv_column_new (key, TEND_CSV_CELL_TEXT, attribute_cell,
                                                     g_strdup (key), g_free));
    }

  if (rc != SQLITE_DONE)
    tend_store_set_error (store, error, rc, _("read the custom attributes of the accounts"));
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE;
}

/**
 * tend_account_export_columns:
 *
 * The columns of an account export. Attribute columns, when asked for, cover every
 * custom attribute key of the workspace, in order of key.
 *
 * Returns: (transfer full) (element-type TendCsvColumn): the columns, or %NULL with
 *   @error set
 */
GPtrArray *
tend_account_export_columns (TendStore               *store,
                             TendAccountExportFlags   flags,
                             GError                 **error)
{
  g_autoptr(GPtrArray) columns = NULL;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  columns = g_ptr_array_new_with_free_func ((GDestroyNotify)tend_csv_column_free);

  add_column (columns, "Name", TEND_CSV_CELL_TEXT, name_cell);
  if (!add_external_id_columns (store, columns, error))
    return NULL;
  add_column (columns, "Owner", TEND_CSV_CELL_TEXT, owner_cell);
  add_column (columns, "Segment", TEND_CSV_CELL_TEXT, segment_cell);
  add_column (columns, "Status", TEND_CSV_CELL_TEXT, status_cell);
  add_column (columns, "ARR", TEND_CSV_CELL_NUMBER, arr_cell);
  add_column (columns, "Currency", TEND_CSV_CELL_TEXT, currency_cell);
  add_column (columns, "Health score", TEND_CSV_CELL_NUMBER, score_cell);
  add_column (columns, "Health band", TEND_CSV_CELL_TEXT, band_cell);
  add_column (columns, "30-day change", TEND_CSV_CELL_NUMBER, change_cell);
  add_column (columns, "Renewal date", TEND_CSV_CELL_TEXT, renewal_cell);

  if ((flags & TEND_ACCOUNT_EXPORT_ATTRIBUTES) && !add_attribute_columns (store, columns, error))
    return NULL;

  return g_steal_pointer (&columns);
}

/**
 * tend_account_export_to_stream:
 * @accounts: a #GListModel of #TendAccount, such as a #TendAccountList, exported in its
 *   order
 *
 * Writes the header and one row per account into @stream, which is not closed.
 */
gboolean
tend_account_export_to_stream (TendStore               *store,
                               GListModel              *accounts,
                               GOutputStream           *stream,
                               TendAccountExportFlags   flags,
                               GCancellable            *cancellable,
                               GError                 **error)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(TendCsvWriter) writer = NULL;

  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (accounts), FALSE);
  g_return_val_if_fail (g_type_is_a (g_list_model_get_item_type (accounts), TEND_TYPE_ACCOUNT),
                        FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  columns = tend_account_export_columns (store, flags, error);
  if (columns == NULL)
    return FALSE;

  writer = tend_csv_writer_new (stream, (flags & TEND_ACCOUNT_EXPORT_BOM) != 0);

  return tend_csv_export_model (accounts, columns, writer, cancellable, error);
}

static gboolean
write_job (GOutputStream  *stream,
           gpointer        user_data,
           GCancellable   *cancellable,
           GError        **error)
{
  ExportJob *job = user_data;

  return tend_account_export_to_stream (job->store, job->accounts, stream, job->flags,
                                        cancellable, error);
}

/**
 * tend_account_export_to_file:
 *
 * Exports @accounts into @file, which appears only once it is complete and is never
 * @store's own database: see tend_csv_export_to_file() for what is refused and how
 * failures are reported.
 */
gboolean
tend_account_export_to_file (TendStore               *store,
                             GListModel              *accounts,
                             GFile                   *file,
                             TendAccountExportFlags   flags,
                             GCancellable            *cancellable,
                             GError                 **error)
{
  ExportJob job = { store, accounts, flags };

  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (accounts), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return tend_csv_export_to_file (file, store, write_job, &job, cancellable, error);
}
