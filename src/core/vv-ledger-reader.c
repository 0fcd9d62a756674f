/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-reader"

#include "config.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vv-ledger-reader-private.h"
#include "vv-ledger-reader.h"
#include "vv-sheet-private.h"

/* The driver: detection (vv-ledger-layout.c) on the head of the file, then a
 * streaming read in chunks through the CSV feeder (vv-csv-feeder.c) or the
 * KOSTRA record reader (vv-kostra-record.c), turning each record into a
 * VvLedgerLine with the field parsers of vv-ledger-parse.c. */

G_DEFINE_FINAL_TYPE (VvLedgerReader, vv_ledger_reader, G_TYPE_OBJECT)

G_DEFINE_QUARK (vv-ledger-error-quark, vv_ledger_error)

static const char *column_names[VV_LEDGER_N_COLUMNS] = {
  N_("Year"), N_("Period"), N_("Ansvar"), N_("Function"), N_("Art"), N_("Text"), N_("Amount"),
  N_("Kontoklasse"), N_("Region"),
};

/* A source of chunks: a file descriptor, a memory block, or a spreadsheet's
 * sheet turned into CSV text (its first chunk already taken for the head). */
typedef struct
{
  int         fd;
  const char *mem;
  guint64     size;
  guint64     pos;
  char       *buf;
  VvSheet    *sheet;
  VvLedgerUtf16 *utf16;      /* UTF-16 converted chunk by chunk */
  const char *pending;
  gssize      pending_len;
  int         truncated;     /* -1: size > head */
} Source;

static gssize
source_next (Source      *src,
             const char **out,
             GError     **error,
             const char  *name)
{
  if (src->sheet)
    {
      gssize n;

      if (src->pending != NULL)
        {
          *out = src->pending;
          n = src->pending_len;
          src->pending = NULL;
        }
      else
        {
          GError *local = NULL;

          n = _vv_sheet_next (src->sheet, out, &local);
          if (n < 0)
            _vv_ledger_sheet_error (error, local);
        }
      src->pos = _vv_sheet_get_done (src->sheet, &src->size);
      return n;
    }
  if (src->mem)
    {
      gsize n = MIN ((guint64) CHUNK_SIZE, src->size - src->pos);

      *out = src->mem + src->pos;
      src->pos += n;
      return src->utf16 ? _vv_ledger_utf16_next (src->utf16, *out, n, out, name, error) : (gssize) n;
    }
  else
    {
      gssize n;

      do
        n = read (src->fd, src->buf, CHUNK_SIZE);
      while (n < 0 && errno == EINTR);
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_READ,
                       _("%s: cannot read the file: %s"), name, g_strerror (saved));
          return -1;
        }
      *out = src->buf;
      src->pos += n;
      return src->utf16 ? _vv_ledger_utf16_next (src->utf16, *out, n, out, name, error) : n;
    }
}

static gboolean
read_source (VvLedgerReader       *self,
             Source               *src,
             const char           *head,
             gsize                 head_len,
             const char           *name,
             VvLedgerLineFunc      line_func,
             VvLedgerRejectFunc    reject_func,
             VvLedgerProgressFunc  progress_func,
             gpointer              user_data,
             GCancellable         *cancellable,
             GError              **error)
{
  VvLedgerReadState st = { 0, };
  VvCsvFeeder f;
  gboolean kostra, ok = TRUE, first = TRUE;

  self->lines_read = self->lines_rejected = self->lines_skipped = self->lines_recoded = 0;
  self->first_recoded_line = 0;
  self->lines_other = 0;
  self->seen_year = self->seen_quarter = 0;
  g_clear_pointer (&self->seen_region, g_free);
  g_clear_pointer (&self->found_years, g_array_unref);
  g_clear_pointer (&self->found_regions, g_ptr_array_unref);

  if (!_vv_ledger_reader_detect_head (self, head, head_len,
                                      src->truncated >= 0 ? src->truncated : src->size > head_len,
                                      name, error))
    return FALSE;

  st.self = self;
  st.name = name;
  st.line_func = line_func;
  st.reject_func = reject_func;
  st.user_data = user_data;
  st.decimal = vv_ledger_reader_get_decimal_mark (self);
  st.sep = vv_ledger_reader_get_separator (self);
  st.cp1252 = vv_ledger_reader_get_encoding (self) == VV_LEDGER_ENCODING_WINDOWS_1252;
  st.default_year = self->default_year ? self->default_year : self->year;
  st.thousands = vv_ledger_reader_get_unit (self) == VV_LEDGER_UNIT_THOUSANDS &&
                 vv_ledger_reader_get_format (self) != VV_LEDGER_FORMAT_KOSTRA;
  /* a trailing separator on the header line adds no column */
  st.n_cols = self->header->len;
  while (st.n_cols > 0 && *(const char *) g_ptr_array_index (self->header, st.n_cols - 1) == '\0')
    st.n_cols--;
  st.line = 1;
  for (int r = 0; r < VV_LEDGER_N_COLUMNS; r++)
    {
      st.col[r] = vv_ledger_reader_get_column (self, r);
      if (st.col[r] >= 0)
        {
          st.max_col = MAX (st.max_col, (guint) st.col[r]);
          st.roles[st.n_roles++] = r;
        }
    }
  kostra = vv_ledger_reader_get_format (self) == VV_LEDGER_FORMAT_KOSTRA;
  if (kostra)
    st.carry = g_malloc (4096 + 1);
  _vv_csv_feeder_init (&f, st.sep ? st.sep : ';', _vv_ledger_read_record_cb,
                       _vv_ledger_read_parse_error_cb, &st);
  if (self->split_only && !kostra)
    _vv_ledger_read_split_setup (&st, &f);

  while (ok)
    {
      const char *chunk;
      gssize n = source_next (src, &chunk, error, name);
      guint64 chunk_start = src->pos - (n > 0 ? (guint64) n : 0);
      const char *chunk_data = chunk;
      const char *nul;

      if (n < 0)
        {
          ok = FALSE;
          break;
        }
      if (n == 0)
        break;
      if (first && self->has_bom && n >= 3)
        {
          chunk += 3;
          n -= 3;
        }
      first = FALSE;

      nul = memchr (chunk, '\0', n);
      if (nul)
        n = nul - chunk;

      if (kostra)
        ok = _vv_kostra_feed (&st, chunk, n, error);
      else
        ok = _vv_csv_feeder_feed (&f, chunk, n, name, error);

      if (ok && nul)
        {
          g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_ENCODING,
                       _("%s: line %llu: the file contains a NUL byte "
                         "(byte %llu); it is not a text file"),
                       name, (unsigned long long) (kostra ? st.line : f.line),
                       (unsigned long long) (chunk_start + (guint64) (nul - chunk_data)));
          ok = FALSE;
        }
      if (!ok)
        break;
      if (st.stopped || f.stop)
        {
          g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_CANCELLED,
                       _("%s: reading was stopped"), name);
          ok = FALSE;
          break;
        }
      if (progress_func)
        progress_func (src->pos, src->size, user_data);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
    }

  if (ok)
    {
      if (kostra)
        {
          if (st.carry_len > 0)
            ok = _vv_kostra_line (&st, st.carry, st.carry_len, error);
          if (ok && st.stopped)
            {
              g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_CANCELLED,
                           _("%s: reading was stopped"), name);
              ok = FALSE;
            }
        }
      else
        {
          ok = _vv_csv_feeder_finish (&f, name, error);
          if (ok && f.stop)
            {
              g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_CANCELLED,
                           _("%s: reading was stopped"), name);
              ok = FALSE;
            }
        }
    }

  if (ok && st.data_rows == 0)
    {
      if (self->header_line > 0)
        g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_NO_DATA,
                     _("%s: found the header row (line %llu), but no data rows"),
                     name, (unsigned long long) self->header_line);
      else
        g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_EMPTY, _("%s: no data found"), name);
      ok = FALSE;
    }

  if (ok && !_vv_ledger_check_choices (&st, error))
    ok = FALSE;

  _vv_csv_feeder_clear (&f);
  g_free (st.conv);
  g_free (st.carry);
  return ok;
}

/* Opens @path (or @data) as a spreadsheet, chooses the sheet and takes its
 * first piece of CSV text as the head. */
static VvSheet *
open_sheet (VvLedgerReader *self,
            const char     *path,
            const char     *data,
            gsize           len,
            const char     *name,
            Source         *src,
            char          **head,
            gsize          *head_len,
            GError        **error)
{
  GError *local = NULL;
  g_autoptr(VvSheet) sheet = _vv_sheet_open (path, data, len, name, &local);
  GPtrArray *names;
  const char *chunk = NULL;
  gssize n;

  if (sheet == NULL)
    {
      _vv_ledger_sheet_error (error, local);
      return NULL;
    }
  names = _vv_sheet_get_names (sheet);
  g_clear_pointer (&self->sheet_names, g_ptr_array_unref);
  self->sheet_names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (self->sheet_names, g_strdup (g_ptr_array_index (names, i)));
  _vv_sheet_set_ledger_func (sheet, _vv_ledger_head_has_header);
  if (!_vv_sheet_select (sheet, self->sheet, &local))
    {
      _vv_ledger_sheet_error (error, local);
      return NULL;
    }
  g_free (self->d_sheet);
  self->d_sheet = g_strdup (_vv_sheet_get_selected (sheet));
  n = _vv_sheet_next (sheet, &chunk, &local);
  if (n < 0)
    {
      _vv_ledger_sheet_error (error, local);
      return NULL;
    }
  *head_len = MIN ((gsize) n, (gsize) HEAD_SIZE);
  *head = g_memdup2 (chunk, *head_len);
  if (src != NULL)
    {
      src->sheet = sheet;
      src->pending = chunk;
      src->pending_len = n;
      src->truncated = (gsize) n > *head_len || n > 0;
    }
  return g_steal_pointer (&sheet);
}

/* The sheet's text is UTF-8 with `;` between fields whatever the settings
 * say for CSV files. */
static gboolean
read_sheet (VvLedgerReader       *self,
            const char           *path,
            const char           *data,
            gsize                 len,
            const char           *name,
            VvLedgerLineFunc      line_func,
            VvLedgerRejectFunc    reject_func,
            VvLedgerProgressFunc  progress_func,
            gpointer              user_data,
            GCancellable         *cancellable,
            GError              **error)
{
  g_autoptr(VvSheet) sheet = NULL;
  g_autofree char *head = NULL;
  Source src = { -1, .truncated = -1 };
  gsize head_len = 0;
  char separator = self->separator;
  VvLedgerEncoding encoding = self->encoding;
  gboolean ok;

  sheet = open_sheet (self, path, data, len, name, &src, &head, &head_len, error);
  if (sheet == NULL)
    return FALSE;
  self->separator = ';';
  self->encoding = VV_LEDGER_ENCODING_UTF8;
  ok = read_source (self, &src, head, head_len, name, line_func, reject_func, progress_func,
                    user_data, cancellable, error);
  self->separator = separator;
  self->encoding = encoding;
  return ok;
}

static gboolean
detect_sheet (VvLedgerReader *self,
              const char     *path,
              const char     *data,
              gsize           len,
              const char     *name,
              GError        **error)
{
  g_autoptr(VvSheet) sheet = NULL;
  g_autofree char *head = NULL;
  gsize head_len = 0;
  char separator = self->separator;
  VvLedgerEncoding encoding = self->encoding;
  gboolean ok;

  sheet = open_sheet (self, path, data, len, name, NULL, &head, &head_len, error);
  if (sheet == NULL)
    return FALSE;
  self->separator = ';';
  self->encoding = VV_LEDGER_ENCODING_UTF8;
  ok = _vv_ledger_reader_detect_head (self, head, head_len, TRUE, name, error);
  self->separator = separator;
  self->encoding = encoding;
  return ok;
}

static gboolean
is_sheet (VvLedgerReader *self,
          const char     *head,
          gsize           len)
{
  return self->format != VV_LEDGER_FORMAT_KOSTRA && _vv_sheet_looks_like (head, len);
}

/* -------------------------------------------------------------- GObject */

static void
vv_ledger_reader_finalize (GObject *object)
{
  VvLedgerReader *self = VV_LEDGER_READER (object);

  g_clear_pointer (&self->header, g_ptr_array_unref);
  g_clear_pointer (&self->preview, g_ptr_array_unref);
  g_clear_pointer (&self->layout_key, g_free);

  g_clear_pointer (&self->sheet, g_free);
  g_clear_pointer (&self->d_sheet, g_free);
  g_clear_pointer (&self->sheet_names, g_ptr_array_unref);
  _vv_ledger_reader_clear_choices (self);

  G_OBJECT_CLASS (vv_ledger_reader_parent_class)->finalize (object);
}

static void
vv_ledger_reader_class_init (VvLedgerReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vv_ledger_reader_finalize;
}

static void
vv_ledger_reader_init (VvLedgerReader *self)
{
  self->header = g_ptr_array_new_with_free_func (g_free);
  self->preview = g_ptr_array_new_with_free_func (_vv_ledger_head_row_free);
  for (int i = 0; i < VV_LEDGER_N_COLUMNS; i++)
    {
      self->columns[i] = -1;
      self->d_columns[i] = -1;
    }
}

/* ------------------------------------------------------------- public API */

/**
 * vv_ledger_reader_new:
 *
 * Returns: (transfer full): a reader with every setting on auto-detect
 */
VvLedgerReader *
vv_ledger_reader_new (void)
{
  return g_object_new (VV_TYPE_LEDGER_READER, NULL);
}

/**
 * vv_ledger_column_to_string:
 * @role: a column role
 *
 * Returns: (transfer none): the translated name of @role
 */
const char *
vv_ledger_column_to_string (VvLedgerColumn role)
{
  g_return_val_if_fail (role < VV_LEDGER_N_COLUMNS, NULL);
  return _(column_names[role]);
}

/**
 * vv_ledger_reader_set_format:
 * @self: a reader
 * @format: %VV_LEDGER_FORMAT_AUTO (default), CSV or KOSTRA
 */
void
vv_ledger_reader_set_format (VvLedgerReader *self,
                             VvLedgerFormat  format)
{
  g_return_if_fail (VV_IS_LEDGER_READER (self));
  self->format = format;
}

/**
 * vv_ledger_reader_set_encoding:
 * @self: a reader
 * @encoding: %VV_LEDGER_ENCODING_AUTO (default), UTF-8 or Windows-1252
 */
void
vv_ledger_reader_set_encoding (VvLedgerReader   *self,
                               VvLedgerEncoding  encoding)
{
  g_return_if_fail (VV_IS_LEDGER_READER (self));
  self->encoding = encoding;
}

/**
 * vv_ledger_reader_set_separator:
 * @self: a reader
 * @separator: `;`, `,` or tab; 0 to detect
 */
void
vv_ledger_reader_set_separator (VvLedgerReader *self,
                                char            separator)
{
  g_return_if_fail (VV_IS_LEDGER_READER (self));
  self->separator = separator;
}

/**
 * vv_ledger_reader_set_decimal_mark:
 * @self: a reader
 * @mark: `,` or `.`; 0 to detect
 */
void
vv_ledger_reader_set_decimal_mark (VvLedgerReader *self,
                                   char            mark)
{
  g_return_if_fail (VV_IS_LEDGER_READER (self));
  g_return_if_fail (mark == 0 || mark == ',' || mark == '.');
  self->decimal_mark = mark;
}

/**
 * vv_ledger_reader_set_default_year:
 * @self: a reader
 * @year: the year for lines that carry none; 0 for none
 */
void
vv_ledger_reader_set_default_year (VvLedgerReader *self,
                                   int             year)
{
  g_return_if_fail (VV_IS_LEDGER_READER (self));
  self->default_year = year;
}

/**
 * vv_ledger_reader_set_column:
 * @self: a reader
 * @role: the column role
 * @index: 0-based column index, or -1 to detect from the header
 */
void
vv_ledger_reader_set_column (VvLedgerReader *self,
                             VvLedgerColumn  role,
                             int             index)
{
  g_return_if_fail (VV_IS_LEDGER_READER (self));
  g_return_if_fail (role < VV_LEDGER_N_COLUMNS);
  self->columns[role] = index < 0 ? -1 : index;
}

/**
 * vv_ledger_reader_detect_bytes:
 * @self: a reader
 * @data: the start of a file (or all of it)
 * @len: length of @data
 * @display_name: the name used in messages
 * @error: return location for a #VV_LEDGER_ERROR
 *
 * Like vv_ledger_reader_detect() on data in memory. Detected settings are
 * filled in as far as detection got, even when it fails.
 *
 * Returns: %TRUE if the data can be read with the detected settings
 */
gboolean
vv_ledger_reader_detect_bytes (VvLedgerReader *self,
                               const char     *data,
                               gsize           len,
                               const char     *display_name,
                               GError        **error)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (is_sheet (self, data, len))
    return detect_sheet (self, NULL, data, len, display_name ? display_name : "", error);
  if (_vv_ledger_looks_utf16 (self, data, len))
    {
      gsize n = 0;
      g_autofree char *u = _vv_ledger_from_utf16 (data, MIN (len, 2 * (gsize) HEAD_SIZE),
                                                  display_name, &n, error);

      return u != NULL && vv_ledger_reader_detect_bytes (self, u, n, display_name, error);
    }
  return _vv_ledger_reader_detect_head (self, data, MIN (len, HEAD_SIZE), len > HEAD_SIZE,
                      display_name ? display_name : "", error);
}

static int
open_file (const char *path,
           guint64    *size,
           gint64     *mtime,
           GError    **error)
{
  struct stat st;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_READ,
                   _("%s: cannot open the file: %s"), path, g_strerror (saved));
      if (fd >= 0)
        close (fd);
      return -1;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_READ,
                   _("%s: not a regular file"), path);
      close (fd);
      return -1;
    }
  *size = st.st_size;
  *mtime = st.st_mtime;
  return fd;
}

static gssize
read_head (int     fd,
           char   *buf,
           gsize   cap)
{
  gsize got = 0;

  while (got < cap)
    {
      gssize n = pread (fd, buf + got, cap - got, got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return -1;
      if (n == 0)
        break;
      got += n;
    }
  return got;
}

/**
 * vv_ledger_reader_detect:
 * @self: a reader
 * @path: the file
 * @error: return location for a #VV_LEDGER_ERROR
 *
 * Sniffs the first 256 KiB of @path: format (CSV or KOSTRA), encoding,
 * separator, header row, column roles and decimal mark. Settings given with
 * the setters win over detection. The getters return the result, which is
 * filled in as far as detection got even when this fails (for a preview).
 *
 * Returns: %TRUE if the file can be read with these settings
 */
gboolean
vv_ledger_reader_detect (VvLedgerReader *self,
                         const char     *path,
                         GError        **error)
{
  g_autofree char *head = NULL;
  guint64 size;
  gint64 mtime;
  gssize n;
  int fd;

  g_return_val_if_fail (VV_IS_LEDGER_READER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((fd = open_file (path, &size, &mtime, error)) < 0)
    return FALSE;
  head = g_malloc (HEAD_SIZE);
  n = read_head (fd, head, HEAD_SIZE);
  close (fd);
  if (n < 0)
    {
      int saved = errno;

      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_READ,
                   _("%s: cannot read the file: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (is_sheet (self, head, n))
    return detect_sheet (self, path, NULL, 0, path, error);
  if (_vv_ledger_looks_utf16 (self, head, n))
    return vv_ledger_reader_detect_bytes (self, head, n, path, error);
  return _vv_ledger_reader_detect_head (self, head, n, size > (guint64) n, path, error);
}

/**
 * vv_ledger_reader_read:
 * @self: a reader
 * @path: the ledger file (CSV or KOSTRA extract)
 * @line_func: (scope call) (nullable): called for each good line
 * @reject_func: (scope call) (nullable): called for each line that cannot be read
 * @progress_func: (scope call) (nullable): called after each 1 MiB
 * @user_data: passed to the callbacks
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #VV_LEDGER_ERROR (or %G_IO_ERROR_CANCELLED)
 *
 * Detects the layout (see vv_ledger_reader_detect()) and streams the file
 * in 1 MiB chunks. Line numbers are physical lines of the file. Per-line
 * problems go to @reject_func and are counted; problems with the whole file
 * fail with @error (the callbacks may already have seen lines).
 *
 * Returns: %TRUE if the whole file was read
 */
gboolean
vv_ledger_reader_read (VvLedgerReader       *self,
                       const char           *path,
                       VvLedgerLineFunc      line_func,
                       VvLedgerRejectFunc    reject_func,
                       VvLedgerProgressFunc  progress_func,
                       gpointer              user_data,
                       GCancellable         *cancellable,
                       GError              **error)
{
  g_autofree char *buf = NULL;
  Source src = { -1, .truncated = -1 };
  gssize head_len;
  gint64 mtime;
  gboolean ok;
  struct stat after;

  g_return_val_if_fail (VV_IS_LEDGER_READER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if ((src.fd = open_file (path, &src.size, &mtime, error)) < 0)
    return FALSE;
  buf = g_malloc (CHUNK_SIZE);
  head_len = read_head (src.fd, buf, MIN ((guint64) HEAD_SIZE, src.size));
  if (head_len < 0)
    {
      int saved = errno;

      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_READ,
                   _("%s: cannot read the file: %s"), path, g_strerror (saved));
      close (src.fd);
      return FALSE;
    }
  if (is_sheet (self, buf, head_len))
    {
      close (src.fd);
      return read_sheet (self, path, NULL, 0, path, line_func, reject_func, progress_func,
                         user_data, cancellable, error);
    }
  {
    /* the head is needed while the first chunk overwrites buf; "Unicode
     * text" from Excel is converted chunk by chunk */
    gboolean utf16 = _vv_ledger_looks_utf16 (self, buf, head_len);
    gsize n = head_len;
    g_autofree char *head = utf16 ? _vv_ledger_from_utf16 (buf, head_len, path, &n, error)
                                  : g_memdup2 (buf, head_len);

    src.buf = buf;
    if (utf16)
      {
        src.utf16 = _vv_ledger_utf16_new (buf, head_len);
        src.truncated = src.size > (guint64) head_len;
      }
    ok = (!utf16 || head != NULL)
         && read_source (self, &src, head, n, path, line_func, reject_func, progress_func,
                         user_data, cancellable, error);
    _vv_ledger_utf16_free (src.utf16);
  }
  if (ok && (fstat (src.fd, &after) != 0 || (guint64) after.st_size != src.size
             || after.st_mtime != mtime))
    {
      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_READ,
                   _("%s: the file changed while it was being read"), path);
      ok = FALSE;
    }
  close (src.fd);
  return ok;
}

/**
 * vv_ledger_reader_read_bytes:
 * @self: a reader
 * @data: the whole file in memory
 * @len: its length
 * @display_name: the name used in messages
 * @line_func: (scope call) (nullable): called for each good line
 * @reject_func: (scope call) (nullable): called for each line that cannot be read
 * @progress_func: (scope call) (nullable): called after each 1 MiB
 * @user_data: passed to the callbacks
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #VV_LEDGER_ERROR
 *
 * Like vv_ledger_reader_read() on data in memory (tests, fuzzers).
 *
 * Returns: %TRUE if all of @data was read
 */
gboolean
vv_ledger_reader_read_bytes (VvLedgerReader       *self,
                             const char           *data,
                             gsize                 len,
                             const char           *display_name,
                             VvLedgerLineFunc      line_func,
                             VvLedgerRejectFunc    reject_func,
                             VvLedgerProgressFunc  progress_func,
                             gpointer              user_data,
                             GCancellable         *cancellable,
                             GError              **error)
{
  Source src = { -1, .truncated = -1 };

  g_return_val_if_fail (VV_IS_LEDGER_READER (self), FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (data != NULL && is_sheet (self, data, len))
    return read_sheet (self, NULL, data, len, display_name ? display_name : "", line_func,
                       reject_func, progress_func, user_data, cancellable, error);
  if (data != NULL && _vv_ledger_looks_utf16 (self, data, len))
    {
      gsize n = 0;
      g_autofree char *head = _vv_ledger_from_utf16 (data, MIN (len, 2 * (gsize) HEAD_SIZE),
                                                     display_name, &n, error);
      gboolean ok;

      if (head == NULL)
        return FALSE;
      src.mem = data;
      src.size = len;
      src.truncated = len > 2 * (gsize) HEAD_SIZE;
      src.utf16 = _vv_ledger_utf16_new (data, len);
      ok = read_source (self, &src, head, n, display_name ? display_name : "", line_func,
                        reject_func, progress_func, user_data, cancellable, error);
      _vv_ledger_utf16_free (src.utf16);
      return ok;
    }
  src.mem = data ? data : "";
  src.size = len;
  return read_source (self, &src, src.mem, MIN (len, HEAD_SIZE),
                      display_name ? display_name : "", line_func, reject_func,
                      progress_func, user_data, cancellable, error);
}

/**
 * vv_ledger_reader_get_format:
 * @self: a reader
 *
 * Returns: the format set, or else the detected one
 */
VvLedgerFormat
vv_ledger_reader_get_format (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), VV_LEDGER_FORMAT_AUTO);
  return self->format != VV_LEDGER_FORMAT_AUTO ? self->format : self->d_format;
}

/**
 * vv_ledger_reader_get_encoding:
 * @self: a reader
 *
 * Returns: the encoding set, or else the detected one
 */
VvLedgerEncoding
vv_ledger_reader_get_encoding (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), VV_LEDGER_ENCODING_AUTO);
  return self->encoding != VV_LEDGER_ENCODING_AUTO ? self->encoding : self->d_encoding;
}

/**
 * vv_ledger_reader_get_separator:
 * @self: a reader
 *
 * Returns: the separator set, or else the detected one (0 if unknown)
 */
char
vv_ledger_reader_get_separator (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), 0);
  return self->separator ? self->separator : self->d_separator;
}

/**
 * vv_ledger_reader_get_decimal_mark:
 * @self: a reader
 *
 * Returns: the decimal mark set, or else the detected one (0 if unknown)
 */
char
vv_ledger_reader_get_decimal_mark (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), 0);
  return self->decimal_mark ? self->decimal_mark : self->d_decimal_mark;
}

/**
 * vv_ledger_reader_get_default_year:
 * @self: a reader
 *
 * Returns: the default year, 0 for none
 */
int
vv_ledger_reader_get_default_year (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), 0);
  return self->default_year;
}

/**
 * vv_ledger_reader_get_column:
 * @self: a reader
 * @role: a column role
 *
 * Returns: the 0-based column for @role (set, or else detected), or -1
 */
int
vv_ledger_reader_get_column (VvLedgerReader *self,
                             VvLedgerColumn  role)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), -1);
  g_return_val_if_fail (role < VV_LEDGER_N_COLUMNS, -1);
  return self->columns[role] >= 0 ? self->columns[role] : self->d_columns[role];
}

/**
 * vv_ledger_reader_get_layout_key:
 * @self: a reader
 *
 * Returns: (nullable) (transfer none): a stable key for the detected
 *   layout (a hash of the normalised header and separator), to remember a
 *   column mapping per layout; %NULL before detection
 */
const char *
vv_ledger_reader_get_layout_key (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), NULL);
  return self->layout_key;
}

/**
 * vv_ledger_reader_get_header:
 * @self: a reader
 *
 * Returns: (transfer none) (element-type utf8): the header cells as in the
 *   file (UTF-8); empty for KOSTRA files or when no header was found
 */
GPtrArray *
vv_ledger_reader_get_header (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), NULL);
  return self->header;
}

/**
 * vv_ledger_reader_get_header_line:
 * @self: a reader
 *
 * Returns: the physical line of the header row, 0 if none (lines before it
 *   are a skipped preamble)
 */
guint64
vv_ledger_reader_get_header_line (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), 0);
  return self->header_line;
}

/**
 * vv_ledger_reader_get_n_preview_rows:
 * @self: a reader
 *
 * Returns: how many rows after the header the last detection kept for a
 *   preview (at most 200, from the first 256 KiB)
 */
guint
vv_ledger_reader_get_n_preview_rows (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), 0);
  return self->preview->len;
}

/**
 * vv_ledger_reader_get_preview_row:
 * @self: a reader
 * @index: the row, below vv_ledger_reader_get_n_preview_rows()
 * @line_no: (out) (optional): the physical line the row starts on
 *
 * The cells of a row as split by the detected (or set) separator, in UTF-8,
 * unparsed. For a KOSTRA file the cells are the ten record fields, matching
 * the header from vv_ledger_reader_get_header().
 *
 * Returns: (transfer none) (array zero-terminated=1): the cells
 */
const char * const *
vv_ledger_reader_get_preview_row (VvLedgerReader *self,
                                  guint           index,
                                  guint64        *line_no)
{
  VvLedgerHeadRow *row;

  g_return_val_if_fail (VV_IS_LEDGER_READER (self), NULL);
  g_return_val_if_fail (index < self->preview->len, NULL);

  row = g_ptr_array_index (self->preview, index);
  if (line_no)
    *line_no = row->line;
  return (const char * const *) row->cells;
}

/**
 * vv_ledger_reader_get_lines_read:
 * @self: a reader
 *
 * Returns: the number of lines handed to the line callback by the last read
 */
guint64
vv_ledger_reader_get_lines_read (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), 0);
  return self->lines_read;
}

/**
 * vv_ledger_reader_get_lines_rejected:
 * @self: a reader
 *
 * Returns: the number of lines handed to the reject callback by the last read
 */
guint64
vv_ledger_reader_get_lines_rejected (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), 0);
  return self->lines_rejected;
}

/**
 * vv_ledger_reader_get_lines_skipped:
 * @self: a reader
 *
 * Returns: the number of sum/subtotal rows skipped by the last read
 */
guint64
vv_ledger_reader_get_lines_skipped (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), 0);
  return self->lines_skipped;
}

/**
 * vv_ledger_reader_get_first_recoded_line:
 * @self: a #VvLedgerReader
 *
 * Returns: the first line of a UTF-8 file that was not UTF-8 and was read as
 *   Windows-1252 by the last read, or 0
 */
guint64
vv_ledger_reader_get_first_recoded_line (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), 0);
  return self->first_recoded_line;
}

/**
 * vv_ledger_reader_get_lines_recoded:
 * @self: a reader
 *
 * Returns: the number of lines of a UTF-8 file that were not valid UTF-8
 *   and were read as Windows-1252 instead (mixed encoding)
 */
guint64
vv_ledger_reader_get_lines_recoded (VvLedgerReader *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_READER (self), 0);
  return self->lines_recoded;
}
