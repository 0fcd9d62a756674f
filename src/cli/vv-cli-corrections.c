/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "veiviser-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "vv-cli.h"
#include "vv-cli-ledger.h"
#include "vv-corrections.h"
#include "vv-split.h"

static gboolean
on_line (const VvLedgerLine *line,
         gpointer            user_data)
{
  vv_corrections_add_line (user_data, line);
  return TRUE;
}

/* veiviser-cli corrections LEDGER --units U --year Y [reader options] [--output FILE] */
int
vv_cli_corrections (int    argc,
                    char **argv)
{
  g_auto(VvCliLedgerOptions) options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(VvUnits) units = NULL;
  g_autoptr(VvLedgerReader) reader = NULL;
  g_autoptr(VvCorrections) corrections = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree GOptionEntry *entries = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry own[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the postings to FILE.csv or FILE.xlsx instead of standard output"), N_("FILE") },
    { NULL }
  };

  context = vv_cli_option_context_new ("corrections",
                                       _("LEDGER — correction postings that move home-service "
                                         "money onto the units' functions"),
                                       _("For each ansvar × art: the money moved off 254 (from "
                                         "2024) and off functions that disagree with the unit's "
                                         "Fordeling, onto the unit's functions. Every ansvar × "
                                         "art nets to zero; CSV Ansvar;Art;Funksjon;Beløp;Tekst "
                                         "with decimal comma."));
  entries = vv_cli_ledger_option_entries (&options);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, own, GETTEXT_PACKAGE);
  if (!vv_cli_parse_options (context, &argc, &argv))
    return VV_CLI_EXIT_INVALID;
  if (argc != 2)
    {
      vv_cli_error (_("corrections takes exactly one ledger file "
                      "(usage: veiviser-cli corrections LEDGER --units UNITS.csv --year YYYY)"));
      return VV_CLI_EXIT_INVALID;
    }
  if (options.year == 0)
    {
      vv_cli_error (_("missing --year YYYY (the accounting year to correct)"));
      return VV_CLI_EXIT_INVALID;
    }
  if ((units = vv_cli_ledger_load_units (&options, TRUE)) == NULL)
    return VV_CLI_EXIT_INVALID;
  if ((reader = vv_cli_ledger_reader_new (&options)) == NULL)
    return VV_CLI_EXIT_INVALID;

  corrections = vv_corrections_new (NULL, units, options.year);
  if (!vv_cli_ledger_read (reader, &options, argv[1], on_line, corrections))
    return VV_CLI_EXIT_INVALID;
  vv_corrections_finish (corrections);
  if (!vv_corrections_check_sums (corrections, argv[1], &error))
    {
      vv_cli_error (error->message);
      return VV_CLI_EXIT_INVALID;
    }

  if (vv_corrections_get_n_unassigned (corrections) > 0)
    {
      g_autofree char *kr = vv_format_kroner (vv_corrections_get_unassigned (corrections));
      guint n = vv_corrections_get_n_unassigned (corrections);
      g_autofree char *msg = g_strdup_printf (ngettext ("%u ansvar with home-service money (%s) "
                                                        "has no unit in the register; its lines "
                                                        "are not moved",
                                                        "%u ansvar with home-service money (%s) "
                                                        "have no unit in the register; their "
                                                        "lines are not moved", n),
                                              n, kr);

      vv_cli_error (msg);
    }

  if (output != NULL)
    {
      if (!vv_corrections_write (corrections, output, &error))
        {
          vv_cli_error (error->message);
          return VV_CLI_EXIT_INVALID;
        }
    }
  else
    {
      g_autofree char *csv = vv_corrections_to_csv (corrections);

      fputs (csv, stdout);
    }
  return VV_CLI_EXIT_OK;
}
