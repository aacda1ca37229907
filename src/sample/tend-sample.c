/* tend-sample.c: a seeded, deterministic sample workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The generator writes a B2B SaaS portfolio in one transaction: the CSM team, then each
 * account in turn with its contacts, subscriptions, daily usage, tickets, invoices, CSM
 * touches, surveys and milestones. All randomness comes from one GRand seeded from the
 * options and "today" comes from tend_day_today(), so a seed gives the same bytes.
 */

#define G_LOG_DOMAIN "TendSample"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tend-sample-private.h"

G_DEFINE_QUARK (tend-sample-error-quark, tend_sample_error)

/**
 * tend_sample_options_init:
 *
 * Fills @options with the defaults: a fixed seed, 400 accounts, 18 months of usage and
 * the score history.
 */
void
tend_sample_options_init (TendSampleOptions *options)
{
  g_return_if_fail (options != NULL);

  options->seed = TEND_SAMPLE_DEFAULT_SEED;
  options->n_accounts = TEND_SAMPLE_DEFAULT_ACCOUNTS;
  options->history_days = TEND_SAMPLE_DEFAULT_HISTORY_DAYS;
  options->compute_scores = TRUE;
}

static gboolean
check_options (const TendSampleOptions  *options,
               GError                  **error)
{
  if (options->n_accounts < 1 || options->n_accounts > TEND_SAMPLE_MAX_ACCOUNTS)
    {
      g_set_error (error, TEND_SAMPLE_ERROR, TEND_SAMPLE_ERROR_INVALID_OPTIONS,
                   _("A sample workspace holds from 1 to %u accounts, not %u."),
                   TEND_SAMPLE_MAX_ACCOUNTS, options->n_accounts);
      return FALSE;
    }

  if (options->history_days < 30 || options->history_days > TEND_SAMPLE_MAX_HISTORY_DAYS)
    {
      g_set_error (error, TEND_SAMPLE_ERROR, TEND_SAMPLE_ERROR_INVALID_OPTIONS,
                   _("A sample workspace holds from 30 to %u days of usage, not %u."),
                   TEND_SAMPLE_MAX_HISTORY_DAYS, options->history_days);
      return FALSE;
    }

  return TRUE;
}

/* The sample is written only into an empty workspace, never mixed with real customers. */
static gboolean
check_empty (TendStore  *store,
             GError    **error)
{
  sqlite3_stmt *stmt;
  gboolean empty;

  stmt = tend_store_prepare (store,
                             "SELECT NOT EXISTS (SELECT 1 FROM accounts) "
                             "AND NOT EXISTS (SELECT 1 FROM csms)",
                             error);
  if (stmt == NULL)
    return FALSE;

  empty = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 1;
  sqlite3_reset (stmt);

  if (!empty)
    {
      g_set_error (error, TEND_SAMPLE_ERROR, TEND_SAMPLE_ERROR_NOT_EMPTY,
                   _("%s already holds accounts or managers; the sample workspace is only "
                     "written into a new, empty workspace file."),
                   tend_store_get_path (store));
      return FALSE;
    }

  return TRUE;
}

static void
context_init (SampleContext           *ctx,
              TendStore               *store,
              const TendSampleOptions *options)
{
  ctx->store = store;
  ctx->options = options;
  ctx->rand = g_rand_new_with_seed (options->seed);
  ctx->today = tend_day_today ();
  ctx->history_start = ctx->today - (TendDay)options->history_days;
  ctx->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->csms = g_array_new (FALSE, TRUE, sizeof (SampleCsm));
  ctx->season = sample_season_new (ctx->history_start, options->history_days);
}

static void
context_clear (SampleContext *ctx)
{
  g_clear_pointer (&ctx->rand, g_rand_free);
  g_clear_pointer (&ctx->names, g_hash_table_unref);
  g_clear_pointer (&ctx->csms, g_array_unref);
  g_clear_pointer (&ctx->season, g_free);
}

static gboolean
write_one_account (SampleContext  *ctx,
                   GError        **error)
{
  g_autoptr(SampleAccount) account = sample_account_plan (ctx);

  return sample_write_account (ctx, account, error) &&
         sample_write_usage (ctx, account, error) &&
         sample_write_events (ctx, account, error);
}

static gboolean
write_accounts (SampleContext           *ctx,
                GCancellable            *cancellable,
                TendSampleProgressFunc   progress,
                gpointer                 progress_data,
                double                   share,
                GError                 **error)
{
  guint n = ctx->options->n_accounts;
  guint step = MAX (1, n / 200);

  for (guint i = 0; i < n; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (!write_one_account (ctx, error))
        return FALSE;

      if (progress != NULL && (i + 1) % step == 0)
        progress (share * (i + 1) / n, progress_data);
    }

  return TRUE;
}

static gboolean
generate (SampleContext           *ctx,
          GCancellable            *cancellable,
          TendSampleProgressFunc   progress,
          gpointer                 progress_data,
          GError                 **error)
{
  double share = ctx->options->compute_scores ? 0.7 : 1.0;

  if (!sample_write_csms (ctx, error) ||
      !write_accounts (ctx, cancellable, progress, progress_data, share, error))
    return FALSE;

  if (ctx->options->compute_scores)
    return sample_compute_scores (ctx, cancellable, progress, progress_data, share, error);

  return TRUE;
}

/**
 * tend_sample_generate:
 * @store: an empty workspace
 * @options: what to write; see #TendSampleOptions
 * @cancellable: (nullable): stops the generator; nothing is then written
 * @progress: (nullable) (scope call): told how far the work has come
 *
 * Writes a realistic sample portfolio into @store, all in one transaction: a cancelled
 * or failed run leaves the workspace as it was.
 *
 * Returns: whether the sample was written; on failure @error says why
 */
gboolean
tend_sample_generate (TendStore                *store,
                      const TendSampleOptions  *options,
                      GCancellable             *cancellable,
                      TendSampleProgressFunc    progress,
                      gpointer                  progress_data,
                      GError                  **error)
{
  SampleContext ctx = { 0, };
  gboolean ok;

  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_options (options, error) || !tend_store_begin (store, error))
    return FALSE;

  if (!check_empty (store, error))
    {
      tend_store_rollback (store);
      return FALSE;
    }

  context_init (&ctx, store, options);
  ok = generate (&ctx, cancellable, progress, progress_data, error);
  context_clear (&ctx);

  if (!ok)
    {
      tend_store_rollback (store);
      return FALSE;
    }

  if (!tend_store_commit (store, error))
    return FALSE;

  g_debug ("Wrote a sample workspace of %u accounts to %s", options->n_accounts,
           tend_store_get_path (store));
  tend_store_emit_changed (store, "accounts");
  tend_store_emit_changed (store, "milestones");
  if (options->compute_scores)
    tend_store_emit_changed (store, "scores");

  return TRUE;
}
