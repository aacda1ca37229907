/* tend-store.c: the on-disk SQLite workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendStore"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tend-checkpointer.h"
#include "tend-schema.h"
#include "tend-store.h"

/* How many pages in the write-ahead log make a commit start a checkpoint: SQLite's own
 * threshold, about four megabytes. */
#define CHECKPOINT_PAGES 1000

struct _TendStore
{
  GObject     parent_instance;

  sqlite3          *db;
  char             *path;
  TendCheckpointer *checkpointer;
  GHashTable       *statements;
  GPtrArray        *pending_changes;
  int               schema_version;
  int               transaction_depth;
};

G_DEFINE_FINAL_TYPE (TendStore, tend_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (tend-store-error-quark, tend_store_error)

static void
tend_store_finalize (GObject *object)
{
  TendStore *self = (TendStore *)object;

  /* The last connection to close copies what is left of the log and removes it. */
  g_clear_pointer (&self->checkpointer, tend_checkpointer_free);

  /* Statements must be finalized before the connection can close. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->pending_changes, g_ptr_array_unref);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (tend_store_parent_class)->finalize (object);
}

static void
tend_store_class_init (TendStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tend_store_finalize;

  /**
   * TendStore::changed:
   * @what: which part of the workspace changed ("accounts", "scores", "milestones", ...)
   *
   * Emitted after a committed change, so that views can reload what they show. A change
   * announced inside a transaction is emitted once the outermost transaction commits, and
   * never if it is rolled back.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
tend_store_init (TendStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  self->pending_changes = g_ptr_array_new_with_free_func (g_free);
}

static int
store_error_code (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return TEND_STORE_ERROR_CORRUPT;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return TEND_STORE_ERROR_READ_ONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return TEND_STORE_ERROR_BUSY;
    case SQLITE_FULL:
    case SQLITE_IOERR:
      return TEND_STORE_ERROR_FULL;
    case SQLITE_CONSTRAINT:
      return TEND_STORE_ERROR_CONSTRAINT;
    case SQLITE_CANTOPEN:
      return TEND_STORE_ERROR_OPEN;
    default:
      return TEND_STORE_ERROR_FAILED;
    }
}

static const char *
store_error_advice (int code)
{
  switch (code)
    {
    case TEND_STORE_ERROR_CORRUPT:
      return _("The file is not a Tend workspace or it is damaged.");
    case TEND_STORE_ERROR_READ_ONLY:
      return _("The file or its folder cannot be written to.");
    case TEND_STORE_ERROR_BUSY:
      return _("Another program is using the workspace; try again in a moment.");
    case TEND_STORE_ERROR_FULL:
      return _("The disk may be full or failing; nothing was changed.");
    default:
      return "";
    }
}

/**
 * tend_store_set_error:
 * @doing: what was being done, in words a user understands
 *
 * Turns an SQLite result code into a #TendStoreError that says what failed, where,
 * and what the user can do about it.
 */
void
tend_store_set_error (TendStore  *self,
                      GError    **error,
                      int         rc,
                      const char *doing)
{
  int code = store_error_code (rc);
  const char *detail = self && self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  const char *where = self && self->path ? self->path : _("the workspace");
  const char *advice = store_error_advice (code);

  if (*advice == '\0')
    g_set_error (error, TEND_STORE_ERROR, code,
                 /* Translators: "Could not <doing> in <file>: <sqlite's words>." */
                 _("Could not %s in %s: %s."),
                 doing, where, detail);
  else
    g_set_error (error, TEND_STORE_ERROR, code,
                 /* Translators: "Could not <doing> in <file>: <sqlite's words>. <advice>" */
                 _("Could not %s in %s: %s. %s"),
                 doing, where, detail, advice);
}

/**
 * tend_store_default_path:
 *
 * Returns: the database the user works in: $TEND_DATABASE if set, else
 *   $XDG_DATA_HOME/tend/tend.db.
 */
char *
tend_store_default_path (void)
{
  const char *env = g_getenv (TEND_DATABASE_ENV);

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "tend", "tend.db", NULL);
}

gboolean
tend_store_exec (TendStore   *self,
                 const char  *sql,
                 GError     **error)
{
  g_autofree char *message = NULL;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      tend_store_set_error (self, error, rc, _("update the workspace"));
      sqlite3_free (message);
      message = NULL;
      return FALSE;
    }

  return TRUE;
}

/**
 * tend_store_prepare:
 *
 * Returns a prepared statement for @sql, compiled once and reused. The statement is
 * reset and its bindings cleared; it is owned by the store, so do not finalize it, and
 * do not use the same SQL text twice at once (nested loops need distinct statements).
 *
 * Returns: (transfer none) (nullable): the statement, or %NULL with @error set
 */
sqlite3_stmt *
tend_store_prepare (TendStore   *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      /* The caller gets the reason; a workspace whose schema was damaged by hand comes
       * here as well as a mistake in Tend's SQL. */
      g_debug ("Could not prepare statement: %s", sqlite3_errmsg (self->db));
      tend_store_set_error (self, error, rc, _("read the workspace"));
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);

  return stmt;
}

/**
 * tend_store_step_done:
 *
 * Runs a statement that returns no rows, then resets it.
 */
gboolean
tend_store_step_done (TendStore     *self,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      tend_store_set_error (self, error, rc, _("save to the workspace"));
      return FALSE;
    }

  return TRUE;
}

/**
 * tend_store_begin:
 *
 * Starts a transaction, or a savepoint inside one, so that engine functions that
 * change several rows can nest inside a caller's larger transaction.
 */
gboolean
tend_store_begin (TendStore  *self,
                  GError    **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);

  if (self->transaction_depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT tend_%d", self->transaction_depth);

  if (!tend_store_exec (self, sql, error))
    return FALSE;

  self->transaction_depth++;

  return TRUE;
}

static void
store_emit_pending_changes (TendStore *self)
{
  g_autoptr(GPtrArray) pending = g_steal_pointer (&self->pending_changes);

  /* A handler may start a transaction of its own, so it gets a fresh queue. */
  self->pending_changes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < pending->len; i++)
    {
      const char *what = g_ptr_array_index (pending, i);

      g_signal_emit (self, signals[CHANGED], g_quark_from_string (what), what);
    }
}

gboolean
tend_store_commit (TendStore  *self,
                   GError    **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  if (self->transaction_depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE tend_%d", self->transaction_depth - 1);

  if (!tend_store_exec (self, sql, error))
    {
      tend_store_rollback (self);
      return FALSE;
    }

  self->transaction_depth--;

  if (self->transaction_depth == 0)
    store_emit_pending_changes (self);

  return TRUE;
}

void
tend_store_rollback (TendStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (TEND_IS_STORE (self));

  if (self->transaction_depth == 0)
    return;

  self->transaction_depth--;

  /* Changes announced inside an inner savepoint stay pending: a needless reload is
   * harmless, a missed one is not. */
  if (self->transaction_depth == 0)
    g_ptr_array_set_size (self->pending_changes, 0);

  if (self->transaction_depth == 0)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO tend_%d; RELEASE tend_%d",
                           self->transaction_depth, self->transaction_depth);

  /* A failed rollback leaves SQLite to undo the transaction itself on close. */
  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
}

gboolean
tend_store_in_transaction (TendStore *self)
{
  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);

  return self->transaction_depth > 0;
}

static int
store_read_user_version (TendStore  *self,
                         GError    **error)
{
  sqlite3_stmt *stmt;
  int version = -1;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        version = sqlite3_column_int (stmt, 0);
    }
  sqlite3_finalize (stmt);

  if (version < 0 && rc == SQLITE_ROW)
    g_set_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_CORRUPT,
                 _("Could not open the workspace %s: its schema version %d is not one Tend "
                   "ever wrote, so it is damaged or not a Tend workspace."),
                 self->path, version);
  else if (version < 0)
    tend_store_set_error (self, error, rc, _("read the workspace"));

  return version;
}

static gboolean
store_apply_migration (TendStore  *self,
                       int         version,
                       GError    **error)
{
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version);
  int current;

  g_debug ("Migrating %s to schema version %d", self->path, version);

  if (!tend_store_begin (self, error))
    return FALSE;

  /* Another process opening the same new or old workspace may have migrated it between
   * this one's reading of the version and its taking of the write lock. */
  current = store_read_user_version (self, error);
  if (current < 0)
    {
      tend_store_rollback (self);
      return FALSE;
    }
  if (current >= version)
    return tend_store_commit (self, error);

  if (!tend_store_exec (self, tend_schema_migration (version), error) ||
      !tend_store_exec (self, bump, error))
    {
      tend_store_rollback (self);
      return FALSE;
    }

  return tend_store_commit (self, error);
}

/* Reads the schema version and refuses a newer one before anything is written: even
 * switching the journal mode rewrites the file header. Reading the schema table also
 * makes a damaged or foreign file fail here, on open, with its path in the message. */
static int
store_check_version (TendStore  *self,
                     GError    **error)
{
  int version = store_read_user_version (self, error);
  int rc;

  if (version < 0)
    return -1;

  rc = sqlite3_exec (self->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      tend_store_set_error (self, error, rc, _("read the workspace"));
      return -1;
    }

  if (version > TEND_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_TOO_NEW,
                   _("%s was saved by a newer version of Tend (schema %d; this version reads "
                     "up to %d). Update Tend to open it; the file was left untouched."),
                   self->path, version, TEND_STORE_SCHEMA_VERSION);
      return -1;
    }

  return version;
}

static gboolean
store_migrate (TendStore  *self,
               int         version,
               int         target,
               GError    **error)
{
  for (int next = version + 1; next <= target; next++)
    {
      if (!store_apply_migration (self, next, error))
        return FALSE;
    }

  self->schema_version = MAX (version, target);

  return TRUE;
}

/* Called by SQLite after each commit in WAL mode, on the committing thread, with the
 * pages the log now holds. It takes the place of SQLite's automatic checkpoint. */
static int
store_wal_hook (gpointer    data,
                sqlite3    *db,
                const char *name,
                int         n_pages)
{
  TendStore *self = data;

  if (n_pages >= CHECKPOINT_PAGES && !tend_checkpointer_request (self->checkpointer))
    sqlite3_wal_checkpoint_v2 (db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);

  return SQLITE_OK;
}

static gboolean
store_configure (TendStore  *self,
                 GError    **error)
{
  /* A read-only file cannot switch to WAL; reading it in its own journal mode is fine,
   * and the first write then fails with a clear read-only error. */
  if (sqlite3_db_readonly (self->db, "main") != 1)
    {
      if (!tend_store_exec (self, "PRAGMA journal_mode = WAL", error))
        return FALSE;

      self->checkpointer = tend_checkpointer_new (self->path);
      sqlite3_wal_hook (self->db, store_wal_hook, self);
    }

  /* A large import grows the write-ahead log to tens of megabytes; once copied into the
   * database it is cut back to this size rather than kept at its largest. */
  return tend_store_exec (self,
                          "PRAGMA journal_size_limit = 16777216;"
                          "PRAGMA foreign_keys = ON;"
                          "PRAGMA synchronous = NORMAL;"
                          "PRAGMA temp_store = MEMORY;"
                          "PRAGMA cache_size = -32768;",
                          error);
}

static gboolean
store_ensure_folder (const char  *path,
                     GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_OPEN,
                   _("Could not create the folder %s for the workspace: %s"),
                   folder, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* SQLite takes a short file that is not a database for an empty one and would write
 * over it; a file that has content must start as every SQLite database does. The header
 * is read through SQLite's own file handle: opening and closing the file separately
 * would drop every POSIX lock this process holds on it, and with them the protection of
 * the other connections that are already open. */
static gboolean
store_check_header (TendStore  *self,
                    GError    **error)
{
  static const char magic[16] = "SQLite format 3";
  char header[sizeof magic];
  sqlite3_file *file = NULL;
  sqlite3_int64 size = 0;

  if (sqlite3_file_control (self->db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK ||
      file == NULL || file->pMethods == NULL)
    return TRUE;

  if (file->pMethods->xFileSize (file, &size) != SQLITE_OK || size == 0)
    return TRUE;

  if (size >= (sqlite3_int64)sizeof header &&
      file->pMethods->xRead (file, header, sizeof header, 0) == SQLITE_OK &&
      memcmp (header, magic, sizeof magic) == 0)
    return TRUE;

  g_set_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_CORRUPT,
               _("Could not open the workspace %s: it is not a Tend workspace or it is "
                 "damaged. Choose another file, or restore this one from a backup."),
               self->path);

  return FALSE;
}

static TendStore *
store_open (const char  *path,
            int          version,
            gboolean     create,
            GError     **error)
{
  g_autoptr(TendStore) self = NULL;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  int current;
  int rc;

  if (!store_ensure_folder (path, error))
    return NULL;

  self = g_object_new (TEND_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      tend_store_set_error (self, error, rc, _("open the workspace"));
      return NULL;
    }

  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, 1);

  if (!store_check_header (self, error))
    return NULL;

  current = store_check_version (self, error);
  if (current < 0)
    return NULL;

  if (!store_configure (self, error) || !store_migrate (self, current, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * tend_store_open:
 * @path: the database file; created, with its folder, if missing
 *
 * Opens a workspace and brings its schema up to date. A file written by a newer Tend
 * is refused with %TEND_STORE_ERROR_TOO_NEW and left untouched.
 */
TendStore *
tend_store_open (const char  *path,
                 GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return store_open (path, TEND_STORE_SCHEMA_VERSION, TRUE, error);
}

/**
 * tend_store_open_at_version:
 *
 * Opens a workspace migrating it no further than @version. Tests use it to build the
 * databases that earlier versions of Tend wrote.
 */
TendStore *
tend_store_open_at_version (const char  *path,
                            int          version,
                            GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (version >= 0 && version <= TEND_STORE_SCHEMA_VERSION, NULL);

  return store_open (path, version, TRUE, error);
}

/**
 * tend_store_wait_for_checkpoint:
 *
 * Returns once the checkpoint that a commit started in the background, if any, has
 * finished: it copied into the database file what no reader still needed of the
 * write-ahead log as it was when it began. Closing the store waits too.
 */
void
tend_store_wait_for_checkpoint (TendStore *self)
{
  g_return_if_fail (TEND_IS_STORE (self));

  if (self->checkpointer != NULL)
    tend_checkpointer_wait (self->checkpointer);
}

/**
 * tend_store_open_sibling:
 *
 * Opens a second connection to the same workspace, for a worker thread: a connection
 * is only ever used from one thread at a time. A workspace whose file has gone since
 * (another process removed it) is an error, not a new empty workspace.
 */
TendStore *
tend_store_open_sibling (TendStore  *self,
                         GError    **error)
{
  g_return_val_if_fail (TEND_IS_STORE (self), NULL);

  return store_open (self->path, TEND_STORE_SCHEMA_VERSION, FALSE, error);
}

const char *
tend_store_get_path (TendStore *self)
{
  g_return_val_if_fail (TEND_IS_STORE (self), NULL);

  return self->path;
}

int
tend_store_get_schema_version (TendStore *self)
{
  g_return_val_if_fail (TEND_IS_STORE (self), 0);

  return self->schema_version;
}

sqlite3 *
tend_store_get_db (TendStore *self)
{
  g_return_val_if_fail (TEND_IS_STORE (self), NULL);

  return self->db;
}

char *
tend_store_get_setting (TendStore  *self,
                        const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (TEND_IS_STORE (self), NULL);

  stmt = tend_store_prepare (self, "SELECT value FROM settings WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

gboolean
tend_store_set_setting (TendStore   *self,
                        const char  *key,
                        const char  *value,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);

  stmt = tend_store_prepare (self,
                             "INSERT INTO settings (key, value) VALUES (?, ?) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);

  return tend_store_step_done (self, stmt, error);
}

static gboolean
store_change_is_pending (TendStore  *self,
                         const char *what)
{
  for (guint i = 0; i < self->pending_changes->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (self->pending_changes, i), what))
        return TRUE;
    }

  return FALSE;
}

/**
 * tend_store_emit_changed:
 * @what: the part that changed, also used as the signal's detail
 *
 * Announces a change. Inside a transaction the announcement waits for the outermost
 * commit (views must not reload data that may still be rolled back) and is made once
 * however often it was announced.
 */
void
tend_store_emit_changed (TendStore  *self,
                         const char *what)
{
  g_return_if_fail (TEND_IS_STORE (self));
  g_return_if_fail (what != NULL);

  if (self->transaction_depth > 0)
    {
      if (!store_change_is_pending (self, what))
        g_ptr_array_add (self->pending_changes, g_strdup (what));
      return;
    }

  g_signal_emit (self, signals[CHANGED], g_quark_from_string (what), what);
}
