/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-cli-ledger.h: the options every command that reads a ledger shares
 * (`--units`, `--year`, `--format`, `--skip-bad` and the options for real
 * exports) and one way of reading the ledger with its rejected lines printed.
 */
#pragma once

#include <glib.h>

#include "vv-ledger-reader.h"
#include "vv-units.h"

G_BEGIN_DECLS

typedef struct
{
  char     *units_path;
  char     *format;
  char     *lang;
  char     *region;
  char     *amount_column;
  char     *unit;
  char     *sheet;
  char     *function_code;
  char    **columns;
  int       year;
  gboolean  skip_bad;
} VvCliLedgerOptions;

GOptionEntry   *vv_cli_ledger_option_entries (VvCliLedgerOptions  *options);
void            vv_cli_ledger_options_clear  (VvCliLedgerOptions  *options);
GOptionEntry   *vv_cli_ledger_choice_entries (VvCliLedgerOptions  *options);
gboolean        vv_cli_ledger_apply_choices  (VvLedgerReader      *reader,
                                              VvCliLedgerOptions  *options,
                                              int                  year);

VvUnits        *vv_cli_ledger_load_units     (VvCliLedgerOptions  *options,
                                              gboolean             required);
VvLedgerReader *vv_cli_ledger_reader_new     (VvCliLedgerOptions  *options);
gboolean        vv_cli_ledger_read           (VvLedgerReader      *reader,
                                              VvCliLedgerOptions  *options,
                                              const char          *path,
                                              VvLedgerLineFunc     line_func,
                                              gpointer             user_data);

void            vv_cli_report_recoded        (VvLedgerReader      *reader,
                                              const char          *path);
void            vv_cli_report_service_codes  (VvLedgerReader      *reader,
                                              const char          *path);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VvCliLedgerOptions, vv_cli_ledger_options_clear)

G_END_DECLS
