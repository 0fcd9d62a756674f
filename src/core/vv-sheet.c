/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-sheet"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gsf/gsf-infile-zip.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-input-stdio.h>
#include <gsf/gsf-input.h>
#include <libxml/xmlreader.h>
#include <string.h>

#include "vv-sheet-private.h"

#define OUT_CHUNK   (1024 * 1024)
#define MAX_COLUMNS 16384             /* Excel's limit; more is a broken file */
#define MAX_REPEAT  1024              /* repeated cells or rows with content */

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
} SheetInfo;

struct _VvSheet
{
  Kind              kind;
  char             *name;          /* the file, for messages */
  GsfInput         *source;
  GsfInfile        *zip;
  GPtrArray        *sheets;        /* SheetInfo* */
  GPtrArray        *names;         /* char*, borrowed from sheets */
  GPtrArray        *shared;        /* char*: xlsx shared strings */
  int               selected;
  VvSheetLedgerFunc is_ledger;

  /* Streaming the selected sheet */
  GsfInput         *member;
  xmlTextReaderPtr  reader;
  gboolean          in_table;      /* ods: inside the selected table */
  gboolean          landed;        /* the reader is on a node not handled yet (after Next) */
  gboolean          done;
  GString          *out;           /* CSV text not yet handed out */
  GString          *row;           /* the row being built */
  GString          *cell;          /* the cell's text being built */
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

static int
read_cb (void *context,
         char *buffer,
         int   len)
{
  GsfInput *input = context;
  gsf_off_t left = gsf_input_remaining (input);
  size_t n = (size_t) MIN ((gsf_off_t) len, left);

  if (n == 0)
    return 0;
  if (gsf_input_read (input, n, (guint8 *) buffer) == NULL)
    return -1;
  return (int) n;
}

static int
close_cb (void *context)
{
  return 0;
}

static GsfInput *
member (VvSheet    *self,
        const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);

  return gsf_infile_child_by_aname (self->zip, (const char **) parts);
}

/* A reader over @input (borrowed; it must outlive the reader). No network,
 * no entity substitution: a spreadsheet never needs either. */
static xmlTextReaderPtr
xml_reader (GsfInput *input)
{
  return xmlReaderForIO (read_cb, close_cb, input, NULL, NULL,
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

static gboolean
is_element (xmlTextReaderPtr r,
            const char      *local)
{
  return xmlTextReaderNodeType (r) == XML_READER_TYPE_ELEMENT &&
         strcmp ((const char *) xmlTextReaderConstLocalName (r), local) == 0;
}

static gboolean
is_end (xmlTextReaderPtr r,
        const char      *local)
{
  return xmlTextReaderNodeType (r) == XML_READER_TYPE_END_ELEMENT &&
         strcmp ((const char *) xmlTextReaderConstLocalName (r), local) == 0;
}

/* An attribute by local name, whatever its namespace prefix. */
static char *
attribute (xmlTextReaderPtr r,
           const char      *local)
{
  char *value = NULL;

  if (xmlTextReaderMoveToFirstAttribute (r) != 1)
    return NULL;
  do
    {
      if (strcmp ((const char *) xmlTextReaderConstLocalName (r), local) == 0)
        {
          value = g_strdup ((const char *) xmlTextReaderConstValue (r));
          break;
        }
    }
  while (xmlTextReaderMoveToNextAttribute (r) == 1);
  xmlTextReaderMoveToElement (r);
  return value;
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

/* The text of the element the reader is on, up to its end (xlsx <t>, <v>;
 * ods <text:p> with its spans, <text:s/> spaces and line breaks). */
static gboolean
element_text (xmlTextReaderPtr r,
              GString         *out,
              gboolean         skip_phonetic)
{
  int depth = xmlTextReaderDepth (r);
  int ret;

  if (xmlTextReaderIsEmptyElement (r))
    return TRUE;
  while ((ret = xmlTextReaderRead (r)) == 1)
    {
      int type = xmlTextReaderNodeType (r);

      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (r) == depth)
        return TRUE;
      if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
          type == XML_READER_TYPE_CDATA)
        g_string_append (out, (const char *) xmlTextReaderConstValue (r));
      else if (type == XML_READER_TYPE_ELEMENT)
        {
          const char *local = (const char *) xmlTextReaderConstLocalName (r);

          if (skip_phonetic && strcmp (local, "rPh") == 0)
            {
              if (xmlTextReaderNext (r) != 1)
                return FALSE;
              /* Next moved past the subtree; look at where it landed */
              if (xmlTextReaderNodeType (r) == XML_READER_TYPE_END_ELEMENT &&
                  xmlTextReaderDepth (r) == depth)
                return TRUE;
              if (xmlTextReaderNodeType (r) == XML_READER_TYPE_TEXT)
                g_string_append (out, (const char *) xmlTextReaderConstValue (r));
            }
          else if (strcmp (local, "s") == 0)
            {
              g_autofree char *c = attribute (r, "c");
              guint64 n = c ? g_ascii_strtoull (c, NULL, 10) : 1;

              for (guint64 i = 0; i < MIN (n, 64); i++)
                g_string_append_c (out, ' ');
            }
          else if (strcmp (local, "tab") == 0 || strcmp (local, "line-break") == 0)
            g_string_append_c (out, ' ');
        }
    }
  return ret == 0;
}

/* "B12" → column 1 (0-based); -1 when not a cell reference. */
static int
column_of_ref (const char *ref)
{
  int col = 0;
  const char *p = ref;

  if (ref == NULL || !g_ascii_isalpha (*p))
    return -1;
  for (; g_ascii_isalpha (*p); p++)
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
  for (const char *p = text; *p; p++)
    {
      char c = *p;

      if (c == '\n' || c == '\r' || c == '\t')
        c = ' ';        /* one row, one line: the line number is the row */
      if (c == '"')
        g_string_append_c (self->row, '"');
      g_string_append_c (self->row, c);
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
  const char *p = value;
  gboolean neg = FALSE, seen_digit = FALSE;
  int point = -1;              /* digits before the decimal point */
  long exp = 0;
  long int_len;
  gsize start;

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

static void
number_cell (VvSheet    *self,
             guint       col,
             const char *value)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (_vv_sheet_number_text (value, s))
    row_cell (self, col, s->str);
  else
    row_cell (self, col, value);   /* not a number: the reader says so */
}

/* ------------------------------------------------------------------ xlsx */

static gboolean
xlsx_load_shared (VvSheet    *self,
                  const char *path,
                  GError    **error)
{
  g_autoptr(VvGsfInput) input = member (self, path);
  xmlTextReaderPtr r;
  int ret;

  self->shared = g_ptr_array_new_with_free_func (g_free);
  if (input == NULL)
    return TRUE;            /* no text cells */
  r = xml_reader (input);
  if (r == NULL)
    return xml_failed (self, path, error);
  while ((ret = xmlTextReaderRead (r)) == 1)
    if (is_element (r, "si"))
      {
        GString *s = g_string_new (NULL);

        if (!element_text (r, s, TRUE))
          {
            g_string_free (s, TRUE);
            ret = -1;
            break;
          }
        g_ptr_array_add (self->shared, g_string_free (s, FALSE));
      }
  xmlFreeTextReader (r);
  if (ret != 0)
    return xml_failed (self, path, error);
  return TRUE;
}

/* xl/workbook.xml and its relationships: the sheets' names and members. */
static gboolean
xlsx_open (VvSheet *self,
           GError **error)
{
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *shared_path = g_strdup ("xl/sharedStrings.xml");
  xmlTextReaderPtr r;
  int ret;

  {
    g_autoptr(VvGsfInput) rels = member (self, "xl/_rels/workbook.xml.rels");

    if (rels != NULL && (r = xml_reader (rels)) != NULL)
      {
        while (xmlTextReaderRead (r) == 1)
          if (is_element (r, "Relationship"))
            {
              g_autofree char *id = attribute (r, "Id");
              g_autofree char *target = attribute (r, "Target");
              g_autofree char *type = attribute (r, "Type");
              char *path;

              if (id == NULL || target == NULL)
                continue;
              path = target[0] == '/' ? g_strdup (target + 1) : g_strconcat ("xl/", target, NULL);
              if (type != NULL && g_str_has_suffix (type, "/sharedStrings"))
                {
                  g_free (shared_path);
                  shared_path = g_strdup (path);
                }
              g_hash_table_insert (targets, g_steal_pointer (&id), path);
            }
        xmlFreeTextReader (r);
      }
  }

  {
    g_autoptr(VvGsfInput) wb = member (self, "xl/workbook.xml");

    if (wb == NULL || (r = xml_reader (wb)) == NULL)
      return xml_failed (self, "xl/workbook.xml", error);
    while ((ret = xmlTextReaderRead (r)) == 1)
      if (is_element (r, "sheet"))
        {
          SheetInfo *s = g_new0 (SheetInfo, 1);
          g_autofree char *id = attribute (r, "id");      /* r:id */
          const char *target = id ? g_hash_table_lookup (targets, id) : NULL;

          s->name = attribute (r, "name");
          if (s->name == NULL)
            s->name = g_strdup ("");
          s->path = g_strdup (target);
          g_ptr_array_add (self->sheets, s);
        }
    xmlFreeTextReader (r);
    if (ret != 0)
      return xml_failed (self, "xl/workbook.xml", error);
  }
  return xlsx_load_shared (self, shared_path, error);
}

/* Handles one node of a worksheet; FALSE (and @error) when it is damaged. */
static gboolean
xlsx_node (VvSheet *self,
           GError **error)
{
  xmlTextReaderPtr r = self->reader;

  if (is_element (r, "row"))
    {
      g_autofree char *rn = attribute (r, "r");
      guint64 n = rn ? g_ascii_strtoull (rn, NULL, 10) : 0;

      row_begin (self, n > self->row_no ? n : self->row_no + 1);
      if (xmlTextReaderIsEmptyElement (r))
        row_end (self, 1);
      return TRUE;
    }
  if (is_end (r, "row"))
    {
      row_end (self, 1);
      return TRUE;
    }
  if (is_element (r, "c"))
    {
      g_autofree char *ref = attribute (r, "r");
      g_autofree char *type = attribute (r, "t");
      int col = column_of_ref (ref);
      int depth = xmlTextReaderDepth (r);
      gboolean have_value = FALSE;

      if (col < 0)
        col = (int) self->n_fields;
      g_string_truncate (self->cell, 0);
      if (!xmlTextReaderIsEmptyElement (r))
        while (xmlTextReaderRead (r) == 1)
          {
            if (xmlTextReaderNodeType (r) == XML_READER_TYPE_END_ELEMENT &&
                xmlTextReaderDepth (r) == depth)
              break;
            if (is_element (r, "v") || is_element (r, "is"))
              {
                if (!element_text (r, self->cell, TRUE))
                  return xml_failed (self, "a cell", error);
                have_value = TRUE;
              }
          }
      if (!have_value)
        return TRUE;
      if (type == NULL || g_str_equal (type, "n"))
        number_cell (self, (guint) col, self->cell->str);
      else if (g_str_equal (type, "s"))
        {
          guint64 i = g_ascii_strtoull (self->cell->str, NULL, 10);

          if (i >= self->shared->len)
            return xml_failed (self, "a shared string", error);
          row_cell (self, (guint) col, g_ptr_array_index (self->shared, i));
        }
      else
        row_cell (self, (guint) col, self->cell->str);   /* inlineStr, str, b, e, d */
      return TRUE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------- ods */

static gboolean
ods_open (VvSheet *self,
          GError **error)
{
  g_autoptr(VvGsfInput) content = member (self, "content.xml");
  xmlTextReaderPtr r;
  int ret;

  if (content == NULL || (r = xml_reader (content)) == NULL)
    return xml_failed (self, "content.xml", error);
  /* Only the names: each table is skipped as a whole. */
  ret = xmlTextReaderRead (r);
  while (ret == 1)
    {
      if (is_element (r, "table"))
        {
          SheetInfo *t = g_new0 (SheetInfo, 1);

          t->name = attribute (r, "name");
          if (t->name == NULL)
            t->name = g_strdup ("");
          g_ptr_array_add (self->sheets, t);
          ret = xmlTextReaderIsEmptyElement (r) ? xmlTextReaderRead (r) : xmlTextReaderNext (r);
          continue;
        }
      ret = xmlTextReaderRead (r);
    }
  xmlFreeTextReader (r);
  if (ret != 0)
    return xml_failed (self, "content.xml", error);
  return TRUE;
}

static guint
repeat_attr (xmlTextReaderPtr r,
             const char      *local)
{
  g_autofree char *v = attribute (r, local);
  guint64 n = v ? g_ascii_strtoull (v, NULL, 10) : 1;

  return (guint) CLAMP (n, 1, G_MAXUINT / 2);
}

static gboolean
ods_node (VvSheet *self,
          GError **error)
{
  xmlTextReaderPtr r = self->reader;

  if (is_element (r, "table"))
    {
      g_autofree char *name = attribute (r, "name");
      const SheetInfo *want = g_ptr_array_index (self->sheets, self->selected);

      self->in_table = g_strcmp0 (name, want->name) == 0;
      if (!self->in_table && !xmlTextReaderIsEmptyElement (r))
        {
          int ret = xmlTextReaderNext (r);    /* skip the other table whole */

          if (ret < 0)
            return xml_failed (self, "content.xml", error);
          if (ret == 0)
            self->done = TRUE;
          else
            self->landed = TRUE;
        }
      return TRUE;
    }
  if (is_end (r, "table") && self->in_table)
    {
      self->in_table = FALSE;
      self->done = TRUE;                    /* the rest of the file is other tables */
      return TRUE;
    }
  if (!self->in_table)
    return TRUE;
  if (is_element (r, "table-row"))
    {
      guint repeat = repeat_attr (r, "number-rows-repeated");

      row_begin (self, self->row_no + 1);
      if (xmlTextReaderIsEmptyElement (r))
        self->row_no += repeat - 1;
      else
        {
          int depth = xmlTextReaderDepth (r);
          guint col = 0;

          while (xmlTextReaderRead (r) == 1)
            {
              if (xmlTextReaderNodeType (r) == XML_READER_TYPE_END_ELEMENT &&
                  xmlTextReaderDepth (r) == depth)
                break;
              if (is_element (r, "table-cell") || is_element (r, "covered-table-cell"))
                {
                  guint n = repeat_attr (r, "number-columns-repeated");
                  g_autofree char *type = attribute (r, "value-type");
                  g_autofree char *value = NULL;
                  int cdepth = xmlTextReaderDepth (r);

                  g_string_truncate (self->cell, 0);
                  if (type != NULL && (g_str_equal (type, "float") ||
                                       g_str_equal (type, "currency") ||
                                       g_str_equal (type, "percentage")))
                    value = attribute (r, "value");
                  else if (type != NULL && g_str_equal (type, "date"))
                    value = attribute (r, "date-value");
                  else if (type != NULL && g_str_equal (type, "boolean"))
                    value = attribute (r, "boolean-value");
                  if (!xmlTextReaderIsEmptyElement (r))
                    while (xmlTextReaderRead (r) == 1)
                      {
                        if (xmlTextReaderNodeType (r) == XML_READER_TYPE_END_ELEMENT &&
                            xmlTextReaderDepth (r) == cdepth)
                          break;
                        if (is_element (r, "p"))
                          {
                            if (self->cell->len > 0)
                              g_string_append_c (self->cell, ' ');
                            if (!element_text (r, self->cell, FALSE))
                              return xml_failed (self, "a cell", error);
                          }
                      }
                  if (value != NULL || self->cell->len > 0)
                    {
                      if (n > MAX_REPEAT)
                        n = MAX_REPEAT;
                      for (guint i = 0; i < n; i++)
                        {
                          if (value != NULL && type != NULL && !g_str_equal (type, "date") &&
                              !g_str_equal (type, "boolean"))
                            number_cell (self, col + i, value);
                          else
                            row_cell (self, col + i, value ? value : self->cell->str);
                        }
                    }
                  col = (col + n > MAX_COLUMNS) ? MAX_COLUMNS : col + n;
                }
            }
          row_end (self, MIN (repeat, MAX_REPEAT));
          self->row_no += repeat - 1;
        }
      return TRUE;
    }
  return TRUE;
}

/* Whether the sheet at @index has a cell with a value: read up to the first. */
static gboolean
sheet_has_values (VvSheet *self,
                  guint    index)
{
  gboolean found = FALSE;

  self->selected = (int) index;
  g_string_truncate (self->out, 0);
  if (self->kind == KIND_XLSX)
    {
      const SheetInfo *s = g_ptr_array_index (self->sheets, index);
      g_autoptr(VvGsfInput) input = s->path ? member (self, s->path) : NULL;
      xmlTextReaderPtr r = input ? xml_reader (input) : NULL;

      if (r == NULL)
        return FALSE;
      while (!found && xmlTextReaderRead (r) == 1)
        found = is_element (r, "v") || is_element (r, "is");
      xmlFreeTextReader (r);
      return found;
    }
  else
    {
      g_autoptr(VvGsfInput) input = member (self, "content.xml");
      xmlTextReaderPtr r = input ? xml_reader (input) : NULL;
      const SheetInfo *want = g_ptr_array_index (self->sheets, index);
      gboolean inside = FALSE;
      int ret;

      if (r == NULL)
        return FALSE;
      while (!found && (ret = xmlTextReaderRead (r)) == 1)
        {
          if (is_element (r, "table"))
            {
              g_autofree char *name = attribute (r, "name");

              inside = g_strcmp0 (name, want->name) == 0;
            }
          else if (is_end (r, "table") && inside)
            break;
          else if (inside && is_element (r, "table-cell"))
            {
              g_autofree char *type = attribute (r, "value-type");

              found = type != NULL;
            }
        }
      xmlFreeTextReader (r);
      return found;
    }
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
  self->selected = (int) index;
  g_clear_pointer (&self->reader, xmlFreeTextReader);
  g_clear_object (&self->member);
  g_string_truncate (self->out, 0);
  self->lines = self->row_no = 0;
  self->done = FALSE;
  self->in_table = FALSE;
  self->landed = FALSE;
  if (self->kind == KIND_XLSX)
    {
      const SheetInfo *s = g_ptr_array_index (self->sheets, index);

      self->member = s->path ? member (self, s->path) : NULL;
    }
  else
    self->member = member (self, "content.xml");
  if (self->member == NULL || (self->reader = xml_reader (self->member)) == NULL)
    return xml_failed (self, _vv_sheet_get_selected (self), error);
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
  g_return_val_if_fail (self->reader != NULL, -1);

  g_string_truncate (self->out, 0);
  while (!self->done && self->out->len < OUT_CHUNK)
    {
      int ret = self->landed ? 1 : xmlTextReaderRead (self->reader);

      self->landed = FALSE;
      if (ret == 0)
        {
          self->done = TRUE;
          break;
        }
      if (ret < 0)
        {
          xml_failed (self, _vv_sheet_get_selected (self), error);
          return -1;
        }
      if (!(self->kind == KIND_XLSX ? xlsx_node (self, error) : ods_node (self, error)))
        return -1;
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
  g_clear_pointer (&self->reader, xmlFreeTextReader);
  g_clear_object (&self->member);
  g_clear_object (&self->zip);
  g_clear_object (&self->source);
  g_clear_pointer (&self->sheets, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->shared, g_ptr_array_unref);
  if (self->out)
    g_string_free (self->out, TRUE);
  if (self->row)
    g_string_free (self->row, TRUE);
  if (self->cell)
    g_string_free (self->cell, TRUE);
  g_free (self->name);
  g_free (self);
}
