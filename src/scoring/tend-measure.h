/* tend-measure.h: one input of a health scorecard and the rule that turns it into points
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TEND_SCORING_ERROR (tend_scoring_error_quark ())

typedef enum
{
  TEND_SCORING_ERROR_INVALID,
  TEND_SCORING_ERROR_NOT_FOUND,
} TendScoringError;

GQuark           tend_scoring_error_quark            (void);

/*
 * What a measure reads, as of a day D. The string in brackets is the kind's name in a
 * scorecard's JSON; raw values are in the unit given.
 *
 * - USAGE_TREND ("usage_trend"): the percentage change of active users (sessions when the
 *   account reports no active users) summed over the 30 days to D against the 30 days
 *   before. Missing when the earlier 30 days are empty, as there is nothing to compare to.
 * - DAYS_SINCE_ACTIVITY ("days_since_activity"): days from the last usage day with sessions
 *   to D. Missing when the account never had a session.
 * - SEAT_UTILIZATION ("seat_utilization"): the most active users on one day of the last 30
 *   days, as a percentage of the licensed seats. Missing without seats or usage.
 * - ADOPTION ("adoption"): the most features used on one day of the last 30 days; when
 *   the account has no usage in that window, the length of its "adopted" attribute (the
 *   products or services it took, as importers write it).
 * - SUPPORT_TICKETS ("support_tickets"): tickets open on D or opened in the 90 days to D,
 *   weighted by priority: low 1, normal 2, high 4, urgent 8. Zero for an account without
 *   tickets; missing for every account while the workspace holds no tickets at all.
 * - SATISFACTION ("satisfaction"): the mean CSAT (1-5) of the 180 days to D, from ticket
 *   ratings and CSAT surveys; without CSAT, NPS answers (0-10) mapped onto 1-5.
 * - BILLING ("billing"): failed or late payments among those due in the 180 days to D.
 *   Missing when none was due.
 * - DAYS_SINCE_CSM_TOUCH ("days_since_csm_touch"): days from the last call, e-mail,
 *   meeting or QBR (internal notes do not count) to D.
 * - OVERDUE_MILESTONES ("overdue_milestones"): milestones due before D and not completed
 *   by D. Missing for an account without milestones.
 * - ACCOUNT_AGE ("account_age"): whole calendar months from the start date to D.
 * - ATTRIBUTE ("attribute:KEY"): the custom attribute KEY, a number or, with a categorical
 *   rule, a text.
 */
typedef enum
{
  TEND_MEASURE_USAGE_TREND,
  TEND_MEASURE_DAYS_SINCE_ACTIVITY,
  TEND_MEASURE_SEAT_UTILIZATION,
  TEND_MEASURE_ADOPTION,
  TEND_MEASURE_SUPPORT_TICKETS,
  TEND_MEASURE_SATISFACTION,
  TEND_MEASURE_BILLING,
  TEND_MEASURE_DAYS_SINCE_CSM_TOUCH,
  TEND_MEASURE_OVERDUE_MILESTONES,
  TEND_MEASURE_ACCOUNT_AGE,
  TEND_MEASURE_ATTRIBUTE,
} TendMeasureKind;

#define TEND_MEASURE_N_KINDS (TEND_MEASURE_ATTRIBUTE + 1)

/*
 * How a raw value becomes 0-100 points.
 *
 * - THRESHOLDS: 100 points when the value is at or beyond the good bound, 0 at or beyond
 *   the poor bound, 50 in between. "Beyond" is above when higher is better, else below.
 * - LINEAR: 0 points at the poor bound rising in a straight line to 100 at the good bound,
 *   clamped outside them.
 * - CATEGORICAL: the points of the value in the measure's table (matched without regard to
 *   case); a value not in the table counts as missing.
 */
typedef enum
{
  TEND_RULE_THRESHOLDS,
  TEND_RULE_LINEAR,
  TEND_RULE_CATEGORICAL,
} TendRuleType;

#define TEND_TYPE_MEASURE_KIND (tend_measure_kind_get_type ())
#define TEND_TYPE_RULE_TYPE (tend_rule_type_get_type ())

GType            tend_measure_kind_get_type          (void) G_GNUC_CONST;
GType            tend_rule_type_get_type             (void) G_GNUC_CONST;

const char      *tend_measure_kind_to_string         (TendMeasureKind  kind);
gboolean         tend_measure_kind_from_string       (const char      *text,
                                                      TendMeasureKind *kind,
                                                      char           **attribute);
const char      *tend_measure_kind_get_label         (TendMeasureKind  kind);
const char      *tend_measure_kind_get_unit          (TendMeasureKind  kind);
const char      *tend_rule_type_to_string            (TendRuleType     type);
gboolean         tend_rule_type_from_string          (const char      *text,
                                                      TendRuleType    *type);

#define TEND_TYPE_MEASURE (tend_measure_get_type ())
G_DECLARE_FINAL_TYPE (TendMeasure, tend_measure, TEND, MEASURE, GObject)

TendMeasure     *tend_measure_new                    (const char      *id,
                                                      TendMeasureKind  kind,
                                                      const char      *attribute);
TendMeasure     *tend_measure_new_from_json          (JsonNode        *node,
                                                      GError         **error);
JsonNode        *tend_measure_to_json                (TendMeasure     *self);
TendMeasure     *tend_measure_copy                   (TendMeasure     *self);
gboolean         tend_measure_validate               (TendMeasure     *self,
                                                      GError         **error);

const char      *tend_measure_get_id                 (TendMeasure     *self);
void             tend_measure_set_id                 (TendMeasure     *self,
                                                      const char      *id);
const char      *tend_measure_get_label              (TendMeasure     *self);
gboolean         tend_measure_has_custom_label       (TendMeasure     *self);
void             tend_measure_set_label              (TendMeasure     *self,
                                                      const char      *label);
TendMeasureKind  tend_measure_get_kind               (TendMeasure     *self);
void             tend_measure_set_kind               (TendMeasure     *self,
                                                      TendMeasureKind  kind);
const char      *tend_measure_get_attribute          (TendMeasure     *self);
void             tend_measure_set_attribute          (TendMeasure     *self,
                                                      const char      *attribute);
char            *tend_measure_dup_kind_string        (TendMeasure     *self);
double           tend_measure_get_weight             (TendMeasure     *self);
void             tend_measure_set_weight             (TendMeasure     *self,
                                                      double           weight);

TendRuleType     tend_measure_get_rule_type          (TendMeasure     *self);
void             tend_measure_set_rule_type          (TendMeasure     *self,
                                                      TendRuleType     type);
gboolean         tend_measure_get_higher_is_better   (TendMeasure     *self);
void             tend_measure_set_higher_is_better   (TendMeasure     *self,
                                                      gboolean         higher_is_better);
double           tend_measure_get_good               (TendMeasure     *self);
void             tend_measure_set_good               (TendMeasure     *self,
                                                      double           good);
double           tend_measure_get_poor               (TendMeasure     *self);
void             tend_measure_set_poor               (TendMeasure     *self,
                                                      double           poor);

guint            tend_measure_get_n_categories       (TendMeasure     *self);
const char      *tend_measure_get_category           (TendMeasure     *self,
                                                      guint            position,
                                                      double          *points);
void             tend_measure_set_category_points    (TendMeasure     *self,
                                                      const char      *value,
                                                      double           points);
gboolean         tend_measure_remove_category        (TendMeasure     *self,
                                                      const char      *value);
gboolean         tend_measure_lookup_category        (TendMeasure     *self,
                                                      const char      *value,
                                                      double          *points);

double           tend_measure_points_for_value       (TendMeasure     *self,
                                                      double           value);
double           tend_measure_points_for_text        (TendMeasure     *self,
                                                      const char      *text);

G_END_DECLS
