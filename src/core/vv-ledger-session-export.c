/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-session"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vv-corrections.h"
#include "vv-format.h"
#include "vv-kostra-extract.h"
#include "vv-ledger-session-private.h"

/* What the ledger shown is taken back as — correction postings for the ERP,
 * a KOSTRA file extract for SSB, or an existing extract corrected — and
 * where its figures come from. The work runs in a worker thread on its own
 * database connection, over the stored lines and the units register of the
 * split shown; the file is written atomically, or not at all. */

typedef struct
{
  VvLedgerExportKind  kind;
  char               *db_path;
  VvRules            *rules;
  VvUnits            *units;
  gint64              import_id;
  char               *file_name;    /* the ledger's, for messages */
  int                 year;
  char               *region;
  char               *orgnr;
  char               *extract_path; /* the extract to correct */
  char               *path;         /* the file written */
  guint               n_written;    /* postings or records */
  guint               n_split;      /* 254 records split */
  guint64             n_rejected;   /* unreadable records of the extract to correct */
  guint64             first_rejected;
  char               *first_reason;
  int                 extract_year;
} ExportData;

/* helpers */

static void
export_data_free (ExportData *data)
{
  g_free (data->db_path);
  g_clear_object (&data->rules);
  g_clear_object (&data->units);
  g_free (data->file_name);
  g_free (data->region);
  g_free (data->orgnr);
  g_free (data->extract_path);
  g_free (data->path);
  g_free (data->first_reason);
  g_free (data);
}

typedef struct
{
  VvCorrections *corrections;
  int            art_column;   /* the art's field in the raw record, or -1 */
  char           separator;
  GString       *field;
} CorrectionsData;

/* Field @column of the CSV record @raw (quotes as RFC 4180: "" inside a
 * quoted field is one "), trimmed, into @out; FALSE when the record has no
 * such field. */
static gboolean
raw_field (const char *raw,
           gsize       len,
           char        separator,
           int         column,
           GString    *out)
{
  const char *p = raw, *e = raw + len;
  int c = 0;

  g_string_truncate (out, 0);
  while (c < column && p < e)
    {
      gboolean quoted = FALSE;

      for (; p < e; p++)
        {
          if (*p == '"')
            quoted = !quoted;
          else if (*p == separator && !quoted)
            break;
        }
      if (p < e)
        p++, c++;
    }
  if (c < column)
    return FALSE;
  if (p < e && *p == '"')
    {
      for (p++; p < e; p++)
        {
          if (*p == '"' && p + 1 < e && p[1] == '"')
            g_string_append_c (out, *p++);
          else if (*p == '"')
            break;
          else
            g_string_append_c (out, *p);
        }
    }
  else
    for (; p < e && *p != separator && *p != '\r' && *p != '\n'; p++)
      g_string_append_c (out, *p);
  g_strstrip (out->str);
  g_string_set_size (out, strlen (out->str));
  return TRUE;
}

static gboolean
corrections_line_cb (const VvLedgerLine *line,
                     gpointer            user_data)
{
  CorrectionsData *cd = user_data;
  VvLedgerLine booked = *line;

  /* The postings go back into the ERP: its account as booked ("11150"),
   * not the KOSTRA art the store keeps ("115"). An art that is not all
   * digits or names another KOSTRA art is left to the KOSTRA art. */
  if (cd->art_column >= 0 && line->raw != NULL &&
      raw_field (line->raw, line->raw_len, cd->separator, cd->art_column, cd->field) &&
      cd->field->len > 3 && cd->field->len <= 8 &&
      strspn (cd->field->str, "0123456789") == cd->field->len)
    {
      g_autofree char *kostra = g_strdup_printf ("%03u", line->art);

      if (strstr (cd->field->str, kostra) != NULL)
        booked.art_code = cd->field->str;
    }
  vv_corrections_add_line (cd->corrections, &booked);
  return TRUE;
}

static gboolean
extract_line_cb (const VvLedgerLine *line,
                 gpointer            user_data)
{
  vv_kostra_extract_add_line (user_data, line);
  return TRUE;
}

typedef struct
{
  VvKostraExtract *extract;
  ExportData      *data;
} RecordData;

static gboolean
extract_record_cb (const VvLedgerLine *line,
                   gpointer            user_data)
{
  RecordData *rd = user_data;

  if (rd->data->extract_year == 0)
    rd->data->extract_year = line->year;
  if (line->raw == NULL || line->raw_len != VV_KOSTRA_RECORD_LEN)
    {
      if (rd->data->n_rejected++ == 0)
        rd->data->first_rejected = line->line_no;
      return TRUE;
    }
  vv_kostra_extract_add_record (rd->extract, line);
  return TRUE;
}

static void
extract_reject_cb (guint64     line_no,
                   const char *field,
                   const char *message,
                   gpointer    user_data)
{
  RecordData *rd = user_data;

  if (rd->data->n_rejected++ == 0)
    {
      rd->data->first_rejected = line_no;
      rd->data->first_reason = g_strdup (message);
    }
}

/* worker thread */

static gboolean
write_corrections (VvDb          *db,
                   ExportData    *data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(VvCorrections) corrections = vv_corrections_new (data->rules, data->units, data->year);
  g_autoptr(VvLedgerImport) import = vv_ledger_store_get_import (db, data->import_id, error);
  g_autoptr(GString) field = g_string_new (NULL);
  CorrectionsData cd = { corrections, -1, 0, field };

  if (import == NULL)
    return FALSE;
  if (import->art_column >= 0 && import->separator != 0)
    {
      cd.art_column = import->art_column;
      cd.separator = import->separator;
    }
  if (!vv_ledger_store_foreach_line (db, data->import_id, corrections_line_cb, &cd,
                                     cancellable, error))
    return FALSE;
  vv_corrections_finish (corrections);
  if (!vv_corrections_check_sums (corrections, data->file_name, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  data->n_written = vv_corrections_get_n_postings (corrections);
  return vv_corrections_write (corrections, data->path, error);
}

static gboolean
read_extract (VvKostraExtract  *extract,
              ExportData       *data,
              GCancellable     *cancellable,
              GError          **error)
{
  g_autoptr(VvLedgerReader) reader = vv_ledger_reader_new ();
  g_autofree char *name = g_filename_display_basename (data->extract_path);
  RecordData rd = { extract, data };

  vv_ledger_reader_set_format (reader, VV_LEDGER_FORMAT_KOSTRA);
  if (!vv_ledger_reader_read (reader, data->extract_path, extract_record_cb, extract_reject_cb,
                              NULL, &rd, cancellable, error))
    return FALSE;
  if (data->n_rejected > 0)
    {
      /* A corrected extract must hold every record of the one it corrects. */
      g_set_error (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_INVALID,
                   _("Line %llu of “%s” is not a KOSTRA record (%s); nothing was written"),
                   (unsigned long long) data->first_rejected, name,
                   data->first_reason != NULL ? data->first_reason : _("wrong length"));
      return FALSE;
    }
  if (data->extract_year != 0 && data->extract_year != data->year)
    {
      g_set_error (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_MIXED,
                   _("“%s” is the extract for %d, but the ledger is for %d; choose the "
                     "extract of the same year"), name, data->extract_year, data->year);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_extract (VvDb          *db,
               ExportData    *data,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(VvKostraExtract) extract = vv_kostra_extract_new (data->rules, data->units, data->year);

  if (data->kind == VV_LEDGER_EXPORT_KOSTRA &&
      !vv_kostra_extract_set_identity (extract, NULL, data->region, data->orgnr, 0, error))
    return FALSE;
  if (!vv_ledger_store_foreach_line (db, data->import_id, extract_line_cb, extract, cancellable,
                                     error))
    return FALSE;
  if (data->kind == VV_LEDGER_EXPORT_KOSTRA_CORRECTED &&
      !read_extract (extract, data, cancellable, error))
    return FALSE;
  if (!vv_kostra_extract_finish (extract, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  data->n_written = vv_kostra_extract_get_n_records (extract);
  data->n_split = vv_kostra_extract_get_n_split (extract);
  return vv_kostra_extract_write (extract, data->path, error);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(VvDb) db = NULL;
  GError *error = NULL;
  gboolean ok;

  /* Each thread has its own connection. */
  db = vv_db_open (data->db_path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (data->kind == VV_LEDGER_EXPORT_CORRECTIONS)
    ok = write_corrections (db, data, cancellable, &error);
  else
    ok = write_extract (db, data, cancellable, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* public API */

/**
 * vv_ledger_session_can_export:
 * @self: a #VvLedgerSession
 * @kind: what to write
 * @reason: (out) (optional) (transfer full): why not, translated, when it
 *   cannot be written
 *
 * Whether the ledger shown can be taken back as @kind: it needs a split, a
 * units register the money can follow, and, for a KOSTRA extract, a year
 * with 257/258 (from 2024) and no home-service money on ansvar without a
 * unit.
 *
 * Returns: %TRUE when it can
 */
gboolean
vv_ledger_session_can_export (VvLedgerSession     *self,
                              VvLedgerExportKind   kind,
                              char               **reason)
{
  VvSplit *split;
  VvUnits *units;
  g_autofree char *why = NULL;
  gboolean ok;
  int year;

  g_return_val_if_fail (VV_IS_LEDGER_SESSION (self), FALSE);

  split = vv_ledger_session_get_split (self);
  units = vv_ledger_session_get_units (self);
  year = split != NULL ? vv_split_get_year (split) : 0;
  if (split == NULL || vv_ledger_session_get_import (self) == NULL)
    why = g_strdup (_("Import a ledger first."));
  else if (vv_ledger_session_get_busy (self))
    why = g_strdup (_("Wait for the ledger import to finish."));
  else if (units == NULL || vv_units_get_n_units (units) == 0)
    why = g_strdup (_("There is no units register yet. Classify the units below first: the "
                      "money follows them."));
  else if (vv_split_get_home_total (split) == 0 && vv_split_get_home_unassigned (split) == 0 &&
           kind == VV_LEDGER_EXPORT_CORRECTIONS)
    why = g_strdup (_("There is no home-service money in this ledger to move."));
  else if (kind != VV_LEDGER_EXPORT_CORRECTIONS && year > 0 && year < 2024)
    why = g_strdup_printf (_("The ledger is for %d. Functions 257 and 258 are reported from "
                             "2024; before that, home services stay on 254."), year);
  else if (kind != VV_LEDGER_EXPORT_CORRECTIONS && year <= 0)
    why = g_strdup (_("The ledger holds several years. Import one year to write a KOSTRA "
                      "extract."));
  else if (kind != VV_LEDGER_EXPORT_CORRECTIONS && vv_split_get_home_unassigned (split) != 0)
    {
      g_autofree char *kr = vv_format_kroner (vv_split_get_home_unassigned (split));

      why = g_strdup_printf (_("%s of home-service money is on ansvar without a unit. Classify "
                               "them first, so that none stays on 254."), kr);
    }
  ok = why == NULL;
  if (reason != NULL)
    *reason = g_steal_pointer (&why);
  return ok;
}

/**
 * vv_ledger_session_check_kostra:
 * @self: a #VvLedgerSession
 * @region: the region: the municipality number and 00, six digits
 * @orgnr: (nullable): the organisation number, nine digits, or %NULL or ""
 * @year: the accounting year of the extract
 * @error: return location for a #GError
 *
 * Checks what a KOSTRA extract written from the ledger shown would carry in
 * every record, before it is written.
 *
 * Returns: %TRUE when the region, orgnr and year are well formed
 */
gboolean
vv_ledger_session_check_kostra (VvLedgerSession  *self,
                                const char       *region,
                                const char       *orgnr,
                                int               year,
                                GError          **error)
{
  g_autoptr(VvUnits) units = NULL;
  g_autoptr(VvKostraExtract) extract = NULL;

  g_return_val_if_fail (VV_IS_LEDGER_SESSION (self), FALSE);
  g_return_val_if_fail (region != NULL, FALSE);

  if (year < 2024 || year > 9999)
    {
      g_set_error (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_INVALID,
                   _("year %d: an extract with 257 and 258 is for 2024 or later"), year);
      return FALSE;
    }
  units = vv_units_new (vv_ledger_session_get_rules (self));
  extract = vv_kostra_extract_new (vv_ledger_session_get_rules (self), units, year);
  return vv_kostra_extract_set_identity (extract, NULL, region, orgnr, 0, error);
}

/**
 * vv_ledger_session_export_async:
 * @self: a #VvLedgerSession
 * @kind: what to write
 * @path: the file to write (for corrections, ending in .csv or .xlsx);
 *   replaced atomically
 * @year: the accounting year; 0 for the split's
 * @region: (nullable): for %VV_LEDGER_EXPORT_KOSTRA: the region, six digits
 * @orgnr: (nullable): for %VV_LEDGER_EXPORT_KOSTRA: the organisation
 *   number, nine digits, or %NULL
 * @extract_path: (nullable): for %VV_LEDGER_EXPORT_KOSTRA_CORRECTED: the
 *   extract to correct
 * @cancellable: (nullable): a #GCancellable; cancelled, nothing is written
 * @callback: called in this thread when done
 * @user_data: data for @callback
 *
 * Writes the ledger shown back as @kind, worked out from its stored lines
 * and the units register of the split shown. Runs beside the other steps.
 */
void
vv_ledger_session_export_async (VvLedgerSession     *self,
                                VvLedgerExportKind   kind,
                                const char          *path,
                                int                  year,
                                const char          *region,
                                const char          *orgnr,
                                const char          *extract_path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;
  const VvLedgerImport *import;
  ExportData *data;
  VvDb *db;

  g_return_if_fail (VV_IS_LEDGER_SESSION (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (kind != VV_LEDGER_EXPORT_KOSTRA_CORRECTED || extract_path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vv_ledger_session_export_async);
  data = g_new0 (ExportData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  data->kind = kind;
  data->path = g_strdup (path);

  db = _vv_ledger_session_get_active_db (self);
  import = vv_ledger_session_get_import (self);
  if (!vv_ledger_session_can_export (self, kind, &reason))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s", reason);
      return;
    }
  if (db == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, "%s",
                               _("No database is open"));
      return;
    }
  if (year <= 0)
    year = vv_split_get_year (vv_ledger_session_get_split (self));
  if (kind == VV_LEDGER_EXPORT_KOSTRA && region == NULL)
    {
      g_task_return_new_error (task, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_INVALID, "%s",
                               _("the extract needs a region (the municipality number and 00)"));
      return;
    }
  if (kind == VV_LEDGER_EXPORT_KOSTRA &&
      !vv_ledger_session_check_kostra (self, region, orgnr, year, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data->db_path = g_strdup (vv_db_get_path (db));
  data->rules = g_object_ref (vv_ledger_session_get_rules (self));
  data->units = g_object_ref (vv_ledger_session_get_units (self));
  data->import_id = import->id;
  data->file_name = g_strdup (import->file_name);
  data->year = year;
  data->region = g_strdup (region);
  data->orgnr = g_strdup (orgnr);
  data->extract_path = g_strdup (extract_path);
  g_task_run_in_thread (task, export_thread);
}

/**
 * vv_ledger_session_export_finish:
 * @self: a #VvLedgerSession
 * @result: the result
 * @n_written: (out) (optional): postings or records written
 * @n_split: (out) (optional): for a corrected extract, the 254 records split
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the file was written
 */
gboolean
vv_ledger_session_export_finish (VvLedgerSession  *self,
                                 GAsyncResult     *result,
                                 guint            *n_written,
                                 guint            *n_split,
                                 GError          **error)
{
  ExportData *data;

  g_return_val_if_fail (VV_IS_LEDGER_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        vv_ledger_session_export_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (n_written != NULL)
    *n_written = data->n_written;
  if (n_split != NULL)
    *n_split = data->n_split;
  return TRUE;
}

/**
 * vv_ledger_session_dup_provenance:
 * @self: a #VvLedgerSession
 *
 * Where the figures shown come from: the file, its format, year, region,
 * amount column and unit, whether its functions were read from local
 * service codes, and the units register the split follows.
 *
 * Returns: (transfer full) (nullable): the provenance, %NULL without a split
 */
VvLedgerProvenance *
vv_ledger_session_dup_provenance (VvLedgerSession *self)
{
  const VvLedgerImport *import;
  VvSplit *split;
  VvUnits *units;
  VvLedgerProvenance *p;

  g_return_val_if_fail (VV_IS_LEDGER_SESSION (self), NULL);

  import = vv_ledger_session_get_import (self);
  split = vv_ledger_session_get_split (self);
  if (import == NULL || split == NULL)
    return NULL;
  units = vv_ledger_session_get_units (self);
  p = g_new0 (VvLedgerProvenance, 1);
  p->file_name = g_strdup (import->file_name);
  p->format = g_strdup (import->format);
  p->year = import->year > 0 ? import->year : vv_split_get_year (split);
  p->n_units = units != NULL ? vv_units_get_n_units (units) : 0;
  p->sample = vv_ledger_session_get_sample (self);
  p->region = g_strdup (import->region);
  p->amount_column = g_strdup (import->amount_column);
  p->thousands = g_strcmp0 (import->unit, "1000kr") == 0;
  p->sheet = g_strdup (import->sheet);
  if (g_strcmp0 (import->function_code, "prefix") == 0 && import->lines_service_code > 0
      && import->function_code_example != NULL)
    {
      p->service_code = g_strdup (import->function_code_example);
      p->lines_service_code = import->lines_service_code;
    }
  if (g_strcmp0 (import->format, "kostra") == 0)
    {
      g_autofree char *region = NULL;

      /* A KOSTRA extract names its region and orgnr in every record, and its
       * amounts are whole 1000 kr in the one amount field (imports made
       * before these were kept have no region or unit). */
      p->thousands = TRUE;
      g_clear_pointer (&p->amount_column, g_free);
      _vv_ledger_session_read_kostra_identity (self, &region, &p->orgnr);
      if (p->region == NULL)
        p->region = g_steal_pointer (&region);
    }
  return p;
}

/**
 * vv_ledger_provenance_free:
 * @provenance: (nullable): a #VvLedgerProvenance
 */
void
vv_ledger_provenance_free (VvLedgerProvenance *provenance)
{
  if (provenance == NULL)
    return;
  g_free (provenance->file_name);
  g_free (provenance->format);
  g_free (provenance->region);
  g_free (provenance->orgnr);
  g_free (provenance->amount_column);
  g_free (provenance->sheet);
  g_free (provenance->service_code);
  g_free (provenance);
}

typedef struct
{
  char *region;
  char *orgnr;
} Identity;

static gboolean
first_record_cb (const VvLedgerLine *line,
                 gpointer            user_data)
{
  Identity *id = user_data;

  if (line->raw != NULL && line->raw_len >= 22)
    {
      id->region = g_strndup (line->raw + 7, 6);
      id->orgnr = g_strstrip (g_strndup (line->raw + 13, 9));
      if (*id->orgnr == '\0')
        g_clear_pointer (&id->orgnr, g_free);
    }
  return FALSE;
}

/* The region and orgnr of the first stored record of a KOSTRA import. */
void
_vv_ledger_session_read_kostra_identity (VvLedgerSession  *self,
                                         char            **region,
                                         char            **orgnr)
{
  VvDb *db = _vv_ledger_session_get_active_db (self);
  const VvLedgerImport *import = vv_ledger_session_get_import (self);
  Identity id = { NULL, NULL };

  if (db != NULL && import != NULL)
    vv_ledger_store_foreach_line (db, import->id, first_record_cb, &id, NULL, NULL);
  *region = id.region;
  *orgnr = id.orgnr;
}
