/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-kostra.c: libFuzzer target for the KOSTRA fixed-width extract reader
 * (48-character records, see ../shared/domain/ledger-format.md).
 */
#define G_LOG_DOMAIN "fuzz-kostra"

#include "config.h"

#include <stdint.h>

#include "fuzz-ledger-common.h"
#include "vv-i18n.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static gboolean inited;

  if (!inited)
    {
      vv_i18n_init ("C");
      inited = TRUE;
    }
  if (size > 1 << 20)
    return 0;
  fuzz_ledger (data, size, VV_LEDGER_FORMAT_KOSTRA);
  return 0;
}
