/* tend-score-keeper.c: keeps today's health scores in step with the data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A completed milestone, an edited account or an import changes what a score is made
 * of. The keeper watches the store for such changes and, once they have settled,
 * rescores today in a worker thread with the active scorecard, so every view that
 * listens for "scores" shows the new figures without anyone asking for them. It also
 * rescores when it starts on a workspace last scored on an earlier day, so that each
 * day the app is used has its point in the history, or before its accounts last
 * changed, as when a process was ended between an import and its rescore.
 */

#define G_LOG_DOMAIN "TendScoreKeeper"

#include "config.h"

#include "scoring/tend-score-keeper.h"
#include "scoring/tend-scorer.h"
#include "util/tend-date.h"

#define DEFAULT_DELAY_MS 500

struct _TendScoreKeeper
{
  GObject       parent_instance;

  TendStore    *store;
  GCancellable *cancellable;
  guint         timeout_id;
  guint         delay_ms;
  guint         n_runs;
  gboolean      busy;
  gboolean      dirty;
};

G_DEFINE_FINAL_TYPE (TendScoreKeeper, tend_score_keeper, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The parts of a workspace a score is computed from. Scores and scorecards are left
 * out: the first is the keeper's own output, and whoever edits a scorecard rescores
 * with it at once. */
static const char *const inputs[] = {
  "accounts", "milestones", "usage", "tickets", "payments", "activities", "surveys",
  "subscriptions", NULL,
};

static void keeper_schedule (TendScoreKeeper *self);

static void
keeper_set_busy (TendScoreKeeper *self,
                 gboolean         busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
recompute_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TendScoreKeeper) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tend_scorer_recompute_finish (TEND_STORE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not rescore the workspace after a change: %s", error->message);

  self->n_runs++;
  keeper_set_busy (self, FALSE);

  /* A change that came while the worker ran is not in what it read. */
  if (self->dirty && self->store != NULL)
    keeper_schedule (self);
}

static gboolean
keeper_run_cb (gpointer user_data)
{
  TendScoreKeeper *self = user_data;

  self->timeout_id = 0;

  if (self->busy)
    return G_SOURCE_REMOVE;

  self->dirty = FALSE;
  keeper_set_busy (self, TRUE);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  tend_scorer_recompute_async (self->store, NULL, tend_day_today (), self->cancellable,
                               NULL, NULL, recompute_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static void
keeper_schedule (TendScoreKeeper *self)
{
  self->dirty = TRUE;

  if (self->busy)
    return;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (self->delay_ms, keeper_run_cb, self);
}

static void
store_changed_cb (TendStore       *store,
                  const char      *what,
                  TendScoreKeeper *self)
{
  if (what != NULL && g_strv_contains (inputs, what))
    keeper_schedule (self);
}

static void
tend_score_keeper_dispose (GObject *object)
{
  TendScoreKeeper *self = (TendScoreKeeper *)object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tend_score_keeper_parent_class)->dispose (object);
}

static const char stale_sql[] =
  "SELECT EXISTS (SELECT 1 FROM accounts) AND"
  " ((SELECT coalesce (max (day), -1) FROM health_scores) < ?1"
  "  OR (SELECT max (updated_at) FROM accounts) >"
  "     coalesce ((SELECT CAST (value AS INTEGER) FROM settings WHERE key = ?2), 0))";

static gboolean
keeper_scores_are_stale (TendScoreKeeper *self)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = tend_store_prepare (self->store, stale_sql, &error);
  gboolean stale = FALSE;

  if (stmt == NULL)
    {
      g_debug ("Could not tell whether the scores are up to date: %s", error->message);
      return FALSE;
    }

  sqlite3_bind_int64 (stmt, 1, tend_day_today ());
  sqlite3_bind_text (stmt, 2, TEND_SCORER_COMPUTED_AT_SETTING, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    stale = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  return stale;
}

static void
tend_score_keeper_constructed (GObject *object)
{
  TendScoreKeeper *self = (TendScoreKeeper *)object;

  G_OBJECT_CLASS (tend_score_keeper_parent_class)->constructed (object);

  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, 0);

  if (keeper_scores_are_stale (self))
    keeper_schedule (self);
}

static void
tend_score_keeper_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TendScoreKeeper *self = TEND_SCORE_KEEPER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_score_keeper_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TendScoreKeeper *self = TEND_SCORE_KEEPER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_score_keeper_class_init (TendScoreKeeperClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = tend_score_keeper_constructed;
  object_class->dispose = tend_score_keeper_dispose;
  object_class->get_property = tend_score_keeper_get_property;
  object_class->set_property = tend_score_keeper_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TEND_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tend_score_keeper_init (TendScoreKeeper *self)
{
  self->delay_ms = DEFAULT_DELAY_MS;
}

/**
 * tend_score_keeper_new:
 *
 * Returns: a keeper that rescores today whenever the inputs of @store's scores change
 */
TendScoreKeeper *
tend_score_keeper_new (TendStore *store)
{
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  return g_object_new (TEND_TYPE_SCORE_KEEPER, "store", store, NULL);
}

TendStore *
tend_score_keeper_get_store (TendScoreKeeper *self)
{
  g_return_val_if_fail (TEND_IS_SCORE_KEEPER (self), NULL);

  return self->store;
}

gboolean
tend_score_keeper_get_busy (TendScoreKeeper *self)
{
  g_return_val_if_fail (TEND_IS_SCORE_KEEPER (self), FALSE);

  return self->busy;
}

/**
 * tend_score_keeper_get_n_runs:
 *
 * Returns: how many rescores have finished, for tests and diagnostics
 */
guint
tend_score_keeper_get_n_runs (TendScoreKeeper *self)
{
  g_return_val_if_fail (TEND_IS_SCORE_KEEPER (self), 0);

  return self->n_runs;
}

/**
 * tend_score_keeper_set_delay:
 *
 * Sets how long changes must settle before a rescore starts, so that a burst of edits
 * costs one rescore.
 */
void
tend_score_keeper_set_delay (TendScoreKeeper *self,
                             guint            milliseconds)
{
  g_return_if_fail (TEND_IS_SCORE_KEEPER (self));

  self->delay_ms = milliseconds;
}
