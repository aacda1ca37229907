/* tend-import-writer.c: writing checked rows into the workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Accounts are found by (source, external id) in account_sources. Rows are queued, new
 * accounts in one batch and existing ones in another, and each batch is written with
 * multi-row statements once full and at the end. That matters for speed: the schema's
 * CHECK constraints and expression indexes build their IN lists once per statement run,
 * and an UPDATE opens a statement journal; doing that once per batch rather than once per
 * row is most of what an import costs beyond the indexes themselves.
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

static const char subscription_conflict_sql[] =
  " ON CONFLICT (source, external_id) DO UPDATE SET account_id = excluded.account_id,"
  " product = excluded.product, amount_minor = excluded.amount_minor,"
  " currency = excluded.currency, billing_interval = excluded.billing_interval,"
  " start_date = excluded.start_date, renewal_date = excluded.renewal_date,"
  " end_date = excluded.end_date, status = excluded.status";

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

/* Only the fields the file has are updated, and an empty cell never erases a value. The
 * values come as v.column1 (the id) to v.column14, in the order bind_updates() binds. */
static char *
update_accounts_sql (TendImportWriter *w,
                     guint             n_rows)
{
  TendImportSession *s = w->session;
  g_autoptr(GString) head = g_string_new ("UPDATE accounts SET updated_at = unixepoch()");
  const int *has = s->column_of;
  char *as_of;

  if (has[TEND_IMPORT_FIELD_NAME] >= 0)
    g_string_append (head, ", name = coalesce(v.column2, name)");
  if (has[TEND_IMPORT_FIELD_DOMAIN] >= 0)
    g_string_append (head, ", domain = coalesce(v.column3, domain)");
  if (has[TEND_IMPORT_FIELD_OWNER] >= 0)
    g_string_append (head, ", owner_id = coalesce(v.column4, owner_id)");
  if (has[TEND_IMPORT_FIELD_SEGMENT] >= 0)
    g_string_append (head, ", segment = coalesce(v.column5, segment)");
  if (has[TEND_IMPORT_FIELD_LIFECYCLE_STAGE] >= 0)
    g_string_append (head, ", lifecycle_stage = coalesce(v.column6, lifecycle_stage)");
  if (has[TEND_IMPORT_FIELD_START_DATE] >= 0 || has[TEND_IMPORT_FIELD_TENURE_MONTHS] >= 0)
    g_string_append (head, ", start_date = coalesce(v.column7, start_date)");
  if (has[TEND_IMPORT_FIELD_STATUS] >= 0 || has[TEND_IMPORT_FIELD_CHURNED] >= 0 ||
      has[TEND_IMPORT_FIELD_CHURN_DATE] >= 0)
    {
      /* An account that churns now, without a date, churned on the import's day. */
      as_of = sqlite3_mprintf ("%Q", s->as_of_iso);
      g_string_append_printf (head, ", status = coalesce(v.column8, status), churn_date = CASE"
                                    " WHEN coalesce(v.column8, status) = 'churned'"
                                    " THEN coalesce(v.column9, churn_date, %s) END", as_of);
      sqlite3_free (as_of);
    }
  if (has[TEND_IMPORT_FIELD_CHURN_REASON] >= 0)
    g_string_append (head, ", churn_reason = coalesce(v.column10, churn_reason)");
  if (has[TEND_IMPORT_FIELD_LICENSED_SEATS] >= 0)
    g_string_append (head, ", licensed_seats = coalesce(v.column11, licensed_seats)");
  g_string_append (head, ", attributes = json_patch(attributes, v.column12)");
  if (has[TEND_IMPORT_FIELD_CURRENCY] >= 0 || s->has_money)
    g_string_append (head, ", currency = coalesce(v.column13, currency)");
  if (!s->has_money &&
      (has[TEND_IMPORT_FIELD_RENEWAL_DATE] >= 0 || has[TEND_IMPORT_FIELD_CONTRACT] >= 0))
    g_string_append (head, ", renewal_date = CASE WHEN coalesce(v.column8, status) = 'churned'"
                           " THEN NULL ELSE coalesce(v.column14, renewal_date) END");
  g_string_append (head, " FROM (VALUES ");

  return build_rows_sql (head->str, n_rows, 14, ") AS v WHERE accounts.id = v.column1");
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
  return build_rows_sql ("UPDATE accounts SET"
                         " arr_minor = (SELECT coalesce(sum(s.amount_minor * s.quantity *"
                         "   CASE s.billing_interval WHEN 'month' THEN 12 WHEN 'quarter' THEN 4"
                         "   WHEN 'year' THEN 1 ELSE 0 END), 0)"
                         "   FROM subscriptions s WHERE s.account_id = accounts.id"
                         "   AND s.currency = accounts.currency"
                         "   AND (s.status IN ('active', 'trialing', 'past_due')"
                         "        OR (accounts.status = 'churned' AND s.status = 'canceled'))),"
                         " renewal_date = CASE WHEN accounts.status = 'churned' THEN NULL ELSE"
                         "   (SELECT min(s.renewal_date) FROM subscriptions s"
                         "    WHERE s.account_id = accounts.id"
                         "    AND s.status IN ('active', 'trialing', 'past_due')) END"
                         " WHERE id IN (VALUES ",
                         n_rows, 1, ")");
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

static void
bind_new_accounts (TendImportWriter *w,
                   TendImportBatch  *batch,
                   sqlite3_stmt     *stmt)
{
  int p = 1;

  for (guint r = 0; r < batch->n_rows; r++)
    {
      const BatchRow *row = &batch->rows[r];

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
      sqlite3_bind_int64 (stmt, p++, row->arr);
      bind_optional_text (stmt, p++, batch_text (batch, row, B_CURRENCY));
      bind_optional_text (stmt, p++, batch_text (batch, row, B_RENEWAL));
    }
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

static void
bind_new_subscriptions (TendImportWriter *w,
                        TendImportBatch  *batch,
                        sqlite3_stmt     *stmt)
{
  int p = 1;

  for (guint r = 0; r < batch->n_rows; r++)
    {
      const BatchRow *row = &batch->rows[r];

      sqlite3_bind_int64 (stmt, p++, row->id);
      sqlite3_bind_text (stmt, p++, w->subscription_source, -1, SQLITE_STATIC);
      bind_optional_text (stmt, p++, batch_text (batch, row, B_EXTERNAL_ID));
      sqlite3_bind_text (stmt, p++, w->product, -1, SQLITE_STATIC);
      bind_optional_int (stmt, p++, row->has_money ? row->amount : -1);
      bind_optional_text (stmt, p++, batch_text (batch, row, B_CURRENCY));
      bind_optional_text (stmt, p++, batch_text (batch, row, B_INTERVAL));
      bind_optional_text (stmt, p++, batch_text (batch, row, B_START));
      bind_optional_text (stmt, p++, batch_text (batch, row, B_RENEWAL));
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
    {
      const BatchRow *row = &batch->rows[r];

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
      bind_optional_text (stmt, p++, batch_text (batch, row, B_CURRENCY));
      bind_optional_text (stmt, p++, batch_text (batch, row, B_RENEWAL));
    }
}

static void
bind_old_subscriptions (TendImportWriter *w,
                        TendImportBatch  *batch,
                        sqlite3_stmt     *stmt)
{
  int p = 1;

  for (guint r = 0; r < batch->n_rows; r++)
    {
      const BatchRow *row = &batch->rows[r];

      sqlite3_bind_int64 (stmt, p++, row->id);
      sqlite3_bind_text (stmt, p++, w->subscription_source, -1, SQLITE_STATIC);
      bind_optional_text (stmt, p++, batch_text (batch, row, B_EXTERNAL_ID));
      sqlite3_bind_text (stmt, p++, w->product, -1, SQLITE_STATIC);
      bind_optional_int (stmt, p++, row->has_money ? row->amount : -1);
      bind_optional_text (stmt, p++, batch_text (batch, row, B_CURRENCY));
      bind_optional_text (stmt, p++, batch_text (batch, row, B_INTERVAL));
      bind_optional_text (stmt, p++, batch_text (batch, row, B_START));
      bind_optional_text (stmt, p++, batch_text (batch, row, B_RENEWAL));
    }
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

void
tend_import_writer_clear (TendImportWriter *w)
{
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

  return TRUE;
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
  w->owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  w->inserts = batch_new (insert_steps);
  w->updates = batch_new (update_steps);
  w->subscription_source = g_strconcat ("csv:", tend_import_mapping_get_name (mapping), NULL);
  w->product = g_strdup (product != NULL ? product : tend_import_mapping_get_name (mapping));

  if (!writer_read_state (w, tend_import_mapping_get_source (mapping), error))
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
writer_find_account (TendImportWriter  *w,
                     gint64            *account_id,
                     GError           **error)
{
  TendImportSession *s = w->session;

  *account_id = 0;
  if (w->source_was_empty)
    return TRUE;

  sqlite3_bind_text (w->find_account, 1, tend_import_mapping_get_source (s->job->mapping), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (w->find_account, 2, tend_import_row_text (&s->row,
                                                               TEND_IMPORT_FIELD_EXTERNAL_ID),
                     -1, SQLITE_STATIC);

  return writer_lookup_id (w, w->find_account, account_id, error);
}

static BatchRow *
batch_queue (TendImportBatch *batch,
             TendImportRow   *row,
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
writer_queue_insert (TendImportWriter *w,
                     gint64            owner_id)
{
  TendImportSession *s = w->session;
  TendImportRow *row = &s->row;
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
writer_queue_update (TendImportWriter *w,
                     gint64            account_id,
                     gint64            owner_id)
{
  TendImportSession *s = w->session;
  TendImportRow *row = &s->row;
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

/**
 * tend_import_writer_write_row:
 *
 * Queues the session's current row, which has been checked and found good, and writes
 * the queue once it is full.
 */
gboolean
tend_import_writer_write_row (TendImportWriter  *w,
                              GError           **error)
{
  TendImportRow *row = &w->session->row;
  const char *owner = tend_import_row_text (row, TEND_IMPORT_FIELD_OWNER);
  TendImportBatch *batch;
  gint64 owner_id = 0;
  gint64 account_id = 0;

  if (owner != NULL && !writer_find_owner (w, owner, &owner_id, error))
    return FALSE;

  if (!writer_find_account (w, &account_id, error))
    return FALSE;

  if (account_id == 0)
    {
      writer_queue_insert (w, owner_id);
      w->n_inserted++;
      batch = w->inserts;
    }
  else
    {
      writer_queue_update (w, account_id, owner_id);
      w->n_updated++;
      batch = w->updates;
    }

  return batch->n_rows < BATCH_ROWS || writer_flush_batch (w, batch, error);
}
