/* tend-import-preview.c: what an import would do, before it does it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A preview holds the header, the first rows as they are in the file and as the mapping
 * turns them into account fields, and the problems of every row, so that the import
 * dialog can show what will happen and how many rows would be rejected.
 */

#define G_LOG_DOMAIN "TendImport"

#include "config.h"

#include "tend-import-preview.h"
#include "tend-import-private.h"
#include "tend-import-report.h"

typedef struct
{
  char     **cells;
  char      *values[TEND_IMPORT_N_FIELDS];
  guint      line;
  gboolean   valid;
} PreviewRow;

struct _TendImportPreview
{
  GObject          parent_instance;

  char           **header;
  TendImportField *fields;
  char            *encoding;
  GPtrArray       *rows;
  GPtrArray       *problems;
  guint            n_problems;
  guint            n_read;
  guint            n_rejected;
};

G_DEFINE_FINAL_TYPE (TendImportPreview, tend_import_preview, G_TYPE_OBJECT)

static void
preview_row_free (gpointer data)
{
  PreviewRow *row = data;

  g_strfreev (row->cells);
  for (guint i = 0; i < TEND_IMPORT_N_FIELDS; i++)
    g_free (row->values[i]);
  g_free (row);
}

static void
tend_import_preview_finalize (GObject *object)
{
  TendImportPreview *self = (TendImportPreview *)object;

  g_clear_pointer (&self->header, g_strfreev);
  g_clear_pointer (&self->fields, g_free);
  g_clear_pointer (&self->encoding, g_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (tend_import_preview_parent_class)->finalize (object);
}

static void
tend_import_preview_class_init (TendImportPreviewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tend_import_preview_finalize;
}

static void
tend_import_preview_init (TendImportPreview *self)
{
  self->rows = g_ptr_array_new_with_free_func (preview_row_free);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify)tend_import_problem_free);
}

TendImportPreview *
tend_import_preview_new (const char * const    *header,
                         const TendImportField *fields,
                         const char            *encoding)
{
  TendImportPreview *self = g_object_new (TEND_TYPE_IMPORT_PREVIEW, NULL);
  guint n = g_strv_length ((char **)header);

  self->header = g_strdupv ((char **)header);
  self->fields = g_memdup2 (fields, sizeof (TendImportField) * MAX (n, 1));
  self->encoding = g_strdup (encoding);

  return self;
}

void
tend_import_preview_add_row (TendImportPreview  *self,
                             char              **cells,
                             guint               line,
                             gboolean            valid,
                             char              **values)
{
  PreviewRow *row = g_new0 (PreviewRow, 1);

  row->cells = cells;
  row->line = line;
  row->valid = valid;
  for (guint i = 0; i < TEND_IMPORT_N_FIELDS; i++)
    row->values[i] = values[i];
  g_free (values);

  g_ptr_array_add (self->rows, row);
}

void
tend_import_preview_add_problem (TendImportPreview *self,
                                 guint              line,
                                 const char        *column,
                                 const char        *reason)
{
  self->n_problems++;

  if (self->problems->len < TEND_IMPORT_MAX_PROBLEMS)
    g_ptr_array_add (self->problems, tend_import_problem_new (line, column, reason));
}

void
tend_import_preview_set_encoding (TendImportPreview *self,
                                  const char        *encoding)
{
  g_free (self->encoding);
  self->encoding = g_strdup (encoding);
}

void
tend_import_preview_set_counts (TendImportPreview *self,
                                guint              n_read,
                                guint              n_rejected)
{
  self->n_read = n_read;
  self->n_rejected = n_rejected;
}

guint
tend_import_preview_get_n_columns (TendImportPreview *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_PREVIEW (self), 0);

  return g_strv_length (self->header);
}

/**
 * tend_import_preview_get_header:
 *
 * Returns: (transfer none): the file's column names
 */
const char * const *
tend_import_preview_get_header (TendImportPreview *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_PREVIEW (self), NULL);

  return (const char * const *)self->header;
}

/**
 * tend_import_preview_get_column_field:
 *
 * Returns: what the mapping makes of the @column'th column
 */
TendImportField
tend_import_preview_get_column_field (TendImportPreview *self,
                                      guint              column)
{
  g_return_val_if_fail (TEND_IS_IMPORT_PREVIEW (self), TEND_IMPORT_FIELD_NONE);
  g_return_val_if_fail (column < g_strv_length (self->header), TEND_IMPORT_FIELD_NONE);

  return self->fields[column];
}

/**
 * tend_import_preview_get_n_rows:
 *
 * Returns: how many of the first rows the preview holds
 */
guint
tend_import_preview_get_n_rows (TendImportPreview *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_PREVIEW (self), 0);

  return self->rows->len;
}

static PreviewRow *
preview_get_row (TendImportPreview *self,
                 guint              row)
{
  return g_ptr_array_index (self->rows, row);
}

/**
 * tend_import_preview_get_row:
 *
 * Returns: (transfer none): the row's cells as they are in the file
 */
const char * const *
tend_import_preview_get_row (TendImportPreview *self,
                             guint              row)
{
  g_return_val_if_fail (TEND_IS_IMPORT_PREVIEW (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);

  return (const char * const *)preview_get_row (self, row)->cells;
}

guint
tend_import_preview_get_row_line (TendImportPreview *self,
                                  guint              row)
{
  g_return_val_if_fail (TEND_IS_IMPORT_PREVIEW (self), 0);
  g_return_val_if_fail (row < self->rows->len, 0);

  return preview_get_row (self, row)->line;
}

/**
 * tend_import_preview_get_row_valid:
 *
 * Returns: whether the row would be imported (it has no problem)
 */
gboolean
tend_import_preview_get_row_valid (TendImportPreview *self,
                                   guint              row)
{
  g_return_val_if_fail (TEND_IS_IMPORT_PREVIEW (self), FALSE);
  g_return_val_if_fail (row < self->rows->len, FALSE);

  return preview_get_row (self, row)->valid;
}

/**
 * tend_import_preview_get_value:
 *
 * The value the import would store for @field, as text: dates as ISO 8601 ("2024-07-30",
 * with the churn date the import's day when the file gives none), MRR and ARR formatted
 * with their currency ("$56.95"), the status ("churned"), "yes" or "no" for churned, the
 * contract's term ("12 months"), the JSON array of adopted names for products and
 * features, and the JSON object of custom attributes for %TEND_IMPORT_FIELD_ATTRIBUTE
 * (and _NONE).
 *
 * Returns: (nullable): the value, or %NULL when the row leaves the field unset
 */
const char *
tend_import_preview_get_value (TendImportPreview *self,
                               guint              row,
                               TendImportField    field)
{
  g_return_val_if_fail (TEND_IS_IMPORT_PREVIEW (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);
  g_return_val_if_fail (field < TEND_IMPORT_N_FIELDS, NULL);

  return preview_get_row (self, row)->values[field];
}

/**
 * tend_import_preview_get_n_read:
 *
 * Returns: the data rows in the whole file
 */
guint
tend_import_preview_get_n_read (TendImportPreview *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_PREVIEW (self), 0);

  return self->n_read;
}

/**
 * tend_import_preview_get_n_rejected:
 *
 * Returns: the rows of the whole file that have a problem
 */
guint
tend_import_preview_get_n_rejected (TendImportPreview *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_PREVIEW (self), 0);

  return self->n_rejected;
}

/**
 * tend_import_preview_get_problems:
 *
 * Returns: (transfer none) (element-type TendImportProblem): the problems of the whole
 *   file, the first %TEND_IMPORT_MAX_PROBLEMS of them
 */
GPtrArray *
tend_import_preview_get_problems (TendImportPreview *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_PREVIEW (self), NULL);

  return self->problems;
}

guint
tend_import_preview_get_n_problems (TendImportPreview *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_PREVIEW (self), 0);

  return self->n_problems;
}

const char *
tend_import_preview_get_encoding (TendImportPreview *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_PREVIEW (self), NULL);

  return self->encoding;
}
