/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-csv-feeder"

#include "config.h"

#include <csv.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "vv-ledger-reader-private.h"

/* The CSV feeder: feeds libcsv one physical line at a time and collects each
 * record's fields into one reusable buffer. */

/* --------------------------------------------------------------- feeder */

static void
feeder_reset_record (VvCsvFeeder *f)
{
  f->ascii_prefix = -1;
  f->escaped = 0;
  f->n_fields = 0;
  f->rec_len = 0;
  f->raw_len = 0;
  f->need_start = TRUE;
  f->overlong = FALSE;
}

static void
feeder_field_cb (void   *s,
                 size_t  len,
                 void   *data)
{
  VvCsvFeeder *f = data;

  if (f->n_fields == f->fields_cap)
    {
      f->fields_cap = MAX (32, f->fields_cap * 2);
      f->fields = g_renew (VvCsvField, f->fields, f->fields_cap);
    }
  if (len > FIELD_CAP)
    {
      f->overlong = TRUE;
      len = 0;
    }
  if (f->rec_len + len + 1 > f->rec_cap)
    {
      f->rec_cap = MAX (f->rec_cap * 2, f->rec_len + len + 1 + 4096);
      f->rec = g_realloc (f->rec, f->rec_cap);
    }
  if (len > 0)
    memcpy (f->rec + f->rec_len, s, len);
  f->rec[f->rec_len + len] = '\0';
  f->fields[f->n_fields].off = f->rec_len;
  f->fields[f->n_fields].len = len;
  f->n_fields++;
  f->rec_len += len + 1;
}

static void
feeder_row_cb (int   c,
               void *data)
{
  VvCsvFeeder *f = data;

  (void) c;
  if (!f->stop)
    {
      while (f->raw_len > 0 && (f->raw[f->raw_len - 1] == '\n' || f->raw[f->raw_len - 1] == '\r'))
        f->raw_len--;
      f->raw[f->raw_len] = '\0';
      f->record_func (f, f->data);
    }
  feeder_reset_record (f);
}

void
_vv_csv_feeder_init (VvCsvFeeder    *f,
                     char            sep,
                     VvCsvFeederFunc record_func,
                     VvCsvFeederFunc parse_error_func,
                     gpointer        data)
{
  memset (f, 0, sizeof *f);
  f->ascii_prefix = -1;
  f->options = CSV_STRICT | CSV_STRICT_FINI;
  f->sep = sep;
  csv_init (&f->parser, f->options);
  csv_set_delim (&f->parser, sep);
  f->line = 1;
  f->need_start = TRUE;
  f->raw_cap = 4096;
  f->raw = g_malloc (f->raw_cap);
  f->record_func = record_func;
  f->parse_error_func = parse_error_func;
  f->data = data;
}

void
_vv_csv_feeder_clear (VvCsvFeeder *f)
{
  csv_free (&f->parser);
  g_clear_pointer (&f->rec, g_free);
  g_clear_pointer (&f->fields, g_free);
  g_clear_pointer (&f->raw, g_free);
}

static void
feeder_parse_error (VvCsvFeeder *f)
{
  f->raw[MIN (f->raw_len, f->raw_cap - 1)] = '\0';
  if (f->parse_error_func && !f->stop)
    f->parse_error_func (f, f->data);
  csv_free (&f->parser);
  csv_init (&f->parser, f->options);
  csv_set_delim (&f->parser, f->sep);
  feeder_reset_record (f);
}

static inline gboolean
segment_has_content (const char *s,
                     gsize       n,
                     char        sep)
{
  for (gsize i = 0; i < n; i++)
    {
      if (s[i] == ' ' || (s[i] == '\t' && sep != '\t'))
        continue;
      return TRUE;
    }
  return FALSE;
}

static void
feeder_split_line (VvCsvFeeder *f,
                   const char  *line,
                   gsize        n)
{
  char *p, *e, *field;

  f->start_line = f->line;
  if (n + 1 > f->rec_cap)
    {
      f->rec_cap = MAX (f->rec_cap * 2, n + 1 + 4096);
      f->rec = g_realloc (f->rec, f->rec_cap);
    }
  if (n + 1 > f->raw_cap)
    {
      f->raw_cap = MAX (f->raw_cap * 2, n + 1);
      f->raw = g_realloc (f->raw, f->raw_cap);
    }
  memcpy (f->rec, line, n);
  f->rec[n] = '\0';
  memcpy (f->raw, line, n);
  f->raw[n] = '\0';
  f->raw_len = n;
  f->rec_len = n + 1;
  f->n_fields = 0;

  p = f->rec;
  e = f->rec + n;
  for (;;)
    {
      char *sep = memchr (p, f->sep, e - p);
      char *end = sep ? sep : e;
      gsize len;

      field = p;
      while (field < end && (*field == ' ' || (*field == '\t' && f->sep != '\t')))
        field++;
      while (end > field && (end[-1] == ' ' || (end[-1] == '\t' && f->sep != '\t')))
        end--;
      len = end - field;
      *end = '\0';
      if (f->n_fields == f->fields_cap)
        {
          f->fields_cap = MAX (32, f->fields_cap * 2);
          f->fields = g_renew (VvCsvField, f->fields, f->fields_cap);
        }
      if (len > FIELD_CAP)
        f->overlong = TRUE;
      f->fields[f->n_fields].off = field - f->rec;
      f->fields[f->n_fields].len = len;
      f->n_fields++;
      if (!sep)
        break;
      p = sep + 1;
    }

  if (!f->stop)
    f->record_func (f, f->data);
  feeder_reset_record (f);
}

/* Room for one more field in f->fields. */
static G_GNUC_NO_INLINE VvCsvField *
feeder_grow_fields (VvCsvFeeder *f)
{
  f->fields_cap = MAX (32, f->fields_cap * 2);
  f->fields = g_renew (VvCsvField, f->fields, f->fields_cap);
  return f->fields;
}

static inline gboolean
is_field_blank (guchar   c,
                gboolean blank_tab)
{
  /* one compare for the usual byte, above the space */
  return c <= ' ' && (c == ' ' || (c == '\t' && blank_tab));
}

/* Adds the field s[a..b), trimmed of spaces and tabs as libcsv does when
 * @trim; split-only reading trims only the fields it reads (and trims
 * each one it hands back, feeder_trim_fields()). */
static inline guint
feeder_add_field (VvCsvFeeder   *f,
                  VvCsvField   **fields,
                  guint          n,
                  const guchar  *s,
                  gsize          a,
                  gsize          b,
                  gboolean       blank_tab,
                  gboolean       trim)
{
  if (trim)
    {
      while (a < b && is_field_blank (s[a], blank_tab))
        a++;
      while (b > a && is_field_blank (s[b - 1], blank_tab))
        b--;
    }
  if (G_UNLIKELY (n == f->fields_cap))
    *fields = feeder_grow_fields (f);
  (*fields)[n].off = a;
  (*fields)[n].len = b - a;
  return n + 1;
}

/* Split-only reading: adds the quoted field between the quotes at @j and
 * @k as field *@n, without its quotes; one holding a doubled quote
 * (@doubled) is left doubled and marked in *@escaped, for the reader to
 * hand back. Returns %FALSE when the mark does not fit (the 65th field):
 * the general path reads the line. */
static inline gboolean
feeder_add_quoted_field (VvCsvFeeder   *f,
                         VvCsvField   **fields,
                         guint         *n,
                         guint64       *escaped,
                         gsize          j,
                         gsize          k,
                         gboolean       doubled)
{
  if (doubled)
    {
      if (*n >= 64)
        return FALSE;
      *escaped |= G_GUINT64_CONSTANT (1) << *n;
    }
  if (G_UNLIKELY (*n == f->fields_cap))
    *fields = feeder_grow_fields (f);
  (*fields)[*n].off = j + 1;
  (*fields)[*n].len = k - j - 1;
  (*n)++;
  return TRUE;
}

/* Trims the @n fields of the line at @s that split-only scanning left as
 * they stand, before the line is handed to the record function. */
static G_GNUC_NO_INLINE void
feeder_trim_fields (VvCsvField   *fields,
                    guint         n,
                    const guchar *s,
                    gboolean      blank_tab)
{
  for (guint k = 0; k < n; k++)
    {
      gsize a = fields[k].off, b = a + fields[k].len;

      while (a < b && is_field_blank (s[a], blank_tab))
        a++;
      while (b > a && is_field_blank (s[b - 1], blank_tab))
        b--;
      fields[k].off = a;
      fields[k].len = b - a;
    }
}

/* Room for @need bytes in both copies of a line (rec and raw). */
static G_GNUC_NO_INLINE void
feeder_grow_copies (VvCsvFeeder *f,
                    gsize        need)
{
  if (need > f->rec_cap)
    {
      f->rec_cap = MAX (f->rec_cap * 2, need + 4096);
      f->rec = g_realloc (f->rec, f->rec_cap);
    }
  if (need > f->raw_cap)
    {
      f->raw_cap = MAX (f->raw_cap * 2, need + 4096);
      f->raw = g_realloc (f->raw, f->raw_cap);
    }
}

/* Where a byte of @m (a mask of bytes) is: the lowest set bit's index. */
#define LOWEST(m) ((guint) __builtin_ctz (m))

/* Split-only reading of a line with quotes, from the quote at @j (the
 * field began at @start; @n fields before it are in @fields): the fields
 * are offsets into the line as it stands, a quoted one without its quotes
 * and with any doubled quote left doubled (f->escaped marks it, for the
 * reader to hand back). Only the simple line that feeder_split_quoted_line()
 * would split the same way is offered to f->lean_func, whole in @seg;
 * returns its length, or -1 (nothing consumed) for the general path. */
static G_GNUC_NO_INLINE gssize
feeder_scan_quoted (VvCsvFeeder *f,
                    const char  *seg,
                    gsize        rest,
                    gsize        j,
                    gsize        start,
                    guint        n,
                    VvCsvField  *fields,
                    guint64      escaped)
{
  const guchar *s = (const guchar *) seg;
  gboolean blank_tab = f->sep != '\t';
  guchar sep = f->sep;
  gsize end;

  for (;;)
    {
      gsize k;
      gboolean doubled = FALSE;

      /* the quote opens the field, after blanks at most */
      for (k = start; k < j; k++)
        if (!is_field_blank (s[k], blank_tab))
          goto general;
      for (k = j + 1;; k++)
        {
          if (k + 1 >= rest || s[k] == '\r' || s[k] == '\n')
            goto general;
          if (s[k] == '"')
            {
              if (s[k + 1] != '"')
                break;
              doubled = TRUE;
              k++;
            }
        }
      if (!feeder_add_quoted_field (f, &fields, &n, &escaped, j, k, doubled))
        goto general;
      /* the closing quote ends the field */
      if (s[k + 1] == '\r' || s[k + 1] == '\n')
        {
          end = k + 1;
          break;
        }
      if (s[k + 1] != sep)
        goto general;
      start = k + 2;
      for (j = start;; j++)
        {
          if (j >= rest)
            goto general;
          if (s[j] == sep)
            {
              n = feeder_add_field (f, &fields, n, s, start, j, blank_tab, FALSE);
              start = j + 1;
            }
          else if (s[j] == '\r' || s[j] == '\n')
            {
              n = feeder_add_field (f, &fields, n, s, start, j, blank_tab, FALSE);
              end = j;
              goto found;
            }
          else if (s[j] == '"')
            break;
        }
    }

found:
  f->n_fields = n;
  f->start_line = f->line;
  f->escaped = escaped;
  /* no field is trimmed here: the reader trims every field it reads */
  f->ascii_prefix = -1;
  if (end <= FIELD_CAP && !f->stop && f->lean_func (f, seg, seg, end, f->data))
    {
      feeder_reset_record (f);
      return end;
    }

general:
  feeder_reset_record (f);
  return -1;
}

#ifdef __SSE2__
/* Split-only reading: the first quote at or after @k in the line at @s, 16
 * bytes at a time, noting the non-ASCII bytes before it in *@hi (the first,
 * if *@hi is still @rest) and *@hend (one past the last); -1 if a CR or LF
 * comes first or the data ends. */
static inline gssize
scan_to_quote (const guchar *s,
               gsize         k,
               gsize         rest,
               gsize        *hi,
               gsize        *hend)
{
  const __m128i vq = _mm_set1_epi8 ('"');
  const __m128i vcr = _mm_set1_epi8 ('\r');
  const __m128i vlf = _mm_set1_epi8 ('\n');

  for (; k + 16 <= rest; k += 16)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) (s + k));
      guint stop = _mm_movemask_epi8 (_mm_or_si128 (_mm_cmpeq_epi8 (v, vq),
                                                    _mm_or_si128 (_mm_cmpeq_epi8 (v, vcr),
                                                                  _mm_cmpeq_epi8 (v, vlf))));
      guint mhi = _mm_movemask_epi8 (v);

      if (stop)
        mhi &= (1u << LOWEST (stop)) - 1;
      if (mhi)
        {
          if (*hi == rest)
            *hi = k + LOWEST (mhi);
          *hend = k + 32 - __builtin_clz (mhi);
        }
      if (stop)
        {
          k += LOWEST (stop);
          return s[k] == '"' ? (gssize) k : -1;
        }
    }
  for (; k < rest; k++)
    {
      if (s[k] == '"')
        return k;
      if (s[k] == '\r' || s[k] == '\n')
        return -1;
      if (s[k] >= 0x80)
        {
          if (*hi == rest)
            *hi = k;
          *hend = k + 1;
        }
    }
  return -1;
}
#endif

/* The one-pass path for a line at a record boundary: a single scan of the
 * line's bytes (16 at a time where SSE2 is there) finds its end (CR or LF),
 * its separators and whether it holds a quote or a non-ASCII byte, and
 * trims each field's spaces and tabs as it is found.  A line without a
 * quote and with its end in @seg is handed on right here: its fields are
 * offsets into one copy of the line, the same as feeder_split_line() gives.
 * Returns the line's length up to its end, with the record handed on, or
 * -1 (nothing consumed, nothing handed on) for a line with a quote or
 * without its end in @seg: the general path reads it. */
static gssize
feeder_scan_line (VvCsvFeeder *f,
                  const char  *seg,
                  gsize        rest)
{
  const guchar *s = (const guchar *) seg;
  char sep = f->sep;
  gsize i = 0, start = 0, end = rest, hi = rest, hend = 0, stored = 0;
  gboolean blank_tab = sep != '\t';
  gboolean copy = f->lean_func == NULL;
  gboolean quoted = FALSE;
  guint64 escaped = 0;
  VvCsvField *fields = f->fields;
  guint n = 0;

#ifdef __SSE2__
  {
    const __m128i vsep = _mm_set1_epi8 (sep);
    const __m128i vq = _mm_set1_epi8 ('"');
    const __m128i vcr = _mm_set1_epi8 ('\r');
    const __m128i vlf = _mm_set1_epi8 ('\n');

    while (i + 16 <= rest)
      {
        __m128i v = _mm_loadu_si128 ((const __m128i *) (s + i));
        guint mq = _mm_movemask_epi8 (_mm_cmpeq_epi8 (v, vq));

        /* the line's two copies are made as it is scanned; split-only
         * reading looks at the line where it is, and copies it only when
         * it hands the record back */
        if (copy)
          {
            if (G_UNLIKELY (i + 16 > f->rec_cap || i + 16 > f->raw_cap))
              feeder_grow_copies (f, i + 16);
            _mm_storeu_si128 ((__m128i *) (f->rec + i), v);
            _mm_storeu_si128 ((__m128i *) (f->raw + i), v);
            stored = i + 16;
          }
        guint mend = _mm_movemask_epi8 (_mm_or_si128 (_mm_cmpeq_epi8 (v, vcr),
                                                      _mm_cmpeq_epi8 (v, vlf)));
        guint msep = _mm_movemask_epi8 (_mm_cmpeq_epi8 (v, vsep));
        guint mhi = _mm_movemask_epi8 (v);
        guint below = 0xFFFF;

        if (mend)
          below = (1u << LOWEST (mend)) - 1;
        if (mq & below)
          {
            gsize j, k;
            gssize at;
            gboolean doubled = FALSE;

            if (copy)
              return -1;
            /* Split-only reading of a quoted field, as feeder_scan_quoted()
             * reads it: the field is an offset without its quotes, a doubled
             * quote left doubled and the field marked in f->escaped. */
            below = (1u << LOWEST (mq & below)) - 1;
            j = i + LOWEST (mq);
            for (guint m = msep & below; m; m &= m - 1)
              {
                gsize a = i + LOWEST (m);

                n = feeder_add_field (f, &fields, n, s, start, a, blank_tab, FALSE);
                start = a + 1;
              }
            if (mhi & below)
              {
                if (hi == rest)
                  hi = i + LOWEST (mhi & below);
                hend = i + 32 - __builtin_clz (mhi & below);
              }
            /* the quote opens the field, after blanks at most */
            for (k = start; k < j; k++)
              if (!is_field_blank (s[k], blank_tab))
                goto general;
            for (k = j + 1;; k = at + 2)
              {
                at = scan_to_quote (s, k, rest, &hi, &hend);
                if (at < 0 || (gsize) at + 1 >= rest)
                  goto general;
                if (s[at + 1] != '"')
                  break;
                doubled = TRUE;
              }
            k = at;
            if (!feeder_add_quoted_field (f, &fields, &n, &escaped, j, k, doubled))
              goto general;
            quoted = TRUE;
            /* the closing quote ends the field, and maybe the line */
            if (s[k + 1] == '\r' || s[k + 1] == '\n')
              {
                end = k + 1;
                goto found_fields;
              }
            if (s[k + 1] != (guchar) sep)
              goto general;
            start = i = k + 2;
            continue;
          }
        /* the first and the last non-ASCII byte: only the bytes between
         * them need a UTF-8 check */
        if (mhi & below)
          {
            if (hi == rest)
              hi = i + LOWEST (mhi & below);
            hend = i + 32 - __builtin_clz (mhi & below);
          }
        if (copy)
          for (guint m = msep & below; m; m &= m - 1)
            {
              gsize at = i + LOWEST (m);

              n = feeder_add_field (f, &fields, n, s, start, at, blank_tab, TRUE);
              start = at + 1;
            }
        else if (msep & below)
          {
            /* room for the block's fields once, then offsets only */
            if (G_UNLIKELY (n + 16 >= f->fields_cap))
              fields = feeder_grow_fields (f);
            for (guint m = msep & below; m; m &= m - 1)
              {
                gsize at = i + LOWEST (m);

                fields[n].off = start;
                fields[n].len = at - start;
                n++;
                start = at + 1;
              }
          }
        if (mend)
          {
            end = i + LOWEST (mend);
            goto found;
          }
        i += 16;
      }
  }
#endif
  for (; i < rest; i++)
    {
      guchar c = s[i];

      if (c == (guchar) sep)
        {
          n = feeder_add_field (f, &fields, n, s, start, i, blank_tab, copy);
          start = i + 1;
        }
      else if (c == '\r' || c == '\n')
        {
          end = i;
          goto found;
        }
      else if (c == '"')
        return copy ? -1 : feeder_scan_quoted (f, seg, rest, i, start, n, fields, escaped);
      else if (c >= 0x80)
        {
          if (hi == rest)
            hi = i;
          hend = i + 1;
        }
    }
  return -1;

found:
  n = feeder_add_field (f, &fields, n, s, start, end, blank_tab, copy);
  if (n == 1 && !segment_has_content (seg, end, sep))
    return end;            /* a blank line: no record */

found_fields:
  f->n_fields = n;
  f->start_line = f->line;
  f->ascii_prefix = MIN (hi, end);
  f->high_end = hi < end ? hend : end;
  f->escaped = escaped;
  if (!copy)
    {
      if (end <= FIELD_CAP && !f->stop && f->lean_func (f, seg, seg, end, f->data))
        {
          feeder_reset_record (f);
          return end;
        }
      /* a quoted line handed back is read by the general path */
      if (quoted)
        goto general;
      feeder_trim_fields (fields, n, s, blank_tab);
    }
  if (G_UNLIKELY (end + 1 > f->rec_cap))
    {
      f->rec_cap = MAX (f->rec_cap * 2, end + 1 + 4096);
      f->rec = g_realloc (f->rec, f->rec_cap);
    }
  if (G_UNLIKELY (end + 1 > f->raw_cap))
    {
      f->raw_cap = MAX (f->raw_cap * 2, end + 1);
      f->raw = g_realloc (f->raw, f->raw_cap);
    }
  if (stored < end)
    {
      memcpy (f->rec + stored, seg + stored, end - stored);
      memcpy (f->raw + stored, seg + stored, end - stored);
    }
  f->raw[end] = '\0';
  f->raw_len = end;
  f->rec_len = end + 1;
  for (guint k = 0; k < n; k++)
    f->rec[fields[k].off + fields[k].len] = '\0';
  if (G_UNLIKELY (end > FIELD_CAP))
    for (guint k = 0; k < n; k++)
      if (fields[k].len > FIELD_CAP)
        f->overlong = TRUE;

  if (!f->stop)
    f->record_func (f, f->data);
  feeder_reset_record (f);
  return end;

general:
  feeder_reset_record (f);
  return -1;
}

/* A complete line whose quoted fields are all simple ("…", with "" for a
 * quote, closed right before the separator or the line's end), split here
 * with the result libcsv would give, several times faster. Returns FALSE,
 * with the record reset, for any other line (a quote inside an unquoted
 * field, text after a closing quote, a quoted line break): libcsv then
 * reads it, with its errors. */
static gboolean
feeder_split_quoted_line (VvCsvFeeder *f,
                          const char  *line,
                          gsize        n,
                          gsize        seglen)
{
  const char *p = line, *e = line + n;
  char *o;

  if (seglen > RECORD_CAP)   /* libcsv's path reports it */
    return FALSE;
  if (n + 2 > f->rec_cap)
    {
      f->rec_cap = MAX (f->rec_cap * 2, n + 2 + 4096);
      f->rec = g_realloc (f->rec, f->rec_cap);
    }
  f->start_line = f->line;
  f->n_fields = 0;
  o = f->rec;
  for (;;)
    {
      gsize off = o - f->rec;
      gsize len;

      while (p < e && (*p == ' ' || (*p == '\t' && f->sep != '\t')))
        p++;
      if (p < e && *p == '"')
        {
          p++;
          for (;;)
            {
              const char *q = memchr (p, '"', e - p);

              if (q == NULL)
                goto other;
              memcpy (o, p, q - p);
              o += q - p;
              p = q + 1;
              if (p < e && *p == '"')
                {
                  *o++ = '"';
                  p++;
                  continue;
                }
              break;
            }
          if (p < e && *p != f->sep)
            goto other;
        }
      else
        {
          const char *sep = memchr (p, f->sep, e - p);
          const char *end = sep ? sep : e;

          if (memchr (p, '"', end - p) != NULL)
            goto other;
          /* trailing blanks of an unquoted field go, as in libcsv */
          while (end > p && (end[-1] == ' ' || (end[-1] == '\t' && f->sep != '\t')))
            end--;
          memcpy (o, p, end - p);
          o += end - p;
          p = sep ? sep : e;
        }
      len = o - f->rec - off;
      *o++ = '\0';
      if (f->n_fields == f->fields_cap)
        {
          f->fields_cap = MAX (32, f->fields_cap * 2);
          f->fields = g_renew (VvCsvField, f->fields, f->fields_cap);
        }
      if (len > FIELD_CAP)
        f->overlong = TRUE;
      f->fields[f->n_fields].off = off;
      f->fields[f->n_fields].len = len;
      f->n_fields++;
      if (p >= e)
        break;
      p++;   /* the separator */
    }
  f->rec_len = o - f->rec;
  if (f->lean_func != NULL && !f->overlong && !f->stop
      && f->lean_func (f, f->rec, line, n, f->data))
    {
      feeder_reset_record (f);
      return TRUE;
    }

  if (n + 1 > f->raw_cap)
    {
      f->raw_cap = MAX (f->raw_cap * 2, n + 1);
      f->raw = g_realloc (f->raw, f->raw_cap);
    }
  memcpy (f->raw, line, n);
  f->raw[n] = '\0';
  f->raw_len = n;
  if (!f->stop)
    f->record_func (f, f->data);
  feeder_reset_record (f);
  return TRUE;

other:
  feeder_reset_record (f);
  return FALSE;
}

/* Returns FALSE with @error set on a runaway record (no closing quote, or
 * a record beyond RECORD_CAP). */
gboolean
_vv_csv_feeder_feed (VvCsvFeeder *f,
                     const char  *data,
                     gsize        len,
                     const char  *name,
                     GError     **error)
{
  gsize pos = 0;
  gboolean has_cr;

  if (f->prev_cr && len > 0 && data[0] == '\n')
    {
      if (!f->need_start && !f->skip_line)
        {
          if (f->raw_len + 2 > f->raw_cap)
            {
              f->raw_cap *= 2;
              f->raw = g_realloc (f->raw, f->raw_cap);
            }
          f->raw[f->raw_len++] = '\n';
        }
      if (!f->skip_line)
        csv_parse (&f->parser, data, 1, feeder_field_cb, feeder_row_cb, f);
      pos = 1;
    }
  f->prev_cr = FALSE;

  has_cr = memchr (data + pos, '\r', len - pos) != NULL;
  while (pos < len && !f->stop)
    {
      const char *seg = data + pos;
      gsize rest = len - pos;
      const char *nl, *cr;
      gboolean has_term;
      gssize scanned;
      gsize n, seglen;

      if (f->need_start && !f->skip_line && (scanned = feeder_scan_line (f, seg, rest)) >= 0)
        {
          /* the line and its record are done; step over its end */
          n = scanned;
          seglen = n + 1;
          if (seg[n] == '\r')
            {
              if (n + 1 < rest)
                {
                  if (seg[n + 1] == '\n')
                    seglen++;
                }
              else
                f->prev_cr = TRUE;
            }
          f->line++;
          pos += seglen;
          continue;
        }

      nl = memchr (seg, '\n', rest);
      n = nl ? (gsize) (nl - seg) : rest;
      cr = has_cr ? memchr (seg, '\r', n) : NULL;
      if (cr)
        n = cr - seg;
      has_term = n < rest;
      seglen = n;
      if (has_term)
        {
          seglen = n + 1;
          if (seg[n] == '\r')
            {
              if (n + 1 < rest)
                {
                  if (seg[n + 1] == '\n')
                    seglen++;
                }
              else
                f->prev_cr = TRUE;
            }
        }

      if (f->skip_line)
        {
          if (has_term)
            {
              f->skip_line = FALSE;
              f->line++;
            }
          pos += seglen;
          continue;
        }

      /* A complete line with no quote character at a record boundary needs
       * no quote handling: split it directly (same result as libcsv, which
       * trims spaces around unquoted fields), without a copy per field. */
      if (f->need_start && has_term && memchr (seg, '"', n) == NULL)
        {
          if (segment_has_content (seg, n, f->sep))
            feeder_split_line (f, seg, n);
          f->line++;
          pos += seglen;
          continue;
        }
      if (f->need_start && has_term && segment_has_content (seg, n, f->sep) &&
          feeder_split_quoted_line (f, seg, n, seglen))
        {
          f->line++;
          pos += seglen;
          continue;
        }

      if (f->need_start && segment_has_content (seg, n, f->sep))
        {
          f->need_start = FALSE;
          f->start_line = f->line;
          f->raw_len = 0;
        }
      if (!f->need_start)
        {
          if (f->raw_len + seglen > RECORD_CAP)
            {
              g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_PARSE,
                           _("%s: line %llu: the record is longer than "
                             "1 MiB; is a closing quote (\") missing?"),
                           name, (unsigned long long) f->start_line);
              return FALSE;
            }
          if (f->raw_len + seglen + 1 > f->raw_cap)
            {
              f->raw_cap = MAX (f->raw_cap * 2, f->raw_len + seglen + 1);
              f->raw = g_realloc (f->raw, f->raw_cap);
            }
          memcpy (f->raw + f->raw_len, seg, seglen);
          f->raw_len += seglen;
        }

      if (csv_parse (&f->parser, seg, seglen, feeder_field_cb, feeder_row_cb, f) < seglen)
        {
          int err = csv_error (&f->parser);

          if (err != CSV_EPARSE)
            {
              g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_PARSE,
                           _("%s: line %llu: %s"),
                           name, (unsigned long long) f->start_line, csv_strerror (err));
              return FALSE;
            }
          feeder_parse_error (f);
          if (!has_term)
            f->skip_line = TRUE;
        }
      if (has_term)
        f->line++;
      pos += seglen;
    }
  return TRUE;
}

/* Returns FALSE for an unterminated quote at the end of the data. */
gboolean
_vv_csv_feeder_finish (VvCsvFeeder *f,
                       const char  *name,
                       GError     **error)
{
  guint64 start = f->start_line;

  if (f->stop || f->skip_line)
    return TRUE;
  if (csv_fini (&f->parser, feeder_field_cb, feeder_row_cb, f) != 0)
    {
      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_PARSE,
                   _("%s: line %llu: a quoted field is never closed "
                     "(missing \")"), name, (unsigned long long) start);
      return FALSE;
    }
  return TRUE;
}
