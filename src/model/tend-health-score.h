/* tend-health-score.h: an account's health score on one day, and why it is what it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "store/tend-store.h"
#include "util/tend-date.h"

G_BEGIN_DECLS

typedef enum
{
  TEND_HEALTH_BAND_NONE,    /* not scored */
  TEND_HEALTH_BAND_RED,
  TEND_HEALTH_BAND_YELLOW,
  TEND_HEALTH_BAND_GREEN,
} TendHealthBand;

#define TEND_TYPE_HEALTH_BAND (tend_health_band_get_type ())

GType            tend_health_band_get_type      (void) G_GNUC_CONST;
const char      *tend_health_band_to_string     (TendHealthBand  band);
TendHealthBand   tend_health_band_from_string   (const char     *text);
const char      *tend_health_band_get_label     (TendHealthBand  band);

/*
 * One measure's share of a score. The contributions of the parts add up to the score:
 * contribution = points x effective_weight, where effective_weight is the measure's weight
 * over the sum of the weights of the measures that had data. A measure without data for
 * the account is kept as a part with missing set, no points and no share.
 */
typedef struct
{
  char     *measure_id;
  char     *kind;              /* as the scorecard names it: "usage_trend", "attribute:tenure" */
  char     *label;             /* for people; the kind's translated name unless customised */
  gboolean  missing;
  double    value;             /* the raw input; NAN when missing or when it is a text */
  char     *text;              /* the raw input of a categorical measure, else NULL */
  double    points;            /* 0-100; NAN when missing */
  double    weight;            /* as configured in the scorecard */
  double    effective_weight;  /* 0-1, the share of the score; 0 when missing */
  double    contribution;      /* points x effective_weight; 0 when missing */
} TendScorePart;

#define TEND_TYPE_SCORE_PART (tend_score_part_get_type ())

GType            tend_score_part_get_type       (void) G_GNUC_CONST;
TendScorePart   *tend_score_part_copy           (const TendScorePart *part);
void             tend_score_part_free           (TendScorePart       *part);
void             tend_score_part_append_json    (const TendScorePart *part,
                                                 GString             *json);
char            *tend_score_parts_to_json       (GPtrArray           *parts);
GPtrArray       *tend_score_parts_from_json     (const char          *json,
                                                 GError             **error);

/*
 * How one measure moved between two scores of an account. Points are NAN where the measure
 * was missing (or not in that scorecard); contributions are then 0. The deltas of the
 * contributions add up to the change of the score.
 */
typedef struct
{
  char     *measure_id;
  char     *label;
  gboolean  was_missing;
  gboolean  is_missing;
  double    points_before;
  double    points_after;
  double    points_delta;        /* NAN unless both sides have points */
  double    contribution_before;
  double    contribution_after;
  double    contribution_delta;  /* after - before, in score points */
} TendScoreChange;

#define TEND_TYPE_SCORE_CHANGE (tend_score_change_get_type ())

GType            tend_score_change_get_type     (void) G_GNUC_CONST;
TendScoreChange *tend_score_change_copy         (const TendScoreChange *change);
void             tend_score_change_free         (TendScoreChange       *change);

/* One point of a score history: an account's score, or the portfolio's average. */
typedef struct
{
  TendDay day;
  double  score;
} TendScorePoint;

#define TEND_TYPE_HEALTH_SCORE (tend_health_score_get_type ())
G_DECLARE_FINAL_TYPE (TendHealthScore, tend_health_score, TEND, HEALTH_SCORE, GObject)

TendHealthScore     *tend_health_score_new                   (gint64            account_id,
                                                              TendDay           day,
                                                              double            score,
                                                              TendHealthBand    band,
                                                              GPtrArray        *parts);
TendHealthScore     *tend_health_score_load                  (TendStore        *store,
                                                              gint64            account_id,
                                                              TendDay           day,
                                                              GError          **error);
TendHealthScore     *tend_health_score_load_latest           (TendStore        *store,
                                                              gint64            account_id,
                                                              TendDay           on_or_before,
                                                              GError          **error);
TendHealthScore     *tend_health_score_load_previous         (TendHealthScore  *self,
                                                              TendStore        *store,
                                                              GError          **error);
GArray              *tend_health_score_load_history          (TendStore        *store,
                                                              gint64            account_id,
                                                              TendDay           from,
                                                              TendDay           to,
                                                              GError          **error);
GArray              *tend_health_score_load_portfolio_history (TendStore       *store,
                                                              TendDay           from,
                                                              TendDay           to,
                                                              GError          **error);

gint64               tend_health_score_get_account_id        (TendHealthScore  *self);
TendDay              tend_health_score_get_day               (TendHealthScore  *self);
double               tend_health_score_get_score             (TendHealthScore  *self);
TendHealthBand       tend_health_score_get_band              (TendHealthScore  *self);
GPtrArray           *tend_health_score_get_parts             (TendHealthScore  *self);
guint                tend_health_score_get_n_parts           (TendHealthScore  *self);
const TendScorePart *tend_health_score_get_part              (TendHealthScore  *self,
                                                              guint             position);
const TendScorePart *tend_health_score_find_part             (TendHealthScore  *self,
                                                              const char       *measure_id);
guint                tend_health_score_get_n_missing         (TendHealthScore  *self);

GPtrArray           *tend_health_score_explain               (TendHealthScore  *self,
                                                              TendHealthScore  *previous);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendScorePart, tend_score_part_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendScoreChange, tend_score_change_free)

G_END_DECLS
