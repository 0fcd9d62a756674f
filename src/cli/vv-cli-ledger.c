/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "veiviser-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vv-cli.h"
#include "vv-cli-ledger.h"
#include "vv-rules.h"

/* Bad lines printed on stderr before only counting the rest. */
#define MAX_REPORTED_REJECTS 100

typedef struct
{
  const char       *path;
  guint64           n_rejects;
  VvLedgerLineFunc  line_func;
  gpointer          user_data;
} RejectRun;

static gboolean
on_line (const VvLedgerLine *line,
         gpointer            user_data)
{
  RejectRun *run = user_data;

  return run->line_func (line, run->user_data);
}

static void
on_reject (guint64     line_no,
           const char *field,
           const char *message,
           gpointer    user_data)
{
  RejectRun *run = user_data;
  g_autofree char *msg = NULL;

  if (++run->n_rejects > MAX_REPORTED_REJECTS)
    return;
  if (field != NULL)
    msg = g_strdup_printf (_("%s:%llu: field “%s”: %s"), run->path, (unsigned long long) line_no,
                           field, message);
  else
    msg = g_strdup_printf (_("%s:%llu: %s"), run->path, (unsigned long long) line_no, message);
  vv_cli_error (msg);
}

/**
 * vv_cli_ledger_option_entries:
 * @options: where the values go
 *
 * Returns: (transfer full): the entries, NULL-terminated, for
 *   g_option_context_add_main_entries(); free with g_free()
 */
GOptionEntry *
vv_cli_ledger_option_entries (VvCliLedgerOptions *options)
{
  const GOptionEntry entries[] = {
    { "units", 0, 0, G_OPTION_ARG_FILENAME, &options->units_path,
      N_("Units register: Ansvar;Navn;Fordeling (e.g. 4101;Solbakken;257:80 258:20)"), N_("FILE") },
    { "year", 0, 0, G_OPTION_ARG_INT, &options->year,
      N_("Accounting year (for lines without one; chooses one in a file of several)"), N_("YYYY") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &options->format,
      N_("auto (default), csv or kostra"), N_("FORMAT") },
    { "skip-bad", 0, 0, G_OPTION_ARG_NONE, &options->skip_bad,
      N_("Use the readable lines even if some lines cannot be read"), NULL },
    { "amount-column", 0, 0, G_OPTION_ARG_STRING, &options->amount_column,
      N_("Take the amounts from the column with this header (of several amount columns)"),
      N_("HEADER") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &options->unit,
      N_("The unit of the amounts: kr or 1000kr (whole thousand kroner)"), N_("UNIT") },
    { "column", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->columns,
      N_("Use the column with this header for ROLE (year, period, ansvar, function, art, "
         "text, amount, class, region); may be given again"), N_("ROLE=HEADER") },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &options->sheet,
      N_("The sheet to read in a spreadsheet (.xlsx, .ods); needed only when several sheets "
         "look like ledgers (a cover or notes sheet beside one ledger is passed over)"),
      N_("NAME") },
    { "function-code", 0, 0, G_OPTION_ARG_STRING, &options->function_code,
      N_("How to read a function column with codes of 4-8 digits such as 25710: prefix (a "
         "service code; its first three digits are the function, the default, said on "
         "stderr) or exact (functions only; such a code is a line that cannot be read)"),
      N_("MODE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &options->lang,
      N_("Language of the output: nb (bokmål) or nn (nynorsk)"), N_("LANG") },
    { NULL }
  };

  return g_memdup2 (entries, sizeof entries);
}

void
vv_cli_ledger_options_clear (VvCliLedgerOptions *options)
{
  g_clear_pointer (&options->units_path, g_free);
  g_clear_pointer (&options->format, g_free);
  g_clear_pointer (&options->lang, g_free);
  g_clear_pointer (&options->region, g_free);
  g_clear_pointer (&options->amount_column, g_free);
  g_clear_pointer (&options->unit, g_free);
  g_clear_pointer (&options->sheet, g_free);
  g_clear_pointer (&options->function_code, g_free);
  g_clear_pointer (&options->columns, g_strfreev);
}

/* Prints why on stderr and returns NULL when the register cannot be read. */
VvUnits *
vv_cli_ledger_load_units (VvCliLedgerOptions *options,
                          gboolean            required)
{
  g_autoptr(GError) error = NULL;
  VvUnits *units;

  if (options->units_path == NULL)
    {
      if (required)
        vv_cli_error (_("missing --units FILE (the units register)"));
      return NULL;
    }
  units = vv_units_new_from_file (vv_rules_get_default (), options->units_path, &error);
  if (units == NULL)
    vv_cli_error (error->message);
  return units;
}

static const struct
{
  const char     *name;
  VvLedgerColumn  role;
} role_names[] = {
  { "year", VV_LEDGER_COLUMN_YEAR }, { "ar", VV_LEDGER_COLUMN_YEAR },
  { "år", VV_LEDGER_COLUMN_YEAR }, { "period", VV_LEDGER_COLUMN_PERIOD },
  { "periode", VV_LEDGER_COLUMN_PERIOD }, { "ansvar", VV_LEDGER_COLUMN_ANSVAR },
  { "function", VV_LEDGER_COLUMN_FUNCTION }, { "funksjon", VV_LEDGER_COLUMN_FUNCTION },
  { "tjeneste", VV_LEDGER_COLUMN_FUNCTION }, { "teneste", VV_LEDGER_COLUMN_FUNCTION },
  { "art", VV_LEDGER_COLUMN_ART }, { "konto", VV_LEDGER_COLUMN_ART },
  { "text", VV_LEDGER_COLUMN_TEXT }, { "tekst", VV_LEDGER_COLUMN_TEXT },
  { "amount", VV_LEDGER_COLUMN_AMOUNT }, { "beløp", VV_LEDGER_COLUMN_AMOUNT },
  { "belop", VV_LEDGER_COLUMN_AMOUNT }, { "class", VV_LEDGER_COLUMN_CLASS },
  { "kontoklasse", VV_LEDGER_COLUMN_CLASS }, { "region", VV_LEDGER_COLUMN_REGION },
};

/**
 * vv_cli_ledger_choice_entries:
 * @options: where the values go
 *
 * The options for real exports alone (`--region`, `--amount-column`,
 * `--unit`, `--column`, `--sheet`), for commands that parse `--year` and
 * `--format` themselves (split, import).
 *
 * Returns: (transfer full): the entries, NULL-terminated; free with g_free()
 */
GOptionEntry *
vv_cli_ledger_choice_entries (VvCliLedgerOptions *options)
{
  g_autofree GOptionEntry *all = vv_cli_ledger_option_entries (options);
  GPtrArray *keep = g_ptr_array_new ();
  GOptionEntry *out;
  guint n = 0;

  for (guint i = 0; all[i].long_name != NULL; i++)
    if (g_str_equal (all[i].long_name, "region") || g_str_equal (all[i].long_name, "amount-column")
        || g_str_equal (all[i].long_name, "unit") || g_str_equal (all[i].long_name, "column")
        || g_str_equal (all[i].long_name, "sheet")
        || g_str_equal (all[i].long_name, "function-code"))
      g_ptr_array_add (keep, &all[i]);
  out = g_new0 (GOptionEntry, keep->len + 2);
  for (guint i = 0; i < keep->len; i++)
    out[n++] = *(GOptionEntry *) g_ptr_array_index (keep, i);
  /* not among the shared entries: kostra's own --region names the extract's */
  out[n++] = (GOptionEntry) { "region", 0, 0, G_OPTION_ARG_STRING, &options->region,
    N_("Read only the lines of this region (kommunenummer) in a file of several"), N_("CODE") };
  g_ptr_array_unref (keep);
  return out;
}

/**
 * vv_cli_ledger_apply_choices:
 * @reader: a reader
 * @options: the parsed options
 * @year: the year chosen with `--year`, or 0
 *
 * Sets `--year` (the year read of a file of several), `--region`,
 * `--amount-column`, `--unit`, `--column ROLE=HEADER`, `--sheet` and
 * `--function-code` on
 * @reader. Prints why and returns %FALSE when one is wrong.
 */
gboolean
vv_cli_ledger_apply_choices (VvLedgerReader     *reader,
                             VvCliLedgerOptions *options,
                             int                 year)
{
  vv_ledger_reader_set_year (reader, year);
  vv_ledger_reader_set_sheet (reader, options->sheet);
  vv_ledger_reader_set_region (reader, options->region);
  if (options->amount_column != NULL)
    vv_ledger_reader_set_column_name (reader, VV_LEDGER_COLUMN_AMOUNT, options->amount_column);
  if (options->unit != NULL)
    {
      if (g_ascii_strcasecmp (options->unit, "kr") == 0)
        vv_ledger_reader_set_unit (reader, VV_LEDGER_UNIT_KR);
      else if (g_ascii_strcasecmp (options->unit, "1000kr") == 0)
        vv_ledger_reader_set_unit (reader, VV_LEDGER_UNIT_THOUSANDS);
      else
        {
          g_autofree char *msg = g_strdup_printf (_("--unit: “%s” is not kr or 1000kr"),
                                                  options->unit);

          vv_cli_error (msg);
          return FALSE;
        }
    }
  if (options->function_code != NULL)
    {
      if (g_ascii_strcasecmp (options->function_code, "prefix") == 0)
        vv_ledger_reader_set_function_code (reader, VV_LEDGER_FUNCTION_CODE_PREFIX);
      else if (g_ascii_strcasecmp (options->function_code, "exact") == 0)
        vv_ledger_reader_set_function_code (reader, VV_LEDGER_FUNCTION_CODE_EXACT);
      else
        {
          g_autofree char *msg = g_strdup_printf (_("--function-code: “%s” is not prefix or "
                                                    "exact"), options->function_code);

          vv_cli_error (msg);
          return FALSE;
        }
    }
  for (guint i = 0; options->columns != NULL && options->columns[i] != NULL; i++)
    {
      const char *eq = strchr (options->columns[i], '=');
      g_autofree char *role = eq ? g_utf8_strdown (options->columns[i], eq - options->columns[i])
                                 : NULL;
      gboolean found = FALSE;

      for (guint k = 0; role != NULL && eq[1] != '\0' && k < G_N_ELEMENTS (role_names) && !found;
           k++)
        if (g_str_equal (role, role_names[k].name))
          {
            vv_ledger_reader_set_column_name (reader, role_names[k].role, eq + 1);
            found = TRUE;
          }
      if (!found)
        {
          g_autofree char *msg = g_strdup_printf (_("--column: “%s” is not ROLE=HEADER with a "
                                                    "role such as ansvar, function, art, "
                                                    "amount, class or region"),
                                                  options->columns[i]);

          vv_cli_error (msg);
          return FALSE;
        }
    }
  return TRUE;
}

/* A reader set up by the options, or NULL (and a message) when one is wrong. */
VvLedgerReader *
vv_cli_ledger_reader_new (VvCliLedgerOptions *options)
{
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
  VvLedgerFormat format = VV_LEDGER_FORMAT_AUTO;

  if (options->year != 0 && (options->year < 1900 || options->year > 2199))
    {
      g_autofree char *msg = g_strdup_printf (_("--year: “%d” is not a year (e.g. 2024)"),
                                              options->year);

      vv_cli_error (msg);
      return NULL;
    }
  if (options->format != NULL)
    {
      if (g_str_equal (options->format, "auto"))
        format = VV_LEDGER_FORMAT_AUTO;
      else if (g_str_equal (options->format, "csv"))
        format = VV_LEDGER_FORMAT_CSV;
      else if (g_str_equal (options->format, "kostra"))
        format = VV_LEDGER_FORMAT_KOSTRA;
      else
        {
          g_autofree char *msg = g_strdup_printf (_("--format: “%s” is not auto, csv or kostra"),
                                                  options->format);

          vv_cli_error (msg);
          return NULL;
        }
    }
  vv_ledger_reader_set_format (reader, format);
  vv_ledger_reader_set_sheet (reader, options->sheet);
  if (options->year != 0)
    vv_ledger_reader_set_default_year (reader, options->year);
  if (!vv_cli_ledger_apply_choices (reader, options, options->year))
    return NULL;
  return g_steal_pointer (&reader);
}

/* A UTF-8 file with lines that are not UTF-8: they were read as
 * Windows-1252, which is usually right, but the user should know where. */
void
vv_cli_report_recoded (VvLedgerReader *reader,
                       const char     *path)
{
  guint64 first = vv_ledger_reader_get_first_recoded_line (reader);
  guint64 n = vv_ledger_reader_get_lines_recoded (reader);
  g_autofree char *line = NULL;
  g_autofree char *count = NULL;
  g_autofree char *msg = NULL;

  if (first == 0)
    return;
  line = g_strdup_printf ("%" G_GUINT64_FORMAT, first);
  count = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  msg = g_strdup_printf (_("%s:%s: the line is not UTF-8 text; it was read as Windows-1252 "
                           "(%s such lines in all)"), path, line, count);
  vv_cli_error (msg);
}

/* A function column of local service codes (25710) was read by their first
 * three digits: said once, with how many lines and how, so that a column
 * of something else read as functions does not pass unnoticed. Nothing when
 * the file has functions only. */
void
vv_cli_report_service_codes (VvLedgerReader *reader,
                             const char     *path)
{
  guint64 n = vv_ledger_reader_get_lines_service_code (reader);
  const char *example = vv_ledger_reader_get_function_code_example (reader);
  gulong count = (gulong) MIN (n, G_MAXULONG);
  g_autofree char *lines = NULL;
  g_autofree char *msg = NULL;

  if (n == 0 || example == NULL)
    return;
  lines = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  if (vv_ledger_reader_get_function_code_choice (reader) == VV_LEDGER_FUNCTION_CODE_PREFIX)
    /* Translators: file, number of lines, a service code and its function */
    msg = g_strdup_printf (ngettext ("%s: %s line had its function read from a service code "
                                     "by its first three digits (%s → %.3s), as "
                                     "--function-code prefix says",
                                     "%s: %s lines had their function read from a service "
                                     "code by its first three digits (%s → %.3s), as "
                                     "--function-code prefix says", count),
                           path, lines, example, example);
  else
    /* Translators: file, number of lines, a service code and its function */
    msg = g_strdup_printf (ngettext ("%s: %s line had its function read from a service code "
                                     "by its first three digits (%s → %.3s); say "
                                     "--function-code prefix to confirm, or exact if the "
                                     "column holds functions only",
                                     "%s: %s lines had their function read from a service "
                                     "code by its first three digits (%s → %.3s); say "
                                     "--function-code prefix to confirm, or exact if the "
                                     "column holds functions only", count),
                           path, lines, example, example);
  vv_cli_error (msg);
}

/* Reads @path, printing rejected lines; FALSE (with a message) when the file
 * cannot be read, or lines cannot be read without --skip-bad. */
gboolean
vv_cli_ledger_read (VvLedgerReader     *reader,
                    VvCliLedgerOptions *options,
                    const char         *path,
                    VvLedgerLineFunc    line_func,
                    gpointer            user_data)
{
  g_autoptr(GError) error = NULL;
  RejectRun run = { path, 0, line_func, user_data };

  if (!vv_ledger_reader_read (reader, path, on_line, on_reject, NULL, &run, NULL, &error))
    {
      if (strstr (error->message, path) != NULL)
        vv_cli_error (error->message);
      else
        {
          g_autofree char *msg = g_strdup_printf ("%s: %s", path, error->message);

          vv_cli_error (msg);
        }
      return FALSE;
    }
  vv_cli_report_recoded (reader, path);
  vv_cli_report_service_codes (reader, path);
  if (run.n_rejects > MAX_REPORTED_REJECTS)
    {
      g_autofree char *more = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                               run.n_rejects - MAX_REPORTED_REJECTS);
      g_autofree char *msg = g_strdup_printf (_("%s: … and %s more lines that cannot be read"),
                                              path, more);

      vv_cli_error (msg);
    }
  if (run.n_rejects > 0 && !options->skip_bad)
    {
      g_autofree char *n = g_strdup_printf ("%" G_GUINT64_FORMAT, run.n_rejects);
      gulong count = (gulong) MIN (run.n_rejects, G_MAXULONG);
      g_autofree char *msg = NULL;

      msg = g_strdup_printf (ngettext ("%s: %s line cannot be read; fix it, or use "
                                       "--skip-bad to use the other lines",
                                       "%s: %s lines cannot be read; fix them, or use "
                                       "--skip-bad to use the other lines", count),
                             path, n);
      vv_cli_error (msg);
      return FALSE;
    }
  return TRUE;
}
