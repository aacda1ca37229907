/* tend-import-problem.h: why a row of a CSV file was rejected
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * TendImportProblem:
 * @line: the physical line of the file where the row starts (1 is the header)
 * @column: (nullable): the header of the column at fault, or %NULL for the whole row
 * @reason: what is wrong, in words the user can act on
 */
typedef struct
{
  guint  line;
  char  *column;
  char  *reason;
} TendImportProblem;

#define TEND_TYPE_IMPORT_PROBLEM (tend_import_problem_get_type ())

GType              tend_import_problem_get_type    (void) G_GNUC_CONST;
TendImportProblem *tend_import_problem_new         (guint                    line,
                                                    const char              *column,
                                                    const char              *reason);
TendImportProblem *tend_import_problem_copy        (const TendImportProblem *self);
void               tend_import_problem_free        (TendImportProblem       *self);
char              *tend_import_problem_to_string   (const TendImportProblem *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendImportProblem, tend_import_problem_free)

G_END_DECLS
