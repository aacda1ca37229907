/* tend-import-pipeline.c: reading an import's rows on one thread, writing them on another
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading and checking a row (decoding, parsing money and dates, building its JSON) costs
 * about a third of what writing it into SQLite does, and one connection writes on one
 * thread only. So a reader thread fills packs of checked rows while the calling thread,
 * which owns the transaction, writes the packs before. A filled row changes places with a
 * spare one of the pack, so its texts are handed over rather than copied. A few packs go
 * round between the two, which bounds the memory an import takes, however long the file.
 *
 * Everything the session counts (rows read, rejected, the problems it reports) is the
 * reader's until it has ended: the writer learns from each pack how far the reader was.
 */

#define G_LOG_DOMAIN "TendImport"

#include "config.h"

#include "tend-import-pipeline.h"

/* Rows a pack holds, and the rows read before a pack is handed over even if few of them
 * were good, so that progress keeps being told. */
#define PACK_ROWS 256

/* Packs going round: one being filled, one being written, and some slack between. */
#define N_PACKS 4

typedef struct
{
  TendImportRow rows[PACK_ROWS];
  guint         n_rows;
  guint         n_read;
  guint64       offset;
  gboolean      last;
} RowPack;

typedef struct
{
  TendImportSession *session;
  GCancellable      *cancellable;
  GAsyncQueue       *filled;
  GAsyncQueue       *spare;
  gint               writer_failed;
  GError            *error;
  RowPack           *packs;
} Pipeline;

static void
pipeline_init (Pipeline          *p,
               TendImportSession *s,
               GCancellable      *cancellable)
{
  p->session = s;
  p->cancellable = cancellable;
  p->filled = g_async_queue_new ();
  p->spare = g_async_queue_new ();
  p->writer_failed = FALSE;
  p->error = NULL;
  p->packs = g_new0 (RowPack, N_PACKS);

  for (guint i = 0; i < N_PACKS; i++)
    {
      for (guint r = 0; r < PACK_ROWS; r++)
        tend_import_row_init (&p->packs[i].rows[r]);
      g_async_queue_push (p->spare, &p->packs[i]);
    }
}

static void
pipeline_clear (Pipeline *p)
{
  for (guint i = 0; i < N_PACKS; i++)
    for (guint r = 0; r < PACK_ROWS; r++)
      tend_import_row_clear (&p->packs[i].rows[r]);

  g_free (p->packs);
  g_async_queue_unref (p->filled);
  g_async_queue_unref (p->spare);
  g_clear_error (&p->error);
}

/* The session's row goes into the pack; the pack's spare row becomes the session's. */
static void
pack_take_row (RowPack           *pack,
               TendImportSession *s)
{
  TendImportRow spare = pack->rows[pack->n_rows];

  pack->rows[pack->n_rows++] = s->row;
  s->row = spare;
}

/* Reads one row into @pack if it is to be written. Returns FALSE at the end of the
 * reading: the end of the file, a failure (in p->error), a stop or a writer's failure. */
static gboolean
pipeline_read_row (Pipeline *p,
                   RowPack  *pack)
{
  TendImportSession *s = p->session;
  gboolean all_or_nothing = s->job->policy == TEND_IMPORT_POLICY_ALL_OR_NOTHING;
  TendImportRowResult result;

  if (g_atomic_int_get (&p->writer_failed) || g_cancellable_is_cancelled (p->cancellable))
    return FALSE;

  result = tend_import_session_next_row (s, &p->error);
  if (result == TEND_IMPORT_ROW_FAILED || result == TEND_IMPORT_ROW_END)
    return FALSE;

  /* Once an all-or-nothing import has a bad row, the rest is only checked. */
  if (result == TEND_IMPORT_ROW_VALID && !(all_or_nothing && s->n_rejected > 0))
    pack_take_row (pack, s);

  return TRUE;
}

static gpointer
pipeline_read (gpointer data)
{
  Pipeline *p = data;
  gboolean more = TRUE;

  while (more)
    {
      RowPack *pack = g_async_queue_pop (p->spare);

      pack->n_rows = 0;
      for (guint tries = 0; more && tries < PACK_ROWS; tries++)
        more = pipeline_read_row (p, pack);

      pack->n_read = p->session->n_read;
      pack->offset = tend_csv_reader_get_offset (p->session->reader);
      pack->last = !more;
      g_async_queue_push (p->filled, pack);
    }

  return NULL;
}

static gboolean
pipeline_write_pack (Pipeline          *p,
                     TendImportWriter  *w,
                     RowPack           *pack,
                     GError           **error)
{
  if (g_cancellable_set_error_if_cancelled (p->cancellable, error))
    return FALSE;

  for (guint r = 0; r < pack->n_rows; r++)
    {
      if (!tend_import_writer_write_row (w, &pack->rows[r], error))
        return FALSE;
    }

  return TRUE;
}

/* Writes the packs as they come; after a failure, only takes them until the reader has
 * seen it and ended, so that it never waits for a spare pack that does not come. */
static gboolean
pipeline_write (Pipeline                *p,
                TendImportWriter        *w,
                TendImportProgressFunc   progress,
                gpointer                 progress_data,
                GError                 **error)
{
  goffset size = tend_csv_reader_get_size (p->session->reader);
  gboolean ok = TRUE;
  gboolean last = FALSE;

  while (!last)
    {
      RowPack *pack = g_async_queue_pop (p->filled);

      if (ok && !pipeline_write_pack (p, w, pack, error))
        {
          ok = FALSE;
          g_atomic_int_set (&p->writer_failed, TRUE);
        }

      if (ok && progress != NULL)
        progress (pack->n_read, (goffset)pack->offset, size, progress_data);

      last = pack->last;
      g_async_queue_push (p->spare, pack);
    }

  return ok;
}

/**
 * tend_import_pipeline_run:
 *
 * Reads, checks and writes every row of the session's file, telling @progress as the
 * packs are written. A row the session rejects is reported through its problem sink and
 * not written. Call it inside the import's transaction; the session's counts are final
 * once it returns.
 *
 * Returns: FALSE if the file could not be read, a row could not be written, or the
 *   import was stopped
 */
gboolean
tend_import_pipeline_run (TendImportSession       *s,
                          TendImportWriter        *w,
                          GCancellable            *cancellable,
                          TendImportProgressFunc   progress,
                          gpointer                 progress_data,
                          GError                 **error)
{
  Pipeline p;
  GThread *reader;
  gboolean ok;

  pipeline_init (&p, s, cancellable);

  reader = g_thread_try_new ("tend-import-read", pipeline_read, &p, error);
  if (reader == NULL)
    {
      pipeline_clear (&p);
      return FALSE;
    }

  ok = pipeline_write (&p, w, progress, progress_data, error);
  g_thread_join (reader);

  if (ok && p.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&p.error));
      ok = FALSE;
    }

  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;

  pipeline_clear (&p);

  return ok;
}
