/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-split"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vv-format.h"
#include "vv-split-private.h"
#include "vv-split.h"

G_DEFINE_FINAL_TYPE (VvSplit, vv_split, G_TYPE_OBJECT)

G_DEFINE_QUARK (vv-split-error-quark, vv_split_error)

/* Every sum of money goes through here: past the gint64 range of øre the sum
 * stays as it was and the split remembers the first line that overflowed;
 * vv_split_check_sums() then refuses the result. */
static inline void
add_ore (VvSplit *self,
         gint64  *sum,
         gint64   amount,
         guint64  line_no)
{
  if (G_UNLIKELY (!vv_ore_add (sum, amount)) && !self->overflow)
    {
      self->overflow = TRUE;
      self->overflow_line = line_no;
    }
}

static const struct
{
  const char      *code;
  VvSplitSeverity  severity;
} kinds[VV_SPLIT_N_FINDINGS] = {
  [VV_SPLIT_FINDING_EXPIRED_FUNCTION] = { "expired-function", VV_SPLIT_SEVERITY_ERROR },
  [VV_SPLIT_FINDING_NOT_YET_VALID] = { "not-yet-valid", VV_SPLIT_SEVERITY_ERROR },
  [VV_SPLIT_FINDING_UNIT_DISAGREEMENT] = { "unit-disagreement", VV_SPLIT_SEVERITY_WARNING },
  [VV_SPLIT_FINDING_RENT_INCOME] = { "rent-income", VV_SPLIT_SEVERITY_WARNING },
  [VV_SPLIT_FINDING_BUILDING_MAINTENANCE] = { "building-maintenance", VV_SPLIT_SEVERITY_WARNING },
  [VV_SPLIT_FINDING_HVPU_GRANT] = { "hvpu-grant", VV_SPLIT_SEVERITY_WARNING },
  [VV_SPLIT_FINDING_UNASSIGNED_ANSVAR] = { "unassigned-ansvar", VV_SPLIT_SEVERITY_WARNING },
  [VV_SPLIT_FINDING_UNKNOWN_FUNCTION] = { "unknown-function", VV_SPLIT_SEVERITY_WARNING },
  [VV_SPLIT_FINDING_MIXED_YEARS] = { "mixed-years", VV_SPLIT_SEVERITY_WARNING },
  [VV_SPLIT_FINDING_REJECTED_LINE] = { "rejected-line", VV_SPLIT_SEVERITY_ERROR },
};

/* Helpers */

static VvSplitFindingKind
finding_kind_from_code (const char *code)
{
  for (guint k = 0; k < VV_SPLIT_N_FINDINGS; k++)
    if (g_strcmp0 (kinds[k].code, code) == 0)
      return (VvSplitFindingKind) k;
  return VV_SPLIT_N_FINDINGS;
}

static void
finding_free (VvSplitFinding *f)
{
  g_free (f->message);
  g_free (f->ansvar);
  g_free (f->unit_name);
  g_free (f->suggested);
  g_clear_pointer (&f->lines, g_array_unref);
  g_free (f);
}

static VvSplitFinding *
finding_new (VvSplit            *self,
             VvSplitFindingKind  kind,
             const char         *ansvar)
{
  VvSplitFinding *f = g_new0 (VvSplitFinding, 1);

  f->kind = kind;
  f->severity = kinds[kind].severity;
  f->code = kinds[kind].code;
  f->ansvar = g_strdup (ansvar ? ansvar : "");
  f->lines = g_array_sized_new (FALSE, FALSE, sizeof (guint64), 4);
  g_ptr_array_add (self->findings, f);
  return f;
}

static void
finding_add_line (VvSplit            *self,
                  VvSplitFinding     *f,
                  const VvLedgerLine *line,
                  int                 year)
{
  if (f->count == 0)
    {
      f->line = line->line_no;
      f->function = line->function;
      f->art = line->art;
      f->year = year;
    }
  f->count++;
  add_ore (self, &f->amount_ore, line->amount_ore, line->line_no);
  if (f->lines->len < VV_SPLIT_MAX_FINDING_LINES)
    g_array_append_val (f->lines, line->line_no);
}

static void
acc_add_finding (VvSplit            *self,
                 Acc                *acc,
                 VvSplitFindingKind  kind,
                 const VvLedgerLine *line,
                 int                 year)
{
  if (G_UNLIKELY (acc->findings[kind] == NULL))
    {
      acc->findings[kind] = finding_new (self, kind, acc->ansvar);
      /* SSB's control program only warns on an expired function (254) in a
       * quarterly report; the annual accounts are refused for it */
      if (kind == VV_SPLIT_FINDING_EXPIRED_FUNCTION && line->quarter > 0)
        acc->findings[kind]->severity = VV_SPLIT_SEVERITY_WARNING;
    }
  finding_add_line (self, acc->findings[kind], line, year);
}

static Acc *
get_acc (VvSplit    *self,
         const char *ansvar)
{
  Acc *acc;

  if (ansvar == NULL)
    ansvar = "";
  if (self->last_acc != NULL && strcmp (self->last_acc->ansvar, ansvar) == 0)
    return self->last_acc;
  acc = g_hash_table_lookup (self->accs, ansvar);
  if (G_UNLIKELY (acc == NULL))
    {
      acc = g_new0 (Acc, 1);
      acc->ansvar = g_string_chunk_insert_const (self->strings, ansvar);
      acc->unit = (self->units && *ansvar) ? vv_units_lookup (self->units, ansvar) : NULL;
      acc->expected_year = -1;
      g_hash_table_insert (self->accs, (char *) acc->ansvar, acc);
      g_ptr_array_add (self->acc_list, acc);
    }
  self->last_acc = acc;
  self->last_key = 0;     /* get_acc_fast() sets it when it knows it */
  return acc;
}

/* An ansvar of 1 to 15 digits as an integer key that keeps "0101" and "101"
 * apart (the number of digits is in the low four bits); 0 for any other. */
static inline guint64
ansvar_key (const char *ansvar)
{
  guint64 v = 0;
  guint n = 0;

  for (; ansvar[n] != '\0'; n++)
    {
      if (ansvar[n] < '0' || ansvar[n] > '9' || n == 15)
        return 0;
      v = v * 10 + (ansvar[n] - '0');
    }
  return n > 0 ? (v << 4) | n : 0;
}

static void
acc_keys_insert (VvSplit *self,
                 guint64  key,
                 Acc     *acc)
{
  guint mask, i;

  if ((self->acc_keys_used + 1) * 2 > self->acc_keys_size)
    {
      guint old_size = self->acc_keys_size;
      __typeof__ (self->acc_keys) old = self->acc_keys;

      self->acc_keys_size = MAX (64, old_size * 2);
      self->acc_keys = g_malloc0 (sizeof *self->acc_keys * self->acc_keys_size);
      self->acc_keys_used = 0;
      for (guint k = 0; k < old_size; k++)
        if (old[k].key != 0)
          acc_keys_insert (self, old[k].key, old[k].acc);
      g_free (old);
    }
  mask = self->acc_keys_size - 1;
  i = (key * 0x9E3779B97F4A7C15ull) >> 40 & mask;
  while (self->acc_keys[i].key != 0)
    i = (i + 1) & mask;
  self->acc_keys[i].key = key;
  self->acc_keys[i].acc = acc;
  self->acc_keys_used++;
}

/* get_acc() for a numeric ansvar without hashing its text: the lines of a
 * ledger come in no order of ansvar, so the last one seldom matches. */
static inline Acc *
get_acc_fast (VvSplit    *self,
              const char *ansvar)
{
  guint64 key = ansvar != NULL ? ansvar_key (ansvar) : 0;
  Acc *acc;

  if (key == 0)
    {
      self->last_key = 0;
      return get_acc (self, ansvar);
    }
  if (key == self->last_key)
    return self->last_acc;
  if (self->acc_keys_size > 0)
    {
      guint mask = self->acc_keys_size - 1;

      for (guint i = (key * 0x9E3779B97F4A7C15ull) >> 40 & mask; self->acc_keys[i].key != 0;
           i = (i + 1) & mask)
        if (self->acc_keys[i].key == key)
          {
            self->last_acc = self->acc_keys[i].acc;
            self->last_key = key;
            return self->last_acc;
          }
    }
  acc = get_acc (self, ansvar);
  acc_keys_insert (self, key, acc);
  self->last_key = key;
  return acc;
}

static guint
parse_code (const char *code)
{
  guint64 v = 0;

  if (code == NULL || *code == '\0')
    return 0;
  for (const char *p = code; *p; p++)
    {
      if (!g_ascii_isdigit (*p) || v >= N_FUNCTIONS)
        return 0;
      v = v * 10 + (*p - '0');
    }
  return v < N_FUNCTIONS ? (guint) v : 0;
}

/* The functions a line of @year on @acc's unit may be booked on: the unit's
 * allocation, mapped by the rule data's year rules (257 → 254 before 2024). */
static void
acc_update_expected (VvSplit *self,
                     Acc     *acc,
                     int      year)
{
  GArray *allocs = acc->unit->allocations;

  acc->n_expected = 0;
  acc->expected_year = year;
  for (guint i = 0; i < allocs->len && acc->n_expected < MAX_EXPECTED; i++)
    {
      const VvAllocation *a = &g_array_index (allocs, VvAllocation, i);
      const char *mapped = vv_rules_map_function_for_year (self->rules, a->function, year, NULL);

      acc->expected[acc->n_expected++] = parse_code (mapped ? mapped : a->function);
    }
}

static YearCount *
count_year (VvSplit *self,
            int      year)
{
  YearCount *yc = &self->years[self->last_year_index];

  if (G_LIKELY (self->n_years > 0 && yc->year == year))
    return yc;
  for (guint i = 0; i < self->n_years; i++)
    if (self->years[i].year == year)
      {
        self->last_year_index = i;
        return &self->years[i];
      }
  if (self->n_years == MAX_YEARS)
    return NULL;
  self->last_year_index = self->n_years++;
  yc = &self->years[self->last_year_index];
  memset (yc, 0, sizeof *yc);
  yc->year = year;
  return yc;
}

/**
 * vv_split_by_weights:
 * @x: an amount (may be negative)
 * @weights: (array length=n): the weights, all of one sign, not summing to 0
 * @n: number of weights, at most 32
 * @out: (array length=n) (out caller-allocates): the parts
 *
 * Divides @x in proportion to @weights so that the parts sum to @x exactly:
 * each part is rounded down (in absolute value) and the units left over go
 * to the largest remainders, the first one winning ties. Products are
 * worked out in 128 bits, so no weight or amount overflows.
 */
void
vv_split_by_weights (gint64        x,
                     const gint64 *weights,
                     guint         n,
                     gint64       *out)
{
  __int128 total = 0;
  __int128 rem[32];
  gint64 ax = x < 0 ? -x : x;
  gint64 left = ax;
  int sign = 1;

  g_return_if_fail (n <= G_N_ELEMENTS (rem));
  for (guint i = 0; i < n; i++)
    total += weights[i];
  g_return_if_fail (total != 0);
  if (total < 0)
    {
      sign = -1;
      total = -total;
    }
  for (guint i = 0; i < n; i++)
    {
      __int128 p = (__int128) ax * (sign * weights[i]);

      out[i] = (gint64) (p / total);
      rem[i] = p % total;
      left -= out[i];
    }
  while (left > 0)
    {
      guint best = 0;

      for (guint i = 1; i < n; i++)
        if (rem[i] > rem[best])
          best = i;
      out[best]++;
      rem[best] = -1;
      left--;
    }
  if (x < 0)
    for (guint i = 0; i < n; i++)
      out[i] = -out[i];
}

/**
 * vv_split_largest_remainder:
 * @total: an amount in øre (may be negative)
 * @percents: (array length=n): whole percents summing to 100
 * @n: number of percents
 * @out: (array length=n) (out caller-allocates): the shares
 *
 * Divides @total by @percents so that the shares sum to @total exactly: each
 * share is rounded down (in absolute value) and the øre left over go to the
 * largest remainders, the first one winning ties (vv_split_by_weights()).
 */
void
vv_split_largest_remainder (gint64     total,
                            const int *percents,
                            guint      n,
                            gint64    *out)
{
  gint64 weights[32];

  g_return_if_fail (n <= G_N_ELEMENTS (weights));
  for (guint i = 0; i < n; i++)
    weights[i] = percents[i];
  vv_split_by_weights (total, weights, n, out);
}

char *
_vv_split_function_code (guint function)
{
  return g_strdup_printf ("%03u", function);
}

static void
build_message (VvSplit        *self,
               VvSplitFinding *f)
{
  g_autofree char *n = vv_format_count (f->count);
  g_autofree char *lines = g_strdup_printf (ngettext ("%s line", "%s lines",
                                                      (gulong) MIN (f->count, G_MAXULONG)), n);
  g_autofree char *amount = vv_format_kroner (f->amount_ore);
  g_autofree char *first = vv_format_count (f->line);
  g_autofree char *func = _vv_split_function_code (f->function);
  g_autofree char *art = g_strdup_printf ("%03u", f->art);
  g_autofree char *ansvar = NULL;
  const VvFunction *fi = vv_rules_lookup_function (self->rules, func);

  if (*f->ansvar == '\0')
    ansvar = g_strdup (_("no ansvar"));
  else if (f->unit_name != NULL && *f->unit_name != '\0')
    ansvar = g_strdup_printf (_("ansvar %s, %s"), f->ansvar, f->unit_name);
  else
    ansvar = g_strdup_printf (_("ansvar %s"), f->ansvar);

  g_clear_pointer (&f->message, g_free);
  switch (f->kind)
    {
    case VV_SPLIT_FINDING_EXPIRED_FUNCTION:
      f->message = g_strdup_printf (_("Function %s is not in use after %d but is used in %d: "
                                      "%s, %s kr (%s), from line %s. Book it on %s."),
                                    func, fi ? fi->valid_to : f->year - 1, f->year, lines, amount,
                                    ansvar, first, f->suggested ? f->suggested : "257/258");
      break;
    case VV_SPLIT_FINDING_NOT_YET_VALID:
      f->message = g_strdup_printf (_("Function %s is only in use from %d but is used in %d: "
                                      "%s, %s kr (%s), from line %s. Book it on %s."),
                                    func, fi ? fi->valid_from : f->year + 1, f->year, lines, amount,
                                    ansvar, first, f->suggested ? f->suggested : "254");
      break;
    case VV_SPLIT_FINDING_UNIT_DISAGREEMENT:
      f->message = g_strdup_printf (_("Booked on function %s, but the unit is classified as "
                                      "%s: %s, %s kr (%s), from line %s."),
                                    func, f->suggested, lines, amount, ansvar, first);
      break;
    case VV_SPLIT_FINDING_RENT_INCOME:
      f->message = g_strdup_printf (_("Rent income (art %s) on home-service function %s: %s, %s kr "
                                      "(%s), from line %s. Rent from residents belongs on %s."),
                                    art, func, lines, amount, ansvar, first, f->suggested);
      break;
    case VV_SPLIT_FINDING_BUILDING_MAINTENANCE:
      f->message = g_strdup_printf (_("Building maintenance (art %s) on home-service function "
                                      "%s: %s, %s kr (%s), from line %s. Upkeep of municipal "
                                      "dwellings let to residents belongs on %s."),
                                    art, func, lines, amount, ansvar, first, f->suggested);
      break;
    case VV_SPLIT_FINDING_HVPU_GRANT:
      f->message = g_strdup_printf (_("State grant (art %s) on home-service function %s: %s, %s kr "
                                      "(%s), from line %s. If it is the HVPU host-municipality "
                                      "grant, it belongs on %s."),
                                    art, func, lines, amount, ansvar, first, f->suggested);
      break;
    case VV_SPLIT_FINDING_UNASSIGNED_ANSVAR:
      if (*f->ansvar == '\0')
        f->message = g_strdup_printf (_("Home-service money without ansvar cannot be split by "
                                        "unit: %s, %s kr, from line %s."),
                                      lines, amount, first);
      else
        f->message = g_strdup_printf (_("Ansvar %s is not in the units register, so its "
                                        "home-service money is unassigned: %s, %s kr, from "
                                        "line %s. Classify the unit."),
                                      f->ansvar, lines, amount, first);
      break;
    case VV_SPLIT_FINDING_UNKNOWN_FUNCTION:
      if (f->function == 0)
        f->message = g_strdup_printf (_("No KOSTRA function: %s, %s kr (%s), from line %s."),
                                      lines, amount, ansvar, first);
      else
        f->message = g_strdup_printf (_("Function %s is not a KOSTRA function: %s, %s kr (%s), "
                                        "from line %s."),
                                      func, lines, amount, ansvar, first);
      break;
    case VV_SPLIT_FINDING_MIXED_YEARS:
      f->message = g_strdup_printf (_("Lines from %d, not %d: %s, %s kr, from line %s. Split one "
                                      "accounting year at a time."),
                                    f->year, self->year, lines, amount, first);
      break;
    case VV_SPLIT_FINDING_REJECTED_LINE:
      f->message = g_strdup_printf (_("Lines that could not be read are left out: %s, from line %s "
                                      "(%s)."),
                                    lines, first, self->reject_reason ? self->reject_reason : "");
      break;
    case VV_SPLIT_N_FINDINGS:
    default:
      g_assert_not_reached ();
    }
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const VvSplitFinding *fa = *(VvSplitFinding * const *) a;
  const VvSplitFinding *fb = *(VvSplitFinding * const *) b;

  if (fa->severity != fb->severity)
    return fa->severity > fb->severity ? -1 : 1;
  if (fa->line != fb->line)
    return fa->line < fb->line ? -1 : 1;
  return (int) fa->kind - (int) fb->kind;
}

/* Ansvar codes are mostly numbers: shorter numbers first, then text order. */
static int
compare_ansvars (gconstpointer a,
                 gconstpointer b)
{
  const char *aa = (*(VvSplitAnsvar * const *) a)->ansvar;
  const char *ab = (*(VvSplitAnsvar * const *) b)->ansvar;
  gsize la = strlen (aa), lb = strlen (ab);

  if (la != lb && aa[strspn (aa, "0123456789")] == '\0' && ab[strspn (ab, "0123456789")] == '\0')
    return la < lb ? -1 : 1;
  return strcmp (aa, ab);
}

/* Overrides */

static void
vv_split_finalize (GObject *object)
{
  VvSplit *self = (VvSplit *) object;

  g_clear_pointer (&self->fn_info, g_free);
  g_clear_pointer (&self->booked, g_free);
  g_clear_pointer (&self->seen, g_free);
  g_clear_pointer (&self->accs, g_hash_table_unref);
  g_clear_pointer (&self->acc_keys, g_free);
  g_clear_pointer (&self->acc_list, g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->ansvars, g_ptr_array_unref);
  g_clear_pointer (&self->reject_reason, g_free);
  g_clear_object (&self->units);
  g_clear_object (&self->rules);

  G_OBJECT_CLASS (vv_split_parent_class)->finalize (object);
}

static void
vv_split_class_init (VvSplitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vv_split_finalize;
}

static void
vv_split_init (VvSplit *self)
{
  self->fn_info = g_new0 (const VvFunction *, N_FUNCTIONS);
  self->booked = g_new0 (gint64, N_FUNCTIONS);
  self->seen = g_new0 (guint8, N_FUNCTIONS);
  self->accs = g_hash_table_new (g_str_hash, g_str_equal);
  self->acc_list = g_ptr_array_new_with_free_func (g_free);
  self->ansvars = g_ptr_array_new ();
  self->strings = g_string_chunk_new (4096);
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) finding_free);
}

/* Public API */

/**
 * vv_split_new:
 * @rules: (nullable): the rule data, %NULL for the default
 * @units: (nullable): the units register; without it all home-service money
 *   is unassigned
 *
 * Returns: (transfer full): a new, empty split
 */
VvSplit *
vv_split_new (VvRules *rules,
              VvUnits *units)
{
  VvSplit *self;
  GPtrArray *functions;
  GPtrArray *checks;

  g_return_val_if_fail (rules == NULL || VV_IS_RULES (rules), NULL);
  g_return_val_if_fail (units == NULL || VV_IS_UNITS (units), NULL);

  self = g_object_new (VV_TYPE_SPLIT, NULL);
  self->rules = g_object_ref (rules ? rules : vv_rules_get_default ());
  self->units = units ? g_object_ref (units) : NULL;
  functions = vv_rules_get_functions (self->rules);
  for (guint i = 0; i < functions->len; i++)
    {
      const VvFunction *f = g_ptr_array_index (functions, i);
      guint code = parse_code (f->code);

      if (code != 0)
        self->fn_info[code] = f;
    }
  checks = vv_rules_get_ledger_checks (self->rules);
  for (guint i = 0; i < checks->len; i++)
    {
      const VvLedgerCheck *c = g_ptr_array_index (checks, i);
      VvSplitFindingKind kind = finding_kind_from_code (c->finding);

      /* The rules' validator allows only the kinds below. */
      g_assert (kind == VV_SPLIT_FINDING_RENT_INCOME ||
                kind == VV_SPLIT_FINDING_BUILDING_MAINTENANCE ||
                kind == VV_SPLIT_FINDING_HVPU_GRANT);
      self->art_function[kind] = c->function;
      for (guint j = 0; j < c->arts->len; j++)
        {
          const VvArtRange *r = &g_array_index (c->arts, VvArtRange, j);

          for (int art = r->min; art <= r->max; art++)
            self->art_check[art] = (guint8) (kind + 1);
        }
    }
  return self;
}

/**
 * vv_split_set_year:
 * @self: a #VvSplit
 * @year: the accounting year, or 0 to take it from the lines
 *
 * Sets the year of the split (`--year`). Lines without a year are taken to be
 * of this year; lines of other years are counted and reported.
 */
void
vv_split_set_year (VvSplit *self,
                   int      year)
{
  g_return_if_fail (VV_IS_SPLIT (self));
  g_return_if_fail (!self->finished);
  self->forced_year = year;
}

/**
 * vv_split_add_line:
 * @self: a #VvSplit
 * @line: a ledger line; nothing of it is kept
 *
 * Adds one line to the totals and checks it. Lines of account class 0
 * (investment) are counted as excluded and otherwise ignored.
 */
void
vv_split_add_line (VvSplit            *self,
                   const VvLedgerLine *line)
{
  const VvFunction *fi = NULL;
  guint function = line->function;
  int year = line->year ? line->year : self->forced_year;
  YearCount *yc;
  Acc *acc;

  g_return_if_fail (VV_IS_SPLIT (self));
  g_return_if_fail (!self->finished);

  self->lines_read++;
  /* Only operating accounts (drift) belong to the split: investment (0) and
   * balance (2) lines are counted as excluded. Unknown (-1) counts as drift. */
  if (line->account_class != 1 && line->account_class != -1)
    {
      self->lines_excluded++;
      return;
    }

  yc = count_year (self, year);
  if (G_LIKELY (yc != NULL))
    {
      if (yc->count == 0)
        yc->first_line = line->line_no;
      yc->count++;
      add_ore (self, &yc->amount_ore, line->amount_ore, line->line_no);
      if (yc->n_lines < VV_SPLIT_MAX_FINDING_LINES)
        yc->lines[yc->n_lines++] = line->line_no;
    }

  if (G_LIKELY (function < N_FUNCTIONS))
    {
      add_ore (self, &self->booked[function], line->amount_ore, line->line_no);
      self->seen[function] = 1;
      fi = self->fn_info[function];
    }

  if (G_UNLIKELY (function < 100 || function > 899))
    {
      acc = get_acc_fast (self, line->ansvar);
      acc_add_finding (self, acc, VV_SPLIT_FINDING_UNKNOWN_FUNCTION, line, year);
    }

  if (fi == NULL || !fi->home_service)
    return;

  /* Home-service money: every line on a home-service function, whatever the
   * year, so that money booked on an expired function is split too. */
  acc = get_acc_fast (self, line->ansvar);
  add_ore (self, &acc->home_ore, line->amount_ore, line->line_no);
  acc->home_lines++;
  add_ore (self, &self->home_total, line->amount_ore, line->line_no);

  if (year != 0 && fi->valid_to != 0 && year > fi->valid_to)
    acc_add_finding (self, acc, VV_SPLIT_FINDING_EXPIRED_FUNCTION, line, year);
  else if (year != 0 && fi->valid_from != 0 && year < fi->valid_from)
    acc_add_finding (self, acc, VV_SPLIT_FINDING_NOT_YET_VALID, line, year);
  else if (acc->unit != NULL && year != 0)
    {
      gboolean ok = FALSE;

      if (acc->expected_year != year)
        acc_update_expected (self, acc, year);
      for (guint i = 0; i < acc->n_expected && !ok; i++)
        ok = acc->expected[i] == function;
      if (!ok)
        acc_add_finding (self, acc, VV_SPLIT_FINDING_UNIT_DISAGREEMENT, line, year);
    }

  if (acc->unit == NULL)
    acc_add_finding (self, acc, VV_SPLIT_FINDING_UNASSIGNED_ANSVAR, line, year);

  if (G_UNLIKELY (line->art < N_ARTS && self->art_check[line->art] != 0))
    acc_add_finding (self, acc, self->art_check[line->art] - 1, line, year);
}

/**
 * vv_split_check_sums:
 * @self: a finished #VvSplit
 * @filename: (nullable): the ledger's name for the message
 * @error: return location for a #GError
 *
 * Refuses a split whose sums left the range of whole øre a gint64 holds
 * (about ±92 233 720 billion kroner): such sums are never shown wrapped.
 * The message names the file and the line whose amount overflowed.
 *
 * Returns: %TRUE if every sum is exact
 */
gboolean
vv_split_check_sums (VvSplit     *self,
                     const char  *filename,
                     GError     **error)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), FALSE);

  if (!self->overflow)
    return TRUE;
  if (self->overflow_line > 0)
    {
      g_autofree char *line = g_strdup_printf ("%" G_GUINT64_FORMAT, self->overflow_line);

      g_set_error (error, VV_SPLIT_ERROR, VV_SPLIT_ERROR_OVERFLOW,
                   _("%s:%s: the amounts add up to more than 92 233 720 368 547 758,07 kr; "
                     "the sums cannot be counted (check the amount column)"),
                   filename != NULL ? filename : "-", line);
    }
  else
    g_set_error (error, VV_SPLIT_ERROR, VV_SPLIT_ERROR_OVERFLOW,
                 _("%s: the amounts add up to more than 92 233 720 368 547 758,07 kr; "
                   "the sums cannot be counted (check the amount column)"),
                 filename != NULL ? filename : "-");
  return FALSE;
}

/**
 * vv_split_add_reject:
 * @self: a #VvSplit
 * @line_no: the line that could not be read
 * @field: (nullable): the column concerned
 * @message: why, translated
 *
 * Counts a line the reader rejected; the first one's reason is kept for the
 * "rejected-line" finding.
 */
void
vv_split_add_reject (VvSplit    *self,
                     guint64     line_no,
                     const char *field,
                     const char *message)
{
  VvLedgerLine line = { 0 };

  g_return_if_fail (VV_IS_SPLIT (self));
  g_return_if_fail (!self->finished);

  self->lines_rejected++;
  if (self->rejected == NULL)
    {
      self->rejected = finding_new (self, VV_SPLIT_FINDING_REJECTED_LINE, NULL);
      if (field != NULL)
        self->reject_reason = g_strdup_printf (_("field “%s”: %s"), field, message ? message : "");
      else
        self->reject_reason = g_strdup (message ? message : "");
    }
  line.line_no = line_no;
  finding_add_line (self, self->rejected, &line, 0);
}

/**
 * vv_split_finish:
 * @self: a #VvSplit
 *
 * Decides the year, divides each unit's home-service money by its allocation
 * (øre-exact: largest remainder per unit) and writes the findings' messages
 * in the current language. Call once, after the last line.
 */
void
vv_split_finish (VvSplit *self)
{
  g_return_if_fail (VV_IS_SPLIT (self));
  g_return_if_fail (!self->finished);

  self->finished = TRUE;

  /* The year: --year, else the year most lines have (the later one on a tie). */
  self->year = self->forced_year;
  if (self->year == 0)
    {
      const YearCount *best = NULL;

      for (guint i = 0; i < self->n_years; i++)
        {
          const YearCount *yc = &self->years[i];

          if (yc->year != 0 && (best == NULL || yc->count > best->count ||
                                (yc->count == best->count && yc->year > best->year)))
            best = yc;
        }
      self->year = best ? best->year : 0;
    }
  for (guint i = 0; i < self->n_years; i++)
    {
      const YearCount *yc = &self->years[i];
      VvSplitFinding *f;

      if (yc->year == 0 || yc->year == self->year || yc->count == 0)
        continue;
      f = finding_new (self, VV_SPLIT_FINDING_MIXED_YEARS, NULL);
      f->line = yc->first_line;
      f->year = yc->year;
      f->count = yc->count;
      f->amount_ore = yc->amount_ore;
      g_array_append_vals (f->lines, yc->lines, yc->n_lines);
    }

  for (guint i = 0; i < self->acc_list->len; i++)
    {
      Acc *acc = g_ptr_array_index (self->acc_list, i);

      acc->pub.ansvar = acc->ansvar;
      acc->pub.unit_name = acc->unit ? acc->unit->name : NULL;
      acc->pub.home_lines = acc->home_lines;
      acc->pub.home_ore = acc->home_ore;
      if (acc->home_lines > 0)
        g_ptr_array_add (self->ansvars, acc);

      if (acc->unit == NULL)
        add_ore (self, &self->home_no_unit, acc->home_ore, 0);
      else
        {
          GArray *allocs = acc->unit->allocations;
          g_autofree int *percents = g_new (int, allocs->len);
          g_autofree gint64 *shares = g_new (gint64, allocs->len);

          for (guint j = 0; j < allocs->len; j++)
            percents[j] = g_array_index (allocs, VvAllocation, j).percent;
          vv_split_largest_remainder (acc->home_ore, percents, allocs->len, shares);
          for (guint j = 0; j < allocs->len; j++)
            {
              const char *func = g_array_index (allocs, VvAllocation, j).function;

              if (g_str_equal (func, "257"))
                add_ore (self, &acc->pub.ore_257, shares[j], 0);
              else if (g_str_equal (func, "258"))
                add_ore (self, &acc->pub.ore_258, shares[j], 0);
              else
                add_ore (self, &acc->pub.ore_other, shares[j], 0);
            }
          add_ore (self, &self->home_257, acc->pub.ore_257, 0);
          add_ore (self, &self->home_258, acc->pub.ore_258, 0);
          add_ore (self, &self->home_other, acc->pub.ore_other, 0);
        }

      for (guint k = 0; k < VV_SPLIT_N_FINDINGS; k++)
        {
          VvSplitFinding *f = acc->findings[k];

          if (f == NULL)
            continue;
          if (acc->unit != NULL)
            {
              f->unit_name = g_strdup (acc->unit->name);
              if (k == VV_SPLIT_FINDING_EXPIRED_FUNCTION || k == VV_SPLIT_FINDING_NOT_YET_VALID ||
                  k == VV_SPLIT_FINDING_UNIT_DISAGREEMENT)
                {
                  /* Where the unit's classification puts it in that year. */
                  GString *s = g_string_new (NULL);
                  GArray *allocs = acc->unit->allocations;

                  for (guint j = 0; j < allocs->len; j++)
                    {
                      const VvAllocation *a = &g_array_index (allocs, VvAllocation, j);
                      const char *m = vv_rules_map_function_for_year (self->rules, a->function,
                                                                      f->year, NULL);

                      g_string_append_printf (s, "%s%s:%d", j ? " " : "", m ? m : a->function,
                                              a->percent);
                    }
                  f->suggested = g_string_free (s, FALSE);
                }
            }
          if (f->suggested == NULL)
            {
              g_autofree char *func = _vv_split_function_code (f->function);

              switch (k)
                {
                case VV_SPLIT_FINDING_EXPIRED_FUNCTION:
                  f->suggested = g_strdup ("257/258");
                  break;
                case VV_SPLIT_FINDING_NOT_YET_VALID:
                  {
                    const char *m = vv_rules_map_function_for_year (self->rules, func,
                                                                    f->year, NULL);

                    f->suggested = g_strdup (m && !g_str_equal (m, func) ? m : "254");
                  }
                  break;
                case VV_SPLIT_FINDING_RENT_INCOME:
                case VV_SPLIT_FINDING_BUILDING_MAINTENANCE:
                case VV_SPLIT_FINDING_HVPU_GRANT:
                  f->suggested = g_strdup (self->art_function[k]);
                  break;
                default:
                  break;
                }
            }
        }
    }
  g_assert (self->home_257 + self->home_258 + self->home_no_unit + self->home_other ==
            self->home_total);

  for (guint i = 0; i < self->findings->len; i++)
    build_message (self, g_ptr_array_index (self->findings, i));
  g_ptr_array_sort (self->findings, compare_findings);
  g_ptr_array_sort (self->ansvars, compare_ansvars);
}

/**
 * vv_split_get_year:
 * @self: a #VvSplit
 *
 * Returns: the accounting year (after vv_split_finish()), 0 if unknown
 */
int
vv_split_get_year (VvSplit *self)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), 0);
  return self->finished ? self->year : self->forced_year;
}

/**
 * vv_split_get_lines_read:
 * @self: a #VvSplit
 *
 * Returns: the number of lines added, excluded ones included
 */
guint64
vv_split_get_lines_read (VvSplit *self)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), 0);
  return self->lines_read;
}

/**
 * vv_split_get_lines_rejected:
 * @self: a #VvSplit
 *
 * Returns: the number of lines the reader could not read
 */
guint64
vv_split_get_lines_rejected (VvSplit *self)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), 0);
  return self->lines_rejected;
}

/**
 * vv_split_get_lines_excluded:
 * @self: a #VvSplit
 *
 * Returns: the number of investment (account class 0) lines left out
 */
guint64
vv_split_get_lines_excluded (VvSplit *self)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), 0);
  return self->lines_excluded;
}

/**
 * vv_split_get_functions:
 * @self: a #VvSplit
 *
 * The functions reported in `booked`: those with lines, and those the units
 * register allocates to.
 *
 * Returns: (transfer full) (element-type guint): function codes, ascending
 */
GArray *
vv_split_get_functions (VvSplit *self)
{
  GArray *out;
  g_autofree guint8 *want = NULL;

  g_return_val_if_fail (VV_IS_SPLIT (self), NULL);

  want = g_memdup2 (self->seen, N_FUNCTIONS);
  for (guint i = 0; self->units && i < vv_units_get_n_units (self->units); i++)
    {
      const VvUnit *u = vv_units_get_unit (self->units, i);

      for (guint j = 0; j < u->allocations->len; j++)
        want[parse_code (g_array_index (u->allocations, VvAllocation, j).function)] = 1;
    }
  out = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint f = 0; f < N_FUNCTIONS; f++)
    if (want[f])
      g_array_append_val (out, f);
  return out;
}

/**
 * vv_split_get_booked:
 * @self: a #VvSplit
 * @function: a function code, e.g. 254
 *
 * Returns: the sum of the (non-investment) lines booked on @function, in øre
 */
gint64
vv_split_get_booked (VvSplit *self,
                     guint    function)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), 0);
  return function < N_FUNCTIONS ? self->booked[function] : 0;
}

/**
 * vv_split_get_home_total:
 * @self: a #VvSplit
 *
 * Returns: all home-service money (lines on 254, 257 and 258), in øre
 */
gint64
vv_split_get_home_total (VvSplit *self)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), 0);
  return self->home_total;
}

/**
 * vv_split_get_home_257:
 * @self: a #VvSplit
 *
 * Returns: the home-service money the units register puts on 257, in øre
 */
gint64
vv_split_get_home_257 (VvSplit *self)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), 0);
  return self->home_257;
}

/**
 * vv_split_get_home_258:
 * @self: a #VvSplit
 *
 * Returns: the home-service money the units register puts on 258, in øre
 */
gint64
vv_split_get_home_258 (VvSplit *self)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), 0);
  return self->home_258;
}

/**
 * vv_split_get_home_unassigned:
 * @self: a #VvSplit
 *
 * Home-service money not put on 257 or 258: on an ansvar without a unit, plus
 * the part units allocate to other functions (vv_split_get_home_other()).
 * 257 + 258 + unassigned is always the home-service total.
 *
 * Returns: the amount in øre
 */
gint64
vv_split_get_home_unassigned (VvSplit *self)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), 0);
  return self->home_no_unit + self->home_other;
}

/**
 * vv_split_get_home_other:
 * @self: a #VvSplit
 *
 * Returns: the part of the unassigned money that units classify as another
 *   function than 257/258 (e.g. a day centre, 234), in øre
 */
gint64
vv_split_get_home_other (VvSplit *self)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), 0);
  return self->home_other;
}

/**
 * vv_split_get_findings:
 * @self: a #VvSplit
 *
 * Returns: (transfer none) (element-type VvSplitFinding): the findings,
 *   errors first, then by line
 */
GPtrArray *
vv_split_get_findings (VvSplit *self)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), NULL);
  return self->findings;
}

/**
 * vv_split_get_ansvars:
 * @self: a finished #VvSplit
 *
 * Every ansvar with home-service lines, with its money and how its unit
 * divides it; those without a unit are the unassigned ones to classify.
 *
 * Returns: (transfer none) (element-type VvSplitAnsvar): the ansvar, sorted
 */
GPtrArray *
vv_split_get_ansvars (VvSplit *self)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), NULL);
  return self->ansvars;
}

/* SQL for vv_split_finding_condition(): the same tests as
 * vv_split_add_line(), over the columns of the ledger_lines table. Only
 * integers from the rule data and the units register are written into it. */

#define DRIFT_CONDITION "account_class IN (1, -1)"

/* "function IN (254, 257, 258)": the rules' home-service functions. */
static void
append_home_condition (VvSplit *self,
                       GString *sql)
{
  gboolean first = TRUE;

  g_string_append (sql, DRIFT_CONDITION " AND function IN (");
  for (guint code = 0; code < N_FUNCTIONS; code++)
    if (self->fn_info[code] != NULL && self->fn_info[code]->home_service)
      {
        g_string_append_printf (sql, "%s%u", first ? "" : ", ", code);
        first = FALSE;
      }
  if (first)
    g_string_append (sql, "NULL");
  g_string_append_c (sql, ')');
}

/* A home-service function used outside its years: expired (valid_to) or
 * not yet in use (valid_from). */
static void
append_validity_condition (VvSplit *self,
                           GString *sql,
                           gboolean expired)
{
  gboolean first = TRUE;

  g_string_append_c (sql, '(');
  for (guint code = 0; code < N_FUNCTIONS; code++)
    {
      const VvFunction *fi = self->fn_info[code];

      if (fi == NULL || !fi->home_service || (expired ? fi->valid_to : fi->valid_from) == 0)
        continue;
      g_string_append (sql, first ? "" : " OR ");
      if (expired)
        g_string_append_printf (sql, "(function = %u AND year > %d)", code, fi->valid_to);
      else
        g_string_append_printf (sql, "(function = %u AND year BETWEEN 1 AND %d)", code,
                                fi->valid_from - 1);
      first = FALSE;
    }
  g_string_append (sql, first ? "0)" : ")");
}

/* "(art BETWEEN 630 AND 639)": the arts of the ledger check for @kind. */
static void
append_art_condition (VvSplit            *self,
                      GString            *sql,
                      VvSplitFindingKind  kind)
{
  gboolean first = TRUE;

  g_string_append_c (sql, '(');
  for (guint art = 0; art < N_ARTS; art++)
    {
      guint last = art;

      if (self->art_check[art] != kind + 1)
        continue;
      while (last + 1 < N_ARTS && self->art_check[last + 1] == kind + 1)
        last++;
      g_string_append_printf (sql, "%sart BETWEEN %u AND %u", first ? "" : " OR ", art, last);
      first = FALSE;
      art = last;
    }
  g_string_append (sql, first ? "0)" : ")");
}

/**
 * vv_split_finding_condition:
 * @self: a finished #VvSplit
 * @finding: one of its findings
 * @by_ansvar: (out): whether the lines are also those of the finding's ansvar
 *
 * An SQL condition over the columns of the `ledger_lines` table (year,
 * ansvar, function, art, account_class …) that picks the lines the split
 * counted for @finding, for drill-down. Derived from the same rule data as
 * vv_split_add_line(): the home-service functions and their years, the
 * ledger checks by art, the units register.
 *
 * Returns: (transfer full) (nullable): the condition, or %NULL for a
 *   finding without stored lines (rejected lines)
 */
char *
vv_split_finding_condition (VvSplit              *self,
                            const VvSplitFinding *finding,
                            gboolean             *by_ansvar)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  g_return_val_if_fail (VV_IS_SPLIT (self), NULL);
  g_return_val_if_fail (finding != NULL, NULL);
  g_return_val_if_fail (by_ansvar != NULL, NULL);

  *by_ansvar = TRUE;
  switch (finding->kind)
    {
    case VV_SPLIT_FINDING_EXPIRED_FUNCTION:
    case VV_SPLIT_FINDING_NOT_YET_VALID:
      append_home_condition (self, sql);
      g_string_append (sql, " AND ");
      append_validity_condition (self, sql,
                                 finding->kind == VV_SPLIT_FINDING_EXPIRED_FUNCTION);
      break;
    case VV_SPLIT_FINDING_UNASSIGNED_ANSVAR:
      append_home_condition (self, sql);
      break;
    case VV_SPLIT_FINDING_RENT_INCOME:
    case VV_SPLIT_FINDING_BUILDING_MAINTENANCE:
    case VV_SPLIT_FINDING_HVPU_GRANT:
      append_home_condition (self, sql);
      g_string_append (sql, " AND ");
      append_art_condition (self, sql, finding->kind);
      break;
    case VV_SPLIT_FINDING_UNKNOWN_FUNCTION:
      g_string_append (sql, DRIFT_CONDITION " AND (function < 100 OR function > 899)");
      break;
    case VV_SPLIT_FINDING_MIXED_YEARS:
      *by_ansvar = FALSE;
      g_string_append_printf (sql, DRIFT_CONDITION " AND year = %d", finding->year);
      break;
    case VV_SPLIT_FINDING_UNIT_DISAGREEMENT:
      {
        const VvUnit *unit = self->units != NULL ? vv_units_lookup (self->units, finding->ansvar)
                                                 : NULL;

        if (unit == NULL)
          return NULL;
        append_home_condition (self, sql);
        g_string_append_printf (sql, " AND year = %d AND NOT ", finding->year);
        append_validity_condition (self, sql, TRUE);
        g_string_append (sql, " AND NOT ");
        append_validity_condition (self, sql, FALSE);
        g_string_append (sql, " AND function NOT IN (");
        for (guint i = 0; i < unit->allocations->len; i++)
          {
            const VvAllocation *a = &g_array_index (unit->allocations, VvAllocation, i);
            const char *mapped = vv_rules_map_function_for_year (self->rules, a->function,
                                                                 finding->year, NULL);

            g_string_append_printf (sql, "%s%u", i ? ", " : "",
                                    parse_code (mapped != NULL ? mapped : a->function));
          }
        g_string_append_c (sql, ')');
      }
      break;
    case VV_SPLIT_FINDING_REJECTED_LINE:
    case VV_SPLIT_N_FINDINGS:
    default:
      return NULL;
    }
  return g_string_free (g_steal_pointer (&sql), FALSE);
}
