/* tend-scorecard.h: the measures, weights and bands that make a health score
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "model/tend-health-score.h"
#include "scoring/tend-measure.h"
#include "store/tend-store.h"

G_BEGIN_DECLS

/* The names of the scorecards Tend ships. */
#define TEND_SCORECARD_DEFAULT "Default"
#define TEND_SCORECARD_TELCO   "Telco"

/* The band cut-offs of a new scorecard: red below 40, green at 70 and above. */
#define TEND_SCORECARD_RED_BELOW  40.0
#define TEND_SCORECARD_GREEN_FROM 70.0

#define TEND_TYPE_SCORECARD (tend_scorecard_get_type ())
G_DECLARE_FINAL_TYPE (TendScorecard, tend_scorecard, TEND, SCORECARD, GObject)

TendScorecard      *tend_scorecard_new                (const char     *name);
TendScorecard      *tend_scorecard_new_from_json      (const char     *json,
                                                       GError        **error);
TendScorecard      *tend_scorecard_new_builtin        (const char     *name);
const char * const *tend_scorecard_get_builtin_names  (void);
char               *tend_scorecard_to_json            (TendScorecard  *self);
TendScorecard      *tend_scorecard_copy               (TendScorecard  *self);
gboolean            tend_scorecard_validate           (TendScorecard  *self,
                                                       GError        **error);

gint64              tend_scorecard_get_id             (TendScorecard  *self);
const char         *tend_scorecard_get_name           (TendScorecard  *self);
void                tend_scorecard_set_name           (TendScorecard  *self,
                                                       const char     *name);
double              tend_scorecard_get_red_below      (TendScorecard  *self);
void                tend_scorecard_set_red_below      (TendScorecard  *self,
                                                       double          red_below);
double              tend_scorecard_get_green_from     (TendScorecard  *self);
void                tend_scorecard_set_green_from     (TendScorecard  *self,
                                                       double          green_from);
TendHealthBand      tend_scorecard_band_for_score     (TendScorecard  *self,
                                                       double          score);
double              tend_scorecard_get_total_weight   (TendScorecard  *self);

guint               tend_scorecard_get_n_measures     (TendScorecard  *self);
TendMeasure        *tend_scorecard_get_measure        (TendScorecard  *self,
                                                       guint           position);
TendMeasure        *tend_scorecard_find_measure       (TendScorecard  *self,
                                                       const char     *id);
void                tend_scorecard_add_measure        (TendScorecard  *self,
                                                       TendMeasure    *measure);
void                tend_scorecard_insert_measure     (TendScorecard  *self,
                                                       guint           position,
                                                       TendMeasure    *measure);
void                tend_scorecard_remove_measure     (TendScorecard  *self,
                                                       guint           position);
void                tend_scorecard_move_measure       (TendScorecard  *self,
                                                       guint           from,
                                                       guint           to);

TendScorecard      *tend_scorecard_load               (TendStore      *store,
                                                       const char     *name,
                                                       GError        **error);
TendScorecard      *tend_scorecard_load_active        (TendStore      *store,
                                                       GError        **error);
gboolean            tend_scorecard_save               (TendScorecard  *self,
                                                       TendStore      *store,
                                                       GError        **error);
gboolean            tend_scorecard_activate           (TendScorecard  *self,
                                                       TendStore      *store,
                                                       GError        **error);
gboolean            tend_scorecard_install_builtins   (TendStore      *store,
                                                       GError        **error);
GStrv               tend_scorecard_list_names         (TendStore      *store,
                                                       GError        **error);
gboolean            tend_scorecard_delete             (TendStore      *store,
                                                       const char     *name,
                                                       GError        **error);

G_END_DECLS
