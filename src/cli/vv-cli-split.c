/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "veiviser-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "vv-cli.h"
#include "vv-cli-ledger.h"
#include "vv-ledger-reader.h"
#include "vv-rules.h"
#include "vv-split.h"
#include "vv-units.h"

/* Bad lines printed on stderr before only counting the rest. */
#define MAX_REPORTED_REJECTS 1000

typedef struct
{
  VvSplit    *split;
  const char *path;
  guint64     n_rejects;
} SplitRun;

static gboolean
on_line (const VvLedgerLine *line,
         gpointer            user_data)
{
  SplitRun *run = user_data;

  vv_split_add_line (run->split, line);
  return TRUE;
}

static void
on_reject (guint64     line_no,
           const char *field,
           const char *message,
           gpointer    user_data)
{
  SplitRun *run = user_data;

  vv_split_add_reject (run->split, line_no, field, message);
  if (++run->n_rejects <= MAX_REPORTED_REJECTS)
    {
      g_autofree char *line = g_strdup_printf ("%" G_GUINT64_FORMAT, line_no);
      g_autofree char *msg = NULL;

      if (field != NULL)
        msg = g_strdup_printf (_("%s:%s: field “%s”: %s"), run->path, line, field, message);
      else
        msg = g_strdup_printf (_("%s:%s: %s"), run->path, line, message);
      vv_cli_error (msg);
    }
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n",
           _("Usage: veiviser-cli split LEDGER [--units UNITS.csv] [--year YYYY] "
             "[--format auto|csv|kostra] [--json] [--skip-bad] [--lang nb|nn]"));
  fprintf (out, "%s\n\n",
           _("Reads a general-ledger CSV export or a KOSTRA file extract and splits the "
             "home-service money (254, or 257/258 from 2024) into 257 and 258 by the units "
             "register, with findings about misbooked lines."));
  fprintf (out, "  --units FILE   %s\n",
           _("Units register: Ansvar;Navn;Fordeling (e.g. 4101;Solbakken;257:80 258:20)"));
  fprintf (out, "  --year YYYY    %s\n",
           _("Accounting year (for lines without one; overrides the file's)"));
  fprintf (out, "  --format F     %s\n", _("auto (default), csv or kostra"));
  fprintf (out, "  --json         %s\n", _("Print the veiviser-split/1 JSON document"));
  fprintf (out, "  --skip-bad     %s\n",
           _("Split the readable lines even if some lines cannot be read"));
  fprintf (out, "  --lang LANG    %s\n", _("Language of the output: nb (bokmål) or nn (nynorsk)"));
}

static gboolean
option_value (int          argc,
              char       **argv,
              int         *i,
              const char  *name,
              const char **value)
{
  const char *arg = argv[*i];
  gsize n = strlen (name);

  if (g_str_equal (arg, name))
    {
      if (*i + 1 >= argc)
        {
          g_autofree char *msg = g_strdup_printf (_("option %s needs a value"), name);

          vv_cli_error (msg);
          *value = NULL;
          return TRUE;
        }
      *value = argv[++*i];
      return TRUE;
    }
  if (strncmp (arg, name, n) == 0 && arg[n] == '=')
    {
      *value = arg + n + 1;
      return TRUE;
    }
  return FALSE;
}

/* veiviser-cli split LEDGER [--units F] [--year Y] [--format auto|csv|kostra] [--json]
 *                          [--skip-bad] [--lang nb|nn] */
int
vv_cli_split (int    argc,
              char **argv)
{
  g_autoptr(VvUnits) units = NULL;
  g_autoptr(VvSplit) split = NULL;
  g_autoptr(VvLedgerReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = NULL;
  const char *units_path = NULL;
  const char *year_text = NULL;
  const char *format_text = NULL;
  gboolean as_json = FALSE;
  gboolean skip_bad = FALSE;
  VvLedgerFormat format = VV_LEDGER_FORMAT_AUTO;
  SplitRun run = { 0 };
  VvRules *rules;
  int year = 0;

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *value = NULL;

      if (g_str_equal (arg, "--json"))
        as_json = TRUE;
      else if (g_str_equal (arg, "--skip-bad"))
        skip_bad = TRUE;
      else if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_usage (stdout);
          return VV_CLI_EXIT_OK;
        }
      else if (option_value (argc, argv, &i, "--lang", &value))
        {
          if (value == NULL)
            return VV_CLI_EXIT_INVALID;
          /* handled by main () */
        }
      else if (option_value (argc, argv, &i, "--units", &value))
        {
          if ((units_path = value) == NULL)
            return VV_CLI_EXIT_INVALID;
        }
      else if (option_value (argc, argv, &i, "--year", &value))
        {
          if ((year_text = value) == NULL)
            return VV_CLI_EXIT_INVALID;
        }
      else if (option_value (argc, argv, &i, "--format", &value))
        {
          if ((format_text = value) == NULL)
            return VV_CLI_EXIT_INVALID;
        }
      else if (arg[0] == '-' && arg[1] != '\0')
        {
          g_autofree char *msg = g_strdup_printf (_("unknown option “%s” for split"), arg);

          vv_cli_error (msg);
          return VV_CLI_EXIT_INVALID;
        }
      else if (path == NULL)
        path = arg;
      else
        {
          vv_cli_error (_("split takes exactly one ledger file"));
          return VV_CLI_EXIT_INVALID;
        }
    }
  if (path == NULL)
    {
      vv_cli_error (_("missing ledger file "
                      "(usage: veiviser-cli split LEDGER [--units UNITS.csv])"));
      return VV_CLI_EXIT_INVALID;
    }

  rules = vv_rules_get_default ();
  if (year_text != NULL)
    {
      guint64 y = 0;

      if (!g_ascii_string_to_unsigned (year_text, 10, 1900, 2199, &y, NULL))
        {
          g_autofree char *msg = g_strdup_printf (_("--year: “%s” is not a year (e.g. 2024)"),
                                                  year_text);

          vv_cli_error (msg);
          return VV_CLI_EXIT_INVALID;
        }
      year = (int) y;
    }
  if (format_text != NULL)
    {
      if (g_str_equal (format_text, "auto"))
        format = VV_LEDGER_FORMAT_AUTO;
      else if (g_str_equal (format_text, "csv"))
        format = VV_LEDGER_FORMAT_CSV;
      else if (g_str_equal (format_text, "kostra"))
        format = VV_LEDGER_FORMAT_KOSTRA;
      else
        {
          g_autofree char *msg = g_strdup_printf (_("--format: “%s” is not auto, csv or kostra"),
                                                  format_text);

          vv_cli_error (msg);
          return VV_CLI_EXIT_INVALID;
        }
    }

  if (units_path != NULL)
    {
      units = vv_units_new_from_file (rules, units_path, &error);
      if (units == NULL)
        {
          vv_cli_error (error->message);
          return VV_CLI_EXIT_INVALID;
        }
    }

  split = vv_split_new (rules, units);
  vv_split_set_year (split, year);
  reader = vv_ledger_reader_new ();
  vv_ledger_reader_set_format (reader, format);
  if (year != 0)
    vv_ledger_reader_set_default_year (reader, year);

  run.split = split;
  run.path = path;
  if (!vv_ledger_reader_read (reader, path, on_line, on_reject, NULL, &run, NULL, &error))
    {
      if (strstr (error->message, path) != NULL)
        vv_cli_error (error->message);
      else
        {
          g_autofree char *msg = g_strdup_printf ("%s: %s", path, error->message);

          vv_cli_error (msg);
        }
      return VV_CLI_EXIT_INVALID;
    }
  vv_split_finish (split);
  vv_cli_report_recoded (reader, path);
  if (!vv_split_check_sums (split, path, &error))
    {
      vv_cli_error (error->message);
      return VV_CLI_EXIT_INVALID;
    }

  if (run.n_rejects > MAX_REPORTED_REJECTS)
    {
      g_autofree char *more = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                               run.n_rejects - MAX_REPORTED_REJECTS);
      g_autofree char *msg = g_strdup_printf (_("%s: … and %s more lines that cannot be read"),
                                              path, more);

      vv_cli_error (msg);
    }
  if (run.n_rejects > 0 && !skip_bad)
    {
      g_autofree char *n = g_strdup_printf ("%" G_GUINT64_FORMAT, run.n_rejects);
      gulong count = (gulong) MIN (run.n_rejects, G_MAXULONG);
      g_autofree char *msg = NULL;

      msg = g_strdup_printf (ngettext ("%s: %s line cannot be read; fix it, or use "
                                       "--skip-bad to split the other lines",
                                       "%s: %s lines cannot be read; fix them, or use "
                                       "--skip-bad to split the other lines", count),
                             path, n);

      vv_cli_error (msg);
      return VV_CLI_EXIT_INVALID;
    }

  if (as_json)
    {
      g_autoptr(JsonNode) node = vv_split_to_json (split);
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
      g_autofree char *text = vv_split_to_text (split);

      printf ("%s", text);
    }
  return VV_CLI_EXIT_OK;
}
