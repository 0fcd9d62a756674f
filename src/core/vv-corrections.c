/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-corrections"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "vv-atomic-file.h"
#include "vv-corrections.h"
#include "vv-export.h"
#include "vv-sheet-module-private.h"
#include "vv-split.h"

#define N_FUNCTIONS   10000   /* function codes are at most four digits */
#define MAX_BOOKED    8       /* home-service functions one ansvar × art is booked on */
#define MAX_TARGETS   16      /* functions in one unit's Fordeling */

typedef struct
{
  char   *art;
  guint   kostra_art;
  gint64  home_ore;                  /* all its home-service money */
  guint   n_booked;
  guint   booked_fn[MAX_BOOKED];
  gint64  booked_ore[MAX_BOOKED];
  gint64  share[MAX_TARGETS];        /* what it gets per target, after finish */
} ArtAcc;

typedef struct
{
  char         *ansvar;
  const VvUnit *unit;                /* borrowed from the units register */
  gint64        home_ore;
  GHashTable   *arts;                /* art -> ArtAcc* (owned by art_list) */
  GPtrArray    *art_list;            /* ArtAcc* */
  ArtAcc       *last_art;
} AnsAcc;

struct _VvCorrections
{
  GObject      parent_instance;

  /* Owned */
  VvRules     *rules;
  VvUnits     *units;
  guint8      *home;                 /* [N_FUNCTIONS]: 1 for a home-service function */
  GHashTable  *accs;                 /* ansvar -> AnsAcc* (owned by acc_list) */
  GPtrArray   *acc_list;             /* AnsAcc* */
  GArray      *postings;             /* VvPosting */
  GStringChunk *strings;

  /* Borrowed */
  AnsAcc      *last_acc;

  int          year;
  guint64      lines_other_year;
  guint        n_unassigned;
  gint64       unassigned_ore;
  gint64       moved_ore;
  gboolean     finished;
  gboolean     overflow;             /* a sum left the gint64 range of øre */
  guint64      overflow_line;        /* the line that made it, 0 if found when finishing */
};

G_DEFINE_FINAL_TYPE (VvCorrections, vv_corrections, G_TYPE_OBJECT)

G_DEFINE_QUARK (vv-corrections-error-quark, vv_corrections_error)

/* Helpers */

/* Every sum of money goes through here (see vv_ore_add()). */
static inline void
add_ore (VvCorrections *self,
         gint64        *sum,
         gint64         amount,
         guint64        line_no)
{
  if (G_UNLIKELY (!vv_ore_add (sum, amount)) && !self->overflow)
    {
      self->overflow = TRUE;
      self->overflow_line = line_no;
    }
}

static void
art_acc_free (ArtAcc *a)
{
  g_free (a->art);
  g_free (a);
}

static void
ans_acc_free (AnsAcc *acc)
{
  g_free (acc->ansvar);
  g_clear_pointer (&acc->arts, g_hash_table_unref);
  g_clear_pointer (&acc->art_list, g_ptr_array_unref);
  g_free (acc);
}

static guint
parse_function (const char *code)
{
  guint64 v = 0;

  if (code == NULL || *code == '\0')
    return 0;
  for (const char *p = code; *p; p++)
    {
      if (!g_ascii_isdigit (*p) || v >= N_FUNCTIONS)
        return 0;
      v = v * 10 + (guint64) (*p - '0');
    }
  return v < N_FUNCTIONS ? (guint) v : 0;
}

static AnsAcc *
get_ans_acc (VvCorrections *self,
             const char    *ansvar)
{
  AnsAcc *acc;

  if (self->last_acc != NULL && strcmp (self->last_acc->ansvar, ansvar) == 0)
    return self->last_acc;
  acc = g_hash_table_lookup (self->accs, ansvar);
  if (acc == NULL)
    {
      acc = g_new0 (AnsAcc, 1);
      acc->ansvar = g_strdup (ansvar);
      acc->unit = (self->units != NULL && *ansvar) ? vv_units_lookup (self->units, ansvar) : NULL;
      acc->arts = g_hash_table_new (g_str_hash, g_str_equal);
      acc->art_list = g_ptr_array_new_with_free_func ((GDestroyNotify) art_acc_free);
      g_hash_table_insert (self->accs, acc->ansvar, acc);
      g_ptr_array_add (self->acc_list, acc);
    }
  self->last_acc = acc;
  return acc;
}

static ArtAcc *
get_art_acc (AnsAcc     *acc,
             const char *art,
             guint       kostra_art)
{
  ArtAcc *a;

  if (acc->last_art != NULL && strcmp (acc->last_art->art, art) == 0)
    return acc->last_art;
  a = g_hash_table_lookup (acc->arts, art);
  if (a == NULL)
    {
      a = g_new0 (ArtAcc, 1);
      a->art = g_strdup (art);
      a->kostra_art = kostra_art;
      g_hash_table_insert (acc->arts, a->art, a);
      g_ptr_array_add (acc->art_list, a);
    }
  acc->last_art = a;
  return a;
}

/* Codes of equal length compare as numbers; "" sorts first. */
static int
compare_codes (const char *a,
               const char *b)
{
  gsize la = strlen (a), lb = strlen (b);

  if (la != lb)
    return la < lb ? -1 : 1;
  return strcmp (a, b);
}

static int
compare_ans_accs (gconstpointer pa,
                  gconstpointer pb)
{
  const AnsAcc *a = *(const AnsAcc **) pa, *b = *(const AnsAcc **) pb;

  return compare_codes (a->ansvar, b->ansvar);
}

static int
compare_art_accs (gconstpointer pa,
                  gconstpointer pb)
{
  const ArtAcc *a = *(const ArtAcc **) pa, *b = *(const ArtAcc **) pb;

  return compare_codes (a->art, b->art);
}

/* The target functions of @unit in @year (257 → 254 before 2024), in the
 * Fordeling's order with duplicates merged; @slot maps each allocation to
 * its target. */
static guint
unit_targets (VvCorrections *self,
              const VvUnit  *unit,
              guint         *targets,
              guint         *slot,
              int           *percents)
{
  GArray *allocs = unit->allocations;
  guint n = 0;

  g_assert (allocs->len <= MAX_TARGETS);
  for (guint i = 0; i < allocs->len; i++)
    {
      const VvAllocation *a = &g_array_index (allocs, VvAllocation, i);
      const char *mapped = vv_rules_map_function_for_year (self->rules, a->function,
                                                           self->year, NULL);
      guint fn = parse_function (mapped ? mapped : a->function);
      guint j;

      percents[i] = a->percent;
      for (j = 0; j < n && targets[j] != fn; j++)
        ;
      if (j == n)
        targets[n++] = fn;
      slot[i] = j;
    }
  return n;
}

/* Each art's shares by largest remainder, then øre moved between targets
 * within the largest arts until the columns sum to the ansvar's shares,
 * which are the split's (largest remainder over the ansvar's total). */
static void
share_ansvar (VvCorrections *self,
              AnsAcc        *acc,
              guint          n_targets,
              const guint   *slot,
              const int     *percents)
{
  GArray *allocs = acc->unit->allocations;
  gint64 shares[MAX_TARGETS];
  gint64 want[MAX_TARGETS] = { 0 };
  gint64 have[MAX_TARGETS] = { 0 };

  vv_split_largest_remainder (acc->home_ore, percents, allocs->len, shares);
  for (guint i = 0; i < allocs->len; i++)
    want[slot[i]] += shares[i];

  for (guint k = 0; k < acc->art_list->len; k++)
    {
      ArtAcc *a = g_ptr_array_index (acc->art_list, k);

      memset (a->share, 0, sizeof a->share);
      vv_split_largest_remainder (a->home_ore, percents, allocs->len, shares);
      for (guint i = 0; i < allocs->len; i++)
        a->share[slot[i]] += shares[i];
      for (guint t = 0; t < n_targets; t++)
        have[t] += a->share[t];
    }

  for (guint f = 0; f < n_targets; f++)
    while (have[f] < want[f])
      {
        ArtAcc *biggest = NULL;
        gint64 n;
        guint g;

        for (g = 0; g < n_targets && have[g] <= want[g]; g++)
          ;
        g_assert (g < n_targets);
        for (guint k = 0; k < acc->art_list->len; k++)
          {
            ArtAcc *a = g_ptr_array_index (acc->art_list, k);

            if (biggest == NULL || ABS (a->home_ore) > ABS (biggest->home_ore))
              biggest = a;
          }
        n = MIN (want[f] - have[f], have[g] - want[g]);
        biggest->share[f] += n;
        biggest->share[g] -= n;
        have[f] += n;
        have[g] -= n;
      }
}

static void
add_posting (VvCorrections *self,
             const AnsAcc  *acc,
             const ArtAcc  *a,
             guint          function,
             gint64         amount,
             const char    *text)
{
  VvPosting p;

  if (amount == 0)
    return;
  p.ansvar = acc->ansvar;
  p.art = a->art;
  p.kostra_art = a->kostra_art;
  p.function = function;
  p.amount_ore = amount;
  p.text = text;
  g_array_append_val (self->postings, p);
  if (amount > 0)
    add_ore (self, &self->moved_ore, amount, 0);
}

static char *
posting_text (VvCorrections *self,
              const VvUnit  *unit)
{
  GArray *allocs = unit->allocations;
  g_autoptr(GString) fordeling = g_string_new (NULL);

  for (guint i = 0; i < allocs->len; i++)
    {
      const VvAllocation *a = &g_array_index (allocs, VvAllocation, i);
      const char *m = vv_rules_map_function_for_year (self->rules, a->function, self->year, NULL);

      g_string_append_printf (fordeling, "%s%s:%d", i ? " " : "", m ? m : a->function,
                              a->percent);
    }
  /* Translators: the text of a correction posting: the unit's Fordeling in the units
   * register (e.g. "257:80 258:20") and the unit's name */
  return g_strdup_printf (_("Moved by the units register: %s (%s)"), fordeling->str, unit->name);
}

/* Overrides */

static void
vv_corrections_finalize (GObject *object)
{
  VvCorrections *self = (VvCorrections *) object;

  g_clear_object (&self->rules);
  g_clear_object (&self->units);
  g_clear_pointer (&self->home, g_free);
  g_clear_pointer (&self->accs, g_hash_table_unref);
  g_clear_pointer (&self->acc_list, g_ptr_array_unref);
  g_clear_pointer (&self->postings, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (vv_corrections_parent_class)->finalize (object);
}

static void
vv_corrections_class_init (VvCorrectionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vv_corrections_finalize;
}

static void
vv_corrections_init (VvCorrections *self)
{
  self->home = g_new0 (guint8, N_FUNCTIONS);
  self->accs = g_hash_table_new (g_str_hash, g_str_equal);
  self->acc_list = g_ptr_array_new_with_free_func ((GDestroyNotify) ans_acc_free);
  self->postings = g_array_new (FALSE, FALSE, sizeof (VvPosting));
  self->strings = g_string_chunk_new (1024);
}

/* Public API */

/**
 * vv_corrections_new:
 * @rules: (nullable): the rule data, %NULL for the default
 * @units: the units register
 * @year: the accounting year; lines of other years are left out
 *
 * Returns: (transfer full): a new, empty set of correction postings
 */
VvCorrections *
vv_corrections_new (VvRules *rules,
                    VvUnits *units,
                    int      year)
{
  VvCorrections *self;
  GPtrArray *functions;

  g_return_val_if_fail (rules == NULL || VV_IS_RULES (rules), NULL);
  g_return_val_if_fail (VV_IS_UNITS (units), NULL);
  g_return_val_if_fail (year > 0, NULL);

  self = g_object_new (VV_TYPE_CORRECTIONS, NULL);
  self->rules = g_object_ref (rules ? rules : vv_rules_get_default ());
  self->units = g_object_ref (units);
  self->year = year;
  functions = vv_rules_get_functions (self->rules);
  for (guint i = 0; i < functions->len; i++)
    {
      const VvFunction *f = g_ptr_array_index (functions, i);
      guint code = parse_function (f->code);

      if (code != 0 && f->home_service)
        self->home[code] = 1;
    }
  return self;
}

/**
 * vv_corrections_add_line:
 * @self: a #VvCorrections
 * @line: a ledger line; nothing of it is kept
 *
 * Adds a line. Only operating lines (account class 1 or unknown) of the year
 * booked on a home-service function count, as in the split.
 */
void
vv_corrections_add_line (VvCorrections      *self,
                         const VvLedgerLine *line)
{
  AnsAcc *acc;
  ArtAcc *a;
  char art_digits[16];
  const char *art;
  guint i;

  g_return_if_fail (VV_IS_CORRECTIONS (self));
  g_return_if_fail (!self->finished);

  if (line->account_class != 1 && line->account_class != -1)
    return;
  if (line->function >= N_FUNCTIONS || !self->home[line->function])
    return;
  if (line->year != 0 && line->year != self->year)
    {
      self->lines_other_year++;
      return;
    }

  if (line->art_code != NULL && line->art_code[0] != '\0')
    art = line->art_code;
  else
    {
      g_snprintf (art_digits, sizeof art_digits, "%03u", line->art);
      art = art_digits;
    }
  acc = get_ans_acc (self, line->ansvar ? line->ansvar : "");
  a = get_art_acc (acc, art, line->art);
  add_ore (self, &acc->home_ore, line->amount_ore, line->line_no);
  add_ore (self, &a->home_ore, line->amount_ore, line->line_no);
  for (i = 0; i < a->n_booked && a->booked_fn[i] != line->function; i++)
    ;
  if (i == a->n_booked)
    {
      g_assert (a->n_booked < MAX_BOOKED);   /* at most the home-service functions */
      a->booked_fn[a->n_booked++] = line->function;
    }
  add_ore (self, &a->booked_ore[i], line->amount_ore, line->line_no);
}

/**
 * vv_corrections_check_sums:
 * @self: a finished #VvCorrections
 * @filename: (nullable): the ledger's name for the message
 * @error: return location for a #GError
 *
 * Refuses postings worked out from sums that left the gint64 range of øre;
 * the message names the file and, when known, the line.
 *
 * Returns: %TRUE if every sum is exact
 */
gboolean
vv_corrections_check_sums (VvCorrections  *self,
                           const char     *filename,
                           GError        **error)
{
  g_return_val_if_fail (VV_IS_CORRECTIONS (self), FALSE);

  if (!self->overflow)
    return TRUE;
  if (self->overflow_line > 0)
    {
      g_autofree char *line = g_strdup_printf ("%" G_GUINT64_FORMAT, self->overflow_line);

      g_set_error (error, VV_CORRECTIONS_ERROR, VV_CORRECTIONS_ERROR_OVERFLOW,
                   _("%s:%s: the amounts add up to more than 92 233 720 368 547 758,07 kr; "
                     "the sums cannot be counted (check the amount column)"),
                   filename != NULL ? filename : "-", line);
    }
  else
    g_set_error (error, VV_CORRECTIONS_ERROR, VV_CORRECTIONS_ERROR_OVERFLOW,
                 _("%s: the amounts add up to more than 92 233 720 368 547 758,07 kr; "
                   "the sums cannot be counted (check the amount column)"),
                 filename != NULL ? filename : "-");
  return FALSE;
}

/**
 * vv_corrections_finish:
 * @self: a #VvCorrections
 *
 * Works out the postings: for each ansvar with a unit and each art, the
 * money moved off the functions it is booked on and onto the unit's
 * functions of the year. Call once, after the last line.
 */
void
vv_corrections_finish (VvCorrections *self)
{
  g_return_if_fail (VV_IS_CORRECTIONS (self));
  g_return_if_fail (!self->finished);

  self->finished = TRUE;
  g_ptr_array_sort (self->acc_list, compare_ans_accs);
  for (guint i = 0; i < self->acc_list->len; i++)
    {
      AnsAcc *acc = g_ptr_array_index (self->acc_list, i);
      guint targets[MAX_TARGETS];
      guint slot[MAX_TARGETS];
      int percents[MAX_TARGETS];
      const char *text;
      guint n_targets;

      if (acc->unit == NULL)
        {
          if (acc->home_ore != 0 || acc->art_list->len > 0)
            {
              self->n_unassigned++;
              add_ore (self, &self->unassigned_ore, acc->home_ore, 0);
            }
          continue;
        }
      {
        g_autofree char *t = posting_text (self, acc->unit);

        text = g_string_chunk_insert_const (self->strings, t);
      }
      n_targets = unit_targets (self, acc->unit, targets, slot, percents);
      g_ptr_array_sort (acc->art_list, compare_art_accs);
      share_ansvar (self, acc, n_targets, slot, percents);

      for (guint k = 0; k < acc->art_list->len; k++)
        {
          ArtAcc *a = g_ptr_array_index (acc->art_list, k);
          gint64 delta[MAX_BOOKED + MAX_TARGETS];
          guint fn[MAX_BOOKED + MAX_TARGETS];
          guint n = 0;

          /* Off the booked functions, onto the targets: one amount per function. */
          for (guint b = 0; b < a->n_booked; b++)
            {
              fn[n] = a->booked_fn[b];
              delta[n++] = -a->booked_ore[b];
            }
          for (guint t = 0; t < n_targets; t++)
            {
              guint j;

              for (j = 0; j < n && fn[j] != targets[t]; j++)
                ;
              if (j == n)
                {
                  fn[n] = targets[t];
                  delta[n++] = 0;
                }
              delta[j] += a->share[t];
            }
          /* Ascending function order: a stable, readable file. */
          for (guint x = 1; x < n; x++)
            for (guint y = x; y > 0 && fn[y - 1] > fn[y]; y--)
              {
                guint tf = fn[y];
                gint64 td = delta[y];

                fn[y] = fn[y - 1];
                delta[y] = delta[y - 1];
                fn[y - 1] = tf;
                delta[y - 1] = td;
              }
          for (guint j = 0; j < n; j++)
            add_posting (self, acc, a, fn[j], delta[j], text);
        }
    }
}

/**
 * vv_corrections_get_year:
 * @self: a #VvCorrections
 *
 * Returns: the accounting year
 */
int
vv_corrections_get_year (VvCorrections *self)
{
  g_return_val_if_fail (VV_IS_CORRECTIONS (self), 0);
  return self->year;
}

/**
 * vv_corrections_get_n_postings:
 * @self: a #VvCorrections
 *
 * Returns: the number of postings (after vv_corrections_finish())
 */
guint
vv_corrections_get_n_postings (VvCorrections *self)
{
  g_return_val_if_fail (VV_IS_CORRECTIONS (self), 0);
  return self->postings->len;
}

/**
 * vv_corrections_get_posting:
 * @self: a #VvCorrections
 * @index: which, from 0
 *
 * Returns: (transfer none): the posting, valid as long as @self
 */
const VvPosting *
vv_corrections_get_posting (VvCorrections *self,
                            guint          index)
{
  g_return_val_if_fail (VV_IS_CORRECTIONS (self), NULL);
  g_return_val_if_fail (index < self->postings->len, NULL);
  return &g_array_index (self->postings, VvPosting, index);
}

/**
 * vv_corrections_get_moved:
 * @self: a #VvCorrections
 *
 * Returns: the øre moved (the sum of the positive postings)
 */
gint64
vv_corrections_get_moved (VvCorrections *self)
{
  g_return_val_if_fail (VV_IS_CORRECTIONS (self), 0);
  return self->moved_ore;
}

/**
 * vv_corrections_get_n_unassigned:
 * @self: a #VvCorrections
 *
 * Returns: how many ansvar with home-service money have no unit (nothing is
 *   moved for them)
 */
guint
vv_corrections_get_n_unassigned (VvCorrections *self)
{
  g_return_val_if_fail (VV_IS_CORRECTIONS (self), 0);
  return self->n_unassigned;
}

/**
 * vv_corrections_get_unassigned:
 * @self: a #VvCorrections
 *
 * Returns: the home-service money, in øre, on ansvar without a unit
 */
gint64
vv_corrections_get_unassigned (VvCorrections *self)
{
  g_return_val_if_fail (VV_IS_CORRECTIONS (self), 0);
  return self->unassigned_ore;
}

/**
 * vv_corrections_get_lines_other_year:
 * @self: a #VvCorrections
 *
 * Returns: home-service lines left out because they are of another year
 */
guint64
vv_corrections_get_lines_other_year (VvCorrections *self)
{
  g_return_val_if_fail (VV_IS_CORRECTIONS (self), 0);
  return self->lines_other_year;
}

/**
 * vv_corrections_to_csv:
 * @self: a #VvCorrections
 *
 * The postings as CSV: the header %VV_CORRECTIONS_HEADER, `;`, decimal comma,
 * no thousands separator, LF line ends.
 *
 * Returns: (transfer full): the CSV text
 */
char *
vv_corrections_to_csv (VvCorrections *self)
{
  GString *s;

  g_return_val_if_fail (VV_IS_CORRECTIONS (self), NULL);
  g_return_val_if_fail (self->finished, NULL);

  s = g_string_new (VV_CORRECTIONS_HEADER "\n");
  for (guint i = 0; i < self->postings->len; i++)
    {
      const VvPosting *p = &g_array_index (self->postings, VvPosting, i);

      vv_csv_cell_escape (s, p->ansvar, ';');
      g_string_append_c (s, ';');
      vv_csv_cell_escape (s, p->art, ';');
      g_string_append_printf (s, ";%u;", p->function);
      vv_csv_append_amount (s, p->amount_ore, ',', ';');
      g_string_append_c (s, ';');
      vv_csv_cell_escape (s, p->text, ';');
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

/**
 * vv_corrections_write_xlsx:
 * @self: a #VvCorrections
 * @path: the .xlsx file to write, replaced atomically
 * @error: return location for a #GError
 *
 * Writes the postings as a workbook with one sheet: the same columns as the
 * CSV, codes as text (leading zeros kept), amounts as numbers in kroner with
 * two decimals.
 *
 * Returns: %TRUE on success
 */
gboolean
vv_corrections_write_xlsx (VvCorrections *self,
                           const char    *path,
                           GError       **error)
{
  g_autofree char *tmp = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(GPtrArray) functions = NULL;
  g_autofree gint64 *amounts = NULL;
  const char *headers[] = { "Ansvar", "Art", "Funksjon", "Beløp", "Tekst" };
  VvSheetTable table = {
    .sheet_name = "Omposteringer",
    .headers = headers,
    .n_cols = G_N_ELEMENTS (headers),
    .amount_col = 3,
    .wide_col = 4,
  };
  const VvSheetModule *sheet;

  g_return_val_if_fail (VV_IS_CORRECTIONS (self), FALSE);
  g_return_val_if_fail (self->finished, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  display_name = g_filename_display_name (path);
  /* libxlsxwriter is in the spreadsheet module, loaded only now. */
  sheet = _vv_sheet_module_load (&local_error);
  if (sheet == NULL)
    {
      g_set_error (error, VV_CORRECTIONS_ERROR, VV_CORRECTIONS_ERROR_WRITE,
                   _("Could not save “%s”; the old file, if any, is unchanged (%s)."),
                   display_name, local_error->message);
      return FALSE;
    }
  tmp = vv_atomic_file_new_temp (path, &local_error);
  if (tmp == NULL)
    {
      g_set_error (error, VV_CORRECTIONS_ERROR, VV_CORRECTIONS_ERROR_WRITE,
                   _("Could not save “%s”; the old file, if any, is unchanged (%s)."),
                   display_name, local_error->message);
      return FALSE;
    }
  /* Codes as text (leading zeros kept), amounts as numbers. */
  table.n_rows = self->postings->len;
  cells = g_ptr_array_sized_new (table.n_rows * table.n_cols);
  functions = g_ptr_array_new_full (table.n_rows, g_free);
  amounts = g_new (gint64, MAX (table.n_rows, 1));
  for (guint i = 0; i < table.n_rows; i++)
    {
      const VvPosting *p = &g_array_index (self->postings, VvPosting, i);
      char *fn = g_strdup_printf ("%u", p->function);

      g_ptr_array_add (functions, fn);
      g_ptr_array_add (cells, (gpointer) p->ansvar);
      g_ptr_array_add (cells, (gpointer) p->art);
      g_ptr_array_add (cells, fn);
      g_ptr_array_add (cells, NULL);
      g_ptr_array_add (cells, (gpointer) p->text);
      amounts[i] = p->amount_ore;
    }
  table.cells = (const char *const *) cells->pdata;
  table.amounts = amounts;
  if (!sheet->write_xlsx (tmp, &table, &detail))
    {
      g_unlink (tmp);
      g_set_error (error, VV_CORRECTIONS_ERROR, VV_CORRECTIONS_ERROR_WRITE,
                   _("Could not save “%s”; the old file, if any, is unchanged (%s)."),
                   display_name, detail);
      return FALSE;
    }
  if (!vv_atomic_file_commit (tmp, path, &local_error))
    {
      g_set_error (error, VV_CORRECTIONS_ERROR, VV_CORRECTIONS_ERROR_WRITE,
                   _("Could not save “%s”; the old file, if any, is unchanged (%s)."),
                   display_name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * vv_corrections_write:
 * @self: a #VvCorrections
 * @path: a file ending in `.csv` or `.xlsx`, replaced atomically
 * @error: return location for a #GError
 *
 * Writes the postings as CSV or as a workbook, by the file name.
 *
 * Returns: %TRUE on success
 */
gboolean
vv_corrections_write (VvCorrections *self,
                      const char    *path,
                      GError       **error)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (VV_IS_CORRECTIONS (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".xlsx"))
    return vv_corrections_write_xlsx (self, path, error);
  if (g_str_has_suffix (lower, ".csv"))
    {
      g_autofree char *csv = vv_corrections_to_csv (self);

      return vv_export_write_atomic (path, csv, strlen (csv), error);
    }
  g_set_error (error, VV_CORRECTIONS_ERROR, VV_CORRECTIONS_ERROR_FORMAT,
               _("“%s”: write the postings to a .csv or an .xlsx file"), path);
  return FALSE;
}
