/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-csv.c: libFuzzer target for the general-ledger CSV reader (format
 * detection, encodings, quoting, header roles) and the amount parser.
 */
#define G_LOG_DOMAIN "fuzz-csv"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "fuzz-ledger-common.h"
#include "vv-i18n.h"
#include "vv-ledger-reader.h"
#include "vv-split.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* An amount that parses formats as kroner and parses back to the same øre. */
static void
fuzz_amount (const uint8_t *data,
             size_t         size)
{
  size_t len = MIN (size, 48);
  const char *nl = memchr (data, '\n', len);
  gint64 ore = 0;
  const char *reason = NULL;

  if (nl != NULL)
    len = (size_t) (nl - (const char *) data);
  for (guint m = 0; m < 2; m++)
    {
      char mark = m == 0 ? ',' : '.';

      if (vv_amount_parse ((const char *) data, len, mark, &ore, &reason))
        {
          g_autofree char *text = vv_format_kroner (ore);
          gint64 again = 0;

          g_assert_true (vv_amount_parse (text, strlen (text), ',', &again, &reason));
          g_assert_cmpint (again, ==, ore);
        }
      else
        g_assert (reason != NULL);
    }
}

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
  fuzz_amount (data, size);
  fuzz_ledger (data, size, VV_LEDGER_FORMAT_AUTO);
  return 0;
}
