/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-ledger-common.h: the checks shared by fuzz-csv.c and fuzz-kostra.c.
 *
 * Reads @data as a ledger of @format and checks what every caller relies on:
 * either an error in the ledger domain naming the file, or a stream of lines
 * with increasing line numbers, UTF-8 strings, plausible codes, and counts
 * that match the callbacks.
 */
#pragma once

#include <stdint.h>
#include <string.h>

#include "vv-ledger-reader.h"

typedef struct
{
  guint64 last_line;
  guint64 n_lines;
  guint64 n_rejects;
  gint64  sum;
} FuzzLedgerState;

static gboolean
fuzz_line_cb (const VvLedgerLine *line,
              gpointer            user_data)
{
  FuzzLedgerState *st = user_data;

  g_assert (line != NULL);
  g_assert_cmpuint (line->line_no, >, st->last_line);
  st->last_line = line->line_no;
  g_assert_cmpint (line->period, >=, 0);
  g_assert_cmpint (line->period, <=, 12);
  g_assert_cmpint (line->account_class, >=, -1);
  g_assert_cmpint (line->account_class, <=, 2);   /* 2: balance (KOSTRA kontoklasse 2) */
  g_assert_cmpuint (line->function, <, 1000);
  g_assert_cmpuint (line->art, <, 1000);
  g_assert (line->ansvar != NULL && g_utf8_validate (line->ansvar, -1, NULL));
  g_assert (line->text != NULL && g_utf8_validate (line->text, -1, NULL));
  g_assert (line->tjeneste == NULL || g_utf8_validate (line->tjeneste, -1, NULL));
  g_assert (line->raw != NULL);
  g_assert (g_utf8_validate (line->raw, (gssize) line->raw_len, NULL));
  st->n_lines++;
  /* Wrapping is fine here, the point is to touch every amount. */
  st->sum = (gint64) ((guint64) st->sum + (guint64) line->amount_ore);
  return TRUE;
}

static void
fuzz_reject_cb (guint64     line_no,
                const char *field,
                const char *message,
                gpointer    user_data)
{
  FuzzLedgerState *st = user_data;

  g_assert (message != NULL && g_utf8_validate (message, -1, NULL));
  g_assert (field == NULL || g_utf8_validate (field, -1, NULL));
  st->n_rejects++;
}

static void
fuzz_check_error (const GError *error)
{
  g_assert (error != NULL);
  g_assert (error->domain == VV_LEDGER_ERROR);
  g_assert (g_utf8_validate (error->message, -1, NULL));
  g_assert (strstr (error->message, "fuzz.csv") != NULL);
}

static void
fuzz_ledger (const uint8_t *data,
             size_t         size,
             VvLedgerFormat format)
{
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
  g_autoptr(GError) error = NULL;
  FuzzLedgerState st = { 0 };
  gboolean ok;

  vv_ledger_reader_set_format (reader, format);
  if (!vv_ledger_reader_detect_bytes (reader, (const char *) data, size, "fuzz.csv", &error))
    {
      g_debug ("%s", error->message);
      fuzz_check_error (error);
      return;
    }
  ok = vv_ledger_reader_read_bytes (reader, (const char *) data, size, "fuzz.csv",
                                    fuzz_line_cb, fuzz_reject_cb, NULL, &st, NULL, &error);
  if (!ok)
    {
      g_debug ("%s", error->message);
      fuzz_check_error (error);
      return;
    }
  g_assert_no_error (error);
  g_debug ("%" G_GUINT64_FORMAT " lines, %" G_GUINT64_FORMAT " rejected", st.n_lines, st.n_rejects);
  g_assert_cmpuint (vv_ledger_reader_get_lines_read (reader), ==, st.n_lines);
  g_assert_cmpuint (vv_ledger_reader_get_lines_rejected (reader), ==, st.n_rejects);
}
