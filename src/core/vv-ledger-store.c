/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "vv-ledger-store-private.h"
#include "vv-ledger-store.h"
#include "vv-sha256-private.h"

G_DEFINE_QUARK (vv-ledger-store-error-quark, vv_ledger_store_error)

/* A stored line's id: (import id << 32) + line number, so that an import's
 * lines are one id range, and a chunk's id is its first line's. */
#define LINE_ROWID(import_id, line_no) (((gint64) (import_id) << 32) + (gint64) (line_no))
#define MAX_LINE_NO G_GINT64_CONSTANT (0xffffffff)
#define IMPORT_COLUMNS "id, file_name, sha256, size, format, layout_key, year, lines, rejected, created"

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
  VvDb         *db;
  sqlite3_stmt *insert;
  gint64        import_id;
  guint64       first_line;
  guint64       last_line;
  guint         n;
  GByteArray   *recs;
  GByteArray   *strings;
} ChunkWriter;

typedef struct
{
  gint64        id;        /* LINE_ROWID of the first line */
  guint         n;
  const guint8 *recs;
  gsize         recs_len;
  const char   *strings;
  gsize         strings_len;
} Chunk;

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
} ChunkLine;

/* Reads a chunk's lines one after the other. */
typedef struct
{
  const Chunk *chunk;
  guint        i;          /* lines read */
  gsize        rec_pos;
  gsize        str_pos;
  guint64      line_no;    /* of the last line read */
} ChunkCursor;

static inline guint8 *
put_varint (guint8  *p,
            guint64  v)
{
  while (v >= 0x80)
    {
      *p++ = (guint8) (v | 0x80);
      v >>= 7;
    }
  *p++ = (guint8) v;
  return p;
}

static inline guint64
zigzag (gint64 v)
{
  return ((guint64) v << 1) ^ (guint64) (v >> 63);
}

static inline gint64
unzigzag (guint64 v)
{
  return (gint64) (v >> 1) ^ -(gint64) (v & 1);
}

static gboolean
chunk_writer_init (ChunkWriter  *w,
                   VvDb         *db,
                   gint64        import_id,
                   GError      **error)
{
  memset (w, 0, sizeof *w);
  w->db = db;
  w->import_id = import_id;
  w->insert = vv_db_prepare (db, "INSERT INTO main.ledger_chunks (id, last_line, n, recs, strings) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (w->insert == NULL)
    return FALSE;
  w->recs = g_byte_array_sized_new (CHUNK_LINES * 24);
  w->strings = g_byte_array_sized_new (CHUNK_LINES * 96);
  return TRUE;
}

static void
chunk_writer_clear (ChunkWriter *w)
{
  g_clear_pointer (&w->insert, sqlite3_finalize);
  g_clear_pointer (&w->recs, g_byte_array_unref);
  g_clear_pointer (&w->strings, g_byte_array_unref);
}

static gboolean
chunk_writer_flush (ChunkWriter  *w,
                    GError      **error)
{
  sqlite3_stmt *s = w->insert;
  int rc;

  if (w->n == 0)
    return TRUE;
  sqlite3_bind_int64 (s, 1, LINE_ROWID (w->import_id, w->first_line));
  sqlite3_bind_int64 (s, 2, (sqlite3_int64) w->last_line);
  sqlite3_bind_int (s, 3, (int) w->n);
  sqlite3_bind_blob (s, 4, w->recs->data, (int) w->recs->len, SQLITE_STATIC);
  sqlite3_bind_blob (s, 5, w->strings->len > 0 ? (const void *) w->strings->data : "",
                     (int) w->strings->len, SQLITE_STATIC);
  rc = sqlite3_step (s);
  sqlite3_reset (s);
  g_byte_array_set_size (w->recs, 0);
  g_byte_array_set_size (w->strings, 0);
  w->n = 0;
  if (rc != SQLITE_DONE)
    return vv_db_set_error (w->db, rc, error);
  return TRUE;
}

/* memmem(), which needs _GNU_SOURCE */
static const char *
find_bytes (const char *hay,
            gsize       hay_len,
            const char *needle,
            gsize       len)
{
  const char *end = hay + hay_len;

  g_assert (len > 0);
  while (hay_len >= len)
    {
      const char *p = memchr (hay, needle[0], hay_len - len + 1);

      if (p == NULL)
        return NULL;
      if (memcmp (p, needle, len) == 0)
        return p;
      hay = p + 1;
      hay_len = end - hay;
    }
  return NULL;
}

/* Encodes where @s is: in @raw if it occurs there, else it is to follow. */
static guint8 *
put_string_ref (guint8     *p,
                const char *s,
                gsize       len,
                const char *raw,
                gsize       raw_len,
                gboolean   *follows)
{
  const char *found;

  *follows = FALSE;
  p = put_varint (p, len);
  if (len == 0)
    return p;
  found = find_bytes (raw, raw_len, s, len);
  if (found != NULL)
    return put_varint (p, (guint64) (found - raw) + 1);
  *follows = TRUE;
  return put_varint (p, 0);
}

/* Lines must come in increasing line order. */
static gboolean
chunk_writer_add (ChunkWriter   *w,
                  guint64        line_no,
                  int            year,
                  int            period,
                  int            account_class,
                  guint          function,
                  guint          art,
                  gint64         amount_ore,
                  const char    *ansvar,
                  gsize          ansvar_len,
                  const char    *text,
                  gsize          text_len,
                  const char    *raw,
                  gsize          raw_len,
                  GError       **error)
{
  guint8 rec[12 * 10];
  guint8 *p = rec;
  gboolean ansvar_follows, text_follows;

  if (w->n > 0 && (w->n >= CHUNK_LINES || w->strings->len >= CHUNK_MAX_STRINGS) &&
      !chunk_writer_flush (w, error))
    return FALSE;
  if (w->n == 0)
    w->first_line = w->last_line = line_no;
  g_assert (line_no >= w->last_line);

  p = put_varint (p, line_no - w->last_line);
  p = put_varint (p, zigzag (year));
  p = put_varint (p, zigzag (period));
  p = put_varint (p, zigzag (account_class));
  p = put_varint (p, function);
  p = put_varint (p, art);
  p = put_varint (p, zigzag (amount_ore));
  p = put_varint (p, raw_len);
  p = put_string_ref (p, ansvar, ansvar_len, raw, raw_len, &ansvar_follows);
  p = put_string_ref (p, text, text_len, raw, raw_len, &text_follows);
  g_byte_array_append (w->recs, rec, p - rec);

  g_byte_array_append (w->strings, (const guint8 *) raw, raw_len);
  if (ansvar_follows)
    g_byte_array_append (w->strings, (const guint8 *) ansvar, ansvar_len);
  if (text_follows)
    g_byte_array_append (w->strings, (const guint8 *) text, text_len);
  w->last_line = line_no;
  w->n++;
  return TRUE;
}

/* Reads the CHUNK_COLUMNS of a row starting at @col; the pointers live
 * until the statement moves on. FALSE if the row is damaged. */
static gboolean
chunk_from_row (sqlite3_stmt *stmt,
                int           col,
                Chunk        *chunk)
{
  int n = sqlite3_column_int (stmt, col + 1);

  chunk->id = sqlite3_column_int64 (stmt, col);
  chunk->recs = sqlite3_column_blob (stmt, col + 2);
  chunk->recs_len = sqlite3_column_bytes (stmt, col + 2);
  chunk->strings = sqlite3_column_blob (stmt, col + 3);
  chunk->strings_len = sqlite3_column_bytes (stmt, col + 3);
  if (n < 0 || (n > 0 && chunk->recs == NULL) || chunk->id < 0)
    return FALSE;
  chunk->n = n;
  return TRUE;
}

static void
chunk_cursor_init (ChunkCursor *cc,
                   const Chunk *chunk)
{
  cc->chunk = chunk;
  cc->i = 0;
  cc->rec_pos = 0;
  cc->str_pos = 0;
  cc->line_no = (guint64) (chunk->id & MAX_LINE_NO);
}

static inline gboolean
get_varint (ChunkCursor *cc,
            guint64     *v)
{
  const guint8 *p = cc->chunk->recs;
  gsize end = cc->chunk->recs_len;
  guint64 r = 0;

  for (int shift = 0; shift < 64 && cc->rec_pos < end; shift += 7)
    {
      guint8 b = p[cc->rec_pos++];

      r |= (guint64) (b & 0x7f) << shift;
      if (b < 0x80)
        {
          *v = r;
          return TRUE;
        }
    }
  return FALSE;
}

static inline gboolean
get_string_ref (ChunkCursor  *cc,
                const char   *raw,
                guint32       raw_len,
                const char  **s,
                guint32      *len)
{
  guint64 n, where;

  if (!get_varint (cc, &n) || n > G_MAXUINT32)
    return FALSE;
  *len = (guint32) n;
  *s = "";
  if (n == 0)
    return TRUE;
  if (!get_varint (cc, &where))
    return FALSE;
  if (where > 0)
    {
      if (where - 1 > raw_len || n > raw_len - (where - 1))
        return FALSE;
      *s = raw + (where - 1);
      return TRUE;
    }
  if (n > cc->chunk->strings_len - cc->str_pos)
    return FALSE;
  *s = cc->chunk->strings + cc->str_pos;
  cc->str_pos += n;
  return TRUE;
}

/* The next line of the chunk; FALSE if there is none or it is damaged
 * (which the caller tells apart by cc->i < chunk->n). */
static gboolean
chunk_cursor_next (ChunkCursor *cc,
                   ChunkLine   *line)
{
  guint64 delta, year, period, klass, function, art, amount, raw_len;

  if (cc->i >= cc->chunk->n)
    return FALSE;
  if (!get_varint (cc, &delta) || !get_varint (cc, &year) || !get_varint (cc, &period) ||
      !get_varint (cc, &klass) || !get_varint (cc, &function) || !get_varint (cc, &art) ||
      !get_varint (cc, &amount) || !get_varint (cc, &raw_len))
    return FALSE;
  if (delta > (guint64) MAX_LINE_NO - cc->line_no || raw_len > cc->chunk->strings_len - cc->str_pos ||
      function > G_MAXUINT || art > G_MAXUINT)
    return FALSE;
  line->line_no = cc->line_no + delta;
  line->year = (int) unzigzag (year);
  line->period = (int) unzigzag (period);
  line->account_class = (int) unzigzag (klass);
  line->function = (guint) function;
  line->art = (guint) art;
  line->amount_ore = unzigzag (amount);
  line->raw = raw_len > 0 ? cc->chunk->strings + cc->str_pos : "";
  line->raw_len = (guint32) raw_len;
  cc->str_pos += raw_len;
  if (!get_string_ref (cc, line->raw, line->raw_len, &line->ansvar, &line->ansvar_len) ||
      !get_string_ref (cc, line->raw, line->raw_len, &line->text, &line->text_len))
    return FALSE;
  cc->line_no = line->line_no;
  cc->i++;
  return TRUE;
}

static gboolean
set_corrupt_error (VvDb    *db,
                   GError **error)
{
  return vv_db_set_error (db, SQLITE_CORRUPT, error);
}

/* The `ledger_lines` table that SQL sees.
 *
 * A read-only virtual table in each connection's temp schema (it hides the
 * empty version-3 table of the same name in main), one row per stored
 * line, decoded from `ledger_chunks`: id (the LINE_ROWID, also the rowid),
 * year, period, ansvar, function, art, account_class, amount_ore, text,
 * raw. Constraints on id narrow the chunks read; rows come in id order. */

enum
{
  LINES_COL_ID,
  LINES_COL_YEAR,
  LINES_COL_PERIOD,
  LINES_COL_ANSVAR,
  LINES_COL_FUNCTION,
  LINES_COL_ART,
  LINES_COL_ACCOUNT_CLASS,
  LINES_COL_AMOUNT_ORE,
  LINES_COL_TEXT,
  LINES_COL_RAW,
};

/* idxNum bits: which bounds on id are passed to xFilter, in this order */
#define LINES_IDX_EQ 1
#define LINES_IDX_LOWER 2   /* >= (GT is turned into GE by xFilter) */
#define LINES_IDX_LOWER_GT 4
#define LINES_IDX_UPPER 8
#define LINES_IDX_UPPER_LT 16

typedef struct
{
  sqlite3_vtab  base;
  sqlite3      *handle;
} LinesTable;

typedef struct
{
  sqlite3_vtab_cursor base;
  sqlite3_stmt       *stmt;
  Chunk               chunk;
  ChunkCursor         cc;
  gboolean            have_chunk;
  ChunkLine           line;
  gint64              hi;
  gboolean            eof;
} LinesCursor;

static int
lines_connect (sqlite3             *handle,
               void                *aux,
               int                  argc,
               const char * const  *argv,
               sqlite3_vtab       **vtab,
               char               **err)
{
  LinesTable *table;
  int rc;

  rc = sqlite3_declare_vtab (handle, "CREATE TABLE x (id INTEGER, year INTEGER, period INTEGER, "
                                     "ansvar TEXT, function INTEGER, art INTEGER, "
                                     "account_class INTEGER, amount_ore INTEGER, text TEXT, raw TEXT)");
  if (rc != SQLITE_OK)
    return rc;
  table = sqlite3_malloc (sizeof *table);
  if (table == NULL)
    return SQLITE_NOMEM;
  memset (table, 0, sizeof *table);
  table->handle = handle;
  *vtab = &table->base;
  return SQLITE_OK;
}

static int
lines_disconnect (sqlite3_vtab *vtab)
{
  sqlite3_free (vtab);
  return SQLITE_OK;
}

static int
lines_best_index (sqlite3_vtab       *vtab,
                  sqlite3_index_info *info)
{
  int eq = -1, lower = -1, upper = -1;
  int idx = 0, argv_index = 0;

  for (int i = 0; i < info->nConstraint; i++)
    {
      const struct sqlite3_index_constraint *c = &info->aConstraint[i];

      if (!c->usable || (c->iColumn != LINES_COL_ID && c->iColumn != -1))
        continue;
      switch (c->op)
        {
        case SQLITE_INDEX_CONSTRAINT_EQ:
          eq = i;
          break;
        case SQLITE_INDEX_CONSTRAINT_GE:
        case SQLITE_INDEX_CONSTRAINT_GT:
          lower = i;
          break;
        case SQLITE_INDEX_CONSTRAINT_LE:
        case SQLITE_INDEX_CONSTRAINT_LT:
          upper = i;
          break;
        default:
          break;
        }
    }
  /* SQLite checks the constraints again (omit stays 0): the bounds only
   * narrow what is read. */
  if (eq >= 0)
    {
      idx = LINES_IDX_EQ;
      info->aConstraintUsage[eq].argvIndex = ++argv_index;
      info->estimatedCost = 10;
      info->estimatedRows = 1;
    }
  else
    {
      if (lower >= 0)
        {
          idx |= info->aConstraint[lower].op == SQLITE_INDEX_CONSTRAINT_GT
                 ? LINES_IDX_LOWER_GT : LINES_IDX_LOWER;
          info->aConstraintUsage[lower].argvIndex = ++argv_index;
        }
      if (upper >= 0)
        {
          idx |= info->aConstraint[upper].op == SQLITE_INDEX_CONSTRAINT_LT
                 ? LINES_IDX_UPPER_LT : LINES_IDX_UPPER;
          info->aConstraintUsage[upper].argvIndex = ++argv_index;
        }
      info->estimatedCost = argv_index == 2 ? 1e5 : argv_index == 1 ? 5e5 : 1e6;
      info->estimatedRows = argv_index == 2 ? 100000 : 1000000;
    }
  info->idxNum = idx;
  if (info->nOrderBy == 1 && !info->aOrderBy[0].desc &&
      (info->aOrderBy[0].iColumn == LINES_COL_ID || info->aOrderBy[0].iColumn == -1))
    info->orderByConsumed = 1;
  return SQLITE_OK;
}

static int
lines_open (sqlite3_vtab         *vtab,
            sqlite3_vtab_cursor **cursor)
{
  LinesCursor *cur = sqlite3_malloc (sizeof *cur);

  if (cur == NULL)
    return SQLITE_NOMEM;
  memset (cur, 0, sizeof *cur);
  cur->eof = TRUE;
  *cursor = &cur->base;
  return SQLITE_OK;
}

static int
lines_close (sqlite3_vtab_cursor *cursor)
{
  LinesCursor *cur = (LinesCursor *) cursor;

  sqlite3_finalize (cur->stmt);
  sqlite3_free (cur);
  return SQLITE_OK;
}

/* The bound @value as an integer, rounded towards the inside of the range
 * (@lower: up); FALSE if it is no number, so it cannot narrow the range. */
static gboolean
lines_bound (sqlite3_value *value,
             gboolean       lower,
             gint64        *out)
{
  switch (sqlite3_value_numeric_type (value))
    {
    case SQLITE_INTEGER:
      *out = sqlite3_value_int64 (value);
      return TRUE;
    case SQLITE_FLOAT:
      {
        double d = sqlite3_value_double (value);
        gint64 i;

        if (!(d > -9.2e18 && d < 9.2e18))
          return FALSE;
        i = (gint64) d;   /* towards zero; then round towards the inside */
        if (lower && (double) i < d)
          i++;
        else if (!lower && (double) i > d)
          i--;
        *out = i;
        return TRUE;
      }
    default:
      return FALSE;
    }
}

static int
lines_set_vtab_error (LinesCursor *cur,
                      int          rc)
{
  LinesTable *table = (LinesTable *) cur->base.pVtab;

  sqlite3_free (table->base.zErrMsg);
  table->base.zErrMsg = sqlite3_mprintf ("%s", rc == SQLITE_CORRUPT ? "damaged ledger chunk"
                                                                     : sqlite3_errmsg (table->handle));
  cur->eof = TRUE;
  return rc;
}

/* Moves to the next line, in this chunk or the next. */
static int
lines_settle (LinesCursor *cur)
{
  for (;;)
    {
      int rc;

      if (cur->have_chunk)
        {
          if (chunk_cursor_next (&cur->cc, &cur->line))
            {
              if ((cur->chunk.id & ~MAX_LINE_NO) + (gint64) cur->line.line_no > cur->hi)
                cur->eof = TRUE;
              return SQLITE_OK;
            }
          if (cur->cc.i < cur->chunk.n)
            return lines_set_vtab_error (cur, SQLITE_CORRUPT);
          cur->have_chunk = FALSE;
        }
      rc = sqlite3_step (cur->stmt);
      if (rc == SQLITE_DONE)
        {
          cur->eof = TRUE;
          return SQLITE_OK;
        }
      if (rc != SQLITE_ROW)
        return lines_set_vtab_error (cur, rc);
      if (!chunk_from_row (cur->stmt, 0, &cur->chunk))
        return lines_set_vtab_error (cur, SQLITE_CORRUPT);
      chunk_cursor_init (&cur->cc, &cur->chunk);
      cur->have_chunk = TRUE;
    }
}

static inline gint64
lines_rowid (LinesCursor *cur)
{
  return (cur->chunk.id & ~MAX_LINE_NO) + (gint64) cur->line.line_no;
}

static int
lines_filter (sqlite3_vtab_cursor  *cursor,
              int                   idx,
              const char           *idx_str,
              int                   argc,
              sqlite3_value       **argv)
{
  LinesCursor *cur = (LinesCursor *) cursor;
  LinesTable *table = (LinesTable *) cursor->pVtab;
  gint64 lo = G_MININT64, hi = G_MAXINT64, v;
  int arg = 0;
  int rc;

  cur->eof = FALSE;
  cur->have_chunk = FALSE;
  if (idx & LINES_IDX_EQ)
    {
      if (lines_bound (argv[arg], TRUE, &v))
        lo = hi = v;
      arg++;
    }
  if (idx & (LINES_IDX_LOWER | LINES_IDX_LOWER_GT))
    {
      if (lines_bound (argv[arg], TRUE, &v))
        {
          if ((idx & LINES_IDX_LOWER_GT) && v == G_MAXINT64)
            cur->eof = TRUE;
          lo = (idx & LINES_IDX_LOWER_GT) ? v + 1 : v;
        }
      arg++;
    }
  if (idx & (LINES_IDX_UPPER | LINES_IDX_UPPER_LT))
    {
      if (lines_bound (argv[arg], FALSE, &v))
        {
          if ((idx & LINES_IDX_UPPER_LT) && v == G_MININT64)
            cur->eof = TRUE;
          hi = (idx & LINES_IDX_UPPER_LT) ? v - 1 : v;
        }
      arg++;
    }
  g_assert (arg == argc);
  cur->hi = hi;
  if (cur->eof || lo > hi)
    {
      cur->eof = TRUE;
      return SQLITE_OK;
    }

  if (cur->stmt == NULL)
    {
      rc = sqlite3_prepare_v2 (table->handle,
                               "SELECT " CHUNK_COLUMNS " FROM main.ledger_chunks "
                               "WHERE id >= coalesce ((SELECT max (id) FROM main.ledger_chunks "
                               "                       WHERE id <= ?1), ?1) AND id <= ?2 ORDER BY id",
                               -1, &cur->stmt, NULL);
      if (rc != SQLITE_OK)
        return lines_set_vtab_error (cur, rc);
    }
  else
    sqlite3_reset (cur->stmt);
  sqlite3_bind_int64 (cur->stmt, 1, lo);
  sqlite3_bind_int64 (cur->stmt, 2, hi);
  rc = lines_settle (cur);
  /* skip the lines before @lo in the first chunk */
  while (rc == SQLITE_OK && !cur->eof && lines_rowid (cur) < lo)
    rc = lines_settle (cur);
  return rc;
}

static int
lines_next (sqlite3_vtab_cursor *cursor)
{
  return lines_settle ((LinesCursor *) cursor);
}

static int
lines_eof (sqlite3_vtab_cursor *cursor)
{
  return ((LinesCursor *) cursor)->eof;
}

static int
lines_column (sqlite3_vtab_cursor *cursor,
              sqlite3_context     *context,
              int                  col)
{
  LinesCursor *cur = (LinesCursor *) cursor;
  const ChunkLine *l = &cur->line;

  switch (col)
    {
    case LINES_COL_ID:
      sqlite3_result_int64 (context, lines_rowid (cur));
      break;
    case LINES_COL_YEAR:
      sqlite3_result_int (context, l->year);
      break;
    case LINES_COL_PERIOD:
      sqlite3_result_int (context, l->period);
      break;
    case LINES_COL_ANSVAR:
      sqlite3_result_text (context, l->ansvar, (int) l->ansvar_len, SQLITE_TRANSIENT);
      break;
    case LINES_COL_FUNCTION:
      sqlite3_result_int64 (context, l->function);
      break;
    case LINES_COL_ART:
      sqlite3_result_int64 (context, l->art);
      break;
    case LINES_COL_ACCOUNT_CLASS:
      sqlite3_result_int (context, l->account_class);
      break;
    case LINES_COL_AMOUNT_ORE:
      sqlite3_result_int64 (context, l->amount_ore);
      break;
    case LINES_COL_TEXT:
      sqlite3_result_text (context, l->text, (int) l->text_len, SQLITE_TRANSIENT);
      break;
    case LINES_COL_RAW:
      sqlite3_result_text (context, l->raw, (int) l->raw_len, SQLITE_TRANSIENT);
      break;
    default:
      sqlite3_result_null (context);
      break;
    }
  return SQLITE_OK;
}

static int
lines_rowid_cb (sqlite3_vtab_cursor *cursor,
                sqlite3_int64       *rowid)
{
  *rowid = lines_rowid ((LinesCursor *) cursor);
  return SQLITE_OK;
}

static const sqlite3_module lines_module = {
  .iVersion = 0,
  .xCreate = lines_connect,
  .xConnect = lines_connect,
  .xBestIndex = lines_best_index,
  .xDisconnect = lines_disconnect,
  .xDestroy = lines_disconnect,
  .xOpen = lines_open,
  .xClose = lines_close,
  .xFilter = lines_filter,
  .xNext = lines_next,
  .xEof = lines_eof,
  .xColumn = lines_column,
  .xRowid = lines_rowid_cb,
};

typedef struct
{
  VvDb         *db;
  ChunkWriter   chunks;
  sqlite3_stmt *insert_reject;
  gint64        import_id;
  GCancellable *cancellable;
  VvLedgerProgressFunc progress_func;
  gpointer      progress_data;
  GError       *error;          /* a database error met in a callback */
  guint64       lines;
  guint64       rejected;
  int           min_year;
  int           max_year;
} ImportContext;


/* helpers */

static const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);

  return dt != NULL ? g_date_time_format (dt, "%d.%m.%Y %H:%M") : g_strdup ("?");
}

typedef struct
{
  char         *path;
  char         *display_name;
  GCancellable *cancellable;   /* the caller's, nullable */
  GCancellable *stop;          /* ours: the result is no longer needed */
  char         *sha256;        /* out */
  gint64        size;          /* out */
  GError       *error;         /* out */
} HashJob;

static void
hash_job_free (HashJob *job)
{
  g_free (job->path);
  g_free (job->display_name);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->stop);
  g_free (job->sha256);
  g_clear_error (&job->error);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HashJob, hash_job_free)

/* The SHA-256 of the file's bytes, read in large chunks. Runs in the
 * calling thread or, during an import, in a thread of its own. */
static gpointer
hash_job_run (gpointer data)
{
  HashJob *job = data;
  g_autofree guchar *buf = g_malloc (1 << 20);
  VvSha256 sum;
  gint64 total = 0;
  int fd = g_open (job->path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (&job->error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_READ,
                   _("%s: cannot open the file: %s"), job->display_name, g_strerror (saved_errno));
      return NULL;
    }
  _vv_sha256_init (&sum, TRUE);
  for (;;)
    {
      gssize n = read (fd, buf, 1 << 20);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_free (_vv_sha256_finish (&sum));
          g_set_error (&job->error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_READ,
                       _("%s: cannot read the file: %s"), job->display_name, g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      _vv_sha256_update (&sum, buf, n);
      total += n;
      if (g_cancellable_set_error_if_cancelled (job->cancellable, &job->error) ||
          g_cancellable_set_error_if_cancelled (job->stop, &job->error))
        {
          close (fd);
          g_free (_vv_sha256_finish (&sum));
          return NULL;
        }
    }
  close (fd);
  job->size = total;
  job->sha256 = _vv_sha256_finish (&sum);
  return NULL;
}

static gboolean
same_size_imported (VvDb    *db,
                    gint64   size,
                    gboolean *found,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = vv_db_prepare (db, "SELECT 1 FROM imports WHERE size = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, size);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return vv_db_set_error (db, rc, error);
  *found = rc == SQLITE_ROW;
  return TRUE;
}

/* Refuses @sha256 when an import holds the same bytes; *@earlier is then
 * that import's id. */
static gboolean
check_duplicate (VvDb        *db,
                 const char  *sha256,
                 const char  *display_name,
                 gint64      *earlier,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = vv_db_prepare (db, "SELECT id, file_name, created FROM imports "
                                                    "WHERE sha256 = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *when = format_time (sqlite3_column_int64 (stmt, 2));

      *earlier = sqlite3_column_int64 (stmt, 0);
      g_set_error (error, VV_LEDGER_STORE_ERROR, VV_LEDGER_STORE_ERROR_DUPLICATE,
                   _("%s: this file was already imported on %s as import %lld (“%s”); delete that "
                     "import first to import it again."),
                   display_name, when, (long long) sqlite3_column_int64 (stmt, 0),
                   column_text (stmt, 1));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return vv_db_set_error (db, rc, error);
  return TRUE;
}

/* Sets the journal mode if it can be done at once (a connection other
 * than ours blocks it); returns whether the mode is now @mode. */
static gboolean
try_journal_mode (VvDb       *db,
                  const char *mode)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA journal_mode = %s", mode);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *handle = vv_db_get_handle (db);
  gboolean ok = FALSE;

  sqlite3_busy_timeout (handle, 0);
  stmt = vv_db_prepare (db, sql, NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), mode) == 0;
  sqlite3_busy_timeout (handle, VV_DB_BUSY_TIMEOUT_MS);
  return ok;
}

static gboolean
import_line_cb (const VvLedgerLine *line,
                gpointer            user_data)
{
  ImportContext *ctx = user_data;

  /* checked every 4096 lines: g_cancellable_is_cancelled takes a lock */
  if ((ctx->lines & 0xfff) == 0 && g_cancellable_is_cancelled (ctx->cancellable))
    return FALSE;

  if (line->line_no > (guint64) MAX_LINE_NO)
    {
      g_set_error (&ctx->error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_PARSE,
                   _("The file has more lines than can be stored (%llu)."),
                   (unsigned long long) line->line_no);
      return FALSE;
    }
  if (!chunk_writer_add (&ctx->chunks, line->line_no, line->year, line->period, line->account_class,
                         line->function, line->art, line->amount_ore,
                         line->ansvar != NULL ? line->ansvar : "",
                         line->ansvar != NULL ? strlen (line->ansvar) : 0,
                         line->text != NULL ? line->text : "",
                         line->text != NULL ? strlen (line->text) : 0,
                         line->raw != NULL ? line->raw : "", line->raw != NULL ? line->raw_len : 0,
                         &ctx->error))
    return FALSE;
  if (ctx->lines == 0 || line->year < ctx->min_year)
    ctx->min_year = line->year;
  if (ctx->lines == 0 || line->year > ctx->max_year)
    ctx->max_year = line->year;
  ctx->lines++;
  return TRUE;
}

static void
import_reject_cb (guint64     line_no,
                  const char *field,
                  const char *message,
                  gpointer    user_data)
{
  ImportContext *ctx = user_data;
  sqlite3_stmt *s = ctx->insert_reject;
  int rc;

  ctx->rejected++;
  if (ctx->error != NULL)
    return;
  sqlite3_bind_int64 (s, 2, (sqlite3_int64) line_no);
  sqlite3_bind_text (s, 3, field, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 4, message != NULL ? message : "", -1, SQLITE_STATIC);
  rc = sqlite3_step (s);
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    vv_db_set_error (ctx->db, rc, &ctx->error);
}

static void
import_progress_cb (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  ImportContext *ctx = user_data;

  if (ctx->progress_func != NULL)
    ctx->progress_func (done, total, ctx->progress_data);
}

static VvLedgerImport *
import_from_row (sqlite3_stmt *stmt)
{
  VvLedgerImport *import = g_new0 (VvLedgerImport, 1);

  import->id = sqlite3_column_int64 (stmt, 0);
  import->file_name = g_strdup (column_text (stmt, 1));
  import->sha256 = g_strdup (column_text (stmt, 2));
  import->size = sqlite3_column_int64 (stmt, 3);
  import->format = g_strdup (column_text (stmt, 4));
  import->layout_key = g_strdup (column_text (stmt, 5));
  import->year = sqlite3_column_int (stmt, 6);
  import->lines = sqlite3_column_int64 (stmt, 7);
  import->rejected = sqlite3_column_int64 (stmt, 8);
  import->created = sqlite3_column_int64 (stmt, 9);
  return import;
}


static VvStoredLine *
stored_line_new (gint64           import_id,
                 const ChunkLine *l)
{
  VvStoredLine *line = g_new0 (VvStoredLine, 1);

  line->import_id = import_id;
  line->line_no = l->line_no;
  line->year = l->year;
  line->period = l->period;
  line->ansvar = g_strndup (l->ansvar, l->ansvar_len);
  line->function = l->function;
  line->art = l->art;
  line->account_class = l->account_class;
  line->amount_ore = l->amount_ore;
  line->text = g_strndup (l->text, l->text_len);
  line->raw = g_strndup (l->raw, l->raw_len);
  return line;
}

static const char *
format_to_string (VvLedgerFormat format)
{
  switch (format)
    {
    case VV_LEDGER_FORMAT_CSV:
      return "csv";
    case VV_LEDGER_FORMAT_KOSTRA:
      return "kostra";
    case VV_LEDGER_FORMAT_AUTO:
    default:
      return "auto";
    }
}

static const char *
encoding_to_string (VvLedgerEncoding encoding)
{
  switch (encoding)
    {
    case VV_LEDGER_ENCODING_UTF8:
      return "utf-8";
    case VV_LEDGER_ENCODING_WINDOWS_1252:
      return "windows-1252";
    case VV_LEDGER_ENCODING_AUTO:
    default:
      return "auto";
    }
}

/* public API */

/**
 * vv_ledger_store_import:
 * @db: the database
 * @path: the ledger file
 * @reader: a reader, set up with vv_ledger_reader_detect() or explicit
 *   settings (it detects what is left on “auto” itself)
 * @progress_func: (scope call) (nullable): called now and then with bytes read
 * @progress_data: data for @progress_func
 * @cancellable: (nullable): a #GCancellable
 * @import_id: (out) (optional): the new import's id; with
 *   %VV_LEDGER_STORE_ERROR_DUPLICATE, the earlier import's
 * @error: return location for a #GError
 *
 * Reads @path and stores every readable line (with its raw text, for
 * drill-down) and every rejected line's reason, in one transaction: on an
 * error or cancellation the database is left as it was. A file whose
 * content (SHA-256) was imported before is refused with
 * %VV_LEDGER_STORE_ERROR_DUPLICATE naming the earlier import, whose id is
 * put in @import_id so that the caller can show it instead. Errors in
 * the file itself are in %VV_LEDGER_ERROR; cancellation gives
 * %G_IO_ERROR_CANCELLED or %VV_LEDGER_ERROR_CANCELLED.
 *
 * Returns: %TRUE on success
 */
gboolean
vv_ledger_store_import (VvDb                 *db,
                        const char           *path,
                        VvLedgerReader       *reader,
                        VvLedgerProgressFunc  progress_func,
                        gpointer              progress_data,
                        GCancellable         *cancellable,
                        gint64               *import_id,
                        GError              **error)
{
  g_autoptr(sqlite3_stmt) next_id = NULL;
  g_autoptr(sqlite3_stmt) insert_import = NULL;
  g_autoptr(sqlite3_stmt) insert_reject = NULL;
  g_autoptr(HashJob) job = g_new0 (HashJob, 1);
  GThread *hasher = NULL;
  ImportContext ctx = { 0, };
  GStatBuf st;
  gboolean maybe_duplicate = FALSE;
  gboolean rollback_journal = FALSE;
  gboolean ok;
  gint64 id;
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (VV_IS_LEDGER_READER (reader), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  job->path = g_strdup (path);
  job->display_name = g_filename_display_basename (path);
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  job->stop = g_cancellable_new ();

  /* The content hash decides whether the file was imported before. When no
   * earlier import has the same size it cannot be a duplicate, and the hash
   * is computed in a second thread while the lines are stored; otherwise it
   * is computed first, so that a duplicate is refused at once. */
  if (g_stat (path, &st) == 0 && !same_size_imported (db, st.st_size, &maybe_duplicate, error))
    return FALSE;
  if (maybe_duplicate)
    {
      hash_job_run (job);
      if (job->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&job->error));
          return FALSE;
        }
      gint64 earlier = 0;

      if (!check_duplicate (db, job->sha256, job->display_name, &earlier, error))
        {
          if (import_id != NULL)
            *import_id = earlier;
          return FALSE;
        }
    }
  else
    hasher = g_thread_new ("vv-ledger-hash", hash_job_run, job);

  /* When no other connection has the file open, the import is written with
   * a rollback journal instead of the write-ahead log: the new pages go to
   * the file once, instead of to the log and then again to the file at the
   * checkpoint, which took a third of a large import's time. It is just as
   * crash-safe: the journal holds the few pages the import changes, and
   * the pages it adds past the old end of the file are cut off again if it
   * does not commit. */
  if (!vv_db_in_transaction (db))
    rollback_journal = try_journal_mode (db, "delete");

  if (!vv_db_begin (db, error))
    goto out;

  /* A 16 MiB page cache (the default is 2 MiB) keeps the b-tree's inner
   * pages in memory; full pages spill to the log or the file as the import
   * goes on, so memory stays flat whatever the file's size (25 MB resident
   * for 1 M lines). */
  vv_db_exec (db, "PRAGMA cache_size = -16384", NULL);

  next_id = vv_db_prepare (db, "SELECT coalesce (max (id), 0) + 1 FROM imports", error);
  insert_import = vv_db_prepare (db, "INSERT INTO imports (id, file_name, sha256, size, format, "
                                     "layout_key, year, lines, rejected, created) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  insert_reject = vv_db_prepare (db, "INSERT INTO import_rejects (import_id, line_no, field, message) "
                                     "VALUES (?1, ?2, ?3, ?4)", error);
  if (next_id == NULL || insert_import == NULL || insert_reject == NULL)
    goto fail;
  /* The id is taken inside the write transaction, so no one else can take it. */
  rc = sqlite3_step (next_id);
  if (rc != SQLITE_ROW)
    {
      vv_db_set_error (db, rc, error);
      goto fail;
    }
  id = sqlite3_column_int64 (next_id, 0);
  sqlite3_reset (next_id);   /* an unfinished statement would pin the journal mode */

  ctx.db = db;
  ctx.import_id = id;
  ctx.cancellable = cancellable;
  if (!chunk_writer_init (&ctx.chunks, db, id, error))
    goto fail;
  ctx.insert_reject = insert_reject;
  ctx.progress_func = progress_func;
  ctx.progress_data = progress_data;
  sqlite3_bind_int64 (insert_reject, 1, id);

  ok = vv_ledger_reader_read (reader, path, import_line_cb, import_reject_cb, import_progress_cb,
                              &ctx, cancellable, error);
  if (ctx.error != NULL)
    {
      /* the database failed: that, not "cancelled", is the story */
      g_clear_error (error);
      g_propagate_error (error, g_steal_pointer (&ctx.error));
      goto fail;
    }
  if (!ok)
    {
      if (error != NULL && *error == NULL)
        g_cancellable_set_error_if_cancelled (cancellable, error);
      goto fail;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;
  if (!chunk_writer_flush (&ctx.chunks, error))
    goto fail;

  if (hasher != NULL)
    {
      g_thread_join (g_steal_pointer (&hasher));
      if (job->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&job->error));
          goto fail;
        }
      gint64 earlier = 0;

      if (!check_duplicate (db, job->sha256, job->display_name, &earlier, error))
        {
          if (import_id != NULL)
            *import_id = earlier;
          goto fail;
        }
    }

  sqlite3_bind_int64 (insert_import, 1, id);
  sqlite3_bind_text (insert_import, 2, job->display_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert_import, 3, job->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert_import, 4, job->size);
  sqlite3_bind_text (insert_import, 5, format_to_string (vv_ledger_reader_get_format (reader)), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (insert_import, 6, vv_ledger_reader_get_layout_key (reader), -1, SQLITE_TRANSIENT);
  if (ctx.lines > 0 && ctx.min_year == ctx.max_year && ctx.min_year > 0)
    sqlite3_bind_int (insert_import, 7, ctx.min_year);
  else
    sqlite3_bind_null (insert_import, 7);
  sqlite3_bind_int64 (insert_import, 8, ctx.lines);
  sqlite3_bind_int64 (insert_import, 9, ctx.rejected);
  sqlite3_bind_int64 (insert_import, 10, g_get_real_time ());
  rc = sqlite3_step (insert_import);
  if (rc != SQLITE_DONE)
    {
      vv_db_set_error (db, rc, error);
      goto fail;
    }
  if (!vv_db_commit (db, error))
    goto fail;

  vv_db_exec (db, "PRAGMA cache_size = -2000", NULL);
  chunk_writer_clear (&ctx.chunks);
  if (rollback_journal && !try_journal_mode (db, "wal"))
    g_debug ("%s: could not return to write-ahead logging yet", vv_db_get_path (db));
  g_debug ("stored %s as import %lld: %llu lines, %llu rejected", job->display_name,
           (long long) id, (unsigned long long) ctx.lines, (unsigned long long) ctx.rejected);
  if (import_id != NULL)
    *import_id = id;
  return TRUE;

fail:
  g_clear_error (&ctx.error);
  chunk_writer_clear (&ctx.chunks);
  vv_db_rollback (db);
  vv_db_exec (db, "PRAGMA cache_size = -2000", NULL);
out:
  if (rollback_journal && !try_journal_mode (db, "wal"))
    g_debug ("%s: could not return to write-ahead logging yet", vv_db_get_path (db));
  if (hasher != NULL)
    {
      /* stop the hashing thread early: its result is no longer needed */
      g_cancellable_cancel (job->stop);
      g_thread_join (hasher);
    }
  return FALSE;
}

typedef struct
{
  char                 *db_path;
  char                 *path;
  VvLedgerReader       *reader;
  VvLedgerProgressFunc  progress_func;
  gpointer              progress_data;
  GMainContext         *context;
  gint64                last_report;   /* worker thread only */
} ImportTaskData;

typedef struct
{
  GTask   *task;
  guint64  done;
  guint64  total;
} ProgressReport;

static void
import_task_data_free (ImportTaskData *data)
{
  g_free (data->db_path);
  g_free (data->path);
  g_clear_object (&data->reader);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data);
}

static void
progress_report_free (ProgressReport *report)
{
  g_object_unref (report->task);
  g_free (report);
}

static gboolean
deliver_progress_cb (gpointer user_data)
{
  ProgressReport *report = user_data;
  ImportTaskData *data = g_task_get_task_data (report->task);

  if (!g_task_get_completed (report->task))
    data->progress_func (report->done, report->total, data->progress_data);
  return G_SOURCE_REMOVE;
}

/* In the worker: pass progress on to the caller's main context, at most
 * ten times a second. */
static void
worker_progress_cb (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  GTask *task = user_data;
  ImportTaskData *data = g_task_get_task_data (task);
  gint64 now = g_get_monotonic_time ();
  ProgressReport *report;

  if (done < total && now - data->last_report < G_USEC_PER_SEC / 10)
    return;
  data->last_report = now;
  report = g_new0 (ProgressReport, 1);
  report->task = g_object_ref (task);
  report->done = done;
  report->total = total;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, deliver_progress_cb, report,
                              (GDestroyNotify) progress_report_free);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportTaskData *data = task_data;
  g_autoptr(VvDb) db = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  /* each thread has its own connection */
  db = vv_db_open (data->db_path, &error);
  if (db == NULL ||
      !vv_ledger_store_import (db, data->path, data->reader,
                               data->progress_func != NULL ? worker_progress_cb : NULL, task,
                               cancellable, &id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_memdup2 (&id, sizeof id), g_free);
}

/**
 * vv_ledger_store_import_async:
 * @db_path: (nullable): the database file (vv_db_get_path()), or %NULL for the default
 * @path: the ledger file
 * @reader: the reader to use; do not touch it until the import has finished
 * @progress_func: (scope notified) (nullable): called in the thread-default
 *   main context of the caller, at most ten times a second
 * @progress_data: data for @progress_func; must stay valid until @callback runs
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the import is done
 * @user_data: data for @callback
 *
 * Runs vv_ledger_store_import() in a worker thread with a database
 * connection of its own. Finish with vv_ledger_store_import_finish().
 */
void
vv_ledger_store_import_async (const char           *db_path,
                              const char           *path,
                              VvLedgerReader       *reader,
                              VvLedgerProgressFunc  progress_func,
                              gpointer              progress_data,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportTaskData *data;

  g_return_if_fail (path != NULL);
  g_return_if_fail (VV_IS_LEDGER_READER (reader));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ImportTaskData, 1);
  data->db_path = db_path != NULL ? g_strdup (db_path) : vv_db_get_default_path ();
  data->path = g_strdup (path);
  data->reader = g_object_ref (reader);
  data->progress_func = progress_func;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, vv_ledger_store_import_async);
  g_task_set_task_data (task, data, (GDestroyNotify) import_task_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, import_thread);
}

/**
 * vv_ledger_store_import_finish:
 * @result: the #GAsyncResult
 * @import_id: (out) (optional): the new import's id
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; errors as for vv_ledger_store_import() and
 *   vv_db_open()
 */
gboolean
vv_ledger_store_import_finish (GAsyncResult  *result,
                               gint64        *import_id,
                               GError       **error)
{
  g_autofree gint64 *id = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == vv_ledger_store_import_async, FALSE);

  id = g_task_propagate_pointer (G_TASK (result), error);
  if (id == NULL)
    return FALSE;
  if (import_id != NULL)
    *import_id = *id;
  return TRUE;
}

/**
 * vv_ledger_store_list_imports:
 * @db: the database
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable) (element-type VvLedgerImport): all
 *   imports, newest first
 */
GPtrArray *
vv_ledger_store_list_imports (VvDb    *db,
                              GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) vv_ledger_import_free);
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), NULL);

  stmt = vv_db_prepare (db, "SELECT " IMPORT_COLUMNS " FROM imports ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, import_from_row (stmt));
  if (rc != SQLITE_DONE)
    return vv_db_set_error (db, rc, error), NULL;
  return g_steal_pointer (&list);
}

/**
 * vv_ledger_store_get_import:
 * @db: the database
 * @import_id: the import
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the import
 */
VvLedgerImport *
vv_ledger_store_get_import (VvDb    *db,
                            gint64   import_id,
                            GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), NULL);

  stmt = vv_db_prepare (db, "SELECT " IMPORT_COLUMNS " FROM imports WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, import_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return import_from_row (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, VV_LEDGER_STORE_ERROR, VV_LEDGER_STORE_ERROR_NOT_FOUND,
                   _("Import %lld was not found."), (long long) import_id);
      return NULL;
    }
  return vv_db_set_error (db, rc, error), NULL;
}

/**
 * vv_ledger_store_delete_import:
 * @db: the database
 * @import_id: the import
 * @error: return location for a #GError
 *
 * Deletes an import with its lines and rejects.
 *
 * Returns: %TRUE on success
 */
gboolean
vv_ledger_store_delete_import (VvDb    *db,
                               gint64   import_id,
                               GError **error)
{
  g_autoptr(sqlite3_stmt) lines = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), FALSE);

  if (!vv_db_begin (db, error))
    return FALSE;
  lines = vv_db_prepare (db, "DELETE FROM main.ledger_chunks WHERE id BETWEEN ?1 AND ?2", error);
  stmt = vv_db_prepare (db, "DELETE FROM imports WHERE id = ?1", error);
  if (lines == NULL || stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (lines, 1, LINE_ROWID (import_id, 0));
  sqlite3_bind_int64 (lines, 2, LINE_ROWID (import_id, MAX_LINE_NO));
  rc = sqlite3_step (lines);
  if (rc != SQLITE_DONE)
    {
      vv_db_set_error (db, rc, error);
      goto fail;
    }
  sqlite3_bind_int64 (stmt, 1, import_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      vv_db_set_error (db, rc, error);
      goto fail;
    }
  if (sqlite3_changes (vv_db_get_handle (db)) == 0)
    {
      g_set_error (error, VV_LEDGER_STORE_ERROR, VV_LEDGER_STORE_ERROR_NOT_FOUND,
                   _("Import %lld was not found."), (long long) import_id);
      goto fail;
    }
  return vv_db_commit (db, error) || (vv_db_rollback (db), FALSE);

fail:
  vv_db_rollback (db);
  return FALSE;
}

/**
 * vv_ledger_store_get_lines:
 * @db: the database
 * @import_id: the import
 * @line_nos: (array length=n_line_nos): physical line numbers in the file
 * @n_line_nos: the number of @line_nos
 * @error: return location for a #GError
 *
 * Fetches stored lines for drill-down, in the order asked for. Line numbers
 * that were not stored (rejected lines, blank lines, the header) are left out.
 *
 * Returns: (transfer full) (nullable) (element-type VvStoredLine): the lines
 */
GPtrArray *
vv_ledger_store_get_lines (VvDb           *db,
                           gint64          import_id,
                           const guint64  *line_nos,
                           guint           n_line_nos,
                           GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) vv_stored_line_free);
  gboolean have_chunk = FALSE;
  gboolean have_line = FALSE;
  guint64 chunk_last = 0;
  Chunk chunk = { 0, };
  ChunkCursor cc = { 0, };
  ChunkLine l = { 0, };

  g_return_val_if_fail (VV_IS_DB (db), NULL);
  g_return_val_if_fail (line_nos != NULL || n_line_nos == 0, NULL);

  /* The chunk holding a line is the one with the greatest id at or below
   * the line's id. It stays current while the next line asked for is in
   * it too, and is read on from the last line found while the lines come
   * in order, which is the usual case. */
  stmt = vv_db_prepare (db, "SELECT " CHUNK_COLUMNS ", last_line FROM main.ledger_chunks "
                            "WHERE id BETWEEN ?1 AND ?2 ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < n_line_nos; i++)
    {
      guint64 line_no = line_nos[i];

      if (line_no > (guint64) MAX_LINE_NO)
        continue;
      if (!have_chunk || line_no < (guint64) (chunk.id & MAX_LINE_NO) || line_no > chunk_last)
        {
          int rc;

          sqlite3_reset (stmt);
          have_chunk = have_line = FALSE;
          sqlite3_bind_int64 (stmt, 1, LINE_ROWID (import_id, 0));
          sqlite3_bind_int64 (stmt, 2, LINE_ROWID (import_id, line_no));
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_DONE)
            continue;
          if (rc != SQLITE_ROW)
            return vv_db_set_error (db, rc, error), NULL;
          if (!chunk_from_row (stmt, 0, &chunk))
            return set_corrupt_error (db, error), NULL;
          chunk_last = (guint64) sqlite3_column_int64 (stmt, 4);
          have_chunk = TRUE;
          chunk_cursor_init (&cc, &chunk);
        }
      else if (have_line && line_no < l.line_no)
        {
          chunk_cursor_init (&cc, &chunk);
          have_line = FALSE;
        }
      while (!have_line || l.line_no < line_no)
        {
          if (cc.i >= chunk.n)
            break;
          if (!chunk_cursor_next (&cc, &l))
            return set_corrupt_error (db, error), NULL;
          have_line = TRUE;
        }
      if (have_line && l.line_no == line_no)
        g_ptr_array_add (lines, stored_line_new (import_id, &l));
    }
  return g_steal_pointer (&lines);
}

/**
 * vv_ledger_store_get_rejects:
 * @db: the database
 * @import_id: the import
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable) (element-type VvStoredReject): the
 *   lines that could not be read, by line number
 */
GPtrArray *
vv_ledger_store_get_rejects (VvDb    *db,
                             gint64   import_id,
                             GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) vv_stored_reject_free);
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), NULL);

  stmt = vv_db_prepare (db, "SELECT line_no, field, message FROM import_rejects "
                            "WHERE import_id = ?1 ORDER BY line_no, rowid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, import_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      VvStoredReject *r = g_new0 (VvStoredReject, 1);

      r->line_no = sqlite3_column_int64 (stmt, 0);
      r->field = g_strdup (column_text (stmt, 1));
      r->message = g_strdup (column_text (stmt, 2));
      g_ptr_array_add (list, r);
    }
  if (rc != SQLITE_DONE)
    return vv_db_set_error (db, rc, error), NULL;
  return g_steal_pointer (&list);
}

/**
 * vv_ledger_store_foreach_line:
 * @db: the database
 * @import_id: the import
 * @line_func: (scope call): called for each stored line, in file order;
 *   return %FALSE to stop
 * @user_data: data for @line_func
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Replays a stored import as #VvLedgerLine records, so that the split can
 * be computed without the original file. The records' strings are only
 * valid during the call.
 *
 * Returns: %TRUE if every line was handed over
 */
gboolean
vv_ledger_store_foreach_line (VvDb              *db,
                              gint64             import_id,
                              VvLedgerLineFunc   line_func,
                              gpointer           user_data,
                              GCancellable      *cancellable,
                              GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) ansvar = g_string_sized_new (32);
  g_autoptr(GString) text = g_string_sized_new (256);
  g_autoptr(GString) raw = g_string_sized_new (1024);
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), FALSE);
  g_return_val_if_fail (line_func != NULL, FALSE);

  stmt = vv_db_prepare (db, "SELECT " CHUNK_COLUMNS " FROM main.ledger_chunks "
                            "WHERE id BETWEEN ?1 AND ?2 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, LINE_ROWID (import_id, 0));
  sqlite3_bind_int64 (stmt, 2, LINE_ROWID (import_id, MAX_LINE_NO));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Chunk chunk;
      ChunkCursor cc;

      if (!chunk_from_row (stmt, 0, &chunk))
        return set_corrupt_error (db, error);
      chunk_cursor_init (&cc, &chunk);
      for (guint i = 0; i < chunk.n; i++)
        {
          VvLedgerLine line = { 0, };
          ChunkLine l;

          if (!chunk_cursor_next (&cc, &l))
            return set_corrupt_error (db, error);
          /* the callback gets NUL-terminated strings */
          g_string_truncate (ansvar, 0);
          g_string_append_len (ansvar, l.ansvar, l.ansvar_len);
          g_string_truncate (text, 0);
          g_string_append_len (text, l.text, l.text_len);
          g_string_truncate (raw, 0);
          g_string_append_len (raw, l.raw, l.raw_len);
          line.line_no = l.line_no;
          line.year = l.year;
          line.period = l.period;
          line.ansvar = ansvar->str;
          line.function = l.function;
          line.art = l.art;
          line.account_class = l.account_class;
          line.amount_ore = l.amount_ore;
          line.text = text->str;
          line.raw = raw->str;
          line.raw_len = raw->len;
          line.tjeneste = "";
          if (!line_func (&line, user_data) ||
              ((i & 0xff) == 0 && g_cancellable_is_cancelled (cancellable)))
            {
              if (!g_cancellable_set_error_if_cancelled (cancellable, error))
                g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_CANCELLED, _("Stopped."));
              return FALSE;
            }
        }
    }
  if (rc != SQLITE_DONE)
    return vv_db_set_error (db, rc, error);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return TRUE;
}

/* private API, for vv-db.c */

/*
 * _vv_ledger_store_register_lines_table:
 *
 * Makes `ledger_lines` (the lines decoded from their chunks) visible to
 * SQL on @db's connection; vv_db_open() calls it on every connection.
 */
gboolean
_vv_ledger_store_register_lines_table (VvDb    *db,
                                       GError **error)
{
  int rc;

  rc = sqlite3_create_module_v2 (vv_db_get_handle (db), "vv_ledger_lines", &lines_module, NULL, NULL);
  if (rc != SQLITE_OK)
    return vv_db_set_error (db, rc, error);
  return vv_db_exec (db, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.ledger_lines USING vv_ledger_lines",
                     error);
}

/*
 * _vv_ledger_store_upgrade_lines:
 *
 * Moves the lines of a version-3 file (one main.ledger_lines row each)
 * into chunks. Runs inside the migration's transaction.
 */
gboolean
_vv_ledger_store_upgrade_lines (VvDb    *db,
                                GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  ChunkWriter w;
  gint64 import_id = -1;
  int rc;

  stmt = vv_db_prepare (db, "SELECT id, year, period, ansvar, function, art, account_class, "
                            "amount_ore, text, raw FROM main.ledger_lines ORDER BY id", error);
  if (stmt == NULL || !chunk_writer_init (&w, db, 0, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id >> 32 != import_id)
        {
          if (!chunk_writer_flush (&w, error))
            goto fail;
          import_id = w.import_id = id >> 32;
        }
      if (!chunk_writer_add (&w, (guint64) (id & MAX_LINE_NO), sqlite3_column_int (stmt, 1),
                             sqlite3_column_int (stmt, 2), sqlite3_column_int (stmt, 6),
                             (guint) sqlite3_column_int64 (stmt, 4),
                             (guint) sqlite3_column_int64 (stmt, 5), sqlite3_column_int64 (stmt, 7),
                             column_text (stmt, 3), sqlite3_column_bytes (stmt, 3),
                             column_text (stmt, 8), sqlite3_column_bytes (stmt, 8),
                             column_text (stmt, 9), sqlite3_column_bytes (stmt, 9), error))
        goto fail;
    }
  if (rc != SQLITE_DONE)
    {
      vv_db_set_error (db, rc, error);
      goto fail;
    }
  if (!chunk_writer_flush (&w, error))
    goto fail;
  chunk_writer_clear (&w);
  return vv_db_exec (db, "DELETE FROM main.ledger_lines", error);

fail:
  chunk_writer_clear (&w);
  return FALSE;
}

/**
 * vv_ledger_store_set_unit:
 * @db: the database
 * @ansvar: the unit's ansvar code
 * @name: (nullable): its name
 * @allocation: (nullable): its functions, e.g. “257:80 258:20”
 * @case_id: the case it was classified with, or 0
 * @error: return location for a #GError
 *
 * Adds or replaces a unit in the register.
 *
 * Returns: %TRUE on success
 */
gboolean
vv_ledger_store_set_unit (VvDb        *db,
                          const char  *ansvar,
                          const char  *name,
                          const char  *allocation,
                          gint64       case_id,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), FALSE);
  g_return_val_if_fail (ansvar != NULL && *ansvar != '\0', FALSE);

  stmt = vv_db_prepare (db, "INSERT OR REPLACE INTO units (ansvar, name, allocation, case_id, modified) "
                            "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ansvar, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name != NULL ? name : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, allocation != NULL ? allocation : "", -1, SQLITE_STATIC);
  if (case_id > 0)
    sqlite3_bind_int64 (stmt, 4, case_id);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time ());
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return vv_db_set_error (db, rc, error);
  return TRUE;
}

static VvStoredUnit *
unit_from_row (sqlite3_stmt *stmt)
{
  VvStoredUnit *unit = g_new0 (VvStoredUnit, 1);

  unit->ansvar = g_strdup (column_text (stmt, 0));
  unit->name = g_strdup (column_text (stmt, 1));
  unit->allocation = g_strdup (column_text (stmt, 2));
  unit->case_id = sqlite3_column_int64 (stmt, 3);
  unit->modified = sqlite3_column_int64 (stmt, 4);
  return unit;
}

/**
 * vv_ledger_store_get_unit:
 * @db: the database
 * @ansvar: the unit's ansvar code
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the unit, or %NULL with
 *   %VV_LEDGER_STORE_ERROR_NOT_FOUND
 */
VvStoredUnit *
vv_ledger_store_get_unit (VvDb        *db,
                          const char  *ansvar,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), NULL);
  g_return_val_if_fail (ansvar != NULL, NULL);

  stmt = vv_db_prepare (db, "SELECT ansvar, name, allocation, case_id, modified FROM units "
                            "WHERE ansvar = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, ansvar, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return unit_from_row (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, VV_LEDGER_STORE_ERROR, VV_LEDGER_STORE_ERROR_NOT_FOUND,
                   _("There is no unit with ansvar “%s”."), ansvar);
      return NULL;
    }
  return vv_db_set_error (db, rc, error), NULL;
}

/**
 * vv_ledger_store_delete_unit:
 * @db: the database
 * @ansvar: the unit's ansvar code
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
vv_ledger_store_delete_unit (VvDb        *db,
                             const char  *ansvar,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), FALSE);
  g_return_val_if_fail (ansvar != NULL, FALSE);

  stmt = vv_db_prepare (db, "DELETE FROM units WHERE ansvar = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ansvar, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return vv_db_set_error (db, rc, error);
  if (sqlite3_changes (vv_db_get_handle (db)) == 0)
    {
      g_set_error (error, VV_LEDGER_STORE_ERROR, VV_LEDGER_STORE_ERROR_NOT_FOUND,
                   _("There is no unit with ansvar “%s”."), ansvar);
      return FALSE;
    }
  return TRUE;
}

/**
 * vv_ledger_store_list_units:
 * @db: the database
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable) (element-type VvStoredUnit): the
 *   units, by ansvar
 */
GPtrArray *
vv_ledger_store_list_units (VvDb    *db,
                            GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) vv_stored_unit_free);
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), NULL);

  stmt = vv_db_prepare (db, "SELECT ansvar, name, allocation, case_id, modified FROM units "
                            "ORDER BY ansvar", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, unit_from_row (stmt));
  if (rc != SQLITE_DONE)
    return vv_db_set_error (db, rc, error), NULL;
  return g_steal_pointer (&list);
}

/**
 * vv_ledger_store_load_units:
 * @db: the database
 * @rules: the rules, to check the allocations
 * @error: return location for a #GError
 *
 * Builds a units register (as read from a units file) from the stored
 * units that have an allocation; units not classified yet are left out.
 *
 * Returns: (transfer full) (nullable): the register
 */
VvUnits *
vv_ledger_store_load_units (VvDb     *db,
                            VvRules  *rules,
                            GError  **error)
{
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(VvUnits) units = NULL;

  g_return_val_if_fail (VV_IS_DB (db), NULL);
  g_return_val_if_fail (VV_IS_RULES (rules), NULL);

  stored = vv_ledger_store_list_units (db, error);
  if (stored == NULL)
    return NULL;
  units = vv_units_new (rules);
  for (guint i = 0; i < stored->len; i++)
    {
      VvStoredUnit *u = g_ptr_array_index (stored, i);

      if (u->allocation == NULL || *u->allocation == '\0')
        continue;
      if (!vv_units_add (units, u->ansvar, u->name, u->allocation, error))
        return NULL;
    }
  return g_steal_pointer (&units);
}

/**
 * vv_ledger_mapping_from_reader:
 * @reader: a reader after detection or manual settings
 *
 * Returns: (transfer full): the reader's settings as JSON: format,
 *   encoding, separator, decimal mark, default year and column indexes
 */
char *
vv_ledger_mapping_from_reader (VvLedgerReader *reader)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  char sep[2] = { 0, };
  char dec[2] = { 0, };

  g_return_val_if_fail (VV_IS_LEDGER_READER (reader), NULL);

  sep[0] = vv_ledger_reader_get_separator (reader);
  dec[0] = vv_ledger_reader_get_decimal_mark (reader);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, format_to_string (vv_ledger_reader_get_format (reader)));
  json_builder_set_member_name (b, "encoding");
  json_builder_add_string_value (b, encoding_to_string (vv_ledger_reader_get_encoding (reader)));
  json_builder_set_member_name (b, "separator");
  json_builder_add_string_value (b, sep);
  json_builder_set_member_name (b, "decimal");
  json_builder_add_string_value (b, dec);
  json_builder_set_member_name (b, "default_year");
  json_builder_add_int_value (b, vv_ledger_reader_get_default_year (reader));
  json_builder_set_member_name (b, "columns");
  json_builder_begin_object (b);
  for (int role = 0; role < VV_LEDGER_N_COLUMNS; role++)
    {
      json_builder_set_member_name (b, vv_ledger_column_to_string (role));
      json_builder_add_int_value (b, vv_ledger_reader_get_column (reader, role));
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static gboolean
mapping_error (GError     **error,
               const char  *field)
{
  g_set_error (error, VV_LEDGER_STORE_ERROR, VV_LEDGER_STORE_ERROR_MAPPING,
               _("The remembered column mapping is damaged (field “%s”); choose the columns again."),
               field);
  return FALSE;
}

/**
 * vv_ledger_mapping_apply:
 * @mapping: JSON from vv_ledger_mapping_from_reader()
 * @reader: the reader to set up
 * @error: return location for a #GError
 *
 * Returns: %TRUE if every setting could be applied
 */
gboolean
vv_ledger_mapping_apply (const char      *mapping,
                         VvLedgerReader  *reader,
                         GError         **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *columns;
  const char *s;

  g_return_val_if_fail (mapping != NULL, FALSE);
  g_return_val_if_fail (VV_IS_LEDGER_READER (reader), FALSE);

  root = json_from_string (mapping, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return mapping_error (error, "");
  o = json_node_get_object (root);

  s = json_object_get_string_member_with_default (o, "format", "auto");
  if (g_str_equal (s, "csv"))
    vv_ledger_reader_set_format (reader, VV_LEDGER_FORMAT_CSV);
  else if (g_str_equal (s, "kostra"))
    vv_ledger_reader_set_format (reader, VV_LEDGER_FORMAT_KOSTRA);
  else if (g_str_equal (s, "auto"))
    vv_ledger_reader_set_format (reader, VV_LEDGER_FORMAT_AUTO);
  else
    return mapping_error (error, "format");

  s = json_object_get_string_member_with_default (o, "encoding", "auto");
  if (g_str_equal (s, "utf-8"))
    vv_ledger_reader_set_encoding (reader, VV_LEDGER_ENCODING_UTF8);
  else if (g_str_equal (s, "windows-1252"))
    vv_ledger_reader_set_encoding (reader, VV_LEDGER_ENCODING_WINDOWS_1252);
  else if (g_str_equal (s, "auto"))
    vv_ledger_reader_set_encoding (reader, VV_LEDGER_ENCODING_AUTO);
  else
    return mapping_error (error, "encoding");

  s = json_object_get_string_member_with_default (o, "separator", "");
  if (strlen (s) > 1)
    return mapping_error (error, "separator");
  vv_ledger_reader_set_separator (reader, s[0]);
  s = json_object_get_string_member_with_default (o, "decimal", "");
  if (strlen (s) > 1)
    return mapping_error (error, "decimal");
  vv_ledger_reader_set_decimal_mark (reader, s[0]);
  vv_ledger_reader_set_default_year (reader, json_object_get_int_member_with_default (o, "default_year", 0));

  columns = json_object_has_member (o, "columns") ? json_object_get_object_member (o, "columns") : NULL;
  if (columns != NULL)
    for (int role = 0; role < VV_LEDGER_N_COLUMNS; role++)
      {
        const char *name = vv_ledger_column_to_string (role);

        if (json_object_has_member (columns, name))
          vv_ledger_reader_set_column (reader, role,
                                       json_object_get_int_member_with_default (columns, name, -1));
      }
  return TRUE;
}

/**
 * vv_ledger_store_set_mapping:
 * @db: the database
 * @layout_key: the file layout, from vv_ledger_reader_get_layout_key()
 * @mapping: JSON from vv_ledger_mapping_from_reader()
 * @error: return location for a #GError
 *
 * Remembers the user's choices for files with this layout.
 *
 * Returns: %TRUE on success
 */
gboolean
vv_ledger_store_set_mapping (VvDb        *db,
                             const char  *layout_key,
                             const char  *mapping,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), FALSE);
  g_return_val_if_fail (layout_key != NULL, FALSE);
  g_return_val_if_fail (mapping != NULL, FALSE);

  stmt = vv_db_prepare (db, "INSERT OR REPLACE INTO layout_mappings (layout_key, mapping, modified) "
                            "VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, layout_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, mapping, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return vv_db_set_error (db, rc, error);
  return TRUE;
}

/**
 * vv_ledger_store_get_mapping:
 * @db: the database
 * @layout_key: the file layout
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the remembered mapping, or %NULL
 *   without an error if there is none
 */
char *
vv_ledger_store_get_mapping (VvDb        *db,
                             const char  *layout_key,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), NULL);
  g_return_val_if_fail (layout_key != NULL, NULL);

  stmt = vv_db_prepare (db, "SELECT mapping FROM layout_mappings WHERE layout_key = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, layout_key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    vv_db_set_error (db, rc, error);
  return NULL;
}

/**
 * vv_ledger_import_free:
 * @import: (nullable): a #VvLedgerImport
 */
void
vv_ledger_import_free (VvLedgerImport *import)
{
  if (import == NULL)
    return;
  g_free (import->file_name);
  g_free (import->sha256);
  g_free (import->format);
  g_free (import->layout_key);
  g_free (import);
}

/**
 * vv_stored_line_free:
 * @line: (nullable): a #VvStoredLine
 */
void
vv_stored_line_free (VvStoredLine *line)
{
  if (line == NULL)
    return;
  g_free (line->ansvar);
  g_free (line->text);
  g_free (line->raw);
  g_free (line);
}

/**
 * vv_stored_reject_free:
 * @reject: (nullable): a #VvStoredReject
 */
void
vv_stored_reject_free (VvStoredReject *reject)
{
  if (reject == NULL)
    return;
  g_free (reject->field);
  g_free (reject->message);
  g_free (reject);
}

/**
 * vv_stored_unit_free:
 * @unit: (nullable): a #VvStoredUnit
 */
void
vv_stored_unit_free (VvStoredUnit *unit)
{
  if (unit == NULL)
    return;
  g_free (unit->ansvar);
  g_free (unit->name);
  g_free (unit->allocation);
  g_free (unit);
}
