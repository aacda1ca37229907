/* tend-import-report.c: what an import did
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendImport"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tend-import-private.h"
#include "tend-import-report.h"

struct _TendImportReport
{
  GObject    parent_instance;

  char      *encoding;
  GPtrArray *problems;
  guint      n_problems;
  guint      n_read;
  guint      n_inserted;
  guint      n_updated;
  guint      n_skipped;
  guint      n_rejected;
  gboolean   committed;
};

G_DEFINE_FINAL_TYPE (TendImportReport, tend_import_report, G_TYPE_OBJECT)

static void
tend_import_report_finalize (GObject *object)
{
  TendImportReport *self = (TendImportReport *)object;

  g_clear_pointer (&self->encoding, g_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (tend_import_report_parent_class)->finalize (object);
}

static void
tend_import_report_class_init (TendImportReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tend_import_report_finalize;
}

static void
tend_import_report_init (TendImportReport *self)
{
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify)tend_import_problem_free);
}

TendImportReport *
tend_import_report_new (void)
{
  return g_object_new (TEND_TYPE_IMPORT_REPORT, NULL);
}

void
tend_import_report_set_encoding (TendImportReport *self,
                                 const char       *encoding)
{
  g_free (self->encoding);
  self->encoding = g_strdup (encoding);
}

void
tend_import_report_add_problem (TendImportReport *self,
                                guint             line,
                                const char       *column,
                                const char       *reason)
{
  self->n_problems++;

  if (self->problems->len < TEND_IMPORT_MAX_PROBLEMS)
    g_ptr_array_add (self->problems, tend_import_problem_new (line, column, reason));
}

void
tend_import_report_set_counts (TendImportReport *self,
                               guint             n_read,
                               guint             n_inserted,
                               guint             n_updated,
                               guint             n_skipped,
                               guint             n_rejected,
                               gboolean          committed)
{
  self->n_read = n_read;
  self->n_inserted = n_inserted;
  self->n_updated = n_updated;
  self->n_skipped = n_skipped;
  self->n_rejected = n_rejected;
  self->committed = committed;
}

/**
 * tend_import_report_get_n_read:
 *
 * Returns: the data rows in the file (rows with only empty cells are not counted)
 */
guint
tend_import_report_get_n_read (TendImportReport *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_REPORT (self), 0);

  return self->n_read;
}

/**
 * tend_import_report_get_n_inserted:
 *
 * Returns: the accounts the import created
 */
guint
tend_import_report_get_n_inserted (TendImportReport *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_REPORT (self), 0);

  return self->n_inserted;
}

/**
 * tend_import_report_get_n_updated:
 *
 * Returns: the accounts that existed, found by external ID, and were updated
 */
guint
tend_import_report_get_n_updated (TendImportReport *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_REPORT (self), 0);

  return self->n_updated;
}

/**
 * tend_import_report_get_n_skipped:
 *
 * Returns: the rows not imported: the rejected ones when bad rows are skipped, all of
 *   them when the policy was all-or-nothing and a row was bad
 */
guint
tend_import_report_get_n_skipped (TendImportReport *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_REPORT (self), 0);

  return self->n_skipped;
}

/**
 * tend_import_report_get_n_rejected:
 *
 * Returns: the rows that had at least one problem
 */
guint
tend_import_report_get_n_rejected (TendImportReport *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_REPORT (self), 0);

  return self->n_rejected;
}

/**
 * tend_import_report_get_committed:
 *
 * Returns: whether the import was saved; %FALSE when an all-or-nothing import met a
 *   bad row and left the workspace as it was
 */
gboolean
tend_import_report_get_committed (TendImportReport *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_REPORT (self), FALSE);

  return self->committed;
}

/**
 * tend_import_report_get_encoding:
 *
 * Returns: "UTF-8" or "CP932", as the file was read
 */
const char *
tend_import_report_get_encoding (TendImportReport *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_REPORT (self), NULL);

  return self->encoding;
}

/**
 * tend_import_report_get_problems:
 *
 * Returns: (transfer none) (element-type TendImportProblem): the problems in file order,
 *   the first %TEND_IMPORT_MAX_PROBLEMS of them
 */
GPtrArray *
tend_import_report_get_problems (TendImportReport *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_REPORT (self), NULL);

  return self->problems;
}

/**
 * tend_import_report_get_n_problems:
 *
 * Returns: how many problems were found, including any beyond the ones kept
 */
guint
tend_import_report_get_n_problems (TendImportReport *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_REPORT (self), 0);

  return self->n_problems;
}

/**
 * tend_import_report_to_string:
 *
 * Returns: (transfer full): a one-line summary for a toast or the command line
 */
char *
tend_import_report_to_string (TendImportReport *self)
{
  g_autofree char *rows = NULL;

  g_return_val_if_fail (TEND_IS_IMPORT_REPORT (self), NULL);

  if (!self->committed)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Nothing was imported: %u of %u rows has problems.",
                                         "Nothing was imported: %u of %u rows have problems.",
                                         self->n_rejected),
                            self->n_rejected, self->n_read);

  rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row read", "%u rows read",
                                       self->n_read),
                          self->n_read);

  /* Translators: "<n rows read>: <n> accounts added, <n> updated, <n> skipped." */
  return g_strdup_printf (_("%s: %u accounts added, %u updated, %u skipped."),
                          rows, self->n_inserted, self->n_updated, self->n_skipped);
}
