/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "vv-ledger-reader-private.h"
#include "vv-ledger-store-private.h"
#include "vv-ledger-store.h"

/* Remembered column mappings: a reader's settings per file layout. */

/**
 * vv_ledger_mapping_from_reader:
 * @reader: a reader after detection or manual settings
 *
 * Returns: (transfer full): the reader's settings as JSON: format,
 *   encoding, separator, decimal mark, default year, column indexes, and
 *   how the function column is read when the user chose it (service codes
 *   by their first three digits, or functions only)
 */
char *
vv_ledger_mapping_from_reader (VvLedgerReader *reader)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  char sep[2] = { 0, };
  char dec[2] = { 0, };

  g_return_val_if_fail (VV_IS_LEDGER_READER (reader), NULL);

  sep[0] = vv_ledger_reader_get_separator (reader);
  dec[0] = vv_ledger_reader_get_decimal_mark (reader);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, _vv_ledger_store_format_to_string (vv_ledger_reader_get_format (reader)));
  json_builder_set_member_name (b, "encoding");
  json_builder_add_string_value (b, _vv_ledger_store_encoding_to_string (vv_ledger_reader_get_encoding (reader)));
  json_builder_set_member_name (b, "separator");
  json_builder_add_string_value (b, sep);
  json_builder_set_member_name (b, "decimal");
  json_builder_add_string_value (b, dec);
  json_builder_set_member_name (b, "default_year");
  json_builder_add_int_value (b, vv_ledger_reader_get_default_year (reader));
  json_builder_set_member_name (b, "columns");
  json_builder_begin_object (b);
  for (int role = 0; role < VV_LEDGER_N_COLUMNS; role++)
    {
      json_builder_set_member_name (b, vv_ledger_column_to_string (role));
      json_builder_add_int_value (b, vv_ledger_reader_get_column (reader, role));
    }
  json_builder_end_object (b);
  /* Only a choice is remembered: what detection found is found again in
   * the next file, which may hold service codes where this one had none. */
  if (reader->function_code != VV_LEDGER_FUNCTION_CODE_AUTO)
    {
      json_builder_set_member_name (b, "function_code");
      json_builder_add_string_value (b, _vv_ledger_store_function_code_to_string (reader->function_code));
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static gboolean
mapping_error (GError     **error,
               const char  *field)
{
  g_set_error (error, VV_LEDGER_STORE_ERROR, VV_LEDGER_STORE_ERROR_MAPPING,
               _("The remembered column mapping is damaged (field “%s”); choose the columns again."),
               field);
  return FALSE;
}

/**
 * vv_ledger_mapping_apply:
 * @mapping: JSON from vv_ledger_mapping_from_reader()
 * @reader: the reader to set up
 * @error: return location for a #GError
 *
 * Returns: %TRUE if every setting could be applied
 */
gboolean
vv_ledger_mapping_apply (const char      *mapping,
                         VvLedgerReader  *reader,
                         GError         **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *columns;
  const char *s;

  g_return_val_if_fail (mapping != NULL, FALSE);
  g_return_val_if_fail (VV_IS_LEDGER_READER (reader), FALSE);

  root = json_from_string (mapping, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return mapping_error (error, "");
  o = json_node_get_object (root);

  s = json_object_get_string_member_with_default (o, "format", "auto");
  if (g_str_equal (s, "csv"))
    vv_ledger_reader_set_format (reader, VV_LEDGER_FORMAT_CSV);
  else if (g_str_equal (s, "kostra"))
    vv_ledger_reader_set_format (reader, VV_LEDGER_FORMAT_KOSTRA);
  else if (g_str_equal (s, "auto"))
    vv_ledger_reader_set_format (reader, VV_LEDGER_FORMAT_AUTO);
  else
    return mapping_error (error, "format");

  s = json_object_get_string_member_with_default (o, "encoding", "auto");
  if (g_str_equal (s, "utf-8"))
    vv_ledger_reader_set_encoding (reader, VV_LEDGER_ENCODING_UTF8);
  else if (g_str_equal (s, "windows-1252"))
    vv_ledger_reader_set_encoding (reader, VV_LEDGER_ENCODING_WINDOWS_1252);
  else if (g_str_equal (s, "auto"))
    vv_ledger_reader_set_encoding (reader, VV_LEDGER_ENCODING_AUTO);
  else
    return mapping_error (error, "encoding");

  s = json_object_get_string_member_with_default (o, "separator", "");
  if (strlen (s) > 1)
    return mapping_error (error, "separator");
  vv_ledger_reader_set_separator (reader, s[0]);
  s = json_object_get_string_member_with_default (o, "decimal", "");
  if (strlen (s) > 1)
    return mapping_error (error, "decimal");
  vv_ledger_reader_set_decimal_mark (reader, s[0]);
  vv_ledger_reader_set_default_year (reader, json_object_get_int_member_with_default (o, "default_year", 0));

  s = json_object_get_string_member_with_default (o, "function_code", "auto");
  if (g_str_equal (s, "prefix"))
    vv_ledger_reader_set_function_code (reader, VV_LEDGER_FUNCTION_CODE_PREFIX);
  else if (g_str_equal (s, "exact"))
    vv_ledger_reader_set_function_code (reader, VV_LEDGER_FUNCTION_CODE_EXACT);
  else if (g_str_equal (s, "auto"))
    vv_ledger_reader_set_function_code (reader, VV_LEDGER_FUNCTION_CODE_AUTO);
  else
    return mapping_error (error, "function_code");

  columns = json_object_has_member (o, "columns") ? json_object_get_object_member (o, "columns") : NULL;
  if (columns != NULL)
    for (int role = 0; role < VV_LEDGER_N_COLUMNS; role++)
      {
        const char *name = vv_ledger_column_to_string (role);

        if (json_object_has_member (columns, name))
          vv_ledger_reader_set_column (reader, role,
                                       json_object_get_int_member_with_default (columns, name, -1));
      }
  return TRUE;
}

/**
 * vv_ledger_store_set_mapping:
 * @db: the database
 * @layout_key: the file layout, from vv_ledger_reader_get_layout_key()
 * @mapping: JSON from vv_ledger_mapping_from_reader()
 * @error: return location for a #GError
 *
 * Remembers the user's choices for files with this layout.
 *
 * Returns: %TRUE on success
 */
gboolean
vv_ledger_store_set_mapping (VvDb        *db,
                             const char  *layout_key,
                             const char  *mapping,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), FALSE);
  g_return_val_if_fail (layout_key != NULL, FALSE);
  g_return_val_if_fail (mapping != NULL, FALSE);

  stmt = vv_db_prepare (db, "INSERT OR REPLACE INTO layout_mappings (layout_key, mapping, modified) "
                            "VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, layout_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, mapping, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return vv_db_set_error (db, rc, error);
  return TRUE;
}

/**
 * vv_ledger_store_get_mapping:
 * @db: the database
 * @layout_key: the file layout
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the remembered mapping, or %NULL
 *   without an error if there is none
 */
char *
vv_ledger_store_get_mapping (VvDb        *db,
                             const char  *layout_key,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (VV_IS_DB (db), NULL);
  g_return_val_if_fail (layout_key != NULL, NULL);

  stmt = vv_db_prepare (db, "SELECT mapping FROM layout_mappings WHERE layout_key = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, layout_key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup (_vv_ledger_store_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    vv_db_set_error (db, rc, error);
  return NULL;
}
