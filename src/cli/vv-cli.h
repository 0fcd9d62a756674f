/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes of veiviser-cli (see case-format.md). */
#define VV_CLI_EXIT_OK      0
#define VV_CLI_EXIT_FAILURE 1
#define VV_CLI_EXIT_INVALID 2

int vv_cli_classify (int argc, char **argv);
int vv_cli_split    (int argc, char **argv);
int vv_cli_import   (int argc, char **argv);
int vv_cli_corrections (int argc, char **argv);
int vv_cli_kostra   (int argc, char **argv);

/* Prints "veiviser-cli: FILE:LINE: field 'X': message" to stderr. */
void vv_cli_error   (const char *message);

G_END_DECLS
