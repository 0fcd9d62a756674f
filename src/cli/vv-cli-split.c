/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "veiviser-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "vv-cli.h"
#include "vv-cli-ledger.h"
#include "vv-ledger-session.h"

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static void
print_reject (const char           *path,
              const VvStoredReject *r)
{
  g_autofree char *line = g_strdup_printf ("%" G_GUINT64_FORMAT, r->line_no);
  g_autofree char *msg = NULL;

  if (r->field != NULL)
    msg = g_strdup_printf (_("%s:%s: field “%s”: %s"), path, line, r->field, r->message);
  else
    msg = g_strdup_printf (_("%s:%s: %s"), path, line, r->message);
  vv_cli_error (msg);
}

/* veiviser-cli split LEDGER [--units F] [--year Y] [--format auto|csv|kostra] [--json]
 *                          [--skip-bad] [--lang nb|nn]
 *
 * Runs the ledger session's file split: the same reader and split as the
 * app, without storing the file. */
int
vv_cli_split (int    argc,
              char **argv)
{
  g_autoptr(VvUnits) units = NULL;
  g_autoptr(VvLedgerReader) reader = NULL;
  g_autoptr(VvLedgerSession) session = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *units_path = NULL;
  g_autofree char *year_text = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *lang = NULL;
  gboolean as_json = FALSE;
  gboolean skip_bad = FALSE;
  VvLedgerFormat format = VV_LEDGER_FORMAT_AUTO;
  Wait wait = { NULL, NULL };
  const char *path;
  GPtrArray *rejects;
  VvSplit *split;
  guint64 n_rejects;
  VvRules *rules;
  int year = 0;
  g_auto(VvCliLedgerOptions) choices = { 0, };
  g_autofree GOptionEntry *choice_entries = NULL;
  const GOptionEntry entries[] = {
    { "units", 0, 0, G_OPTION_ARG_FILENAME, &units_path,
      N_("Units register: Ansvar;Navn;Fordeling (e.g. 4101;Solbakken;257:80 258:20)"), N_("FILE") },
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text,
      N_("Accounting year (for lines without one; overrides the file's)"), N_("YYYY") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("auto (default), csv or kostra"),
      N_("FORMAT") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the veiviser-split/1 JSON document"),
      NULL },
    { "skip-bad", 0, 0, G_OPTION_ARG_NONE, &skip_bad,
      N_("Split the readable lines even if some lines cannot be read"), NULL },
    vv_cli_lang_option_entry (&lang),
    { NULL }
  };

  context = vv_cli_option_context_new ("split", _("LEDGER"),
                                       _("Reads a general-ledger CSV export or a KOSTRA file "
                                         "extract and splits the home-service money (254, or "
                                         "257/258 from 2024) into 257 and 258 by the units "
                                         "register, with findings about misbooked lines."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  choice_entries = vv_cli_ledger_choice_entries (&choices);
  g_option_context_add_main_entries (context, choice_entries, GETTEXT_PACKAGE);
  if (!vv_cli_parse_options (context, &argc, &argv))
    return VV_CLI_EXIT_INVALID;
  if (argc < 2)
    {
      vv_cli_error (_("missing ledger file "
                      "(usage: veiviser-cli split LEDGER [--units UNITS.csv])"));
      return VV_CLI_EXIT_INVALID;
    }
  if (argc > 2)
    {
      vv_cli_error (_("split takes exactly one ledger file"));
      return VV_CLI_EXIT_INVALID;
    }
  path = argv[1];

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

  reader = vv_ledger_reader_new ();
  vv_ledger_reader_set_format (reader, format);
  if (year != 0)
    vv_ledger_reader_set_default_year (reader, year);
  if (!vv_cli_ledger_apply_choices (reader, &choices, year))
    return VV_CLI_EXIT_INVALID;

  session = vv_ledger_session_new (NULL, rules);
  wait.loop = g_main_loop_new (NULL, FALSE);
  vv_ledger_session_split_file_async (session, path, reader, units, year, NULL, done_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  if (!vv_ledger_session_split_file_finish (session, wait.result, &error))
    {
      g_object_unref (wait.result);
      if (strstr (error->message, path) != NULL)
        vv_cli_error (error->message);
      else
        {
          g_autofree char *msg = g_strdup_printf ("%s: %s", path, error->message);

          vv_cli_error (msg);
        }
      return VV_CLI_EXIT_INVALID;
    }
  g_object_unref (wait.result);

  split = vv_ledger_session_get_split (session);
  vv_cli_report_recoded (reader, path);
  vv_cli_report_service_codes (reader, path);
  if (!vv_split_check_sums (split, path, &error))
    {
      vv_cli_error (error->message);
      return VV_CLI_EXIT_INVALID;
    }
  rejects = vv_ledger_session_get_rejects (session);
  n_rejects = vv_split_get_lines_rejected (split);
  for (guint i = 0; rejects != NULL && i < rejects->len; i++)
    print_reject (path, g_ptr_array_index (rejects, i));
  if (rejects != NULL && n_rejects > rejects->len)
    {
      g_autofree char *more = g_strdup_printf ("%" G_GUINT64_FORMAT, n_rejects - rejects->len);
      g_autofree char *msg = g_strdup_printf (_("%s: … and %s more lines that cannot be read"),
                                              path, more);

      vv_cli_error (msg);
    }
  if (n_rejects > 0 && !skip_bad)
    {
      g_autofree char *n = g_strdup_printf ("%" G_GUINT64_FORMAT, n_rejects);
      gulong count = (gulong) MIN (n_rejects, G_MAXULONG);
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
