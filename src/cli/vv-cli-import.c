/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "veiviser-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "vv-cli.h"
#include "vv-cli-ledger.h"
#include "vv-db.h"
#include "vv-ledger-session.h"

/* Bad lines printed on stderr before only counting the rest. */
#define MAX_REPORTED_REJECTS 100

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

/* The worker thread lets go of the session a moment after the callback
 * ran; wait for it, so that the database is closed (and its write-ahead
 * log folded into the file) when the command returns. */
static void
settle_session (VvLedgerSession *session)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (G_OBJECT (session)->ref_count > 1 && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
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
on_notify_progress_cb (VvLedgerSession *session,
                       GParamSpec      *pspec,
                       gpointer         user_data)
{
  guint64 done, total;

  if (vv_ledger_session_get_progress (session) < 0)
    return;   /* splitting */
  vv_ledger_session_get_progress_bytes (session, &done, &total);
  if (total == 0)
    return;
  /* A fixed, untranslated format: scripts and tests read it. */
  fprintf (stderr, "progress %llu/%llu\n", (unsigned long long) done, (unsigned long long) total);
}

/* veiviser-cli import LEDGER [--db PATH] [--year Y] [--format auto|csv|kostra] [--progress]
 *
 * Runs the ledger session's import: stored all or nothing, then split. */
int
vv_cli_import (int    argc,
               char **argv)
{
  g_autoptr(VvLedgerReader) reader = NULL;
  g_autoptr(VvLedgerSession) session = NULL;
  g_autoptr(VvDb) db = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *year_text = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *lang = NULL;
  gboolean progress = FALSE;
  Wait wait = { NULL, NULL };
  const VvLedgerImport *import;
  GPtrArray *rejects;
  const char *path;
  gboolean ok;
  int chosen_year = 0;
  g_auto(VvCliLedgerOptions) choices = { 0, };
  g_autofree GOptionEntry *choice_entries = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("Database file (default: $VEIVISER_DB or the user data folder)"), N_("PATH") },
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text, N_("Accounting year for lines without one"),
      N_("YYYY") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("auto (default), csv or kostra"),
      N_("FORMAT") },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &progress,
      N_("Print “progress DONE/TOTAL” (bytes read) on stderr while reading"), NULL },
    vv_cli_lang_option_entry (&lang),
    { NULL }
  };

  context = vv_cli_option_context_new ("import", _("LEDGER"),
                                       _("Stores a general-ledger CSV export or a KOSTRA file "
                                         "extract in the database, all or nothing, and prints "
                                         "the import's number and line counts."));
  g_option_context_set_description (context,
                                    _("Exit status: 0 when stored, 1 if already imported or the "
                                      "database fails, 2 on unreadable or invalid input."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  choice_entries = vv_cli_ledger_choice_entries (&choices);
  g_option_context_add_main_entries (context, choice_entries, GETTEXT_PACKAGE);
  if (!vv_cli_parse_options (context, &argc, &argv))
    return VV_CLI_EXIT_INVALID;
  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      fprintf (stderr, "%s", help);
      return VV_CLI_EXIT_INVALID;
    }
  if (argc > 2)
    {
      vv_cli_error (_("give exactly one ledger file"));
      return VV_CLI_EXIT_INVALID;
    }
  path = argv[1];

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
      chosen_year = (int) year;
    }
  if (!vv_cli_ledger_apply_choices (reader, &choices, chosen_year))
    return VV_CLI_EXIT_INVALID;

  db = vv_db_open (db_path, &error);
  if (db == NULL)
    {
      vv_cli_error (error->message);
      return g_error_matches (error, VV_DB_ERROR, VV_DB_ERROR_CORRUPT) ? VV_CLI_EXIT_INVALID
                                                                       : VV_CLI_EXIT_FAILURE;
    }
  /* nothing is added to a damaged file */
  if (!vv_db_quick_check (db, &error))
    {
      g_autofree char *msg = g_strdup_printf (_("%s Nothing was imported. Restore the file from a "
                                                "backup, or open Veiviser to keep a copy of it "
                                                "and start afresh."), error->message);

      vv_cli_error (msg);
      return VV_CLI_EXIT_INVALID;
    }

  session = vv_ledger_session_new (db, NULL);
  if (progress)
    g_signal_connect (session, "notify::progress", G_CALLBACK (on_notify_progress_cb), NULL);
  wait.loop = g_main_loop_new (NULL, FALSE);
  vv_ledger_session_import_async (session, path, reader, NULL, NULL, done_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  ok = vv_ledger_session_import_finish (session, wait.result, NULL, &error);
  g_object_unref (wait.result);
  settle_session (session);
  if (!ok)
    {
      vv_cli_error (error->message);
      if (g_error_matches (error, VV_LEDGER_STORE_ERROR, VV_LEDGER_STORE_ERROR_DUPLICATE) ||
          error->domain == VV_DB_ERROR)
        return VV_CLI_EXIT_FAILURE;
      return VV_CLI_EXIT_INVALID;
    }

  import = vv_ledger_session_get_import (session);
  rejects = vv_ledger_session_get_rejects (session);
  for (guint i = 0; rejects != NULL && i < rejects->len && i < MAX_REPORTED_REJECTS; i++)
    {
      const VvStoredReject *r = g_ptr_array_index (rejects, i);

      print_reject (path, r->line_no, r->field, r->message);
    }
  vv_cli_report_recoded (reader, path);
  vv_cli_report_service_codes (reader, path);
  if (import->lines == 0 && import->rejected > 0)
    {
      g_autofree char *n = g_strdup_printf ("%llu", (unsigned long long) import->rejected);
      g_autofree char *msg = g_strdup_printf (_("%s: none of the %s lines could be read; "
                                                "nothing was stored"), path, n);

      /* an import of nothing would only block importing the corrected file */
      vv_ledger_session_delete_import (session, import->id, NULL);
      vv_cli_error (msg);
      return VV_CLI_EXIT_INVALID;
    }
  /* Translators: import number, lines stored, lines rejected, file name */
  printf (_("Import %lld: %llu lines stored, %llu rejected (%s)\n"), (long long) import->id,
          (unsigned long long) import->lines, (unsigned long long) import->rejected, import->file_name);
  return VV_CLI_EXIT_OK;
}
