/* tend-scorer-private.h: what the scorer's reading and scoring halves share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "model/tend-health-score.h"
#include "tend-scorer.h"

G_BEGIN_DECLS

/* One account to score, with what the accounts table says of it. */
typedef struct
{
  gint64          id;
  gboolean        started;        /* FALSE: not a customer yet on the day, so no score */
  gboolean        ended;          /* TRUE: churned before the day; its last score stands */
  TendDay         start_day;      /* TEND_DAY_INVALID when unknown */
  int             seats;          /* 0 when unknown */
  double          old_score;      /* the current columns, NAN when NULL */
  double          old_change;
  TendHealthBand  old_band;
} TendScoreAccount;

/* The accounts scored on one day and the raw value of every measure for each, in arrays
 * indexed [measure][account] so that the set-based queries can fill them column by
 * column. Accounts are sorted by id. */
typedef struct
{
  TendStore               *store;
  TendScorecard           *scorecard;
  TendDay                  day;
  GCancellable            *cancellable;

  TendScorerProgressFunc   progress;
  gpointer                 progress_data;
  double                   progress_from;
  double                   progress_to;
  double                   progress_reported;

  guint                    n_accounts;
  TendScoreAccount        *accounts;
  guint                    find_next;      /* where tend_score_run_find() looks first */

  guint                    n_measures;
  TendMeasure            **measures;       /* borrowed from the scorecard */
  double                 **values;         /* NAN where the account has no data */
  const char            ***texts;          /* interned in chunk; NULL where none */
  GStringChunk            *chunk;

  struct TendUsageWindow  *usage;          /* read once for the usage measures */
  struct TendUsagePass    *usage_pass;     /* reading them in a thread of its own */
  gboolean                 second_reader;  /* whether a second connection may read */
} TendScoreRun;

/* What every part of one measure begins and ends with in health_scores.parts, so that a
 * recompute writes only the value and points of each account's part. */
typedef struct
{
  char *head;   /* NULL when each part is written by tend_score_part_append_json() */
  char *tail;
} TendPartJsonFrame;

void     tend_part_json_frame_init      (TendPartJsonFrame        *frame,
                                         const TendScorePart      *part);
void     tend_part_json_frame_clear     (TendPartJsonFrame        *frame);
void     tend_part_json_frame_append    (const TendPartJsonFrame  *frame,
                                         const TendScorePart      *part,
                                         GString                  *json);

void     tend_score_run_report          (TendScoreRun  *run,
                                         double         fraction);
gboolean tend_score_run_check_cancelled (TendScoreRun  *run,
                                         GError       **error);
gboolean tend_score_run_load_accounts   (TendScoreRun  *run,
                                         GError       **error);
gboolean tend_score_run_load_inputs     (TendScoreRun  *run,
                                         GError       **error);
void     tend_score_run_clear_inputs    (TendScoreRun  *run);
int      tend_score_run_find            (TendScoreRun  *run,
                                         gint64         account_id);

G_END_DECLS
