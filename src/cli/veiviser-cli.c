/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "veiviser-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "vv-cli.h"
#include "vv-i18n.h"

typedef struct
{
  const char *name;
  int       (*run) (int    argc,
                    char **argv);
} Command;

/* Each command gets argc/argv with argv[0] = its name, and parses its own
 * options with vv_cli_parse_options(). */
static const Command commands[] = {
  { "classify", vv_cli_classify },
  { "split", vv_cli_split },
  { "import", vv_cli_import },
  { "corrections", vv_cli_corrections },
  { "kostra", vv_cli_kostra },
  { "unit", vv_cli_unit },
  { "check-db", vv_cli_check_db },
};

/* --lang must take effect before any string is translated, so it is found
 * by a plain scan of argv before the sub-command parses its options. */
static const char *
find_lang (int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--lang") && i + 1 < argc)
        return argv[i + 1];
      if (g_str_has_prefix (argv[i], "--lang="))
        return argv[i] + strlen ("--lang=");
    }
  return NULL;
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: veiviser-cli COMMAND [OPTION…]"));
  fprintf (out, "%s\n", _("Commands:"));
  fprintf (out, "  classify CASE.json [--json] [--lang nb|nn]\n");
  fprintf (out, "      %s\n", _("Classify a case file and print the KOSTRA function"));
  fprintf (out, "  split LEDGER [--units UNITS.csv] [--year YYYY] [--format auto|csv|kostra] [--json] [--skip-bad] [--lang nb|nn]\n");
  fprintf (out, "      %s\n", _("Import a ledger (CSV export or KOSTRA extract) and print the 254 → 257/258 split"));
  fprintf (out, "      %s\n", _("by the units register, with findings; see veiviser-cli split --help"));
  fprintf (out, "  import LEDGER [--db PATH] [--year YYYY] [--format auto|csv|kostra]\n");
  fprintf (out, "      %s\n", _("Store a ledger in the database and print the import number and line counts"));
  fprintf (out, "  corrections LEDGER --units UNITS.csv --year YYYY [--output FILE.csv|FILE.xlsx]\n");
  fprintf (out, "      %s\n", _("Print correction postings that move home-service money onto the units' functions"));
  fprintf (out, "  kostra LEDGER --units UNITS.csv --year YYYY --region RRRRRR [--orgnr N] [--correct EXTRACT.dat] --output FILE.dat\n");
  fprintf (out, "      %s\n", _("Write a KOSTRA file extract with 257/258 in place of 254, or correct an existing one"));
  fprintf (out, "  unit UNIT.json [--json] [--lang nb|nn]\n");
  fprintf (out, "      %s\n", _("Split one unit's (ansvar's) costs between 257 and 258 by its staff"));
  fprintf (out, "  check-db [--db PATH] [--full]\n");
  fprintf (out, "      %s\n", _("Check the database for damage without changing it"));
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  --help       %s\n", _("Show this help"));
  fprintf (out, "  --version    %s\n", _("Show the version"));
  fprintf (out, "  --lang LANG  %s\n", _("Language of the output: nb (bokmål) or nn (nynorsk)"));
  fprintf (out, "\n%s\n", _("Exit status: 0 on a result, 2 on unreadable or invalid input."));
}

int
main (int    argc,
      char **argv)
{
  const char *lang = find_lang (argc, argv);
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lang_value = NULL;
  gboolean help = FALSE;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show this help"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version"), NULL },
    vv_cli_lang_option_entry (&lang_value),
    { NULL }
  };

  if (lang != NULL && !g_str_equal (lang, "nb") && !g_str_equal (lang, "nn"))
    {
      vv_i18n_init (NULL);
      g_autofree char *msg = g_strdup_printf (_("unknown language “%s” (use nb or nn)"), lang);
      vv_cli_error (msg);
      return VV_CLI_EXIT_INVALID;
    }
  vv_i18n_init (lang);

  /* Options before the command; the command and everything after it are
   * left to the command. print_usage() lists the commands, so GLib's own
   * help is off, and an unknown option is reported as an unknown command. */
  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_set_ignore_unknown_options (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      vv_cli_error (error->message);
      return VV_CLI_EXIT_INVALID;
    }

  if (help || (argc >= 2 && g_str_equal (argv[1], "help")))
    {
      print_usage (stdout);
      return VV_CLI_EXIT_OK;
    }
  if (version)
    {
      printf ("veiviser-cli %s\n", PACKAGE_VERSION);
      return VV_CLI_EXIT_OK;
    }
  if (argc < 2)
    {
      print_usage (stderr);
      return VV_CLI_EXIT_INVALID;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  {
    g_autofree char *msg = g_strdup_printf (_("unknown command “%s” (try --help)"), argv[1]);
    vv_cli_error (msg);
  }
  return VV_CLI_EXIT_INVALID;
}
