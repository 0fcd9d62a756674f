/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-ledger.h: the shared vocabulary of ledger reading, storing and splitting.
 *
 * A ledger is read as a stream of VvLedgerLine records handed to a callback
 * (see vv-ledger-reader.h). The records borrow their strings from the reader's
 * buffers: copy what you keep. Amounts are always integer øre.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  VV_LEDGER_FORMAT_AUTO,
  VV_LEDGER_FORMAT_CSV,
  VV_LEDGER_FORMAT_KOSTRA,
} VvLedgerFormat;

typedef enum {
  VV_LEDGER_ENCODING_AUTO,
  VV_LEDGER_ENCODING_UTF8,
  VV_LEDGER_ENCODING_WINDOWS_1252,
} VvLedgerEncoding;

/* The unit of a file's amounts: kroner (with øre), or whole 1000 kr as in
 * KOSTRA extracts and SSB-style tables. */
typedef enum {
  VV_LEDGER_UNIT_AUTO,
  VV_LEDGER_UNIT_KR,
  VV_LEDGER_UNIT_THOUSANDS,
} VvLedgerUnit;

typedef struct {
  guint64      line_no;        /* 1-based physical line where the record starts */
  gint         year;           /* 0 when the line has no year */
  gint         period;         /* 1-12, 0 when unknown */
  gint         account_class;  /* 1 drift, 0 investering, 2 balanse, -1 unknown */
  guint        function;       /* KOSTRA function, e.g. 254; 0 when none */
  guint        art;            /* KOSTRA art (3 digits), 0 when none */
  gint64       amount_ore;     /* expenses positive, income negative */
  const char  *ansvar;         /* borrowed, "" when absent */
  const char  *tjeneste;       /* borrowed: the raw function/tjeneste code as in the file */
  const char  *text;           /* borrowed: Tekst/Beskrivelse, "" when absent */
  const char  *raw;            /* borrowed: the record as it stood in the file, UTF-8 */
  gsize        raw_len;
  const char  *art_code;       /* borrowed: the art as in the file ("1010", "11150"), or NULL */
  gint         quarter;        /* KOSTRA kvartal 1-4 (year to date), 0 for annual accounts */
  const char  *region;         /* borrowed: the region as in the file (region_len bytes, not
                                * NUL-ended, maybe blank), or NULL when there is none */
  gsize        region_len;
} VvLedgerLine;

/* Return FALSE to stop reading (treated as cancellation). */
typedef gboolean (*VvLedgerLineFunc)   (const VvLedgerLine *line,
                                        gpointer            user_data);

/* A line that could not be read: @field names the column (or NULL for the
 * whole line), @message is translated and names the problem. */
typedef void     (*VvLedgerRejectFunc) (guint64             line_no,
                                        const char         *field,
                                        const char         *message,
                                        gpointer            user_data);

/* Called now and then with bytes consumed so far and the file size. */
typedef void     (*VvLedgerProgressFunc) (guint64           done,
                                          guint64           total,
                                          gpointer          user_data);

/* Adds @amount to *@sum when the result stays inside ±G_MAXINT64 øre (the
 * range is kept symmetric so that a sum can always be negated); otherwise
 * leaves *@sum alone and returns FALSE. Every place that adds money uses
 * this: a wrapped sum is undefined behaviour and silently wrong money. */
static inline gboolean
vv_ore_add (gint64 *sum,
            gint64  amount)
{
  gint64 result;

  if (__builtin_add_overflow (*sum, amount, &result) || result == G_MININT64)
    return FALSE;
  *sum = result;
  return TRUE;
}

/* @part of @whole (> 0) in tenths of a percent, rounded half away from
 * zero; exact for every gint64 (part × 1000 is taken in 128 bits). */
static inline gint64
vv_ore_permille (gint64 part,
                 gint64 whole)
{
  __int128 scaled = (__int128) part * 1000;
  __int128 half = whole / 2;

  return (gint64) ((scaled + (part >= 0 ? half : -half)) / whole);
}

G_END_DECLS
