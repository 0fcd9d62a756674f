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
  g_autoptr(VvCase) vcase = NULL;
  g_autoptr(VvResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = NULL;
  gboolean as_json = FALSE;
  VvRules *rules;

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--json"))
        as_json = TRUE;
      else if (g_str_equal (arg, "--lang"))
        i++; /* handled by main () */
      else if (g_str_has_prefix (arg, "--lang="))
        ;
      else if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          printf ("%s\n", _("Usage: veiviser-cli classify CASE.json [--json] [--lang nb|nn]"));
          return VV_CLI_EXIT_OK;
        }
      else if (arg[0] == '-' && arg[1] != '\0')
        {
          g_autofree char *msg = g_strdup_printf (_("unknown option “%s” for classify"), arg);
          vv_cli_error (msg);
          return VV_CLI_EXIT_INVALID;
        }
      else if (path == NULL)
        path = arg;
      else
        {
          vv_cli_error (_("classify takes exactly one case file"));
          return VV_CLI_EXIT_INVALID;
        }
    }
  if (path == NULL)
    {
      vv_cli_error (_("missing case file (usage: veiviser-cli classify CASE.json)"));
      return VV_CLI_EXIT_INVALID;
    }

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
