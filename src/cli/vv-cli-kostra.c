/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "veiviser-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "vv-cli.h"
#include "vv-cli-ledger.h"
#include "vv-kostra-extract.h"

static gboolean
on_line (const VvLedgerLine *line,
         gpointer            user_data)
{
  vv_kostra_extract_add_line (user_data, line);
  return TRUE;
}

static gboolean
on_record (const VvLedgerLine *line,
           gpointer            user_data)
{
  vv_kostra_extract_add_record (user_data, line);
  return TRUE;
}

/* veiviser-cli kostra LEDGER --units U --year Y --region R [--orgnr N] [--skjema S]
 *                    [--quarter Q] [--correct EXTRACT.dat] [--output FILE.dat] */
int
vv_cli_kostra (int    argc,
               char **argv)
{
  g_auto(VvCliLedgerOptions) options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(VvUnits) units = NULL;
  g_autoptr(VvLedgerReader) reader = NULL;
  g_autoptr(VvKostraExtract) extract = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree GOptionEntry *entries = NULL;
  g_autofree char *output = NULL;
  g_autofree char *orgnr = NULL;
  g_autofree char *skjema = NULL;
  g_autofree char *correct = NULL;
  g_autofree char *region = NULL;
  int quarter = 0;
  const GOptionEntry own[] = {
    { "region", 0, 0, G_OPTION_ARG_STRING, &region,
      N_("The municipality number and 00 (six digits, e.g. 460100)"), N_("RRRRRR") },
    { "orgnr", 0, 0, G_OPTION_ARG_STRING, &orgnr,
      N_("Organisation number in each record (nine digits)"), N_("N") },
    { "skjema", 0, 0, G_OPTION_ARG_STRING, &skjema,
      N_("0A (municipality, the default) or 0C (county)"), N_("SKJEMA") },
    { "quarter", 0, 0, G_OPTION_ARG_INT, &quarter,
      N_("1-4 for a quarterly extract (default: the annual accounts)"), N_("Q") },
    { "correct", 0, 0, G_OPTION_ARG_FILENAME, &correct,
      N_("Correct this existing extract instead: split its 254 records by the ledger's "
         "shares per art"), N_("EXTRACT.dat") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the extract to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };

  context = vv_cli_option_context_new ("kostra",
                                       _("LEDGER — a KOSTRA file extract with 257/258 in place "
                                         "of 254"),
                                       _("Writes the ledger as 48-character KOSTRA records in "
                                         "whole 1000 kr, aggregated by kontoklasse × function × "
                                         "art, with each unit's home-service money on its "
                                         "Fordeling; or corrects an existing extract (--correct) "
                                         "by the ledger's shares per art."));
  entries = vv_cli_ledger_option_entries (&options);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, own, GETTEXT_PACKAGE);
  if (!vv_cli_parse_options (context, &argc, &argv))
    return VV_CLI_EXIT_INVALID;
  if (argc != 2)
    {
      vv_cli_error (_("kostra takes exactly one ledger file (usage: veiviser-cli kostra LEDGER "
                      "--units UNITS.csv --year YYYY --region RRRRRR --output FILE.dat)"));
      return VV_CLI_EXIT_INVALID;
    }
  if (options.year == 0)
    {
      vv_cli_error (_("missing --year YYYY (the accounting year of the ledger)"));
      return VV_CLI_EXIT_INVALID;
    }
  if (region == NULL && correct == NULL)
    {
      vv_cli_error (_("missing --region RRRRRR (the municipality number and 00)"));
      return VV_CLI_EXIT_INVALID;
    }
  if ((units = vv_cli_ledger_load_units (&options, TRUE)) == NULL)
    return VV_CLI_EXIT_INVALID;
  if ((reader = vv_cli_ledger_reader_new (&options)) == NULL)
    return VV_CLI_EXIT_INVALID;

  extract = vv_kostra_extract_new (NULL, units, options.year);
  /* A corrected extract keeps its own skjema, year, quarter and region. */
  if (correct == NULL &&
      !vv_kostra_extract_set_identity (extract, skjema, region, orgnr, quarter, &error))
    {
      vv_cli_error (error->message);
      return VV_CLI_EXIT_INVALID;
    }
  if (!vv_cli_ledger_read (reader, &options, argv[1], on_line, extract))
    return VV_CLI_EXIT_INVALID;

  if (correct != NULL)
    {
      g_autoptr(VvLedgerReader) old = vv_ledger_reader_new ();
      VvCliLedgerOptions strict = { 0 };

      vv_ledger_reader_set_format (old, VV_LEDGER_FORMAT_KOSTRA);
      if (!vv_cli_ledger_read (old, &strict, correct, on_record, extract))
        return VV_CLI_EXIT_INVALID;
    }
  if (!vv_kostra_extract_finish (extract, &error))
    {
      g_autofree char *msg = g_strdup_printf ("%s: %s", correct ? correct : argv[1],
                                              error->message);

      vv_cli_error (msg);
      return VV_CLI_EXIT_INVALID;
    }

  if (output != NULL)
    {
      if (!vv_kostra_extract_write (extract, output, &error))
        {
          vv_cli_error (error->message);
          return VV_CLI_EXIT_INVALID;
        }
    }
  else
    {
      g_autofree char *data = vv_kostra_extract_to_data (extract);
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

      if (vv_kostra_check (NULL, data, strlen (data), problems, NULL) > 0)
        {
          vv_cli_error (g_ptr_array_index (problems, 0));
          return VV_CLI_EXIT_INVALID;
        }
      fputs (data, stdout);
    }
  return VV_CLI_EXIT_OK;
}
