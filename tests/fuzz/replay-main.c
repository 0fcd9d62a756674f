/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * replay-main.c: runs a libFuzzer target over files, for builds without
 * libFuzzer. Each argument is a file or a directory whose regular files are
 * replayed in name order; a crash or a failed assertion fails the test.
 */
#define G_LOG_DOMAIN "fuzz-replay"

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static guint
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree guint8 *copy = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, &error))
    g_error ("%s", error->message);
  /* An exact-size copy so that ASan/valgrind catch reads past the end. */
  copy = g_memdup2 (contents, len);
  g_debug ("%s (%" G_GSIZE_FORMAT " bytes)", path, len);
  LLVMFuzzerTestOneInput (len ? copy : (const guint8 *) "", len);
  return 1;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static guint
replay_path (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;
  guint n = 0;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return g_file_test (path, G_FILE_TEST_IS_REGULAR) ? replay_file (path) : 0;

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return 0;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    n += replay_path (g_ptr_array_index (names, i));
  return n;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s FILE-OR-DIR...\n", argv[0]);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    n += replay_path (argv[i]);
  printf ("replayed %u inputs\n", n);
  /* The corpus directory (first argument) must not be empty. */
  return n > 0 ? 0 : 1;
}
