/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-ledger-chunks-private.h: the chunk codec of stored ledger lines and the
 * `ledger_lines` virtual table that decodes them, on a bare sqlite3 handle.
 * Used by the ledger store and by vv-db.c (which registers the table on each
 * connection and moves version-3 lines into chunks); it knows neither.
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* A stored line's id: (import id << 32) + line number, so that an import's
 * lines are one id range, and a chunk's id is its first line's. */
#define LINE_ROWID(import_id, line_no) (((gint64) (import_id) << 32) + (gint64) (line_no))
#define MAX_LINE_NO G_GINT64_CONSTANT (0xffffffff)

/* Chunked lines.
 *
 * An import's lines are stored up to CHUNK_LINES at a time, one
 * `ledger_chunks` row per chunk (see vv-db.c), because a row per line made
 * the SQLite inserts cost four times the reading of the file. The row's id
 * is the LINE_ROWID of its first line, last_line the number of its last.
 *
 * `recs` holds one record per line, in line order, of varints (7 bits a
 * byte, low bits first; signed values zigzag-coded): line number minus the
 * previous line's (the first line's: minus itself), year, period, account
 * class (signed), function, art, amount in øre (signed), raw length, then
 * for the ansvar and the text each: length and, if not 0, where it is: 1 +
 * its offset in the line's raw record, or 0 when it is not found there and
 * follows instead. `strings` holds each line's raw bytes followed by the
 * ansvar and text that did not occur in them. So a chunk is read from its
 * start; a million lines take 20 bytes a line besides the raw text.
 */
#define CHUNK_LINES 4096
#define CHUNK_MAX_STRINGS (8 << 20)
#define CHUNK_COLUMNS "id, n, recs, strings"

typedef struct
{
  sqlite3_stmt *insert;
  gint64        import_id;
  guint64       first_line;
  guint64       last_line;
  guint         n;
  GByteArray   *recs;
  GByteArray   *strings;
} VvLedgerChunkWriter;

typedef struct
{
  gint64        id;        /* LINE_ROWID of the first line */
  guint         n;
  const guint8 *recs;
  gsize         recs_len;
  const char   *strings;
  gsize         strings_len;
} VvLedgerChunk;

typedef struct
{
  guint64      line_no;
  int          year;
  int          period;
  int          account_class;
  guint        function;
  guint        art;
  gint64       amount_ore;
  const char  *ansvar;
  guint32      ansvar_len;
  const char  *text;
  guint32      text_len;
  const char  *raw;
  guint32      raw_len;
} VvLedgerChunkLine;

/* Reads a chunk's lines one after the other. */
typedef struct
{
  const VvLedgerChunk *chunk;
  guint        i;          /* lines read */
  gsize        rec_pos;
  gsize        str_pos;
  guint64      line_no;    /* of the last line read */
} VvLedgerChunkCursor;

int
_vv_ledger_chunk_writer_init (VvLedgerChunkWriter *w,
                              sqlite3             *handle,
                              gint64               import_id);

void
_vv_ledger_chunk_writer_clear (VvLedgerChunkWriter *w);

int
_vv_ledger_chunk_writer_flush (VvLedgerChunkWriter *w);

int
_vv_ledger_chunk_writer_add (VvLedgerChunkWriter *w,
                             guint64              line_no,
                             int                  year,
                             int                  period,
                             int                  account_class,
                             guint                function,
                             guint                art,
                             gint64               amount_ore,
                             const char          *ansvar,
                             gsize                ansvar_len,
                             const char          *text,
                             gsize                text_len,
                             const char          *raw,
                             gsize                raw_len);

gboolean
_vv_ledger_chunk_from_row (sqlite3_stmt  *stmt,
                           int            col,
                           VvLedgerChunk *chunk);

void
_vv_ledger_chunk_cursor_init (VvLedgerChunkCursor *cc,
                              const VvLedgerChunk *chunk);

gboolean
_vv_ledger_chunk_cursor_next (VvLedgerChunkCursor *cc,
                              VvLedgerChunkLine   *line);

int _vv_ledger_chunks_create_module (sqlite3 *handle);

G_END_DECLS
