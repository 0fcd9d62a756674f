/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-atomic-file.h: the one way files are saved: a temporary file in the
 * same folder, written and flushed to disk, then renamed over the target,
 * then the folder flushed. Either the whole new file is there afterwards or
 * the old one is untouched. Errors are in %G_FILE_ERROR.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  vv_atomic_file_write     (const char  *path,
                                    const void  *data,
                                    gsize        len,
                                    GError     **error);
char     *vv_atomic_file_new_temp  (const char  *path,
                                    GError     **error);
gboolean  vv_atomic_file_commit    (const char  *temp_path,
                                    const char  *path,
                                    GError     **error);

G_END_DECLS
