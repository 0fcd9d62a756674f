/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-survey"

#include "config.h"

#include <string.h>

#include "vv-ledger-survey.h"

/* The worker reads the whole file with the reader as the dialog set it:
 * the reader notes every year and region met on the way, and refuses the
 * file when it holds several and none is chosen. The file is read once
 * more at import; a survey of a 1 M-line export takes about as long as its
 * split, and a small one is immediate. */

/* helpers */

static gboolean
survey_line_cb (const VvLedgerLine *line,
                gpointer            user_data)
{
  VvLedgerSurvey *survey = user_data;

  /* a sum past gint64 is refused by the import; the survey just stops adding */
  vv_ore_add (&survey->total_ore, line->amount_ore);
  return TRUE;
}

static void
survey_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  VvLedgerReader *reader = source_object;
  const char *path = task_data;
  g_autoptr(VvLedgerSurvey) survey = g_new0 (VvLedgerSurvey, 1);
  g_autoptr(GError) error = NULL;
  const int *years;
  guint n_years;
  GPtrArray *regions;

  if (!vv_ledger_reader_read (reader, path, survey_line_cb, NULL, NULL, survey, cancellable,
                              &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      survey->refusal = g_steal_pointer (&error);
    }
  years = vv_ledger_reader_get_years_found (reader, &n_years);
  survey->years = g_array_sized_new (FALSE, FALSE, sizeof (int), n_years);
  if (years != NULL)
    g_array_append_vals (survey->years, years, n_years);
  survey->regions = g_ptr_array_new_with_free_func (g_free);
  regions = vv_ledger_reader_get_regions_found (reader);
  for (guint i = 0; regions != NULL && i < regions->len; i++)
    g_ptr_array_add (survey->regions, g_strdup (g_ptr_array_index (regions, i)));
  survey->lines_read = vv_ledger_reader_get_lines_read (reader);
  survey->lines_other = vv_ledger_reader_get_lines_other (reader);
  survey->lines_rejected = vv_ledger_reader_get_lines_rejected (reader);
  survey->function_code_example = g_strdup (vv_ledger_reader_get_function_code_example (reader));
  survey->lines_service_code = vv_ledger_reader_get_lines_service_code (reader);
  g_task_return_pointer (task, g_steal_pointer (&survey), (GDestroyNotify) vv_ledger_survey_free);
}

static gboolean
cell_is_amount (const char *cell)
{
  gint64 ore;
  gsize len = strlen (cell);

  return vv_amount_parse (cell, len, ',', &ore, NULL) ||
         vv_amount_parse (cell, len, '.', &ore, NULL);
}

/* public API */

/**
 * vv_ledger_survey_async:
 * @reader: a reader set up as the import would be; it is read from the
 *   worker thread, so leave it alone until the callback
 * @path: the ledger file
 * @cancellable: (nullable): to stop the survey
 * @callback: called in the thread-default main context when done
 * @user_data: for @callback
 *
 * Reads the whole of @path to find the years and regions it holds, and
 * whether it would be read as @reader is set (a file of several years or
 * regions without a choice is refused, as are the reader's other
 * refusals).
 */
void
vv_ledger_survey_async (VvLedgerReader      *reader,
                        const char          *path,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VV_IS_LEDGER_READER (reader));
  g_return_if_fail (path != NULL);

  task = g_task_new (reader, cancellable, callback, user_data);
  g_task_set_source_tag (task, vv_ledger_survey_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, survey_thread);
}

/**
 * vv_ledger_survey_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError: only a cancelled survey or an
 *   unexpected failure; a file the reader refuses is a survey whose
 *   refusal says why
 *
 * Returns: (transfer full) (nullable): the survey
 */
VvLedgerSurvey *
vv_ledger_survey_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == vv_ledger_survey_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * vv_ledger_survey_free:
 * @survey: (nullable): a survey
 */
void
vv_ledger_survey_free (VvLedgerSurvey *survey)
{
  if (survey == NULL)
    return;
  g_clear_pointer (&survey->years, g_array_unref);
  g_clear_pointer (&survey->regions, g_ptr_array_unref);
  g_clear_error (&survey->refusal);
  g_free (survey->function_code_example);
  g_free (survey);
}

/**
 * vv_ledger_survey_amount_columns:
 * @reader: a reader after vv_ledger_reader_detect() (which may have failed
 *   asking for the amount column)
 *
 * The columns that may hold the amounts: every column with a header that
 * no other role reads, whose values in the detected rows are all amounts
 * (at least one of them not empty) — accounts, budget and revised budget
 * alike, or one column per year.
 *
 * Returns: (transfer full) (element-type int): the column indices, in order
 */
GArray *
vv_ledger_survey_amount_columns (VvLedgerReader *reader)
{
  GArray *columns = g_array_new (FALSE, FALSE, sizeof (int));
  GPtrArray *header;
  guint n_rows;

  g_return_val_if_fail (VV_IS_LEDGER_READER (reader), columns);

  header = vv_ledger_reader_get_header (reader);
  if (header == NULL || vv_ledger_reader_get_format (reader) != VV_LEDGER_FORMAT_CSV)
    return columns;
  n_rows = vv_ledger_reader_get_n_preview_rows (reader);
  for (guint c = 0; c < header->len; c++)
    {
      gboolean other_role = FALSE, all = TRUE;
      guint n_values = 0;

      if (*(const char *) g_ptr_array_index (header, c) == '\0')
        continue;
      for (int role = 0; role < VV_LEDGER_N_COLUMNS; role++)
        if (role != VV_LEDGER_COLUMN_AMOUNT && vv_ledger_reader_get_column (reader, role) == (int) c)
          other_role = TRUE;
      if (other_role)
        continue;
      for (guint r = 0; r < n_rows && all; r++)
        {
          const char * const *cells = vv_ledger_reader_get_preview_row (reader, r, NULL);
          g_autofree char *cell = NULL;

          if (cells == NULL || g_strv_length ((char **) cells) <= c)
            continue;
          cell = g_strstrip (g_strdup (cells[c]));
          if (*cell == '\0')
            continue;
          n_values++;
          all = cell_is_amount (cell);
        }
      if (all && n_values > 0)
        g_array_append_val (columns, c);
    }
  return columns;
}
