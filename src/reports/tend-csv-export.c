/* tend-csv-export.c: any list model exported as CSV columns, to a stream or safely to a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendReports"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/tend-store.h"
#include "tend-csv-export.h"

G_DEFINE_QUARK (tend-export-error-quark, tend_export_error)

/**
 * tend_csv_column_new:
 * @title: the header cell
 * @kind: the kind of the column's cells, which @cell may change cell by cell
 * @cell: makes the cell of one item
 * @destroy: (nullable): frees @user_data with the column
 */
TendCsvColumn *
tend_csv_column_new (const char      *title,
                     TendCsvCellKind  kind,
                     TendCsvCellFunc  cell,
                     gpointer         user_data,
                     GDestroyNotify   destroy)
{
  TendCsvColumn *column;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (cell != NULL, NULL);

  column = g_new0 (TendCsvColumn, 1);
  column->title = g_strdup (title);
  column->kind = kind;
  column->cell = cell;
  column->user_data = user_data;
  column->destroy = destroy;

  return column;
}

void
tend_csv_column_free (TendCsvColumn *column)
{
  if (column == NULL)
    return;

  if (column->destroy != NULL)
    column->destroy (column->user_data);
  g_free (column->title);
  g_free (column);
}

static gboolean
write_header (GPtrArray      *columns,
              TendCsvWriter  *writer,
              GCancellable   *cancellable,
              GError        **error)
{
  g_autofree const char **titles = g_new0 (const char *, columns->len + 1);

  for (guint i = 0; i < columns->len; i++)
    titles[i] = ((TendCsvColumn *)columns->pdata[i])->title;

  return tend_csv_writer_write_row (writer, titles, NULL, columns->len, cancellable, error);
}

static gboolean
write_item (GPtrArray        *columns,
            gpointer          item,
            TendCsvWriter    *writer,
            char            **cells,
            TendCsvCellKind  *kinds,
            GCancellable     *cancellable,
            GError          **error)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < columns->len && ok; i++)
    {
      TendCsvColumn *column = columns->pdata[i];
      GError *cell_error = NULL;

      kinds[i] = column->kind;
      cells[i] = column->cell (item, column->user_data, &kinds[i], &cell_error);
      if (cell_error != NULL)
        {
          g_propagate_error (error, cell_error);
          ok = FALSE;
        }
    }

  if (ok)
    ok = tend_csv_writer_write_row (writer, (const char *const *)cells, kinds, columns->len,
                                    cancellable, error);

  for (guint i = 0; i < columns->len; i++)
    g_clear_pointer (&cells[i], g_free);

  return ok;
}

/**
 * tend_csv_export_model:
 * @model: the items, in the order they are written
 * @columns: (element-type TendCsvColumn): the columns, in order
 *
 * Writes a header row of the column titles, then one row per item of @model.
 */
gboolean
tend_csv_export_model (GListModel     *model,
                       GPtrArray      *columns,
                       TendCsvWriter  *writer,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autofree char **cells = NULL;
  g_autofree TendCsvCellKind *kinds = NULL;
  guint n_items;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), FALSE);
  g_return_val_if_fail (columns != NULL, FALSE);
  g_return_val_if_fail (TEND_IS_CSV_WRITER (writer), FALSE);

  if (!write_header (columns, writer, cancellable, error))
    return FALSE;

  cells = g_new0 (char *, columns->len + 1);
  kinds = g_new0 (TendCsvCellKind, columns->len + 1);
  n_items = g_list_model_get_n_items (model);

  for (guint position = 0; position < n_items; position++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, position);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (item != NULL &&
          !write_item (columns, item, writer, cells, kinds, cancellable, error))
        return FALSE;
    }

  return TRUE;
}

/* Turns any failure into one message that names the file the user chose. Cancellation is
 * passed on as it is, so callers can tell it apart and stay quiet. */
static gboolean
export_failed (const char  *path,
               GError      *cause,
               GError     **error)
{
  int code = TEND_EXPORT_ERROR_WRITE;

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, cause);
      return FALSE;
    }

  if (cause->domain == TEND_STORE_ERROR ||
      g_error_matches (cause, TEND_EXPORT_ERROR, TEND_EXPORT_ERROR_READ))
    code = TEND_EXPORT_ERROR_READ;

  g_set_error (error, TEND_EXPORT_ERROR, code,
               /* Translators: "Could not export to <file>: <reason>" */
               _("Could not export to %s: %s"), path, cause->message);
  g_error_free (cause);

  return FALSE;
}

static gboolean
export_failed_errno (const char  *path,
                     int          saved_errno,
                     GError     **error)
{
  GError *cause = g_error_new_literal (G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                       g_strerror (saved_errno));

  return export_failed (path, cause, error);
}

/* Why a path that exists cannot be written over, or NULL when it is a regular file. */
static const char *
describe_not_a_file (mode_t mode)
{
  if (S_ISREG (mode))
    return NULL;
  if (S_ISDIR (mode))
    return _("it is a folder, not a file");
  if (S_ISCHR (mode))
    return _("it is a character device, not a file");
  if (S_ISBLK (mode))
    return _("it is a block device, not a file");
  if (S_ISFIFO (mode))
    return _("it is a named pipe (FIFO), not a file");
  if (S_ISSOCK (mode))
    return _("it is a socket, not a file");

  return _("it is not a regular file");
}

/* Whether @target is the workspace database or one of the files SQLite keeps beside it:
 * renaming an export over any of them would destroy the workspace. */
static gboolean
is_workspace_file (const GStatBuf *target,
                   TendStore      *workspace)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
  const char *database;

  if (workspace == NULL || (database = tend_store_get_path (workspace)) == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (database, suffixes[i], NULL);
      GStatBuf info;

      if (g_stat (path, &info) == 0 && info.st_dev == target->st_dev &&
          info.st_ino == target->st_ino)
        return TRUE;
    }

  return FALSE;
}

/* Follows the symbolic links of @path to the path they finally name, which need not exist
 * yet: the export replaces that file and leaves the links as they are. */
static char *
follow_links (const char  *path,
              GError     **error)
{
  g_autofree char *current = g_strdup (path);

  /* The same bound as the kernel's, so that a loop of links ends as it would there. */
  for (int depth = 0; depth < 40; depth++)
    {
      g_autofree char *target = NULL;
      g_autofree char *path_of_link = NULL;
      GStatBuf info;

      if (g_lstat (current, &info) != 0 || !S_ISLNK (info.st_mode))
        return g_steal_pointer (&current);

      target = g_file_read_link (current, error);
      if (target == NULL)
        return NULL;

      /* A relative link is read from the folder the link is in. */
      path_of_link = g_steal_pointer (&current);
      if (g_path_is_absolute (target))
        current = g_steal_pointer (&target);
      else
        {
          g_autofree char *folder = g_path_get_dirname (path_of_link);

          current = g_build_filename (folder, target, NULL);
        }
    }

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS, g_strerror (ELOOP));

  return NULL;
}

typedef struct
{
  char     *path;      /* the file to replace or create, after its links */
  gboolean  exists;
  GStatBuf  info;      /* the existing file's, when it exists */
} ExportTarget;

static void
export_target_clear (ExportTarget *target)
{
  g_free (target->path);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportTarget, export_target_clear)

static gboolean
refuse (const char  *path,
        int          code,
        const char  *reason,
        GError     **error)
{
  g_set_error (error, TEND_EXPORT_ERROR, code,
               /* Translators: "Could not export to <file>: <reason>" */
               _("Could not export to %s: %s"), path, reason);

  return FALSE;
}

/* Decides which file the export replaces, and refuses what must not be replaced: anything
 * that is not a regular file (a device, a pipe, a folder) and the open workspace. */
static gboolean
find_target (const char    *path,
             TendStore     *workspace,
             ExportTarget  *target,
             GError       **error)
{
  GError *cause = NULL;
  GStatBuf link_info;

  /* Stat follows every link, even the kernel's own such as /dev/stdout. */
  target->exists = g_stat (path, &target->info) == 0;
  if (!target->exists && errno != ENOENT)
    return export_failed_errno (path, errno, error);

  if (target->exists && describe_not_a_file (target->info.st_mode) != NULL)
    return refuse (path, TEND_EXPORT_ERROR_NOT_A_FILE, describe_not_a_file (target->info.st_mode),
                   error);

  if (target->exists && is_workspace_file (&target->info, workspace))
    return refuse (path, TEND_EXPORT_ERROR_WORKSPACE,
                   _("it is the workspace Tend has open; choose another file name"), error);

  target->path = follow_links (path, &cause);
  if (target->path == NULL)
    return export_failed (path, cause, error);

  /* A link whose text names no file (a deleted file behind /proc/self/fd) cannot be
   * replaced in place. */
  if (target->exists &&
      (g_lstat (target->path, &link_info) != 0 || link_info.st_dev != target->info.st_dev ||
       link_info.st_ino != target->info.st_ino))
    return refuse (path, TEND_EXPORT_ERROR_NOT_A_FILE,
                   _("it is a link to something that is not a file on disk"), error);

  return TRUE;
}

/* Gives the new file the mode and owner of the one it replaces. Only the superuser, or
 * an owner moving the file to another of their groups, may change the owner; when that is
 * refused the export belongs to whoever wrote it, as after any editor's save. */
static gboolean
copy_mode (int                  fd,
           const ExportTarget  *target)
{
  if (!target->exists)
    return TRUE;

  if ((target->info.st_uid != geteuid () || target->info.st_gid != getegid ()) &&
      fchown (fd, target->info.st_uid, target->info.st_gid) != 0)
    g_debug ("The export keeps its own owner: %s", g_strerror (errno));

  return fchmod (fd, target->info.st_mode & 0777) == 0;
}

/* Makes an empty hidden file beside the target, on the same file system so that the final
 * rename is atomic. A new export gets 0666 less the umask, as any new file; one that
 * replaces a file starts private and takes that file's mode before anything is written. */
static char *
create_temporary (const char          *path,
                  const ExportTarget  *target,
                  GError             **error)
{
  g_autofree char *folder = g_path_get_dirname (target->path);
  g_autofree char *name = g_path_get_basename (target->path);
  g_autofree char *template = g_strdup_printf ("%s%s.%s.XXXXXX", folder, G_DIR_SEPARATOR_S,
                                               name);
  int fd = g_mkstemp_full (template, O_WRONLY | O_CREAT | O_EXCL,
                           target->exists ? 0600 : 0666);

  if (fd < 0)
    {
      export_failed_errno (path, errno, error);
      return NULL;
    }

  if (!copy_mode (fd, target))
    {
      int saved_errno = errno;

      g_close (fd, NULL);
      g_unlink (template);
      export_failed_errno (path, saved_errno, error);
      return NULL;
    }

  g_close (fd, NULL);

  return g_steal_pointer (&template);
}

static gboolean
write_temporary (const char         *temporary,
                 TendCsvExportFunc   write_func,
                 gpointer            user_data,
                 GCancellable       *cancellable,
                 GError            **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (temporary);
  g_autoptr(GFileOutputStream) file_stream = NULL;
  g_autoptr(GOutputStream) buffered = NULL;

  file_stream = g_file_append_to (file, G_FILE_CREATE_NONE, cancellable, error);
  if (file_stream == NULL)
    return FALSE;

  buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (file_stream), 64 * 1024);

  if (!write_func (buffered, user_data, cancellable, error))
    {
      g_output_stream_close (buffered, NULL, NULL);
      return FALSE;
    }

  /* Closing flushes the buffer, so a full disk is usually only noticed here. */
  return g_output_stream_close (buffered, cancellable, error);
}

/**
 * tend_csv_export_to_file:
 * @file: the file to write; a local path
 * @workspace: (nullable): the open workspace, which the export must never replace
 * @write_func: writes the whole content into the stream it is given
 *
 * Writes into a hidden temporary file in the same folder and renames it over @file only
 * once everything was written, so a failed or cancelled export (a full disk, a folder
 * that went away) never leaves a half-written file and never damages an older one.
 *
 * An existing @file must be a regular file, and not @workspace's database or the files
 * SQLite keeps beside it: a device, a pipe or a folder is refused with
 * %TEND_EXPORT_ERROR_NOT_A_FILE, the workspace with %TEND_EXPORT_ERROR_WORKSPACE. When
 * @file is a symbolic link, the file it points to is replaced and the link kept. The
 * replaced file's permissions (and, where allowed, its owner) carry over; a new file gets
 * 0666 less the umask. Other errors are %TEND_EXPORT_ERROR_WRITE or _READ and name @file;
 * cancellation is %G_IO_ERROR_CANCELLED.
 *
 * The temporary file is not synced to disk before the rename: a power cut right after an
 * export may lose it, which is acceptable for a file the user can export again.
 */
gboolean
tend_csv_export_to_file (GFile              *file,
                         TendStore          *workspace,
                         TendCsvExportFunc   write_func,
                         gpointer            user_data,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_auto(ExportTarget) target = { NULL, FALSE, };
  g_autofree char *path = NULL;
  g_autofree char *temporary = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (workspace == NULL || TEND_IS_STORE (workspace), FALSE);
  g_return_val_if_fail (write_func != NULL, FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, TEND_EXPORT_ERROR, TEND_EXPORT_ERROR_WRITE,
                   _("Could not export to %s: Tend can only write files on this computer"),
                   uri);
      return FALSE;
    }

  if (!find_target (path, workspace, &target, error))
    return FALSE;

  temporary = create_temporary (path, &target, error);
  if (temporary == NULL)
    return FALSE;

  if (!write_temporary (temporary, write_func, user_data, cancellable, &local_error))
    {
      g_unlink (temporary);
      return export_failed (path, local_error, error);
    }

  if (g_rename (temporary, target.path) != 0)
    {
      int saved_errno = errno;

      g_unlink (temporary);
      return export_failed_errno (path, saved_errno, error);
    }

  return TRUE;
}
