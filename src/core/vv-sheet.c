/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-sheet"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gsf/gsf-infile-zip.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-input-stdio.h>
#include <gsf/gsf-input.h>
#include <libxml/parser.h>
#include <string.h>

#include "vv-sheet-private.h"

#define OUT_CHUNK   (1024 * 1024)
#define MAX_COLUMNS 16384             /* Excel's limit; more is a broken file */
#define MAX_REPEAT  1024              /* repeated cells or rows with content */
#define READ_CHUNK  (256 * 1024)      /* inflated XML handed to the parser at a time */
#define SPACE_DEPTH 16                /* nested xml:space attributes followed */

/* libgsf 1.14.50 (Debian 12) declares no autoptr cleanup; a name of our
 * own cannot clash with one a later libgsf adds. */
typedef GsfInput VvGsfInput;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VvGsfInput, g_object_unref)

G_DEFINE_QUARK (vv-sheet-error-quark, _vv_sheet_error)

typedef enum
{
  KIND_XLSX,
  KIND_ODS,
} Kind;

typedef struct
{
  char *name;
  char *path;          /* xlsx: the worksheet's member, e.g. "xl/worksheets/sheet1.xml" */
  gboolean has_values; /* ods: a cell with a value type */
} SheetInfo;

typedef struct
{
  GHashTable *targets;       /* xlsx relationship Id → member */
  char       *shared_path;
} Rels;

/* What a pass of libxml2's SAX2 push parser over one member is for. */
typedef enum
{
  PARSE_RELS,          /* xlsx: the workbook's relationships (sheets' members) */
  PARSE_WORKBOOK,      /* xlsx: the sheets' names */
  PARSE_SHARED,        /* xlsx shared strings into the table */
  PARSE_XLSX,          /* the selected worksheet as CSV text */
  PARSE_ODS,           /* the selected table of content.xml as CSV text */
  PARSE_ODS_NAMES,     /* the tables' names, and whether each has a value */
  PARSE_PROBE_XLSX,    /* whether a worksheet has a value */
} ParseMode;

typedef enum
{
  CELL_NUMBER,         /* decimal text, written with a decimal comma */
  CELL_SHARED,         /* xlsx: an index into the shared strings */
  CELL_RAW,            /* written as it is */
} CellKind;

/* The names the parser's dictionary interns, so that an element or attribute
 * is told by its pointer (libxml2 hands out local names from the dictionary). */
typedef struct
{
  const xmlChar *boolean_value, *c, *columns_repeated, *covered_table_cell, *date_value, *id,
                *Id, *is, *line_break, *name, *p, *r, *relationship, *row, *rows_repeated, *rph,
                *s, *sheet, *si, *space, *t, *tab, *table, *table_cell, *table_row, *target,
                *type, *v, *value, *value_type, *xml;
} Names;

/* One pass of the SAX2 push parser over a member: nothing is built, the
 * callbacks write cells straight into the row. Depths count elements from
 * the document's (1); a depth of 0 means "not inside one". */
typedef struct
{
  VvSheet          *sheet;
  GsfInput         *input;         /* borrowed */
  xmlParserCtxtPtr  ctxt;
  ParseMode         mode;
  Names             n;
  const char       *want;          /* ods: the table's name */
  gpointer          data;          /* the pass's result (see parse_member()) */
  gboolean          stop;          /* done early (not an error) */
  gboolean          failed;
  const char       *what;          /* what failed, for the message */

  int               depth;
  int               skip;          /* a subtree left out (rPh, another table) */
  int               collect;       /* the element whose text is gathered */
  GString          *text;          /* where it goes */
  gsize             seg_start;     /* the text node being gathered: where it began */
  gboolean          seg_blank;     /* and whether it is blanks only so far */
  gboolean          skip_phonetic;
  int               space_depth[SPACE_DEPTH];   /* xml:space in scope */
  gboolean          space_keep[SPACE_DEPTH];
  int               n_space;

  int               in_table, in_row, in_cell;
  CellKind          kind;
  gboolean          have_value;    /* xlsx: a <v> or <is>; ods: a value attribute */
  guint             col;
  guint             cell_repeat;
  guint             row_repeat;
  GString          *value;         /* ods: the cell's value attribute */
} Parse;

struct _VvSheet
{
  Kind              kind;
  char             *name;          /* the file, for messages */
  GsfInput         *source;
  GsfInfile        *zip;
  GPtrArray        *sheets;        /* SheetInfo* */
  GPtrArray        *names;         /* char*, borrowed from sheets */
  GString          *shared;        /* xlsx shared strings, each ending in NUL */
  GArray           *shared_at;     /* gsize: where each begins */
  int               selected;
  VvSheetLedgerFunc is_ledger;

  /* Streaming the selected sheet */
  GsfInput         *member;
  Parse            *parse;
  gboolean          done;
  GString          *out;           /* CSV text not yet handed out */
  GString          *row;           /* the row being built */
  GString          *cell;          /* the cell's text being built */
  GString          *digits;        /* scratch for numbers */
  GString          *number;
  guint64           lines;         /* lines written so far */
  guint64           row_no;        /* 1-based row being built */
  guint             n_fields;      /* fields written in the row */
  gboolean          row_has_value;
};

/* Helpers */

static void
sheet_info_free (SheetInfo *s)
{
  g_free (s->name);
  g_free (s->path);
  g_free (s);
}

static GsfInput *
member (VvSheet    *self,
        const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);

  return gsf_infile_child_by_aname (self->zip, (const char **) parts);
}

static gboolean
xml_failed (VvSheet    *self,
            const char *what,
            GError    **error)
{
  g_set_error (error, VV_SHEET_ERROR, VV_SHEET_ERROR_DAMAGED,
               _("%s: the spreadsheet is damaged (%s cannot be read)"), self->name, what);
  return FALSE;
}

/* "B12" → column 1 (0-based); -1 when not a cell reference. */
static int
column_of_ref (const char *ref,
               gsize       len)
{
  int col = 0;
  const char *p = ref;

  if (ref == NULL || len == 0 || !g_ascii_isalpha (*p))
    return -1;
  for (; p < ref + len && g_ascii_isalpha (*p); p++)
    {
      col = col * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (col > MAX_COLUMNS)
        return -1;
    }
  return col - 1;
}

/* ------------------------------------------------------------------ rows */

static void
row_begin (VvSheet *self,
           guint64  row_no)
{
  g_string_truncate (self->row, 0);
  self->n_fields = 0;
  self->row_has_value = FALSE;
  self->row_no = row_no;
}

/* Writes @text as field @col of the row (empty fields before it as needed). */
static void
row_cell (VvSheet    *self,
          guint       col,
          const char *text)
{
  gboolean quote;

  if (text == NULL || *text == '\0' || col >= MAX_COLUMNS)
    return;
  while (self->n_fields < col)
    {
      if (self->n_fields > 0)
        g_string_append_c (self->row, ';');
      self->n_fields++;
    }
  if (self->n_fields > 0)
    g_string_append_c (self->row, ';');
  self->n_fields++;
  self->row_has_value = TRUE;

  quote = strpbrk (text, ";\"") != NULL;
  if (quote)
    g_string_append_c (self->row, '"');
  for (const char *p = text; ; p++)
    {
      gsize run = strcspn (p, "\"\n\r\t");

      g_string_append_len (self->row, p, (gssize) run);
      p += run;
      if (*p == '\0')
        break;
      if (*p == '"')
        g_string_append (self->row, "\"\"");
      else
        g_string_append_c (self->row, ' ');    /* one row, one line: the line number is the row */
    }
  if (quote)
    g_string_append_c (self->row, '"');
}

static void
row_end (VvSheet *self,
         guint    repeat)
{
  if (!self->row_has_value)
    return;    /* empty rows are written as blank lines when a later row needs them */
  for (guint i = 0; i < repeat; i++)
    {
      while (self->lines + 1 < self->row_no + i)
        {
          g_string_append_c (self->out, '\n');
          self->lines++;
        }
      g_string_append_len (self->out, self->row->str, self->row->len);
      g_string_append_c (self->out, '\n');
      self->lines++;
    }
}

/* --------------------------------------------------------------- numbers */

/* _vv_sheet_number_text() with a scratch string for the digits. */
static gboolean
number_text (const char *value,
             GString    *digits,
             GString    *out)
{
  const char *p = value;
  gboolean neg = FALSE, seen_digit = FALSE;
  int point = -1;              /* digits before the decimal point */
  long exp = 0;
  long int_len;
  gsize start;

  g_string_truncate (digits, 0);
  while (*p == ' ')
    p++;
  if (*p == '-' || *p == '+')
    neg = *p++ == '-';
  for (; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (digits, *p);
          seen_digit = TRUE;
        }
      else if (*p == '.' && point < 0)
        point = (int) digits->len;
      else
        break;
    }
  if (!seen_digit)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      char *end = NULL;

      exp = strtol (p + 1, &end, 10);
      if (end == p + 1 || exp > 40 || exp < -40)
        return FALSE;
      p = end;
    }
  while (*p == ' ')
    p++;
  if (*p != '\0')
    return FALSE;
  if (point < 0)
    point = (int) digits->len;

  /* Move the point by the exponent; pad with zeros on either side. */
  int_len = point + exp;
  while (int_len < 0)
    {
      g_string_prepend_c (digits, '0');
      int_len++;
    }
  while ((long) digits->len < int_len + 3)
    g_string_append_c (digits, '0');

  /* Round to two decimals, half away from zero. */
  if (digits->str[int_len + 2] >= '5')
    {
      long i = int_len + 1;

      while (i >= 0 && digits->str[i] == '9')
        digits->str[i--] = '0';
      if (i >= 0)
        digits->str[i]++;
      else
        {
          g_string_prepend_c (digits, '1');
          int_len++;
        }
    }
  g_string_truncate (digits, int_len + 2);

  for (start = 0; (long) start < int_len - 1 && digits->str[start] == '0'; start++)
    ;
  if (neg && strspn (digits->str, "0") != digits->len)
    g_string_append_c (out, '-');
  if (int_len == 0)
    g_string_append_c (out, '0');
  else
    g_string_append_len (out, digits->str + start, int_len - start);
  if (digits->str[int_len] != '0' || digits->str[int_len + 1] != '0')
    {
      g_string_append_c (out, ',');
      g_string_append_c (out, digits->str[int_len]);
      if (digits->str[int_len + 1] != '0')
        g_string_append_c (out, digits->str[int_len + 1]);
    }
  return TRUE;
}

/**
 * _vv_sheet_number_text:
 * @value: a spreadsheet's numeric value as stored: `1471207.7`, `-3E-2`,
 *   `0.30000000000000004`
 * @out: where the number goes, with a decimal comma: `1471207,7`, `-0,03`,
 *   `0,3`
 *
 * Converts the decimal text exactly (no double), rounded half away from zero
 * to two decimals (whole øre).
 *
 * Returns: %FALSE (and @out untouched) when @value is not a number
 */
gboolean
_vv_sheet_number_text (const char *value,
                       GString    *out)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  return number_text (value, digits, out);
}

static void
number_cell (VvSheet    *self,
             guint       col,
             const char *value)
{
  g_string_truncate (self->number, 0);
  if (number_text (value, self->digits, self->number))
    row_cell (self, col, self->number->str);
  else
    row_cell (self, col, value);   /* not a number: the reader says so */
}

/* ------------------------------------------------------------------- SAX */

static void
intern_names (Parse *p)
{
  xmlDictPtr d = p->ctxt->dict;
  Names *n = &p->n;

#define NAME(field, text) n->field = xmlDictLookup (d, (const xmlChar *) text, -1)
  NAME (boolean_value, "boolean-value");
  NAME (c, "c");
  NAME (columns_repeated, "number-columns-repeated");
  NAME (covered_table_cell, "covered-table-cell");
  NAME (date_value, "date-value");
  NAME (id, "id");
  NAME (Id, "Id");
  NAME (is, "is");
  NAME (line_break, "line-break");
  NAME (name, "name");
  NAME (p, "p");
  NAME (r, "r");
  NAME (relationship, "Relationship");
  NAME (row, "row");
  NAME (rows_repeated, "number-rows-repeated");
  NAME (rph, "rPh");
  NAME (s, "s");
  NAME (sheet, "sheet");
  NAME (si, "si");
  NAME (space, "space");
  NAME (t, "t");
  NAME (tab, "tab");
  NAME (table, "table");
  NAME (table_cell, "table-cell");
  NAME (table_row, "table-row");
  NAME (target, "Target");
  NAME (type, "Type");
  NAME (v, "v");
  NAME (value, "value");
  NAME (value_type, "value-type");
  NAME (xml, "xml");
#undef NAME
}

/* The value of the attribute @local (any prefix) among SAX2's @attrs
 * (localname, prefix, URI, value, end: five pointers each); not NUL-ended. */
static const char *
sax_attr (const xmlChar **attrs,
          int             n_attrs,
          const xmlChar  *local,
          gsize          *len)
{
  for (int i = 0; i < n_attrs; i++, attrs += 5)
    if (attrs[0] == local)
      {
        *len = (gsize) (attrs[4] - attrs[3]);
        return (const char *) attrs[3];
      }
  return NULL;
}

static gboolean
attr_is (const char *value,
         gsize       len,
         const char *text)
{
  return value != NULL && len == strlen (text) && memcmp (value, text, len) == 0;
}

/* A number attribute as g_ascii_strtoull() reads it; @missing when absent. */
static guint64
attr_uint (const char *value,
           gsize       len,
           guint64     missing)
{
  char buf[32];

  if (value == NULL)
    return missing;
  len = MIN (len, sizeof buf - 1);
  memcpy (buf, value, len);
  buf[len] = '\0';
  return g_ascii_strtoull (buf, NULL, 10);
}

static guint
repeat_attr (Parse          *p,
             const xmlChar **attrs,
             int             n_attrs,
             const xmlChar  *local)
{
  gsize len = 0;
  const char *v = sax_attr (attrs, n_attrs, local, &len);
  guint64 n = attr_uint (v, len, 1);

  return (guint) CLAMP (n, 1, G_MAXUINT / 2);
}

/* xml:space on an element: whether blank text nodes under it are kept.
 * Without one they are (libxml2's reader, which this replaces, gave them as
 * significant whitespace); under xml:space="default" they are left out. */
static void
space_push (Parse          *p,
            const xmlChar **attrs,
            int             n_attrs)
{
  for (int i = 0; i < n_attrs; i++, attrs += 5)
    if (attrs[1] == p->n.xml && attrs[0] == p->n.space)
      {
        gsize len = (gsize) (attrs[4] - attrs[3]);
        const char *v = (const char *) attrs[3];
        gboolean keep;

        if (attr_is (v, len, "preserve"))
          keep = TRUE;
        else if (attr_is (v, len, "default"))
          keep = FALSE;
        else
          return;
        if (p->n_space < SPACE_DEPTH)
          {
            p->space_depth[p->n_space] = p->depth;
            p->space_keep[p->n_space++] = keep;
          }
        return;
      }
}

static void
space_pop (Parse *p,
           int    depth)
{
  if (p->n_space > 0 && p->space_depth[p->n_space - 1] == depth)
    p->n_space--;
}

/* Gathered text comes in text nodes: one that is blanks only is dropped
 * under xml:space="default". */
static void
segment_begin (Parse *p)
{
  p->seg_start = p->text->len;
  p->seg_blank = TRUE;
}

static void
segment_end (Parse *p)
{
  if (p->seg_blank && p->n_space > 0 && !p->space_keep[p->n_space - 1])
    g_string_truncate (p->text, p->seg_start);
  segment_begin (p);
}

static void
collect_begin (Parse   *p,
               GString *into,
               gboolean skip_phonetic)
{
  p->collect = p->depth;
  p->text = into;
  p->skip_phonetic = skip_phonetic;
  segment_begin (p);
}

/* An element inside gathered text: xlsx phonetic runs are left out; ods
 * <text:s text:c="N"/> is N spaces (at most 64), tabs and breaks a space. */
static void
collect_child (Parse          *p,
               const xmlChar  *local,
               const xmlChar **attrs,
               int             n_attrs)
{
  segment_end (p);
  if (local == p->n.rph && p->skip_phonetic)
    p->skip = p->depth;
  else if (local == p->n.s)
    {
      gsize len = 0;
      const char *c = sax_attr (attrs, n_attrs, p->n.c, &len);
      guint64 n = attr_uint (c, len, 1);

      for (guint64 i = 0; i < MIN (n, 64); i++)
        g_string_append_c (p->text, ' ');
    }
  else if (local == p->n.tab || local == p->n.line_break)
    g_string_append_c (p->text, ' ');
  segment_begin (p);
}

static void
parse_fail (Parse      *p,
            const char *what)
{
  p->failed = TRUE;
  p->what = what;
  xmlStopParser (p->ctxt);
}

static void
parse_stop (Parse *p)
{
  p->stop = TRUE;
  xmlStopParser (p->ctxt);
}

static void
xlsx_cell_begin (Parse          *p,
                 const xmlChar **attrs,
                 int             n_attrs)
{
  VvSheet *self = p->sheet;
  gsize ref_len = 0, t_len = 0;
  const char *ref = sax_attr (attrs, n_attrs, p->n.r, &ref_len);
  const char *t = sax_attr (attrs, n_attrs, p->n.t, &t_len);
  int col = column_of_ref (ref, ref_len);

  p->in_cell = p->depth;
  p->col = col < 0 ? self->n_fields : (guint) col;
  p->kind = t == NULL || attr_is (t, t_len, "n") ? CELL_NUMBER
            : attr_is (t, t_len, "s") ? CELL_SHARED : CELL_RAW;   /* inlineStr, str, b, e, d */
  p->have_value = FALSE;
  g_string_truncate (self->cell, 0);
}

static void
xlsx_cell_end (Parse *p)
{
  VvSheet *self = p->sheet;

  p->in_cell = 0;
  if (!p->have_value)
    return;
  if (p->kind == CELL_NUMBER)
    number_cell (self, p->col, self->cell->str);
  else if (p->kind == CELL_SHARED)
    {
      guint64 i = g_ascii_strtoull (self->cell->str, NULL, 10);

      if (i >= self->shared_at->len)
        parse_fail (p, "a shared string");
      else
        row_cell (self, p->col, self->shared->str + g_array_index (self->shared_at, gsize, i));
    }
  else
    row_cell (self, p->col, self->cell->str);
}

static void
ods_cell_begin (Parse          *p,
                const xmlChar **attrs,
                int             n_attrs)
{
  gsize t_len = 0, v_len = 0;
  const char *t = sax_attr (attrs, n_attrs, p->n.value_type, &t_len);
  const char *v = NULL;

  p->in_cell = p->depth;
  p->cell_repeat = repeat_attr (p, attrs, n_attrs, p->n.columns_repeated);
  p->kind = CELL_RAW;
  if (attr_is (t, t_len, "float") || attr_is (t, t_len, "currency") ||
      attr_is (t, t_len, "percentage"))
    {
      v = sax_attr (attrs, n_attrs, p->n.value, &v_len);
      p->kind = CELL_NUMBER;
    }
  else if (attr_is (t, t_len, "date"))
    v = sax_attr (attrs, n_attrs, p->n.date_value, &v_len);
  else if (attr_is (t, t_len, "boolean"))
    v = sax_attr (attrs, n_attrs, p->n.boolean_value, &v_len);
  p->have_value = v != NULL;
  g_string_truncate (p->value, 0);
  if (v != NULL)
    g_string_append_len (p->value, v, (gssize) v_len);
  g_string_truncate (p->sheet->cell, 0);
}

static void
ods_cell_end (Parse *p)
{
  VvSheet *self = p->sheet;
  guint n = MIN (p->cell_repeat, MAX_REPEAT);

  p->in_cell = 0;
  if (p->have_value || self->cell->len > 0)
    for (guint i = 0; i < n; i++)
      {
        if (p->have_value && p->kind == CELL_NUMBER)
          number_cell (self, p->col + i, p->value->str);
        else
          row_cell (self, p->col + i, p->have_value ? p->value->str : self->cell->str);
      }
  p->col = (p->col + n > MAX_COLUMNS) ? MAX_COLUMNS : p->col + n;
}

static void
ods_element (Parse          *p,
             const xmlChar  *local,
             const xmlChar **attrs,
             int             n_attrs)
{
  VvSheet *self = p->sheet;

  if (p->in_cell)
    {
      if (local == p->n.p)
        {
          if (self->cell->len > 0)
            g_string_append_c (self->cell, ' ');
          collect_begin (p, self->cell, FALSE);
        }
    }
  else if (p->in_row)
    {
      if (local == p->n.table_cell || local == p->n.covered_table_cell)
        ods_cell_begin (p, attrs, n_attrs);
    }
  else if (local == p->n.table)
    {
      gsize len = 0;
      const char *name = sax_attr (attrs, n_attrs, p->n.name, &len);

      if (!p->in_table && attr_is (name, len, p->want))
        p->in_table = p->depth;
      else
        p->skip = p->depth;        /* another table, whole */
    }
  else if (p->in_table && local == p->n.table_row)
    {
      p->in_row = p->depth;
      p->row_repeat = repeat_attr (p, attrs, n_attrs, p->n.rows_repeated);
      p->col = 0;
      row_begin (self, self->row_no + 1);
    }
}

/* xl/_rels/workbook.xml.rels: Id → member; the shared strings' member. */
static void
xlsx_relationship (Parse          *p,
                   const xmlChar **attrs,
                   int             n_attrs)
{
  Rels *rels = p->data;
  gsize id_len = 0, target_len = 0, type_len = 0;
  const char *id = sax_attr (attrs, n_attrs, p->n.Id, &id_len);
  const char *target = sax_attr (attrs, n_attrs, p->n.target, &target_len);
  const char *type = sax_attr (attrs, n_attrs, p->n.type, &type_len);
  g_autofree char *t = NULL;
  char *path;

  if (id == NULL || target == NULL)
    return;
  t = g_strndup (target, target_len);
  path = t[0] == '/' ? g_strdup (t + 1) : g_strconcat ("xl/", t, NULL);
  if (type != NULL && type_len >= 14 && memcmp (type + type_len - 14, "/sharedStrings", 14) == 0)
    {
      g_free (rels->shared_path);
      rels->shared_path = g_strdup (path);
    }
  g_hash_table_insert (rels->targets, g_strndup (id, id_len), path);
}

static void
xlsx_sheet (Parse          *p,
            const xmlChar **attrs,
            int             n_attrs)
{
  GHashTable *targets = p->data;
  SheetInfo *s = g_new0 (SheetInfo, 1);
  gsize id_len = 0, name_len = 0;
  const char *id = sax_attr (attrs, n_attrs, p->n.id, &id_len);      /* r:id */
  const char *name = sax_attr (attrs, n_attrs, p->n.name, &name_len);
  g_autofree char *key = id ? g_strndup (id, id_len) : NULL;

  s->name = name ? g_strndup (name, name_len) : g_strdup ("");
  s->path = g_strdup (key ? g_hash_table_lookup (targets, key) : NULL);
  g_ptr_array_add (p->sheet->sheets, s);
}

static void
sax_start (void           *ctx,
           const xmlChar  *local,
           const xmlChar  *prefix,
           const xmlChar  *uri,
           int             n_namespaces,
           const xmlChar **namespaces,
           int             n_attrs,
           int             n_defaulted,
           const xmlChar **attrs)
{
  Parse *p = ctx;
  VvSheet *self = p->sheet;

  p->depth++;
  if (p->skip)
    return;
  if (n_attrs > 0)
    space_push (p, attrs, n_attrs);
  if (p->collect)
    {
      collect_child (p, local, attrs, n_attrs);
      return;
    }
  switch (p->mode)
    {
    case PARSE_XLSX:
      if (p->in_cell)
        {
          if (local == p->n.v || local == p->n.is)
            {
              p->have_value = TRUE;
              collect_begin (p, self->cell, TRUE);
            }
        }
      else if (local == p->n.c)
        xlsx_cell_begin (p, attrs, n_attrs);
      else if (local == p->n.row)
        {
          gsize len = 0;
          const char *rn = sax_attr (attrs, n_attrs, p->n.r, &len);
          guint64 n = attr_uint (rn, len, 0);

          row_begin (self, n > self->row_no ? n : self->row_no + 1);
        }
      break;
    case PARSE_ODS:
      ods_element (p, local, attrs, n_attrs);
      break;
    case PARSE_RELS:
      if (local == p->n.relationship)
        xlsx_relationship (p, attrs, n_attrs);
      break;
    case PARSE_WORKBOOK:
      if (local == p->n.sheet)
        xlsx_sheet (p, attrs, n_attrs);
      break;
    case PARSE_SHARED:
      if (local == p->n.si)
        {
          gsize at = self->shared->len;

          g_array_append_val (self->shared_at, at);
          collect_begin (p, self->shared, TRUE);
        }
      break;
    case PARSE_ODS_NAMES:
      if (!p->in_table && local == p->n.table)
        {
          SheetInfo *t = g_new0 (SheetInfo, 1);
          gsize len = 0;
          const char *name = sax_attr (attrs, n_attrs, p->n.name, &len);

          t->name = name ? g_strndup (name, len) : g_strdup ("");
          g_ptr_array_add (self->sheets, t);
          p->in_table = p->depth;
        }
      else if (p->in_table && local == p->n.table_cell)
        {
          SheetInfo *t = g_ptr_array_index (self->sheets, self->sheets->len - 1);
          gsize len = 0;

          if (!t->has_values && sax_attr (attrs, n_attrs, p->n.value_type, &len) != NULL)
            t->has_values = TRUE;
        }
      break;
    case PARSE_PROBE_XLSX:
      if (local == p->n.v || local == p->n.is)
        {
          *(gboolean *) p->data = TRUE;
          parse_stop (p);
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
sax_end (void          *ctx,
         const xmlChar *local,
         const xmlChar *prefix,
         const xmlChar *uri)
{
  Parse *p = ctx;
  VvSheet *self = p->sheet;
  int depth = p->depth--;

  if (p->skip)
    {
      if (depth == p->skip)
        {
          p->skip = 0;
          space_pop (p, depth);
        }
      return;
    }
  if (p->collect)
    {
      segment_end (p);
      space_pop (p, depth);
      if (depth == p->collect)
        {
          p->collect = 0;
          if (p->mode == PARSE_SHARED)
            g_string_append_c (self->shared, '\0');
        }
      return;
    }
  space_pop (p, depth);
  switch (p->mode)
    {
    case PARSE_XLSX:
      if (depth == p->in_cell)
        xlsx_cell_end (p);
      else if (!p->in_cell && local == p->n.row)
        row_end (self, 1);
      break;
    case PARSE_ODS:
      if (depth == p->in_cell)
        ods_cell_end (p);
      else if (depth == p->in_row)
        {
          p->in_row = 0;
          row_end (self, MIN (p->row_repeat, MAX_REPEAT));
          self->row_no += p->row_repeat - 1;
        }
      else if (depth == p->in_table)
        {
          p->in_table = 0;
          parse_stop (p);             /* the rest of the file is other tables */
        }
      break;
    case PARSE_ODS_NAMES:
      if (depth == p->in_table)
        p->in_table = 0;
      break;
    default:
      break;
    }
}

static void
sax_characters (void          *ctx,
                const xmlChar *ch,
                int            len)
{
  Parse *p = ctx;

  if (p->skip || !p->collect)
    return;
  g_string_append_len (p->text, (const char *) ch, len);
  for (int i = 0; p->seg_blank && i < len; i++)
    if (ch[i] != ' ' && ch[i] != '\t' && ch[i] != '\n' && ch[i] != '\r')
      p->seg_blank = FALSE;
}

static void
sax_cdata (void          *ctx,
           const xmlChar *ch,
           int            len)
{
  Parse *p = ctx;

  if (p->skip || !p->collect)
    return;
  segment_end (p);
  g_string_append_len (p->text, (const char *) ch, len);
  segment_begin (p);
}

/* A comment or processing instruction ends a text node. */
static void
sax_comment (void          *ctx,
             const xmlChar *value)
{
  Parse *p = ctx;

  if (!p->skip && p->collect)
    segment_end (p);
}

static void
sax_pi (void          *ctx,
        const xmlChar *target,
        const xmlChar *data)
{
  sax_comment (ctx, NULL);
}

static void
sax_quiet (void       *ctx,
           xmlErrorPtr error)
{
}

static void
parse_free (Parse *p)
{
  if (p == NULL)
    return;
  if (p->ctxt != NULL)
    {
      if (p->ctxt->myDoc != NULL)
        xmlFreeDoc (p->ctxt->myDoc);
      xmlFreeParserCtxt (p->ctxt);
    }
  if (p->value != NULL)
    g_string_free (p->value, TRUE);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Parse, parse_free)

/* A pass over @input (borrowed; it must outlive the pass). No network, no
 * entities but XML's own (no handler declares any), nothing built. */
static Parse *
parse_new (VvSheet   *self,
           GsfInput  *input,
           ParseMode  mode)
{
  g_autoptr(Parse) p = g_new0 (Parse, 1);
  xmlSAXHandler sax = { 0 };

  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = sax_start;
  sax.endElementNs = sax_end;
  sax.characters = sax_characters;
  sax.ignorableWhitespace = sax_characters;
  sax.cdataBlock = sax_cdata;
  sax.comment = sax_comment;
  sax.processingInstruction = sax_pi;
  sax.serror = sax_quiet;

  p->sheet = self;
  p->input = input;
  p->mode = mode;
  p->value = g_string_new (NULL);
  p->ctxt = xmlCreatePushParserCtxt (&sax, p, NULL, 0, NULL);
  if (p->ctxt == NULL)
    return NULL;
  xmlCtxtUseOptions (p->ctxt, XML_PARSE_NONET | XML_PARSE_NOENT | XML_PARSE_NOERROR |
                              XML_PARSE_NOWARNING);
  intern_names (p);
  return g_steal_pointer (&p);
}

/* Hands the member to the parser until its end or a stop (1), or, with
 * @chunk, until a chunk of CSV text is ready (0); -1 when it is damaged. */
static int
parse_run (Parse   *p,
           gboolean chunk)
{
  while (!p->stop)
    {
      gsf_off_t left = gsf_input_remaining (p->input);
      gsize n = (gsize) MIN ((gsf_off_t) READ_CHUNK, left);
      const guint8 *data = NULL;
      int ret;

      if (chunk && p->sheet->out->len >= OUT_CHUNK)
        return 0;
      if (n > 0 && (data = gsf_input_read (p->input, n, NULL)) == NULL)
        return -1;
      ret = xmlParseChunk (p->ctxt, (const char *) data, (int) n, n == 0);
      if (p->failed)
        return -1;
      if (p->stop)
        break;
      if (ret != 0 || !p->ctxt->wellFormed)
        return -1;
      if (n == 0)
        break;
    }
  return 1;
}

/* One pass over @input (named @what in messages), its results going to
 * @data; FALSE (and @error) when it is damaged. */
static gboolean
parse_member (VvSheet    *self,
              GsfInput   *input,
              ParseMode   mode,
              gpointer    data,
              const char *what,
              GError    **error)
{
  g_autoptr(Parse) p = input ? parse_new (self, input, mode) : NULL;

  if (p == NULL)
    return xml_failed (self, what, error);
  p->data = data;
  if (parse_run (p, FALSE) < 0)
    return xml_failed (self, p->what ? p->what : what, error);
  return TRUE;
}

/* ------------------------------------------------------------------ xlsx */

static gboolean
xlsx_load_shared (VvSheet    *self,
                  const char *path,
                  GError    **error)
{
  g_autoptr(VvGsfInput) input = member (self, path);

  self->shared = g_string_new (NULL);
  self->shared_at = g_array_new (FALSE, FALSE, sizeof (gsize));
  if (input == NULL)
    return TRUE;            /* no text cells */
  return parse_member (self, input, PARSE_SHARED, NULL, path, error);
}

/* xl/workbook.xml and its relationships: the sheets' names and members. */
static gboolean
xlsx_open (VvSheet *self,
           GError **error)
{
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Rels rels = { targets, g_strdup ("xl/sharedStrings.xml") };
  g_autoptr(VvGsfInput) rels_input = member (self, "xl/_rels/workbook.xml.rels");
  g_autoptr(VvGsfInput) wb = member (self, "xl/workbook.xml");
  gboolean ok;

  /* What a damaged list of relationships names up to the damage is kept. */
  if (rels_input != NULL)
    parse_member (self, rels_input, PARSE_RELS, &rels, "", NULL);
  ok = parse_member (self, wb, PARSE_WORKBOOK, targets, "xl/workbook.xml", error) &&
       xlsx_load_shared (self, rels.shared_path, error);
  g_free (rels.shared_path);
  return ok;
}

/* ------------------------------------------------------------------- ods */

static gboolean
ods_open (VvSheet *self,
          GError **error)
{
  g_autoptr(VvGsfInput) content = member (self, "content.xml");

  return parse_member (self, content, PARSE_ODS_NAMES, NULL, "content.xml", error);
}

/* Whether the sheet at @index has a cell with a value: read up to the first
 * (ods: known from the names' pass; a name twice means the first table). */
static gboolean
sheet_has_values (VvSheet *self,
                  guint    index)
{
  const SheetInfo *s = g_ptr_array_index (self->sheets, index);
  g_autoptr(VvGsfInput) input = NULL;
  gboolean found = FALSE;

  self->selected = (int) index;
  g_string_truncate (self->out, 0);
  if (self->kind == KIND_ODS)
    {
      for (guint i = 0; i < index; i++)
        if (g_str_equal (((SheetInfo *) g_ptr_array_index (self->sheets, i))->name, s->name))
          return ((SheetInfo *) g_ptr_array_index (self->sheets, i))->has_values;
      return s->has_values;
    }
  input = s->path ? member (self, s->path) : NULL;
  if (input == NULL || !parse_member (self, input, PARSE_PROBE_XLSX, &found, "", NULL))
    return FALSE;
  return found;
}

/* Public (library-internal) API */

VvSheet *
_vv_sheet_open (const char *path,
                const char *data,
                gsize       len,
                const char *name,
                GError    **error)
{
  g_autoptr(VvSheet) self = g_new0 (VvSheet, 1);
  g_autoptr(GError) local = NULL;
  g_autoptr(VvGsfInput) mimetype = NULL;

  self->name = g_strdup (name);
  self->sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_info_free);
  self->out = g_string_sized_new (OUT_CHUNK + 4096);
  self->row = g_string_new (NULL);
  self->cell = g_string_new (NULL);
  self->digits = g_string_new (NULL);
  self->number = g_string_new (NULL);
  self->selected = -1;

  if (path != NULL)
    self->source = gsf_input_stdio_new (path, &local);
  else
    self->source = gsf_input_memory_new ((const guint8 *) data, len, FALSE);
  if (self->source == NULL)
    {
      g_set_error (error, VV_SHEET_ERROR, VV_SHEET_ERROR_READ,
                   _("%s: cannot open the file: %s"), name, local ? local->message : "");
      return NULL;
    }
  self->zip = gsf_infile_zip_new (self->source, &local);
  if (self->zip == NULL)
    {
      g_set_error (error, VV_SHEET_ERROR, VV_SHEET_ERROR_NOT_SHEET,
                   _("%s: this looks like an Excel or OpenDocument file, but it cannot be "
                     "opened as a spreadsheet (%s)"), name,
                   local ? local->message : "");
      return NULL;
    }

  if ((mimetype = member (self, "mimetype")) != NULL)
    {
      gsf_off_t n = MIN (gsf_input_size (mimetype), 256);
      char buf[257] = { 0 };

      if (n > 0 && gsf_input_read (mimetype, n, (guint8 *) buf) != NULL &&
          g_str_has_prefix (buf, "application/vnd.oasis.opendocument.spreadsheet"))
        self->kind = KIND_ODS;
      else
        {
          g_set_error (error, VV_SHEET_ERROR, VV_SHEET_ERROR_NOT_SHEET,
                       _("%s: this OpenDocument file is not a spreadsheet"), name);
          return NULL;
        }
    }
  else
    {
      g_autoptr(VvGsfInput) wb = member (self, "xl/workbook.xml");

      if (wb == NULL)
        {
          g_set_error (error, VV_SHEET_ERROR, VV_SHEET_ERROR_NOT_SHEET,
                       _("%s: a ZIP file that is neither an .xlsx nor an .ods spreadsheet"),
                       name);
          return NULL;
        }
      self->kind = KIND_XLSX;
    }
  if (!(self->kind == KIND_XLSX ? xlsx_open (self, error) : ods_open (self, error)))
    return NULL;
  self->names = g_ptr_array_new ();
  for (guint i = 0; i < self->sheets->len; i++)
    g_ptr_array_add (self->names, ((SheetInfo *) g_ptr_array_index (self->sheets, i))->name);
  if (self->sheets->len == 0)
    {
      g_set_error (error, VV_SHEET_ERROR, VV_SHEET_ERROR_EMPTY,
                   _("%s: the spreadsheet has no sheets"), name);
      return NULL;
    }
  return g_steal_pointer (&self);
}

GPtrArray *
_vv_sheet_get_names (VvSheet *self)
{
  return self->names;
}

const char *
_vv_sheet_get_kind (VvSheet *self)
{
  return self->kind == KIND_XLSX ? "xlsx" : "ods";
}

const char *
_vv_sheet_get_selected (VvSheet *self)
{
  return self->selected >= 0 ? g_ptr_array_index (self->names, self->selected) : NULL;
}

static char *
quoted_names (GPtrArray *names)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (s, "%s«%s»", i ? ", " : "", (char *) g_ptr_array_index (names, i));
  return g_string_free (s, FALSE);
}

/* Starts streaming the sheet at @index from its first row. */
static gboolean
start_sheet (VvSheet *self,
             guint    index,
             GError **error)
{
  const SheetInfo *s = g_ptr_array_index (self->sheets, index);

  self->selected = (int) index;
  g_clear_pointer (&self->parse, parse_free);
  g_clear_object (&self->member);
  g_string_truncate (self->out, 0);
  self->lines = self->row_no = 0;
  self->done = FALSE;
  if (self->kind == KIND_XLSX)
    self->member = s->path ? member (self, s->path) : NULL;
  else
    self->member = member (self, "content.xml");
  if (self->member == NULL ||
      (self->parse = parse_new (self, self->member,
                                self->kind == KIND_XLSX ? PARSE_XLSX : PARSE_ODS)) == NULL)
    return xml_failed (self, _vv_sheet_get_selected (self), error);
  self->parse->want = s->name;
  return TRUE;
}

/* Whether the sheet at @index begins like a ledger (the ledger func says
 * so of its first piece of CSV text). */
static gboolean
sheet_is_ledger (VvSheet *self,
                 guint    index)
{
  const char *text = NULL;
  gssize n;

  if (!start_sheet (self, index, NULL))
    return FALSE;
  n = _vv_sheet_next (self, &text, NULL);
  return n > 0 && self->is_ledger (text, (gsize) n);
}

/**
 * _vv_sheet_set_ledger_func:
 * @self: a sheet
 * @is_ledger: tells whether a sheet's first CSV text (`;`-separated, UTF-8)
 *   looks like a ledger (has a header row)
 *
 * With it, of several sheets holding data the only one that looks like a
 * ledger is read without asking (a cover page or notes beside the ledger
 * are no question); without it, several sheets with data always are.
 */
void
_vv_sheet_set_ledger_func (VvSheet         *self,
                           VvSheetLedgerFunc is_ledger)
{
  self->is_ledger = is_ledger;
}

/* Chooses the sheet to read: @wanted by name, else the only sheet with
 * values, or the only one of them that looks like a ledger; several such
 * sheets is a question for the user. */
gboolean
_vv_sheet_select (VvSheet    *self,
                  const char *wanted,
                  GError    **error)
{
  g_autoptr(GPtrArray) with_values = g_ptr_array_new ();
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
  int pick = -1;

  if (wanted != NULL && *wanted != '\0')
    {
      for (guint i = 0; i < self->names->len && pick < 0; i++)
        if (g_str_equal (g_ptr_array_index (self->names, i), wanted))
          pick = (int) i;
      if (pick < 0)
        {
          g_autofree char *all = quoted_names (self->names);

          g_set_error (error, VV_SHEET_ERROR, VV_SHEET_ERROR_CHOOSE,
                       _("%s: there is no sheet “%s”; the sheets are %s"), self->name, wanted,
                       all);
          return FALSE;
        }
    }
  else if (self->sheets->len == 1)
    pick = 0;
  else
    {
      for (guint i = 0; i < self->sheets->len; i++)
        if (sheet_has_values (self, i))
          {
            g_ptr_array_add (with_values, g_ptr_array_index (self->names, i));
            g_array_append_val (indices, i);
            if (pick < 0)
              pick = (int) i;
          }
      if (with_values->len > 1 && self->is_ledger != NULL)
        {
          g_autoptr(GPtrArray) ledgers = g_ptr_array_new ();
          int ledger = -1;

          for (guint k = 0; k < indices->len; k++)
            if (sheet_is_ledger (self, g_array_index (indices, guint, k)))
              {
                g_ptr_array_add (ledgers, g_ptr_array_index (with_values, k));
                ledger = (int) g_array_index (indices, guint, k);
              }
          if (ledgers->len == 1)
            {
              pick = ledger;
              g_ptr_array_set_size (with_values, 0);
            }
          else if (ledgers->len > 1)
            {
              g_ptr_array_unref (with_values);
              with_values = g_steal_pointer (&ledgers);
            }
        }
      if (with_values->len > 1)
        {
          g_autofree char *all = quoted_names (with_values);

          g_set_error (error, VV_SHEET_ERROR, VV_SHEET_ERROR_CHOOSE,
                       _("%s: several sheets hold data (%s); choose one (--sheet NAME)"),
                       self->name, all);
          return FALSE;
        }
      if (pick < 0)
        pick = 0;
    }
  return start_sheet (self, (guint) pick, error);
}

/* The next piece of CSV text (about 1 MiB), 0 at the end, -1 on error. */
gssize
_vv_sheet_next (VvSheet     *self,
                const char **out,
                GError     **error)
{
  g_return_val_if_fail (self->parse != NULL, -1);

  g_string_truncate (self->out, 0);
  if (!self->done)
    {
      int ret = parse_run (self->parse, TRUE);

      if (ret < 0)
        {
          xml_failed (self, self->parse->what ? self->parse->what
                                              : _vv_sheet_get_selected (self), error);
          return -1;
        }
      self->done = ret > 0;
    }
  *out = self->out->str;
  return (gssize) self->out->len;
}

guint64
_vv_sheet_get_done (VvSheet *self,
                    guint64 *total)
{
  if (self->member == NULL)
    {
      *total = 0;
      return 0;
    }
  *total = (guint64) gsf_input_size (self->member);
  return (guint64) gsf_input_tell (self->member);
}

void
_vv_sheet_free (VvSheet *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->parse, parse_free);
  g_clear_object (&self->member);
  g_clear_object (&self->zip);
  g_clear_object (&self->source);
  g_clear_pointer (&self->sheets, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  if (self->shared)
    g_string_free (self->shared, TRUE);
  g_clear_pointer (&self->shared_at, g_array_unref);
  if (self->out)
    g_string_free (self->out, TRUE);
  if (self->row)
    g_string_free (self->row, TRUE);
  if (self->cell)
    g_string_free (self->cell, TRUE);
  if (self->digits)
    g_string_free (self->digits, TRUE);
  if (self->number)
    g_string_free (self->number, TRUE);
  g_free (self->name);
  g_free (self);
}
