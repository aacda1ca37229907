/* tend-checkpointer.c: folding a workspace's write-ahead log into its file, in the background
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In WAL mode a commit appends the changed pages to the log, and a checkpoint later copies
 * them into the database file and flushes both to disk. SQLite's own policy runs that
 * checkpoint inside the commit that grows the log past a thousand pages, so the import of
 * a large file, or a full rescore, would wait for forty megabytes to be written twice and
 * synced before it could tell its result. A store hands the checkpoint to a thread with a
 * connection of its own instead; the commit is as safe either way (the log is what makes
 * it atomic), readers see the new rows at once, and a checkpoint cut short by the end of
 * the process is completed by the next one.
 */

#define G_LOG_DOMAIN "TendStore"

#include "config.h"

#include <sqlite3.h>

#include "tend-checkpointer.h"

struct _TendCheckpointer
{
  char    *path;
  GThread *thread;
  gint     running;
};

TendCheckpointer *
tend_checkpointer_new (const char *path)
{
  TendCheckpointer *self = g_new0 (TendCheckpointer, 1);

  self->path = g_strdup (path);

  return self;
}

/* A passive checkpoint copies what no reader still needs and never waits: what it leaves
 * is copied by the next one. A new connection knows the file is in WAL mode only once it
 * has read it, hence the first query. */
static gpointer
checkpoint_run (gpointer data)
{
  TendCheckpointer *self = data;
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA schema_version", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);

  if (rc != SQLITE_OK && rc != SQLITE_BUSY)
    g_warning ("Could not copy the write-ahead log into %s (the changes are safe in the log "
               "and will be copied later): %s", self->path,
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));

  sqlite3_close_v2 (db);
  g_atomic_int_set (&self->running, FALSE);

  return NULL;
}

/* Returns once the checkpoint running, if any, has finished. */
void
tend_checkpointer_wait (TendCheckpointer *self)
{
  if (self->thread == NULL)
    return;

  g_thread_join (self->thread);
  self->thread = NULL;
}

/**
 * tend_checkpointer_request:
 *
 * Starts a checkpoint on a thread of its own, unless one is running already.
 *
 * Returns: FALSE if no thread could be started, in which case the caller should
 *   checkpoint itself
 */
gboolean
tend_checkpointer_request (TendCheckpointer *self)
{
  g_autoptr(GError) error = NULL;

  if (self->thread != NULL)
    {
      if (g_atomic_int_get (&self->running))
        return TRUE;

      tend_checkpointer_wait (self);
    }

  g_atomic_int_set (&self->running, TRUE);
  self->thread = g_thread_try_new ("tend-checkpoint", checkpoint_run, self, &error);
  if (self->thread == NULL)
    {
      g_atomic_int_set (&self->running, FALSE);
      g_debug ("No thread for the checkpoint, the commit makes it: %s", error->message);
      return FALSE;
    }

  return TRUE;
}

void
tend_checkpointer_free (TendCheckpointer *self)
{
  tend_checkpointer_wait (self);
  g_free (self->path);
  g_free (self);
}
