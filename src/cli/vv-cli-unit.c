/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "veiviser-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "vv-cli.h"
#include "vv-rules.h"
#include "vv-unit-guide.h"

/* veiviser-cli unit FILE [--json] [--lang nb|nn] */
int
vv_cli_unit (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(VvUnitFile) unit = NULL;
  g_autoptr(VvUnitResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lang = NULL;
  gboolean as_json = FALSE;
  VvRules *rules;
  const char *path;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json,
      N_("Print the result as JSON (see docs/formats.md)"), NULL },
    vv_cli_lang_option_entry (&lang),
    { NULL }
  };

  context = vv_cli_option_context_new ("unit", _("UNIT.json"),
                                       _("Split one unit's (ansvar's) costs between 257 and 258 by its staff"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!vv_cli_parse_options (context, &argc, &argv))
    return VV_CLI_EXIT_INVALID;
  if (argc != 2)
    {
      vv_cli_error (_("unit takes exactly one unit file (usage: veiviser-cli unit UNIT.json)"));
      return VV_CLI_EXIT_INVALID;
    }
  path = argv[1];

  rules = vv_rules_get_default ();
  unit = vv_unit_file_load (path, &error);
  if (unit != NULL)
    result = vv_unit_guide (rules, unit, &error);
  if (result == NULL)
    {
      vv_cli_error (error->message);
      return VV_CLI_EXIT_INVALID;
    }
  for (guint i = 0; i < unit->warnings->len; i++)
    {
      g_autofree char *msg = g_strdup_printf (_("%s: warning: %s"), path,
                                              (char *) g_ptr_array_index (unit->warnings, i));
      fprintf (stderr, "veiviser-cli: %s\n", msg);
    }

  if (as_json)
    {
      g_autoptr(JsonNode) node = vv_unit_result_to_json (rules, unit, result);
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autofree char *text = NULL;

      json_generator_set_pretty (gen, TRUE);
      json_generator_set_indent (gen, 2);
      json_generator_set_root (gen, node);
      text = json_generator_to_data (gen, NULL);
      printf ("%s\n", text);
    }
  else
    {
      g_autofree char *text = vv_unit_result_to_text (rules, unit, result);

      printf ("%s", text);
    }
  return VV_CLI_EXIT_OK;
}
