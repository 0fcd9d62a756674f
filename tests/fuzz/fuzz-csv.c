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
#include "vv-ledger-reader-private.h"
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

static gboolean
split_line_cb (const VvLedgerLine *line,
               gpointer            user_data)
{
  g_string_append_printf (user_data, "%" G_GUINT64_FORMAT " %d %d %d %u %u %" G_GINT64_FORMAT
                          " [%s] [%.*s]\n", line->line_no, line->year, line->period,
                          line->account_class, line->function, line->art, line->amount_ore,
                          line->ansvar, line->region ? (int) line->region_len : 0,
                          line->region ? line->region : "");
  return TRUE;
}

static void
split_reject_cb (guint64     line_no,
                 const char *field,
                 const char *message,
                 gpointer    user_data)
{
  g_string_append_printf (user_data, "%" G_GUINT64_FORMAT " reject %s: %s\n", line_no,
                          field ? field : "-", message);
}

/* What a reader made of @data: the split's fields of every line, every
 * reject, the outcome and the counters. */
static GString *
read_for_split (const uint8_t *data,
                size_t         size,
                gboolean       split_only)
{
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);

  _vv_ledger_reader_set_split_only (reader, split_only);
  if (!vv_ledger_reader_detect_bytes (reader, (const char *) data, size, "fuzz.csv", &error))
    return out;
  if (!vv_ledger_reader_read_bytes (reader, (const char *) data, size, "fuzz.csv",
                                    split_line_cb, split_reject_cb, NULL, out, NULL, &error))
    g_string_append_printf (out, "error %d: %s\n", error->code, error->message);
  g_string_append_printf (out, "read %" G_GUINT64_FORMAT " rejected %" G_GUINT64_FORMAT
                          " skipped %" G_GUINT64_FORMAT " recoded %" G_GUINT64_FORMAT
                          " first %" G_GUINT64_FORMAT " service %" G_GUINT64_FORMAT " mode %d\n",
                          vv_ledger_reader_get_lines_read (reader),
                          vv_ledger_reader_get_lines_rejected (reader),
                          vv_ledger_reader_get_lines_skipped (reader),
                          vv_ledger_reader_get_lines_recoded (reader),
                          vv_ledger_reader_get_first_recoded_line (reader),
                          vv_ledger_reader_get_lines_service_code (reader),
                          (int) vv_ledger_reader_get_function_code (reader));
  return out;
}

/* Split-only reading (the feeder's one-pass scan and the lean record
 * reader) gives what the full reader gives, line for line. */
static void
fuzz_split_only (const uint8_t *data,
                 size_t         size)
{
  g_autoptr(GString) full = read_for_split (data, size, FALSE);
  g_autoptr(GString) lean = read_for_split (data, size, TRUE);

  g_assert_cmpstr (lean->str, ==, full->str);
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
  fuzz_split_only (data, size);
  return 0;
}
