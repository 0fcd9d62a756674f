/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "veiviser-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "vv-cli.h"
#include "vv-cli-ledger.h"
#include "vv-db.h"
#include "vv-ledger-reader.h"
#include "vv-ledger-store.h"

/* Bad lines printed on stderr before only counting the rest. */
#define MAX_REPORTED_REJECTS 100

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n",
           _("Usage: veiviser-cli import LEDGER [--db PATH] [--year YYYY] [--format auto|csv|kostra] "
             "[--progress] [--lang nb|nn]"));
  fprintf (out, "%s\n\n",
           _("Stores a general-ledger CSV export or a KOSTRA file extract in the database, all or "
             "nothing, and prints the import's number and line counts."));
  fprintf (out, "  --db PATH      %s\n", _("Database file (default: $VEIVISER_DB or the user data folder)"));
  fprintf (out, "  --year YYYY    %s\n", _("Accounting year for lines without one"));
  fprintf (out, "  --format F     %s\n", _("auto (default), csv or kostra"));
  fprintf (out, "  --progress     %s\n", _("Print “progress DONE/TOTAL” (bytes read) on stderr while reading"));
  fprintf (out, "\n%s\n", _("Exit status: 0 when stored, 1 if already imported or the database "
                            "fails, 2 on unreadable or invalid input."));
}

static gboolean
option_value (int          argc,
              char       **argv,
              int         *i,
              const char  *name,
              const char **value,
              gboolean    *bad)
{
  const char *arg = argv[*i];
  gsize n = strlen (name);

  if (g_str_equal (arg, name))
    {
      if (*i + 1 >= argc)
        {
          g_autofree char *msg = g_strdup_printf (_("option %s needs a value"), name);

          vv_cli_error (msg);
          *bad = TRUE;
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

static void
print_reject (const char *path,
              guint64     line_no,
              const char *field,
              const char *message)
{
  g_autofree char *msg = NULL;

  if (field != NULL)
    msg = g_strdup_printf (_("%s:%llu: field “%s”: %s"), path, (unsigned long long) line_no, field,
                           message);
  else
    msg = g_strdup_printf (_("%s:%llu: %s"), path, (unsigned long long) line_no, message);
  vv_cli_error (msg);
}

static void
on_progress (guint64  done,
             guint64  total,
             gpointer user_data)
{
  /* A fixed, untranslated format: scripts and tests read it. */
  fprintf (stderr, "progress %llu/%llu\n", (unsigned long long) done, (unsigned long long) total);
}

/* veiviser-cli import LEDGER [--db PATH] [--year Y] [--format auto|csv|kostra] */
int
vv_cli_import (int    argc,
               char **argv)
{
  g_autoptr(VvLedgerReader) reader = NULL;
  g_autoptr(VvLedgerImport) import = NULL;
  g_autoptr(VvDb) db = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = NULL;
  const char *db_path = NULL;
  const char *year_text = NULL;
  const char *format_text = NULL;
  const char *lang = NULL;
  gboolean bad = FALSE;
  gboolean progress = FALSE;
  gint64 import_id = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_usage (stdout);
          return VV_CLI_EXIT_OK;
        }
      if (g_str_equal (argv[i], "--progress"))
        {
          progress = TRUE;
          continue;
        }
      if (option_value (argc, argv, &i, "--db", &db_path, &bad) ||
          option_value (argc, argv, &i, "--year", &year_text, &bad) ||
          option_value (argc, argv, &i, "--format", &format_text, &bad) ||
          option_value (argc, argv, &i, "--lang", &lang, &bad))
        {
          if (bad)
            return VV_CLI_EXIT_INVALID;
          continue;
        }
      if (argv[i][0] == '-' && argv[i][1] != '\0')
        {
          g_autofree char *msg = g_strdup_printf (_("unknown option “%s” (try --help)"), argv[i]);

          vv_cli_error (msg);
          return VV_CLI_EXIT_INVALID;
        }
      if (path != NULL)
        {
          vv_cli_error (_("give exactly one ledger file"));
          return VV_CLI_EXIT_INVALID;
        }
      path = argv[i];
    }
  if (path == NULL)
    {
      print_usage (stderr);
      return VV_CLI_EXIT_INVALID;
    }

  reader = vv_ledger_reader_new ();
  if (format_text != NULL)
    {
      if (g_str_equal (format_text, "csv"))
        vv_ledger_reader_set_format (reader, VV_LEDGER_FORMAT_CSV);
      else if (g_str_equal (format_text, "kostra"))
        vv_ledger_reader_set_format (reader, VV_LEDGER_FORMAT_KOSTRA);
      else if (!g_str_equal (format_text, "auto"))
        {
          g_autofree char *msg = g_strdup_printf (_("unknown format “%s” (use auto, csv or kostra)"),
                                                  format_text);

          vv_cli_error (msg);
          return VV_CLI_EXIT_INVALID;
        }
    }
  if (year_text != NULL)
    {
      guint64 year = 0;

      if (!g_ascii_string_to_unsigned (year_text, 10, 1900, 2200, &year, NULL))
        {
          g_autofree char *msg = g_strdup_printf (_("--year: “%s” is not a year such as 2024"), year_text);

          vv_cli_error (msg);
          return VV_CLI_EXIT_INVALID;
        }
      vv_ledger_reader_set_default_year (reader, (int) year);
    }

  db = vv_db_open (db_path, &error);
  if (db == NULL)
    {
      vv_cli_error (error->message);
      return VV_CLI_EXIT_FAILURE;
    }

  if (!vv_ledger_store_import (db, path, reader, progress ? on_progress : NULL, NULL, NULL,
                               &import_id, &error))
    {
      vv_cli_error (error->message);
      if (g_error_matches (error, VV_LEDGER_STORE_ERROR, VV_LEDGER_STORE_ERROR_DUPLICATE) ||
          error->domain == VV_DB_ERROR)
        return VV_CLI_EXIT_FAILURE;
      return VV_CLI_EXIT_INVALID;
    }

  import = vv_ledger_store_get_import (db, import_id, &error);
  if (import == NULL)
    {
      vv_cli_error (error->message);
      return VV_CLI_EXIT_FAILURE;
    }
  if (import->rejected > 0)
    {
      g_autoptr(GPtrArray) rejects = vv_ledger_store_get_rejects (db, import_id, NULL);

      for (guint i = 0; rejects != NULL && i < rejects->len && i < MAX_REPORTED_REJECTS; i++)
        {
          VvStoredReject *r = g_ptr_array_index (rejects, i);

          print_reject (path, r->line_no, r->field, r->message);
        }
    }
  vv_cli_report_recoded (reader, path);
  if (import->lines == 0 && import->rejected > 0)
    {
      g_autofree char *n = g_strdup_printf ("%llu", (unsigned long long) import->rejected);
      g_autofree char *msg = g_strdup_printf (_("%s: none of the %s lines could be read; "
                                                "nothing was stored"), path, n);

      /* an import of nothing would only block importing the corrected file */
      vv_ledger_store_delete_import (db, import_id, NULL);
      vv_cli_error (msg);
      return VV_CLI_EXIT_INVALID;
    }
  /* Translators: import number, lines stored, lines rejected, file name */
  printf (_("Import %lld: %llu lines stored, %llu rejected (%s)\n"), (long long) import->id,
          (unsigned long long) import->lines, (unsigned long long) import->rejected, import->file_name);
  return VV_CLI_EXIT_OK;
}
