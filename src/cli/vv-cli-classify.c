/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "veiviser-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "vv-case.h"
#include "vv-classifier.h"
#include "vv-cli.h"
#include "vv-rules.h"

static void
print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  printf ("%s\n", text);
}

/* veiviser-cli classify CASE.json [--json] [--lang nb|nn] */
int
vv_cli_classify (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(VvCase) vcase = NULL;
  g_autoptr(VvResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lang = NULL;
  const char *path;
  gboolean as_json = FALSE;
  VvRules *rules;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json,
      N_("Print the result as JSON (see case-format.md)"), NULL },
    vv_cli_lang_option_entry (&lang),
    { NULL }
  };

  context = vv_cli_option_context_new ("classify", _("CASE.json"),
                                       _("Classify a case file and print the KOSTRA function"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!vv_cli_parse_options (context, &argc, &argv))
    return VV_CLI_EXIT_INVALID;
  if (argc < 2)
    {
      vv_cli_error (_("missing case file (usage: veiviser-cli classify CASE.json)"));
      return VV_CLI_EXIT_INVALID;
    }
  if (argc > 2)
    {
      vv_cli_error (_("classify takes exactly one case file"));
      return VV_CLI_EXIT_INVALID;
    }
  path = argv[1];

  rules = vv_rules_get_default ();
  vcase = vv_case_load_file (path, &error);
  if (vcase == NULL || !vv_case_validate (vcase, rules, &error))
    {
      vv_cli_error (error->message);
      return VV_CLI_EXIT_INVALID;
    }
  for (guint i = 0; i < vcase->warnings->len; i++)
    {
      g_autofree char *msg = g_strdup_printf (_("%s: warning: %s"), path,
                                              (char *) g_ptr_array_index (vcase->warnings, i));
      fprintf (stderr, "veiviser-cli: %s\n", msg);
    }

  result = vv_classify (rules, vcase->year, vcase->facts, &error);
  if (result == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("%s: %s", path, error->message);
      vv_cli_error (msg);
      return VV_CLI_EXIT_INVALID;
    }

  if (as_json)
    {
      g_autoptr(JsonNode) node = vv_result_to_json (rules, result);
      print_json (node);
    }
  else
    {
      g_autofree char *text = vv_result_to_text (rules, result);

      if (vcase->title != NULL && *vcase->title != '\0')
        printf ("%s (%d)\n\n", vcase->title, vcase->year);
      else
        printf ("%s %d\n\n", _("Accounting year"), vcase->year);
      printf ("%s", text);
    }
  return VV_CLI_EXIT_OK;
}
