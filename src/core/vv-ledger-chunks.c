/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-chunks"

#include "config.h"

#include <string.h>

#include "vv-ledger-chunks-private.h"
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

int
_vv_ledger_chunk_writer_init (VvLedgerChunkWriter *w,
                              sqlite3             *handle,
                              gint64               import_id)
{
  int rc;

  memset (w, 0, sizeof *w);
  w->import_id = import_id;
  rc = sqlite3_prepare_v2 (handle, "INSERT INTO main.ledger_chunks (id, last_line, n, recs, strings) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5)", -1, &w->insert, NULL);
  if (rc != SQLITE_OK)
    return rc;
  w->recs = g_byte_array_sized_new (CHUNK_LINES * 24);
  w->strings = g_byte_array_sized_new (CHUNK_LINES * 96);
  return SQLITE_OK;
}

void
_vv_ledger_chunk_writer_clear (VvLedgerChunkWriter *w)
{
  g_clear_pointer (&w->insert, sqlite3_finalize);
  g_clear_pointer (&w->recs, g_byte_array_unref);
  g_clear_pointer (&w->strings, g_byte_array_unref);
}

int
_vv_ledger_chunk_writer_flush (VvLedgerChunkWriter *w)
{
  sqlite3_stmt *s = w->insert;
  int rc;

  if (w->n == 0)
    return SQLITE_OK;
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
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
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
                             gsize                raw_len)
{
  guint8 rec[12 * 10];
  guint8 *p = rec;
  gboolean ansvar_follows, text_follows;
  int rc;

  if (w->n > 0 && (w->n >= CHUNK_LINES || w->strings->len >= CHUNK_MAX_STRINGS) &&
      (rc = _vv_ledger_chunk_writer_flush (w)) != SQLITE_OK)
    return rc;
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
  return SQLITE_OK;
}

/* Reads the CHUNK_COLUMNS of a row starting at @col; the pointers live
 * until the statement moves on. FALSE if the row is damaged. */
gboolean
_vv_ledger_chunk_from_row (sqlite3_stmt  *stmt,
                           int            col,
                           VvLedgerChunk *chunk)
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

void
_vv_ledger_chunk_cursor_init (VvLedgerChunkCursor *cc,
                              const VvLedgerChunk *chunk)
{
  cc->chunk = chunk;
  cc->i = 0;
  cc->rec_pos = 0;
  cc->str_pos = 0;
  cc->line_no = (guint64) (chunk->id & MAX_LINE_NO);
}

static inline gboolean
get_varint (VvLedgerChunkCursor *cc,
            guint64             *v)
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
get_string_ref (VvLedgerChunkCursor *cc,
                const char          *raw,
                guint32              raw_len,
                const char         **s,
                guint32             *len)
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
gboolean
_vv_ledger_chunk_cursor_next (VvLedgerChunkCursor *cc,
                              VvLedgerChunkLine   *line)
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
  VvLedgerChunk               chunk;
  VvLedgerChunkCursor         cc;
  gboolean            have_chunk;
  VvLedgerChunkLine           line;
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
          if (_vv_ledger_chunk_cursor_next (&cur->cc, &cur->line))
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
      if (!_vv_ledger_chunk_from_row (cur->stmt, 0, &cur->chunk))
        return lines_set_vtab_error (cur, SQLITE_CORRUPT);
      _vv_ledger_chunk_cursor_init (&cur->cc, &cur->chunk);
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
  const VvLedgerChunkLine *l = &cur->line;

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

/* private API */

/*
 * _vv_ledger_chunks_create_module:
 *
 * Registers the `vv_ledger_lines` module on @handle, so that
 * `CREATE VIRTUAL TABLE ... USING vv_ledger_lines` makes the lines
 * decoded from `ledger_chunks` visible to SQL.
 *
 * Returns: an SQLite result code
 */
int
_vv_ledger_chunks_create_module (sqlite3 *handle)
{
  return sqlite3_create_module_v2 (handle, "vv_ledger_lines", &lines_module, NULL, NULL);
}
