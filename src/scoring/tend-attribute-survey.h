/* tend-attribute-survey.h: which custom attributes the accounts have, for scorecard editing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "scoring/tend-measure.h"
#include "store/tend-store.h"

G_BEGIN_DECLS

/* One custom attribute key as the workspace's accounts use it. */
typedef struct
{
  char         *key;
  guint         n_accounts;      /* accounts with a value (not null, not a list) */
  guint         n_numbers;       /* of those, values that are or read as numbers */
  guint         n_distinct;      /* distinct values */
  double        min;             /* over the numbers; NAN without any */
  double        max;
  GStrv         values;          /* the most common values, most common first */
  TendRuleType  suggested_rule;  /* linear for many distinct numbers, else categorical */
} TendAttributeSummary;

#define TEND_TYPE_ATTRIBUTE_SUMMARY (tend_attribute_summary_get_type ())

GType                 tend_attribute_summary_get_type (void) G_GNUC_CONST;
TendAttributeSummary *tend_attribute_summary_copy     (const TendAttributeSummary *summary);
void                  tend_attribute_summary_free     (TendAttributeSummary       *summary);

GPtrArray            *tend_attribute_survey           (TendStore                  *store,
                                                       guint                       max_values,
                                                       GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendAttributeSummary, tend_attribute_summary_free)

G_END_DECLS
