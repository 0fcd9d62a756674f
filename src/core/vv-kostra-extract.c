/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-kostra-extract"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vv-corrections.h"
#include "vv-export.h"
#include "vv-kostra-extract.h"
#include "vv-split.h"

#define THOUSAND_KR   100000      /* øre */
#define MAX_AMOUNT    999999999   /* 9 characters */
#define MIN_AMOUNT    -99999999
#define MAX_SHARES    16
#define CELL_KEY(k, f, a) GUINT_TO_POINTER ((guint) (k) * 10000000u + (guint) (f) * 1000u + (a))

/* One kontoklasse × function × art of the extract written from a ledger. */
typedef struct
{
  int    klass;
  guint  function;
  guint  art;
  gint64 ore;
  gint64 thousands;           /* rounded */
} Cell;

/* One record of an extract being corrected. */
typedef struct
{
  char       text[VV_KOSTRA_RECORD_LEN + 1];
  guint      function;
  guint      art;
  gint64     thousands;
  gboolean   changed;         /* amount to be written anew */
  gboolean   dropped;         /* a 254 record split into its replacements */
  GPtrArray *replacements;    /* Rec*, written in its place */
} Rec;

/* The home-service money a ledger gives one art, by function of the units. */
typedef struct
{
  guint  n;
  guint  function[MAX_SHARES];
  gint64 ore[MAX_SHARES];
} Shares;

struct _VvKostraExtract
{
  GObject        parent_instance;

  /* Owned */
  VvRules       *rules;
  VvUnits       *units;
  VvCorrections *corrections;
  GHashTable    *cells;          /* CELL_KEY -> Cell* */
  GHashTable    *home;           /* "ansvar\037art" -> gint64*: home money of units */
  GPtrArray     *records;        /* Rec*, the extract being corrected */
  GString       *data;           /* the records written, after finish */

  char           skjema[3];
  char           region[7];
  char           orgnr[10];
  char           quarter;
  int            year;
  gboolean       identity_set;
  gboolean       mixed;
  guint64        lines_left_out;
  guint64        lines_no_code;
  guint64        first_no_code;
  guint          n_split;
  gboolean       finished;
  guint8         home_fn[1000];  /* 1 for a home-service function */
};

G_DEFINE_FINAL_TYPE (VvKostraExtract, vv_kostra_extract, G_TYPE_OBJECT)

G_DEFINE_QUARK (vv-kostra-error-quark, vv_kostra_error)

static const struct
{
  const char *skjema;
  const char *classes;        /* allowed kontoklasse characters */
} skjema_classes[] = {
  { "0A", "01" }, { "0B", "2" }, { "0C", "01" }, { "0D", "2" },
  { "0F", "34" }, { "0G", "5" }, { "0I", "34" }, { "0J", "5" },
  { "0K", "34" }, { "0L", "5" }, { "0M", "34" }, { "0N", "5" },
  { "0P", "34" }, { "0Q", "5" }, { "0X", " " }, { "0Y", " " },
};

/* Helpers */

static void
rec_free (Rec *r)
{
  g_clear_pointer (&r->replacements, g_ptr_array_unref);
  g_free (r);
}

static const char *
skjema_allowed_classes (const char *skjema)
{
  for (guint i = 0; i < G_N_ELEMENTS (skjema_classes); i++)
    if (strncmp (skjema_classes[i].skjema, skjema, 2) == 0)
      return skjema_classes[i].classes;
  return NULL;
}

static gboolean
all_digits (const char *s,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/**
 * vv_round_ore_to_thousands:
 * @ore: an amount in øre
 *
 * Returns: @ore in whole 1000 kr, rounded half away from zero
 */
gint64
vv_round_ore_to_thousands (gint64 ore)
{
  if (ore >= 0)
    return (ore + THOUSAND_KR / 2) / THOUSAND_KR;
  return -((-ore + THOUSAND_KR / 2) / THOUSAND_KR);
}

/* Rounds each of @ore to 1000 kr so that they sum to @target: to the nearest
 * first, then the ones rounded furthest the wrong way moved by one. */
static void
round_to_target (Cell  **cells,
                 guint   n,
                 gint64  target)
{
  g_autofree gint64 *err = g_new (gint64, n);
  gint64 sum = 0;

  for (guint i = 0; i < n; i++)
    {
      cells[i]->thousands = vv_round_ore_to_thousands (cells[i]->ore);
      err[i] = cells[i]->ore - cells[i]->thousands * THOUSAND_KR;
      sum += cells[i]->thousands;
    }
  while (sum != target && n > 0)
    {
      guint best = 0;

      for (guint i = 1; i < n; i++)
        if (sum < target ? err[i] > err[best] : err[i] < err[best])
          best = i;
      if (sum < target)
        {
          cells[best]->thousands++;
          err[best] -= THOUSAND_KR;
          sum++;
        }
      else
        {
          cells[best]->thousands--;
          err[best] += THOUSAND_KR;
          sum--;
        }
    }
}

static int
compare_cells (gconstpointer pa,
               gconstpointer pb)
{
  const Cell *a = *(const Cell **) pa, *b = *(const Cell **) pb;

  if (a->klass != b->klass)
    return a->klass > b->klass ? -1 : 1;     /* drift (1) first */
  if (a->function != b->function)
    return a->function < b->function ? -1 : 1;
  return a->art < b->art ? -1 : a->art > b->art;
}

static Cell *
get_cell (VvKostraExtract *self,
          int              klass,
          guint            function,
          guint            art)
{
  gpointer key = CELL_KEY (klass, function, art);
  Cell *c = g_hash_table_lookup (self->cells, key);

  if (c == NULL)
    {
      c = g_new0 (Cell, 1);
      c->klass = klass;
      c->function = function;
      c->art = art;
      g_hash_table_insert (self->cells, key, c);
    }
  return c;
}

static void
overflow_error (GError **error,
                guint    function,
                guint    art,
                gint64   thousands)
{
  g_autofree char *amount = g_strdup_printf ("%" G_GINT64_FORMAT, thousands);

  g_set_error (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_OVERFLOW,
               _("function %u, art %03u: %s thousand kroner does not fit in a KOSTRA record"),
               function, art, amount);
}

static gboolean
format_record (VvKostraExtract *self,
               GString         *out,
               char             klass,
               guint            function,
               guint            art,
               gint64           thousands,
               GError         **error)
{
  if (thousands > MAX_AMOUNT || thousands < MIN_AMOUNT)
    {
      overflow_error (error, function, art, thousands);
      return FALSE;
    }
  g_string_append_printf (out, "%.2s%04d%c%-6.6s%-9.9s%9s%c%-4u%03u%9" G_GINT64_FORMAT "\n",
                          self->skjema, self->year, self->quarter, self->region, self->orgnr, "",
                          klass, function, art, thousands);
  return TRUE;
}

/* Weights usable to split by: a non-zero total, and no weight of the other sign. */
static gboolean
shares_usable (const Shares *s)
{
  gint64 total = 0;

  for (guint i = 0; i < s->n; i++)
    total += s->ore[i];
  if (total == 0)
    return FALSE;
  for (guint i = 0; i < s->n; i++)
    if ((total > 0 && s->ore[i] < 0) || (total < 0 && s->ore[i] > 0))
      return FALSE;
  return TRUE;
}

static void
shares_add (Shares *s,
            guint   function,
            gint64  ore)
{
  guint i;

  for (i = 0; i < s->n && s->function[i] != function; i++)
    ;
  if (i == s->n)
    {
      g_assert (s->n < MAX_SHARES);
      s->function[s->n] = function;
      s->ore[s->n++] = 0;
    }
  s->ore[i] += ore;
}

/* Ascending functions: 257 before 258 in the file. */
static void
shares_sort (Shares *s)
{
  for (guint i = 1; i < s->n; i++)
    for (guint j = i; j > 0 && s->function[j - 1] > s->function[j]; j--)
      {
        guint f = s->function[j];
        gint64 o = s->ore[j];

        s->function[j] = s->function[j - 1];
        s->ore[j] = s->ore[j - 1];
        s->function[j - 1] = f;
        s->ore[j - 1] = o;
      }
}

/* The ledger's home-service money per art as the units divide it (the
 * functions they are classified to, not mapped to the year). */
static Shares *
art_shares (VvKostraExtract *self,
            Shares          *overall)
{
  Shares *by_art = g_new0 (Shares, 1000);
  GHashTableIter it;
  gpointer k, v;

  memset (overall, 0, sizeof *overall);
  g_hash_table_iter_init (&it, self->home);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      const char *key = k;
      const char *sep = strchr (key, '\037');
      g_autofree char *ansvar = g_strndup (key, sep - key);
      const VvUnit *unit = vv_units_lookup (self->units, ansvar);
      guint art = (guint) g_ascii_strtoull (sep + 1, NULL, 10);
      GArray *allocs = unit->allocations;
      int percents[MAX_SHARES];
      gint64 parts[MAX_SHARES];

      g_assert (art < 1000 && allocs->len <= MAX_SHARES);
      for (guint i = 0; i < allocs->len; i++)
        percents[i] = g_array_index (allocs, VvAllocation, i).percent;
      vv_split_largest_remainder (*(gint64 *) v, percents, allocs->len, parts);
      for (guint i = 0; i < allocs->len; i++)
        {
          guint fn = (guint) g_ascii_strtoull (g_array_index (allocs, VvAllocation, i).function,
                                               NULL, 10);

          shares_add (&by_art[art], fn, parts[i]);
          shares_add (overall, fn, parts[i]);
        }
    }
  return by_art;
}

static Rec *
find_rec (VvKostraExtract *self,
          const Rec       *like,
          guint            function)
{
  for (guint i = 0; i < self->records->len; i++)
    {
      Rec *r = g_ptr_array_index (self->records, i);

      if (!r->dropped && r->function == function && r->art == like->art &&
          memcmp (r->text, like->text, 32) == 0)
        return r;
    }
  return NULL;
}

static gboolean
finish_correcting (VvKostraExtract *self,
                   GError         **error)
{
  g_autofree Shares *by_art = NULL;
  Shares overall;
  GString *out;

  if (self->mixed)
    {
      g_set_error_literal (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_MIXED,
                           _("the extract holds records of several skjema, years, quarters or "
                             "regions; correct one at a time"));
      return FALSE;
    }
  {
    const Rec *first = g_ptr_array_index (self->records, 0);
    g_autofree char *digits = g_strndup (first->text + 2, 4);
    int year = (int) g_ascii_strtoll (digits, NULL, 10);

    if (year >= 1000 && year < 2024)
      {
        g_set_error (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_INVALID,
                     _("the extract is for %d, when 254 was still the function for home "
                       "services; 257 and 258 are valid from 2024, so it has nothing to "
                       "correct"), year);
        return FALSE;
      }
  }
  by_art = art_shares (self, &overall);

  for (guint i = 0; i < self->records->len; i++)
    {
      Rec *r = g_ptr_array_index (self->records, i);
      const Shares *s;
      gint64 parts[MAX_SHARES];

      if (r->function != 254 || r->dropped)
        continue;
      if (r->thousands == 0)
        {
          /* "-0" in SSB's own test file: SSB drops only "0", and 254 fails from 2024 */
          r->dropped = TRUE;
          continue;
        }
      s = (r->art < 1000 && shares_usable (&by_art[r->art])) ? &by_art[r->art] : &overall;
      shares_sort ((Shares *) s);
      if (!shares_usable (s))
        {
          g_set_error_literal (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_NO_SHARES,
                               _("the ledger has no home-service money on ansvar in the units "
                                 "register to split 254 by"));
          return FALSE;
        }
      vv_split_by_weights (r->thousands, s->ore, s->n, parts);
      r->dropped = TRUE;
      r->replacements = g_ptr_array_new_with_free_func ((GDestroyNotify) rec_free);
      self->n_split++;
      for (guint j = 0; j < s->n; j++)
        {
          Rec *to;

          if (parts[j] == 0)
            continue;
          to = find_rec (self, r, s->function[j]);
          if (to == NULL)
            {
              char fn[8];

              to = g_new0 (Rec, 1);
              memcpy (to->text, r->text, sizeof to->text);
              g_snprintf (fn, sizeof fn, "%-4u", s->function[j]);
              memcpy (to->text + 32, fn, 4);
              to->function = s->function[j];
              to->art = r->art;
              g_ptr_array_add (r->replacements, to);
            }
          to->thousands += parts[j];
          to->changed = TRUE;
        }
    }

  out = g_string_new (NULL);
  for (guint i = 0; i < self->records->len; i++)
    {
      Rec *r = g_ptr_array_index (self->records, i);
      GPtrArray *list = r->replacements;
      guint n = r->dropped ? (list ? list->len : 0) : 1;

      for (guint j = 0; j < n; j++)
        {
          Rec *w = r->dropped ? g_ptr_array_index (list, j) : r;

          if (w->changed)
            {
              if (w->thousands > MAX_AMOUNT || w->thousands < MIN_AMOUNT)
                {
                  overflow_error (error, w->function, w->art, w->thousands);
                  g_string_free (out, TRUE);
                  return FALSE;
                }
              g_string_append_len (out, w->text, 39);
              g_string_append_printf (out, "%9" G_GINT64_FORMAT "\n", w->thousands);
            }
          else
            {
              g_string_append_len (out, w->text, VV_KOSTRA_RECORD_LEN);
              g_string_append_c (out, '\n');
            }
        }
    }
  self->data = out;
  return TRUE;
}

static gboolean
finish_from_ledger (VvKostraExtract *self,
                    GError         **error)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  GHashTableIter it;
  gpointer v;
  GString *out;
  guint start;

  if (!self->identity_set)
    {
      g_set_error_literal (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_INVALID,
                           _("the extract needs a region (the municipality number and 00)"));
      return FALSE;
    }
  if (self->lines_no_code > 0)
    {
      g_set_error (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_NO_CODE,
                   ngettext ("%llu line has no KOSTRA function and art (line %llu); a KOSTRA "
                             "extract cannot hold it",
                             "%llu lines have no KOSTRA function and art (the first is line "
                             "%llu); a KOSTRA extract cannot hold them",
                             (gulong) MIN (self->lines_no_code, G_MAXULONG)),
                   (unsigned long long) self->lines_no_code,
                   (unsigned long long) self->first_no_code);
      return FALSE;
    }

  vv_corrections_finish (self->corrections);
  for (guint i = 0; i < vv_corrections_get_n_postings (self->corrections); i++)
    {
      const VvPosting *p = vv_corrections_get_posting (self->corrections, i);

      get_cell (self, 1, p->function, p->kostra_art)->ore += p->amount_ore;
    }

  if (self->year >= 2024 && vv_corrections_get_n_unassigned (self->corrections) > 0)
    {
      gint64 on_254 = 0;

      g_hash_table_iter_init (&it, self->cells);
      while (g_hash_table_iter_next (&it, NULL, &v))
        if (((Cell *) v)->function == 254)
          on_254 += ((Cell *) v)->ore;
      if (on_254 != 0)
        {
          g_autofree char *kr = vv_format_kroner (vv_corrections_get_unassigned (self->corrections));
          guint n = vv_corrections_get_n_unassigned (self->corrections);

          g_set_error (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_UNASSIGNED,
                       ngettext ("%u ansvar with home-service money (%s) has no unit in the "
                                 "register, so its 254 cannot become 257/258; classify it first",
                                 "%u ansvar with home-service money (%s) have no unit in the "
                                 "register, so their 254 cannot become 257/258; classify them "
                                 "first", n), n, kr);
          return FALSE;
        }
    }

  g_hash_table_iter_init (&it, self->cells);
  while (g_hash_table_iter_next (&it, NULL, &v))
    g_ptr_array_add (cells, v);
  g_ptr_array_sort (cells, compare_cells);

  /* Rounded top down: each kontoklasse's total to the nearest 1000 kr, its
   * functions to sum to that, each function's arts to sum to the function. */
  start = 0;
  while (start < cells->len)
    {
      Cell **c = (Cell **) cells->pdata;
      int klass = c[start]->klass;
      guint end = start, n_fn = 0;
      gint64 total = 0;
      g_autoptr(GPtrArray) fns = g_ptr_array_new_with_free_func (g_free);

      while (end < cells->len && c[end]->klass == klass)
        {
          if (end == start || c[end]->function != c[end - 1]->function)
            {
              Cell *f = g_new0 (Cell, 1);

              f->function = c[end]->function;
              g_ptr_array_add (fns, f);
              n_fn++;
            }
          ((Cell *) g_ptr_array_index (fns, n_fn - 1))->ore += c[end]->ore;
          total += c[end]->ore;
          end++;
        }
      round_to_target ((Cell **) fns->pdata, fns->len, vv_round_ore_to_thousands (total));
      for (guint i = start, k = 0; i < end; k++)
        {
          guint j = i;

          while (j < end && c[j]->function == c[i]->function)
            j++;
          round_to_target (c + i, j - i, ((Cell *) g_ptr_array_index (fns, k))->thousands);
          i = j;
        }
      start = end;
    }

  out = g_string_new (NULL);
  for (guint i = 0; i < cells->len; i++)
    {
      const Cell *c = g_ptr_array_index (cells, i);

      if (c->thousands == 0)
        continue;    /* SSB drops zero records; so do we */
      if (!format_record (self, out, c->klass == 1 ? '1' : '0', c->function, c->art,
                          c->thousands, error))
        {
          g_string_free (out, TRUE);
          return FALSE;
        }
    }
  self->data = out;
  return TRUE;
}

/* Overrides */

static void
vv_kostra_extract_finalize (GObject *object)
{
  VvKostraExtract *self = (VvKostraExtract *) object;

  g_clear_object (&self->rules);
  g_clear_object (&self->units);
  g_clear_object (&self->corrections);
  g_clear_pointer (&self->cells, g_hash_table_unref);
  g_clear_pointer (&self->home, g_hash_table_unref);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  if (self->data != NULL)
    g_string_free (g_steal_pointer (&self->data), TRUE);

  G_OBJECT_CLASS (vv_kostra_extract_parent_class)->finalize (object);
}

static void
vv_kostra_extract_class_init (VvKostraExtractClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vv_kostra_extract_finalize;
}

static void
vv_kostra_extract_init (VvKostraExtract *self)
{
  self->cells = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  self->home = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->records = g_ptr_array_new_with_free_func ((GDestroyNotify) rec_free);
  memcpy (self->skjema, "0A", 3);
  self->quarter = ' ';
}

/* Public API */

/**
 * vv_kostra_extract_new:
 * @rules: (nullable): the rule data, %NULL for the default
 * @units: the units register
 * @year: the accounting year of the ledger (and of the extract written from it)
 *
 * Returns: (transfer full): a new, empty extract
 */
VvKostraExtract *
vv_kostra_extract_new (VvRules *rules,
                       VvUnits *units,
                       int      year)
{
  VvKostraExtract *self;
  GPtrArray *functions;

  g_return_val_if_fail (rules == NULL || VV_IS_RULES (rules), NULL);
  g_return_val_if_fail (VV_IS_UNITS (units), NULL);
  g_return_val_if_fail (year >= 1000 && year <= 9999, NULL);

  self = g_object_new (VV_TYPE_KOSTRA_EXTRACT, NULL);
  self->rules = g_object_ref (rules ? rules : vv_rules_get_default ());
  self->units = g_object_ref (units);
  self->year = year;
  self->corrections = vv_corrections_new (self->rules, units, year);
  functions = vv_rules_get_functions (self->rules);
  for (guint i = 0; i < functions->len; i++)
    {
      const VvFunction *f = g_ptr_array_index (functions, i);
      guint64 code = g_ascii_strtoull (f->code, NULL, 10);

      if (f->home_service && code < 1000)
        self->home_fn[code] = 1;
    }
  return self;
}

/**
 * vv_kostra_extract_set_identity:
 * @self: a #VvKostraExtract
 * @skjema: (nullable): the form, `0A` (the default) … `0Y`
 * @region: the municipality number and `00` (6 digits), or an Oslo bydel
 * @orgnr: (nullable): the organisation number (9 digits), or %NULL
 * @quarter: 0 for the annual accounts, 1-4 for a quarter
 * @error: return location for a #GError
 *
 * Sets the fields every record of an extract written from a ledger carries.
 *
 * Returns: %TRUE when they are well formed
 */
gboolean
vv_kostra_extract_set_identity (VvKostraExtract *self,
                                const char      *skjema,
                                const char      *region,
                                const char      *orgnr,
                                int              quarter,
                                GError         **error)
{
  g_return_val_if_fail (VV_IS_KOSTRA_EXTRACT (self), FALSE);
  g_return_val_if_fail (region != NULL, FALSE);

  if (skjema == NULL)
    skjema = "0A";
  if (strlen (skjema) != 2 || skjema_allowed_classes (skjema) == NULL ||
      strpbrk (skjema_allowed_classes (skjema), "01") == NULL)
    {
      g_set_error (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_INVALID,
                   _("skjema “%s”: an extract of the accounts is 0A (municipality) or 0C "
                     "(county)"), skjema);
      return FALSE;
    }
  if (strlen (region) != 6 || !all_digits (region, 6))
    {
      g_set_error (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_INVALID,
                   _("region “%s”: give the municipality number and 00, six digits "
                     "(e.g. 460100)"), region);
      return FALSE;
    }
  if (orgnr != NULL && *orgnr != '\0' && (strlen (orgnr) != 9 || !all_digits (orgnr, 9)))
    {
      g_set_error (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_INVALID,
                   _("orgnr “%s”: an organisation number has nine digits"), orgnr);
      return FALSE;
    }
  if (quarter < 0 || quarter > 4)
    {
      g_set_error (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_INVALID,
                   _("quarter %d: give 1 to 4, or none for the annual accounts"), quarter);
      return FALSE;
    }
  memcpy (self->skjema, skjema, 3);
  g_strlcpy (self->region, region, sizeof self->region);
  g_snprintf (self->orgnr, sizeof self->orgnr, "%s", orgnr ? orgnr : "");
  self->quarter = quarter == 0 ? ' ' : (char) ('0' + quarter);
  self->identity_set = TRUE;
  return TRUE;
}

/**
 * vv_kostra_extract_add_line:
 * @self: a #VvKostraExtract
 * @line: a line of the ledger; nothing of it is kept
 *
 * Adds a ledger line: lines of other years and balance lines are left out,
 * investment lines kept apart from operating lines (unknown counts as
 * operating).
 */
void
vv_kostra_extract_add_line (VvKostraExtract    *self,
                            const VvLedgerLine *line)
{
  int klass;

  g_return_if_fail (VV_IS_KOSTRA_EXTRACT (self));
  g_return_if_fail (!self->finished);

  if ((line->year != 0 && line->year != self->year) || line->account_class == 2)
    {
      self->lines_left_out++;
      return;
    }
  klass = line->account_class == 0 ? 0 : 1;
  if (line->function < 100 || line->function > 999 || line->art == 0 || line->art > 999)
    {
      if (self->lines_no_code++ == 0)
        self->first_no_code = line->line_no;
      return;
    }
  vv_corrections_add_line (self->corrections, line);
  get_cell (self, klass, line->function, line->art)->ore += line->amount_ore;

  if (klass == 1 && self->home_fn[line->function] &&
      line->ansvar != NULL && vv_units_lookup (self->units, line->ansvar) != NULL)
    {
      char *key = g_strdup_printf ("%s\037%u", line->ansvar, line->art);
      gint64 *v = g_hash_table_lookup (self->home, key);

      if (v == NULL)
        {
          v = g_new0 (gint64, 1);
          g_hash_table_insert (self->home, key, v);
        }
      else
        g_free (key);
      *v += line->amount_ore;
    }
}

/**
 * vv_kostra_extract_add_record:
 * @self: a #VvKostraExtract
 * @record: a record of the extract to correct, as read from a KOSTRA file
 *
 * Adds a record of an existing extract (its raw text is kept). Once records
 * are added, vv_kostra_extract_finish() corrects that extract instead of
 * writing one from the ledger.
 */
void
vv_kostra_extract_add_record (VvKostraExtract    *self,
                              const VvLedgerLine *record)
{
  Rec *r;

  g_return_if_fail (VV_IS_KOSTRA_EXTRACT (self));
  g_return_if_fail (!self->finished);
  g_return_if_fail (record->raw != NULL && record->raw_len == VV_KOSTRA_RECORD_LEN);

  if (self->records->len == 0)
    {
      memcpy (self->skjema, record->raw, 2);
      self->skjema[2] = '\0';
      self->quarter = record->raw[6];
      memcpy (self->region, record->raw + 7, 6);
      self->region[6] = '\0';
    }
  else
    {
      const Rec *first = g_ptr_array_index (self->records, 0);

      if (memcmp (first->text, record->raw, 13) != 0)
        self->mixed = TRUE;
    }
  r = g_new0 (Rec, 1);
  memcpy (r->text, record->raw, VV_KOSTRA_RECORD_LEN);
  r->function = record->function;
  r->art = record->art;
  r->thousands = record->amount_ore / THOUSAND_KR;
  g_ptr_array_add (self->records, r);
}

/**
 * vv_kostra_extract_finish:
 * @self: a #VvKostraExtract
 * @error: return location for a #GError
 *
 * Writes the records: from the ledger, or the corrected extract. Call once.
 *
 * Returns: %TRUE on success
 */
gboolean
vv_kostra_extract_finish (VvKostraExtract *self,
                          GError         **error)
{
  g_return_val_if_fail (VV_IS_KOSTRA_EXTRACT (self), FALSE);
  g_return_val_if_fail (!self->finished, FALSE);

  self->finished = TRUE;
  if (self->records->len > 0)
    return finish_correcting (self, error);
  return finish_from_ledger (self, error);
}

/**
 * vv_kostra_extract_get_n_records:
 * @self: a #VvKostraExtract
 *
 * Returns: the number of records written
 */
guint
vv_kostra_extract_get_n_records (VvKostraExtract *self)
{
  guint n = 0;

  g_return_val_if_fail (VV_IS_KOSTRA_EXTRACT (self), 0);
  if (self->data == NULL)
    return 0;
  for (gsize i = 0; i < self->data->len; i++)
    n += self->data->str[i] == '\n';
  return n;
}

/**
 * vv_kostra_extract_get_n_split:
 * @self: a #VvKostraExtract
 *
 * Returns: how many 254 records of the corrected extract were split
 */
guint
vv_kostra_extract_get_n_split (VvKostraExtract *self)
{
  g_return_val_if_fail (VV_IS_KOSTRA_EXTRACT (self), 0);
  return self->n_split;
}

/**
 * vv_kostra_extract_get_lines_left_out:
 * @self: a #VvKostraExtract
 *
 * Returns: ledger lines left out: of another year, or balance lines
 */
guint64
vv_kostra_extract_get_lines_left_out (VvKostraExtract *self)
{
  g_return_val_if_fail (VV_IS_KOSTRA_EXTRACT (self), 0);
  return self->lines_left_out;
}

/**
 * vv_kostra_extract_get_total:
 * @self: a #VvKostraExtract
 * @kontoklasse: 1 drift, 0 investering
 * @function: a function, or 0 for all
 *
 * Returns: the sum of the written records, in 1000 kr
 */
gint64
vv_kostra_extract_get_total (VvKostraExtract *self,
                             int              kontoklasse,
                             guint            function)
{
  gint64 total = 0;
  const char *p;

  g_return_val_if_fail (VV_IS_KOSTRA_EXTRACT (self), 0);
  if (self->data == NULL)
    return 0;
  for (p = self->data->str; *p; p += VV_KOSTRA_RECORD_LEN + 1)
    {
      char k = p[31];
      int klass = (k == '1' || k == '3') ? 1 : (k == '0' || k == '4') ? 0 : 2;
      guint fn = (guint) g_ascii_strtoull (p + 32, NULL, 10);

      if (klass == kontoklasse && (function == 0 || fn == function))
        {
          g_autofree char *amount = g_strndup (p + 39, 9);

          total += g_ascii_strtoll (g_strchug (amount), NULL, 10);
        }
    }
  return total;
}

/**
 * vv_kostra_extract_to_data:
 * @self: a #VvKostraExtract
 *
 * Returns: (transfer full): the records, each 48 characters and a LF
 */
char *
vv_kostra_extract_to_data (VvKostraExtract *self)
{
  g_return_val_if_fail (VV_IS_KOSTRA_EXTRACT (self), NULL);
  g_return_val_if_fail (self->data != NULL, NULL);
  return g_strndup (self->data->str, self->data->len);
}

/**
 * vv_kostra_extract_write:
 * @self: a #VvKostraExtract
 * @path: the file to write, replaced atomically
 * @error: return location for a #GError
 *
 * Checks the records with vv_kostra_check() and writes them.
 *
 * Returns: %TRUE on success
 */
gboolean
vv_kostra_extract_write (VvKostraExtract *self,
                         const char      *path,
                         GError         **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  guint n_warnings = 0;

  g_return_val_if_fail (VV_IS_KOSTRA_EXTRACT (self), FALSE);
  g_return_val_if_fail (self->data != NULL, FALSE);

  if (vv_kostra_check (self->rules, self->data->str, self->data->len, problems, &n_warnings) > 0)
    {
      g_set_error (error, VV_KOSTRA_ERROR, VV_KOSTRA_ERROR_CHECK,
                   _("the extract would fail SSB's checks: %s"),
                   (char *) g_ptr_array_index (problems, 0));
      return FALSE;
    }
  return vv_export_write_atomic (path, self->data->str, self->data->len, error);
}

static void
problem (GPtrArray  *problems,
         guint64     line,
         const char *message)
{
  if (problems != NULL)
    g_ptr_array_add (problems, g_strdup_printf (_("line %llu: %s"), (unsigned long long) line,
                                                message));
}

/**
 * vv_kostra_check:
 * @rules: (nullable): the rule data, %NULL for the default
 * @data: (array length=len): a KOSTRA file extract
 * @len: its length
 * @problems: (nullable) (element-type utf8): where to add a translated
 *   message for each problem
 * @n_warnings: (out) (optional): how many problems are only warnings
 *
 * Makes the record checks of SSB's control program that we know of
 * (ledger-import-notes.md §3): record length and tabs (rule 001), mandatory
 * fields (002), one skjema, year, quarter and region throughout (003-006),
 * orgnr (007), kontoklasse for the skjema (009), function (010: 254 from 2024
 * is an error in the annual accounts and Q4, a warning in Q1-Q3; 257/258
 * before 2024), art (012), amount (014) and duplicates (015, a warning).
 *
 * Returns: the number of errors
 */
guint
vv_kostra_check (VvRules    *rules,
                 const char *data,
                 gsize       len,
                 GPtrArray  *problems,
                 guint      *n_warnings)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *p = data, *end = data + len;
  char first[14] = { 0 };
  guint64 line = 0;
  guint errors = 0, warnings = 0;

  if (rules == NULL)
    rules = vv_rules_get_default ();
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      gsize n = (nl ? nl : end) - p;
      const char *r = p;
      const char *classes;
      char fn[5];
      int year;
      gboolean balance;

      p = nl ? nl + 1 : end;
      line++;
      if (n > 0 && r[n - 1] == '\r')
        n--;
      if (n == 0)
        continue;
      if (n != VV_KOSTRA_RECORD_LEN || memchr (r, '\t', n) != NULL)
        {
          problem (problems, line, _("a record must be 48 characters long, without tabs "
                                     "(rule 001)"));
          errors++;
          continue;
        }
      if (first[0] == '\0')
        memcpy (first, r, 13);
      else if (memcmp (first, r, 13) != 0)
        {
          problem (problems, line, _("skjema, year, quarter and region differ from the first "
                                     "record (rules 003-006)"));
          errors++;
        }
      classes = skjema_allowed_classes (r);
      if (classes == NULL || !all_digits (r + 2, 4) || strchr (" 1234", r[6]) == NULL ||
          !all_digits (r + 7, 6))
        {
          problem (problems, line, _("skjema, year, quarter or region is not valid "
                                     "(rules 002-006)"));
          errors++;
          continue;
        }
      if (!(all_digits (r + 13, 9) || strspn (r + 13, " ") >= 9))
        {
          problem (problems, line, _("the orgnr is not nine digits (rule 007)"));
          errors++;
        }
      if (strchr (classes, r[31]) == NULL || r[31] == '\0')
        {
          problem (problems, line, _("the kontoklasse is not valid for the skjema (rule 009)"));
          errors++;
        }
      {
        /* rule 014: ^\s*?-?\d+$ */
        const char *a = r + 39, *ae = r + 48;

        while (a < ae && *a == ' ')
          a++;
        if (a < ae && *a == '-')
          a++;
        if (a == ae || !all_digits (a, ae - a))
          {
            problem (problems, line, _("the amount is not a right-justified whole number "
                                       "(rule 014)"));
            errors++;
          }
      }
      balance = r[31] == '2' || r[31] == '5';
      if (balance)
        continue;
      memcpy (fn, r + 32, 4);
      fn[4] = '\0';
      if (!all_digits (fn, 3) || fn[3] != ' ' || !all_digits (r + 36, 3))
        {
          problem (problems, line, _("the function must be three digits and a space, the art "
                                     "three digits (rules 010, 012)"));
          errors++;
          continue;
        }
      fn[3] = '\0';
      year = (r[2] - '0') * 1000 + (r[3] - '0') * 100 + (r[4] - '0') * 10 + (r[5] - '0');
      {
        const VvFunction *f = vv_rules_lookup_function (rules, fn);

        if (f != NULL && ((f->valid_to != 0 && year > f->valid_to) ||
                          (f->valid_from != 0 && year < f->valid_from)))
          {
            g_autofree char *msg = g_strdup_printf (_("function %s is not valid in %d "
                                                      "(rule 010)"), fn, year);

            problem (problems, line, msg);
            if (r[6] == '1' || r[6] == '2' || r[6] == '3')
              warnings++;
            else
              errors++;
          }
      }
      {
        char *key = g_strndup (r + 31, 8);

        if (!g_hash_table_add (seen, key))
          {
            problem (problems, line, _("the same kontoklasse, function and art as an earlier "
                                       "record; SSB adds them up (rule 015, a warning)"));
            warnings++;
          }
      }
    }
  if (n_warnings != NULL)
    *n_warnings = warnings;
  return errors;
}
