/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * csv-to-xlsx: writes a generated ledger (bench/gen-ledger.py, UTF-8, ';',
 * decimal comma) as an .xlsx workbook for the spreadsheet benchmark, the way
 * an ERP's export to Excel looks: codes and texts as text cells, the amount
 * as a number cell. libxlsxwriter's constant-memory mode writes the rows as
 * they come (inline strings), so a million rows need no more memory than one.
 *
 *   bench-csv-to-xlsx LEDGER.csv OUT.xlsx
 *
 * Only for benchmarks: the CSV must be the generator's (quotes only around
 * the text field, no line breaks inside fields).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define MAX_FIELDS 32

/* Splits @line at ';' outside quotes, unquoting in place. */
static int
split (char *line, char **fields)
{
  int n = 0;
  char *p = line;

  for (;;)
    {
      if (n == MAX_FIELDS)
        return n;
      if (*p == '"')
        {
          char *o = ++p;

          fields[n++] = o;
          for (;;)
            {
              if (*p == '\0')
                break;
              if (*p == '"' && p[1] == '"')
                {
                  *o++ = '"';
                  p += 2;
                  continue;
                }
              if (*p == '"')
                {
                  p++;
                  break;
                }
              *o++ = *p++;
            }
          *o = '\0';
          if (*p != ';')
            return n;
          p++;
        }
      else
        {
          char *sep = strchr (p, ';');

          fields[n++] = p;
          if (sep == NULL)
            return n;
          *sep = '\0';
          p = sep + 1;
        }
    }
}

int
main (int argc, char **argv)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = NULL };
  lxw_workbook *wb;
  lxw_worksheet *ws;
  char *line = NULL, *fields[MAX_FIELDS];
  size_t cap = 0;
  ssize_t len;
  lxw_row_t row = 0;
  int amount_col = -1;
  FILE *in;

  if (argc != 3 || (in = fopen (argv[1], "r")) == NULL)
    {
      fprintf (stderr, "usage: bench-csv-to-xlsx LEDGER.csv OUT.xlsx\n");
      return 2;
    }
  wb = workbook_new_opt (argv[2], &options);
  ws = workbook_add_worksheet (wb, "Hovedbok");
  while ((len = getline (&line, &cap, in)) > 0)
    {
      int n;

      while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        line[--len] = '\0';
      n = split (line, fields);
      for (int c = 0; c < n; c++)
        {
          if (row == 0 && strcmp (fields[c], "Bel\xc3\xb8p") == 0)
            amount_col = c;
          if (row > 0 && c == amount_col)
            {
              /* "-25 462,88" → -25462.88: the generator's amounts have at most
               * two decimals, which a double prints back exactly */
              char num[64];
              size_t k = 0;

              for (const char *q = fields[c]; *q && k + 1 < sizeof num; q++)
                if (*q != ' ')
                  num[k++] = *q == ',' ? '.' : *q;
              num[k] = '\0';
              worksheet_write_number (ws, row, c, strtod (num, NULL), NULL);
            }
          else if (fields[c][0] != '\0')
            worksheet_write_string (ws, row, c, fields[c], NULL);
        }
      row++;
    }
  free (line);
  fclose (in);
  if (workbook_close (wb) != LXW_NO_ERROR)
    {
      fprintf (stderr, "bench-csv-to-xlsx: could not write %s\n", argv[2]);
      return 1;
    }
  fprintf (stderr, "%u rows\n", row);
  return 0;
}
