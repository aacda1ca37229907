/* tend-import-problem.c: why a row of a CSV file was rejected
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendImport"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tend-import-problem.h"

G_DEFINE_BOXED_TYPE (TendImportProblem, tend_import_problem,
                     tend_import_problem_copy, tend_import_problem_free)

TendImportProblem *
tend_import_problem_new (guint       line,
                         const char *column,
                         const char *reason)
{
  TendImportProblem *self;

  g_return_val_if_fail (reason != NULL, NULL);

  self = g_new0 (TendImportProblem, 1);
  self->line = line;
  self->column = g_strdup (column);
  self->reason = g_strdup (reason);

  return self;
}

TendImportProblem *
tend_import_problem_copy (const TendImportProblem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return tend_import_problem_new (self->line, self->column, self->reason);
}

void
tend_import_problem_free (TendImportProblem *self)
{
  if (self == NULL)
    return;

  g_free (self->column);
  g_free (self->reason);
  g_free (self);
}

/**
 * tend_import_problem_to_string:
 *
 * Returns: (transfer full): the problem as one line, e.g.
 *   "Line 12, column “MRR”: “abc” is not an amount of money in USD."
 */
char *
tend_import_problem_to_string (const TendImportProblem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->column != NULL)
    return g_strdup_printf (_("Line %u, column “%s”: %s"), self->line, self->column,
                            self->reason);

  return g_strdup_printf (_("Line %u: %s"), self->line, self->reason);
}
