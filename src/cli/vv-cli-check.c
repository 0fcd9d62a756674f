/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "veiviser-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "vv-cli.h"
#include "vv-db.h"

typedef struct
{
  gboolean lines;     /* --progress: "progress N%" lines */
  int      percent;   /* the last one printed, -1 before the first */
  gboolean shown;     /* a TTY line is on the screen */
} CheckProgress;

static void
check_progress_cb (double   fraction,
                   gpointer user_data)
{
  CheckProgress *progress = user_data;
  int percent = (int) (fraction * 100);

  if (percent == progress->percent)
    return;
  progress->percent = percent;
  if (progress->lines)
    fprintf (stderr, "progress %d%%\n", percent);
  else
    {
      /* Translators: shown on the terminal while check-db runs; %d is a percentage */
      fputc ('\r', stderr);
      fprintf (stderr, _("Checking the database: %d %%"), percent);
      progress->shown = TRUE;
    }
  fflush (stderr);
}

/* veiviser-cli check-db [--db PATH] [--full] [--progress]
 *
 * Checks the database without changing it: the quick check the app and
 * `import` run before writing, or with --full every index entry too. The
 * part done goes to stderr on a terminal, or as lines with --progress. */
int
vv_cli_check_db (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *path = NULL;
  g_autofree char *display_name = NULL;
  gboolean full = FALSE;
  gboolean progress_lines = FALSE;
  CheckProgress progress = { FALSE, -1, FALSE };
  gboolean ok;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("Database file (default: $VEIVISER_DB or the user data folder)"), N_("PATH") },
    { "full", 0, 0, G_OPTION_ARG_NONE, &full,
      N_("Also check every index entry (slower; PRAGMA integrity_check)"), NULL },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &progress_lines,
      N_("Print “progress N%” lines on stderr while checking"), NULL },
    vv_cli_lang_option_entry (&lang),
    { NULL }
  };

  context = vv_cli_option_context_new ("check-db", NULL,
                                       _("Checks the database for damage without changing it: "
                                         "every page (the check run before each import), or "
                                         "with --full every index entry too."));
  g_option_context_set_description (context,
                                    _("Exit status: 0 when the database is sound, 1 if it "
                                      "cannot be read, 2 when it is damaged or not a Veiviser "
                                      "database."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!vv_cli_parse_options (context, &argc, &argv))
    return VV_CLI_EXIT_INVALID;
  if (argc > 1)
    {
      vv_cli_error (_("check-db takes no file operand; name the database with --db PATH"));
      return VV_CLI_EXIT_INVALID;
    }

  path = db_path != NULL ? g_strdup (db_path) : vv_db_get_default_path ();
  display_name = g_filename_display_name (path);
  progress.lines = progress_lines;
  ok = vv_db_check_file (path, full ? VV_DB_CHECK_FULL : VV_DB_CHECK_QUICK,
                         progress_lines || isatty (STDERR_FILENO) ? check_progress_cb : NULL,
                         &progress, NULL, &error);
  if (progress.shown)
    fputc ('\n', stderr);
  if (!ok)
    {
      vv_cli_error (error->message);
      if (g_error_matches (error, VV_DB_ERROR, VV_DB_ERROR_CORRUPT) ||
          g_error_matches (error, VV_DB_ERROR, VV_DB_ERROR_FOREIGN) ||
          g_error_matches (error, VV_DB_ERROR, VV_DB_ERROR_TOO_NEW))
        return VV_CLI_EXIT_INVALID;
      return VV_CLI_EXIT_FAILURE;
    }
  if (full)
    /* Translators: %s is the database file */
    printf (_("%s: no damage found (full check)\n"), display_name);
  else
    /* Translators: %s is the database file */
    printf (_("%s: no damage found (quick check; --full also checks every index)\n"), display_name);
  return VV_CLI_EXIT_OK;
}
