/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "veiviser-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "vv-cli.h"

/* What the commands of veiviser-cli share; see vv-cli.h. */

void
vv_cli_error (const char *message)
{
  fprintf (stderr, "veiviser-cli: %s\n", message);
}

/**
 * vv_cli_option_context_new:
 * @command: the command's name, e.g. "classify"
 * @parameter_string: (nullable): the operands, translated, e.g. _("CASE.json")
 * @summary: (nullable): a sentence or two for `--help`, translated
 *
 * Returns: (transfer full): a context whose option descriptions are
 *   translated in our domain; add the entries, then vv_cli_parse_options()
 */
GOptionContext *
vv_cli_option_context_new (const char *command,
                           const char *parameter_string,
                           const char *summary)
{
  g_autofree char *usage = NULL;
  GOptionContext *context;

  g_return_val_if_fail (command != NULL, NULL);

  /* "Usage: veiviser-cli [OPTION…] classify CASE.json" would put the
   * options before the command, where they are not understood. */
  usage = g_strdup_printf ("veiviser-cli %s", command);
  g_set_prgname (usage);
  context = g_option_context_new (parameter_string);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (summary != NULL)
    g_option_context_set_summary (context, summary);
  return context;
}

/**
 * vv_cli_lang_option_entry:
 * @lang: where the value goes; free it with g_free()
 *
 * main() reads `--lang` before any command runs; a command only has to
 * accept it.
 *
 * Returns: the entry for `--lang LANG`
 */
GOptionEntry
vv_cli_lang_option_entry (char **lang)
{
  GOptionEntry entry = {
    "lang", 0, 0, G_OPTION_ARG_STRING, lang,
    N_("Language of the output: nb (bokmål) or nn (nynorsk)"), N_("LANG")
  };

  return entry;
}

/**
 * vv_cli_parse_options:
 * @context: a context from vv_cli_option_context_new() with its entries
 * @argc: (inout): the number of arguments
 * @argv: (inout): the arguments, argv[0] being the command's name; the
 *   operands are left in argv[1] … argv[argc - 1]
 *
 * Parses the options. `--help` prints the help and exits with 0.
 *
 * Returns: %FALSE, after saying why on stderr, when an option is unknown or
 *   its value is wrong; the command then exits with %VV_CLI_EXIT_INVALID
 */
gboolean
vv_cli_parse_options (GOptionContext   *context,
                      int              *argc,
                      char           ***argv)
{
  g_autoptr(GError) error = NULL;
  const char *command;

  g_return_val_if_fail (context != NULL, FALSE);
  g_return_val_if_fail (argc != NULL && *argc >= 1 && argv != NULL, FALSE);

  command = (*argv)[0];
  /* unknown options stay in argv so that we can name them our way */
  g_option_context_set_ignore_unknown_options (context, TRUE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      vv_cli_error (error->message);
      return FALSE;
    }
  for (int i = 1; i < *argc; i++)
    {
      const char *arg = (*argv)[i];

      if (g_str_equal (arg, "--"))
        {
          /* the end of the options: drop the marker, keep what follows */
          memmove (*argv + i, *argv + i + 1, (*argc - i) * sizeof (char *));
          (*argc)--;
          break;
        }
      if (arg[0] == '-' && arg[1] != '\0')
        {
          g_autofree char *msg = g_strdup_printf (_("unknown option “%s” for %s"), arg, command);

          vv_cli_error (msg);
          return FALSE;
        }
    }
  return TRUE;
}
