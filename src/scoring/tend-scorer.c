/* tend-scorer.c: computes the health scores of every account of a workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendScoring"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "model/tend-health-score.h"
#include "tend-scorer-private.h"

/* The trend on the account list compares with the score this many days earlier. */
#define CHANGE_DAYS 30

/* How many accounts are scored, compared with the scores the day already has and written
 * at a time: enough to make the comparison one range search, few enough to keep their
 * parts in memory (about 600 bytes an account with the Default scorecard). */
#define WRITE_BATCH 1024

/* What one measure needs while scoring every account, worked out once. */
typedef struct
{
  TendMeasure       *measure;
  char              *kind;
  const char        *label;        /* only a customised label is stored with the parts */
  gboolean           categorical;
  double             weight;
  GHashTable        *points_cache; /* interned text -> points, for categorical rules */
  TendPartJsonFrame  frame;
} MeasurePlan;

static void
measure_plans_free (MeasurePlan *plans,
                    guint        n)
{
  for (guint m = 0; m < n; m++)
    {
      g_free (plans[m].kind);
      g_clear_pointer (&plans[m].points_cache, g_hash_table_unref);
      tend_part_json_frame_clear (&plans[m].frame);
    }

  g_free (plans);
}

static void
plan_init_frame (MeasurePlan *plan)
{
  TendScorePart part = {
    .measure_id = (char *)tend_measure_get_id (plan->measure),
    .kind = plan->kind,
    .label = (char *)plan->label,
    .weight = plan->weight,
  };

  tend_part_json_frame_init (&plan->frame, &part);
}

static MeasurePlan *
measure_plans_new (TendScoreRun *run)
{
  MeasurePlan *plans = g_new0 (MeasurePlan, run->n_measures);

  for (guint m = 0; m < run->n_measures; m++)
    {
      TendMeasure *measure = run->measures[m];

      plans[m].measure = measure;
      plans[m].kind = tend_measure_dup_kind_string (measure);
      plans[m].label = tend_measure_has_custom_label (measure)
                       ? tend_measure_get_label (measure) : NULL;
      plans[m].categorical = tend_measure_get_rule_type (measure) == TEND_RULE_CATEGORICAL;
      plans[m].weight = tend_measure_get_weight (measure);
      plans[m].points_cache = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      plan_init_frame (&plans[m]);
    }

  return plans;
}

/* Texts are interned in the run's string chunk, so equal texts are one pointer and the
 * case-folding lookup of a categorical rule runs once per distinct value, not per account. */
static double
plan_points_for_text (MeasurePlan *plan,
                      const char  *text)
{
  double *cached = g_hash_table_lookup (plan->points_cache, text);

  if (cached == NULL)
    {
      cached = g_new (double, 1);
      *cached = tend_measure_points_for_text (plan->measure, text);
      g_hash_table_insert (plan->points_cache, (gpointer)text, cached);
    }

  return *cached;
}

static void
fill_part (TendScoreRun  *run,
           MeasurePlan   *plan,
           guint          m,
           guint          i,
           TendScorePart *part)
{
  double value = run->values[m][i];
  const char *text = run->texts[m] != NULL ? run->texts[m][i] : NULL;

  part->measure_id = (char *)tend_measure_get_id (plan->measure);
  part->kind = plan->kind;
  part->label = (char *)plan->label;
  part->weight = plan->weight;
  part->value = NAN;
  part->text = NULL;

  if (plan->categorical && text != NULL)
    {
      part->text = (char *)text;
      part->points = plan_points_for_text (plan, text);
    }
  else
    {
      part->value = value;
      part->points = tend_measure_points_for_value (plan->measure, value);
    }

  part->missing = isnan (part->points);
}

/* Scores account i: the weighted mean of the points of the measures with data, the
 * weights of the missing ones shared out among the others. Returns NAN when no measure
 * with a weight had data. */
static double
score_account (TendScoreRun  *run,
               MeasurePlan   *plans,
               guint          i,
               TendScorePart *parts)
{
  double total_weight = 0;
  double score = 0;

  for (guint m = 0; m < run->n_measures; m++)
    {
      fill_part (run, &plans[m], m, i, &parts[m]);
      if (!parts[m].missing)
        total_weight += parts[m].weight;
    }

  for (guint m = 0; m < run->n_measures; m++)
    {
      TendScorePart *part = &parts[m];

      part->effective_weight = part->missing || total_weight <= 0
                               ? 0 : part->weight / total_weight;
      part->contribution = part->missing ? 0 : part->points * part->effective_weight;
      score += part->contribution;
    }

  return total_weight > 0 ? CLAMP (score, 0, 100) : NAN;
}

/* Integers are most of the numbers in the parts: written by hand, they cost a tenth of
 * printf's. */
static void
append_json_integer (GString *json,
                     gint64   number)
{
  char digits[24];
  char *start = digits + sizeof digits;
  guint64 magnitude = number < 0 ? -(guint64)number : (guint64)number;

  do
    {
      *--start = '0' + magnitude % 10;
      magnitude /= 10;
    }
  while (magnitude > 0);

  if (number < 0)
    *--start = '-';

  g_string_append_len (json, start, digits + sizeof digits - start);
}

/* The same text as tend_score_part_append_json() writes for a number. */
static void
append_json_number (GString *json,
                    double   number)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isfinite (number) && fabs (number) < 1e15 && number == trunc (number))
    append_json_integer (json, (gint64)number);
  else
    g_string_append (json, g_ascii_formatd (buffer, sizeof buffer, "%.12g", number));
}

/* The marker between the head and the tail of a part written as missing. */
#define MISSING_MEMBER ",\"missing\":true"
#define WEIGHT_MEMBER  ",\"weight\":"

/**
 * tend_part_json_frame_init:
 * @part: a part of the measure: its id, kind, label and weight are read
 *
 * Works out the JSON that every part of one measure begins and ends with, as
 * tend_score_part_append_json() writes it: the head (id, kind, label) and the tail (weight),
 * so that tend_part_json_frame_append() writes only what changes between accounts. They
 * are cut from a part written as missing, whose "missing" member sits between the two.
 * When the writer's layout is not the one expected, the frame is left empty and every
 * part is written by tend_score_part_append_json() itself.
 */
void
tend_part_json_frame_init (TendPartJsonFrame   *frame,
                           const TendScorePart *part)
{
  g_autoptr(GString) json = g_string_new (NULL);
  TendScorePart missing = *part;
  const char *marker;

  missing.missing = TRUE;
  missing.value = NAN;
  missing.points = NAN;
  missing.text = NULL;
  tend_score_part_append_json (&missing, json);

  frame->head = NULL;
  frame->tail = NULL;

  /* Names and labels are escaped strings, so the last marker is the member itself. */
  marker = g_strrstr (json->str, MISSING_MEMBER WEIGHT_MEMBER);
  if (marker == NULL)
    return;

  frame->head = g_strndup (json->str, marker - json->str);
  frame->tail = g_strdup (marker + strlen (MISSING_MEMBER));
}

void
tend_part_json_frame_clear (TendPartJsonFrame *frame)
{
  g_clear_pointer (&frame->head, g_free);
  g_clear_pointer (&frame->tail, g_free);
}

/**
 * tend_part_json_frame_append:
 * @part: a part of the measure the frame was made for
 *
 * Appends the part to @json exactly as tend_score_part_append_json() would.
 */
void
tend_part_json_frame_append (const TendPartJsonFrame *frame,
                             const TendScorePart     *part,
                             GString                 *json)
{
  /* Texts are few and need escaping: the model's writer takes them. */
  if (frame->head == NULL || part->text != NULL)
    {
      tend_score_part_append_json (part, json);
      return;
    }

  g_string_append (json, frame->head);

  if (!isnan (part->value))
    {
      g_string_append (json, ",\"value\":");
      append_json_number (json, part->value);
    }

  if (part->missing)
    g_string_append (json, MISSING_MEMBER);
  else
    {
      g_string_append (json, ",\"points\":");
      append_json_number (json, part->points);
    }

  g_string_append (json, frame->tail);
}

static void
append_parts_json (MeasurePlan   *plans,
                   TendScorePart *parts,
                   guint          n,
                   GString       *json)
{
  g_string_append_c (json, '[');

  for (guint m = 0; m < n; m++)
    {
      if (m > 0)
        g_string_append_c (json, ',');
      tend_part_json_frame_append (&plans[m].frame, &parts[m], json);
    }

  g_string_append_c (json, ']');
}

typedef struct
{
  sqlite3_stmt *insert;
  sqlite3_stmt *update;          /* score, band and parts */
  sqlite3_stmt *update_parts;    /* score and parts, when the band stays as it was */
  sqlite3_stmt *remove;
  sqlite3_stmt *account;         /* score, band and change */
  sqlite3_stmt *account_score;   /* score and band, when the change stays as it was */
  double       *score_before;    /* the score on or before D - 30, for the change column */
} Writer;

/* One account of a batch: its new score, and how it compares with the day's stored one. */
typedef struct
{
  double          score;
  TendHealthBand  band;
  gsize           json_start;   /* its parts, in the batch's JSON */
  gsize           json_length;
  gboolean        stored;       /* the day already has a score for the account */
  gboolean        same_band;    /* ... in the same band */
  gboolean        unchanged;    /* ... with the same score, band and parts */
} ScoredAccount;

typedef struct
{
  guint          first;         /* the index of its first account in run->accounts */
  guint          n;
  ScoredAccount  scored[WRITE_BATCH];
  GString       *json;
} Batch;

/* The stored rows are known (see batch_compare_stored()), so each row is inserted or
 * updated, not upserted: the band's CHECK constraint builds a temporary table each time it
 * runs, and an upsert that updates runs it twice; an update that keeps the band never. */
static gboolean
writer_prepare (TendScoreRun  *run,
                Writer        *writer,
                gboolean       update_accounts,
                GError       **error)
{
  const struct
  {
    sqlite3_stmt **stmt;
    gboolean       account;
    const char    *sql;
  } statements[] = {
    { &writer->insert, FALSE,
      "INSERT INTO health_scores (account_id, day, score, band, parts) "
      "VALUES (?1, ?2, ?3, ?4, ?5)" },
    { &writer->update, FALSE,
      "UPDATE health_scores SET score = ?3, band = ?4, parts = ?5 "
      "WHERE account_id = ?1 AND day = ?2" },
    { &writer->update_parts, FALSE,
      "UPDATE health_scores SET score = ?3, parts = ?4 WHERE account_id = ?1 AND day = ?2" },
    { &writer->remove, FALSE,
      "DELETE FROM health_scores WHERE account_id = ?1 AND day = ?2" },
    { &writer->account, TRUE,
      "UPDATE accounts SET health_score = ?2, health_band = ?3, health_change_30d = ?4 "
      "WHERE id = ?1" },
    { &writer->account_score, TRUE,
      "UPDATE accounts SET health_score = ?2, health_band = ?3 WHERE id = ?1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      if (statements[i].account && !update_accounts)
        continue;

      *statements[i].stmt = tend_store_prepare (run->store, statements[i].sql, error);
      if (*statements[i].stmt == NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
oldest_scored_day (TendScoreRun  *run,
                   TendDay       *oldest,
                   GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = tend_store_prepare (run->store, "SELECT min (day) FROM health_scores", error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *oldest = sqlite3_column_type (stmt, 0) == SQLITE_NULL
              ? G_MAXINT : sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      tend_store_set_error (run->store, error, rc, _("read the health score history"));
      return FALSE;
    }

  return TRUE;
}

/* One index search an account, in key order: its newest score on or before D - 30. A
 * history that starts later (a new workspace) has none to search for. */
static gboolean
load_scores_before (TendScoreRun  *run,
                    Writer        *writer,
                    GError       **error)
{
  TendDay oldest = G_MAXINT;
  sqlite3_stmt *stmt;
  int rc;

  writer->score_before = g_new (double, run->n_accounts);
  for (guint i = 0; i < run->n_accounts; i++)
    writer->score_before[i] = NAN;

  if (!oldest_scored_day (run, &oldest, error))
    return FALSE;

  if (oldest > run->day - CHANGE_DAYS)
    return TRUE;

  stmt = tend_store_prepare (run->store,
                             "SELECT a.id, (SELECT h.score FROM health_scores h "
                             "  WHERE h.account_id = a.id AND h.day <= ?1 "
                             "  ORDER BY h.day DESC LIMIT 1) "
                             "FROM accounts a ORDER BY a.id",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, run->day - CHANGE_DAYS);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int index = tend_score_run_find (run, sqlite3_column_int64 (stmt, 0));

      if (index >= 0 && sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        writer->score_before[index] = sqlite3_column_double (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (run->store, error, rc, _("read the health score history"));
      return FALSE;
    }

  return TRUE;
}

/* Scores the batch's accounts, with their parts one after the other in the batch's JSON. */
static void
batch_score (TendScoreRun  *run,
             MeasurePlan   *plans,
             TendScorePart *parts,
             Batch         *batch)
{
  g_string_truncate (batch->json, 0);

  for (guint k = 0; k < batch->n; k++)
    {
      guint i = batch->first + k;
      ScoredAccount *scored = &batch->scored[k];

      scored->score = run->accounts[i].started && !run->accounts[i].ended
                      ? score_account (run, plans, i, parts) : NAN;
      scored->band = tend_scorecard_band_for_score (run->scorecard, scored->score);
      scored->json_start = batch->json->len;
      scored->stored = FALSE;
      scored->same_band = FALSE;
      scored->unchanged = FALSE;

      if (!isnan (scored->score))
        append_parts_json (plans, parts, run->n_measures, batch->json);
      scored->json_length = batch->json->len - scored->json_start;
    }
}

/* Compares the stored row (account_id, score, band, parts) with the new score. */
static void
scored_compare (ScoredAccount *scored,
                sqlite3_stmt  *stmt,
                const char    *json)
{
  const char *band = (const char *)sqlite3_column_text (stmt, 2);
  const void *parts = sqlite3_column_blob (stmt, 3);

  scored->stored = TRUE;
  scored->same_band = g_strcmp0 (band, tend_health_band_to_string (scored->band)) == 0;
  scored->unchanged = !isnan (scored->score) && scored->same_band &&
                      sqlite3_column_double (stmt, 1) == scored->score &&
                      (gsize)sqlite3_column_bytes (stmt, 3) == scored->json_length &&
                      (scored->json_length == 0 ||
                       memcmp (parts, json, scored->json_length) == 0);
}

/* A recompute of a day that was scored already (after an import, or a second time) mostly
 * finds the same scores: those rows are left alone rather than rewritten, which spares
 * their pages, the index and the WAL. One range search of the day's index reads the
 * batch's stored scores; the statement is done before anything is written. */
static gboolean
batch_compare_stored (TendScoreRun  *run,
                      Batch         *batch,
                      GError       **error)
{
  sqlite3_stmt *stmt;
  guint k = 0;
  int rc;

  stmt = tend_store_prepare (run->store,
                             "SELECT account_id, score, band, parts FROM health_scores "
                             "WHERE day = ?1 AND account_id BETWEEN ?2 AND ?3 "
                             "ORDER BY account_id",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, run->day);
  sqlite3_bind_int64 (stmt, 2, run->accounts[batch->first].id);
  sqlite3_bind_int64 (stmt, 3, run->accounts[batch->first + batch->n - 1].id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      while (k < batch->n && run->accounts[batch->first + k].id < id)
        k++;
      if (k == batch->n || run->accounts[batch->first + k].id != id)
        continue;

      scored_compare (&batch->scored[k], stmt, batch->json->str + batch->scored[k].json_start);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (run->store, error, rc, _("read the health score history"));
      return FALSE;
    }

  return TRUE;
}

static sqlite3_stmt *
writer_history_statement (Writer              *writer,
                          const ScoredAccount *scored)
{
  if (isnan (scored->score))
    return writer->remove;

  if (!scored->stored)
    return writer->insert;

  return scored->same_band ? writer->update_parts : writer->update;
}

static gboolean
write_history (TendScoreRun         *run,
               Writer               *writer,
               guint                 i,
               const ScoredAccount  *scored,
               const char           *json,
               GError              **error)
{
  sqlite3_stmt *stmt = writer_history_statement (writer, scored);
  int parts = 5;

  if (scored->unchanged || (isnan (scored->score) && !scored->stored))
    return TRUE;

  sqlite3_bind_int64 (stmt, 1, run->accounts[i].id);
  sqlite3_bind_int (stmt, 2, run->day);

  if (isnan (scored->score))
    return tend_store_step_done (run->store, stmt, error);

  sqlite3_bind_double (stmt, 3, scored->score);
  if (stmt == writer->update_parts)
    parts = 4;
  else
    sqlite3_bind_text (stmt, 4, tend_health_band_to_string (scored->band), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, parts, json, scored->json_length, SQLITE_STATIC);

  return tend_store_step_done (run->store, stmt, error);
}

static gboolean
same_double (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

/* Rewriting an account row also rewrites its index entries; most recomputes change few
 * scores, so unchanged rows are left as they are, and a change column that stays as it
 * was (no score 30 days back, as in a new workspace) is left out with its index. */
static gboolean
write_account (TendScoreRun    *run,
               Writer          *writer,
               guint            i,
               double           score,
               TendHealthBand   band,
               GError         **error)
{
  const TendScoreAccount *account = &run->accounts[i];
  double before = writer->score_before[i];
  double change = isnan (score) || isnan (before) ? NAN : score - before;
  gboolean same_change = same_double (account->old_change, change);
  sqlite3_stmt *stmt = same_change ? writer->account_score : writer->account;

  if (same_double (account->old_score, score) && account->old_band == band && same_change)
    return TRUE;

  sqlite3_bind_int64 (stmt, 1, account->id);

  if (isnan (score))
    {
      sqlite3_bind_null (stmt, 2);
      sqlite3_bind_null (stmt, 3);
    }
  else
    {
      sqlite3_bind_double (stmt, 2, score);
      sqlite3_bind_text (stmt, 3, tend_health_band_to_string (band), -1, SQLITE_STATIC);
    }

  if (!same_change && isnan (change))
    sqlite3_bind_null (stmt, 4);
  else if (!same_change)
    sqlite3_bind_double (stmt, 4, change);

  return tend_store_step_done (run->store, stmt, error);
}

/* Rows are written in key order, as the accounts are sorted by id. */
static gboolean
batch_write (TendScoreRun  *run,
             Writer        *writer,
             Batch         *batch,
             gboolean       update_accounts,
             GError       **error)
{
  for (guint k = 0; k < batch->n; k++)
    {
      const ScoredAccount *scored = &batch->scored[k];
      guint i = batch->first + k;

      /* A former customer keeps its history and its last score as they are. */
      if (run->accounts[i].ended)
        continue;

      if (!write_history (run, writer, i, scored, batch->json->str + scored->json_start,
                          error) ||
          (update_accounts &&
           !write_account (run, writer, i, scored->score, scored->band, error)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
run_score_and_write (TendScoreRun  *run,
                     gboolean       update_accounts,
                     GError       **error)
{
  g_autofree TendScorePart *parts = g_new0 (TendScorePart, MAX (run->n_measures, 1));
  g_autofree double *score_before = NULL;
  g_autofree Batch *batch = g_new0 (Batch, 1);
  g_autoptr(GString) json = g_string_sized_new (WRITE_BATCH * 1024);
  MeasurePlan *plans = measure_plans_new (run);
  Writer writer = { NULL, };
  gboolean ok = writer_prepare (run, &writer, update_accounts, error) &&
                (!update_accounts || load_scores_before (run, &writer, error));

  score_before = writer.score_before;
  batch->json = json;

  for (guint first = 0; ok && first < run->n_accounts; first += WRITE_BATCH)
    {
      batch->first = first;
      batch->n = MIN (WRITE_BATCH, run->n_accounts - first);

      batch_score (run, plans, parts, batch);
      ok = batch_compare_stored (run, batch, error) &&
           batch_write (run, &writer, batch, update_accounts, error) &&
           !tend_score_run_check_cancelled (run, error);

      tend_score_run_report (run, 0.6 + 0.4 * (first + batch->n) / run->n_accounts);
    }

  measure_plans_free (plans, run->n_measures);

  return ok;
}

static gboolean
latest_scored_day (TendStore  *store,
                   TendDay    *latest,
                   GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = tend_store_prepare (store, "SELECT max (day) FROM health_scores", error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *latest = sqlite3_column_type (stmt, 0) == SQLITE_NULL
              ? G_MININT : sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      tend_store_set_error (store, error, rc, _("read the health score history"));
      return FALSE;
    }

  return TRUE;
}

/* Scores every account on one day, inside the caller's transaction. */
static gboolean
score_day (TendScoreRun  *run,
           gboolean       update_accounts,
           GError       **error)
{
  gint64 started = g_get_monotonic_time ();
  gint64 read = 0;
  gboolean ok;

  ok = tend_score_run_load_accounts (run, error) &&
       tend_score_run_load_inputs (run, error);

  if (ok)
    {
      read = g_get_monotonic_time ();
      ok = run_score_and_write (run, update_accounts, error);
    }

  if (ok)
    g_debug ("Scored %u accounts for day %d: read in %.3f s, scored and wrote in %.3f s",
             run->n_accounts, run->day, (read - started) / (double)G_USEC_PER_SEC,
             (g_get_monotonic_time () - read) / (double)G_USEC_PER_SEC);

  tend_score_run_clear_inputs (run);

  if (ok)
    tend_score_run_report (run, 1);

  return ok;
}

static TendScorecard *
scorecard_or_active (TendStore      *store,
                     TendScorecard  *scorecard,
                     GError        **error)
{
  if (scorecard == NULL)
    return tend_scorecard_load_active (store, error);

  if (!tend_scorecard_validate (scorecard, error))
    return NULL;

  return g_object_ref (scorecard);
}

/* The days a backfill scores: first, first + step, ... and always last. */
static GArray *
backfill_days (TendDay first,
               TendDay last,
               int     step)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (TendDay));

  for (TendDay day = first; day < last; day += step)
    g_array_append_val (days, day);
  g_array_append_val (days, last);

  return days;
}

/* The account list shows the newest score, so scoring an older day (a backfill) leaves
 * the accounts' columns alone unless that day is, or will be, the newest. */
static gboolean
score_days (TendStore               *store,
            TendScorecard           *scorecard,
            GArray                  *days,
            GCancellable            *cancellable,
            TendScorerProgressFunc   progress,
            gpointer                 progress_data,
            GError                 **error)
{
  TendDay last = g_array_index (days, TendDay, days->len - 1);
  TendDay latest = G_MININT;
  gboolean second_reader;
  gboolean ok;

  /* Changes in a transaction the caller left open are seen by this connection only. */
  second_reader = !tend_store_in_transaction (store) &&
                  sqlite3_get_autocommit (tend_store_get_db (store));

  if (!tend_store_begin (store, error))
    return FALSE;

  ok = latest_scored_day (store, &latest, error);

  for (guint d = 0; ok && d < days->len; d++)
    {
      TendScoreRun run = {
        .store = store,
        .scorecard = scorecard,
        .day = g_array_index (days, TendDay, d),
        .cancellable = cancellable,
        .progress = progress,
        .progress_data = progress_data,
        .progress_from = (double)d / days->len,
        .progress_to = (double)(d + 1) / days->len,
        .progress_reported = -1,
        .second_reader = second_reader,
      };

      ok = score_day (&run, run.day == last && last >= latest, error);
    }

  /* A former customer that the days scored here left without a current score (it churned
   * within a backfill, before its last day) shows the last one it had as a customer. */
  if (ok)
    ok = tend_store_exec (store,
                          "UPDATE accounts SET (health_score, health_band) ="
                          " (SELECT h.score, h.band FROM health_scores h"
                          "  WHERE h.account_id = accounts.id ORDER BY h.day DESC LIMIT 1)"
                          " WHERE status = 'churned' AND health_score IS NULL"
                          " AND EXISTS (SELECT 1 FROM health_scores h"
                          "  WHERE h.account_id = accounts.id)",
                          error);

  /* When, so that a rescore cut short (by the end of the process that imported the
   * accounts, say) can be told from one that finished. */
  if (ok)
    {
      g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              g_get_real_time () / G_USEC_PER_SEC);

      ok = tend_store_set_setting (store, TEND_SCORER_COMPUTED_AT_SETTING, now, error);
    }

  if (!ok)
    {
      tend_store_rollback (store);
      return FALSE;
    }

  return tend_store_commit (store, error);
}

static gboolean
scorer_run (TendStore               *store,
            TendScorecard           *scorecard,
            TendDay                  first_day,
            TendDay                  last_day,
            int                      step_days,
            GCancellable            *cancellable,
            TendScorerProgressFunc   progress,
            gpointer                 progress_data,
            GError                 **error)
{
  g_autoptr(TendScorecard) card = scorecard_or_active (store, scorecard, error);
  g_autoptr(GArray) days = NULL;

  if (card == NULL)
    return FALSE;

  days = backfill_days (first_day, last_day, step_days);

  return score_days (store, card, days, cancellable, progress, progress_data, error);
}

/**
 * tend_scorer_recompute:
 * @scorecard: (nullable): the scorecard; %NULL for the workspace's active one
 * @day: the day to score as of; data after it is not read
 * @progress: (nullable) (scope call): told how far the work is
 *
 * Scores every account that had started by @day and had not churned before it (churned
 * ones up to their churn day, for the backtest; after it their last score stands), in one
 * transaction: each account's score, band and parts are written to
 * its history for @day, replacing any earlier score of that day. When @day is the newest
 * scored day, the accounts' current score, band and change over 30 days (against their
 * newest score on or before @day - 30) are updated too; an account no measure has data
 * for becomes unscored. Emits the store's "changed" signal with the detail "scores".
 *
 * On error or cancellation nothing is changed.
 */
gboolean
tend_scorer_recompute (TendStore               *store,
                       TendScorecard           *scorecard,
                       TendDay                  day,
                       GCancellable            *cancellable,
                       TendScorerProgressFunc   progress,
                       gpointer                 progress_data,
                       GError                 **error)
{
  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);
  g_return_val_if_fail (scorecard == NULL || TEND_IS_SCORECARD (scorecard), FALSE);
  g_return_val_if_fail (day != TEND_DAY_INVALID, FALSE);

  if (!scorer_run (store, scorecard, day, day, 1, cancellable,
                   progress, progress_data, error))
    return FALSE;

  tend_store_emit_changed (store, "scores");

  return TRUE;
}

/**
 * tend_scorer_backfill:
 * @first_day: the first day to score
 * @last_day: the last day to score, at or after @first_day; always scored
 * @step_days: days between two scored days, 1 or more
 *
 * Scores the workspace as of @first_day, @first_day + @step_days, ... and @last_day, as
 * tend_scorer_recompute() does for one day, all in one transaction, oldest first so that
 * each day's change over 30 days sees the days before it. The sample workspace, for
 * instance, backfills 18 months weekly, then the last 60 days daily. Emits the store's
 * "changed" signal with the detail "scores" once, at the end.
 */
gboolean
tend_scorer_backfill (TendStore               *store,
                      TendScorecard           *scorecard,
                      TendDay                  first_day,
                      TendDay                  last_day,
                      int                      step_days,
                      GCancellable            *cancellable,
                      TendScorerProgressFunc   progress,
                      gpointer                 progress_data,
                      GError                 **error)
{
  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);
  g_return_val_if_fail (scorecard == NULL || TEND_IS_SCORECARD (scorecard), FALSE);
  g_return_val_if_fail (first_day != TEND_DAY_INVALID && first_day <= last_day, FALSE);
  g_return_val_if_fail (step_days >= 1, FALSE);

  if (!scorer_run (store, scorecard, first_day, last_day, step_days, cancellable,
                   progress, progress_data, error))
    return FALSE;

  tend_store_emit_changed (store, "scores");

  return TRUE;
}

/* A recompute in a worker thread: it owns a copy of the scorecard and its own connection,
 * and posts progress back to the caller's main context. The job is shared between the
 * two threads, so it is reference counted. */
typedef struct
{
  TendStore              *store;
  TendScorecard          *scorecard;
  TendDay                 day;
  TendScorerProgressFunc  progress;
  gpointer                progress_data;
  GMainContext           *context;
  gboolean                finished;   /* main context only */
} RecomputeJob;

typedef struct
{
  RecomputeJob *job;
  double        fraction;
} ProgressReport;

static void
recompute_job_clear (RecomputeJob *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->scorecard);
  g_clear_pointer (&job->context, g_main_context_unref);
}

static void
recompute_job_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, (GDestroyNotify)recompute_job_clear);
}

static gboolean
progress_report_cb (gpointer data)
{
  ProgressReport *report = data;

  /* A report that arrives after the callback must not reach progress_data any more. */
  if (!report->job->finished)
    report->job->progress (report->fraction, report->job->progress_data);

  return G_SOURCE_REMOVE;
}

static void
progress_report_free (gpointer data)
{
  ProgressReport *report = data;

  recompute_job_unref (report->job);
  g_free (report);
}

static void
worker_progress_cb (double   fraction,
                    gpointer user_data)
{
  RecomputeJob *job = user_data;
  ProgressReport *report = g_new (ProgressReport, 1);

  report->job = g_atomic_rc_box_acquire (job);
  report->fraction = fraction;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT,
                              progress_report_cb, report, progress_report_free);
}

static void
recompute_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  RecomputeJob *job = task_data;
  g_autoptr(TendStore) sibling = NULL;
  GError *error = NULL;

  sibling = tend_store_open_sibling (job->store, &error);
  if (sibling == NULL ||
      !scorer_run (sibling, job->scorecard, job->day, job->day, 1, cancellable,
                   job->progress ? worker_progress_cb : NULL, job, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
recompute_thread_done_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RecomputeJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  job->finished = TRUE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* The worker wrote through its own connection; the views listen on this one. */
  tend_store_emit_changed (TEND_STORE (source), "scores");
  g_task_return_boolean (task, TRUE);
}

/**
 * tend_scorer_recompute_async:
 * @scorecard: (nullable): the scorecard, copied at once so the caller may keep editing
 *   it; %NULL for the workspace's active one
 * @progress: (nullable): called in the caller's main context; @progress_data must stay
 *   valid until @callback runs
 *
 * Runs tend_scorer_recompute() in a worker thread on a connection of its own. The store's
 * "changed" signal ("scores") is emitted on @store, in the caller's main context, before
 * @callback runs. The worker's task may still hold a reference to @store for a moment
 * after @callback: a caller that waits for @store to be finalized iterates its main
 * context until then.
 */
void
tend_scorer_recompute_async (TendStore               *store,
                             TendScorecard           *scorecard,
                             TendDay                  day,
                             GCancellable            *cancellable,
                             TendScorerProgressFunc   progress,
                             gpointer                 progress_data,
                             GAsyncReadyCallback      callback,
                             gpointer                 user_data)
{
  g_autoptr(GTask) worker = NULL;
  GTask *task;
  RecomputeJob *job;

  g_return_if_fail (TEND_IS_STORE (store));
  g_return_if_fail (scorecard == NULL || TEND_IS_SCORECARD (scorecard));
  g_return_if_fail (day != TEND_DAY_INVALID);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_scorer_recompute_async);

  job = g_atomic_rc_box_new0 (RecomputeJob);
  job->store = g_object_ref (store);
  job->scorecard = scorecard ? tend_scorecard_copy (scorecard) : NULL;
  job->day = day;
  job->progress = progress;
  job->progress_data = progress_data;
  job->context = g_main_context_ref_thread_default ();

  worker = g_task_new (store, cancellable, recompute_thread_done_cb, task);
  g_task_set_task_data (worker, job, recompute_job_unref);
  g_task_run_in_thread (worker, recompute_thread);
}

gboolean
tend_scorer_recompute_finish (TendStore     *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        tend_scorer_recompute_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
