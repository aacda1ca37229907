/* tend-import-writer.c: writing checked rows into the workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Accounts are found by (source, external id) in account_sources. Rows are queued, new
 * accounts in one batch and existing ones in another, and each batch is written with
 * multi-row statements once full and at the end, so that each statement runs, and an
 * UPDATE opens its statement journal, once per batch rather than once per row.
 *
 * Beyond the rows themselves, what an import costs is SQLite's upkeep of the schema, which
 * the writer trims for the length of the import's transaction (see "The connection"
 * below): CHECK constraints are turned off, since SQLite builds a temporary table for an
 * IN list of constants in a CHECK for every row it checks, and the writer checks those
 * values itself (the importer sets the foreign key checks aside too). The accounts table
 * has no secondary index to keep in step (see migration 8). An existing account, or its
 * subscription, that a row would leave as it is is not written at all.
 *
 * New accounts get their ids here, one after the highest: the import holds the write
 * lock from its first statement (BEGIN IMMEDIATE), so no one else can take them.
 */

#define G_LOG_DOMAIN "TendImport"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tend-import-writer.h"

/* How many accounts one multi-row statement writes. */
#define BATCH_ROWS 256

/* How many statements write a batch. */
#define BATCH_STEPS 3

/* The external ids of the source are read all at once when a quarter as many rows as
 * there are accounts look like matching one (and LOOKUP_MIN_ROWS), judged once that
 * many rows are read, rather than a query per row: a few percent less time to import
 * 100,000 accounts again, for a few megabytes while it runs. */
#define LOOKUP_MIN_ROWS 2048
#define LOOKUP_SHARE 4

/* How much larger the page cache may grow while an import runs. */
#define IMPORT_CACHE_FACTOR 4

/* The texts a queued account keeps, as offsets into the batch's arena. */
enum {
  B_EXTERNAL_ID,
  B_NAME,
  B_DOMAIN,
  B_SEGMENT,
  B_STAGE,
  B_START,
  B_STATUS,
  B_CHURN_DATE,
  B_CHURN_REASON,
  B_ATTRIBUTES,
  B_CURRENCY,
  B_RENEWAL,
  B_INTERVAL,
  B_N_TEXTS
};

typedef struct
{
  gint64    id;
  gint64    owner_id;
  gint64    seats;
  gint64    arr;
  gint64    amount;
  gboolean  has_money;
  gssize    text[B_N_TEXTS];
} BatchRow;

typedef char *(*BuildSqlFunc) (TendImportWriter *w,
                               guint             n_rows);
typedef void  (*BindRowsFunc) (TendImportWriter *w,
                               TendImportBatch  *batch,
                               sqlite3_stmt     *stmt);

/* One statement of a batch; those about money are skipped when the file has none. */
typedef struct
{
  BuildSqlFunc build;
  BindRowsFunc bind;
  gboolean     money_only;
} BatchStep;

struct _TendImportBatch
{
  const BatchStep *steps;
  GString         *arena;
  BatchRow         rows[BATCH_ROWS];
  guint            n_rows;

  /* The statements for a full batch, prepared on first use. */
  sqlite3_stmt    *full[BATCH_STEPS];
};

/* A subscription the file brings again unchanged is left as it is. */
static const char subscription_conflict_sql[] =
  " ON CONFLICT (source, external_id) DO UPDATE SET account_id = excluded.account_id,"
  " product = excluded.product, amount_minor = excluded.amount_minor,"
  " currency = excluded.currency, billing_interval = excluded.billing_interval,"
  " start_date = excluded.start_date, renewal_date = excluded.renewal_date,"
  " end_date = excluded.end_date, status = excluded.status"
  " WHERE account_id IS NOT excluded.account_id OR product IS NOT excluded.product"
  " OR amount_minor IS NOT excluded.amount_minor OR currency IS NOT excluded.currency"
  " OR billing_interval IS NOT excluded.billing_interval"
  " OR start_date IS NOT excluded.start_date OR renewal_date IS NOT excluded.renewal_date"
  " OR end_date IS NOT excluded.end_date OR status IS NOT excluded.status";

/* A multi-row statement: @head, then @n_rows groups of @n_params parameters, then @tail. */
static char *
build_rows_sql (const char *head,
                guint       n_rows,
                guint       n_params,
                const char *tail)
{
  GString *sql = g_string_new (head);

  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append (sql, r == 0 ? "(" : ",(");
      for (guint p = 0; p < n_params; p++)
        g_string_append (sql, p == 0 ? "?" : ",?");
      g_string_append_c (sql, ')');
    }
  g_string_append (sql, tail);

  return g_string_free (sql, FALSE);
}

static char *
insert_accounts_sql (TendImportWriter *w,
                     guint             n_rows)
{
  return build_rows_sql ("INSERT INTO accounts (id, name, domain, owner_id, segment,"
                         " lifecycle_stage, start_date, status, churn_date, churn_reason,"
                         " licensed_seats, attributes, arr_minor, currency, renewal_date)"
                         " VALUES ",
                         n_rows, 15, "");
}

static char *
insert_sources_sql (TendImportWriter *w,
                    guint             n_rows)
{
  return build_rows_sql ("INSERT INTO account_sources (source, external_id, account_id) VALUES ",
                         n_rows, 3, "");
}

/* Rows without money are in the list too, with no amount, and are left out. */
static char *
insert_subscriptions_sql (TendImportWriter *w,
                          guint             n_rows)
{
  g_autofree char *tail = g_strconcat (") WHERE column5 IS NOT NULL", subscription_conflict_sql,
                                       NULL);

  return build_rows_sql ("INSERT INTO subscriptions (account_id, source, external_id, product,"
                         " amount_minor, currency, billing_interval, start_date, renewal_date,"
                         " end_date, status)"
                         " SELECT column1, column2, column3, column4, column5, column6, column7,"
                         " column8, column9, column10, column11 FROM (VALUES ",
                         n_rows, 11, tail);
}

/* Adds "column = expression" to an update, and the test that it changes something. */
static void
update_set (GString    *set,
            GString    *changed,
            const char *column,
            const char *expression)
{
  g_string_append_printf (set, ", %s = %s", column, expression);
  g_string_append_printf (changed, "%s%s IS NOT (%s)", changed->len > 0 ? " OR " : "", column,
                          expression);
}

/* Only the fields the file has are updated, and an empty cell never erases a value. The
 * values come as v.column1 (the id) to v.column14, in the order bind_updates() binds. An
 * account the row would leave as it is, as most are when the same file comes again, is
 * not written at all, nor is its updated_at stamped. */
static char *
update_accounts_sql (TendImportWriter *w,
                     guint             n_rows)
{
  TendImportSession *s = w->session;
  g_autoptr(GString) set = g_string_new ("UPDATE accounts SET updated_at = unixepoch()");
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autofree char *tail = NULL;
  const int *has = s->column_of;

  if (has[TEND_IMPORT_FIELD_NAME] >= 0)
    update_set (set, changed, "name", "coalesce(v.column2, name)");
  if (has[TEND_IMPORT_FIELD_DOMAIN] >= 0)
    update_set (set, changed, "domain", "coalesce(v.column3, domain)");
  if (has[TEND_IMPORT_FIELD_OWNER] >= 0)
    update_set (set, changed, "owner_id", "coalesce(v.column4, owner_id)");
  if (has[TEND_IMPORT_FIELD_SEGMENT] >= 0)
    update_set (set, changed, "segment", "coalesce(v.column5, segment)");
  if (has[TEND_IMPORT_FIELD_LIFECYCLE_STAGE] >= 0)
    update_set (set, changed, "lifecycle_stage", "coalesce(v.column6, lifecycle_stage)");
  if (has[TEND_IMPORT_FIELD_START_DATE] >= 0 || has[TEND_IMPORT_FIELD_TENURE_MONTHS] >= 0)
    update_set (set, changed, "start_date", "coalesce(v.column7, start_date)");
  if (has[TEND_IMPORT_FIELD_STATUS] >= 0 || has[TEND_IMPORT_FIELD_CHURNED] >= 0 ||
      has[TEND_IMPORT_FIELD_CHURN_DATE] >= 0)
    {
      /* An account that churns now, without a date, churned on the import's day. */
      char *churn_date = sqlite3_mprintf ("CASE WHEN coalesce(v.column8, status) = 'churned'"
                                          " THEN coalesce(v.column9, churn_date, %Q) END",
                                          s->as_of_iso);

      update_set (set, changed, "status", "coalesce(v.column8, status)");
      update_set (set, changed, "churn_date", churn_date);
      sqlite3_free (churn_date);
    }
  if (has[TEND_IMPORT_FIELD_CHURN_REASON] >= 0)
    update_set (set, changed, "churn_reason", "coalesce(v.column10, churn_reason)");
  if (has[TEND_IMPORT_FIELD_LICENSED_SEATS] >= 0)
    update_set (set, changed, "licensed_seats", "coalesce(v.column11, licensed_seats)");

  /* The row's attributes are compact JSON with distinct keys and no nulls, so patching
   * them onto nothing, or onto themselves as a re-import of the same file does, gives
   * them back unchanged: json_patch(), which parses both, is left for real merges. */
  update_set (set, changed, "attributes",
              "CASE WHEN v.column12 = '{}' THEN attributes"
              " WHEN attributes IN ('{}', v.column12) THEN v.column12"
              " ELSE json_patch(attributes, v.column12) END");
  if (has[TEND_IMPORT_FIELD_CURRENCY] >= 0 || s->has_money)
    update_set (set, changed, "currency", "coalesce(v.column13, currency)");
  if (!s->has_money &&
      (has[TEND_IMPORT_FIELD_RENEWAL_DATE] >= 0 || has[TEND_IMPORT_FIELD_CONTRACT] >= 0))
    update_set (set, changed, "renewal_date",
                "CASE WHEN coalesce(v.column8, status) = 'churned'"
                " THEN NULL ELSE coalesce(v.column14, renewal_date) END");
  g_string_append (set, " FROM (VALUES ");

  tail = g_strdup_printf (") AS v WHERE accounts.id = v.column1 AND (%s)", changed->str);

  return build_rows_sql (set->str, n_rows, 14, tail);
}

/* The subscription of an account that existed takes its status and dates from the
 * account as it is after the update. */
static char *
upsert_subscriptions_sql (TendImportWriter *w,
                          guint             n_rows)
{
  g_autofree char *tail = g_strconcat (") AS v JOIN accounts a ON a.id = v.column1"
                                       " WHERE v.column5 IS NOT NULL",
                                       subscription_conflict_sql, NULL);

  return build_rows_sql ("INSERT INTO subscriptions (account_id, source, external_id, product,"
                         " amount_minor, currency, billing_interval, start_date, renewal_date,"
                         " end_date, status)"
                         " SELECT a.id, v.column2, v.column3, v.column4, v.column5, v.column6,"
                         " v.column7, coalesce(v.column8, a.start_date),"
                         " CASE WHEN a.status = 'churned' THEN NULL ELSE v.column9 END,"
                         " CASE WHEN a.status = 'churned' THEN a.churn_date END,"
                         " CASE a.status WHEN 'churned' THEN 'canceled'"
                         " WHEN 'trial' THEN 'trialing' ELSE 'active' END"
                         " FROM (VALUES ",
                         n_rows, 9, tail);
}

/* ARR counts the subscriptions that bill; a churned account keeps the ARR it had when it
 * churned (its canceled subscriptions), so that lost ARR can be told and measures on ARR
 * do not give away which accounts churned. Accounts that existed may have other
 * subscriptions too, so their figures are summed again. Only subscriptions in the
 * account's currency count: Tend has no exchange rates yet, so an account billed in two
 * currencies shows the ARR of its own currency only. */
static char *
recompute_accounts_sql (TendImportWriter *w,
                        guint             n_rows)
{
  /* The figures are worked out once, in the CTE, and written only where they change. */
  return build_rows_sql ("WITH figures (id, arr, renewal) AS MATERIALIZED (SELECT a.id,"
                         " (SELECT coalesce(sum(s.amount_minor * s.quantity *"
                         "   CASE s.billing_interval WHEN 'month' THEN 12 WHEN 'quarter' THEN 4"
                         "   WHEN 'year' THEN 1 ELSE 0 END), 0)"
                         "   FROM subscriptions s WHERE s.account_id = a.id"
                         "   AND s.currency = a.currency"
                         "   AND (s.status IN ('active', 'trialing', 'past_due')"
                         "        OR (a.status = 'churned' AND s.status = 'canceled'))),"
                         " CASE WHEN a.status = 'churned' THEN NULL ELSE"
                         "   (SELECT min(s.renewal_date) FROM subscriptions s"
                         "    WHERE s.account_id = a.id"
                         "    AND s.status IN ('active', 'trialing', 'past_due')) END"
                         " FROM accounts a WHERE a.id IN (VALUES ",
                         n_rows, 1,
                         "))"
                         " UPDATE accounts SET arr_minor = f.arr, renewal_date = f.renewal"
                         " FROM figures f WHERE accounts.id = f.id"
                         " AND (accounts.arr_minor IS NOT f.arr"
                         "      OR accounts.renewal_date IS NOT f.renewal)");
}

static void
bind_optional_text (sqlite3_stmt *stmt,
                    int           index,
                    const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_optional_int (sqlite3_stmt *stmt,
                   int           index,
                   gint64        value)
{
  if (value >= 0)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

static const char *
batch_text (TendImportBatch *batch,
            const BatchRow  *row,
            guint            slot)
{
  return row->text[slot] >= 0 ? batch->arena->str + row->text[slot] : NULL;
}

/* The account columns in the order both the insert and the update list them. Only a
 * new account takes its ARR from the row: an existing one gets the sum of its
 * subscriptions once they are written. Returns the next parameter. */
static int
bind_account_columns (sqlite3_stmt    *stmt,
                      int              p,
                      TendImportBatch *batch,
                      const BatchRow  *row,
                      gboolean         with_arr)
{
  sqlite3_bind_int64 (stmt, p++, row->id);
  bind_optional_text (stmt, p++, batch_text (batch, row, B_NAME));
  bind_optional_text (stmt, p++, batch_text (batch, row, B_DOMAIN));
  bind_optional_int (stmt, p++, row->owner_id);
  bind_optional_text (stmt, p++, batch_text (batch, row, B_SEGMENT));
  bind_optional_text (stmt, p++, batch_text (batch, row, B_STAGE));
  bind_optional_text (stmt, p++, batch_text (batch, row, B_START));
  bind_optional_text (stmt, p++, batch_text (batch, row, B_STATUS));
  bind_optional_text (stmt, p++, batch_text (batch, row, B_CHURN_DATE));
  bind_optional_text (stmt, p++, batch_text (batch, row, B_CHURN_REASON));
  bind_optional_int (stmt, p++, row->seats);
  bind_optional_text (stmt, p++, batch_text (batch, row, B_ATTRIBUTES));
  if (with_arr)
    sqlite3_bind_int64 (stmt, p++, row->arr);
  bind_optional_text (stmt, p++, batch_text (batch, row, B_CURRENCY));
  bind_optional_text (stmt, p++, batch_text (batch, row, B_RENEWAL));

  return p;
}

static void
bind_new_accounts (TendImportWriter *w,
                   TendImportBatch  *batch,
                   sqlite3_stmt     *stmt)
{
  int p = 1;

  for (guint r = 0; r < batch->n_rows; r++)
    p = bind_account_columns (stmt, p, batch, &batch->rows[r], TRUE);
}

static void
bind_sources (TendImportWriter *w,
              TendImportBatch  *batch,
              sqlite3_stmt     *stmt)
{
  const char *source = tend_import_mapping_get_source (w->session->job->mapping);
  int p = 1;

  for (guint r = 0; r < batch->n_rows; r++)
    {
      const BatchRow *row = &batch->rows[r];

      sqlite3_bind_text (stmt, p++, source, -1, SQLITE_STATIC);
      bind_optional_text (stmt, p++, batch_text (batch, row, B_EXTERNAL_ID));
      sqlite3_bind_int64 (stmt, p++, row->id);
    }
}

static const char *
subscription_status (const char *account_status)
{
  if (g_strcmp0 (account_status, "churned") == 0)
    return "canceled";
  if (g_strcmp0 (account_status, "trial") == 0)
    return "trialing";

  return "active";
}

/* The subscription columns both the insert and the update start with. Returns the next
 * parameter. */
static int
bind_subscription_columns (TendImportWriter *w,
                           sqlite3_stmt     *stmt,
                           int               p,
                           TendImportBatch  *batch,
                           const BatchRow   *row)
{
  sqlite3_bind_int64 (stmt, p++, row->id);
  sqlite3_bind_text (stmt, p++, w->subscription_source, -1, SQLITE_STATIC);
  bind_optional_text (stmt, p++, batch_text (batch, row, B_EXTERNAL_ID));
  sqlite3_bind_text (stmt, p++, w->product, -1, SQLITE_STATIC);
  bind_optional_int (stmt, p++, row->has_money ? row->amount : -1);
  bind_optional_text (stmt, p++, batch_text (batch, row, B_CURRENCY));
  bind_optional_text (stmt, p++, batch_text (batch, row, B_INTERVAL));
  bind_optional_text (stmt, p++, batch_text (batch, row, B_START));
  bind_optional_text (stmt, p++, batch_text (batch, row, B_RENEWAL));

  return p;
}

static void
bind_new_subscriptions (TendImportWriter *w,
                        TendImportBatch  *batch,
                        sqlite3_stmt     *stmt)
{
  int p = 1;

  for (guint r = 0; r < batch->n_rows; r++)
    {
      const BatchRow *row = &batch->rows[r];

      p = bind_subscription_columns (w, stmt, p, batch, row);
      bind_optional_text (stmt, p++, batch_text (batch, row, B_CHURN_DATE));
      sqlite3_bind_text (stmt, p++, subscription_status (batch_text (batch, row, B_STATUS)), -1,
                         SQLITE_STATIC);
    }
}

static void
bind_updates (TendImportWriter *w,
              TendImportBatch  *batch,
              sqlite3_stmt     *stmt)
{
  int p = 1;

  for (guint r = 0; r < batch->n_rows; r++)
    p = bind_account_columns (stmt, p, batch, &batch->rows[r], FALSE);
}

static void
bind_old_subscriptions (TendImportWriter *w,
                        TendImportBatch  *batch,
                        sqlite3_stmt     *stmt)
{
  int p = 1;

  for (guint r = 0; r < batch->n_rows; r++)
    p = bind_subscription_columns (w, stmt, p, batch, &batch->rows[r]);
}

static void
bind_recompute (TendImportWriter *w,
                TendImportBatch  *batch,
                sqlite3_stmt     *stmt)
{
  for (guint r = 0; r < batch->n_rows; r++)
    bind_optional_int (stmt, (int)r + 1, batch->rows[r].has_money ? batch->rows[r].id : -1);
}

static const BatchStep insert_steps[BATCH_STEPS] = {
  { insert_accounts_sql, bind_new_accounts, FALSE },
  { insert_sources_sql, bind_sources, FALSE },
  { insert_subscriptions_sql, bind_new_subscriptions, TRUE },
};

static const BatchStep update_steps[BATCH_STEPS] = {
  { update_accounts_sql, bind_updates, FALSE },
  { upsert_subscriptions_sql, bind_old_subscriptions, TRUE },
  { recompute_accounts_sql, bind_recompute, TRUE },
};

static TendImportBatch *
batch_new (const BatchStep *steps)
{
  TendImportBatch *batch = g_new0 (TendImportBatch, 1);

  batch->steps = steps;
  batch->arena = g_string_sized_new (64 * 1024);

  return batch;
}

static void
batch_free (TendImportBatch *batch)
{
  for (guint i = 0; i < BATCH_STEPS; i++)
    sqlite3_finalize (batch->full[i]);
  g_string_free (batch->arena, TRUE);
  g_free (batch);
}

static void
batch_keep_text (TendImportBatch *batch,
                 BatchRow        *row,
                 guint            slot,
                 const char      *text)
{
  if (text == NULL || *text == '\0')
    {
      row->text[slot] = -1;
      return;
    }

  row->text[slot] = (gssize)batch->arena->len;
  g_string_append_len (batch->arena, text, (gssize)strlen (text) + 1);
}

static void writer_untune (TendImportWriter *w);

void
tend_import_writer_clear (TendImportWriter *w)
{
  writer_untune (w);
  g_clear_pointer (&w->known_ids, g_hash_table_unref);
  g_clear_pointer (&w->known_keys, g_string_chunk_free);
  g_clear_pointer (&w->known_accounts, g_array_unref);
  g_clear_pointer (&w->inserts, batch_free);
  g_clear_pointer (&w->updates, batch_free);
  g_clear_pointer (&w->owners, g_hash_table_unref);
  g_clear_pointer (&w->subscription_source, g_free);
  g_clear_pointer (&w->product, g_free);
}

/* Steps a statement that returns at most one number; 0 when it returns none. */
static gboolean
writer_lookup_id (TendImportWriter  *w,
                  sqlite3_stmt      *stmt,
                  gint64            *id,
                  GError           **error)
{
  int rc = sqlite3_step (stmt);

  *id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      tend_store_set_error (w->store, error, rc, _("read the workspace"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
writer_read_state (TendImportWriter  *w,
                   const char        *source,
                   GError           **error)
{
  sqlite3_stmt *stmt;
  gint64 exists;
  gint64 accounts;

  stmt = tend_store_prepare (w->store,
                             "SELECT EXISTS (SELECT 1 FROM account_sources WHERE source = ?1)",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_STATIC);
  if (!writer_lookup_id (w, stmt, &exists, error))
    return FALSE;
  w->source_was_empty = exists == 0;

  stmt = tend_store_prepare (w->store, "SELECT coalesce(max(id), 0) FROM accounts", error);
  if (stmt == NULL)
    return FALSE;

  if (!writer_lookup_id (w, stmt, &w->next_id, error))
    return FALSE;
  w->next_id++;

  stmt = tend_store_prepare (w->store, "SELECT count(*) FROM accounts", error);
  if (stmt == NULL || !writer_lookup_id (w, stmt, &accounts, error))
    return FALSE;
  w->lookups_after = (guint)MAX (LOOKUP_MIN_ROWS, accounts / LOOKUP_SHARE);

  return TRUE;
}

/* The connection */

/* CHECK constraints are compiled into statements as they are prepared; the pragma
 * expires every prepared statement of the connection, so that the cached ones are
 * prepared again without them now, and with them once it is set back.
 *
 * A large import dirties more pages than the connection's cache holds: those that do not
 * fit are written to the WAL before the commit, and read back and written again each time
 * a later row changes them, so the cache may grow for the import, in proportion to the
 * connection's own
 * (positive sizes count pages, negative ones KiB), so that a caller who chose a small
 * cache keeps a small one. */
static gboolean
writer_tune (TendImportWriter  *w,
             GError           **error)
{
  sqlite3_stmt *stmt = tend_store_prepare (w->store, "PRAGMA cache_size", error);
  g_autofree char *cache = NULL;

  if (stmt == NULL || !writer_lookup_id (w, stmt, &w->cache_size, error))
    return FALSE;

  if (!tend_store_exec (w->store, "PRAGMA ignore_check_constraints = ON", error))
    return FALSE;
  w->tuned = TRUE;

  cache = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT,
                           w->cache_size * IMPORT_CACHE_FACTOR);
  if (!tend_store_exec (w->store, cache, error))
    return FALSE;

  return TRUE;
}

/* Called once the transaction is over, whether it was committed or not. */
static void
writer_untune (TendImportWriter *w)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  if (!w->tuned)
    return;

  w->tuned = FALSE;
  sql = g_strdup_printf ("PRAGMA ignore_check_constraints = OFF;"
                         " PRAGMA cache_size = %" G_GINT64_FORMAT, w->cache_size);
  if (!tend_store_exec (w->store, sql, &error))
    g_warning ("Could not set the workspace's connection back after an import: %s",
               error->message);
}

/* Reads the external ids the source has, so that a row finds its account in memory
 * rather than with a query of its own. */
static gboolean
writer_read_known_ids (TendImportWriter  *w,
                       GError           **error)
{
  const char *source = tend_import_mapping_get_source (w->session->job->mapping);
  sqlite3_stmt *stmt;
  int rc;

  stmt = tend_store_prepare (w->store,
                             "SELECT external_id, account_id FROM account_sources"
                             " WHERE source = ?1",
                             error);
  if (stmt == NULL)
    return FALSE;

  w->known_ids = g_hash_table_new (g_str_hash, g_str_equal);
  w->known_keys = g_string_chunk_new (64 * 1024);
  w->known_accounts = g_array_new (FALSE, FALSE, sizeof (gint64));

  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *)sqlite3_column_text (stmt, 0);
      gint64 account_id = sqlite3_column_int64 (stmt, 1);

      g_array_append_val (w->known_accounts, account_id);
      g_hash_table_insert (w->known_ids, g_string_chunk_insert (w->known_keys, key),
                           GUINT_TO_POINTER (w->known_accounts->len));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (w->store, error, rc, _("read the workspace"));
      return FALSE;
    }

  return TRUE;
}

/* How many of @done (out of the rows read up to @row) the whole file will come to, from
 * how far into the file the reader was then. */
static guint64
writer_project (TendImportWriter    *w,
                const TendImportRow *row,
                guint                done)
{
  guint64 offset = row->offset;
  goffset size = w->file_size;

  if (size <= 0 || offset == 0 || (guint64)size <= offset)
    return done;

  return (guint64)done * (guint64)size / offset;
}

/* Checked after each batch's worth of rows, from the first LOOKUP_MIN_ROWS rows on, on
 * what the whole file looks like it will do: reading every external id of the source at
 * once pays when many rows will match an account. */
static gboolean
writer_consider_lookups (TendImportWriter     *w,
                         const TendImportRow  *row,
                         GError              **error)
{
  if (w->known_ids != NULL || w->source_was_empty || row->n_read < LOOKUP_MIN_ROWS ||
      (w->n_inserted + w->n_updated) % BATCH_ROWS != 0)
    return TRUE;

  if (writer_project (w, row, w->n_updated) < w->lookups_after)
    return TRUE;

  return writer_read_known_ids (w, error);
}

/**
 * tend_import_writer_init:
 *
 * Prepares the writer; call it inside the import's transaction.
 */
gboolean
tend_import_writer_init (TendImportWriter   *w,
                         TendStore          *store,
                         TendImportSession  *s,
                         GError            **error)
{
  TendImportMapping *mapping = s->job->mapping;
  const char *product = tend_import_mapping_get_product (mapping);

  memset (w, 0, sizeof *w);
  w->store = store;
  w->session = s;
  w->file_size = tend_csv_reader_get_size (s->reader);
  w->owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  w->inserts = batch_new (insert_steps);
  w->updates = batch_new (update_steps);
  /* One subscription per account and system, whatever the mapping or the file is called
   * this time: keyed by the mapping's name, the same rows imported again from a renamed
   * file (a monthly export) gave each account a second subscription and twice its ARR. */
  w->subscription_source = g_strconcat ("csv:", tend_import_mapping_get_source (mapping), NULL);
  w->product = g_strdup (product != NULL ? product : tend_import_mapping_get_name (mapping));

  if (!writer_tune (w, error) ||
      !writer_read_state (w, tend_import_mapping_get_source (mapping), error))
    return FALSE;

  return
    (w->find_account = tend_store_prepare (store,
                                           "SELECT account_id FROM account_sources"
                                           " WHERE source = ?1 AND external_id = ?2",
                                           error)) != NULL &&
    (w->find_csm_by_email = tend_store_prepare (store,
                                                "SELECT id FROM csms"
                                                " WHERE email = ?1 COLLATE NOCASE"
                                                " ORDER BY id LIMIT 1",
                                                error)) != NULL &&
    (w->find_csm_by_name = tend_store_prepare (store,
                                               "SELECT id FROM csms"
                                               " WHERE name = ?1 COLLATE NOCASE"
                                               " ORDER BY id LIMIT 1",
                                               error)) != NULL &&
    (w->insert_csm = tend_store_prepare (store,
                                         "INSERT INTO csms (name, email) VALUES (?1, ?2)",
                                         error)) != NULL;
}

/* The owner is a CSM's e-mail address or name; one not yet in the workspace is added. */
static gboolean
writer_find_owner (TendImportWriter  *w,
                   const char        *owner,
                   gint64            *id,
                   GError           **error)
{
  gboolean is_email = strchr (owner, '@') != NULL;
  sqlite3_stmt *find = is_email ? w->find_csm_by_email : w->find_csm_by_name;
  gint64 *cached = g_hash_table_lookup (w->owners, owner);

  if (cached != NULL)
    {
      *id = *cached;
      return TRUE;
    }

  sqlite3_bind_text (find, 1, owner, -1, SQLITE_STATIC);
  if (!writer_lookup_id (w, find, id, error))
    return FALSE;

  if (*id == 0)
    {
      sqlite3_bind_text (w->insert_csm, 1, owner, -1, SQLITE_STATIC);
      if (is_email)
        sqlite3_bind_text (w->insert_csm, 2, owner, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (w->insert_csm, 2);

      if (!tend_store_step_done (w->store, w->insert_csm, error))
        return FALSE;

      *id = sqlite3_last_insert_rowid (tend_store_get_db (w->store));
    }

  g_hash_table_insert (w->owners, g_strdup (owner), g_memdup2 (id, sizeof *id));

  return TRUE;
}

static gboolean
writer_find_account (TendImportWriter     *w,
                     const TendImportRow  *row,
                     gint64               *account_id,
                     GError              **error)
{
  TendImportSession *s = w->session;
  const char *external_id = tend_import_row_text (row, TEND_IMPORT_FIELD_EXTERNAL_ID);

  *account_id = 0;
  if (w->source_was_empty)
    return TRUE;

  if (w->known_ids != NULL)
    {
      guint known = GPOINTER_TO_UINT (g_hash_table_lookup (w->known_ids, external_id));

      if (known > 0)
        *account_id = g_array_index (w->known_accounts, gint64, known - 1);
      return TRUE;
    }

  sqlite3_bind_text (w->find_account, 1, tend_import_mapping_get_source (s->job->mapping), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (w->find_account, 2, external_id, -1, SQLITE_STATIC);

  return writer_lookup_id (w, w->find_account, account_id, error);
}

static BatchRow *
batch_queue (TendImportBatch     *batch,
             const TendImportRow *row,
             gint64           id,
             gint64           owner_id)
{
  BatchRow *queued = &batch->rows[batch->n_rows++];

  queued->id = id;
  queued->owner_id = owner_id > 0 ? owner_id : -1;
  queued->seats = row->seats;
  queued->arr = row->annual_minor;
  queued->amount = row->amount_minor;
  queued->has_money = row->has_money;

  batch_keep_text (batch, queued, B_EXTERNAL_ID,
                   tend_import_row_text (row, TEND_IMPORT_FIELD_EXTERNAL_ID));
  batch_keep_text (batch, queued, B_DOMAIN, tend_import_row_text (row, TEND_IMPORT_FIELD_DOMAIN));
  batch_keep_text (batch, queued, B_SEGMENT, tend_import_row_text (row,
                                                                   TEND_IMPORT_FIELD_SEGMENT));
  batch_keep_text (batch, queued, B_STAGE,
                   tend_import_row_text (row, TEND_IMPORT_FIELD_LIFECYCLE_STAGE));
  batch_keep_text (batch, queued, B_START, row->start_iso);
  batch_keep_text (batch, queued, B_CHURN_REASON,
                   tend_import_row_text (row, TEND_IMPORT_FIELD_CHURN_REASON));
  batch_keep_text (batch, queued, B_ATTRIBUTES, row->attributes->str);
  batch_keep_text (batch, queued, B_INTERVAL, row->interval);

  return queued;
}

/* A new account's fields are all known here, as the insert stores them. */
static void
writer_queue_insert (TendImportWriter    *w,
                     const TendImportRow *row,
                     gint64               owner_id)
{
  TendImportSession *s = w->session;
  TendImportBatch *batch = w->inserts;
  const char *name = tend_import_row_text (row, TEND_IMPORT_FIELD_NAME);
  const char *status = row->status != NULL ? row->status : "active";
  gboolean churned = strcmp (status, "churned") == 0;
  BatchRow *queued = batch_queue (batch, row, w->next_id++, owner_id);

  /* A file without names (such as the Telco data) names accounts by their external id. */
  batch_keep_text (batch, queued, B_NAME,
                   name != NULL ? name : tend_import_row_text (row,
                                                               TEND_IMPORT_FIELD_EXTERNAL_ID));
  batch_keep_text (batch, queued, B_STATUS, status);
  batch_keep_text (batch, queued, B_CHURN_DATE,
                   !churned ? NULL : *row->churn_iso != '\0' ? row->churn_iso : s->as_of_iso);
  batch_keep_text (batch, queued, B_CURRENCY, row->currency);
  batch_keep_text (batch, queued, B_RENEWAL, churned ? NULL : row->renewal_iso);
}

/* An existing account keeps what the row leaves empty: the update sees NULLs there. */
static void
writer_queue_update (TendImportWriter    *w,
                     const TendImportRow *row,
                     gint64               account_id,
                     gint64               owner_id)
{
  TendImportSession *s = w->session;
  TendImportBatch *batch = w->updates;
  gboolean currency = row->present[TEND_IMPORT_FIELD_CURRENCY] || s->has_money;
  BatchRow *queued = batch_queue (batch, row, account_id, owner_id);

  batch_keep_text (batch, queued, B_NAME, tend_import_row_text (row, TEND_IMPORT_FIELD_NAME));
  batch_keep_text (batch, queued, B_STATUS, row->status);
  batch_keep_text (batch, queued, B_CHURN_DATE, row->churn_iso);
  batch_keep_text (batch, queued, B_CURRENCY, currency ? row->currency : NULL);
  batch_keep_text (batch, queued, B_RENEWAL, row->renewal_iso);
}

static sqlite3_stmt *
writer_prepare_rows (TendImportWriter  *w,
                     char              *sql,
                     GError           **error)
{
  g_autofree char *owned = sql;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v3 (tend_store_get_db (w->store), owned, -1, SQLITE_PREPARE_PERSISTENT,
                           &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      tend_store_set_error (w->store, error, rc, _("save to the workspace"));
      return NULL;
    }

  return stmt;
}

static gboolean
writer_run_rows (TendImportWriter  *w,
                 sqlite3_stmt      *stmt,
                 GError           **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (w->store, error, rc, _("save to the workspace"));
      return FALSE;
    }

  return TRUE;
}

/* A full batch reuses its statements; the last, shorter one prepares its own. */
static gboolean
writer_flush_batch (TendImportWriter  *w,
                    TendImportBatch   *batch,
                    GError           **error)
{
  gboolean full = batch->n_rows == BATCH_ROWS;
  gboolean ok = TRUE;

  for (guint i = 0; ok && batch->n_rows > 0 && i < BATCH_STEPS; i++)
    {
      const BatchStep *step = &batch->steps[i];
      sqlite3_stmt *stmt = full ? batch->full[i] : NULL;

      if (step->money_only && !w->session->has_money)
        continue;

      if (stmt == NULL)
        stmt = writer_prepare_rows (w, step->build (w, batch->n_rows), error);
      if (stmt == NULL)
        {
          ok = FALSE;
          break;
        }

      if (full)
        batch->full[i] = stmt;

      step->bind (w, batch, stmt);
      ok = writer_run_rows (w, stmt, error);

      if (!full)
        sqlite3_finalize (stmt);
    }

  batch->n_rows = 0;
  g_string_truncate (batch->arena, 0);

  return ok;
}

/**
 * tend_import_writer_flush:
 *
 * Writes the queued accounts. The importer calls it before it commits.
 */
gboolean
tend_import_writer_flush (TendImportWriter  *w,
                          GError           **error)
{
  return writer_flush_batch (w, w->updates, error) &&
         writer_flush_batch (w, w->inserts, error);
}

/* The import writes with CHECK constraints off (see writer_tune()): the values they check
 * come from the session's own lists and the statements' own texts, never from a cell. */
static gboolean
row_fits_checks (const TendImportRow *row)
{
  static const char *const statuses[] = { "active", "churned", "trial", "paused", NULL };
  static const char *const intervals[] = { "month", "quarter", "year", "one_time", NULL };

  return (row->status == NULL || g_strv_contains (statuses, row->status)) &&
         (row->interval == NULL || g_strv_contains (intervals, row->interval));
}

/**
 * tend_import_writer_write_row:
 *
 * Queues @row, which the session has checked and found good, and writes the queue once
 * it is full. The session may be reading the next rows meanwhile, on another thread.
 */
gboolean
tend_import_writer_write_row (TendImportWriter     *w,
                              const TendImportRow  *row,
                              GError              **error)
{
  const char *owner = tend_import_row_text (row, TEND_IMPORT_FIELD_OWNER);
  TendImportBatch *batch;
  gint64 owner_id = 0;
  gint64 account_id = 0;

  g_assert (row_fits_checks (row));

  if (owner != NULL && !writer_find_owner (w, owner, &owner_id, error))
    return FALSE;

  if (!writer_find_account (w, row, &account_id, error))
    return FALSE;

  if (account_id == 0)
    {
      writer_queue_insert (w, row, owner_id);
      w->n_inserted++;
      batch = w->inserts;
    }
  else
    {
      writer_queue_update (w, row, account_id, owner_id);
      w->n_updated++;
      batch = w->updates;
    }

  if (batch->n_rows == BATCH_ROWS && !writer_flush_batch (w, batch, error))
    return FALSE;

  return writer_consider_lookups (w, row, error);
}
