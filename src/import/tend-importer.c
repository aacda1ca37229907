/* tend-importer.c: imports accounts from a CSV file through a mapping
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import reads the file once (tend-import-session.c checks each row against the
 * mapping) and writes the good rows as it goes (tend-import-writer.c), inside one
 * transaction that covers the whole file, so that a cancelled, failed or killed import
 * leaves the workspace exactly as it was. Accounts are found by (source, external id) in
 * account_sources, so importing the same file again updates them. Money becomes one
 * subscription per account and system (source "csv:<the mapping's source>"), from which
 * the account's ARR and renewal date follow.
 */

#define G_LOG_DOMAIN "TendImport"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tend-import-pipeline.h"
#include "tend-import-private.h"
#include "tend-import-session.h"
#include "tend-import-writer.h"
#include "tend-importer.h"

/* How often, in rows, progress is told and a preview's cancellable checked. */
#define PROGRESS_EVERY 256

struct _TendImporter
{
  GObject            parent_instance;

  TendStore         *store;
  char              *path;
  TendImportMapping *mapping;
  TendImportPolicy   policy;
  TendDay            as_of;
};

G_DEFINE_FINAL_TYPE (TendImporter, tend_importer, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (TendImportPolicy, tend_import_policy,
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_POLICY_SKIP_BAD_ROWS, "skip-bad-rows"),
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_POLICY_ALL_OR_NOTHING, "all-or-nothing"))

enum {
  PROP_0,
  PROP_STORE,
  PROP_PATH,
  PROP_MAPPING,
  PROP_POLICY,
  PROP_AS_OF,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


static void
import_job_free (TendImportJob *job)
{
  g_free (job->path);
  g_clear_object (&job->mapping);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendImportJob, import_job_free)

static TendImportJob *
import_job_new (TendImporter *self)
{
  TendImportJob *job = g_new0 (TendImportJob, 1);

  job->path = g_strdup (self->path);
  job->mapping = self->mapping != NULL ? tend_import_mapping_copy (self->mapping) : NULL;
  job->policy = self->policy;
  job->as_of = self->as_of;

  return job;
}

static gboolean
import_job_check (const TendImportJob  *job,
                  GError              **error)
{
  if (job->path == NULL || job->mapping == NULL)
    {
      g_set_error_literal (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_FAILED,
                           _("Choose a file and a mapping before importing."));
      return FALSE;
    }

  return TRUE;
}

static void
report_problem_cb (gpointer    sink,
                   guint       line,
                   const char *column,
                   const char *reason)
{
  tend_import_report_add_problem (sink, line, column, reason);
}

static void
preview_problem_cb (gpointer    sink,
                    guint       line,
                    const char *column,
                    const char *reason)
{
  tend_import_preview_add_problem (sink, line, column, reason);
}

static void
tell_progress (TendImportSession      *s,
               TendImportProgressFunc  progress,
               gpointer                progress_data)
{
  if (progress != NULL)
    progress (s->n_read, (goffset)tend_csv_reader_get_offset (s->reader),
              tend_csv_reader_get_size (s->reader), progress_data);
}

/* Checks and writes the rows in one transaction. An all-or-nothing import with a bad row
 * rolls back and succeeds, with *committed left FALSE. */
static gboolean
import_write_rows (TendImportSession       *s,
                   TendImportWriter        *w,
                   TendStore               *store,
                   GCancellable            *cancellable,
                   TendImportProgressFunc   progress,
                   gpointer                 progress_data,
                   gboolean                *committed,
                   GError                 **error)
{
  *committed = FALSE;

  if (!tend_store_begin (store, error))
    return FALSE;

  if (!tend_import_writer_init (w, store, s, error) ||
      !tend_import_pipeline_run (s, w, cancellable, progress, progress_data, error))
    {
      tend_store_rollback (store);
      return FALSE;
    }

  if (s->job->policy == TEND_IMPORT_POLICY_ALL_OR_NOTHING && s->n_rejected > 0)
    {
      tend_store_rollback (store);
      return TRUE;
    }

  /* The last flush rebuilds any indexes set aside and can take seconds on a large file;
   * a stop asked for meanwhile must still leave the workspace as it was. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !tend_import_writer_flush (w, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      tend_store_rollback (store);
      return FALSE;
    }

  *committed = tend_store_commit (store, error);

  return *committed;
}

/* Every reference an import writes holds by construction: a subscription and an external
 * id point to the account the same batch has just inserted or found, an owner to the CSM
 * the writer has just found or added, and the import holds the write lock from its first
 * statement, so no one can remove them meanwhile. SQLite would still look each one up,
 * three for every row, so an import that is the outermost transaction (the pragma does
 * nothing inside one) sets the checks aside until it ends, committed or not. */
static gboolean
import_in_transaction (TendImportSession       *s,
                       TendImportWriter        *w,
                       TendStore               *store,
                       GCancellable            *cancellable,
                       TendImportProgressFunc   progress,
                       gpointer                 progress_data,
                       gboolean                *committed,
                       GError                 **error)
{
  g_autoptr(GError) restore_error = NULL;
  gboolean outermost = !tend_store_in_transaction (store);
  gboolean ok;

  *committed = FALSE;
  if (outermost && !tend_store_exec (store, "PRAGMA foreign_keys = OFF", error))
    return FALSE;

  ok = import_write_rows (s, w, store, cancellable, progress, progress_data, committed, error);

  if (outermost && !tend_store_exec (store, "PRAGMA foreign_keys = ON", &restore_error))
    g_warning ("Could not turn the workspace's foreign key checks back on after an import: %s",
               restore_error->message);

  return ok;
}

static void
import_fill_report (TendImportReport  *report,
                    TendImportSession *s,
                    TendImportWriter  *w,
                    gboolean           committed)
{
  tend_import_report_set_encoding (report, tend_csv_reader_get_encoding (s->reader));
  tend_import_report_set_counts (report, s->n_read,
                                 committed ? w->n_inserted : 0,
                                 committed ? w->n_updated : 0,
                                 committed ? s->n_rejected : s->n_read,
                                 s->n_rejected, committed);

  g_message ("Import finished: %u rows read, %u accounts added, %u updated, %u rejected%s",
             s->n_read, tend_import_report_get_n_inserted (report),
             tend_import_report_get_n_updated (report), s->n_rejected,
             committed ? "" : ", nothing saved");
}

static TendImportReport *
import_run (const TendImportJob     *job,
            TendStore               *store,
            GCancellable            *cancellable,
            TendImportProgressFunc   progress,
            gpointer                 progress_data,
            GError                 **error)
{
  g_autoptr(TendImportReport) report = tend_import_report_new ();
  TendImportSession s;
  TendImportWriter w = { 0 };
  gboolean committed = FALSE;
  gboolean ok;

  tend_import_session_init (&s, job);
  s.problem = report_problem_cb;
  s.problem_sink = report;

  ok = tend_import_session_open (&s, error);
  if (ok)
    {
      tend_import_session_report_missing_columns (&s);
      ok = import_in_transaction (&s, &w, store, cancellable, progress, progress_data,
                                  &committed, error);
    }

  if (ok)
    {
      tell_progress (&s, progress, progress_data);
      import_fill_report (report, &s, &w, committed);
    }

  tend_import_writer_clear (&w);
  tend_import_session_clear (&s);

  return ok ? g_steal_pointer (&report) : NULL;
}

static TendImportPreview *
import_preview (const TendImportJob  *job,
                guint                 max_rows,
                GCancellable         *cancellable,
                GError              **error)
{
  g_autoptr(TendImportPreview) preview = NULL;
  g_autofree TendImportField *fields = NULL;
  TendImportSession s;
  TendImportRowResult result = TEND_IMPORT_ROW_EMPTY;

  tend_import_session_init (&s, job);
  if (!tend_import_session_open (&s, error))
    {
      tend_import_session_clear (&s);
      return NULL;
    }

  fields = g_new0 (TendImportField, MAX (s.n_columns, 1));
  for (guint i = 0; i < s.n_columns; i++)
    fields[i] = s.plan[i].field;

  preview = tend_import_preview_new ((const char * const *)s.header, fields,
                                     tend_csv_reader_get_encoding (s.reader));
  s.problem = preview_problem_cb;
  s.problem_sink = preview;
  tend_import_session_report_missing_columns (&s);

  while (result != TEND_IMPORT_ROW_END && result != TEND_IMPORT_ROW_FAILED)
    {
      result = tend_import_session_next_row (&s, error);

      if ((result == TEND_IMPORT_ROW_VALID || result == TEND_IMPORT_ROW_REJECTED) &&
          tend_import_preview_get_n_rows (preview) < max_rows)
        tend_import_preview_add_row (preview, tend_csv_reader_dup_record (s.reader),
                                     s.row.line, result == TEND_IMPORT_ROW_VALID,
                                     tend_import_session_row_values (&s));

      if (s.n_read % PROGRESS_EVERY == 0 &&
          g_cancellable_set_error_if_cancelled (cancellable, error))
        result = TEND_IMPORT_ROW_FAILED;
    }

  tend_import_preview_set_encoding (preview, tend_csv_reader_get_encoding (s.reader));
  tend_import_preview_set_counts (preview, s.n_read, s.n_rejected);
  tend_import_session_clear (&s);

  return result == TEND_IMPORT_ROW_END ? g_steal_pointer (&preview) : NULL;
}

static void
tend_importer_finalize (GObject *object)
{
  TendImporter *self = (TendImporter *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->mapping);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (tend_importer_parent_class)->finalize (object);
}

static void
tend_importer_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TendImporter *self = TEND_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_MAPPING:
      g_value_set_object (value, self->mapping);
      break;
    case PROP_POLICY:
      g_value_set_enum (value, self->policy);
      break;
    case PROP_AS_OF:
      g_value_set_int (value, self->as_of);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_importer_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TendImporter *self = TEND_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PATH:
      tend_importer_set_path (self, g_value_get_string (value));
      break;
    case PROP_MAPPING:
      tend_importer_set_mapping (self, g_value_get_object (value));
      break;
    case PROP_POLICY:
      tend_importer_set_policy (self, g_value_get_enum (value));
      break;
    case PROP_AS_OF:
      tend_importer_set_as_of (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_importer_class_init (TendImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tend_importer_finalize;
  object_class->get_property = tend_importer_get_property;
  object_class->set_property = tend_importer_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TEND_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAPPING] =
    g_param_spec_object ("mapping", NULL, NULL, TEND_TYPE_IMPORT_MAPPING,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POLICY] =
    g_param_spec_enum ("policy", NULL, NULL,
                       TEND_TYPE_IMPORT_POLICY, TEND_IMPORT_POLICY_SKIP_BAD_ROWS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The day the import counts from: tenure, renewals and churn dates without a date. */
  properties[PROP_AS_OF] =
    g_param_spec_int ("as-of", NULL, NULL, G_MININT + 1, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tend_importer_init (TendImporter *self)
{
  self->policy = TEND_IMPORT_POLICY_SKIP_BAD_ROWS;
  self->as_of = tend_day_today ();
}

/**
 * tend_importer_new:
 * @store: (nullable): the workspace to import into; a preview needs none
 * @path: (nullable): the CSV file
 * @mapping: (nullable): how its columns become account fields
 *
 * The import skips bad rows and counts from today (tend_day_today()) unless told
 * otherwise.
 */
TendImporter *
tend_importer_new (TendStore         *store,
                   const char        *path,
                   TendImportMapping *mapping)
{
  g_return_val_if_fail (store == NULL || TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (mapping == NULL || TEND_IS_IMPORT_MAPPING (mapping), NULL);

  return g_object_new (TEND_TYPE_IMPORTER,
                       "store", store,
                       "path", path,
                       "mapping", mapping,
                       NULL);
}

TendStore *
tend_importer_get_store (TendImporter *self)
{
  g_return_val_if_fail (TEND_IS_IMPORTER (self), NULL);

  return self->store;
}

const char *
tend_importer_get_path (TendImporter *self)
{
  g_return_val_if_fail (TEND_IS_IMPORTER (self), NULL);

  return self->path;
}

void
tend_importer_set_path (TendImporter *self,
                        const char   *path)
{
  g_return_if_fail (TEND_IS_IMPORTER (self));

  if (g_strcmp0 (self->path, path) == 0)
    return;

  g_free (self->path);
  self->path = g_strdup (path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

TendImportMapping *
tend_importer_get_mapping (TendImporter *self)
{
  g_return_val_if_fail (TEND_IS_IMPORTER (self), NULL);

  return self->mapping;
}

void
tend_importer_set_mapping (TendImporter      *self,
                           TendImportMapping *mapping)
{
  g_return_if_fail (TEND_IS_IMPORTER (self));
  g_return_if_fail (mapping == NULL || TEND_IS_IMPORT_MAPPING (mapping));

  if (g_set_object (&self->mapping, mapping))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAPPING]);
}

TendImportPolicy
tend_importer_get_policy (TendImporter *self)
{
  g_return_val_if_fail (TEND_IS_IMPORTER (self), TEND_IMPORT_POLICY_SKIP_BAD_ROWS);

  return self->policy;
}

void
tend_importer_set_policy (TendImporter     *self,
                          TendImportPolicy  policy)
{
  g_return_if_fail (TEND_IS_IMPORTER (self));

  if (self->policy == policy)
    return;

  self->policy = policy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY]);
}

TendDay
tend_importer_get_as_of (TendImporter *self)
{
  g_return_val_if_fail (TEND_IS_IMPORTER (self), TEND_DAY_INVALID);

  return self->as_of;
}

void
tend_importer_set_as_of (TendImporter *self,
                         TendDay       as_of)
{
  g_return_if_fail (TEND_IS_IMPORTER (self));
  g_return_if_fail (as_of != TEND_DAY_INVALID);

  if (self->as_of == as_of)
    return;

  self->as_of = as_of;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AS_OF]);
}

/**
 * tend_importer_read_header:
 *
 * Reads only the file's header, so that a mapping can be guessed before the preview.
 *
 * Returns: (transfer full) (nullable): the column names
 */
char **
tend_importer_read_header (TendImporter  *self,
                           GError       **error)
{
  g_autoptr(TendCsvReader) reader = NULL;

  g_return_val_if_fail (TEND_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (self->path != NULL, NULL);

  reader = tend_csv_reader_new_for_path (self->path, error);
  if (reader == NULL)
    return NULL;

  return tend_csv_reader_read_header (reader, error);
}

/**
 * tend_importer_preview:
 * @max_rows: how many of the first rows to keep for display
 *
 * Reads the whole file and checks every row against the mapping without writing
 * anything. Rejected rows are kept among the first rows too, with their cells as read
 * (a row with the wrong number of columns has that many cells).
 *
 * Returns: (transfer full) (nullable): the preview, or %NULL with @error set when the
 *   file cannot be read, the mapping cannot import it, or @cancellable was cancelled
 */
TendImportPreview *
tend_importer_preview (TendImporter  *self,
                       guint          max_rows,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(TendImportJob) job = NULL;

  g_return_val_if_fail (TEND_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  job = import_job_new (self);
  if (!import_job_check (job, error))
    return NULL;

  return import_preview (job, max_rows, cancellable, error);
}

typedef struct
{
  TendImportJob *job;
  guint          max_rows;
} PreviewData;

static void
preview_data_free (gpointer data)
{
  PreviewData *preview = data;

  import_job_free (preview->job);
  g_free (preview);
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PreviewData *data = task_data;
  GError *error = NULL;
  TendImportPreview *preview;

  preview = import_preview (data->job, data->max_rows, cancellable, &error);
  if (preview == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, preview, g_object_unref);
}

/**
 * tend_importer_preview_async:
 *
 * Makes the preview in a worker thread; see tend_importer_preview().
 */
void
tend_importer_preview_async (TendImporter        *self,
                             guint                max_rows,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  PreviewData *data;

  g_return_if_fail (TEND_IS_IMPORTER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_importer_preview_async);

  data = g_new0 (PreviewData, 1);
  data->job = import_job_new (self);
  data->max_rows = max_rows;
  g_task_set_task_data (task, data, preview_data_free);
  if (!import_job_check (data->job, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_run_in_thread (task, preview_thread);
}

TendImportPreview *
tend_importer_preview_finish (TendImporter  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (TEND_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * tend_importer_run:
 * @cancellable: (nullable): cancels the import; nothing is then saved
 * @progress: (nullable) (scope call): told how far the import is
 *
 * Imports the file in one transaction. Each row is checked; a rejected row is reported
 * with its line, column and reason. With %TEND_IMPORT_POLICY_SKIP_BAD_ROWS the good rows
 * are saved; with %TEND_IMPORT_POLICY_ALL_OR_NOTHING a single bad row saves nothing, and
 * the report says so (tend_import_report_get_committed() is %FALSE) rather than an error.
 *
 * Accounts are matched by the mapping's source and the external ID, so importing the
 * same file again updates them. On update, only the fields the file has are written and
 * an empty cell keeps the value the account had; custom attributes are merged.
 *
 * On success, with something saved, the store emits "changed" with "accounts".
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set when the
 *   file cannot be read, the mapping cannot import it, the workspace cannot be written
 *   or the import was cancelled; the workspace is then as it was before
 */
TendImportReport *
tend_importer_run (TendImporter            *self,
                   GCancellable            *cancellable,
                   TendImportProgressFunc   progress,
                   gpointer                 progress_data,
                   GError                 **error)
{
  g_autoptr(TendImportJob) job = NULL;
  TendImportReport *report;

  g_return_val_if_fail (TEND_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (TEND_IS_STORE (self->store), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  job = import_job_new (self);
  if (!import_job_check (job, error))
    return NULL;

  report = import_run (job, self->store, cancellable, progress, progress_data, error);

  if (report != NULL && tend_import_report_get_n_inserted (report) +
                        tend_import_report_get_n_updated (report) > 0)
    tend_store_emit_changed (self->store, "accounts");

  return report;
}

/* Progress from the worker thread, told in the caller's main context. Only the latest
 * figures matter, so at most one report waits there at a time. */
typedef struct
{
  GMutex                  lock;
  GMainContext           *context;
  TendImportProgressFunc  func;
  gpointer                data;
  GDestroyNotify          destroy;
  gboolean                pending;
  guint                   rows;
  goffset                 bytes;
  goffset                 total;
} ProgressRelay;

static ProgressRelay *
progress_relay_new (TendImportProgressFunc func,
                    gpointer               data,
                    GDestroyNotify         destroy)
{
  ProgressRelay *relay = g_atomic_rc_box_new0 (ProgressRelay);

  g_mutex_init (&relay->lock);
  relay->context = g_main_context_ref_thread_default ();
  relay->func = func;
  relay->data = data;
  relay->destroy = destroy;

  return relay;
}

static void
progress_relay_clear (gpointer data)
{
  ProgressRelay *relay = data;

  g_mutex_clear (&relay->lock);
  g_main_context_unref (relay->context);
}

static void
progress_relay_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, progress_relay_clear);
}

static gboolean
progress_relay_deliver (gpointer data)
{
  ProgressRelay *relay = data;
  TendImportProgressFunc func;
  guint rows;
  goffset bytes, total;

  g_mutex_lock (&relay->lock);
  relay->pending = FALSE;
  func = relay->func;
  rows = relay->rows;
  bytes = relay->bytes;
  total = relay->total;
  g_mutex_unlock (&relay->lock);

  if (func != NULL)
    func (rows, bytes, total, relay->data);

  return G_SOURCE_REMOVE;
}

static void
progress_relay_post (guint    rows,
                     goffset  bytes,
                     goffset  total,
                     gpointer data)
{
  ProgressRelay *relay = data;
  gboolean schedule;

  g_mutex_lock (&relay->lock);
  relay->rows = rows;
  relay->bytes = bytes;
  relay->total = total;
  schedule = !relay->pending && relay->func != NULL;
  relay->pending = relay->pending || schedule;
  g_mutex_unlock (&relay->lock);

  if (schedule)
    g_main_context_invoke_full (relay->context, G_PRIORITY_DEFAULT, progress_relay_deliver,
                                g_atomic_rc_box_acquire (relay), progress_relay_unref);
}

/* Called in the caller's context when the import is over: no progress comes after. */
static void
progress_relay_stop (ProgressRelay *relay)
{
  GDestroyNotify destroy;
  gpointer data;

  g_mutex_lock (&relay->lock);
  relay->func = NULL;
  destroy = relay->destroy;
  data = relay->data;
  relay->destroy = NULL;
  g_mutex_unlock (&relay->lock);

  if (destroy != NULL)
    destroy (data);
}

typedef struct
{
  TendImportJob     *job;
  TendStore     *store;
  ProgressRelay *relay;
} RunData;

static void
run_data_free (gpointer data)
{
  RunData *run = data;

  import_job_free (run->job);
  g_clear_object (&run->store);
  progress_relay_unref (run->relay);
  g_free (run);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *run = task_data;
  g_autoptr(TendStore) sibling = NULL;
  GError *error = NULL;
  TendImportReport *report;

  /* A connection serves one thread: the worker writes through its own. */
  sibling = tend_store_open_sibling (run->store, &error);
  if (sibling == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  report = import_run (run->job, sibling, cancellable, progress_relay_post, run->relay, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, g_object_unref);
}

static void
run_thread_done_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *run = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  TendImportReport *report;

  progress_relay_stop (run->relay);

  report = g_task_propagate_pointer (G_TASK (result), &error);
  if (report == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (tend_import_report_get_n_inserted (report) + tend_import_report_get_n_updated (report) > 0)
    tend_store_emit_changed (run->store, "accounts");

  g_task_return_pointer (task, report, g_object_unref);
}

/**
 * tend_importer_run_async:
 * @progress: (nullable): told in the caller's main context, never after @callback
 * @progress_destroy: (nullable): frees @progress_data when the import is over
 *
 * Runs tend_importer_run() in a worker thread with its own connection to the workspace
 * (tend_store_open_sibling()). The importer's file, mapping, policy and day are taken as
 * they are now; changing them later does not affect this import. When something was
 * saved, the importer's store emits "changed" with "accounts" in the caller's context
 * before @callback runs.
 */
void
tend_importer_run_async (TendImporter           *self,
                         GCancellable           *cancellable,
                         TendImportProgressFunc  progress,
                         gpointer                progress_data,
                         GDestroyNotify          progress_destroy,
                         GAsyncReadyCallback     callback,
                         gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  g_autoptr(GError) error = NULL;
  RunData *run;

  g_return_if_fail (TEND_IS_IMPORTER (self));
  g_return_if_fail (TEND_IS_STORE (self->store));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_importer_run_async);

  /* A cancel that comes too late to stop the commit must not hide that it was saved. */
  g_task_set_check_cancellable (task, FALSE);

  run = g_new0 (RunData, 1);
  run->job = import_job_new (self);
  run->store = g_object_ref (self->store);
  run->relay = progress_relay_new (progress, progress_data, progress_destroy);

  if (!import_job_check (run->job, &error))
    {
      progress_relay_stop (run->relay);
      run_data_free (run);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  worker = g_task_new (self, cancellable, run_thread_done_cb, g_steal_pointer (&task));
  g_task_set_check_cancellable (worker, FALSE);
  g_task_set_task_data (worker, run, run_data_free);
  g_task_run_in_thread (worker, run_thread);
}

TendImportReport *
tend_importer_run_finish (TendImporter  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (TEND_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

