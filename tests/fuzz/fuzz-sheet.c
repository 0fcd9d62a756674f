/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-sheet.c: libFuzzer target for the spreadsheet reader (vv-sheet.c,
 * libxml2's SAX2 parser over libgsf's ZIP members). The input's first byte
 * chooses what the rest is: ('0') an .xlsx worksheet, ('1') the shared
 * strings of an .xlsx whose worksheet uses the first eight, ('2') an .ods
 * content.xml. It is zipped here with the other members a reader needs, and
 * the result is read as a ledger like any file (fuzz-ledger-common.h).
 */
#define G_LOG_DOMAIN "fuzz-sheet"

#include "config.h"

#include <gsf/gsf-outfile-zip.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-output-memory.h>
#include <stdint.h>
#include <string.h>

#include "fuzz-ledger-common.h"
#include "vv-i18n.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static const char rels[] =
  "<?xml version=\"1.0\"?>\n"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\" Type=\"http://schemas."
  "openxmlformats.org/officeDocument/2006/relationships/worksheet\"/>"
  "<Relationship Id=\"rId2\" Target=\"sharedStrings.xml\" Type=\"http://schemas."
  "openxmlformats.org/officeDocument/2006/relationships/sharedStrings\"/></Relationships>";
static const char workbook[] =
  "<?xml version=\"1.0\"?>\n"
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
  "<sheets><sheet name=\"Hovedbok\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
/* A header and a line whose every field is a shared string (0-7). */
static const char shared_sheet[] =
  "<?xml version=\"1.0\"?>\n"
  "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
  "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Ansvar</t></is></c>"
  "<c r=\"B1\" t=\"inlineStr\"><is><t>Funksjon</t></is></c>"
  "<c r=\"C1\" t=\"inlineStr\"><is><t>Art</t></is></c>"
  "<c r=\"D1\" t=\"inlineStr\"><is><t>Tekst</t></is></c>"
  "<c r=\"E1\" t=\"inlineStr\"><is><t>Beløp</t></is></c></row>"
  "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"s\"><v>1</v></c>"
  "<c r=\"C2\" t=\"s\"><v>2</v></c><c r=\"D2\" t=\"s\"><v>3</v></c><c r=\"E2\" t=\"s\"><v>4</v>"
  "</c></row><row r=\"3\"><c r=\"A3\" t=\"s\"><v>5</v></c><c r=\"B3\" t=\"s\"><v>6</v></c>"
  "<c r=\"E3\" t=\"s\"><v>7</v></c></row></sheetData></worksheet>";

static void
add (GsfOutfile *zip,
     const char *name,
     const void *text,
     gsize       len)
{
  GsfOutput *child = gsf_outfile_new_child (zip, name, FALSE);

  g_assert_nonnull (child);
  g_assert_true (gsf_output_write (child, len, text));
  g_assert_true (gsf_output_close (child));
  g_object_unref (child);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static gboolean inited;
  g_autoptr(GError) error = NULL;
  GsfOutput *mem;
  GsfOutfile *zip;
  const char *xml = (const char *) data + 1;
  gsize len = size - 1;

  if (!inited)
    {
      vv_i18n_init ("C");
      inited = TRUE;
    }
  if (size < 1 || size > 1 << 20)
    return 0;
  mem = gsf_output_memory_new ();
  zip = gsf_outfile_zip_new (mem, &error);
  g_assert_no_error (error);
  switch (data[0] % 3)
    {
    case 0:
    case 1:
      add (zip, "xl/workbook.xml", workbook, strlen (workbook));
      add (zip, "xl/_rels/workbook.xml.rels", rels, strlen (rels));
      if (data[0] % 3 == 0)
        add (zip, "xl/worksheets/sheet1.xml", xml, len);
      else
        {
          add (zip, "xl/worksheets/sheet1.xml", shared_sheet, strlen (shared_sheet));
          add (zip, "xl/sharedStrings.xml", xml, len);
        }
      break;
    default:
      add (zip, "mimetype", "application/vnd.oasis.opendocument.spreadsheet", 46);
      add (zip, "content.xml", xml, len);
      break;
    }
  g_assert_true (gsf_output_close (GSF_OUTPUT (zip)));
  fuzz_ledger (gsf_output_memory_get_bytes (GSF_OUTPUT_MEMORY (mem)),
               (size_t) gsf_output_size (mem), VV_LEDGER_FORMAT_AUTO);
  g_object_unref (zip);
  g_object_unref (mem);
  return 0;
}
