/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-survey"

#include "config.h"

#include <string.h>

#include "vv-ledger-reader-private.h"
#include "vv-ledger-survey.h"

/* The worker reads the whole file with the reader as the dialog set it:
 * the reader notes every year and region met on the way, and refuses the
 * file when it holds several and none is chosen. The file is read once
 * more at import; a survey of a 1 M-line export takes about as long as its
 * split, and a small one is immediate. A survey keeps its lines' count and
 * sum per year and region, so that choosing a year or a region is answered
 * from it (vv_ledger_survey_for_year(), vv_ledger_survey_for_region())
 * without reading the file again. */

#define MAX_LINE_REGIONS 256    /* more, and a region chosen is read again */

/* helpers */

static VvLedgerSurveyYear *
year_entry (GArray *per_year,
            int     year,
            guint   region)
{
  VvLedgerSurveyYear entry = { year, 0, 0, region };

  for (guint i = 0; i < per_year->len; i++)
    if (g_array_index (per_year, VvLedgerSurveyYear, i).year == year &&
        g_array_index (per_year, VvLedgerSurveyYear, i).region == region)
      return &g_array_index (per_year, VvLedgerSurveyYear, i);
  g_array_append_val (per_year, entry);
  return &g_array_index (per_year, VvLedgerSurveyYear, per_year->len - 1);
}

/* The index of the line's region in the survey's, as the reader trims it. */
static guint
line_region (VvLedgerSurvey     *survey,
             const VvLedgerLine *line,
             guint               last)
{
  const char *r = line->region;
  gsize n = r != NULL ? line->region_len : 0;
  GPtrArray *known = survey->line_regions;

  while (n > 0 && r[0] == ' ')
    r++, n--;
  while (n > 0 && r[n - 1] == ' ')
    n--;
  if (n == 0 || known == NULL)
    return 0;
  if (last < known->len && strlen (known->pdata[last]) == n && memcmp (known->pdata[last], r, n) == 0)
    return last;
  for (guint i = 1; i < known->len; i++)
    if (strlen (known->pdata[i]) == n && memcmp (known->pdata[i], r, n) == 0)
      return i;
  if (known->len == MAX_LINE_REGIONS)
    {
      g_clear_pointer (&survey->line_regions, g_ptr_array_unref);
      return 0;
    }
  g_ptr_array_add (known, g_strndup (r, n));
  return known->len - 1;
}

static gboolean
survey_line_cb (const VvLedgerLine *line,
                gpointer            user_data)
{
  VvLedgerSurvey *survey = user_data;
  VvLedgerSurveyYear *entry = survey->per_year->len > 0
                              ? &g_array_index (survey->per_year, VvLedgerSurveyYear, 0) : NULL;
  guint region = line_region (survey, line, entry != NULL ? entry->region : 0);

  /* a sum past gint64 is refused by the import; the survey just stops adding */
  vv_ore_add (&survey->total_ore, line->amount_ore);
  if (entry == NULL || entry->year != line->year || entry->region != region)
    entry = year_entry (survey->per_year, line->year, region);
  entry->lines++;
  vv_ore_add (&entry->total_ore, line->amount_ore);
  if (line->amount_ore == G_MININT64)
    survey->max_abs_ore = G_MAXINT64;
  else
    survey->max_abs_ore = MAX (survey->max_abs_ore, ABS (line->amount_ore));
  if (line->quarter >= 0 && line->quarter <= 4)
    survey->quarters |= 1u << line->quarter;
  return TRUE;
}

static VvLedgerSurvey *
survey_new (void)
{
  VvLedgerSurvey *survey = g_new0 (VvLedgerSurvey, 1);

  survey->per_year = g_array_new (FALSE, FALSE, sizeof (VvLedgerSurveyYear));
  survey->line_regions = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (survey->line_regions, g_strdup (""));
  return survey;
}

static void
survey_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  VvLedgerReader *reader = source_object;
  const char *path = task_data;
  g_autoptr(VvLedgerSurvey) survey = survey_new ();
  g_autoptr(GError) error = NULL;
  const int *years;
  guint n_years;
  GPtrArray *regions;

  /* as chosen: once read, the reader gives the one year or region it met */
  survey->year_read = vv_ledger_reader_get_year (reader);
  survey->region_read = g_strdup (vv_ledger_reader_get_region (reader));
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
  survey->unit_read = vv_ledger_reader_get_unit (reader);
  survey->unit_scales = vv_ledger_reader_get_format (reader) != VV_LEDGER_FORMAT_KOSTRA;
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

/* A survey with what @from found and how it was read, without its lines. */
static VvLedgerSurvey *
survey_copy_found (const VvLedgerSurvey *from)
{
  VvLedgerSurvey *survey = survey_new ();

  survey->years = g_array_copy (from->years);
  survey->regions = g_ptr_array_copy (from->regions, (GCopyFunc) g_strdup, NULL);
  g_ptr_array_set_free_func (survey->regions, g_free);
  survey->function_code_example = g_strdup (from->function_code_example);
  survey->lines_service_code = from->lines_service_code;
  survey->lines_rejected = from->lines_rejected;
  survey->year_read = from->year_read;
  survey->region_read = g_strdup (from->region_read);
  survey->quarters = from->quarters;
  survey->unit_read = from->unit_read;
  survey->unit_scales = from->unit_scales;
  survey->max_abs_ore = from->max_abs_ore;
  g_clear_pointer (&survey->line_regions, g_ptr_array_unref);
  if (from->line_regions != NULL)
    {
      survey->line_regions = g_ptr_array_copy (from->line_regions, (GCopyFunc) g_strdup, NULL);
      g_ptr_array_set_free_func (survey->line_regions, g_free);
    }
  return survey;
}

/* @ore in kroner as in 1000 kr (@up) or back, or FALSE when it does not fit
 * or was not read so */
static gboolean
scale_ore (gint64    ore,
           gboolean  up,
           gint64   *out)
{
  if (up)
    return !__builtin_mul_overflow (ore, (gint64) 1000, out) && *out != G_MININT64;
  if (ore % 1000 != 0)
    return FALSE;
  *out = ore / 1000;
  return TRUE;
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
  g_clear_pointer (&survey->per_year, g_array_unref);
  g_clear_pointer (&survey->line_regions, g_ptr_array_unref);
  g_free (survey->region_read);
  g_free (survey);
}

/**
 * vv_ledger_survey_for_year:
 * @all: a survey read for all years (vv_ledger_reader_set_year() 0)
 * @year: the year chosen, one of @all's years, or 0 for all
 *
 * What a survey read with @year chosen and every other setting as @all's
 * would give — the lines and their sum, the lines left out, no refusal —
 * without reading the file again: a year chooses among the lines already
 * read (those without a year are kept whatever the year). Only when that
 * is sure: @all was refused for its several years alone (or not at all),
 * no line was rejected (a line of another year would be left out rather
 * than rejected), and the file does not hold several regions with none
 * chosen (a read with a year would then refuse for the regions).
 *
 * Returns: (transfer full) (nullable): the survey, or %NULL when the file
 *   must be read again
 */
VvLedgerSurvey *
vv_ledger_survey_for_year (const VvLedgerSurvey *all,
                           int                   year)
{
  VvLedgerSurvey *survey;
  gboolean found = year == 0;

  g_return_val_if_fail (all != NULL, NULL);

  if (all->year_read != 0 || all->per_year == NULL)
    return NULL;
  for (guint i = 0; i < all->years->len; i++)
    found |= g_array_index (all->years, int, i) == year;
  if (!found)
    return NULL;
  if (year != 0)
    {
      /* refused for its years alone: they are checked first, and the
       * regions and quarters that would be next are known to be one */
      if (all->lines_rejected > 0 || (all->quarters & (all->quarters - 1)) != 0 ||
          (all->regions->len > 1 && all->region_read == NULL))
        return NULL;
      if (all->refusal != NULL &&
          !(g_error_matches (all->refusal, VV_LEDGER_ERROR, VV_LEDGER_ERROR_SEVERAL) &&
            all->years->len > 1))
        return NULL;
    }

  survey = survey_copy_found (all);
  survey->year_read = year;
  if (year == 0 && all->refusal != NULL)
    survey->refusal = g_error_copy (all->refusal);
  for (guint i = 0; i < all->per_year->len; i++)
    {
      const VvLedgerSurveyYear *entry = &g_array_index (all->per_year, VvLedgerSurveyYear, i);

      if (year != 0 && entry->year != year && entry->year != 0)
        continue;
      survey->lines_read += entry->lines;
      vv_ore_add (&survey->total_ore, entry->total_ore);
      g_array_append_val (survey->per_year, *entry);
    }
  survey->lines_other = all->lines_other + (all->lines_read - survey->lines_read);
  if (year != 0 && survey->lines_read == 0)
    {
      /* "no lines of region R in year Y": as the reader says it */
      vv_ledger_survey_free (survey);
      return NULL;
    }
  return survey;
}

/**
 * vv_ledger_survey_for_region:
 * @all: a survey read with no region chosen (vv_ledger_reader_set_region()
 *   %NULL), for all years or one
 * @region: the region chosen, one of @all's regions
 *
 * What a survey read with @region chosen and every other setting as @all's
 * would give — the lines and their sum, the lines left out, and the
 * refusal for several years that a read without a year still makes —
 * without reading the file again: a region chooses among the lines already
 * read (those without a region are kept whatever the region), as the
 * reader compares regions (4601 is 460100). Only when that is sure: @all
 * was refused for its several years or regions alone (or not at all), no
 * line was rejected, it does not hold several quarters, and it kept the
 * region of every line (a file of a few hundred regions or fewer).
 *
 * Returns: (transfer full) (nullable): the survey, or %NULL when the file
 *   must be read again
 */
VvLedgerSurvey *
vv_ledger_survey_for_region (const VvLedgerSurvey *all,
                             const char           *region)
{
  g_autoptr(VvLedgerSurvey) survey = NULL;
  gboolean found = FALSE, years_refused;

  g_return_val_if_fail (all != NULL, NULL);
  g_return_val_if_fail (region != NULL, NULL);

  if (all->region_read != NULL || all->per_year == NULL || all->line_regions == NULL ||
      all->lines_rejected > 0 || (all->quarters & (all->quarters - 1)) != 0)
    return NULL;
  for (guint i = 0; i < all->regions->len; i++)
    found |= g_strcmp0 (g_ptr_array_index (all->regions, i), region) == 0;
  if (!found)
    return NULL;
  /* the years are checked before the regions, over every line of the file */
  years_refused = all->year_read == 0 && all->years->len > 1;
  if (all->refusal != NULL &&
      !(g_error_matches (all->refusal, VV_LEDGER_ERROR, VV_LEDGER_ERROR_SEVERAL) &&
        (years_refused || all->regions->len > 1)))
    return NULL;

  survey = survey_copy_found (all);
  survey->region_read = g_strdup (region);
  if (years_refused)
    survey->refusal = g_error_copy (all->refusal);
  for (guint i = 0; i < all->per_year->len; i++)
    {
      const VvLedgerSurveyYear *entry = &g_array_index (all->per_year, VvLedgerSurveyYear, i);
      const char *line_region = entry->region != 0 ?
        g_ptr_array_index (all->line_regions, entry->region) : NULL;

      if (line_region != NULL &&
          !_vv_ledger_same_region (line_region, strlen (line_region), region, strlen (region)))
        continue;
      survey->lines_read += entry->lines;
      vv_ore_add (&survey->total_ore, entry->total_ore);
      g_array_append_val (survey->per_year, *entry);
    }
  survey->lines_other = all->lines_other + (all->lines_read - survey->lines_read);
  if (survey->lines_read == 0)
    return NULL;    /* "no lines of region R": as the reader says it */
  return g_steal_pointer (&survey);
}

/**
 * vv_ledger_survey_for_unit:
 * @survey: a survey
 * @unit: %VV_LEDGER_UNIT_KR or %VV_LEDGER_UNIT_THOUSANDS, the one @survey
 *   was not read in
 *
 * What a survey read with the amounts in @unit, every other setting as
 * @survey's, would give, without reading the file again: in 1000 kr each
 * line is its amount in kroner times 1000, and the other way round. Only
 * when that is sure: a text file read with the other unit, no line
 * rejected (in 1000 kr a line too large is), and no amount or sum past
 * what øre can hold.
 *
 * Returns: (transfer full) (nullable): the survey, or %NULL when the file
 *   must be read again
 */
VvLedgerSurvey *
vv_ledger_survey_for_unit (const VvLedgerSurvey *survey,
                           VvLedgerUnit          unit)
{
  g_autoptr(VvLedgerSurvey) scaled = NULL;
  gboolean up = unit == VV_LEDGER_UNIT_THOUSANDS;

  g_return_val_if_fail (survey != NULL, NULL);

  if ((unit != VV_LEDGER_UNIT_KR && unit != VV_LEDGER_UNIT_THOUSANDS) ||
      (survey->unit_read != VV_LEDGER_UNIT_KR && survey->unit_read != VV_LEDGER_UNIT_THOUSANDS) ||
      !survey->unit_scales || survey->per_year == NULL || survey->lines_rejected > 0)
    return NULL;
  if (unit == survey->unit_read)
    return NULL;
  scaled = survey_copy_found (survey);
  scaled->unit_read = unit;
  if (survey->refusal != NULL)
    scaled->refusal = g_error_copy (survey->refusal);
  scaled->lines_read = survey->lines_read;
  scaled->lines_other = survey->lines_other;
  if (!scale_ore (survey->max_abs_ore, up, &scaled->max_abs_ore) && up)
    return NULL;
  if (!up)
    scaled->max_abs_ore = survey->max_abs_ore / 1000;
  if (up)
    {
      gint64 bound;

      /* no sum of the lines in 1000 kr, in any order, can have passed
       * what øre hold: the reader's sums are the scaled ones */
      if (__builtin_mul_overflow (scaled->max_abs_ore, (gint64) MAX (survey->lines_read, 1),
                                  &bound))
        return NULL;
    }
  if (!scale_ore (survey->total_ore, up, &scaled->total_ore))
    return NULL;
  for (guint i = 0; i < survey->per_year->len; i++)
    {
      VvLedgerSurveyYear entry = g_array_index (survey->per_year, VvLedgerSurveyYear, i);

      if (!scale_ore (entry.total_ore, up, &entry.total_ore))
        return NULL;
      g_array_append_val (scaled->per_year, entry);
    }
  return g_steal_pointer (&scaled);
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
