/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-atomic-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "vv-atomic-file.h"

/* helpers */

static gboolean
set_errno_error (GError **error,
                 int      saved_errno)
{
  g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, MIN (len, (gsize) G_MAXSSIZE));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += n;
      len -= n;
    }
  return TRUE;
}

static gboolean
sync_fd (int fd)
{
  int rc;

  do
    rc = fsync (fd);
  while (rc != 0 && errno == EINTR);
  return rc == 0;
}

/* Makes the rename itself durable. Not every file system can fsync a
 * folder (some answer EINVAL); the file's own data is on disk by then. */
static void
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return;
  if (!sync_fd (fd))
    g_debug ("Cannot flush the folder %s: %s", dir, g_strerror (errno));
  g_close (fd, NULL);
}

static int
open_temp (const char  *path,
           char       **temp_path)
{
  g_autofree char *tmpl = g_strconcat (path, ".XXXXXX", NULL);
  int fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0666);

  if (fd >= 0)
    *temp_path = g_steal_pointer (&tmpl);
  return fd;
}

/* Flushes and closes @fd, renames @temp_path over @path and flushes the
 * folder; removes @temp_path on failure. */
static gboolean
finish (int          fd,
        const char  *temp_path,
        const char  *path,
        GError     **error)
{
  int saved;

  if (!sync_fd (fd))
    {
      saved = errno;
      g_close (fd, NULL);
      g_unlink (temp_path);
      return set_errno_error (error, saved);
    }
  if (close (fd) != 0 || g_rename (temp_path, path) != 0)
    {
      saved = errno;
      g_unlink (temp_path);
      return set_errno_error (error, saved);
    }
  sync_folder (path);
  return TRUE;
}

/* public API */

/**
 * vv_atomic_file_write:
 * @path: the file to write
 * @data: (array length=len) (nullable): the contents
 * @len: the length of @data
 * @error: return location for a #GError in %G_FILE_ERROR
 *
 * Writes @data to a temporary file next to @path, flushes it to disk,
 * renames it over @path and flushes the folder. Either the whole new file
 * is there afterwards or the old file, if any, is untouched, and no
 * temporary file is left behind.
 *
 * Returns: %TRUE on success
 */
gboolean
vv_atomic_file_write (const char  *path,
                      const void  *data,
                      gsize        len,
                      GError     **error)
{
  g_autofree char *temp_path = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  fd = open_temp (path, &temp_path);
  if (fd < 0)
    return set_errno_error (error, errno);
  if (!write_all (fd, data, len))
    {
      int saved = errno;

      g_close (fd, NULL);
      g_unlink (temp_path);
      return set_errno_error (error, saved);
    }
  return finish (fd, temp_path, path, error);
}

/**
 * vv_atomic_file_new_temp:
 * @path: the file that is to be written
 * @error: return location for a #GError in %G_FILE_ERROR
 *
 * Creates an empty temporary file next to @path, for writers that open
 * the file themselves (cairo, libxlsxwriter). Finish with
 * vv_atomic_file_commit(), or remove the file with g_unlink() to give up.
 *
 * Returns: (transfer full) (nullable): the temporary file's path
 */
char *
vv_atomic_file_new_temp (const char  *path,
                         GError     **error)
{
  char *temp_path = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  fd = open_temp (path, &temp_path);
  if (fd < 0)
    return set_errno_error (error, errno), NULL;
  g_close (fd, NULL);
  return temp_path;
}

/**
 * vv_atomic_file_commit:
 * @temp_path: a file made by vv_atomic_file_new_temp(), fully written
 * @path: the file to replace
 * @error: return location for a #GError in %G_FILE_ERROR
 *
 * Flushes @temp_path to disk, renames it over @path and flushes the
 * folder. On failure @temp_path is removed and @path is untouched.
 *
 * Returns: %TRUE on success
 */
gboolean
vv_atomic_file_commit (const char  *temp_path,
                       const char  *path,
                       GError     **error)
{
  int fd;

  g_return_val_if_fail (temp_path != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  fd = g_open (temp_path, O_RDWR | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_unlink (temp_path);
      return set_errno_error (error, saved);
    }
  return finish (fd, temp_path, path, error);
}
