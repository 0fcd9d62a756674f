/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Placeholder until the ledger importer lands (issue 3): owned by the ledger work. */
#define G_LOG_DOMAIN "veiviser-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "vv-cli.h"

int
vv_cli_split (int argc, char **argv)
{
  vv_cli_error (_("the split command is not available in this build"));
  return VV_CLI_EXIT_FAILURE;
}
