/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-cli.h: what the commands of veiviser-cli share: exit codes, error
 * output, and one way of parsing a command's options.
 *
 * A command gets argv[0] = its own name. It lists its options in a
 * NULL-terminated GOptionEntry array (descriptions marked with N_, plus
 * vv_cli_lang_option_entry()), makes a context with
 * vv_cli_option_context_new ("classify", translated operands, translated
 * summary), adds the entries with g_option_context_add_main_entries (…,
 * GETTEXT_PACKAGE), and returns VV_CLI_EXIT_INVALID when
 * vv_cli_parse_options() fails. The operands are then argv[1] …
 * argv[argc - 1]. vv-cli-classify.c is the short example.
 *
 * `--help` prints the generated help and exits with 0; `--lang` is
 * handled by main() before any command runs, so every command only
 * accepts it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes of veiviser-cli (see case-format.md). */
#define VV_CLI_EXIT_OK      0
#define VV_CLI_EXIT_FAILURE 1
#define VV_CLI_EXIT_INVALID 2

int             vv_cli_classify           (int              argc,
                                           char           **argv);
int             vv_cli_split              (int              argc,
                                           char           **argv);
int             vv_cli_import             (int              argc,
                                           char           **argv);
int             vv_cli_corrections        (int              argc,
                                           char           **argv);
int             vv_cli_kostra             (int              argc,
                                           char           **argv);
int             vv_cli_unit               (int              argc,
                                           char           **argv);
int             vv_cli_check_db           (int              argc,
                                           char           **argv);

/* Prints "veiviser-cli: FILE:LINE: field 'X': message" to stderr. */
void            vv_cli_error              (const char      *message);

GOptionContext *vv_cli_option_context_new (const char      *command,
                                           const char      *parameter_string,
                                           const char      *summary);
GOptionEntry    vv_cli_lang_option_entry  (char           **lang);
gboolean        vv_cli_parse_options      (GOptionContext  *context,
                                           int             *argc,
                                           char          ***argv);

G_END_DECLS
