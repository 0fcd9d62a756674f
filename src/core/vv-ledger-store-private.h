/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-ledger-store-private.h: what the files of the ledger store share
 * (vv-ledger-store.c, vv-ledger-store-import.c, vv-ledger-store-units.c,
 * vv-ledger-store-mappings.c). Not installed.
 */
#pragma once

#include <sqlite3.h>

#include "vv-ledger-reader.h"

G_BEGIN_DECLS

#define IMPORT_COLUMNS "id, file_name, sha256, size, format, layout_key, year, lines, rejected, " \
                       "created, region, amount_column, unit, sheet, art_column, separator, " \
                       "function_code, function_code_example, lines_service_code"

static inline const char *
_vv_ledger_store_column_text (sqlite3_stmt *stmt,
                              int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

const char *
_vv_ledger_store_format_to_string (VvLedgerFormat format);

const char *
_vv_ledger_store_encoding_to_string (VvLedgerEncoding encoding);

const char *
_vv_ledger_store_function_code_to_string (VvLedgerFunctionCode mode);

G_END_DECLS
