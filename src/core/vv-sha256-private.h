/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-sha256-private.h: SHA-256 of ledger files, with the x86 SHA
 * instructions where the processor has them (about five times faster than
 * GChecksum, which hashed a large ledger slower than it was imported), and
 * GChecksum elsewhere. The digests are the same.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint32    state[8];
  guint8     buf[64];
  gsize      buf_len;
  guint64    total;
  GChecksum *fallback;   /* when the instructions are missing */
} VvSha256;

gboolean _vv_sha256_accelerated (void);
void     _vv_sha256_init        (VvSha256     *sha,
                                 gboolean      allow_accel);
void     _vv_sha256_update      (VvSha256     *sha,
                                 const guint8 *data,
                                 gsize         len);
char    *_vv_sha256_finish      (VvSha256     *sha);

G_END_DECLS
