/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers shared by the storage tests (test-db, test-export, …). */
#pragma once

#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <linux/fs.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

/* Makes @dir unwritable, also for root (who ignores modes): root gets the
 * ext4/tmpfs “immutable” flag. Returns FALSE if that is impossible here,
 * and the test should be skipped. */
static inline gboolean
test_set_dir_writable (const char *dir,
                       gboolean    writable)
{
  g_chmod (dir, writable ? 0700 : 0500);
  if (geteuid () == 0)
    {
      int fd = open (dir, O_RDONLY | O_DIRECTORY);
      int flags = 0;
      gboolean ok;

      if (fd < 0)
        return FALSE;
      ok = ioctl (fd, FS_IOC_GETFLAGS, &flags) == 0;
      if (writable)
        flags &= ~FS_IMMUTABLE_FL;
      else
        flags |= FS_IMMUTABLE_FL;
      ok = ok && ioctl (fd, FS_IOC_SETFLAGS, &flags) == 0;
      close (fd);
      return ok;
    }
  return TRUE;
}

static inline char *
test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("veiviser-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
test_rm_rf (const char *path)
{
  g_autofree char *argv_path = g_strdup (path);
  const char *argv[] = { "rm", "-rf", "--", argv_path, NULL };

  test_set_dir_writable (path, TRUE);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, NULL, NULL);
}

/* Overwrites one page in the middle of the SQLite file @path (closed, its
 * log checkpointed) with garbage, as a bad sector or a stray write would:
 * the header and the schema on page 1 stay readable. */
static inline void
test_damage_middle_page (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  guint page_size;
  gsize page;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >=, 100);
  page_size = ((guchar) contents[16] << 8) | (guchar) contents[17];
  if (page_size == 1)
    page_size = 65536;
  g_assert_cmpuint (len / page_size, >=, 3);
  page = len / page_size / 2;
  memset (contents + page * page_size, 0x5a, page_size);
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
}
